"""MyST text to simple HTML or to one line of plain text, for the export formats.

Bank texts are MyST markdown, rendered by Sphinx in the book: prompts,
vignettes, feedback and explanations as blocks; options, items and stems as
inline markup (matching options are shown as plain text, and the exports keep
them so). They are read here by the book's own parser (:mod:`checks.exports.inline`),
so that an LMS shows what the book shows: a blank ``______`` stays a blank, ``&amp;`` is "&".
An LMS has no Sphinx, so the exports carry a subset that converts faithfully:
paragraphs, bullet and numbered lists, *emphasis*, **strong**, ``code``, links,
line breaks, escapes and entities, ``{sub}``/``{sup}`` (in plain text "10⁶" and "CO₂", by
:mod:`checks.exports.scripts`), citations as the book writes them,
"(Steeg, 2016)" (:mod:`checks.exports.citations`), inline math (``{math}``) between
``\\(`` and ``\\)`` for the LMS's MathJax (plain text cannot show it, and skips the exercise), and any
other role as the text it shows (``{term}`metastasis <Metastasis>``` becomes "metastasis"). Quotes, dashes and
ellipses are the book's typographic ones (:mod:`checks.exports.quotes`), outside code and math. Anything
that needs Sphinx to mean what it says (directives and fences, tables, headings,
math blocks, raw HTML, images, footnotes, substitutions, comments) raises :class:`~checks.exports.common.Skip`, so the
exercise is skipped with a message instead of reaching students mangled.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checks.exports.citations import cite, is_citation
from checks.exports.common import Skip
from checks.exports.inline import parse, parse_inline
from checks.exports.quotes import educated
from checks.exports.scripts import scripted
from checks.model import REUSE_NOTE, AnyExercise, Matching, MultipleSelect, Numeric, SingleChoice, choice_legend

if TYPE_CHECKING:
    from markdown_it.token import Token

# What a numeric question with units adds in an LMS, which takes a bare number only.
NUMBER_ONLY = "Type the number only, without a unit ({unit})."

# Docutils' roles for raised and lowered text, by their short and long names.
_SCRIPTS = {"sup": "sup", "superscript": "sup", "sub": "sub", "subscript": "sub"}
_ROLE_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
# What each token the export cannot convert is, for the message that skips the exercise.
_UNCONVERTED = {
    "fence": "a fenced block or directive",
    "colon_fence": "a fenced block or directive",
    "code_block": "an indented code block",
    "heading_open": "a heading",
    "lheading_open": "a heading",
    "table_open": "a table",
    "math_block": "a math block",
    "math_block_label": "a math block",
    "blockquote_open": "a block quote",
    "myst_line_comment": "a comment line",
    "myst_target": "a label target",
    "myst_block_break": "a block break",
    "hr": "a thematic break",
    "dl_open": "a definition list",
    "footnote_reference_open": "a footnote",
    "footnote_ref": "a footnote",
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "image": "an image",
    "substitution_block": "a substitution",
    "substitution_inline": "a substitution",
    "bullet_list_open": "a nested list",
    "ordered_list_open": "a nested list",
}


def _unconverted(token: Token) -> Skip:
    what = _UNCONVERTED.get(token.type, token.type.removesuffix("_open").replace("_", " "))
    return Skip(f"its text uses {what}, which the export cannot convert")


@dataclass(frozen=True)
class _Block:
    kind: str  # "p", "ul" or "ol"
    parts: tuple[tuple[Token, ...], ...]  # the paragraph's inline token, or per list item its paragraphs' ones
    start: int = 1
    loose: bool = False  # a list whose items are paragraphs (a blank line between them)


def _blocks(text: str) -> list[_Block]:
    """The paragraphs and lists of a text, as the book parses them; anything else raises :class:`Skip`."""
    tokens = parse(text)
    blocks: list[_Block] = []
    pos = 0
    while pos < len(tokens):
        token = tokens[pos]
        if token.type == "paragraph_open":
            blocks.append(_Block("p", ((tokens[pos + 1],),)))
            pos += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            end = next(n for n in range(pos + 1, len(tokens)) if tokens[n].level == token.level)  # its close
            kind = "ol" if token.type == "ordered_list_open" else "ul"
            start = int(token.attrs.get("start", 1))
            parts, loose = _items(tokens[pos + 1 : end])
            blocks.append(_Block(kind, parts, start, loose))
            pos = end + 1
        else:
            raise _unconverted(token)
    return blocks


def _items(tokens: list[Token]) -> tuple[tuple[tuple[Token, ...], ...], bool]:
    """Each list item's paragraphs (their inline tokens), and whether the list is loose."""
    items: list[tuple[Token, ...]] = []
    loose = False
    for token in tokens:
        if token.type == "list_item_open":
            items.append(())
        elif token.type == "inline":
            items[-1] += (token,)
        elif token.type == "paragraph_open":
            loose = loose or not token.hidden
        elif token.type not in ("list_item_close", "paragraph_close"):
            raise _unconverted(token)
    return tuple(items), loose


@dataclass(frozen=True)
class _Style:
    """How a text is written: as HTML or as plain words; with the book's typographic quotes, dashes and ellipses
    (an export, which students read as they read the book) or as typed (a sheet's comment or a label, which
    :func:`readable` writes); and inline math, which plain words cannot show: refused, or its source."""

    html: bool
    educated: bool = True
    math_source: bool = False


_HTML = _Style(html=True)
_PLAIN = _Style(html=False)
_AS_TYPED = _Style(html=False, educated=False, math_source=True)

# One stretch of inline output: "text" is the book's words (educated and, in HTML, escaped), "literal" is shown as
# written (code, math: escaped but never educated, though it is the context of a quote after it), "tag" is
# markup already written (HTML tags), which docutils passes over as it passes over HTML.
_Piece = tuple[str, str]


def _role(name: str, body: str, style: _Style) -> list[_Piece]:
    if is_citation(name):
        return [("text", cite(name, body))]
    if name == "math":
        return _math(body, style)
    shown = body
    target = _ROLE_TARGET.match(body)
    if target:
        shown = target.group("text") or target.group("target")
    script = _SCRIPTS.get(name)
    if script and style.html:
        return [("tag", f"<{script}>"), ("text", shown), ("tag", f"</{script}>")]
    return [("text", scripted(shown, script) if script else shown)]


def _math(body: str, style: _Style) -> list[_Piece]:
    """Inline math: in HTML between ``\\(`` and ``\\)``, which Moodle's and Canvas's MathJax typeset; plain words
    cannot show a formula, so an export in them skips the exercise, and a label shows the source."""
    if style.html:
        return [("literal", f"\\({body}\\)")]
    if style.math_source:
        return [("literal", body)]
    raise Skip("its text uses inline math ({math}), which plain text cannot show")


_TAGS = {"em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>", "strong_close": "</strong>"}


def _inline(tokens: Sequence[Token], style: _Style) -> str:
    """Inline tokens (a paragraph's, an option's) as HTML or plain words, in ``style``."""
    return _written(_pieces(tokens, style), style)


def _pieces(tokens: Sequence[Token], style: _Style) -> list[_Piece]:
    out: list[_Piece] = []
    pos = 0
    while pos < len(tokens):
        token = tokens[pos]
        pos += 1
        if token.type in ("text", "softbreak"):
            out.append(("text", token.content if token.type == "text" else " "))
        elif token.type == "hardbreak":
            out.append(("tag", "<br />") if style.html else ("text", " "))
        elif token.type == "code_inline":
            code = [("literal", token.content)]
            out += [("tag", "<code>"), *code, ("tag", "</code>")] if style.html else code
        elif token.type in _TAGS:
            out.append(("tag", _TAGS[token.type] if style.html else ""))
        elif token.type == "myst_role":
            out += _role(token.meta["name"], token.content.strip(), style)
        elif token.type == "link_open":
            end = next(n for n in range(pos, len(tokens)) if tokens[n].type == "link_close")  # links do not nest
            out += _link(token, _pieces(tokens[pos:end], style), style)
            pos = end + 1
        else:
            raise _unconverted(token)
    return out


def _link(token: Token, shown: list[_Piece], style: _Style) -> list[_Piece]:
    """A link: to a web address, as a link or its text and address; to a page of the book, its text alone."""
    url = str(token.attrs["href"])
    if re.match(r"^(https?|mailto):", url) is None:
        return shown
    bare = token.markup == "autolink" or "".join(text for _, text in shown) == url
    if bare:
        # An address shown as itself is copied as written: educated, its "--" or "'" would make another address.
        shown = [("literal" if kind == "text" else kind, text) for kind, text in shown]
    if style.html:
        return [("tag", f'<a href="{html.escape(url, quote=True)}">'), *shown, ("tag", "</a>")]
    if bare:
        return shown
    return [*shown, ("text", " ("), ("literal", url), ("text", ")")]


def _written(pieces: list[_Piece], style: _Style) -> str:
    """The pieces of a paragraph (or an option) as one string: educated together, as Sphinx educates a paragraph,
    so that the quote after a code span or emphasis knows what it follows; then escaped for HTML."""
    texts = educated(pieces) if style.educated else [text for _, text in pieces]
    if style.html:
        texts = [
            text if kind == "tag" else html.escape(text, quote=False)
            for (kind, _), text in zip(pieces, texts, strict=True)
        ]
    return "".join(texts)


def to_html(text: str, *, paragraphs: bool = False, inline: bool = False) -> str:
    """``text`` as HTML on one line, as the book renders it; a single paragraph stays bare unless ``paragraphs``.

    ``inline`` is for the texts the book parses as inline markup (options,
    items, stems): no block syntax applies, so ``1.`` or ``%`` at the start is text.
    """
    if inline:
        return _inline(parse_inline(text), _HTML)
    blocks = _blocks(text)
    if len(blocks) == 1 and blocks[0].kind == "p" and not paragraphs:
        return _paragraphs(blocks[0].parts[0], _HTML)
    out: list[str] = []
    for block in blocks:
        if block.kind == "p":
            out.append(_paragraphs(block.parts[0], _HTML, tags=True))
        else:
            start = f' start="{block.start}"' if block.kind == "ol" and block.start != 1 else ""
            items = "".join(f"<li>{_paragraphs(part, _HTML, tags=block.loose)}</li>" for part in block.parts)
            out.append(f"<{block.kind}{start}>{items}</{block.kind}>")
    return "".join(out)


def _paragraphs(lines: tuple[Token, ...], style: _Style, *, tags: bool = False) -> str:
    """Paragraphs (their inline tokens) as HTML, each in ``<p>`` with ``tags``, or as plain words."""
    texts = [_inline(line.children or (), style) for line in lines]
    return "".join(f"<p>{t}</p>" for t in texts) if tags else " ".join(texts)


def join_html(*texts: str) -> str:
    """Several MyST texts (a vignette and a prompt) as consecutive HTML paragraphs."""
    return "".join(to_html(t, paragraphs=True) for t in texts)


def question_html(ex: AnyExercise) -> str:
    """An exercise's question as an LMS shows it: the vignette, the prompt, and the sentences every output adds,
    as HTML paragraphs where there are several: for multiple select, how to answer and how it scores
    (:func:`~checks.model.choice_legend`, in italics as the book prints it), which a student must know before
    ticking and the LMS scores by; for extended matching, that options may be reused
    (:data:`~checks.model.REUSE_NOTE`).

    A numeric question with units also says to type the number alone: the book takes "23.3 pp",
    but Moodle refuses an answer with a unit it was not given, and Canvas scores it wrong."""
    vignette = ex.vignette if isinstance(ex, SingleChoice) else None
    legend = f"*{choice_legend(multiple=True)}*" if isinstance(ex, MultipleSelect) else None
    reuse = REUSE_NOTE if isinstance(ex, Matching) and ex.extended else None
    units = NUMBER_ONLY.format(unit=ex.units[0]) if isinstance(ex, Numeric) and ex.units else None
    texts = [t for t in (vignette, ex.prompt, legend, reuse, units) if t]
    return join_html(*texts) if len(texts) > 1 else to_html(ex.prompt)


def to_plain(text: str, *, inline: bool = False) -> str:
    """``text`` as one line of plain text for an export: markup dropped, list items marked, whitespace collapsed,
    quotes as the book prints them; inline math, which plain text cannot show, raises :class:`Skip`."""
    return _plain(text, _PLAIN, inline=inline)


def _plain(text: str, style: _Style, *, inline: bool = False) -> str:
    if inline:
        return " ".join(_inline(parse_inline(text), style).split())
    parts: list[str] = []
    for block in _blocks(text):
        if block.kind == "p":
            parts.append(_paragraphs(block.parts[0], style))
        else:
            for n, part in enumerate(block.parts, start=block.start):
                item = _paragraphs(part, style)
                parts.append(f"{n}. {item}" if block.kind == "ol" else f"• {item}")
    return " ".join(" ".join(parts).split())


def readable(text: str, *, inline: bool = False) -> str:
    """Plain text as :func:`to_plain` writes it, but with the quotes as typed and inline math as its source; or
    where the text holds a layout it cannot flatten (a table, a nested list, an image), the text as written,
    whitespace collapsed: for a label or a sheet's comment, which is still needed, and whose reader has the book
    to see the layout in."""
    try:
        return _plain(text, _AS_TYPED, inline=inline)
    except Skip:
        return " ".join(text.split())


def plain_option(text: str) -> str:
    """A text the book shows literally (matching options, chapter titles), whitespace collapsed and its quotes
    educated, as the book educates them (:mod:`checks.sphinxext.quotes`)."""
    [shown] = educated([("text", " ".join(text.split()))])
    return shown


def matching_feedback(ex: Matching) -> str:
    """The explanation of a matching exercise followed by each stem's pairing and feedback, as HTML.

    LMS matching questions have no per-stem feedback, so it joins the general feedback.
    """
    options = {o.id: html.escape(plain_option(o.text), quote=False) for o in ex.options}
    stems = "".join(
        f"<li>{to_html(s.text, inline=True)} → {options[s.answer]}: {to_html(s.feedback)}</li>" for s in ex.stems
    )
    return f"{to_html(ex.explanation, paragraphs=True)}<ul>{stems}</ul>"
