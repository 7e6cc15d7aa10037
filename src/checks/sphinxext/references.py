"""References to exercises that Sphinx cannot resolve: to an exercise of a broken bank, to one that no page
places, or to a misspelt id.

Sphinx says "undefined label" of all three. The first is left unsaid, since the bank is reported already and
no page could place the exercise; the second is said with the way to place it, the third with the id that was
probably meant.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from docutils.nodes import Element
from sphinx.application import Sphinx
from sphinx.config import Config

from checks.loading import BankError
from checks.sphinxext import banks
from checks.sphinxext.domain import ChecksDomain
from checks.sphinxext.warnings_ import logger
from checks.suggest import closest, hint


def missing_reference(app: Sphinx, env: Any, node: Element, contnode: Element) -> Element | None:
    """The reference's own words, unlinked, when this says what is wrong; else None, and Sphinx says it."""
    if node.get("refdomain") != "std" or node.get("reftype") not in ("numref", "ref"):
        return None
    folder = Path(app.config.checks_banks)
    target = node["reftarget"]
    try:
        book = banks.get_book(folder)
    except BankError:
        # The reference links again once the bank is fixed.
        return contnode if target in banks.written_ids(folder) else None
    if target in book.ids:
        domain = env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        if domain.place_of(target) is not None:
            return None
        said = f" (exercise {target!r} is placed on no page: place it with {{exercise}} {target})"
    else:
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
