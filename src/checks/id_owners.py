"""Which chapter an exercise id is of, and which bank keeps an id that several banks use.

The book names a chapter's exercise ids after its number (``c9-`` for ``09-bone-health``). Of the banks that use
one id, the one whose chapter the id names is its owner and is kept; the others are left out of the book until
the id is renamed in them. When none of them, or several, is named by the id, which bank it belongs to is the
author's call, and every one of them is left out. Both what ``checks validate`` says and what the build leaves out
come from :func:`shared_ids`, so that the two never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_NUMBERED = re.compile(r"([0-9]+)-")  # a chapter's name that begins with its number: 09-bone-health


def chapter_number(chapter: str) -> int | None:
    """The number a chapter's name begins with (a page in a folder by its own name): 9 for ``09-bone-health``, as
    the book numbers that chapter; None for a name without a number."""
    numbered = _NUMBERED.match(chapter.rsplit("/", 1)[-1])
    return int(numbered.group(1)) if numbered else None


def id_prefix(chapter: str) -> str | None:
    """The word a chapter's exercise ids begin with, by the book's convention: ``c9`` for ``09-bone-health``, the
    number its name begins with; None for a name without a number."""
    number = chapter_number(chapter)
    return None if number is None else f"c{number}"


def owns_id(chapter: str | None, exercise_id: str) -> bool:
    """Whether ``exercise_id`` begins as the ids of ``chapter`` do, by the book's convention (``c9-`` for
    ``09-bone-health``): of the banks that use one id, the id is that chapter's."""
    prefix = id_prefix(chapter) if chapter is not None else None
    return prefix is not None and exercise_id.startswith(f"{prefix}-")


@dataclass(frozen=True)
class Use:
    """One bank's use of an exercise id: the bank's file, the id's line in it, and the bank's chapter as written."""

    path: Path
    line: int | None
    chapter: str | None

    @property
    def place(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass(frozen=True)
class SharedId:
    """An exercise id that more than one bank uses."""

    exercise_id: str
    uses: tuple[Use, ...]  # in the order the banks were read, one per bank
    owner: Use | None  # the one use whose chapter the id names; None when no chapter, or more than one, is named

    @property
    def left_out(self) -> tuple[Use, ...]:
        """The uses whose banks the book leaves out: all but the owner's."""
        return tuple(use for use in self.uses if use != self.owner)

    def messages(self) -> Iterator[tuple[Use, str]]:
        """What each bank to correct is told, at its use: a bank copied into is told the owner, the one bank it must
        rename the id for; without an owner, every bank but the first read is told the others."""
        if self.owner is not None:
            for use in self.left_out:
                yield use, f"exercise id also used in {self.owner.place}"
            return
        for use in self.uses[1:]:
            others = [other.place for other in self.uses if other != use]
            named = ", ".join(others[:-1]) + f" and {others[-1]}" if len(others) > 1 else others[0]
            if len(self.uses) == 2:
                left_out = "both banks are left out of the book until one is renamed"
            else:
                left_out = f"the {len(self.uses)} banks are left out of the book until only one uses it"
            yield use, f"exercise id also used in {named}: {left_out}"


def shared_ids(uses: Iterable[tuple[str, Use]]) -> list[SharedId]:
    """The ids among ``uses`` (each id with one bank's use of it, in reading order) that more than one bank uses,
    in the order they were first used, each with its owner."""
    by_id: dict[str, list[Use]] = {}
    for exercise_id, use in uses:
        by_id.setdefault(exercise_id, []).append(use)
    shared = []
    for exercise_id, each in by_id.items():
        if len(each) < 2:
            continue
        named = [use for use in each if owns_id(use.chapter, exercise_id)]
        shared.append(SharedId(exercise_id, tuple(each), named[0] if len(named) == 1 else None))
    return shared
