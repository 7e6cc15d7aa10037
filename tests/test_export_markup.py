"""The exports' HTML is the book's: texts are read by MyST's parser, set up as conf.py sets it up.

The book renders a bank text with MyST (markdown-it-py and its plugins); an LMS gets the export's HTML of
the same text. Here MyST's own parser renders each text to HTML on one line, and the export must give the
same HTML, or for every text of the real banks the same words once tags are stripped (an LMS has no page to
link to, so a link into the book is its text alone). Roles are what Sphinx resolves: they are rendered on
the book's side as the export writes them, tested apart in test_exports.py. Quotes are the book's too: the
book's are found by MyST's docutils parser and docutils' smart-quotes transform, which Sphinx runs.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Sequence
from typing import Any

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import roles
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.docutils_ import Parser as DocutilsParser
from myst_parser.parsers.mdit import create_md_parser

from checks.exports.common import Skip
from checks.exports.markup import readable, to_html, to_plain
from checks.loading import Book
from checks.texts import exercise_texts

from conftest import REPO


def _book_extensions() -> list[str]:
    """The MyST extensions conf.py turns on for the book."""
    for node in ast.parse((REPO / "conf.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "myst_enable_extensions" for t in node.targets):
            extensions: list[str] = ast.literal_eval(node.value)
            return extensions
    raise AssertionError("conf.py sets no myst_enable_extensions")


class _OneLine(RendererHTML):
    """markdown-it's HTML on one line, as the exports write it: a line break in a paragraph is a space."""

    def renderToken(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return super().renderToken(tokens, idx, options, env).strip("\n")

    def softbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return " "

    def hardbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "<br />"


def _role(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """A role as the export writes it: what Sphinx would make of it is no business of the parser's."""
    token = tokens[idx]
    ticks = "`" * (max((len(run) for run in re.findall("`+", token.content)), default=0) + 1)
    return to_html(f"{{{token.meta['name']}}}{ticks}{token.content}{ticks}", inline=True)


@pytest.fixture(scope="module")
def myst() -> MarkdownIt:
    md = create_md_parser(MdParserConfig(enable_extensions=set(_book_extensions())), _OneLine)
    md.add_render_rule("myst_role", _role)
    return md


def book_html(md: MarkdownIt, text: str, *, inline: bool = False) -> str:
    """``text`` as the book's parser renders it, on one line; ``inline`` as an option's text is parsed."""
    rendered: str = md.renderInline(text) if inline else md.render(text)
    return rendered.replace("&quot;", '"')  # the exports leave quotes as they are: the same text


def words(fragment: str) -> str:
    """The text an HTML fragment shows, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())


# What Sphinx's smart quotes make of the characters typed, undone: the words apart from their typography.
_TYPOGRAPHY = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "..."}


def typed(text: str) -> str:
    """``text`` with its typographic quotes, dashes and ellipses as typed."""
    return re.sub("|".join(_TYPOGRAPHY), lambda found: _TYPOGRAPHY[found.group(0)], text)


def _role_text(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """A Sphinx role as the text it shows (a citation's keys, a reference's words): what smart quotes see."""
    shown = re.match(r"^(.*?)\s*<([^<>]+)>$", text, re.DOTALL)
    return [nodes.inline(rawtext, shown.group(1) if shown else text)], []


def book_quotes(text: str) -> str:
    """The quotation marks and apostrophes of ``text`` as the book prints them, in order: MyST's docutils parser
    and docutils' smart quotes, the transform Sphinx runs, in English with Sphinx's default action."""
    for name in ("cite:p", "cite:t", "ref", "numref", "term"):
        roles.register_local_role(name, _role_text)
    doctree = publish_doctree(text, parser=DocutilsParser(), settings_overrides={"smart_quotes": True})
    return "".join(re.findall("[‘’“”'\"]", doctree.astext()))


# Each text, and its HTML as the book shows it: what the exports got wrong, and what they always did right.
AS_THE_BOOK = [
    # A blank to fill in: underscores that cannot open or close emphasis (c5-systemic-term).
    (
        "body is called ______ treatment (or ______ therapy).",
        "body is called ______ treatment (or ______ therapy).",
    ),
    ("is called ______ survival.", "is called ______ survival."),
    ("__a__b", "__a__b"),
    ("a__b__c and x_y_z", "a__b__c and x_y_z"),
    ("__a__ b and _a_ b", "<strong>a</strong> b and <em>a</em> b"),
    ("snake_case_name", "snake_case_name"),
    ("*intra*vasation", "<em>intra</em>vasation"),
    ("**bold *inner* bold**", "<strong>bold <em>inner</em> bold</strong>"),
    ("*a **b***", "<em>a <strong>b</strong></em>"),
    ("5 * 3 * 2", "5 * 3 * 2"),
    # Entities are read once, and what they stand for is escaped once.
    ("AT&T &amp; &nbsp;", "AT&amp;T &amp; \u00a0"),
    ("&lt;b&gt; &#35;1 &copy;", "&lt;b&gt; #1 ©"),
    ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
    # Links, with brackets in the address, and autolinks.
    ("[a](https://x.org/a_(b))", '<a href="https://x.org/a_(b)">a</a>'),
    ("[NCI *site*](https://cancer.gov/?a=1&b=2)", '<a href="https://cancer.gov/?a=1&amp;b=2">NCI <em>site</em></a>'),
    ("<https://x.org/a_b_c>", '<a href="https://x.org/a_b_c">https://x.org/a_b_c</a>'),
    # Hard line breaks: two spaces or a backslash at the end of a line.
    ("one  \ntwo", "one<br />two"),
    ("one\\\ntwo", "one<br />two"),
    ("one\ntwo", "one two"),
    # Escapes and code.
    ("\\*not em\\* \\_nor this\\_", "*not em* _nor this_"),
    ("`a < b` and ``x ` y``", "<code>a &lt; b</code> and <code>x ` y</code>"),
    ("`__init__`", "<code>__init__</code>"),
    # Blocks.
    ("one\n\ntwo", "<p>one</p><p>two</p>"),
    ("Steps:\n- out\n- in", "<p>Steps:</p><ul><li>out</li><li>in</li></ul>"),
    ("- a\n\n- b", "<ul><li><p>a</p></li><li><p>b</p></li></ul>"),
    ("3. c\n4. d", '<ol start="3"><li>c</li><li>d</li></ol>'),
    ("It rose in\n2017. Then fell.", "It rose in 2017. Then fell."),
]


@pytest.mark.parametrize(("text", "shown"), AS_THE_BOOK)
def test_the_export_shows_a_text_as_the_book_does(myst: MarkdownIt, text: str, shown: str) -> None:
    assert to_html(text) == shown
    assert to_html(text, paragraphs=True) == book_html(myst, text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("______ treatment", "______ treatment"),
        ("a  \nb & c", "a<br />b &amp; c"),
        ("1. __a__b", "1. __a__b"),
        ("% of [a](https://x.org/(b))", '% of <a href="https://x.org/(b)">a</a>'),
    ],
)
def test_an_option_is_inline_markup_as_in_the_book(myst: MarkdownIt, text: str, shown: str) -> None:
    assert to_html(text, inline=True) == shown == book_html(myst, text, inline=True)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\\{cite:p}`a`", "{cite:p}<code>a</code>"),  # an escaped role is text, then code
        ("`` {cite:p}`a` ``", "<code>{cite:p}`a`</code>"),  # a role inside a code span is code
        ("*see {term}`the spread <Metastasis>`*", "<em>see the spread</em>"),
        ("[H{sub}`2`O](https://x.org)", '<a href="https://x.org">H<sub>2</sub>O</a>'),
        ("__{term}`Metastasis`__", "<strong>Metastasis</strong>"),
        ("{term}`a_b <A>` and _c_", "a_b and <em>c</em>"),
    ],
)
def test_roles_are_read_where_myst_reads_them(text: str, shown: str) -> None:
    assert to_html(text) == shown


def test_plain_text_keeps_what_the_book_shows() -> None:
    assert to_plain("body is called ______ treatment (or ______ therapy).") == (
        "body is called ______ treatment (or ______ therapy)."
    )
    assert to_plain("AT&T &amp; __a__b one  \ntwo") == "AT&T & __a__b one two"
    assert to_plain("[a](https://x.org/a_(b))") == "a (https://x.org/a_(b))"


def _inline_part(part: tuple[str | int, ...]) -> bool:
    """Whether the book parses a text as inline markup: an option's, an item's or a stem's own text."""
    return part[0] in ("options", "items", "stems") and part[-1] == "text"


def test_every_bank_text_shows_the_words_the_book_shows(book: Book, myst: MarkdownIt) -> None:
    compared = 0
    for _, ex in book.exercises():
        for part, text in exercise_texts(ex):
            inline = _inline_part(part)
            shown = book_html(myst, text, inline=inline)
            try:
                exported = to_html(text, inline=inline, paragraphs=True)
            except Skip:
                # Left out only where the book shows more than words: a table, a figure, code, a heading …
                assert re.search(r"<(table|img|pre|h\d|blockquote|dl|hr|div)\b", shown), (ex.id, part, shown)
                continue
            assert typed(words(exported)) == typed(words(shown)), (ex.id, part)
            assert re.findall("[‘’“”'\"]", words(exported)) == list(book_quotes(text)), (ex.id, part)
            compared += 1
    assert compared > 1000  # every bank's texts, not a few


# Quotes, dashes and ellipses as the book prints them, where a code span or math shows what was typed.
EDUCATED = [
    ('the "invading tissue" of a tumour\'s edge', "the “invading tissue” of a tumour’s edge"),
    ("*Paget*'s 'seed'", "<em>Paget</em>’s ‘seed’"),
    ("`'x'` then 'y'", "<code>'x'</code> then ‘y’"),
    ("{math}`f'(x)` is 'prime'", "\\(f'(x)\\) is ‘prime’"),
    ("[NCI's page](https://x.org/a'b)", '<a href="https://x.org/a&#x27;b">NCI’s page</a>'),
    ("1950s--1990s ... and the '90s", "1950s–1990s … and the ’90s"),
    (r"a \\ 'b'", r"a \ ‘b’"),  # a backslash the book shows stays
]


@pytest.mark.parametrize(("text", "shown"), EDUCATED)
def test_quotes_are_the_books(text: str, shown: str) -> None:
    assert to_html(text) == shown
    assert re.findall("[‘’“”'\"]", html.unescape(re.sub(r"<[^>]*>|\\\(.*\\\)", "", shown))) == list(
        book_quotes(re.sub(r"\{math\}`[^`]*`", "", text))
    )


def test_exports_educate_quotes_and_sheets_keep_them_as_typed() -> None:
    """Sheets, keys and the gradebook's labels (readable) show a text as typed; an option's text is inline."""
    assert to_plain('"seed" and *soil*\'s') == "“seed” and soil’s"
    assert to_html("'a' -- b", inline=True) == "‘a’ – b"
    assert readable('"seed" and *soil*\'s') == '"seed" and soil\'s'


def test_an_address_shown_as_itself_is_copied_as_written() -> None:
    """The book's quotes and dashes are for words: an address that shows itself keeps its "--", "..." and "'",
    which educated would name another page; a link's own words are educated as any others."""
    text = "See <https://example.org/a--b...c's> and [Paget's page](https://example.org/x--y)."
    assert to_plain(text) == "See https://example.org/a--b...c's and Paget’s page (https://example.org/x--y)."
    assert to_html(text) == (
        'See <a href="https://example.org/a--b...c&#x27;s">https://example.org/a--b...c\'s</a> and '
        '<a href="https://example.org/x--y">Paget’s page</a>.'
    )
