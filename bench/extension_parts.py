"""The extension's own code in an HTML build of the book, part by part, each as a share of the whole build.

Run on demand:  .venv/bin/python bench/extension_parts.py [--runs N]

Every ``run`` and ``apply`` of the extension's directives and transforms, every node visitor it registers and
every event handler it connects is timed where it is called, in the build's own process; what is left of the
build is Sphinx, docutils, MyST and the theme (on the nodes the extension adds too, which this does not tell
apart). The exercises' texts are parsed as MyST inside the directives: those parses are counted in the
directives' rows and shown again on a line of their own, since the text would cost them without the extension.

Each build runs in a process of its own, so that nothing one build keeps in memory makes the next cheaper; the
build with the least time counts. The book is copied to a temporary folder first, as ``bench/run.py`` does.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils.parsers.rst import Directive
from docutils.transforms import Transform
from grading import positive
from run import Bench, html_args

import checks.sphinxext

NESTED = ("BankDirective.parse_blocks", "BankDirective.parse_line")  # inside the directives' rows


class Parts:
    """The time spent in each part of the extension, and how often it was called."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: Counter[str] = Counter()

    def timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timing(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start
                self.calls[label] += 1

        return timing

    def wrap_extension(self) -> None:
        """Time the extension's directives, transforms, visitors and parses, before Sphinx sets it up."""
        modules = _extension_modules()
        for module in modules:
            for name, value in list(vars(module).items()):
                if _defined_here(value, module) and issubclass(value, Directive | Transform):
                    for method in ("run", "apply"):
                        if method in vars(value):  # its own, not one it inherits (timed once, where defined)
                            setattr(value, method, self.timed(f"{name}.{method}", vars(value)[method]))
        [directives] = [m for m in modules if m.__name__ == "checks.sphinxext.directives"]
        for label in NESTED:
            owner, method = label.split(".")
            cls = getattr(directives, owner)
            setattr(cls, method, self.timed(label, vars(cls)[method]))

    def wrap_visitors(self) -> None:
        """Time the node visitors the extension registers, for each format, as Sphinx is given them."""
        from sphinx.application import Sphinx

        def timing_visitors(register: Callable[..., Any]) -> Callable[..., Any]:
            def registering(app: Sphinx, *args: Any, **kwargs: Any) -> Any:
                for format_, pair in kwargs.items():
                    if isinstance(pair, tuple) and any(_ours(f) for f in pair):
                        kwargs[format_] = tuple(self.timed(f"node visitors ({format_})", f) for f in pair)
                return register(app, *args, **kwargs)

            return registering

        Sphinx.add_node = timing_visitors(Sphinx.add_node)  # type: ignore[method-assign]
        Sphinx.add_enumerable_node = timing_visitors(Sphinx.add_enumerable_node)  # type: ignore[method-assign]

    def wrap_handlers(self) -> None:
        """Time every event handler the extension connects."""
        from sphinx.application import Sphinx

        connect = Sphinx.connect

        def timed_connect(app: Sphinx, event: str, callback: Callable[..., Any], priority: int = 500) -> int:
            if _ours(callback):
                callback = self.timed(f"event {event}: {callback.__name__}", callback)
            return connect(app, event, callback, priority)

        Sphinx.connect = timed_connect  # type: ignore[assignment]


def _ours(function: Any) -> bool:
    return callable(function) and getattr(function, "__module__", "").startswith("checks.")


def _defined_here(value: Any, module: Any) -> bool:
    return inspect.isclass(value) and value.__module__ == module.__name__


def _extension_modules() -> list[Any]:
    package = checks.sphinxext
    names = [f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)]
    return [package, *(importlib.import_module(name) for name in names)]


def one_build(project: Path, out: Path) -> dict[str, Any]:
    """One build of ``project`` in this process: the whole build's time and each part's."""
    from sphinx.cmd.build import main as sphinx_main

    parts = Parts()
    parts.wrap_extension()
    parts.wrap_visitors()
    parts.wrap_handlers()
    start = time.perf_counter()
    status = sphinx_main(["-q", *html_args(project, out)])
    whole = time.perf_counter() - start
    if status:
        sys.exit(f"build failed: {project}")
    return {"whole": whole, "seconds": dict(parts.seconds), "calls": dict(parts.calls)}


def table(result: dict[str, Any]) -> str:
    whole, seconds, calls = result["whole"], result["seconds"], result["calls"]
    own = sum(s for label, s in seconds.items() if label not in NESTED)
    nested = sum(seconds.get(label, 0.0) for label in NESTED)
    rows = ["| part | calls | time | share of the build |", "|---|---|---|---|"]
    for label, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        if label not in NESTED:
            rows.append(f"| {label} | {calls[label]:,} | {spent * 1000:.1f} ms | {spent / whole:.1%} |")
    rows.append(
        f"| of which the MyST parses of the exercises' texts | — | {nested * 1000:.1f} ms | {nested / whole:.1%} |"
    )
    rows.append(f"| the extension's own code, all the parts above | — | {own * 1000:.1f} ms | {own / whole:.1%} |")
    rows.append(f"| the whole build | — | {whole:.2f} s | 100% |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=positive, default=3, help="builds to run; the one with the least time counts")
    parser.add_argument("--one-build", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_build:
        print(json.dumps(one_build(Path(args.one_build[0]), Path(args.one_build[1]))))
        return
    with tempfile.TemporaryDirectory(prefix="checks-parts-") as tmp:
        bench = Bench(Path(tmp), args.runs, 1)
        project = bench.project("full")
        results = []
        for run in range(args.runs):
            print(f"build {run + 1} of {args.runs} …", file=sys.stderr, flush=True)
            command = [sys.executable, __file__, "--one-build", str(project), str(Path(tmp) / f"html-{run}")]
            done = subprocess.run(command, env=bench.env, capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"build failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
            results.append(json.loads(done.stdout.splitlines()[-1]))
    print(f"The HTML build of the book, the least of {args.runs} builds, Python {sys.version.split()[0]}\n")
    print(table(min(results, key=lambda r: r["whole"])))


if __name__ == "__main__":
    main()
