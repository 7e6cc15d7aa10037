"""The book in a real browser: exercises answered by mouse and keyboard, memory, sheets, clean pages.

Each edition is built once per session (``-n -W``) into a temporary folder and
served on 127.0.0.1 (fixtures in conftest.py); Debian's Chromium runs headless
through Playwright. Accessibility and valid HTML are in tests/test_quality.py.
Screenshots land in the session's temporary folder, and also in $CHECKS_SHOTS
when that is set.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, Route, expect

from checks import variants
from checks.grading import grade
from checks.loading import load_book
from checks.model import AnyExercise, Matching, MultipleSelect, Numeric, Ordering, ShortText, SingleChoice, TrueFalse
from checks.sheets import key_response
from checks.variants import display_options

from browsing import DESKTOP, PHONE, SEARCH, chapter_pages, open_context, pages_to_visit, top_pages, visit
from builds import EDITIONS, Builds

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "src" / "checks" / "static"
KINDS = ("single", "multiple", "truefalse", "text", "numeric", "ordering", "matching")
LABELS = {"correct": "Correct", "partial": "Partly correct", "incorrect": "Incorrect"}
SHOW_NOW = " You can now show the answer."
WHY = "Show answer works once you have checked your answer."
BOOK = load_book([ROOT / "exercises"])


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Page, str], Path]:
    folder = tmp_path_factory.mktemp("screenshots")
    extra = os.environ.get("CHECKS_SHOTS")

    def take(page: Page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path))
        if extra:
            Path(extra).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(extra) / path.name)
        return path

    return take


# -- where the exercises are ------------------------------------------------------------


def exercises_on(site: Path, page: str) -> list[tuple[str, str]]:
    html = (site / page).read_text(encoding="utf-8")
    return re.findall(r'<div [^>]*data-checks-id="([^"]+)" data-checks-kind="([^"]+)"', html)


def find_kind(site: Path, kind: str, where: Callable[[AnyExercise], bool] = lambda ex: True) -> tuple[str, AnyExercise]:
    """The first exercise of a kind in the book that can be answered both right and wrong (and is ``where``)."""
    for page in chapter_pages(site):
        for ex_id, ex_kind in exercises_on(site, page):
            found = BOOK.find(ex_id)
            assert found is not None, ex_id
            ex = found[1]
            if ex_kind != kind or (isinstance(ex, MultipleSelect) and all(o.correct for o in ex.options)):
                continue
            if where(ex):
                return page, ex
    raise AssertionError(f"no {kind} exercise in the built book")


def page_of(site: Path, ex_id: str) -> tuple[str, AnyExercise]:
    """The page that shows an exercise, and the exercise."""
    found = BOOK.find(ex_id)
    assert found is not None, ex_id
    return next(p for p in chapter_pages(site) if ex_id in dict(exercises_on(site, p))), found[1]


def fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def expected_status(ex: AnyExercise, response: Any) -> str:
    result = grade(ex, response)
    unit = "point" if result.max_score == 1 else "points"
    return f"{LABELS[result.status]}: {fmt(result.score)} of {fmt(result.max_score)} {unit}."


def wrong_response(ex: AnyExercise) -> Any:
    if isinstance(ex, SingleChoice):
        return next(o.id for o in ex.options if not o.correct)
    if isinstance(ex, MultipleSelect):
        return [next(o.id for o in ex.options if not o.correct)]
    if isinstance(ex, TrueFalse):
        return not ex.answer
    if isinstance(ex, ShortText):
        return "zzz not it"
    if isinstance(ex, Numeric):
        return f"{ex.value + 10 * ex.allowed_error + 1:g}"
    if isinstance(ex, Ordering):
        return [i.id for i in reversed(ex.items)]
    assert isinstance(ex, Matching)
    options = [o.id for o in ex.options]
    return {s.id: next(o for o in options if o != s.answer) for s in ex.stems}


def right_response(ex: AnyExercise) -> Any:
    if isinstance(ex, Numeric):
        unit = f" {ex.units[0].upper()}" if ex.units else ""
        return f"{ex.value:g}".replace(".", ",") + unit  # comma decimal and an upper-case unit
    if isinstance(ex, ShortText):
        return f"  {ex.accept[0].upper()}! "
    return key_response(ex)


# -- answering ----------------------------------------------------------------------------


def answer_with_mouse(page: Page, box: Locator, ex: AnyExercise, response: Any, check: bool = True) -> None:
    if isinstance(ex, SingleChoice | MultipleSelect | TrueFalse):
        chosen = response if isinstance(response, list) else [str(response).lower()]
        for opt in chosen:
            box.locator(f'label[for="{ex.id}-opt-{opt}"]').click()
    elif isinstance(ex, ShortText | Numeric):
        box.locator("input[type=text]").click()
        page.keyboard.type(response)
    elif isinstance(ex, Ordering):
        for position, item in enumerate(response, start=1):
            box.locator(f'select[data-item="{item}"]').select_option(str(position))
    else:
        for stem, option in response.items():
            box.locator(f'select[data-stem="{stem}"]').select_option(option)
    if check:
        box.locator(".checks-check").click()


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement.id || document.activeElement.className"))


def answer_with_keyboard(page: Page, box: Locator, ex: AnyExercise, response: Any) -> None:
    kb = page.keyboard
    if isinstance(ex, SingleChoice | TrueFalse):
        ids = [o.id for o in display_options(ex)] if isinstance(ex, SingleChoice) else ["true", "false"]
        box.locator("input").first.focus()
        kb.press("Space")
        for _ in range(ids.index(str(response).lower())):
            kb.press("ArrowDown")
    elif isinstance(ex, MultipleSelect):
        box.locator("input").first.focus()
        for n, option in enumerate(display_options(ex)):
            if n:
                kb.press("Tab")
            assert focused(page) == f"{ex.id}-opt-{option.id}"
            if option.id in response:
                kb.press("Space")
    elif isinstance(ex, ShortText | Numeric):
        box.locator("input[type=text]").focus()
        kb.type(response)
        kb.press("Enter")  # Enter in the answer field checks
        kb.press("Tab")  # and leaving the field keeps the result
        return
    elif isinstance(ex, Ordering | Matching):
        selects = box.locator("select")
        selects.first.focus()
        for n in range(selects.count()):
            if n:
                kb.press("Tab")
            select = selects.nth(n)
            if isinstance(ex, Ordering):
                steps = response.index(select.get_attribute("data-item")) + 1
            else:
                shown = [o.id for _, o in variants.lettered(ex)]  # the dropdown's order, the book's
                steps = shown.index(response[select.get_attribute("data-stem")]) + 1
            for _ in range(steps):
                kb.press("ArrowDown")
    check = box.locator(".checks-check")
    for _ in range(6):  # past the hint, to the Check button
        kb.press("Tab")
        if check.evaluate("e => e === document.activeElement"):
            break
    expect(check).to_be_focused()
    kb.press("Enter")


def read_back(box: Locator, ex: AnyExercise) -> Any:
    """The response the controls show, in the answer-sheet shape."""
    if isinstance(ex, SingleChoice | TrueFalse):
        checked = box.locator("input:checked")
        if checked.count() == 0:
            return None
        value = checked.get_attribute("value")
        return (value == "true") if isinstance(ex, TrueFalse) else value
    if isinstance(ex, MultipleSelect):
        return [i.get_attribute("value") for i in box.locator("input:checked").all()]
    if isinstance(ex, ShortText | Numeric):
        return box.locator("input[type=text]").input_value()
    if isinstance(ex, Ordering):
        placed = {s.get_attribute("data-item"): s.input_value() for s in box.locator("select").all()}
        return sorted((k for k, v in placed.items() if v), key=lambda k: int(placed[k]))
    return {s.get_attribute("data-stem"): s.input_value() for s in box.locator("select").all() if s.input_value()}


def assert_result(box: Locator, ex: AnyExercise, response: Any) -> None:
    result = grade(ex, response)
    expect(box.locator(".checks-status")).to_contain_text(expected_status(ex, response))
    expect(box).to_have_attribute("data-checks-status", result.status)
    assert float(box.get_attribute("data-checks-score") or "nan") == result.score
    shown = box.locator(".checks-feedback:not([hidden]), .checks-note:not(:empty)")
    assert shown.count() >= 1, "no feedback shown"
    if isinstance(ex, SingleChoice | MultipleSelect | TrueFalse):
        chosen = response if isinstance(response, list) else [str(response).lower()]
        parts = [f.get_attribute("data-part") for f in box.locator(".checks-feedback:not([hidden])").all()]
        assert sorted(parts) == sorted(chosen)
    solution = box.locator(".checks-solution")
    show = box.locator(".checks-show")
    expect(show).to_be_enabled()
    if result.status == "correct":
        expect(solution).to_be_visible()
    else:
        expect(solution).to_be_hidden()
        show.click()
        expect(solution).to_be_visible()
        expect(show).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
@pytest.mark.parametrize("kind", KINDS)
def test_answer_right_and_wrong(browser: Browser, site: Path, base_url: str, kind: str, how: str) -> None:
    page_name, ex = find_kind(site, kind)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    expect(box.locator(".checks-controls")).to_be_visible()
    expect(box.locator(".checks-show")).to_be_disabled()
    answer = answer_with_mouse if how == "mouse" else answer_with_keyboard

    right = right_response(ex)
    answer(page, box, ex, right)
    assert grade(ex, right).status == "correct"
    assert_result(box, ex, right)

    box.locator(".checks-clear").click()
    expect(box.locator(".checks-status")).to_have_text("")
    expect(box.locator(".checks-solution")).to_be_hidden()
    expect(box.locator(".checks-show")).to_be_disabled()
    assert read_back(box, ex) in (None, "", [], {})

    wrong = wrong_response(ex)
    answer(page, box, ex, wrong)
    assert grade(ex, wrong).status == "incorrect"
    assert_result(box, ex, wrong)
    status = expected_status(ex, wrong) + SHOW_NOW  # the answer is hidden again after a reload

    page.reload()
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    expect(box.locator(".checks-status")).to_have_text(status)
    assert grade(ex, read_back(box, ex)).score == grade(ex, wrong).score
    assert read_back(box, ex) == wrong
    context.close()
    watch.assert_clean()


def test_a_right_number_in_a_refused_unit_is_told_the_units_to_answer_in(
    browser: Browser, site: Path, base_url: str
) -> None:
    """ "23.3%" where percentage points are asked: the note names the units taken, and the feedback, which
    explains percentage points, is shown; the progress box says where the answers are kept."""
    page_name, ex = page_of(site, "c1-deaths-gap")
    assert isinstance(ex, Numeric) and "%" not in ex.units
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    box.locator("input[type=text]").fill(f"{ex.value:g}%")
    box.locator(".checks-check").click()
    expect(box.locator(".checks-status")).to_have_text(expected_status(ex, f"{ex.value:g}%") + SHOW_NOW)
    expected = "The unit “%” is not accepted here: answer in percentage points, pp or points."
    expect(box.locator(".checks-note")).to_have_text(expected)
    feedback = box.locator('.checks-feedback[data-part="incorrect"]')
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("percentage points")
    note = page.locator(".checks-summary-note")
    expect(note).to_have_text(
        "Your answers are kept only in this browser; download them to keep a copy or hand them in."
    )
    context.close()
    watch.assert_clean()


def test_partial_credit_and_invalid_answers(browser: Browser, site: Path, base_url: str) -> None:
    page_name, ex = find_kind(site, "ordering")
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    assert isinstance(ex, Ordering)
    items = [i.id for i in ex.items]
    box.locator(".checks-check").click()
    expect(box.locator(".checks-status")).to_have_text(re.compile(r"^Not checked\. Answer the question first"))
    box.locator(f'select[data-item="{items[0]}"]').select_option("1")
    box.locator(f'select[data-item="{items[1]}"]').select_option("1")
    box.locator(".checks-check").click()
    expect(box.locator(".checks-status")).to_have_text("Not checked. Two items share place 1: give each place once.")
    expect(box).to_have_attribute("data-checks-status", "invalid")
    expect(box.locator(".checks-show")).to_be_disabled()
    swapped = [items[1], items[0], *items[2:]]
    for position, item in enumerate(swapped, start=1):
        box.locator(f'select[data-item="{item}"]').select_option(str(position))
    box.locator(".checks-check").click()
    assert grade(ex, swapped).status == "partial"
    assert_result(box, ex, swapped)
    expect(box.locator(".checks-note")).to_contain_text("First item out of place")
    context.close()
    watch.assert_clean()


def test_an_incomplete_order_is_not_graded(
    browser: Browser, site: Path, base_url: str, tmp_path: Path, shots: Callable[[Page, str], Path]
) -> None:
    """Items without a place are not an answer yet: the page says how many are left and scores nothing,
    even where the places given are right. The answer sheet keeps the items placed, in order, as a
    pen would leave them on paper, and Python grades that partial list."""
    page_name, ex = page_of(site, "c3-cascade-order")
    assert isinstance(ex, Ordering) and len(ex.items) == 7
    items = [i.id for i in ex.items]
    assert grade(ex, [items[0], items[1], items[6]]).score > 0
    context, watch = open_context(browser, accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    status = box.locator(".checks-status")

    def place(*places: int) -> None:
        for n in places:
            box.locator(f'select[data-item="{items[n - 1]}"]').select_option(str(n))

    place(1, 2, 7)
    expect(status).to_have_text("4 items have no place yet.")
    box.locator(".checks-check").click()
    expect(status).to_have_text("Not checked. 4 items have no place yet.")
    expect(box).to_have_attribute("data-checks-status", "invalid")
    assert box.get_attribute("data-checks-score") is None
    expect(box.locator(".checks-note, .checks-feedback:not([hidden])")).to_be_hidden()
    expect(box.locator(".checks-show")).to_be_disabled()
    expect(page.locator(".checks-summary-text")).to_have_text(re.compile(r"^0 of \d+ exercises checked, 0 of "))
    page.mouse.move(0, 0)
    box.scroll_into_view_if_needed()
    shots(page, "ordering-no-place-yet-light")

    page.evaluate("localStorage.setItem('mode', 'dark')")
    page.reload()  # the places are kept as chosen, and still not graded
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    placed = {s.get_attribute("data-item"): s.input_value() for s in box.locator("select").all()}
    assert placed == {i: str(n) if n in (1, 2, 7) else "" for n, i in enumerate(items, start=1)}
    expect(status).to_have_text("4 items have no place yet.")
    assert box.get_attribute("data-checks-status") is None
    box.scroll_into_view_if_needed()
    shots(page, "ordering-no-place-yet-dark")
    with page.expect_download() as info:
        page.locator(".checks-download").click()
    sheet = tmp_path / info.value.suggested_filename
    info.value.save_as(sheet)
    assert json.loads(sheet.read_text(encoding="utf-8"))["answers"][ex.id] == [items[0], items[1], items[6]]
    [graded] = [r for r in graded_by_the_cli(sheet)["results"] if r["id"] == ex.id]
    assert (graded["status"], graded["score"]) == ("partial", grade(ex, [items[0], items[1], items[6]]).score)
    place(3, 4)
    expect(status).to_have_text("2 items have no place yet.")
    place(5)
    expect(status).to_have_text("1 item has no place yet.")
    place(6)
    expect(status).to_have_text("")
    box.locator(".checks-check").click()
    expect(status).to_have_text(expected_status(ex, items))
    context.close()
    watch.assert_clean()


def shown_labels(box: Locator) -> dict[str, str]:
    """The label of each piece of feedback on show (spaces and line breaks as one space), by its stem or option."""
    shown = box.locator(".checks-feedback:not([hidden])")
    return {
        fb.get_attribute("data-part") or "": " ".join(fb.locator(".checks-feedback-label").inner_text().split())
        for fb in shown.all()
    }


def verdicts(ex: Matching, response: dict[str, str]) -> dict[str, str]:
    """What the feedback on each answered stem should end with."""
    key = {s.id: s.answer for s in ex.stems}
    return {s: "Your match is right." if o == key[s] else "Your match is not right." for s, o in response.items()}


@pytest.mark.parametrize(
    ("edition", "ex_id"),
    [("reader", "c3-step-matching"), ("reader", "c7-research-matching"), ("instructor", "c3-step-matching")],
)
def test_matching_says_which_pairs_are_right(
    browser: Browser, built: Builds, served: Callable[[str], str], edition: str, ex_id: str
) -> None:
    """After Check, each item's feedback says in words whether its pair was right; the instructor edition's
    labelled feedback says so too."""
    site, base = built("html", edition).out, served(edition)
    page_name, ex = page_of(site, ex_id)
    assert isinstance(ex, Matching) and len(ex.stems) >= 4
    stems, options = [s.id for s in ex.stems], [o.id for o in ex.options]
    key = {s.id: s.answer for s in ex.stems}
    wrong = {s: next(o for o in options if o != key[s]) for s in stems}
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    status, note = box.locator(".checks-status"), box.locator(".checks-note")
    invite = SHOW_NOW if edition == "reader" else ""  # the instructor edition prints the answer open

    def check(response: dict[str, str]) -> None:
        for stem in stems:
            box.locator(f'select[data-stem="{stem}"]').select_option(response[stem])
        box.locator(".checks-check").click()
        result = grade(ex, response)
        expect(status).to_have_text(expected_status(ex, response) + ("" if result.correct else invite))
        expect(box).to_have_attribute("data-checks-status", result.status)
        expect(note).to_be_hidden()  # every item has a match: nothing to count
        got = shown_labels(box)
        assert sorted(got) == sorted(response), "feedback shown for other items than the answered ones"
        for stem, ending in verdicts(ex, response).items():
            assert got[stem].endswith(ending), (stem, got[stem])
            n = stems.index(stem) + 1
            assert got[stem].startswith(f"{n}. "), got[stem]  # which item, by its number
            if edition == "reader":
                label = box.locator(f'label[for="{ex.id}-stem-{stem}"]').inner_text()
                assert got[stem] == f"{n}. {label} {ending}"

    one_right = {**wrong, stems[0]: key[stems[0]]}
    check(one_right)
    assert grade(ex, one_right).status == "partial"

    # Checked again after changes: the words follow the new pairs.
    changed = {**key, stems[0]: wrong[stems[0]]}
    check(changed)

    page.reload()  # a checked answer is checked again on load, with the same words
    expect(status).to_have_text(expected_status(ex, changed) + invite)
    got = shown_labels(box)
    assert sorted(got) == sorted(changed)
    for stem, ending in verdicts(ex, changed).items():
        assert got[stem].endswith(ending), (stem, got[stem])

    check(wrong)
    check(key)

    box.locator(".checks-clear").click()
    expect(box.locator(".checks-feedback:not([hidden]), .checks-note:not(:empty)")).to_have_count(0)
    context.close()
    watch.assert_clean()


def test_a_half_done_matching_is_not_checked(
    browser: Browser, site: Path, base_url: str, tmp_path: Path, shots: Callable[[Page, str], Path]
) -> None:
    """Items without a match are not an answer yet, as items without a place are not: the page says how many are
    left, and Check refuses to grade, counts no try and leaves Show answer greyed out. The answer sheet keeps
    the pairs given, as a pen would leave them on paper, and Python grades them as it always has."""
    page_name, ex = page_of(site, "c3-step-matching")
    assert isinstance(ex, Matching) and len(ex.stems) == 5
    stems, key = [s.id for s in ex.stems], {s.id: s.answer for s in ex.stems}
    context, watch = open_context(browser, accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    status, show = box.locator(".checks-status"), box.locator(".checks-show")

    def match(*stems_to_match: str) -> None:
        for stem in stems_to_match:
            box.locator(f'select[data-stem="{stem}"]').select_option(key[stem])

    def not_checked() -> None:
        expect(box).to_have_attribute("data-checks-status", "invalid")
        assert box.get_attribute("data-checks-score") is None
        expect(box.locator(".checks-note, .checks-feedback:not([hidden])")).to_be_hidden()
        expect(show).to_be_disabled()
        expect(page.locator(".checks-summary-text")).to_have_text(re.compile(r"^0 of \d+ exercises checked, 0 of "))

    match(stems[0])
    expect(status).to_have_text("4 items have no match yet.")
    box.locator(".checks-check").click()
    expect(status).to_have_text("Not checked. 4 items have no match yet.")
    not_checked()
    box.locator(".checks-check").click()  # twice: still no try
    not_checked()
    page.mouse.move(0, 0)
    status.scroll_into_view_if_needed()
    shots(page, "matching-no-match-yet")

    page.reload()  # the pair is kept as chosen, and still not checked
    chosen = {s.get_attribute("data-stem"): s.input_value() for s in box.locator("select").all()}
    assert chosen == {s: key[s] if s == stems[0] else "" for s in stems}
    expect(status).to_have_text("4 items have no match yet.")
    assert box.get_attribute("data-checks-status") is None
    expect(show).to_be_disabled()
    with page.expect_download() as info:
        page.locator(".checks-download").click()
    sheet = tmp_path / info.value.suggested_filename
    info.value.save_as(sheet)
    partial = {stems[0]: key[stems[0]]}
    assert json.loads(sheet.read_text(encoding="utf-8"))["answers"][ex.id] == partial
    [graded] = [r for r in graded_by_the_cli(sheet)["results"] if r["id"] == ex.id]
    python = grade(ex, partial)
    assert python.status == "partial"  # the right pair earns its share on a sheet, as on paper
    assert (graded["status"], graded["score"]) == (python.status, python.score)

    match(*stems[1:4])
    expect(status).to_have_text("1 item has no match yet.")
    match(stems[4])
    expect(status).to_have_text("")
    box.locator(".checks-check").click()
    expect(status).to_have_text(expected_status(ex, key))
    expect(show).to_be_enabled()
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_matching_result_screenshots(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path], width: str, mode: str
) -> None:
    """A matching answered right and wrong: the status and the words right / not right under each item fit the
    width, in light and dark mode."""
    page_name, ex = page_of(site, "c3-step-matching")
    assert isinstance(ex, Matching)
    viewport = DESKTOP if width == "desktop" else PHONE
    context, watch = open_context(browser, viewport=viewport, mode=mode)
    page = context.new_page()
    page.goto(base_url + page_name)
    expect(page.locator("html")).to_have_attribute("data-theme", mode)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    right, *others = ex.stems
    response = {right.id: right.answer, **{s.id: next(o.id for o in ex.options if o.id != s.answer) for s in others}}
    answer_with_mouse(page, box, ex, response)
    expect(box.locator(".checks-status")).to_have_text(expected_status(ex, response) + SHOW_NOW)
    labels = box.locator(".checks-feedback:not([hidden]) .checks-feedback-label")
    expect(labels).to_have_count(len(ex.stems))
    expect(labels.nth(0)).to_contain_text("Your match is right.")
    expect(labels.nth(1)).to_contain_text("Your match is not right.")
    page.mouse.move(0, 0)
    # The second feedback at the bottom of the window: the status and the first two verdicts above it.
    box.locator(".checks-feedback:not([hidden])").nth(1).evaluate("e => e.scrollIntoView({block: 'end'})")
    shots(page, f"matching-result-{width}-{mode}")
    # Nothing sticks out sideways; each verdict is inside the box, on a line of its own under the item.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    outer = box.bounding_box()
    assert outer is not None
    for label in labels.all():
        item, verdict = label.locator("strong").bounding_box(), label.locator(".checks-verdict").bounding_box()
        assert item is not None and verdict is not None
        assert verdict["x"] == pytest.approx(item["x"]) and verdict["y"] >= item["y"] + item["height"] - 1
        assert outer["x"] <= verdict["x"] and verdict["x"] + verdict["width"] <= outer["x"] + outer["width"]
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("edition", ["reader", "student"])
def test_clashing_places_survive_a_reload(
    browser: Browser,
    built: Builds,
    served: Callable[[str], str],
    tmp_path: Path,
    shots: Callable[[Page, str], Path],
    edition: str,
) -> None:
    """Two items given one place, as happens while rearranging, are kept as chosen and said to clash.
    They are not an answer yet: the progress box does not count them and the answer sheet leaves them out."""
    site, base = built("html", edition).out, served(edition)
    page_name, ex = find_kind(site, "ordering")
    assert isinstance(ex, Ordering) and len(ex.items) >= 4
    items = [i.id for i in ex.items]
    chosen = {items[0]: "2", items[1]: "1", items[2]: "2"}
    clash = "Two items share place 2: give each place once."
    progress = re.compile(rf"^0 of {len(exercises_on(site, page_name))} exercises (answered$|checked, 0 of )")
    context, watch = open_context(browser, accept_downloads=True)
    page = context.new_page()
    page.goto(base + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    status, summary = box.locator(".checks-status"), page.locator(".checks-summary-text")
    for item, place in chosen.items():
        box.locator(f'select[data-item="{item}"]').select_option(place)
    expect(status).to_have_text(clash)
    expect(summary).to_have_text(progress)
    box.scroll_into_view_if_needed()
    shots(page, f"ordering-clash-{edition}-light")

    page.evaluate("localStorage.setItem('mode', 'dark')")
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    placed = {s.get_attribute("data-item"): s.input_value() for s in box.locator("select").all()}
    assert placed == {i: chosen.get(i, "") for i in items}
    expect(status).to_have_text(clash)
    expect(summary).to_have_text(progress)
    if edition == "reader":
        box.locator(".checks-check").click()
        expect(status).to_have_text("Not checked. " + clash)
        expect(box).to_have_attribute("data-checks-status", "invalid")
        expect(box.locator(".checks-show")).to_be_disabled()
        expect(summary).to_have_text(progress)
    page.mouse.move(0, 0)
    box.scroll_into_view_if_needed()
    shots(page, f"ordering-clash-{edition}-dark")

    with page.expect_download() as info:
        page.locator(".checks-download").click()
    sheet = tmp_path / info.value.suggested_filename
    info.value.save_as(sheet)
    assert ex.id not in json.loads(sheet.read_text(encoding="utf-8"))["answers"]
    context.close()
    watch.assert_clean()


def test_showing_the_answer_ends_the_invitation_to_show_it(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path]
) -> None:
    page_name, ex = find_kind(site, "single")
    wrong = wrong_response(ex)
    said = expected_status(ex, wrong)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    status, show = box.locator(".checks-status"), box.locator(".checks-show")
    answer_with_mouse(page, box, ex, wrong)
    expect(status).to_have_text(said + SHOW_NOW)
    show.click()
    expect(box.locator(".checks-solution")).to_be_visible()
    expect(status).to_have_text(said)
    page.mouse.move(0, 0)
    status.scroll_into_view_if_needed()
    shots(page, "answer-shown")
    show.click()  # hidden again: the status does not invite again
    expect(status).to_have_text(said)
    show.click()
    box.locator(".checks-check").click()  # checked again with the answer on screen
    expect(status).to_have_text(said)
    page.reload()  # the answer is hidden after a reload, and may be shown
    expect(status).to_have_text(said + SHOW_NOW)
    context.close()
    watch.assert_clean()


def description_in_chromium(page: Page, selector: str) -> str:
    """The description Chromium gives assistive technology for an element: its own computation, which reads
    an element that aria-describedby names even when that element is hidden."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    (ax, *_) = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
    cdp.detach()
    return str(ax.get("description", {}).get("value", ""))


@pytest.mark.parametrize(("width", "mode"), [("desktop", "light"), ("desktop", "dark"), ("phone", "light")])
def test_a_disabled_show_answer_says_why(
    browser: Browser,
    site: Path,
    base_url: str,
    axe_source: str,
    shots: Callable[[Page, str], Path],
    width: str,
    mode: str,
) -> None:
    """Until the exercise is tried, Show answer is disabled and the words beside it say why, in a colour that
    can be read; the button names them (aria-describedby). A try enables it and the words go, from the screen
    and from what a screen reader is told; Clear brings them back. They are never printed."""
    page_name, ex = find_kind(site, "single")
    viewport = DESKTOP if width == "desktop" else PHONE
    context, watch = open_context(browser, viewport=viewport, mode=mode)
    page = context.new_page()
    page.goto(base_url + page_name)
    selector = f'.checks-exercise[data-checks-id="{ex.id}"]'
    box = page.locator(selector)
    show, why = box.locator(".checks-show"), box.locator(".checks-why")

    def says_why(yes: bool) -> None:
        if yes:
            expect(show).to_be_disabled()
            expect(why).to_be_visible()
        else:
            expect(show).to_be_enabled()
        expect(why).to_have_text(WHY if yes else "", use_inner_text=True)
        assert description_in_chromium(page, selector + " .checks-show") == (WHY if yes else "")

    expect(page.locator(f"#{show.get_attribute('aria-describedby')}")).to_have_text(WHY)
    says_why(True)
    # Beside the buttons, below them once the row is full: inside the box, on the screen's width.
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    page.add_script_tag(content=axe_source)
    contrast = why.evaluate("e => axe.run(e, {runOnly: ['color-contrast']})")
    assert contrast["passes"] and contrast["violations"] == [], contrast["violations"]
    page.mouse.move(0, 0)
    box.locator(".checks-controls").scroll_into_view_if_needed()
    shots(page, f"show-answer-why-{width}-{mode}")
    page.emulate_media(media="print")
    expect(why).to_be_hidden()
    page.emulate_media(media="screen")

    box.locator(".checks-check").click()  # nothing answered: not a try
    expect(box.locator(".checks-status")).not_to_have_text("")
    says_why(True)
    answer_with_mouse(page, box, ex, wrong_response(ex))
    says_why(False)
    page.reload()  # the try is remembered
    says_why(False)
    box.locator(".checks-clear").click()
    says_why(True)
    context.close()
    watch.assert_clean()


def test_an_answer_printed_open_is_said_to_be_open(
    browser: Browser, built: Builds, served: Callable[[str], str]
) -> None:
    """The instructor edition prints each answer open: its button says so (Hide answer, expanded) and works from
    the start, a wrong answer is not invited to show what is shown, and Clear leaves the answer open."""
    site = built("html", "instructor").out
    page_name, ex = find_kind(site, "single")
    wrong = wrong_response(ex)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(served("instructor") + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    status, show, solution = box.locator(".checks-status"), box.locator(".checks-show"), box.locator(".checks-solution")
    expect(solution).to_be_visible()
    expect(show).to_have_text("Hide answer")
    expect(show).to_have_attribute("aria-expanded", "true")
    expect(show).to_be_enabled()
    assert show.get_attribute("aria-describedby") is None  # nothing to say why: never disabled
    expect(box.locator(".checks-why")).to_have_count(0)
    show.click()
    expect(solution).to_be_hidden()
    expect(show).to_have_text("Show answer")
    expect(show).to_have_attribute("aria-expanded", "false")
    show.click()
    expect(solution).to_be_visible()
    answer_with_mouse(page, box, ex, wrong)
    expect(status).to_have_text(expected_status(ex, wrong))  # no "You can now show the answer": it is shown
    box.locator(".checks-clear").click()
    expect(solution).to_be_visible()
    expect(show).to_have_text("Hide answer")
    expect(show).to_be_enabled()
    page.reload()
    expect(show).to_be_enabled()
    context.close()
    watch.assert_clean()


def test_the_blueprint_fits_a_desktop_page(browser: Browser, built: Builds, served: Callable[[str], str]) -> None:
    """The instructor edition's blueprint shows all its columns at desktop width, with no sideways scrolling, and
    its objectives, which head the rows, in ordinary type."""
    built("html", "instructor")
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(served("instructor") + "answers.html")
    table = page.locator("table.checks-blueprint")
    expect(table.locator("thead th")).to_have_count(8)
    box = table.locator("xpath=..")
    assert box.evaluate("e => e.scrollWidth - e.clientWidth") <= 0
    assert table.locator("th.stub").first.evaluate("e => getComputedStyle(e).fontWeight") == "400"
    context.close()
    watch.assert_clean()
    # Its styles are loaded by its own page alone, outside the budget of what every reader's page loads.
    blueprint_css = 'href="_static/checks-blueprint.css'
    instructor = built("html", "instructor").out
    assert blueprint_css in (instructor / "answers.html").read_text(encoding="utf-8")
    assert blueprint_css not in (instructor / "03-how-cancer-spreads.html").read_text(encoding="utf-8")
    assert (instructor / "_static" / "checks-blueprint.css").is_file()


# What a screen reader is given to say: each batch of changes to a live region, as the words that appear in it
# (added nodes and elements no longer hidden, in reading order); what goes away is not said, nor what changes in
# nodes moved out of it (which a MutationObserver still reports, until the moment it calls back).
LISTEN = """() => {
  window.said = [];
  for (const region of document.querySelectorAll('[aria-live]')) {
    new MutationObserver((records) => {
      const shown = records
        .flatMap((r) => (r.type === 'attributes' ? (r.target.hidden ? [] : [r.target]) : [...r.addedNodes]))
        .filter((n) => n.isConnected && region.contains(n));
      const words = shown
        .filter((n) => !shown.some((m) => m !== n && m.contains(n)))
        .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
        .map((n) => (n.nodeType === Node.ELEMENT_NODE ? n.innerText : n.textContent))
        .join(' ').replace(/\\s+/g, ' ').trim();
      if (words) window.said.push(words);
    }).observe(region, {subtree: true, childList: true, attributeFilter: ['hidden']});
  }
}"""


def said(page: Page, count: int) -> list[str]:
    """What the live regions have said so far, once they have said ``count`` things (and a moment more)."""
    page.wait_for_function(f"window.said.length >= {count}")
    page.wait_for_timeout(200)
    return list(page.evaluate("window.said"))


def press_check(page: Page, box: Locator) -> None:
    box.locator(".checks-check").focus()
    page.keyboard.press("Enter")


def accessibility_of(page: Page, selector: str) -> dict[str, str]:
    """Chromium's accessible name and description of the first element a selector finds.

    Playwright can match a role by its name but not by its description: Chromium's own accessibility tree, through
    the DevTools protocol, gives both, as a screen reader gets them.
    """
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
    return {key: " ".join(str(ax.get(key, {}).get("value", "")).split()) for key in ("name", "description")}


# The control an answer is given in, by kind, and the name its label or legend gives it.
CONTROLS = {
    "single": ("fieldset.checks-response", "Choose one answer"),
    "truefalse": ("fieldset.checks-response", "Choose one answer"),
    "multiple": ("fieldset.checks-response", "Choose all that apply; each wrong choice cancels a right one"),
    "text": (".checks-response input[type=text]", "Your answer"),
    "numeric": (".checks-response input[type=text]", "Your answer"),
    "ordering": ("fieldset.checks-response", "Give each item its place in the order (1 = first)"),
    "matching": ("fieldset.checks-response", "Match each item with an option."),
}


@pytest.mark.parametrize("kind", KINDS)
def test_an_answers_control_is_described_by_the_question(
    browser: Browser, site: Path, base_url: str, kind: str
) -> None:
    """A screen reader landing on an answer's box or group hears the question with how to answer, and a number's
    units: the prompt (and units) are the control's accessible description (aria-describedby)."""
    page_name, ex = find_kind(site, kind, lambda ex: not isinstance(ex, Numeric) or bool(ex.units))
    context, watch = open_context(browser)
    page = context.new_page()
    visit(page, base_url + page_name)
    box = f'.checks-exercise[data-checks-id="{ex.id}"]'
    control, name = CONTROLS[kind]
    question = " ".join(page.locator(f"{box} .checks-prompt").inner_text().split())
    if isinstance(ex, Numeric):
        question += f" (units: {', '.join(ex.units)})"
    found = accessibility_of(page, f"{box} {control}")
    assert found["description"] == question, found
    assert found["name"].startswith(name), found
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("kind", ["single", "text"])
def test_check_says_the_result_and_the_feedback_once(browser: Browser, site: Path, base_url: str, kind: str) -> None:
    """After Check a screen reader is told the result and then the feedback on the answer, in one polite
    message; the focus stays on Check. Checked again, both are said again; changing the answer says nothing."""
    page_name, ex = find_kind(site, kind)
    wrong = wrong_response(ex)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    page.evaluate(LISTEN)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    live = box.locator("[aria-live]")
    expect(live).to_have_count(1)
    expect(live).to_have_attribute("aria-live", "polite")

    answer_with_mouse(page, box, ex, wrong, check=False)
    press_check(page, box)
    feedback = box.locator(".checks-feedback:not([hidden])")
    expect(feedback).to_have_count(1)
    words = " ".join(feedback.inner_text().split())
    assert len(words) > 20, words
    if kind == "single":
        assert words.startswith("Your choice ("), words  # which answer the feedback is about
    expect(live).to_contain_text(words)
    message = f"{expected_status(ex, wrong)}{SHOW_NOW} {words}"
    assert said(page, 1) == [message]
    expect(box.locator("[role=status]")).to_have_count(1)  # no region inside another, to say it twice
    expect(box.locator(".checks-check")).to_be_focused()

    press_check(page, box)  # the same answer checked again: the same words, once more
    assert said(page, 2) == [message, message]

    if kind == "text":
        field = box.locator("input[type=text]")
        field.press("End")
        for key in "abc":  # each keystroke changes the answer: the result goes, silently
            field.press(key)
    else:
        box.locator("input:checked").press("ArrowDown")
    expect(feedback).to_have_count(0)
    expect(box.locator(".checks-status")).to_have_text("")
    assert said(page, 2) == [message, message]
    context.close()
    watch.assert_clean()


# Each exercise's id, the words its live region holds (shown: its hidden feedback is not read) and its status's.
REGIONS = """() => [...document.querySelectorAll('.checks-exercise')].map((box) => [
  box.dataset.checksId,
  box.querySelector('[aria-live]').innerText.trim(),
  box.querySelector('.checks-status').innerText,
])"""


def test_only_check_speaks(browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path]) -> None:
    """A screen reader is told what Check finds, and nothing else: the count of items left as an ordering's
    drop-downs change, and the results a page restores on load, are shown where no live region announces them.
    They look the same, in the same place."""
    page_name, ex = page_of(site, "c3-cascade-order")
    assert isinstance(ex, Ordering) and len(ex.items) == 7
    items = [i.id for i in ex.items]
    single = next(page_of(site, i)[1] for i, kind in exercises_on(site, page_name) if kind == "single")
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    page.evaluate(LISTEN)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    status, live = box.locator(".checks-status"), box.locator("[aria-live]")

    def corner() -> tuple[float, float]:
        """Where the status stands in its exercise."""
        found, outer = status.bounding_box(), box.bounding_box()
        assert found is not None and outer is not None
        return found["x"] - outer["x"], found["y"] - outer["y"]

    box.locator(f'select[data-item="{items[0]}"]').select_option("1")
    expect(status).to_have_text("6 items have no place yet.")
    expect(live).to_have_text("", use_inner_text=True)
    unsaid = corner()
    press_check(page, box)
    refused = "Not checked. 6 items have no place yet."
    expect(live).to_have_text(refused, use_inner_text=True)
    assert corner() == unsaid
    box.locator(f'select[data-item="{items[1]}"]').select_option("2")
    expect(status).to_have_text("5 items have no place yet.")
    expect(live).to_have_text("", use_inner_text=True)
    assert corner() == unsaid

    other = page.locator(f'.checks-exercise[data-checks-id="{single.id}"]')
    answer_with_mouse(page, other, single, wrong_response(single), check=False)
    press_check(page, other)
    first, second = said(page, 2)  # the first refusal and the other's result; not the count in between
    assert first == refused and second.startswith("Incorrect: "), (first, second)

    page.reload()  # each result restored on load is shown, and none is in a live region
    expect(status).to_have_text("5 items have no place yet.")
    expect(other.locator(".checks-status")).to_have_text(re.compile("^Incorrect: "))
    regions = {ex_id: (region, shown) for ex_id, region, shown in page.evaluate(REGIONS)}
    assert regions[ex.id][1] and regions[single.id][1]
    assert {region for region, _ in regions.values()} == {""}, regions
    assert corner() == unsaid
    page.mouse.move(0, 0)
    box.scroll_into_view_if_needed()
    shots(page, "ordering-count-unsaid")
    context.close()
    watch.assert_clean()


def test_print_shows_hints_and_each_result_with_its_feedback(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path]
) -> None:
    """Printed, a chapter's hints are open under their questions, as on paper, and a tried exercise prints its
    result with its feedback (it printed the feedback without the verdict); the buttons, the invitation to press
    one and the progress box are left out. On screen the hints are closed again."""
    page_name, ex = find_kind(site, "single", lambda e: e.hint is not None)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    wrong = wrong_response(ex)
    answer_with_mouse(page, box, ex, wrong)
    status, feedback = box.locator(".checks-status"), box.locator(".checks-feedback:not([hidden])")
    expect(status).to_have_text(expected_status(ex, wrong) + SHOW_NOW)
    hints = page.locator(".checks-hint-body")
    assert hints.count() >= 2
    expect(hints.first).to_be_hidden()

    page.emulate_media(media="print")
    for hint in hints.all():
        expect(hint).to_be_visible()
    expect(status).to_be_visible()
    expect(status).to_have_text(expected_status(ex, wrong), use_inner_text=True)  # nothing to press on paper
    expect(feedback).to_be_visible()
    expect(page.locator(".checks-controls:visible, .checks-summary:visible")).to_have_count(0)
    box.scroll_into_view_if_needed()
    shots(page, "printed-exercise")

    page.emulate_media(media="screen")
    expect(hints.first).to_be_hidden()
    # Where print style cannot open a hint (no ::details-content), the script opens each for the print and
    # closes it again after.
    closed = "[...document.querySelectorAll('.checks-hint')].filter((d) => !d.open).length"
    assert page.evaluate(closed) == hints.count()
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(closed) == 0
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(closed) == hints.count()
    context.close()
    watch.assert_clean()


def test_print_leaves_out_a_refused_check(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path]
) -> None:
    """A Check refused (nothing answered, or a matching with items left without a match) tells the reader on
    screen what to do, which means nothing on paper: print leaves those words out, and prints a result beside."""
    page_name, matching = page_of(site, "c3-step-matching")
    assert isinstance(matching, Matching)
    others = [i for i, kind in exercises_on(site, page_name) if kind == "single"]
    assert len(others) >= 2
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    boxes = {i: page.locator(f'.checks-exercise[data-checks-id="{i}"]') for i in (matching.id, *others[:2])}
    unanswered, graded, half_done = boxes[others[0]], boxes[others[1]], boxes[matching.id]
    unanswered.locator(".checks-check").click()
    expect(unanswered.locator(".checks-status")).to_have_text(
        "Not checked. Answer the question first, then press Check."
    )
    ex = BOOK.find(others[1])[1]  # type: ignore[index]
    wrong = wrong_response(ex)
    answer_with_mouse(page, graded, ex, wrong)
    half_done.locator(f'select[data-stem="{matching.stems[0].id}"]').select_option(matching.stems[0].answer)
    half_done.locator(".checks-check").click()
    expect(half_done.locator(".checks-status")).to_have_text("Not checked. 4 items have no match yet.")

    page.emulate_media(media="print")
    expect(unanswered.locator(".checks-status")).to_be_hidden()
    expect(half_done.locator(".checks-status")).to_be_hidden()
    expect(graded.locator(".checks-status")).to_be_visible()
    expect(graded.locator(".checks-status")).to_have_text(expected_status(ex, wrong), use_inner_text=True)
    half_done.scroll_into_view_if_needed()
    shots(page, "printed-refused-check")
    page.emulate_media(media="screen")
    expect(half_done.locator(".checks-status")).to_be_visible()
    context.close()
    watch.assert_clean()


def test_show_answer_takes_the_focus_to_the_answer(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path]
) -> None:
    """Show answer moves the focus to the answer it opens, past the result and the feedback, so a screen
    reader reads it next; the result is not said again. Hide answer and Check leave the focus where it is."""
    page_name, ex = find_kind(site, "single")
    wrong, right = wrong_response(ex), right_response(ex)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + page_name)
    page.evaluate(LISTEN)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    show, solution = box.locator(".checks-show"), box.locator(".checks-solution")
    expect(show).to_have_attribute("aria-controls", solution.get_attribute("id") or "no id")

    answer_with_mouse(page, box, ex, wrong, check=False)
    press_check(page, box)
    [message] = said(page, 1)
    show.focus()
    page.keyboard.press("Enter")
    expect(solution).to_be_visible()
    expect(solution).to_be_focused()
    expect(show).to_have_attribute("aria-expanded", "true")
    expect(box.locator(".checks-status")).to_have_text(expected_status(ex, wrong))  # no invitation now
    assert said(page, 1) == [message]
    assert solution.inner_text().startswith("Answer:")  # the first words read there
    solution.scroll_into_view_if_needed()
    shots(page, "answer-focused")

    show.focus()
    page.keyboard.press("Enter")  # hidden again: the focus stays on the button
    expect(solution).to_be_hidden()
    expect(show).to_be_focused()
    expect(show).to_have_attribute("aria-expanded", "false")

    answer_with_mouse(page, box, ex, right, check=False)
    press_check(page, box)  # right: the answer opens of itself, and the focus stays on Check
    expect(solution).to_be_visible()
    expect(box.locator(".checks-check")).to_be_focused()
    assert said(page, 2)[1].startswith(expected_status(ex, right) + " Your choice (")
    context.close()
    watch.assert_clean()


# -- memory and answer sheets ------------------------------------------------------------------


def richest_page(site: Path) -> str:
    return max(
        chapter_pages(site), key=lambda p: (len({k for _, k in exercises_on(site, p)}), -chapter_pages(site).index(p))
    )


def graded_by_the_cli(sheet: Path) -> dict[str, Any]:
    """``checks grade --json`` on one downloaded sheet: its report."""
    done = subprocess.run(
        [sys.executable, "-m", "checks", "grade", str(sheet), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)
    return dict(report)


def test_download_sheet_grades_like_the_page(browser: Browser, site: Path, base_url: str, tmp_path: Path) -> None:
    page_name = richest_page(site)
    context, watch = open_context(browser, accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + page_name)
    done: set[str] = set()
    answered: dict[str, Any] = {}
    for n, (ex_id, kind) in enumerate(exercises_on(site, page_name)):
        found = BOOK.find(ex_id)
        assert found is not None
        ex = found[1]
        if kind in done:
            continue
        done.add(kind)
        response = right_response(ex) if n % 2 == 0 else wrong_response(ex)
        box = page.locator(f'.checks-exercise[data-checks-id="{ex_id}"]')
        answer_with_mouse(page, box, ex, response)
        answered[ex_id] = response
        expect(box).to_have_attribute("data-checks-score", re.compile(r"."))
    assert len(answered) >= 5
    page_scores = {
        box.get_attribute("data-checks-id"): float(box.get_attribute("data-checks-score") or "nan")
        for box in page.locator(".checks-exercise[data-checks-score]").all()
    }
    assert set(page_scores) == set(answered)
    summary = page.locator(".checks-summary-text").inner_text()
    total = sum(page_scores.values())
    n_all = len(exercises_on(site, page_name))
    assert summary.startswith(f"{len(answered)} of {n_all} exercises checked, {fmt(total)} of ")
    page_max = float(re.search(r" of ([0-9.]+) points$", summary).group(1))  # type: ignore[union-attr]

    page.locator("#checks-student").fill("Ada Lovelace")
    with page.expect_download() as info:
        page.locator(".checks-download").click()
    sheet = tmp_path / info.value.suggested_filename
    info.value.save_as(sheet)
    assert sheet.name == f"answers-Ada-Lovelace-{page_name.removesuffix('.html')}.json"
    data = json.loads(sheet.read_text(encoding="utf-8"))
    assert data["student"] == "Ada Lovelace"
    assert set(data["answers"]) == set(answered)
    chapter = page_name.removesuffix(".html")
    assert data["chapters"] == [chapter]  # so that it is graded out of its chapter, without --chapter

    report = graded_by_the_cli(sheet)
    cli_scores = {r["id"]: r["score"] for r in report["results"] if r["id"] in answered}
    assert cli_scores == page_scores
    assert report["student"] == "Ada Lovelace"
    assert report["scope"] == [chapter]
    assert (report["score"], report["max_score"]) == (total, page_max)  # out of the points the page showed
    context.close()
    watch.assert_clean()


def test_corrupted_storage_is_ignored(browser: Browser, site: Path, base_url: str) -> None:
    page_name = chapter_pages(site)[0]
    ids = [i for i, _ in exercises_on(site, page_name)]
    junk = [
        "{not json",
        "null",
        "42",
        '"text"',
        "[1,2]",
        '{"response": {"__proto__": 1}, "checked": true}',
        '{"response": ["a", "a", 3], "checked": true, "tried": "yes"}',
        '{"checked": true}',
        '{"response": 12, "checked": true}',
        '{"response": null, "checked": true}',
    ]
    pairs = zip(ids, junk, strict=False)
    script = "".join(f"localStorage.setItem({json.dumps('checks:v1:' + i)}, {json.dumps(j)});" for i, j in pairs)
    script += "localStorage.setItem('checks:v1:student', '{bad');"
    context, watch = open_context(browser)
    context.add_init_script(f"if (location.protocol === 'http:') {{ {script} }}")
    page = context.new_page()
    page.goto(base_url + page_name)
    expect(page.locator(".checks-summary")).to_be_visible()
    expect(page.locator(".checks-summary-text")).to_have_text(re.compile(rf"^\d+ of {len(ids)} exercises checked"))
    for box in page.locator(".checks-exercise").all():
        expect(box.locator(".checks-controls")).to_be_visible()
        assert box.get_attribute("data-checks-status") in (None, "correct", "partial", "incorrect")
    assert page.locator("#checks-student").input_value() == ""
    context.close()
    watch.assert_clean()


# -- every page: errors, requests, accessibility ------------------------------------------------


SUMMARY_PLACE = """() => {
  const box = document.querySelector(".checks-summary"), all = [...document.querySelectorAll(".checks-exercise")];
  const follows = (ex) => !!(ex.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING);
  return { after_last: all.at(-1).nextElementSibling === box, after_every: all.every(follows) };
}"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_are_clean(browser: Browser, built: Builds, served: Callable[[str], str], edition: str) -> None:
    """Every page of every edition loads without a console error or a request to another host.

    Every exercise of every edition can be answered; the student edition's have nothing to check against.
    """
    site, base = built("html", edition).out, served(edition)
    checking = edition != "student"
    context, watch = open_context(browser)
    page = context.new_page()
    for name in pages_to_visit(site):
        visit(page, base + name)
        if name in chapter_pages(site):
            shown = len(exercises_on(site, name))
            assert shown, name
            expect(page.locator(".checks-summary")).to_have_count(1)
            # The progress box and the download follow the page's last exercise, where a student
            # ends: a reader meets the chapter's text first.
            assert page.evaluate(SUMMARY_PLACE) == {"after_last": True, "after_every": True}, name
            assert page.locator(".checks-controls:visible").count() == shown, name
            assert page.locator(".checks-check").count() == (shown if checking else 0), name
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path], width: str, mode: str
) -> None:
    page_name, ex = find_kind(site, "multiple")
    assert isinstance(ex, MultipleSelect)
    viewport = DESKTOP if width == "desktop" else PHONE
    context, watch = open_context(browser, viewport=viewport, mode=mode)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    answer_with_mouse(page, box, ex, [next(o.id for o in ex.options if o.correct)])
    expect(box.locator(".checks-status")).not_to_have_text("")
    page.mouse.move(0, 0)
    box.scroll_into_view_if_needed()
    path = shots(page, f"exercise-{width}-{mode}")
    assert path.stat().st_size > 20_000
    page.locator(".checks-summary").scroll_into_view_if_needed()
    shots(page, f"summary-{width}-{mode}")
    # Nothing sticks out sideways at any width.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    context.close()
    watch.assert_clean()


# -- the theme fix and the page without JavaScript -------------------------------------------------


def test_sidebar_toggles_work_on_phones(browser: Browser, site: Path, base_url: str) -> None:
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + chapter_pages(site)[0])
    for toggle, dialog in (
        (".primary-toggle", "#pst-primary-sidebar-modal"),
        (".secondary-toggle", "#pst-secondary-sidebar-modal"),
    ):
        visible = page.locator(f"{toggle}:visible")
        assert visible.count() >= 1
        visible.first.click()
        expect(page.locator(dialog)).to_have_attribute("open", "")
        expect(page.locator(f"{dialog} a").first).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator(dialog)).not_to_have_attribute("open", "")
    context.close()
    watch.assert_clean()


def test_sidebar_toggle_works_on_desktops(browser: Browser, site: Path, base_url: str) -> None:
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + chapter_pages(site)[0])
    sidebar = page.locator("#pst-primary-sidebar")
    expect(sidebar).to_be_visible()
    page.locator(".primary-toggle:visible").first.click()
    expect(sidebar).to_have_class(re.compile("pst-sidebar-hidden"))
    context.close()
    watch.assert_clean()


def test_the_sidebar_toggle_keeps_the_keyboard_focus_on_desktops(browser: Browser, site: Path, base_url: str) -> None:
    """Pressed with a key on a desktop, the sidebar toggle hides and shows the sidebar and keeps the focus (theme
    fix in theme-fixes.js; the theme blurs it on every click, which sent Tab back to the top of the page)."""
    context, watch = open_context(browser)
    page = context.new_page()
    visit(page, base_url + chapter_pages(site)[0])
    sidebar, toggle = page.locator("#pst-primary-sidebar"), page.locator(".primary-toggle:visible").first
    toggle.focus()
    page.keyboard.press("Enter")
    expect(sidebar).to_have_class(re.compile("pst-sidebar-hidden"))
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(sidebar).not_to_have_class(re.compile("pst-sidebar-hidden"))
    expect(toggle).to_be_focused()
    context.close()
    watch.assert_clean()


# A laptop's 1280 x 800 screen at 200% zoom: the theme's "Back to top" button shows below 1200 px.
ZOOMED = {"width": 640, "height": 400}

# The first control of an exercise, one that can take the focus, that the "Back to top" button, as it now shows,
# would overlap if it were moved to the button's height; the control's index among all such controls, or -1.
EXERCISE_CONTROLS = ".checks-exercise button, .checks-exercise input, .checks-exercise select"
UNDER_THE_BUTTON = """(selector) => {
  const button = document.getElementById('pst-back-to-top').getBoundingClientRect();
  const controls = [...document.querySelectorAll(selector)];
  return controls.findIndex((c) => { const r = c.getBoundingClientRect();
    return !c.disabled && r.width > 0 && r.left < button.right && button.left < r.right; });
}"""


def scroll_by(page: Page, pixels: float) -> None:
    """Scroll the window, as a reader does, and let the theme's scroll listener see it."""
    page.evaluate("(y) => window.scrollTo({ top: window.scrollY + y, behavior: 'instant' })", pixels)
    page.wait_for_timeout(150)


def test_back_to_top_never_covers_the_focus(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path]
) -> None:
    """At 200% zoom the theme's "Back to top" button shows over the page when the reader scrolls up; it hides when
    the focus comes to a control under it, and the theme does not show it again over the focus (theme-fixes.js),
    where it covered an exercise's buttons (WCAG 2.4.11)."""
    context, watch = open_context(browser, viewport=ZOOMED, device_scale_factor=2)
    page = context.new_page()
    visit(page, base_url + chapter_pages(site)[2])
    button = page.locator("#pst-back-to-top")
    scroll_by(page, 1500)
    scroll_by(page, -50)
    expect(button).to_be_visible()
    top = button.bounding_box()["y"]
    index = page.evaluate(UNDER_THE_BUTTON, EXERCISE_CONTROLS)
    assert index >= 0, "no exercise control lies across the button's width"
    control = page.locator(EXERCISE_CONTROLS).nth(index)
    # Put the control where the button shows, the last move a scroll up, as a reader reaches it.
    scroll_by(page, control.bounding_box()["y"] - top + 100)
    scroll_by(page, -100)
    expect(button).to_be_visible()
    box, under = button.bounding_box(), control.bounding_box()
    assert box["y"] < under["y"] + under["height"] and under["y"] < box["y"] + box["height"], (box, under)
    control.focus()
    expect(button).to_be_hidden()
    shots(page, "back-to-top-focus")
    # Scrolled down and up again with the focus where it was: the theme would show the button over it.
    scroll_by(page, 100)
    scroll_by(page, -100)
    expect(control).to_be_focused()
    expect(button).to_be_hidden()
    # Clear of the focus, the button shows again.
    scroll_by(page, 300)
    scroll_by(page, -200)
    expect(button).to_be_visible()
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("key", ["Enter", " "])
def test_the_colour_mode_button_keeps_the_keyboard_focus(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path], key: str
) -> None:
    """Opened with a key, the colour-mode menu leaves the focus on its button, from which Tab goes on into the menu
    and Escape closes it; a mode picked with a key returns the focus to the button (the theme fix in
    theme-fixes.js; the theme blurs the button on every click)."""
    context, watch = open_context(browser)
    page = context.new_page()
    visit(page, base_url + chapter_pages(site)[0])
    button, menu = page.locator(".theme-switch-button"), page.locator(".theme-switch-container .dropdown-menu")
    button.focus()
    page.keyboard.press(key)
    expect(menu).to_be_visible()
    expect(button).to_be_focused()
    shots(page, f"colour-mode-menu-{'space' if key == ' ' else key.lower()}")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press(key)
    dark = menu.locator(".theme-change-button[data-mode='dark']")
    while not page.evaluate("document.activeElement.dataset.mode === 'dark'"):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.theme-switch-container')"), "Tab left the menu"
    expect(dark).to_be_focused()
    page.keyboard.press(key)
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    context.close()
    watch.assert_clean()


# How an element shows that it has the focus: its outline (width, colour, offset and corners) and its box-shadow.
RING = """(e) => {
  const s = getComputedStyle(e);
  return { outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth), colour: s.outlineColor,
           offset: s.outlineOffset, corners: s.borderTopLeftRadius, shadow: s.boxShadow };
}"""


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the focus is on ``target``, as a keyboard user gets there."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_header_buttons_show_the_keyboard_focus(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path], width: str
) -> None:
    """Tabbed to, the sidebar toggle (☰) and the download menu are ringed as the theme rings the colour-mode
    button beside them (theme-fixes.css): without the theme's class for header icons, Bootstrap's button style took
    their outline away and left no ring at all."""
    context, watch = open_context(browser, viewport=DESKTOP if width == "desktop" else PHONE)
    page = context.new_page()
    visit(page, base_url + chapter_pages(site)[2])
    header = page.locator(".bd-header-article")
    rings = {}
    page.mouse.move(0, PHONE["height"] - 1)  # no tooltip over the ring
    # In the order Tab meets them, from the top of the page.
    for name, selector in (
        ("toggle", ".primary-toggle"),
        ("download", ".dropdown-download-buttons > .btn"),
        ("colour mode", ".theme-switch-button"),
    ):
        button = header.locator(selector)
        expect(button).to_be_visible()
        tab_to(page, button)
        rings[name] = button.evaluate(RING)
        shots(page, f"focus-{name.replace(' ', '-')}-{width}")
    theirs = rings.pop("colour mode")
    assert theirs["outline"] >= 2, theirs
    assert rings == {"toggle": theirs, "download": theirs}
    context.close()
    watch.assert_clean()


def test_the_download_menu_prints_the_page_and_offers_no_source(browser: Browser, site: Path, base_url: str) -> None:
    """The theme's download menu linked the page's MyST source (".md", with ``{exercise}`` where the exercises
    stand), which no reader can use: the book copies no sources, and the menu keeps its printout alone."""
    assert [p.name for p in (site / "_sources").rglob("*")] == []
    assert [name for name in top_pages(site) if "_sources/" in (site / name).read_text(encoding="utf-8")] == []
    context, watch = open_context(browser)
    context.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page = context.new_page()
    visit(page, base_url + chapter_pages(site)[0])
    menu = page.locator(".dropdown-download-buttons")
    menu.get_by_role("button", name="Download this page").click()
    items = menu.locator(".dropdown-menu .dropdown-item")
    expect(items).to_have_text([".pdf"])
    items.first.click()
    assert page.evaluate("window.printed") == 1
    context.close()
    watch.assert_clean()


# The Search buttons a reader sees, where each is (by the class of its place), and the top bar's height if it shows.
SEARCHES = """() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const header = document.querySelector('#pst-header');
  return {
    buttons: [...document.querySelectorAll('.search-button__button')].filter(shown)
      .map((el) => el.parentElement.className),
    bar: header && shown(header) ? header.getBoundingClientRect().height : 0,
  };
}"""


@pytest.mark.parametrize("width", ["desktop", "phone", "desktop without the sidebar"])
def test_one_search_button_at_every_width(browser: Browser, site: Path, base_url: str, width: str) -> None:
    """One Search button on screen, which opens search: the top bar held a second one on a desktop (two Search stops
    for Tab) and was an empty strip on a phone. With the sidebar collapsed, the article's header has it."""
    context, watch = open_context(browser, viewport=PHONE if width == "phone" else DESKTOP)
    page = context.new_page()
    visit(page, base_url + chapter_pages(site)[0])
    if width == "desktop without the sidebar":
        page.locator(".primary-toggle:visible").first.click()
        expect(page.locator("#pst-primary-sidebar")).to_be_hidden()  # at the end of its slide
    found = page.evaluate(SEARCHES)
    assert len(found["buttons"]) == 1 and found["bar"] == 0, found
    page.locator(".search-button__button:visible").click()
    expect(page.locator("#pst-search-dialog")).to_have_attribute("open", "")
    expect(page.locator("#pst-search-dialog input[type=search]")).to_be_focused()
    context.close()
    watch.assert_clean()


def test_every_search_result_has_a_summary(browser: Browser, base_url: str) -> None:
    """Results that point at an index entry get a summary too (the Sphinx fix in theme-fixes.js)."""
    context, watch = open_context(browser)
    page = context.new_page()
    visit(page, base_url + SEARCH)
    results = page.locator("#search-results li")
    anchored = results.locator("a[href*='#index-']")
    assert anchored.count() >= 3, "the query no longer finds index entries; pick another"
    expect(results.locator("p.context")).to_have_count(results.count())
    context.close()
    watch.assert_clean()


# The page's table of contents, its headings one after another, as a search excerpt quoted it.
TOC_TEXT = """() => [...document.querySelectorAll('#pst-page-toc-nav li')]
  .map((li) => li.querySelector('a').textContent.trim())"""


@pytest.mark.parametrize("query", ["bone", "oligometastatic"])
def test_search_excerpts_quote_the_text_not_the_navigation(
    browser: Browser, base_url: str, shots: Callable[[Page, str], Path], query: str
) -> None:
    """An excerpt is cut from the page's text, not from its table of contents or an exercise's controls (the
    Sphinx fix in theme-fixes.js); the PDF's start page, which sends readers to an appendix, is no result."""
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    visit(page, base_url + "05-treatment.html")
    toc = page.evaluate(TOC_TEXT)
    assert "Protecting the bones" in toc
    tocs = {"05-treatment.html": toc}
    visit(page, base_url + f"search.html?q={query}")
    shots(page, f"search-{query}-phone")
    results = page.locator("#search-results li").all()
    excerpts = {
        li.locator("a").first.get_attribute("href") or "": li.locator("p.context").inner_text() for li in results
    }
    assert len(excerpts) == len(results) > 3
    assert not [link for link in excerpts if link.startswith("book.html")], list(excerpts)
    for link, excerpt in excerpts.items():
        name = link.split("#")[0]
        if name not in tocs:
            visit(page, base_url + name)
            tocs[name] = page.evaluate(TOC_TEXT)
        quoted = [f"{a} {b}" for a, b in zip(tocs[name], tocs[name][1:], strict=False) if f"{a} {b}" in excerpt]
        assert quoted == [], f"{link}: {excerpt}"
        assert " · " not in excerpt and "Show answer Clear" not in excerpt, f"{link}: {excerpt}"
    assert query in excerpts["05-treatment.html"].lower()
    context.close()
    watch.assert_clean()


# -- tables and figures on a phone -----------------------------------------------------------------


def table_pages(site: Path) -> list[str]:
    return [p for p in top_pages(site) if "<caption>" in (site / p).read_text(encoding="utf-8")]


def test_table_captions_stay_on_a_phone_screen(browser: Browser, site: Path, base_url: str) -> None:
    """A table's caption wraps within the screen and stays there while its table scrolls sideways."""
    pages = table_pages(site)
    assert "06-prognosis-and-survival.html" in pages
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    wide = 0
    for name in pages:
        visit(page, base_url + name)
        boxes = page.locator(".pst-scrollable-table-container:has(> table > caption)")
        for n in range(boxes.count()):
            box = boxes.nth(n)
            box.scroll_into_view_if_needed()
            caption = box.locator("caption")
            for scroll in ("0", "box.scrollWidth"):
                box.evaluate(f"box => {{ box.scrollLeft = {scroll}; }}")
                edges = caption.evaluate("c => { const r = c.getBoundingClientRect(); return [r.left, r.right]; }")
                assert edges[0] >= 0 and edges[1] <= PHONE["width"], f"{name} table {n + 1}: caption at {edges}"
            wide += box.evaluate("box => box.scrollWidth > box.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    assert wide >= 2, "no table is wider than a phone: the test tests nothing"
    context.close()
    watch.assert_clean()


# What scrolls sideways on a page: the page itself, by how many pixels it is wider than the window, and the boxes
# in it that scroll, those that should not (only a table's box and a code block should) and those that should
# but that the keyboard cannot reach (the theme makes each one a tab stop).
SIDEWAYS = """() => {
  const meant = '.pst-scrollable-table-container, pre';
  const boxes = [...document.querySelectorAll('body *')].filter((el) => {
    const x = getComputedStyle(el).overflowX;
    return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth;
  });
  const name = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('');
  return {
    wider: document.documentElement.scrollWidth - innerWidth,
    unmeant: boxes.filter((el) => !el.matches(meant)).map(name),
    unreachable: boxes.filter((el) => el.matches(meant) && el.tabIndex < 0).map(name),
    boxes: boxes.length,
  };
}"""


def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, site: Path, base_url: str) -> None:
    """Web addresses in the reference list and long inline code (addresses, commands) wrap on a phone; only a wide
    table or code block scrolls, in a box of its own (theme-fixes.css, reference-list.css)."""
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    boxes = 0
    for name in top_pages(site):
        visit(page, base_url + name)
        found = page.evaluate(SIDEWAYS)
        assert found["wider"] <= 0, f"{name} is {found['wider']} px wider than a phone"
        assert found["unmeant"] == [] and found["unreachable"] == [], f"{name}: {found}"
        boxes += found["boxes"]
    assert boxes >= 10, "no table or code block scrolls on a phone: the test tests less than it should"
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("page_name", ["03-how-cancer-spreads.html", "glossary.html"])
def test_large_text_does_not_widen_a_phone_page(
    browser: Browser, base_url: str, shots: Callable[[Page, str], Path], page_name: str
) -> None:
    """With a phone's text scaled to 150%, a heading's long word ("micrometastasis"), a glossary term and the
    heading links after them wrap within the screen, and the previous and next links at the foot of the page show
    their titles whole, the next under the previous where both do not fit (theme-fixes.css)."""
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    visit(page, base_url + page_name)
    page.evaluate("document.documentElement.style.fontSize = '150%'")
    wide = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert wide[0] <= wide[1], f"{page_name} is {wide[0]} px wide on a {wide[1]} px screen"
    links = page.locator(".prev-next-area a")
    expect(links).to_have_count(2)
    for link in links.all():  # each clips what it cannot hold
        assert link.evaluate("a => a.scrollWidth <= a.clientWidth"), link.inner_text()
        found = link.bounding_box()
        assert found is not None and found["x"] >= 0 and found["x"] + found["width"] <= PHONE["width"]
    links.last.scroll_into_view_if_needed()
    shots(page, f"large-text-{page_name.removesuffix('.html')}")
    context.close()
    watch.assert_clean()


def test_large_text_widens_no_page_on_a_phone(
    browser: Browser, site: Path, base_url: str, shots: Callable[[Page, str], Path]
) -> None:
    """With a phone's text scaled to 150%, no page is wider than the screen (WCAG 1.4.10): the general index's two
    columns, which no longer fit side by side (561 px on a 390 px screen), stack, one under the other, and stay side
    by side on a desktop (theme-fixes.css)."""
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    pages = top_pages(site)
    for name in pages:
        visit(page, base_url + name)
        page.evaluate("document.documentElement.style.fontSize = '150%'")
        wide = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
        assert wide[0] <= wide[1], f"{name} is {wide[0]} px wide on a {wide[1]} px screen"
    visit(page, base_url + "genindex.html")
    page.evaluate("document.documentElement.style.fontSize = '150%'")
    columns = "table.genindextable > tbody > tr:has(> td + td)"
    assert page.locator(columns).count() >= 5, "the index has no rows of two columns: the test tests nothing"
    tops = "rows => rows.map(row => [...row.children].map(td => Math.round(td.getBoundingClientRect().top)))"
    assert all(first < second for first, second in page.locator(columns).evaluate_all(tops)), "not stacked"
    shots(page, "large-text-genindex")
    page.set_viewport_size(DESKTOP)
    page.evaluate("document.documentElement.style.fontSize = ''")
    assert all(first == second for first, second in page.locator(columns).evaluate_all(tops)), "not side by side"
    context.close()
    watch.assert_clean()


def edge_shades(page: Page, box: Locator) -> dict[str, int]:
    """How far the pixels at a table box's left and right edges differ from the same row away from the edges,
    in the top padding of the first row, where no text is."""
    points = box.evaluate("""box => {
      const b = box.getBoundingClientRect(), row = box.querySelector('tbody tr').getBoundingClientRect();
      const y = Math.round(row.top + 3), at = (x) => [Math.round(x), y];
      return {left: at(b.left + 3), right: at(b.right - 4), away: at(b.left + 40)};
    }""")
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    away = image.getpixel(tuple(points["away"]))
    return {
        side: sum(abs(a - b) for a, b in zip(image.getpixel(tuple(points[side])), away, strict=True))
        for side in ("left", "right")
    }


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_table_wider_than_a_phone_shows_that_it_scrolls(
    browser: Browser, base_url: str, shots: Callable[[Page, str], Path], mode: str
) -> None:
    """A shadow at the edge of a table box where there is more table to see, and none where the table ends."""
    context, watch = open_context(browser, viewport=PHONE, mode=mode)
    page = context.new_page()
    visit(page, base_url + "06-prognosis-and-survival.html")
    box = page.locator(".pst-scrollable-table-container:has(#tab-seer-distant-share)")
    box.scroll_into_view_if_needed()
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    shots(page, f"table-start-phone-{mode}")
    start = edge_shades(page, box)
    box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    page.wait_for_timeout(100)
    shots(page, f"table-end-phone-{mode}")
    end = edge_shades(page, box)
    assert start["right"] > 30 and start["left"] < 6, f"at the start: {start}"
    assert end["left"] > 30 and end["right"] < 6, f"at the end: {end}"
    context.close()
    watch.assert_clean()


def test_the_survival_chart_opens_full_size_and_gives_its_values(
    browser: Browser, base_url: str, shots: Callable[[Page, str], Path]
) -> None:
    """Fig. 6.1's labels are about 6 px high on a phone: tapped, the chart opens at full size, and its values are
    also a table under it, the data file's (the exercises read values from the chart)."""
    spec = importlib.util.spec_from_file_location("survival_chart", ROOT / "docs" / "figures" / "survival_chart.py")
    assert spec and spec.loader
    chart = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(chart)
    data = [
        [name, f"{value:.1f}%"] for name, value in chart.read_rows(ROOT / "docs" / "data" / "seer-distant-survival.csv")
    ]
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    visit(page, base_url + "06-prognosis-and-survival.html")
    figure = page.locator("#fig-seer-distant-survival")
    values = page.locator("#fig-seer-distant-survival + details")
    expect(values.locator("summary")).to_have_text("The chart’s values as a table")
    expect(values.locator("table")).to_be_hidden()
    values.locator("summary").click()
    expect(values.locator("table")).to_be_visible()
    values.scroll_into_view_if_needed()
    shots(page, "survival-values-phone")
    rows = values.locator("tbody tr").evaluate_all(
        "rows => rows.map((r) => [...r.cells].map((c) => c.innerText.trim()))"
    )
    assert rows == data
    expect(values.locator("a[href$='.csv']")).to_have_count(1)
    figure.locator("img").click()
    page.wait_for_url(re.compile(r"/_images/survival-chart\.svg$"))
    assert page.evaluate("document.documentElement.getAttribute('width')") == "760"
    context.close()
    watch.assert_clean()


def test_without_javascript_exercises_still_read(browser: Browser, site: Path, base_url: str) -> None:
    page_name, ex = find_kind(site, "single")
    context, _ = open_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + page_name)
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    expect(box.locator(".checks-number")).to_have_text(re.compile(r"^Exercise \d+\.\d+$"))
    expect(box.locator(".checks-prompt")).to_be_visible()
    expect(box.locator(".checks-prompt")).not_to_have_text("")
    options = box.locator("ol.checks-options > li")
    assert options.count() == len(ex.options)
    assert options.first.evaluate("li => getComputedStyle(li).listStyleType") == "lower-alpha"
    assert options.first.evaluate("li => getComputedStyle(li).display") == "list-item"
    expect(options.first.locator("label")).to_be_visible()
    expect(box.locator(".checks-controls")).to_be_hidden()
    expect(box.locator(".checks-solution")).to_be_hidden()
    assert page.locator(".checks-summary").count() == 0
    context.close()


def test_script_and_style_are_small(site: Path) -> None:
    """Pages load the extension's script and styles minified, within a budget (docs/contributing.md, "bytes")."""
    sources = {name: (STATIC / name).read_text(encoding="utf-8") for name in ("checks.js", "checks.css")}
    served = {name: (site / "_static" / name).read_text(encoding="utf-8") for name in sources}
    size = sum(len(text.encode("utf-8")) for text in served.values())
    assert 5_000 < size <= 25_000, f"checks.js + checks.css as served = {size} bytes (budget 25 KB)"
    for name, text in served.items():
        assert "/*" not in text and "\n  " not in text, f"{name} is served unminified"
        assert len(text) < 0.85 * len(sources[name]), name


def test_a_variant_keeps_true_before_false_and_feedback_in_the_lists_order(
    browser: Browser, site: Path, base_url: str
) -> None:
    """A student's sheet gives a true-or-false statement no letters and no order of its own: the page keeps True
    then False, unlettered. The feedback on several ticked options comes in the order the student's list shows."""
    page_name, ex = find_kind(site, "truefalse")
    context, watch = open_context(browser)
    page = context.new_page()
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    ids = "ol => [...ol.children].map(li => li.dataset.id)"
    style = "ol => getComputedStyle(ol.children[0]).listStyleType"
    visit(page, f"{base_url}/{page_name}")
    book = (box.locator(".checks-options").evaluate(ids), box.locator(".checks-options").evaluate(style))
    for student, seed in [("Ann", "7"), ("Cleo", "3"), ("Ann", "1"), ("s42", "2026")]:
        visit(page, f"{base_url}/{page_name}?student={student}&seed={seed}")
        assert (box.locator(".checks-options").evaluate(ids), box.locator(".checks-options").evaluate(style)) == book
    # "Next" keeps the student's variant, and so do the other pages' links; a link within the page stays one.
    # Served with a link to this page by its name, and one no address can be made of, before every other link.
    extra = f'<a id="self" href="{page_name}#top">top</a><a id="bad" href="http://exa mple.org/x.html">x</a>'

    def with_links(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("<body", extra + "<body", 1))

    page.route(f"**/{page_name}?*", with_links)
    visit(page, f"{base_url}/{page_name}?student=Ann%20Lee&seed=7")
    following = page.locator("a.right-next").get_attribute("href") or ""
    assert following.endswith(".html?student=Ann%20Lee&seed=7"), following
    assert (page.locator("#self").get_attribute("href") or "").endswith(f"/{page_name}?student=Ann%20Lee&seed=7#top")
    assert page.locator("#bad").get_attribute("href") == "http://exa mple.org/x.html"
    assert page.locator("a[href^='#']").count() > 3
    page.unroute(f"**/{page_name}?*")
    page.locator("a.right-next").click()
    page.wait_for_url("**/*?student=Ann%20Lee&seed=7")
    expect(page.locator("#checks-student")).to_have_value("Ann Lee")
    multiple = find_kind(site, "multiple", lambda e: sum(not o.correct for o in e.options) >= 2)[1]
    page_name = page_of(site, multiple.id)[0]
    box = page.locator(f'.checks-exercise[data-checks-id="{multiple.id}"]')
    for seed in map(str, range(1, 9)):
        visit(page, f"{base_url}/{page_name}?student=Ann&seed={seed}")
        shown = box.locator(".checks-options").evaluate(ids)
        for option in multiple.options:
            if not option.correct:  # two wrong options or more, each with its feedback
                box.locator(f'input[value="{option.id}"]').check()
        box.locator(".checks-check").click()
        box.locator(".checks-feedback:not([hidden])").first.wait_for()  # shown as the result is said
        told = box.locator(".checks-feedback:not([hidden])").evaluate_all("fs => fs.map(f => f.dataset.part)")
        assert len(told) > 1 and told == [i for i in shown if i in told], seed
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("kind", ["single", "multiple", "ordering", "matching"])
def test_page_shows_a_students_variant(browser: Browser, site: Path, base_url: str, kind: str) -> None:
    """Given ?student=…&seed=…, the page lists options in the order of that student's paper sheet."""
    page_name, ex = find_kind(site, kind)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(f"{base_url}/{page_name}?student=s42&seed=2026")
    box = page.locator(f'.checks-exercise[data-checks-id="{ex.id}"]')
    lists = ".checks-options, .checks-order-items, .checks-match-options"
    shown = box.locator(lists).first.evaluate("ol => [...ol.children].map(li => li.dataset.id)")
    assert shown == list(variants.letters(ex, "s42", "2026").values())
    assert box.locator(lists).first.evaluate("ol => getComputedStyle(ol.children[0]).listStyleType") == "upper-alpha"
    # The key names options by the book's letters, which this page does not show: it names them by text alone.
    display = "s => getComputedStyle(s).display"
    letter = box.locator(".checks-key .checks-letter").first
    assert letter.evaluate(display) == "none" and "(" in letter.evaluate("s => s.textContent")
    options = "s => [...s.options].slice(1).map(o => o.text)"
    if isinstance(ex, Matching):
        # The drop-downs letter their options as this page's list does, and in its order: no rival letters.
        texts = {o.id: o.text for o in ex.options}
        for select in box.locator("select[data-stem]").all():
            shown_letters = variants.letters(ex, "s42", "2026").items()
            assert select.evaluate(options) == [f"{letter}. {texts[i]}" for letter, i in shown_letters]
    if kind == "single":
        # The link names the student: the answer sheet's name is filled in, feedback uses the list's
        # capital letters, and what one student answers stays apart from the next one's.
        expect(page.locator("#checks-student")).to_have_value("s42")
        box.locator(".checks-options > li").first.locator("label").click()
        box.locator(".checks-check").click()
        label = box.locator(".checks-feedback:not([hidden]) .checks-feedback-label")
        expect(label).to_contain_text("Your choice (A): ")
        page.goto(f"{base_url}/{page_name}?student=s43&seed=2026")
        expect(page.locator("#checks-student")).to_have_value("s43")
        expect(box.locator(".checks-choices input:checked")).to_have_count(0)
        page.goto(f"{base_url}/{page_name}?student=s42&seed=2026")
        expect(box.locator(".checks-choices input:checked")).to_have_count(1)
        page.locator("#checks-student").fill("Sam Lee (s42)")  # a corrected name is kept for this student
        page.reload()
        expect(page.locator("#checks-student")).to_have_value("Sam Lee (s42)")
        page.goto(f"{base_url}/{page_name}?student=s42&seed=2027")  # a retake with a new seed starts afresh
        expect(box.locator(".checks-choices input:checked")).to_have_count(0)
    page.goto(f"{base_url}/{page_name}")  # without a variant: the book's own lettering
    assert box.locator(lists).first.evaluate("ol => getComputedStyle(ol.children[0]).listStyleType") == "lower-alpha"
    if isinstance(ex, Matching):
        book = [f"{letter}. {o.text}" for letter, o in variants.lettered(ex)]
        assert box.locator("select[data-stem]").first.evaluate(options) == book
    assert letter.evaluate(display) == "inline"
    if kind == "single":
        expect(box.locator(".checks-choices input:checked")).to_have_count(0)  # the reader's own answers
        expect(page.locator("#checks-student")).to_have_value("")  # and name: no student's name leaks here
    assert watch.errors == []
    context.close()


# -- the student edition: answers kept and handed in, never checked ------------------------------


def as_given(ex_id: str, response: Any) -> Any:
    """A response as compared: multiple-select choices come back in the order shown, which means nothing."""
    return sorted(response) if isinstance(BOOK.find(ex_id)[1], MultipleSelect) else response  # type: ignore[index]


def test_student_edition_keeps_answers_and_downloads_a_sheet(
    browser: Browser, built: Builds, served: Callable[[str], str], tmp_path: Path, shots: Callable[[Page, str], Path]
) -> None:
    site, base = built("html", "student").out, served("student")
    page_name = richest_page(site)
    on_page = exercises_on(site, page_name)
    context, watch = open_context(browser, accept_downloads=True)
    page = context.new_page()
    page.goto(base + page_name)
    expect(page.locator(".checks-summary-text")).to_have_text(f"0 of {len(on_page)} exercises answered")
    answered: dict[str, Any] = {}
    done: set[str] = set()
    for n, (ex_id, kind) in enumerate(on_page):
        if kind in done:
            continue
        done.add(kind)
        ex = BOOK.find(ex_id)[1]  # type: ignore[index]
        response = right_response(ex) if n % 2 == 0 else wrong_response(ex)
        box = page.locator(f'.checks-exercise[data-checks-id="{ex_id}"]')
        expect(box.locator(".checks-clear")).to_be_visible()
        assert box.locator(".checks-check, .checks-show, .checks-solution, .checks-feedback").count() == 0
        answer_with_mouse(page, box, ex, response, check=False)
        if isinstance(ex, ShortText | Numeric):
            page.keyboard.press("Enter")  # checks nothing here: there is no key
        answered[ex_id] = response
        expect(page.locator(".checks-summary-text")).to_have_text(
            f"{len(answered)} of {len(on_page)} exercises answered"
        )
        assert box.get_attribute("data-checks-status") is None
        expect(box.locator(".checks-status")).to_have_text("")
    assert len(answered) >= 5
    shots(page, "student-edition-answered")

    page.reload()  # answers are kept in the browser
    for ex_id, response in answered.items():
        box = page.locator(f'.checks-exercise[data-checks-id="{ex_id}"]')
        assert as_given(ex_id, read_back(box, BOOK.find(ex_id)[1])) == as_given(ex_id, response)  # type: ignore[index]
    expect(page.locator(".checks-summary-text")).to_have_text(f"{len(answered)} of {len(on_page)} exercises answered")
    page.locator(".checks-summary").scroll_into_view_if_needed()
    shots(page, "student-edition-progress")

    page.locator("#checks-student").fill("José / Grace")
    with page.expect_download() as info:
        page.locator(".checks-download").click()
    sheet = tmp_path / info.value.suggested_filename
    info.value.save_as(sheet)
    data = json.loads(sheet.read_text(encoding="utf-8"))
    assert sheet.name == f"answers-José-Grace-{page_name.removesuffix('.html')}.json"  # a class's files never clash
    assert data["student"] == "José / Grace"
    assert {i: as_given(i, r) for i, r in data["answers"].items()} == {i: as_given(i, r) for i, r in answered.items()}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", data["submitted"])
    assert data["chapters"] == [page_name.removesuffix(".html")]
    report = graded_by_the_cli(sheet)
    assert report["scope"] == data["chapters"]
    scores = {r["id"]: r["score"] for r in report["results"] if r["id"] in answered}
    assert scores == {i: grade(BOOK.find(i)[1], r).score for i, r in answered.items()}  # type: ignore[index]
    assert 0 < sum(scores.values()) < sum(BOOK.find(i)[1].points for i in answered)  # type: ignore[index]

    first = next(iter(answered))
    page.locator(f'.checks-exercise[data-checks-id="{first}"] .checks-clear').click()
    expect(page.locator(".checks-summary-text")).to_have_text(
        f"{len(answered) - 1} of {len(on_page)} exercises answered"
    )
    page.reload()
    assert read_back(page.locator(f'.checks-exercise[data-checks-id="{first}"]'), BOOK.find(first)[1]) in (  # type: ignore[index]
        None,
        "",
        [],
        {},
    )
    # A page from an older build, whose boxes name no chapter, hands in a sheet for the whole book,
    # never one with a chapter the grader cannot read.
    page.evaluate("document.querySelector('.checks-exercise').removeAttribute('data-checks-chapter')")
    with page.expect_download() as info:
        page.locator(".checks-download").click()
    older = tmp_path / "older" / info.value.suggested_filename
    info.value.save_as(older)
    assert "chapters" not in json.loads(older.read_text(encoding="utf-8"))
    assert graded_by_the_cli(older)["scope"] is None
    context.close()
    watch.assert_clean()


def test_student_edition_counts_a_half_done_answer_it_hands_in(
    browser: Browser, built: Builds, served: Callable[[str], str], tmp_path: Path
) -> None:
    """A matching with items left without a match, and an ordering with items left without a place, are
    answered as far as the answer sheet goes, which holds the pairs and places given: the progress box counts
    them as the download does. Two items in one place are not an answer, and neither counts nor goes in."""
    site, base = built("html", "student").out, served("student")
    page_name, matching = page_of(site, "c3-step-matching")
    ordering_page, ordering = page_of(site, "c3-cascade-order")
    assert ordering_page == page_name and isinstance(matching, Matching) and isinstance(ordering, Ordering)
    stems, items = [s.id for s in matching.stems], [i.id for i in ordering.items]
    of = f" of {len(exercises_on(site, page_name))} exercises answered"
    context, watch = open_context(browser, accept_downloads=True)
    page = context.new_page()
    page.goto(base + page_name)
    summary = page.locator(".checks-summary-text")
    match_box = page.locator(f'.checks-exercise[data-checks-id="{matching.id}"]')
    order_box = page.locator(f'.checks-exercise[data-checks-id="{ordering.id}"]')
    match_box.locator(f'select[data-stem="{stems[0]}"]').select_option(matching.stems[0].answer)
    expect(match_box.locator(".checks-status")).to_have_text("4 items have no match yet.")
    expect(summary).to_have_text("1" + of)
    order_box.locator(f'select[data-item="{items[0]}"]').select_option("2")
    expect(summary).to_have_text("2" + of)
    order_box.locator(f'select[data-item="{items[1]}"]').select_option("2")  # a clash: no answer yet
    expect(summary).to_have_text("1" + of)
    order_box.locator(f'select[data-item="{items[1]}"]').select_option("1")
    expect(summary).to_have_text("2" + of)
    page.reload()
    expect(summary).to_have_text("2" + of)
    with page.expect_download() as info:
        page.locator(".checks-download").click()
    sheet = tmp_path / info.value.suggested_filename
    info.value.save_as(sheet)
    answers = json.loads(sheet.read_text(encoding="utf-8"))["answers"]
    assert answers == {matching.id: {stems[0]: matching.stems[0].answer}, ordering.id: [items[1], items[0]]}
    context.close()
    watch.assert_clean()


def test_student_edition_keeps_its_answers_apart_from_the_reader_edition(
    browser: Browser, built: Builds, served: Callable[[str], str]
) -> None:
    """On one site the editions share the browser's storage: a class's answers are kept apart from the
    reader's own self-checks, and a "checked" state in them is restored as an answer, never checked."""
    site, base = built("html", "student").out, served("student")
    page_name = chapter_pages(site)[0]
    on_page = exercises_on(site, page_name)
    (first, _), (last, _) = on_page[0], on_page[-1]
    stored = {i: key_response(BOOK.find(i)[1]) for i in (first, last)}  # type: ignore[index]
    saved = {i: json.dumps({"response": r, "checked": True, "tried": True}) for i, r in stored.items()}
    reader = "".join(
        f"localStorage.setItem({json.dumps('checks:v1:' + i)}, {json.dumps(v)});" for i, v in saved.items()
    )
    context, watch = open_context(browser)
    context.add_init_script(f"if (location.protocol === 'http:') {{ {reader} }}")
    page = context.new_page()
    page.goto(base + page_name)
    expect(page.locator(".checks-summary-text")).to_have_text(f"0 of {len(on_page)} exercises answered")
    own = reader.replace("'checks:v1:", "'checks:v1:keyless:").replace('"checks:v1:', '"checks:v1:keyless:')
    page.evaluate(f"() => {{ {own} }}")
    page.reload()
    expect(page.locator(".checks-summary-text")).to_have_text(f"2 of {len(on_page)} exercises answered")
    for ex_id, response in stored.items():
        box = page.locator(f'.checks-exercise[data-checks-id="{ex_id}"]')
        assert as_given(ex_id, read_back(box, BOOK.find(ex_id)[1])) == as_given(ex_id, response)  # type: ignore[index]
        assert box.get_attribute("data-checks-status") is None
        expect(box.locator(".checks-status")).to_have_text("")
    context.close()
    watch.assert_clean()
