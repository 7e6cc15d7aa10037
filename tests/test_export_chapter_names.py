"""Chapters are named so that an LMS listing them by name lists them in the book's order, past chapter 9 too.

Moodle gives every category it imports the same sort order (999) and lists them by name (``ORDER BY parent,
sortorder, name``), and Canvas lists quizzes without a due date by title: as text, "10. …" comes before
"2. …". In a book whose chapters reach 10, every chapter's number is written with two digits ("02. …"), in Moodle
XML and GIFT categories and QTI quiz titles alike, and a chapter exported alone is named as in the whole book, so
that importing it lands in the same category. A book of fewer than ten chapters keeps its names ("3. …").
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.cli import main
from checks.exports import export
from checks.loading import load_book

from conftest import GiftParse

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _bank(number: int) -> dict[str, Any]:
    return {
        "chapter": f"{number:02d}-{WORDS[number - 1]}",
        "title": f"Chapter {WORDS[number - 1]}",
        "objectives": [{"id": "o1", "text": "Know it."}],
        "exercises": [
            {
                "id": f"c{number}-which",
                "kind": "single",
                "prompt": "Which?",
                "points": 1,
                "objectives": ["o1"],
                "explanation": "Because.",
                "source": "key",
                "reviewed": "2026-01-01",
                "options": [
                    {"id": "a", "text": "One", "correct": True, "feedback": "Yes."},
                    {"id": "b", "text": "Two", "feedback": "No.", "misconception": "m"},
                ],
            }
        ],
    }


def _banks(folder: Path, chapters: int) -> Path:
    folder.mkdir()
    for number in range(1, chapters + 1):
        data = yaml.safe_dump(_bank(number), sort_keys=False)
        (folder / f"{number:02d}-{WORDS[number - 1]}.yaml").write_text(data, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _banks(tmp_path_factory.mktemp("ten") / "exercises", 10)


def _moodle_categories(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return [str(q.findtext("category/text")) for q in root.iter("question") if q.get("type") == "category"]


def _qti_titles(data: bytes) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    files = [str(f.get("href")) for f in manifest.iter("{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}file")]
    return [str(a.get("title")) for name in files for a in ET.fromstring(archive.read(name)).iter(f"{QTI}assessment")]


NAMES = [f"{number:02d}. Chapter {word}" for number, word in enumerate(WORDS, start=1)]


def test_ten_chapters_are_named_with_two_digits_in_every_format(ten: Path, gift_parse: GiftParse) -> None:
    book = load_book([ten])
    moodle = _moodle_categories(export(book, "moodle")[0])
    assert moodle == [f"$course$/top/{name}" for name in NAMES]
    gift = [q["title"] for q in gift_parse(export(book, "gift")[0]) if q["type"] == "Category"]
    assert gift == NAMES
    assert _qti_titles(export(book, "qti")[0]) == NAMES
    # Listed by name, as Moodle and Canvas list them, they come in the book's order.
    assert sorted(moodle) == moodle and sorted(NAMES) == NAMES


def test_fewer_than_ten_chapters_keep_their_names(tmp_path: Path) -> None:
    book = load_book([_banks(tmp_path / "exercises", 9)])
    assert _moodle_categories(export(book, "moodle")[0])[2] == "$course$/top/3. Chapter three"
    assert _moodle_categories(export(book, "moodle")[0])[-1] == "$course$/top/9. Chapter nine"


def test_a_chapter_exported_alone_is_named_as_in_the_whole_book(ten: Path) -> None:
    whole = load_book([ten])
    alone = whole.select("3")
    assert _moodle_categories(export(alone, "moodle", whole)[0]) == ["$course$/top/03. Chapter three"]
    assert _qti_titles(export(alone, "qti", whole)[0]) == ["03. Chapter three"]
    # The whole book's file holds the chapter's questions, byte for byte, with its category.
    part = export(alone, "moodle", whole)[0].decode("utf-8")
    part = part[part.index('  <question type="category">') : part.rindex("</quiz>")]
    assert part in export(whole, "moodle")[0].decode("utf-8")


def test_the_command_names_a_chapter_as_in_the_whole_book(ten: Path, tmp_path: Path) -> None:
    out = tmp_path / "chapter3.xml"
    assert main(["export", "--banks", str(ten), "--format", "moodle", "--chapter", "3", "--out", str(out)]) == 0
    assert _moodle_categories(out.read_bytes()) == ["$course$/top/03. Chapter three"]
    gift = tmp_path / "chapter10.txt"
    assert main(["export", "--banks", str(ten), "--format", "gift", "--chapter", "10", "--out", str(gift)]) == 0
    assert "$CATEGORY: 10. Chapter ten\n" in gift.read_text(encoding="utf-8")
