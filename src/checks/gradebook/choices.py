"""What a class chose, in the bank's words: the wrong answers given to an exercise, and what the students who
showed each misconception chose.

A misconception tag is attached in the bank to what a student chooses (:mod:`checks.model`): a wrong option
(single choice, multiple select), the wrong answer to a true/false statement, a foreseen wrong text answer,
any wrong number (numeric), or an option chosen for a matching stem. That option's or answer's text says what
the misconception is, so it is named here with the number of students who chose it: "(b) intravasation",
"true", "a wrong number, as written", "the stem → the option chosen for it".

The grader shares one result between equal answers (:class:`~checks.sheets.BookGrader`), so the answers to an
exercise are grouped by their result in C-level passes (:func:`grouped`) and only the distinct answers are
read: a class of thousands gives a few dozen per exercise. A select-all or matching answer is many parts, and a
class may give thousands of distinct ones, so their parts (an option ticked, a stem and its option) are counted
first and each part is put in words once. An answer written by hand ("(B)", "yes") is read as the grader
read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from checks import variants
from checks.grading import Result, first_out_of_place, grade
from checks.model import AnyExercise, Matching, MultipleSelect, Numeric, Ordering, ShortText, SingleChoice, TrueFalse
from checks.normalise import normalise_text
from checks.sheets import read_in_ids

from .words import ANSWER_LENGTH, plain, shorten

# A stem and the option matched to it are given more room than an answer alone, and the stem at least this much.
PAIR_LENGTH = 100
STEM_LENGTH = 30

# A distinct answer: its result, the answer as the sheet gave it, and how many students gave it.
Group = tuple[Result, Any, int]


@dataclass(frozen=True)
class Shown:
    """One misconception tag as an exercise's answers showed it."""

    tag: str
    students: int  # who showed it; a student whose answer shows it twice (two stems) counts once
    chose: tuple[tuple[str, int], ...]  # what those students chose that carries the tag, most chosen first


def grouped(results: Sequence[Result], responses: Sequence[Any], keep: Sequence[bool]) -> list[Group]:
    """The distinct answers among those ``keep`` selects, each with its result and how many students gave it.

    Equal answers share one result object, so results are told apart by identity: no answer is hashed. (A
    mapping or list is remembered in the order written, so one answer written in two orders is two groups here,
    which every count adds up alike.)
    """
    kept = list(compress(results, keep))
    ids = list(map(id, kept))
    # A result and an answer it was given for; strict: one answer per result, as ``keep`` selects both.
    given = dict(zip(ids, zip(kept, compress(responses, keep), strict=True), strict=True))
    return [(*given[i], n) for i, n in Counter(ids).items()]


def read(ex: AnyExercise, groups: Iterable[Group]) -> tuple[tuple[Shown, ...], tuple[tuple[str, int], ...]]:
    """What the answers not fully right (``groups``) chose.

    First, each tag they show, with its students and what they chose, the most shown first (ties by tag). Then
    the wrong parts of those answers, each with how many students gave it, most given first: a wrong option
    chosen or ticked (a right one left out, where no wrong one was ticked), the wrong truth value, a wrong text
    or number as written, the first item out of place, a stem matched to a wrong option.
    """
    tally = _Tally(ex)
    for result, response, n in groups:
        tally.add(result, response, n)
    tally.add_parts()
    return tally.shown(), tally.wrong_answers()


class _Tally:
    """The answers to one exercise counted by what they chose, in the words a report shows them."""

    def __init__(self, ex: AnyExercise) -> None:
        self.ex = ex
        self.students: Counter[str] = Counter()  # by tag
        self.chose: dict[str, Counter[str]] = {}  # by tag, what carries it
        self.found: Counter[str] = Counter()  # the wrong answers
        self.parts: Counter[Any] = Counter()  # options ticked, or (stem, option) pairs
        self.total = 0  # students counted
        self.options: dict[str, str] = {}  # choice options as the book prints them: "(b) intravasation"
        self.ids: dict[str, str] = {}  # a matching exercise's stems, or the items to order, by id
        self.spelled: dict[str, str] = {}  # a wrong text answer by its normalised form, as first written
        if isinstance(ex, SingleChoice | MultipleSelect):
            self.options = {
                o.id: shorten(f"({letter}) {plain(o.text, inline=True)}", ANSWER_LENGTH)
                for letter, o in variants.lettered(ex)
            }
        elif isinstance(ex, Matching):
            # Matching options are plain text, shown as written (the model refuses roles in them).
            self.options = {o.id: " ".join(o.text.split()) for o in ex.options}
            self.ids = {s.id: plain(s.text, inline=True) for s in ex.stems}
        elif isinstance(ex, Ordering):
            self.ids = {i.id: plain(i.text, inline=True) for i in ex.items}

    def add(self, result: Result, response: Any, n: int) -> None:
        """Count ``n`` students who gave ``response``, graded ``result``."""
        ex, tags = self.ex, result.misconceptions
        self.total += n
        for tag in set(tags):  # a tag shown at two stems is one student's
            self.students[tag] += n
        answer = response if self._in_shape(response) else read_in_ids(ex, response)
        if isinstance(ex, Matching | MultipleSelect):  # put in words part by part, once all are counted
            for part in answer.items() if isinstance(ex, Matching) else answer:
                self.parts[part] += n
            return
        text: str
        carried: str | None
        if isinstance(ex, SingleChoice):
            option = ex.option(answer)
            text, carried = self.options[answer], option.misconception if option else None
        elif isinstance(ex, TrueFalse):
            text, carried = ("true" if answer else "false"), ex.misconception
        elif isinstance(ex, ShortText):
            said = normalise_text(answer)
            text, carried = self.spelled.setdefault(said, _as_typed(answer)), None
            for wrong in ex.wrong_answers:
                if normalise_text(wrong.answer) == said:  # the first that matches, as the grader takes it
                    self._carries(wrong.misconception, _as_typed(wrong.answer), n)  # in the bank's words
                    break
        elif isinstance(ex, Numeric):
            text, carried = _as_typed(answer) if isinstance(answer, str) else f"{answer:.12g}", ex.misconception
        elif isinstance(ex, Ordering):
            text, carried = self._out_of_place(answer), None
        else:
            return
        self.found[text] += n
        if carried and tags:  # a right answer carries no tag
            self._carries(carried, text, n)

    def add_parts(self) -> None:
        """Count the parts of select-all and matching answers, each put in words once: a wrong option ticked,
        a stem matched to a wrong option. The options ticked are kept: the right ones tell those left out."""
        ex, parts = self.ex, self.parts
        if isinstance(ex, MultipleSelect):
            for id_, n in parts.items():
                option = ex.option(id_)
                if option is not None and not option.correct:
                    self.found[self.options[id_]] += n
                    if option.misconception:
                        self._carries(option.misconception, self.options[id_], n)
        elif isinstance(ex, Matching):
            stems = {s.id: s for s in ex.stems}
            for (stem_id, option_id), n in parts.items():
                stem = stems[stem_id]
                if option_id != stem.answer:
                    text = self._pair(stem_id, option_id)
                    self.found[text] += n
                    if option_id in stem.misconceptions:
                        self._carries(stem.misconceptions[option_id], text, n)

    def shown(self) -> tuple[Shown, ...]:
        return tuple(
            Shown(tag, count, _most_first(self.chose.get(tag, Counter())))
            for tag, count in sorted(self.students.items(), key=lambda kv: (-kv[1], kv[0]))
        )

    def wrong_answers(self) -> tuple[tuple[str, int], ...]:
        if isinstance(self.ex, MultipleSelect) and not self.found:
            # Every answer not right only left something out: the right options left out most.
            return _most_first(
                Counter(
                    {
                        f"left out {self.options[id_]}": self.total - self.parts[id_]
                        for id_ in self.ex.correct_ids
                        if self.total > self.parts[id_]
                    }
                )
            )
        return _most_first(self.found)

    def _carries(self, tag: str, text: str, n: int) -> None:
        self.chose.setdefault(tag, Counter())[text] += n

    def _in_shape(self, response: Any) -> bool:
        """Whether a graded answer was graded as written (else it was read as a hand means it): the grader's
        test, without the grading."""
        ex, kind = self.ex, type(response)
        if isinstance(ex, SingleChoice):
            return kind is str and response in self.options
        if isinstance(ex, MultipleSelect):
            return kind is list and all(type(r) is str and r in self.options for r in response)
        if isinstance(ex, TrueFalse):
            return kind is bool
        if isinstance(ex, Ordering):
            return kind is list and all(type(r) is str and r in self.ids for r in response)
        if isinstance(ex, Matching):
            try:  # set operations on the views, in C: a class gives thousands of distinct matching answers
                return (
                    kind is dict
                    and self.ids.keys() >= response.keys()
                    and self.options.keys() >= set(response.values())
                )
            except TypeError:  # a value that cannot be hashed, such as a list
                return False
        return grade(ex, response).status != "invalid"  # short text and numbers: a few distinct wrong answers

    def _out_of_place(self, answer: list[str]) -> str:
        """The first item of an order that is not in its place, or how many items were not placed."""
        assert isinstance(self.ex, Ordering)
        order = [item.id for item in self.ex.items]
        moved = first_out_of_place(order, answer)
        if moved is None:
            return f"{len(order) - len(answer)} item(s) not placed"
        return shorten(f"first out of place: {self.ids[moved]}", ANSWER_LENGTH)

    def _pair(self, stem_id: str, option_id: str) -> str:
        """A stem and the option matched to it, the stem shortened first, since the option is what the students
        chose: "the 2025 device that sorts tumour cells… → a predictive test"."""
        arrow = " → "
        option = shorten(self.options[option_id], PAIR_LENGTH - STEM_LENGTH - len(arrow))
        stem = shorten(self.ids[stem_id], PAIR_LENGTH - len(option) - len(arrow))
        return f"{stem}{arrow}{option}"


def _as_typed(text: str) -> str:
    """A text as a student or the bank typed it, on one line and shortened."""
    return shorten(" ".join(text.split()), ANSWER_LENGTH)


def _most_first(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
