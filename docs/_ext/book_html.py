"""Accessible markup for the book's bibliography in HTML.

Docutils writes a run of citations as ``<div role="list">`` holding
``<div role="doc-biblioentry">`` items. ``doc-biblioentry`` is deprecated in
DPUB-ARIA 1.1 and not allowed on a ``div``, and a ``list`` must own
``listitem`` children, so axe-core reports three violations on the references
page (aria-deprecated-role, aria-allowed-role, aria-required-children). The
citations here keep the same elements and classes, so the theme styles them as
before, and give each item the ``listitem`` role instead.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

Translator = Any  # sphinx.writers.html5.HTML5Translator


def visit_citation(self: Translator, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: Translator, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


def setup(app: Sphinx) -> dict[str, Any]:
    # Registered for the html format: the web pages, and the single page the PDF and EPUB are made from.
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
