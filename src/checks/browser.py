"""The grading data a page hands to the browser, already normalised.

The browser's ``checks.js`` applies the rules documented in
:mod:`checks.grading` and :mod:`checks.normalise` to this data and nothing
else; normalising the key here means there is one place where accepted
answers and units are turned into comparable form.
"""

from __future__ import annotations

from typing import Any

from checks.model import (
    EPSILON,
    AnyExercise,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from checks.normalise import normalise_text, normalise_unit


def grading_data(ex: AnyExercise) -> dict[str, Any]:
    """What the browser needs to grade ``ex`` exactly as Python does."""
    data: dict[str, Any] = {"id": ex.id, "kind": ex.kind, "points": ex.points}
    if isinstance(ex, SingleChoice | MultipleSelect):
        data["options"] = [o.id for o in ex.options]
        data["key"] = [o.id for o in ex.options if o.correct]
        data["tags"] = {o.id: o.misconception for o in ex.options if o.misconception}
    elif isinstance(ex, TrueFalse):
        data["answer"] = ex.answer
        data["tag"] = ex.misconception
    elif isinstance(ex, ShortText):
        data["accept"] = sorted({normalise_text(a) for a in ex.accept})
        data["patterns"] = list(ex.patterns)
        data["wrong"] = [[normalise_text(w.answer), w.misconception] for w in ex.wrong_answers]
    elif isinstance(ex, Numeric):
        data["value"] = ex.value
        data["allowed"] = ex.allowed_error
        data["epsilon"] = EPSILON
        data["units"] = [normalise_unit(u) for u in ex.units]
        data["tag"] = ex.misconception
    elif isinstance(ex, Ordering):
        data["order"] = [i.id for i in ex.items]
    else:
        assert isinstance(ex, Matching)
        data["options"] = [o.id for o in ex.options]
        data["stems"] = {s.id: s.answer for s in ex.stems}
        data["tags"] = {s.id: dict(s.misconceptions) for s in ex.stems}
    return data
