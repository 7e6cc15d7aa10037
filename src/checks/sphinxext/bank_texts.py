"""Where the bank writes the text that a reference on a page was parsed from.

An exercise's texts, and the bank's objectives, are parsed as MyST of the page that places them, so Sphinx would
tell a ``{term}`` or ``{ref}`` in them that it cannot resolve at the page's ``{exercise}`` or ``{objectives}``
line, naming neither the bank nor the exercise. Each reference parsed from a bank's text carries its bank, its
exercise and its field (:func:`mark`), and the extension tells it at the bank's line that holds it
(:func:`written_at`), as it tells a citation there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from checks.bibliography import text_line
from checks.loading import MAX_BANK_BYTES, BankError, dotted
from checks.reading import InputError, read_document
from checks.spans import bank_spans
from checks.sphinxext.banks import bank_path
from checks.texts import Part

# The attributes of a reference parsed from a bank's text: the bank's chapter, the exercise's id (none for an
# objective's text), and the field (a list, as ``("options", 1, "feedback")`` is written: names and places in
# lists; in the exercise, or for an objective in the bank: ``("objectives", 0, "text")``).
CHAPTER = "checks_chapter"
EXERCISE = "checks_exercise"
FIELD = "checks_field"


def mark(parsed: Iterable[nodes.Node], chapter: str, exercise_id: str | None, part: Part) -> None:
    """Note on each reference in ``parsed`` the bank text it was parsed from: the exercise's field ``part``, or
    with no ``exercise_id`` the bank's. The line is found only when a reference is told: finding it reads the bank
    file again."""
    for node in parsed:
        if not isinstance(node, nodes.Element):
            continue
        for reference in node.findall(addnodes.pending_xref):
            reference[CHAPTER] = chapter
            if exercise_id is not None:
                reference[EXERCISE] = exercise_id
            reference[FIELD] = list(part)


def written_at(node: nodes.Element, folder: Path) -> tuple[str | nodes.Element, str] | None:
    """Where the bank writes the reference, "file:line" (the page's node if the bank is gone), and what a message
    says first of it, as of a citation: ``[c9-early-tf] options[1].feedback``, ``objectives[0].text``. None for
    the page's own text."""
    chapter = node.get(CHAPTER)
    if chapter is None:
        return None
    exercise_id = node.get(EXERCISE)
    part = tuple(node[FIELD])
    said = f"[{exercise_id}] {dotted(part)}" if exercise_id is not None else dotted(part)
    try:
        path = bank_path(folder, chapter)
    except BankError:
        path = None
    line = _line(path, exercise_id, part, _written(node)) if path is not None else None
    return (node, said) if line is None else (f"{path}:{line}", said)


def _line(path: Path, exercise_id: str | None, part: Part, written: str) -> int | None:
    """The line of the bank file ``path`` that holds the reference written ``written`` in the text at ``part``, as
    a citation's line is found: in a text over several lines (``>-``), the line that holds it."""
    if exercise_id is None:
        try:
            doc = read_document(path, max_bytes=MAX_BANK_BYTES, exponents=True)
        except InputError:
            return None  # gone or broken since the build read it: reported when the next build reads it
        return text_line(doc, part, written)
    span = bank_spans(path).get(exercise_id)
    return span.cited_line(part, written) if span is not None else None


def _written(node: nodes.Element) -> str:
    """What the reference's role writes between its backticks, as Sphinx keeps it (``:term:`fever <Fever>```):
    found on its line whether or not it gives a title; else the target alone."""
    raw = node.rawsource
    opened, closed = raw.find("`"), raw.rfind("`")
    return raw[opened + 1 : closed] if 0 <= opened < closed else node["reftarget"]
