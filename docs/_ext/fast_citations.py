"""Makes each citation cheap to resolve: pybtex's plain-text backend is looked up once, not per citation.

sphinxcontrib-bibtex asks pybtex for its ``plaintext`` backend every time it resolves a ``{cite}``
role, and pybtex answers by scanning the metadata of every installed package (about 8 ms each time).
The book has several hundred citations, counting the sources of the exercises, so the scans took
more time than anything else in an HTML build. Registering the same class as a runtime plugin,
which pybtex checks first, makes the lookup a dictionary read; the output is unchanged.
"""

from __future__ import annotations

from typing import Any

from pybtex.plugin import find_plugin, register_plugin
from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    register_plugin("pybtex.backends", "plaintext", find_plugin("pybtex.backends", "plaintext"), force=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
