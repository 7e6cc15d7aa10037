"""Texts that send the reader to a place in the book, which a quiz in an LMS does not show.

A question about the book's table cannot be answered in a quiz, and feedback that says "the table
shows" sends the student looking for a table that is not there. Either is found by a cross-reference
(``{ref}``, ``{numref}``, which an export could only write as words or a label) or by words that
point at the page: "the table", "this chapter's chart", "Figure 6.1", "the table above". The rule is
kept narrow, since a false find costs an exercise its place in the quiz: "the figure" alone is a
number in this book's prose ("the figure counts everyone"), "above" and "below" alone are values
("above 90%") or the options of the question ("each person below"), "on the table" and "the tables
turned" are idioms, and "the chart" alone is as often a patient's record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from checks.loading import Book
from checks.model import AnyExercise
from checks.texts import Part, exercise_texts

# The question as an LMS shows it; the other texts (feedback, explanations) should stand alone.
QUESTION = frozenset(("vignette", "prompt"))
# What never keeps an exercise out: a hint may send the reader to the book, which is what it is for. Moodle XML, the
# one format that carries hints, leaves out a hint that points at the book, and keeps the exercise.
NOT_CARRIED = frozenset(("hint",))

# A cross-reference: its role, the words it writes (``the chapter's table``), if any, and its label.
_REFERENCE = re.compile(r"\{((?:num)?ref)\}`(?:([^`<]*)<)?([^`>]+)>?`")
# The kind of place a label names, by the book's convention for its first word; any other label is a section's.
_LABEL_KINDS = {"tbl": "a table", "tab": "a table", "fig": "a figure", "eq": "an equation"}
_PLACE = r"(?:table|chart|graph|diagram|plot)s?"
# A chart, graph or plot is also a patient's record or a story's ("the oncologist reviews the chart"), so
# those point at the page only when placed: "this chapter's chart", "the chart below".
_ALONE = r"(?:table|diagram)s?"
_WORDS = re.compile(
    rf"""
      (?<!\bon\s)(?<!\bat\s)(?<!\boff\s)\b(?:the|this|that|these)\s+{_ALONE}\b(?!\s+turned\b)(?:\s+(?:above|below)\b)?
    | \b(?:the|this|that|these)\s+chapter[’']s\s+{_PLACE}\b(?:\s+(?:above|below)\b)?
    | \b(?:table|figure|fig\.|chart)\s+\d+(?:\.\d+)*
    | \b(?:{_PLACE}|figures?)\s+(?:above|below)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def pointer(text: str) -> str | None:
    """What ``text`` points at in the book, as the message names it (a label, or the words quoted); else None."""
    role = _REFERENCE.search(text)
    if role:
        return role.group(3)
    return _words(text)


def _words(text: str) -> str | None:
    words = _WORDS.search(text)
    return f'"{" ".join(words.group(0).split())}"' if words else None


def with_kind(found: str) -> str:
    """What :func:`pointer` found, as an instructor reading an export's message knows it: a label whose first word
    names a kind of place with that kind before it (``a figure (fig-survival)``); words quoted, or any other label,
    as they are."""
    kind = _LABEL_KINDS.get(found.partition("-")[0]) if not found.startswith('"') else None
    return f"{kind} ({found})" if kind else found


def pointer_in_words(text: str, numbers: Mapping[str, str]) -> str | None:
    """What ``text`` points at in the book, as an instructor can look it up there, who knows none of its labels:
    an exercise by the number the book prints (``Exercise 3.2``, from ``numbers``, by id); another place by the
    kind its label names (``a table``), with the words a ``{ref}`` prints for it (``a table ("the chapter's
    table")``), since its number is Sphinx's to give; words that point at the page, quoted; else None."""
    role = _REFERENCE.search(text)
    if role is None:
        return _words(text)
    kind, written, label = role.group(1), (role.group(2) or "").strip(), role.group(3).strip()
    if label in numbers:
        return f"Exercise {numbers[label]}"
    what = _LABEL_KINDS.get(label.partition("-")[0], "a section")
    # A {numref}'s words hold its number ("Table %s"), which only the book knows.
    return f'{what} ("{" ".join(written.split())}")' if written and kind == "ref" else what


def asks(part: Part) -> bool:
    """Whether the text at ``part`` is what a student answers (the question, an option, an item to order, a
    stem), which a format without feedback carries too, rather than feedback or an explanation."""
    return str(part[0]) in QUESTION or part[-1] == "text"


def pointing_texts(exercise: AnyExercise, *, explained: bool = True) -> Iterator[tuple[Part, str]]:
    """Each text of ``exercise`` that an export carries and that points at the book, with what it points at:
    every text but the hint, or without ``explained`` (a format with no feedback) the question and its options."""
    for part, text in exercise_texts(exercise):
        if str(part[0]) in NOT_CARRIED or not (explained or asks(part)):
            continue
        found = pointer(text)
        if found is not None:
            yield part, found


def stray_pointers(book: Book) -> Iterator[tuple[Path, AnyExercise, Part, str]]:
    """Each text that alone keeps an exercise out of the exports, with its bank's file and what it points at:
    each that points at the book in an exercise whose question does not. A question set on the book's table
    is meant for the book; feedback that points at the table is more likely a slip of wording, for
    ``checks validate`` to tell the author."""
    for bank, path in zip(book.banks, book.paths, strict=True):
        for exercise in bank.exercises:
            found = list(pointing_texts(exercise))
            if not any(str(part[0]) in QUESTION for part, _ in found):
                for part, what in found:
                    yield path, exercise, part, what


_FIELDS = {
    "explanation": "its explanation",
    "feedback_correct": "its feedback for a right answer",
    "feedback_incorrect": "its feedback for a wrong answer",
    "feedback_true": "its feedback for the answer true",
    "feedback_false": "its feedback for the answer false",
}
_ENTRIES = {"options": "option", "stems": "stem", "items": "item"}


def described(exercise: AnyExercise, part: Part) -> str:
    """The text at ``part`` of ``exercise`` in words: "its explanation", "the feedback of option skin"."""
    name = str(part[0])
    if name in _FIELDS:
        return _FIELDS[name]
    entry = getattr(exercise, name)[int(part[1])]
    if name == "wrong_answers":
        return f"its feedback for the wrong answer {entry.answer!r}"
    what = f"{_ENTRIES[name]} {entry.id}"
    return f"the feedback of {what}" if part[-1] == "feedback" else what
