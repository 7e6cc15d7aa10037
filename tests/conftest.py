"""Shared fixtures: the repository's paths, the real book, a test bank, the built editions, a browser and the
test-only JavaScript tools (axe-core, a GIFT parser)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from checks.loading import Book, load_book

from browsing import CHROMIUM, CHROMIUM_ARGS, node_module, serve
from builds import Builds

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
GiftParse = Callable[[bytes], list[dict[str, Any]]]

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def book() -> Book:
    """Every bank of the book."""
    return load_book([REPO / "exercises"])


@pytest.fixture(scope="session")
def sample() -> Book:
    """One exercise of each kind (tests/data/bank.yaml)."""
    return load_book([DATA / "bank.yaml"])


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Tiny Sphinx projects for the extension tests (tests/roots/test-*)."""
    return Path(__file__).resolve().parent / "roots"


# -- the built book, once per session ------------------------------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """``built(builder, edition)``: the strict build of an edition, made on first use and shared by every test."""
    return Builds(tmp_path_factory.mktemp("builds"))


@pytest.fixture(scope="session")
def site(built: Builds) -> Path:
    """The reader's edition in HTML."""
    return built("html").out


@pytest.fixture(scope="session")
def served(built: Builds) -> Iterator[Callable[[str], str]]:
    """``served(edition)``: the base URL of that edition's HTML, served on 127.0.0.1 for the rest of the session."""
    urls: dict[str, str] = {}
    with ExitStack() as servers:

        def url(edition: str) -> str:
            if edition not in urls:
                urls[edition] = servers.enter_context(serve(built("html", edition).out))
            return urls[edition]

        yield url


@pytest.fixture(scope="session")
def base_url(served: Callable[[str], str]) -> str:
    return served("reader")


# -- the browser and the test-only JavaScript tools ----------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return node_module("axe-core", "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gift_parse() -> GiftParse:
    """An independent GIFT parser (the npm package gift-pegjs), so that the exports' tests do not trust their own
    escaping: GIFT text in, gift-pegjs's questions out."""
    module = node_module("gift-pegjs")
    node = shutil.which("node")
    assert node, "Node.js is needed to run the independent GIFT parser"
    script = (
        "const g = require(process.argv[1]); let s = ''; process.stdin.setEncoding('utf8');"
        "process.stdin.on('data', d => { s += d; });"
        "process.stdin.on('end', () => process.stdout.write(JSON.stringify(g.parse(s))));"
    )

    def parse(data: bytes) -> list[dict[str, Any]]:
        done = subprocess.run([node, "-e", script, str(module)], input=data, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
        parsed: list[dict[str, Any]] = json.loads(done.stdout)
        return parsed

    return parse
