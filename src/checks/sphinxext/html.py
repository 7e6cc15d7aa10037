"""HTML visitors: native, accessible form controls that ``checks.js`` brings to life.

Without JavaScript the page still reads as numbered questions: the buttons,
feedback and solution start ``hidden`` and the script reveals them; a note before
the first exercise says so (noscript.py).

Each exercise's title is a heading to assistive technology, one level below its
section's, so that a screen reader moves from exercise to exercise as from section
to section. It is ``role="heading"`` on the title's paragraph, not an ``<hN>``: the
theme's "On this page" list, the toctrees and the PDF's bookmarks are made of the
sections' headings, and stay so, and the title keeps its look.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.util.osutil import relative_uri

from checks.model import REUSE_NOTE, choice_legend
from checks.sphinxext import nodes as cn
from checks.sphinxext.noscript import note_html
from checks.sphinxext.numbering import exercise_label

Translator = Any  # sphinx.writers.html5.HTML5Translator

WHY = "Show answer works once you have checked your answer."


def visit_exercise(self: Translator, node: nodes.Element) -> None:
    ex_id = node["exercise_id"]
    if _first_with_controls(self) is node:
        config = self.builder.config
        page = self.builder.get_target_uri(self.builder.current_docname)
        links = {name: relative_uri(page, href) for name, href in config.checks_printed_editions.items()}
        self.body.append(note_html(config.checks_edition, config.checks_answers, links))
    points = f"{node['points']:g}&#160;point{'s' if node['points'] != 1 else ''}"  # "3 points" on one line
    self.body.append(
        self.starttag(
            node,
            "div",
            role="group",
            **{
                "aria-labelledby": f"{ex_id}-title",
                "data-checks-id": ex_id,
                "data-checks-kind": node["kind"],
                # A downloaded sheet names its chapters, so that it is graded out of them alone.
                "data-checks-chapter": node["chapter"],
            },
        )
    )
    # The number names the exercise's buttons too (_button), where it has any.
    number_id = f' id="{ex_id}-number"' if any(isinstance(c, cn.checks_controls) for c in node.children) else ""
    self.body.append(
        f'<p class="checks-title"{_heading(self)} id="{ex_id}-title">'
        f'<strong class="checks-number"{number_id}>{escape(exercise_label(self.builder.env, node))}</strong> '
        f'<span class="checks-meta">{escape(node["kind_label"])} · {points}</span></p>\n'
    )


def _heading(self: Translator) -> str:
    """A paragraph's attributes that make it a heading one level below the section being written.

    The level is counted as the writer counts its own ``<hN>``, from the sections that hold the node: an
    exercise in a chapter's h2 section is level 3, and level 4 in a single-page book, where the chapter is
    itself a section of the start page. Outside any section it heads under the page, at level 2.
    """
    level = max(self.section_level, 1) + self.initial_header_level
    return f' role="heading" aria-level="{level}"'


def _first_with_controls(self: Translator) -> nodes.Element | None:
    """The page's first exercise with buttons, before which the note for readers without JavaScript goes.

    Printed layouts (the EPUB, the PDFs) have no buttons, and so no note. Looked for once per page, by the
    translator that writes it: a walk of the page for each exercise grows with the square of a one-page book.
    """
    try:
        found: nodes.Element | None = self._checks_first_with_controls
    except AttributeError:
        found = self._checks_first_with_controls = next(
            (
                e
                for e in self.document.findall(cn.checks_exercise)
                if any(isinstance(c, cn.checks_controls) for c in e.children)
            ),
            None,
        )
    return found


def depart_div(self: Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


LETTERED = '<ol class="{cls}" type="a" style="list-style-type: lower-alpha">'
WRITE_LINE = "______________________"


def _described(node: nodes.Element, *more: str) -> str:
    """``aria-describedby`` naming the exercise's prompt (and ``more`` ids), for an answer's input or fieldset.

    Its label or legend says only how to answer ("Your answer", "Choose one answer"): a screen reader that
    lands on the control says the question with it.
    """
    ids = " ".join(i for i in (cn.prompt_id(node["exercise_id"]), *more) if i)
    return f' aria-describedby="{escape(ids)}"'


def visit_choices(self: Translator, node: nodes.Element) -> None:
    # The scoring rule is said where the choosing happens: one right and one wrong tick score nothing.
    legend = choice_legend(node["multiple"])
    if node.get("static"):
        self.body.append(f'<p class="checks-legend"><em>{legend}</em></p>\n' + LETTERED.format(cls="checks-options"))
        return
    self.body.append(
        f'<fieldset class="checks-response checks-choices"{_described(node)}><legend>{legend}</legend>\n'
        '<ol class="checks-options" type="a">\n'
    )


def depart_choices(self: Translator, node: nodes.Element) -> None:
    self.body.append("</ol>\n" if node.get("static") else "</ol></fieldset>\n")


def visit_choice(self: Translator, node: nodes.Element) -> None:
    parent = node.parent
    if parent.get("static"):
        self.body.append(f'<li class="checks-option" data-id="{node["option_id"]}">')
        return
    ex_id, opt = parent["exercise_id"], node["option_id"]
    kind = "checkbox" if parent["multiple"] else "radio"
    self.body.append(
        f'<li class="checks-option" data-id="{opt}"><input type="{kind}" name="{ex_id}" id="{ex_id}-opt-{opt}" value="{opt}">'
        f' <label for="{ex_id}-opt-{opt}">'
    )


def depart_choice(self: Translator, node: nodes.Element) -> None:
    self.body.append("</li>\n" if node.parent.get("static") else "</label></li>\n")


def visit_blank(self: Translator, node: nodes.Element) -> None:
    ex_id = node["exercise_id"]
    if node.get("static"):
        units = f" (units: {escape(', '.join(node['units']))})" if node["units"] else ""
        self.body.append(f'<p class="checks-blank">Answer{units}: {WRITE_LINE}</p>\n')
        raise nodes.SkipNode
    mode = ' inputmode="decimal"' if node["numeric"] else ""
    units = (
        f' <span class="checks-units" id="{ex_id}-units">(units: {escape(", ".join(node["units"]))})</span>'
        if node["units"]
        else ""
    )
    described = _described(node, f"{ex_id}-units" if node["units"] else "")
    self.body.append(
        f'<p class="checks-response checks-blank"><label for="{ex_id}-input">Your answer</label> '
        f'<input type="text" id="{ex_id}-input" name="{ex_id}" autocomplete="off" spellcheck="false"{mode}{described}>'
        f"{units}</p>\n"
    )
    raise nodes.SkipNode


def visit_order(self: Translator, node: nodes.Element) -> None:
    if node.get("static"):
        self.body.append(
            '<p class="checks-legend"><em>Write the letters in order, first to last.</em></p>\n'
            + LETTERED.format(cls="checks-order-items")
        )
        return
    self.body.append(
        f'<fieldset class="checks-response checks-order"{_described(node)}>'
        "<legend>Give each item its place in the order (1 = first)</legend>\n"
        '<ol class="checks-order-items" type="a">\n'
    )


def depart_order(self: Translator, node: nodes.Element) -> None:
    if node.get("static"):
        self.body.append(f'</ol>\n<p class="checks-blank">Order: {WRITE_LINE}</p>\n')
        return
    self.body.append("</ol></fieldset>\n")


def visit_order_item(self: Translator, node: nodes.Element) -> None:
    ex_id, item = node.parent["exercise_id"], node["item_id"]
    if node.parent.get("static"):
        self.body.append(f'<li class="checks-order-item" data-id="{item}">')
        return
    self.body.append(f'<li class="checks-order-item" data-id="{item}"><label for="{ex_id}-pos-{item}">')


def depart_order_item(self: Translator, node: nodes.Element) -> None:
    ex_id, item = node.parent["exercise_id"], node["item_id"]
    if node.parent.get("static"):
        self.body.append("</li>\n")
        return
    choices = "".join(f'<option value="{n}">{n}</option>' for n in range(1, node["count"] + 1))
    self.body.append(
        f'</label> <select id="{ex_id}-pos-{item}" data-item="{item}"><option value="">Place…</option>{choices}</select></li>\n'
    )


def visit_match(self: Translator, node: nodes.Element) -> None:
    reuse = f" {REUSE_NOTE}" if node["extended"] else ""
    options = "".join(f'<li data-id="{oid}">{escape(text)}</li>' for oid, _, text in node["options"])
    if node.get("static"):
        self.body.append(
            f'<p class="checks-legend"><em>Write the letter of the matching option after each item.{reuse}</em></p>\n'
            f'<p class="checks-match-heading">Options</p>{LETTERED.format(cls="checks-match-options")}{options}</ol>\n'
            '<ol class="checks-match-stems">\n'
        )
        return
    self.body.append(
        f'<fieldset class="checks-response checks-match"{_described(node)}>'
        f"<legend>Match each item with an option.{reuse}</legend>\n"
        f'<p class="checks-match-heading">Options</p><ol class="checks-match-options" type="a">{options}</ol>\n'
        '<ol class="checks-match-stems">\n'
    )


def depart_match(self: Translator, node: nodes.Element) -> None:
    self.body.append("</ol>\n" if node.get("static") else "</ol></fieldset>\n")


def visit_match_stem(self: Translator, node: nodes.Element) -> None:
    ex_id, stem = node.parent["exercise_id"], node["stem_id"]
    if node.parent.get("static"):
        self.body.append('<li class="checks-match-stem">')
        return
    self.body.append(f'<li class="checks-match-stem"><label for="{ex_id}-stem-{stem}">')


def depart_match_stem(self: Translator, node: nodes.Element) -> None:
    ex_id, stem = node.parent["exercise_id"], node["stem_id"]
    if node.parent.get("static"):
        self.body.append(" ________</li>\n")
        return
    # Each option with the list's letter, so that two texts a phone cuts short still differ; a variant page
    # re-letters and reorders them with its list (checks.js), so that no letter here disagrees with it.
    choices = "".join(
        f'<option value="{oid}">{letter}. {escape(text)}</option>' for oid, letter, text in node.parent["options"]
    )
    self.body.append(
        f'</label> <select id="{ex_id}-stem-{stem}" data-stem="{stem}"><option value="">Choose…</option>{choices}</select></li>\n'
    )


def visit_hint(self: Translator, node: nodes.Element) -> None:
    self.body.append('<details class="checks-hint"><summary>Hint</summary>\n')


def depart_hint(self: Translator, node: nodes.Element) -> None:
    self.body.append("</details>\n")


def visit_controls(self: Translator, node: nodes.Element) -> None:
    # Without a key (the student edition) there is nothing to check or show: the script keeps answers only.
    # An answer printed open (the instructor edition) is said to be open, and can be hidden from the start.
    ex_id = node["exercise_id"]
    shown = any(isinstance(n, cn.checks_solution) and n.get("visible") for n in node.parent.children)
    show = (
        'aria-expanded="true">Hide answer'
        if shown
        else f'aria-expanded="false" aria-describedby="{ex_id}-why" disabled>Show answer'
    )
    checking = (
        ""
        if node.get("keyless")
        else f"{_button(ex_id, 'check')}>Check</button> "
        f'{_button(ex_id, "show")} aria-controls="{ex_id}-solution" {show}</button> '
    )
    # One polite live region holds the result and the feedback that follows it, so that a screen reader
    # says both after Check; not atomic, so that only what appears is said, not all that stays. checks.js
    # writes what is not to be said (a result restored on load, a count of items left) just before it instead.
    self.body.append(
        f'<div class="checks-controls" hidden>{checking}{_button(ex_id, "clear")}>Clear</button>'
        f"{'' if node.get('keyless') or shown else _why(ex_id)}</div>\n"
        '<div class="checks-result" role="status" aria-live="polite" aria-atomic="false">'
        '<div class="checks-status"></div><div class="checks-note"></div>\n'
    )
    if _ends_result(node):
        self.body.append("</div>\n")
    raise nodes.SkipNode


def _button(ex_id: str, action: str) -> str:
    """A button's opening tag, to its last attribute: named by its words and its exercise's number.

    A chapter has a dozen rows of Check, Show answer and Clear: in a screen reader's list of buttons each reads
    "Check Exercise 6.1", its visible words first (WCAG's label in name). Its own id comes first in
    ``aria-labelledby``, so that the name follows its words when Show answer becomes Hide answer.
    """
    button_id = f"{ex_id}-{action}"
    return (
        f'<button type="button" class="checks-{action}" id="{button_id}" aria-labelledby="{button_id} {ex_id}-number"'
    )


def _why(ex_id: str) -> str:
    """Why Show answer is disabled, said beside it and by it (aria-describedby) until checks.css hides the words.

    Last in the row, so that no button moves when it goes. The words sit in an inner span for the stylesheet to
    hide, not the element named by aria-describedby: browsers still read a hidden element named there.
    """
    return f' <span class="checks-why" id="{ex_id}-why"><span>{WHY}</span></span>'


def _ends_result(node: nodes.Element) -> bool:
    """Whether the result region closes after this node: the last of the controls and the feedback after them.

    Feedback elsewhere (an answers page, a printed solution) has no controls before it and no region.
    """
    siblings = node.parent.children
    i = siblings.index(node)
    if i + 1 < len(siblings) and isinstance(siblings[i + 1], cn.checks_feedback):
        return False
    while i > 0 and isinstance(siblings[i], cn.checks_feedback):
        i -= 1
    return isinstance(siblings[i], cn.checks_controls)


def visit_feedback(self: Translator, node: nodes.Element) -> None:
    hidden = "" if node.get("visible") else " hidden"
    self.body.append(f'<div class="checks-feedback" data-part="{escape(node["part"])}"{hidden}>')
    if node.get("visible"):
        self.body.append(f'<p class="checks-feedback-label"><em>{escape(node["label"])}</em></p>')


def depart_feedback(self: Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n</div>\n" if _ends_result(node) else "</div>\n")


def visit_solution(self: Translator, node: nodes.Element) -> None:
    hidden = "" if node.get("visible") else " hidden"
    # Show answer controls it, and takes the focus here, past the result and feedback.
    controlled = any(isinstance(n, cn.checks_controls) for n in node.parent.children)
    target = f' id="{node["exercise_id"]}-solution" tabindex="-1"' if controlled else ""
    if not controlled and node["ids"]:  # on the Answers page, where its exercise links to it
        target = f' id="{escape(node["ids"][0])}"'
    self.body.append(f'<div class="checks-solution"{hidden}{target}>\n')
    if node.get("heading"):
        heading = escape(node["heading"])
        if node.get("exercise_docname"):  # on the Answers page: back to the exercise
            href = escape(_uri(self, node["exercise_docname"], node["exercise_id"]))
            heading = f'<a class="reference internal" href="{href}">{heading}</a>'
        # On the Answers page each answer heads its own part, as its exercise does in the chapter.
        role = _heading(self) if node.get("exercise_docname") else ""
        self.body.append(f'<p class="checks-solution-heading"{role}><strong>{heading}</strong></p>\n')


def visit_answer_link(self: Translator, node: nodes.Element) -> None:
    # Words, not an icon: a screen reader says "link, Answer" in the exercise's group. The WeasyPrint PDF's style
    # sheet can add the page, as CSS's target-counter() gives it.
    href = escape(_uri(self, node["docname"], node["anchor"]))
    self.body.append(f'<p class="checks-answer-link"><a class="reference internal" href="{href}">Answer</a></p>\n')
    raise nodes.SkipNode


def _uri(self: Translator, docname: str, anchor: str) -> str:
    """The link from the page being written to ``anchor`` on ``docname``'s page."""
    page = self.builder.get_relative_uri(self.builder.current_docname, docname)
    # A single-page builder gives "#document-<doc>", and a URL holds one "#": the id alone, which is on the page.
    return f"#{anchor}" if page.startswith("#") else f"{page}#{anchor}"


def visit_data(self: Translator, node: nodes.Element) -> None:
    payload = node["json"].replace("</", "<\\/")
    self.body.append(f'<script type="application/json" class="checks-data">{payload}</script>\n')
    raise nodes.SkipNode


def visit_entry(self: Translator, node: nodes.Element) -> None:
    """A table cell as docutils writes it; in the blueprint, its headings say what they head (``scope``).

    The blueprint reads both ways: a column heading names a kind of exercise, a row's first cell its objective.
    """
    type(self).visit_entry(self, node)
    row, part = node.parent, node.parent.parent
    if "checks-blueprint" not in part.parent.parent["classes"]:
        return
    scope = "col" if isinstance(part, nodes.thead) else "row" if row.index(node) == 0 else None
    if scope:
        self.body[-1] = self.body[-1].replace("<th ", f'<th scope="{scope}" ', 1)


def depart_entry(self: Translator, node: nodes.Element) -> None:
    type(self).depart_entry(self, node)


def visit_div(self: Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div"))


HANDLERS = {
    "checks_exercise": (visit_exercise, depart_div),
    "checks_objectives": (visit_div, depart_div),
    "checks_choices": (visit_choices, depart_choices),
    "checks_choice": (visit_choice, depart_choice),
    "checks_blank": (visit_blank, None),
    "checks_order": (visit_order, depart_order),
    "checks_order_item": (visit_order_item, depart_order_item),
    "checks_match": (visit_match, depart_match),
    "checks_match_stem": (visit_match_stem, depart_match_stem),
    "checks_hint": (visit_hint, depart_hint),
    "checks_solution": (visit_solution, depart_div),
    "checks_answer_link": (visit_answer_link, None),
    "checks_feedback": (visit_feedback, depart_feedback),
    "checks_controls": (visit_controls, None),
    "checks_data": (visit_data, None),
    "checks_blueprint": (visit_div, depart_div),
    "checks_answers": (visit_div, depart_div),
}
