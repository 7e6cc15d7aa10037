"""The web book's download menu prints the page; it does not offer the page's source.

sphinx-book-theme's download menu linked each page's MyST source, which Sphinx copies into ``_sources``, as
".md": a file a reader cannot use, with ``{exercise} c1-…`` where the exercises stand. Worse, the student
edition's copy held what its pages leave out: an ``{only} not checks_student`` example such as the excerpt of
an answer key on the instructors' page. conf.py copies no sources (``html_copy_source = False``), and this drops
the menu's link to them, which would lead nowhere; the menu keeps ".pdf", which prints the page.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

# The theme's buttons that link a page's source: the file itself, and a notebook made from it.
SOURCE_BUTTONS = {"download-source-button", "download-notebook-button"}


def drop_source_downloads(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    buttons = []
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button = {**button, "buttons": [b for b in button["buttons"] if b.get("label") not in SOURCE_BUTTONS]}
            if not button["buttons"]:
                continue
        buttons.append(button)
    if "header_buttons" in context:
        context["header_buttons"] = buttons


def setup(app: Sphinx) -> dict[str, Any]:
    # After sphinx-book-theme's add_header_buttons, which runs at priority 501.
    app.connect("html-page-context", drop_source_downloads, priority=502)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
