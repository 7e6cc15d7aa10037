"""The book's numref extension (docs/_ext/numrefs.py) on small projects: a ``{numref}`` to a chapter, a section, a
table, a code block or an exercise gives what Sphinx gives, without Sphinx reading the target's page again."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
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
        "Read {numref}`two-table`, {numref}`Table {number}: {name} <two-table>` and {numref}`two-code`.\n"
        "Without a caption, {numref}`two-bare-code` has no number.\n"
    ),
    "two.md": (
        "(ch-two)=\n# Second chapter\n\nText.\n\n(two-part)=\n## A part\n\nMore.\n\n"
        "```{table} Sites of spread\n:name: two-table\n\n| site | share |\n|---|---|\n| liver | some |\n```\n\n"
        "```{code-block} text\n:caption: A listing\n:name: two-code\n\nhello\n```\n\n"
        "```{code-block} text\n:name: two-bare-code\n\nhello\n```\n"
    ),
}
# The references above to the second page whose node Sphinx numbers (all but the uncaptioned code block, which
# Sphinx does not number).
NUMBERED_REFERENCES = 7


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    get_doctree = BuildEnvironment.get_doctree

    def counted(env: BuildEnvironment, docname: str) -> Any:
        read.append(docname)
        return get_doctree(env, docname)

    monkeypatch.setattr(BuildEnvironment, "get_doctree", counted)
    return read


def _conf(extensions: list[str], extension: bool) -> str:
    extensions = [*extensions, *(["numrefs"] if extension else [])]
    return f"import sys\nsys.path.insert(0, {str(REPO / 'docs' / '_ext')!r})\nextensions = {extensions!r}\n"


def _small(tmp_path: Path, extension: bool) -> Path:
    src = tmp_path / ("with" if extension else "without")
    src.mkdir()
    (src / "conf.py").write_text(_conf(["myst_parser"], extension) + "numfig = True\n", encoding="utf-8")
    for name, text in PAGES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def _with_exercises(tmp_path: Path, extension: bool) -> Path:
    src = tmp_path / ("with" if extension else "without")
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    conf = (src / "conf.py").read_text(encoding="utf-8")
    (src / "conf.py").write_text(
        conf.replace('extensions = ["myst_parser", "checks"]\n', _conf(["myst_parser", "checks"], extension)),
        encoding="utf-8",
    )
    return src


def _builds(
    tmp_path: Path, make_app: Any, read: list[str], project: Callable[[Path, bool], Path], builder: str, page: str
) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """The page as built without and with the extension, the pages read in each build, and their warnings."""
    outputs, reads, warnings = [], [], []
    for extension in (False, True):
        read.clear()
        app = make_app(builder, srcdir=project(tmp_path, extension), freshenv=True)
        app.build()
        # A second app in one process warns of Sphinx's own nodes registered again; nothing else may differ.
        warnings.append(
            [w for w in app.warning.getvalue().splitlines() if "WARNING" in w and "while setting up" not in w]
        )
        name = f"{page}.html" if builder == "html" else next(p.name for p in Path(app.outdir).glob("*.tex"))
        outputs.append((Path(app.outdir) / name).read_text(encoding="utf-8"))
        reads.append(list(read))
    return outputs, reads, warnings


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_numref_is_what_sphinx_makes_without_reading_the_page_again(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    read = _counting_reads(monkeypatch)
    (plain, fast), reads, warnings = _builds(tmp_path, make_app, read, _small, builder, "one")
    assert fast == plain
    # The uncaptioned code block, which Sphinx does not number, is Sphinx's to warn of, with and without the
    # extension.
    assert [re.sub(r"/with(out)?/", "/", w) for w in warnings[1]] == [
        re.sub(r"/with(out)?/", "/", w) for w in warnings[0]
    ]
    assert len(warnings[1]) == 1 and "undefined label: 'two-bare-code'" in warnings[1][0]
    if builder == "html":
        words = " ".join(re.sub(r"<[^>]+>", "", fast).split())
        assert "See Chapter 2, Chapter 2: Second chapter and Section 2. Its Section 2.1 is not the chapter." in words
        assert "Read Table 2.1, Table 2.1: Sites of spread and Listing 2.1." in words
    # Without the extension each reference to a numbered node reads the second page again; with it, none does
    # (Sphinx still reads every page once to number figures).
    assert reads[0].count("two") - reads[1].count("two") == NUMBERED_REFERENCES


def test_a_numref_to_an_exercise_is_what_sphinx_makes_without_reading_its_page_again(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _counting_reads(monkeypatch)
    (plain, fast), reads, warnings = _builds(tmp_path, make_app, read, _with_exercises, "html", "chapter")
    assert warnings == [[], []]
    assert fast == plain
    words = " ".join(re.sub(r"<[^>]+>", "", fast).split())
    assert re.search(r"See Exercise \d+\.\d+ for the order of steps", words), words
    assert reads[0].count("chapter") > reads[1].count("chapter")


def _one_page_pdf(tmp_path: Path, extension: bool) -> Path:
    """The small project, its LaTeX document made of the first chapter alone."""
    src = _small(tmp_path, extension)
    latex = "latex_documents = [('one', 'one.tex', 'One', 'Us', 'manual')]\n"
    (src / "conf.py").write_text((src / "conf.py").read_text(encoding="utf-8") + latex, encoding="utf-8")
    return src


def test_a_numref_to_a_page_the_pdf_leaves_out_is_its_text_as_sphinx_makes_it(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LaTeX document of some pages has no link to give a reference to another: Sphinx shows the reference's
    text, where the extension once stopped the build with Sphinx's NoUri."""
    read = _counting_reads(monkeypatch)
    (plain, fast), _, warnings = _builds(tmp_path, make_app, read, _one_page_pdf, "latex", "one")
    assert fast == plain
    assert [re.sub(r"/with(out)?/", "/", w) for w in warnings[1]] == [
        re.sub(r"/with(out)?/", "/", w) for w in warnings[0]
    ]
    # The references to the page left out are their text, unnumbered and unlinked.
    assert "Read \\sphinxcode{\\sphinxupquote{two\\sphinxhyphen{}table}}, " in fast
