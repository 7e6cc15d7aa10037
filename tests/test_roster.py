"""A roster as an LMS exports it: the column of student ids found by its header (or named with --id-column),
and the rows of an export that are no students skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.cli import main
from checks.roster import RosterError, read_roster

from conftest import DATA

SAMPLE = str(DATA / "bank.yaml")


def export(path: Path, *rows: str) -> Path:
    """A file as an LMS downloads it: UTF-8 with a byte-order mark, and a CRLF after each row."""
    path.write_bytes(("\ufeff" + "".join(f"{row}\r\n" for row in rows)).encode("utf-8"))
    return path


def ids(path: Path, *id_column: str) -> list[str]:
    """The ids of a roster, by the column named, if one is."""
    return [student.id for student in read_roster(path, **({"id_column": id_column[0]} if id_column else {}))]


def problems(path: Path, *id_column: str) -> list[str]:
    with pytest.raises(RosterError) as caught:
        read_roster(path, **({"id_column": id_column[0]} if id_column else {}))
    return [str(each) for each in caught.value.problems]


# Blackboard's Grade Center: names first, then the username and the institution's id (often left empty).
BLACKBOARD = (
    '"Last Name","First Name","Username","Student ID","Last Access","Availability","Quiz 1 [Total Pts: 10] |1201"'
)
# Canvas's gradebook: the sortable name first, a row of posting policies and one of points possible, then the
# students, and the test student of Student View last.
CANVAS = "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (111),Current Score"
CANVAS_ROWS = (
    ",,,,,Manual Posting,",
    "    Points Possible,,,,,10,(read only)",
    '"Lee, Ann",101,s1001,alee,Biology A,9,90',
    '"Wu, Dan",102,s1002,dwu,Biology A,8,80',
    '"Park, Dan",103,s1003,dpark,Biology A,,0',
    '"Student, Test",104,,3f0c1e8a,Biology A,,',
)
# Moodle's grade export: the first name first; the ID number is the site's to fill in, and often empty.
MOODLE = (
    '"First name","Surname","ID number","Institution","Department","Email address","Quiz: Week 1 (Real)",'
    '"Last downloaded from this course"'
)


def test_a_blackboard_export_is_read_by_its_student_id_else_its_username(tmp_path: Path) -> None:
    roster = export(
        tmp_path / "bb.csv",
        BLACKBOARD,
        '"Lee","Ann","alee","s1001","2026-03-01 10:00:00","Yes","9.00"',
        '"Wu","Dan","dwu","s1002","","Yes",""',
        '"Park","Dan","dpark","s1003","","Yes",""',
    )
    assert ids(roster) == ["s1001", "s1002", "s1003"]  # not "Last Name", nor the surnames
    assert [s.line for s in read_roster(roster)] == [2, 3, 4]
    # A Student ID column the institution leaves empty is passed over for the next column of ids.
    export(
        roster,
        BLACKBOARD,
        '"Lee","Ann","alee","","","Yes","9.00"',
        '"Wu","Dan","dwu","","","Yes",""',
    )
    assert ids(roster) == ["alee", "dwu"]
    # One filled in and the others empty is the column still, and each row without an id is told.
    export(roster, BLACKBOARD, '"Lee","Ann","alee","s1001","","Yes",""', '"Wu","Dan","dwu","","","Yes",""')
    assert problems(roster) == [f"{roster}:3: no student id in column 'Student ID'"]


def test_a_canvas_export_skips_its_rows_that_are_no_students(tmp_path: Path) -> None:
    """Its Student column holds the names, as the first column of a roster always was read; its posting
    policies, points possible and test student are skipped."""
    roster = export(tmp_path / "canvas.csv", CANVAS, *CANVAS_ROWS)
    assert ids(roster) == ["Lee, Ann", "Wu, Dan", "Park, Dan"]
    assert ids(roster, "SIS User ID") == ["s1001", "s1002", "s1003"]
    assert ids(roster, "  sis login id ") == ["alee", "dwu", "dpark"]  # case and spaces around it aside
    # Canvas's option of last and first names apart: the ids are found by their header.
    export(
        roster,
        "LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (111)",
        "    Points Possible,,,,,,10",
        "Lee,Ann,101,s1001,alee,Biology A,9",
        "Student,Test,104,,3f0c1e8a,Biology A,",
    )
    assert ids(roster) == ["s1001"]
    # Separated by semicolons, as Canvas writes for a language whose decimal mark is the comma.
    export(roster, "Student;ID;SIS User ID;SIS Login ID;Section", "    Points Possible;;;;", '"Lee, Ann";101;s1;a;B')
    assert ids(roster, "SIS User ID") == ["s1"]
    # Separated by vertical bars, as some student systems export: the header is a header, not a student.
    export(roster, "Student ID|Name", "s1|Ann Lee", "s2|Dan, Wu")
    assert ids(roster) == ["s1", "s2"]
    export(roster, "Student ID|Name, in full", "s1|Lee, Ann", "s2|Wu, Dan")  # a bar and a comma on every line
    assert ids(roster) == ["s1", "s2"]


def test_a_moodle_export_is_read_by_its_id_number_else_its_email(tmp_path: Path) -> None:
    roster = export(
        tmp_path / "moodle.csv",
        MOODLE,
        '"Ann","Lee","","Uni","Oncology","ann.lee@uni.example","9.00","1767225600"',
        '"Dan","Wu","","Uni","Oncology","dan.wu@uni.example","-","1767225600"',
        '"Dan","Park","","Uni","Oncology","dan.park@uni.example","-","1767225600"',
    )
    assert ids(roster) == ["ann.lee@uni.example", "dan.wu@uni.example", "dan.park@uni.example"]
    export(
        roster,
        MOODLE,
        '"Ann","Lee","s1001","","","ann.lee@uni.example","9.00",""',
        '"Dan","Wu","s1002","","","dan.wu@uni.example","",""',
    )
    assert ids(roster) == ["s1001", "s1002"]
    assert ids(roster, "Email address") == ["ann.lee@uni.example", "dan.wu@uni.example"]


def test_a_column_that_cannot_be_told_is_one_line_naming_the_headers(tmp_path: Path) -> None:
    roster = export(tmp_path / "canvas.csv", CANVAS, *CANVAS_ROWS)
    headers = "'Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Quiz 1 (111)', 'Current Score'"
    assert problems(roster, "SIS ID") == [
        f"{roster}:1: --id-column 'SIS ID': no column has this header (the headers: {headers})"
    ]
    export(roster, "Last Name,First Name,Student ID,Student Number", "Lee,Ann,s1,1001")
    assert problems(roster) == [
        f"{roster}:1: the columns 'Student ID' and 'Student Number' may both hold the student ids: give "
        "--id-column with the header of the one to use (the headers: 'Last Name', 'First Name', 'Student ID', "
        "'Student Number')"
    ]
    assert ids(roster, "student number") == ["1001"]
    export(roster, "Last Name,First Name,Mark", "Lee,Ann,9")
    assert problems(roster) == [
        f"{roster}:1: no column of student ids found by its header: give --id-column with the header of the one "
        "to use (the headers: 'Last Name', 'First Name', 'Mark')"
    ]
    export(roster, "Email,Name,email ", "a@x,Ann,a@y")
    assert problems(roster, "EMAIL") == [
        f"{roster}:1: --id-column 'EMAIL': columns 1 and 3 both have this header; rename one"
    ]
    # A long header is listed in part.
    export(roster, ",".join(["Last Name", *(f"Quiz {n}" for n in range(1, 21))]), "Lee,1")
    (problem,) = problems(roster)
    assert problem.endswith("'Quiz 10', 'Quiz 11' and 9 more)")


def test_rosters_read_as_before_keep_their_first_column(tmp_path: Path) -> None:
    """A text roster is one id a line, commas and all; a CSV file whose first header names its column, or that
    has no header, is read by its first column."""
    text = export(tmp_path / "class.txt", "student", "Lee, Ann", "s2,Ben")
    assert ids(text) == ["Lee, Ann", "s2,Ben"]
    csv = export(tmp_path / "class.csv", "Name,Email", "Ann Lee,ann@uni.example")
    assert ids(csv) == ["Ann Lee"]
    export(csv, "s1,Ann", "s2,Ben")
    assert ids(csv) == ["s1", "s2"]
    # Canvas's row of points possible is no row of a text roster, which has one id a line.
    export(text, "s1", "Points Possible")
    assert ids(text) == ["s1", "Points Possible"]
    # --id-column reads the roster by its columns, whatever its name: a spreadsheet saved as tab-separated text.
    export(text, "Name\tStudent ID", "Ann Lee\ts1")
    assert ids(text, "Student ID") == ["s1"]


def test_sheet_roster_writes_each_students_sheet_by_the_column_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = export(tmp_path / "canvas.csv", CANVAS, *CANVAS_ROWS)
    out = tmp_path / "out"
    argv = ["--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "-o", str(out)]
    assert main([*argv, "--id-column", "SIS User ID"]) == 0
    assert capsys.readouterr().err == f"wrote 3 sheets to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == ["s1001.yaml", "s1002.yaml", "s1003.yaml"]
    assert main([*argv, "--id-column", "SIS"]) == 2
    assert capsys.readouterr().err.startswith(f"error: {roster}:1: --id-column 'SIS': no column has this header")
    assert main(["--banks", SAMPLE, "sheet", "--id-column", "SIS User ID"]) == 2
    assert capsys.readouterr().err == (
        "error: --id-column goes with --roster: it names the roster's column of student ids\n"
    )
    # Not the column of an empty header: no column is named.
    export(roster, "Student ID,,Name", "s1,x,Ann")
    assert main([*argv, "--id-column", " "]) == 2
    assert capsys.readouterr().err == (
        "error: --id-column must not be empty: give the header of the roster's column of student ids\n"
    )


def test_a_csv_roster_without_a_header_keeps_its_first_row_and_column(tmp_path: Path) -> None:
    """A header word that its column repeats below is no header: a column of roles says ``Student`` on many
    rows. The first row is the header when any of its cells is a header word its column does not repeat."""
    roster = export(tmp_path / "role.csv", "s001,Student", "s002,Student", "s003,Tutor")
    assert ids(roster) == ["s001", "s002", "s003"]
    # A first cell that its column repeats is a value: a roles column first, where ids on one role are told.
    export(roster, "Student,s001", "Student,s002", "Tutor,s003")
    assert problems(roster) == [f"{roster}: student id 'Student' is on lines 1 and 2"]
    # Nor is a header's column of ids one whose rows repeat its header word.
    export(roster, "Last Name,First Name,Student", "Lee,Ann,Student", "Wu,Dan,Tutor")
    assert problems(roster)[0].startswith(f"{roster}:1: no column of student ids found by its header")
    # Header words make a header, whatever the first cell says (D2L's OrgDefinedId, a student id, say).
    export(roster, "OrgDefinedId,Username,Last Name", "101,alee,Lee", "102,dwu,Wu")
    assert ids(roster) == ["101", "102"]


# Rosters whose one header word is not in their first cell: a number, a section, a group first.
ONE_HEADER_WORD = [
    (("No.,Student Number", "1,s1", "2,s2"), ["s1", "s2"]),
    (("Section,Student ID", "A,s1", "B,s2"), ["s1", "s2"]),
    (("Group,Email", "1,ann@uni.example", "2,ben@uni.example"), ["ann@uni.example", "ben@uni.example"]),
]


@pytest.mark.parametrize(("rows", "expected"), ONE_HEADER_WORD)
def test_one_header_word_anywhere_in_the_first_row_makes_it_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: tuple[str, ...], expected: list[str]
) -> None:
    roster = export(tmp_path / "class.csv", *rows)
    assert ids(roster) == expected
    out = tmp_path / "out"
    assert main(["--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{id}.yaml" for id in expected)
    capsys.readouterr()


def test_a_d2l_export_is_read_without_the_hash_before_its_ids(tmp_path: Path) -> None:
    """D2L (Brightspace) writes a ``#`` before each OrgDefinedId and Username: no comment under a header, and
    no part of the id."""
    header = (
        "OrgDefinedId,Username,Last Name,First Name,Email,Quiz 1 Points Grade <Numeric MaxPoints:10>,"
        "End-of-Line Indicator"
    )
    roster = export(
        tmp_path / "d2l.csv",
        "# the class of 2026",
        header,
        "#12345,#jdoe,Doe,Jane,jdoe@x.edu,9,#",
        "#12346,#bwu,Wu,Ben,bwu@x.edu,,#",
    )
    assert ids(roster) == ["12345", "12346"]
    assert [s.line for s in read_roster(roster)] == [3, 4]
    assert ids(roster, "Username") == ["jdoe", "bwu"]
    # An OrgDefinedId left empty, but for its "#", is passed over for the usernames.
    export(roster, header, "#,#jdoe,Doe,Jane,jdoe@x.edu,9,#", "#,#bwu,Wu,Ben,bwu@x.edu,,#")
    assert ids(roster) == ["jdoe", "bwu"]
    # Only one "#" is D2L's; a line without it in each OrgDefinedId and Username cell is a comment, as "#" lines
    # are in a file without a header.
    export(roster, header, "##1,#jdoe,Doe,Jane,jdoe@x.edu,9,#", "# joined late", "# 7, by email")
    assert ids(roster) == ["#1"]
    export(roster, "s1,Ann", "# s2,Ben", "s3,Cy")
    assert ids(roster) == ["s1", "s3"]


def test_a_text_roster_of_tab_separated_columns_is_refused_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet's columns saved as .txt would make every row one id, the whole row a file's name."""
    rows = ('"Last Name"\t"First Name"\t"Username"\t"Student ID"', '"Lee"\t"Ann"\t"alee"\t"s1001"')
    text = export(tmp_path / "bb.txt", *rows)
    out = tmp_path / "out"
    assert main(["--banks", SAMPLE, "sheet", "--roster", str(text), "--seed", "7", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: {text}:1: columns separated by tabs, where a roster named other than .csv or .tsv holds one "
        "student id a line: name it .tsv (or .csv) to read it as a spreadsheet, or give --id-column with the "
        "header of its column of ids\n"
    )
    assert not out.exists()
    export(text, "s1", "s2\ts3", "s4\tx")
    (problem,) = problems(text)
    assert problem.startswith(f"{text}:2: columns separated by tabs")
    export(text, "s1\t", " s2")  # a tab around an id is no part of it, as a space is not
    assert ids(text) == ["s1", "s2"]
    # The same rows as .tsv, or with --id-column, are read as a spreadsheet.
    tsv = export(tmp_path / "bb.tsv", *rows)
    assert ids(tsv) == ids(export(text, *rows), "Student ID") == ["s1001"]


def test_a_text_roster_of_columns_separated_by_bars_is_refused_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As with tabs: ``s1|Ann`` in a .txt roster is a spreadsheet's row, not an id; as .csv it is read as one."""
    text = export(tmp_path / "class.txt", "Student ID|Name", "s1|Ann", "s2|Ben")
    (problem,) = problems(text)
    assert problem == (
        f"{text}:1: columns separated by vertical bars, where a roster named other than .csv or .tsv holds one "
        "student id a line: name it .csv to read it as a spreadsheet, or give --id-column with the header of its "
        "column of ids"
    )
    assert ids(export(tmp_path / "class.csv", "Student ID|Name", "s1|Ann", "s2|Ben")) == ["s1", "s2"]
    assert ids(text, "Student ID") == ["s1", "s2"]


def test_a_tsv_roster_is_split_at_tabs_alone(tmp_path: Path) -> None:
    """A .tsv file's cells are separated by tabs, so that a name with a comma is one cell, as in a .txt roster."""
    tsv = export(tmp_path / "class.tsv", "Lee, Ann", "Wu, Dan")
    assert ids(tsv) == ["Lee, Ann", "Wu, Dan"]
    export(tsv, "Name\tEmail", "Lee, Ann\tann@uni.example")
    assert ids(tsv) == ["Lee, Ann"]
    # Without a tab, a CSV file named .tsv: its mark is guessed, as a header it splits out tells.
    export(tsv, "Student ID,Name", "s1,Ann")
    assert ids(tsv) == ["s1"]
    export(tsv, "Name;Student ID", "Ann;s1")
    assert ids(tsv, "student id") == ["s1"]


def test_no_ids_in_the_column_named_is_told_as_that_column(tmp_path: Path) -> None:
    roster = export(tmp_path / "class.csv", "# the class, to fill in", "")
    assert problems(roster, "SIS User ID") == [
        f"{roster}: --id-column 'SIS User ID': the roster has no header row to find this column in, nor any "
        "student id (it holds only blank lines and # comments)"
    ]
    export(roster, "Student ID,Name")
    assert problems(roster, "Student ID") == [f"{roster}: no student ids (in column 'Student ID')"]
    assert problems(roster) == [f"{roster}: no student ids (in column 'Student ID')"]


def test_a_row_without_an_id_names_the_column_by_its_header(tmp_path: Path) -> None:
    roster = export(tmp_path / "class.csv", "Student ID,Name", "s1,Ben", ",Ann")
    expected = [f"{roster}:3: no student id in column 'Student ID'"]
    assert problems(roster, "student id") == problems(roster) == expected
    export(roster, "s1,Ben", ",Ann")  # no header to name it by
    assert problems(roster) == [f"{roster}:2: no student id in the first column"]
