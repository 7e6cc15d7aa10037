"""Where the bank writes the text that a reference on a page was parsed from.

An exercise's texts are parsed as MyST of the page that places it, so Sphinx would tell a ``{term}`` or ``{ref}``
in them that it cannot resolve at the page's ``{exercise}`` line, naming neither the bank nor the exercise. Each
reference parsed from a bank's text carries its exercise and field (:func:`mark`), and the extension tells it at
the field's line in the bank (:func:`written_at`), as it tells a citation there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from checks.loading import BankError, dotted
from checks.spans import bank_spans
from checks.sphinxext.banks import bank_path
from checks.texts import Part

# The attributes of a reference parsed from a bank's text: the bank's chapter, the exercise's id, and the field
# (a list, as ``("options", 1, "feedback")`` is written: names and places in lists).
CHAPTER = "checks_chapter"
EXERCISE = "checks_exercise"
FIELD = "checks_field"


def mark(parsed: Iterable[nodes.Node], chapter: str, exercise_id: str, part: Part) -> None:
    """Note on each reference in ``parsed`` the bank text it was parsed from. The line is found only when a
    reference is told: finding it reads the bank file again."""
    for node in parsed:
        if not isinstance(node, nodes.Element):
            continue
        for reference in node.findall(addnodes.pending_xref):
            reference[CHAPTER] = chapter
            reference[EXERCISE] = exercise_id
            reference[FIELD] = list(part)


def written_at(node: nodes.Element, folder: Path) -> tuple[str | nodes.Element, str] | None:
    """Where the bank writes the reference, "file:line" (the page's node if the bank is gone), and what a message
    says first of it, as of a citation: ``[c9-early-tf] options[1].feedback``. None for the page's own text."""
    chapter = node.get(CHAPTER)
    if chapter is None:
        return None
    exercise_id = node[EXERCISE]
    part = tuple(node[FIELD])
    said = f"[{exercise_id}] {dotted(part)}"
    try:
        path = bank_path(folder, chapter)
    except BankError:
        path = None
    span = bank_spans(path).get(exercise_id) if path is not None else None
    if path is None or span is None:
        return node, said
    return f"{path}:{span.part_line(part)}", said
