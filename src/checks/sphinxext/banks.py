"""The book's banks as Sphinx sees them: loaded once, reloaded when a file changes."""

from __future__ import annotations

from pathlib import Path

from checks.loading import BankError, Book, bank_files, load_book

_cache: dict[Path, tuple[tuple[tuple[str, int], ...], Book | BankError]] = {}


def get_book(folder: Path) -> Book:
    """The validated book in ``folder``; raises :class:`BankError` when any bank is invalid."""
    stamp = tuple((str(f), f.stat().st_mtime_ns) for f in bank_files(folder)) if folder.exists() else ()
    cached = _cache.get(folder)
    if cached is None or cached[0] != stamp:
        try:
            loaded: Book | BankError = load_book([folder])
        except BankError as err:
            loaded = err
        cached = (stamp, loaded)
        _cache[folder] = cached
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
