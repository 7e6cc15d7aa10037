"""Pages that the configured ``source_encoding`` cannot read: told at the byte, and left out of this build.

Sphinx stops the whole build with a traceback at the first such page (a Latin-1 ``é``). A warning at the page's
line, in the words `checks validate` has for a bank, says what to do, and the rest of the book builds.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from checks.reading import not_encoded
from checks.sphinxext.domain import ChecksDomain
from checks.sphinxext.warnings_ import CheckWarning, warn


def leave_out_unreadable(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Warn of each page about to be read that ``source_encoding`` cannot read, and take it out of the book."""
    encoding = app.config.source_encoding
    domain = env.get_domain("checks")
    assert isinstance(domain, ChecksDomain)
    domain.left_out.clear()  # a page left out is unread, so read (and checked) again in the next build
    for docname in list(docnames):
        path = env.doc2path(docname)
        try:
            raw = path.read_bytes()
            raw.decode(encoding)
        except (OSError, LookupError):
            continue  # a page that cannot be opened, or an encoding with no codec: Sphinx says so itself
        except UnicodeDecodeError as err:
            problem = not_encoded(path, raw, err, encoding)
            warn(
                CheckWarning.ENCODING, f"{problem.problem}; the page is left out of this build", (docname, problem.line)
            )
            docnames.remove(docname)
            domain.left_out.add(docname)
            # Out of the book, not only of the read: nothing is left to write it from, and a copy read in an
            # earlier build must not stand in for it. The next build finds it unread and checks it again.
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
            env.found_docs.discard(docname)
