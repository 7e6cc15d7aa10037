"""Which of an exercise's attribute texts go through smart quotes (checks.sphinxext.quotes): only those they
could change, so that a text let by comes out as it would have come out of them."""

from __future__ import annotations

from docutils.utils.smartquotes import educate_tokens
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.sphinxext.quotes import _MAY_CHANGE

# Every setting of smart_quotes' actions that docutils reads (Sphinx's smartquotes_action is one of them), and
# languages whose quotes differ.
ACTIONS = ["1", "2", "3", "-1", "qDe", "qbBdDeiw", "qbe", "B", "w"]
LANGUAGES = ["en", "de", "fr", "ja"]

# Mostly ASCII, with what smart quotes look for and a few characters beyond.
TEXT = st.text(alphabet=st.sampled_from([*"ab .-\"'`\\&;#3x", "“", "’", "–", "…", "é", "\xa0"]), max_size=24)


def educated(text: str, action: str, language: str) -> str:
    return "".join(educate_tokens([("plain", text)], action, language))


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_a_text_let_by_comes_out_of_smart_quotes_as_it_went_in(text: str) -> None:
    if _MAY_CHANGE.search(text) is None:
        for action in ACTIONS:
            for language in LANGUAGES:
                assert educated(text, action, language) == text, (action, language)


def test_each_thing_smart_quotes_change_sends_the_text_through_them() -> None:
    for text in ['the "own" cancer', "it's", "``quoted''", "a -- b", "wait...", "wait. . .", "&#34;", "“x”", r"\'"]:
        assert _MAY_CHANGE.search(text), text
        assert any(educated(text, a, lang) != text for a in ACTIONS for lang in LANGUAGES), text
    assert _MAY_CHANGE.search("(b) Distant recurrence in the liver. A single-choice exercise") is None
