"""What a reader who knows the answer types is graded right, and a wrong answer stays wrong, for every typed answer.

Each short-text and numeric exercise of the book is listed here, with answers in the forms readers type: an
article or none, a plural, the words around the blank, British and American spellings, synonyms the chapter
uses, and a number with any of the units the question's words allow (singular or plural, "persons" for a count
of people). Each wrong answer is wrong for the reason the exercise's foreseen wrong answers and misconception
tags give. An exercise added to a bank without its rows here fails the first test.
"""

from __future__ import annotations

import pytest

from checks.grading import grade
from checks.loading import Book
from checks.model import AnyExercise, Numeric, ShortText

RIGHT_TEXT: dict[str, list[str]] = {
    "c1-naming-blank": [
        "lung",
        "Lungs",
        "the lung",
        "the lungs",
        "Lung cancer",
        "metastatic lung cancer",
        "Metastatic lung",
    ],
    "c2-sites-brain-source": ["lung", "lungs", "the lungs", "lung cancer", "primary lung cancer"],
    "c2-symptoms-fracture-term": [
        "pathological",
        "pathologic",
        "pathological fracture",
        "pathologic fracture",
        "a pathological fracture",
        "A pathologic fracture.",
        "pathological fractures",
        "pathologic fractures",
    ],
    "c3-dormancy-text": [
        "dormancy",
        "dormant",
        "dormant state",
        "a dormant state",
        "the dormant state",
        "a state of dormancy",
        "Tumor dormancy",
        "tumour dormancy",
        "metastatic dormancy",
    ],
    "c4-m0-text": ["M0", "cM0", "M-zero", "M 0", "M0 category", "category M0"],
    "c5-systemic-term": [
        "systemic",
        "systemic therapy",
        "Systemic treatments",
        "systemic therapies",
        "systemic treatment (or systemic therapy)",
        "systemic treatment or therapy",
        "systemic treatment / systemic therapy",
        "systemic, systemic",
        "systemic (or systemic)",
    ],
    "c6-relative-term": [
        "relative",
        "relative survival",
        "relative survival rate",
        "relative survival rates",
        "relative survival ratio",
    ],
    "c7-trial-goal-fill": [
        "metastases",
        "metastasis",
        "spread",
        "free of metastases",
        "free of spread",
        "distant metastases",
        "metastatic spread",
        "new metastases",
        "the spread",
    ],
    "c8-liquid-fill": ["liquid", "liquid biopsy", "a liquid biopsy", "liquid biopsies", "Liquid-biopsy"],
}

# Wrong however it is typed: the site a cancer spread to, another cancer or kind of fracture, the cell's state for the
# deposit's, another TNM category or a code with the letter O for its zero (the feedback says so; a key printing "MO"
# would teach it), the opposite reach, another kind of survival, the wrong goal, the wrong kind of biopsy.
WRONG_TEXT: dict[str, list[str]] = {
    "c1-naming-blank": ["adrenal", "adrenal gland", "adrenal glands", "metastatic adrenal cancer", "the adrenal gland"],
    "c2-sites-brain-source": ["breast", "breast cancer", "brain", "brain cancer", "melanoma", "skin"],
    "c2-symptoms-fracture-term": ["stress", "stress fracture", "a stress fracture", "compression", "fragility"],
    "c3-dormancy-text": ["remission", "quiescence", "micrometastasis", "colonisation", "colonization", "growing"],
    "c4-m0-text": ["M1", "N0", "NO", "MO", "M-O", "T0", "stage 0", "M1 category"],
    "c5-systemic-term": ["local", "local treatment", "palliative", "targeted", "systematic", "local or systemic"],
    "c6-relative-term": ["overall survival", "net survival", "median", "overall", "five-year", "median survival"],
    "c7-trial-goal-fill": ["pain", "side effects", "free of pain", "shrinkage", "tumour shrinkage"],
    "c8-liquid-fill": ["tissue", "tissue biopsy", "needle", "a needle biopsy", "blood"],
}

# A right number with each way a reader may write its unit, and a right number in a unit the question does not take.
# The singulars ("percentage point", "person", "month") and "mos" are not listed in the banks: the grader takes a
# unit with or without a final s, and these rows prove it.
RIGHT_NUMBER: dict[str, list[str]] = {
    "c1-deaths-gap": ["23.3", "23.3 percentage points", "23.3 percentage point", "23 pp", "23.3 points", "23.3 point"],
    "c2-sites-colon-count": ["60", "60 people", "64 persons", "60 person", "60 patients", "60 patient", "60 Patient."],
    "c4-cup-pet-numeric": ["40", "40 people", "40 persons", "40 person", "40 patients", "40 patient"],
    "c5-temel-difference": ["2.7", "2.7 months", "2,7 month", "2.7 mo", "2.7 mos.", "2.7 MOS"],
    "c6-chart-difference": ["23.3 percentage points", "23.3 percentage point", "23.3 pp", "23.3 point"],
    "c6-table-numeric": ["45 percentage points", "45 percentage point", "45 pp", "45 points", "45 point"],
    "c7-sabr-difference": ["24.6 percentage points", "24.6 percentage point", "24.6 pp", "24.6 point"],
    "c8-temel-endoflife": ["21 percentage points", "21 percentage point", "21 pp", "21 point"],
}
WRONG_NUMBER: dict[str, list[str]] = {
    "c1-deaths-gap": ["23.3%", "23.3 percent", "156.7 percentage points", "23.3 p", "23.3 ps"],
    "c2-sites-colon-count": ["120 people", "60%", "26.5 persons"],
    "c4-cup-pet-numeric": ["10 people", "10 persons", "40%"],
    "c5-temel-difference": ["2.7 years", "20.5 months", "2.7 weeks", "2.7 m", "2.7 ms"],
    "c6-chart-difference": ["23.3%", "44.3 percentage points"],
    "c6-table-numeric": ["45%", "23.3 points"],
    "c7-sabr-difference": ["24.6%", "2.4 points"],
    "c8-temel-endoflife": ["21%", "1.6 points"],
}

# The words a unit may be written in, the same in every bank: a count of people takes each word for people, and a
# difference between two percentages each way to write percentage points. Each word once: the grader takes it with
# or without a final s.
PEOPLE = ("people", "persons", "patients")
POINTS = ("percentage points", "pp", "points")
MONTHS = ("months", "mo")


def typed(book: Book, kind: type[AnyExercise]) -> list[str]:
    return [ex.id for _, ex in book.exercises() if isinstance(ex, kind)]


def exercise(book: Book, exercise_id: str) -> AnyExercise:
    found = book.find(exercise_id)
    assert found is not None, exercise_id
    return found[1]


def unlisted(written: list[str], tables: dict[str, dict[str, list[str]]]) -> list[str]:
    """What an author must add to (or take from) the tables here, for the exercises ``written`` in the banks."""
    said = []
    for name, table in tables.items():
        missing, stale = sorted(set(written) - set(table)), sorted(set(table) - set(written))
        said += [f"{exercise_id} has no rows in {name}: add them" for exercise_id in missing]
        said += [f"{name} lists {exercise_id}, which no bank has: remove it" for exercise_id in stale]
    return said


def test_every_typed_answer_exercise_is_listed_here(book: Book) -> None:
    """An exercise added to a bank is told what to add: rows of answers that must be graded right, and of wrong ones
    that must stay wrong, for each text and numeric exercise."""
    said = unlisted(typed(book, ShortText), {"RIGHT_TEXT": RIGHT_TEXT, "WRONG_TEXT": WRONG_TEXT})
    said += unlisted(typed(book, Numeric), {"RIGHT_NUMBER": RIGHT_NUMBER, "WRONG_NUMBER": WRONG_NUMBER})
    assert said == [], "tests/test_text_answers.py: " + "; ".join(said)


def test_an_exercise_without_rows_is_told_what_to_add() -> None:
    tables = {"RIGHT_TEXT": {"c1-a": ["x"]}, "WRONG_TEXT": {"c1-a": ["y"], "c1-gone": ["z"]}}
    assert unlisted(["c1-a", "c9-new"], tables) == [
        "c9-new has no rows in RIGHT_TEXT: add them",
        "c9-new has no rows in WRONG_TEXT: add them",
        "WRONG_TEXT lists c1-gone, which no bank has: remove it",
    ]


def _cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(exercise_id, answer) for exercise_id, answers in table.items() for answer in answers]


@pytest.mark.parametrize(("exercise_id", "answer"), _cases(RIGHT_TEXT) + _cases(RIGHT_NUMBER))
def test_a_right_answer_as_readers_type_it_is_graded_right(book: Book, exercise_id: str, answer: str) -> None:
    result = grade(exercise(book, exercise_id), answer)
    assert result.status == "correct", result


@pytest.mark.parametrize(("exercise_id", "answer"), _cases(WRONG_TEXT) + _cases(WRONG_NUMBER))
def test_a_wrong_answer_stays_wrong_however_it_is_typed(book: Book, exercise_id: str, answer: str) -> None:
    result = grade(exercise(book, exercise_id), answer)
    assert result.status == "incorrect", result


def test_foreseen_wrong_answers_keep_their_feedback(book: Book) -> None:
    """Accepting more forms must not swallow a wrong answer the bank wrote feedback for."""
    for exercise_id in typed(book, ShortText):
        ex = exercise(book, exercise_id)
        assert isinstance(ex, ShortText)
        for wrong in ex.wrong_answers:
            assert grade(ex, wrong.answer).feedback == (wrong.feedback,), (exercise_id, wrong.answer)


def test_units_are_the_same_words_in_every_bank(book: Book) -> None:
    """ "120 persons" is taken wherever people are counted, and "23.3 percentage point" wherever points are."""
    for exercise_id in typed(book, Numeric):
        ex = exercise(book, exercise_id)
        assert isinstance(ex, Numeric)
        told = f"{exercise_id}: units {list(ex.units)}; the book writes"
        if "people" in ex.units:
            assert ex.units == PEOPLE, f"{told} a count of people as units: {list(PEOPLE)}"
        elif "pp" in ex.units:
            assert ex.units == POINTS, f"{told} a difference of percentages as units: {list(POINTS)}"
        else:
            assert ex.id == "c5-temel-difference" and ex.units == MONTHS, (
                f"{told} people as {list(PEOPLE)} and percentage points as {list(POINTS)}; for a unit of another"
                " kind, add its words to this test beside them"
            )


def test_a_refused_unit_is_told_the_units_in_the_banks_words(book: Book) -> None:
    """The note names each unit once, as the bank writes it, not a singular beside each plural."""
    said = {
        "c1-deaths-gap": "answer in percentage points, pp or points.",
        "c2-sites-colon-count": "answer in people, persons or patients.",
        "c5-temel-difference": "answer in months or mo.",
    }
    for exercise_id, taken in said.items():
        ex = exercise(book, exercise_id)
        assert isinstance(ex, Numeric)
        assert grade(ex, f"{ex.value:g} kg").message == f"The unit “kg” is not accepted here: {taken}"
