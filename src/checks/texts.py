"""The MyST texts of an exercise, each with where its bank writes it: what a page parses as markup.

Checks of what a text says (the works it cites) go through these, so that a field
added to a kind is checked once it is listed here. Matching options are plain text
(a role in one is refused by the model), and accepted answers, units and foreseen
wrong answers are compared, not shown as markup: none of them is listed.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.model import (
    AnyExercise,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)

Part = tuple[str | int, ...]  # where in the exercise: ("options", 1, "feedback")


def exercise_texts(ex: AnyExercise) -> Iterator[tuple[Part, str]]:
    """Each MyST text of ``ex`` with its place in the exercise, in the order a bank usually writes them."""
    if isinstance(ex, SingleChoice) and ex.vignette:
        yield ("vignette",), ex.vignette
    yield ("prompt",), ex.prompt
    if ex.hint:
        yield ("hint",), ex.hint
    if isinstance(ex, SingleChoice | MultipleSelect):
        for i, option in enumerate(ex.options):
            yield ("options", i, "text"), option.text
            yield ("options", i, "feedback"), option.feedback
    if isinstance(ex, TrueFalse):
        yield ("feedback_true",), ex.feedback_true
        yield ("feedback_false",), ex.feedback_false
    if isinstance(ex, Ordering):
        for i, item in enumerate(ex.items):
            yield ("items", i, "text"), item.text
    if isinstance(ex, Matching):
        for i, stem in enumerate(ex.stems):
            yield ("stems", i, "text"), stem.text
            yield ("stems", i, "feedback"), stem.feedback
    if isinstance(ex, ShortText):
        for i, wrong in enumerate(ex.wrong_answers):
            yield ("wrong_answers", i, "feedback"), wrong.feedback
    if isinstance(ex, ShortText | Numeric | Ordering):
        for name in ("feedback_correct", "feedback_incorrect"):
            text = getattr(ex, name)
            if text:  # optional for ordering
                yield (name,), text
    yield ("explanation",), ex.explanation
