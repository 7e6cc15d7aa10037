"""The book's banks as Sphinx sees them: loaded once, reloaded when a file changes.

A build asks for the book once per directive (a hundred times and more); listing the folder and
reading every file's mtime each time cost more than placing the exercises. So the files are checked
once per build, after :func:`new_build`, and every later call in that build uses the loaded banks.

A broken bank file does not take the others with it: the build uses every bank that is valid and
clashes with no other, so an author editing one chapter still sees the rest of the book. A file with a
problem is left out, and so is each file that :func:`checks.loading.read_book` finds clashing with another (a
``chapter`` or an exercise id they share, see :mod:`checks.id_owners`), as its messages say.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from checks.id_owners import id_prefix
from checks.loading import BankError, Book, Problem, Reading, bank_files, exercise_ids_as_text, read_book
from checks.reading import Document
from checks.spans import Layout, document_layout
from checks.sphinxext.paths import shown

Stamp = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Loaded:
    """The banks of a folder as the build uses them: the usable book, and what the broken files name."""

    book: Book  # the banks that are valid and clash with no other
    problems: tuple[Problem, ...]  # every problem, file by file in reading order
    broken: frozenset[Path]  # the files left out
    ids: frozenset[str]  # the exercise ids written in the files left out, read as text
    chapters: frozenset[str]  # their chapters as written, and their files' names: a page's name is its bank file's
    prefixes: dict[str, tuple[Path, ...]]  # the first word of the ids of each file left out (c9), folded: its files
    documents: Mapping[Path, Document]  # each usable bank's file as read, for the lines it is written on
    layouts: dict[Path, Layout] = field(default_factory=dict, compare=False, repr=False)  # of documents, as asked

    def layout(self, path: Path) -> Layout:
        """The lines of a usable bank and the span of each of its exercises, from the file as the build read it."""
        if path not in self.layouts:
            self.layouts[path] = document_layout(self.documents[path])
        return self.layouts[path]

    def is_broken_exercise(self, exercise_id: str) -> bool:
        """Whether only a file left out has this id: its problems are reported already, at the file."""
        return exercise_id not in self.book.ids and exercise_id in self.ids

    def is_broken_bank(self, chapter: str) -> bool:
        """Whether only a file left out is this chapter's bank (a page in a folder has its file named after the page
        alone)."""
        named = chapter in self.chapters or chapter.rsplit("/", 1)[-1] in self.chapters
        return named and all(b.chapter != chapter for b in self.book.banks)

    def broken_hint(self, exercise_id: str) -> str:
        """What to add to "unknown exercise id": that the bank its ids would be in is left out, when only a file
        left out has ids that begin as this one does (``c9-`` with chapter 9's bank broken); else nothing.

        The id may be of an exercise whose own id is the file's mistake, or a slip for one the file would have:
        either way the file's problems, reported when the build began, are the ones to fix first.
        """
        head, hyphen, _ = exercise_id.partition("-")
        files = self.prefixes.get(head.casefold(), ()) if head and hyphen else ()
        begin = f"{head}-".casefold()
        if not files or any(i.casefold().startswith(begin) for i in self.book.ids):
            return ""
        names = " and ".join(shown(f) for f in files)
        bank, has = ("the bank", "has") if len(files) == 1 else ("the banks", "have")
        return f" ({names}, {bank} of the ids beginning {head + '-'!r}, {has} errors, reported above)"


_cache: dict[Path, tuple[Stamp, Loaded | BankError]] = {}
_checked: set[Path] = set()  # folders whose files were compared with the cache in this build
_reported: set[Path] = set()  # folders whose problems were reported in this build


def new_build() -> None:
    """Forget which folders were checked: the next :func:`get_banks` looks at the files again."""
    _checked.clear()
    _reported.clear()


def first_report(folder: Path) -> bool:
    """True the first time in a build that the problems of ``folder`` are to be reported, False after.

    A folder without banks breaks every directive; one report per problem is what an author can act on.
    """
    if folder in _reported:
        return False
    _reported.add(folder)
    return True


def stamp(folder: Path) -> Stamp:
    """The bank files in ``folder`` with their times of change: it differs when a file is added, removed or edited."""
    return tuple((str(f), f.stat().st_mtime_ns) for f in bank_files(folder)) if folder.exists() else ()


def get_banks(folder: Path) -> Loaded:
    """The banks in ``folder``, valid or not; raises :class:`BankError` only when there is none to read."""
    cached = _cache.get(folder)
    if cached is None or folder not in _checked:
        now = stamp(folder)
        if cached is None or cached[0] != now:
            try:
                loaded: Loaded | BankError = _sort(read_book([folder]))
            except BankError as err:
                loaded = err
            cached = (now, loaded)
            _cache[folder] = cached
        _checked.add(folder)
    if isinstance(cached[1], BankError):
        raise cached[1]
    return cached[1]


def get_book(folder: Path) -> Book:
    """The usable banks in ``folder`` (see :func:`get_banks`)."""
    return get_banks(folder).book


def _sort(reading: Reading) -> Loaded:
    """The usable banks of ``reading``, and what the files left out name."""
    broken = {p.path for p in reading.problems} | reading.clashing
    kept = [(b, p) for b, p in zip(reading.book.banks, reading.book.paths, strict=True) if p not in broken]
    drafts = {d.path: d for d in reading.drafts}
    ids: set[str] = set()
    chapters: set[str] = set()
    prefixes: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(broken, key=reading.files.index):
        draft = drafts.get(path)
        ids.update(_written_ids(path))
        if draft is not None:
            own = [i for n, _ in draft.exercises() if isinstance(i := draft.exercise_id(n), str)]
        else:  # no YAML: its exercises' ids as written
            own = exercise_ids_as_text(path)
        ids.update(own)
        chapter = draft.doc.data.get("chapter") if draft is not None else None
        names = [chapter, path.stem] if isinstance(chapter, str) else [path.stem]
        chapters.update(names)
        # The ids' first words, and the one the chapter's number gives: a file whose ids cannot be read at all
        # (UTF-16, say) is still chapter 9's bank by its name.
        heads = {i.partition("-")[0] for i in own if "-" in i} | {p for n in names if (p := id_prefix(n))}
        for head in heads:
            prefixes[head.casefold()].append(path)
    return Loaded(
        Book(tuple(b for b, _ in kept), tuple(p for _, p in kept)),
        tuple(reading.in_order(reading.problems)),
        frozenset(broken),
        frozenset(ids),
        frozenset(chapters),
        {head: tuple(paths) for head, paths in prefixes.items()},
        MappingProxyType({p: drafts[p].doc for _, p in kept}),
    )


def bank_path(folder: Path, chapter: str) -> Path | None:
    """The file of the bank whose ``chapter`` is this docname."""
    book = get_book(folder)
    for bank, path in zip(book.banks, book.paths, strict=True):
        if bank.chapter == chapter:
            return path
    return None


_ID = re.compile(r"(?:^|[\s{,])-?\s*id:\s*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?\s*(?:[,}#]|$)", re.MULTILINE)


def _written_ids(path: Path) -> frozenset[str]:
    """Every id written in a bank file, read as text: those of a file that is no YAML too."""
    try:
        return frozenset(_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return frozenset()
