"""Each export scores a multiple-select exercise as the book does, read from the file it writes.

The book's grader gives ``points × max(0, right − wrong) / number of right options`` (:mod:`checks.grading`).
For every multiple-select exercise of the book's banks, and of a small bank with other numbers of right
options, every set of options a student may tick is scored (all the right ones, one wrong one more, one right
one missing, every option, none, and every other), by the book and by the scoring rules of each export as its
LMS applies them:

- QTI 1.2 (Canvas): the item's response processing, run as QTI 1.2 reads it. Conditions are taken in order,
  each that holds applies its ``setvar`` actions, and one with ``continue="No"`` ends the processing; SCORE is
  kept within its ``decvar``'s ``minvalue`` and ``maxvalue``, both at the end and after each action (readers
  differ on when), and the item's points are SCORE's share of ``maxvalue``.
- Moodle XML and GIFT: Moodle's rule for a multiple-answer question (``grade_response`` of
  ``qtype_multichoice_multi_question``): the fractions of the options ticked, summed and kept between 0 and 1,
  times the question's mark. GIFT is read back by an independent parser, gift-pegjs.

Aiken has no multiple-select questions, and skips every one with a message.
"""

from __future__ import annotations

import io
import itertools
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from typing import Any

import pytest
import yaml

from checks.exports import FORMATS, export
from checks.exports.markup import to_html, to_plain
from checks.grading import grade
from checks.loading import Book, load_book
from checks.model import MultipleSelect
from checks.variants import display_options

from conftest import GiftParse

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
# Points to within a ten-thousandth: the exports give each option a share rounded to five decimals of a per cent.
CLOSE = 1e-4


def _options(right: int, wrong: int) -> list[dict[str, Any]]:
    return [{"id": f"r{i}", "text": f"Right {i}", "correct": True, "feedback": "Yes."} for i in range(1, right + 1)] + [
        {"id": f"w{i}", "text": f"Wrong {i}", "misconception": f"tag-{i}", "feedback": "No."}
        for i in range(1, wrong + 1)
    ]


# Numbers of right and wrong options the book's banks lack: one right option, six (shares that add up past 100
# once rounded), more wrong options than right ones.
OTHER_SHAPES = [(1, 3), (4, 1), (5, 2), (6, 2), (2, 5)]


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Book:
    bank = {
        "chapter": "shapes",
        "title": "Shapes",
        "objectives": [{"id": "o1", "text": "Apply a rule."}],
        "exercises": [
            {
                "id": f"m-{right}-of-{right + wrong}",
                "kind": "multiple",
                "prompt": "Pick all that apply.",
                "points": 3,
                "objectives": ["o1"],
                "options": _options(right, wrong),
                "explanation": "Because.",
                "source": "key",
                "reviewed": "2026-01-01",
            }
            for right, wrong in OTHER_SHAPES
        ],
    }
    path = tmp_path_factory.mktemp("shapes") / "shapes.yaml"
    path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    return load_book([path])


def _multiple(book: Book) -> list[MultipleSelect]:
    found = [ex for _, ex in book.exercises() if isinstance(ex, MultipleSelect)]
    assert found
    return found


def _ticks(ex: MultipleSelect) -> list[list[str]]:
    """Every set of options a student may tick, each in the book's order of options."""
    ids = [o.id for o in ex.options]
    return [list(ticked) for n in range(len(ids) + 1) for ticked in itertools.combinations(ids, n)]


def _book_score(ex: MultipleSelect, ticked: list[str]) -> float:
    result = grade(ex, ticked)
    assert result.status != "invalid", result.message
    return result.score


def _all_exported(fmt: str, book: Book) -> None:
    """Every multiple-select exercise of ``book`` is in the export, so that each is checked."""
    _, skipped = export(book, fmt)
    assert not [line for line in skipped if "(multiple)" in line]


def _option_ids(labels: list[str], ex: MultipleSelect) -> list[str]:
    """The option ids of an exported question's choices, after checking that they show the book's options in order."""
    shown = display_options(ex)
    assert labels == [to_html(o.text, inline=True) for o in shown], ex.id
    return [o.id for o in shown]


# -- QTI 1.2 ----------------------------------------------------------------------------------------------


def _qti_items(data: bytes) -> dict[str, ET.Element]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    items = {}
    for name in archive.namelist():
        if name != "imsmanifest.xml":
            for item in ET.fromstring(archive.read(name)).iter(f"{QTI}item"):
                items[str(item.get("ident"))] = item
    return items


def _holds(test: ET.Element, ticked: set[str]) -> bool:
    """Whether a condition holds for a multiple response ``ticked`` (the idents of the choices ticked)."""
    tag = test.tag.removeprefix(QTI)
    if tag == "varequal":
        assert test.get("respident") == "response1"
        return test.text in ticked  # of a response with several values, QTI 1.2's varequal asks whether it holds one
    if tag == "not":
        (inner,) = test
        return not _holds(inner, ticked)
    if tag == "and":
        return all(_holds(t, ticked) for t in test)
    if tag == "or":
        return any(_holds(t, ticked) for t in test)
    assert tag == "other", f"a test this reader does not know: {tag}"
    return True


def _qti_share(item: ET.Element, ticked: set[str], *, at_each_step: bool) -> float:
    """The share of the item's points that its response processing gives the choices ``ticked``."""
    (decvar,) = item.iter(f"{QTI}decvar")
    assert decvar.get("varname") == "SCORE"
    low, high = float(str(decvar.get("minvalue"))), float(str(decvar.get("maxvalue")))
    score = float(decvar.get("defaultval", "0"))
    for cond in item.iter(f"{QTI}respcondition"):
        (tests,) = cond.findall(f"{QTI}conditionvar")
        if not all(_holds(t, ticked) for t in tests):
            continue
        for setvar in cond.findall(f"{QTI}setvar"):
            assert setvar.get("varname") == "SCORE"
            value, action = float(str(setvar.text)), setvar.get("action", "Set")
            match action:
                case "Set":
                    score = value
                case "Add":
                    score += value
                case "Subtract":
                    score -= value
                case "Multiply":
                    score *= value
                case _:
                    assert action == "Divide", action
                    score /= value
            if at_each_step:
                score = min(max(score, low), high)
        if cond.get("continue") == "No":
            break
    return min(max(score, low), high) / high


def _check_qti(book: Book) -> None:
    data, _ = export(book, "qti")
    items = _qti_items(data)
    for ex in _multiple(book):
        item = items[ex.id]
        choices = list(item.iter(f"{QTI}response_label"))
        labels = [str(lab.findtext(f".//{QTI}mattext")) for lab in choices]
        idents = {i: str(lab.get("ident")) for i, lab in zip(_option_ids(labels, ex), choices, strict=True)}
        fields = item.iter(f"{QTI}qtimetadatafield")
        points = float(
            next(
                str(f.findtext(f"{QTI}fieldentry"))
                for f in fields
                if f.findtext(f"{QTI}fieldlabel") == "points_possible"
            )
        )
        for ticked in _ticks(ex):
            expected = _book_score(ex, ticked)
            for at_each_step in (False, True):
                share = _qti_share(item, {idents[t] for t in ticked}, at_each_step=at_each_step)
                assert points * share == pytest.approx(expected, abs=CLOSE), (ex.id, ticked, at_each_step)


def _canvas_key(item: ET.Element) -> set[str]:
    """The choices Canvas's QTI import takes for right ones (``process_response_conditions`` in its
    ``choice_interaction.rb``, on the QTI 2 its converter makes of the file): conditions in order, each naming
    the choices it tests. A condition whose test is an ``and`` makes right the choices it names outside a ``not``;
    any other makes the choices it names right if its score is a positive number, wrong if not, whatever the
    action (a ``Subtract`` of a positive number counts as positive)."""
    right: dict[str, bool] = {}
    for cond in item.iter(f"{QTI}respcondition"):
        (tests,) = cond.findall(f"{QTI}conditionvar")
        both = tests.find(f"{QTI}and")
        if both is not None:
            right.update({str(v.text): True for v in both.findall(f"{QTI}varequal")})
            continue
        setvar = cond.find(f"{QTI}setvar")
        positive = setvar is not None and float(str(setvar.text)) > 0
        right.update({str(v.text): positive for v in tests.iter(f"{QTI}varequal")})
    return {ident for ident, is_right in right.items() if is_right}


def test_qti_multiple_select_keeps_the_key_canvas_reads(book: Book, shapes: Book) -> None:
    """The conditions that score each option must not make Canvas take a wrong option for a right one."""
    for exported in (book, shapes):
        items = _qti_items(export(exported, "qti")[0])
        for ex in _multiple(exported):
            item = items[ex.id]
            choices = list(item.iter(f"{QTI}response_label"))
            labels = [str(lab.findtext(f".//{QTI}mattext")) for lab in choices]
            ids = _option_ids(labels, ex)
            assert _canvas_key(item) == {
                str(lab.get("ident")) for i, lab in zip(ids, choices, strict=True) if i in ex.correct_ids
            }


def test_qti_scores_multiple_select_as_the_book(book: Book) -> None:
    _all_exported("qti", book)
    _check_qti(book)


def test_qti_scores_other_numbers_of_right_options_as_the_book(shapes: Book) -> None:
    _all_exported("qti", shapes)
    _check_qti(shapes)


# -- Moodle: Moodle XML and GIFT ---------------------------------------------------------------------------


def _moodle_points(mark: float, fractions: dict[str, Decimal], ticked: list[str]) -> float:
    """What Moodle gives a multiple-answer question worth ``mark``: the fractions (per cent) of the options ticked,
    summed and kept between 0 and 1."""
    total = sum((fractions[t] for t in ticked), Decimal(0)) / 100
    return mark * float(min(max(total, Decimal(0)), Decimal(1)))


def _check_moodle_xml(book: Book) -> None:
    data, _ = export(book, "moodle")
    questions = {q.findtext("idnumber"): q for q in ET.fromstring(data).iter("question")}
    for ex in _multiple(book):
        q = questions[ex.id]
        assert q.get("type") == "multichoice" and q.findtext("single") == "false", ex.id
        answers = q.findall("answer")
        ids = _option_ids([str(a.findtext("text")) for a in answers], ex)
        fractions = {i: Decimal(str(a.get("fraction"))) for i, a in zip(ids, answers, strict=True)}
        mark = float(str(q.findtext("defaultgrade")))
        for ticked in _ticks(ex):
            got = _moodle_points(mark, fractions, ticked)
            assert got == pytest.approx(_book_score(ex, ticked), abs=CLOSE), (ex.id, ticked)


def _check_gift(book: Book, gift_parse: GiftParse) -> None:
    data, _ = export(book, "gift")
    # Named as in Moodle XML, "Exercise 3.1 (c3-next-step)", or by the id alone in a chapter without a number.
    names = {q["title"]: q for q in gift_parse(data) if q["type"] != "Category"}
    questions = {name.rsplit("(", 1)[-1].rstrip(")"): q for name, q in names.items()}
    for ex in _multiple(book):
        q = questions[ex.id]
        assert q["type"] == "MC" and not any(c["isCorrect"] for c in q["choices"]), ex.id  # checkboxes
        ids = _option_ids([c["text"]["text"] for c in q["choices"]], ex)
        fractions = {i: Decimal(str(c["weight"])) for i, c in zip(ids, q["choices"], strict=True)}
        # GIFT carries no mark: the instructor sets the book's points, as the comment above the question says.
        for ticked in _ticks(ex):
            got = _moodle_points(ex.points, fractions, ticked)
            assert got == pytest.approx(_book_score(ex, ticked), abs=CLOSE), (ex.id, ticked)


def test_moodle_xml_scores_multiple_select_as_the_book(book: Book, shapes: Book) -> None:
    for exported in (book, shapes):
        _all_exported("moodle", exported)
        _check_moodle_xml(exported)


def test_gift_scores_multiple_select_as_the_book(book: Book, shapes: Book, gift_parse: GiftParse) -> None:
    for exported in (book, shapes):
        _all_exported("gift", exported)
        _check_gift(exported, gift_parse)


# -- Aiken --------------------------------------------------------------------------------------------------


def test_aiken_skips_every_multiple_select_exercise(book: Book) -> None:
    data, skipped = export(book, "aiken")
    for ex in _multiple(book):
        assert f"skipped {ex.id} (multiple): Aiken has only single-choice questions" in skipped
        assert to_plain(ex.prompt) not in data.decode("utf-8")


def test_every_export_format_is_checked() -> None:
    """A format added to ``checks export`` needs its multiple-select scoring checked here."""
    assert set(FORMATS) == {"qti", "moodle", "gift", "aiken"}
