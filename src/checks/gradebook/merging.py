"""A student's sheets merged into one row: the order they count in, the answer that counts, and the sheets that
disagree without saying when they were handed in.

Where two of a student's sheets answer an exercise differently, the one handed in last counts: the later
``submitted``, a sheet without it counting as older; sheets handed in at the same time, or neither saying when,
go by file name. A name is compared as a reader compares it, without its ending and with its numbers in number
order, so that a correction saved beside the original comes after it: ``ben.yaml``, ``ben (2).yaml``,
``ben (10).yaml``, ``ben-v2.yaml``. That is a guess, so two sheets without ``submitted`` that answer an exercise
differently are noted (:func:`undated_clashes`): one student's resubmission, or two students of one name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from checks.model import AnyExercise, MultipleSelect, Numeric, ShortText
from checks.normalise import normalise_text, normalise_unit, parse_number, unit_key
from checks.sheets import read_in_ids

_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)
_NUMBER = re.compile(r"([0-9]+)")


class Read(NamedTuple):
    """A sheet as read, reduced to what grading and merging need."""

    path: Path
    submitted: dt.datetime | None
    responses: tuple[Any, ...]
    in_ids: bool  # whether it says nothing of its letters, and is looked at for letters copied from the book


class Clash(NamedTuple):
    """Two of a student's sheets without ``submitted`` that answer exercises differently: the one that counts
    is the later by file name."""

    student: str
    older: Path
    counts: Path
    exercises: tuple[str, ...]  # in book order


def handed_in(sheets: Sequence[Read]) -> list[Read]:
    """A student's sheets, oldest first: the last one answering an exercise counts."""
    return sorted(sheets, key=lambda r: (r.submitted or _OLDEST, file_order(r.path), r.path.name, str(r.path)))


def file_order(path: Path) -> tuple[str | int, ...]:
    """A file's name as a reader orders it: without its ending (``ben`` before ``ben (2)``, where the dot of
    ``ben.yaml`` would come after the space), in any case, and its numbers by their value (2 before 10)."""
    parts = _NUMBER.split(path.stem.casefold())
    # Text and numbers take turns, text first, so that two names compare part by part, like with like.
    return tuple(int(part) if n % 2 else part for n, part in enumerate(parts))


def merged(sheets: Sequence[Read], exercises: Sequence[AnyExercise]) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    """Each exercise answered as on the last sheet that answers it, and the exercises (by position) two sheets
    answer differently."""
    if len(sheets) == 1:
        return sheets[0].responses, ()
    answers = list(sheets[0].responses)
    overridden: set[int] = set()
    for sheet in sheets[1:]:
        for i, response in enumerate(sheet.responses):
            if response is None:
                continue
            if answers[i] is not None and not same_answer(exercises[i], answers[i], response):
                overridden.add(i)
            answers[i] = response
    return tuple(answers), tuple(sorted(overridden))


def counting(sheets: Sequence[Read], i: int) -> int:
    """Which of ``sheets`` (in :func:`handed_in` order) gives the answer to exercise ``i`` that counts in the
    merged row: the last to answer it, as :func:`merged` takes them."""
    return max(n for n, sheet in enumerate(sheets) if sheet.responses[i] is not None)


def undated_clashes(
    student: str, sheets: Sequence[Read], exercises: Sequence[AnyExercise], overridden: Sequence[int]
) -> list[Clash]:
    """The pairs of ``sheets`` (in :func:`handed_in` order) without ``submitted`` that answer an exercise
    differently, among the ``overridden``, each with the sheet whose answer counts."""
    pairs: dict[tuple[int, int], list[str]] = {}
    for i in overridden:
        last = counting(sheets, i)
        counts = sheets[last]
        if counts.submitted is not None:  # a time says which came last
            continue
        for n, sheet in enumerate(sheets[:last]):
            answer = sheet.responses[i]
            if (
                sheet.submitted is None
                and answer is not None
                and not same_answer(exercises[i], answer, counts.responses[i])
            ):
                pairs.setdefault((n, last), []).append(exercises[i].id)
    return [Clash(student, sheets[n].path, sheets[last].path, tuple(ids)) for (n, last), ids in sorted(pairs.items())]


def same_answer(ex: AnyExercise, first: Any, second: Any) -> bool:
    """Whether two answers say the same: as written, or once read as the grader reads them: ids as a hand writes
    them ("(Bone)" is bone), a word or phrase without case, accents or punctuation, a number with its unit."""
    unordered = isinstance(ex, MultipleSelect)  # choices ticked, in any order
    if canonical(first, unordered) == canonical(second, unordered):
        return True
    # Written answers the grader cannot tell apart: "Liver" and "liver"; "40 %" and "40%", and 40 as YAML reads it
    # typed and "40" as the web book downloads it.
    if isinstance(ex, ShortText) and isinstance(first, str) and isinstance(second, str):
        return normalise_text(first) == normalise_text(second)
    if isinstance(ex, Numeric):
        one, two = _number_key(first), _number_key(second)
        if one is not None and two is not None:
            return one == two
    return canonical(read_in_ids(ex, first), unordered) == canonical(read_in_ids(ex, second), unordered)


def _number_key(answer: Any) -> tuple[float, str] | None:
    """A numeric answer as the grader compares it, its number and its unit; None for what it does not read."""
    if isinstance(answer, bool) or not isinstance(answer, int | float | str):
        return None
    if isinstance(answer, str):
        parsed = parse_number(answer)
        if parsed is None:
            return None
        number, unit = parsed
        return number, unit_key(normalise_unit(unit))
    try:
        return float(answer), ""
    except OverflowError:  # an integer too large for a float
        return None


def canonical(response: Any, unordered: bool = False) -> str:
    """A response as text, to compare: ``1`` and ``true`` differ; the order of a mapping's keys does not,
    nor, when ``unordered``, that of a list (choices ticked, shown in another order on another page)."""
    if isinstance(response, dict):
        return "{" + ",".join(sorted(f"{canonical(k)}:{canonical(v)}" for k, v in response.items())) + "}"
    if isinstance(response, list):
        items = [canonical(item) for item in response]
        return "[" + ",".join(sorted(items) if unordered else items) + "]"
    return f"{type(response).__name__}:{response!r}"


def clash_warning(student: str, older: Path, counts: Path, exercises: Sequence[str]) -> str:
    """The line saying that two of a student's sheets without ``submitted`` answer differently, and which counts."""
    from checks.files import first_few
    from checks.printable import escaped

    return escaped(
        f"warning: {older} and {counts}, both sheets of {student} without 'submitted', answer {len(exercises)} "
        f"exercise(s) differently ({first_few(exercises)}); {counts} counts, as the later file name: if they are "
        "two students' sheets, give each its own name or id and grade again"
    )
