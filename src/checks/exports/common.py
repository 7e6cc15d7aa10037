"""What the export formats share: the :class:`Skip` signal and the loop that turns it into a message.

A format converts one exercise at a time. When it cannot carry an exercise
faithfully (a kind the format lacks, a scoring rule it cannot express, markup
it cannot render) it raises :class:`Skip` with the reason; :func:`convert_bank`
catches it and records one line, ``skipped <id> (<kind>): <reason>``, so that
nothing is dropped or changed without the instructor being told.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from checks.model import AnyExercise, Bank

T = TypeVar("T")


class Skip(Exception):
    """An exercise a format cannot carry faithfully; the message says why."""


def convert_bank(bank: Bank, convert: Callable[[AnyExercise], T], skipped: list[str]) -> list[T]:
    """Convert every exercise of ``bank``, adding a line to ``skipped`` for each one that cannot be."""
    out: list[T] = []
    for exercise in bank.exercises:
        try:
            out.append(convert(exercise))
        except Skip as err:
            skipped.append(f"skipped {exercise.id} ({exercise.kind}): {err}")
    return out


def number(value: float) -> str:
    """A float as a plain decimal (``23.3``, ``120``, ``0.00001``): no exponent, no trailing zeros."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return "0" if text in ("-0", "") else text
