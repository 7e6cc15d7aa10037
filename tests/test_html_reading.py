"""How a web page reads without sight: exercise titles as headings. On tiny projects;
tests/test_browser_reading.py reads the book in Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

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
