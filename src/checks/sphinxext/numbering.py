"""Exercise numbers ("Exercise 1.3"), as Sphinx's numfig assigned them."""

from __future__ import annotations

from typing import Any

from docutils import nodes

FIGTYPE = "exercise"


def exercise_number(env: Any, docname: str, exercise_id: str) -> str:
    numbers = env.toc_fignumbers.get(docname, {}).get(FIGTYPE, {}).get(exercise_id)
    if numbers is None:  # single-page builders merge every document's numbers under the root document
        merged = env.toc_fignumbers.get(env.config.root_doc, {})
        numbers = merged.get(f"{docname}/{FIGTYPE}", {}).get(exercise_id)
    return ".".join(str(n) for n in numbers) if numbers else ""


def exercise_label(env: Any, node: nodes.Element) -> str:
    number = exercise_number(env, node["docname"], node["exercise_id"])
    return f"Exercise {number}" if number else "Exercise"


def title_getter(node: nodes.Node) -> str:
    """What ``{numref}`` shows for ``{name}``: the kind of exercise."""
    return str(node.get("kind_label", "Exercise")) if isinstance(node, nodes.Element) else "Exercise"
