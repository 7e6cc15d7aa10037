"""Python and the browser grade alike: checks.grading against checks.js, minified as pages load it, under Node.

Every exercise of every bank (and a few made-up ones that use what the banks do
not yet use: patterns, relative tolerances, units-free numbers) is graded with
many responses in both, and the two must agree exactly on the score, the status,
the misconception tags and the feedback shown. One Node process serves the whole
session; it reads a JSON list of cases per line and answers with a JSON list.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.browser import grading_data
from checks.grading import Result, first_out_of_place, grade
from checks.loading import load_book
from checks.model import (
    AnyExercise,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from checks.normalise import normalise_text, normalise_unit, parse_number, pattern_matches, pattern_problem
from checks.sheets import key_response
from checks.sphinxext.assets import minified

ROOT = Path(__file__).resolve().parent.parent
CHECKS_JS = ROOT / "src" / "checks" / "static" / "checks.js"
NODE = "/usr/bin/node"

RUNNER = r"""
const core = require(process.argv[1]);
const ops = {
  grade: (c) => core.grade(c.data, c.response),
  text: (c) => core.normaliseText(c.text),
  unit: (c) => core.normaliseUnit(c.text),
  number: (c) => core.parseNumber(c.text),
  pattern: (c) => {
    try {
      return core.patternMatches(c.pattern, c.text);
    } catch {
      return "refused";
    }
  },
};
let buffer = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf("\n")) >= 0) {
    const cases = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    process.stdout.write(JSON.stringify(cases.map((c) => ops[c.op](c))) + "\n");
  }
});
"""

Runner = Callable[[list[dict[str, Any]]], list[Any]]


@pytest.fixture(scope="session")
def js(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    served = tmp_path_factory.mktemp("served") / "checks.js"
    served.write_text(minified(CHECKS_JS.read_text(encoding="utf-8"), ".js"), encoding="utf-8")
    proc = subprocess.Popen(
        [NODE, "-e", RUNNER, str(served)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdin is not None and proc.stdout is not None

    def run(cases: list[dict[str, Any]]) -> list[Any]:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps(cases, ensure_ascii=True) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line, f"node stopped (exit {proc.poll()})"
        results: list[Any] = json.loads(line)
        assert len(results) == len(cases)
        return results

    yield run
    proc.stdin.close()
    proc.wait(timeout=10)
    assert proc.returncode == 0


# -- the exercises -------------------------------------------------------------------

BOOK = load_book([ROOT / "exercises"])
COMMON = {"objectives": ["x"], "explanation": "Why.", "source": "ref", "reviewed": "2026-01-01"}


def _made_up() -> list[AnyExercise]:
    def fb(**kw: Any) -> dict[str, Any]:
        return {**COMMON, "feedback_correct": "Yes.", "feedback_incorrect": "No.", **kw}

    return [
        ShortText.model_validate(
            fb(
                id="t-patterns",
                kind="text",
                prompt="?",
                points=2.0,
                accept=["tumour cell"],
                patterns=["tumou?r cells?", "(circulating )?ctcs?", "m[0o]", "a{2,3}b", "x.z", "h-?1"],
                wrong_answers=[
                    {"answer": "Normal cell", "feedback": "Not normal.", "misconception": "normal"},
                    {"answer": "normal-cells", "feedback": "Same.", "misconception": "normal-2"},
                ],
            )
        ),
        ShortText.model_validate(
            fb(id="t-accents", kind="text", prompt="?", points=1.0, accept=["Ménétrier", "naïve café"])
        ),
        Numeric.model_validate(
            fb(id="n-rel", kind="numeric", prompt="?", points=1.0, value=-0.37, relative_tolerance=0.05)
        ),
        Numeric.model_validate(
            fb(id="n-zero", kind="numeric", prompt="?", points=3.0, value=0.0, units=["%", "mm Hg", "cm."])
        ),
        # Units a final s is set aside from, or not: "ms" and "s" stay themselves, and "🙂s" is two code points
        # (three UTF-16 units in the browser).
        Numeric.model_validate(
            fb(
                id="n-plural",
                kind="numeric",
                prompt="?",
                points=1.0,
                value=2.5,
                units=["hours", "s", "ms", "🙂s", "x s"],
            )
        ),
        Numeric.model_validate(
            fb(id="n-exact", kind="numeric", prompt="?", points=1.5, value=1e6, tolerance=0.0, misconception="scale")
        ),
        Numeric.model_validate(
            fb(id="n-third", kind="numeric", prompt="?", points=1.0, value=0.1 + 0.2, tolerance=0.1)
        ),
        # The slack is a share of the numbers compared: a tiny value takes neither 0 nor a neighbour 1e-9 away,
        # and a huge one takes its own rounding.
        Numeric.model_validate(fb(id="n-tiny", kind="numeric", prompt="?", points=1.0, value=1e-12)),
        Numeric.model_validate(
            fb(id="n-tiny-neg", kind="numeric", prompt="?", points=1.0, value=-3e-15, tolerance=1e-15)
        ),
        Numeric.model_validate(fb(id="n-huge", kind="numeric", prompt="?", points=1.0, value=1e300, tolerance=0.0)),
        Ordering.model_validate(
            {
                **COMMON,
                "id": "o-two",
                "kind": "ordering",
                "prompt": "?",
                "points": 1.0,
                "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            }
        ),
        Ordering.model_validate(
            {
                **COMMON,
                "id": "o-five",
                "kind": "ordering",
                "prompt": "?",
                "points": 3.0,
                "feedback_incorrect": "Look again.",
                "items": [{"id": c, "text": c.upper()} for c in "vwxyz"],
            }
        ),
        Matching.model_validate(
            {
                **COMMON,
                "id": "m-ext",
                "kind": "matching",
                "prompt": "?",
                "points": 3.0,
                "extended": True,
                "options": [{"id": "1", "text": "one"}, {"id": "b", "text": "bee"}, {"id": "c", "text": "sea"}],
                "stems": [
                    {"id": "1", "text": "S1", "answer": "1", "feedback": "F1", "misconceptions": {"b": "tag-b"}},
                    {"id": "s", "text": "Ss", "answer": "1", "feedback": "Fs", "misconceptions": {"c": "tag-c"}},
                    {"id": "t", "text": "St", "answer": "c", "feedback": "Ft"},
                ],
            }
        ),
        MultipleSelect.model_validate(
            {
                **COMMON,
                "id": "ms-all",
                "kind": "multiple",
                "prompt": "?",
                "points": 1.0,
                "options": [{"id": i, "text": i, "correct": True, "feedback": i} for i in ("p", "q", "r")],
            }
        ),
    ]


EXERCISES: list[AnyExercise] = [ex for _, ex in BOOK.exercises()] + _made_up()
SHAPES: list[Any] = [
    None,
    3,
    0,
    -1.5,
    "x",
    "",
    " ",
    [],
    {},
    [1],
    [None],
    ["x", 1],
    {"x": 1},
    True,
    False,
    [[]],
    {"a": None},
]


# -- responses ----------------------------------------------------------------------

FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))}


def text_variants(answer: str) -> list[str]:
    accented = "".join(c + "\u0301" if c in "aeiou" else c for c in answer)
    return [
        answer,
        answer.upper(),
        answer.title(),
        f"  {answer}  ",
        answer.replace(" ", "   "),
        answer.replace(" ", "\t"),
        f"{answer}.",
        f"¡{answer}!",
        f"“{answer}”",
        answer.replace(" ", "-"),
        answer.replace(" ", "_"),
        accented,
        unicodedata.normalize("NFC", accented),
        "".join(FULLWIDTH.get(c, c) for c in answer),
        f"\u00a0{answer}\u3000",
        answer.replace("o", "ö").upper(),
        answer + "s",
        answer[:-1],
        answer.replace(" ", ""),
        f"the {answer}",
        answer.replace("i", "İ"),
        answer + "\u200b",
        answer.replace("e", "ﬀ"),
    ]


WRONG_TEXTS = [
    "",
    " ",
    "xyz",
    "12",
    "-",
    "lungs!",
    "ΣΊΣΥΦΟΣ",
    "straße",
    "İstanbul",
    "ǅ",
    "Ⅻ",
    "①",
    "½",
    "a\u0301",
    "\u00ad",
    "🙂",
]


def number_texts(value: float, allowed: float, units: tuple[str, ...]) -> list[Any]:
    edge = [value + allowed, value - allowed]
    tiny = [
        value + allowed + 1e-12,
        value - allowed - 1e-12,
        value + allowed + 1e-8,
        value - allowed - 1e-8,
        value + allowed * 1.0000001,
        value + 1e-10,
        value - 1e-10,
    ]
    numbers: list[Any] = [value, *edge, *tiny, int(value), value * 10, -value, 0, 1e300]
    texts: list[Any] = []
    for x in [value, *edge, *tiny[:4], value * 100]:
        r = repr(x)
        texts += [
            r,
            f" {r} ",
            r.replace(".", ","),
            f"+{r}",
            r.replace("-", "\u2212"),
            f"{x:e}",
            f"{x:.2E}",
            "".join(FULLWIDTH.get(c, c) for c in r),
            f"{r}e0",
            f"{r}e-0",
        ]
    r = repr(value)
    # Each unit in the singular and the plural, and units whose final s must not be set aside.
    plural = [u + "s" for u in units] + [u[:-1] for u in units if u.endswith("s")] + [u + "S." for u in units]
    odd = ("s", "ss", "sss", "Ms", "pps", "mos.", "Hour", "🙂", "🙂s", "🙂ss", "x", "x S", "ſ", "ｓ", "s s")
    for unit in (*units, *plural, "kg", "PP", "Percentage  Points.", "Percentage point", "%%", "pp 2", "e", "e5", *odd):
        texts += [f"{r} {unit}", f"{r}{unit}", f"{r}\u00a0{unit}", f"{r} {unit.upper()}.", f"{r} {unit} ."]
    texts += [
        "",
        " ",
        "abc",
        "12.5.3",
        "12,000",
        "1,5,",
        "1e999",
        "-1e999",
        ".5",
        "5.",
        "+-5",
        "--5",
        "1e1234",
        "0x10",
        "1_000",
        "١٢",
        "1٢",
        "1\u2028pp",
        "1\rpp",
        "1\npp",
        "1\u0085pp",
        "1\x1cpp",
        "1\ufeff",
        "1 ²",
        "1²",
        "1①",
        "1፩",
        "1\u19da",
        "1\u2776",
        "1\U00010a40",
        "1\u0663pp",
        "NaN",
        "inf",
        "Infinity",
        "1/2",
        "½",
        "e5",
        ",5",
        "5,",
        "1e+05 pp",
        "1E-3%",
        "−.5",
        "+.5e1",
    ]
    return numbers + texts


def responses(ex: AnyExercise) -> list[Any]:
    out: list[Any] = [key_response(ex), *SHAPES]
    if isinstance(ex, SingleChoice):
        out += [o.id for o in ex.options] + ["unknown", ex.options[0].id.upper(), [ex.options[0].id]]
    elif isinstance(ex, MultipleSelect):
        ids = [o.id for o in ex.options]
        if len(ids) <= 7:
            out += [list(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]
        else:
            out += [[i] for i in ids] + [ids, ids[::-1]]
        out += [[ids[0], ids[0]], [*ids, "unknown"], ["unknown"], ids[0], list(reversed(key_response(ex)))]
    elif isinstance(ex, TrueFalse):
        out += [True, False, "true", "True", 1, 0, [True]]
    elif isinstance(ex, ShortText):
        for answer in [*ex.accept, *(w.answer for w in ex.wrong_answers)]:
            out += text_variants(answer)
        out += WRONG_TEXTS
    elif isinstance(ex, Numeric):
        out += number_texts(ex.value, ex.allowed_error, ex.units)
    elif isinstance(ex, Ordering):
        ids = [i.id for i in ex.items]
        out += [ids[::-1], ids[:1], ids[:-1], ids[1:], [ids[0], ids[0]], [*ids, "unknown"], ids + ids[:1], [ids[-1]]]
        out += [ids[k:] + ids[:k] for k in range(1, len(ids))]
        out += [[*ids[:i], ids[i + 1], ids[i], *ids[i + 2 :]] for i in range(len(ids) - 1)]
        out += [ids[::2], ids[1::2], ids[::-2], [i.upper() for i in ids]]
    elif isinstance(ex, Matching):
        key = {s.id: s.answer for s in ex.stems}
        options = [o.id for o in ex.options]
        for stem in ex.stems:
            out += [{**key, stem.id: o} for o in options if o != stem.answer]
            out += [{k: v for k, v in key.items() if k != stem.id}, {stem.id: stem.answer}]
        out += [
            {s: options[0] for s in key},
            {**key, "unknown": options[0]},
            {**key, ex.stems[0].id: "unknown"},
            {**key, ex.stems[0].id: 1},
            list(key),
            {"__proto__": options[0]},
            {"constructor": options[0]},
            {**key, "toString": options[0]},
            dict(list(key.items())[::-1]),
        ]
    return out


# -- comparing ----------------------------------------------------------------------


def shown_feedback(ex: AnyExercise, got: dict[str, Any]) -> tuple[str, ...]:
    """The feedback texts the browser shows for the parts it names, as Python words them."""
    parts = got["parts"]
    texts: list[str | None] = []
    if isinstance(ex, SingleChoice | MultipleSelect):
        texts = [o.feedback for p in parts for o in ex.options if o.id == p]
    elif isinstance(ex, TrueFalse):
        texts = [ex.feedback_true if p == "true" else ex.feedback_false for p in parts]
    elif isinstance(ex, ShortText):
        by_part = {"correct": ex.feedback_correct, "incorrect": ex.feedback_incorrect}
        by_part.update({f"wrong-{i}": w.feedback for i, w in enumerate(ex.wrong_answers)})
        texts = [by_part[p] for p in parts]
    elif isinstance(ex, Numeric):
        texts = [ex.feedback_correct if p == "correct" else ex.feedback_incorrect for p in parts]
    elif isinstance(ex, Ordering):
        texts = [ex.feedback_correct if p == "correct" else ex.feedback_incorrect for p in parts]
        if "outOfPlace" in got:
            texts.append("First item out of place: " + next(i.text for i in ex.items if i.id == got["outOfPlace"]))
        elif got.get("unplaced"):
            texts.append(f"{got['unplaced']} item(s) not placed")
    elif isinstance(ex, Matching):
        texts = [s.feedback for s in ex.stems if s.id in parts]
    return tuple(t for t in texts if t)


def compare(ex: AnyExercise, expected: Result, got: dict[str, Any], response: Any) -> None:
    where = f"{ex.id}: response {response!r}"
    assert got["score"] == expected.score, f"{where}: score {got['score']!r} in JS, {expected.score!r} in Python"
    assert got["status"] == expected.status, f"{where}: status {got['status']} in JS, {expected.status} in Python"
    assert got["max"] == expected.max_score, where
    assert sorted(got["tags"]) == sorted(expected.misconceptions), (
        f"{where}: tags {got['tags']} / {expected.misconceptions}"
    )
    assert shown_feedback(ex, got) == expected.feedback, f"{where}: feedback parts {got['parts']}"
    if expected.status == "invalid":
        assert got["message"], f"{where}: an invalid answer needs a message in the browser"
    elif expected.message:  # a refused unit: the reader and `checks grade` are told the same words
        assert got["message"] == expected.message, f"{where}: message {got['message']!r} in JS"


def check_all(js: Runner, ex: AnyExercise, answers: list[Any]) -> set[str]:
    data = grading_data(ex)
    results = js([{"op": "grade", "data": data, "response": r} for r in answers])
    statuses = set()
    for response, got in zip(answers, results, strict=True):
        expected = grade(ex, response)
        compare(ex, expected, got, response)
        statuses.add(expected.status)
    return statuses


@pytest.mark.parametrize("ex", EXERCISES, ids=[ex.id for ex in EXERCISES])
def test_every_exercise_grades_alike(js: Runner, ex: AnyExercise) -> None:
    statuses = check_all(js, ex, responses(ex))
    # The responses reach every status the kind can give.
    assert {"correct", "incorrect", "invalid", "unanswered"} <= statuses
    if isinstance(ex, MultipleSelect | Ordering | Matching) and ex.id != "o-two":
        assert "partial" in statuses


@pytest.mark.parametrize("ex", [e for e in EXERCISES if isinstance(e, Ordering)], ids=lambda e: e.id)
def test_every_single_move_names_the_same_item_to_move(js: Runner, ex: Ordering) -> None:
    """Each item taken out of the right order and put back elsewhere, with and without the last items placed:
    both name the same item out of place, the item moved wherever the others stay in one run."""
    order = [i.id for i in ex.items]
    moves = []
    for i, item in enumerate(order):
        for j in range(len(order)):
            rest = order[:i] + order[i + 1 :]
            moved = [*rest[:j], item, *rest[j:]]
            if moved != order:
                moves += [moved, moved[:-1]]
    check_all(js, ex, moves)
    for moved in moves[::2]:
        i = next(k for k in range(len(order)) if moved[k] != order[k])
        named = first_out_of_place(order, moved)
        # The item moved, or one it swapped places with (two alike moves): either way one move mends it.
        assert named is not None and [x for x in moved if x != named] == [x for x in order if x != named], moved
        assert named in (moved[i], order[i]), moved


def test_the_banks_are_covered() -> None:
    kinds = {ex.kind for ex in EXERCISES}
    assert kinds == {"single", "multiple", "truefalse", "text", "numeric", "ordering", "matching"}
    assert len(EXERCISES) > 20


def test_partial_scores_are_the_documented_fractions(js: Runner) -> None:
    ms = next(ex for ex in EXERCISES if ex.id == "ms-all")
    o5 = next(ex for ex in EXERCISES if ex.id == "o-five")
    m = next(ex for ex in EXERCISES if ex.id == "m-ext")
    cases = [
        (ms, ["p"], 1 / 3),
        (ms, ["p", "q"], 2 / 3),
        (o5, ["v", "w", "y", "x", "z"], 3 * 3 / 4),
        (o5, ["z", "y", "x", "w", "v"], 0.0),
        (m, {"1": "1"}, 1.0),
        (m, {"1": "1", "s": "1", "t": "b"}, 2.0),
    ]
    for ex, response, score in cases:
        (got,) = js([{"op": "grade", "data": grading_data(ex), "response": response}])
        assert got["score"] == score == grade(ex, response).score


def test_a_right_number_in_a_refused_unit_is_told_alike(js: Runner) -> None:
    """ "23.3%" where percentage points are asked: both name the units taken and show the incorrect feedback,
    and neither counts the exercise's misconception, which names the reasoning behind a wrong number; a wrong
    number in that unit carries it in both."""
    numeric = [ex for ex in EXERCISES if isinstance(ex, Numeric) and "%" not in ex.units]
    assert any("pp" in ex.units for ex in numeric) and any(not ex.units for ex in numeric)
    assert any(ex.misconception for ex in numeric) and any(not ex.misconception for ex in numeric)
    for ex in numeric:
        response = f"{ex.value:g}%"
        (got,) = js([{"op": "grade", "data": grading_data(ex), "response": response}])
        expected = grade(ex, response)
        compare(ex, expected, got, response)
        assert expected.message.startswith("The unit “%” is not accepted here: ")
        assert got["parts"] == ["incorrect"] and expected.feedback == (ex.feedback_incorrect,)
        assert got["tags"] == [], f"{ex.id}: tags {got['tags']}"
        wrong = f"{ex.value * 2 + 7:g}%"
        (far,) = js([{"op": "grade", "data": grading_data(ex), "response": wrong}])
        compare(ex, grade(ex, wrong), far, wrong)
        assert far["tags"] == ([ex.misconception] if ex.misconception else []), f"{ex.id}: tags {far['tags']}"
        if "pp" in ex.units:
            assert "answer in percentage points, pp or points." in got["message"]


def test_tiny_and_huge_values_grade_alike(js: Runner) -> None:
    """The slack is a share of the numbers compared in both: a tiny value does not take 0, a value of 0 with no
    tolerance takes 0 alone, 0.3 ± 0.1 takes 0.4, and a huge value takes only what is a billionth of it away."""
    cases = {
        "n-tiny": (["1e-12", "1.0000000001e-12", 1e-12], ["0", "2e-12", "1.1e-12", "-1e-12", "1e-9", 0]),
        "n-tiny-neg": (["-2e-15", "-4e-15"], ["0", "-1.9e-15", "-4.1e-15", "3e-15"]),
        "n-zero": (["0", "-0", 0, -0.0], ["1e-300", "5e-324", 5e-324, "1e-9"]),
        "n-third": (["0.4", "0.2", 0.4], ["0.41", "0.19"]),
        "n-huge": (["1e300", "1.0000000001e300", 1e300], ["1.000001e300", "1e299", "0"]),
    }
    for name, (right, wrong) in cases.items():
        ex = next(ex for ex in EXERCISES if ex.id == name)
        answers = [*right, *wrong]
        got = js([{"op": "grade", "data": grading_data(ex), "response": r} for r in answers])
        assert [g["status"] for g in got] == ["correct"] * len(right) + ["incorrect"] * len(wrong), name
        check_all(js, ex, answers)


MAGNITUDES = st.floats(min_value=1e-300, max_value=1e300)
NEAR_EDGE = st.sampled_from([-2e-9, -1e-9, -1e-12, 0.0, 1e-12, 1e-9, 2e-9, 1e-6])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    value=st.one_of(st.just(0.0), MAGNITUDES, MAGNITUDES.map(lambda x: -x)),
    share=st.one_of(st.just(0.0), st.floats(min_value=0.0, max_value=0.99)),
    zero_tolerance=MAGNITUDES,
    offsets=st.lists(NEAR_EDGE, min_size=1, max_size=8),
)
def test_numbers_near_the_edge_grade_alike(
    js: Runner, value: float, share: float, zero_tolerance: float, offsets: list[float]
) -> None:
    """Answers at, inside and just outside the tolerance's edges, at any scale: both graders take the same."""
    tolerance = share * abs(value) if value else zero_tolerance * share
    ex = Numeric.model_validate(
        {
            **COMMON,
            "id": "n-any",
            "kind": "numeric",
            "prompt": "?",
            "points": 1.0,
            "value": value,
            "tolerance": tolerance,
            "feedback_correct": "Yes.",
            "feedback_incorrect": "No.",
        }
    )
    numbers = [value, 0.0, value * (1 + 1e-9), value * (1 - 1e-9)]
    for offset in offsets:
        numbers += [value + tolerance * (1 + offset), value - tolerance * (1 + offset)]
        numbers += [value + offset * abs(value), value + tolerance + offset * abs(value)]
    check_all(js, ex, [*numbers, *map(repr, numbers)])


# -- normalisation, directly -----------------------------------------------------------

TRICKY = [
    "ΟΔΟΣ ΣΑΣ",
    "Σ",
    "aΣ b",
    "ﬁnal",
    "Ǆemal",
    "İI",
    "ß",
    "ẞ",
    "ﬃ",
    "²³",
    "Å",
    "Å",
    "é",
    "ŉ",
    "ǰ",
    "ΐ",
    "x\u0345",
    "\u1e9e",
    "K",
    "Ω",
    "\u0130\u0307",
    "١٢٣",
    "\u2163",
    "a\u200db",
    "tab\there",
    "line\u2028sep",
]


# A word pasted from a PDF may hold an invisible soft hyphen or zero-width space: it stays one word.
TEXT_AS = [
    ("dor\u00admancy", "dormancy"),
    ("tumour\u200b dor\u200bmancy", "tumour dormancy"),
    ("\ufeffbone", "bone"),
    ("five-year", "five year"),
    ("Grade\u00a03.", "grade 3"),
]


def test_text_is_compared_as_documented_and_alike(js: Runner) -> None:
    texts = [text for text, _ in TEXT_AS]
    assert js([{"op": "text", "text": t} for t in texts]) == [normalise_text(t) for t in texts]
    assert [normalise_text(t) for t in texts] == [compared for _, compared in TEXT_AS]


def test_normalisation_alike(js: Runner) -> None:
    texts = TRICKY + [v for a in ("lung cancer", "Ménétrier") for v in text_variants(a)]
    got = js([{"op": "text", "text": t} for t in texts] + [{"op": "unit", "text": t} for t in texts])
    assert got == [normalise_text(t) for t in texts] + [normalise_unit(t) for t in texts]


ASSIGNED = st.characters(exclude_categories=("Cn", "Cs"))  # Python's Unicode 14 and Node's agree on these
NUMBERISH = st.sampled_from([*list("0123456789+-−.,:eE %pP ¹²０９\xa0\t٣፩/⁄·±½。*×"), "pp", "mm", "ﬀ"])


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(ASSIGNED, max_size=30), min_size=1, max_size=20))
def test_random_text_normalises_alike(js: Runner, texts: list[str]) -> None:
    got = js([{"op": "text", "text": t} for t in texts] + [{"op": "unit", "text": t} for t in texts])
    assert got == [normalise_text(t) for t in texts] + [normalise_unit(t) for t in texts]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(texts=st.lists(st.lists(NUMBERISH, max_size=12).map("".join), min_size=1, max_size=20))
def test_random_numbers_parse_alike(js: Runner, texts: list[str]) -> None:
    got = js([{"op": "number", "text": t} for t in texts])
    for text, value in zip(texts, got, strict=True):
        expected = parse_number(text)
        assert (None if value is None else tuple(value)) == expected, repr(text)


# How a number is read, in Python and in the browser alike: a full stop after the number alone ends a sentence, as
# after a unit; a comma before three digits is 1.5 to some readers and 1500 to others, so it makes no number; a
# space, a fraction or a margin after the number is no unit.
READ_AS = [
    ("40.", (40.0, "")),
    ("40 people.", (40.0, "people")),
    ("40\u3002", (40.0, "")),
    ("40 people\u3002", (40.0, "people")),
    ("40..", None),
    ("1,500", None),
    ("1,500 people", None),
    ("-1,500", None),
    ("999,999", None),
    ("12,000,000", None),
    ("0,500", (0.5, "")),
    ("1,5", (1.5, "")),
    ("12,5 pp", (12.5, "pp")),
    ("1,5000", (1.5, "")),
    ("1000,000", (1000.0, "")),
    ("1.500", (1.5, "")),
    ("1 500", (1.0, "500")),  # a number's rest, which grading tells apart from a unit (below)
]


def test_numbers_are_read_as_documented_and_alike(js: Runner) -> None:
    texts = [text for text, _ in READ_AS]
    got = [None if value is None else tuple(value) for value in js([{"op": "number", "text": t} for t in texts])]
    assert got == [parse_number(t) for t in texts] == [read for _, read in READ_AS]


def _numeric(units: list[str]) -> Numeric:
    return Numeric.model_validate(
        {**COMMON, "id": "n-units", "kind": "numeric", "prompt": "?", "points": 1.0, "value": 1.5, "units": units}
        | {"feedback_correct": "Yes.", "feedback_incorrect": "No."}
    )


# A number followed by more digits after a space, a fraction, a sign or a margin is the rest of a number written in a
# way that is not read: the reader is asked for a number (invalid), not told that "500" is a unit refused.
GRADED_AS = [
    ("1 500", "invalid"),
    ("1\u00a0500 people", "invalid"),
    ("½", "invalid"),
    ("1/2", "invalid"),
    ("1 1/2", "invalid"),
    ("23·3", "invalid"),
    ("23.3 ± 0.5", "invalid"),
    ("23 +/- 1", "invalid"),
    ("23 +-1", "invalid"),
    ("90-66.7", "invalid"),
    ("5 - 10", "invalid"),
    ("5–10 years", "invalid"),
    ("5—10 years", "invalid"),  # an em dash, as some keyboards make of "--"
    ("5 \u2010 10", "invalid"),  # a hyphen, and a non-breaking one, which NFKC makes a hyphen
    ("5\u201110", "invalid"),
    ("5 ~ 10", "invalid"),
    ("5〜10", "invalid"),  # a wave dash, as a Japanese keyboard writes a range
    ("2*3", "invalid"),
    ("2 × 3", "invalid"),
    ("40 ⋅ 3", "invalid"),
    ("5 /day", "incorrect"),  # a unit refused
    ("12 + more", "incorrect"),
    ("1.5 people", "correct"),
    ("1.5 peop le", "correct"),  # spaces set aside
]

# Where a unit the exercise takes begins as a number's rest would, a reader's such unit is a unit refused, told with
# the units taken; a unit taken is taken however it begins, and however it is spaced.
GRADED_WITH_JOINED_UNITS = [
    ("1.5 × 10^9/L", "correct"),
    ("1.5×10^9/L", "correct"),
    ("1.5 x 10^9/L", "incorrect"),  # a letter x: a unit refused
    ("1.5·10^9/l", "correct"),
    ("1.5 /100 000 people", "correct"),
    ("1.5 /100000 people", "correct"),
    ("1.5 - 2 cycles", "correct"),
    ("1.5 × 10^6/L", "incorrect"),
    ("2 × 3", "incorrect"),
    ("1 500", "incorrect"),
]


def test_a_numbers_rest_is_told_apart_from_a_unit_alike(js: Runner) -> None:
    ex = _numeric(["people", "years"])
    answers = [answer for answer, _ in GRADED_AS]
    check_all(js, ex, answers)
    assert [grade(ex, a).status for a in answers] == [status for _, status in GRADED_AS]
    assert grade(_numeric([]), "1 500").status == "invalid" and grade(_numeric([]), "1.5 mg").status == "incorrect"
    joined = _numeric(["× 10^9/L", "·10^9/L", "/100 000 people", "- 2 cycles"])
    answers = [answer for answer, _ in GRADED_WITH_JOINED_UNITS]
    check_all(js, joined, answers)
    assert [grade(joined, a).status for a in answers] == [status for _, status in GRADED_WITH_JOINED_UNITS]
    assert "answer in × 10^9/l" in (grade(joined, "1.5 × 10^6/L").message or "").lower()


UNITISH = st.sampled_from([*"sSpPmMoOſｓ .%。", "🙂", "\xa0", "ß", "points", "mo"])
NUMERIC_EXERCISES = [ex for ex in EXERCISES if isinstance(ex, Numeric) and ex.units]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    ex=st.sampled_from(NUMERIC_EXERCISES),
    units=st.lists(st.lists(UNITISH, max_size=6).map("".join), min_size=1, max_size=20),
)
def test_random_units_grade_alike(js: Runner, ex: Numeric, units: list[str]) -> None:
    """A unit is taken or refused alike, with a final s set aside or not, however it is written."""
    taken = [*ex.units, *(u[:-1] for u in ex.units), *(u + "s" for u in ex.units)]
    answers = [f"{ex.value:g} {u}" for u in units] + [
        f"{ex.value:g}{u}{t}" for u, t in zip(units, itertools.cycle(taken))
    ]
    check_all(js, ex, answers)


TEXT_EXERCISES = [ex for ex in EXERCISES if isinstance(ex, ShortText)]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    ex=st.sampled_from(TEXT_EXERCISES),
    noise=st.lists(st.text(ASSIGNED, max_size=6), min_size=1, max_size=12),
)
def test_random_text_answers_grade_alike(js: Runner, ex: ShortText, noise: list[str]) -> None:
    answers = [*ex.accept, *(w.answer for w in ex.wrong_answers)]
    candidates = [n for n in noise]
    candidates += [f"{n}{a}{n}" for n, a in zip(noise, itertools.cycle(answers))]
    candidates += [a.replace(" ", n) for n, a in zip(noise, itertools.cycle(answers))]
    check_all(js, ex, candidates)


# The characters a pattern may hold (lower-case letters and digits stand for all), and text to match them against.
PATTERN_CHARACTERS = "ab1 |()?*+[]{},.-"


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    patterns=st.lists(st.text(PATTERN_CHARACTERS, min_size=1, max_size=9), min_size=1, max_size=8),
    texts=st.lists(st.text("ab1 ]{},.-", max_size=5), min_size=1, max_size=6),
)
def test_every_pattern_a_bank_may_hold_matches_alike(js: Runner, patterns: list[str], texts: list[str]) -> None:
    """A pattern checks validate accepts matches the same answers in the browser as in Python: Python reads a
    possessive '++', a flag '(?i)', '{,3}' and a set that begins with ']' otherwise, and they are refused."""
    usable = [p for p in patterns if pattern_problem(p) is None]
    cases = [{"op": "pattern", "pattern": p, "text": t} for p in usable for t in ["", *texts]]
    if cases:
        assert js(cases) == [pattern_matches(c["pattern"], c["text"]) for c in cases], usable
