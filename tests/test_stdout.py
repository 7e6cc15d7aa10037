"""Standard output that cannot be written: one line and exit status 2, or, when the reader left, quietly 141.

Every command that writes to standard output is run as a user runs it, in a process of its own, with its
output going to /dev/full (every write fails: no space left) or into a pipe whose reader has gone (``| head``
that has read what it wanted). Python buffers standard output, so a failure may come at any write or only
when the process ends; neither may end in a traceback, nor in the "bug" status 1 or Python's 120. A reader that
went away is told by status 141, as a shell tells of any command a closed pipe stopped, and by nothing on
standard error.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from checks.exports import export
from checks.loading import load_book

from conftest import REPO

FULL_DISK = "error: standard output: cannot be written (No space left on device)"
READER_GONE = 128 + signal.SIGPIPE  # 141: what a shell reports for `yes | head -1`


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sheets") / "s.json"
    path.write_text(json.dumps({"student": "a", "answers": {}}), encoding="utf-8")
    return path


COMMANDS = [
    ["export", "--format", "gift", "-o", "-"],
    ["export", "--format", "aiken", "-o", "-"],
    ["key"],
    ["key", "--format", "json", "--chapter", "3"],
    ["sheet", "--chapter", "1"],
    ["list"],
    ["list", "--chapter", "2"],  # small enough to stay in Python's buffer until the process ends
    ["validate"],
    ["schema", "sheet"],
    ["grade", "SHEET"],
    ["grade", "--json", "SHEET"],
    ["grade", "--feedback", "SHEET"],
    ["--help"],
    ["--version"],
]


def _run(argv: list[str], sheet: Path, stdout: int, *, unbuffered: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # Python's default: buffered
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    args = [str(sheet) if a == "SHEET" else a for a in argv]
    return subprocess.run(
        [sys.executable, "-m", "checks", *args],
        cwd=REPO,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
    )


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_full_disk_is_one_line_and_status_2(argv: list[str], sheet: Path) -> None:
    with open("/dev/full", "w") as full:
        done = _run(argv, sheet, full.fileno())
    _no_traceback(done.stderr)
    assert done.stderr.splitlines()[-1] == FULL_DISK
    assert done.returncode == 2


def _run_closed(args: list[str]) -> subprocess.CompletedProcess[str]:
    """``checks ARGS`` started with standard output closed (``>&-``)."""
    return subprocess.run(
        [sys.executable, "-m", "checks", *args],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # then closed in the child, before Python starts
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_closed_standard_output_is_one_line_and_status_2(argv: list[str], sheet: Path) -> None:
    """Started with standard output closed (``>&-``, as some job runners start a command), Python has no stream
    for it at all: told as a full disk is, not with a traceback and the "bug" status 1."""
    done = _run_closed([str(sheet) if a == "SHEET" else a for a in argv])
    _no_traceback(done.stderr)
    assert (done.returncode, done.stderr.splitlines()[-1]) == (
        2,
        "error: standard output: cannot be written (it is closed)",
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "gift", "-o", "OUT/quiz.gift.txt"],
        ["sheet", "--chapter", "1", "-o", "OUT/sheet.yaml"],
        ["key", "--chapter", "3", "-o", "OUT/key.yaml"],
        ["gradebook", "SHEET", "--out", "OUT/gradebook"],
    ],
    ids=" ".join,
)
def test_a_closed_standard_output_is_no_error_to_a_command_that_writes_files(
    argv: list[str], sheet: Path, tmp_path: Path
) -> None:
    """A command that writes its files, and nothing to standard output, does its work and ends with status 0 when
    started with standard output closed, as a scheduled job may start it; it was told as an error once done."""
    done = _run_closed([str(sheet) if a == "SHEET" else a.replace("OUT", str(tmp_path)) for a in argv])
    _no_traceback(done.stderr)
    assert done.returncode == 0, done.stderr
    assert "standard output" not in done.stderr
    assert list(tmp_path.iterdir()), "nothing was written"


# Unbuffered, --help and --version fail within argparse, which would drop the error and exit 0.
AT_ONCE = [["list"], ["list", "--chapter", "2"], ["export", "--format", "gift", "-o", "-"], ["--help"], ["--version"]]


@pytest.mark.parametrize("argv", [*AT_ONCE, ["grade", "--help"]], ids=" ".join)
def test_a_full_disk_is_told_when_python_writes_at_once_too(argv: list[str], sheet: Path) -> None:
    with open("/dev/full", "w") as full:
        done = _run(argv, sheet, full.fileno(), unbuffered=True)
    _no_traceback(done.stderr)
    assert (done.returncode, done.stderr.splitlines()[-1]) == (2, FULL_DISK)


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_reader_that_went_away_ends_the_command_quietly_with_status_141(argv: list[str], sheet: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # as `checks key | head -1` once head has its line
    try:
        done = _run(argv, sheet, write)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (READER_GONE, "")  # nothing to tell: the reader chose to stop


@pytest.mark.parametrize("argv", AT_ONCE, ids=" ".join)
def test_a_reader_that_went_away_is_told_by_the_status_when_python_writes_at_once_too(
    argv: list[str], sheet: Path
) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        done = _run(argv, sheet, write, unbuffered=True)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (READER_GONE, "")


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A class whose results fill the pipe many times over (about 8 KB a sheet): the command is still writing
    when the reader leaves."""
    folder = tmp_path_factory.mktemp("class")
    for n in range(40):
        (folder / f"s{n:02}.json").write_text(json.dumps({"student": f"s{n:02}", "answers": {}}), encoding="utf-8")
    return folder


# More than a pipe can be made to hold (Linux's /proc/sys/fs/pipe-max-size, 1 MiB by default; 64 KiB unless asked).
PIPE_MAX = 1 << 20


@pytest.fixture(scope="module")
def big_banks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A made-up bank whose GIFT export is one write larger than any pipe holds, whatever the book's banks hold."""
    folder = tmp_path_factory.mktemp("big-banks")
    words = " ".join(f"word{n}" for n in range(800))  # about 7 KB a question
    exercises = [
        {
            "id": f"c1-big-{n}",
            "kind": "truefalse",
            "prompt": f"Statement {n}: {words}.",
            "points": 1,
            "objectives": ["o1"],
            "answer": True,
            "feedback_true": "Yes.",
            "feedback_false": "No.",
            "misconception": "m",
            "explanation": "Because.",
            "source": "key",
            "reviewed": "2026-01-01",
        }
        for n in range(200)
    ]
    bank = {"chapter": "01-big", "title": "Big", "objectives": [{"id": "o1", "text": "Know."}], "exercises": exercises}
    (folder / "01-big.yaml").write_text(json.dumps(bank), encoding="utf-8")  # JSON is YAML, and quick to write
    data, skipped = export(load_book([folder]), "gift")
    assert len(data) > PIPE_MAX and skipped == []
    return folder


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    "argv", [["grade", "CLASS"], ["--banks", "BIG", "export", "--format", "gift", "-o", "-"]], ids=" ".join
)
def test_a_reader_that_leaves_after_its_first_line_stops_the_command_with_status_141(
    argv: list[str], class_folder: Path, big_banks: Path, unbuffered: bool
) -> None:
    """As `checks grade sheets/ | head -1` runs: the pipe is closed while the command writes, not before it starts.
    The export is one write, larger than a pipe holds, which the reader's leaving cuts short."""
    folders = {"CLASS": str(class_folder), "BIG": str(big_banks)}
    args = [folders.get(a, a) for a in argv]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with subprocess.Popen(
        [sys.executable, "-m", "checks", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
        code = process.wait(timeout=120)
    assert first.strip()
    _no_traceback(stderr)
    assert "error" not in stderr, stderr
    assert code == READER_GONE
