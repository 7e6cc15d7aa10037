"""The MyST texts of an exercise, each with where its bank writes it: what a page parses as markup.

Checks of what a text says (the works it cites) go through these, so that a field
added to a kind is checked once it is listed here. Matching options are plain text
(a role in one is refused by the model), and accepted answers, units and foreseen
wrong answers are compared, not shown as markup: none of them is listed.

One table serves a loaded exercise and one as its bank writes it, valid or not
(:func:`written_texts`), so that both are checked for the same texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from checks.model import AnyExercise

Part = tuple[str | int, ...]  # where in the exercise: ("options", 1, "feedback")

# Each kind's texts, in the order a bank usually writes them: a field that is a text (no inner names), or a
# list field whose every entry has texts under the inner names.
_Fields = tuple[tuple[str, tuple[str, ...]], ...]
_ASKED: _Fields = (("prompt", ()), ("hint", ()))
_CHOICES: _Fields = (("options", ("text", "feedback")),)
_VERDICTS: _Fields = (("feedback_correct", ()), ("feedback_incorrect", ()))
_EXPLAINED: _Fields = (("explanation", ()),)
TEXT_FIELDS: dict[str, _Fields] = {
    "single": (("vignette", ()), *_ASKED, *_CHOICES, *_EXPLAINED),
    "multiple": (*_ASKED, *_CHOICES, *_EXPLAINED),
    "truefalse": (*_ASKED, ("feedback_true", ()), ("feedback_false", ()), *_EXPLAINED),
    "text": (*_ASKED, ("wrong_answers", ("feedback",)), *_VERDICTS, *_EXPLAINED),
    "numeric": (*_ASKED, *_VERDICTS, *_EXPLAINED),
    "ordering": (*_ASKED, ("items", ("text",)), *_VERDICTS, *_EXPLAINED),
    "matching": (*_ASKED, ("stems", ("text", "feedback")), *_EXPLAINED),
}
# An exercise whose kind is missing or unknown may be any kind: each text any kind has.
_ANY_KIND: _Fields = tuple(dict.fromkeys(f for fields in TEXT_FIELDS.values() for f in fields))


def exercise_texts(ex: AnyExercise) -> Iterator[tuple[Part, str]]:
    """Each MyST text of ``ex`` with its place in the exercise, in the order a bank usually writes them."""
    return _texts(ex, TEXT_FIELDS[ex.kind])


def written_texts(exercise: dict[Any, Any]) -> Iterator[tuple[Part, str]]:
    """Each MyST text of an exercise as its bank writes it, valid or not: the texts of its kind, or of any kind
    when its kind is not one; a value that is not text is left out (the model says what is wrong with it)."""
    kind = exercise.get("kind")
    return _texts(exercise, TEXT_FIELDS.get(kind, _ANY_KIND) if isinstance(kind, str) else _ANY_KIND)


def _texts(exercise: Any, fields: _Fields) -> Iterator[tuple[Part, str]]:
    for name, inner in fields:
        value = _get(exercise, name)
        if not inner:
            if isinstance(value, str) and value:  # an optional text left out is None
                yield (name,), value
            continue
        for i, entry in enumerate(value if isinstance(value, list | tuple) else ()):
            for sub in inner:
                text = _get(entry, sub)
                if isinstance(text, str) and text:
                    yield (name, i, sub), text


def _get(value: Any, name: str) -> Any:
    """The field ``name`` of a model, or of a mapping as a bank writes it; None where there is none."""
    if isinstance(value, BaseModel):
        return getattr(value, name, None)
    return value.get(name) if isinstance(value, dict) else None
