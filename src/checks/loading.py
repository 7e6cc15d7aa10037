"""Loading banks: one validated :class:`~checks.model.Bank` per file, or every problem at once.

Validation happens here, once. Structural rules come from the model; the rules
that span exercises (ids unique in a bank and across the book, objectives that
exist) are checked on the raw data, so that a file with both kinds of mistake
reports all of them in one run. Each problem names the file, the line and the
exercise id. Nothing half-valid is returned: a bank with a problem raises. What the model cannot
judge (the sources against a bibliography, a chapter's name against its file's) is checked on every
file that could be read (:class:`Draft`), valid or not, so that an author meets no second round of errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from checks.id_owners import Use, chapter_number, id_prefix, shared_ids
from checks.model import (
    CHAPTER_PATTERN,
    KEY_PATTERN,
    KINDS,
    SLUG_PATTERN,
    AnyExercise,
    Bank,
    Item,
    ModelError,
    Objective,
    Option,
    PartError,
    PartErrors,
    Stem,
    WrongAnswer,
    option_by_text,
)
from checks.printable import UNCARRIED
from checks.reading import CUT_BY_COMMENT, UNREADABLE, Document, InputError, Loc, read_document
from checks.suggest import FIELD_CUTOFF, closest, did_you_mean, hint

MAX_BANK_BYTES = 5_000_000
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_\-\[\]]+")  # field names, slugs and pydantic's "[key]"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank."""

    path: Path
    line: int | None
    exercise_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        shown = self.exercise_id if (self.exercise_id or "").isprintable() else repr(self.exercise_id)
        who = f" [{shown}]" if self.exercise_id else ""
        return f"{where}:{who} {self.message}"


class BankError(Exception):
    """A bank, or a set of banks, that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Book:
    """Every bank of a book, with exercises found by id."""

    banks: tuple[Bank, ...]
    paths: tuple[Path, ...]

    def __post_init__(self) -> None:
        index = {e.id: (b, e) for b in self.banks for e in b.exercises}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_ids", frozenset(index))

    @property
    def ids(self) -> frozenset[str]:
        """Every exercise id of the book."""
        return self._ids  # type: ignore[attr-defined,no-any-return]

    @property
    def chapter_ids(self) -> tuple[str, ...]:
        """The chapters' names in book order, each once."""
        return tuple(dict.fromkeys(b.chapter for b in self.banks))

    @property
    def chapters(self) -> str:
        """The chapters' names, as messages list them: "03-how-cancer-spreads, 04-diagnosis"."""
        return ", ".join(b.chapter for b in self.banks)

    def find(self, exercise_id: str) -> tuple[Bank, AnyExercise] | None:
        found: tuple[Bank, AnyExercise] | None = self._index.get(exercise_id)  # type: ignore[attr-defined]
        return found

    def exercises(self) -> Iterator[tuple[Bank, AnyExercise]]:
        for bank in self.banks:
            for exercise in bank.exercises:
                yield bank, exercise

    def select(self, chapter: str | None) -> Book:
        """The banks of one chapter (docname, file stem, or number such as ``3``)."""
        if chapter is None:
            return self
        chosen = [(b, p) for b, p in zip(self.banks, self.paths, strict=True) if _is_chapter(b, p, chapter)]
        if not chosen:
            names = [n for b, p in zip(self.banks, self.paths, strict=True) for n in (b.chapter, _title_part(p))]
            raise KeyError(f"no chapter {chapter!r}{did_you_mean(chapter, names)} (chapters: {self.chapters})")
        named = list(dict.fromkeys(b.chapter for b, _ in chosen))
        if len(named) > 1:  # two files numbered alike (03-a, 03-b): the number names neither
            raise KeyError(f"{chapter!r} names {len(named)} chapters ({', '.join(named)}): name one by its name")
        return Book(tuple(b for b, _ in chosen), tuple(p for _, p in chosen))

    def only(self, chapters: Collection[str]) -> Book:
        """The banks of these chapters (named as the banks name them), in book order."""
        chosen = [(b, p) for b, p in zip(self.banks, self.paths, strict=True) if b.chapter in chapters]
        return Book(tuple(b for b, _ in chosen), tuple(p for _, p in chosen))

    def option(self, chapter: str) -> str:
        """The shortest ``--chapter`` that chooses this chapter: its number (``3``) where its file has one."""
        for bank, path in zip(self.banks, self.paths, strict=True):
            if bank.chapter == chapter:
                number = chapter_number(path.stem)
                if number is not None and _chosen(self, str(number)) == chapter:
                    return str(number)
        return chapter


def _chosen(book: Book, chapter: str) -> str | None:
    """The chapter of ``book`` that ``chapter``, as ``--chapter`` takes it, chooses; None for none or several."""
    try:
        return book.select(chapter).chapters
    except KeyError:
        return None


def _is_chapter(bank: Bank, path: Path, chapter: str) -> bool:
    # A chapter is named as its bank or file names it, by its number ("3"), or by its name without
    # the number ("how-cancer-spreads"), as one would say it.
    if chapter in (bank.chapter, path.stem, path.name, _title_part(path)):
        return True
    return chapter.isdigit() and int(chapter) == chapter_number(path.stem)


def _title_part(path: Path) -> str:
    """The file's name without its leading number: ``how-cancer-spreads`` for ``03-how-cancer-spreads.yaml``."""
    number, _, rest = path.stem.partition("-")
    return rest if number.isdigit() and rest else path.stem


def load_bank(path: Path) -> Bank:
    """Read and validate one bank file."""
    bank, _, problems = _read_bank(path)
    if problems:
        raise BankError(problems)
    assert bank is not None
    return bank


@dataclass(frozen=True)
class Draft:
    """A bank file as read, valid or not: what can still be checked beyond the model (its sources, the keys its
    texts cite, its chapter's name) while it has other problems, so that one run reports all of them."""

    path: Path
    doc: Document
    refused: frozenset[Loc]  # where the model refused a value, which is reported already

    def text(self, loc: Loc) -> str | None:
        """The text at ``loc``, unless it is missing, not text, or refused by the model."""
        value = _raw(self.doc.data, loc)
        return value if isinstance(value, str) and loc not in self.refused else None

    def exercises(self) -> Iterator[tuple[int, dict[Any, Any]]]:
        """Each exercise written as a mapping, with its place in the list."""
        exercises = self.doc.data.get("exercises")
        for i, exercise in enumerate(exercises if isinstance(exercises, list) else ()):
            if isinstance(exercise, dict):
                yield i, exercise

    def exercise_id(self, i: int) -> str | None:
        """The id of the ``i``-th exercise as written, for messages: refused or not, it is the author's name for it."""
        return _exercise_id(self.doc, ("exercises", i))


def _read_bank(path: Path) -> tuple[Bank | None, Draft | None, list[Problem]]:
    """The bank when it is valid, the file as read when it is a mapping, and every problem of the file."""
    try:
        # A value YAML cannot read (a date such as 2026-11-31) or a duplicate key is one mistake among others.
        doc = read_document(path, max_bytes=MAX_BANK_BYTES, keep_going=True, exponents=True, fields=_ALL_FIELDS)
    except InputError as err:
        return None, None, [_reading_problem(path, err)]
    if not isinstance(doc.data, dict):
        message = "a bank must be a mapping with 'chapter', 'title', 'objectives' and 'exercises'"
        return None, None, [Problem(path, 1, None, message)]
    problems = [_reading_problem(path, err, doc) for err in doc.problems]
    problems += _cross_problems(doc)
    problems += _cut_texts(doc)
    problems += _control_texts(doc)
    problems += _unclosed_roles(doc)
    refused: frozenset[Loc] = frozenset()
    bank: Bank | None = None
    try:
        bank = Bank.model_validate(doc.data)
    except ValidationError as err:
        problems[:0] = _model_problems(doc, err)
        errors = [one for error in err.errors(include_url=False) for one in _each(error)]
        refused = frozenset(loc for e in errors for loc in (_model_loc(e), _located(e)))
    problems.sort(key=lambda p: (p.line or 0, p.message))
    # Nothing half-valid is used: a bank with a problem is no bank.
    return (None if problems else bank), Draft(path, doc, refused), problems


FOLDER_SUFFIXES = (".yaml", ".yml")  # a folder's banks; a JSON bank is read when named on its own


def bank_files(path: Path) -> list[Path]:
    """The bank files at ``path``: the file itself, or the YAML files in a folder."""
    if path.is_dir():
        # In any case of letters, as sheets are read: an editor on another system may save "bank.YAML".
        return sorted(p for p in path.iterdir() if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file())
    return [path]


def unread_json(paths: Iterable[Path]) -> list[Path]:
    """The JSON files in the folders among ``paths``, which a folder's reading leaves out: an author who wrote a
    bank as JSON there is told so, where it was missed without a word."""
    return sorted(f for p in paths if p.is_dir() for f in p.iterdir() if f.suffix.lower() == ".json" and f.is_file())


@dataclass(frozen=True)
class Reading:
    """Every bank file of a book as read: the valid banks, each file read as a mapping (valid or not), and every
    problem found, file by file."""

    book: Book
    drafts: tuple[Draft, ...]
    problems: tuple[Problem, ...]
    files: tuple[Path, ...]  # every bank file, in the order read
    clashing: frozenset[Path]  # the files the book leaves out for an id or a chapter another file has

    def in_order(self, problems: Iterable[Problem]) -> list[Problem]:
        """``problems`` by file, in the order the files were read, and by line in each."""
        return _in_file_order(self.files, problems)


def _in_file_order(files: Iterable[Path], problems: Iterable[Problem]) -> list[Problem]:
    order = {path: i for i, path in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.path, len(order)), p.line or 0))


def load_book(paths: Iterable[Path]) -> Book:
    """Load every bank, checking that exercise ids are unique across the book."""
    reading = read_book(paths)
    if reading.problems:
        raise BankError(list(reading.problems))
    return reading.book


JSON_LEFT_OUT = (
    f"a folder's banks are its YAML files ({', '.join(FOLDER_SUFFIXES)}); a JSON bank is read when named on its own"
)
_NO_BANKS = f"no bank files ({', '.join('*' + suffix for suffix in FOLDER_SUFFIXES)}) found"


def _no_banks(path: Path) -> str:
    json = unread_json([path])
    if not json:
        return _NO_BANKS
    shown = ", ".join(f.name for f in json[:3]) + (", …" if len(json) > 3 else "")
    return f"{_NO_BANKS}, only JSON ({shown}): {JSON_LEFT_OUT}"


def read_book(paths: Iterable[Path]) -> Reading:
    """Read every bank, valid or not, checking that chapters and exercise ids are unique across the book.

    Raises :class:`BankError` only when there is nothing to read: a path that does not exist, or no bank file.
    """
    paths = list(paths)
    missing = [Problem(p, None, None, "no such file or folder") for p in paths if not p.exists()]
    if missing:
        raise BankError(missing)
    files = [f for p in paths for f in bank_files(p)]
    if not files:
        raise BankError([Problem(Path(str(p)), None, None, _no_banks(p)) for p in paths])
    loaded: list[tuple[Bank, Path]] = []
    drafts: list[Draft] = []
    problems: list[Problem] = []
    uses: list[tuple[str, Use]] = []  # each exercise id with one bank's use of it, in reading order
    chapters: dict[str, list[Path]] = {}  # chapter -> the files of its banks
    for file in files:
        bank, draft, found = _read_bank(file)
        problems.extend(found)
        if bank is not None:
            loaded.append((bank, file))
        if draft is None:
            continue
        drafts.append(draft)
        # Checked on every bank that could be read, valid or not, so that one run reports them with the rest.
        chapter = draft.text(("chapter",))
        # One bank per chapter: the build finds a chapter's bank by its name, and would miss the second.
        if chapter is not None and chapter in chapters:
            problems.append(
                Problem(
                    file,
                    draft.doc.line_of(("chapter",)),
                    None,
                    f"chapter {chapter!r} already has a bank, {chapters[chapter][0]}:"
                    " a chapter's exercises and objectives belong in one file",
                )
            )
        if chapter is not None:
            chapters.setdefault(chapter, []).append(file)
        here: set[str] = set()  # an id repeated in its own bank is reported with the bank's problems, as such
        for i, _ in draft.exercises():
            exercise_id = draft.text(("exercises", i, "id"))
            if exercise_id is not None and exercise_id not in here:
                here.add(exercise_id)
                uses.append((exercise_id, Use(file, draft.doc.line_of(("exercises", i, "id")), chapter)))
    shared = shared_ids(uses)
    problems += [Problem(use.path, use.line, s.exercise_id, told) for s in shared for use, told in s.messages()]
    # Which of two banks of one chapter, or of banks sharing an id no chapter of theirs owns, was meant is the
    # author's call, and a page must not show one chapter's exercise as another's: the build leaves them out.
    clashing = {use.path for s in shared for use in s.left_out}
    clashing.update(path for paths in chapters.values() if len(paths) > 1 for path in paths)
    book = Book(tuple(b for b, _ in loaded), tuple(f for _, f in loaded))
    in_order = tuple(_in_file_order(files, problems))
    return Reading(book, tuple(drafts), in_order, tuple(files), frozenset(clashing))


def chapter_mismatch(chapter: str, path: Path) -> str | None:
    """What is wrong when a bank's ``chapter`` is not its file's name, else None.

    A page finds its bank by the page's name, and the book gives a chapter's page, bank file and
    ``chapter`` one name: the page named after the file finds no bank, and the build says so with this.
    A page in a folder (``part-1/03-x``) has its bank file named after the page alone.
    """
    if chapter.rsplit("/", 1)[-1] == path.stem:
        return None
    return f"chapter {chapter!r} is not the file's name {path.stem!r}"


def chapter_problems(drafts: Iterable[Draft]) -> list[Problem]:
    """A problem for each bank whose ``chapter`` is not its file's name, at the line of its ``chapter``: every
    bank read, valid or not."""
    problems = []
    for draft in drafts:
        chapter = draft.text(("chapter",))
        mismatch = chapter_mismatch(chapter, draft.path) if chapter is not None else None
        if mismatch is not None:
            line = draft.doc.line_of(("chapter",))
            advice = "a chapter's page, bank file and 'chapter' share one name: correct the one that is wrong"
            problems.append(Problem(draft.path, line, None, f"{mismatch}; {advice}"))
    return problems


def number_problems(drafts: Iterable[Draft]) -> list[Problem]:
    """A problem for each bank whose chapter begins with the number of an earlier one, at the line of its
    ``chapter``: sheets, keys and exports number a chapter's exercises by it (3.1, 3.2 …), whatever folder its page
    is in, so one number would name two exercises, and the book numbers the second chapter otherwise."""
    first: dict[int, tuple[Path, str]] = {}
    problems = []
    for draft in drafts:
        chapter = draft.text(("chapter",))
        number = chapter_number(chapter) if chapter is not None else None
        if chapter is None or number is None:
            continue
        earlier, named = first.setdefault(number, (draft.path, chapter))
        if earlier != draft.path and named != chapter:  # one chapter in two files is told as such, by read_book
            problems.append(
                Problem(
                    draft.path,
                    draft.doc.line_of(("chapter",)),
                    None,
                    f"chapter {chapter!r} begins with {number}, as the chapter of {earlier} does: sheets and keys"
                    f" number a chapter's exercises by it ({number}.1, {number}.2 …), so give each chapter its own"
                    " number, the place its page has in the book's table of contents",
                )
            )
    return problems


def book_chapter_problems(book: Book) -> list[Problem]:
    """:func:`chapter_problems` of a valid book, as the build checks it in every build: a file is read again
    only when its ``chapter`` is wrong, for the line to name."""
    return chapter_problems(
        Draft(path, read_document(path, max_bytes=MAX_BANK_BYTES, exponents=True), frozenset())
        for bank, path in zip(book.banks, book.paths, strict=True)
        if chapter_mismatch(bank.chapter, path) is not None
    )


def stale_exercises(book: Book, today: dt.date, max_age_days: int) -> list[tuple[Path, AnyExercise]]:
    """Exercises whose content was last reviewed more than ``max_age_days`` ago."""
    limit = today - dt.timedelta(days=max_age_days)
    return [
        (path, exercise)
        for bank, path in zip(book.banks, book.paths, strict=True)
        for exercise in bank.exercises
        if exercise.reviewed < limit
    ]


def _exercise_id(doc: Document, loc: Loc) -> str | None:
    if len(loc) >= 2 and loc[0] == "exercises" and isinstance(loc[1], int):
        exercises = doc.data.get("exercises")
        if isinstance(exercises, list) and loc[1] < len(exercises) and isinstance(exercises[loc[1]], dict):
            value = exercises[loc[1]].get("id")
            return value if isinstance(value, str) else None
    return None


def _reading_problem(path: Path, err: InputError, doc: Document | None = None) -> Problem:
    """A value YAML could not read (a date such as 2026-13-01, a duplicate key), with its exercise and field;
    a line it could not parse (a tab, an indentation), with the exercise it stands in. ``doc``: the file's data,
    read past the value, which names the exercise."""
    loc = err.loc or ()
    ex_id = err.around.get((*loc[:2], "id")) if loc[:1] == ("exercises",) and len(loc) >= 2 else None
    if doc is not None:
        ex_id = _exercise_id(doc, loc)
    if err.loc is None and err.line is not None:
        ex_id = _exercise_written_above(path, err.line)
    where = dotted(loc[2:] if loc[:1] == ("exercises",) else loc)
    return Problem(path, err.line, ex_id, f"{where}: {err.problem}" if where else err.problem)


_WRITTEN_ID = re.compile(r"^(\s*)-\s+(?:\{\s*)?id:\s*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?\s*(?:[,}#]|$)")


def _exercise_written_above(path: Path, line: int) -> str | None:
    """The id of the exercise that line ``line`` of a bank YAML could not parse stands in, read as text:
    the last ``- id:`` above it, after ``exercises:``, at the exercises' own indentation (not an option's)."""
    written = exercise_ids_as_text(path, line)
    return written[-1] if written else None


def exercise_ids_as_text(path: Path, lines: int | None = None) -> list[str]:
    """The exercise ids a bank file writes, read as text, so from a file YAML cannot read too: each ``- id:``
    after ``exercises:`` at the exercises' own indentation (not an option's), in the first ``lines`` lines."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()[:lines]
    except OSError:
        return []
    start = next((i for i, line in enumerate(text) if line.startswith("exercises:")), None)
    if start is None:
        return []
    found = [(len(m.group(1)), m.group(2)) for line in text[start + 1 :] if (m := _WRITTEN_ID.match(line))]
    shallowest = min((indent for indent, _ in found), default=None)
    return [name for indent, name in found if indent == shallowest]


def _model_problems(doc: Document, err: ValidationError) -> Iterator[Problem]:
    errors = [one for error in err.errors(include_url=False) for one in _each(error)]
    locs = [tuple(e["loc"]) for e in errors]
    located = [(e, _located(e)) for e in errors]
    # A misspelled field is both unknown and missing: say it once, as a likely slip.
    unknown = [loc for e, loc in located if e["type"] == "extra_forbidden"]
    # A field written too far left, after the last entry of a list (an exercise's 'reviewed' after the last
    # exercise), is that entry's, not a misspelling: said once, as such.
    above = _fields_of_entry_above(doc, unknown)
    meant = {loc: field for loc, field in _meant_fields(doc, unknown).items() if loc not in above}
    for (error, loc), raw in zip(located, locs, strict=True):
        # A value YAML could not read is reported as such already.
        if UNREADABLE in (_raw(doc.data, _model_loc(error)), _raw(doc.data, (*loc, "kind"))):
            continue
        # "too short after validation" only echoes the failure of an element inside it.
        if error["type"] == "too_short" and any(o[: len(raw)] == raw and len(o) > len(raw) for o in locs):
            continue
        if error["type"] == "missing" and (loc in meant.values() or loc in above.values()):
            continue
        if error["type"] == "union_tag_not_found" and (slip := _kind_slip(error["input"])):
            loc = (*loc, slip)  # 'knid: single' or 'type: single': point at it
            meant[loc] = (*loc[:-1], "kind")
        if error["type"] == "union_tag_invalid":
            loc = (*loc, "kind")  # 'kind: singel': point at it
        line = doc.field_line(loc)
        written = _Written.of(doc, _model_loc(error))
        options = _options_named(doc, loc)
        message = _message(error, loc, meant.get(loc), written, options) + _first_place(doc, error, line)
        if error["type"] == "extra_forbidden" and loc in above:
            message += _entry_above(doc, above[loc][:-1])
        elif error["type"] == "extra_forbidden" and loc not in meant:
            message += _other_kinds(doc, loc)
        yield Problem(doc.path, line, _exercise_id(doc, loc), message)


def _each(error: Any) -> list[Any]:
    """The error, or each of the errors a validator found together, as pydantic would give one alone."""
    cause = (error.get("ctx") or {}).get("error")
    if not isinstance(cause, PartErrors):
        return [error]
    return [{**error, "msg": f"Value error, {one}", "ctx": {**error["ctx"], "error": one}} for one in cause.errors]


def _located(error: Any) -> Loc:
    """Where in the bank the error is, as the file has it."""
    loc = _model_loc(error)
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, PartError):
        # A model's rule about one of its parts: point at the part, which may be another field's.
        loc = (loc[:-1] if cause.of_model else loc) + cause.part
    elif isinstance(cause, ModelError):
        loc = loc[:-1]  # a rule of the whole model, found with one of its fields: point at the model
    return loc


def _model_loc(error: Any) -> Loc:
    """Where the model (or field) that raised the error is, as the file has it."""
    loc: Loc = tuple(error["loc"])
    if len(loc) > 2 and loc[0] == "exercises" and loc[2] in KINDS:
        loc = loc[:2] + loc[3:]  # drop the union tag pydantic inserts
    return loc


def _first_place(doc: Document, error: Any, line: int | None) -> str:
    """For a part that repeats another (an id written twice), where the other is: `` (first used on line 12)``.

    Nothing when the other is on the part's own ``line`` (a list written on one line).
    """
    cause = (error.get("ctx") or {}).get("error")
    if not (isinstance(cause, PartError) and cause.first is not None):
        return ""
    loc = _model_loc(error)
    first = doc.field_line((loc[:-1] if cause.of_model else loc) + cause.first)
    return f" (first used on line {first})" if first and first != line else ""


def _meant_fields(doc: Document, unknown: list[Loc]) -> dict[Loc, Loc]:
    """For each unknown field that is a close spelling of a field not given beside it, that field's loc."""
    meant: dict[Loc, Loc] = {}
    for loc in unknown:
        if len(loc) == 3 and loc[0] == "exercises" and loc[2] in _EXERCISE_FIELDS:
            continue  # a field of another kind, written as it should be: the kind is the slip (_other_kinds)
        given = _raw(doc.data, loc[:-1])
        if not isinstance(given, dict):
            continue
        names = [n for n in _field_names(doc.data, loc[:-1]) if n not in given]
        close = closest(str(loc[-1]), names, FIELD_CUTOFF)
        if close is not None and (field := (*loc[:-1], close)) not in meant.values():
            meant[loc] = field
    return meant


def _fields_of_entry_above(doc: Document, unknown: list[Loc]) -> dict[Loc, Loc]:
    """For each unknown field written just after a list whose last entry lacks that field and allows it, the
    field's place in that entry: ``reviewed`` at the start of its line after the bank's last exercise."""
    found: dict[Loc, Loc] = {}
    for loc in unknown:
        given = _raw(doc.data, loc[:-1])
        keys = list(given) if isinstance(given, dict) else []
        at = keys.index(loc[-1]) if loc[-1] in keys else 0
        before = given[keys[at - 1]] if at > 0 else None
        if not (isinstance(before, list) and before and isinstance(before[-1], dict)) or loc[-1] in before[-1]:
            continue
        entry = (*loc[:-1], keys[at - 1], len(before) - 1)
        if str(loc[-1]) in _field_names(doc.data, entry):
            found[loc] = (*entry, loc[-1])
    return found


def _entry_above(doc: Document, entry: Loc) -> str:
    """What to do with a field of ``entry`` (an exercise, an option …) written after it, less indented."""
    noun = _RECORDS.get(str(entry[-2]), ("entry", ""))[0]
    name = _raw(doc.data, (*entry, "id"))
    who = f"{noun} {name!r}" if isinstance(name, str) and name.isprintable() else f"the {noun}"
    return f" (it looks like a field of {who} above it: indent it like the {noun}'s other fields)"


def _other_kinds(doc: Document, loc: Loc) -> str:
    """For a field of an exercise that only other kinds have, which kinds have it: the kind may be the slip."""
    if not (len(loc) == 3 and loc[0] == "exercises"):
        return ""
    exercise = _raw(doc.data, loc[:2])
    kind = exercise.get("kind") if isinstance(exercise, dict) else None
    having = [k for k, m in _BY_KIND.items() if str(loc[2]) in m.model_fields and k != kind]
    if not having or kind not in _BY_KIND:
        return ""
    kinds = " or ".join([", ".join(having[:-1]), having[-1]] if len(having) > 1 else having)
    return f" (a field of kind {kinds}; this exercise's kind is {kind})"


def _kind_slip(exercise: Any) -> str | None:
    """The key of an exercise without 'kind' that looks meant as its kind, if any."""
    if not isinstance(exercise, dict):
        return None
    keys = [str(k) for k in exercise if str(k) not in _EXERCISE_FIELDS]
    return "type" if "type" in keys else closest("kind", keys, FIELD_CUTOFF)


def _raw(data: Any, loc: Loc) -> Any:
    for part in loc:
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if not found:
            return None
        data = data[part]
    return data


def _field_names(data: Any, loc: Loc) -> Iterable[str]:
    """The fields the model allows at ``loc`` (a mapping in the bank)."""
    model: type[BaseModel] | None = None
    if loc == ():
        model = Bank
    elif len(loc) == 2 and loc[0] == "objectives":
        model = Objective
    elif len(loc) >= 2 and loc[0] == "exercises":
        exercise = _raw(data, loc[:2])
        kind = exercise.get("kind") if isinstance(exercise, dict) else None
        models = [m for k, m in _BY_KIND.items() if k == kind] or list(_BY_KIND.values())
        if len(loc) == 2:
            return {name for m in models for name in m.model_fields}
        if len(loc) == 4:
            field = loc[2]
            model = _PART_MODELS.get((str(kind), str(field))) or _PART_MODELS.get(("", str(field)))
    return model.model_fields if model else ()


@dataclass(frozen=True)
class _Written:
    """How a value refused by the model was written, where the data cannot tell it (see :class:`Document`)."""

    quoted: bool = False
    too_large: str | None = None  # a number too large to hold, as written (1e400)

    @classmethod
    def of(cls, doc: Document, loc: Loc) -> _Written:
        return cls(doc.was_quoted(loc), doc.too_large.get(loc))


def _options_named(doc: Document, loc: Loc) -> list[tuple[str, str]] | None:
    """The options, as ``(id, text)`` written, of the matching exercise whose option ``loc`` names (a stem's
    ``answer``, or a key of its ``misconceptions``); None for any other loc."""
    inner = loc[2:]
    answer = inner[2:] == ("answer",)
    key = len(inner) == 5 and inner[2] == "misconceptions" and inner[4] == "[key]"
    if not (loc[:1] == ("exercises",) and inner[:1] == ("stems",) and (answer or key)):
        return None
    options = _raw(doc.data, (*loc[:2], "options"))
    written = options if isinstance(options, list) else []
    return [(o["id"], o["text"]) for o in written if isinstance(o, dict) and _texts(o.get("id"), o.get("text"))]


def _texts(*values: Any) -> bool:
    return all(isinstance(v, str) for v in values)


def _message(
    error: Any,
    loc: Loc,
    meant: Loc | None = None,
    written: _Written = _Written(),
    options: list[tuple[str, str]] | None = None,
) -> str:
    kind = error["type"]
    inner = loc[2:] if len(loc) >= 2 and loc[0] == "exercises" and isinstance(loc[1], int) else loc
    where = dotted(inner)
    value = error.get("input")
    # A field missing from, or unknown to, a part of the exercise (an option) is named after the part, as the
    # part's other mistakes are: "options[1]: missing field 'text'".
    part = f"{dotted(inner[:-1])}: " if inner[:-1] else ""
    if kind == "missing":
        return f"{part}missing field {str(loc[-1])!r}"
    if kind == "extra_forbidden":
        return f"{part}unknown field {str(loc[-1])!r}{hint(str(meant[-1]) if meant else None)}"
    if kind == "union_tag_invalid":
        written = value.get("kind")
        meant_kind = closest(written, KINDS, FIELD_CUTOFF) if isinstance(written, str) else None
        if meant_kind is not None:
            return f"unknown kind {written!r}{hint(meant_kind)}"
        return f"unknown kind {written!r} (expected one of: {', '.join(KINDS)})"
    if kind == "union_tag_not_found":
        return f"unknown field {str(loc[-1])!r}{hint('kind')}" if meant else "missing field 'kind'"
    if kind in ("model_type", "model_attributes_type") and len(loc) >= 2 and isinstance(loc[-1], int):
        noun, fields = _RECORDS.get(str(loc[-2]), ("entry", "id, text, …"))
        message = f"each {noun} must be a mapping of fields ({fields})"
    else:
        message = _plain(kind, error, value, str(loc[-1]) if loc else "", written)
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"].get("pattern")
        if pattern == SLUG_PATTERN and options is not None:
            return _not_an_option_id(where, value, inner, options)
        if pattern == SLUG_PATTERN:
            rule = f"must be lower-case letters and digits joined by single hyphens (e.g. {_id_example(value, inner)})"
            return f"{where}: {value!r} {rule}"
        if pattern == CHAPTER_PATTERN and isinstance(value, str) and (name := _page_name(value)) is not None:
            suffix = value[len(name) :]
            return f"{where}: {value!r} is a file's name: write the page's name without {suffix!r} ({where}: {name})"
        if pattern in _PATTERN_RULES:
            return f"{where}: {value!r} {_PATTERN_RULES[pattern]}"
    if kind == "string_type" and options and loc[-1] == "answer":  # a stem's answer left empty, or not text
        ids = ", ".join(i for i, _ in options)
        said = "must not be empty" if value is None else message
        return f"{where}: {said}: write the id of the option that answers the stem ({ids})"
    return f"{where}: {message}" if where else message


def _page_name(chapter: str) -> str | None:
    """The page's name in a ``chapter`` written as the page's or the bank's file name (``09-living.md``), when
    it is a valid name without its suffix; else None."""
    name, dot, suffix = chapter.rpartition(".")
    valid = dot and suffix.lower() in ("md", "rst", "yaml", "yml") and re.fullmatch(CHAPTER_PATTERN, name)
    return name if valid else None


def _not_an_option_id(where: str, value: Any, inner: Loc, options: list[tuple[str, str]]) -> str:
    """What to say of a value that should name one of the exercise's options and is no id at all: the option whose
    text it is, or the rule and the option id probably meant (an id made of the text would name no option)."""
    if inner[-1] == "[key]":  # a key of 'misconceptions': the mapping is the place to name
        where = dotted(inner[:-2])
    by_text = option_by_text(value, options) if isinstance(value, str) else None
    if by_text is not None:
        return f"{where}: write the option's id {by_text!r}, not its text {value!r}"
    ids = [i for i, _ in options]
    meant = did_you_mean(value.lower(), ids) if isinstance(value, str) else ""
    rule = "must be lower-case letters and digits joined by single hyphens"
    return f"{where}: {value!r} {rule}, as the option ids are ({', '.join(ids)}){meant}"


# What a text with a pattern of its own may hold, said for the author (pydantic would print the pattern).
_PATTERN_RULES = {
    KEY_PATTERN: "must be a key of the bibliography: letters, digits and _ : . - only, no spaces",
    CHAPTER_PATTERN: "must be the name of the chapter's page: letters, digits and _ - / only, no spaces",
}


def _id_example(value: Any, inner: Loc) -> str:
    """An id like the one written, for the message that refuses it: ``a`` for ``A``, ``bone-only`` for
    ``Bone only``; an exercise's id by the book's convention, and any id that cannot be made one, ``c1-naming``."""
    made = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") if isinstance(value, str) else ""
    return made if made and len(inner) > 1 and len(made) <= 40 else "c1-naming"


def _plain(kind: str, error: Any, value: Any, field: str = "", written: _Written = _Written()) -> str:
    """Pydantic's wording, said as advice on the YAML an author wrote in the field ``field``."""
    ctx = error.get("ctx") or {}
    if kind == "finite_number" and written.too_large is not None:  # read as infinity, which it was not written as
        return f"{written.too_large} is too large a number (the largest is about 1.8e308)"
    if kind == "finite_number":  # YAML's .nan and .inf: a page cannot print them, nor grade against them
        return f"must be a finite number, not {value!r}"
    if kind in ("tuple_type", "list_type"):
        plain = isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9_.\-]{1,40}", value)
        example = f"[{value}]" if plain else "[a, b]"  # the author's own value, when it can be shown as is
        return f"must be a list, e.g. {example}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"needs at least {'one' if n == 1 else n} {_noun(error)}{'' if n == 1 else 's'}"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} {_noun(error)}s; at most {ctx.get('max_length')} are allowed"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return "must be a date written as YYYY-MM-DD"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return "must not be empty" if n == 1 else f"must have at least {n} characters"
    message = str(error["msg"]).removeprefix("Value error, ").replace("Input should be", "must be", 1)
    if kind == "float_type":
        message = "must be a number"
    elif kind == "bool_type":
        message = "must be true or false"
    elif kind == "string_type":
        message = "must be text"
    if kind == "string_type" and isinstance(value, bool | int | float):
        message += f" (YAML read {value!r}: put the text in quotes)"
    elif kind in ("float_type", "bool_type", "int_type") and isinstance(value, str) and _reads_as(kind, value):
        # Only what was in quotes: unquoted, such text (08, tRue) is text to YAML, and no quotes can be removed.
        if written.quoted:
            message += f" (YAML read the text {value!r}: remove the quotes)"
    elif kind == "float_type" and isinstance(value, str) and (percent := _percent(value)) is not None:
        message += _PERCENT_ADVICE.get(field, "").format(percent=percent[0], fraction=percent[1])
    elif kind == "float_type" and isinstance(value, str) and (with_unit := _NUMBER_AND_UNIT.match(value)):
        number, unit = with_unit[1].replace(",", "."), with_unit[2]
        message += _UNIT_ADVICE.get(field, "").format(number=number, unit=unit)
    return message


# A number and a unit after it, as an author may write a value (``20 people``, ``12,5 pp``, ``60 people.``): the
# unit has no digit in it (``60 to 70`` is a range, not a unit), and a full stop after it is the sentence's.
_NUMBER_AND_UNIT = re.compile(r"\s*([+-]?[0-9]+(?:[.,][0-9]+)?)\s*([^\W\d_][^\d]*?|%)\.?\s*$")


# What to write for a number with its unit in a number field: the units are a field of their own.
_UNIT_ADVICE = {
    "value": " (write the number alone, value: {number}, and list '{unit}' under units)",
    "tolerance": " (write the number alone, tolerance: {number}: it is in the units of the value)",
}


def _percent(text: str) -> tuple[str, str] | None:
    """A percentage such as ``5 %``, as ``5%``, and the fraction it stands for, ``0.05``; else None."""
    number = text.strip().removesuffix("%").rstrip()
    if number == text.strip() or not re.fullmatch(r"[0-9]+(\.[0-9]*)?|\.[0-9]+", number):
        return None
    fraction = Decimal(number) / 100
    return f"{number}%", format(fraction.normalize(), "f") if fraction else "0"


# What to write for a percentage in a number field: a tolerance in percent is a relative tolerance.
_PERCENT_ADVICE = {
    "tolerance": " (for {percent} of the value, write relative_tolerance: {fraction})",
    "relative_tolerance": " (for {percent} of the value, write {fraction})",
    "value": " (write the number alone, and list '%' under units)",
}


def _reads_as(kind: str, text: str) -> bool:
    """Whether ``text`` in quotes would be the value ``kind`` wants once unquoted."""
    if kind == "bool_type":
        return text.strip().lower() in ("true", "false")
    try:
        float(text) if kind == "float_type" else int(text)
    except ValueError:
        return False
    return True


def _noun(error: Any) -> str:
    field = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str) and p not in KINDS), "")
    return _RECORDS.get(field, ("item", ""))[0]


# What a list field holds, for messages: the noun for one entry and the fields of an entry.
_RECORDS: dict[str, tuple[str, str]] = {
    "exercises": ("exercise", "id, kind, prompt, …"),
    "objectives": ("objective", "id, text"),
    "options": ("option", "id, text, …"),
    "items": ("item", "id, text"),
    "stems": ("stem", "id, text, answer, feedback"),
    "wrong_answers": ("wrong answer", "answer, feedback, misconception"),
    "accept": ("accepted answer", ""),
    "units": ("unit", ""),
}
_BY_KIND: dict[str, type[BaseModel]] = {m.model_fields["kind"].annotation.__args__[0]: m for m in get_args(AnyExercise)}
_EXERCISE_FIELDS = frozenset(name for m in _BY_KIND.values() for name in m.model_fields)
_PART_MODELS: dict[tuple[str, str], type[BaseModel]] = {
    ("", "options"): Option,
    ("matching", "options"): Item,
    ("", "items"): Item,
    ("", "stems"): Stem,
    ("", "wrong_answers"): WrongAnswer,
}
# Every field a bank may name, so that one written without its colon (points 1) is not read as a text's next line.
_PARTS: list[type[BaseModel]] = [Bank, Objective, *_PART_MODELS.values()]
_ALL_FIELDS = _EXERCISE_FIELDS.union(*(m.model_fields for m in _PARTS))


def dotted(loc: Loc) -> str:
    """A place in a bank as messages name it: ``options[1].feedback``; a matching stem by the number the book
    prints before it and sheets may name it by, counted from 1, ``stem 2.answer`` (not ``stems[1]``)."""
    out = ""
    for i, part in enumerate(loc):
        if part == "stems" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            continue  # said with its number, next
        if isinstance(part, int) and i and loc[i - 1] == "stems":
            out += f".stem {part + 1}" if out else f"stem {part + 1}"
        elif isinstance(part, int):
            out += f"[{part}]"
        elif not _PLAIN_NAME.fullmatch(str(part)):  # an author's key, e.g. in misconceptions: quoted, one line
            out += f"[{str(part)!r}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# The fields whose value is prose, in which a ' #' (bone #1) is more likely meant as text than as a comment.
# Other short values (ids, tags, numbers) may carry a comment after them on their line.
_PROSE = frozenset(
    {
        "title",
        "prompt",
        "vignette",
        "text",
        "hint",
        "explanation",
        "feedback",
        "feedback_true",
        "feedback_false",
        "feedback_correct",
        "feedback_incorrect",
    }
)


# The lists of texts a student's answer is compared with: an accepted answer or a unit cut short (``rib #4``
# read as ``rib``) would grade students' answers against the shorter text without a word, as would a foreseen
# wrong answer's.
_ANSWERS = frozenset({"accept", "units"})


def _compared(loc: Loc) -> bool:
    """Whether ``loc`` is a text a student's answer is compared with: an entry of ``accept`` or ``units``, or a
    foreseen wrong answer's ``answer``."""
    if len(loc) >= 2 and loc[-2] in _ANSWERS and isinstance(loc[-1], int):
        return True
    return len(loc) >= 3 and loc[-3] == "wrong_answers" and loc[-1] == "answer"


def _every_text(data: Any) -> Iterator[tuple[Loc, str]]:
    """Every text of a bank as read, with where it is."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*loc, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*loc, i), item) for i, item in enumerate(value))
        elif isinstance(value, str):
            yield loc, value


def _where(loc: Loc) -> str:
    """A field as messages name it: from its exercise, whose id they give apart."""
    return dotted(loc[2:] if loc[:1] == ("exercises",) else loc)


def _cut_texts(doc: Document) -> Iterator[Problem]:
    """A problem for each text of prose, or answer a student's is compared with, written without quotes and
    followed by a comment on its line: YAML drops what follows ' #' (``Cancer can weaken bone #1 so that it
    breaks``), so the text is cut short without a word."""
    for loc, line in doc.commented.items():
        if loc and (loc[-1] in _PROSE or _compared(loc)) and isinstance(_raw(doc.data, loc), str):
            yield Problem(doc.path, line, _exercise_id(doc, loc), f"{_where(loc)}: {CUT_BY_COMMENT}")


def _control_texts(doc: Document) -> Iterator[Problem]:
    """A problem for each text holding a character of :data:`UNCARRIED`, at its line, with its exercise: an XML
    export with it is no XML, and a blank sheet with it cannot be read back."""
    if "\\" not in doc.text and not UNCARRIED.search(doc.text):  # the usual bank: no escape, nothing to find
        return
    for loc, value in _every_text(doc.data):
        if found := UNCARRIED.search(value):
            character = found.group()
            code = f"U+{ord(character):04X}"
            # YAML never reads one written raw; JSON reads DEL and the C1 controls so.
            if doc.path.suffix.lower() == ".json" and character in doc.text:
                said = f"a control character ({code}, invisible in most editors)"
            else:
                said = f"a control character ({code}) written as an escape"
            slip = " (a line break is \\n)" if character == "\x85" else ""  # YAML's \N is NEL, not \n
            message = f"{_where(loc)}: {said}, which no page or export can carry: delete it{slip}"
            yield Problem(doc.path, doc.line_of(loc), _exercise_id(doc, loc), message)


# A MyST role as it opens: {name} and the backticks its content begins with.
_ROLE_OPENS = re.compile(r"\{([A-Za-z][\w:.+-]*)\}(`+)")


def _unclosed_roles(doc: Document) -> Iterator[Problem]:
    """A problem for each text of prose whose role opens but never closes (``{cite:p}`nci-metastatic``): MyST then reads
    no role, and the page prints the markup as typed, which neither the build nor a check of the citations tells."""
    if "}`" not in doc.text:  # the usual bank: its roles, if any, are looked at below only when it has some
        return
    for loc, value in _every_text(doc.data):
        if loc and loc[-1] in _PROSE and (role := _unclosed_role(value)):
            ticks = role[1]
            message = (
                f"{_where(loc)}: the role {{{role[0]}}} opens with {ticks} but is never closed: end it with {ticks}"
            )
            yield Problem(doc.path, doc.line_of(loc), _exercise_id(doc, loc), message)


# Inline code, or a role's content: a run of backticks, then text, then a run exactly as long.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def _unclosed_role(text: str) -> tuple[str, str] | None:
    """The first role of ``text`` that opens with no run of backticks as long to close it: (name, backticks).
    Inline code is set aside first, so that a role's name shown in it (```{cite}``) is no role, and each closed
    role's content goes with it. Where a backtick is then left over, a role's content that ends with the next
    role's name (``{ref}`sites. Also {term}`metastasis```) is that role left open: its backtick closed on the next
    role's."""
    rest = _CODE_SPAN.sub(" ", text)
    if found := _ROLE_OPENS.search(rest):
        return found[1], found[2]
    if "`" not in rest:  # every backtick paired: a role's content may end in braces ({math}`e^{kt}`)
        return None
    for span in _CODE_SPAN.finditer(text):
        role = _ROLE_BEFORE.search(text, 0, span.start())
        if role and _ROLE_AT_END.search(span[2]):
            return role[1], span[1]
    return None


# A role's name just before a code span (the span its content), and one at the end of a span's content.
_ROLE_BEFORE = re.compile(r"\{([A-Za-z][\w:.+-]*)\}$")
_ROLE_AT_END = re.compile(r"\{[A-Za-z][\w:.+-]*\}$")


def _prefix_problem(exercise_id: str, chapter: str, prefix: str) -> str | None:
    """What is wrong with an exercise id that does not begin as its chapter's ids do, else None."""
    if exercise_id.startswith(f"{prefix}-") or not re.fullmatch(SLUG_PATTERN, exercise_id):
        return None  # an id that is no id at all is reported as such, once
    head, _, rest = exercise_id.partition("-")
    renamed = f"{prefix}-{rest}" if re.fullmatch(r"c[0-9]+", head) and rest else f"{prefix}-{exercise_id}"
    return f"id: {exercise_id!r} must begin {prefix + '-'!r}, as the ids of chapter {chapter} do (e.g. {renamed})"


def _cross_problems(doc: Document) -> Iterator[Problem]:
    data = doc.data
    chapter = data.get("chapter")
    prefix = id_prefix(chapter) if isinstance(chapter, str) else None
    objectives = data.get("objectives")
    listed = objectives if isinstance(objectives, list) else []
    ids = [o["id"] for o in listed if isinstance(o, dict) and isinstance(o.get("id"), str)]
    known = set(ids)
    # Listed in a one-line message: an id with a line break in it is reported on its own already, and an id
    # written twice (reported too) is named once.
    names = [name for name in dict.fromkeys(ids) if name.isprintable()]
    exercises = data.get("exercises")
    if not isinstance(exercises, list):
        return
    seen: dict[str, int] = {}
    for i, exercise in enumerate(exercises):
        if not isinstance(exercise, dict):
            continue
        ex_id = exercise.get("id")
        line = doc.line_of(("exercises", i, "id"))
        if isinstance(ex_id, str):
            if ex_id in seen:
                yield Problem(doc.path, line, ex_id, f"duplicate exercise id (first used on line {seen[ex_id]})")
            seen.setdefault(ex_id, line or 0)
            # The book names each exercise by id, and tells an unknown id by its chapter's prefix: an id that
            # does not begin with its chapter's is the one a reader or grader would look for in another.
            wrong = _prefix_problem(ex_id, chapter, prefix) if prefix is not None else None
            if wrong is not None:
                yield Problem(doc.path, line, ex_id, wrong)
        wanted = exercise.get("objectives")
        if known and isinstance(wanted, list):
            for j, objective in enumerate(wanted):
                if isinstance(objective, str) and objective not in known:
                    yield Problem(
                        doc.path,
                        doc.line_of(("exercises", i, "objectives", j)),
                        ex_id if isinstance(ex_id, str) else None,
                        f"objective {objective!r} is not among the bank's objectives ({', '.join(names)})"
                        + did_you_mean(objective, names),
                    )
