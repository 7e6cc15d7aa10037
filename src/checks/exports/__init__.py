"""Exporting the exercises to learning-management systems: Moodle XML, GIFT (Moodle), QTI 1.2 (Canvas) and Aiken.

:func:`export` turns a book into the bytes of one file and a list of
messages, one for each exercise the format cannot carry faithfully (these are
skipped, never dropped silently or changed). :func:`add_parser` registers the
``checks export`` command, whose handler :func:`cmd_export` loads the book as
the other commands do, with citations written from the book's bibliography
(:mod:`checks.exports.citations`), writes the file atomically and reports on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from checks.exports import aiken, gift, moodle, qti
from checks.exports.citations import citing
from checks.files import atomic_write, write_stdout
from checks.loading import Book
from checks.options import (
    CHAPTER_HELP,
    CITING_HELP,
    EXIT_OK,
    OneChapter,
    Parser,
    UsageError,
    book_citations,
    books_of,
    output_path,
    warn_citations,
    written_name,
)

# Each format's export of a part of the book, and of the whole book it is part of (for what a chapter is called).
FORMATS: dict[str, Callable[[Book, Book], tuple[bytes, list[str]]]] = {
    "moodle": moodle.export,
    "gift": gift.export,
    "qti": qti.export,
    "aiken": aiken.export,
}


def export(book: Book, fmt: str, whole: Book | None = None) -> tuple[bytes, list[str]]:
    """The file content for ``fmt`` (``moodle``, ``gift``, ``qti`` or ``aiken``) and one "skipped …" line per
    exercise left out. ``whole`` is the book that ``book`` is part of (``book`` itself by default): its chapters'
    numbers set how chapters are named, so that a chapter exported alone is named as in the whole book."""
    try:
        convert = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (expected one of: {', '.join(FORMATS)})") from None
    return convert(book, book if whole is None else whole)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the export, then report each skipped exercise and the totals on stderr."""
    out = output_path(args.out)
    if args.format == "qti" and (out is None or out.suffix.lower() != ".zip"):
        # Canvas takes a QTI package only as a .zip upload; a zip on standard output would reach a terminal.
        raise UsageError(f"{args.out}: a QTI package is a zip file: give --out a name ending in .zip")
    whole, book = books_of(args)
    citations = book_citations(args)
    with citing(citations):
        data, skipped = export(book, args.format, whole)
    count = sum(len(bank.exercises) for bank in book.banks) - len(skipped)
    if count == 0:  # an empty quiz would replace a good one and import as nothing
        for line in skipped:
            print(line, file=sys.stderr)
        raise UsageError(f"no exercise can be exported as {args.format}; {args.out} not written")
    if out is None:
        write_stdout(data)  # first, so that a failure to write is the one line said
    else:
        atomic_write(out, data)  # first, so that a failure to write is the one line said
    for line in skipped:
        print(line, file=sys.stderr)
    warn_citations(citations)
    where = "standard output" if out is None else str(out)
    # The skipped are counted too, so that a short quiz is seen to be short before it is imported.
    left_out = f", skipped {len(skipped)} (named above)" if skipped else ""
    print(f"wrote {count} question{'' if count == 1 else 's'} to {where}{left_out}", file=sys.stderr)
    return EXIT_OK


def add_parser(subparsers: argparse._SubParsersAction[Parser]) -> argparse.ArgumentParser:
    """Register ``export`` on the CLI's subparsers (the object ``add_subparsers()`` returned)."""

    help_text = "export the exercises for an LMS: Moodle XML or GIFT (Moodle), QTI 1.2 zip (Canvas) or Aiken"
    parser = subparsers.add_parser("export", help=help_text, description=help_text)
    parser.set_defaults(func=cmd_export)
    parser.add_argument(
        "--format",
        required=True,
        choices=tuple(FORMATS),
        help="output format: moodle (Moodle XML, the one to use for Moodle: it keeps points and the book's order), "
        "gift (Moodle), qti (Canvas), aiken (single choice only)",
    )
    parser.add_argument("--chapter", action=OneChapter, help=CHAPTER_HELP)
    parser.add_argument("--bib", action="append", metavar="FILE", help=CITING_HELP)
    parser.add_argument(
        "-o",
        "--out",
        "--output",
        dest="out",
        type=written_name,
        required=True,
        metavar="PATH",
        help="file to write (.zip for QTI; - for standard output with Moodle XML, GIFT and Aiken)",
    )
    return parser
