"""The book's LaTeX extension (docs/_ext/book_latex.py) on a small project: links to the start page's passages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builds import REPO

CONF = f"""\
import sys
sys.path.insert(0, {str(REPO / "docs" / "_ext")!r})
extensions = ["myst_parser", "book_latex"]
project = "Small"
latex_documents = [("book", "small.tex", "Small", "A", "manual")]
book_latex_stand_ins = {{"about": "about-print"}}
"""


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(
        "# Small\n\n(about)=\nWhat the web says.\n\n```{toctree}\nchapter\n```\n", encoding="utf-8"
    )
    (src / "book.md").write_text(
        "---\norphan: true\n---\n# Small\n\n(about-print)=\nWhat the PDF says.\n\n```{toctree}\nchapter\n```\n",
        encoding="utf-8",
    )
    (src / "chapter.md").write_text("# Chapter\n\nThe {ref}`article <about>` says so.\n", encoding="utf-8")
    return src


@pytest.mark.parametrize(("builder", "target"), [("latex", "about-print"), ("html", "about")])
def test_a_link_to_the_web_start_page_goes_to_its_stand_in_in_the_latex_pdf_only(
    tmp_path: Path, make_app: Any, builder: str, target: str
) -> None:
    app = make_app(builder, srcdir=_project(tmp_path), freshenv=True)
    app.build()
    assert "WARNING" not in app.warning.getvalue()
    if builder == "latex":
        tex = (Path(app.outdir) / "small.tex").read_text(encoding="utf-8")
        assert r"\hyperref[\detokenize{book:about-print}]" in tex and "What the PDF says." in tex
    else:
        page = (Path(app.outdir) / "chapter.html").read_text(encoding="utf-8")
        assert 'href="index.html#about"' in page
