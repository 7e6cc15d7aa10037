"""An exercise id in several banks: which bank keeps it is decided once, and what ``checks validate`` tells each
bank agrees with what the build leaves out.

The id's owner is the one bank whose chapter its prefix names (``c8-`` for chapter 8); every other bank that uses
it is told to rename it there and left out. Without an owner, every bank that uses it is left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from checks.loading import Reading, read_book
from checks.sphinxext import banks


def _exercise(ex_id: str) -> dict[str, Any]:
    return {
        "id": ex_id,
        "kind": "truefalse",
        "prompt": "True?",
        "answer": True,
        "points": 1,
        "objectives": ["o1"],
        "explanation": "Because.",
        "feedback_true": "Yes.",
        "feedback_false": "No.",
        "misconception": "m",
        "source": "key",
        "reviewed": "2026-01-01",
    }


def _bank(chapter: str, *ids: str) -> dict[str, Any]:
    return {
        "chapter": chapter,
        "title": "A chapter",
        "objectives": [{"id": "o1", "text": "Know."}],
        "exercises": [_exercise(ex_id) for ex_id in ids],
    }


def _write(folder: Path, chapter: str, *ids: str) -> Path:
    path = folder / f"{chapter}.yaml"
    path.write_text(yaml.safe_dump(_bank(chapter, *ids), sort_keys=False), encoding="utf-8")
    return path


def _line(path: Path, ex_id: str) -> int:
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text == f"- id: {ex_id}")


def _shared(reading: Reading) -> list[str]:
    """What the banks are told of ids they share, file by file."""
    return [
        f"{p.path.name}:{p.line} [{p.exercise_id}] {p.message}" for p in reading.problems if "also used" in p.message
    ]


def _left_out(folder: Path) -> set[str]:
    """The banks the build leaves out, as the extension sees them."""
    banks.new_build()
    return {path.name for path in banks.get_banks(folder).broken}


def test_every_bank_an_id_is_copied_into_is_told_its_owner(tmp_path: Path) -> None:
    """``c8-x`` in the banks of chapters 5, 6 and 8: the two copies are each told of chapter 8's, the one they
    must rename theirs for, and only they are left out, in the build and in the reading alike."""
    first, second = _write(tmp_path, "05-a", "c5-a", "c8-x"), _write(tmp_path, "06-b", "c6-b", "c8-x")
    owner = _write(tmp_path, "08-c", "c8-c", "c8-x")
    reading = read_book([tmp_path])
    at = f"{owner}:{_line(owner, 'c8-x')}"
    assert _shared(reading) == [
        f"05-a.yaml:{_line(first, 'c8-x')} [c8-x] exercise id also used in {at}",
        f"06-b.yaml:{_line(second, 'c8-x')} [c8-x] exercise id also used in {at}",
    ]
    assert reading.clashing == {first, second}
    assert "08-c.yaml" not in _left_out(tmp_path)
    assert banks.get_book(tmp_path).chapter_ids == ("08-c",)

    # Renamed in one copy: the other is still told of the owner, and still left out.
    _write(tmp_path, "05-a", "c5-a", "c5-x")
    reading = read_book([tmp_path])
    assert _shared(reading) == [f"06-b.yaml:{_line(second, 'c8-x')} [c8-x] exercise id also used in {at}"]
    assert reading.clashing == {second}
    assert _left_out(tmp_path) == {"06-b.yaml"}
    assert banks.get_book(tmp_path).chapter_ids == ("05-a", "08-c")


def test_an_id_of_one_of_two_banks_leaves_out_the_other_whichever_is_read_first(tmp_path: Path) -> None:
    for copy in ("07-before", "09-after"):
        for old in tmp_path.iterdir():
            old.unlink()
        owner, other = _write(tmp_path, "08-c", "c8-x"), _write(tmp_path, copy, "c8-x")
        reading = read_book([tmp_path])
        told = f"{copy}.yaml:{_line(other, 'c8-x')} [c8-x] exercise id also used in {owner}:{_line(owner, 'c8-x')}"
        assert _shared(reading) == [told]
        assert reading.clashing == {other}
        assert _left_out(tmp_path) == {other.name}


def test_an_id_no_bank_owns_leaves_out_every_bank_that_uses_it(tmp_path: Path) -> None:
    first, second = _write(tmp_path, "a", "x"), _write(tmp_path, "b", "x")
    _write(tmp_path, "c", "y")
    reading = read_book([tmp_path])
    both = "both banks are left out of the book until one is renamed"
    assert _shared(reading) == [
        f"b.yaml:{_line(second, 'x')} [x] exercise id also used in {first}:{_line(first, 'x')}: {both}"
    ]
    assert reading.clashing == {first, second}
    assert _left_out(tmp_path) == {"a.yaml", "b.yaml"}
    assert banks.get_book(tmp_path).chapter_ids == ("c",)


def test_an_id_three_banks_share_without_an_owner_names_the_others(tmp_path: Path) -> None:
    paths = [_write(tmp_path, chapter, "x") for chapter in ("a", "b", "c")]
    reading = read_book([tmp_path])
    a, b, c = (f"{path}:{_line(path, 'x')}" for path in paths)
    three = "the 3 banks are left out of the book until only one uses it"
    assert _shared(reading) == [
        f"b.yaml:{_line(paths[1], 'x')} [x] exercise id also used in {a} and {c}: {three}",
        f"c.yaml:{_line(paths[2], 'x')} [x] exercise id also used in {a} and {b}: {three}",
    ]
    assert reading.clashing == set(paths)
    assert _left_out(tmp_path) == {"a.yaml", "b.yaml", "c.yaml"}
