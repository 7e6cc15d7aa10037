"""What a student is told of each answer, as plain text: the lines ``checks grade --feedback`` prints under an
exercise, so that an instructor can hand each student their results.

The texts are those the web book shows after a check (the grader's feedback: the option's, the verdict's or the
foreseen wrong answer's) and the explanation, written as the blank sheets write them: markup dropped and
citations as the book writes them (:func:`checks.exports.markup.readable`, within
:func:`checks.exports.citations.citing`). The answer is shown as the sheet gave it, in its letters where it
answered in letters.
"""

from __future__ import annotations

import textwrap
from typing import Any

from checks.exports.markup import readable
from checks.grading import Result
from checks.model import AnyExercise
from checks.printable import capped, escaped

WIDTH = 88
INDENT = " " * 6  # under the exercise's line, whose id is indented by two


def feedback_lines(ex: AnyExercise, result: Result, written: Any) -> list[str]:
    """The lines under an answered exercise: the answer as ``written`` on the sheet, each feedback text, and
    the explanation, each wrapped and indented under the exercise's line. An answer of the wrong shape gets no
    explanation: the page checks no such answer, nor shows the answer after it, and the explanation gives it."""
    lines = _wrapped("answer: ", shown_answer(written))
    texts = [readable(text) for text in result.feedback if text]
    if len(texts) == 1:
        lines += _wrapped("feedback: ", texts[0])
    elif texts:  # several options ticked, or several stems matched: one entry each
        lines.append(f"{INDENT}feedback:")
        for text in texts:
            lines += _wrapped("  - ", text, "    ")
    if result.status != "invalid":
        lines += _wrapped("explanation: ", readable(ex.explanation))
    return lines


def shown_answer(value: Any) -> str:
    """An answer on one line, as a sheet writes it: ``b``, ``[a, c]``, ``{prostate: B}``, ``true``, ``36 kg``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        text = f"[{', '.join(map(shown_answer, value))}]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{shown_answer(k)}: {shown_answer(v)}" for k, v in value.items()) + "}"
    else:
        text = escaped(str(value))
    return capped(text)


def _wrapped(label: str, text: str, more: str = "  ") -> list[str]:
    """``text`` after ``label``, wrapped, its further lines indented a little more than the label."""
    return textwrap.wrap(
        " ".join(text.split()) or "-", WIDTH, initial_indent=INDENT + label, subsequent_indent=INDENT + more
    )
