"""What the export formats share: the :class:`Skip` signal and the loop that turns it into a message.

A format converts one exercise at a time. When it cannot carry an exercise
faithfully (a kind the format lacks, a scoring rule it cannot express, markup
it cannot render) it raises :class:`Skip` with the reason; :func:`convert_bank`
catches it and records one line, ``skipped <id> (<kind>): <reason>``, so that
nothing is dropped or changed without the instructor being told.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TypeVar

from checks.exports.pointers import QUESTION, described, pointing_texts, with_kind
from checks.id_owners import chapter_number
from checks.loading import Book
from checks.model import AnyExercise, Bank

T = TypeVar("T")


class Skip(Exception):
    """An exercise a format cannot carry faithfully; the message says why."""


def needs_the_book(exercise: AnyExercise, *, explained: bool = True) -> None:
    """Raise :class:`Skip` when a text the format carries sends the reader to a part of the book, which an LMS
    lacks: the question (a table or chart to read), or feedback and explanations (unless not ``explained``,
    for a format that carries none), which would send the student looking for it."""
    for part, label in pointing_texts(exercise, explained=explained):
        found = with_kind(label)
        if str(part[0]) in QUESTION:
            raise Skip(
                f"its question asks about {found} in the book, which the quiz would not show "
                "(give students the book alongside, or set the question another way)"
            )
        raise Skip(
            f"{described(exercise, part)} points at {found} in the book, which the quiz would not show "
            "(reword it to stand alone)"
        )


def convert_bank(
    bank: Bank, convert: Callable[[AnyExercise], T], skipped: list[str], *, explained: bool = True
) -> list[T]:
    """Convert every exercise of ``bank``, adding a line to ``skipped`` for each one that cannot be;
    ``explained``: whether the format carries feedback and explanations."""
    out: list[T] = []
    for exercise in bank.exercises:
        try:
            needs_the_book(exercise, explained=explained)
            out.append(convert(exercise))
        except Skip as err:
            skipped.append(f"skipped {exercise.id} ({exercise.kind}): {err}")
    return out


def question_name(exercise: AnyExercise, numbers: Mapping[str, str]) -> str:
    """What a quiz calls a question, in every format that names one: "Exercise 3.12 (c3-cascade-order)", the number
    the book prints beside it (``numbers``, from :func:`checks.numbers.exercise_numbers`) so that an instructor
    finds it in the book, and its id; the id alone in a chapter without a number."""
    number_ = numbers.get(exercise.id)
    return f"Exercise {number_} ({exercise.id})" if number_ else exercise.id


def chapter_digits(book: Book) -> int:
    """How many digits a chapter's number is written with: as many as the highest the book numbers a chapter by.
    Moodle lists the categories it imports by name, and Canvas the quizzes without a due date by title, as text, so
    that "10. …" would come before "2. …"; written "02. …", chapter 2 comes first. A book of fewer than ten chapters
    writes its numbers as they are."""
    numbers = [number for bank in book.banks if (number := chapter_number(bank.chapter)) is not None]
    return len(str(max(numbers, default=0)))


def chapter_name(bank: Bank, digits: int = 1) -> str:
    """What a quiz calls a chapter (a Moodle category, a Canvas quiz), as written in its bank: its number and title,
    "3. How cancer spreads" (the number written with ``digits`` digits, :func:`chapter_digits`: "03. How cancer
    spreads" in a book of ten chapters or more), so that an LMS listing them by name lists them in the book's order
    and an instructor finds the chapter in the book; the title alone for a chapter whose name begins with no
    number."""
    chapter = chapter_number(bank.chapter)
    return bank.title if chapter is None else f"{chapter:0{digits}d}. {bank.title}"


def decimal(value: float) -> Decimal:
    """A float as the decimal it was written as (0.1 is 0.1, not 0.1000000000000000055…)."""
    return Decimal(repr(float(value)))


def number(value: float | Decimal) -> str:
    """A number as a plain decimal (``23.3``, ``120``, ``0.00001``): no exponent, no trailing zeros."""
    text = format((value if isinstance(value, Decimal) else decimal(value)).normalize(), "f")
    return "0" if text in ("-0", "") else text
