"""The benchmark command runs: its baselines (the book without the extension) must build like the book."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


@pytest.mark.slow
def test_the_html_benchmarks_build_their_baselines_and_print_their_rows() -> None:
    """One run of the HTML benchmarks, timed and counted: the full book, the book without exercises and without
    the extension, the book with its exercise directives removed and the extension kept, and the exercises' texts as
    plain MyST. A project extension that reads the extension's settings broke the baselines once
    (docs/_ext/epub_identifier.py read ``checks_edition``), which only an on-demand run showed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--only", "html,instructions", "--runs", "1"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,  # five builds counted under valgrind, side by side on two cores
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| HTML build, whole book |")]
    assert len(rows) == 3, done.stdout
    assert all(re.search(r"\| \d+\.\d\d× \|", row) for row in rows), rows
    # Compared by processor time, each build's time by the clock beside it.
    assert all(re.search(r"\| \d+\.\d+ s CPU \(\d+\.\d+ s wall\) \|", row) for row in rows), rows
    # And by the instructions each build executes, counted: the full book executes more than either baseline.
    counted = [row for row in done.stdout.splitlines() if row.startswith("| HTML build, whole book, instructions")]
    assert len(counted) == 3, done.stdout
    # The target's baseline as worded (the exercise directives removed, the extension kept) executes more than the
    # book without the extension: its import, its reading of the banks and the pages it prints cost something.
    bare = re.search(
        r"With its exercise directives removed and the extension kept, the book executes (\d+\.\d\d)×", done.stdout
    )
    assert bare is not None and float(bare[1]) > 1, done.stdout
    for row in counted:
        cells = row.split(" | ")
        measured, baseline, ratio = (float(re.search(r"(\d+\.\d+)", cell)[1]) for cell in cells[1:4])
        assert cells[1].endswith(" billion instructions") and measured > baseline > 1
        assert ratio == pytest.approx(measured / baseline, abs=0.01) and ratio > 1
    # The bank format's reference, which the extension makes and neither baseline has, is counted apart.
    reference = re.search(
        r"pages, which neither baseline has, execute (\d+\.\d\d) billion of the full build's", done.stdout
    )
    assert reference is not None, done.stdout
    assert float(reference[1]) > 0  # the reference pages were taken out of the copy that leaves them out
    # How much text each book holds, read from the doctrees of the counted builds: the exercises add to it.
    size = re.search(
        r"pages hold ([\d,]+) characters of text in ([\d,]+) doctree nodes, the book without exercises "
        r"([\d,]+) in ([\d,]+) ",
        done.stdout,
    )
    assert size is not None, done.stdout
    full_text, full_nodes, plain_text, plain_nodes = (int(g.replace(",", "")) for g in size.groups())
    assert full_text > plain_text > 100_000 and full_nodes > plain_nodes > 1_000
    per_char = next(line for line in done.stdout.splitlines() if line.startswith("| HTML build, instructions per"))
    cells = per_char.split(" | ")
    measured, baseline = (int(re.search(r"([\d,]+)$", cell)[1].replace(",", "")) for cell in cells[1:3])
    assert float(cells[3].rstrip("×")) == pytest.approx(measured / baseline, abs=0.01)


@pytest.mark.slow
def test_the_extension_s_parts_are_timed_as_shares_of_the_build() -> None:
    """bench/extension_parts.py times the extension's directives, transforms and event handlers inside one build
    of the book: each part a share of the build, and their sum less than the build."""
    done = _bench("extension_parts.py", "--runs", "1")
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {}
    for line in done.stdout.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4:
            rows[cells[0]] = cells[1:]
    # The directive that places each exercise, the handler that reads the banks, the transform that lays out pages.
    assert {"ExerciseDirective.run", "event env-get-outdated: _get_outdated", "EditionLayout.run"} <= set(rows)
    calls, spent, share = rows["ExerciseDirective.run"]
    assert int(calls.replace(",", "")) > 100, calls  # once per exercise of the book
    assert re.fullmatch(r"\d+\.\d ms", spent) and re.fullmatch(r"\d+\.\d%", share), rows["ExerciseDirective.run"]
    # The visitors of the exercises' nodes, which the extension registers with Sphinx: several per exercise.
    assert int(rows["node visitors (html)"][0].replace(",", "")) > 3 * int(calls.replace(",", ""))
    assert 0 < float(rows["the extension's own code, all the parts above"][2].rstrip("%")) < 100
    assert rows["the whole build"][2] == "100%"


def _bench(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("script", ["grading.py", "gradebook.py"])
def test_a_grading_benchmark_says_how_to_run_it(script: str) -> None:
    """--help prints what the benchmark times and its one argument, where it was read as the number of sheets and
    ended in a traceback (ValueError: invalid literal for int())."""
    done = _bench(script, "--help")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"usage: {script} [-h] [N]\n\nBenchmark: ")
    assert "  N           sheets to time (default: 10000)\n" in done.stdout


@pytest.mark.parametrize(
    ("script", "args", "error"),
    [
        ("grading.py", ["ten"], "argument N: not a whole number: 'ten'"),
        ("gradebook.py", ["0"], "argument N: must be at least 1: 0"),
        ("run.py", ["--runs", "0"], "argument --runs: must be at least 1: 0"),
        ("run.py", ["--sheets", "-5"], "argument --sheets: must be at least 1: -5"),
        ("extension_parts.py", ["--runs", "0"], "argument --runs: must be at least 1: 0"),
    ],
)
def test_a_benchmark_refuses_a_count_it_cannot_run_in_one_line(script: str, args: list[str], error: str) -> None:
    """A count of sheets or runs that is not a whole number of at least 1 is argparse's usage and one line, exit
    status 2, before anything is timed: no traceback, and no division by a time of nothing."""
    done = _bench(script, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines()[1:] == [f"{script}: error: {error}"], done.stderr


def test_the_builds_load_the_package_compiled_from_a_copy(tmp_path: Path) -> None:
    """Where the environment says not to write compiled modules, as on a machine that sets
    PYTHONDONTWRITEBYTECODE, a build measured would compile the package anew: the benchmark's builds import a
    copy in its own folder, compiled before any is measured, and the working tree gets no compiled files."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import run
    finally:
        sys.path.remove(str(REPO / "bench"))
    env = run.Bench(tmp_path, 1, 1).env
    probe = "import checks.sphinxext as x; print(x.__file__); print(x.__cached__)"
    done = subprocess.run(
        [sys.executable, "-c", probe], env={**env, "PYTHONDONTWRITEBYTECODE": "1"}, capture_output=True, text=True
    )
    source, cached = done.stdout.split()
    assert Path(source).is_relative_to(tmp_path) and Path(cached).is_file(), done.stderr
