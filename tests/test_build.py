"""The book builds strictly to HTML, PDF (both routes) and EPUB, into temporary folders."""

from __future__ import annotations

import html
import itertools
import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from checks.loading import Book
from checks.model import Matching, MultipleSelect, Ordering, SingleChoice

from builds import REPO, Build, Builds, chapter_titles
from stylesheets import declarations, linked

pytestmark = pytest.mark.slow
TITLES = chapter_titles()


@pytest.fixture(scope="session")
def html_build(built: Builds) -> Build:
    return built("html")


def _text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("-\n", "").split()).lower()


def _pages(pdf: Path) -> list[str]:
    """The text of each page, laid out; ``_pages(pdf)[n - 1]`` is page n."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) of each entry of the PDF's table of contents."""
    start = next(n for n, page in enumerate(pages) if "Table of Contents" in page)
    entries: list[tuple[str, int]] = []
    for page in pages[start:]:
        found = [m for line in page.splitlines() if (m := re.fullmatch(r"\s*(?:•\s*)?(\S.*?)\s{2,}(\d+)", line))]
        if not found:
            break
        entries += [(" ".join(m[1].split()), int(m[2])) for m in found]
    return entries


def test_eight_chapters_in_outline_order() -> None:
    assert list(TITLES.values()) == [
        "What metastatic cancer is",
        "Where cancer spreads and what it causes",
        "How cancer spreads",
        "Diagnosis",
        "Treatment",
        "Prognosis and survival",
        "Research and clinical trials",
        "Care that brings it together",
    ]


def test_html_builds_without_warnings(html_build: Build) -> None:
    run = html_build.run
    assert run.returncode == 0, run.stderr[-3000:]
    assert "WARNING" not in run.stderr and "ERROR" not in run.stderr


def test_every_document_produced_a_page(html_build: Build) -> None:
    out = html_build.out
    sources = sorted(p.relative_to(REPO / "docs").with_suffix("").as_posix() for p in (REPO / "docs").glob("*.md"))
    for doc in sources:
        assert (out / f"{doc}.html").is_file(), doc
    index = (out / "index.html").read_text(encoding="utf-8")
    for doc, title in TITLES.items():
        assert f'href="{doc}.html"' in index and title in index


def test_pages_request_nothing_from_other_hosts(html_build: Build) -> None:
    out = html_build.out
    remote = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)
    for page in out.glob("*.html"):
        assert not remote.search(page.read_text(encoding="utf-8")), page.name


def search_index(out: Path) -> dict[str, Any]:
    text = (out / "searchindex.js").read_text(encoding="utf-8")
    index: dict[str, Any] = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return index


def pages_with(index: dict[str, Any], key: str) -> set[int]:
    """The numbers of the pages any word or title of one part of the search index names."""
    found: set[int] = set()
    for places in index[key].values():
        if key == "alltitles":
            found.update(page for page, _ in places)
        else:
            found.update(places if isinstance(places, list) else [places])
    return found


def test_the_pdf_start_page_is_not_in_the_web_search(html_build: Build) -> None:
    """docs/book.md, the LaTeX PDF's start page, is built to HTML too; found by the web book's search, it told
    readers that the answers are in an appendix. No word or title of it is in the search index."""
    index = search_index(html_build.out)
    book = index["docnames"].index("book")
    for key in ("terms", "titleterms", "alltitles"):
        assert book not in pages_with(index, key), key
    # The start page of the web book and the chapters are found as before.
    assert {index["docnames"].index(doc) for doc in ("index", *TITLES)} <= pages_with(index, "terms")


def test_the_readers_answers_page_links_every_chapters_self_check(html_build: Build) -> None:
    """The web book shows each answer on the exercise's page, so its Answers page was one sentence: it sends the
    reader to each chapter's self-check, and says that the PDF prints the answers there."""
    page = (html_build.out / "answers.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    linked = re.findall(r'href="([\w-]+)\.html#(ch\d\d-self-check)"', article)
    assert linked == [(doc, f"ch{doc[:2]}-self-check") for doc in TITLES]
    for doc, anchor in linked:
        assert f'id="{anchor}"' in (html_build.out / f"{doc}.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", article).split())
    assert "Show answer" in text and "In the PDF edition, this page prints every answer" in text


def test_build_leaves_the_working_tree_alone(html_build: Build) -> None:
    assert not html_build.out.is_relative_to(REPO)
    assert html_build.changed == []


@pytest.mark.parametrize("route", ["simplepdf", "latexpdf"])
def test_pdf_contains_every_chapter(route: str, built: Builds) -> None:
    build = built(route)
    assert "undefined anchor" not in build.run.stdout + build.run.stderr
    pdf = build.pdf
    text = _text(pdf)
    for title in TITLES.values():
        assert title.lower() in text, title
    assert "exercise 3.1" in text
    # Every question carries its number (single-page builders keep numbers elsewhere).
    assert not re.search(r"exercise (single choice|select all|true or false|fill in|numeric|ordering|matching)", text)
    # Paper says how to answer a choice exercise, and that a wrong tick cancels a right one.
    assert "choose one answer" in text
    assert "choose all that apply; each wrong choice cancels a right one" in text
    pages = len(PdfReader(pdf).pages)
    assert 40 <= pages <= 600, pages


def _layout(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_latex_answers_put_feedback_below_its_option(built: Builds) -> None:
    """The option a feedback is for is a line of its own, as in HTML: no option's full stop runs into a colon."""
    text = _layout(built("latexpdf").pdf)
    assert re.search(r"only stage IVC means distant spread\.\n\s*Correct\. In cancer of the mouth", text)
    assert not re.search(r"[.?!]:", text)


def test_latex_matching_items_all_end_with_a_leader(built: Builds) -> None:
    """Each item of a matching exercise ends with the same dot leader before the line for its letter."""
    text = _layout(built("latexpdf").pdf)
    starts = [m.end() for m in re.finditer(r"Exercise \d+\.\d+ \(Matching, ", text)]
    assert len(starts) >= 3
    checked = 0
    for start in starts:
        first = text.find(" 1. ", text.find("\n Options\n", start))
        # The items up to a blank line: all of them, or those before a page break.
        items = re.split(r"\n\s+\d+\. ", text[first : text.find("\n\n", first)])
        for item in items:
            assert re.search(r"(?:\. ?){4,}$", item), item  # a leader at the end: not a dot or two, not nothing
            checked += 1
    assert checked >= 12


def test_latex_numbers_chapters_only_and_gives_pages_of_cross_references(built: Builds) -> None:
    """As in HTML, sections have no number ("1.10" would read as Exercise 1.10); a reference to one has its page."""
    text = _text(built("latexpdf").pdf).replace("release 0.1.0", "")  # the running header's version number
    assert "1 what metastatic cancer is" in text and "c answers" in text
    assert "cancer that has travelled" in text and "1.1 cancer that has travelled" not in text
    assert "self-check" in text and not re.search(r"\b\d+\.\d+(\.\d+)? self-check", text)
    assert re.search(r"section on local, regional and distant spread \(page \d+\) in chapter 1\.", text)
    assert "chapter 4 explains the tests" in text  # a chapter is named by its number, which needs no page


def test_latex_notice_page_has_no_running_footer_and_the_header_fits(built: Builds) -> None:
    build = built("latexpdf")
    pages = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(build.pdf), "-"], capture_output=True, text=True
        ).stdout
        for n in range(1, 12)
    ]
    [notice] = [page for page in pages if "This book is education, not medical advice." in page]
    assert "CONTENTS" not in notice
    log = (build.out / "latex" / "metastatic-cancer.log").read_text(encoding="utf-8", errors="replace")
    assert "headheight is too small" not in log


def test_latex_sets_no_line_into_the_margin(built: Builds) -> None:
    """No line of the reader's LaTeX PDF runs into the margin. A web address breaks at any character, not only
    at "/": the HealthDay entry's address in the References ran 47 pt over."""
    log = (built("latexpdf").out / "latex" / "metastatic-cancer.log").read_text(encoding="utf-8", errors="replace")
    overfull = re.findall(r"^Overfull \\hbox \(([\d.]+)pt too wide\) (.*)$", log, re.M)
    assert [(float(width), where) for width, where in overfull if float(width) > 3] == []


def test_latex_keeps_an_exercise_title_with_its_question_and_options(built: Builds) -> None:
    """No exercise's title ends a page with its options on the next (Exercise 1.2 once did)."""
    pages = _layout(built("latexpdf").pdf).split("\f")
    titles = re.compile(
        r"Exercise (\d+\.\d+) \((?:Single choice|Select all that apply|True or false|Ordering|Matching), "
    )
    seen = [(m.group(1), page[m.end() :]) for page in pages for m in titles.finditer(page)]
    assert len(seen) > 50
    assert [number for number, rest in seen if "(a) " not in rest] == []


def _ind_entries(ind: str) -> list[str]:
    """Each entry of the LaTeX index (the .ind file xindy writes), as printed: "imaging", "metastasis → symptoms"."""
    entries: list[str] = []
    for level, text in re.findall(r"^\s*\\(item|subitem) \\spxentry\{(.*?)\}(?:,|$)", ind, flags=re.M):
        text = re.sub(r"\\sphinxhyphen\s*\{\}", "-", text)
        entries.append(text if level == "item" else f"{entries[-1].split(' → ')[0]} → {text}")
    return entries


def test_index_lists_each_entry_once(built: Builds, html_build: Build) -> None:
    """Every entry of the LaTeX index is listed once, under its own name: no "single: …" as a sub-entry (ten
    ``{index}`` directives named several entries on one line), and a hyphenated term that is both a glossary term and
    an ``{index}`` entry ("pre-metastatic niche") is one entry with both pages. The web book's index says the same."""
    ind = (built("latexpdf").out / "latex" / "metastatic-cancer.ind").read_text(encoding="utf-8")
    entries = _ind_entries(ind)
    assert len(entries) > 100 and "metastasis → symptoms" in entries
    assert [entry for entry in entries if "single:" in entry] == []
    assert sorted(entry for entry in set(entries) if entries.count(entry) > 1) == []
    for term, pages in (("pre-metastatic niche", 2), ("tissue-agnostic approval", 2), ("imaging", 1), ("MRI", 2)):
        [line] = [line for line in ind.splitlines() if re.search(rf"\\item \\spxentry\{{{term}\}}", line)]
        assert line.count("\\hyperpage") == pages, line
    genindex = (html_build.out / "genindex.html").read_text(encoding="utf-8")
    assert "single:" not in genindex and ">CT scan</a>" in genindex


def _last_lines(pdf: Path) -> list[tuple[int, str]]:
    """(page, last line above the running foot) of each page of a PDF."""
    return [(number, lines[-2]) for number, page in enumerate(_pages(pdf), 1) if len(lines := _lines(page)) > 2]


def test_latex_keeps_headings_with_what_follows(built: Builds) -> None:
    """No page ends with a heading whose text is on the next: a chapter's "Self-check" (the exercise under it asked
    for room after the heading, not before it), or an answer's "Exercise 3.8" in the Answers appendix."""
    pdf = built("latexpdf").pdf
    heading = re.compile(r"Self-check|Exercise \d+\.\d+, page \d+")
    text = _layout(pdf)
    assert len(re.findall(r"^\s*Self-check\s*$", text, flags=re.M)) == len(TITLES)
    assert len(re.findall(r"^\s*Exercise \d+\.\d+, page \d+\s*$", text, flags=re.M)) > 90  # the answers' headings
    assert [(number, line) for number, line in _last_lines(pdf) if heading.fullmatch(line)] == []


def test_latex_references_appendix_holds_the_bibliography(built: Builds) -> None:
    """The list is in appendix B, between its opening sentence and the Answers, not in a chapter after them."""
    text = _text(built("latexpdf").pdf)
    body = text[text.index("every fact in this book is cited") :]
    assert not re.search(r"\bbibliography\b", text)  # no chapter of that name
    assert body.index("akhtar") < body.index("in the order the exercises appear in the book")


@pytest.mark.parametrize("route", ["latexpdf", "simplepdf"])
def test_the_reference_list_is_ragged_right_in_print(route: str, built: Builds) -> None:
    """Justified, a line that ended before a long web address was stretched to the margin, with wide gaps between
    its words ("January      2026),     https://…"). Set ragged right, no line of the list has such a gap."""
    pages = _pages(built(route).pdf)
    first = next(n for n, page in enumerate(pages) if "Every fact in this book is cited" in page)
    end = next(n for n, page in enumerate(pages) if "in the order the exercises appear in the book" in page)
    lines = [line.strip() for page in pages[first:end] for line in _inner_lines(page)]
    entries = lines[next(n for n, line in enumerate(lines) if line.startswith("Aguirre-Ghiso")) :]
    assert len(entries) > 100
    assert [line for line in entries if re.search(r"\S {3,}\S", line)] == []


def _inner_lines(page: str) -> list[str]:
    """A page's lines as laid out, without the first and the last: its running head and its foot."""
    return [line for line in page.splitlines() if line.strip()][1:-1]


KINDS = "Single choice|Select all that apply|True or false|Fill in the blank|Numeric answer|Ordering|Matching"
# An exercise's title as each PDF prints it: "Exercise 1.1 (True or false, 1 point)",
# "Exercise 1.1 True or false · 1 point".
EXERCISE_TITLES = {
    "latexpdf": rf"Exercise (\d+\.\d+) \((?:{KINDS}), ",
    "simplepdf": rf"Exercise (\d+\.\d+) (?:{KINDS}) · ",
}


def _link_targets(reader: PdfReader) -> list[set[str]]:
    """The printed numbers of the pages each page's links go to."""
    named = {str(k): v for k, v in reader.named_destinations.items()}
    found: list[set[str]] = []
    for page in reader.pages:
        targets = set()
        for annot in page.get("/Annots", None) or []:
            link = annot.get_object()
            action = link["/A"].get_object() if "/A" in link else {}
            name = str(link.get("/Dest") or action.get("/D") or "")
            if name in named:
                targets.add(reader.page_labels[reader.get_destination_page_number(named[name])])
        found.append(targets)
    return found


@pytest.mark.parametrize("route", ["latexpdf", "simplepdf"])
def test_each_exercise_gives_the_page_of_its_answer_and_the_answer_the_page_of_its_exercise(
    route: str, built: Builds, book: Book
) -> None:
    """On paper there is no Show answer: each exercise ends with "Answer on page 127", the page of its answer's
    heading, and that heading reads "Exercise 3.1, page 36", the page of the exercise; each is a link to that page.
    Pages as printed: the LaTeX PDF numbers its front matter i, ii, …"""
    pdf = built(route).pdf
    reader = PdfReader(pdf)
    title = re.compile(EXERCISE_TITLES[route])
    exercise_at: dict[str, int] = {}  # exercise number → index of its page
    answer_at: dict[str, int] = {}
    link_to: dict[str, str] = {}  # exercise number → the page its link gives
    link_at: dict[str, int] = {}  # exercise number → index of the page its link is on: a long one runs on
    back_to: dict[str, str] = {}  # exercise number → the page its answer's heading gives
    current = None
    for index, page in enumerate(_pages(pdf)[: len(reader.pages)]):
        for line in _lines(page):
            if m := re.fullmatch(r"Exercise (\d+\.\d+), page (\w+)", line):
                answer_at[m[1]], back_to[m[1]] = index, m[2]
            elif m := title.match(line):
                current = m[1]
                exercise_at[current] = index
            elif (m := re.fullmatch(r"Answer on page (\w+)", line)) and current:
                link_to[current], link_at[current], current = m[1], index, None
    labels = reader.page_labels
    assert len(exercise_at) == len(answer_at) == len(list(book.exercises()))
    assert link_to == {number: labels[index] for number, index in answer_at.items()}
    assert back_to == {number: labels[index] for number, index in exercise_at.items()}
    targets = _link_targets(reader)
    assert [n for n, index in link_at.items() if link_to[n] not in targets[index]] == []
    assert [n for n, index in answer_at.items() if back_to[n] not in targets[index]] == []


def test_epub_links_each_exercise_to_its_answer_and_back(built: Builds, book: Book) -> None:
    """The EPUB has no pages to give: each exercise ends with a link, "Answer", to its answer, whose heading links
    back to the exercise."""
    with zipfile.ZipFile(next(built("epub").out.glob("*.epub"))) as epub:
        pages = {doc: epub.read(f"{doc}.xhtml").decode("utf-8") for doc in [*TITLES, "answers"]}
    answers = pages.pop("answers")
    links = {
        m[1]: (doc, m[2])
        for doc, page in pages.items()
        for m in re.finditer(
            r'data-checks-id="([^"]+)".*?<p class="checks-answer-link"><a class="reference internal" '
            r'href="answers\.xhtml#([^"]+)">Answer</a></p>\n</div>',
            page,
            flags=re.S,
        )
    }
    back = dict(
        re.findall(
            r'<div class="checks-solution" id="([^"]+)">\n<p class="checks-solution-heading" role="heading" '
            r'aria-level="2"><strong>'
            r'<a class="reference internal" href="([^"]+)">Exercise \d+\.\d+</a>',
            answers,
        )
    )
    assert len(links) == len(back) == len(list(book.exercises()))
    assert {anchor: f"{doc}.xhtml#{exercise_id}" for exercise_id, (doc, anchor) in links.items()} == back


def test_simplepdf_contents_give_the_page_of_each_heading(built: Builds) -> None:
    """Chapters and appendices start on the page the contents give, not on the page after."""
    pages = _pages(built("simplepdf").pdf)
    entries = _contents(pages)
    starts = [f"{n}. {title}" for n, title in enumerate(TITLES.values(), 1)] + ["Glossary", "References", "Answers"]
    listed = dict(entries)
    assert set(starts) <= set(listed), sorted(set(starts) - set(listed))
    for title in starts:
        assert title in _lines(pages[listed[title] - 1]), f"{title!r} is not on page {listed[title]}"
    # Section entries too, for the ones whose heading fits on one line.
    wrong = [
        (title, number)
        for title, number in entries
        if title not in starts and title not in " ".join(_lines(pages[number - 1]))
    ]
    assert len(entries) > 80 and wrong == []


def test_simplepdf_keeps_titles_and_captions_with_what_follows(built: Builds) -> None:
    """No page ends with an exercise's title, and each table starts on the page of its caption."""
    build = built("simplepdf")
    pages = _pages(build.pdf)
    stranded = [
        (number, lines[-2])
        for number, page in enumerate(pages, 1)
        if len(lines := _lines(page)) > 2 and re.fullmatch(r"Exercise \d+\.\d+ .* · [\d.]+ points?", lines[-2])
    ]  # lines[-1] is the page's foot
    assert stranded == []
    page = (build.out / "index.html").read_text(encoding="utf-8")
    tables = re.findall(
        r'<caption><span class="caption-number">(Table [\d.]+) </span><span class="caption-text">(.*?)</span>'
        r'.*?<th class="head"><p>(.*?)</p>',
        page,
        re.S,
    )
    assert len(tables) >= 5
    for number, caption, head in tables:
        start = f"{number} {' '.join(html.unescape(re.sub('<[^>]+>', '', caption)).split()[:3])}"
        [on] = [" ".join(_lines(text)) for text in pages if start in " ".join(_lines(text))]
        assert html.unescape(re.sub("<[^>]+>", "", head)) in on, f"{number} is not on the page of its caption"


def _glossary_terms() -> set[str]:
    glossary = (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```\{glossary\}(.*?)```", glossary, re.S)
    return {line.strip() for block in blocks for line in block.splitlines() if line and line[0] not in " :"}


def test_simplepdf_keeps_terms_lead_ins_and_figures_with_what_follows(built: Builds) -> None:
    """No page ends with a glossary term, its definition over the page; a chapter's "Self-check" heading and the
    line that leads into its exercises share a page with the first exercise; a figure's caption and the key under
    it share a page. Each was split so in the WeasyPrint PDF."""
    build = built("simplepdf")
    pages = [_lines(page) for page in _pages(build.pdf)]
    terms = _glossary_terms()
    assert len(terms) > 100
    # lines[-1] is the page's foot.
    assert [(n, lines[-2]) for n, lines in enumerate(pages, 1) if len(lines) > 2 and lines[-2] in terms] == []
    heads = [
        (n, lines[i + 1 : i + 3])
        for n, lines in enumerate(pages, 1)
        for i, line in enumerate(lines)
        if line == "Self-check"
    ]
    assert len(heads) >= 8
    assert [(n, after) for n, after in heads if not any(line.startswith("Exercise ") for line in after)] == []
    page = (build.out / "index.html").read_text(encoding="utf-8")
    keys = re.findall(r'caption-number">(Fig\. [\d.]+) </span>.*?<div class="legend">(.*?)</div>', page, re.S)
    assert keys, "no figure with a key under its caption"
    for number, key in keys:
        last = " ".join(html.unescape(re.sub("<[^>]+>", "", key)).split()[-4:])
        on = [n for n, lines in enumerate(pages, 1) if any(line.startswith(f"{number} ") for line in lines)]
        assert len(on) == 1 and last in " ".join(pages[on[0] - 1]), f"{number}'s key is not on the page of its caption"


def test_latexpdf_never_sends_an_exercise_s_last_line_over_alone(built: Builds) -> None:
    """A short exercise asks for room for its whole box before it starts (\\needspace): its "Answer on page N" at the
    foot was left out of the count, and went over alone to the top of the next page (Exercise 7.14)."""
    pages = [_lines(page) for page in _pages(built("latexpdf").pdf)]
    assert len(pages) > 100
    # lines[0] is the page's running head.
    alone = [
        (n, lines[:3])
        for n, lines in enumerate(pages, 1)
        if re.fullmatch(r"Answer on page \d+", lines[1:2][0] if lines[1:] else "")
    ]
    assert alone == []


def test_simplepdf_starts_a_page_for_chapters_only(built: Builds) -> None:
    """The start page's headings do not each take a page, and no page is left blank."""
    pages = _pages(built("simplepdf").pdf)
    rubrics = [
        "Who this book is for",
        "How the book is organised",
        "How to use the self-checks",
        "How to cite this book",
    ]
    assert len({n for n, page in enumerate(pages, 1) for title in rubrics if title in _lines(page)}) < len(rubrics)
    # Pages with no more than a running head and foot, between the cover and the back cover.
    blank = [n for n, page in enumerate(pages[1:-2], 2) if len(_lines(page)) <= 3]
    assert blank == []


LETTERED_KINDS = "Single choice|Select all that apply|True or false|Ordering|Matching"


@pytest.mark.parametrize("edition", ["reader", "instructor"])
def test_simplepdf_keeps_each_question_with_its_options(built: Builds, edition: str) -> None:
    """An exercise's title, question and first option share a page, also where the answer printed after them
    goes on over the page (the instructor edition)."""
    pages = _pages(built("simplepdf", edition).pdf)
    title = re.compile(rf"Exercise (\d+\.\d+) (?:{LETTERED_KINDS}) · [\d.]+ points?")
    seen = []
    for page in pages:
        lines = _lines(page)
        seen += [(m[1], lines[n + 1 :]) for n, line in enumerate(lines) if (m := title.fullmatch(line))]
    assert len(seen) > 80
    assert [number for number, rest in seen if not any(line.startswith("a. ") for line in rest)] == []


def test_instructor_simplepdf_has_no_page_left_nearly_empty(built: Builds) -> None:
    """With its answer printed inside, an exercise is often longer than a page: kept whole, it left the page
    before it with a heading or a few lines. Only a chapter's last page may be short."""
    pages = _pages(built("simplepdf", "instructor").pdf)[1:-2]  # not the covers, nor the empty text after them
    short = [
        (number, lines)
        for number, (page, following) in enumerate(itertools.pairwise(pages), 2)
        if len(lines := _lines(page)) < 8  # a running head, a page number and at most five lines between them
        and lines[0] == _lines(following)[0]  # the next page has the same running head: not the chapter's end
    ]
    assert short == []


def test_instructor_simplepdf_blueprint_starts_under_its_heading_and_runs_over_pages(built: Builds) -> None:
    """The blueprint follows its introduction on the Answers page and goes on over the next pages, each with the
    column headings; the kinds are named as the exercises' titles name them."""
    pages = [" ".join(_lines(page)) for page in _pages(built("simplepdf", "instructor").pdf)]
    [start] = [n for n, page in enumerate(pages) if "The blueprint lists every learning objective" in page]
    [end] = [n for n, page in enumerate(pages) if "Answers are printed after each exercise." in page]
    assert pages[start].startswith("Answers Answers ")  # the running head, then the heading
    assert "Blueprint: the exercises that test each objective" in pages[start]
    assert "What metastatic cancer is:" in pages[start]  # the first row
    assert 3 <= end - start <= 7
    for page in pages[start : end + 1]:
        assert "Objective" in page and "Ordering Matching" in page and "truefalse" not in page


def test_instructor_latexpdf_blueprint_fits_its_columns(built: Builds) -> None:
    """The objective column is wide enough that no line of the table overflows, so the table takes a few pages,
    and each page's "continued" line gives the number of its caption."""
    build = built("latexpdf", "instructor")
    tex = (build.out / "latex" / "metastatic-cancer.tex").read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(tex, 1) if line.startswith(r"\begin{longtable}") and n > len(tex) // 2)
    last = next(n for n, line in enumerate(tex, 1) if line == r"\end{longtable}" and n > first)
    log = (build.out / "latex" / "metastatic-cancer.log").read_text(encoding="utf-8", errors="replace")
    overfull = [
        int(m[1])
        for m in re.finditer(r"^Overfull \\hbox .*?(?:lines|line) (\d+)", log, re.M)
        if first <= int(m[1]) <= last
    ]
    assert overfull == []
    pages = [" ".join(_lines(page)) for page in _pages(build.pdf)]
    blueprint = [n for n, page in enumerate(pages) if "Objective Single" in page]
    assert 3 <= len(blueprint) <= 7
    assert "Table C.1: Blueprint: the exercises that test each objective" in pages[blueprint[0]]
    assert all("Table C.1 – continued from previous page" in pages[n] for n in blueprint[1:])


def test_simplepdf_ends_with_the_appendices(built: Builds) -> None:
    """The reader's PDF leaves the pages for instructors, authors and contributors to the web book."""
    pages = _pages(built("simplepdf").pdf)
    assert [title for title, _ in _contents(pages)][-3:] == ["Glossary", "References", "Answers"]
    text = " ".join(" ".join(_lines(page)) for page in pages)
    for page in ("instructors", "authoring", "contributing"):
        title = next(
            line[2:] for line in (REPO / "docs" / f"{page}.md").read_text("utf-8").splitlines() if line.startswith("# ")
        )
        assert title.strip() not in text


WEB_ONLY = ("download my answers", "press check", "show answer reveals", "kept in your own browser")


def test_print_editions_give_print_instructions(built: Builds) -> None:
    """The PDF and EPUB have no buttons: their start page tells the reader to write answers and check the appendix."""
    with zipfile.ZipFile(next(built("epub").out.glob("*.epub"))) as book:
        epub = " ".join(re.sub(r"<[^>]+>", " ", book.read("index.xhtml").decode("utf-8")).split()).lower()
    web = " ".join(re.sub(r"<[^>]+>", " ", (built("html").out / "index.html").read_text("utf-8")).split()).lower()
    for text in (_text(built("simplepdf").pdf), epub):
        assert [phrase for phrase in WEB_ONLY if phrase in text] == []
        assert "check your answers in the answers appendix" in text
    assert all(phrase in web for phrase in WEB_ONLY)


def test_answers_appendix_repeats_no_id(built: Builds) -> None:
    """The answers copy solutions from every chapter, whose serial ids (id9, id52) repeat from chapter to chapter."""
    with zipfile.ZipFile(next(built("epub").out.glob("*.epub"))) as book:
        page = book.read("answers.xhtml").decode("utf-8")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) > 100
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    build = built("simplepdf")
    assert "Anchor defined twice" not in build.run.stdout + build.run.stderr


def test_simplepdf_running_heads_and_cover(built: Builds) -> None:
    """The chapter's title is printed once, at the head of the page, the page number at its foot; the cover is dated."""
    pages = _pages(built("simplepdf").pdf)
    cover = " ".join(_lines(pages[0]))
    assert "Version 0.1" in cover and "Release 0.1.0" in cover and "2026" in cover
    # Every word of the cover at least 15 mm from the page's sides, where a home printer prints: the release line
    # ended 12pt from the right edge, and the title began 14 mm from the left.
    bbox = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(built("simplepdf").pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox)[1])  # type: ignore[index]
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
    margin = 15 / 25.4 * 72
    assert len(words) > 10
    assert [w for x_min, x_max, w in words if float(x_min) < margin or float(x_max) > width - margin] == []
    first = dict(_contents(pages))[f"1. {TITLES['01-what-is-metastatic-cancer']}"]
    for number, page in enumerate(pages[first:-2], first + 1):
        lines = _lines(page)
        assert lines[-1] == str(number), f"page {number} ends with {lines[-1]!r}"
        assert not lines[0].startswith(f"{number} "), f"page {number} has its number at the head too"


def test_epub_builds(built: Builds) -> None:
    [epub] = list(built("epub").out.glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        names = book.namelist()
        assert book.read("mimetype") == b"application/epub+zip"
        for doc in TITLES:
            assert f"{doc}.xhtml" in names
        chapter = book.read("03-how-cancer-spreads.xhtml").decode("utf-8")
    assert "Exercise 3.1" in chapter and "checks.js" not in chapter


def test_epub_draws_each_chapters_notice_in_a_box(built: Builds) -> None:
    """The notice under each chapter's title (education, not medical advice) is a box in the EPUB, as in the PDFs:
    the epub theme's stylesheet alone gave it no border or background."""
    with zipfile.ZipFile(next(built("epub").out.glob("*.epub"))) as book:
        for doc in TITLES:
            page = book.read(f"{doc}.xhtml").decode("utf-8")
            assert '<div class="admonition important">' in page, doc
            rule = declarations("\n".join(book.read(href).decode("utf-8") for href in linked(page)), "div.admonition")
            assert "border" in rule and "background-color" in rule, doc


def test_epub_package_names_the_book(built: Builds) -> None:
    """The EPUB's package identifies the book by its home page and describes it: no "unknown" left from Sphinx's
    defaults, which e-reader libraries show and use to tell one book from another."""
    with zipfile.ZipFile(next(built("epub").out.glob("*.epub"))) as book:
        opf = book.read("content.opf").decode("utf-8")
        ncx = book.read("toc.ncx").decode("utf-8")
    assert re.findall(r'[>"]unknown[<"]', opf + ncx) == []
    # The table of contents for older readers gives the same identifier (EPUBCheck's NCX-001).
    assert '<meta name="dtb:uid" content="https://github.com/metastatic-cancer-course/book"/>' in ncx
    uid = re.search(r'unique-identifier="([^"]+)"', opf)
    assert (
        uid and f'<dc:identifier id="{uid[1]}">https://github.com/metastatic-cancer-course/book</dc:identifier>' in opf
    )
    metadata = dict(re.findall(r"<dc:(\w+)[^>]*>([^<]*)</dc:\1>", opf))
    assert (
        metadata["creator"]
        == metadata["publisher"]
        == metadata["contributor"]
        == "The Metastatic Cancer Course authors"
    )
    assert metadata["description"].startswith("A short course about metastatic cancer")


DEVELOPER_PAGES = ("instructors", "authoring", "contributing")
APPENDICES = ("glossary", "references", "answers")


def test_epub_is_the_readers_book(built: Builds) -> None:
    """Like the WeasyPrint PDF, the EPUB ends with the appendices: pages for instructors and authors are web only."""
    with zipfile.ZipFile(next(built("epub").out.glob("*.epub"))) as book:
        files = set(book.namelist())
        opf = book.read("content.opf").decode("utf-8")
        navigation = book.read("nav.xhtml").decode("utf-8") + book.read("toc.ncx").decode("utf-8")
        pages = {name: book.read(name).decode("utf-8") for name in files if name.endswith(".xhtml")}
    manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = [manifest[ref] for ref in re.findall(r'<itemref idref="([^"]+)"', opf)]
    reading = ["index", *TITLES, *APPENDICES, "genindex"]
    # Every page is in the reading order: none is tucked away as "non-linear" (book.md, the LaTeX start page, neither).
    assert spine == [f"{doc}.xhtml" for doc in reading]
    assert sorted(set(pages) - set(spine)) == ["nav.xhtml"]
    listed = {href.partition("#")[0] for href in re.findall(r'(?:href|src)="([^"]+)"', navigation)}
    assert {f"{doc}.xhtml" for doc in [*TITLES, *APPENDICES]} <= listed
    for doc in DEVELOPER_PAGES:
        assert f"{doc}.xhtml" not in files | set(manifest.values()) | listed, doc
    # No page links to a page the file leaves out.
    targets = {href for page in pages.values() for href in re.findall(r'href="([^"#:]+\.xhtml)', page)}
    assert sorted(targets - files) == []
    # The web book keeps them.
    index = (built("html").out / "index.html").read_text("utf-8")
    assert all(f'href="{doc}.html"' in index for doc in DEVELOPER_PAGES)


@pytest.mark.parametrize(("builder", "name"), [("man", "metastatic-cancer.7"), ("texinfo", "metastatic-cancer.texi")])
def test_builders_without_visitors_print_every_exercise(builder: str, name: str, built: Builds, book: Book) -> None:
    """man and Texinfo have no visitors of the extension's own: they get exercises as generic nodes."""
    text = (built(builder).out / name).read_text(encoding="utf-8")
    titles = re.findall(
        r"Exercise (\d+\.\d+) \((?:Single choice|Select all that apply|True or false|"
        r"Fill in the blank|Numeric answer|Ordering|Matching), \d+(?:\.\d+)? points?\)",
        text,
    )
    assert len(titles) == len(set(titles)) == len(list(book.exercises()))
    assert "(a) local invasion" in text and "Write the letters in order, first to last:" in text
    assert "Choose one answer" in text and "Choose all that apply; each wrong choice cancels a right one" in text
    plain = re.sub(r"\\f[BIRP]|[`']", "", text)  # bold and italics of man (\\fB…\\fP) and Texinfo (`…')
    assert "Answer: (b) extravasation" in plain  # the Answers page


def test_answer_keys_read_as_sentences(html_build: Build) -> None:
    """Keys that list several options put no "; " after an option that ends its own sentence."""
    keys = [
        key
        for page in html_build.out.glob("[0-9][0-9]-*.html")
        for key in re.findall(r'<p class="checks-key">(.*?)</p>', page.read_text(encoding="utf-8"), re.S)
    ]
    keys = [re.sub(r"<[^>]+>", "", k) for k in keys]  # the text, without the span around each letter
    assert len(keys) > 100
    assert not [k for k in keys if re.search(r"[.?!];", k)]
    assert any(re.search(r"\. \(b\)|\. \(c\)|\. \(d\)", k) for k in keys)  # two sentences, one after the other


def test_select_all_exercises_state_their_scoring_rule(html_build: Build) -> None:
    """One right and one wrong tick score nothing: the legend says so before the reader ticks."""
    page = (html_build.out / "03-how-cancer-spreads.html").read_text(encoding="utf-8")
    assert "<legend>Choose all that apply; each wrong choice cancels a right one</legend>" in page


def test_options_read_as_their_answer_keys(html_build: Build, book: Book) -> None:
    """An option, an item to order or a matching option has the quotes and apostrophes of the key that
    repeats it, as the prose around them does: "a cancer’s biomarkers" in both, never a straight one in one."""
    pages = [html.unescape(p.read_text(encoding="utf-8")) for p in html_build.out.glob("[0-9][0-9]-*.html")]
    shown: dict[str, list[str]] = {}  # each exercise's options (or items) as its form shows them, in its key
    for _, ex in book.exercises():
        page = next((text for text in pages if f'data-checks-id="{ex.id}"' in text), "")
        box = page.split(f'data-checks-id="{ex.id}"', 1)[-1].split("data-checks-id=", 1)[0]
        if isinstance(ex, SingleChoice | MultipleSelect):
            forms = [f'<label for="{ex.id}-opt-{o.id}">(.*?)</label>' for o in ex.options if o.correct]
        elif isinstance(ex, Ordering):
            forms = [f'<label for="{ex.id}-pos-{i.id}">(.*?)</label>' for i in ex.items]
        elif isinstance(ex, Matching):
            # Each drop-down option starts with its printed letter ("a. "), which the key does not repeat.
            forms = [f'<option value="{s.answer}">[a-z]\\. (.*?)</option>' for s in ex.stems]
        else:
            continue
        key = re.search(r'<p class="checks-key">(.*?)</p>', box, re.S)
        assert key is not None, ex.id
        shown[ex.id] = [m[1] for form in forms if (m := re.search(form, box, re.S))]
        assert len(shown[ex.id]) == len(forms), ex.id
        assert [text for text in shown[ex.id] if text not in key[1]] == [], ex.id
    assert len(shown) > 60
    assert "Because a cancer’s biomarkers can change over time" in " ".join(shown["c4-rebiopsy-reason"])


def test_a_sphinx_deprecation_in_the_book_s_code_is_caught_and_the_theme_s_is_not() -> None:
    from builds import sphinx_deprecations

    ours = "docs/_ext/author_date.py:387: RemovedInSphinx11Warning: 'author_date.ReferenceList.app' is deprecated."
    theirs = (
        ".venv/lib/python3.11/site-packages/sphinx_book_theme/_transforms.py:17: RemovedInSphinx11Warning: "
        "'sphinx_book_theme._transforms.HandleFootnoteTransform.app' is deprecated."
    )
    assert sphinx_deprecations(f"{theirs}\n  x = self.app\n{ours}\n  latex = self.app.builder\n") == [ours]
