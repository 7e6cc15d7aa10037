"""The docstrings under the model's fields, read from its source when something asks for them.

Each field of :mod:`checks.model` is described by a docstring under it. Pydantic can copy them into the fields'
descriptions (``use_attribute_docstrings``), but it does so while making each class, by searching the call stack
and every loaded module for the class's source. On Python 3.11 that cost every command a seventh of what it
executes to import the package, and a build, with many more modules loaded, three tenths of what the extension
executes to import, where only the JSON Schema and the bank format's reference on the authors' page read the
descriptions. Read here, they cost one parse of the model's file, and only when asked.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools

from pydantic import BaseModel


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Each field of ``model`` that has a docstring, and the docstring, cleaned as Python cleans a docstring: its
    own fields' and those it inherits, a field written again in a subclass taking the subclass's."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel:
            source = inspect.getsourcefile(cls)
            if source is not None:
                docs.update(_class_docs(source).get(cls.__qualname__, {}))
    return {name: docs[name] for name in model.model_fields if name in docs}


@functools.cache
def _class_docs(path: str) -> dict[str, dict[str, str]]:
    """Each top-level class of the module at ``path``, and the docstrings under its annotated names."""
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), path)
    classes = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = _docstrings(node.body)
    return classes


def _docstrings(body: list[ast.stmt]) -> dict[str, str]:
    """What pydantic takes for a field's docstring: a string right after an annotated name in the class body."""
    found = {}
    for statement, after in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(after.value.value)
    return found
