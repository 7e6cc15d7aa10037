"""The EPUB holds the pages of its own table of contents, and no others.

Sphinx's EPUB builder writes every document and packs every page it finds in
its output folder; pages that no table of contents reaches go at the end as
"non-linear" items, which e-readers still list and open. The start page keeps
the pages for instructors, authors and contributors out of the print
editions (their toctree sits in ``{only} not (simplepdf or epub)``), and
``book.md`` is only the LaTeX PDF's start page. So the pages that the EPUB's
table of contents does not reach, with this build's tags, are left out of the
file, as the WeasyPrint PDF leaves them out of its single page. They stay read
and in a toctree, so the build warns about none of them; a link from a page of
the EPUB to one of them is reported, since it would be broken in the file.
"""

from __future__ import annotations

import posixpath
import weakref
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.util import logging

logger = logging.getLogger(__name__)


def reached_pages(builder: Epub3Builder) -> set[str]:
    """The files the EPUB's table of contents reaches: the start page and every entry of its toctrees."""
    root = builder.config.root_doc
    # As the builder itself reads its contents (get_toc): hidden toctrees too, ``only`` applied.
    doctree = builder.env.get_and_resolve_doctree(
        root, builder, tags=builder.tags, prune_toctrees=False, includehidden=True
    )
    entries = builder.get_refnodes(doctree, [])
    return {root + builder.out_suffix} | {entry["refuri"].partition("#")[0] for entry in entries}


# The files each EPUB build leaves out, by builder: not by id(app), which a later app may reuse.
_LEFT_OUT: weakref.WeakKeyDictionary[Builder, frozenset[str]] = weakref.WeakKeyDictionary()


def _on_write_started(app: Sphinx, builder: Builder) -> None:
    if not isinstance(builder, Epub3Builder):
        return
    pages = {doc + builder.out_suffix for doc in builder.env.found_docs}
    left_out = sorted(pages - reached_pages(builder))
    _LEFT_OUT[builder] = frozenset(left_out)
    # The builder reads this list when it packs the file, after writing every page.
    app.config.epub_exclude_files = [*app.config.epub_exclude_files, *left_out]


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A link from a page of the EPUB to a page it leaves out would be broken in the file: say where."""
    left_out = _LEFT_OUT.get(app.builder, frozenset())
    if not left_out or docname + app.builder.out_suffix in left_out:
        return
    for ref in doctree.findall(nodes.reference):
        path = ref.get("refuri", "").partition("#")[0]
        if not path or "://" in path:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
        if target in left_out:
            logger.warning(
                "links to %s, which the EPUB leaves out: link to a page of the reader's book",
                target,
                location=ref,
                type="epub",
                subtype="left_out",
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("write-started", _on_write_started)
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
