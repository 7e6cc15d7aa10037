"""Pages that gave a warning are read again in the next build, so the warning is given again.

Sphinx reads again only the pages that changed. After a build that failed on a page's warning (``-W``),
a second build without changes read nothing, said nothing and passed, though the page was as wrong as
before; a missing reference (``-n``), found when the page is written, was likewise not found again,
since an unchanged page is not written again. Here every warning of a build is noted with the page it
belongs to, and the next build reads those pages again, until they build without one.

A warning belongs to the page being read, or resolved for writing, when it was given, and to the page
at its location. One located in another file (an included file, an exercise bank) belongs to the pages
that depend on that file; one that names no page at all, to the start page, so that Sphinx's checks of
the whole book, made only in a build that reads a page, run again.

The pages are kept in a small file beside Sphinx's saved environment rather than in it: Sphinx saves
the environment before it checks the book and writes the pages, so warnings given then would be lost.
They are kept by builder, since one builder's warnings given at writing are not another's.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

STORE = "warned-pages.json"  # in the doctree folder: {builder name: [docname, ...]}
SEEN = "warned_pages_seen"  # set on a record once noted: Sphinx passes on each warning given while reading twice


class Recorder(logging.Handler):
    """Notes, for each warning of the build, the pages it belongs to, or the files it is located in."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.pages: set[str] = set()
        self.files: set[Path] = set()  # located in a file that is no page
        self.nowhere = False  # a warning that names no page and no file

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, SEEN, False) or self._suppressed(record):
            return
        setattr(record, SEEN, True)
        env = getattr(self.app, "env", None)
        if env is None:  # before the book is found: a configuration problem, given again in every build
            self.nowhere = True
            return
        place = _place(self.app, env, getattr(record, "location", None))
        if isinstance(place, str):
            self.pages.add(place)
        elif place is not None:
            self.files.add(place)
        if env.docname:
            self.pages.add(env.docname)
        elif place is None:
            self.nowhere = True

    def _suppressed(self, record: logging.LogRecord) -> bool:
        suppress = getattr(self.app.config, "suppress_warnings", ())
        return is_suppressed_warning(getattr(record, "type", ""), getattr(record, "subtype", ""), suppress)

    def warned(self) -> set[str]:
        """The pages to read again in the next build."""
        users: dict[Path, set[str]] = {}
        for docname, files in self.app.env.dependencies.items() if self.files else ():
            for file in files:
                users.setdefault(Path(self.app.srcdir, file).resolve(), set()).add(docname)
        found = [users.get(file, set()) for file in self.files]
        pages = self.pages.union(*found)
        if self.nowhere or not all(found):
            pages.add(self.app.config.root_doc)
        return pages


def _place(app: Sphinx, env: Any, location: Any) -> str | Path | None:
    """The page (a docname) or the file a warning's location names; Sphinx allows a docname, (docname, line),
    a node or "path:line", and turns the others into the last before it writes the warning."""
    if isinstance(location, tuple):
        location = location[0]
    elif isinstance(location, nodes.Node):
        location = get_node_location(location)
    if not location:
        return None
    text = str(location)
    if text in env.found_docs:
        return text
    head, colon, line = text.rpartition(":")
    path = Path(app.srcdir, head if colon and (line == "" or line.isdigit()) else text)
    docname = env.path2doc(path)
    if docname in env.found_docs:
        return str(docname)
    return path.resolve() if path.exists() else None


def _load(app: Sphinx) -> dict[str, list[str]]:
    try:
        stored = json.loads((Path(app.doctreedir) / STORE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _outdated(app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    # Every builder's pages: builders that share a doctree folder share the saved environment, so a page
    # that warned while it was read must be read again whichever of them builds next.
    return sorted({docname for pages in _load(app).values() for docname in pages})


def _save(app: Sphinx, recorder: Recorder) -> None:
    stored = _load(app)
    pages = sorted(recorder.warned())
    if stored.get(app.builder.name, []) == pages:
        return
    stored[app.builder.name] = pages
    stored = {name: docnames for name, docnames in stored.items() if docnames}
    # Whole or not at all: a list cut short by a killed build would be read as no list, and the next build
    # would pass without reading the pages that warned.
    store = Path(app.doctreedir) / STORE
    partial = store.with_name(f".{STORE}.{os.getpid()}")
    partial.write_text(json.dumps(stored, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, store)


def setup(app: Sphinx) -> dict[str, Any]:
    recorder = Recorder(app)
    # On Sphinx's own logger, whose handlers each new app sets afresh. A build that reads in parallel hands
    # its readers' warnings on to this process, where they are noted by their locations.
    logging.getLogger(NAMESPACE).addHandler(recorder)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", lambda app, exception: _save(app, recorder))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
