"""Exercise numbers ("Exercise 1.3"), as Sphinx's numfig assigned them."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from checks.sphinxext.paths import shown
from checks.sphinxext.warnings_ import CheckWarning, warn

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


def check_numbers(env: Any, placed: dict[str, list[tuple[str, int]]]) -> None:
    """Warn, once per page at its first exercise, of pages whose exercises Sphinx left without a number.

    Sphinx numbers only the pages that the root document's toctrees lead to. A page outside them, listed
    only in another start document's toctree (the PDF's) or marked ``orphan``, gets no warning from
    Sphinx, and its exercises read "Exercise" alone. Run after numbering, so ``env.toc_fignumbers`` is
    this build's. With ``numfig`` off no exercise has a number, and none is missed.
    """
    if not env.config.numfig:
        return
    root = shown(env.doc2path(env.config.root_doc))
    # A page that no toctree lists (files_to_rebuild: a page's toctree parents) and no other page includes,
    # and that is no orphan, Sphinx warns of itself, as "document isn't included in any toctree".
    included = set().union(*env.included.values())
    for docname in sorted(placed):
        places = placed[docname]
        unlisted = docname not in env.files_to_rebuild and docname not in included
        if unlisted and "orphan" not in env.metadata[docname]:
            continue
        if places and not any(exercise_number(env, docname, exercise_id) for exercise_id, _ in places):
            warn(
                CheckWarning.NUMBERING,
                f"exercises on this page have no number: the page is in no toctree that {root} leads to"
                f" (add it to the numbered toctree in {root})",
                (docname, min(line for _, line in places)),
            )
