"""Field names as a word processor types them, read as the names they stand for.

A sheet typed in a word processor may carry a non-breaking space (U+00A0, or
U+202F, which French typing puts before a colon) or other Unicode whitespace
beside a name: ``student : Ann``. YAML and JSON keep such a space as part of
the key, which then names no field. Here it is dropped from either end of the
key; nothing else is, so a name that differs in any other way is still
reported as unknown. Whitespace is what Python's ``str.isspace`` says it is,
the set the browser's ``SP`` also names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from checks.reading import Document, InputError, Loc


def bare_keys(doc: Document, mappings: Sequence[Loc]) -> Document:
    """``doc`` with whitespace dropped from both ends of the keys of the mappings at ``mappings`` (each named
    by bare keys, an outer one before those inside it), and the lines noted for their values moved to match.

    Two keys that are one name once bare are refused as a duplicate key, as YAML's own would be.
    """
    data: Any = doc.data
    written: dict[Loc, Any] = {}  # the place of each key rewritten (bare keys) -> the key as written

    def as_written(loc: Loc) -> Loc:
        return tuple(written.get(loc[: i + 1], key) for i, key in enumerate(loc))

    for loc in mappings:
        parent, mapping = _find(data, loc)
        if not isinstance(mapping, dict):
            continue
        if _bare(mapping):  # the usual sheet: nothing to do
            continue
        bare: dict[Any, Any] = {}
        for key, value in mapping.items():
            name = key.strip() if isinstance(key, str) else key
            if name in bare:
                first = written.get((*loc, name), name)
                problem = f"duplicate key {name!r} ({first!r} and {key!r} differ only in the spaces around them)"
                raise InputError(doc.path, problem, doc.key_lines.get((*as_written(loc), key)))
            bare[name] = value
            if name != key:
                written[(*loc, name)] = key
        if parent is None:
            data = bare
        else:
            parent[loc[-1]] = bare
    if not written:
        return doc
    moved = {as_written(loc): loc for loc in written}
    return replace(doc, data=data, lines=_moved(doc.lines, moved), key_lines=_moved(doc.key_lines, moved))


def _bare(mapping: dict[Any, Any]) -> bool:
    """Whether no key of ``mapping`` that is text has whitespace at either end."""
    keys = list(mapping)
    try:  # the usual mapping, every key text, in C
        return list(map(str.strip, keys)) == keys
    except TypeError:  # a key that is not text (YAML reads 1: as a number): the others alone
        named = [k for k in keys if isinstance(k, str)]
        return named == [k.strip() for k in named]


def _find(data: Any, loc: Loc) -> tuple[dict[Any, Any] | None, Any]:
    """The value at ``loc`` and the mapping holding it (None for the whole document); (None, None) for no value."""
    parent, value = None, data
    for key in loc:
        if not isinstance(value, dict) or key not in value:
            return None, None
        parent, value = value, value[key]
    return parent, value


def _moved(lines: dict[Loc, int], moved: dict[Loc, Loc]) -> dict[Loc, int]:
    """``lines`` with each place under a key rewritten named by its bare keys."""
    out: dict[Loc, int] = {}
    for loc, line in lines.items():
        for end in range(len(loc), 0, -1):  # the deepest key rewritten, whose bare place names its parents bare too
            if loc[:end] in moved:
                loc = (*moved[loc[:end]], *loc[end:])
                break
        out[loc] = line
    return out
