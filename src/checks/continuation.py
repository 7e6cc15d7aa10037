"""A text continued on the next line at its field's own indent, which YAML reads as a key missing its colon.

A text without quotes may go on over lines indented further than its field's name. Wrapped at the field's own
indent instead::

    prompt: Why can cancer that has spread
    to bone make it break?

the second line starts a field of its own to YAML, which then finds no colon in it, and says so at the line
after it, in its own words. The line is told as what it is, at its own line, unless it reads as a field whose
colon is missing (``points 1``): a line that begins with a field's name (one the caller knows, or one written as
a field elsewhere in the file) or with an id (``c3-next-step b``, on a sheet) is no text's second line. Such a
line, or one that cannot go on a text above it, is told at its own line too, with the colon put in.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from checks.indentation import indent_of, leading_key

# A field whose value is a text without quotes: on its line, or below it (a block, | or >, or nothing, the third
# group); the key's column is the length of the first group.
_FIELD = re.compile(
    r"( *(?:- +)*)([^\s#'\"&*!|>\[\]{},?:-][^:#]*?):(?:[ \t]+[^\s'\"|>!&*\[{#%@`]|[ \t]+([|>][-+0-9]*)[ \t]*$|[ \t]*$)"
)
# What an id looks like (c3-next-step, e1, a chapter's 03-how-cancer-spreads): lower-case letters and digits, both,
# joined by hyphens, which a line of prose seldom begins with (first-ever, 5-year survival).
_ID = re.compile(r"(?=[a-z-]*[0-9])(?=[0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*")
_WRITTEN_ID = re.compile(r"(?:^|[\s{,])id:\s*['\"]?([\w-]+)")  # an id as a line writes it: id: a, {id: a, …}
_TEXT = re.compile(r"[^\s#'\"&*!|>\[\]{}%@`,?:-]")  # what a plain text's line may begin with
_COMMENT = re.compile(r"[ \t]#")  # what starts a comment after a value on its line
_COLON = re.compile(r":(?:[ \t]|$)")  # a colon that ends a key
_SHOWN = 40  # a key or value is quoted this far


def continued(lines: Sequence[str], line: int, fields: Container[str] = ()) -> str | None:
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
    name = field.group(2).strip()
    return None if _missing_colon(lines, line, here[indent:].split(maxsplit=1)[0], name, fields) else name


def missing_colon(line: str) -> str | None:
    """What to do with ``line``, which YAML read as a key it found no colon after, as a field whose colon was left
    out (``points 1``, a matching stem's ``colorectal liver``): its first word is the key and the rest of the line its
    value. None where the line does not begin as a key may, or holds ': ' (a key too long for YAML to reach its
    colon)."""
    written = _COMMENT.split(line.strip(" "), maxsplit=1)[0].rstrip()
    if not _TEXT.match(written) or _COLON.search(written):
        return None
    key, *value = written.split(maxsplit=1)
    if not value:
        return f"'{_shown(key)}' has no colon after it: write '{_shown(key)}:' followed by its value"
    return f"'{_shown(written)}' has no colon after its key: write '{_shown(key)}: {_shown(value[0])}'"


def _missing_colon(lines: Sequence[str], line: int, word: str, above: str, fields: Container[str]) -> bool:
    """Whether line ``line`` of ``lines``, which begins with ``word``, below the field ``above``, reads as a field
    whose colon is missing: ``word`` is one of ``fields``, looks like an id, or is written as a field on another
    line; or both names are ids written in the file (an option's), as the keys of a matching stem's
    ``misconceptions`` are."""
    if word in fields or _ID.fullmatch(word):
        return True
    if any(leading_key(other) == word for n, other in enumerate(lines) if n != line):
        return True
    ids = {written for other in lines for written in _WRITTEN_ID.findall(other)}
    return word in ids and above in ids


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
