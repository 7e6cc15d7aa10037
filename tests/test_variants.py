"""The book's letters and per-student variants: reproducible orders, letters mapped back when grading;
and answers written by hand, in letters or ids, read as they plainly read."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import jsonschema
import pytest
import yaml

from checks import variants
from checks.cli import main
from checks.handwritten import read_answer
from checks.loading import Book, load_book
from checks.model import AnyExercise, Matching, Option, SingleChoice
from checks.schema import sheet_schema
from checks.sheets import BookGrader, key_response, read_sheet

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


def test_a_variant_sheet_typed_in_a_word_processor_finds_its_variant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """Word turns the sheet's variant: {student: "s42", seed: "9"} into curly quotes: the variant is still
    s42's with seed 9, and its letters are graded as that variant prints them."""
    sheet = tmp_path / "s.yaml"
    assert main(["--banks", str(DATA / "bank.yaml"), "sheet", "--student", "s42", "--seed", "9", "-o", str(sheet)]) == 0
    printed = sheet.read_text(encoding="utf-8").split("answers:")[0]
    typed = re.sub(r'"([^"\n]*)"', r"“\1”", printed)  # as Word's smart quotes type them
    assert "variant: {student: “s42”, seed: “9”}" in typed
    sheet.write_text(typed + yaml.safe_dump({"answers": _letter_key(sample, "s42", "9")}), encoding="utf-8")
    assert read_sheet(sheet, sample).variant == ("s42", "9")
    capsys.readouterr()
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", "--json", str(sheet)]) == 0
    [graded] = json.loads(capsys.readouterr().out)
    assert (graded["student"], graded["score"]) == ("s42", graded["max_score"])


def test_a_variant_sheet_finds_its_variant_however_the_name_is_spelt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """`checks sheet --student` writes the name in one spelling (accents composed, single spaces): a sheet whose
    editor decomposed the accents, or whose name was typed again with other spaces, is still that variant's, where
    it was graded with another student's letters."""
    sheet = tmp_path / "s.yaml"
    banks = ["--banks", str(DATA / "bank.yaml")]
    assert main([*banks, "sheet", "--student", "Zoë  Ng", "--seed", "9", "-o", str(sheet)]) == 0
    printed = sheet.read_text(encoding="utf-8").split("answers:")[0]
    assert 'variant: {student: "Zoë Ng", seed: "9"}' in printed
    key = yaml.safe_dump({"answers": _letter_key(sample, "Zoë Ng", "9")}, allow_unicode=True)
    for spelt in (unicodedata.normalize("NFD", "Zoë Ng"), " Zoë   Ng "):
        sheet.write_text(printed.replace('"Zoë Ng"', f'"{spelt}"') + key, encoding="utf-8")
        assert read_sheet(sheet, sample).variant == ("Zoë Ng", "9")
        capsys.readouterr()
        assert main([*banks, "grade", "--json", str(sheet)]) == 0
        [graded] = json.loads(capsys.readouterr().out)
        assert graded["score"] == graded["max_score"], spelt


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
    assert capsys.readouterr().err == f"error: {sheet}:2: {error}\n"  # the line of 'variant'


def test_variant_needs_both_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--banks", str(DATA / "bank.yaml"), "sheet", "--student", "s1"]) == 2
    assert capsys.readouterr().err == "error: a variant needs both --student and --seed\n"


def _in_letters(ex: object, key: object, table: dict[str, str]) -> object:
    back = {v: k for k, v in table.items()}
    if isinstance(key, list):
        return [back.get(k, k) for k in key]
    if isinstance(key, dict):
        return {s: back[o] for s, o in key.items()}
    return back.get(key, key) if isinstance(key, str) else key


def test_blank_sheet_letters_are_the_books(tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book) -> None:
    """A class answering the printed book on the blank sheet, with the book's letters, gets full marks."""
    sheet = tmp_path / "s.yaml"
    assert main(["--banks", str(REPO / "exercises"), "sheet", "-o", str(sheet)]) == 0
    text = sheet.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["letters"] == "book"
    answers: dict[str, object] = {}
    key_first = 0
    for _, ex in book.exercises():
        table = variants.book_letters(ex)
        answers[ex.id] = _in_letters(ex, key_response(ex), table)
        options = {o.id: o.text for o in getattr(ex, "options", ()) or getattr(ex, "items", ())}
        for letter, option_id in table.items():  # the sheet lists each option with the book's letter
            assert f"  #   {'option ' if ex.kind == 'matching' else ''}{letter}: {options[option_id][:40]}" in text
        key_first += ex.kind == "single" and answers[ex.id] == "a"
    singles = sum(ex.kind == "single" for _, ex in book.exercises())
    assert key_first < singles / 2  # the key is not where authors wrote it, first
    data["student"], data["answers"] = "s1", answers
    sheet.write_text(yaml.safe_dump(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["--banks", str(REPO / "exercises"), "grade", "--json", str(sheet)]) == 0
    [graded] = json.loads(capsys.readouterr().out)
    assert graded["score"] == graded["max_score"]


def test_letters_are_read_as_the_books_only_where_the_sheet_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """An option whose id is itself a letter: "d" is the book's (d) on a lettered sheet, the option "d" otherwise."""
    ex = next(
        e
        for _, e in book.exercises()
        if e.kind == "single"
        and key_response(e) in "abcd"
        and _in_letters(e, key_response(e), variants.book_letters(e)) != key_response(e)
    )
    letter = _in_letters(ex, key_response(ex), variants.book_letters(ex))
    statuses = []
    for header in ("letters: book\n", ""):
        sheet = tmp_path / "s.yaml"
        sheet.write_text(f"student: s1\n{header}answers: {{{ex.id}: {str(letter).upper()}}}\n", encoding="utf-8")
        capsys.readouterr()
        main(["--banks", str(REPO / "exercises"), "grade", "--json", str(sheet)])
        [graded] = json.loads(capsys.readouterr().out)
        statuses.append(next(r["status"] for r in graded["results"] if r["id"] == ex.id))
    assert statuses[0] == "correct" and statuses[1] != "correct"


def _shouted(response: object) -> object:
    """An answer in ids as a hand might write it: capitals, spaces around."""
    if isinstance(response, str):
        return f" {response.upper()} "
    if isinstance(response, list):
        return [_shouted(r) for r in response]
    if isinstance(response, dict):
        return {k: _shouted(v) for k, v in response.items()}
    return response


def test_ids_written_in_capitals_name_their_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """A sheet answered in ids (no ``letters``) by hand: "STEP-ONE" or " (bone) " names the option with that
    id. An id of one letter is not read so: "D" is likelier the book's (d), which is another option."""
    kinds = ("single", "multiple", "ordering", "matching")
    chosen = [ex for _, ex in book.exercises() if ex.kind in kinds]
    worded = [ex for ex in chosen if all(len(i) > 1 for i in variants.choice_ids(ex))]
    lettered = [ex for ex in chosen if all(len(i) == 1 for i in variants.choice_ids(ex))]
    assert {ex.kind for ex in worded} == set(kinds) and lettered
    answers = {ex.id: _shouted(key_response(ex)) for ex in worded + lettered}
    sheet = tmp_path / "s.yaml"
    sheet.write_text(yaml.safe_dump({"student": "s1", "answers": answers}), encoding="utf-8")
    capsys.readouterr()
    main(["--banks", str(REPO / "exercises"), "grade", "--json", str(sheet)])
    [graded] = json.loads(capsys.readouterr().out)
    results = {r["id"]: r for r in graded["results"] if r["id"] in answers}
    assert {results[ex.id]["status"] for ex in worded} == {"correct"}
    assert {results[ex.id]["status"] for ex in lettered} == {"invalid"}
    # The key's ids in capitals are letters the book prints too: the message says how such a sheet is read.
    assert all("letters: book" in results[ex.id]["message"] for ex in lettered)


def test_matching_keys_do_not_read_straight_down(book: Book) -> None:
    """Authors list matching options in the order of the items; the book's order hides that pattern."""
    matchings = [ex for _, ex in book.exercises() if ex.kind == "matching"]
    assert matchings
    for ex in matchings:
        assert isinstance(ex, Matching)
        place = {o.id: n for n, o in enumerate(variants.display_match_options(ex))}
        key = [place[s.answer] for s in ex.stems]
        assert key != sorted(key) and key != sorted(key, reverse=True), ex.id
        assert variants.display_match_options(ex) == variants.display_match_options(ex)  # stable
        assert [o for _, o in variants.lettered(ex)] == variants.display_match_options(ex)
    # Where the bank's own order reads straight down (c8-team-matching: 1 (a), 2 (b) … 6 (f)), it changed.
    team = book.find("c8-team-matching")[1]  # type: ignore[index]
    assert isinstance(team, Matching)
    assert [s.answer for s in team.stems] == [o.id for o in team.options]
    assert variants.display_match_options(team) != list(team.options)


# -- answers written by hand ---------------------------------------------------------------------


def _sample(sample: Book, exercise_id: str) -> AnyExercise:
    return sample.find(exercise_id)[1]  # type: ignore[index]


@pytest.mark.parametrize(
    ("exercise", "written", "read"),
    [
        *(("t-single", w, "c") for w in ["(c)", "c)", "C.", " c ", "(C).", "( c )"]),
        ("t-single", "ab", "ab"),  # two letters: not guessed at
        ("t-single", "a, c", "a, c"),  # two answers to a one-answer question
        ("t-single", "(z)", "(z)"),  # no such option: left as written, out of shape
        *(("t-multiple", w, ["a", "c"]) for w in ["a, c", "a c", "a,c", "(a) (c)", "A., C.", " a , c, "]),
        ("t-multiple", "c", ["c"]),
        ("t-multiple", ["(a)", " C "], ["a", "c"]),
        ("t-multiple", "ab", "ab"),
        ("t-multiple", "a, z", "a, z"),  # one part names no option: the whole stays as written
        ("t-multiple", "a and c", "a and c"),
        ("t-ordering", "s2, s1 S3", ["s2", "s1", "s3"]),
        *(("t-truefalse", w, True) for w in ["true", "TRUE", "t", "T", "yes", "Yes", " yes ", "(t)"]),
        *(("t-truefalse", w, False) for w in ["false", "False", "f", "F", "no", "NO", "f."]),
        ("t-truefalse", "maybe", "maybe"),
        ("t-truefalse", 1, 1),  # a number is not a truth value, even 1
        ("t-matching", {" Prostate ": "(Bone)", "COLORECTAL": "liver."}, {"prostate": "bone", "colorectal": "liver"}),
        ("t-matching", {"prostate": "bone", "Prostate": "liver"}, {"prostate": "bone", "Prostate": "liver"}),
        *((e, "(a)", "(a)") for e in ["t-text", "t-numeric"]),  # text and numbers are graded as written
        ("t-text", " Yes ", " Yes "),
        ("t-numeric", "1, 2", "1, 2"),
        *(
            (e, empty, None)
            for e in ["t-single", "t-multiple", "t-truefalse", "t-text", "t-numeric"]
            for empty in ["", []]
        ),
        ("t-matching", {}, None),
        ("t-matching", {"prostate": None, "colorectal": ""}, None),  # every stem blank: the exercise left blank
        # Typed with an East Asian keyboard: full-width letters, brackets and commas are the plain ones (NFKC).
        *(("t-single", w, "c") for w in ["Ｃ", "ｃ", "（ｃ）", "Ｃ．"]),
        ("t-multiple", "ａ，ｃ", ["a", "c"]),
        ("t-multiple", "ａ　ｃ", ["a", "c"]),  # an ideographic space between them
        ("t-truefalse", "Ｆａｌｓｅ", False),
        ("t-matching", {"prostate": "Ｂｏｎｅ", "２": "ｌｉｖｅｒ"}, {"prostate": "bone", "colorectal": "liver"}),
        ("t-matching", {"ｐｒｏｓｔａｔｅ": "bone"}, {"prostate": "bone"}),
        # Typed in a word processor: curly quotes around the answer are not part of it.
        *(("t-single", w, "c") for w in ["“c”", "‘C’", "„c“", "«c»", " “(c)” ", "”c”"]),
        ("t-multiple", "“a, c”", ["a", "c"]),
        ("t-multiple", ["“a”", "‘c’"], ["a", "c"]),
        ("t-truefalse", "“yes”", True),
        ("t-matching", {"“prostate”": "“bone”"}, {"prostate": "bone"}),
        ("t-numeric", "“36.7 pp”", "36.7 pp"),
        ("t-text", "„intravasation“", "intravasation"),
        ("t-single", "“”", None),
        ("t-single", "“a” or “c”", "“a” or “c”"),  # two quotations: left as written
        ("t-single", "“c", "“c"),  # never closed
        ("t-single", "“c»", "“c»"),  # marks that are no pair
    ],
)
def test_a_hand_written_answer_in_ids_is_read_as_it_plainly_reads(
    sample: Book, exercise: str, written: object, read: object
) -> None:
    ex = _sample(sample, exercise)
    every_id = {i: i for i in variants.choice_ids(ex)}  # the rules, whatever ids a table holds
    assert read_answer(ex, written, every_id) == read


def test_a_hand_written_letter_is_the_books_on_a_lettered_sheet_and_the_option_on_an_id_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """The book prints t-single's right option (id a) as (b): "(B)" is right on a lettered sheet; on a sheet
    in ids it is out of shape (never the option b, which the student did not mean), and the message says why."""
    assert variants.book_letters(_sample(sample, "t-single"))["b"] == "a"
    statuses = []
    for header in ("letters: book\n", ""):
        sheet = tmp_path / "s.yaml"
        sheet.write_text(f"student: s1\n{header}answers:\n  t-single: (B)\n", encoding="utf-8")
        statuses.append(_graded(capsys, sheet)["t-single"])
    assert statuses == ["correct", "invalid"]
    assert "the sheet needs the line 'letters: book'" in _messages(capsys, sheet)["t-single"]


def _messages(capsys: pytest.CaptureFixture[str], sheet: Path) -> dict[str, str]:
    capsys.readouterr()
    main(["--banks", str(DATA / "bank.yaml"), "grade", "--json", str(sheet)])
    [graded] = json.loads(capsys.readouterr().out)
    return {r["id"]: r["message"] for r in graded["results"]}


def _graded(capsys: pytest.CaptureFixture[str], sheet: Path) -> dict[str, str]:
    capsys.readouterr()
    assert main(["--banks", str(DATA / "bank.yaml"), "grade", "--json", str(sheet)]) == 0
    [graded] = json.loads(capsys.readouterr().out)
    return {r["id"]: r["status"] for r in graded["results"]}


@pytest.mark.parametrize("lettered", [True, False])
def test_a_sheet_filled_by_hand_grades_as_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book, lettered: bool
) -> None:
    """Every kind written as a hand would, on a sheet in the book's letters and on one in ids."""

    def written(exercise: str, ids: list[str]) -> list[str]:
        table = {v: k for k, v in variants.book_letters(_sample(sample, exercise)).items()} if lettered else {}
        return [table.get(i, i) for i in ids]

    matching = written("t-matching", ["bone", "liver", "bone"])
    answers = {
        "t-single": f"({written('t-single', ['a'])[0].upper()})",
        "t-multiple": ", ".join(written("t-multiple", ["a", "b", "c"])),
        "t-truefalse": "F",
        "t-text": "",
        "t-numeric": "",
        "t-ordering": " ".join(written("t-ordering", ["s1", "s2", "s3", "s4", "s5"])),
        "t-matching": {" Prostate": f"{matching[0]}.", "COLORECTAL ": matching[1], "breast": f"{matching[2]})"},
    }
    sheet = tmp_path / "s.yaml"
    header = {"letters": "book"} if lettered else {}
    sheet.write_text(yaml.safe_dump({"student": "s1", **header, "answers": answers}), encoding="utf-8")
    statuses = _graded(capsys, sheet)
    # On a sheet in ids, ids of one letter written by hand are not guessed at (the book's letters differ).
    one_letter_ids = {} if lettered else dict.fromkeys(("t-single", "t-multiple"), "invalid")
    assert {k: statuses[k] for k in answers} == {
        **dict.fromkeys(answers, "correct"),
        "t-text": "unanswered",
        "t-numeric": "unanswered",
        **one_letter_ids,
    }
    # Letters run together are never read as a right answer, nor as several answers.
    ambiguous = {
        "t-single": "".join(written("t-single", ["a", "b"])),
        "t-multiple": "".join(written("t-multiple", ["a", "b", "c"])),
    }
    sheet.write_text(yaml.safe_dump({"student": "s1", **header, "answers": ambiguous}), encoding="utf-8")
    assert {k: _graded(capsys, sheet)[k] for k in ambiguous} == {"t-single": "invalid", "t-multiple": "invalid"}


def test_an_empty_answer_is_no_answer(tmp_path: Path, sample: Book) -> None:
    """ "" and [] are a blank left on paper: unanswered, not wrong, and not answered in the gradebook's counts."""
    sheet = tmp_path / "s.json"
    empty = {"t-single": "", "t-multiple": [], "t-ordering": [], "t-matching": {}, "t-text": ""}
    sheet.write_text(json.dumps({"student": "s1", "answers": {**empty, "t-truefalse": False, "t-numeric": 0}}))
    read = read_sheet(sheet, sample)
    assert read.answers == {"t-truefalse": False, "t-numeric": 0}  # false and 0 are answers
    results = {r.exercise_id: r.status for _, r in BookGrader(sample).grade(read).results}
    assert {k: results[k] for k in empty} == dict.fromkeys(empty, "unanswered")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_matching_stem_left_blank_is_unmatched_and_the_others_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """A key's layout, one line per stem, with one line left blank (null, or ""): that stem is unmatched, where the
    whole answer was out of shape and scored nothing. Every stem blank is the exercise left blank."""
    sheet = tmp_path / f"s{suffix}"

    def graded(matching: dict[str, object]) -> dict[str, object]:
        data = {"student": "s1", "answers": {"t-matching": matching}}
        sheet.write_text(json.dumps(data) if suffix == ".json" else yaml.safe_dump(data), encoding="utf-8")
        capsys.readouterr()
        assert main(["--banks", str(DATA / "bank.yaml"), "grade", "--json", str(sheet)]) == 0
        [result] = [r for r in json.loads(capsys.readouterr().out)[0]["results"] if r["id"] == "t-matching"]
        return {k: result[k] for k in ("status", "score", "max_score")}

    assert graded({"prostate": "bone", "colorectal": None, "breast": "bone"}) == {
        "status": "partial",
        "score": pytest.approx(2 / 3 * graded({"prostate": "bone", "colorectal": "liver", "breast": "bone"})["score"]),
        "max_score": graded({"prostate": "bone"})["max_score"],
    }
    assert graded({"1": "bone", "2": "", "3": None})["status"] == "partial"
    assert graded({"prostate": None, "colorectal": " ", "breast": None})["status"] == "unanswered"
    assert graded({"prostate": "bone", "colorectal": 7})["status"] == "invalid"  # not blank: out of shape
    assert graded({"prostate": "bone", "colorectal": []})["status"] == "invalid"
    # Every stem blank is no answer on the sheet either: the sheet answers no chapter with it.
    data = {"student": "s1", "answers": {"t-matching": {"prostate": None, "breast": ""}}}
    sheet.write_text(json.dumps(data) if suffix == ".json" else yaml.safe_dump(data), encoding="utf-8")
    assert read_sheet(sheet, load_book([DATA / "bank.yaml"])).answers == {}
    assert jsonschema.Draft202012Validator(sheet_schema()).is_valid(
        {"student": "s1", "answers": {"t-matching": {"prostate": "bone", "colorectal": None}}}
    )


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_an_empty_pair_of_curly_quotes_or_spaces_is_no_answer(tmp_path: Path, sample: Book, suffix: str) -> None:
    """A word processor types "" as “”: on a sheet in ids too, that is a blank left on paper, as "" is,
    not a wrong answer."""
    empty = {"t-text": "“”", "t-text-accents": "‘ ’", "t-numeric": " «» ", "t-single": "„“", "t-ordering": "  "}
    sheet = tmp_path / f"s{suffix}"
    data = {"student": "s1", "answers": {**empty, "t-truefalse": "“no”"}}  # a quoted answer is kept
    sheet.write_text(json.dumps(data) if suffix == ".json" else yaml.safe_dump(data), encoding="utf-8")
    read = read_sheet(sheet, sample)
    assert read.answers == {"t-truefalse": "“no”"}
    results = {r.exercise_id: r.status for _, r in BookGrader(sample).grade(read).results}
    assert {k: results[k] for k in empty} == dict.fromkeys(empty, "unanswered")
    assert results["t-truefalse"] == "correct"


def test_the_lettering_code_changes_only_with_the_letters(sample: Book) -> None:
    """Exercises without letters, and the order of the exercises, name no option; a new option does."""
    exercises = list(sample.banks[0].exercises)
    code = variants.lettering_code(exercises)
    assert variants.lettering_code(exercises[::-1]) == code
    assert variants.lettering_code([ex for ex in exercises if not variants.lettered(ex)][:1] + exercises) == code
    assert variants.lettering_code([ex for ex in exercises if variants.lettered(ex)]) == code
    single = next(ex for ex in exercises if isinstance(ex, SingleChoice))
    more = single.model_copy(update={"options": (*single.options, single.options[-1].model_copy(update={"id": "z"}))})
    assert variants.lettering_code([more if ex is single else ex for ex in exercises]) != code


def test_a_variants_lettering_code_changes_only_with_its_letters(sample: Book) -> None:
    """A variant letters the sorted ids in an order of the student's and seed's: its code is its own, moves
    when an option is added or renamed, and not when a bank lists the options in another order."""
    exercises = list(sample.banks[0].exercises)
    variant = ("s1", "7")
    code = variants.lettering_code(exercises, variant)
    assert code != variants.lettering_code(exercises)
    assert code != variants.lettering_code(exercises, ("s1", "8")) != variants.lettering_code(exercises, ("s2", "7"))
    assert variants.lettering_code(exercises[::-1], variant) == code
    single = next(ex for ex in exercises if isinstance(ex, SingleChoice))

    def with_options(*options: Option) -> list[AnyExercise]:
        changed = single.model_copy(update={"options": options})
        return [changed if ex is single else ex for ex in exercises]

    reordered = with_options(*single.options[::-1])
    assert variants.lettering_code(reordered, variant) == code  # the letters the student sees are the same
    assert variants.lettering_code(reordered) != variants.lettering_code(exercises)  # the book's are not
    last = single.options[-1]
    assert variants.lettering_code(with_options(*single.options, last.model_copy(update={"id": "z"})), variant) != code
    assert (
        variants.lettering_code(with_options(*single.options[:-1], last.model_copy(update={"id": "z"})), variant)
        != code
    )


def _printed_options(sheet: str) -> dict[str, dict[str, str]]:
    """Each exercise of a variant sheet, in the order printed, with the text printed beside each of its letters
    (without spaces: the sheet wraps texts, at a hyphen too)."""
    found: dict[str, dict[str, str]] = {}
    options: dict[str, str] = {}
    label: str | None = None
    for line in sheet.split("\nanswers:\n")[1].splitlines():
        exercise = re.fullmatch(r"  ([a-z0-9-]+):", line)
        start = re.fullmatch(r"  #   (?:option )?([A-Z]): (.*)", line)
        if exercise:
            found[exercise.group(1)], options, label = options, {}, None
        elif start:
            label = start.group(1)
            options[label] = "".join(start.group(2).split())
        elif line.startswith("  #   stem "):
            label = None
        elif line.startswith("  #   ") and label:  # a text wrapped onto the next line
            options[label] += "".join(line.removeprefix("  #   ").split())
    return found


def test_a_variants_key_gives_the_letters_its_sheet_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """Marking a student's printed variant by hand: `checks key --student S --seed N` lists the exercises in the
    order of that student's sheet, and each answer is the letter that sheet prints beside the right option."""
    banks = ["--banks", str(REPO / "exercises")]
    variant = ["--student", "s42", "--seed", "9"]
    assert main([*banks, "sheet", *variant]) == 0
    printed = _printed_options(capsys.readouterr().out)
    assert main([*banks, "key", *variant]) == 0
    text = capsys.readouterr().out
    key = yaml.safe_load(text)
    assert (key["student"], key["variant"]) == ("answer key", {"student": "s42", "seed": "9"}) and "letters" not in key
    assert list(key["answers"]) == list(printed)  # the sheet's order, not the book's
    assert list(printed) != [ex.id for _, ex in book.exercises()]
    notes = iter(re.findall(r"^ +(?:- |[a-z0-9-]+: )([A-Z])  # (?:\(stem [0-9]+\) )?(.*)$", text, re.MULTILINE))
    for ex_id, answer in key["answers"].items():
        ex = book.find(ex_id)[1]  # type: ignore[index]
        texts = {o.id: o.text for o in getattr(ex, "options", ()) or getattr(ex, "items", ())}
        expected = key_response(ex)
        if not texts:
            assert answer == expected, ex_id
            continue
        rights = list(expected.values()) if isinstance(expected, dict) else expected
        rights = rights if isinstance(rights, list) else [rights]
        letters = list(answer.values()) if isinstance(answer, dict) else answer
        letters = letters if isinstance(letters, list) else [letters]
        if ex.kind == "multiple":  # a set of choices, given in the order of the sheet
            rights = sorted(rights, key=list(variants.letters(ex, "s42", "9").values()).index)
        assert len(letters) == len(rights), ex_id
        for letter, right in zip(letters, rights, strict=True):
            # The text the student's sheet prints beside the letter is the right option's, and so is the key's note.
            note_letter, note = next(notes)
            assert note_letter == letter and "".join(note.split()) == printed[ex_id][letter], ex_id
            assert variants.letters(ex, "s42", "9")[letter] == right, ex_id
    assert next(notes, None) is None
    # Either format grades with full marks, as the variant's own sheet would.
    for fmt in ("yaml", "json"):
        path = tmp_path / f"key.{fmt}"
        assert main([*banks, "key", *variant, "--format", fmt, "-o", str(path)]) == 0
        capsys.readouterr()
        assert main([*banks, "grade", "--json", str(path)]) == 0
        [graded] = json.loads(capsys.readouterr().out)
        assert graded["score"] == graded["max_score"] and graded["relettered"] == []
        answers = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]  # JSON is YAML too
        assert list(answers.items()) == list(key["answers"].items())


@pytest.mark.parametrize("given", [["--student", "s1"], ["--seed", "1"]])
def test_a_variants_key_needs_both_options(capsys: pytest.CaptureFixture[str], given: list[str]) -> None:
    assert main(["--banks", str(DATA / "bank.yaml"), "key", *given]) == 2
    assert capsys.readouterr() == ("", "error: a variant needs both --student and --seed\n")
