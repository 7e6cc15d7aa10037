"""ruff and mypy stay clean, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "bench", "docs/_ext", "docs/figures", "conf.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_mypy() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:]
