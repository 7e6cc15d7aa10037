"""Every citation names one entry of the reference list, in every output (docs/_ext/author_date.py).

Author and year alone do not: two dozen NCI pages are "National Cancer Institute, 2025". Works that share
an author and a year get letters after the year (2025a, 2025b, … in list order); the list is sorted by
author, year and title, is not numbered, and opens each entry with the label's author and year. Works by
one author are cited together, "(National Cancer Institute, 2025m, 2025o)", "Palma et al. (2019, 2020)",
each year linking to its own entry.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pybtex.database
import pybtex.plugin
import pybtex_docutils
import pytest
from pybtex.richtext import Text
from sphinxcontrib.bibtex.nodes import raw_latex
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from checks.citation_labels import cited_author, split_label
from checks.exports.citations import cite, citing, from_bibliography
from checks.loading import load_book

from builds import REPO, Builds

sys.path.insert(0, str(REPO / "docs" / "_ext"))

from author_date import AuthorDateReferenceStyle, AuthorDateStyle, sentence_case

BIB = pybtex.database.parse_file(REPO / "docs" / "references.bib")
YEAR = r"(?:\d{4}|n\.d\.)(?:-?[a-z]+)?"
# The head of a list entry, "Weinberg, R. A. (2017)." or "National Cancer Institute. (2025a).", a month after the year.
HEAD = re.compile(rf"^(?P<authors>.+?)\.? \((?P<year>{YEAR})(?:, [^)]*)?\)\.")
# A parenthetical citation in plain text; a work is "Author, 2025m" or, with more by its author, "Author, 2025m, 2025o".
CITATION = re.compile(rf"\(([^()]*?, {YEAR}(?:, {YEAR})*(?:; [^()]*?, {YEAR}(?:, {YEAR})*)*)\)")
WORKS = re.compile(rf"(?P<author>.+?)(?P<years>(?:, {YEAR})+)")


def _formatted() -> list[tuple[str, str, str]]:
    """(key, label, entry text) of every entry, in list order."""
    style = AuthorDateStyle()
    return [(e.key, e.label, e.text.render_as("text")) for e in style.format_entries(BIB.entries.values())]


def _names(label: str, authors: str) -> bool:
    """Whether a list entry's authors ("Lambert, A. W., …", "National Cancer Institute") begin as the label's do."""
    author = split_label(label)[0]
    leads = {author, author.removesuffix(" et al."), author.split(" and ")[0]}
    return authors in leads or any(authors.startswith(lead + ",") for lead in leads)


def _matches(label: str, heads: list[tuple[str, str]]) -> list[str]:
    """The list entries (by head) that a citation label names: by first author and year."""
    year = split_label(label)[1]
    return [authors for authors, y in heads if y == year and _names(label, authors)]


def _linked(citation: str, link: re.Pattern[str], plain: Callable[[str], str]) -> Iterator[tuple[str, str, str]]:
    """(label, target, linked text) of each link in one citation, a year linked alone taking the author beside it.

    A parenthetical citation links "National Cancer Institute, 2025m" and then, for a second work by the
    same author, "2025o" alone; a textual one links the years after the author, "Palma et al. (2019, 2020)",
    "… End Results (SEER) Program (2024)" (an author may hold brackets). ``link`` has the groups target
    and label; ``plain`` turns the output's markup into text.
    """
    author, end = "", 0
    for match in link.finditer(citation):
        before, end = plain(citation[end : match.start()]), match.end()
        label = linked = plain(match["label"])
        if not re.fullmatch(YEAR, linked):
            author = split_label(label)[0]
        else:
            textual = re.fullmatch(r"(?:\)(?:,? and |, ))?(.+) \(", before)  # "Palma et al. (", ") and Steeg ("
            assert textual or (before == ", " and author), (citation, before)
            author = textual[1] if textual else author
            label = f"{author}, {linked}"
        yield label, match["target"], linked


LATEX_LINK = re.compile(r"\\hyperlink\{(?P<target>cite\.[^}]+)\}\{(?P<label>(?:[^{}]|\{\})+)\}")
HTML_LINK = re.compile(r'<a [^>]*href="references\.html#(?P<target>[^"]+)"[^>]*>(?P<label>[^<]+)</a>')


def _html_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).replace("\xa0", " ")  # "de Wit" is tied


def _html_citations(page: str) -> list[str]:
    return re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', page)


def _html_linked(citation: str) -> list[tuple[str, str, str]]:
    return list(_linked(citation, HTML_LINK, _html_text))


# -- the style itself, without a build --------------------------------------------------------------------


def test_labels_are_unique_and_lettered_only_where_author_and_year_repeat() -> None:
    formatted = _formatted()
    labels = [label for _, label, _ in formatted]
    assert len(labels) == len(set(labels)) == len(BIB.entries)
    groups: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for key, label, _ in formatted:
        entry = BIB.entries[key]
        groups[cited_author(entry), entry.fields.get("year", "n.d.")].append(split_label(label)[1])
    for (author, year), years in groups.items():
        if len(years) == 1:
            assert years == [year], author
        else:  # letters in list order: 2025a, 2025b, … or n.d.-a, n.d.-b, …
            letters = [y.removeprefix(year).removeprefix("-") for y in years]
            assert letters == [chr(ord("a") + i) for i in range(len(years))], (author, years)
    nci_2025 = [label for label in labels if label.startswith("National Cancer Institute, 2025")]
    assert len(nci_2025) == 24 and "National Cancer Institute, 2025" not in nci_2025


def test_list_is_sorted_by_author_and_year_and_opens_with_the_label() -> None:
    heads = []
    for key, label, text in _formatted():
        head = HEAD.match(text)
        assert head, text[:120]
        assert head["year"] == split_label(label)[1], (key, label, text[:80])
        assert _names(label, head["authors"]), (label, text[:80])
        heads.append(head["authors"].casefold())
    assert heads == sorted(heads, key=lambda h: h.replace("å", "a")), "sorted by author"


def test_three_or_more_authors_or_others_are_cited_as_et_al() -> None:
    assert cited_author(BIB.entries["lambert-2017"]) == "Lambert et al."  # three authors
    assert cited_author(BIB.entries["palma-2019"]) == "Palma et al."  # "Palma, D. A. and others"
    assert cited_author(BIB.entries["hanahan-2011"]) == "Hanahan and Weinberg"
    assert cited_author(BIB.entries["steeg-2016"]) == "Steeg"
    text = dict((k, t) for k, _, t in _formatted())["palma-2019"]
    assert text.startswith("Palma, D. A., et al. (2019).") and "others" not in text


def test_a_blank_author_year_or_title_is_cited_as_a_missing_one() -> None:
    """A blank field, or a name with no surname, was cited as itself: "(, )" or "(T, )". The year is then n.d.
    and the work is named by its title, or by its key where the title is blank too, in the list as in the text."""
    bib = pybtex.database.parse_string(
        """
        @misc{blank, author = {}, title = {}, year = {}}
        @misc{spaces, author = { }, title = {Fact sheet}, year = { }}
        @misc{nameless, author = {{}}, title = {Leaflet}, year = {2020}}
        @misc{some, author = {{} and Smith, J.}, year = {2021}}
        @misc{unnamed, author = {{} and others}, title = {Leaflet two}, year = {2022}}
        @misc{braced, title = {{}}, year = {2023}}
        @book{edited, author = {{}}, editor = {Jones, K.}, title = {Handbook}, year = {2024}}
        """,
        "bibtex",
    )
    style = AuthorDateStyle()
    formatted = {e.key: (e.label, e.text.render_as("text")) for e in style.format_entries(bib.entries.values())}
    assert formatted["blank"] == ("blank, n.d.", "blank. (n.d.).")
    assert formatted["spaces"] == ("Fact sheet, n.d.", "Fact sheet. (n.d.).")
    assert formatted["nameless"] == ("Leaflet, 2020", "Leaflet. (2020).")
    assert formatted["some"][0] == "Smith, 2021" and formatted["some"][1].startswith("Smith, J. (2021).")
    assert formatted["unnamed"] == ("Leaflet two, 2022", "Leaflet two. (2022).")  # no one named: no "et al."
    assert formatted["braced"] == ("braced, 2023", "braced. (2023).")
    assert formatted["edited"] == ("Jones, 2024", "Jones, K. (Ed.). (2024). Handbook.")


def test_formatting_the_list_searches_no_installed_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin lookup scans every installed package (milliseconds each): the style makes none per entry."""
    style = AuthorDateStyle()  # looks up its name, label and sorting plugins once
    lookups = []
    real = pybtex.plugin.entry_points
    monkeypatch.setattr(pybtex.plugin, "entry_points", lambda **kw: lookups.append(kw) or real(**kw))
    list(style.format_entries(BIB.entries.values()))
    assert lookups == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hallmarks of Cancer: the Next Generation", "Hallmarks of cancer: The next generation"),
        ("Does it spread? a review! now", "Does it spread? A review! Now"),
        # A full stop mostly ends an abbreviation, not a sentence: the word after it keeps its small letter.
        ("Surgery vs. Radiotherapy for Oligometastases", "Surgery vs. radiotherapy for oligometastases"),
        ("{Palma} et al. Revisited: Five Years On", "Palma et al. revisited: Five years on"),
        ("Seed and soil: 'an idea' revisited", "Seed and soil: 'An idea' revisited"),
        ("Staging: {the TNM} System", "Staging: the TNM system"),  # braces keep what they hold as written
        ("{SEER Stat Fact Sheets}: Breast Cancer", "SEER Stat Fact Sheets: Breast cancer"),
        ("8 {Gy} single fraction: randomised", "8 Gy single fraction: Randomised"),
    ],
)
def test_titles_are_in_sentence_case_with_a_capital_after_a_colon(title: str, expected: str) -> None:
    assert sentence_case(Text.from_latex(title)).render_as("text") == expected


def test_the_list_capitalises_the_word_after_a_colon_in_titles() -> None:
    texts = {key: text for key, _, text in _formatted()}
    assert "(2011). Hallmarks of cancer: The next generation. Cell," in texts["hanahan-2011"]
    assert "(2025u). Staging for breast cancer: The TNM system." in texts["nci-breast-tnm"]
    assert "The pathogenesis of cancer metastasis: The ‘seed and soil’ hypothesis revisited." in texts["fidler-2003"]
    assert "Data Dictionary, version 22, item 759: SEER Summary Stage 2000." in texts["naaccr-item-759"]


def _entry_text(bib: str) -> str:
    [entry] = AuthorDateStyle().format_entries(pybtex.database.parse_string(bib, "bibtex").entries.values())
    return str(entry.text.render_as("text"))


def test_a_url_that_is_the_address_of_the_doi_is_printed_once() -> None:
    texts = {key: text for key, _, text in _formatted()}
    lord = texts["extra-lord-2022"]  # url = https://doi.org/10.5694/mja2.51687, doi = 10.5694/mja2.51687
    assert lord.count("10.5694/mja2.51687") == 1 and lord.endswith(" doi:10.5694/mja2.51687.") and "URL:" not in lord
    for key, _, text in _formatted():
        doi = BIB.entries[key].fields.get("doi")
        assert doi is None or text.count(doi) == 1, key
    # Another address is kept beside the DOI; DOIs ignore case, and the older dx.doi.org host is the same address.
    assert (
        "URL: https://pmc.ncbi.nlm.nih.gov/articles/PMC5539869, doi:10.1200/JGO.2015.000158." in texts["elsaghir-2015"]
    )
    article = (
        "@article{{k, author={{A. Author}}, title={{T}}, journal={{J}}, year=2020, doi={{10.1000/AbC}}, url={{{}}}}}"
    )
    assert _entry_text(article.format("http://dx.doi.org/10.1000/abc")).endswith("J. doi:10.1000/AbC.")
    other = _entry_text(article.format("https://doi.org/10.1000/abd"))
    assert other.endswith("URL: https://doi.org/10.1000/abd, doi:10.1000/AbC.")


def test_the_date_a_url_was_visited_stays_when_the_url_is_left_to_the_doi() -> None:
    article = (
        "@article{{k, author={{A. Author}}, title={{T}}, journal={{J}}, year=2020, doi={{10.1000/abc}},"
        " url={{{}}}, urldate={{2025-12-30}}}}"
    )
    assert _entry_text(article.format("https://doi.org/10.1000/abc")).endswith(
        "J. doi:10.1000/abc (visited on 2025-12-30)."
    )
    assert _entry_text(article.format("https://example.org/t")).endswith(
        "J. URL: https://example.org/t (visited on 2025-12-30), doi:10.1000/abc."
    )


# -- notes for readers, notes for authors ------------------------------------------------------------
#
# `note` is printed in the reference list; `annote` holds the authors' notes (why a source is cited, how
# it was read, what is still unchecked) and is printed in no output.

# Phrases of authors' notes: to-dos, what a source supports, how it was read.
WORKING_NOTES = re.compile(
    r"before publishing|supports chapter|cited for|read from|captured|not recorded|not opened|not confirmed"
    r"|not checked|check the|verify",
    re.IGNORECASE,
)
# The 64 entries that had notes when the authors' notes moved to `annote` still have one or the other;
# these eight never had either.
UNNOTED = {
    "akhtar-2019",
    "lambert-2017",
    "palma-2019",
    "palma-2020",
    "steeg-2016",
    "temel-2010",
    "valastyan-2011",
    "weiss-2000",
}


def _plain(latex: str) -> str:
    """A field as the list prints it: "2013--2019" as "2013–2019", "{NCI}" as "NCI"."""
    return " ".join(Text.from_latex(latex).render_as("text").split())


def test_notes_are_for_readers_and_annotes_for_authors() -> None:
    notes = {key: e.fields["note"] for key, e in BIB.entries.items() if "note" in e.fields}
    assert {key: note for key, note in notes.items() if WORKING_NOTES.search(note)} == {}
    noted = {key for key, e in BIB.entries.items() if {"note", "annote"} & set(e.fields)}
    assert len(noted) >= 64
    assert set(BIB.entries) - noted <= UNNOTED, "an entry lost its note, or a new one says nothing of why it is cited"


def test_the_list_prints_note_and_not_annote() -> None:
    text = _entry_text(
        "@misc{k, author={{An Organisation}}, title={T}, note={Updated 7 May 2025},"
        " annote={Supports chapter 1: check before publishing}, url={https://example.org/t}}"
    )
    assert text.endswith("T. Updated 7 May 2025. URL: https://example.org/t.")
    assert "Supports" not in text and "publishing" not in text


def _entry_html(bib: str) -> str:
    [entry] = AuthorDateStyle().format_entries(pybtex.database.parse_string(bib, "bibtex").entries.values())
    return " ".join(str(entry.text.render_as("html")).split())


def test_web_addresses_in_a_note_are_links_without_the_punctuation_around_them() -> None:
    """A phone can break a line in a link, and a reader can follow it; the url stays a link of its own."""
    page = _entry_html(
        "@misc{k, author={{An Organisation}}, title={T}, url={https://example.org/t},"
        " note={Summary Stage (https://example.org/s/summary.html) updated 4 March 2024; an article:"
        " https://doi.org/10.1016/S0092-8674(00)81683-9, also https://example.org/end/}}"
    )
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', page)
    assert links == [
        ("https://example.org/s/summary.html", "https://example.org/s/summary.html"),
        ("https://doi.org/10.1016/S0092-8674(00)81683-9", "https://doi.org/10.1016/S0092-8674(00)81683-9"),
        ("https://example.org/end/", "https://example.org/end/"),
        ("https://example.org/t", "https://example.org/t"),
    ]
    assert "(<a href=" in page and "</a>) updated" in page and "</a>, also" in page and "end/</a>. URL:" in page
    # A note without an address is text as before; so is the book's note that names a site without one.
    assert "<a " not in _entry_html("@misc{k, author={{An Organisation}}, title={T}, note={Updated 7 May 2025}}")


def test_the_books_notes_link_the_pages_they_name() -> None:
    text = str(ENTRIES["seer-summary-stage"].text.render_as("html"))
    assert '(<a href="https://training.seer.cancer.gov/staging/systems/summary.html">' in text
    assert (
        '<a href="http://training.seer.cancer.gov/ss2k/staging/">http://training.seer.cancer.gov/ss2k/staging/</a>.'
        in text
    )


ENTRIES = {e.key: e for e in AuthorDateStyle().format_entries(BIB.entries.values())}


def _cite(role: str, *works: str | tuple[str, str, str]) -> str:
    """A citation of works of the book (keys, or (pre-text, key, post-text)) as LaTeX writes it."""
    references = []
    for work in works:
        pre, key, post = ("", work, "") if isinstance(work, str) else work
        builder = SimpleNamespace(name="latex")
        info = SphinxReferenceInfo(builder, "ch", "references", key, None, pre, post)  # type: ignore[arg-type]
        references.append((BIB.entries[key], ENTRIES[key], info))
    text = format_references(AuthorDateReferenceStyle(), role, references)
    return "".join(
        n.rawsource if isinstance(n, raw_latex) else n.astext() for n in text.render(pybtex_docutils.Backend())
    )


def test_works_by_one_author_are_cited_together_each_year_linked_to_its_entry() -> None:
    assert _cite("p", "palma-2019", "palma-2020", "steeg-2016") == (
        r"(\hyperlink{cite.references:palma-2019}{Palma et al., 2019}, "
        r"\hyperlink{cite.references:palma-2020}{2020}; \hyperlink{cite.references:steeg-2016}{Steeg, 2016})"
    )
    assert _cite("t", "palma-2019", "palma-2020", "steeg-2016") == (
        r"Palma et al. (\hyperlink{cite.references:palma-2019}{2019}, "
        r"\hyperlink{cite.references:palma-2020}{2020}) and Steeg (\hyperlink{cite.references:steeg-2016}{2016})"
    )
    # Three authors or more, in running text: "A (1), B (2), and C (3)".
    assert _cite("t", "steeg-2016", "palma-2019", "hanahan-2011") == (
        r"Steeg (\hyperlink{cite.references:steeg-2016}{2016}), "
        r"Palma et al. (\hyperlink{cite.references:palma-2019}{2019}), and "
        r"Hanahan and Weinberg (\hyperlink{cite.references:hanahan-2011}{2011})"
    )
    assert _cite("ct", "palma-2019", "palma-2020").startswith("Palma et al. (")
    assert _cite("alp", "palma-2019", "palma-2020").startswith(r"\hyperlink{cite.references:palma-2019}{Palma et al.")
    # Text before the first work or after the last belongs to the run; between two works, it splits them.
    assert _cite("p", ("see", "palma-2019", ""), "palma-2020") == (
        r"(see \hyperlink{cite.references:palma-2019}{Palma et al., 2019}, "
        r"\hyperlink{cite.references:palma-2020}{2020})"
    )
    assert _cite("p", ("", "palma-2019", "table 2"), "palma-2020") == (
        r"(\hyperlink{cite.references:palma-2019}{Palma et al., 2019}, table 2; "
        r"\hyperlink{cite.references:palma-2020}{Palma et al., 2020})"
    )
    assert _cite("t", "palma-2019", ("e.g.", "palma-2020", "")) == (
        r"Palma et al. (\hyperlink{cite.references:palma-2019}{2019}) and "
        r"Palma et al. (e.g. \hyperlink{cite.references:palma-2020}{2020})"
    )


CITED = [
    ["hanahan-2011"],
    ["palma-2019", "palma-2020", "steeg-2016"],
    ["steeg-2016", "palma-2019", "hanahan-2011"],
    [("see", "palma-2019", ""), "palma-2020"],
    [("", "palma-2019", "table 2"), "palma-2020"],
    ["palma-2019", ("e.g.", "palma-2020", "")],
    ["nci-metastatic", "nci-recurrent", "lambert-2017"],
]


@pytest.mark.parametrize("role", ["p", "ps", "alp", "t", "ct", "cts", "year", "yearpar", "label", "labelpar"])
def test_exports_cite_as_the_book_does(role: str) -> None:
    """``checks export`` and paper sheets write a citation as the book's text does, without Sphinx."""
    with citing(from_bibliography([REPO / "docs" / "references.bib"])) as citations:
        for works in CITED:
            keys = [("", w, "") if isinstance(w, str) else w for w in works]
            body = ",".join(f"{{{pre}}}{key}{{{post}}}".replace("{}", "") for pre, key, post in keys)
            book = re.sub(r"\\hyperlink\{[^}]*\}\{([^}]*)\}", r"\1", _cite(role, *works))
            assert cite(f"cite:{role}", body) == book, body
    assert citations.warning() is None


# -- the built book ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_html_citations_and_list_entries_name_each_other_one_to_one(built: Builds) -> None:
    out = built("html").out
    refs = (out / "references.html").read_text(encoding="utf-8")
    assert 'class="citation' not in refs and '<span class="label">' not in refs, "the list is not numbered"
    entries = {
        m["id"]: html.unescape(re.sub(r"<[^>]+>", "", m["body"])).replace("\xa0", " ")  # "de Wit" is tied
        for m in re.finditer(r'<p class="reference-entry" id="(?P<id>[^"]+)">(?P<body>.*?)</p>', refs, re.S)
    }
    assert len(entries) == len(BIB.entries)
    by_label: defaultdict[str, set[str]] = defaultdict(set)
    by_target: defaultdict[str, set[str]] = defaultdict(set)
    by_year = set()  # labels of years linked alone
    for page in out.glob("*.html"):
        for citation in _html_citations(page.read_text(encoding="utf-8")):
            for label, target, linked in _html_linked(citation):
                by_label[label].add(target)
                by_target[target].add(label)
                if linked != label:
                    by_year.add(label)
    assert len(by_label) > 60
    # A year linked alone is credited to the author beside it, in brackets or not, and in a citation of
    # several works, to its own: "… End Results (SEER) Program (2024)", "Palma et al. (2019, 2020)",
    # "(National Cancer Institute, 2025m, 2025o)".
    seer = "National Cancer Institute Surveillance, Epidemiology, and End Results (SEER) Program"
    assert {f"{seer}, 2024", f"{seer}, 2026", "Palma et al., 2020", "National Cancer Institute, 2025o"} <= by_year
    assert {label: t for label, t in by_label.items() if len(t) > 1} == {}, "one label, several sources"
    assert {t: labels for t, labels in by_target.items() if len(labels) > 1} == {}, "one source, several labels"
    for label, (target,) in by_label.items():
        head = HEAD.match(entries[target])
        assert head and _matches(label, [(head["authors"], head["year"])]), (label, entries[target][:100])


@pytest.mark.slow
def test_works_by_one_author_are_cited_together_in_the_book(built: Builds) -> None:
    """As in APA style: "(National Cancer Institute, 2025m, 2025o)", not "(…, 2025m; National Cancer …, 2025o)"."""
    repeated, grouped = [], 0
    for page in built("html").out.glob("*.html"):
        for citation in _html_citations(page.read_text(encoding="utf-8")):
            authors = [split_label(label)[0] for label, _, _ in _html_linked(citation)]
            runs = [author for i, author in enumerate(authors) if i == 0 or author != authors[i - 1]]
            # One run per author, and a semicolon between runs only.
            if len(set(runs)) != len(runs) or _html_text(citation).count("; ") != len(runs) - 1:
                repeated.append(_html_text(citation))
            grouped += len(runs) < len(authors)
    assert repeated == [] and grouped > 10

    def page(name: str) -> str:
        return " ".join(_html_text((built("html").out / name).read_text(encoding="utf-8")).split())

    symptoms = (
        "Sources: National Cancer Institute (2025m, 2025o), Macmillan Cancer Support (n.d.) and Cancer Research UK"
    )
    assert symptoms in page("02-where-cancer-spreads.html")
    assert "Sources: Palma et al. (2019, 2020)." in page("07-research-and-clinical-trials.html")
    assert "(Hanahan and Weinberg, 2000, 2011)" in page("03-how-cancer-spreads.html")
    text = " ".join((built("text").out / "07-research-and-clinical-trials.txt").read_text(encoding="utf-8").split())
    assert "Sources: Palma et al. (2019, 2020)." in text and "(National Cancer Institute, 2025m, 2025o)" in text


@pytest.mark.slow
def test_text_citations_each_find_exactly_one_list_entry(built: Builds) -> None:
    """On paper there are no links: the label alone must find its entry."""
    out = built("text").out
    refs = (out / "references.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in refs.split("\n\n")]
    heads = [(m["authors"], m["year"]) for p in paragraphs if (m := HEAD.match(p))]
    assert len(heads) == len(BIB.entries)
    assert not re.search(r"^\[\d+\]", refs, re.M), "the list is not numbered"
    labels = set()
    for page in out.glob("*.txt"):
        # Lines joined again where the text builder broke them after a hyphen; tables ("|") left out.
        text = " ".join(re.sub(r"-\n\s*", "-", page.read_text(encoding="utf-8")).split())
        for group in CITATION.findall(text):
            for cited in group.split("; "):
                # A citation names an author ("de Wit et al."), not a phrase such as "(longer follow-up, 2020)".
                if "|" not in cited and re.match(r"[A-Z]|de |van ", cited):
                    work = WORKS.fullmatch(cited)
                    assert work, cited
                    labels.update(f"{work['author']}{year}" for year in re.findall(rf", {YEAR}", work["years"]))
    assert "National Cancer Institute, 2025" not in labels and len(labels) > 60
    found = {label: _matches(label, heads) for label in labels}
    assert {label: m for label, m in found.items() if len(m) != 1} == {}


@pytest.mark.slow
def test_latex_citations_link_to_list_entries_in_the_references_appendix(built: Builds) -> None:
    tex = (built("latexpdf").out / "latex" / "metastatic-cancer.tex").read_text(encoding="utf-8")
    assert r"\bibitem" not in tex and "sphinxthebibliography" not in tex, "no numbered bibliography"
    appendix = tex.split(r"\chapter{References}", 1)[1].split(r"\chapter{", 1)[0]
    anchors = set(re.findall(r"\\hypertarget\{(cite\.[^}]+)\}", appendix))
    assert len(anchors) == len(BIB.entries)
    by_label: defaultdict[str, set[str]] = defaultdict(set)
    # The author may hold brackets of its own ("… End Results (SEER) Program (2025)"), and a hyphen is
    # written \sphinxhyphen{} ("Font\sphinxhyphen{}Clos", "n.d.\sphinxhyphen{}a").
    textual = r"\\DUrole\{bibtex-citation\}\{((?:[^{}]|\{\})+?) \(\\hyperlink\{(cite\.[^}]+)\}\{((?:[^{}]|\{\})+)\}\)\}"
    sourced = sum(1 for _, exercise in load_book([REPO / "exercises"]).exercises() if exercise.source)
    # Each exercise's source line in the Answers appendix is one textual citation of one work.
    assert len(re.findall(r"Source: " + textual, tex)) >= sourced > 100
    # Every link of every citation, a year linked alone ("Palma et al. (2019, 2020)", "(…, 2025m, 2025o)")
    # credited to the author beside it.
    citations = re.findall(r"\\DUrole\{bibtex-citation\}\{((?:[^{}]|\{(?:[^{}]|\{\})*\})*)\}", tex)
    # A table's caption writes its sources without the role's markup: "Sources: A (2019, 2020), B (n.d.) and C (…)."
    for sources in re.findall(r"\\sphinxcaption\{[^\n]*?Sources?: ([^\n]*?)\.\}\\label", tex):
        citations += re.split(r"(?<=\))(?:, | and )", sources)
    links = 0
    for citation in citations:
        for label, target, _ in _linked(citation, LATEX_LINK, lambda latex: latex.replace(r"\sphinxhyphen{}", "-")):
            by_label[label].add(target)
            links += 1
    assert links == len(re.findall(r"\\hyperlink\{cite\.", tex)), "a link outside a citation"
    assert {"Palma et al., 2020", "National Cancer Institute, 2025o"} <= set(by_label)
    assert by_label and set().union(*by_label.values()) <= anchors
    assert {label: t for label, t in by_label.items() if len(t) > 1} == {}


def _pdf_text(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, with every run of spaces and line breaks as one space."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("route", ["simplepdf", "latexpdf"])
def test_pdf_cites_with_letters(route: str, built: Builds) -> None:
    text = _pdf_text(built(route).pdf)
    # In the text, as the only or the first work of a citation: "(National Cancer Institute, 2025a)" or "…, 2025a; …".
    assert re.search(r"\(National Cancer Institute, 2025a[);]", text)
    assert "National Cancer Institute, 2025)" not in text and "National Cancer Institute, 2025;" not in text
    assert "National Cancer Institute. (2025a)." in text


@pytest.mark.slow
def test_the_reference_page_prints_readers_notes_and_none_of_the_authors(built: Builds) -> None:
    page = built("html").out / "references.html"
    text = " ".join(_html_text(page.read_text(encoding="utf-8")).split())
    assert WORKING_NOTES.findall(text) == []
    fields = [
        (key, name, _plain(e.fields[name]))
        for key, e in BIB.entries.items()
        for name in ("note", "annote")
        if name in e.fields
    ]
    assert [(key, value) for key, name, value in fields if name == "note" and value not in text] == []
    annotes = [(key, value) for key, name, value in fields if name == "annote"]
    assert len(annotes) > 30 and [(key, value) for key, value in annotes if value in text] == []


@pytest.mark.slow
@pytest.mark.parametrize("route", ["simplepdf", "latexpdf"])
def test_pdf_prints_no_annote(route: str, built: Builds) -> None:
    text = _pdf_text(built(route).pdf)
    assert "Text from a copy dated 30 December 2025" in text  # a note
    annotes = {key: _plain(e.fields["annote"]) for key, e in BIB.entries.items() if "annote" in e.fields}
    # The start of each: a PDF may break a long one over lines with a hyphen.
    assert {key: value for key, value in annotes.items() if value[:40] in text} == {}


SOURCE = re.compile(rf"Source: (?P<author>[^(].*?) \((?P<year>{YEAR})\)")


@pytest.mark.slow
def test_exercise_sources_name_the_author_with_the_year_in_brackets(built: Builds) -> None:
    """Sources read "Source: National Cancer Institute (2025o)", not "Source: (National Cancer Institute, 2025o)"."""
    sources = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", line)).split())
        for page in built("html").out.glob("*.html")
        for line in re.findall(r'<p class="checks-source">(.*?)</p>', page.read_text("utf-8"), re.S)
    ]
    answers = (built("text").out / "answers.txt").read_text("utf-8")
    printed = [" ".join(p.split()) for p in answers.split("\n\n") if p.strip().startswith("Source:")]
    assert len(sources) > 100 and len(printed) > 100
    assert [line for line in sources + printed if not SOURCE.fullmatch(line)] == []
    assert "Source: National Cancer Institute (2025o)" in printed
    tex = (built("latexpdf").out / "latex" / "metastatic-cancer.tex").read_text(encoding="utf-8")
    lines = re.findall(r"^Source: .*", tex, re.M)
    assert len(lines) > 100
    assert [line for line in lines if not re.match(r"Source: \\DUrole\{bibtex-citation\}\{[^(\\]", line)] == []
    pdf = built("simplepdf").pdf
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Source: National Cancer Institute (2025o)" in text and "Source: (National Cancer Institute" not in text


def test_quotations_in_the_references_are_curly_as_in_the_text() -> None:
    """A title or note quoting a phrase prints it with the book's curly quotes ("‘seed and soil’"), not straight
    ones from the keyboard, which LaTeX and WeasyPrint print as typed."""
    straight = [
        line.strip()
        for line in (REPO / "docs" / "references.bib").read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(title|note)\s*=", line) and re.search(r"\"|(?<![A-Za-z])'|'(?![A-Za-z])", line)
    ]
    assert straight == []
