"""Item analysis: how each exercise worked for a class, in classical test theory terms.

Every statistic of an exercise is computed over the students who answered it
(any status but ``unanswered``): a sheet may skip whole chapters, and a skip
says nothing about how hard an exercise is. For each exercise:

- *difficulty*: the share of those students whose answer was fully correct
  (0 = nobody, 1 = everybody; higher is easier, as the classical p value);
- *mean share*: the mean of score ÷ points;
- *discrimination*: the Pearson correlation between the exercise's score share
  and the student's total on the rest of the book (the corrected item-total
  correlation; for an all-or-nothing exercise it is the point-biserial);
  blank when either does not vary;
- *upper-lower index*: mean score share among the top 27% of those students
  by total score minus that among the bottom 27% (27% rounded half up, at
  least one student), ties broken by the order of ``grades.csv``;
- both of these blank when fewer than :data:`MIN_ANSWERS` students answered:
  two answers always correlate at +1 or −1, which says nothing;
- counts per response: each option chosen (single choice and multiple
  select), named by the letter the book prints it with, ``(a)``, ``(b)`` …, in
  the book's order, so that an instructor reads them against the printed page;
  ``true``/``false``; or the five statuses (other kinds);
- every misconception tag recorded, most frequent first; and, for the report,
  each tag with the students who showed it and what they chose, and the wrong
  answers most given, in the bank's words (:mod:`.choices`).

The work is done column by column with C-level builtins, because a class of
ten thousand sheets over the whole book is more than a million results.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, is_not, mul
from typing import Any

from checks import variants
from checks.grading import Result
from checks.handwritten import read_answer
from checks.loading import Book
from checks.model import AnyExercise, MultipleSelect, SingleChoice, TrueFalse

from .choices import Group, Shown, grouped, read
from .collect import Graded

UPPER_LOWER_SHARE = 0.27
# Fewer answers than this leave discrimination and the upper-lower index blank: two answers
# always correlate at +1 or −1, and a handful says nothing about the exercise.
MIN_ANSWERS = 5
TOP_MISCONCEPTIONS = 3
STATUSES = ("correct", "partial", "incorrect", "invalid", "unanswered")
# Below this share of the sum of squares a variance is rounding error: the values are all equal.
_FLAT = 1e-9

_GRADED = frozenset(("correct", "partial", "incorrect"))
_WRONG = frozenset(("partial", "incorrect"))
_STATUS = attrgetter("status")


@dataclass(frozen=True)
class ItemStats:
    """What a class's answers say about one exercise."""

    exercise_id: str
    chapter: str
    kind: str
    points: float
    answered: int
    correct: int
    difficulty: float | None
    mean_share: float | None
    discrimination: float | None
    upper_lower: float | None
    responses: tuple[tuple[str, int], ...]
    misconceptions: tuple[tuple[str, int], ...]
    # Each tag with the students who showed it and what they chose, and the wrong answers most given
    # (:mod:`.choices`): for the report, which names them in the bank's words.
    shown: tuple[Shown, ...] = ()
    wrong_answers: tuple[tuple[str, int], ...] = ()

    @property
    def top_misconceptions(self) -> tuple[tuple[str, int], ...]:
        return self.misconceptions[:TOP_MISCONCEPTIONS]


def analyse(book: Book, graded: Sequence[Graded]) -> tuple[ItemStats, ...]:
    """One :class:`ItemStats` per exercise of the book, in book order."""
    ranked = sorted(graded, key=lambda g: -g.total)  # stable: ties keep the order of ``graded``
    totals = Totals([g.total for g in ranked])
    exercises = list(book.exercises())
    empty: list[tuple[Any, ...]] = [()] * len(exercises)
    results = list(zip(*(g.results for g in ranked), strict=True)) or empty
    scores = list(zip(*(g.scores for g in ranked), strict=True)) or empty
    responses = list(zip(*(g.responses for g in ranked), strict=True)) or empty
    return tuple(
        _item(bank.chapter, ex, results[i], scores[i], responses[i], totals) for i, (bank, ex) in enumerate(exercises)
    )


class Totals:
    """The students' total scores, ranked highest first, with their sums precomputed."""

    def __init__(self, ranked: list[float]) -> None:
        self.values = ranked
        self.squares = list(map(mul, ranked, ranked))
        self.sum, self.sum_squares = sum(ranked), sum(self.squares)


def _item(
    chapter: str,
    ex: AnyExercise,
    results: tuple[Result, ...],
    scores: tuple[float, ...],
    responses: tuple[Any, ...],
    totals: Totals,
) -> ItemStats:
    statuses = list(map(_STATUS, results))
    counts = Counter(statuses)  # counted in C: statuses are a few interned strings
    ticked: list[Group] | None = None
    if isinstance(ex, MultipleSelect):
        # The options ticked are counted through each distinct answer graded, not through every list; those not
        # fully right are a part of these, in the same order (a result has one status).
        ticked = grouped(results, responses, list(map(_GRADED.__contains__, statuses)))
        wrong = [group for group in ticked if group[0].status in _WRONG]
    else:  # answers not fully right, each distinct one once: tags are only ever on these
        wrong = grouped(results, responses, list(map(_WRONG.__contains__, statuses)))
    tags: Counter[str] = Counter()
    for result, _, n in wrong:
        for tag in result.misconceptions:
            tags[tag] += n
    shown, wrong_answers = read(ex, wrong)
    s1, s2, st = sum(scores), sum(map(mul, scores, scores)), sum(map(mul, scores, totals.values))
    if counts["unanswered"]:  # an unanswered exercise scores 0, so only the totals need filtering
        keep = list(map(is_not, responses, repeat(None)))
        t1, t2 = sum(compress(totals.values, keep)), sum(compress(totals.squares, keep))
        ranked_scores: Sequence[float] = list(compress(scores, keep))
    else:
        t1, t2, ranked_scores = totals.sum, totals.sum_squares, scores
    n = len(ranked_scores)
    return ItemStats(
        exercise_id=ex.id,
        chapter=chapter,
        kind=ex.kind,
        points=ex.points,
        answered=n,
        correct=counts["correct"],
        difficulty=counts["correct"] / n if n else None,
        mean_share=s1 / (n * ex.points) if n else None,
        discrimination=rest_correlation(n, s1, s2, t1, t2, st),
        upper_lower=_upper_lower(ranked_scores, ex.points),
        responses=_responses(ex, counts, statuses, responses, ticked),
        misconceptions=tuple(sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))),
        shown=shown,
        wrong_answers=wrong_answers,
    )


def rest_correlation(n: int, s1: float, s2: float, t1: float, t2: float, st: float) -> float | None:
    """Pearson correlation of item scores s with rest scores t − s, from n, Σs, Σs², Σt, Σt² and Σst.

    None when fewer than :data:`MIN_ANSWERS` students answered or either variable does not vary.
    """
    if n < MIN_ANSWERS:
        return None
    r1, r2, sr = t1 - s1, t2 - 2 * st + s2, st - s2  # the sums over the rest score r = t − s
    var_s = s2 - s1 * s1 / n
    var_r = r2 - r1 * r1 / n
    if var_s <= _FLAT * s2 or var_r <= _FLAT * r2:
        return None
    return max(-1.0, min(1.0, (sr - s1 * r1 / n) / math.sqrt(var_s * var_r)))


def group_size(answered: int) -> int:
    """Students in each of the upper and lower groups: 27% of those who answered, rounded half up."""
    return max(1, math.floor(UPPER_LOWER_SHARE * answered + 0.5))


def _upper_lower(ranked_scores: Sequence[float], points: float) -> float | None:
    if len(ranked_scores) < MIN_ANSWERS:
        return None
    k = group_size(len(ranked_scores))
    return (sum(ranked_scores[:k]) - sum(ranked_scores[-k:])) / (k * points)


def _responses(
    ex: AnyExercise,
    counts: Counter[str],
    statuses: list[str],
    responses: tuple[Any, ...],
    ticked: Sequence[Group] | None,
) -> tuple[tuple[str, int], ...]:
    """Counts per option by the book's letter (choice kinds), per answer (true/false) or per status (others);
    a select-all's from its distinct answers graded (``ticked``, see :func:`~.choices.grouped`)."""
    if not isinstance(ex, SingleChoice | MultipleSelect | TrueFalse):
        return tuple((s, counts[s]) for s in STATUSES)
    # A graded response is in shape (an option id, a list of them, or a bool), so it can be
    # counted as it is; an invalid one may look like an option (1 for true, a list of ids
    # with a repeat), and is counted only as invalid.
    table = {i: i for i in variants.choice_ids(ex)}
    if isinstance(ex, MultipleSelect):
        assert ticked is not None
        picks: Counter[Any] = Counter()
        for _, answer, n in ticked:  # lists, as a rule; text is a hand's "a, c"
            for option in read_answer(ex, answer, table) if type(answer) is str else answer:
                picks[option] += n
    else:
        picks = Counter(compress(responses, map(_GRADED.__contains__, statuses)))
    picks = _as_graded(ex, picks, table)
    # Responses are ids (a variant's or the book's letters were mapped back when the sheet was read), or a bool.
    chosen = [(label, picks[response]) for label, response, _ in answer_labels(ex)]
    return (*chosen, ("invalid", counts["invalid"]), ("unanswered", counts["unanswered"]))


def answer_labels(ex: AnyExercise) -> list[tuple[str, Any, bool]]:
    """Each answer items.csv counts by name, in the book's order: its label (``(a)``, ``true``), the response it
    stands for (an option id, a bool) and whether it is right. None for the kinds counted by status."""
    if isinstance(ex, TrueFalse):
        return [("true", True, ex.answer), ("false", False, not ex.answer)]
    if isinstance(ex, SingleChoice | MultipleSelect):
        return [(f"({letter})", option.id, option.correct) for letter, option in variants.lettered(ex)]
    return []


def _as_graded(ex: AnyExercise, picks: Counter[Any], table: dict[str, str]) -> Counter[Any]:
    """``picks``, how often each option or truth value was chosen, with an answer written by hand ("(Bone)",
    "yes") counted as the option it was graded as; such answers are few, so they are read last. Only answers that
    were graded come here, so every id may be in the table (``table``), one letter long or not."""
    for written in [k for k in picks if k not in table and type(k) is not bool]:
        read = read_answer(ex, written, table)
        count = picks.pop(written)  # taken first: the answer may read as itself
        picks[read[0] if isinstance(read, list) else read] += count  # one option of several
    return picks
