"""The book's EPUB extension (docs/_ext/book_epub.py) on a small project: what it leaves out, and links to it."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from builds import REPO
from stylesheets import declarations, linked

CONF = f"""\
import sys
sys.path.insert(0, {str(REPO / "docs" / "_ext")!r})
extensions = ["myst_parser", "book_epub", "epub_style"]
project = "Small"
copyright = "2026"
version = "1"
epub_show_urls = "no"
"""

INDEX = """\
# Small

```{toctree}
chapter
```

````{only} not epub
```{toctree}
dev
```
````
"""


def _project(tmp_path: Path, chapter: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "chapter.md").write_text(f"# Chapter\n\n{chapter}\n", encoding="utf-8")
    (src / "dev.md").write_text("# For developers\n\nWeb only.\n", encoding="utf-8")
    return src


@pytest.mark.parametrize(("chapter", "warned"), [("Plain text.", False), ("See {doc}`dev`.", True)])
def test_a_link_to_a_page_the_epub_leaves_out_is_reported(
    tmp_path: Path, make_app: Any, chapter: str, warned: bool
) -> None:
    app = make_app("epub", srcdir=_project(tmp_path, chapter), freshenv=True)
    app.build()
    [epub] = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        assert "chapter.xhtml" in book.namelist() and "dev.xhtml" not in book.namelist()
    warnings = [w for w in app.warning.getvalue().splitlines() if "WARNING" in w]
    expected = "chapter.md:3: WARNING: links to dev.xhtml, which the EPUB leaves out"
    assert [w for w in warnings if expected in w and "[epub.left_out]" in w] == (
        [w for w in warnings] if warned else []
    )


@pytest.mark.parametrize("builder", ["epub", "html"])
def test_an_admonition_is_a_box_in_the_epub_and_the_web_theme_is_left_alone(
    tmp_path: Path, make_app: Any, builder: str
) -> None:
    """The epub theme gives an admonition no border or background: the EPUB's own stylesheet does, and only the
    EPUB loads it (the web book's theme draws its admonitions itself)."""
    app = make_app(builder, srcdir=_project(tmp_path, "```{important}\nEducation, not medical advice.\n```"))
    app.build()
    out = Path(app.outdir)
    if builder == "html":
        assert "book-epub.css" not in (out / "chapter.html").read_text(encoding="utf-8")
        return
    [epub] = out.glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        page = book.read("chapter.xhtml").decode("utf-8")
        css = "\n".join(book.read(href).decode("utf-8") for href in linked(page))
    assert '<div class="admonition important">' in page
    rule = declarations(css, "div.admonition")
    assert rule.get("border", "").startswith("1px solid")
    assert rule.get("background-color", "").startswith("rgba(")
