"""Taking accents off a typed answer: composed for an LMS to be given, decomposed as the grader compares it."""

from __future__ import annotations

import unicodedata

import pytest

from checks.normalise import normalise_text, without_accents

# Accents, a ligature, full-width letters, Hangul syllables (decomposed into letters, jamo, by NFD), a Vietnamese
# letter with two marks, and a German sharp s that NFKC keeps.
TYPED = ["Métastase", "Café-au-lait spots", "ﬁbrosis", "ＡＢＣ", "간-암", "Tiếng Việt", "Straße", "ñandú, 3.5 cm"]


def _normalised_as_before(text: str) -> str:
    """The grader's rules as they were written before accents were composed again: NFKC, NFD without combining
    marks, lower case, every other character than a letter or digit a space, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))
    text = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text.lower())
    return " ".join(text.split())


@pytest.mark.parametrize("typed", TYPED)
def test_the_grader_compares_answers_as_before(typed: str) -> None:
    assert normalise_text(typed) == _normalised_as_before(typed)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Métastase", "Metastase"),
        ("Café-au-lait spots", "Cafe-au-lait spots"),
        ("ﬁbrosis", "fibrosis"),
        ("ＡＢＣ", "ABC"),
        ("간-암", "간-암"),  # syllables, as typed, not their letters
        ("Tiếng Việt", "Tieng Viet"),
    ],
)
def test_an_answer_without_accents_is_text_ready_to_show(typed: str, shown: str) -> None:
    assert without_accents(typed) == shown
    assert unicodedata.is_normalized("NFC", without_accents(typed))
