"""What an author starts from and checks with: the bank template, exercises/_template.yaml.example, which the
authoring page tells them to copy, and `make check-content`, the check it tells them to run before the full build."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from checks.cli import main
from checks.loading import bank_files, load_bank
from checks.model import KINDS

from conftest import REPO

TEMPLATE = REPO / "exercises" / "_template.yaml.example"
AUTHORING = REPO / "docs" / "authoring.md"


def copied(tmp_path: Path, chapter: str) -> Path:
    """A book folder holding the book's bibliography and a copy of the template with its chapter filled in, as the
    authoring page's first steps make it."""
    (tmp_path / "docs").mkdir()
    shutil.copy(REPO / "docs" / "references.bib", tmp_path / "docs" / "references.bib")
    (tmp_path / "exercises").mkdir()
    bank = tmp_path / "exercises" / f"{chapter}.yaml"
    text = TEMPLATE.read_text(encoding="utf-8")
    bank.write_text(re.sub(r"^chapter: .*$", f"chapter: {chapter}", text, count=1, flags=re.M), encoding="utf-8")
    return bank


def test_a_copy_with_its_chapter_filled_in_is_a_valid_bank_with_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checked as the authoring page says, strictly, with its sources against the book's bibliography; on the day
    after its latest review date, which an author sets to the day they check an exercise."""
    bank = copied(tmp_path, "09-living")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKS_BANKS", raising=False)
    monkeypatch.delenv("CHECKS_BIB", raising=False)
    latest = max(e["reviewed"] for e in yaml.safe_load(bank.read_text(encoding="utf-8"))["exercises"])
    code = main(["validate", "--strict", "--today", latest.isoformat()])
    out = capsys.readouterr()
    assert (code, out.err) == (0, "")
    assert out.out.startswith("ok: 1 bank(s), 7 exercise(s) valid, sources found in docs/references.bib; ")


def test_it_writes_one_exercise_of_each_kind_indented_as_the_book_s_banks(tmp_path: Path) -> None:
    bank = load_bank(copied(tmp_path, "09-your-chapter"))
    assert sorted(e.kind for e in bank.exercises) == sorted(KINDS)
    assert 3 <= len(bank.objectives) <= 6
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.lstrip().startswith("- id: c")] == [
        f"  - id: {e.id}" for e in bank.exercises
    ]
    # Every exercise id begins as chapter 9's must, the chapter the template names.
    chapter = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))["chapter"]
    assert chapter.startswith("09-") and all(e.id.startswith("c9-") for e in bank.exercises)


def test_neither_the_loader_nor_the_book_reads_it_as_a_bank() -> None:
    assert TEMPLATE not in bank_files(REPO / "exercises")
    assert TEMPLATE.exists()


def test_the_authoring_page_shows_it_and_says_how_to_copy_it() -> None:
    page = AUTHORING.read_text(encoding="utf-8")
    assert re.search(r"^```\{literalinclude\} \.\./exercises/_template\.yaml\.example$", page, flags=re.M)
    assert "cp exercises/_template.yaml.example exercises/09-" in page


def test_make_check_content_validates_strictly_then_runs_the_content_tests() -> None:
    """The fast check: `checks validate --strict` on the book's banks, then the two files of content tests without
    the whole-book builds (marked slow), with the venv's Python, as every target runs it."""
    dry_run = subprocess.run(
        ["make", "-n", "check-content"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    run = [shlex.split(line) for line in dry_run if line.startswith(".venv/bin/python -m ") and " pip " not in line]
    assert run == [
        [".venv/bin/python", "-m", "checks", "validate", "--strict"],
        [
            ".venv/bin/python",
            "-m",
            "pytest",
            "-q",
            "-m",
            "not slow",
            "tests/test_content.py",
            "tests/test_text_answers.py",
        ],
    ]
    helped = subprocess.run(["make", "help"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert re.search(r"^make check-content +\S", helped, flags=re.M)
    page = AUTHORING.read_text(encoding="utf-8")
    assert "make check-content" in page.split("\n## ", 3)[2]  # in the second section, before the reference
