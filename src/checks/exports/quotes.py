"""Typographic quotes in exported texts, as the book prints them.

Sphinx educates the book's text with docutils' smart quotes ("invading tissue" becomes “invading tissue”, tumour's
tumour’s, ``--`` an en dash and ``...`` an ellipsis: ``smartquotes_action`` ``qDe``, conf.py keeping Sphinx's
default, for its language, English), but never inside code or math (and :mod:`checks.sphinxext.quotes` does the
same for the words the exercises keep in attributes). An LMS shows the exported text as it is, so the exports
educate it here with the same module, the same action and language: what a student reads in Moodle or Canvas has
the quotes of the book. A text is educated a paragraph at a time, as Sphinx educates it, so that a quote knows
what comes before it (``*word*'s`` is “word’s”, with an apostrophe), code and math being context but unchanged.
Answers a student types are compared as typed, and never go through here.
"""

from __future__ import annotations

from collections.abc import Sequence

# What Sphinx does by default, which conf.py keeps, and the book's language (conf.py's ``language``).
ACTION = "qDe"
LANGUAGE = "en"


def educated(pieces: Sequence[tuple[str, str]]) -> list[str]:
    """The texts of one paragraph's pieces, ``("text", …)`` educated, ``("literal", …)`` (code, math) as written
    but read as what a quote follows, ``("tag", …)`` (HTML) as written and passed over."""
    from docutils.utils.smartquotes import educate_tokens  # docutils is imported only when a text is exported

    # docutils reads a backslash as escaping the character after it (\" stays straight, and the backslash goes):
    # a backslash in a text is one the book shows, so it is doubled to come out as one.
    tokens = [
        ("plain", text.replace("\\", "\\\\")) if kind == "text" else (kind if kind == "tag" else "literal", text)
        for kind, text in pieces
    ]
    return list(educate_tokens(tokens, attr=ACTION, language=LANGUAGE))
