"""Typed results.

Each result is a frozen dataclass built from the engine's JSON result:
amounts, rates and indices are :class:`decimal.Decimal` (never float), dates
are :class:`datetime.date`, months stay ``"YYYY-MM"`` strings and ages
``"62y10m"`` strings, exactly as the engine writes them. ``to_dict()`` gives
the plain nested dict back (decimals kept as Decimal).

A field the engine adds before these classes know it is kept, not lost: it
appears in ``to_dict()`` and in ``extra``.

A result returned by an :class:`~pension_rules.Engine` method is held by the
native engine and each field converted on its first read (then kept), so an
unread trace costs nothing; the values are the same as ``from_dict`` gives.
"""

from __future__ import annotations

import dataclasses
import datetime
import sys
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Tuple, Type, TypeVar

__all__ = [
    "Record",
    "RuleSetIdentity",
    "Origin",
    "Alternative",
    "Provenance",
    "ParamUse",
    "Step",
    "Trace",
    "SourcedMonths",
    "ElasticWindow",
    "Eligibility",
    "RetirementResult",
    "SurvivorResult",
    "BaseLimits",
    "ContributionResult",
    "PostingLine",
    "CloseMethod",
    "YearStatement",
    "Inheritable",
    "CloseOutcome",
    "AccountStatement",
    "AwardStatutory",
    "YearIndex",
    "IndexResult",
    "Unrounded",
    "Note",
    "AwardResult",
    "Stay",
    "TemporaryAccount",
    "PooledPart",
    "Move",
    "Receipt",
    "ErrorInfo",
    "TransferResult",
    "AdjustmentResult",
    "ProjectedFigure",
    "ProjectedYear",
    "ProjectionAssumptions",
    "ProjectionResult",
    "Outcome",
    "CaseReport",
    "CheckReport",
    "Layer",
    "ResolvedValue",
    "ResolvedParam",
    "RulesShow",
    "RuleSetInfo",
    "FieldProblem",
    "RowError",
    "PayrollLine",
    "PayrollTotals",
    "PayrollAttention",
    "PayrollDeclaration",
    "AwardRecomputation",
]

R = TypeVar("R", bound="Record")

Converter = Optional[Callable[[Any], Any]]


def _date(raw: Any) -> Any:
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:  # outside Python's years 1–9999: kept as written
        return raw


def _compile(tp: Any) -> Converter:
    """A function turning the engine's JSON value into the annotated type
    (``None``: the value is used as it is)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return _compile(inner[0]) if len(inner) == 1 else None
    if origin in (list, List):
        item = _compile(args[0])
        return None if item is None else (lambda v: [item(x) for x in v])
    if origin in (dict, Dict):
        value = _compile(args[1])
        return None if value is None else (lambda v: {k: value(x) for k, x in v.items()})
    if origin in (tuple, Tuple):
        return tuple
    if tp is Decimal:
        return Decimal
    if tp is datetime.date:
        return _date
    if isinstance(tp, type) and issubclass(tp, Record):
        return _builder(tp)
    return None


def _plain(v: Any) -> Any:
    if isinstance(v, Record):
        return v.to_dict()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _key(f: dataclasses.Field) -> str:
    return str(f.metadata.get("key", f.name))


_BUILDERS: Dict[type, Callable[[Mapping[str, Any]], Any]] = {}
_BUILDING: set = set()
# name -> (key, converter, default) of each record class's fields.
_FIELDS: Dict[type, Dict[str, Tuple[str, Converter, Callable[[], Any]]]] = {}


def _fields(cls: type, hints: Dict[str, Any]) -> Dict[str, Tuple[str, Converter, Callable[[], Any]]]:
    out = {}
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            default: Callable[[], Any] = f.default_factory
        else:
            default = (lambda d: (lambda: d))(None if f.default is dataclasses.MISSING else f.default)
        out[f.name] = (_key(f), _compile(hints[f.name]), default)
    return out


class _Default:
    """A defaulted field's class attribute: its default on the class, and
    on a lazily built record the converted value (an instance's own value,
    once set, comes first)."""

    __slots__ = ("name", "default")

    def __init__(self, name: str, default: Any) -> None:
        self.name = name
        self.default = default

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self.default
        return obj.__getattr__(self.name)


def _builder(cls: type) -> Callable[[Mapping[str, Any]], Any]:
    """``cls.from_dict`` as one straight-line function, written once per
    class: a typed result is built per call, often per person, and a loop
    over a generic plan cost more than the computation itself.

    (A result straight from the engine is built lazily instead: see
    ``Record._native``.)"""
    b = _BUILDERS.get(cls)
    if b is not None:
        return b
    if cls in _BUILDING:  # a record nested in itself: go through from_dict
        return lambda v: cls.from_dict(v)  # type: ignore[attr-defined]
    _BUILDING.add(cls)
    try:
        hints = typing.get_type_hints(cls, globalns=sys.modules[cls.__module__].__dict__)
        ns: Dict[str, Any] = {"cls": cls, "new": cls.__new__}
        known = []
        body = ["def build(data):", "    get = data.get", "    obj = new(cls)", "    d = obj.__dict__"]
        for i, f in enumerate(dataclasses.fields(cls)):
            key = _key(f)
            known.append(key)
            conv = _compile(hints[f.name])
            if f.default_factory is not dataclasses.MISSING:
                ns[f"f{i}"] = f.default_factory
                default = f"f{i}()"
            else:
                ns[f"k{i}"] = None if f.default is dataclasses.MISSING else f.default
                default = f"k{i}"
            body.append(f"    v = get({key!r})")
            if conv is None:
                body.append(f"    d[{f.name!r}] = {default} if v is None else v")
                continue
            ns[f"c{i}"] = conv
            body.append(f"    if v is None:\n        d[{f.name!r}] = {default}")
            body.append(f"    else:\n        d[{f.name!r}] = c{i}(v)")
        ns["known"] = frozenset(known)
        body.append("    d['extra'] = {} if data.keys() <= known else {k: v for k, v in data.items() if k not in known}")
        body.append("    return obj")
        exec("\n".join(body), ns)  # noqa: S102  (generated from the dataclass fields only)
        b = ns["build"]
        _BUILDERS[cls] = b
        _FIELDS[cls] = _fields(cls, hints)
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                # The dataclass keeps a defaulted field's default on the class,
                # which would hide a lazily converted value (see ``_native``).
                setattr(cls, f.name, _Default(f.name, f.default))
        return b  # type: ignore[no-any-return]
    finally:
        _BUILDING.discard(cls)


class Record:
    """Base of every typed result: ``from_dict`` / ``to_dict``."""

    extra: ClassVar[Dict[str, Any]]

    @classmethod
    def from_dict(cls: Type[R], data: Mapping[str, Any]) -> R:
        """Build from the engine's JSON-like dict."""
        # A frozen dataclass: its fields are filled without the per-field checks.
        return _builder(cls)(data)  # type: ignore[no-any-return]

    @classmethod
    def _native(cls: Type[R], raw: Any) -> R:
        """A result held by the native engine (a ``LazyValue``): each field is
        converted on its first read, then kept. Most callers read a few
        figures of a result, and converting all of it (the trace above all)
        cost more than computing it."""
        _builder(cls)
        obj = cls.__new__(cls)
        obj.__dict__["__raw__"] = raw
        return obj

    def __getattr__(self, name: str) -> Any:
        # Only called for an attribute not yet in __dict__: a field of a
        # result still held natively (see ``_native``) is converted now, once.
        d = self.__dict__
        raw = d.get("__raw__")
        if raw is not None:
            spec = _FIELDS[type(self)].get(name)
            if spec is not None:
                key, conv, default = spec
                v = raw.get(key)
                value = default() if v is None else (v if conv is None else conv(v))
                d[name] = value
                return value
            if name == "extra":
                known = {k for k, _, _ in _FIELDS[type(self)].values()}
                extra = {k: raw.get(k) for k in raw.keys() if k not in known}
                d["extra"] = extra
                return extra
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __getstate__(self) -> Dict[str, Any]:
        # Copies and pickles hold plain values only.
        if "__raw__" in self.__dict__:
            for name in _FIELDS[type(self)]:
                getattr(self, name)
            self.extra  # noqa: B018  (converts it)
        return {k: v for k, v in self.__dict__.items() if k != "__raw__"}

    def to_dict(self) -> Dict[str, Any]:
        """The result as a plain dict (nested records as dicts; Decimal,
        date kept), with the engine's field names."""
        out = {_key(f): _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        out.update(getattr(self, "extra", {}))
        return out

# ---------------------------------------------------------------- provenance


@dataclass(frozen=True)
class RuleSetIdentity(Record):
    """Which rules produced a result: id (with overlays), version, sha256."""

    id: str
    version: str
    hash: str


@dataclass(frozen=True)
class Origin(Record):
    """File and line of a value in the rule files."""

    file: str
    line: int


@dataclass(frozen=True)
class Alternative(Record):
    """A documented reading of the law that was not chosen."""

    value: str
    source: str
    key: Optional[int] = None
    seen: Optional[str] = None
    note: Optional[str] = None


@dataclass(frozen=True)
class Provenance(Record):
    """The legal source and status of a rule value."""

    source: str
    origin: Origin
    seen: Optional[str] = None
    published: Optional[datetime.date] = None
    provisional: bool = False
    confidence: Optional[str] = None
    note: Optional[str] = None
    alternatives: List[Alternative] = field(default_factory=list)


@dataclass(frozen=True)
class ParamUse(Record):
    """A rule parameter a step used, with its source."""

    param: str
    value: str
    provenance: Provenance
    key: Optional[str] = None


@dataclass(frozen=True)
class Step(Record):
    """One step of a computation: Chinese term, value, formula in words."""

    name: str
    label: str
    value: str
    formula: str
    inputs: List[Tuple[str, str]] = field(default_factory=list)
    params: List[ParamUse] = field(default_factory=list)


@dataclass(frozen=True)
class Trace(Record):
    """The explanation of a result: the rule set and every step.

    ``str(trace)`` lists the steps with their formulas and legal sources.
    """

    rules: RuleSetIdentity
    steps: List[Step] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"rules: {self.rules.id} {self.rules.version} sha256:{self.rules.hash[:12]}"]
        for s in self.steps:
            lines.append(f"{s.label} {s.name} = {s.value}")
            lines.append(f"    {s.formula}")
            for p in s.params:
                key = f"[{p.key}]" if p.key else ""
                lines.append(f"    {p.param}{key} = {p.value} — {p.provenance.source}")
        return "\n".join(lines)


@dataclass(frozen=True)
class SourcedMonths(Record):
    """A month count read from the rule set, with its source."""

    value: int
    param: str
    provenance: Provenance


# ---------------------------------------------------------------- retirement


@dataclass(frozen=True)
class ElasticWindow(Record):
    """弹性退休: the earliest and latest retirement (办法 第三条)."""

    earliest_age: str
    earliest_month: str
    latest_age: str
    latest_month: str
    max_early_months: int
    max_delay_months: int
    earliest_min_contribution_months: Optional[int] = None


@dataclass(frozen=True)
class Eligibility(Record):
    """Whether a monthly pension is payable at the retirement month."""

    eligible: bool
    contribution_months: int
    required_months: int
    short_by_months: int
    reasons: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class RetirementResult(Record):
    """退休: statutory age and month, elastic window, eligibility, 计发月数."""

    birth: str
    category: str
    original_age: str
    delay_months: int
    statutory_age: str
    statutory_month: str
    schedule_from: datetime.date
    retirement_month: str
    retirement_age: str
    trace: Trace
    elastic: Optional[ElasticWindow] = None
    special: Optional[str] = None
    min_contribution_months: Optional[SourcedMonths] = None
    eligibility: Optional[Eligibility] = None
    divisor_at_statutory: Optional[Decimal] = None
    divisor: Optional[Decimal] = None
    flags: List[str] = field(default_factory=list)


# ---------------------------------------------------------------- contribution


@dataclass(frozen=True)
class BaseLimits(Record):
    """The year's contribution base floor and cap (缴费基数上下限)."""

    year: int
    floor: Decimal
    cap: Decimal
    floor_origin: str
    cap_origin: str
    reference_wage: Optional[Decimal] = None


@dataclass(frozen=True)
class ContributionResult(Record):
    """缴费: one month's base, employer and individual amounts, account
    credit and pooled part."""

    month: str
    employment: str
    limits: BaseLimits
    position: str
    base: Decimal
    employer: Decimal
    individual: Decimal
    account_credit: Decimal
    pooled: Decimal
    trace: Trace
    wage: Optional[Decimal] = None
    account_personal: Optional[Decimal] = None


# ---------------------------------------------------------------- account


@dataclass(frozen=True)
class PostingLine(Record):
    """One posting of a year, with the balance after it (``month`` None for
    a yearly total)."""

    kind: str
    amount: Decimal
    balance: Decimal
    month: Optional[str] = None
    personal: Optional[Decimal] = None


@dataclass(frozen=True)
class CloseMethod(Record):
    """How a year was closed: ``kind`` full_year or partial_year, the
    interest ``convention``, and the ``months`` of a partial year."""

    kind: str
    convention: str
    months: Optional[int] = None


@dataclass(frozen=True)
class YearStatement(Record):
    """One year of the account: credits, transfers, interest, balances."""

    year: int
    opening: Decimal
    credits: Decimal
    transfers_in: Decimal
    transfers_out: Decimal
    interest: Decimal
    closing: Decimal
    rate: Decimal
    rate_origin: str
    method: CloseMethod
    month_end: List[Decimal] = field(default_factory=list)
    postings: List[PostingLine] = field(default_factory=list)
    personal_closing: Optional[Decimal] = None


@dataclass(frozen=True)
class Inheritable(Record):
    """The inheritable part of the account at a death."""

    rule: str
    amount: Optional[Decimal] = None
    unknown_because: Optional[str] = None


@dataclass(frozen=True)
class CloseOutcome(Record):
    """A partial-year close (retirement, death, transfer out)."""

    event: str
    month: str
    balance: Decimal
    transferred: Optional[Decimal] = None
    inheritable: Optional[Inheritable] = None


@dataclass(frozen=True)
class AccountStatement(Record):
    """个人账户: the ledger year by year and the final balance."""

    opening_year: int
    opening_balance: Decimal
    balance: Decimal
    trace: Trace
    years: List[YearStatement] = field(default_factory=list)
    personal_balance: Optional[Decimal] = None
    close: Optional[CloseOutcome] = None


# ---------------------------------------------------------------- award


@dataclass(frozen=True)
class AwardStatutory(Record):
    """The statutory retirement month of the person, for comparison."""

    age: str
    month: str
    earliest: Optional[str] = None
    latest: Optional[str] = None


@dataclass(frozen=True)
class YearIndex(Record):
    """One year of the contribution index (history form)."""

    year: int
    paid_months: int
    gap_months: int
    deemed_months: int
    base_sum: Decimal
    ratio_sum: Decimal
    index: Decimal
    denominator_year: Optional[int] = None
    denominator: Optional[Decimal] = None
    denominator_given: bool = False


@dataclass(frozen=True)
class IndexResult(Record):
    """The average contribution index derived from a history."""

    average_index: Decimal
    exact: Decimal
    capped: bool
    weighting: str
    denominator: str
    gaps: str
    deemed: str
    contribution_months: int
    deemed_months: int
    gap_months: int
    back_paid_months: int
    flexible_months: int
    pre_account_months: int
    counted: int
    years: List[YearIndex] = field(default_factory=list)


@dataclass(frozen=True)
class Unrounded(Record):
    """The pension components before rounding (for audit)."""

    basic_pension: Decimal
    account_pension: Decimal
    transitional_pension: Decimal


@dataclass(frozen=True)
class Note(Record):
    """A remark on an award, in English and Chinese."""

    code: str
    message: str
    zh: str


@dataclass(frozen=True)
class AwardResult(Record):
    """待遇核定: every figure of an approval sheet (核定表) — 基础养老金,
    个人账户养老金, 过渡性养老金 and the total — with its explanation."""

    form: str
    category: str
    birth: str
    retirement_month: str
    age: str
    first_pension_month: str
    contribution_months: int
    deemed_months: int
    min_contribution_months: int
    years: Decimal
    pension_base: Decimal
    pension_base_provisional: bool
    average_index: Decimal
    indexed_wage: Decimal
    account_balance: Decimal
    divisor: Decimal
    basic_rate: Decimal
    transitional_index: Decimal
    transitional_months: int
    basic_pension: Decimal
    account_pension: Decimal
    transitional_pension: Decimal
    total: Decimal
    unrounded: Unrounded
    trace: Trace
    statutory: Optional[AwardStatutory] = None
    index: Optional[IndexResult] = None
    transitional_coefficient: Optional[Decimal] = None
    notes: List[Note] = field(default_factory=list)


# ---------------------------------------------------------------- transfer


@dataclass(frozen=True)
class Stay(Record):
    """A stay in one place of a contribution history."""

    region: str
    codes: List[str]
    from_: str = field(metadata={"key": "from"})
    to: str = ""
    paid_months: int = 0
    deemed_months: int = 0
    age: str = ""
    entry: str = ""
    holding: str = ""
    relation_region: str = ""
    threshold: Optional[str] = None


@dataclass(frozen=True)
class TemporaryAccount(Record):
    """A temporary account (临时基本养老保险缴费账户) and where it went."""

    region: str
    from_: str = field(metadata={"key": "from"})
    to: str = ""
    months: int = 0
    relation_region: str = ""
    destination: str = ""
    moved_in: str = ""
    at_retirement: bool = False


@dataclass(frozen=True)
class PooledPart(Record):
    """One part of the pooled money moved (统筹基金), by rate."""

    rate: Decimal
    basis: str
    months: int
    bases: Decimal


@dataclass(frozen=True)
class Move(Record):
    """One transfer: account and pooled money moved between places."""

    from_: str = field(metadata={"key": "from"})
    to: str = ""
    month: str = ""
    kind: str = ""
    months: int = 0
    account: Optional[Decimal] = None
    account_from: str = ""
    pooled: Decimal = Decimal(0)
    pooled_parts: List[PooledPart] = field(default_factory=list)
    pooled_carried: Decimal = Decimal(0)
    account_unknown: Optional[str] = None


@dataclass(frozen=True)
class Receipt(Record):
    """Where the pension is claimed (待遇领取地) and by which rule."""

    region: str
    rule: str
    relation_region: str
    hukou_region: str
    months_by_region: List[Tuple[str, int]]
    threshold_months: int


@dataclass(frozen=True)
class ErrorInfo(Record):
    """An error reported inside a result (code and message)."""

    code: str
    message: str


@dataclass(frozen=True)
class TransferResult(Record):
    """关系转移接续: the transfer plan of a history across places and the
    award at the receiving place (``award_error`` when it cannot be made)."""

    hukou_region: str
    birth: str
    category: str
    retirement_month: str
    receipt: Receipt
    total_months: int
    trace: Trace
    stays: List[Stay] = field(default_factory=list)
    temporary_accounts: List[TemporaryAccount] = field(default_factory=list)
    moves: List[Move] = field(default_factory=list)
    account_at_retirement: Optional[Decimal] = None
    account_at_retirement_unknown: Optional[str] = None
    scheme_link: Optional[Dict[str, Any]] = None
    notes: List[Note] = field(default_factory=list)
    award: Optional[AwardResult] = None
    award_error: Optional[ErrorInfo] = None


# ---------------------------------------------------------------- projection


@dataclass(frozen=True)
class ProjectedFigure(Record):
    """A yearly figure of a projection and where it comes from: ``source``
    is ``rules``, ``provisional``, ``assumed`` (an explicit assumption) or
    ``projected`` (grown by an assumed rate); ``basis`` is the rule value's
    legal source or the assumption it rests on."""

    value: Decimal
    source: str
    basis: Optional[str] = None


@dataclass(frozen=True)
class ProjectedYear(Record):
    """One projected calendar year: the base, the account credits, interest
    and the balance at the year end (at retirement in its year)."""

    year: int
    months: int
    index: Decimal
    average_wage_year: int
    average_wage: ProjectedFigure
    base: Decimal
    credits: Decimal
    interest_rate: ProjectedFigure
    interest: Decimal
    balance: Decimal
    employer_contribution: Optional[Decimal] = None
    individual_contribution: Optional[Decimal] = None


@dataclass(frozen=True)
class ProjectionAssumptions(Record):
    """The stated assumptions a projection used (rates as yearly shares)."""

    average_wage_growth: Decimal
    pension_base_growth: Decimal
    interest_rate: Decimal
    wage_growth: Optional[Decimal] = None
    average_wages: Optional[Dict[str, Decimal]] = None
    pension_bases: Optional[Dict[str, Decimal]] = None
    interest_rates: Optional[Dict[str, Decimal]] = None


@dataclass(frozen=True)
class ProjectionResult(Record):
    """养老金测算: the yearly path under the stated assumptions and the
    estimated award at the retirement month. The explanation of every step
    (projection, account ledger, index, award) is ``trace``; ``award``
    carries no trace of its own (its ``trace`` is None)."""

    retirement_month: str
    statutory: bool
    years: List[ProjectedYear]
    contribution_months: int
    average_index: Decimal
    account_balance: Decimal
    pension_base: ProjectedFigure
    award: AwardResult
    assumptions: ProjectionAssumptions
    trace: Trace
    final_base: Optional[Decimal] = None


# ---------------------------------------------------------------- adjustment


@dataclass(frozen=True)
class AdjustmentResult(Record):
    """基本养老金调整: one retiree's increase in one year, by part."""

    year: int
    effective: str
    contribution_years: Decimal
    age: int
    fixed: Decimal
    years_part: Decimal
    pct_part: Decimal
    age_extra: Decimal
    increase: Decimal
    top_up: Decimal
    pension_after: Decimal
    trace: Trace
    top_up_pending: bool = False
    arrears_months: Optional[int] = None
    arrears: Optional[Decimal] = None
    national_overall_rate: Optional[Decimal] = None
    flags: List[str] = field(default_factory=list)


# ---------------------------------------------------------------- survivor


@dataclass(frozen=True)
class SurvivorResult(Record):
    """遗属待遇: funeral grant, survivor allowance, inheritable account."""

    rules_date: datetime.date
    monthly_income_base: Decimal
    working_months: Decimal
    allowance_months: Decimal
    funeral_grant: Decimal
    survivor_allowance: Decimal
    total: Decimal
    trace: Trace
    income_year: Optional[int] = None
    inheritable_account: Optional[Decimal] = None


# ---------------------------------------------------------------- check


@dataclass(frozen=True)
class Outcome(Record):
    """What happened to one vector: ``status`` is pass, fail, error or
    unsupported; fail has ``field``/``expected``/``actual``, error has
    ``code``/``message``."""

    status: str
    field: Optional[str] = None
    expected: Any = None
    actual: Any = None
    code: Optional[str] = None
    message: Optional[str] = None
    kind: Optional[str] = None


@dataclass(frozen=True)
class CaseReport(Record):
    """One vector's outcome and the figures computed, exactly as the engine
    writes them (decimal strings, not Decimal: vectors compare text)."""

    id: str
    kind: str
    outcome: Outcome
    actual: Optional[Dict[str, Any]] = None


@dataclass(frozen=True)
class CheckReport(Record):
    """The outcome of a set of conformance vectors."""

    cases: List[CaseReport] = field(default_factory=list)

    def counts(self) -> Dict[str, int]:
        """Cases by status."""
        out = {"pass": 0, "fail": 0, "error": 0, "unsupported": 0}
        for c in self.cases:
            out[c.outcome.status] = out.get(c.outcome.status, 0) + 1
        return out

    def ok(self, allow_unsupported: bool = False) -> bool:
        """Whether every case passed (unsupported kinds allowed if asked)."""
        n = self.counts()
        return n["fail"] == 0 and n["error"] == 0 and (allow_unsupported or n["unsupported"] == 0)


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class Layer(Record):
    """One layer of a rule set (national, province, overlay)."""

    id: str
    overlay: bool
    version: Optional[str] = None
    title: Optional[str] = None
    region: Optional[str] = None
    description: Optional[str] = None


@dataclass(frozen=True)
class ResolvedValue(Record):
    """A parameter value in force, with its source (``from_`` is the JSON
    ``from``)."""

    value: str
    provenance: Provenance
    key: Optional[str] = None
    from_: Optional[datetime.date] = field(default=None, metadata={"key": "from"})


@dataclass(frozen=True)
class ResolvedParam(Record):
    """A parameter and the values that apply on the date."""

    name: str
    values: List[ResolvedValue] = field(default_factory=list)
    title: Optional[str] = None
    unit: Optional[str] = None


@dataclass(frozen=True)
class RulesShow(Record):
    """Every parameter in force on ``as_of``, with sources."""

    id: str
    version: str
    hash: str
    as_of: datetime.date
    layers: List[Layer] = field(default_factory=list)
    params: List[ResolvedParam] = field(default_factory=list)
    known_on: Optional[datetime.date] = None

    def param(self, name: str) -> ResolvedParam:
        """One parameter by name (``KeyError`` if absent)."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


@dataclass(frozen=True)
class RuleSetInfo(Record):
    """A rule set the engine can load (or why it cannot)."""

    id: str
    version: Optional[str] = None
    hash: Optional[str] = None
    region: Optional[str] = None
    title: Optional[str] = None
    error: Optional[Dict[str, str]] = None


# ---------------------------------------------------------------- payroll


@dataclass(frozen=True)
class FieldProblem(Record):
    """One field problem of a rejected row: its path (``rows[5].wage``)
    and what is wrong."""

    path: str
    message: str


@dataclass(frozen=True)
class RowError(Record):
    """Why a payroll row was rejected: the error code, message and every
    field problem."""

    code: str
    message: str
    fields: List[FieldProblem] = field(default_factory=list)


@dataclass(frozen=True)
class PayrollLine(Record):
    """One row of a unit's declaration, in input order: the assessed
    amounts over the period, or ``error`` (and no amounts) for a row that
    was rejected. ``row`` is the 0-based input index."""

    row: int
    employee_id: Optional[str] = None
    employment: Optional[str] = None
    wage: Optional[Decimal] = None
    base: Optional[Decimal] = None
    position: Optional[str] = None
    months: Optional[int] = None
    employer: Optional[Decimal] = None
    individual: Optional[Decimal] = None
    account_credit: Optional[Decimal] = None
    pooled: Optional[Decimal] = None
    error: Optional[RowError] = None

    @property
    def ok(self) -> bool:
        """The row was assessed."""
        return self.error is None


@dataclass(frozen=True)
class PayrollTotals(Record):
    """The unit's totals over the assessed rows (bases summed over every
    month of the period)."""

    assessed: int
    rejected: int
    base: Decimal
    employer: Decimal
    individual: Decimal
    account_credit: Decimal
    pooled: Decimal


@dataclass(frozen=True)
class PayrollAttention(Record):
    """A row needing attention: ``issue`` is ``below_floor``,
    ``above_cap``, ``invalid``, ``duplicate_id`` or ``base_varies``."""

    row: int
    employee_id: str
    issue: str
    message: str


@dataclass(frozen=True)
class PayrollDeclaration(Record):
    """单位缴费申报: a unit's payroll for a month (``period == {"month":
    "YYYY-MM"}``) or a year (``{"year": YYYY}``), as ``pension-rules
    contribution --payroll FILE --format json`` gives it."""

    rules: RuleSetIdentity
    period: Dict[str, Any]
    limits: BaseLimits
    rows: List[PayrollLine]
    totals: PayrollTotals
    attention: List[PayrollAttention] = field(default_factory=list)
    trace: Optional[Trace] = None


# ---------------------------------------------------------------- recomputation


@dataclass(frozen=True)
class AwardRecomputation(Record):
    """The award on the provisional (预发) 计发基数 and on the final one, the
    monthly difference and the arrears (补发; negative: overpaid) from the
    first pension month through ``arrears_through``."""

    provisional: AwardResult
    final: AwardResult
    monthly_difference: Decimal
    first_pension_month: str
    arrears_through: str
    arrears_months: int
    arrears: Decimal
