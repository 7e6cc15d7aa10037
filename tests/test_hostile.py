"""Hostile input: every broken sheet and bank gets its exact one-line error, exit 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from checks import reading
from checks.cli import main
from checks.properties import NONE

from conftest import DATA, REPO

HOSTILE = DATA / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
SAMPLE = "tests/data/bank.yaml"


def test_every_case_file_has_an_expected_error() -> None:
    for kind in ("sheets", "banks"):
        assert sorted(p.name for p in (HOSTILE / kind).iterdir()) == sorted(EXPECTED[kind])
    assert len(EXPECTED["sheets"]) >= 60 and len(EXPECTED["banks"]) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED["sheets"]))
def test_hostile_sheet(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    path = f"tests/data/hostile/sheets/{name}"
    assert main(["--banks", SAMPLE, "grade", path]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"error: {path}{EXPECTED['sheets'][name]}\n"
    assert captured.out == ""


@pytest.mark.parametrize("name", sorted(EXPECTED["banks"]))
def test_hostile_bank(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    path = f"tests/data/hostile/banks/{name}"
    assert main(["validate", path]) == 2
    assert capsys.readouterr().err == f"error: {path}{EXPECTED['banks'][name]}\n"


@pytest.mark.parametrize(
    ("suffix", "written"),
    [
        (".yaml", "0123456"),  # octal to YAML: read as 42798
        (".yaml", "007"),  # leading zeros: read as 7
        (".yaml", "1_000"),  # read as 1000
        (".yaml", "1.0e+3"),  # read as 1000.0
        (".yaml", "42"),
        (".json", "1e3"),
        (".json", "1.50"),
    ],
)
def test_an_id_read_as_a_number_is_quoted_back_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, written: str
) -> None:
    """The fix the message suggests keeps the id as the student wrote it, not as YAML read it."""
    sheet = tmp_path / f"s{suffix}"
    text = f"student: {written}\nanswers: {{}}\n" if suffix == ".yaml" else f'{{"student": {written}, "answers": {{}}}}'
    sheet.write_text(text, encoding="utf-8")
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", str(sheet)]) == 2
    quoted = f'"{written}"'
    key = "student" if suffix == ".yaml" else '"student"'  # as the file's own format writes it
    fix = f"put the id in quotes ({key}: {quoted})"
    where = f"{sheet}:1" if suffix == ".yaml" else str(sheet)  # JSON keeps no lines
    assert capsys.readouterr().err == f"error: {where}: 'student' must be text: {fix}\n"
    sheet.write_text(text.replace(written, quoted), encoding="utf-8")
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", "--json", str(sheet)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["student"] == written  # the suggested fix is read as the id


def test_missing_file_and_huge_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"student": "s", "answers": {"t-text": "x" * 1_100_000}}))
    missing = tmp_path / "missing.yaml"
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", str(huge), str(missing)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {huge}: file too large ({huge.stat().st_size:,} bytes; the limit is 1,000,000)",
        f"error: {missing}: no such file",
        "graded 0 sheet(s), 2 could not be graded",
    ]


@pytest.mark.parametrize("name", ["huge.txt", "huge.yaml.txt", "huge"])
def test_a_huge_file_of_another_type_is_told_it_is_too_large(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Named, a file of another type is meant as a sheet: one too large to read is told so, and counted among the
    sheets that could not be graded, as a .yaml sheet that size is, not told it holds no sheet."""
    huge, sheet = tmp_path / name, tmp_path / "sheet.yaml"
    for path in (huge, sheet):
        path.write_text("student: s\nanswers:\n  t-text: " + "x" * 1_100_000 + "\n")
    told = f"file too large ({huge.stat().st_size:,} bytes; the limit is 1,000,000)"
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", str(sheet), str(huge)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {sheet}: {told}",
        f"error: {huge}: {told}",
        "graded 0 sheet(s), 2 could not be graded",
    ]


def test_one_bad_sheet_never_stops_the_class(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"student": "ann", "submitted": "2026-12-01", "answers": {"t-single": "a"}})
    )
    (tmp_path / "b.json").write_text("{broken")
    (tmp_path / "c.yaml").write_text("student: cy\nanswers:\n  t-truefalse: false\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", "--json", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    graded = json.loads(captured.out)
    assert [(g["student"], g["score"]) for g in graded if "error" not in g] == [("ann", 1.0), ("cy", 1.0)]
    assert [g for g in graded if "error" in g] == [
        {
            "file": str(tmp_path / "b.json"),
            "error": "invalid JSON: Expecting property name enclosed in double quotes",
            "line": 1,
            "problems": [{"error": "invalid JSON: Expecting property name enclosed in double quotes", "line": 1}],
        }
    ]
    assert (
        captured.err
        == f"error: {tmp_path / 'b.json'}:1: invalid JSON: Expecting property name enclosed in double quotes\n"
        "graded 2 sheet(s), 1 could not be graded\n"
    )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # submissions untouched


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("student: s1\nanswers:\n  t-text: !!python/name:os.system bone\n", ":3: YAML tags (!!python/name:os.system)"),
        ("student: s1\nanswers:\n  t-multiple: !!python/tuple [a, b]\n", ":3: YAML tags (!!python/tuple)"),
        ("student: s1\nanswers: !!set {t-single}\n", ":2: YAML tags (!!set)"),
        ('student: s1\nanswers:\n  t-numeric: !!int "2"\n', ":3: YAML tags (!!int)"),
        ("student: !<tag:example.com,2026:id> s1\nanswers: {}\n", ":1: YAML tags (!<tag:example.com,2026:id>)"),
    ],
)
def test_a_tag_not_found_in_the_text_is_refused_all_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str, told: str
) -> None:
    """A tag is looked for where the text writes a value's properties; one written where that reading does not
    look is known all the same from the value, which does not read as it is written, and is refused, never
    constructed. Here the text is not read for tags at all."""
    monkeypatch.setattr(reading, "properties", lambda text, node: NONE)
    sheet = tmp_path / "s.yaml"
    sheet.write_text(text, encoding="utf-8")
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", str(sheet)]) == 2
    assert capsys.readouterr().err == (
        f"error: {sheet}{told} are not allowed: delete the tag"
        " (a text that YAML would read as something else goes in quotes)\n"
    )


def test_only_an_error_after_a_quote_scans_the_file_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding the quoted text an error follows scans the file again, slowly, in pure Python: an error that
    follows no quote, such as a tab at the end of a large sheet, is reported without it."""
    scans: list[str] = []
    scan = yaml.scan
    monkeypatch.setattr(yaml, "scan", lambda text, **kw: scans.append(text) or scan(text, **kw))
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: s1\n" + "# a comment\n" * 1000 + "answers:\n\tt-single: a\n", encoding="utf-8")
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", str(sheet)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {sheet}:1003: invalid YAML: a tab in the indentation")
    assert scans == []
    sheet.write_text("student: s1\nanswers:\n  t-text: 'it's one.'\n", encoding="utf-8")
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", str(sheet)]) == 2
    assert "a quoted text ends at its second '" in capsys.readouterr().err
    assert len(scans) == 1


def test_no_traceback_from_the_installed_command(python: str) -> None:
    """The real process, not just main(): hostile files end with exit 2 and one line each, then the count."""
    files = [str(HOSTILE / "sheets" / n) for n in sorted(EXPECTED["sheets"])]
    run = subprocess.run(
        [python, "-m", "checks", "--banks", SAMPLE, "grade", *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    *errors, count = run.stderr.splitlines()
    # A folder given as a file, and a file of another type that holds no sheet, are paths that held no sheet,
    # counted apart from the sheets refused.
    folders = [f for f in files if Path(f).is_dir()]
    assert folders == [str(HOSTILE / "sheets" / "folder.json")]
    others = [f for f in files if EXPECTED["sheets"][Path(f).name].startswith(": not a .json, .yaml or .yml file")]
    assert [Path(f).name for f in others] == ["no-suffix", "sheet.pdf", "wrong-suffix.txt"]
    held_none = sorted(folders + others)
    refused = len(files) - len(held_none)
    assert len(errors) == len(files)
    assert count == (
        f"graded 0 sheet(s), {refused} could not be graded, {len(held_none)} path(s) given held no sheet "
        f"({', '.join(held_none[:5])})"
    )


def test_an_id_used_in_two_banks_names_both_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (HOSTILE / "banks" / "two-correct.yaml").read_text(encoding="utf-8")
    text = text.replace("B, correct: true,", "B, misconception: tag-b,")  # a valid bank
    (tmp_path / "01-first.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "02-second.yaml").write_text(
        "# a chapter\n\n" + text.replace("chapter: c", "chapter: d"), encoding="utf-8"
    )
    assert main(["validate", str(tmp_path)]) == 2
    first, second = tmp_path / "01-first.yaml", tmp_path / "02-second.yaml"
    assert capsys.readouterr().err == (
        f"error: {second}:8: [e1] exercise id also used in {first}:6: both banks are left out of the book until one"
        " is renamed\n"
    )


@pytest.mark.parametrize("copy", ["07-before", "09-after"])
def test_an_id_of_one_chapter_in_two_banks_is_told_at_the_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], copy: str
) -> None:
    """An id that begins as chapter 8's ids do is chapter 8's: the other bank is told, whichever is read first, and
    only it is left out of the book."""
    text = (HOSTILE / "banks" / "two-correct.yaml").read_text(encoding="utf-8")
    text = text.replace("B, correct: true,", "B, misconception: tag-b,")  # a valid bank
    own, other = tmp_path / "08-board.yaml", tmp_path / f"{copy}.yaml"
    own.write_text(text.replace("chapter: c", "chapter: 08-board").replace("id: e1", "id: c8-vignette"))
    other.write_text(
        f"# a chapter\n\n{text.replace('chapter: c', f'chapter: {copy}').replace('id: e1', 'id: c8-vignette')}"
    )
    assert main(["validate", str(tmp_path)]) == 2
    number = int(copy[:2])
    assert capsys.readouterr().err.splitlines() == [
        f"error: {other}:8: [c8-vignette] id: 'c8-vignette' must begin 'c{number}-', as the ids of chapter {copy} do"
        f" (e.g. c{number}-vignette)",
        f"error: {other}:8: [c8-vignette] exercise id also used in {own}:6",
    ]


def test_a_bank_with_other_problems_is_checked_against_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An id or a chapter that another bank has is reported beside the bank's own mistakes, not after they are
    fixed; an id repeated in its own bank is said once, as such."""
    text = (HOSTILE / "banks" / "two-correct.yaml").read_text(encoding="utf-8")
    text = text.replace("B, correct: true,", "B, misconception: tag-b,")  # a valid bank
    (tmp_path / "01-first.yaml").write_text(text, encoding="utf-8")
    broken = text.replace("    prompt: Pick one.\n", "") + text[text.index("  - id: e1") :]
    (tmp_path / "02-second.yaml").write_text(broken, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 2
    first, second = tmp_path / "01-first.yaml", tmp_path / "02-second.yaml"
    assert capsys.readouterr().err.splitlines() == [
        f"error: {second}:1: chapter 'c' already has a bank, {first}: a chapter's exercises and objectives belong"
        " in one file",
        f"error: {second}:6: [e1] missing field 'prompt'",
        f"error: {second}:6: [e1] exercise id also used in {first}:6: both banks are left out of the book until one"
        " is renamed",
        f"error: {second}:16: [e1] duplicate exercise id (first used on line 6)",
    ]


def test_fields_of_another_kind_name_that_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid kind that is the wrong one: its fields are spelt right, so no "did you mean" points elsewhere."""
    text = (HOSTILE / "banks" / "matching-answer-block.yaml").read_text(encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text(text.replace("answer: lung", "answer: liver").replace("kind: matching", "kind: ordering"))
    assert main(["validate", str(bank)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {bank}:6: [e3] missing field 'items'",
        f"error: {bank}:11: [e3] unknown field 'options' (a field of kind single, multiple or matching;"
        " this exercise's kind is ordering)",
        f"error: {bank}:14: [e3] unknown field 'stems' (a field of kind matching; this exercise's kind is ordering)",
    ]


@pytest.mark.parametrize("written", ["1:20", "12:30", "190:20:30.15"])
def test_no_number_is_read_in_base_60(tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str) -> None:
    """YAML 1.1 reads 1:20 as 80 and 12:30 as 750 (base 60), YAML 1.2 as text: an id or a time as written, never a
    number nobody wrote."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"student: {written}\nanswers:\n  t-text: {written}\n  t-numeric: {written}\n")
    assert main(["--banks", SAMPLE, "grade", "--json", str(sheet)]) == 0
    [graded] = json.loads(capsys.readouterr().out)
    results = {r["id"]: r for r in graded["results"]}
    assert graded["student"] == written and results["t-text"]["status"] == "incorrect"  # text, so graded as text
    # Nor is it 12 with the unit ":30": the reader is told a number is expected.
    numeric = results["t-numeric"]
    assert numeric["status"] == "invalid" and numeric["message"].startswith("expected a number, optionally followed")
    assert "750" not in json.dumps(numeric)


@pytest.mark.parametrize("answer", ['"12:30"', "12:30", "see http://example.org", "'x:y'", "note:this"])
def test_a_colon_inside_an_answer_is_read_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answer: str
) -> None:
    """Only a line YAML could not read is taken for an id and its answer without a space: a time, an address or
    a colon in text, quoted or not, is the answer as written."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"student: s1\nsubmitted: 2026-12-01\nanswers:\n  t-text: {answer}\n  t-truefalse: true\n")
    assert main(["--banks", SAMPLE, "grade", "--json", str(sheet)]) == 0
    [graded] = json.loads(capsys.readouterr().out)
    assert graded["results"][2]["status"] == "incorrect"  # t-truefalse, read as an answer of its own


@pytest.mark.parametrize("line", ["12:30", "http://example.org", '"c3-next-step:b"'])
def test_a_line_that_is_no_id_and_answer_is_not_told_to_take_a_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    """A line YAML cannot read that is not ``id:value``, such as a time or an address on a line of its own, keeps
    YAML's own words: a space after its colon would not make it an answer."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"student: s1\nanswers:\n  t-text: bone\n  {line}\n")
    assert main(["--banks", SAMPLE, "grade", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {sheet}:") and "invalid YAML" in err and "space after the colon" not in err
