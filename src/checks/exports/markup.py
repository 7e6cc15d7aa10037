"""MyST text to simple HTML or to one line of plain text, for the export formats.

Bank texts are MyST markdown, rendered by Sphinx in the book: prompts,
vignettes, feedback and explanations as blocks; options, items and stems as
inline markup (matching options are shown as plain text, and the exports keep
them so). An LMS has no Sphinx, so the exports carry a small subset that
converts faithfully: paragraphs, bullet and numbered lists, *emphasis*, **strong**, ``code``,
links, backslash escapes, ``{sub}``/``{sup}`` (in plain text "10⁶" and "CO₂", by
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
from dataclasses import dataclass

from checks.exports.citations import cite, is_citation
from checks.exports.common import Skip
from checks.exports.inline import TOKEN
from checks.exports.scripts import scripted
from checks.model import REUSE_NOTE, AnyExercise, Matching, Numeric, SingleChoice

# What a numeric question with units adds in an LMS, which takes a bare number only.
NUMBER_ONLY = "Type the number only, without a unit ({unit})."

# Docutils' roles for raised and lowered text, by their short and long names.
_SCRIPTS = {"sup": "sup", "superscript": "sup", "sub": "sub", "subscript": "sub"}
_ROLE_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_ITEM = re.compile(r"^ {0,3}(?P<marker>[-*+]|(?P<num>\d{1,9})[.)])[ \t]+(?P<text>\S.*)$")
_BLOCKS = (
    (re.compile(r"^ {0,3}(```|~~~|:::)"), "a fenced block or directive"),
    (re.compile(r"^ {0,3}#{1,6}(\s|$)"), "a heading"),
    (re.compile(r"^ {0,3}\|"), "a table"),
    (re.compile(r"^ {0,3}\$\$"), "a math block"),
    (re.compile(r"^ {0,3}>"), "a block quote"),
    (re.compile(r"^ {0,3}%"), "a comment line"),
    (re.compile(r"^ {0,3}\([\w.:-]+\)=\s*$"), "a label target"),
    (re.compile(r"^ {0,3}([-*_])( *\1){2,} *$"), "a thematic break"),
    (re.compile(r"^ {0,3}: "), "a definition list"),
    (re.compile(r"^ {0,3}\[\^"), "a footnote"),
)


@dataclass(frozen=True)
class _Block:
    kind: str  # "p", "ul" or "ol"
    parts: tuple[str, ...]  # the paragraph's text, or one text per list item
    start: int = 1


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip()):
        lines = chunk.split("\n")
        for line in lines:
            for pattern, what in _BLOCKS:
                if pattern.match(line):
                    raise Skip(f"its text uses {what}, which the export cannot convert")
        if lines[0].startswith("    "):
            raise Skip("its text uses an indented code block, which the export cannot convert")
        blocks.extend(_chunk_blocks(lines))
    return blocks


def _chunk_blocks(lines: list[str]) -> list[_Block]:
    out: list[_Block] = []
    para: list[str] = []
    items: list[list[str]] = []
    kind, start = "", 1
    for line in lines:
        item = _ITEM.match(line)
        ordered = bool(item and item.group("num"))
        # A numbered line interrupts a paragraph only when it is "1." (CommonMark).
        starts_list = item and (not para or not ordered or item.group("num") == "1")
        if item and (items or starts_list) and (not items or ordered == (kind == "ol")):
            if not items:
                if para:
                    out.append(_Block("p", (" ".join(para),)))
                    para = []
                kind, start = ("ol", int(item.group("num"))) if ordered else ("ul", 1)
            items.append([item.group("text")])
        elif items:
            if item:
                raise Skip("its text mixes list kinds, which the export cannot convert")
            if re.match(r"^ {4,}([-*+]|\d{1,9}[.)])[ \t]", line):
                raise Skip("its text uses a nested list, which the export cannot convert")
            items[-1].append(line.strip())
        else:
            para.append(line.strip())
    if para:
        out.append(_Block("p", (" ".join(para),)))
    if items:
        out.append(_Block(kind, tuple(" ".join(i) for i in items), start))
    return out


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


def _inline(text: str, as_html: bool) -> str:
    out: list[str] = []
    pos = 0
    for m in TOKEN.finditer(text):
        out.append(_text(text[pos : m.start()], as_html))
        pos = m.end()
        group = m.lastgroup
        if group == "esc":
            out.append(_text(m.group("esc")[1], as_html))
        elif group == "rbody":
            out.append(_role(m.group("role"), m.group("rbody").strip(), as_html))
        elif group == "code":
            code = m.group("code").strip() or m.group("code")
            out.append(f"<code>{_text(code, True)}</code>" if as_html else code)
        elif group in ("url", "auto"):
            url = m.group("url") or m.group("auto")
            shown = _inline(m.group("ltext"), as_html) if m.group("ltext") else _text(url, as_html)
            external = re.match(r"^(https?|mailto):", url) is not None
            if as_html and external:
                out.append(f'<a href="{html.escape(url, quote=True)}">{shown}</a>')
            elif external and m.group("ltext") and m.group("ltext") != url:
                out.append(f"{shown} ({_text(url, as_html)})")
            else:
                out.append(shown)
        elif group in ("strong", "strong_", "em", "em_"):
            inner = _inline(m.group(group), as_html)
            tag = "strong" if group.startswith("strong") else "em"
            out.append(f"<{tag}>{inner}</{tag}>" if as_html else inner)
        else:
            what = {"image": "an image", "foot": "a footnote", "rawhtml": "raw HTML", "subst": "a substitution"}
            raise Skip(f"its text uses {what[str(group)]}, which the export cannot convert")
    out.append(_text(text[pos:], as_html))
    return "".join(out)


def to_html(text: str, *, paragraphs: bool = False, inline: bool = False) -> str:
    """``text`` as HTML on one line; a single paragraph stays bare unless ``paragraphs``.

    ``inline`` is for the texts the book parses as inline markup (options,
    items, stems): no block syntax applies, so ``1.`` or ``%`` at the start is text.
    """
    if inline:
        return _inline(" ".join(text.split()), True)
    blocks = _blocks(text)
    if len(blocks) == 1 and blocks[0].kind == "p" and not paragraphs:
        return _inline(blocks[0].parts[0], True)
    out: list[str] = []
    for block in blocks:
        if block.kind == "p":
            out.append(f"<p>{_inline(block.parts[0], True)}</p>")
        else:
            start = f' start="{block.start}"' if block.kind == "ol" and block.start != 1 else ""
            items = "".join(f"<li>{_inline(part, True)}</li>" for part in block.parts)
            out.append(f"<{block.kind}{start}>{items}</{block.kind}>")
    return "".join(out)


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
        return " ".join(_inline(" ".join(text.split()), False).split())
    parts: list[str] = []
    for block in _blocks(text):
        if block.kind == "p":
            parts.append(_inline(block.parts[0], False))
        else:
            for n, part in enumerate(block.parts, start=block.start):
                parts.append(f"{n}. {_inline(part, False)}" if block.kind == "ol" else f"• {_inline(part, False)}")
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
