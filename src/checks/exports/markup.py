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
"(Steeg, 2016)" (:mod:`checks.exports.citations`), and any other role as the text
it shows (``{term}`metastasis <Metastasis>``` becomes "metastasis"). Anything
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
from checks.exports.scripts import scripted
from checks.model import REUSE_NOTE, AnyExercise, Matching, Numeric, SingleChoice

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


def _role(name: str, body: str, as_html: bool) -> str:
    if is_citation(name):
        return _text(cite(name, body), as_html)
    shown = body
    target = _ROLE_TARGET.match(body)
    if target:
        shown = target.group("text") or target.group("target")
    script = _SCRIPTS.get(name)
    if script:
        return f"<{script}>{_text(shown, True)}</{script}>" if as_html else scripted(shown, script)
    return _text(shown, as_html)


def _text(text: str, as_html: bool) -> str:
    return html.escape(text, quote=False) if as_html else text


_TAGS = {"em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>", "strong_close": "</strong>"}


def _inline(tokens: Sequence[Token], as_html: bool) -> str:
    """Inline tokens (a paragraph's, an option's) as HTML or plain words."""
    out: list[str] = []
    pos = 0
    while pos < len(tokens):
        token = tokens[pos]
        pos += 1
        if token.type == "text":
            out.append(_text(token.content, as_html))
        elif token.type == "softbreak":
            out.append(" ")
        elif token.type == "hardbreak":
            out.append("<br />" if as_html else " ")
        elif token.type == "code_inline":
            out.append(f"<code>{_text(token.content, True)}</code>" if as_html else token.content)
        elif token.type in _TAGS:
            out.append(_TAGS[token.type] if as_html else "")
        elif token.type == "myst_role":
            out.append(_role(token.meta["name"], token.content.strip(), as_html))
        elif token.type == "link_open":
            end = next(n for n in range(pos, len(tokens)) if tokens[n].type == "link_close")  # links do not nest
            out.append(_link(token, _inline(tokens[pos:end], as_html), as_html))
            pos = end + 1
        else:
            raise _unconverted(token)
    return "".join(out)


def _link(token: Token, shown: str, as_html: bool) -> str:
    """A link: to a web address, as a link or its text and address; to a page of the book, its text alone."""
    url = str(token.attrs["href"])
    if re.match(r"^(https?|mailto):", url) is None:
        return shown
    if as_html:
        return f'<a href="{html.escape(url, quote=True)}">{shown}</a>'
    if token.markup == "autolink" or shown == url:
        return shown
    return f"{shown} ({url})"


def to_html(text: str, *, paragraphs: bool = False, inline: bool = False) -> str:
    """``text`` as HTML on one line, as the book renders it; a single paragraph stays bare unless ``paragraphs``.

    ``inline`` is for the texts the book parses as inline markup (options,
    items, stems): no block syntax applies, so ``1.`` or ``%`` at the start is text.
    """
    if inline:
        return _inline(parse_inline(text), True)
    blocks = _blocks(text)
    if len(blocks) == 1 and blocks[0].kind == "p" and not paragraphs:
        return _paragraphs(blocks[0].parts[0], True)
    out: list[str] = []
    for block in blocks:
        if block.kind == "p":
            out.append(_paragraphs(block.parts[0], True, tags=True))
        else:
            start = f' start="{block.start}"' if block.kind == "ol" and block.start != 1 else ""
            items = "".join(f"<li>{_paragraphs(part, True, tags=block.loose)}</li>" for part in block.parts)
            out.append(f"<{block.kind}{start}>{items}</{block.kind}>")
    return "".join(out)


def _paragraphs(lines: tuple[Token, ...], as_html: bool, *, tags: bool = False) -> str:
    """Paragraphs (their inline tokens) as HTML, each in ``<p>`` with ``tags``, or as plain words."""
    texts = [_inline(line.children or (), as_html) for line in lines]
    return "".join(f"<p>{t}</p>" for t in texts) if tags else " ".join(texts)


def join_html(*texts: str) -> str:
    """Several MyST texts (a vignette and a prompt) as consecutive HTML paragraphs."""
    return "".join(to_html(t, paragraphs=True) for t in texts)


def question_html(ex: AnyExercise) -> str:
    """An exercise's question as an LMS shows it: the vignette, the prompt, and for extended matching the
    sentence every output adds (:data:`~checks.model.REUSE_NOTE`), as HTML paragraphs where there are several.

    A numeric question with units also says to type the number alone: the book takes "23.3 pp",
    but Moodle refuses an answer with a unit it was not given, and Canvas scores it wrong."""
    vignette = ex.vignette if isinstance(ex, SingleChoice) else None
    reuse = REUSE_NOTE if isinstance(ex, Matching) and ex.extended else None
    units = NUMBER_ONLY.format(unit=ex.units[0]) if isinstance(ex, Numeric) and ex.units else None
    texts = [t for t in (vignette, ex.prompt, reuse, units) if t]
    return join_html(*texts) if len(texts) > 1 else to_html(ex.prompt)


def to_plain(text: str, *, inline: bool = False) -> str:
    """``text`` as one line of plain text: markup dropped, list items marked, whitespace collapsed."""
    if inline:
        return " ".join(_inline(parse_inline(text), False).split())
    parts: list[str] = []
    for block in _blocks(text):
        if block.kind == "p":
            parts.append(_paragraphs(block.parts[0], False))
        else:
            for n, part in enumerate(block.parts, start=block.start):
                item = _paragraphs(part, False)
                parts.append(f"{n}. {item}" if block.kind == "ol" else f"• {item}")
    return " ".join(" ".join(parts).split())


def readable(text: str, *, inline: bool = False) -> str:
    """:func:`to_plain`, or where the text holds a layout it cannot flatten (a table, a nested list, an
    image), the text as written, whitespace collapsed: for a label or a sheet's comment, which is still
    needed, and whose reader has the book to see the layout in."""
    try:
        return to_plain(text, inline=inline)
    except Skip:
        return " ".join(text.split())


def plain_option(text: str) -> str:
    """A text the book shows literally (matching options, chapter titles), whitespace collapsed."""
    return " ".join(text.split())


def matching_feedback(ex: Matching) -> str:
    """The explanation of a matching exercise followed by each stem's pairing and feedback, as HTML.

    LMS matching questions have no per-stem feedback, so it joins the general feedback.
    """
    options = {o.id: html.escape(plain_option(o.text), quote=False) for o in ex.options}
    stems = "".join(
        f"<li>{to_html(s.text, inline=True)} → {options[s.answer]}: {to_html(s.feedback)}</li>" for s in ex.stems
    )
    return f"{to_html(ex.explanation, paragraphs=True)}<ul>{stems}</ul>"
