"""LaTeX visitors: numbered questions, lettered options, space to answer."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

from checks.model import REUSE_NOTE, choice_legend
from checks.sphinxext import nodes as cn
from checks.sphinxext.numbering import exercise_label, exercise_number

Translator = Any  # sphinx.writers.latex.LaTeXTranslator
ANSWER_LINE = r"\par\smallskip\noindent\rule{0.6\linewidth}{0.4pt}\par\medskip" + "\n"
# An exercise starts on a new page unless this much of it fits: a short one whole, a long one its title,
# question and first options (the box itself may break after that).
KEEP_LINES = 22
CHARS_PER_LINE = 90
# A section's heading with the space above and below it, in lines of text.
HEADING_LINES = 4
# An answer's heading in the appendix ("Exercise 3.8") stays with this many lines: itself and the answer's first.
ANSWER_HEADING_LINES = 5


def visit_exercise(self: Translator, node: nodes.Element) -> None:
    points = f"{node['points']:g} point{'s' if node['points'] != 1 else ''}"
    title = self.encode(f"{exercise_label(self.builder.env, node)} ({node['kind_label']}, {points})")
    number = exercise_number(self.builder.env, node["docname"], node["exercise_id"])
    label = self.idescape(f"{node['docname']}:{node['exercise_id']}")
    # After a heading, visit_section has asked for the room already, heading included.
    keep = "" if _opens_section(node) else f"\n\\needspace{{{_kept_lines(node)}\\baselineskip}}"
    # \ref{} of this label prints the exercise number, so {numref} works in the PDF.
    self.body.append(
        f"{keep}\n\\begin{{sphinxadmonition}}{{note}}{{{title}}}\n"
        f"\\makeatletter\\def\\@currentlabel{{{number}}}\\makeatother\\phantomsection\\label{{{label}}}\n"
    )


def visit_section(self: Translator, node: nodes.Element) -> None:
    """A section that opens with an exercise (a chapter's "Self-check") asks for room for its heading and the
    exercise's start before the heading: the exercise's own \\needspace, after the heading, would end the page
    there and leave the heading alone at its foot."""
    first = _first_content(node)
    if isinstance(first, cn.checks_exercise):
        self.body.append(f"\n\\needspace{{{HEADING_LINES + _kept_lines(first)}\\baselineskip}}")
    type(self).visit_section(self, node)  # the translator's own, which this one stands in front of


def _kept_lines(exercise: nodes.Element) -> int:
    return min(_printed_lines(exercise), KEEP_LINES)


def _first_content(section: nodes.Element) -> nodes.Node | None:
    """The section's first child after its title that prints something."""
    quiet = (nodes.title, nodes.target, nodes.comment, nodes.substitution_definition, addnodes.index)
    return next((child for child in section.children if not isinstance(child, quiet)), None)


def _opens_section(exercise: nodes.Element) -> bool:
    return isinstance(exercise.parent, nodes.section) and _first_content(exercise.parent) is exercise


def _printed_lines(exercise: nodes.Element) -> int:
    """About how many lines the exercise takes in print, answers (if printed here) left out."""
    lines = 4.0  # the title bar and the box's padding
    answers = (cn.checks_solution, cn.checks_feedback)
    for node in exercise.findall(nodes.Element, include_self=False):
        if any(isinstance(a, answers) for a in _ancestors(node, exercise)):
            continue
        if isinstance(node, nodes.paragraph | cn.checks_choice | cn.checks_order_item | cn.checks_match_stem):
            lines += 0.5 + -(-len(node.astext()) // CHARS_PER_LINE)  # its lines and the space between
        elif isinstance(node, cn.checks_match):
            lines += 3 + len(node["options"])
        elif isinstance(node, cn.checks_blank | cn.checks_order | cn.checks_choices):
            lines += 2.5  # the instruction, or the line to write on
        elif isinstance(node, cn.checks_answer_link):
            lines += 2  # "Answer on page N" at the foot, with the space above it: left out, it went over alone
    return round(lines)


def _ancestors(node: nodes.Element, stop: nodes.Element) -> list[nodes.Element]:
    out = []
    parent = node.parent
    while parent is not None and parent is not stop:
        out.append(parent)
        parent = parent.parent
    return [node, *out]


def depart_exercise(self: Translator, node: nodes.Element) -> None:
    self.body.append("\\end{sphinxadmonition}\n")


def visit_list(self: Translator, node: nodes.Element) -> None:
    self.body.append("\\begin{itemize}\n")


def visit_choices(self: Translator, node: nodes.Element) -> None:
    # How to answer, and for select-all how it scores, as every other output says it.
    self.body.append(f"\\par\\noindent\\textit{{{self.encode(choice_legend(node['multiple']))}}}\n\\begin{{itemize}}\n")


def depart_list(self: Translator, node: nodes.Element) -> None:
    self.body.append("\\end{itemize}\n")


def visit_choice(self: Translator, node: nodes.Element) -> None:
    self.body.append(f"\\item[({node['letter']})] ")


def depart_line(self: Translator, node: nodes.Element) -> None:
    self.body.append("\n")


def visit_blank(self: Translator, node: nodes.Element) -> None:
    units = f" (units: {self.encode(', '.join(node['units']))})" if node["units"] else ""
    self.body.append(f"\\par\\noindent Answer{units}:\n" + ANSWER_LINE)
    raise nodes.SkipNode


def visit_order(self: Translator, node: nodes.Element) -> None:
    self.body.append("\\par\\noindent Write the letters in order, first to last.\n\\begin{itemize}\n")


def depart_order(self: Translator, node: nodes.Element) -> None:
    self.body.append("\\end{itemize}\n" + ANSWER_LINE)


def visit_order_item(self: Translator, node: nodes.Element) -> None:
    self.body.append(f"\\item[({node['letter']})] ")


def visit_match(self: Translator, node: nodes.Element) -> None:
    reuse = f" {REUSE_NOTE}" if node["extended"] else ""
    options = "".join(f"\\item[({letter})] {self.encode(text)}\n" for _, letter, text in node["options"])
    self.body.append(
        f"\\par\\noindent Write the letter of the matching option after each item.{reuse}\n"
        f"\\par\\noindent\\textit{{Options}}\n\\begin{{itemize}}\n{options}\\end{{itemize}}\n"
        "\\begin{itemize}\n"
    )


def visit_match_stem(self: Translator, node: nodes.Element) -> None:
    self.body.append(f"\\item[{node['number']}.] ")


# Every item ends alike: a dot leader of at least 3em, then a 2cm line at the right margin for the letter.
# Where the item's last line has no room for both, they go together to a line of their own (the break at
# \penalty50, with \hfil leaving the item's text ragged rather than stretched), never a lone dot or a bare line.
MATCH_BLANK = (
    r"\unskip\nobreak\hfil\penalty50\hskip0.5em\hbox{}\nobreak"
    r"\leaders\hbox to 0.6em{\hss.\hss}\hskip3em plus 1fill\nobreak\hskip0.5em\rule{2cm}{0.4pt}\par"
)


def depart_match_stem(self: Translator, node: nodes.Element) -> None:
    self.body.append(MATCH_BLANK + "\n")


def visit_hint(self: Translator, node: nodes.Element) -> None:
    self.body.append("\\par\\noindent\\textit{Hint:} ")


def visit_feedback(self: Translator, node: nodes.Element) -> None:
    # The label (often an option that ends its own sentence) on a line of its own, the feedback below it,
    # as the HTML and WeasyPrint outputs lay it out.
    self.body.append(f"\\par\\smallskip\\noindent\\textit{{{self.encode(node['label'])}}}\\par\\nopagebreak\n")


def visit_solution(self: Translator, node: nodes.Element) -> None:
    # In the Answers appendix each answer has a heading, kept with the answer's first lines. There the answer is
    # the target of its exercise's link (its label is set on the heading's line, the page the heading is on), and
    # the heading links back: "Exercise 3.1, page 36".
    heading = ""
    if node.get("heading"):
        text = self.encode(node["heading"])
        if node.get("exercise_docname"):
            label = self.idescape(f"{node['exercise_docname']}:{node['exercise_id']}")
            text = f"\\hyperref[{label}]{{{text}, page~\\pageref*{{{label}}}}}"
        heading = (
            f"\\par\\needspace{{{ANSWER_HEADING_LINES}\\baselineskip}}\\medskip"
            f"\\noindent{self.hypertarget_to(node, anchor=bool(node['ids']))}\\textbf{{{text}}}\\par\\nobreak\n"
        )
    self.body.append("\\par" + heading)


def visit_answer_link(self: Translator, node: nodes.Element) -> None:
    # At the foot of the exercise, set right in small type: the page of its answer, a link to it.
    label = self.idescape(f"{node['docname']}:{node['anchor']}")
    link = f"\\hyperref[{label}]{{Answer on page~\\pageref*{{{label}}}}}"
    self.body.append(f"\\par\\smallskip\\noindent\\hfill{{\\small{link}}}\\par\n")
    raise nodes.SkipNode


def visit_pass(self: Translator, node: nodes.Element) -> None:
    pass


def depart_pass(self: Translator, node: nodes.Element) -> None:
    pass


# The blueprint's columns are narrow: smaller type, less space between them, and cells ragged right
# rather than justified with wide gaps. Sphinx numbers tables by the chapter counter in Arabic
# ("Table 3.1" in appendix C): the blueprint takes its appendix's letter, in its caption and in the
# "continued" line of each page.
BLUEPRINT_START = "\n".join(
    [
        r"\begingroup\small\setlength{\tabcolsep}{3pt}",
        r"\renewcommand{\thetable}{\ifnum\value{chapter}>0 \thechapter.\fi\arabic{table}}",
        r"\renewcommand*{\sphinxAtStartPar}{\raggedright\leavevmode\nobreak\hskip0pt\relax}",
        "",
    ]
)


def visit_blueprint(self: Translator, node: nodes.Element) -> None:
    self.body.append("\n" + BLUEPRINT_START)


def depart_blueprint(self: Translator, node: nodes.Element) -> None:
    self.body.append("\\endgroup\n")


def visit_skip(self: Translator, node: nodes.Element) -> None:
    raise nodes.SkipNode


# Sphinx's own node, visited first here in the LaTeX builder (registered with override).
SECTION_HANDLERS = (visit_section, None)

HANDLERS = {
    "checks_exercise": (visit_exercise, depart_exercise),
    "checks_objectives": (visit_pass, depart_pass),
    "checks_choices": (visit_choices, depart_list),
    "checks_choice": (visit_choice, depart_line),
    "checks_blank": (visit_blank, None),
    "checks_order": (visit_order, depart_order),
    "checks_order_item": (visit_order_item, depart_line),
    "checks_match": (visit_match, depart_list),
    "checks_match_stem": (visit_match_stem, depart_match_stem),
    "checks_hint": (visit_hint, depart_pass),
    "checks_solution": (visit_solution, depart_pass),
    "checks_answer_link": (visit_answer_link, None),
    "checks_feedback": (visit_feedback, depart_pass),
    "checks_controls": (visit_skip, None),
    "checks_data": (visit_skip, None),
    "checks_blueprint": (visit_blueprint, depart_blueprint),
    "checks_answers": (visit_pass, depart_pass),
}
