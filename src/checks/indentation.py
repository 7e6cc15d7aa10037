"""A line indented too little, which YAML reports at the line after it.

YAML cannot tell which of two lines is out of place. Given ``source: key`` moved to the start of its line in the
middle of an exercise, it reads the exercise's next field, indented as the exercise's fields are, as the mistake;
given an option's ``feedback:`` moved back to the exercise's fields, it blames the next option. The line above is
taken to be the one out of place when indenting it as the lines before it are lets YAML read on past the error,
and indenting the flagged line as the line above does not.
"""

from __future__ import annotations

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
    depth = _indent(lines[flagged])
    above = _above(lines, flagged, depth)
    if above is None or _indent(lines[above]) >= depth:
        return None
    sibling = _above(lines, above, depth)
    if sibling is None or not _siblings(lines[sibling], lines[flagged]):
        return None
    shallow = _indent(lines[above])
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


def _indent(line: str) -> int:
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
    return {_indent(line), _field_depth(line)}


def _field_depth(line: str) -> int:
    """How far the line's first field is indented: for ``- id: a``, where ``id`` is."""
    if not _dash(line):
        return _indent(line)
    rest = line.lstrip(" ")[1:]
    return _indent(line) + 1 + len(rest) - len(rest.lstrip(" "))


def _siblings(first: str, second: str) -> bool:
    """Whether ``second`` stands as ``first`` does: an entry of the same list, or a field of the same mapping
    (whose first field may follow a list entry's dash)."""
    if _dash(second):
        return _dash(first) and _indent(first) == _indent(second)
    return _field_depth(first) == _indent(second)


def _above(lines: Sequence[str], line: int, depth: int) -> int | None:
    """The nearest line above ``line`` with content and indented no further than ``depth``."""
    for number in range(line - 1, -1, -1):
        if _content(lines[number]) and _indent(lines[number]) <= depth:
            return number
    return None


def _shifted(lines: Sequence[str], start: int, by: int, until: int | None = None) -> str:
    """The text with line ``start`` and the lines under it (more indented, up to line ``until``) moved ``by``
    spaces: right when ``by`` is positive, left when negative."""
    depth = _indent(lines[start])
    end = start + 1
    while end < len(lines) and end != until and (not _content(lines[end]) or _indent(lines[end]) > depth):
        end += 1
    moved = [" " * by + line if by > 0 else line[min(-by, _indent(line)) :] for line in lines[start:end]]
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
