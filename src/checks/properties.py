"""Anchors, aliases and tags as a YAML file writes them, which the tree of nodes PyYAML composes no longer shows.

Banks and sheets refuse aliases and tags (see :mod:`checks.reading`): an alias can expand a small file into an
enormous one, and a tag makes a value read otherwise than it is written (``!!int "2"``), so the file would not
mean what it shows. A node's start is where its properties (``&name``, ``!tag``) are written, so they are read
there, on to where its content starts: they may be split over lines, with comments between them (``&rev``, then
``!!str 2026-01-01`` on the line below). An alias (``*name``) is no node of its own but the very node of its
anchor, marked where the anchor is, so the alias itself is looked for in the text, after the place the tree was
walked to.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

# A node's properties, in either order: an anchor (&name) and a tag (!!int, !local, !<verbatim>, or ! alone).
_PROPERTY = re.compile(r"(?:(?P<anchor>&[^\s,\[\]{}]+)|(?P<tag>!(?:<[^>]*>|[^\s,\[\]{}]*)))")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's: \r and Unicode's too
# What may follow a property, before the next one or the content: spaces, and line breaks, each after a comment or
# none. A '#' right after a property is part of it, so one here, after a space or a line break, starts a comment.
_SEPARATION = re.compile(f"(?:[ \t]|(?:#[^\r\n\x85\u2028\u2029]*)?(?:{_LINE_BREAK.pattern}))*")
_YAML_TAGS = "tag:yaml.org,2002:"  # what !! stands for
_SHOWN = 40  # a tag or name is quoted this far


@dataclass(frozen=True)
class Properties:
    """The anchor and the tag written before a node, as written (``&rev``, ``!!int``), or None; and the tag's line
    (from 0), which is not the node's where an anchor on the line above starts it."""

    anchor: str | None
    tag: str | None
    tag_line: int | None = None


NONE = Properties(None, None)


def properties(text: str, node: yaml.Node) -> Properties:
    """The properties written at the start of ``node`` in ``text``, on to where its content starts (its first key
    or entry, for a mapping or a list): a property further on is another node's, as the ``!!str`` of ``a: &x`` then
    ``!!str b: c`` on the line below is the key ``b``'s."""
    index = start = node.start_mark.index
    if index >= len(text) or text[index] not in "&!":  # most nodes: read without a regular expression
        return NONE
    end = _content_start(node)
    anchor = tag = tag_line = None
    while index < end and (found := _PROPERTY.match(text, index)) is not None:
        anchor = anchor or found["anchor"]
        if tag is None and found["tag"] is not None:
            tag, tag_line = found["tag"], node.start_mark.line + len(_LINE_BREAK.findall(text, start, index))
        separation = _SEPARATION.match(text, found.end())
        index = separation.end() if separation else found.end()
    return Properties(anchor and _short(anchor), tag and _short(tag), tag_line)


def implicit(node: yaml.Node, loader: yaml.SafeLoader) -> bool:
    """Whether ``node`` has the tag YAML gives its value as written, with no tag: one that does not was tagged
    somewhere, whether or not the tag is found in the text (``!!str`` and ``!`` on a text are only found there)."""
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style  # None, or "" from the C parser
        resolved: str = loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))  # type: ignore[no-untyped-call]
        return node.tag == resolved
    if isinstance(node, yaml.MappingNode):
        return node.tag == loader.DEFAULT_MAPPING_TAG
    return node.tag == loader.DEFAULT_SEQUENCE_TAG


def written_tag(tag: str) -> str:
    """A node's full tag as it is written short: ``!!int`` for YAML's own, ``!<…>`` for any other full one."""
    if tag.startswith(_YAML_TAGS):
        return _short("!!" + tag.removeprefix(_YAML_TAGS))
    return _short(tag if tag.startswith("!") else f"!<{tag}>")


def _content_start(node: yaml.Node) -> int:
    """Where the content of ``node`` starts in the text, past its properties: its first key or entry, if any, that
    is written after its start (an alias is marked where its anchor is, which may be this very node's)."""
    if isinstance(node, yaml.MappingNode):
        children: Iterable[yaml.Node] = (part for pair in node.value for part in pair)
    else:
        children = node.value if isinstance(node, yaml.SequenceNode) else ()
    start = node.start_mark.index
    return next((c.start_mark.index for c in children if c.start_mark.index > start), node.end_mark.index)


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
