"""Hints that give the answer away: a short-text exercise's hint that says an accepted answer, a numeric one's
that says the right number.

A hint is opened before answering, so one that holds the answer turns the exercise into copying. The texts are
compared as the grader compares an answer (:func:`~checks.normalise.normalise_text`), as whole words: the hint
"a word also used for seeds" says neither "seed" nor "used f", which the grader would not take for "seeds".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from checks.loading import Book
from checks.model import AnyExercise, Numeric, ShortText, within
from checks.normalise import normalise_text

# A number as a text writes it: digits, with a sign, a decimal part or thousands separated by commas.
_NUMBER = re.compile(r"(?<![\w.,])([-\u2212+]?)([0-9]+(?:[.,][0-9]+)*)")


def given_away(ex: AnyExercise) -> str | None:
    """What ``ex``'s hint says of the answer, as a message names it (``'dormant', an accepted answer``); None
    when it says none, or there is no hint."""
    if ex.hint is None:
        return None
    if isinstance(ex, ShortText):
        hint = f" {normalise_text(ex.hint)} "
        said = next((a for a in ex.accept if f" {normalise_text(a)} " in hint), None)
        return None if said is None else f"{said!r}, an accepted answer"
    if isinstance(ex, Numeric):
        return f"{ex.value:g}, the answer" if any(within(n, ex.value, 0.0) for n in _numbers(ex.hint)) else None
    return None


def _numbers(text: str) -> Iterator[float]:
    """Each number ``text`` writes, in each way it may be read: ``1,500`` as 1500, and as 1.5, as the grader reads a
    decimal comma."""
    for sign, digits in _NUMBER.findall(text):
        minus = "-" if sign in ("-", "\u2212") else ""
        readings = {digits.replace(",", "")}
        if digits.count(",") == 1 and "." not in digits:
            readings.add(digits.replace(",", "."))
        for reading in readings:
            try:
                yield float(minus + reading)
            except ValueError:  # 1.2.3: no number
                continue


def giveaways(book: Book) -> Iterator[tuple[Path, AnyExercise, str]]:
    """Each exercise of ``book`` whose hint gives the answer away, with its bank file and what the hint says."""
    for bank, path in zip(book.banks, book.paths, strict=True):
        for ex in bank.exercises:
            said = given_away(ex)
            if said is not None:
                yield path, ex, said
