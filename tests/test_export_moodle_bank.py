"""What Moodle XML carries into Moodle's question bank besides the questions: hints and tags.

A hint becomes a ``<hint>``, which Moodle shows after a wrong try in *Interactive with multiple tries*, its text
converted as every other (HTML escaped, math for MathJax, the book's quotes), unless it points at the book or uses
markup the export cannot convert: then it is left out, a comment says why, and the question stays. Tags name the
exercise, its chapter and its objectives. Both come after the answers, as Moodle's own export writes them (its
importer reads a question's elements by name, ``qformat_xml::import_hints`` and ``import_question_tags``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
import yaml

from checks.exports import export
from checks.exports.markup import to_html
from checks.exports.pointers import pointer
from checks.id_owners import chapter_number
from checks.loading import Book, load_book


def _exercise(ex_id: str, kind: str, objectives: list[str], **fields: Any) -> dict[str, Any]:
    return {
        "id": ex_id,
        "kind": kind,
        "prompt": "Which?",
        "points": 1,
        "objectives": objectives,
        "explanation": "Because.",
        "source": "key",
        "reviewed": "2026-01-01",
        **fields,
    }


CHOICES = {
    "options": [
        {"id": "a", "text": "One", "correct": True, "feedback": "Yes."},
        {"id": "b", "text": "Two", "feedback": "No.", "misconception": "m"},
    ]
}
TRUTH = {"answer": True, "feedback_true": "Yes.", "feedback_false": "No.", "misconception": "m"}
HINT = 'Think of "the seed" & {math}`a<b` -- *where* it lands.'
LONG_ID = "c3-" + "x" * 48  # 51 characters: more than a Moodle tag keeps
BANK: dict[str, Any] = {
    "chapter": "03-how-cancer-spreads",
    "title": "How cancer spreads",
    "objectives": [{"id": "seed", "text": "Seed."}, {"id": "soil", "text": "Soil."}],
    "exercises": [
        _exercise("c3-hinted", "single", ["seed", "soil"], hint=HINT, **CHOICES),
        _exercise("c3-plain", "truefalse", ["soil"], **TRUTH),
        _exercise("c3-pointing", "truefalse", ["seed"], hint="See {ref}`the table <tbl-sites>`.", **TRUTH),
        _exercise("c3-fenced", "truefalse", ["seed"], hint="```\ncode\n```", **TRUTH),
        _exercise(LONG_ID, "truefalse", ["seed"], **TRUTH),
        _exercise("c3-to-exercise", "truefalse", ["seed"], hint="As in {numref}`c3-plain`.", **TRUTH),
        _exercise("c3-to-figure", "truefalse", ["seed"], hint="See {numref}`Fig. %s <fig-cascade>`.", **TRUTH),
        _exercise("c3-to-section", "truefalse", ["seed"], hint="Reread {ref}`ch03-leaving`.", **TRUTH),
        _exercise("c3-to-words", "truefalse", ["seed"], hint="See the table below.", **TRUTH),
    ],
}
# What a comment on each hint left out says it points at: as the book prints it, or the kind of place its label
# names, never the label, which an instructor cannot look up.
POINTED_AT = {
    "c3-pointing": 'a table ("the table")',
    "c3-to-exercise": "Exercise 3.2",
    "c3-to-figure": "a figure",
    "c3-to-section": "a section",
    "c3-to-words": '"the table below"',
}
UNNUMBERED = {**BANK, "chapter": "appendix", "exercises": [_exercise("a-plain", "truefalse", ["soil"], **TRUTH)]}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Book:
    folder = tmp_path_factory.mktemp("moodle-bank")
    for name, data in (("03-how-cancer-spreads", BANK), ("appendix", UNNUMBERED)):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return load_book([folder])


def _questions(book: Book) -> tuple[str, dict[str, ET.Element]]:
    """The file's text and each question by its ID number."""
    data, _ = export(book, "moodle")
    root = ET.fromstring(data)
    questions = {str(q.findtext("idnumber")): q for q in root.iter("question") if q.get("type") != "category"}
    return data.decode("utf-8"), questions


def _tags(q: ET.Element) -> list[str]:
    return [str(t.findtext("text")) for t in q.findall("tags/tag")]


def test_a_hint_is_carried_as_the_rest_of_the_text_is(bank: Book) -> None:
    _, questions = _questions(bank)
    (hint,) = questions["c3-hinted"].findall("hint")
    assert hint.get("format") == "html"
    assert hint.findtext("text") == "Think of “the seed” &amp; \\(a&lt;b\\) – <em>where</em> it lands."
    assert not questions["c3-plain"].findall("hint")


def test_a_hint_that_points_at_the_book_or_cannot_be_converted_is_left_out_with_a_comment(bank: Book) -> None:
    text, questions = _questions(bank)
    for ex_id in (*POINTED_AT, "c3-fenced"):
        assert not questions[ex_id].findall("hint"), ex_id  # the question itself is exported
    for ex_id, what in POINTED_AT.items():
        start = text.index(f"<idnumber>{ex_id}</idnumber>")
        question = text[start : text.index("</question>", start)]
        assert f"<!-- hint left out: it points at {what} in the book, which the quiz would not show -->" in question
    start = text.index("<idnumber>c3-fenced</idnumber>")
    question = text[start : text.index("</question>", start)]
    assert "<!-- hint left out: its text uses a fenced block or directive, which the export cannot convert -->" in (
        question
    )


def test_questions_are_tagged_with_their_id_chapter_and_objectives(bank: Book) -> None:
    _, questions = _questions(bank)
    assert _tags(questions["c3-hinted"]) == [
        "c3-hinted",
        "chapter-3",
        "chapter-3-objective-seed",
        "chapter-3-objective-soil",
    ]
    assert _tags(questions["c3-plain"]) == ["c3-plain", "chapter-3", "chapter-3-objective-soil"]
    assert _tags(questions["a-plain"]) == ["a-plain", "chapter-appendix", "chapter-appendix-objective-soil"]
    # Moodle would cut the id at 50 characters; it stays the question's ID number.
    assert _tags(questions[LONG_ID]) == ["chapter-3", "chapter-3-objective-seed"]
    assert questions[LONG_ID].findtext("idnumber") == LONG_ID


def test_hints_and_tags_come_after_the_answers_as_moodle_writes_them(bank: Book) -> None:
    _, questions = _questions(bank)
    children = [child.tag for child in questions["c3-hinted"]]
    assert children[-2:] == ["hint", "tags"]
    assert max(i for i, tag in enumerate(children) if tag == "answer") < children.index("hint")
    assert [child.tag for child in questions["c3-plain"]][-1] == "tags"


def test_every_kind_in_the_book_carries_its_hint_and_tags(book: Book) -> None:
    _, questions = _questions(book)
    kinds = set()
    for bank in book.banks:
        chapter = f"chapter-{chapter_number(bank.chapter)}"
        for ex in bank.exercises:
            if ex.id not in questions:
                continue
            q = questions[ex.id]
            assert _tags(q) == [ex.id, chapter, *(f"{chapter}-objective-{o}" for o in ex.objectives)]
            hints = [str(h.findtext("text")) for h in q.findall("hint")]
            if ex.hint is None or pointer(ex.hint):
                assert hints == [], ex.id
            else:
                assert hints == [to_html(ex.hint)], ex.id
                kinds.add(ex.kind)
    assert kinds >= {"single", "truefalse", "text", "numeric"}
    # Two of the book's hints send the reader to a part of the chapter, and are left out.
    assert sorted(ex.id for _, ex in book.exercises() if ex.hint and pointer(ex.hint)) == [
        "c2-sites-top",
        "c3-cascade-order",
    ]
