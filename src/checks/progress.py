"""A progress bar on standard error for the commands that work through many files, shown only on a terminal,
so that a run in a script or with its output redirected stays quiet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

# A progress bar is worth showing from this many files on.
PROGRESS_FROM = 20


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def shows_progress(total: int, stream: TextIO) -> bool:
    """Whether to show a bar for ``total`` files: enough of them to wait for, and a terminal to show it on."""
    return total >= PROGRESS_FROM and is_terminal(stream)


@contextmanager
def progress_bar(total: int, stream: TextIO, show: bool, doing: str, things: str) -> Iterator[Callable[[], None]]:
    """A function to call once per file: a rich progress bar on ``stream`` ("grading ━━━ 12/40 sheets"), or
    nothing."""
    if not show:
        yield _nothing
        return
    from rich.console import Console  # imported only when a bar is shown: the CLI starts fast
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream, force_terminal=True)
    columns = (TextColumn(doing), BarColumn(), MofNCompleteColumn(), TextColumn(things), TimeElapsedColumn())
    with Progress(*columns, console=console, redirect_stdout=False, redirect_stderr=False) as bar:
        task = bar.add_task(doing, total=total)

        def advance() -> None:
            bar.advance(task)

        yield advance


def _nothing() -> None:
    return None
