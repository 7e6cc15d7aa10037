"""What a student reads in the LMS, in every export: answers as typed, math, the scoring rule, quotes, names.

A small bank written here holds the hard cases: foreseen wrong answers that look like markup (``1. stage``,
``*stage* four``) with feedback of several paragraphs or a list, inline math with GIFT's special characters,
a multiple-select question, quotes in texts, options and typed answers. Each format's file is read back as
its LMS reads it: GIFT by the independent parser gift-pegjs, Moodle XML and QTI with xml.etree, Aiken line
by line.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.exports import export
from checks.loading import Book, load_book

from conftest import GiftParse

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
SCORING_RULE = "<p><em>Choose all that apply; each wrong choice cancels a right one</em></p>"


def _exercise(ex_id: str, kind: str, prompt: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": ex_id,
        "kind": kind,
        "prompt": prompt,
        "points": 1,
        "objectives": ["o1"],
        "explanation": "Because.",
        "source": "key",
        "reviewed": "2026-01-01",
        **fields,
    }


def _option(oid: str, text: str, correct: bool = False, feedback: str = "No.") -> dict[str, Any]:
    option: dict[str, Any] = {"id": oid, "text": text, "feedback": feedback}
    if correct:
        option["correct"] = True
    else:
        option["misconception"] = f"tag-{oid}"
    return option


# Wrong answers a student may type, which read as MyST would be a list, emphasis or curly quotes.
WRONG_ANSWERS = ["1. stage", "*stage* four", "tumour's edge"]
BANK: dict[str, Any] = {
    "chapter": "03-how-cancer-spreads",
    "title": "How cancer spreads",
    "objectives": [{"id": "o1", "text": "Spread."}],
    "exercises": [
        _exercise(
            "c3-stage",
            "text",
            "Which stage is it?",
            accept=["four", "stage IV", "tumour's"],
            wrong_answers=[
                {"answer": WRONG_ANSWERS[0], "feedback": "Not a list.\n\nA second paragraph.", "misconception": "m1"},
                {"answer": WRONG_ANSWERS[1], "feedback": "- one\n- two", "misconception": "m2"},
                {"answer": WRONG_ANSWERS[2], "feedback": "Close.", "misconception": "m3"},
            ],
            feedback_correct="Yes.",
            feedback_incorrect="No.",
        ),
        _exercise(
            "c3-area",
            "single",
            "The area is {math}`\\pi r^2`; what is {math}`\\frac{a}{b} = c`?",
            options=[
                _option("a", "{math}`x^2`", True, "Yes: {math}`a:b # c ~ d`."),
                _option("b", "{math}`\\{x\\}`"),
            ],
        ),
        _exercise(
            "c3-which",
            "multiple",
            "Which?",
            options=[_option("a", "A", True, "Yes."), _option("b", "B", True, "Yes."), _option("c", "C")],
        ),
        _exercise(
            "c3-quoted",
            "single",
            "Paget's \"seed\" and *soil*'s part: which?",
            options=[_option("a", "the 'seed'", True, "Yes."), _option("b", "the soil's")],
        ),
        _exercise(
            "c3-pairs",
            "matching",
            "Match them.",
            extended=True,
            options=[{"id": "a", "text": "Paget's seed"}, {"id": "b", "text": "Soil"}, {"id": "c", "text": "Neither"}],
            stems=[
                {"id": "s1", "text": "One", "answer": "a", "feedback": "Yes."},
                {"id": "s2", "text": "Two", "answer": "b", "feedback": "Yes."},
            ],
        ),
    ],
}
AREA = "The area is \\(\\pi r^2\\); what is \\(\\frac{a}{b} = c\\)?"


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("texts") / "03-how-cancer-spreads.yaml"
    path.write_text(yaml.safe_dump(BANK, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_book([path])


def _gift(book: Book, gift_parse: GiftParse) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The categories of the GIFT file and each question by its name."""
    data, skipped = export(book, "gift")
    assert skipped == []
    parsed = gift_parse(data)
    return [q["title"] for q in parsed if q["type"] == "Category"], {
        q["title"]: q for q in parsed if q["type"] != "Category"
    }


def _moodle(book: Book) -> tuple[list[str], dict[str, ET.Element]]:
    """The categories of the Moodle XML file and each question by its name."""
    data, skipped = export(book, "moodle")
    assert skipped == []
    root = ET.fromstring(data)
    categories = [str(q.findtext("category/text")) for q in root.iter("question") if q.get("type") == "category"]
    questions = {str(q.findtext("name/text")): q for q in root.iter("question") if q.get("type") != "category"}
    return categories, questions


def _qti(book: Book) -> tuple[list[str], dict[str, ET.Element]]:
    """The titles of the QTI zip's quizzes and each item by its title."""
    data, skipped = export(book, "qti")
    assert skipped == []
    archive = zipfile.ZipFile(io.BytesIO(data))
    roots = [ET.fromstring(archive.read(n)) for n in archive.namelist() if n != "imsmanifest.xml"]
    titles = [str(a.get("title")) for root in roots for a in root.iter(f"{QTI}assessment")]
    return titles, {str(i.get("title")): i for root in roots for i in root.iter(f"{QTI}item")}


def _stem(item: ET.Element) -> str:
    return str(item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext"))


def _qti_feedback(item: ET.Element, ident: str) -> str:
    found = next(f for f in item.iter(f"{QTI}itemfeedback") if f.get("ident") == ident)
    return str(found.findtext(f".//{QTI}mattext"))


# -- foreseen wrong answers are what a student types ----------------------------------------------------------


def test_qti_feedback_for_wrong_answers_shows_them_as_typed_in_valid_html(bank: Book) -> None:
    """Canvas has one feedback for any wrong answer: each foreseen one joins it in a block of its own, the answer
    as the student types it (no list, no emphasis, no curly quotes) with its spellings as Moodle is given them, the
    feedback's paragraphs and lists whole."""
    _, items = _qti(bank)
    incorrect = _qti_feedback(items["Exercise 3.1 (c3-stage)"], "general_incorrect_fb")
    assert incorrect == (
        "<p>No.</p>"
        "<div><p>If you answered “1. stage” or “1 stage”: Not a list.</p><p>A second paragraph.</p></div>"
        "<div><p>If you answered “*stage* four” or “stage four”:</p><ul><li>one</li><li>two</li></ul></div>"
        "<div><p>If you answered “tumour's edge” or “tumour s edge”: Close.</p></div>"
    )
    # Well-formed, and no block inside a paragraph, which a browser would break apart.
    for paragraph in ET.fromstring(f"<feedback>{incorrect}</feedback>").iter("p"):
        assert not [child.tag for child in paragraph if child.tag in ("p", "div", "ul", "ol", "li")], incorrect


def test_qti_escapes_a_typed_answer(tmp_path: Path) -> None:
    """A wrong answer with HTML's own characters is text in the feedback, not markup."""
    typed = {"answer": "<b>a</b> & b", "feedback": "No.", "misconception": "m1"}
    exercise = _exercise(
        "c3-typed",
        "text",
        "Type it.",
        accept=["a"],
        wrong_answers=[typed],
        feedback_correct="Yes.",
        feedback_incorrect="No.",
    )
    path = tmp_path / "03-how-cancer-spreads.yaml"
    path.write_text(yaml.safe_dump({**BANK, "exercises": [exercise]}, sort_keys=False), encoding="utf-8")
    _, items = _qti(load_book([path]))
    incorrect = _qti_feedback(items["Exercise 3.1 (c3-typed)"], "general_incorrect_fb")
    assert "<div><p>If you answered “&lt;b&gt;a&lt;/b&gt; &amp; b” or “b a b b”: No.</p></div>" in incorrect


def test_moodle_and_gift_take_wrong_answers_as_typed(bank: Book, gift_parse: GiftParse) -> None:
    """Moodle compares a short answer with its answers as written, a ``*`` escaped (its wildcard otherwise); each
    is followed by its spelling as the book compares it, which Moodle would not take for it."""
    as_moodle_reads = ["1. stage", "1 stage", "\\*stage\\* four", "stage four", "tumour's edge", "tumour s edge"]
    accepted = ["four", "stage IV", "tumour's", "tumour s"]
    _, gift = _gift(bank, gift_parse)
    choices = gift["Exercise 3.1 (c3-stage)"]["choices"]
    assert [c["text"]["text"] for c in choices if c["weight"] == 0][:-1] == as_moodle_reads
    assert [c["text"]["text"] for c in choices if c["weight"] == 100] == accepted
    _, moodle = _moodle(bank)
    answers = moodle["Exercise 3.1 (c3-stage)"].findall("answer")
    assert [a.findtext("text") for a in answers] == [*accepted, *as_moodle_reads, "*"]
    assert all(a.get("format") is None for a in answers)  # plain text, not HTML
    assert answers[4].findtext("feedback/text") == answers[5].findtext("feedback/text")
    assert answers[5].findtext("feedback/text") == "<p>Not a list.</p><p>A second paragraph.</p>"


# -- inline math ---------------------------------------------------------------------------------------------


def test_inline_math_is_typeset_by_the_lms(bank: Book, gift_parse: GiftParse) -> None:
    """``{math}`` is written between ``\\(`` and ``\\)``, which Moodle's and Canvas's MathJax typeset; in GIFT
    every special character inside it is escaped, and comes back as written."""
    _, gift = _gift(bank, gift_parse)
    question = gift["Exercise 3.2 (c3-area)"]
    assert question["stem"]["text"] == AREA
    assert sorted((c["text"]["text"], c["feedback"]["text"]) for c in question["choices"]) == [  # the book's order
        ("\\(\\{x\\}\\)", "No."),
        ("\\(x^2\\)", "Yes: \\(a:b # c ~ d\\)."),
    ]
    text = export(bank, "gift")[0].decode("utf-8")
    assert "\\\\(\\\\frac\\{a\\}\\{b\\} \\= c\\\\)" in text and "\\\\(a\\:b \\# c \\~ d\\\\)" in text
    _, moodle = _moodle(bank)
    assert moodle["Exercise 3.2 (c3-area)"].findtext("questiontext/text") == AREA
    _, items = _qti(bank)
    assert _stem(items["Exercise 3.2 (c3-area)"]) == AREA


def test_aiken_skips_inline_math(bank: Book) -> None:
    """Plain text cannot show a formula: the exercise is left out, with a line that says why."""
    data, skipped = export(bank, "aiken")
    assert "skipped c3-area (single): its text uses inline math ({math}), which plain text cannot show" in skipped
    assert "pi r" not in data.decode("utf-8") and "Paget’s “seed”" in data.decode("utf-8")


# -- the scoring rule of multiple select ---------------------------------------------------------------------


def test_multiple_select_says_how_it_scores(bank: Book, gift_parse: GiftParse) -> None:
    """Every format's multiple-select question says, as the book does above the options, that each wrong tick
    cancels a right one: the LMS scores so, and a student must know it before ticking."""
    question = f"<p>Which?</p>{SCORING_RULE}"
    _, gift = _gift(bank, gift_parse)
    assert gift["Exercise 3.3 (c3-which)"]["stem"]["text"] == question
    _, moodle = _moodle(bank)
    assert moodle["Exercise 3.3 (c3-which)"].findtext("questiontext/text") == question
    _, items = _qti(bank)
    assert _stem(items["Exercise 3.3 (c3-which)"]) == question
    # A single choice gets no rule: there is one answer to pick, and the LMS shows it so.
    assert "Choose" not in str(moodle["Exercise 3.4 (c3-quoted)"].findtext("questiontext/text"))


# -- quotes --------------------------------------------------------------------------------------------------


def test_texts_have_the_books_quotes_and_typed_answers_do_not(bank: Book, gift_parse: GiftParse) -> None:
    """Prompts, options and matching options get the book's curly quotes; what a student types stays straight."""
    prompt = "Paget’s “seed” and <em>soil</em>’s part: which?"
    options = ["the soil’s", "the ‘seed’"]  # sorted
    _, gift = _gift(bank, gift_parse)
    assert gift["Exercise 3.4 (c3-quoted)"]["stem"]["text"] == prompt
    assert sorted(c["text"]["text"] for c in gift["Exercise 3.4 (c3-quoted)"]["choices"]) == options
    assert gift["Exercise 3.5 (c3-pairs)"]["matchPairs"][0]["subanswer"] == "Paget’s seed"
    _, moodle = _moodle(bank)
    assert moodle["Exercise 3.4 (c3-quoted)"].findtext("questiontext/text") == prompt
    assert sorted(str(a.findtext("text")) for a in moodle["Exercise 3.4 (c3-quoted)"].findall("answer")) == options
    assert moodle["Exercise 3.5 (c3-pairs)"].findtext("subquestion/answer/text") == "Paget’s seed"
    _, items = _qti(bank)
    assert _stem(items["Exercise 3.4 (c3-quoted)"]) == prompt
    labels = [str(m.text) for m in items["Exercise 3.5 (c3-pairs)"].iter(f"{QTI}mattext")]
    assert "Paget’s seed" in labels
    accepted = [v.text for v in items["Exercise 3.1 (c3-stage)"].iter(f"{QTI}varequal")]
    assert accepted == ["four", "stage IV", "tumour's", "tumour s"]


# -- names ---------------------------------------------------------------------------------------------------


def test_every_format_names_chapters_and_questions_alike(bank: Book, gift_parse: GiftParse) -> None:
    """A class's questions match across imports: "Exercise 3.2 (c3-area)" in GIFT as in Moodle XML and QTI, and a
    chapter is its number and title, so that an LMS listing them by name lists them in the book's order."""
    names = [f"Exercise 3.{n} ({ex.id})" for n, ex in enumerate(bank.banks[0].exercises, start=1)]
    gift_categories, gift = _gift(bank, gift_parse)
    moodle_categories, moodle = _moodle(bank)
    qti_titles, items = _qti(bank)
    assert list(gift) == list(moodle) == list(items) == names
    assert gift_categories == ["3. How cancer spreads"]
    assert moodle_categories == ["$course$/top/3. How cancer spreads"]
    assert qti_titles == ["3. How cancer spreads"]


def test_a_chapter_without_a_number_keeps_its_title_and_ids(tmp_path: Path, gift_parse: GiftParse) -> None:
    path = tmp_path / "review.yaml"
    exercises = [{**ex, "id": ex["id"].replace("c3-", "r-")} for ex in BANK["exercises"][2:3]]
    path.write_text(yaml.safe_dump({**BANK, "chapter": "review", "exercises": exercises}), encoding="utf-8")
    categories, gift = _gift(load_book([path]), gift_parse)
    assert (categories, list(gift)) == (["How cancer spreads"], ["r-which"])
    assert re.search(r"^::r-which::", export(load_book([path]), "gift")[0].decode("utf-8"), re.MULTILINE)
