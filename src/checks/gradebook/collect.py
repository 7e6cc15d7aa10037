"""Collecting a class: every student graded with one shared grader, every failure kept.

:func:`collect` expands the arguments into sheet files (a file, or the sheets
in a folder, as ``checks grade`` does), reads each, and keeps a sheet that
cannot be read as a :class:`Failure` instead of stopping. The sheets of one
student (the web book downloads one per page) are merged, and each student is
graded once with one :class:`~checks.sheets.BookGrader` (so a class's repeated
answers are graded once) into one :class:`Graded` row: the responses and results in book order,
the scores and the total, which is all the gradebook needs. Where two of a
student's sheets answer the same exercise differently, the sheet handed in
last counts (:mod:`.merging` says which), and the exercise is noted; so are two
sheets that do not say when they were handed in and disagree.
Sheets without a name (the browser writes ``anonymous``) are never merged.
Graded on one chapter, sheets are still read against the whole book, so an
answer to another chapter is left out (and counted) rather than refused. Asked
to (``sheet_scope``, as the command does without ``--chapter``), the class is
graded on the chapters its sheets name (``chapters:``, as a chapter's blank sheet
carries it): every sheet read first, then graded on their union. When no sheet answers an
exercise of the chapters graded but some answer others (``answered_elsewhere``), the scope is
most likely a slip, which the command refuses rather than grading the class as zeros. On a
terminal, grading many files shows a progress bar on stderr; elsewhere it is
quiet.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from checks.files import Ours, Skipped, first_few, not_seen, sheet_paths
from checks.grading import Result
from checks.loading import Book
from checks.model import AnyExercise
from checks.printable import escaped
from checks.progress import progress_bar, shows_progress
from checks.reading import InputError
from checks.sheets import ANONYMOUS, BookGrader, answers_outside, read_sheet, student_order

from .merging import Clash, Read, counting, handed_in, merged, undated_clashes

_SCORE = attrgetter("score")
_STATUS = attrgetter("status")
_INVALID = "invalid"  # the status of an answer the grader could not read


@dataclass(frozen=True)
class Failure:
    """A sheet (or an argument) that could not be graded, and why: its first problem, and any others found with
    it (``more``: their lines and reasons, in line order), each in one line."""

    path: Path
    reason: str
    line: int | None = None
    more: tuple[tuple[int | None, str], ...] = ()
    student: str | None = None  # whose sheet it is, where it was read that far (InputError.student)
    argument: bool = False  # an argument that names no sheet (a folder mistyped), not a sheet refused

    @classmethod
    def of(cls, err: InputError) -> Failure:
        first, *others = err.problems
        more = tuple((each.line, each.problem) for each in others)
        return cls(err.path, first.problem, first.line, more, err.student)

    def __str__(self) -> str:
        """The first problem as ``checks grade`` reports it: ``file[:line]: reason``, as :class:`InputError`
        writes it."""
        return self._at(self.line, self.reason)

    def lines(self) -> list[str]:
        """Every problem as ``checks grade`` reports it, a line each."""
        return [str(self), *(self._at(line, reason) for line, reason in self.more)]

    def reasons(self) -> list[str]:
        """Every reason, those after the first with their line (``line 40: unknown exercise id …``), for a
        table whose row gives the file and the first line."""
        return [self.reason, *(f"line {line}: {reason}" if line else reason for line, reason in self.more)]

    def _at(self, line: int | None, reason: str) -> str:
        where = f"{self.path}:{line}" if line else str(self.path)
        return escaped(f"{where}: {reason}")


@dataclass(frozen=True)
class Graded:
    """One student's graded answers: the response to and result of every exercise of the book, in book order."""

    student: str
    paths: tuple[Path, ...]  # the student's sheets, in the order they were applied: a later one's answer counts
    responses: tuple[Any, ...]
    results: tuple[Result, ...]
    scores: tuple[float, ...]
    total: float
    overridden: tuple[str, ...] = ()  # exercises answered differently on two of the sheets


@dataclass(frozen=True)
class Collected:
    """A graded class: a row per student, sorted by name (:func:`~checks.sheets.student_order`), and the
    sheets that failed, by file.

    ``book`` holds the exercises graded: the whole book, or the chapter chosen.
    """

    book: Book
    graded: tuple[Graded, ...]
    failures: tuple[Failure, ...]
    # Sheets answering outside the chapters graded, how many answers that leaves out, and the chapters the sheet
    # is for when --chapter chose others (then listed even if it leaves nothing out, as ``checks grade`` says).
    left_out: tuple[tuple[Path, int, tuple[str, ...]], ...] = ()
    # Sheets whose letters for some chapters are not those they were printed with, those chapters, and why
    # (Sheet.relettered_by).
    relettered: tuple[tuple[Path, tuple[str, ...], str | None], ...] = ()
    chapter: str | None = None  # the chapter graded, when not the whole book
    named: tuple[tuple[str, ...], ...] = ()  # the chapters the sheets name, when the class is graded on them
    answered: tuple[str, ...] = ()  # graded on the whole book, the chapters the class answered, when not all
    # The chapters most students' sheets name, taken together for each student, and the students whose sheets
    # name others (in book order; () for none), by name, or by file for a sheet without one: two quizzes in
    # one folder, or a page left out. Each student handing in the same pages of the web book is not.
    usual: tuple[str, ...] = ()
    odd: tuple[tuple[str, tuple[str, ...]], ...] = ()
    skipped: tuple[Skipped, ...] = ()  # the files in the folders given that are not sheets, by folder and reason
    # When no sheet answers an exercise graded, the chapters the sheets answer instead, in book order; () when
    # some sheet answers one, or none answers anything (blank sheets score 0 on any chapter).
    answered_elsewhere: tuple[str, ...] = ()
    # Sheets without 'letters:' read in option ids, and how many of their answers graded are letters that the book
    # prints beside other options (Sheet.letters_as_ids). As for ``unread``, only the answers that count in the
    # student's row are counted.
    letters_as_ids: tuple[tuple[Path, int], ...] = ()
    # Pairs of one student's sheets without 'submitted' that answer differently, the later by file name counting.
    undated: tuple[Clash, ...] = ()
    # Sheets with answers graded that the grader could not read (an option's text for its letter, a list for a
    # mapping), scored 0 as ``checks grade`` marks them invalid: those exercises, in book order. Only the answers
    # that count in the student's row are told: one that a later sheet replaced scores nothing.
    unread: tuple[tuple[Path, tuple[str, ...]], ...] = ()
    # Sheets that answer nothing ('answers:' empty, or each id left blank as printed), each with its student: graded
    # 0, and perhaps the blank sheet handed in for the answers.
    blank: tuple[tuple[Path, str], ...] = ()

    @property
    def uneven(self) -> bool:
        """Whether the students' sheets, taken together for each student, name different chapters."""
        return bool(self.odd)

    @property
    def max_score(self) -> float:
        return sum(ex.points for _, ex in self.book.exercises())

    @property
    def sheets(self) -> int:
        """How many sheets were graded."""
        return sum(len(g.paths) for g in self.graded)

    @property
    def refused(self) -> int:
        """How many sheets could not be graded: the failures but the paths given that held no sheet."""
        return sum(not f.argument for f in self.failures)

    @property
    def unread_paths(self) -> list[Path]:
        """The paths given that held no sheet (a folder mistyped, a zip file): no sheet, nor anyone's."""
        return [f.path for f in self.failures if f.argument]

    def named_otherwise(self) -> str:
        """The first few students whose sheets name other chapters than most (:attr:`odd`), each with those
        chapters, and how many more: as the warning and the report name them."""
        return first_few([f"{who} ({', '.join(chapters) or 'no chapter'})" for who, chapters in self.odd])

    def merged(self) -> tuple[Graded, ...]:
        """The students who handed in more than one sheet."""
        return tuple(g for g in self.graded if len(g.paths) > 1)


def collect(
    items: Sequence[str],
    book: Book,
    *,
    whole: Book | None = None,
    stream: TextIO | None = None,
    progress: bool | None = None,
    sheet_scope: bool = False,
    ours: Ours | None = None,
) -> Collected:
    """Grade on ``book`` every sheet that ``items`` name, read against ``whole`` (the book ``book`` is a
    chapter of; by default ``book`` itself); ``progress=None`` shows a bar only on a terminal.

    With ``sheet_scope`` and ``book`` the whole book, the class is graded on the chapters that its
    sheets name (all of them, where sheets name different chapters), if any sheet names chapters. The
    gradebook's own folder (``ours``) is no part of the class, should it be among the sheets.
    """
    out = sys.stderr if stream is None else stream
    failures: list[Failure] = []
    paths: list[Path] = []
    skipped: dict[Skipped, None] = {}  # the files skipped in folders, each folder's once
    seen: set[str] = set()  # the real paths of the sheets taken
    for item in items:
        try:
            found, skips = sheet_paths(item, ours)
        except InputError as err:
            failures.append(replace(Failure.of(err), argument=True))
            continue
        skipped.update(dict.fromkeys(skips))
        # One argument's sheets are each named once already (sheet_paths): a lookup per sheet is spared.
        paths.extend(found if len(items) == 1 else not_seen(found, seen))
    show = progress if progress is not None else shows_progress(len(paths), out)
    whole = book if whole is None else whole
    chosen = book.chapter_ids if book is not whole else ()  # as --chapter chose
    sheet_scope = sheet_scope and book is whole
    reader = BookGrader(book)
    kept: list[_Kept] = []
    blank: list[tuple[Path, str]] = []
    names: dict[tuple[str, str], str] = {}
    elsewhere: set[str] = set()  # the chapters answered outside the chapters graded
    with progress_bar(len(paths), out, show, "grading", "sheets") as advance:
        for path in paths:
            try:
                sheet = read_sheet(path, whole, check_letters=False)  # its letters: see _student_row
            except InputError as err:
                failures.append(Failure.of(err))
            else:
                # Reduced while the sheet is at hand: the analysis reads these column by column.
                # One student whatever the case they typed their name or id in ("Ann Lee", "ann lee");
                # the row shows the spelling of the first sheet read.
                key = (sheet.student.casefold(), str(path) if is_anonymous(sheet.student) else "")
                names.setdefault(key, sheet.student)
                # No answer, or every exercise left as printed ("c3-next-step:" with nothing after it).
                if all(answer is None for answer in sheet.answers.values()):
                    blank.append((path, sheet.student))
                responses = reader.responses(sheet)
                # Read against the whole book, a sheet answers nothing outside it: only a chapter is asked.
                outside_ids = answers_outside(sheet, book) if book is not whole else []
                outside = len(outside_ids)
                elsewhere.update(_chapter_of(whole, k) for k in outside_ids)
                read = Read(path, sheet.submitted, responses, sheet.silent_on_letters)
                kept.append(_Kept(key, read, sheet.chapters, sheet.relettered, sheet.relettered_by, outside))
            advance()
    named = _named(kept, whole) if sheet_scope else ()
    narrowed: Callable[[Read], tuple[Read, int, set[str]]] | None = None
    if named:
        book = whole.only({chapter for chapters in named for chapter in chapters})
        narrowed = _narrowing(whole, book)
    grader = BookGrader(book) if book is not reader.book else reader
    graded_chapters = {bank.chapter for bank in book.banks}
    left_out: list[tuple[Path, int, tuple[str, ...]]] = []
    relettered: list[tuple[Path, tuple[str, ...], str | None]] = []
    noted = _Found([ex.id for _, ex in book.exercises()])
    students: dict[tuple[str, str], list[Read]] = {}
    named_by: dict[tuple[str, str], set[str]] = {}  # the chapters each student's sheets name, together
    in_scope = False  # whether any sheet answers an exercise graded
    for sheet_read in kept:
        read, outside = sheet_read.read, sheet_read.outside
        if narrowed is not None:
            read, outside, dropped = narrowed(read)
            elsewhere.update(dropped)
        in_scope = in_scope or any(response is not None for response in read.responses)
        if chosen and sheet_read.chapters and sheet_read.chapters != chosen:
            left_out.append((read.path, outside, sheet_read.chapters))
        elif outside:
            left_out.append((read.path, outside, ()))
        changed = tuple(chapter for chapter in sheet_read.relettered if chapter in graded_chapters)
        if changed:
            relettered.append((read.path, changed, sheet_read.relettered_by))
        students.setdefault(sheet_read.key, []).append(read)
        named_by.setdefault(sheet_read.key, set()).update(sheet_read.chapters)
    exercises = [ex for _, ex in book.exercises()]
    graded = [_student_row(names[key], read, grader, exercises, noted) for key, read in students.items()]
    graded.sort(key=lambda g: (*student_order(g.student), str(g.paths[0])))
    failures.sort(key=lambda f: str(f.path))
    left_out.sort(key=lambda pair: str(pair[0]))
    relettered.sort(key=lambda pair: str(pair[0]))
    blank.sort(key=lambda pair: str(pair[0]))
    noted.copied.sort(key=lambda pair: str(pair[0]))
    noted.unread.sort(key=lambda pair: str(pair[0]))
    noted.undated.sort(key=lambda clash: student_order(clash.student))  # each student's in the order handed in
    chapter = book.chapters if book is not whole else None
    answered = _answered(kept, whole) if sheet_scope and not named else ()
    usual, odd = _odd_ones(named_by, names, whole)
    return Collected(
        book,
        tuple(graded),
        tuple(failures),
        tuple(left_out),
        tuple(relettered),
        chapter,
        named,
        answered,
        usual=usual,
        odd=odd,
        skipped=tuple(skipped),
        answered_elsewhere=() if in_scope else tuple(c for c in whole.chapter_ids if c in elsewhere),
        letters_as_ids=tuple(noted.copied),
        unread=tuple(noted.unread),
        undated=tuple(noted.undated),
        blank=tuple(blank),
    )


def _chapter_of(book: Book, exercise_id: str) -> str:
    """The chapter of an exercise the sheet was read against, and so found in ``book``."""
    found = book.find(exercise_id)
    assert found is not None
    return found[0].chapter


class _Kept(NamedTuple):
    """A sheet read, kept until the chapters to grade on are known."""

    key: tuple[str, str]  # the student's
    read: Read
    chapters: tuple[str, ...]  # the chapters the sheet names
    relettered: tuple[str, ...]  # the chapters whose letters are not those the sheet was printed with
    relettered_by: str | None  # why (Sheet.relettered_by)
    outside: int  # how many of its answers are outside the chapters graded


def _named(kept: Sequence[_Kept], whole: Book) -> tuple[tuple[str, ...], ...]:
    """The different chapters the sheets name, in book order."""
    order = {bank.chapter: i for i, bank in enumerate(whole.banks)}
    return tuple(sorted({k.chapters for k in kept if k.chapters}, key=lambda chapters: [order[c] for c in chapters]))


def _odd_ones(
    named_by: dict[tuple[str, str], set[str]], names: dict[tuple[str, str], str], whole: Book
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The chapters most students' sheets name together, and the students whose sheets name others, by name.

    A tie goes to the chapters first in the book, so that a rerun names the same students.
    """
    order = {bank.chapter: i for i, bank in enumerate(whole.banks)}
    by_student = {key: tuple(sorted(chapters, key=order.__getitem__)) for key, chapters in named_by.items()}
    counts: dict[tuple[str, ...], int] = {}
    for chapters in by_student.values():
        counts[chapters] = counts.get(chapters, 0) + 1
    if len(counts) < 2:
        return (), ()
    usual = min(counts, key=lambda chapters: (-counts[chapters], [order[c] for c in chapters]))
    # In the order of grades.csv; a sheet without a name is known by its file.
    keys = sorted(
        (key for key, chapters in by_student.items() if chapters != usual),
        key=lambda key: (*student_order(names[key]), key[1]),
    )
    return usual, tuple((key[1] or names[key], by_student[key]) for key in keys)


def _narrowing(whole: Book, part: Book) -> Callable[[Read], tuple[Read, int, set[str]]]:
    """A sheet's responses to the whole book narrowed to ``part`` of it, how many answers that leaves out, and
    the chapters of those answers."""
    inside = {bank.chapter for bank in part.banks}
    kept: list[int] = []
    dropped: list[int] = []
    chapters: list[str] = []  # the chapter of each exercise, in book order
    for i, (bank, _) in enumerate(whole.exercises()):
        (kept if bank.chapter in inside else dropped).append(i)
        chapters.append(bank.chapter)

    def narrowed(read: Read) -> tuple[Read, int, set[str]]:
        responses = read.responses
        outside = sum(responses[i] is not None for i in dropped)
        left_out = {chapters[i] for i in dropped if responses[i] is not None} if outside else set()
        return read._replace(responses=tuple(responses[i] for i in kept)), outside, left_out

    return narrowed


def _answered(kept: Sequence[_Kept], whole: Book) -> tuple[str, ...]:
    """The chapters the class answered, in book order, when it answered some but not all; else ()."""
    spans, start = [], 0
    for bank in whole.banks:
        spans.append((bank.chapter, start, start + len(bank.exercises)))
        start += len(bank.exercises)
    unanswered = spans
    for k in kept:  # a class that answers the whole book has answered every chapter after a few sheets
        responses = k.read.responses
        unanswered = [(c, a, b) for c, a, b in unanswered if all(r is None for r in responses[a:b])]
        if not unanswered:
            return ()
    answered = {c for c, a, b in spans if (c, a, b) not in unanswered}
    return tuple(chapter for chapter in dict.fromkeys(c for c, _, _ in spans) if chapter in answered)


def is_anonymous(student: str) -> bool:
    """A sheet handed in without a name, which says nothing about whose it is."""
    return student.casefold() == ANONYMOUS


@dataclass
class _Found:
    """What grading the students finds about their sheets, each sheet with its file."""

    ids: list[str]  # the exercises graded, in book order
    # Sheets in ids that answer with letters the book prints beside other options, and how many
    # (:attr:`~checks.sheets.Sheet.letters_as_ids`).
    copied: list[tuple[Path, int]] = field(default_factory=list)
    unread: list[tuple[Path, tuple[str, ...]]] = field(default_factory=list)  # Collected.unread
    undated: list[Clash] = field(default_factory=list)  # Collected.undated
    at: dict[str, int] = field(init=False)  # each exercise's place in ids

    def __post_init__(self) -> None:
        self.at = {exercise: i for i, exercise in enumerate(self.ids)}


def _student_row(
    student: str, sheets: list[Read], grader: BookGrader, exercises: list[AnyExercise], found: _Found
) -> Graded:
    """One student's row, graded once: their sheet, or their sheets merged in the order handed in. What each sheet
    holds that needs a look is added to ``found``: found by the grader, once per distinct answer, and on the results
    the row is graded with, so that a class of single sheets is not graded twice."""
    if len(sheets) > 1:
        sheets = handed_in(sheets)
    responses, overridden = merged(sheets, exercises)
    if overridden:
        found.undated.extend(undated_clashes(student, sheets, exercises, overridden))
    keys = grader.keys(responses)
    results = grader.results_of(responses, keys)
    statuses = list(map(_STATUS, results))
    if _INVALID in statuses:  # looked for, and picked, in C: a class may have an answer out of shape on each sheet
        if len(sheets) == 1:
            found.unread.append((sheets[0].path, tuple(compress(found.ids, map(_INVALID.__eq__, statuses)))))
        else:
            found.unread.extend(_unread_by_sheet(sheets, statuses, found.ids))
    if any(sheet.in_ids for sheet in sheets):  # the row's answers, as they count: a replaced one is not looked at
        copied = grader.letters_as_ids(responses, keys)
        if copied:
            if len(sheets) == 1:
                found.copied.append((sheets[0].path, len(copied)))
            else:
                found.copied.extend(_copied_by_sheet(sheets, copied, found.at))
    scores = tuple(map(_SCORE, results))
    differ = tuple(exercises[i].id for i in overridden)
    return Graded(student, tuple(r.path for r in sheets), responses, results, scores, sum(scores), differ)


def _unread_by_sheet(
    sheets: Sequence[Read], statuses: Sequence[str], ids: Sequence[str]
) -> list[tuple[Path, tuple[str, ...]]]:
    """The answers of a merged row that could not be read, each told of on the sheet whose answer counts (the last
    to answer it, as :func:`.merging.merged` takes them): an answer a later sheet replaced does not count."""
    by_sheet: dict[int, list[str]] = {}
    for i, status in enumerate(statuses):
        if status == _INVALID:
            by_sheet.setdefault(counting(sheets, i), []).append(ids[i])
    return [(sheets[n].path, tuple(exercises)) for n, exercises in sorted(by_sheet.items())]


def _copied_by_sheet(sheets: Sequence[Read], copied: Sequence[str], at: dict[str, int]) -> list[tuple[Path, int]]:
    """The answers of a merged row that are letters the book prints beside other options, counted on the sheet
    whose answer counts, where that sheet is read in ids: one in the book's letters was read as such."""
    by_sheet: dict[int, int] = {}
    for exercise in copied:
        n = counting(sheets, at[exercise])
        if sheets[n].in_ids:
            by_sheet[n] = by_sheet.get(n, 0) + 1
    return [(sheets[n].path, count) for n, count in sorted(by_sheet.items())]


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
