"""docs/_ext/young_collections.py: the book's builds collect young objects less often than Python's default."""

from __future__ import annotations

import ast
import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

from builds import REPO, build_env

REPORTER = """
import gc
from pathlib import Path

def report(app, error):
    Path(app.outdir, "thresholds.txt").write_text(repr(gc.get_threshold()))

def setup(app):
    app.connect("build-finished", report)
    return {"parallel_read_safe": True}
"""


def test_a_build_with_the_extension_collects_young_objects_less_often(tmp_path: Path) -> None:
    """The thresholds hold for the whole build, where Python's default (700, 10, 10) had the collector walk every
    page's doctree again and again."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "report_thresholds.py").write_text(REPORTER, encoding="utf-8")
    conf = (
        f"import sys\nsys.path[:0] = [{str(REPO / 'docs' / '_ext')!r}, {str(src)!r}]\n"
        'extensions = ["young_collections", "report_thresholds"]\n'
    )
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "thresholds.txt").read_text(encoding="utf-8") == "(50000, 20, 20)"


def test_the_thresholds_of_a_program_that_builds_in_process_come_back(tmp_path: Path, make_app: Any) -> None:
    src = tmp_path / "src"
    src.mkdir()
    conf = f"import sys\nsys.path.insert(0, {str(REPO / 'docs' / '_ext')!r})\nextensions = ['young_collections']\n"
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nText.\n", encoding="utf-8")
    before = gc.get_threshold()
    try:
        gc.set_threshold(900, 9, 9)
        app = make_app("html", srcdir=src, freshenv=True)
        assert gc.get_threshold() == (50_000, 20, 20)
        app.build()
        assert gc.get_threshold() == (900, 9, 9)
    finally:
        gc.set_threshold(*before)


def test_the_book_loads_the_extension() -> None:
    tree = ast.parse((REPO / "conf.py").read_text(encoding="utf-8"))
    assigned = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "extensions" for t in node.targets)
    )
    assert "young_collections" in ast.literal_eval(assigned)
