"""Exports to learning-management systems: GIFT read back by an independent parser, Moodle XML, QTI zips, Aiken.

GIFT files are parsed with the npm package gift-pegjs (pinned in
tests/package.json, installed with ``npm ci --prefix tests`` when missing),
so the round trip does not trust our own escaping. QTI zips are opened and
every XML file is parsed with xml.etree. Aiken files are read back by a small
reader written here. A small bank with hostile characters (``~ = # { } :``,
backslash, ``<``, ``&``, ``->``) checks that texts come back exactly.
"""

from __future__ import annotations

import argparse
import errno
import html
import io
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from checks.cli import main
from checks.exports import add_parser, export
from checks.exports.citations import (
    Citations,
    citation_roles,
    citing,
    from_bibliography,
    uncited,
    without_citations,
)
from checks.exports.common import Skip, number
from checks.exports.gift import ORDERING
from checks.exports.markup import (
    NUMBER_ONLY,
    join_html,
    matching_feedback,
    plain_option,
    readable,
    to_html,
    to_plain,
)
from checks.exports.pointers import pointer
from checks.exports.scripts import SUBSCRIPT, SUPERSCRIPT
from checks.loading import Book, load_book
from checks.model import REUSE_NOTE, AnyExercise, Matching, MultipleSelect, Numeric, ShortText, SingleChoice, TrueFalse
from checks.normalise import normalise_text
from checks.numbers import exercise_numbers
from checks.options import UsageError
from checks.variants import display_match_options, display_options

from conftest import REPO, GiftParse

TESTS = Path(__file__).resolve().parent
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
GIFT_TYPES = {
    "single": "MC",
    "multiple": "MC",
    "truefalse": "TF",
    "text": "Short",
    "numeric": "Numerical",
    "matching": "Matching",
}
QTI_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "truefalse": "true_false_question",
    "text": "short_answer_question",
    "numeric": "numerical_question",
    "matching": "matching_question",
}
# Every special character of GIFT, a backslash, and what HTML must escape.
HOSTILE = "a ~ b = c # d { e } f : g \\ h -> i & j < k"
HOSTILE_HTML = html.escape(HOSTILE, quote=False)


# -- a bank with hostile characters --------------------------------------------------------


def _common(ex_id: str, kind: str, prompt: str, explanation: str = HOSTILE) -> dict[str, Any]:
    return {
        "id": ex_id,
        "kind": kind,
        "prompt": prompt,
        "points": 2,
        "objectives": ["o1"],
        "explanation": explanation,
        "source": "key",
        "reviewed": "2026-01-01",
    }


def _option(oid: str, text: str, correct: bool, feedback: str) -> dict[str, Any]:
    option: dict[str, Any] = {"id": oid, "text": text, "correct": correct, "feedback": feedback}
    if not correct:
        option["misconception"] = f"tag-{oid}"
    return option


HOSTILE_BANK: dict[str, Any] = {
    "chapter": "hostile",
    "title": "Hostile: chapter/one",
    "objectives": [{"id": "o1", "text": "Survive escaping."}],
    "exercises": [
        {
            **_common("h-single", "single", "Pick = the {right} one: #1 ~ \\ ?"),
            "vignette": HOSTILE,
            "options": [
                _option("a", "=equals first", False, "~tilde first"),
                _option("b", HOSTILE, True, "#hash first } and {"),
                _option("c", "%5% of people", False, ":colon first"),
            ],
        },
        {
            **_common("h-multiple", "multiple", HOSTILE),
            "options": [
                _option("a", "A = 1", True, "yes #1"),
                _option("b", "B ~ 2", True, "yes {2}"),
                _option("c", "C : 3", True, "yes \\ 3"),
                _option("d", "D # 4", False, "no = 4"),
                _option("e", "E } 5", False, "no ~ 5"),
            ],
        },
        {
            **_common("h-truefalse", "truefalse", HOSTILE),
            "answer": False,
            "feedback_true": "Wrong = answer #1",
            "feedback_false": "Right { answer } :2",
            "misconception": "tf-tag",
        },
        {
            **_common("h-text", "text", "Type {it}: ____"),
            "accept": ["a=b", "c#d", "x{y}", "p:q", "5*"],
            "wrong_answers": [{"answer": "e~f", "feedback": "Close = not quite", "misconception": "near"}],
            "feedback_correct": HOSTILE,
            "feedback_incorrect": "No ~ try again",
        },
        {
            **_common("h-numeric", "numeric", "How many # = ?"),
            "value": 2.7,
            "relative_tolerance": 0.05,
            "units": ["months"],
            "feedback_correct": "Right: 2.7",
            "feedback_incorrect": "Wrong = not 2.7",
        },
        {
            **_common("h-matching", "matching", "Match {these}:"),
            "extended": True,
            "options": [
                {"id": "a", "text": "p -> q = r"},
                {"id": "b", "text": "s # t"},
                {"id": "c", "text": "u ~ v"},
                {"id": "d", "text": "w : x"},
            ],
            "stems": [
                {"id": "s1", "text": "one = 1", "answer": "a", "feedback": "a ~ 1"},
                {"id": "s2", "text": "two # 2", "answer": "a", "feedback": "a { 2 }"},
                {"id": "s3", "text": "three -> 3", "answer": "b", "feedback": "b : 3"},
            ],
        },
        {
            **_common(
                "h-markup",
                "single",
                "Is *this* **bold** {cite:p}`smith-2020,lee-2021` about {term}`spread <Metastasis>`?",
                explanation="See [the source](https://example.org/a?b=1&c=2) and `code ~ =`.",
            ),
            "options": [_option("a", "Yes, *really*", True, "Right"), _option("b", "No", False, "Wrong")],
        },
        {
            **_common("h-order", "ordering", "Order them."),
            "items": [{"id": "x", "text": "First"}, {"id": "y", "text": "Second"}],
        },
        {
            **_common("h-pattern", "text", "Type it."),
            "accept": ["intravasation"],
            "patterns": ["intra ?vasation"],
            "feedback_correct": "Yes.",
            "feedback_incorrect": "No.",
        },
        {
            **_common("h-table", "single", "Which row?\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
            "options": [_option("a", "One", True, "Yes"), _option("b", "Two", False, "No")],
        },
        {
            **_common("h-aiken-trap", "single", "A. Smith wrote which paper?"),
            "options": [_option("a", "One", True, "Yes"), _option("b", "Two", False, "No")],
        },
    ],
}
SKIPPED_EVERYWHERE = {"h-order", "h-pattern", "h-table"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(HOSTILE_BANK, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_book([path])


def lms_spellings(answers: Sequence[str], before: Sequence[str] = ()) -> list[list[str]]:
    """What an LMS is given for each typed answer, as the instructors' page says: the answer as written, then the
    answer without accents and the answer as the book compares it, each in NFC and only where an LMS that sets aside
    case and the spaces around an answer would take it for no answer (of ``answers`` or ``before``) nor spelling
    before it."""

    def compared(text: str) -> str:
        return unicodedata.normalize("NFC", text).strip().lower()

    seen = {compared(text) for text in (*before, *answers)}
    listed = []
    for answer in answers:
        decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", answer))
        no_accents = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
        row = [answer]
        for spelling in (no_accents, normalise_text(answer)):
            spelling = unicodedata.normalize("NFC", spelling)
            if spelling.strip() and compared(spelling) not in seen:
                seen.add(compared(spelling))
                row.append(spelling)
        listed.append(row)
    return listed


def text_answers(ex: ShortText) -> list[tuple[str, int, str]]:
    """Each answer an LMS is given for a short-text exercise, in order, with its weight and its feedback (MyST):
    the accepted ones and their spellings, then the foreseen wrong ones and theirs."""
    accepted = [spelling for row in lms_spellings(ex.accept) for spelling in row]
    wrong = lms_spellings([w.answer for w in ex.wrong_answers], accepted)
    return [
        *((spelling, 100, ex.feedback_correct) for spelling in accepted),
        *((spelling, 0, w.feedback) for w, row in zip(ex.wrong_answers, wrong, strict=True) for spelling in row),
    ]


def _exercise(book: Book, ex_id: str) -> AnyExercise:
    found = book.find(ex_id)
    assert found is not None
    return found[1]


def _skipped_ids(messages: list[str]) -> set[str]:
    return {m.split()[1] for m in messages}


# -- MyST to HTML and plain text -------------------------------------------------------------


# What the book prints above a multiple-select exercise's options, in italics: the rule it scores by.
SCORING_RULE = "<p><em>Choose all that apply; each wrong choice cancels a right one</em></p>"


def stem_html(ex: AnyExercise) -> str:
    """The question text an LMS gets: vignette, prompt, the scoring rule of a multiple-select exercise, the reuse
    note of an extended matching exercise, and for a numeric one with units, to type the number alone (an LMS
    takes no unit)."""
    vignette = ex.vignette if isinstance(ex, SingleChoice) else None
    reuse = REUSE_NOTE if isinstance(ex, Matching) and ex.extended else None
    units = NUMBER_ONLY.format(unit=ex.units[0]) if isinstance(ex, Numeric) and ex.units else None
    if isinstance(ex, MultipleSelect):
        return to_html(ex.prompt, paragraphs=True) + SCORING_RULE
    texts = [t for t in (vignette, ex.prompt, reuse, units) if t]
    return join_html(*texts) if len(texts) > 1 else to_html(ex.prompt)


MARKUP_CASES = [
    ("plain words", "plain words", "plain words"),
    ("*intra*vasation", "<em>intra</em>vasation", "intravasation"),
    ("**strong** and _em_", "<strong>strong</strong> and <em>em</em>", "strong and em"),
    ("**bold *inner* bold**", "<strong>bold <em>inner</em> bold</strong>", "bold inner bold"),
    ("snake_case_name", "snake_case_name", "snake_case_name"),
    ("5 * 3 * 2", "5 * 3 * 2", "5 * 3 * 2"),
    ("{cite:p}`lambert-2017`", "(lambert-2017)", "(lambert-2017)"),
    ("{cite:t}`a, b`", "a and b", "a and b"),  # keys, without a bibliography: in a sentence, as the book would
    ("{term}`metastases <Metastasis>`", "metastases", "metastases"),
    ("{term}`Metastasis`", "Metastasis", "Metastasis"),
    ("CO{sub}`2`", "CO<sub>2</sub>", "CO₂"),
    ("About 10{sup}`6` cells", "About 10<sup>6</sup> cells", "About 10⁶ cells"),
    ("10{superscript}`-3` and H{subscript}`2`O", "10<sup>-3</sup> and H<sub>2</sub>O", "10⁻³ and H₂O"),
    ("`a < b`", "<code>a &lt; b</code>", "a < b"),
    ("[NCI](https://cancer.gov)", '<a href="https://cancer.gov">NCI</a>', "NCI (https://cancer.gov)"),
    ("[the chapter](03-how-cancer-spreads.md)", "the chapter", "the chapter"),
    ("\\*not em\\*", "*not em*", "*not em*"),
    ("a & b < c", "a &amp; b &lt; c", "a & b < c"),
    ("one\n\ntwo", "<p>one</p><p>two</p>", "one two"),
    ("Steps:\n\n- out\n- in", "<p>Steps:</p><ul><li>out</li><li>in</li></ul>", "Steps: • out • in"),
    ("1. first\n2. second", "<ol><li>first</li><li>second</li></ol>", "1. first 2. second"),
    ("It rose in\n2017. Then fell.", "It rose in 2017. Then fell.", "It rose in 2017. Then fell."),
]


@pytest.mark.parametrize(("myst", "as_html", "as_plain"), MARKUP_CASES)
def test_markup_converts(myst: str, as_html: str, as_plain: str) -> None:
    assert to_html(myst) == as_html
    assert to_plain(myst) == as_plain


@pytest.mark.parametrize(
    ("myst", "as_plain"),
    [
        ("10{sup}`−3`", "10⁻³"),  # a minus sign as typeset, as well as a hyphen
        ("a{sup}`(n+1)` or a{sup}`i=0`", "a⁽ⁿ⁺¹⁾ or aⁱ⁼⁰"),
        ("x{sub}`(1)` − x{sub}`0`", "x₍₁₎ − x₀"),
        # No Unicode form for every character: the caret and underscore of plain text, a group in brackets.
        ("10{sup}`x`, V{sub}`max`", "10^x, V_max"),
        ("e{sup}`x + 1`, CD{sub}`4+ T`", "e^(x + 1), CD_(4+ T)"),
        ("10{sup}`6a`", "10^6a"),
        # Where raising changes nothing: an ordinal's ending, a mark.
        ("the 2{sup}`nd` line", "the 2nd line"),
        ("Brand{sup}`®` and note{sup}`*`", "Brand® and note*"),
    ],
)
def test_raised_and_lowered_text_keeps_its_meaning_in_plain_text(myst: str, as_plain: str) -> None:
    assert to_plain(myst) == as_plain
    assert to_plain(myst, inline=True) == as_plain


def test_script_tables_hold_only_true_superscripts_and_subscripts() -> None:
    """Each character written is the Unicode superscript or subscript of the one it stands for."""
    for table, kind in ((SUPERSCRIPT, "SUPERSCRIPT"), (SUBSCRIPT, "SUBSCRIPT")):
        for char, raised in table.items():
            assert unicodedata.name(raised).split()[0] == kind, (char, raised)
            assert unicodedata.normalize("NFKC", raised) == char.replace("-", "−"), (char, raised)
    assert set(SUPERSCRIPT) == set("0123456789+-−=()ni")
    assert set(SUBSCRIPT) == set("0123456789+-−=()")


def test_readable_labels_keep_superscripts() -> None:
    """Sheets, keys and the gradebook's labels read texts through readable()."""
    assert readable("About 10{sup}`6` cells") == "About 10⁶ cells"
    assert readable("CO{sub}`2` levels", inline=True) == "CO₂ levels"


def test_inline_texts_have_no_block_syntax() -> None:
    # Options, items and stems are inline markup in the book: a leading % is no comment, 1. no list, # no heading.
    assert to_html("%5% of *people*", inline=True) == "%5% of <em>people</em>"
    assert to_html("1. first", inline=True) == "1. first"
    assert to_html("# 4 and\n  more", inline=True) == "# 4 and more"
    assert to_html("1. first") == "<ol><li>first</li></ol>"
    for block in ("%5% of people", "# 4 and more"):
        with pytest.raises(Skip):
            to_html(block)


def test_vignette_and_prompt_are_paragraphs() -> None:
    assert join_html("A *case*.", "Which?") == "<p>A <em>case</em>.</p><p>Which?</p>"


@pytest.mark.parametrize(
    ("myst", "what"),
    [
        ("```python\nx\n```", "a fenced block or directive"),
        (":::{note}\nx\n:::", "a fenced block or directive"),
        ("# Title", "a heading"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "a table"),
        ("$$\nx\n$$", "a math block"),
        ("% a comment", "a comment line"),
        ("See ![a plot](plot.png).", "an image"),
        ("Line<br>break", "raw HTML"),
        ("Dose {{ dose }}", "a substitution"),
        ("- a\n    - nested", "a nested list"),
    ],
)
def test_markup_refuses_what_it_cannot_convert(myst: str, what: str) -> None:
    with pytest.raises(Skip, match=f"uses {what},"):
        to_html(myst)


@pytest.mark.parametrize(
    ("value", "text"), [(23.3, "23.3"), (120.0, "120"), (1e-05, "0.00001"), (-0.0, "0"), (2.5e6, "2500000")]
)
def test_number_has_no_exponent(value: float, text: str) -> None:
    assert number(value) == text


# -- GIFT ---------------------------------------------------------------------------------------


# The kinds of place the book's labels name by their first word, as a skip line says them.
_KINDS = {"fig": "a figure", "tab": "a table", "tbl": "a table"}


def _skips(book: Book, kinds: Callable[[AnyExercise], str | None]) -> list[str]:
    """The skip lines expected for the real book: a question that points the reader at a table or chart
    of the book comes first (the quiz would not show it), then what the format lacks (``kinds``)."""
    lines = []
    for _, ex in book.exercises():
        question = f"{getattr(ex, 'vignette', None) or ''} {ex.prompt}"
        if "{ref}`" in question:
            label = question.split("{ref}`", 1)[1].split("`", 1)[0].split("<")[-1].rstrip(">")
            lines.append(
                f"skipped {ex.id} ({ex.kind}): its question asks about {_KINDS[label.split('-')[0]]} ({label}) in the "
                "book, which the quiz "
                "would not show (give students the book alongside, or set the question another way)"
            )
        elif (reason := kinds(ex)) is not None:
            lines.append(f"skipped {ex.id} ({ex.kind}): {reason}")
    return lines


def test_questions_about_the_books_tables_and_charts_are_skipped(book: Book) -> None:
    """Four numeric questions read a chart or table; without it an LMS quiz cannot be answered."""
    _, skipped = export(book, "gift")
    asks = [line.split()[1] for line in skipped if "in the book, which the quiz would not show" in line]
    assert {"c6-chart-difference", "c6-table-numeric", "c7-sabr-difference", "c8-temel-endoflife"} <= set(asks)
    assert "c2-sites-top" not in asks  # its hint names the table; the question stands without it


@pytest.mark.parametrize(
    "text",
    [
        "Skin appears in the table only for melanoma.",
        "As this chapter's chart shows, survival varies.",
        "See Figure 6.1.",
        "Check the tables again.",
        "The bars in the chart below run from highest to lowest.",
        "As {numref}`tbl-ch02-sites` shows, bone comes first.",
        "Review {ref}`the section on staging <sec-staging>`.",
    ],
)
def test_texts_that_point_at_the_page_are_found(text: str) -> None:
    assert pointer(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "The figure counts everyone diagnosed, so it moves with the case mix.",  # a figure is a number
        "NCI gives a cure rate above 90% across all stages.",
        "Each person below has metastatic cancer and one new problem.",  # the options of the question
        "Every treatment option is on the table at this stage.",
        "The family met at the table to talk it over.",
        "Survival was below 10% in every group, above all at distant stage.",
        "A stable tablet of 5 mg; charting symptoms helps.",
        "Her oncologist reviews the chart before the visit.",  # a patient's record
        "Note the new symptom in the chart.",
        "What does the plot of the film have to do with it?",
        "By then the tables turned.",
    ],
)
def test_words_that_only_look_like_a_pointer_are_not(text: str) -> None:
    assert pointer(text) is None


POINTING_BANK: dict[str, Any] = {
    **HOSTILE_BANK,
    "exercises": [
        {
            **_common("p-feedback", "single", "Which site is typical of melanoma alone?", explanation="Skin."),
            "options": [
                _option("a", "Skin", True, "Right."),
                _option("b", "Bone", False, "Bone appears in the table for most cancers."),
            ],
        },
        {
            **_common("p-explanation", "truefalse", "Bone is a common site.", "As {numref}`tbl-sites` shows."),
            "answer": True,
            "feedback_true": "Right.",
            "feedback_false": "No.",
            "misconception": "tf-tag",
        },
        {
            **_common("p-option", "single", "Which is true?", explanation="Because."),
            "options": [
                _option("a", "survival across this chapter's chart runs from 3% to 48%", True, "Right."),
                _option("b", "survival is the same for all cancers", False, "No."),
            ],
        },
        {
            **_common("p-question", "single", "From the table above, which site comes first?", "Bone."),
            "options": [_option("a", "Bone", True, "Yes."), _option("b", "Skin", False, "Check the table.")],
        },
        {
            **_common("p-fine", "single", "Each option below is a claim. Which holds?", "The figure counts all."),
            "hint": "Look at {ref}`the chapter's table <tbl-sites>`.",  # no export carries a hint
            "options": [
                _option("a", "cure rates above 90%", True, "Right: the figure is above 90%."),
                _option("b", "no option is on the table", False, "No."),
            ],
        },
    ],
}
POINTED_QUESTION = (
    'skipped p-question (single): its question asks about "the table above" in the book, which the quiz would '
    "not show (give students the book alongside, or set the question another way)"
)
POINTED_OPTION = (
    'skipped p-option (single): option a points at "this chapter\'s chart" in the book, which the quiz would '
    "not show (reword it to stand alone)"
)


@pytest.fixture
def pointing(tmp_path: Path) -> Path:
    path = tmp_path / "pointing.yaml"
    path.write_text(yaml.safe_dump(POINTING_BANK, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["moodle", "gift", "qti"])
def test_feedback_and_explanations_that_point_at_the_page_skip_the_exercise(pointing: Path, fmt: str) -> None:
    """The student would be sent looking for a table the quiz does not show."""
    _, skipped = export(load_book([pointing]), fmt)
    assert skipped == [
        'skipped p-feedback (single): the feedback of option b points at "the table" in the book, which the quiz '
        "would not show (reword it to stand alone)",
        "skipped p-explanation (truefalse): its explanation points at a table (tbl-sites) in the book, which the "
        "quiz would not show (reword it to stand alone)",
        POINTED_OPTION,
        POINTED_QUESTION,
    ]


def test_aiken_looks_only_at_the_texts_it_carries(pointing: Path) -> None:
    """Aiken has no feedback: an option's feedback that names the table does not keep a question out."""
    data, skipped = export(load_book([pointing]), "aiken")
    assert [q[0] for q in read_aiken(data.decode("utf-8"))] == [
        "Which site is typical of melanoma alone?",
        "Each option below is a claim. Which holds?",
    ]
    assert skipped == [
        "skipped p-explanation (truefalse): Aiken has only single-choice questions",
        POINTED_OPTION,
        POINTED_QUESTION,
    ]


def test_validate_tells_the_author_of_a_text_that_keeps_an_exercise_out(
    pointing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """At its line; not for a question set on the book's table, which is meant for the book, nor for a hint."""
    assert main(["validate", str(pointing)]) == 0
    err = capsys.readouterr().err.splitlines()
    lines = pointing.read_text(encoding="utf-8").splitlines()
    said = {
        "p-feedback": ("options[1].feedback", '"the table"', "Bone appears in the table"),
        "p-explanation": ("explanation", "tbl-sites", "explanation: As {numref}"),
        "p-option": ("options[0].text", '"this chapter\'s chart"', "chapter's chart runs"),
    }
    assert len(err) == len(said)
    for line, (ex_id, (part, found, written)) in zip(err, said.items(), strict=True):
        where, _, rest = line.removeprefix(f"warning: {pointing}:").partition(": ")
        assert written in lines[int(where) - 1]
        assert rest == (
            f"[{ex_id}] {part} points at {found} in the book, which a quiz would not show, so the exports "
            "skip the exercise: reword the text to stand alone"
        )


def _gift_questions(parsed: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each question of a parsed GIFT file by the exercise id its name ends with, "(c3-…)", as in Moodle XML."""
    return {_named_id(q["title"]): q for q in parsed if q["type"] != "Category"}


def _named_id(name: str) -> str:
    """The exercise id of a question's name: "Exercise 3.1 (c3-next-step)", or the id alone without a number."""
    return name.rsplit("(", 1)[-1].rstrip(")") if name.endswith(")") else name


def test_gift_real_book_round_trips(book: Book, gift_parse: GiftParse) -> None:
    data, skipped = export(book, "gift")
    parsed = gift_parse(data)
    categories = [q["title"] for q in parsed if q["type"] == "Category"]
    questions = _gift_questions(parsed)
    exercises = [ex for _, ex in book.exercises()]
    assert categories == [f"{n}. {bank.title}" for n, bank in enumerate(book.banks, start=1)]
    assert categories[2] == "3. How cancer spreads"
    assert skipped == _skips(book, lambda ex: ORDERING if ex.kind == "ordering" else None)
    kept = [ex for ex in exercises if ex.id not in _skipped_ids(skipped)]
    assert list(questions) == [ex.id for ex in kept]
    assert Counter(q["type"] for q in questions.values()) == Counter(GIFT_TYPES[ex.kind] for ex in kept)
    for ex in kept:
        _check_gift_question(ex, questions[ex.id])


def _placeholders_out(subanswer: str) -> str:
    """Undo the placeholders gift-pegjs 1.0.2 leaves in matching answers (``\\=`` read as ``&&061;``).

    Its grammar decodes escapes everywhere but in a matching answer; Moodle's
    importer decodes them there too (``escapedchar_post``), so the test does what Moodle does.
    """
    for char in ":#={}~\\":
        subanswer = subanswer.replace(f"&&{ord(char):03d};", char)
    return subanswer


def _check_gift_question(ex: AnyExercise, q: dict[str, Any]) -> None:
    assert q["type"] == GIFT_TYPES[ex.kind], ex.id
    assert q["stem"]["format"] == "html"
    assert q["stem"]["text"] == stem_html(ex), ex.id
    if not isinstance(ex, Matching):
        assert q["globalFeedback"]["text"] == to_html(ex.explanation), ex.id
    if isinstance(ex, SingleChoice):
        assert [(c["text"]["text"], c["isCorrect"], c["feedback"]["text"]) for c in q["choices"]] == [
            (to_html(o.text, inline=True), o.correct, to_html(o.feedback)) for o in display_options(ex)
        ]
    elif isinstance(ex, MultipleSelect):
        share = 100 / len(ex.correct_ids)
        assert [c["text"]["text"] for c in q["choices"]] == [to_html(o.text, inline=True) for o in display_options(ex)]
        assert [c["weight"] for c in q["choices"]] == pytest.approx(
            [share if o.correct else -share for o in display_options(ex)], abs=1e-4
        )
        assert not any(c["isCorrect"] for c in q["choices"]), "a '=' answer would make Moodle use radio buttons"
    elif isinstance(ex, TrueFalse):
        right, wrong = (ex.feedback_true, ex.feedback_false) if ex.answer else (ex.feedback_false, ex.feedback_true)
        assert q["isTrue"] is ex.answer
        # gift-pegjs calls the two feedbacks true/false; Moodle shows the first for a wrong answer.
        assert (q["trueFeedback"]["text"], q["falseFeedback"]["text"]) == (to_html(wrong), to_html(right))
    elif isinstance(ex, ShortText):
        assert [(c["text"]["text"], c["weight"], c["feedback"]["text"]) for c in q["choices"]] == [
            # A bare * is Moodle's wildcard; \* is a literal star.
            *((answer.replace("*", "\\*"), weight, to_html(fb)) for answer, weight, fb in text_answers(ex)),
            ("*", 0, to_html(ex.feedback_incorrect)),
        ]
    elif isinstance(ex, Numeric):
        right, other = q["choices"]
        assert right["text"]["number"] == pytest.approx(ex.value)
        assert right["text"]["range"] == pytest.approx(ex.allowed_error)
        assert right["feedback"]["text"] == to_html(ex.feedback_correct)
        assert (other["text"]["text"], other["feedback"]["text"]) == ("*", to_html(ex.feedback_incorrect))
    elif isinstance(ex, Matching):
        plain = {o.id: plain_option(o.text) for o in ex.options}  # the book shows them as plain text
        used = {s.answer for s in ex.stems}
        assert [(p["subquestion"]["text"], _placeholders_out(p["subanswer"])) for p in q["matchPairs"]] == [
            *((to_html(s.text, inline=True), plain[s.answer]) for s in ex.stems),
            *(("", plain[o.id]) for o in ex.options if o.id not in used),
        ]
        for stem in ex.stems:
            assert to_html(stem.feedback) in q["globalFeedback"]["text"]


def test_gift_hostile_texts_come_back_exactly(hostile: Book, gift_parse: GiftParse) -> None:
    data, skipped = export(hostile, "gift")
    parsed = gift_parse(data)
    assert parsed[0] == {"type": "Category", "title": "Hostile: chapter//one"}  # Moodle's escape for '/'
    questions = {q["title"]: q for q in parsed[1:]}  # a chapter without a number: each named by its id alone
    assert _skipped_ids(skipped) == SKIPPED_EVERYWHERE
    assert set(questions) == {ex.id for _, ex in hostile.exercises()} - SKIPPED_EVERYWHERE
    for ex_id, q in questions.items():
        _check_gift_question(_exercise(hostile, ex_id), q)

    single = questions["h-single"]
    assert single["stem"]["text"] == f"<p>{HOSTILE_HTML}</p><p>Pick = the {{right}} one: #1 ~ \\ ?</p>"
    assert single["globalFeedback"]["text"] == HOSTILE_HTML
    assert [(c["text"]["text"], c["feedback"]["text"]) for c in single["choices"]] == [
        ("=equals first", "~tilde first"),
        (HOSTILE_HTML, "#hash first } and {"),
        ("%5% of people", ":colon first"),
    ]
    assert [c["isCorrect"] for c in single["choices"]] == [False, True, False]
    assert sorted(c["weight"] for c in questions["h-multiple"]["choices"]) == [-33.33333] * 2 + [33.33333] * 3
    assert questions["h-truefalse"]["isTrue"] is False
    assert questions["h-truefalse"]["trueFeedback"]["text"] == "Wrong = answer #1"
    assert [c["text"]["text"] for c in questions["h-text"]["choices"]] == [
        *("a=b", "a b", "c#d", "c d", "x{y}", "x y", "p:q", "p q", "5\\*", "5"),  # each, then as the book compares it
        *("e~f", "e f"),
        "*",
    ]  # \* is Moodle's literal star
    assert questions["h-numeric"]["choices"][0]["text"] == {"type": "range", "number": 2.7, "range": 0.135}
    pairs = questions["h-matching"]["matchPairs"]
    assert [(p["subquestion"]["text"], _placeholders_out(p["subanswer"])) for p in pairs] == [
        ("one = 1", "p -> q = r"),
        ("two # 2", "p -> q = r"),
        ("three -&gt; 3", "s # t"),
        ("", "u ~ v"),
        ("", "w : x"),
    ]
    markup = questions["h-markup"]
    assert markup["stem"]["text"] == "Is <em>this</em> <strong>bold</strong> (smith-2020; lee-2021) about spread?"
    assert markup["globalFeedback"]["text"] == (
        'See <a href="https://example.org/a?b=1&amp;c=2">the source</a> and <code>code ~ =</code>.'
    )
    assert "Yes, <em>really</em>" in [c["text"]["text"] for c in markup["choices"]]


def test_gift_lists_skipped_exercises_in_the_file(hostile: Book) -> None:
    data, skipped = export(hostile, "gift")
    text = data.decode("utf-8")
    assert text.startswith("// 8 question(s) exported by `checks export --format gift`")
    for line in skipped:
        assert f"// {line}\n" in text
    assert (
        "skipped h-pattern (text): GIFT short answers cannot express the exercise's regular-expression patterns"
        in skipped
    )
    assert "skipped h-table (single): its text uses a table, which the export cannot convert" in skipped


# -- QTI ------------------------------------------------------------------------------------------


def _open_qti(data: bytes) -> tuple[zipfile.ZipFile, ET.Element, dict[str, ET.Element]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names == sorted(names)
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert sorted(str(h) for h in hrefs) == sorted(n for n in names if n != "imsmanifest.xml")
    for resource in manifest.iter(f"{CP}resource"):
        assert resource.get("type") == "imsqti_xmlv1p2"
    items: dict[str, ET.Element] = {}
    for href in hrefs:
        root = ET.fromstring(archive.read(str(href)))
        assert root.tag == f"{QTI}questestinterop"
        for item in root.iter(f"{QTI}item"):
            items[str(item.get("ident"))] = item
    return archive, manifest, items


def _meta(item: ET.Element) -> dict[str, str]:
    fields = item.iter(f"{QTI}qtimetadatafield")
    return {str(f.findtext(f"{QTI}fieldlabel")): str(f.findtext(f"{QTI}fieldentry") or "") for f in fields}


def _labels(item: ET.Element) -> dict[str, str]:
    return {
        str(lab.get("ident")): str(lab.findtext(f".//{QTI}mattext"))
        for lab in item.iter(f"{QTI}response_label")
        if lab.find(f".//{QTI}mattext") is not None
    }


def _scoring(item: ET.Element) -> list[ET.Element]:
    return [c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None]


def _feedback(item: ET.Element, ident: str) -> str:
    found = next(f for f in item.iter(f"{QTI}itemfeedback") if f.get("ident") == ident)
    return str(found.findtext(f".//{QTI}mattext"))


def _check_qti_item(ex: AnyExercise, item: ET.Element) -> None:
    assert _meta(item)["question_type"] == QTI_TYPES[ex.kind], ex.id
    assert float(_meta(item)["points_possible"]) == ex.points
    stem = item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext")
    assert stem is not None
    assert stem.text == stem_html(ex), ex.id
    labels = _labels(item)
    scoring = _scoring(item)
    if isinstance(ex, SingleChoice | MultipleSelect):
        assert list(labels.values()) == [to_html(o.text, inline=True) for o in display_options(ex)]
        by_text = dict(zip(labels, display_options(ex), strict=True))
        for ident, option in by_text.items():
            assert _feedback(item, f"{ident}_fb") == to_html(option.feedback)
        if isinstance(ex, SingleChoice):
            (cond,) = scoring
            (right,) = [by_text[str(v.text)] for v in cond.iter(f"{QTI}varequal")]
            assert right.correct
        else:
            # One condition per option (tests/test_export_scores.py runs them), then the whole key, the last.
            *per_option, cond = scoring
            assert [by_text[str(c.findtext(f".//{QTI}varequal"))].id for c in per_option] == [
                o.id for o in sorted(display_options(ex), key=lambda o: not o.correct)
            ]
            assert cond.get("continue") == "No" and cond.findtext(f"{QTI}setvar") == "100"
            wanted = {by_text[str(v.text)].id for v in cond.findall(f"{QTI}conditionvar/{QTI}and/{QTI}varequal")}
            refused = {by_text[str(v.text)].id for v in cond.iter(f"{QTI}not") for v in v}
            assert (wanted, refused) == (set(ex.correct_ids), {o.id for o in ex.options} - ex.correct_ids)
    elif isinstance(ex, TrueFalse):
        assert list(labels.values()) == ["True", "False"]
        (cond,) = scoring
        assert labels[str(cond.findtext(f".//{QTI}varequal"))] == str(ex.answer)
    elif isinstance(ex, ShortText):
        (cond,) = scoring
        assert [v.text for v in cond.iter(f"{QTI}varequal")] == [a for a, weight, _ in text_answers(ex) if weight]
        assert _feedback(item, "correct_fb") == to_html(ex.feedback_correct)
        assert to_html(ex.feedback_incorrect) in _feedback(item, "general_incorrect_fb")
    elif isinstance(ex, Numeric):
        (cond,) = scoring
        assert float(str(cond.findtext(f".//{QTI}varequal"))) == pytest.approx(ex.value)
        low, high = float(str(cond.findtext(f".//{QTI}vargte"))), float(str(cond.findtext(f".//{QTI}varlte")))
        assert (low, high) == pytest.approx((ex.value - ex.allowed_error, ex.value + ex.allowed_error))
    elif isinstance(ex, Matching):
        lids = list(item.iter(f"{QTI}response_lid"))
        assert [lid.findtext(f"{QTI}material/{QTI}mattext") for lid in lids] == [
            to_html(s.text, inline=True) for s in ex.stems
        ]
        texts = {o.id: plain_option(o.text) for o in display_match_options(ex)}  # the book's order
        assert len(scoring) == len(ex.stems)
        for lid, cond, pair in zip(lids, scoring, ex.stems, strict=True):
            found = lid.iter(f"{QTI}response_label")
            choice = {str(lab.get("ident")): lab.findtext(f".//{QTI}mattext") for lab in found}
            assert list(choice.values()) == list(texts.values())  # every stem lists every option
            var = cond.find(f".//{QTI}varequal")
            assert var is not None and var.get("respident") == lid.get("ident")
            assert choice[str(var.text)] == texts[pair.answer]
        assert sum(float(str(c.findtext(f"{QTI}setvar"))) for c in scoring) == pytest.approx(100, abs=0.05)


def test_qti_real_book(book: Book) -> None:
    data, skipped = export(book, "qti")
    archive, manifest, items = _open_qti(data)
    exercises = [ex for _, ex in book.exercises()]
    assert skipped == _skips(
        book, lambda ex: "Canvas QTI 1.2 has no ordering questions" if ex.kind == "ordering" else None
    )
    kept = [ex for ex in exercises if ex.id not in _skipped_ids(skipped)]
    assert len(list(manifest.iter(f"{CP}resource"))) == len(book.banks)
    assert set(items) == {ex.id for ex in kept}
    assert Counter(_meta(i)["question_type"] for i in items.values()) == Counter(QTI_TYPES[ex.kind] for ex in kept)
    for ex in kept:
        _check_qti_item(ex, items[ex.id])
    for info in archive.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_qti_items_are_titled_as_moodle_names_its_questions(book: Book, hostile: Book) -> None:
    """Canvas lists a question by its title: the number the book prints and the id, as Moodle XML names it, so
    that an instructor finds it in the book; the ident, which Canvas keeps it by, stays the id."""
    for exported in (book, hostile):
        _, _, items = _open_qti(export(exported, "qti")[0])
        _, questions = _moodle_questions(export(exported, "moodle")[0])
        assert set(items) & set(questions)
        for ex_id in set(items) & set(questions):
            assert items[ex_id].get("title") == questions[ex_id].findtext("name/text"), ex_id
            assert items[ex_id].get("ident") == ex_id
    _, _, items = _open_qti(export(book, "qti")[0])
    assert items["c3-next-step"].get("title") == "Exercise 3.1 (c3-next-step)"
    assert all(item.get("title") == ex_id for ex_id, item in _open_qti(export(hostile, "qti")[0])[2].items())


def test_qti_hostile_texts_come_back_exactly(hostile: Book) -> None:
    data, skipped = export(hostile, "qti")
    _, _, items = _open_qti(data)
    assert _skipped_ids(skipped) == SKIPPED_EVERYWHERE
    assert set(items) == {ex.id for _, ex in hostile.exercises()} - SKIPPED_EVERYWHERE
    for ex_id, item in items.items():
        _check_qti_item(_exercise(hostile, ex_id), item)
    assert list(_labels(items["h-single"]).values()) == ["=equals first", HOSTILE_HTML, "%5% of people"]
    assert _feedback(items["h-single"], "general_fb") == HOSTILE_HTML
    incorrect = _feedback(items["h-text"], "general_incorrect_fb")
    assert incorrect == "<p>No ~ try again</p><div><p>If you answered “e~f” or “e f”: Close = not quite</p></div>"


def test_qti_skips_every_item_it_cannot_finish(tmp_path: Path) -> None:
    bank = {
        **HOSTILE_BANK,
        "exercises": [
            {
                **_common("all-right", "multiple", "All of them?"),
                "options": [_option("a", "A", True, "yes"), _option("b", "B", True, "yes")],
            },
            {
                **_common("late-markup", "single", "Fine prompt"),
                "options": [_option("a", "A", True, "yes"), _option("b", "B", False, "see ![x](x.png)")],
            },
        ],
    }
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    data, skipped = export(load_book([path]), "qti")
    assert skipped == [
        "skipped all-right (multiple): Canvas multiple-answer questions need at least one wrong option",
        "skipped late-markup (single): its text uses an image, which the export cannot convert",
    ]
    _, manifest, items = _open_qti(data)
    assert items == {}  # nothing half-built is left behind
    assert list(manifest.iter(f"{CP}resource")) == []


def _idents(data: bytes) -> dict[str, tuple[str, list[tuple[str, list[str]]]]]:
    """Each file of a QTI zip: its quiz's ident, and each item's ident with the idents of its stems and answers."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    found = {}
    for name in archive.namelist():
        if name == "imsmanifest.xml":
            continue
        assessment = ET.fromstring(archive.read(name)).find(f"{QTI}assessment")
        assert assessment is not None
        items = [
            (
                str(item.get("ident")),
                [str(e.get("ident")) for e in item.iter(f"{QTI}response_lid")]  # a matching item's: one per stem
                + list(dict.fromkeys(str(e.get("ident")) for e in item.iter(f"{QTI}response_label"))),
            )
            for item in assessment.iter(f"{QTI}item")
        ]
        found[name] = (str(assessment.get("ident")), items)
    return found


def test_qti_idents_are_the_same_whatever_else_is_exported(book: Book) -> None:
    """Canvas matches a quiz imported again by its idents: a chapter's must not depend on the chapters beside it."""
    whole = export(book, "qti")[0]
    in_book = _idents(whole)
    manifest = ET.fromstring(zipfile.ZipFile(io.BytesIO(whole)).read("imsmanifest.xml"))
    assert [r.get("identifier") for r in manifest.iter(f"{CP}resource")] == [f"checks-{b.chapter}" for b in book.banks]
    for bank in book.banks:
        alone = export(book.select(bank.chapter), "qti")[0]
        ident = f"checks-{bank.chapter}"  # checks-03-how-cancer-spreads, as the chapter is named
        name = f"{ident}/{ident}.xml"
        assert _idents(alone) == {name: in_book[name]}
        assert in_book[name][0] == ident
        assert zipfile.ZipFile(io.BytesIO(alone)).read(name) == zipfile.ZipFile(io.BytesIO(whole)).read(name)
        for item_ident, answers in in_book[name][1]:
            ex = _exercise(book, item_ident)  # the exercise's own id
            # Canvas keeps answers and stems by number; a choice item's one response is response1, a typed answer1.
            assert all(re.fullmatch(r"(response_?|answer)?\d+", a) for a in answers), answers
            if isinstance(ex, SingleChoice | MultipleSelect):  # each option by its place in the bank
                numbers = {o.id: str(n) for n, o in enumerate(ex.options, start=1)}
                assert answers == ["response1", *(numbers[o.id] for o in display_options(ex))]
            elif isinstance(ex, Matching):
                stems = [f"response_{n}" for n in range(51, 51 + len(ex.stems))]
                options = {o.id: str(n) for n, o in enumerate(ex.options, start=1)}
                assert answers == [*stems, *(options[o.id] for o in display_match_options(ex))]


def test_a_chapter_in_a_folder_is_a_quiz_of_its_own(tmp_path: Path) -> None:
    banks = []
    for chapter in ("part/one", "part-one"):  # one ident each, though "/" is no character of an ident
        bank = {**HOSTILE_BANK, "chapter": chapter, "exercises": HOSTILE_BANK["exercises"][:1]}
        bank["exercises"] = [{**bank["exercises"][0], "id": f"x{len(banks)}"}]
        path = tmp_path / f"{chapter.replace('/', '_')}.yaml"
        path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
        banks.append(path)
    found = _idents(export(load_book(banks), "qti")[0])
    assert {name: ident for name, (ident, _) in found.items()} == {
        "checks-part.one/checks-part.one.xml": "checks-part.one",
        "checks-part-one/checks-part-one.xml": "checks-part-one",
    }


@pytest.mark.parametrize("fmt", ["moodle", "gift", "qti", "aiken"])
def test_exports_are_deterministic(book: Book, fmt: str) -> None:
    assert export(book, fmt)[0] == export(load_book([TESTS.parent / "exercises"]), fmt)[0]


# -- Moodle XML -------------------------------------------------------------------------------------

MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "truefalse": "truefalse",
    "text": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
}


def _moodle_questions(data: bytes) -> tuple[list[str], dict[str, ET.Element]]:
    """The categories in order and each question by the exercise id its name ends with, "(c3-…)"."""
    text = data.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    categories, questions = [], {}
    for q in root.findall("question"):
        if q.get("type") == "category":
            categories.append(str(q.findtext("category/text")))
            continue
        name = str(q.findtext("name/text"))
        ex_id = name.rsplit("(", 1)[-1].rstrip(")") if name.endswith(")") else name
        questions[ex_id] = q
    return categories, questions


def _fractions(q: ET.Element) -> list[Decimal]:
    return [Decimal(str(a.get("fraction"))) for a in q.findall("answer")]


def _answer_feedback(q: ET.Element) -> list[str]:
    return [str(a.findtext("feedback/text")) for a in q.findall("answer")]


# The elements every question begins with, in the order Moodle's own export writes them.
MOODLE_HEAD = ["name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber"]


def _check_moodle_question(ex: AnyExercise, q: ET.Element) -> None:
    assert q.get("type") == MOODLE_TYPES[ex.kind], ex.id
    assert [child.tag for child in q][: len(MOODLE_HEAD)] == MOODLE_HEAD
    assert q.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
    assert q.findtext("questiontext/text") == stem_html(ex)
    assert q.findtext("generalfeedback/text") == (
        matching_feedback(ex) if isinstance(ex, Matching) else to_html(ex.explanation)
    )
    assert q.findtext("defaultgrade") == number(ex.points)
    assert q.findtext("penalty") == ("1" if isinstance(ex, TrueFalse) else "0.3333333")
    assert q.findtext("hidden") == "0"
    assert q.findtext("idnumber") == ex.id  # a re-import or a search of the question bank finds the book's id
    fractions = _fractions(q)
    if isinstance(ex, SingleChoice | MultipleSelect):
        shown = display_options(ex)
        assert q.findtext("shuffleanswers") == "0" and q.findtext("answernumbering") == "abc"
        assert [a.findtext("text") for a in q.findall("answer")] == [to_html(o.text, inline=True) for o in shown]
        assert _answer_feedback(q) == [to_html(o.feedback) for o in shown]
        if isinstance(ex, SingleChoice):
            # Moodle refuses a single-answer question whose best answer is not worth 100 %.
            assert q.findtext("single") == "true" and max(fractions) == 100
            assert [f == 100 for f in fractions] == [o.correct for o in shown] and min(fractions) == 0
        else:
            # Moodle refuses a multiple-answer question whose positive grades, rounded to 2 places, are not 100 %.
            assert q.findtext("single") == "false"
            assert round(sum(f for f in fractions if f > 0) / 100, 2) == 1
            weight = Decimal(number(round(100 / len(ex.correct_ids), 5)))
            assert fractions == [weight if o.correct else -weight for o in shown]
    elif isinstance(ex, TrueFalse):
        assert [a.findtext("text") for a in q.findall("answer")] == ["true", "false"]
        assert fractions == [Decimal(100 if ex.answer else 0), Decimal(0 if ex.answer else 100)]
        assert _answer_feedback(q) == [to_html(ex.feedback_true), to_html(ex.feedback_false)]
    elif isinstance(ex, ShortText):
        assert q.findtext("usecase") == "0"
        texts = [a.findtext("text") for a in q.findall("answer")]
        listed = text_answers(ex)
        assert texts == [*(answer.replace("*", "\\*") for answer, _, _ in listed), "*"]
        assert fractions == [*(weight for _, weight, _ in listed), 0]
        assert _answer_feedback(q) == [*(to_html(fb) for _, _, fb in listed), to_html(ex.feedback_incorrect)]
    elif isinstance(ex, Numeric):
        right, other = q.findall("answer")
        assert Decimal(str(right.findtext("text"))) == Decimal(repr(ex.value)) and fractions == [100, 0]
        assert Decimal(str(right.findtext("tolerance"))) == Decimal(f"{ex.allowed_error:.12g}")
        assert other.findtext("text") == "*"
        assert _answer_feedback(q) == [to_html(ex.feedback_correct), to_html(ex.feedback_incorrect)]
        assert q.findtext("showunits") == "3" and q.find("units") is None  # no unit: the question says so
    else:
        assert isinstance(ex, Matching)
        assert q.findtext("shuffleanswers") == "0"
        pairs = [(s.findtext("text") or "", s.findtext("answer/text")) for s in q.findall("subquestion")]
        options = {o.id: plain_option(o.text) for o in ex.options}
        used = {s.answer for s in ex.stems}
        assert pairs == [
            *((to_html(s.text, inline=True), options[s.answer]) for s in ex.stems),
            *(("", options[o.id]) for o in ex.options if o.id not in used),
        ]


def test_moodle_real_book(book: Book) -> None:
    data, skipped = export(book, "moodle")
    categories, questions = _moodle_questions(data)
    assert skipped == _skips(book, lambda ex: ORDERING if ex.kind == "ordering" else None)
    kept = [ex for _, ex in book.exercises() if ex.id not in _skipped_ids(skipped)]
    assert list(questions) == [ex.id for ex in kept] and len(kept) == 109
    for ex in kept:
        _check_moodle_question(ex, questions[ex.id])
    assert categories == [f"$course$/top/{n}. {bank.title}" for n, bank in enumerate(book.banks, start=1)]
    assert categories[2] == "$course$/top/3. How cancer spreads"
    assert questions["c3-next-step"].findtext("name/text") == "Exercise 3.1 (c3-next-step)"
    # Moodle keeps an ID number only where it is unique in its category: these are unique in the whole file.
    idnumbers = [q.findtext("idnumber") for q in ET.fromstring(data).iter("question") if q.get("type") != "category"]
    assert len(set(idnumbers)) == len(idnumbers) == len(kept)
    # Points GIFT cannot carry: every question worth other than 1 in the book.
    assert {ex.id for ex in kept if ex.points != 1} == {
        ex_id for ex_id, q in questions.items() if q.findtext("defaultgrade") != "1"
    }
    assert set(MOODLE_TYPES.values()) == {q.get("type") for q in questions.values()}


def test_moodle_hostile_texts_come_back_exactly(hostile: Book) -> None:
    data, skipped = export(hostile, "moodle")
    categories, questions = _moodle_questions(data)
    assert categories == ["$course$/top/Hostile: chapter//one"]  # Moodle reads "//" as a "/" in a name
    assert _skipped_ids(skipped) == SKIPPED_EVERYWHERE
    assert (
        "skipped h-pattern (text): Moodle short answers cannot express the exercise's regular-expression patterns"
        in skipped
    )
    for ex_id, q in questions.items():
        _check_moodle_question(_exercise(hostile, ex_id), q)
    texts = [a.findtext("text") for a in questions["h-text"].findall("answer")]
    assert texts[:10] == ["a=b", "a b", "c#d", "c d", "x{y}", "x y", "p:q", "p q", "5\\*", "5"]  # \* is a star
    assert HOSTILE_HTML in [a.findtext("text") for a in questions["h-single"].findall("answer")]
    text = data.decode("utf-8")
    for line in skipped:
        assert f"  <!-- {line} -->\n" in text


def test_moodle_texts_may_hold_the_end_of_a_cdata_section() -> None:
    from checks.exports.moodle import cdata

    for text in ("a ]]> b", "]]>]]>", "x]]", "]]>"):
        assert ET.fromstring(f"<t>{cdata(text)}</t>").text == text


def test_moodle_chapter_is_its_part_of_the_whole_book(book: Book) -> None:
    """A chapter exported alone holds the same questions, byte for byte, as the whole book's file."""
    whole = export(book, "moodle")[0].decode("utf-8")
    for bank, path in zip(book.banks, book.paths, strict=True):
        alone = export(Book((bank,), (path,)), "moodle")[0].decode("utf-8")
        start = alone.index('  <question type="category">')
        part = alone[start : alone.rindex("</quiz>")]
        assert part in whole
        after = whole[whole.index(part) + len(part) :]
        assert after.startswith(('  <question type="category">', "</quiz>"))


# -- Aiken -------------------------------------------------------------------------------------------


def read_aiken(text: str) -> list[tuple[str, list[str], str]]:
    """An independent reader: (question, option texts, answer letter) per question."""
    questions = []
    for block in text.strip().split("\n\n"):
        first, *rest = block.split("\n")
        *option_lines, answer = rest
        assert answer.startswith("ANSWER: ")
        options = []
        for n, line in enumerate(option_lines):
            assert line[:3] == f"{chr(ord('A') + n)}. ", line
            options.append(line[3:])
        questions.append((first, options, answer.removeprefix("ANSWER: ")))
    return questions


def test_aiken_real_book(book: Book) -> None:
    data, skipped = export(book, "aiken")
    questions = read_aiken(data.decode("utf-8"))
    assert skipped == _skips(
        book, lambda ex: None if isinstance(ex, SingleChoice) else "Aiken has only single-choice questions"
    )
    singles = [ex for _, ex in book.exercises() if ex.id not in _skipped_ids(skipped)]
    assert len(questions) == len(singles)
    for ex, (line, options, letter) in zip(singles, questions, strict=True):
        assert line == to_plain(f"{ex.vignette}\n\n{ex.prompt}" if ex.vignette else ex.prompt)
        if ex.vignette:
            assert line.startswith(" ".join(ex.vignette.split()[:3]))
        assert options == [to_plain(o.text, inline=True) for o in display_options(ex)]
        right = ord(letter) - ord("A")
        assert display_options(ex)[right].correct


def test_aiken_hostile(hostile: Book) -> None:
    data, skipped = export(hostile, "aiken")
    questions = read_aiken(data.decode("utf-8"))
    assert [q[0] for q in questions] == [
        f"{HOSTILE} Pick = the {{right}} one: #1 ~ \\ ?",
        "Is this bold (smith-2020; lee-2021) about spread?",
    ]
    assert questions[0][1:] == (["=equals first", HOSTILE, "%5% of people"], "B")
    # Options come in the book's display order, so the key's letter is wherever "Yes, really" landed.
    options, letter = questions[1][1:]
    assert sorted(options) == ["No", "Yes, really"] and options["ABCDEF".index(letter)] == "Yes, really"
    assert (
        "skipped h-aiken-trap (single): its question starts with 'A. Smit', which an Aiken reader takes for "
        "an option or answer line" in skipped
    )
    assert _skipped_ids(skipped) == {ex.id for _, ex in hostile.exercises()} - {"h-single", "h-markup"}


# -- the command ------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    """The CLI's shape: a global --banks and subcommands (until cli.build_parser registers export)."""
    parser = argparse.ArgumentParser(prog="checks")
    parser.add_argument("--banks", default=str(TESTS.parent / "exercises"))
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def _run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    code: int = args.func(args)
    return code


@pytest.mark.parametrize("fmt", ["moodle", "gift", "qti", "aiken"])
def test_command_writes_the_export_and_reports(
    book: Book, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"quiz.{'zip' if fmt == 'qti' else fmt}"
    assert _run(["export", "--format", fmt, "--out", str(out)]) == 0
    # Run from the book's folder, the command cites from the book's bibliography, by author and year.
    with citing(from_bibliography([REPO / "docs" / "references.bib"])):
        data, skipped = export(book, fmt)
    assert out.read_bytes() == data
    if fmt in ("gift", "moodle"):  # feedback cites; Aiken has none, and QTI is zipped
        assert "Lambert et al., 2017" in data.decode() and "lambert-2017" not in data.decode()
    captured = capsys.readouterr()
    total = sum(len(b.exercises) for b in book.banks)
    assert captured.out == ""
    assert captured.err.splitlines() == [
        *skipped,
        f"wrote {total - len(skipped)} questions to {out}, skipped {len(skipped)} (named above)",
    ]


def test_command_one_chapter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c3.txt"
    assert _run(["export", "--format", "aiken", "--chapter", "3", "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "skipped c3-cascade-order (ordering): Aiken has only single-choice questions" in err
    assert all(" c3-" in line for line in err[:-1])
    singles = out.read_text(encoding="utf-8").count("\nANSWER: ")
    assert singles > 0
    assert err[-1] == f"wrote {singles} questions to {out}, skipped {len(err) - 1} (named above)"


def test_command_refuses_bad_calls(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no chapter '99'"):
        _run(["export", "--format", "gift", "--chapter", "99", "--out", str(tmp_path / "x")])
    bad = (["export", "--format", "docx", "--out", "x"], ["export", "--format", "gift"], ["export", "--out", "x"])
    for argv in bad:
        with pytest.raises(SystemExit) as exc:
            _parser().parse_args(argv)
        assert exc.value.code == 2
    with pytest.raises(ValueError, match="unknown export format 'docx'"):
        export(load_book([TESTS.parent / "exercises"]), "docx")
    assert not (tmp_path / "x").exists()


def test_command_writes_gift_to_standard_output_and_refuses_what_an_lms_would(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    """``-`` is standard output for the text formats; a QTI package must be a .zip file; a folder that is
    not there is made, with the folders above it, as the gradebook's is."""
    assert _run(["export", "--format", "gift", "--chapter", "3", "--out", "-"]) == 0
    captured = capfdbinary.readouterr()
    assert captured.out.startswith(b"// ") and b"$CATEGORY: 3. How cancer spreads" in captured.out
    assert re.search(r" questions to standard output, skipped \d+ \(named above\)\n$", captured.err.decode())
    assert not (Path.cwd() / "-").exists()
    for out in ("-", str(tmp_path / "quiz.txt")):
        with pytest.raises(UsageError, match=r"a QTI package is a zip file: give --out a name ending in \.zip"):
            _run(["export", "--format", "qti", "--out", out])
    missing = tmp_path / "no-such-folder" / "deeper" / "quiz.gift"
    assert _run(["export", "--format", "gift", "--out", str(missing)]) == 0
    assert missing.read_bytes().startswith(b"// ") and sorted(p.name for p in missing.parent.iterdir()) == ["quiz.gift"]


def test_a_failed_write_is_the_one_line_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The skipped exercises are listed only once the file is written, so a write error stands alone."""

    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)  # the last step of every write
    out = tmp_path / "quiz.zip"
    assert main(["--banks", str(REPO / "exercises"), "export", "--format", "qti", "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {out}: cannot be written (No space left on device)\n"
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_gift_tells_the_points_moodle_cannot_carry(book: Book) -> None:
    numbers = exercise_numbers(book)
    data, _ = export(book, "gift")
    text = data.decode("utf-8")
    for _, ex in book.exercises():
        named = f"::Exercise {numbers[ex.id]} ({ex.id})::"
        comment = f"// {ex.id}: {number(ex.points)} points in the book: set its default mark\n{named}"
        assert (comment in text) == (named in text and ex.points != 1), ex.id


def test_gift_skips_what_moodle_would_refuse() -> None:
    from checks.exports import gift

    options = [{"id": f"o{n}", "text": f"Option {n}", "correct": True, "feedback": "Yes."} for n in range(11)]
    options.append({"id": "w", "text": "Wrong", "feedback": "No.", "misconception": "w"})
    base = {
        "prompt": "Q?",
        "points": 1,
        "objectives": ["o"],
        "explanation": "E.",
        "source": "s",
        "reviewed": "2026-01-01",
    }
    eleven = TypeAdapter(AnyExercise).validate_python({**base, "id": "eleven", "kind": "multiple", "options": options})
    with pytest.raises(Skip, match="no answer weight of 100/11 %"):
        gift.question(eleven, "eleven")
    pairs = {
        "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
        "stems": [
            {"id": "x", "text": "X", "answer": "a", "feedback": "F."},
            {"id": "y", "text": "Y", "answer": "b", "feedback": "F."},
        ],
    }
    two = TypeAdapter(AnyExercise).validate_python({**base, "id": "two", "kind": "matching", **pairs})
    with pytest.raises(Skip, match="at least 2 stems and 3 options"):
        gift.question(two, "two")


def test_qti_bounds_and_scores_are_the_numbers_written(book: Book) -> None:
    """A numeric item's bounds are exact decimals (2.65, not 2.6500000000000004), and no item can score
    more than it declares (six stems at 16.67 are 100.02)."""
    _, _, items = _open_qti(export(book, "qti")[0])
    numeric = 0
    for ex_id, item in items.items():
        found = book.find(ex_id)
        assert found is not None
        ex = found[1]
        if isinstance(ex, Numeric):
            numeric += 1
            low, high = (Decimal(str(item.findtext(f".//{QTI}{tag}"))) for tag in ("vargte", "varlte"))
            margin = Decimal(repr(float(f"{ex.allowed_error:.12g}")))
            assert (low, high) == (Decimal(repr(ex.value)) - margin, Decimal(repr(ex.value)) + margin)
        most = Decimal(str(item.find(f".//{QTI}decvar").get("maxvalue")))  # type: ignore[union-attr]
        scores = [Decimal(str(s.text)) for s in item.iter(f"{QTI}setvar")]
        assert (sum(scores) if isinstance(ex, Matching) else max(scores)) == most
    assert numeric >= 2


# -- citations ----------------------------------------------------------------------------------------

CITED_BIB = """
@article{hanahan-2011, author = {Hanahan, Douglas and Weinberg, Robert A.}, title = {Hallmarks of Cancer},
  journal = {Cell}, year = {2011}}
@article{lambert-2017, author = {Lambert, A. W. and Pattabiraman, D. R. and Weinberg, R. A.},
  title = {Emerging Biological Principles of Metastasis}, journal = {Cell}, year = {2017}}
@misc{nci-b, author = {{National Cancer Institute}}, title = {Beta page}, year = {2025}}
@misc{nci-a, author = {{National Cancer Institute}}, title = {Alpha page}, year = {2025}}
"""
CITED_BANK: dict[str, Any] = {
    "chapter": "citing",
    "title": "Citing",
    "objectives": [{"id": "o1", "text": "Cite."}],
    "exercises": [
        {
            **_common(
                "c-single",
                "single",
                "What did {cite:t}`hanahan-2011` list {cite:p}`lambert-2017`?",
                explanation="Both pages say so {cite:p}`nci-b,nci-a`.",
            ),
            "options": [
                _option("a", "Hallmarks {cite:p}`hanahan-2011`", True, "Yes {cite:p}`{see}lambert-2017{p. 3}`."),
                _option("b", "Stages", False, "No."),
            ],
        },
    ],
}
# As the book writes them: three authors are "et al.", one author's works of a year get letters in list order.
CITED_PROMPT = "What did Hanahan and Weinberg (2011) list (Lambert et al., 2017)?"
CITED_OPTION = "Hallmarks (Hanahan and Weinberg, 2011)"
CITED_EXPLANATION = "Both pages say so (National Cancer Institute, 2025b, 2025a)."


@pytest.fixture
def cited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A bank that cites, and its bibliography, run from a folder outside any book."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKS_BIB", raising=False)
    bank, bib = tmp_path / "citing.yaml", tmp_path / "refs.bib"
    bank.write_text(yaml.safe_dump(CITED_BANK, sort_keys=False), encoding="utf-8")
    bib.write_text(CITED_BIB, encoding="utf-8")
    return bank, bib


def _cited_texts(fmt: str, data: bytes, gift_parse: GiftParse) -> tuple[str, str, str, str]:
    """The question, the right option, its feedback and the explanation of c-single as the LMS shows them."""
    if fmt == "gift":
        [_, question] = gift_parse(data)
        right = next(c for c in question["choices"] if c["isCorrect"])
        return (
            question["stem"]["text"],
            right["text"]["text"],
            right["feedback"]["text"],
            question["globalFeedback"]["text"],
        )
    if fmt == "qti":
        item = _open_qti(data)[2]["c-single"]
        stem = item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext")
        ident, option = next(iter(_labels(item).items()))
        return str(stem), option, _feedback(item, f"{ident}_fb"), _feedback(item, "general_fb")
    [(line, options, _)] = read_aiken(data.decode("utf-8"))
    return line, options[0], "", ""  # Aiken carries no feedback


@pytest.mark.parametrize("fmt", ["gift", "qti", "aiken"])
def test_exports_cite_by_author_and_year_as_the_book_does(
    fmt: str, cited: tuple[Path, Path], gift_parse: GiftParse, capsys: pytest.CaptureFixture[str]
) -> None:
    bank, bib = cited
    out = bank.parent / f"quiz.{'zip' if fmt == 'qti' else fmt}"
    assert main(["--banks", str(bank), "export", "--format", fmt, "--bib", str(bib), "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote 1 question to {out}\n"  # every key found: no warning
    texts = _cited_texts(fmt, out.read_bytes(), gift_parse)
    feedback = "Yes (see Lambert et al., 2017, p. 3)."  # with the text around the key
    assert texts == (CITED_PROMPT, CITED_OPTION, *(("", "") if fmt == "aiken" else (feedback, CITED_EXPLANATION)))


def test_without_a_bibliography_citations_are_their_keys_with_one_warning(
    cited: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Banks outside the book's ./exercises, no --bib, no CHECKS_BIB: the keys, and one line that says so."""
    bank, _ = cited
    out = bank.parent / "quiz.aiken"
    assert main(["--banks", str(bank), "export", "--format", "aiken", "--out", str(out)]) == 0
    [(line, options, _)] = read_aiken(out.read_text(encoding="utf-8"))
    assert (line, options[0]) == ("What did hanahan-2011 list (lambert-2017)?", "Hallmarks (hanahan-2011)")
    assert capsys.readouterr().err.splitlines() == [
        "warning: no bibliography found, so citations show their keys (hanahan-2011, lambert-2017); "
        "name it with --bib FILE or the CHECKS_BIB environment variable",
        f"wrote 1 question to {out}",
    ]


def test_a_key_missing_from_the_bibliography_is_cited_by_itself_with_one_warning(
    cited: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bank, bib = cited
    bib.write_text(CITED_BIB.replace("lambert-2017", "lambert-2016"), encoding="utf-8")
    out = bank.parent / "quiz.gift"
    assert main(["--banks", str(bank), "export", "--format", "gift", "--bib", str(bib), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "What did Hanahan and Weinberg (2011) list (lambert-2017)?" in text
    assert "Yes (see lambert-2017, p. 3)." in text  # cited twice, warned of once
    assert capsys.readouterr().err.splitlines() == [
        f"warning: not in the bibliography ({bib}), so cited by their keys: lambert-2017",
        f"wrote 1 question to {out}",
    ]


def test_the_books_bibliography_is_found_as_validate_finds_it(
    cited: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a book's folder its docs/references.bib, for its ./exercises; elsewhere CHECKS_BIB; a --bib that is
    not there is refused, not taken for a missing bibliography."""
    bank, bib = cited
    root = bank.parent
    (root / "exercises").mkdir()
    bank.rename(root / "exercises" / bank.name)
    (root / "docs").mkdir()
    bib.rename(root / "docs" / "references.bib")
    assert main(["export", "--format", "aiken", "--out", "-"]) == 0
    captured = capsys.readouterr()
    assert CITED_PROMPT in captured.out and "warning" not in captured.err
    monkeypatch.setenv("CHECKS_BANKS", str(root / "exercises" / bank.name))
    monkeypatch.chdir(root / "docs")
    monkeypatch.setenv("CHECKS_BIB", "references.bib")
    assert main(["export", "--format", "aiken", "--out", "-"]) == 0
    assert CITED_PROMPT in capsys.readouterr().out
    assert main(["export", "--format", "aiken", "--bib", "refs.bib", "--out", "-"]) == 2
    assert capsys.readouterr() == ("", "error: refs.bib: no such file\n")


def test_the_books_bibliography_is_found_beside_its_banks_from_any_folder(
    cited: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run outside the book's folder, its banks named by --banks or CHECKS_BANKS as the instructors' page says,
    a command cites from the bibliography beside them, <book>/docs/references.bib; validate checks sources
    against the same file, found the same way."""
    bank, bib = cited
    book = bank.parent / "book"
    (book / "exercises").mkdir(parents=True)
    (book / "docs").mkdir()
    bank = bank.rename(book / "exercises" / bank.name)
    bib.rename(book / "docs" / "references.bib")
    monkeypatch.chdir(bank.parent.parent.parent)  # the book's parent: no ./exercises, no ./docs
    for banks in (book / "exercises", bank, Path("book", "exercises")):  # a folder, a bank file, a relative path
        assert main(["--banks", str(banks), "export", "--format", "aiken", "--out", "-"]) == 0
        captured = capsys.readouterr()
        assert CITED_PROMPT in captured.out and "warning" not in captured.err
    monkeypatch.setenv("CHECKS_BANKS", str(book / "exercises"))
    assert main(["export", "--format", "aiken", "--out", "-"]) == 0
    assert CITED_PROMPT in capsys.readouterr().out
    assert main(["key"]) == 0
    assert f"# {CITED_OPTION}" in capsys.readouterr().out
    # The sample's source 'key' is no work of this bibliography: validate says so, naming the file it found.
    assert main(["validate"]) == 2
    found = book / "docs" / "references.bib"
    assert f"source 'key' is not in the bibliography ({found})" in capsys.readouterr().err
    assert main(["validate", "book/exercises"]) == 2
    assert "source 'key' is not in the bibliography (book/docs/references.bib)" in capsys.readouterr().err


def test_sheets_and_keys_cite_as_the_exports_do(cited: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The blank sheet's prompts and options, and the key's option texts, are plain text from the same markup."""
    bank, bib = cited
    assert main(["--banks", str(bank), "sheet", "--bib", str(bib)]) == 0
    sheet, err = capsys.readouterr()
    assert f"  # {CITED_PROMPT}\n" in sheet and f"  #   a: {CITED_OPTION}\n" in sheet
    assert err == ""
    assert main(["--banks", str(bank), "key", "--bib", str(bib)]) == 0
    assert f"  c-single: a  # {CITED_OPTION}\n" in capsys.readouterr().out
    assert main(["--banks", str(bank), "key"]) == 0  # no bibliography: the key, and the warning once
    key, err = capsys.readouterr()
    assert "  c-single: a  # Hallmarks (hanahan-2011)\n" in key
    assert err == (
        "warning: no bibliography found, so citations show their keys (hanahan-2011); "
        "name it with --bib FILE or the CHECKS_BIB environment variable\n"
    )


# A text, the keys it cites, and it as plain text: a role escaped or inside a code span cites nothing, one
# after an escaped backslash, in emphasis or in a link's text does, and {footcite} cites as {cite} does.
CITING_TEXTS = [
    (r"\\{cite:p}`lambert-2017`", ["lambert-2017"], "\\(lambert-2017)"),
    (r"\{cite:p}`lambert-2017`", [], "{cite:p}lambert-2017"),
    ("``{cite:p}`lambert-2017` `` is a role", [], "{cite:p}`lambert-2017` is a role"),
    ("*see {cite:p}`lambert-2017`*", ["lambert-2017"], "see (lambert-2017)"),
    ("[as {cite:t}`steeg-2016`](https://x.org)", ["steeg-2016"], "as steeg-2016 (https://x.org)"),
    (
        "Spread {footcite:p}`steeg-2016, lambert-2017`.",
        ["steeg-2016", "lambert-2017"],
        "Spread (steeg-2016; lambert-2017).",
    ),
]


@pytest.mark.parametrize(("myst", "keys", "as_plain"), CITING_TEXTS)
def test_validate_checks_the_citations_an_export_shows(myst: str, keys: list[str], as_plain: str) -> None:
    """``checks validate`` and the build check the keys of the roles the export cites, and no others."""
    assert [key for _, cited in citation_roles(myst) for key in cited] == keys
    with citing(Citations({})) as noted:
        assert to_plain(myst) == as_plain
    assert noted.unlabelled == keys
    # The book's feedback labels leave out what cites, and only that.
    left = without_citations(myst)
    assert not any(key in left for key in keys) if keys else left == myst


def test_a_citation_is_cut_out_where_it_is_whatever_the_line_endings() -> None:
    """Roles are found where markdown-it finds them, in the text with its line endings read as "\\n"."""
    assert without_citations("One\r\ntwo {cite:p}`steeg-2016`, three.") == "One\ntwo, three."
    assert uncited("One\r\ntwo {cite:p}`steeg-2016`.", {"steeg-2016"}) == "One\ntwo `steeg-2016`."


def test_citations_outside_a_command_are_their_keys() -> None:
    """Markup called on its own (the book's extension, a script) has no bibliography, and notes nothing."""
    bib = from_bibliography([TESTS.parent / "docs" / "references.bib"])
    with citing(bib):
        assert to_html("{cite:t}`hanahan-2011`, *in* {cite}`steeg-2016`") == (
            "Hanahan and Weinberg (2011), <em>in</em> (Steeg, 2016)"
        )
    assert to_html("{cite:t}`hanahan-2011`, *in* {cite}`steeg-2016`") == "hanahan-2011, <em>in</em> (steeg-2016)"
    assert bib.warning() is None
