"""Post-transforms that shape exercises for the builder and the edition at hand.

Editions (``checks_edition``):

``reader``
    Interactive pages keep the key, hidden until the reader has tried; print
    puts answers where ``checks_answers`` says (``appendix``, ``inline``, ``hidden``).
``student``
    No key, explanation or feedback anywhere, and no key in the browser data:
    interactive pages keep the answers and download them, without checking.
``instructor``
    Every answer, explanation, per-option feedback, misconception tag and
    objective shown with its question, and a blueprint in the ``{blueprint}`` place.

Interactive builders (``html``, ``dirhtml``, ``singlehtml``) keep the controls
and the browser data; every other builder prints static questions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from checks.sphinxext import nodes as cn
from checks.sphinxext.banks import get_book
from checks.sphinxext.directives import KIND_LABELS
from checks.sphinxext.domain import ChecksDomain, in_toctrees
from checks.sphinxext.ids import rename_ids
from checks.sphinxext.numbering import exercise_number
from checks.sphinxext.quotes import educate_texts
from checks.sphinxext.warnings_ import CheckWarning, warn

INTERACTIVE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
ANSWER_PLACES = ("appendix", "inline", "hidden")
EDITIONS = ("reader", "student", "instructor")
# What the browser may know about an exercise in the student edition: nothing that reveals the key.
KEYLESS_DATA = ("id", "kind", "points")
BLUEPRINT_CAPTION = "Blueprint: the exercises that test each objective, by kind of exercise"
BLUEPRINT_INTRO = (
    "The blueprint lists every learning objective of the book, chapter by chapter, with the numbers of the "
    "exercises that test it, sorted by kind of exercise. Use it to choose exercises for a quiz that covers "
    "the objectives you teach, and to see which objectives no exercise tests yet or only one kind tests."
)
# The objective column is this many times as wide as a column of exercise numbers.
# Column widths in characters, as the text writer reads them; HTML and LaTeX take only their ratio.
KIND_WIDTH = 14  # "Select all that apply" in two lines
OBJECTIVE_WIDTH = 3 * KIND_WIDTH


def is_interactive(builder_name: str) -> bool:
    return builder_name in INTERACTIVE_BUILDERS


def answers_place(edition: str, answers: str) -> str:
    """Where print puts the answers: nowhere in the student edition, with each question in the instructor's."""
    return "hidden" if edition == "student" else "inline" if edition == "instructor" else answers


def answers_note(edition: str, place: str) -> str:
    """What the Answers page says in an edition that prints no answers there."""
    if place == "inline":
        return "Answers are printed after each exercise."
    if edition == "student":  # handed out for coursework: the page says where the answers are
        return "This edition has no answers: your teacher has them."
    return "This edition has no answers."


_LAID_OUT = (cn.checks_exercise, cn.checks_feedback, cn.checks_answers, cn.checks_blueprint)


class ObjectivesOnce(SphinxPostTransform):
    """A chapter's objectives listed twice on a page would repeat their ids: the second list is told and dropped.
    Runs after Sphinx keeps or drops each ``{only}`` block for the builder (priority 50), so that a list kept for
    the PDF and another for the web book are never told."""

    default_priority = 55

    def run(self, **kwargs: Any) -> None:
        # Only a page read with two lists or more can show one twice: the usual book's pages are not walked.
        if max(cast(ChecksDomain, self.env.get_domain("checks")).objectives.values(), default=0) < 2:
            return
        # (page, chapter) -> the chapter's first list on that page: the LaTeX and single-page builders run this
        # once over the whole book, where each page may list its chapter's objectives once.
        shown: dict[tuple[str, str], nodes.Element] = {}
        for page, parent, box in list(_objectives_by_page(self.document, self.env.docname)):
            key = (page, box.get("chapter"))
            first = shown.setdefault(key, box)
            if first is box:
                continue
            # Either list may come from a file the page includes: the first is named by its file, then.
            where = (
                f"line {first.line}" if first.source == box.source else f"{Path(first.source or '').name}:{first.line}"
            )
            warn(
                CheckWarning.PLACEMENT, f"the objectives of {key[1]!r} are already shown on this page, at {where}", box
            )
            parent.remove(box)


def _objectives_by_page(node: nodes.Element, page: str) -> Iterator[tuple[str, nodes.Element, nodes.Element]]:
    """Each list of objectives under ``node``, in order, with the page it is on and its parent. A book laid out as
    one document (LaTeX, a single page) marks where each page's contents start (``start_of_file``) and adds the
    appendices as documents of their own; a file a page includes is that page's. Walked from the top, since Sphinx
    moves each page's nodes into the book without telling them their new parent."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        here = str(child.get("docname", page)) if isinstance(child, addnodes.start_of_file | nodes.document) else page
        if isinstance(child, cn.checks_objectives):
            yield here, node, child
        else:
            yield from _objectives_by_page(child, here)


class EditionLayout(SphinxPostTransform):
    """Lay exercises out for the edition and the builder."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        edition = self.config.checks_edition
        # The builder's name, read the way Sphinx's own post-transforms read it.
        interactive = is_interactive(self.env._builder_cls.name)
        place = answers_place(edition, self.config.checks_answers)
        # Print and the EPUB send the reader from each exercise to its answer on the Answers page, and back.
        answers_page = self.answers_page() if place == "appendix" and not interactive else None
        # One walk of the page finds the kinds of node it lays out, each a walk of its own before.
        found = [node for node in self.document.findall() if isinstance(node, _LAID_OUT)]
        for feedback in found:
            if isinstance(feedback, cn.checks_feedback):
                cn.box_feedback(feedback)
        for exercise in [node for node in found if isinstance(node, cn.checks_exercise)]:
            if edition == "student":
                _strip_answers(exercise)
            elif edition == "instructor":
                _reveal(exercise)
            if not interactive:
                _print_layout(exercise, place, answers_page)
        for answers in [node for node in found if isinstance(node, cn.checks_answers)]:
            if interactive and edition == "reader":
                answers.replace_self(_note("In the web book, each exercise shows its answer once you have tried it."))
            elif place == "appendix":
                answers += _note("The answers and explanations, in the order the exercises appear in the book.")
                answers.extend(self.collect_solutions(answers))
            else:
                answers.replace_self(_note(answers_note(edition, place)))
        for blueprint in [node for node in found if isinstance(node, cn.checks_blueprint)]:
            if edition == "instructor":
                # The table goes in the placeholder, whose LaTeX sets the table's type size and number.
                blueprint.parent.insert(blueprint.parent.index(blueprint), _blueprint_intro())
                blueprint += self.blueprint(blueprint)
            else:
                blueprint.parent.remove(blueprint)

    def answers_page(self) -> str | None:
        """The page of this build whose ``{answers}`` an exercise links to, if any."""
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        return domain.answers_page(self.env, _built_documents(self.env))

    def collect_solutions(self, answers: nodes.Element) -> list[nodes.Node]:
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        out: list[nodes.Node] = []
        doctrees: dict[str, nodes.document] = {}
        built = _built_documents(self.env)
        left_out: set[str] = set()
        for docname, exercise_id in domain.in_order(self.env):
            if built is not None and docname not in built:
                # A PDF would print "Exercise 9.1" answers for a chapter it does not contain: said once
                # per page, and left out.
                if docname not in left_out:
                    left_out.add(docname)
                    warn(
                        CheckWarning.PLACEMENT,
                        f"the answers list exercises of {docname!r}, which this {self.env._builder_cls.name} "
                        "build does not include: add it to the toctree of the build's start document",
                        answers,
                    )
                continue
            doctree = doctrees.setdefault(docname, self.env.get_doctree(docname))
            exercise = next((e for e in doctree.findall(cn.checks_exercise) if e["exercise_id"] == exercise_id), None)
            solution = next(iter(exercise.findall(cn.checks_solution)), None) if exercise else None
            if exercise is None or solution is None:
                continue
            copy = solution.deepcopy()
            _prefix_ids(copy, f"answer-{exercise_id}")
            copy["visible"] = True
            copy["heading"] = f"Exercise {exercise_number(self.env, docname, exercise_id)}"
            # The target of the exercise's link here; the heading links back to the exercise.
            copy["ids"] = [answer_anchor(exercise_id)]
            copy["exercise_docname"] = docname
            for feedback in exercise.findall(cn.checks_feedback):
                item = feedback.deepcopy()
                cn.box_feedback(item)  # from the page as it was read, not as it is written
                _prefix_ids(item, f"answer-{exercise_id}")
                item["visible"] = True
                copy += item
            out.append(copy)
        return out

    def blueprint(self, place: nodes.Element) -> nodes.table:
        """Objectives by kind of exercise, with the numbers of the exercises that test them."""
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        book = get_book(Path(self.config.checks_banks))
        cells: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for docname, exercise_id in domain.in_order(self.env):
            found = book.find(exercise_id)
            if found is None:
                continue
            bank, exercise = found
            for objective_id in exercise.objectives:
                cells[(bank.chapter, objective_id)][exercise.kind].append(
                    exercise_number(self.env, docname, exercise_id)
                )
        # Columns in the order and with the names the exercises' titles print.
        kinds = [kind for kind in KIND_LABELS if any(kind in row for row in cells.values())]
        objectives = [(bank, objective) for bank in book.banks for objective in bank.objectives]
        # With the quotes of the prose, as their chapters print them.
        titles = educate_texts(self.document, [(place, f"{bank.title}: {o.text}") for bank, o in objectives])
        rows = [
            [title, *(", ".join(cells.get((bank.chapter, objective.id), {}).get(k, [])) for k in kinds)]
            for (bank, objective), title in zip(objectives, titles, strict=True)
        ]
        return blueprint_table(["Objective", *(KIND_LABELS[k] for k in kinds)], rows)


# Builders that make one document from the toctrees of start documents (configuration value of those, of appendices).
_ONE_DOCUMENT = {
    "latex": ("latex_documents", "latex_appendices"),
    "texinfo": ("texinfo_documents", "texinfo_appendices"),
    "man": ("man_pages", None),
}


def _built_documents(env: Any) -> set[str] | None:
    """The documents a one-document builder puts in its output; None when every page is written as its own."""
    name = env._builder_cls.name
    if name in ("singlehtml", "simplepdf"):
        return set(in_toctrees(env, [env.config.root_doc]))
    if name not in _ONE_DOCUMENT:
        return None
    documents, appendices = _ONE_DOCUMENT[name]
    starts = [entry[0] for entry in getattr(env.config, documents)]
    starts += getattr(env.config, appendices) if appendices else []
    return set(in_toctrees(env, starts))


def _blueprint_intro() -> nodes.paragraph:
    return nodes.paragraph(text=BLUEPRINT_INTRO, classes=["checks-blueprint-intro"])


def blueprint_table(head: list[str], rows: list[list[str]]) -> nodes.table:
    """The blueprint as a captioned table whose first column, the objectives, heads each row.

    The objective column is several times as wide as a column of exercise numbers; the widths are given
    ("colwidths-given"), so LaTeX and HTML both use them. The table runs over pages (``longtable``).
    """
    # An id, as every captioned table has: writers link the caption to it.
    table = nodes.table(ids=["checks-blueprint"], classes=["checks-blueprint", "colwidths-given", "longtable"])
    table += nodes.title(text=BLUEPRINT_CAPTION)
    group = nodes.tgroup(cols=len(head))
    table += group
    group += nodes.colspec(colwidth=OBJECTIVE_WIDTH, stub=1)
    group.extend(nodes.colspec(colwidth=KIND_WIDTH) for _ in head[1:])
    thead, tbody = nodes.thead(), nodes.tbody()
    thead += _row(head)
    tbody.extend(_row(row) for row in rows)
    group += thead
    group += tbody
    return table


def _row(texts: list[str]) -> nodes.row:
    row = nodes.row()
    for text in texts:
        row += nodes.entry("", nodes.paragraph(text=text))
    return row


def _strip_answers(exercise: nodes.Element) -> None:
    answers: list[nodes.Element] = [*exercise.findall(cn.checks_solution), *exercise.findall(cn.checks_feedback)]
    for node in answers:
        _remove(node)
    for data in exercise.findall(cn.checks_data):
        full = json.loads(data["json"])
        data["json"] = json.dumps({k: full[k] for k in KEYLESS_DATA}, separators=(",", ":"))
    for controls in exercise.findall(cn.checks_controls):
        controls["keyless"] = True  # answers are kept and downloaded, never checked


def _reveal(exercise: nodes.Element) -> None:
    for solution in exercise.findall(cn.checks_solution):
        solution["visible"] = True
        solution["heading"] = "Answer and explanation"
        objectives = nodes.paragraph(classes=["checks-objectives-tested"])
        objectives += nodes.emphasis(text="Objectives tested: ")
        objectives += nodes.Text("; ".join(exercise["objectives"]))
        solution += objectives
    for feedback in exercise.findall(cn.checks_feedback):
        feedback["visible"] = True
        if feedback.get("tag"):
            feedback["label"] = f"{feedback['label']} (misconception: {feedback['tag']})"


def answer_anchor(exercise_id: str) -> str:
    """The id of an exercise's answer on the Answers page."""
    return f"answer-{exercise_id}"


def _print_layout(exercise: nodes.Element, place: str, answers_page: str | None) -> None:
    # Print has no form controls: lettered options and lines to write on.
    for response in exercise.findall(
        lambda n: isinstance(n, cn.checks_choices | cn.checks_blank | cn.checks_order | cn.checks_match)
    ):
        response["static"] = True  # type: ignore[index]
    interactive_only: list[nodes.Element] = [*exercise.findall(cn.checks_controls), *exercise.findall(cn.checks_data)]
    for node in interactive_only:
        _remove(node)
    solution = next(iter(exercise.findall(cn.checks_solution)), None)
    for feedback in list(exercise.findall(cn.checks_feedback)):
        feedback.parent.remove(feedback)
        if solution is not None:
            feedback["visible"] = True
            solution += feedback
    if solution is not None:
        if place == "inline":
            solution["visible"] = True
            solution["heading"] = "Answer and explanation"
            # Print style sheets keep a question whole but may break its answer over a page.
            exercise["classes"].append("checks-answered")
        else:
            solution.parent.remove(solution)
            if place == "appendix" and answers_page is not None:
                exercise += cn.checks_answer_link(
                    exercise_id=exercise["exercise_id"],
                    docname=answers_page,
                    anchor=answer_anchor(exercise["exercise_id"]),
                )


def _prefix_ids(copy: nodes.Element, prefix: str) -> None:
    """Prefix the ids of a node copied onto the answers page, and the references to them inside the copy.

    Copies come from several chapters, whose serial ids (``id9``, a citation's ``id52``) repeat.
    """
    elements = list(copy.findall(nodes.Element))
    renamed = {i: f"{prefix}-{i}" for element in elements for i in element["ids"]}
    rename_ids((element, renamed) for element in elements)


def _remove(node: nodes.Node) -> None:
    assert node.parent is not None
    node.parent.remove(node)


def _note(text: str) -> nodes.paragraph:
    return nodes.paragraph(text=text, classes=["checks-answers-note"])
