"""``{checks-format} bank`` and ``{checks-format} sheet``: format reference generated from the model;
``{checks-example} <id>``: an exercise as its bank writes it.

The authoring and instructor pages print these, so the documented fields,
types, rules and examples cannot drift from what the loader accepts.
"""

from __future__ import annotations

import functools
import inspect
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import models_json_schema
from sphinx.util.docutils import SphinxDirective

from checks.field_docs import field_docs
from checks.grading import __doc__ as grading_doc
from checks.model import (
    Bank,
    ExerciseBase,
    Item,
    Matching,
    MultipleSelect,
    Numeric,
    Objective,
    Option,
    Ordering,
    ShortText,
    SingleChoice,
    Slug,
    Stem,
    Text,
    TrueFalse,
    WrongAnswer,
)
from checks.normalise import __doc__ as normalise_doc
from checks.sheets import RESPONSE_SHAPES
from checks.spans import Layout, bank_layout
from checks.sphinxext.directives import EXERCISE_ID, NO_OPTIONS, BankDirective

KIND_MODELS: tuple[type[BaseModel], ...] = (
    SingleChoice,
    MultipleSelect,
    TrueFalse,
    ShortText,
    Numeric,
    Ordering,
    Matching,
)
PARTS: tuple[type[BaseModel], ...] = (Objective, Option, Item, Stem, WrongAnswer)


_ID_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
_REFS = {m.__name__: m.__name__ for m in PARTS}
# The two kinds of string most fields hold, and their limits: said once above the tables, not in every row.
_SHARED = {"id": TypeAdapter(Slug).json_schema(), "text": TypeAdapter(Text).json_schema()}
# A pattern of one character class, such as a source key's: said as the characters it allows.
_CLASS_PATTERN = re.compile(r"^\^\[((?:\\.|[^\]\\])+)\]\+\$$")


def legend() -> str:
    """What "id" and "text" mean in the type column, from their schemas (MyST)."""
    slug, text = _SHARED["id"], _SHARED["text"]
    assert slug["pattern"] == _ID_PATTERN  # the words below say this pattern
    shortest = text["minLength"]
    least = "not empty" if shortest == 1 else f"at least {shortest:,} characters"
    return (
        "In the type column, an *id* is lower-case letters and digits joined by single hyphens, such as `c1-naming`,"
        f" at most {slug['maxLength']:,} characters; a *text* is {least} and at most {text['maxLength']:,} characters."
    )


@functools.cache
def _schema_properties() -> dict[type[BaseModel], dict[str, Any]]:
    """The JSON Schema of each field of every model the tables show, generated in one pass: a pass per model
    generated the nested models again each time, about half the time the reference's tables take."""
    models: list[type[BaseModel]] = [Bank, ExerciseBase, *KIND_MODELS, *PARTS]
    refs, schema = models_json_schema([(model, "validation") for model in models])
    definitions = schema["$defs"]
    return {
        model: definitions[refs[(model, "validation")]["$ref"].rsplit("/", 1)[-1]]["properties"] for model in models
    }


def _type_name(schema: dict[str, Any]) -> str:
    """What a field holds, in an author's words, from its JSON Schema (the loader's own rules), with its limits."""
    if "anyOf" in schema:  # optional: "X or null"
        return " or ".join(dict.fromkeys(_type_name(s) for s in schema["anyOf"] if s.get("type") != "null"))
    if "oneOf" in schema:
        return "exercise"
    if "const" in schema:
        return f"the word {schema['const']}"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type")
    if kind == "array":
        item = _type_name(schema.get("items", {}))
        named = f"list of {item}s" if item in ("id", "text") else f"list of {item}"
        return named + _item_count(schema.get("minItems"), schema.get("maxItems"))
    if kind == "object":
        return "mapping of id to id" if "patternProperties" in schema else "mapping"
    if kind == "string":
        return _string_name(schema)
    if kind == "number":
        bounds = [
            f"{sign} {schema[key]:g}"
            for key, sign in (("exclusiveMinimum", ">"), ("minimum", "≥"), ("exclusiveMaximum", "<"), ("maximum", "≤"))
            if key in schema
        ]
        return " and ".join(["number " + bounds[0], *bounds[1:]]) if bounds else "number"
    return {"boolean": "true/false", "integer": "whole number"}.get(str(kind), str(kind))


def _item_count(low: int | None, high: int | None) -> str:
    if low and high:
        return f", {low} to {high}"
    if high:
        return f", at most {high}"
    return f", at least {low}" if low and low > 1 else ""  # one at least reads as plain "list"


def _string_name(schema: dict[str, Any]) -> str:
    if schema.get("format") == "date":
        return "date"
    shared = next((name for name, rule in _SHARED.items() if rule == {"type": "string", **schema}), None)
    if shared is None and schema.get("pattern") == _ID_PATTERN:
        shared = "id"
    if shared is not None:
        extra = {k: v for k, v in schema.items() if k not in ("type", "pattern") and v != _SHARED[shared].get(k)}
        return shared + (f", at most {extra['maxLength']:,} characters" if "maxLength" in extra else "")
    pattern = schema.get("pattern")
    if pattern is None:
        return "text"
    allowed = _CLASS_PATTERN.match(pattern)
    return f"text of {_characters(allowed.group(1))}" if allowed else f"text matching `{pattern}`"


def _characters(char_class: str) -> str:
    """A regular expression's character class in words: ``A-Za-z0-9_:`` is "letters, digits and _ :"."""
    words = []
    for span, word in (("A-Za-z", "letters"), ("a-z", "lower-case letters"), ("A-Z", "capitals"), ("0-9", "digits")):
        if span in char_class:
            words.append(word)
            char_class = char_class.replace(span, "")
    others = " ".join(re.sub(r"\\(.)", r"\1", char_class))
    return ", ".join(words) + (f" and {others}" if others else "") if words else f"the characters {others}"


def _field_rows(model: type[BaseModel], skip: set[str]) -> list[tuple[str, str, str, str]]:
    properties = _schema_properties()[model]
    docs = field_docs(model)
    rows = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        required = "required" if field.is_required() else "optional"
        rows.append((name, _type_name(properties[name]), required, docs.get(name, "")))
    return rows


def _myst(text: str) -> str:
    """A docstring's reST made MyST: ``code`` stays, a role names its target as code, and
    :data:`NAME` of the model is replaced by the text it holds, which is what a reader needs."""
    import checks.model

    def role(match: re.Match[str]) -> str:
        kind, target = match.group(1), match.group(2)
        value = getattr(checks.model, target, None) if kind == "data" else None
        return f"“{value}”" if isinstance(value, str) else f"`{target}`"

    return _ROLE.sub(role, text)


_ROLE = re.compile(r":(\w+):`~?([\w.]+)`")


class FormatDirective(SphinxDirective):
    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = NO_OPTIONS

    def run(self) -> list[nodes.Node]:
        which = self.arguments[0]
        if which == "sheet":
            rows = [(kind, shape, example) for kind, (shape, example) in RESPONSE_SHAPES.items()]
            return [self.table(("kind", "response", "example"), rows, (12, 45, 35))]
        out: list[nodes.Node] = [*self.parse_text_to_nodes(legend()), self.fields(_field_rows(Bank, set()))]
        out.append(self.rubric("Fields of every exercise"))
        kinds = [model.model_fields["kind"].annotation.__args__[0] for model in KIND_MODELS]  # type: ignore[union-attr]
        kind_row = (
            "kind",
            "one of the words " + ", ".join(kinds),
            "required",
            "The kind of exercise; each has the fields below its name.",
        )
        out.append(self.fields([_field_rows(ExerciseBase, set())[0], kind_row, *_field_rows(ExerciseBase, set())[1:]]))
        common = set(ExerciseBase.model_fields)
        for model, kind in zip(KIND_MODELS, kinds, strict=True):
            out.append(self.rubric(f"kind: {kind}"))
            out.extend(self.parse_text_to_nodes(_myst(inspect.cleandoc(model.__doc__ or ""))))
            out.append(self.fields(_field_rows(model, common | {"kind"})))
        for model in PARTS:
            out.append(self.rubric(f"{model.__name__}: {inspect.cleandoc(model.__doc__ or '')}"))
            out.append(self.fields(_field_rows(model, set())))
        out.append(self.rubric("Scoring"))
        out.extend(self.parse_text_to_nodes(_myst(inspect.cleandoc(grading_doc or "").split("\n\n", 1)[1])))
        out.append(self.rubric("How typed answers are normalised"))
        out.append(nodes.literal_block(text=inspect.cleandoc(normalise_doc or "").split("\n\n", 2)[2]))
        return out

    def fields(self, rows: Sequence[tuple[str, ...]]) -> nodes.table:
        return self.table(("field", "type", "required", "meaning"), rows, (18, 20, 9, 50))

    def rubric(self, text: str) -> nodes.rubric:
        return nodes.rubric(text=text)

    def table(self, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple[int, ...]) -> nodes.table:
        table = nodes.table(classes=["checks-format"])
        group = nodes.tgroup(cols=len(header))
        table += group
        # Widths in characters: the text builder lays columns out by them (HTML and LaTeX size their own).
        group.extend(nodes.colspec(colwidth=w) for w in widths)
        head = nodes.thead()
        head += self.row(header, literal_first=False)
        body = nodes.tbody()
        body.extend(self.row(r) for r in rows)
        group += head
        group += body
        return table

    def row(self, cells: tuple[str, ...], literal_first: bool = True) -> nodes.row:
        row = nodes.row()
        for i, cell in enumerate(cells):
            entry = nodes.entry()
            para = nodes.paragraph()
            if i == 0 and literal_first:
                para += nodes.literal(text=cell)
            else:
                para.extend(_inline(_myst(cell)))
            entry += para
            row += entry
        return row


def _inline(text: str) -> list[nodes.Node]:
    """Text with `code` spans as literals: the table cells' only markup, set without a nested parse."""
    parts = re.split(r"``?([^`]+)``?", text)
    return [nodes.literal(text=part) if i % 2 else nodes.Text(part) for i, part in enumerate(parts) if part]


class ExampleDirective(BankDirective):
    """An exercise as it is written in its bank, to copy from: always valid, since the book uses it.

    A directive that uses the banks like the others, so an exercise of a broken bank is waited for alike.
    """

    required_arguments = 1
    argument_words = EXERCISE_ID

    def run(self) -> list[nodes.Node]:
        exercise_id = self.arguments[0]
        if self.config.checks_edition == "student":  # a bank's text holds the key, which students must not see
            return [nodes.paragraph(text=f"(The student edition leaves out the bank text of {exercise_id}.)")]
        loaded = self.banks_or_warn()
        if loaded is None:
            return []
        if loaded.is_broken_exercise(exercise_id):
            return self.broken()
        book = loaded.book
        found = book.find(exercise_id)
        if found is None:
            return self.unknown_id(loaded, exercise_id)
        bank, exercise = found
        self.depend_on(bank)
        path = book.paths[book.banks.index(bank)]
        text = exercise_source(path, exercise_id, loaded.layout(path))
        block = nodes.literal_block(text, text, language="yaml")
        where = f"{path.parent.name}/{path.name}"
        caption = nodes.caption(text=f"{exercise.kind}: from {where}, indented to paste under 'exercises:' as it is")
        return [nodes.container("", caption, block, classes=["literal-block-wrapper"], literal_block=True)]


# How far a bank indents each exercise's "- id:" under 'exercises:' (the template's and every bank's of the book).
EXERCISE_INDENT = "  "


def exercise_source(path: Path, exercise_id: str, layout: Layout | None = None) -> str:
    """The lines of ``path`` that write the exercise ``exercise_id``, without the comments and blank lines that
    follow it, indented as under a bank's ``exercises:``, so that a copy pastes into a bank as it is; from
    ``layout``, that of the file as the build read it, where given, rather than read again."""
    lines, spans = layout if layout is not None else bank_layout(path)
    span = spans[exercise_id]
    written = textwrap.dedent("\n".join(lines[span.first - 1 : span.last]))
    return textwrap.indent(written, EXERCISE_INDENT)
