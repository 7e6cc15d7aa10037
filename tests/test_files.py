"""Several output files written together: all of them, or none (the gradebook's four, a roster's sheets)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from checks import files
from checks.files import write_all
from checks.reading import InputError


def failing_at(name: str, error: BaseException) -> Callable[[str, Path], None]:
    """``os.replace``, failing with ``error`` when it would put a file named ``name`` in place."""
    replace = os.replace

    def replace_or_fail(src: str, dst: Path) -> None:
        if Path(dst).name == name and Path(src).suffix == ".tmp":
            raise error
        replace(src, dst)

    return replace_or_fail


def contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


@pytest.fixture
def last_week(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("grades.csv", "items.csv", "report.html"):
        (folder / name).write_text(f"last week's {name}", encoding="utf-8")
    return folder


@pytest.mark.parametrize("failing", ["items.csv", "report.html"])
def test_a_file_that_cannot_be_replaced_leaves_every_file_as_it_was(
    last_week: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A file another program holds (or made immutable) cannot be replaced: the files renamed before it are put
    back, so that the folder never holds one week's grades beside another's items; and no copy is left over."""
    before = contents(last_week)
    monkeypatch.setattr(files.os, "replace", failing_at(failing, PermissionError(1, "Operation not permitted")))
    new = {last_week / name: f"this week's {name}" for name in ("grades.csv", "items.csv", "report.html", "new.csv")}
    with pytest.raises(InputError) as told:
        write_all(new)
    assert str(told.value) == f"{last_week / failing}: cannot be written (Operation not permitted)"
    assert contents(last_week) == before  # new.csv, written before the failure or not, is not there either


def test_an_interrupt_among_the_renames_leaves_every_file_as_it_was(
    last_week: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = contents(last_week)
    monkeypatch.setattr(files.os, "replace", failing_at("report.html", KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_all({last_week / name: "new" for name in ("grades.csv", "items.csv", "report.html")})
    assert contents(last_week) == before


def test_files_written_together_replace_the_old_ones_and_leave_nothing_else(last_week: Path) -> None:
    os.chmod(last_week / "grades.csv", 0o640)
    write_all({last_week / name: f"new {name}" for name in ("grades.csv", "items.csv", "new.csv")})
    assert contents(last_week) == {
        "grades.csv": "new grades.csv",
        "items.csv": "new items.csv",
        "new.csv": "new new.csv",
        "report.html": "last week's report.html",
    }
    assert (last_week / "grades.csv").stat().st_mode & 0o777 == 0o640  # the mode the file had


def test_the_copies_are_made_where_the_file_system_has_no_links(
    last_week: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FAT memory stick has no hard links: the files to put back are copied instead."""

    def no_links(src: str, dst: str) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    before = contents(last_week)
    monkeypatch.setattr(files.os, "replace", failing_at("report.html", PermissionError(1, "Operation not permitted")))
    with pytest.raises(InputError):
        write_all({last_week / name: "new" for name in ("grades.csv", "items.csv", "report.html")})
    assert contents(last_week) == before


def test_one_file_that_cannot_be_replaced_is_left_as_it_was(last_week: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(last_week)
    monkeypatch.setattr(files.os, "replace", failing_at("items.csv", PermissionError(1, "Operation not permitted")))
    with pytest.raises(InputError):
        write_all({last_week / "items.csv": "new"})
    assert contents(last_week) == before


def test_two_paths_to_one_file_leave_no_copy_behind(last_week: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (last_week / "link.csv").symlink_to("grades.csv")
    before = {p.name for p in last_week.iterdir()}
    write_all({last_week / "grades.csv": "A", last_week / "link.csv": "L", last_week / "items.csv": "B"})
    assert {p.name for p in last_week.iterdir()} == before
    monkeypatch.setattr(files.os, "replace", failing_at("items.csv", PermissionError(1, "Operation not permitted")))
    with pytest.raises(InputError):
        write_all({last_week / "grades.csv": "A2", last_week / "link.csv": "L2", last_week / "items.csv": "B2"})
    assert {p.name for p in last_week.iterdir()} == before
    assert (last_week / "grades.csv").read_text(encoding="utf-8") == "L"


def test_an_interrupt_just_after_a_rename_still_puts_it_back(last_week: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(last_week)
    replace = os.replace

    def replace_then_interrupt(src: str, dst: Path) -> None:
        replace(src, dst)
        if Path(dst).name == "items.csv" and Path(src).suffix == ".tmp":
            raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_all({last_week / name: "new" for name in ("grades.csv", "items.csv", "report.html")})
    assert contents(last_week) == before
