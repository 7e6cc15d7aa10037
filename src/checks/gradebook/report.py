"""The gradebook's report: one self-contained HTML page an instructor opens offline.

Near its top, the misconceptions shown by most students and the hardest
exercises (:mod:`checks.gradebook.findings`); then inline SVG plots from
:mod:`checks.gradebook.plots` (score distribution, item difficulty against
discrimination, and misconceptions by chapter where more than one chapter is
graded), each followed by a table with the same numbers for readers who cannot
see the plot, and a table of every exercise, named by its id and the start of
its prompt, with how many gave each answer (:mod:`.counts`). Where the plot of
items would have no point, a sentence saying why stands in place of the plot and
its table. Its summary lists the sheets that need a look (answers left out or
not read, letters changed or copied, no answer at all), and with a roster, who
on it handed in nothing or only sheets that could not be graded. It lists the
sheets that could not be graded with the reason, the files skipped in the
folders given (the first few of each folder, as the warnings name them), the
students who handed in more than one sheet, with the exercises those sheets
answer differently, and, where the sheets name different chapters, the students
whose sheets differ from most. It loads nothing: no scripts, fonts, images or
links to other sites, and a Content-Security-Policy that forbids them. All text
from sheets is escaped. No date or time is printed, so the same class gives the same bytes.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from checks.files import first_few
from checks.printable import UNCARRIED
from checks.sheets import BANK_CHANGED, EITHER, VARIANT_CHANGED, chapter_names, student_order

from . import plots
from .collect import Collected, is_anonymous
from .counts import RIGHT, responses_cell
from .findings import excerpts, hardest, misconceptions
from .items import MIN_ANSWERS, ItemStats
from .page import exercise_cell, figure, lines_cell, section, table
from .roster_rows import RosterRows
from .tables import number, pairs, percent

LOW_DISCRIMINATION = 0.2
BINS = 10
# Why a sheet's letters are not those it was printed with, in the words of its row (Sheet.relettered_by).
RELETTERED_BY = {
    BANK_CHANGED: "the bank changed since it was printed",
    VARIANT_CHANGED: "the student or seed of its variant was changed",
    EITHER: "the student or seed of its variant was changed, or the bank",
    None: "",
}

# A table scrolls sideways in a box of its own (page.table), as wide as the column: at most 60rem, and the window
# less main's padding (and room for a scroll bar). A caption wraps to the width of the box it is seen in, not to
# the table's, and a path stays whole up to a width that grows with the window's, past which it breaks.
_STYLE = """
body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #ffffff; line-height: 1.5; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1, h2, h3 { line-height: 1.2; }
.scroll { overflow-x: auto; margin: 0.5rem 0 1rem; }
.scroll:focus-visible { outline: 3px solid #1f4e79; outline-offset: 2px; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
.scroll > table { margin: 0; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; max-width: min(60rem, 100vw - 4rem); }
th, td { border: 1px solid #767676; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.flag { color: #8a1c1c; font-weight: bold; }
.id { font-weight: bold; }
.path { display: inline-block; width: max-content; max-width: clamp(6rem, 70vw - 10rem, 34rem); }
.id, td.names, .path { overflow-wrap: anywhere; }
.asks { display: block; min-width: 10rem; font-size: 0.9em; color: #3b3b3b; }
figure { margin: 1rem 0; }
svg { max-width: 100%; height: auto; }
details { margin-bottom: 1.5rem; }
summary { cursor: pointer; color: #1f4e79; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def report_html(collected: Collected, items: Sequence[ItemStats], roster: RosterRows | None = None) -> str:
    """The whole report page; with a ``roster``, its summary says who on it handed in nothing, and who is not
    on it."""
    asks = excerpts(collected)  # the start of each prompt, beside its id in three tables
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Class gradebook</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<h1>Class gradebook</h1>",
        _summary(collected, roster),
        _failures(collected),
        _duplicates(collected),
        misconceptions(collected, items, asks),
        hardest(items, asks),
        _distribution(collected),
        _scatter(items),
        _items(collected, items, asks),
        "</main>",
        "</body>",
        "</html>",
    ]
    return _visible_controls("\n".join(p for p in parts if p) + "\n")


def _visible_controls(page: str) -> str:
    """``page`` with each control character written as its escape (``\\x08``), as the terminal's lines show it."""
    # Only what students wrote or named can hold them (an answer typed as "1\b2" in a YAML sheet's quotes, a
    # sheet's file name): names and the banks' texts with them are refused.
    return UNCARRIED.sub(lambda found: repr(found.group())[1:-1], page)


def _summary(collected: Collected, roster: RosterRows | None = None) -> str:
    most = collected.max_score
    shares = [percent(g.total, most) for g in collected.graded]
    on_roster = (
        [
            ("students on the roster", str(roster.listed)),
            ("on the roster, with no sheet", str(len(roster.missing))),
            ("on the roster, sheet not graded", str(len(roster.not_graded))),
        ]
        if roster
        else []
    )
    rows = [
        ("graded on", _graded_on(collected)),
        ("sheets graded", str(collected.sheets)),
        ("students", str(len(collected.graded))),
        *on_roster,
        ("sheets that could not be graded", str(collected.refused)),
        *([("paths given that held no sheet", str(len(collected.unread_paths)))] if collected.unread_paths else []),
        ("exercises", str(sum(len(b.exercises) for b in collected.book.banks))),
        ("points available", number(most)),
        ("mean score", f"{statistics.fmean(shares):.1f}%" if shares else "–"),
        ("median score", f"{statistics.median(shares):.1f}%" if shares else "–"),
    ]
    body = "\n".join(f'<tr><th scope="row">{escape(k)}</th><td class="num">{escape(v)}</td></tr>' for k, v in rows)
    summary = f"<table>\n{body}\n</table>"
    if roster is not None:
        summary += _roster(roster)
    graded = escape(chapter_names(_chapters(collected)))
    if len(collected.named) > 1 and collected.uneven:  # as the warning on standard error names them
        summary += (
            f'\n<p class="flag">The sheets name different chapters, so the class is graded on {graded}, and '
            f"every student's points available are those of all of them. {len(collected.odd)} student(s) handed in "
            f"sheets naming other chapters than most ({escape(', '.join(collected.usual) or 'no chapter')}): "
            f"{escape(collected.named_otherwise())}. Leave out a sheet handed in by mistake, or grade each "
            "chapter's sheets with --chapter to grade them apart.</p>"
        )
    elsewhere = [(p, n, named) for p, n, named in collected.left_out if named]
    if elsewhere:  # worded as checks grade words it
        summary += (
            f'\n<p class="flag">{len(elsewhere)} sheet(s) are for other chapters; graded on {graded}, as --chapter '
            "asks, and their answers to other chapters were left out.</p>\n"
            + table(
                ("file", "the sheet is for", "answers left out"),
                ((str(p), ", ".join(named), str(n)) for p, n, named in elsewhere),
                caption="Sheets for other chapters, and the answers left out",
                anchor="elsewhere-t",
                numeric=(2,),
                paths=(0,),
            )
        )
    outside = [(p, n) for p, n, named in collected.left_out if not named]
    if outside:
        summary += (
            f'\n<p class="flag">{len(outside)} sheet(s) also answered exercises outside '
            f"{graded}; those answers were left out.</p>\n"
            + table(
                ("file", "answers left out"),
                ((str(p), str(n)) for p, n in outside),
                caption="Sheets that answered exercises outside the chapters graded",
                anchor="outside-t",
                numeric=(1,),
                paths=(0,),
            )
        )
    if collected.relettered:
        summary += (
            f'\n<p class="flag">{len(collected.relettered)} sheet(s) have letters, for a chapter they answer, that '
            "are not those they were printed with: some of their letters may now name other options. Grade them "
            "with the version of the book and the variant they were printed with, or check them by hand.</p>\n"
            + table(
                ("file", "chapters", "likely cause"),
                ((str(p), ", ".join(c), RELETTERED_BY[why]) for p, c, why in collected.relettered),
                caption="Sheets whose letters are not those they were printed with",
                anchor="relettered-t",
                paths=(0,),
            )
        )
    if collected.letters_as_ids:  # worded as checks grade words it
        summary += (
            f'\n<p class="flag">{len(collected.letters_as_ids)} sheet(s) have no <code>letters:</code> line, so '
            "they were read in option ids, but answer with letters that the book prints beside other options. If "
            "their letters were copied from the printed book, add the line <code>letters: book</code> to them and "
            "grade again.</p>\n"
            + table(
                ("file", "answers that the book's letters would read as other options"),
                ((str(p), str(n)) for p, n in collected.letters_as_ids),
                caption="Sheets read in option ids that answer with the book's letters",
                anchor="letters-t",
                numeric=(1,),
                paths=(0,),
            )
        )
    if collected.unread:  # each answer is told by checks grade, with the shape it needs
        summary += (
            f'\n<p class="flag">{len(collected.unread)} sheet(s) have answers that could not be read, such as an '
            "option's text where its letter is asked for, or a matching written as a list: each scores 0. "
            "<code>checks grade</code> on a sheet shows the shape each answer needs: where the student's meaning "
            "is plain, correct the sheet and grade again.</p>\n"
            + table(
                ("file", "answers not read", "exercises"),
                ((str(p), str(len(ids)), ", ".join(ids)) for p, ids in collected.unread),
                caption="Sheets with answers that could not be read",
                anchor="unread-t",
                numeric=(1,),
                paths=(0,),
                names=(2,),
            )
        )
    if collected.blank:
        summary += (
            f'\n<p class="flag">{len(collected.blank)} sheet(s) answer nothing (no answer is filled in), so '
            "each scores 0: a student may have handed in the blank sheet, or the wrong file, in place of their "
            "answers.</p>\n"
            + table(
                ("file", "student"),
                ((str(p), who) for p, who in collected.blank),
                caption="Sheets that answer nothing",
                anchor="blank-t",
                paths=(0,),
            )
        )
    return section("summary-h", "Summary", summary)


def _roster(roster: RosterRows) -> str:
    """The students of the roster who handed in no sheet, or only sheets that could not be graded, and those graded
    who are not on it, with their files."""
    parts = []
    if roster.missing:
        parts.append(
            f"\n<p>{len(roster.missing)} student(s) on the roster handed in no sheet; their rows of grades.csv "
            f"have no score: {escape(', '.join(roster.missing))}.</p>"
        )
        if roster.unplaced:  # whose these are could not be read, or is no one's on the roster
            parts.append(
                f'\n<p class="flag">{roster.unplaced} sheet(s) that could not be graded name no one on the roster: '
                "some of the students marked <code>no sheet</code> may have handed them in. Their student could "
                "not be read, or is not on the roster; each is listed below with the reason.</p>"
            )
    if roster.not_graded:
        parts.append(
            f'\n<p class="flag">{len(roster.not_graded)} student(s) on the roster handed in only sheets that could '
            "not be graded: their rows of grades.csv say <code>sheet not graded</code> and have no score. Each "
            "sheet is listed below with the reason: correct it and grade again.</p>\n"
            + table(
                ("student", "files"),
                ((row.student, ", ".join(map(str, row.refused))) for row in roster.not_graded),
                caption="Students on the roster whose sheets could not be graded",
                anchor="not-graded-t",
                paths=(1,),
            )
        )
    if roster.unlisted:
        parts.append(
            f'\n<p class="flag">{len(roster.unlisted)} student(s) handed in sheets but are not on the roster '
            f"({escape(str(roster.path))}): graded all the same, their rows come after the roster's in grades.csv. "
            "A name spelt otherwise on the sheet than on the roster is one of them: correct the sheet's "
            "<code>student</code> and grade again.</p>\n"
            + table(
                ("student", "files"),
                ((g.student, ", ".join(map(str, g.paths))) for g in roster.unlisted),
                caption="Students not on the roster, and their sheets",
                anchor="unlisted-t",
                paths=(1,),
            )
        )
    return "".join(parts)


def _graded_on(collected: Collected) -> str:
    """The chapters graded, and where a choice of them came from when the sheets made it."""
    if not collected.chapter:
        return "the whole book"
    if not collected.named:  # --chapter
        return f"chapter {collected.chapter}"
    graded = chapter_names(_chapters(collected))
    if len(collected.named) == 1 or not collected.uneven:
        return f"{graded} (named on the sheets)"
    return f"{graded} (the sheets name different chapters: {'; '.join(', '.join(c) for c in collected.named)})"


def _chapters(collected: Collected) -> tuple[str, ...]:
    """The chapters graded."""
    return collected.book.chapter_ids


def _failures(collected: Collected) -> str:
    if not collected.failures:
        body = "<p>Every sheet was graded.</p>"
    else:
        body = f'<p class="flag">{_not_graded(collected)}</p>\n' + table(
            ("file", "line", "reason"),
            # Every problem of a sheet, a line each: the first at the row's line, the others with theirs.
            ((str(f.path), str(f.line or ""), lines_cell(f.reasons())) for f in collected.failures),
            caption="Each sheet not graded, and why",
            anchor="failed-t",
            paths=(0,),
        )
    return section("failed-h", "Sheets that could not be graded", body + _skipped(collected))


def _not_graded(collected: Collected) -> str:
    """The failures counted as the closing line counts them: sheets, and apart the paths given that held none."""
    said = f"{collected.refused} sheet(s) could not be graded and are in no table or plot."
    unread = len(collected.unread_paths)
    return said + (
        f" {unread} path(s) given held no sheet to grade; the table names them with the sheets." if unread else ""
    )


def _skipped(collected: Collected) -> str:
    """The files in the folders given that were not read, as the warnings on standard error name them: a sheet
    saved as mia.yaml.txt is in no table, and the instructor reading the report later should see why."""
    if not collected.skipped:
        return ""
    count = sum(len(s.names) for s in collected.skipped)
    return (
        f'\n<p class="flag">{count} file(s) in the folders given were skipped and are in no table or plot. '
        "A sheet saved with another ending, or a link to a file since moved, is not graded: rename or restore "
        "it and grade again.</p>\n"
        + table(
            ("folder", "skipped", "files"),
            ((str(s.folder), f"{len(s.names)} {s.what}", first_few(s.names)) for s in collected.skipped),
            caption="Files skipped in the folders given",
            anchor="skipped-t",
            paths=(0,),
            names=(2,),
        )
    )


def _alike(collected: Collected) -> str:
    """Rows whose names differ only in accents (Zoë Adams, zoe adams): perhaps one student who typed
    the name on two keyboards, perhaps two students. Kept apart, and shown so that a person decides."""
    groups: dict[str, list[str]] = {}
    for g in collected.graded:
        if not is_anonymous(g.student):
            groups.setdefault(student_order(g.student)[0], []).append(g.student)
    alike = [names for names in groups.values() if len(names) > 1]
    if not alike:
        return ""
    return (
        f'<p class="flag">{len(alike)} name(s) appear in more than one spelling that differs only in accents. '
        "Each spelling has a row of its own; merge the sheets by hand if they are one student's.</p>\n"
        + table(
            ("names",),
            ((" · ".join(names),) for names in alike),
            caption="Names that differ only in accents",
            anchor="alike-t",
        )
    )


def _duplicates(collected: Collected) -> str:
    found = collected.merged()
    nameless = sum(1 for g in collected.graded if is_anonymous(g.student))
    flag = (
        f'<p class="flag">{nameless} sheet(s) carry no name (anonymous): each has a row of its own.</p>\n'
        if nameless
        else ""
    )
    flag += _alike(collected)
    if not found:
        body = flag + "<p>Every student handed in one sheet.</p>"
    else:
        clashes = sum(1 for g in found if g.overridden)
        body = (
            flag + f"<p>{len(found)} student(s) handed in more than one sheet. Each student's sheets are merged into "
            "one row of grades.csv; where two sheets answer an exercise differently, the answer on the sheet "
            "handed in last counts (files are listed oldest first).</p>\n"
            + (
                f'<p class="flag">{clashes} of them answered an exercise differently on two sheets.</p>\n'
                if clashes
                else ""
            )
            + table(
                ("student", "files", "answered differently"),
                ((g.student, ", ".join(map(str, g.paths)), ", ".join(g.overridden) or "–") for g in found),
                caption="Each student's sheets, oldest first, and the exercises they answer differently",
                anchor="duplicates-t",
                paths=(1,),
                names=(2,),
            )
            + _undated(collected)
        )
    return section("duplicates-h", "Students with more than one sheet", body)


def _undated(collected: Collected) -> str:
    """The pairs of a student's sheets that answer differently without saying when they were handed in, as the
    warnings name them: which counts is a guess from their file names, and two students of one name look alike."""
    if not collected.undated:
        return ""
    return (
        f'\n<p class="flag">{len(collected.undated)} pair(s) of one student\'s sheets answer an exercise '
        "differently, and neither sheet says when it was handed in (<code>submitted</code>): the later file name "
        "counts (compared without its ending, numbers by their value: ben, ben (2), ben (10), ben-v2). If two "
        "students gave the same name, give each sheet its own name or id and grade again.</p>\n"
        + table(
            ("student", "file", "file that counts", "answered differently"),
            ((c.student, str(c.older), str(c.counts), ", ".join(c.exercises)) for c in collected.undated),
            caption="Sheets of one student without a time that answer differently",
            anchor="undated-t",
            paths=(1, 2),
            names=(3,),
        )
    )


def bin_counts(shares: Iterable[float]) -> list[int]:
    """Students per tenth of the score range: [0, 10), [10, 20) … [90, 100]."""
    counts = [0] * BINS
    for share in shares:
        counts[min(BINS - 1, max(0, int(share // (100 / BINS))))] += 1
    return counts


def _distribution(collected: Collected) -> str:
    most = collected.max_score
    counts = bin_counts(percent(g.total, most) for g in collected.graded)
    width = 100 // BINS
    labels = [f"{i * width}–{(i + 1) * width}" for i in range(BINS)]
    svg = plots.histogram(
        counts,
        labels,
        slug="distribution",
        title="Score distribution",
        desc=f"Histogram of the total scores of {len(collected.graded)} graded sheet(s), in tenths of the "
        "points available; each bar is the number of students in that range.",
        x_label="total score, % of points available (each range includes its lower bound; the last includes 100)",
    )
    numbers = table(
        ("score range (%)", "students"),
        zip(labels, map(str, counts), strict=True),
        caption="Score ranges and their students",
        anchor="distribution-t",
        numeric=(1,),
    )
    return section("distribution-h", "Score distribution", figure(svg, "Students per score range.", numbers))


def _scatter(items: Sequence[ItemStats]) -> str:
    points = [
        (it.exercise_id, it.difficulty, it.discrimination)
        for it in items
        if it.difficulty is not None and it.discrimination is not None
    ]
    if not points:  # empty axes, a caption about points and a table of headers alone would leave the reader to guess
        return section("items-h", "Difficulty and discrimination", f"<p>{_unplotted(items)}</p>")
    missing = len(items) - len(points)
    svg = plots.scatter(
        points,
        slug="items",
        title="Item difficulty and discrimination",
        desc=f"One point per exercise ({len(points)} shown, {missing} without enough answers or variation): "
        "difficulty (share fully correct) across, discrimination (corrected item-total correlation) up. "
        f"The dashed line marks {LOW_DISCRIMINATION}; points below it separate strong from weak students poorly.",
        x_label="difficulty: share of those answering who were fully correct",
        y_label="discrimination",
        guide=LOW_DISCRIMINATION,
    )
    caption = (
        "Each point is an exercise; hover over it for its id. Exercises near the bottom, and any below 0, "
        "deserve a look at their key and their wording."
    )
    rows = [(name, number(x), number(y)) for name, x, y in points]
    numbers = table(
        ("exercise", "difficulty", "discrimination"),
        rows,
        caption="Each exercise plotted, with its difficulty and discrimination",
        anchor="items-t",
        numeric=(1, 2),
        names=(0,),
    )
    return section("items-h", "Difficulty and discrimination", figure(svg, caption, numbers))


def _unplotted(items: Sequence[ItemStats]) -> str:
    """Why no exercise has a point: too few answers to every one, or answers that did not vary."""
    enough = sum(1 for it in items if it.answered >= MIN_ANSWERS)
    if not enough:
        most = max((it.answered for it in items), default=0)
        have = f"no exercise has more than {most}" if most else "no exercise was answered"
        return (
            f"No exercise is plotted: discrimination needs at least {MIN_ANSWERS} students' answers to an "
            f"exercise, and {have}."
        )
    return (
        f"No exercise is plotted: the {enough} exercise(s) with at least {MIN_ANSWERS} answers scored the same "
        "for every student who answered, or were answered by students whose other scores were the same, "
        "so discrimination cannot be computed."
    )


def _note(it: ItemStats) -> str:
    """What stands out about an exercise; nothing when fewer than :data:`MIN_ANSWERS` students answered it,
    since one or two answers make "almost everyone right" of a lucky guess."""
    if it.answered < MIN_ANSWERS:
        return ""
    notes = []
    if it.discrimination is not None and it.discrimination < 0:
        notes.append("negative discrimination")
    elif it.discrimination is not None and it.discrimination < LOW_DISCRIMINATION:
        notes.append("low discrimination")
    if it.difficulty is not None and it.difficulty >= 0.95:
        notes.append("almost everyone right")
    elif it.difficulty is not None and it.difficulty <= 0.2:
        notes.append("few right")
    return "; ".join(notes)


def _items(collected: Collected, items: Sequence[ItemStats], asks: Mapping[str, str]) -> str:
    several = len(collected.book.banks) > 1  # one chapter's name on every row says nothing
    header = (
        "exercise",
        *(("chapter",) if several else ()),
        "answered",
        "difficulty",
        "mean share",
        "discrimination",
        "upper–lower",
        "responses",
        "most frequent misconceptions",
        "note",
    )
    exercises = {ex.id: ex for _, ex in collected.book.exercises()}
    rows = [
        (
            exercise_cell(it.exercise_id, asks[it.exercise_id]),
            *((it.chapter,) if several else ()),
            str(it.answered),
            number(it.difficulty),
            number(it.mean_share),
            number(it.discrimination),
            number(it.upper_lower),
            responses_cell(exercises[it.exercise_id], it),
            pairs(it.top_misconceptions),
            _note(it),
        )
        for it in items
    ]
    first = 2 if several else 1  # the first numeric column
    intro = (
        "<p>Every exercise, as in items.csv, with the start of what it asks. A blank means too few answers "
        f"(discrimination, upper–lower and the note need {MIN_ANSWERS}), or answers that did not vary. "
        "Responses count the students who chose each option, by the letter the book prints, or answered true or "
        f"false, {RIGHT} marking the right answer; for the other kinds, the answers correct, partial, incorrect, "
        "not read (invalid) or left out (unanswered).</p>"
    )
    every = table(
        header, rows, caption="Every exercise, in book order", anchor="exercises-t", numeric=range(first, first + 5)
    )
    return section("exercises-h", "Exercises", f"{intro}\n{every}")
