"""A sheet with several problems has them all told in one run, a line each, in line order, and is refused whole."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from checks.cli import main
from checks.gradebook.collect import Failure
from checks.gradebook.tables import failures_csv
from checks.sheets import MAX_PROBLEMS

from conftest import DATA

SAMPLE = str(DATA / "bank.yaml")

# Three mistyped ids, an answer written twice, a mistyped field and an unknown chapter, in that order down the sheet.
MISTYPED = """\
student: "s1020"
letters: book
answers:
  t-single: a
  t-singel: b
  t-multple: [a, b]
  t-single: c
  t-truefalse: true
  t-orderng: [a, b, c, d, e]
submited: 2026-12-01
chapters: [sampel]
"""
TOLD = [
    ":5: unknown exercise id 't-singel' (did you mean 't-single'?)",
    ":6: unknown exercise id 't-multple' (did you mean 't-multiple'?)",
    ":7: duplicate key 't-single' (first used on line 4)",
    ":9: unknown exercise id 't-orderng' (did you mean 't-ordering'?)",
    ":10: unknown field 'submited' (did you mean 'submitted'?)",
    ":11: unknown chapter 'sampel' in 'chapters' (did you mean 'sample'?)",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--banks", SAMPLE, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_every_problem_of_a_sheet_is_told_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A student's sheet is put right in one round: each problem on its own line, in line order, as a compiler
    and `checks validate` tell them; the sheet is refused whole, and nothing of it is graded."""
    sheet = tmp_path / "s1020.yaml"
    sheet.write_text(MISTYPED, encoding="utf-8")
    code, out, err = run(capsys, "grade", str(sheet))
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"error: {sheet}{line}" for line in TOLD]


def test_a_sheet_with_several_problems_is_one_sheet_not_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "s1020.yaml").write_text(MISTYPED, encoding="utf-8")
    (tmp_path / "s1021.yaml").write_text("student: s1021\nanswers:\n  t-single: a\n", encoding="utf-8")
    code, out, err = run(capsys, "grade", str(tmp_path))
    assert code == 2 and out.startswith(f"{tmp_path / 's1021.yaml'}: s1021: 1 / ")
    assert err.splitlines()[-1] == "graded 1 sheet(s), 1 could not be graded"
    # With --json, its place in the list holds every problem; the first stands as its error, as for one problem.
    code, out, _ = run(capsys, "grade", "--json", str(tmp_path))
    refused, graded = json.loads(out)
    assert code == 2 and graded["student"] == "s1021"
    assert refused["file"] == str(tmp_path / "s1020.yaml")
    assert (refused["line"], refused["error"]) == (5, TOLD[0].split(": ", 1)[1])
    assert [(p["line"], p["error"]) for p in refused["problems"]] == [
        (int(line.split(":")[1]), line.split(": ", 1)[1]) for line in TOLD
    ]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # A field typed wrong is told once: not as missing too.
        ("studnet: ann\nanswer:\n  t-single: a\n", [":1: unknown field 'studnet'", ":2: unknown field 'answer'"]),
        # A problem of the whole sheet, which has no line, comes first.
        ("answers:\n  t-singel: a\n", [": 'student' is missing", ":2: unknown exercise id 't-singel'"]),
        # Every field that is wrong, and each unknown chapter.
        (
            "student: 0123\nsubmitted: soon\nletters: ids\nlettering: {sample: x}\nchapters: [one, sample, two]\n"
            "answers: {}\n",
            [
                ":1: 'student' must be text: put the id in quotes",
                ":2: 'submitted' must be a date and time",
                ":3: 'letters' must be 'book'",
                ":5: unknown chapter 'one'",
                ":5: unknown chapter 'two'",
            ],
        ),
        # A value YAML cannot read is told as such, and not again as a value of the wrong kind.
        (
            "student: ann\nsubmitted: 2026-13-45\nanswers:\n  t-numeric: !!int x\n",
            [":2: invalid value", ":4: YAML tags"],
        ),
    ],
)
def test_each_problem_is_told_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, told: list[str]
) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "grade", str(sheet))
    lines = err.splitlines()
    assert code == 2 and len(lines) == len(told), err
    assert all(line.startswith(f"error: {sheet}{start}") for line, start in zip(lines, told, strict=True)), err


def test_a_sheet_of_many_problems_lists_the_first_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet for another book, or graded against the wrong banks, may have an unknown id a line: the first
    screenful is told, and where the rest begin."""
    sheet = tmp_path / "s.yaml"
    extra = 7
    ids = "".join(f"  x-{n}: a\n" for n in range(MAX_PROBLEMS + extra))
    sheet.write_text(f"student: ann\nanswers:\n{ids}", encoding="utf-8")
    code, _, err = run(capsys, "grade", str(sheet))
    *listed, rest = err.splitlines()
    assert code == 2 and len(listed) == MAX_PROBLEMS
    assert listed[0].startswith(f"error: {sheet}:3: unknown exercise id 'x-0' (no bank has exercise ids beginning")
    assert rest == f"error: {sheet}:{3 + MAX_PROBLEMS}: and {extra} more problem(s) from this line on, not listed"


def test_the_gradebook_lists_every_problem_of_a_refused_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On standard error as `checks grade` tells them; in failed.csv and the report, in the sheet's one row."""
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "s1020.yaml").write_text(MISTYPED, encoding="utf-8")
    (sheets / "s1021.yaml").write_text("student: s1021\nanswers:\n  t-single: a\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "gradebook", str(sheets), "--out", str(out))
    refused = sheets / "s1020.yaml"
    assert code == 2
    assert [line for line in err.splitlines() if line.startswith("error: ")] == [
        f"error: {refused}{line}" for line in TOLD
    ]
    assert err.splitlines()[-1].startswith("graded 1 sheet(s) of 1 student(s), 1 could not be graded;")
    reasons = [TOLD[0].split(": ", 1)[1], *(f"line {line[1:]}" for line in TOLD[1:])]
    assert reasons[1] == "line 6: unknown exercise id 't-multple' (did you mean 't-multiple'?)"
    with (out / "failed.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [["file", "line", "reason"], [str(refused), "5", "; ".join(reasons)]]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "1 sheet(s) could not be graded" in report
    assert f"<td>5</td><td>{'<br>'.join(reasons).replace(chr(39), '&#x27;')}</td>" in report


def test_a_failure_with_one_problem_reads_as_before() -> None:
    one = Failure(Path("a.yaml"), "empty file")
    several = Failure(Path("b.yaml"), "first", 3, ((4, "second"), (None, "third")))
    assert one.lines() == ["a.yaml: empty file"] and one.reasons() == ["empty file"]
    assert several.lines() == ["b.yaml:3: first", "b.yaml:4: second", "b.yaml: third"]
    assert several.reasons() == ["first", "line 4: second", "third"]
    rows = list(csv.reader(io.StringIO(failures_csv([one, several]), newline="")))
    assert rows[1:] == [["a.yaml", "", "empty file"], ["b.yaml", "3", "first; line 4: second; third"]]
