"""How a web page reads without sight or without JavaScript: exercise titles as headings, and the note for a
browser that runs no script. On tiny projects; tests/test_browser_reading.py reads the book in Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from checks.sphinxext.noscript import note_html, note_text

# An exercise under the page's title, one in a subsection, and the self-check in a section of its own.
CHAPTER = """(sample)=
# Chapter

```{objectives}
```

```{exercise} b-single
```

## Section

### Subsection

```{exercise} b-order
```

## Self-check

```{exercise} b-match
```
"""
# Each exercise one level below the heading of its section.
LEVELS = {"b-single": 2, "b-order": 4, "b-match": 3}


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    (src / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    return src


def _built(make_app: Any, tmp_path: Path, builder: str = "html", **overrides: str) -> Path:
    if builder == "epub":  # what EPUB 3 requires of a book, which the test root leaves out
        overrides = {"version": "1", "copyright": "2026", **overrides}
    app = make_app(builder, srcdir=_project(tmp_path), freshenv=True, confoverrides=overrides)
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


def _title_levels(page: str) -> dict[str, int]:
    found = re.findall(r'<p class="checks-title" role="heading" aria-level="(\d)" id="([^"]+)-title">', page)
    return {exercise_id: int(level) for level, exercise_id in found}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_each_exercise_title_is_a_heading_below_its_section(tmp_path: Path, make_app: Any, builder: str) -> None:
    out = _built(make_app, tmp_path, builder)
    page = (out / f"chapter.{'html' if builder == 'html' else 'xhtml'}").read_text(encoding="utf-8")
    assert _title_levels(page) == LEVELS
    # The sections' headings, which the levels are one below.
    headings = re.findall(
        r'<h(\d)>(?:<span class="section-number">[^<]*</span>)?(Chapter|[\w-]*[sS]ection|Self-check)<', page
    )
    assert headings == [("1", "Chapter"), ("2", "Section"), ("3", "Subsection"), ("2", "Self-check")]


def test_in_a_single_page_book_the_levels_follow_the_nesting(tmp_path: Path, make_app: Any) -> None:
    """The chapter is a section of the start page there, its title an h2: every exercise is a level lower."""
    page = (_built(make_app, tmp_path, "singlehtml") / "index.html").read_text(encoding="utf-8")
    assert _title_levels(page) == {exercise_id: level + 1 for exercise_id, level in LEVELS.items()}


def test_an_answer_on_the_answers_page_heads_its_part(tmp_path: Path, make_app: Any) -> None:
    """In the EPUB, where the Answers page (an h1) lists every answer under its exercise's number."""
    page = (_built(make_app, tmp_path, "epub") / "answers.xhtml").read_text(encoding="utf-8")
    headings = re.findall(r'<p class="checks-solution-heading" role="heading" aria-level="(\d)"><strong><a ', page)
    assert headings == ["2"] * len(LEVELS)


def test_a_heading_is_not_a_section(tmp_path: Path, make_app: Any) -> None:
    """The page's contents and the search index know the sections alone, as before."""
    out = _built(make_app, tmp_path)
    page = (out / "chapter.html").read_text(encoding="utf-8")
    assert not re.search(r"<h\d[^>]*>[^<]*Exercise", page)
    assert "Exercise 1." not in (out / "searchindex.js").read_text(encoding="utf-8").split('"titles"')[1]


# -- the note for a browser without JavaScript ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({}, "in their Answers appendix."),
        ({"checks_answers": "inline"}, "after its exercise."),
        ({"checks_answers": "hidden"}, "turn JavaScript on to see them here."),
        ({"checks_edition": "student"}, "This student edition has no answers, on the web or in print."),
        ({"checks_edition": "instructor"}, "The answer and explanation of each are printed below it."),
    ],
)
def test_a_page_without_javascript_says_once_why_and_where_the_answers_are(
    tmp_path: Path, make_app: Any, overrides: dict[str, str], says: str
) -> None:
    out = _built(make_app, tmp_path, **overrides)
    page = (out / "chapter.html").read_text(encoding="utf-8")
    notes = re.findall(r"<noscript>(.*?)</noscript>", page, flags=re.S)
    body = [note for note in notes if "<style>" not in note]  # the theme's own, in the head
    assert len(body) == 1
    assert says in body[0]
    assert body[0].startswith('<div class="admonition note checks-noscript"><p class="admonition-title">')
    # Before the first exercise, where a reader meets the hidden buttons first.
    assert page.index("checks-noscript") < page.index('class="checks-exercise')
    # What it says of this edition's answers is what the pages do.
    edition = overrides.get("checks_edition", "reader")
    solutions = re.findall(r'<div class="checks-solution"( hidden)?', page)
    assert solutions == ([] if edition == "student" else [""] * 3 if edition == "instructor" else [" hidden"] * 3)
    assert "<noscript>" not in (out / "other.html").read_text(encoding="utf-8")  # a page without exercises


def test_the_note_speaks_of_the_checking_only_where_there_is_some() -> None:
    assert "check" not in note_text("student", "hidden")
    assert all("check" in note_text(edition, "appendix") for edition in ("reader", "instructor"))
    # Plain words: no apostrophe or quote mark for the smart-quotes transform, which never sees them, to miss.
    for edition in ("reader", "student", "instructor"):
        for place in ("appendix", "inline", "hidden"):
            assert not re.search("['\"]", note_text(edition, place))


@pytest.mark.parametrize(("folder", "up"), [("", ""), ("part/", "../")])
def test_the_note_links_the_printed_editions_the_site_offers(
    tmp_path: Path, make_app: Any, folder: str, up: str
) -> None:
    """Each format the note names is a link to its file, from the page wherever it is; the words stay the same."""
    src = _project(tmp_path)
    if folder:
        (src / folder).mkdir()
        # The chapter's bank is still "chapter", as its objectives now say.
        chapter = CHAPTER.replace("```{objectives}\n", "```{objectives} chapter\n")
        (src / folder / "chapter.md").write_text(chapter, encoding="utf-8")
        (src / "chapter.md").unlink()
        index = (src / "index.md").read_text(encoding="utf-8")
        (src / "index.md").write_text(index.replace("\nchapter\n", f"\n{folder}chapter\n"), encoding="utf-8")
    offered = {"PDF": "book.pdf", "EPUB": "files/book.epub"}
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"checks_printed_editions": offered})
    app.build()
    assert app.warning.getvalue() == ""
    page = (Path(app.outdir) / folder / "chapter.html").read_text(encoding="utf-8")
    [words] = re.findall(r'<div class="admonition note checks-noscript">.*?<p>(.*?)</p></div>', page)
    assert re.findall(r'<a class="reference internal" href="([^"]+)">([^<]+)</a>', words) == [
        (f"{up}book.pdf", "PDF"),
        (f"{up}files/book.epub", "EPUB"),
    ]
    assert re.sub("<[^>]+>", "", words) == note_text("reader", "appendix")


def test_the_note_links_only_the_editions_it_names() -> None:
    offered = {"PDF": "book.pdf", "EPUB": "book.epub"}
    assert "<a " not in note_html("reader", "appendix")  # a site that offers none, as `make html` builds it
    for edition, place in (("reader", "hidden"), ("student", "appendix"), ("instructor", "appendix")):
        assert "<a " not in note_html(edition, place, offered), (edition, place)
    assert (
        note_html("reader", "inline", {"PDF": "a&b.pdf"}).count(
            '<a class="reference internal" href="a&amp;b.pdf">PDF</a>'
        )
        == 1
    )


@pytest.mark.parametrize("builder", ["epub", "singlehtml"])
def test_a_printed_layout_has_no_note_and_a_single_page_one(tmp_path: Path, make_app: Any, builder: str) -> None:
    """The EPUB prints static questions with nothing hidden; the single-page book says it once, before its first."""
    out = _built(make_app, tmp_path, builder)
    pages = "".join(p.read_text(encoding="utf-8") for p in (*out.glob("*.html"), *out.glob("*.xhtml")))
    assert pages.count('class="admonition note checks-noscript"') == (0 if builder == "epub" else 1)
