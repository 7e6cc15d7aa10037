"""Editions from one source: the student edition leaks no key, the instructor edition shows them all."""

from __future__ import annotations

import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from checks.loading import Book
from checks.model import Matching, MultipleSelect, Numeric, Ordering, ShortText, SingleChoice, TrueFalse

from builds import REPO, Builds

pytestmark = pytest.mark.slow
WINDOW = 8  # words: long enough that chapter prose never repeats it by chance


def words(text: str) -> str:
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)  # MyST roles → their text
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def secrets(book: Book) -> dict[str, str]:
    """Explanations and feedback of every exercise, as word windows that the chapters' own prose does not contain."""
    public = words(" ".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md")))
    found: dict[str, str] = {}
    for _, ex in book.exercises():
        texts = [ex.explanation]
        if isinstance(ex, SingleChoice | MultipleSelect):
            texts += [o.feedback for o in ex.options]
        elif isinstance(ex, TrueFalse):
            texts += [ex.feedback_true, ex.feedback_false]
        elif isinstance(ex, ShortText | Numeric):
            texts += [ex.feedback_correct, ex.feedback_incorrect]
        elif isinstance(ex, Ordering):
            texts += [t for t in (ex.feedback_correct, ex.feedback_incorrect) if t]
        elif isinstance(ex, Matching):
            texts += [s.feedback for s in ex.stems]
        for n, text in enumerate(texts):
            tokens = words(text).split()
            window = " ".join(tokens[:WINDOW])
            if len(tokens) >= WINDOW and window not in public:
                found[f"{ex.id}#{n}"] = window
    return found


def html_text(folder: Path) -> str:
    return words(html.unescape(" ".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.html"))))


def pdf_text(pdf: Path) -> str:
    return words(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


@pytest.fixture(scope="module")
def student(built: Builds) -> dict[str, Path]:
    return {builder: built(builder, "student").out for builder in ("html", "simplepdf", "latexpdf", "epub")}


def test_student_edition_leaks_nothing(student: dict[str, Path], book: Book) -> None:
    hidden = secrets(book)
    assert len(hidden) > 200
    artifacts = {
        "html": html_text(student["html"]),
        "simplepdf": pdf_text(student["simplepdf"] / "metastatic-cancer.pdf"),
        "latexpdf": pdf_text(student["latexpdf"] / "latex" / "metastatic-cancer.pdf"),
    }
    with zipfile.ZipFile(next(student["epub"].glob("*.epub"))) as epub:
        artifacts["epub"] = words(
            " ".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
        )
    for name, text in artifacts.items():
        leaked = [key for key, window in hidden.items() if window in text]
        assert leaked == [], f"{name}: {leaked[:5]}"
        assert "exercise 3 1" in text  # the questions themselves are there


def test_student_browser_data_has_no_keys(student: dict[str, Path]) -> None:
    pages = list(student["html"].glob("0*.html"))
    payloads = [
        json.loads(m) for p in pages for m in re.findall(r'class="checks-data">([^<]*)</script>', p.read_text("utf-8"))
    ]
    assert len(payloads) >= 96
    assert all(set(p) == {"id", "kind", "points"} for p in payloads)


def test_instructor_edition_shows_every_answer(built: Builds, book: Book) -> None:
    out = built("html", "instructor").out
    text = html_text(out)
    hidden = secrets(book)
    missing = [key for key, window in hidden.items() if window not in text]
    assert missing == []
    page = (out / "01-what-is-metastatic-cancer.html").read_text(encoding="utf-8")
    assert "(misconception: " in page and "Objectives tested: " in page
    assert '<div class="checks-solution">' in page and 'class="checks-solution" hidden' not in page
    answers = (out / "answers.html").read_text(encoding="utf-8")
    assert "checks-blueprint" in answers
    for bank in book.banks:
        for objective in bank.objectives:
            assert words(objective.text) in words(html.unescape(answers))
