"""A class roster: the student ids ``checks sheet --roster`` makes a variant sheet for, and the file each goes to;
and the students ``checks gradebook --roster`` gives a row each.

A roster is a text file with one id a line, or a CSV file (a spreadsheet's or an LMS's export) whose first
column is the id. Blank lines and ``#`` comments are skipped, and so is a first row that is plainly a header
(``student``, ``id``, ``name`` …). An id is read as a sheet's ``student`` is (:func:`checks.sheets.normalised_student`:
without the spaces around it, non-breaking ones too, or a word processor's curly quotes), so that each sheet
is graded as the student it was made for. Every problem is found before any sheet is written.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from checks.reading import InputError, read_text
from checks.sheets import normalised_student, student_problem

MAX_ROSTER_BYTES = 5_000_000
# A first row whose first cell says one of these (in any case, with _ or - for a space) names the column.
HEADERS = frozenset(
    {
        "student",
        "students",
        "student id",
        "student ids",
        "studentid",
        "student number",
        "student no",
        "id",
        "ids",
        "name",
        "names",
        "student name",
        "username",
        "user",
        "user id",
        "login",
        "login id",
        "sis id",
        "sis user id",
        "email",
        "e mail",
    }
)
# What a spreadsheet separates its columns with: a comma, a semicolon where the comma is the decimal mark, or a tab.
_DELIMITERS = ",;\t"
_UNSAFE = re.compile(r"[^\w.@+-]")  # kept in a file name: letters and digits of any script, and . _ @ + -
# Names Windows keeps for its devices, whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
NAME_BYTES = 200  # of an id kept in its file's name: most file systems take at most 255 bytes


@dataclass(frozen=True)
class Student:
    """One student of the roster: the id, as sheets write it, and the line it is on."""

    id: str
    line: int

    @property
    def file_name(self) -> str:
        return file_name(self.id)


class RosterError(Exception):
    """A roster that cannot be used, with every problem found in it, each an :class:`InputError` of one line."""

    def __init__(self, problems: list[InputError]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def read_roster(path: Path, *, files: bool = True) -> list[Student]:
    """The students of the roster at ``path``, in its order.

    A file that cannot be read is an :class:`InputError`; a roster that cannot be used, a :class:`RosterError`
    with each of its problems, naming their lines: an id no sheet could carry, a row with no id, an id given
    twice (with every line it is on), two ids whose sheets would have one file name (only with ``files``, for a
    roster whose sheets are written), or no id at all.
    """
    text = read_text(path, max_bytes=MAX_ROSTER_BYTES)
    students: list[Student] = []
    problems: list[InputError] = []
    first = True  # the first row: a header, maybe
    for line, cell, rest in _rows(text, path.suffix.lower() in (".csv", ".tsv")):
        student = normalised_student(cell)
        if not student:
            if any(other.strip() for other in rest):  # a row with a name but no id: a student would be left out
                problems.append(InputError(path, "no student id in the first column", line))
            continue  # a blank row, as a spreadsheet leaves at its end
        if first and _header(student):
            first = False
            continue
        first = False
        problem = student_problem(student)
        if problem:
            problems.append(InputError(path, f"the student id {problem}", line))
        else:
            students.append(Student(student, line))
    if not students and not problems:
        problems.append(InputError(path, "no student ids (one a line, or in the first column of a CSV file)"))
    problems += _repeats(path, students, files)
    if problems:
        raise RosterError(problems)
    return students


def _rows(text: str, spreadsheet: bool) -> list[tuple[int, str, list[str]]]:
    """Each line that is no comment, numbered from 1 as an editor numbers it: its first column, and the others
    (a CSV file's)."""
    lines = list(enumerate(re.split(r"\r\n|\r|\n", text), 1))
    kept = [(n, line) for n, line in lines if not line.strip().startswith("#")]
    if not spreadsheet:
        return [(n, line, []) for n, line in kept]
    data = [line for _, line in kept if line.strip()]
    # The mark on most lines; where two are on as many, the rarer in a cell: a tab, then a semicolon (a comma may
    # be a decimal mark in a file separated by semicolons).
    delimiter = max(_DELIMITERS, key=lambda mark: (sum(mark in line for line in data), _DELIMITERS.index(mark)))
    rows = []
    for n, line in kept:
        # A line at a time, so that each id keeps its line number: a roster's cell does not span lines.
        cells = next(csv.reader([line], delimiter=delimiter), [])
        rows.append((n, cells[0] if cells else "", cells[1:]))
    return rows


def _header(first: str) -> bool:
    """Whether a first row's first cell names the column, rather than being a student's id."""
    return " ".join(re.split(r"[\s_-]+", first.casefold())).strip() in HEADERS


def _repeats(path: Path, students: list[Student], files: bool = True) -> list[InputError]:
    """An id given twice, with every line it is on, and (with ``files``) two ids whose sheets would have one file
    name.

    Ids are compared without regard to case, as the gradebook takes ``S1`` and ``s1`` for one student; file
    names too, as macOS and Windows do.
    """
    by_id: dict[str, list[Student]] = {}
    for student in students:
        by_id.setdefault(student.id.casefold(), []).append(student)
    problems = []
    for same in by_id.values():
        if len(same) > 1:
            spellings = list(dict.fromkeys(s.id for s in same))
            one = f" ({' and '.join(map(repr, spellings))} are one student)" if len(spellings) > 1 else ""
            lines = [str(s.line) for s in same]
            listed = f"{', '.join(lines[:-1])} and {lines[-1]}"
            problems.append(InputError(path, f"student id {same[0].id!r} is on lines {listed}{one}"))
    if not files:
        return problems
    by_name: dict[str, Student] = {}
    for first, *_ in by_id.values():
        other = by_name.setdefault(first.file_name.casefold(), first)
        if other is not first:
            names = (other.file_name, first.file_name)
            # Two spellings of one name are one file where case does not count, as on macOS and Windows.
            written = (
                f"to {names[0]}" if names[0] == names[1] else f"to {' and '.join(names)}, one file on macOS and Windows"
            )
            problems.append(
                InputError(
                    path,
                    f"student ids {other.id!r} (line {other.line}) and {first.id!r} (line {first.line}) "
                    f"would both be written {written}",
                )
            )
    return problems


def file_name(student: str) -> str:
    """The file a student's sheet is written to: the id, with what a file name cannot hold (or should not, on
    any system) as ``_``; never hidden (a name starting with a dot is skipped when sheets are graded)."""
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", student))
    stem = stem.encode("utf-8")[:NAME_BYTES].decode("utf-8", "ignore")  # a letter cut in two is left out
    if stem.startswith("."):
        stem = "_" + stem[1:]
    stem = stem.rstrip(".") or "_"  # Windows drops dots at the end of a name
    if stem.split(".")[0].casefold() in _RESERVED:
        stem = "_" + stem
    return f"{stem}.yaml"
