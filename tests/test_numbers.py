"""Sheets and keys name each exercise by the number the book prints ("Exercise 3.1"), and a matching answer may
name its stems by the numbers printed before them (1, 2, 3 …), as a student answering from the page sees them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks import variants
from checks.cli import main
from checks.loading import Book, load_book
from checks.model import Matching
from checks.numbers import exercise_numbers, stem_numbers

from conftest import DATA, REPO

BANKS = ["--banks", str(REPO / "exercises")]
SAMPLE = ["--banks", str(DATA / "bank.yaml")]
# A blank sheet's heading of each exercise: "# Exercise 3.12: c3-cascade-order (ordering, 2 points)".
SHEET_HEADING = re.compile(r"^  # Exercise ([0-9]+\.[0-9]+): ([a-z0-9-]+) \([a-z]+, [0-9.]+ points?\)$", re.MULTILINE)
KEY_HEADING = re.compile(r"^  # Exercise ([0-9]+\.[0-9]+)\n  ([a-z0-9-]+):", re.MULTILINE)
SHEET_STEM = re.compile(r"^  #   stem ([0-9]+) \(([a-z0-9-]+)\): ", re.MULTILINE)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def graded(capsys: pytest.CaptureFixture[str], banks: list[str], *sheets: Path) -> list[dict[str, dict[str, object]]]:
    """Each sheet's results, by exercise id."""
    code, out, err = run(capsys, *banks, "grade", "--json", *map(str, sheets))
    assert code == 0, err
    return [{r["id"]: r for r in sheet["results"]} for sheet in json.loads(out)]


def test_a_chapters_sheet_and_key_name_each_exercise_by_its_printed_number(
    capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """The chapter's exercises in the order of its bank, as its page places them, under the chapter's number."""
    _, sheet, _ = run(capsys, *BANKS, "sheet", "--chapter", "3")
    bank = book.select("3").banks[0]
    expected = [(f"3.{n}", ex.id) for n, ex in enumerate(bank.exercises, start=1)]
    assert SHEET_HEADING.findall(sheet) == expected
    assert "  # Exercise 3.12: c3-cascade-order (ordering, 2 points)\n" in sheet
    # Each stem of a matching exercise with the number printed before it, beside its id.
    assert SHEET_STEM.findall(sheet)[:2] == [("1", "into-vein"), ("2", "wedged")]
    assert "#   matching  a mapping of stem number (or id) to letter (e.g. {1: b, 2: a})" in sheet
    _, key, _ = run(capsys, *BANKS, "key", "--chapter", "3")
    assert KEY_HEADING.findall(key) == expected
    assert "  c3-step-matching:\n    into-vein: e  # (stem 1) Intravasation\n    wedged: c  # (stem 2) Arrest\n" in key


def test_a_variants_sheet_and_key_keep_the_books_numbers_in_their_own_order(
    capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """A variant's page shows the book's numbers, with its options in another order: so do its sheet and key."""
    variant = ["--chapter", "3", "--student", "s42", "--seed", "9"]
    _, sheet, _ = run(capsys, *BANKS, "sheet", *variant)
    _, key, _ = run(capsys, *BANKS, "key", *variant)
    numbers = exercise_numbers(book)
    for text, heading in ((sheet, SHEET_HEADING), (key, KEY_HEADING)):
        shown = heading.findall(text)
        assert sorted(shown) == sorted((numbers[i], i) for _, i in shown) and len(shown) == 14
        assert [i for _, i in shown] != [ex.id for ex in book.select("3").banks[0].exercises]  # the variant's order
    assert SHEET_STEM.findall(sheet)[:2] == [("1", "into-vein"), ("2", "wedged")]  # stems are never shuffled


def test_a_chapter_whose_name_has_no_number_has_no_numbers_to_print(capsys: pytest.CaptureFixture[str]) -> None:
    _, sheet, _ = run(capsys, *SAMPLE, "sheet")
    _, key, _ = run(capsys, *SAMPLE, "key")
    assert "Exercise" not in sheet and "Exercise" not in key
    assert "  # Sample bank: t-single (single, 1 point)\n" in sheet
    assert "#   stem 1 (prostate): Prostate\n" in sheet  # the stems are numbered all the same


def _sheet(path: Path, head: str, answer: str) -> Path:
    path.write_text(f"{head}answers:\n  t-matching: {answer}\n", encoding="utf-8")
    return path


def test_a_matching_answer_may_name_its_stems_by_their_printed_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """1, 2, 3 … as the book prints them: as YAML reads them, as text, as the page prints them (1.), in brackets,
    mixed with ids; on a sheet in the book's letters, in ids, in JSON and in a variant's letters."""
    [ex] = [ex for _, ex in sample.exercises() if isinstance(ex, Matching)]
    letter = {id_: letter for letter, id_ in variants.book_letters(ex).items()}
    theirs = {id_: letter for letter, id_ in variants.letters(ex, "cy", "7").items()}
    sheets = [
        _sheet(tmp_path / "letters.yaml", "student: ann\nletters: book\n", f"{{1: {letter['bone']}, 2: c, 3: d}}"),
        _sheet(tmp_path / "text.yaml", "student: ben\nletters: book\n", '{"1": d, "(2)": c, 3.: d}'),
        _sheet(tmp_path / "mixed.yaml", "student: cat\nletters: book\n", "{1: d, colorectal: c, 3: d}"),
        _sheet(tmp_path / "ids.yaml", "student: dan\n", "{1: bone, 2: liver, 3: bone}"),
        _sheet(
            tmp_path / "variant.yaml",
            'student: cy\nvariant: {student: cy, seed: "7"}\n',
            f"{{1: {theirs['bone']}, 2: {theirs['liver']}, 3: {theirs['bone']}}}",
        ),
    ]
    in_json = tmp_path / "ids.json"
    in_json.write_text(
        json.dumps({"student": "eve", "answers": {"t-matching": {"1": "bone", "2": "liver", "3": "bone"}}})
    )
    assert (letter["bone"], letter["liver"]) == ("d", "c")
    results = graded(capsys, SAMPLE, *sheets, in_json)
    assert [r["t-matching"]["status"] for r in results] == ["correct"] * 6
    # Two keys for one stem, its number and its id, are not for us to choose between; nor is a stem 4.
    _sheet(tmp_path / "twice.yaml", "student: fay\nletters: book\n", "{1: d, prostate: c}")
    _sheet(tmp_path / "four.yaml", "student: gus\nletters: book\n", "{4: d}")
    _sheet(tmp_path / "four-ids.yaml", "student: hal\n", "{4: bone}")
    results = graded(capsys, SAMPLE, tmp_path / "twice.yaml", tmp_path / "four.yaml", tmp_path / "four-ids.yaml")
    letters = "expected a mapping of stem number or id to letter (stems: 1 prostate, 2 colorectal, 3 breast;"
    assert [r["t-matching"]["message"] for r in results] == [
        f"{letters} letters: a, b, c, d)",
        f"{letters} letters: a, b, c, d)",
        "expected a mapping of stem number or id to option id (stems: 1 prostate, 2 colorectal, 3 breast)",
    ]


def test_a_downloaded_sheet_in_stem_ids_is_graded_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """The web book's download names stems by id, as it always did: read alike whatever the numbers."""
    [ex] = [ex for _, ex in book.select("3").exercises() if isinstance(ex, Matching)]
    download = {
        "student": "Ada",
        "submitted": "2026-12-01T09:30:00Z",
        "chapters": ["03-how-cancer-spreads"],
        "answers": {ex.id: {s.id: s.answer for s in ex.stems}},
    }
    path = tmp_path / "answers-Ada-03-how-cancer-spreads.json"
    path.write_text(json.dumps(download), encoding="utf-8")
    [results] = graded(capsys, BANKS, path)
    assert results[ex.id]["status"] == "correct"


def _bank_with_stems(tmp_path: Path, *ids: str) -> list[str]:
    """The sample bank, its matching exercise's stems given these ids, in this order."""
    text = (DATA / "bank.yaml").read_text(encoding="utf-8")
    for old, new in zip(("prostate", "colorectal", "breast"), ids, strict=True):
        text = text.replace(f"{{id: {old}, text:", f'{{id: "{new}", text:')
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return ["--banks", str(path)]


def test_stem_ids_that_are_other_stems_numbers_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Stems "2", "1", "3" printed 1, 2, 3: a key 1 would name one stem by its id and another by its number. No
    sheet or key is made from such a bank: each such stem is told at its id, as `checks validate` tells it."""
    banks = _bank_with_stems(tmp_path, "2", "1", "3")
    code, out, err = run(capsys, *banks, "sheet")
    assert (code, out) == (2, "")
    told = "is a number other than this stem's own, {}, and sheets may name a stem by its number: give it the id"
    assert err.splitlines() == [
        f"error: {tmp_path / 'bank.yaml'}:124: [t-matching] stem 1.id: stem id '2' {told.format(1)} '1' or a name",
        f"error: {tmp_path / 'bank.yaml'}:125: [t-matching] stem 2.id: stem id '1' {told.format(2)} '2' or a name",
    ]


def test_stem_ids_that_are_their_own_numbers_read_either_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    banks = _bank_with_stems(tmp_path, "1", "2", "3")
    [ex] = [ex for _, ex in load_book([tmp_path / "bank.yaml"]).exercises() if isinstance(ex, Matching)]
    assert stem_numbers(ex) == {"1": "1", "2": "2", "3": "3"}
    _, sheet, _ = run(capsys, *banks, "sheet")
    assert "write the stems' ids" not in sheet
    [results] = graded(
        capsys, banks, _sheet(tmp_path / "s.yaml", "student: ann\nletters: book\n", "{1: d, 2: c, 3: d}")
    )
    assert results["t-matching"]["status"] == "correct"


@pytest.mark.slow
def test_every_chapters_sheet_numbers_its_exercises_and_stems_as_the_web_book_does(
    capsys: pytest.CaptureFixture[str], book: Book, site: Path
) -> None:
    """For every chapter, the numbers on its blank sheet and key are those its built page prints, exercise by
    exercise, and its matching stems are numbered in the order the page lists them."""
    for bank in book.banks:
        page = (site / f"{bank.chapter}.html").read_text(encoding="utf-8")
        printed = re.findall(r'id="([a-z0-9-]+)-title"><strong class="checks-number"[^>]*>Exercise ([0-9.]+)<', page)
        assert len(printed) == len(bank.exercises), bank.chapter
        _, sheet, _ = run(capsys, *BANKS, "sheet", "--chapter", bank.chapter)
        _, key, _ = run(capsys, *BANKS, "key", "--chapter", bank.chapter)
        assert [(i, n) for n, i in SHEET_HEADING.findall(sheet)] == printed, bank.chapter
        assert [(i, n) for n, i in KEY_HEADING.findall(key)] == printed, bank.chapter
        on_sheet = SHEET_STEM.findall(sheet)
        on_page = []
        for ex in bank.exercises:
            if isinstance(ex, Matching):
                box = page.split(f'data-checks-id="{ex.id}"', 1)[1].split("data-checks-id=", 1)[0]
                stems = re.findall(r'data-stem="([a-z0-9-]+)"', box)
                on_page += [(str(n), stem) for n, stem in enumerate(stems, start=1)]
        assert on_sheet == on_page, bank.chapter
