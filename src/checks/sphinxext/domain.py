"""Cross-document state: which page places which exercise, kept in a Domain.

A Domain is cleared per document and merged after parallel reads, so the
Answers appendix and the placement checks see a consistent picture however
the build runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from checks.loading import BankError, Book
from checks.spans import bank_spans
from checks.sphinxext.banks import Stamp, get_book
from checks.sphinxext.numbering import check_numbers, check_sheet_numbers
from checks.sphinxext.paths import shown
from checks.sphinxext.warnings_ import CheckWarning, warn


class ChecksDomain(Domain):
    name = "checks"
    label = "Self-check exercises"
    initial_data: ClassVar[dict[str, Any]] = {
        "placed": {},  # docname -> [(exercise id, line)]
        "summaries": set(),  # docnames with {answers} or {blueprint}: made from every page when written
        "answer_pages": set(),  # docnames with {answers}: where print links each exercise to its answer
        "waiting": set(),  # docnames naming an exercise or bank that does not exist (yet)
        "banks": None,  # the bank files (path, mtime) the pages were last read with: banks.Stamp
        "linked_answers": None,  # the answers page the last build's exercises linked to (answers_page)
        "left_out": set(),  # docnames this build leaves out, as their encoding cannot be read (encoding.py)
        "objectives": {},  # docname -> how many lists of objectives its page (its {only} blocks too) has
    }

    @property
    def placed(self) -> dict[str, list[tuple[str, int]]]:
        return self.data.setdefault("placed", {})

    @property
    def summaries(self) -> set[str]:
        return self.data.setdefault("summaries", set())

    @property
    def answer_pages(self) -> set[str]:
        return self.data.setdefault("answer_pages", set())

    @property
    def waiting(self) -> set[str]:
        return self.data.setdefault("waiting", set())

    @property
    def left_out(self) -> set[str]:
        return self.data.setdefault("left_out", set())

    @property
    def objectives(self) -> dict[str, int]:
        return self.data.setdefault("objectives", {})

    def note_objectives(self, docname: str) -> None:
        self.objectives[docname] = self.objectives.get(docname, 0) + 1

    def note_summary(self, docname: str) -> None:
        self.summaries.add(docname)

    def note_answers(self, docname: str) -> None:
        self.answer_pages.add(docname)

    def answers_page(self, env: BuildEnvironment, built: set[str] | None = None) -> str | None:
        """The page whose answers print links to: the first with ``{answers}`` in reading order, of those the
        build writes (``built``, None for all); None if there is none."""
        pages = [doc for doc in self.answer_pages if built is None or doc in built]
        order = {doc: i for i, doc in enumerate(_reading_order(env))}
        return min(pages, key=lambda d: (order.get(d, len(order)), d), default=None)

    def note_waiting(self, docname: str) -> None:
        """The page names an exercise or a bank that no bank file has: a new bank file may have it."""
        self.waiting.add(docname)

    def answers_page_changed(self) -> bool:
        """Whether the answers page differs from the last build's (one added, removed or moved); remembers it."""
        page = self.answers_page(self.env)
        changed: bool = self.data.get("linked_answers") != page
        self.data["linked_answers"] = page
        return changed

    def banks_changed(self, stamp: Stamp) -> bool:
        """Whether the bank files differ from the last build's (added, removed or edited); remembers ``stamp``."""
        changed: bool = self.data.get("banks") != stamp
        self.data["banks"] = stamp
        return changed

    def note_placed(self, docname: str, exercise_id: str, line: int) -> None:
        self.placed.setdefault(docname, []).append((exercise_id, line))

    def place_of(self, exercise_id: str) -> tuple[str, int] | None:
        """Where an exercise is placed already: (docname, line), or None."""
        for docname in sorted(self.placed):
            for placed_id, line in self.placed[docname]:
                if placed_id == exercise_id:
                    return docname, line
        return None

    def shown_place(self, docname: str, line: int) -> str:
        """A page's line, from the project's folder as every file in a message."""
        return f"{shown(self.env.doc2path(docname))}:{line}"

    def clear_doc(self, docname: str) -> None:
        self.placed.pop(docname, None)
        self.summaries.discard(docname)
        self.answer_pages.discard(docname)
        self.waiting.discard(docname)
        self.objectives.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["placed"]:
                self.placed[docname] = otherdata["placed"][docname]
            if docname in otherdata["summaries"]:
                self.summaries.add(docname)
            if docname in otherdata.get("answer_pages", ()):
                self.answer_pages.add(docname)
            if docname in otherdata.get("waiting", ()):
                self.waiting.add(docname)
            if docname in otherdata.get("objectives", {}):
                self.objectives[docname] = otherdata["objectives"][docname]

    def check_consistency(self) -> None:
        # Runs after every page is read (and merged, when reading in parallel), so it sees the whole book,
        # and after Sphinx has numbered it.
        check_numbers(self.env, self.placed)
        first = self.first_places()
        try:
            book = get_book(Path(self.env.config.checks_banks))
        except BankError:
            return  # no bank to read: reported when the build began; no page could place anything
        for bank, path in zip(book.banks, book.paths, strict=True):
            # A page left out (its warning says why) may be the one that places them: none is told unplaced.
            unplaced = [] if self.left_out else [e.id for e in bank.exercises if e.id not in first]
            spans = bank_spans(path) if unplaced else {}
            for exercise_id in unplaced:
                warn(
                    CheckWarning.PLACEMENT,
                    f"exercise {exercise_id!r} of bank {shown(path)} is not placed on any page "
                    f"(place it with {{exercise}} {exercise_id} or {{exercises}} {bank.chapter})",
                    f"{path}:{spans[exercise_id].first}",
                )
        self.check_chapters(book)
        check_sheet_numbers(self.env, book, self.placed, first)

    def check_chapters(self, book: Book) -> None:
        """Warn of exercises that a chapter's page places from another chapter's bank: the page numbers them
        as its own (Exercise 3.4 for a question of chapter 2), which nothing else would show.

        Pages that are no chapter's, such as a review page, may place exercises of any chapter.
        """
        chapters = {bank.chapter for bank in book.banks}
        for docname in sorted(self.placed.keys() & chapters):
            for (line, chapter), ids in _strangers(book, docname, self.placed[docname]).items():
                named = ", ".join(repr(i) for i in ids)
                these, are, them = ("exercise", "is", "it") if len(ids) == 1 else ("exercises", "are", "them")
                warn(
                    CheckWarning.PLACEMENT,
                    f"{these} {named} from the bank of chapter {chapter!r} {are} placed on the page of chapter"
                    f" {docname!r}, which numbers {them} as its own (place {them} on {chapter}, or move {them} to"
                    f" the bank of {docname})",
                    (docname, line),
                )

    def first_places(self) -> dict[str, tuple[str, int]]:
        """The first place of each exercise, (docname, line): the one shown."""
        first: dict[str, tuple[str, int]] = {}
        for docname in sorted(self.placed):
            for exercise_id, line in self.placed[docname]:
                first.setdefault(exercise_id, (docname, line))
        return first

    def take_second_places(self) -> dict[str, list[tuple[str, int]]]:
        """Forget, and return by page, the places of exercises that another page places first.

        A serial read refuses a second place at its directive. Parallel readers cannot see each other's
        pages, so two of them may both place an exercise; the page that comes first in a serial read keeps it.
        """
        first = self.first_places()
        seconds: dict[str, list[tuple[str, int]]] = {}
        for docname in sorted(self.placed):
            places = self.placed[docname]
            if any(first[exercise_id] != (docname, line) for exercise_id, line in places):
                seconds[docname] = [(i, line) for i, line in places if first[i] != (docname, line)]
                self.placed[docname] = [(i, line) for i, line in places if first[i] == (docname, line)]
        return seconds

    def in_order(self, env: BuildEnvironment) -> Iterator[tuple[str, str]]:
        """(docname, exercise id) of each exercise's first place, in reading order of the book."""
        order = {doc: i for i, doc in enumerate(_reading_order(env))}
        first = self.first_places()
        for docname in sorted(self.placed, key=lambda d: (order.get(d, len(order)), d)):
            for exercise_id, line in self.placed[docname]:
                if first[exercise_id] == (docname, line):
                    yield docname, exercise_id

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def _strangers(book: Book, docname: str, places: list[tuple[str, int]]) -> dict[tuple[int, str], list[str]]:
    """The exercises of ``places`` from banks other than ``docname``'s, by (line, their chapter): one {exercises}
    directive is one entry."""
    found: dict[tuple[int, str], list[str]] = {}
    for exercise_id, line in places:
        bank = book.find(exercise_id)
        if bank is not None and bank[0].chapter != docname:
            found.setdefault((line, bank[0].chapter), []).append(exercise_id)
    return found


def _reading_order(env: BuildEnvironment) -> list[str]:
    return in_toctrees(env, [env.config.root_doc])


def in_toctrees(env: BuildEnvironment, starts: Iterable[str]) -> list[str]:
    """The documents of the toctrees that begin at ``starts``, in reading order."""
    seen: list[str] = []

    def walk(doc: str) -> None:
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    for start in starts:
        walk(start)
    return seen
