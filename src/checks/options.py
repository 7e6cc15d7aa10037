"""What the commands share, the ``checks`` command's and the gradebook's and export's alike: the exit statuses,
the parser (:class:`Parser`), a mistake in a call (:class:`UsageError`), the options that mean the same in every
command (``--banks``, ``--chapter``, ``--bib``, ``-o``) with their help, and the book, bibliography and output file
they name.

Kept apart from :mod:`checks.cli`, which imports the commands that need these.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checks.files import folder_problem, write_stdout
from checks.loading import Book, load_book
from checks.reading import SUFFIXES, InputError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from checks.exports.citations import Citations

EXIT_OK, EXIT_BUG, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
# Standard output's reader went away (``| head``): 128 + SIGPIPE (13), what a shell reports for any command a closed
# pipe stops (``yes | head -1``), so a script with ``set -o pipefail`` sees what it sees of other tools. Not 1, which
# is this command's status for a bug. Returned, not died of: with SIGPIPE's default action restored, which Python's
# documentation advises against, the process would die at the write, before removing its temporary files.
EXIT_READER_GONE = 141
_CHAPTER = (
    "chapter: its number, such as 3, its file name without .md, such as 03-how-cancer-spreads, or its bank's "
    "file name, or that name without the number, such as how-cancer-spreads"
)
CHAPTER_HELP = f"{_CHAPTER} (default: the whole book)"
# Grading without the option takes the chapters the sheets name (checks.sheets.Sheet.chapters): each sheet its
# own in grade, their union in the gradebook.
GRADE_CHAPTER_HELP = f"{_CHAPTER} (default: the chapters each sheet names on its 'chapters:' line, else the whole book)"
CLASS_CHAPTER_HELP = (
    f"{_CHAPTER} (default: the chapters the sheets name on their 'chapters:' lines, else the whole book)"
)
# Every file type a folder is searched for, so that the help cannot leave one out.
SHEETS_HELP = f"answer sheets ({', '.join(sorted(SUFFIXES))}) or folders of them, read with their subfolders"
BANKS_HOW = "--banks FOLDER or the CHECKS_BANKS environment variable"
BOOK_BANKS = "exercises"  # the book's banks, when run from its folder
# --id-column, of `sheet` and `gradebook`, which take --roster.
ID_COLUMN_HELP = (
    "with --roster, the header of the roster's column of student ids, in any case (default: the first column, or "
    "the one an LMS's export heads Student ID, ID, Username, Email or the like)"
)
DEFAULT_BIB = Path("docs", "references.bib")  # the book's bibliography, in the folder that holds its banks' folder
# Where every command that reads the bibliography finds the book's, unasked (see bib_files).
BIB_BESIDE = f"{DEFAULT_BIB} beside the banks' folder"
CITING_HELP = (
    "BibTeX file to write citations in the texts from, as the book writes them; repeat for several "
    f"(default: $CHECKS_BIB, else {BIB_BESIDE}, else citations show their keys)"
)


class UsageError(Exception):
    """A mistake in how the command was called, reported as one line."""


def id_column_of(args: argparse.Namespace) -> str | None:
    """``--id-column``: the header of the column of ids of the roster that ``--roster`` gives (None without it)."""
    name: str | None = getattr(args, "id_column", None)
    if name is None:
        return None
    if getattr(args, "roster", None) is None:
        raise UsageError("--id-column goes with --roster: it names the roster's column of student ids")
    if not name.strip():
        raise UsageError("--id-column must not be empty: give the header of the roster's column of student ids")
    return name


class Parser(argparse.ArgumentParser):
    """The command's parser and each command's: what it prints on standard output (--help, --version) is written
    as every command's output is (:func:`~checks.files.write_stdout`), so that a failure to write it is one line and
    exit status 2, where argparse would drop the error and exit 0."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message and file is sys.stdout:
            write_stdout(message)
        else:
            super()._print_message(message, file)


class OneChapter(argparse.Action):
    """``--chapter``, refused when given twice: argparse would keep the last and grade on it alone, silently."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, value: Any, option: str | None = None
    ) -> None:
        first = getattr(namespace, self.dest, None)
        if first is not None:
            raise UsageError(
                f"--chapter takes one chapter only (given {first} and {value}); run the command once for each"
            )
        setattr(namespace, self.dest, value)


def written_name(value: str) -> str:
    """``-o``'s value, refused when empty: ``-o ""`` (a shell variable left unset) named no file, and the
    commands wrote to standard output or into the current folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("is empty: give the name of what to write")
    return value


def banks_of(args: argparse.Namespace) -> Path:
    """The banks to read; when they are missing, say how to point at them (run elsewhere, ./exercises is not there)."""
    path = Path(args.banks)
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder (name the exercise banks with {BANKS_HOW})")
    return path


def book_of(args: argparse.Namespace) -> Book:
    """The part of the book ``--chapter`` chooses (the whole book without the option)."""
    return books_of(args)[1]


def books_of(args: argparse.Namespace) -> tuple[Book, Book]:
    """The whole book, and the part of it ``--chapter`` chooses (the whole book without the option)."""
    book = load_book([banks_of(args)])
    try:
        return book, book.select(getattr(args, "chapter", None))
    except KeyError as err:
        raise UsageError(str(err.args[0])) from None


def scope_of(whole: Book, book: Book) -> tuple[str, ...]:
    """The chapters ``--chapter`` chose (``book``, a part of ``whole``), as a chapter's sheet names them;
    empty for the whole book."""
    return () if book is whole else book.chapter_ids


def output_path(out: str) -> Path | None:
    """Where ``-o`` asks to write: None for ``-`` (standard output). The file's folder is made as it is written,
    with any folders above it, as the gradebook's ``--out`` is; a folder path that cannot be made or written (a
    file in it, no permission) is told now, before the work of making the output. A name ending in a slash
    names a folder, which would be written as a file of that name: refused."""
    if out == "-":
        return None
    path = Path(out)
    if out.endswith(("/", os.sep)):
        raise UsageError(f"{out}: names a folder; give the name of a file to write")
    problem = folder_problem(path.parent)
    if problem:
        raise InputError(path, f"cannot be written ({problem})")
    return path


def bib_files(args: argparse.Namespace, banks: Sequence[Path]) -> list[Path]:
    """The BibTeX files that sources must be keys of and citations are written from, each once, by one rule for
    every command: ``--bib``, else ``CHECKS_BIB``, else the book's bibliography beside the banks
    (:func:`bib_beside`); none when there is none, as for banks outside a book, which are then not checked for
    their sources and cite by keys."""
    named = args.bib or [p for p in os.environ.get("CHECKS_BIB", "").split(os.pathsep) if p]
    if named:
        return list(dict.fromkeys(Path(p) for p in named))
    found = bib_beside(banks)
    return [] if found is None else [found]


# Where the folder that holds a banks' folder is: first as the banks are named, so that messages name the
# bibliography as the author wrote them; then, for a banks' folder that is a link to the book's, where it leads.
_HOLDERS = (lambda folder: Path(os.path.normpath(folder / os.pardir)), lambda folder: folder.resolve().parent)


def bib_beside(banks: Sequence[Path]) -> Path | None:
    """The book's bibliography for ``banks``, found where the book keeps it whatever folder the command is run
    from: ``docs/references.bib`` in the folder that holds the banks' folder (``exercises/../docs/references.bib``,
    ``docs/references.bib`` from the book's folder), when every bank has the same one and it is there. Other banks,
    such as a test's, have none there: they cite other works, and the book's is not taken for them unasked."""
    for holder in _HOLDERS:
        found = {_bib_held(holder, _folder(path)) for path in banks}
        if len(found) == 1 and (bib := found.pop()) is not None:
            return bib
    return None


def no_bib_beside(banks: Sequence[Path]) -> str:
    """Why :func:`bib_beside` found no bibliography for ``banks``, in words for the end of a line: none beside their
    folder, or, for banks of several folders, none beside any of them, or not one beside them all."""
    folders = list(dict.fromkeys(str(_folder(path)) for path in banks))
    if len(folders) == 1:
        return f"no {DEFAULT_BIB} beside {folders[0]}"
    named = ", ".join(folders)
    if any(_bib_held(holder, _folder(path)) for path in banks for holder in _HOLDERS):
        return f"the banks are in {len(folders)} folders, {named}, with no one {DEFAULT_BIB} beside them all"
    return f"no {DEFAULT_BIB} beside the banks' folders, {named}"


def in_a_book(bank: Path) -> bool:
    """Whether the bank file ``bank`` is a book's, named after its chapter's page: in ./exercises, or beside the
    book's bibliography (:func:`bib_beside`), wherever the command is run from. Other banks, such as the tests'
    samples, belong to no page, and their files may have any name."""
    if bank.resolve().is_relative_to(Path(BOOK_BANKS).resolve()):
        return True
    return any(_bib_held(holder, bank.parent) for holder in _HOLDERS)


def _bib_held(holder: Callable[[Path], Path], banks_folder: Path) -> Path | None:
    """The book's bibliography in the folder ``holder`` finds holding ``banks_folder``, when it is there."""
    bib = holder(banks_folder) / DEFAULT_BIB
    return bib if bib.is_file() else None


def _folder(banks: Path) -> Path:
    """The folder of banks ``banks`` names: itself, or the folder of the bank file it names."""
    return banks if banks.is_dir() else banks.parent


def book_citations(args: argparse.Namespace) -> Citations:
    """How the texts a command writes cite works: by the labels of the bibliography :func:`bib_files` finds
    for the banks, or by their keys without one."""
    from checks.exports.citations import from_bibliography

    return from_bibliography(bib_files(args, [banks_of(args)]))


def warn_citations(citations: Citations) -> None:
    """The one line on standard error for works cited by their keys, if any were."""
    warning = citations.warning()
    if warning:
        print(warning, file=sys.stderr)
