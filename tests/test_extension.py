"""The Sphinx extension on tiny projects: markup, numbering, warnings, dependencies, print layout."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from checks.sphinxext import assets, directives


def html_of(app: SphinxTestApp, doc: str) -> str:
    return (Path(app.outdir) / f"{doc}.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="basic")
def test_html_markup(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = html_of(app, "chapter")
    assert (
        '<p class="checks-title" role="heading" aria-level="2" id="b-single-title">'
        '<strong class="checks-number" id="b-single-number">Exercise 1.1</strong> '
    ) in page
    assert '<span class="checks-meta">Single choice · 1&#160;point</span>' in page
    assert (
        '<fieldset class="checks-response checks-choices" aria-describedby="b-single-prompt">'
        "<legend>Choose one answer</legend>"
    ) in page
    assert (
        '<input type="radio" name="b-single" id="b-single-opt-a" value="a"> <label for="b-single-opt-a">metastatic breast cancer</label>'
        in page
    )
    assert '<details class="checks-hint"><summary>Hint</summary>' in page
    assert '<div class="checks-controls" hidden>' in page
    assert '<div class="checks-solution" hidden id="b-single-solution" tabindex="-1">' in page
    assert '<button type="button" class="checks-show" id="b-single-show"' in page
    # Each button is named by its words and its exercise's number: "Check Exercise 1.1".
    assert (
        '<button type="button" class="checks-check" id="b-single-check" '
        'aria-labelledby="b-single-check b-single-number">Check</button>'
    ) in page
    assert "<p>Which term fits <strong>best</strong>?</p>" in page  # prompts are MyST
    data = [
        json.loads(chunk.split(">", 1)[1])
        for chunk in page.split('<script type="application/json" class="checks-data"')[1:]
        for chunk in [chunk.split("</script>")[0]]
    ]
    assert data[0] == {
        "id": "b-single",
        "kind": "single",
        "points": 1.0,
        "options": ["a", "b"],
        "key": ["a"],
        "tags": {"b": "names-by-site"},
    }
    assert '<select id="b-match-stem-prostate" data-stem="prostate">' in page
    assert "Exercise 1.2" in page and "Exercise 1.3" in page
    assert '<span class="std std-numref">Exercise 1.2</span>' in page
    assert "Learning objectives" in page and "Apply the <em>naming</em> rule." in page
    assert 'src="_static/checks.js' in page
    assert "In the web book, each exercise shows its answer" in html_of(app, "answers")


@pytest.mark.sphinx("html", testroot="basic")
def test_pages_load_the_script_and_styles_minified(app: SphinxTestApp) -> None:
    app.build()
    static = Path(app.outdir) / "_static"
    for name in ("checks.js", "checks.css"):
        source = (assets.SOURCES / name).read_text(encoding="utf-8")
        served = (static / name).read_text(encoding="utf-8")
        assert served == assets.minified(source, Path(name).suffix) and len(served) < 0.85 * len(source), name
    # The copies are written again only when they change: Sphinx sees the same file from build to build.
    copy = Path(app.doctreedir) / "checks-static" / "checks.js"
    written = copy.stat().st_mtime_ns
    assets.static_folder(app.doctreedir)
    assert copy.stat().st_mtime_ns == written


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"checks_minify_assets": False})
def test_pages_can_load_the_readable_script(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    for name in ("checks.js", "checks.css"):
        assert (Path(app.outdir) / "_static" / name).read_bytes() == (assets.SOURCES / name).read_bytes(), name


@pytest.mark.sphinx("html", testroot="basic")
def test_matching_drop_downs_letter_their_options_as_the_list_does(app: SphinxTestApp) -> None:
    """A phone cuts an option's long text short in a drop-down: its letter, as the list above prints it,
    tells two such picks apart."""
    app.build()
    page = html_of(app, "chapter")
    listed = page.split('<ol class="checks-match-options" type="a">')[1].split("</ol>")[0]
    ids = re.findall(r'<li data-id="([^"]+)">', listed)
    assert sorted(ids) == ["bone", "liver"]
    texts = {"bone": "Bone", "liver": "Liver"}
    options = "".join(f'<option value="{i}">{letter}. {texts[i]}</option>' for letter, i in zip("ab", ids, strict=True))
    for stem in ("prostate", "colon"):
        select = f'<select id="b-match-stem-{stem}" data-stem="{stem}"><option value="">Choose…</option>'
        assert select + options + "</select>" in page


WHY = "Show answer works once you have checked your answer."


@pytest.mark.sphinx("html", testroot="basic")
def test_a_disabled_show_answer_names_the_words_that_say_why(app: SphinxTestApp) -> None:
    """Show answer starts disabled; it names (aria-describedby) the words that say why, last in the row so that
    no button moves when they go, and inside an element of their own, which checks.css hides once the button is
    enabled (a screen reader still reads a hidden element that aria-describedby names, not its hidden words)."""
    app.build()
    page = html_of(app, "chapter")
    assert page.count(WHY) == page.count('class="checks-show"') == 3
    assert (
        '<button type="button" class="checks-show" id="b-single-show" aria-labelledby="b-single-show b-single-number" '
        'aria-controls="b-single-solution" aria-expanded="false" aria-describedby="b-single-why" disabled>'
        "Show answer</button> "
        '<button type="button" class="checks-clear" id="b-single-clear" aria-labelledby="b-single-clear b-single-number">'
        f'Clear</button> <span class="checks-why" id="b-single-why"><span>{WHY}</span></span></div>'
    ) in page


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"checks_edition": "instructor"})
def test_an_answer_printed_open_has_no_words_on_why_it_is_disabled(app: SphinxTestApp) -> None:
    """Its button (Hide answer) works from the start."""
    app.build()
    page = html_of(app, "chapter")
    assert page.count('aria-expanded="true">Hide answer</button>') == 3
    # The answer controls are described by their prompts, Hide answer by nothing.
    assert '-why"' not in page and "checks-why" not in page and WHY not in page


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"checks_edition": "student"})
def test_the_student_edition_has_no_words_on_why_it_is_disabled(app: SphinxTestApp) -> None:
    """It has no Show answer button."""
    app.build()
    page = html_of(app, "chapter")
    assert len(re.findall(r'<button type="button" class="checks-clear" [^>]*>Clear</button></div>', page)) == 3
    assert "checks-show" not in page and "checks-why" not in page and WHY not in page


LIVE_REGION = '<div class="checks-result" role="status" aria-live="polite" aria-atomic="false">'


@pytest.mark.sphinx("html", testroot="basic")
def test_one_live_region_holds_the_result_and_the_feedback(app: SphinxTestApp) -> None:
    """After Check a screen reader says the result and the feedback on the answer: one polite region holds the
    status, the note and every piece of feedback, and ends before the answer, which Show answer opens."""
    app.build()
    page = html_of(app, "chapter")
    exercises = page.split('<div aria-labelledby="')[1:]
    assert len(exercises) == 3
    for exercise in exercises:
        region = exercise.split(LIVE_REGION)[1].split('<div class="checks-solution"')[0]
        assert region.startswith('<div class="checks-status"></div><div class="checks-note"></div>\n')
        assert region.count("<div") == region.count("</div>") - 1  # the region's own end
        assert region.count('class="checks-feedback"') == exercise.count('class="checks-feedback"')
    assert [e.count('class="checks-feedback"') for e in exercises] == [2, 0, 2]  # the order has none
    assert page.count("<div") == page.count("</div>")
    assert page.count("aria-live") == page.count('role="status"') == 3  # none nested


@pytest.mark.sphinx("html", testroot="basic")
def test_feedback_is_boxed_as_the_page_is_written_not_as_it_is_read(app: SphinxTestApp) -> None:
    """The saved doctree keeps each feedback's text without the box it is shown in (hundreds of nodes fewer for
    the reading's transforms); the written page has the box around the text of every feedback, once."""
    from docutils import nodes

    from checks.sphinxext import nodes as cn

    app.build()
    read = app.env.get_doctree("chapter")
    feedback = list(read.findall(cn.checks_feedback))
    assert feedback and not any(isinstance(child, nodes.container) for f in feedback for child in f.children)
    page = html_of(app, "chapter")
    assert page.count('class="checks-feedback"') == page.count('class="checks-feedback-body docutils container"')
    assert page.count('class="checks-feedback"') == len(feedback)
    boxed = feedback[0].deepcopy()
    cn.box_feedback(boxed)
    cn.box_feedback(boxed)  # a second time changes nothing
    [box] = boxed.children
    assert isinstance(box, nodes.container) and box["classes"] == [cn.FEEDBACK_BODY]
    assert box.astext() == feedback[0].astext()


@pytest.mark.sphinx("epub", testroot="basic", confoverrides={"checks_answers": "inline"})
def test_printed_feedback_has_no_live_region(app: SphinxTestApp) -> None:
    """Without controls (a book to print or read offline) the feedback is printed with the answer, in no region."""
    app.build()
    page = (Path(app.outdir) / "chapter.xhtml").read_text(encoding="utf-8")
    assert "Named after the primary." in page and "checks-result" not in page and "tabindex" not in page
    assert page.count("<div") == page.count("</div>")


@pytest.mark.sphinx("html", testroot="basic")
def test_bank_is_a_dependency_of_the_pages_that_use_it(app: SphinxTestApp, make_app: Any) -> None:
    app.build()
    bank = str(Path(app.srcdir) / "exercises" / "chapter.yaml")
    assert any(str(dep).endswith("exercises/chapter.yaml") for dep in app.env.dependencies["chapter"])
    assert not app.env.dependencies.get("other")
    time.sleep(0.01)
    Path(bank).write_text(Path(bank).read_text().replace("Order the steps.", "Put the steps in order."))
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    assert again.env.found_docs and "Put the steps in order." in html_of(again, "chapter")
    read = again._status.getvalue()
    assert "chapter" in read.split("reading sources")[1].split("\n")[0] + read
    assert "other" not in read.split("reading sources", 1)[1].split("looking for now-outdated", 1)[0]


def _project(tmp_path: Path, root: str = "basic") -> Path:
    """A copy of a test root of its own, for builds that edit files between runs."""
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / f"test-{root}", src)
    return src


def test_an_exercise_s_source_is_a_citation_on_a_rest_page_as_on_a_myst_page(tmp_path: Path, make_app: Any) -> None:
    """The source under an exercise is the citation role's own result, on a reST page too: the page's parser was
    once asked to read ``{cite:t}`key```, which only MyST reads as a role, so a reST page printed it as written."""
    src = tmp_path / "src"
    (src / "exercises").mkdir(parents=True)
    bank = (Path(__file__).parent / "roots" / "test-basic" / "exercises" / "chapter.yaml").read_text(encoding="utf-8")
    (src / "exercises" / "chapter.yaml").write_text(bank, encoding="utf-8")
    (src / "refs.bib").write_text("@misc{key, author = {Ann Author}, title = {A Page}, year = {2020}}\n")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "checks"]\nnumfig = True\n'
        'bibtex_bibfiles = ["refs.bib"]\nchecks_banks = "exercises"\n',
        encoding="utf-8",
    )
    toctree = ".. toctree::\n   :numbered: 1\n\n   chapter\n\n.. bibliography::\n"
    (src / "index.rst").write_text(f"Book\n====\n\n{toctree}", encoding="utf-8")
    (src / "chapter.rst").write_text("Chapter\n=======\n\n.. exercises:: chapter\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _warnings(app) == []
    source = html_of(app, "chapter").split('<p class="checks-source">')[1].split("</p>")[0]
    assert "{cite" not in source and "Author" in source and 'href="index.html#' in source, source


def test_each_answer_control_is_described_by_its_prompt(tmp_path: Path, make_app: Any) -> None:
    """An answer's input or fieldset is named only by how to answer ("Your answer", "Choose one answer"): it names
    the exercise's prompt, and a number's units, as its description, by ids that are unique on the page."""
    src = _project(tmp_path)
    shutil.copy(Path(__file__).parent / "data" / "bank.yaml", src / "exercises" / "sample.yaml")
    (src / "sample.md").write_text("# Sample\n\n```{exercises} sample\n```\n", encoding="utf-8")
    _edit(src / "index.md", "other\n", "other\nsample\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _warnings(app) == []
    page = html_of(app, "sample")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
    described: dict[str, list[str]] = {}
    for box in re.split(r'<div (?=[^>]*class="checks-exercise )', page)[1:]:
        match = re.search(r'data-checks-id="([^"]+)"', box)
        assert match is not None
        ex_id = match[1]
        found = re.findall(r'<(?:fieldset|input) [^>]*aria-describedby="([^"]+)"', box)
        assert len(found) == 1, (ex_id, found)
        described[ex_id] = found[0].split()
        assert f'<div class="checks-prompt docutils container" id="{ex_id}-prompt">' in box
    assert described == {
        ex_id: [f"{ex_id}-prompt", f"{ex_id}-units"] if ex_id == "t-numeric" else [f"{ex_id}-prompt"]
        for ex_id in described
    }
    assert len(described) == 9
    assert '<span class="checks-units" id="t-numeric-units">(units: percentage points, pp, %)</span>' in page


def _with_bibliography(src: Path) -> None:
    """The project with sphinxcontrib-bibtex, a bibliography of one key (``key``) and a page that prints it."""
    _edit(src / "conf.py", '"checks"]', '"checks", "sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]')
    (src / "refs.bib").write_text("@book{key, title={A Book}, author={Ann Author}, year={2020}, publisher={P}}\n")
    _edit(src / "other.md", "No exercises here.", "```{bibliography}\n```")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))  # coarse file-system clocks


def _settled(*paths: Path) -> None:
    """Date files long before the first build: _edit dates them ahead, so a second build would take them as edited."""
    for path in paths:
        os.utime(path, (0, 0))


def _warnings(app: SphinxTestApp) -> list[str]:
    """The build's warnings, less those a second app in one process gives for Sphinx's own nodes."""
    return [w for w in app.warning.getvalue().splitlines() if "WARNING" in w and "while setting up extension" not in w]


def test_fixing_a_broken_bank_reads_its_pages_again(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "    prompt: Order the steps.", "    promt: Order the steps.")
    broken = make_app("html", srcdir=src, freshenv=True)
    broken.build()
    assert "invalid exercise bank" in broken.warning.getvalue()
    assert "checks-exercise" not in html_of(broken, "chapter")
    _edit(bank, "    promt: Order the steps.", "    prompt: Order the steps.")
    fixed = make_app("html", srcdir=src, freshenv=False)
    fixed.build()
    assert _warnings(fixed) == []
    assert "Order the steps." in html_of(fixed, "chapter")
    assert "Exercise 1.3" in html_of(fixed, "chapter")


def test_a_page_not_in_utf8_is_told_at_its_byte_and_left_out(
    tmp_path: Path, make_app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page saved as Latin-1 stopped the whole build with a traceback. It is told at the line of its first such
    byte, in the words `checks validate` has for a bank, and left out; the rest of the book builds (with -W, it
    fails on the warning), the exercises it would place are not told unplaced, and once saved as UTF-8 the page is
    read in the next build."""
    from sphinx.cmd.build import build_main

    src = _project(tmp_path)
    page = src / "chapter.md"
    _edit(src / "other.md", "No exercises here.", "See {numref}`b-order`.")
    page.write_bytes(page.read_text(encoding="utf-8").replace("Some text", "Som\xe9 text").encode("latin-1"))
    offset = page.read_bytes().index(b"\xe9")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert [re.sub(r"\x1b\[[0-9;]*m", "", w) for w in _warnings(app)] == [
        f"{page}:7: WARNING: not UTF-8 text (bad byte 0xE9 at offset {offset}): save the file as UTF-8; the page is"
        " left out of this build [checks.encoding]",
        # Sphinx's own, of what the page would have given: nothing says the exercises are placed on no page.
        f"{src / 'index.md'}:3: WARNING: toctree contains reference to nonexisting document 'chapter'"
        " [toc.not_readable]",
        f"{src / 'other.md'}:3: WARNING: undefined label: 'b-order' [ref.numref]",
    ]
    assert (Path(app.outdir) / "other.html").exists() and not (Path(app.outdir) / "chapter.html").exists()
    capsys.readouterr()
    assert build_main(["-q", "-W", "-b", "html", str(src), str(tmp_path / "strict")]) == 1
    assert "Traceback" not in capsys.readouterr().err
    page.write_text(page.read_bytes().decode("latin-1"), encoding="utf-8")
    fixed = make_app("html", srcdir=src, freshenv=False)
    fixed.build()
    assert _warnings(fixed) == []
    assert "Som\xe9 text" in html_of(fixed, "chapter") and "Exercise 1.2" in html_of(fixed, "other")


def _second_chapter(src: Path) -> Path:
    """A second chapter, numbered 2, with its own valid bank (ids ``s-…``); returns the bank's file."""
    (src / "second.md").write_text("# Second\n\n```{objectives}\n```\n\n```{exercises} second\n```\n")
    _edit(src / "index.md", "chapter\nother\n", "chapter\nsecond\nother\n")
    bank = src / "exercises" / "second.yaml"
    text = (src / "exercises" / "chapter.yaml").read_text(encoding="utf-8")
    bank.write_text(text.replace("chapter: chapter", "chapter: second").replace("id: b-", "id: s-"))
    _settled(bank, src / "second.md", src / "index.md")
    return bank


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    prompt: Order the steps.", "    promt: Order the steps."),  # read, but not valid
        ("title: Chapter", "title: 'Chapter"),  # not even YAML: its ids and chapter are read as text
    ],
)
def test_a_broken_bank_hides_only_its_own_exercises(tmp_path: Path, make_app: Any, old: str, new: str) -> None:
    """The other chapters show theirs, numbered as usual; the broken bank's problems are its only warnings, once,
    whatever the pages name of it; fixing it reads its pages again, and only those that wait for it."""
    src = _project(tmp_path)
    _second_chapter(src)
    _edit(src / "other.md", "No exercises here.", "See {numref}`b-match` and {numref}`s-match`.")
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, old, new)
    broken = make_app("html", srcdir=src, freshenv=True)
    broken.build()
    warnings = _shown(broken)
    assert len(warnings) == 1 and "chapter.yaml:" in warnings[0] and "[checks.bank]" in warnings[0], warnings
    chapter, second = html_of(broken, "chapter"), html_of(broken, "second")
    assert "checks-exercise" not in chapter and "Learning objectives" not in chapter
    assert "Learning objectives" in second
    assert [f"Exercise 2.{n}" in second for n in (1, 2, 3)] == [True, True, True]
    other = html_of(broken, "other")
    assert '<span class="std std-numref">Exercise 2.3</span>' in other and "b-match" in other

    _edit(bank, new, old)
    fixed = make_app("html", srcdir=src, freshenv=False)
    fixed.build()
    assert _warnings(fixed) == []
    read = fixed._status.getvalue().split("reading sources", 1)[1].split("looking for now-outdated", 1)[0]
    assert "chapter" in read and "second" not in read
    assert "Exercise 1.3" in html_of(fixed, "chapter") and "Learning objectives" in html_of(fixed, "chapter")
    assert "Exercise 2.3" in html_of(fixed, "second")


BOTH_LEFT_OUT = "both banks are left out of the book until one is renamed"


def test_an_id_in_two_banks_hides_the_exercises_of_both(tmp_path: Path, make_app: Any) -> None:
    """Which bank the id belongs to is the author's call: neither page shows one chapter's exercise as another's,
    and a page of the bank that was not edited is read again to show that, as a full build would."""
    src = _project(tmp_path)
    second = _second_chapter(src)
    first = make_app("html", srcdir=src, freshenv=True)
    first.build()
    assert _warnings(first) == [] and "Exercise 1.1" in html_of(first, "chapter")
    _edit(second, "id: s-single", "id: b-single")
    clash = make_app("html", srcdir=src, freshenv=False)
    clash.build()
    assert _shown(clash) == [
        "exercises/second.yaml:6: WARNING: invalid exercise bank: [b-single] exercise id also used in"
        f" exercises/chapter.yaml:6: {BOTH_LEFT_OUT} [checks.bank]"
    ]
    assert "checks-exercise" not in html_of(clash, "chapter") and "checks-exercise" not in html_of(clash, "second")
    _edit(second, "id: b-single", "id: s-single")
    fixed = make_app("html", srcdir=src, freshenv=False)
    fixed.build()
    assert _warnings(fixed) == []
    assert "Exercise 1.1" in html_of(fixed, "chapter") and "Exercise 2.1" in html_of(fixed, "second")


@pytest.mark.parametrize("copied_into", ["07-before", "09-after"])
def test_an_id_copied_into_another_chapters_bank_hides_only_that_bank(
    tmp_path: Path, make_app: Any, copied_into: str
) -> None:
    """An id that begins as chapter 8's ids do is chapter 8's, whichever bank file is read first: chapter 8 keeps
    its exercises, and the bank it is copied into is told at the id's line, twice, and left out."""
    src = _project(tmp_path)
    prefix = f"c{int(copied_into[:2])}"
    (src / "exercises" / "08-board.yaml").write_text(_bank("08-board", "c8-one", "c8-board-vignette"))
    (src / "exercises" / f"{copied_into}.yaml").write_text(_bank(copied_into, f"{prefix}-one", "c8-board-vignette"))
    for page in ("08-board", copied_into):
        (src / f"{page}.md").write_text(f"# {page}\n\n```{{exercises}} {page}\n```\n")
    _edit(src / "index.md", "other\n", f"other\n08-board\n{copied_into}\n")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"numfig": False})
    app.build()
    copy = f"exercises/{copied_into}.yaml:18: WARNING: invalid exercise bank: [c8-board-vignette]"
    assert [w for w in _shown(app) if "[checks." in w] == [
        f"{copy} id: 'c8-board-vignette' must begin '{prefix}-', as the ids of chapter {copied_into} do"
        f" (e.g. {prefix}-board-vignette) [checks.bank]",
        f"{copy} exercise id also used in exercises/08-board.yaml:18 [checks.bank]",
    ]
    assert re.findall(r'data-checks-id="([^"]+)"', html_of(app, "08-board")) == ["c8-one", "c8-board-vignette"]
    assert "checks-exercise" not in html_of(app, copied_into)


def test_a_broken_bank_is_the_only_warning_for_references_to_exercises(tmp_path: Path, make_app: Any) -> None:
    """No page places an exercise while a bank is broken: a {numref} to one is not reported far from the bank,
    while a reference to a label that is no exercise id still is."""
    src = _project(tmp_path)
    _edit(src / "other.md", "No exercises here.", "As {numref}`b-match` and {ref}`b-single` show; see {ref}`nowhere`.")
    _edit(src / "exercises" / "chapter.yaml", "    prompt: Order the steps.", "    promt: Order the steps.")
    broken = make_app("html", srcdir=src, freshenv=True)
    broken.build()
    assert [re.sub(r"^.*?(\w+\.\w+:\d+: )", r"\1", w) for w in _shown(broken)] == [
        "chapter.yaml:21: WARNING: invalid exercise bank: [b-order] unknown field 'promt' (did you mean 'prompt'?)"
        " [checks.bank]",
        "other.md:3: WARNING: undefined label: 'nowhere' [ref.ref]",
    ]


def test_a_reference_to_a_misspelt_exercise_id_names_the_id_meant(tmp_path: Path, make_app: Any) -> None:
    """One warning, of Sphinx's own type, with the id meant; a label more like another label of the book, or
    like nothing, is left to Sphinx. Nitpicky mode ignores what it is told to ignore, these warnings too."""
    src = _project(tmp_path)
    refs = "See {numref}`b-singel`, {ref}`b-ordre`, {ref}`sampel` and {ref}`nowhere`."
    _edit(src / "other.md", "No exercises here.", refs)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _shown(app) == [
        "other.md:3: WARNING: undefined label: 'b-singel' (did you mean 'b-single'?) [ref.numref]",
        "other.md:3: WARNING: undefined label: 'b-ordre' (did you mean 'b-order'?) [ref.ref]",
        "other.md:3: WARNING: undefined label: 'sampel' [ref.ref]",
        "other.md:3: WARNING: undefined label: 'nowhere' [ref.ref]",
    ]
    assert (
        '<p>See <code class="xref std std-numref docutils literal notranslate"><span class="pre">b-singel</span>'
        in (html_of(app, "other"))
    )
    ignoring = {
        "nitpicky": True,
        "nitpick_ignore": [("std:numref", "b-singel")],
        "nitpick_ignore_regex": [("ref", "b-o.*")],
    }
    nitpicky = make_app("html", srcdir=src, builddir=tmp_path / "nitpicky", freshenv=True, confoverrides=ignoring)
    nitpicky.build()
    assert _shown(nitpicky) == [
        "other.md:3: WARNING: undefined label: 'sampel' [ref.ref]",
        "other.md:3: WARNING: undefined label: 'nowhere' [ref.ref]",
    ]


def test_a_reference_to_an_exercise_no_page_places_says_how_to_place_it(tmp_path: Path, make_app: Any) -> None:
    """One line per reference, Sphinx's own with what to do; nitpick_ignore still silences it."""
    src = _project(tmp_path)
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order")
    _edit(src / "other.md", "No exercises here.", "See {numref}`b-match` and {ref}`b-match`.")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    unplaced = "(exercise 'b-match' is placed on no page: place it with {exercise} b-match)"
    assert _shown(app) == [
        _unplaced("chapter.yaml", "b-match", 31, "chapter"),
        f"other.md:3: WARNING: undefined label: 'b-match' {unplaced} [ref.numref]",
        f"other.md:3: WARNING: undefined label: 'b-match' {unplaced} [ref.ref]",
    ]
    ignoring = {"nitpicky": True, "nitpick_ignore": [("std:numref", "b-match")]}
    nitpicky = make_app("html", srcdir=src, builddir=tmp_path / "nitpicky", freshenv=True, confoverrides=ignoring)
    nitpicky.build()
    assert _shown(nitpicky) == [
        _unplaced("chapter.yaml", "b-match", 31, "chapter"),
        f"other.md:3: WARNING: undefined label: 'b-match' {unplaced} [ref.ref]",
    ]


def test_a_second_bank_for_a_chapter_is_a_bank_problem(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    bank = (src / "exercises" / "chapter.yaml").read_text(encoding="utf-8")
    (src / "exercises" / "chapter-extra.yaml").write_text(bank.replace("id: b-", "id: x-"), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _shown(app) == [
        "exercises/chapter.yaml:1: WARNING: invalid exercise bank: chapter 'chapter' already has a bank,"
        " exercises/chapter-extra.yaml: a chapter's exercises and objectives belong in one file [checks.bank]"
    ]
    # Neither bank is the chapter's until one is renamed: its page shows no exercise of either, and says nothing more.
    assert "checks-exercise" not in html_of(app, "chapter") and "Learning objectives" not in html_of(app, "chapter")


def test_answers_page_follows_an_edited_bank(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    first = make_app("text", srcdir=src, freshenv=True)
    first.build()
    answers = Path(first.outdir) / "answers.txt"
    assert "The cells came from the breast." in answers.read_text(encoding="utf-8")
    _edit(src / "exercises" / "chapter.yaml", "The cells came from the breast.", "The cells started in the breast.")
    again = make_app("text", srcdir=src, freshenv=False)
    again.build()
    assert "The cells started in the breast." in answers.read_text(encoding="utf-8")
    assert "other" not in again._status.getvalue().split("reading sources", 1)[1].split("looking for", 1)[0]


def test_each_bank_problem_is_reported_once_per_build(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    (src / "more.md").write_text("# More\n\n```{exercises} chapter\n```\n\n```{exercise} b-single\n```\n")
    _edit(src / "index.md", "other\n", "other\nmore\n")
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "    prompt: Order the steps.", "    promt: Order the steps.")
    _edit(
        bank, "    points: 2\n    objectives: [o1]\n    options:", "    points: 2\n    objectives: [o9]\n    options:"
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    reported = [w for w in _warnings(app) if "[checks.bank]" in w]
    assert len(reported) == 2, reported  # six directives on two pages; two problems in one bank
    assert any(
        "chapter.yaml:21: WARNING: invalid exercise bank: [b-order] unknown field 'promt' (did you mean 'prompt'?)" in w
        for w in reported
    )
    assert any("chapter.yaml:36: WARNING: invalid exercise bank: [b-match] objective 'o9'" in w for w in reported)
    assert [w for w in _warnings(app) if "[checks." in w] == reported
    again = make_app("html", srcdir=src, freshenv=False)
    again.build()  # nothing to read again, but the bank is still broken
    assert len([w for w in _warnings(again) if "[checks.bank]" in w]) == 2


def test_exercises_follow_the_order_of_ids_and_unknown_names_get_suggestions(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-match, b-ordr, b-order")
    placed = "```{exercise} b-singel\n```\n\n```{exercises} chaptr\n```\n\n```{exercise} c9-single\n```"
    _edit(src / "other.md", "No exercises here.", placed)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    page = html_of(app, "chapter")
    assert re.search(r'id="b-match-title"><strong class="checks-number" id="b-match-number">Exercise 1.2<', page)
    assert re.search(r'id="b-order-title"><strong class="checks-number" id="b-order-number">Exercise 1.3<', page)
    warnings = "\n".join(_warnings(app))
    assert "chapter.md:14: WARNING: exercise 'b-ordr' is not in bank 'chapter' (did you mean 'b-order'?)" in warnings
    assert "other.md:3: WARNING: unknown exercise id 'b-singel' (did you mean 'b-single'?)" in warnings
    assert "other.md:6: WARNING: unknown exercise bank 'chaptr' (did you mean 'chapter'?)" in warnings
    # An id of a chapter that has no bank is not offered another chapter's id that ends alike.
    assert (
        "other.md:9: WARNING: unknown exercise id 'c9-single'"
        " (no bank has exercise ids beginning 'c9-'; the banks' ids begin b-)" in warnings
    )


def test_an_option_a_directive_does_not_take_is_told_with_the_one_meant_and_places_nothing(
    tmp_path: Path, make_app: Any
) -> None:
    """MyST runs a directive without an option it does not know: `{exercises}` without its `:ids:` placed the
    whole bank, each exercise placed elsewhere a warning of its own. As in reST, it now places nothing. A directive
    that takes no options says so, where MyST read the line as content and reST as more arguments."""
    src = _project(tmp_path)
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":id: b-order, b-match")
    _edit(src / "other.md", "No exercises here.", "```{exercise} b-numeric\n:idd: x\n```")
    (src / "more.rst").write_text(".. exercise:: b-text\n   :id: b-text\n\n.. exercises:: chapter\n   :idd: b-text\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _parser_messages(app) == [
        "chapter.md:15: WARNING: 'exercises': Unknown option key: 'id' (allowed: ['ids']) (did you mean 'ids'?)"
        " [myst.directive_option]",
        'more.rst:1: ERROR: Error in "exercise" directive:',
        'unknown option: "id".',
        'more.rst:4: ERROR: Error in "exercises" directive:',
        "unknown option: \"idd\" (did you mean 'ids'?).",
        "other.md:4: WARNING: 'exercise': Unknown option key: 'idd' (allowed: []) [myst.directive_option]",
        # Written later: the page's reference to an exercise the directive was to place.
        "chapter.md:12: WARNING: undefined label: 'b-order' (exercise 'b-order' is placed on no page: place it with"
        " {exercise} b-order) [ref.numref]",
    ]
    page = html_of(app, "chapter")
    assert 'id="b-single"' in page and 'id="b-order"' not in page and 'id="b-match"' not in page
    assert not [w for w in _shown(app) if "already placed" in w]


def test_a_directive_without_its_argument_is_told_what_to_write_after_its_name(tmp_path: Path, make_app: Any) -> None:
    """MyST says only that the argument is missing, of ``{exercise}`` with its id written as an option below it,
    and reST that the option is unknown: each says to write the id after the directive's name, with the id as
    written. A directive given its argument, and another extension's, are told as before."""
    src = _project(tmp_path)
    pages = (
        "```{exercise}\n:id: b-single\n```\n\n```{exercise}\n---\nid: b-match\n---\n```\n\n"
        "```{exercises}\n:ids: b-order\n```\n\n```{exercise}\n```\n\n```{figure}\n:id: x\n```\n"
    )
    _edit(src / "other.md", "No exercises here.", pages)
    (src / "more.rst").write_text(
        ".. exercise::\n   :id: b-order\n\n.. exercise:: b-order\n   :id: b-order\n\n.. exercise::\n"
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    required = "1 argument(s) required, 0 supplied"
    assert _parser_messages(app) == [
        'more.rst:1: ERROR: Error in "exercise" directive:',
        "unknown option: \"id\" (write the exercise's id after '.. exercise::', as '.. exercise:: b-order').",
        'more.rst:4: ERROR: Error in "exercise" directive:',
        'unknown option: "id".',
        'more.rst:7: ERROR: Error in "exercise" directive:',
        f"{required} (write the exercise's id after '.. exercise::').",
        f"other.md:3: ERROR: Directive 'exercise': {required} (write the exercise's id after {{exercise}}, as"
        " ```{exercise} b-single```) [docutils]",
        f"other.md:7: ERROR: Directive 'exercise': {required} (write the exercise's id after {{exercise}}, as"
        " ```{exercise} b-match```) [docutils]",
        f"other.md:13: ERROR: Directive 'exercises': {required} (write the bank's chapter after {{exercises}})"
        " [docutils]",
        f"other.md:17: ERROR: Directive 'exercise': {required} (write the exercise's id after {{exercise}}) [docutils]",
        f"other.md:20: ERROR: Directive 'figure': {required} [docutils]",
    ]


@pytest.mark.parametrize(
    ("block_text", "names"),
    [
        ("```{exercises} c\n:id: a, b\n:ids: c\n```\n", ["id", "ids"]),
        (":::{exercises} c\n:id: a\n:::{note}\n:::\n:::\n", ["id"]),  # a colon fence inside is no option
        ("```{exercises} c\n---\nid: a\nids: >-\n  b\n---\n```\n", ["id", "ids"]),
        ("```{exercises} c\n```\n", []),
        (".. exercises:: c\n   :idd: a\n", ["idd"]),  # reST
    ],
)
def test_the_options_a_directive_writes_are_read_in_each_form(block_text: str, names: list[str]) -> None:
    assert directives.written_options(block_text) == names


def test_a_misspelt_directive_of_the_extension_is_told_the_one_meant(tmp_path: Path, make_app: Any) -> None:
    """In MyST and reST alike; a directive of no extension's is told as before."""
    src = _project(tmp_path)
    misspelt = "```{exercize} b-numeric\n```\n\n```{objective}\n```\n\n```{mermaid}\n```\n"
    _edit(src / "other.md", "No exercises here.", misspelt)
    (src / "more.rst").write_text("More\n====\n\n.. exercizes:: chapter\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _parser_messages(app) == [
        "more.rst:4: ERROR: Unknown directive type \"exercizes\" (did you mean 'exercises'?).",
        "other.md:3: WARNING: Unknown directive type: 'exercize' (did you mean 'exercise'?) [myst.directive_unknown]",
        "other.md:6: WARNING: Unknown directive type: 'objective' (did you mean 'objectives'?)"
        " [myst.directive_unknown]",
        "other.md:9: WARNING: Unknown directive type: 'mermaid' [myst.directive_unknown]",
    ]


def _parser_messages(app: SphinxTestApp) -> list[str]:
    """What MyST and docutils say, warnings and reST's errors, as :func:`_shown` shows them: each message's first
    line, and the second of a reST error "in" a directive, which says what is wrong."""
    said = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()
    messages = []
    for line, below in zip(said, [*said[1:], ""], strict=True):
        if re.search(r": (WARNING|ERROR): ", line) and not re.search(r"\[(checks\.|toc\.not_included)", line):
            messages += [line, below] if line.endswith(" directive:") else [line]
    return [re.sub(r"\S*/src/", "", message) for message in messages]


def test_a_bank_whose_chapter_is_not_the_page_is_named(tmp_path: Path, make_app: Any) -> None:
    """The bank file named after the page, with another `chapter:`, is the one to correct."""
    src = _project(tmp_path)
    _edit(src / "exercises" / "chapter.yaml", "chapter: chapter\n", "chapter: chapter-one\n")
    _edit(src / "other.md", "No exercises here.", "```{exercises} chapter-on\n```\n\n```{exercises} glossary\n```")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    unknown = [w for w in _shown(app) if "[checks.no_bank]" in w or "[checks.unknown_id]" in w]
    assert unknown == [
        "chapter.md:4: WARNING: no exercise bank has chapter 'chapter'"
        " (exercises/chapter.yaml: chapter 'chapter-one' is not the file's name 'chapter') [checks.no_bank]",
        "chapter.md:14: WARNING: unknown exercise bank 'chapter'"
        " (exercises/chapter.yaml: chapter 'chapter-one' is not the file's name 'chapter') [checks.unknown_id]",
        "other.md:3: WARNING: unknown exercise bank 'chapter-on' (did you mean 'chapter-one'?) [checks.unknown_id]",
        "other.md:6: WARNING: unknown exercise bank 'glossary' (banks: chapter-one) [checks.unknown_id]",
    ]


def test_a_bank_whose_chapter_is_not_its_file_name_is_told_as_validate_tells_it(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no page that names it, such a bank was never told: the build passed where `checks validate` failed.
    Told at its `chapter` line in the words of validate, in every build until it is corrected."""
    from checks.cli import main

    src = _project(tmp_path)
    bank = src / "exercises" / "spare.yaml"
    bank.write_text(_bank("spare-chapter", "s-one"), encoding="utf-8")
    monkeypatch.chdir(src)
    assert main(["validate"]) == 2
    said = capsys.readouterr().err.strip()
    assert said.startswith("error: exercises/spare.yaml:1: chapter 'spare-chapter' is not the file's name 'spare';")
    told = f"exercises/spare.yaml:1: WARNING: invalid exercise bank: {said.split(':', 3)[3].strip()} [checks.bank]"
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert [w for w in _shown(app) if "[checks.bank]" in w] == [told]
    assert _placement(app) == [_unplaced("spare.yaml", "s-one", 6, "spare-chapter")]
    again = make_app("html", srcdir=src, freshenv=False)
    again.build()  # nothing to read again; the bank is still wrong
    assert [w for w in _shown(again) if "[checks.bank]" in w] == [told]
    _edit(bank, "chapter: spare-chapter\n", "chapter: spare\n")
    fixed = make_app("html", srcdir=src, freshenv=False)
    fixed.build()
    assert [w for w in _shown(fixed) if "[checks.bank]" in w] == []


def test_a_bank_that_yaml_reads_otherwise_than_meant_is_told_as_validate_tells_it(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text cut short by a ' #' and an invisible control character, raw or written as an escape: the build reads
    the banks with the loader of `checks validate`, and says the same, at the same lines and exercises."""
    from checks.cli import main

    src = _project(tmp_path)
    (src / "exercises" / "cut.yaml").write_text(
        _bank("cut", "c-one").replace("feedback_true: Not so.", "feedback_true: Not so #1 at all."), encoding="utf-8"
    )
    (src / "exercises" / "hidden.yaml").write_text(
        _bank("hidden", "h-one", "h-two").replace("Statement h-two.", "Statement\x01 h-two."), encoding="utf-8"
    )
    (src / "exercises" / "escaped.yaml").write_text(
        _bank("escaped", "e-one", "e-two").replace("Statement e-two.", '"Statement\\e e-two."'), encoding="utf-8"
    )
    monkeypatch.chdir(src)
    assert main(["validate"]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [
        "error: exercises/cut.yaml:12: [c-one] feedback_true: text after ' #' is read as a comment and dropped:"
        " put the text in quotes",
        "error: exercises/escaped.yaml:20: [e-two] prompt: a control character (U+001B) written as an escape, which"
        " no page or export can carry: delete it",
        "error: exercises/hidden.yaml:20: [h-two] invalid YAML: a control character (U+0001, invisible in most"
        " editors) in column 22: delete it",
    ]
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    told = [w for w in _shown(app) if "[checks.bank]" in w]
    assert told == [
        f"{where}: WARNING: invalid exercise bank: {what.strip()} [checks.bank]"
        for where, what in (line.removeprefix("error: ").split(": ", 1) for line in said)
    ]


def test_a_chapter_without_a_bank_file_is_told_so_not_offered_other_chapters_names(
    tmp_path: Path, make_app: Any
) -> None:
    """A chapter's page (by its {objectives}) whose bank file is not written yet: its ids and its name are the new
    bank's, not slips for another chapter's, so the file to write is named. A page that is no chapter's, and a
    name that is no page's, still get the id or bank meant. The bank, once written, is found."""
    src = _project(tmp_path)
    page = "# Chapter two\n\n```{objectives}\n```\n\n```{exercise} b-single-two\n```\n"
    (src / "chapter-two.md").write_text(page, encoding="utf-8")
    _edit(src / "index.md", "other\n", "other\nchapter-two\n")
    placed = "```{exercise} b-singel\n```\n\n```{exercises} chapter-two\n```\n\n```{exercises} chaptr\n```"
    _edit(src / "other.md", "No exercises here.", placed)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert [w for w in _shown(app) if "[checks." in w] == [
        "chapter-two.md:3: WARNING: no exercise bank has chapter 'chapter-two'"
        " (no bank file exercises/chapter-two.yaml) [checks.no_bank]",
        "chapter-two.md:6: WARNING: unknown exercise id 'b-single-two'"
        " (chapter 'chapter-two' has no bank file, exercises/chapter-two.yaml) [checks.unknown_id]",
        "other.md:3: WARNING: unknown exercise id 'b-singel' (did you mean 'b-single'?) [checks.unknown_id]",
        "other.md:6: WARNING: unknown exercise bank 'chapter-two'"
        " (no bank file exercises/chapter-two.yaml) [checks.unknown_id]",
        "other.md:9: WARNING: unknown exercise bank 'chaptr' (did you mean 'chapter'?) [checks.unknown_id]",
    ]
    # Saved with its suffix in capitals, as an editor on another system may: a bank all the same.
    (src / "exercises" / "chapter-two.YAML").write_text(_bank("chapter-two", "b-single-two"), encoding="utf-8")
    _edit(src / "other.md", "```{exercises} chapter-two\n```", "")
    written = make_app("html", srcdir=src, freshenv=False)
    written.build()
    assert [w for w in _shown(written) if "[checks." in w] == [
        "other.md:3: WARNING: unknown exercise id 'b-singel' (did you mean 'b-single'?) [checks.unknown_id]",
        "other.md:8: WARNING: unknown exercise bank 'chaptr' (did you mean 'chapter'?) [checks.unknown_id]",
    ]
    assert "Statement b-single-two." in html_of(written, "chapter-two")


def _shown(app: SphinxTestApp) -> list[str]:
    """The build's warnings as an author reads them: without colours, and with paths from the project's folder."""
    return [re.sub(r"\S*/src/", "", re.sub(r"\x1b\[[0-9;]*m", "", w)) for w in _warnings(app)]


def _placement(app: SphinxTestApp) -> list[str]:
    return [w for w in _shown(app) if "[checks.placement]" in w]


def test_objectives_shown_twice_on_a_page_are_told_once_and_shown_once(tmp_path: Path, make_app: Any) -> None:
    """A second {objectives} of one chapter on a page would repeat each objective's id in its HTML."""
    src = _project(tmp_path)
    text = (src / "chapter.md").read_text(encoding="utf-8")
    (src / "chapter.md").write_text(text + "\n```{objectives}\n```\n", encoding="utf-8")
    first = 1 + text.splitlines().index("```{objectives}")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    line = len(text.splitlines()) + 2
    assert _placement(app) == [
        f"chapter.md:{line}: WARNING: the objectives of 'chapter' are already shown on this page, at line {first}"
        " [checks.placement]"
    ]
    page = html_of(app, "chapter")
    assert page.count('id="objective-chapter-') == len(set(re.findall(r'id="(objective-chapter-[^"]+)"', page)))
    assert page.count("Learning objectives") == 1


def test_objectives_kept_for_one_builder_each_are_not_shown_twice(tmp_path: Path, make_app: Any) -> None:
    """A page may keep one list of objectives for the PDF and another for the web ({only} latex, {only} html):
    the two never show together, so neither is told twice, and the web page shows its own; two for the same
    builder, or one for every builder beside one for some, are told as before."""
    src = _project(tmp_path)
    text = (src / "chapter.md").read_text(encoding="utf-8")
    kept = "````{only} latex\n```{objectives}\n```\n````\n\n````{only} html\n```{objectives}\n```\n````\n"
    (src / "chapter.md").write_text(text.replace("```{objectives}\n```\n", kept, 1), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _placement(app) == []
    assert html_of(app, "chapter").count("Learning objectives") == 1
    (src / "chapter.md").write_text(text.replace("```{objectives}\n```\n", kept + "\n```{objectives}\n```\n", 1))
    again = make_app("html", srcdir=src, freshenv=True)
    again.build()
    assert len(_placement(again)) == 1 and "already shown on this page" in _placement(again)[0]


# MyST's {include} reads the deprecated env.app (myst-parser's to mend, not this book's).
INCLUDE_DEPRECATION = "ignore:'sphinx.environment.BuildEnvironment.app' is deprecated"


@pytest.mark.filterwarnings(INCLUDE_DEPRECATION)
@pytest.mark.parametrize("builder", ["html", "latex"])
@pytest.mark.parametrize("included", [False, True])
def test_a_chapter_s_objectives_on_two_pages_are_each_shown(
    tmp_path: Path, make_app: Any, builder: str, included: bool
) -> None:
    """Another page may list a chapter's objectives too (a course outline), written there or in a file both pages
    include: each page shows its list, also in the LaTeX build, which lays the whole book out as one document
    before it looks for a list shown twice."""
    src = _project(tmp_path)
    listed = "```{objectives} chapter\n```\n"
    if included:
        (src / "objectives.inc").write_text(listed, encoding="utf-8")
        chapter = (src / "chapter.md").read_text(encoding="utf-8")
        (src / "chapter.md").write_text(chapter.replace("```{objectives}\n```\n", "```{include} objectives.inc\n```\n"))
        listed = "```{include} objectives.inc\n```\n"
    other = (src / "other.md").read_text(encoding="utf-8")
    (src / "other.md").write_text(other + "\n" + listed, encoding="utf-8")
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert _placement(app) == []
    if builder == "html":
        assert [html_of(app, page).count("Learning objectives") for page in ("chapter", "other")] == [1, 1]
    else:
        assert next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8").count("Learning objectives") == 2


@pytest.mark.filterwarnings(INCLUDE_DEPRECATION)
def test_objectives_twice_on_a_page_are_told_when_one_list_is_included(tmp_path: Path, make_app: Any) -> None:
    """A page that lists its chapter's objectives and includes a file that lists them again shows them once."""
    src = _project(tmp_path)
    (src / "objectives.inc").write_text("```{objectives} chapter\n```\n", encoding="utf-8")
    chapter = (src / "chapter.md").read_text(encoding="utf-8")
    (src / "chapter.md").write_text(chapter + "\n```{include} objectives.inc\n```\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    first = 1 + chapter.splitlines().index("```{objectives}")
    assert [re.sub(r"^\S*objectives.inc", "objectives.inc", w) for w in _placement(app)] == [
        f"objectives.inc:1: WARNING: the objectives of 'chapter' are already shown on this page, at chapter.md:{first}"
        " [checks.placement]"
    ]
    assert html_of(app, "chapter").count("Learning objectives") == 1


def test_an_exercise_in_no_page_is_reported_at_its_bank_line(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _placement(app) == [
        "exercises/chapter.yaml:31: WARNING: exercise 'b-match' of bank exercises/chapter.yaml is not placed"
        " on any page (place it with {exercise} b-match or {exercises} chapter) [checks.placement]"
    ]
    _edit(src / "other.md", "No exercises here.", "```{exercise} b-match\n```")
    again = make_app("html", srcdir=src, freshenv=False)
    again.build()  # only other.md is read again; the places of chapter.md are kept
    assert _placement(again) == []


def test_an_exercise_placed_twice_is_reported_once_and_shown_once(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    (src / "chapter.md").write_text((src / "chapter.md").read_text() + "\n```{exercise} b-single\n```\n")
    _edit(src / "other.md", "No exercises here.", "```{exercise} b-order\n```")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert sorted(_placement(app)) == [
        "chapter.md:18: WARNING: exercise 'b-single' is already placed at chapter.md:9 [checks.placement]",
        "other.md:3: WARNING: exercise 'b-order' is already placed at chapter.md:14 [checks.placement]",
    ]
    assert len([w for w in _warnings(app) if "[checks." in w]) == 2  # no unplaced exercise, nothing else
    # Sphinx names the second place, the warning's own, as it names every page; the message names the first
    # from the project's folder, as every file the extension's messages name.
    assert any(
        f"{src / 'other.md'}:3: WARNING: exercise 'b-order' is already placed at chapter.md:14 [" in w
        for w in _warnings(app)
    )
    assert not [w for w in _warnings(app) if "Duplicate" in w or "duplicate" in w or "undefined label" in w]
    assert html_of(app, "chapter").count('class="checks-exercise') == 3
    assert "checks-exercise" not in html_of(app, "other")


def test_moving_an_exercise_between_pages_is_no_second_place(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    _edit(src / "chapter.md", "```{exercise} b-single\n```", "")
    _edit(src / "other.md", "No exercises here.", "```{exercise} b-single\n```")
    make_app("html", srcdir=src, freshenv=True).build()
    _edit(
        src / "chapter.md",
        "Some text, then an exercise.",
        "Some text, then an exercise.\n\n```{exercise} b-single\n```",
    )
    _edit(src / "other.md", "```{exercise} b-single\n```", "No exercises here.")
    again = make_app("html", srcdir=src, freshenv=False)
    again.build()  # chapter.md is read before other.md, whose old place of b-single is gone
    assert _placement(again) == []
    assert 'id="b-single-title"' in html_of(again, "chapter")


def test_places_are_checked_across_parallel_readers(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    for name in ("p1", "p2", "p3", "p4"):
        (src / f"{name}.md").write_text(f"# {name}\n\n```{{exercise}} b-single\n```\n")
    _edit(src / "index.md", "other\n", "other\np1\np2\np3\np4\n")
    _edit(src / "chapter.md", "```{exercise} b-single\n```", "")
    app = make_app("html", srcdir=src, freshenv=True, parallel=4)
    app.build()
    # One warning for each second place, whether the reader saw the first place itself or the merge found it.
    warnings = sorted(_placement(app))
    assert [w.split(":")[0] for w in warnings] == ["p2.md", "p3.md", "p4.md"]
    assert all(re.search(r"WARNING: exercise 'b-single' is already placed at p[123].md:3 ", w) for w in warnings)
    # Shown once, at its first place, and answered once: a copy read in parallel is dropped when written.
    shown = {name: html_of(app, name).count('data-checks-id="b-single"') for name in ("p1", "p2", "p3", "p4")}
    assert shown == {"p1": 1, "p2": 0, "p3": 0, "p4": 0}


def test_removing_the_first_place_of_an_exercise_shows_it_at_the_second(tmp_path: Path, make_app: Any) -> None:
    """A page refused as a second place is read again when the first place goes, in an incremental build."""
    src = _project(tmp_path)
    _edit(src / "other.md", "No exercises here.", "```{exercise} b-single\n```")
    os.utime(src / "other.md", (0, 0))  # unchanged since the first build: read again only for its dependency
    first = make_app("html", srcdir=src, freshenv=True)
    first.build()
    assert [w.split(":")[0] for w in _placement(first)] == ["other.md"]
    assert 'data-checks-id="b-single"' in html_of(first, "chapter") and "b-single" not in html_of(first, "other")
    _edit(src / "chapter.md", "```{exercise} b-single\n```", "")
    again = make_app("html", srcdir=src, freshenv=False)
    again.build()
    assert _placement(again) == []
    assert 'data-checks-id="b-single"' in html_of(again, "other")


def _numbers(app: SphinxTestApp, doc: str) -> list[tuple[str, str]]:
    """(exercise id, number) of each exercise on a page, in order."""
    return re.findall(
        r'id="([^"]+)-title"><strong class="checks-number" id="\1-number">Exercise ([0-9.]+)<', html_of(app, doc)
    )


def test_a_page_that_loses_a_copy_read_in_parallel_numbers_its_exercises_as_a_serial_build(
    tmp_path: Path, make_app: Any
) -> None:
    """Both pages place b-single, and other.md places b-match after it: Exercise 2.1, as a serial build has it.

    With two processes Sphinx reads the sorted pages in two chunks, [answers, chapter] and [index, other]
    (sphinx.util.parallel.make_chunks), so the reader of other.md never sees the place in chapter.md.
    """
    src = _project(tmp_path)
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order")
    _edit(
        src / "other.md",
        "No exercises here.",
        "(my-copy)=\n```{exercise} b-single\n```\n\n```{exercise} b-match\n```\n\n"
        "As in {numref}`b-single`; {ref}`here <my-copy>`.",
    )
    apps = []
    for n in (1, 2):  # one after the other: an app's warnings go to the stream of the app made last
        apps.append(make_app("html", srcdir=src, builddir=tmp_path / f"build-{n}", freshenv=True, parallel=n))
        apps[-1].build()
    serial, parallel = apps
    assert _numbers(serial, "chapter") == [("b-single", "1.1"), ("b-order", "1.2")]
    assert _numbers(serial, "other") == [("b-match", "2.1")]
    assert _placement(serial) == [
        "other.md:4: WARNING: exercise 'b-single' is already placed at chapter.md:9 [checks.placement]"
    ]
    assert '<a class="reference internal" href="chapter.html#b-single"><span class="std std-numref">Exercise 1.1' in (
        html_of(serial, "other")
    )
    # An author's label before the refused place stays on its page.
    assert '<span id="my-copy"></span>' in html_of(serial, "other")
    assert '<a class="reference internal" href="#my-copy"><span class="std std-ref">here</span></a>' in (
        html_of(serial, "other")
    )
    for doc in ("chapter", "other", "answers"):
        assert _numbers(parallel, doc) == _numbers(serial, doc)
        assert html_of(parallel, doc) == html_of(serial, doc)
    assert sorted(_warnings(parallel)) == sorted(_warnings(serial))
    assert parallel.env.dependencies["other"] == serial.env.dependencies["other"]
    assert parallel.env.toc_fignumbers == serial.env.toc_fignumbers


def _bank(chapter: str, *ids: str, objective: str = "Stage.") -> str:
    """A bank of true-or-false exercises; each exercise takes 12 lines, the first at line 6."""
    head = f"chapter: {chapter}\ntitle: {chapter.title()}\nobjectives:\n  - {{id: o1, text: {objective}}}\nexercises:\n"
    return head + "".join(
        f"  - id: {i}\n    kind: truefalse\n    prompt: Statement {i}.\n    points: 1\n    objectives: [o1]\n"
        f"    answer: false\n    feedback_true: Not so.\n    feedback_false: Right.\n    misconception: m-{i}\n"
        f"    explanation: Explained {i}.\n    source: key\n    reviewed: 2026-01-01\n"
        for i in ids
    )


def _unplaced(bank: str, exercise_id: str, line: int, chapter: str) -> str:
    return (
        f"exercises/{bank}:{line}: WARNING: exercise {exercise_id!r} of bank exercises/{bank} is not placed on any page"
        f" (place it with {{exercise}} {exercise_id} or {{exercises}} {chapter}) [checks.placement]"
    )


def _read(app: SphinxTestApp) -> str:
    """The status lines of the pages the build read."""
    return app._status.getvalue().split("updating environment", 1)[1].split("looking for now-outdated", 1)[0]


@pytest.mark.parametrize(
    ("breaking", "problems"),
    [
        (  # an id written twice: the file is read, and its ids are known
            lambda text: text.replace("id: c9-two", "id: c9-one").encode("utf-8"),
            [
                "exercises/09-x.yaml:18: WARNING: invalid exercise bank: [c9-one] duplicate exercise id (first used on"
                " line 6) [checks.bank]"
            ],
        ),
        (  # an exercise without its id: the one the page names
            lambda text: text.replace("  - id: c9-two\n    kind:", "  - kind:").encode("utf-8"),
            ["exercises/09-x.yaml:18: WARNING: invalid exercise bank: missing field 'id' [checks.bank]"],
        ),
        (  # a file that cannot be read as text: chapter 9's by its name, told at its start
            lambda text: text.encode("utf-16"),
            [
                "exercises/09-x.yaml:1: WARNING: invalid exercise bank: UTF-16 text: save the file as UTF-8 [checks.bank]"
            ],
        ),
        (  # an empty file, as a new chapter's bank starts
            lambda text: b"",
            ["exercises/09-x.yaml:1: WARNING: invalid exercise bank: empty file [checks.bank]"],
        ),
    ],
)
def test_an_unknown_id_of_a_broken_banks_chapter_is_told_the_bank_has_errors(
    tmp_path: Path, make_app: Any, breaking: Any, problems: list[str]
) -> None:
    """Chapter 9's bank is there but left out for its errors: an id beginning c9- that the file does not write
    (or writes where it cannot be read) is told that bank, not that no bank has ids beginning c9-."""
    src = _project(tmp_path)
    (src / "exercises" / "09-x.yaml").write_bytes(breaking(_bank("09-x", "c9-one", "c9-two")))
    _edit(src / "other.md", "No exercises here.", "```{exercise} c9-two\n```\n\nSee {numref}`c9-two`.")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    broken = "(exercises/09-x.yaml, the bank of the ids beginning 'c9-', has errors, reported above)"
    shown = _shown(app)
    assert shown[: len(problems)] == problems
    assert shown[len(problems) :] == [
        f"other.md:3: WARNING: unknown exercise id 'c9-two' {broken} [checks.unknown_id]",
        f"other.md:6: WARNING: undefined label: 'c9-two' {broken} [ref.numref]",
    ]


def test_an_id_of_another_bank_under_exercises_names_its_bank(tmp_path: Path, make_app: Any) -> None:
    """An id listed under {exercises} of one bank that another bank holds is told that bank, not offered a close id
    of the first: the author chose the wrong directive or bank, and is told which bank has it."""
    src = _project(tmp_path)
    (src / "exercises" / "other.yaml").write_text(_bank("other", "b-ordering", "n-two"), encoding="utf-8")
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order, b-match, b-ordering, b-matc")
    _edit(src / "other.md", "No exercises here.", "```{exercises} other\n```")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert [w for w in _shown(app) if "[checks.unknown_id]" in w] == [
        "chapter.md:14: WARNING: exercise 'b-ordering' is not in bank 'chapter' but in bank 'other'"
        " [checks.unknown_id]",
        "chapter.md:14: WARNING: exercise 'b-matc' is not in bank 'chapter' (did you mean 'b-match'?)"
        " [checks.unknown_id]",
    ]


def test_a_new_bank_file_is_read_in_an_incremental_build(tmp_path: Path, make_app: Any) -> None:
    """A page that named an exercise of a bank not yet written finds it once the bank file is added, and loses
    it when the file goes; the Answers page follows, and the bank's other exercise is reported as unplaced."""
    src = _project(tmp_path)
    _edit(src / "other.md", "No exercises here.", "```{exercise} n-one\n```")
    _settled(src / "other.md")
    first = make_app("text", srcdir=src, freshenv=True)
    first.build()
    unknown = (
        "other.md:3: WARNING: unknown exercise id 'n-one'"
        " (no bank has exercise ids beginning 'n-'; the banks' ids begin b-) [checks.unknown_id]"
    )
    assert _shown(first) == [unknown]
    bank = src / "exercises" / "other.yaml"
    bank.write_text(_bank("other", "n-one", "n-two"), encoding="utf-8")
    added = make_app("text", srcdir=src, freshenv=False)
    added.build()
    assert _shown(added) == [_unplaced("other.yaml", "n-two", 18, "other")]
    answers = (Path(added.outdir) / "answers.txt").read_text(encoding="utf-8")
    assert "Exercise 2.1" in answers and "Explained n-one." in answers and "Explained n-two." not in answers
    assert "Statement n-one." in (Path(added.outdir) / "other.txt").read_text(encoding="utf-8")
    assert "chapter" not in _read(added)
    bank.unlink()
    removed = make_app("text", srcdir=src, freshenv=False)
    removed.build()
    assert _shown(removed) == [unknown]
    answers = (Path(removed.outdir) / "answers.txt").read_text(encoding="utf-8")
    assert "Exercise 2.1" not in answers and "Explained n-one." not in answers


def test_a_chapter_page_placing_another_chapters_exercise_is_told(tmp_path: Path, make_app: Any) -> None:
    """The page would number the exercise as one of its own; a page that is no chapter's may place any."""
    src = _project(tmp_path)
    (src / "exercises" / "other.yaml").write_text(_bank("other", "n-one", "n-two", "n-three"), encoding="utf-8")
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order\n```\n\n```{exercises} other\n:ids: n-one n-two")
    _edit(src / "other.md", "No exercises here.", "```{exercise} b-match\n```")
    (src / "review.md").write_text("# Review\n\n```{exercise} n-three\n```\n", encoding="utf-8")
    _edit(src / "index.md", "other\n", "other\nreview\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _placement(app) == [
        "chapter.md:18: WARNING: exercises 'n-one', 'n-two' from the bank of chapter 'other' are placed on the page"
        " of chapter 'chapter', which numbers them as its own (place them on other, or move them to the bank of"
        " chapter) [checks.placement]",
        "other.md:3: WARNING: exercise 'b-match' from the bank of chapter 'chapter' is placed on the page of chapter"
        " 'other', which numbers it as its own (place it on chapter, or move it to the bank of other)"
        " [checks.placement]",
    ]
    assert [w for w in _shown(app) if "[checks." in w] == _placement(app)
    # Still shown and numbered: the warning is what tells the author.
    assert _numbers(app, "chapter")[-2:] == [("n-one", "1.3"), ("n-two", "1.4")]


def _sheet_numbers(docname: str, line: int, exercise_id: str, here: str, sheet: str, fix: str) -> str:
    return (
        f"{docname}.md:{line}: WARNING: exercise {exercise_id!r} is Exercise {here} here but Exercise {sheet} on the"
        " answer sheets and keys, which take a chapter's number from its name and number its exercises in the order"
        f" of its bank (exercises/02-more.yaml): {fix} [checks.numbering]"
    )


def test_a_page_numbering_exercises_otherwise_than_the_answer_sheets_is_told(tmp_path: Path, make_app: Any) -> None:
    """Answer sheets and keys number a chapter's exercises in the order of its bank, under the number its name
    begins with (checks.numbers); a page that numbers them otherwise is told once, at its first such exercise."""
    src = _project(tmp_path)
    (src / "exercises" / "02-more.yaml").write_text(_bank("02-more", "c2-one", "c2-two", "c2-three"), encoding="utf-8")
    (src / "02-more.md").write_text(
        "# More\n\n```{exercise} c2-two\n```\n\n```{exercise} c2-one\n```\n\n```{exercise} c2-three\n```\n"
    )
    _edit(src / "index.md", "chapter\nother\n", "chapter\n02-more\nother\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    in_order = "place the page's exercises in the order of the bank, or reorder the bank"
    assert _shown(app) == [_sheet_numbers("02-more", 3, "c2-two", "2.1", "2.2", in_order)]
    # In the order of the bank, the page numbers its exercises as the sheets do; the page "chapter", whose name
    # gives it no number, is never told.
    _edit(src / "02-more.md", "c2-two\n```\n\n```{exercise} c2-one", "c2-one\n```\n\n```{exercise} c2-two")
    fixed = make_app("html", srcdir=src, freshenv=False)
    fixed.build()
    assert _shown(fixed) == []
    assert _numbers(fixed, "02-more") == [("c2-one", "2.1"), ("c2-two", "2.2"), ("c2-three", "2.3")]
    # Listed as the third chapter, the page is chapter 3 of the book but chapter 2 by its name.
    _edit(src / "index.md", "chapter\n02-more\nother\n", "chapter\nother\n02-more\n")
    moved = make_app("html", srcdir=src, freshenv=False)
    moved.build()
    assert _shown(moved) == [
        _sheet_numbers(
            "02-more", 3, "c2-one", "3.1", "2.1", "list the page as chapter 2 in the numbered toctree, as its name says"
        )
    ]
    # A book that numbers its exercises through the book, on purpose, numbers them otherwise in every chapter.
    whole = make_app(
        "html", srcdir=src, builddir=tmp_path / "whole", freshenv=True, confoverrides={"numfig_secnum_depth": 0}
    )
    whole.build()
    by_chapter = "number the exercises by chapter, as Sphinx does by default (numfig_secnum_depth = 1)"
    assert _shown(whole) == [_sheet_numbers("02-more", 3, "c2-one", "4", "2.1", by_chapter)]
    # A page other than the chapter's numbers the exercise as its own.
    _edit(src / "index.md", "chapter\nother\n02-more\n", "chapter\n02-more\nother\n")
    _edit(src / "02-more.md", "\n\n```{exercise} c2-three\n```\n", "\n")
    _edit(src / "other.md", "No exercises here.", "```{exercise} c2-three\n```")
    review = make_app("html", srcdir=src, freshenv=False)
    review.build()
    assert _shown(review) == [
        _sheet_numbers("other", 3, "c2-three", "3.1", "2.3", "place it on the page of chapter 02-more")
    ]


def _more_chapter(src: Path, page: str) -> None:
    """A chapter 2, ``02-more``, whose bank has c2-one, c2-two and c2-three, and whose page is ``page``."""
    (src / "exercises" / "02-more.yaml").write_text(_bank("02-more", "c2-one", "c2-two", "c2-three"), encoding="utf-8")
    (src / "02-more.md").write_text(f"# More\n\n{page}```{{exercise}} c2-two\n```\n\n```{{exercise}} c2-three\n```\n")
    _edit(src / "index.md", "chapter\nother\n", "chapter\n02-more\nother\n")


@pytest.mark.parametrize(
    ("failed", "told"),
    [
        ("```{exercize} c2-one\n```\n\n", "Unknown directive type: 'exercize' (did you mean 'exercise'?)"),
        ("```{exercise} c2-oen\n```\n\n", "unknown exercise id 'c2-oen' (did you mean 'c2-one'?)"),
        ("```{exercises} 02-more\n:id: c2-one\n```\n\n", "Unknown option key: 'id' (allowed: ['ids'])"),
    ],
)
def test_a_page_whose_directive_failed_is_not_told_to_reorder_its_bank(
    tmp_path: Path, make_app: Any, failed: str, told: str
) -> None:
    """The page places the bank's exercises in its order but for one, named in a directive that failed: the rest
    are numbered one less than on the answer sheets. Reordering the bank, as the warning of the numbers advised,
    would break it; what to fix is told at the directive, and at the bank that the exercise is placed on no page."""
    src = _project(tmp_path)
    _more_chapter(src, failed)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert [w for w in _shown(app) if "[checks.numbering]" in w] == []
    assert [w for w in _shown(app) if told in w] != []
    assert _placement(app) == [_unplaced("02-more.yaml", "c2-one", 6, "02-more")]


def test_a_page_whose_exercise_is_placed_on_another_page_is_told_to_place_it(tmp_path: Path, make_app: Any) -> None:
    """The other page is told that it numbers the exercise as its own; the chapter's page, which numbers the rest
    one less than the answer sheets do, is told to place it, not to reorder the bank."""
    src = _project(tmp_path)
    _more_chapter(src, "")
    _edit(src / "other.md", "No exercises here.", "```{exercise} c2-one\n```")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _shown(app) == [
        _sheet_numbers(
            "02-more",
            3,
            "c2-two",
            "2.1",
            "2.2",
            "the bank has 'c2-one' at other.md:3 before it: place it on this page, as the bank orders them",
        ),
        _sheet_numbers("other", 3, "c2-one", "3.1", "2.1", "place it on the page of chapter 02-more"),
    ]


def test_a_bank_file_no_page_uses_is_checked_when_added_edited_or_removed(tmp_path: Path, make_app: Any) -> None:
    """No page depends on such a file; the blueprint, which lists every bank's objectives, and the check
    for unplaced exercises still follow it in an incremental build."""
    src = _project(tmp_path)
    (src / "blueprint.md").write_text("# Blueprint\n\n```{blueprint}\n```\n")
    _edit(src / "index.md", "answers\n", "answers\nblueprint\n")
    _settled(src / "index.md", src / "blueprint.md")
    overrides = {"checks_edition": "instructor"}
    first = make_app("html", srcdir=src, freshenv=True, confoverrides=overrides)
    first.build()
    assert _warnings(first) == []
    blueprint = Path(first.outdir) / "blueprint.html"
    assert "<p>Chapter: Apply the *naming* rule.</p>" in blueprint.read_text(encoding="utf-8")
    assert "Spare" not in blueprint.read_text(encoding="utf-8")
    bank = src / "exercises" / "spare.yaml"
    bank.write_text(_bank("spare", "s-one", "s-two"), encoding="utf-8")
    added = make_app("html", srcdir=src, freshenv=False, confoverrides=overrides)
    added.build()
    assert _placement(added) == [
        _unplaced("spare.yaml", "s-one", 6, "spare"),
        _unplaced("spare.yaml", "s-two", 18, "spare"),
    ]
    assert "<p>Spare: Stage.</p>" in blueprint.read_text(encoding="utf-8")
    assert "chapter" not in _read(added) and "other" not in _read(added)
    bank.write_text(_bank("spare", "s-one", objective="Grade."), encoding="utf-8")
    os.utime(bank, ns=(bank.stat().st_atime_ns, bank.stat().st_mtime_ns + 10**9))  # coarse file-system clocks
    edited = make_app("html", srcdir=src, freshenv=False, confoverrides=overrides)
    edited.build()
    assert _placement(edited) == [_unplaced("spare.yaml", "s-one", 6, "spare")]
    assert "<p>Spare: Grade.</p>" in blueprint.read_text(encoding="utf-8")
    bank.unlink()
    removed = make_app("html", srcdir=src, freshenv=False, confoverrides=overrides)
    removed.build()
    assert _warnings(removed) == []
    assert "Spare" not in blueprint.read_text(encoding="utf-8")


def test_a_new_bank_file_is_checked_in_a_book_without_answers(tmp_path: Path, make_app: Any) -> None:
    """With no page to read again for it, the start page is read, so that the book is checked."""
    src = _project(tmp_path)
    (src / "answers.md").unlink()
    _edit(src / "index.md", "answers\n", "")
    _settled(src / "index.md")
    make_app("html", srcdir=src, freshenv=True).build()
    (src / "exercises" / "spare.yaml").write_text(_bank("spare", "s-one"), encoding="utf-8")
    added = make_app("html", srcdir=src, freshenv=False)
    added.build()
    assert _placement(added) == [_unplaced("spare.yaml", "s-one", 6, "spare")]
    assert "index" in _read(added) and "chapter" not in _read(added)


def test_an_unknown_source_is_reported_at_its_bank_line(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    _with_bibliography(src)
    _edit(
        src / "exercises" / "chapter.yaml",
        "explanation: Typical sites.\n    source: key",
        "explanation: Typical sites.\n    source: kye",
    )
    # sphinxcontrib-bibtex finds keys as written: 'KEY' would be "could not find bibtex key" at the page.
    _edit(src / "exercises" / "chapter.yaml", "leave one.\n    source: key", "leave one.\n    source: KEY")
    _settled(src / "exercises" / "chapter.yaml", src / "other.md", src / "refs.bib")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = [re.sub(r"\x1b\[[0-9;]*m", "", w) for w in _warnings(app)]
    assert [re.sub(r"^.*/src/", "", w) for w in warnings] == [
        "exercises/chapter.yaml:29: WARNING: [b-order] source 'KEY' is not in the bibliography (refs.bib)"
        " (did you mean 'key'?) [checks.source]",
        "exercises/chapter.yaml:42: WARNING: [b-match] source 'kye' is not in the bibliography (refs.bib)"
        " (did you mean 'key'?) [checks.source]",
    ]
    page = html_of(app, "chapter")
    assert page.count('class="bibtex-citation"') == 1 and '<span class="pre">kye</span></code>' in page
    _edit(src / "exercises" / "chapter.yaml", "leave one.\n    source: KEY", "leave one.\n    source: key")
    # Fixed in the bibliography rather than in the bank: an incremental build reads the page again.
    _edit(
        src / "refs.bib",
        "@book{key,",
        "@book{kye, title={B}, author={Bo Author}, year={2021}, publisher={P}}\n@book{key,",
    )
    again = make_app("html", srcdir=src, freshenv=False)
    again.build()
    assert _warnings(again) == []
    page = html_of(again, "chapter")
    assert page.count('class="bibtex-citation"') == 3 and '<span class="pre">kye</span></code>' not in page


def test_an_unknown_key_cited_in_a_text_is_reported_at_its_bank_line(tmp_path: Path, make_app: Any) -> None:
    """As an unknown source is, and as ``checks validate`` says it: not by sphinxcontrib-bibtex at the page; in a
    text written over two lines, at the line that holds the key."""
    src = _project(tmp_path)
    _with_bibliography(src)
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "fits **best**?", "fits **best** ({cite:p}`kye`)?")
    _edit(bank, "A metastasis keeps the primary's name.}", '"Named by the primary,\n        {cite:t}`key, kyee`."}')
    _edit(bank, "hint: Where did the cells start?", "hint: Where did the cells start ({cite:p}`key`)?")
    _edit(bank, "feedback: Liver.}", 'feedback: "Liver {cite:p}`kye`."}')
    _settled(bank, src / "other.md", src / "refs.bib", src / "conf.py")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = [re.sub(r"^.*/src/", "", re.sub(r"\x1b\[[0-9;]*m", "", w)) for w in _warnings(app)]
    unknown = "is not in the bibliography (refs.bib)"
    assert warnings == [
        f"exercises/chapter.yaml:9: WARNING: [b-single] prompt: citation 'kye' {unknown} (did you mean 'key'?)"
        " [checks.source]",
        f"exercises/chapter.yaml:15: WARNING: [b-single] options[1].feedback: citation 'kyee' {unknown}"
        " [checks.source]",
        f"exercises/chapter.yaml:41: WARNING: [b-match] stem 2.feedback: citation 'kye' {unknown}"
        " (did you mean 'key'?) [checks.source]",
    ]
    # Each such citation is shown as its keys, as code; the hint's and the sources' are citations.
    page = html_of(app, "chapter")
    assert page.count('<span class="pre">kye</span></code>') == 2 and '<span class="pre">kyee</span>' in page
    assert page.count('class="bibtex-citation"') == 4
    # Fixed in the bibliography: an incremental build reads the page again, and every key cites.
    _edit(
        src / "refs.bib",
        "@book{key,",
        "@book{kye, title={B}, author={Bo Author}, year={2021}, publisher={P}}\n"
        "@book{kyee, title={C}, author={Cy Author}, year={2022}, publisher={P}}\n@book{key,",
    )
    again = make_app("html", srcdir=src, freshenv=False)
    again.build()
    assert _warnings(again) == []
    page = html_of(again, "chapter")
    assert '<span class="pre">kye' not in page and page.count('class="bibtex-citation"') == 7


@pytest.mark.parametrize("builder", ["html", "text"])
def test_a_reference_in_a_bank_text_is_reported_at_its_bank_line(tmp_path: Path, make_app: Any, builder: str) -> None:
    """Sphinx told a {term} or label that it could not resolve in a bank's text at the page's {exercise} line,
    naming neither the bank nor the exercise, and again where the text is shown again (an option in the key, an
    explanation on the answers page in print). Told as a citation in a bank's text is: at the field's line, with
    the exercise, the field and the term or label meant, once per build. The page's own text is Sphinx's to tell."""
    src = _project(tmp_path)
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "fits **best**?", "{term}`metastasys` fits **best**?")
    _edit(bank, "text: metastatic breast cancer,", "text: 'metastatic breast cancer ({ref}`sampel`)',")
    _edit(bank, "feedback: A metastasis keeps the primary's name.}", 'feedback: "See {numref}`b-ordre`."}')
    _edit(bank, "hint: Where did the cells start?", "hint: Where did the {ref}`cells <sample>` start?")
    _edit(bank, "explanation: Typical sites.", "explanation: Typical {term}`sites`.")
    _edit(src / "other.md", "No exercises here.", "```{glossary}\nmetastasis\n  Spread of cancer.\n```")
    _edit(src / "chapter.md", "Some text, then an exercise.", "Some {term}`metastasys`, then an exercise.")
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert sorted(_shown(app)) == [
        "chapter.md:7: WARNING: term not in glossary: 'metastasys' [ref.term]",
        "exercises/chapter.yaml:13: WARNING: [b-single] options[0].text: undefined label: 'sampel'"
        " (did you mean 'sample'?) [ref.ref]",
        "exercises/chapter.yaml:14: WARNING: [b-single] options[1].feedback: undefined label: 'b-ordre'"
        " (did you mean 'b-order'?) [ref.numref]",
        "exercises/chapter.yaml:41: WARNING: [b-match] explanation: term not in glossary: 'sites' [ref.term]",
        "exercises/chapter.yaml:9: WARNING: [b-single] prompt: term not in glossary: 'metastasys'"
        " (did you mean 'metastasis'?) [ref.term]",
    ]


def test_a_book_whose_citations_are_known_reads_no_bank_for_lines(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lines of a bank are found by reading its file again: only for a message that needs them."""
    src = _project(tmp_path)
    _with_bibliography(src)
    _settled(src / "exercises" / "chapter.yaml", src / "other.md", src / "refs.bib")
    read: list[Path] = []
    real = directives.bank_spans
    monkeypatch.setattr(directives, "bank_spans", lambda path: read.append(path) or real(path))
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _warnings(app) == [] and read == []
    page = html_of(app, "chapter")
    assert page.count('class="bibtex-citation"') == 3


def test_answers_of_a_page_the_pdf_leaves_out_are_reported(tmp_path: Path, make_app: Any) -> None:
    src = _project(tmp_path)
    overrides = {"latex_documents": [("other", "t.tex", "T", "A", "manual")], "latex_appendices": ["answers"]}
    app = make_app("latex", srcdir=src, freshenv=True, confoverrides=overrides)
    app.build()
    assert _placement(app) == [
        "answers.md:3: WARNING: the answers list exercises of 'chapter', which this latex build does not include:"
        " add it to the toctree of the build's start document [checks.placement]"
    ]
    tex = (Path(app.outdir) / "t.tex").read_text(encoding="utf-8")
    assert "Exercise 1.1" not in tex and "The cells came from the breast." not in tex  # no answers without questions


def _no_number(docname: str, line: int) -> str:
    return (
        f"{docname}.md:{line}: WARNING: exercises on this page have no number: the page is in no toctree that"
        " index.md leads to (add it to the numbered toctree in index.md) [checks.numbering]"
    )


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_page_no_toctree_of_the_root_leads_to_is_told_its_exercises_have_no_number(
    tmp_path: Path, make_app: Any, builder: str
) -> None:
    """Listed only in the PDF's start document, or marked orphan, a page gets no warning from Sphinx, and its
    exercises read "Exercise" alone. Told once per page, at its first exercise, however many it places."""
    src = _project(tmp_path)
    _edit(src / "index.md", "chapter\n", "")
    (src / "book.md").write_text("---\norphan: true\n---\n# Book\n\n```{toctree}\n:numbered: 1\n\nchapter\n```\n")
    (src / "review.md").write_text("---\norphan: true\n---\n# Review\n\n```{exercise} b-match\n```\n")
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order")
    _edit(src / "chapter.md", "See {numref}`b-order`", "See {ref}`b-order`")  # Sphinx's own warning otherwise
    overrides = {"latex_documents": [("book", "book.tex", "Book", "A", "manual")], "latex_appendices": ["answers"]}
    app = make_app(builder, srcdir=src, freshenv=True, confoverrides=overrides)
    app.build()
    assert [w for w in _shown(app) if "[checks.numbering]" in w] == [_no_number("chapter", 9), _no_number("review", 6)]
    assert [w for w in _shown(app) if "[checks.numbering]" not in w] == (
        []
        if builder == "html"
        else [  # the PDF leaves the review page out, which is told as before
            "answers.md:3: WARNING: the answers list exercises of 'review', which this latex build does not include:"
            " add it to the toctree of the build's start document [checks.placement]"
        ]
    )
    if builder == "html":
        assert re.search(r'<strong class="checks-number" id="[^"]+">Exercise</strong>', html_of(app, "chapter"))
    # Where numbering is off, no exercise has a number and none is missed.
    unnumbered = make_app(
        builder,
        srcdir=src,
        builddir=tmp_path / "unnumbered",
        freshenv=True,
        confoverrides={
            **overrides,
            "numfig": False,
        },
    )
    unnumbered.build()
    assert [w for w in _shown(unnumbered) if "[checks.numbering]" in w] == []
    # Listed in the root's toctree, the page is numbered and the warning goes, in an incremental build too.
    _edit(src / "index.md", "other\n", "chapter\nother\n")
    fixed = make_app(builder, srcdir=src, freshenv=False, confoverrides=overrides)
    fixed.build()
    assert [w for w in _shown(fixed) if "[checks.numbering]" in w] == [_no_number("review", 6)]


def _through_the_book(docname: str, line: int, number: int, parent: str = "index.md") -> str:
    return (
        f"{docname}.md:{line}: WARNING: exercises on this page are numbered through the book ('Exercise {number}'),"
        f" not by chapter: the toctree in {parent} that lists the page has no :numbered: option (add :numbered:"
        " to it, or list the page in a numbered toctree) [checks.numbering]"
    )


def test_a_page_of_an_unnumbered_toctree_is_told_its_exercises_are_numbered_through_the_book(
    tmp_path: Path, make_app: Any
) -> None:
    """Without a chapter number, Sphinx counts a page's exercises on from those of every other such page
    ("Exercise 4" for the first on a page): told once per page, at its first exercise, with the fix."""
    src = _project(tmp_path)
    _edit(
        src / "index.md", "chapter\nother\nanswers\n```", "other\nanswers\n```\n\n```{toctree}\n\nchapter\nreview\n```"
    )
    (src / "review.md").write_text("# Review\n\n```{exercise} b-match\n```\n")
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _shown(app) == [_through_the_book("chapter", 9, 1), _through_the_book("review", 3, 3)]
    assert re.search(r'<strong class="checks-number" id="[^"]+">Exercise 3</strong>', html_of(app, "review"))
    # A book that numbers its exercises through the book on purpose is not told.
    whole = make_app(
        "html", srcdir=src, builddir=tmp_path / "whole", freshenv=True, confoverrides={"numfig_secnum_depth": 0}
    )
    whole.build()
    assert _shown(whole) == []
    # Numbered, the toctree gives the pages chapter numbers and the warning goes, in an incremental build too.
    _edit(src / "index.md", "```{toctree}\n\nchapter", "```{toctree}\n:numbered:\n\nchapter")
    fixed = make_app("html", srcdir=src, freshenv=False)
    fixed.build()
    assert [w for w in _shown(fixed) if "[checks.numbering]" in w] == []
    assert re.search(r'<strong class="checks-number" id="[^"]+">Exercise 2.1</strong>', html_of(fixed, "review"))


def test_a_numref_to_an_exercise_without_a_number_is_one_warning(tmp_path: Path, make_app: Any) -> None:
    """The page is told why its exercises have no number and how to number them; Sphinx's "Any number is not
    assigned" at each reference would be a second warning of the same thing. The reference shows as Sphinx
    shows it, unlinked."""
    src = _project(tmp_path)
    (src / "review.md").write_text("---\norphan: true\n---\n# Review\n\n(own-label)=\n```{exercise} b-match\n```\n")
    _edit(src / "chapter.md", ":ids: b-order, b-match", ":ids: b-order")
    _edit(src / "other.md", "No exercises here.", "See {numref}`b-match`, {numref}`own-label` and {numref}`b-order`.")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _shown(app) == [_no_number("review", 7)]
    page = html_of(app, "other")
    assert (
        '<code class="xref std std-numref docutils literal notranslate"><span class="pre">b-match</span></code>' in page
    )
    assert '<span class="pre">own-label</span></code>' in page
    assert '<span class="std std-numref">Exercise 1.2</span>' in page  # a numbered exercise links as before
    # A page in no toctree at all is told by Sphinx, once, as before.
    (src / "review.md").write_text("# Review\n\n(own-label)=\n```{exercise} b-match\n```\n")
    unlisted = make_app("html", srcdir=src, builddir=tmp_path / "unlisted", freshenv=True)
    unlisted.build()
    assert _shown(unlisted) == ["review.md: WARNING: document isn't included in any toctree [toc.not_included]"]


def test_a_page_in_no_toctree_is_told_once_by_sphinx(tmp_path: Path, make_app: Any) -> None:
    """Sphinx warns of a page no toctree lists, unless it is an orphan: no second warning of its numbers."""
    src = _project(tmp_path)
    _edit(src / "index.md", "chapter\n", "")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    shown = _shown(app)
    assert [w for w in shown if "isn't included in any toctree" in w] == [
        "chapter.md: WARNING: document isn't included in any toctree [toc.not_included]"
    ]
    assert [w for w in shown if "[checks.numbering]" in w] == []


def _book_layout(tmp_path: Path) -> Path:
    """The test project laid out as the book is: conf.py and exercises/ in the project's folder, pages in docs/."""
    project = _project(tmp_path)
    (project / "docs").mkdir()
    for page in project.glob("*.md"):
        page.rename(project / "docs" / page.name)
    return project


def _build_book(project: Path, out: Path) -> list[str]:
    """The warnings of an HTML build of ``project`` as `sphinx-build -c . docs out` makes it, from its folder."""
    from io import StringIO

    from sphinx.application import Sphinx

    warnings = StringIO()
    app = Sphinx(project / "docs", project, out, out / ".doctrees", "html", status=None, warning=warnings)
    app.build()
    return [
        line.replace(f"{project}/", "<project>/")
        for line in re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue()).splitlines()
        if "WARNING" in line and "while setting up extension" not in line
    ]


def test_files_in_messages_are_named_from_the_project_folder(tmp_path: Path) -> None:
    """Sphinx names the place of a warning as it does; a file named in the message is named from the folder of
    conf.py, as `checks validate` names banks run from there, whether it is a page or a bank."""
    project = _book_layout(tmp_path)
    docs = project / "docs"
    (docs / "chapter.md").write_text((docs / "chapter.md").read_text() + "\n```{exercise} b-single\n```\n")
    (docs / "review.md").write_text("---\norphan: true\n---\n# Review\n\n```{exercise} b-match\n```\n")
    _edit(docs / "chapter.md", ":ids: b-order, b-match", ":ids: b-order")
    assert _build_book(project, tmp_path / "out") == [
        "<project>/docs/chapter.md:18: WARNING: exercise 'b-single' is already placed at docs/chapter.md:9"
        " [checks.placement]",
        "<project>/docs/review.md:6: WARNING: exercises on this page have no number: the page is in no toctree that"
        " docs/index.md leads to (add it to the numbered toctree in docs/index.md) [checks.numbering]",
    ]
    bank = (project / "exercises" / "chapter.yaml").read_text(encoding="utf-8")
    (project / "exercises" / "chapter-extra.yaml").write_text(bank.replace("id: b-", "id: x-"), encoding="utf-8")
    _edit(project / "exercises" / "chapter.yaml", "id: b-match", "id: x-match")
    assert _build_book(project, tmp_path / "broken") == [
        "<project>/exercises/chapter.yaml:1: WARNING: invalid exercise bank: chapter 'chapter' already has a bank,"
        " exercises/chapter-extra.yaml: a chapter's exercises and objectives belong in one file [checks.bank]",
        "<project>/exercises/chapter.yaml:31: WARNING: invalid exercise bank: [x-match] exercise id also used in"
        f" exercises/chapter-extra.yaml:31: {BOTH_LEFT_OUT} [checks.bank]",
        # No bank file writes this id any more; the one whose ids begin so is broken, and named from the folder too.
        "<project>/docs/review.md:6: WARNING: unknown exercise id 'b-match' (exercises/chapter.yaml, the bank of the"
        " ids beginning 'b-', has errors, reported above) [checks.unknown_id]",
    ]


@pytest.mark.sphinx("html", testroot="bad")
def test_warnings_are_typed_and_located(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert (
        "exercises/index.yaml:3: WARNING: invalid exercise bank: objectives: needs at least one objective" in warnings
    )
    assert "exercises/index.yaml:4: WARNING: invalid exercise bank: exercises: needs at least one exercise" in warnings
    assert "[checks.bank]" in warnings


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"checks_banks": "missing"})
def test_missing_bank_folder_warns(app: SphinxTestApp) -> None:
    app.build()
    # Named from the project's folder, as every file in the extension's messages.
    assert "WARNING: invalid exercise bank: missing: no such file or folder [checks.bank]" in app.warning.getvalue()


@pytest.mark.sphinx("latex", testroot="basic")
def test_latex_prints_lettered_questions_and_an_answers_appendix(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{sphinxadmonition}{note}{Exercise 1.1 (Single choice, 1 point)}" in tex
    assert r"\item[(a)] metastatic breast cancer" in tex
    assert r"\textit{Choose one answer}" in tex
    assert r"\def\@currentlabel{1.2}" in tex
    answers = tex.split(r"\chapter{Answers}")[1]
    assert r"{Exercise 1.1, page~\pageref*" in answers and "The cells came from the breast." in answers
    assert "names-by-site" not in tex and "checks-data" not in tex


def test_latex_keeps_a_heading_with_the_exercise_it_opens_with(tmp_path: Path, make_app: Any) -> None:
    """An exercise asks for room on the page (\\needspace) before its box. Right after a heading that request ended the
    page under the heading; a section that opens with an exercise asks before its heading instead, for both. An
    answer's heading in the Answers appendix asks for room for the answer's first lines and cannot end a page."""
    src = _project(tmp_path)
    _edit(src / "chapter.md", "for the order of steps.\n", "for the order of steps.\n\n## Self-check\n")
    app = make_app("latex", srcdir=src, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    before, after = tex.split(r"\section{Self\sphinxhyphen{}check}")
    assert re.search(r"\\needspace\{\d+\\baselineskip\}\s*$", before)  # just before the heading
    assert r"\needspace" not in after.split(r"\begin{sphinxadmonition}")[0]  # not between it and the exercise
    # An exercise after running text keeps its own request.
    assert re.search(r"\\needspace\{\d+\\baselineskip\}\n\\begin\{sphinxadmonition\}\{note\}\{Exercise 1\.1 ", before)
    answers = tex.split(r"\chapter{Answers}")[1]
    assert re.search(
        r"\\needspace\{5\\baselineskip\}\\medskip\\noindent\S*\\textbf\{.*Exercise 1\.1.*\}\\par\\nobreak\n", answers
    )


@pytest.mark.parametrize(
    ("edition", "answers", "tag"),
    [
        ("reader", "appendix", "checks_answers_appendix"),
        ("reader", "inline", "checks_answers_inline"),
        ("reader", "hidden", "checks_answers_hidden"),
        ("student", "appendix", "checks_answers_hidden"),
        ("instructor", "appendix", "checks_answers_inline"),
    ],
)
def test_a_tag_says_where_print_puts_the_answers(
    tmp_path: Path, make_app: Any, edition: str, answers: str, tag: str
) -> None:
    """A page that tells the reader where the answers are (the LaTeX PDF's opening note) goes by this tag: the
    student edition prints none and the instructor's prints each after its question, whatever ``checks_answers``."""
    overrides = {"checks_edition": edition, "checks_answers": answers}
    app = make_app("latex", srcdir=_project(tmp_path), freshenv=True, confoverrides=overrides)
    assert [t for t in app.tags if t.startswith("checks_answers_")] == [tag]


@pytest.mark.sphinx("latex", testroot="basic", confoverrides={"checks_answers": "inline"})
def test_latex_answers_inline(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    question = tex.split(r"\chapter{Chapter}")[1].split(r"\chapter{Other}")[0]
    assert r"\textbf{Answer and explanation}" in question and "The cells came from the breast." in question
    assert "Answers are printed after each exercise." in tex


@pytest.mark.sphinx("latex", testroot="basic", confoverrides={"checks_answers": "hidden"})
def test_latex_answers_hidden(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "The cells came from the breast." not in tex and "Named after the primary." not in tex


@pytest.mark.sphinx("html", testroot="basic")
def test_pages_letter_options_as_answer_sheets_do(app: SphinxTestApp) -> None:
    """The letters a page prints are those a blank answer sheet lists and grading reads (variants.book_letters)."""
    from checks import variants
    from checks.sphinxext import nodes as cn
    from checks.sphinxext.banks import get_book

    app.build()
    book = get_book(Path(app.srcdir) / "exercises")
    doctree = app.env.get_doctree("chapter")
    for exercise in doctree.findall(cn.checks_exercise):
        ex = book.find(exercise["exercise_id"])[1]  # type: ignore[index]
        shown = [(n["letter"], n["option_id"]) for n in exercise.findall(cn.checks_choice)]
        shown += [(n["letter"], n["item_id"]) for n in exercise.findall(cn.checks_order_item)]
        shown += [(letter, id_) for n in exercise.findall(cn.checks_match) for id_, letter, _ in n["options"]]
        assert dict(shown) == variants.book_letters(ex) != {}


@pytest.mark.sphinx("pseudoxml", testroot="basic")
def test_builders_without_visitors_get_only_generic_nodes(app: SphinxTestApp) -> None:
    """A builder the extension has no visitors for (here pseudo-XML) gets no node of the extension's own."""
    app.build()
    assert app.warning.getvalue() == ""
    chapter = (Path(app.outdir) / "chapter.pseudoxml").read_text(encoding="utf-8")
    answers = (Path(app.outdir) / "answers.pseudoxml").read_text(encoding="utf-8")
    assert "checks_" not in chapter + answers and "<container" not in chapter + answers
    assert '<admonition classes="checks-exercise checks-single" ids="b-single" names="b-single">' in chapter
    assert "Exercise 1.1 (Single choice, 1 point)" in chapter and "(a) " in chapter
    assert "Choose one answer" in chapter
    assert "Write the letters in order, first to last:" in chapter
    # The matching options, then numbered stems; Bone is listed second so that the key (1 Bone,
    # 2 Liver) does not read straight down the list.
    assert "(a) Liver; (b) Bone" in chapter
    assert "The cells came from the breast." in answers and "The cells came from the breast." not in chapter


@pytest.mark.sphinx("man", testroot="basic", confoverrides={"checks_edition": "instructor"})
def test_man_page_of_the_instructor_edition(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    troff = next(Path(app.outdir).glob("*.1")).read_text(encoding="utf-8")
    page = re.sub(r"\\f[BIRP]", "", troff).replace("\\-", "-")  # fonts and hyphens, as troff writes them
    assert "Answer and explanation" in page and "The cells came from the breast." in page
    assert "(misconception: names-by-site): A metastasis keeps the primary" in page


INSTRUCTOR = {"checks_edition": "instructor"}


def _blueprint_project(tmp_path: Path) -> Path:
    src = _project(tmp_path)
    (src / "blueprint.md").write_text("# Blueprint\n\n```{blueprint}\n```\n")
    _edit(src / "index.md", "answers\n", "answers\nblueprint\n")
    return src


def test_blueprint_is_introduced_captioned_and_headed_by_the_printed_kinds(tmp_path: Path, make_app: Any) -> None:
    """A sentence says what the blueprint is for; the table has a caption, the kinds' printed names as column
    headings, an objective heading each row, and an objective column three times as wide as the others."""
    app = make_app("html", srcdir=_blueprint_project(tmp_path), freshenv=True, confoverrides=INSTRUCTOR)
    app.build()
    assert _warnings(app) == []
    page = html_of(app, "blueprint")
    intro = page.index("The blueprint lists every learning objective")
    assert intro < page.index("<table")
    assert re.search(r"<caption><span class=\"caption-text\">Blueprint: the exercises that test each objective", page)
    widths = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%"', page)]
    assert len(widths) == 4 and widths[0] == pytest.approx(3 * widths[1], abs=0.2) and len(set(widths[1:])) == 1
    heads = re.findall(r'<th scope="col" class="head[^"]*"><p>([^<]*)</p>', page)
    assert heads == ["Objective", "Single choice", "Ordering", "Matching"]
    assert '<th scope="row" class="stub"><p>Chapter: Apply the *naming* rule.</p></th>' in page
    assert len(re.findall("<td>", page)) == 3


def test_latex_blueprint_runs_over_pages_with_a_wide_objective_column(tmp_path: Path, make_app: Any) -> None:
    """A long table whose objective column is three times as wide as each kind's, in small ragged type, with a
    caption numbered by its appendix (Sphinx's own number takes the chapter counter in Arabic)."""
    from checks.sphinxext.latex import BLUEPRINT_START

    app = make_app("latex", srcdir=_blueprint_project(tmp_path), freshenv=True, confoverrides=INSTRUCTOR)
    app.build()
    assert _warnings(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    blueprint = tex[tex.index(BLUEPRINT_START) :]
    blueprint = blueprint[: blueprint.index("\\endgroup")]
    assert r"\begin{longtable}{\X{42}{84}\X{14}{84}\X{14}{84}\X{14}{84}}" in blueprint
    assert r"\caption{Blueprint: the exercises that test each objective, by kind of exercise\strut}" in blueprint
    assert "Single choice" in blueprint and "single" not in blueprint.replace("Single", "")
    assert r"\end{longtable}" in blueprint
    assert tex.index("The blueprint lists every learning objective") < tex.index(BLUEPRINT_START)


def test_text_blueprint_has_columns_a_word_wide(tmp_path: Path, make_app: Any) -> None:
    """The text writer takes the given widths as characters: each kind's name fits its column in a line or
    two, not a letter a line."""
    app = make_app("text", srcdir=_blueprint_project(tmp_path), freshenv=True, confoverrides=INSTRUCTOR)
    app.build()
    assert _warnings(app) == []
    text = (Path(app.outdir) / "blueprint.txt").read_text(encoding="utf-8")
    head = text[text.index("Objective") :].splitlines()[0]
    assert "Single choice" in head and "Ordering" in head and "Matching" in head


@pytest.mark.sphinx("texinfo", testroot="basic", confoverrides={"checks_edition": "student"})
def test_texinfo_of_the_student_edition_has_no_answers(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    info = next(Path(app.outdir).glob("*.texi")).read_text(encoding="utf-8")
    assert "Exercise 1.1 (Single choice, 1 point)" in info and "metastatic breast cancer" in info
    assert "The cells came from the breast." not in info and "Named after the primary." not in info


@pytest.mark.sphinx("text", testroot="basic")
def test_text_builder(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = (Path(app.outdir) / "chapter.txt").read_text(encoding="utf-8")
    assert "Exercise 1.1 (Single choice, 1 point)" in text
    assert "(a) metastatic breast cancer" in text
    assert "Choose one answer\n" in text
    assert "1. Prostate" in text
    # Extended matching says that options may be reused, in text as in every other output.
    assert "Options may be used more than once or not at all. Options: (a) Liver; (b) Bone" in " ".join(text.split())


@pytest.mark.sphinx("epub", testroot="basic")
def test_print_html_has_no_form_controls(app: SphinxTestApp) -> None:
    """EPUB (and the WeasyPrint PDF) print lettered options and lines to write on, not form controls."""
    app.build()
    page = (Path(app.outdir) / "chapter.xhtml").read_text(encoding="utf-8")
    assert "<input" not in page and "<select" not in page and "checks-data" not in page
    assert '<ol class="checks-options" type="a" style="list-style-type: lower-alpha">' in page
    assert "Order: ______________________" in page
    assert '<strong class="checks-number">Exercise 1.1</strong>' in page


EXERCISE_IDS = ("b-single", "b-order", "b-match")


def _exercises(page: str) -> dict[str, str]:
    """The markup of each exercise of a page, by id, up to its own closing tag."""
    found = {}
    for start in re.finditer(
        r'<div aria-labelledby="[^"]+" class="checks-exercise[^>]* data-checks-id="([^"]+)"', page
    ):
        depth = 0
        for tag in re.finditer(r"<(/?)div\b", page[start.start() :]):
            depth += -1 if tag[1] else 1
            if depth == 0:
                found[start[1]] = page[start.start() : start.start() + tag.end()]
                break
    return found


@pytest.mark.sphinx("epub", testroot="basic")
def test_the_epub_links_each_exercise_to_its_answer_and_back(app: SphinxTestApp) -> None:
    """Without Show answer, the reader goes from an exercise to its answer by a link at its foot, and back by the
    answer's heading."""
    app.build()
    exercises = _exercises((Path(app.outdir) / "chapter.xhtml").read_text(encoding="utf-8"))
    answers = (Path(app.outdir) / "answers.xhtml").read_text(encoding="utf-8")
    assert list(exercises) == list(EXERCISE_IDS)
    for number, exercise_id in enumerate(EXERCISE_IDS, 1):
        link = f'<p class="checks-answer-link"><a class="reference internal" href="answers.xhtml#answer-{exercise_id}">Answer</a></p>'
        assert exercises[exercise_id].endswith(f"{link}\n</div")  # the exercise's last line
        assert (
            f'<div class="checks-solution" id="answer-{exercise_id}">\n'
            '<p class="checks-solution-heading" role="heading" aria-level="2"><strong>'
            f'<a class="reference internal" href="chapter.xhtml#{exercise_id}">Exercise 1.{number}</a></strong></p>'
        ) in answers


@pytest.mark.parametrize(
    ("builder", "overrides"),
    [
        ("html", {}),  # Show answer does it
        ("epub", {"checks_answers": "inline"}),
        ("epub", {"checks_answers": "hidden"}),
        ("epub", {"checks_edition": "student"}),
        ("epub", {"checks_edition": "instructor"}),
    ],
)
def test_only_answers_on_another_page_are_linked(
    tmp_path: Path, make_app: Any, builder: str, overrides: dict[str, str]
) -> None:
    """The web book shows each answer under its exercise; the student edition has none, the instructor edition and
    ``inline`` print each after its question: no link to the Answers page, and no link back from an answer."""
    app = make_app(builder, srcdir=_project(tmp_path), freshenv=True, confoverrides=overrides)
    app.build()
    suffix = ".html" if builder == "html" else ".xhtml"
    pages = "".join((Path(app.outdir) / f"{doc}{suffix}").read_text(encoding="utf-8") for doc in ("chapter", "answers"))
    assert "checks-answer-link" not in pages and 'id="answer-' not in pages
    assert not re.search(r'checks-solution-heading"[^>]*><strong><a ', pages)


def test_latex_links_each_exercise_to_its_answer_and_back(tmp_path: Path, make_app: Any) -> None:
    """In the LaTeX PDF an exercise ends with the page of its answer, and the answer's heading gives the page of its
    exercise, each a link; the labels are those Sphinx gives the two places."""
    app = make_app("latex", srcdir=_project(tmp_path), freshenv=True)
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    chapter, answers = tex.split(r"\chapter{Answers}")
    for number, exercise_id in enumerate(EXERCISE_IDS, 1):
        answer = rf"\detokenize{{answers:answer-{exercise_id}}}"
        exercise = rf"\detokenize{{chapter:{exercise_id}}}"
        box = chapter.split(rf"\label{{{exercise}}}")[1].split(r"\end{sphinxadmonition}")[0]
        assert box.rstrip().endswith(
            rf"\hfill{{\small\hyperref[{answer}]{{Answer on page~\pageref*{{{answer}}}}}}}\par"
        )
        assert (
            rf"\noindent\phantomsection\label{{{answer}}}"
            rf"\textbf{{\hyperref[{exercise}]{{Exercise 1.{number}, page~\pageref*{{{exercise}}}}}}}\par\nobreak"
        ) in answers
    inline = make_app(
        "latex", srcdir=_project(tmp_path / "inline"), freshenv=True, confoverrides={"checks_answers": "inline"}
    )
    inline.build()
    tex = next(Path(inline.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Answer on page" not in tex and r"\noindent\textbf{Answer and explanation}\par" in tex


def test_the_weasyprint_page_links_each_exercise_to_the_answer_on_it(tmp_path: Path, make_app: Any) -> None:
    """The page WeasyPrint prints holds every document: a link is to an id of that page, not "#document-…#id"."""
    src = _project(tmp_path)
    _edit(src / "conf.py", '"checks"]', '"checks", "sphinx_simplepdf"]\nsimplepdf_use_weasyprint_api = True')
    app = make_app("simplepdf", srcdir=src, freshenv=True)
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    for exercise_id in EXERCISE_IDS:
        assert f'<a class="reference internal" href="#answer-{exercise_id}">Answer</a>' in page
        assert f'id="answer-{exercise_id}"' in page and f'id="{exercise_id}"' in page
        assert f'<strong><a class="reference internal" href="#{exercise_id}">' in page


def test_exercises_link_to_an_answers_page_added_or_removed_later(tmp_path: Path, make_app: Any) -> None:
    """The exercises' pages are written again when the Answers page comes or goes, though they did not change: an
    EPUB built before would link to no answer, or to one no longer there."""
    src = _project(tmp_path)
    _edit(src / "answers.md", "```{answers}\n```", "No answers yet.")
    _settled(*src.rglob("*.*"))
    first = make_app("epub", srcdir=src, freshenv=True)
    first.build()
    chapter = Path(first.outdir) / "chapter.xhtml"
    assert "checks-answer-link" not in chapter.read_text(encoding="utf-8")
    _edit(src / "answers.md", "No answers yet.", "```{answers}\n```")
    added = make_app("epub", srcdir=src, freshenv=False)
    added.build()
    assert chapter.read_text(encoding="utf-8").count('href="answers.xhtml#answer-') == len(EXERCISE_IDS)
    _edit(src / "answers.md", "```{answers}\n```", "No answers any more.")
    removed = make_app("epub", srcdir=src, freshenv=False)
    removed.build()
    assert "checks-answer-link" not in chapter.read_text(encoding="utf-8")


def test_banks_are_read_once_per_build_and_again_after_an_edit(tmp_path: Path) -> None:
    from checks.sphinxext import banks

    folder = tmp_path / "exercises"
    folder.mkdir()
    bank = folder / "chapter.yaml"
    bank.write_text((Path(__file__).parent / "roots/test-basic/exercises/chapter.yaml").read_text(encoding="utf-8"))
    banks.new_build()
    book = banks.get_book(folder)
    assert banks.get_book(folder) is book
    bank.write_text(bank.read_text(encoding="utf-8").replace("Order the steps.", "Put the steps in order."))
    os.utime(bank, ns=(bank.stat().st_atime_ns, bank.stat().st_mtime_ns + 10**9))  # coarse file-system clocks
    assert banks.get_book(folder) is book  # one build sees one version of the banks
    banks.new_build()
    again = banks.get_book(folder)
    assert again is not book and "Put the steps in order." in again.find("b-order")[1].prompt  # type: ignore[index,union-attr]
    banks.new_build()
    assert banks.get_book(folder) is again  # unchanged files are not read again


def _node_dump(doctree: Any) -> list[tuple[Any, ...]]:
    """Every node with its attributes, source, line and raw source: what "the same doctree" means here."""
    from docutils import nodes

    return [
        (n.tagname, str(n), n.source, n.line)
        if isinstance(n, nodes.Text)
        else (n.tagname, sorted(n.attributes.items()), n.source, n.line, n.rawsource)
        for n in doctree.findall()
    ]


def test_plain_texts_skip_the_parser_without_changing_the_doctree(
    tmp_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch, book: Any, repo: Path
) -> None:
    """Every text of the book's banks, placed once with plain texts built directly and once all parsed."""
    from checks.sphinxext import plain

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "checks"]\nnumfig = True\n'
        f"checks_banks = {str(repo / 'exercises')!r}\n"
        'myst_enable_extensions = ["colon_fence", "deflist", "substitution"]\n'
    )
    chapters = [bank.chapter for bank in book.banks]
    (src / "index.md").write_text(
        "# Exercises\n\n" + "\n".join(f"```{{exercises}} {c}\n```\n" for c in chapters) + "\n"
    )
    doctrees, built_directly = [], []
    direct = plain.paragraph
    monkeypatch.setattr(plain, "paragraph", lambda *args: built_directly.append(args[0]) or direct(*args))
    for parse_all in (False, True):
        if parse_all:
            monkeypatch.setattr(plain, "is_plain", lambda text: False)
        app = make_app("html", srcdir=src, builddir=tmp_path / f"build-{parse_all}", freshenv=True)
        app.build()
        doctrees.append(_node_dump(app.env.get_doctree("index")))
    assert doctrees[0] == doctrees[1]
    assert len(built_directly) > 500  # most texts took the short path in the first build
    assert sum(1 for n in doctrees[0] if n[0] == "checks_exercise") == len(list(book.exercises()))


@pytest.mark.parametrize(
    ("text", "plain_"),
    [
        ("Lymph nodes near the tumour are regional.", True),
        ("It's 35% (2015–2021), isn't it?", True),
        ("Well done!", True),
        ("Which term fits **best**?", False),
        ("See {cite:p}`key`.", False),
        ("An_underscore", False),
        ("1. A list", False),
        ("- A list", False),
        ("# A heading", False),
        ("> A quote", False),
        ("Two\nlines", False),
        (" edge", False),
        ("a &amp; b", False),
        ("<b>html</b>", False),
        ("", False),
    ],
)
def test_which_texts_are_plain(text: str, plain_: bool) -> None:
    from checks.sphinxext import plain

    assert plain.is_plain(text) is plain_


def test_a_label_that_ends_a_sentence_keeps_its_own_stop() -> None:
    """Print puts an option before its feedback: "(a) … spread." is not followed by a colon (".:")."""
    from checks.sphinxext.generic import lead_in

    assert lead_in("Hint") == "Hint:"
    assert lead_in("Your choice (a) primary bone cancer") == "Your choice (a) primary bone cancer:"
    assert lead_in("(a) Only stage IVC means distant spread.") == "(a) Only stage IVC means distant spread."
    assert lead_in("Is it distant?") == "Is it distant?"


def test_roles_in_options_items_and_stems_link_and_print_as_their_words(tmp_path: Path, make_app: Any) -> None:
    """A role's link in an option, an item to order or a stem once stopped the HTML build (a link outside
    text); keys show the link, and labels, which are plain text, its words."""
    src = _project(tmp_path)
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "text: primary bone cancer,", "text: 'primary {ref}`bone <sample>` cancer',")
    _edit(bank, "text: Intravasation}", "text: '{ref}`Intravasation <sample>`'}")
    _edit(bank, "text: Colon,", "text: 'A {ref}`colon <sample>` primary',")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _warnings(app) == []
    page = html_of(app, "chapter")
    link = '<a class="reference internal" href="#sample"><span class="std std-ref">{}</span></a>'
    assert f'<label for="b-single-opt-b">primary {link.format("bone")} cancer</label>' in page
    assert f'<label for="b-order-pos-enter">{link.format("Intravasation")}</label>' in page
    assert f'<label for="b-match-stem-colon">A {link.format("colon")} primary</label>' in page
    text = make_app("text", srcdir=src, freshenv=True, confoverrides={"checks_edition": "instructor"})
    text.build()
    chapter = (Path(text.outdir) / "chapter.txt").read_text(encoding="utf-8")
    assert "(b) primary bone cancer (misconception: names-by-site):" in chapter
    assert "2. A colon primary:" in chapter
    assert "{ref}" not in chapter and "<sample>" not in chapter


def test_labels_leave_out_citations_and_keep_code(tmp_path: Path, make_app: Any) -> None:
    """A feedback label recalls its option in words: a citation, a {footcite} too, is left out, but a role
    inside a code span is code, as the export and ``checks validate`` read it."""
    src = _project(tmp_path)
    _with_bibliography(src)
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "text: metastatic breast cancer,", "text: 'metastatic ``{cite:p}`key` `` cancer',")
    _edit(bank, "text: primary bone cancer,", "text: 'primary bone cancer {footcite:p}`key`',")
    _edit(bank, "text: Colon,", "text: 'Colon {cite:t}`key`',")
    app = make_app("text", srcdir=src, freshenv=True, confoverrides={"checks_edition": "instructor"})
    app.build()
    assert _warnings(app) == []
    chapter = (Path(app.outdir) / "chapter.txt").read_text(encoding="utf-8")
    assert "(a) metastatic {cite:p}`key` cancer:" in chapter
    assert "(b) primary bone cancer (misconception: names-by-site):" in chapter
    assert "2. Colon:" in chapter


# An option, an item to order, a matching stem and a matching option with quotes and an apostrophe,
# an objective with both, and a feedback (prose, which docutils always educated) with an apostrophe.
QUOTED_BANK = {
    "text: primary bone cancer,": """text: 'the bone''s "own" cancer',""",
    "text: Intravasation}": """text: 'it''s "quoted" entry'}""",
    "text: Prostate,": """text: 'the "prostate" it''s',""",
    "{id: bone, text: Bone}": """{id: bone, text: 'it''s "bone"'}""",
    "text: Apply the *naming* rule.}": """text: 'Apply the "naming" rule; it''s the rule.'}""",
}
STRAIGHT = {
    "option": """the bone's "own" cancer""",
    "item": """it's "quoted" entry""",
    "stem": """the "prostate" it's""",
    "match option": """it's "bone\"""",
    "objective": """Apply the "naming" rule; it's the rule.""",
    "prose": "the primary's name",
}
CURLY = {
    "option": "the bone’s “own” cancer",
    "item": "it’s “quoted” entry",
    "stem": "the “prostate” it’s",
    "match option": "it’s “bone”",
    "objective": "Apply the “naming” rule; it’s the rule.",
    "prose": "the primary’s name",
}
GERMAN = {
    "option": "the bone’s „own“ cancer",
    "item": "it’s „quoted“ entry",
    "stem": "the „prostate“ it’s",
    "match option": "it’s „bone“",
    "objective": "Apply the „naming“ rule; it’s the rule.",
    "prose": "the primary’s name",
}


def _quoted_project(tmp_path: Path) -> Path:
    """The basic root with quotes and apostrophes in every kind of exercise text, and a blueprint page."""
    src = _project(tmp_path)
    for old, new in QUOTED_BANK.items():
        _edit(src / "exercises" / "chapter.yaml", old, new)
    (src / "blueprint.md").write_text("# Blueprint\n\n```{blueprint}\n```\n")
    _edit(src / "index.md", "answers\n", "answers\nblueprint\n")
    return src


def _output_text(app: SphinxTestApp) -> str:
    """Every page the build wrote, as readable text: HTML entities and LaTeX's quote macros decoded."""
    out = Path(app.outdir)
    files = [p for p in out.rglob("*") if p.suffix in (".html", ".tex", ".txt") and not p.name.startswith("sphinx")]
    text = html.unescape("\n".join(p.read_text(encoding="utf-8") for p in files))
    return " ".join(text.replace(r"\textquotesingle{}", "'").split())


@pytest.mark.parametrize(
    ("builder", "overrides", "expected"),
    [
        ("html", {}, CURLY),
        ("latex", {}, CURLY),
        # Sphinx leaves the text builder's prose straight (smartquotes_excludes): exercises follow it.
        ("text", {}, STRAIGHT),
        ("text", {"smartquotes_excludes": {"builders": []}}, CURLY),
        ("html", {"smartquotes": False}, STRAIGHT),
        ("latex", {"smartquotes": False}, STRAIGHT),
        ("text", {"smartquotes": False, "smartquotes_excludes": {"builders": []}}, STRAIGHT),
        ("html", {"language": "de"}, GERMAN),
    ],
)
def test_exercise_texts_have_the_quotes_of_the_prose(
    tmp_path: Path, make_app: Any, builder: str, overrides: dict[str, Any], expected: dict[str, str]
) -> None:
    """Options, items, stems, matching options and objectives, in the texts themselves, the labels of their
    feedback, the lists and selects of a matching and the blueprint: curly where the prose is, straight where not."""
    src = _quoted_project(tmp_path)
    app = make_app(builder, srcdir=src, freshenv=True, confoverrides={"checks_edition": "instructor", **overrides})
    app.build()
    assert _warnings(app) == []
    text = _output_text(app)
    others = [form for forms in (STRAIGHT, CURLY, GERMAN) if forms is not expected for form in forms.values()]
    assert [form for form in expected.values() if form not in text] == []
    assert [form for form in others if form in text and form not in expected.values()] == []
    if builder == "html":
        page = html.unescape(html_of(app, "chapter"))
        option, item, stem, match_option = (expected[k] for k in ("option", "item", "stem", "match option"))
        assert f'<label for="b-single-opt-b">{option}</label>' in page
        assert f"<em>(b) {option} (misconception: names-by-site)</em>" in page  # a feedback's label
        assert f'<label for="b-order-pos-enter">{item}</label>' in page
        assert f'<label for="b-match-stem-prostate">{stem}</label>' in page
        assert f"<em>1. {stem}</em>" in page
        assert f'<li data-id="bone">{match_option}</li>' in page
        assert len(re.findall(f'<option value="bone">[ab]\\. {re.escape(match_option)}</option>', page)) == 2
        assert f"Objectives tested: </em>{expected['objective']}" in page
        assert f"<p>Chapter: {expected['objective']}</p>" in html.unescape(html_of(app, "blueprint"))


def test_docutils_smart_quotes_setting_keeps_exercise_texts_straight(tmp_path: Path, make_app: Any) -> None:
    """docutils' own smart_quotes setting (docutils.conf) turns them off for exercises as for the prose."""
    from sphinx.util.docutils import patch_docutils

    src = _quoted_project(tmp_path)
    (src / "docutils.conf").write_text("[general]\nsmart_quotes: no\n", encoding="utf-8")
    with patch_docutils(src):  # as sphinx-build reads the project's docutils.conf
        app = make_app("html", srcdir=src, freshenv=True, confoverrides={"checks_edition": "instructor"})
        app.build()
    assert _warnings(app) == []
    text = _output_text(app)
    assert [form for form in STRAIGHT.values() if form not in text] == []
    assert "’" not in text and "“" not in text


@pytest.mark.parametrize(
    ("accept", "key"),
    [
        (["lung"], "“lung”"),
        (["lung", "lungs", "the lung"], "“lung” or “lungs” or “the lung”"),
        (["lung", "lungs", "the lung", "the lungs"], "“lung” or “lungs” or “the lung” (and 1 other form)"),
        (["a", "b", "c", "d", "e"], "“a” or “b” or “c” (and 2 other forms)"),
    ],
)
def test_a_short_answer_key_prints_its_first_forms(accept: list[str], key: str) -> None:
    """Banks accept the articles and plurals a reader types; the printed key keeps to the author's first three."""
    from checks.sphinxext.directives import accepted_forms

    assert accepted_forms(accept) == key
    assert accepted_forms(accept, None) == " or ".join(f"“{a}”" for a in accept)  # the instructor edition's


def _with_glossary(src: Path) -> None:
    """The project with a glossary of one term, ``metastasis``."""
    _edit(src / "other.md", "No exercises here.", "```{glossary}\nmetastasis\n  Spread of cancer.\n```")


def test_a_reference_in_an_objectives_text_is_reported_at_its_bank_line(tmp_path: Path, make_app: Any) -> None:
    """``{objectives}`` parses each objective's text as MyST too: Sphinx told a term it could not resolve there at
    the page's ``{objectives}`` line. Told as a citation in an objective's text is: at the line that holds it."""
    src = _project(tmp_path)
    _with_glossary(src)
    bank = src / "exercises" / "chapter.yaml"
    _edit(
        bank,
        "  - {id: o1, text: Apply the *naming* rule.}",
        "  - id: o1\n    text: >-\n      Apply the *naming*\n      rule of {term}`metastasys`.",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _shown(app) == [
        "exercises/chapter.yaml:7: WARNING: objectives[0].text: term not in glossary: 'metastasys'"
        " (did you mean 'metastasis'?) [ref.term]",
    ]


def test_a_reference_in_a_text_of_several_lines_is_reported_at_the_line_that_holds_it(
    tmp_path: Path, make_app: Any
) -> None:
    """As a citation in such a text is: not at the field's first line."""
    src = _project(tmp_path)
    _with_glossary(src)
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "explanation: Typical sites.", "explanation: >-\n      Typical\n      {term}`sites`.")
    _edit(
        bank,
        "hint: Where did the cells start?",
        "hint: >-\n      Where did\n\n      the {ref}`cells <sampel>` start?",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert sorted(_shown(app)) == [
        "exercises/chapter.yaml:19: WARNING: [b-single] hint: undefined label: 'sampel'"
        " (did you mean 'sample'?) [ref.ref]",
        "exercises/chapter.yaml:46: WARNING: [b-match] explanation: term not in glossary: 'sites' [ref.term]",
    ]


def test_a_reference_in_a_bank_text_is_reported_again_in_the_next_build_of_the_process(
    tmp_path: Path, make_app: Any
) -> None:
    """Told once per build, not once per process: a second build that reads the page again, after the bank was
    edited elsewhere, tells the reference again."""
    src = _project(tmp_path)
    bank = src / "exercises" / "chapter.yaml"
    _edit(bank, "explanation: Typical sites.", "explanation: Typical {term}`sites`.")
    _settled(bank, src / "other.md")
    told = "exercises/chapter.yaml:41: WARNING: [b-match] explanation: term not in glossary: 'sites' [ref.term]"
    first = make_app("html", srcdir=src, freshenv=True)
    first.build()
    assert _shown(first) == [told]
    _edit(bank, "prompt: Order the steps.", "prompt: Put the steps in order.")
    second = make_app("html", srcdir=src, freshenv=False)
    second.build()
    assert "Put the steps in order." in html_of(second, "chapter")  # the page was read and written again
    assert _shown(second) == [told]


@pytest.mark.parametrize(
    "write",
    [
        lambda spec: spec.__setitem__("class", str),
        lambda spec: spec.update(name=str),
        lambda spec: spec.setdefault("name", str),
        lambda spec: spec.__ior__({"name": str}),
        lambda spec: spec.pop("name"),
        lambda spec: spec.popitem(),
        lambda spec: spec.__delitem__("name"),
        lambda spec: spec.clear(),
    ],
)
def test_the_option_spec_of_directives_without_options_refuses_writes(write: Any) -> None:
    """One value is the ``option_spec`` of several directives: an option written into one would be every one's."""
    with pytest.raises(TypeError, match="takes no options is shared"):
        write(directives.NO_OPTIONS)
    assert directives.NO_OPTIONS == {} and directives.NO_OPTIONS
    assert directives.ObjectivesDirective.option_spec == directives.AnswersDirective.option_spec == {}
