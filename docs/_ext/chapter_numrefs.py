"""A ``{numref}`` to a chapter ("Chapter 4") without reading the chapter again.

Sphinx resolves every ``{numref}`` by unpickling the whole target page, only to
look up the labelled node's ids. The chapters name each other by number more than
fifty times, so the build read the large chapter pages that many times over, and
their nodes kept the garbage collector busy. Here the ids of each page's first
section are noted while the page is read, and a ``{numref}`` to a label on that
section is resolved from them, with Sphinx's own numbering and reference
building. Anything else (figures, exercises, a number Sphinx cannot give) is left
to Sphinx, which resolves or warns of it as before.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform

# env attribute: docname -> the ids of the page's first section
TOP_IDS = "chapter_numrefs_top_ids"


def _note_top_section(app: Sphinx, doctree: nodes.document) -> None:
    first = next(doctree.findall(nodes.section), None)
    tops = _tops(app.env)
    if first is not None and first["ids"]:
        tops[app.env.docname] = list(first["ids"])
    else:
        tops.pop(app.env.docname, None)


def _tops(env: Any) -> dict[str, list[str]]:
    if not hasattr(env, TOP_IDS):
        setattr(env, TOP_IDS, {})
    tops: dict[str, list[str]] = getattr(env, TOP_IDS)
    return tops


def _purge(app: Sphinx, env: Any, docname: str) -> None:
    _tops(env).pop(docname, None)


def _merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    theirs = _tops(other)
    _tops(env).update({d: theirs[d] for d in docnames if d in theirs})


class ChapterNumrefs(SphinxPostTransform):
    """Resolve a ``{numref}`` to a page's first section as Sphinx would, from the section's ids noted at reading."""

    default_priority = ReferencesResolver.default_priority - 1

    def run(self, **kwargs: Any) -> None:
        std = self.env.domains.standard_domain
        tops = _tops(self.env)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "std" or node.get("reftype") != "numref" or node["reftarget"] not in std.labels:
                continue
            docname, labelid, name = std.labels[node["reftarget"]]
            ids = tops.get(docname, [])
            if labelid not in ids:
                continue
            reference = self._reference(std, node, docname, labelid, ids, name)
            if reference is not None:
                node.replace_self(reference)

    def _reference(
        self, std: Any, node: addnodes.pending_xref, docname: str, labelid: str, ids: list[str], name: str
    ) -> Any:
        """Sphinx's own reference for the happy path; None to leave any other case to Sphinx."""
        # get_fignumber reads only the section's ids, so a node with those ids stands in for the page's. The builder
        # is reached as Sphinx's own post-transforms reach it: a transform's ``app`` is deprecated in Sphinx 9.
        try:
            number = std.get_fignumber(self.env, self.env._app.builder, "section", docname, nodes.section(ids=ids))
        except ValueError:
            return None
        if number is None:
            return None
        contnode = node[0] if node.children else nodes.inline()
        title = contnode.astext() if node["refexplicit"] else self.config.numfig_format.get("section", "")
        written = ".".join(map(str, number))
        new_style = "{name}" in title or "number" in title  # "Chapter {number}: {name}", not "Chapter %s"
        try:
            text = title.format(name=name, number=written) if new_style else title % written
        except (KeyError, IndexError, TypeError, ValueError):
            return None  # Sphinx says what is wrong with the format
        return std.build_reference_node(
            node.get("refdoc", self.env.docname),
            self.env._app.builder,
            docname,
            labelid,
            text,
            "numref",
            node_class=addnodes.number_reference,
            title=title,
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _note_top_section)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.add_post_transform(ChapterNumrefs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
