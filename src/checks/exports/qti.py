"""QTI 1.2 export in the dialect Canvas imports: a zip with ``imsmanifest.xml`` and one assessment per chapter.

Each chapter becomes one ``<assessment>`` (a Canvas quiz) titled as Moodle XML names its category, "3. How
cancer spreads" (:func:`checks.exports.common.chapter_name`: Canvas lists quizzes without a due date by title), in
``<ident>/<ident>.xml``, listed in the manifest as an ``imsqti_xmlv1p2`` resource, and each exercise an ``<item>``
titled as Moodle XML names its question,
"Exercise 3.12 (c3-cascade-order)" (:func:`checks.exports.common.question_name`).
Item shapes follow Canvas's own exports: ``question_type`` and
``points_possible`` in the item metadata, HTML escaped inside ``<mattext>``,
numeric answer identifiers (Canvas keys matching answers by their digits),
``general_fb`` for the explanation, ``<ident>_fb`` for per-option feedback,
``correct_fb`` / ``general_incorrect_fb`` for typed answers. What each kind becomes:

- single → ``multiple_choice_question``; multiple → ``multiple_answers_question``
  (Canvas scores it right minus wrong over the number of correct options, floored
  at 0, as the engine does; it needs at least one wrong option). The response
  processing says the same, for any reader that scores by the file: each option
  ticked adds its share, +100/n for a right one and −100/n for a wrong one, SCORE
  is floored at 0, and the whole key, which is what Canvas reads, sets 100;
- true/false → ``true_false_question``; text → ``short_answer_question`` (Canvas
  compares case-insensitively, but keeps accents and punctuation, so each accepted answer is also listed
  without accents and as the book compares it, :mod:`checks.exports.spellings`; the feedback for each foreseen
  wrong answer joins the incorrect-answer feedback in a ``<div>`` of its own, the answer as typed and its spellings
  as Moodle is given them);
  numeric → ``numerical_question``, exact answer with a margin (units are not carried);
- matching → ``matching_question`` with 100/n per stem; a reused option keeps one
  identifier, an unused one is a distractor; per-stem feedback joins the general feedback.

Ordering has no Canvas QTI 1.2 type (matching positions would score differently)
and is skipped with a message, as are short-text exercises with patterns.

Canvas matches a quiz, a question and an answer imported again by their identifiers, so these come from the
book alone, never from what else is exported: a chapter's quiz is ``checks-<chapter>``, a question the
exercise's id, an answer the number of its option (or stem) in the exercise. A chapter exported alone is the
same file as in the whole book's zip, and importing it again updates its quiz rather than adding a second.
Output is deterministic: XML built with :mod:`xml.etree`, zip entries sorted,
fixed timestamps and permissions, stored uncompressed so the bytes do not
depend on the zlib build.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from decimal import Decimal

from checks.exports.common import Skip, chapter_digits, chapter_name, convert_bank, decimal, number, question_name
from checks.exports.markup import matching_feedback, plain_option, question_html, to_html
from checks.exports.spellings import short_answer_spellings
from checks.loading import Book
from checks.model import (
    AnyExercise,
    Item,
    Matching,
    MultipleSelect,
    Numeric,
    Option,
    Ordering,
    ShortText,
    SingleChoice,
    Stem,
    TrueFalse,
)
from checks.numbers import exercise_numbers
from checks.variants import display_match_options, display_options

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
# A matching item's stems are numbered from here, apart from its options (at most 26): Canvas keeps both by number.
STEMS_FROM = 51
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _el(parent: ET.Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs or {})
    element.text = text
    return element


def _mattext(parent: ET.Element, content: str, texttype: str = "text/html") -> None:
    _el(_el(parent, "material"), "mattext", content, {"texttype": texttype})


class _Item:
    """One ``<item>`` under construction: metadata, presentation, response processing, feedback."""

    def __init__(
        self, section: ET.Element, ex: AnyExercise, qtype: str, stem: str, answer_ids: list[str], most: str = "100"
    ) -> None:
        self.item = _el(section, "item", attrs={"ident": ex.id})  # the id: Canvas keeps a question by it
        meta = _el(_el(self.item, "itemmetadata"), "qtimetadata")
        for label, entry in (
            ("question_type", qtype),
            ("points_possible", number(ex.points)),
            ("original_answer_ids", ",".join(answer_ids)),
        ):
            field = _el(meta, "qtimetadatafield")
            _el(field, "fieldlabel", label)
            _el(field, "fieldentry", entry)
        self.presentation = _el(self.item, "presentation")
        _mattext(self.presentation, stem)
        self.processing = _el(self.item, "resprocessing")
        outcomes = _el(self.processing, "outcomes")
        _el(outcomes, "decvar", attrs={"maxvalue": most, "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
        self.feedback("general_fb", to_html(ex.explanation) if not isinstance(ex, Matching) else matching_feedback(ex))

    def condition(self, go_on: bool) -> tuple[ET.Element, ET.Element]:
        cond = _el(self.processing, "respcondition", attrs={"continue": "Yes" if go_on else "No"})
        return cond, _el(cond, "conditionvar")

    def feedback(self, ident: str, content: str, when: str | None = None) -> None:
        cond, var = self.condition(True)
        if when is None:
            _el(var, "other")
        else:
            _el(var, "varequal", when, {"respident": "response1"})
        _el(cond, "displayfeedback", attrs={"feedbacktype": "Response", "linkrefid": ident})
        _mattext(_el(_el(self.item, "itemfeedback", attrs={"ident": ident}), "flow_mat"), content)

    def choices(self, labels: list[tuple[str, str]], cardinality: str) -> None:
        lid = _el(self.presentation, "response_lid", attrs={"ident": "response1", "rcardinality": cardinality})
        render = _el(lid, "render_choice")
        for ident, content in labels:
            _mattext(_el(render, "response_label", attrs={"ident": ident}), content)

    def score(self, cond: ET.Element, value: str = "100", action: str = "Set") -> None:
        _el(cond, "setvar", value, {"action": action, "varname": "SCORE"})


def _choice_item(section: ET.Element, ex: SingleChoice | MultipleSelect | TrueFalse) -> None:
    if isinstance(ex, TrueFalse):
        rows = [("True", ex.answer, to_html(ex.feedback_true)), ("False", not ex.answer, to_html(ex.feedback_false))]
        idents = ["1", "2"]
        qtype, cardinality = "true_false_question", "Single"
    else:
        shown = display_options(ex)
        rows = [(to_html(o.text, inline=True), o.correct, to_html(o.feedback)) for o in shown]
        numbers = answer_numbers(ex.options)
        idents = [numbers[o.id] for o in shown]
        multiple = isinstance(ex, MultipleSelect)
        if multiple and all(correct for _, correct, _ in rows):
            raise Skip("Canvas multiple-answer questions need at least one wrong option")
        qtype = "multiple_answers_question" if multiple else "multiple_choice_question"
        cardinality = "Multiple" if multiple else "Single"
    item = _Item(section, ex, qtype, question_html(ex), idents)
    item.choices([(i, text) for i, (text, _, _) in zip(idents, rows, strict=True)], cardinality)
    for ident, (_, _, fb) in zip(idents, rows, strict=True):
        item.feedback(f"{ident}_fb", fb, ident)
    keyed = [(ident, correct) for ident, (_, correct, _) in zip(idents, rows, strict=True)]
    if cardinality == "Multiple":
        _option_scores(item, keyed)
    cond, var = item.condition(False)
    if cardinality == "Single":
        _el(var, "varequal", next(i for i, correct in keyed if correct), {"respident": "response1"})
    else:
        # The whole key scores full marks, as in the book, where n rounded shares may fall short of 100 or pass it;
        # it is also the condition Canvas reads the right options from.
        both = _el(var, "and")
        for ident, correct in keyed:
            _el(both if correct else _el(both, "not"), "varequal", ident, {"respident": "response1"})
    item.score(cond)


def _option_scores(item: _Item, keyed: list[tuple[str, bool]]) -> None:
    """The book's right-minus-wrong rule as response processing: each right option ticked adds 100/n to SCORE and
    each wrong one takes 100/n away, n being the number of right options; SCORE's ``minvalue`` of 0 floors a
    negative total, as the book does. The right options come first, so that SCORE only falls once it has risen:
    floored at each step or at the end, the score is the same. A wrong option adds a negative share rather than
    subtracting a positive one, since Canvas takes an option whose condition scores a positive number for a right
    one."""
    share = number(round(Decimal(100) / sum(correct for _, correct in keyed), 5))
    for ident, correct in sorted(keyed, key=lambda entry: not entry[1]):
        cond, var = item.condition(True)
        _el(var, "varequal", ident, {"respident": "response1"})
        item.score(cond, share if correct else f"-{share}", "Add")


def _typed_item(section: ET.Element, ex: ShortText | Numeric) -> None:
    if isinstance(ex, ShortText) and ex.patterns:
        raise Skip("Canvas short answers cannot express the exercise's regular-expression patterns")
    qtype = "short_answer_question" if isinstance(ex, ShortText) else "numerical_question"
    item = _Item(section, ex, qtype, question_html(ex), [])
    response = _el(item.presentation, "response_str", attrs={"ident": "response1", "rcardinality": "Single"})
    render = _el(response, "render_fib", attrs={} if isinstance(ex, ShortText) else {"fibtype": "Decimal"})
    _el(render, "response_label", attrs={"ident": "answer1", "rshuffle": "No"})
    cond, var = item.condition(False)
    incorrect = to_html(ex.feedback_incorrect, paragraphs=True)
    if isinstance(ex, ShortText):
        accepted, wrong_answers = short_answer_spellings(ex)
        for spelling in accepted:
            _el(var, "varequal", spelling, {"respident": "response1"})
        incorrect += "".join(_if_answered(spelt, wrong.feedback) for wrong, spelt in wrong_answers)
    else:
        # In decimals, so that the bounds are the numbers written (2.65, not 2.6500000000000004).
        value, margin = decimal(ex.value), decimal(float(f"{ex.allowed_error:.12g}"))
        either = _el(var, "or")
        _el(either, "varequal", number(value), {"respident": "response1"})
        span = _el(either, "and")
        _el(span, "vargte", number(value - margin), {"respident": "response1"})
        _el(span, "varlte", number(value + margin), {"respident": "response1"})
    item.score(cond)
    _el(cond, "displayfeedback", attrs={"feedbacktype": "Response", "linkrefid": "correct_fb"})
    correct = _el(item.item, "itemfeedback", attrs={"ident": "correct_fb"})
    _mattext(_el(correct, "flow_mat"), to_html(ex.feedback_correct))
    item.feedback("general_incorrect_fb", incorrect)


def _if_answered(spellings: Sequence[str], feedback: str) -> str:
    """The feedback for a foreseen wrong answer, which Canvas has no place for but the incorrect-answer feedback:
    "If you answered “1. stage” or “1 stage”: …" in a ``<div>`` of its own, with each spelling Moodle is given for
    the answer, so that a student who typed one finds it. The answer is what a student types, so it is text as
    typed (no markup, no quotes educated); the feedback is MyST, and may be paragraphs or a list, so the words
    before it open its first paragraph, or stand as one before a list."""
    quoted = [f"“{html.escape(spelling, quote=False)}”" for spelling in spellings]
    listed = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
    said = f"If you answered {listed}:"
    body = to_html(feedback, paragraphs=True)
    if body.startswith("<p>"):
        return f"<div><p>{said} {body.removeprefix('<p>')}</div>"
    return f"<div><p>{said}</p>{body}</div>"


def _matching_item(section: ET.Element, ex: Matching) -> None:
    shown = display_match_options(ex)  # the book's order, in which the key does not read straight down
    plain = [plain_option(o.text) for o in shown]
    if len(set(plain)) != len(plain):
        raise Skip("two options have the same text, which Canvas could not tell apart")
    option_ids = answer_numbers(ex.options)
    # Each stem is worth the same, as in the book; the most a student can score is the shares' sum
    # (6 × 16.67 = 100.02), so SCORE never exceeds what the item declares.
    share = f"{100 / len(ex.stems):.2f}"
    item = _Item(section, ex, "matching_question", question_html(ex), [], number(Decimal(share) * len(ex.stems)))
    stem_ids = answer_numbers(ex.stems, STEMS_FROM)
    for stem in ex.stems:
        response = f"response_{stem_ids[stem.id]}"
        lid = _el(item.presentation, "response_lid", attrs={"ident": response, "rcardinality": "Single"})
        _mattext(lid, to_html(stem.text, inline=True))
        render = _el(lid, "render_choice")
        for option, text in zip(shown, plain, strict=True):
            _mattext(_el(render, "response_label", attrs={"ident": option_ids[option.id]}), text, "text/plain")
        cond, var = item.condition(False)
        _el(var, "varequal", option_ids[stem.answer], {"respident": response})
        item.score(cond, share, "Add")


def _item(section: ET.Element, ex: AnyExercise, title: str) -> None:
    """``ex`` as an ``<item>`` of ``section`` titled ``title``, or :class:`Skip`."""
    if isinstance(ex, Ordering):
        raise Skip("Canvas QTI 1.2 has no ordering questions")
    if isinstance(ex, SingleChoice | MultipleSelect | TrueFalse):
        _choice_item(section, ex)
    elif isinstance(ex, ShortText | Numeric):
        _typed_item(section, ex)
    else:
        _matching_item(section, ex)
    section[-1].set("title", title)


def _assessment(ident: str, title: str) -> tuple[ET.Element, ET.Element]:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = _el(root, "assessment", attrs={"ident": ident, "title": title})
    return root, _el(assessment, "section", attrs={"ident": "root_section"})


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


def quiz_ident(chapter: str) -> str:
    """A chapter's quiz: ``checks-03-how-cancer-spreads``, the same whatever else is exported. A chapter's name
    holds letters, digits, ``_``, ``-`` and ``/`` (a page in a folder); ``/`` becomes ``.``, which no chapter's name
    holds, so that two chapters never share an ident, nor a folder in the zip."""
    return "checks-" + chapter.replace("/", ".")


def answer_numbers(entries: Sequence[Option | Item | Stem], first: int = 1) -> dict[str, str]:
    """The ident of each option (or stem) of an exercise, by its id: its number in the exercise as the bank
    writes it, counted from ``first``. Canvas keeps answers by number: it reads an option's id from its digits and
    makes up one for an ident with letters. Numbered within the exercise, an item is the same whatever else is
    exported with it."""
    return {entry.id: str(n) for n, entry in enumerate(entries, start=first)}


def export(book: Book, whole: Book | None = None) -> tuple[bytes, list[str]]:
    """The book (or a part of ``whole``) as a Canvas QTI 1.2 zip, and a line for each exercise skipped."""
    skipped: list[str] = []
    files: dict[str, bytes] = {}
    manifest = ET.Element("manifest", {"identifier": "checks-export", "xmlns": CP_NS})
    metadata = _el(manifest, "metadata")
    _el(metadata, "schema", "IMS Content")
    _el(metadata, "schemaversion", "1.1.3")
    _el(manifest, "organizations")
    resources = _el(manifest, "resources")
    numbers = exercise_numbers(book)
    digits = chapter_digits(whole or book)
    for bank in book.banks:
        ident = quiz_ident(bank.chapter)
        root, section = _assessment(ident, plain_option(chapter_name(bank, digits)))

        def convert(ex: AnyExercise, section: ET.Element = section) -> None:
            scratch = ET.Element("section")  # filled first, so a skipped exercise leaves nothing behind
            _item(scratch, ex, question_name(ex, numbers))  # named as in Moodle XML: "Exercise 3.1 (c3-…)"
            section.extend(list(scratch))

        if convert_bank(bank, convert, skipped):
            href = f"{ident}/{ident}.xml"
            files[href] = _xml(root)
            resource = _el(resources, "resource", attrs={"identifier": ident, "type": "imsqti_xmlv1p2"})
            _el(resource, "file", attrs={"href": href})
    files["imsmanifest.xml"] = _xml(manifest)
    return _zip(files), skipped


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()
