"""Post-transforms that shape exercises for the builder at hand.

Interactive pages (``html``, ``dirhtml``, ``singlehtml``) keep everything,
hidden until the reader checks. Every other builder prints: the controls and
the browser data go, per-option feedback joins the solution, and the solution
goes where ``checks_answers`` says: ``inline`` after each question,
``appendix`` into the ``{answers}`` page, or ``hidden``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from checks.sphinxext import nodes as cn
from checks.sphinxext.domain import ChecksDomain
from checks.sphinxext.numbering import exercise_number

INTERACTIVE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
ANSWER_PLACES = ("appendix", "inline", "hidden")


def is_interactive(builder_name: str) -> bool:
    return builder_name in INTERACTIVE_BUILDERS


class PrintLayout(SphinxPostTransform):
    """Lay exercises out for print builders."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        # The builder's name, read the way Sphinx's own post-transforms read it.
        if is_interactive(self.env._builder_cls.name):
            for answers in self.document.findall(cn.checks_answers):
                answers.replace_self(_note("In the web book, each exercise shows its answer once you have tried it."))
            return
        place = self.config.checks_answers
        for exercise in list(self.document.findall(cn.checks_exercise)):
            for node in list(exercise.findall(cn.checks_controls)) + list(exercise.findall(cn.checks_data)):
                node.parent.remove(node)
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
                else:
                    solution.parent.remove(solution)
        for answers in list(self.document.findall(cn.checks_answers)):
            if place == "appendix":
                answers.extend(self.collect_solutions())
            else:
                answers.replace_self(
                    _note(
                        "Answers are printed after each exercise."
                        if place == "inline"
                        else "Answers are not included in this edition."
                    )
                )

    def collect_solutions(self) -> list[nodes.Node]:
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        out: list[nodes.Node] = []
        doctrees: dict[str, nodes.document] = {}
        for docname, exercise_id in domain.in_order(self.env):
            doctree = doctrees.setdefault(docname, self.env.get_doctree(docname))
            exercise = next((e for e in doctree.findall(cn.checks_exercise) if e["exercise_id"] == exercise_id), None)
            solution = next(iter(exercise.findall(cn.checks_solution)), None) if exercise else None
            if solution is None:
                continue
            copy = solution.deepcopy()
            copy["visible"] = True
            copy["heading"] = f"Exercise {exercise_number(self.env, docname, exercise_id)}"
            for feedback in exercise.findall(cn.checks_feedback):  # type: ignore[union-attr]
                item = feedback.deepcopy()
                item["visible"] = True
                copy += item
            out.append(copy)
        return out


def _note(text: str) -> nodes.paragraph:
    return nodes.paragraph(text=text, classes=["checks-answers-note"])
