"""Benchmark: grading N synthetic answer sheets against the whole book vs merely parsing them.

Run on demand:  .venv/bin/python bench/grading.py [N]
Prints wall times and their ratio (target: grading at most 2x parsing), plus the
wall time of one `checks grade` process. Figures are ratios measured in the same
run, because the machine is shared and absolute times are noisy.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from checks.loading import load_book
from checks.reading import read_document
from checks.sheets import MAX_SHEET_BYTES, BookGrader, key_response, read_sheet

REPO = Path(__file__).resolve().parent.parent


def synthetic_sheets(folder: Path, count: int) -> list[Path]:
    """Sheets answering most exercises: some right, some wrong, some out of shape."""
    book = load_book([REPO / "exercises"])
    exercises = [e for _, e in book.exercises()]
    rng = random.Random(20261125)
    paths = []
    for n in range(count):
        answers = {}
        for ex in exercises:
            roll = rng.random()
            if roll < 0.1:
                continue
            key = key_response(ex)
            if roll < 0.6:
                answers[ex.id] = key
            elif isinstance(key, list):
                answers[ex.id] = list(reversed(key))
            elif isinstance(key, dict):
                answers[ex.id] = {k: rng.choice(list(key.values())) for k in key}
            elif isinstance(key, bool):
                answers[ex.id] = not key
            else:
                answers[ex.id] = "no idea"
        path = folder / f"student-{n:05d}.json"
        path.write_text(json.dumps({"student": f"s{n:05d}", "answers": answers}), encoding="utf-8")
        paths.append(path)
    return paths


def positive(text: str) -> int:
    """A count of sheets or runs, at least 1: with none there would be nothing to time, nor to divide by."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {count}")
    return count


def sheet_count(doc: str, argv: Sequence[str] | None = None) -> int:
    """N, the number of synthetic sheets, from the command line of a benchmark whose module docstring is ``doc``;
    ``--help`` prints that docstring, and a count that is not a positive whole number is one line, exit 2."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "count", nargs="?", type=positive, default=10_000, metavar="N", help="sheets to time (default: 10000)"
    )
    count: int = parser.parse_args(argv).count
    return count


def best_of(runs: int, func) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    count = sheet_count(__doc__)
    book = load_book([REPO / "exercises"])
    with tempfile.TemporaryDirectory() as tmp:
        paths = synthetic_sheets(Path(tmp), count)
        parse = best_of(3, lambda: [read_document(p, max_bytes=MAX_SHEET_BYTES) for p in paths])

        def grade_all() -> None:
            grader = BookGrader(book)  # a fresh grader each run: nothing remembered between runs
            for path in paths:
                grader.grade(read_sheet(path, book))

        grade = best_of(3, grade_all)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "checks", "--banks", str(REPO / "exercises"), "grade", str(paths[0])],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        one = time.perf_counter() - start
    exercises = len(list(book.exercises()))
    print(f"{'measure':<42} {'value':>12}")
    print(f"{'sheets x exercises':<42} {count:>6} x {exercises}")
    print(f"{'parse only (s)':<42} {parse:>12.3f}")
    print(f"{'read + validate + grade (s)':<42} {grade:>12.3f}")
    print(f"{'ratio grade / parse (target <= 2.0)':<42} {grade / parse:>12.2f}")
    print(f"{'one `checks grade` process, wall (s)':<42} {one:>12.3f}")


if __name__ == "__main__":
    main()
