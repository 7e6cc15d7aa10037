"""Directives: ``{objectives}``, ``{exercise} <id>``, ``{exercises} <bank>`` and ``{answers}``.

Each directive turns model objects into the nodes of :mod:`checks.sphinxext.nodes`,
parsing prompts, options and feedback as MyST (or reST) text of the page
that uses them, and records the bank files the page depends on.
"""

from __future__ import annotations

import itertools
import json
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, NoReturn

from docutils import nodes
from docutils.parsers.rst import directives, roles
from sphinx.util.docutils import SphinxDirective

from checks.bibliography import unknown_keys
from checks.browser import grading_data
from checks.exports.citations import uncited, without_citations
from checks.exports.markup import readable
from checks.loading import BankError, bank_files, chapter_mismatch
from checks.model import (
    AnyExercise,
    Bank,
    Matching,
    MultipleSelect,
    Numeric,
    Option,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from checks.numbers import numbered_stems
from checks.spans import bank_spans
from checks.sphinxext import bank_texts, plain
from checks.sphinxext import nodes as cn
from checks.sphinxext.banks import Loaded, bank_path, first_report, get_banks
from checks.sphinxext.domain import ChecksDomain
from checks.sphinxext.paths import shown
from checks.sphinxext.warnings_ import CheckWarning, warn, warn_bank
from checks.suggest import did_you_mean, id_hint
from checks.texts import Part
from checks.variants import lettered

# Set on a page whose {objectives} found no bank file for its chapter (per page: Sphinx clears temp_data).
BANKLESS_CHAPTER = "checks_bankless_chapter"

KIND_LABELS = {
    "single": "Single choice",
    "multiple": "Select all that apply",
    "truefalse": "True or false",
    "text": "Fill in the blank",
    "numeric": "Numeric answer",
    "ordering": "Ordering",
    "matching": "Matching",
}


class _NoOptions(dict[str, Any]):
    """The ``option_spec`` of a directive that takes no options: empty, and yet true.

    MyST reads a directive's options block only when its ``option_spec`` is true, and docutils only then looks
    for options in reST. With docutils' None, ``:id: c3-x`` under ``{exercise}`` was read as content in MyST
    ("Has content, but none permitted") and as more arguments in reST; with this, both say "unknown option".

    Several directive classes share the one value: each write to it is refused, so that no option added to one
    of them is taken by them all.
    """

    def __bool__(self) -> bool:
        return True

    def _refused(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("the option_spec of a directive that takes no options is shared: give the directive its own")

    __setitem__ = __delitem__ = __ior__ = update = setdefault = pop = popitem = clear = _refused


NO_OPTIONS: dict[str, Any] = _NoOptions()


def written_options(block_text: str) -> list[str]:
    """The names of the options a directive's text writes below its first line: ``:name: value`` lines, as MyST
    and reST write them, or the keys of MyST's block between ``---`` lines."""
    return [name for name, _ in written_option_values(block_text)]


def written_option_values(block_text: str) -> list[tuple[str, str]]:
    """The options a directive's text writes below its first line, each as (name, value as written on its line)."""
    lines = block_text.splitlines()[1:]
    if lines and lines[0].startswith("---"):
        block = textwrap.dedent("\n".join(itertools.takewhile(lambda line: not line.startswith("---"), lines[1:])))
        return [(found[1], found[2].strip()) for found in _YAML_KEY.finditer(block)]
    options = []
    for line in lines:
        written = _OPTION_LINE.match(line)
        if written is None:
            break
        options.append((written[1], line[written.end() :].strip()))
    return options


_OPTION_LINE = re.compile(r"\s*:(?!::)([^:\s][^:]*):")  # not a colon fence (:::) of a directive inside
_YAML_KEY = re.compile(r"^([^\s#:][^:\n]*):(.*)$", re.MULTILINE)
# What the argument of a directive that takes an exercise's id is, as a hint for one written without it says it.
EXERCISE_ID = "the exercise's id"


class BankDirective(SphinxDirective):
    """A directive that reads the banks: a name of a broken bank file shows nothing, and the page waits for it."""

    option_spec: ClassVar[dict[str, Any]] = NO_OPTIONS
    # What its argument is, for a directive written without it (checks.sphinxext.slips): "the exercise's id".
    argument_words: ClassVar[str] = ""
    # Keys the texts being parsed cite that the bibliography lacks: reported at the bank's line, shown as code.
    uncited_keys: frozenset[str] = frozenset()
    # The bank's chapter and the exercise whose texts are being parsed (None for the bank's objectives): a reference
    # in them is told at the bank.
    written_in: tuple[str, str | None] | None = None

    def banks_or_warn(self) -> Loaded | None:
        """The banks, or None when there are none to read (said once per build)."""
        folder = Path(self.config.checks_banks)
        try:
            return get_banks(folder)
        except BankError as err:
            # A bank file added later may be the one this page needs: read the page again then.
            self.note_waiting()
            if first_report(folder):
                warn_bank(err.problems)
            return None

    def broken(self) -> list[nodes.Node]:
        """Nothing, and nothing said: the name is of a bank file whose problems the build reports at the file.
        The page waits for the file, so that fixing it (or the file it clashes with) reads the page again."""
        self.note_waiting()
        return []

    def not_found(self, kind: CheckWarning, message: str) -> list[nodes.Node]:
        """Nothing, after saying what the page names that no bank has; a bank file added later may have it."""
        warn(kind, message, self.get_location())
        self.note_waiting()
        return []

    def bank_hint(self, book: Any, chapter: str) -> str:
        """The bank probably meant for ``chapter``: the file named after it, whose ``chapter`` differs, or a
        close name; for a page of the book whose bank file does not exist, that file; else nothing."""
        for bank, path in zip(book.banks, book.paths, strict=True):
            mismatch = chapter_mismatch(bank.chapter, path)
            if path.stem == chapter and mismatch is not None:
                return f" ({shown(path)}: {mismatch})"
        missing = self.missing_bank_file(chapter)
        if missing is not None:
            # Another chapter's name, however close, is not the bank of a chapter that has none yet.
            return f" (no bank file {missing})"
        return did_you_mean(chapter, [b.chapter for b in book.banks])

    def missing_bank_file(self, chapter: str) -> str | None:
        """The bank file a page of the book would have, as messages name it, when ``chapter`` is a page's name and
        that file does not exist; else None (a name that is no page's is more likely a slip for another)."""
        if chapter not in self.env.found_docs:
            return None
        folder = Path(self.config.checks_banks)
        stem = chapter.rsplit("/", 1)[-1]  # a page in a folder has its bank file named after the page alone
        if folder.is_dir() and any(f.stem == stem for f in bank_files(folder)):
            return None
        return shown(folder / f"{stem}.yaml")

    def unknown_id(self, loaded: Loaded, exercise_id: str) -> list[nodes.Node]:
        """Nothing, after saying that no bank has ``exercise_id``: on a chapter's page whose bank file does not
        exist, that the chapter has no bank, as the id is likely one of the bank to write; where only a bank
        left out for its errors has ids that begin so, that bank; else the id meant."""
        chapter = self.env.temp_data.get(BANKLESS_CHAPTER)
        if chapter is not None:
            said = f" (chapter {chapter!r} has no bank file, {self.missing_bank_file(chapter)})"
        else:
            # As `checks grade` says it: an id of a chapter with no bank is offered no other chapter's id.
            banks = [[ex.id for ex in bank.exercises] for bank in loaded.book.banks]
            said = loaded.broken_hint(exercise_id) or id_hint(exercise_id, banks)
        return self.not_found(CheckWarning.UNKNOWN_ID, f"unknown exercise id {exercise_id!r}{said}")

    def note_waiting(self) -> None:
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        domain.note_waiting(self.env.docname)

    def depend_on(self, bank: Bank) -> None:
        path = bank_path(Path(self.config.checks_banks), bank.chapter)
        if path is not None:
            self.env.note_dependency(str(path))

    def parse_block(self, text: str, classes: list[str], part: Part | None = None) -> nodes.container:
        """``text`` as MyST of the page, in a container; ``part``: the field it is (see :attr:`written_in`)."""
        box = nodes.container(classes=classes)
        box.extend(self.parse_blocks(text, part))
        return box

    def parse_blocks(self, text: str, part: Part | None = None) -> list[nodes.Node]:
        """``text`` as MyST of the page; ``part``: the field it is (see :attr:`written_in`)."""
        text = uncited(text, self.uncited_keys)
        if self.skip_parser(text):
            # The line MyST's nested parse gives a one-line text: the first line of the directive's content.
            line = self.lineno + self.content_offset + 1
            return [plain.paragraph(text, self.state.document, self.state.document["source"], line)]
        return self.mark(self.parse_text_to_nodes(text), part)

    def parse_line(self, text: str, part: Part | None = None) -> list[nodes.Node]:
        """``text`` as inline MyST of the page; ``part``: the field it is (see :attr:`written_in`)."""
        text = uncited(text, self.uncited_keys)
        if self.skip_parser(text):
            return [nodes.Text(text)]
        parsed, messages = self.parse_inline(text, lineno=self.lineno)
        return [*self.mark(parsed, part), *messages]

    def mark(self, parsed: list[nodes.Node], part: Part | None) -> list[nodes.Node]:
        """``parsed``, its references noted as written in the field ``part`` of the exercise, or of the bank."""
        if part is not None and self.written_in is not None:
            bank_texts.mark(parsed, *self.written_in, part)
        return parsed

    def skip_parser(self, text: str) -> bool:
        if not plain.is_plain(text):
            return False
        needed = self.env.temp_data.get("checks_parser_needed")  # once per page
        if needed is None:
            myst_extensions = getattr(self.config, "myst_enable_extensions", [])
            needed = self.env.temp_data["checks_parser_needed"] = plain.parser_needed(self.state, myst_extensions)
        return not needed


class ObjectivesDirective(BankDirective):
    """The learning objectives of the bank that belongs to this document."""

    has_content = False
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        loaded = self.banks_or_warn()
        if loaded is None:
            return []
        book = loaded.book
        chapter = self.arguments[0] if self.arguments else self.env.docname
        bank = next((b for b in book.banks if b.chapter == chapter), None)
        if bank is None and loaded.is_broken_bank(chapter):
            return self.broken()
        if bank is None:
            if self.missing_bank_file(chapter) is not None:
                # The page is a chapter's, by its objectives: its exercises are of the bank to write, not slips
                # for other chapters' ids.
                self.env.temp_data[BANKLESS_CHAPTER] = chapter
            message = f"no exercise bank has chapter {chapter!r}{self.bank_hint(book, chapter)}"
            return self.not_found(CheckWarning.NO_BANK, message)
        self.depend_on(bank)
        # A second list of the chapter's on the page is told and dropped once {only} blocks are resolved
        # (transforms.ObjectivesOnce): one kept for the PDF beside one for the web book is no second list.
        box = cn.checks_objectives(classes=["checks-objectives"], chapter=bank.chapter)
        self.set_source_info(box)
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        domain.note_objectives(self.env.docname)
        box += nodes.rubric(text="Learning objectives")
        box += nodes.paragraph(text="After this chapter you should be able to:")
        items = nodes.bullet_list()
        self.written_in = (bank.chapter, None)  # a reference in an objective is told at its line in the bank
        for i, objective in enumerate(bank.objectives):
            items += nodes.list_item(
                "",
                nodes.paragraph("", "", *self.parse_line(objective.text, ("objectives", i, "text"))),
                ids=[f"objective-{bank.chapter}-{objective.id}".replace("/", "-")],
            )
        box += items
        return [box]


class ExerciseDirective(BankDirective):
    """One exercise, by id: ``{exercise} c1-naming``."""

    required_arguments = 1
    argument_words = EXERCISE_ID

    def run(self) -> list[nodes.Node]:
        loaded = self.banks_or_warn()
        if loaded is None:
            return []
        if loaded.is_broken_exercise(self.arguments[0]):
            return self.broken()
        found = loaded.book.find(self.arguments[0])
        if found is None:
            return self.unknown_id(loaded, self.arguments[0])
        bank, exercise = found
        self.depend_on(bank)
        return self.place(bank, exercise)

    def place(self, bank: Bank, ex: AnyExercise) -> list[nodes.Node]:
        """The exercise, unless a page placed it already: a second copy would repeat its id and number."""
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        where = domain.place_of(ex.id)
        if where is not None:
            message = f"exercise {ex.id!r} is already placed at {domain.shown_place(*where)}"
            warn(CheckWarning.PLACEMENT, message, self.get_location())
            # Read again when the first place changes: if it goes, this page must place the exercise.
            self.env.note_dependency(self.env.doc2path(where[0]))
            return []
        domain.note_placed(self.env.docname, ex.id, self.lineno)
        return [self.build(bank, ex)]

    def build(self, bank: Bank, ex: AnyExercise) -> cn.checks_exercise:
        objectives = {o.id: o.text for o in bank.objectives}
        node = cn.checks_exercise(
            exercise_id=ex.id,
            kind=ex.kind,
            points=ex.points,
            kind_label=KIND_LABELS[ex.kind],
            docname=self.env.docname,
            chapter=bank.chapter,
            objectives=[objectives.get(o, o) for o in ex.objectives],
            ids=[ex.id],
            names=[ex.id],
            classes=["checks-exercise", f"checks-{ex.kind}"],
        )
        self.set_source_info(node)
        self.state.document.note_explicit_target(node)
        self.uncited_keys = self.unknown_cited(bank, ex)
        self.written_in = (bank.chapter, ex.id)
        if isinstance(ex, SingleChoice) and ex.vignette:
            node += self.parse_block(ex.vignette, ["checks-vignette"], ("vignette",))
        prompt = self.parse_block(ex.prompt, ["checks-prompt"], ("prompt",))
        prompt["ids"].append(cn.prompt_id(ex.id))
        node += prompt
        node += self.response(ex)
        if ex.hint:
            hint = cn.checks_hint()
            hint += self.parse_block(ex.hint, ["checks-hint-body"], ("hint",))
            node += hint
        node += cn.checks_controls(exercise_id=ex.id)
        node.extend(self.feedback(ex))
        node += self.solution(bank, ex)
        node += cn.checks_data(exercise_id=ex.id, json=json.dumps(grading_data(ex), separators=(",", ":")))
        return node

    def response(self, ex: AnyExercise) -> nodes.Element:
        if isinstance(ex, SingleChoice | MultipleSelect):
            box = cn.checks_choices(exercise_id=ex.id, multiple=isinstance(ex, MultipleSelect))
            for letter, option in lettered(ex):
                box += cn.checks_choice("", "", *self.option_line(ex, option), option_id=option.id, letter=letter)
            return box
        if isinstance(ex, TrueFalse):
            box = cn.checks_choices(exercise_id=ex.id, multiple=False)
            box += cn.checks_choice("", "True", option_id="true", letter="a")
            box += cn.checks_choice("", "False", option_id="false", letter="b")
            return box
        if isinstance(ex, ShortText | Numeric):
            units = list(ex.units) if isinstance(ex, Numeric) else []
            return cn.checks_blank(exercise_id=ex.id, numeric=isinstance(ex, Numeric), units=units)
        if isinstance(ex, Ordering):
            order = cn.checks_order(exercise_id=ex.id)
            for letter, item in lettered(ex):
                text = self.parse_line(item.text, _field("items", ex.items, item.id, "text"))
                order += cn.checks_order_item("", "", *text, item_id=item.id, letter=letter, count=len(ex.items))
            return order
        assert isinstance(ex, Matching)
        options = [(o.id, letter, o.text) for letter, o in lettered(ex)]
        match = cn.checks_match(exercise_id=ex.id, options=options, extended=ex.extended)
        for number, stem in numbered_stems(ex):
            text = self.parse_line(stem.text, ("stems", number - 1, "text"))
            match += cn.checks_match_stem("", "", *text, stem_id=stem.id, number=number)
        return match

    def option_line(self, ex: SingleChoice | MultipleSelect, option: Option) -> list[nodes.Node]:
        return self.parse_line(option.text, _field("options", ex.options, option.id, "text"))

    def feedback(self, ex: AnyExercise) -> list[nodes.Element]:
        # (part, label, text, misconception tag, the field the bank writes the text in)
        parts: list[tuple[str, str, str, str, Part]] = []
        if isinstance(ex, SingleChoice | MultipleSelect):
            parts = [
                (
                    o.id,
                    f"({letter}) {_words(o.text)}",
                    o.feedback,
                    o.misconception or "",
                    _field("options", ex.options, o.id, "feedback"),
                )
                for letter, o in lettered(ex)
            ]
        elif isinstance(ex, TrueFalse):
            parts = [
                ("true", "True", ex.feedback_true, "" if ex.answer else ex.misconception, ("feedback_true",)),
                ("false", "False", ex.feedback_false, ex.misconception if ex.answer else "", ("feedback_false",)),
            ]
        elif isinstance(ex, ShortText):
            parts = [
                ("correct", "Correct", ex.feedback_correct, "", ("feedback_correct",)),
                ("incorrect", "Other answers", ex.feedback_incorrect, "", ("feedback_incorrect",)),
            ]
            parts += [
                (f"wrong-{i}", f"“{w.answer}”", w.feedback, w.misconception, ("wrong_answers", i, "feedback"))
                for i, w in enumerate(ex.wrong_answers)
            ]
        elif isinstance(ex, Numeric):
            parts = [
                ("correct", "Correct", ex.feedback_correct, "", ("feedback_correct",)),
                ("incorrect", "Incorrect", ex.feedback_incorrect, ex.misconception or "", ("feedback_incorrect",)),
            ]
        elif isinstance(ex, Ordering):
            candidates = (
                ("correct", "Correct", ex.feedback_correct),
                ("incorrect", "Incorrect", ex.feedback_incorrect),
            )
            parts = [(p, label, text, "", (f"feedback_{p}",)) for p, label, text in candidates if text]
        elif isinstance(ex, Matching):
            parts = [
                (
                    s.id,
                    f"{n}. {_words(s.text)}",
                    s.feedback,
                    ", ".join(sorted(set(s.misconceptions.values()))),
                    ("stems", n - 1, "feedback"),
                )
                for n, s in numbered_stems(ex)
            ]
        out: list[nodes.Element] = []
        for part, label, text, tag, field in parts:
            node = cn.checks_feedback(exercise_id=ex.id, part=part, label=label, tag=tag)
            node.extend(self.parse_blocks(text, field))  # boxed as the page is written (cn.box_feedback)
            out.append(node)
        return out

    def solution(self, bank: Bank, ex: AnyExercise) -> cn.checks_solution:
        node = cn.checks_solution(exercise_id=ex.id)
        key = nodes.paragraph(classes=["checks-key"])
        key += nodes.strong(text="Answer: ")
        key.extend(self.key_nodes(ex))
        node += key
        node += self.parse_block(ex.explanation, ["checks-explanation"], ("explanation",))
        source = nodes.paragraph(classes=["checks-source"])
        source += nodes.Text("Source: ")
        if "sphinxcontrib.bibtex" in self.config.extensions and ex.source not in self.uncited_keys:
            source.extend(self.role("cite:t", ex.source))
        else:
            source += nodes.literal(text=ex.source)
        node += source
        return node

    def role(self, name: str, text: str) -> list[nodes.Node]:
        """What the role ``name`` makes of ``text``, as in ``{cite:t}`text``` written in a MyST page, but without
        parsing the page's markup to find the one role that is there (a tenth of a millisecond an exercise)."""
        role, messages = roles.role(name, self.state.memo.language, self.lineno, self.state.reporter)
        if role is None:  # pragma: no cover - bibtex, checked before, gives the role
            return [nodes.Text(text), *messages]
        made, more = role(name, f":{name}:`{text}`", text, self.lineno, self.state.inliner, {}, [])
        return [*made, *messages, *more]

    def unknown_cited(self, bank: Bank, ex: AnyExercise) -> frozenset[str]:
        """The keys the exercise cites, as its source or in its texts, that the bibliography lacks, each said at
        the bank's line as ``checks validate`` says it; none without sphinxcontrib-bibtex.

        sphinxcontrib-bibtex would only say "could not find bibtex key" at this page's directive,
        naming neither the bank nor the exercise; an unknown key is shown as code instead, and
        the page depends on the bibliography's files until the key is found.
        """
        if "sphinxcontrib.bibtex" not in self.config.extensions:
            return frozenset()
        bibdata = self.env.get_domain("cite").bibdata  # type: ignore[attr-defined]
        keys = frozenset(bibdata.data.entries)  # its keys as written
        # Named as validate names them: the files, as the configuration writes them.
        named = ", ".join(str(f) for f in self.config.bibtex_bibfiles)
        found = unknown_keys(ex, None, keys, named)
        if not found:  # nearly every build of a book
            return frozenset()
        path = bank_path(Path(self.config.checks_banks), bank.chapter)
        if path is not None:
            # The lines only now: finding them reads the bank file again, which a build of a book whose
            # citations are all known need not do.
            found = unknown_keys(ex, bank_spans(path)[ex.id], keys, named)
        # The fix may be an entry added to the bibliography, not an edit of the bank: read the page again then.
        for bibfile in bibdata.bibfiles:
            self.env.note_dependency(str(bibfile))
        for _, line, message in found:
            warn(CheckWarning.SOURCE, f"[{ex.id}] {message}", f"{path}:{line}" if path else None)
        return frozenset(key for key, _, _ in found)

    def key_nodes(self, ex: AnyExercise) -> list[nodes.Node]:
        if isinstance(ex, SingleChoice | MultipleSelect):
            return _key_list(
                [
                    ([_letter(letter), *self.option_line(ex, option)], option.text)
                    for letter, option in lettered(ex)
                    if option.correct
                ]
            )
        if isinstance(ex, TrueFalse):
            return [nodes.Text("True" if ex.answer else "False")]
        if isinstance(ex, ShortText):
            # An instructor marking paper by hand needs every form; a reader, the usual ones.
            shown = None if self.config.checks_edition == "instructor" else KEY_FORMS
            return [nodes.Text(accepted_forms(ex.accept, shown))]
        if isinstance(ex, Numeric):
            unit = f" {ex.units[0]}" if ex.units else ""
            return [nodes.Text(f"{ex.value:g}{unit} (accepted within ±{ex.allowed_error:g})")]
        if isinstance(ex, Ordering):
            letters = {item.id: letter for letter, item in lettered(ex)}
            return _key_list(
                [
                    ([_letter(letters[item.id]), *self.parse_line(item.text, ("items", n, "text"))], item.text)
                    for n, item in enumerate(ex.items)
                ],
                ", ",
            )
        assert isinstance(ex, Matching)
        letters = {o.id: letter for letter, o in lettered(ex)}
        texts = {o.id: o.text for o in ex.options}
        return _key_list(
            [
                ([nodes.Text(f"{n}–"), _letter(letters[s.answer]), nodes.Text(texts[s.answer])], texts[s.answer])
                for n, s in numbered_stems(ex)
            ]
        )


def _field(name: str, entries: Sequence[Any], entry_id: str, inner: str) -> Part:
    """Where the bank writes a text of the entry ``entry_id`` of the list field ``name``: ``("options", 1, "text")``.
    The page may show the entries in another order than the bank's."""
    return (name, next(i for i, entry in enumerate(entries) if entry.id == entry_id), inner)


def _words(text: str) -> str:
    """An option's or a stem's text as a label prints it, in plain words: ``{term}`fever <Fever>``` is "fever".

    A citation is left out: the label only recalls the option, and a key in brackets is no citation.
    """
    if plain.is_plain(text):
        return text
    return readable(without_citations(text), inline=True)


def _letter(letter: str) -> nodes.inline:
    """A key's "(b) ". A variant page (``data-v``, set by checks.js) hides it, since its options carry other letters."""
    return nodes.inline("", f"({letter}) ", classes=["checks-letter"])


KEY_FORMS = 3


def accepted_forms(accept: Sequence[str], limit: int | None = KEY_FORMS) -> str:
    """A short answer's key: its first forms, as the author ordered them, and how many more the grader takes.

    Banks accept the articles, plurals and spellings a reader may type; printed whole, a key ran to a dozen
    forms of one word. ``limit=None`` prints them all."""
    shown = " or ".join(f"“{a}”" for a in accept[:limit])
    more = len(accept) - len(accept[:limit])
    return shown if more <= 0 else f"{shown} (and {more} other {'form' if more == 1 else 'forms'})"


def _key_list(parts: list[tuple[list[nodes.Node], str]], separator: str = "; ") -> list[nodes.Node]:
    """Each part's nodes, joined by ``separator``, or by a space after a text that ends its own sentence (no ".;")."""
    out: list[nodes.Node] = []
    before = None  # the text of the part before
    for part, text in parts:
        if before is not None:
            out.append(nodes.Text(" " if _ends_sentence(before) else separator))
        out.extend(part)
        before = text
    return out


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!"))


class ExercisesDirective(ExerciseDirective):
    """Several exercises of one bank: ``{exercises} <chapter>`` with optional ``:ids:``."""

    required_arguments = 1
    argument_words = "the bank's chapter"
    option_spec: ClassVar[dict[str, Any]] = {"ids": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        if any(name not in self.option_spec for name in written_options(self.block_text)):
            # MyST has said which option it does not know, and runs the directive without it: without `:ids:`,
            # the whole bank would be placed. reST runs no directive with an unknown option; here it shows nothing.
            return []
        loaded = self.banks_or_warn()
        if loaded is None:
            return []
        if loaded.is_broken_bank(self.arguments[0]):
            return self.broken()
        book = loaded.book
        bank = next((b for b in book.banks if b.chapter == self.arguments[0]), None)
        if bank is None:
            hint = self.bank_hint(book, self.arguments[0]) or f" (banks: {book.chapters})"
            return self.not_found(CheckWarning.UNKNOWN_ID, f"unknown exercise bank {self.arguments[0]!r}{hint}")
        self.depend_on(bank)
        by_id = {e.id: e for e in bank.exercises}
        wanted = [i.strip() for i in self.options.get("ids", "").replace(",", " ").split()]
        # The order of :ids: is the order on the page (and so of the numbers), not the bank's.
        chosen = [by_id[i] for i in wanted if i in by_id] if wanted else list(bank.exercises)
        for missing in [i for i in wanted if i not in by_id]:
            found = book.find(missing)
            # An id of another bank is that bank's, not a slip for a close id of this one.
            hint = f" but in bank {found[0].chapter!r}" if found else did_you_mean(missing, by_id)
            message = f"exercise {missing!r} is not in bank {bank.chapter!r}{hint}"
            warn(CheckWarning.UNKNOWN_ID, message, self.get_location())
        return [node for exercise in chosen for node in self.place(bank, exercise)]


class BlueprintDirective(SphinxDirective):
    """Where the instructor edition prints its blueprint (objectives by kind of exercise)."""

    option_spec: ClassVar[dict[str, Any]] = NO_OPTIONS

    def run(self) -> list[nodes.Node]:
        _note_summary(self.env)
        return [cn.checks_blueprint()]


class AnswersDirective(SphinxDirective):
    """Where the Answers appendix goes; filled in when the page is written."""

    option_spec: ClassVar[dict[str, Any]] = NO_OPTIONS

    def run(self) -> list[nodes.Node]:
        _note_summary(self.env)
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        domain.note_answers(self.env.docname)
        answers = cn.checks_answers()
        self.set_source_info(answers)  # where a warning about what the answers list points to
        return [answers]


def _note_summary(env: Any) -> None:
    domain = env.get_domain("checks")
    assert isinstance(domain, ChecksDomain)
    domain.note_summary(env.docname)
