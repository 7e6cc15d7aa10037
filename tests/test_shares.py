"""A share as a whole percent (checks.shares): never "100%" short of the whole, nor "0%" above nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.cli import main
from checks.shares import whole_percent

from conftest import REPO


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (2, 17, "12%"),
        (166, 166, "100%"),
        (165.67, 166, "99.8%"),
        (99.999, 100, "99.9%"),
        (99.5, 100, "99.5%"),
        (99.4, 100, "99%"),
        (0, 17, "0%"),
        (1, 500, "0.2%"),
        (1, 100_000, "0.1%"),
        (0.5, 100, "0.5%"),
        (0.6, 100, "1%"),
        (0, 0, "0%"),
    ],
)
def test_a_share_is_a_whole_percent_but_at_either_end(part: float, whole: float, shown: str) -> None:
    assert whole_percent(part, whole) == shown


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_only_the_whole_is_a_hundred_and_only_nothing_is_none(part: int, whole: int) -> None:
    part = min(part, whole)
    shown = whole_percent(part, whole)
    assert (shown == "100%") == (part == whole)
    assert (shown == "0%") == (part == 0)
    assert 0 <= float(shown.rstrip("%")) <= 100


def test_a_sheet_short_of_full_marks_is_not_told_a_hundred_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The book's key with the last two steps of one ordering swapped loses a third of a point of 166."""
    key = tmp_path / "key.yaml"
    assert main(["--banks", str(REPO / "exercises"), "key", "-o", str(key)]) == 0
    text = key.read_text(encoding="utf-8")
    assert "    - d  # Micrometastasis, which may stay dormant\n    - e  # Colonisation\n" in text
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(
        text.replace("answer key", "Ann").replace(
            "    - d  # Micrometastasis, which may stay dormant\n    - e  # Colonisation\n",
            "    - e  # Colonisation\n    - d  # Micrometastasis, which may stay dormant\n",
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["--banks", str(REPO / "exercises"), "grade", str(sheet)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(" (99.8%)") and " / 166 " in first, first
