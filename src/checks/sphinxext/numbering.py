"""Exercise numbers ("Exercise 1.3"), as Sphinx's numfig assigned them."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from checks.loading import Book
from checks.model import Bank
from checks.numbers import exercise_numbers
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


def check_sheet_numbers(
    env: Any, book: Book, placed: dict[str, list[tuple[str, int]]], first: dict[str, tuple[str, int]]
) -> None:
    """Warn, once per page at the first such exercise, of pages that number an exercise otherwise than the answer
    sheets and keys do (:mod:`checks.numbers`): a student answering from the page would look for "Exercise 3.9"
    and find another exercise's id beside it. ``first``: where each exercise is shown, (docname, line).

    Sheets are made without Sphinx: they take a chapter's number from its name and number its exercises in the
    order of its bank. A page that places them in another order, a chapter's page listed at another place in the
    numbered toctree, or a page other than the chapter's numbers them otherwise. An exercise of another chapter's
    bank on a chapter's page is warned of already (``checks.placement``), and exercises that Sphinx left without a
    number are told by :func:`check_numbers`.

    A page that places its chapter's exercises in the order of the bank, but not all of them, is told only of those
    it leaves to another page: one that no page places is told at the bank, and most often the page names it in a
    directive that failed (misspelt, an unknown id or option), told at the page. Reordering the bank would be no fix.
    """
    if not env.config.numfig:
        return
    on_sheets = exercise_numbers(book)
    banks = {bank.chapter: path for bank, path in zip(book.banks, book.paths, strict=True)}
    for docname in sorted(placed):
        for exercise_id, line in placed[docname]:
            found = book.find(exercise_id)
            if found is None or exercise_id not in on_sheets or (docname in banks and found[0].chapter != docname):
                continue
            here, sheet = exercise_number(env, docname, exercise_id), on_sheets[exercise_id]
            if not here or here == sheet or _through_the_book(env, docname):  # the last told by check_numbers
                continue
            chapter = found[0].chapter
            if docname != chapter:
                fix = f"place it on the page of chapter {chapter}"
            elif here.count(".") != 1:  # numbered through the book, or by section, on purpose
                fix = "number the exercises by chapter, as Sphinx does by default (numfig_secnum_depth = 1)"
            elif here.split(".")[0] != sheet.split(".")[0]:
                fix = f"list the page as chapter {sheet.split('.')[0]} in the numbered toctree, as its name says"
            else:
                skipped = _skipped(found[0], [i for i, _ in placed[docname]], exercise_id)
                elsewhere = [i for i in skipped or () if i in first]
                if skipped is not None and not elsewhere:
                    continue  # the exercises left out are told where they are, or that no page places them
                fix = (
                    _place_here(env, elsewhere, first)
                    if elsewhere
                    else "place the page's exercises in the order of the bank, or reorder the bank"
                )
            warn(
                CheckWarning.NUMBERING,
                f"exercise {exercise_id!r} is Exercise {here} here but Exercise {sheet} on the answer sheets and"
                " keys, which take a chapter's number from its name and number its exercises in the order of its"
                f" bank ({shown(banks[chapter])}): {fix}",
                (docname, line),
            )
            break


def _skipped(bank: Bank, on_page: list[str], exercise_id: str) -> list[str] | None:
    """The exercises of ``bank`` before ``exercise_id`` that the page does not place, when the page places the
    bank's exercises in the bank's order; None when it places them in another order."""
    order = [exercise.id for exercise in bank.exercises]
    own = [i for i in on_page if i in order]
    if own != sorted(own, key=order.index):
        return None
    return [i for i in order[: order.index(exercise_id)] if i not in own]


def _place_here(env: Any, exercise_ids: list[str], first: dict[str, tuple[str, int]]) -> str:
    """What to do of the exercises before this one in the bank that another page places."""
    where = ", ".join(f"{i!r} at {shown(env.doc2path(first[i][0]))}:{first[i][1]}" for i in exercise_ids)
    them = "it" if len(exercise_ids) == 1 else "them"
    return f"the bank has {where} before it: place {them} on this page, as the bank orders them"


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
