"""Building the book into temporary folders for the tests (never into the working tree)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going"]


def build_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # The PDF builder runs the `weasyprint` executable installed beside this Python.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def sphinx(builder: str, out: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run one strict build; ``latexpdf`` goes through ``-M`` as the Makefile does."""
    if builder == "latexpdf":
        args = ["-M", "latexpdf", str(REPO / "docs"), str(out), "-c", str(REPO), *STRICT, *extra]
    else:
        args = [
            "-b",
            builder,
            "-c",
            str(REPO),
            "-d",
            str(out.parent / f"{out.name}-doctrees"),
            *STRICT,
            *extra,
            str(REPO / "docs"),
            str(out),
        ]
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
        env=env or build_env(),
        check=False,
    )


def chapter_titles() -> dict[str, str]:
    """docname → first-level title of each chapter file."""
    titles = {}
    for path in sorted((REPO / "docs").glob("[0-9][0-9]-*.md")):
        title = next(
            line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")
        )
        titles[path.stem] = title
    return titles


def tree_snapshot() -> dict[str, tuple[int, int]]:
    skip = {
        ".git",
        ".venv",
        "_build",
        "node_modules",
        ".pytest_cache",
        ".hypothesis",
        ".mypy_cache",
        ".ruff_cache",
        "__pycache__",
    }
    snap = {}
    for root, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in skip and not d.endswith(".egg-info")]
        for name in files:
            stat = (Path(root) / name).stat()
            snap[str(Path(root, name).relative_to(REPO))] = (stat.st_mtime_ns, stat.st_size)
    return snap
