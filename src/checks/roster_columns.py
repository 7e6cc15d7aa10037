"""Which column of a roster read as a spreadsheet holds the student ids, and which of its rows are students:
the rows :mod:`checks.roster` reads its ids from, in a CSV file as a spreadsheet or an LMS exports it.

The first row is the header when any of its cells names a column as spreadsheets and LMSs do (``Student ID``,
``Username``, ``Last Name``, ``Email address`` …): Blackboard's and Moodle's exports start with names, and a
roster's own may start with a number or a section (``No.,Student Number``). A word that its column repeats below
is a value, not a header (``s001,Student`` over ``s002,Student``, a column of roles). ``#`` lines are comments,
but for D2L's (Brightspace's) rows under its header, which start with the ``#`` it writes before each
``OrgDefinedId`` and ``Username``, a ``#`` that is no part of the id. The column of ids is
the one ``--id-column NAME`` names, by its header (case and the spaces around it aside); else the first column, when
its header is one a roster's first column always could have (:data:`FIRST_COLUMN_HEADERS`), or when there is no
header; else the first kind of :data:`ID_HEADERS`, in their order, of which a column holds any id (Moodle's ``ID
number`` and Blackboard's ``Student ID`` are often left empty, and passed over then). Two columns of one kind, or
none, is an error that asks for ``--id-column``, as no guess should decide which file each student's sheet goes to.

A Canvas gradebook's rows that are no students are skipped: its ``Points Possible`` row, its row of posting
policies (``Manual Posting``) and its test student (``Student, Test``, the student of Student View).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checks.reading import InputError
from checks.sheets import normalised_student

# A first row whose first cell says one of these (in any case, with _ or - for a space) names the column: the
# column of ids, as rosters were always read. A text roster's first line is its header by these alone.
FIRST_COLUMN_HEADERS = frozenset(
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
# The headers of a column of ids, by kind, most wanted first: an institution's id, then a bare "ID", a login, an
# email address, and last a name (two students may share one).
ID_HEADERS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "student id",
            "student ids",
            "studentid",
            "student number",
            "student no",
            "sis user id",
            "sis id",
            "id number",  # Moodle's
            "orgdefinedid",  # D2L's
        }
    ),
    frozenset({"id", "ids"}),
    frozenset({"username", "user name", "user", "user id", "login", "login id", "sis login id"}),
    frozenset({"email", "e mail", "email address", "e mail address"}),
    frozenset({"student", "students", "name", "names", "student name", "full name"}),
)
# Headers that tell a header row though they name no column of ids.
_NAME_PARTS = frozenset(
    {"first name", "firstname", "last name", "lastname", "surname", "given name", "family name", "full name"}
)
HEADER_WORDS = FIRST_COLUMN_HEADERS | _NAME_PARTS | frozenset().union(*ID_HEADERS)
# What a spreadsheet separates its columns with: a comma, a semicolon where the comma is the decimal mark, a tab, or
# a vertical bar, as some student systems export (rarest in a name, so it wins a tie).
_DELIMITERS = ",;\t|"
HEADERS_SHOWN = 12  # in a message: an LMS's export has a column per assignment
# Canvas's rows that are no students, and the column that tells a Canvas gradebook.
_POINTS_POSSIBLE = "points possible"
_MANUAL_POSTING = "Manual Posting"  # Canvas writes it untranslated, in every language
_CANVAS = "sis login id"
# The columns D2L writes with a "#" before each value, lest a spreadsheet read an id of digits as a number.
_HASHED = frozenset({"orgdefinedid", "username"})


@dataclass(frozen=True)
class IdColumn:
    """The column of ids: its index, and its header (None in a file without one)."""

    index: int
    header: str | None = None

    @property
    def named(self) -> str:
        """The column as a message names it."""
        if self.header:
            return f"column {self.header!r}"
        return "the first column" if self.index == 0 else f"column {self.index + 1}"


Row = tuple[int, str, list[str]]  # a row's line, its id cell, and its other cells
Cells = tuple[int, list[str], bool]  # a spreadsheet's line, its cells, and whether it starts with "#"


def lines(text: str, *, comments: bool = False) -> list[tuple[int, str]]:
    """Each line of a roster that is no ``#`` comment (each line, with ``comments``), numbered from 1 as an editor
    numbers it."""
    numbered = enumerate(re.split(r"\r\n|\r|\n", text), 1)
    return [(n, line) for n, line in numbered if comments or not _comment(line)]


def _comment(line: str) -> bool:
    return line.strip().startswith("#")


def table(text: str, *, tabs: bool = False, header: bool = False) -> list[Cells]:
    """Each line of a spreadsheet, with its cells: separated by tabs with ``tabs`` (a ``.tsv`` file, whose names
    may hold commas), else by the mark most lines hold. A ``.tsv`` file without a tab is a CSV file named so when
    its first row, split at that mark, is a header (always, with ``header``: ``--id-column`` was given); else it
    has one column, of names that may hold commas."""
    every = lines(text, comments=True)
    data = [line for _, line in every if line.strip() and not _comment(line)]
    # The mark on most lines; where two are on as many, the rarer in a cell: a vertical bar, a tab, then a semicolon
    # (a comma may be a decimal mark in a file separated by semicolons).
    guessed = max(_DELIMITERS, key=lambda mark: (sum(mark in line for line in data), _DELIMITERS.index(mark)))
    split = _split(every, guessed)
    if tabs and guessed != "\t":
        first = [cells for _, cells, comment in split if not comment and any(cell.strip() for cell in cells)]
        if not (first and (header or _is_header(first[0], [(0, cells) for cells in first[1:]]))):
            split = _split(every, "\t")
    return split


def _split(numbered: list[tuple[int, str]], delimiter: str) -> list[Cells]:
    # A line at a time, so that each id keeps its line number: a roster's cell does not span lines.
    return [(n, next(csv.reader([line], delimiter=delimiter), []), _comment(line)) for n, line in numbered]


def header_key(cell: str) -> str:
    """A header as it is looked up: in one case, with ``_`` and ``-`` as spaces."""
    return " ".join(re.split(r"[\s_-]+", normalised_student(cell).casefold())).strip()


def id_rows(path: Path, rows: list[Cells], id_column: str | None = None) -> tuple[IdColumn, list[Row]]:
    """The column of ids of the spreadsheet at ``path`` (whose ``rows`` are those of :func:`table`), and each of
    its rows that may be a student's: without its header, its ``#`` comments (not D2L's rows), its blank rows
    and Canvas's rows that are no students.

    A column that cannot be told is an :class:`InputError` at the header's line, naming the headers; so is a
    roster without a row for ``id_column`` to name a column of.
    """
    every = [(n, cells, comment) for n, cells, comment in rows if any(cell.strip() for cell in cells)]
    filled = [(n, cells) for n, cells, comment in every if not comment]
    if not filled and id_column is not None:
        raise InputError(
            path,
            f"--id-column {id_column!r}: the roster has no header row to find this column in, nor any student id "
            "(it holds only blank lines and # comments)",
        )
    if not filled or (id_column is None and not _is_header(filled[0][1], filled[1:])):
        return IdColumn(0), [_row(n, cells, 0) for n, cells in filled]
    line, header = filled[0]
    keys = [header_key(cell) for cell in header]
    body = [(n, cells) for n, cells, comment in every if n > line and (not comment or _d2l(keys, cells))]
    body = [(n, cells) for n, cells in body if not _no_student(keys, cells)]
    index = _named(path, line, header, id_column) if id_column is not None else _found(path, line, header, body)
    hashed = keys[index] in _HASHED
    return IdColumn(index, header[index].strip()), [_row(n, cells, index, hashed) for n, cells in body]


def _is_header(cells: list[str], below: list[tuple[int, list[str]]]) -> bool:
    """Whether a first row is a header: any of its cells names a column, by a word of :data:`HEADER_WORDS` that
    its column does not repeat below. A word its column repeats is a value (a column of roles says ``Student``
    on most rows), and taking it for a header would drop the first student and read the ids from the wrong
    column."""
    return any(header_key(cell) in HEADER_WORDS and not _repeats(below, i, cell) for i, cell in enumerate(cells))


def _d2l(keys: list[str], cells: list[str]) -> bool:
    """Whether a ``#`` line under a header is D2L's row, not a comment: each of its OrgDefinedId and Username
    cells starts with ``#``."""
    hashed = [i for i, key in enumerate(keys) if key in _HASHED]
    return bool(hashed) and all(i < len(cells) and cells[i].strip().startswith("#") for i in hashed)


def _repeats(body: Iterable[tuple[int, list[str]]], index: int, header: str) -> bool:
    """Whether a column holds its header's word on a row below: a value, then, not the name of its column."""
    key = header_key(header)
    return any(index < len(cells) and header_key(cells[index]) == key for _, cells in body)


def _row(line: int, cells: list[str], index: int, hashed: bool = False) -> Row:
    """A row's line, id cell and other cells; with ``hashed``, the id without the one ``#`` D2L writes before it."""
    cell = cells[index] if index < len(cells) else ""
    if hashed:
        cell = cell.strip().removeprefix("#")
    return line, cell, cells[:index] + cells[index + 1 :]


def _no_student(keys: list[str], cells: list[str]) -> bool:
    """Whether a row under the header is one of Canvas's that are no students."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if header_key(cells[0]) == _POINTS_POSSIBLE:  # each assignment's points
        return True
    if all(cell.startswith(_MANUAL_POSTING) for cell in filled):  # the assignments whose grades are posted by hand
        return True
    if _CANVAS not in keys:
        return False
    named = dict(zip(keys, map(normalised_student, cells), strict=False))  # a row may be short of cells
    # The test student, as the Student column or the LastName and FirstName columns write it.
    test = named.get("student") == "Student, Test"
    return test or (named.get("lastname"), named.get("firstname")) == ("Student", "Test")


def _named(path: Path, line: int, header: list[str], id_column: str) -> int:
    """The column ``--id-column`` names."""
    wanted = " ".join(id_column.split()).casefold()
    found = [i for i, cell in enumerate(header) if " ".join(normalised_student(cell).split()).casefold() == wanted]
    if not found:
        raise InputError(path, f"--id-column {id_column!r}: no column has this header ({_listed(header)})", line)
    if len(found) > 1:
        columns = [str(i + 1) for i in found]
        raise InputError(
            path,
            f"--id-column {id_column!r}: columns {', '.join(columns[:-1])} and {columns[-1]} both have this header; "
            "rename one",
            line,
        )
    return found[0]


def _found(path: Path, line: int, header: list[str], body: list[tuple[int, list[str]]]) -> int:
    """The column of ids as its header names it: the first column as rosters were always read, else the first
    kind of :data:`ID_HEADERS` of which a column holds an id; never a column that repeats its header below."""
    keys = [header_key(cell) for cell in header]
    ids = [
        i for i, cell in enumerate(header) if _holds_ids(body, i, keys[i] in _HASHED) and not _repeats(body, i, cell)
    ]
    if keys[0] in FIRST_COLUMN_HEADERS and not _repeats(body, 0, header[0]):
        return 0
    for kind in ID_HEADERS:
        found = [i for i in ids if keys[i] in kind]
        if len(found) > 1:
            names = [repr(header[i].strip()) for i in found]
            raise InputError(
                path,
                f"the columns {', '.join(names[:-1])} and {names[-1]} may both hold the student ids: give "
                f"--id-column with the header of the one to use ({_listed(header)})",
                line,
            )
        if found:
            return found[0]
    raise InputError(
        path,
        f"no column of student ids found by its header: give --id-column with the header of the one to use "
        f"({_listed(header)})",
        line,
    )


def _holds_ids(body: Iterable[tuple[int, list[str]]], index: int, hashed: bool = False) -> bool:
    """Whether a column holds an id on any row: more than D2L's ``#``, in a column it writes one in."""
    return any(index < len(cells) and _row(0, cells, index, hashed)[1].strip() for _, cells in body)


def _listed(header: list[str]) -> str:
    """The headers, the first few of a long row."""
    names = [repr(cell.strip()) for cell in header if cell.strip()]
    more = len(names) - HEADERS_SHOWN
    return f"the headers: {', '.join(names[:HEADERS_SHOWN])}" + (f" and {more} more" if more > 0 else "")
