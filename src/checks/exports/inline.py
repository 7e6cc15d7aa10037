"""MyST text read as the book reads it, by everything that reads it: into markdown-it tokens.

The book's texts go through MyST's parser, which is markdown-it-py with the CommonMark rules and MyST's
plugins (roles, comments, targets, footnotes, tables, and the extensions the book turns on). :func:`parse`
and :func:`parse_inline` use the same rules, so that what is emphasis, an escape, an entity, a link or a role
is decided once, as in the book: ``______`` is a blank to fill in, not emphasis, and ``&amp;`` is "&".
The exports turn the tokens into HTML or plain words (:mod:`checks.exports.markup`); ``checks validate``
and the build check the keys of each citation role (:func:`checks.exports.citations.citation_roles`), and
the book's feedback labels leave citations out, all by :func:`roles`. So ``\\{cite:p}`a``` is text,
``\\\\{cite:p}`a``` a backslash and a citation, and a role inside a code span is code, for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser itself is imported when first needed: most commands read no markup
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

# How markdown-it reads line endings (\r\n and \r are \n): the positions of :func:`roles` are in such text.
_LINE_ENDING = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Role:
    """A role as written, ``{name}`body```: its name, its text, and where it is in the text read."""

    name: str
    body: str  # between the backticks, as written
    start: int  # of the opening brace
    ticks: int  # of the opening backticks: ``text[ticks:end]`` is the role's text as a code span
    end: int


def _role_at(myst_role: Callable[[StateInline, bool], bool], state: StateInline, silent: bool) -> bool:
    """MyST's role rule, ``myst_role``, noting where the role is: for a text cut at its roles (:func:`roles`)."""
    start = state.pos
    if not myst_role(state, silent):
        return False
    if not silent:
        token = state.tokens[-1]
        token.meta["start"], token.meta["end"] = start, state.pos
    return True


@cache
def _parser() -> MarkdownIt:
    """MyST's parser as the book configures it (myst_parser's ``create_md_parser``): CommonMark with tables,
    MyST's blocks and roles and footnotes, and the book's extensions, colon fences, definition lists and
    substitutions. Math blocks between ``$$`` lines are read too, though the book does not turn dollar math on,
    so that an export never shows a formula as its source; dollars within a line stay text, as in the book."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import make_fence_rule
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.myst_blocks import myst_block_plugin
    from mdit_py_plugins.myst_role.index import myst_role
    from mdit_py_plugins.substitution import substitution_plugin

    md = (
        MarkdownIt("commonmark")
        .enable("table")
        .use(myst_block_plugin)
        .use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
        .use(deflist_plugin)
        .use(substitution_plugin)
        .use(dollarmath_plugin)
        .disable("math_inline")
    )
    md.inline.ruler.before("backticks", "myst_role", partial(_role_at, myst_role))
    colon_fence = make_fence_rule(markers=(":",), token_type="colon_fence")
    alt = ["paragraph", "reference", "blockquote", "list", "footnote_def"]
    md.block.ruler.before("fence", "colon_fence", colon_fence, {"alt": alt})
    return md


def parse(text: str) -> list[Token]:
    """The block tokens of a text the book reads as blocks (a prompt, feedback, an explanation)."""
    return _parser().parse(text + "\n")


def parse_inline(text: str) -> Sequence[Token]:
    """The inline tokens of a text the book reads as inline markup (an option, an item, a stem): no block
    syntax applies, so ``1.`` or ``%`` at its start is text."""
    [line] = _parser().parseInline(text)
    return line.children or []


def read_text(text: str) -> str:
    """``text`` with its line endings as markdown-it reads them, which :func:`roles` gives positions in."""
    return _LINE_ENDING.sub("\n", text)


def roles(text: str) -> Iterator[Role]:
    """Each role of ``text`` as MyST reads it: in emphasis or a link's text too, but not escaped nor inside a
    code span. The text is read as inline markup, block syntax aside, since a role means the same in a
    paragraph and in a list item; positions are those of :func:`read_text`, so that a role can be cut out."""
    yield from _roles(parse_inline(read_text(text)))


def _roles(tokens: Sequence[Token]) -> Iterator[Role]:
    for token in tokens:
        if token.type == "myst_role":
            start, end = token.meta["start"], token.meta["end"]
            name = token.meta["name"]
            yield Role(name, token.content, start, start + len(name) + 2, end)
        yield from _roles(token.children or ())
