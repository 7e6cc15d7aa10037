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
    """Warn, once per page at its first exercise, of pages whose exercises Sphinx left without a number, or
    numbered through the book instead of by chapter.

    Sphinx numbers only the pages that the root document's toctrees lead to. A page outside them, listed
    only in another start document's toctree (the PDF's) or marked ``orphan``, gets no warning from
    Sphinx, and its exercises read "Exercise" alone. A page that a toctree without ``:numbered:`` lists has
    no chapter number, so Sphinx counts its exercises on from those of every other such page ("Exercise 7"),
    again without a word. Run after numbering, so ``env.toc_fignumbers`` is this build's. With ``numfig``
    off no exercise has a number, and none is missed.
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
        if not places or (unlisted and "orphan" not in env.metadata[docname]):
            continue
        first = min(line for _, line in places)
        numbers = [n for n in (exercise_number(env, docname, exercise_id) for exercise_id, _ in places) if n]
        if not numbers:
            warn(
                CheckWarning.NUMBERING,
                f"exercises on this page have no number: the page is in no toctree that {root} leads to"
                f" (add it to the numbered toctree in {root})",
                (docname, first),
            )
        elif _through_the_book(env, docname):
            parents = " or ".join(shown(env.doc2path(p)) for p in sorted(env.files_to_rebuild.get(docname, ())))
            warn(
                CheckWarning.NUMBERING,
                f"exercises on this page are numbered through the book ('Exercise {numbers[0]}'), not by chapter:"
                f" the toctree in {parents} that lists the page has no :numbered: option (add :numbered: to it,"
                " or list the page in a numbered toctree)",
                (docname, first),
            )


def _through_the_book(env: Any, docname: str) -> bool:
    """Whether the page's numbers go on from other pages' for want of its own chapter number.

    A book may number every figure through the book on purpose (``numfig_secnum_depth = 0``); and the root
    document, listed in no toctree, cannot be given a chapter number.
    """
    return (
        env.config.numfig_secnum_depth > 0
        and not env.toc_secnumbers.get(docname)
        and bool(env.files_to_rebuild.get(docname))
    )


def has_no_number(env: Any, docname: str, exercise_id: str) -> bool:
    """Whether Sphinx would find no number for a ``{numref}`` to the exercise: its page has none."""
    return bool(env.config.numfig) and not exercise_number(env, docname, exercise_id)
