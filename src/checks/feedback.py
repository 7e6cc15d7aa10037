"""What a student is told of each answer, as plain text: the lines ``checks grade --feedback`` prints under an
exercise, so that an instructor can hand each student their results.

The texts are those the web book shows after a check (the grader's feedback: the option's, the verdict's or the
foreseen wrong answer's) and the explanation, written as the blank sheets write them: markup dropped and
citations as the book writes them (:func:`checks.exports.markup.readable`, within
:func:`checks.exports.citations.citing`). Every sheet of a class is told the same texts, and reading one through
the book's parser costs more than grading a sheet, so a run reads each distinct text once (:class:`Texts`).

Options are named by the letters the student saw, which are those the instructor reads in the book: a sheet
answered in letters (the book's, or a variant's) is shown as it gives them, and a sheet in option ids, as the
web book downloads one, in the letters the book prints beside those options. The feedback of each option ticked
in a multiple-select exercise is labelled with that option's letter, and that of each stem matched with the
number the book prints before the stem and whether the match is right, as the page tells it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from checks import variants
from checks.exports.citations import Citations, citing
from checks.exports.markup import readable
from checks.grading import Result
from checks.model import AnyExercise, Matching, MultipleSelect
from checks.numbers import numbered_stems
from checks.printable import capped, escaped
from checks.sheets import Sheet, read_in_ids

WIDTH = 88
INDENT = " " * 6  # under the exercise's line, whose id is indented by two


class Texts:
    """The bank's texts as one run of ``checks grade --feedback`` tells them: each made readable, citing by
    ``citations``, and wrapped under its label once, however many sheets are told it. Made afresh for each run,
    so that no text is told with another run's citations."""

    def __init__(self, citations: Citations) -> None:
        self.citations = citations
        self._readable: dict[str, str] = {}
        self._wrapped: dict[tuple[str, str, str], tuple[str, ...]] = {}

    def readable(self, text: str) -> str:
        """``text`` as :func:`~checks.exports.markup.readable` writes it, citing by this run's citations."""
        found = self._readable.get(text)
        if found is None:
            with citing(self.citations):
                found = self._readable[text] = readable(text)
        return found

    def wrapped(self, label: str, text: str, more: str = "  ") -> list[str]:
        """``text``, readable, after ``label`` (see :func:`_wrapped`)."""
        key = (label, text, more)
        found = self._wrapped.get(key)
        if found is None:
            found = self._wrapped[key] = tuple(_wrapped(label, self.readable(text), more))
        return list(found)


def feedback_lines(ex: AnyExercise, result: Result, sheet: Sheet, texts: Texts) -> list[str]:
    """The lines under an answered exercise: the answer (see :func:`seen_answer`), each feedback text, and
    the explanation, each wrapped and indented under the exercise's line. An answer of the wrong shape gets no
    explanation: the page checks no such answer, nor shows the answer after it, and the explanation gives it."""
    letter_of = _letters_seen(ex, sheet)
    lines = _wrapped("answer: ", shown_answer(seen_answer(ex, result, sheet, letter_of)))
    told = _labelled(ex, result, sheet, letter_of)
    if len(told) == 1 and told[0][0] is None:
        lines += texts.wrapped("feedback: ", told[0][1])
    elif told:  # several options ticked, or stems matched: one entry each, by its option's letter or its stem
        lines.append(f"{INDENT}feedback:")
        for letter, text in told:
            lines += texts.wrapped(f"  - ({letter}) " if letter else "  - ", text, "    ")
    if result.status != "invalid":
        lines += texts.wrapped("explanation: ", ex.explanation)
    return lines


def _letters_seen(ex: AnyExercise, sheet: Sheet) -> dict[str, str]:
    """Option id → the letter the student saw it by: the variant's on a variant's sheet, else the book's (a
    download from a page opened as a variant does not say so, and is shown in the book's letters)."""
    return {id_: letter for letter, id_ in variants.sheet_letters(ex, sheet.variant).items()}


def _graded(ex: AnyExercise, sheet: Sheet) -> Any:
    """The answer in option ids as it was graded: a hand's way of writing an id ("(Bone)") read as the grader
    reads it, an answer in ids already in shape left as it is."""
    return read_in_ids(ex, sheet.answers[ex.id])


def seen_answer(ex: AnyExercise, result: Result, sheet: Sheet, letter_of: dict[str, str]) -> Any:
    """The answer as the student saw it: as written on a sheet in letters, or out of shape (there is no option
    to name); on a sheet in ids, in the letters the book prints (``letter_of``), a multiple choice's in the
    order of the page."""
    if sheet.variant or sheet.lettered or result.status == "invalid" or not letter_of:
        return sheet.as_written(ex.id)
    ids = _graded(ex, sheet)
    if isinstance(ids, dict):  # a matching's stems keep their ids: the book does not letter them
        return {stem: letter_of.get(option, option) for stem, option in ids.items()}
    if isinstance(ids, list):
        shown = [letter_of.get(i, i) for i in ids]
        return sorted(shown) if isinstance(ex, MultipleSelect) else shown
    return letter_of.get(ids, ids)


def _labelled(ex: AnyExercise, result: Result, sheet: Sheet, letter_of: dict[str, str]) -> list[tuple[str | None, str]]:
    """Each feedback text, as written, with the letter of the option it is for where several options were ticked,
    or the stem it is for (see :func:`_stem_labels`); None for any other: one option ticked needs no label, and
    a verdict or a foreseen answer has no letter."""
    plain: list[tuple[str | None, str]] = [(None, text) for text in result.feedback if text]
    if isinstance(ex, Matching) and result.feedback:
        labels = _stem_labels(ex, sheet)
    elif isinstance(ex, MultipleSelect) and len(result.feedback) > 1:
        labels = _option_labels(ex, sheet, letter_of)
    else:
        return plain
    # The grader gives a text for each option ticked or stem matched, in the bank's order, which tests hold it to.
    # Should the count ever differ, the texts are told without labels rather than beside the wrong ones.
    if len(labels) != len(result.feedback):
        return plain
    pairs = sorted(zip(labels, result.feedback, strict=True), key=lambda pair: pair[0][0])  # in the page's order
    return [(label, text) for (_, label), text in pairs if text]


def _option_labels(ex: MultipleSelect, sheet: Sheet, letter_of: dict[str, str]) -> list[tuple[int, str]]:
    """The options ticked, in the bank's order, each with its place on the page and the letter it is shown by."""
    graded = _graded(ex, sheet)
    ticked = set(graded) if isinstance(graded, list) and all(isinstance(i, str) for i in graded) else set()
    place = {id_: n for n, id_ in enumerate(letter_of)}
    return [(place[o.id], letter_of[o.id]) for o in ex.options if o.id in ticked and o.id in letter_of]


def _stem_labels(ex: Matching, sheet: Sheet) -> list[tuple[int, str]]:
    """The stems matched, in the bank's order (which the book numbers them in), each labelled as the page labels
    its feedback: the number the book prints before the stem, and whether the student's match for it is right
    ("stem 1, match not right"). Each text needs its stem, even alone: the answer names stems by id on a
    download, and a text does not say whether the match was right."""
    pairs = _graded(ex, sheet)
    if not isinstance(pairs, dict):
        return []
    verdict = {True: "match right", False: "match not right"}
    return [
        (n, f"stem {n}, {verdict[pairs[stem.id] == stem.answer]}") for n, stem in numbered_stems(ex) if stem.id in pairs
    ]


def shown_answer(value: Any) -> str:
    """An answer on one line, as a sheet writes it: ``b``, ``[a, c]``, ``{prostate: B}``, ``true``, ``36 kg``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        text = f"[{', '.join(map(shown_answer, value))}]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{shown_answer(k)}: {shown_answer(v)}" for k, v in value.items()) + "}"
    else:
        text = escaped(str(value))
    return capped(text)


def _wrapped(label: str, text: str, more: str = "  ") -> list[str]:
    """``text`` after ``label``, wrapped, its further lines indented a little more than the label."""
    return textwrap.wrap(
        " ".join(text.split()) or "-", WIDTH, initial_indent=INDENT + label, subsequent_indent=INDENT + more
    )
