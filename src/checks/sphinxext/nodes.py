"""The docutils nodes an exercise is made of.

Most of an exercise is built from generic nodes (paragraphs, containers) so
every builder can print it. The few nodes below carry meaning a generic node
cannot: the numbered exercise itself, its choices, the space to answer, the
solution, and the parts that only an interactive page uses (controls, data,
feedback), which a post-transform removes for print builders.

An option, an item to order and a stem hold their words themselves, so they are
text elements: the smart-quotes transform gives them the quotes and apostrophes
of the prose around them, and a link in them stands in text as writers require.
"""

from __future__ import annotations

from docutils import nodes


def prompt_id(exercise_id: str) -> str:
    """The id of an exercise's prompt, which the web page's answer controls name as their description."""
    return f"{exercise_id}-prompt"


class checks_exercise(nodes.General, nodes.Element):
    """One numbered exercise. Attributes: ``exercise_id``, ``kind``, ``points``, ``label``."""


class checks_objectives(nodes.General, nodes.Element):
    """The chapter's learning objectives (a bullet list inside)."""


class checks_choices(nodes.General, nodes.Element):
    """Lettered options. Attributes: ``exercise_id``, ``multiple`` (checkboxes, not radios)."""


class checks_choice(nodes.General, nodes.TextElement):
    """One option; inline content. Attributes: ``option_id``, ``letter``."""


class checks_blank(nodes.General, nodes.Element):
    """Space to type or write an answer. Attributes: ``exercise_id``, ``numeric``, ``units``."""


class checks_order(nodes.General, nodes.Element):
    """Items to put in order (in shuffled order). Attributes: ``exercise_id``."""


class checks_order_item(nodes.General, nodes.TextElement):
    """One item to order; inline content. Attributes: ``item_id``, ``letter``, ``count``."""


class checks_match(nodes.General, nodes.Element):
    """Stems to pair with a shared option list. Attributes: ``exercise_id``, ``options`` [(id, letter, text)]."""


class checks_match_stem(nodes.General, nodes.TextElement):
    """One stem; inline content. Attributes: ``stem_id``, ``number``."""


class checks_hint(nodes.General, nodes.Element):
    """A hint the reader may open before answering."""


class checks_solution(nodes.General, nodes.Element):
    """The key and the explanation. Attributes: ``exercise_id``, ``heading`` (e.g. "Exercise 1.3") and, on the
    Answers page, ``exercise_docname``: the page of the exercise, which the heading links back to."""


class checks_answer_link(nodes.General, nodes.Element):
    """Where print sends the reader for an exercise's answer, on the Answers page. Attributes: ``exercise_id``,
    ``docname`` (the Answers page)."""


class checks_feedback(nodes.General, nodes.Element):
    """Feedback shown after checking. Attributes: ``exercise_id``, ``part`` (option, stem, "correct"…)."""


FEEDBACK_BODY = "checks-feedback-body"


def box_feedback(feedback: checks_feedback) -> None:
    """Put a feedback's text in the box every writer shows it in, once.

    The box is added as the page is written (transforms.EditionLayout), not as it is read: with a feedback for
    every option, a box each is hundreds of nodes that every transform of the reading, and the saved doctree,
    would carry for nothing.
    """
    if len(feedback) == 1 and isinstance(feedback[0], nodes.container) and FEEDBACK_BODY in feedback[0]["classes"]:
        return
    text = list(feedback.children)
    feedback.clear()
    feedback += nodes.container("", *text, classes=[FEEDBACK_BODY])


class checks_controls(nodes.General, nodes.Element):
    """Where the interactive page puts its buttons and live status. Attribute: ``exercise_id``."""


class checks_data(nodes.General, nodes.Element):
    """The normalised grading data for the browser. Attributes: ``exercise_id``, ``json``."""


class checks_answers(nodes.General, nodes.Element):
    """Placeholder for the Answers appendix, filled when the doctree is resolved."""


class checks_blueprint(nodes.General, nodes.Element):
    """Placeholder for the instructor edition's blueprint table, filled when the doctree is resolved."""
