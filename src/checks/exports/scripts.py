"""``{sup}`` and ``{sub}`` as plain text, where the raised or lowered place carries the meaning.

Dropping the markup would change what a text says: "10{sup}`6` cells" would read "106 cells".
A text whose every character has a Unicode superscript or subscript form is written in those
("10⁶", "CO₂", "10⁻³"); only the digits, ``+ − = ( )`` and, raised, ``n`` and ``i`` are used, which
common fonts carry, unlike the rest of the modifier letters. Any other text keeps the caret or
underscore convention of plain-text mail and code ("10^x", "V_max", "e^(x + 1)"), except where
raising changes nothing: an ordinal's ending ("1st") or a mark such as ``*`` or ``®``.
"""

from __future__ import annotations

_SIGNS = "0123456789+-−=()"
SUPERSCRIPT = dict(zip(_SIGNS + "ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ", strict=True))
SUBSCRIPT = dict(zip(_SIGNS, "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎", strict=True))
_ORDINALS = frozenset(("st", "nd", "rd", "th"))


def scripted(text: str, role: str) -> str:
    """``text`` of a ``sup`` or ``sub`` role as plain text that keeps it raised or lowered."""
    table = SUPERSCRIPT if role == "sup" else SUBSCRIPT
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    if not any(char.isalnum() for char in text) or (role == "sup" and text in _ORDINALS):
        return text
    mark = "^" if role == "sup" else "_"
    return f"{mark}{text}" if text.isalnum() else f"{mark}({text})"
