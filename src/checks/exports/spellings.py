"""The spellings of a typed answer that an LMS is given, so that it accepts more of what the book accepts.

The book compares a short answer after normalising it (:func:`checks.normalise.normalise_text`): compatibility
forms, accents, case, punctuation and spacing are set aside. An LMS sets aside less. Moodle compares in Unicode
NFC, ignoring case (``<usecase>0``, as GIFT imports too) and the spaces around the answer
(``qtype_shortanswer_question::compare_string_with_wildcard``); Canvas ignores case and the spaces around it
(``Quizzes::QuizQuestion::ShortAnswerQuestion#matching_answer``). Neither takes accents or punctuation off, and
no format has a setting that would. So each answer is listed as written and, where the LMS would not take them for
a spelling listed before, as written without accents (``metastase`` for ``métastase``) and as the book compares it
(``non small cell`` for ``non-small-cell``, ``grade 3`` for ``Grade 3.``). Each added spelling normalises to the
answer it comes from, so the LMS accepts nothing the book would not, and gives it the answer's credit and feedback.
A student who types accents an answer lacks, or punctuation of their own, is still refused by the LMS.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from checks.model import ShortText, WrongAnswer
from checks.normalise import normalise_text, without_accents


def as_compared(answer: str) -> str:
    """``answer`` as Moodle and Canvas compare it: in NFC, in lower case, without the spaces around it. Lower case
    rather than case folding, so that two spellings a stricter LMS tells apart (``ß``, ``ss``) are both kept."""
    return unicodedata.normalize("NFC", answer).strip().lower()


def spellings(answers: Sequence[str], listed: Iterable[str] = ()) -> list[tuple[str, ...]]:
    """Each of ``answers`` as the LMS is given it: the answer as written, then its spelling without accents and
    its spelling as the book compares it, each where the LMS would take it for no answer (of ``answers``, or
    ``listed`` before them) nor spelling before it. The answers as written are all kept."""
    seen = {as_compared(spelling) for spelling in (*listed, *answers)}
    out: list[tuple[str, ...]] = []
    for answer in answers:
        spelt = [answer]
        for folded in (without_accents(answer), normalise_text(answer)):
            typed = unicodedata.normalize("NFC", folded)  # as a keyboard types it: Canvas compares characters as sent
            if typed.strip() and as_compared(typed) not in seen:
                seen.add(as_compared(typed))
                spelt.append(typed)
        out.append(tuple(spelt))
    return out


def short_answer_spellings(ex: ShortText) -> tuple[list[str], list[tuple[WrongAnswer, tuple[str, ...]]]]:
    """What an LMS is given of a short-answer exercise: the spellings of its accepted answers, in order, and each
    foreseen wrong answer with its spellings, none that the LMS would take for an accepted answer's."""
    accepted = [spelling for spelt in spellings(ex.accept) for spelling in spelt]
    wrong = spellings([wrong.answer for wrong in ex.wrong_answers], accepted)
    return accepted, list(zip(ex.wrong_answers, wrong, strict=True))
