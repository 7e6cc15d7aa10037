"""Benchmark: a class gradebook of N synthetic sheets over the whole book vs merely parsing them.

Run on demand:  .venv/bin/python bench/gradebook.py [N]
Prints wall and CPU times and their ratios (target: the whole gradebook, from
loading the book and reading the sheets to writing the four files, at most 2x
parsing), the same ratio for reading and grading alone (the floor under any
gradebook), and how the gradebook's time splits between its steps. The sheets are those of bench/grading.py. Figures
are ratios measured in the same run, because the machine is shared and absolute
times are noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from grading import REPO, sheet_count, synthetic_sheets

from checks.gradebook import cmd_gradebook
from checks.gradebook.collect import collect, paused_gc
from checks.gradebook.items import analyse
from checks.gradebook.report import report_html
from checks.gradebook.tables import grades_csv, items_csv
from checks.loading import load_book
from checks.reading import read_document
from checks.sheets import MAX_SHEET_BYTES, BookGrader, read_sheet


def best(runs: int, func: Callable[[], object]) -> tuple[float, float]:
    """The shortest wall time and the shortest CPU time of ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    count = sheet_count(__doc__)
    book = load_book([REPO / "exercises"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sheets"
        folder.mkdir()
        paths = synthetic_sheets(folder, count)
        args = argparse.Namespace(banks=str(REPO / "exercises"), sheets=[str(folder)], out=str(Path(tmp) / "out"))

        def gradebook() -> None:
            with contextlib.redirect_stderr(io.StringIO()):
                assert cmd_gradebook(args) == 0

        def grade_only() -> None:  # what bench/grading.py times: the floor under any gradebook
            grader = BookGrader(book)
            for path in paths:
                grader.grade(read_sheet(path, book))

        parse = best(3, lambda: [read_document(p, max_bytes=MAX_SHEET_BYTES) for p in paths])
        grade = best(3, grade_only)
        whole = best(3, gradebook)
        with paused_gc():
            collected = collect([str(folder)], book, progress=False)
            items = analyse(book, collected.graded)
            steps = {
                "read + grade + keep the rows": best(3, lambda: collect([str(folder)], book, progress=False)),
                "item analysis": best(3, lambda: analyse(book, collected.graded)),
                "grades.csv + items.csv": best(3, lambda: (grades_csv(collected), items_csv(items))),
                "report.html": best(3, lambda: report_html(collected, items)),
            }
    exercises = len(list(book.exercises()))
    print(f"{'measure':<48} {'wall':>8} {'cpu':>8}")
    print(f"{'sheets x exercises':<48} {count:>8} x {exercises}")
    print(f"{'parse only (s)':<48} {parse[0]:>8.3f} {parse[1]:>8.3f}")
    print(f"{'read + validate + grade, as bench/grading (s)':<48} {grade[0]:>8.3f} {grade[1]:>8.3f}")
    print(f"{'whole gradebook, four files written (s)':<48} {whole[0]:>8.3f} {whole[1]:>8.3f}")
    print(f"{'ratio grade / parse':<48} {grade[0] / parse[0]:>8.2f} {grade[1] / parse[1]:>8.2f}")
    print(f"{'ratio gradebook / parse (target <= 2.0)':<48} {whole[0] / parse[0]:>8.2f} {whole[1] / parse[1]:>8.2f}")
    for name, (wall, cpu) in steps.items():
        print(f"{'  step: ' + name + ' (s)':<48} {wall:>8.3f} {cpu:>8.3f}")


if __name__ == "__main__":
    main()
