"""How typed answers are normalised before they are compared.

These rules are the contract between Python grading and the browser: the
browser's ``checks.js`` implements exactly these steps, and a parity test
proves that both give the same result for every exercise in the book.

Text (short-text answers):
  1. Unicode NFKC (full-width letters, ligatures, superscripts become plain);
  2. accents removed (decompose, drop combining marks);
  3. lower case;
  4. invisible format characters (Unicode's Cf: a soft hyphen, a zero-width space, as a text pasted from a PDF
     may hold) are dropped, so that a word stays whole; every other character that is not a letter or a digit
     becomes a space;
  5. runs of spaces collapse to one, and leading and trailing spaces go.

Numbers: NFKC; an optional sign (``-``, ``+`` or the minus sign ``−``), digits
with an optional decimal part written with ``.`` or ``,``, an optional exponent
(``e-3``), then optionally a unit. Thousands separators are not allowed, and a comma after one to three digits
(the first not 0) and before three more (``1,500``), which may be either, makes no number; a final ``.`` after
the number alone (or an ideographic one, ``。``) is set aside. A unit the exercise does not take that begins,
after spaces, with a digit (``1 500``), with a slash, a dot or sign of product, plus, minus, a hyphen or dash
or a tilde and then a digit (``1/2``, ``½``, ``23·3``, ``90-66.7``, ``5 – 10``, ``5 — 10``, ``5 ~ 10``), or with
``±``, ``+-`` or ``+/-`` (``23.3 ± 0.5``) is graded as no number (:func:`written_otherwise`): the number is written
in a way that is not read. Where a unit the exercise takes begins so itself (``× 10^9/L``), any such unit is graded
as a unit refused, and the reader told the units taken.

Units: NFKC, lower case, spaces collapsed, a final ``.`` (or ``。``) dropped. Two units are then
the same when they are alike without their spaces (``×10^9/l`` is ``× 10^9/l``) and with a final ``s`` set
aside from each unit longer than two characters (counted as code points, without the spaces), so that a reader
may write the singular or the plural whichever the bank lists: "points" is "point" and "mos" is "mo", while
"pp", "ms" and "s" stay themselves. The pages' prompts keep the author's words; the note on a refused unit
names the units as they are compared (in lower case), in Python and in the browser alike.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import sre_parse as _regex_parser  # the same module under its old name, which carries the type stubs
else:
    # Python's own parser reads a pattern as the engine will; private, but present from 3.11 on.
    from re import _parser as _regex_parser

_THOUSANDS = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")
_NUMBER = re.compile(r"^([+-]?)([0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:[eE]([+-]?[0-9]{1,3}))?(.*)$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalise_text(text: str) -> str:
    """Normalise a short-text answer (see the module docstring)."""
    text = _decomposed_without_marks(text).lower()
    return " ".join("".join(map(_letter_or_space, text)).split())


def _letter_or_space(char: str) -> str:
    category = unicodedata.category(char)
    return char if category[0] in "LN" else "" if category == "Cf" else " "


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
    return unit[:-1].rstrip() if unit.endswith((".", "\u3002")) else unit


def unit_key(unit: str) -> str:
    """A normalised unit as it is compared: without its spaces (``×10^9/l`` is ``× 10^9/l``), and a final ``s``
    set aside past two characters."""
    unit = unit.replace(" ", "")
    return unit[:-1] if len(unit) > 2 and unit.endswith("s") else unit


def parse_number(text: str) -> tuple[float, str] | None:
    """Read ``"12,5 pp"`` as ``(12.5, "pp")``; ``None`` when it is not a number."""
    text = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    match = _NUMBER.match(text)
    if match is None:
        return None
    sign, digits, exponent, rest = match.groups()
    if rest in (".", "\u3002"):  # "40." ends a sentence, as "40 people." does (and "40。" in Chinese or Japanese)
        rest = ""
    if rest and not rest[0].isspace() and not _starts_unit(rest):
        return None
    if _THOUSANDS.fullmatch(digits):  # "1,500" is 1.5 to some readers and 1500 to others: not guessed at
        return None
    literal = f"{sign}{digits.replace(',', '.')}" + (f"e{exponent}" if exponent else "")
    value = float(literal)
    # "1e900" overflows to infinity, which no answer means: not a number, as the browser says too.
    return (value, normalise_unit(rest)) if math.isfinite(value) else None


def written_otherwise(unit: str) -> bool:
    """Whether ``unit``, read after a number, is the rest of a number written in a way that is not read rather than
    a unit: ``500`` of "1 500", ``/2`` of "1/2" (and ``⁄2`` of "½", which NFKC makes "1⁄2"), ``·3`` of "23·3",
    ``-66.7`` of "90-66.7", ``– 10`` of "5 – 10", ``± 0.5`` of "23.3 ± 0.5". A unit the exercise takes is never
    asked (``× 10^9/l``); of another, the reader is then asked for a number, not told the unit is refused."""
    unit = unit.lstrip()
    return unit.startswith(("±", "+-", "+/-")) or unit.lstrip(_JOINERS).lstrip()[:1].isdigit()


# What may join a number to more digits: a slash, the fraction slash, a dot or sign of product, plus, minus, a
# hyphen or dash (NFKC makes the non-breaking hyphen U+2011 a hyphen U+2010), a tilde or a wave dash (a range).
_JOINERS = "/\u2044\u00b7\u22c5\u2219*\u00d7+-\u2010\u2012\u2013\u2014\u2015~\u223c\u301c"


def _starts_unit(rest: str) -> bool:
    # "12%" and "12pp" carry a unit without a space; "12.5.3", "12,000,000", "12:30" and "1:20" do not: they are a
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
        with warnings.catch_warnings():
            # "Possible set difference" ('[a--b]'), "nested set" ('[[a]'), "set union" ('[a||b]'): syntax a later
            # Python will read as set operations, as browsers' newer patterns already do.
            warnings.simplefilter("error", FutureWarning)
            parsed = _regex_parser.parse(pattern)
    except re.error as err:
        return f"not a valid pattern: {err}"
    except FutureWarning as warned:
        remedy = "write each character of a set once, and no '[' inside it"
        return f"{str(warned).lower()}, which later Pythons will read so: {remedy}"
    if (differs := _read_otherwise(pattern, parsed)) is not None:
        what, remedy = differs
        return f"{what}, which the web book's browsers read otherwise: {remedy}"
    try:
        nested = _nested_repetition(parsed)
    except _AlternativeRepeated:
        return (
            "an alternative is the start of another in a part repeated more than once (as in '(a|aa)+'), which can"
            " make grading some answers take exponential time: write the part so that no alternative begins another"
        )
    if nested:
        return (
            "nested repetition: a part repeated more than once holds a repetition that can match more than one"
            " length (as in '(a+)+'), which can make grading some answers take exponential time: remove the inner"
            " or the outer repetition"
        )
    return None


_REPEATS = (_regex_parser.MAX_REPEAT, _regex_parser.MIN_REPEAT, _regex_parser.POSSESSIVE_REPEAT)


def _read_otherwise(pattern: str, parsed: _regex_parser.SubPattern) -> tuple[str, str] | None:
    """What in ``pattern`` Python reads one way and JavaScript another (refused by the browser, or matched
    differently), and the remedy; None when both read it alike. Of the characters a pattern may hold, only these
    four differ."""
    if "(?" in pattern:  # ':' is not allowed, so any '(?' sets a flag: JavaScript has no such group
        return "'(?' sets a flag in Python", "write the pattern without it"
    if re.search(r"\{,[0-9]*\}", pattern):
        return "'{,n}' and '{,}' repeat in Python", "write '{0,n}', or '*' for '{,}'"
    # Without '\\' or '^', and with '[' inside a set refused, only a set's first character can be ']'.
    if "[]" in pattern:
        return "a set that begins with ']' ('[]a]') holds ']' in Python", "leave ']' out"
    if _regex_parser.POSSESSIVE_REPEAT in _kinds(parsed):
        return "a repetition followed by '+' ('a++', 'a*+', 'a?+') is possessive in Python", "drop the second '+'"
    return None


def _kinds(parsed: _regex_parser.SubPattern) -> set[object]:
    """The kinds of node in the parsed pattern, at any depth."""
    kinds: set[object] = set()
    stack = [parsed]
    while stack:
        for op, arg in stack.pop().data:
            kinds.add(op)
            stack.extend([cast(tuple[int, int, _regex_parser.SubPattern], arg)[2]] if op in _REPEATS else _parts(arg))
    return kinds


def _nested_repetition(parsed: _regex_parser.SubPattern, repeated: bool = False) -> bool:
    """Whether a part that may be repeated more than once (``*``, ``+``, ``{2,}``, ``{1,3}``) holds a repetition that
    can match more than one length (``+``, ``?``, ``{2,3}``, not ``x{2}``): star height above one. ``repeated`` says
    whether ``parsed`` is inside such a part.

    Such a part can split one run of text among its rounds in exponentially many ways, and a backtracking engine,
    Python's and the browser's alike, tries each before it refuses an answer: ``stage (i+)+v`` takes two seconds
    on "stage" and 26 i's, twice as long with each i more. An alternative that can match nothing inside a repeated
    part does the same (``(i|ii)+``, read as ``i(|i)+``). A repeated part of one length (``(ab)+``, ``(a|b)+``)
    passes, and so do alternatives of different lengths (``(very |really )*``), which an author may need."""
    for op, arg in parsed.data:
        if op in _REPEATS:
            _, most, body = cast(tuple[int, int, _regex_parser.SubPattern], arg)
            low, high = _regex_parser.SubPattern(parsed.state, [(op, arg)]).getwidth()
            if repeated and low != high:
                return True
            if _nested_repetition(body, repeated or most > 1):
                return True
        elif repeated and op is _regex_parser.BRANCH and _alternatives_overlap(_parts(arg)):
            raise _AlternativeRepeated
        elif any(_nested_repetition(part, repeated) for part in _parts(arg)):
            return True
    return False


class _AlternativeRepeated(Exception):
    """Raised out of :func:`_nested_repetition`'s walk for an alternative that can match nothing, repeated."""


def _alternatives_overlap(alternatives: Iterable[_regex_parser.SubPattern]) -> bool:
    """Whether one of ``alternatives`` can match nothing: repeated, the others then split a run of text in many
    ways, as ``(a|aa)+`` does, which Python's parser reads as ``a(|a)``. (Alternatives that share no prefix but
    overlap later, as ``(a|b|ab)+``, are not found.)"""
    return any(alternative.getwidth()[0] == 0 for alternative in alternatives)


def _parts(arg: object) -> Iterator[_regex_parser.SubPattern]:
    """The subpatterns a parsed node holds: a group's, each alternative's, a lookaround's."""
    if isinstance(arg, _regex_parser.SubPattern):
        yield arg
    elif isinstance(arg, (tuple, list)):
        for item in arg:
            yield from _parts(item)


def pattern_matches(pattern: str, normalised: str) -> bool:
    """Whether a normalised answer matches a pattern as a whole."""
    return re.fullmatch(pattern, normalised) is not None
