"""The gradebook report's answer to "which questions and misconceptions trip my students up?": the most frequent
misconceptions with what the students chose, the hardest exercises, and each exercise named by what it asks."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from checks import variants
from checks.cli import main as checks_main
from checks.gradebook.collect import collect
from checks.gradebook.findings import TOP_SHOWN
from checks.gradebook.items import MIN_ANSWERS
from checks.gradebook.words import PROMPT_LENGTH, shorten
from checks.loading import Book

from classroom import write_class
from conftest import DATA, REPO

SAMPLE = DATA / "bank.yaml"


def gradebook(capsys: pytest.CaptureFixture[str], banks: Path, sheets: dict[str, dict[str, Any]], root: Path) -> str:
    """The report of a class whose sheets answer as ``sheets`` says, student by student."""
    folder = root / "sheets"
    folder.mkdir(parents=True, exist_ok=True)
    for student, answers in sheets.items():
        (folder / f"{student}.json").write_text(json.dumps({"student": student, "answers": answers}), "utf-8")
    code = checks_main(["--banks", str(banks), "gradebook", str(folder), "--out", str(root / "out")])
    capsys.readouterr()
    assert code == 0
    return (root / "out" / "report.html").read_text(encoding="utf-8")


def section(page: str, anchor: str) -> str:
    start = page.index(f'<section aria-labelledby="{anchor}">')
    return page[start : page.index("</section>", start)]


def rows(part: str) -> list[list[str]]:
    """The body rows of the first table in ``part``, each cell as the text a reader sees."""
    body = part[part.index("<tbody>") : part.index("</tbody>")]
    return [
        [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def letter(book: Book, exercise: str, option: str) -> str:
    ex = next(ex for _, ex in book.exercises() if ex.id == exercise)
    return next(f"({found})" for found, id_ in variants.book_letters(ex).items() if id_ == option)


# Six students of the sample bank: who chose what, so that each count below can be read off.
CLASS = {
    "s0": {"t-single": "b", "t-truefalse": True, "t-text": "Extravasation ", "t-matching": {"prostate": "liver"}},
    "s1": {"t-single": "b", "t-truefalse": True, "t-matching": {"prostate": "(Liver)"}},  # written by hand
    "s2": {"t-single": "b", "t-truefalse": True, "t-matching": {"prostate": "bone"}},
    "s3": {"t-single": "c", "t-truefalse": True},
    "s4": {"t-single": "a", "t-truefalse": False},
    "s5": {"t-single": "a"},
}


def test_the_misconceptions_table_names_what_students_chose_and_how_many(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """Each tag with its exercise and the start of its prompt, the option or answer the bank tags with it (a
    matching stem with the option chosen for it, an answer written by hand counted as what it names), the
    students who showed it and their share of those who answered: most students first, then the larger share."""
    part = section(gradebook(capsys, SAMPLE, CLASS, tmp_path), "misconceptions-h")
    assert rows(part) == [
        ["stage-iv-always-metastatic", "t-truefalse Stage IV always means metastatic.", "true", "4", "80%"],
        ["wrong-b", "t-single Pick one.", f"{letter(sample, 't-single', 'b')} Wrong", "3", "50%"],
        ["liver-for-all", "t-matching Match.", "Prostate → Liver", "2", "67%"],
        ["entry-exit", "t-text Cells enter a vessel by ____.", "extravasation", "1", "100%"],
        ["wrong-c", "t-single Pick one.", f"{letter(sample, 't-single', 'c')} Also wrong", "1", "17%"],
    ]
    assert '<caption id="misconceptions-t">Every misconception shown, by most students first</caption>' in part
    assert "more shown by fewer students" not in part
    # One chapter graded: no chart of misconceptions by chapter, which would be a single bar.
    assert "<svg" not in part and "Misconceptions by chapter" not in part


def test_the_misconceptions_table_keeps_the_first_few_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Book
) -> None:
    """A class of forty over the whole book: the misconceptions most students showed, counted from each student's
    own results, and how many more there are; the chart by chapter, since eight chapters are graded."""
    write_class(tmp_path / "class", book)
    checks_main(
        ["--banks", str(REPO / "exercises"), "gradebook", str(tmp_path / "class"), "--out", str(tmp_path / "out")]
    )
    capsys.readouterr()
    part = section((tmp_path / "out" / "report.html").read_text(encoding="utf-8"), "misconceptions-h")
    students: dict[tuple[str, str], int] = {}
    for graded in collect([str(tmp_path / "class")], book, progress=False).graded:
        for result in graded.results:
            for tag in set(result.misconceptions):
                students[result.exercise_id, tag] = students.get((result.exercise_id, tag), 0) + 1
    table = rows(part)
    assert len(table) == TOP_SHOWN
    assert [int(row[3]) for row in table] == sorted(students.values(), reverse=True)[:TOP_SHOWN]
    assert all(students[row[1].split()[0], row[0]] == int(row[3]) for row in table)
    assert f"{len(students) - TOP_SHOWN} more shown by fewer students" in part
    assert "Misconceptions by chapter" in part and "<svg" in part


def test_the_hardest_exercises_are_those_fewest_got_right_with_the_wrong_answer_most_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: Book
) -> None:
    """Only exercises that enough students answered count: the matching exercise, three answers, is left out."""
    part = section(gradebook(capsys, SAMPLE, CLASS, tmp_path), "hardest-h")
    assert rows(part) == [
        ["t-truefalse Stage IV always means metastatic.", "5", "0.2", "true (4 students)"],
        ["t-single Pick one.", "6", "0.3333", f"{letter(sample, 't-single', 'b')} Wrong (3 students)"],
    ]
    assert '<caption id="hardest-t">The 2 hardest exercises, hardest first</caption>' in part


@pytest.mark.parametrize(
    ("typed", "most_given"),
    [
        (["kidney", "liver", "lung", "intravasation", "intravasation"], "tied, 1 student each: kidney; liver; lung"),
        (["kidney", "liver", "lung", "bone", "brain"], "tied, 1 student each: bone; brain; kidney; and 2 more"),
        (["kidney", "Kidney ", "liver", "liver", "lung"], "tied, 2 students each: kidney; liver"),
        (["kidney", "intravasation"] * 3, "kidney (3 students)"),
        (["kidney", *["intravasation"] * 4], "kidney (1 student)"),
    ],
)
def test_wrong_answers_given_by_as_many_students_are_said_as_a_tie(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: list[str], most_given: str
) -> None:
    """A wrong answer is "most given" only when no other was given as often: a tie names the answers tied, the
    first few, and how many students gave each; one student is "1 student"."""
    sheets = {f"s{n}": {"t-text": answer} for n, answer in enumerate(typed)}
    [row] = rows(section(gradebook(capsys, SAMPLE, sheets, tmp_path), "hardest-h"))
    assert row[0].startswith("t-text ") and row[3] == most_given


def test_what_students_chose_counts_one_student_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheets = {"s0": {"t-numeric": "12 pp"}, "s1": {"t-numeric": "12 pp"}, "s2": {"t-numeric": 12}}
    [row] = rows(section(gradebook(capsys, SAMPLE, sheets, tmp_path), "misconceptions-h"))
    assert row[:3] == ["misread-table", "t-numeric Difference in points?", "12 pp (2 students); 12 (1 student)"]


def test_too_few_answers_name_no_exercise_hardest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    few = {f"s{n}": {"t-single": "b"} for n in range(MIN_ANSWERS - 1)}
    part = section(gradebook(capsys, SAMPLE, few, tmp_path), "hardest-h")
    assert f"None to show: no exercise was answered by at least {MIN_ANSWERS} students, too few to tell." in part
    assert "<table" not in part


def test_exercises_are_named_by_the_start_of_their_prompt_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Roles give the words they show, a citation is left out, emphasis is its words; a long prompt is cut at a
    word, an ellipsis marking the cut."""
    prompt = (
        "Which *step* follows {term}`arrest <Arrest>` in the cascade {cite:p}`lambert-2017`, as the chapter "
        "describes it at some length, naming every step of the invasion–metastasis cascade in order?"
    )
    bank = SAMPLE.read_text(encoding="utf-8").replace("prompt: Pick one.", f"prompt: '{prompt}'")
    (tmp_path / "bank.yaml").write_text(bank, encoding="utf-8")
    page = gradebook(capsys, tmp_path / "bank.yaml", {"s0": {"t-single": "b"}}, tmp_path)
    first = rows(section(page, "exercises-h"))[0][0]
    assert first.startswith("t-single Which step follows arrest in the cascade, as the chapter describes it")
    assert first.endswith("…") and len(first.removeprefix("t-single ")) <= PROMPT_LENGTH
    assert not set("{}`*<>") & set(first) and "lambert" not in first
    assert rows(section(page, "misconceptions-h"))[0][1] == first


@pytest.mark.parametrize(
    ("text", "limit", "shortened"),
    [
        ("short enough", 12, "short enough"),
        ("cut at a word, not inside one", 16, "cut at a word…"),
        ("Supercalifragilistic word", 10, "Supercali…"),  # a word longer than half the line is cut inside
        ("ends with a comma, here", 19, "ends with a comma…"),
    ],
)
def test_shorten_cuts_at_a_word_within_the_limit(text: str, limit: int, shortened: str) -> None:
    assert shorten(text, limit) == shortened and len(shortened) <= limit


def test_the_wrong_answers_of_each_kind_are_named_as_students_gave_them(tmp_path: Path, sample: Book) -> None:
    """A select-all answer that only left a right option out names it; a ticked wrong option outranks that. A
    text is counted however it is capitalised and spaced, as first written; a number as typed; an ordering by
    its first item out of place; a matching answer by each stem matched to a wrong option."""
    from checks.gradebook.items import analyse

    answers: dict[str, dict[str, Any]] = {
        "s0": {"t-multiple": ["a", "b"], "t-text": "Kidney", "t-numeric": "12 pp", "t-ordering": ["s2", "s1"]},
        "s1": {"t-multiple": ["b", "a"], "t-text": " kidney", "t-numeric": 12, "t-matching": {"breast": "skin"}},
        "s2": {"t-multiple": ["a", "c"], "t-text": "liver", "t-numeric": "12 pp", "t-matching": {"breast": "skin"}},
    }
    for student, answered in answers.items():
        (tmp_path / f"{student}.json").write_text(json.dumps({"student": student, "answers": answered}), "utf-8")
    items = {it.exercise_id: it for it in analyse(sample, collect([str(tmp_path)], sample, progress=False).graded)}
    c = letter(sample, "t-multiple", "c")
    assert items["t-multiple"].wrong_answers == (
        (f"left out {c} C", 2),
        (f"left out {letter(sample, 't-multiple', 'b')} B", 1),
    )
    assert items["t-text"].wrong_answers == (("Kidney", 2), ("liver", 1))
    assert items["t-numeric"].wrong_answers == (("12 pp", 2), ("12", 1))
    assert items["t-numeric"].shown[0].chose == (("12 pp", 2), ("12", 1))  # any wrong number shows its tag
    assert items["t-ordering"].wrong_answers == (("first out of place: Two", 1),)
    assert items["t-matching"].wrong_answers == (("Breast → Skin", 2),)
    # Once a wrong option is ticked, it is named rather than what was left out.
    (tmp_path / "s3.json").write_text(json.dumps({"student": "s3", "answers": {"t-multiple": ["a", "d"]}}), "utf-8")
    items = {it.exercise_id: it for it in analyse(sample, collect([str(tmp_path)], sample, progress=False).graded)}
    assert items["t-multiple"].wrong_answers == ((f"{letter(sample, 't-multiple', 'd')} D", 1),)
    assert [(s.tag, s.students, s.chose) for s in items["t-multiple"].shown] == [
        ("tag-d", 1, ((f"{letter(sample, 't-multiple', 'd')} D", 1),))
    ]
