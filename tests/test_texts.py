"""The MyST texts of an exercise: every text a page parses as markup, and nothing else."""

from __future__ import annotations

from typing import Any

from checks.loading import Book, load_bank
from checks.texts import exercise_texts

from conftest import DATA

# Strings of an exercise that are not MyST: names, compared answers and plain matching options.
NOT_MARKUP = {
    "id",
    "kind",
    "objectives",
    "source",
    "misconception",
    "answer",
    "accept",
    "patterns",
    "units",
    "misconceptions",
}


def _strings(data: Any, loc: tuple[str | int, ...] = ()) -> dict[tuple[str | int, ...], str]:
    """Every string of a dumped exercise by its place, less the fields that are not markup."""
    if isinstance(data, str):
        return {loc: data}
    found: dict[tuple[str | int, ...], str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_MARKUP:
                found |= _strings(value, (*loc, key))
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            found |= _strings(value, (*loc, i))
    return found


def test_every_text_of_every_kind_is_listed(book: Book) -> None:
    """A text field added to a model is listed, or its citations would go unchecked."""
    exercises = [ex for _, ex in book.exercises()] + list(load_bank(DATA / "bank.yaml").exercises)
    assert {ex.kind for ex in exercises} == {
        "single",
        "multiple",
        "truefalse",
        "text",
        "numeric",
        "ordering",
        "matching",
    }
    for ex in exercises:
        expected = _strings(ex.model_dump(exclude_none=True))
        if ex.kind == "matching":  # plain text, in a list and a drop-down: a role there is refused
            expected = {loc: text for loc, text in expected.items() if loc[0] != "options"}
        assert dict(exercise_texts(ex)) == expected, ex.id
