"""Short answers in an LMS accept more of what the book accepts: each answer also spelt without accents and as
the book compares it, in Moodle XML, GIFT and QTI.

The book sets aside accents, case, punctuation and spacing; Moodle and Canvas only case and the spaces around
an answer. A small bank holds answers with accents, a ligature, punctuation, Hangul syllables (which the book
decomposes into letters) and two answers that the LMS would take for each other's spellings. Every
spelling a file lists is then graded by the book's own grader: it must score as the answer it was added for.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import pytest
import yaml

from checks.exports import export
from checks.exports.markup import to_html
from checks.grading import grade
from checks.loading import Book, load_book
from checks.model import ShortText

from conftest import GiftParse

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def _text(ex_id: str, accept: list[str], wrong: list[str]) -> dict[str, Any]:
    return {
        "id": ex_id,
        "kind": "text",
        "prompt": "Type it.",
        "points": 1,
        "objectives": ["o1"],
        "explanation": "Because.",
        "source": "key",
        "reviewed": "2026-01-01",
        "accept": accept,
        "wrong_answers": [{"answer": w, "feedback": f"Not {w}.", "misconception": "m"} for w in wrong],
        "feedback_correct": "Yes.",
        "feedback_incorrect": "No.",
    }


BANK: dict[str, Any] = {
    "chapter": "03-how-cancer-spreads",
    "title": "How cancer spreads",
    "objectives": [{"id": "o1", "text": "Spread."}],
    "exercises": [
        _text("c3-accents", ["métastase", "Café-au-lait spots", "ﬁbrosis", "간-암"], ["éphélide"]),
        # "Metastase" is "métastase" without its accent, as the LMS compares: listed once, as written.
        _text("c3-listed", ["métastase", "Metastase", "Grade 3."], ["grade 2", "Grade 2."]),
    ],
}
# What each LMS is given, in order: each answer, then its spelling without accents, then as the book compares it.
ACCEPTED = {
    "c3-accents": [
        "métastase",
        "metastase",
        "Café-au-lait spots",
        "Cafe-au-lait spots",
        "cafe au lait spots",
        "ﬁbrosis",
        "fibrosis",
        "간-암",
        "간 암",  # in syllables, as typed: the book compares their letters decomposed, as if they were accents
    ],
    "c3-listed": ["métastase", "Metastase", "Grade 3.", "grade 3"],
}
# The foreseen wrong answers' spellings, each with the feedback of the answer it spells.
WRONG = {
    "c3-accents": [("éphélide", "éphélide"), ("ephelide", "éphélide")],
    "c3-listed": [("grade 2", "grade 2"), ("Grade 2.", "Grade 2.")],  # each is the other's spelling: both as written
}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("spellings") / "03-how-cancer-spreads.yaml"
    path.write_text(yaml.safe_dump(BANK, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_book([path])


def _short(book: Book, ex_id: str) -> ShortText:
    found = book.find(ex_id)
    assert found is not None and isinstance(found[1], ShortText)
    return found[1]


def _moodle(book: Book) -> dict[str, list[tuple[str, str, str]]]:
    """Each short-answer question's answers by exercise id: (text, fraction, feedback), the final ``*`` left out."""
    data, skipped = export(book, "moodle")
    assert not [line for line in skipped if "(text)" in line]
    out = {}
    for q in ET.fromstring(data).iter("question"):
        if q.get("type") == "shortanswer":
            assert q.findtext("usecase") == "0"  # case-insensitive, as the book is
            answers = [
                (str(a.findtext("text")), str(a.get("fraction")), str(a.findtext("feedback/text")))
                for a in q.findall("answer")
            ]
            assert answers[-1][0] == "*"
            out[str(q.findtext("idnumber"))] = answers[:-1]
    return out


def test_moodle_lists_each_answer_without_accents_and_as_the_book_compares_it(bank: Book) -> None:
    answers = _moodle(bank)
    for ex_id, accepted in ACCEPTED.items():
        wrong = [(w, "0", f"Not {of}.") for w, of in WRONG[ex_id]]
        assert answers[ex_id] == [(a, "100", "Yes.") for a in accepted] + wrong


def test_gift_lists_the_same_spellings(bank: Book, gift_parse: GiftParse) -> None:
    data, skipped = export(bank, "gift")
    assert skipped == []
    for q in gift_parse(data):
        if q["type"] == "Short":
            ex_id = q["title"].rsplit("(", 1)[-1].rstrip(")")
            listed = [(c["text"]["text"], c["weight"]) for c in q["choices"]]
            assert listed == [(a, 100) for a in ACCEPTED[ex_id]] + [(w, 0) for w, _ in WRONG[ex_id]] + [("*", 0)]


def test_qti_lists_the_same_accepted_spellings(bank: Book) -> None:
    """Canvas matches the answers of the scoring condition; a foreseen wrong answer has no place there."""
    data, skipped = export(bank, "qti")
    assert skipped == []
    archive = zipfile.ZipFile(io.BytesIO(data))
    (quiz,) = [n for n in archive.namelist() if n != "imsmanifest.xml"]
    for item in ET.fromstring(archive.read(quiz)).iter(f"{QTI}item"):
        accepted = [str(v.text) for v in item.iter(f"{QTI}varequal")]
        assert accepted == ACCEPTED[str(item.get("ident"))]


def test_qti_names_each_wrong_answer_by_the_spellings_moodle_is_given(bank: Book) -> None:
    """Canvas shows the feedback for every foreseen wrong answer to any wrong answer: each is introduced by the
    spellings Moodle matches it by, so that a student who typed one of them finds theirs."""
    data, _ = export(bank, "qti")
    archive = zipfile.ZipFile(io.BytesIO(data))
    (quiz,) = [n for n in archive.namelist() if n != "imsmanifest.xml"]
    for item in ET.fromstring(archive.read(quiz)).iter(f"{QTI}item"):
        feedback = next(f for f in item.iter(f"{QTI}itemfeedback") if f.get("ident") == "general_incorrect_fb")
        incorrect = str(feedback.findtext(f".//{QTI}mattext"))
        by_answer: dict[str, list[str]] = {}
        for spelling, of in WRONG[str(item.get("ident"))]:
            by_answer.setdefault(of, []).append(f"“{spelling}”")
        said = [
            f"<div><p>If you answered {' or '.join(quoted)}: Not {of}.</p></div>" for of, quoted in by_answer.items()
        ]
        assert incorrect == "<p>No.</p>" + "".join(said)


def _every_listed(book: Book) -> list[tuple[ShortText, str, str, str]]:
    """Every spelling the Moodle XML file lists for every short-answer exercise, with its fraction and feedback."""
    return [
        (_short(book, ex_id), text, fraction, feedback)
        for ex_id, answers in _moodle(book).items()
        for text, fraction, feedback in answers
    ]


@pytest.mark.parametrize("which", ["bank", "book"])
def test_the_book_scores_every_spelling_as_the_lms_does(which: str, request: pytest.FixtureRequest) -> None:
    """The LMS accepts nothing the book refuses: the book grades each spelling given at 100 % right, and each given
    at 0 % wrong, with the feedback the LMS shows for it. In the test bank and the book's own banks."""
    book: Book = request.getfixturevalue(which)
    listed = _every_listed(book)
    assert listed
    for ex, text, fraction, feedback in listed:
        typed = text.replace("\\*", "*")  # Moodle's literal star is the character a student types
        result = grade(ex, typed)
        assert result.correct is (fraction == "100"), (ex.id, text)
        if fraction == "0":
            wrong = next(w for w in ex.wrong_answers if to_html(w.feedback) == feedback)
            assert result.misconceptions == (wrong.misconception,), (ex.id, text)


# Answers without accents, as the book's are: a spelling is added only where punctuation stands in one.
PUNCTUATED: dict[str, Any] = {
    **BANK,
    "exercises": [
        _text("c3-terms", ["systemic treatment, systemic therapy", "systemic/systemic", "drug therapy"], ["local."]),
        _text("c3-years", ["five-year", "five year", "5 years"], ["one year"]),
    ],
}


def test_answers_without_accents_gain_the_spellings_their_punctuation_calls_for(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A spelling is added only where punctuation stands in an answer, each right after the answer it spells, and
    none that is written already ("five year")."""
    path = tmp_path_factory.mktemp("punctuated") / "03-how-cancer-spreads.yaml"
    path.write_text(yaml.safe_dump(PUNCTUATED, sort_keys=False), encoding="utf-8")
    listed = {ex_id: [text for text, _, _ in answers] for ex_id, answers in _moodle(load_book([path])).items()}
    assert listed == {
        "c3-terms": [
            "systemic treatment, systemic therapy",
            "systemic treatment systemic therapy",
            "systemic/systemic",
            "systemic systemic",
            "drug therapy",
            "local.",
            "local",
        ],
        "c3-years": ["five-year", "five year", "5 years", "one year"],
    }
