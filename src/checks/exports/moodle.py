"""Moodle XML export: Moodle's own import format, which carries what GIFT cannot.

One ``<quiz>`` file: a ``<question type="category">`` per chapter (``$course$/top/3. How cancer spreads``, its
number and title, ``03.`` in a book of ten chapters or more, a ``/`` in a title written ``//`` as Moodle reads it),
then one question per exercise, named "Exercise 3.12 (c3-cascade-order)" (the id alone for a chapter without a
number), with the exercise's id as its ``<idnumber>``. Each question carries its points as ``<defaultgrade>``, the
explanation as general feedback, Moodle's own penalty for a second try in its multiple-tries behaviours (1 for
true/false, a third otherwise), and texts as HTML in CDATA (MyST converted by :mod:`checks.exports.markup`). After
its answers, as Moodle's own export writes them, come the exercise's hint as a ``<hint>`` (Moodle shows it after a
wrong try, in *Interactive with multiple tries*), unless it points at the book, and ``<tags>``: the exercise's id,
``chapter-3`` and ``chapter-3-objective-<id>`` for each objective it tests (:func:`tags`). What each kind becomes:

- single and multiple → ``multichoice`` with ``<shuffleanswers>0`` and ``<answernumbering>abc``, so that
  Moodle keeps the book's order and letters whatever the quiz's shuffle setting; single scores 100 for
  the key, multiple ±100/n as in GIFT (:func:`checks.exports.gift.multiple_weight`); feedback per option;
- true/false → ``truefalse``, the feedback for each answer on it;
- short text → ``shortanswer``, case-insensitive (``<usecase>0``): each accepted answer 100, each foreseen
  wrong answer 0 with its feedback, each also spelt without accents and as the book compares it
  (:mod:`checks.exports.spellings`), then ``*`` at 0 for any other answer; a ``*`` in an answer is escaped,
  since Moodle reads it as a wildcard;
- numeric → ``numerical``, the value with an absolute tolerance (a relative one converted), ``*`` at 0 with
  the feedback for a wrong number. Units are not carried (``<showunits>3``, no units), and the question says
  to type the number only, as in GIFT: Moodle either scores any unit as right (a unit it does not know costs
  nothing unless units are graded) or, graded, takes marks off an answer without one, which the book accepts;
- matching → ``matching``, stems in the book's order (``<shuffleanswers>0``), each pair a
  ``<subquestion>`` and each option that answers no stem one with no text (a distractor); per-stem feedback
  joins the general feedback.

Ordering exercises are skipped with GIFT's reason (:data:`checks.exports.gift.ORDERING`), as are what GIFT
skips for Moodle's sake: short text with patterns, weights Moodle lacks, matching it would merge or refuse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from checks.exports.common import Skip, chapter_digits, chapter_name, convert_bank, number, question_name
from checks.exports.gift import ORDERING, general_feedback, matching_options, multiple_weight
from checks.exports.markup import plain_option, question_html, to_html
from checks.exports.pointers import pointer_in_words
from checks.exports.spellings import short_answer_spellings
from checks.id_owners import chapter_number
from checks.loading import Book
from checks.model import (
    AnyExercise,
    Bank,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from checks.numbers import exercise_numbers
from checks.variants import display_options

# Moodle's default penalty for each wrong try in its multiple-tries behaviours; a second try at
# true/false cannot miss, so Moodle takes all of it.
PENALTY = "0.3333333"
TRUEFALSE_PENALTY = "1"


def cdata(text: str) -> str:
    """``text`` in a CDATA section; a ``]]>`` inside it is split across two sections."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html(tag: str, content: str, attrs: str = "") -> str:
    return f'<{tag}{attrs} format="html"><text>{cdata(content)}</text></{tag}>'


def _answer(fraction: str, text: str, feedback: str, *, html: bool = True, extra: str = "") -> list[str]:
    """One ``<answer>``: HTML (choices) or plain text (typed answers, which Moodle compares as written)."""
    shown = f' format="html"><text>{cdata(text)}</text>' if html else f"><text>{escape(text)}</text>"
    return [
        f'<answer fraction="{fraction}"{shown}',
        *([extra] if extra else []),
        f"  {_html('feedback', feedback)}",
        "</answer>",
    ]


def _choices(ex: SingleChoice | MultipleSelect) -> list[str]:
    single = isinstance(ex, SingleChoice)
    weight = multiple_weight(ex) if isinstance(ex, MultipleSelect) else "100"
    lines = [f"<single>{'true' if single else 'false'}</single>", "<shuffleanswers>0</shuffleanswers>"]
    lines.append("<answernumbering>abc</answernumbering>")
    for option in display_options(ex):
        fraction = weight if option.correct else ("0" if single else f"-{weight}")
        lines += _answer(fraction, to_html(option.text, inline=True), to_html(option.feedback))
    return lines


def _truefalse(ex: TrueFalse) -> list[str]:
    return [
        *_answer("100" if ex.answer else "0", "true", to_html(ex.feedback_true), html=False),
        *_answer("0" if ex.answer else "100", "false", to_html(ex.feedback_false), html=False),
    ]


def _literal(answer: str) -> str:
    return answer.replace("*", "\\*")  # a bare * is Moodle's wildcard; \* is the character


def _text(ex: ShortText) -> list[str]:
    if ex.patterns:
        raise Skip("Moodle short answers cannot express the exercise's regular-expression patterns")
    lines = ["<usecase>0</usecase>"]  # case-insensitive, as the book is
    # Moodle scores the first answer that matches, so the accepted ones and their spellings come first.
    accepted, wrong_answers = short_answer_spellings(ex)
    for spelling in accepted:
        lines += _answer("100", _literal(spelling), to_html(ex.feedback_correct), html=False)
    for wrong, spelt in wrong_answers:
        for spelling in spelt:
            lines += _answer("0", _literal(spelling), to_html(wrong.feedback), html=False)
    return lines + _answer("0", "*", to_html(ex.feedback_incorrect), html=False)


def _numeric(ex: Numeric) -> list[str]:
    margin = number(float(f"{ex.allowed_error:.12g}"))
    return [
        *_answer(
            "100",
            number(ex.value),
            to_html(ex.feedback_correct),
            html=False,
            extra=f"  <tolerance>{margin}</tolerance>",
        ),
        *_answer("0", "*", to_html(ex.feedback_incorrect), html=False, extra="  <tolerance>0</tolerance>"),
        "<unitgradingtype>0</unitgradingtype>",
        "<unitpenalty>0</unitpenalty>",
        "<showunits>3</showunits>",
        "<unitsleft>0</unitsleft>",
    ]


def _matching(ex: Matching) -> list[str]:
    plain = matching_options(ex)
    lines = ["<shuffleanswers>0</shuffleanswers>"]
    pairs = [(to_html(s.text, inline=True), plain[s.answer]) for s in ex.stems]
    used = {s.answer for s in ex.stems}
    pairs += [("", plain[o.id]) for o in ex.options if o.id not in used]  # a distractor: an answer to no stem
    for stem, option in pairs:
        lines += [
            '<subquestion format="html">',
            f"  <text>{cdata(stem) if stem else ''}</text>",
            f"  <answer><text>{escape(option)}</text></answer>",
            "</subquestion>",
        ]
    return lines


QTYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "truefalse": "truefalse",
    "text": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
}


def _hint(ex: AnyExercise, numbers: Mapping[str, str]) -> list[str]:
    """The exercise's hint, which Moodle shows after a wrong try in a quiz that allows several (*Interactive with
    multiple tries*). A hint is there to send the reader back to the book, which the quiz does not show: one that
    points at a place in it, or uses markup the export cannot convert, is left out, as a comment says, naming the
    place as an instructor finds it in the book (``numbers``: each exercise's, by id)."""
    if ex.hint is None:
        return []
    found = pointer_in_words(ex.hint, numbers)
    if found is not None:
        return [_comment(f"hint left out: it points at {found} in the book, which the quiz would not show")]
    try:
        return [_html("hint", to_html(ex.hint))]
    except Skip as err:
        return [_comment(f"hint left out: {err}")]


# Moodle cuts a tag at this many characters (TAG_MAX_LENGTH), which could make two tags one.
TAG_LENGTH = 50


def tags(ex: AnyExercise, bank: Bank) -> list[str]:
    """What an instructor finds a question by in Moodle's question bank, beside its category: the exercise's id, its
    chapter (``chapter-3``, or the chapter's name where it has no number) and each objective it tests, named within
    its chapter (``chapter-3-objective-order``), since an objective's id is unique in its chapter alone. A tag
    longer than Moodle keeps is left out (an id, at most 80 characters, stays the question's ID number)."""
    number_ = chapter_number(bank.chapter)
    chapter = f"chapter-{bank.chapter if number_ is None else number_}"
    named = [ex.id, chapter, *(f"{chapter}-objective-{objective}" for objective in ex.objectives)]
    return [tag for tag in named if len(tag) <= TAG_LENGTH]


def _tags(named: list[str]) -> list[str]:
    if not named:
        return []
    return ["<tags>", *(f"  <tag><text>{escape(tag)}</text></tag>" for tag in named), "</tags>"]


def question(
    ex: AnyExercise, name: str, tagged: list[str] | None = None, numbers: Mapping[str, str] | None = None
) -> str:
    """One exercise as a Moodle XML ``<question>`` named ``name`` and tagged ``tagged``, or :class:`Skip`;
    ``numbers``: the book's exercise numbers, by id, that a comment on a hint left out names an exercise by."""
    if isinstance(ex, Ordering):
        raise Skip(ORDERING)
    if isinstance(ex, SingleChoice | MultipleSelect):
        body = _choices(ex)
    elif isinstance(ex, TrueFalse):
        body = _truefalse(ex)
    elif isinstance(ex, ShortText):
        body = _text(ex)
    elif isinstance(ex, Numeric):
        body = _numeric(ex)
    else:
        body = _matching(ex)
    head = [
        f"<name><text>{escape(name)}</text></name>",
        _html("questiontext", question_html(ex)),
        _html("generalfeedback", general_feedback(ex)),
        f"<defaultgrade>{number(ex.points)}</defaultgrade>",
        f"<penalty>{TRUEFALSE_PENALTY if isinstance(ex, TrueFalse) else PENALTY}</penalty>",
        "<hidden>0</hidden>",
        # Moodle 3.6 and later read a question's ID number here (qformat_xml::import_headers), as its own export
        # writes it, after <hidden>. It must be unique in its category, or the import drops it: exercise ids are
        # unique across the book, and at most 80 characters of the 100 Moodle keeps.
        f"<idnumber>{escape(ex.id)}</idnumber>",
    ]
    # After the answers, as Moodle's own export writes them: the hint, then the tags.
    tail = [*_hint(ex, numbers or {}), *_tags(tagged or [])]
    return "\n".join(
        [
            f"  <question type={quoteattr(QTYPES[ex.kind])}>",
            *(f"    {line}" for line in head + body + tail),
            "  </question>",
        ]
    )


def category(bank: Bank, digits: int = 1) -> str:
    """A chapter's category question, named "3. How cancer spreads" (:func:`~checks.exports.common.chapter_name`,
    its number written with ``digits`` digits): Moodle splits the path at ``/`` and reads ``//`` as a ``/``
    in a name."""
    path = "$course$/top/" + plain_option(chapter_name(bank, digits)).replace("/", "//")
    return "\n".join(
        [
            '  <question type="category">',
            f"    <category><text>{escape(path)}</text></category>",
            "  </question>",
        ]
    )


def _comment(text: str) -> str:
    return "<!-- " + re.sub("-(?=-)", "- ", text) + " -->"  # "--" may not appear in an XML comment


def export(book: Book, whole: Book | None = None) -> tuple[bytes, list[str]]:
    """The book (or a part of ``whole``) as one Moodle XML file (UTF-8), and a line for each exercise skipped."""
    # The whole book's, so that a hint of a chapter exported alone names another chapter's exercise by its number.
    numbers = exercise_numbers(whole or book)
    digits = chapter_digits(whole or book)
    skipped: list[str] = []
    chunks: list[str] = []
    for bank in book.banks:

        def convert(ex: AnyExercise, bank: Bank = bank) -> str:
            return question(ex, question_name(ex, numbers), tags(ex, bank), numbers)

        questions = convert_bank(bank, convert, skipped)
        if questions:
            chunks += [category(bank, digits), *questions]
    count = sum(len(b.exercises) for b in book.banks) - len(skipped)
    header = [_comment(f"{count} question(s) exported as Moodle XML by checks export")]
    header += [_comment(line) for line in skipped]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>", *(f"  {h}" for h in header), *chunks, "</quiz>"]
    return ("\n".join(lines) + "\n").encode("utf-8"), skipped
