"""A misspelt directive or option of the extension's, told with the name meant.

MyST and docutils report ``{exercize}`` as an unknown directive type, and ``:id:`` on ``{exercises}`` as an
unknown option, without naming the one probably meant. Neither they nor Sphinx has an event for it, so the hint is
added to their own warning, one line as before, by a filter on the warning handler of the build's logging: what
``suppress_warnings`` and ``-W`` do with the warning is unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from docutils.parsers.rst import Directive
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from checks.suggest import FIELD_CUTOFF, did_you_mean

# What MyST says (type "myst") and what docutils says in a reST page (type "docutils"), each up to where the
# hint goes: MyST's at the end of its one line, docutils' before the full stop that ends its first sentence.
_UNKNOWN_DIRECTIVE = {
    "myst": re.compile(r"^Unknown directive type: (['\"])(?P<directive>.+)\1$"),
    "docutils": re.compile(r'Unknown directive type "(?P<directive>[^"\n]+)"'),
}
_UNKNOWN_OPTION = {
    "myst": re.compile(
        r"^(['\"])(?P<directive>[^'\"]+)\1: Unknown option key: (['\"])(?P<option>.+)\3 \(allowed: .*\)$"
    ),
    "docutils": re.compile(r'Error in "(?P<directive>[^"\n]+)" directive:\nunknown option: "(?P<option>[^"\n]+)"'),
}


class SlipHints(logging.Filter):
    """Adds " (did you mean 'exercise'?)" to the warning of an unknown directive close to one of ``directives``,
    and of an unknown option of one of them close to one it takes. Every record passes."""

    def __init__(self, directives: Mapping[str, type[Directive]]) -> None:
        super().__init__()
        self.directives = directives  # name → directive class, as the extension registers them

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args or not isinstance(record.msg, str) or getattr(record, "checks_hinted", False):
            return True
        kind = getattr(record, "type", None)
        found = _UNKNOWN_DIRECTIVE[kind].search(record.msg) if kind in _UNKNOWN_DIRECTIVE else None
        if found is not None:
            hint = did_you_mean(found["directive"], self.directives, FIELD_CUTOFF)
        else:
            found = _UNKNOWN_OPTION[kind].search(record.msg) if kind in _UNKNOWN_OPTION else None
            hint = self.option_hint(found["directive"], found["option"]) if found is not None else ""
        if found is not None and hint:
            record.msg = f"{record.msg[: found.end()]}{hint}{record.msg[found.end() :]}"
            record.checks_hinted = True  # once, however often the record is handled
        return True

    def option_hint(self, directive: str, option: str) -> str:
        """The option of ``directive`` meant by ``option``, as a hint; none for another extension's directive."""
        directive_class = self.directives.get(directive)
        known = (directive_class.option_spec if directive_class is not None else None) or {}
        return did_you_mean(option, known)  # a directive's few options: ids' cutoff, so that 'idd' is 'ids'


def hint_slips(directives: Mapping[str, type[Directive]]) -> None:
    """Hint at ``directives`` in the warnings of the build being set up. Sphinx makes its handlers anew for each
    build, so the filter goes with them. It comes first, before the filter that raises on a warning under
    ``--exception-on-warning``, so that the hint is in that error too."""
    hints = SlipHints(directives)
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.filters.insert(0, hints)
