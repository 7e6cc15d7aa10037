"""A class's variant sheets, one file per student of its roster (read by :mod:`checks.roster`), and each
student's links to the web book's pages that show their variant: what ``checks sheet --roster`` writes."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from checks.files import NAMES_SHOWN, keep_other
from checks.reading import InputError

if TYPE_CHECKING:
    from checks.loading import Book
    from checks.roster import Student

WHAT = "the blank sheet"  # what a file in the folder is compared with, as `checks sheet -o` words it


def roster_sheets(
    students: Sequence[Student],
    folder: Path,
    book: Book,
    title: str,
    scope: Sequence[str],
    seed: str,
    stream: TextIO | None = None,
) -> dict[Path, str | bytes]:
    """Each student's variant of the blank sheet for ``book``, by the file in ``folder`` it is written to; on a
    terminal (``stream``, standard error by default), a progress bar while they are made."""
    from checks.progress import progress_bar, shows_progress
    from checks.sheets import blank_sheet

    out = sys.stderr if stream is None else stream
    sheets: dict[Path, str | bytes] = {}
    show = shows_progress(len(students), out)
    with progress_bar(len(students), out, show, "making", "sheets") as advance:
        for student in students:
            sheets[folder / student.file_name] = blank_sheet(book, title, (student.id, seed), scope)
            advance()
    return sheets


def refusals(sheets: dict[Path, str | bytes], folder: Path) -> list[str]:
    """The lines refusing to write ``sheets`` over files that hold anything else (:func:`~checks.files.keep_other`):
    the first few, how many more, and that nothing was written; none when every sheet may be written."""
    refused = []
    for path, text in sheets.items():
        try:
            keep_other(path, str(text), WHAT)
        except InputError as err:
            refused.append(err)
    if not refused:
        return []
    lines = [str(refusal) for refusal in refused[:NAMES_SHOWN]]
    if len(refused) > NAMES_SHOWN:
        lines.append(f"and {len(refused) - NAMES_SHOWN} more files in {folder} that differ from their sheets")
    return [*lines, f"nothing written to {folder}"]


def links_base(url: str) -> str:
    """The address of the web book's folder (``--links``), to which a chapter page's file name is added;
    :class:`ValueError` for an address that is not a folder's."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    # A link goes to students by mail or a learning platform: a web address, whole (or a file's, to try one out).
    whole = bool(parts.scheme in ("http", "https") and parts.netloc) or (
        parts.scheme == "file" and parts.path.startswith("/") and parts.path != "/"
    )
    if not whole or any(c.isspace() for c in url.strip()):
        raise ValueError("give the web book's address, beginning https:// (such as https://example.org/book/)")
    if parts.query or parts.fragment or parts.path.endswith((".html", ".htm")):
        raise ValueError("give the address of the web book's folder, where its index.html is")
    return url.strip().rstrip("/")


def page_link(base: str, chapter: str, student: str, seed: str) -> str:
    """The address of a chapter page showing this student's variant, as the book's script reads it
    (``?student=…&seed=…``; see ``variant`` in checks.js)."""
    from urllib.parse import quote, urlencode

    return f"{base}/{quote(chapter)}.html?{urlencode({'student': student, 'seed': seed})}"


def link_lines(students: Sequence[Student], book: Book, base: str, seed: str) -> Iterator[str]:
    """For each student and each chapter of ``book``, the id and the address of the page showing their variant,
    separated by a tab, ready for a mail merge."""
    for student in students:
        for bank in book.banks:
            yield f"{student.id}\t{page_link(base, bank.chapter, student.id, seed)}"
