"""A line indented too little, which YAML reports at the line after it, and a field at the column of a list's dash.

YAML cannot tell which of two lines is out of place. Given ``source: key`` moved to the start of its line in the
middle of an exercise, it reads the exercise's next field, indented as the exercise's fields are, as the mistake;
given an option's ``feedback:`` moved back to the exercise's fields, it blames the next option. The line above is
taken to be the one out of place when indenting it as the lines before it are lets YAML read on past the error,
and indenting the flagged line as the line above does not.

A field written at the column of the dashes of a list (an option's ``feedback:`` at 6 spaces, where the option's
fields are at 8 and the exercise's at 4) is neither: YAML expects another entry there, and says only that. Indented
as the entry's fields or as the fields beside the list, it is read on; where both read on, the depth at which the
file writes that field elsewhere tells which it is, if only one does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

try:  # as checks.reading reads: the C parser where there is one
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_READ_THROUGH = 1 << 62  # how far a text YAML reads to its end gets
_MOST_DEPTHS = 4


@dataclass(frozen=True)
class Shallow:
    """A line (from 0) that may be indented too little, above the line YAML flagged."""

    line: int
    depth: int | None  # how far it belongs, when only one depth lets YAML read on
    sure: bool  # False: indenting the flagged line as this one lets YAML read as far, so either may be the mistake


def indented_too_little(lines: Sequence[str], flagged: int) -> Shallow | None:
    """Where YAML flagged line ``flagged`` (from 0) of a text split into ``lines``, the line above it that is
    indented too little, if it may be the mistake; else None.

    Only a line less indented than both the flagged line and a line above it at the flagged line's depth (a field
    or an entry of the same kind) is a candidate: the flagged line would be that line's sibling but for it.
    """
    if not 0 <= flagged < len(lines) or not _content(lines[flagged]):
        return None
    depth = indent_of(lines[flagged])
    above = _above(lines, flagged, depth)
    if above is None or indent_of(lines[above]) >= depth:
        return None
    sibling = _above(lines, above, depth)
    if sibling is None or not _siblings(lines[sibling], lines[flagged]):
        return None
    shallow = indent_of(lines[above])
    # As deep as a line between the sibling and it: a field of the sibling, or the sibling's own depth. Each is a
    # parse of the whole text, so only the shallowest few, where a field belongs, are tried.
    depths = sorted({d for line in lines[sibling:above] if _content(line) for d in _depths(line) if d > shallow})
    depths = depths[:_MOST_DEPTHS]
    kept = _reach(_shifted(lines, flagged, shallow - depth))  # the flagged line is the one too deep
    reached = {d: _reach(_shifted(lines, above, d - shallow, until=flagged)) for d in depths}
    fits = [d for d, reach in reached.items() if reach > max(kept, flagged)]
    if fits:
        return Shallow(above, fits[0] if len(fits) == 1 else None, sure=True)
    if kept > flagged and kept in reached.values():  # either change reads as far: at the end of a file, say
        return Shallow(above, None, sure=False)
    return None


@dataclass(frozen=True)
class AtDash:
    """A field at the column of the dashes of a list, between the two depths it may belong at: ``inner`` spaces, a
    field of the entry that starts on line ``entry`` (from 0), or ``outer``, beside the key ``holder`` that holds
    the list, on line ``holder_line`` (None at the top of the file)."""

    entry: int
    inner: int | None  # None where it does not read on
    outer: int | None
    holder: str | None
    holder_line: int | None


def at_a_dash(lines: Sequence[str], flagged: int) -> AtDash | None:
    """Where YAML flagged line ``flagged`` (from 0) of a text split into ``lines``, a field at the column of the
    dashes of the list above it, with the depths it may belong at; else None."""
    if not 0 <= flagged < len(lines) or not _content(lines[flagged]) or _dash(lines[flagged]):
        return None
    depth = indent_of(lines[flagged])
    entry = _above(lines, flagged, depth)
    if entry is None or not _dash(lines[entry]) or indent_of(lines[entry]) != depth:
        return None
    holder = _above(lines, entry, depth - 1)
    inner, outer = _field_depth(lines[entry]), (_field_depth(lines[holder]) if holder is not None else 0)
    if not outer < depth < inner:
        return None
    # The line alone is moved: the lines below it are the entry's, or the fields beside the list, as often as its
    # own. A depth fits where YAML reads on furthest, past the line after it (where the other depth may fail).
    reached = {d: _reach(_shifted(lines, flagged, d - depth, until=flagged + 1)) for d in (inner, outer)}
    fits = {d for d, reach in reached.items() if reach == max(reached.values()) and reach > flagged + 1}
    if len(fits) == 2:  # both read on: the depth the field is written at elsewhere, if only one
        key = leading_key(lines[flagged])
        written = {
            _field_depth(line) for n, line in enumerate(lines) if n != flagged and key and leading_key(line) == key
        }
        fits = (fits & written) if len(fits & written) == 1 else fits
    if not fits:
        return None
    return AtDash(
        entry,
        inner if inner in fits else None,
        outer if outer in fits else None,
        leading_key(lines[holder]) if holder is not None else None,
        holder,
    )


# A line that starts with a key, as a field does: after its indent and a list's dash, or the dashes of nested lists.
_KEY = re.compile(r" *(?:- +)*([^\s:#][^:#]*?):(?:\s|$)")


def leading_key(line: str) -> str | None:
    """The key a line starts with (``id`` for ``- id: a``), if it does."""
    found = _KEY.match(line)
    return found[1] if found else None


def indent_of(line: str) -> int:
    """How far a line is indented, in spaces."""
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    """Whether a line holds more than spaces or a comment."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _dash(line: str) -> bool:
    """Whether a line is an entry of a list (``- id: a``)."""
    stripped = line.lstrip(" ")
    return stripped == "-" or stripped.startswith("- ")


def _depths(line: str) -> set[int]:
    """The depths a line sets: its own, and for a list entry that starts a mapping, its fields' (``- id: a``)."""
    return {indent_of(line), _field_depth(line)}


def _field_depth(line: str) -> int:
    """How far the line's first field is indented: for ``- id: a``, where ``id`` is."""
    if not _dash(line):
        return indent_of(line)
    rest = line.lstrip(" ")[1:]
    return indent_of(line) + 1 + len(rest) - len(rest.lstrip(" "))


def _siblings(first: str, second: str) -> bool:
    """Whether ``second`` stands as ``first`` does: an entry of the same list, or a field of the same mapping
    (whose first field may follow a list entry's dash)."""
    if _dash(second):
        return _dash(first) and indent_of(first) == indent_of(second)
    return _field_depth(first) == indent_of(second)


def _above(lines: Sequence[str], line: int, depth: int) -> int | None:
    """The nearest line above ``line`` with content and indented no further than ``depth``."""
    for number in range(line - 1, -1, -1):
        if _content(lines[number]) and indent_of(lines[number]) <= depth:
            return number
    return None


def _shifted(lines: Sequence[str], start: int, by: int, until: int | None = None) -> str:
    """The text with line ``start`` and the lines under it (more indented, up to line ``until``) moved ``by``
    spaces: right when ``by`` is positive, left when negative."""
    depth = indent_of(lines[start])
    end = start + 1
    while end < len(lines) and end != until and (not _content(lines[end]) or indent_of(lines[end]) > depth):
        end += 1
    moved = [" " * by + line if by > 0 else line[min(-by, indent_of(line)) :] for line in lines[start:end]]
    return "\n".join([*lines[:start], *moved, *lines[end:]])


def _reach(text: str) -> int:
    """The line (from 0) where YAML first fails to read ``text``, or a very large number when it reads it all."""
    loader = _Loader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return mark.line if mark else -1
    except (yaml.YAMLError, RecursionError):
        return -1
    finally:
        loader.dispose()
    return _READ_THROUGH
