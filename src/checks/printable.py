"""What a student wrote, made fit for a line of the terminal: an answer, a unit in a message, a file's name.

A line break in it would forge lines of a report, an escape sequence would colour the terminal, retitle its
window or move the cursor, and a megabyte of it would bury the rest of the report. Each such character is
written as its escape (``\\n``, ``\\x1b``, ``\\u202e``), and a long text is cut, saying how long it was.
"""

from __future__ import annotations

import re
import unicodedata

# The characters no page, sheet or export can carry: the C0 controls but tab, line feed and carriage return (which
# Markdown and HTML read as spaces and line breaks), DEL, and the C1 controls. Banks refuse them; the gradebook's
# report writes a student's as escapes.
UNCARRIED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# An answer is shown this far: a sheet of a megabyte holding one answer would bury the rest of the report.
SHOWN = 300
# Characters that would break the report's lines or move the terminal (line breaks, escapes, direction marks),
# and the surrogates that stand for the bytes of a file name that are not UTF-8, which cannot be printed at all.
_HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"))


def escaped(text: str) -> str:
    """``text`` with each character that would break its line or move the terminal written as its escape."""
    if text.isprintable():  # the usual text, told in one pass
        return text
    return "".join(c if unicodedata.category(c) not in _HIDDEN else repr(c)[1:-1] for c in text)


def capped(text: str, limit: int = SHOWN) -> str:
    """``text`` as far as ``limit`` characters, and how long it was when it is longer."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def shown(text: str, limit: int = SHOWN) -> str:
    """``text`` escaped and capped: one line of at most about ``limit`` characters."""
    return capped(escaped(text), limit)
