"""Benchmarks of the whole project in one command; every figure is a ratio to a baseline measured in the same run.

Run on demand:  .venv/bin/python bench/run.py [--only NAME,...] [--sheets N] [--runs N]

where each NAME is one of:

- html:      full HTML build vs the same book with its exercise directives stripped and the extension
             removed (target at most 1.15x), and vs the same book with only its exercise directives
             stripped, the extension kept (the target as worded), in processor time (see below); and, to tell
             the extension's own cost from that of the exercises' text, vs the same book with every exercise's
             texts written out as plain MyST;
             and the time each build spent in cyclic garbage collection (builds run through gc_sphinx.py);
- instructions: the same three HTML builds, each run once under valgrind, which counts the instructions it
             executes: a figure that does not move with what else the machine is doing; and a fourth, the
             full book without the bank format's reference that the extension prints for authors and
             instructors; and a fifth, the book with only its exercise directives removed and the extension
             kept, the baseline as the target is worded; and how much text each book holds, with the
             instructions per character of it
             (needs the Debian package valgrind; without it the rows are left out, with a note);
- rebuild:   incremental rebuild after editing one bank vs the full build, and which pages were re-read
             (target: only the pages that use that bank);
- gradebook: a class gradebook of N synthetic sheets vs merely parsing them (bench/gradebook.py);
- bytes:     bytes a chapter page loads in Chromium vs the same page without the extension (target at
             most 1.05x), with the five largest assets;
- grade:     one ``checks grade`` process, median of 5 runs, vs ``python -c pass``;
- pdf:       the WeasyPrint and XeLaTeX PDF builds vs the HTML build.

Everything is built in a temporary folder, with a compiled copy of the package (see :func:`compile_modules`); the
working tree is never written. The table is Markdown, to
paste into docs/contributing.md. Absolute times are noisy on a shared machine; ratios much less so. The HTML
builds are compared by the processor time each build process used (user and system), not by the time on the
clock: a build that waits while another program has the processor is slower by the clock only. By the clock,
the ratio moved by a quarter from run to run on a shared machine. Both times are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.server
import io
import os
import pickle
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from gradebook import best
from grading import REPO, positive, synthetic_sheets

from checks.gradebook import cmd_gradebook
from checks.loading import Book, load_book
from checks.reading import read_document
from checks.sheets import MAX_SHEET_BYTES

BENCHES = ("html", "instructions", "rebuild", "gradebook", "bytes", "grade", "pdf")
STRICT = ["-n", "-W", "--keep-going"]
VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
DIRECTIVES = ("exercise", "exercises", "objectives", "answers", "blueprint", "checks-format", "checks-example")
# The directives that place exercises or list them (the Answers appendix, the instructor's blueprint).
EXERCISES = ("exercise", "exercises", "answers", "blueprint")
CHAPTER = "03-how-cancer-spreads"
BENCH = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@dataclass
class Row:
    name: str
    measured: str
    baseline: str
    ratio: float | None
    target: str


@dataclass
class Bench:
    tmp: Path
    runs: int
    sheets: int
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    html: dict[str, tuple[float, Path]] = field(default_factory=dict)  # project -> (least processor time, output)
    clock: dict[str, float] = field(default_factory=dict)  # project -> wall time of that build
    collecting: dict[str, float] = field(default_factory=dict)  # project -> garbage collection in that build
    every_run: dict[str, list[float]] = field(default_factory=dict)  # project -> processor time of each run, in order

    @functools.cached_property
    def env(self) -> dict[str, str]:
        """The environment of every build: it imports the package from a compiled copy (see :func:`compile_modules`)."""
        src = self.tmp / "src"
        shutil.copytree(REPO / "src" / "checks", src / "checks", ignore=shutil.ignore_patterns("__pycache__"))
        compile_modules([src])
        return build_env(src)

    # -- projects and builds -------------------------------------------------------------------

    def project(self, name: str) -> Path:
        """A copy of the book: "full" as it is; "plain" without exercises and without the extension;
        "text" without the extension, each exercise's texts written out as plain MyST where it stood;
        "reference" as it is but for the bank format's tables and examples that the extension makes for the
        authors' and instructors' pages, which neither baseline has."""
        root = self.tmp / name
        if root.exists():
            return root
        shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
        # Every copy has the banks' folder: pages include files from it (the authoring page, the bank template).
        shutil.copytree(REPO / "exercises", root / "exercises")
        conf = (REPO / "conf.py").read_text(encoding="utf-8")
        if name == "bare":
            # The target's baseline, word for word: the book with its exercise directives removed, the
            # extension kept (it still reads the banks, and prints the objectives and the bank format's reference);
            # the exercises it then places nowhere are told unplaced, which is what this book is.
            conf += '\nsuppress_warnings = [*globals().get("suppress_warnings", []), "checks.placement"]\n'
            for page in (root / "docs").glob("*.md"):
                page.write_text(strip_exercises(page.read_text(encoding="utf-8"), kinds=EXERCISES), encoding="utf-8")
        if name in ("plain", "text"):
            conf = conf.replace('    "checks",\n', "")
            book = load_book([REPO / "exercises"]) if name == "text" else None
            for page in (root / "docs").glob("*.md"):
                page.write_text(strip_exercises(page.read_text(encoding="utf-8"), book, page.stem), encoding="utf-8")
        if name == "reference":
            for page in (root / "docs").glob("*.md"):
                page.write_text(strip_reference(page.read_text(encoding="utf-8")), encoding="utf-8")
        (root / "conf.py").write_text(conf, encoding="utf-8")
        compile_modules([root / "docs" / "_ext"])
        return root

    def html_build(self, name: str) -> tuple[float, Path]:
        """Best of ``runs`` clean HTML builds of one project: its processor time and output."""
        return self.html_builds(name)[name]

    def html_builds(self, *names: str) -> dict[str, tuple[float, Path]]:
        """Best of ``runs`` clean HTML builds of each project, taken in turns (A, B, A, B …) so that a
        slow spell of the machine weighs on every project alike."""
        todo = [n for n in names if n not in self.html]
        for run in range(self.runs):
            for name in todo:
                project, out = self.project(name), self.tmp / f"{name}-html-{run}"
                build = sphinx_run(html_args(project, out), self.env)
                if name not in self.html or build.cpu < self.html[name][0]:
                    self.html[name] = (build.cpu, out)
                    self.clock[name] = build.wall
                    self.collecting[name] = build.collecting
                self.every_run.setdefault(name, []).append(build.cpu)
        return {n: self.html[n] for n in names}

    # -- the benchmarks ------------------------------------------------------------------------

    def bench_html(self) -> None:
        built = self.html_builds("full", "plain", "bare", "text")
        (full, _), (plain, _), (bare, _), (text, _) = (built[n] for n in ("full", "plain", "bare", "text"))
        measured = f"{secs(full)} CPU ({secs(self.clock['full'])} wall)"
        self.rows.append(
            Row(
                "HTML build, whole book",
                measured,
                f"book without exercises: {secs(plain)} CPU ({secs(self.clock['plain'])} wall)",
                full / plain,
                "≤ 1.15×",
            )
        )
        self.rows.append(
            Row(
                "HTML build, whole book",
                measured,
                f"exercise directives removed, extension kept: {secs(bare)} CPU ({secs(self.clock['bare'])} wall)",
                full / bare,
                "≤ 1.15× (as worded)",
            )
        )
        self.rows.append(
            Row(
                "HTML build, whole book",
                measured,
                f"exercises' texts as plain MyST, no extension: {secs(text)} CPU ({secs(self.clock['text'])} wall)",
                full / text,
                "—",
            )
        )
        rounds = [f / p for f, p in zip(self.every_run["full"], self.every_run["plain"], strict=True)]
        worded = [f / b for f, b in zip(self.every_run["full"], self.every_run["bare"], strict=True)]
        if len(rounds) > 1:
            self.notes.append(
                f"Round by round (each full build against the builds of the baselines taken right after it), the "
                f"processor-time ratio to the book without exercises ranged from {min(rounds):.2f}× to "
                f"{max(rounds):.2f}×, median {statistics.median(rounds):.2f}×, and to the book with its exercise "
                f"directives removed from {min(worded):.2f}× to {max(worded):.2f}×, median "
                f"{statistics.median(worded):.2f}×; the full build's own processor time from "
                f"{secs(min(self.every_run['full']))} to {secs(max(self.every_run['full']))}."
            )
        gc_full, gc_text, gc_plain = (secs(self.collecting[n]) for n in ("full", "text", "plain"))
        self.notes.append(
            f"Cyclic garbage collection took {gc_full} of the full HTML build, {gc_text} of the build with the "
            f"exercises' texts as plain MyST and {gc_plain} of the book without exercises. Sphinx keeps every "
            "page's doctree in memory while it reads, and each full collection walks them all; the book collects "
            "young objects less often than Python's default (docs/_ext/young_collections.py), so that this share "
            "stays small."
        )

    def bench_instructions(self) -> None:
        if shutil.which("valgrind") is None:
            self.notes.append("Instructions were not counted: valgrind is not installed (Debian package valgrind).")
            return
        names = ("full", "plain", "text", "reference", "bare")
        counts = counted_builds({name: self.project(name) for name in names}, self.tmp, self.env)
        full, plain, text, reference, bare = (counts[name] for name in names)
        name = "HTML build, whole book, instructions executed"
        measured = billions(full)
        self.rows.append(Row(name, measured, f"book without exercises: {billions(plain)}", full / plain, "≤ 1.15×"))
        baseline = f"exercise directives removed, extension kept: {billions(bare)}"
        self.rows.append(Row(name, measured, baseline, full / bare, "≤ 1.15× (as worded)"))
        baseline = f"exercises' texts as plain MyST, no extension: {billions(text)}"
        self.rows.append(Row(name, measured, baseline, full / text, "—"))
        self.notes.append(
            f"With its exercise directives removed and the extension kept, the book executes {bare / plain:.2f}× the "
            f"instructions of the book without exercises: the extension is imported, reads and checks the banks, "
            f"and prints the objectives and the bank format's reference, whether or not a page places an exercise."
        )
        self.notes.append(
            f"Counted instructions: the exercises' texts written out as plain MyST, without the extension, execute "
            f"{text / plain:.2f}× the instructions of the book without exercises; the extension takes the full "
            f"build to {full / text:.2f}× that. A count is the same run after run, where processor time moves with "
            "the machine's other work; it leaves out the time the processor waits for memory."
        )
        size = {n: book_size(self.tmp / f"{n}-counted-html-doctrees") for n in ("full", "plain", "text")}
        per_char = {n: counts[n] / size[n].characters for n in size}
        self.rows.append(
            Row(
                "HTML build, instructions per character of the book's text",
                f"{per_char['full']:,.0f}",
                f"book without exercises: {per_char['plain']:,.0f}",
                per_char["full"] / per_char["plain"],
                "—",
            )
        )
        self.notes.append(
            f"The exercises make the book bigger, not only its build: the full book's pages hold "
            f"{size['full'].characters:,} characters of text in {size['full'].nodes:,} doctree nodes, the book "
            f"without exercises {size['plain'].characters:,} in {size['plain'].nodes:,} "
            f"({size['full'].characters / size['plain'].characters:.2f}× the text, "
            f"{size['full'].nodes / size['plain'].nodes:.2f}× the nodes), and the exercises' texts as plain MyST "
            f"{size['text'].characters:,} in {size['text'].nodes:,}. Per character of text, the full build executes "
            f"{per_char['full'] / per_char['plain']:.2f}× the instructions of the book without exercises."
        )
        self.notes.append(
            f"The bank format's tables and examples that the extension makes for the authors' and instructors' "
            f"pages, which neither baseline has, execute {(full - reference) / 1e9:.2f} billion of the full build's "
            f"instructions: without them the full build executes {reference / plain:.2f}× the instructions of the "
            f"book without exercises and {reference / text:.2f}× those of the exercises' texts as plain MyST."
        )

    def bench_rebuild(self) -> None:
        project = self.project("rebuild")
        out = self.tmp / "rebuild-html"
        args = html_args(project, out)
        full = sphinx(args, self.env)
        bank = project / "exercises" / f"{CHAPTER}.yaml"
        bank.write_text(bank.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        start = time.perf_counter()
        log = sphinx(args, self.env, log=True)
        again = time.perf_counter() - start
        read = sorted(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", strip_colour(log)))
        expected = pages_using(project, CHAPTER)
        verdict = "yes" if read == expected else f"no (expected {', '.join(expected)})"
        self.rows.append(
            Row(
                f"rebuild after editing exercises/{CHAPTER}.yaml",
                f"{secs(again)}, re-read: {', '.join(read) or 'none'}",
                f"full build: {secs(full)}",
                again / full,
                f"only the pages that use the bank: {verdict}",
            )
        )

    def bench_gradebook(self) -> None:
        folder = self.tmp / "sheets"
        folder.mkdir(exist_ok=True)
        paths_ = synthetic_sheets(folder, self.sheets)
        args = argparse.Namespace(banks=str(REPO / "exercises"), sheets=[str(folder)], out=str(self.tmp / "gb"))

        def gradebook() -> None:
            with contextlib.redirect_stderr(io.StringIO()):
                assert cmd_gradebook(args) == 0

        parse = best(self.runs, lambda: [read_document(p, max_bytes=MAX_SHEET_BYTES) for p in paths_])[0]
        whole = best(self.runs, gradebook)[0]
        exercises = len(list(load_book([REPO / "exercises"]).exercises()))
        self.rows.append(
            Row(
                f"gradebook of {self.sheets:,} sheets × {exercises} exercises",
                secs(whole),
                f"parsing the sheets: {secs(parse)}",
                whole / parse,
                "≤ 2×",
            )
        )

    def bench_bytes(self) -> None:
        loads = {name: page_bytes(self.html_build(name)[1], f"{CHAPTER}.html") for name in ("full", "plain")}
        full, plain = (sum(loads[n].values()) for n in ("full", "plain"))
        self.rows.append(
            Row(
                f"bytes {CHAPTER}.html loads in Chromium",
                kb(full),
                f"without the extension: {kb(plain)}",
                full / plain,
                "≤ 1.05×",
            )
        )
        largest = sorted(loads["full"].items(), key=lambda item: -item[1])[:5]
        self.notes.append(
            "Largest assets of the chapter page: " + "; ".join(f"`{url}` {kb(size)}" for url, size in largest) + "."
        )
        extra = sorted(set(loads["full"]) - set(loads["plain"]))
        self.notes.append(
            "Loaded only with the extension: " + ", ".join(f"`{u}` {kb(loads['full'][u])}" for u in extra) + "."
        )

    def bench_grade(self) -> None:
        folder = self.tmp / "one"
        folder.mkdir(exist_ok=True)
        [sheet] = synthetic_sheets(folder, 1)
        grade = median_run(
            [sys.executable, "-m", "checks", "--banks", str(REPO / "exercises"), "grade", str(sheet)], self.env
        )
        bare = median_run([sys.executable, "-c", "pass"], self.env)
        self.rows.append(
            Row(
                "one `checks grade` process (median of 5)",
                secs(grade),
                f"`python -c pass`: {secs(bare)}",
                grade / bare,
                "well under 1 s",
            )
        )

    def bench_pdf(self) -> None:
        self.html_build("full")
        html = self.clock["full"]  # by the clock, as the PDF builds are timed
        project = self.project("full")
        out = self.tmp / "simplepdf"
        simple = sphinx(html_args(project, out, "simplepdf"), self.env)
        latex_args = ["-M", "latexpdf", str(project / "docs"), str(self.tmp / "latex"), "-c", str(project), *STRICT]
        latex = sphinx(latex_args, self.env)
        self.rows.append(
            Row("PDF through WeasyPrint (`make pdf`)", secs(simple), f"HTML build: {secs(html)}", simple / html, "—")
        )
        self.rows.append(
            Row("PDF through XeLaTeX (`make latexpdf`)", secs(latex), f"HTML build: {secs(html)}", latex / html, "—")
        )


# -- helpers -------------------------------------------------------------------------------------


def strip_exercises(text: str, book: Book | None = None, chapter: str = "", kinds: tuple[str, ...] = DIRECTIVES) -> str:
    """The page without the extension's directive blocks (those named in ``kinds``), and exercise cross-references
    as plain text.

    With a ``book``, each ``{exercise}`` and ``{exercises}`` block becomes its exercises' texts, and
    ``{objectives}`` the objectives of the page's ``chapter``, as plain MyST. Examples inside a longer
    fence (````md … ````) are code, not directives, and stay.
    """
    out: list[str] = []
    outer: str | None = None  # the fence of a code example we are inside
    skipping: str | None = None  # the fence of a directive being removed
    for line in text.splitlines(keepends=True):
        fence = re.match(r"^(`{3,})(\{[^}]*\})?", line)
        if skipping is not None:
            if line.strip() == skipping:
                skipping = None
            continue
        if fence and outer is None and fence.group(2) and fence.group(2)[1:-1] in kinds:
            skipping = fence.group(1)
            if book is not None:
                out.append(written_out(book, fence.group(2)[1:-1], line[fence.end() :].strip() or chapter))
            continue
        if fence and outer is None and len(fence.group(1)) > 3:
            outer = fence.group(1)
        elif outer is not None and line.strip() == outer:
            outer = None
        out.append(line)
    return re.sub(r"\{numref\}`(c\d+-[a-z0-9-]+)`", r"`\1`", "".join(out))


# Fields of an exercise that hold text a reader or an instructor sees (MyST).
TEXT_FIELDS = frozenset(
    {"vignette", "prompt", "text", "feedback", "explanation", "hint"}
    | {"feedback_true", "feedback_false", "feedback_correct", "feedback_incorrect"}
)


def written_out(book: Book, directive: str, argument: str) -> str:
    """What a directive places, as plain MyST: the same texts and citations, none of the extension's nodes."""
    if directive == "objectives":
        bank = next((b for b in book.banks if b.chapter == argument), None)
        return "\n".join(f"- {o.text}" for o in bank.objectives) + "\n\n" if bank else ""
    if directive == "exercise":
        found = book.find(argument)
        exercises = [found[1]] if found else []
    elif directive == "exercises":
        exercises = [e for b in book.banks if b.chapter == argument for e in b.exercises]
    else:
        return ""
    blocks = []
    for ex in exercises:
        texts = list(_texts(ex.model_dump()))
        blocks += [*texts, f"Source: {{cite:t}}`{ex.source}`"]
    return "".join(f"{block}\n\n" for block in blocks)


def _texts(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TEXT_FIELDS and isinstance(value, str):
                yield value.strip()
            else:
                yield from _texts(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _texts(item)


def pages_using(project: Path, chapter: str) -> list[str]:
    """The pages that use this chapter's bank: those that place one of its exercises, print its objectives
    or one of its exercises as written ({checks-example}), and the Answers page and blueprint, which list
    every exercise of the book."""
    bank = next(b for b in load_book([project / "exercises"]).banks if b.chapter == chapter)
    ids = {e.id for e in bank.exercises}
    found = []
    for page in sorted((project / "docs").glob("*.md")):
        text = strip_examples(page.read_text(encoding="utf-8"))
        placed = set(re.findall(r"^```\{(?:exercise|checks-example)\} (\S+)", text, re.M))
        placed_all = re.search(rf"^```\{{exercises\}} {re.escape(chapter)}\b", text, re.M)
        objectives = page.stem == chapter and "```{objectives}" in text
        summary = re.search(r"^```\{(answers|blueprint)\}", text, re.M)
        if placed & ids or placed_all or objectives or summary:
            found.append(page.stem)
    return found


def strip_reference(text: str) -> str:
    """The page without the ``{checks-format}`` and ``{checks-example}`` blocks (the bank format's reference)."""
    return re.sub(r"^(`{3,})\{checks-(?:format|example)\}.*?^\1$\n?", "", text, flags=re.M | re.S)


def strip_examples(text: str) -> str:
    return re.sub(r"^(`{4,}).*?^\1$", "", text, flags=re.M | re.S)


def html_args(project: Path, out: Path, builder: str = "html") -> list[str]:
    """The arguments of a strict build of the copy ``project`` into ``out``, as every HTML benchmark builds (and
    the WeasyPrint PDF, with its ``builder``)."""
    return ["-b", builder, *doctrees(out), *STRICT, "-c", str(project), *paths(project, out)]


def doctrees(out: Path) -> list[str]:
    return ["-d", str(out.parent / f"{out.name}-doctrees")]


def paths(project: Path, out: Path) -> list[str]:
    return [str(project / "docs"), str(out)]


def compile_modules(folders: list[Path]) -> None:
    """Compile the modules in ``folders`` (copies in the benchmark's folder) before any build is measured.

    A user's builds load the package and the book's extensions compiled, as the first import writes them; where
    the environment says not to write them (PYTHONDONTWRITEBYTECODE), every build would compile them again from
    source, about a tenth of a second of each build (the book's own extensions import the package too, so the
    baselines pay it as well). The installed libraries come compiled from their install.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", *map(str, folders)], check=True)


def build_env(src: Path) -> dict[str, str]:
    """The environment of every build: a fixed date, and the package imported from ``src``, a compiled copy."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764028800")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # weasyprint
    return env


def sphinx(args: list[str], env: dict[str, str], log: bool = False) -> Any:
    """Run one Sphinx build; its wall time, or its log with ``log``."""
    build = sphinx_run(args, env)
    return build.log if log else build.wall


@dataclass(frozen=True)
class Build:
    wall: float  # seconds by the clock
    cpu: float  # seconds of processor time the build process used, user and system
    collecting: float  # seconds of cyclic garbage collection within it
    log: str


def sphinx_run(args: list[str], env: dict[str, str]) -> Build:
    """Run one Sphinx build, through gc_sphinx.py to time the garbage collector."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(BENCH / "gc_sphinx.py"), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # subprocess.run has waited for the child
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.exit(f"build failed: sphinx {' '.join(args)}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    collected = re.findall(r"^cyclic gc: ([0-9.]+) s$", done.stderr, re.M)
    return Build(elapsed, cpu, float(collected[-1]) if collected else float("nan"), done.stdout)


def counted_builds(projects: dict[str, Path], tmp: Path, env: dict[str, str]) -> dict[str, int]:
    """The instructions each project's clean HTML build executes, counted by valgrind (cachegrind, without its
    cache simulation). A count does not depend on what else runs, so the builds run side by side."""
    running = {}
    for name, project in projects.items():
        out = tmp / f"{name}-counted-html"
        args = html_args(project, out)
        command = [*VALGRIND, sys.executable, "-m", "sphinx", *args]
        # A fixed hash seed: the order of sets and the work done in it are then the same in every run.
        running[name] = subprocess.Popen(
            command,
            cwd=REPO,
            env=dict(env, PYTHONHASHSEED="0"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    counts = {}
    try:
        for name, process in running.items():
            _, errors = process.communicate()
            found = re.search(r"^==\d+== I\s+refs:\s+([\d,]+)$", errors, re.M)
            if process.returncode or found is None:
                sys.exit(f"counted build failed: {name}\n{errors[-3000:]}")
            counts[name] = int(found[1].replace(",", ""))
    finally:
        # One build failed or the run was interrupted: the others stop too, before their folder is removed.
        for process in running.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return counts


@dataclass(frozen=True)
class Size:
    characters: int  # of text, in the doctrees' Text nodes
    nodes: int


def book_size(folder: Path) -> Size:
    """How much book a build read: the characters of text and the nodes in the doctrees it saved in ``folder``
    (what every page holds, whatever each builder then writes of it)."""
    characters = count = 0
    for path in sorted(folder.glob("*.doctree")):
        doctree = pickle.loads(path.read_bytes())
        for node in doctree.findall():
            count += 1
            if isinstance(node, nodes.Text):
                characters += len(node)
    return Size(characters, count)


def billions(count: int) -> str:
    return f"{count / 1e9:.2f} billion instructions"


def strip_colour(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def median_run(cmd: list[str], env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page_bytes(site: Path, page: str) -> dict[str, int]:
    """Body bytes of every response Chromium receives while loading one page, by path."""
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            responses: list[Any] = []
            tab.on("response", lambda response: responses.append(response))
            tab.goto(base + page, wait_until="networkidle")
            sizes: dict[str, int] = {}
            for response in responses:
                path = response.url.removeprefix(base).split("?")[0]
                sizes[path] = sizes.get(path, 0) + len(response.body())
            return sizes
        finally:
            browser.close()


def secs(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def kb(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size >= 1024 else f"{size} B"


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | measured | baseline (same run) | ratio | target |", "|---|---|---|---|---|"]
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        lines.append(f"| {r.name} | {r.measured} | {r.baseline} | {ratio} | {r.target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(BENCHES), help=f"comma-separated subset of {', '.join(BENCHES)}")
    parser.add_argument(
        "--sheets", type=positive, default=10_000, help="sheets in the gradebook benchmark (default 10000)"
    )
    parser.add_argument("--runs", type=positive, default=3, help="runs of each timed build or step; the best counts")
    args = parser.parse_args()
    chosen = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = sorted(set(chosen) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (choose from {', '.join(BENCHES)})")
    with tempfile.TemporaryDirectory(prefix="checks-bench-") as tmp:
        bench = Bench(Path(tmp), args.runs, args.sheets)
        for name in BENCHES:
            if name in chosen:
                print(f"running {name} …", file=sys.stderr, flush=True)
                getattr(bench, f"bench_{name}")()
    python = sys.version.split()[0]
    print(f"{dt.date.today().isoformat()}, {os.cpu_count()} CPUs, Python {python}, best of {args.runs} runs\n")
    print(table(bench.rows))
    for note in bench.notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
