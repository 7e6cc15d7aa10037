"""Table-driven grading cases for every kind (tests/data/grading_cases.yaml)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from checks.exports.citations import Citations
from checks.feedback import Texts, feedback_lines
from checks.grading import Result, grade, longest_run
from checks.loading import Book
from checks.model import Matching, MultipleSelect, Numeric, ShortText
from checks.normalise import unit_key
from checks.sheets import read_in_ids, read_sheet

from conftest import DATA

CASES = yaml.safe_load((DATA / "grading_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("exercise_id", "response", "score", "status"), CASES, ids=[f"{c[0]}:{c[1]!r}" for c in CASES])
def test_grading_case(sample: Book, exercise_id: str, response: Any, score: float, status: str) -> None:
    found = sample.find(exercise_id)
    assert found is not None
    result = grade(found[1], response)
    assert (result.score, result.status) == (pytest.approx(score), status)
    assert 0 <= result.score <= result.max_score == found[1].points


def test_invalid_response_says_what_shape_was_expected(sample: Book) -> None:
    found = sample.find("t-ordering")
    assert found is not None
    result = grade(found[1], "s1 s2")
    assert result.message == "expected a list of distinct item ids from: s1, s2, s3, s4, s5"


def test_feedback_and_misconceptions_follow_the_choice(sample: Book) -> None:
    single = sample.find("t-single")
    assert single is not None
    result = grade(single[1], "b")
    assert result.feedback == ("No.",) and result.misconceptions == ("wrong-b",)
    text = sample.find("t-text")
    assert text is not None
    wrong = grade(text[1], "Extravasation")
    assert wrong.feedback == ("That is leaving.",) and wrong.misconceptions == ("entry-exit",)
    matching = sample.find("t-matching")
    assert matching is not None
    assert grade(matching[1], {"prostate": "liver"}).misconceptions == ("liver-for-all",)


def test_matching_feedback_is_one_text_per_stem_answered_in_the_banks_order(sample: Book) -> None:
    """checks grade --feedback labels each text with its stem by this rule: a text for each stem the answer
    matches, in the bank's order, however the answer orders or names them (by number or by id, as a sheet may)."""
    found = sample.find("t-matching")
    assert found is not None and isinstance(found[1], Matching)
    ex = found[1]  # stems prostate (Bone.), colorectal (Liver.), breast (Bone.)
    assert grade(ex, {"breast": "bone", "colorectal": "liver"}).feedback == ("Liver.", "Bone.")
    assert grade(ex, read_in_ids(ex, {3: "bone", "colorectal": "liver"})).feedback == ("Liver.", "Bone.")
    assert grade(ex, read_in_ids(ex, {"3": "skin", 1: "bone", "colorectal": "liver"})).feedback == (
        "Bone.",
        "Liver.",
        "Bone.",
    )
    assert grade(ex, {"colorectal": "bone"}).feedback == ("Liver.",)  # a stem left out has no text
    # A stem the exercise has not makes the answer invalid: no text at all, rather than some texts.
    for odd in ({"lung": "bone", "colorectal": "liver"}, {4: "bone"}, {"prostate": "lung"}):
        assert grade(ex, read_in_ids(ex, odd)).feedback == (), odd
    ticked = sample.find("t-multiple")
    assert ticked is not None and isinstance(ticked[1], MultipleSelect)
    assert grade(ticked[1], ["e", "a"]).feedback == ("Yes.", "No.")  # options ticked, in the bank's order


def test_feedback_that_does_not_fit_the_answer_is_told_without_labels(sample: Book, tmp_path: Path) -> None:
    """Should a grader ever give more or fewer texts than stems matched or options ticked, --feedback tells the
    texts unlabelled rather than raise or put one beside the wrong stem."""
    sheet_path = tmp_path / "ann.yaml"
    sheet_path.write_text("student: ann\nanswers:\n  t-matching: {1: bone}\n  t-multiple: [a, d]\n")
    sheet = read_sheet(sheet_path, sample)
    texts = Texts(Citations(None))
    matching, multiple = sample.find("t-matching"), sample.find("t-multiple")
    assert matching is not None and multiple is not None
    told = Result("t-matching", 1, 3, "partial", ("Bone.", "Liver."))
    assert feedback_lines(matching[1], told, sheet, texts)[1:4] == [
        "      feedback:",
        "        - Bone.",
        "        - Liver.",
    ]
    right = Result("t-matching", 1, 3, "partial", ("Bone.",))
    assert feedback_lines(matching[1], right, sheet, texts)[1] == "      feedback:"
    assert feedback_lines(matching[1], right, sheet, texts)[2] == "        - (stem 1, match right) Bone."
    three = Result("t-multiple", 1, 3, "partial", ("Yes.", "No.", "No."))
    assert feedback_lines(multiple[1], three, sheet, texts)[2:5] == ["        - Yes.", "        - No.", "        - No."]


@pytest.mark.parametrize(
    ("response", "named"),
    [
        (["s1", "s3", "s2", "s4", "s5"], "First item out of place: Three"),
        # The first step put last: the item to move is it, not the first place that differs.
        (["s2", "s3", "s4", "s5", "s1"], "First item out of place: One"),
        (["s1", "s5", "s2", "s3", "s4"], "First item out of place: Five"),
        (["s5", "s4", "s3", "s2", "s1"], "First item out of place: Five"),
        # The items placed are in order: what is missing is the rest.
        (["s1", "s3"], "3 item(s) not placed"),
    ],
)
def test_ordering_feedback_names_the_item_to_move(sample: Book, response: list[str], named: str) -> None:
    found = sample.find("t-ordering")
    assert found is not None
    assert grade(found[1], response).feedback[-1] == named


def test_grading_never_changes_the_exercise(sample: Book) -> None:
    for _, exercise in sample.exercises():
        before = exercise.model_dump()
        grade(exercise, {"x": ["y"]})
        assert exercise.model_dump() == before


@pytest.mark.parametrize(
    ("positions", "expected"),
    [([], 0), ([0], 1), ([2, 1, 0], 1), ([0, 2, 1, 3], 3), ([4, 0, 1, 2, 3], 4)],
)
def test_longest_run(positions: list[int], expected: int) -> None:
    assert longest_run(positions) == expected


def test_shared_results_equal_fresh_grading(sample: Book) -> None:
    """BookGrader reuses results for repeated responses; that must never change a grade."""
    from checks.sheets import BookGrader, Sheet

    responses = [
        True,
        1,
        1.0,
        "1",
        "a",
        ["a", "b"],
        ["b", "a"],
        {"prostate": "bone"},
        None,
        [1],
        [True],
        [[1]],
        {"x": 1},
        {"x": [1]},
        # Equal in Python, not on a sheet: a stem's number, and YAML's true (``yes:``), which names no stem.
        {1: "bone"},
        {True: "bone"},
        {1: "b"},
        {True: "b"},
    ]
    grader = BookGrader(sample)
    for round_ in range(2):
        for n, response in enumerate(responses):
            sheet = Sheet(DATA / f"{round_}-{n}.json", "s", {e.id: response for _, e in sample.exercises()})
            shared = [r for _, r in grader.grade(sheet).results]
            assert shared == [r for _, r in BookGrader(sample).grade(sheet).results]
            # Only an answer out of shape is read as a hand may have meant it ("a" for [a]).
            direct = [grade(e, response) for _, e in sample.exercises()]
            assert all(s == d for s, d in zip(shared, direct, strict=True) if d.status != "invalid")


def test_a_refused_unit_is_named_with_the_units_taken(sample: Book) -> None:
    """The right number with a unit the exercise does not take ("23.3%" where percentage points are asked):
    the message names the units to answer in, and the incorrect feedback, which says how the answer is
    worked out and in what unit, comes with it. The number is right, so the misconception, which names the
    reasoning behind a wrong number, is not counted; a wrong number in that unit carries it."""
    found = sample.find("t-numeric")
    assert found is not None
    result = grade(found[1], "36.7 kg")
    taken = "The unit “kg” is not accepted here: answer in percentage points, pp or %."
    assert (result.status, result.score, result.message) == ("incorrect", 0.0, taken)
    assert (result.feedback, result.misconceptions) == (("No.",), ())
    wrong = grade(found[1], "30 kg")
    assert (wrong.message, wrong.misconceptions) == (taken, ("misread-table",))  # the unit is what is named


@pytest.mark.parametrize(
    ("units", "said"),
    [
        ([], "give the number alone."),
        (["pp"], "answer in pp."),
        (["months", "mo"], "answer in months or mo."),
        (["Percentage points", "pp", "points"], "answer in percentage points, pp or points."),
    ],
)
def test_a_refused_unit_is_told_the_units_taken_in_plain_words(sample: Book, units: list[str], said: str) -> None:
    found = sample.find("t-numeric-rel")
    assert found is not None
    ex = found[1].model_copy(update={"units": tuple(units)})
    assert grade(ex, "200 %").message == f"The unit “%” is not accepted here: {said}"


@pytest.mark.parametrize(
    ("unit", "key"),
    [
        ("points", "point"),
        ("percentage points", "percentagepoint"),  # spaces set aside: "1.5×10^9/L" is "1.5 × 10^9/L"
        ("× 10^9/l", "×10^9/l"),
        ("p s", "ps"),  # two characters without the space
        ("persons", "person"),
        ("mos", "mo"),
        ("sss", "ss"),
        ("pp", "pp"),
        ("ms", "ms"),
        ("ss", "ss"),
        ("s", "s"),
        ("%", "%"),
        ("🙂s", "🙂s"),  # two characters (code points), though four UTF-16 units
        ("point", "point"),
    ],
)
def test_a_unit_is_compared_without_spaces_and_a_final_s_past_two_characters(unit: str, key: str) -> None:
    assert unit_key(unit) == key


@pytest.mark.parametrize(
    ("units", "typed", "status"),
    [
        (["percentage points"], "200 percentage point", "correct"),
        (["percentage point"], "200 Percentage  Points.", "correct"),
        (["points"], "200 point", "correct"),
        (["person"], "200 persons", "correct"),
        (["mo"], "200 mos.", "correct"),
        (["months"], "200 MONTH", "correct"),
        (["months"], "190 month", "correct"),
        (["months"], "100 month", "incorrect"),
        (["pp"], "200 p", "incorrect"),
        (["p"], "200 pp", "incorrect"),
        (["ms"], "200 m", "incorrect"),
        (["s"], "200 ss", "incorrect"),
        (["pp"], "200 pps", "correct"),
    ],
)
def test_a_unit_is_taken_with_or_without_a_final_s(sample: Book, units: list[str], typed: str, status: str) -> None:
    """Either way round: the bank's unit and the reader's are compared with a final s set aside, but "pp",
    "ms" and "s" are not read as "p", "m" or nothing."""
    found = sample.find("t-numeric-rel")
    assert found is not None
    ex = found[1].model_copy(update={"units": tuple(units)})
    assert grade(ex, typed).status == status


def test_a_refused_unit_is_told_in_the_banks_words_not_as_compared(sample: Book) -> None:
    """The comparison sets a final s aside; the message still names the units as the bank writes them, and
    the reader's as typed."""
    found = sample.find("t-numeric-rel")
    assert found is not None
    ex = found[1].model_copy(update={"units": ("percentage points", "pp", "points")})
    said = "The unit “percents” is not accepted here: answer in percentage points, pp or points."
    assert grade(ex, "200 Percents").message == said


def _number(sample: Book, value: float, tolerance: float | None) -> Numeric:
    found = sample.find("t-numeric-rel")
    assert found is not None
    data = {**found[1].model_dump(), "value": value, "tolerance": tolerance, "relative_tolerance": None}
    return Numeric.model_validate(data)


@pytest.mark.parametrize(
    ("value", "tolerance", "right", "wrong"),
    [
        # A tiny value is graded as exactly as it is written: the slack is a share of it, not 1e-9 outright.
        (1e-12, None, ["1e-12", "0.000000000001", "1.0000000001e-12"], ["0", "2e-12", "1.1e-12", "-1e-12", "1e-9"]),
        (1e-12, 0.0, ["1e-12"], ["0", "1.01e-12"]),
        (-3e-15, 1e-15, ["-2e-15", "-4e-15", "-3e-15"], ["0", "-1.9e-15", "-4.1e-15", "3e-15"]),
        (0.0, 0.0, ["0", "-0", "0.0", "0e5"], ["1e-300", "-1e-300", "5e-324", "1e-9"]),
        (0.0, 1e-12, ["1e-12", "-1e-12", "0"], ["1.01e-12", "-1.01e-12"]),
        # The edge counts, though 0.4 - 0.3 is 0.10000000000000003 in binary.
        (0.3, 0.1, ["0.4", "0.2", "0.3"], ["0.41", "0.19", "0"]),
        (-0.3, 0.1, ["-0.4", "-0.2"], ["-0.41", "0.3"]),
        # A huge value keeps a slack of its own size, and no more.
        (1e300, None, ["1e300", "1.0000000001e300", "0.9999999999e300"], ["1.000001e300", "1e299", "0", "-1e300"]),
        (6.02214076e23, 1e18, ["602214076000000000000000", "6.02215e23", "6.02214e23"], ["6.0222e23", "6.0221e23"]),
    ],
)
def test_the_slack_is_a_share_of_the_numbers_compared(
    sample: Book, value: float, tolerance: float | None, right: list[str], wrong: list[str]
) -> None:
    """A number is right at most the tolerance from the value, with a slack for binary rounding that is a
    billionth of the value's size: 1e-12 without a tolerance no longer takes 0, as a slack of 1e-9 made it."""
    ex = _number(sample, value, tolerance)
    assert [a for a in right if grade(ex, a).status != "correct"] == []
    assert [a for a in wrong if grade(ex, a).status != "incorrect"] == []


@pytest.mark.parametrize(
    ("units", "message"),
    [
        (["points", "pp", "point"], "unit repeated: 'point' is 'points', as a final s is set aside in grading"),
        (["month", "Months."], "unit repeated: 'months' is 'month', as a final s is set aside in grading"),
        (["× 10^9/L", "×10^9/L"], "unit repeated: '×10^9/l' is '× 10^9/l', as spaces are set aside in grading"),
        (
            ["per cent", "percents"],
            "unit repeated: 'percents' is 'per cent', as spaces and a final s are set aside in grading",
        ),
        (["cm", "CM"], "unit repeated: cm"),
    ],
)
def test_a_unit_the_grader_reads_as_another_listed_is_refused(sample: Book, units: list[str], message: str) -> None:
    """ "point" beside "points" is the same unit to the grader: listing both would only make the note on the
    units taken longer."""
    found = sample.find("t-numeric-rel")
    assert found is not None
    data = found[1].model_dump()
    data["units"] = units
    with pytest.raises(ValidationError, match=re.escape(message)):
        Numeric.model_validate(data)
    data["units"] = units[:1]
    Numeric.model_validate(data)


@pytest.mark.parametrize(
    ("exercise", "right", "wrong"),
    [
        ("c1-deaths-gap", ["23.3%", "23.3 kg", "23.3 pp"], ["1000", "47 %", "12 pp"]),
        ("c4-cup-pet-numeric", ["40 pts", "40 cases"], ["10 pts", "10"]),
        ("c2-sites-colon-count", ["60 cases", "60 individuals"], ["120 cases", "120"]),
    ],
)
def test_a_misconception_is_counted_for_a_wrong_number_in_any_unit(
    book: Book, exercise: str, right: list[str], wrong: list[str]
) -> None:
    """An exercise's misconception names the reasoning behind a wrong number ("40 pts" in Exercise 4's count of
    people is the right number, not a misread of found and not found): it is counted for a wrong number, in a
    unit taken or refused, and never for the right one, whatever its unit."""
    found = book.find(exercise)
    assert found is not None and found[1].misconception
    for answer in right:
        assert grade(found[1], answer).misconceptions == (), answer
    for answer in wrong:
        assert grade(found[1], answer).misconceptions == (found[1].misconception,), answer


@pytest.mark.parametrize("pattern", ["lung|", ".*", "(lung)?", "[a-z]*", " ?", "|lung"])
def test_a_pattern_that_matches_a_blank_answer_is_refused(sample: Book, pattern: str) -> None:
    # Without the rule a blank answer, normalised to "", would grade as correct.
    data = _with_pattern(sample, pattern)
    with pytest.raises(ValidationError, match=f"pattern {re.escape(repr(pattern))} matches an empty answer"):
        ShortText.model_validate(data)


def _with_pattern(sample: Book, pattern: str) -> dict[str, object]:
    """The sample bank's short-text exercise, as data, with ``pattern`` after a pattern it has."""
    found = sample.find("t-text")
    assert found is not None
    data = found[1].model_dump()
    data["patterns"] = ["intra ?vasation", pattern]
    return data


@pytest.mark.parametrize(
    "pattern",
    [
        "stage (i+)+v",
        "(a+)+",
        "(a*)*",
        "([a-z]+ ?)+",  # as (\w+\s?)+ in the syntax patterns may use
        "(aa?)+",
        "(a{2,3})+",
        "(lungs? )*lung",
        "((a|b)+c){2,}",
        "(i+)+?v",
        "(i+){2}v",
        "x(y|(z+))*",
    ],
)
def test_a_pattern_with_nested_repetition_is_refused(sample: Book, pattern: str) -> None:
    # Without the rule "stage (i+)+v" takes seconds to refuse "stage" and 26 i's, twice as long with each i more.
    data = _with_pattern(sample, pattern)
    with pytest.raises(
        ValidationError,
        match=f"pattern {re.escape(repr(pattern))}: nested repetition: .* remove the inner or the outer repetition",
    ):
        ShortText.model_validate(data)


@pytest.mark.parametrize(
    "pattern",
    [
        "(ab)+",
        "(a|b)+",
        "a+b+",
        "(x{2})+",
        "([a-z]{3} )+end",
        "(very |really )*big",  # alternatives of different lengths, with no repetition inside the repeated part
        "(lungs? )?lung",  # a part that may occur once, not repeated
        "(i+){1}v",
        "tumou?r cells?",
        "a{2,3}b",
        "(liver|lung|bone)( and (liver|lung|bone))*",  # alternatives that begin alike but part before they end
        "(ab|ac)+",
    ],
)
def test_a_pattern_without_nested_repetition_is_accepted(sample: Book, pattern: str) -> None:
    data = _with_pattern(sample, pattern)
    assert ShortText.model_validate(data).patterns[1] == pattern


@pytest.mark.parametrize("answer", ["?!", " - ", "…"])
def test_an_accepted_answer_that_is_blank_once_normalised_is_refused(sample: Book, answer: str) -> None:
    found = sample.find("t-text")
    assert found is not None
    data = found[1].model_dump()
    data["accept"] = ["intravasation", answer]
    with pytest.raises(ValidationError, match="is empty once normalised"):
        ShortText.model_validate(data)


@pytest.mark.parametrize("typed", ["12:30", "1:20", "36.7:1", "3:00 pm"])
def test_a_time_or_a_ratio_is_not_a_number_with_a_unit(sample: Book, typed: str) -> None:
    """ "12:30" is a number written as a time, not 12 with the unit ":30": the reader is told a number is
    expected, not that ":30" is a unit the exercise refuses."""
    found = sample.find("t-numeric")
    assert found is not None
    result = grade(found[1], typed)
    assert result.status == "invalid" and result.message.startswith("expected a number"), result


@pytest.mark.parametrize(
    ("pattern", "told"),
    [
        (
            "a++",
            "a repetition followed by '+' ('a++', 'a*+', 'a?+') is possessive in Python, which the web book's "
            "browsers read otherwise: drop the second '+'",
        ),
        ("tumou?+r", "is possessive in Python"),
        ("m{2}+", "is possessive in Python"),
        (
            "(?i)ctc",
            "'(?' sets a flag in Python, which the web book's browsers read otherwise: write the pattern without it",
        ),
        ("a{,3}", "'{,n}' and '{,}' repeat in Python, which the web book's browsers read otherwise: write '{0,n}'"),
        ("a{,}b", "'{,n}' and '{,}' repeat in Python"),
        ("[]]", "a set that begins with ']'"),
        ("[]-a]", "a set that begins with ']'"),
        (
            "[]a]",
            "a set that begins with ']' ('[]a]') holds ']' in Python, which the web book's browsers read "
            "otherwise: leave ']' out",
        ),
        ("(x|[]y])", "a set that begins with ']'"),
        (
            "[a--z]",
            "possible set difference at position 2, which later Pythons will read so: write each character "
            "of a set once, and no '[' inside it",
        ),
        ("[[a]", "possible nested set at position 1"),
        ("[a||b]", "possible set union at position 2"),
    ],
)
def test_a_pattern_the_browser_would_read_otherwise_is_refused(sample: Book, pattern: str, told: str) -> None:
    """A pattern is matched in Python and in the browser: what the two read differently, which
    tests/test_parity.py finds among random patterns, is refused, with the remedy."""
    data = _with_pattern(sample, pattern)
    with pytest.raises(ValidationError, match=f"pattern {re.escape(repr(pattern))}: (.*)?{re.escape(told)}"):
        ShortText.model_validate(data)


@pytest.mark.parametrize("pattern", ["a]", "[a]]", "[-a]", "[a-]", "x{", "a{2,}", "a{1,2", "(|a)b", "a|b"])
def test_a_pattern_both_read_alike_is_accepted(sample: Book, pattern: str) -> None:
    data = _with_pattern(sample, pattern)
    assert ShortText.model_validate(data).patterns[1] == pattern


@pytest.mark.parametrize("pattern", ["(a|aa)+", "stage (i|ii)+v", "(a|)+b", "x(y|yy)*"])
def test_a_repeated_part_with_an_alternative_that_begins_another_is_refused(sample: Book, pattern: str) -> None:
    # "(a|aa)+" is read as "a(|a)+": an alternative that matches nothing, repeated, splits a run of a's in as many
    # ways as nested repetition does (2.7 s for 36 a's, twice as long with each a more).
    with pytest.raises(
        ValidationError,
        match=f"pattern {re.escape(repr(pattern))}: an alternative is the start of another in a part repeated more"
        " than once .* write the part so that no alternative begins another",
    ):
        ShortText.model_validate(_with_pattern(sample, pattern))
