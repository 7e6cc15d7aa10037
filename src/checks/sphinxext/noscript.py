"""The note a web page shows before its first exercise when JavaScript is off.

Without JavaScript an exercise's buttons, result and answer stay ``hidden`` (html.py) and nothing else would
say why. The note says what needs the script in this edition and where its answers can be read without it.
It stands in ``<noscript>``, so a browser that runs the script neither shows it nor reads it out. Its words
have no quote marks or apostrophes: the smart-quotes transform that curls the prose's never sees them.
Where the site offers the printed editions it names (``checks_printed_editions``), their formats are links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import escape

from checks.sphinxext.transforms import answers_place

TITLE = "JavaScript is off"
# Where the reader edition's printed books (PDF, EPUB) put the answers, as ``checks_answers`` places them.
READER_ELSEWHERE = {
    "appendix": "The PDF and EPUB editions of this book give every answer, with its explanation, in their Answers "
    "appendix.",
    "inline": "The PDF and EPUB editions of this book print each answer, with its explanation, after its exercise.",
    "hidden": "This edition prints its answers nowhere else: turn JavaScript on to see them here.",
}


def note_text(edition: str, answers: str) -> str:
    """What the note says in ``edition``, whose printed books place answers as ``answers`` says."""
    if edition == "student":
        # Nothing is checked in this edition even with the script: it keeps answers and downloads them.
        return (
            "The exercises need JavaScript to keep your answers and save them for your teacher. "
            "This student edition has no answers, on the web or in print."
        )
    if edition == "instructor":
        return (
            "The exercises need JavaScript to check answers. The answer and explanation of each are printed below it."
        )
    return (
        "The exercises need JavaScript to check your answers and to show the answers. "
        f"{READER_ELSEWHERE[answers_place(edition, answers)]}"
    )


def note_html(edition: str, answers: str, links: Mapping[str, str] | None = None) -> str:
    """The note as the theme draws an admonition, inside ``<noscript>``; ``links`` gives the address, from the
    page, of each printed edition the site offers, by the format the note names it by ("PDF")."""
    words = escape(note_text(edition, answers), quote=False)
    for name, href in (links or {}).items():
        link = f'<a class="reference internal" href="{escape(href)}">{escape(name)}</a>'
        # The format's first mention, as a whole word.
        words = re.sub(rf"\b{re.escape(escape(name))}\b", _as_is(link), words, count=1)
    return (
        f'<noscript><div class="admonition note checks-noscript"><p class="admonition-title">{TITLE}</p>'
        f"<p>{words}</p></div></noscript>\n"
    )


def _as_is(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for ``re.sub`` that puts ``text`` in as it is, backslashes and all, not read as a template."""
    return lambda _: text
