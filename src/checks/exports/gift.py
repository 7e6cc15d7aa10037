"""GIFT export for Moodle: one text file, a ``$CATEGORY`` per chapter, one question per exercise.

Chapters and questions are named as in Moodle XML, so that a class's questions are the same whichever file
imported them: the category "3. How cancer spreads", the question "Exercise 3.1 (c3-next-step)". Texts are
written in Moodle's ``[html]`` format (MyST converted by :mod:`checks.exports.markup`) with every GIFT special
character escaped, feedback and math included (``\\(\\pi r^2\\)`` is written ``\\\\(\\\\pi r^2\\\\)``, which
Moodle reads back as written). What each kind becomes:

- single choice: ``=right#feedback`` and ``~wrong#feedback``; a vignette is the
  first paragraph of the question text;
- multiple select: checkboxes weighted ``+100/n %`` for each of the n correct
  options and ``-100/n %`` for each wrong one, which is the engine's
  right-minus-wrong rule; Moodle floors a negative total at 0, as the engine does;
- true/false: ``{TRUE#feedback if wrong#feedback if right}``;
- short text: each accepted answer at 100 %, each foreseen wrong answer at 0 %
  with its feedback, then ``*`` at 0 % for any other answer, answers as typed (Moodle takes an
  answer's text as it is, no markup: ``*stage*`` is the word between stars); Moodle compares
  case-insensitively but does not ignore accents or punctuation as the engine does, so each answer is also
  listed without accents and as the book compares it (:mod:`checks.exports.spellings`);
- numeric: ``#value:margin`` (a relative tolerance becomes the absolute margin),
  with ``~#`` feedback for any other number; units are not carried, and the question
  says to type the number only;
- matching: ``stem -> option`` pairs; an option that answers several stems is
  repeated (Moodle merges identical answers into one choice) and an option that
  answers none is a distractor ``-> option``; per-stem feedback joins the general feedback.

The explanation is every question's general feedback (``####``). Ordering
exercises are skipped with a message: Moodle's ordering question type, which reads
a GIFT syntax of its own (``{>…}``), has no grading method that gives the book's
partial credit, (longest run in the right order − 1) / (items − 1). So are short-text
exercises with patterns and anything else GIFT cannot express faithfully. Hints are not carried, nor are points, which
GIFT cannot express: a comment above each question worth more or less than 1 point gives its points.
"""

from __future__ import annotations

from checks.exports.common import Skip, chapter_digits, chapter_name, convert_bank, number, question_name
from checks.exports.markup import matching_feedback, plain_option, question_html, to_html
from checks.exports.spellings import short_answer_spellings
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

SPECIAL = "~=#{}:"
# Why an ordering is skipped: GIFT could carry one (Moodle's ordering question type reads "{>…}"), but not its score.
ORDERING = (
    "Moodle's ordering question has no grading method that gives the book's partial credit, "
    "(longest run in the right order − 1) / (items − 1)"
)
# Moodle imports only the answer weights of its own list: 100/n % for these n.
MOODLE_SHARES = frozenset((*range(1, 11), 20))


def escape(text: str) -> str:
    """Escape a text for GIFT: backslash first, then ``~ = # { } :``; newlines become spaces."""
    out = text.replace("\\", "\\\\")
    for char in SPECIAL:
        out = out.replace(char, "\\" + char)
    return " ".join(out.splitlines())


def _answer_text(content: str) -> str:
    # A wrong option whose text starts like a weight ("%5% of …") needs an explicit 0 % weight.
    return f"%0%{escape(content)}" if content.startswith("%") else escape(content)


def multiple_weight(ex: MultipleSelect) -> str:
    """The weight, in per cent, of each correct option of a multiple-select exercise (``33.33333`` for 3), which
    each wrong option takes away: one of the weights Moodle imports, or :class:`Skip`."""
    if len(ex.correct_ids) not in MOODLE_SHARES:
        raise Skip(f"Moodle has no answer weight of 100/{len(ex.correct_ids)} % for each of its correct options")
    return number(round(100 / len(ex.correct_ids), 5))


def _choices(ex: SingleChoice | MultipleSelect) -> list[str]:
    lines: list[str] = []
    if isinstance(ex, SingleChoice):
        for option in display_options(ex):
            text = to_html(option.text, inline=True)
            mark = f"={escape(text)}" if option.correct else f"~{_answer_text(text)}"
            lines.append(f"{mark}#{escape(to_html(option.feedback))}")
        return lines
    weight = multiple_weight(ex)
    for option in display_options(ex):
        sign = "" if option.correct else "-"
        text = escape(to_html(option.text, inline=True))
        lines.append(f"~%{sign}{weight}%{text}#{escape(to_html(option.feedback))}")
    return lines


def _truefalse(ex: TrueFalse) -> list[str]:
    right, wrong = (ex.feedback_true, ex.feedback_false) if ex.answer else (ex.feedback_false, ex.feedback_true)
    word = "TRUE" if ex.answer else "FALSE"
    return [f"{word}#{escape(to_html(wrong))}#{escape(to_html(right))}"]


def _literal(answer: str) -> str:
    if "->" in answer:
        raise Skip(f"answer {answer!r} contains '->', which makes Moodle read the question as matching")
    return escape(answer).replace("*", "\\*")  # a bare * is Moodle's wildcard


def _text(ex: ShortText) -> list[str]:
    if ex.patterns:
        raise Skip("GIFT short answers cannot express the exercise's regular-expression patterns")
    correct = escape(to_html(ex.feedback_correct))
    accepted, wrong_answers = short_answer_spellings(ex)
    lines = [f"=%100%{_literal(a)}#{correct}" for a in accepted]
    for wrong, spelt in wrong_answers:
        lines += [f"=%0%{_literal(spelling)}#{escape(to_html(wrong.feedback))}" for spelling in spelt]
    lines.append(f"=%0%*#{escape(to_html(ex.feedback_incorrect))}")
    return lines


def _numeric(ex: Numeric) -> list[str]:
    margin = number(float(f"{ex.allowed_error:.12g}"))
    return [
        f"=%100%{number(ex.value)}:{margin}#{escape(to_html(ex.feedback_correct))}",
        f"~#{escape(to_html(ex.feedback_incorrect))}",
    ]


def matching_options(ex: Matching) -> dict[str, str]:
    """Each option's text as Moodle shows it (plain), by id, or :class:`Skip` for a question Moodle would change
    or refuse."""
    plain = {o.id: plain_option(o.text) for o in ex.options}
    if len(set(plain.values())) != len(plain):
        raise Skip("two options have the same text, which Moodle would merge into one choice")
    if len(ex.stems) < 2 or len(ex.options) < 3:
        raise Skip("Moodle's matching questions need at least 2 stems and 3 options")
    return plain


def _matching(ex: Matching) -> list[str]:
    plain = matching_options(ex)
    lines = [f"={escape(to_html(s.text, inline=True))} -> {escape(plain[s.answer])}" for s in ex.stems]
    used = {s.answer for s in ex.stems}
    lines += [f"= -> {escape(plain[o.id])}" for o in ex.options if o.id not in used]
    return lines


def general_feedback(ex: AnyExercise) -> str:
    """The explanation as HTML, and for matching each stem's pairing and feedback, which has no other place."""
    if not isinstance(ex, Matching):
        return to_html(ex.explanation)
    return matching_feedback(ex)


def question(ex: AnyExercise, name: str) -> str:
    """One exercise as a GIFT question named ``name``, or :class:`Skip`."""
    if isinstance(ex, Ordering):
        raise Skip(ORDERING)
    if isinstance(ex, SingleChoice | MultipleSelect):
        answers = _choices(ex)
    elif isinstance(ex, TrueFalse):
        answers = _truefalse(ex)
    elif isinstance(ex, ShortText):
        answers = _text(ex)
    elif isinstance(ex, Numeric):
        answers = _numeric(ex)
    else:
        answers = _matching(ex)
    stem = question_html(ex)
    opening = "{#" if isinstance(ex, Numeric) else "{"
    # GIFT cannot give a mark: Moodle makes every question worth 1 unless it is set by hand.
    marks = [] if ex.points == 1 else [f"// {ex.id}: {number(ex.points)} points in the book: set its default mark"]
    return "\n".join(
        [
            *marks,
            f"::{escape(name)}::[html]{escape(stem)}{opening}",
            *(f"\t{line}" for line in answers),
            f"\t####{escape(general_feedback(ex))}",
            "}",
        ]
    )


def category(bank: Bank, digits: int = 1) -> str:
    """A chapter's ``$CATEGORY`` line, named as Moodle XML names it (:func:`~checks.exports.common.chapter_name`):
    Moodle reads it unescaped, and ``//`` stands for a ``/`` in a name."""
    return "$CATEGORY: " + plain_option(chapter_name(bank, digits)).replace("/", "//")


def export(book: Book, whole: Book | None = None) -> tuple[bytes, list[str]]:
    """The book (or a part of ``whole``) as one GIFT file (UTF-8), and a line for each exercise skipped."""
    numbers = exercise_numbers(book)
    digits = chapter_digits(whole or book)
    skipped: list[str] = []
    chunks: list[str] = []
    for bank in book.banks:

        def convert(ex: AnyExercise) -> str:
            return question(ex, question_name(ex, numbers))

        questions = convert_bank(bank, convert, skipped)
        if questions:
            chunks.append(category(bank, digits))
            chunks.extend(questions)
    count = sum(len(b.exercises) for b in book.banks) - len(skipped)
    header = [f"// {count} question(s) exported by `checks export --format gift`; texts are in [html] format."]
    header += [f"// {line}" for line in skipped]
    return ("\n\n".join(["\n".join(header), *chunks]) + "\n").encode("utf-8"), skipped
