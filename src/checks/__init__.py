"""Self-check exercises for Sphinx/MyST books.

The core (:mod:`checks.model`, :mod:`checks.loading`, :mod:`checks.grading`,
:mod:`checks.sheets`) imports neither Sphinx nor docutils. Listing ``"checks"``
in a Sphinx project's ``extensions`` loads the extension lazily from
:mod:`checks.sphinxext`.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point; imported lazily so the core stays free of Sphinx."""
    from checks.sphinxext import setup as _setup

    return _setup(app)
