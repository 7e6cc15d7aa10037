"""The authors' reference: the bank-format tables and the example exercises the authoring page prints."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, TypeAdapter

from checks.loading import MAX_BANK_BYTES, Book
from checks.model import AnyExercise, Bank, ExerciseBase
from checks.reading import read_document
from checks.spans import document_layout
from checks.sphinxext.banks import get_banks
from checks.sphinxext.formats import (
    KIND_MODELS,
    PARTS,
    _field_rows,
    _myst,
    _schema_properties,
    exercise_source,
    legend,
)

from conftest import REPO

AUTHORING = REPO / "docs" / "authoring.md"
TYPE_WORDS = re.compile(
    r"^(text|id|date|true/false|number( [>≥] [\d.]+)?( and [<≤] [\d.]+)?|mapping of id to id|the word \w+|"
    r"text of [\w ,_:./-]+|"
    r"list of (texts|ids|exercise|Objective|Option|Item|Stem|WrongAnswer)(, \d+ to \d+|, at (least|most) \d+)?)$"
)


@pytest.mark.parametrize("model", [Bank, ExerciseBase, *KIND_MODELS, *PARTS], ids=lambda m: m.__name__)
def test_every_field_is_named_in_an_authors_words(model: type) -> None:
    """No Python type names (``<class 'str'>``, ``Annotated[…]``) and no field without a meaning."""
    for name, kind, required, meaning in _field_rows(model, {"kind"}):  # the page gives kind a row of its own
        assert TYPE_WORDS.match(kind), (model.__name__, name, kind)
        assert required in ("required", "optional")
        assert meaning.strip(), f"{model.__name__}.{name} has no description"
        assert ":data:" not in _myst(meaning) and ":class:" not in _myst(meaning)


def _limits(schema: dict[str, Any]) -> list[tuple[str, str]]:
    """Every limit a field's JSON Schema sets: its keyword and the number it names."""
    if "anyOf" in schema:
        return [n for s in schema["anyOf"] for n in _limits(s)]
    keys = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "maxItems", "maxLength")
    found = [(k, f"{schema[k]:g}") for k in keys if k in schema]
    if schema.get("minItems", 1) > 1:
        found.append(("minItems", str(schema["minItems"])))
    return found + (_limits(schema["items"]) if "items" in schema else [])


@pytest.mark.parametrize("model", [Bank, ExerciseBase, *KIND_MODELS, *PARTS], ids=lambda m: m.__name__)
def test_the_tables_say_every_limit_the_loader_enforces(model: type[BaseModel]) -> None:
    """A limit in a field's schema is in its type, or, for the length of an id or a text, in the legend."""
    properties = model.model_json_schema()["properties"]
    said = re.sub(r"(?<=\d),(?=\d{3})", "", legend())  # 20,000 is 20000
    for name, kind, _, _ in _field_rows(model, {"kind"}):
        for key, limit in _limits(properties[name]):
            where = f"{kind} | {said}" if key == "maxLength" else kind
            assert re.search(rf"(?<![\w.]){re.escape(limit)}(?![\d.])", where), (name, kind, key, limit)


def test_the_limits_are_said_in_words() -> None:
    rows = {
        (m.__name__, name): kind for m in (ExerciseBase, *KIND_MODELS) for name, kind, _, _ in _field_rows(m, set())
    }
    assert rows["ExerciseBase", "points"] == "number > 0 and ≤ 1000"
    assert rows["Numeric", "relative_tolerance"] == "number ≥ 0 and ≤ 1"
    assert rows["Ordering", "items"] == "list of Item, 2 to 20"
    assert rows["Matching", "options"] == "list of Item, 2 to 26"
    assert rows["Matching", "stems"] == "list of Stem, 2 to 20"
    assert rows["ExerciseBase", "source"] == "text of letters, digits and _ : . -"
    assert legend() == (
        "In the type column, an *id* is lower-case letters and digits joined by single hyphens, such as `c1-naming`,"
        " at most 80 characters; a *text* is not empty and at most 20,000 characters."
    )


def test_a_role_in_a_description_becomes_what_it_names() -> None:
    assert _myst("says so: :data:`REUSE_NOTE`") == "says so: “Options may be used more than once or not at all.”"
    assert _myst("returns a :class:`Result`") == "returns a `Result`"


def example_ids() -> list[str]:
    return re.findall(r"^```\{checks-example\} (\S+)$", AUTHORING.read_text(encoding="utf-8"), flags=re.M)


def test_the_authoring_page_shows_one_exercise_of_each_kind(book: Book) -> None:
    kinds = []
    for exercise_id in example_ids():
        found = book.find(exercise_id)
        assert found is not None, exercise_id
        kinds.append(found[1].kind)
    assert sorted(kinds) == sorted(m.model_fields["kind"].annotation.__args__[0] for m in KIND_MODELS)


def test_an_example_is_its_exercise_as_written_and_valid_as_printed(book: Book) -> None:
    """Copied from the page into a bank, under its ``exercises:`` as it is, each example loads as the very exercise
    the book uses: it is indented as a bank indents its exercises, not from the first column."""
    adapter: TypeAdapter[AnyExercise] = TypeAdapter(AnyExercise)
    for exercise_id in example_ids():
        bank, exercise = book.find(exercise_id)  # type: ignore[misc]
        path = book.paths[book.banks.index(bank)]
        text = exercise_source(path, exercise_id)
        assert text.startswith(f"  - id: {exercise_id}\n") and not text.rstrip().endswith("#")
        pasted = f"chapter: x\ntitle: X\nexercises:\n{text}\n"
        [written] = yaml.safe_load(pasted)["exercises"]
        assert adapter.validate_python(written) == exercise


def test_an_example_ends_before_the_comments_that_open_the_next_group(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "chapter: x\ntitle: X\nexercises:\n"
        "  - id: first\n    kind: single\n\n  # --- next group ---\n\n"
        "  - id: second\n    kind: single\n"
    )
    assert exercise_source(bank, "first") == "  - id: first\n    kind: single"
    assert exercise_source(bank, "second") == "  - id: second\n    kind: single"


def test_an_example_is_indented_as_the_book_s_banks_indent_whatever_its_own_bank_does(tmp_path: Path) -> None:
    """A bank that writes its exercises at the first column, or 4 spaces in, still gives an example to paste
    under the 2 spaces of the template and of every bank of the book."""
    for indent in ("", "    "):
        bank = tmp_path / f"bank{len(indent)}.yaml"
        bank.write_text(f"chapter: x\ntitle: X\nexercises:\n{indent}- id: only\n{indent}  kind: single\n")
        assert exercise_source(bank, "only") == "  - id: only\n    kind: single"


def test_an_example_comes_from_the_bank_as_the_build_read_it(tmp_path: Path) -> None:
    """The build prints an example from the file as it read it for the book, not from a second reading: the same
    lines as reading it again, and none from a file edited since."""
    bank = tmp_path / "bank.yaml"
    bank.write_text("chapter: x\ntitle: X\nexercises:\n  - id: first\n    kind: single\n", encoding="utf-8")
    read = read_document(bank, max_bytes=MAX_BANK_BYTES, keep_going=True, exponents=True)
    assert exercise_source(bank, "first", document_layout(read)) == exercise_source(bank, "first")
    bank.write_text("chapter: x\ntitle: X\nexercises:\n  - id: first\n    kind: multiple\n", encoding="utf-8")
    assert exercise_source(bank, "first", document_layout(read)) == "  - id: first\n    kind: single"


def test_the_build_keeps_each_usable_bank_as_it_read_it() -> None:
    loaded = get_banks(REPO / "exercises")
    assert set(loaded.documents) == set(loaded.book.paths)
    for path, doc in loaded.documents.items():
        assert doc.path == path and doc.text == path.read_text(encoding="utf-8")
        assert loaded.layout(path) is loaded.layout(path)  # worked out once a build
        assert loaded.layout(path) == document_layout(doc)


@pytest.mark.parametrize("model", [Bank, ExerciseBase, *KIND_MODELS, *PARTS], ids=lambda m: m.__name__)
def test_the_tables_read_each_model_s_schema_as_pydantic_gives_it_alone(model: type[BaseModel]) -> None:
    """The tables' schemas come from one pass over all the models: each is the model's own."""
    assert _schema_properties()[model] == model.model_json_schema()["properties"]
