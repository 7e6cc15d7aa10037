"""Editions from one source: the student edition leaks no key, the instructor edition shows them all."""

from __future__ import annotations

import contextlib
import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from checks.grading import grade
from checks.loading import Book
from checks.model import AnyExercise, Matching, MultipleSelect, Numeric, Ordering, ShortText, SingleChoice, TrueFalse
from checks.sheets import book_key_response
from checks.sphinxext.transforms import answers_note

from builds import REPO, Builds

pytestmark = pytest.mark.slow
WINDOW = 8  # words: long enough that chapter prose never repeats it by chance


def words(text: str) -> str:
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)  # MyST roles → their text
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def secrets(book: Book) -> dict[str, str]:
    """Explanations and feedback of every exercise, as word windows that the chapters' own prose does not contain."""
    public = words(" ".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md")))
    found: dict[str, str] = {}
    for _, ex in book.exercises():
        texts = [ex.explanation]
        if isinstance(ex, SingleChoice | MultipleSelect):
            texts += [o.feedback for o in ex.options]
        elif isinstance(ex, TrueFalse):
            texts += [ex.feedback_true, ex.feedback_false]
        elif isinstance(ex, ShortText | Numeric):
            texts += [ex.feedback_correct, ex.feedback_incorrect]
        elif isinstance(ex, Ordering):
            texts += [t for t in (ex.feedback_correct, ex.feedback_incorrect) if t]
        elif isinstance(ex, Matching):
            texts += [s.feedback for s in ex.stems]
        for n, text in enumerate(texts):
            tokens = words(text).split()
            window = " ".join(tokens[:WINDOW])
            if len(tokens) >= WINDOW and window not in public:
                found[f"{ex.id}#{n}"] = window
    return found


def html_text(folder: Path) -> str:
    return words(html.unescape(" ".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.html"))))


def pdf_text(pdf: Path) -> str:
    return words(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


@pytest.fixture(scope="module")
def student(built: Builds) -> dict[str, Path]:
    return {builder: built(builder, "student").out for builder in ("html", "simplepdf", "latexpdf", "epub")}


def test_student_edition_leaks_nothing(student: dict[str, Path], book: Book) -> None:
    hidden = secrets(book)
    assert len(hidden) > 200
    artifacts = {
        "html": html_text(student["html"]),
        "simplepdf": pdf_text(student["simplepdf"] / "metastatic-cancer.pdf"),
        "latexpdf": pdf_text(student["latexpdf"] / "latex" / "metastatic-cancer.pdf"),
    }
    with zipfile.ZipFile(next(student["epub"].glob("*.epub"))) as epub:
        artifacts["epub"] = words(
            " ".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
        )
    for name, text in artifacts.items():
        leaked = [key for key, window in hidden.items() if window in text]
        assert leaked == [], f"{name}: {leaked[:5]}"
        assert "exercise 3 1" in text  # the questions themselves are there


def code_examples(folder: Path) -> list[object]:
    """The YAML and JSON examples of every page, parsed; an example that does not parse is left out."""
    found = []
    for page in folder.glob("*.html"):
        for block in re.findall(
            r'<div class="highlight-(?:yaml|json)[^"]*"><div class="highlight"><pre>(.*?)</pre>',
            page.read_text("utf-8"),
            re.DOTALL,
        ):
            with contextlib.suppress(yaml.YAMLError):
                found.append(yaml.safe_load(html.unescape(re.sub(r"<[^>]+>", "", block))))
    return found


def answers_given(examples: list[object], book: Book) -> list[str]:
    """The exercises an example answers right, in option ids or in the book's letters, wherever it names them."""
    exercises: dict[str, AnyExercise] = {ex.id: ex for _, ex in book.exercises()}
    given, todo = [], list(examples)
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            for key, answer in value.items():
                ex = exercises.get(key) if isinstance(key, str) else None
                if ex is not None and (grade(ex, answer).status == "correct" or answer == book_key_response(ex)):
                    given.append(key)
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return sorted(given)


def test_student_edition_gives_no_answer_in_its_examples(student: dict[str, Path], built: Builds, book: Book) -> None:
    """An example sheet or key on a page (the instructors' page shows both) answers nothing in the student edition."""
    assert answers_given(code_examples(built("html").out), book)  # the reader edition's examples do answer
    assert answers_given(code_examples(student["html"]), book) == []
    assert "leaves out this example" in (student["html"] / "instructors.html").read_text("utf-8")


_HIDDEN = re.compile(r"^(`{3,})\{only\} not checks_student\n(.*?)^\1$", re.M | re.S)
_ROLE = re.compile(r"\{[\w:-]+\}(?=`)")  # {term}`...`: the role's name, which no page shows
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [text](target): the text alone is shown
_TAG = re.compile(r"<[^>]*>")
# As Sphinx's smart quotes write what was typed.
_TYPED = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--", "\u2014": "---"})


def plain(text: str) -> str:
    """Text without its inline markup, so that a page's source compares with what a build writes: MyST roles,
    backticks, emphasis and link targets dropped, typographic quotes and dashes as typed, spaces collapsed."""
    text = _LINK.sub(r"\1", _ROLE.sub("", text)).translate(_TYPED).replace("\u2026", "...")
    return " ".join(re.sub(r"[`*]", "", text).split())


def left_out_of_the_student_edition(docs: Path = REPO / "docs") -> list[str]:
    """The lines of the examples the pages leave out of the student edition (``{only} not checks_student``),
    without their markup, that the pages do not also show in it (as the shorter examples for students do)."""
    sources = [page.read_text("utf-8") for page in docs.glob("*.md")]
    shown = plain("\n".join(_HIDDEN.sub("", source) for source in sources))
    hidden = [line for source in sources for _, block in _HIDDEN.findall(source) for line in block.splitlines()]
    return [line for line in map(plain, hidden) if len(line) > 20 and line not in shown]


def leaked(out: Path, hidden: list[str]) -> list[str]:
    """Each file of a build holding one of the ``hidden`` lines, with the line: its text compared as a reader
    reads it, a web page's without its tags (inline code puts each word in a tag of its own)."""
    found = set()
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        text = plain(html.unescape(_TAG.sub("", text)) if path.suffix == ".html" else text)
        found.update(f"{path.relative_to(out)}: {line}" for line in hidden if line in text)
    return sorted(found)


def test_the_leak_check_reads_through_markup(tmp_path: Path) -> None:
    """A line left out of the student edition is found in a built page however it is marked up: inline code in
    prose, highlighted code, smart quotes; a line the student edition shows as well is no leak."""
    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    out.mkdir()
    (docs / "page.md").write_text(
        "````{only} not checks_student\n"
        'The key gives `c3-next-step: b`, which is {term}`extravasation`, and "why" too.\n'
        "```yaml\nc3-why-inefficient: [a, b, c]  # every cause\nstudent: answer key for the class\n```\n"
        "````\n\n````{only} checks_student\n```yaml\nstudent: answer key for the class\n```\n````\n",
        encoding="utf-8",
    )
    hidden = left_out_of_the_student_edition(docs)
    assert hidden == [
        'The key gives c3-next-step: b, which is extravasation, and "why" too.',
        "c3-why-inefficient: [a, b, c] # every cause",
    ]
    (out / "page.html").write_text(
        '<p>The key gives <code class="docutils literal notranslate"><span class="pre">c3-next-step:</span> '
        '<span class="pre">b</span></code>, which is <a href="#term"><span class="xref">extravasation</span></a>, '
        "and \u201cwhy\u201d too.</p>\n"
        '<pre><span class="nt">c3-why-inefficient</span><span class="p">:</span><span class="w"> </span>'
        '<span class="p">[</span><span class="nv">a</span><span class="p">,</span><span class="w"> </span>'
        '<span class="nv">b</span><span class="p">,</span><span class="w"> </span><span class="nv">c</span>'
        '<span class="p">]</span><span class="w">  </span><span class="c1"># every cause</span>\n'
        '<span class="nt">student</span><span class="p">:</span> answer key for the class</pre>\n',
        encoding="utf-8",
    )
    assert leaked(out, hidden) == [f"page.html: {line}" for line in sorted(hidden)]


def test_the_student_edition_publishes_nothing_its_pages_leave_out(built: Builds) -> None:
    """No file of the student's web book holds an example its pages leave out: the web book copied each page's
    MyST source into _sources for its download menu, and instructors.md gave the excerpt of an answer key whole."""
    out = built("html", "student").out
    hidden = left_out_of_the_student_edition()
    assert len(hidden) > 20 and "c3-next-step: b # extravasation" in hidden
    found = leaked(out, hidden)
    assert found == [], found[:5]
    assert "leaves out this example" in (out / "instructors.html").read_text("utf-8")
    # The check sees each of those lines where it is published: in the reader's edition, as a reader reads it.
    assert {each.split(": ", 1)[1] for each in leaked(built("html").out, hidden)} == set(hidden)


def test_student_browser_data_has_no_keys(student: dict[str, Path]) -> None:
    pages = list(student["html"].glob("0*.html"))
    payloads = [
        json.loads(m) for p in pages for m in re.findall(r'class="checks-data">([^<]*)</script>', p.read_text("utf-8"))
    ]
    assert len(payloads) >= 96
    assert all(set(p) == {"id", "kind", "points"} for p in payloads)


def test_instructor_edition_shows_every_answer(built: Builds, book: Book) -> None:
    out = built("html", "instructor").out
    text = html_text(out)
    hidden = secrets(book)
    missing = [key for key, window in hidden.items() if window not in text]
    assert missing == []
    page = (out / "01-what-is-metastatic-cancer.html").read_text(encoding="utf-8")
    assert "(misconception: " in page and "Objectives tested: " in page
    assert re.search(r'<div class="checks-solution" id="[^"]+" tabindex="-1">', page)  # shown, and Show answer's
    assert 'class="checks-solution" hidden' not in page
    # Every form a short answer takes, for marking paper by hand (the reader's key names the first three).
    shown = html.unescape(" ".join(p.read_text(encoding="utf-8") for p in out.glob("0*.html")))
    forms = [f"“{a}”" for _, ex in book.exercises() if isinstance(ex, ShortText) for a in ex.accept]
    assert len(forms) > 3 * 9 and [f for f in forms if f not in shown] == []
    answers = (out / "answers.html").read_text(encoding="utf-8")
    assert "checks-blueprint" in answers
    for bank in book.banks:
        for objective in bank.objectives:
            assert words(objective.text) in words(html.unescape(answers))


@pytest.mark.parametrize(
    ("edition", "note"),
    [
        ("student", "This edition has no answers: your teacher has them."),
        ("instructor", "Answers are printed after each exercise."),
    ],
)
def test_the_answers_page_of_other_editions_says_where_the_answers_are(built: Builds, edition: str, note: str) -> None:
    """The reader's web book lists the chapters' self-checks on its Answers page; the student and instructor
    editions keep their own note there."""
    page = (built("html", edition).out / "answers.html").read_text(encoding="utf-8")
    assert note in page
    assert "-self-check" not in page[page.index("<article") : page.index("</article>")]


# Where the note before chapter 1 of the LaTeX PDF sends the reader for the answers, in each edition.
OPENING_NOTES = {
    "reader": "the answers and explanations are in the answers appendix",
    "student": "this edition has no answers hand your written answers to your teacher",
    "instructor": "each answer and its explanation are printed after its question",
}


@pytest.mark.parametrize("edition", OPENING_NOTES)
def test_the_latex_pdf_opens_by_saying_where_its_answers_are(built: Builds, edition: str) -> None:
    """The note before chapter 1 says where this edition's answers are: in the appendix (the reader's), nowhere
    (the student's, whose Answers appendix says so), or after each question (the instructor's)."""
    text = pdf_text(built("latexpdf", edition).pdf)
    opening = text[text.index("this book is education not medical advice") : text.index("suggested citation")]
    assert [e for e, note in OPENING_NOTES.items() if note in opening] == [edition]


def test_each_edition_s_epub_has_an_identifier_of_its_own(built: Builds) -> None:
    """EPUB readers and libraries take two books with one identifier for one book, so that a student edition would
    replace the instructor edition on a reader's device: the reader edition keeps the book's home page, the others
    add their edition, and each table of contents for older readers gives its package's (EPUBCheck's NCX-001)."""
    home = "https://github.com/metastatic-cancer-course/book"
    found = {}
    for edition in ("reader", "student", "instructor"):
        with zipfile.ZipFile(next(built("epub", edition).out.glob("*.epub"))) as epub:
            opf = epub.read("content.opf").decode("utf-8")
            ncx = epub.read("toc.ncx").decode("utf-8")
        uid = re.search(r'unique-identifier="([^"]+)"', opf)
        [identifier] = re.findall(rf'<dc:identifier id="{uid[1] if uid else ""}">([^<]*)</dc:identifier>', opf)
        assert f'<meta name="dtb:uid" content="{identifier}"/>' in ncx
        found[edition] = identifier
    assert found == {"reader": home, "student": f"{home}#student", "instructor": f"{home}#instructor"}


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_make_builds_each_edition_s_epub(edition: str) -> None:
    """`make student-epub` and `make instructor-epub` name their edition and write where the docs say."""
    dry_run = subprocess.run(
        ["make", "-n", "--always-make", f"{edition}-epub"], cwd=REPO, capture_output=True, text=True, check=True
    )
    [sphinx] = [line for line in dry_run.stdout.splitlines() if " -m sphinx " in line]
    assert f"-D checks_edition={edition} -b epub docs _build/{edition}/epub" in sphinx


@pytest.mark.parametrize(
    ("edition", "place", "note"),
    [
        ("student", "hidden", "This edition has no answers: your teacher has them."),
        ("reader", "hidden", "This edition has no answers."),  # a book that prints none, with no teacher to ask
        ("instructor", "inline", "Answers are printed after each exercise."),
    ],
)
def test_the_answers_note_names_the_teacher_only_in_the_student_edition(edition: str, place: str, note: str) -> None:
    assert answers_note(edition, place) == note
