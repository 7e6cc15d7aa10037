"""The pieces the report's page is built of: sections, tables, and figures with their tables.

Every piece labels itself for a screen reader: a section by its heading, a table's columns by header
cells (and a table by its caption, where it has one), a plot by its caption. Every cell is escaped,
but one built by :func:`exercise_cell`, whose parts are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


class Html(str):
    """A cell written as HTML, its text escaped where it was built: a table leaves it as it is."""


def exercise_cell(exercise_id: str, asks: str) -> Html:
    """An exercise as a table names it: its id, and below it the start of what it asks."""
    return Html(f'<span class="id">{escape(exercise_id)}</span> <span class="asks">{escape(asks)}</span>')


def section(anchor: str, heading: str, body: str) -> str:
    return f'<section aria-labelledby="{anchor}">\n<h2 id="{anchor}">{escape(heading)}</h2>\n{body}\n</section>'


def table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = (), caption: str = "") -> str:
    """A table of text cells with a header row; the ``numeric`` columns aligned right."""
    right = set(numeric)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    cells = ['<td class="num">' if i in right else "<td>" for i in range(len(header))]
    body = "\n".join(
        "<tr>" + "".join(f"{cells[i]}{_cell(c)}</td>" for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    titled = f"<caption>{escape(caption)}</caption>\n" if caption else ""
    return f"<table>\n{titled}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _cell(text: str) -> str:
    return text if isinstance(text, Html) else escape(text)


def plot(svg: str, caption: str) -> str:
    return f"<figure>\n{svg}\n<figcaption>{escape(caption)}</figcaption>\n</figure>"


def figure(svg: str, caption: str, numbers: str) -> str:
    """A plot, and the same numbers as a table for readers who cannot see it."""
    return f"{plot(svg, caption)}\n<details><summary>The same numbers as a table</summary>\n{numbers}\n</details>"
