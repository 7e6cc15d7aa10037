"""The class gradebook: grades.csv, items.csv, failed.csv and report.html from a folder of sheets."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
import unicodedata
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from checks import variants
from checks.cli import main as checks_main
from checks.files import NAMES_SHOWN
from checks.gradebook import OUTPUTS, add_parser, cmd_gradebook
from checks.gradebook.collect import Failure, collect
from checks.gradebook.roster_rows import on_roster, read_students, unlisted_warning
from checks.gradebook.tables import FORMULA_STARTS, cell, failures_csv, number
from checks.loading import Book, load_book
from checks.options import UsageError
from checks.progress import PROGRESS_FROM
from checks.reading import InputError
from checks.sheets import Sheet, dump_yaml, grade_sheet, key_response, read_sheet

from classroom import BROKEN, CLASS_SIZE, write_class
from conftest import DATA, REPO

BOOK = str(REPO / "exercises")
SAMPLE = str(DATA / "bank.yaml")
PATH = '<span class="path">'  # a file path in a table of the report, broken where the cell needs it


def parser() -> argparse.ArgumentParser:
    """The ``checks`` options this command needs, until the CLI registers it."""
    p = argparse.ArgumentParser(prog="checks")
    p.add_argument("--banks", default=BOOK)
    add_parser(p.add_subparsers(dest="command", required=True))
    return p


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    args = parser().parse_args(list(argv))
    assert args.func is cmd_gradebook
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Another ``checks`` command, on the book's banks, to compare with the gradebook."""
    code = checks_main(["--banks", BOOK, *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def klass(tmp_path_factory: pytest.TempPathFactory, book: Book) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("class") / "sheets"
    return folder, write_class(folder, book)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def records(path: Path) -> list[dict[str, str]]:
    header, *rows = read_csv(path)
    return [dict(zip(header, row, strict=True)) for row in rows]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_grades_match_grading_each_sheet_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, klass: tuple[Path, list[Path]]
) -> None:
    folder, paths = klass
    before = snapshot(folder)
    code, out, err = run(capsys, "gradebook", str(folder), "--out", str(tmp_path / "out"))
    assert (code, out) == (2, "")
    summary = f"graded {CLASS_SIZE} sheet(s) of {CLASS_SIZE - 1} student(s), 3 could not be graded; wrote "
    assert err.splitlines()[-1].startswith(summary)
    assert snapshot(folder) == before  # submissions are only read
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)

    rows = records(tmp_path / "out" / "grades.csv")
    chapters = [b.chapter for b in book.banks]
    assert list(rows[0]) == ["student", "files", *chapters, "total", "max", "percent"]
    assert [r["student"] for r in rows] == sorted({r["student"] for r in rows})  # one row per student, in order
    assert len(rows) == CLASS_SIZE - 1
    files = [f for r in rows for f in r["files"].split("; ")]
    assert sorted(files) == sorted(str(p) for p in paths)
    most = sum(e.points for _, e in book.exercises())
    for row in rows:
        if row["student"] == "s07":
            continue  # two sheets, merged: below
        alone = grade_sheet(read_sheet(Path(row["files"]), book), book)
        assert row["student"] == alone.sheet.student
        for chapter, (score, _) in alone.by_chapter().items():
            assert float(row[chapter]) == pytest.approx(score, abs=5e-5)
        assert float(row["total"]) == pytest.approx(alone.score, abs=5e-5)
        assert float(row["max"]) == most == alone.max_score
        assert float(row["percent"]) == pytest.approx(100 * alone.score / most, abs=5e-5)
    # The class is not uniform, so the comparison above covered different totals.
    assert len({r["total"] for r in rows}) > 10
    # The student who handed in twice has one row: the later file's answers count where the two differ.
    (twice,) = [r for r in rows if r["student"] == "s07"]
    assert twice["files"] == "; ".join(str(p) for p in (paths[7], paths[-1]))
    first, last = (read_sheet(p, book).answers for p in (paths[7], paths[-1]))
    merged = grade_sheet(Sheet(paths[-1], "s07", {**first, **last}), book)
    assert float(twice["total"]) == pytest.approx(merged.score, abs=5e-5)
    assert merged.score != grade_sheet(Sheet(paths[-1], "s07", last), book).score  # the first sheet counted too


def test_items_csv_covers_every_exercise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, klass: tuple[Path, list[Path]]
) -> None:
    run(capsys, "gradebook", str(klass[0]), "--out", str(tmp_path))
    items = records(tmp_path / "items.csv")
    assert [r["exercise"] for r in items] == [e.id for _, e in book.exercises()]
    for row in items:
        assert 0 < int(row["answered"]) <= CLASS_SIZE
        assert 0 <= float(row["difficulty"]) <= 1
        assert -1 <= float(row["discrimination"]) <= 1
    # Stronger students were given more right answers, so most exercises discriminate positively.
    positive = [r for r in items if float(r["discrimination"]) > 0]
    assert len(positive) > 0.8 * len(items)


# A tiny class over tests/data/bank.yaml, computed by hand.
#
#   student  t-single   t-truefalse  t-multiple (3 pts)  t-text          total
#   a1       a   1      false 1      [a,b,c]   3         intravasation 1   6
#   a2       a   1      false 1      [a,b]     2         extravasation 0   4
#   a3       a   1      true  0      [a,b,c]   3         intravasation 1   5
#   a4       b   0      false 1      [a]       1         -                 2
#   a5       c   0      true  0      [a,d]     0         zzz           0   0
#   a6       -          false 1      [d,e]     0         intravasation 1   2
#   a7       7 (invalid)true  0      [a,b,c,d] 2         -                 2
#   a8       a   1      false 1      -                   extravasation 0   2
#
# Ranked by total (ties by name): a1 a3 a2 a4 a6 a7 a8 a5.
# t-single, 7 answered (a7's invalid answer counts as answered), rest score r = total − score:
#   s = 1 1 1 0 0 0 1 (a1 a2 a3 a4 a5 a7 a8), r = 5 3 4 2 0 2 1
#   Σs=4 Σr=17 Σsr=13 Σs²=4 Σr²=59: cov = 13 − 4·17/7 = 3.2857, var_s = 4 − 16/7 = 1.7143,
#   var_r = 59 − 289/7 = 17.7143, discrimination = 3.2857 / √(1.7143·17.7143) = 0.5962.
#   Groups of round(0.27·7) = 2: upper a1 a3 (1, 1), lower a8 a5 (1, 0): 1 − 0.5 = 0.5.
# t-truefalse, 8 answered: s = 1 1 0 1 0 1 0 1, r = 5 3 5 1 0 1 2 1
#   cov = 11 − 5·18/8 = −0.25, var_s = 1.875, var_r = 66 − 324/8 = 25.5: −0.25 / √47.8125 = −0.0362.
#   Groups of 2: upper a1 a3 (1, 0), lower a8 a5 (1, 0): 0.
# t-multiple, 7 answered: s = 3 2 3 1 0 0 2 (a1 … a7), r = 3 2 2 1 0 2 0
#   cov = 20 − 11·10/7 = 4.2857, var_s = 27 − 121/7 = 9.7143, var_r = 22 − 100/7 = 7.7143: 0.4951.
#   Mean share 11/21 = 0.5238. Groups of 2: upper a1 a3 (1, 1), lower a7 a5 (2/3, 0): 1 − 1/3 = 0.6667.
# t-text, 6 answered: s = 1 0 1 0 1 0 (a1 a2 a3 a5 a6 a8), r = 5 4 4 0 1 2
#   cov = 10 − 3·16/6 = 2, var_s = 1.5, var_r = 62 − 256/6 = 19.3333: 2 / √29 = 0.3714.
#   Groups of 2: upper a1 a3 (1, 1), lower a8 a5 (0, 0): 1.
TINY_CLASS = {
    "a1": {"t-single": "a", "t-truefalse": False, "t-multiple": ["a", "b", "c"], "t-text": "intravasation"},
    "a2": {"t-single": "a", "t-truefalse": False, "t-multiple": ["a", "b"], "t-text": "extravasation"},
    "a3": {"t-single": "a", "t-truefalse": True, "t-multiple": ["a", "b", "c"], "t-text": "intravasation"},
    "a4": {"t-single": "b", "t-truefalse": False, "t-multiple": ["a"]},
    "a5": {"t-single": "c", "t-truefalse": True, "t-multiple": ["a", "d"], "t-text": "zzz"},
    "a6": {"t-truefalse": False, "t-multiple": ["d", "e"], "t-text": "intravasation"},
    "a7": {"t-single": 7, "t-truefalse": True, "t-multiple": ["a", "b", "c", "d"]},
    "a8": {"t-single": "a", "t-truefalse": False, "t-text": "extravasation"},
}
# The one answer of the tiny class that could not be read.
TINY_UNREAD = (
    "warning: {}/a7.json: 1 answer(s) could not be read and score 0 (t-single); checks grade on this sheet shows "
    "the shape each one needs"
)
EXPECTED_ITEMS = {
    "t-single": {
        "answered": "7",
        "correct": "4",
        "difficulty": "0.5714",
        "mean_share": "0.5714",
        "discrimination": "0.5962",
        "upper_lower": "0.5",
        "misconceptions": "wrong-b=1; wrong-c=1",
    },
    "t-truefalse": {
        "answered": "8",
        "correct": "5",
        "difficulty": "0.625",
        "mean_share": "0.625",
        "discrimination": "-0.0362",
        "upper_lower": "0",
        "responses": "true=3; false=5; invalid=0; unanswered=0",
        "misconceptions": "stage-iv-always-metastatic=3",
    },
    "t-multiple": {
        "answered": "7",
        "correct": "2",
        "difficulty": "0.2857",
        "mean_share": "0.5238",
        "discrimination": "0.4951",
        "upper_lower": "0.6667",
        "misconceptions": "tag-d=3; tag-e=1",
    },
    "t-text": {
        "answered": "6",
        "correct": "3",
        "difficulty": "0.5",
        "mean_share": "0.5",
        "discrimination": "0.3714",
        "upper_lower": "1",
        "responses": "correct=3; partial=0; incorrect=3; invalid=0; unanswered=2",
        "misconceptions": "entry-exit=2",
    },
    "t-numeric": {
        "answered": "0",
        "correct": "0",
        "difficulty": "",
        "mean_share": "",
        "discrimination": "",
        "upper_lower": "",
        "responses": "correct=0; partial=0; incorrect=0; invalid=0; unanswered=8",
        "misconceptions": "",
    },
}

# How many chose each option, by its text; items.csv names each by the letter the book prints it with.
CHOICE_COUNTS = {
    "t-single": ({"Right": 4, "Wrong": 1, "Also wrong": 1}, "invalid=1; unanswered=1"),
    "t-multiple": ({"A": 6, "B": 4, "C": 3, "D": 3, "E": 1}, "invalid=0; unanswered=1"),
}


def printed_options(capsys: pytest.CaptureFixture[str], exercise: str) -> list[tuple[str, str]]:
    """(letter, text) of an exercise's options, as the blank answer sheet (like the book) prints them."""
    from checks.cli import main

    assert main(["--banks", SAMPLE, "sheet"]) == 0
    sheet = capsys.readouterr().out
    block = sheet.split(f": {exercise} (", 1)[1].split(f"  {exercise}:", 1)[0]
    return re.findall(r"^  #   ([a-z]): (.+)$", block, flags=re.MULTILINE)


def write_tiny_class(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for student, answers in TINY_CLASS.items():
        # Downloads from the web book, in option ids, with the time handed in.
        sheet = {"student": student, "submitted": "2026-12-01T09:30:00Z", "answers": answers}
        (folder / f"{student}.json").write_text(json.dumps(sheet))


def test_item_analysis_matches_hand_computation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny_class(tmp_path / "tiny")
    code, out, err = run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--out", str(tmp_path / "out"))
    unread, summary = err.splitlines()
    assert (code, out) == (0, "") and summary.startswith("graded 8 sheet(s) of 8 student(s), 0 could not be graded; ")
    assert unread == TINY_UNREAD.format(tmp_path / "tiny")  # a7's t-single: 7
    items = {r["exercise"]: r for r in records(tmp_path / "out" / "items.csv")}
    for exercise, expected in EXPECTED_ITEMS.items():
        assert {k: items[exercise][k] for k in expected} == expected, exercise
    for exercise, (by_text, tail) in CHOICE_COUNTS.items():
        printed = printed_options(capsys, exercise)
        assert sorted(text for _, text in printed) == sorted(by_text)
        assert [letter for letter, _ in printed] == list("abcde"[: len(printed)])
        counts = "; ".join(f"({letter})={by_text[text]}" for letter, text in printed)
        assert items[exercise]["responses"] == f"{counts}; {tail}", exercise
    totals = {r["student"]: r["total"] for r in records(tmp_path / "out" / "grades.csv")}
    assert totals == {"a1": "6", "a2": "4", "a3": "5", "a4": "2", "a5": "0", "a6": "2", "a7": "2", "a8": "2"}


def test_hand_written_answers_are_counted_as_the_options_they_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sheets filled by hand say "(B)", "yes" or "a, c": items.csv counts them under the options they name,
    an empty answer as unanswered, and on a sheet in ids a one-letter "(B)" (likelier the book's letter
    than the id b) as invalid."""
    sample = load_book([Path(SAMPLE)])
    book_letter = {
        e: {i: letter for letter, i in variants.book_letters(sample.find(e)[1]).items()}  # type: ignore[index]
        for e in ("t-single", "t-multiple")
    }
    single, multiple = book_letter["t-single"], book_letter["t-multiple"]
    hands = {  # the first two in the book's letters, the third in ids
        "h1": {
            "t-single": f"({single['b'].upper()})",
            "t-truefalse": "yes",
            "t-multiple": f"{multiple['a']}, {multiple['c']}",
        },
        "h2": {
            "t-single": f" {single['b']} ",
            "t-truefalse": "F",
            "t-multiple": [f"({multiple['a'].upper()})", f"{multiple['b']}."],
        },
        "h3": {"t-single": "(B)", "t-truefalse": False, "t-multiple": []},
    }
    for student, answers in hands.items():
        letters = {"letters": "book"} if student != "h3" else {}
        (tmp_path / f"{student}.json").write_text(json.dumps({"student": student, **letters, "answers": answers}))
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path), "--out", str(tmp_path / "out"))[0] == 0
    items = {r["exercise"]: r for r in records(tmp_path / "out" / "items.csv")}

    def by_letter(exercise_id: str, picks: dict[str, int]) -> str:  # counts by id, as items.csv names them
        ex = sample.find(exercise_id)[1]  # type: ignore[index]
        return "; ".join(f"({letter})={picks.get(o.id, 0)}" for letter, o in variants.lettered(ex))

    assert items["t-single"]["responses"] == by_letter("t-single", {"b": 2}) + "; invalid=1; unanswered=0"
    assert items["t-truefalse"]["responses"] == "true=1; false=2; invalid=0; unanswered=0"
    multiple_counts = by_letter("t-multiple", {"a": 2, "b": 1, "c": 1})
    assert items["t-multiple"]["responses"] == multiple_counts + "; invalid=0; unanswered=1"
    assert [items[e]["answered"] for e in ("t-single", "t-truefalse", "t-multiple")] == ["3", "3", "2"]


@pytest.mark.parametrize("text", ['=HYPERLINK("x","y")', "+1", "-2", "@x", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_are_neutralised(text: str) -> None:
    assert cell(text) == "'" + text
    assert cell("Ann") == "Ann" and cell("1.5") == "1.5" and cell("") == ""
    assert number(-0.00001) == "0" and number(2 / 3) == "0.6667" and number(10.0) == "10" and number(None) == ""


def test_formula_names_are_neutralised_in_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # so that a file name, as given, is the first thing in its cell
    names = {"a.json": '=HYPERLINK("http://example.invalid","x")', "b.json": "+1", "c.json": "-2", "d.json": "@x"}
    names |= {"\tx.json": "tab", "\rx.json": "cr"}
    for file, student in names.items():
        Path(file).write_text(json.dumps({"student": student, "answers": {"t-single": "a"}}))
    Path("=broken.json").write_text("{")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", *names, "=broken.json", "--out", "out")
    assert code == 2
    assert (
        err.splitlines()[0] == "error: =broken.json:1: invalid JSON: Expecting property name enclosed in double quotes"
    )
    _, *rows = read_csv(Path("out/grades.csv"))
    cells = {row[0]: row[1] for row in rows}
    assert cells == {
        "'" + names["a.json"]: "a.json",
        "'+1": "b.json",
        "'-2": "c.json",
        "'@x": "d.json",
        "cr": "'\rx.json",
        "tab": "'\tx.json",
    }
    every = [
        c for table in ("grades.csv", "items.csv", "failed.csv") for row in read_csv(Path("out", table)) for c in row
    ]
    numbers = {c for c in every if c.lstrip("-").replace(".", "", 1).isdigit()}
    assert not [c for c in every if c.startswith(FORMULA_STARTS) and c not in numbers]
    assert read_csv(Path("out/failed.csv"))[1] == ["'=broken.json", "1", read_csv(Path("out/failed.csv"))[1][2]]


def test_runs_are_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], klass: tuple[Path, list[Path]]
) -> None:
    folder, paths = klass
    run(capsys, "gradebook", str(folder), "--out", str(tmp_path / "one"))
    first = {name: (tmp_path / "one" / name).read_bytes() for name in OUTPUTS}
    run(capsys, "gradebook", str(folder), "--out", str(tmp_path / "one"))
    run(capsys, "gradebook", str(folder), "--out", str(tmp_path / "two"))
    assert {name: (tmp_path / "one" / name).read_bytes() for name in OUTPUTS} == first
    assert {name: (tmp_path / "two" / name).read_bytes() for name in OUTPUTS} == first
    # The order sheets are named in does not change the tables either.
    run(capsys, "gradebook", *(str(p) for p in reversed(paths)), "--out", str(tmp_path / "three"))
    for name in ("grades.csv", "items.csv"):
        assert (tmp_path / "three" / name).read_bytes() == first[name]
    assert b"e+" not in first["grades.csv"] and b"0000000" not in first["items.csv"]


@pytest.mark.parametrize("fail_in", ["fsync", "replace"])
def test_a_crash_while_writing_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fail_in: str
) -> None:
    write_tiny_class(tmp_path / "tiny")
    out = tmp_path / "out"
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--out", str(out))[0] == 0
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    (tmp_path / "tiny" / "a9.json").write_text(json.dumps({"student": "a9", "answers": {"t-single": "b"}}))
    real_replace, real_fsync = os.replace, os.fsync

    def crash_on_items(target: Any) -> bool:
        return Path(str(target)).name.startswith(".items.csv") or Path(str(target)).name == "items.csv"

    def replace(src: Any, dst: Any) -> None:
        if crash_on_items(dst):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    def fsync(fd: int) -> None:
        if crash_on_items(os.readlink(f"/proc/self/fd/{fd}")):
            raise OSError(5, "Input/output error")  # the data is in the temporary file, not yet renamed
        real_fsync(fd)

    if fail_in == "replace":
        monkeypatch.setattr(os, "replace", replace)
    else:
        monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(InputError, match=r"items\.csv: cannot be written"):
        run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--out", str(out))
    assert (out / "items.csv").read_bytes() == before["items.csv"]  # whole, and the previous run's
    if fail_in == "fsync":  # every file is written in full before any is renamed: none of them changed
        assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary file left behind


def test_broken_sheets_are_listed_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], klass: tuple[Path, list[Path]]
) -> None:
    folder = klass[0]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "gradebook", str(folder), str(empty), "--out", str(tmp_path / "out"))
    assert code == 2
    expected = [(str(folder / name), reason) for name, (_, reason) in BROKEN.items()]
    expected = sorted([*expected, (str(empty), "folder holds no answer sheets (.json, .yaml, .yml)")])
    failed = read_csv(tmp_path / "out" / "failed.csv")
    assert failed[0] == ["file", "line", "reason"]
    assert [(f, r.split(":")[0]) for f, _, r in failed[1:]] == [(f, r.split(":")[0]) for f, r in expected]
    assert {Path(f).name: line for f, line, _ in failed[1:]} == {  # the line, where the parser knows it
        "broken-json.json": "1",
        "no-student.json": "",
        "unknown-id.yaml": "3",  # the line of the unknown id
        "empty": "",
    }
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {f}{':' + n if n else ''}: {r}" for f, n, r in failed[1:]]
    assert all(line.startswith(("error: ", "warning: ")) for line in err.splitlines()[:-1])  # the class's out of shape
    report = (tmp_path / "out" / "report.html").read_text()
    assert "3 sheet(s) could not be graded and are in no table or plot. 1 path(s) given held no sheet" in report
    for file, line, reason in failed[1:]:
        assert f"<td>{PATH}{file}</span></td><td>{line}</td><td>{reason.replace(chr(39), '&#x27;')}</td>" in report


def test_all_graded_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny_class(tmp_path / "tiny")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--out", str(tmp_path / "o"))
    assert code == 0 and not err.startswith("error")
    assert read_csv(tmp_path / "o" / "failed.csv") == [["file", "line", "reason"]]
    assert "Every sheet was graded." in (tmp_path / "o" / "report.html").read_text()
    (tmp_path / "file").write_text("")
    with pytest.raises(UsageError, match="must be a folder"):
        run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--out", str(tmp_path / "file"))


def test_out_dash_is_refused_not_made_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o -`` is standard output to export and key; the gradebook writes four files, so it is told, not made
    a folder named "-"."""
    write_tiny_class(tmp_path / "tiny")
    monkeypatch.chdir(tmp_path)
    code = checks_main(["--banks", str(SAMPLE), "gradebook", "tiny", "-o", "-"])
    assert (code, capsys.readouterr().err) == (
        2,
        "error: --out -: standard output cannot hold the four files; name a folder\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny"]


def test_an_out_folder_under_a_file_is_one_line_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out file/sub cannot be made: said as the other commands say it, not as the system's "Not a directory",
    and before the class is graded (the tiny class's unreadable sheets are not told of)."""
    write_tiny_class(tmp_path / "tiny")
    (tmp_path / "file").write_text("x")
    for out in (tmp_path / "file" / "sub", tmp_path / "file" / "sub" / "deeper"):
        assert checks_main(["--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.splitlines() == [f"error: {out}: cannot be written (part of its folder path is a file)"]
    assert (tmp_path / "file").read_text() == "x"


class Page(HTMLParser):
    """The parts of the report the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.links: list[str] = []
        self.svgs: list[dict[str, Any]] = []
        self.page_title = ""
        self.tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action", "srcset")]
        if tag in ("meta", "link", "br", "hr", "img", "input"):
            return  # void elements have no end tag
        if tag == "svg":
            self.svgs.append({"attrs": dict(attrs), "title": "", "desc": "", "marks": []})
        if tag == "table":
            self.tables += 1
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not self.stack:
            return
        if self.stack == ["html", "head", "title"]:
            self.page_title += data
        elif self.svgs and "svg" in self.stack and self.stack[-1] in ("title", "desc"):
            parent = self.stack[-2]
            if parent == "svg":
                self.svgs[-1][self.stack[-1]] += data
            else:
                self.svgs[-1]["marks"].append((parent, data))


def test_report_is_offline_with_three_accessible_plots(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, klass: tuple[Path, list[Path]]
) -> None:
    run(capsys, "gradebook", str(klass[0]), "--out", str(tmp_path))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    assert page.page_title == "Class gradebook"
    assert not [link for link in page.links if "http" in link or "//" in link]
    assert "url(" not in html and "@import" not in html and "<script" not in html
    assert "default-src 'none'" in html  # and the browser refuses anything that slipped through
    titles = [svg["title"] for svg in page.svgs]
    assert titles == ["Misconceptions by chapter", "Score distribution", "Item difficulty and discrimination"]
    for svg in page.svgs:
        assert svg["attrs"]["role"] == "img" and svg["desc"]
        slug = svg["attrs"]["aria-labelledby"].split()[0].removesuffix("-title")
        assert f'id="{slug}-title"' in html and f'id="{slug}-desc"' in html
    bars, histogram, scatter = page.svgs
    assert sum(int(text.rsplit(": ", 1)[1]) for _, text in histogram["marks"]) == CLASS_SIZE - 1  # students
    points = [text.split(":")[0] for tag, text in scatter["marks"] if tag == "circle"]
    plotted = [r["exercise"] for r in records(tmp_path / "items.csv") if r["discrimination"]]
    assert points == plotted and len(points) > 0.9 * len(list(book.exercises()))
    assert [text.split(":")[0] for _, text in bars["marks"]] == [b.chapter for b in book.banks]
    assert page.tables >= 1 + 3 + 1 + 2 + 2  # summary, one per plot, exercises, failures, duplicates, findings
    # Eight chapters graded: the exercises table says each one's chapter.
    assert '<th scope="col">exercise</th><th scope="col">chapter</th>' in html
    assert html.count("<details><summary>The same numbers as a table</summary>") == 3
    # The student who handed in twice is listed, with both files and the exercises the two answer differently.
    assert "1 student(s) handed in more than one sheet" in html
    assert "1 of them answered an exercise differently on two sheets" in html
    assert "<td>s07</td>" in html


def test_report_escapes_what_students_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for file in ("x.json", "y.json"):  # the same student twice, so the name is listed among the duplicates
        (tmp_path / file).write_text(json.dumps({"student": "<script>alert(1)</script>", "answers": {}}))
    out = tmp_path / "out"
    run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "x.json"), str(tmp_path / "y.json"), "--out", str(out))
    html = (out / "report.html").read_text()
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in html and "<script>" not in html


def test_file_names_are_shown_whatever_they_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sheet's name is the student's to choose: standard error shows its escapes as such, and one whose bytes
    are not UTF-8 is written in every file as standard error writes it, where writing the files failed. The
    report escapes its names as HTML, with a control character as its escape (no HTML page may hold one), and the
    CSV files keep them as they are, but for those bytes."""
    folder = tmp_path / "class"
    folder.mkdir()
    sheet = json.dumps({"student": "Ann", "answers": {"t-single": "a"}})
    (folder / "a\x1b[41m<b>.json").write_text(sheet, encoding="utf-8")
    (folder / os.fsdecode(b"b\xff.json")).write_text(sheet.replace("Ann", "Bo"), encoding="utf-8")
    (folder / "c<i>\x1b[42m.json").write_text("{", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    assert code == 2 and "\x1b" not in err
    assert f"error: {folder}/c<i>\\x1b[42m.json:1: invalid JSON" in err
    assert f"warning: {folder}/a\\x1b[41m<b>.json: the sheet's 'letters:' line is missing or empty" in err
    grades = (out / "grades.csv").read_text(encoding="utf-8")
    assert f"Ann,{folder}/a\x1b[41m<b>.json," in grades and f"Bo,{folder}/b\\udcff.json," in grades
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f'<td><span class="path">{folder}/c&lt;i&gt;\\x1b[42m.json</span></td>' in html and "<i>" not in html
    assert "\x1b" not in html


RUNNER = """
import argparse, sys
from checks.gradebook import add_parser
p = argparse.ArgumentParser(prog="checks")
p.add_argument("--banks")
add_parser(p.add_subparsers(dest="command", required=True))
args = p.parse_args(sys.argv[1:])
code = args.func(args)
print("rich loaded" if "rich" in sys.modules else "rich not loaded")
sys.exit(code)
"""


def run_in_terminal(argv: list[str], stdout: Path) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal; what the terminal showed."""
    main, child = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    with stdout.open("wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=child, env=env, cwd=REPO)
    os.close(child)
    shown, deadline = b"", time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 1.0)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            shown += data
        elif proc.poll() is not None:
            break
    os.close(main)
    return proc.wait(timeout=60), shown.decode("utf-8", "replace")


def test_progress_only_on_a_terminal(tmp_path: Path, klass: tuple[Path, list[Path]]) -> None:
    folder = klass[0]
    files = CLASS_SIZE + len(BROKEN)
    assert files >= PROGRESS_FROM
    argv = [sys.executable, "-c", RUNNER, "--banks", BOOK, "gradebook", str(folder), "--out", str(tmp_path / "a")]
    code, shown = run_in_terminal(argv, tmp_path / "stdout")
    assert code == 2
    assert f"{files}/{files}" in shown and "grading" in shown and "\x1b[" in shown
    assert "rich loaded" in (tmp_path / "stdout").read_text()

    argv[-1] = str(tmp_path / "b")
    piped = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, check=False)
    assert piped.returncode == 2
    *lines, summary = piped.stderr.splitlines()
    errors = [line for line in lines if not line.startswith("warning: ")]  # and the answers out of shape
    assert len(errors) == len(BROKEN) and all(line.startswith("error: ") for line in errors)
    assert summary.startswith(f"graded {CLASS_SIZE} sheet(s)")
    assert "\x1b" not in piped.stderr and f"{files}/{files}" not in piped.stderr
    assert "rich not loaded" in piped.stdout  # nothing to show, nothing imported
    assert (tmp_path / "a" / "grades.csv").read_bytes() == (tmp_path / "b" / "grades.csv").read_bytes()


def test_one_file_gets_no_progress_bar_even_on_a_terminal(tmp_path: Path) -> None:
    write_tiny_class(tmp_path / "tiny")
    argv = [sys.executable, "-c", RUNNER, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny" / "a1.json")]
    code, shown = run_in_terminal([*argv, "--out", str(tmp_path / "o")], tmp_path / "stdout")
    assert code == 0
    assert shown.startswith("graded 1 sheet(s)") and "\x1b" not in shown and "1/1" not in shown


def test_csv_text_is_read_back_unchanged_by_a_csv_reader() -> None:
    failures = [Failure(Path('x "quoted", with comma.json'), "line\nbreak", 3), Failure(Path("y.json"), "é ✓")]
    text = failures_csv(failures)
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["file", "line", "reason"],
        ['x "quoted", with comma.json', "3", "line\nbreak"],
        ["y.json", "", "é ✓"],
    ]


def test_pausing_the_collector_restores_it_without_a_late_sweep() -> None:
    """After a paused class, the collector is back on and does not walk the whole class at once."""
    import gc

    from checks.gradebook.collect import paused_gc

    sweeps: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        sweeps.append(phase)

    assert gc.isenabled()
    gc.callbacks.append(note)
    try:
        with paused_gc():
            assert not gc.isenabled()
            kept = [[n] for n in range(20_000)]  # far past the threshold of a young-generation sweep
        after = list(sweeps)  # an allocation: a sweep would run here, had the count not been reset
    finally:
        gc.callbacks.remove(note)
    assert gc.isenabled() and len(kept) == 20_000
    assert after == []


def test_pausing_the_collector_leaves_objects_frozen_by_others_frozen() -> None:
    import gc

    from checks.gradebook.collect import paused_gc

    kept = [[n] for n in range(1000)]  # held here, so they stay frozen unless something thaws them
    gc.freeze()
    try:
        assert gc.get_freeze_count() >= len(kept)
        with paused_gc():
            pass
        # Frozen objects are in no generation. (The freeze count alone may fall as other frozen
        # objects are freed, which says nothing about thawing.)
        held = {id(x) for x in kept}
        assert not any(id(o) in held for o in gc.get_objects())
    finally:
        gc.unfreeze()
    assert sum(id(o) in held for o in gc.get_objects()) == len(kept)  # the check above can fail


# -- a student's sheets merged into one row ------------------------------------------------------


def write_sheet(path: Path, student: str, answers: dict[str, Any], submitted: str | None = None) -> Path:
    data: dict[str, Any] = {"student": student, "answers": answers}
    if submitted is not None:
        data["submitted"] = submitted
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def grades_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *sheets: Path
) -> tuple[int, str, dict[str, dict[str, str]]]:
    out = tmp_path / "out"
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", *map(str, sheets), "--out", str(out))
    return code, err, {r["student"]: r for r in records(out / "grades.csv")}


def test_a_students_pages_make_one_row(tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book) -> None:
    """The web book downloads a sheet per page: they add up to one row, as one sheet with every answer would."""
    pages = [
        {"t-single": "a", "t-truefalse": False},
        {"t-multiple": ["a", "b", "c"], "t-text": "metastasis"},
        {"t-ordering": ["x"], "t-single": "a"},  # the same answer again is no conflict
    ]
    sheets = [write_sheet(tmp_path / f"answers-{n}.json", "ada", page) for n, page in enumerate(pages)]
    write_sheet(tmp_path / "bob.json", "bob", {"t-single": "b"})
    code, err, rows = grades_of(tmp_path, capsys, *sheets, tmp_path / "bob.json")
    assert code == 0 and "graded 4 sheet(s) of 2 student(s)" in err
    assert set(rows) == {"ada", "bob"}
    union = grade_sheet(Sheet(sheets[0], "ada", {k: v for page in pages for k, v in page.items()}), sample)
    assert float(rows["ada"]["total"]) == pytest.approx(union.score, abs=5e-5) and union.score > 3
    assert rows["ada"]["files"] == "; ".join(map(str, sheets))
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "1 student(s) handed in more than one sheet" in html and "answered an exercise differently" not in html


def test_the_sheet_handed_in_last_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book) -> None:
    # File names sort the other way round, so only the times can put "a" last.
    late = write_sheet(tmp_path / "a.json", "cy", {"t-single": "a", "t-truefalse": True}, "2026-12-02T08:00:00Z")
    early = write_sheet(tmp_path / "b.json", "cy", {"t-single": "b", "t-truefalse": True}, "2026-12-02T09:00:00+02:00")
    undated = write_sheet(tmp_path / "c.json", "cy", {"t-single": "c", "t-text": "metastasis"})
    code, _, rows = grades_of(tmp_path, capsys, late, early, undated)
    assert code == 0
    assert rows["cy"]["files"] == "; ".join(map(str, (undated, early, late)))  # undated, then 07:00 UTC, then 08:00
    merged = grade_sheet(Sheet(late, "cy", {"t-single": "a", "t-truefalse": True, "t-text": "metastasis"}), sample)
    assert float(rows["cy"]["total"]) == pytest.approx(merged.score, abs=5e-5)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "1 of them answered an exercise differently on two sheets" in html
    assert '<td class="names">t-single</td>' in html  # named; t-truefalse was answered alike, t-text once


def test_answers_written_by_hand_alike_are_not_answered_differently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "(Bone)" on one sheet and "bone" on the other grade alike, and so are not reported as a conflict."""
    first = write_sheet(tmp_path / "a.json", "di", {"t-matching": {"prostate": "(Bone)"}, "t-truefalse": "yes"})
    second = write_sheet(tmp_path / "b.json", "di", {"t-matching": {"Prostate": "bone"}, "t-truefalse": True})
    code, _, _ = grades_of(tmp_path, capsys, first, second)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert code == 0 and "1 student(s) handed in more than one sheet" in html
    assert "answered an exercise differently" not in html
    # A different option is still a conflict.
    third = write_sheet(tmp_path / "c.json", "di", {"t-matching": {"prostate": "(Liver)"}})
    grades_of(tmp_path, capsys, first, third)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert (
        "1 of them answered an exercise differently on two sheets" in html
        and '<td class="names">t-matching</td>' in html
    )


def test_written_answers_the_grader_reads_alike_are_not_answered_differently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case, accents and spaces make no difference to the grade of a word or a number, nor to whether two sheets
    disagree; a different word, number or unit does."""
    first = write_sheet(
        tmp_path / "a.json", "eve", {"t-text": "Metastasis", "t-numeric": "36.7 %", "t-numeric-rel": 200}
    )
    # The web book downloads a number as text; YAML reads one typed as a number.
    second = write_sheet(
        tmp_path / "b.json", "eve", {"t-text": " métastasis.", "t-numeric": "36.7%", "t-numeric-rel": "200.0"}
    )
    code, _, _ = grades_of(tmp_path, capsys, first, second)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert code == 0 and "1 student(s) handed in more than one sheet" in html
    assert "answered an exercise differently" not in html
    for other in ({"t-text": "metastases"}, {"t-numeric": "36.8%"}, {"t-numeric": "36.7 pp"}):
        (tmp_path / "b.json").unlink()
        write_sheet(tmp_path / "b.json", "eve", other)
        grades_of(tmp_path, capsys, first, tmp_path / "b.json")
        html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
        assert f'<td class="names">{next(iter(other))}</td>' in html, other


def test_a_sheet_with_a_bad_time_is_listed_and_the_rest_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_sheet(tmp_path / "bad.json", "dee", {"t-single": "a"}, "next Tuesday")
    good = write_sheet(tmp_path / "good.json", "dee", {"t-single": "b"}, "2026-12-01")
    code, err, rows = grades_of(tmp_path, capsys, bad, good)
    assert code == 2
    assert f"error: {bad}: 'submitted' must be a date and time such as 2026-12-01T09:30:00Z" in err.splitlines()
    assert rows["dee"]["files"] == str(good)


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        ({"b": 1, "a": 2}, {"a": 2, "b": 1}, False),  # key order means nothing
        ([1], [True], True),  # nor is 1 the same answer as true
        ("a", "a", False),
        ({1: "x", "b": "y"}, {"b": "y", 1: "x"}, False),  # keys that cannot be sorted together
    ],
)
def test_answers_compared_as_written(first: Any, second: Any, differ: bool) -> None:
    from checks.gradebook.merging import canonical

    assert (canonical(first) != canonical(second)) is differ


def test_sheets_handed_in_together_go_by_file_name_not_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    (tmp_path / "week1").mkdir()
    (tmp_path / "week2").mkdir()
    later = write_sheet(tmp_path / "week1" / "b.json", "eve", {"t-single": "a"})  # "b" after "a": counts
    earlier = write_sheet(tmp_path / "week2" / "a.json", "eve", {"t-single": "b"})
    code, _, rows = grades_of(tmp_path, capsys, later, earlier)
    assert code == 0 and rows["eve"]["files"] == f"{earlier}; {later}"
    assert float(rows["eve"]["total"]) == grade_sheet(Sheet(later, "eve", {"t-single": "a"}), sample).score > 0


def clash_line(older: Path, counts: Path, student: str, exercises: str, count: int = 1) -> str:
    return (
        f"warning: {older} and {counts}, both sheets of {student} without 'submitted', answer {count} exercise(s) "
        f"differently ({exercises}); {counts} counts, as the later file name: if they are two students' sheets, "
        "give each its own name or id and grade again"
    )


def test_a_resubmission_saved_beside_the_original_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """Without 'submitted', names go as a reader orders them: ben before ben (2) (a dot sorts after a space and a
    hyphen), and ben (2) before ben (10). The original does not override the corrections, and each clash with
    the sheet that counts is told on a line naming both files."""
    original = write_sheet(tmp_path / "ben.json", "Ben", {"t-truefalse": True, "t-text": "nope"})
    second = write_sheet(tmp_path / "ben (2).json", "Ben", {"t-text": "extravasation"})
    tenth = write_sheet(tmp_path / "ben (10).json", "Ben", {"t-numeric": 36.7})
    final = write_sheet(tmp_path / "ben-v2.json", "Ben", {"t-truefalse": False, "t-text": "intravasation"})
    code, err, rows = grades_of(tmp_path, capsys, final, original, tenth, second)
    assert code == 0 and rows["Ben"]["files"] == "; ".join(map(str, (original, second, tenth, final)))
    answers = {"t-truefalse": False, "t-text": "intravasation", "t-numeric": 36.7}
    assert float(rows["Ben"]["total"]) == grade_sheet(Sheet(final, "Ben", answers), sample).score == 4
    assert err.splitlines()[:-1] == [
        clash_line(original, final, "Ben", "t-truefalse, t-text", 2),
        clash_line(second, final, "Ben", "t-text"),
    ]
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "2 pair(s) of one student's sheets answer an exercise differently" in html
    assert (
        f"<tr><td>Ben</td><td>{PATH}{original}</span></td><td>{PATH}{final}</span></td>"
        '<td class="names">t-truefalse, t-text</td></tr>'
    ) in html


def test_two_students_of_one_name_are_told_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two Ann Lee, in two folders: merged as one student, as the sheets say; the line shows it. Sheets that say
    when they were handed in, or that agree, say nothing."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    one = write_sheet(tmp_path / "a" / "ann.json", "Ann Lee", {"t-text": "intravasation", "t-truefalse": True})
    other = write_sheet(tmp_path / "b" / "ann.json", "Ann Lee", {"t-text": "metastasis", "t-truefalse": True})
    code, err, _ = grades_of(tmp_path, capsys, other, one)
    assert code == 0 and err.splitlines()[:-1] == [clash_line(one, other, "Ann Lee", "t-text")]
    dated = write_sheet(tmp_path / "b" / "ann.json", "Ann Lee", {"t-text": "metastasis"}, "2026-12-01T09:30:00Z")
    code, err, _ = grades_of(tmp_path, capsys, dated, one)  # the time says which counts
    assert code == 0 and len(err.splitlines()) == 1
    agrees = write_sheet(tmp_path / "b" / "ann.json", "Ann Lee", {"t-text": "intravasation", "t-numeric": 1})
    code, err, _ = grades_of(tmp_path, capsys, agrees, one)
    assert code == 0 and len(err.splitlines()) == 1
    assert "pair(s) of one student" not in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("names", "order"),
    [
        (["ben.yaml", "ben (2).yaml", "ben-v2.yaml"], ["ben.yaml", "ben (2).yaml", "ben-v2.yaml"]),
        (["ben (10).yaml", "ben (2).yaml", "Ben.json"], ["Ben.json", "ben (2).yaml", "ben (10).yaml"]),
        (["answers-ada-10.json", "answers-ada-9.json"], ["answers-ada-9.json", "answers-ada-10.json"]),
        (["v2b.yaml", "v2a.yaml", "v10.yaml"], ["v2a.yaml", "v2b.yaml", "v10.yaml"]),
    ],
)
def test_file_names_go_as_a_reader_orders_them(names: list[str], order: list[str]) -> None:
    from checks.gradebook.merging import Read, handed_in

    sheets = [Read(Path("class") / name, None, (), False) for name in names]
    assert [sheet.path.name for sheet in handed_in(sheets)] == order


def test_sheets_without_a_name_are_never_merged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The browser writes "anonymous" when the name is left out: those are different people."""
    sheets = [
        write_sheet(tmp_path / f"{n}.json", who, {"t-single": "a"})
        for n, who in enumerate(["anonymous", "Anonymous", "anonymous"])
    ]
    out = tmp_path / "out"
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", *map(str, sheets), "--out", str(out))
    assert code == 0 and "graded 3 sheet(s) of 3 student(s)" in err
    rows = records(out / "grades.csv")
    assert [r["files"] for r in rows] == [str(sheets[1]), str(sheets[0]), str(sheets[2])]  # by name, then file
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "3 sheet(s) carry no name (anonymous): each has a row of its own" in html
    assert "Every student handed in one sheet" in html


def test_choices_ticked_in_another_order_are_the_same_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write_sheet(tmp_path / "1.json", "fay", {"t-multiple": ["a", "c"], "t-ordering": ["x", "y"]})
    two = write_sheet(tmp_path / "2.json", "fay", {"t-multiple": ["c", "a"], "t-ordering": ["y", "x"]})
    grades_of(tmp_path, capsys, one, two)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<td class="names">t-ordering</td>' in html  # an order is the answer; the order of ticked choices is not


def test_a_corrected_key_regrades_the_class(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Sheets are only read, so the same command after a key is corrected gives the corrected grades."""
    bank = tmp_path / "bank.yaml"
    text = Path(SAMPLE).read_text(encoding="utf-8")
    bank.write_text(text, encoding="utf-8")
    sheets = [
        write_sheet(tmp_path / f"{who}.json", who, {"t-single": pick}) for who, pick in (("gil", "a"), ("hal", "b"))
    ]
    before = {p.name: p.read_bytes() for p in sheets}
    out = tmp_path / "out"
    argv = ["--banks", str(bank), "gradebook", *map(str, sheets), "--out", str(out)]
    assert run(capsys, *argv)[0] == 0
    assert {r["student"]: r["total"] for r in records(out / "grades.csv")} == {"gil": "1", "hal": "0"}
    wrong_key = "- {id: a, text: Right, correct: true, feedback: Yes.}"
    assert wrong_key in text  # the key said a; it should have said b
    corrected = text.replace(wrong_key, "- {id: a, text: Right, misconception: wrong-a, feedback: Yes.}").replace(
        "- {id: b, text: Wrong, misconception: wrong-b, feedback: No.}",
        "- {id: b, text: Wrong, correct: true, feedback: No.}",
    )
    bank.write_text(corrected, encoding="utf-8")
    assert run(capsys, *argv)[0] == 0
    assert {r["student"]: r["total"] for r in records(out / "grades.csv")} == {"gil": "0", "hal": "1"}
    assert {p.name: p.read_bytes() for p in sheets} == before


def test_a_mistyped_folder_leaves_last_weeks_gradebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny_class(tmp_path / "tiny")
    out = tmp_path / "out"
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--out", str(out))[0] == 0
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiyn"), "--out", str(out))
    assert code == 2
    assert err.splitlines() == [
        f"error: {tmp_path / 'tiyn'}: no such file or folder",
        f"error: no sheet could be graded; nothing written to {out}",
    ]
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_a_sheet_with_another_ending_is_named_not_lost(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """mia.yaml.txt is not graded, but the gradebook says so once, even for a folder named twice."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.json").write_text(json.dumps({"student": "ann", "answers": {"t-text": "intravasation"}}))
    (folder / "mia.yaml.txt").write_text("student: mia\nanswers: {}\n")
    (folder / "._mia.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), str(folder), "--out", str(tmp_path / "o"))
    assert code == 0 and [r["student"] for r in records(tmp_path / "o" / "grades.csv")] == ["ann"]
    assert (
        err.splitlines()[0] == f"warning: {folder}: skipped 1 file(s) that are not .json, .yaml or .yml: mia.yaml.txt"
    )
    assert err.count("warning") == 1


def test_files_named_under_another_type_are_graded_when_they_hold_a_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Named on the command line (as a shell's `*` names them), mia.yaml.txt is graded as the sheet it holds,
    and ben.txt, answers typed out, is a path that held no sheet: one line, counted apart from the sheets that could
    not be graded, in the closing line as in the report and failed.csv."""
    ann, mia, ben = tmp_path / "ann.json", tmp_path / "mia.yaml.txt", tmp_path / "ben.txt"
    ann.write_text(json.dumps({"student": "ann", "answers": {"t-text": "intravasation"}}))
    mia.write_text("student: mia\nanswers:\n  t-text: intravasation\n")
    ben.write_text("1. intravasation\n")
    out = tmp_path / "o"
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(ann), str(mia), str(ben), "--out", str(out))
    assert code == 2
    assert err.splitlines()[0].startswith(f"error: {ben}: not a .json, .yaml or .yml file, nor an answer sheet")
    assert err.splitlines()[-1].startswith(
        f"graded 2 sheet(s) of 2 student(s), 0 could not be graded, 1 path(s) given held no sheet ({ben}); wrote"
    )
    assert [(r["student"], r["files"]) for r in records(out / "grades.csv")] == [("ann", str(ann)), ("mia", str(mia))]
    assert [r["file"] for r in records(out / "failed.csv")] == [str(ben)]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert '<th scope="row">sheets that could not be graded</th><td class="num">0</td>' in report
    assert '<th scope="row">paths given that held no sheet</th><td class="num">1</td>' in report


def test_a_sheet_reached_by_a_link_and_by_its_own_path_is_graded_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A late section linked into the class's folder, and also named itself, gives each student one row."""
    (tmp_path / "class").mkdir()
    (tmp_path / "late").mkdir()
    (tmp_path / "class" / "ann.json").write_text(json.dumps({"student": "ann", "answers": {"t-text": "intravasation"}}))
    (tmp_path / "late" / "ben.json").write_text(json.dumps({"student": "ben", "answers": {"t-text": "intravasation"}}))
    (tmp_path / "class" / "late").symlink_to(tmp_path / "late", target_is_directory=True)
    args = [str(tmp_path / "class"), str(tmp_path / "late"), "--out", str(tmp_path / "o")]
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", *args)
    assert code == 0 and err.startswith("graded 2 sheet(s) of 2 student(s), 0 could not be graded;")
    rows = records(tmp_path / "o" / "grades.csv")
    assert [(r["student"], Path(r["files"]).name) for r in rows] == [("ann", "ann.json"), ("ben", "ben.json")]


def test_the_report_lists_the_files_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Standard error is gone when the report is read next week: the report names the skipped files too,
    the first few of a folder as the warning does."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.json").write_text(json.dumps({"student": "ann", "answers": {"t-text": "intravasation"}}))
    for n in range(6):
        (folder / f"receipt-{n}.txt").write_text("submitted")
    (folder / "zoe.yaml").symlink_to(tmp_path / "gone.yaml")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(tmp_path / "o"))
    assert code == 0 and err.count("warning") == 2
    report = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    assert "7 file(s) in the folders given were skipped" in report
    assert (
        f"<tr><td>{PATH}{folder}</span></td><td>6 file(s) that are not .json, .yaml or .yml</td>"
        '<td class="names">receipt-0.txt, receipt-1.txt, receipt-2.txt, receipt-3.txt, receipt-4.txt '
        "and 1 more</td></tr>"
    ) in report
    assert (
        f'<tr><td>{PATH}{folder}</span></td><td>1 link(s) to a missing file</td><td class="names">zoe.yaml</td></tr>'
        in report
    )
    (folder / "zoe.yaml").unlink()
    for n in range(6):
        (folder / f"receipt-{n}.txt").unlink()
    run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(tmp_path / "o"))
    assert "skipped" not in (tmp_path / "o" / "report.html").read_text(encoding="utf-8")


def test_one_student_whatever_the_case_and_accents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ "Émile Dupré" typed with composed or decomposed accents, in any case or spacing, is one row."""
    folder = tmp_path / "class"
    folder.mkdir()
    spellings = ["Émile Dupré", unicodedata.normalize("NFD", "Émile Dupré"), "émile  DUPRÉ ", "Bob"]
    for n, name in enumerate(spellings):
        (folder / f"{n}.json").write_text(json.dumps({"student": name, "answers": {}}), encoding="utf-8")
    code, _, _ = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(tmp_path / "out"))
    rows = records(tmp_path / "out" / "grades.csv")
    assert code == 0 and [(r["student"], r["files"].count(";") + 1) for r in rows] == [("Bob", 1), ("Émile Dupré", 3)]


# -- one chapter ---------------------------------------------------------------------------------


def test_a_chapter_gradebook_grades_and_reports_that_chapter_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, klass: tuple[Path, list[Path]]
) -> None:
    """The class answered the whole book; graded on chapter 3, every table and the report hold chapter 3 alone."""
    folder, paths = klass
    third = book.select("3")
    most = sum(ex.points for _, ex in third.exercises())
    code, _, err = run(capsys, "gradebook", str(folder), "--chapter", "3", "--out", str(tmp_path / "out"))
    assert code == 2  # the three broken sheets, as without --chapter
    # A line for each of the first five sheets that answered outside the chapter, naming the file, the count and
    # the chapter, and one for the rest: forty such lines would push the errors off the screen.
    warnings = [
        line for line in err.splitlines() if line.startswith("warning:") and "could not be read" not in line
    ]  # the class's answers out of shape are told apart: see test_answers_that_could_not_be_read_are_told
    expected = []
    for path in sorted(paths, key=str):
        outside = [k for k in read_sheet(path, book).answers if k not in third.ids]
        if outside:
            expected.append(
                f"warning: {path}: graded on chapter 03-how-cancer-spreads alone; "
                f"{len(outside)} answer(s) to other chapters left out"
            )
    assert len(expected) == CLASS_SIZE
    assert warnings == [
        *expected[:NAMES_SHOWN],
        f"warning: and {CLASS_SIZE - NAMES_SHOWN} more sheet(s) graded on chapter 03-how-cancer-spreads alone, with "
        f"answers to other chapters left out; {tmp_path / 'out' / 'report.html'} lists them all",
    ]
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == len(BROKEN)
    # The last line names the chapter, as the report's summary does.
    assert err.splitlines()[-1].startswith(
        f"graded {CLASS_SIZE} sheet(s) of {CLASS_SIZE - 1} student(s) on chapter 03-how-cancer-spreads, "
        f"{len(BROKEN)} could not be graded; wrote "
    )

    rows = records(tmp_path / "out" / "grades.csv")
    assert list(rows[0]) == ["student", "files", "03-how-cancer-spreads", "total", "max", "percent"]
    for row in rows:
        if row["student"] == "s07":
            continue  # two sheets, merged: the whole-book test covers merging
        alone = grade_sheet(read_sheet(Path(row["files"]), book), third)
        assert float(row["total"]) == pytest.approx(alone.score, abs=5e-5)
        assert row["03-how-cancer-spreads"] == row["total"]
        assert float(row["max"]) == most == alone.max_score
        assert float(row["percent"]) == pytest.approx(100 * alone.score / most, abs=5e-5)
    assert len({r["percent"] for r in rows}) > 3
    items = records(tmp_path / "out" / "items.csv")
    assert [r["exercise"] for r in items] == [ex.id for _, ex in third.exercises()]
    assert {r["chapter"] for r in items} == {"03-how-cancer-spreads"}

    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    assert '<th scope="row">graded on</th><td class="num">chapter 03-how-cancer-spreads</td>' in html
    assert f'<th scope="row">points available</th><td class="num">{number(most)}</td>' in html
    assert f'<th scope="row">exercises</th><td class="num">{len(items)}</td>' in html
    assert f"{CLASS_SIZE} sheet(s) also answered exercises outside chapter 03-how-cancer-spreads" in html
    assert all(f"<tr><td>{PATH}{path}</span></td>" in html for path in paths)  # every sheet the warnings left uncounted
    # One chapter: no chart of misconceptions by chapter, which would be a single bar, and no column repeating
    # the chapter on every row of the exercises.
    assert [svg["title"] for svg in page.svgs] == ["Score distribution", "Item difficulty and discrimination"]
    assert {text.split(":")[0] for tag, text in page.svgs[1]["marks"] if tag == "circle"} <= third.ids
    exercises = html[html.index('id="exercises-h"') :]
    assert '<th scope="col">exercise</th><th scope="col">answered</th>' in exercises
    assert "<td>03-how-cancer-spreads</td>" not in html


def test_a_chapter_gradebook_of_chapter_sheets_says_nothing_extra(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tiny_class(tmp_path / "tiny")
    out = tmp_path / "out"
    code, _, err = run(
        capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--chapter", "sample", "--out", str(out)
    )
    assert code == 0 and err.splitlines()[0] == TINY_UNREAD.format(tmp_path / "tiny")
    assert len(err.splitlines()) == 2 and err.splitlines()[1].startswith("graded 8 sheet(s)")
    assert "answered exercises outside" not in (out / "report.html").read_text(encoding="utf-8")


def test_a_chapter_gradebook_refuses_an_unknown_chapter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny_class(tmp_path / "tiny")
    with pytest.raises(UsageError, match=r"^no chapter '2' \(chapters: sample\)$"):
        run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "tiny"), "--chapter", "2", "--out", str(tmp_path))


# -- the chapters the sheets name ----------------------------------------------------------------

THIRD = "03-how-cancer-spreads"


def write_chapter_class(folder: Path, book: Book, chapters: dict[str, str | None]) -> None:
    """A sheet per student answering the key of one chapter in option ids, naming it (``chapters:``) where given,
    as a download from the web book does (with the time handed in)."""
    folder.mkdir(parents=True, exist_ok=True)
    for student, chapter in chapters.items():
        part = book.select(chapter.split("-")[0] if chapter else "3")
        data: dict[str, Any] = {"student": student, "submitted": "2026-12-01T09:30:00Z"}
        if chapter:
            data["chapters"] = [chapter]
        data["answers"] = {ex.id: key_response(ex) for _, ex in part.exercises()}
        (folder / f"{student}.yaml").write_text(dump_yaml(data), encoding="utf-8")


def test_a_class_of_chapter_sheets_is_graded_on_their_chapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Paper sheets for chapter 3, graded without --chapter: marked out of chapter 3's points, as the sheets say;
    a web download among them, which names no chapter, is graded on the same chapter."""
    write_chapter_class(tmp_path / "quiz3", book, {"ana": THIRD, "ben": THIRD, "web": None})
    out = tmp_path / "out"
    code, _, err = run(capsys, "gradebook", str(tmp_path / "quiz3"), "--out", str(out))
    most = sum(ex.points for _, ex in book.select("3").exercises())
    assert code == 0
    assert err.startswith(f"graded 3 sheet(s) of 3 student(s) on chapter {THIRD} (named on the sheets), 0 could")
    assert len(err.splitlines()) == 1
    rows = records(out / "grades.csv")
    assert list(rows[0]) == ["student", "files", THIRD, "total", "max", "percent"]
    assert {(r["total"], r["max"], r["percent"]) for r in rows} == {(number(most), number(most), "100")}
    assert {r["chapter"] for r in records(out / "items.csv")} == {THIRD}
    html = (out / "report.html").read_text(encoding="utf-8")
    graded_on = f"chapter {THIRD} (named on the sheets)"
    assert f'<th scope="row">graded on</th><td class="num">{graded_on}</td>' in html
    # --chapter wins, as before: the answers to chapter 3 are left out, sheet by sheet, and said as checks grade
    # says it: a sheet for chapter 3 is told so, one that names no chapter only what was left out. (One student
    # took the chapter 4 quiz: with no answer to chapter 4 at all, the class would be refused.)
    write_chapter_class(tmp_path / "quiz3", book, {"cy": "04-diagnosis"})
    code, _, err = run(capsys, "gradebook", str(tmp_path / "quiz3"), "--chapter", "4", "--out", str(out))
    *warnings, last = err.splitlines()
    assert code == 0 and last.startswith("graded 4 sheet(s) of 4 student(s) on chapter 04-diagnosis, 0 could")
    count = len(book.select("3").ids)
    assert warnings == [
        *(
            f"warning: {tmp_path / 'quiz3' / name}.yaml: the sheet is for chapter {THIRD}; graded on chapter "
            f"04-diagnosis, as --chapter asks; {count} answer(s) to other chapters left out"
            for name in ("ana", "ben")
        ),
        f"warning: {tmp_path / 'quiz3' / 'web'}.yaml: graded on chapter 04-diagnosis alone; "
        f"{count} answer(s) to other chapters left out",
    ]
    _, _, grade_err = run_cli(capsys, "grade", str(tmp_path / "quiz3"), "--chapter", "4")
    assert grade_err.splitlines() == [*warnings, "graded 4 sheet(s), 0 could not be graded"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert (
        "2 sheet(s) are for other chapters; graded on chapter 04-diagnosis, as --chapter asks, and their answers "
        "to other chapters were left out." in html
    )
    assert (
        f'<tr><td>{PATH}{tmp_path / "quiz3" / "ana"}.yaml</span></td><td>{THIRD}</td><td class="num">{count}</td></tr>'
        in html
    )
    assert "1 sheet(s) also answered exercises outside chapter 04-diagnosis" in html
    # A sheet for another chapter that answers nothing outside the chapter graded is still told so.
    (tmp_path / "quiz3" / "ben.yaml").write_text(f"student: ben\nchapters: [{THIRD}]\nanswers:\n", encoding="utf-8")
    err = run(capsys, "gradebook", str(tmp_path / "quiz3"), "--chapter", "4", "--out", str(out))[2]
    assert (
        f"warning: {tmp_path / 'quiz3' / 'ben'}.yaml: the sheet is for chapter {THIRD}; graded on chapter "
        "04-diagnosis, as --chapter asks"
    ) in err.splitlines()
    assert list(records(out / "grades.csv")[0]) == ["student", "files", "04-diagnosis", "total", "max", "percent"]
    assert '<td class="num">chapter 04-diagnosis</td>' in (out / "report.html").read_text(encoding="utf-8")


def test_sheets_naming_different_chapters_are_graded_on_them_all_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    write_chapter_class(tmp_path / "mixed", book, {"ana": THIRD, "ben": "04-diagnosis", "cy": THIRD})
    out = tmp_path / "out"
    code, _, err = run(capsys, "gradebook", str(tmp_path / "mixed"), "--out", str(out))
    both = f"{THIRD}, 04-diagnosis"
    assert code == 0 and err.splitlines() == [
        f"warning: the sheets name different chapters ({THIRD}; 04-diagnosis); students whose sheets name other "
        f"chapters than most ({THIRD}): ben (04-diagnosis); the class is graded on chapters "
        f"{both}: grade each chapter's sheets with --chapter to grade them apart",
        err.splitlines()[1],
    ]
    assert err.splitlines()[1].startswith(f"graded 3 sheet(s) of 3 student(s) on chapters {both} (named on the sheets)")
    rows = {r["student"]: r for r in records(out / "grades.csv")}
    assert list(rows["ana"]) == ["student", "files", THIRD, "04-diagnosis", "total", "max", "percent"]
    assert rows["ben"]["04-diagnosis"] == rows["ben"]["total"] and rows["ben"][THIRD] == "0"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"chapters {both} (the sheets name different chapters: {THIRD}; 04-diagnosis)" in html
    # The report names the odd student, as the warning does: a stray sheet doubles everyone's points available.
    assert (f"1 student(s) handed in sheets naming other chapters than most ({THIRD}): ben (04-diagnosis).") in html


def test_web_pages_of_several_chapters_add_up_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Each student hands in the downloads of two chapter pages, each naming its chapter: the class is graded
    on both, each student's pages make one row, and nothing is wrong, so nothing is warned of. A student who
    handed in one page only is graded on both too, and then the warning says the sheets differ."""
    write_chapter_class(tmp_path / "web" / "third", book, {"ana": THIRD, "ben": THIRD})
    write_chapter_class(tmp_path / "web" / "fourth", book, {"ana": "04-diagnosis", "ben": "04-diagnosis"})
    out = tmp_path / "out"
    code, _, err = run(capsys, "gradebook", str(tmp_path / "web"), "--out", str(out))
    both = f"{THIRD}, 04-diagnosis"
    assert code == 0 and err.startswith(f"graded 4 sheet(s) of 2 student(s) on chapters {both} (named on the sheets)")
    assert len(err.splitlines()) == 1
    rows = {r["student"]: r for r in records(out / "grades.csv")}
    assert rows["ana"]["percent"] == rows["ben"]["percent"] == "100"
    assert f"chapters {both} (named on the sheets)" in (out / "report.html").read_text(encoding="utf-8")
    write_chapter_class(tmp_path / "web" / "third", book, {"cy": THIRD})
    err = run(capsys, "gradebook", str(tmp_path / "web"), "--out", str(out))[2]
    assert err.startswith(
        f"warning: the sheets name different chapters ({THIRD}; 04-diagnosis); students whose sheets name other "
        f"chapters than most ({both}): cy ({THIRD}); "
    )


def test_the_different_chapters_warning_names_at_most_five_students(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Eight students of chapter 3 and seven of chapter 4 (one of them without a name, known by its file), and
    one sheet for no chapter: the seven and the one are named, five of them, in the order of grades.csv."""
    class_ = {f"s{n:02}": THIRD for n in range(8)} | {f"t{n:02}": "04-diagnosis" for n in range(6)}
    write_chapter_class(tmp_path / "mixed", book, class_)
    anonymous = tmp_path / "mixed" / "zz.yaml"
    anonymous.write_text("student: anonymous\nchapters: [04-diagnosis]\nanswers:\n", encoding="utf-8")
    (tmp_path / "mixed" / "aa.yaml").write_text("student: Abe\nanswers:\n", encoding="utf-8")
    err = run(capsys, "gradebook", str(tmp_path / "mixed"), "--out", str(tmp_path / "out"))[2]
    named = (
        f"Abe (no chapter), {anonymous} (04-diagnosis), t00 (04-diagnosis), t01 (04-diagnosis), t02 (04-diagnosis) "
        "and 3 more"
    )
    assert err.splitlines()[0] == (
        f"warning: the sheets name different chapters ({THIRD}; 04-diagnosis); students whose sheets name other "
        f"chapters than most ({THIRD}): {named}; the class is graded on chapters {THIRD}, 04-diagnosis: "
        "grade each chapter's sheets with --chapter to grade them apart"
    )
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert (
        f'<p class="flag">The sheets name different chapters, so the class is graded on chapters {THIRD}, '
        "04-diagnosis, and every student's points available are those of all of them. 8 student(s) handed in "
        f"sheets naming other chapters than most ({THIRD}): {named}. "
    ) in html


def test_sheets_without_letters_in_the_books_letters_are_warned_of_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sheets typed without 'letters:' whose letters the book prints beside other options: the first few named
    on standard error, as checks grade names each, the rest counted, and every one listed in the report. A
    download (with 'submitted') and a sheet in the book's letters are not."""
    folder = tmp_path / "typed"
    folder.mkdir()
    typed = [folder / f"t{n}.yaml" for n in range(NAMES_SHOWN + 2)]
    for path in typed:  # t-single's b is printed (a); t-multiple's a and c, (e) and (d)
        path.write_text(f"student: {path.stem}\nanswers:\n  t-single: b\n  t-multiple: [a, c]\n", encoding="utf-8")
    write_sheet(folder / "download.json", "web", {"t-single": "b"}, submitted="2026-12-01T09:30:00Z")
    (folder / "lettered.yaml").write_text("student: paper\nletters: book\nanswers:\n  t-single: b\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    warned = [
        f"warning: {path}: the sheet's 'letters:' line is missing or empty, "
        "so it is read in option ids; in the letters the book "
        "prints, 2 of its answers would name other options: if they were copied from the printed book, add the "
        "line 'letters: book'"
        for path in typed[:NAMES_SHOWN]
    ]
    assert code == 0 and err.splitlines()[:-1] == [
        *warned,
        "warning: and 2 more sheet(s) without 'letters:' whose answers would name other options in the book's "
        f"letters; {out / 'report.html'} lists them all",
    ]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"{len(typed)} sheet(s) have no <code>letters:</code> line" in html
    assert all(f'<tr><td>{PATH}{path}</span></td><td class="num">2</td></tr>' in html for path in typed)
    assert "download.json</td>" not in html and "lettered.yaml</td>" not in html


UNREAD_PAPER = """student: Ann
letters: book
answers:
  t-single: "(b) Right"
  t-multiple: a and then d
  t-truefalse: maybe
  t-text: intravasation
  t-numeric: lots
  t-ordering: {d: 1}
  t-matching: [d, c, d]
"""


def unread_line(path: Path, count: int, exercises: str) -> str:
    return (
        f"warning: {path}: {count} answer(s) could not be read and score 0 ({exercises}); checks grade on this "
        "sheet shows the shape each one needs"
    )


def test_answers_that_could_not_be_read_are_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sheet whose answers the grader refuses (an option's text for its letter, a matching as a list) is named
    with how many and which, as checks grade marks each invalid, and listed in the report; the rest is graded."""
    folder, out = tmp_path / "paper", tmp_path / "out"
    folder.mkdir()
    paper = folder / "ann.yaml"
    paper.write_text(UNREAD_PAPER, encoding="utf-8")
    invalid = ["t-single", "t-multiple", "t-truefalse", "t-numeric", "t-ordering", "t-matching"]
    assert run_cli(capsys, "--banks", SAMPLE, "grade", str(paper))[1].count(" invalid ") == len(invalid)
    (folder / "bob.yaml").write_text("student: Bob\nletters: book\nanswers:\n  t-single: b\n", encoding="utf-8")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    shown = "t-single, t-multiple, t-truefalse, t-numeric, t-ordering and 1 more"  # the first five
    assert code == 0 and err.splitlines()[:-1] == [unread_line(paper, 6, shown)]
    assert {r["student"]: r["total"] for r in records(out / "grades.csv")} == {"Ann": "1", "Bob": "1"}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "1 sheet(s) have answers that could not be read" in html
    summary = html[: html.index('<section aria-labelledby="failed-h">')]  # among the sheets that need a look
    row = f'<tr><td>{PATH}{paper}</span></td><td class="num">6</td><td class="names">{", ".join(invalid)}</td></tr>'
    assert row in summary and "bob.yaml" not in summary


def test_many_sheets_with_answers_not_read_are_counted_after_the_first_few(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Named as the other warnings a line per sheet are: the first few, the rest counted; the report lists all.
    Each of a student's sheets is told of by its answers that count: one corrected on a later sheet is not."""
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    sheets = [write_sheet(folder / f"s{n}.json", f"s{n}", {"t-single": "Right"}) for n in range(NAMES_SHOWN + 1)]
    # One student: the first sheet's t-single could not be read, the later one's could and counts; its t-truefalse
    # could not be read either, and nothing replaces it.
    first = write_sheet(folder / "z1.json", "zed", {"t-single": ["a"], "t-truefalse": "maybe"}, "2026-12-01T09:00:00Z")
    later = write_sheet(folder / "z2.json", "zed", {"t-single": "a"}, "2026-12-01T10:00:00Z")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    assert code == 0 and err.splitlines()[:-1] == [
        *(unread_line(path, 1, "t-single") for path in sheets[:NAMES_SHOWN]),
        f"warning: and 2 more sheet(s) with answers that could not be read and score 0; {out / 'report.html'} "
        "lists them all",
    ]
    assert {r["student"]: r["total"] for r in records(out / "grades.csv")}["zed"] == "1"  # a, the right option, counts
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"{NAMES_SHOWN + 2} sheet(s) have answers that could not be read" in html
    assert all(f"<tr><td>{PATH}{path}</span></td>" in html for path in sheets)
    assert f'<tr><td>{PATH}{first}</span></td><td class="num">1</td><td class="names">t-truefalse</td></tr>' in html
    assert f"{later}</span>" not in html.split('aria-labelledby="unread-t"')[1].split("</table>")[0]


def test_an_answer_not_read_that_a_later_sheet_replaced_is_not_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet's answer that could not be read scores nothing when a later sheet of the student answers the
    exercise again: the later answer counts, so neither the warning nor the report says it scores 0."""
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    write_sheet(folder / "ben.json", "ben", {"t-single": ["a"]})
    write_sheet(folder / "ben (2).json", "ben", {"t-single": "a"})  # the later file name counts
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    assert code == 0 and "could not be read" not in err
    assert {r["student"]: r["total"] for r in records(out / "grades.csv")} == {"ben": "1"}
    assert 'aria-labelledby="unread-t"' not in (out / "report.html").read_text(encoding="utf-8")
    # The other way round, the answer that counts is the one not read, and its sheet is told of.
    write_sheet(folder / "ben (3).json", "ben", {"t-single": ["a"]})
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    told = [line for line in err.splitlines() if "could not be read" in line]
    assert code == 0 and told == [unread_line(folder / "ben (3).json", 1, "t-single")]


def test_letters_as_ids_that_a_later_sheet_replaced_are_not_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Of a student's several sheets in ids, an answer that the book's letters would read as another option is
    told on the sheet whose answer counts in the row: not where a later sheet answered the exercise again, nor
    where the answer that counts is on a sheet in the book's letters, which was read as such."""
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    sheets = {  # t-single's b is printed (a), its c (c); t-multiple's a and c, (e) and (d)
        "ben.yaml": "student: ben\nanswers:\n  t-single: b\n  t-multiple: [a, c]\n",
        "ben (2).yaml": "student: ben\nanswers:\n  t-single: c\n",  # replaces t-single only
        "cal.yaml": "student: cal\nanswers:\n  t-single: b\n",
        # In the book's letters: a is the option whose id is b, as on cal.yaml, and it counts as such.
        "cal (2).yaml": "student: cal\nletters: book\nanswers:\n  t-single: a\n",
        "dee.yaml": "student: dee\nanswers:\n  t-single: c\n  t-multiple: [a, c]\n",
        "dee (2).yaml": "student: dee\nanswers:\n  t-single: b\n",  # its own answer counts, and is told
    }
    for name, text in sheets.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    told = {
        name: f"warning: {folder / name}: the sheet's 'letters:' line is missing or empty, "
        "so it is read in option ids; in the "
        f"letters the book prints, 1 of its answers would name other options: if they were copied from the printed "
        "book, add the line 'letters: book'"
        for name in ("ben.yaml", "dee (2).yaml", "dee.yaml")
    }
    assert code == 0 and [line for line in err.splitlines() if "letters:" in line] == list(told.values())
    html = (out / "report.html").read_text(encoding="utf-8")
    listed = html.split('aria-labelledby="letters-t"')[1].split("</table>")[0]
    assert listed.count("<tr><td>") == 3
    assert all(f'<tr><td>{PATH}{folder / name}</span></td><td class="num">1</td></tr>' in listed for name in told)


@pytest.mark.parametrize("bank", ["sample", "book"])
def test_letters_copied_from_the_book_are_found_alike_through_the_graders_memory(
    bank: str, request: pytest.FixtureRequest
) -> None:
    """The gradebook looks for letters copied from the book once per distinct answer, through its grader: every
    sheet, the first to give an answer or a later one, and an answer that cannot be remembered, is found to have
    the exercises that checks grade finds (of the exercises graded, on a chapter)."""
    from checks.copied_letters import letters_as_ids
    from checks.sheets import BookGrader

    whole: Book = request.getfixturevalue(bank)
    lettered = [ex for _, ex in whole.exercises() if any(k != v for k, v in variants.book_letters(ex).items())]
    answers = [
        "b", "c", "B", "(b)", "zz", 1, True, None, ["a", "c"], ["c", "a"], ["a", "b", "c", "d", "e"], ["a", "a"],
        [], ["a", 1], [["a"]], {"s": "b"}, {"s": "a", "t": "c"}, {"s": ["a"]}, {"s": 1},
    ]  # fmt: skip
    graders = [BookGrader(whole), BookGrader(whole.only({whole.chapter_ids[-1]}))]
    found_any = False
    for round_ in range(2):  # the second round through what the first remembered
        for n, answer in enumerate(answers):
            # Each answer to every exercise, and the next answer to every other lettered one.
            sheet = {ex.id: answer for _, ex in whole.exercises()}
            sheet.update({ex.id: answers[(n + 1) % len(answers)] for ex in lettered[::2]})
            expected = letters_as_ids(sheet, whole)
            found_any = found_any or bool(expected)
            for grader in graders:
                responses = tuple(map(sheet.get, (ex.id for _, ex in grader.book.exercises())))
                said = grader.letters_as_ids(responses, grader.keys(responses))
                assert said == tuple(k for k in expected if k in grader.book.ids), (round_, answer)
    assert found_any


def test_a_sheet_read_without_its_letters_checked_says_none(tmp_path: Path, sample: Book) -> None:
    """A sheet read for the gradebook is not checked for letters copied from the book as it is read: its grader
    checks them. Read otherwise, it is."""
    path = tmp_path / "ann.yaml"
    path.write_text("student: ann\nanswers:\n  t-single: b\n  t-multiple: [a, c]\n", encoding="utf-8")
    assert read_sheet(path, sample).letters_as_ids == ("t-single", "t-multiple")
    unchecked = read_sheet(path, sample, check_letters=False)
    assert unchecked == replace(read_sheet(path, sample), letters_as_ids=()) and unchecked.silent_on_letters
    path.write_text("student: ann\nletters: book\nanswers:\n  t-single: b\n", encoding="utf-8")
    assert not read_sheet(path, sample, check_letters=False).silent_on_letters


def test_a_sheet_the_quick_checks_pass_over_is_read_in_full(tmp_path: Path, sample: Book) -> None:
    """The checks that pass over the usual sheet in one step each find what the full ones find: a spaced exercise
    id beside an id that is not text, an empty answer beside a false one, and in a name, a space a word processor
    typed (allowed) or a control character (refused)."""
    path = tmp_path / "ann.yaml"
    path.write_text("student: ann\nanswers:\n  ' t-single ': b\n  1: a\n", encoding="utf-8")
    with pytest.raises(InputError, match="exercise id 1 must be text"):  # the id before it read without its spaces
        read_sheet(path, sample)
    for empty in ("[]", "{}", "''", "' '"):
        path.write_text(f"student: ann\nanswers:\n  t-truefalse: false\n  t-multiple: {empty}\n", encoding="utf-8")
        assert read_sheet(path, sample).answers == {"t-truefalse": False}, empty
    path.write_text('student: "Ann\u00a0Lee"\nanswers:\n', encoding="utf-8")
    assert read_sheet(path, sample).student == "Ann Lee"
    path.write_text('student: "Ann\\a"\nanswers:\n', encoding="utf-8")
    with pytest.raises(InputError, match="without control characters"):
        read_sheet(path, sample)


def test_one_answer_written_in_two_orders_is_counted_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The grader remembers a matching answer, and a list, in the order written, so an answer given in two orders
    has two results; the gradebook counts it as one answer all the same, in every file."""
    folder, out = tmp_path / "sheets", tmp_path / "out"
    matching = {"prostate": "liver", "colorectal": "liver", "breast": "skin"}

    def outputs(orders: list[bool]) -> dict[str, str]:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for n, reverse in enumerate(orders):
            pairs = list(matching.items())
            answers = {
                "t-matching": dict(reversed(pairs) if reverse else pairs),
                "t-multiple": ["c", "a"] if reverse else ["a", "c"],
                "t-single": "c",
            }
            write_sheet(folder / f"s{n}.json", f"s{n}", answers)
        assert run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))[0] == 0
        return {name: (out / name).read_text(encoding="utf-8") for name in OUTPUTS}

    one_order = outputs([False] * 6)
    assert outputs([False, True, False, True, True, False]) == one_order
    items = {r["exercise"]: r for r in records(out / "items.csv")}
    assert "liver-for-all=6" in items["t-matching"]["misconceptions"]
    multiple = load_book([Path(SAMPLE)]).find("t-multiple")[1]  # type: ignore[index]
    ticked = "; ".join(f"({letter})={6 if o.id in 'ac' else 0}" for letter, o in variants.lettered(multiple))
    assert items["t-multiple"]["responses"] == f"{ticked}; invalid=0; unanswered=0"


def test_a_wrong_number_in_a_refused_unit_is_counted_under_the_misconception(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """items.csv counts a wrong number under the exercise's misconception in a unit refused ("47%") as in a unit
    taken ("1000"), and never the right number ("23.3%", the unit alone wrong; "23.3 pp", right)."""
    folder, out = tmp_path / "sheets", tmp_path / "out"
    folder.mkdir()
    for n, answer in enumerate(["23.3%", "47%", "47%", "1000", "23.3 pp"]):
        write_sheet(folder / f"s{n}.json", f"s{n}", {"c1-deaths-gap": answer})
    assert run(capsys, "gradebook", str(folder), "--out", str(out), "--chapter", "1")[0] == 0
    items = {r["exercise"]: r for r in records(out / "items.csv")}
    assert items["c1-deaths-gap"]["misconceptions"] == "percent-vs-points=3"
    assert "47%" in (out / "report.html").read_text(encoding="utf-8")  # what the students chose, under the tag


def test_a_class_answering_one_chapter_of_the_book_gets_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, klass: tuple[Path, list[Path]]
) -> None:
    """Sheets that name no chapter are graded on the whole book, as before; a class that answered only
    chapter 3 is told once how to mark it out of chapter 3's points."""
    write_chapter_class(tmp_path / "old", book, {"ana": None, "ben": None})
    out = tmp_path / "out"
    code, _, err = run(capsys, "gradebook", str(tmp_path / "old"), "--out", str(out))
    assert code == 0 and err.splitlines()[0] == (
        f"hint: 2 sheet(s) answer only chapter {THIRD}; "
        "grade with --chapter 3 to mark them out of that chapter's points"
    )
    assert err.splitlines()[1].startswith("graded 2 sheet(s) of 2 student(s), 0 could") and len(err.splitlines()) == 2
    assert records(out / "grades.csv")[0]["max"] == number(sum(ex.points for _, ex in book.exercises()))
    assert run(capsys, "gradebook", str(tmp_path / "old"), "--chapter", "3", "--out", str(out))[2].startswith("graded")
    # A class that answered the whole book calls for no hint.
    folder, _ = klass
    assert "hint:" not in run(capsys, "gradebook", str(folder), "--out", str(out))[2]


# -- a chapter no sheet answers ------------------------------------------------------------------

FIRST = "01-what-is-metastatic-cancer"


def test_a_mistyped_chapter_leaves_last_weeks_gradebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Every sheet is for chapter 3 and --chapter says 1: graded, everyone would score 0, and last week's
    gradebook would be replaced. The gradebook refuses on one line before writing anything, as it does for a
    mistyped folder; a blank sheet among them changes nothing."""
    folder, out = tmp_path / "quiz3", tmp_path / "out"
    write_chapter_class(folder, book, {"ann": THIRD, "ben": THIRD, "s1234567": THIRD})
    (folder / "dee.yaml").write_text(f"student: dee\nchapters: [{THIRD}]\nanswers:\n", encoding="utf-8")
    assert run(capsys, "gradebook", str(folder), "--out", str(out))[0] == 0
    before = snapshot(out)
    code, stdout, err = run(capsys, "gradebook", str(folder), "--chapter", "1", "--out", str(out))
    assert (code, stdout) == (2, "")
    assert err.splitlines() == [
        f"error: --chapter 1: none of the 4 sheets answers an exercise of chapter {FIRST} (their answers are to "
        f"chapter {THIRD}); check --chapter, or grade them with --chapter 3; nothing written to {out}"
    ]
    assert snapshot(out) == before
    # Nor is a new folder made for it.
    assert run(capsys, "gradebook", str(folder), "--chapter", "1", "--out", str(tmp_path / "new"))[0] == 2
    assert not (tmp_path / "new").exists()
    # One sheet answering chapter 1 makes it a class graded on chapter 1, the others warned of, as before.
    write_chapter_class(folder, book, {"eve": FIRST})
    code, _, err = run(capsys, "gradebook", str(folder), "--chapter", "1", "--out", str(out))
    *warnings, last = err.splitlines()
    assert code == 0 and last.startswith(f"graded 5 sheet(s) of 5 student(s) on chapter {FIRST}, 0 could")
    others = [str(folder / f"{n}.yaml") for n in ("ann", "ben", "dee", "s1234567")]
    *warnings, blank = warnings
    assert [line.split(": ", 2)[1] for line in warnings] == others
    dee, report = folder / "dee.yaml", out / "report.html"
    assert blank == f"warning: 1 sheet(s) answer nothing and score 0: {dee}; {report} lists them all"
    rows = {r["student"]: r["total"] for r in records(out / "grades.csv")}
    assert rows["ann"] == "0" and rows["eve"] == number(sum(ex.points for _, ex in book.select("1").exercises()))


def test_a_class_of_blank_sheets_is_graded_as_zeros_on_any_chapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blank sheets score 0 on every chapter, so no chapter is a slip: the class is graded, each sheet for
    another chapter warned of as ever."""
    folder, out = tmp_path / "blank", tmp_path / "out"
    folder.mkdir()
    for who in ("ann", "ben"):
        (folder / f"{who}.yaml").write_text(f"student: {who}\nchapters: [{THIRD}]\nanswers: {{}}\n", encoding="utf-8")
    code, _, err = run(capsys, "gradebook", str(folder), "--chapter", "1", "--out", str(out))
    assert code == 0 and err.splitlines()[-1].startswith(f"graded 2 sheet(s) of 2 student(s) on chapter {FIRST}")
    assert [r["total"] for r in records(out / "grades.csv")] == ["0", "0"]


def test_sheets_that_cannot_be_read_are_told_before_the_chapter_none_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """The errors of the sheets that could not be read come first, as ever; the refusal counts the others."""
    folder, out = tmp_path / "quiz3", tmp_path / "out"
    write_chapter_class(folder, book, {"ann": THIRD, "ben": None})
    (folder / "broken.json").write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "gradebook", str(folder), "--chapter", "1", "--out", str(out))
    lines = err.splitlines()
    assert code == 2 and len(lines) == 2 and lines[0].startswith(f"error: {folder / 'broken.json'}:1: invalid JSON")
    assert lines[1] == (
        f"error: --chapter 1: none of the 2 sheets that could be read answers an exercise of chapter {FIRST} "
        f"(their answers are to chapter {THIRD}); check --chapter, or grade them with --chapter 3; "
        f"nothing written to {out}"
    )
    assert not out.exists()


def test_sheets_that_answer_none_of_the_chapters_they_name_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Without --chapter the sheets choose the chapters; sheets naming chapter 4 that answer chapters 3 and 5
    alone would all score 0 on it."""
    folder, out = tmp_path / "quiz", tmp_path / "out"
    write_chapter_class(folder, book, {"ann": THIRD, "ben": "05-treatment"})
    for sheet in folder.iterdir():
        text = sheet.read_text(encoding="utf-8")
        sheet.write_text(re.sub(r"(?m)^chapters:\n- .*$", "chapters: [04-diagnosis]", text), encoding="utf-8")
    code, _, err = run(capsys, "gradebook", str(folder), "--out", str(out))
    assert code == 2 and err.splitlines() == [
        "error: none of the 2 sheets answers an exercise of chapter 04-diagnosis, which they name (their answers "
        f"are to chapters {THIRD}, 05-treatment); grade each chapter's sheets with --chapter; "
        f"nothing written to {out}"
    ]
    assert not out.exists()


# -- too few answers to say how an exercise discriminates ----------------------------------------

FEW_ANSWERS = {  # t-numeric answered by two (the strongest wrong, the weakest right), t-truefalse by 4, t-text by 5
    "b1": {
        "t-single": "a",
        "t-multiple": ["a", "b", "c"],
        "t-text": "intravasation",
        "t-truefalse": False,
        "t-numeric": 0,
    },
    "b2": {"t-single": "a", "t-multiple": ["a", "b"], "t-text": "intravasation", "t-truefalse": False},
    "b3": {"t-single": "a", "t-multiple": ["a"], "t-text": "extravasation", "t-truefalse": True},
    "b4": {"t-single": "b", "t-multiple": ["a", "d"], "t-text": "zzz", "t-truefalse": False},
    "b5": {"t-single": "c", "t-multiple": ["d"], "t-text": "intravasation"},
    "b6": {"t-single": "b", "t-multiple": ["d", "e"], "t-numeric": 36.7},
}


def test_too_few_answers_leave_discrimination_and_upper_lower_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    import statistics

    from checks.gradebook.items import MIN_ANSWERS

    for student, answers in FEW_ANSWERS.items():
        write_sheet(tmp_path / f"{student}.json", student, answers)
    out = tmp_path / "out"
    code, _, _ = run(
        capsys, "--banks", SAMPLE, "gradebook", *(str(tmp_path / f"{s}.json") for s in FEW_ANSWERS), "--out", str(out)
    )
    assert code == 0
    rule = f"are blank when fewer than {MIN_ANSWERS} students answered the exercise"
    assert rule in (REPO / "docs" / "instructors.md").read_text(encoding="utf-8")  # the page states the rule
    items = {r["exercise"]: r for r in records(out / "items.csv")}
    totals = {r["student"]: float(r["total"]) for r in records(out / "grades.csv")}
    for exercise, answered in (("t-numeric", 2), ("t-truefalse", 4)):
        row = items[exercise]
        assert (row["answered"], row["discrimination"], row["upper_lower"]) == (str(answered), "", ""), exercise
        assert row["difficulty"] != ""  # still given
    # Five answers are enough: the figure is the correlation of each score with the rest of that student's total.
    row = items["t-text"]
    scored = [
        (
            next(r.score for _, r in grade_sheet(Sheet(Path(s), s, a), sample).results if r.exercise_id == "t-text"),
            totals[s],
        )
        for s, a in FEW_ANSWERS.items()
        if "t-text" in a
    ]
    assert row["answered"] == "5"
    expected = statistics.correlation([s for s, _ in scored], [t - s for s, t in scored])
    assert row["discrimination"] == number(expected) and row["upper_lower"] != ""
    html = (out / "report.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    plotted = {text.split(":")[0] for tag, text in page.svgs[1]["marks"] if tag == "circle"}
    assert "t-numeric" not in plotted and "t-text" in plotted
    assert "negative discrimination" not in html


def _exercise_notes(html: str) -> dict[str, str]:
    """The report's note on each exercise: the last cell of its row in the table of exercises."""
    table = html[html.index('id="exercises-h"') :]
    rows = re.findall(
        r'<tr><td><span class="id">([^<]*)</span>.*?<td>([^<]*)</td></tr>', table[: table.index("</table>")]
    )
    return dict(rows)


def test_too_few_answers_leave_the_note_on_difficulty_blank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One student right is not "almost everyone right", nor one wrong "few right": the note, like discrimination,
    waits for five answers."""
    from checks.gradebook.items import MIN_ANSWERS

    students = [f"s{n}" for n in range(MIN_ANSWERS)]
    for n, student in enumerate(students):
        answers: dict[str, Any] = {"t-single": "a"}  # right on every sheet
        if n == 0:  # one answer each: right, and wrong
            answers.update({"t-numeric": 36.7, "t-truefalse": True})
        if n < MIN_ANSWERS - 1:  # one short of enough: all right
            answers["t-text"] = "intravasation"
        write_sheet(tmp_path / f"{student}.json", student, answers)
    out = tmp_path / "out"
    code, _, _ = run(
        capsys, "--banks", SAMPLE, "gradebook", *(str(tmp_path / f"{s}.json") for s in students), "--out", str(out)
    )
    assert code == 0
    items = {r["exercise"]: r for r in records(out / "items.csv")}
    assert [items[e]["answered"] for e in ("t-numeric", "t-truefalse", "t-text", "t-single")] == ["1", "1", "4", "5"]
    assert (items["t-numeric"]["difficulty"], items["t-truefalse"]["difficulty"]) == ("1", "0")  # still given
    notes = _exercise_notes((out / "report.html").read_text(encoding="utf-8"))
    assert {e: notes[e] for e in ("t-numeric", "t-truefalse", "t-text")} == dict.fromkeys(
        ("t-numeric", "t-truefalse", "t-text"), ""
    )
    assert notes["t-single"] == "almost everyone right"  # five answers are enough


def _difficulty_section(html: str) -> str:
    start = html.index('<section aria-labelledby="items-h">')
    return html[start : html.index("</section>", start)]


def test_a_plot_without_points_is_a_sentence_saying_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Too few answers for any point: the report says so in words a reader sees, in place of empty axes, a caption
    about points and a table of headers alone, with the reason in the plot's hidden description."""
    from checks.gradebook.items import MIN_ANSWERS

    sheets, out = tmp_path / "sheets", tmp_path / "out"
    sheets.mkdir()

    def report(answers: dict[str, dict[str, Any]]) -> str:
        for student, answered in answers.items():
            write_sheet(sheets / f"{student}.json", student, answered)
        assert run(capsys, "--banks", SAMPLE, "gradebook", str(sheets), "--out", str(out))[0] == 0
        return (out / "report.html").read_text(encoding="utf-8")

    few = MIN_ANSWERS - 2
    html = report({f"s{n}": {"t-single": "a", "t-truefalse": n == 0} for n in range(few)})
    section = _difficulty_section(html)
    assert (
        f"<p>No exercise is plotted: discrimination needs at least {MIN_ANSWERS} students' answers to an exercise, "
        f"and no exercise has more than {few}.</p>"
    ) in section
    # The sentence alone: no empty axes, nor a caption that asks to hover over a point there is not.
    assert section.count("<p>") == 1 and "<h2 " in section
    assert all(tag not in section for tag in ("<table", "<details", "<svg", "<figure", "hover"))
    # The page keeps its structure: every table it still has has rows, each plot its name and description.
    assert re.search(r"<tbody>\s*</tbody>", html) is None
    page = Page()
    page.feed(html)
    assert [svg["title"] for svg in page.svgs] == ["Score distribution"]  # one chapter: no chart of chapters
    assert all(svg["desc"] for svg in page.svgs)
    assert page.stack == []  # every element opened was closed
    assert html.count("<details>") == 1  # the other plot keeps its table

    # Enough answers, but all alike: the sentence says that instead.
    section = _difficulty_section(report({f"s{n}": {"t-single": "a"} for n in range(MIN_ANSWERS)}))
    assert (
        f"<p>No exercise is plotted: the 1 exercise(s) with at least {MIN_ANSWERS} answers scored the same for "
        "every student who answered"
    ) in section
    assert "<table" not in section
    # With a point to plot, the table is back: one student wrong where the others are right, one more right.
    section = _difficulty_section(report({"s0": {"t-single": "b"}, "s1": {"t-single": "a", "t-text": "intravasation"}}))
    assert "No exercise is plotted" not in section and '<td class="names">t-single</td>' in section
    assert "<svg" in section and "hover over it for its id" in section


def test_warnings_alike_for_many_sheets_are_counted_after_the_first_few(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """A folder of another chapter's quiz graded with --chapter, but for one student's sheet: the first sheets
    are named, the rest counted, so the errors above stay on the screen; the report names every sheet."""
    folder, out = tmp_path / "quiz3", tmp_path / "out"
    write_chapter_class(folder, book, {f"s{n}": THIRD for n in range(NAMES_SHOWN + 1)} | {"u": "04-diagnosis"})
    code, _, err = run(capsys, "gradebook", str(folder), "--chapter", "4", "--out", str(out))
    # One more than are shown: its own line says more than a line counting it would.
    assert code == 0 and len(err.splitlines()) == NAMES_SHOWN + 2 and "more sheet(s)" not in err
    write_chapter_class(folder, book, {f"s{n}": THIRD for n in range(NAMES_SHOWN + 1, NAMES_SHOWN + 3)})
    (folder / "broken.json").write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "gradebook", str(folder), "--chapter", "4", "--out", str(out))
    lines = err.splitlines()
    assert code == 2 and lines[0].startswith(f"error: {folder / 'broken.json'}")
    count = len(book.select("3").ids)
    names = sorted(f"s{n}" for n in range(NAMES_SHOWN + 3))
    assert lines[1:-1] == [
        *(
            f"warning: {folder / name}.yaml: the sheet is for chapter {THIRD}; graded on chapter 04-diagnosis, "
            f"as --chapter asks; {count} answer(s) to other chapters left out"
            for name in names[:NAMES_SHOWN]
        ),
        f"warning: and 3 more sheet(s) for other chapters, graded on chapter 04-diagnosis as --chapter asks; "
        f"{out / 'report.html'} lists them all",
    ]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert all(f"<tr><td>{PATH}{folder / name}.yaml</span></td>" in html for name in names)


def test_first_lines_keeps_a_few_and_counts_the_rest() -> None:
    """Only the lines shown are made, however many sheets there are; the rest are counted."""
    from checks.gradebook import first_lines

    made: list[int] = []

    def line(n: int, word: str) -> str:
        made.append(n)
        return f"warning: {n} {word}"

    sheets = [(n, "alike") for n in range(NAMES_SHOWN + 2)]
    lines = [f"warning: {n} alike" for n in range(NAMES_SHOWN + 2)]
    assert first_lines(sheets[: NAMES_SHOWN + 1], line, "x") == lines[: NAMES_SHOWN + 1]
    assert first_lines(sheets, line, "sheet(s) alike") == [*lines[:NAMES_SHOWN], "warning: and 2 more sheet(s) alike"]
    assert first_lines([], line, "x") == []
    made.clear()
    many = [(n, "alike") for n in range(10_000)]
    assert first_lines(many, line, "x")[-1] == f"warning: and {10_000 - NAMES_SHOWN} more x"
    assert made == list(range(NAMES_SHOWN))


def test_students_are_listed_as_a_reader_expects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Case and accents do not decide the order: "chloe dupont" and "Émile" come before "Zed", not after it."""
    folder = tmp_path / "class"
    folder.mkdir()
    names = ["zoe adams", "Zed", "Ève", "Émile", "chloe dupont", "Eve", "Bob", "ÉLODIE", "anonymous", "Anonymous"]
    for n, name in enumerate(names):
        write_sheet(folder / f"{n}.json", name, {"t-single": "a"})
    write_sheet(folder / "x.json", "anonymous", {})  # a second nameless row, after the first by file
    code, _, _ = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(tmp_path / "out"))
    rows = [(r["student"], Path(r["files"]).name) for r in records(tmp_path / "out" / "grades.csv")]
    assert code == 0
    assert rows == [
        ("Anonymous", "9.json"),
        ("anonymous", "8.json"),
        ("anonymous", "x.json"),
        ("Bob", "6.json"),
        ("chloe dupont", "4.json"),
        ("ÉLODIE", "7.json"),
        ("Émile", "3.json"),
        ("Eve", "5.json"),  # alike but for the accent: a fixed order
        ("Ève", "2.json"),
        ("Zed", "1.json"),
        ("zoe adams", "0.json"),
    ]
    assert [name for name, _ in rows] != sorted(name for name, _ in rows)  # code-point order would differ


def test_an_option_is_counted_under_the_books_letter_whatever_a_sheet_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """The same option chosen by id, by the book's letter and by a variant's letter is one count."""
    from checks import variants

    [single] = [ex for _, ex in sample.exercises() if ex.id == "t-single"]
    printed = {text: letter for letter, text in printed_options(capsys, "t-single")}
    variant_letter = {i: letter for letter, i in variants.letters(single, "vic", "7").items()}["a"]
    sheets = [
        {"student": "by id", "answers": {"t-single": "a"}},
        {"student": "by the book", "letters": "book", "answers": {"t-single": printed["Right"]}},
        {"student": "vic", "variant": {"student": "vic", "seed": "7"}, "answers": {"t-single": variant_letter}},
    ]
    for n, sheet in enumerate(sheets):
        (tmp_path / f"{n}.json").write_text(json.dumps(sheet))
    code, _, _ = run(
        capsys,
        "--banks",
        SAMPLE,
        "gradebook",
        *(str(tmp_path / f"{n}.json") for n in range(3)),
        "--out",
        str(tmp_path / "out"),
    )
    items = {r["exercise"]: r for r in records(tmp_path / "out" / "items.csv")}
    counts = {letter: 3 if text == "Right" else 0 for text, letter in printed.items()}
    assert code == 0 and items["t-single"]["correct"] == "3"
    assert items["t-single"]["responses"] == "; ".join(f"({k})={counts[k]}" for k in sorted(counts)) + (
        "; invalid=0; unanswered=0"
    )


def test_excel_gets_a_byte_order_mark_and_nothing_else_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--excel starts each CSV file with a byte-order mark, so Excel reads 'Chloé' as written; the
    report and the files written without the option are as before."""
    (tmp_path / "sheets").mkdir()
    write_sheet(tmp_path / "sheets" / "c.json", "Chloé", {"t-single": "a"})
    plain, excel = tmp_path / "plain", tmp_path / "excel"
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "sheets"), "--out", str(plain))[0] == 0
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "sheets"), "--out", str(excel), "--excel")[0] == 0
    for name in ("grades.csv", "items.csv", "failed.csv"):
        assert not (plain / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert (excel / name).read_bytes() == b"\xef\xbb\xbf" + (plain / name).read_bytes()
    assert (excel / "report.html").read_bytes() == (plain / "report.html").read_bytes()
    assert "Chloé" in (excel / "grades.csv").read_text(encoding="utf-8-sig")


def test_names_alike_but_for_accents_are_shown_not_merged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'Zoë Adams' and 'zoe adams' may be one student or two: two rows, and the report puts them side by side."""
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for file, name in {"a.json": "Zoë Adams", "b.json": "zoe adams", "c.json": "Ann Lee", "d.json": "ann lee"}.items():
        write_sheet(sheets / file, name, {"t-single": "a"})
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(sheets), "--out", str(tmp_path / "out"))[0] == 0
    assert [r["student"] for r in records(tmp_path / "out" / "grades.csv")] == ["Ann Lee", "Zoë Adams", "zoe adams"]
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "1 name(s) appear in more than one spelling that differs only in accents" in report
    assert "<td>Zoë Adams · zoe adams</td>" in report
    write_sheet(sheets / "b.json", "Zoë Adams", {"t-single": "a"})  # one spelling: nothing to show
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(sheets), "--out", str(tmp_path / "out"))[0] == 0
    assert "differs only in accents" not in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


# -- a roster's rows ----------------------------------------------------------------------------------------------


def write_roster_class(folder: Path) -> dict[str, Path]:
    """Sheets for a roster: s2 typed in capitals, s1 on two pages, zed not on it, one without a name."""
    folder.mkdir()
    return {
        "s2": write_sheet(folder / "two.json", "S2", {"t-text": "intravasation"}),
        "s1a": write_sheet(folder / "one-a.json", "s1", {"t-text": "intravasation"}),
        "s1b": write_sheet(folder / "one-b.json", "s1", {"t-truefalse": False}),
        "zed": write_sheet(folder / "zed.json", "zed", {"t-text": "nope"}),
        "nameless": write_sheet(folder / "nameless.json", "anonymous", {"t-truefalse": False}),
    }


def test_a_roster_gives_a_row_per_student_in_its_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ready for an LMS's import: the roster's students in its order, as it spells them, with a status; those with
    no sheet without a score; then the students graded who are not on it, told on one line and in the report."""
    sheets = write_roster_class(tmp_path / "sheets")
    roster = tmp_path / "class.csv"
    roster.write_text("Student ID,Name\ns3,Cy\ns2,Bo\ns1,Ann\ns4,Di\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(
        capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "sheets"), "--roster", str(roster), "--out", str(out)
    )
    assert code == 0
    *warnings, summary = err.splitlines()
    assert warnings == [
        f"warning: 2 student(s) not on the roster {roster}, graded after its students in grades.csv: "
        f"anonymous ({sheets['nameless']}), zed; {out / 'report.html'} lists them with their files"
    ]
    assert summary.startswith(
        "graded 5 sheet(s) of 4 student(s), 0 could not be graded; 2 of the 4 student(s) on the roster handed in "
        "no sheet; wrote "
    )
    assert read_csv(out / "grades.csv") == [
        ["student", "status", "files", "sample", "total", "max", "percent"],
        ["s3", "no sheet", "", "", "", "17", ""],
        ["s2", "graded", str(sheets["s2"]), "1", "1", "17", "5.8824"],
        ["s1", "graded", f"{sheets['s1a']}; {sheets['s1b']}", "2", "2", "17", "11.7647"],
        ["s4", "no sheet", "", "", "", "17", ""],
        ["anonymous", "not on roster", str(sheets["nameless"]), "1", "1", "17", "5.8824"],
        ["zed", "not on roster", str(sheets["zed"]), "0", "0", "17", "0"],
    ]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<tr><th scope="row">on the roster, with no sheet</th><td class="num">2</td></tr>' in html
    assert "2 student(s) on the roster handed in no sheet; their rows of grades.csv have no score: s3, s4." in html
    assert f"2 student(s) handed in sheets but are not on the roster ({roster})" in html
    assert f"<tr><td>zed</td><td>{PATH}{sheets['zed']}</span></td></tr>" in html


def test_a_rosters_column_of_ids_may_be_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An LMS's export as it is downloaded: --id-column picks its column of ids, and Canvas's row of points
    possible is no student; a column that is not there is told, and nothing is written."""
    sheets = write_roster_class(tmp_path / "sheets")
    roster = tmp_path / "canvas.csv"
    roster.write_bytes(
        "\ufeffStudent,ID,SIS User ID,SIS Login ID,Section\r\n    Points Possible,,,,\r\n"
        '"Cy, Ann",11,s3,cy,A\r\n"Bo, Ben",12,s2,bo,A\r\n"Ali, Dan",13,s1,ali,A\r\n'.encode()
    )
    out = tmp_path / "out"
    argv = ["--banks", SAMPLE, "gradebook", str(tmp_path / "sheets"), "--roster", str(roster), "--out", str(out)]
    code, _, err = run(capsys, *argv, "--id-column", "sis user id")
    assert code == 0, err
    assert [row[:3] for row in read_csv(out / "grades.csv")] == [
        ["student", "status", "files"],
        ["s3", "no sheet", ""],
        ["s2", "graded", str(sheets["s2"])],
        ["s1", "graded", f"{sheets['s1a']}; {sheets['s1b']}"],
        ["anonymous", "not on roster", str(sheets["nameless"])],
        ["zed", "not on roster", str(sheets["zed"])],
    ]
    other = tmp_path / "other"
    assert run(capsys, *argv[:-1], str(other), "--id-column", "Matrikel")[::2] == (
        2,
        f"error: {roster}:1: --id-column 'Matrikel': no column has this header (the headers: 'Student', 'ID', "
        "'SIS User ID', 'SIS Login ID', 'Section')\n",
    )
    assert not other.exists()
    with pytest.raises(UsageError, match=r"^--id-column goes with --roster"):
        run(capsys, "--banks", SAMPLE, "gradebook", str(tmp_path / "sheets"), "--out", str(other), "--id-column", "x")


@pytest.mark.parametrize(
    "header",
    ["No.,Student Number", "Section,Student ID", "Group,Email", "OrgDefinedId,Username,Last Name"],
)
def test_a_rosters_header_may_name_its_column_of_ids_in_any_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """A header whose one word of a column of ids is not in its first cell is no student, and its ids are that
    column's; D2L's ``#`` before each OrgDefinedId and Username is no comment, nor part of the id."""
    sheets = write_roster_class(tmp_path / "sheets")
    roster = tmp_path / "class.csv"
    rows = ["1,s1,x", "2,s2,y"] if header.count(",") == 1 else ["#s1,#ann,x", "#s2,#ben,y"]
    roster.write_bytes(("\ufeff" + "".join(f"{row}\r\n" for row in [header, *rows])).encode())
    out = tmp_path / "out"
    argv = ["--banks", SAMPLE, "gradebook", str(tmp_path / "sheets"), "--roster", str(roster), "--out", str(out)]
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    assert [row[:3] for row in read_csv(out / "grades.csv")][:3] == [
        ["student", "status", "files"],
        ["s1", "graded", f"{sheets['s1a']}; {sheets['s1b']}"],
        ["s2", "graded", str(sheets["s2"])],
    ]


def test_a_roster_changes_no_grade(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A roster of every student, in the gradebook's order, gives the same rows with a status, and the same
    analysis; the rest of the class's files are those of the gradebook without it."""
    write_roster_class(tmp_path / "sheets")
    roster = tmp_path / "class.txt"
    roster.write_text("s1\ns2\nzed\n", encoding="utf-8")
    base = ["--banks", SAMPLE, "gradebook", str(tmp_path / "sheets")]
    run(capsys, *base, "--out", str(tmp_path / "plain"))
    code, _, err = run(capsys, *base, "--roster", str(roster), "--out", str(tmp_path / "listed"))
    assert code == 0 and "1 student(s) not on the roster" in err and "0 of the 3 student(s)" in err
    plain, listed = read_csv(tmp_path / "plain" / "grades.csv"), read_csv(tmp_path / "listed" / "grades.csv")
    assert [row[1] for row in listed] == ["status", "graded", "graded", "graded", "not on roster"]
    # As the roster spells them (s2, where the sheet says S2), and the student not on it (anonymous) last.
    assert [row[:1] + row[2:] for row in listed] == [plain[0], *([r[0].lower(), *r[1:]] for r in plain[2:]), plain[1]]
    for name in ("items.csv", "failed.csv"):
        assert (tmp_path / "plain" / name).read_bytes() == (tmp_path / "listed" / name).read_bytes()


def test_a_roster_that_cannot_be_used_is_told_before_grading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each problem on a line, exit status 2, and no folder made. Ids whose sheets `sheet --roster` would write to
    one file are no problem: the gradebook writes none."""
    write_roster_class(tmp_path / "sheets")
    roster, out = tmp_path / "class.txt", tmp_path / "out"
    roster.write_text("s1\ns2\nS1\n", encoding="utf-8")
    argv = ["--banks", SAMPLE, "gradebook", str(tmp_path / "sheets"), "--roster", str(roster), "--out", str(out)]
    assert run(capsys, *argv)[::2] == (
        2,
        f"error: {roster}: student id 's1' is on lines 1 and 3 ('s1' and 'S1' are one student)\n",
    )
    assert not out.exists()
    code = checks_main([*argv[:-4], "--roster", str(tmp_path / "nowhere.csv"), "--out", str(out)])  # as the CLI says
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"error: {tmp_path / 'nowhere.csv'}: ") and not out.exists()
    roster.write_text("Ann Lee\nann_lee\ns1\n", encoding="utf-8")
    code, _, err = run(capsys, *argv)
    assert code == 0 and "2 of the 3 student(s) on the roster handed in no sheet" in err


def test_the_roster_is_read_and_its_absentees_worded_beside_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reading the roster and the warning about students not on it belong with the roster's rows, not with the
    command's options: usable on their own, as the command uses them."""
    roster = tmp_path / "class.txt"
    assert read_students(None) == ()
    roster.write_text("s1\ns1\n", encoding="utf-8")
    assert read_students(str(roster)) is None
    assert capsys.readouterr().err == f"error: {roster}: student id 's1' is on lines 1 and 2\n"
    roster.write_text("s1\nS2\n", encoding="utf-8")
    students = read_students(str(roster))
    assert students is not None and [s.id for s in students] == ["s1", "S2"]
    sheet = write_sheet(tmp_path / "zed.json", "zed", {"t-single": "a"})
    collected = collect([str(sheet)], load_book([DATA / "bank.yaml"]), progress=False)
    rows = on_roster(roster, students, collected.graded)
    assert unlisted_warning(rows, tmp_path / "report.html") == (
        f"warning: 1 student(s) not on the roster {roster}, graded after its students in grades.csv: zed; "
        f"{tmp_path / 'report.html'} lists them with their files"
    )


# -- sheets that could not be graded, on a roster --------------------------------------------------------------


def test_a_refused_sheet_says_whose_it_is_where_that_can_be_read(tmp_path: Path, sample: Book) -> None:
    """A sheet refused after its student was read tells whose it is; one that could not be read that far tells no
    one, and no name is made up from the file's."""
    cases = {
        "s2.yaml": ("student: s2\nanswers:\n  no-such-exercise: a\n", "s2"),
        "typo.yaml": ("student: ' Cy '\nanswrs: {}\n", "Cy"),  # a field misspelt, the name as sheets compare it
        "id.yaml": ("student: 0123\nanswers: {}\n", "0123"),  # an id without quotes, as written, not as YAML reads it
        "s3.yaml": ("student: s3\nanswers:\n  t-single: a\n  : b\n", None),  # a YAML slip
        "s4.yaml": ("", None),  # an empty file
        "s5.yaml": ("answers: {}\n", None),
        "anon.yaml": ("student: ''\nanswers:\n  nope: a\n", None),
    }
    for name, (text, student) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_sheet(tmp_path / name, sample)
        assert caught.value.student == student, name
    (tmp_path / "s6.yaml").write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")  # a .docx renamed
    with pytest.raises(InputError) as caught:
        read_sheet(tmp_path / "s6.yaml", sample)
    assert caught.value.student is None


def test_a_roster_student_whose_sheet_was_refused_is_not_marked_as_handing_in_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A student whose only sheet could not be graded handed one in: their row says so, and the summary counts them
    apart. A sheet refused before its student could be read may be anyone's: the lines say so, with how many."""
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    write_sheet(sheets / "s1.json", "s1", {"t-single": "a"})
    (sheets / "s2.yaml").write_text("student: S2\nanswers:\n  no-such-exercise: a\n", encoding="utf-8")
    (sheets / "id.yaml").write_text("student: 12345\nanswers:\n  t-single: a\n", encoding="utf-8")
    (sheets / "slip.yaml").write_text("student: s3\nanswers:\n  t-single: a\n  : b\n", encoding="utf-8")
    roster, out = tmp_path / "class.txt", tmp_path / "out"
    roster.write_text("s1\ns2\ns3\n12345\ns4\n", encoding="utf-8")
    argv = ["--banks", SAMPLE, "gradebook", str(sheets), "--roster", str(roster), "--out", str(out)]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.splitlines()[-1].startswith(
        "graded 1 sheet(s) of 1 student(s), 3 could not be graded; 2 of the 5 student(s) on the roster handed in "
        "no sheet and 2 only sheets that could not be graded; 1 sheet(s) that could not be graded name no one on "
        "the roster: some of the students marked 'no sheet' may have handed them in; wrote "
    )
    assert read_csv(out / "grades.csv") == [
        ["student", "status", "files", "sample", "total", "max", "percent"],
        ["s1", "graded", str(sheets / "s1.json"), "1", "1", "17", "5.8824"],
        ["s2", "sheet not graded", "", "", "", "17", ""],
        ["s3", "no sheet", "", "", "", "17", ""],
        ["12345", "sheet not graded", "", "", "", "17", ""],
        ["s4", "no sheet", "", "", "", "17", ""],
    ]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<tr><th scope="row">on the roster, with no sheet</th><td class="num">2</td></tr>' in html
    assert '<tr><th scope="row">on the roster, sheet not graded</th><td class="num">2</td></tr>' in html
    assert "2 student(s) on the roster handed in no sheet; their rows of grades.csv have no score: s3, s4." in html
    assert (
        "1 sheet(s) that could not be graded name no one on the roster: some of the students marked "
        "<code>no sheet</code> may have handed them in." in html
    )
    assert "2 student(s) on the roster handed in only sheets that could not be graded" in html
    assert f"<tr><td>s2</td><td>{PATH}{sheets / 's2.yaml'}</span></td></tr>" in html
    assert f"<tr><td>12345</td><td>{PATH}{sheets / 'id.yaml'}</span></td></tr>" in html
    # Once the slip is mended, no sheet is anyone's unknown: nothing is said of them.
    (sheets / "slip.yaml").write_text("student: s3\nanswers:\n  t-single: a\n", encoding="utf-8")
    code, _, err = run(capsys, *argv)
    assert err.splitlines()[-1].startswith(
        "graded 2 sheet(s) of 2 student(s), 2 could not be graded; 1 of the 5 student(s) on the roster handed in "
        "no sheet and 2 only sheets that could not be graded; wrote "
    )
    assert "may have handed" not in (out / "report.html").read_text(encoding="utf-8")
    # A folder mistyped on the command line could not be graded either, but it is no one's sheet.
    code, _, err = run(capsys, *argv[:3], str(sheets), str(tmp_path / "no-such-folder"), *argv[4:])
    assert code == 2 and "no-such-folder: no such file or folder" in err
    assert "may have handed" not in err and "may have handed" not in (out / "report.html").read_text(encoding="utf-8")
    # Nor is it counted among the sheets that could not be graded: an instructor would look for a broken sheet.
    assert err.splitlines()[-1].startswith(
        "graded 2 sheet(s) of 2 student(s), 2 could not be graded, 1 path(s) given held no sheet "
        f"({tmp_path / 'no-such-folder'}); 1 of the 5 student(s) on the roster"
    )
    report = (out / "report.html").read_text(encoding="utf-8")
    assert '<th scope="row">sheets that could not be graded</th><td class="num">2</td>' in report
    assert '<th scope="row">paths given that held no sheet</th><td class="num">1</td>' in report
    assert (
        "2 sheet(s) could not be graded and are in no table or plot. 1 path(s) given held no sheet to grade; the table "
        "names them with the sheets." in report
    )


def test_a_refused_sheet_of_a_student_with_a_graded_one_leaves_them_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A student's page that could not be graded beside one that was: the student is graded, and the refused sheet,
    being theirs, is no one else's."""
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    write_sheet(sheets / "s1.json", "s1", {"t-single": "a"})
    (sheets / "s1-b.yaml").write_text("student: s1\nanswers:\n  nope: a\n", encoding="utf-8")
    roster, out = tmp_path / "class.txt", tmp_path / "out"
    roster.write_text("s1\ns2\n", encoding="utf-8")
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(sheets), "--roster", str(roster), "--out", str(out))
    assert code == 2 and "1 of the 2 student(s) on the roster handed in no sheet; wrote " in err
    assert [row[:2] for row in read_csv(out / "grades.csv")[1:]] == [["s1", "graded"], ["s2", "no sheet"]]


# -- sheets that answer nothing ------------------------------------------------------------------------------------


def test_sheets_that_answer_nothing_are_warned_of_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet with 'answers:' empty scores 0: a student may have handed in the blank sheet for their answers. One
    line names such sheets, the first five and how many more, and the report lists them all among the sheets that
    need a look."""
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    write_sheet(folder / "ann.json", "Ann", {"t-text": "intravasation"})
    blank = [folder / f"b{n}.yaml" for n in range(7)]
    for n, path in enumerate(blank):
        path.write_text(f"student: b{n}\nanswers:\n", encoding="utf-8")
    # The blank sheet as printed, its student's name filled in and nothing else: each id with no answer after it.
    assert checks_main(["--banks", SAMPLE, "sheet", "-o", str(blank[0]), "--force"]) == 0
    capsys.readouterr()
    printed = blank[0].read_text(encoding="utf-8")
    assert 'student: ""' in printed and "\n  t-single:" in printed
    blank[0].write_text(printed.replace('student: ""', 'student: "b0"'), encoding="utf-8")
    write_sheet(folder / "cy.json", "Cy", {"t-single": ""})  # an answer left empty is none
    blank.insert(0, folder / "cy.json")  # in the order of their files
    blank.sort(key=str)
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    assert code == 0
    assert err.splitlines()[:-1] == [
        f"warning: 8 sheet(s) answer nothing and score 0: {', '.join(map(str, blank[:5]))} and 3 more; "
        f"{out / 'report.html'} lists them all"
    ]
    html = (out / "report.html").read_text(encoding="utf-8")
    summary = html[: html.index('<section aria-labelledby="failed-h">')]
    assert "8 sheet(s) answer nothing (no answer is filled in)" in summary  # the printed sheet too, not only 'answers:'
    assert f"<tr><td>{PATH}{folder / 'cy.json'}</span></td><td>Cy</td></tr>" in summary
    assert "ann.json" not in summary
    write_sheet(folder / "cy.json", "Cy", {"t-text": "extravasation"})
    for path in blank:
        if path.name != "cy.json":
            path.unlink()
    code, _, err = run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))
    assert code == 0 and "warning" not in err and "answer nothing" not in (out / "report.html").read_text("utf-8")


# -- the table of exercises ----------------------------------------------------------------------------------------


def _exercise_rows(html: str) -> dict[str, list[str]]:
    """The cells of each row of the report's table of exercises, by exercise id, as text with its line breaks."""
    table = html[html.index('id="exercises-h"') :]
    table = table[: table.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table)[1:]:
        cells = [re.sub(r"<(?!br>)[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        rows[cells[0].split(" ")[0]] = cells[1:]
    return rows


def test_the_table_of_exercises_shows_how_many_gave_each_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As items.csv counts them: each option by the book's letter, the key marked; true and false; the statuses of
    the other kinds. An option nobody chose is shown, a count of invalid or unanswered answers only when some are."""
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    write_sheet(folder / "s1.json", "s1", {"t-single": "a", "t-truefalse": False, "t-text": "intravasation"})
    write_sheet(folder / "s2.json", "s2", {"t-single": "a", "t-truefalse": True, "t-text": "extravasation"})
    write_sheet(folder / "s3.json", "s3", {"t-single": "b", "t-truefalse": False})
    assert run(capsys, "--banks", SAMPLE, "gradebook", str(folder), "--out", str(out))[0] == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    header = html[html.index('id="exercises-h"') :]
    assert '<th scope="col">responses</th>' in header[: header.index("</thead>")]
    items = {r["exercise"]: r["responses"] for r in records(out / "items.csv")}
    rows = _exercise_rows(html)
    nbsp = "\N{NO-BREAK SPACE}"
    # The book prints the right option, whose id is a, as (b).
    assert items["t-single"] == "(a)=1; (b)=2; (c)=0; invalid=0; unanswered=0"
    assert rows["t-single"][5] == f"(a){nbsp}1<br>(b){nbsp}✓{nbsp}2<br>(c){nbsp}0"
    assert items["t-truefalse"] == "true=1; false=2; invalid=0; unanswered=0"
    assert rows["t-truefalse"][5] == f"true{nbsp}1<br>false{nbsp}✓{nbsp}2"
    assert items["t-text"] == "correct=1; partial=0; incorrect=1; invalid=0; unanswered=1"
    assert rows["t-text"][5] == f"correct{nbsp}1<br>incorrect{nbsp}1<br>unanswered{nbsp}1"
    assert rows["t-numeric"][5] == f"unanswered{nbsp}3"


# -- the output folder among the sheets ------------------------------------------------------------------------


def test_an_out_folder_among_the_sheets_is_passed_over_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The gradebook's folder kept beside the class's sheets holds our files, not a sheet skipped: a rerun says
    nothing of it, whatever else is kept there, and grades the same class. Another folder's files are still told."""
    folder = tmp_path / "class"
    write_tiny_class(folder)
    out = folder / "gradebook"
    argv = ["--banks", SAMPLE, "gradebook", str(folder), "--out", str(out)]
    first = run(capsys, *argv)
    (out / "grades.xlsx").write_bytes(b"PK\x03\x04")  # opened in a spreadsheet, and saved beside
    (out / "old.json").write_text(json.dumps({"student": "zed", "answers": {"t-single": "a"}}))
    second = run(capsys, *argv)
    assert second == first and "skipped" not in second[2]
    assert "skipped" not in (out / "report.html").read_text(encoding="utf-8")
    assert "zed" not in {r["student"] for r in records(out / "grades.csv")}
    (folder / "notes.txt").write_text("to do")
    code, _, err = run(capsys, *argv)
    assert code == 0 and f"warning: {folder}: skipped 1 file(s) that are not .json, .yaml or .yml: notes.txt" in err


def test_an_out_folder_that_is_the_sheets_folder_passes_over_our_files_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written into the sheets' own folder, the gradebook's four files are passed over silently, and the sheets
    are graded as ever."""
    folder = tmp_path / "class"
    write_tiny_class(folder)
    argv = ["--banks", SAMPLE, "gradebook", str(folder), "--out", str(folder)]
    first = run(capsys, *argv)
    assert run(capsys, *argv) == first and "skipped" not in first[2]
    (folder / "grades.xlsx").write_bytes(b"PK\x03\x04")
    assert "skipped 1 file(s) that are not .json, .yaml or .yml: grades.xlsx" in run(capsys, *argv)[2]


def test_a_control_character_an_answer_holds_is_shown_as_its_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer typed in a YAML sheet's quotes as "1\\b2" put a raw U+0008 in the report's table of what students
    chose, which no HTML page may hold: it is shown as its escape, as the terminal's lines show it."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.yaml").write_text('student: Ann\nanswers:\n  c1-deaths-gap: "1\\b2"\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, _ = run(capsys, "--banks", str(REPO / "exercises"), "gradebook", str(folder), "--out", str(out))
    page = (out / "report.html").read_text(encoding="utf-8")
    assert code == 0 and "<td>1\\x082</td>" in page
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
