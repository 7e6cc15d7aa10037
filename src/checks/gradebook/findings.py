"""The report's answer to "which questions and misconceptions trip my students up?".

Two sections near the top of the page: the misconceptions shown by most students, each with its
exercise, what those students chose (the option or answer the bank tags with it, :mod:`.choices`) and
their share of those who answered; and the hardest exercises, each with the wrong answer most given.
An exercise is named by its id and the start of its prompt (:mod:`.words`), so that the instructor
need not open the bank to know what it asks. Misconceptions are also counted per chapter in a bar
chart, when more than one chapter is graded: for one chapter it would be a single bar.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from checks.shares import whole_percent

from . import plots
from .choices import Shown
from .collect import Collected
from .items import MIN_ANSWERS, ItemStats
from .page import exercise_cell, figure, section, table
from .tables import number, pairs
from .words import excerpt, students

TOP_SHOWN = 10  # rows of the table of misconceptions
HARDEST = 5  # rows of the table of hardest exercises
CHOICES_SHOWN = 2  # what students chose, for a tag that several options carry
TIED_SHOWN = 3  # wrong answers most given, when several are given by as many students


def misconceptions(collected: Collected, items: Sequence[ItemStats], asks: Mapping[str, str]) -> str:
    """The misconceptions shown by most students, and by chapter where several chapters are graded."""
    found = [(it, tag) for it in items for tag in it.shown]  # book order, then the exercise's own
    # Stable: among equal counts, the larger share of those answering, then book order.
    found.sort(key=lambda pair: (-pair[1].students, -pair[1].students / pair[0].answered))
    if not found:
        body = "<p>No answer showed a misconception that the bank tags.</p>"
    else:
        shown = found[:TOP_SHOWN]
        rows = [
            (
                tag.tag,
                exercise_cell(it.exercise_id, asks[it.exercise_id]),
                _chosen(tag),
                str(tag.students),
                whole_percent(tag.students, it.answered),
            )
            for it, tag in shown
        ]
        header = ("misconception", "exercise", "what they chose", "students", "share")
        caption = (
            f"The {len(shown)} misconceptions shown by most students"
            if len(found) > len(shown)
            else "Every misconception shown, by most students first"
        )
        body = (
            "<p>Each row is a misconception that answers to one exercise showed: what the students who showed it "
            "chose (the option or answer the bank tags with it), how many they were, and their share of the "
            "students who answered that exercise.</p>\n"
            + table(header, rows, caption=caption, anchor="misconceptions-t", numeric=(3, 4))
        )
        more = len(found) - len(shown)
        if more:
            body += (
                f"\n<p>{more} more shown by fewer students; the table of exercises below names the three most "
                "frequent misconceptions of each exercise, as items.csv does.</p>"
            )
    if found and len(collected.book.banks) > 1:  # a chart of zeros, or of one bar, says nothing
        body += "\n" + _by_chapter(collected, items)
    return section("misconceptions-h", "Most frequent misconceptions", body)


def hardest(items: Sequence[ItemStats], asks: Mapping[str, str]) -> str:
    """The exercises fewest students answered fully right, among those enough students answered."""
    enough = [
        (i, it)
        for i, it in enumerate(items)
        if it.answered >= MIN_ANSWERS and it.difficulty is not None and it.difficulty < 1
    ]
    enough.sort(key=lambda pair: (pair[1].difficulty, pair[1].mean_share, pair[0]))
    if not enough:
        answered = any(it.answered >= MIN_ANSWERS for it in items)
        why = (
            f"every exercise that at least {MIN_ANSWERS} students answered was answered fully right by all of them"
            if answered
            else f"no exercise was answered by at least {MIN_ANSWERS} students, too few to tell"
        )
        return section("hardest-h", "Hardest exercises", f"<p>None to show: {why}.</p>")
    rows = [
        (
            exercise_cell(it.exercise_id, asks[it.exercise_id]),
            str(it.answered),
            number(it.difficulty),
            _most_given(it.wrong_answers),
        )
        for _, it in enough[:HARDEST]
    ]
    header = ("exercise", "answered", "difficulty", "wrong answer most given")
    intro = (
        f"<p>The exercises that the fewest students answered fully right (difficulty: the share who did), among "
        f"those at least {MIN_ANSWERS} students answered, with the wrong answer most given: for a choice, the "
        "option as the book letters it; for a matching exercise, a stem and the option matched to it.</p>"
    )
    caption = f"The {len(rows)} hardest exercises, hardest first"
    shown = table(header, rows, caption=caption, anchor="hardest-t", numeric=(1, 2))
    return section("hardest-h", "Hardest exercises", f"{intro}\n{shown}")


def excerpts(collected: Collected) -> dict[str, str]:
    """The start of every graded exercise's prompt, by exercise id."""
    return {ex.id: excerpt(ex) for _, ex in collected.book.exercises()}


def _chosen(tag: Shown) -> str:
    """What the students who showed a tag chose: the one option or answer, or the most chosen few with counts."""
    if not tag.chose:
        return "–"
    if len(tag.chose) == 1:
        return tag.chose[0][0]
    shown = "; ".join(f"{text} ({students(n)})" for text, n in tag.chose[:CHOICES_SHOWN])
    more = len(tag.chose) - CHOICES_SHOWN
    return f"{shown}; {more} other answer(s)" if more > 0 else shown


def _most_given(wrong: Sequence[tuple[str, int]]) -> str:
    """The wrong answer most given, and by how many students: a tie is said as one, naming the first few tied,
    since none of them is the answer most given."""
    if not wrong:
        return "–"
    text, count = wrong[0]
    tied = [text for text, n in wrong if n == count]  # most given first, so the tied lead the list
    if len(tied) == 1:
        return f"{text} ({students(count)})"
    more = len(tied) - TIED_SHOWN
    # The answers are separated by semicolons: an option's text may hold commas.
    listed = "; ".join(tied[:TIED_SHOWN]) + (f"; and {more} more" if more > 0 else "")
    return f"tied, {students(count)} each: {listed}"


def _by_chapter(collected: Collected, items: Sequence[ItemStats]) -> str:
    per_chapter = {b.chapter: 0 for b in collected.book.banks}
    tags: dict[str, dict[str, int]] = {b.chapter: {} for b in collected.book.banks}
    for it in items:
        for tag, count in it.misconceptions:
            per_chapter[it.chapter] += count
            tags[it.chapter][tag] = tags[it.chapter].get(tag, 0) + count
    values = list(per_chapter.items())
    svg = plots.bars(
        values,
        slug="misconceptions",
        title="Misconceptions by chapter",
        desc="For each chapter, how many times an answer revealed a tagged misconception, summed over students "
        "and exercises.",
        x_label="misconception tags recorded",
    )
    rows = [
        (chapter, str(count), pairs(sorted(tags[chapter].items(), key=lambda kv: (-kv[1], kv[0]))[:3]))
        for chapter, count in values
    ]
    numbers = table(
        ("chapter", "tags recorded", "most frequent"),
        rows,
        caption="Tags recorded in each chapter, and the most frequent",
        anchor="misconceptions-chapters-t",
        numeric=(1,),
    )
    caption = "Misconception tags recorded per chapter; the table names the most frequent."
    return '<h3 id="misconceptions-chapters-h">Misconceptions by chapter</h3>\n' + figure(svg, caption, numbers)
