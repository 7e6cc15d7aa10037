"""References that Sphinx cannot resolve: to an exercise of a broken bank, to one that no page places, to a
misspelt id, a ``{numref}`` to an exercise without a number, and any ``{term}``, ``{ref}`` or ``{numref}`` in a
bank's text.

Sphinx says "undefined label" of the first three. The first is left unsaid, since the bank is reported already and
no page can place the exercise until it is fixed; the second is said with the way to place it, the third with the id
that was probably meant, or with the bank left out for its errors whose ids begin as it does. Of the fourth Sphinx
says "Any number is not assigned", at each reference; the page is told already why its exercises have no number and
how to give them one, so that is left unsaid. Of the last Sphinx would say "term not in glossary" or "undefined
label" at the page's ``{exercise}`` or ``{objectives}`` line: it is said in Sphinx's words at the bank's line, with
the exercise (if any), the field and the term or label meant, once per build however many pages show the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from docutils.nodes import Element
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from checks.loading import BankError
from checks.sphinxext import bank_texts, banks
from checks.sphinxext import nodes as cn
from checks.sphinxext.domain import ChecksDomain
from checks.sphinxext.numbering import has_no_number
from checks.sphinxext.warnings_ import logger
from checks.suggest import closest, did_you_mean, hint


def missing_reference(app: Sphinx, env: Any, node: Element, contnode: Element) -> Element | None:
    """The reference's own words, unlinked, when this says what is wrong; else None, and Sphinx says it."""
    kind = node.get("reftype")
    if node.get("refdomain") != "std" or kind not in ("numref", "ref", "term"):
        return None
    folder = Path(app.config.checks_banks)
    target = node["reftarget"]
    try:
        loaded: banks.Loaded | None = banks.get_banks(folder)
    except BankError:
        loaded = None  # no bank to read, reported when the build began
    if kind != "term" and loaded is not None and loaded.is_broken_exercise(target):
        # The bank is reported already; the reference links again once it is fixed.
        return contnode
    # A reference in a bank's text is told at the bank, with the label or term meant; one in the page's own text
    # is left to Sphinx unless it names an exercise.
    in_bank = node.get(bank_texts.CHAPTER) is not None
    std = env.domains.standard_domain
    if kind == "term":
        said = did_you_mean(target, [name for objtype, name in std.objects if objtype == "term"]) if in_bank else None
    else:
        said = _label_hint(env, loaded, target, std.anonlabels, in_bank)
    if said is None or not _reported(app.config, node):
        return None
    # Sphinx's own words and type, so that suppress_warnings and nitpick_ignore treat it as they would Sphinx's.
    words = f"{_sphinx_words(kind, target, std.anonlabels)}{said}"
    written = bank_texts.written_at(node, folder)
    if written is None:
        logger.warning(words, location=node, type="ref", subtype=kind)
        return contnode
    # A bank's text is shown on its page and again on the answers page, and in print a key repeats an option.
    location, field = written
    message = f"{field}: {words}"
    if (str(location), message) not in _told:
        _told.add((str(location), message))
        logger.warning(message, location=location, type="ref", subtype=kind)
    return contnode  # what Sphinx shows of a reference it cannot resolve


# The references in banks' texts told in this build, by place and message: each is told once however often shown.
_told: set[tuple[str, str]] = set()


def new_build() -> None:
    """Forget the references told: a new build tells them again."""
    _told.clear()


def _label_hint(
    env: Any, loaded: banks.Loaded | None, target: str, labels: Collection[str], in_bank: bool
) -> str | None:
    """What to add to Sphinx's "undefined label" for ``target``: how to place the exercise it names, the bank of
    such ids left out for its errors, or the label meant. None when Sphinx's own warning says all there is: for a
    label in the page's own text, unless it is most like an exercise's id."""
    exercise_ids: Collection[str] = ()
    if loaded is not None:
        book = loaded.book
        exercise_ids = book.ids
        if target in book.ids:
            domain = env.get_domain("checks")
            assert isinstance(domain, ChecksDomain)
            if domain.place_of(target) is not None or domain.left_out:  # a page left out may be where it stands
                return "" if in_bank else None
            return f" (exercise {target!r} is placed on no page: place it with {{exercise}} {target})"
        # An id that begins as only a bank left out for its errors has ids begin: that bank is to fix first.
        broken = loaded.broken_hint(target)
        if broken:
            return broken
    if in_bank:
        return "" if target in labels else did_you_mean(target, labels)  # a label without a title is no slip
    meant = _meant(target, exercise_ids, labels)
    return None if meant is None else hint(meant)


def _sphinx_words(kind: str, target: str, labels: Collection[str]) -> str:
    """What Sphinx says of a reference of ``kind`` that it cannot resolve (std's dangling_warnings, and for
    ``{ref}`` its ``warn_missing_reference``)."""
    if kind == "term":
        return f"term not in glossary: {target!r}"
    if kind == "ref" and target in labels:
        return f"Failed to create a cross reference. A title or caption not found: {target!r}"
    return f"undefined label: {target!r}"


def _meant(target: str, exercise_ids: Collection[str], labels: Iterable[str]) -> str | None:
    """The exercise id most like ``target``, unless another label of the book is more like it."""
    meant = closest(target, labels)
    return meant if meant in exercise_ids else None


def _reported(config: Config, node: Element) -> bool:
    """Whether Sphinx would warn of this reference, as ``ReferencesResolver.warn_missing_reference`` decides."""
    if not config.nitpicky:
        return bool(node.get("refwarn"))
    target = node["reftarget"]
    for kind in (f"std:{node['reftype']}", node["reftype"]):
        if (kind, target) in config.nitpick_ignore:
            return False
        if any(re.fullmatch(k, kind) and re.fullmatch(t, target) for k, t in config.nitpick_ignore_regex):
            return False
    return True


class UnnumberedReferences(SphinxPostTransform):
    """A ``{numref}`` to an exercise that has no number shows its text unlinked, as Sphinx shows it, without
    Sphinx's warning at the reference: the exercise's page is warned of once already (``checks.numbering``,
    or Sphinx's "isn't included in any toctree"), with the one fix for every reference to it."""

    default_priority = 7  # before Sphinx resolves references (10), which would warn

    def run(self, **kwargs: Any) -> None:
        std = self.env.domains.standard_domain
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "std" or node.get("reftype") != "numref":
                continue
            target = node["reftarget"]
            docname, labelid = std.labels.get(target, std.anonlabels.get(target, ("", "")))[:2]
            placed = [exercise_id for exercise_id, _ in domain.placed.get(docname, [])]
            # A page's exercises have numbers all or none: only a page without them needs its doctree read.
            if placed and has_no_number(self.env, docname, placed[0]) and self._is_exercise(docname, labelid):
                node.replace_self(node[0].deepcopy())

    def _is_exercise(self, docname: str, labelid: str) -> bool:
        # An author's label written just before the directive is one of the exercise's ids, but not its first.
        return isinstance(self.env.get_doctree(docname).ids.get(labelid), cn.checks_exercise)
