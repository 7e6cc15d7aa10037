"""Property-based tests: any JSON-like response to any exercise grades without an exception."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.grading import grade
from checks.handwritten import any_may_be_quoted, may_be_quoted
from checks.loading import Book, load_book
from checks.normalise import normalise_text, parse_number

from conftest import DATA, REPO

EXERCISES = [e for _, e in load_book([REPO / "exercises"]).exercises()] + [
    e for _, e in load_book([DATA / "bank.yaml"]).exercises()
]

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=10), inner, max_size=6),
    max_leaves=20,
)


def _known_ids(exercise: Any) -> list[str]:
    data = exercise.model_dump()
    ids = [o["id"] for o in data.get("options", [])] + [i["id"] for i in data.get("items", [])]
    return ids + [s["id"] for s in data.get("stems", [])] or ["x"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(min_value=0, max_value=len(EXERCISES) - 1), response=json_values)
def test_any_response_grades_within_bounds(index: int, response: Any) -> None:
    exercise = EXERCISES[index]
    result = grade(exercise, response)
    assert 0 <= result.score <= result.max_score == exercise.points
    assert result.status in {"correct", "partial", "incorrect", "unanswered", "invalid"}


@settings(max_examples=300)
@given(index=st.integers(min_value=0, max_value=len(EXERCISES) - 1), data=st.data())
def test_plausible_responses_grade_within_bounds(index: int, data: st.DataObject) -> None:
    """Responses built from the exercise's own ids reach the scoring code, not just the shape checks."""
    exercise = EXERCISES[index]
    ids = _known_ids(exercise)
    response = data.draw(
        st.sampled_from(ids)
        | st.lists(st.sampled_from(ids), unique=True)
        | st.dictionaries(st.sampled_from(ids), st.sampled_from(ids))
        | st.floats(allow_nan=False, allow_infinity=False).map(str)
    )
    result = grade(exercise, response)
    assert 0 <= result.score <= result.max_score


@given(st.text())
def test_normalised_text_is_stable(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip() and "  " not in once


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_numbers_read_back(value: float) -> None:
    parsed = parse_number(repr(value))
    assert parsed is not None and parsed[0] == value and parsed[1] == ""


def test_collection_is_not_empty(book: Book) -> None:
    assert len(EXERCISES) > len(list(book.exercises())) > 0


# Spaces of every kind, the quotes a word processor types, letters and line breaks: what a sheet's answers hold.
_HAND = st.text(alphabet=st.sampled_from(list(" \t\u00a0\x1c“‘„‚«»”’abc\n\u2028")), max_size=6)


@given(st.lists(st.one_of(_HAND, st.integers(), st.none(), st.lists(_HAND, max_size=2)), max_size=6))
def test_a_sheet_is_looked_at_closer_whenever_one_of_its_answers_may_be_quoted(answers: list[Any]) -> None:
    """The one-pass test of a sheet's answers misses no answer that may be quoted or blank; it may send a sheet
    the slower way needlessly only for a text holding a line break."""
    if any(map(may_be_quoted, answers)):
        assert any_may_be_quoted(answers)
    elif not any(isinstance(a, str) and "\n" in a for a in answers):
        assert not any_may_be_quoted(answers)
