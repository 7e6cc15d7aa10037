"""The class gradebook: ``checks gradebook SHEET_OR_DIR... --out DIR``.

Grades a whole class against the book (or one chapter of it, ``--chapter``; without it,
the chapters the sheets name, if they name any) and writes four files to ``--out``:
``grades.csv`` (a row per student, whose sheets are merged; with ``--roster``, a row per student of the
roster, in its order, and the others after), ``items.csv`` (an item analysis row per
exercise), ``failed.csv`` (the sheets that could not be read, and why) and
``report.html`` (a self-contained page with plots). Each file is written
atomically and depends only on the sheets, the banks and the roster, so a rerun on the
same class gives the same bytes; submissions are only read. The four files are
replaced together, and not at all when no sheet could be graded, nor when no sheet answers an exercise
of the chapters graded while some answer others (a slip in ``--chapter`` would grade everyone 0). Exit
status 0 when every sheet was graded, 2 when any could not be read (after grading the rest) or nothing
was written. Warnings that come a line per sheet name the first few sheets of each kind and count the
rest, which the report lists.

This module only parses options and forwards; the work is in :mod:`.collect` (with
:mod:`.merging`), :mod:`.items` (with :mod:`.choices`), :mod:`.roster_rows`, :mod:`.tables` and
:mod:`.report` (with :mod:`.findings` and :mod:`.counts`), imported when the command runs so that the other
commands start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checks.options import (
    CLASS_CHAPTER_HELP,
    EXIT_INPUT,
    EXIT_OK,
    ID_COLUMN_HELP,
    SHEETS_HELP,
    OneChapter,
    Parser,
    UsageError,
    books_of,
    id_column_of,
    scope_of,
    written_name,
)
from checks.sheet_messages import (
    left_out_warning,
    letters_as_ids_warning,
    not_graded,
    other_chapters_warning,
    part_hint,
    relettered_warning,
    unanswered_error,
    unread_warning,
)

if TYPE_CHECKING:
    from checks.loading import Book

    from .collect import Collected

OUTPUTS = ("grades.csv", "items.csv", "failed.csv", "report.html")
HELP = "grade a class into grades.csv, items.csv, failed.csv and report.html"


def add_parser(subparsers: argparse._SubParsersAction[Parser]) -> argparse.ArgumentParser:
    """Register ``gradebook`` on the CLI's subparsers (the object ``add_subparsers()`` returned)."""
    p = subparsers.add_parser("gradebook", help=HELP, description=HELP)
    p.set_defaults(func=cmd_gradebook)
    p.add_argument("sheets", nargs="+", metavar="SHEET_OR_DIR", help=SHEETS_HELP)
    p.add_argument(
        "-o",
        "--out",
        "--output",
        dest="out",
        type=written_name,
        required=True,
        metavar="DIR",
        help="folder for the four output files (created if missing)",
    )
    p.add_argument("--chapter", action=OneChapter, help=CLASS_CHAPTER_HELP)
    p.add_argument(
        "--roster",
        metavar="FILE",
        help="text or CSV file of student ids (or names), as checks sheet --roster reads it: grades.csv "
        "gets a row per student of it, in its order, with a status column (graded, no sheet, sheet not graded, "
        "not on roster); sheets of students not on it are graded after",
    )
    p.add_argument("--id-column", metavar="NAME", help=ID_COLUMN_HELP)
    p.add_argument(
        "--excel",
        action="store_true",
        help="start the CSV files with a byte-order mark, so that Excel shows accented names as written",
    )
    return p


def cmd_gradebook(args: argparse.Namespace) -> int:
    """Grade every sheet, write the outputs, report on stderr; the exit status."""
    from checks.files import Ours, folder_problem
    from checks.reading import InputError
    from checks.sheets import chapter_names

    from .collect import collect, paused_gc
    from .items import analyse
    from .merging import clash_warning
    from .report import report_html
    from .roster_rows import on_roster, read_students, roster_counts, unlisted_warning
    from .tables import failures_csv, grades_csv, items_csv

    if args.out == "-":  # as export and key read it; a folder named "-" would surprise
        raise UsageError("--out -: standard output cannot hold the four files; name a folder")
    out = Path(args.out)
    with contextlib.suppress(OSError):  # a folder above that may not be searched: folder_problem says so
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out}: --out must be a folder, and this is a file")
    given = getattr(args, "roster", None)
    students = read_students(given, id_column_of(args))  # a roster that cannot be used leaves the folder as it was
    if students is None:
        return EXIT_INPUT
    problem = folder_problem(out)
    if problem:  # told now, not after the class is graded
        raise InputError(out, f"cannot be written ({problem})")
    whole, book = books_of(args)
    with paused_gc():
        # Kept among the sheets, the gradebook's folder holds last run's files: ours, not sheets skipped.
        ours = Ours(os.path.realpath(out), frozenset(OUTPUTS))
        collected = collect(
            args.sheets, book, whole=whole, sheet_scope=getattr(args, "chapter", None) is None, ours=ours
        )
        book = collected.book  # the chapters the sheets name, when they name any
        texts: dict[str, str] = {}
        roster = on_roster(Path(given), students, collected.graded, collected.failures) if given is not None else None
        if not collected.answered_elsewhere:  # else refused below: nothing is graded
            items = analyse(book, collected.graded)
            texts = {
                "grades.csv": grades_csv(collected, roster),
                "items.csv": items_csv(items),
                "failed.csv": failures_csv(collected.failures),
                "report.html": report_html(collected, items, roster),
            }
    for warning in collected.skipped:
        print(warning, file=sys.stderr)
    for failure in collected.failures:  # each problem of a sheet, as checks grade tells them
        for line in failure.lines():
            print(f"error: {line}", file=sys.stderr)
    if collected.answered_elsewhere:
        # A mistyped chapter must not replace last week's gradebook with zeros, as a mistyped folder must not;
        # this line says it all, so each sheet's warning that it is for another chapter is left out.
        problem = unanswered_error(
            getattr(args, "chapter", None),
            book.chapter_ids,
            collected.answered_elsewhere,
            collected.sheets,
            bool(collected.failures),
            whole,
        )
        print(f"error: {problem}; nothing written to {out}", file=sys.stderr)
        return EXIT_INPUT
    if len(collected.named) > 1 and collected.uneven:
        print(different_chapters_warning(collected, book), file=sys.stderr)
    graded = chapter_names(book.chapter_ids)
    report = out / "report.html"
    for line in (
        # In the words of checks grade, a few lines of each kind: the report lists every sheet.
        *first_lines(
            [sheet for sheet in collected.left_out if sheet[2]],
            lambda p, n, named: other_chapters_warning(p, named, book.chapter_ids, n),
            f"sheet(s) for other chapters, graded on {graded} as --chapter asks; {report} lists them all",
        ),
        *first_lines(
            [sheet for sheet in collected.left_out if not sheet[2]],
            lambda p, n, _: left_out_warning(p, n, book),
            f"sheet(s) graded on {graded} alone, with answers to other chapters left out; {report} lists them all",
        ),
        *first_lines(
            collected.relettered,
            relettered_warning,
            f"sheet(s) whose letters are not those they were printed with; {report} lists them all",
        ),
        *first_lines(
            collected.letters_as_ids,
            letters_as_ids_warning,
            f"sheet(s) without 'letters:' whose answers would name other options in the book's letters; "
            f"{report} lists them all",
        ),
        *first_lines(
            collected.unread,
            unread_warning,
            f"sheet(s) with answers that could not be read and score 0; {report} lists them all",
        ),
        *first_lines(
            collected.undated,
            clash_warning,
            f"pair(s) of one student's sheets without 'submitted' that answer differently; {report} lists them all",
        ),
    ):
        print(line, file=sys.stderr)
    if collected.blank:
        print(blank_warning(collected, report), file=sys.stderr)
    if roster is not None and roster.unlisted:
        print(unlisted_warning(roster, report), file=sys.stderr)
    if not collected.graded:
        # A mistyped folder must not replace last week's gradebook with empty files.
        print(f"error: no sheet could be graded; nothing written to {out}", file=sys.stderr)
        return EXIT_INPUT
    _write_all(out, texts, excel=getattr(args, "excel", False))
    if collected.answered:
        # The whole class answers those chapters: its sheets are counted, not named.
        every = [path for row in collected.graded for path in row.paths]
        print(part_hint({collected.answered: every}, whole, listed=False), file=sys.stderr)
    scope = scope_of(whole, book)  # chosen by --chapter, or by the sheets
    graded_on = f" on {chapter_names(scope)}" if scope else ""
    if collected.named:
        graded_on += " (named on the sheets)"
    missing = f"{roster_counts(roster)}; " if roster else ""
    print(
        f"graded {collected.sheets} sheet(s) of {len(collected.graded)} student(s){graded_on}, "
        f"{not_graded(collected.refused, collected.unread_paths)}; {missing}"
        f"wrote {', '.join(str(out / name) for name in OUTPUTS)}",
        file=sys.stderr,
    )
    return EXIT_INPUT if collected.failures else EXIT_OK


def different_chapters_warning(collected: Collected, book: Book) -> str:
    """The line saying that the sheets name different chapters, whose differ from most, and that the class is
    graded on them all."""
    from checks.sheets import chapter_names

    found = "; ".join(", ".join(chapters) for chapters in collected.named)
    graded = chapter_names([bank.chapter for bank in book.banks])
    return (
        f"warning: the sheets name different chapters ({found}); students whose sheets name other chapters than "
        f"most ({', '.join(collected.usual) or 'no chapter'}): {collected.named_otherwise()}; the class is graded "
        f"on {graded}: grade each chapter's sheets with --chapter to grade them apart"
    )


def blank_warning(collected: Collected, report: Path) -> str:
    """The line naming the sheets that answer nothing (the first few): each scores 0, which the grades alone would not
    tell from a student's wrong answers."""
    from checks.files import first_few
    from checks.printable import escaped

    files = first_few([str(path) for path, _ in collected.blank])
    return escaped(
        f"warning: {len(collected.blank)} sheet(s) answer nothing and score 0: {files}; {report} lists them all"
    )


def first_lines(sheets: Sequence[tuple[Any, ...]], line: Callable[..., str], more: str) -> list[str]:
    """The warning ``line(*sheet)`` for the first few of ``sheets``, warnings alike but for their sheet, and one
    line counting the rest (``more`` says what they are): a class of hundreds would otherwise push the errors
    above off the screen. Only the lines shown are made: a class's sheets may number tens of thousands."""
    from checks.files import NAMES_SHOWN

    if len(sheets) <= NAMES_SHOWN + 1:  # a line counting one more sheet would say less than its own line
        return [line(*sheet) for sheet in sheets]
    return [*(line(*sheet) for sheet in sheets[:NAMES_SHOWN]), f"warning: and {len(sheets) - NAMES_SHOWN} more {more}"]


def _write_all(out: Path, texts: dict[str, str], *, excel: bool = False) -> None:
    from checks.files import write_all

    # Excel reads a CSV file as the machine's legacy code page unless it starts with a byte-order
    # mark; other programs (Python's csv module among them) would keep the mark as part of the
    # first heading, so it is only added when asked for. A file's name that is not UTF-8 holds surrogates in
    # place of its bytes, which no UTF-8 file can: they are written as standard error writes them, \udcff.
    data: dict[Path, str | bytes] = {
        out / name: texts[name].encode("utf-8-sig" if excel and name.endswith(".csv") else "utf-8", "backslashreplace")
        for name in OUTPUTS
    }
    # All four or none: a failure part-way leaves the previous gradebook whole.
    write_all(data)
