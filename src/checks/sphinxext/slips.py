"""A misspelt directive or option of the extension's, told with the name meant, and a directive written without
its argument, told what to write after its name.

MyST and docutils report ``{exercize}`` as an unknown directive type, and ``:id:`` on ``{exercises}`` as an
unknown option, without naming the one probably meant; and ``{exercise}`` with ``:id: c3-niche`` below it as a
directive that lacks its argument, without saying that the id goes after its name. Neither they nor Sphinx has an
event for it, so the hint is added to their own warning, one line as before, by a filter on the warning handler of
the build's logging: what ``suppress_warnings`` and ``-W`` do with the warning is unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path

from docutils.parsers.rst import Directive
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from checks.sphinxext.directives import EXERCISE_ID, written_option_values
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
# A directive without its argument: MyST's words (of type "docutils" too), and docutils' in a reST page, whose
# message ends with the directive's text.
_NO_ARGUMENT = (
    re.compile(r"^Directive '(?P<directive>[^'\n]+)': [0-9]+ argument\(s\) required, 0 supplied$"),
    re.compile(r'Error in "(?P<directive>[^"\n]+)" directive:\n[0-9]+ argument\(s\) required, 0 supplied'),
)
# Options an author may write an exercise's id in, in place of the argument.
_ID_OPTIONS = ("id", "ids", "exercise", "exercise-id", "exercise_id")


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
            if found is not None and not hint and kind == "docutils":
                # reST reads the options before the arguments: an id as an option is told as an unknown option.
                hint = self.argument_hint(found["directive"], _rest_block(record.msg), rest=True)
        if found is None and kind == "docutils":
            found = _NO_ARGUMENT[0].search(record.msg) or _NO_ARGUMENT[1].search(record.msg)
            if found is not None:
                rest = found.re is _NO_ARGUMENT[1]
                block = _rest_block(record.msg) if rest else _page_block(getattr(record, "location", None))
                hint = self.argument_hint(found["directive"], block, rest)
        if found is not None and hint:
            record.msg = f"{record.msg[: found.end()]}{hint}{record.msg[found.end() :]}"
            record.checks_hinted = True  # once, however often the record is handled
        return True

    def option_hint(self, directive: str, option: str) -> str:
        """The option of ``directive`` meant by ``option``, as a hint; none for another extension's directive."""
        directive_class = self.directives.get(directive)
        known = (directive_class.option_spec if directive_class is not None else None) or {}
        return did_you_mean(option, known)  # a directive's few options: ids' cutoff, so that 'idd' is 'ids'

    def argument_hint(self, directive: str, block_text: str | None, rest: bool) -> str:
        """What to write after the name of ``directive``, written without its argument (``block_text``: its text,
        None if unknown), as a hint; none for another extension's directive, or one written with an argument."""
        words = getattr(self.directives.get(directive), "argument_words", "")
        if not words or block_text is None or _argument(block_text, rest):
            return ""
        name = f"'.. {directive}::'" if rest else f"{{{directive}}}"
        written = dict(written_option_values(block_text))
        ids = [written[o].strip("'\"") for o in _ID_OPTIONS if len(written.get(o, "").split()) == 1]
        if words != EXERCISE_ID or not ids:
            return f" (write {words} after {name})"
        example = f"'.. {directive}:: {ids[0]}'" if rest else f"```{{{directive}}} {ids[0]}```"
        return f" (write {words} after {name}, as {example})"


def _argument(block_text: str, rest: bool) -> str:
    """What the first line of a directive's text writes after the directive's name."""
    first = block_text.splitlines()[0] if block_text else ""
    return (first.partition("::")[2] if rest else first.partition("}")[2]).strip()


def _rest_block(message: str) -> str | None:
    """The directive's text that docutils' message ends with, after a blank line."""
    return message.split("\n\n", 1)[1] if "\n\n" in message else None


def _page_block(location: object) -> str | None:
    """The page's text from the line ``location`` ("file:line", as MyST's warning gives it) on; None if unread."""
    path, _, line = str(location).rpartition(":")
    if not line.isdigit():
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return "\n".join(lines[int(line) - 1 :])


def hint_slips(directives: Mapping[str, type[Directive]]) -> None:
    """Hint at ``directives`` in the warnings of the build being set up. Sphinx makes its handlers anew for each
    build, so the filter goes with them. It comes first, before the filter that raises on a warning under
    ``--exception-on-warning``, so that the hint is in that error too."""
    hints = SlipHints(directives)
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.filters.insert(0, hints)
