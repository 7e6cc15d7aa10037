"""How a line of a bank or sheet begins, as the messages about YAML's slips read it (see checks.indentation)."""

from __future__ import annotations

import pytest

from checks.indentation import indent_of, leading_key


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("prompt: Pick one.", "prompt"),
        ("    - id: a", "id"),
        ("  - - id: a", "id"),  # an entry of a list in a list
        ("    options:", "options"),
        ("  c3-next-step: b  # Right", "c3-next-step"),
        ("    colorectal liver", None),  # its colon left out
        ("  at 12:30 sharp", None),  # a colon inside a text ends no key
        ("  - a", None),
        ("  # source: key", None),
        ("", None),
    ],
)
def test_the_key_a_line_starts_with(line: str, key: str | None) -> None:
    assert leading_key(line) == key


def test_the_indent_of_a_line_counts_its_spaces() -> None:
    assert [indent_of(line) for line in ("a: b", "    - id: a", "  ", "\tb: c")] == [0, 4, 2, 0]
