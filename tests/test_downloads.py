"""The book's PDFs and EPUB on its web pages (docs/_ext/book_downloads.py, conf.py's DOWNLOADS, `make site`).

conf.py finds the files in the folder BOOK_DOWNLOADS names; the web book built with them carries them and links
each with its format and size on the start page and in every page's sidebar, and the note for readers without
JavaScript links the PDF. Built without them, as by `make html`, it reads as before. The whole-book builds here use
small stand-in files in a temporary folder rather than a real PDF and EPUB, and are checked as the book is: no
broken link, nothing axe-core finds, in Chromium at a desktop's and a phone's width.
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from sphinx.util.osutil import make_filename
from test_browser import shots
from test_quality import broken_links

from checks.sphinxext.noscript import note_text

from browsing import DESKTOP, PHONE, axe_violations, chapter_pages, open_context, serve, top_pages, visit
from builds import REPO, build_env, sphinx

sys.path.insert(0, str(REPO / "docs" / "_ext"))

from book_downloads import Download, _config_inited, downloads_in, printed_editions, size_text

__all__ = ["shots"]  # the screenshot fixture of tests/test_browser.py, shared

# Stand-ins for the files `make site` gathers: a size each that shows how it is written, and the bytes a real PDF
# starts with, which are no UTF-8 text.
STAND_INS = {
    "metastatic-cancer.pdf": 2_100_000,
    "metastatic-cancer-screen.pdf": 1_340_000,
    "metastatic-cancer.epub": 420_000,
}
STAND_IN = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n%stand-in\n"
LINKS = [
    ("PDF for print (2.1 MB)", "metastatic-cancer.pdf"),
    ("PDF for screens (1.3 MB)", "metastatic-cancer-screen.pdf"),
    ("EPUB (0.4 MB)", "metastatic-cancer.epub"),
]
SIDEBAR = re.compile(r'<nav class="book-downloads bd-links" aria-label="Download the book">(.*?)</nav>', re.S)
START = re.compile(r'<ul class="book-downloads simple">(.*?)</ul>', re.S)
LINK = re.compile(r'<a class="reference internal" href="([^"]+)"[^>]*>([^<]+)</a>')


def _links(html: str) -> list[tuple[str, str]]:
    return [(text, href) for href, text in LINK.findall(html)]


def _stand_ins(folder: Path, names: dict[str, int] = STAND_INS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, size in names.items():
        (folder / name).write_bytes(STAND_IN.ljust(size, b"."))
    return folder


def _conf(monkeypatch: pytest.MonkeyPatch, folder: Path | None) -> dict[str, Any]:
    """conf.py's settings, read as Sphinx reads them, with BOOK_DOWNLOADS naming ``folder`` (or unset)."""
    if folder is None:
        monkeypatch.delenv("BOOK_DOWNLOADS", raising=False)
    else:
        monkeypatch.setenv("BOOK_DOWNLOADS", str(folder))
    return runpy.run_path(str(REPO / "conf.py"))


# -- what conf.py finds ---------------------------------------------------------------------------------------


def test_the_files_that_are_there_are_found_in_the_order_given(tmp_path: Path) -> None:
    _stand_ins(tmp_path, {"b.epub": 420_000, "a.pdf": 2_100_000, "unknown.pdf": 10})
    known = {"a.pdf": "PDF", "missing.pdf": "PDF for screens", "b.epub": "EPUB"}
    assert downloads_in(tmp_path, known) == [Download("a.pdf", "PDF", 2_100_000), Download("b.epub", "EPUB", 420_000)]
    (tmp_path / "empty").mkdir()
    assert downloads_in(tmp_path / "empty", known) == []
    assert downloads_in(None, known) == downloads_in("", known) == []


def test_a_file_is_named_by_its_format_and_size() -> None:
    assert [size_text(n) for n in (2_149_999, 100_000, 99_999, 1_400, 10)] == [
        "2.1 MB",
        "0.1 MB",
        "100 kB",
        "1 kB",
        "1 kB",
    ]
    assert Download("book.epub", "EPUB", 420_000).text == "EPUB (0.4 MB)"
    assert [Download(f"b.{s}", "", 1).media_type for s in ("pdf", "epub")] == [
        "application/pdf",
        "application/epub+zip",
    ]
    found = [Download("print.pdf", "", 1), Download("screen.pdf", "", 1), Download("b.epub", "", 1)]
    assert printed_editions(found) == {"PDF": "print.pdf", "EPUB": "b.epub"}  # the first PDF, for the note


def test_conf_links_the_files_in_the_folder_book_downloads_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _stand_ins(tmp_path / "downloads")
    conf = _conf(monkeypatch, folder)
    assert [(d.text, d.file) for d in conf["book_downloads"]] == LINKS
    assert conf["html_extra_path"] == [str(folder / name) for _, name in LINKS]
    assert conf["html_theme_options"]["primary_sidebar_end"][0] == "book-downloads.html"
    assert conf["checks_printed_editions"] == {"PDF": "metastatic-cancer.pdf", "EPUB": "metastatic-cancer.epub"}
    # The Makefile names its folder from the top of the repository, where conf.py is, whatever the current folder.
    monkeypatch.chdir(tmp_path)
    relative = Path(os.path.relpath(folder, REPO))
    assert [d.file for d in _conf(monkeypatch, relative)["book_downloads"]] == [name for _, name in LINKS]


@pytest.mark.parametrize("folder", [None, "empty"])
def test_conf_links_nothing_without_the_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, folder: str | None
) -> None:
    if folder:
        (tmp_path / folder).mkdir()
    conf = _conf(monkeypatch, tmp_path / folder if folder else None)
    assert conf["book_downloads"] == [] and conf["checks_printed_editions"] == {}
    assert "html_extra_path" not in conf
    assert "primary_sidebar_end" not in conf["html_theme_options"]  # the theme's own, with no empty item added


@pytest.mark.parametrize(("made", "said"), [(False, "which is not a folder"), (True, "which holds none of the files")])
def test_a_folder_without_the_files_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, made: bool, said: str
) -> None:
    """A folder not there, or holding none of the book's files (renamed, or the wrong folder), is one warning: a
    site built without the files it was meant to offer would not say so."""
    folder = tmp_path / "downloads"
    if made:
        folder.mkdir()
        (folder / "book.pdf").write_bytes(b"%PDF-1.7\n")  # not a name the book offers
    tags: set[str] = set()
    app = type("App", (), {"tags": type("Tags", (), {"add": tags.add})()})()
    config = type("Config", (), {"book_downloads_folder": str(folder), "book_downloads": []})()
    with caplog.at_level("WARNING"):
        _config_inited(app, config)  # type: ignore[arg-type]
    # As written: once Sphinx's logging is set up in this process, its filters add "WARNING: " and the type.
    said_at_length = f"BOOK_DOWNLOADS names {folder}, {said}" + (" `make site` puts there" if made else "")
    [record] = caplog.records
    assert f"{said_at_length}: no file is offered to download" in record.getMessage()
    assert not tags


@pytest.mark.slow
def test_a_folder_that_is_not_there_fails_the_build_with_one_line(tmp_path: Path) -> None:
    """A site built without the files it was meant to offer would not say so."""
    missing = tmp_path / "nowhere"
    run = sphinx("html", tmp_path / "html", env=build_env(BOOK_DOWNLOADS=str(missing)))
    assert run.returncode != 0
    warnings = [line for line in run.stderr.splitlines() if "WARNING" in line]
    assert warnings == [
        f"WARNING: BOOK_DOWNLOADS names {missing}, which is not a folder: no file is offered to download"
        " [book_downloads.folder]"
    ]
    assert "Traceback" not in run.stderr + run.stdout


def test_make_site_builds_the_files_then_the_pages_that_link_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make site` gathers the PDFs and the EPUB under the names conf.py knows, then builds the web pages with them."""
    dry_run = subprocess.run(
        ["make", "-n", "--always-make", "site"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    builds = [line for line in dry_run if " -m sphinx " in line]
    assert [re.findall(r" -[bM] (\w+)", line) for line in builds] == [["simplepdf"], ["latexpdf"], ["epub"], ["html"]]
    copied = [line.split()[1:] for line in dry_run if line.startswith("cp ")]
    conf = _conf(monkeypatch, None)
    assert [target for _, target in copied] == [f"_build/downloads/{name}" for name in conf["DOWNLOADS"]]
    # Each from where its build writes it: the EPUB under the name Sphinx makes from the book's title.
    sources = ["_build/latex/metastatic-cancer.pdf", f"_build/simplepdf/{conf['simplepdf_file_name']}"]
    assert [source for source, _ in copied] == [*sources, f"_build/epub/{make_filename(conf['project'])}.epub"]
    assert dry_run.index(builds[-1]) > max(i for i, line in enumerate(dry_run) if line.startswith("cp "))
    assert builds[-1].startswith("BOOK_DOWNLOADS=_build/downloads ") and builds[-1].endswith(
        " -b html docs _build/site"
    )
    assert "make site" in subprocess.run(["make", "help"], cwd=REPO, capture_output=True, text=True, check=True).stdout


# -- the web book with the files, and without ------------------------------------------------------------------


@pytest.fixture(scope="module")
def stocked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reader's web book, strictly built with stand-ins for its PDFs and EPUB."""
    root = tmp_path_factory.mktemp("stocked")
    folder = _stand_ins(root / "downloads")
    run = sphinx("html", root / "html", env=build_env(BOOK_DOWNLOADS=str(folder)))
    assert run.returncode == 0, f"{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    return root / "html"


@pytest.fixture(scope="module")
def stocked_url(stocked: Path) -> Iterator[str]:
    with serve(stocked) as base:
        yield base


@pytest.mark.slow
def test_the_files_are_beside_the_pages_and_linked_from_every_page(stocked: Path) -> None:
    for name, size in STAND_INS.items():
        assert (stocked / name).read_bytes() == (stocked.parent / "downloads" / name).read_bytes()
        assert (stocked / name).stat().st_size == size
    index = (stocked / "index.html").read_text(encoding="utf-8")
    assert '<h2 class="rubric">Download the book</h2>' in index
    [start] = START.findall(index)
    assert _links(start) == LINKS
    for name in top_pages(stocked):
        [sidebar] = SIDEBAR.findall((stocked / name).read_text(encoding="utf-8"))
        assert _links(sidebar) == LINKS, name
    # The note before a chapter's first exercise, for readers without JavaScript, links the PDF and the EPUB.
    chapter = (stocked / chapter_pages(stocked)[0]).read_text(encoding="utf-8")
    [note] = re.findall(r'<div class="admonition note checks-noscript">.*?<p>(.*?)</p></div>', chapter)
    assert _links(note) == [("PDF", "metastatic-cancer.pdf"), ("EPUB", "metastatic-cancer.epub")]
    assert re.sub("<[^>]+>", "", note) == note_text("reader", "appendix")


@pytest.mark.slow
def test_no_link_of_the_book_with_its_files_is_broken(stocked: Path, tmp_path: Path) -> None:
    checked, broken = broken_links(stocked, top_pages(stocked))
    assert checked > 1000, f"only {checked} local links found"
    assert broken == [], "\n".join(broken)
    # The downloads are among the links checked: without the EPUB, every page's link to it is broken.
    epub = stocked / "metastatic-cancer.epub"
    epub.rename(tmp_path / epub.name)
    try:
        _, broken = broken_links(stocked, ["index.html"])
    finally:
        (tmp_path / epub.name).rename(epub)
    assert broken == ["index.html: metastatic-cancer.epub (no file metastatic-cancer.epub)"] * 2  # sidebar, start


@pytest.mark.slow
def test_without_the_files_nothing_is_linked(site: Path) -> None:
    """The book as `make html` builds it: no file, no link to one, and the note's words as they were."""
    assert not [*site.glob("*.pdf"), *site.glob("*.epub")]
    for name in top_pages(site):
        page = (site / name).read_text(encoding="utf-8")
        assert not SIDEBAR.search(page) and not START.search(page), name
        assert 'rubric">Download the book<' not in page and not re.search(r'href="[^"]*\.(pdf|epub)"', page), name
    chapter = (site / chapter_pages(site)[0]).read_text(encoding="utf-8")
    assert f"<p>{note_text('reader', 'appendix')}</p>" in chapter


# -- in a browser ------------------------------------------------------------------------------------------------

# The links' box in the sidebar on a desktop; on a phone, in the sidebar's drawer.
SIDEBAR_LINKS = "#pst-primary-sidebar nav.book-downloads a"
DRAWER_LINKS = "#pst-primary-sidebar-modal nav.book-downloads a"


def _fits(page: Page, selector: str, width: int) -> None:
    """Every link is on screen, on one line, within the page's width; nothing makes the page scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for link in page.locator(selector).all():
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
        line = link.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")
        assert box["height"] < 2 * line, f"{link.inner_text()} wraps: {box}"


@pytest.mark.slow
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_download_links_show_on_the_start_page_and_a_chapter(
    browser: Browser, stocked: Path, stocked_url: str, shots: Callable[[Page, str], Path], width: str
) -> None:
    viewport = DESKTOP if width == "desktop" else PHONE
    context, watch = open_context(browser, viewport=viewport)
    page = context.new_page()
    texts = [text for text, _ in LINKS]
    for name in ("index.html", chapter_pages(stocked)[2]):
        visit(page, stocked_url + name)
        if name == "index.html":
            start = page.locator("ul.book-downloads a")
            expect(start).to_have_text(texts)
            start.first.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -120)")  # the section's heading too
            _fits(page, "ul.book-downloads a", viewport["width"])
            shots(page, f"downloads-start-{width}")
        if width == "desktop":
            links = page.locator(SIDEBAR_LINKS)
        else:
            page.locator(".primary-toggle:visible").first.click()
            links = page.locator(DRAWER_LINKS)
        expect(links).to_have_text(texts)
        links.last.scroll_into_view_if_needed()
        page.mouse.move(viewport["width"] - 1, viewport["height"] - 1)  # no link hovered in the picture
        for link in links.all():
            expect(link).to_be_visible()
        _fits(page, SIDEBAR_LINKS if width == "desktop" else DRAWER_LINKS, viewport["width"])
        shots(page, f"downloads-sidebar-{width}-{name.removesuffix('.html')}")
        # The link opens the file: served, it is the stand-in.
        response = page.request.get(stocked_url + LINKS[0][1])
        assert response.ok and response.body().startswith(STAND_IN)
        if width == "phone":
            page.keyboard.press("Escape")
    context.close()
    watch.assert_clean()


@pytest.mark.slow
@pytest.mark.parametrize(("width", "mode"), [("desktop", "light"), ("desktop", "dark"), ("phone", "light")])
def test_axe_finds_nothing_on_pages_with_the_download_links(
    browser: Browser, stocked: Path, stocked_url: str, axe_source: str, width: str, mode: str
) -> None:
    context, watch = open_context(browser, viewport=DESKTOP if width == "desktop" else PHONE, mode=mode)
    page = context.new_page()
    problems = []
    for name in ("index.html", chapter_pages(stocked)[2]):
        visit(page, stocked_url + name)
        expect(page.locator("nav.book-downloads a")).to_have_count(len(LINKS))
        problems += [f"{name}: {problem}" for problem in axe_violations(page, axe_source)]
    context.close()
    assert problems == [], "\n".join(problems)
    watch.assert_clean()


@pytest.mark.slow
def test_without_javascript_the_note_links_the_pdf(browser: Browser, stocked: Path, stocked_url: str) -> None:
    context, _ = open_context(browser, java_script_enabled=False)
    page = context.new_page()
    visit(page, stocked_url + chapter_pages(stocked)[0])
    link = page.locator(".checks-noscript a", has_text="PDF")
    expect(link).to_be_visible()
    assert link.evaluate("a => a.href") == stocked_url + "metastatic-cancer.pdf"
    context.close()
