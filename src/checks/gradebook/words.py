"""Bank texts as the report shows them: one line of plain words, shortened where a table cell needs it.

A prompt or an option is MyST text; a cell shows it as a reader of the page reads it
(``{term}`metastasis <Metastasis>``` is "metastasis", emphasis is its words), through the exports'
:func:`~checks.exports.markup.readable`. Citations are left out, as the book's feedback labels leave
them out: an excerpt only recalls the exercise, and without the bibliography a citation would be a key
in brackets.
"""

from __future__ import annotations

from functools import lru_cache

from checks.model import AnyExercise

PROMPT_LENGTH = 90  # characters of a prompt beside its exercise's id
ANSWER_LENGTH = 70  # characters of an option or an answer that students chose
ELLIPSIS = "…"


@lru_cache(maxsize=4096)  # an option's text is asked for once per distinct answer naming it
def plain(text: str, *, inline: bool = False) -> str:
    """``text`` as one line of plain words; ``inline`` for the texts the book reads as inline markup (options,
    items, stems). A layout that cannot be flattened (a table) is the text as written."""
    # Imported here: the exports load with the markup, and the gradebook needs it only to write the report.
    from checks.exports.citations import without_citations
    from checks.exports.markup import readable

    return readable(without_citations(text), inline=inline)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a space to at most ``limit`` characters, an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    head = text[:limit]  # the cut is at most limit - 1 characters, and a space at limit - 1 ends a word
    space = head.rfind(" ")
    # A word cut in two reads worse than a shorter line, unless the word is most of the line.
    cut = head[:space] if space > limit // 2 else head[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:.–—-") + ELLIPSIS


def students(n: int) -> str:
    """``n`` students, in words: "1 student", "3 students"."""
    return f"{n} student" if n == 1 else f"{n} students"


def excerpt(ex: AnyExercise) -> str:
    """The start of an exercise's prompt, plain: enough to recall what it asks without opening the bank."""
    return shorten(plain(ex.prompt), PROMPT_LENGTH)
