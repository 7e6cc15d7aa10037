"""The book as Chromium gives it to a screen reader, and as it reads without JavaScript.

Exercise titles are headings in Chromium's accessibility tree, one level below their section's, so that a
screen reader moves from exercise to exercise by heading; the page's contents list only sections. Without
JavaScript, a note before the first exercise says what the script does and where the edition's answers are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from checks.sphinxext.noscript import TITLE, note_text

from browsing import chapter_pages, open_context, visit
from builds import EDITIONS, Builds

pytestmark = pytest.mark.slow

# Each exercise's number, and one more than the level of the heading of the section that holds it.
EXPECTED = """() => [...document.querySelectorAll('.checks-exercise')].map((box) => {
  const heading = box.closest('section').querySelector(':scope > :is(h1, h2, h3, h4, h5, h6)');
  return [box.querySelector('.checks-number').textContent, Number(heading.tagName[1]) + 1];
})"""


def _ax_nodes(page: Page, role: str) -> list[dict[str, Any]]:
    """Every node of a role in Chromium's accessibility tree, as a screen reader is given it, in the page's order."""
    session = page.context.new_cdp_session(page)
    tree: dict[str, Any] = session.send("Accessibility.getFullAXTree")
    session.detach()
    # The nodes come in no particular order: the page's order is the tree's, walked depth first.
    nodes = {node["nodeId"]: node for node in tree["nodes"]}
    walk = [next(node for node in tree["nodes"] if "parentId" not in node)]
    found = []
    while walk:
        node = walk.pop()
        walk.extend(nodes[child] for child in reversed(node.get("childIds", [])) if child in nodes)
        if not node.get("ignored") and node.get("role", {}).get("value") == role:
            found.append(node)
    return found


def _ax_headings(page: Page) -> list[tuple[str, int]]:
    """Every heading of Chromium's accessibility tree, with its level, in the order of the page."""
    return [
        (node["name"]["value"], next(p["value"]["value"] for p in node["properties"] if p["name"] == "level"))
        for node in _ax_nodes(page, "heading")
    ]


def test_every_exercise_is_a_heading_one_below_its_section(browser: Browser, built: Builds, base_url: str) -> None:
    context, watch = open_context(browser)
    page = context.new_page()
    for name in chapter_pages(built("html").out):
        visit(page, base_url + name)
        expected: list[list[Any]] = page.evaluate(EXPECTED)
        assert expected, name
        # What a screen reader's list of headings holds for the exercises: each, in order, at its level.
        exercises = [(title, level) for title, level in _ax_headings(page) if title.startswith("Exercise ")]
        assert [(title.split(" ")[0] + " " + title.split(" ")[1], level) for title, level in exercises] == [
            (number, level) for number, level in expected
        ], name
        # As Playwright finds them by role, the way a test of a reader's page would.
        first_number, first_level = expected[0]
        named = re.compile(rf"^{re.escape(first_number)}(?!\d)")  # Exercise 3.1, not 3.12
        expect(page.get_by_role("heading", name=named, level=first_level)).to_have_count(1)
        # The page's contents, "On this page" and the printed page's list, name the sections alone, as before.
        for toc in (page.locator("#pst-page-toc-nav"), page.locator("#jb-print-toc")):
            assert toc.locator("a").count() > 1, name
            expect(toc).not_to_contain_text("Exercise")
    context.close()
    watch.assert_clean()


# The words of each exercise's buttons, by edition: the student edition has nothing to check or show, and the
# instructor edition prints each answer open.
BUTTONS = {
    "reader": ["Check", "Show answer", "Clear"],
    "student": ["Clear"],
    "instructor": ["Check", "Hide answer", "Clear"],
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_button_names_its_exercise(
    browser: Browser, built: Builds, served: Callable[[str], str], edition: str
) -> None:
    """A chapter holds a dozen rows of Check, Show answer and Clear (sixteen in chapter 6): in a screen reader's
    list of buttons each says whose it is, "Check Exercise 6.1", its own words first, and Show answer's name
    follows its words when it becomes Hide answer."""
    site, base = built("html", edition).out, served(edition)
    context, watch = open_context(browser)
    page = context.new_page()
    for name in chapter_pages(site):
        visit(page, base + name)
        numbers = page.locator(".checks-exercise .checks-number").all_inner_texts()
        assert numbers and all(re.fullmatch(r"Exercise \d+\.\d+", n) for n in numbers), numbers
        expected = [f"{words} {number}" for number in numbers for words in BUTTONS[edition]]
        assert _exercise_buttons(page) == expected, name
    if edition == "instructor":  # the answer hidden, its button's name says Show answer
        page.locator(".checks-show").first.click()
        assert _exercise_buttons(page)[1] == f"Show answer {numbers[0]}"
    context.close()
    watch.assert_clean()


def _exercise_buttons(page: Page) -> list[str]:
    """The names Chromium gives the page's buttons that name an exercise."""
    names = [node.get("name", {}).get("value", "") for node in _ax_nodes(page, "button")]
    return [name for name in names if "Exercise" in name]


@pytest.mark.parametrize("edition", EDITIONS)
def test_without_javascript_a_note_says_why_and_where_the_answers_are(
    browser: Browser, built: Builds, served: Callable[[str], str], edition: str
) -> None:
    site, base = built("html", edition).out, served(edition)
    words = note_text(edition, "appendix")
    for scripts in (False, True):
        context, _ = open_context(browser, java_script_enabled=scripts)
        page = context.new_page()
        for name in chapter_pages(site):
            visit(page, base + name)
            note = page.get_by_text(words, exact=True)
            if scripts:
                expect(note).to_have_count(0)  # inside <noscript>, it is neither shown nor in the page's text
                continue
            expect(note).to_be_visible()
            expect(page.locator(".checks-noscript .admonition-title")).to_have_text(TITLE)
            expect(page.locator(".checks-noscript")).to_have_count(1)
            first = page.locator(".checks-exercise").first
            assert note.bounding_box()["y"] < first.bounding_box()["y"], name  # type: ignore[index]
            # What it says of the answers is true of the page: printed open in the instructor edition alone.
            solutions = first.locator(".checks-solution")
            if edition == "instructor":
                expect(solutions).to_be_visible()
            elif edition == "reader":
                expect(solutions).to_be_hidden()
            else:
                expect(solutions).to_have_count(0)
        context.close()
