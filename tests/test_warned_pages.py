"""The book's extension that reads pages with warnings again (docs/_ext/warned_pages.py): a strict build that
failed fails again when run again without changes, until the page is fixed; a clean page is not read again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from builds import REPO, STRICT, build_env

ROOT = Path(__file__).resolve().parent / "roots" / "test-basic"


def _project(tmp_path: Path, **local: str) -> Path:
    """The small test book with the extension, and with the extensions ``local`` (name: source) in its folder."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    names = ["warned_pages", *local]
    conf = (src / "conf.py").read_text(encoding="utf-8").replace('"checks"]', f'"checks", *{names!r}]')
    paths = [str(REPO / "docs" / "_ext"), str(src)]
    (src / "conf.py").write_text(f"import sys\nsys.path[:0] = {paths!r}\n{conf}", encoding="utf-8")
    for name, source in local.items():
        (src / f"{name}.py").write_text(source, encoding="utf-8")
    for path in src.rglob("*"):
        os.utime(path, (0, 0))  # long before the first build, so that only what a test writes is an edit
    return src


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Build:
    code: int
    warnings: list[str]  # sorted: parallel readers hand theirs on in no set order
    read: list[str]  # the pages read


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _build(src: Path, builder: str = "html", *extra: str) -> Build:
    doctrees, out = src.parent / "doctrees", src.parent / builder
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-d", str(doctrees), *STRICT, *extra, str(src), str(out)],
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=300,
        check=False,
    )
    # Sphinx colours its output when CI is set in the environment, as CI services set it.
    shown = _plain(run.stderr).replace(f"{src}/", "")
    warnings = sorted(line for line in shown.splitlines() if "WARNING" in line)
    chunks = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (.+)", _plain(run.stdout))
    return Build(run.returncode, warnings, sorted(p for chunk in chunks for p in chunk.strip().split(" .. ")))


BROKEN = "# Other\n\nSee {ref}`no-such-label`.\n\n```{exercise} b-nope\n```\n"
WARNED = [
    # Given when the page is written (-n), so not given again by a build that does not write it.
    "other.md:3: WARNING: undefined label: 'no-such-label' [ref.ref]",
    # Given when the page is read.
    "other.md:5: WARNING: unknown exercise id 'b-nope' (did you mean 'b-order'?) [checks.unknown_id]",
]


@pytest.mark.parametrize("jobs", [[], ["-j", "2"]], ids=["serial", "parallel"])
def test_a_page_that_warned_fails_the_next_build_too_until_it_is_fixed(tmp_path: Path, jobs: list[str]) -> None:
    src = _project(tmp_path)
    _write(src / "other.md", BROKEN)
    first = _build(src, "html", *jobs)
    assert (first.code, first.warnings) == (1, WARNED)
    again = _build(src, "html", *jobs)
    assert (again.code, again.warnings, again.read) == (1, WARNED, ["other"])
    _write(src / "other.md", "# Other\n\nSee {ref}`sample`.\n")
    fixed = _build(src, "html", *jobs)
    assert (fixed.code, fixed.warnings) == (0, [])
    assert "other" in fixed.read
    settled = _build(src, "html", *jobs)
    assert (settled.code, settled.warnings, settled.read) == (0, [], [])


def _unplaced(bank: str, exercise_id: str, line: int, chapter: str) -> str:
    return (
        f"exercises/{bank}:{line}: WARNING: exercise {exercise_id!r} of bank exercises/{bank} is not placed on any page"
        f" (place it with {{exercise}} {exercise_id} or {{exercises}} {chapter}) [checks.placement]"
    )


def test_a_warning_at_a_file_that_is_no_page_reads_the_pages_that_use_it_again(tmp_path: Path) -> None:
    """Unplaced exercises are told at their bank's line when Sphinx checks the whole book, which it does only
    in a build that reads a page: the pages that use the bank are read again, or the start page if none does."""
    src = _project(tmp_path)
    chapter = src / "chapter.md"
    _write(chapter, chapter.read_text(encoding="utf-8").replace(":ids: b-order, b-match", ":ids: b-order"))
    bank = (ROOT / "exercises" / "chapter.yaml").read_text(encoding="utf-8")
    spare = bank.replace("chapter: chapter", "chapter: other").replace("id: b-", "id: o-")
    _write(src / "exercises" / "other.yaml", "\n".join(spare.splitlines()[:18]) + "\n")  # its first exercise
    warned = [_unplaced("chapter.yaml", "b-match", 31, "chapter"), _unplaced("other.yaml", "o-single", 6, "other")]
    first = _build(src)
    assert (first.code, first.warnings) == (1, warned)
    again = _build(src)
    assert (again.code, again.warnings, again.read) == (1, warned, ["chapter", "index"])
    _write(chapter, chapter.read_text(encoding="utf-8").replace(":ids: b-order", ":ids: b-order, b-match"))
    _write(src / "other.md", "# Other\n\n```{exercise} o-single\n```\n")
    fixed = _build(src)
    assert (fixed.code, fixed.warnings) == (0, [])
    settled = _build(src)
    assert (settled.code, settled.read) == (0, [])


def test_a_suppressed_warning_reads_nothing_again(tmp_path: Path) -> None:
    src = _project(tmp_path)
    _write(src / "conf.py", (src / "conf.py").read_text(encoding="utf-8") + 'suppress_warnings += ["ref.ref"]\n')
    _write(src / "other.md", "# Other\n\nSee {ref}`no-such-label`.\n")
    first = _build(src)
    assert (first.code, first.warnings) == (0, [])
    again = _build(src)
    assert (again.code, again.read) == (0, [])


TEXT_ONLY = """
from sphinx.util import logging

def warn(app, doctree, docname):
    if app.builder.name == "text" and docname == "other":
        logging.getLogger("text_only").warning("no text for this page", location=docname)

def setup(app):
    app.connect("doctree-resolved", warn)
    return {"parallel_read_safe": True}
"""


def test_a_warning_of_one_builder_is_given_again_after_another_builder_built_the_page(tmp_path: Path) -> None:
    """Builders that share a doctree folder share Sphinx's saved pages. A page that warned when one builder wrote
    it is read again for each of them; the other builder's clean build does not make the first forget it."""
    src = _project(tmp_path, text_only=TEXT_ONLY)
    text = ["other.md: WARNING: no text for this page"]
    first = _build(src, "text")
    assert (first.code, first.warnings) == (1, text)
    html = _build(src, "html")
    assert (html.code, html.warnings) == (0, [])
    again = _build(src, "text")
    assert (again.code, again.warnings, again.read) == (1, text, ["other"])


PLACELESS = """
from sphinx.util import logging

def warn(app, doctree):
    if app.env.docname == "other":
        logging.getLogger("placeless").warning("a warning that names no place")

def setup(app):
    app.connect("doctree-read", warn)
    return {"parallel_read_safe": True}
"""


def test_a_warning_without_a_place_given_while_a_page_is_read_is_the_pages(tmp_path: Path) -> None:
    """Sphinx holds back the warnings given while the pages are read and gives them once all are read, when no
    page is being read: only the page read again, not the start page too."""
    src = _project(tmp_path, placeless=PLACELESS)
    first = _build(src)
    assert (first.code, first.warnings) == (1, ["WARNING: a warning that names no place"])
    again = _build(src)
    assert (again.code, again.warnings, again.read) == (1, first.warnings, ["other"])


def test_a_build_stopped_while_it_saves_the_list_leaves_the_old_list_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list is replaced whole or not at all: a half-written list would read as none, and the next build
    would pass without reading the pages that warned."""
    sys.path.insert(0, str(REPO / "docs" / "_ext"))
    try:
        import warned_pages
    finally:
        sys.path.remove(str(REPO / "docs" / "_ext"))
    store = tmp_path / warned_pages.STORE
    store.write_text('{"html": ["other"]}', encoding="utf-8")

    class Recorder:
        def warned(self) -> set[str]:
            return {"index", "other"}

    class App:
        doctreedir = str(tmp_path)
        builder = type("Builder", (), {"name": "html"})()

    def stopped(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(warned_pages.os, "replace", stopped)
    with pytest.raises(KeyboardInterrupt):
        warned_pages._save(App(), Recorder())  # type: ignore[arg-type]
    assert store.read_text(encoding="utf-8") == '{"html": ["other"]}'
