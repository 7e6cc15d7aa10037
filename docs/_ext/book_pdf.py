"""Repairs the single-page HTML that the WeasyPrint PDF route prints.

Sphinx's single-page builders write cross-document links as
``#document-<doc>#<id>`` (sphinx-doc/sphinx#14221); a URL fragment cannot
hold a second ``#``, so WeasyPrint drops them as undefined anchors. The links
keep only their last part, which must then name one element of the page: the
ids docutils numbers per document (``id3``, ``index-0``) and the ids of
sections that share a title (every chapter has a "Self-check") repeat once the
documents are joined, and a link to a repeated id lands in whichever document
comes first. So ids that more than one document uses get the document's name
in front, and the links to them follow. Ids that Sphinx looks numbers up by
(figures, tables, exercises; sections in ``singlehtml``) keep their names.

The PDF gets print rules of its own (book_pdf_static/book-pdf.css): pages
break before chapters only, and headings, exercise titles and table captions
stay with what follows them.

Documents that the PDF leaves out (the start page puts the toctree of pages
for instructors and authors in ``{only} not (simplepdf or epub)``) still
appear in the table of contents Sphinx renders for the sidebar, which ignores
``only``; the PDF's contents drop entries whose targets are not in the page.

In the PDF, a scaled figure's link to its full-size image file would be a
``file://`` link into the build folder, so the PDF route prints the image alone.

A section's anchors (its own id, the labels just before it and, for the first
section of a document, the ``document-<doc>`` span) sit before its heading.
When WeasyPrint moves the heading to the next page (a chapter's page break,
or a heading kept with what follows), those anchors stay at the foot of the
page before, and the contents, whose page numbers come from the anchors, give
one page too few. So in the PDF the anchors move into the heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from checks.sphinxext.ids import rename_ids

_DOUBLE_FRAGMENT = re.compile(r'href="#document-([^"#]*)#([^"#]+)"')
_SINGLE_PAGE_BUILDERS = frozenset({"singlehtml", "simplepdf"})
_IMAGE_LINK = re.compile(r'<a class="reference internal image-reference" href="[^"]*">\s*(<img [^>]*>)\s*</a>')
_SPAN = r'<span id="[^"]+"></span>\s*'
_SECTION_START = re.compile(rf'((?:{_SPAN})*)<section id="([^"]+)">(\s*)((?:{_SPAN})*)<h([1-6])>')
_STATIC = Path(__file__).resolve().parent / "book_pdf_static"  # book-pdf.css: the PDF's own print rules
_RENAMED = "book_pdf_renamed"  # where the joined doctree keeps {(document, old id): new id}

Renamed = dict[tuple[str, str], str]


def repair_links(html: str, renamed: Renamed | None = None) -> str:
    """Rewrite ``#document-x#id`` links to ``#id``, or to the id's new name in that document."""
    renamed = renamed or {}
    return _DOUBLE_FRAGMENT.sub(lambda m: f'href="#{renamed.get((m[1], m[2]), m[2])}"', html)


def unlink_images(html: str) -> str:
    """Unwrap images from the links to their own files that Sphinx adds to scaled images."""
    return _IMAGE_LINK.sub(r"\1", html)


def anchor_headings(html: str) -> str:
    """Move each section's id, and the empty anchors around its start, into its heading."""

    def move(m: re.Match[str]) -> str:
        spans = "".join(re.findall(r'<span id="[^"]+"></span>', m[1] + m[4]))
        return f'<section>{m[3]}<h{m[5]} id="{m[2]}">{spans}'

    return _SECTION_START.sub(move, html)


def drop_missing_entries(toc: str, body: str) -> str:
    """Drop the contents' entries that point at no id of the body, and captions left with no entries."""
    from bs4 import BeautifulSoup  # a requirement of sphinx-simplepdf, the only builder that calls this

    ids = set(re.findall(r'\sid="([^"]+)"', body))
    soup = BeautifulSoup(toc, "html.parser")
    for item in soup.select("li.toctree-l1"):
        link = item.find("a", href=True)
        href = str(link["href"]) if link else ""
        if href.startswith("#") and href[1:] not in ids:
            item.decompose()
    for group in soup.find_all("ul"):
        if not group.find("li"):
            caption = group.find_previous_sibling()
            if caption is not None and "caption" in (caption.get("class") or []):
                caption.decompose()
            group.decompose()
    return str(soup)


def _by_document(node: nodes.Element, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element of the joined doctree with the document it came from."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    yield node, docname
    for child in node.children:
        if isinstance(child, nodes.Element):
            yield from _by_document(child, docname)


def unique_ids(tree: nodes.Element, root: str, keep: frozenset[tuple[str, str]] = frozenset()) -> Renamed:
    """Give ids that several joined documents use their document's name; point the references at the new ids.

    ``keep`` holds the (document, id) pairs that must not change.
    """
    owned = list(_by_document(tree, root))
    users: dict[str, set[str]] = {}
    for node, doc in owned:
        for node_id in node["ids"]:
            users.setdefault(node_id, set()).add(doc)
    renamed = {
        (doc, node_id): f"{re.sub(r'[^A-Za-z0-9_-]', '-', doc)}-{node_id}"
        for node_id, docs in users.items()
        if len(docs) > 1
        for doc in docs
        if (doc, node_id) not in keep
    }
    by_document: dict[str, dict[str, str]] = {}
    for (doc, node_id), new in renamed.items():
        by_document.setdefault(doc, {})[node_id] = new
    rename_ids((node, by_document.get(doc, {})) for node, doc in owned)
    for node, _ in owned:  # links between documents, "#document-<doc>#<id>", name the document themselves
        target = re.fullmatch(r"#document-([^#]*)#(.+)", node.get("refuri", ""))
        if target and (target[1], target[2]) in renamed:
            node["refuri"] = f"#document-{target[1]}#{renamed[target[1], target[2]]}"
    return renamed


def _numbered(app: Sphinx) -> frozenset[tuple[str, str]]:
    """The (document, id) pairs the HTML writer looks numbers up by, which renaming would lose."""
    env = app.env
    found = {(doc, i) for doc, kinds in env.toc_fignumbers.items() for ids in kinds.values() for i in ids}
    if app.builder.name == "singlehtml":  # the only builder whose writer numbers sections by their ids
        found |= {(doc, a[1:]) for doc, anchors in env.toc_secnumbers.items() for a in anchors if a.startswith("#")}
    return frozenset(found)


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # A single-page builder resolves references once, on the doctree that joins every document,
    # before it merges the documents' figure and section numbers.
    if app.builder.name in _SINGLE_PAGE_BUILDERS and docname == app.config.root_doc:
        doctree[_RENAMED] = unique_ids(doctree, docname, _numbered(app))


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name not in _SINGLE_PAGE_BUILDERS:
        return
    renamed = doctree.get(_RENAMED, {}) if isinstance(doctree, nodes.document) else {}
    # The links sit in the body and in the rendered table of contents.
    for key, value in context.items():
        if isinstance(value, str) and "#document-" in value:
            context[key] = repair_links(value, renamed)
    if app.builder.name == "simplepdf" and isinstance(context.get("body"), str):
        context["body"] = unlink_images(context["body"])
        context["body"] = anchor_headings(context["body"])
        # The cover shows "Version <version>"; below it go the release and the copyright's year and authors.
        context["cover_meta_data"] = f"Release {app.config.release} · © {app.config.copyright}"
        if isinstance(context.get("toc"), str):
            context["toc"] = drop_missing_entries(context["toc"], context["body"])


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.name == "simplepdf":
        app.config.html_static_path.append(str(_STATIC))
        app.add_css_file("book-pdf.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("html-page-context", _on_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
