"""The bibliography that an exercise's ``source`` names an entry of: its entries and keys, and what to say of
a source it lacks.

The Sphinx build and ``checks validate`` both report a source missing from the
bibliography; the wording lives here so that they report it alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING

from checks.loading import Book, Problem
from checks.reading import InputError, read_text
from checks.spans import bank_spans
from checks.suggest import did_you_mean

if TYPE_CHECKING:
    from pybtex.database import Entry

MAX_BIB_BYTES = 20_000_000


def read_keys(paths: Sequence[Path]) -> Set[str]:
    """The entry keys of the BibTeX files ``paths``, as written.

    pybtex finds an entry by its key ignoring case, but sphinxcontrib-bibtex does not: a ``source`` is
    checked against the keys as written (:func:`unknown_source`), so a key that passes here cites in the book.

    A file that cannot be read or parsed is an :class:`InputError` naming it.
    """
    return frozenset(read_entries(paths))  # iterating gives each key as written


def read_entries(paths: Sequence[Path]) -> Mapping[str, Entry]:
    """The entries of the BibTeX files ``paths``, read as the book's build reads them; iterating gives each
    key as written. A file that cannot be read or parsed is an :class:`InputError` naming it."""
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser
    from pybtex.exceptions import PybtexError

    parser = Parser()  # one for all the files, as the build reads them: a key in two files is an error there too
    for path in paths:
        text = read_text(path, max_bytes=MAX_BIB_BYTES)
        before = len(parser.data.entries)
        # Collected, neither raised nor printed, whatever pybtex's global strict mode is.
        with pybtex.errors.capture() as problems:
            try:
                parser.parse_string(text)
            except PybtexError as err:
                problems.append(err)
        if problems:
            line = getattr(problems[0], "lineno", None)  # a syntax error's; the line goes before the message
            message = str(problems[0]).replace(f" in line {line}", "", 1) if line else str(problems[0])
            raise InputError(path, f"invalid BibTeX: {message}", line)
        if len(parser.data.entries) == before:
            # Most likely the wrong file (a bank given as --bib): every source would be reported unknown.
            raise InputError(path, "no bibliography entries (@article{key, …}) in this file")
    entries: Mapping[str, Entry] = parser.data.entries
    return entries


def unknown_source(source: str, keys: Set[str], named: str) -> str | None:
    """What to say of a ``source`` that is none of ``keys``, with the closest key; None when it is one.

    ``keys``: the entry keys as written, compared exactly, as sphinxcontrib-bibtex compares them (pybtex's
    own entries would find ``Cruk-Liver`` for ``cruk-liver``). ``named``: which bibliography, as its files.
    """
    if source in keys:
        return None
    return f"source {source!r} is not in the bibliography ({named})" + did_you_mean(source, keys)


def unknown_sources(book: Book, keys: Set[str], named: str) -> list[Problem]:
    """Each exercise of ``book`` whose source is none of ``keys``, at the line of its ``source``."""
    problems = []
    for bank, path in zip(book.banks, book.paths, strict=True):
        for ex in bank.exercises:
            message = unknown_source(ex.source, keys, named)
            if message is not None:
                span = bank_spans(path).get(ex.id)
                problems.append(Problem(path, span.line("source") if span else None, ex.id, message))
    return problems
