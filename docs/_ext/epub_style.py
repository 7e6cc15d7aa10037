"""The EPUB's own stylesheet (epub_style_static/book-epub.css), loaded by the EPUB alone.

The EPUB builder writes its pages with Sphinx's plain ``epub`` theme, whose stylesheet
gives an admonition only margins and padding: the box each chapter opens with (education,
not medical advice) showed as a bold "Important" over ordinary text. The web book's theme
draws its own admonitions, so the rules that give them a box go in a file that only the
EPUB builder adds to its pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

_STATIC = Path(__file__).resolve().parent / "epub_style_static"


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.name == "epub":
        app.config.html_static_path.append(str(_STATIC))
        app.add_css_file("book-epub.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
