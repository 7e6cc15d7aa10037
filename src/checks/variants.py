"""Per-student variants: a reproducible order of exercises, options and items.

A variant is named by a student id and a seed. Its orders come from a small
PRNG (mulberry32, seeded with the FNV-1a hash of ``"seed:student:exercise"``)
that is easy to write identically in the browser, so a page given the same
student id and seed shows the same variant. On a variant sheet students
answer with the letters printed there (A, B, C …); the sheet records the
student id and seed, and grading maps the letters back to option ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import ascii_uppercase
from typing import Any, TypeVar

from checks.model import AnyExercise, Matching, MultipleSelect, Option, Ordering, SingleChoice, TrueFalse

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


def letters(ex: AnyExercise, student: str, seed: str) -> dict[str, str]:
    """Letter → id for this student's variant of ``ex`` (empty for kinds without options)."""
    order = shuffled(choice_ids(ex), f"{seed}:{student}:{ex.id}")
    return dict(zip(ascii_uppercase, order, strict=False))


def exercise_order(exercises: Sequence[T], student: str, seed: str) -> list[T]:
    return shuffled(exercises, f"{seed}:{student}")


def to_ids(ex: AnyExercise, response: Any, student: str, seed: str) -> Any:
    """A response written with variant letters, in option ids; anything unexpected is passed on unchanged."""
    table = letters(ex, student, seed)
    if not table or isinstance(ex, TrueFalse):
        return response

    def one(value: Any) -> Any:
        return table.get(value.strip().upper(), value) if isinstance(value, str) else value

    if isinstance(ex, Matching):
        return {k: one(v) for k, v in response.items()} if isinstance(response, dict) else response
    if isinstance(response, list):
        return [one(v) for v in response]
    return one(response)
