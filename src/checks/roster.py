"""A class roster: the student ids ``checks sheet --roster`` makes a variant sheet for, and the file each goes to;
and the students ``checks gradebook --roster`` gives a row each.

A roster is a text file with one id a line, or a CSV file (a spreadsheet's or an LMS's export) whose column of
ids :mod:`checks.roster_columns` finds: the first column, the one its header names as LMSs do, or the one
``--id-column`` names (which reads any roster as a spreadsheet). Blank lines and ``#`` comments are skipped (not
D2L's rows, which start with ``#``), and so is a first row that is plainly a header (``student``, ``id``, ``name``
…). An id is read as a sheet's ``student`` is (:func:`checks.sheets.normalised_student`: without the spaces around
it, non-breaking ones too, or a word processor's curly quotes), so that each sheet is graded as the student it was
made for. Every problem is found before any sheet is written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from checks.reading import InputError, read_text
from checks.roster_columns import FIRST_COLUMN_HEADERS, IdColumn, Row, header_key, id_rows, lines, table
from checks.sheets import normalised_student, student_problem

MAX_ROSTER_BYTES = 5_000_000
_UNSAFE = re.compile(r"[^\w.@+-]")  # kept in a file name: letters and digits of any script, and . _ @ + -
# Names Windows keeps for its devices, whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
# A text roster's line that holds a spreadsheet's columns, by their separator: what to do, said once.
SEPARATED = {
    separator: f"columns separated by {name}, where a roster named other than .csv or .tsv holds one student id a "
    f"line: name it {suffixes} to read it as a spreadsheet, or give --id-column with the header of its column of ids"
    for separator, name, suffixes in (("\t", "tabs", ".tsv (or .csv)"), ("|", "vertical bars", ".csv"))
}
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


def read_roster(path: Path, *, files: bool = True, id_column: str | None = None) -> list[Student]:
    """The students of the roster at ``path``, in its order; with ``id_column``, those of the column with this
    header (the roster read as a spreadsheet, whatever its name).

    A file that cannot be read is an :class:`InputError`; a roster that cannot be used, a :class:`RosterError` with
    each of its problems, naming their lines: a column of ids that cannot be told, an id no sheet could carry, a row
    with no id, a line of a text roster with columns separated by tabs or bars (alone, as every row is alike), an
    id given twice (with every line it is on), two ids whose sheets would have one file name (only with ``files``,
    for a roster whose sheets are written), or no id at all.
    """
    text = read_text(path, max_bytes=MAX_ROSTER_BYTES)
    column: IdColumn | None = None  # a text roster's: none, each line being an id
    rows: list[Row]
    suffix = path.suffix.lower()
    if id_column is not None or suffix in (".csv", ".tsv"):
        try:
            cells = table(text, tabs=suffix == ".tsv", header=id_column is not None)
            column, rows = id_rows(path, cells, id_column)
        except InputError as err:
            raise RosterError([err]) from None
    else:
        rows = [(n, line, []) for n, line in lines(text)]  # an id a line
    students: list[Student] = []
    problems: list[InputError] = []
    first = column is None  # a text roster's first line: a header, maybe (a spreadsheet's is told by its cells)
    for line, cell, rest in rows:
        separator = next((s for s in SEPARATED if column is None and s in cell.strip()), None)
        if separator is not None:
            # A spreadsheet's columns, each row of which would be one id: told once, as every row is alike.
            raise RosterError([InputError(path, SEPARATED[separator], line)])
        student = normalised_student(cell)
        if not student:
            if any(other.strip() for other in rest):  # a row with a name but no id: a student would be left out
                where = column.named if column is not None else "the first column"
                problems.append(InputError(path, f"no student id in {where}", line))
            continue  # a blank row, as a spreadsheet leaves at its end
        if first and header_key(student) in FIRST_COLUMN_HEADERS:
            first = False
            continue
        first = False
        problem = student_problem(student)
        if problem:
            problems.append(InputError(path, f"the student id {problem}", line))
        else:
            students.append(Student(student, line))
    if not students and not problems:
        where = "one a line, or in the first column of a CSV file"
        if column is not None and column.header is not None:  # a header only: its column of ids is empty
            where = f"in column {column.header!r}"
        problems.append(InputError(path, f"no student ids ({where})"))
    problems += _repeats(path, students, files)
    if problems:
        raise RosterError(problems)
    return students


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
