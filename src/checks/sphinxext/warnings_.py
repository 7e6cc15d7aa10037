"""Typed warnings, so ``suppress_warnings = ["checks.<subtype>"]`` works and ``-W`` stops with a clear message."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

from sphinx.util import logging

from checks.loading import Problem
from checks.sphinxext.paths import shown, shown_in

logger = logging.getLogger("checks")


class CheckWarning(Enum):
    """Warning subtypes of the ``checks`` extension."""

    BANK = "bank"
    """A bank file is invalid, or its ``chapter`` is not its file's name."""
    UNKNOWN_ID = "unknown_id"
    """A directive names an exercise or bank that does not exist."""
    NO_BANK = "no_bank"
    """``{objectives}`` is used in a document that no bank belongs to."""
    PLACEMENT = "placement"
    """An exercise is placed twice, not at all, or on the page of a chapter other than its own; a chapter's
    objectives are shown twice on one page."""
    NUMBERING = "numbering"
    """A page places exercises that get no number (no toctree of the root document leads to it), numbers
    them through the book rather than by chapter (the toctree that lists it is not numbered), or numbers them
    otherwise than the answer sheets and keys do (not in the order of their bank)."""
    SOURCE = "source"
    """An exercise's ``source``, or a key its texts cite, is not in the bibliography (with sphinxcontrib-bibtex)."""
    ENCODING = "encoding"
    """A page is not in the configured ``source_encoding`` (a Latin-1 ``é``): it is left out of the build."""
    EDITION = "edition"
    """A configuration value is not one of its allowed values."""


def warn(kind: CheckWarning, message: str, location: Any = None) -> None:
    logger.warning(message, type="checks", subtype=kind.value, location=location)


def warn_bank(problems: Iterable[Problem]) -> None:
    """Every problem of a broken book, each at its file and line, naming files from the project's folder."""
    for problem in problems:
        # A problem may name another bank file, of the same folder ("already has a bank, exercises/x.yaml").
        message = shown_in(problem.message, problem.path.parent)
        # A folder, or a path that is none, has no line, and Sphinx would read a location without one as a docname.
        if problem.line is None and not problem.path.is_file():
            text = str(dataclasses.replace(problem, path=Path(shown(problem.path)), message=message))
            warn(CheckWarning.BANK, f"invalid exercise bank: {text}")
            continue
        # A problem of a whole file (empty, binary, UTF-16) is located at its start, as editors and CI annotations
        # need a line to go to.
        line = problem.line or 1
        problem = dataclasses.replace(problem, line=line)
        where = f"{problem.path}:{line}"
        # The problem's text starts with the same "file:line:" that Sphinx puts before the message.
        text = str(dataclasses.replace(problem, message=message)).removeprefix(f"{where}:").strip()
        warn(CheckWarning.BANK, f"invalid exercise bank: {text}", where)
