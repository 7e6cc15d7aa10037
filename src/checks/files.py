"""Writing output files atomically, so a crash never leaves one half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checks.reading import InputError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    write_all({path: data})


def write_all(files: dict[Path, str | bytes]) -> None:
    """Write several files so that a failure leaves every one of them as it was.

    Each file is written in full to a temporary file beside it; only when all
    are written are they renamed into place. A link is written through to the
    file it points to; a device or pipe (``/dev/stdout``) is written directly.
    A problem raises :class:`InputError` naming the file.
    """
    staged: list[tuple[str, Path, Path]] = []  # (temporary file, file it replaces, path as given)
    current = next(iter(files), Path())
    try:
        for current, data in files.items():
            raw = data.encode("utf-8") if isinstance(data, str) else data
            target = _target(current)
            if target is None:
                _write_directly(current, raw)
            else:
                staged.append((_stage(target, raw), target, current))
        for tmp, target, given in staged:
            current = given  # named in the error, should the rename fail
            os.replace(tmp, target)
    except FileExistsError:  # making its folder: some part of the folder path is a file
        raise InputError(current, "cannot be written (part of its folder path is a file)") from None
    except OSError as err:
        raise InputError(current, f"cannot be written ({err.strerror or err})") from None
    finally:
        for tmp, _, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _target(path: Path) -> Path | None:
    """The regular file to replace for ``path``, or None to write ``path`` directly."""
    if path.is_dir():
        raise InputError(path, "is a folder; give the name of a file to write")
    if path.exists() and not path.is_file():
        return None  # a device or a pipe: there is no file to replace
    return path.resolve() if path.is_symlink() else path


def _stage(path: Path, raw: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; give it the mode an ordinary write would.
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _write_directly(path: Path, raw: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(raw)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
