"""The note a web page shows before its first exercise when JavaScript is off.

Without JavaScript an exercise's buttons, result and answer stay ``hidden`` (html.py) and nothing else would
say why. The note says what needs the script in this edition and where its answers can be read without it.
It stands in ``<noscript>``, so a browser that runs the script neither shows it nor reads it out. Its words
have no quote marks or apostrophes: the smart-quotes transform that curls the prose's never sees them.
"""

from __future__ import annotations

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


def note_html(edition: str, answers: str) -> str:
    """The note as the theme draws an admonition, inside ``<noscript>``."""
    return (
        f'<noscript><div class="admonition note checks-noscript"><p class="admonition-title">{TITLE}</p>'
        f"<p>{escape(note_text(edition, answers), quote=False)}</p></div></noscript>\n"
    )
