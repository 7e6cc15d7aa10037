"""Exercises as generic docutils nodes, for builders the extension has no visitors for.

The extension writes HTML, LaTeX and plain text itself (``html.py``, ``latex.py``,
``text.py``). Every other builder (``man``, ``texinfo``, and any third-party one)
would stop at the first unknown node, so this post-transform rewrites each
exercise, after :class:`~checks.sphinxext.transforms.EditionLayout` has laid it
out for print, into titles, paragraphs and containers that every writer knows.
It prints what the plain-text builder prints: a numbered title, lettered
options, lines to write on, and answers where the edition puts them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from checks.model import REUSE_NOTE, choice_legend
from checks.sphinxext import nodes as cn
from checks.sphinxext.numbering import exercise_label

# The builder formats (or names) that have visitors of their own; see ``setup``.
VISITOR_FORMATS = ("html", "latex", "text")
LINE = "______________________"


def has_visitors(builder: Any) -> bool:
    return builder.name in VISITOR_FORMATS or builder.format in VISITOR_FORMATS


class GenericLayout(SphinxPostTransform):
    """Replace every node of :mod:`checks.sphinxext.nodes` with generic docutils nodes."""

    default_priority = 6  # after EditionLayout (5), before references are resolved (10)

    def run(self, **kwargs: Any) -> None:
        if has_visitors(self.env._builder_cls):
            return
        ours = [node for node in self.document.findall(nodes.Element) if _is_checks_node(node)]
        # Containers only group nodes for styling; writers such as man's run a container's first
        # paragraph into the text before it, so the exercise's own containers give way to their content.
        for node in ours:
            for box in list(node.findall(nodes.container, include_self=False)):
                box.replace_self(box.children)
        # Reversed document order puts every node after the nodes inside it, so inner nodes go first.
        # replace_self gives the first new node the old one's ids, names and classes: links still land.
        for node in reversed(ours):
            node.replace_self(_lower(node, self.env))


def _is_checks_node(node: nodes.Element) -> bool:
    return type(node).__module__ == cn.__name__


def _lower(node: nodes.Element, env: Any) -> list[nodes.Node]:
    """What stands in the node's place: generic nodes, the node's own children among them."""
    if isinstance(node, cn.checks_exercise):
        points = f"{node['points']:g} point{'s' if node['points'] != 1 else ''}"
        title = f"{exercise_label(env, node)} ({node['kind_label']}, {points})"
        return [nodes.admonition("", nodes.title(text=title), *node.children)]
    if isinstance(node, cn.checks_choice | cn.checks_order_item):
        return [nodes.paragraph("", f"({node['letter']}) ", *node.children)]
    if isinstance(node, cn.checks_match_stem):
        return [nodes.paragraph("", f"{node['number']}. ", *node.children, nodes.Text(f" {LINE}"))]
    if isinstance(node, cn.checks_choices):
        legend = nodes.paragraph("", "", nodes.emphasis(text=choice_legend(node["multiple"])))
        return [legend, *node.children]
    if isinstance(node, cn.checks_blank):
        units = f" (units: {', '.join(node['units'])})" if node["units"] else ""
        return [nodes.paragraph(text=f"Answer{units}: {LINE}")]
    if isinstance(node, cn.checks_order):
        return [nodes.paragraph(text=f"Write the letters in order, first to last: {LINE}"), *node.children]
    if isinstance(node, cn.checks_match):
        reuse = f" {REUSE_NOTE}" if node["extended"] else ""
        options = "; ".join(f"({letter}) {text}" for _, letter, text in node["options"])
        return [
            nodes.paragraph(text=f"Write the letter of the matching option after each item.{reuse}"),
            nodes.paragraph("", "", nodes.emphasis(text="Options:"), nodes.Text(f" {options}")),
            *node.children,
        ]
    if isinstance(node, cn.checks_hint):
        return _labelled("Hint", node.children)
    if isinstance(node, cn.checks_feedback):
        return _labelled(node.get("label", ""), node.children)
    if isinstance(node, cn.checks_solution):
        heading = node.get("heading")
        return [*([nodes.paragraph("", "", nodes.strong(text=heading))] if heading else []), *node.children]
    if isinstance(node, cn.checks_controls | cn.checks_data):
        return []  # only an interactive page uses them
    if isinstance(node, cn.checks_answer_link):
        return []  # as in plain text: without pages, the Answers section is found by its heading
    return list(node.children)  # objectives, answers, blueprint: their content as it stands


def lead_in(label: str) -> str:
    """A label before its text: "Hint:", but an option that ends a sentence keeps its own stop ("… spread.")."""
    return label if label.endswith((".", "?", "!", ":")) else f"{label}:"


def _labelled(label: str, children: list[nodes.Node]) -> list[nodes.Node]:
    """The body with the label in italics at the start of its first paragraph, as print shows it."""
    body = list(children)
    if label:
        lead = [nodes.emphasis(text=lead_in(label)), nodes.Text(" ")]
        if body and isinstance(body[0], nodes.paragraph):
            body[0].insert(0, lead)
        else:
            body.insert(0, nodes.paragraph("", "", *lead))
    return body
