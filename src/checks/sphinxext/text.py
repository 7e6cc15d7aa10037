"""Plain-text visitors (``-b text``): the same numbered questions as in print."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from checks.model import REUSE_NOTE, choice_legend
from checks.sphinxext.generic import lead_in
from checks.sphinxext.numbering import exercise_label

Translator = Any  # sphinx.writers.text.TextTranslator


def visit_exercise(self: Translator, node: nodes.Element) -> None:
    points = f"{node['points']:g} point{'s' if node['points'] != 1 else ''}"
    self.new_state(0)
    self.add_text(f"{exercise_label(self.builder.env, node)} ({node['kind_label']}, {points})")
    self.end_state()


def visit_pass(self: Translator, node: nodes.Element) -> None:
    pass


def depart_pass(self: Translator, node: nodes.Element) -> None:
    pass


def visit_line(self: Translator, node: nodes.Element) -> None:
    prefix = f"{node['number']}. " if "number" in node else f"({node['letter']}) "
    self.new_state(4)
    self.add_text(prefix)


def depart_line(self: Translator, node: nodes.Element) -> None:
    self.end_state(first="")


def visit_blank(self: Translator, node: nodes.Element) -> None:
    units = f" (units: {', '.join(node['units'])})" if node["units"] else ""
    self.new_state(0)
    self.add_text(f"Answer{units}: ______________________")
    self.end_state()
    raise nodes.SkipNode


def visit_choices(self: Translator, node: nodes.Element) -> None:
    self.new_state(0)
    self.add_text(choice_legend(node["multiple"]))
    self.end_state()


def visit_order(self: Translator, node: nodes.Element) -> None:
    self.new_state(0)
    self.add_text("Write the letters in order, first to last: ______________________")
    self.end_state()


def visit_match(self: Translator, node: nodes.Element) -> None:
    self.new_state(0)
    reuse = f"{REUSE_NOTE} " if node["extended"] else ""
    self.add_text(reuse + "Options: " + "; ".join(f"({letter}) {text}" for _, letter, text in node["options"]))
    self.end_state()


def visit_labelled(self: Translator, node: nodes.Element) -> None:
    label = "Hint" if node.tagname == "checks_hint" else node.get("label") or node.get("heading") or ""
    if label:
        self.new_state(0)
        self.add_text(lead_in(label))
        self.end_state()


def visit_skip(self: Translator, node: nodes.Element) -> None:
    raise nodes.SkipNode


HANDLERS = {
    "checks_exercise": (visit_exercise, depart_pass),
    "checks_objectives": (visit_pass, depart_pass),
    "checks_choices": (visit_choices, depart_pass),
    "checks_choice": (visit_line, depart_line),
    "checks_blank": (visit_blank, None),
    "checks_order": (visit_order, depart_pass),
    "checks_order_item": (visit_line, depart_line),
    "checks_match": (visit_match, depart_pass),
    "checks_match_stem": (visit_line, depart_line),
    "checks_hint": (visit_labelled, depart_pass),
    "checks_solution": (visit_labelled, depart_pass),
    "checks_answer_link": (visit_skip, None),
    "checks_feedback": (visit_labelled, depart_pass),
    "checks_controls": (visit_skip, None),
    "checks_data": (visit_skip, None),
    "checks_blueprint": (visit_pass, depart_pass),
    "checks_answers": (visit_pass, depart_pass),
}
