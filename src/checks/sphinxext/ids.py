"""Renaming ids in a doctree, and the references that name them.

Docutils numbers ids per document (``id9``, a citation's ``id52``), so they repeat
once content from several documents shares a page: the answers appendix copies
solutions from every chapter, and a single-page build joins every document.
Renamed there, an id must stay the target of the references to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from docutils import nodes


def rename_ids(elements: Iterable[tuple[nodes.Element, Mapping[str, str]]]) -> None:
    """Rename each element's ids and its references to ids (``refid``, ``backrefs``) by the mapping given with it.

    The mapping goes with each element because the same old id may mean a different
    target in each document of a joined tree; an id the mapping does not hold keeps its name.
    """
    for element, renamed in elements:
        element["ids"] = [renamed.get(i, i) for i in element["ids"]]
        if element.get("backrefs"):
            element["backrefs"] = [renamed.get(i, i) for i in element["backrefs"]]
        if element.get("refid") in renamed:
            element["refid"] = renamed[element["refid"]]
