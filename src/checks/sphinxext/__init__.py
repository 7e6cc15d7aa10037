"""The Sphinx extension: a thin layer that places bank exercises in pages.

Enable it with ``extensions = ["checks"]``. Configuration:

``checks_banks``
    Folder of exercise banks, relative to the configuration directory (default ``"exercises"``).
``checks_answers``
    Where answers go in print builders: ``"appendix"`` (the ``{answers}`` page), ``"inline"`` or ``"hidden"``.
``checks_edition``
    ``"reader"`` (self-check), ``"student"`` (no keys anywhere) or ``"instructor"`` (every key, explanation,
    feedback, misconception tag and objective, and a blueprint where ``{blueprint}`` stands).
``checks_printed_editions``
    The printed editions the site offers for download, by the format the web pages' note for readers without
    JavaScript names them by, each at its address from the site's top folder: ``{"PDF": "book.pdf"}``. The note
    links them (default ``{}``: no links).
``checks_minify_assets``
    Whether pages load the extension's script and styles minified (default ``True``); ``False`` serves the
    readable sources, for debugging the script in a browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils.nodes import Element, Node, entry, section, table, target
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.config import Config

from checks import __version__
from checks.loading import BankError, book_chapter_problems
from checks.sphinxext import assets, banks, html, latex, references, text
from checks.sphinxext import nodes as cn
from checks.sphinxext.directives import (
    AnswersDirective,
    BlueprintDirective,
    ExerciseDirective,
    ExercisesDirective,
    ObjectivesDirective,
)
from checks.sphinxext.domain import ChecksDomain
from checks.sphinxext.encoding import leave_out_unreadable
from checks.sphinxext.formats import ExampleDirective, FormatDirective
from checks.sphinxext.generic import VISITOR_FORMATS, GenericLayout
from checks.sphinxext.numbering import FIGTYPE, title_getter
from checks.sphinxext.paths import set_project
from checks.sphinxext.quotes import ExerciseSmartQuotes
from checks.sphinxext.references import UnnumberedReferences, missing_reference
from checks.sphinxext.slips import hint_slips
from checks.sphinxext.transforms import (
    ANSWER_PLACES,
    EDITIONS,
    EditionLayout,
    ObjectivesOnce,
    answers_place,
    is_interactive,
)
from checks.sphinxext.warnings_ import CheckWarning, warn, warn_bank

DIRECTIVES: dict[str, type[Directive]] = {
    "objectives": ObjectivesDirective,
    "exercise": ExerciseDirective,
    "exercises": ExercisesDirective,
    "answers": AnswersDirective,
    "blueprint": BlueprintDirective,
    "checks-format": FormatDirective,
    "checks-example": ExampleDirective,
}


def _config_inited(app: Sphinx, config: Config) -> None:
    config.numfig_format.setdefault(FIGTYPE, "Exercise %s")
    set_project(app.confdir)
    # Directives read banks through the config; make the folder absolute once here.
    config.checks_banks = str((Path(app.confdir) / config.checks_banks).resolve())
    if config.checks_answers not in ANSWER_PLACES:
        warn(
            CheckWarning.EDITION,
            f"checks_answers must be one of {', '.join(ANSWER_PLACES)}, not {config.checks_answers!r}",
        )
        config.checks_answers = "appendix"
    if config.checks_edition not in EDITIONS:
        warn(
            CheckWarning.EDITION, f"checks_edition must be one of {', '.join(EDITIONS)}, not {config.checks_edition!r}"
        )
        config.checks_edition = "reader"
    # A page keeps text out of an edition with Sphinx's own ``only`` directive: an example key, say,
    # goes in ``{only} not checks_student``.
    app.tags.add(f"checks_{config.checks_edition}")
    # Where print puts the answers, for a page that tells the reader where to look: ``checks_answers_appendix``,
    # ``checks_answers_inline`` or ``checks_answers_hidden``.
    app.tags.add(f"checks_answers_{answers_place(config.checks_edition, config.checks_answers)}")


def _builder_inited(app: Sphinx) -> None:
    # Assets only where a reader can interact; print builders get static questions.
    if is_interactive(app.builder.name):
        folder = assets.static_folder(app.doctreedir, app.config.checks_minify_assets)
        app.config.html_static_path.append(str(folder))
        app.add_css_file("checks.css")
        app.add_js_file("checks.js", loading_method="defer")


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Node | None) -> None:
    # The blueprint's styles go to its own page only: every reader's page loads checks.css. Only the
    # instructor edition prints the blueprint (transforms.EditionLayout); the others need not look for it.
    if app.config.checks_edition != "instructor" or not is_interactive(app.builder.name) or doctree is None:
        return
    if any("checks-blueprint" in node["classes"] for node in doctree.findall(table)):
        app.add_css_file("checks-blueprint.css")


def _before_read(app: Sphinx, env: Any, docnames: list[str]) -> None:
    # Each build looks at the bank files once, so an edited bank is read again before any page uses it.
    banks.new_build()
    references.new_build()  # a reference in a bank's text is told once per build
    # Pages about to be read place their exercises again; their old places must not count as taken.
    domain = env.get_domain("checks")
    assert isinstance(domain, ChecksDomain)
    for docname in docnames:
        domain.clear_doc(docname)
    # A broken bank is reported here, once per build, even when no page is read again; parallel
    # readers start from this process and so know it was reported. A missing folder is left to the
    # directives: a project that places no exercise needs none.
    folder = Path(app.config.checks_banks)
    if folder.exists():
        try:
            loaded = banks.get_banks(folder)
        except BankError as err:
            if banks.first_report(folder):
                warn_bank(err.problems)
            return
        if loaded.problems and banks.first_report(folder):
            warn_bank(loaded.problems)
        # Every usable bank, as `checks validate` checks it: a page finds its bank by name, and a bank that no
        # page names would otherwise never be told that its `chapter` names no page.
        warn_bank(book_chapter_problems(loaded.book))


def _get_outdated(app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    domain = env.get_domain("checks")
    assert isinstance(domain, ChecksDomain)
    # A page that uses a bank depends on its file, but a bank file that no page uses (a new one, one
    # removed, one no page places anything from) changes no page. What it changes is seen here: the
    # pages waiting for an exercise or bank that did not exist, and the pages filled from every bank.
    folder = Path(app.config.checks_banks)
    if domain.banks_changed(banks.stamp(folder)):
        # With none of those, the start page is read again all the same: Sphinx checks the book (and so
        # reports unplaced exercises) only in a build that reads a page.
        pages = (domain.waiting | domain.summaries | _using_broken(env, folder)) - removed
        return sorted(pages or {app.config.root_doc})
    # The Answers page and the blueprint are filled from every page's exercises when they are written,
    # so they are stale whenever any page (or a bank, through the pages that depend on it) changes.
    if not (added or changed or removed):
        return []
    return sorted(domain.summaries - removed)


def _using_broken(env: Any, folder: Path) -> set[str]:
    """The pages that use a bank file left out now, though unchanged: one whose exercise id or chapter another
    file has taken. Read again, they show what a full build would, nothing from either file."""
    banks.new_build()  # this build's files, not the last build's
    try:
        broken = banks.get_banks(folder).broken
    except BankError:
        return set()
    return {docname for docname, files in env.dependencies.items() if any(Path(f) in broken for f in files)}


def _env_updated(app: Sphinx, env: Any) -> list[str]:
    """Give up the second places of exercises that parallel readers made, as a serial read would have.

    Done before Sphinx numbers the exercises, so the page that loses a copy numbers its others as in a
    serial build: no "Exercise 3.2" missing between 3.1 and 3.3.
    """
    domain = env.get_domain("checks")
    assert isinstance(domain, ChecksDomain)
    first = domain.first_places()
    for docname, seconds in domain.take_second_places().items():
        for exercise_id, line in seconds:
            where = first[exercise_id]
            warn(
                CheckWarning.PLACEMENT,
                f"exercise {exercise_id!r} is already placed at {domain.shown_place(*where)}",
                (docname, line),
            )
            # As in a serial read: if the first place goes, this page must place the exercise.
            env.note_dependency(env.doc2path(where[0]), docname=docname)
        _drop_exercises(app, env, docname, {exercise_id: first[exercise_id][0] for exercise_id, _ in seconds})
    return []


def _answers_page_moved(app: Sphinx, env: Any) -> list[str]:
    """Every page with exercises, to be written again when the answers page came, went or moved: in print each
    exercise links to its answer there, though its own page did not change."""
    domain = env.get_domain("checks")
    assert isinstance(domain, ChecksDomain)
    return sorted(domain.placed) if domain.answers_page_changed() else []


def _drop_exercises(app: Sphinx, env: Any, docname: str, moved: dict[str, str]) -> None:
    """Take the exercises ``moved`` out of ``docname``'s saved doctree; their labels go to the pages that show them."""
    doctree = env.get_doctree(docname)
    std = env.get_domain("std")
    for node in list(doctree.findall(cn.checks_exercise)):
        exercise_id = node["exercise_id"]
        if exercise_id not in moved:
            continue
        # An author's label written just before the directive was merged into its ids. In a serial read the
        # directive gives nothing and docutils passes the label on to what follows; so it does here.
        others = [i for i in node["ids"] if i != exercise_id]
        following = node.next_node(descend=False, siblings=True)
        if others and isinstance(following, Element):
            following["ids"].extend(others)
        elif others:
            node.parent.insert(node.parent.index(node), target("", "", ids=others))
        node.parent.remove(node)
        # Sphinx merges the labels of parallel readers without a word: the last one merged wins.
        for name, (labeldoc, labelid, title) in list(std.labels.items()):
            if labeldoc == docname and labelid == exercise_id:
                std.labels[name] = (moved[exercise_id], labelid, title)
                std.anonlabels[name] = (moved[exercise_id], labelid)
    app.builder.write_doctree(docname, doctree)
    # A copy read before this change would hold the exercise; the cache is private to Sphinx, hence getattr.
    getattr(env, "_pickled_doctree_cache", {}).pop(docname, None)


def _handlers(name: str) -> dict[str, Any]:
    # Other builders get generic nodes instead (GenericLayout).
    handlers = {"html": html.HANDLERS[name], "latex": latex.HANDLERS[name], "text": text.HANDLERS[name]}
    assert tuple(handlers) == VISITOR_FORMATS
    return handlers


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("checks_banks", "exercises", "env", types=[str])
    app.add_config_value("checks_answers", "appendix", "env", types=[str])
    app.add_config_value("checks_edition", "reader", "env", types=[str])
    # The printed editions the site offers, by the format the note for readers without JavaScript names
    # ("PDF", "EPUB"), each at its address from the site's top folder: the note links them (noscript.py).
    app.add_config_value("checks_printed_editions", {}, "html", types=[dict])
    app.add_config_value("checks_minify_assets", True, "html", types=[bool])
    app.add_domain(ChecksDomain)
    app.add_enumerable_node(cn.checks_exercise, FIGTYPE, title_getter, **_handlers("checks_exercise"))
    for name in html.HANDLERS:
        if name != "checks_exercise":
            app.add_node(getattr(cn, name), **_handlers(name))
    # Only the blueprint's cells change (html.visit_entry); every other table is written as before.
    app.add_node(entry, override=True, html=(html.visit_entry, html.depart_entry))
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    hint_slips(DIRECTIVES)  # "did you mean 'exercise'?" for {exercize}
    app.add_latex_package("needspace")  # latex.py keeps an exercise's title with its question
    # ... and a heading with the exercise it opens with.
    app.add_node(section, override=True, latex=latex.SECTION_HANDLERS)
    app.add_transform(ExerciseSmartQuotes)
    app.add_post_transform(EditionLayout)
    app.add_post_transform(GenericLayout)
    app.add_post_transform(UnnumberedReferences)
    app.add_post_transform(ObjectivesOnce)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-get-outdated", _get_outdated)
    app.connect("html-page-context", _page_context)
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-before-read-docs", leave_out_unreadable)
    app.connect("env-updated", _env_updated)
    app.connect("env-updated", _answers_page_moved)
    app.connect("missing-reference", missing_reference)
    return {"version": __version__, "env_version": 5, "parallel_read_safe": True, "parallel_write_safe": True}
