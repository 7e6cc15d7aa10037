"""The EPUB's identifier: one for each edition, and given by toc.ncx as by the package (content.opf).

Readers and EPUB libraries take two books with one identifier for two copies of one book, so a student
edition would replace the instructor edition on a reader's device. The reader edition keeps
``epub_identifier`` as conf.py sets it; the others add their edition after a ``#``
(``…/book#student``). ``checks_edition`` comes from ``-D``, which conf.py cannot see, so the identifier is
made here, once the configuration is read.

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
from sphinx.config import Config


def edition_identifier(identifier: str, edition: str) -> str:
    """The identifier of ``edition``'s EPUB, from the reader edition's."""
    return identifier if edition == "reader" else f"{identifier}#{edition}"


def _config_inited(app: Sphinx, config: Config) -> None:
    # A build without the checks extension (the benchmarks' baselines) has no editions: the reader's identifier.
    edition = config.checks_edition if "checks_edition" in config else "reader"
    config.epub_identifier = edition_identifier(config.epub_identifier, edition)


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
    # After the checks extension has read the edition, and set it back to "reader" if it names none.
    app.connect("config-inited", _config_inited, priority=600)
    app.connect("builder-inited", _builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
