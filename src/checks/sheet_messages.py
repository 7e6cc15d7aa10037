"""The lines ``checks grade`` and ``checks gradebook`` write about the sheets they grade, in the same words:
answers left out, a sheet for other chapters, letters that changed or that read as ids, chapters no sheet
answers, and how to grade sheets that answer part of the book; and the gradebook's line for a sheet with answers
that could not be read, which ``checks grade`` shows answer by answer.

:mod:`checks.sheets` is imported by each function that needs it, as the commands import it, so that the
commands that grade nothing start without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checks.printable import escaped

if TYPE_CHECKING:
    from checks.loading import Book


def left_out_warning(path: Path, count: int, chapter: Book) -> str:
    """The line saying that a sheet's answers outside the chapter graded were not graded."""
    from checks.sheets import chapter_names

    graded = chapter_names(chapter.chapter_ids)
    return f"warning: {escaped(str(path))}: graded on {graded} alone; {count} answer(s) to other chapters left out"


def other_chapters_warning(path: Path, named: Sequence[str], graded: Sequence[str], count: int) -> str:
    """The line saying that a sheet for some chapters is graded on others, as ``--chapter`` asks, and how many
    of its answers that leaves out."""
    from checks.sheets import chapter_names

    left_out = f"; {count} answer(s) to other chapters left out" if count else ""
    return (
        f"warning: {escaped(str(path))}: the sheet is for {chapter_names(named)}; "
        f"graded on {chapter_names(graded)}, as --chapter asks{left_out}"
    )


def unanswered_error(
    option: str | None, graded: Sequence[str], elsewhere: Sequence[str], sheets: int, unread: bool, whole: Book
) -> str:
    """The line saying that no sheet answers an exercise of the chapters graded, only of others (``elsewhere``):
    ``--chapter`` (``option``, as typed) names the wrong chapter, or, without it (None), the sheets name chapters
    they do not answer. Graded, every sheet would score 0."""
    from checks.sheets import chapter_names

    one = sheets == 1
    # The sheets that could not be read are told above; these are the others.
    which = f"{'the sheet' if one else f'none of the {sheets} sheets'}{' that could be read' if unread else ''}"
    answers = f"{which} answer{'s no' if one else 's an'} exercise of {chapter_names(graded)}"
    if option is None:
        answers += f", which {'it names' if one else 'they name'}"
    them = "it" if one else "them"
    instead = f"{'its' if one else 'their'} answers are to {chapter_names(elsewhere)}"
    if len(elsewhere) == 1:
        fix = f"grade {them} with --chapter {whole.option(elsewhere[0])}"
    else:
        fix = "grade each chapter's sheets with --chapter"
    if option is None:
        return f"{answers} ({instead}); {fix}"
    return f"--chapter {option}: {answers} ({instead}); check --chapter, or {fix}"


def part_hint(groups: Mapping[tuple[str, ...], Sequence[Path]], whole: Book, *, listed: bool = True) -> str:
    """The line suggesting ``--chapter`` for sheets without ``chapters:`` that answer only part of the book,
    graded on the whole; ``groups`` holds the sheets by the chapters they answer, named (the first few) unless
    not ``listed``, so that a reader of a folder's results knows which sheets to grade apart."""
    from checks.files import first_few
    from checks.sheets import chapter_names

    def sheets(chapters: tuple[str, ...]) -> str:
        paths = groups[chapters] if listed else ()
        return f" ({first_few([escaped(str(p)) for p in paths])})" if paths else ""

    total = sum(map(len, groups.values()))
    if len(groups) == 1:
        [chapters] = groups
        them = f"{total} sheet(s){sheets(chapters)}"
        if len(chapters) == 1:
            return (
                f"hint: {them} answer only chapter {chapters[0]}; grade with --chapter "
                f"{whole.option(chapters[0])} to mark them out of that chapter's points"
            )
        names = ", ".join(chapters)
        return (
            f"hint: {them} answer only chapters {names}; give them the line 'chapters: [{names}]' "
            "to mark them out of those chapters' points"
        )
    order = {bank.chapter: i for i, bank in enumerate(whole.banks)}
    shown = sorted(groups.items(), key=lambda group: (-len(group[1]), [order[c] for c in group[0]]))
    parts = [f"{len(paths)}{sheets(chapters)} only {chapter_names(chapters)}" for chapters, paths in shown[:3]]
    more = "; …" if len(shown) > 3 else ""
    return (
        f"hint: {total} sheet(s) answer only part of the book ({'; '.join(parts)}{more}); "
        "grade each chapter's sheets with --chapter to mark them out of that chapter's points"
    )


def relettered_warning(path: Path, chapters: Sequence[str], why: str | None = None) -> str:
    """The line saying that a sheet's letters for some chapters are not those it was printed with, and why
    (:attr:`~checks.sheets.Sheet.relettered_by`): the bank changed since, or the variant on the sheet is not
    the one it was printed for, or either."""
    from checks.sheets import EITHER, VARIANT_CHANGED

    letters = f"warning: {escaped(str(path))}: the letters of {', '.join(chapters)}"
    if why == VARIANT_CHANGED:
        return (
            f"{letters} do not fit the variant on this sheet: the student or seed of its variant is not the one "
            "it was printed for (no chapter's letters fit it), so some answers may name other options; "
            "grade it with the student and seed it was printed for"
        )
    if why == EITHER:
        return (
            f"{letters} do not fit this sheet: either the student or seed of its variant is not the one it was "
            "printed for, or the bank has changed since it was printed, so some answers may name other options"
        )
    return (
        f"{letters} have changed since this sheet was printed, so some may now name other options; "
        "grade it with the version of the book that printed it"
    )


def letters_as_ids_warning(path: Path, count: int) -> str:
    """The line saying that a sheet that says nothing of its letters is read in option ids, though ``count`` of
    its answers are letters that the book prints beside other options (:attr:`~checks.sheets.Sheet.letters_as_ids`)."""
    return (
        f"warning: {escaped(str(path))}: the sheet's 'letters:' line is missing or empty, "
        "so it is read in option ids; in the "
        f"letters the book prints, {count} of its answers would name other options: if they were copied from the "
        "printed book, add the line 'letters: book'"
    )


def unread_warning(path: Path, exercises: Sequence[str]) -> str:
    """The line saying that some of a sheet's answers could not be read, and so score 0: an option's text
    written for its letter, a list for a matching's mapping (``checks grade`` marks each ``invalid``, with the
    shape it expects)."""
    from checks.files import first_few

    return (
        f"warning: {escaped(str(path))}: {len(exercises)} answer(s) could not be read and score 0 "
        f"({first_few(exercises)}); checks grade on this sheet shows the shape each one needs"
    )


def not_graded(sheets: int, unread: Sequence[Path]) -> str:
    """How many sheets could not be graded, for a command's closing line; and, apart, the paths given that could
    not be read (a folder mistyped, a zip file), which are no sheets: "1 could not be graded" for a folder
    mistyped would send an instructor looking for a student's broken sheet."""
    from checks.files import first_few

    said = f"{sheets} could not be graded"
    if unread:
        said += f", {len(unread)} path(s) given held no sheet ({first_few([escaped(str(p)) for p in unread])})"
    return said
