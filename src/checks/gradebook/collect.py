"""Collecting a class: every sheet graded with one shared grader, every failure kept.

:func:`collect` expands the arguments into sheet files (a file, or the sheets
in a folder, as ``checks grade`` does), reads and grades each with one
:class:`~checks.sheets.BookGrader` (so a class's repeated answers are graded
once) and keeps a sheet that cannot be read as a :class:`Failure` instead of
stopping. Each graded sheet is reduced to a :class:`Graded` row: the responses
and results in book order, the scores and the total, which is all the
gradebook needs. On a terminal, grading many files shows a progress bar on
stderr; elsewhere it is quiet.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any, TextIO

from checks.grading import Result
from checks.loading import Book
from checks.reading import InputError
from checks.sheets import BookGrader, read_sheet

# A progress bar is worth showing from this many files on.
PROGRESS_FROM = 20

_SCORE = attrgetter("score")


@dataclass(frozen=True)
class Failure:
    """A sheet (or an argument) that could not be graded, and why, in one line."""

    path: Path
    reason: str
    line: int | None = None

    @classmethod
    def of(cls, err: InputError) -> Failure:
        return cls(err.path, err.problem, err.line)

    def __str__(self) -> str:
        """As ``checks grade`` reports it: ``file[:line]: reason``."""
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Graded:
    """One graded sheet: the response to and result of every exercise of the book, in book order."""

    path: Path
    student: str
    responses: tuple[Any, ...]
    results: tuple[Result, ...]
    scores: tuple[float, ...]
    total: float


@dataclass(frozen=True)
class Collected:
    """A graded class: sheets sorted by student then file, and the sheets that failed, by file."""

    book: Book
    graded: tuple[Graded, ...]
    failures: tuple[Failure, ...]

    @property
    def max_score(self) -> float:
        return sum(ex.points for _, ex in self.book.exercises())

    def duplicates(self) -> dict[str, tuple[Path, ...]]:
        """Student ids that appear on more than one graded sheet, with their files."""
        files: dict[str, list[Path]] = {}
        for row in self.graded:
            files.setdefault(row.student, []).append(row.path)
        return {student: tuple(paths) for student, paths in files.items() if len(paths) > 1}


def collect(
    items: Sequence[str],
    book: Book,
    *,
    stream: TextIO | None = None,
    progress: bool | None = None,
) -> Collected:
    """Grade every sheet that ``items`` name; ``progress=None`` shows a bar only on a terminal."""
    from checks.cli import sheet_paths  # the CLI's own rule for what a folder holds

    out = sys.stderr if stream is None else stream
    failures: list[Failure] = []
    paths: list[Path] = []
    seen: set[Path] = set()
    for item in items:
        try:
            found = sheet_paths(item)
        except InputError as err:
            failures.append(Failure.of(err))
            continue
        for path in found:
            if path not in seen:  # the same file named twice is graded once
                seen.add(path)
                paths.append(path)
    show = progress if progress is not None else len(paths) >= PROGRESS_FROM and _is_terminal(out)
    grader = BookGrader(book)
    ids = [ex.id for _, ex in book.exercises()]
    graded: list[Graded] = []
    with _progress(len(paths), out, show) as advance:
        for path in paths:
            try:
                sheet = read_sheet(path, book)
            except InputError as err:
                failures.append(Failure.of(err))
            else:
                # Reduced while the sheet is at hand: the analysis reads these column by column.
                responses = tuple(map(sheet.answers.get, ids))
                results = grader.results_of(responses)
                scores = tuple(map(_SCORE, results))
                graded.append(Graded(path, sheet.student, responses, results, scores, sum(scores)))
            advance()
    graded.sort(key=lambda g: (g.student, str(g.path)))
    failures.sort(key=lambda f: str(f.path))
    return Collected(book, tuple(graded), tuple(failures))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a class is graded and analysed.

    A class is a million small objects without reference cycles, kept until the
    end; the collector would walk all of them again and again (a fifth of the
    run time for ten thousand sheets) and free nothing. Reference counting still
    frees everything as usual. The collector's previous state is restored.

    Re-enabling alone would make the next allocation walk every object made
    meanwhile (a tenth of the run); freezing and unfreezing first files them
    with the old objects instead, as a long-lived program's would be. That is
    skipped when something else has frozen objects, so as not to thaw them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()  # moves every tracked object to the permanent generation and resets the count
                gc.unfreeze()  # and back into the oldest generation, without a collection
            gc.enable()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


@contextmanager
def _progress(total: int, stream: TextIO, show: bool) -> Iterator[Callable[[], None]]:
    """A function to call once per file: a rich progress bar on ``stream``, or nothing."""
    if not show:
        yield _nothing
        return
    from rich.console import Console  # imported only when a bar is shown: the CLI starts fast
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream, force_terminal=True)
    columns = (TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TextColumn("sheets"), TimeElapsedColumn())
    with Progress(*columns, console=console, redirect_stdout=False, redirect_stderr=False) as bar:
        task = bar.add_task("grading", total=total)

        def advance() -> None:
            bar.advance(task)

        yield advance


def _nothing() -> None:
    return None
