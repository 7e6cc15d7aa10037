"""Citations in exported texts and on paper sheets, written as the book writes them.

``{cite:p}`steeg-2016``` is "(Steeg, 2016)" and ``{cite:t}`hanahan-2011``` "Hanahan and Weinberg (2011)";
works by one author are cited together, "(National Cancer Institute, 2025a, 2025c; Steeg, 2016)", and
text around a key (``{see}steeg-2016{p. 3}``) is kept, as the book's author–date roles write them
(``docs/_ext/author_date.py``). The labels are the book's (:mod:`checks.citation_labels`), read by the
command from its bibliography; :func:`citing` makes them the ones :mod:`checks.exports.markup` uses while
the command runs, so that no format has to pass them on. Without them (no bibliography found, or a key
not in it) a work is cited by its key, and the key is noted so that the command can warn once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from checks.exports.inline import Role, read_text, roles
from checks.files import first_few

# One key of a role, with text before and after it in braces, as sphinxcontrib-bibtex reads it.
_TARGET = re.compile(r"\s*(?:\{(?P<pre>[^{}]+)\})?\s*(?P<key>[^{}\s,]+)\s*(?:\{(?P<post>[^{}]+)\})?\s*")
BIB_HOW = "--bib FILE or the CHECKS_BIB environment variable"


@dataclass
class Citations:
    """Each work's label as (author, year) by its key as written (None: no bibliography), and the keys
    cited without one. ``named``: the bibliography's files, for the warning.
    """

    labels: Mapping[str, tuple[str, str]] | None
    named: str = ""
    unlabelled: list[str] = field(default_factory=list)

    def label(self, key: str) -> tuple[str, str] | None:
        found = self.labels.get(key) if self.labels is not None else None
        if found is None and key not in self.unlabelled:
            self.unlabelled.append(key)
        return found

    def warning(self) -> str | None:
        """One line for every key cited by itself, or None when every citation found its work."""
        if not self.unlabelled:
            return None
        keys = first_few(self.unlabelled)
        if self.labels is None:
            return f"warning: no bibliography found, so citations show their keys ({keys}); name it with {BIB_HOW}"
        return f"warning: not in the bibliography ({self.named}), so cited by their keys: {keys}"


def from_bibliography(paths: Sequence[Path]) -> Citations:
    """The book's labels for the entries of the BibTeX files ``paths``; none without files, citing keys.

    A file that cannot be read or parsed is an :class:`~checks.reading.InputError` naming it.
    """
    if not paths:
        return Citations(None)
    # Imported here: pybtex is needed only when there is a bibliography to read.
    from checks.bibliography import read_entries
    from checks.citation_labels import entry_labels, split_label

    labels = entry_labels(read_entries(paths))
    return Citations({key: split_label(label) for key, label in labels.items()}, ", ".join(map(str, paths)))


_CURRENT: ContextVar[Citations | None] = ContextVar("citations", default=None)


@contextmanager
def citing(citations: Citations) -> Iterator[Citations]:
    """Cite by ``citations`` within the block; outside any, works are cited by their keys, unnoted."""
    token = _CURRENT.set(citations)
    try:
        yield citations
    finally:
        _CURRENT.reset(token)


@dataclass(frozen=True)
class _Work:
    """One key of a citation: its author and year (None when it has no label) and the text around it."""

    key: str
    author: str | None
    year: str
    pre: str
    post: str

    def around(self, text: str) -> str:
        """``text`` with the citation's text before and after it: "see Steeg, 2016, p. 3"."""
        return ", ".join(filter(None, (" ".join(filter(None, (self.pre, text))), self.post)))

    @property
    def alone(self) -> str:
        return self.around(self.key if self.author is None else f"{self.author}, {self.year}")


def _targets(body: str) -> list[re.Match[str]] | None:
    """Each key of a role's text with the text around it; None when the text is not a list of keys."""
    targets, pos = [], 0
    while True:
        found = _TARGET.match(body, pos)
        if found is None:
            return None
        targets.append(found)
        pos = found.end()
        if pos == len(body):
            return targets
        if body[pos] != ",":
            return None
        pos += 1


def _works(body: str) -> list[_Work] | None:
    """The keys of a role's text, looked up; None when the text is not a list of keys."""
    current = _CURRENT.get()
    targets = _targets(body)
    if targets is None:
        return None
    works = []
    for found in targets:
        key = found["key"]
        author, year = (current.label(key) if current is not None else None) or (None, "")
        works.append(_Work(key, author, year, found["pre"] or "", found["post"] or ""))
    return works


# The roles of sphinxcontrib-bibtex that cite: {cite:p}, {cite:t}, {footcite:p}, … and {cite} itself.
_CITING = re.compile(r"(?:foot)?cite(?::[a-z]+)?")


def is_citation(role: str) -> bool:
    """Whether the role named ``role`` (``cite:p``, ``footcite:t``, ``term``) cites works."""
    return _CITING.fullmatch(role) is not None


def citation_roles(text: str) -> Iterator[tuple[Role, list[str]]]:
    """Each citation role of a MyST text (``{cite:p}`a, b```, ``{footcite:t}`a```) and the keys it cites.

    Roles are found as the book finds them (:func:`checks.exports.inline.roles`): not escaped nor in a
    code span; their positions are in :func:`~checks.exports.inline.read_text` of the text. Keys are read
    as sphinxcontrib-bibtex reads them; a role whose text is not a list of keys cites none.
    """
    if "cite" not in text:  # every citing role's name has it: most texts need not be parsed
        return
    for found in roles(text):
        if is_citation(found.name):
            yield found, [t["key"] for t in _targets(found.body.strip()) or ()]


def _runs(works: list[_Work]) -> list[list[_Work]]:
    """The works in runs by the same author; text after a work, or before the next, ends a run."""
    runs: list[list[_Work]] = []
    for work in works:
        last = runs[-1][-1] if runs else None
        if last and work.author and last.author == work.author and not last.post and not work.pre:
            runs[-1].append(work)
        else:
            runs.append([work])
    return runs


def _parenthetical(works: list[_Work], brackets: bool) -> str:
    text = "; ".join(", ".join([run[0].alone, *(w.around(w.year) for w in run[1:])]) for run in _runs(works))
    return f"({text})" if brackets else text


def _textual(works: list[_Work]) -> str:
    runs = [
        run[0].around(run[0].key)
        if run[0].author is None
        else f"{run[0].author} ({', '.join(w.around(w.year) for w in run)})"
        for run in _runs(works)
    ]
    if len(runs) <= 2:
        return " and ".join(runs)
    return f"{', '.join(runs[:-1])}, and {runs[-1]}"  # "A (1), B (2), and C (3)", as the book writes it


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def cite(role: str, body: str) -> str:
    """A citation role (``cite``, ``cite:p``, ``cite:t``, …) and its keys as plain text."""
    works = _works(body)
    if not works:  # not keys at all: the text as written, which the book's build would refuse anyway
        return f"({body})"
    kind = role.partition(":")[2] or "p"  # {cite} is {cite:p}
    if kind in ("t", "ts", "ct", "cts"):
        text = _textual(works)
        return _capfirst(text) if kind.startswith("c") else text
    parts = {  # the other roles of sphinxcontrib-bibtex's author–year style: one part of each label
        "year": [w.key if w.author is None else w.year for w in works],
        "author": [w.author or w.key for w in works],
        "label": [w.key if w.author is None else f"{w.author}, {w.year}" for w in works],
        "empty": [],
    }
    base = re.fullmatch(r"c?(year|author|label|empty)s?(par)?s?", kind)
    if base is None:  # p, ps, alp, alps, and any role this does not know
        return _parenthetical(works, brackets=not kind.startswith("al"))
    text = "; ".join(parts[base[1]])
    text = f"({text})" if base[2] and text else text
    return _capfirst(text) if kind.startswith("c") else text


def uncited(text: str, keys: Set[str]) -> str:
    """``text`` with each citation role that cites one of ``keys`` left as code, its keys as written: how a page
    shows a citation of works its bibliography lacks, which are reported by the bank's line instead."""
    if not keys:  # the usual text: every work it cites is in the bibliography
        return text
    text = read_text(text)
    out, pos = [], 0
    for found, cited in citation_roles(text):
        if any(key in keys for key in cited):
            out += [text[pos : found.start], text[found.ticks : found.end]]
            pos = found.end
    return "".join(out) + text[pos:]


def without_citations(text: str) -> str:
    """``text`` without its citation roles, nor the space before each: a label that only recalls an option
    needs no citation, and a key in brackets is none."""
    text = read_text(text)
    out, pos = [], 0
    for found, _ in citation_roles(text):
        out.append(text[pos : found.start].rstrip())
        pos = found.end
    return "".join(out) + text[pos:]
