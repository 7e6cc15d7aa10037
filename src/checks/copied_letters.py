"""Answers on a sheet in ids that may be letters copied from the printed book.

Many exercises' options have the ids a, b, c …, printed in the book in another order: ``b`` copied from the
printed page onto a sheet without ``letters: book`` is read as the option whose id is b, and graded as such
without a word. Such answers are worth a warning; an answer the two readings agree on is not.

:func:`letters_as_ids` tests one sheet's answers; :class:`CopiedLetters` tests a class's, each distinct answer
once, as :class:`~checks.sheets.BookGrader` grades them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

from checks import variants
from checks.loading import Book
from checks.model import AnyExercise, MultipleSelect


class Letters(NamedTuple):
    """An exercise with options whose ids are letters that the book prints beside other options."""

    at: int  # its place among the exercises looked through
    id: str
    unordered: bool  # whether its answer is a set of choices
    letters: dict[str, str]  # those letters, each with the id the book prints it beside


def letter_tables(exercises: Iterable[AnyExercise]) -> list[Letters]:
    """The exercises with such letters (fewer than half of a book's), in the order given."""
    tables = []
    for at, ex in enumerate(exercises):
        table = variants.book_letters(ex)
        letters = {letter: id_ for letter, id_ in table.items() if letter in table.values()}
        if any(letter != id_ for letter, id_ in letters.items()):
            tables.append(Letters(at, ex.id, isinstance(ex, MultipleSelect), letters))
    return tables


def names_other(value: Any, unordered: bool, letters: dict[str, str]) -> bool:
    """Whether an answer read in ids is an option id that is a letter (one, a list of them, or a matching's
    mapping to them) that the book prints beside another option: with ``letters`` (see :class:`Letters`)."""
    kind = type(value)
    if kind is str:  # the usual answer, one letter: looked up at once
        return bool(letters.get(value, value) != value)
    given = value if kind is list else list(value.values()) if kind is dict else None
    if not given:
        return False
    try:  # each an id of one letter that the book prints too: a letter the book does not print is no copy of it
        read = [letters[v] for v in given]
    except (KeyError, TypeError):  # not a letter of the book's, or not text at all
        return False
    if unordered:  # choices ticked: [a, b] read as [b, a] is the same answer
        read, given = sorted(read), sorted(given)
    return read != given


def letters_as_ids(answers: dict[str, Any], book: Book) -> tuple[str, ...]:
    """The exercises ``answers`` (read in ids) answers with option ids that are letters the book prints beside
    other options, in book order (see :func:`names_other`)."""
    given_to = answers.get
    return tuple(
        t.id
        for t in _tables(book)  # through the exercises with such letters, not through every answer
        if (value := given_to(t.id)) is not None and names_other(value, t.unordered, t.letters)
    )


_TABLES: list[tuple[Book, list[Letters]]] = []  # the last book's, see below


def _tables(book: Book) -> list[Letters]:
    """:func:`letter_tables` of ``book``, worked out once for a class's sheets, all read against one book."""
    if _TABLES and _TABLES[0][0] is book:
        return _TABLES[0][1]
    tables = letter_tables(ex for _, ex in book.exercises())
    _TABLES[:] = [(book, tables)]
    return tables


class CopiedLetters:
    """:func:`letters_as_ids` for many sheets, given as the responses to some exercises and the keys that
    :class:`~checks.sheets.BookGrader` remembers their results by: the test depends only on the exercise and the
    answer, so each distinct answer is tested once, and a class's sheets cost a few lookups each."""

    MAX_REMEMBERED = 200_000

    def __init__(self, exercises: Sequence[AnyExercise]) -> None:
        self._tables = letter_tables(exercises)
        self._ids = [t.id for t in self._tables]
        self._pick = _picker([t.at for t in self._tables])
        self._seen: list[dict[Hashable, bool]] = [{} for _ in self._tables]
        self._remembered = 0

    def of(self, responses: Sequence[Any], keys: Sequence[Hashable | None]) -> tuple[str, ...]:
        """The exercises whose response (one per exercise, None where unanswered) names other options."""
        if not self._tables:
            return ()
        picked = self._pick(keys)
        try:  # the usual case, every answer tested before, in one C-level pass
            found: list[bool | None] = list(map(dict.get, self._seen, picked))
        except TypeError:  # a key holding something unhashable: tested one by one below
            found = [None] * len(picked)
        if None in found:
            values = self._pick(responses)
            for i, flag in enumerate(found):
                if flag is None:
                    found[i] = self._test(i, values[i], picked[i])
        return tuple(compress(self._ids, found)) if True in found else ()

    def _test(self, i: int, value: Any, key: Hashable | None) -> bool:
        table = self._tables[i]
        flag = value is not None and names_other(value, table.unordered, table.letters)
        if key is not None and self._remembered < self.MAX_REMEMBERED:
            try:
                self._seen[i][key] = flag
                self._remembered += 1
            except TypeError:  # unhashable contents: tested, not remembered
                pass
        return flag


def _picker(at: list[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """The items at ``at`` of a sequence, as a sequence, picked in C."""
    if len(at) == 1:  # itemgetter of one index gives the item itself
        only = at[0]
        return lambda seq: (seq[only],)
    return itemgetter(*at)
