"""Answer sheets: reading them, grading them against a book, and making blank ones and keys.

One format serves every path (the browser's download, a hand-filled file, the
class gradebook)::

    {"student": "…", "answers": {"<exercise id>": <response>, …}}

in JSON or YAML. The response shape for each kind is in :data:`RESPONSE_SHAPES`.
A sheet may answer any subset of the exercises; the rest score 0 as unanswered.
``answers`` must be there, but may be empty (``{}``, or ``answers:`` with nothing
under it): a sheet handed in empty, graded as all unanswered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import textwrap
import unicodedata
from collections.abc import Callable, Container, Hashable, Sequence
from dataclasses import dataclass, replace
from itertools import chain, compress, filterfalse, repeat
from operator import is_
from pathlib import Path
from typing import Any, TypeVar

import yaml

from checks import variants
from checks.copied_letters import CopiedLetters, letters_as_ids
from checks.fieldnames import bare_keys
from checks.grading import Result, grade
from checks.handwritten import any_may_be_quoted, is_empty, read_answer, unquoted
from checks.loading import Book
from checks.model import (
    AnyExercise,
    Bank,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from checks.numbers import exercise_numbers, numbered_stems, stems_listed
from checks.reading import UNREADABLE, Document, InputError, InputErrors, colon_fix, read_document, yaml_lines
from checks.suggest import FIELD_CUTOFF, closest, did_you_mean, hint, id_hint

MAX_SHEET_BYTES = 1_000_000
# The problems of a sheet listed one by one; the rest are counted. A sheet for another book, or graded against
# the wrong banks, may have an unknown id a line: the first screenful says what is wrong.
MAX_PROBLEMS = 20
# The name the browser writes when a student leaves theirs out: such sheets are never taken for one student's.
ANONYMOUS = "anonymous"
# The mappings whose keys are read without the whitespace around them: the fields, the exercise ids, the
# variant's fields and the chapters of the lettering.
SPACED_KEYS = ((), ("answers",), ("variant",), ("lettering",))
SHEET_FIELDS = ("student", "answers", "book", "submitted", "variant", "letters", "lettering", "chapters")
EXPECTED_FIELDS = f" (expected: {', '.join(SHEET_FIELDS)})"  # told of an unknown field that is no slip for one
VARIANT_FIELDS = ("student", "seed")
Variant = tuple[str, str]  # (student id, seed)
T = TypeVar("T")
BOOK_LETTERS = "book"  # the value of ``letters`` on a sheet answered with the letters the book prints
KEY_STUDENT = "answer key"  # the name on the key that `checks key` writes
# Why a sheet's letters are not those it was printed with (Sheet.relettered_by): the bank changed since; the
# sheet's variant (student or seed) is not the one it was printed for; or either, where the codes cannot tell.
BANK_CHANGED, VARIANT_CHANGED, EITHER = "bank", "variant", "either"

# How a sheet answered with letters (the book's, or a variant's) gives each kind.
LETTER_SHAPES: dict[str, tuple[str, str]] = {
    "single": ("one letter", "b"),
    "multiple": ("a list of letters", "[a, c]"),
    "truefalse": ("true or false", "false"),
    "text": ("a word or phrase", '"intravasation"'),
    "numeric": ("a number, or a number and a unit in quotes", '"36.7 pp"'),
    "ordering": ("a list of letters, first to last", "[c, a, d, b]"),
    "matching": ("a mapping of stem number (or id) to letter", "{1: b, 2: a}"),
}

RESPONSE_SHAPES: dict[str, tuple[str, str]] = {
    "single": ("one option id", "a"),
    "multiple": ("a list of option ids", "[a, c]"),
    "truefalse": ("true or false", "false"),
    "text": ("a word or phrase", '"intravasation"'),
    "numeric": ("a number, or a number and a unit in quotes", '"36.7 pp"'),
    "ordering": ("a list of item ids, first to last", "[invasion, intravasation, arrest]"),
    "matching": ("a mapping of stem id (or number) to option id", "{prostate: bone, colorectal: liver}"),
}


@dataclass(frozen=True)
class Sheet:
    """A student's answers, as read from a file."""

    path: Path
    student: str
    answers: dict[str, Any]
    variant: Variant | None = None
    submitted: dt.datetime | None = None  # when the sheet was handed in (UTC when the sheet gives no zone)
    relettered: tuple[str, ...] = ()  # chapters answered whose letters are not those the sheet was printed with
    relettered_by: str | None = None  # why, as the codes tell it: BANK_CHANGED, VARIANT_CHANGED or EITHER
    lettered: bool = False  # answered in the book's letters ('letters: book')
    chapters: tuple[str, ...] = ()  # the chapters the sheet is for ('chapters:'), in book order; () for the whole book
    # On a sheet that says nothing of its letters: the exercises answered with option ids that are letters the
    # book prints beside other options (see letters_as_ids).
    letters_as_ids: tuple[str, ...] = ()
    # On a sheet in letters, the answers as it writes them, before its letters are read as ids (None: the
    # answers are as written): what a student is shown of their answers.
    written: dict[str, Any] | None = None

    @property
    def silent_on_letters(self) -> bool:
        """Whether the sheet says nothing of its letters: then it is read in ids, and its answers are checked for
        letters copied from the printed book (:attr:`letters_as_ids`)."""
        return _silent_on_letters(self.variant, self.lettered, self.submitted)

    def as_written(self, exercise_id: str) -> Any:
        """The answer to an exercise as the sheet writes it: in its letters, if it answers in letters."""
        return (self.answers if self.written is None else self.written).get(exercise_id)


@dataclass(frozen=True)
class SheetResult:
    """Every exercise of the book graded for one sheet."""

    sheet: Sheet
    results: tuple[tuple[Bank, Result], ...]

    @property
    def score(self) -> float:
        return sum(r.score for _, r in self.results)

    @property
    def max_score(self) -> float:
        return sum(r.max_score for _, r in self.results)

    def by_chapter(self) -> dict[str, tuple[float, float]]:
        totals: dict[str, tuple[float, float]] = {}
        for bank, result in self.results:
            score, most = totals.get(bank.chapter, (0.0, 0.0))
            totals[bank.chapter] = (score + result.score, most + result.max_score)
        return totals


class _Names:
    """The names a sheet's keys may have: its fields, a variant's, the book's chapters, exercise ids and matching
    stems (by id or by number). Asked only for a message, where a line that begins with one is an answer without its
    colon, not the next line of the text above it (see :mod:`checks.continuation`)."""

    def __init__(self, book: Book) -> None:
        self.book = book

    @functools.cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(s.id for _, ex in self.book.exercises() if isinstance(ex, Matching) for s in ex.stems)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        bare = name.lower()
        return (
            bare in SHEET_FIELDS
            or bare in VARIANT_FIELDS
            or name in self.book.ids
            or name in self.book.chapter_ids  # a key of 'lettering'
            or bare in self.stems
            or bare.strip("().").isdigit()
        )

    def under(self, parent: str | None) -> Container[str]:
        """The names a key of the mapping under ``parent`` may have: a stem's id only in an exercise's answer."""
        return _Scope(self, stems=parent is not None and parent in self.book.ids)


class _Scope:
    """The names of a sheet's keys in one mapping: a matching stem's id or number, in an exercise's answer, or any
    other."""

    def __init__(self, names: _Names, *, stems: bool) -> None:
        self.names, self.stems = names, stems

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if self.stems:
            return name.lower() in self.names.stems or name.strip("().").isdigit()
        return name in self.names and name.lower() not in self.names.stems


def read_sheet(path: Path, book: Book, *, check_letters: bool = True) -> Sheet:
    """Read and check one answer sheet; raise :class:`InputError` naming every problem found.

    A problem with a field of a YAML sheet names the line of that field, so that it can be
    found on a sheet of a hundred lines (JSON keeps no lines). Every problem one reading finds is told, in
    line order (:attr:`~checks.reading.InputError.problems`), so that a sheet is put right in one round: each
    unknown field and exercise id, each field that is wrong, each value YAML cannot read and each key written
    twice. A file that cannot be read as YAML or JSON, or that is no mapping, has that one problem. The sheet is
    refused whole whatever its problems: none of it is graded. Without ``check_letters``,
    :attr:`Sheet.letters_as_ids` is left empty, for a caller that checks a class's sheets itself
    (:meth:`BookGrader.letters_as_ids`). A sheet refused once it was read carries its student, where
    that can be told (``InputError.student``): the gradebook's roster then knows who handed it in.
    """
    # A space a word processor typed beside a field name or an exercise id (student\u00a0:) is no part of it.
    # Any type of file: one named other than .json, .yaml or .yml comes here only when it holds a sheet
    # (checks.files.holds_sheet), or is not there at all.
    read = read_document(path, max_bytes=MAX_SHEET_BYTES, keep_going=True, fields=_Names(book), suffixes=None)
    doc = bare_keys(read, SPACED_KEYS)
    try:
        return _checked(path, book, doc, check_letters)
    except InputError as err:
        err.student = _whose(doc)
        raise


def _whose(doc: Document) -> str | None:
    """The student of a sheet that was read but refused, as a sheet that is graded gives it, where its ``student``
    can stand as a name or id; a number YAML read without quotes, as written (``0123``, not 83). Else None: a
    file's name is the student's to choose, or the web book's, and says nothing."""
    data = doc.data
    student = data.get("student") if isinstance(data, dict) else None
    if isinstance(student, int | float | bool | dt.date):
        student = doc.written("student")
    if not isinstance(student, str) or student_problem(student) or student_problem(normalised_student(student)):
        return None
    return normalised_student(student)


def _checked(path: Path, book: Book, doc: Document, check_letters: bool) -> Sheet:
    """The sheet ``doc`` holds, checked against ``book``; see :func:`read_sheet`."""
    data = doc.data
    reshaped = [problem for problem in doc.problems if problem.reshaped]
    if reshaped:
        # An alias or a merge key left out, told as a slip of YAML's syntax is, alone: the fields "missing" and the
        # like would follow from it, not from the sheet, and a sheet of aliases (a "billion laughs") has one a line.
        raise min(reshaped, key=lambda problem: problem.line or 0)
    if not isinstance(data, dict):
        mapping = "an answer sheet must be a mapping with 'student' and 'answers'"
        raise _refused(path, [*doc.problems, InputError(path, mapping)])
    if "chapter" in data and "exercises" in data:  # told of its 'chapter' field, it would be sent to rename it
        raise InputError(
            path, "an exercise bank, not an answer sheet: name the banks with --banks, and grade the students' sheets"
        )
    found = _Problems(doc)

    def at(*loc: Any) -> int | None:
        return doc.key_lines.get(loc)

    slips: set[str | None] = set()  # the fields that unknown ones were meant for: not told missing as well
    for key in data:
        if key not in SHEET_FIELDS:  # a slip is told what was meant; anything else, which fields there are
            meant = closest(str(key), SHEET_FIELDS, FIELD_CUTOFF)
            slips.add(meant)
            found.add(f"unknown field {str(key)!r}{hint(meant) or EXPECTED_FIELDS}", at(key))
    if "student" not in data:  # as 'answers': a sheet must say whose it is
        if "student" not in slips:
            found.add("'student' is missing: write the student's name or id")
    elif not _unread(data["student"]):
        problem = _student_field(doc, data["student"])
        if problem:
            found.add(problem, at("student"))
    answers = _answers(doc, found, "answers" in slips)
    if not answers.keys() <= book.ids:  # one set operation for the usual sheet; the loop names each culprit
        banks = [[ex.id for ex in bank.exercises] for bank in book.banks]
        unknown = 0
        for key in answers:
            if not isinstance(key, str):
                found.add(f"exercise id {key!r} must be text", at("answers", key))
            elif book.find(key) is None:
                unknown += 1
                # The id meant is looked for only among the ids that can be listed (see _refused): a sheet of
                # another book may have thousands.
                meant = id_hint(key, banks) if unknown <= MAX_PROBLEMS else ""
                found.add(f"unknown exercise id {key!r}{meant}", at("answers", key))
    variant = found.checked(_variant, "variant", None)
    lettered = found.checked(_book_letters, "letters", False)
    if variant and lettered:
        found.add("a sheet has either 'variant' or 'letters', not both", at("letters"))
    # Whether the sheet has either field, read or not: a 'lettering' beside one that is wrong is told nothing more.
    in_letters = data.get("variant") is not None or data.get("letters") is not None
    found.checked(_lettering, "lettering", None, in_letters)
    submitted = found.checked(_submitted, "submitted", None)
    chapters = _chapters(doc, book, found)
    if found.problems:
        raise _refused(path, found.problems)
    answers = _given(answers)
    as_given = answers if variant or lettered else None
    if variant or lettered:
        # Letters are read here, every one; a sheet in ids is read as written, and BookGrader
        # reads a hand's way of writing an id only where the answer is out of shape.
        exercises = {k: book.find(k)[1] for k in answers}  # type: ignore[index]
        answers = {
            k: read_answer(exercises[k], v, variants.sheet_letters(exercises[k], variant)) for k, v in answers.items()
        }
    relettered, why = _relettered(data.get("lettering"), variant, book, answers)
    student = normalised_student(data["student"])
    as_ids = letters_as_ids(answers, book) if check_letters and _silent_on_letters(variant, lettered, submitted) else ()
    return Sheet(
        path, student, dict(answers), variant, submitted, relettered, why, lettered, chapters, as_ids, as_given
    )


class _Problems:
    """The problems found on one sheet, as they are found, each at the line of what it is about."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[InputError] = list(doc.problems)  # values YAML could not read, keys written twice

    def add(self, problem: str, line: int | None = None) -> None:
        self.problems.append(InputError(self.doc.path, problem, line))

    def checked(self, read: Callable[..., T], field: str, fallback: T, *args: Any) -> T:
        """``read(path, value, *args)`` of the top-level ``field``; a problem it raises told at the field's line,
        and ``fallback`` returned in place of the value. A value that YAML could not read is told already."""
        value = self.doc.data.get(field)
        if _unread(value):
            return fallback
        try:
            return read(self.doc.path, value, *args)
        except InputError as err:
            self.add(err.problem, self.doc.key_lines.get((field,)))
            return fallback


def _refused(path: Path, problems: Sequence[InputError]) -> InputError:
    """The error that refuses a sheet: its problems in line order (those of the whole sheet, without a line,
    first; those of one line in the order found), the first :data:`MAX_PROBLEMS` of them and a count of the rest."""
    ordered = sorted(problems, key=lambda problem: problem.line or 0)
    if len(ordered) > MAX_PROBLEMS:
        rest, line = len(ordered) - MAX_PROBLEMS, ordered[MAX_PROBLEMS].line
        count = f"and {rest:,} more problem(s){' from this line on' if line else ''}, not listed"
        ordered = [*ordered[:MAX_PROBLEMS], InputError(path, count, line)]
    return ordered[0] if len(ordered) == 1 else InputErrors(ordered)


def _unread(value: Any) -> bool:
    """Whether ``value`` is, or holds, a value YAML could not read, whose problem is told already."""
    if value is UNREADABLE:
        return True
    if isinstance(value, dict):
        return any(map(_unread, value.values()))
    if isinstance(value, list):
        return any(map(_unread, value))
    return False


def _student_field(doc: Document, student: Any) -> str | None:
    """What is wrong with the sheet's ``student``, or None."""
    if isinstance(student, int | float | bool | dt.date):
        # Unquoted, YAML reads an id as a number and may change it (0123 is octal, 83), and reads
        # "No" as false and "2026-01-01" as a date: ask for quotes around the text as written.
        what = "name" if isinstance(student, bool | dt.date) else "id"
        written = doc.written("student") or str(student)
        key = '"student"' if doc.path.suffix.lower() == ".json" else "student"  # the fix as the format writes it
        return f"'student' must be text: put the {what} in quotes ({key}: {_quoted(written)})"
    if not isinstance(student, str):
        return "'student' must be a non-empty name or id"
    # Checked as written (a line break is refused, not collapsed) and as read (“” is no name).
    problem = student_problem(student) or student_problem(normalised_student(student))
    return f"'student' {problem}" if problem else None


def _answers(doc: Document, found: _Problems, misspelt: bool) -> dict[Any, Any]:
    """The sheet's answers as a mapping of exercise id to answer; empty, with its problem told, where they are
    missing (unless under a ``misspelt`` name, told already) or not a mapping."""
    if "answers" not in doc.data:  # a sheet handed in empty still says so, with 'answers:' and nothing under it
        if not misspelt:
            found.add("'answers' is missing: write 'answers:' (with nothing under it, for a sheet left empty)")
        return {}
    answers = doc.data["answers"]
    if answers is None:  # nothing under 'answers:': a sheet handed in empty
        return {}
    if answers is UNREADABLE:  # told already
        return {}
    if not isinstance(answers, dict):
        found.problems.append(_not_a_mapping(doc, answers))
        return {}
    return answers


def _silent_on_letters(variant: Variant | None, lettered: bool, submitted: dt.datetime | None) -> bool:
    """Whether a sheet says nothing of its letters: a download from the web book ('submitted') is in ids by
    design; a sheet in letters, the book's or a variant's, says so."""
    return not (variant or lettered or submitted)


def _not_a_mapping(doc: Document, answers: Any) -> InputError:
    """'answers' that is not a mapping; written ``id:value`` (``c3-next-step:b``), YAML reads the lines as text."""
    problem = "'answers' must be a mapping of exercise id to answer"
    line = doc.lines.get(("answers",))
    lines = yaml_lines(doc.text) if isinstance(answers, str) and line else []
    if line and len(lines) >= line:
        fix = colon_fix(lines[line - 1])
        if fix:
            return InputError(doc.path, f"{problem}: {fix}", line)
    return InputError(doc.path, problem, doc.key_lines.get(("answers",)))


def _given(answers: dict[Any, Any]) -> dict[Any, Any]:
    """The answers a sheet gives: an empty one ("" or spaces, [] or {}, a matching with every stem blank, or “” as a
    word processor types "") is none, as a blank left on paper."""
    values = answers.values()
    # The usual sheet is looked through in C: an empty answer is false, as few others are (false, 0); a matching's
    # stems, gathered, hold null or "" where one is left blank (its answer is blank when every stem is); then for
    # text of spaces or in curly quotes (“”), answers' and stems', in one cheap pass each.
    falsy = list(filterfalse(None, values))
    stems = list(chain.from_iterable(map(dict.values, compress(values, map(is_, map(type, values), repeat(dict))))))
    if not (
        (falsy and ("" in falsy or [] in falsy or {} in falsy))
        or None in stems
        or "" in stems
        or any_may_be_quoted(values)
        or any_may_be_quoted(stems)  # a stem of spaces, or of empty curly quotes
    ):
        return answers
    return {k: v for k, v in answers.items() if not is_empty(v)}


def student_problem(name: str) -> str | None:
    """Why a name or id cannot stand as a sheet's ``student``, or None when it can."""
    if not name.strip():
        return "must be a non-empty name or id"
    if len(name) > 200:
        return "is longer than 200 characters"
    # Printable text holds none of these (the usual name, told in C); other text is looked through.
    if not name.isprintable() and any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name.strip()):
        # A line break or terminal escape in a name would forge lines in `checks grade`'s report.
        return "must be one line of text, without control characters"
    return None


def normalised_student(name: str) -> str:
    """One spelling for one name: composed accents, single spaces, without the curly quotes a word processor
    may have typed around it (gradebook rows also ignore case)."""
    return " ".join(unicodedata.normalize("NFC", unquoted(name)).split())


def student_order(name: str) -> tuple[str, str]:
    """The key people are listed by: as a reader expects, ignoring case and accents ("émile" comes
    between "Dupont" and "Fabre", not after "Zoe"), then by spelling, so that equal keys still sort one way."""
    if name.isascii():  # the usual id or name, which has no accents to drop
        return name.casefold(), name
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bare.casefold(), name


def _book_letters(path: Path, value: Any) -> bool:
    if value is None:
        return False
    if value != BOOK_LETTERS:
        raise InputError(path, f"'letters' must be {BOOK_LETTERS!r} (answers use the letters the book prints)")
    return True


def lettering(book: Book, variant: Variant | None = None) -> dict[str, str]:
    """Each chapter's :func:`~checks.variants.lettering_code`, as a sheet in the book's letters carries it,
    or with ``variant``, as that variant's sheet does."""
    return {bank.chapter: variants.lettering_code(bank.exercises, variant) for bank in book.banks}


def _lettering(path: Path, value: Any, in_letters: bool) -> None:
    """Check a sheet's ``lettering``: the codes printed on a sheet in letters, the book's or a variant's."""
    if value is None:
        return
    if not in_letters:
        raise InputError(path, f"'lettering' goes with 'letters: {BOOK_LETTERS}' or 'variant' (leave them as printed)")
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise InputError(path, "'lettering' must be the mapping of chapter to code printed on the sheet")


def _relettered(
    value: Any, variant: Variant | None, book: Book, answers: dict[str, Any]
) -> tuple[tuple[str, ...], str | None]:
    """The chapters the sheet answers whose letters are not those it was printed with (see :func:`lettering`),
    given its checked ``lettering`` (see :func:`_lettering`): the book's on a sheet in the book's letters, the
    variant's on a variant's sheet; and why (see :func:`_why`)."""
    if value is None:
        return (), None
    answered = {found[0].chapter for key, v in answers.items() if v is not None and (found := book.find(key))}
    now = {bank.chapter: bank for bank in book.banks}
    # A code YAML would misread is printed in quotes, which a word processor makes curly (‘0123’).
    printed = {unquoted(chapter): unquoted(code) for chapter, code in value.items() if unquoted(chapter) in now}
    fits = {
        chapter: variants.lettering_code(now[chapter].exercises, variant) == code for chapter, code in printed.items()
    }
    changed = tuple(chapter for chapter, fit in fits.items() if chapter in answered and not fit)
    return changed, (_why(fits, variant, now) if changed else None)


def _why(fits: dict[str, bool], variant: Variant | None, now: dict[str, Bank]) -> str:
    """Why a sheet's letters are not those it was printed with, given whether each chapter's printed code fits.

    The book's letters change only with the bank. A variant's change with the bank too, or, in every chapter
    at once, with the student or seed on the sheet. So a chapter whose code still fits shows that the variant
    is the one printed, and the bank changed; none fitting, of two chapters or more, shows that the variant
    changed, as a bank seldom changes in every chapter. Only chapters with options enough count
    (:func:`~checks.variants.tells_variants`): another variant may letter a small one alike by chance.
    """
    if variant is None:
        return BANK_CHANGED
    telling = [fit for chapter, fit in fits.items() if variants.tells_variants(now[chapter].exercises)]
    if any(telling):
        return BANK_CHANGED
    return VARIANT_CHANGED if len(telling) >= 2 else EITHER


def _lettering_lines(book: Book, variant: Variant | None = None) -> list[str]:
    return [
        "# The edition of these letters, so that grading notices a sheet printed before they changed:",
        "# leave it as printed.",
        "lettering:",
        *(f"  {_scalar(chapter)}: {_scalar(code)}" for chapter, code in lettering(book, variant).items()),
    ]


def _chapters(doc: Document, book: Book, found: _Problems) -> tuple[str, ...]:
    """The chapters a sheet says it is for (``chapters:``, as a chapter's blank sheet and key carry it), in book
    order; empty for a sheet without the field, which is for the whole book. Each problem is told to ``found``."""
    value = doc.data.get("chapters")
    if value is None or _unread(value):
        return ()
    names = list(book.chapter_ids)
    if not isinstance(value, list) or not value or not all(isinstance(chapter, str) for chapter in value):
        found.add(f"'chapters' must be a list of chapter names, such as [{names[0]}]", doc.key_lines.get(("chapters",)))
        return ()
    for i, chapter in enumerate(value):
        if chapter not in names:
            meant = did_you_mean(chapter, names) or f" (chapters: {', '.join(names)})"
            found.add(f"unknown chapter {chapter!r} in 'chapters'{meant}", doc.lines.get(("chapters", i)))
    return tuple(name for name in names if name in value)


def _chapters_lines(chapters: Sequence[str]) -> list[str]:
    """The line naming the chapters a chapter's sheet or key is for (none for the whole book), with its comment."""
    if not chapters:
        return []
    return [
        "# The chapters this sheet is for, graded out of their points alone: leave it as printed.",
        f"chapters: [{', '.join(_scalar(chapter) for chapter in chapters)}]",
    ]


def _submitted(path: Path, value: Any) -> dt.datetime | None:
    """The time a sheet was handed in: ISO 8601 text (as the browser writes it), or a YAML date or timestamp."""
    if value is None:
        return None
    when: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        when = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a time: refused below
            when = dt.datetime.fromisoformat(value.strip())
    try:
        if when is not None:  # in UTC, so that any two sheets compare (a zone may push year 1 out of range)
            return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    except OverflowError:
        pass
    raise InputError(path, "'submitted' must be a date and time such as 2026-12-01T09:30:00Z")


def _variant(path: Path, value: Any) -> Variant | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != set(VARIANT_FIELDS):
        raise InputError(path, "'variant' must be a mapping with 'student' and 'seed'")
    student, seed = value["student"], value["seed"]
    if not isinstance(student, str) or isinstance(seed, bool) or not isinstance(seed, str | int):
        raise InputError(path, "'variant' student must be text and seed text or a whole number")
    # Read as the sheet's 'student' is, and as `checks sheet --student` wrote it: one spelling of a name (accents
    # composed, single spaces, no curly quotes), or a sheet saved by an editor that decomposes accents would get
    # another student's letters.
    return normalised_student(student), unquoted(str(seed))


def answered_chapters(sheet: Sheet, book: Book) -> tuple[str, ...]:
    """The chapters of ``book`` that the sheet answers, in book order (a blank, ``null``, is no answer)."""
    answered = {found[0].chapter for key, v in sheet.answers.items() if v is not None and (found := book.find(key))}
    return tuple(chapter for chapter in book.chapter_ids if chapter in answered)


def chapter_names(chapters: Sequence[str]) -> str:
    """Chapters as messages name them: "chapter 03-how-cancer-spreads", "chapters 03-…, 04-diagnosis"."""
    return f"chapter{'s' if len(chapters) > 1 else ''} {', '.join(chapters)}"


def answers_outside(sheet: Sheet, book: Book) -> list[str]:
    """The exercises the sheet answers that ``book`` (one chapter of the book the sheet was read against) lacks.

    A blank left on a whole-book sheet (``null``) is no answer, and is not counted.
    """
    if sheet.answers.keys() <= book.ids:  # the usual sheet, in one set operation
        return []
    return [k for k, v in sheet.answers.items() if k not in book.ids and v is not None]


BOOK_LETTERS_HINT = "if these are the letters the book prints, the sheet needs the line 'letters: book'"


def _in_book_letters(ex: AnyExercise, response: Any) -> bool:
    """Whether an answer that is out of shape in ids would be in shape in the book's letters.

    A lettered sheet's letters are read before grading, so such an answer comes from a sheet in ids
    (often a blank sheet whose ``letters`` line was lost): the message says what would fix it.
    """
    table = variants.book_letters(ex)
    return bool(table) and grade(ex, read_answer(ex, response, table)).status != "invalid"


def grade_sheet(sheet: Sheet, book: Book) -> SheetResult:
    """Grade a sheet against every exercise of the book."""
    return BookGrader(book).grade(sheet)


class BookGrader:
    """Grades many sheets against one book.

    Results are immutable and depend only on the exercise and the response, so
    a class's repeated answers (most students pick the same few options) are
    graded once and the result is shared.
    """

    MAX_REMEMBERED = 200_000

    def __init__(self, book: Book) -> None:
        self.book = book
        self._exercises = list(book.exercises())
        self._ids = [ex.id for _, ex in self._exercises]
        # One memory per exercise, keyed by the response itself (text) or a hashable stand-in.
        self._seen: list[dict[Hashable, Result]] = [{} for _ in self._exercises]
        self._remembered = 0
        self._copied: CopiedLetters | None = None  # made when first asked: grading one sheet needs none

    def results(self, sheet: Sheet) -> tuple[Result, ...]:
        """The result of every exercise of the book for this sheet, in book order."""
        return self.results_of(self.responses(sheet))

    def responses(self, sheet: Sheet) -> tuple[Any, ...]:
        """The sheet's response to every exercise of the book, in book order (None where unanswered)."""
        return tuple(map(sheet.answers.get, self._ids))

    @staticmethod
    def keys(responses: tuple[Any, ...]) -> list[Hashable | None]:
        """What each response is remembered by: itself (text) or a hashable stand-in (see :func:`_frozen`)."""
        # Text, the commonest answer, is its own key; a blank, true and false, the next commonest, have a stand-in
        # each, given without a call.
        frozen = _frozen
        return [
            r if type(r) is str else _NONE if r is None else _TRUE if r is True else _FALSE if r is False else frozen(r)
            for r in responses
        ]

    def results_of(
        self, responses: tuple[Any, ...], keys: Sequence[Hashable | None] | None = None
    ) -> tuple[Result, ...]:
        """The result of each response, given one per exercise in book order, with their :meth:`keys` if
        worked out already."""
        if keys is None:
            keys = self.keys(responses)
        try:
            # The usual case, with every key remembered, runs as one C-level pass.
            found = list(map(dict.get, self._seen, keys))
        except TypeError:  # a key holding something unhashable: looked up one by one below
            found = [None] * len(keys)
        if not all(found):  # a missing result (a Result itself is always true, tested without calling __eq__)
            for i in compress(range(len(found)), map(is_, found, repeat(None))):  # the missing ones, picked in C
                found[i] = self._grade(i, responses[i], keys[i])
        return tuple(found)  # type: ignore[arg-type]

    def letters_as_ids(self, responses: tuple[Any, ...], keys: Sequence[Hashable | None]) -> tuple[str, ...]:
        """:attr:`Sheet.letters_as_ids` for the exercises of the book, given a sheet's :meth:`responses` and their
        :meth:`keys`: each distinct answer is tested once, as it is graded once."""
        if self._copied is None:
            self._copied = CopiedLetters([ex for _, ex in self._exercises])
        return self._copied.of(responses, keys)

    def _grade(self, i: int, response: Any, key: Hashable | None) -> Result:
        seen = self._seen[i]
        try:
            result = seen.get(key) if key is not None else None
        except TypeError:  # unhashable contents: graded, not remembered
            key, result = None, None
        if result is None:
            ex = self._exercises[i][1]
            result = grade(ex, response)
            if result.status == "invalid":
                # A sheet answered by hand in ids may say (B) for the option b, "a, c" for a list or
                # "yes" for true. Read only when the answer is out of shape, so the usual sheet pays nothing.
                read = read_in_ids(ex, response)
                if read != response:
                    result = grade(ex, read)
                if result.status == "invalid" and isinstance(ex, Matching):  # its stems by number too
                    result = replace(result, message=f"expected {_stems_taken(ex, 'option id')})")
                if result.status == "invalid" and _in_book_letters(ex, response):
                    result = replace(result, message=f"{result.message} ({BOOK_LETTERS_HINT})")
            if key is not None and self._remembered < self.MAX_REMEMBERED:
                seen[key] = result
                self._remembered += 1
        return result

    def grade(self, sheet: Sheet) -> SheetResult:
        results = self.results(sheet)
        if sheet.variant or sheet.lettered:
            results = tuple(
                _in_letters(ex, result, sheet) if result.status == "invalid" else result
                for (_, ex), result in zip(self._exercises, results, strict=True)
            )
        banks = (bank for bank, _ in self._exercises)
        return SheetResult(sheet, tuple(zip(banks, results, strict=True)))


def _in_letters(ex: AnyExercise, result: Result, sheet: Sheet) -> Result:
    """An invalid answer on a sheet answered in letters, its message naming the letters that sheet prints,
    not the option ids that the student never saw (``expected one letter: a, b, c, d``)."""
    shown = ", ".join(variants.sheet_letters(ex, sheet.variant))
    if isinstance(ex, SingleChoice):
        expected = f"one letter: {shown}"
    elif isinstance(ex, MultipleSelect):
        expected = f"a list of distinct letters from: {shown}"
    elif isinstance(ex, Ordering):
        expected = f"a list of distinct letters, first to last, from: {shown}"
    elif isinstance(ex, Matching):
        expected = f"{_stems_taken(ex, 'letter')}; letters: {shown})"
    else:  # true/false, text and numbers are written alike on every sheet
        return result
    return replace(result, message=f"expected {expected}")


def _stems_taken(ex: Matching, to: str) -> str:
    """What a matching answer takes, the stems named as a sheet may write them, with the parenthesis left open for
    more: "a mapping of stem number or id to letter (stems: 1 prostate, 2 colorectal"."""
    return f"a mapping of stem number or id to {to} (stems: {stems_listed(ex)}"


def read_in_ids(ex: AnyExercise, response: Any) -> Any:
    """An answer on a sheet in ids as a hand means it ("(Bone)" is bone, "yes" is true): how the grader
    reads one out of shape, and how the gradebook tells two spellings of one answer apart from two answers."""
    return read_answer(ex, response, variants.own_ids(ex))


_NONE, _TRUE, _FALSE = (type(None), None), (bool, True), (bool, False)  # as _frozen gives them


def _frozen(value: Any) -> Hashable | None:
    """A stand-in for a non-text response, equal only for responses that grade alike, or None.

    Lists and mappings of text are told apart exactly; a mapping is taken in its order, which is cheaper to hash
    and compare than as a set, so that two mappings equal but for their order are remembered apart (and graded
    alike). Other contents carry their types, since Python takes ``1``, ``1.0`` and ``True`` for equal and a sheet
    does not: ``{1: b}`` names a matching exercise's first stem by its number, ``{true: b}`` names no stem.
    Contents that cannot be hashed make the lookup raise TypeError.
    """
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float:
        return (kind, value)
    if kind is list:
        if all(type(v) is str for v in value):
            return (list, *value)
        return (list, None, *((type(v), v) for v in value))
    if kind is dict:
        if all(type(k) is str and type(v) is str for k, v in value.items()):
            return (dict, *value.items())
        return (dict, None, *((type(k), k, type(v), v) for k, v in value.items()))
    return None


def key_response(ex: AnyExercise) -> Any:
    """The reference answer to an exercise, in the answer-sheet shape."""
    if isinstance(ex, SingleChoice):
        return next(iter(ex.correct_ids))
    if isinstance(ex, MultipleSelect):
        return [o.id for o in ex.options if o.correct]
    if isinstance(ex, TrueFalse):
        return ex.answer
    if isinstance(ex, ShortText):
        return ex.accept[0]
    if isinstance(ex, Numeric):
        return ex.value
    if isinstance(ex, Ordering):
        return [i.id for i in ex.items]
    assert isinstance(ex, Matching)
    return {s.id: s.answer for s in ex.stems}


def book_key_response(ex: AnyExercise, variant: Variant | None = None) -> Any:
    """The reference answer as a paper sheet gives it: options, items and matching options by the book's letters,
    or with ``variant`` (student id, seed) by the letters of that student's sheet."""
    letter_of = {id_: letter for letter, id_ in variants.sheet_letters(ex, variant).items()}
    key = key_response(ex)
    if not letter_of:
        return key
    if isinstance(ex, MultipleSelect):  # a set of choices: read in the order of the page
        return sorted(letter_of[k] for k in key)
    if isinstance(key, list):
        return [letter_of[k] for k in key]
    if isinstance(key, dict):
        return {stem: letter_of[option] for stem, option in key.items()}
    return letter_of[key]


def _in_order(book: Book, variant: Variant | None) -> list[tuple[Bank, AnyExercise]]:
    """The exercises as a sheet lists them: in book order, or in ``variant``'s."""
    items = list(book.exercises())
    return variants.exercise_order(items, *variant) if variant else items


def answer_key(book: Book, chapters: Sequence[str] = (), variant: Variant | None = None) -> dict[str, Any]:
    """The answer key as a filled answer sheet in the book's letters, or with ``variant`` in the order and
    letters of that student's sheet; grading it gives full marks.

    A key for some chapters names them (``chapters``), so that it is graded on them alone.
    """
    answers = {ex.id: book_key_response(ex, variant) for _, ex in _in_order(book, variant)}
    key: dict[str, Any] = {"student": KEY_STUDENT}
    if variant:
        key["variant"] = {"student": variant[0], "seed": variant[1]}
    else:
        key["letters"] = BOOK_LETTERS
    key["lettering"] = lettering(book, variant)
    if chapters:
        key["chapters"] = list(chapters)
    return {**key, "answers": answers}


def key_yaml(book: Book, title: str, chapters: Sequence[str] = (), variant: Variant | None = None) -> str:
    """:func:`answer_key` as YAML, with the text the sheet prints beside each letter in a comment.

    An instructor marking paper sheets reads the letters students see, and can
    check each against its text at a glance; the file still grades as a sheet.
    With ``variant``, the key lists the exercises and letters as that student's sheet does.
    """
    out = [f"# Answer key: {title}"]
    if variant:
        out += [
            f"# The variant of student {_quoted(variant[0])}, seed {_quoted(variant[1])}, in the order of that sheet.",
            "# Choice, ordering and matching answers are the letters that sheet prints, each with its text.",
            f"student: {_scalar(KEY_STUDENT)}",
            f"variant: {{student: {_quoted(variant[0])}, seed: {_quoted(variant[1])}}}",
        ]
    else:
        out += [
            "# Choice, ordering and matching answers are the letters the book prints, each with its text.",
            f"student: {_scalar(KEY_STUDENT)}",
            f"letters: {BOOK_LETTERS}",
        ]
    out += [*_lettering_lines(book, variant), *_chapters_lines(chapters), "answers:"]
    numbers = exercise_numbers(book)
    for _, ex in _in_order(book, variant):
        if ex.id in numbers:  # the number the book prints, so that the key is read beside the page
            out.append(f"  # Exercise {numbers[ex.id]}")
        out.extend(_key_lines(ex, variant))
    return "\n".join(out) + "\n"


def _plain(text: str, *, inline: bool = False) -> str:
    """A text as it reads on the page, for a sheet's comments (see :func:`checks.exports.markup.readable`)."""
    # Imported here: the exports load with the markup, and most commands need neither.
    from checks.exports.markup import readable

    return readable(text, inline=inline)


def _key_lines(ex: AnyExercise, variant: Variant | None = None) -> list[str]:
    options = {o.id: o for o in getattr(ex, "options", ()) or getattr(ex, "items", ())}
    texts = {  # as on the blank sheet: texts as they read on the page
        letter: " ".join((o.text if isinstance(ex, Matching) else _plain(o.text, inline=True)).split())
        for letter, o in ((letter, options[id_]) for letter, id_ in variants.sheet_letters(ex, variant).items())
    }

    def noted(letter: Any) -> str:
        return f"{_scalar(letter)}  # {texts[letter]}" if letter in texts else _scalar(letter)

    answer = book_key_response(ex, variant)
    if isinstance(answer, list):
        return [f"  {_scalar(ex.id)}:", *(f"    - {noted(a)}" for a in answer)]
    if isinstance(answer, dict):  # a matching answer, each stem with the number the book prints before it
        assert isinstance(ex, Matching)
        number = {stem.id: n for n, stem in numbered_stems(ex)}
        return [
            f"  {_scalar(ex.id)}:",
            *(f"    {_scalar(stem)}: {_scalar(a)}  # (stem {number[stem]}) {texts[a]}" for stem, a in answer.items()),
        ]
    return [f"  {_scalar(ex.id)}: {noted(answer)}"]


def _scalar(value: Any) -> str:
    """One value as YAML writes it, quoted only where it must be (a stem id 'no' would read as false)."""
    return yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=2**31)[1:-2]


def blank_sheet(book: Book, title: str, variant: Variant | None = None, chapters: Sequence[str] = ()) -> str:
    """A YAML answer sheet to fill in, with prompts and options as comments.

    Options, items to order and matching options are listed in the book's
    order with the book's letters, and the sheet says so (``letters: book``), so
    a student may answer from the printed page. With a ``variant`` (student id,
    seed) the exercises and options come in that student's order, lettered
    A, B, C …, and the sheet records the variant so grading maps the letters back. Either way the sheet
    carries a code for its letters (``lettering``), so that grading warns when they have changed since.
    A sheet for some chapters names them (``chapters``), so that it is graded on them alone.
    """
    out = [f"# Answer sheet: {title}"]
    if variant:
        out += [
            "# Answer with the letters printed here (A, B, C ...); answer shapes by kind:",
            *(f"#   {kind:<9} {shape}" for kind, (shape, _) in LETTER_SHAPES.items()),
            f"student: {_quoted(variant[0])}",
            f"variant: {{student: {_quoted(variant[0])}, seed: {_quoted(variant[1])}}}",
            *_lettering_lines(book, variant),
        ]
    else:
        out += [
            "# Write your name or student id between the quotes after 'student:' (student: \"Dan Wu\"),",
            "# then each answer after its exercise id, with a space after the colon. Leave an",
            "# answer empty to skip it. Options are lettered as in the book, so you may answer",
            "# from the printed page. Answer shapes by kind:",
            *(f"#   {kind:<9} {shape} (e.g. {example})" for kind, (shape, example) in LETTER_SHAPES.items()),
            'student: ""',
            f"letters: {BOOK_LETTERS}",
            *_lettering_lines(book),
        ]
    out += _chapters_lines(chapters)
    out.append("answers:")
    numbers = exercise_numbers(book)
    for bank, ex in _in_order(book, variant):
        out.append("")
        # The number the book prints ("Exercise 3.1"), so that a student answering from the page finds the id; it
        # names the chapter too. A chapter without a number is named by its title.
        heading = f"Exercise {numbers[ex.id]}" if ex.id in numbers else bank.title
        out.extend(_comment(f"{heading}: {ex.id} ({ex.kind}, {ex.points:g} point{'s' if ex.points != 1 else ''})"))
        if isinstance(ex, SingleChoice) and ex.vignette:
            out.extend(_comment(_plain(ex.vignette)))
        out.extend(_comment(_plain(ex.prompt)))
        out.extend(_choices(ex, variant))
        out.append(f"  {ex.id}:")
    return "\n".join(out) + "\n"


def _quoted(text: str) -> str:
    """Text as a quoted YAML scalar, with its letters as written (Zoë, not Zo\\u00eb)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "  # ") -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=88 - len(indent)) or [""]
    return [f"{indent}{line}" for line in lines]


def _choices(ex: AnyExercise, variant: Variant | None) -> list[str]:
    def listing(entries: list[tuple[str, str]], prefix: str = "") -> list[str]:
        return [line for label, text in entries for line in _comment(f"{prefix}{label}: {text}", "  #   ")]

    # Matching options are shown literally, as on the page; other texts are MyST.
    options = getattr(ex, "options", ()) or getattr(ex, "items", ())
    texts = {i.id: i.text if isinstance(ex, Matching) else _plain(i.text, inline=True) for i in options}
    labelled = [(letter, texts[i]) for letter, i in variants.sheet_letters(ex, variant).items()] if texts else []
    if isinstance(ex, Matching):
        # Each stem with the number the book prints before it, which a sheet may write for its id.
        stems = listing([(f"{n} ({s.id})", _plain(s.text, inline=True)) for n, s in numbered_stems(ex)], "stem ")
        return stems + listing(labelled, "option ")
    if isinstance(ex, Numeric) and ex.units:
        return _comment("units: " + ", ".join(ex.units), "  #   ")
    return listing(labelled)


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
