"""The label the book cites each entry of its bibliography by: "Steeg, 2016", "National Cancer Institute, 2025a".

As in APA style, a work is cited by its author and year, with letters after the year where works share
both (2025a, 2025b, … or n.d.-a, n.d.-b for works without a year), in the order of the reference list,
which is sorted by author, year and title. Three or more authors, or a list ending in "and others", are
"First et al.". The book's referencing style (``docs/_ext/author_date.py``) and the exports' citations
(:mod:`checks.exports.citations`) both take their labels from here, so that a quiz in an LMS cites a work
as the book's reference list names it. pybtex only: no Sphinx.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.database import Entry, Person
from pybtex.richtext import Text

LABEL_SEP = ", "  # between the author and the year of a label; the year never holds one
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
PLAIN = PlainTextBackend()  # render_as("text") would look the backend up among installed packages each time


def _plain(latex: str) -> str:
    text: str = Text.from_latex(latex).render(PLAIN)
    return text


def _named(entry: Entry) -> tuple[str, list[Person], bool] | None:
    """The role the entry is cited by (its authors, else its editors), the people named in it, and whether its list
    ends in "and others"; None when it names no one. A name with no surname ("{}") names no one, so an entry of such
    names is cited by its title, as one without authors."""
    for role in ("author", "editor"):
        persons = list(entry.persons.get(role) or [])
        others = bool(persons) and str(persons[-1]) == "others"
        named = [p for p in persons[: -1 if others else None] if _surname(p)]
        if named:
            return role, named, others
    return None


def people(entry: Entry) -> tuple[list[Person], bool]:
    """The entry's authors (or editors) and whether the list ends in "and others"."""
    found = _named(entry)
    return (found[1], found[2]) if found else ([], False)


def edited(entry: Entry) -> bool:
    """Whether the entry is cited by its editors: it names no author."""
    found = _named(entry)
    return found is not None and found[0] == "editor"


def _surname(person: Person) -> str:
    return _plain(" ".join(person.prelast_names + person.last_names))


def cited_author(entry: Entry) -> str:
    """The author as a citation names it: "Steeg", "Hanahan and Weinberg", "Lambert et al."."""
    persons, others = people(entry)
    if not persons:
        return field_text(entry, "title") or entry.key
    if others or len(persons) > 2:
        return f"{_surname(persons[0])} et al."
    return " and ".join(_surname(person) for person in persons)


def field_text(entry: Entry, name: str) -> str:
    """The field as plain text, "" where it is missing or blank: a blank year or title is as good as none."""
    return _plain(entry.fields.get(name, "")).strip()


def _year(entry: Entry) -> str:
    return field_text(entry, "year") or "n.d."


def _letters(index: int) -> str:
    """a, b, …, z, aa, ab, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _fold(text: str) -> str:
    """Lower case without accents, for sorting ("Dillekås" among the Ds)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sort_key(entry: Entry) -> tuple[Any, ...]:
    """Author by author (surname, then initials), works without a year first, then year, then title."""
    persons, others = people(entry)
    names = tuple((_fold(_surname(p)), _fold(_plain(" ".join(p.first_names + p.middle_names)))) for p in persons) or (
        (_fold(_LEADING_ARTICLE.sub("", field_text(entry, "title") or entry.key)), ""),
    )
    year = field_text(entry, "year")
    return (
        names,
        others,
        (1, year) if year else (0, ""),
        _fold(_LEADING_ARTICLE.sub("", field_text(entry, "title"))),
        entry.key,
    )


def labels_in_order(sorted_entries: Iterable[Entry]) -> list[str]:
    """The labels of entries in list order (sorted by :func:`sort_key`): letters where author and year repeat."""
    bare = [(cited_author(entry), _year(entry)) for entry in sorted_entries]
    shared = Counter(bare)
    seen: Counter[tuple[str, str]] = Counter()
    labels = []
    for author, year in bare:
        if shared[author, year] > 1:
            letters = _letters(seen[author, year])
            seen[author, year] += 1
            year = f"{year}-{letters}" if year == "n.d." else f"{year}{letters}"
        labels.append(f"{author}{LABEL_SEP}{year}")
    return labels


def entry_labels(entries: Mapping[str, Entry]) -> dict[str, str]:
    """Each entry's label by its key as written, the whole bibliography lettered together as the book's list is."""
    ordered = sorted(entries.items(), key=lambda item: sort_key(item[1]))
    labels = labels_in_order(entry for _, entry in ordered)
    return {key: label for (key, _), label in zip(ordered, labels, strict=True)}


def split_label(label: str) -> tuple[str, str]:
    """("National Cancer Institute", "2025a") from "National Cancer Institute, 2025a"."""
    author, _, year = label.rpartition(LABEL_SEP)
    return author, year
