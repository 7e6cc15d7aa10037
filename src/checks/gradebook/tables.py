"""The gradebook's CSV tables: grades, item analysis and the sheets that failed.

Tables are written with the :mod:`csv` module: one header row, UTF-8, and
``\\r\\n`` line ends as RFC 4180 has them (so a cell holding a carriage return
is quoted, as one holding a line feed is). Numbers are formatted by
:func:`number` (at most four decimals, no trailing zeros), so the same class
always gives the same bytes. Every text cell goes through :func:`cell`: a cell
that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading single quote, so a
student named ``=HYPERLINK(…)`` is shown, not run. Scores are never negative,
so no genuine number is touched.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .collect import Collected, Failure, Graded
from .items import ItemStats
from .roster_rows import RosterRows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILE_SEPARATOR = "; "  # between a student's sheets in the files column
ITEM_COLUMNS = (
    "exercise",
    "chapter",
    "kind",
    "points",
    "answered",
    "correct",
    "difficulty",
    "mean_share",
    "discrimination",
    "upper_lower",
    "responses",
    "misconceptions",
)


def cell(text: str) -> str:
    """A text cell that no spreadsheet will run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@lru_cache(maxsize=8192)  # a class repeats the same few scores; formatting them is most of a table's time
def number(value: float | None) -> str:
    """A stable rendering of a number: at most four decimals, no trailing zeros; blank for None."""
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(score: float, most: float) -> float:
    return 100 * score / most if most else 0.0


def chapter_spans(collected: Collected) -> list[tuple[str, int, int]]:
    """Each chapter with the slice of book-order exercise positions it covers."""
    spans, start = [], 0
    for bank in collected.book.banks:
        spans.append((bank.chapter, start, start + len(bank.exercises)))
        start += len(bank.exercises)
    return spans


def grades_csv(collected: Collected, roster: RosterRows | None = None) -> str:
    """One row per student: student, their sheets, a score per chapter, total, max, percent. With a ``roster``,
    a row per student of it, in its order, and a status column after the student: its students without a sheet
    have no files nor scores, and the students not on it follow."""
    spans = chapter_spans(collected)
    most = collected.max_score
    chapters = [c for c, _, _ in spans]
    if roster is None:
        rows: list[list[str]] = [["student", "files", *chapters, "total", "max", "percent"]]
        rows += [[g.student, *_scores(g, spans, most)] for g in collected.graded]
        return _csv(rows, text_columns={0, 1})
    rows = [["student", "status", "files", *chapters, "total", "max", "percent"]]
    for row in roster.rows:
        if row.graded is None:  # blank, so that an import leaves the grade out rather than giving 0
            rows.append([row.student, row.status, "", *([""] * len(spans)), "", number(most), ""])
        else:
            rows.append([row.student, row.status, *_scores(row.graded, spans, most)])
    return _csv(rows, text_columns={0, 1, 2})


def _scores(g: Graded, spans: list[tuple[str, int, int]], most: float) -> list[str]:
    """A student's cells after their name: their sheets, a score per chapter, total, max and percent."""
    chapters = [number(sum(g.scores[a:b])) for _, a, b in spans]
    files = FILE_SEPARATOR.join(map(str, g.paths))
    return [files, *chapters, number(g.total), number(most), number(percent(g.total, most))]


def items_csv(items: Sequence[ItemStats]) -> str:
    """One row per exercise with its analysis; responses and misconceptions as ``name=count; …``."""
    rows: list[list[str]] = [list(ITEM_COLUMNS)]
    for it in items:
        rows.append(
            [
                it.exercise_id,
                it.chapter,
                it.kind,
                number(it.points),
                str(it.answered),
                str(it.correct),
                number(it.difficulty),
                number(it.mean_share),
                number(it.discrimination),
                number(it.upper_lower),
                pairs(it.responses),
                pairs(it.top_misconceptions),
            ]
        )
    return _csv(rows, text_columns={0, 1, 2, 10, 11})


def failures_csv(failures: Iterable[Failure]) -> str:
    """One row per sheet that could not be graded: file, line (when known) and reason. A sheet with several
    problems has them all in its reason, on one line, those after the first with their lines:
    ``unknown exercise id 'c3-x'; line 40: unknown exercise id 'c3-y'``."""
    rows = [["file", "line", "reason"], *([str(f.path), str(f.line or ""), "; ".join(f.reasons())] for f in failures)]
    return _csv(rows, text_columns={0, 2})


def pairs(counts: Iterable[tuple[str, int]]) -> str:
    return "; ".join(f"{name}={count}" for name, count in counts)


def _csv(rows: list[list[str]], *, text_columns: set[int]) -> str:
    """The rows as CSV; the header and the ``text_columns`` are neutralised, numbers left as they are."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    header, *body = rows
    writer.writerow([cell(c) for c in header])
    for row in body:
        writer.writerow([cell(c) if j in text_columns else c for j, c in enumerate(row)])
    return buffer.getvalue()
