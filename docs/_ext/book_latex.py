"""In the LaTeX PDF, the bibliography prints where the ``{bibliography}`` directive stands (the References appendix).

Sphinx's LaTeX builder gathers every citation into one ``thebibliography`` node at the end of the
document (``BibliographyTransform``, priority 750), so the References appendix held only its opening
sentence and the list came after the Answers as an unnumbered "Bibliography" chapter. Just before that
transform, a marker is left where the first citation stands; just after it, the gathered list takes the
marker's place. conf.py's LaTeX preamble makes ``sphinxthebibliography`` a plain list there, without a
chapter heading of its own.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform


class bibliography_place(nodes.General, nodes.Element):
    """Where the first citation stood before Sphinx moved the citations to the end."""


class MarkBibliographyPlace(SphinxPostTransform):
    default_priority = 749
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None and first.parent is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class MoveBibliography(SphinxPostTransform):
    default_priority = 751
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        places = list(self.document.findall(bibliography_place))
        gathered = list(self.document.findall(thebibliography))
        for place in places[1:]:
            place.parent.remove(place)
        if not places:
            return
        if gathered:
            gathered[0].parent.remove(gathered[0])
            places[0].replace_self(gathered[0])
        else:
            places[0].parent.remove(places[0])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(MarkBibliographyPlace)
    app.add_post_transform(MoveBibliography)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
