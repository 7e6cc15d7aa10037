"""A built book in Debian's Chromium: serving it, watching pages for errors and foreign requests, running axe.

Shared by tests/test_browser.py and tests/test_quality.py; the session fixtures
that use these helpers (``browser``, ``served``, ``axe_source``) are in conftest.py.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page

TESTS = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The search page with results on it, each with a summary fetched from its page.
SEARCH = "search.html?q=metastasis"


def node_module(*parts: str) -> Path:
    """A file of the test-only npm packages (tests/package.json), installed with ``npm ci`` when missing.

    Install scripts are skipped: none of the packages needs one (vnu-jar's would
    only download a Java runtime, and the tests use the system's).
    """
    path = TESTS.joinpath("node_modules", *parts)
    if not path.exists():
        subprocess.run(
            ["npm", "ci", "--prefix", str(TESTS), "--ignore-scripts", "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    assert path.exists(), f"{path} is missing after npm ci --prefix tests"
    return path


def top_pages(site: Path) -> list[str]:
    """Every page at the top of a built book (chapters, glossary, references, answers, genindex, search…)."""
    pages = sorted(p.name for p in site.glob("*.html"))
    assert {"index.html", "genindex.html", "search.html", "references.html", "glossary.html"} <= set(pages), pages
    return pages


def pages_to_visit(site: Path) -> list[str]:
    """Every top-level page, and the search page once more with results."""
    return [*top_pages(site), SEARCH]


def chapter_pages(site: Path) -> list[str]:
    pages = sorted(p.name for p in site.glob("[0-9][0-9]-*.html"))
    assert pages, "no chapter pages were built"
    return pages


# -- serving --------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL, ending in a slash."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# -- watching -------------------------------------------------------------------------------


@dataclass
class Watch:
    """What a page did that it should not: console errors, failed scripts, requests elsewhere."""

    errors: list[str]
    foreign: list[str]

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"


def open_context(
    browser: Browser, viewport: dict[str, int] = DESKTOP, mode: str | None = None, **kwargs: Any
) -> tuple[BrowserContext, Watch]:
    """A fresh browser context whose pages are watched; requests to any host but 127.0.0.1 are refused and noted."""
    context = browser.new_context(viewport=viewport, **kwargs)
    context.set_default_timeout(10_000)
    if mode:
        context.add_init_script(f"if (location.protocol === 'http:') localStorage.setItem('mode', '{mode}');")
    watch = Watch([], [])

    def route(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            watch.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    context.on("page", lambda page: _watch_page(page, watch))
    return context, watch


def _watch_page(page: Page, watch: Watch) -> None:
    page.on("console", lambda msg: watch.errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda err: watch.errors.append(f"{page.url}: uncaught: {err}"))


def visit(page: Page, url: str) -> None:
    """Open a page and wait until it has finished; search results wait for every summary they fetch."""
    page.goto(url)
    page.wait_for_load_state("load")
    if "search.html?q=" in url:
        # The search page fetches a summary of every page it lists: on a busy 2-core machine that can
        # outlast the default 10 s, which bounds a wait, not the speed under test.
        page.locator("#search-results li").first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle", timeout=30_000)


# -- accessibility ----------------------------------------------------------------------------------


def reveal_everything(page: Page) -> None:
    """Answer every exercise somehow, check it and open its answer, so every state is on screen."""
    page.evaluate("""() => {
      for (const box of document.querySelectorAll('.checks-exercise')) {
        const first = box.querySelector('.checks-response input[type=radio], .checks-response input[type=checkbox]');
        if (first) first.checked = true;
        const text = box.querySelector('.checks-response input[type=text]');
        if (text) text.value = '1';
        const selects = box.querySelectorAll('.checks-response select');
        selects.forEach((s, i) => { s.selectedIndex = 1 + (i % (s.options.length - 1)); });
        const check = box.querySelector('.checks-check');
        if (check) check.click();
        const show = box.querySelector('.checks-show');
        if (show && !show.disabled && box.querySelector('.checks-solution').hidden) show.click();
      }
      const hint = document.querySelector('.checks-hint');
      if (hint) hint.open = true;
      // Show answer took the focus, and the page scrolled to the last answer: back to the top, so that the
      // mouse that axe_violations moves aside rests where it did, on no link (hovered, a link is another colour).
      window.scrollTo(0, 0);
    }""")


def axe_violations(page: Page, axe_source: str) -> list[str]:
    """Run axe-core over the whole page with every rule on; one line per violation.

    The mouse moves away and nothing keeps the focus first, so no tooltip is left
    open outside the page's landmarks.
    """
    height = page.viewport_size["height"] if page.viewport_size else 1
    page.mouse.move(0, height - 1)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
