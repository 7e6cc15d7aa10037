"""In the LaTeX index, a hyphenated word written in both a glossary term and an ``{index}`` directive is one entry.

Sphinx writes a hyphen as ``\\sphinxhyphen{}`` everywhere in LaTeX, index entries
included. An ``{index}`` directive's ``\\index`` stands in the running text, where
LaTeX copies it to the ``.idx`` file as written; a glossary term's stands inside the
``\\sphinxlineitem{…}`` of its term, where TeX has already read it, and writes it back
as ``\\sphinxhyphen {}``, with a space. xindy merges only the first spelling into
"-" (``sphinx.xdy``), so "pre-metastatic niche" was listed twice, once with the
glossary's page and once with the chapter's, and the glossary's entries for
hyphenated terms sorted as if they began with a backslash. Here an index entry
keeps a plain hyphen, which TeX copies the same way in both places; a run of
hyphens, which TeX would set as a dash, keeps Sphinx's form.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator

HYPHEN = r"\sphinxhyphen{}"
LONE_HYPHEN = re.compile(rf"(?<!{re.escape(HYPHEN)}){re.escape(HYPHEN)}(?!{re.escape(HYPHEN)})")


def plain_hyphens(latex: str) -> str:
    r"""``pre\sphinxhyphen{}metastatic`` → ``pre-metastatic``; ``a\sphinxhyphen{}\sphinxhyphen{}b`` as it is."""
    return LONE_HYPHEN.sub("-", latex)


def visit_index(self: LaTeXTranslator, node: nodes.Element) -> None:
    start = len(self.body)
    try:
        type(self).visit_index(self, node)  # the translator's own, which ends by skipping the node
    finally:
        self.body[start:] = [plain_hyphens(text) for text in self.body[start:]]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(addnodes.index, override=True, latex=(visit_index, None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
