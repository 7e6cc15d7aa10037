"""Repairs the single-page HTML that the WeasyPrint PDF route prints.

Sphinx's single-page builders write cross-document links as
``#document-<doc>#<label>`` (sphinx-doc/sphinx#14221); a URL fragment cannot
hold a second ``#``, so WeasyPrint drops them as undefined anchors. The label
is unique in the single page, so the link only needs its last part.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

_DOUBLE_FRAGMENT = re.compile(r'href="#document-[^"#]*#([^"#]+)"')
_SINGLE_PAGE_BUILDERS = frozenset({"singlehtml", "simplepdf"})


def repair_links(html: str) -> str:
    """Rewrite ``#document-x#label`` links to ``#label``."""
    return _DOUBLE_FRAGMENT.sub(r'href="#\1"', html)


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name not in _SINGLE_PAGE_BUILDERS:
        return
    # The links sit in the body and in the rendered table of contents.
    for key, value in context.items():
        if isinstance(value, str) and "#document-" in value:
            context[key] = repair_links(value)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _on_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
