"""Anchors, aliases and tags as a YAML file writes them, which the tree of nodes PyYAML composes no longer shows.

Banks and sheets refuse aliases and tags (see :mod:`checks.reading`): an alias can expand a small file into an
enormous one, and a tag makes a value read otherwise than it is written (``!!int "2"``), so the file would not
mean what it shows. A node's start is where its properties (``&name``, ``!tag``) are written, so they are read
there; an alias (``*name``) is no node of its own but the very node of its anchor, marked where the anchor is, so
the alias itself is looked for in the text, after the place the tree was walked to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import yaml

# A node's properties, in either order: an anchor (&name) and a tag (!!int, !local, !<verbatim>, or ! alone).
_PROPERTY = re.compile(r"(?:(?P<anchor>&[^\s,\[\]{}]+)|(?P<tag>!(?:<[^>]*>|[^\s,\[\]{}]*)))[ \t]*")
_SHOWN = 40  # a tag or name is quoted this far


@dataclass(frozen=True)
class Properties:
    """The anchor and the tag written before a node, as written (``&rev``, ``!!int``), or None."""

    anchor: str | None
    tag: str | None


NONE = Properties(None, None)


def properties(text: str, index: int) -> Properties:
    """The properties written at ``index`` of ``text``, a node's start."""
    if index >= len(text) or text[index] not in "&!":  # most nodes: read without a regular expression
        return NONE
    anchor = tag = None
    while (found := _PROPERTY.match(text, index)) is not None and found.end() > index:
        anchor = anchor or found["anchor"]
        tag = tag or found["tag"]
        index = found.end()
    return Properties(anchor and _short(anchor), tag and _short(tag))


@dataclass(frozen=True)
class Alias:
    """An alias as written: its line (from 0), where it ends in the text, and its name (``*rev``)."""

    line: int
    end: int
    name: str


class Aliases:
    """The aliases of a text, found when first asked for: a file read without one is never scanned again."""

    def __init__(self, text: str, loader: type[yaml.SafeLoader]) -> None:
        self.text, self.loader = text, loader
        self.found: list[tuple[int, Alias]] | None = None

    def after(self, index: int) -> Alias | None:
        """The first alias written at ``index`` of the text or after it."""
        if self.found is None:
            self.found = []
            try:
                for token in yaml.scan(self.text, Loader=self.loader):
                    if isinstance(token, yaml.AliasToken):
                        start, end = token.start_mark, token.end_mark
                        self.found.append((start.index, Alias(start.line, end.index, _short(f"*{token.value}"))))
            except yaml.YAMLError:  # pragma: no cover - the text was composed already, so it scans
                pass
        at = bisect.bisect_left(self.found, index, key=lambda pair: pair[0])
        return self.found[at][1] if at < len(self.found) else None


def _short(written: str) -> str:
    return written if len(written) <= _SHOWN else written[:_SHOWN] + "…"
