"""Suggestions for slips: the known name closest to a mistyped one, said as "did you mean …?".

Banks, pages and the bibliography all name things by id; a slip in one is
reported with the name that was probably meant. Field names are short, so
their callers ask for a closer match than ids do (``cutoff``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

DEFAULT_CUTOFF = 0.6  # difflib's own: right for ids, which are long and hyphenated
FIELD_CUTOFF = 0.75  # field names are short: a looser match would offer unrelated ones


def closest(name: str, known: Iterable[str], cutoff: float = DEFAULT_CUTOFF) -> str | None:
    """The one of ``known`` most like ``name``, if any is at least ``cutoff`` alike (0 to 1).

    A name that differs only in case is the one meant, however far apart the letters' codes put them
    (``HOW-CANCER-SPREADS`` is 0 alike to ``how-cancer-spreads`` by their characters).
    """
    names = sorted(known)
    folded = name.casefold()
    same_but_case = next((k for k in names if k.casefold() == folded), None)
    if same_but_case is not None:
        return same_but_case
    close = difflib.get_close_matches(name, names, n=1, cutoff=cutoff)
    return close[0] if close else None


def hint(meant: str | None) -> str:
    """The suggestion as a message ends with it: `` (did you mean 'x'?)``, or nothing."""
    return f" (did you mean {meant!r}?)" if meant is not None else ""


def did_you_mean(name: str, known: Iterable[str], cutoff: float = DEFAULT_CUTOFF) -> str:
    """A suggestion to add to a message, naming the closest of ``known``, or an empty string."""
    return hint(closest(name, known, cutoff))


def id_hint(name: str, banks: Sequence[Sequence[str]]) -> str:
    """What to add to "unknown exercise id ``name``", given each bank's ids: the id meant; or, where each bank's
    ids begin with one prefix (``c3-`` for chapter 3) and ``name`` begins with none of them, that no bank's ids
    begin so, and what they begin with.

    Such an id is most likely of a chapter that has no bank (yet, or in this book), and may end as another
    chapter's id does by chance (``c9-sites-top``, ``c2-sites-top``): offering that id would mislead.
    """
    prefixes = _prefixes(banks)
    head = _prefix(name)
    if prefixes and head is not None and head.casefold() not in {p.casefold() for p in prefixes}:
        begin = ", ".join(f"{p}-" for p in prefixes)
        return f" (no bank has exercise ids beginning {head + '-'!r}; the banks' ids begin {begin})"
    return did_you_mean(name, [i for ids in banks for i in ids])


def _prefix(name: str) -> str | None:
    """The part of an id before its first hyphen (``c3`` of ``c3-next-step``); None for an id without one."""
    head, hyphen, _ = name.partition("-")
    return head if head and hyphen else None


def _prefixes(banks: Sequence[Sequence[str]]) -> list[str]:
    """Each bank's prefix, in the banks' order, once each, where every id of each bank begins with its bank's
    one prefix; else none (the ids follow no such rule, and a slip in the first word is a slip like any other)."""
    found: dict[str, None] = {}
    for ids in banks:
        heads = {_prefix(i) for i in ids}
        if len(heads) > 1 or None in heads:
            return []
        found.update(dict.fromkeys(h for h in heads if h is not None))
    return list(found)
