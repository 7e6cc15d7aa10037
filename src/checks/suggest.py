"""Suggestions for slips: the known name closest to a mistyped one, said as "did you mean …?".

Banks, pages and the bibliography all name things by id; a slip in one is
reported with the name that was probably meant. Field names are short, so
their callers ask for a closer match than ids do (``cutoff``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

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
