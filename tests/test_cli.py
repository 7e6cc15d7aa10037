"""The checks command: validate, list, sheet, key, grade, schema."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import re
import subprocess
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from checks import variants
from checks.cli import main
from checks.loading import BankError, Book, load_book
from checks.model import Matching
from checks.roster import file_name
from checks.schema import bank_schema, sheet_schema
from checks.sheet_messages import part_hint
from checks.sheets import key_response

from conftest import DATA, REPO

SAMPLE = str(DATA / "bank.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def _no_bib_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHECKS_BIB", raising=False)


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from a folder outside the book: no ./exercises, no docs/references.bib."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_real_banks(capsys: pytest.CaptureFixture[str], book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    """From the book's folder, as authors run it: its banks, and their sources against docs/references.bib."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("CHECKS_BANKS", raising=False)
    code, out, err = run(capsys, "validate", "--today", "2026-11-25")
    count = len(list(book.exercises()))
    assert (code, err) == (0, "")
    valid = f"{len(book.banks)} bank(s), {count} exercise(s) valid"
    # The banks alone: what the pages name is checked by the build, and the line says so.
    assert out == (
        f"ok: {valid}, sources found in docs/references.bib; 0 due for review;"
        " the chapter pages are checked by the build (make html)\n"
    )
    bib = REPO / "docs" / "references.bib"
    named = ["--bib", str(bib), str(REPO / "exercises")]
    assert run(capsys, "validate", *named, "--today", "2026-11-25") == (
        0,
        out.replace("docs/references.bib", str(bib)),
        "",
    )


def _bib(path: Path, *keys: str) -> Path:
    path.write_text("".join(f"@misc{{{k}, title={{T}}, author={{A}}, year={{2020}}}}\n" for k in keys))
    return path


def _sources(path: Path, *replaced: tuple[int, str], chapter: str = "sample") -> Path:
    """The sample bank with the source on each given line replaced; in a book, its chapter is its file's name."""
    lines = (DATA / "bank.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1] == "chapter: sample\n"
    lines[1] = f"chapter: {chapter}\n"
    for number, source in replaced:
        assert lines[number - 1] == "    source: key\n"
        lines[number - 1] = f"    source: {source}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _unchecked(bank: Path) -> str:
    """The closing line of `checks validate` for the sample bank ``bank`` alone, outside a book: valid, and its
    sources not checked, for want of a bibliography beside it."""
    return (
        "ok: 1 bank(s), 9 exercise(s) valid, sources not checked"
        f" (no docs/references.bib beside {bank.parent}; use --bib); 0 due for review\n"
    )


def test_validate_reports_every_unknown_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = _sources(tmp_path / "bank.yaml", (19, "kye"), (110, "elsewhere-2020"))
    bib = _bib(tmp_path / "refs.bib", "key")
    code, out, err = run(capsys, "validate", str(bank), "--bib", str(bib), "--today", "2026-11-25")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: {bank}:19: [t-single] source 'kye' is not in the bibliography ({bib}) (did you mean 'key'?)",
        f"error: {bank}:110: [t-ordering] source 'elsewhere-2020' is not in the bibliography ({bib})",
    ]
    ok = (0, f"ok: 1 bank(s), 9 exercise(s) valid, sources found in {bib}; 0 due for review\n", "")
    assert run(capsys, "validate", SAMPLE, "--bib", str(bib), "--today", "2026-11-25") == ok


def test_validate_checks_the_keys_cited_in_every_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A key cited in a text, at any depth, is checked as a source is, at the line of the text that holds the key
    (in a text of several lines, not its field's first); a known key, a role written as code and a key cited twice
    in one text are not reported (again)."""
    lines = (DATA / "bank.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    cited = {
        10: "    vignette: As {cite:t}`kye` found, and {cite:p}`key` confirmed.\n",
        16: "      - id: b\n        text: Wrong\n        misconception: wrong-b\n        feedback: |-\n"
        "          No {cite:p}`elsewhere-2020, key`; see\n          {cite:p}`{see}elsewhere-2020{p. 3}`.\n",
        41: "    feedback_true: Not for every cancer; ``{cite:p}`kye` `` is how a role is written.\n",
        55: '      - {answer: extravasation, feedback: "Leaving {cite:p}`Key`.", misconception: entry-exit}\n',
        105: '      - {id: s2, text: "Two {cite:p}`kye`"}\n',
        125: '      - {id: colorectal, text: Colorectal, answer: liver, feedback: "Liver {footcite:p}`kye`."}\n',
        127: "    explanation: Because {cite:t}`kye,key`.\n",
    }
    for number, text in cited.items():
        assert lines[number - 1].strip(" -{").split(":")[0] == text.strip(" -{").split(":")[0]  # the field meant
        lines[number - 1] = text
    bank = tmp_path / "bank.yaml"
    bank.write_text("".join(lines), encoding="utf-8")
    told, unknown = _refused_with_bib(capsys, tmp_path, bank)
    assert told == [
        f"error: {bank}:10: [t-single] vignette: citation 'kye' {unknown} (did you mean 'key'?)",
        f"error: {bank}:20: [t-single] options[1].feedback: citation 'elsewhere-2020' {unknown}",
        f"error: {bank}:60: [t-text] wrong_answers[0].feedback: citation 'Key' {unknown} (did you mean 'key'?)",
        f"error: {bank}:110: [t-ordering] items[1].text: citation 'kye' {unknown} (did you mean 'key'?)",
        f"error: {bank}:130: [t-matching] stem 2.feedback: citation 'kye' {unknown} (did you mean 'key'?)",
        f"error: {bank}:132: [t-matching] explanation: citation 'kye' {unknown} (did you mean 'key'?)",
    ]
    # Keys are compared as written, as for a source: 'Key' names no entry 'key' (nor could both be entries).
    bib = _bib(tmp_path / "refs.bib", "key", "kye", "elsewhere-2020")
    code, out, err = run(capsys, "validate", str(bank), "--bib", str(bib), "--today", "2026-11-25")
    assert (code, out) == (2, "")
    assert (
        err == f"error: {bank}:60: [t-text] wrong_answers[0].feedback: citation 'Key' {unknown} (did you mean 'key'?)\n"
    )
    lines[55 - 1] = lines[55 - 1].replace("`Key`", "`key`")
    bank.write_text("".join(lines), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank), "--bib", str(bib), "--today", "2026-11-25")
    assert (code, err) == (0, "") and out.startswith("ok: 1 bank(s), 9 exercise(s) valid, sources found")


def test_keys_are_compared_as_the_book_cites_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exactly, as sphinxcontrib-bibtex does; and a file named twice is read once, not as repeated entries."""
    bib = _bib(tmp_path / "refs.bib", "key")
    code, out, err = run(capsys, "validate", SAMPLE, "--bib", str(bib), "--bib", str(bib), "--today", "2026-11-25")
    assert (code, out, err) == (
        0,
        f"ok: 1 bank(s), 9 exercise(s) valid, sources found in {bib}; 0 due for review\n",
        "",
    )
    # A key that differs only in case would cite nothing in the book: the key as written is suggested.
    bib = _bib(tmp_path / "refs.bib", "KEY", "kez")
    bank = _sources(tmp_path / "bank.yaml", (19, "key"))
    code, out, err = run(capsys, "validate", str(bank), "--bib", str(bib), "--today", "2026-11-25")
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        f"error: {bank}:19: [t-single] source 'key' is not in the bibliography ({bib}) (did you mean 'KEY'?)"
    )


def test_validate_finds_the_books_bibliography(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From a book's folder, ./exercises against docs/references.bib, each named as the book names them."""
    (elsewhere / "exercises").mkdir()
    _sources(elsewhere / "exercises" / "spread.yaml", (45, "kye"), chapter="spread")
    (elsewhere / "docs").mkdir()
    _bib(elsewhere / "docs" / "references.bib", "key", "other")
    assert run(capsys, "validate", "--today", "2026-11-25") == (
        2,
        "",
        "error: exercises/spread.yaml:45: [t-truefalse] source 'kye' is not in the bibliography "
        "(docs/references.bib) (did you mean 'key'?)\n",
    )


def test_the_books_bibliography_is_for_its_own_banks(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the book's folder, banks outside ./exercises (a test's, another course's) cite other works: the
    book's bibliography is not taken for them unasked. A bank inside ./exercises, named alone, is checked."""
    (elsewhere / "exercises").mkdir()
    inside = _sources(elsewhere / "exercises" / "spread.yaml", (45, "kye"), chapter="spread")
    (elsewhere / "docs").mkdir()
    _bib(elsewhere / "docs" / "references.bib", "other")
    outside = _sources(elsewhere / "bank.yaml", (45, "kye"))
    code, out, err = run(capsys, "validate", str(outside), "--today", "2026-11-25")
    assert (code, out, err) == (0, _unchecked(outside), "")
    monkeypatch.setenv("CHECKS_BANKS", str(outside))
    assert run(capsys, "validate", "--today", "2026-11-25")[0] == 0
    code, _, err = run(capsys, "validate", str(inside), "--today", "2026-11-25")
    # Named as found, beside the bank named: by the path the bank was given by.
    assert code == 2 and err.count(f"is not in the bibliography ({elsewhere / 'docs' / 'references.bib'})") == 9
    code, _, err = run(capsys, "validate", "exercises/spread.yaml", "--today", "2026-11-25")
    assert code == 2 and err.count("is not in the bibliography (docs/references.bib)") == 9


def test_validate_without_a_bibliography_leaves_sources_alone(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Banks outside a book have no bibliography to check against: they stay valid."""
    bank = _sources(elsewhere / "bank.yaml", (19, "kye"))
    code, out, err = run(capsys, "validate", str(bank), "--today", "2026-11-25")
    assert (code, err) == (0, "") and out.startswith("ok: 1 bank(s), 9 exercise(s) valid")


def test_validate_reads_the_bibliography_from_the_environment(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = _sources(elsewhere / "bank.yaml", (19, "kye"), (33, "other"))
    first, second = _bib(elsewhere / "a.bib", "key"), _bib(elsewhere / "b.bib", "other")
    monkeypatch.setenv("CHECKS_BIB", str(first))
    code, _, err = run(capsys, "validate", str(bank), "--today", "2026-11-25")
    assert code == 2
    assert err.splitlines() == [
        f"error: {bank}:19: [t-single] source 'kye' is not in the bibliography ({first}) (did you mean 'key'?)",
        f"error: {bank}:33: [t-multiple] source 'other' is not in the bibliography ({first})",
    ]
    monkeypatch.setenv("CHECKS_BIB", os.pathsep.join([str(first), str(second)]))
    err = run(capsys, "validate", str(bank), "--today", "2026-11-25")[2]
    assert err == (
        f"error: {bank}:19: [t-single] source 'kye' is not in the bibliography ({first}, {second}) "
        "(did you mean 'key'?)\n"
    )
    # The option wins over the environment, whose file lacks the sample's key; empty parts are skipped.
    monkeypatch.setenv("CHECKS_BIB", f"{os.pathsep}{second}{os.pathsep}")
    assert run(capsys, "validate", SAMPLE, "--today", "2026-11-25")[0] == 2
    code, out, _ = run(capsys, "validate", SAMPLE, "--bib", str(first), "--today", "2026-11-25")
    assert (code, out) == (0, f"ok: 1 bank(s), 9 exercise(s) valid, sources found in {first}; 0 due for review\n")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("@misc{key, title={T}\n", "invalid BibTeX: syntax error: premature end of file"),
        ("@misc{key, title={T}}\n@misc{Key, title={U}}\n", "invalid BibTeX: repeated bibliography entry: Key"),
        (b"@misc{key, title={Caf\xe9}}\n", "not UTF-8 text (bad byte 0xE9 at offset 21): save the file as UTF-8"),
        ("", "empty file"),
        ("chapter: 03-spread\nexercises: []\n", "no bibliography entries (@article{key, …}) in this file"),
    ],
)
def test_an_unreadable_bibliography_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes | None, problem: str
) -> None:
    bib = tmp_path / "refs.bib"
    if isinstance(content, bytes):
        bib.write_bytes(content)
    elif content is not None:
        bib.write_text(content)
    line = 1 if isinstance(content, bytes) else 2 if "syntax error" in problem else None
    where = f"{bib}:{line}" if line else str(bib)
    assert run(capsys, "validate", SAMPLE, "--bib", str(bib)) == (2, "", f"error: {where}: {problem}\n")


def test_two_banks_for_one_chapter_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One bank per chapter: the build would say a second bank's exercises are not in the chapter's bank."""
    sample = (DATA / "bank.yaml").read_text(encoding="utf-8")
    (tmp_path / "09-x.yaml").write_text(sample, encoding="utf-8")
    (tmp_path / "09-x-extra.yaml").write_text(sample.replace("  - id: t-", "  - id: u-"), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == (
        f"error: {tmp_path / '09-x.yaml'}:2: chapter 'sample' already has a bank, {tmp_path / '09-x-extra.yaml'}:"
        " a chapter's exercises and objectives belong in one file\n"
    )


_HEAD = "chapter: c\ntitle: T\nobjectives:\n  - {id: o1, text: Do it.}\nexercises:\n"
_TAIL = "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"


def _refused_with_bib(capsys: pytest.CaptureFixture[str], tmp_path: Path, bank: Path) -> tuple[list[str], str]:
    """``checks validate --bib`` with a bibliography of the one key ``key`` refuses the bank: its error lines, and
    the words each unknown key is told with."""
    bib = _bib(tmp_path / "refs.bib", "key")
    code, out, err = run(capsys, "validate", str(bank), "--bib", str(bib), "--today", "2026-11-25")
    assert (code, out) == (2, "")
    return err.splitlines(), f"is not in the bibliography ({bib})"


def assert_invalid(capsys: pytest.CaptureFixture[str], bank: Path, errors: list[tuple[int, str]]) -> None:
    """``checks validate`` refuses the bank with exactly these errors, as (line, message), and prints nothing."""
    code, out, err = run(capsys, "validate", str(bank))
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"error: {bank}:{line}: {message}" for line, message in errors]


def test_every_problem_of_an_exercise_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a compiler reports every error: a rule about options, stems, units, patterns or wrong answers is
    checked whenever those are valid, beside a mistake in another field, and every part that breaks it is named."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: single\n    prompt: Pick.\n    points: -1\n    objectives: [o1]\n    options:\n"
        "      - {id: a, text: A, correct: true, feedback: Yes.}\n"
        "      - {id: b, text: B, correct: true, feedback: Yes.}\n"
        "      - {id: c, text: C, feedback: No.}\n"
        "      - {id: d, text: D, feedback: No.}\n"
        + _TAIL
        + "  - id: e2\n    kind: matching\n    prompt: Match.\n    points: 2\n    objectives: [o1, o1]\n"
        "    options:\n      - {id: bone, text: Bone}\n      - {id: liver, text: Liver}\n"
        "    stems:\n      - {id: p, text: P, answer: lung, feedback: F.}\n"
        "      - {id: p, text: Q, answer: bone, feedback: F., misconceptions: {bone: b-tag}}\n"
        + _TAIL
        + "  - id: e3\n    kind: numeric\n    prompt: How many?\n    points: 1\n    objectives: [o1]\n"
        '    value: 3\n    tolerance: 1\n    relative_tolerance: 0.1\n    units: [cm, " ", cm]\n'
        "    feedback_correct: Yes.\n"
        + _TAIL
        + "  - id: e4\n    kind: text\n    prompt: Word?\n    points: 1\n    objectives: [o1]\n"
        "    accept: [lung, liver]\n    patterns: ['lungs?', 'lung|', 'x\\y']\n    wrong_answers:\n"
        "      - {answer: Lung, feedback: No., misconception: m}\n"
        "      - {answer: LIVER, feedback: No., misconception: m}\n    feedback_correct: Yes.\n"
        + _TAIL
        + "  - id: e5\n    kind: ordering\n    prompt: Order.\n    points: 1\n    objectives: [o1]\n    items:\n"
        "      - {id: a, text: First}\n      - {id: a, text: Second}\n      - {id: c, text: first}\n"
        "    feedback_correct: 7\n" + _TAIL,
        encoding="utf-8",
    )
    assert_invalid(
        capsys,
        bank,
        [
            (9, "[e1] points: must be greater than 0"),
            (
                13,
                "[e1] options[1].correct: options 'a' and 'b' are both marked 'correct: true', but a single-choice"
                " exercise has exactly one correct option: keep one, or use kind: multiple",
            ),
            (14, "[e1] options[2]: option 'c' is wrong, so it needs a 'misconception' tag"),
            (15, "[e1] options[3]: option 'd' is wrong, so it needs a 'misconception' tag"),
            (23, "[e2] objectives[1]: objective id repeated: o1"),
            (28, "[e2] stem 1.answer: 'lung' is not an option id (bone, liver)"),
            (29, "[e2] stem 2.id: stem id repeated: p (first used on line 28)"),
            (29, "[e2] stem 2.misconceptions.bone: the stem's answer cannot carry a misconception"),
            (33, "[e3] give 'tolerance' or 'relative_tolerance', not both"),
            (33, "[e3] missing field 'feedback_incorrect'"),
            (41, "[e3] units[1]: a unit is empty once normalised"),
            (41, "[e3] units[2]: unit repeated: cm"),
            (46, "[e4] missing field 'feedback_incorrect'"),
            (52, "[e4] patterns[1]: pattern 'lung|' matches an empty answer, so a blank answer would count as correct"),
            (
                52,
                "[e4] patterns[2]: pattern 'x\\\\y': character '\\\\' is not allowed"
                " (use lower-case letters, digits, spaces and | ( ) ? * + [ ] { } , . -)",
            ),
            (54, "[e4] wrong_answers[0].answer: wrong answer 'Lung' is also an accepted answer"),
            (55, "[e4] wrong_answers[1].answer: wrong answer 'LIVER' is also an accepted answer"),
            (67, "[e5] items[1].id: item id repeated: a (first used on line 66)"),
            (68, "[e5] items[2].text: items 'a' and 'c' have the same text (first used on line 66)"),
            (69, "[e5] feedback_correct: must be text (YAML read 7: put the text in quotes)"),
        ],
    )


def test_a_role_opened_and_never_closed_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``{cite:p}`key.`` without its closing backtick is no role to MyST: the page would print the markup as typed,
    and neither the build nor the check of citations would say so."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: truefalse\n    prompt: A site {term}`metastasis`; a role is written `{cite}`.\n"
        "    points: 1\n    objectives: [o1]\n    answer: true\n    misconception: m\n    feedback_true: Yes.\n"
        "    feedback_false: See {ref}`sites.\n    explanation: Because {cite:p}`key`.\n    source: key\n"
        "    reviewed: 2026-01-01\n",
        encoding="utf-8",
    )
    assert_invalid(
        capsys, bank, [(14, "[e1] feedback_false: the role {ref} opens with ` but is never closed: end it with `")]
    )
    # Left open before another role, its backtick closes on the next role's: that role's name ends its content.
    text = bank.read_text(encoding="utf-8").replace("See {ref}`sites.", "See {ref}`sites. Also {term}`metastasis`.")
    bank.write_text(text, encoding="utf-8")
    assert_invalid(
        capsys, bank, [(14, "[e1] feedback_false: the role {ref} opens with ` but is never closed: end it with `")]
    )
    # A closed role whose content ends in braces, as mathematics and {samp} may, is no role left open.
    closed = "Growth goes as {math}`e^{kt}`; type {samp}`print {name}`."
    bank.write_text(text.replace("See {ref}`sites. Also {term}`metastasis`.", closed), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bank))
    assert (code, err) == (0, ""), err


def test_an_exercise_without_its_dash_is_told_to_begin_with_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second exercise pasted without its "- " runs on into the one above, whose keys it repeats: the first of
    the repeated keys, its id, says what to do."""
    exercise = (
        "  - id: e1\n    kind: truefalse\n    prompt: One.\n    points: 1\n    objectives: [o1]\n    answer: true\n"
        "    misconception: m\n    feedback_true: Yes.\n    feedback_false: No.\n" + _TAIL
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD + exercise + exercise.replace("  - id: e1", "    id: e2"), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bank))
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: {bank}:18: [e1] duplicate key 'id' (first used on line 6): if a new entry starts here, begin its"
        " line with '- '"
    )
    assert "if a new entry" not in " ".join(err.splitlines()[1:])


def test_a_wrong_answer_a_pattern_accepts_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A foreseen wrong answer that one of the patterns accepts is graded right: its feedback would never be shown,
    as with a wrong answer that is also an accepted one."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: text\n    prompt: Which site?\n    points: 1\n    objectives: [o1]\n"
        "    accept: [breast]\n    patterns: ['lung', 'breast.*']\n    wrong_answers:\n"
        "      - {answer: Breast-bone, feedback: No., misconception: m}\n"
        "      - {answer: bone, feedback: No., misconception: m}\n"
        "    feedback_correct: Yes.\n    feedback_incorrect: No.\n" + _TAIL,
        encoding="utf-8",
    )
    assert_invalid(
        capsys,
        bank,
        [(14, "[e1] wrong_answers[0].answer: wrong answer 'Breast-bone' is accepted by patterns[1] 'breast.*'")],
    )


def test_an_entry_invalid_in_itself_leaves_the_rules_of_the_others_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An option missing its text does not hide, until the next run, that another option lacks its misconception
    tag: every rule about a list's entries is checked on each entry that is valid in itself."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "chapter: c\ntitle: T\nobjectives:\n  - {id: o1, text: Do it.}\n  - {id: o1, text: Again.}\n"
        "  - {id: o2}\nexercises:\n"
        "  - id: e1\n    kind: single\n    prompt: Pick.\n    points: 1\n    objectives: [o1]\n    options:\n"
        "      - {id: bone, correct: true, feedback: Yes.}\n"
        "      - {id: jaundice, text: Jaundice, feedback: No.}\n"
        "      - {id: cough, text: Cough, feedback: No., misconception: m}\n"
        + _TAIL
        + "  - id: e2\n    kind: matching\n    prompt: Match.\n    points: 2\n    objectives: [o1]\n"
        "    options:\n      - {id: bone, text: Bone}\n      - {id: liver, text: Liver}\n"
        "    stems:\n      - {id: p, text: P, answer: bone}\n      - {id: q, text: Q, answer: lung, feedback: F.}\n"
        "      - {id: q, text: R, answer: liver, feedback: F.}\n"
        + _TAIL
        + "  - id: e3\n    kind: text\n    prompt: Word?\n    points: 1\n    objectives: [o1]\n"
        "    accept: [lung, 7, '  ']\n    feedback_correct: Yes.\n    feedback_incorrect: No.\n"
        + _TAIL
        + "  - id: e4\n    kind: multiple\n    prompt: Pick.\n    points: 1\n    objectives: [o1]\n    options:\n"
        "      - {id: a, text: A, correct: 'yes', feedback: Yes.}\n"
        "      - {id: b, text: B, feedback: No.}\n" + _TAIL,
        encoding="utf-8",
    )
    assert_invalid(
        capsys,
        bank,
        [
            (5, "objectives[1].id: objective id repeated: o1 (first used on line 4)"),
            (6, "objectives[2]: missing field 'text'"),
            (14, "[e1] options[0]: missing field 'text'"),
            (15, "[e1] options[1]: option 'jaundice' is wrong, so it needs a 'misconception' tag"),
            (29, "[e2] stem 1: missing field 'feedback'"),
            (30, "[e2] stem 2.answer: 'lung' is not an option id (bone, liver)"),
            (31, "[e2] stem 3.id: stem id repeated: q (first used on line 30)"),
            (40, "[e3] accept[1]: must be text (YAML read 7: put the text in quotes)"),
            (40, "[e3] accept[2]: accepted answer '  ' is empty once normalised"),
            # Whether the option with 'correct' mistyped is the key is not known: nothing is said of the others.
            (52, "[e4] options[0].correct: must be true or false"),
        ],
    )


def test_a_pattern_with_nested_repetition_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pattern whose matching can take exponential time is refused when the bank is checked, before one student's
    answer can stall the grading of a class (and the page's grading in the browser, which reads the same bank)."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: text\n    prompt: Which stage?\n    points: 1\n    objectives: [o1]\n"
        "    accept: [stage iv]\n    patterns:\n      - 'stage (iv|4)'\n      - 'stage (i+)+v'\n"
        "    feedback_correct: Yes.\n    feedback_incorrect: No.\n" + _TAIL,
        encoding="utf-8",
    )
    assert_invalid(
        capsys,
        bank,
        [
            (
                14,
                "[e1] patterns[1]: pattern 'stage (i+)+v': nested repetition: a part repeated more than once holds a"
                " repetition that can match more than one length (as in '(a+)+'), which can make grading some"
                " answers take exponential time: remove the inner or the outer repetition",
            )
        ],
    )


def test_a_unit_listed_in_the_singular_beside_its_plural_is_told_it_repeats_a_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The grader takes a unit with or without a final s, so "point" after "points" is a unit written again: told
    at its own line, with the line of the one it repeats, while "pp" and "persons" are units of their own."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: numeric\n    prompt: How many?\n    points: 1\n    objectives: [o1]\n"
        "    value: 3\n    units:\n      - percentage points\n      - pp\n      - p\n      - points\n"
        "      - Percentage Point.\n      - point\n      - persons\n"
        "    feedback_correct: Yes.\n    feedback_incorrect: No.\n" + _TAIL,
        encoding="utf-8",
    )
    said = "as a final s is set aside in grading"
    assert_invalid(
        capsys,
        bank,
        [
            (
                17,
                f"[e1] units[4]: unit repeated: 'percentage point' is 'percentage points', {said}"
                " (first used on line 13)",
            ),
            (18, f"[e1] units[5]: unit repeated: 'point' is 'points', {said} (first used on line 16)"),
        ],
    )


def _numeric(tolerance: str, value: str = "20") -> str:
    return (
        f"  - id: e1\n    kind: numeric\n    prompt: How many?\n    points: 1\n    objectives: [o1]\n"
        f"    value: {value}\n    {tolerance}\n    feedback_correct: Yes.\n    feedback_incorrect: No.\n" + _TAIL
    )


@pytest.mark.parametrize(
    ("value", "tolerance", "said"),
    [
        ("20", "tolerance: 20", "20 ± 20 accepts every number from 0 to 40, so an answer of 0"),
        ("20", "tolerance: 60", "20 ± 60 accepts every number from -40 to 80, so an answer of 0 or a negative one"),
        ("20", "relative_tolerance: 1", "20 ± 100% accepts every number from 0 to 40, so an answer of 0"),
        ("-5", "tolerance: 7", "-5 ± 7 accepts every number from -12 to 2, so an answer of 0 or a positive one"),
    ],
)
def test_a_numeric_range_that_reaches_zero_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, tolerance: str, said: str
) -> None:
    """The grader would take "0", and past 0 a number of the other sign, for the right number: a reader who has
    not worked the answer out would score. Told at the tolerance, with what it accepts and what to give."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD + _numeric(tolerance, value), encoding="utf-8")
    field = tolerance.partition(": ")[0]
    limit = "1" if field == "relative_tolerance" else value.lstrip("-")
    assert_invalid(capsys, bank, [(12, f"[e1] {field}: {said} would be graded correct: give a {field} below {limit}")])


@pytest.mark.parametrize(
    ("value", "tolerance", "said"),
    [
        ("1e-12", "tolerance: 1e-12", "1e-12 ± 1e-12 accepts every number from 0 to 2e-12, so an answer of 0"),
        (
            "1e-12",
            "tolerance: 9.999999995e-13",
            "1e-12 ± 9.999999995e-13 accepts every number from 5e-22 to 2e-12, and 0 too with the grader's slack"
            " for rounding (1e-09 of the value), so an answer of 0",
        ),
        (
            "1.2345678",
            "tolerance: 1.2345679",
            "1.2345678 ± 1.2345679 accepts every number from -1e-07 to 2.46914, so an answer of 0 or a negative one",
        ),
        (
            "1.0000000001",
            "tolerance: 1",
            "1.0000000001 ± 1 accepts every number from 1e-10 to 2, and 0 too with the grader's slack for rounding"
            " (1e-09 of the value), so an answer of 0",
        ),
        (
            "20",
            "relative_tolerance: 0.9999999995",
            "20 ± 99.99999995% accepts every number from 1e-08 to 40, and 0 too with the grader's slack for"
            " rounding (1e-09 of the value), so an answer of 0",
        ),
    ],
)
def test_the_limit_told_for_a_range_reaching_zero_is_one_to_go_below(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, tolerance: str, said: str
) -> None:
    """The advice is never one the bank follows already, and following it is enough: a tolerance at the value's size
    or over is told that size; one short of it by less than the grader's slack is told a limit short of it by more,
    rounded down to six digits, which the tolerance given is not below and any tolerance below which leaves 0 out."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD + _numeric(tolerance, value), encoding="utf-8")
    field, _, given = tolerance.partition(": ")
    limit = {"1e-12": "1e-12", "9.999999995e-13": "9.99999e-13", "1.2345679": "1.2345678"}.get(given, "0.999999")
    assert float(limit) <= float(given)
    assert_invalid(capsys, bank, [(12, f"[e1] {field}: {said} would be graded correct: give a {field} below {limit}")])
    bank.write_text(_HEAD + _numeric(f"{field}: {float(limit) * (1 - 1e-6)!r}", value), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank), "--today", "2026-11-25")
    assert (code, err) == (0, "") and out.startswith("ok: 1 bank(s), 1 exercise(s) valid")


@pytest.mark.parametrize(
    ("value", "tolerance"),
    [
        ("20", "tolerance: 19.5"),
        ("20", "relative_tolerance: 0.99"),
        ("0", "tolerance: 1"),
        ("-5", "tolerance: 4"),
        # A tiny value without a tolerance, or just short of its size: the grader's slack is a share of it.
        ("1e-12", "tolerance: 0"),
        ("-1e-12", "tolerance: 0"),
        ("1e-12", "tolerance: 9.99999e-13"),
        ("0", "tolerance: 0"),
    ],
)
def test_a_numeric_range_that_keeps_zero_out_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, tolerance: str
) -> None:
    """A range short of 0, and any range about a right answer of 0 itself."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD + _numeric(tolerance, value), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank), "--today", "2026-11-25")
    assert (code, err) == (0, "") and out.startswith("ok: 1 bank(s), 1 exercise(s) valid")


def test_a_single_choice_with_several_keys_is_told_at_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which option is the key is the author's to say: every option marked correct is named, at the second's
    'correct: true', with both ways out."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: single\n    prompt: Pick.\n    points: 1\n    objectives: [o1]\n    options:\n"
        "      - id: a\n        text: A\n        correct: true\n        feedback: Yes.\n"
        "      - {id: b, text: B, feedback: No., misconception: m}\n"
        "      - id: c\n        text: C\n        feedback: Yes.\n        correct: true\n"
        "      - {id: d, text: D, correct: true, feedback: Yes.}\n" + _TAIL,
        encoding="utf-8",
    )
    assert_invalid(
        capsys,
        bank,
        [
            (
                20,
                "[e1] options[2].correct: options 'a', 'c' and 'd' are all marked 'correct: true', but a"
                " single-choice exercise has exactly one correct option: keep one, or use kind: multiple",
            )
        ],
    )


def _matching(options: str, stems: str, extended: str = "") -> str:
    return (
        f"  - id: e1\n    kind: matching\n{extended}    prompt: Match.\n    points: 2\n    objectives: [o1]\n"
        f"    options:\n{options}    stems:\n{stems}" + _TAIL
    )


_THREE = "      - {id: bone, text: Bone}\n      - {id: liver, text: Liver}\n      - {id: lung, text: Lung}\n"


def _matching_bank(tmp_path: Path, stems: str, tail: str = _TAIL) -> Path:
    """A bank of one matching exercise over bone, liver and lung with these ``stems``, ending with ``tail``."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD + _matching(_THREE, stems).replace(_TAIL, tail), encoding="utf-8")
    return bank


def test_a_matching_option_that_answers_no_stem_needs_extended(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without 'extended: true' each option answers one stem, and no output tells the reader that an option may be
    left over: told at the first such option, naming each, and valid once extended."""
    bank = tmp_path / "bank.yaml"
    four = _THREE + "      - {id: brain, text: Brain}\n"
    stems = (
        "      - {id: p, text: P, answer: liver, feedback: F.}\n      - {id: q, text: Q, answer: brain, feedback: F.}\n"
    )
    bank.write_text(_HEAD + _matching(four, stems), encoding="utf-8")
    told = "no stem, and the reader is not told that one may be left over: set 'extended: true', which tells them,"
    assert_invalid(
        capsys,
        bank,
        [(12, f"[e1] options[0]: options 'bone' and 'lung' answer {told} or make each option a stem's answer")],
    )
    bank.write_text(_HEAD + _matching(_THREE, stems.replace("brain", "lung")), encoding="utf-8")
    assert_invalid(
        capsys, bank, [(12, f"[e1] options[0]: option 'bone' answers {told} or make each option a stem's answer")]
    )
    bank.write_text(_HEAD + _matching(four, stems, "    extended: true\n"), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank), "--today", "2026-11-25")
    assert (code, err) == (0, "") and out.startswith("ok: 1 bank(s), 1 exercise(s) valid")


def test_a_matching_stem_whose_id_is_another_stems_number_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet may name a stem by its printed number: a first stem 'id: "2"' would be named 2 by its id and 1 by its
    number. An id that is the stem's own number is valid."""
    stems = (
        '      - id: "2"\n        text: P\n        answer: bone\n        feedback: F.\n'
        "      - {id: '02', text: Q, answer: liver, feedback: F.}\n"
        "      - {id: '3', text: R, answer: lung, feedback: F.}\n"
    )
    bank = _matching_bank(tmp_path, stems)
    told = "is a number other than this stem's own, {}, and sheets may name a stem by its number: give it the id"
    assert_invalid(
        capsys,
        bank,
        [
            (16, f"[e1] stem 1.id: stem id '2' {told.format(1)} '1' or a name"),
            (20, f"[e1] stem 2.id: stem id '02' {told.format(2)} '2' or a name"),
        ],
    )


def test_a_key_cited_in_a_text_of_several_lines_is_told_at_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folded explanation (``>-``) is one text over several lines: an unknown key in it is told at the line that
    holds the key, where the author's eye must go, not at the ``explanation:`` line; a key split over two lines of a
    role, and a role in a feedback, alike."""
    explained = (
        "    explanation: >-\n      Bone is the most common site,\n      as {cite:p}`key` and\n"
        "      {cite:t}`kye` found.\n    source: key\n    reviewed: 2026-01-01\n"
    )
    stems = (
        "      - id: p\n        text: P\n        answer: bone\n        feedback: >-\n          First, see\n"
        "          {cite:p}`key,\n          keyy`.\n"
        "      - {id: q, text: Q, answer: liver, feedback: F.}\n      - {id: r, text: R, answer: lung, feedback: F.}\n"
    )
    bank = _matching_bank(tmp_path, stems, explained)
    told, unknown = _refused_with_bib(capsys, tmp_path, bank)
    assert told == [
        f"error: {bank}:22: [e1] stem 1.feedback: citation 'keyy' {unknown} (did you mean 'key'?)",
        f"error: {bank}:28: [e1] explanation: citation 'kye' {unknown} (did you mean 'key'?)",
    ]


def test_an_empty_stem_answer_is_told_the_options_to_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``answer:`` with nothing after it is told the option ids, as an answer that names no option is, where it was
    told only that it "must be text"; an answer that is not text, alike."""
    stems = (
        "      - id: p\n        text: P\n        answer:\n        feedback: F.\n"
        "      - {id: q, text: Q, answer: true, feedback: F.}\n      - {id: r, text: R, answer: lung, feedback: F.}\n"
    )
    bank = _matching_bank(tmp_path, stems)
    told = "write the id of the option that answers the stem (bone, liver, lung)"
    assert_invalid(
        capsys,
        bank,
        [
            (18, f"[e1] stem 1.answer: must not be empty: {told}"),
            (20, f"[e1] stem 2.answer: must be text (YAML read True: put the text in quotes): {told}"),
        ],
    )


@pytest.mark.parametrize("written", ["09-living.md", "09-living.MD", "09-living.yaml", "part-1/09-living.md"])
def test_a_chapter_written_as_a_file_name_is_told_to_drop_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """``chapter: 09-living.md``, the page's file name, was told only the characters a chapter may hold."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD.replace("chapter: c", f"chapter: {written}") + _matching(_THREE, ""), encoding="utf-8")
    name, suffix = written.rsplit(".", 1)
    told = f"chapter: {written!r} is a file's name: write the page's name without '.{suffix}' (chapter: {name})"
    code, out, err = run(capsys, "validate", str(bank))
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"error: {bank}:1: {told}"


def test_a_chapter_with_a_space_is_told_the_rule_still(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD.replace("chapter: c", "chapter: 09 living.md") + _matching(_THREE, ""), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank))
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        f"error: {bank}:1: chapter: '09 living.md' must be the name of the chapter's page: letters, digits and _ - /"
        " only, no spaces"
    )


def test_validate_checks_the_keys_cited_in_the_objectives(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """{objectives} prints each objective's text as MyST, so its citations are checked as an exercise's are, at the
    line of the text that holds the key."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD.replace(
            "  - {id: o1, text: Do it.}\n",
            "  - {id: o1, text: Do it.}\n  - id: o2\n    text: >-\n      Explain what {cite:t}`kye` found.\n",
        )
        + _numeric("tolerance: 1"),
        encoding="utf-8",
    )
    bib = _bib(tmp_path / "refs.bib", "key")
    code, out, err = run(capsys, "validate", str(bank), "--bib", str(bib), "--today", "2026-11-25")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {bank}:7: objectives[1].text: citation 'kye' is not in the bibliography ({bib})"
        " (did you mean 'key'?)\n"
    )


def _hinted(kind: str, hint: str) -> str:
    key = "    accept: [dormancy, dormant state]\n" if kind == "text" else "    value: 1500\n    tolerance: 10\n"
    return (
        f"  - id: e1\n    kind: {kind}\n    prompt: What?\n    points: 1\n    objectives: [o1]\n{key}"
        f"    hint: {hint}\n    feedback_correct: Yes.\n    feedback_incorrect: No.\n" + _TAIL
    )


@pytest.mark.parametrize(
    ("kind", "hint", "said"),
    [
        ("text", "Cells wait in a Dormant-State.", "'dormant state', an accepted answer"),
        ("text", "'Dormancy' is also said of seeds.", "'dormancy', an accepted answer"),
        ("numeric", "Take 500 away from 2000 to get 1500.", "1500, the answer"),
        ("numeric", "About 1,500 people.", "1500, the answer"),
        ("text", "Seeds can be dormant for years.", None),  # a word of an answer is not the answer
        ("text", "A dormancyish state.", None),  # whole words only
        ("numeric", "Take 500 away from 2000.", None),
        ("numeric", "It is more than 15,000.", None),
    ],
)
def test_a_hint_that_gives_the_answer_away_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, hint: str, said: str | None
) -> None:
    """A hint is read before answering: one that says an accepted answer (compared as the grader compares them, as
    whole words) or the right number is a warning at its line; the bank stays valid."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(_HEAD + _hinted(kind, json.dumps(hint)), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank), "--today", "2026-11-25")
    assert code == 0 and out.startswith("ok: 1 bank(s), 1 exercise(s) valid")
    line = 12 if kind == "text" else 13
    warned = (
        f"warning: {bank}:{line}: [e1] hint: it says {said}, so it gives the answer away: point towards the answer"
        " without saying it\n"
    )
    assert err == (warned if said else "")
    # --strict holds a bank to every warning, as Sphinx's -W does, not only to review dates.
    strict = run(capsys, "validate", str(bank), "--today", "2026-11-25", "--strict")
    if said:  # a strict run that fails says so, not "ok"
        assert strict == (2, "", warned + "error: 1 warning(s) above, which --strict counts as errors\n")
    else:
        assert strict[0] == 0 and strict[1].startswith("ok: ")


def test_a_matching_answer_written_as_an_options_text_is_told_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stem's answer, or a key of its misconceptions, written as an option's text is told that option's id; a
    value that is no id is told the option id meant, not an id made of itself, which would name no option."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: matching\n    extended: true\n    prompt: Match.\n    points: 2\n"
        "    objectives: [o1]\n    options:\n"
        "      - {id: distant, text: Distant recurrence}\n      - {id: local, text: Local recurrence}\n"
        "    stems:\n      - {id: p, text: P, answer: distant recurrence, feedback: F.}\n"
        "      - {id: q, text: Q, answer: Locl, feedback: F.}\n"
        "      - {id: r, text: R, answer: local-recurrence, feedback: F.}\n"
        "      - {id: s, text: S, answer: local, feedback: F., misconceptions: {Distant  Recurrence: tag}}\n" + _TAIL,
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(bank))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: {bank}:{line}: [e1] {message}"
        for line, message in [
            (16, "stem 1.answer: write the option's id 'distant', not its text 'distant recurrence'"),
            (
                17,
                "stem 2.answer: 'Locl' must be lower-case letters and digits joined by single hyphens, as the option"
                " ids are (distant, local) (did you mean 'local'?)",
            ),
            (18, "stem 3.answer: write the option's id 'local', not its text 'local-recurrence'"),
            (19, "stem 4.misconceptions: write the option's id 'distant', not its text 'Distant  Recurrence'"),
        ]
    ]


def test_a_blank_accepted_answer_is_reported_at_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each blank entry of a list written one per line, at that line, not at the line of `accept:`."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: text\n    prompt: Word?\n    points: 1\n    objectives: [o1]\n"
        "    accept:\n      - lung\n      - '  '\n      - lungs\n      - '?!'\n"
        "    feedback_correct: Yes.\n    feedback_incorrect: No.\n" + _TAIL,
        encoding="utf-8",
    )
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}:13: [e1] accept[1]: accepted answer '  ' is empty once normalised\n"
        f"error: {bank}:15: [e1] accept[3]: accepted answer '?!' is empty once normalised\n",
    )


def test_a_book_bank_whose_chapter_is_not_its_file_name_is_refused(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page named after the file would find no bank: validate says so at the bank's `chapter`, as the build
    says it at the page. Banks outside the book, such as the tests' sample, belong to no page."""
    (elsewhere / "exercises").mkdir()
    _sources(elsewhere / "exercises" / "spread.yaml", (45, "kye"), chapter="spreed")
    (elsewhere / "docs").mkdir()
    _bib(elsewhere / "docs" / "references.bib", "key")
    assert run(capsys, "validate", "--today", "2026-11-25") == (
        2,
        "",
        "error: exercises/spread.yaml:2: chapter 'spreed' is not the file's name 'spread'; a chapter's"
        " page, bank file and 'chapter' share one name: correct the one that is wrong\n"
        "error: exercises/spread.yaml:45: [t-truefalse] source 'kye' is not in the bibliography "
        "(docs/references.bib) (did you mean 'key'?)\n",
    )
    assert run(capsys, "validate", SAMPLE, "--today", "2026-11-25")[0] == 0
    _sources(elsewhere / "exercises" / "spread.yaml", chapter="part-1/spread")  # a page in a folder
    assert run(capsys, "validate", "--today", "2026-11-25")[0] == 0


def test_two_chapters_of_a_book_with_one_number_are_refused(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sheets and keys number exercises by the number a chapter's name begins with: two chapters numbered 3 would
    both have a 3.1, in one folder or in two."""
    banks = elsewhere / "exercises"
    banks.mkdir()
    text = (REPO / "exercises" / "03-how-cancer-spreads.yaml").read_text(encoding="utf-8")
    (banks / "03-how-cancer-spreads.yaml").write_text(text, encoding="utf-8")
    other = text.replace("chapter: 03-how-cancer-spreads", "chapter: 03-other").replace("c3-", "c3-other-")
    (banks / "03-other.yaml").write_text(other, encoding="utf-8")
    line = other.splitlines().index("chapter: 03-other") + 1
    assert run(capsys, "validate", "--today", "2026-11-25", "--bib", str(REPO / "docs" / "references.bib")) == (
        2,
        "",
        f"error: exercises/03-other.yaml:{line}: chapter '03-other' begins with 3, as the chapter of"
        " exercises/03-how-cancer-spreads.yaml does: sheets and keys number a chapter's exercises by it (3.1, 3.2 …),"
        " so give each chapter its own number, the place its page has in the book's table of contents\n",
    )
    # A page in a folder of its own is numbered on sheets by its name's number all the same.
    (banks / "03-other.yaml").write_text(other.replace("chapter: 03-other", "chapter: part-2/03-other"), "utf-8")
    assert "chapter 'part-2/03-other' begins with 3" in run(capsys, "validate", "--today", "2026-11-25")[2]
    # One chapter in two files is told once, as such.
    (banks / "03-other.yaml").write_text(other.replace("chapter: 03-other", "chapter: 03-how-cancer-spreads"), "utf-8")
    err = run(capsys, "validate", "--today", "2026-11-25")[2]
    assert "already has a bank" in err and "begins with 3" not in err


def test_a_book_banks_chapter_is_checked_wherever_validate_is_run_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book's banks are known by the bibliography beside them, not by the folder the command is run from: named
    from another folder, by --banks or CHECKS_BANKS, or from the book's docs/, each bank's `chapter` is checked. The
    tests' sample, beside no bibliography, belongs to no page, in the same run too."""
    book = tmp_path / "book"
    (book / "exercises").mkdir(parents=True)
    bank = _sources(book / "exercises" / "spread.yaml", chapter="spreed")
    bank.write_text(bank.read_text(encoding="utf-8").replace("id: t-", "id: s-"), encoding="utf-8")  # not SAMPLE's
    (book / "docs").mkdir()
    _bib(book / "docs" / "references.bib", "key")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    monkeypatch.delenv("CHECKS_BIB", raising=False)

    def told(*args: str) -> list[str]:
        code, out, err = run(capsys, "validate", *args, "--today", "2026-11-25")
        assert (code, out) == (2, "")
        return [line.split(": chapter ")[0] for line in err.splitlines()]

    banks = str(book / "exercises")
    assert told(banks) == [f"error: {banks}/spread.yaml:2"]
    assert told("--banks", banks) == [f"error: {banks}/spread.yaml:2"]
    assert told(SAMPLE, banks) == [f"error: {banks}/spread.yaml:2"]
    monkeypatch.setenv("CHECKS_BANKS", banks)
    assert told() == [f"error: {banks}/spread.yaml:2"]
    monkeypatch.chdir(book / "docs")
    assert told("../exercises") == ["error: ../exercises/spread.yaml:2"]
    assert run(capsys, "validate", SAMPLE, "--today", "2026-11-25")[0] == 0


def test_validate_says_why_it_found_no_bibliography(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Banks of two folders have no one bibliography beside them: the closing line says so, and what to do, where
    it said nothing of the sources."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKS_BIB", raising=False)
    for book, chapter in (("one", "sample"), ("two", "other")):
        (tmp_path / book / "exercises").mkdir(parents=True)
        bank = _sources(tmp_path / book / "exercises" / f"{chapter}.yaml", chapter=chapter)
        bank.write_text(bank.read_text(encoding="utf-8").replace("id: t-", f"id: {book}-"), encoding="utf-8")
    valid = "ok: 2 bank(s), 18 exercise(s) valid, sources not checked"
    unchecked = "(no docs/references.bib beside the banks' folders, one/exercises, two/exercises; use --bib)"
    both = ("validate", "one/exercises", "two/exercises", "--today", "2026-11-25")
    assert run(capsys, *both) == (0, f"{valid} {unchecked}; 0 due for review\n", "")
    (tmp_path / "one" / "docs").mkdir()
    _bib(tmp_path / "one" / "docs" / "references.bib", "key")
    apart = "(the banks are in 2 folders, one/exercises, two/exercises, with no one docs/references.bib beside them all"
    assert run(capsys, *both) == (0, f"{valid} {apart}; use --bib); 0 due for review\n", "")
    found = "ok: 2 bank(s), 18 exercise(s) valid, sources found in one/docs/references.bib; 0 due for review\n"
    assert run(capsys, *both, "--bib", "one/docs/references.bib") == (0, found, "")


def test_an_exercise_id_begins_with_its_chapters_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In the bank of a chapter whose name begins with its number, every exercise id begins c and that number
    (c9- in 09-bone-health, a page in a folder too): the build and `checks grade` tell an unknown id by it. A
    chapter without a number, such as the sample's, names its ids freely."""
    sample = (DATA / "bank.yaml").read_text(encoding="utf-8")
    bank = tmp_path / "09-bone-health.yaml"
    ninth = sample.replace("chapter: sample", "chapter: 09-bone-health").replace("  - id: t-", "  - id: c9-")
    bank.write_text(ninth, encoding="utf-8")
    assert run(capsys, "validate", str(bank))[0] == 0
    bank.write_text(ninth.replace("id: c9-single", "id: c4-calcium-tf").replace("id: c9-text\n", "id: text\n"))
    code, out, err = run(capsys, "validate", str(bank))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: {bank}:8: [c4-calcium-tf] id: 'c4-calcium-tf' must begin 'c9-', as the ids of chapter"
        " 09-bone-health do (e.g. c9-calcium-tf)",
        f"error: {bank}:47: [text] id: 'text' must begin 'c9-', as the ids of chapter 09-bone-health do (e.g. c9-text)",
    ]
    bank.write_text(ninth.replace("chapter: 09-bone-health", "chapter: part-1/09-bone-health"))
    assert run(capsys, "validate", str(bank))[0] == 0
    bank.write_text(ninth.replace("chapter: 09-bone-health", "chapter: part-1/10-bone-health"))
    assert run(capsys, "validate", str(bank))[2].count("must begin 'c10-'") == 9
    assert run(capsys, "validate", SAMPLE)[0] == 0


def test_a_bank_with_other_problems_is_checked_for_its_sources_and_chapter_too(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem in one run: while an exercise lacks a field, or has no kind the model knows, the bank's
    sources, the keys its texts cite and its chapter are still checked, each value the model did not refuse;
    a source the model refuses is reported once, as the model says it."""
    (elsewhere / "exercises").mkdir()
    bank = _sources(elsewhere / "exercises" / "spread.yaml", (33, "kye"), (45, "not a key"), chapter="spreed")
    lines = bank.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[10] == "    prompt: Pick one.\n" and lines[47] == "    kind: text\n"
    lines[9] = "    vignette: As {cite:t}`kye` found.\n"
    lines[10] = ""  # t-single has no prompt
    lines[47] = "    kind: essay\n"  # t-text may be any kind: the texts of every kind are checked
    lines[55] = "    feedback_correct: Yes {cite:p}`elsewhere-2020`.\n"
    bank.write_text("".join(lines), encoding="utf-8")
    (elsewhere / "docs").mkdir()
    _bib(elsewhere / "docs" / "references.bib", "key")
    code, out, err = run(capsys, "validate", "--today", "2026-11-25")
    assert (code, out) == (2, "")
    unknown = "is not in the bibliography (docs/references.bib)"
    assert err.splitlines() == [
        "error: exercises/spread.yaml:2: chapter 'spreed' is not the file's name 'spread'; a chapter's"
        " page, bank file and 'chapter' share one name: correct the one that is wrong",
        "error: exercises/spread.yaml:8: [t-single] missing field 'prompt'",
        f"error: exercises/spread.yaml:10: [t-single] vignette: citation 'kye' {unknown} (did you mean 'key'?)",
        f"error: exercises/spread.yaml:32: [t-multiple] source 'kye' {unknown} (did you mean 'key'?)",
        "error: exercises/spread.yaml:44: [t-truefalse] source: 'not a key' must be a key of the bibliography:"
        " letters, digits and _ : . - only, no spaces",
        "error: exercises/spread.yaml:47: [t-text] unknown kind 'essay' (expected one of: single, multiple,"
        " truefalse, text, numeric, ordering, matching)",
        f"error: exercises/spread.yaml:55: [t-text] feedback_correct: citation 'elsewhere-2020' {unknown}",
    ]


def test_a_value_yaml_cannot_read_leaves_the_other_mistakes_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A day that does not exist and a key written twice are mistakes of their own, not the end of reading:
    the exercise's other mistakes are reported in the same run, and the date's is not said twice."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: truefalse\n    prompt: True?\n    points: one\n    points: 1\n"
        "    objectives: [o2]\n    answer: true\n    feedback_true: Yes.\n    feedback_false: No.\n"
        "    misconception: m\n    explanation: Because.\n    source: key\n    reviewed: 2026-11-31\n",
        encoding="utf-8",
    )
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}:9: [e1] points: must be a number\n"
        f"error: {bank}:10: [e1] duplicate key 'points' (first used on line 9)\n"
        f"error: {bank}:11: [e1] objective 'o2' is not among the bank's objectives (o1)\n"
        f"error: {bank}:18: [e1] reviewed: invalid value '2026-11-31': day is out of range for month\n",
    )


def test_an_equals_sign_alone_is_told_to_be_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """YAML 1.1 reads `=` alone as a value of its own, which PyYAML builds nothing of: it said only that it "could not
    determine a constructor for the tag 'tag:yaml.org,2002:value'". It is told at its line with what to write, in a
    bank and a sheet, and the other mistakes are told in the same run; in quotes it is the text '='."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD + "  - id: e1\n    kind: truefalse\n    prompt: True?\n    points: one\n    objectives: [o1]\n"
        "    answer: =\n    feedback_true: Yes.\n    feedback_false: No.\n    misconception: m\n" + _TAIL,
        encoding="utf-8",
    )
    quote = "YAML reads '=' alone as a special value, not as text: write it in quotes, \"=\""
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}:9: [e1] points: must be a number\nerror: {bank}:11: [e1] answer: {quote}\n",
    )
    bank.write_text(bank.read_text(encoding="utf-8").replace("answer: =", 'answer: "="'), encoding="utf-8")
    assert run(capsys, "validate", str(bank))[2].endswith(f"error: {bank}:11: [e1] answer: must be true or false\n")
    sheet = tmp_path / "s1.yaml"
    sheet.write_text('student: "s1"\nanswers:\n  t-truefalse: =\n', encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet)) == (2, "", f"error: {sheet}:3: {quote}\n")


# A field moved back to the depth of the fields around what it belongs to: an exercise's source to the start of its
# line, an option's or a stem's feedback to its exercise's fields.
_MOVED_BACK = {"    source:": "source:", "        feedback:": "    feedback:"}


def test_a_line_indented_too_little_is_told_at_its_own_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """YAML reports a line indented too little at the line after it, which is where it belongs: each such slip in
    the book's banks is told at the line moved; where YAML reads both ways (the end of a list) the message names it
    beside the line after it, and where YAML reads the file, the field is told whose it looks like."""
    moved = tmp_path / "bank.yaml"
    tried = 0
    for bank in sorted((REPO / "exercises").glob("*.yaml"))[:3]:
        lines = bank.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, start=1):
            field = next((f for f in _MOVED_BACK if line.startswith(f)), None)
            if field is None:
                continue
            tried += 1
            moved.write_text(
                "\n".join([*lines[: number - 1], _MOVED_BACK[field] + line[len(field) :], *lines[number:]])
            )
            code, _, err = run(capsys, "validate", str(moved))
            first = err.splitlines()[0].removeprefix(f"error: {moved}:")
            told = (
                rf"{number}: \[[a-z0-9-]+\] invalid YAML: this line is indented too little: indent it as far as the"
                r" lines it belongs with( \([48] spaces\))?",
                rf"[0-9]+: \[[a-z0-9-]+\] invalid YAML: this line is indented too far, or line {number} above it"
                " too little",
                rf"{number}: (\[[a-z0-9-]+\] )?unknown field '(source|feedback)' \(it looks like a field of"
                r" (exercise|option|stem) '[a-z0-9-]+' above it: indent it like the \3's other fields\)",
            )
            assert code == 2 and any(re.fullmatch(one, first) for one in told), (bank.name, number, first)
    assert tried > 100


# A field of prose on one line, its text without quotes: wrapped, or moved to the column of its list's dashes.
_ONE_LINE_TEXT = re.compile(r"( *(?:- )?)(prompt|feedback|text|explanation|hint): ([A-Za-z][^'\"#:]*\S)$")
_FIELD_LINE = re.compile(r" *(?:- )?([a-z_]+): \S")


def test_a_text_wrapped_at_its_fields_indent_is_told_at_the_line_it_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text wrapped onto a line at its field's own indent, which YAML reads as a key without its colon and reports
    at the line after it, is told at the line it goes on, naming the field, in each text of the book's banks; unless
    that line begins with the name of a field, which it may be with its colon missing; an id (an option's, a key of
    a stem's misconceptions) is no key of the text's mapping."""
    moved = tmp_path / "bank.yaml"
    tried = 0
    for bank in sorted((REPO / "exercises").glob("*.yaml"))[:3]:
        lines = bank.read_text(encoding="utf-8").split("\n")
        ids = {found[1] for line in lines if (found := re.match(r" *(?:- )?id: ([\w-]+)", line))}
        keys = {found[1] for line in lines if (found := _FIELD_LINE.match(line))} - ids
        for number, line in enumerate(lines, start=1):
            field = _ONE_LINE_TEXT.match(line)
            if field is None or " " not in field[3]:
                continue
            tried += 1
            words = field[3].split(" ")
            first, rest = " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])
            wrapped = [f"{field[1]}{field[2]}: {first}", " " * len(field[1]) + rest]
            moved.write_text("\n".join([*lines[: number - 1], *wrapped, *lines[number:]]))
            code, _, err = run(capsys, "validate", str(moved))
            first_error = err.splitlines()[0].removeprefix(f"error: {moved}:")
            told = (
                rf"{number + 1}: (\[[a-z0-9-]+\] )?invalid YAML: this line continues the text above \({field[2]}\):"
                rf" indent it further than '{field[2]}:', or write the whole text on one line"
            )
            if rest.split(" ")[0] in keys:  # a field whose colon is missing, at its own line
                word = re.escape(rest.split(" ")[0])
                told = (
                    rf"{number + 1}: (\[[a-z0-9-]+\] )?invalid YAML: '{word}( .+)?' has no colon after (its key|it):"
                    rf" write '{word}:.*"
                )
            assert code == 2 and re.fullmatch(told, first_error), (bank.name, number, first_error)
    assert tried > 100


def test_a_field_without_its_colon_is_no_texts_next_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A field of a bank, or an answer of a sheet (an exercise, a matching stem), written without its colon below a
    text is not told that it goes on the text: it names a field. Where YAML finds no colon after it, and says so at
    the line after it, it is told at its own line, with the colon put in."""
    moved = tmp_path / "moved.yaml"
    code, key, _ = run(capsys, "key", "--format", "yaml")
    assert code == 0
    files = [*(p.read_text(encoding="utf-8") for p in sorted((REPO / "exercises").glob("*.yaml"))[:3]), key]
    tried = missing = 0
    for i, text in enumerate(files):
        lines = text.split("\n")
        for number, line in enumerate(lines):
            if _FIELD_LINE.match(line) is None and not re.match(r" +[a-z0-9-]+: \S", line):
                continue
            tried += 1
            moved.write_text("\n".join([*lines[:number], line.replace(": ", " ", 1), *lines[number + 1 :]]))
            command = ("validate", str(moved)) if i < len(files) - 1 else ("grade", str(moved))
            _, _, err = run(capsys, *command)
            assert "continues the text above" not in err, (i, number + 1, line, err)
            if _yaml_error(moved.read_text()).startswith("could not find expected ':'"):  # not a mapping's first
                missing += 1
                key = re.escape(line.strip(" ").split(":")[0])
                told = rf"error: {re.escape(str(moved))}:{number + 1}: (\[[a-z0-9-]+\] )?invalid YAML: '{key} .+'"
                assert re.match(rf"{told} has no colon after its key: write '{key}: ", err), (i, number + 1, err)
    assert tried > 500 and missing > 500


def _yaml_error(text: str) -> str:
    """What YAML itself says of ``text``: its problem, or "" where it reads it."""
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as err:
        return err.problem or ""
    return ""


def test_a_field_at_the_column_of_its_lists_dashes_is_told_at_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field of a list's entry moved back to the column of the list's dashes (an option's feedback to 6 spaces, an
    exercise's field to 2), where YAML expects another entry, is told at its own line how far to indent it."""
    moved = tmp_path / "bank.yaml"
    tried = 0
    for bank in sorted((REPO / "exercises").glob("*.yaml"))[:3]:
        lines = bank.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, start=1):
            if not re.match(r"(    |        )[a-z_]+:", line):
                continue
            tried += 1
            moved.write_text("\n".join([*lines[: number - 1], line[2:], *lines[number:]]))
            code, _, err = run(capsys, "validate", str(moved))
            first = err.splitlines()[0].removeprefix(f"error: {moved}:")
            told = (
                rf"{number}: (\[[a-z0-9-]+\] )?invalid YAML: this line is indented too little: indent it as far as the"
                rf" fields of the entry on line [0-9]+ above it \([48] spaces\)",
                rf"{number}: (\[[a-z0-9-]+\] )?invalid YAML: this line is indented too far: indent it as far as"
                rf" '[a-z_]+:' on line [0-9]+ above it \([04] spaces\)",
                rf"{number}: (\[[a-z0-9-]+\] )?invalid YAML: this line is indented too little for a field of the"
                rf" entry on line [0-9]+ above it \([48] spaces\), or too far for a field beside '[a-z_]+:' on line"
                rf" [0-9]+ \([04] spaces\)",
            )
            assert code == 2 and any(re.fullmatch(one, first) for one in told), (bank.name, number, first)
    assert tried > 500


def test_every_alias_and_tag_of_a_bank_is_told_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An alias of a value, of a list or of a mapping, a merge key and a tag are each refused at their own line,
    with the exercise that line belongs to, not the anchor's; the rest of the bank is still checked."""
    bank = tmp_path / "bank.yaml"

    def exercise(name: str, objectives: str = "[o1]", reviewed: str = "2026-01-01", points: str = "1") -> str:
        return (
            f"  - id: {name}\n    kind: truefalse\n    prompt: True?\n    points: {points}\n"
            f"    objectives: {objectives}\n    answer: true\n    feedback_true: Yes.\n    feedback_false: No.\n"
            f"    misconception: m\n    explanation: Because.\n    source: key\n    reviewed: {reviewed}\n"
        )

    bank.write_text(
        _HEAD
        + exercise("e1", objectives="&objs [o1]", reviewed="&rev 2026-01-01")
        + exercise("e2", reviewed="*rev")
        + exercise("e3", objectives="*objs", points="!!int '2'")
        + exercise("e4", points="2").replace("    answer: true\n", "    answer: !!bool true\n")
        + exercise("e5").replace("  - id: e5\n", "  - id: e5\n    <<: {kind: truefalse}\n"),
        encoding="utf-8",
    )
    aliases = "YAML aliases ({}) are not allowed: write the value here in full, as written at {} on line {}"
    tags = (
        "YAML tags ({}) are not allowed: delete the tag (a text that YAML would read as something else goes in quotes)"
    )
    assert_invalid(
        capsys,
        bank,
        [
            (29, "[e2] reviewed: " + aliases.format("*rev", "&rev", 17)),
            (33, "[e3] points: " + tags.format("!!int")),
            (34, "[e3] objectives: " + aliases.format("*objs", "&objs", 10)),
            (47, "[e4] answer: " + tags.format("!!bool")),
            (55, "[e5] YAML merge keys (<<) are not allowed: write the fields here in full"),
        ],
    )


def test_an_objective_written_twice_is_listed_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An objective renamed to the id of another: the list of the bank's objectives names each once."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        _HEAD.replace("exercises:", "  - {id: o1, text: Do that.}\nexercises:")
        + "  - id: e1\n    kind: truefalse\n    prompt: True?\n    points: 1\n    objectives: [o2]\n"
        "    answer: true\n    feedback_true: Yes.\n    feedback_false: No.\n    misconception: m\n" + _TAIL,
        encoding="utf-8",
    )
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}:5: objectives[1].id: objective id repeated: o1 (first used on line 4)\n"
        f"error: {bank}:11: [e1] objective 'o2' is not among the bank's objectives (o1)\n",
    )


def test_a_mistyped_objective_is_told_the_one_meant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An exercise's objective spelt a little wrong is offered the bank's objective it is close to, as a mistyped
    exercise id or field is; one not close to any is given the list alone."""
    bank = tmp_path / "bank.yaml"
    head = _HEAD.replace("{id: o1, text: Do it.}", "{id: inefficiency, text: Do it.}\n  - {id: order, text: And.}")
    exercise = (
        "  - id: e1\n    kind: truefalse\n    prompt: True?\n    points: 1\n    objectives: [inefficency, o9]\n"
        "    answer: true\n    feedback_true: Yes.\n    feedback_false: No.\n    misconception: m\n" + _TAIL
    )
    bank.write_text(head + exercise, encoding="utf-8")
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}:11: [e1] objective 'inefficency' is not among the bank's objectives (inefficiency, order) "
        "(did you mean 'inefficiency'?)\n"
        f"error: {bank}:11: [e1] objective 'o9' is not among the bank's objectives (inefficiency, order)\n",
    )


@pytest.mark.parametrize(("ahead", "refused"), [(1, False), (2, True)])
def test_a_review_date_to_come_is_refused_after_a_day_of_grace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ahead: int, refused: bool
) -> None:
    """Tomorrow passes (an author east of the machine may be a day ahead); the day after never comes due."""
    date = dt.date.today() + dt.timedelta(days=ahead)
    bank = tmp_path / "bank.yaml"
    bank.write_text(Path(SAMPLE).read_text(encoding="utf-8").replace("2026-01-01", str(date), 1), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bank))
    assert (code == 2) == refused
    assert ("is later than today" in err) == refused


def test_validate_warns_about_stale_content(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", SAMPLE, "--today", "2028-06-01")
    assert code == 0
    # At the line of the date to change, as every other message names its line.
    assert err.splitlines()[0] == f"warning: {SAMPLE}:20: [t-single] last reviewed 2026-01-01 (more than 730 days ago)"
    assert out.endswith("; 9 due for review\n")
    assert run(capsys, "validate", SAMPLE, "--today", "2028-06-01", "--max-age", "1000")[2] == ""
    assert run(capsys, "validate", SAMPLE, "--today", "2028-06-01", "--strict")[0] == 2


@pytest.mark.parametrize(("yaml_name", "json_name"), [("sample.yaml", "extra.json"), ("sample.YAML", "extra.JSON")])
def test_validate_names_a_json_bank_a_folder_leaves_out(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], yaml_name: str, json_name: str
) -> None:
    """A folder's banks are its YAML files: a JSON bank there is told as not read, where it was missed silently.
    A suffix in capitals, as an editor on another system may save it, is the same suffix, as a sheet's is."""
    folder = elsewhere / "banks"
    folder.mkdir()
    (folder / yaml_name).write_text(Path(SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / json_name).write_text("{}", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(folder), "--today", "2026-06-01")
    assert code == 0 and out.startswith("ok: 1 bank(s)")
    assert err == (
        f"warning: {folder / json_name}: not read: a folder's banks are its YAML files (.yaml, .yml); "
        "a JSON bank is read when named on its own\n"
    )
    assert run(capsys, "validate", str(folder), "--today", "2026-06-01", "--strict")[0] == 2
    # Named on its own, it is read (and here found wanting).
    assert json_name in run(capsys, "validate", str(folder / json_name))[2]


def test_validate_says_what_a_folder_without_banks_holds(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty, json_only = elsewhere / "empty", elsewhere / "json"
    empty.mkdir()
    json_only.mkdir()
    for name in ("b.json", "a.json", "c.json", "d.json"):
        (json_only / name).write_text("{}", encoding="utf-8")
    assert run(capsys, "validate", str(empty))[:3:2] == (2, f"error: {empty}: no bank files (*.yaml, *.yml) found\n")
    code, _, err = run(capsys, "validate", str(json_only))
    assert code == 2
    assert err == (
        f"error: {json_only}: no bank files (*.yaml, *.yml) found, only JSON (a.json, b.json, c.json, …): "
        "a folder's banks are its YAML files (.yaml, .yml); a JSON bank is read when named on its own\n"
    )


def test_validate_reads_a_number_with_an_exponent_as_a_number(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML 1.1 reads 1e-3 as text (it wants 1.0e-3); a bank reads it as YAML 1.2 does, as its author means it."""
    bank = elsewhere / "bank.yaml"
    text = Path(SAMPLE).read_text(encoding="utf-8")
    text = text.replace("value: 36.7\n    tolerance: 1\n", "value: 367e-1\n    tolerance: 1e-3\n")
    text = text.replace("value: 200\n    relative_tolerance: 0.05", "value: 2E+2\n    relative_tolerance: 5e-2")
    bank.write_text(text.replace("points: 2\n", "points: .2e1\n"), encoding="utf-8")
    assert run(capsys, "validate", str(bank)) == (0, _unchecked(bank), "")
    book = load_book([bank])
    numeric, relative = book.find("t-numeric")[1], book.find("t-numeric-rel")[1]  # type: ignore[index]
    assert (numeric.value, numeric.tolerance, numeric.points) == (36.7, 0.001, 2.0)  # type: ignore[union-attr]
    assert (relative.value, relative.relative_tolerance) == (200.0, 0.05)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("'1e-3'", "must be a number (YAML read the text '1e-3': remove the quotes)"),
        ("08", "must be a number"),  # text to YAML as written: there are no quotes to remove
        ("5%", "must be a number (for 5% of the value, write relative_tolerance: 0.05)"),
        ("'12.5 %'", "must be a number (for 12.5% of the value, write relative_tolerance: 0.125)"),
        ("-1e400", "-1e400 is too large a number (the largest is about 1.8e308)"),
        (".inf", "must be a finite number, not inf"),
        ("2 pp", "must be a number (write the number alone, tolerance: 2: it is in the units of the value)"),
    ],
)
def test_validate_says_what_to_write_for_a_tolerance(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], written: str, said: str
) -> None:
    bank = elsewhere / "bank.yaml"
    bank.write_text(Path(SAMPLE).read_text(encoding="utf-8").replace("tolerance: 1\n", f"tolerance: {written}\n"))
    assert run(capsys, "validate", str(bank)) == (2, "", f"error: {bank}:78: [t-numeric] tolerance: {said}\n")


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("200 people", " (write the number alone, value: 200, and list 'people' under units)"),
        ("200 people.", " (write the number alone, value: 200, and list 'people' under units)"),
        ("'12,5 mm Hg'", " (write the number alone, value: 12.5, and list 'mm Hg' under units)"),
        ("200 to 210", ""),  # a range, not a unit
    ],
)
def test_validate_says_where_a_values_unit_goes(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], written: str, advice: str
) -> None:
    """A number written with its unit is no number: the unit goes under ``units``, which the reader's answer may use."""
    bank = elsewhere / "bank.yaml"
    bank.write_text(Path(SAMPLE).read_text(encoding="utf-8").replace("value: 200\n", f"value: {written}\n"))
    said = f"value: must be a number{advice}"
    assert run(capsys, "validate", str(bank)) == (2, "", f"error: {bank}:91: [t-numeric-rel] {said}\n")


def test_a_json_bank_is_told_to_remove_the_quotes_around_a_number(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every text of a JSON file is written in quotes."""
    data = yaml.safe_load(Path(SAMPLE).read_text(encoding="utf-8"))
    data["exercises"][0]["points"] = "2"
    bank = elsewhere / "bank.json"
    bank.write_text(json.dumps(data, default=str), encoding="utf-8")
    said = f"error: {bank}: [t-single] points: must be a number (YAML read the text '2': remove the quotes)\n"
    assert run(capsys, "validate", str(bank)) == (2, "", said)


def test_a_comment_may_follow_a_value_but_not_a_text_without_quotes(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML drops what follows ' #' in a text without quotes, so 'bone #1 so that it breaks' would lose its
    end without a word, and a line of the text that begins with '#' would be dropped the same way; after a
    number, an id, a quoted text (an accepted answer too), or on a line of its own that is not where a text goes
    on, a comment is a comment."""
    bank = elsewhere / "bank.yaml"
    text = Path(SAMPLE).read_text(encoding="utf-8")
    text = text.replace("points: 1\n", "points: 1  # one mark\n", 1).replace("kind: single\n", "kind: single # SBA\n")
    # Below a text, at its key's column or left of it, a comment line is between fields; below another value,
    # it is no part of a text.
    text = text.replace("vignette: A short vignette.\n", "vignette: A short vignette.\n    # at the key\n  # left\n")
    text = text.replace("misconception: stage-iv-always-metastatic\n", "misconception: stage-iv\n      # a tag\n")
    text = text.replace("prompt: Pick one.\n", "# The stem.\n    prompt: 'Pick bone #1.'  # quoted\n")
    text = text.replace("accept: [intravasation]", "accept:\n      - 'intravasation'  # the usual spelling")
    bank.write_text(text.replace("answer: false\n", "answer: false  # stage IV can be local\n"), encoding="utf-8")
    assert run(capsys, "validate", str(bank))[:2] == (0, _unchecked(bank))
    assert load_book([bank]).find("t-single")[1].prompt == "Pick bone #1."  # type: ignore[index]
    cut = text.replace("feedback_true: Not for every cancer.", "feedback_true: Not for every cancer #1 or #2.")
    cut = cut.replace("text: Apply a rule.", "text: Apply rule #3.  # the third")
    cut = cut.replace("feedback_false: Right.\n", "feedback_false: Right, as seen in\n      #1 of 3 people.\n")
    bank.write_text(cut, encoding="utf-8")
    dropped = "text after ' #' is read as a comment and dropped: put the text in quotes"
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}:6: objectives[0].text: {dropped}\nerror: {bank}:44: [t-truefalse] feedback_true: {dropped}\n"
        f"error: {bank}:46: [t-truefalse] feedback_false: {dropped}\n",
    )


def test_an_answer_or_unit_cut_by_a_comment_is_an_error(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An accepted answer, a unit or a foreseen wrong answer without quotes loses what follows ' #' as prose
    does, and is then compared with students' answers as the shorter text: told at its line, with its exercise.
    In quotes, it may carry a comment."""
    bank = elsewhere / "bank.yaml"
    text = Path(SAMPLE).read_text(encoding="utf-8")
    text = text.replace("accept: [intravasation]", "accept:\n      - intravasation  # the usual spelling")
    text = text.replace(
        'units: [percentage points, pp, "%"]', 'units:\n      - percentage points\n      - pp #1\n      - "%"'
    )
    text = text.replace(
        "      - {answer: extravasation, feedback: That is leaving., misconception: entry-exit}\n",
        "      - answer: extravasation # leaving\n"
        "        feedback: That is leaving.\n        misconception: entry-exit\n",
    )
    bank.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def at(written: str) -> int:
        return lines.index(written) + 1

    dropped = "text after ' #' is read as a comment and dropped: put the text in quotes"
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}:{at('      - intravasation  # the usual spelling')}: [t-text] accept[0]: {dropped}\n"
        f"error: {bank}:{at('      - answer: extravasation # leaving')}: [t-text] wrong_answers[0].answer: {dropped}\n"
        f"error: {bank}:{at('      - pp #1')}: [t-numeric] units[1]: {dropped}\n",
    )
    quoted = text.replace("- intravasation  #", "- 'intravasation'  #").replace("- pp #1", '- "pp"  # short')
    bank.write_text(quoted.replace("answer: extravasation #", "answer: 'extravasation' #"), encoding="utf-8")
    assert run(capsys, "validate", str(bank))[:2] == (0, _unchecked(bank))


# A control character no page or export can carry, as YAML's escapes in quotes write it (\N is NEL, not \n).
_CONTROL_ESCAPES = [
    ("\\b", "U+0008"),
    ("\\e", "U+001B"),
    ("\\0", "U+0000"),
    ("\\x7f", "U+007F"),
    ("\\x85", "U+0085"),
    ("\\N", "U+0085"),
    ("\\u009f", "U+009F"),
]


@pytest.mark.parametrize(("escape", "code"), _CONTROL_ESCAPES)
def test_a_control_character_written_as_an_escape_is_refused(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], escape: str, code: str
) -> None:
    """YAML refuses a control character written raw, but reads one written as an escape: a blank sheet with it
    could not be read back, nor a Moodle or QTI export as XML. Told at the text's line, with its exercise."""
    bank = elsewhere / "bank.yaml"
    text = Path(SAMPLE).read_text(encoding="utf-8")
    bank.write_text(text.replace("prompt: Pick one.", f'prompt: "Pick {escape} one."'), encoding="utf-8")
    line = text.splitlines().index("    prompt: Pick one.") + 1
    slip = " (a line break is \\n)" if code == "U+0085" else ""
    said = f"prompt: a control character ({code}) written as an escape, which no page or export can carry: delete it"
    with pytest.raises(BankError) as raised:
        load_book([bank])
    assert [(p.line, p.exercise_id, p.message) for p in raised.value.problems] == [(line, "t-single", said + slip)]
    assert run(capsys, "validate", str(bank)) == (2, "", f"error: {bank}:{line}: [t-single] {said}{slip}\n")


def test_a_tab_or_line_break_written_as_an_escape_is_text(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What the book's Markdown reads as a space or a line break, as it does when written raw."""
    bank = elsewhere / "bank.yaml"
    text = Path(SAMPLE).read_text(encoding="utf-8")
    bank.write_text(text.replace("prompt: Pick one.", 'prompt: "Pick\\tone,\\nthen\\r\\nanother."'), encoding="utf-8")
    assert run(capsys, "validate", str(bank))[:2] == (0, _unchecked(bank))
    assert load_book([bank]).find("t-single")[1].prompt == "Pick\tone,\nthen\r\nanother."  # type: ignore[index]


def test_a_control_character_in_a_json_bank_is_refused(elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON refuses the C0 controls written raw, but not DEL nor the C1 controls, and reads any as an escape."""
    bank = elsewhere / "bank.json"
    data = yaml.safe_load(Path(SAMPLE).read_text(encoding="utf-8"))
    data["exercises"][0]["prompt"] = "Pick\b one."
    data["exercises"][1]["explanation"] = "Because\x7f."
    bank.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    cannot = "which no page or export can carry: delete it"
    assert run(capsys, "validate", str(bank)) == (
        2,
        "",
        f"error: {bank}: [t-multiple] explanation: a control character (U+007F, invisible in most editors), {cannot}\n"
        f"error: {bank}: [t-single] prompt: a control character (U+0008) written as an escape, {cannot}\n",
    )


_ACCEPT = "    accept: [intravasation]\n"
_WRONG = "      - {answer: extravasation, feedback: That is leaving., misconception: entry-exit}\n"
_WRONG_FIELDS = "        feedback: That is leaving.\n        misconception: entry-exit\n"


@pytest.mark.parametrize(
    ("written", "where"),
    [
        # After a complete value: a closing bracket or brace, a closing quote, a comma, a number.
        ((_ACCEPT, "    accept: [intravasation]  # the usual spelling\n"), None),
        ((_ACCEPT, "    accept: [intravasation, intra-vasation]  # two spellings\n"), None),
        ((_ACCEPT, "    accept: ['intravasation'  # in quotes\n      ]\n"), None),
        ((_ACCEPT, "    accept: [intravasation,  # after the comma\n      intra-vasation]\n"), None),
        ((_ACCEPT, "    accept:\n      - 'intravasation'  # in quotes\n"), None),
        ((_WRONG, _WRONG[:-1] + "  # after the brace\n"), None),
        ((_WRONG, "      - answer: 'extravasation'  # in quotes\n" + _WRONG_FIELDS), None),
        (("    points: 1\n", "    points: 1  # one mark\n"), None),
        # On a line of its own where the list's next entry or field would begin: between entries.
        ((_ACCEPT, "    accept:\n      - intravasation\n      # at the dash\n"), None),
        # Right after a text without quotes, or on a line below it where the text would go on: it is cut there.
        ((_ACCEPT, "    accept:\n      - intravasation  # the usual spelling\n"), "accept[0]"),
        ((_ACCEPT, "    accept: [intravasation  # the usual spelling\n      ]\n"), "accept[0]"),
        ((_ACCEPT, "    accept:\n      - intravasation\n        # past the dash\n"), "accept[0]"),
        ((_ACCEPT, "    accept: [intravasation\n      # before the bracket\n      ]\n"), "accept[0]"),
        ((_WRONG, "      - answer: extravasation  # leaving\n" + _WRONG_FIELDS), "wrong_answers[0].answer"),
        (
            (_WRONG, "      - answer: extravasation\n          # past the key\n" + _WRONG_FIELDS),
            "wrong_answers[0].answer",
        ),
        (
            (
                _WRONG,
                "      - {answer: extravasation\n         # before the comma\n"
                "         , feedback: That is leaving., misconception: entry-exit}\n",
            ),
            "wrong_answers[0].answer",
        ),
    ],
)
def test_a_comment_after_a_complete_value_is_allowed_and_in_a_plain_text_is_not(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], written: tuple[str, str], where: str | None
) -> None:
    """One rule for a list in brackets, a list of entries and a field: a comment after a value that has ended
    loses nothing, and one where a text without quotes could go on, on its line or on a line below indented past
    its key or dash (any line before the comma or bracket that ends it in brackets), cuts it short."""
    before, after = written
    text = Path(SAMPLE).read_text(encoding="utf-8")
    assert text.count(before) >= 1
    text = text.replace(before, after, 1)
    bank = elsewhere / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bank))
    if where is None:
        assert (code, out, err) == (0, _unchecked(bank), "")
        return
    line = text[: text.index(after)].count("\n") + next(i for i, x in enumerate(after.split("\n")) if "#" in x) + 1
    dropped = "text after ' #' is read as a comment and dropped: put the text in quotes"
    assert (code, out, err) == (2, "", f"error: {bank}:{line}: [t-text] {where}: {dropped}\n")


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--banks", SAMPLE, "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["t-single", "single", "1", "sample", "o1"]
    assert len(out.splitlines()) == 9


def test_unknown_chapter(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--banks", SAMPLE, "list", "--chapter", "nope")
    assert (code, err) == (2, "error: no chapter 'nope' (chapters: sample)\n")


@pytest.mark.parametrize(
    "name", ["3", "03", "03-how-cancer-spreads", "how-cancer-spreads", "03-how-cancer-spreads.yaml"]
)
def test_a_chapter_is_named_as_one_would_say_it(capsys: pytest.CaptureFixture[str], name: str) -> None:
    """By number, by its bank's name, or by that name without its number."""
    code, out, _ = run(capsys, "--banks", str(REPO / "exercises"), "list", "--chapter", name)
    assert code == 0 and {line.split()[3] for line in out.splitlines()} == {"03-how-cancer-spreads"}


def test_a_misspelt_chapter_is_told_the_one_meant(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--banks", str(REPO / "exercises"), "list", "--chapter", "how-cancer-spread")
    assert code == 2 and err.startswith("error: no chapter 'how-cancer-spread' (did you mean 'how-cancer-spreads'?) ")


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_key_grades_full_marks_on_every_real_exercise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, fmt: str
) -> None:
    key = tmp_path / f"key.{fmt}"
    assert run(capsys, "--banks", str(REPO / "exercises"), "key", "--format", fmt, "-o", str(key))[0] == 0
    code, out, err = run(capsys, "--banks", str(REPO / "exercises"), "grade", "--json", str(key))
    assert (code, err) == (0, "")
    [graded] = json.loads(out)
    assert graded["score"] == graded["max_score"] == sum(e.points for _, e in book.exercises())
    assert {r["status"] for r in graded["results"]} == {"correct"}
    assert yaml.safe_load(key.read_text(encoding="utf-8"))["letters"] == "book"  # graded by the book's letters


def test_key_gives_the_books_letters_with_their_texts(capsys: pytest.CaptureFixture[str], sample: Book) -> None:
    """Marking paper by hand: the key names each right option by the letter the book prints, and its text."""
    code, out, _ = run(capsys, "--banks", SAMPLE, "key")
    lines = out.splitlines()
    assert code == 0 and lines[:4] == [
        "# Answer key: all chapters",
        "# Choice, ordering and matching answers are the letters the book prints, each with its text.",
        "student: answer key",
        "letters: book",
    ]
    code_now = variants.lettering_code(sample.banks[0].exercises)
    assert lines[lines.index("lettering:") + 1 : lines.index("answers:")] == [f"  sample: {code_now}"]
    # The book prints the right option (id a, "Right") as (b), and (a) is a wrong one.
    assert "  t-single: b  # Right" in lines
    start = lines.index("  t-multiple:")
    assert lines[start + 1 : start + 4] == ["    - a  # B", "    - d  # C", "    - e  # A"]  # in the order of the page
    start = lines.index("  t-matching:")
    # Matching options in the book's order, where the key does not read straight down (a, b, a); each stem with the
    # number the book prints before it, which a sheet may write for its id.
    matched = [
        "    prostate: d  # (stem 1) Bone",
        "    colorectal: c  # (stem 2) Liver",
        "    breast: d  # (stem 3) Bone",
    ]
    assert lines[start + 1 : start + 4] == matched
    assert "  t-truefalse: false" in lines and "  t-numeric: 36.7" in lines  # kinds without letters as they are


def test_sheets_and_keys_keep_a_superscript_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sheet's comments and a key's give a bank's {sup} as raised digits: "10⁶ cells", never "106 cells"."""
    text = (DATA / "bank.yaml").read_text(encoding="utf-8")
    text = text.replace("    prompt: Pick one.\n", "    prompt: About 10{sup}`6` cells. Pick one.\n", 1)
    text = text.replace("{id: a, text: Right,", "{id: a, text: 'Right for CO{sub}`2`',", 1)
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    code, sheet, err = run(capsys, "--banks", str(bank), "sheet")
    assert (code, err) == (0, "")
    assert "  # About 10⁶ cells. Pick one.\n" in sheet and "  #   b: Right for CO₂\n" in sheet
    _, key, _ = run(capsys, "--banks", str(bank), "key")
    assert "  t-single: b  # Right for CO₂\n" in key


ADDED = "      - {id: d, text: Wrong again, misconception: wrong-d, feedback: No.}\n"  # an option for t-single


def _sheet_with_a_letter(capsys: pytest.CaptureFixture[str], banks: Path, path: Path) -> Path:
    """A blank sheet as `checks sheet` prints it, answered (b) for t-single by hand."""
    _, out, _ = run(capsys, "--banks", str(banks), "sheet")
    path.write_text(out.replace('student: ""', "student: ann").replace("  t-single:\n", "  t-single: b\n"))
    return path


def test_a_sheet_reads_numbers_as_yaml_1_1_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Banks read 1e-3 as a number, as YAML 1.2 does; sheets do not. A sheet prints a lettering code unquoted
    where YAML 1.1 reads it as text (1234e567), and read as a number it would refuse the sheet. A numeric answer
    written so is read from its text as a number all the same."""
    sheet = tmp_path / "s1.yaml"
    lettering = "letters: book\nlettering:\n  sample: 1234e567\n"
    sheet.write_text(f"student: s1\n{lettering}answers:\n  t-numeric: 367e-1\n  t-numeric-rel: 2E+2\n")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(sheet))
    assert code == 0 and "may now name other options" in err
    graded = json.loads(out)[0]
    assert graded["relettered"] == ["sample"]  # the code, read as the text printed, is not this edition's
    assert {r["id"]: r["status"] for r in graded["results"] if "numeric" in r["id"]} == {
        "t-numeric": "correct",
        "t-numeric-rel": "correct",
    }


def test_a_sheet_printed_before_the_letters_changed_is_graded_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An author adds an option mid-course: the letters move, and a sheet printed earlier says so when graded."""
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "bank.yaml").write_text((DATA / "bank.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    sheet = _sheet_with_a_letter(capsys, banks, tmp_path / "ann.yaml")
    code, out, err = run(capsys, "--banks", str(banks), "grade", "--json", str(sheet))
    assert (code, err) == (0, "") and json.loads(out)[0]["relettered"] == []
    assert json.loads(out)[0]["relettered_by"] is None
    texts_only = (banks / "bank.yaml").read_text(encoding="utf-8").replace("text: Also wrong", "text: Wrong too")
    (banks / "bank.yaml").write_text(texts_only, encoding="utf-8")
    assert run(capsys, "--banks", str(banks), "grade", str(sheet))[2] == ""  # a text edit moves no letter
    (banks / "bank.yaml").write_text(
        texts_only.replace("feedback: No.}\n", "feedback: No.}\n" + ADDED, 1), encoding="utf-8"
    )
    code, out, err = run(capsys, "--banks", str(banks), "grade", "--json", str(sheet))
    assert code == 0 and json.loads(out)[0]["relettered"] == ["sample"]
    assert json.loads(out)[0]["relettered_by"] == "bank"  # the likely cause, as the warning gives it
    blank = tmp_path / "blank.yaml"  # answers nothing in the chapter: nothing it says can be misread
    blank.write_text(sheet.read_text(encoding="utf-8").replace("  t-single: b\n", "  t-single:\n"), encoding="utf-8")
    assert run(capsys, "--banks", str(banks), "grade", str(blank))[2] == ""
    assert err == (
        f"warning: {sheet}: the letters of sample have changed since this sheet was printed, so some may now "
        "name other options; grade it with the version of the book that printed it\n"
    )
    code, _, err = run(capsys, "--banks", str(banks), "gradebook", str(sheet), "--out", str(tmp_path / "out"))
    assert code == 0 and "the letters of sample have changed" in err
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "1 sheet(s) have letters, for a chapter they answer, that are not those they were printed with" in report
    assert str(sheet) in report and "<td>the bank changed since it was printed</td>" in report


def test_a_lettering_code_in_curly_quotes_is_read_as_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code YAML would misread (all digits) is printed in quotes, which a word processor makes curly."""
    bank = tmp_path / "bank.yaml"
    bank.write_text((DATA / "bank.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    sheet = _sheet_with_a_letter(capsys, bank, tmp_path / "ann.yaml")
    text = sheet.read_text(encoding="utf-8")
    code = re.search(r"\n  sample: '?(\w+)'?\n", text).group(1)  # type: ignore[union-attr]
    # A space a word processor typed before the colon is no part of the chapter's name either.
    for line in (f"  sample: ‘{code}’", f"  “sample”: “{code}”", f'  sample\u202f: "{code}"'):
        sheet.write_text(re.sub(r"\n  sample: .*\n", f"\n{line}\n", text), encoding="utf-8")
        status, out, err = run(capsys, "--banks", str(bank), "grade", "--json", str(sheet))
        assert (status, err) == (0, "") and json.loads(out)[0]["relettered"] == [], line
        # The code is still compared: an option added moves the letters, and the sheet says so.
        bank.write_text(bank.read_text(encoding="utf-8").replace("feedback: No.}\n", "feedback: No.}\n" + ADDED, 1))
        assert json.loads(run(capsys, "--banks", str(bank), "grade", "--json", str(sheet))[1])[0]["relettered"] == [
            "sample"
        ], line
        bank.write_text((DATA / "bank.yaml").read_text(encoding="utf-8"), encoding="utf-8")


def _variant_sheet(capsys: pytest.CaptureFixture[str], banks: Path, path: Path, variant: tuple[str, str]) -> Path:
    """A student's variant sheet as `checks sheet` prints it, answered with the letter printed beside t-single's
    right option (a)."""
    _, out, _ = run(capsys, "--banks", str(banks), "sheet", "--student", variant[0], "--seed", variant[1])
    single = load_book([banks]).find("t-single")[1]  # type: ignore[index]
    letter = next(letter for letter, option in variants.letters(single, *variant).items() if option == "a")
    path.write_text(out.replace("  t-single:\n", f"  t-single: {letter}\n"), encoding="utf-8")
    return path


def test_a_variant_sheet_printed_before_its_letters_changed_is_graded_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A variant's letters move when an option is added or renamed, as the book's do: its sheet carries the code
    of its own letters, and grading says when they have changed since it was printed."""
    banks = tmp_path / "banks"
    banks.mkdir()
    original = (DATA / "bank.yaml").read_text(encoding="utf-8")
    (banks / "bank.yaml").write_text(original, encoding="utf-8")
    variant = ("s1", "7")
    sheet = _variant_sheet(capsys, banks, tmp_path / "s1.yaml", variant)
    printed = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    assert printed["lettering"] == {"sample": variants.lettering_code(load_book([banks]).banks[0].exercises, variant)}

    def graded() -> tuple[list[str], str, str]:
        code, out, err = run(capsys, "--banks", str(banks), "grade", "--json", str(sheet))
        [result] = json.loads(out)
        assert code == 0
        # One chapter's code cannot tell which changed, the variant or the bank: the JSON says either, as the
        # warning does.
        assert result["relettered_by"] == ("either" if result["relettered"] else None)
        return result["relettered"], {r["id"]: r["status"] for r in result["results"]}["t-single"], err

    assert graded() == ([], "correct", "")
    # Options written in another order in the bank: the book's letters move, a variant's (of sorted ids) do not.
    wrong, also_wrong = (line for line in original.splitlines(keepends=True) if "misconception: wrong-" in line)
    (banks / "bank.yaml").write_text(original.replace(wrong + also_wrong, also_wrong + wrong), encoding="utf-8")
    assert graded() == ([], "correct", "")
    # One chapter's code cannot tell a bank changed from a variant edited on the sheet: both are named.
    warning = (
        f"warning: {sheet}: the letters of sample do not fit this sheet: either the student or seed of its variant "
        "is not the one it was printed for, or the bank has changed since it was printed, so some answers may "
        "name other options\n"
    )
    renamed = original.replace("{id: c, text: Also wrong", "{id: also, text: Also wrong")
    added = original.replace(
        also_wrong, also_wrong + "      - {id: d, text: Wrong again, misconception: d, feedback: No.}\n"
    )
    for changed in (renamed, added):
        (banks / "bank.yaml").write_text(changed, encoding="utf-8")
        relettered, _, err = graded()
        assert (relettered, err) == (["sample"], warning)
    code, _, err = run(capsys, "--banks", str(banks), "gradebook", str(sheet), "--out", str(tmp_path / "out"))
    assert code == 0 and warning.removesuffix("\n") in err.splitlines()
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "1 sheet(s) have letters, for a chapter they answer, that are not those they were printed with" in report
    assert str(sheet) in report and "the student or seed of its variant was changed, or the bank" in report
    # The code is the variant's own: the same banks, with the letters of another seed, are not those printed.
    (banks / "bank.yaml").write_text(original, encoding="utf-8")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace('seed: "7"', 'seed: "8"'), encoding="utf-8")
    assert graded()[::2] == (["sample"], warning)


def test_a_variant_sheet_with_an_edited_seed_is_told_so_not_that_the_bank_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A seed or student changed by hand on a variant sheet gives other letters in every chapter; a bank changed
    since printing, in the chapters it changed. With two chapters printed the codes tell the two apart."""
    banks = tmp_path / "banks"
    banks.mkdir()
    original = (DATA / "bank.yaml").read_text(encoding="utf-8")
    (banks / "sample.yaml").write_text(original, encoding="utf-8")
    other = original.replace("chapter: sample", "chapter: other").replace("  - id: t-", "  - id: u-")
    (banks / "other.yaml").write_text(other, encoding="utf-8")
    sheet = _variant_sheet(capsys, banks, tmp_path / "s1.yaml", ("s1", "7"))
    assert yaml.safe_load(sheet.read_text(encoding="utf-8"))["lettering"].keys() == {"sample", "other"}
    printed = sheet.read_text(encoding="utf-8")

    def warned() -> str:
        code, _, err = run(capsys, "--banks", str(banks), "grade", str(sheet))
        assert code == 0
        return "".join(line for line in err.splitlines(keepends=True) if not line.startswith("hint: "))

    def cause() -> str | None:
        """The likely cause that `grade --json` gives."""
        return json.loads(run(capsys, "--banks", str(banks), "grade", "--json", str(sheet))[1])[0]["relettered_by"]

    assert (warned(), cause()) == ("", None)
    for edited in (printed.replace('seed: "7"', 'seed: "8"'), printed.replace('{student: "s1"', '{student: "s2"')):
        sheet.write_text(edited, encoding="utf-8")
        assert cause() == "variant"
        assert warned() == (
            f"warning: {sheet}: the letters of sample do not fit the variant on this sheet: the student or seed of "
            "its variant is not the one it was printed for (no chapter's letters fit it), so some answers may name "
            "other options; grade it with the student and seed it was printed for\n"
        )
    code, _, err = run(capsys, "--banks", str(banks), "gradebook", str(sheet), "--out", str(tmp_path / "out"))
    assert code == 0 and "do not fit the variant on this sheet" in err
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<td>the student or seed of its variant was changed</td>" in report
    # The sheet as printed, and an option added to the chapter it answers: the other chapter still fits.
    sheet.write_text(printed, encoding="utf-8")
    (banks / "sample.yaml").write_text(original.replace("feedback: No.}\n", "feedback: No.}\n" + ADDED, 1))
    assert warned() == (
        f"warning: {sheet}: the letters of sample have changed since this sheet was printed, so some may now "
        "name other options; grade it with the version of the book that printed it\n"
    )
    assert cause() == "bank"
    # Graded on the chapter that still fits, the sheet has no letters changed, and no cause.
    out = run(capsys, "--banks", str(banks), "grade", "--json", "--chapter", "other", str(sheet))[1]
    assert {k: json.loads(out)[0][k] for k in ("relettered", "relettered_by")} == {
        "relettered": [],
        "relettered_by": None,
    }


WARNED_IN_IDS = (
    "warning: {}: the sheet's 'letters:' line is missing or empty, "
    "so it is read in option ids; in the letters the book prints, "
    "{} of its answers would name other options: if they were copied from the printed book, add the line "
    "'letters: book'\n"
)


def test_a_sheet_without_letters_whose_letters_the_book_prints_elsewhere_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet typed without 'letters:' is read in option ids. Where its letters would name other options in the
    letters the book prints, as letters copied from the printed page would, one line says so, and how many."""
    # The book prints t-single's option b as (a), and t-multiple's a and c as (e) and (d).
    sheet = tmp_path / "ann.yaml"
    sheet.write_text("student: ann\nanswers:\n  t-single: b\n  t-multiple: [a, c]\n  t-truefalse: false\n")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", str(sheet))
    assert code == 0 and err == WARNED_IN_IDS.format(sheet, 2)
    assert out.startswith(f"{sheet}: ann: ")  # graded in ids all the same
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(sheet))
    [graded] = json.loads(out)
    assert (code, err, graded["letters_as_ids"]) == (0, WARNED_IN_IDS.format(sheet, 2), ["t-single", "t-multiple"])
    assert [r["status"] for r in graded["results"][:2]] == ["incorrect", "partial"]
    # A hand-made JSON sheet is read the same way.
    typed = tmp_path / "ben.json"
    typed.write_text(json.dumps({"student": "ben", "answers": {"t-single": "b"}}))
    assert run(capsys, "--banks", SAMPLE, "grade", str(typed))[2] == WARNED_IN_IDS.format(typed, 1)
    # Letters that the book prints beside the options they name (c is printed (c)), or choices that name the
    # same options either way, read alike; an answer out of shape in ids ("B") is told so at its exercise, with
    # the same remedy.
    for answers in ("  t-single: c\n", "  t-multiple: [a, b, c, d, e]\n", "  t-single: B\n"):
        sheet.write_text("student: ann\nanswers:\n" + answers)
        assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[2] == ""
    # A sheet that says how it is read: in the book's letters, a variant's, or ids as a download from the web book.
    for said in ("letters: book", 'variant: {student: ann, seed: "7"}', "submitted: 2026-12-01T09:30:00Z"):
        sheet.write_text(f"student: ann\n{said}\nanswers:\n  t-single: b\n  t-multiple: [a, c]\n")
        code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(sheet))
        assert (code, err, json.loads(out)[0]["letters_as_ids"]) == (0, "", []), said


def test_a_sheet_without_letters_is_warned_of_for_the_chapters_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Graded on one chapter, only the answers to that chapter are counted, as they alone are graded."""
    [(_, ex)] = [(b, e) for b, e in book.exercises() if e.id == "c3-next-step"]
    letter = next(letter for letter, id_ in variants.book_letters(ex).items() if letter != id_)
    sheet = tmp_path / "ann.yaml"
    sheet.write_text(f"student: ann\nanswers:\n  c1-naming-vignette: a\n  c3-next-step: {letter}\n")
    code, out, err = run(capsys, *BANKS, "grade", "--json", "--chapter", "3", str(sheet))
    assert code == 0 and json.loads(out)[0]["letters_as_ids"] == ["c3-next-step"]
    assert err.splitlines() == [
        f"warning: {sheet}: graded on chapter {THIRD} alone; 1 answer(s) to other chapters left out",
        WARNED_IN_IDS.format(sheet, 1).rstrip("\n"),
    ]
    assert run(capsys, *BANKS, "grade", str(sheet))[2].startswith(WARNED_IN_IDS.format(sheet, 2) + "hint: ")
    # On a chapter the sheet does not answer, nothing is graded to warn of (and the chapter is refused).
    code, _, err = run(capsys, *BANKS, "grade", "--chapter", "4", str(sheet))
    assert code == 2 and err.splitlines()[0] == (
        f"warning: {sheet}: graded on chapter 04-diagnosis alone; 2 answer(s) to other chapters left out"
    )
    assert "no 'letters:' line" not in err


def test_an_answer_out_of_shape_is_told_in_the_letters_its_sheet_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet answered in letters is told which letters it may write, not option ids it never showed."""
    answers = "answers:\n  t-single: z\n  t-multiple: [a, q]\n  t-ordering: [a, b, x]\n  t-matching: {prostate: z}\n"
    in_ids, in_letters, variant = tmp_path / "ids.yaml", tmp_path / "letters.yaml", tmp_path / "variant.yaml"
    in_ids.write_text("student: ann\n" + answers)
    in_letters.write_text("student: ben\nletters: book\n" + answers)
    variant.write_text('student: cy\nvariant: {student: cy, seed: "7"}\n' + answers)
    code, out, _ = run(capsys, "--banks", SAMPLE, "grade", "--json", str(in_ids), str(in_letters), str(variant))
    assert code == 0
    said = [{r["id"]: r["message"] for r in sheet["results"] if r["status"] == "invalid"} for sheet in json.loads(out)]
    assert said[0] == {  # the same answers, graded first on a sheet in ids
        "t-single": "expected one option id: a, b, c",
        "t-multiple": "expected a list of distinct option ids from: a, b, c, d, e",
        "t-ordering": "expected a list of distinct item ids from: s1, s2, s3, s4, s5",
        "t-matching": (
            "expected a mapping of stem number or id to option id (stems: 1 prostate, 2 colorectal, 3 breast)"
        ),
    }
    assert said[1] == {
        "t-single": "expected one letter: a, b, c",
        "t-multiple": "expected a list of distinct letters from: a, b, c, d, e",
        "t-ordering": "expected a list of distinct letters, first to last, from: a, b, c, d, e",
        "t-matching": (
            "expected a mapping of stem number or id to letter (stems: 1 prostate, 2 colorectal, 3 breast;"
            " letters: a, b, c, d)"
        ),
    }
    assert said[2]["t-single"] == "expected one letter: A, B, C"  # a variant's letters, as its sheet prints them
    assert said[2]["t-ordering"] == "expected a list of distinct letters, first to last, from: A, B, C, D, E"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "student: ann\nanswers:\n  t-single: a\n  t-singel: b\n",
            "4: unknown exercise id 't-singel' (did you mean 't-single'?)",
        ),
        ("student: ann\nanswer:\n  t-single: a\n", "2: unknown field 'answer' (did you mean 'answers'?)"),
        ("# a sheet\nstudent: ''\nanswers: {}\n", "2: 'student' must be a non-empty name or id"),
        (
            "student: ann\nsubmitted: soon\nanswers: {}\n",
            "2: 'submitted' must be a date and time such as 2026-12-01T09:30:00Z",
        ),
    ],
)
def test_a_problem_in_a_yaml_sheet_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, problem: str
) -> None:
    """On a sheet of a hundred lines, a mistyped id or field is found by its line, and the name meant is given."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text(text)
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[::2] == (2, f"error: {sheet}:{problem}\n")


def test_an_id_of_a_chapter_without_a_bank_is_not_offered_another_chapters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet from a chapter that has no bank here (a later chapter's page, another edition): its ids begin with a
    prefix no bank has, and another chapter's id that ends alike is no id it meant."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: ann\nanswers:\n  c3-next-step: b\n  c9-sites-top: a\n", encoding="utf-8")
    code, _, err = run(capsys, "--banks", str(REPO / "exercises"), "grade", str(sheet))
    begin = ", ".join(f"c{n}-" for n in range(1, 9))
    assert (code, err) == (
        2,
        f"error: {sheet}:4: unknown exercise id 'c9-sites-top' (no bank has exercise ids beginning 'c9-'; "
        f"the banks' ids begin {begin})\n",
    )
    # A slip after a chapter's own prefix is still told the id meant.
    sheet.write_text("student: ann\nanswers:\n  c2-sites-tops: a\n", encoding="utf-8")
    assert run(capsys, "--banks", str(REPO / "exercises"), "grade", str(sheet))[2] == (
        f"error: {sheet}:3: unknown exercise id 'c2-sites-tops' (did you mean 'c2-sites-top'?)\n"
    )


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        (
            "lettering: {sample: 12ab34cd}\n",
            "'lettering' goes with 'letters: book' or 'variant' (leave them as printed)",
        ),
        (
            "letters: book\nlettering: [sample]\n",
            "'lettering' must be the mapping of chapter to code printed on the sheet",
        ),
    ],
)
def test_a_lettering_out_of_place_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, problem: str
) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: ann\n" + field + "answers: {t-single: b}\n")
    line = field.count("\n")  # the line of the field 'lettering'
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[::2] == (2, f"error: {sheet}:{line + 1}: {problem}\n")


def test_every_letter_of_the_key_is_the_books_for_its_answer(capsys: pytest.CaptureFixture[str], book: Book) -> None:
    """Each letter in the key is the one the book prints beside the right option, and its comment is that text."""
    from checks.exports.markup import readable

    _, out, _ = run(capsys, "--banks", str(REPO / "exercises"), "key")
    key = yaml.safe_load(out)["answers"]
    notes = iter(re.findall(r"^ +(?:- |[a-z0-9-]+: )([a-z])  # (?:\(stem [0-9]+\) )?(.*)$", out, re.MULTILINE))
    for _, ex in book.exercises():
        expected, answer = key_response(ex), key[ex.id]
        shown = {letter: o for letter, o in variants.lettered(ex)}
        if not shown:
            assert answer == expected
            continue
        letters = answer if isinstance(answer, list) else [answer]
        letters = list(answer.values()) if isinstance(answer, dict) else letters
        for letter in letters:
            # Keys, as sheets, show the texts as typed (readable), where the exports show the book's quotes.
            text = shown[letter].text if ex.kind == "matching" else readable(shown[letter].text, inline=True)
            assert next(notes) == (letter, " ".join(text.split())), ex.id
        in_ids = [shown[letter].id for letter in letters]
        expected = list(expected.values()) if isinstance(expected, dict) else expected
        expected = expected if isinstance(expected, list) else [expected]
        assert in_ids == expected if ex.kind != "multiple" else sorted(in_ids) == sorted(expected), ex.id
    assert next(notes, None) is None


def test_the_instructors_page_shows_a_sheet_and_a_key_as_the_command_reads_and_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page's sample sheets, in the book's letters and in ids as a download, grade alike without a refusal, an
    invalid answer or a warning, and its key is the key `checks key --chapter 3` writes, line for line, where the
    page shows it (an excerpt). Without its 'letters: book' line, the sheet in letters is warned of."""
    page = (REPO / "docs" / "instructors.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```(yaml|json)\n(.*?)^```$", page, re.MULTILINE | re.DOTALL)
    key = next(b for _, b in blocks if "student: answer key" in b)
    # The reader edition's samples; the student edition's say "…" in place of each answer.
    sample = next(b for kind, b in blocks if kind == "yaml" and b.startswith('student: "s1234567"') and "…" not in b)
    download = next(b for kind, b in blocks if kind == "json" and '"s1234567"' in b and "…" not in b)
    assert "\nletters: book\n" in sample
    sheet, in_ids = tmp_path / "sample.yaml", tmp_path / "download.json"
    sheet.write_text(sample, encoding="utf-8")
    in_ids.write_text(download, encoding="utf-8")
    graded = []
    for path in (sheet, in_ids):
        code, out, err = run(capsys, "--banks", str(REPO / "exercises"), "grade", "--json", str(path))
        assert code == 0 and all(line.startswith("hint: ") for line in err.splitlines())  # a few chapters answered
        results = json.loads(out)[0]["results"]
        assert sum(r["status"] not in ("unanswered", "invalid") for r in results) == len(
            json.loads(download)["answers"]
        )
        graded.append([(r["id"], r["status"], r["score"]) for r in results])
    assert graded[0] == graded[1]  # the same answers
    sheet.write_text(sample.replace("letters: book\n", ""), encoding="utf-8")
    err = run(capsys, "--banks", str(REPO / "exercises"), "grade", str(sheet))[2]
    assert err.startswith(WARNED_IN_IDS.format(sheet, 1))  # c1-naming-vignette: d; the items' letters are no ids
    _, printed, _ = run(capsys, "--banks", str(REPO / "exercises"), "key", "--chapter", "3")
    shown = [line for line in key.splitlines() if line.strip() != "# …"]
    assert all(line in printed.splitlines() for line in shown), "docs/instructors.md: update the key to what it prints"


def test_the_instructors_page_shows_feedback_as_the_command_prints_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's `checks grade --feedback` example is what the command prints for the answers it shows, line for
    line where it shows them (an excerpt), from the book's folder, whose bibliography the citations come from."""
    page = (REPO / "docs" / "instructors.md").read_text(encoding="utf-8")
    [example] = re.findall(r"^```text\n(ann\.yaml: Ann: .*?)^```$", page, re.MULTILINE | re.DOTALL)
    shown = [line for line in example.splitlines() if line.strip() != "…"]
    answers = dict(re.findall(r"^  (c3-[a-z-]+) .*\n      answer: (.*)$", example, re.MULTILINE))
    assert answers == {"c3-next-step": "a", "c3-step-matching": "{1: e, 2: f}", "c3-why-inefficient": "[a, d]"}
    sheet = tmp_path / "ann.yaml"
    lines = "".join(f"  {key}: {answer}\n" for key, answer in answers.items())
    sheet.write_text(
        f"student: Ann\nletters: book\nchapters: [03-how-cancer-spreads]\nanswers:\n{lines}", encoding="utf-8"
    )
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("CHECKS_BANKS", raising=False)
    code, out, err = run(capsys, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    printed = out.replace(str(sheet), "ann.yaml").splitlines()
    assert [line for line in printed if line in shown] == shown, "docs/instructors.md: update the example"


def test_blank_sheet_is_valid_yaml_and_grades_as_unanswered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "blank.yaml"
    assert run(capsys, "--banks", SAMPLE, "sheet", "-o", str(blank))[0] == 0
    text = blank.read_text(encoding="utf-8")
    assert "# Pick one." in text and "\nletters: book\n" in text
    # The right option ("Right", id a) is answered with the letter the sheet, like the book, prints for it.
    letter = re.search(r"#   ([a-c]): Right\n", text).group(1)  # type: ignore[union-attr]
    [(_, single)] = [(b, e) for b, e in load_book([DATA / "bank.yaml"]).exercises() if e.id == "t-single"]
    assert variants.book_letters(single)[letter] == "a"
    filled = text.replace('student: ""', "student: ann").replace("  t-single:\n", f"  t-single: {letter}\n")
    blank.write_text(filled, encoding="utf-8")
    code, out, _ = run(capsys, "--banks", SAMPLE, "grade", "--json", str(blank))
    [graded] = json.loads(out)
    statuses = [r["status"] for r in graded["results"]]
    assert code == 0 and statuses[0] == "correct" and set(statuses[1:]) == {"unanswered"}


def test_a_name_written_after_the_blank_sheets_quotes_is_told_to_go_between_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The blank sheet says where the name goes; written after its quotes, the error says what to do, at its line,
    where YAML's own words sent the student to check the indentation."""
    blank = tmp_path / "blank.yaml"
    assert run(capsys, "--banks", SAMPLE, "sheet", "-o", str(blank))[0] == 0
    text = blank.read_text(encoding="utf-8")
    assert "# Write your name or student id between the quotes after 'student:' (student: \"Dan Wu\")" in text
    line = text.splitlines().index('student: ""') + 1
    blank.write_text(text.replace('student: ""', 'student: "" Dan Wu'), encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(blank)) == (
        2,
        "",
        f"error: {blank}:{line}: invalid YAML: text after the closing quote: put the whole text inside the quotes"
        ' (student: "Dan Wu")\n',
    )
    blank.write_text(text.replace('student: ""', 'student: "Dan Wu"'), encoding="utf-8")  # as the message says
    code, out, _ = run(capsys, "--banks", SAMPLE, "grade", "--json", str(blank))
    assert code == 0 and json.loads(out)[0]["student"] == "Dan Wu"


def test_an_answer_without_a_space_after_its_colon_is_told_so_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``id:value``, which YAML reads as text and then fails on lines further down, is told at its own line."""
    sheet = tmp_path / "s.yaml"
    answers = ["  t-text: bone", "  t-single:b", "  t-truefalse: true", "  t-numeric: 3"]
    sheet.write_text("student: s1\nletters: book\nanswers:\n" + "\n".join(answers) + "\n", encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[2] == (
        f"error: {sheet}:5: invalid YAML: put a space after the colon (t-single: b)\n"
    )


NBSP_AFTER_COLON = "a non-breaking space after the colon, which YAML does not take for a space: type an ordinary space"


@pytest.mark.parametrize(
    ("answers", "line", "said"),
    [
        # Followed by another answer, YAML stopped at the next line; last, past the end of the file.
        (["  t-text: bone", "  t-single:\u00a0b", "  t-truefalse: true"], 5, f"invalid YAML: {NBSP_AFTER_COLON}"),
        (["  t-text: bone", "  t-single:\u00a0b"], 5, f"invalid YAML: {NBSP_AFTER_COLON}"),
        (["  t-single:\u00a0 b", "  t-text: bone"], 4, f"invalid YAML: {NBSP_AFTER_COLON}"),
        # The only answer is read as the text of 'answers'.
        (["  t-single:\u00a0b"], 4, f"'answers' must be a mapping of exercise id to answer: {NBSP_AFTER_COLON}"),
        (["  t-single:\u202fb"], 4, f"'answers' must be a mapping of exercise id to answer: {NBSP_AFTER_COLON}"),
    ],
)
def test_a_non_breaking_space_after_a_colon_is_told_so_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: list[str], line: int, said: str
) -> None:
    """A word processor's non-breaking space after the colon looks like a space, but YAML reads the line as one
    text and fails further on, as for ``id:value``: told at its own line, with the line as it should read."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: s1\nletters: book\nanswers:\n" + "\n".join(answers) + "\n", encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[2] == f"error: {sheet}:{line}: {said} (t-single: b)\n"
    # Retyped, the sheet is read; a field's name is told alike, and a space of another kind is named by its code.
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("\u00a0", " ").replace("\u202f", " "), "utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[0] == 0
    sheet.write_text("student:\u00a0s1\nanswers:\n  t-text:\u2003bone\n", encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[2] == (
        f"error: {sheet}:1: invalid YAML: {NBSP_AFTER_COLON} (student: s1)\n"
    )
    sheet.write_text("student: s1\nanswers:\n  t-text:\u2003bone\n  t-single: b\n", encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[2] == (
        f"error: {sheet}:3: invalid YAML: a space of another kind (U+2003) after the colon, which YAML does not take "
        "for a space: type an ordinary space (t-text: bone)\n"
    )


def test_a_sheet_and_a_key_show_a_text_the_export_cannot_flatten_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A table in a prompt or an image in an option stops an export of that question, not a sheet or a key.
    bank = DATA.joinpath("bank.yaml").read_text(encoding="utf-8")
    bank = bank.replace(
        "    prompt: Pick one.\n", "    prompt: |\n      Pick one.\n\n      | site | cases |\n      |---|---|\n", 1
    )
    bank = bank.replace("{id: c, text: Also wrong,", "{id: c, text: 'Also ![a bone](bone.png) wrong',", 1)
    path = tmp_path / "bank.yaml"
    path.write_text(bank, encoding="utf-8")
    code, sheet, err = run(capsys, "--banks", str(path), "sheet", "-o", "-")
    assert code == 0 and err == ""
    assert "# Pick one. | site | cases | |---|---|" in sheet and "Also ![a bone](bone.png) wrong" in sheet
    code, key, err = run(capsys, "--banks", str(path), "key", "-o", "-")
    assert code == 0 and err == ""
    assert "# Right" in key


def test_grade_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: Ann\nanswers:\n  t-multiple: [a, b]\n  t-numeric: '36 kg'\n")
    code, out, _ = run(capsys, "--banks", SAMPLE, "grade", str(sheet))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == f"{sheet}: Ann: 2 / 17 (12%)"
    assert lines[2].split() == ["t-multiple", "partial", "2", "/", "3"]
    assert "(The unit “kg” is not accepted here: answer in percentage points, pp or %.)" in out


def test_a_sheet_typed_in_a_word_processor_is_read_without_its_curly_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """Word and TextEdit turn "Sam Two" into “Sam Two”: the name is Sam Two, the letter “b” is b."""
    [single] = [ex for _, ex in sample.exercises() if ex.id == "t-single"]
    [letter] = [written for written, id_ in variants.book_letters(single).items() if id_ == "a"]
    sheet = tmp_path / "s.yaml"
    text = f"student: “Sam Two”\nletters: book\nanswers:\n  t-single: “{letter}”\n  t-numeric: ‘36.7 pp’\n"
    sheet.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--banks", SAMPLE, "grade", "--json", str(sheet))
    [graded] = json.loads(out)
    statuses = {r["id"]: r["status"] for r in graded["results"]}
    assert code == 0 and graded["student"] == "Sam Two"
    assert (statuses["t-single"], statuses["t-numeric"]) == ("correct", "correct")
    sheet.write_text("student: “ ”\nanswers: {}\n", encoding="utf-8")
    code, _, err = run(capsys, "--banks", SAMPLE, "grade", str(sheet))
    assert (code, err) == (2, f"error: {sheet}:1: 'student' must be a non-empty name or id\n")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_field_name_typed_with_a_non_breaking_space_is_the_field_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book, suffix: str
) -> None:
    """A French keyboard types a narrow non-breaking space before a colon, and a word processor may put one
    (or another Unicode space) beside any name: the field, exercise id or variant field is the one named."""
    sheet = tmp_path / f"s{suffix}"

    def graded(data: dict[str, object]) -> dict[str, object]:
        text = json.dumps(data, ensure_ascii=False) if suffix == ".json" else yaml.safe_dump(data, allow_unicode=True)
        assert "\u00a0" in text  # as typed: the space itself, in the file
        sheet.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(sheet))
        assert (code, err) == (0, "")
        [result] = json.loads(out)
        return result  # type: ignore[no-any-return]

    answers = {"t-single\u00a0": "a", "\u2009t-truefalse\u202f": False, "t-text": "intravasation"}
    result = graded({"student\u202f": "Ann", "answers\u00a0": answers, "submitted\u3000": "2026-12-01T09:30:00Z"})
    statuses = {r["id"]: r["status"] for r in result["results"]}  # type: ignore[attr-defined]
    assert result["student"] == "Ann"
    assert [statuses[k] for k in ("t-single", "t-truefalse", "t-text")] == ["correct"] * 3
    # A variant's fields too: its letters are read as that variant prints them.
    single = sample.find("t-single")[1]  # type: ignore[index]
    [letter] = [k for k, v in variants.letters(single, "s1", "7").items() if v == "a"]
    variant = {"student\u00a0": "s1", "\u00a0seed": "7"}
    result = graded({"student": "s1", "variant\u00a0": variant, "answers": {"t-single": letter}})
    assert result["results"][0]["status"] == "correct"  # type: ignore[index]


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        # A name that differs in more than the spaces around it is another name, told as before.
        ("stu\u00a0dent: Ann\nanswers: {}\n", "1: unknown field 'stu\\xa0dent' (did you mean 'student'?)"),
        ("studnet\u00a0: Ann\nanswers: {}\n", "1: unknown field 'studnet' (did you mean 'student'?)"),
        (
            "student: Ann\nanswers\u202f:\n  t-single: a\n  t-singel\u00a0: a\n",
            "4: unknown exercise id 't-singel' (did you mean 't-single'?)",
        ),
        # Quoted back as written, from its line.
        ("student\u00a0: 0123\nanswers: {}\n", "1: 'student' must be text: put the id in quotes (student: \"0123\")"),
    ],
)
def test_a_field_name_typed_with_spaces_is_still_told_where_it_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, problem: str
) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(typed, encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "grade", str(sheet))[::2] == (2, f"error: {sheet}:{problem}\n")


def test_grade_text_output_writes_points_one_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Thirds of a point are 0.67 and 1.33 on the total line and on the exercise's line alike."""
    bank = tmp_path / "bank.yaml"
    text = (DATA / "bank.yaml").read_text(encoding="utf-8")
    bank.write_text(text.replace("    points: 3\n", "    points: 2\n", 1), encoding="utf-8")  # t-multiple
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: Ann\nanswers:\n  t-multiple: [a, b]\n  t-single: b\n")
    code, out, _ = run(capsys, "--banks", str(bank), "grade", str(sheet))
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"{sheet}: Ann: 1.33 / 16 (8%)"
    assert lines[1].split() == ["t-single", "incorrect", "0", "/", "1"]
    assert lines[2].split() == ["t-multiple", "partial", "1.33", "/", "2"]
    sheet.write_text("student: Ann\nanswers:\n  t-multiple: [a]\n")
    assert run(capsys, "--banks", str(bank), "grade", str(sheet))[1].splitlines()[0].endswith(": 0.67 / 16 (4%)")


def _under(out: str, exercise_id: str) -> list[str]:
    """The lines `checks grade --feedback` prints under an exercise's line, up to the next exercise's."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == [exercise_id]) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("      ")), len(lines))
    return lines[start:end]


def test_grade_feedback_tells_each_answer_what_the_student_is_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """Under each exercise answered: the answer in the letters the sheet gave it in, the feedback the web book
    shows for it, and the explanation; an exercise left unanswered is told nothing, as on the page."""
    single = sample.find("t-single")[1]  # type: ignore[index]
    [wrong] = [letter for letter, id_ in variants.book_letters(single).items() if id_ == "b"]
    assert wrong != "b"  # the letter, not the id, is what the student wrote and is shown
    multiple = sample.find("t-multiple")[1]  # type: ignore[index]
    letter_of = {id_: letter for letter, id_ in variants.book_letters(multiple).items()}
    ticked = f"[{letter_of['d']}, {letter_of['a']}]"  # a wrong option, then a right one
    sheet = tmp_path / "s.yaml"
    answers = f"  t-single: {wrong}\n  t-multiple: {ticked}\n  t-text: extravasation\n  t-numeric: 36 kg\n"
    sheet.write_text(f"student: Ann\nletters: book\nanswers:\n{answers}", encoding="utf-8")
    code, plain, err = run(capsys, "--banks", SAMPLE, "grade", str(sheet))
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if not line.startswith("      ")] == plain.splitlines()
    assert _under(out, "t-single") == [f"      answer: {wrong}", "      feedback: No.", "      explanation: Because."]
    # Each option ticked by the letter the sheet gives it, in the order of the page, whatever the bank's.
    told = sorted([(letter_of["a"], "Yes."), (letter_of["d"], "No.")])
    assert told[0][0] == letter_of["d"]  # the bank lists a before d: the page does not
    assert _under(out, "t-multiple") == [
        f"      answer: {ticked}",
        "      feedback:",
        *(f"        - ({letter}) {text}" for letter, text in told),
        "      explanation: Because.",
    ]
    # A foreseen wrong answer's own feedback; a unit refused keeps its message on the exercise's line.
    assert _under(out, "t-text")[1] == "      feedback: That is leaving."
    assert _under(out, "t-numeric")[:2] == ["      answer: 36 kg", "      feedback: No."]
    assert _under(out, "t-truefalse") == [] and _under(out, "t-matching") == []


def test_grade_feedback_shows_a_download_in_the_letters_the_book_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """The web book's download names options by id, which the instructor reading the book never sees: its
    answers are shown in the book's letters, as the sheet printed from the book would give them, and each option
    ticked is told by its letter."""
    ids = {"t-single": "b", "t-multiple": ["e", "a", "b"], "t-ordering": ["s2", "s1", "s3", "s4", "s5"]}
    ids |= {"t-matching": {"prostate": "liver", "colorectal": "liver"}, "t-text": "extravasation"}
    download = {"student": "Ann", "submitted": "2026-12-01T09:30:00Z", "answers": {**ids, "t-truefalse": True}}
    sheet = tmp_path / "answers-ann.json"
    sheet.write_text(json.dumps(download), encoding="utf-8")
    letters = {ex.id: {i: letter for letter, i in variants.book_letters(ex).items()} for _, ex in sample.exercises()}
    single, multiple, ordering, matching = (
        letters[key] for key in ("t-single", "t-multiple", "t-ordering", "t-matching")
    )
    assert single["b"] != "b" and [ordering[i] for i in ids["t-ordering"]] != ids["t-ordering"]
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    assert _under(out, "t-single")[0] == f"      answer: {single['b']}"
    ticked = sorted(multiple[i] for i in ("e", "a", "b"))  # a set of choices, in the order of the page
    assert _under(out, "t-multiple")[0] == f"      answer: [{', '.join(ticked)}]"
    feedback = {multiple["a"]: "Yes.", multiple["b"]: "Yes.", multiple["e"]: "No."}
    assert _under(out, "t-multiple")[1:5] == [
        "      feedback:",
        *(f"        - ({letter}) {feedback[letter]}" for letter in ticked),
    ]
    placed = ", ".join(ordering[i] for i in ids["t-ordering"])  # an order stays the order given
    assert _under(out, "t-ordering")[0] == f"      answer: [{placed}]"
    matched = f"{{prostate: {matching['liver']}, colorectal: {matching['liver']}}}"  # stems keep their ids
    assert _under(out, "t-matching")[0] == f"      answer: {matched}"
    assert _under(out, "t-text")[0] == "      answer: extravasation"
    assert _under(out, "t-truefalse")[0] == "      answer: true"
    # An answer that could not be checked names no option: as written.
    download["answers"] = {"t-single": "zz"}
    sheet.write_text(json.dumps(download), encoding="utf-8")
    assert _under(run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))[1], "t-single") == [
        "      answer: zz"
    ]


def test_grade_feedback_tells_each_stem_matched_by_its_number_and_whether_it_is_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """A stem's feedback does not say which stem it is for, nor whether the match was right: each is labelled with
    the number the book prints before its stem and the page's verdict, in the book's order of stems, on a download
    naming stems by id as on a sheet naming them by number, and even where one stem alone was matched."""
    sheet = tmp_path / "answers-ann.json"
    answers = {"t-matching": {"breast": "bone", "prostate": "liver"}}  # stems 3 (right) and 1 (not right)
    sheet.write_text(json.dumps({"student": "Ann", "answers": answers}), encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    assert _under(out, "t-matching")[1:4] == [
        "      feedback:",
        "        - (stem 1, match not right) Bone.",
        "        - (stem 3, match right) Bone.",
    ]
    matching = sample.find("t-matching")[1]  # type: ignore[index]
    [liver] = [letter for letter, id_ in variants.book_letters(matching).items() if id_ == "liver"]
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"student: Ann\nletters: book\nanswers:\n  t-matching: {{2: {liver}}}\n", encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    assert _under(out, "t-matching") == [
        f"      answer: {{2: {liver}}}",
        "      feedback:",
        "        - (stem 2, match right) Liver.",
        "      explanation: Because.",
    ]


def test_grade_feedback_tells_a_variant_s_options_by_its_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """On a variant's sheet the options ticked are told by the letters that sheet prints, not the book's."""
    multiple = sample.find("t-multiple")[1]  # type: ignore[index]
    letter_of = {i: letter for letter, i in variants.letters(multiple, "s1", "7").items()}
    book = {i: letter for letter, i in variants.book_letters(multiple).items()}
    assert any(letter_of[i].lower() != book[i] for i in "abcde")
    printed = _variant_sheet(capsys, Path(SAMPLE), tmp_path / "s1.yaml", ("s1", "7")).read_text(encoding="utf-8")
    sheet = tmp_path / "s1.yaml"
    ticked = [letter_of["d"], letter_of["c"]]
    sheet.write_text(printed.replace("  t-multiple:\n", f"  t-multiple: [{', '.join(ticked)}]\n"), encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    told = sorted([(letter_of["c"], "Yes."), (letter_of["d"], "No.")])
    assert _under(out, "t-multiple") == [
        f"      answer: [{', '.join(ticked)}]",
        "      feedback:",
        *(f"        - ({letter}) {text}" for letter, text in told),
        "      explanation: Because.",
    ]


def test_grade_feedback_writes_texts_as_the_book_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Markup dropped, citations by author and year from the bibliography, long texts wrapped under their label;
    a variant sheet's answer in the letters that sheet prints."""
    text = (DATA / "bank.yaml").read_text(encoding="utf-8")
    long = " ".join(["The cells must survive the flow of blood and the immune cells in it."] * 3)
    text = text.replace(
        "    explanation: Because.\n", f"    explanation: '**Because** {long} {{cite:p}}`key`'\n", 1
    ).replace(
        "{id: a, text: Right, correct: true, feedback: Yes.}",
        "{id: a, text: Right, correct: true, feedback: '*Yes*, as {cite:t}`key` found.'}",
        1,
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    bib = _bib(tmp_path / "refs.bib", "key")
    sheet = _variant_sheet(capsys, bank, tmp_path / "s1.yaml", ("s1", "7"))
    letter = yaml.safe_load(sheet.read_text(encoding="utf-8"))["answers"]["t-single"]
    assert letter in "ABC"
    code, out, err = run(capsys, "--banks", str(bank), "grade", "--feedback", "--bib", str(bib), str(sheet))
    assert (code, err) == (0, "")
    lines = _under(out, "t-single")
    assert lines[:2] == [f"      answer: {letter}", "      feedback: Yes, as A (2020) found."]
    assert all(len(line) <= 88 for line in lines) and len(lines) > 4
    assert lines[2].startswith("      explanation: Because The cells")
    assert all(line.startswith("        ") for line in lines[3:])
    assert " ".join(" ".join(lines[2:]).split()) == f"explanation: Because {long} (A, 2020)"
    # Without a bibliography, a work is cited by its key, and one warning says so.
    code, out, err = run(capsys, "--banks", str(bank), "grade", "--feedback", str(sheet))
    assert code == 0 and "feedback: Yes, as key found." in out
    assert err == "warning: no bibliography found, so citations show their keys (key); " + (
        "name it with --bib FILE or the CHECKS_BIB environment variable\n"
    )


def test_grade_feedback_reads_each_text_once_however_many_sheets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every sheet of a class is told the same texts: the book's parser reads each once a run, not once a sheet,
    and each run reads them afresh (its bibliography may be another)."""
    from markdown_it import MarkdownIt

    runs = []
    for name in ("parse", "parseInline"):
        method = getattr(MarkdownIt, name)

        def counted(self: MarkdownIt, *args: object, _method: object = method, **kwargs: object) -> object:
            runs.append(1)
            return _method(self, *args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(MarkdownIt, name, counted)
    key = run(capsys, "--banks", SAMPLE, "key")[1]
    parsed = []
    for count in (1, 20, 20):
        folder = tmp_path / str(count)
        folder.mkdir(exist_ok=True)
        for n in range(count):
            (folder / f"s{n}.yaml").write_text(key.replace("student: answer key", f"student: s{n}"), encoding="utf-8")
        runs.clear()
        code, out, _ = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(folder))
        assert code == 0 and out.count("      explanation: Because.") >= 5 * count
        parsed.append(len(runs))
    assert parsed[0] > 0 and parsed == [parsed[0]] * 3


def test_grade_feedback_shows_an_answer_on_its_line_whatever_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line break or a terminal escape in an answer would forge lines of the report, or colour it."""
    sheet = tmp_path / "s.json"
    answer = "intra\nt-single  correct  1 / 1\x1b[2J"
    sheet.write_text(json.dumps({"student": "Ann", "answers": {"t-text": answer}}), encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    assert _under(out, "t-text")[0] == "      answer: intra\\nt-single correct 1 / 1\\x1b[2J"
    assert "\x1b" not in out


def test_grade_shows_a_unit_refused_on_its_line_whatever_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The message naming a unit refused quotes the unit as the student wrote it: its escapes would retitle the
    terminal and colour it, and a unit of 200 kB would be a line of as many characters. JSON keeps it whole."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text('student: Ann\nanswers:\n  t-numeric: "120 \\e]0;pwned\\a\\e[41mred"\n', encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", str(sheet))
    assert (code, err) == (0, "")
    assert "\x1b" not in out and "\x07" not in out
    [line] = [line for line in out.splitlines() if line.split()[:1] == ["t-numeric"]]
    assert line.endswith(
        "(The unit “\\x1b]0;pwned\\x07\\x1b[41mred” is not accepted here: answer in percentage points, pp or %.)"
    )
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(sheet))
    [result] = [r for r in json.loads(out)[0]["results"] if r["id"] == "t-numeric"]
    assert result["message"].startswith("The unit “\x1b]0;pwned\x07\x1b[41mred”")
    sheet.write_text(f"student: Ann\nanswers:\n  t-numeric: 120 {'m' * 200_000}\n", encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", str(sheet))
    [line] = [line for line in out.splitlines() if line.split()[:1] == ["t-numeric"]]
    assert code == 0 and len(line) < 1000 and line.endswith(" characters))")


def test_grade_shows_a_file_name_on_its_line_whatever_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sheet's name is the student's to choose, in a folder of a class's downloads: its escapes and line breaks
    are shown as such on every line that names it, and bytes that are not UTF-8 as the escapes of their
    stand-ins, where they could not be printed at all."""
    folder = tmp_path / "class"
    folder.mkdir()
    sheet = "student: Ann\nanswers:\n  t-single: a\n"
    (folder / "a\x1b[41mred\x07.yaml").write_text(sheet, encoding="utf-8")
    (folder / "b\nt-single correct.yaml").write_text("student: [Bo\n", encoding="utf-8")
    (folder / "c\x1b[42m.txt").write_text(sheet, encoding="utf-8")
    (folder / os.fsdecode(b"d\xff.yaml")).write_text(sheet, encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", str(folder))
    assert code == 2
    assert not re.search("[\x00-\x1f\ud800-\udfff]", (out + err).replace("\n", ""))
    assert f"{folder}/a\\x1b[41mred\\x07.yaml: Ann: 1 / 17 (6%)" in out.splitlines()
    assert f"{folder}/d\\udcff.yaml: Ann: 1 / 17 (6%)" in out.splitlines()
    assert (
        err.splitlines()[0] == f"warning: {folder}: skipped 1 file(s) that are not .json, .yaml or .yml: c\\x1b[42m.txt"
    )
    assert f"error: {folder}/b\\nt-single correct.yaml:2: invalid YAML" in err
    assert f"warning: {folder}/a\\x1b[41mred\\x07.yaml: the sheet's 'letters:' line is missing or empty" in err


def test_grade_feedback_gives_no_explanation_for_an_answer_it_could_not_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer of the wrong shape is "Not checked" on the page, which then keeps the answer hidden: its
    explanation, which gives the answer away, is left out, and the answer and the message are kept."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: Ann\nanswers:\n  t-single: zz\n  t-numeric: lots\n  t-text: lung\n")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--feedback", str(sheet))
    assert (code, err) == (0, "")
    [single] = [line for line in out.splitlines() if line.split()[:1] == ["t-single"]]
    assert single.split()[1] == "invalid" and single.endswith("(expected one option id: a, b, c)")
    assert _under(out, "t-single") == ["      answer: zz"]
    assert _under(out, "t-numeric") == ["      answer: lots"]
    assert _under(out, "t-text")[-1] == "      explanation: Because."  # checked, and wrong: explained


def test_grade_feedback_is_for_the_text_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: Ann\nanswers:\n  t-single: a\n")
    assert run(capsys, "--banks", SAMPLE, "grade", "--feedback", "--json", str(sheet)) == (
        2,
        "",
        "error: --feedback is for the text report; with --json the feedback is in results[].feedback\n",
    )


def test_schema_matches_real_banks_and_sheets(book: Book, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "bank")
    schema = json.loads(out)
    assert code == 0 and schema == json.loads(json.dumps(bank_schema()))
    for path in sorted((REPO / "exercises").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # JSON has no dates: an editor sees the date as text.
        for ex in data["exercises"]:
            ex["reviewed"] = str(ex["reviewed"])
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"chapter": "x", "title": "T", "objectives": [], "exercises": [{"kind": "essay"}]}, schema)
    jsonschema.validate({"student": "a", "answers": {"x": ["a"], "y": {"s": "o"}}}, sheet_schema())


@pytest.mark.parametrize(
    "text",
    [
        "student: ann\nanswers:\n  t-single: a\n",
        "student: ann\nanswers:\n",  # handed in empty: every exercise unanswered
        "student: ann\nanswers: {}\n",
        "student: ann\nanswers:\n  t-single:\n  t-multiple: []\n",  # a blank sheet handed back as printed
        "student: ann\n",  # no answers at all: a mistake
        "student: ann\nsubmitted: 2026-12-01T09:30:00Z\n",
        "answers: {t-single: a}\n",
        "student: ann\nanswers: [a, b]\n",
        "student: ann\nanswers: a\n",
        "student: ''\nanswers: {}\n",
        "student: ann\nanswers: {}\nscore: 3\n",
    ],
)
def test_the_sheet_schema_accepts_the_sheets_grading_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """An editor checking a sheet against the schema and `checks grade` agree on whether it is a sheet; one
    that answers nothing must still say 'answers:', and is graded as all unanswered."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text(text, encoding="utf-8")
    as_json = tmp_path / "s.json"
    data = yaml.safe_load(text)
    if "submitted" in data:  # JSON has no dates: the schema sees the time as text, as a JSON sheet writes it
        data["submitted"] = data["submitted"].isoformat()
    as_json.write_text(json.dumps(data), encoding="utf-8")
    valid = jsonschema.Draft202012Validator(sheet_schema()).is_valid(data)
    for path in (sheet, as_json):
        code, out, _ = run(capsys, "--banks", SAMPLE, "grade", "--json", str(path))
        [graded] = json.loads(out)
        assert (code == 0) == valid and ("error" not in graded) == valid, path.name
        if valid:  # graded as answered where an answer is given; all unanswered where none is
            given = {k for k, v in (data["answers"] or {}).items() if v}
            assert {r["id"] for r in graded["results"] if r["status"] != "unanswered"} == given
    if "answers" not in data and "student" in data:
        assert graded["error"].startswith("'answers' is missing")


def test_published_schema_files_are_current() -> None:
    """As `checks schema` writes them, byte for byte: regenerated, they show no difference to commit."""
    folder = REPO / "src" / "checks" / "schema"
    for name, schema in (("bank", bank_schema()), ("sheet", sheet_schema())):
        written = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        assert (folder / f"{name}.schema.json").read_text(encoding="utf-8") == written, name


def test_output_files_are_written_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "key.json"
    target.write_text("previous")
    assert run(capsys, "--banks", SAMPLE, "key", "--format", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["student"] == "answer key"
    assert [p.name for p in tmp_path.iterdir()] == ["key.json"]  # no temporary file left behind


def test_one_grade_is_quick(python: str, tmp_path: Path) -> None:
    """Imports stay light: a single `checks grade` finishes well under the time a user would notice."""
    sheet = tmp_path / "s.json"
    sheet.write_text(json.dumps({"student": "a", "answers": {}}))
    start = time.perf_counter()
    done = subprocess.run([python, "-m", "checks", "grade", str(sheet)], cwd=REPO, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert time.perf_counter() - start < 5  # generous: shared CI machine; bench/ measures the real figure
    assert (
        b"sphinx"
        not in subprocess.run(
            [python, "-c", "import sys, checks.cli, checks.sheets, checks.grading; print(sorted(sys.modules))"],
            capture_output=True,
            check=True,
        ).stdout
    )


def test_today_is_a_date() -> None:
    assert dt.date.today().year >= 2026


def test_written_files_get_ordinary_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "key.yaml"
    assert main(["--banks", SAMPLE, "key", "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- outputs that cannot be written, and how a class's folders are read --------------------------------------


@pytest.mark.parametrize("command", [["key"], ["sheet"], ["schema", "sheet"], ["export", "--format", "gift"]])
def test_an_output_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    (tmp_path / "a-file").write_text("x")
    for target, reason in [
        (tmp_path, "is a folder; give the name of a file to write"),
        (tmp_path / "a-file" / "out.txt", "cannot be written (part of its folder path is a file)"),
    ]:
        code, _, err = run(capsys, "--banks", SAMPLE, *command, "-o", str(target))
        assert (code, err.splitlines()[-1]) == (2, f"error: {target}: {reason}")  # after export's "skipped" lines
    assert (tmp_path / "a-file").read_text() == "x"


@pytest.mark.parametrize(
    "command",
    [["key"], ["sheet"], ["sheet", "--student", "s1", "--seed", "7"], ["schema"], ["export", "--format", "gift"]],
)
def test_an_output_s_missing_folders_are_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """`-o FILE` makes the folders FILE goes in, as `checks gradebook --out` and `checks sheet --roster` make
    theirs; a file where a folder is needed is told on one line before any work, and nothing is made."""
    target = tmp_path / "new" / "deeper" / "out.txt"
    code, _, err = run(capsys, "--banks", SAMPLE, *command, "-o", str(target))
    wrote = err.splitlines()[-1].split(", skipped ")[0]  # export's counts the questions written and skipped too
    assert code == 0 and wrote.startswith("wrote ") and wrote.endswith(str(target))
    assert target.stat().st_size > 0 and [p.name for p in target.parent.iterdir()] == ["out.txt"]
    (tmp_path / "a-file").write_text("x")
    under_a_file = tmp_path / "a-file" / "sub" / "out.txt"
    code, out, err = run(capsys, "--banks", SAMPLE, *command, "-o", str(under_a_file))
    # The one line, without export's "skipped" lines: it is told before the export is made.
    assert (code, out, err) == (
        2,
        "",
        f"error: {under_a_file}: cannot be written (part of its folder path is a file)\n",
    )
    assert (tmp_path / "a-file").read_text() == "x"
    # A name ending in a slash names a folder: not written as a file of that name.
    code, _, err = run(capsys, "--banks", SAMPLE, *command, "-o", f"{tmp_path / 'quizzes'}/")
    assert (code, err) == (2, f"error: {tmp_path / 'quizzes'}/: names a folder; give the name of a file to write\n")
    assert not (tmp_path / "quizzes").exists()


def test_folders_made_for_an_output_that_could_not_be_written_are_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails leaves the disk as it was, with no empty folders made for the file."""

    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)  # the last step of every write
    target = tmp_path / "new" / "deeper" / "key.yaml"
    assert run(capsys, "--banks", SAMPLE, "key", "-o", str(target)) == (
        2,
        "",
        f"error: {target}: cannot be written (No space left on device)\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_sheet_is_not_written_over_a_file_that_holds_something_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`checks sheet -o s42.yaml` on a student's filled-in sheet would lose their answers: refused, the file as
    it was, unless --force says to replace it."""
    filled = tmp_path / "s42.yaml"
    filled.write_text("student: s42\nanswers:\n  t-single: a\n", encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "sheet", "-o", str(filled))
    refusal = f"error: {filled}: exists and differs from the blank sheet; pass --force to replace it\n"
    assert (code, out, err) == (2, "", refusal)
    assert filled.read_text(encoding="utf-8") == "student: s42\nanswers:\n  t-single: a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["s42.yaml"]  # no temporary file either
    code, _, err = run(capsys, "--banks", SAMPLE, "sheet", "-o", str(filled), "--force")
    _, blank, _ = run(capsys, "--banks", SAMPLE, "sheet")
    assert (code, err) == (0, f"wrote {filled}\n") and filled.read_text(encoding="utf-8") == blank


def test_a_sheet_written_again_as_it_was_is_no_loss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "s1.yaml"
    variant = ["--student", "s1", "--seed", "7", "-o", str(sheet)]
    assert run(capsys, "--banks", SAMPLE, "sheet", *variant) == (0, "", f"wrote {sheet}\n")
    printed = sheet.read_bytes()
    assert run(capsys, "--banks", SAMPLE, "sheet", *variant) == (0, "", f"wrote {sheet}\n")
    assert sheet.read_bytes() == printed
    # Another student's variant is not the same sheet: refused, as a filled-in one is.
    code, _, err = run(capsys, "--banks", SAMPLE, "sheet", "--student", "s2", "--seed", "7", "-o", str(sheet))
    assert (code, err.count("\n")) == (2, 1) and "exists and differs from the blank sheet" in err
    assert sheet.read_bytes() == printed


def test_a_sheet_that_cannot_be_read_is_not_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a file that cannot be read holds is unknown: it may be a student's answers (run as root, a file
    without read permission is read all the same, so the failure is made here). It is the blank sheet's size,
    so that only its bytes could tell."""
    sheet = tmp_path / "s42.yaml"
    _, blank, _ = run(capsys, "--banks", SAMPLE, "sheet")
    filled = "x" * len(blank.encode("utf-8"))
    sheet.write_text(filled, encoding="utf-8")

    read = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == sheet:
            raise PermissionError(13, "Permission denied", str(self))
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    code, _, err = run(capsys, "--banks", SAMPLE, "sheet", "-o", str(sheet))
    reason = "cannot be read to compare with the blank sheet (Permission denied); pass --force to replace it"
    assert (code, err) == (2, f"error: {sheet}: {reason}\n")
    monkeypatch.undo()
    assert sheet.read_text(encoding="utf-8") == filled


def test_a_file_of_another_size_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its size tells that it differs from the sheet: a large file, or a class's folder of them, is not read."""
    sheet = tmp_path / "s42.yaml"
    sheet.write_text("student: s42\nanswers:\n  t-single: a\n", encoding="utf-8")
    read = Path.read_bytes
    opened: list[Path] = []

    def reading(self: Path) -> bytes:
        opened.append(self)
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", reading)
    code, _, err = run(capsys, "--banks", SAMPLE, "sheet", "-o", str(sheet))
    assert (code, err) == (2, f"error: {sheet}: exists and differs from the blank sheet; pass --force to replace it\n")
    assert sheet not in opened


# -- a variant sheet for each student of a roster ------------------------------------------------------------


def test_a_roster_gives_each_student_the_sheet_of_their_variant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each student's file is what `checks sheet --student ID --seed N` prints; the header, blank lines and
    comments are no students, and the spaces around an id (a non-breaking one too) no part of it."""
    roster = tmp_path / "class.csv"
    roster.write_text(
        '\ufeffStudent ID,Name\ns1,Ann Lee\n\n# joined late\n\u00a0s2 ,Ben\n"Zoë Ng",Zoë\n,,\n', encoding="utf-8"
    )
    out = tmp_path / "sheets" / "week1"  # made, with its parents, as the gradebook's folder is
    code, stdout, err = run(
        capsys, "--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "--out", str(out)
    )
    assert (code, stdout, err) == (0, "", f"wrote 3 sheets to {out}\n")
    assert sorted(p.name for p in out.iterdir()) == ["Zoë_Ng.yaml", "s1.yaml", "s2.yaml"]
    for student, name in [("s1", "s1.yaml"), ("s2", "s2.yaml"), ("Zoë Ng", "Zoë_Ng.yaml")]:
        _, alone, _ = run(capsys, "--banks", SAMPLE, "sheet", "--student", student, "--seed", "7")
        assert (out / name).read_text(encoding="utf-8") == alone
        assert yaml.safe_load(alone)["variant"] == {"student": student, "seed": "7"}
    # A chapter's sheets name their chapter, as `checks sheet --chapter` does.
    code, _, _ = run(capsys, "sheet", "--chapter", "3", "--roster", str(roster), "--seed", "7", "-o", str(out / "c3"))
    _, alone, _ = run(capsys, "sheet", "--chapter", "3", "--student", "s2", "--seed", "7")
    assert code == 0 and (out / "c3" / "s2.yaml").read_text(encoding="utf-8") == alone


@pytest.mark.parametrize(
    ("student", "name"),
    [
        ("s1234567", "s1234567.yaml"),
        ("ann.lee@uni.example", "ann.lee@uni.example.yaml"),
        ("Lee, Ann / B", "Lee__Ann___B.yaml"),  # no folder, on any system
        (".profile", "_profile.yaml"),  # not hidden: grading skips hidden files
        ("nul", "_nul.yaml"),  # a device's name on Windows
        ("é" * 150, "é" * 100 + ".yaml"),  # within the 255 bytes a file name may have
    ],
)
def test_each_students_sheet_has_a_file_name_every_system_takes(student: str, name: str) -> None:
    assert file_name(student) == name


def test_a_rosters_first_row_is_skipped_only_when_it_names_the_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.txt"
    out = tmp_path / "out"
    for first, written in [
        ("student", []),
        ("Student_ID", []),
        ("ID", []),
        ("s0", ["s0.yaml"]),
        ("Idris", ["Idris.yaml"]),
    ]:
        roster.write_text(f"# week 1\n{first}\ns1\n", encoding="utf-8")
        code, _, err = run(capsys, "--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "-o", str(out))
        assert code == 0, err
        assert sorted(p.name for p in out.iterdir()) == sorted([*written, "s1.yaml"])
        for sheet in out.iterdir():
            sheet.unlink()
    # A semicolon-separated export, as a spreadsheet writes where the comma is the decimal mark.
    roster = tmp_path / "class.csv"
    roster.write_text("Username;Mark\ns1;3,5\ns2;4,0\n", encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "-o", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == ["s1.yaml", "s2.yaml"]


def test_a_roster_with_an_id_twice_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An id on two lines, or two ids that would share a file, is told with the lines; not a sheet is written."""
    roster = tmp_path / "class.txt"
    roster.write_text("s1\ns2\nS1\ns3\ns1\nAnn Lee\nann_lee\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "-o", str(out))
    assert (code, stdout) == (2, "")
    assert err.splitlines() == [
        f"error: {roster}: student id 's1' is on lines 1, 3 and 5 ('s1' and 'S1' are one student)",
        f"error: {roster}: student ids 'Ann Lee' (line 6) and 'ann_lee' (line 7) would both be written to "
        "Ann_Lee.yaml and ann_lee.yaml, one file on macOS and Windows",
    ]
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, ": no such file"),
        ("", ": empty file"),
        ("# the class\n\nstudent\n", ": no student ids (one a line, or in the first column of a CSV file)"),
        ("s1\n" + "x" * 201 + "\n", ":2: the student id is longer than 200 characters"),
    ],
)
def test_a_roster_that_names_no_student_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | None, problem: str
) -> None:
    roster = tmp_path / "class.txt"
    if text is not None:
        roster.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "-o", str(out))
    assert (code, stdout, err) == (2, "", f"error: {roster}{problem}\n")
    assert not out.exists()


def test_a_roster_does_not_write_over_a_file_that_holds_something_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A student's filled-in sheet in the folder is kept, and so are the others: every file is checked before
    any is written. --force replaces them."""
    roster = tmp_path / "class.txt"
    roster.write_text("s1\ns2\ns3\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["--banks", SAMPLE, "sheet", "--roster", str(roster), "--seed", "7", "-o", str(out)]
    assert run(capsys, *args)[0] == 0
    printed = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    assert run(capsys, *args) == (0, "", f"wrote 3 sheets to {out}\n")  # the same sheets again: no loss
    filled = printed["s2.yaml"].replace("  t-single:\n", "  t-single: A\n")
    (out / "s2.yaml").write_text(filled, encoding="utf-8")
    (out / "s3.yaml").unlink()
    code, stdout, err = run(capsys, *args)
    assert (code, stdout) == (2, "")
    assert err.splitlines() == [
        f"error: {out / 's2.yaml'}: exists and differs from the blank sheet; pass --force to replace it",
        f"error: nothing written to {out}",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["s1.yaml", "s2.yaml"]  # s3 not written either
    assert (out / "s2.yaml").read_text(encoding="utf-8") == filled
    assert run(capsys, *args, "--force") == (0, "", f"wrote 3 sheets to {out}\n")
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == printed


def test_a_long_roster_is_quiet_off_a_terminal_and_may_print_each_students_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.txt"
    students = [f"s{n}" for n in range(25)] + ["Zoë Ng"]
    roster.write_text("\n".join(students) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(
        capsys,
        *("sheet", "--chapter", "3", "--roster", str(roster), "--seed", "2026", "-o", str(out)),
        *("--links", "https://example.org/book/"),
    )
    assert (code, err) == (0, f"wrote 26 sheets to {out}\n")  # no progress bar: standard error is no terminal
    lines = stdout.splitlines()
    assert len(lines) == 26
    assert lines[0] == "s0\thttps://example.org/book/03-how-cancer-spreads.html?student=s0&seed=2026"
    # As the page's script reads the address (URLSearchParams), "+" is a space.
    assert lines[-1] == "Zoë Ng\thttps://example.org/book/03-how-cancer-spreads.html?student=Zo%C3%AB+Ng&seed=2026"


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (["--seed", "7"], "--roster needs --out FOLDER, the folder to write a sheet per student in"),
        (["--seed", "7", "-o", "-"], "--roster needs --out FOLDER, the folder to write a sheet per student in"),
        (["-o", "out"], "--roster needs --seed, the seed of the class's variants"),
        (
            ["--seed", "7", "-o", "out", "--student", "s1"],
            "--roster makes each listed student's variant: give --seed alone, not --student",
        ),
        (
            ["--seed", "7", "-o", "out", "--links", "https://example.org/book/03-how-cancer-spreads.html"],
            "--links https://example.org/book/03-how-cancer-spreads.html: give the address of the web book's "
            "folder, where its index.html is",
        ),
        (
            ["--seed", "7", "-o", "out", "--links", "not a url"],
            "--links not a url: give the web book's address, beginning https:// (such as https://example.org/book/)",
        ),
        (
            ["--seed", "7", "-o", "out", "--links", "file:book"],
            "--links file:book: give the web book's address, beginning https:// (such as https://example.org/book/)",
        ),
        (
            ["--seed", "7", "-o", "out", "--links", "example.org/book"],
            "--links example.org/book: give the web book's address, beginning https:// (such as "
            "https://example.org/book/)",
        ),
        (["--seed", "7", "-o", "a-file"], "a-file: --out must be a folder with --roster, and this is a file"),
    ],
)
def test_a_roster_needs_a_seed_and_a_folder(
    elsewhere: Path, capsys: pytest.CaptureFixture[str], options: list[str], problem: str
) -> None:
    (elsewhere / "class.txt").write_text("s1\n", encoding="utf-8")
    (elsewhere / "a-file").write_text("x", encoding="utf-8")
    code, stdout, err = run(capsys, "--banks", SAMPLE, "sheet", "--roster", "class.txt", *options)
    assert (code, stdout, err) == (2, "", f"error: {problem}\n")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["a-file", "class.txt"]
    assert run(capsys, "--banks", SAMPLE, "sheet", "--links", "https://example.org/book/")[::2] == (
        2,
        "error: --links goes with --roster: it prints the link to each student's variant of the pages\n",
    )


def test_a_key_is_written_over_the_last_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A key is made from the banks, and made again whenever they change: nothing in it is anyone's work."""
    key = tmp_path / "key.yaml"
    key.write_text("an older key\n", encoding="utf-8")
    assert run(capsys, "--banks", SAMPLE, "key", "-o", str(key)) == (0, "", f"wrote {key}\n")
    assert yaml.safe_load(key.read_text(encoding="utf-8"))["student"] == "answer key"


def test_outputs_are_written_through_links_and_to_devices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert run(capsys, "--banks", SAMPLE, "key", "-o", str(link))[0] == 0
    assert link.is_symlink() and yaml.safe_load(real.read_text())["student"] == "answer key"
    assert run(capsys, "--banks", SAMPLE, "key", "-o", "/dev/null")[0] == 0
    assert Path("/dev/null").is_char_device()  # written to, not replaced by a file


def test_a_class_in_subfolders_is_read_without_hidden_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An LMS download gives each student a folder; macOS leaves ._ files and editors hidden ones."""
    for folder, name in [("ann_123", "answers.json"), ("ben_456", "answers.yaml"), ("ben_456/late", "more.json")]:
        (tmp_path / "class" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "class" / folder / name).write_text(json.dumps({"student": folder[:3], "answers": {}}))
    (tmp_path / "class" / "ann_123" / "._answers.json").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    (tmp_path / "class" / ".hidden.yaml").write_text("not: a sheet")
    (tmp_path / "class" / ".git").mkdir()
    (tmp_path / "class" / ".git" / "x.json").write_text("{}")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(tmp_path / "class"))
    assert (code, err) == (0, "graded 3 sheet(s), 0 could not be graded\n")
    files = [Path(r["file"]).relative_to(tmp_path / "class").as_posix() for r in json.loads(out)]
    assert files == ["ann_123/answers.json", "ben_456/answers.yaml", "ben_456/late/more.json"]


def test_linked_folders_are_read_once_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A class gathered by links (a section's folder linked in) is read whole, as links to files are; a link
    back up the tree, or to a folder read already, adds nothing and does not loop."""
    folder = tmp_path / "class"
    (folder / "ann").mkdir(parents=True)
    (tmp_path / "elsewhere" / "ben").mkdir(parents=True)
    (folder / "ann" / "ann.json").write_text(json.dumps({"student": "ann", "answers": {}}))
    (tmp_path / "elsewhere" / "ben" / "ben.yaml").write_text("student: ben\nanswers: {}\n")
    (folder / "ben").symlink_to(tmp_path / "elsewhere" / "ben", target_is_directory=True)
    (folder / "ann" / "up").symlink_to(folder, target_is_directory=True)  # a loop
    (folder / "zz-ann-again").symlink_to(folder / "ann", target_is_directory=True)
    (folder / "ann" / "copy.json").symlink_to(folder / "ann" / "ann.json")  # the same sheet again
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(folder))
    assert (code, err) == (0, "graded 2 sheet(s), 0 could not be graded\n")
    files = [Path(r["file"]).relative_to(folder).as_posix() for r in json.loads(out)]
    assert files == ["ann/ann.json", "ben/ben.yaml"]


def test_a_sheet_named_by_two_arguments_is_graded_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder given twice, or a sheet named and also in a folder given, is graded once, as the gradebook
    takes it: a count of results or a script reading --json would otherwise see a student twice."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.json").write_text(json.dumps({"student": "ann", "answers": {}}))
    (folder / "mia.yaml.txt").write_text("student: mia\nanswers: {}\n")
    args = [str(folder), f"{folder}/", str(folder / "ann.json")]
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", *args)
    assert [r["file"] for r in json.loads(out)] == [str(folder / "ann.json")]
    skipped = f"warning: {folder}: skipped 1 file(s) that are not .json, .yaml or .yml: mia.yaml.txt\n"
    assert (code, err) == (0, skipped)


def test_an_lms_download_still_zipped_is_told_to_be_unzipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Moodle's and Canvas's "download all submissions" is a zip: the first thing an instructor hands over."""
    import zipfile

    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ann_123/ann.json", json.dumps({"student": "ann", "answers": {}}))
    for command in (["grade"], ["gradebook", "--out", str(tmp_path / "out")]):
        code, out, err = run(capsys, "--banks", SAMPLE, *command, str(archive))
        assert (code, out) == (2, "")
        assert err.splitlines()[0] == f"error: {archive}: a zip file: unzip it, and grade the folder it gives"
    assert not (tmp_path / "out").exists()


def test_a_link_out_to_a_folder_holding_the_class_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link up to the course's folder would bring in the other classes' sheets, or the whole disk's."""
    for name in ("class-a", "class-b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.json").write_text(json.dumps({"student": name, "answers": {}}))
    (tmp_path / "class-a" / "course").symlink_to(tmp_path, target_is_directory=True)
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(tmp_path / "class-a"))
    assert [r["student"] for r in json.loads(out)] == ["class-a"]
    assert (code, err) == (
        0,
        f"warning: {tmp_path / 'class-a'}: skipped 1 link(s) to a folder that holds this one: course\n",
    )


def test_files_skipped_in_a_folder_are_named_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sheet saved as mia.yaml.txt (Notepad's default) or a link to nothing must not vanish unseen;
    hidden files stay quiet."""
    folder = tmp_path / "class"
    (folder / "noah_9").mkdir(parents=True)
    (folder / "ann.json").write_text(json.dumps({"student": "ann", "answers": {}}))
    (folder / "mia.yaml.txt").write_text("student: mia\nanswers: {}\n")
    (folder / "noah_9" / "noah.yml.docx").write_bytes(b"PK\x03\x04")
    (folder / "._ann.json").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    (folder / "zoe.yaml").symlink_to(tmp_path / "gone.yaml")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", str(folder))
    assert code == 0 and out.startswith(f"{folder / 'ann.json'}: ann:")
    assert err == (
        f"warning: {folder}: skipped 2 file(s) that are not .json, .yaml or .yml: mia.yaml.txt, noah_9/noah.yml.docx\n"
        f"warning: {folder}: skipped 1 link(s) to a missing file: zoe.yaml\n"
    )
    for n in range(6):
        (folder / f"receipt-{n}.txt").write_text("submitted")
    err = run(capsys, "--banks", SAMPLE, "grade", str(folder))[2]
    assert err.splitlines()[0] == (
        f"warning: {folder}: skipped 8 file(s) that are not .json, .yaml or .yml: "
        "mia.yaml.txt, receipt-0.txt, receipt-1.txt, receipt-2.txt, receipt-3.txt and 3 more"
    )
    (folder / "ann.json").unlink()
    code, _, err = run(capsys, "--banks", SAMPLE, "grade", str(folder))
    assert code == 2 and err.startswith(
        f"error: {folder}: folder holds no answer sheets (.json, .yaml, .yml); it holds mia.yaml.txt, receipt-0.txt"
    )


def test_grade_json_lists_the_sheets_it_could_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A script reading --json sees every sheet named, the unreadable ones with the error stderr gives."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"student": "ann", "answers": {"t-single": "a"}}))
    broken = tmp_path / "broken.yaml"
    broken.write_text("student: ben\nanswers: {t-single: a\n")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(good), str(broken), str(tmp_path / "gone"))
    assert code == 2
    report = json.loads(out)
    assert [r["file"] for r in report] == [str(good), str(broken), str(tmp_path / "gone")]
    assert report[0]["student"] == "ann" and "error" not in report[0]
    assert f"error: {broken}:{report[1]['line']}: {report[1]['error']}\n" in err
    gone = {"error": "no such file or folder", "line": None}
    assert report[2] == {"file": str(tmp_path / "gone"), **gone, "problems": [gone]}


def test_a_run_of_several_sheets_ends_with_a_count_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Among many results and errors, the last line says how many were graded and how many were not;
    --json keeps standard output to the report alone, and one sheet needs no count."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"student": "ann", "submitted": "2026-12-01", "answers": {"t-single": "a"}}))
    broken = tmp_path / "broken.yaml"
    broken.write_text("student: ben\nanswers: {t-single: a\n")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"student": "cy", "answers": {}}))
    for options in ([], ["--json"]):
        code, out, err = run(capsys, "--banks", SAMPLE, "grade", *options, str(good), str(broken), str(other))
        assert code == 2 and err.splitlines()[-1] == "graded 2 sheet(s), 1 could not be graded"
        assert "could not be graded" not in out
    assert len(json.loads(out)) == 3
    assert run(capsys, "--banks", SAMPLE, "grade", str(good))[2] == ""
    assert run(capsys, "--banks", SAMPLE, "grade", str(broken))[2].count("\n") == 1
    # A folder mistyped is no sheet: counted apart, so that no one looks for a broken sheet.
    gone = tmp_path / "shets"
    code, _, err = run(capsys, "--banks", SAMPLE, "grade", str(good), str(broken), str(gone))
    assert (
        code == 2
        and err.splitlines()[-1] == f"graded 1 sheet(s), 1 could not be graded, 1 path(s) given held no sheet ({gone})"
    )


def test_the_help_names_every_type_of_sheet_read(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    assert "(.json, .yaml, .yml)" in " ".join(capsys.readouterr().out.split())


def test_a_mistyped_path_is_named_as_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--banks", SAMPLE, "grade", str(tmp_path / "shets"))
    assert (code, err) == (2, f"error: {tmp_path / 'shets'}: no such file or folder\n")


def test_a_missing_sheet_is_missing_whatever_its_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not "unsupported file type": the file is not there at all."""
    code, _, err = run(capsys, "--banks", SAMPLE, "grade", str(tmp_path / "notes.txt"))
    assert (code, err) == (2, f"error: {tmp_path / 'notes.txt'}: no such file\n")


NO_SHEET_NAMED = (
    "not a .json, .yaml or .yml file, nor an answer sheet saved under another name "
    "(if it is one, name it .json or .yaml, as it is written, to see what is wrong with it)"
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("mia.yaml.txt", "student: mia\nletters: book\nanswers:\n  t-single: b\n"),  # Notepad's default name
        ("mia.txt", json.dumps({"student": "mia", "letters": "book", "answers": {"t-single": "b"}})),  # a download
        ("mia", "student: mia\nletters: book\nanswers:\n  t-single: b\n"),
    ],
)
def test_a_sheet_named_under_another_type_is_graded_as_its_text_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    """Named on the command line, a file is meant as a sheet: one that holds a sheet is graded as the same sheet
    named .yaml or .json is, where it was refused as one that could not be graded."""
    named = tmp_path / name
    named.write_text(text, encoding="utf-8")
    same = tmp_path / ("same.json" if text.startswith("{") else "same.yaml")
    same.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", "--json", str(named))
    assert (code, err) == (0, "")
    [graded] = json.loads(out)
    [expected] = json.loads(run(capsys, "--banks", SAMPLE, "grade", "--json", str(same))[1])
    assert graded == {**expected, "file": str(named)} and graded["score"] > 0


def test_a_file_named_that_holds_no_sheet_is_one_line_and_no_sheet_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of another type that holds no sheet (a student's answers typed out, a PDF) is told on one line that
    names the types read, and counted, as a folder without sheets is, among the paths that held no sheet: "could
    not be graded" would send the instructor looking for a student's broken sheet. The other sheets are graded."""
    good = tmp_path / "ann.json"
    good.write_text(json.dumps({"student": "ann", "letters": "book", "answers": {"t-single": "a"}}))
    typed = tmp_path / "ben.txt"
    typed.write_text("1. a\n2. b\n")
    pdf = tmp_path / "cy.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", str(good), str(typed), str(pdf))
    assert code == 2 and out.startswith(f"{good}: ann:")
    assert err.splitlines() == [
        f"error: {typed}: {NO_SHEET_NAMED}",
        f"error: {pdf}: {NO_SHEET_NAMED}",
        f"graded 1 sheet(s), 0 could not be graded, 2 path(s) given held no sheet ({typed}, {pdf})",
    ]
    code, out, _ = run(capsys, "--banks", SAMPLE, "grade", "--json", str(typed))
    no_sheet = {"error": NO_SHEET_NAMED, "line": None}
    assert (code, json.loads(out)) == (2, [{"file": str(typed), **no_sheet, "problems": [no_sheet]}])


def test_a_file_named_that_holds_a_sheet_with_mistakes_is_a_sheet_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its text is a sheet's, so its mistakes are told as any sheet's, at their lines, and it is counted among the
    sheets that could not be graded; a YAML mapping that names neither 'student' nor 'answers' is no sheet."""
    sheet = tmp_path / "mia.yaml.txt"
    sheet.write_text("student: mia\nanswers:\n  t-singel: a\n")
    notes = tmp_path / "notes.txt"
    notes.write_text("Marking: next week\n")
    code, _, err = run(capsys, "--banks", SAMPLE, "grade", str(sheet), str(notes))
    assert (code, err.splitlines()) == (
        2,
        [
            f"error: {sheet}:3: unknown exercise id 't-singel' (did you mean 't-single'?)",
            f"error: {notes}: {NO_SHEET_NAMED}",
            f"graded 0 sheet(s), 1 could not be graded, 1 path(s) given held no sheet ({notes})",
        ],
    )


@pytest.mark.parametrize(
    "command", [["list"], ["validate"], ["key"], ["grade", "s.json"], ["gradebook", "s.json", "--out", "gb"]]
)
def test_missing_banks_say_how_to_name_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Run outside the book's folder, the default ./exercises is not there: say how to point at the banks."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKS_BANKS", raising=False)
    how = "name the exercise banks with --banks FOLDER or the CHECKS_BANKS environment variable"
    assert run(capsys, *command) == (2, "", f"error: exercises: no such file or folder ({how})\n")
    monkeypatch.setenv("CHECKS_BANKS", SAMPLE)  # as the message says
    assert run(capsys, "list")[:2] == (0, run(capsys, "--banks", SAMPLE, "list")[1])


def test_an_export_with_no_question_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    only_ordering = tmp_path / "bank.yaml"
    text = (DATA / "bank.yaml").read_text(encoding="utf-8")
    bank = yaml.safe_load(text)
    bank["exercises"] = [e for e in bank["exercises"] if e["kind"] == "ordering"]
    only_ordering.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    out = tmp_path / "quiz.txt"
    out.write_text("last week's quiz")
    code, _, err = run(capsys, "--banks", str(only_ordering), "export", "--format", "aiken", "-o", str(out))
    assert code == 2 and err.splitlines()[-1] == f"error: no exercise can be exported as aiken; {out} not written"
    assert out.read_text() == "last week's quiz"


def test_banks_may_follow_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "list", "--banks", SAMPLE)[1] == run(capsys, "--banks", SAMPLE, "list")[1] != ""


def test_a_variant_for_a_name_that_could_not_be_graded_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ["", "   ", "x" * 201]:
        code, _, err = run(capsys, "--banks", SAMPLE, "sheet", "--student", name, "--seed", "1")
        assert (code, err) == (2, "error: --student must be a name or id on one line, at most 200 characters\n")
    code, out, _ = run(capsys, "--banks", SAMPLE, "sheet", "--student", "Zoë  Dupré\n", "--seed", "1")
    assert code == 0 and 'student: "Zoë Dupré"' in out  # as a handed-in sheet's name is read


def test_interrupted_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import checks.cli

    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(checks.cli, "cmd_list", interrupted)
    code, _, err = run(capsys, "--banks", SAMPLE, "list")
    assert (code, err) == (130, "interrupted; no output file was left half-written\n")


def test_interrupted_while_the_command_line_loads(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Ctrl-C in the few tenths of a second the command line takes to import is one line too, not a traceback
    through the imports, and the status an interrupt gives (the `checks` command and `python -m checks` alike)."""
    import importlib.abc
    import sys

    import checks.__main__ as entry
    from checks.options import EXIT_INTERRUPTED

    class Interrupting(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: object, target: object = None) -> None:
            if name == "checks.cli":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "checks.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    assert entry.main() == EXIT_INTERRUPTED == 130
    assert capsys.readouterr().err == "interrupted; nothing was written\n"


def test_the_checks_command_runs_the_command_line(python: str) -> None:
    """The installed `checks` command enters where `python -m checks` does."""
    from importlib.metadata import entry_points

    [command] = [e for e in entry_points(group="console_scripts") if e.name == "checks"]
    assert command.value == "checks.__main__:main"
    for command in ([python, "-m", "checks"], [str(Path(python).parent / "checks")]):
        done = subprocess.run([*command, "--version"], cwd=REPO, capture_output=True, text=True, check=False)
        assert done.returncode == 0 and done.stdout.startswith("checks "), command


# -- grading one chapter ---------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", ["3", "03-how-cancer-spreads", "03-how-cancer-spreads.yaml"])
def test_a_chapter_sheet_is_graded_on_its_chapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, chapter: str
) -> None:
    """A quiz on chapter 3, made with `checks sheet --chapter 3` and filled in right, scores full marks."""
    banks = ["--banks", str(REPO / "exercises")]
    third = book.select("3")
    blank = tmp_path / "quiz.yaml"
    assert run(capsys, *banks, "sheet", "--chapter", chapter, "-o", str(blank))[0] == 0
    from checks.sheets import answer_key

    filled = yaml.safe_load(blank.read_text(encoding="utf-8"))
    filled["student"] = "ann"
    filled["answers"] = answer_key(third)["answers"]  # the key speaks the letters the sheet prints
    blank.write_text(yaml.safe_dump(filled, allow_unicode=True), encoding="utf-8")

    code, out, err = run(capsys, *banks, "grade", "--chapter", chapter, str(blank))
    most = sum(ex.points for _, ex in third.exercises())
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{blank}: ann: {most:g} / {most:g} (100%), chapter 03-how-cancer-spreads"
    assert [line.split()[:2] for line in out.splitlines()[1:]] == [[ex.id, "correct"] for _, ex in third.exercises()]
    # Without --chapter the sheet is graded on the chapter it names, and says so.
    code, out, err = run(capsys, *banks, "grade", str(blank))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{blank}: ann: {most:g} / {most:g} (100%), chapter 03-how-cancer-spreads"
    # Without that line, against the whole book, the same sheet leaves every other chapter unanswered.
    del filled["chapters"]
    blank.write_text(yaml.safe_dump(filled, allow_unicode=True), encoding="utf-8")
    whole = run(capsys, *banks, "grade", str(blank))[1]
    assert "unanswered" in whole and most < sum(ex.points for _, ex in book.exercises())


def test_answers_outside_the_chapter_are_left_out_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    banks = ["--banks", str(REPO / "exercises")]
    key = tmp_path / "key.json"
    run(capsys, *banks, "key", "--format", "json", "-o", str(key))  # answers every chapter
    quiet = tmp_path / "quiet.json"
    quiet.write_text(json.dumps({"student": "cy", "submitted": "2026-12-01", "answers": {"c3-next-step": "a"}}))
    third = book.select("3")
    others = [ex.id for _, ex in book.exercises() if ex.id not in third.ids]
    code, out, err = run(capsys, *banks, "grade", "--chapter", "3", "--json", str(key), str(quiet))
    assert code == 0
    assert err == (
        f"warning: {key}: graded on chapter 03-how-cancer-spreads alone; {len(others)} answer(s) to other chapters"
        " left out\ngraded 2 sheet(s), 0 could not be graded\n"
    )
    graded, alone = json.loads(out)
    most = sum(ex.points for _, ex in third.exercises())
    assert graded["score"] == graded["max_score"] == most
    assert graded["chapters"] == {"03-how-cancer-spreads": {"score": most, "max_score": most}}
    assert [r["id"] for r in graded["results"]] == [ex.id for _, ex in third.exercises()]
    assert graded["left_out"] == others and alone["left_out"] == []
    # Without --chapter nothing is left out.
    assert json.loads(run(capsys, *banks, "grade", "--json", str(key))[1])[0]["left_out"] == []


@pytest.mark.parametrize("command", ["grade", "gradebook"])
def test_grading_an_unknown_chapter_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    sheet = tmp_path / "s.json"
    sheet.write_text(json.dumps({"student": "a", "answers": {}}))
    out = ["--out", str(tmp_path / "gb")] if command == "gradebook" else []
    code, _, err = run(capsys, "--banks", SAMPLE, command, str(sheet), "--chapter", "nope", *out)
    assert (code, err) == (2, "error: no chapter 'nope' (chapters: sample)\n")
    assert not (tmp_path / "gb").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["grade", "s.json"],
        ["key"],
        ["sheet"],
        ["list"],
        ["gradebook", "s.json", "-o", "gb"],
        ["export", "--format", "gift"],
    ],
)
def test_a_second_chapter_is_refused_not_ignored(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """argparse would keep the last --chapter and grade on it alone, without a word."""
    code, out, err = run(capsys, "--banks", SAMPLE, *command, "--chapter", "1", "--chapter", "3")
    assert (code, out) == (2, "")
    assert err == "error: --chapter takes one chapter only (given 1 and 3); run the command once for each\n"


def _helps(dest: str) -> dict[str, str]:
    """The help of each command's option ``dest``, by command."""
    from checks.cli import build_parser

    [commands] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name: str(action.help) for name, p in commands.choices.items() for action in p._actions if action.dest == dest
    }


def test_every_chapter_option_means_the_same() -> None:
    """A chapter is named the same way for every command; without the option, grade and gradebook take the chapters
    the sheets name, as the instructors' page says, and the others the whole book."""
    helps = _helps("chapter")
    assert set(helps) == {"list", "sheet", "key", "grade", "gradebook", "export"}
    named = (
        "chapter: its number, such as 3, its file name without .md, such as 03-how-cancer-spreads, or its bank's "
        "file name, or that name without the number, such as how-cancer-spreads (default: "
    )
    defaults = {name: text.removeprefix(named) for name, text in helps.items() if text.startswith(named)}
    assert defaults == {
        **dict.fromkeys(["list", "sheet", "key", "export"], "the whole book)"),
        "grade": "the chapters each sheet names on its 'chapters:' line, else the whole book)",
        "gradebook": "the chapters the sheets name on their 'chapters:' lines, else the whole book)",
    }


def test_the_grading_options_say_what_they_do() -> None:
    """Each as the instructors' page has it: folders are read with their subfolders; grade reads a bibliography
    only for --feedback, whose texts alone cite works."""
    sheets = _helps("sheets")
    assert (
        sheets["grade"]
        == sheets["gradebook"]
        == "answer sheets (.json, .yaml, .yml) or folders of them, read with their subfolders"
    )
    bib = _helps("bib")
    assert bib["grade"].startswith("with --feedback, the BibTeX file to write citations in the texts from")
    assert all(bib[name].startswith("BibTeX file") for name in ("sheet", "key", "export"))


def test_blanks_on_a_whole_book_sheet_are_no_answers_outside_the_chapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """A blank sheet for the whole book, filled in for chapter 1 only, leaves nothing out when graded on it."""
    banks = ["--banks", str(REPO / "exercises")]
    sheet = tmp_path / "all.yaml"
    assert run(capsys, *banks, "sheet", "-o", str(sheet))[0] == 0
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    first = next(ex for _, ex in book.select("1").exercises())
    data["student"] = "ann"
    data["answers"][first.id] = "a" if first.kind in ("single", "multiple") else data["answers"][first.id]
    assert sum(v is None for v in data["answers"].values()) > 50  # the other chapters' blanks
    sheet.write_text(yaml.safe_dump(data), encoding="utf-8")
    code, out, err = run(capsys, *banks, "grade", "--chapter", "1", "--json", str(sheet))
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["left_out"] == []
    data["answers"][next(ex for _, ex in book.select("2").exercises()).id] = "a"  # one real answer outside
    sheet.write_text(yaml.safe_dump(data), encoding="utf-8")
    code, out, err = run(capsys, *banks, "grade", "--chapter", "1", "--json", str(sheet))
    assert "1 answer(s) to other chapters left out" in err and len(json.loads(out)[0]["left_out"]) == 1


@pytest.mark.parametrize("blank", [" ", "“”", "\t"])
def test_a_matching_of_blank_stems_is_no_answer_outside_the_chapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, blank: str
) -> None:
    """Each stem of another chapter's matching left as spaces or empty quotes: the matching is left blank, so the
    sheet answers nothing outside the chapter it is graded on."""
    matching = next(ex for _, ex in book.select("2").exercises() if isinstance(ex, Matching))
    data = {"student": "ann", "answers": {matching.id: {s.id: blank for s in matching.stems}}}
    sheet = tmp_path / "s.yaml"
    sheet.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "--banks", str(REPO / "exercises"), "grade", "--chapter", "1", "--json", str(sheet))
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["left_out"] == []


# -- the chapters a sheet is for -----------------------------------------------------------------

BANKS = ["--banks", str(REPO / "exercises")]
THIRD = "03-how-cancer-spreads"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_chapters_key_grades_full_marks_without_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book, fmt: str
) -> None:
    """`checks key --chapter 3 -o k.yaml && checks grade k.yaml`: the key names its chapter, and is marked on it."""
    key = tmp_path / f"k.{fmt}"
    assert run(capsys, *BANKS, "key", "--chapter", "3", "--format", fmt, "-o", str(key))[0] == 0
    assert yaml.safe_load(key.read_text(encoding="utf-8"))["chapters"] == [THIRD]
    most = sum(ex.points for _, ex in book.select("3").exercises())
    code, out, err = run(capsys, *BANKS, "grade", str(key))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{key}: answer key: {most:g} / {most:g} (100%), chapter {THIRD}"
    code, out, err = run(capsys, *BANKS, "grade", "--json", str(key))
    [graded] = json.loads(out)
    assert (code, err) == (0, "") and graded["score"] == graded["max_score"] == most
    assert graded["scope"] == [THIRD] and list(graded["chapters"]) == [THIRD] and graded["left_out"] == []
    jsonschema.validate(yaml.safe_load(key.read_text(encoding="utf-8")), sheet_schema())


def test_chapter_sheets_name_their_chapters_and_whole_book_sheets_do_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comment = "# The chapters this sheet is for, graded out of their points alone: leave it as printed."
    for command in (["sheet"], ["sheet", "--student", "s1", "--seed", "7"], ["key"]):
        lines = run(capsys, *BANKS, *command, "--chapter", "3")[1].splitlines()
        at = lines.index(f"chapters: [{THIRD}]")
        assert lines[at - 1] == comment and lines[at + 1] == "answers:", command
        whole = run(capsys, *BANKS, *command)[1]
        assert "\nchapters:" not in whole and comment not in whole, command
    assert "chapters" not in json.loads(run(capsys, *BANKS, "key", "--format", "json")[1])
    # A variant for chapter 3, answered right in its own letters, is graded on chapter 3 without --chapter.
    variant = tmp_path / "s1.yaml"
    run(capsys, *BANKS, "sheet", "--chapter", "3", "--student", "s1", "--seed", "7", "-o", str(variant))
    data = yaml.safe_load(variant.read_text(encoding="utf-8"))
    assert data["chapters"] == [THIRD]
    code, out, err = run(capsys, *BANKS, "grade", "--json", str(variant))
    [graded] = json.loads(out)
    assert (code, err) == (0, "") and graded["scope"] == [THIRD] and list(graded["chapters"]) == [THIRD]
    assert {r["status"] for r in graded["results"]} == {"unanswered"}


def test_a_sheet_for_a_chapter_is_graded_on_it_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"student: Ana\nletters: book\nchapters: [{THIRD}, 04-diagnosis]\nanswers:\n  c3-next-step: a\n")
    code, out, err = run(capsys, *BANKS, "grade", str(sheet))
    first = out.splitlines()[0]
    assert (code, err) == (0, "")
    assert re.fullmatch(
        rf"{re.escape(str(sheet))}: Ana: [\d.]+ / [\d.]+ \(\d+%\), chapters {THIRD}, 04-diagnosis", first
    )
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert ids and all(i.startswith(("c3-", "c4-")) for i in ids)
    # An answer to another chapter is left out, as with --chapter.
    sheet.write_text(
        f"student: Ana\nletters: book\nchapters: [{THIRD}]\nanswers:\n  c3-next-step: a\n  c1-naming-vignette: a\n"
    )
    code, out, err = run(capsys, *BANKS, "grade", "--json", str(sheet))
    assert code == 0 and json.loads(out)[0]["left_out"] == ["c1-naming-vignette"]
    assert err == f"warning: {sheet}: graded on chapter {THIRD} alone; 1 answer(s) to other chapters left out\n"


def test_the_chapter_option_wins_over_the_sheets_chapters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "k.yaml"
    run(capsys, *BANKS, "key", "--chapter", "3", "-o", str(key))
    code, out, err = run(capsys, *BANKS, "grade", "--chapter", "3", str(key))  # the same chapter: as ever
    assert (code, err) == (0, "") and out.splitlines()[0] == f"{key}: answer key: 21 / 21 (100%), chapter {THIRD}"
    other = tmp_path / "k4.yaml"  # a sheet that answers chapter 4: without one, --chapter 4 is refused (below)
    run(capsys, *BANKS, "key", "--chapter", "4", "-o", str(other))
    code, out, err = run(capsys, *BANKS, "grade", "--chapter", "4", "--json", str(key), str(other))
    graded, _ = json.loads(out)
    assert code == 0 and graded["scope"] == ["04-diagnosis"] and list(graded["chapters"]) == ["04-diagnosis"]
    assert err == (
        f"warning: {key}: the sheet is for chapter {THIRD}; graded on chapter 04-diagnosis, as --chapter asks; "
        f"{len(graded['left_out'])} answer(s) to other chapters left out\n"
        "graded 2 sheet(s), 0 could not be graded\n"
    )
    assert run(capsys, *BANKS, "grade", "--chapter", "4", str(key), str(other))[2] == err


def test_the_score_line_names_the_chapter_graded_with_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`checks grade --chapter 3 sheet.yaml` says what the score is out of, as a sheet that names its chapter does:
    a sheet for the whole book, graded on one chapter, and one for another chapter, graded on the one chosen."""
    whole = tmp_path / "whole.yaml"
    whole.write_text("student: Ana\nletters: book\nanswers:\n  c3-next-step: a\n  c1-naming-vignette: a\n")
    fourth = tmp_path / "fourth.yaml"
    fourth.write_text("student: Ben\nletters: book\nchapters: [04-diagnosis]\nanswers:\n  c3-next-step: a\n")
    code, out, _ = run(capsys, *BANKS, "grade", "--chapter", "3", str(whole), str(fourth))
    totals = [line for line in out.splitlines() if not line.startswith(" ")]
    assert code == 0 and len(totals) == 2
    assert all(re.fullmatch(rf".*: (Ana|Ben): [\d.]+ / 21 \(\d+%\), chapter {THIRD}", line) for line in totals), totals
    # Without the option, the whole book's sheet names no chapter: it is graded on every one.
    assert re.fullmatch(
        r".*: Ana: [\d.]+ / [\d.]+ \(\d+%\)", run(capsys, *BANKS, "grade", str(whole))[1].splitlines()[0]
    )


def test_a_chapter_no_sheet_answers_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sheet for chapter 3 graded with --chapter 1 scores 0 for a slip: it is still graded, as asked, and the
    run ends with an error line and exit status 2, as the gradebook refuses such a class."""
    key = tmp_path / "k.yaml"
    run(capsys, *BANKS, "key", "--chapter", "3", "-o", str(key))
    code, out, err = run(capsys, *BANKS, "grade", "--chapter", "1", str(key))
    assert code == 2 and out.startswith(f"{key}: answer key: 0 / ")
    first = "01-what-is-metastatic-cancer"
    assert err.splitlines() == [
        f"warning: {key}: the sheet is for chapter {THIRD}; graded on chapter {first}, as --chapter asks; "
        "14 answer(s) to other chapters left out",
        f"error: --chapter 1: the sheet answers no exercise of chapter {first} (its answers are to chapter "
        f"{THIRD}); check --chapter, or grade it with --chapter 3",
    ]
    code, out, json_err = run(capsys, *BANKS, "grade", "--chapter", "1", "--json", str(key))
    assert code == 2 and json_err == err and json.loads(out)[0]["score"] == 0
    # A sheet that answers chapter 1 beside it: graded on chapter 1, the other warned of, as before.
    other = tmp_path / "k1.yaml"
    run(capsys, *BANKS, "key", "--chapter", "1", "-o", str(other))
    code, _, err = run(capsys, *BANKS, "grade", "--chapter", "1", str(key), str(other))
    assert code == 0 and err.splitlines()[1:] == ["graded 2 sheet(s), 0 could not be graded"]


def test_sheets_that_answer_none_of_the_chapters_they_name_are_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --chapter a sheet is graded on the chapters it names: one naming chapter 4 that answers chapter 3
    alone scores 0. It is still graded and printed, and the run ends as with --chapter and as the gradebook
    refuses such a class: one error line and exit status 2."""
    key = tmp_path / "k.yaml"
    run(capsys, *BANKS, "key", "--chapter", "3", "-o", str(key))
    key.write_text(key.read_text(encoding="utf-8").replace(f"chapters: [{THIRD}]", "chapters: [04-diagnosis]"))
    code, out, err = run(capsys, *BANKS, "grade", str(key))
    assert code == 2 and re.match(rf"{re.escape(str(key))}: answer key: 0 / [\d.]+ \(0%\), chapter 04-diagnosis\n", out)
    assert err.splitlines() == [
        f"warning: {key}: graded on chapter 04-diagnosis alone; 14 answer(s) to other chapters left out",
        f"error: the sheet answers no exercise of chapter 04-diagnosis, which it names (its answers are to chapter "
        f"{THIRD}); grade it with --chapter 3",
    ]
    code, out, json_err = run(capsys, *BANKS, "grade", "--json", str(key))
    assert code == 2 and json_err == err and json.loads(out)[0]["score"] == 0
    # Two such sheets, one for chapter 5 answering chapter 1: the error counts them and names both chapters.
    other = tmp_path / "k1.yaml"
    run(capsys, *BANKS, "key", "--chapter", "1", "-o", str(other))
    first = "01-what-is-metastatic-cancer"
    other.write_text(other.read_text(encoding="utf-8").replace(f"chapters: [{first}]", "chapters: [05-treatment]"))
    code, _, err = run(capsys, *BANKS, "grade", str(key), str(other))
    assert code == 2 and err.splitlines()[-2:] == [
        "graded 2 sheet(s), 0 could not be graded",
        "error: none of the 2 sheets answers an exercise of chapters 04-diagnosis, 05-treatment, which they name "
        f"(their answers are to chapters {first}, {THIRD}); grade each chapter's sheets with --chapter",
    ]
    # One sheet that answers the chapter it names is enough, as in the gradebook; so is a sheet for the whole book.
    named = other.read_text(encoding="utf-8")
    for fine in (f"chapters: [{first}]\n", ""):
        other.write_text(named.replace("chapters: [05-treatment]\n", fine))
        code, _, err = run(capsys, *BANKS, "grade", str(key), str(other))
        assert code == 0 and "error" not in err, fine
    # A blank sheet answers nothing anywhere, and scores 0 on any chapter: graded without the error.
    key.write_text("student: Ana\nchapters: [04-diagnosis]\nanswers:\n")
    assert run(capsys, *BANKS, "grade", str(key))[0] == 0


def test_old_chapter_sheets_are_graded_on_the_book_with_one_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Sheets without 'chapters:' (older sheets, web downloads) are graded as before, with one hint per run."""
    folder = tmp_path / "sheets"
    folder.mkdir()
    for n in range(3):
        download = {"student": f"s{n}", "submitted": "2026-12-01", "answers": {"c3-next-step": "a"}}
        (folder / f"s{n}.json").write_text(json.dumps(download))
    code, out, err = run(capsys, *BANKS, "grade", "--json", str(folder))
    whole = sum(ex.points for _, ex in book.exercises())
    assert code == 0 and [(g["max_score"], g["scope"]) for g in json.loads(out)] == [(whole, None)] * 3
    s0, s1, s2 = (folder / f"s{n}.json" for n in range(3))
    assert err == (
        f"hint: 3 sheet(s) ({s0}, {s1}, {s2}) answer only chapter {THIRD}; "
        "grade with --chapter 3 to mark them out of that chapter's points\ngraded 3 sheet(s), 0 could not be graded\n"
    )
    assert (
        run(capsys, *BANKS, "grade", "--chapter", "3", str(folder))[2] == "graded 3 sheet(s), 0 could not be graded\n"
    )
    # Sheets of different chapters: still one line.
    fourth = next(ex.id for _, ex in book.select("4").exercises())
    (folder / "t.json").write_text(json.dumps({"student": "t", "submitted": "2026-12-01", "answers": {fourth: "a"}}))
    err = run(capsys, *BANKS, "grade", str(folder))[2]
    assert err == (
        f"hint: 4 sheet(s) answer only part of the book (3 ({s0}, {s1}, {s2}) only chapter {THIRD}; "
        f"1 ({folder / 't.json'}) only chapter 04-diagnosis); "
        "grade each chapter's sheets with --chapter to mark them out of that chapter's points\n"
        "graded 4 sheet(s), 0 could not be graded\n"
    )
    # Sheets that answer every chapter, or nothing, or name their chapters, call for no hint.
    for path in folder.iterdir():
        path.unlink()
    run(capsys, *BANKS, "key", "-o", str(folder / "key.yaml"))
    run(capsys, *BANKS, "key", "--chapter", "3", "-o", str(folder / "key3.yaml"))
    (folder / "blank.json").write_text(json.dumps({"student": "b", "answers": {}}))
    assert run(capsys, *BANKS, "grade", str(folder))[2] == "graded 3 sheet(s), 0 could not be graded\n"


def test_the_hint_names_the_sheets_that_answer_part_of_the_book(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Among a folder of the whole book's sheets, the one that answers a single chapter is named, so that it can
    be found and graded apart; of many, the first few and how many more."""
    folder = tmp_path / "sheets"
    folder.mkdir()
    run(capsys, *BANKS, "key", "-o", str(folder / "key.yaml"))
    first = next(ex.id for _, ex in book.select("1").exercises())
    (folder / "ana.json").write_text(json.dumps({"student": "ana", "answers": {first: "a"}}))
    err = run(capsys, *BANKS, "grade", str(folder))[2]
    assert err.startswith(f"hint: 1 sheet(s) ({folder / 'ana.json'}) answer only chapter 01-"), err
    for n in range(7):
        (folder / f"s{n}.json").write_text(json.dumps({"student": f"s{n}", "answers": {first: "a"}}))
    err = run(capsys, *BANKS, "grade", str(folder))[2]
    named = ", ".join(str(folder / f"{name}.json") for name in ("ana", "s0", "s1", "s2", "s3"))
    assert err.startswith(f"hint: 8 sheet(s) ({named} and 3 more) answer only chapter 01-"), err


def test_the_part_hint_counts_the_sheets_it_is_given(book: Book) -> None:
    """The hint takes the sheets by the chapters they answer, and counts them; named, or not where the whole
    class answers the same chapters (the gradebook's case)."""
    a, b, c = Path("a.json"), Path("b.json"), Path("c.json")
    one = {(THIRD,): [a, b]}
    assert part_hint(one, book).startswith(f"hint: 2 sheet(s) (a.json, b.json) answer only chapter {THIRD}; ")
    assert part_hint(one, book, listed=False).startswith(f"hint: 2 sheet(s) answer only chapter {THIRD}; ")
    two = {("04-diagnosis",): [c], (THIRD,): [a, b]}
    assert part_hint(two, book).startswith(
        f"hint: 3 sheet(s) answer only part of the book (2 (a.json, b.json) only chapter {THIRD}; "
        "1 (c.json) only chapter 04-diagnosis); "
    )


def test_a_sheets_chapters_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "s.yaml"
    not_a_list = ":2: 'chapters' must be a list of chapter names, such as [01-what-is-metastatic-cancer]"
    cases = {
        f"chapters: {THIRD}": not_a_list,
        "chapters: []": not_a_list,
        "chapters: [3]": not_a_list,
        f"chapters:\n  - {THIRD}\n  - 04-diagnosys": (
            ":4: unknown chapter '04-diagnosys' in 'chapters' (did you mean '04-diagnosis'?)"
        ),
    }
    for field, expected in cases.items():
        sheet.write_text(f"student: Ana\n{field}\nanswers: {{}}\n")
        assert run(capsys, *BANKS, "grade", str(sheet)) == (2, "", f"error: {sheet}{expected}\n"), field
    # A chapter named twice, or out of order, is the same scope.
    sheet.write_text(f"student: Ana\nchapters: [04-diagnosis, {THIRD}, {THIRD}]\nanswers: {{}}\n")
    code, out, _ = run(capsys, *BANKS, "grade", "--json", str(sheet))
    assert code == 0 and json.loads(out)[0]["scope"] == [THIRD, "04-diagnosis"]
    jsonschema.validate({"student": "a", "chapters": [THIRD], "answers": {}}, sheet_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"student": "a", "chapters": THIRD, "answers": {}}, sheet_schema())


def test_a_chapter_is_named_by_its_shortest_option(book: Book) -> None:
    assert book.option(THIRD) == "3" and book.select(book.option(THIRD)).chapters == THIRD
    assert book.only({THIRD, "04-diagnosis"}).chapters == f"{THIRD}, 04-diagnosis"


def test_a_number_two_chapters_begin_with_names_neither(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two banks numbered alike (03-how-cancer-spreads, 03-other): `--chapter 3` took both, where the option takes
    one chapter; it is told which it names, and each is named by its name, as its shortest option too."""
    banks = tmp_path / "exercises"
    banks.mkdir()
    text = (REPO / "exercises" / f"{THIRD}.yaml").read_text(encoding="utf-8")
    (banks / f"{THIRD}.yaml").write_text(text, encoding="utf-8")
    other = re.sub(r"\bc3-(?=[a-z])", "c3-x", text).replace(f"chapter: {THIRD}", "chapter: 03-other")
    (banks / "03-other.yaml").write_text(other, encoding="utf-8")
    code, out, err = run(capsys, "--banks", str(banks), "list", "--chapter", "3")
    assert (code, out) == (2, "")
    assert err == f"error: '3' names 2 chapters ({THIRD}, 03-other): name one by its name\n"
    code, out, _ = run(capsys, "--banks", str(banks), "list", "--chapter", "03-other")
    assert code == 0 and out and all(" 03-other " in line for line in out.splitlines())
    book = load_book([banks])
    assert (book.option(THIRD), book.option("03-other")) == (THIRD, "03-other")


def test_the_books_bibliography_is_found_beside_its_banks_folder_or_the_one_a_link_leads_to(tmp_path: Path) -> None:
    """docs/references.bib beside the banks' folder, named as the banks are; for a folder that is a link to the
    book's banks (a course folder linking the book's exercises), beside the folder the link leads to."""
    from checks.options import bib_beside

    book = tmp_path / "book"
    (book / "exercises").mkdir(parents=True)
    (book / "docs").mkdir()
    bib = book / "docs" / "references.bib"
    bib.write_text("@misc{k, title={T}}\n", encoding="utf-8")
    assert bib_beside([book / "exercises"]) == bib
    assert bib_beside([book / "exercises" / "01-x.yaml"]) == bib
    course = tmp_path / "course"
    course.mkdir()
    (course / "exercises").symlink_to(book / "exercises", target_is_directory=True)
    assert bib_beside([course / "exercises"]) == bib.resolve()
    assert bib_beside([course]) is None  # no book's bibliography beside a folder of other banks


def test_a_named_pipe_is_no_sheet_and_never_waited_for(python: str, tmp_path: Path) -> None:
    """A named pipe called like a sheet, that nothing writes to, held `grade` up for ever: named, it is told in one
    line; in a folder, it is skipped and named as the folder's other files that are no sheets are. (Run in a
    process of its own, so that a regression fails here rather than holding up the suite.)"""
    pipe = tmp_path / "class" / "pipe.yaml"
    pipe.parent.mkdir()
    os.mkfifo(pipe)

    def grade(path: Path) -> subprocess.CompletedProcess[str]:
        command = [python, "-m", "checks", "--banks", SAMPLE, "grade", str(path)]
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)

    done = grade(pipe)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [f"error: {pipe}: a named pipe that nothing wrote to, not a file"]
    (pipe.parent / "ann.json").write_text(json.dumps({"student": "ann", "answers": {}}))
    done = grade(pipe.parent)
    assert done.returncode == 0 and done.stdout.startswith(f"{pipe.parent / 'ann.json'}: ann:")
    skipped = f"warning: {pipe.parent}: skipped 1 named pipe(s), socket(s) or device(s), not files: pipe.yaml"
    assert done.stderr.splitlines() == [skipped]


def test_a_stream_named_as_a_file_is_read_whole_and_no_further_than_a_sheet_may_be(tmp_path: Path) -> None:
    """What a shell's <(command) names is read as a file is; a device that never ends is too large, not read on
    until the memory is full."""
    from checks.reading import InputError, read_text

    read, write = os.pipe()
    os.write(write, b"student: Ann\nanswers: {}\n")
    os.close(write)
    assert read_text(Path(f"/dev/fd/{read}"), max_bytes=1_000) == "student: Ann\nanswers: {}\n"
    os.close(read)
    with pytest.raises(InputError, match=r"^/dev/zero: too large \(more than 1,000 bytes\)$"):
        read_text(Path("/dev/zero"), max_bytes=1_000)


@pytest.mark.parametrize(
    "command",
    [["sheet"], ["key"], ["schema", "bank"], ["gradebook", "SHEET"], ["export", "--format", "gift"]],
    ids=lambda c: c[0],
)
def test_an_empty_output_name_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o ""` (a shell variable left unset) named no file: the commands wrote to standard output, or into the
    folder they were run in; now argparse's one line says so, before anything is read or written."""
    monkeypatch.chdir(tmp_path)
    sheet = tmp_path / "ann.yaml"
    sheet.write_text("student: Ann\nanswers: {}\n", encoding="utf-8")
    args = [str(sheet) if word == "SHEET" else word for word in command]
    with pytest.raises(SystemExit) as exit:
        main(["--banks", SAMPLE, *args, "-o", ""])
    out, err = capsys.readouterr()
    assert (exit.value.code, out) == (2, "")
    told = err.splitlines()[-1]  # argparse's usage, then its one line of error
    assert err.startswith("usage: ") and " error: argument -o/--" in told
    assert told.endswith(": is empty: give the name of what to write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.yaml"]


def test_a_yaml_sheet_saved_as_json_is_told_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON's own words for a YAML sheet named .json were "Expecting value" at line 1."""
    sheet = tmp_path / "ann.json"
    sheet.write_text("student: Ann\nanswers:\n  q1: a\n", encoding="utf-8")
    code, out, err = run(capsys, "--banks", SAMPLE, "grade", str(sheet))
    assert (code, out) == (2, "")
    assert err == f"error: {sheet}:1: invalid JSON: the file is written in YAML: name it .yaml\n"
    # Text that YAML reads as no mapping, or as a value PyYAML's constructors fail on: JSON's own words.
    for text in ("no sheet at all\n", '!!float ""\n', '!!int ""\n'):
        sheet.write_text(text, encoding="utf-8")
        told = run(capsys, "--banks", SAMPLE, "grade", str(sheet))[2]
        assert told == f"error: {sheet}:1: invalid JSON: Expecting value\n", text


def test_an_empty_letters_line_is_told_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "ann.yaml"
    sheet.write_text("student: Ann\nletters:\nanswers:\n  c3-next-step: a\n", encoding="utf-8")
    code, _, err = run(capsys, "--banks", str(REPO / "exercises"), "grade", str(sheet))
    assert code == 0
    assert err.startswith(f"warning: {sheet}: the sheet's 'letters:' line is missing or empty, so it is read in ")
