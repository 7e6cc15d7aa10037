"""Reproducible builds: two HTML builds with the same SOURCE_DATE_EPOCH are byte for byte the same.

The two builds run side by side into different temporary folders, each with its own doctrees
(outside the output folder, not compared) and a different PYTHONHASHSEED, so that output which
depends on set or dict order, on the output path, or on the time of the build shows up as a
difference. Every file is compared; the assertion names each file that differs or exists in one
build only.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from builds import build_env, sphinx

pytestmark = pytest.mark.slow

EPOCH = "1764028800"  # 2025-11-25 00:00 UTC


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_html_builds_are_identical(tmp_path: Path) -> None:
    outs = [tmp_path / "first" / "html", tmp_path / "second-build" / "site"]

    def build(n: int) -> None:
        done = sphinx("html", outs[n], env=build_env(SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED=str(n + 1)))
        assert done.returncode == 0, f"build {n + 1} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(build, range(2)))
    first, second = digests(outs[0]), digests(outs[1])
    assert len(first) > 100 and "index.html" in first and "searchindex.js" in first
    only = sorted(set(first) ^ set(second))
    differ = sorted(name for name in set(first) & set(second) if first[name] != second[name])
    assert not only and not differ, f"in one build only: {only}; different content: {differ}"
    for name in first:  # no build leaks where it was built
        data = (outs[0] / name).read_bytes()
        assert str(tmp_path).encode() not in data, name
