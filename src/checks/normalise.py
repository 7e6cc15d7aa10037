"""How typed answers are normalised before they are compared.

These rules are the contract between Python grading and the browser: the
browser's ``checks.js`` implements exactly these steps, and a parity test
proves that both give the same result for every exercise in the book.

Text (short-text answers):
  1. Unicode NFKC (full-width letters, ligatures, superscripts become plain);
  2. accents removed (decompose, drop combining marks);
  3. lower case;
  4. every character that is not a letter or a digit becomes a space;
  5. runs of spaces collapse to one, and leading and trailing spaces go.

Numbers: NFKC; an optional sign (``-``, ``+`` or the minus sign ``−``), digits
with an optional decimal part written with ``.`` or ``,``, an optional exponent
(``e-3``), then optionally a unit. Thousands separators are not allowed.

Units: NFKC, lower case, spaces collapsed, a final ``.`` dropped. Two units are then
the same when they are alike with a final ``s`` set aside from each unit longer than two
characters (counted as code points), so that a reader may write the singular or the plural
whichever the bank lists: "points" is "point" and "mos" is "mo", while "pp", "ms" and "s" stay
themselves. Messages and pages keep the author's words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

_NUMBER = re.compile(r"^([+-]?)([0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:[eE]([+-]?[0-9]{1,3}))?(.*)$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalise_text(text: str) -> str:
    """Normalise a short-text answer (see the module docstring)."""
    text = _decomposed_without_marks(text).lower()
    text = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text)
    return " ".join(text.split())


def without_accents(text: str) -> str:
    """Steps 1 and 2 of the text rules, as a reader would type the result: ``text`` in NFKC, without its combining
    marks (accents), composed again (NFC), so that a Hangul syllable stays one character; case, punctuation and
    spacing as written. The exports list this spelling for an LMS that keeps accents."""
    return unicodedata.normalize("NFC", _decomposed_without_marks(text))


def _decomposed_without_marks(text: str) -> str:
    """Steps 1 and 2 as the grader and ``checks.js`` take them: ``text`` in NFKC, then decomposed (NFD) with its
    combining marks left out. Left decomposed: a Hangul syllable is compared as its letters (jamo)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))


@lru_cache(maxsize=1024)
def normalise_unit(unit: str) -> str:
    """Normalise a unit written after a number."""
    unit = _SPACES.sub(" ", unicodedata.normalize("NFKC", unit).lower()).strip()
    return unit[:-1].rstrip() if unit.endswith(".") else unit


def unit_key(unit: str) -> str:
    """A normalised unit as it is compared: a final ``s`` set aside past two characters."""
    return unit[:-1] if len(unit) > 2 and unit.endswith("s") else unit


def parse_number(text: str) -> tuple[float, str] | None:
    """Read ``"12,5 pp"`` as ``(12.5, "pp")``; ``None`` when it is not a number."""
    text = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    match = _NUMBER.match(text)
    if match is None:
        return None
    sign, digits, exponent, rest = match.groups()
    if rest and not rest[0].isspace() and not _starts_unit(rest):
        return None
    literal = f"{sign}{digits.replace(',', '.')}" + (f"e{exponent}" if exponent else "")
    value = float(literal)
    # "1e900" overflows to infinity, which no answer means: not a number, as the browser says too.
    return (value, normalise_unit(rest)) if math.isfinite(value) else None


def _starts_unit(rest: str) -> bool:
    # "12%" and "12pp" carry a unit without a space; "12.5.3", "12,000", "12:30" and "1:20" do not: they are a
    # number written otherwise (a time, a ratio), which the reader is told to give as a number.
    return not (rest[0].isdigit() or rest[0] in ".,:")


# Patterns are matched in Python and in the browser, so they may only use the
# part of regular-expression syntax that both read the same way, over the
# characters a normalised answer can contain.
_PATTERN_META = set("|()?*+[]{},.-")


def pattern_problem(pattern: str) -> str | None:
    """Why a short-text pattern cannot be used, or ``None`` when it can."""
    for char in pattern:
        if char in _PATTERN_META or char == " ":
            continue
        if unicodedata.category(char)[0] in "LN" and char == normalise_text(char):
            continue
        allowed = "lower-case letters, digits, spaces and | ( ) ? * + [ ] { } , . -"
        return f"character {char!r} is not allowed (use {allowed})"
    try:
        re.compile(pattern)
    except re.error as err:
        return f"not a valid pattern: {err}"
    return None


def pattern_matches(pattern: str, normalised: str) -> bool:
    """Whether a normalised answer matches a pattern as a whole."""
    return re.fullmatch(pattern, normalised) is not None
