"""References to exercises that Sphinx cannot resolve: to an exercise of a broken bank, to one that no page
places, to a misspelt id, or a ``{numref}`` to an exercise without a number.

Sphinx says "undefined label" of the first three. The first is left unsaid, since the bank is reported already and
no page can place the exercise until it is fixed; the second is said with the way to place it, the third with the id
that was probably meant, or with the bank left out for its errors whose ids begin as it does. Of the fourth Sphinx
says "Any number is not assigned", at each reference; the page is told already why its exercises have no number and
how to give them one, so that is left unsaid.
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
from checks.sphinxext import banks
from checks.sphinxext import nodes as cn
from checks.sphinxext.domain import ChecksDomain
from checks.sphinxext.numbering import has_no_number
from checks.sphinxext.warnings_ import logger
from checks.suggest import closest, hint


def missing_reference(app: Sphinx, env: Any, node: Element, contnode: Element) -> Element | None:
    """The reference's own words, unlinked, when this says what is wrong; else None, and Sphinx says it."""
    if node.get("refdomain") != "std" or node.get("reftype") not in ("numref", "ref"):
        return None
    folder = Path(app.config.checks_banks)
    target = node["reftarget"]
    try:
        loaded = banks.get_banks(folder)
    except BankError:
        return None  # no bank to read, reported when the build began
    if loaded.is_broken_exercise(target):
        # The bank is reported already; the reference links again once it is fixed.
        return contnode
    book = loaded.book
    if target in book.ids:
        domain = env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        if domain.place_of(target) is not None or domain.left_out:  # a page left out may be where it stands
            return None
        said = f" (exercise {target!r} is placed on no page: place it with {{exercise}} {target})"
    else:
        # An id that begins as only a bank left out for its errors has ids begin: that bank is to fix first.
        said = loaded.broken_hint(target)
        if not said:
            meant = _meant(target, book.ids, env.domains.standard_domain.anonlabels)
            if meant is None:
                return None
            said = hint(meant)
    if not _reported(app.config, node):
        return None
    # Sphinx's own words and type, so that suppress_warnings and nitpick_ignore treat it as they would Sphinx's.
    logger.warning(f"undefined label: {target!r}{said}", location=node, type="ref", subtype=node["reftype"])
    return contnode  # what Sphinx shows of a reference it cannot resolve


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
