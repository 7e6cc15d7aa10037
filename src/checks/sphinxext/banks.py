"""The book's banks as Sphinx sees them: loaded once, reloaded when a file changes.

A build asks for the book once per directive (a hundred times and more); listing the folder and
reading every file's mtime each time cost more than placing the exercises. So the files are checked
once per build, after :func:`new_build`, and every later call in that build uses the loaded book.
"""

from __future__ import annotations

import re
from pathlib import Path

from checks.loading import BankError, Book, bank_files, load_book

Stamp = tuple[tuple[str, int], ...]
_cache: dict[Path, tuple[Stamp, Book | BankError]] = {}
_checked: set[Path] = set()  # folders whose files were compared with the cache in this build
_reported: set[Path] = set()  # folders whose problems were reported in this build


def new_build() -> None:
    """Forget which folders were checked: the next :func:`get_book` looks at the files again."""
    _checked.clear()
    _reported.clear()


def first_report(folder: Path) -> bool:
    """True the first time in a build that the problems of ``folder`` are to be reported, False after.

    A broken bank breaks every directive; one report per problem is what an author can act on.
    """
    if folder in _reported:
        return False
    _reported.add(folder)
    return True


def stamp(folder: Path) -> Stamp:
    """The bank files in ``folder`` with their times of change: it differs when a file is added, removed or edited."""
    return tuple((str(f), f.stat().st_mtime_ns) for f in bank_files(folder)) if folder.exists() else ()


def get_book(folder: Path) -> Book:
    """The validated book in ``folder``; raises :class:`BankError` when any bank is invalid."""
    cached = _cache.get(folder)
    if cached is None or folder not in _checked:
        now = stamp(folder)
        if cached is None or cached[0] != now:
            try:
                loaded: Book | BankError = load_book([folder])
            except BankError as err:
                loaded = err
            cached = (now, loaded)
            _cache[folder] = cached
        _checked.add(folder)
    if isinstance(cached[1], BankError):
        raise cached[1]
    return cached[1]


def bank_path(folder: Path, chapter: str) -> Path | None:
    """The file of the bank whose ``chapter`` is this docname."""
    book = get_book(folder)
    for bank, path in zip(book.banks, book.paths, strict=True):
        if bank.chapter == chapter:
            return path
    return None


_ID = re.compile(r"(?:^|[\s{,])-?\s*id:\s*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?\s*(?:[,}#]|$)", re.MULTILINE)


def written_ids(folder: Path) -> frozenset[str]:
    """Every id written in the bank files of ``folder``, read as text: those of a broken book too."""
    ids: set[str] = set()
    for path in bank_files(folder) if folder.exists() else []:
        try:
            ids.update(_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return frozenset(ids)
