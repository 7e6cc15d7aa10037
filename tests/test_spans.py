"""Where each exercise is written in its bank file (checks.spans)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from checks.loading import Book
from checks.spans import Span, bank_layout, bank_spans

BANK = """\
chapter: x
title: X
exercises:
  - id: first
    kind: single
    options:
      - id: a

  # --- next group ---

  - id: second
    source:
      smith2020
    kind: single
  # the objectives follow the exercises in this file
objectives:
  - id: o1
"""


def test_an_exercise_runs_to_the_next_one_or_the_next_top_level_key(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK)
    spans = bank_spans(bank)
    assert (spans["first"].first, spans["first"].last) == (4, 7)
    assert (spans["second"].first, spans["second"].last) == (11, 14)


def test_a_field_is_on_the_line_of_its_key(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK)
    second = bank_spans(bank)["second"]
    assert second.fields == {"id": 11, "source": 12, "kind": 14}
    assert (second.line("source"), second.line("explanation"), second.line()) == (12, 11, 11)


def test_a_bank_is_read_again_once_it_changes(tmp_path: Path) -> None:
    """The spans are kept per version of the file: an edit, even within the same second, is seen."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK)
    assert bank_layout(bank)[0][3] == "  - id: first"
    bank.write_text(BANK.replace("id: first", "id: renamed"))
    lines, spans = bank_layout(bank)
    assert lines[3] == "  - id: renamed" and set(spans) == {"renamed", "second"}


def test_a_json_bank_keeps_no_lines(tmp_path: Path) -> None:
    bank = tmp_path / "bank.json"
    bank.write_text('{"chapter": "x", "exercises": [{"id": "first"}, {"kind": "single"}]}')
    assert bank_spans(bank) == {"first": Span(1, 1)}


def test_every_exercise_of_the_book_is_its_span_of_lines(book: Book) -> None:
    """Cut out and read again, each span is the exercise as the bank holds it: nothing missing, nothing more."""
    for path in book.paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        raw = yaml.safe_load("\n".join(lines))["exercises"]
        spans = bank_spans(path)
        assert list(spans) == [e["id"] for e in raw]
        for exercise in raw:
            span = spans[exercise["id"]]
            [written] = yaml.safe_load(textwrap.dedent("\n".join(lines[span.first - 1 : span.last])))
            assert written == exercise, (path.name, exercise["id"])
            assert lines[span.line("kind") - 1].strip().endswith(f"kind: {exercise['kind']}")
