"""The pieces the report's page is built of: sections, tables, and figures with their tables.

Every piece labels itself for a screen reader: a section by its heading, a table's columns by header
cells and the table by its caption, a plot by its caption. Every cell is escaped, but one built by
:func:`exercise_cell` or :func:`lines_cell`, whose parts are.

A table of many columns, or of file paths, is wider than a phone, and on a desktop than the page's
column: each table sits in a box of its own that scrolls sideways (the ``scroll`` class), so that the
page does not. The box can be scrolled by keyboard, for it takes the focus, and is a region named by
the table's caption, so that a screen reader says what the focus came to. A file path or an id has no
space to break a line at, so it breaks anywhere: an exercise's id and the ``names`` columns (ids, file
names) where the table's layout needs it, a path (the ``paths`` columns) past a width that grows with
the window's, so that a table of files fits a phone and keeps its paths whole on a desktop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


class Html(str):
    """A cell written as HTML, its text escaped where it was built: a table leaves it as it is."""


def exercise_cell(exercise_id: str, asks: str) -> Html:
    """An exercise as a table names it: its id, and below it the start of what it asks."""
    return Html(f'<span class="id">{escape(exercise_id)}</span> <span class="asks">{escape(asks)}</span>')


def lines_cell(lines: Sequence[str]) -> Html:
    """Texts in one cell, each on a line of its own: a sheet's problems, say."""
    return Html("<br>".join(map(escape, lines)))


def section(anchor: str, heading: str, body: str) -> str:
    return f'<section aria-labelledby="{anchor}">\n<h2 id="{anchor}">{escape(heading)}</h2>\n{body}\n</section>'


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    caption: str,
    anchor: str,
    numeric: Iterable[int] = (),
    paths: Iterable[int] = (),
    names: Iterable[int] = (),
) -> str:
    """A table of text cells with a header row, in its scrolling box named by its caption (whose id is
    ``anchor``, unique in the page); the ``numeric`` columns aligned right, the ``paths`` and ``names``
    broken anywhere."""
    kinds = {
        **dict.fromkeys(numeric, ('<td class="num">', "</td>")),
        **dict.fromkeys(paths, ('<td><span class="path">', "</span></td>")),
        **dict.fromkeys(names, ('<td class="names">', "</td>")),
    }
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    cells = [kinds.get(i, ("<td>", "</td>")) for i in range(len(header))]
    body = "\n".join(
        "<tr>" + "".join(f"{cells[i][0]}{_cell(c)}{cells[i][1]}" for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{anchor}">\n'
        f'<table>\n<caption id="{anchor}">{escape(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>"
    )


def _cell(text: str) -> str:
    return text if isinstance(text, Html) else escape(text)


def plot(svg: str, caption: str) -> str:
    return f"<figure>\n{svg}\n<figcaption>{escape(caption)}</figcaption>\n</figure>"


def figure(svg: str, caption: str, numbers: str) -> str:
    """A plot, and the same numbers as a table for readers who cannot see it."""
    return f"{plot(svg, caption)}\n<details><summary>The same numbers as a table</summary>\n{numbers}\n</details>"
