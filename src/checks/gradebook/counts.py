"""How many students gave each answer to an exercise, as a cell of the report's table of exercises.

The counts are those of ``responses`` in items.csv (:func:`.items.analyse`), written to be read at a glance: each
option by the letter the book prints it with, the right ones marked ✓, a count beside each (an option nobody chose
is shown: a distractor that draws no one is worth knowing); true and false, the right one marked; the statuses of
the other kinds. A count of invalid or unanswered answers, and a status no answer had, is left out when it is 0.
Each answer has a line of its own, its label beside its count, so that the column reads as a list at any width.
"""

from __future__ import annotations

from html import escape

from checks.model import AnyExercise

from .items import ItemStats, answer_labels
from .page import Html

RIGHT = "\N{CHECK MARK}"
_TOGETHER = "\N{NO-BREAK SPACE}"


def responses_cell(ex: AnyExercise, it: ItemStats) -> Html:
    """The cell of ``it``, the analysis of ``ex``: ``(a) ✓ 12``, ``(b) 3``, ``(c) 0``, ``unanswered 1``, a line
    each."""
    labels = answer_labels(ex)
    options = {label for label, _, _ in labels}  # each shown even when nobody gave it
    right = {label for label, _, correct in labels if correct}
    shown = []
    for label, count in it.responses:
        if count or label in options:
            mark = f"{_TOGETHER}{RIGHT}" if label in right else ""
            shown.append(f"{label}{mark}{_TOGETHER}{count}")
    return Html("<br>".join(map(escape, shown)))
