"""In the LaTeX PDF, a reference to a passage of the web book's start page goes to the PDF's own version of it.

The LaTeX PDF starts at ``book.md``, not at ``index.md``, so a ``{ref}`` from a
chapter to a label of ``index.md`` finds no page in it, and Sphinx prints the
link text alone, leading nowhere. ``book.md`` says what such a passage says, in
its own words, under a label of its own; ``book_latex_stand_ins`` in conf.py maps
each label of ``index.md`` to that label, and in the LaTeX build the chapters'
references follow the map before Sphinx resolves them. Other builders ignore it.
"""

from __future__ import annotations

from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform


class StandInReferences(SphinxPostTransform):
    """Point ``{ref}`` roles at the stand-ins that ``book_latex_stand_ins`` names."""

    default_priority = ReferencesResolver.default_priority - 1
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        stand_ins: dict[str, str] = self.config.book_latex_stand_ins
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("refdomain") == "std" and node.get("reftype") == "ref":
                node["reftarget"] = stand_ins.get(node["reftarget"], node["reftarget"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book_latex_stand_ins", {}, "env", types=frozenset({dict}))
    app.add_post_transform(StandInReferences)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
