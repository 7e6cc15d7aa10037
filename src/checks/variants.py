"""The orders and letters the book and the answer sheets show options and items in.

The book shows each exercise's options and items in one stable, id-seeded
order, lettered (a), (b), (c) … in every edition and export; a blank answer
sheet uses the same letters, and says so (``letters: book``), so grading maps
them back to ids.

A per-student variant is named by a student id and a seed. Its orders come
from a small PRNG (mulberry32, seeded with the FNV-1a hash of
``"seed:student:exercise"``) that is easy to write identically in the browser,
so a page given the same student id and seed shows the same variant. On a
variant sheet students answer with the letters printed there (A, B, C …); the
sheet records the student id and seed, and grading maps the letters back.

A sheet carries a code for the letters it was printed with (:func:`lettering_code`),
the book's or its variant's, so that grading can tell when they have changed since.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from string import ascii_lowercase, ascii_uppercase
from typing import Any, TypeVar, overload

from checks.model import AnyExercise, Item, Matching, MultipleSelect, Option, Ordering, SingleChoice

T = TypeVar("T")
MASK = 0xFFFFFFFF


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & MASK
    return value


def mulberry32(seed: int) -> Any:
    """A generator of floats in [0, 1); the same sequence as the browser's version."""
    state = seed & MASK
    while True:
        state = (state + 0x6D2B79F5) & MASK
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK
        yield ((t ^ (t >> 14)) & MASK) / 4294967296


def shuffled(items: Sequence[T], key: str) -> list[T]:
    """Fisher–Yates shuffle driven by mulberry32(fnv1a(key))."""
    out = list(items)
    rng = mulberry32(fnv1a(key))
    for i in range(len(out) - 1, 0, -1):
        j = int(next(rng) * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def display_options(ex: SingleChoice | MultipleSelect) -> list[Option]:
    """The order the book shows a choice exercise's options in.

    Authors often write the key first; every edition and export shows the
    options in this stable, id-seeded order instead, so the position of an
    option never gives the answer away.
    """
    return shuffled(ex.options, f"book:{ex.id}")


def display_match_options(ex: Matching) -> list[Item]:
    """The order the book shows a matching exercise's options in: stable, id-seeded, and such that
    the key does not read straight down the list (1 (a), 2 (b), 3 (c) …), nor straight up, where
    the exercise allows another order. Authors tend to list options in the order of the items."""
    first: list[Item] = []
    for attempt in range(20):
        shown = shuffled(ex.options, f"book:{ex.id}" + (f":{attempt}" if attempt else ""))
        first = first or shown
        place = {o.id: n for n, o in enumerate(shown)}
        key = [place[s.answer] for s in ex.stems]
        straight = key == sorted(key) or (len(key) > 2 and key == sorted(key, reverse=True))
        if not straight:
            return shown
    return first


def display_items(ex: Ordering) -> list[Item]:
    """The order the book shows an ordering exercise's items in: stable, id-seeded, never the answer itself."""
    order = sorted(range(len(ex.items)), key=lambda i: hashlib.sha256(f"{ex.id}/{ex.items[i].id}".encode()).hexdigest())
    if order == sorted(order):
        order = order[1:] + order[:1]
    return [ex.items[i] for i in order]


@overload
def lettered(ex: SingleChoice | MultipleSelect) -> Sequence[tuple[str, Option]]: ...
@overload
def lettered(ex: AnyExercise) -> Sequence[tuple[str, Option | Item]]: ...
def lettered(ex: AnyExercise) -> Sequence[tuple[str, Option | Item]]:
    """(letter, option) as the book prints them: options, items to order, or matching options (empty otherwise).

    The one definition of the book's lettering: pages, print and blank answer sheets all use it.
    """
    if isinstance(ex, SingleChoice | MultipleSelect):
        shown: Sequence[Option | Item] = display_options(ex)
    elif isinstance(ex, Ordering):
        shown = display_items(ex)
    elif isinstance(ex, Matching):
        shown = display_match_options(ex)
    else:
        return []
    return list(zip(ascii_lowercase, shown, strict=False))


def book_letters(ex: AnyExercise) -> dict[str, str]:
    """Letter → id as the book prints them (see :func:`lettered`)."""
    return {letter: o.id for letter, o in lettered(ex)}


def sheet_letters(ex: AnyExercise, variant: tuple[str, str] | None) -> dict[str, str]:
    """Letter → id as a sheet prints them: the book's, or with ``variant`` (student id, seed) that variant's.
    A sheet in ids is shown in the book's letters (a download from a page opened as a variant does not say so)."""
    return letters(ex, *variant) if variant else book_letters(ex)


def lettering_code(exercises: Sequence[AnyExercise], variant: tuple[str, str] | None = None) -> str:
    """A short code for the letters these exercises are printed with: the book's, or with ``variant``
    (student id, seed) that variant's. It changes when, and only when, a letter comes to name another
    option (an option added, removed or renamed; for the book's letters, a new order too), so a sheet
    printed with it can tell that its letters are out of date. Texts may change freely.

    A variant letters the sorted ids, so options reordered in a bank leave its code alone; and its
    letters depend on the student and seed, so its code is that variant's own.
    """
    # Exercises without letters, and the order of the exercises, name no option: left out.
    shown = sorted((ex.id, _lettered_ids(ex, variant)) for ex in exercises)
    written = "\n".join(f"{ex_id}:{','.join(ids)}" for ex_id, ids in shown if ids)
    return hashlib.sha256(written.encode("utf-8")).hexdigest()[:8]


def tells_variants(exercises: Sequence[AnyExercise]) -> bool:
    """Whether these exercises letter enough options that the variants of two students or seeds share their
    :func:`lettering_code` by chance less than once in a thousand: then a code that fits names the variant."""
    orders = 1
    for ex in exercises:
        orders *= math.factorial(len(choice_ids(ex)))
        if orders >= 1000:
            return True
    return False


def _lettered_ids(ex: AnyExercise, variant: tuple[str, str] | None) -> list[str]:
    """The ids named by the letters a, b, c … (the book's) or A, B, C … (the variant's), in that order."""
    if variant:
        return list(letters(ex, *variant).values())
    return [o.id for _, o in lettered(ex)]


def choice_ids(ex: AnyExercise) -> list[str]:
    """The ids a variant reorders and letters (options, items, or matching options), sorted.

    Sorted, so that the browser, which sees the options in the book's order,
    starts the shuffle from the same list.
    """
    if isinstance(ex, SingleChoice | MultipleSelect | Matching):
        return sorted(o.id for o in ex.options)
    if isinstance(ex, Ordering):
        return sorted(i.id for i in ex.items)
    return []


def own_ids(ex: AnyExercise) -> dict[str, str]:
    """Id → id, for reading an answer written by hand in ids (:func:`checks.handwritten.read_answer`):
    ids are lower-case slugs, so an id written in capitals or as "(bone)" still names its option.

    Ids of one letter are left out: "(D)" or "D" on a sheet in ids is more likely the letter the
    book prints, which names another option, than a hand's way of writing the id d. Such an answer
    stays out of shape, so the instructor sees it, rather than being graded as an option not meant.
    """
    return {i: i for i in choice_ids(ex) if len(i) > 1}


def letters(ex: AnyExercise, student: str, seed: str) -> dict[str, str]:
    """Letter → id for this student's variant of ``ex`` (empty for kinds without options)."""
    order = shuffled(choice_ids(ex), f"{seed}:{student}:{ex.id}")
    return dict(zip(ascii_uppercase, order, strict=False))


def exercise_order(exercises: Sequence[T], student: str, seed: str) -> list[T]:
    return shuffled(exercises, f"{seed}:{student}")
