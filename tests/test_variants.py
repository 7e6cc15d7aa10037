"""Per-student variants: reproducible orders, letters mapped back when grading."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from checks import variants
from checks.cli import main
from checks.loading import Book
from checks.sheets import key_response

from conftest import DATA, REPO

# The browser's version of the same generator; the test runs it under Node and compares.
JS_PRNG = """
function fnv1a(s){let h=0x811c9dc5;
for(const b of new TextEncoder().encode(s)){h^=b;h=Math.imul(h,0x01000193)>>>0;}return h>>>0;}
function mulberry32(a){return function(){a|=0;a=a+0x6D2B79F5|0;let t=Math.imul(a^a>>>15,1|a);
t=t+Math.imul(t^t>>>7,61|t)^t;return((t^t>>>14)>>>0)/4294967296;};}
const out={};for(const k of JSON.parse(process.argv[1])){const r=mulberry32(fnv1a(k));out[k]=[r(),r(),r(),r()];}
console.log(JSON.stringify(out));
"""


def test_prng_matches_the_browser_generator() -> None:
    keys = ["", "7:s42:c1-naming", "seed:élève:ex", "2026:" + "x" * 300]
    node = subprocess.run(["node", "-e", JS_PRNG, json.dumps(keys)], capture_output=True, text=True, check=True)
    expected = json.loads(node.stdout)
    for key in keys:
        rng = variants.mulberry32(variants.fnv1a(key))
        assert [next(rng) for _ in range(4)] == expected[key]


def test_variants_are_reproducible_and_differ_between_students(book: Book) -> None:
    exercises = [e for _, e in book.exercises()]
    first = [variants.letters(e, "s1", "2026") for e in exercises]
    assert first == [variants.letters(e, "s1", "2026") for e in exercises]
    assert first != [variants.letters(e, "s2", "2026") for e in exercises]
    assert variants.exercise_order(exercises, "s1", "2026") != exercises
    for ex, table in zip(exercises, first, strict=True):
        assert sorted(table.values()) == sorted(variants.choice_ids(ex))


def _letter_key(book: Book, student: str, seed: str) -> dict[str, object]:
    answers: dict[str, object] = {}
    for _, ex in book.exercises():
        key = key_response(ex)
        back = {v: k for k, v in variants.letters(ex, student, seed).items()}
        if isinstance(key, list):
            answers[ex.id] = [back.get(k, k) for k in key]
        elif isinstance(key, dict):
            answers[ex.id] = {s: back[o] for s, o in key.items()}
        else:
            answers[ex.id] = back.get(key, key) if isinstance(key, str) else key
    return answers


def test_variant_sheet_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book) -> None:
    sheet = tmp_path / "s.yaml"
    assert main(["--banks", str(REPO / "exercises"), "sheet", "--student", "s42", "--seed", "9", "-o", str(sheet)]) == 0
    again = tmp_path / "again.yaml"
    main(["--banks", str(REPO / "exercises"), "sheet", "--student", "s42", "--seed", "9", "-o", str(again)])
    assert sheet.read_bytes() == again.read_bytes()
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    assert data["variant"] == {"student": "s42", "seed": "9"}
    data["answers"] = _letter_key(book, "s42", "9")
    sheet.write_text(yaml.safe_dump(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["--banks", str(REPO / "exercises"), "grade", "--json", str(sheet)]) == 0
    [graded] = json.loads(capsys.readouterr().out)
    assert graded["score"] == graded["max_score"]


def test_variant_sheet_shows_letters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--banks", str(DATA / "bank.yaml"), "sheet", "--student", "s1", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "  #   A: " in out and "#   a: Right" not in out


@pytest.mark.parametrize(
    ("variant", "error"),
    [
        ("[1, 2]", "'variant' must be a mapping with 'student' and 'seed'"),
        ("{student: s1}", "'variant' must be a mapping with 'student' and 'seed'"),
        ("{student: 5, seed: 1}", "'variant' student must be text and seed text or a whole number"),
        ("{student: s1, seed: true}", "'variant' student must be text and seed text or a whole number"),
    ],
)
def test_bad_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: str, error: str) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"student: s1\nvariant: {variant}\nanswers: {{}}\n")
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", str(sheet)]) == 2
    assert capsys.readouterr().err == f"error: {sheet}: {error}\n"


def test_variant_needs_both_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--banks", str(DATA / "bank.yaml"), "sheet", "--student", "s1"]) == 2
    assert capsys.readouterr().err == "error: a variant needs both --student and --seed\n"
