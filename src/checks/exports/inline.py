"""The inline tokens of a MyST text, read one way by everything that reads them.

An escape, a role, a code span, a link, emphasis: the exports turn each into HTML or plain words
(:mod:`checks.exports.markup`), ``checks validate`` and the build check the keys of each citation role
(:func:`checks.exports.citations.citation_roles`), and the book's feedback labels leave citations out.
Reading them once keeps all three agreeing on what is a role: ``\\{cite:p}`a``` is text, ``\\\\{cite:p}`a```
a backslash and a citation, and a role inside a code span is code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# The leftmost token wins, as in MyST for what the exports carry: an escape or a code span hides a role;
# emphasis and a link's text hold markup of their own (NESTED).
TOKEN = re.compile(
    r"""
      (?P<esc>\\[!-/:-@\[-`{-~])
    | \{(?P<role>[A-Za-z][\w:+.-]*)\}(?P<rtick>`+)(?P<rbody>.+?)(?P=rtick)
    | (?P<tick>`+)(?P<code>.+?)(?P=tick)
    | (?P<image>!\[)
    | (?P<foot>\[\^)
    | \[(?P<ltext>[^\]]+)\]\((?P<url>[^)\s]+)\)
    | <(?P<auto>https?://[^>\s]+)>
    | (?P<rawhtml><[A-Za-z/!?][^>]*>)
    | (?P<subst>\{\{)
    | \*\*(?=\S)(?P<strong>(?:[^*]|\*[^*]+\*)+?)(?<=\S)\*\*
    | (?<![A-Za-z0-9])__(?=\S)(?P<strong_>(?:[^_]|_[^_]+_)+?)(?<=\S)__(?![A-Za-z0-9])
    | \*(?=\S)(?P<em>(?:[^*]|\*\*[^*]+\*\*)+?)(?<=\S)\*
    | (?<![A-Za-z0-9])_(?=\S)(?P<em_>(?:[^_]|__[^_]+__)+?)(?<=\S)_(?![A-Za-z0-9])
    """,
    re.VERBOSE | re.DOTALL,
)
# The tokens whose text is inline markup in turn.
NESTED = ("ltext", "strong", "strong_", "em", "em_")


def roles(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Each role of ``text`` (groups ``role``, ``rtick`` and ``rbody``) between ``start`` and ``end``, where
    :data:`TOKEN` reads one: in emphasis or a link's text too, but not escaped nor inside a code span.
    Positions are ``text``'s, so that a role can be cut out of it."""
    for found in TOKEN.finditer(text, start, len(text) if end is None else end):
        if found.lastgroup == "rbody":
            yield found
        for group in NESTED:
            if found[group] is not None:
                yield from roles(text, found.start(group), found.end(group))
