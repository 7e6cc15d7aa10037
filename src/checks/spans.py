"""Where each exercise is written in its bank file: its first and last lines, and the line of each field.

The model keeps no lines, so what needs them reads the file again: a message that
points into a bank, and the authoring page that prints an exercise as its bank writes it.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from checks.loading import MAX_BANK_BYTES
from checks.reading import Document, read_document


@dataclass(frozen=True)
class Span:
    """The lines of one exercise, counted from 1."""

    first: int  # the line of its first field, which follows the list's "- "
    last: int  # its last line, without the blank lines and comments that follow it
    fields: Mapping[str, int] = field(default_factory=dict)  # the line of each field's key
    # The line of each key inside a field, by its place in the exercise: ("options", 1, "feedback").
    parts: Mapping[tuple[str | int, ...], int] = field(default_factory=dict)
    # The exercise's lines as written, first to last: where in a text of several lines a word stands.
    written: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def line(self, name: str | None = None) -> int:
        """The line of the field ``name``, or of the exercise when it has no such field or none is named."""
        return self.fields.get(name, self.first) if name else self.first

    def part_line(self, part: tuple[str | int, ...]) -> int:
        """The line of the key at ``part`` (``("options", 1, "feedback")``), else of the nearest field around it."""
        for end in range(len(part), 1, -1):
            line = self.parts.get(part[:end])
            if line is not None:
                return line
        return self.line(str(part[0]) if part else None)

    def cited_line(self, part: tuple[str | int, ...], key: str) -> int:
        """The line on which the text at ``part`` cites ``key``: a text written over several lines (``>-``) is
        told at the line that holds the key, not at its field's; else at :meth:`part_line`."""
        start = self.part_line(part)
        # The text runs on to the next key written below its own, or to the exercise's end.
        end = end_before((*self.fields.values(), *self.parts.values()), start, self.last)
        return citing_line(self.written, self.first, start, end, key)


def citing_line(lines: Sequence[str], first: int, start: int, end: int, key: str) -> int:
    """The first of the lines ``start`` to ``end`` that cites ``key`` (as a role does: after a backtick, a comma or
    a space), of ``lines``, which begin at line ``first``; ``start`` when none does. Comment lines are passed over."""
    cited = re.compile(rf"(?:^|[`,\s]){re.escape(key)}(?=$|[`,\s])")
    for line in range(start, end + 1):
        text = lines[line - first] if 0 <= line - first < len(lines) else ""
        if not text.lstrip().startswith("#") and cited.search(text):
            return line
    return start


def text_end(doc: Document, start: int) -> int:
    """The last line a value that starts on line ``start`` of ``doc`` may run on to: the line before the next
    value or key written below it, or the file's last line."""
    return end_before((*doc.lines.values(), *doc.key_lines.values()), start, len(doc.text.splitlines()))


def end_before(starts: Iterable[int], start: int, last: int) -> int:
    """The last line a text that starts on line ``start`` may run on to: the line before the first of ``starts``
    (the lines where values or keys are written) below it, else ``last``."""
    return min((line for line in starts if line > start), default=last + 1) - 1


def bank_spans(path: Path) -> Mapping[str, Span]:
    """The span of each exercise of the bank file ``path``, by id."""
    return bank_layout(path)[1]


def bank_layout(path: Path) -> tuple[Sequence[str], Mapping[str, Span]]:
    """The lines of the bank file ``path`` and the span of each of its exercises, by id."""
    stat = path.stat()
    return _layout(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _layout(path: Path, mtime_ns: int, size: int) -> tuple[tuple[str, ...], Mapping[str, Span]]:
    # Read once per version of the file: a build asks for several exercises of one bank (the authoring
    # page's examples, the warnings about a bank), and each read parses the whole file.
    return document_layout(read_document(path, max_bytes=MAX_BANK_BYTES, exponents=True))


Layout = tuple[tuple[str, ...], Mapping[str, Span]]  # a bank file's lines, and each exercise's span by id


def document_layout(doc: Document) -> Layout:
    """The lines of a bank document and the span of each of its exercises, by id: a bank read already need not be
    read again for them."""
    return tuple(doc.text.splitlines()), MappingProxyType(exercise_spans(doc))


def exercise_spans(doc: Document) -> dict[str, Span]:
    """The span of each exercise of a bank document, by id (the first exercise that has it)."""
    exercises = doc.data.get("exercises") if isinstance(doc.data, dict) else None
    spans: dict[str, Span] = {}
    for i, span in spans_by_place(doc).items():
        exercise = exercises[i] if isinstance(exercises, list) else None
        if isinstance(exercise, dict) and isinstance(exercise.get("id"), str):
            spans.setdefault(exercise["id"], span)
    return spans


def spans_by_place(doc: Document) -> dict[int, Span]:
    """The span of each exercise written as a mapping, by its place in the list: those of a bank whose ids
    are missing or repeated too.

    An exercise ends where the next one starts, or where a value outside the exercises
    does (a top-level key after the list). JSON keeps no lines: each exercise is on line 1.
    """
    exercises = doc.data.get("exercises") if isinstance(doc.data, dict) else None
    if not isinstance(exercises, list):
        return {}
    text = doc.text.splitlines()
    starts = _starts(doc)
    inner: dict[int, dict[tuple[str | int, ...], int]] = {}  # each exercise's keys inside its fields, read once
    for loc, line in doc.key_lines.items():
        if len(loc) > 3 and loc[0] == "exercises":
            inner.setdefault(loc[1], {})[loc[2:]] = line
    spans: dict[int, Span] = {}
    for i, exercise in enumerate(exercises):
        if not isinstance(exercise, dict):
            continue
        first = doc.lines.get(("exercises", i))
        if first is None:
            spans[i] = Span(1, 1)
            continue
        after = bisect_right(starts, first)
        last = (starts[after] if after < len(starts) else len(text) + 1) - 1
        while last > first and (not text[last - 1].strip() or text[last - 1].lstrip().startswith("#")):
            last -= 1
        fields = {k: doc.key_lines[("exercises", i, k)] for k in exercise if ("exercises", i, k) in doc.key_lines}
        spans[i] = Span(first, last, fields, MappingProxyType(inner.get(i, {})), tuple(text[first - 1 : last]))
    return spans


def _starts(doc: Document) -> list[int]:
    """The lines where an exercise, or a key or value outside the exercises, starts: where an exercise may end."""
    found = set()
    for loc, line in [*doc.lines.items(), *doc.key_lines.items()]:
        inside = len(loc) > 2 and loc[0] == "exercises"  # a field of an exercise, or deeper
        if not inside:
            found.add(line)
    return sorted(found)
