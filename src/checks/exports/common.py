"""What the export formats share: the :class:`Skip` signal and the loop that turns it into a message.

A format converts one exercise at a time. When it cannot carry an exercise
faithfully (a kind the format lacks, a scoring rule it cannot express, markup
it cannot render) it raises :class:`Skip` with the reason; :func:`convert_bank`
catches it and records one line, ``skipped <id> (<kind>): <reason>``, so that
nothing is dropped or changed without the instructor being told.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from checks.model import AnyExercise, Bank

T = TypeVar("T")


class Skip(Exception):
    """An exercise a format cannot carry faithfully; the message says why."""


# A reference in the question itself: the reader needs what it points at (a table or chart) to answer.
_REFERENCE = re.compile(r"\{(?:num)?ref\}`(?:[^`<]*<)?([^`>]+)>?`")


def needs_the_book(exercise: AnyExercise) -> None:
    """Raise :class:`Skip` when the question sends the reader to a part of the book, which an LMS lacks."""
    question = f"{getattr(exercise, 'vignette', None) or ''}\n{exercise.prompt}"
    found = _REFERENCE.search(question)
    if found:
        raise Skip(
            f"its question asks about {found.group(1)} in the book, which the quiz would not show "
            "(give students the book alongside, or set the question another way)"
        )


def convert_bank(bank: Bank, convert: Callable[[AnyExercise], T], skipped: list[str]) -> list[T]:
    """Convert every exercise of ``bank``, adding a line to ``skipped`` for each one that cannot be."""
    out: list[T] = []
    for exercise in bank.exercises:
        try:
            needs_the_book(exercise)
            out.append(convert(exercise))
        except Skip as err:
            skipped.append(f"skipped {exercise.id} ({exercise.kind}): {err}")
    return out


def decimal(value: float) -> Decimal:
    """A float as the decimal it was written as (0.1 is 0.1, not 0.1000000000000000055…)."""
    return Decimal(repr(float(value)))


def number(value: float | Decimal) -> str:
    """A number as a plain decimal (``23.3``, ``120``, ``0.00001``): no exponent, no trailing zeros."""
    text = format((value if isinstance(value, Decimal) else decimal(value)).normalize(), "f")
    return "0" if text in ("-0", "") else text
