"""A ``{numref}`` ("Chapter 4", "Table 2.1", "Exercise 3.12") to a numbered node, resolved without reading its
target's page again.

Sphinx resolves every ``{numref}`` by unpickling the whole page the label is on, only to look up the labelled
node's kind and first id. The chapters name each other by number more than fifty times and point at their tables,
figures and exercises, so the build read the large chapter pages that many times over, and their nodes kept the
garbage collector busy. Here each page's numbered nodes (those Sphinx would number: sections, figures, tables,
code blocks, exercises) are noted by id while the page is read, with their kind and first id, and a ``{numref}``
to one is resolved from the note, with Sphinx's own numbering and reference building. Anything else (a label on
a node Sphinx does not number, a number Sphinx cannot give, a format it cannot fill, a page that the document
being built leaves out) is left to Sphinx, which resolves or warns of it as before.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform

# env attribute: docname -> {id: (the kind Sphinx numbers the node as, the node's first id)}
NUMBERED = "numrefs_numbered"


def _note_numbered(app: Sphinx, doctree: nodes.document) -> None:
    std = app.env.domains.standard_domain
    found: dict[str, tuple[str, str]] = {}
    # The document's ids are what Sphinx looks the label up in, once the page is saved.
    for node_id, node in doctree.ids.items():
        figtype = std.get_enumerable_node_type(node) if isinstance(node, nodes.Element) else None
        if figtype is not None and node["ids"]:
            found[node_id] = (figtype, node["ids"][0])
    notes = _numbered(app.env)
    if found:
        notes[app.env.docname] = found
    else:
        notes.pop(app.env.docname, None)


def _numbered(env: Any) -> dict[str, dict[str, tuple[str, str]]]:
    if not hasattr(env, NUMBERED):
        setattr(env, NUMBERED, {})
    numbered: dict[str, dict[str, tuple[str, str]]] = getattr(env, NUMBERED)
    return numbered


def _purge(app: Sphinx, env: Any, docname: str) -> None:
    _numbered(env).pop(docname, None)


def _merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    theirs = _numbered(other)
    _numbered(env).update({d: theirs[d] for d in docnames if d in theirs})


class NoteNumrefs(SphinxPostTransform):
    """Resolve a ``{numref}`` to a noted node as Sphinx would, from the note made when its page was read."""

    default_priority = ReferencesResolver.default_priority - 1

    def run(self, **kwargs: Any) -> None:
        std = self.env.domains.standard_domain
        numbered = _numbered(self.env)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "std" or node.get("reftype") != "numref":
                continue
            target = node["reftarget"]
            if target in std.labels:
                docname, labelid, name = std.labels[target]
            else:
                docname, labelid = std.anonlabels.get(target, ("", ""))
                name = None
            noted = numbered.get(docname, {}).get(labelid)
            if noted is None:
                continue
            reference = self._reference(std, node, docname, labelid, name, *noted)
            if reference is not None:
                node.replace_self(reference)

    def _reference(
        self,
        std: Any,
        node: addnodes.pending_xref,
        docname: str,
        labelid: str,
        name: str | None,
        figtype: str,
        first_id: str,
    ) -> Any:
        """Sphinx's own reference for the happy path; None to leave any other case to Sphinx."""
        if figtype != "section" and not self.config.numfig:
            return None  # Sphinx says numfig is off
        # get_fignumber reads only the node's first id, so a node of the same kind with that id stands in for the
        # page's. The builder is reached as Sphinx's own post-transforms reach it: a transform's ``app`` is
        # deprecated in Sphinx 9.
        stand_in = nodes.section(ids=[first_id]) if figtype == "section" else nodes.Element(ids=[first_id])
        try:
            number = std.get_fignumber(self.env, self.env._app.builder, figtype, docname, stand_in)
        except ValueError:
            return None
        if number is None:
            return None
        contnode = node[0] if node.children else nodes.inline()
        title = contnode.astext() if node["refexplicit"] else self.config.numfig_format.get(figtype, "")
        if name is None and "{name}" in title:
            return None  # Sphinx says the link has no caption
        written = ".".join(map(str, number))
        new_style = "{name}" in title or "number" in title  # "Chapter {number}: {name}", not "Chapter %s"
        try:
            if new_style:
                text = title.format(name=name, number=written) if name else title.format(number=written)
            else:
                text = title % written
        except (KeyError, IndexError, TypeError, ValueError):
            return None  # Sphinx says what is wrong with the format
        try:
            return std.build_reference_node(
                node.setdefault("refdoc", self.env.docname),
                self.env._app.builder,
                docname,
                labelid,
                text,
                "numref",
                node_class=addnodes.number_reference,
                title=title,
            )
        except NoUri:
            return None  # a page the document leaves out (a PDF of some pages): Sphinx shows the text alone


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _note_numbered)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.add_post_transform(NoteNumrefs)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
