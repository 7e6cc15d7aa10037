"""tools/system-deps.sh: what `make test` and CI install, or name in one line when not run as root.

Run with a PATH of stand-ins, so that what is "installed" is what the test says, whatever this machine has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

SCRIPT = REPO / "tools" / "system-deps.sh"


def stand_ins(folder: Path, *commands: str) -> Path:
    """A folder for PATH holding dpkg-query (it knows of no package), an ``id`` that is not root, and
    ``commands`` as programs that do nothing."""
    folder.mkdir()
    (folder / "dpkg-query").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (folder / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    for command in commands:
        (folder / command).write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    for program in folder.iterdir():
        program.chmod(0o755)
    return folder


def run(path: Path, *groups: str) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash")
    assert bash
    env = {"PATH": f"{path}{os.pathsep}/nonexistent"}
    return subprocess.run([bash, str(SCRIPT), *groups], env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("present", "group", "named"),
    [
        ((), "node", "nodejs npm"),
        (("node",), "node", "nodejs npm"),  # Node.js without npm cannot fetch the tests' packages
        (("node", "npm"), "node", None),  # any Node.js with npm, NodeSource's as well as Debian's
        ((), "java", "default-jre-headless"),
        ((), "valgrind", "valgrind"),
        (("valgrind",), "valgrind", None),  # any valgrind on the PATH, Debian's or another
        (("java",), "java", None),
    ],
)
def test_a_missing_runtime_is_named_in_one_line_without_root(
    tmp_path: Path, present: tuple[str, ...], group: str, named: str | None
) -> None:
    done = run(stand_ins(tmp_path / "bin", *present), group)
    if named is None:
        assert (done.returncode, done.stderr) == (0, "")
    else:
        assert done.returncode == 1
        assert done.stderr == f"missing system packages; run as root: apt-get install {named}\n"


def test_the_test_command_and_ci_install_every_group_the_tests_use() -> None:
    """`make test` and .ci/run ask for the same groups, Node.js among them (the GIFT parser, axe-core, vnu-jar)."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for text in (makefile, ci):
        line = next(line for line in text.splitlines() if "system-deps.sh" in line and "tex" in line)
        assert {"tex", "browser", "pdftools", "java", "node", "valgrind"} <= set(line.split())
