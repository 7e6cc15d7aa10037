"""The bibliography that an exercise's ``source`` and the citations in its texts name entries of: its entries
and keys, and what to say of a key it lacks.

The Sphinx build and ``checks validate`` both report a source missing from the
bibliography, and a cited key missing from it; the wording lives here so that they report it alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING

from checks.exports.citations import citation_roles
from checks.loading import Draft, Problem, dotted
from checks.model import AnyExercise
from checks.reading import Document, InputError, Loc, read_text
from checks.spans import Span, citing_line, spans_by_place, text_end
from checks.suggest import did_you_mean
from checks.texts import Part, exercise_texts, written_texts

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


def unknown_citations(texts: Iterable[tuple[Part, str]], keys: Set[str], named: str) -> Iterator[tuple[Part, str, str]]:
    """Each key that one of an exercise's ``texts`` cites and that is none of ``keys``, once per text: the text's
    place in the exercise, the key, and what to say of it, as :func:`unknown_source` says it of a source."""
    for part, text in texts:
        unknown = {key: None for _, cited in citation_roles(text) for key in cited if key not in keys}
        for key in unknown:
            message = f"{dotted(part)}: citation {key!r} is not in the bibliography ({named})"
            yield part, key, message + did_you_mean(key, keys)


def unknown_keys(ex: AnyExercise, span: Span | None, keys: Set[str], named: str) -> list[tuple[str, int | None, str]]:
    """Each key ``ex`` cites, as its source or in a text, that is none of ``keys``, in the order of the lines:
    the key, its line in the bank by the exercise's ``span`` (None without one), and what to say of it."""
    return _unknown_keys(ex.source, exercise_texts(ex), span, keys, named)


def _unknown_keys(
    source: str | None, texts: Iterable[tuple[Part, str]], span: Span | None, keys: Set[str], named: str
) -> list[tuple[str, int | None, str]]:
    found = []
    if source is not None and (message := unknown_source(source, keys, named)) is not None:
        found.append((source, span.line("source") if span else None, message))
    for part, key, cited in unknown_citations(texts, keys, named):
        found.append((key, span.cited_line(part, key) if span else None, cited))
    return sorted(found, key=lambda f: f[1] or 0)


def unknown_sources(drafts: Iterable[Draft], keys: Set[str], named: str) -> list[Problem]:
    """Each key an exercise cites, as its source or in a text, or an objective's text cites, that is none of
    ``keys``, at its line: in every bank as read, valid or not, for each value the model did not refuse (those
    are reported already)."""
    problems = []
    for draft in drafts:
        problems += _objectives_citing(draft, keys, named)
        spans = spans_by_place(draft.doc)
        for i, exercise in draft.exercises():
            at = ("exercises", i)
            source = draft.text((*at, "source"))
            texts = [(part, text) for part, text in written_texts(exercise) if draft.text((*at, *part)) is not None]
            for _, line, message in _unknown_keys(source, texts, spans.get(i), keys, named):
                problems.append(Problem(draft.path, line, draft.exercise_id(i), message))
    return problems


def _objectives_citing(draft: Draft, keys: Set[str], named: str) -> list[Problem]:
    """Each key an objective's text cites that is none of ``keys``, at the line that holds the key: ``{objectives}``
    prints them as MyST, as the exercises' texts are printed."""
    objectives = draft.doc.data.get("objectives")
    texts = [
        (part, text)
        for i in range(len(objectives) if isinstance(objectives, list) else 0)
        if (text := draft.text(part := ("objectives", i, "text"))) is not None
    ]
    return [
        Problem(draft.path, text_line(draft.doc, cited, key), None, message)
        for cited, key, message in unknown_citations(texts, keys, named)
    ]


def text_line(doc: Document, at: Loc, key: str) -> int | None:
    """The line of the text at ``at`` of ``doc`` (``("objectives", 0, "text")``) that cites ``key``, in a text written
    over several lines too; its field's line when none does; None when ``doc`` has no such text."""
    start = doc.field_line(at)
    return citing_line(doc.text.splitlines(), 1, start, text_end(doc, start), key) if start is not None else None
