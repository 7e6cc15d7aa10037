"""The benchmark command runs: its baselines (the book without the extension) must build like the book."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import REPO


@pytest.mark.slow
def test_the_html_benchmark_builds_its_baselines_and_prints_its_rows() -> None:
    """One run of the HTML benchmark: the full book, the book without exercises and without the extension, and
    the exercises' texts as plain MyST. A project extension that reads the extension's settings broke the
    baselines once (docs/_ext/epub_identifier.py read ``checks_edition``), which only an on-demand run showed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--only", "html", "--runs", "1"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| HTML build, whole book |")]
    assert len(rows) == 2, done.stdout
    assert all(re.search(r"\| \d+\.\d\d× \|", row) for row in rows), rows
    # Compared by processor time, each build's time by the clock beside it.
    assert all(re.search(r"\| \d+\.\d+ s CPU \(\d+\.\d+ s wall\) \|", row) for row in rows), rows
