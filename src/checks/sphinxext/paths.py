"""Files as the extension's messages name them: from the project's folder, where ``conf.py`` is.

So a build names a bank as ``checks validate``, run from that folder, names it (``exercises/03-x.yaml``), and a
page as one would open it (``docs/03-x.md``). The place that Sphinx writes before a message is Sphinx's own,
and stays as Sphinx writes it.
"""

from __future__ import annotations

import os
from pathlib import Path

# Set when the configuration is read; one build at a time per process, and parallel readers inherit it.
_project = Path.cwd()


def set_project(folder: str | os.PathLike[str]) -> None:
    global _project
    _project = Path(folder).resolve()


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` from the project's folder, with ``/`` between its parts; as it is where no such path exists."""
    try:
        return Path(os.path.relpath(path, _project)).as_posix()
    except ValueError:  # another drive, on Windows
        return str(path)


def shown_in(text: str, folder: str | os.PathLike[str]) -> str:
    """``text`` with the files of ``folder`` that it names named from the project's folder."""
    return text.replace(f"{os.fspath(folder)}{os.sep}", f"{shown(folder)}/")
