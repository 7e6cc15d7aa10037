"""Aiken export: single-choice questions only, as plain text Moodle (and other LMSs) import.

Each question is one line (a vignette and the prompt joined), one line per
option (``A. …``), and ``ANSWER: <letter>``, with a blank line between
questions. Aiken has no multi-line texts, no feedback, no explanations and no
other kinds: texts are converted to one line of plain text, feedback and
explanations are not carried, and every exercise that is not single choice is
skipped with a message. A question line that an Aiken reader would mistake for
an option or an answer line is skipped too.
"""

from __future__ import annotations

import re
import string

from checks.exports.common import Skip, convert_bank
from checks.exports.markup import to_plain
from checks.loading import Book
from checks.model import AnyExercise, SingleChoice
from checks.variants import display_options

# What Moodle's Aiken reader takes for an option line or the answer line.
_RESERVED = re.compile(r"^([A-Z][.)][ \t]|ANSWER)")


def question(ex: AnyExercise) -> str:
    """One single-choice exercise in Aiken format, or :class:`Skip`."""
    if not isinstance(ex, SingleChoice):
        raise Skip("Aiken has only single-choice questions")
    line = to_plain(f"{ex.vignette}\n\n{ex.prompt}" if ex.vignette else ex.prompt)
    if _RESERVED.match(line):
        raise Skip(f"its question starts with {line[:7]!r}, which an Aiken reader takes for an option or answer line")
    lines = [line]
    answer = ""
    for letter, option in zip(string.ascii_uppercase, display_options(ex), strict=False):
        lines.append(f"{letter}. {to_plain(option.text, inline=True)}")
        if option.correct:
            answer = letter
    lines.append(f"ANSWER: {answer}")
    return "\n".join(lines)


def export(book: Book, whole: Book | None = None) -> tuple[bytes, list[str]]:
    """The book's single-choice exercises as one Aiken file (UTF-8), and a line for each exercise skipped. Aiken
    names no chapter, so the ``whole`` book that ``book`` may be part of changes nothing."""
    skipped: list[str] = []
    questions = [q for bank in book.banks for q in convert_bank(bank, question, skipped, explained=False)]
    return "".join(f"{q}\n\n" for q in questions).encode("utf-8"), skipped
