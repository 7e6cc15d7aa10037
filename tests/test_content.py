"""The course content: objectives, exercises, citations, glossary, readability, figures."""

from __future__ import annotations

import html
import importlib.util
import re
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pybtex.database
import pytest
import textstat

from checks.loading import Book
from checks.model import AnyExercise, Bank, Matching, MultipleSelect, ShortText, SingleChoice, TrueFalse
from checks.normalise import normalise_text

from builds import Builds, chapter_titles
from conftest import REPO

DOCS = REPO / "docs"
CHAPTERS = sorted(DOCS.glob("[0-9][0-9]-*.md"))
BIBLIOGRAPHY = pybtex.database.parse_file(DOCS / "references.bib")
BIB = set(BIBLIOGRAPHY.entries.keys())
CITE = re.compile(r"\{cite(?::[pt])?\}`([\w:.-]+(?:,\s*[\w:.-]+)*)`")
TERM = re.compile(r"\{term\}`([^`]+)`")


def prose(markdown: str) -> str:
    """The running text of a chapter: no fenced blocks, labels, tables or role markup."""
    text = re.sub(r"^(`{3,}|:{3,})\{?[\w-]*\}?.*?^\1\s*$", " ", markdown, flags=re.S | re.M)
    text = re.sub(r"^\(.*\)=\s*$|^#+ .*$|^\|.*$", " ", text, flags=re.M)
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    return re.sub(r"[*_]", "", text)


def bank_for(book: Book, chapter: Path) -> Bank:
    bank = next((b for b in book.banks if b.chapter == chapter.stem), None)
    assert bank is not None, (
        f"chapter {chapter.stem}: no bank has 'chapter: {chapter.stem}'; write exercises/{chapter.stem}.yaml"
        " (start from exercises/_template.yaml.example)"
    )
    return bank


def test_each_chapter_has_a_bank_and_each_bank_a_chapter(book: Book) -> None:
    pages = [c.stem for c in CHAPTERS]
    assert pages == list(chapter_titles())
    banks = sorted(b.chapter for b in book.banks)
    assert banks == pages, (
        f"chapter pages without a bank: {sorted(set(pages) - set(banks)) or 'none'}; banks without a chapter page:"
        f" {sorted(set(banks) - set(pages)) or 'none'}. Each docs/NN-name.md has exercises/NN-name.yaml, whose"
        " 'chapter' is NN-name"
    )


def shape_problems(name: str, page: str, bank: Bank) -> list[str]:
    """What breaks the book's rules for a chapter's shape, in words an author can act on: the chapter's name, what
    is wrong, and the rule. ``page``: the chapter's MyST text; ``bank``: its exercise bank."""
    problems = []
    where = f"exercises/{name}.yaml"
    if "```{objectives}" not in page.split("\n## ", 1)[0]:
        problems.append("no {objectives} before the first '## ' section; a chapter opens with its objectives")
    if not 3 <= len(bank.objectives) <= 6:
        problems.append(f"{len(bank.objectives)} objectives in {where}; a chapter has 3 to 6")
    if not re.search(r"^## Key takeaways", page, flags=re.M):
        problems.append("no '## Key takeaways' heading; a chapter sums itself up under one, before its Self-check")
    if len(bank.exercises) < 12:
        problems.append(f"{len(bank.exercises)} exercises in {where}; a chapter has at least 12")
    kinds = sorted({e.kind for e in bank.exercises})
    if len(kinds) < 4:
        problems.append(f"exercises of {len(kinds)} kinds ({', '.join(kinds)}); a chapter has at least 4 kinds")
    tested = Counter(o for e in bank.exercises for o in e.objectives)
    for objective in bank.objectives:
        if tested[objective.id] < 2:
            problems.append(
                f"objective {objective.id!r} is tested by {tested[objective.id]} exercise(s); each is tested by"
                " at least 2"
            )
    words = len(prose(page).split())
    if not 1500 <= words <= 3500:
        problems.append(f"{words:,} words of running text; a chapter has 1,500 to 3,500")
    return [f"chapter {name}: {problem}" for problem in problems]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_structure(chapter: Path, book: Book) -> None:
    problems = shape_problems(chapter.stem, chapter.read_text(encoding="utf-8"), bank_for(book, chapter))
    assert problems == [], "\n".join(problems)


def _small_exercise(ex_id: str, kind: str, objective: str) -> dict[str, Any]:
    answer: dict[str, Any] = (
        {"answer": True, "feedback_true": "Yes.", "feedback_false": "No.", "misconception": "m"}
        if kind == "truefalse"
        else {
            "options": [
                {"id": "a", "text": "One", "correct": True, "feedback": "Yes."},
                {"id": "b", "text": "Two", "feedback": "No.", "misconception": "m"},
            ]
        }
    )
    common = {"prompt": "Which?", "points": 1, "explanation": "Because.", "source": "key", "reviewed": "2026-01-01"}
    return {"id": ex_id, "kind": kind, "objectives": [objective], **common, **answer}


def test_a_chapter_out_of_shape_is_told_what_is_wrong_and_the_rule() -> None:
    """The author of a new chapter runs these tests first (`make check-content`): each rule it breaks is one line
    naming the chapter, what is wrong, and the rule, where a bare ``assert 3 <= 2`` said neither."""
    small = Bank.model_validate(
        {
            "chapter": "09-living",
            "title": "Living",
            "objectives": [{"id": "order", "text": "Order."}, {"id": "steps", "text": "Steps."}],
            "exercises": [
                _small_exercise("c9-next", "single", "order"),
                _small_exercise("c9-which", "single", "steps"),
                _small_exercise("c9-true", "truefalse", "other"),
            ],
        }
    )
    page = "(ch09)=\n# Living\n\n## A section\n\n```{objectives}\n```\n\nShort text.\n"
    assert shape_problems("09-living", page, small) == [
        "chapter 09-living: no {objectives} before the first '## ' section; a chapter opens with its objectives",
        "chapter 09-living: 2 objectives in exercises/09-living.yaml; a chapter has 3 to 6",
        "chapter 09-living: no '## Key takeaways' heading; a chapter sums itself up under one, before its Self-check",
        "chapter 09-living: 3 exercises in exercises/09-living.yaml; a chapter has at least 12",
        "chapter 09-living: exercises of 2 kinds (single, truefalse); a chapter has at least 4 kinds",
        "chapter 09-living: objective 'order' is tested by 1 exercise(s); each is tested by at least 2",
        "chapter 09-living: objective 'steps' is tested by 1 exercise(s); each is tested by at least 2",
        "chapter 09-living: 2 words of running text; a chapter has 1,500 to 3,500",
    ]


# A directive that places exercises, as docs/authoring.md teaches: ```{exercise} id, or ```{exercises} bank with
# its options (an optional ":ids:" line) below.
PLACES = re.compile(r"^(`{3,}|:{3,})\{(exercises?)\}[ \t]+(\S+)[ \t]*\n((?:[ \t]*:[\w-]+:.*\n)*)", flags=re.M)


def placed_ids(markdown: str, book: Book) -> list[str]:
    """The exercise ids a page places, in order."""
    ids: list[str] = []
    for _, directive, argument, options in PLACES.findall(markdown):
        chosen = re.search(r"^[ \t]*:ids:(.*)$", options, flags=re.M)
        if directive == "exercise":
            ids.append(argument)
        elif chosen:
            ids.extend(chosen.group(1).replace(",", " ").split())
        else:
            ids.extend(e.id for b in book.banks if b.chapter == argument for e in b.exercises)
    return ids


def test_every_exercise_is_placed_exactly_once(book: Book) -> None:
    placed = Counter(i for c in CHAPTERS for i in placed_ids(c.read_text(encoding="utf-8"), book))
    written = Counter(e.id for _, e in book.exercises())
    unplaced = sorted(set(written) - set(placed))
    twice = sorted(i for i, n in placed.items() if n > 1)
    unknown = sorted(set(placed) - set(written))
    assert placed == written, (
        f"placed on no chapter page: {unplaced or 'none'}; placed twice: {twice or 'none'}; placed but in no bank:"
        f" {unknown or 'none'}. Place each exercise of a bank once on its chapter's page, with {{exercise}} id"
    )


def test_placements_are_read_as_the_authoring_guide_writes_them(book: Book) -> None:
    page = (
        "```{exercise} c3-next-step\n```\n\n"
        "```{exercises} 03-how-cancer-spreads\n:ids: c3-seed-soil-observation, c3-niche\n```\n\n"
        ":::{exercises} 05-treatment\n:::\n"
    )
    treatment = [e.id for b in book.banks if b.chapter == "05-treatment" for e in b.exercises]
    assert placed_ids(page, book) == ["c3-next-step", "c3-seed-soil-observation", "c3-niche", *treatment]


def test_book_wide_exercise_coverage(book: Book) -> None:
    exercises = [e for _, e in book.exercises()]
    assert len(exercises) >= 96
    assert {e.kind for e in exercises} == {"single", "multiple", "truefalse", "text", "numeric", "ordering", "matching"}
    assert any(isinstance(e, SingleChoice) and e.vignette for e in exercises)
    assert any(isinstance(e, Matching) and e.extended for e in exercises)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_citations_exist_and_are_varied(chapter: Path) -> None:
    keys = [k.strip() for group in CITE.findall(chapter.read_text(encoding="utf-8")) for k in group.split(",")]
    assert set(keys) <= BIB, (
        f"chapter {chapter.stem}: cites {sorted(set(keys) - BIB)}, not in docs/references.bib; add the entries there"
    )
    assert len(set(keys)) >= 6, (
        f"chapter {chapter.stem}: cites {len(set(keys))} different sources ({', '.join(sorted(set(keys)))});"
        " a chapter cites at least 6, with {cite:p} or {cite:t}"
    )


def test_every_cite_in_the_book_and_banks_exists(book: Book) -> None:
    texts = [p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")] + [
        p.read_text(encoding="utf-8") for p in (REPO / "exercises").glob("*.yaml")
    ]
    keys = {k.strip() for t in texts for group in CITE.findall(t) for k in group.split(",")}
    assert keys <= BIB, f"cited but not in docs/references.bib: {sorted(keys - BIB)}; add the entries there"
    sources = {e.source for _, e in book.exercises()}
    assert sources <= BIB, f"exercise sources not in docs/references.bib: {sorted(sources - BIB)}"


def test_the_glossary_is_filed_by_letter_with_a_row_to_jump_by() -> None:
    """A page of over a hundred terms (some 23,000 pixels on a phone) is filed under letter headings, each term
    under its first letter, and opens with a row of links to every letter, the web book's A to Z."""
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    sections = re.findall(
        r"\(glossary-([a-z])\)=\n```\{rubric\} ([A-Z])\n:heading-level: 2\n```\n\n```\{glossary\}(.*?)```",
        glossary,
        re.S,
    )
    letters = [upper for lower, upper, _ in sections]
    assert letters == sorted(letters) and len(letters) >= 15
    assert all(lower.upper() == upper for lower, upper, _ in sections)
    for _, letter, block in sections:
        terms = [line for line in block.splitlines() if line and not line.startswith((" ", ":"))]
        assert terms and all(t[0].upper() == letter for t in terms), (letter, terms)
    assert len(re.findall(r"```\{glossary\}", glossary)) == len(sections)
    row = glossary.split("```{container} glossary-letters\n", 1)[1].split("```", 1)[0]
    assert re.findall(r"\{ref\}`([A-Z]) <glossary-([a-z])>`", row) == [(u, u.lower()) for u in letters]


def test_every_glossary_term_is_used() -> None:
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    block = "\n".join(part.split("```", 1)[0] for part in glossary.split("```{glossary}")[1:])
    terms = [line.strip() for line in block.splitlines() if line.strip() and not line.startswith((" ", ":"))]
    assert len(terms) >= 50
    used = set()
    for path in [*DOCS.glob("*.md"), *(REPO / "exercises").glob("*.yaml")]:
        for ref in TERM.findall(path.read_text(encoding="utf-8")):
            used.add(re.sub(r".*<(.*)>$", r"\1", ref).strip().lower())
    # Terms stacked above one definition share it: using any of them uses the entry.
    body = "\n".join(line for line in block.splitlines() if not line.startswith(":"))
    entries = re.split(r"\n(?=\S)", body.strip())
    unused = [
        e.splitlines()[0]
        for e in entries
        if not ({t.strip().lower() for t in e.splitlines() if t and not t.startswith(" ")} & used)
    ]
    assert unused == [], f"glossary terms that no page or bank links with {{term}}: {unused}; link or remove them"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_readability(chapter: Path) -> None:
    grade = textstat.flesch_kincaid_grade(prose(chapter.read_text(encoding="utf-8")))
    print(f"{chapter.stem}: Flesch-Kincaid grade {grade:.1f}")
    assert grade <= 12, (
        f"chapter {chapter.stem}: its running text reads at Flesch-Kincaid grade {grade:.1f}; a chapter reads at"
        " grade 12 or below: shorten its sentences and long words"
    )


def _chart_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("survival_chart", DOCS / "figures" / "survival_chart.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_survival_chart_is_drawn_from_the_data_file(tmp_path: Path) -> None:
    chart = _chart_module()
    data = DOCS / "data" / "seer-distant-survival.csv"
    committed = (DOCS / "figures" / "survival-chart.svg").read_text(encoding="utf-8")
    assert chart.render_svg(data) == committed, "regenerate: python docs/figures/survival_chart.py"
    assert "SEER" in data.read_text(encoding="utf-8") and "2016" in data.read_text(encoding="utf-8")
    changed = tmp_path / "changed.csv"
    changed.write_text(data.read_text(encoding="utf-8").replace("Pancreas,3.4,", "Pancreas,77.7,"), encoding="utf-8")
    redrawn = chart.render_svg(changed)
    assert "77.7%" in redrawn and "77.7%" not in committed


def test_survival_chart_values_table_is_the_data_file() -> None:
    """Under Fig. 6.1, the web book gives the chart's values as a table, for a phone, where the chart's labels are
    too small to read: its rows are the data file's, in the chart's order, as the chart prints them."""
    chart = _chart_module()
    page = (DOCS / "06-prognosis-and-survival.md").read_text(encoding="utf-8")
    start = page.index("```{figure} figures/survival-chart.svg")
    values = page[page.index("````{dropdown} The chart's values as a table", start) :]
    values = values[: values.index("\n````\n")]
    rows = re.findall(r"^\* - (.+)\n  - (.+)$", values, flags=re.MULTILINE)
    expected = [(name, f"{value:.1f}%") for name, value in chart.read_rows(DOCS / "data" / "seer-distant-survival.csv")]
    assert rows[1:] == expected
    # The chart's source, and the file it is drawn from.
    assert "{cite:p}`seer-statfacts`" in values and "<data/seer-distant-survival.csv>`" in values


def test_the_seer_figures_tell_readers_their_date_not_a_task() -> None:
    """Fig. 6.1 and the table of its values say that SEER updates its figures every year and the date of the copy
    they come from (the seer-statfacts note's, and the data file's), where they told readers the values "should be
    checked against the current SEER pages", a maintainer's task that a patient cannot act on."""
    note = BIBLIOGRAPHY.entries["seer-statfacts"].fields["note"]
    dated = re.search(r"a copy of the pages dated (\d{1,2}) (\w+) (\d{4})", note)
    assert dated is not None, note
    day, month, year = dated.groups()
    page = (DOCS / "06-prognosis-and-survival.md").read_text(encoding="utf-8")
    figure = page[page.index("```{figure} figures/survival-chart.svg") :]
    caption = " ".join(figure[: figure.index("\n```\n")].split("\n\n", 1)[1].split())
    values = page[page.index("````{dropdown} The chart's values as a table") :]
    values = " ".join(values[: values.index("\n````\n")].split())
    for text in (caption, values):
        assert f"dated {day} {month} {year}" in text and "SEER updates these figures every year" in text, text
    csv = (DOCS / "data" / "seer-distant-survival.csv").read_text(encoding="utf-8")
    assert f"dated {datetime.strptime(f'{day} {month} {year}', '%d %B %Y').date().isoformat()}" in csv
    told = [
        c.name for c in CHAPTERS if re.search(r"should be (checked|verified)", prose(c.read_text(encoding="utf-8")))
    ]
    assert told == []


@pytest.mark.slow
def test_the_epub_gives_the_survival_chart_values_as_a_table_under_it(built: Builds) -> None:
    """An e-reader is as small as a phone: the EPUB prints the table of Fig. 6.1's values under the chart, open (not
    in a dropdown that e-readers may not open), with the data file's values; it names no file it cannot link to."""
    chart = _chart_module()
    with zipfile.ZipFile(next(built("epub").out.glob("*.epub"))) as epub:
        page = epub.read("06-prognosis-and-survival.xhtml").decode("utf-8")
    after = page[page.index('id="fig-seer-distant-survival"') :]
    after = after[after.index("</figure>") + len("</figure>") :]
    before, table = after.split("<table", 1)
    # Between the chart and the table, its title only: no <details>, no marker drawn in SVG.
    assert " ".join(re.sub(r"<!--.*?-->|<[^>]+>", " ", before, flags=re.S).split()) == "The chart’s values as a table"
    table, note = table.split("</table>", 1)
    cells = [
        html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[dh]\b.*?</t[dh]>", table, re.S)
    ]
    expected = [(name, f"{value:.1f}%") for name, value in chart.read_rows(DOCS / "data" / "seer-distant-survival.csv")]
    assert list(zip(cells[::2], cells[1::2], strict=True))[1:] == expected
    note = note[: note.index("</div>")]
    assert "Data: SEER 21 registries" in note and 'href="references.xhtml#' in note  # where the values come from
    assert "_downloads" not in page and "<svg" not in page


def test_each_index_directive_names_one_entry() -> None:
    """MyST reads only the first line of an ``{index}`` directive, and Sphinx reads a ";" in an entry as the start
    of a sub-entry: ``single: imaging; single: CT scan`` listed "single: CT scan" under "imaging". One entry each."""
    entries = [
        (page.name, n, line)
        for page in sorted(DOCS.glob("*.md"))
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith("```{index}")
    ]
    assert len(entries) > 40
    wrong = [
        (name, n)
        for name, n, line in entries
        if re.search(r";\s*(?:single|pair|triple|see|seealso)\s*:", line) or not re.match(r"```\{index\} \w+: \S", line)
    ]
    assert wrong == []


def test_figures_have_alt_text_and_captions() -> None:
    for chapter in CHAPTERS:
        for block in re.findall(
            r"^[`:]{3,}\{figure\}.*?^[`:]{3,}\s*$", chapter.read_text(encoding="utf-8"), flags=re.S | re.M
        ):
            first = block.splitlines()[0]
            assert ":alt:" in block and "Source" in block, (
                f"chapter {chapter.stem}: {first} needs :alt: text and a caption that names its Source"
            )


def toctree_entries(page: Path, caption: str | None = None) -> list[str]:
    """The documents a page's toctree lists (the one with ``caption``, or the first), in order."""
    for block in re.findall(r"^```\{toctree\}\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.S | re.M):
        options = [line for line in block.splitlines() if line.startswith(":")]
        if caption is None or f":caption: {caption}" in options:
            return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")]
    raise AssertionError(f"{page.name}: no toctree {caption or ''}")


def test_the_web_book_and_the_latex_pdf_list_the_same_chapters(book: Book) -> None:
    """index.md numbers the chapters for the web book; book.md is the LaTeX PDF's root. A chapter missing
    from one would be left out of that output while its exercises' answers stayed in the appendix."""
    web = toctree_entries(DOCS / "index.md", "Chapters")
    pages = [c.stem for c in CHAPTERS]
    assert web == pages, f"docs/index.md's Chapters toctree lists {web}; it lists every chapter page in order: {pages}"
    latex = toctree_entries(DOCS / "book.md")
    assert latex == pages, f"docs/book.md's toctree lists {latex}; it lists every chapter page in order: {pages}"
    assert sorted(b.chapter for b in book.banks) == web


def chapter_label_problems(name: str, page: str) -> list[str]:
    """A chapter page without the labels other pages link it by: ``(ch09)=`` above its title, and
    ``(ch09-self-check)=`` above its ``## Self-check``."""
    label = f"ch{name[:2]}"
    problems = []
    if not re.match(rf"\({label}\)=\n# ", page):
        problems.append(f"its first line is not its label, ({label})=, on the line above its '# ' title")
    if not re.search(rf"^\({label}-self-check\)=\n## Self-check$", page, flags=re.M):
        problems.append(f"no '## Self-check' section with ({label}-self-check)= on the line above it")
    return [f"chapter {name}: {problem}" for problem in problems]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_is_labelled_for_its_number_and_its_self_check(chapter: Path) -> None:
    problems = chapter_label_problems(chapter.stem, chapter.read_text(encoding="utf-8"))
    assert problems == [], "\n".join(problems)


def test_a_chapter_without_its_labels_is_told_which() -> None:
    page = "# Living\n\n## Self-check\n"
    assert chapter_label_problems("09-living", page) == [
        "chapter 09-living: its first line is not its label, (ch09)=, on the line above its '# ' title",
        "chapter 09-living: no '## Self-check' section with (ch09-self-check)= on the line above it",
    ]
    assert chapter_label_problems("09-living", "(ch09)=\n# Living\n\n(ch09-self-check)=\n## Self-check\n") == []


ANSWERS_LINE = "- {{numref}}`Chapter {{number}}, {{name}} <ch{0}>`: {{ref}}`self-check <ch{0}-self-check>`"


def test_the_answers_page_lists_every_chapters_self_check() -> None:
    """The reader's web book prints no answers on its Answers page: it sends the reader to each chapter's self-check,
    one line per chapter in order (a build test checks the links; this one tells an author the line to add)."""
    page = (DOCS / "answers.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- \{numref\}`Chapter \{number\}, \{name\} <ch(\d\d)>`", page, flags=re.M)
    wanted = [c.stem[:2] for c in CHAPTERS]
    missing = [ANSWERS_LINE.format(n) for n in wanted if n not in listed]
    assert listed == wanted, (
        f"docs/answers.md lists the self-checks of chapters {listed}, where the book has {wanted}: it lists each"
        f" chapter's, in order; add {missing or 'none'}"
    )
    assert all(ANSWERS_LINE.format(n) in page for n in wanted)


def test_landing_page_says_education_not_advice() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8").lower()
    assert "not medical advice" in index and "last reviewed" in index and "download my answers" in index
    assert re.search(r"^```\{important\}\n[^`]*not medical advice", index, flags=re.M)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_opening_says_education_not_advice_and_points_to_the_care_team(chapter: Path) -> None:
    """A reader who arrives from a search lands on a chapter, not on the landing page's notice: the chapter says it
    in a box of the start page's kind, under its title and above its objectives, where a phone shows it at once
    (as a paragraph after the objectives it was some 900 px down)."""
    opening = chapter.read_text(encoding="utf-8").split("\n## ", 1)[0]
    box = re.search(r"^# .*\n+```\{important\}\n(.*?)\n```\n+```\{objectives\}\n", opening, flags=re.M | re.S)
    assert box is not None, (
        f"chapter {chapter.stem}: no {{important}} box between the '# ' title and {{objectives}}; each chapter has one"
    )
    notice = " ".join(box.group(1).split()).lower()
    assert "not medical advice" in notice and "care team" in notice, (
        f"chapter {chapter.stem}: its {{important}} box says that the book is education, 'not medical advice', and"
        " points to the 'care team', in those words"
    )


def test_chapters_link_the_source_article_to_where_the_book_says_what_it_is() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^\(source-article\)=\nThe chapters follow the outline of a short article", index, re.M)
    mentioning = []
    for chapter in CHAPTERS:
        text = " ".join(chapter.read_text(encoding="utf-8").split())
        first = re.search(r"source article", text, re.I)
        if first is None:
            continue
        mentioning.append(chapter.stem)
        link = re.search(r"\{ref\}`[^`<]*<source-article>`", text)
        assert link and link.start() < first.start() < link.end(), (
            f"chapter {chapter.stem}: its first mention of the source article is not its link,"
            " {ref}`source article <source-article>`"
        )
    assert len(mentioning) >= 4, mentioning


# A reference to a chapter prints its number after "Chapter" ("Chapter 4"): `{ref}` to a chapter printed its title
# alone ("Diagnosis explains why …"), which reads as an ordinary word. {numref} numbers it in every output.
XREF = re.compile(r"\{(ref|numref)\}`([^`]*)`")
CHAPTER_LABEL = re.compile(r"ch(\d\d)")
SECTION_LABEL = re.compile(r"ch(\d\d)-[\w-]+")
NUMBERED_TITLE = re.compile(r"Chapters? (?:%s|\{number\})")
# The second number of "Chapters 1 and 2": {numref}`Chapters %s <ch01>` and {numref}`%s <ch02>`.
FIRST_OF_TWO = re.compile(r"\{numref\}`Chapters %s <ch\d\d>`(?: and|,) $")


def chapter_reference_faults(page: str, markdown: str) -> list[str]:
    """References to another chapter that do not say "Chapter N": a chapter named by its title alone, a
    number without "Chapter", or a section of another chapter in a sentence that does not name its chapter."""
    own = re.match(r"(\d\d)-", page)
    faults = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(markdown.split())):
        xrefs = []
        for m in XREF.finditer(sentence):
            explicit = re.fullmatch(r"(.*?)\s*<([^<>]+)>", m[2])
            title, target = (explicit[1], explicit[2]) if explicit else (None, m[2])
            xrefs.append((m, title, target))
        named = {target for m, _, target in xrefs if m[1] == "numref" and CHAPTER_LABEL.fullmatch(target)}
        for m, title, target in xrefs:
            section = SECTION_LABEL.fullmatch(target)
            if CHAPTER_LABEL.fullmatch(target):
                numbered = m[1] == "numref" and title is not None and NUMBERED_TITLE.match(title)
                second = m[1] == "numref" and title == "%s" and FIRST_OF_TWO.search(sentence[: m.start()])
                if not (numbered or second):
                    faults.append(f"{page}: {m[0]}")
            elif section and (own is None or section[1] != own[1]) and f"ch{section[1]}" not in named:
                faults.append(f"{page}: {m[0]} (its chapter is not named)")
    return faults


def test_the_chapter_reference_rule_finds_what_it_should() -> None:
    wrong = (
        "{ref}`ch04` explains why. See {ref}`ch01-naming`. It is in {numref}`ch03`. {numref}`Part %s <ch05>` says"
        " so. The {ref}`staging section of chapter 4 <ch04-staging>` gives the rule. Both {ref}`ch01` and"
        " {numref}`%s <ch02>` say it."
    )
    assert len(chapter_reference_faults("06-x", wrong)) == 7
    right = (
        "{numref}`Chapter %s <ch04>` explains why. The {ref}`naming rule <ch01-naming>` from {numref}`Chapter"
        " %s <ch01>` applies. {numref}`Chapters %s <ch01>` and {numref}`%s <ch02>` say it. **{numref}`Chapter"
        " {number}: {name} <ch03>`.** As in {ref}`ch06-factors`, and {ref}`tab-imaging` and {ref}`glossary`."
    )
    assert chapter_reference_faults("06-x", right) == []


def test_references_to_other_chapters_say_chapter_and_its_number() -> None:
    """ "Chapter 4 explains why this matters", not "Diagnosis explains why this matters"."""
    pages = [*CHAPTERS, DOCS / "index.md", DOCS / "glossary.md"]
    faults = [f for page in pages for f in chapter_reference_faults(page.stem, page.read_text(encoding="utf-8"))]
    assert faults == [], (
        f"references to another chapter without its number: {faults}; write {{numref}}`Chapter %s <ch04>`, and name"
        " the chapter in the sentence of a link to one of its sections"
    )


def _cited_names() -> tuple[set[str], set[str]]:
    """The organisations (as written, and by the start of their names) and the surnames the bibliography cites."""
    organisations, surnames = set(), set()
    for entry in BIBLIOGRAPHY.entries.values():
        for person in entry.persons.get("author", []):
            name = str(person)
            if name.startswith("{"):
                organisations.add(name.strip("{}").replace("{", "").replace("}", ""))
            elif person.last_names != ["others"]:
                surnames.add(" ".join(person.last_names))
    return organisations, surnames


ORGANISATIONS, SURNAMES = _cited_names()
ACRONYMS = {"NCI", "ACS", "SEER", "PDQ", "CRUK", "ASCO", "NAACCR"}  # how the book shortens those organisations
# "(National Cancer Institute, Metastatic Cancer)", "(NCI PDQ, Cancer of …)", "(Cancer.Net, Unknown …)":
# an organisation, then the work's title after a comma or semicolon.
ORGANISATION_CITE = re.compile(r"\(([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)[,;]")
# "(Lambert et al., 2017)", "(Valastyan and Weinberg, 2011)".
PERSON_CITE = re.compile(r"\(([A-Z][\w'-]+)(?: et al\.| and [A-Z][\w'-]+)?, (?:1[89]\d\d|20\d\d|n\.d\.)")


def hand_citations(text: str) -> list[str]:
    """Citations typed out by hand, where a {cite} role gives the label the reference list uses."""
    text = " ".join(text.split())
    found = [
        m.group(0)
        for m in ORGANISATION_CITE.finditer(text)
        if m[1].split()[0] in ACRONYMS or any(o.startswith(m[1]) for o in ORGANISATIONS)
    ]
    return found + [m.group(0) for m in PERSON_CITE.finditer(text) if m[1] in SURNAMES]


def test_the_hand_citation_finder_finds_what_a_cite_role_should_replace() -> None:
    typed = (
        "die on the way (National Cancer Institute, Metastatic Cancer). Found (NCI PDQ, Cancer of Unknown"
        " Primary Treatment); (Cancer.Net, Unknown Primary: Statistics) and (SEER Training\n Modules, Summary"
        " Stage). Seven steps (Lambert et al., 2017) and stroma (Valastyan and Weinberg, 2011)."
    )
    assert len(hand_citations(typed)) == 6
    kept = (
        "The National Cancer Institute (NCI) says so {cite:p}`nci-metastatic`. Survival (SEER 21 excluding"
        " Illinois, diagnosed 2016–2022); gene tests (Oncotype DX, Decipher); overall survival (first report, 2019)."
    )
    assert hand_citations(kept) == []


def test_no_chapter_or_bank_types_a_citation_by_hand() -> None:
    """A typed "(National Cancer Institute, …)" links to nothing and drifts from the reference list's labels."""
    typed = {
        path.name: found
        for path in [*CHAPTERS, *sorted((REPO / "exercises").glob("*.yaml"))]
        if (found := hand_citations(path.read_text(encoding="utf-8")))
    }
    assert typed == {}, f"citations typed by hand: {typed}; cite with {{cite:p}} or {{cite:t}} and the entry's key"


def feedback_by_choice(ex: AnyExercise) -> list[tuple[str, str]]:
    """(choice, feedback) for each answer of an exercise that has feedback of its own."""
    if isinstance(ex, SingleChoice | MultipleSelect):
        return [(o.id, o.feedback) for o in ex.options]
    if isinstance(ex, ShortText):
        return [(w.answer, w.feedback) for w in ex.wrong_answers]
    if isinstance(ex, Matching):
        return [(s.id, s.feedback) for s in ex.stems]
    if isinstance(ex, TrueFalse):
        return [("true", ex.feedback_true), ("false", ex.feedback_false)]
    return []


def test_no_exercise_gives_two_answers_the_same_feedback(book: Book) -> None:
    """Feedback says why the answer given is wrong (item-writing rule 7): one text for two answers says it of
    neither, and the answers appendix prints it twice."""
    repeated = []
    for _, ex in book.exercises():
        seen: dict[str, str] = {}
        for choice, feedback in feedback_by_choice(ex):
            text = " ".join(feedback.split())
            if text in seen:
                repeated.append(f"{ex.id}: {seen[text]!r} and {choice!r}")
            seen.setdefault(text, choice)
    assert repeated == [], f"answers of one exercise with the same feedback: {repeated}; say why each is wrong"


def test_no_matching_stem_feedback_names_the_stems_partner(book: Book) -> None:
    """A stem's feedback is shown whenever the stem is matched, right or wrong, so a text that names the option
    it pairs with gives a wrong match its answer. It points to the reasoning; the explanation, shown after "Show
    answer", names the pairs. Compared as the grader compares text, as whole words, a plural taken with them."""
    named = []
    for _, ex in book.exercises():
        if not isinstance(ex, Matching):
            continue
        partner = {o.id: normalise_text(o.text) for o in ex.options}
        for stem in ex.stems:
            pattern = rf"(?<!\w){re.escape(partner[stem.answer])}(?:e?s)?(?!\w)"
            if re.search(pattern, normalise_text(stem.feedback)):
                named.append(f"{ex.id} {stem.id}: {partner[stem.answer]!r}")
    assert named == [], (
        f"matching stems whose feedback names the option they pair with: {named}; give the reasoning, not the option"
    )


def test_exercises_link_the_table_or_chart_they_send_the_reader_to(book: Book) -> None:
    """ "From the chapter's table …" is a link to it: on a phone the table may be a dozen screens away."""
    unlinked = []
    for _, ex in book.exercises():
        for field in ("prompt", "hint"):
            text = " ".join(str(getattr(ex, field, "") or "").split())
            for m in re.finditer(
                r"\b(the chapter's (table|chart)|the (table|chart) in this chapter|Using the chart)", text
            ):
                if not text[: m.start()].endswith("{ref}`"):
                    unlinked.append(f"{ex.id} {field}: {m.group(0)}")
    assert unlinked == [], f"texts that send the reader to a table or chart without a link: {unlinked}; use {{ref}}"


def test_the_cascade_figure_keys_its_numbered_steps_in_text_under_it() -> None:
    """The key to Fig. 3.1 is the figure's legend, text that reflows on a phone (drawn into the picture, it was
    5 px high there), and it names the drawing's numbered steps, in their order."""
    svg = (DOCS / "figures" / "cascade.svg").read_text(encoding="utf-8")
    assert 'id="key"' not in svg
    # Each step in the drawing: its number in a circle, then its name in bold beside it.
    step = r'font-weight="bold" fill="#ffffff">(\d)</text>\s*<text [^>]*font-weight="bold"[^>]*>([^<]+)<'
    drawn = re.findall(step, svg)
    assert [n for n, _ in drawn] == [str(n) for n in range(1, 8)]
    page = (DOCS / "03-how-cancer-spreads.md").read_text(encoding="utf-8")
    figure = page[page.index("```{figure} figures/cascade.svg") :]
    figure = figure[: figure.index("\n```\n")]
    keyed = re.findall(r"^(\d)\. \*\*([^*]+)\*\*: ", figure, re.MULTILINE)
    assert [(n, name.split(" and ")[0]) for n, name in keyed] == drawn


def test_no_short_answer_feedback_calls_an_unforeseen_answer_wrong_outright(book: Book) -> None:
    """The feedback for any answer the bank did not foresee reaches readers who were right in words it did
    not list: it says what the answer is about, not "Not quite"."""
    blunt = [
        ex.id
        for _, ex in book.exercises()
        if isinstance(ex, ShortText) and re.match(r"(not quite|wrong|incorrect)\b", ex.feedback_incorrect, re.I)
    ]
    assert blunt == [], (
        f"short-text exercises whose feedback_incorrect calls the answer wrong outright: {blunt}; an answer you did"
        " not foresee may be right in other words: say what the answer is about"
    )
