"""Reading banks and answer sheets from disk into plain data, safely.

Every file a user hands us goes through :func:`read_document`, which turns
each way a file can be wrong (missing, a folder, empty, binary, not UTF-8,
far too large, malformed, nested too deeply, duplicate keys, YAML aliases,
merge keys or tags, a number too long to read, half a character) into one
:class:`InputError` with a one-line message naming the file. YAML is composed
with PyYAML's safe loader and walked by hand so that every value keeps its line
number and nothing is ever constructed from a tag.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checks.continuation import continued, missing_colon
from checks.indentation import AtDash, at_a_dash, indented_too_little
from checks.printable import escaped
from checks.properties import Aliases, implicit, properties, written_tag

try:  # the C parser is much faster on large class sets
    _Safe: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Safe = yaml.SafeLoader


class _Loader(_Safe):  # type: ignore[valid-type,misc]  # the C loader, or the Python one
    """The safe loader without YAML 1.1's numbers in base 60: ``12:30`` and ``1:20`` are text, as YAML 1.2 reads
    them. A time typed as an answer, or an id, was read as 750 or 80 and graded or refused as that number."""


# YAML 1.1's own patterns for integers and floats (PyYAML's resolver), less their base-60 forms.
_NOT_BASE_60 = {
    "tag:yaml.org,2002:int": re.compile(
        r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"
    ),
    "tag:yaml.org,2002:float": re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}
# In the same order as the safe loader's, so that a value is resolved by the same pattern as before.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, _NOT_BASE_60.get(tag, pattern)) for tag, pattern in resolvers]
    for first, resolvers in _Safe.yaml_implicit_resolvers.items()
}


class _ExponentLoader(_Loader):  # the C loader, or the Python one, without base 60
    """The safe loader, reading ``1e-3``, ``-2E+5``, ``1.5e3`` and ``-.5`` as numbers, as YAML 1.2 does.

    YAML 1.1, which PyYAML reads, wants a dot and a signed exponent (``1.0e-3``), and takes the rest for text.
    Banks are read so; answer sheets are not, as they print codes such as ``1234e567`` unquoted, which would
    then read as numbers, and a numeric answer written ``1e-3`` is read from its text as a number anyway.
    """


# Only forms YAML 1.1 reads as text: those it reads (1.5, 1.0e+3, 12) are left to its own resolvers, and
# digits alone with no dot (08) stay text, as they are in 1.1.
_EXPONENT = re.compile(r"^[-+]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$")
_ExponentLoader.add_implicit_resolver("tag:yaml.org,2002:float", _EXPONENT, list("-+.0123456789"))

MAX_DEPTH = 64
MAX_DIGITS = 4300  # Python's limit for int(text); longer numbers are refused, not a crash
SUFFIXES = (".yaml", ".yml", ".json")
Loc = tuple[Any, ...]
# JSON can spell half a character (\ud800) that no file or terminal can hold; YAML refuses it itself.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CURLY_QUOTES = frozenset("“”„‘’‚«»")  # what a word processor's smart quotes make of " and '
_STRAIGHT = "type straight quotes, or turn smart quotes off"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of Office 97-2003 files


class InputError(Exception):
    """A file that cannot be used, with a one-line reason that names it."""

    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        self.path, self.line = path, line
        # Always one line, and nothing in it that moves the terminal: a file's name, as a problem quoting the
        # file, is a student's to choose.
        self.problem = escaped(" ".join(problem.split()))
        where = f"{escaped(str(path))}:{line}" if line else escaped(str(path))
        super().__init__(f"{where}: {self.problem}")
        # For a value YAML could not read: where it is in the data, and the plain
        # values of the mappings around it (their loc -> text as written), so that
        # a caller can name the field and, say, the id of the record it is in.
        self.loc: Loc | None = None
        self.around: dict[Loc, str] = {}
        # For an answer sheet refused once its student was read: whose it is (see checks.sheets.read_sheet), so that
        # a roster's student who handed in a sheet is not taken for one who handed in none.
        self.student: str | None = None
        # An alias or a merge key kept going past: what the file holds is then not what its author wrote, so a
        # reader may tell this problem alone rather than what follows from it (a field "missing" from a merge).
        self.reshaped = False

    @property
    def problems(self) -> tuple[InputError, ...]:
        """Every problem found in the file, each with its line, in line order: this one alone, unless raised as
        :class:`InputErrors`."""
        return (self,)


class InputErrors(InputError):
    """A file with several problems, found in one reading, so that all of them can be fixed before the next.

    It stands as its first problem where one line is wanted (its message, its line); :attr:`problems` lists
    them all, in the order given.
    """

    def __init__(self, problems: Sequence[InputError]) -> None:
        first = problems[0]
        Exception.__init__(self, str(first))  # already one line and escaped: not escaped again
        self.path, self.line, self.problem = first.path, first.line, first.problem
        self.loc, self.around = first.loc, first.around
        self._problems = tuple(problems)
        self.student: str | None = None  # as InputError's
        self.reshaped = any(problem.reshaped for problem in problems)

    @property
    def problems(self) -> tuple[InputError, ...]:
        return self._problems


class _Unreadable:
    """The place of a value YAML could not read, in a document read with ``keep_going``."""

    def __repr__(self) -> str:
        return "<unreadable>"


UNREADABLE = _Unreadable()


@dataclass(frozen=True)
class Document:
    """Plain data read from a file, with the line of each value where known."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    text: str = field(default="", repr=False)  # the file's text, to quote a value as written
    key_lines: dict[Loc, int] = field(default_factory=dict)  # the line of the key naming each mapping value
    # With ``keep_going``: each value YAML could not read or that is refused (an alias, a tag; left as UNREADABLE),
    # and each duplicate key (the first value kept) or merge key, with its ``loc``; the rest of the file is read all
    # the same.
    problems: tuple[InputError, ...] = ()
    # What a message about a value may need to know of how it was written, which the data no longer tells:
    # the values written in quotes; the plain (unquoted) values with a comment after them on their last line, or
    # on a line of its own below, indented as the value would go on, with the comment's line, as a ' #' in a text
    # cuts it there; and each number too large to hold, as written (1e400, which reads as infinity).
    quoted: frozenset[Loc] = frozenset()
    commented: dict[Loc, int] = field(default_factory=dict)
    too_large: dict[Loc, str] = field(default_factory=dict)

    def was_quoted(self, loc: Loc) -> bool:
        """Whether the text at ``loc`` was written in quotes, as every text of a JSON file is."""
        return loc in self.quoted or self.path.suffix.lower() == ".json"

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest part of ``loc`` that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return None

    def field_line(self, loc: Loc) -> int | None:
        """The line of the key of ``loc`` when it names a field, else :meth:`line_of`.

        A value written as a block starts on the line below its key (``options:``
        then ``- id: a``); a message about the field belongs on the key's line.
        """
        line = self.key_lines.get(loc)
        return line if line is not None else self.line_of(loc)

    def written(self, key: str) -> str | None:
        """The value of the top-level ``key`` as the file spells it, when it is a plain value; else None.

        YAML reads ``0123`` as 83 and ``1_000`` as 1000, so a message that quotes such a
        value back must take it from the text. Parsed again: this is only for error messages.
        """
        if self.path.suffix.lower() == ".json":
            data = json.loads(self.text, parse_int=str, parse_float=str, parse_constant=str)
            # Keys read bare, as a sheet's are (see checks.fieldnames).
            value = {k.strip(): v for k, v in data.items()}.get(key) if isinstance(data, dict) else None
            return value if isinstance(value, str) else None
        loader = _Loader(self.text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        found = [v for k, v in pairs if isinstance(k, yaml.ScalarNode) and k.value.strip() == key]
        return found[0].value if found and isinstance(found[0], yaml.ScalarNode) else None


def read_document(
    path: Path,
    *,
    max_bytes: int,
    keep_going: bool = False,
    exponents: bool = False,
    fields: Container[str] = (),
    suffixes: Sequence[str] | None = SUFFIXES,
) -> Document:
    """Read a YAML or JSON file; raise :class:`InputError` with a one-line reason.

    ``suffixes``: the file types allowed (any type with None). A file of another type is read as JSON when its
    text begins with ``{``, as YAML otherwise.

    ``keep_going``: a YAML value that cannot be read (``2026-11-31``) or is refused (an alias, a tag), a duplicate
    key or a merge key is kept in :attr:`Document.problems` instead of raised, so that a caller can report the
    file's other mistakes too.
    ``exponents``: ``1e-3`` is a number, as YAML 1.2 reads it (see :class:`_ExponentLoader`), not text.
    ``fields``: the names a field of the file may have, so that one whose colon is missing (``points 1``) is not
    taken for the second line of a text above it (see :mod:`checks.continuation`).
    """
    text = read_text(path, max_bytes=max_bytes, suffixes=suffixes)
    suffix = path.suffix.lower()
    if suffix == ".json" or (suffix not in SUFFIXES and text.lstrip().startswith("{")):
        return Document(path, _parse_json(text, path), text=text)
    walker = _parse_yaml(text, path, keep_going, _ExponentLoader if exponents else _Loader, fields)
    return Document(
        path,
        walker.data,
        walker.lines,
        text,
        walker.key_lines,
        tuple(walker.problems),
        frozenset(walker.quoted),
        walker.commented,
        walker.too_large,
    )


def read_text(path: Path, *, max_bytes: int, suffixes: Sequence[str] | None = None) -> str:
    """The text of a UTF-8 file; raise :class:`InputError` with a one-line reason.

    ``suffixes``: the file types allowed (any type without it).
    """
    try:
        if path.is_dir():
            raise InputError(path, "is a folder, not a file")
        status = path.stat()  # first, so that a mistyped name is reported as missing, whatever its type
        if suffixes is not None and path.suffix.lower() not in suffixes:
            expected = f"{', '.join(suffixes[:-1])} or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
            raise InputError(path, f"unsupported file type (expected {expected})")
        if status.st_size > max_bytes:
            raise InputError(path, f"file too large ({status.st_size:,} bytes; the limit is {max_bytes:,})")
        raw = path.read_bytes() if stat.S_ISREG(status.st_mode) else _read_stream(path, max_bytes, status.st_mode)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror})") from None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _utf16_without_mark(raw):
        raise InputError(path, "UTF-16 text: save the file as UTF-8")
    # A ZIP file (.docx, .xlsx and .odt are) or an OLE2 one (.doc and .xls are), renamed or saved with this name.
    if raw.startswith((b"PK\x03\x04", _OLE2)):
        raise InputError(
            path,
            "a word-processor or spreadsheet file (such as .docx, .doc, .xlsx or .odt), not text:"
            " save it as plain text",
        )
    if raw.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{\\rtf"):  # text, but markup round the sheet typed
        raise InputError(
            path, "a rich-text file (.rtf, as TextEdit and WordPad save), not plain text: save it as plain text"
        )
    if b"\x00" in raw:
        raise InputError(path, "binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise not_encoded(path, raw, err) from None
    if not text.strip():
        raise InputError(path, "empty file")
    return text


def _utf16_without_mark(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-16 text written without a byte-order mark, as some tools save it: mostly Latin
    letters, each two bytes of which one is zero, always the first or always the second."""
    if len(raw) < 4 or len(raw) % 2:
        return False
    for zeros, other, codec in ((raw[1::2], raw[0::2], "utf-16-le"), (raw[0::2], raw[1::2], "utf-16-be")):
        if zeros.count(0) * 2 > len(zeros) and 0 not in other:
            try:
                raw.decode(codec)
            except UnicodeDecodeError:
                return False
            return True
    return False


def _read_stream(path: Path, max_bytes: int, mode: int) -> bytes:
    """What a pipe or a device named as a file gives, up to ``max_bytes``: a shell's ``<(command)`` is read whole,
    where a named pipe that nothing writes to would have held the command up for ever, and a device that never
    ends (``/dev/zero``) would have filled the memory. A named pipe is read as it is when the command opens it:
    one that a writer opens later is found empty."""
    # Opened without waiting for a writer, then read waiting: a pipe nothing has opened to write reads as empty.
    # (Windows has no such flag, nor named pipes in its file system.)
    waitless = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, os.O_RDONLY | waitless)
    with open(descriptor, "rb") as stream:
        if waitless:
            os.set_blocking(descriptor, True)
        raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(path, f"too large (more than {max_bytes:,} bytes)")
    if not raw and stat.S_ISFIFO(mode):
        raise InputError(path, "a named pipe that nothing wrote to, not a file")
    return raw


def not_encoded(path: Path, raw: bytes, err: UnicodeDecodeError, encoding: str = "utf-8-sig") -> InputError:
    """Where the first byte that ``encoding`` cannot read is (a file saved as Windows-1252 or Latin-1, where UTF-8
    is wanted), with its line, and the remedy: for a bank or a sheet, and for a page of the book."""
    codec = codecs.lookup(encoding).name
    # utf-8-sig counts after a BOM, which is no part of the text it decodes.
    offset = err.start + 3 if codec == "utf-8-sig" and raw.startswith(codecs.BOM_UTF8) else err.start
    name = "UTF-8" if codec in ("utf-8", "utf-8-sig") else encoding
    line = raw.count(b"\n", 0, offset) + 1
    return InputError(
        path, f"not {name} text (bad byte 0x{raw[offset]:02X} at offset {offset}): save the file as {name}", line
    )


def _parse_json(text: str, path: Path) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise InputError(path, f"duplicate key {key!r}")
            out[key] = value
        return out

    def constant(name: str) -> Any:
        raise InputError(path, f"{name} is not a valid JSON number")

    def integer(digits: str) -> int:
        if len(digits) > MAX_DIGITS:
            raise InputError(path, f"number too long ({len(digits):,} digits)")
        return int(digits)

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=integer)
    except json.JSONDecodeError as err:
        found = text[err.pos : err.pos + 1]
        if found in _CURLY_QUOTES:  # the cause, where JSON's own words would name only the grammar
            problem = f'a curly quote ({found}) where JSON needs a straight one ("): {_STRAIGHT}'
            raise InputError(path, f"invalid JSON: {problem}", err.lineno) from None
        if found.isspace() and found not in " \t\r\n":  # JSON's own words would say a value is missing
            problem = f"{_odd_space(found)} outside quotes, which JSON does not take for a space: {_ORDINARY}"
            raise InputError(path, f"invalid JSON: {problem}", err.lineno) from None
        if not text.lstrip().startswith(("{", "[")) and _reads_as_yaml(text):
            # The usual cause: a sheet typed in YAML, as the blank sheets are, and saved under a .json name.
            raise InputError(path, "invalid JSON: the file is written in YAML: name it .yaml", err.lineno) from None
        raise InputError(path, f"invalid JSON: {err.msg}", err.lineno) from None
    except RecursionError:
        raise InputError(path, "nesting too deep") from None
    _check_depth(data, path)
    if _SURROGATE_ESCAPE.search(text):
        _check_surrogates(data, path)
    return data


def _reads_as_yaml(text: str) -> bool:
    """Whether ``text`` is written as a YAML mapping, as a sheet or a bank written in YAML is: its structure only,
    since PyYAML's constructors fail in ways of their own on odd values (``!!float ""`` raises IndexError)."""
    try:
        return isinstance(yaml.compose(text, Loader=_Safe), yaml.MappingNode)  # a safe loader, C or Python
    except (yaml.YAMLError, RecursionError):
        return False


def _check_depth(data: Any, path: Path) -> None:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(path, f"nesting too deep (more than {MAX_DEPTH} levels)")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _check_surrogates(data: Any, path: Path) -> None:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend([*value, *value.values()])
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and (found := _SURROGATE.search(value)):
            raise InputError(path, f"invalid JSON: {found.group()!r} is half of a character (a lone surrogate)")


def _parse_yaml(
    text: str, path: Path, keep_going: bool, loader_type: type[yaml.SafeLoader], fields: Container[str] = ()
) -> _Walker:
    """The file read: its data (``.data``), the line of each value, and what else :class:`_Walker` notes."""
    loader = loader_type(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(path, "empty file")
        walker = _Walker(loader, path, text, keep_going)
        walker.data = walker.value(node, (), 1)
        return walker
    except yaml.MarkedYAMLError as err:
        problem, mark = _yaml_problem(err, text, fields)
        raise InputError(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as err:
        raise _control_character(path, text, _code(err.character)) from None
    except yaml.YAMLError as err:
        raise InputError(path, f"invalid YAML: {err}") from None
    except RecursionError:
        raise InputError(path, "nesting too deep") from None
    finally:
        loader.dispose()


def _control_character(path: Path, text: str, code: int) -> InputError:
    """Where the first character YAML refuses is (an invisible one, such as U+0001, pasted in with a text from a
    PDF or a word processor), and the remedy: its line, so that the caller can name the exercise it stands in."""
    found = text.find(chr(code))
    line = text.count("\n", 0, found) + 1 if found >= 0 else None
    column = found - text.rfind("\n", 0, found) if found >= 0 else None
    where = f" in column {column}" if column else ""
    return InputError(
        path, f"invalid YAML: a control character (U+{code:04X}, invisible in most editors){where}: delete it", line
    )


def _yaml_problem(err: yaml.MarkedYAMLError, text: str, fields: Container[str] = ()) -> tuple[str, Any]:
    """What went wrong and where, said for an author: an unclosed quote is where it opens, not where the file ends;
    a tab or a line out of place is said as such, with what to do about it. ``fields``: as for
    :func:`read_document`."""
    problem, context = err.problem or err.context or "", err.context or ""
    start, found = err.context_mark, err.problem_mark
    if (
        context.startswith("while scanning a quoted scalar")
        and start
        and ("end of stream" in problem or "document" in problem)
    ):
        return "a quoted text opened here is never closed", start
    quoted = _quoted_before(text, found) if found else None
    if found and quoted is not None and _swallows_a_field(text, quoted):
        return (
            f"a quoted text opened here runs on to the quote on line {found.line + 1}: close it where it ends",
            quoted.start_mark,
        )
    in_flow = context.startswith("while parsing a flow")
    if quoted is not None and _quote_inside(text, quoted, in_flow=in_flow):
        return _QUOTE_INSIDE[quoted.style], quoted.start_mark
    # In brackets, what follows a quote is the next entry, and a comma is what is missing.
    after = _text_after_quote(text, quoted) if quoted is not None and not in_flow else None
    if quoted is not None and after is not None:
        return after, quoted.end_mark
    key = start if context.startswith("while scanning a simple key") else None
    missing = _no_space_after_colon(text, problem, key, found)
    if missing is not None:
        return missing
    if key is not None and problem.startswith("could not find expected ':'"):
        return _no_colon(yaml_lines(text), key.line, fields) or problem, key
    if context.startswith("while parsing a flow") and start and found and start.line != found.line:
        if _FLOW_CUT.match(_line(text, start.line)):  # the comment took the closing bracket with it
            return CUT_BY_COMMENT, start
        what = "list [" if "sequence" in context else "mapping {"
        return f"{problem} (in the {what} opened on line {start.line + 1})", found
    mark = found or start
    if mark is not None and _indented_with_tab(text, mark.line):
        return "a tab in the indentation: indent with spaces only", mark
    if problem.startswith(_OUT_OF_PLACE) and mark is not None and (cut := _cut_above(text, mark)) is not None:
        return CUT_BY_COMMENT, cut
    misplaced = _misplaced(text, mark) if problem.startswith(_MISPLACED) and mark is not None else None
    if misplaced is not None:
        return misplaced
    dash = at_a_dash(yaml_lines(text), mark.line) if problem.startswith(_OUT_OF_PLACE) and mark is not None else None
    if dash is not None:
        return _at_dash(dash), mark
    if problem.startswith("mapping values are not allowed"):
        return f"{problem} (a text with ': ' in it needs quotes; otherwise, check this line's indentation)", mark
    if problem.startswith(_OUT_OF_PLACE):
        return f"{problem} (check this line's indentation against the lines above it)", mark
    return problem, mark


def _no_colon(lines: Sequence[str], line: int, fields: Container[str]) -> str | None:
    """What to do with line ``line`` (from 0) of ``lines``, which YAML read as a key it found no colon after, and
    said so at the line after it: a text going on from the line above at its field's own indent, or a field whose
    colon is missing (see :mod:`checks.continuation`); None where it reads as neither."""
    field = continued(lines, line, fields)
    if field is not None:
        return (
            f"this line continues the text above ({field}): indent it further than '{field}:',"
            " or write the whole text on one line"
        )
    return missing_colon(lines, line, fields)


def _quoted_before(text: str, found: Any) -> Any:
    """The quoted text that ends where the error ``found`` is, but for spaces, else None: its quote, not the line
    YAML stopped at, is the mistake.

    A quote inside a quoted text ends it, and what follows is what YAML cannot read. YAML lets a quoted text span
    lines, so a quote left open ends at the next quote in the file, often an exercise or more further on.
    """
    # Scanning again is slow on a large file; most errors follow no quote, and need none of it.
    if not text[: found.index].rstrip(" ").endswith(tuple(_QUOTE_INSIDE)):
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):  # up to the error only
            if token.end_mark.index > found.index:
                break
            last = token
    except yaml.YAMLError:
        pass  # the tokens before the scanner's own mistake are all there is
    if not (isinstance(last, yaml.ScalarToken) and last.style in _QUOTE_INSIDE):
        return None
    if last.end_mark.line != found.line or text[last.end_mark.index : found.index].strip(" "):
        return None
    return last


def _swallows_a_field(text: str, quoted: Any) -> bool:
    """Whether the quoted text runs over a line that reads as a field of its own (``points: 1``), which a quote
    left open swallows; a text that spans lines as written (``"First line,`` then ``then the "best" one."``)
    does not."""
    start, end = quoted.start_mark.index, quoted.end_mark.index
    inside = text[start:end].split("\n")[1:]  # the lines after the one it opens on, to its closing quote
    return any(_FIELD.match(line) for line in inside)


def _quote_inside(text: str, quoted: Any, *, in_flow: bool) -> bool:
    """Whether the quote that ended ``quoted`` was meant to be in it: the rest of its line goes on to a quote of
    the same kind (``"the "best" one."``, ``'it's one.'``) and does not read as the next entry of a list or
    mapping in brackets (``{id: a, text: "A" correct: true}``, ``["a" "b"]``), where a comma is what is missing."""
    end = text.find("\n", quoted.end_mark.index)
    rest = text[quoted.end_mark.index : end if end >= 0 else len(text)].lstrip(" ")
    if quoted.style not in rest or _KEY.match(rest):
        return False
    return not (in_flow and rest.startswith(tuple(_QUOTE_INSIDE)))


def _text_after_quote(text: str, quoted: Any) -> str | None:
    """What to do with text after a closing quote on its line (``student: "" Dan Wu``, as a blank sheet's ``""``
    invites), with the line as it would read, when it is short enough to show; None when nothing follows it."""
    line_start = text.rfind("\n", 0, quoted.start_mark.index) + 1
    line_end = text.find("\n", quoted.end_mark.index)
    rest = text[quoted.end_mark.index : line_end if line_end >= 0 else len(text)]
    rest = re.split(r"\s#", rest, maxsplit=1)[0].strip()  # a comment after it is no part of the text
    if not rest:
        return None
    whole = f"{quoted.value} {rest}".strip()
    written = json.dumps(whole, ensure_ascii=False) if quoted.style == '"' else "'" + whole.replace("'", "''") + "'"
    before = text[line_start : quoted.start_mark.index].strip()
    fix = f" ({before} {written})".replace("( ", "(") if len(whole) <= 60 else ""
    return f"text after the closing quote: put the whole text inside the quotes{fix}"


def _no_space_after_colon(text: str, problem: str, key: Any, found: Any) -> tuple[str, Any] | None:
    """A line written ``id:value`` (``c3-next-step:b``), which YAML reads as one text, not a key and its value,
    and so fails further on: the fix, at that line, or None.

    ``key``: where a simple key YAML could not finish starts (the line itself); else, for "mapping values are not
    allowed", the text YAML took for one runs from a line above the error, which is looked for.
    """
    lines = yaml_lines(text)
    if key is not None:
        candidates = [key.line]
    elif found is not None and problem.startswith("mapping values are not allowed"):
        # The lines above that the text ran over: none of them holds a key and its value, nor ends a key.
        candidates = []
        for number in range(min(found.line, len(lines)) - 1, -1, -1):
            line = lines[number]
            if not line.strip() or line.lstrip().startswith("#") or ": " in line or line.endswith(":"):
                break
            candidates.append(number)
    else:
        return None
    for number in candidates:
        fix = colon_fix(lines[number]) if 0 <= number < len(lines) else None
        if fix:
            return fix, _Mark(number)
    return None


def yaml_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML counts them, so that a mark's line is an index into them: it breaks lines at
    \\r and at Unicode's line breaks too."""
    return _LINE_BREAK.split(text)


def colon_fix(line: str) -> str | None:
    """For a line written ``id:value`` (``c3-next-step:b``), which YAML reads as one text, what to do; else None.

    A word processor's non-breaking space after the colon (``c3-next-step:\u00a0b``) looks like a space and is
    read as this slip is, so it is named as what to retype.
    """
    odd = _ODD_SPACE_AFTER_COLON.match(line)
    match = odd or _ID_COLON_VALUE.match(line)
    if not match:
        return None
    value = match["value"].strip()
    shown = f"({match['key']}:{' ' if value else ''}{value if len(value) <= 40 else value[:40] + '…'})"
    if not odd:
        return f"put a space after the colon {shown}"
    return f"{_odd_space(odd['space'])} after the colon, which YAML does not take for a space: {_ORDINARY} {shown}"


def _odd_space(space: str) -> str:
    """A space that the format does not take for one, named so that it can be found and retyped."""
    return "a non-breaking space" if space in _NO_BREAK else f"a space of another kind (U+{ord(space):04X})"


class _Mark:
    """A place YAML did not mark itself: the start of a line (from 0)."""

    def __init__(self, line: int) -> None:
        self.line = line


# A line written ``id:value`` with no space after the colon: an id-like key (a letter first, so no time such as
# 12:30) and a value that is no address's ``//``. Or with a space after the colon that YAML does not take for one
# (any but a space, a tab or a line break: U+00A0 and its kin), before a value or none.
_ID_COLON_VALUE = re.compile(r"\s*(- )?(?P<key>[A-Za-z][\w-]*):(?!//)(?P<value>[^\s:].*)$")
_ODD_SPACE_AFTER_COLON = re.compile(r"\s*(- )?(?P<key>[A-Za-z][\w-]*):(?P<space>[^\S \t\r\n])(?P<value>.*)$")
_NO_BREAK = "\u00a0\u2007\u202f"  # the spaces a word processor types where a line must not break
_ORDINARY = "type an ordinary space"
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_FIELD = re.compile(r"\s*(- )?[\w-]+:(\s|$)")  # a line that starts with a key, as a field does
_KEY = re.compile(r"[\w-]+:(\s|$)")

# What to do when a quote inside a quoted text ended it, by the kind of quote.
_QUOTE_INSIDE = {
    q: f"a quoted text ends at its second {q}: to keep a {q} in the text,"
    f" put the whole text in {q}…{q} and write each {q} in it as {escaped}"
    for q, escaped in (("'", "''"), ('"', '\\"'))
}


# What is wrong with a text written without quotes that holds ' #': the comment it starts cuts the text there.
CUT_BY_COMMENT = "text after ' #' is read as a comment and dropped: put the text in quotes"
# A field or list entry whose plain (unquoted) value has ' #' in it; and a list or mapping in brackets with the
# same in it before any quote (a quote may hold ' #' as text, and an apostrophe cannot be told from a quote).
_BLOCK_CUT = re.compile(r"( *)(?:- +)?(?:[\w-]+: +)?[^\s'\"|>!&*\[{#%@`][^\n]*?[ \t]#")
_FLOW_CUT = re.compile(r"[^'\"#\n]*[\[{][^'\"#\n]*?[^\s\[{,][ \t]+#")
# A field or list entry whose value is a text without quotes; the key's column is the length of the first group.
_PLAIN_FIELD = re.compile(r"( *(?:- +)*)(?:[\w-]+: +)?[^\s'\"|>!&*\[{#%@`]")


def _line(text: str, line: int) -> str:
    """Line ``line`` (from 0) of ``text``, or "" past its end."""
    lines = text.split("\n")
    return lines[line] if 0 <= line < len(lines) else ""


def _cut_above(text: str, mark: Any) -> Any:
    """Where a text written without quotes was cut by a ' #' on the line above ``mark``, whose line, indented
    further as the text's next line would be, YAML then cannot place; else None."""
    lines = text.split("\n")
    if mark.line >= len(lines):  # YAML counts a lone \r as a line break too: its lines are not these
        return None
    above = mark.line - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    here = lines[mark.line]
    indent = len(here) - len(here.lstrip(" "))
    if above >= 0 and lines[above].lstrip(" ").startswith("#"):
        return _comment_in_text(lines, above, indent, mark)
    cut = _BLOCK_CUT.match(lines[above]) if above >= 0 else None
    if cut is None or indent <= len(cut.group(1)):
        return None
    return yaml.Mark(mark.name, 0, above, 0, None, 0)


def _comment_in_text(lines: list[str], above: int, indent: int, mark: Any) -> Any:
    """Where a comment on lines of its own, ending at line ``above``, cut a text written without quotes on the
    line over them, whose next line, indented ``indent`` as the text's would be, YAML then cannot place; else
    None."""
    first = above
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip(" ").startswith("#")):
        if lines[above].strip():
            first = above
        above -= 1
    text = _PLAIN_FIELD.match(lines[above]) if above >= 0 else None
    column = len(lines[first]) - len(lines[first].lstrip(" "))
    if text is None or min(indent, column) <= len(text.group(1)):
        return None
    return yaml.Mark(mark.name, 0, first, 0, None, 0)


# What libyaml and PyYAML say of a line indented more or less than its place in the file allows.
_OUT_OF_PLACE = ("did not find expected key", "did not find expected '-'", "expected <block end>")
# What they say, at the line after it, of a line indented too little (see checks.indentation).
_MISPLACED = ("mapping values are not allowed", *_OUT_OF_PLACE)


def _misplaced(text: str, mark: Any) -> tuple[str, Any] | None:
    """When the line above ``mark`` is indented too little, which YAML reports at ``mark``: what to do, and
    where; else None."""
    shallow = indented_too_little(yaml_lines(text), mark.line)
    if shallow is None:
        return None
    if not shallow.sure:  # either line may be the one out of place: both are named
        return f"this line is indented too far, or line {shallow.line + 1} above it too little", mark
    spaces = f" ({shallow.depth} spaces)" if shallow.depth else ""
    return f"this line is indented too little: indent it as far as the lines it belongs with{spaces}", _Mark(
        shallow.line
    )


def _at_dash(dash: AtDash) -> str:
    """What to do with a field at the column of the dashes of a list (see :func:`checks.indentation.at_a_dash`)."""
    entry = f"the entry on line {dash.entry + 1} above it"
    if dash.holder_line is None:
        beside = "the fields at the start of their lines"
    elif dash.holder is None:
        beside = f"line {dash.holder_line + 1}"
    else:
        beside = f"'{dash.holder}:' on line {dash.holder_line + 1}"
    if dash.inner is not None and dash.outer is not None:
        return (
            f"this line is indented too little for a field of {entry} ({dash.inner} spaces),"
            f" or too far for a field beside {beside} ({dash.outer} spaces)"
        )
    if dash.inner is not None:
        return f"this line is indented too little: indent it as far as the fields of {entry} ({dash.inner} spaces)"
    return f"this line is indented too far: indent it as far as {beside} above it ({dash.outer} spaces)"


def _indented_with_tab(text: str, line: int) -> bool:
    """Whether line ``line`` (from 0) of ``text`` has a tab in its indentation, which YAML never allows."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return False
    indent = lines[line][: len(lines[line]) - len(lines[line].lstrip(" \t"))]
    return "\t" in indent or lines[line].lstrip(" ").startswith(("-\t", "- \t"))


def _shown(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _code(character: str | int) -> int:
    return ord(character) if isinstance(character, str) else character


_COMMENT_AFTER = re.compile(r"[ \t]+#")  # what starts a comment after a value on its line
# A comment on a line of its own below a value, after any blank lines, at any of YAML's line breaks.
_COMMENT_BELOW = re.compile(f"[ \t]*(?:{_LINE_BREAK.pattern})(?:[ \t]*(?:{_LINE_BREAK.pattern}))*([ \t]*)#")


# YAML 1.1 reads `=` alone as a "value key", a tag PyYAML builds nothing of: it said only that it "could not determine
# a constructor for the tag 'tag:yaml.org,2002:value'".
_VALUE_TAG = "tag:yaml.org,2002:value"
_BARE_EQUALS = "YAML reads '=' alone as a special value, not as text: write it in quotes, \"=\""


class _Walker:
    """Turns a composed YAML node tree into plain data, noting lines."""

    def __init__(self, loader: yaml.SafeLoader, path: Path, text: str, keep_going: bool = False) -> None:
        self.loader = loader
        self.path = path
        self.text = text
        self.keep_going = keep_going
        self.data: Any = None
        self.problems: list[InputError] = []
        self.lines: dict[Loc, int] = {}
        self.key_lines: dict[Loc, int] = {}
        self.seen: set[int] = set()  # every collection, and every value with an anchor (&name), once walked
        self.aliases = Aliases(text, type(loader))
        self.walked = 0  # how far the text is walked: an alias met next is the first one written after it
        self.quoted: set[Loc] = set()
        self.commented: dict[Loc, int] = {}
        self.too_large: dict[Loc, str] = {}

    def fail(self, node: yaml.Node, problem: str) -> InputError:
        return InputError(self.path, problem, node.start_mark.line + 1)

    def value(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if id(node) in self.seen:  # met again: an alias (*name) of a node anchored before it
            return self.refused(self.alias(node), loc, reshaped=True)
        self.lines.setdefault(loc, node.start_mark.line + 1)
        try:
            value = self.read(node, loc, depth)
        except InputError as err:
            if err.loc is None:
                err.loc = loc
            raise
        self.walked = node.end_mark.index
        return value

    def read(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting too deep (more than {MAX_DEPTH} levels)")
        tagged = self.properties(node)
        if tagged is not None:
            return self.refused(tagged, loc)
        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(node, loc)
            self.note(node, loc, value)
            return value
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            items = [self.value(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
            for i, item in enumerate(node.value):  # a block list's entry goes on past its dash, as a field's value
                if items[i] is not UNREADABLE:
                    self.note_below(item, (*loc, i), -1 if node.flow_style else node.start_mark.column)
            return items
        assert isinstance(node, yaml.MappingNode)
        try:
            return self.mapping(node, loc, depth)
        except InputError as err:
            if err.loc is None:  # a problem with a key: it belongs to the mapping
                err.loc = loc
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and isinstance(value_node, yaml.ScalarNode):
                    err.around.setdefault((*loc, key_node.value), value_node.value)
            raise

    def properties(self, node: yaml.Node) -> InputError | None:
        """Note an anchor (&name) on ``node``, which an alias may name further on; the problem of a tag on it, at
        the tag's own line."""
        written = properties(self.text, node)
        if written.anchor is not None:
            self.seen.add(id(node))
        if written.tag is not None and written.tag_line is not None:
            tag, line = written.tag, written.tag_line
        elif not implicit(node, self.loader):  # tagged where the text was not read for it: refused, never built
            tag, line = written_tag(node.tag), node.start_mark.line
        else:
            return None
        return InputError(
            self.path,
            f"YAML tags ({tag}) are not allowed: delete the tag"
            " (a text that YAML would read as something else goes in quotes)",
            line + 1,
        )

    def alias(self, node: yaml.Node) -> InputError:
        """The problem of an alias of ``node``, at the alias's own line; the text is walked past it."""
        anchor = properties(self.text, node).anchor
        alias = self.aliases.after(self.walked)
        if alias is None:  # pragma: no cover - every alias of the tree is written in the text
            return self.fail(node, "YAML aliases (*name) are not allowed")
        self.walked = alias.end
        where = f", as written at {anchor} on line {node.start_mark.line + 1}" if anchor else ""
        return InputError(
            self.path,
            f"YAML aliases ({alias.name}) are not allowed: write the value here in full{where}",
            alias.line + 1,
        )

    def skip(self, node: yaml.Node) -> None:
        """Walk the text past ``node``, a value left unread: an alias there is not the one an alias met next is."""
        alias = self.aliases.after(self.walked) if id(node) in self.seen else None
        self.walked = alias.end if alias is not None else max(self.walked, node.end_mark.index)

    def refused(self, problem: InputError, loc: Loc, reshaped: bool = False) -> Any:
        """A value refused (an alias or a tag): kept going past at ``loc``, a value, where the caller asks to."""
        problem.loc = loc
        if not (self.keep_going and loc):  # the whole file: there is nothing to go on to
            raise problem
        problem.reshaped = reshaped
        if problem.line is not None:  # an alias's, not its anchor's
            self.lines[loc] = problem.line
        self.problems.append(problem)
        return UNREADABLE

    def scalar(self, node: yaml.ScalarNode, loc: Loc | None = None) -> Any:
        """The value of ``node``; at ``loc`` (a value, not a key), a value it cannot read may be kept going past."""
        if len(node.value) > MAX_DIGITS and node.tag == "tag:yaml.org,2002:int":
            raise self.fail(node, f"number too long ({len(node.value):,} digits)")
        if node.tag == _VALUE_TAG:  # untagged: a tag written is refused before (properties)
            problem = self.fail(node, _BARE_EQUALS)
        else:
            try:
                return self.loader.construct_object(node, deep=True)
            except ValueError as err:  # e.g. a date such as 2026-13-45
                problem = self.fail(node, f"invalid value {_shown(node.value)}: {err}")
        if not (self.keep_going and loc):  # a key, or the whole file: there is nothing to go on to
            raise problem
        problem.loc = loc
        self.problems.append(problem)
        return UNREADABLE

    def note(self, node: yaml.ScalarNode, loc: Loc, value: Any) -> None:
        """Note how the value at ``loc`` was written, where the data cannot tell it (see :class:`Document`)."""
        style = node.style
        if style:  # quoted, or a block (| or >)
            if style in ("'", '"'):
                self.quoted.add(loc)
        elif _COMMENT_AFTER.match(self.text, node.end_mark.index):  # plain: style None, or "" from the C parser
            self.commented[loc] = node.end_mark.line + 1
        if type(value) is float and math.isinf(value) and "inf" not in node.value.lower():
            self.too_large[loc] = node.value

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, int] = {}  # the line of each key, for a key written again
        for key_node, value_node in node.value:
            # A key is no value to go on past: what is wrong with it is raised.
            if id(key_node) in self.seen:
                raise self.alias(key_node)
            tagged = self.properties(key_node)
            if tagged is not None:
                raise tagged
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be a plain value")
            if key_node.tag == "tag:yaml.org,2002:merge":
                problem = self.fail(key_node, "YAML merge keys (<<) are not allowed: write the fields here in full")
                if not self.keep_going:
                    raise problem
                problem.loc, problem.reshaped = loc, True
                self.problems.append(problem)
                self.skip(value_node)  # what it merges is not walked: an alias there is no slip of its own
                continue
            key = self.scalar(key_node)
            self.walked = key_node.end_mark.index
            if key in out:
                line = key_node.start_mark.line + 1
                where = f" (first used on line {first[key]})" if first[key] != line else ""  # {a: 1, a: 2}: no help
                if key == "id" and loc and isinstance(loc[-1], int) and not node.flow_style:
                    # An entry of a list (an exercise, an option) whose "- " was left out runs on into the one above.
                    where += ": if a new entry starts here, begin its line with '- '"
                problem = self.fail(key_node, f"duplicate key {key!r}{where}")
                if not self.keep_going:
                    raise problem
                problem.loc = loc  # a problem with a key: it belongs to the mapping
                self.problems.append(problem)
                self.skip(value_node)
                continue  # the first value stands
            first[key] = key_node.start_mark.line + 1
            self.key_lines.setdefault((*loc, key), first[key])
            out[key] = self.value(value_node, (*loc, key), depth + 1)
            if out[key] is not UNREADABLE:
                self.note_below(value_node, (*loc, key), -1 if node.flow_style else key_node.start_mark.column)
        return out

    def note_below(self, node: yaml.Node, loc: Loc, column: int) -> None:
        """Note a plain value followed by a comment on a line of its own indented past ``column``, its key's or
        its dash's in a block, any in brackets (-1), where the value ends only at a comma or bracket: there the
        text would go on, and a line that begins with ``#`` (``#1 of 3 people``) is dropped as a comment instead."""
        if not isinstance(node, yaml.ScalarNode) or node.style or loc in self.commented:  # or cut on its line
            return
        below = _COMMENT_BELOW.match(self.text, node.end_mark.index)
        if below is not None and len(below.group(1)) > column:
            self.commented[loc] = node.end_mark.line + 1 + len(_LINE_BREAK.findall(below.group()))
