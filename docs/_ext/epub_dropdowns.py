"""In the EPUB, a dropdown is shown open: its title, then its content, as the print builders show it.

sphinx-design makes a dropdown an HTML ``<details>`` element, and the EPUB builder
writes HTML. E-readers do not all open ``<details>``, and the dropdown's marker is
an inline SVG picture that the package would have to declare. So, for the EPUB
only, the dropdown becomes a plain block before sphinx-design's HTML transform
sees it: the title as a rubric, the content under it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class OpenDropdowns(SphinxPostTransform):
    # Before sphinx-design's DropdownHtmlTransform (199).
    default_priority = 190
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for dropdown in list(self.document.findall(nodes.container)):
            if dropdown.get("design_component") == "dropdown":
                dropdown.replace_self(nodes.container("", *dropdown.children, classes=["dropdown-open"]))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(OpenDropdowns)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
