"""The numbers the book prints: "Exercise 3.2" above an exercise, and 1, 2, 3 … before a matching exercise's stems.

Sphinx numbers the exercises as it builds the book (``numfig``): the chapter's number, then the exercise's place
on the chapter's page. Answer sheets and keys are made without Sphinx, so they number the exercises from the
banks: the chapter's number is the one its name begins with (``03-how-cancer-spreads`` is chapter 3, as the
book's numbered table of contents lists it), and an exercise's is its place in its chapter's bank. The two agree
while each chapter's page places its exercises in the order of its bank, and the build warns of a page that does
not (``checks.numbering``, see :mod:`checks.sphinxext.numbering`).

Stems are numbered in the order the bank writes them, on every page, print edition and variant.
"""

from __future__ import annotations

from checks.id_owners import chapter_number
from checks.loading import Book
from checks.model import Matching, Stem


def exercise_numbers(book: Book) -> dict[str, str]:
    """Each exercise's number as the book prints it after "Exercise" (``3.2``), by id. A chapter whose name begins
    with no number has none to give, and its exercises are left out."""
    numbers = {}
    for bank in book.banks:
        chapter = chapter_number(bank.chapter)
        if chapter is not None:
            numbers.update({ex.id: f"{chapter}.{n}" for n, ex in enumerate(bank.exercises, start=1)})
    return numbers


def numbered_stems(ex: Matching) -> list[tuple[int, Stem]]:
    """(number, stem) as the book prints a matching exercise's stems: 1, 2, 3 …, in the bank's order."""
    return list(enumerate(ex.stems, start=1))


def stem_numbers(ex: Matching) -> dict[str, str]:
    """Each printed stem number, as text (``"1"``), with the id of the stem it is printed before: what a sheet
    may write for a stem id.

    A stem's id that is a number is its own (the model refuses another's), so a key ``1`` names one stem whether
    it is read as a number or as an id.
    """
    return {str(n): stem.id for n, stem in numbered_stems(ex)}


def stems_listed(ex: Matching) -> str:
    """The stems as a message names them, with the numbers a sheet may write for them: ``1 into-vein, 2 wedged``."""
    return ", ".join(f"{n} {stem.id}" for n, stem in numbered_stems(ex))
