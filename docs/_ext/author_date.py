"""Author–date citations in which every citation names one entry of the reference list, in every output.

The book cites many pages by one organisation in one year, so "National Cancer Institute, 2025" alone
could mean any of two dozen sources. As in APA style, works with the same author and year get letters
after the year, in the order of the reference list, and the list, sorted by author, year and title,
opens each entry with that same author and year:

    in the text   (National Cancer Institute, 2025a)   or   National Cancer Institute (2025a)
    in the list   National Cancer Institute. (2025a). *Metastatic cancer: When cancer spreads*. ...

Titles are in sentence case, with a capital after a colon as in APA style (and after a question or
exclamation mark, not after a full stop: "vs.", "et al." and "St." end no sentence); text in braces in
the .bib keeps its case. A url that is only the address of the entry's DOI is not printed beside the DOI,
but the date it was visited is. A web address written in a note is a link, as the url is.

Works without a year are "n.d." ("n.d.-a", "n.d.-b" when they need letters). Citations of several works
are separated by semicolons, and works by the same author are cited together, as in APA style, each year
linking to its own entry:

    (National Cancer Institute, 2025m, 2025o; Steeg, 2016)   or   Palma et al. (2019, 2020)

Three or more authors, or a list ending in "and others", are cited as "First et al."; the list names every
author it has and ends such a list with "et al.".

Three pieces, set in conf.py with ``bibtex_default_style = "author_date"`` and
``bibtex_reference_style = "author_date"``:

* ``AuthorDateStyle`` (a pybtex formatting style) sorts the entries, gives each its label
  ("National Cancer Institute, 2025a") and writes the entry with the label's year at its head.
* ``AuthorDateReferenceStyle`` (a sphinxcontrib-bibtex referencing style) writes a citation from the
  entry's label, so the text and the list cannot disagree. Its roles' inner templates give each work
  with its author and year apart, so that their outer templates can group works by the same author.
* ``ReferenceList`` (a post-transform) writes the list as paragraphs, not as numbered or labelled
  citations: a label column repeating each entry's author and year would be redundant, and in LaTeX
  the citations would otherwise be gathered into an unnamed bibliography after the last appendix.

The labels themselves come from ``checks.citation_labels``, which has no Sphinx in it, so that a quiz
exported for an LMS cites a work as the book does. They are made once per build, when sphinxcontrib-bibtex
formats the list; a citation reads its entry's label and does no lookup of its own, so citations cost what
they did with the author-year style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import unquote

from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.richtext import BaseText, HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import pages
from pybtex.style.names.lastfirst import NameStyle
from pybtex.style.template import Node, join, node, optional, optional_field, sentence, tag
from pybtex.style.template import field as bib_field
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.plugin import register_plugin as register_referencing_style
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle, BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from checks.citation_labels import PLAIN, edited, field_text, labels_in_order, sort_key, split_label
from checks.citation_labels import people as _people

NAME = "author_date"

# -- titles and web addresses -----------------------------------------------------------------------

# As in APA style, the first word after a colon (a subtitle), or after a question or exclamation mark
# within a title, begins with a capital too, past any opening quote or bracket. Not after a full stop:
# far more of them end an abbreviation ("Surgery vs. radiotherapy", "Smith et al.", "St. Louis") than a
# sentence of a title.
_NEW_SENTENCE = re.compile(r"[:?!]\s+[\"'“‘(\[]*")
_DOI_ADDRESS = re.compile(r"https?://(?:dx\.)?doi\.org/(.+)", re.IGNORECASE)
# A web address written in a note, up to the next space; the punctuation after it is trimmed (_address).
_WEB_ADDRESS = re.compile(r"https?://\S+")


def sentence_case(title: BaseText) -> BaseText:
    """The title in sentence case; text in braces (``{TNM}``, ``{Paget's}``) stays as written."""
    text = title.capitalize()
    plain = text.render(PLAIN)  # one character per position of the rich text, braces dropped
    if len(plain) != len(text):
        return text
    for match in reversed(list(_NEW_SENTENCE.finditer(plain))):
        start = match.end()
        if start < len(plain) and plain[start].islower():
            # A letter in braces keeps its case: upper() of protected text is the text itself.
            text = text[:start] + text[start : start + 1].upper() + text[start + 1 :]
    return text


def linked_addresses(note: BaseText) -> BaseText:
    """The note with each web address in it a link to that address, as the entry's url is one.

    A note names the pages of a site that the entry cites, "Summary Stage (https://…/summary.html)": as
    text, an address was neither a link nor a place where a phone's line could break.
    """
    plain = note.render(PLAIN)
    if len(plain) != len(note):
        return note
    for match in reversed(list(_WEB_ADDRESS.finditer(plain))):
        address = _address(match[0])
        start, end = match.start(), match.start() + len(address)
        note = note[:start] + HRef(address, note[start:end]) + note[end:]
    return note


def _address(found: str) -> str:
    """A web address without the punctuation of the sentence around it: a full stop or comma after it, and the
    bracket that closes one opened before it (an address may hold brackets of its own, as DOIs do)."""
    while True:
        trimmed = found.rstrip(".,;:!?'\"”’")
        if trimmed.endswith(")") and trimmed.count(")") > trimmed.count("("):
            trimmed = trimmed[:-1]
        if trimmed == found:
            return found
        found = trimmed


def url_is_doi(entry: Entry) -> bool:
    """Whether the entry's url is only the address of its DOI (https://doi.org/…), which the entry prints."""
    # Raw, as the style prints them: a url is not LaTeX.
    address = _DOI_ADDRESS.fullmatch(entry.fields.get("url", "").strip())
    doi = entry.fields.get("doi", "").strip()
    if address is None or not doi:
        return False
    return unquote(address[1]).casefold() == doi.casefold()  # DOIs ignore case


# -- the reference list ---------------------------------------------------------------------------


class AuthorDateStyle(UnsrtStyle):
    """Sorted by author, year and title; labelled "Author, 2025a"; each entry opens "Author. (2025a)."."""

    default_name_style = "lastfirst"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(abbreviate_names=True, **kwargs)
        self._names = NameStyle()
        # BaseStyle sets these as attributes, from its label and sorting plugins; this style has its own.
        del self.format_labels, self.sort

    def sort(self, entries: Any) -> list[Entry]:
        return sorted(entries, key=sort_key)

    def format_labels(self, sorted_entries: Any) -> Any:
        """Labels for entries in list order: letters after the year where author and year repeat."""
        return iter(labels_in_order(sorted_entries))

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        head = self._head(entry, split_label(label)[1])
        body = self._body(entry).format_data(context)
        return FormattedEntry(entry.key, Text(head, " ", body) if body else head, label)

    def _head(self, entry: Entry, year: str) -> BaseText:
        """The author and the date: "Lambert, A. W., Pattabiraman, D. R., and Weinberg, R. A. (2017)."."""
        people, others = _people(entry)
        names: list[BaseText] = [self._names.format(person, True).format() for person in people]
        if others:
            names.append(Text("et al."))
        if not names:
            # A blank title names the work no better than a missing one: the key does, as in the citations.
            title = entry.fields["title"] if field_text(entry, "title") else entry.key
            authors: BaseText = Tag("em", Text.from_latex(title))
        elif len(names) == 1:
            authors = names[0]
        else:
            authors = Text(", ").join(names[:-1]) + Text(", and " if not others else ", ", names[-1])
        if edited(entry):
            authors = Text(authors, " (Ed.)" if len(people) == 1 and not others else " (Eds.)")
        month = entry.fields.get("month")
        date = Text("(", year, *((", ", Text.from_latex(month)) if month else ()), ").")
        return Text(authors.add_period(), " ", date)

    def format_web_refs(self, e: Entry) -> Node:
        """The entry's url, PubMed id and DOI; a url that is the DOI's address is left to the DOI.

        The date the url was visited (``urldate``) then follows the DOI, as it would have followed the url.
        """
        if not url_is_doi(e):
            return super().format_web_refs(e)
        visited = optional[" (visited on ", bib_field("urldate"), ")"]
        return sentence[
            optional[self.format_eprint(e)],
            optional[self.format_pubmed(e)],
            optional[join[self.format_doi(e), visited]],
        ]

    def _body(self, entry: Entry) -> Node:
        title = bib_field("title", apply_func=sentence_case)
        has_author = bool(_people(entry)[0])
        notes = [sentence[optional_field("note", apply_func=linked_addresses)], self.format_web_refs(entry)]
        if entry.type == "article":
            volume = optional[join[tag("em")[bib_field("volume")], optional["(", bib_field("number"), ")"]]]
            return toplevel[
                sentence[title],
                sentence[join(sep=", ")[tag("em")[bib_field("journal")], volume, optional[pages]]],
                *notes,
            ]
        source = optional_field("publisher") if entry.type == "book" else optional_field("howpublished")
        return toplevel[
            optional[sentence[tag("em")[title]]] if has_author else optional[""],
            sentence[source],
            *notes,
        ]


# -- citations in the text --------------------------------------------------------------------------


@node
def label_text(children: Any, data: dict[str, Any], part: str = "all") -> BaseText:
    """The entry's label, or its author or year part."""
    assert not children
    label = cast(FormattedEntry, data["formatted_entry"]).label
    author, year = split_label(label)
    return Text({"all": label, "author": author, "year": year}[part])


class _Work(Text):
    """One work of a citation as a role's inner template gives it to the outer one.

    Its text is the work cited alone. ``author`` and ``year`` (the year linked to the entry, with any
    text before or after it) let the outer template cite the work together with others by its author.
    """

    def __init__(self, *parts: Any, author: str = "", year: BaseText | None = None, pre: str = "", post: str = ""):
        super().__init__(*parts)
        self.author = author
        self.year = Text() if year is None else year
        self.pre = pre  # the citation's text before the work, and after it
        self.post = post


@node
def work(children: Any, data: dict[str, Any], pre_text_sep: str = " ", post_text_sep: str = ", ") -> _Work:
    """The work as its one child template writes it, with its author and its linked year apart."""
    [alone] = children
    info = data["reference_info"]
    year = join2(sep1=pre_text_sep, sep2=post_text_sep)[pre_text, reference[label_text(part="year")], post_text]
    return _Work(
        alone.format_data(data),
        author=str(label_text(part="author").format_data(data)),
        year=year.format_data(data),
        pre=info.pre_text,
        post=info.post_text,
    )


def _by_author(children: list[BaseText]) -> list[list[_Work]]:
    """The works in runs by the same author; text after a work, or before the next, ends a run."""
    runs: list[list[_Work]] = []
    for child in children:
        assert isinstance(child, _Work), "the inner templates give works"
        last = runs[-1][-1] if runs else None
        if last is not None and last.author == child.author and not last.post and not child.pre:
            runs[-1].append(child)
        else:
            runs.append([child])
    return runs


@dataclass
class _Grouped(BaseReferenceStyle):
    """A citation style whose works, each a :func:`work`, are grouped by author in ``outer``."""

    bracket: BracketStyle = field(default_factory=BracketStyle)
    pre_text_sep: str = " "
    post_text_sep: str = ", "

    def work(self) -> Any:
        return work(pre_text_sep=self.pre_text_sep, post_text_sep=self.post_text_sep)

    def with_texts(self, label: Any) -> Any:
        """The label with the citation's text before and after it: "see Steeg, 2016, p. 3"."""
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[label], post_text]


@dataclass
class _Parenthetical(_Grouped):
    """(National Cancer Institute, 2025a, 2025c; Steeg, 2016)"""

    def role_names(self) -> list[str]:
        return [f"{alt}p{full}" for alt in ("", "al") for full in ("", "s")]

    def outer(self, role_name: str, children: list[BaseText]) -> Node:
        # The first work of a run names its author; the others add their years: "…, 2025a, 2025c".
        runs = [Text(first, *(Text(", ", w.year) for w in rest)) for first, *rest in _by_author(children)]
        return self.bracket.outer(runs, brackets="al" not in role_name, capfirst=False)

    def inner(self, role_name: str) -> Node:
        return self.work()[self.with_texts(label_text)]


@dataclass
class _Textual(_Grouped):
    """National Cancer Institute (2025a, 2025c) and Steeg (2016)"""

    def role_names(self) -> list[str]:
        return [f"{cap}t{full}" for cap in ("", "c") for full in ("", "s")]

    def outer(self, role_name: str, children: list[BaseText]) -> Node:
        left, right = self.bracket.left, self.bracket.right
        runs = [
            Text(run[0].author, " ", left, Text(", ").join([w.year for w in run]), right)
            for run in _by_author(children)
        ]
        # In running text, as APA writes it: "Lambert et al. (2017) and Steeg (2016)"; "A (1), B (2), and C (3)".
        if len(runs) > 1:
            last = ", and " if len(runs) > 2 else " and "
            runs = [Text(Text(", ").join(runs[:-1]), last, runs[-1])]
        return self.bracket.outer(runs, brackets=False, capfirst="c" in role_name)

    def inner(self, role_name: str) -> Node:
        year = join[self.bracket.left, self.with_texts(label_text(part="year")), self.bracket.right]
        return self.work()[join(sep=" ")[label_text(part="author"), year]]


@dataclass
class _Year(BaseReferenceStyle):
    """2025a"""

    bracket: BracketStyle = field(default_factory=BracketStyle)

    def role_names(self) -> list[str]:
        return ["year", "yearpar"]

    def outer(self, role_name: str, children: list[BaseText]) -> Node:
        return self.bracket.outer(children, brackets="par" in role_name, capfirst=False)

    def inner(self, role_name: str) -> Node:
        return reference[label_text(part="year")]


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


@dataclass
class AuthorDateReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year roles, with round brackets and the entries' own labels."""

    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)

    def __post_init__(self) -> None:
        super().__post_init__()
        for style in (
            _Parenthetical(self.bracket_parenthetical, self.pre_text_sep, self.post_text_sep),
            _Textual(self.bracket_textual, self.pre_text_sep, self.post_text_sep),
            _Year(self.bracket_year),
        ):
            self.styles.append(style)
            self.role_style.update((role, style) for role in style.role_names())


# -- the list as paragraphs ------------------------------------------------------------------------


class ReferenceList(SphinxPostTransform):
    """Writes each bibliography's citations as one paragraph per entry, with the citation's id on it.

    Runs after sphinxcontrib-bibtex fills the bibliography (priority 5) and before Sphinx's LaTeX
    writer gathers citations into its own bibliography (750). The entry keeps its id: in HTML on the
    paragraph, elsewhere on a target at its start (an anchor in Texinfo); LaTeX also gets the ``cite.``
    anchor that citations link to there.
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        if self.config.bibtex_default_style != NAME:
            return
        domain = self.env.get_domain("cite")
        ours = {(c.bibliography_key.docname, c.citation_id) for c in domain.citations}  # type: ignore[attr-defined]
        # The builder as Sphinx's own post-transforms reach it: a transform's ``app`` is deprecated in Sphinx 9.
        builder = self.env._app.builder
        latex = builder.format == "latex"
        html = builder.format == "html"
        for citation in list(self.document.findall(nodes.citation)):
            docname = citation.get("docname", "")
            if not citation["ids"] or (docname, citation["ids"][0]) not in ours:
                continue
            body = citation.next_node(nodes.paragraph)
            entry = nodes.paragraph("", "", classes=["reference-entry"])
            if latex:
                anchors = "".join(rf"\hypertarget{{cite.{docname}:{i}}}{{}}" for i in citation["ids"])
                entry += nodes.raw("", rf"\hangindent=1.5em\hangafter=1 {anchors}", format="latex")
            if not html:
                entry += nodes.target("", "", ids=list(citation["ids"]))
            entry.extend(body.children if body is not None else [])
            if "reference-list" not in citation.parent["classes"]:
                citation.parent["classes"].append("reference-list")
            citation.replace_self(entry)  # which gives the paragraph the citation's ids
            if not html:
                entry["ids"] = []


def setup(app: Sphinx) -> dict[str, Any]:
    register_plugin("pybtex.style.formatting", NAME, AuthorDateStyle, force=True)
    register_referencing_style("sphinxcontrib.bibtex.style.referencing", NAME, AuthorDateReferenceStyle, force=True)
    app.add_post_transform(ReferenceList)
    # A hanging indent for the list in HTML and in the PDF made from it (docs/_static).
    app.add_css_file("reference-list.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
