"""Grading: one pure function per exercise kind, and the result it returns.

A grader takes an exercise and any response (whatever JSON or YAML can hold)
and returns a :class:`Result`; it never raises and never changes the exercise.
A response of the wrong shape scores 0 with a message saying what shape was
expected. The scoring rules, which the browser applies identically:

- single choice, true/false, short text, numeric: all or nothing;
- multiple select: ``points × max(0, right − wrong) / number of correct options``;
- ordering: ``points × (L − 1) / (n − 1)``, where L is the longest run of items
  placed in the right relative order (longest increasing subsequence) and n
  the number of items; a complete, exact order scores full marks;
- matching: ``points × correct stems / number of stems``.

A number is right when it is at most the tolerance from the value. For binary
rounding the comparison allows a billionth of the value's size (or of the
tolerance, when larger) and nothing more: 0.3 ± 0.1 takes 0.4, and a value of
1e-12 without a tolerance grades 0 wrong.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

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
from checks.normalise import (
    normalise_text,
    normalise_unit,
    parse_number,
    pattern_matches,
    unit_key,
    written_otherwise,
)

Status = Literal["correct", "partial", "incorrect", "unanswered", "invalid"]


@dataclass(frozen=True)
class Result:
    """What a grader says about one response."""

    exercise_id: str
    score: float
    max_score: float
    status: Status
    feedback: tuple[str, ...] = ()
    misconceptions: tuple[str, ...] = ()
    message: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def _scored(ex: AnyExercise, score: float, feedback: tuple[str, ...], tags: tuple[str, ...] = ()) -> Result:
    status: Status = "correct" if score >= ex.points else "partial" if score > 0 else "incorrect"
    return Result(ex.id, score, ex.points, status, feedback, tags)


def _invalid(ex: AnyExercise, expected: str) -> Result:
    return Result(ex.id, 0.0, ex.points, "invalid", message=f"expected {expected}")


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def grade_single(ex: SingleChoice, response: Any) -> Result:
    expected = "one option id: " + ", ".join(o.id for o in ex.options)
    if not isinstance(response, str):
        return _invalid(ex, expected)
    option = ex.option(response)
    if option is None:
        return _invalid(ex, expected)
    tags = (option.misconception,) if option.misconception else ()
    return _scored(ex, ex.points if option.correct else 0.0, (option.feedback,), tags)


def grade_multiple(ex: MultipleSelect, response: Any) -> Result:
    expected = "a list of distinct option ids from: " + ", ".join(o.id for o in ex.options)
    if not _is_str_list(response) or len(set(response)) != len(response):
        return _invalid(ex, expected)
    chosen = [ex.option(r) for r in response]
    if any(o is None for o in chosen):
        return _invalid(ex, expected)
    picked = {o.id for o in chosen if o is not None}
    key = ex.correct_ids
    net = max(0, len(picked & key) - len(picked - key))
    score = ex.points if picked == key else ex.points * net / len(key)
    feedback = tuple(o.feedback for o in ex.options if o.id in picked)
    tags = tuple(o.misconception for o in ex.options if o.id in picked and o.misconception)
    return _scored(ex, score, feedback, tags)


def grade_truefalse(ex: TrueFalse, response: Any) -> Result:
    if not isinstance(response, bool):
        return _invalid(ex, "true or false")
    feedback = ex.feedback_true if response else ex.feedback_false
    right = response == ex.answer
    return _scored(ex, ex.points if right else 0.0, (feedback,), () if right else (ex.misconception,))


def grade_text(ex: ShortText, response: Any) -> Result:
    if not isinstance(response, str):
        return _invalid(ex, "a word or phrase (text)")
    answer = normalise_text(response)
    if answer in {normalise_text(a) for a in ex.accept} or any(pattern_matches(p, answer) for p in ex.patterns):
        return _scored(ex, ex.points, (ex.feedback_correct,))
    for wrong in ex.wrong_answers:
        if answer == normalise_text(wrong.answer):
            return _scored(ex, 0.0, (wrong.feedback,), (wrong.misconception,))
    return _scored(ex, 0.0, (ex.feedback_incorrect,))


def grade_numeric(ex: Numeric, response: Any) -> Result:
    units = [normalise_unit(u) for u in ex.units]
    expected = "a number" + (f", optionally followed by a unit ({', '.join(ex.units)})" if ex.units else "")
    if isinstance(response, bool) or not isinstance(response, int | float | str):
        return _invalid(ex, expected)
    if isinstance(response, str):
        parsed = parse_number(response)
        if parsed is None:
            return _invalid(ex, expected)
        number, unit = parsed
    else:
        try:
            number, unit = float(response), ""
        except OverflowError:  # an integer too large for a float
            return _invalid(ex, expected)
    if not math.isfinite(number):
        return _invalid(ex, expected)
    near = ex.accepts(number)
    # The misconception names a wrong number's reasoning: the right number in a unit refused ("40 pts") shows none.
    tags = (ex.misconception,) if ex.misconception and not near else ()
    if unit and unit_key(unit) not in {unit_key(u) for u in units}:
        # "1 500", "½", "23.3 ± 0.5": the number was not read, no unit refused; but where the units taken are
        # written so themselves ("× 10^9/L"), "× 10^6/L" is a unit refused, and the reader is told the units.
        if written_otherwise(unit) and not any(written_otherwise(u) for u in units):
            return _invalid(ex, expected)
        # The message names the unit as what is wrong, and the units taken; the feedback for a wrong answer follows,
        # as it says how the answer is worked out and in what unit.
        message = unit_refused(unit, units)
        return Result(ex.id, 0.0, ex.points, "incorrect", (ex.feedback_incorrect,), tags, message)
    if near:
        return _scored(ex, ex.points, (ex.feedback_correct,))
    return _scored(ex, 0.0, (ex.feedback_incorrect,), tags)


def unit_refused(unit: str, units: list[str]) -> str:
    """What the reader is told of a unit the exercise does not take, in the browser's words too."""
    taken = f"{', '.join(units[:-1])} or {units[-1]}" if len(units) > 1 else "".join(units)
    return f"The unit “{unit}” is not accepted here: " + (f"answer in {taken}." if taken else "give the number alone.")


def longest_run(positions: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for p in positions:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < p:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(p)
        else:
            tails[lo] = p
    return len(tails)


def first_out_of_place(order: list[str], response: list[str]) -> str | None:
    """The first item of ``response`` that some longest run of items in the right order leaves out, so that the
    others keep that run without it: the item to move, where the first place that differs may hold an item in its
    place among the others (the last step put first). None when every item placed is in order."""
    return _to_move(tuple(order), tuple(response))


@functools.lru_cache(maxsize=4096)  # a class gives the same few wrong orders, each graded and tallied
def _to_move(order: tuple[str, ...], response: tuple[str, ...]) -> str | None:
    positions = [order.index(r) for r in response]
    run = longest_run(positions)
    # The items in their places before the first that is not are in every longest run: looked at from there.
    start = next((i for i, p in enumerate(positions) if p != i), len(positions))
    return next(
        (response[i] for i in range(start, len(positions)) if longest_run(positions[:i] + positions[i + 1 :]) == run),
        None,
    )


def grade_ordering(ex: Ordering, response: Any) -> Result:
    order = [i.id for i in ex.items]
    expected = "a list of distinct item ids from: " + ", ".join(order)
    if not _is_str_list(response) or len(set(response)) != len(response) or not set(response) <= set(order):
        return _invalid(ex, expected)
    if response == order:
        return _scored(ex, ex.points, (ex.feedback_correct,) if ex.feedback_correct else ())
    run = longest_run([order.index(r) for r in response])
    score = ex.points * max(0, run - 1) / (len(order) - 1)
    feedback: list[str] = []
    if ex.feedback_incorrect:
        feedback.append(ex.feedback_incorrect)
    moved = first_out_of_place(order, response)
    if moved is not None:
        feedback.append(f"First item out of place: {ex.items[order.index(moved)].text}")
    elif len(response) < len(order):
        feedback.append(f"{len(order) - len(response)} item(s) not placed")
    return _scored(ex, score, tuple(feedback))


def grade_matching(ex: Matching, response: Any) -> Result:
    options = {o.id for o in ex.options}
    stems = {s.id for s in ex.stems}
    if not isinstance(response, dict) or not all(
        isinstance(k, str) and k in stems and isinstance(v, str) and v in options for k, v in response.items()
    ):
        return _invalid(ex, "a mapping of stem id to option id (stems: " + ", ".join(s.id for s in ex.stems) + ")")
    right = [s for s in ex.stems if response.get(s.id) == s.answer]
    feedback = tuple(s.feedback for s in ex.stems if s.id in response)
    tags = tuple(s.misconceptions[response[s.id]] for s in ex.stems if response.get(s.id) in s.misconceptions)
    score = ex.points if len(right) == len(ex.stems) else ex.points * len(right) / len(ex.stems)
    return _scored(ex, score, feedback, tags)


_GRADERS: dict[str, Callable[[Any, Any], Result]] = {
    "single": grade_single,
    "multiple": grade_multiple,
    "truefalse": grade_truefalse,
    "text": grade_text,
    "numeric": grade_numeric,
    "ordering": grade_ordering,
    "matching": grade_matching,
}


def grade(ex: AnyExercise, response: Any) -> Result:
    """Grade any response to any exercise; ``None`` means unanswered."""
    if response is None:
        return Result(ex.id, 0.0, ex.points, "unanswered")
    return _GRADERS[ex.kind](ex, response)
