"""Fuzzing: hostile files for the reader and the bank loader, hostile sheets for `checks grade`, odd responses.

The contracts under test:

- a bank file either loads as a :class:`~checks.model.Bank` or raises :class:`BankError` whose every
  problem is one line that names the file; the reader returns plain data or raises a one-line
  :class:`InputError`; nothing else ever escapes;
- ``checks grade`` on any file exits 0 or 2 and writes one ``error: <path>…`` line per unreadable
  sheet, never a traceback, and what it prints can be encoded as UTF-8;
- a grader never raises, never changes the exercise or the response, and its score agrees with its
  status and with the scoring rules in :mod:`checks.grading`.

Inputs: random bytes; YAML and JSON built from strategies (field names of the real models, anchors,
aliases, tags, tabs, control characters, duplicate keys, deep nesting, wrong types); the real banks
in exercises/ mutated line by line and value by value. tests/test_properties.py covers arbitrary
JSON values and id-shaped responses; here responses come from each exercise's own values.

Two hypothesis profiles: "ci" (chosen when $CI is set, as CI does; about a minute on two
cores) and "dev" (the default, about ten seconds). A failure prints the falsifying example and the
seed to reproduce it.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import variants
from checks.cli import main
from checks.grading import Result, grade
from checks.handwritten import is_empty, read_answer, unquoted
from checks.loading import MAX_BANK_BYTES, BankError, Book, load_bank
from checks.model import (
    AnyExercise,
    Bank,
    Item,
    Matching,
    MultipleSelect,
    Numeric,
    Objective,
    Option,
    Ordering,
    ShortText,
    SingleChoice,
    Stem,
    TrueFalse,
    WrongAnswer,
)
from checks.reading import InputError, read_document
from checks.sheets import SHEET_FIELDS, BookGrader, Sheet, key_response

from conftest import DATA, REPO

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "ci", max_examples=700, deadline=None, derandomize=False, print_blob=True, suppress_health_check=_SLOW_OK
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, derandomize=False, print_blob=True, suppress_health_check=_SLOW_OK
)
PROFILE = settings.get_profile("ci" if os.environ.get("CI") else "dev")


def fuzz(weight: float = 1.0) -> settings:
    """The profile, with this test's share of its examples (expensive tests run fewer)."""
    return settings(PROFILE, max_examples=max(10, int(PROFILE.max_examples * weight)))


SAMPLE = DATA / "bank.yaml"
BANK_FILES = [*sorted((REPO / "exercises").glob("*.yaml")), SAMPLE]
BANK_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in BANK_FILES}
BANK_DATA = {p.name: yaml.safe_load(text) for p, text in zip(BANK_FILES, BANK_TEXTS.values(), strict=True)}
SAMPLE_EXERCISES = list(load_bank(SAMPLE).exercises)
EXERCISES = [e for p in BANK_FILES for e in load_bank(p).exercises]
MODELS = (Bank, Objective, Option, Item, Stem, WrongAnswer, SingleChoice, MultipleSelect, TrueFalse)
MODELS += (ShortText, Numeric, Ordering, Matching)
FIELDS = sorted({name for m in MODELS for name in m.model_fields} | set(SHEET_FIELDS))
PLAIN_TYPES = (dict, list, str, int, float, bool, type(None), bytes, dt.date)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    return path


def one_line(text: str) -> bool:
    return text.splitlines() == [text]


# -- strategies: text pieces -------------------------------------------------------------------

ODD_CHARS = ["\x00", "\x07", "\t", "\n", "\r", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ud800", "\udfff"]
odd_text = st.lists(st.characters() | st.sampled_from(ODD_CHARS), max_size=20).map("".join)
HUGE_DIGITS = "9" * 4400  # beyond Python's int() limit of 4300 digits
PLAIN_SCALARS = [
    *("a", "o1", "e1", "t-single", "yes", "No", "on", "~", "null", "true", "1", "-2", "0x1F", "0o17", "1_000"),
    *("3.5", ".inf", "-.INF", ".nan", "1e400", "2026-01-01", "2026-13-45", "2026-02-30", "2001-12-14t21:59:43"),
    *("single", "multiple", "truefalse", "text", "numeric", "ordering", "matching", "<<", "=", "-", "?", ":"),
    *("@x", "`x", "%x", "'", '"', "#", "|", ">", "&", "*", "!", "[", "]", "{", "}", ",", HUGE_DIGITS),
]
TAGS = [
    *("!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!map", "!!seq", "!!set"),
    *("!!omap", "!!pairs", "!!merge", "!!value", "!!yaml", "!!python/name:os.system", "!!python/tuple", "!custom"),
    *("!", "!<tag:yaml.org,2002:str>", "!<!>", "!e!x"),
]
scalar_text = st.one_of(
    st.sampled_from(PLAIN_SCALARS),
    st.sampled_from(FIELDS),
    odd_text,
    odd_text.map(lambda t: json.dumps(t)),
    odd_text.map(lambda t: "'" + t.replace("'", "''") + "'"),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
)
# A node's properties; an anchor may come first, with the tag on the line below (a "\n" that the rendering indents
# as the node's content), where the tag is the node's all the same.
props = st.builds(
    lambda tag, anchor, below: f"{anchor}\n{tag}" if below and tag and anchor else f"{tag} {anchor}".strip(),
    st.just("") | st.sampled_from(TAGS),
    st.sampled_from(["", "", "&a", "&b"]),
    st.booleans(),
)
key_text = st.sampled_from(FIELDS) | st.sampled_from(PLAIN_SCALARS) | scalar_text | st.sampled_from(["[a]", "{a: b}"])


# -- strategies: YAML as a tree, rendered in block and flow style ----------------------------------
# ("s", props, text) scalar; ("*", name) alias; ("b", props, text) literal block;
# ("m", props, flow, [(key, node)]) mapping; ("q", props, flow, [node]) sequence.

yaml_leaf = st.one_of(
    st.builds(lambda p, t: ("s", p, t), props, scalar_text),
    st.sampled_from([("*", "a"), ("*", "b"), ("*", "zz")]),
    st.builds(lambda p, t: ("b", p, t), props, odd_text),
)


def _collections(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.builds(lambda p, f, items: ("m", p, f, items), props, st.booleans(), st.lists(st.tuples(key_text, inner))),
        st.builds(lambda p, f, items: ("q", p, f, items), props, st.booleans(), st.lists(inner, max_size=6)),
    )


yaml_tree = st.recursive(yaml_leaf, _collections, max_leaves=40)


def _props(props: str, indent: int) -> str:
    """Properties written at a depth of ``indent``: a tag below its anchor goes further in, as the content would."""
    return props.replace("\n", "\n" + " " * (indent + 2))


def _inline(node: Any, indent: int = 0) -> str:
    if node[0] == "s":
        return f"{_props(node[1], indent)} {node[2]}".strip()
    if node[0] == "*":
        return f"*{node[1]}"
    if node[0] == "b":
        return f"{_props(node[1], indent)} {json.dumps(node[2])}".strip()
    head = f"{_props(node[1], indent)} " if node[1] else ""
    if node[0] == "m":
        return head + "{" + ", ".join(f"{k}: {_inline(v, indent)}" for k, v in node[3]) + "}"
    return head + "[" + ", ".join(_inline(v, indent) for v in node[3]) + "]"


def _is_block(node: Any) -> bool:
    return node[0] in "mq" and not node[2] and bool(node[3])


def _entry(head: str, value: Any, indent: int) -> list[str]:
    if _is_block(value):
        return [f"{head} {_props(value[1], indent)}".rstrip(), *_block(value, indent + 2)]
    if value[0] == "b":
        body = value[2].split("\n")
        first = _props(f"{head} {value[1]} |".replace("  ", " "), indent)
        return [first, *(" " * (indent + 2) + line for line in body)]
    return [f"{head} {_inline(value, indent)}"]


def _block(node: Any, indent: int) -> list[str]:
    pad = " " * indent
    if node[0] == "m":
        return [line for key, value in node[3] for line in _entry(f"{pad}{key}:", value, indent)]
    return [line for value in node[3] for line in _entry(f"{pad}-", value, indent)]


def render_yaml(root: Any) -> str:
    if not _is_block(root):
        return _inline(root) + "\n"
    return "\n".join(([f"--- {_props(root[1], 0)}"] if root[1] else []) + _block(root, 0)) + "\n"


# -- strategies: JSON text (duplicate keys, NaN, huge numbers, bad escapes) -------------------------

json_leaf = st.one_of(
    st.sampled_from(["null", "true", "false", "0", "-0", "1e400", "NaN", "Infinity", "-Infinity", HUGE_DIGITS]),
    st.sampled_from(['"\\ud800"', '"\\u0000"', '"a\\nb"', '"\\x41"', "'a'", "01", ".5", "tru"]),
    odd_text.map(json.dumps),
    st.sampled_from(FIELDS).map(json.dumps),
    st.integers().map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(json.dumps),
)
json_key = (st.sampled_from(FIELDS) | odd_text).map(json.dumps)
json_text = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=6).map(lambda xs: "[" + ", ".join(xs) + "]")
        | st.lists(st.tuples(json_key, inner), max_size=6).map(lambda kv: "{" + ", ".join(map(": ".join, kv)) + "}")
    ),
    max_leaves=40,
)

deep_text = st.builds(
    lambda n, shape: {
        "flow-seq": "[" * n + "]" * n,
        "flow-map": "{a: " * n + "1" + "}" * n,
        "json-map": '{"a": ' * n + "1" + "}" * n,
        "block-seq": "\n".join(" " * (2 * k) + "-" for k in range(min(n, 300))) + " x\n",
        "block-map": "\n".join(" " * k + "a:" for k in range(min(n, 300))) + " 1\n",
    }[shape],
    st.integers(min_value=40, max_value=4000),
    st.sampled_from(["flow-seq", "flow-map", "json-map", "block-seq", "block-map"]),
)


# -- strategies: mutations of a text, line by line ------------------------------------------------

RETYPED = ["[x]", "{a: 1}", "1", "-2.5", "true", "no", "~", "''", '"1"', "2026-13-45", "&a x", "*a", "|", ">-", "["]
RETYPED += ["!!python/name:os.system", "!!timestamp x", "!!bool maybe", "!!int ''", "!!float ''", "!!binary x", "{"]
RETYPED += [HUGE_DIGITS, "\t", "a: b: c", "- x", "!!set {a}", "? x", "@", "\x07", "\ud800"]
MUTATIONS = ["delete-line", "duplicate-line", "swap-lines", "retype", "truncate", "insert", "indent", "tab", "crlf"]
mutation = st.tuples(
    st.sampled_from(MUTATIONS),
    st.integers(min_value=0, max_value=2**20),
    st.integers(min_value=0, max_value=2**20),
    st.sampled_from(RETYPED) | odd_text,
)


def mutate(text: str, ops: list[tuple[str, int, int, str]]) -> str:
    for name, a, b, piece in ops:
        lines = text.split("\n")
        i, j = a % len(lines), b % len(lines)
        if name == "truncate":
            text = text[: a % (len(text) + 1)]
            continue
        if name == "insert":
            pos = a % (len(text) + 1)
            text = text[:pos] + piece + text[pos:]
            continue
        if name == "crlf":
            text = text.replace("\n", "\r\n")
            continue
        if name == "delete-line":
            del lines[i]
        elif name == "duplicate-line":
            lines.insert(j, lines[i])
        elif name == "swap-lines":
            lines[i], lines[j] = lines[j], lines[i]
        elif name == "retype":
            head, sep, _ = lines[i].partition(": ")
            lines[i] = f"{head}: {piece}" if sep else f"{lines[i]}{piece}"
        elif name == "indent":
            lines[i] = " " * (b % 7) + lines[i].lstrip(" ")
        elif name == "tab":
            lines[i] = "\t" + lines[i]
        text = "\n".join(lines)
    return text


# -- strategies: mutations of a bank's data, value by value ---------------------------------------


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        yield from _paths(value, (*prefix, key))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | odd_text | st.sampled_from(FIELDS + PLAIN_SCALARS),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | odd_text, inner, max_size=4),
    max_leaves=12,
)
LINE_BREAKS = ["a\nb", "a\r", "\u2028", "a\x85b", "\x0c"]
odd_keys = st.sampled_from(FIELDS + LINE_BREAKS) | odd_text | st.integers() | st.none() | st.booleans()
data_edit = st.tuples(st.sampled_from(["replace", "delete", "add", "rename", "copy"]), st.integers(0, 2**20))


def edit_bank(data: Any, path: tuple[Any, ...], op: str, value: Any, key: Any) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "replace":
        parent[last] = value
    elif op == "delete":
        del parent[last]
    elif op == "copy" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif isinstance(parent, dict):
        if op == "rename":
            parent[key] = parent.pop(last)
        else:
            parent[key] = value
    else:
        parent.insert(last, value)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


DROP = object()


def like(template: Any) -> st.SearchStrategy[Any]:
    """Data shaped like ``template``: each value kept, changed, dropped, or joined by a stray key."""
    if isinstance(template, dict):
        fields = {k: _keep_mostly(v) for k, v in template.items()}
        stray = st.dictionaries(odd_keys, json_values, max_size=2)
        return st.builds(
            lambda kept, extra: {**{k: v for k, v in kept.items() if v is not DROP}, **extra},
            st.fixed_dictionaries(fields),
            st.just({}) | st.just({}) | stray,
        )
    if isinstance(template, list):
        return st.tuples(*map(_keep_mostly, template)).map(lambda items: [i for i in items if i is not DROP])
    return st.just(template)


def _keep_mostly(value: Any) -> st.SearchStrategy[Any]:
    return st.one_of(*[like(value)] * 6, json_values, st.just(DROP))


SAMPLE_DATA = yaml.safe_load((SAMPLE).read_text(encoding="utf-8"))
bank_like = st.sampled_from(SAMPLE_DATA["exercises"]).flatmap(
    lambda exercise: like({**SAMPLE_DATA, "exercises": [exercise]})
)


# -- (a) the reader and the bank loader --------------------------------------------------------------


def check_bank(path: Path) -> Bank | None:
    """Load a bank: a Bank, or a BankError whose every problem is one line naming the file."""
    try:
        bank = load_bank(path)
    except BankError as err:
        assert err.problems
        for problem in err.problems:
            line = str(problem)
            assert line.startswith(f"{path}:"), line
            assert one_line(line), line
            assert problem.path == path
        return None
    assert isinstance(bank, Bank)
    return bank


def check_read(path: Path) -> None:
    """Read a file: plain data only (nothing built from a tag), or a one-line InputError naming it."""
    try:
        doc = read_document(path, max_bytes=MAX_BANK_BYTES)
    except InputError as err:
        assert str(err).startswith(str(path)) and one_line(str(err)), str(err)
        return
    if path.suffix != ".json":  # every tag is refused, wherever it is written: none was read past
        tokens = yaml.scan(path.read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)
        assert not any(isinstance(token, yaml.TagToken) for token in tokens)
    stack = [doc.data]
    while stack:
        value = stack.pop()
        assert isinstance(value, PLAIN_TYPES), type(value)
        if isinstance(value, dict):
            stack.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            stack.extend(value)


SUFFIX = st.sampled_from([".yaml", ".yml", ".json"])


BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]


@fuzz(0.6)
@given(content=st.binary(max_size=600) | st.builds(bytes.__add__, st.sampled_from(BOMS), st.binary()), suffix=SUFFIX)
def test_random_bytes(scratch: Path, content: bytes, suffix: str) -> None:
    path = write(scratch, f"bytes{suffix}", content)
    check_read(path)
    assert check_bank(path) is None  # a bank is never this small


@fuzz(1.5)
@given(content=yaml_tree.map(render_yaml) | json_text | deep_text, ops=st.lists(mutation, max_size=2), suffix=SUFFIX)
def test_generated_yaml_and_json(scratch: Path, content: str, ops: list[Any], suffix: str) -> None:
    path = write(scratch, f"tree{suffix}", mutate(content, ops))
    check_read(path)
    check_bank(path)


@fuzz(1.5)
@given(name=st.sampled_from(sorted(BANK_TEXTS)), ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_real_banks(scratch: Path, name: str, ops: list[tuple[str, int, int, str]]) -> None:
    path = write(scratch, name, mutate(BANK_TEXTS[name], ops))
    check_bank(path)
    code, out, err = run_cli(["validate", "--max-age", "100000", str(path)])
    assert code in (0, 2)
    # A mutation may leave a valid bank that earns a warning (a text moved to point into the book): one line too.
    assert all(line.startswith((f"error: {path}:", f"warning: {path}:")) for line in err.splitlines()), err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert (code == 0) == (errors == []) == out.startswith("ok: 1 bank(s)")


def test_an_objective_id_with_a_line_break_keeps_every_message_on_one_line(scratch: Path) -> None:
    """Found by test_mutated_real_banks: the list of the bank's objectives, given when an exercise names
    another, printed such an id whole, line break and all."""
    text = BANK_TEXTS["05-treatment.yaml"].replace("  - id: goals\n", '  - id: "goals\\nmore"\n', 1)
    assert text != BANK_TEXTS["05-treatment.yaml"]
    with pytest.raises(BankError) as raised:
        load_bank(write(scratch, "05-treatment.yaml", text))
    assert any("is not among the bank's objectives (local-systemic, drugs" in str(p) for p in raised.value.problems)
    assert all(one_line(str(p)) for p in raised.value.problems)


@fuzz(1.5)
@given(
    name=st.sampled_from(sorted(BANK_DATA)),
    edits=st.lists(st.tuples(data_edit, json_values, odd_keys), min_size=1, max_size=3),
    as_json=st.booleans(),
)
def test_edited_real_bank_data(scratch: Path, name: str, edits: list[Any], as_json: bool) -> None:
    data = copy.deepcopy(BANK_DATA[name])
    for (op, where), value, key in edits:
        paths = [p for p in _paths(data) if p]
        if paths:
            edit_bank(data, paths[where % len(paths)], op, value, key)
    if as_json:
        text = json.dumps(data, default=str, ensure_ascii=False)
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)
    check_bank(write(scratch, f"edited.{'json' if as_json else 'yaml'}", text))


@fuzz(1.5)
@given(data=bank_like, as_json=st.booleans())
def test_banks_built_from_the_model(scratch: Path, data: Any, as_json: bool) -> None:
    """One exercise of each kind, every field kept, retyped, dropped, or joined by stray keys."""
    text = json.dumps(data, default=str) if as_json else yaml.dump(data, Dumper=_NoAliases, allow_unicode=True)
    check_bank(write(scratch, f"built.{'json' if as_json else 'yaml'}", text))


# -- (b) answer sheets through `checks grade` ------------------------------------------------------


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """main() in this process, with stdout and stderr as strict UTF-8 streams, like a terminal's."""
    out, err = io.TextIOWrapper(io.BytesIO(), "utf-8"), io.TextIOWrapper(io.BytesIO(), "utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8"))  # type: ignore[attr-defined]
    return code, texts[0], texts[1]


clean_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def own_values(ex: AnyExercise, anything: st.SearchStrategy[Any] = json_values) -> st.SearchStrategy[Any]:
    """Responses made of an exercise's own ids and values, right, wrong and mis-shaped."""
    ids = [o.id for o in getattr(ex, "options", ())] + [i.id for i in getattr(ex, "items", ())]
    stems = [s.id for s in getattr(ex, "stems", ())]
    texts = [*getattr(ex, "accept", ()), *(w.answer for w in getattr(ex, "wrong_answers", ()))]
    values = [*ids, *stems, *texts, *getattr(ex, "units", ()), ex.id, "A", "b", " C ", ""]
    options = st.sampled_from(values)
    numbers: st.SearchStrategy[Any] = st.nothing()
    if isinstance(ex, Numeric):
        err = ex.allowed_error or abs(ex.value) * 0.1 or 1.0
        numbers = st.floats(ex.value - 3 * err, ex.value + 3 * err)
        numbers = numbers | st.builds("{} {}".format, numbers, st.sampled_from([*ex.units, "kg", ""]))
    return st.one_of(
        options,
        st.lists(options, max_size=8),
        st.permutations(ids) if ids else st.nothing(),
        st.dictionaries(st.sampled_from(stems or values), options, max_size=6),
        st.booleans(),
        numbers,
        st.builds(lambda: copy.deepcopy(key_response(ex))),
        anything,
    )


def sheet_answers(
    exercises: list[AnyExercise], anything: st.SearchStrategy[Any] = json_values
) -> st.SearchStrategy[dict[str, Any]]:
    return st.lists(st.sampled_from(exercises), unique_by=lambda e: e.id).flatmap(
        lambda chosen: st.fixed_dictionaries({e.id: own_values(e, anything) for e in chosen})
    )


sheet_fields = {
    "student": odd_text | st.sampled_from(["s1", " Ann ", "x" * 201, "\ud800", "a\udfff"]) | json_values,
    "answers": sheet_answers(SAMPLE_EXERCISES) | json_values,
    "variant": st.fixed_dictionaries({"student": odd_text, "seed": odd_text | st.integers()}) | json_values,
    "book": json_values,
    "submitted": json_values | st.dates(),
}
sheet_data = st.fixed_dictionaries({}, optional=sheet_fields) | st.builds(
    lambda sheet, key, value: {**sheet, key: value},  # most often a field no sheet has
    st.fixed_dictionaries({}, optional=sheet_fields),
    odd_keys,
    json_values,
)


def _sheet_text(data: dict[str, Any], style: int) -> str:
    """Styles: 0 JSON, 1 JSON not ASCII-escaped, 2 YAML block, 3 YAML flow."""
    if style == 0:
        return json.dumps(data, default=str)
    if style == 1:
        return json.dumps(data, default=str, ensure_ascii=False, indent=1)
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=style == 2, default_flow_style=style == 3)


sheet_content = st.one_of(
    st.builds(_sheet_text, sheet_data, st.integers(0, 3)),
    st.builds(mutate, st.builds(_sheet_text, sheet_data, st.integers(0, 3)), st.lists(mutation, max_size=2)),
    yaml_tree.map(render_yaml),
    json_text,
    st.binary(max_size=300),
)


@fuzz(1.5)
@given(content=sheet_content, suffix=SUFFIX, as_json=st.booleans())
def test_any_sheet_grades_or_fails_a_line_a_problem(
    scratch: Path, content: str | bytes, suffix: str, as_json: bool
) -> None:
    path = write(scratch, f"sheet{suffix}", content)
    code, out, err = run_cli(["--banks", str(SAMPLE), "grade", *(["--json"] * as_json), str(path)])
    assert code in (0, 2)
    if code == 2:
        # Every problem found, each on a line of its own naming the file: none forges a line of its own.
        lines = err.splitlines()
        assert err.endswith("\n") and lines and all(line.startswith(f"error: {path}") for line in lines), err
        if as_json:  # listed with the errors stderr gave, the first as the error
            [failure] = json.loads(out)
            assert failure["file"] == str(path) and failure["error"] in lines[0]
            assert failure["problems"][0] == {"error": failure["error"], "line": failure["line"]}
            assert len(failure["problems"]) == len(lines)
            assert all(problem["error"] in line for problem, line in zip(failure["problems"], lines, strict=True))
        else:
            assert out == ""
        return
    # A sheet graded may be warned of (answers in ids that the book prints as other options' letters), one line each.
    assert all(line.startswith(f"warning: {path}: ") for line in err.splitlines()), err
    if as_json:
        [report] = json.loads(out)
        assert 0 <= report["score"] <= report["max_score"] == sum(e.points for e in SAMPLE_EXERCISES)
    else:
        assert out.startswith(f"{path}: ")
        assert len(out.splitlines()) == 1 + len(SAMPLE_EXERCISES)


@fuzz(0.8)
@given(
    # Names as people write them: no control characters or line breaks, which YAML folds (a NEL reads as a space).
    student=st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40).filter(
        lambda name: unquoted(name).strip()  # “ ” is no name
    ),
    answers=sheet_answers(SAMPLE_EXERCISES, clean_values),
    style=st.integers(0, 3),
    suffix=SUFFIX,
)
def test_well_formed_sheets_grade_as_the_graders_do(
    scratch: Path, student: str, answers: dict[str, Any], style: int, suffix: str
) -> None:
    """A sheet that is right in form is graded, never refused, and each result is the grader's."""
    # JSON is YAML only nearly (raw control characters, escaped surrogate pairs): each in its own file type.
    style = style % 2 if suffix == ".json" else 2 + style % 2
    text = _sheet_text({"student": student, "answers": answers}, style)
    path = write(scratch, f"good{suffix}", text)
    code, out, err = run_cli(["--banks", str(SAMPLE), "grade", "--json", str(path)])
    # Read in ids, a sheet whose letters the book prints beside other options is warned of, on one line.
    warned = f"warning: {path}: the sheet's 'letters:' line is missing or empty, so it is read in option ids; "
    assert code == 0 and (err == "" or (err.startswith(warned) and err.count("\n") == 1))
    [report] = json.loads(out)
    assert bool(err) == bool(report["letters_as_ids"])
    assert report["student"] == " ".join(unicodedata.normalize("NFC", unquoted(student)).split())  # one spelling
    back = (json.loads if suffix == ".json" else yaml.safe_load)(text)["answers"]  # e.g. YAML reads 1e+16 as text
    expected = [_graded_on_a_sheet(e, back.get(e.id)) for e in SAMPLE_EXERCISES]
    assert [(r["id"], r["status"], r["score"]) for r in report["results"]] == [
        (r.exercise_id, r.status, r.score) for r in expected
    ]


def _graded_on_a_sheet(ex: AnyExercise, response: Any) -> Result:
    """How a sheet in ids is graded: by the grader, an empty answer as none, and one out of shape
    as a hand meant it ("A" for a), by the rules of checks.handwritten."""
    result = grade(ex, None if is_empty(response) else response)
    if result.status == "invalid":
        result = grade(ex, read_answer(ex, response, variants.own_ids(ex)))
    return result


# -- (c) every grader, with responses from the exercise's own values --------------------------------


def _tags(ex: AnyExercise) -> set[str]:
    data = ex.model_dump()
    tags = {data.get("misconception")} | {o.get("misconception") for o in data.get("options", [])}
    tags |= {w["misconception"] for w in data.get("wrong_answers", [])}
    tags |= {t for s in data.get("stems", []) for t in s["misconceptions"].values()}
    return {t for t in tags if t}


def _lis(positions: list[int]) -> int:
    best = [1] * len(positions)
    for i in range(len(positions)):
        for j in range(i):
            if positions[j] < positions[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def expected_score(ex: AnyExercise, response: Any) -> float | None:
    """The score the rules in checks.grading give a well-shaped response, or None when it is not one."""
    ids = isinstance(response, list) and all(isinstance(r, str) for r in response)
    ids = ids and len(set(response)) == len(response)
    if isinstance(ex, SingleChoice) and isinstance(response, str) and ex.option(response):
        return ex.points if response in ex.correct_ids else 0.0
    if isinstance(ex, MultipleSelect) and ids and all(ex.option(r) for r in response):
        picked, key = set(response), ex.correct_ids
        return ex.points if picked == key else ex.points * max(0, len(picked & key) - len(picked - key)) / len(key)
    if isinstance(ex, TrueFalse) and isinstance(response, bool):
        return ex.points if response == ex.answer else 0.0
    order = [i.id for i in getattr(ex, "items", ())]
    if isinstance(ex, Ordering) and ids and all(r in order for r in response):
        run = _lis([order.index(r) for r in response])
        return ex.points if response == order else ex.points * max(0, run - 1) / (len(order) - 1)
    if isinstance(ex, Matching) and isinstance(response, dict):
        stems, options = {s.id: s.answer for s in ex.stems}, {o.id for o in ex.options}
        if all(k in stems and v in options for k, v in response.items()):
            right = sum(response.get(s) == a for s, a in stems.items())
            return ex.points if right == len(stems) else ex.points * right / len(stems)
    if isinstance(ex, Numeric) and isinstance(response, float):
        distance = abs(response - ex.value)
        if distance <= ex.allowed_error * 0.999:
            return ex.points
        if distance >= ex.allowed_error * 1.001 + 1e-6 * max(1.0, abs(ex.value)):
            return 0.0
    return None


@fuzz(2.0)
@given(data=st.data(), index=st.integers(min_value=0, max_value=len(EXERCISES) - 1))
def test_graders_on_their_own_values(data: st.DataObject, index: int) -> None:
    ex = EXERCISES[index]
    response = data.draw(own_values(ex))
    before, held = ex.model_dump(), copy.deepcopy(response)
    result = grade(ex, response)
    assert grade(ex, response) == result  # deterministic
    # Nothing changed. A bare NaN equals nothing, not even itself; its copy is the same object.
    assert ex.model_dump() == before and (response is held or response == held)
    assert result.exercise_id == ex.id and result.max_score == ex.points
    assert {
        "correct": result.score == ex.points,
        "partial": 0 < result.score < ex.points,
        "incorrect": result.score == 0,
        "invalid": result.score == 0 and result.message.startswith("expected "),
        "unanswered": result.score == 0 and response is None,
    }[result.status], result
    assert set(result.misconceptions) <= _tags(ex)
    assert all(isinstance(f, str) and f for f in result.feedback)
    score = expected_score(ex, response)
    if score is not None:
        assert result.score == pytest.approx(score), (response, result)


TEXT_EXERCISES = [e for e in EXERCISES if isinstance(e, ShortText)]
NUMERIC_EXERCISES = [e for e in EXERCISES if isinstance(e, Numeric)]
SPELLINGS: list[Callable[[str], str]] = [
    str.upper,
    str.title,
    lambda a: f"  {a}  ",
    lambda a: a.replace(" ", "   "),
    lambda a: f"{a}.",
    lambda a: f"¡{a}!",
    lambda a: a.replace("a", "á").replace("e", "é"),
    lambda a: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in a),  # full-width forms
]


@fuzz(0.5)
@given(
    index=st.integers(min_value=0, max_value=len(TEXT_EXERCISES) - 1),
    spellings=st.lists(st.sampled_from(SPELLINGS), max_size=3),
    which=st.integers(min_value=0),
)
def test_accepted_text_in_any_spelling(index: int, spellings: list[Callable[[str], str]], which: int) -> None:
    ex = TEXT_EXERCISES[index]
    answer = ex.accept[which % len(ex.accept)]
    for spell in spellings:
        answer = spell(answer)
    assert grade(ex, answer).status == "correct", answer


@fuzz(0.5)
@given(
    index=st.integers(min_value=0, max_value=len(NUMERIC_EXERCISES) - 1),
    share=st.floats(min_value=-0.99, max_value=0.99),
    unit=st.integers(min_value=0),
    spaces=st.sampled_from(["", " ", "  "]),
)
def test_numbers_within_tolerance_in_any_unit(index: int, share: float, unit: int, spaces: str) -> None:
    ex = NUMERIC_EXERCISES[index]
    number = ex.value + share * ex.allowed_error
    units = ["", *ex.units]
    written = f"{number!r}{spaces if units[unit % len(units)] else ''}{units[unit % len(units)]}"
    assert grade(ex, number).status == "correct"
    assert grade(ex, written).status == "correct", written


MAGNITUDES = st.floats(min_value=1e-300, max_value=1e300)


@fuzz(0.5)
@given(
    value=st.one_of(st.just(0.0), MAGNITUDES, MAGNITUDES.map(lambda x: -x)),
    share=st.one_of(st.just(0.0), st.floats(min_value=0.0, max_value=0.99)),
    inside=st.floats(min_value=-1.0, max_value=1.0),
    answer=st.floats(allow_nan=False, allow_infinity=False),
)
def test_a_number_is_graded_by_its_distance_at_any_scale(
    value: float, share: float, inside: float, answer: float
) -> None:
    """The value itself is always right, and so is any number within the tolerance; a number farther than the
    tolerance by more than a millionth of the value's size (or of the tolerance, when larger) is always wrong,
    however small the value: the grader's slack is a share of the numbers, never an absolute amount."""
    tolerance = share * abs(value) if value else share
    ex = Numeric.model_validate(
        {**NUMERIC_EXERCISES[0].model_dump(), "value": value, "tolerance": tolerance, "relative_tolerance": None}
    )
    assert grade(ex, value).status == grade(ex, repr(value)).status == "correct"
    assert grade(ex, value + inside * tolerance).status == "correct"
    if abs(answer - value) > tolerance + 1e-6 * max(abs(value), tolerance):
        assert grade(ex, answer).status == grade(ex, repr(answer)).status == "incorrect", answer


BOOK = Book(tuple(load_bank(p) for p in BANK_FILES), tuple(BANK_FILES))


@fuzz(0.3)
@given(sheets=st.lists(sheet_answers(EXERCISES), min_size=1, max_size=6))
def test_shared_grader_gives_each_response_its_own_result(sheets: list[dict[str, Any]]) -> None:
    """BookGrader remembers results of repeated responses; a remembered result is always the fresh one."""
    book = BOOK
    grader = BookGrader(book)
    for round_ in range(2):
        for n, answers in enumerate(sheets):
            sheet = Sheet(Path(f"{round_}-{n}.json"), "s", answers)
            shared = grader.results(sheet)
            assert shared == BookGrader(book).results(sheet)
            # Only an answer out of shape is read as a hand may have meant it (" B " for b).
            direct = [grade(e, answers.get(e.id)) for _, e in book.exercises()]
            assert all(s == d for s, d in zip(shared, direct, strict=True) if d.status != "invalid")
