"""The docstrings under the model's fields, read from the source (checks.field_docs), as pydantic would read them."""

from __future__ import annotations

from typing import ClassVar

import pytest
from pydantic import BaseModel, ConfigDict

from checks import model
from checks.field_docs import field_docs


class Parent(BaseModel):
    # Pydantic reads the docstrings too here, to compare with.
    model_config = ConfigDict(use_attribute_docstrings=True)

    first: int
    """The first field.

    Its second paragraph, indented as the class is."""
    second: str = ""
    """The second field."""
    undocumented: int = 0
    rule: ClassVar[str] = "not a field"
    """A class variable's string, which no field takes."""


class Child(Parent):
    second: str = "again"
    """The second field, written again."""
    third: bool = False

    "A string after a field with no annotation between is still its docstring."


def test_a_field_has_the_docstring_under_it_and_its_parents() -> None:
    assert field_docs(Parent) == {
        "first": "The first field.\n\nIts second paragraph, indented as the class is.",
        "second": "The second field.",
    }
    child = field_docs(Child)
    assert child["first"] == field_docs(Parent)["first"]  # inherited
    assert child["second"] == "The second field, written again."  # the subclass's own
    assert child["third"].startswith("A string after a field")
    assert "undocumented" not in child and "rule" not in child


@pytest.mark.parametrize("of", [Parent, Child], ids=lambda m: m.__name__)
def test_the_docstrings_are_those_pydantic_reads(of: type[BaseModel]) -> None:
    assert field_docs(of) == {name: f.description for name, f in of.model_fields.items() if f.description}


@pytest.mark.parametrize(
    "of",
    [
        m
        for m in vars(model).values()
        if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == model.__name__
    ],
    ids=lambda m: m.__name__,
)
def test_the_model_leaves_its_docstrings_to_be_read_when_asked(of: type[BaseModel]) -> None:
    """Pydantic does not read them as the model is made (see checks.field_docs); every field of the bank format
    that is not inherited unchanged has its own."""
    assert all(f.description is None for f in of.model_fields.values())
    assert set(field_docs(of)) == set(of.model_fields) - {"kind"} or of.__name__.startswith("_")
