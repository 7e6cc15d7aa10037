"""Texts that need no parser: most options, feedback and explanations are a plain sentence.

A nested MyST parse costs a markdown-it run and a render per text, and an exercise has several texts,
so parsing was most of the time spent placing exercises. A one-line text with no character that any
MyST syntax starts with, and no start of a block, parses to one paragraph holding the text (or, inline,
to the text itself); we build those nodes directly, with the same source and line MyST would give them.
Everything else goes to the parser.
"""

from __future__ import annotations

import re

from docutils import nodes

# Characters that start inline markup, roles, substitutions, entities, HTML or math anywhere in a line;
# the starts of a line that open a block (headings, quotes, lists, fences, tables, field lists); edge spaces.
_NEEDS_PARSER = re.compile(r"[\\`*_\[\]{}<>&$|~\t\n\r]|^[\s#>:=+\-]|^\d+[.)]|\s$")
# MyST extensions that rewrite ordinary text (URLs, "(c)", "--", quotes): with any of them on, parse all.
_TEXT_REWRITING = frozenset({"linkify", "replacements", "smartquotes"})


def is_plain(text: str) -> bool:
    return bool(text) and _NEEDS_PARSER.search(text) is None


def parser_needed(state: object, myst_extensions: list[str]) -> bool:
    """Whether every text must be parsed here: not a MyST page, or one with a text-rewriting extension."""
    return not type(state).__module__.startswith("myst_parser.") or bool(_TEXT_REWRITING.intersection(myst_extensions))


def paragraph(text: str, document: nodes.document, source: str, line: int) -> nodes.paragraph:
    """The paragraph MyST makes of a plain one-line text, down to its source and line attributes."""
    para = nodes.paragraph(text)
    para.source, para.line = source, line
    document.current_line = line  # as MyST leaves it, for line-less nodes made after this one
    holder = nodes.Element()  # like the parser's anonymous parent, so the text is stamped the same way
    holder.document = document
    holder += para
    para += nodes.Text(text)
    return para
