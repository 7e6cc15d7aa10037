"""The gradebook's rows in the order of a class roster (``checks gradebook --roster FILE``), for an LMS's import.

Each student of the roster (:mod:`checks.roster`) gets a row, in the roster's order, found by the name or id the
sheets carry (``student``) as the gradebook keys its rows: written as on the roster, case aside, so that ``S1``
on the roster is the student whose sheets say ``s1``. A file's name is never matched: it is the student's to
choose, or the web book's. A student on the roster without a sheet keeps a row without scores; so does one whose
only sheets could not be graded, where the sheet was read far enough to say whose it is (:class:`.collect.Failure`),
with a status of its own: they handed in work, to be mended and graded, not chased. A row of sheets whose student
is not on the roster (a typo in a name, a student who joined late, a sheet without a name) follows the roster's
rows, in the order of the gradebook without a roster. The sheets that could not be graded and name no one on the
roster (:attr:`RosterRows.unplaced`) may be those of students marked as handing in none.

The roster is read before the class is graded (:func:`read_students`), so that one that cannot be used stops the
command as a folder that cannot be written does; the students not on it are named in a warning
(:func:`unlisted_warning`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .collect import Failure, Graded, is_anonymous

if TYPE_CHECKING:
    from checks.roster import Student

# The status column of grades.csv: a roster's student with sheets, one without, one whose sheets all could not be
# graded, and sheets of a student not on it.
GRADED, NO_SHEET, NOT_GRADED, NOT_ON_ROSTER = "graded", "no sheet", "sheet not graded", "not on roster"


@dataclass(frozen=True)
class Row:
    """A row of grades.csv: the student as the roster writes them (else as their first sheet does), its status,
    and the student's graded sheets, if any, else those that could not be graded."""

    student: str
    status: str
    graded: Graded | None
    refused: tuple[Path, ...] = ()


@dataclass(frozen=True)
class RosterRows:
    path: Path  # the roster
    rows: tuple[Row, ...]  # the roster's students in its order, then the students not on it
    # The sheets that could not be graded and name no one on the roster: their student could not be read, or is not
    # on it. A student marked as handing in no sheet may have handed in one of them.
    unplaced: int = 0

    @property
    def missing(self) -> tuple[str, ...]:
        """The students of the roster who handed in no sheet, in its order."""
        return tuple(row.student for row in self.rows if row.status == NO_SHEET)

    @property
    def not_graded(self) -> tuple[Row, ...]:
        """The students of the roster whose sheets all could not be graded, in its order."""
        return tuple(row for row in self.rows if row.status == NOT_GRADED)

    @property
    def unlisted(self) -> tuple[Graded, ...]:
        """The rows of students not on the roster, in the gradebook's order."""
        return tuple(row.graded for row in self.rows if row.graded is not None and row.status == NOT_ON_ROSTER)

    @property
    def listed(self) -> int:
        """How many students the roster lists."""
        return sum(1 for row in self.rows if row.status != NOT_ON_ROSTER)


def on_roster(
    path: Path, students: Sequence[Student], graded: Sequence[Graded], failures: Sequence[Failure] = ()
) -> RosterRows:
    """The gradebook's ``graded`` rows in the order of the roster at ``path``, which lists ``students``; the
    ``failures`` tell which of its students handed in only sheets that could not be graded."""
    # Rows are keyed by their student, case aside; a sheet without a name is no student of the roster's.
    by_key = {g.student.casefold(): g for g in graded if not is_anonymous(g.student)}
    refused: dict[str, list[Path]] = {}
    for failure in failures:
        if failure.student is not None and not is_anonymous(failure.student):
            refused.setdefault(failure.student.casefold(), []).append(failure.path)
    rows = []
    taken: set[int] = set()
    for student in students:
        key = student.id.casefold()
        found = by_key.get(key)
        if found is not None:
            rows.append(Row(student.id, GRADED, found))
            taken.add(id(found))
        elif key in refused:
            rows.append(Row(student.id, NOT_GRADED, None, tuple(refused[key])))
        else:
            rows.append(Row(student.id, NO_SHEET, None))
    rows += [Row(g.student, NOT_ON_ROSTER, g) for g in graded if id(g) not in taken]
    listed = {student.id.casefold() for student in students}
    sheets = sum(not failure.argument for failure in failures)  # a folder mistyped is no one's sheet
    unplaced = sheets - sum(len(paths) for key, paths in refused.items() if key in listed)
    return RosterRows(path, tuple(rows), unplaced)


def known_as(g: Graded) -> str:
    """A student not on the roster as a line names them: by name, or by file for a sheet without one."""
    return f"{g.student} ({g.paths[0]})" if is_anonymous(g.student) else g.student


def read_students(given: str | None, id_column: str | None = None) -> Sequence[Student] | None:
    """The students of the roster ``given`` by ``--roster`` (none without it), by its column ``id_column`` names
    (``--id-column``), or None when it cannot be used, each problem told on a line of its own."""
    from checks.roster import RosterError, read_roster

    if given is None:
        return ()
    try:
        return read_roster(Path(given), files=False, id_column=id_column)  # no file is written for a student here
    except RosterError as err:
        for each in err.problems:
            print(f"error: {each}", file=sys.stderr)
        return None


def unlisted_warning(roster: RosterRows, report: Path) -> str:
    """The line naming the students whose sheets were graded though they are not on the roster (the first few)."""
    from checks.files import first_few
    from checks.printable import escaped

    names = first_few([known_as(g) for g in roster.unlisted])
    return escaped(
        f"warning: {len(roster.unlisted)} student(s) not on the roster {roster.path}, graded after its students in "
        f"grades.csv: {names}; {report} lists them with their files"
    )


def roster_counts(roster: RosterRows) -> str:
    """What the last line says of the roster: who on it handed in no sheet, or only sheets not graded, and, where
    some are marked as handing in none, how many sheets not graded could be theirs."""
    line = f"{len(roster.missing)} of the {roster.listed} student(s) on the roster handed in no sheet"
    if roster.not_graded:
        line += f" and {len(roster.not_graded)} only sheets that could not be graded"
    if roster.missing and roster.unplaced:
        line += (
            f"; {roster.unplaced} sheet(s) that could not be graded name no one on the roster: some of the students "
            "marked 'no sheet' may have handed them in"
        )
    return line
