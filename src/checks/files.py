"""The files the commands touch: the sheets a folder holds, output files written atomically, so a crash
never leaves one half-written, and not over a file that holds something else unless asked, and standard output,
whose failures are told as a file's are."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from checks.printable import escaped
from checks.reading import SUFFIXES, InputError, read_document

# A warning lists this many skipped files by name, and counts the rest.
NAMES_SHOWN = 5
# A file named to grade that is not of a sheet's type, nor holds one.
NO_SHEET_NAMED = (
    "not a .json, .yaml or .yml file, nor an answer sheet saved under another name "
    "(if it is one, name it .json or .yaml, as it is written, to see what is wrong with it)"
)


@dataclass(frozen=True)
class Skipped:
    """Files in a folder given that were not read as sheets, for one reason: a warning line, and a row of the
    gradebook's report."""

    folder: Path
    what: str  # what they are, after the count: "file(s) that are not .json, .yaml or .yml"
    names: tuple[str, ...]  # each within ``folder``, with forward slashes

    def __str__(self) -> str:
        return escaped(f"warning: {self.folder}: skipped {len(self.names)} {self.what}: {first_few(self.names)}")


@dataclass(frozen=True)
class Ours:
    """A command's output folder (its real path) and the files it writes there: they are no sheets of the class,
    and are passed over without a word when that folder is among the sheets."""

    folder: str
    names: frozenset[str]


class Sheets(NamedTuple):
    """The sheets an argument names, and the files in its folder that were skipped."""

    paths: list[Path]
    skipped: tuple[Skipped, ...] = ()


def sheet_paths(item: str, ours: Ours | None = None) -> Sheets:
    """The sheets an argument names: a file, or the sheets in a folder and its subfolders.

    A file named is read as a sheet whatever its type when it holds one (:func:`holds_sheet`); one that does not
    names no sheet, as a zip file or a folder without sheets does (:class:`InputError`).

    Subfolders count because an LMS's "download all submissions" gives each
    student a folder of their own. Hidden files and folders (``.name``, which
    include the ``._name`` files macOS leaves on shared drives) are not sheets,
    and are skipped silently. Other files skipped are named in a warning: a sheet
    saved as ``mia.yaml.txt`` would otherwise vanish from the grades unseen.

    Links are followed, to folders as to files, so a class gathered from several
    places by links is read whole. Each folder is read once, under the first path
    that reaches it, however many links lead to it, and each file once, however
    many links name it: no sheet is graded twice. A link to the folder given, or
    to a folder that holds it, is not followed: it would loop, or read the sheets
    of the classes beside this one; the second is named in a warning.

    A command's own output folder (``ours``), kept beside the sheets as a class's gradebook often is, is passed
    over silently: below the folder given, whole, whatever has been saved in it since; as the folder given, only
    the files the command writes there.
    """
    path = Path(item)
    if not path.is_dir():
        if not path.exists() and not path.suffix:
            raise InputError(path, "no such file or folder")
        if path.suffix.lower() == ".zip" and path.is_file():  # an LMS's download of a class, as it comes
            raise InputError(path, "a zip file: unzip it, and grade the folder it gives")
        # Named, a file of another type is meant as a sheet: read as one when it holds one (mia.yaml.txt, as
        # Notepad saves it), and else no sheet, as a folder without any is, not a student's sheet refused.
        if path.suffix.lower() not in SUFFIXES and path.exists() and not holds_sheet(path):
            raise InputError(path, NO_SHEET_NAMED)
        return Sheets([path])
    found: list[Path] = []
    other: list[Path] = []  # not .json, .yaml or .yml
    dangling: list[Path] = []  # links to nothing
    special: list[Path] = []  # named pipes, sockets and devices
    outward: list[Path] = []  # links to a folder that holds the one given
    root = os.path.realpath(path)
    walked: set[str] = set()  # the real paths of the folders read
    taken: set[str] = set()  # the real paths of the sheets found
    for folder, subfolders, files in os.walk(path, followlinks=True):
        real = os.path.realpath(folder)
        if real in walked:
            subfolders[:] = []
            continue
        walked.add(real)
        if ours is not None and real == ours.folder and real != root:
            subfolders[:] = []
            continue
        # Sorted, name by name, so a class is read in the same order on every machine.
        subfolders[:] = [d for d in sorted(subfolders) if not d.startswith(".") and _inward(folder, d, root, outward)]
        here = Path(folder)
        for name in sorted(files):
            if name.startswith(".") or (ours is not None and name in ours.names and real == ours.folder):
                continue
            file = here / name
            # The suffix as Path gives it, but for a name ending in a dot, which is no sheet's either way.
            if os.path.splitext(name)[1].lower() not in SUFFIXES:
                other.append(file)
            elif (regular := _regular(file)) or file.is_file():
                # The folder's real path is known: only a link to a file costs a lookup of its own.
                target = os.path.join(real, name) if regular or not os.path.islink(file) else os.path.realpath(file)
                if target not in taken:
                    taken.add(target)
                    found.append(file)
            elif file.is_symlink() and not file.exists():
                dangling.append(file)
            elif file.exists():  # a named pipe, a socket or a device: no sheet, and reading one could wait for ever
                special.append(file)
    if not found:
        skipped = f"; it holds {_names(path, other + dangling + special)}" if other or dangling or special else ""
        raise InputError(path, f"folder holds no answer sheets (.json, .yaml, .yml){skipped}")
    kinds = [
        ("file(s) that are not .json, .yaml or .yml", other),
        ("link(s) to a missing file", dangling),
        ("named pipe(s), socket(s) or device(s), not files", special),
        ("link(s) to a folder that holds this one", outward),
    ]
    return Sheets(found, tuple(Skipped(path, what, _within(path, files)) for what, files in kinds if files))


def holds_sheet(path: Path) -> bool:
    """Whether ``path``, a file named other than .json, .yaml or .yml, holds an answer sheet: YAML or JSON text
    (JSON when it begins with ``{``) whose top level is a mapping with 'student' or 'answers'. Such a file is then
    read as any sheet, its mistakes told; prose, a PDF or a word-processor file is no sheet. A file larger than a
    sheet may be is taken for one, unread: what it holds cannot be told, and read as a sheet it is told it is too
    large, as a .yaml sheet that size is."""
    from checks.sheets import MAX_SHEET_BYTES  # the sheets' module, loaded only for such a file

    if not path.is_file():  # a device or a pipe, which could be read without end
        return False
    try:
        if path.stat().st_size > MAX_SHEET_BYTES:
            return True
        doc = read_document(path, max_bytes=MAX_SHEET_BYTES, keep_going=True, suffixes=None)
    except (InputError, OSError):
        return False
    return isinstance(doc.data, dict) and any(str(key).strip() in ("student", "answers") for key in doc.data)


def _regular(file: Path) -> bool:
    """Whether ``file`` is a file and no link, in one look-up (the usual sheet); False where it cannot be told."""
    try:
        return stat.S_ISREG(os.lstat(file).st_mode)
    except (OSError, ValueError):
        return False


def not_seen(paths: Iterable[Path], seen: set[str]) -> list[Path]:
    """``paths`` less those whose real path is in ``seen``, which gains the rest: across a command's
    arguments (a folder given twice, a sheet named and also in a folder given), each sheet is graded once."""
    fresh = []
    for path in paths:
        if (real := os.path.realpath(path)) not in seen:
            seen.add(real)
            fresh.append(path)
    return fresh


def _inward(folder: str, name: str, root: str, outward: list[Path]) -> bool:
    """Whether to read the subfolder ``name`` of ``folder``: not when it links to ``root`` (the folder
    given, read already) or to a folder holding it, whose other sheets are not this class's; the
    latter is kept in ``outward``, to be named."""
    sub = os.path.join(folder, name)
    if not os.path.islink(sub):
        return True
    target = os.path.realpath(sub)
    if os.path.commonpath([target, root]) != target:
        return True
    if target != root:
        outward.append(Path(sub))
    return False


def _within(folder: Path, files: list[Path]) -> tuple[str, ...]:
    return tuple(file.relative_to(folder).as_posix() for file in files)


def _names(folder: Path, files: list[Path]) -> str:
    """The first few of ``files``, named within ``folder``, and how many more there are."""
    return first_few(_within(folder, files))


def first_few(names: Sequence[str]) -> str:
    """The first few of ``names``, and how many more there are: a warning line stays readable for a class."""
    more = len(names) - NAMES_SHOWN
    shown = ", ".join(names[:NAMES_SHOWN])
    return f"{shown} and {more} more" if more > 0 else shown


def folder_problem(folder: Path) -> str | None:
    """Why files could not be written in ``folder``, made with its parents where missing; None if they can.

    Checked before long work, such as grading a class, so that a mistyped output folder is told at once,
    not after the class is graded.
    """
    for part in (folder, *folder.parents):
        try:
            if not part.exists():
                continue
        except OSError:  # a folder above it that may not be searched
            return "permission denied"
        if not part.is_dir():
            return "part of its folder path is a file"
        return None if os.access(part, os.W_OK | os.X_OK) else "permission denied"
    return None


def keep_other(path: Path, text: str, what: str) -> None:
    """Refuse to write ``text`` over a file at ``path`` that holds anything else: a blank sheet written over a
    student's filled-in one would lose their answers. The same text again loses nothing; a folder, a device
    or no file at all is left to the write, which refuses or allows it. A file of another size differs, and is
    not read: it may be large, and a roster's folder holds one per student."""
    data = text.encode("utf-8")
    try:
        if not path.is_file() or (path.stat().st_size == len(data) and path.read_bytes() == data):
            return
    except OSError as err:  # what it holds is unknown: it may be a student's answers
        problem = f"cannot be read to compare with {what} ({err.strerror or err})"
        raise InputError(path, f"{problem}; pass --force to replace it") from None
    raise InputError(path, f"exists and differs from {what}; pass --force to replace it")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    write_all({path: data})


def write_all(files: dict[Path, str | bytes]) -> None:
    """Write several files so that a failure leaves every one of them as it was.

    Each file is written in full to a temporary file beside it; only when all
    are written are they renamed into place. Should a rename fail (a file
    another program holds, one made immutable) or be interrupted, the files
    already renamed are put back as they were, from copies kept until then. A
    folder a file goes in is made, with any folders above it, and removed again
    should the writing fail. A link is written through to the file it points
    to; a device or pipe (``/dev/stdout``) is written directly. A problem
    raises :class:`InputError` naming the file.
    """
    staged: list[tuple[str, Path, Path]] = []  # (temporary file, file it replaces, path as given)
    made: list[Path] = []  # the folders made for the files, outermost first
    kept: dict[Path, str] = {}  # a copy of each file replaced, to put back should a later rename fail
    current = next(iter(files), Path())
    written = False
    try:
        for current, data in files.items():
            raw = data.encode("utf-8") if isinstance(data, str) else data
            target = _target(current)
            if target is None:
                _write_directly(current, raw)
            else:
                _make_folder(target.parent, made)
                staged.append((_stage(target, raw), target, current))
        if len(staged) > 1:  # one rename is done or not: nothing to put back
            for _, target, given in staged:
                current = given  # named in the error, should its copy fail
                _keep(target, kept)
        renamed: list[Path] = []
        try:
            for tmp, target, given in staged:
                current = given  # named in the error, should the rename fail
                renamed.append(target)  # first: an interrupt just after the rename must still put it back
                os.replace(tmp, target)
        except BaseException:
            if len(staged) > 1:  # one file is renamed whole or not at all: nothing to put back
                _put_back(renamed, kept)
            raise
        written = True
    except (FileExistsError, NotADirectoryError):  # making its folder: some part of the folder path is a file
        raise InputError(current, "cannot be written (part of its folder path is a file)") from None
    except OSError as err:
        raise InputError(current, f"cannot be written ({err.strerror or err})") from None
    finally:
        for tmp in [tmp for tmp, _, _ in staged] + list(kept.values()):
            Path(tmp).unlink(missing_ok=True)
        if not written:  # as it was: a folder made for files that were not written is left empty
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()


def _keep(target: Path, kept: dict[Path, str]) -> None:
    """Keep a copy of ``target``, when it exists, beside it: a second link to it where the file system allows,
    else a copy of its bytes."""
    if target in kept or not target.exists():  # two paths to one file (a link): one copy
        return
    fd, copy = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old")
    os.close(fd)
    kept[target] = copy
    try:
        os.unlink(copy)
        os.link(target, copy)
    except OSError:  # no links here (FAT), or none to this file (immutable)
        shutil.copy2(target, copy)


def _put_back(renamed: list[Path], kept: dict[Path, str]) -> None:
    """Undo the renames done (the last perhaps not done): each file as it was, or gone where there was none."""
    for target in reversed(renamed):
        with contextlib.suppress(OSError):
            if target in kept:  # a link to the file itself, where it was not replaced, stays: removed after
                os.replace(kept[target], target)
            else:
                target.unlink(missing_ok=True)


def _make_folder(folder: Path, made: list[Path]) -> None:
    """Make ``folder`` and any folders above it that are missing, adding each to ``made`` as it is made."""
    missing = []
    for part in (folder, *folder.parents):
        if part.is_dir():
            break
        missing.append(part)
    for part in reversed(missing):
        part.mkdir()  # a file in its place raises FileExistsError
        made.append(part)


def _target(path: Path) -> Path | None:
    """The regular file to replace for ``path``, or None to write ``path`` directly."""
    if path.is_dir():
        raise InputError(path, "is a folder; give the name of a file to write")
    if path.exists() and not path.is_file():
        return None  # a device or a pipe: there is no file to replace
    return path.resolve() if path.is_symlink() else path


def _stage(path: Path, raw: bytes) -> str:
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


STANDARD_OUTPUT = Path("standard output")  # how an error names it


class ClosedOutput(io.TextIOBase):
    """Standard output of a process started with it closed (``>&-``, as some job runners start a command), where
    Python gives no stream at all and ``print`` drops its text without a word. This one notes that something was
    written, for :func:`write_stdout` to tell at the end, as a full disk is told once the buffer is flushed; a
    command that writes nothing there (``export -o FILE``) ends as it would have."""

    written = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return len(text)


def write_stdout(data: str | bytes = "") -> None:
    """Write ``data`` to standard output, and flush it with what was printed before: a write that fails (a full
    disk, ``>/dev/full``) is an :class:`InputError` naming standard output, told on one line with exit status 2
    as any output that could not be written. A reader that went away (``| head``) raises BrokenPipeError, on
    which the command ends quietly (status 141). Either way standard output is silenced (:func:`silence_stdout`)."""
    if sys.stdout is None or isinstance(sys.stdout, ClosedOutput):
        if data or getattr(sys.stdout, "written", False):
            raise InputError(STANDARD_OUTPUT, "cannot be written (it is closed)")
        return
    try:
        stream = sys.stdout
        unbuffered = isinstance(getattr(stream, "buffer", None), io.RawIOBase)  # PYTHONUNBUFFERED, python -u
        if isinstance(data, str) and data and unbuffered:
            # Python's text layer drops what a short write leaves over, and a write to a pipe whose reader leaves
            # while it waits comes back short: the command would end with status 0, its output cut.
            data = data.encode(stream.encoding, stream.errors or "strict")
        if isinstance(data, bytes):
            stream.flush()  # what was printed comes first
            _write_whole(stream.buffer, data)
        elif data:
            stream.write(data)
        stream.flush()
    except BrokenPipeError:
        silence_stdout()
        raise
    except OSError as err:
        silence_stdout()
        raise InputError(STANDARD_OUTPUT, f"cannot be written ({err.strerror or err})") from None


def _write_whole(stream: BinaryIO, data: bytes) -> None:
    """Write all of ``data``: a buffered stream takes it whole or raises, an unbuffered one may take part, and
    is given the rest until it raises (BrokenPipeError, once the reader has gone)."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if written is None:  # an unbuffered stream set not to wait, and full
            raise BlockingIOError(errno.EAGAIN, "it is full, and set not to wait")
        view = view[written:]


def silence_stdout() -> None:
    """Point standard output at the null device once a write to it failed. Python flushes it at exit, and what is
    left in its buffer would fail there again, with a traceback and exit status 120 (Python's documentation on
    SIGPIPE advises the same)."""
    with contextlib.suppress(OSError, ValueError):  # no descriptor behind it, as under a test's capture
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)
