"""The book's chapter-reference extension (docs/_ext/chapter_numrefs.py) on a small project: a ``{numref}`` to a
chapter gives what Sphinx gives, without Sphinx reading the chapter again for each reference."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sphinx.environment import BuildEnvironment

from builds import REPO

PAGES = {
    "index.md": "# Small\n\n```{toctree}\n:numbered:\none\ntwo\n```\n",
    "one.md": (
        "(ch-one)=\n# First chapter\n\n"
        "See {numref}`Chapter %s <ch-two>`, {numref}`Chapter {number}: {name} <ch-two>` and {numref}`ch-two`.\n"
        "Its {numref}`Section %s <two-part>` is not the chapter.\n"
    ),
    "two.md": "(ch-two)=\n# Second chapter\n\nText.\n\n(two-part)=\n## A part\n\nMore.\n",
}


def _project(tmp_path: Path, *, extension: bool) -> Path:
    src = tmp_path / ("with" if extension else "without")
    src.mkdir()
    extensions = ["myst_parser", *(["chapter_numrefs"] if extension else [])]
    conf = f"import sys\nsys.path.insert(0, {str(REPO / 'docs' / '_ext')!r})\nextensions = {extensions!r}\n"
    (src / "conf.py").write_text(conf + "numfig = True\n", encoding="utf-8")
    for name, text in PAGES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_chapter_numref_is_what_sphinx_makes_without_reading_the_chapter_again(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    read: list[str] = []
    get_doctree = BuildEnvironment.get_doctree

    def counted(env: BuildEnvironment, docname: str) -> Any:
        read.append(docname)
        return get_doctree(env, docname)

    monkeypatch.setattr(BuildEnvironment, "get_doctree", counted)
    outputs, reads = [], []
    for extension in (False, True):
        read.clear()
        app = make_app(builder, srcdir=_project(tmp_path, extension=extension), freshenv=True)
        app.build()
        # A second app in one process warns of Sphinx's own nodes registered again; nothing else may warn.
        shown = [w for w in app.warning.getvalue().splitlines() if "WARNING" in w and "while setting up" not in w]
        assert shown == []
        name = "one.html" if builder == "html" else next(p.name for p in Path(app.outdir).glob("*.tex"))
        outputs.append((Path(app.outdir) / name).read_text(encoding="utf-8"))
        reads.append(read.count("two"))
    plain, fast = outputs
    assert fast == plain
    if builder == "html":
        words = " ".join(re.sub(r"<[^>]+>", "", fast).split())
        assert "See Chapter 2, Chapter 2: Second chapter and Section 2. Its Section 2.1 is not the chapter." in words
    # Without the extension each of the four references reads the second chapter again; with it, only the
    # section's (which is no chapter) does.
    assert reads[1] == reads[0] - 3
