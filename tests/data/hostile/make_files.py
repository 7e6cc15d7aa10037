"""Writes the hostile answer sheets and banks in this folder (run on purpose, then review expected.yaml).

Each case is a file whose content is wrong in one way; expected.yaml holds the
exact one-line error the ``checks`` command must print for it. Cases too large
to commit (a file over the size limit) are made by the tests themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOOD = {"student": "s1", "answers": {"t-single": "a"}}

SHEETS: dict[str, bytes | str] = {
    "empty.json": "",
    "empty.yaml": "",
    "blank.yaml": "   \n\n\t\n",
    "binary.json": b"\x00\x01\x02\x03binary",
    # A Word document renamed, or saved with the sheet's name: a ZIP file.
    "docx.yaml": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    "png.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    # Word 97-2003 and Excel 97-2003 files (.doc, .xls) are OLE2 compound files.
    "doc.yaml": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00",
    # Rich text, what TextEdit and WordPad save by default: plain ASCII, but not the sheet as typed.
    "rtf.yaml": "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n\\f0\\fs24 student: s1\\\nanswers:\\\n  t-single: a}\n",
    "latin1.yaml": "student: Jos\xe9\nanswers: {}\n".encode("latin-1"),
    "windows-1252.yaml": "student: s1\nanswers:\n  t-text: \u201cintravasation\u201d\n".encode("cp1252"),
    "bom-latin1.yaml": b"\xef\xbb\xbf" + "student: Jos\xe9\nanswers: {}\n".encode("latin-1"),
    "utf16.json": json.dumps(GOOD).encode("utf-16"),
    # Saved by a tool that writes no byte-order mark: UTF-16 all the same.
    "utf16le-no-mark.yaml": "student: s1\nanswers: {}\n".encode("utf-16-le"),
    "utf16be-no-mark.json": json.dumps(GOOD).encode("utf-16-be"),
    "truncated.json": '{"student": "s1", "answers": {',
    "trailing-comma.json": '{"student": "s1", "answers": {},}',
    "single-quotes.json": "{'student': 's1', 'answers': {}}",
    # A sheet typed, or a download edited, where smart quotes are on (TextEdit, Word).
    "curly-quotes.json": '{\n  \u201cstudent\u201d: \u201cs1\u201d,\n  "answers": {}\n}\n',
    "curly-value.json": '{"student": "s1",\n "answers": {"t-single": \u201ca\u201d}}',
    "nan.json": '{"student": "s1", "answers": {"t-numeric": NaN}}',
    "infinity.json": '{"student": "s1", "answers": {"t-numeric": -Infinity}}',
    "bad-escape.json": '{"student": "s1\\x", "answers": {}}',
    "list.json": "[1, 2, 3]",
    "string.json": '"hello"',
    "number.yaml": "42\n",
    "null.yaml": "~\n",
    "csv.json": "student,t-single\ns1,a\n",
    "html.json": "<html><body>answers</body></html>",
    "missing-student.json": '{"answers": {"t-single": "a"}}',
    "empty-student.json": '{"student": "  ", "answers": {}}',
    "student-number.json": '{"student": 42, "answers": {}}',
    "student-octal.yaml": "student: 0123456\nanswers: {}\n",
    "student-boolean.yaml": "student: No\nanswers: {}\n",  # a truth value to YAML
    "student-list.yaml": "student: [a, b]\nanswers: {}\n",
    "long-student.json": json.dumps({"student": "x" * 201, "answers": {}}),
    "missing-answers.json": '{"student": "s1"}',
    "missing-answers.yaml": "student: s1\nsubmitted: 2026-12-01T09:30:00Z\n",
    "answers-list.json": '{"student": "s1", "answers": ["a", "b"]}',
    "answers-string.yaml": "student: s1\nanswers: a, b, c\n",
    "unknown-field.json": '{"student": "s1", "answers": {}, "score": 100}',
    # A bank handed over as a sheet (checks grade exercises/): its 'chapter' is no misspelt 'chapters'.
    "a-bank.yaml": "chapter: c\ntitle: T\nobjectives:\n  - {id: o1, text: Do it.}\nexercises: []\n",
    "letters-ids.yaml": "student: s1\nletters: ids\nanswers: {t-single: a}\n",
    "letters-and-variant.yaml": "student: s1\nletters: book\nvariant: {student: s1, seed: 1}\nanswers: {}\n",
    "chapters-number.yaml": "student: s1\nchapters: 3\nanswers: {}\n",
    "chapters-unknown.yaml": "student: s1\nchapters:\n  - sample\n  - 03-how-cancer-spreads\nanswers: {}\n",
    "unknown-exercise.json": '{"student": "s1", "answers": {"no-such-exercise": "a"}}',
    "exercise-id-number.yaml": "student: s1\nanswers:\n  1: a\n",
    "duplicate-key.json": '{"student": "s1", "student": "s2", "answers": {}}',
    "duplicate-key.yaml": "student: s1\nstudent: s2\nanswers: {}\n",
    "duplicate-answer.yaml": "student: s1\nanswers:\n  t-single: a\n  t-single: b\n",
    # Keys that differ only in a space a word processor typed beside them (U+00A0, U+202F) name one field.
    "spaced-duplicate.yaml": "student: s1\nstudent\u00a0: s2\nanswers: {}\n",
    "spaced-duplicate.json": '{"student": "s1", "answers": {"t-single": "a", "t-single\u202f": "b"}}',
    "alias.yaml": "student: s1\nanswers:\n  t-multiple: &x [a, b]\n  t-ordering: *x\n",
    "billion-laughs.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "recursive-alias.yaml": "student: s1\nanswers: &a\n  t-matching: *a\n",
    "merge-key.yaml": "base: &b {student: s1}\n<<: *b\nanswers: {}\n",
    # Aliases of a text are refused as those of a list are, and so is every tag, each at its own line.
    "alias-answer.yaml": "student: s1\nanswers:\n  t-text: &x bone\n  t-single: a\n  t-text-accents: *x\n",
    "str-tag.yaml": "student: !!str 0123456\nanswers: {}\n",
    "python-tag.yaml": "student: !!python/object/apply:os.system [echo hacked]\nanswers: {}\n",
    "python-name.yaml": "student: !!python/name:os.system\nanswers: {}\n",
    "custom-tag.yaml": "student: !secret s1\nanswers: {}\n",
    "set-tag.yaml": "student: s1\nanswers: !!set {a, b}\n",
    # A tag on the line below an anchor, or below a comment too, is the value's all the same.
    "anchor-then-str-tag.yaml": "student: &s\n  !!str 0123456\nanswers: {}\n",
    "anchor-then-map-tag.yaml": "student: s1\nanswers: &a\n  !!map\n  t-single: a\n",
    "anchor-then-python-name.yaml": "student: s1\nanswers:\n  t-text: &x\n    !!python/name:os.system bone\n",
    "anchor-comment-then-python-tag.yaml": (
        "student: s1\nanswers:\n  t-multiple: &x  # both\n\n    # of them\n    !!python/object/apply:os.system [a, b]\n"
    ),
    "two-documents.yaml": "student: s1\nanswers: {}\n---\nstudent: s2\nanswers: {}\n",
    "deep.json": "[" * 80 + "]" * 80,
    "deep.yaml": "student: s1\nanswers: " + "[" * 80 + "]" * 80 + "\n",
    "very-deep.json": '{"student": "s1", "answers": ' + "[" * 100000 + "]" * 100000 + "}",
    "tabs.yaml": "student: s1\nanswers:\n\tt-single: a\n",
    "bad-indent.yaml": "student: s1\n  answers: {}\n",
    "unclosed-quote.yaml": 'student: "s1\nanswers: {}\n',
    "unclosed-bracket.yaml": "student: s1\nanswers: {t-multiple: [a, b}\n",
    "bad-date.yaml": "student: s1\nsubmitted: 2026-13-45\nanswers: {}\n",
    "submitted-words.json": '{"student": "s1", "submitted": "yesterday", "answers": {}}',
    "submitted-number.yaml": "student: s1\nsubmitted: 20261201\nanswers: {}\n",
    "submitted-out-of-range.json": '{"student": "s1", "submitted": "0001-01-01T00:00:00+01:00", "answers": {}}',
    "student-date.yaml": "student: 2026-01-01\nanswers: {}\n",
    "answers-null-key.yaml": "student: s1\nanswers:\n  ~: a\n",
    "answers-bool-key.yaml": "student: s1\nanswers:\n  yes: a\n",
    "answers-list-key.yaml": "student: s1\nanswers:\n  ? [a, b]\n  : a\n",
    # Named to grade, a file of another type is read when it holds a sheet (tests/test_cli.py), and else is none.
    "wrong-suffix.txt": "1. a\n2. b\n",  # answers typed out, not a sheet
    "no-suffix": "student s1, answers: t-single a\n",  # YAML reads one field, named neither 'student' nor 'answers'
    "sheet-with-mistakes.txt": "student: s1\nanswers:\n  t-singel: a\n",  # a sheet: its mistakes are told
    "sheet.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "control-chars.yaml": "student: s1\x07\nanswers: {}\n",
    "zero-bytes.yaml": b"\x00" * 64,
    "bom-only.json": b"\xef\xbb\xbf",
    "comment-only.yaml": "# nothing but a comment\n",
    "json-lines.json": '{"student": "s1", "answers": {}}\n{"student": "s2", "answers": {}}\n',
    # Found by tests/test_fuzz.py: each once ended in a traceback.
    "lone-surrogate.json": '{"student": "\\ud800", "answers": {}}',
    "huge-number.json": '{"student": "s1", "answers": {"t-numeric": ' + "9" * 5000 + "}}",
    "huge-number.yaml": "student: s1\nanswers:\n  t-numeric: " + "9" * 5000 + "\n",
    "bool-tag.yaml": "student: s1\nanswers:\n  t-truefalse: !!bool maybe\n",
    "timestamp-tag.yaml": "student: s1\nsubmitted: !!timestamp yesterday\nanswers: {}\n",
    "empty-int-tag.yaml": "student: s1\nanswers:\n  t-numeric: !!int ''\n",
    "student-newline.yaml": 'student: "Ann\\n  t-single: correct"\nanswers: {}\n',
    # A comma left out after a quoted answer: the comma is the mistake, not the quote.
    "missing-comma-mapping.yaml": 'student: s1\nanswers: {t-single: "a" t-text: "bone"}\n',
    "missing-comma-list.yaml": 'student: s1\nanswers:\n  t-multiple: ["a" "b"]\n',
    # A name written after the blank sheet's quotes, not between them.
    "text-after-quote.yaml": 'student: "" Dan Wu\nletters: book\nanswers:\n  t-single: a\n',
    # An answer without a space after its colon, which YAML reads as text: below an answer, above one, or alone.
    "no-space-after-colon.yaml": "student: s1\nanswers:\n  t-text: bone\n  t-single:b\n  t-truefalse: true\n",
    "no-space-after-colon-first.yaml": "student: s1\nanswers:\n  t-single:b\n  t-truefalse: true\n",
    "no-space-after-colon-alone.yaml": "student: s1\nanswers:\n  t-single:b\n",
    # A word processor's non-breaking space after the colon, read as no space at all.
    "nbsp-after-colon.yaml": "student: s1\nanswers:\n  t-text: bone\n  t-single:\u00a0b\n  t-truefalse: true\n",
    "nbsp-after-colon-last.yaml": "student: s1\nanswers:\n  t-text: bone\n  t-single:\u00a0b\n",
    "nbsp-after-colon.json": '{"student": "s1",\n"answers":\u00a0{"t-single": "b"}}',
    # A text wrapped onto a line of its own at its field's indent, which YAML reads as a key without its colon;
    # and an answer whose colon is missing, which is no text's next line, on its own or as a matching stem: told at
    # its own line, with the fix.
    "student-continued.yaml": "student: Ann\nLee\nanswers: {}\n",
    "answer-continued.yaml": "student: s1\nanswers:\n  t-text: bone\n  marrow\n  t-single: a\n",
    "answer-missing-colon.yaml": "student: s1\nanswers:\n  t-text: bone\n  t-single a\n  t-truefalse: true\n",
    "stem-missing-colon.yaml": "student: s1\nanswers:\n  t-matching:\n    prostate: bone\n    colorectal liver\n",
    # Below a quoted text, which cannot go on unquoted, whatever its first word; and a key with nothing after it.
    "stem-missing-colon-after-quotes.yaml": (
        'student: s1\nanswers:\n  t-matching:\n    prostate: "bone"\n    breast liver  # not sure\n'
    ),
    "answer-key-alone.yaml": "student: s1\nanswers:\n  t-text: bone\n  t-single\n  t-truefalse: true\n",
    # A wrapped answer that begins with a matching stem's id, which is no key of 'answers': the text goes on.
    "answer-continued-stem-id.yaml": "student: s1\nanswers:\n  t-text: broken\n  colorectal bone\n  t-single: a\n",
    # An answer moved to the start of its line: it or the next is out of place, and YAML cannot tell which.
    "answer-outdented.yaml": "student: s1\nanswers:\n  t-text: bone\nt-single: a\n  t-truefalse: true\n",
}

BASE_EXERCISE = """\
  - id: e1
    kind: single
    prompt: Pick one.
    points: 1
    objectives: [o1]
    options:
      - {id: a, text: A, correct: true, feedback: Yes.}
      - {id: b, text: B, misconception: tag-b, feedback: No.}
    explanation: Because.
    source: key
    reviewed: 2026-01-01
"""
NUMERIC = """\
  - id: e4
    kind: numeric
    prompt: How many?
    points: 1
    objectives: [o1]
    value: 3
    tolerance: 1
    feedback_correct: Yes.
    feedback_incorrect: No.
    explanation: Because.
    source: key
    reviewed: 2026-01-01
"""
MATCHING = """\
  - id: e3
    kind: matching
    prompt: Match.
    points: 1
    objectives: [o1]
    options:
      - {id: bone, text: Bone}
      - {id: liver, text: Liver}
    stems:
      - id: p
        text: Prostate
        answer: bone
        feedback: F.
      - id: c
        text: Colon
        answer: liver
        feedback: F.
    explanation: Because.
    source: key
    reviewed: 2026-01-01
"""
HEAD = "chapter: c\ntitle: T\nobjectives:\n  - {id: o1, text: Do it.}\nexercises:\n"


def bank(body: str) -> str:
    return HEAD + body


BANKS: dict[str, bytes | str] = {
    "empty.yaml": "",
    "binary.yaml": b"\x00\x01binary",
    "list.yaml": "- a\n- b\n",
    "missing-exercises.yaml": "chapter: c\ntitle: T\nobjectives:\n  - {id: o1, text: Do it.}\n",
    "unknown-kind.yaml": bank(BASE_EXERCISE.replace("kind: single", "kind: essay")),
    "missing-kind.yaml": bank(BASE_EXERCISE.replace("    kind: single\n", "")),
    "duplicate-id.yaml": bank(BASE_EXERCISE + BASE_EXERCISE),
    "two-correct.yaml": bank(BASE_EXERCISE.replace("misconception: tag-b,", "correct: true,")),
    "no-correct.yaml": bank(BASE_EXERCISE.replace("correct: true,", "misconception: tag-a,")),
    "no-correct-untagged.yaml": bank(BASE_EXERCISE.replace("correct: true, ", "")),  # the key forgotten
    "multiple-no-correct.yaml": bank(
        BASE_EXERCISE.replace("kind: single", "kind: multiple").replace("correct: true, ", "")
    ),
    "points-text.yaml": bank(BASE_EXERCISE.replace("points: 1", "points: one")),
    "points-negative.yaml": bank(BASE_EXERCISE.replace("points: 1", "points: -2")),
    "unknown-field.yaml": bank(BASE_EXERCISE.replace("points: 1", "points: 1\n    difficulty: hard")),
    "unknown-field-block.yaml": bank(
        BASE_EXERCISE.replace("points: 1", "points: 1\n    difficulty:\n      level: hard")
    ),
    "missing-feedback.yaml": bank(BASE_EXERCISE.replace(", feedback: No.", "")),
    "no-misconception.yaml": bank(BASE_EXERCISE.replace("misconception: tag-b, ", "")),
    "bad-date.yaml": bank(BASE_EXERCISE.replace("2026-01-01", "yesterday")),
    "reviewed-ahead.yaml": bank(BASE_EXERCISE.replace("2026-01-01", "2062-11-25")),  # never due for review
    "empty-text.yaml": bank(BASE_EXERCISE.replace("{id: b, text: B,", "{id: b, text: '',")),
    "option-id-capital.yaml": bank(BASE_EXERCISE.replace("{id: a,", "{id: A,")),
    "bad-month.yaml": bank(BASE_EXERCISE.replace("2026-01-01", "2026-13-01")),
    "bad-month-id-last.yaml": bank(
        BASE_EXERCISE.replace("  - id: e1\n    kind", "  - kind").replace("2026-01-01", "2026-13-01\n    id: e1")
    ),
    "bad-id.yaml": bank(BASE_EXERCISE.replace("id: e1", "id: Exercise One")),
    "unknown-objective.yaml": bank(BASE_EXERCISE.replace("objectives: [o1]", "objectives: [o9]")),
    "yes-feedback.yaml": bank(BASE_EXERCISE.replace("feedback: No.", "feedback: no")),
    "ordering-repeated.yaml": bank(
        "  - id: e2\n    kind: ordering\n    prompt: Order.\n    points: 1\n    objectives: [o1]\n"
        "    items:\n      - {id: a, text: A}\n      - {id: a, text: B}\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    "matching-missing-option.yaml": bank(
        "  - id: e3\n    kind: matching\n    prompt: Match.\n    points: 1\n    objectives: [o1]\n"
        "    options:\n      - {id: bone, text: Bone}\n      - {id: liver, text: Liver}\n"
        "    stems:\n      - {id: p, text: Prostate, answer: bone, feedback: F.}\n"
        "      - {id: c, text: Colon, answer: lung, feedback: F.}\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    "matching-answer-block.yaml": bank(MATCHING.replace("answer: liver", "answer: lung")),
    "matching-misconception-unknown.yaml": bank(
        MATCHING.replace("answer: bone\n", "answer: bone\n        misconceptions:\n          lung: tag\n")
    ),
    "matching-misconception-on-answer.yaml": bank(
        MATCHING.replace("answer: bone\n", "answer: bone\n        misconceptions:\n          bone: tag\n")
    ),
    "matching-answer-twice.yaml": bank(MATCHING.replace("answer: liver", "answer: bone")),
    "numeric-two-tolerances.yaml": bank(NUMERIC.replace("tolerance: 1", "tolerance: 1\n    relative_tolerance: 0.1")),
    # A page cannot print NaN as JSON, and an infinite tolerance accepts every answer.
    "numeric-nan.yaml": bank(NUMERIC.replace("value: 3", "value: .nan")),
    "numeric-inf-tolerance.yaml": bank(NUMERIC.replace("tolerance: 1", "tolerance: .inf")),
    "numeric-nan-relative.yaml": bank(NUMERIC.replace("tolerance: 1", "relative_tolerance: .NaN")),
    "points-inf.yaml": bank(BASE_EXERCISE.replace("points: 1", "points: .inf")),
    "text-bad-pattern.yaml": bank(
        "  - id: e5\n    kind: text\n    prompt: Word?\n    points: 1\n    objectives: [o1]\n"
        "    accept: [word]\n    patterns: ['\\\\bword\\\\b']\n"
        "    feedback_correct: Yes.\n    feedback_incorrect: No.\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    # A pattern that matches "" would grade a blank answer as correct.
    "text-empty-pattern.yaml": bank(
        "  - id: e5\n    kind: text\n    prompt: Word?\n    points: 1\n    objectives: [o1]\n"
        "    accept: [lung]\n    patterns:\n      - 'lungs?'\n      - 'lung|'\n"
        "    feedback_correct: Yes.\n    feedback_incorrect: No.\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    # A pattern whose matching takes exponential time would stall grading on one long answer.
    "text-nested-pattern.yaml": bank(
        "  - id: e5\n    kind: text\n    prompt: Which stage?\n    points: 1\n    objectives: [o1]\n"
        "    accept: [stage iv]\n    patterns: ['stage (i+)+v']\n"
        "    feedback_correct: Yes.\n    feedback_incorrect: No.\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    # An alias is told at its own line, with the exercise it stands in, not at its anchor's.
    "alias.yaml": bank(BASE_EXERCISE.replace("  - id: e1", "  - &e\n    id: e1") + "  - *e\n"),
    "alias-value.yaml": bank(
        BASE_EXERCISE.replace("reviewed: 2026-01-01", "reviewed: &rev 2026-01-01")
        + NUMERIC.replace("reviewed: 2026-01-01", "reviewed: *rev")
    ),
    "alias-list.yaml": bank(
        BASE_EXERCISE.replace("objectives: [o1]", "objectives: &objs [o1]")
        + NUMERIC.replace("objectives: [o1]", "objectives: *objs")
    ),
    "alias-key.yaml": bank(BASE_EXERCISE.replace("points: 1", "&p points: 1") + NUMERIC.replace("points: 1", "*p : 1")),
    "merge-key.yaml": bank(
        BASE_EXERCISE.replace("  - id: e1", "  - &e\n    id: e1")
        + NUMERIC.replace("    kind: numeric", "    <<: *e\n    kind: numeric")
    ),
    # Every tag, on a value it reads as (!!str) or not (!!int "2"), and on a field of an option.
    "tag-int.yaml": bank(BASE_EXERCISE.replace("points: 1", 'points: !!int "2"')),
    "tag-str.yaml": bank(BASE_EXERCISE.replace("prompt: Pick one.", "prompt: !!str Pick one.")),
    "tag-option.yaml": bank(BASE_EXERCISE.replace("{id: b, text: B,", "{id: b, text: ! B,")),
    "python-tag.yaml": bank(BASE_EXERCISE.replace("prompt: Pick one.", "prompt: !!python/object/apply:os.system [ls]")),
    "tag-after-anchor.yaml": bank(BASE_EXERCISE.replace("points: 1", 'points: &p\n      !!int "2"')),
    "python-tag-after-anchor.yaml": bank(
        BASE_EXERCISE.replace("prompt: Pick one.", "prompt: &p\n      !!python/name:os.system Pick one.")
    ),
    "duplicate-key.yaml": bank(BASE_EXERCISE.replace("points: 1", "points: 1\n    points: 2")),
    "duplicate-key-option.yaml": bank(BASE_EXERCISE.replace("{id: a, text: A,", "{id: a, text: A, id: b,")),
    "bad-yaml.yaml": bank(BASE_EXERCISE.replace("prompt: Pick one.", "prompt: [unclosed")),
    "unclosed-quote.yaml": bank(BASE_EXERCISE.replace("prompt: Pick one.", 'prompt: "Pick one.')),
    # A quote inside a quoted text ends it: YAML stops at what follows, the mistake is the quote.
    "quote-inside-single.yaml": bank(BASE_EXERCISE.replace("prompt: Pick one.", "prompt: 'Pick the patient's one.'")),
    "quote-inside-double.yaml": bank(BASE_EXERCISE.replace("prompt: Pick one.", 'prompt: "Pick the "best" one."')),
    "quote-inside-flow.yaml": bank(BASE_EXERCISE.replace("text: A,", 'text: "the "best" one",')),
    # A text that spans two lines as written: closed where it ends, so the quote inside is the mistake.
    "quote-inside-two-lines.yaml": bank(
        BASE_EXERCISE.replace("prompt: Pick one.", 'prompt: "First line,\n      then the "best" one."')
    ),
    # A comma left out after a quoted value: the comma is the mistake, not the quote.
    "missing-comma-flow.yaml": bank(BASE_EXERCISE.replace("text: A, correct", 'text: "A" correct')),
    # A whole bank that is one value YAML cannot read: that is the problem, not the bank's shape.
    "bad-date-alone.yaml": "2026-13-01\n",
    # Closed by the next quote in the file, an exercise further on: the mistake is where it opens.
    "unclosed-quote-closed-later.yaml": bank(
        BASE_EXERCISE.replace("prompt: Pick one.", 'prompt: "Pick one.') + NUMERIC.replace("How many?", '"How many?"')
    ),
    # Found by tests/test_fuzz.py: each once ended in a traceback.
    "timestamp-tag.yaml": bank(BASE_EXERCISE.replace("reviewed: 2026-01-01", "reviewed: !!timestamp last week")),
    "objective-id-list.yaml": bank(BASE_EXERCISE).replace("{id: o1, text: Do it.}", "{id: [o1], text: Do it.}"),
    "id-newline.yaml": bank(BASE_EXERCISE.replace("id: e1", 'id: "e1\\nerror: forged"')),
    "misconception-key-newline.yaml": bank(
        "  - id: e6\n    kind: matching\n    prompt: Match.\n    points: 1\n    objectives: [o1]\n"
        "    options:\n      - {id: bone, text: Bone}\n      - {id: liver, text: Liver}\n"
        '    stems:\n      - {id: p, text: Prostate, answer: bone, feedback: F., misconceptions: {"liver\\nall": tag}}\n'
        "      - {id: c, text: Colon, answer: liver, feedback: F.}\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    # Pydantic's wording, once printed as it was, now said as advice on the YAML.
    "objectives-scalar.yaml": bank(BASE_EXERCISE.replace("objectives: [o1]", "objectives: o1")),
    "ordering-one-item.yaml": bank(
        "  - id: e2\n    kind: ordering\n    prompt: Order.\n    points: 1\n    objectives: [o1]\n"
        "    items:\n      - {id: a, text: A}\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    "exercises-empty.yaml": HEAD.replace("exercises:\n", "exercises: []\n"),
    "exercise-string.yaml": bank(BASE_EXERCISE + "  - e2\n"),
    "option-string.yaml": bank(BASE_EXERCISE.replace("    explanation:", "      - c\n    explanation:")),
    "points-quoted.yaml": bank(BASE_EXERCISE.replace("points: 1", 'points: "2"')),
    "correct-quoted.yaml": bank(BASE_EXERCISE.replace("correct: true", "correct: 'true'")),
    "misspelled-field.yaml": bank(BASE_EXERCISE.replace("options:", "optoins:")),
    "misspelled-kind.yaml": bank(BASE_EXERCISE.replace("kind: single", "knid: single")),
    "kind-as-type.yaml": bank(BASE_EXERCISE.replace("kind: single", "type: single")),
    # An author's slips, each said at the line to edit.
    "kind-misspelled.yaml": bank(BASE_EXERCISE.replace("kind: single", "kind: singel")),
    "option-repeated.yaml": bank(BASE_EXERCISE.replace("{id: b,", "{id: a,")),
    "matching-option-repeated.yaml": bank(MATCHING.replace("{id: liver, text: Liver}", "{id: bone, text: Liver}")),
    "stem-repeated.yaml": bank(MATCHING.replace("id: c\n", "id: p\n")),
    "objective-repeated.yaml": HEAD.replace("exercises:", "  - {id: o1, text: Do that.}\nexercises:") + BASE_EXERCISE,
    "objective-listed-twice.yaml": bank(BASE_EXERCISE.replace("objectives: [o1]", "objectives: [o1, o1]")),
    "units-repeated.yaml": bank(NUMERIC.replace("tolerance: 1", "tolerance: 1\n    units: [cm, CM]")),
    "tab-indent.yaml": bank(BASE_EXERCISE.replace("    points: 1", "\tpoints: 1")),
    "over-indented.yaml": bank(BASE_EXERCISE.replace("    points: 1", "     points: 1")),
    "option-outdented.yaml": bank(BASE_EXERCISE.replace("      - {id: b,", "    - {id: b,")),
    "tab-in-second-exercise.yaml": bank(BASE_EXERCISE + NUMERIC.replace("    value: 3", "\tvalue: 3")),
    "tab-in-objectives.yaml": bank(BASE_EXERCISE).replace("  - {id: o1,", "\t- {id: o1,"),
    "matching-option-role.yaml": bank(MATCHING.replace("text: Liver}", "text: '{term}`Liver <liver>`'}")),
    # Numbers as YAML 1.2 reads them, 1e-3 and the like, are numbers; one too large to hold is said so.
    "numeric-huge-tolerance.yaml": bank(NUMERIC.replace("tolerance: 1", "tolerance: 1e400")),
    "numeric-percent-tolerance.yaml": bank(NUMERIC.replace("tolerance: 1", "tolerance: 5%")),
    "numeric-quoted-exponent.yaml": bank(NUMERIC.replace("tolerance: 1", "tolerance: '1e-3'")),
    # Text to YAML without quotes: there are no quotes to remove.
    "correct-mixed-case.yaml": bank(BASE_EXERCISE.replace("correct: true", "correct: tRue")),
    # A ' #' in a text without quotes starts a comment: the rest of the text is dropped, or the next line is lost.
    "comment-cuts-feedback.yaml": bank(
        MATCHING.replace("feedback: F.", "feedback: Yes. Cancer can weaken bone #1 so that it breaks easily.", 1)
    ),
    "comment-cuts-wrapped-text.yaml": bank(
        BASE_EXERCISE.replace(
            "explanation: Because.", "explanation: Cancer can weaken bone #1\n      so that it breaks."
        )
    ),
    "comment-cuts-flow.yaml": bank(BASE_EXERCISE.replace("feedback: No.}", "feedback: No, bone #1 breaks.}")),
    # So are an accepted answer and a unit: the shorter text would be the one students' answers are compared with.
    "comment-cuts-accepted-answer.yaml": bank(
        "  - id: e5\n    kind: text\n    prompt: Which rib broke?\n    points: 1\n    objectives: [o1]\n"
        "    accept:\n      - the fourth\n      - rib #4\n    feedback_correct: Yes.\n    feedback_incorrect: No.\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    "comment-cuts-unit.yaml": bank(
        NUMERIC.replace("tolerance: 1\n", "tolerance: 1\n    units:\n      - per #100 people\n")
    ),
    # A line of a text that begins with '#' is a comment, dropped where the text would go on.
    "comment-line-cuts-text.yaml": bank(
        BASE_EXERCISE.replace(
            "explanation: Because.",
            "explanation: Bone metastases are common, seen in\n      #1 of 3 people, and this sentence goes on.",
        )
    ),
    "comment-line-cuts-wrapped-text.yaml": bank(
        BASE_EXERCISE.replace(
            "explanation: Because.",
            "explanation: Bone metastases are common, seen in\n      #1 of 3 people,\n      and this one goes on.",
        )
    ),
    # Line breaks of an old Mac (\r alone), which YAML counts and a split on \n does not: found by test_fuzz.py.
    "cr-line-breaks.yaml": bank(BASE_EXERCISE.replace("      - {id: b,", "    - {id: b,")).replace("\n", "\r"),
    # A line indented too little, which YAML reports at the line after it: said at the line itself.
    "source-outdented.yaml": bank(BASE_EXERCISE.replace("    source: key", "source: key") + NUMERIC),
    "stem-feedback-outdented.yaml": bank(
        MATCHING.replace("answer: bone\n        feedback:", "answer: bone\n    feedback:")
    ),
    "stem-feedback-block-outdented.yaml": bank(
        MATCHING.replace(
            "answer: bone\n        feedback: F.", "answer: bone\n    feedback: >-\n          Bone is\n          right."
        )
    ),
    # A field at the column of a list's dashes: an option's, or one after the list, which the file writes at the
    # exercise's depth elsewhere; where the file does not tell, both depths are named.
    "option-feedback-at-dash.yaml": bank(
        BASE_EXERCISE.replace(
            "      - {id: a, text: A, correct: true, feedback: Yes.}",
            "      - id: a\n        text: A\n        correct: true\n      feedback: Yes.",
        )
    ),
    "explanation-at-dash.yaml": bank(BASE_EXERCISE + MATCHING.replace("    explanation:", "      explanation:")),
    "explanation-at-dash-alone.yaml": bank(MATCHING.replace("    explanation:", "      explanation:")),
    # A text wrapped onto a line at its field's own indent, in an exercise and in an option; not a field whose colon
    # is missing, alone in the file or not.
    "prompt-continued.yaml": bank(BASE_EXERCISE.replace("prompt: Pick one.", "prompt: Pick\n    one.")),
    "prompt-block-continued.yaml": bank(
        BASE_EXERCISE.replace(
            "prompt: Pick one.", "prompt: >-\n      Pick the one\n      that fits: the\n    best one."
        )
    ),
    "option-feedback-continued.yaml": bank(
        BASE_EXERCISE.replace(
            "      - {id: b, text: B, misconception: tag-b, feedback: No.}",
            "      - id: b\n        text: B\n        misconception: tag-b\n        feedback: No, B is\n        wrong.",
        )
    ),
    "points-missing-colon.yaml": bank(BASE_EXERCISE.replace("points: 1", "points 1")),
    # Wrapped prose whose first word is no key where it is: left to YAML's message, or told as a text's next line.
    "prompt-wrapped-at-list.yaml": bank(
        BASE_EXERCISE.replace("prompt: Pick one.", "prompt: >-\n      Pick the one that the\n  article gives.")
    ),
    "prompt-wrapped-at-start.yaml": bank(
        BASE_EXERCISE.replace("prompt: Pick one.", "prompt: >-\n      Pick the one that the\narticle gives.")
    ),
    "option-text-wrapped-at-dash.yaml": bank(
        BASE_EXERCISE.replace(
            "      - {id: b, text: B, misconception: tag-b, feedback: No.}",
            "      - id: b\n        text: B, which most likely\n      is an old figure\n        feedback: No.",
        )
    ),
    "prompt-continued-number.yaml": bank(
        BASE_EXERCISE.replace("prompt: Pick one.", "prompt: Pick the\n    5-year figure.")
    ),
    "reviewed-missing-colon.yaml": bank(BASE_EXERCISE.replace("reviewed: 2026-01-01", "reviewed 2026-01-01") + NUMERIC),
    # At the end of the file, or a field indented too far after a list: either line may be the one out of place.
    "source-outdented-last.yaml": bank(BASE_EXERCISE.replace("    source: key", "source: key")),
    "over-indented-after-list.yaml": bank(
        BASE_EXERCISE.replace(
            "      - {id: b, text: B, misconception: tag-b, feedback: No.}", "      - id: b\n        text: B"
        ).replace("    source: key", "        source: key")
    ),
    # The last field of the last exercise, or of an option, indented too little: YAML reads it, as another field.
    "reviewed-outdented-last.yaml": bank(BASE_EXERCISE.replace("    reviewed:", "reviewed:")),
    "option-feedback-outdented-last.yaml": bank(
        BASE_EXERCISE.replace(
            "      - {id: b, text: B, misconception: tag-b, feedback: No.}",
            "      - id: b\n        text: B\n        misconception: tag-b\n    feedback: No.",
        )
    ),
    "ordering-same-text.yaml": bank(
        "  - id: e2\n    kind: ordering\n    prompt: Order.\n    points: 1\n    objectives: [o1]\n"
        "    items:\n      - {id: a, text: A}\n      - {id: b, text: B}\n      - {id: c, text: ' a'}\n"
        "    explanation: Because.\n    source: key\n    reviewed: 2026-01-01\n"
    ),
    # A word processor's non-breaking space after a field's colon.
    "nbsp-after-colon.yaml": bank(BASE_EXERCISE.replace("    points: 1", "    points:\u00a01")),
    # An invisible character pasted in with a text.
    "control-character.yaml": bank(BASE_EXERCISE + NUMERIC.replace("How many?", "How\x01 many?")),
    # The same, written as an escape in quotes, which YAML reads without a word.
    "control-escape.yaml": bank(BASE_EXERCISE + NUMERIC.replace("How many?", '"How\\b many?"')),
}


def write(folder: str, cases: dict[str, bytes | str]) -> None:
    target = HERE / folder
    target.mkdir(exist_ok=True)
    for name, content in cases.items():
        (target / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


if __name__ == "__main__":
    write("sheets", SHEETS)
    write("banks", BANKS)
    (HERE / "sheets" / "folder.json").mkdir(exist_ok=True)
    (HERE / "sheets" / "folder.json" / ".keep").write_text("a folder whose name looks like a sheet\n")
