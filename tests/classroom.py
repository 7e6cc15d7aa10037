"""A class of answer sheets written from the book's key, for the gradebook's tests and its report's quality gates.

Stronger students answer more from the key; one student hands in twice; three sheets cannot be read.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from checks.loading import Book
from checks.model import AnyExercise
from checks.sheets import dump_yaml, key_response

CLASS_SIZE = 40
SUBMITTED = "2026-12-01T09:30:00Z"
BROKEN = {
    "broken-json.json": ("{not json", "invalid JSON"),
    "unknown-id.yaml": (
        "student: x\nanswers:\n  no-such-exercise: a\n",
        "unknown exercise id 'no-such-exercise' (no bank has exercise ids beginning 'no-'; "
        f"the banks' ids begin {', '.join(f'c{n}-' for n in range(1, 9))})",
    ),
    "no-student.json": ('{"answers": {}}', "'student' is missing: write the student's name or id"),
}


def wrong_response(ex: AnyExercise, rng: random.Random) -> Any:
    key = key_response(ex)
    if ex.kind == "single":
        return rng.choice([o.id for o in ex.options if o.id != key])
    if ex.kind == "multiple":
        return key[:1] + [o.id for o in ex.options if not o.correct][:1]
    if ex.kind == "truefalse":
        return not key
    if ex.kind == "numeric":
        return key + 1000
    if isinstance(key, list):
        return list(reversed(key))
    if isinstance(key, dict):
        first = next(iter(key.values()))
        return dict.fromkeys(key, first)
    return "no idea"


def write_class(folder: Path, book: Book) -> list[Path]:
    """Forty sheets: stronger students answer more from the key; s07 hands in twice; three broken sheets."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    exercises = [e for _, e in book.exercises()]
    paths = []
    for n in range(CLASS_SIZE):
        ability = 0.3 + 0.6 * n / (CLASS_SIZE - 1)
        answers: dict[str, Any] = {}
        for ex in exercises:
            roll = rng.random()
            if roll < ability:
                answers[ex.id] = key_response(ex)
            elif roll < ability + 0.05:
                continue
            elif roll < ability + 0.07:
                answers[ex.id] = 12345 if ex.kind != "numeric" else [1]  # out of shape: invalid
            else:
                answers[ex.id] = wrong_response(ex, rng)
        student = "s07" if n == CLASS_SIZE - 1 else f"s{n:02d}"
        # In option ids, as the web book's downloads are, with the time they were handed in (one for all).
        sheet = {"student": student, "submitted": SUBMITTED, "answers": answers}
        if n % 2:
            path = folder / f"sheet-{n:02d}.json"
            path.write_text(json.dumps(sheet), encoding="utf-8")
        else:
            path = folder / f"sheet-{n:02d}.yaml"
            path.write_text(dump_yaml(sheet), encoding="utf-8")
        paths.append(path)
    for name, (text, _) in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return paths
