"""A text continued on the next line at its field's own indent, which YAML reads as a key missing its colon.

A text without quotes may go on over lines indented further than its field's name. Wrapped at the field's own
indent instead::

    prompt: Why can cancer that has spread
    to bone make it break?

the second line starts a field of its own to YAML, which then finds no colon in it, and says so at the line
after it, in its own words. The line is told as what it is, at its own line, unless it reads as a field whose
colon is missing (``points 1``): a line at the column of the keys of the mapping around it that begins with a
name the caller knows as a key there, or with an id (``c3-next-step b``, on a sheet), is no text's second line,
and is told at its own line too, with the colon put in. Any other line is left to YAML's own message: a wrapped
line of prose may begin with any word, and a colon put after it would break the text.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import Protocol, runtime_checkable

from checks.indentation import indent_of, leading_key

# A field whose value is a text without quotes: on its line, or below it (a block, | or >, or nothing, the third
# group); the key's column is the length of the first group.
_FIELD = re.compile(
    r"( *(?:- +)*)([^\s#'\"&*!|>\[\]{},?:-][^:#]*?):(?:[ \t]+[^\s'\"|>!&*\[{#%@`]|[ \t]+([|>][-+0-9]*)[ \t]*$|[ \t]*$)"
)
# What an id looks like (c3-next-step, e1): a letter, then lower-case letters and digits, both, joined by hyphens,
# which a line of prose seldom begins with (first-ever, 5-year survival).
_ID = re.compile(r"(?=[a-z-]*[0-9])[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_WRITTEN_ID = re.compile(r"(?:^|[\s{,])id:\s*['\"]?([\w-]+)")  # an id as a line writes it: id: a, {id: a, …}
_TEXT = re.compile(r"[^\s#'\"&*!|>\[\]{}%@`,?:-]")  # what a plain text's line may begin with
_COMMENT = re.compile(r"[ \t]#")  # what starts a comment after a value on its line
_COLON = re.compile(r":(?:[ \t]|$)")  # a colon that ends a key
_SHOWN = 40  # a key or value is quoted this far
_LEAD = re.compile(r" *(?:- +)*")  # a line's indent and dashes: where its key, if any, begins


@runtime_checkable
class Scoped(Protocol):
    """Names whose keys depend on the key of the mapping they are in (a sheet's: a stem's id only under an
    exercise's)."""

    def under(self, parent: str | None) -> Container[str]:
        """The names a key may have in the mapping under ``parent`` (None: the file's own)."""
        ...


def continued(lines: Sequence[str], line: int, fields: Container[str] | Scoped = ()) -> str | None:
    """The name of the field whose text line ``line`` (from 0) of ``lines`` goes on, at the field's own indent;
    else None. ``fields``: the names a field of the file may have."""
    if not 0 <= line < len(lines):
        return None
    here = lines[line]
    indent = indent_of(here)
    if not _TEXT.match(here, indent):
        return None
    # Up past the lines of the text indented further, as its lines should be, to the field it starts on.
    above, deeper = line - 1, []
    while above >= 0 and (not lines[above].strip() or indent_of(lines[above]) > indent):
        deeper += [lines[above]] if lines[above].strip() else []
        above -= 1
    field = _FIELD.match(lines[above]) if above >= 0 else None
    if field is None or len(field.group(1)) != indent:
        return None
    # A block (| or >) holds any lines below it; a field with nothing on its line, a text only where lines below
    # it read as one, not as a list or the fields of a mapping.
    empty = field.group(3) is None and lines[above].rstrip().endswith(":")
    if empty and (not deeper or any(not _TEXT.match(text, indent_of(text)) or leading_key(text) for text in deeper)):
        return None
    return None if _missing_colon(lines, line, fields) else field.group(2).strip()


def missing_colon(lines: Sequence[str], line: int, fields: Container[str] | Scoped = ()) -> str | None:
    """What to do with line ``line`` (from 0) of ``lines``, which YAML read as a key it found no colon after, as a
    field whose colon was left out (``points 1``, a matching stem's ``colorectal liver``): its first word is the key
    and the rest of the line its value. None where the line does not begin as a key may, or holds ': ' (a key too
    long for YAML to reach its colon), or does not read as a key (see :func:`_missing_colon`)."""
    if not 0 <= line < len(lines) or not _missing_colon(lines, line, fields):
        return None
    written = _COMMENT.split(lines[line].strip(" "), maxsplit=1)[0].rstrip()
    if _COLON.search(written):
        return None
    key, *value = written.split(maxsplit=1)
    if not value:
        return f"'{_shown(key)}' has no colon after it: write '{_shown(key)}:' followed by its value"
    return f"'{_shown(written)}' has no colon after its key: write '{_shown(key)}: {_shown(value[0])}'"


def _missing_colon(lines: Sequence[str], line: int, fields: Container[str] | Scoped) -> bool:
    """Whether line ``line`` of ``lines`` reads as a field whose colon is missing: it is at the column of the keys
    of the mapping around it, and its first word is a key ``fields`` has there, or looks like an id; or it and the
    key above it are ids written in the file (an option's), as the keys of a matching stem's ``misconceptions``
    are."""
    here = lines[line]
    column = indent_of(here)
    if not _TEXT.match(here, column):
        return False
    word = here[column:].split(maxsplit=1)[0]
    keys = _keys_around(lines, line, column)
    if keys is None:
        return False
    parent, above = keys
    if word in (fields.under(parent) if isinstance(fields, Scoped) else fields) or _ID.fullmatch(word):
        return True
    ids = {written for other in lines for written in _WRITTEN_ID.findall(other)}
    return word in ids and above in ids


def _keys_around(lines: Sequence[str], line: int, column: int) -> tuple[str | None, str | None] | None:
    """The key of the mapping around line ``line`` of ``lines`` (None: the file's own) and the key above the line in
    it (None: none), where another line of that mapping has its key at ``column``; else None."""
    parent, above, sibling = None, None, False
    # Up to the line that opens the mapping: a key's, or a list entry's dash, above which the list's key is.
    reach = column
    for text in reversed(lines[:line]):
        if not _written(text) or indent_of(text) > reach:
            continue
        key, at = leading_key(text), _key_column(text)
        if key is not None and at == column and reach == column:
            sibling, above = True, above or key
        if indent_of(text) < reach:
            if at < column:
                parent = key
                break
            reach = indent_of(text)
    for text in lines[line + 1 :]:  # down to its end
        if not _written(text) or indent_of(text) > column:
            continue
        sibling = sibling or (indent_of(text) == column and leading_key(text) is not None)
        break
    return (parent, above) if sibling else None


def _written(line: str) -> bool:
    """Whether a line holds more than spaces or a comment."""
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _key_column(line: str) -> int:
    """Where the key a line starts with would begin: past its indent and a list's dashes."""
    return len(_LEAD.match(line)[0])  # type: ignore[index]


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
