"""Smart quotes for the words an exercise keeps outside its text nodes.

Options, items, stems, prompts and answers are text in the doctree, so Sphinx's smart-quotes transform
turns ``"distant"`` into “distant” and ``cancer's`` into cancer’s there, as in the prose. A few words are
strings in attributes instead, which that transform never sees: the options of a matching (listed, and
offered in each stem's ``<select>``), the labels of feedback ("(b) …", "2. …") and the objectives an
instructor's page lists under each exercise; the blueprint's objectives are made when a page is written.
:func:`educate_texts` gives them the document's quotes, and nothing where the document has none (``smartquotes =
False``, ``smartquotes_excludes``, docutils' ``smart_quotes`` setting, a language without smart quotes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform

from checks.sphinxext import nodes as cn
from checks.sphinxext.domain import ChecksDomain


def educate_texts(document: nodes.document, texts: Sequence[tuple[nodes.Element, str]]) -> list[str]:
    """Each ``(node, text)``'s text with the quotes the document's own text got at ``node`` (its language, too).

    Sphinx's transform, with its settings, exceptions and language, educates the texts in a document of
    their own: run on ``document`` itself, it would educate the document's text a second time.
    """
    # Only the texts smart quotes could change go through them: most labels and objectives have no quote.
    out = [text for _, text in texts]
    changing = [i for i, text in enumerate(out) if _MAY_CHANGE.search(text)]
    if not changing:
        return out
    fallback = document.settings.language_code
    scratch = new_document(document.get("source", ""), document.settings)
    blocks = []
    for i in changing:
        language = texts[i][0].get_language_code(fallback)
        blocks.append(nodes.paragraph("", out[i], classes=[f"language-{language}"] if language else []))
    scratch.extend(blocks)
    SphinxSmartQuotes(scratch, None).apply()
    for i, block in zip(changing, blocks, strict=True):
        out[i] = block.astext()
    return out


# What docutils' smart quotes act on, in any of their settings: quotes, backticks, backslash escapes and
# entities, dashes written as hyphens, ellipses written as dots, and (to make them straight again) any character
# beyond ASCII. A text with none of these comes out as it went in.
_MAY_CHANGE = re.compile(r"""["'`\\&]|--|\.\.\.|\. \. \.|[^\x00-\x7f]""")


class ExerciseSmartQuotes(SphinxTransform):
    """Educate the words exercise nodes keep in attributes, right after Sphinx's smart quotes."""

    default_priority = SphinxSmartQuotes.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        domain = self.env.get_domain("checks")
        assert isinstance(domain, ChecksDomain)
        if not domain.placed.get(self.env.docname):  # read just now: a page without exercises has none of these
            return
        exercises = list(self.document.findall(cn.checks_exercise))
        feedback = [node for exercise in exercises for node in exercise.findall(cn.checks_feedback)]
        matches = [node for exercise in exercises for node in exercise.findall(cn.checks_match)]
        texts: list[tuple[nodes.Element, str]] = [(label, label["label"]) for label in feedback]
        texts += [(match, text) for match in matches for _, _, text in match["options"]]
        texts += [(exercise, text) for exercise in exercises for text in exercise["objectives"]]
        if not texts:
            return
        educated = iter(educate_texts(self.document, texts))
        for label in feedback:
            label["label"] = next(educated)
        for match in matches:
            match["options"] = [(option, letter, next(educated)) for option, letter, _ in match["options"]]
        for exercise in exercises:
            exercise["objectives"] = [next(educated) for _ in exercise["objectives"]]
