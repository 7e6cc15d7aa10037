"""The bank and answer-sheet formats as JSON Schema, generated from the model.

Editors that understand JSON Schema (VS Code with the YAML extension, PyCharm)
check ``exercises/*.yaml`` while an author types; ``checks schema`` prints
these, and the package ships them as files under ``checks/schema/``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from checks import model
from checks.field_docs import field_docs
from checks.model import Bank
from checks.sheets import RESPONSE_SHAPES, SHEET_FIELDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def bank_schema() -> dict[str, Any]:
    schema = Bank.model_json_schema(mode="validation")
    _describe_fields(schema, Bank)
    for name, definition in schema.get("$defs", {}).items():
        described = getattr(model, name, None)
        if isinstance(described, type) and issubclass(described, BaseModel):  # an Enum, say, has no fields
            _describe_fields(definition, described)
    return {"$schema": SCHEMA_DIALECT, "$id": "checks-bank.schema.json", **schema}


def _describe_fields(schema: dict[str, Any], of: type[BaseModel]) -> None:
    """Each field's docstring as its description, where pydantic would have put it (see :mod:`checks.field_docs`):
    among the field's keys in order, as pydantic writes them, and not over a description the field gives itself."""
    properties = schema["properties"]
    for name, doc in field_docs(of).items():
        properties[name] = dict(sorted({"description": doc, **properties[name]}.items()))


def sheet_schema() -> dict[str, Any]:
    """Answer sheets: the shape of each response depends on the exercise's kind."""
    response = {
        "description": "; ".join(f"{kind}: {shape}" for kind, (shape, _) in RESPONSE_SHAPES.items()),
        "anyOf": [
            {"type": "string"},
            {"type": "number"},
            {"type": "boolean"},
            {"type": "null"},
            {"type": "array", "items": {"type": "string"}},
            # A matching's stem left blank (null) is unmatched, as on paper.
            {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
        ],
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "checks-sheet.schema.json",
        "title": "Answer sheet",
        "type": "object",
        "required": ["student", "answers"],
        "additionalProperties": False,
        "properties": {
            "student": {"type": "string", "minLength": 1, "maxLength": 200},
            "answers": {
                "description": "Exercise id to answer. Required, but may be empty ({} or null, 'answers:' with "
                "nothing under it in YAML): a sheet handed in empty, every exercise unanswered.",
                "type": ["object", "null"],
                "additionalProperties": response,
            },
            "book": {"type": "string"},
            "submitted": {
                "description": "When the sheet was handed in, in ISO 8601 (2026-12-01T09:30:00Z; no zone means UTC); "
                "where a student's sheets differ, the latest counts.",
                "type": "string",
            },
            "variant": {
                "description": "The variant the sheet was made for; its answers use the letters printed on it.",
                "type": "object",
                "required": ["student", "seed"],
                "additionalProperties": False,
                "properties": {"student": {"type": "string"}, "seed": {"type": ["string", "integer"]}},
            },
            "letters": {
                "description": "'book' when choice, ordering and matching answers use the letters the book prints "
                "(a blank sheet from 'checks sheet' says so); without it, answers use ids. Not with 'variant'.",
                "const": "book",
            },
            "lettering": {
                "description": "Printed with 'letters: book' or 'variant': each chapter's code for the letters the "
                "sheet was printed with (the book's or the variant's), so that grading warns when they have "
                "changed since.",
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
            "chapters": {
                "description": "The chapters the sheet is for, named as the banks name them (a blank sheet or key "
                "made with --chapter carries it, and so does a download from the web book): graded without "
                "--chapter, the sheet is marked out of these chapters' points alone. Without it, the sheet is "
                "for the whole book.",
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
            },
        },
        "x-fields": list(SHEET_FIELDS),
    }
