"""Cross-document state: which page places which exercise, kept in a Domain.

A Domain is cleared per document and merged after parallel reads, so the
Answers appendix and the placement checks see a consistent picture however
the build runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


class ChecksDomain(Domain):
    name = "checks"
    label = "Self-check exercises"
    initial_data: ClassVar[dict[str, Any]] = {
        "placed": {},  # docname -> [(exercise id, line)]
        "summaries": set(),  # docnames with {answers} or {blueprint}: made from every page when written
    }

    @property
    def placed(self) -> dict[str, list[tuple[str, int]]]:
        return self.data.setdefault("placed", {})

    @property
    def summaries(self) -> set[str]:
        return self.data.setdefault("summaries", set())

    def note_summary(self, docname: str) -> None:
        self.summaries.add(docname)

    def note_placed(self, docname: str, exercise_id: str, line: int) -> None:
        self.placed.setdefault(docname, []).append((exercise_id, line))

    def clear_doc(self, docname: str) -> None:
        self.placed.pop(docname, None)
        self.summaries.discard(docname)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["placed"]:
                self.placed[docname] = otherdata["placed"][docname]
            if docname in otherdata["summaries"]:
                self.summaries.add(docname)

    def in_order(self, env: BuildEnvironment) -> Iterator[tuple[str, str]]:
        """(docname, exercise id) in reading order of the book."""
        order = {doc: i for i, doc in enumerate(_reading_order(env))}
        for docname in sorted(self.placed, key=lambda d: (order.get(d, len(order)), d)):
            for exercise_id, _ in self.placed[docname]:
                yield docname, exercise_id

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def _reading_order(env: BuildEnvironment) -> list[str]:
    seen: list[str] = []

    def walk(doc: str) -> None:
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return seen
