"""``{checks-format} bank`` and ``{checks-format} sheet``: format reference generated from the model.

The authoring and instructor pages print these tables, so the documented
fields, types and rules cannot drift from what the loader accepts.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from pydantic import BaseModel
from sphinx.util.docutils import SphinxDirective

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
    Stem,
    TrueFalse,
    WrongAnswer,
)
from checks.normalise import __doc__ as normalise_doc
from checks.sheets import RESPONSE_SHAPES

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


def _type_name(annotation: Any) -> str:
    text = str(annotation).replace("typing.", "").replace("checks.model.", "")
    for raw, nice in (("Annotated[str", "text"), ("Annotated[float", "number"), ("Annotated[bool", "true/false")):
        if text.startswith(raw):
            return nice
    return {"<class 'bool'>": "true/false", "<class 'float'>": "number", "<class 'datetime.date'>": "date"}.get(
        text, text
    )


def _field_rows(model: type[BaseModel], skip: set[str]) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        annotation = field.annotation
        shown = _type_name(annotation)
        if "tuple[" in shown or "dict[" in shown:
            shown = "list" if "tuple[" in shown else "mapping"
        elif "Literal" in shown:
            shown = "the word " + shown.split("'")[1]
        elif "|" in shown or "Optional" in shown:
            shown = "text" if "str" in shown or "Annotated" in shown else shown
        required = "required" if field.is_required() else "optional"
        rows.append((name, shown, required, field.description or ""))
    return rows


class FormatDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        which = self.arguments[0]
        if which == "sheet":
            rows = [(kind, shape, example) for kind, (shape, example) in RESPONSE_SHAPES.items()]
            return [self.table(("kind", "response", "example"), rows)]
        out: list[nodes.Node] = [self.table(("field", "type", "required", "meaning"), _field_rows(Bank, set()))]
        out.append(self.rubric("Fields of every exercise"))
        out.append(self.table(("field", "type", "required", "meaning"), _field_rows(ExerciseBase, set())))
        common = set(ExerciseBase.model_fields)
        for model in KIND_MODELS:
            kind = model.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
            out.append(self.rubric(f"kind: {kind}"))
            out.extend(self.parse_text_to_nodes(inspect.cleandoc(model.__doc__ or "")))
            out.append(self.table(("field", "type", "required", "meaning"), _field_rows(model, common | {"kind"})))
        for model in PARTS:
            out.append(self.rubric(f"{model.__name__}: {inspect.cleandoc(model.__doc__ or '')}"))
            out.append(self.table(("field", "type", "required", "meaning"), _field_rows(model, set())))
        out.append(self.rubric("Scoring"))
        out.append(nodes.literal_block(text=inspect.cleandoc(grading_doc or "").split("\n\n", 1)[1]))
        out.append(self.rubric("How typed answers are normalised"))
        out.append(nodes.literal_block(text=inspect.cleandoc(normalise_doc or "").split("\n\n", 2)[2]))
        return out

    def rubric(self, text: str) -> nodes.rubric:
        return nodes.rubric(text=text)

    def table(self, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> nodes.table:
        table = nodes.table(classes=["checks-format"])
        group = nodes.tgroup(cols=len(header))
        table += group
        group.extend(nodes.colspec(colwidth=1) for _ in header)
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
            para += nodes.literal(text=cell) if (i == 0 and literal_first) else nodes.Text(cell)
            entry += para
            row += entry
        return row
