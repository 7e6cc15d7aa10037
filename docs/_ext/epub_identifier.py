"""The EPUB's toc.ncx names the book by its identifier, as its package (content.opf) does.

Sphinx writes ``epub_uid`` into the NCX's ``dtb:uid``, but ``epub_uid`` is the XML
id of the package's ``dc:identifier`` element, not its value (``epub_identifier``),
and EPUBCheck requires the two files to give the same identifier (NCX-001). With
Sphinx's default of "unknown" for both settings the two happened to agree. Here
the NCX gets the identifier itself (Sphinx issue 11184).
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders._epub_base import EpubBuilder


def _builder_inited(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, EpubBuilder):
        return
    sphinx_metadata = builder.toc_metadata

    def toc_metadata(level: int, navpoints: list[Any]) -> dict[str, Any]:
        metadata = sphinx_metadata(level, navpoints)
        metadata["uid"] = html.escape(builder.config.epub_identifier)
        return metadata

    builder.toc_metadata = toc_metadata  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
