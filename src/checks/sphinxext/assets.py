"""The extension's script and styles as pages load them: minified, into a folder of the build's own.

The sources in ``checks/static`` stay readable (and are what ``tests/test_parity.py`` compares with Python once
minified the same way); every reader's page loads the minified copies, about a quarter smaller. A folder under
the build's doctrees keeps them out of the package and out of the author's source tree; a copy is written only
when its text changes, so that Sphinx's copy of the static files sees the same file from build to build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin

from checks.files import atomic_write

SOURCES = Path(__file__).resolve().parent.parent / "static"
MINIFIERS: dict[str, Callable[[str], str]] = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minified(text: str, suffix: str) -> str:
    """``text``, a script (``.js``) or a style sheet (``.css``), without its comments and spare spaces."""
    return MINIFIERS[suffix](text) + "\n"


def static_folder(doctreedir: str | Path, minify: bool = True) -> Path:
    """The folder whose files pages load: the sources themselves, or their minified copies under ``doctreedir``."""
    if not minify:
        return SOURCES
    folder = Path(doctreedir) / "checks-static"
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(SOURCES.iterdir()):
        if source.suffix not in MINIFIERS:
            continue
        text = minified(source.read_text(encoding="utf-8"), source.suffix)
        copy = folder / source.name
        if not copy.is_file() or copy.read_text(encoding="utf-8") != text:
            atomic_write(copy, text)
    return folder
