"""The exercise model: what a bank holds, as immutable, validated types.

A bank is one YAML file per chapter with its learning objectives and its
exercises. Each exercise kind is its own pydantic model, told apart by the
``kind`` field; every rule that concerns one exercise (exactly one correct
option, items not repeated, a key that names an existing option …) lives on
that exercise's model, so a loaded exercise is always whole. Each rule is checked
with the fields it concerns, as soon as they are valid, and names every part that
breaks it: an exercise with several mistakes is told all of them at once. A rule
about the entries of a list (options, stems, units …) is checked on every entry that
is valid in itself, beside the mistake of one that is not (:func:`_entry_rule`). Rules that
span exercises (unique ids, objectives that exist) live in :mod:`checks.loading`.
The same models publish the bank format as JSON Schema (:mod:`checks.schema`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import ROUND_FLOOR, Decimal
from functools import cache, cached_property
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictStr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)
from pydantic_core import InitErrorDetails

from checks.normalise import normalise_text, normalise_unit, pattern_matches, pattern_problem, unit_key
from checks.suggest import did_you_mean

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"  # ids and tags
KEY_PATTERN = r"^[A-Za-z0-9_:.\-]+$"  # a citation key, as BibTeX files write them
CHAPTER_PATTERN = r"^[A-Za-z0-9_\-/]+$"  # a page's name, in a folder or not

Slug = Annotated[StrictStr, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[StrictStr, StringConstraints(min_length=1, max_length=20_000)]
Points = Annotated[float, Strict(), Field(gt=0, le=1000)]
Number = Annotated[float, Strict()]

KINDS = ("single", "multiple", "truefalse", "text", "numeric", "ordering", "matching")


class PartError(ValueError):
    """A rule broken by one part of a model, raised by the model's own validator.

    ``part`` is where the part is, relative to the model (``("options", 1)``), so
    that a message can point at the part's line and name it, not the model's first line.
    """

    def __init__(
        self,
        part: tuple[str | int, ...],
        message: str,
        first: tuple[str | int, ...] | None = None,
        *,
        of_model: bool = False,
    ) -> None:
        super().__init__(message)
        self.part = part
        self.first = first  # where the part repeats another, the other: a message can name its line
        # Whether ``part`` is relative to the model rather than to the field whose validator found it: a rule checked
        # with the stems may be broken by an option.
        self.of_model = of_model


class ModelError(ValueError):
    """A rule of the whole model, found by the validator of one of its fields: reported at the model.

    A field's validator runs whenever that field is valid; a model's runs only when every field is,
    so a rule checked there would go unsaid beside any other mistake in the exercise.
    """


class PartErrors(ValueError):
    """Several rules broken at once, each a :class:`PartError` or :class:`ModelError`: every one is
    reported at its own line, as a compiler reports every error and not the first alone."""

    def __init__(self, errors: Sequence[ValueError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = tuple(errors)


def _raise_any(errors: Sequence[ValueError]) -> None:
    """Raise the errors found, if any: one as itself, several together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise PartErrors(errors)


# A rule about a list's entries: given the entries (None for one invalid in itself), the list as written, and the
# fields validated before it, the mistakes it finds.
EntryRule = Callable[[Any, tuple[Any, ...], Any, ValidationInfo], list[ValueError]]


def _entry_rule(field: str) -> Callable[[EntryRule], Any]:
    """A validator of the list ``field`` that checks ``rule`` on every entry valid in itself.

    Pydantic runs a field's validator only when the whole field is valid: an option missing its text would
    hide that another option lacks its misconception tag until the next run. So when an entry is invalid,
    the others are validated one by one and the rule is checked on them (the invalid one is None), and its
    mistakes are told beside the entry's own.
    """

    def decorate(rule: EntryRule) -> Any:
        def check(cls: Any, value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
            try:
                validated = handler(value)
            except ValidationError as err:
                if not isinstance(value, list | tuple):
                    raise
                entry = _entry_adapter(cls.model_fields[field].annotation)
                found = rule(cls, tuple(_valid_or_none(entry, v) for v in value), value, info)
                if not found:
                    raise
                raise _adding(err, value, found) from None
            _raise_any(rule(cls, validated, value, info))
            return validated

        return field_validator(field, mode="wrap")(check)

    return decorate


@cache
def _entry_adapter(annotation: Any) -> TypeAdapter[Any]:
    """A validator of one entry of a list field annotated ``tuple[X, ...]``."""
    return TypeAdapter(get_args(annotation)[0])


def _valid_or_none(entry: TypeAdapter[Any], value: Any) -> Any:
    try:
        return entry.validate_python(value)
    except ValidationError:
        return None


def _adding(err: ValidationError, value: Any, found: list[ValueError]) -> ValidationError:
    """``err``, the entries' mistakes, with those a rule found besides, as pydantic would report them alone."""
    details = [
        InitErrorDetails(type=e["type"], loc=e["loc"], input=e["input"], ctx=e.get("ctx", {})) for e in err.errors()
    ]
    cause = found[0] if len(found) == 1 else PartErrors(found)
    details.append(InitErrorDetails(type="value_error", loc=(), input=value, ctx={"error": cause}))
    return ValidationError.from_exception_data(err.title, details)


def _written(entry: Any, field: str) -> Any:
    """A field of a list entry as written, when the entry is a mapping."""
    return entry.get(field) if isinstance(entry, dict) else None


class _Frozen(BaseModel):
    # allow_inf_nan=False: YAML reads .nan and .inf as numbers, but a page cannot
    # embed NaN in JSON, and an infinite tolerance would accept every answer.
    # The docstrings under the fields are read by checks.field_docs when asked, not by pydantic (see there).
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Objective(_Frozen):
    """A learning objective, stated with an observable verb."""

    id: Slug
    """Short name, unique in the bank; exercises list it under ``objectives``."""
    text: Text
    """The objective, starting with an observable verb (define, explain, distinguish, order, interpret)."""


class Option(_Frozen):
    """One option of a single-choice or multiple-select exercise."""

    id: Slug
    """Option id, unique in the exercise; answer sheets name options by it."""
    text: Text
    """What the reader sees (MyST inline markup)."""
    correct: StrictBool = False
    """Whether choosing this option is right."""
    feedback: Text
    """Shown when the reader chooses this option: why it is right, or why it is tempting and wrong."""
    misconception: Slug | None = None
    """Required on every wrong option: a tag naming the wrong belief, counted in item analysis."""


class Item(_Frozen):
    """An item to order, or an option of a matching exercise."""

    id: Slug
    """Item id, unique in the exercise."""
    text: Text
    """What the reader sees: MyST inline markup in an item to order, plain text in a matching option."""


class Stem(_Frozen):
    """One stem of a matching exercise and the option it pairs with."""

    id: Slug
    """Stem id, unique in the exercise; a number only if it is the stem's own (``2`` for the second), as sheets may
    name a stem by its number."""
    text: Text
    """What the reader matches."""
    answer: Slug
    """The id of the option that pairs with this stem."""
    feedback: Text
    """Shown after checking, whether this stem's match is right or not (the page says which): the reasoning that
    leads to the pairing, without naming the option, which the explanation names."""
    misconceptions: dict[Slug, Slug] = Field(default_factory=dict)
    """Optional misconception tag for a wrong option chosen for this stem."""


class WrongAnswer(_Frozen):
    """A foreseen wrong answer to a short-text exercise, with what to say about it."""

    answer: Text
    """A wrong answer readers are likely to give (compared after normalisation)."""
    feedback: Text
    """What to tell a reader who gives it."""
    misconception: Slug
    """The wrong belief behind it."""


class ExerciseBase(_Frozen):
    """Fields shared by every kind of exercise."""

    id: Slug
    """Stable id, unique across the book, beginning ``cN-`` in the bank of a chapter whose name begins with its number N
    (``c3-cascade-order`` in ``03-how-cancer-spreads``); sheets and pages name the exercise by it."""
    prompt: Text
    """The question (MyST text)."""
    points: Points
    """Marks for a fully right answer."""
    objectives: tuple[Slug, ...] = Field(min_length=1)
    """Ids of the bank's objectives this exercise tests."""
    explanation: Text
    """Why the answer is right (MyST text); shown after an attempt and in the Answers appendix."""
    hint: Text | None = None
    """Optional nudge a reader may open before answering."""
    source: Annotated[StrictStr, StringConstraints(pattern=KEY_PATTERN)]
    """Citation key in ``docs/references.bib`` for the fact tested."""
    reviewed: dt.date
    """Date (YYYY-MM-DD) the content was last checked (not in the future); ``checks validate`` warns when it is old."""

    @field_validator("reviewed", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # YAML gives a date for a bare 2026-11-25 but a string when quoted.
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError as err:
                raise ValueError("must be a date written as YYYY-MM-DD") from err
        return value

    @field_validator("reviewed")
    @classmethod
    def _not_ahead(cls, value: dt.date) -> dt.date:
        # A date to come would never be due for review: the age warning would stay silent for years.
        # A day's grace: an author east of the build machine may already be a day ahead.
        if value > dt.date.today() + dt.timedelta(days=1):
            raise ValueError(f"{value} is later than today: give the date the content was last checked")
        return value

    @_entry_rule("objectives")
    def _objectives_once(cls, value: tuple[str | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        return _repeats(value, "objective id", ())


def _ids(entries: Sequence[Any]) -> list[str | None]:
    """The id of each entry, None for an entry invalid in itself."""
    return [None if e is None else e.id for e in entries]


def _repeats(ids: Sequence[str | None], what: str, field: tuple[str | int, ...] = ("id",)) -> list[ValueError]:
    """Each name written again, at its place after the first (None is no name): ``field`` is where in each
    entry the name is."""
    first: dict[str, int] = {}
    found: list[ValueError] = []
    for i, name in enumerate(ids):
        if name is None:
            continue
        if name in first:
            found.append(PartError((i, *field), f"{what} repeated: {name}", (first[name], *field)))
        first.setdefault(name, i)
    return found


_Entry = TypeVar("_Entry")


def _shared(
    entries: Sequence[_Entry | None], value: Callable[[_Entry], Any], field: str, say: Callable[[_Entry, _Entry], str]
) -> list[ValueError]:
    """Each entry whose ``value`` (read from its ``field``) an entry before it has too, at that field, told by ``say``
    with both entries, the first and this one: two items with one text, two stems with one answer. None is an entry
    invalid in itself."""
    first: dict[Any, tuple[int, _Entry]] = {}
    found: list[ValueError] = []
    for i, entry in enumerate(entries):
        if entry is None:
            continue
        key = value(entry)
        if key in first:
            j, other = first[key]
            found.append(PartError((i, field), say(other, entry), (j, field)))
        first.setdefault(key, (i, entry))
    return found


class _Choice(ExerciseBase):
    options: tuple[Option, ...] = Field(min_length=2, max_length=12)
    """The options to choose from (2 to 12), written in any order: the book shows them in an order of its own."""
    _key_rule: ClassVar[str] = ""  # how many options a kind needs marked correct, for the message
    _one_key: ClassVar[bool] = False  # whether more than one correct option is a mistake

    @_entry_rule("options")
    def _keys_and_tags(cls, value: tuple[Option | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        errors = _repeats(_ids(value), "option id")
        # An invalid option counts as written: correct when it says 'correct: true', unknown when its
        # 'correct' is itself a mistake (then how many are correct is not known).
        said = [o.correct if o is not None else _written(w, "correct") for o, w in zip(value, written, strict=True)]
        n = sum(s is True for s in said)
        known = all(s is None or isinstance(s, bool) for s in said)
        # The key first: an option left without 'correct: true' would otherwise be
        # reported as a wrong option without a misconception tag.
        if n == 0 and known:
            errors.append(PartError((), f"no option is marked 'correct: true' ({cls._key_rule})"))
        elif n > 1 and cls._one_key:
            errors.append(_second_key(value, written, said))
        for i, option in enumerate(value if n else ()):
            if option is None:
                continue
            if option.correct and option.misconception is not None:
                errors.append(
                    PartError((i,), f"option {option.id!r} is correct, so it cannot carry a misconception tag")
                )
            if not option.correct and option.misconception is None:
                errors.append(PartError((i,), f"option {option.id!r} is wrong, so it needs a 'misconception' tag"))
        return errors

    @cached_property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)

    @cached_property
    def _by_id(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    def option(self, option_id: str) -> Option | None:
        return self._by_id.get(option_id)


def _second_key(value: tuple[Option | None, ...], written: Any, said: list[Any]) -> PartError:
    """A single-choice exercise's options marked correct beyond the first: at the second's ``correct``, naming
    each, since which one is the key is the author's to say."""
    marked = [i for i, s in enumerate(said) if s is True]
    names = [_option_name(o, w, i) for i, (o, w) in enumerate(zip(value, written, strict=True)) if i in marked]
    listed = " and ".join(names) if len(names) == 2 else f"{', '.join(names[:-1])} and {names[-1]}"
    return PartError(
        (marked[1], "correct"),
        f"options {listed} are {'both' if len(names) == 2 else 'all'} marked 'correct: true', but a single-choice"
        " exercise has exactly one correct option: keep one, or use kind: multiple",
    )


def _option_name(option: Option | None, written: Any, i: int) -> str:
    """An option as a message names it: its id, as written when the option is invalid in itself."""
    name = option.id if option is not None else _written(written, "id")
    return repr(name) if isinstance(name, str) and name.isprintable() else f"options[{i}]"


class SingleChoice(_Choice):
    """Pick one option; all or nothing. With a vignette it is a single best answer."""

    kind: Literal["single"]
    vignette: Text | None = None
    """Optional short clinical vignette shown above the question (single best answer)."""

    _key_rule: ClassVar[str] = "a single-choice exercise needs exactly one"
    _one_key: ClassVar[bool] = True


class MultipleSelect(_Choice):
    """Pick all that apply; partial credit is right minus wrong, floored at 0."""

    kind: Literal["multiple"]

    _key_rule: ClassVar[str] = "a multiple-select exercise needs at least one"


class TrueFalse(ExerciseBase):
    """Decide whether the prompt's statement is true; all or nothing."""

    kind: Literal["truefalse"]
    answer: StrictBool
    """Whether the statement in the prompt is true."""
    feedback_true: Text
    """Shown when the reader answers true."""
    feedback_false: Text
    """Shown when the reader answers false."""
    misconception: Slug
    """The wrong belief behind the wrong answer."""


class ShortText(ExerciseBase):
    """Type a word or phrase, compared after normalisation; all or nothing."""

    kind: Literal["text"]
    accept: tuple[Text, ...] = Field(min_length=1)
    """Accepted answers, compared after normalisation (case, accents, punctuation, spacing, NFKC); none blank."""
    patterns: tuple[Text, ...] = ()
    """Patterns (a portable subset of regular expressions) matched to the whole normalised answer; none may match ""."""
    wrong_answers: tuple[WrongAnswer, ...] = ()
    """Foreseen wrong answers, each with feedback and a misconception tag."""
    feedback_correct: Text
    """Shown for an accepted answer."""
    feedback_incorrect: Text
    """Shown for any other answer."""

    @_entry_rule("accept")
    def _accept_not_blank(cls, value: tuple[str | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        return [
            PartError((i,), f"accepted answer {a!r} is empty once normalised")
            for i, a in enumerate(value)
            if a is not None and not normalise_text(a)
        ]

    @_entry_rule("patterns")
    def _portable_patterns(cls, value: tuple[str | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        errors: list[ValueError] = []
        for i, pattern in enumerate(value):
            if pattern is None:
                continue
            problem = pattern_problem(pattern)
            if problem:
                errors.append(PartError((i,), f"pattern {pattern!r}: {problem}"))
            # The grader matches the normalised answer, and a blank one normalises to "": such a
            # pattern (a stray '|', or '.*') would grade an empty answer as correct.
            elif pattern_matches(pattern, normalise_text("")):
                errors.append(
                    PartError(
                        (i,), f"pattern {pattern!r} matches an empty answer, so a blank answer would count as correct"
                    )
                )
        return errors

    @_entry_rule("wrong_answers")
    def _wrong_is_not_accepted(
        cls, value: tuple[WrongAnswer | None, ...], written: Any, info: ValidationInfo
    ) -> list[ValueError]:
        accepted = {normalise_text(a) for a in info.data.get("accept", ())}  # absent when itself invalid
        patterns = info.data.get("patterns", ())
        errors: list[ValueError] = []
        for j, wrong in enumerate(value):
            if wrong is None:
                continue
            compared = normalise_text(wrong.answer)
            matched = next((i for i, p in enumerate(patterns) if pattern_matches(p, compared)), None)
            if compared in accepted:
                errors.append(PartError((j, "answer"), f"wrong answer {wrong.answer!r} is also an accepted answer"))
            elif matched is not None:  # graded right, so its feedback would never be shown
                errors.append(
                    PartError(
                        (j, "answer"),
                        f"wrong answer {wrong.answer!r} is accepted by patterns[{matched}] {patterns[matched]!r}",
                    )
                )
        return errors


class Numeric(ExerciseBase):
    """Type a number, optionally with a unit; right within the tolerance."""

    kind: Literal["numeric"]
    value: Number
    """The right number."""
    tolerance: Annotated[float, Strict(), Field(ge=0)] | None = None
    """Largest accepted distance from ``value`` (inclusive); less than the value's size, so that the accepted range
    keeps 0 and numbers of the other sign out (a ``value`` of 0 excepted)."""
    relative_tolerance: Annotated[float, Strict(), Field(ge=0, le=1)] | None = None
    """Largest accepted distance as a fraction of ``value`` (0.05 = 5%), less than 1; instead of ``tolerance``."""
    units: tuple[Text, ...] = ()
    """Accepted units, each once; the reader may also leave the unit out, and may write it with or without a final s
    ("point" for "points", "mos" for "mo"; not "p" for "pp")."""
    feedback_correct: Text
    """Shown for a right answer."""
    feedback_incorrect: Text
    """Shown for a wrong number, and for one with a unit not in ``units``: say how it is worked out, in what unit."""
    misconception: Slug | None = None
    """Optional tag for the wrong belief behind a wrong number (in any unit); never counted for the right number."""

    @field_validator("relative_tolerance")
    @classmethod
    def _one_tolerance(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and info.data.get("tolerance") is not None:
            raise ModelError("give 'tolerance' or 'relative_tolerance', not both")
        return value

    @field_validator("tolerance", "relative_tolerance")
    @classmethod
    def _zero_refused(cls, value: float | None, info: ValidationInfo) -> float | None:
        # A range that reaches 0 grades "0" correct, and one past it a number of the other sign: a reader who
        # has not worked the answer out scores.
        number = info.data.get("value")  # absent when itself invalid
        if value is None or not number:
            return value
        relative = info.field_name == "relative_tolerance"
        allowed = value * abs(number) if relative else value
        if not within(0.0, number, allowed):
            return value
        low, high = number - allowed, number + allowed
        crossed = low < 0 < high
        other = f" or a {'negative' if number > 0 else 'positive'} one" if crossed else ""
        size = 1.0 if relative else abs(number)
        said = f"{number:.15g} ± " + (f"{value * 100:.15g}%" if relative else f"{value:.15g}")
        if value >= size:
            slack, limit = "", f"{size:.15g}"
        else:  # below the size, but within the grader's slack of it: the limit is the slack's, rounded down
            slack = f", and 0 too with the grader's slack for rounding ({EPSILON:g} of the value)"
            limit = _rounded_down(size * (1 - 2 * EPSILON))
        raise ValueError(
            f"{said} accepts every number from {low:g} to {high:g}{slack}, so an answer of 0{other} would be graded"
            f" correct: give a {info.field_name} below {limit}"
        )

    @_entry_rule("units")
    def _distinct_units(cls, value: tuple[str | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        units = [None if u is None else normalise_unit(u) for u in value]
        errors: list[ValueError] = [
            PartError((i,), "a unit is empty once normalised") for i, u in enumerate(units) if u == ""
        ]
        # Grading sets spaces and a final s aside, so "point" after "points" is the same unit written again.
        first: dict[str, int] = {}
        for i, unit in enumerate(units):
            if not unit:
                continue
            j = first.setdefault(unit_key(unit), i)
            if j != i:
                earlier = units[j] or ""
                said = unit if earlier == unit else f"{unit!r} is {earlier!r}, as {_set_aside(unit, earlier)}"
                errors.append(PartError((i,), f"unit repeated: {said}", (j,)))
        return errors

    @property
    def allowed_error(self) -> float:
        """The largest accepted distance from the value (inclusive)."""
        if self.relative_tolerance is not None:
            return self.relative_tolerance * abs(self.value)
        return self.tolerance or 0.0

    def accepts(self, number: float) -> bool:
        """Whether ``number`` is right, as the grader (and the browser) judges it."""
        return within(number, self.value, self.allowed_error)


# Floating-point slack, so that an answer exactly at the tolerance's edge counts (0.3 ± 0.1 takes 0.4, though
# 0.4 - 0.3 is 0.10000000000000003 in binary). A share of the numbers compared, never an absolute amount, so that a
# tiny value is graded as exactly as it is written (1e-12 without a tolerance does not take 0).
EPSILON = 1e-9


def _set_aside(unit: str, earlier: str) -> str:
    """What grading sets aside that makes ``unit`` the ``earlier`` one: its spaces, a final s, or both."""
    if unit.replace(" ", "") == earlier.replace(" ", ""):
        return "spaces are set aside in grading"
    if unit.removesuffix("s") == earlier.removesuffix("s"):
        return "a final s is set aside in grading"
    return "spaces and a final s are set aside in grading"


def _rounded_down(limit: float) -> str:
    """``limit``, positive, to six significant digits, rounded down: any tolerance below what it says is below
    ``limit`` too, so that the advice holds as written."""
    exact = Decimal(limit)  # the float's own value, every digit of it
    return f"{float(exact.quantize(Decimal(1).scaleb(exact.adjusted() - 5), rounding=ROUND_FLOOR)):.6g}"


def within(number: float, value: float, allowed: float) -> bool:
    """Whether ``number`` is at most ``allowed`` from ``value``, with the grader's slack: ``EPSILON`` of the larger of
    ``value``'s size and ``allowed``, which bounds the rounding of the distance wherever it is near ``allowed``."""
    return abs(number - value) <= allowed + EPSILON * max(abs(value), allowed)


class Ordering(ExerciseBase):
    """Put items in order; partial credit for the longest run in the right order."""

    kind: Literal["ordering"]
    items: tuple[Item, ...] = Field(min_length=2, max_length=20)
    """The items in the right order; pages show them shuffled."""
    feedback_correct: Text | None = None
    """Optional: shown for the exact order."""
    feedback_incorrect: Text | None = None
    """Optional: shown for any other order."""

    @_entry_rule("items")
    def _distinct_items(cls, value: tuple[Item | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        errors = _repeats(_ids(value), "item id")
        return errors + _shared(
            value,
            lambda i: normalise_text(i.text),
            "text",
            lambda a, b: f"items {a.id!r} and {b.id!r} have the same text",
        )


# A MyST role, such as {term}`…`: matching options are plain text (a list and a drop-down), where it cannot work.
_ROLE = re.compile(r"\{[A-Za-z][\w:+.-]*\}(?=`)")

# What every output says of an extended matching exercise, so its prompt need not.
REUSE_NOTE = "Options may be used more than once or not at all."


def choice_legend(multiple: bool) -> str:
    """What every output says above a choice exercise's options: how to answer and, for select-all, how it scores.

    One right and one wrong tick score nothing, so a reader on paper is told before ticking.
    """
    return "Choose all that apply; each wrong choice cancels a right one" if multiple else "Choose one answer"


class Matching(ExerciseBase):
    """Pair each stem with an option; partial credit per stem.

    With ``extended: true`` the options form one shared list, and an option may
    be the answer to several stems or to none (extended matching).
    """

    kind: Literal["matching"]
    extended: StrictBool = False
    """Extended matching: options may answer several stems or none (every output says so: :data:`REUSE_NOTE`).
    Without it, each option answers exactly one stem."""
    options: tuple[Item, ...] = Field(min_length=2, max_length=26)
    """The shared option list, in plain text: a role such as ``{term}`` would be printed as written."""
    stems: tuple[Stem, ...] = Field(min_length=2, max_length=20)
    """The items to match, each with its answer."""

    @_entry_rule("options")
    def _plain_options(cls, value: tuple[Item | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        errors = _repeats(_ids(value), "option id")
        for i, option in enumerate(value):
            role = _ROLE.search(option.text) if option is not None else None
            if role:
                errors.append(
                    PartError(
                        (i, "text"),
                        f"matching options are plain text, so the {role.group()} role would be printed as written:"
                        " write the words alone",
                    )
                )
        return errors

    @_entry_rule("stems")
    def _pairs_exist(cls, value: tuple[Stem | None, ...], written: Any, info: ValidationInfo) -> list[ValueError]:
        errors = _repeats(_ids(value), "stem id") + _numbers_as_ids(value)
        # The stems are checked against the options and 'extended' only when those are valid themselves.
        if "options" in info.data:
            options: tuple[Item, ...] = info.data["options"]
            known = [o.id for o in options]
            for i, stem in enumerate(value):
                if stem is None:
                    continue
                if stem.answer not in known:
                    errors.append(PartError((i, "answer"), not_an_option(stem.answer, options)))
                for option_id in stem.misconceptions:
                    at = (i, "misconceptions", option_id)
                    if option_id not in known:
                        errors.append(PartError(at, not_an_option(option_id, options)))
                    elif option_id == stem.answer:
                        errors.append(PartError(at, "the stem's answer cannot carry a misconception"))
        if info.data.get("extended") is False:
            errors += _shared(
                value,
                lambda s: s.answer,
                "answer",
                lambda a, b: (
                    f"option {b.answer!r} answers stems {a.id!r} and {b.id!r}: set 'extended: true' to allow it"
                ),
            )
            errors += _unused(value, info.data.get("options"))
        return errors


def _numbers_as_ids(stems: Sequence[Stem | None]) -> list[ValueError]:
    """Each stem whose id is a number other than its own: a sheet may name a stem by the number the book prints
    before it, so such an id would name one stem by its id and another by its number."""
    return [
        PartError(
            (n - 1, "id"),
            f"stem id {stem.id!r} is a number other than this stem's own, {n}, and sheets may name a stem by its"
            f" number: give it the id {str(n)!r} or a name",
        )
        for n, stem in enumerate(stems, start=1)
        if stem is not None and stem.id.isdigit() and stem.id != str(n)
    ]


def _unused(stems: Sequence[Stem | None], options: tuple[Item, ...] | None) -> list[ValueError]:
    """The options that answer no stem, at the first, in a matching exercise that is not extended: there every
    option answers one stem, and the reader is not told that one may be left over. Checked once every stem
    names an option of its own, so that a stem's mistyped or repeated answer is not told twice."""
    if options is None or any(s is None for s in stems):
        return []
    answers = {s.answer for s in stems if s is not None}
    if len(answers) < len(stems) or not answers <= {o.id for o in options}:
        return []
    unused = [(i, o.id) for i, o in enumerate(options) if o.id not in answers]
    if not unused:
        return []
    names = [repr(name) for _, name in unused]
    said = (
        f"option {names[0]} answers" if len(names) == 1 else f"options {', '.join(names[:-1])} and {names[-1]} answer"
    )
    return [
        PartError(
            ("options", unused[0][0]),
            f"{said} no stem, and the reader is not told that one may be left over: set 'extended: true', which"
            " tells them, or make each option a stem's answer",
            of_model=True,
        )
    ]


def option_by_text(name: str, options: Sequence[tuple[str, str]]) -> str | None:
    """The id of the option, of ``(id, text)`` pairs, whose text ``name`` is, in other capitals or spacing:
    an author who wrote the option's text where its id belongs."""
    return next((i for i, text in options if _folded(text) == _folded(name)), None)


def _folded(text: str) -> str:
    # A hyphen too is a space here: 'distant-recurrence' is the text made an id, as messages used to suggest.
    return " ".join(text.replace("-", " ").split()).casefold()


def not_an_option(name: str, options: Sequence[Item]) -> str:
    """What to say of an id that names none of a matching exercise's options: the option whose text it is, or
    the options and the one probably meant, as other unknown ids are told."""
    by_text = option_by_text(name, [(o.id, o.text) for o in options])
    if by_text is not None:
        return f"write the option's id {by_text!r}, not its text {name!r}"
    known = [o.id for o in options]
    return f"{name!r} is not an option id ({', '.join(known)}){did_you_mean(name, known)}"


AnyExercise = Union[SingleChoice, MultipleSelect, TrueFalse, ShortText, Numeric, Ordering, Matching]  # noqa: UP007
Exercise = Annotated[AnyExercise, Field(discriminator="kind")]


class Bank(_Frozen):
    """One chapter's objectives and exercises."""

    chapter: Annotated[StrictStr, StringConstraints(pattern=CHAPTER_PATTERN)]
    """The document name of the chapter the bank belongs to (e.g. ``03-how-cancer-spreads``)."""
    title: Text
    """The chapter's title."""
    objectives: tuple[Objective, ...] = Field(min_length=1)
    """The chapter's learning objectives; ``{objectives}`` prints them."""
    exercises: tuple[Exercise, ...] = Field(min_length=1)
    """The exercises, in the order they appear in the chapter."""

    @_entry_rule("objectives")
    def _objective_ids_once(
        cls, value: tuple[Objective | None, ...], written: Any, info: ValidationInfo
    ) -> list[ValueError]:
        return _repeats(_ids(value), "objective id")

    def exercise(self, exercise_id: str) -> AnyExercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)
