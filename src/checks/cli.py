"""The ``checks`` command: parses options and hands each command to one function.

Exit status: 0 when every input was read (and graded); 2 when any input could
not be read or is invalid, after handling all the others, or an output could
not be written; 130 when interrupted; 141 when the reader of standard output
stopped reading (``| head``), as a shell reports it of any command; 1 for a bug.
Each mistake of a user is one line on stderr naming the file and the problem.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checks import __version__, exports, gradebook
from checks.bibliography import read_keys, unknown_sources
from checks.exports.pointers import stray_pointers
from checks.files import (
    ClosedOutput,
    Skipped,
    atomic_write,
    keep_other,
    not_seen,
    sheet_paths,
    silence_stdout,
    write_stdout,
)
from checks.giveaways import giveaways
from checks.loading import (
    JSON_LEFT_OUT,
    BankError,
    Book,
    chapter_problems,
    dotted,
    number_problems,
    read_book,
    stale_exercises,
    unread_json,
)
from checks.model import AnyExercise
from checks.options import (
    BIB_BESIDE,
    BOOK_BANKS,
    CHAPTER_HELP,
    CITING_HELP,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_READER_GONE,
    GRADE_CHAPTER_HELP,
    ID_COLUMN_HELP,
    SHEETS_HELP,
    OneChapter,
    Parser,
    UsageError,
    banks_of,
    bib_files,
    book_citations,
    book_of,
    books_of,
    id_column_of,
    in_a_book,
    no_bib_beside,
    output_path,
    scope_of,
    warn_citations,
    written_name,
)
from checks.printable import SHOWN, escaped, shown
from checks.reading import InputError
from checks.shares import whole_percent
from checks.sheet_messages import (
    left_out_warning,
    letters_as_ids_warning,
    not_graded,
    other_chapters_warning,
    part_hint,
    relettered_warning,
    unanswered_error,
)
from checks.spans import bank_spans

if TYPE_CHECKING:
    from checks.feedback import Texts
    from checks.sheets import Sheet

EXIT_STATUS = (
    "exit status: 0 done; 2 an input could not be read or is invalid, or an output could not be written "
    "(after handling all the others); 130 interrupted; 141 standard output's reader stopped reading (| head); "
    "1 a bug, please report it"
)
DEFAULT_MAX_AGE_DAYS = 730
OUTPUT_HELP = "file to write, atomically, its folders made where missing (default: standard output)"
# A result's message is shown this far: room for a unit the student wrote, shown as far as an answer is, and for
# the rest of the message, which names what the exercise takes.
MESSAGE_SHOWN = 2 * SHOWN
PAGES_NOTE = "the chapter pages are checked by the build (make html)"  # what `checks validate` leaves to Sphinx


def relettered_in(sheet: Sheet, book: Book) -> tuple[str, ...]:
    """The chapters graded on ``book`` whose letters are not those ``sheet`` was printed with."""
    graded = {bank.chapter for bank in book.banks}
    return tuple(chapter for chapter in sheet.relettered if chapter in graded)


def _emit(text: str, out: str | None, *, guard: str | None = None) -> None:
    """Write ``text`` where ``-o`` asks. Given ``guard``, what ``text`` is ("the blank sheet"), a file there
    that holds anything else is refused rather than replaced (:func:`~checks.files.keep_other`)."""
    path = output_path(out) if out else None
    if path is None:
        write_stdout(text)
        return
    if guard:
        keep_other(path, text, guard)
    atomic_write(path, text)
    print(f"wrote {out}", file=sys.stderr)


def _bank_warning(path: Path, ex: AnyExercise, part: tuple[str | int, ...], message: str) -> None:
    """A warning about ``ex`` at the line of its ``part`` in the bank file ``path`` (the file alone if not found)."""
    span = bank_spans(path).get(ex.id)
    where = f"{path}:{span.part_line(part)}" if span else str(path)
    print(f"warning: {where}: [{ex.id}] {message}", file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [banks_of(args)]
    reading = read_book(paths)
    book = reading.book  # the valid banks
    bibfiles = bib_files(args, paths)
    named = ", ".join(map(str, bibfiles))
    keys = read_keys(bibfiles) if bibfiles else None
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    stale = stale_exercises(book, today, args.max_age)
    for path, ex in stale:  # at the date to change, as every other message names its line
        _bank_warning(path, ex, ("reviewed",), f"last reviewed {ex.reviewed} (more than {args.max_age} days ago)")
    pointers = list(stray_pointers(book))
    for path, ex, part, found in pointers:
        _bank_warning(
            path,
            ex,
            part,
            f"{dotted(part)} points at {found} in the book, which a quiz would not show, so the exports skip the "
            "exercise: reword the text to stand alone",
        )
    left_out = unread_json(paths)
    for path in left_out:
        print(f"warning: {path}: not read: {JSON_LEFT_OUT}", file=sys.stderr)
    given_away = list(giveaways(book))
    for path, ex, said in given_away:
        _bank_warning(
            path,
            ex,
            ("hint",),
            f"hint: it says {said}, so it gives the answer away: point towards the answer without saying it",
        )
    # Every bank that could be read is checked for these, valid or not, so that fixing its other problems
    # brings no second round. A bank outside the book, such as a test's sample, belongs to no page: its file
    # may have any name.
    problems = list(reading.problems)
    booked = [draft for draft in reading.drafts if in_a_book(draft.path)]
    problems += chapter_problems(booked) + number_problems(booked)
    if keys is not None:
        problems += unknown_sources(reading.drafts, keys, named)
    if problems:
        raise BankError(reading.in_order(problems))
    count = sum(len(b.exercises) for b in book.banks)
    # Says whether sources were checked: without a bibliography they are not, and an author should know why.
    sources = (
        f", sources found in {named}" if bibfiles else f", sources not checked ({no_bib_beside(paths)}; use --bib)"
    )
    # The banks only: what the pages name ({exercise} ids, {numref}, citations, the toctree) is Sphinx's to resolve,
    # and an author who reads "ok" should not take the book for checked.
    pages = f"; {PAGES_NOTE}" if all(in_a_book(path) for path in reading.files) else ""
    warned = len(stale) + len(pointers) + len(given_away) + len(left_out)
    if args.strict and warned:
        # As Sphinx's -W: every warning fails a strict run, so that CI holds a bank to all of them; and a run that
        # fails says so, not "ok".
        print(f"error: {warned} warning(s) above, which --strict counts as errors", file=sys.stderr)
        return EXIT_INPUT
    write_stdout(
        f"ok: {len(book.banks)} bank(s), {count} exercise(s) valid{sources}; {len(stale)} due for review{pages}\n"
    )
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    lines = [
        f"{ex.id:<40} {ex.kind:<10} {ex.points:>5g}  {bank.chapter}  {','.join(ex.objectives)}\n"
        for bank, ex in book_of(args).exercises()
    ]
    write_stdout("".join(lines))
    return EXIT_OK


def _title(args: argparse.Namespace, book: Book) -> str:
    return ", ".join(b.title for b in book.banks) if args.chapter else "all chapters"


def variant_of(args: argparse.Namespace) -> tuple[str, str] | None:
    """The variant ``--student`` and ``--seed`` name (both or neither), or None for the book's order and letters."""
    from checks.sheets import normalised_student, student_problem

    if (args.student is None) != (args.seed is None):
        raise UsageError("a variant needs both --student and --seed")
    if args.student is None:
        return None
    # The same rules as a handed-in sheet's 'student', so every variant sheet can be graded.
    student = normalised_student(args.student)
    if student_problem(student):
        raise UsageError("--student must be a name or id on one line, at most 200 characters")
    if not args.seed.strip():
        raise UsageError("--seed must not be empty")
    return student, args.seed


def cmd_sheet(args: argparse.Namespace) -> int:
    from checks.exports.citations import citing
    from checks.sheets import blank_sheet

    id_column_of(args)  # a mistake in it is told whatever else is given
    if args.roster is not None:
        return class_sheets(args)
    if args.links is not None:
        raise UsageError("--links goes with --roster: it prints the link to each student's variant of the pages")
    whole, book = books_of(args)
    title = _title(args, book)
    variant = variant_of(args)
    citations = book_citations(args)
    with citing(citations):
        text = blank_sheet(book, title, variant, scope_of(whole, book))
    _emit(text, args.output, guard=None if args.force else "the blank sheet")
    warn_citations(citations)
    return EXIT_OK


def class_sheets(args: argparse.Namespace) -> int:
    """``checks sheet --roster FILE --seed N --out FOLDER``: a variant sheet for each student of the roster, each
    in its own file (:mod:`checks.class_sheets`). Every problem (the options, the folder, the roster, a file that
    holds something else) is told before any sheet is written, and then all are written or none."""
    from checks.class_sheets import link_lines, links_base, refusals, roster_sheets
    from checks.exports.citations import citing
    from checks.files import folder_problem, write_all
    from checks.roster import RosterError, read_roster

    if args.student is not None:
        raise UsageError("--roster makes each listed student's variant: give --seed alone, not --student")
    if args.seed is None or not args.seed.strip():
        raise UsageError("--roster needs --seed, the seed of the class's variants")
    if args.output in (None, "-"):
        raise UsageError("--roster needs --out FOLDER, the folder to write a sheet per student in")
    base = None
    if args.links is not None:
        try:
            base = links_base(args.links)
        except ValueError as err:
            raise UsageError(f"--links {args.links}: {err}") from None
    folder = Path(args.output)
    with contextlib.suppress(OSError):  # a folder above that may not be searched: folder_problem says so
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder}: --out must be a folder with --roster, and this is a file")
    problem = folder_problem(folder)
    if problem:
        raise InputError(folder, f"cannot be written ({problem})")
    try:
        students = read_roster(Path(args.roster), id_column=id_column_of(args))
    except RosterError as err:
        for each in err.problems:
            print(f"error: {each}", file=sys.stderr)
        return EXIT_INPUT
    whole, book = books_of(args)
    citations = book_citations(args)
    with citing(citations):
        sheets = roster_sheets(students, folder, book, _title(args, book), scope_of(whole, book), args.seed)
    refused = [] if args.force else refusals(sheets, folder)
    if refused:
        for line in refused:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_INPUT
    write_all(sheets)
    warn_citations(citations)
    if base is not None:
        write_stdout("".join(f"{line}\n" for line in link_lines(students, book, base, args.seed)))
    print(f"wrote {len(sheets)} sheet{'s' if len(sheets) > 1 else ''} to {folder}", file=sys.stderr)
    return EXIT_OK


def cmd_key(args: argparse.Namespace) -> int:
    from checks.exports.citations import citing
    from checks.sheets import answer_key, key_yaml

    whole, book = books_of(args)
    chapters = scope_of(whole, book)  # a chapter's key is graded on that chapter, as its sheets are
    variant = variant_of(args)  # a student's variant: the order and letters of that student's sheet
    if args.format == "json":  # JSON has no comments: the letters alone
        _emit(json.dumps(answer_key(book, chapters, variant), indent=2, ensure_ascii=False) + "\n", args.output)
        return EXIT_OK
    citations = book_citations(args)  # for the options' texts beside the letters
    with citing(citations):
        text = key_yaml(book, _title(args, book), chapters, variant)
    _emit(text, args.output)
    warn_citations(citations)
    return EXIT_OK


def cmd_grade(args: argparse.Namespace) -> int:
    from checks.sheets import BookGrader, answered_chapters, answers_outside, read_sheet

    if args.feedback and args.json:
        raise UsageError("--feedback is for the text report; with --json the feedback is in results[].feedback")
    # Sheets are read against the whole book, so an answer to another chapter is no unknown id,
    # and graded on the chapter alone: the one --chapter chooses, or else the chapters a sheet names.
    whole, book = books_of(args)
    chosen = scope_of(whole, book)
    graders = {chosen: BookGrader(book)}
    # Only the feedback writes texts, and only it needs the bibliography to cite works as the book does.
    citations = book_citations(args) if args.feedback else None
    texts = None
    if citations is not None:  # imported only when asked: it loads the markup
        from checks.feedback import Texts

        texts = Texts(citations)
    everything = whole.chapter_ids
    partial: dict[
        tuple[str, ...], list[Path]
    ] = {}  # sheets for the whole book answering only some chapters, by chapters
    failed = graded_count = 0
    answered_scope = False  # whether any sheet answers an exercise of the chapters it is graded on
    elsewhere: set[str] = set()  # until one does, the chapters the sheets answer
    graded_on = set(chosen)  # and the chapters they are graded on, from --chapter or from the sheets
    report = []
    seen: set[str] = set()  # the real paths of the sheets graded, as the gradebook takes each once
    warned: set[Skipped] = set()  # a folder given twice is warned of once
    unread: list[Path] = []  # the paths given that held no sheet
    for item in args.sheets:
        try:
            paths, skipped = sheet_paths(item)
        except InputError as err:  # a folder mistyped, a zip file: no sheet, counted apart
            print_problems(err)
            report.append(_failure_json(err))
            unread.append(err.path)
            continue
        for warning in skipped:
            if warning not in warned:
                warned.add(warning)
                print(warning, file=sys.stderr)
        for path in paths if len(args.sheets) == 1 else not_seen(paths, seen):
            try:
                sheet = read_sheet(path, whole)
            except InputError as err:  # refused whole: every problem found, a line each, as one sheet not graded
                print_problems(err)
                report.append(_failure_json(err))
                failed += 1
                continue
            scope = chosen or sheet.chapters
            if scope not in graders:
                graders[scope] = BookGrader(whole.only(scope))
            grader = graders[scope]
            if not scope:
                answered = answered_chapters(sheet, whole)
                if answered and answered != everything:
                    partial.setdefault(answered, []).append(path)
            if not answered_scope:
                answered = answered_chapters(sheet, whole)
                # A sheet graded on the whole book answers its scope with any answer.
                answered_scope = bool(answered) and (not scope or not set(answered).isdisjoint(scope))
                elsewhere.update(answered)
                graded_on.update(scope)
            graded = grader.grade(sheet)
            graded_count += 1
            outside = answers_outside(sheet, grader.book)
            if chosen and sheet.chapters and sheet.chapters != chosen:  # one line, with what that leaves out
                print(other_chapters_warning(path, sheet.chapters, chosen, len(outside)), file=sys.stderr)
            elif outside:
                print(left_out_warning(path, len(outside), grader.book), file=sys.stderr)
            changed = relettered_in(sheet, grader.book)
            if changed:
                print(relettered_warning(path, changed, sheet.relettered_by), file=sys.stderr)
            as_ids = [key for key in sheet.letters_as_ids if key in grader.book.ids]
            if as_ids:
                print(letters_as_ids_warning(path, len(as_ids)), file=sys.stderr)
            if args.json:
                why = sheet.relettered_by if changed else None
                report.append(_result_json(graded, outside, changed, why, scope, as_ids))
            else:
                _print_result(graded, scope, texts)
    if args.json:
        write_stdout(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if citations is not None:
        warn_citations(citations)
    if partial:
        print(part_hint(partial, whole), file=sys.stderr)
    if graded_count + failed + len(unread) > 1:  # one sheet, graded or not, says all on its own lines
        print(grade_summary(graded_count, failed, unread), file=sys.stderr)
    # Every sheet scored 0, for a slip in --chapter most likely, or on sheets naming chapters they do not answer:
    # said as the gradebook says it, which refuses such a class.
    missed = [chapter for chapter in everything if chapter in elsewhere and chapter not in graded_on]
    if not answered_scope and missed:
        graded_chapters = [chapter for chapter in everything if chapter in graded_on]
        problem = unanswered_error(args.chapter, graded_chapters, missed, graded_count, bool(failed), whole)
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_INPUT if failed or unread else EXIT_OK


def grade_summary(graded: int, failed: int, unread: Sequence[Path] = ()) -> str:
    """The closing line of a run of `checks grade`, so the count of failures is not lost among the results
    (on standard error: with --json, standard output is the report alone)."""
    return f"graded {graded} sheet(s), {not_graded(failed, unread)}"


def print_problems(err: InputError) -> None:
    """Every problem of a file on standard error, a line each (``error: file:line: problem``), in line order."""
    for problem in err.problems:
        print(f"error: {problem}", file=sys.stderr)


def _failure_json(err: InputError) -> dict[str, object]:
    """A sheet that could not be graded, listed in ``--json`` output with the errors stderr shows: the first
    as ``error`` and ``line``, as for a sheet with one, and every one under ``problems``."""
    return {
        "file": str(err.path),
        "error": err.problem,
        "line": err.line,
        "problems": [{"error": each.problem, "line": each.line} for each in err.problems],
    }


def _result_json(
    graded: object,
    left_out: Sequence[str],
    relettered: Sequence[str],
    why: str | None,
    scope: Sequence[str],
    letters_as_ids: Sequence[str],
) -> dict[str, object]:
    from checks.sheets import SheetResult

    assert isinstance(graded, SheetResult)
    return {
        "file": str(graded.sheet.path),
        "student": graded.sheet.student,
        "score": graded.score,
        "max_score": graded.max_score,
        "scope": list(scope) or None,  # the chapters graded, from --chapter or the sheet; None for the whole book
        "chapters": {c: {"score": s, "max_score": m} for c, (s, m) in graded.by_chapter().items()},
        "results": [
            {
                "id": r.exercise_id,
                "status": r.status,
                "score": r.score,
                "max_score": r.max_score,
                "feedback": list(r.feedback),
                "misconceptions": list(r.misconceptions),
                "message": r.message,
            }
            for _, r in graded.results
        ],
        "left_out": list(left_out),
        "relettered": list(relettered),
        # The likely cause, as the warning words it: "bank", "variant" or "either" (Sheet.relettered_by); None
        # when no chapter graded was relettered.
        "relettered_by": why,
        # The exercises graded that a sheet without 'letters:' answers with letters the book prints beside other
        # options, as the warning counts them.
        "letters_as_ids": list(letters_as_ids),
    }


def _print_result(graded: object, named: Sequence[str] = (), texts: Texts | None = None) -> None:
    """The sheet's total and a line per exercise; ``named``, the chapters it is graded on, from --chapter or the
    sheet (none for the whole book), which the total's line names, as what the score is out of. With
    ``texts`` (for --feedback), under each exercise answered, the answer and what the student is told of it
    (:func:`checks.feedback.feedback_lines`)."""
    from checks.sheets import SheetResult, chapter_names

    assert isinstance(graded, SheetResult)
    share = whole_percent(graded.score, graded.max_score)
    scope = f", {chapter_names(named)}" if named else ""
    total = f"{points(graded.score)} / {points(graded.max_score)}"
    lines = [f"{escaped(str(graded.sheet.path))}: {graded.sheet.student}: {total} ({share}){scope}"]
    if texts is not None:  # imported only when asked: it loads the markup
        from checks.feedback import feedback_lines
    for bank, r in graded.results:
        # A message may name what the student wrote (a unit refused): shown as an answer is.
        note = f"  ({shown(r.message, MESSAGE_SHOWN)})" if r.message else ""
        lines.append(f"  {r.exercise_id:<40} {r.status:<10} {points(r.score):>6} / {points(r.max_score)}{note}")
        # An exercise left unanswered is told nothing, as on the page: its explanation gives the answer away.
        if texts is not None and r.status != "unanswered":
            [ex] = [ex for ex in bank.exercises if ex.id == r.exercise_id]
            lines.extend(feedback_lines(ex, r, graded.sheet, texts))
    write_stdout("".join(f"{line}\n" for line in lines))


def points(value: float) -> str:
    """Points as the text report writes them, one way on every line: at most two decimals, without
    trailing zeros (4.67, 0.5, 21)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def cmd_schema(args: argparse.Namespace) -> int:
    from checks.schema import bank_schema, sheet_schema

    schema = bank_schema() if args.which == "bank" else sheet_schema()
    _emit(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", args.output)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="checks", description="Self-check exercises: validate banks, make sheets, grade.", epilog=EXIT_STATUS
    )
    parser.add_argument("--version", action="version", version=f"checks {__version__}")
    banks_help = "folder or file of exercise banks (default: $CHECKS_BANKS or ./exercises)"
    parser.add_argument("--banks", default=os.environ.get("CHECKS_BANKS", BOOK_BANKS), help=banks_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)

    def shared(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        """What every command has: the exit statuses in its help, and --banks after it too."""
        p.epilog = EXIT_STATUS
        # `checks grade sheets/ --banks b/`; SUPPRESS keeps the value given before the command.
        p.add_argument("--banks", default=argparse.SUPPRESS, help=banks_help)
        return p

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = shared(sub.add_parser(name, help=help_text, description=help_text))
        p.set_defaults(func=func)
        return p

    p = add("validate", cmd_validate, "validate banks; exit 0 when valid")
    p.add_argument("paths", nargs="*", help="bank files or folders (default: --banks)")
    p.add_argument(
        "--max-age",
        type=int,
        default=DEFAULT_MAX_AGE_DAYS,
        metavar="DAYS",
        help=f"warn about exercises reviewed longer ago than this (default {DEFAULT_MAX_AGE_DAYS})",
    )
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 2 on any warning: an exercise due for review, a text that points into the book, or a hint "
        "that gives the answer away",
    )
    p.add_argument(
        "--bib",
        action="append",
        metavar="FILE",
        help="BibTeX file that every exercise's source, and every key its texts cite, must be a key of; "
        "repeat for several "
        f"(default: $CHECKS_BIB, else {BIB_BESIDE}, else sources are not checked)",
    )

    p = add("list", cmd_list, "list exercises: id, kind, points, chapter, objectives")
    p.add_argument("--chapter", action=OneChapter, help=CHAPTER_HELP)

    p = add("sheet", cmd_sheet, "write a blank answer sheet for students to fill in")
    p.add_argument("--chapter", action=OneChapter, help=CHAPTER_HELP)
    p.add_argument("--student", help="make this student's variant (order of exercises and options); needs --seed")
    p.add_argument("--seed", help="seed of the variant; the same student and seed give the same sheet")
    p.add_argument("--bib", action="append", metavar="FILE", help=CITING_HELP)
    p.add_argument(
        "-o", "--output", "--out", type=written_name, metavar="FILE", help=f"{OUTPUT_HELP}; with --roster, a folder"
    )
    p.add_argument(
        "--roster",
        metavar="FILE",
        help="text file of student ids, one a line, or CSV file with a column of them (an LMS's export too): "
        "write each student's variant to FOLDER/ID.yaml (needs --seed and --out FOLDER)",
    )
    p.add_argument("--id-column", metavar="NAME", help=ID_COLUMN_HELP)
    p.add_argument(
        "--links",
        metavar="BASE_URL",
        help="with --roster, print each student's link to each chapter page of the web book at BASE_URL, "
        "showing their variant",
    )
    p.add_argument(
        "--force", action="store_true", help="replace FILE (or a roster's files) even if it holds something else"
    )

    p = add("key", cmd_key, "write the answer key as a filled answer sheet")
    p.add_argument("--chapter", action=OneChapter, help=CHAPTER_HELP)
    p.add_argument(
        "--student", help="the key of this student's variant (its order and letters, as its sheet); needs --seed"
    )
    p.add_argument("--seed", help="seed of the variant, as given to 'checks sheet'")
    p.add_argument("--format", choices=("json", "yaml"), default="yaml", help="file format (default yaml)")
    p.add_argument("--bib", action="append", metavar="FILE", help=CITING_HELP)
    p.add_argument("-o", "--output", "--out", type=written_name, metavar="FILE", help=OUTPUT_HELP)

    p = add("grade", cmd_grade, "grade answer sheets: per-exercise results and totals")
    p.add_argument("sheets", nargs="+", metavar="SHEET", help=SHEETS_HELP)
    p.add_argument("--chapter", action=OneChapter, help=GRADE_CHAPTER_HELP)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--feedback",
        action="store_true",
        help="under each exercise answered, the answer in the letters the book prints (a variant's sheet, in its "
        "own), the feedback a student sees in the web book and the explanation, as plain text",
    )
    # Only the feedback's texts cite works.
    p.add_argument("--bib", action="append", metavar="FILE", help=f"with --feedback, the {CITING_HELP}")

    shared(exports.add_parser(sub))
    shared(gradebook.add_parser(sub))

    p = add("schema", cmd_schema, "print the JSON Schema of banks or of answer sheets")
    p.add_argument("which", nargs="?", choices=("bank", "sheet"), default="bank", help="which schema (default bank)")
    p.add_argument("-o", "--output", "--out", type=written_name, metavar="FILE", help=OUTPUT_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with standard output closed: what is printed is noted, and told at the end
        sys.stdout = ClosedOutput()
    try:
        args = build_parser().parse_args(argv)  # --help and --version print through write_stdout (Parser)
        code: int = args.func(args)
        write_stdout()  # anything still buffered, while a failure to write it can be told
    except BankError as err:
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_INPUT
    except InputError as err:
        print_problems(err)
        return EXIT_INPUT
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        silence_stdout()  # the reader went away (e.g. `| head`): nothing more to say, and no traceback at exit
        return EXIT_READER_GONE
    except KeyboardInterrupt:
        print("interrupted; no output file was left half-written", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code
