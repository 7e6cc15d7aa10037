"""Building the book into temporary folders for the tests (never into the working tree)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going"]
EDITIONS = ("reader", "student", "instructor")
PDF_NAME = "metastatic-cancer.pdf"


def build_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # Python hides deprecation warnings outside __main__: shown, a Sphinx deprecation in the book's own
    # extensions fails the build's test (see Builds), as pytest's filter fails one in a test's own process.
    env.setdefault("PYTHONWARNINGS", "default::DeprecationWarning,default::PendingDeprecationWarning")
    # The PDF builder runs the `weasyprint` executable installed beside this Python.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    # Sphinx colours its messages when CI=true is set, as on CI machines; the tests read them as plain text.
    env["NO_COLOR"] = "1"
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


@dataclass(frozen=True)
class Build:
    """One strict build: where it went, how the run went, and what it changed in the working tree."""

    builder: str
    edition: str
    out: Path
    run: subprocess.CompletedProcess[str]
    changed: list[str]

    @property
    def pdf(self) -> Path:
        return self.out / "latex" / PDF_NAME if self.builder == "latexpdf" else self.out / PDF_NAME


@dataclass
class Builds:
    """Each (builder, edition) built once per test session, on first use, into its own temporary folder."""

    root: Path
    done: dict[tuple[str, str], Build] = field(default_factory=dict)

    def __call__(self, builder: str = "html", edition: str = "reader") -> Build:
        assert edition in EDITIONS, edition
        key = (builder, edition)
        if key not in self.done:
            out = self.root / f"{edition}-{builder}"
            extra = [] if edition == "reader" else ["-D", f"checks_edition={edition}"]
            before = tree_snapshot()
            run = sphinx(builder, out, *extra)
            after = tree_snapshot()
            changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
            self.done[key] = Build(builder, edition, out, run, changed)
        build = self.done[key]
        assert build.run.returncode == 0, (
            f"the {edition} edition does not build cleanly with {builder}:\n"
            f"{build.run.stdout[-2000:]}\n{build.run.stderr[-4000:]}"
        )
        assert sphinx_deprecations(build.run.stderr) == [], f"{builder}, {edition} edition"
        return build


def sphinx_deprecations(stderr: str) -> list[str]:
    """Sphinx's deprecation warnings raised by the book's own code (the extension and docs/_ext), not by the
    installed theme and PDF builder, whose maintainers have theirs to fix."""
    return [line for line in stderr.splitlines() if "RemovedInSphinx" in line and "site-packages" not in line]


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
