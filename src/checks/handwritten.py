"""Answers written by hand, read as what they plainly say before they are graded.

A typed or hand-filled sheet may say ``(B)``, ``b)``, ``B.`` or `` b `` for b,
``"a, c"`` or ``"a c"`` for the list [a, c], ``"yes"`` or ``"T"`` for true, and
``""`` or ``[]`` for no answer at all, and any of these wrapped in the curly quotes a
word processor types (``“b”``) as the text inside. The graders, which the browser mirrors
exactly, take only the exact shapes; these rules turn such answers into them and
leave anything else as written, so that it is graded, and reported, as it stands.
Nothing that could mean two things is guessed at: ``"ab"`` is not [a, b], and two
keys that name one stem are left as they are. A matching answer may name its stems by the numbers the book
prints before them (``{1: e, 2: c}``), unless those numbers could be read as other stems' ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from checks.model import AnyExercise, Matching, MultipleSelect, Ordering, TrueFalse
from checks.numbers import stem_numbers

# What a hand may write for true or false; YAML already reads unquoted yes, no, true and false.
_TRUTH = {"true": True, "t": True, "yes": True, "false": False, "f": False, "no": False}
_SEPARATORS = re.compile(r"[\s,]+")
# The quotes a word processor types around text, each opening mark with the closing marks it takes
# (“…”, ‘…’, „…“, «…», and the same mark at both ends, as Swedish and Finnish write ”…”).
_QUOTES = {"“": "”", "‘": "’", "„": "“”", "‚": "‘’", "«": "»", "»": "«", "”": "”", "’": "’"}
# "" stands for a text of spaces only, which may_be_quoted also passes on to is_empty.
_OPENING = frozenset(_QUOTES) | {""}


def unquoted(text: str) -> str:
    """``text`` wholly wrapped in typographic quotes, as Word or TextEdit types ``"b"``, read as the text
    inside; other text as it is. Straight quotes are YAML's and JSON's own, and never reach here."""
    bare = text.strip()
    # A text with its opening mark inside ("“a” or “b”") is two quotations, not one: left as written.
    if len(bare) >= 2 and bare[-1] in _QUOTES.get(bare[0], "") and bare[0] not in bare[1:-1]:
        return bare[1:-1].strip()
    return text


def is_empty(response: Any) -> bool:
    """An answer left empty (``""`` or spaces, ``[]``, ``{}`` or a mapping of blanks, and ``“”`` as a word processor
    types ``""``): no answer, as a blank left on paper."""
    if isinstance(response, str):
        return not unquoted(response).strip()
    if isinstance(response, dict):  # a matching whose every stem is left blank, as a blank key layout
        return all(map(_blank_stem, response.values()))
    return isinstance(response, list) and not response


def _blank_stem(value: Any) -> bool:
    """A matching's stem left blank: nothing after it (null), or blank text."""
    return value is None or (isinstance(value, str) and is_empty(value))


# A line that is spaces only, or opens (past spaces) with an opening quote: may_be_quoted's test, made on every
# text of a sheet at once, joined one a line.
_QUOTED_LINE = re.compile(r"^\s*(?:[" + re.escape("".join(_QUOTES)) + r"]|$)", re.MULTILINE)


def any_may_be_quoted(responses: Iterable[Any]) -> bool:
    """Whether any of ``responses`` :func:`may_be_quoted`, in one pass in C over the usual sheet's answers.

    A text holding a line break may pass where it would not alone; that only sends the sheet the slower way."""
    texts = [r for r in responses if type(r) is str]
    return bool(texts) and _QUOTED_LINE.search("\n".join(texts)) is not None


def may_be_quoted(response: Any) -> bool:
    """Whether ``response`` may be text wrapped in typographic quotes, or spaces only: a test cheap enough
    to run on every answer of a sheet, so that only the rare sheet holding one looks closer."""
    return type(response) is str and response.lstrip()[:1] in _OPENING


def read_answer(ex: AnyExercise, response: Any, table: Mapping[str, str]) -> Any:
    """``response`` in the shape the graders take, with ``table`` mapping what a hand may write
    (the book's letters, a variant's, or the ids themselves) to ids; None when it is empty."""
    if isinstance(response, str):
        response = unquoted(response)
    if is_empty(response):
        return None
    if isinstance(ex, TrueFalse):
        return _truth(response)
    folded = {written.casefold(): id_ for written, id_ in table.items()}
    if isinstance(ex, Matching):  # its stems are read even where its options are written only one way
        return _pairs(ex, response, folded)
    if not table:  # short text and numbers are graded as written
        return response
    if isinstance(ex, MultipleSelect | Ordering):
        return _several(response, folded)
    return _one(response, folded)


def _label(text: str) -> str:
    """A letter or id as written on paper, bare and in lower case: "(B)", "b)", "B." and " b " are all "b", and so
    is "Ｂ", as an East Asian keyboard types it (NFKC, as text answers are read)."""
    text = unicodedata.normalize("NFKC", unquoted(text)).strip().casefold().removesuffix(".").rstrip()
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip()
    return text.removesuffix(")").rstrip()


def _one(value: Any, folded: Mapping[str, str]) -> Any:
    return folded.get(_label(value), value) if isinstance(value, str) else value


def _several(response: Any, folded: Mapping[str, str]) -> Any:
    """A list of letters or ids; "a, c" and "a c" are [a, c] when every part names an option."""
    if isinstance(response, list):
        return [_one(v, folded) for v in response]
    if not isinstance(response, str):
        return response
    # Full-width commas and spaces between the parts split them too, as NFKC reads them.
    parts = [folded.get(_label(p)) for p in _SEPARATORS.split(unicodedata.normalize("NFKC", response).strip(" ,")) if p]
    return parts if parts and None not in parts else response


def _pairs(ex: Matching, response: Any, folded: Mapping[str, str]) -> Any:
    """A mapping of stem to option; a stem id in other capitals or between spaces names its stem, and so does the
    number the book prints before it (``1``, as YAML reads it or as text, or ``(1)`` and ``1.``)."""
    if not isinstance(response, dict):
        return response
    stems = {s.id.casefold(): s.id for s in ex.stems}
    numbers = stem_numbers(ex)
    out: dict[Any, Any] = {}
    for key, value in response.items():
        if _blank_stem(value):  # as on paper: unmatched, and the other pairs still count
            continue
        stem = _stem(key, stems, numbers)
        if stem in out:  # " Wedged" and "wedged" both given: which one was meant is not for us to say
            return response
        out[stem] = _one(value, folded)
    return out


def _stem(key: Any, stems: Mapping[str, str], numbers: Mapping[str, str]) -> Any:
    """The stem id a key of a matching answer names, by id or by printed number; else the key as written.

    A number YAML read from ``1:``, or from ``1.:`` as the book prints it, is the text 1: a printed number, which is
    also the id of any stem whose id is ``1``. True and false are no numbers, though Python counts them.
    """
    if type(key) is float and key.is_integer():
        key = int(key)
    if type(key) is int:
        key = str(key)
    if not isinstance(key, str):
        return key
    return stems.get(unicodedata.normalize("NFKC", unquoted(key)).strip().casefold()) or numbers.get(_label(key), key)


def _truth(response: Any) -> Any:
    return _TRUTH.get(_label(response), response) if isinstance(response, str) else response
