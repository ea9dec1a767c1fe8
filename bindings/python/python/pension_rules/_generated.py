"""Result and input types, generated from docs/schema — do not edit.

Regenerate with ``python bindings/python/gen_types.py``; a test fails when
this file differs from what the schemas give. The conversion machinery
(``Record``: lazy fields, ``from_dict`` / ``to_dict``, ``extra``) is
hand-written in ``_types.py``.
"""

# fmt: off
from __future__ import annotations

import datetime
from dataclasses import dataclass, field as _field
from decimal import Decimal
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

from ._types import Record, _CheckReportMethods, _DiagnosticMethods, _PayrollLineMethods, _RulesShowMethods, _TraceMethods

__all__ = [
    'ERROR_CODES',
    'ErrorCode',
    'ERROR_CLASSES',
    'AccountFrom',
    'BasePosition',
    'Category',
    'CloseKind',
    'Confidence',
    'DeemedRule',
    'DiagnosticCode',
    'Employment',
    'Entry',
    'FigureSource',
    'GapRule',
    'Holding',
    'IndexDenominator',
    'IndexWeighting',
    'Issue',
    'LimitOrigin',
    'LinkDirection',
    'MoveKind',
    'Payer',
    'PostingKind',
    'RateOrigin',
    'ReceiptRule',
    'SpanKind',
    'Special',
    'AccountStatement',
    'AdjustmentResult',
    'Alternative',
    'AwardExtra',
    'AwardRecomputation',
    'AwardResult',
    'AwardStatutory',
    'BaseLimits',
    'CaseReport',
    'CheckReport',
    'Choice',
    'Choices',
    'CloseMethod',
    'CloseOutcome',
    'ContributionResult',
    'Diagnostic',
    'ElasticWindow',
    'Eligibility',
    'ErrorInfo',
    'FieldProblem',
    'HistorySummary',
    'IndexResult',
    'Inheritable',
    'Layer',
    'MakeUp',
    'Mismatch',
    'Move',
    'Note',
    'Origin',
    'Outcome',
    'ParamUse',
    'PayrollAttention',
    'PayrollDeclaration',
    'PayrollLine',
    'PayrollTotals',
    'PhaseIn',
    'PlaceYear',
    'Plan',
    'PlanAssumptions',
    'PooledPart',
    'PostingLine',
    'ProjectedAward',
    'ProjectedFigure',
    'ProjectedYear',
    'ProjectionAssumptions',
    'ProjectionResult',
    'Provenance',
    'Receipt',
    'Remedy',
    'ResolvedParam',
    'ResolvedValue',
    'RetirementResult',
    'RowError',
    'RuleError',
    'RuleSetIdentity',
    'RuleSetInfo',
    'RulesShow',
    'Scenario',
    'SchemeLink',
    'SourcedMonths',
    'Stay',
    'Step',
    'SurvivorResult',
    'TemporaryAccount',
    'Trace',
    'TransferResult',
    'TransitionalFormula',
    'TransitionalWindow',
    'Unrounded',
    'WeightedYears',
    'WindowIndex',
    'YearIndex',
    'YearStatement',
    'DecimalLike',
    'CloseEvent',
    'Credit',
    'KnownAccount',
    'PayrollRow',
    'PlanPerson',
    'Posting',
    'ProjectionAssumptionsInput',
    'ResidentsScheme',
    'Span',
    'AccountInput',
    'AccountFields',
    'AdjustmentInput',
    'AdjustmentFields',
    'AwardInput',
    'AwardFields',
    'ContributionInput',
    'ContributionFields',
    'PayrollInput',
    'PayrollFields',
    'PlanInput',
    'PlanFields',
    'ProjectionInput',
    'ProjectionFields',
    'RecomputeInput',
    'RecomputeFields',
    'RetirementInput',
    'RetirementFields',
    'SurvivorInput',
    'SurvivorFields',
    'TransferInput',
    'TransferFields',
    'RESULT_TYPES',
]

#: Every stable error code (error.json's ``code``; docs/errors.md).
ERROR_CODES: Tuple[str, ...] = (
    'invalid_input',
    'rule_not_in_force',
    'rule_missing_year',
    'rule_missing_row',
    'not_applicable',
    'rules_invalid',
    'hash_mismatch',
    'ruleset_conflict',
)
ErrorCode = Literal['invalid_input', 'rule_not_in_force', 'rule_missing_year', 'rule_missing_row', 'not_applicable', 'rules_invalid', 'hash_mismatch', 'ruleset_conflict']
#: The front ends' error classes (error.json's ``class``).
ERROR_CLASSES: Tuple[str, ...] = ('InputError', 'LoadError', 'NotApplicableError', 'RulesError',)


# ---------------------------------------------------------------- enumerations

AccountFrom = Literal["ledger", "given", "unknown"]
"""Where a move's account amount comes from."""

BasePosition = Literal["below_floor", "within", "above_cap"]
"""Where the declared wage lay relative to the limits."""

Category = Literal["male", "female_50", "female_55"]
"""Which statutory-age schedule applies (办法 第一条 and its three 对照表)."""

CloseKind = Literal["retirement", "death", "transfer_out"]
"""What ends the ledger mid-year."""

Confidence = Literal["H", "M", "L"]
"""How sure the data is, as tagged in docs/sources.md §0.1."""

DeemedRule = Literal["Excluded", "Included"]
"""Whether deemed (视同) years enter the average index."""

DiagnosticCode = Literal["syntax", "unknown_key", "missing_field", "missing_source", "wrong_type", "float_value", "out_of_range", "unsorted", "overlap", "not_monotone", "bad_schedule", "unknown_variant", "missing_parameter", "missing_rule_set", "wrong_file", "identity", "io", "hash_mismatch", "shadowed", "ruleset_conflict"]
"""What kind of problem a rule file has."""

Employment = Literal["employee", "flexible"]
"""How the person is insured."""

Entry = Literal["first", "returned", "below_age", "hukou", "approved", "before_rules", "temporary"]
"""Why a stay holds the relation or a temporary account."""

FigureSource = Literal["rules", "provisional", "assumed", "projected"]
"""Where a figure comes from."""

GapRule = Literal["Zero", "Skip"]
"""How gaps (断缴) enter the average index."""

Holding = Literal["relation", "temporary"]
"""Who holds a stay's contributions."""

IndexDenominator = Literal["BaseSettingYear", "SameYear"]
"""Which average wage divides a year's contribution base."""

IndexWeighting = Literal["Monthly", "Yearly"]
"""Weighting of the average index."""

Issue = Literal["below_floor", "above_cap", "invalid", "duplicate_id", "base_varies"]
"""Why a row needs attention."""

LimitOrigin = Literal["published", "derived"]
"""Where a limit comes from."""

LinkDirection = Literal["residents_to_employees", "employees_to_residents"]
"""Which way the link goes."""

MoveKind = Literal["relation", "temporary", "to_benefit_place"]
"""What a move is."""

Payer = Literal["employee", "flexible"]
"""Who pays the future contributions."""

PostingKind = Literal["credit", "back_payment", "transfer_in", "transfer_out", "interest"]
"""What a posting does to the account."""

RateOrigin = Literal["rules", "caller", "not_needed"]
"""Where a year's interest rate came from."""

ReceiptRule = Literal["hukou", "current_place", "previous_place", "gathered_to_hukou"]
"""The four rules of 第六条."""

SpanKind = Literal["paid", "deemed", "gap"]
"""What a span of the history is."""

Special = Literal["arduous_work", "disability"]
"""An early-retirement route outside the normal schedule (国发〔1978〕104号
第一条; kept by the 2024 办法 第八条).
"""


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class AccountStatement(Record):
    """A result whose type carries no trace of its own, with the explanation
    (empty steps when not asked for); `trace.rules` names the rules applied.
    Serialized as the result's own fields plus `trace`, so every result
    carries its explanation.
    """

    opening_year: int
    """The year the opening balance stands at the end of."""
    opening_balance: Decimal
    """The opening balance."""
    balance: Decimal
    """Balance at the end (after a transfer-out close: 0)."""
    trace: Trace
    """The explanation and the identity of the rules applied."""
    years: List[YearStatement] = _field(default_factory=list)
    """One statement per year after the opening year."""
    close: Optional[CloseOutcome] = None
    """The close event's outcome."""
    personal_balance: Optional[Decimal] = None
    """Personal part of the final balance, if known."""


@dataclass(frozen=True)
class AdjustmentResult(Record):
    """The adjustment of one retiree in one year, with its explanation."""

    year: int
    """The adjustment year Y."""
    effective: str
    """First month of the new amount (January of Y)."""
    contribution_years: Decimal
    """Contribution years as the scheme counts them."""
    age: int
    """Whole years of age reached by 31 December of Y−1."""
    fixed: Decimal
    """定额调整."""
    years_part: Decimal
    """挂钩调整: the contribution-years part."""
    pct_part: Decimal
    """挂钩调整: the share of the own December pension, rounded."""
    age_extra: Decimal
    """高龄倾斜."""
    increase: Decimal
    """fixed + years part + pct part + age extra."""
    top_up: Decimal
    """军转干部 top-up to the city average (0 when not applied)."""
    pension_after: Decimal
    """The new monthly pension: pension + increase + top-up."""
    trace: Trace
    """How every figure was found."""
    arrears: Optional[Decimal] = None
    """Amount back-paid: (increase + top-up) × arrears months."""
    arrears_months: Optional[int] = None
    """Months back-paid, when `payment_month` was given."""
    flags: List[str] = _field(default_factory=list)
    """What was not applied or is uncertain (e.g. a 军转干部 without the
    city average).
    """
    national_overall_rate: Optional[Decimal] = None
    """The national overall level for Y (context only), when the rule set has it."""
    top_up_pending: bool = False
    """A 军转干部 whose top-up could not be applied for want of the city average."""


@dataclass(frozen=True)
class Alternative(Record):
    """A documented reading that was not chosen."""

    value: str
    """The other value, as written."""
    source: str
    """Where it comes from."""
    key: Optional[int] = None
    """Row key, for table alternatives."""
    note: Optional[str] = None
    """Why it was not chosen."""
    seen: Optional[str] = None
    """Where it was seen."""


@dataclass(frozen=True)
class AwardExtra(Record):
    """One local extra of an award (a line of the 核定表)."""

    name: str
    """Its name in the rule set (`only_child_subsidy`)."""
    title: str
    """Its title (Chinese and English)."""
    amount: Decimal
    """The monthly amount, rounded (`rounding.local_extras`)."""
    in_total: bool
    """Whether it enters the total (合计)."""
    formula: str
    """The formula in words, with the numbers filled in."""
    source: str
    """Its legal source."""


@dataclass(frozen=True)
class AwardRecomputation(Record):
    """The award on the provisional (预发) base and on the final one, with the
    monthly difference and the arrears (补发) owed.
    """

    provisional: AwardResult
    """The award as known on the provisional date."""
    final: AwardResult
    """The award as known on the final date."""
    monthly_difference: Decimal
    """final total − provisional total, per month."""
    first_pension_month: str
    """First month owed."""
    arrears_through: str
    """Last month owed (included)."""
    arrears_months: int
    """Months owed."""
    arrears: Decimal
    """monthly difference × months (补发; negative = overpaid)."""


@dataclass(frozen=True)
class AwardResult(Record):
    """The award: every figure of a 核定表, with its explanation."""

    form: str
    """`summary` or `history`."""
    category: Category
    """Category."""
    birth: str
    """Birth month."""
    retirement_month: str
    """Retirement month (as given)."""
    age: str
    """Age at retirement, in years and months."""
    first_pension_month: str
    """First month paid."""
    contribution_months: int
    """Months actually paid."""
    deemed_months: int
    """Deemed months."""
    min_contribution_months: int
    """Minimum months for a monthly pension at this retirement month."""
    years: Decimal
    """N = (contribution + deemed months) / 12 (rounded where the rule set says)."""
    pension_base: Decimal
    """计发基数 C."""
    pension_base_provisional: bool
    """Whether C is a provisional (预发) value."""
    average_index: Decimal
    """Ī."""
    indexed_wage: Decimal
    """本人指数化月平均缴费工资 C × Ī (money rounding)."""
    account_balance: Decimal
    """Account balance B."""
    divisor: Decimal
    """计发月数 M."""
    basic_rate: Decimal
    """基础养老金 rate per year (1 %)."""
    transitional_index: Decimal
    """Index of the transitional pension."""
    transitional_months: int
    """Months that earn the transitional pension."""
    transitional_years: Decimal
    """Those months in years as the transitional formula uses them
    (rounded where the rule set says).
    """
    basic_pension: Decimal
    """基础养老金."""
    account_pension: Decimal
    """个人账户养老金."""
    transitional_pension: Decimal
    """过渡性养老金."""
    local_extras: Decimal
    """地方增发 the local extras: the sum of the rounded lines
    (`rounding.local_extras`); 0 where none applies.
    """
    total: Decimal
    """合计: the components and the extras `in_total`, by `award.total_rule`
    (the sum of the rounded parts by default).
    """
    unrounded: Unrounded
    """The components before rounding (for audit)."""
    trace: Trace
    """The explanation, with the rule set's id, version and hash."""
    basic_rate_per_extra_month: Optional[Decimal] = None
    """Rate per month beyond whole years, where the rule set pays the basic
    pension by whole years and months (Shanghai 0.083 %).
    """
    contribution_months_exact: Optional[Decimal] = None
    """Months actually paid, exact, where the sheet counts a half month
    (`contribution_months` is then the whole months).
    """
    deemed_months_exact: Optional[Decimal] = None
    """Deemed months, exact, where the sheet counts a half month."""
    extras: List[AwardExtra] = _field(default_factory=list)
    """The local extras line by line."""
    flat_part_base: Optional[Decimal] = None
    """Base of the flat half of the basic pension, where the rule set gives
    it one apart from C (`award.flat_part_base`).
    """
    index: Optional[IndexResult] = None
    """The index derivation (history form)."""
    notes: List[Note] = _field(default_factory=list)
    """Remarks (off-statutory month, provisional base, …)."""
    statutory: Optional[AwardStatutory] = None
    """The statutory month, for comparison."""
    transitional_coefficient: Optional[Decimal] = None
    """Transitional coefficient k, where the rule set has one."""
    transitional_formula: Optional[TransitionalFormula] = None
    """The transitional template's slots as filled (where the rule set
    defines a transitional pension).
    """
    transitional_given: bool = False
    """Whether the transitional pension was given in the input
    (`award.transitional_method = given`).
    """
    transitional_phase_in: Optional[PhaseIn] = None
    """The old/new method phase-in (新老办法过渡), where it applies."""
    transitional_weighted: Optional[WeightedYears] = None
    """The weighted-years transitional pension (加权视同缴费年限,
    `award.transitional_method = weighted_years`), where it applies.
    """


@dataclass(frozen=True)
class AwardStatutory(Record):
    """The statutory retirement month and elastic window (from [`crate::retirement`])."""

    age: str
    """Statutory age."""
    month: str
    """The month it is reached."""
    earliest: Optional[str] = None
    """Earliest elastic month (弹性提前), where the reform allows one."""
    latest: Optional[str] = None
    """Latest elastic month (弹性延迟), where the reform allows one."""


@dataclass(frozen=True)
class BaseLimits(Record):
    """The contribution-base floor and cap in force for a calendar year."""

    year: int
    """The calendar year (执行年度) the limits belong to."""
    floor: Decimal
    """缴费基数下限."""
    cap: Decimal
    """缴费基数上限."""
    floor_origin: LimitOrigin
    """Where the floor comes from."""
    cap_origin: LimitOrigin
    """Where the cap comes from."""
    reference_wage: Optional[Decimal] = None
    """The reference wage, when a limit was derived from it."""


@dataclass(frozen=True)
class CaseReport(Record):
    """The result of one case, with its id."""

    id: str
    """Case id (or `#index` when the case could not be read)."""
    kind: str
    """Case kind."""
    outcome: Outcome
    """What happened."""
    actual: Optional[Dict[str, Any]] = None
    """The actual figures computed (when computed)."""


@dataclass(frozen=True)
class CheckReport(_CheckReportMethods, Record):
    """The results of a file or string of cases."""

    cases: List[CaseReport] = _field(default_factory=list)
    """One report per case, in input order."""


@dataclass(frozen=True)
class Choice(Record):
    """One value of an input field with a fixed list."""

    value: str
    """The value as the input gives it (`guangzhou`)."""
    param: str
    """The parameter it comes from (`award.deemed_index.guangzhou`)."""
    title: Optional[str] = None
    """Its title in the rule data (`广州市 平均 … 视同缴费指数 (1993)`), where it has one."""


@dataclass(frozen=True)
class Choices(Record):
    """The values of one input field in force on a date (`Engine::choices`)."""

    field: str
    """The input field (`deemed_index_locality`, `attributes.region_class`)."""
    as_of: datetime.date
    """The date the list is in force on."""
    choices: List[Choice] = _field(default_factory=list)
    """Its values, in the rule data's order (by name)."""


@dataclass(frozen=True)
class CloseMethod(Record):
    """How a year was closed."""

    kind: Literal["full_year", "partial_year"]
    convention: str
    """The convention."""
    months: Optional[int] = None
    """Months that earn interest."""


@dataclass(frozen=True)
class CloseOutcome(Record):
    """What the close event produced."""

    event: CloseKind
    """The event."""
    month: str
    """Its month."""
    balance: Decimal
    """Balance at the event, with the partial year's interest."""
    inheritable: Optional[Inheritable] = None
    """The inheritable part (death)."""
    transferred: Optional[Decimal] = None
    """Amount moved out (transfer)."""


@dataclass(frozen=True)
class ContributionResult(Record):
    """A result whose type carries no trace of its own, with the explanation
    (empty steps when not asked for); `trace.rules` names the rules applied.
    Serialized as the result's own fields plus `trace`, so every result
    carries its explanation.
    """

    month: str
    """The month."""
    employment: Employment
    """Employee or flexible."""
    limits: BaseLimits
    """The limits of the month's year."""
    position: BasePosition
    """Where the wage (or chosen base) lay."""
    base: Decimal
    """缴费基数: the contribution base."""
    employer: Decimal
    """单位缴费: the unit's amount (0 for flexible employment)."""
    individual: Decimal
    """个人缴费: the person's amount (flexible: the whole flexible rate)."""
    account_credit: Decimal
    """记入个人账户: the credit to the individual account."""
    pooled: Decimal
    """划入统筹基金: employer + individual − account credit."""
    trace: Trace
    """The explanation and the identity of the rules applied."""
    account_personal: Optional[Decimal] = None
    """The part of the credit formed by the person's own contributions, where
    the rule set says (None before the data has an individual rate).
    """
    wage: Optional[Decimal] = None
    """The declared wage (employees), rounded to money."""


@dataclass(frozen=True)
class Diagnostic(_DiagnosticMethods, Record):
    """One problem found while loading rules."""

    file: str
    """The file (relative path or label)."""
    line: int
    """1-based line (0 when the problem concerns the whole set)."""
    column: int
    """1-based column."""
    key: str
    """Dotted key path (`award.annuity_divisor.versions[0].rows.47`)."""
    code: DiagnosticCode
    """Kind of problem."""
    message: str
    """What is wrong and, where possible, how to fix it."""


@dataclass(frozen=True)
class ElasticWindow(Record):
    """The elastic retirement window (弹性退休, 办法 第三条)."""

    earliest_age: str
    """Earliest age: the statutory age less the allowed months, not below
    the original age.
    """
    earliest_month: str
    """Month the earliest age is reached."""
    latest_age: str
    """Latest age (with the employer's agreement)."""
    latest_month: str
    """Month the latest age is reached."""
    max_early_months: int
    """Months the person may retire early (statutory − earliest)."""
    max_delay_months: int
    """Months the person may retire late."""
    earliest_min_contribution_months: Optional[int] = None
    """Minimum contribution months that must already be met to retire at the
    earliest month (the minimum for that year).
    """


@dataclass(frozen=True)
class Eligibility(Record):
    """Whether a monthly pension is payable at the chosen retirement month."""

    eligible: bool
    """A monthly pension is payable (the minimum is met)."""
    contribution_months: int
    """Contribution months given."""
    required_months: int
    """Minimum required."""
    short_by_months: int
    """Months missing (0 when eligible)."""
    reasons: List[str] = _field(default_factory=list)
    """Why, and the options when short."""


@dataclass(frozen=True)
class ErrorInfo(Record):
    """An error reported inside a result."""

    code: str
    """[`Error::code`]."""
    message: str
    """The message."""


@dataclass(frozen=True)
class FieldProblem(Record):
    """One problem with one input field."""

    path: str
    """Path of the field (`history[2].base`)."""
    message: str
    """What is wrong."""


@dataclass(frozen=True)
class HistorySummary(Record):
    """The summary a history was reduced to (what a statement prints)."""

    through: str
    """The last month the history covers (December of the year before
    `person.from`).
    """
    contribution_months: int
    """Months actually paid (实际缴费月数)."""
    deemed_months: int
    """Deemed months (视同缴费月数)."""
    pre_account_months: int
    """Paid months before the individual account began."""
    account_balance: Decimal
    """The account balance at the end of `through` (个人账户储存额)."""
    average_index: Optional[Decimal] = None
    """The average index over them (本人平均缴费指数), as the award derives
    it from a history, rounded as the rule set rounds indices; none
    without paid months.
    """
    window: Optional[WindowIndex] = None
    """The transitional window's months, index and Σ as the history gives
    them, where the rule set has a window (北京 N实98 / Z实 1992-10 …
    1998-06; 广东 the Σ 1994-01 … 1998-06 and the months before it): the
    figures an award derives from the same history, passed to the
    projection as the records would give them.
    """


@dataclass(frozen=True)
class IndexResult(Record):
    """The average index and the summary figures of a history."""

    average_index: Decimal
    """Ī as used by the award: exact mean, capped, then rounded."""
    exact: Decimal
    """The exact mean before cap and rounding."""
    capped: bool
    """Whether the cap lowered it."""
    weighting: IndexWeighting
    """Variants used."""
    denominator: IndexDenominator
    """Variant used."""
    gaps: GapRule
    """Variant used."""
    deemed: DeemedRule
    """Variant used."""
    contribution_months: int
    """Months actually paid (实际缴费月数)."""
    deemed_months: int
    """Deemed months (视同缴费月数)."""
    gap_months: int
    """Gap months inside the contribution era (declared or between spans)."""
    back_paid_months: int
    """Paid months that were back payments (补缴)."""
    flexible_months: int
    """Paid months under flexible employment."""
    pre_account_months: int
    """Paid months before the individual account began (`account.established`)."""
    counted: int
    """Units in the mean's denominator: months (`monthly`) or years (`yearly`)."""
    years: List[YearIndex] = _field(default_factory=list)
    """Per-year detail."""
    window: Optional[WindowIndex] = None
    """The transitional window's months and index (from the account start
    to `award.transitional_window_end`), where the rule set has one.
    """


@dataclass(frozen=True)
class Inheritable(Record):
    """The inheritable balance on death."""

    rule: str
    """The rule in force in the month of death."""
    amount: Optional[Decimal] = None
    """The amount, when it can be known."""
    unknown_because: Optional[str] = None
    """Why the amount is not known (personal part of some credit unknown)."""


@dataclass(frozen=True)
class Layer(Record):
    """One layer of a rule set, bottom first."""

    id: str
    """Its id."""
    overlay: bool
    """Whether it is an overlay (a reform scenario or correction)."""
    description: Optional[str] = None
    """What it covers."""
    region: Optional[str] = None
    """GB/T 2260 region code."""
    title: Optional[str] = None
    """Its title."""
    version: Optional[str] = None
    """Its version (overlays have none)."""


@dataclass(frozen=True)
class MakeUp(Record):
    """The cost of the months still needed, paid at one base."""

    index: Decimal
    """The base as an index."""
    monthly_base: Decimal
    """The monthly base (index × the average wage of the base year)."""
    monthly: Decimal
    """One month's contribution (the flexible rate)."""
    total: Decimal
    """All the months still needed."""


@dataclass(frozen=True)
class Mismatch(Record):
    """One field whose computed value differs from the expected one."""

    field: str
    """Field path (`basic_pension`, `moves[0].to`)."""
    expected: Any
    """What the case expects."""
    actual: Any
    """What the engine computed (null when absent)."""


@dataclass(frozen=True)
class Move(Record):
    """The money of one move."""

    from_: str = _field(metadata={"key": 'from'})
    """Province left."""
    to: str
    """Province moved to."""
    month: str
    """Month of the move."""
    kind: MoveKind
    """What moves."""
    months: int
    """Contribution months in the record moved (paid + deemed)."""
    account_from: AccountFrom
    """Where `account` comes from."""
    pooled: Decimal
    """The pooled part (统筹基金), no interest."""
    pooled_carried: Decimal
    """Temporary-account pooled money gathered earlier and passed on."""
    account: Optional[Decimal] = None
    """The individual account moved (本息), when known."""
    pooled_parts: List[PooledPart] = _field(default_factory=list)
    """Its computation: rate × bases per run."""
    account_unknown: Optional[str] = None
    """Why the account is not known."""


@dataclass(frozen=True)
class Note(Record):
    """A remark on the award: not an error, but something staff should see."""

    code: str
    """Stable code (`provisional_base`, `elastic_late`, …)."""
    message: str
    """Explanation (English)."""
    zh: str
    """Explanation (Chinese)."""


@dataclass(frozen=True)
class Origin(Record):
    """Where a value stands in the rule files (for error messages and `rules show`)."""

    file: str
    """File path as given to the loader (`cn/national/award.toml` for embedded sets)."""
    line: int
    """1-based line."""


@dataclass(frozen=True)
class Outcome(Record):
    """The result of one case."""

    status: Literal["pass", "fail", "error", "unsupported"]
    code: Optional[str] = None
    """Error code."""
    kind: Optional[str] = None
    """The kind."""
    message: Optional[str] = None
    """Message."""
    mismatches: List[Mismatch] = _field(default_factory=list)
    """Each differing field with both values."""


@dataclass(frozen=True)
class ParamUse(Record):
    """One rule parameter used by a step."""

    param: str
    """Registered parameter name (`award.pension_base`)."""
    value: str
    """The value used."""
    provenance: Provenance
    """Its legal source."""
    key: Optional[str] = None
    """Row or year, where the parameter has keys."""


@dataclass(frozen=True)
class PayrollAttention(Record):
    """A row that needs attention."""

    row: int
    """The input row: 1 for the first data row."""
    employee_id: str
    """Employee id as declared."""
    issue: Issue
    """What is the matter."""
    message: str
    """In words."""


@dataclass(frozen=True)
class PayrollDeclaration(Record):
    """A unit's declaration as every front end gives it (`pension-rules
    contribution --payroll FILE --format json`, Python, WASM): the rules
    applied, the period and its base limits, one assessed line or error per
    input row in input order, the unit totals, the rows that need attention,
    and the explanation when asked for.
    """

    rules: RuleSetIdentity
    """Which rules produced it."""
    period: Dict[str, Any]
    """The period declared."""
    limits: BaseLimits
    """The contribution-base floor and cap of the period's year."""
    totals: PayrollTotals
    """The unit's totals over the rows assessed."""
    rows: List[PayrollLine] = _field(default_factory=list)
    """One entry per input row, in input order."""
    attention: List[PayrollAttention] = _field(default_factory=list)
    """Rows that need attention, in row order."""
    trace: Optional[Trace] = None
    """The explanation (only when asked for)."""


@dataclass(frozen=True)
class PayrollLine(_PayrollLineMethods, Record):
    """One input row of a declaration: assessed, or refused on its own."""

    row: int
    """The input row: 1 for the first data row (as in the CLI's table and
    error paths, `row 1.wage`).
    """
    employee_id: Optional[str] = None
    """Its employee id, when that much could be read."""
    account_credit: Optional[Decimal] = None
    """Account credit over the period."""
    base: Optional[Decimal] = None
    """Monthly contribution base (of the period's first month)."""
    employer: Optional[Decimal] = None
    """Unit amount over the period."""
    employment: Optional[Employment] = None
    """Employment type."""
    error: Optional[RowError] = None
    """The error, as every front end reports one."""
    individual: Optional[Decimal] = None
    """Individual amount over the period."""
    months: Optional[int] = None
    """Months assessed."""
    pooled: Optional[Decimal] = None
    """To the pooled fund over the period."""
    position: Optional[BasePosition] = None
    """Where the wage lay relative to the limits."""
    wage: Optional[Decimal] = None
    """Declared monthly wage."""


@dataclass(frozen=True)
class PayrollTotals(Record):
    """The unit's totals over the rows that were assessed."""

    assessed: int
    """Rows assessed."""
    rejected: int
    """Rows rejected."""
    base: Decimal
    """Sum of the monthly bases over all months (缴费基数总额)."""
    employer: Decimal
    """Unit amounts."""
    individual: Decimal
    """Individual amounts."""
    account_credit: Decimal
    """Account credits."""
    pooled: Decimal
    """To the pooled fund."""


@dataclass(frozen=True)
class PhaseIn(Record):
    """A transitional pension under an old/new method phase-in (新老办法过渡):
    both methods and the amount payable.
    """

    new_method: Decimal
    """The new method's transitional pension (the template), rounded."""
    share: Decimal
    """The share of the gain (new − old, where positive) paid for the
    retirement year (`award.transitional_phase_in`).
    """
    payable: Decimal
    """old + max(new − old, 0) × share (the new method alone at a share of 1
    without an old amount), rounded.
    """
    old_method: Optional[Decimal] = None
    """The old method's, as given in the input (`old_transitional_pension`)."""
    years_allowance: Optional[Decimal] = None
    """缴费年限津贴 inside the computed old method
    (`award.transitional_old_per_year` × whole contribution years).
    """


@dataclass(frozen=True)
class PlaceYear(Record):
    """A year's months paid in another place and the wage that divides them."""

    region: str
    """The span's GB/T 2260 code."""
    ruleset: str
    """The rule set whose average wage was used."""
    paid_months: int
    """Months paid there in the year."""
    base_sum: Decimal
    """Sum of their monthly bases."""
    denominator_year: int
    """Year of that place's average wage."""
    denominator: Decimal
    """That average wage (monthly)."""


@dataclass(frozen=True)
class Plan(Record):
    """A plan: the scenarios, the statutory month and the assumptions."""

    statutory_month: str
    """Statutory retirement month."""
    statutory_age: str
    """Statutory age."""
    assumptions: PlanAssumptions
    """What the figures assume."""
    trace: Trace
    """How the months compared were found (the statutory month and the
    window, with their sources), with the rule set's id, version and
    hash; each scenario has its own steps.
    """
    scenarios: List[Scenario] = _field(default_factory=list)
    """One row per retirement month and base, months first."""
    earliest_month: Optional[str] = None
    """Earliest month of the elastic window (none without one)."""
    history_summary: Optional[HistorySummary] = None
    """The summary the input's `history` was reduced to (none without one)."""
    latest_month: Optional[str] = None
    """Latest month of the elastic window."""


@dataclass(frozen=True)
class PlanAssumptions(Record):
    """What the plan assumed, stated with the result."""

    projection: ProjectionAssumptions
    """The projection's assumptions."""
    payer: Payer
    """Who pays the future contributions."""
    statements: List[str] = _field(default_factory=list)
    """The statements the figures rest on, in words."""
    discount_rate: Optional[Decimal] = None
    """Discount rate of the lifetime value (none: not discounted)."""
    pension_growth: Optional[Decimal] = None
    """Pension growth after retirement (none: stays as awarded)."""


@dataclass(frozen=True)
class PooledPart(Record):
    """One rate applied to a run of months of a pooled transfer."""

    rate: Decimal
    """The rate."""
    basis: str
    """Why this rate (`pooled_share`, `employer_rate`, `flexible`)."""
    months: int
    """Months counted."""
    bases: Decimal
    """Sum of their monthly bases."""


@dataclass(frozen=True)
class PostingLine(Record):
    """One line of a year's postings."""

    kind: PostingKind
    """What it is (`interest` lines include the year-end interest)."""
    amount: Decimal
    """Signed amount (debits negative)."""
    balance: Decimal
    """Balance after it."""
    month: Optional[str] = None
    """The month (`None` for a yearly total, counted at year-end)."""
    personal: Optional[Decimal] = None
    """Signed personal part, if known."""


@dataclass(frozen=True)
class ProjectedAward(Record):
    """The estimated award: an `AwardResult` without `trace` (its steps are in the projection's `trace`)."""

    form: str
    """`summary` or `history`."""
    category: Category
    """Category."""
    birth: str
    """Birth month."""
    retirement_month: str
    """Retirement month (as given)."""
    age: str
    """Age at retirement, in years and months."""
    first_pension_month: str
    """First month paid."""
    contribution_months: int
    """Months actually paid."""
    deemed_months: int
    """Deemed months."""
    min_contribution_months: int
    """Minimum months for a monthly pension at this retirement month."""
    years: Decimal
    """N = (contribution + deemed months) / 12 (rounded where the rule set says)."""
    pension_base: Decimal
    """计发基数 C."""
    pension_base_provisional: bool
    """Whether C is a provisional (预发) value."""
    average_index: Decimal
    """Ī."""
    indexed_wage: Decimal
    """本人指数化月平均缴费工资 C × Ī (money rounding)."""
    account_balance: Decimal
    """Account balance B."""
    divisor: Decimal
    """计发月数 M."""
    basic_rate: Decimal
    """基础养老金 rate per year (1 %)."""
    transitional_index: Decimal
    """Index of the transitional pension."""
    transitional_months: int
    """Months that earn the transitional pension."""
    transitional_years: Decimal
    """Those months in years as the transitional formula uses them
    (rounded where the rule set says).
    """
    basic_pension: Decimal
    """基础养老金."""
    account_pension: Decimal
    """个人账户养老金."""
    transitional_pension: Decimal
    """过渡性养老金."""
    local_extras: Decimal
    """地方增发 the local extras: the sum of the rounded lines
    (`rounding.local_extras`); 0 where none applies.
    """
    total: Decimal
    """合计: the components and the extras `in_total`, by `award.total_rule`
    (the sum of the rounded parts by default).
    """
    unrounded: Unrounded
    """The components before rounding (for audit)."""
    basic_rate_per_extra_month: Optional[Decimal] = None
    """Rate per month beyond whole years, where the rule set pays the basic
    pension by whole years and months (Shanghai 0.083 %).
    """
    contribution_months_exact: Optional[Decimal] = None
    """Months actually paid, exact, where the sheet counts a half month
    (`contribution_months` is then the whole months).
    """
    deemed_months_exact: Optional[Decimal] = None
    """Deemed months, exact, where the sheet counts a half month."""
    extras: List[AwardExtra] = _field(default_factory=list)
    """The local extras line by line."""
    flat_part_base: Optional[Decimal] = None
    """Base of the flat half of the basic pension, where the rule set gives
    it one apart from C (`award.flat_part_base`).
    """
    index: Optional[IndexResult] = None
    """The index derivation (history form)."""
    notes: List[Note] = _field(default_factory=list)
    """Remarks (off-statutory month, provisional base, …)."""
    statutory: Optional[AwardStatutory] = None
    """The statutory month, for comparison."""
    transitional_coefficient: Optional[Decimal] = None
    """Transitional coefficient k, where the rule set has one."""
    transitional_formula: Optional[TransitionalFormula] = None
    """The transitional template's slots as filled (where the rule set
    defines a transitional pension).
    """
    transitional_given: bool = False
    """Whether the transitional pension was given in the input
    (`award.transitional_method = given`).
    """
    transitional_phase_in: Optional[PhaseIn] = None
    """The old/new method phase-in (新老办法过渡), where it applies."""
    transitional_weighted: Optional[WeightedYears] = None
    """The weighted-years transitional pension (加权视同缴费年限,
    `award.transitional_method = weighted_years`), where it applies.
    """


@dataclass(frozen=True)
class ProjectedFigure(Record):
    """A yearly figure and where it comes from."""

    value: Decimal
    """The value."""
    source: FigureSource
    """Its origin."""
    basis: Optional[str] = None
    """On what the figure rests: the rule value's legal source, or the assumption used."""


@dataclass(frozen=True)
class ProjectedYear(Record):
    """One projected calendar year."""

    year: int
    """Calendar year."""
    months: int
    """Months paid in the year."""
    index: Decimal
    """The contribution index used."""
    average_wage_year: int
    """Year of the average wage that sets (and divides) the base."""
    average_wage: ProjectedFigure
    """That average wage."""
    base: Decimal
    """Monthly contribution base: index × average wage, rounded."""
    credits: Decimal
    """Credited to the account (记账额)."""
    interest_rate: ProjectedFigure
    """记账利率."""
    interest: Decimal
    """Interest credited (year end, or at retirement)."""
    balance: Decimal
    """Balance at the year end (at retirement in its year)."""
    employer_contribution: Optional[Decimal] = None
    """Employer contributions of the year (单位缴费): each month's base × the
    employer rate in force, rounded (`None` where the rule set has no rate
    for some month).
    """
    individual_contribution: Optional[Decimal] = None
    """Individual contributions of the year (个人缴费), likewise (the rule sets
    have no individual rate before 2006).
    """


@dataclass(frozen=True)
class ProjectionAssumptions(Record):
    """Assumptions for the years the rule set does not cover (future years, and
    past ones it lacks). Rates are yearly shares (`"0.05"` = 5 %).
    """

    average_wage_growth: Decimal
    """Yearly growth of the average wage after the last year with a value."""
    pension_base_growth: Decimal
    """Yearly growth of the pension base (计发基数) after the last year with a value."""
    interest_rate: Decimal
    """记账利率 for years without a value."""
    average_wages: Optional[Dict[str, Decimal]] = None
    """Average monthly wages of years the rule set lacks (e.g. an early year)."""
    flat_part_bases: Optional[Dict[str, Decimal]] = None
    """Bases of the flat half of the basic pension (`award.flat_part_base`)
    of years the rule set lacks, where it has that base at all; later
    years grow by `pension_base_growth`.
    """
    interest_rates: Optional[Dict[str, Decimal]] = None
    """记账利率 of years the rule set lacks (e.g. provincial rates before 2016)."""
    pension_bases: Optional[Dict[str, Decimal]] = None
    """Pension bases of years the rule set lacks."""
    wage_growth: Optional[Decimal] = None
    """Yearly growth of the person's own wage; without it the index stays as given."""


@dataclass(frozen=True)
class ProjectionResult(Record):
    """A projection: the yearly path and the estimated award."""

    retirement_month: str
    """Retirement month used."""
    statutory: bool
    """Whether it is the statutory month (not given)."""
    contribution_months: int
    """Months paid in total (past and projected)."""
    average_index: Decimal
    """Average index used by the award."""
    account_balance: Decimal
    """Account balance at retirement."""
    pension_base: ProjectedFigure
    """计发基数 of the retirement year and its origin."""
    award: ProjectedAward
    """The estimated award (summary form with the figures above)."""
    assumptions: ProjectionAssumptions
    """The assumptions used."""
    years: List[ProjectedYear] = _field(default_factory=list)
    """Projected years, from `from`'s year to the retirement year."""
    final_base: Optional[Decimal] = None
    """Monthly base of the last contribution month (none without projected months)."""
    flat_part_base: Optional[ProjectedFigure] = None
    """The base of the flat half of the basic pension of the retirement
    year and its origin, where the rule set has one apart from C
    (`award.flat_part_base`).
    """
    trace: Optional[Trace] = None


@dataclass(frozen=True)
class Provenance(Record):
    """The legal source and status of one value: what every trace cites."""

    source: str
    """Document number and article/table/annex."""
    origin: Origin
    """File and line (left out of the content hash)."""
    alternatives: List[Alternative] = _field(default_factory=list)
    """Readings not chosen."""
    confidence: Optional[Confidence] = None
    """Confidence tag."""
    note: Optional[str] = None
    """Free text."""
    provisional: bool = False
    """Paid provisionally (预发) until the final value is published."""
    published: Optional[datetime.date] = None
    """When the value was published (for "as known on" queries)."""
    seen: Optional[str] = None
    """Where the text was seen."""


@dataclass(frozen=True)
class Receipt(Record):
    """Where the pension is paid, and why."""

    region: str
    """The benefit place (province)."""
    rule: ReceiptRule
    """The rule that decided it."""
    relation_region: str
    """Where the relation is at retirement."""
    hukou_region: str
    """The 户籍 province."""
    threshold_months: int
    """`transfer.receipt_min_months`."""
    months_by_region: List[Tuple[str, int]] = _field(default_factory=list)
    """Months (paid + deemed) the relation spent in each province, in the
    order first held.
    """


@dataclass(frozen=True)
class Remedy(Record):
    """What to do about an error, in both languages ([`Error::remedy`])."""

    zh: str
    """In Chinese."""
    en: str
    """In English."""


@dataclass(frozen=True)
class ResolvedParam(Record):
    """A parameter's value on a date, with its source (for display)."""

    name: str
    """Parameter name."""
    values: List[ResolvedValue] = _field(default_factory=list)
    """The values that apply: one for dated parameters, one per year for
    yearly series, one per row for tables.
    """
    title: Optional[str] = None
    """Title from the rule file."""
    unit: Optional[str] = None
    """Unit."""


@dataclass(frozen=True)
class ResolvedValue(Record):
    """One applicable value and its source."""

    value: str
    """The value as text."""
    provenance: Provenance
    """Its source."""
    from_: Optional[datetime.date] = _field(default=None, metadata={"key": 'from'})
    """In force from."""
    key: Optional[str] = None
    """Year, age or other key, where the parameter has keys."""


@dataclass(frozen=True)
class RetirementResult(Record):
    """The answer for one person."""

    birth: str
    """Birth month."""
    category: Category
    """Schedule category."""
    original_age: str
    """Age before the 2025 rise."""
    delay_months: int
    """Months of delay from the cohort rise."""
    statutory_age: str
    """Statutory retirement age."""
    statutory_month: str
    """Month the statutory age is reached."""
    schedule_from: datetime.date
    """First day of the schedule version applied."""
    retirement_month: str
    """The retirement month: statutory, elastic choice or special route."""
    retirement_age: str
    """Age at the retirement month."""
    trace: Trace
    """How each figure was found."""
    elastic: Optional[ElasticWindow] = None
    """The elastic window, when the law in force at the statutory month has one."""
    min_contribution_months: Optional[SourcedMonths] = None
    """Minimum contribution months for the retirement year (none before the
    rule set has a minimum in force).
    """
    eligibility: Optional[Eligibility] = None
    """The eligibility answer, when contribution months were given."""
    divisor_at_statutory: Optional[Decimal] = None
    """计发月数 at the statutory age (none where no table is in force)."""
    divisor: Optional[Decimal] = None
    """计发月数 at the retirement age."""
    flags: List[str] = _field(default_factory=list)
    """Conditions the engine could not check, and other caveats."""
    special: Optional[Special] = None
    """The special early route taken, if any."""


@dataclass(frozen=True)
class RowError(Record):
    """An error as every front end reports it (the CLI's `--format json`, a
    batch row's `error`, the Python and JS error objects): the stable code,
    the front ends' class name, the message and the details.
    """

    code: Literal["invalid_input", "rule_not_in_force", "rule_missing_year", "rule_missing_row", "not_applicable", "rules_invalid", "hash_mismatch", "ruleset_conflict"]
    """The stable code (docs/errors.md)."""
    class_: Literal["InputError", "LoadError", "NotApplicableError", "RulesError"] = _field(metadata={"key": 'class'})
    """The front ends' class: `InputError`, `RulesError`, `LoadError` or
    `NotApplicableError`.
    """
    message: str
    """What went wrong, in English."""
    message_zh: str
    """The code's sentence in Chinese (the details stay in `message` and
    `fields`): what a Chinese page or CLI leads with.
    """
    remedy: Remedy
    """What to do about it, in Chinese and English: the code's remedy, or
    for a rule value an input or an assumption can supply, the exact
    keyword or assumptions key.
    """
    fields: List[FieldProblem] = _field(default_factory=list)
    """Every input field problem (`invalid_input`; empty otherwise)."""
    diagnostics: List[Diagnostic] = _field(default_factory=list)
    """Every problem of a rule set that does not load (`rules_invalid`,
    `hash_mismatch`), with file, line and column.
    """
    rule: Optional[RuleError] = None
    """The missing rule value (`rule_*` codes)."""


@dataclass(frozen=True)
class RuleError(Record):
    """The rule set lacks a value a computation needs."""

    kind: Literal["not_in_force", "no_year", "no_scheme", "region_years", "unknown_amount", "no_row"]
    param: str
    """Parameter name."""
    date: Optional[datetime.date] = None
    """The date asked for."""
    input: Optional[str] = None
    """The input field that may supply them."""
    key: Optional[int] = None
    """The key asked for."""
    name: Optional[str] = None
    """Its name, the key of `extra_amounts` (`only_child`)."""
    region: Optional[str] = None
    """GB/T 2260 code of the place."""
    ruleset: Optional[str] = None
    """The rule set used for it, if the catalog has one."""
    scheme: Optional[str] = None
    """What kind of scheme (`pension adjustment`)."""
    title: Optional[str] = None
    """Its title in the rule data."""
    year: Optional[int] = None
    """The year asked for."""
    years: List[int] = _field(default_factory=list)
    """Every year missing, ascending."""


@dataclass(frozen=True)
class RuleSetIdentity(Record):
    """The identity every result records: which rules produced it."""

    id: str
    """Rule-set id, with overlays appended (`cn/shaanxi+reform/x`)."""
    version: str
    """Version of the base rule set."""
    hash: str
    """sha256 of the canonical form of the merged parameters (hex)."""
    origin: str
    """Where the set comes from: `embedded` (the rules compiled into the
    library), or the directory of its `ruleset.toml` (a rules directory:
    `--rules-dir`, `rules_dir=`).
    """
    overrides: Optional[str] = None
    """The shipped set this one replaces (`cn/shaanxi 2026.11.1
    sha256:…`): a set from a rules directory with the id and version of
    an embedded set but other content, loaded only because the user
    allowed it (`--allow-override`); absent otherwise.
    """


@dataclass(frozen=True)
class RuleSetInfo(Record):
    """A rule set an engine can load, or why it cannot (`pension-rules rules
    list`, Python `rules_list`, JS `rulesList`).
    """

    id: str
    """Rule-set id."""
    error: Optional[RowError] = None
    """Why it does not load."""
    hash: Optional[str] = None
    """sha256 of its canonical form (absent when it does not load)."""
    region: Optional[str] = None
    """GB/T 2260 code of the place it covers."""
    title: Optional[str] = None
    """Its title."""
    version: Optional[str] = None
    """Its version (absent when it does not load)."""


@dataclass(frozen=True)
class RulesShow(_RulesShowMethods, Record):
    """Every parameter of a rule set in force on a date, with its source
    (`pension-rules rules show`, Python `rules_show`, JS `rulesShow`).
    """

    id: str
    """Rule-set id (with overlays)."""
    version: str
    """Its version."""
    hash: str
    """sha256 of its canonical form."""
    as_of: datetime.date
    """The date the values are in force on."""
    layers: List[Layer] = _field(default_factory=list)
    """Its layers, bottom first."""
    known_on: Optional[datetime.date] = None
    """As known on this date (published by then), if asked."""
    params: List[ResolvedParam] = _field(default_factory=list)
    """Every parameter and the values that apply."""


@dataclass(frozen=True)
class Scenario(Record):
    """One scenario: a retirement month and a future base. Where the minimum
    is not met no pension is payable: the award's figures, the
    contributions, break-even and lifetime value are then absent.
    """

    retirement_month: str
    """Retirement month."""
    age: str
    """Age then."""
    statutory: bool
    """Whether it is the statutory month."""
    contribution_months: int
    """Months paid at retirement (past and projected)."""
    deemed_months: int
    """Deemed months (视同缴费)."""
    required_months: int
    """The minimum months of the retirement year."""
    eligible: bool
    """Whether a monthly pension is payable then (minimum met)."""
    short_by_months: int
    """Months still needed (0 when eligible)."""
    trace: Trace
    """How each figure was found (the projection's steps and the plan's)."""
    account_balance: Optional[Decimal] = None
    """Account balance at retirement."""
    account_pension: Optional[Decimal] = None
    """个人账户养老金."""
    basic_pension: Optional[Decimal] = None
    """基础养老金."""
    break_even_age: Optional[str] = None
    """Age in that month."""
    break_even_month: Optional[str] = None
    """The first month in which the pensions received reach the person's
    own contributions (none within 100 years, or no pension).
    """
    break_even_months: Optional[int] = None
    """Months of pension until then (counting the retirement month)."""
    divisor: Optional[Decimal] = None
    """计发月数 at the retirement age."""
    employer_to_come: Optional[Decimal] = None
    """The employer's contributions to come (0 for a flexible worker)."""
    index: Optional[Decimal] = None
    """The future contribution index (none: the person's own path)."""
    life_expectancy_months: Optional[Decimal] = None
    """平均余命: the complete expectation of life at the retirement age, in
    months, from the life table (deaths spread evenly within each year
    of age), rounded as the 计发月数; compare `divisor`.
    """
    lifetime_value: Optional[Decimal] = None
    """The expected present value of the pension over the life table's
    survival from the retirement age (the pension over the 计发月数 where
    the rule set has no life table: then `life_expectancy_months` is
    absent), discounted yearly when a discount rate is given.
    """
    local_extras: Optional[Decimal] = None
    """地方增发."""
    make_up: List[MakeUp] = _field(default_factory=list)
    """Their cost at each compared base (empty when eligible)."""
    own_to_come: Optional[Decimal] = None
    """The person's own contributions to come (individual rate as an
    employee; the whole flexible rate as a flexible worker).
    """
    paid_to_date: Optional[Decimal] = None
    """The person's own contributions so far, as given."""
    total: Optional[Decimal] = None
    """合计 monthly pension."""
    transitional_pension: Optional[Decimal] = None
    """过渡性养老金."""
    years: Optional[Decimal] = None
    """缴费年限 as the award counts it."""


@dataclass(frozen=True)
class SchemeLink(Record):
    """The scheme link for one person, with what is carried."""

    employee_months: int
    """Employee-scheme months (paid + deemed, all places)."""
    threshold_months: int
    """The threshold (`transfer.scheme_link_min_months`)."""
    direction: LinkDirection
    """Which way the relation may move."""
    years_counted: bool
    """Whether the moved scheme's years count in the receiving scheme."""
    citation: str
    """The articles applied."""
    explanation: str
    """Explanation (English)."""
    zh: str
    """Explanation (Chinese)."""
    carried_account: Optional[Decimal] = None
    """The account balance added to the receiving scheme's account, when
    known: the residents' balance (→ employees') or the employee balance
    (→ residents').
    """
    residents_months_after: Optional[int] = None
    """Residents' scheme months after the link, when known (→ residents':
    residents' months + employee months; → employees': unchanged, they
    do not count for the employee pension).
    """


@dataclass(frozen=True)
class SourcedMonths(Record):
    """A value with the parameter it came from and its legal source."""

    value: int
    """The value."""
    param: str
    """The parameter's registered name."""
    provenance: Provenance
    """Where the value comes from."""


@dataclass(frozen=True)
class Stay(Record):
    """A run of consecutive spans in one province."""

    region: str
    """Province (GB/T 2260, `xx0000`)."""
    from_: str = _field(metadata={"key": 'from'})
    """First month."""
    to: str
    """Last month."""
    paid_months: int
    """Months paid."""
    deemed_months: int
    """Deemed months (视同, counted where earned)."""
    age: str
    """Age in the first month."""
    entry: Entry
    """Why the stay holds what it holds."""
    holding: Holding
    """Relation or temporary account."""
    relation_region: str
    """Where the relation is during the stay."""
    codes: List[str] = _field(default_factory=list)
    """The codes given in the history, as written."""
    threshold: Optional[str] = None
    """The temporary-account age in force then, where there is one."""


@dataclass(frozen=True)
class Step(Record):
    """One step of a computation."""

    name: str
    """Machine name (`basic_pension`)."""
    label: str
    """Chinese term (`基础养老金`)."""
    value: str
    """The result, as text."""
    formula: str
    """The formula in words, with the numbers filled in."""
    inputs: List[Tuple[str, str]] = _field(default_factory=list)
    """Inputs used, as (name, value)."""
    params: List[ParamUse] = _field(default_factory=list)
    """Rule parameters used, with sources."""


@dataclass(frozen=True)
class SurvivorResult(Record):
    """Survivor benefits of one death, with their explanation."""

    monthly_income_base: Decimal
    """Y, unrounded."""
    working_months: Decimal
    """Months of Y for a death while still working."""
    allowance_months: Decimal
    """Months of Y actually paid (after the pensioner reduction and floor)."""
    funeral_grant: Decimal
    """丧葬补助金."""
    survivor_allowance: Decimal
    """抚恤金."""
    total: Decimal
    """Funeral grant + survivor allowance (the account is not included)."""
    trace: Trace
    """How every figure was found."""
    income_year: Optional[int] = None
    """The income year Y was taken from, when looked up in the rule set."""
    inheritable_account: Optional[Decimal] = None
    """个人账户可继承余额, when `account_balance` was given."""
    rules_date: Optional[datetime.date] = None
    """The date whose rules were applied: the first day of the death month
    (absent without one: the latest rules applied).
    """


@dataclass(frozen=True)
class TemporaryAccount(Record):
    """A temporary contribution account and where its money goes."""

    region: str
    """Province of the account."""
    from_: str = _field(metadata={"key": 'from'})
    """First month."""
    to: str
    """Last month."""
    months: int
    """Months paid into it."""
    relation_region: str
    """Where the relation stayed meanwhile (原参保地)."""
    destination: str
    """Where its money goes."""
    moved_in: str
    """When: the first month of the next place, or the retirement month."""
    at_retirement: bool
    """Whether it goes to the benefit place at retirement."""


@dataclass(frozen=True)
class Trace(_TraceMethods, Record):
    """The explanation of one result."""

    rules: RuleSetIdentity
    """Which rules produced the result."""
    steps: List[Step] = _field(default_factory=list)
    """The steps, in order."""


@dataclass(frozen=True)
class TransferResult(Record):
    """The plan and the award at the benefit place."""

    hukou_region: str
    """The 户籍 province."""
    birth: str
    """Birth month."""
    category: Category
    """Category."""
    retirement_month: str
    """Retirement month."""
    receipt: Receipt
    """The benefit place."""
    total_months: int
    """Contribution months everywhere (paid + deemed; 合并计算)."""
    trace: Trace
    """The explanation (primary rule set)."""
    stays: List[Stay] = _field(default_factory=list)
    """The stays, in order."""
    temporary_accounts: List[TemporaryAccount] = _field(default_factory=list)
    """Temporary accounts."""
    moves: List[Move] = _field(default_factory=list)
    """Every move with its money, in order."""
    account_at_retirement: Optional[Decimal] = None
    """The account at the benefit place at retirement, when known."""
    account_at_retirement_unknown: Optional[str] = None
    """Why it is not known."""
    award: Optional[AwardResult] = None
    """The award at the benefit place."""
    award_error: Optional[ErrorInfo] = None
    """Why the award could not be computed."""
    notes: List[Note] = _field(default_factory=list)
    """Remarks."""
    scheme_link: Optional[SchemeLink] = None
    """The 2014 scheme link, where its rule is in force."""


@dataclass(frozen=True)
class TransitionalFormula(Record):
    """The transitional template as filled for one award: the names of the
    slots' variants (as in the rule files) and the base slot's value.
    """

    base: str
    """`pension_base` (C) or `basic_average` ((B + C·Ī)/2)."""
    base_value: Decimal
    """The base slot's value (exact)."""
    index: str
    """`average_index`, `separate`, `one` or `average_index_floor_one`."""
    years: str
    """`deemed_only` or `deemed_and_pre_account`."""
    notional_account: Optional[Decimal] = None
    """The notionally credited account added over a divisor (Shanghai)."""
    notional_divisor: Optional[Decimal] = None
    """Its divisor (`award.transitional_notional_divisor`)."""
    window: Optional[TransitionalWindow] = None
    """The window part (Beijing G实), where the rule set has one."""


@dataclass(frozen=True)
class TransitionalWindow(Record):
    """The window part of a transitional pension: C × index × months / 12 × k."""

    months: int
    """Actual contribution months in the window."""
    index: Decimal
    """Their own average index."""
    coefficient: Decimal
    """`award.transitional_window_coefficient`."""


@dataclass(frozen=True)
class Unrounded(Record):
    """The components before money rounding."""

    basic_pension: Decimal
    """基础养老金, exact."""
    account_pension: Decimal
    """个人账户养老金 (to the decimal range)."""
    transitional_pension: Decimal
    """过渡性养老金, exact."""
    local_extras: Decimal
    """地方增发, the exact sum of the extras."""


@dataclass(frozen=True)
class WeightedYears(Record):
    """The weighted-years transitional pension as computed for one award."""

    deemed_index: Decimal
    """D, its 视同缴费指数 (0 where no month is weighted with it and no
    locality is given).
    """
    weighted_months: Decimal
    """Months weighted with D: deemed months plus actual months before the
    index window.
    """
    pre_window_months: int
    """Actual months before the index window (part of `weighted_months`)."""
    window_index_sum: Decimal
    """Σ of the monthly contribution indices in the window."""
    years: Decimal
    """W, the weighted years (rounded where `rounding.transitional_years` says)."""
    coefficient: Decimal
    """k."""
    pension_base: Decimal
    """C."""
    new_method: Decimal
    """The new method's amount C × W × k, rounded."""
    fixed: Optional[Decimal] = None
    """The flat amount added to the transitional line
    (`award.transitional_fixed`), where the rule set has one.
    """
    locality: Optional[str] = None
    """The locality whose 视同缴费指数 applies (`award.deemed_index.<name>`),
    where one was needed or given.
    """


@dataclass(frozen=True)
class WindowIndex(Record):
    """The months paid in a province's transitional window and their average
    index (Beijing G实: 1992-10 … 1998-06, index Z实), derived from a history.
    """

    from_: str = _field(metadata={"key": 'from'})
    """First month of the window (the account start)."""
    to: str
    """Last month (`award.transitional_window_end`, included)."""
    months: int
    """Months paid in it."""
    index_sum: Decimal
    """The exact sum of their monthly indices (base / average wage, month by
    month): the weighted-years method's Σ (Guangdong 1994-01 … 1998-06).
    """
    months_before: int
    """Months paid before the window (in this place): weighted with the
    视同缴费指数 by the weighted-years method (Guangdong: up to 1993-12).
    """
    index: Optional[Decimal] = None
    """Their average index (the index rounding), where any."""


@dataclass(frozen=True)
class YearIndex(Record):
    """One calendar year of the index."""

    year: int
    """Calendar year."""
    paid_months: int
    """Months paid."""
    gap_months: int
    """Gap months counted with ratio 0 (`index_gaps = zero`)."""
    deemed_months: int
    """Deemed months counted with the deemed index (`index_deemed = included`)."""
    base_sum: Decimal
    """Sum of the monthly bases paid (in this rule set's place)."""
    ratio_sum: Decimal
    """Sum of the monthly ratios (base / X, deemed index, or 0)."""
    index: Decimal
    """The year's index: `ratio_sum` / counted months (exact)."""
    denominator: Optional[Decimal] = None
    """That average wage (monthly)."""
    denominator_given: bool = False
    """Whether it came from the input's `average_wages` (not the rule set)."""
    denominator_year: Optional[int] = None
    """Year of the average wage that divides this year's bases."""
    places: List[PlaceYear] = _field(default_factory=list)
    """Months of the year paid in other places, each divided by that
    place's average wage.
    """


@dataclass(frozen=True)
class YearStatement(Record):
    """One year of the statement (the 个人权益记录单 figures and the detail)."""

    year: int
    """The year."""
    opening: Decimal
    """上年末累计储存额: balance at the end of the previous year."""
    credits: Decimal
    """当年记账额: credits and back payments."""
    transfers_in: Decimal
    """转入."""
    transfers_out: Decimal
    """转出 (positive)."""
    interest: Decimal
    """当年记账利息: interest computed at the close plus any posted interest."""
    closing: Decimal
    """至本年末累计储存额 (or at the close event)."""
    rate: Decimal
    """The interest rate (0 when not needed)."""
    rate_origin: RateOrigin
    """Where the rate came from."""
    method: CloseMethod
    """How the year was closed."""
    month_end: List[Decimal] = _field(default_factory=list)
    """Balance at the end of each month, January first (up to the event month)."""
    postings: List[PostingLine] = _field(default_factory=list)
    """The postings, in month order, ending with the interest."""
    personal_closing: Optional[Decimal] = None
    """Personal-contribution part of the closing balance, if known."""


# ---------------------------------------------------------------- inputs


#: A decimal input: ``Decimal``, a decimal string or an ``int`` (never a float).
DecimalLike = Union[Decimal, str, int]


class _CloseEventRequired(TypedDict):
    event: CloseKind
    """What happens."""
    month: str
    """The month it happens in."""


class CloseEvent(_CloseEventRequired, total=False):
    """A partial-year close."""


class _CreditRequired(TypedDict):
    amount: DecimalLike
    """The amount credited."""


class Credit(_CreditRequired, total=False):
    """A credit in the vector format: by month, or a year's total."""
    month: Optional[str]
    """The month credited (give this or `year`)."""
    personal: Optional[DecimalLike]
    """The part formed by the person's own contributions, if known."""
    year: Optional[int]
    """The year whose total this is (give this or `month`)."""


_KnownAccountRequired = TypedDict('_KnownAccountRequired', {'from': 'str', 'to': 'str', 'account': 'DecimalLike'})


class KnownAccount(_KnownAccountRequired, total=False):
    """An account amount the caller knows for one move (as printed on the
    参保缴费凭证 / 转移接续信息表), used instead of the ledger.
    """
    month: Optional[str]
    """The move's month, where `from` → `to` happens more than once."""


class _PayrollRowRequired(TypedDict):
    employee_id: str
    """The unit's employee id."""
    wage: str
    """Declared monthly wage (申报工资), a decimal string."""
    employment: str
    """`employee` or `flexible`."""


class PayrollRow(_PayrollRowRequired, total=False):
    """One payroll row as declared: the values are kept as text so that a bad
    value fails its own row, not the whole declaration.
    """


_PlanPersonRequired = TypedDict('_PlanPersonRequired', {'category': 'Category', 'birth': 'str', 'from': 'str'})


class PlanPerson(_PlanPersonRequired, total=False):
    """A person to project. Field names follow the award input where they mean
    the same.
    """
    account_balance: DecimalLike
    """Account balance at the end of the year before `from`."""
    attributes: Optional[Mapping[str, Union[bool, str]]]
    """人员属性 that the rule set's local extras depend on, as for an award
    (`{"only_child": true}`).
    """
    average_index: Optional[DecimalLike]
    """Average index over those months (本人平均缴费指数 so far); required
    with `contribution_months`.
    """
    contribution_months: int
    """Months paid before `from` (实际缴费月数 so far)."""
    deemed_index_locality: Optional[str]
    """The locality whose 视同缴费指数 applies (广东: the place of work at
    the end of 1993, a name of `award.deemed_index.<locality>`), as for
    an award.
    """
    deemed_months: int
    """Deemed months (视同缴费月数)."""
    extra_amounts: Optional[Mapping[str, DecimalLike]]
    """Amounts of local extras the rule set holds none for, as the agency
    computed them, by name (郑州 `transitional_subsidy`), as for an award.
    """
    index: Optional[DecimalLike]
    """The contribution index of every year from `from` (one figure)."""
    indexes: Optional[Sequence[DecimalLike]]
    """Or one index per calendar year from `from`'s year, at least to the
    year of the last contribution month (later values are ignored, so one
    path serves rule sets with different retirement ages).
    """
    last_contribution_month: Optional[str]
    """The last month paid, where contributions stop before the month
    before retirement (停缴: the account still earns interest until
    retirement); default: paid through the month before retirement.
    """
    notional_account: Optional[DecimalLike]
    """The notionally credited account (虚账实记 / 视同缴费账户额), where the
    transitional pension adds it over a divisor (上海 ÷ 120), as for an
    award.
    """
    old_transitional_pension: Optional[DecimalLike]
    """The old method's transitional pension (老办法过渡性养老金), where the
    rule set phases a new method in (`award.transitional_phase_in`), as
    for an award.
    """
    pre_account_months: int
    """Months paid before `from` and before the account began (for rule sets
    whose transitional pension counts them).
    """
    pre_window_months: Optional[int]
    """Actual contribution months before the index window (广东: up to
    1993-12), weighted like deemed months, as for an award.
    """
    retirement_month: Optional[str]
    """Chosen retirement month; default the statutory one."""
    transitional_index: Optional[DecimalLike]
    """The transitional index, where the rule set's transitional pension
    uses a separate one (`award.transitional_index_rule = separate`).
    """
    transitional_pension: Optional[DecimalLike]
    """The transitional pension as the agency computed it, where the rule
    set cannot compute it (`award.transitional_method = given`: 深圳), as
    for an award.
    """
    transitional_window_index: Optional[DecimalLike]
    """Their average contribution index (北京 Z实), as for an award."""
    transitional_window_months: Optional[int]
    """Actual contribution months in the transitional window before `from`
    (北京 N实98: 1992-10 … 1998-06; 0 if none), from the records, as for
    an award: months paid before `from` may lie in the window, which
    only the records know.
    """
    window_index_sum: Optional[DecimalLike]
    """The sum of the monthly contribution indices in the index window
    (广东: 1994-01 … 1998-06), as for an award.
    """


class _PostingRequired(TypedDict):
    month: str
    """The month it is posted in."""
    kind: PostingKind
    """What it is."""
    amount: DecimalLike
    """The amount (not negative; `transfer_out` takes it out)."""


class Posting(_PostingRequired, total=False):
    """One dated posting."""
    period_from: Optional[str]
    """First month a back payment covers."""
    period_to: Optional[str]
    """Last month a back payment covers (default `period_from`)."""
    personal: Optional[DecimalLike]
    """The part formed by the person's own contributions, if known."""


class _ProjectionAssumptionsInputRequired(TypedDict):
    average_wage_growth: DecimalLike
    """Yearly growth of the average wage after the last year with a value."""
    pension_base_growth: DecimalLike
    """Yearly growth of the pension base (计发基数) after the last year with a value."""
    interest_rate: DecimalLike
    """记账利率 for years without a value."""


class ProjectionAssumptionsInput(_ProjectionAssumptionsInputRequired, total=False):
    """Assumptions for the years the rule set does not cover (future years, and
    past ones it lacks). Rates are yearly shares (`"0.05"` = 5 %).
    """
    average_wages: Mapping[Union[int, str], DecimalLike]
    """Average monthly wages of years the rule set lacks (e.g. an early year)."""
    flat_part_bases: Mapping[Union[int, str], DecimalLike]
    """Bases of the flat half of the basic pension (`award.flat_part_base`)
    of years the rule set lacks, where it has that base at all; later
    years grow by `pension_base_growth`.
    """
    interest_rates: Mapping[Union[int, str], DecimalLike]
    """记账利率 of years the rule set lacks (e.g. provincial rates before 2016)."""
    pension_bases: Mapping[Union[int, str], DecimalLike]
    """Pension bases of years the rule set lacks."""
    wage_growth: Optional[DecimalLike]
    """Yearly growth of the person's own wage; without it the index stays as given."""


class ResidentsScheme(TypedDict, total=False):
    """The person's residents' scheme (城乡居民基本养老保险) record, for the
    scheme link (人社部发〔2014〕17号).
    """
    account_balance: Optional[DecimalLike]
    """Its individual-account balance (本息)."""
    months: Optional[int]
    """Months contributed to the residents' scheme."""


_SpanRequired = TypedDict('_SpanRequired', {'from': 'str', 'to': 'str'})


class Span(_SpanRequired, total=False):
    """One span of months in a contribution history (both ends included).

    The vector format's history entry (`from`, `to`, `base`, `region`,
    `employment`), extended with `kind`, `paid_in` and `index`.
    """
    base: Optional[DecimalLike]
    """Monthly contribution base (缴费基数), required for paid spans."""
    employment: Optional[Employment]
    """Employee (default) or flexible employment."""
    index: Optional[DecimalLike]
    """For a deemed span: its deemed index (视同缴费指数), used only where
    deemed months enter the average (`award.index_deemed = included`).
    """
    kind: SpanKind
    """Paid (default), deemed or gap."""
    paid_in: Optional[str]
    """For a back payment (补缴): the month it was paid. The months still
    count as the months they cover.
    """
    region: Optional[str]
    """GB/T 2260 code of the place paid to: where another rule set covers
    it, its average wages divide this span's bases.
    """


class _AccountInputRequired(TypedDict):
    opening_balance: DecimalLike
    """Balance at the end of `opening_year`."""
    opening_year: int
    """The year whose end the opening balance stands at."""


class AccountInput(_AccountInputRequired, total=False):
    """The ledger to compute (the vector format's `account` input, extended)."""
    close: Optional[CloseEvent]
    """A partial-year close (retirement, death, transfer out)."""
    credits: Sequence[Credit]
    """Credits by month or by year."""
    opening_personal: Optional[DecimalLike]
    """Personal-contribution part of the opening balance, if known."""
    postings: Sequence[Posting]
    """Other postings (back payments, transfers, posted interest; credits too)."""
    rates: Mapping[Union[int, str], DecimalLike]
    """Caller-supplied interest rates by year; they override the rule set."""
    through_year: Optional[int]
    """Last year to close at year-end (or the year of `close`)."""


class AccountFields(TypedDict, total=False):
    """The fields of :class:`AccountInput`, none required: an input dict and keyword
    arguments together make the ``account`` input.
    """
    close: Optional[CloseEvent]
    """A partial-year close (retirement, death, transfer out)."""
    credits: Sequence[Credit]
    """Credits by month or by year."""
    opening_balance: DecimalLike
    """Balance at the end of `opening_year`."""
    opening_personal: Optional[DecimalLike]
    """Personal-contribution part of the opening balance, if known."""
    opening_year: int
    """The year whose end the opening balance stands at."""
    postings: Sequence[Posting]
    """Other postings (back payments, transfers, posted interest; credits too)."""
    rates: Mapping[Union[int, str], DecimalLike]
    """Caller-supplied interest rates by year; they override the rule set."""
    through_year: Optional[int]
    """Last year to close at year-end (or the year of `close`)."""


class _AdjustmentInputRequired(TypedDict):
    year: int
    """The adjustment year Y."""
    pension: DecimalLike
    """Monthly basic pension before the adjustment (December of Y−1)."""
    contribution_months: int
    """Contribution months, deemed (视同) months included, 折算工龄 excluded."""
    birth: str
    """Birth month."""
    retirement_month: str
    """Month the person retired (retirement formalities completed)."""


class AdjustmentInput(_AdjustmentInputRequired, total=False):
    """One retiree in one adjustment year."""
    category: Optional[Category]
    """Schedule category; accepted for the vector format, not used by the
    Shaanxi schemes (no scheme distinguishes men and women).
    """
    city_average_pension: Optional[DecimalLike]
    """The city's average enterprise pension after the adjustment, for the
    军转干部 top-up (no per-city table is in the rule set).
    """
    military_transfer_cadre: bool
    """An enterprise-retired 军队转业干部 (the top-up rule may apply)."""
    payment_month: Optional[str]
    """First month paid at the new amount: January of Y up to the month
    before are back-paid (补发).
    """


class AdjustmentFields(TypedDict, total=False):
    """The fields of :class:`AdjustmentInput`, none required: an input dict and keyword
    arguments together make the ``adjustment`` input.
    """
    birth: str
    """Birth month."""
    category: Optional[Category]
    """Schedule category; accepted for the vector format, not used by the
    Shaanxi schemes (no scheme distinguishes men and women).
    """
    city_average_pension: Optional[DecimalLike]
    """The city's average enterprise pension after the adjustment, for the
    军转干部 top-up (no per-city table is in the rule set).
    """
    contribution_months: int
    """Contribution months, deemed (视同) months included, 折算工龄 excluded."""
    military_transfer_cadre: bool
    """An enterprise-retired 军队转业干部 (the top-up rule may apply)."""
    payment_month: Optional[str]
    """First month paid at the new amount: January of Y up to the month
    before are back-paid (补发).
    """
    pension: DecimalLike
    """Monthly basic pension before the adjustment (December of Y−1)."""
    retirement_month: str
    """Month the person retired (retirement formalities completed)."""
    year: int
    """The adjustment year Y."""


class _AwardInputRequired(TypedDict):
    category: Category
    """Retirement category."""
    retirement_month: str
    """The approved retirement month (taken as given)."""


class AwardInput(_AwardInputRequired, total=False):
    """The input of an award: who, when, and either the summary figures or a
    history. Field names follow the vector format (docs/vectors.md, kind `award`).

    Summary form: `contribution_months`, `average_index` (and optionally
    `deemed_months`, `pre_account_months`). History form: `history` (and
    optionally `deemed_index`, `average_wages`). The summary form needs
    `account_balance`; the history form may leave it out, and the account
    ledger then builds it from the history (with `account_rates` for years
    the rule set has no 记账利率).
    """
    account_balance: Optional[DecimalLike]
    """Individual account balance at retirement (个人账户储存额). With a
    history it may be left out: the account ledger then builds it from
    the history ([`crate::account::from_history`]).
    """
    account_rates: Optional[Mapping[Union[int, str], DecimalLike]]
    """History form without `account_balance`: 记账利率 by year for years the
    rule set lacks (e.g. provincial rates before 2016).
    """
    age: Optional[str]
    """Age at retirement (退休年龄, `"60y5m"`), where the sheet prints no birth
    month: the birth month is then the retirement month less the age
    (the divisor and the statutory check depend on nothing else).
    """
    attributes: Optional[Mapping[str, Union[bool, str]]]
    """人员属性 the person's attributes that local extras depend on
    (`{"only_child": true}`), each declared by the rule set
    (`award.attributes.<name>`).
    """
    average_index: Optional[DecimalLike]
    """Summary: the average contribution index (本人平均缴费指数), as printed."""
    average_wages: Optional[Mapping[Union[int, str], DecimalLike]]
    """History form: average monthly wages by year overriding the rule set's."""
    birth: Optional[str]
    """Birth month. A sheet without one gives `age` instead."""
    contribution_months: Optional[Union[int, str]]
    """Summary: months actually paid (实际缴费月数)."""
    deemed_index: Optional[DecimalLike]
    """Deemed index (视同缴费指数) where deemed months enter the average."""
    deemed_index_locality: Optional[str]
    """The locality whose 视同缴费指数 D applies (Guangdong: the place of
    work at the end of 1993, a name of `award.deemed_index.<locality>`
    such as `guangzhou`), where the rule set's transitional pension uses
    weighted years (`award.transitional_method = weighted_years`).
    """
    deemed_months: Optional[Union[int, str]]
    """Summary: deemed months (视同缴费月数); default 0."""
    extra_amounts: Optional[Mapping[str, DecimalLike]]
    """Amounts of local extras whose amount the rule set does not hold
    (`kind = "unknown"`: no source found), as the agency computed them,
    by the extra's name (郑州 `transitional_subsidy`). Only such extras
    take one, and only where they apply; any other name is refused.
    """
    first_pension_month: Optional[str]
    """First month paid (default: the month after the retirement month)."""
    flat_part_base: Optional[DecimalLike]
    """The base of the flat half of the basic pension, overriding the rule
    set's `award.flat_part_base` for the retirement year (a projection's
    future year); only where the rule set has that base.
    """
    history: Optional[Sequence[Span]]
    """History form: the contribution spans."""
    notional_account: Optional[DecimalLike]
    """The notionally credited account (虚账实记 / 视同缴费账户额) where the
    rule set's transitional pension adds it over a divisor
    (`award.transitional_notional_divisor`, Shanghai ÷ 120).
    """
    old_transitional_pension: Optional[DecimalLike]
    """The old method's transitional pension (老办法过渡性养老金), where the
    rule set phases a new method in (`award.transitional_phase_in`).
    """
    pension_base: Optional[DecimalLike]
    """计发基数 C, overriding the rule set's value for the retirement year."""
    pre_account_months: Optional[int]
    """Summary: ACTUAL months paid before the individual account began
    (deemed months excluded), where the transitional pension counts them
    (`award.transitional_years = deemed_and_pre_account`: P = deemed +
    these).
    """
    pre_account_total_months: Optional[int]
    """Summary: all months before the individual account began, deemed
    months INCLUDED (建账前缴费年限 × 12, as many sheets print it); used as P
    directly by `deemed_and_pre_account`. Give this or
    `pre_account_months`, not both.
    """
    pre_window_months: Optional[int]
    """Actual contribution months before the index window, weighted with D
    like deemed months (Guangdong: up to 1993-12), for the weighted-years
    transitional method.
    """
    region: Optional[str]
    """参保地 the place (GB/T 2260 six-digit code) whose rules apply: the
    engine picks the rule set of the code, else of its city, else of its
    province (a city layer over the engine's province set).
    """
    transitional_index: Optional[DecimalLike]
    """Index of the transitional pension where a sheet prints one apart
    from the average index (default: the average index); required where
    the rule set's transitional pension uses a separate index.
    """
    transitional_pension: Optional[DecimalLike]
    """The transitional pension itself, where the rule set cannot compute
    it (`award.transitional_method = given`: a provincial formula on
    figures the engine does not model) — as the agency computed it.
    """
    transitional_window_index: Optional[DecimalLike]
    """The average index of those months (Beijing Z实)."""
    transitional_window_months: Optional[int]
    """Actual contribution months in the province's transitional window
    (Beijing: 1992-10 … 1998-06), where the rule set's transitional
    pension has a window part (`award.transitional_window_coefficient`).
    """
    window_index_sum: Optional[DecimalLike]
    """The sum of the monthly contribution indices in the index window
    (Guangdong: 1994-01 … 1998-06), for the weighted-years transitional
    method; or give `transitional_window_months` and
    `transitional_window_index` (their count and average).
    """


class AwardFields(TypedDict, total=False):
    """The fields of :class:`AwardInput`, none required: an input dict and keyword
    arguments together make the ``award`` input.
    """
    account_balance: Optional[DecimalLike]
    """Individual account balance at retirement (个人账户储存额). With a
    history it may be left out: the account ledger then builds it from
    the history ([`crate::account::from_history`]).
    """
    account_rates: Optional[Mapping[Union[int, str], DecimalLike]]
    """History form without `account_balance`: 记账利率 by year for years the
    rule set lacks (e.g. provincial rates before 2016).
    """
    age: Optional[str]
    """Age at retirement (退休年龄, `"60y5m"`), where the sheet prints no birth
    month: the birth month is then the retirement month less the age
    (the divisor and the statutory check depend on nothing else).
    """
    attributes: Optional[Mapping[str, Union[bool, str]]]
    """人员属性 the person's attributes that local extras depend on
    (`{"only_child": true}`), each declared by the rule set
    (`award.attributes.<name>`).
    """
    average_index: Optional[DecimalLike]
    """Summary: the average contribution index (本人平均缴费指数), as printed."""
    average_wages: Optional[Mapping[Union[int, str], DecimalLike]]
    """History form: average monthly wages by year overriding the rule set's."""
    birth: Optional[str]
    """Birth month. A sheet without one gives `age` instead."""
    category: Category
    """Retirement category."""
    contribution_months: Optional[Union[int, str]]
    """Summary: months actually paid (实际缴费月数)."""
    deemed_index: Optional[DecimalLike]
    """Deemed index (视同缴费指数) where deemed months enter the average."""
    deemed_index_locality: Optional[str]
    """The locality whose 视同缴费指数 D applies (Guangdong: the place of
    work at the end of 1993, a name of `award.deemed_index.<locality>`
    such as `guangzhou`), where the rule set's transitional pension uses
    weighted years (`award.transitional_method = weighted_years`).
    """
    deemed_months: Optional[Union[int, str]]
    """Summary: deemed months (视同缴费月数); default 0."""
    extra_amounts: Optional[Mapping[str, DecimalLike]]
    """Amounts of local extras whose amount the rule set does not hold
    (`kind = "unknown"`: no source found), as the agency computed them,
    by the extra's name (郑州 `transitional_subsidy`). Only such extras
    take one, and only where they apply; any other name is refused.
    """
    first_pension_month: Optional[str]
    """First month paid (default: the month after the retirement month)."""
    flat_part_base: Optional[DecimalLike]
    """The base of the flat half of the basic pension, overriding the rule
    set's `award.flat_part_base` for the retirement year (a projection's
    future year); only where the rule set has that base.
    """
    history: Optional[Sequence[Span]]
    """History form: the contribution spans."""
    notional_account: Optional[DecimalLike]
    """The notionally credited account (虚账实记 / 视同缴费账户额) where the
    rule set's transitional pension adds it over a divisor
    (`award.transitional_notional_divisor`, Shanghai ÷ 120).
    """
    old_transitional_pension: Optional[DecimalLike]
    """The old method's transitional pension (老办法过渡性养老金), where the
    rule set phases a new method in (`award.transitional_phase_in`).
    """
    pension_base: Optional[DecimalLike]
    """计发基数 C, overriding the rule set's value for the retirement year."""
    pre_account_months: Optional[int]
    """Summary: ACTUAL months paid before the individual account began
    (deemed months excluded), where the transitional pension counts them
    (`award.transitional_years = deemed_and_pre_account`: P = deemed +
    these).
    """
    pre_account_total_months: Optional[int]
    """Summary: all months before the individual account began, deemed
    months INCLUDED (建账前缴费年限 × 12, as many sheets print it); used as P
    directly by `deemed_and_pre_account`. Give this or
    `pre_account_months`, not both.
    """
    pre_window_months: Optional[int]
    """Actual contribution months before the index window, weighted with D
    like deemed months (Guangdong: up to 1993-12), for the weighted-years
    transitional method.
    """
    region: Optional[str]
    """参保地 the place (GB/T 2260 six-digit code) whose rules apply: the
    engine picks the rule set of the code, else of its city, else of its
    province (a city layer over the engine's province set).
    """
    retirement_month: str
    """The approved retirement month (taken as given)."""
    transitional_index: Optional[DecimalLike]
    """Index of the transitional pension where a sheet prints one apart
    from the average index (default: the average index); required where
    the rule set's transitional pension uses a separate index.
    """
    transitional_pension: Optional[DecimalLike]
    """The transitional pension itself, where the rule set cannot compute
    it (`award.transitional_method = given`: a provincial formula on
    figures the engine does not model) — as the agency computed it.
    """
    transitional_window_index: Optional[DecimalLike]
    """The average index of those months (Beijing Z实)."""
    transitional_window_months: Optional[int]
    """Actual contribution months in the province's transitional window
    (Beijing: 1992-10 … 1998-06), where the rule set's transitional
    pension has a window part (`award.transitional_window_coefficient`).
    """
    window_index_sum: Optional[DecimalLike]
    """The sum of the monthly contribution indices in the index window
    (Guangdong: 1994-01 … 1998-06), for the weighted-years transitional
    method; or give `transitional_window_months` and
    `transitional_window_index` (their count and average).
    """


class _ContributionInputRequired(TypedDict):
    month: str
    """The contribution month."""
    employment: Employment
    """Employee or flexible employment."""


class ContributionInput(_ContributionInputRequired, total=False):
    """One month to assess (the vector format's `contribution` input)."""
    chosen_base: Optional[DecimalLike]
    """The base a flexible worker chose; must lie within the year's limits."""
    wage: Optional[DecimalLike]
    """Declared monthly wage (申报工资); required for employees. For flexible
    employment it is not used (the chosen base is).
    """


class ContributionFields(TypedDict, total=False):
    """The fields of :class:`ContributionInput`, none required: an input dict and keyword
    arguments together make the ``contribution`` input.
    """
    chosen_base: Optional[DecimalLike]
    """The base a flexible worker chose; must lie within the year's limits."""
    employment: Employment
    """Employee or flexible employment."""
    month: str
    """The contribution month."""
    wage: Optional[DecimalLike]
    """Declared monthly wage (申报工资); required for employees. For flexible
    employment it is not used (the chosen base is).
    """


class _PayrollInputRequired(TypedDict):
    rows: Sequence[PayrollRow]
    """The payroll rows, in order."""


class PayrollInput(_PayrollInputRequired, total=False):
    """The `payroll` kind's input: the period (`month` or `year`, exactly one)
    and the rows (`{employee_id, wage, employment}`; a wage may be an
    integer). A row that does not read fails alone, in its place.
    """
    month: Optional[str]
    """The month declared (`YYYY-MM`)."""
    year: Optional[int]
    """Or the calendar year declared (执行年度), assessed month by month."""


class PayrollFields(TypedDict, total=False):
    """The fields of :class:`PayrollInput`, none required: an input dict and keyword
    arguments together make the ``payroll`` input.
    """
    month: Optional[str]
    """The month declared (`YYYY-MM`)."""
    rows: Sequence[PayrollRow]
    """The payroll rows, in order."""
    year: Optional[int]
    """Or the calendar year declared (执行年度), assessed month by month."""


class _PlanInputRequired(TypedDict):
    person: PlanPerson
    """The person, as for a projection (summary of the past, the future
    index); its `retirement_month` is replaced by each scenario's.
    """
    assumptions: ProjectionAssumptionsInput
    """The stated assumptions for years the rule set does not cover."""


class PlanInput(_PlanInputRequired, total=False):
    """A plan's input: the person, the assumptions and what to compare."""
    account_rates: Optional[Mapping[Union[int, str], DecimalLike]]
    """With a `history`: 记账利率 by year for the years of the history the
    rule set has none (e.g. provincial rates before 2016).
    """
    average_wages: Optional[Mapping[Union[int, str], DecimalLike]]
    """With a `history`: average monthly wages by year that override or add
    to the rule set's (`award.average_wage`), as for an award — the
    years of the history a place's rule data lacks.
    """
    bases: Optional[Sequence[DecimalLike]]
    """Future contribution bases as indexes (share of the average wage:
    `"0.6"` … `"3"`); default the person's own index path.
    """
    discount_rate: Optional[DecimalLike]
    """Yearly discount rate of the lifetime value; default none."""
    history: Optional[Sequence[Span]]
    """The person's past as a monthly contribution history (缴费历史, spans
    as for an award), instead of the summary figures of `person`: it is
    reduced to them — months paid, average index, deemed and
    pre-account months, the account balance at the end of the year before
    `person.from` — and the plan then projects from `person.from` as
    usual. Every span must end by that year's end.
    """
    paid_to_date: Optional[DecimalLike]
    """The person's own contributions paid so far (个人缴费累计, from the
    statement), counted in the break-even; without it only the
    contributions to come are.
    """
    payer: Payer
    """Who pays the future contributions (`employee` by default)."""
    pension_growth: Optional[DecimalLike]
    """Yearly growth of the pension after retirement (调整), assumed for
    the break-even and the lifetime value; default none.
    """
    retirement_months: Optional[Sequence[str]]
    """Retirement months to compare; default every month of the elastic
    window (the statutory month alone where the law has none).
    """


class PlanFields(TypedDict, total=False):
    """The fields of :class:`PlanInput`, none required: an input dict and keyword
    arguments together make the ``plan`` input.
    """
    account_rates: Optional[Mapping[Union[int, str], DecimalLike]]
    """With a `history`: 记账利率 by year for the years of the history the
    rule set has none (e.g. provincial rates before 2016).
    """
    assumptions: ProjectionAssumptionsInput
    """The stated assumptions for years the rule set does not cover."""
    average_wages: Optional[Mapping[Union[int, str], DecimalLike]]
    """With a `history`: average monthly wages by year that override or add
    to the rule set's (`award.average_wage`), as for an award — the
    years of the history a place's rule data lacks.
    """
    bases: Optional[Sequence[DecimalLike]]
    """Future contribution bases as indexes (share of the average wage:
    `"0.6"` … `"3"`); default the person's own index path.
    """
    discount_rate: Optional[DecimalLike]
    """Yearly discount rate of the lifetime value; default none."""
    history: Optional[Sequence[Span]]
    """The person's past as a monthly contribution history (缴费历史, spans
    as for an award), instead of the summary figures of `person`: it is
    reduced to them — months paid, average index, deemed and
    pre-account months, the account balance at the end of the year before
    `person.from` — and the plan then projects from `person.from` as
    usual. Every span must end by that year's end.
    """
    paid_to_date: Optional[DecimalLike]
    """The person's own contributions paid so far (个人缴费累计, from the
    statement), counted in the break-even; without it only the
    contributions to come are.
    """
    payer: Payer
    """Who pays the future contributions (`employee` by default)."""
    pension_growth: Optional[DecimalLike]
    """Yearly growth of the pension after retirement (调整), assumed for
    the break-even and the lifetime value; default none.
    """
    person: PlanPerson
    """The person, as for a projection (summary of the past, the future
    index); its `retirement_month` is replaced by each scenario's.
    """
    retirement_months: Optional[Sequence[str]]
    """Retirement months to compare; default every month of the elastic
    window (the statutory month alone where the law has none).
    """


_ProjectionInputRequired = TypedDict('_ProjectionInputRequired', {'category': 'Category', 'birth': 'str', 'from': 'str'})


class ProjectionInput(_ProjectionInputRequired, total=False):
    """A person to project. Field names follow the award input where they mean
    the same.
    """
    account_balance: DecimalLike
    """Account balance at the end of the year before `from`."""
    assumptions: ProjectionAssumptionsInput
    attributes: Optional[Mapping[str, Union[bool, str]]]
    """人员属性 that the rule set's local extras depend on, as for an award
    (`{"only_child": true}`).
    """
    average_index: Optional[DecimalLike]
    """Average index over those months (本人平均缴费指数 so far); required
    with `contribution_months`.
    """
    contribution_months: int
    """Months paid before `from` (实际缴费月数 so far)."""
    deemed_index_locality: Optional[str]
    """The locality whose 视同缴费指数 applies (广东: the place of work at
    the end of 1993, a name of `award.deemed_index.<locality>`), as for
    an award.
    """
    deemed_months: int
    """Deemed months (视同缴费月数)."""
    extra_amounts: Optional[Mapping[str, DecimalLike]]
    """Amounts of local extras the rule set holds none for, as the agency
    computed them, by name (郑州 `transitional_subsidy`), as for an award.
    """
    index: Optional[DecimalLike]
    """The contribution index of every year from `from` (one figure)."""
    indexes: Optional[Sequence[DecimalLike]]
    """Or one index per calendar year from `from`'s year, at least to the
    year of the last contribution month (later values are ignored, so one
    path serves rule sets with different retirement ages).
    """
    last_contribution_month: Optional[str]
    """The last month paid, where contributions stop before the month
    before retirement (停缴: the account still earns interest until
    retirement); default: paid through the month before retirement.
    """
    notional_account: Optional[DecimalLike]
    """The notionally credited account (虚账实记 / 视同缴费账户额), where the
    transitional pension adds it over a divisor (上海 ÷ 120), as for an
    award.
    """
    old_transitional_pension: Optional[DecimalLike]
    """The old method's transitional pension (老办法过渡性养老金), where the
    rule set phases a new method in (`award.transitional_phase_in`), as
    for an award.
    """
    pre_account_months: int
    """Months paid before `from` and before the account began (for rule sets
    whose transitional pension counts them).
    """
    pre_window_months: Optional[int]
    """Actual contribution months before the index window (广东: up to
    1993-12), weighted like deemed months, as for an award.
    """
    retirement_month: Optional[str]
    """Chosen retirement month; default the statutory one."""
    transitional_index: Optional[DecimalLike]
    """The transitional index, where the rule set's transitional pension
    uses a separate one (`award.transitional_index_rule = separate`).
    """
    transitional_pension: Optional[DecimalLike]
    """The transitional pension as the agency computed it, where the rule
    set cannot compute it (`award.transitional_method = given`: 深圳), as
    for an award.
    """
    transitional_window_index: Optional[DecimalLike]
    """Their average contribution index (北京 Z实), as for an award."""
    transitional_window_months: Optional[int]
    """Actual contribution months in the transitional window before `from`
    (北京 N实98: 1992-10 … 1998-06; 0 if none), from the records, as for
    an award: months paid before `from` may lie in the window, which
    only the records know.
    """
    window_index_sum: Optional[DecimalLike]
    """The sum of the monthly contribution indices in the index window
    (广东: 1994-01 … 1998-06), as for an award.
    """


#: The fields of :class:`ProjectionInput`, none required: an input dict and keyword
#: arguments together make the ``projection`` input.
ProjectionFields = TypedDict('ProjectionFields', {'account_balance': 'DecimalLike', 'assumptions': 'ProjectionAssumptionsInput', 'attributes': 'Optional[Mapping[str, Union[bool, str]]]', 'average_index': 'Optional[DecimalLike]', 'birth': 'str', 'category': 'Category', 'contribution_months': 'int', 'deemed_index_locality': 'Optional[str]', 'deemed_months': 'int', 'extra_amounts': 'Optional[Mapping[str, DecimalLike]]', 'from': 'str', 'index': 'Optional[DecimalLike]', 'indexes': 'Optional[Sequence[DecimalLike]]', 'last_contribution_month': 'Optional[str]', 'notional_account': 'Optional[DecimalLike]', 'old_transitional_pension': 'Optional[DecimalLike]', 'pre_account_months': 'int', 'pre_window_months': 'Optional[int]', 'retirement_month': 'Optional[str]', 'transitional_index': 'Optional[DecimalLike]', 'transitional_pension': 'Optional[DecimalLike]', 'transitional_window_index': 'Optional[DecimalLike]', 'transitional_window_months': 'Optional[int]', 'window_index_sum': 'Optional[DecimalLike]'}, total=False)


class _RecomputeInputRequired(TypedDict):
    award: AwardInput
    """The person, as the `award` kind reads it."""
    arrears_through: str
    """Last month of arrears owed, inclusive (`YYYY-MM`)."""


class RecomputeInput(_RecomputeInputRequired, total=False):
    """The `recompute` kind's input: the award input under `award`, the date
    it was approved on (`known_on`, default the retirement month's first
    day), the date of the recomputation (`final_known_on`, default all that
    is published) and the last month of arrears owed (`arrears_through`).
    """
    final_known_on: Optional[str]
    """Recomputed as known on this date (`YYYY-MM-DD`)."""
    known_on: Optional[str]
    """Approved as known on this date (`YYYY-MM-DD`)."""


class RecomputeFields(TypedDict, total=False):
    """The fields of :class:`RecomputeInput`, none required: an input dict and keyword
    arguments together make the ``recompute`` input.
    """
    arrears_through: str
    """Last month of arrears owed, inclusive (`YYYY-MM`)."""
    award: AwardInput
    """The person, as the `award` kind reads it."""
    final_known_on: Optional[str]
    """Recomputed as known on this date (`YYYY-MM-DD`)."""
    known_on: Optional[str]
    """Approved as known on this date (`YYYY-MM-DD`)."""


class _RetirementInputRequired(TypedDict):
    birth: str
    """Birth month."""
    category: Category
    """Schedule category."""


class RetirementInput(_RetirementInputRequired, total=False):
    """One person's retirement question (vector kind `retirement`).

    Deserializing checks every field and reports all problems at once.
    """
    contribution_months: Optional[int]
    """Contribution months (incl. deemed 视同) counted at the retirement
    month; when given, the result answers eligibility.
    """
    delay_months: Optional[int]
    """Elastic late retirement: this many months after the statutory age."""
    early_months: Optional[int]
    """Elastic early retirement: this many months before the statutory age."""
    special: Optional[Special]
    """Early retirement route for special work or certified illness."""


class RetirementFields(TypedDict, total=False):
    """The fields of :class:`RetirementInput`, none required: an input dict and keyword
    arguments together make the ``retirement`` input.
    """
    birth: str
    """Birth month."""
    category: Category
    """Schedule category."""
    contribution_months: Optional[int]
    """Contribution months (incl. deemed 视同) counted at the retirement
    month; when given, the result answers eligibility.
    """
    delay_months: Optional[int]
    """Elastic late retirement: this many months after the statutory age."""
    early_months: Optional[int]
    """Elastic early retirement: this many months before the statutory age."""
    special: Optional[Special]
    """Early retirement route for special work or certified illness."""


class _SurvivorInputRequired(TypedDict):
    contribution_months: int
    """Contribution months, deemed (视同) months included."""


class SurvivorInput(_SurvivorInputRequired, total=False):
    """The case of one death.

    Y is either given (`monthly_income_base`) or looked up in the rule set
    (`region` + `death_month`: the income of the year before the death).
    """
    account_balance: Optional[DecimalLike]
    """Individual-account balance at the death (from the account ledger)."""
    death_month: Optional[str]
    """Month of death: selects the rules in force and the income year.
    Without it, the rules in force on the snapshot's date apply.
    """
    monthly_income_base: Optional[DecimalLike]
    """Y in yuan per month, when known (otherwise from `region` + `death_month`)."""
    pension_months_received: Optional[int]
    """For a pensioner: months of pension received. Its presence marks the
    person as a pensioner (the 9-month floor applies).
    """
    personal_part: Optional[DecimalLike]
    """Part of `account_balance` from personal contributions and their
    interest; needed where only that part is inheritable (deaths before
    2011-07-01 under the national rules).
    """
    region: Optional[str]
    """GB/T 2260 code of the province; must be the rule set's region."""


class SurvivorFields(TypedDict, total=False):
    """The fields of :class:`SurvivorInput`, none required: an input dict and keyword
    arguments together make the ``survivor`` input.
    """
    account_balance: Optional[DecimalLike]
    """Individual-account balance at the death (from the account ledger)."""
    contribution_months: int
    """Contribution months, deemed (视同) months included."""
    death_month: Optional[str]
    """Month of death: selects the rules in force and the income year.
    Without it, the rules in force on the snapshot's date apply.
    """
    monthly_income_base: Optional[DecimalLike]
    """Y in yuan per month, when known (otherwise from `region` + `death_month`)."""
    pension_months_received: Optional[int]
    """For a pensioner: months of pension received. Its presence marks the
    person as a pensioner (the 9-month floor applies).
    """
    personal_part: Optional[DecimalLike]
    """Part of `account_balance` from personal contributions and their
    interest; needed where only that part is inheritable (deaths before
    2011-07-01 under the national rules).
    """
    region: Optional[str]
    """GB/T 2260 code of the province; must be the rule set's region."""


class _TransferInputRequired(TypedDict):
    hukou_region: str
    """GB/T 2260 code of the household registration (户籍所在地); its
    province counts.
    """
    birth: str
    """Birth month."""
    category: Category
    """Retirement category (sets the temporary-account age)."""
    history: Sequence[Span]
    """The contribution history; every paid and deemed span names its
    `region` (deemed years count where they were earned).
    """
    retirement_month: str
    """The month benefits are claimed (the plan's end)."""


class TransferInput(_TransferInputRequired, total=False):
    """Who moves where: the history by place, the household registration and
    what the money and the award need besides the rules.
    """
    account_balance: Optional[DecimalLike]
    """The account balance at retirement, instead of the ledger's."""
    account_personal_1997: Optional[DecimalLike]
    """The personal-contribution part of the account (本息) at 1997-12-31:
    what moves for the years before 1998 (国办发〔2009〕66号 第四条 (一)).
    """
    account_transfers: Sequence[KnownAccount]
    """Account amounts known for some moves (they replace the ledger there)."""
    approved_moves: Sequence[str]
    """First months in a new province of moves approved by a 县级以上
    党委组织部门 or 人社部门 (调动): they move the relation whatever the age.
    """
    average_wages: Optional[Mapping[Union[int, str], DecimalLike]]
    """The benefit place's average monthly wages by year (the award's
    `average_wages`), where its rule set lacks them or it has none.
    """
    deemed_index: Optional[DecimalLike]
    """Deemed index (视同缴费指数), where deemed months enter the average."""
    employer_rates: Mapping[str, DecimalLike]
    """Employer contribution rates by region, for temporary accounts in
    places without a rule set (or to override it).
    """
    pension_base: Optional[DecimalLike]
    """The benefit place's 计发基数 (the award's `pension_base`)."""
    rates: Mapping[Union[int, str], DecimalLike]
    """Account interest rates by year, for years the rule set lacks (before
    2016 each province set its own) or to override it.
    """
    residents_scheme: Optional[ResidentsScheme]
    """The residents' scheme record, for the 2014 scheme link."""


class TransferFields(TypedDict, total=False):
    """The fields of :class:`TransferInput`, none required: an input dict and keyword
    arguments together make the ``transfer`` input.
    """
    account_balance: Optional[DecimalLike]
    """The account balance at retirement, instead of the ledger's."""
    account_personal_1997: Optional[DecimalLike]
    """The personal-contribution part of the account (本息) at 1997-12-31:
    what moves for the years before 1998 (国办发〔2009〕66号 第四条 (一)).
    """
    account_transfers: Sequence[KnownAccount]
    """Account amounts known for some moves (they replace the ledger there)."""
    approved_moves: Sequence[str]
    """First months in a new province of moves approved by a 县级以上
    党委组织部门 or 人社部门 (调动): they move the relation whatever the age.
    """
    average_wages: Optional[Mapping[Union[int, str], DecimalLike]]
    """The benefit place's average monthly wages by year (the award's
    `average_wages`), where its rule set lacks them or it has none.
    """
    birth: str
    """Birth month."""
    category: Category
    """Retirement category (sets the temporary-account age)."""
    deemed_index: Optional[DecimalLike]
    """Deemed index (视同缴费指数), where deemed months enter the average."""
    employer_rates: Mapping[str, DecimalLike]
    """Employer contribution rates by region, for temporary accounts in
    places without a rule set (or to override it).
    """
    history: Sequence[Span]
    """The contribution history; every paid and deemed span names its
    `region` (deemed years count where they were earned).
    """
    hukou_region: str
    """GB/T 2260 code of the household registration (户籍所在地); its
    province counts.
    """
    pension_base: Optional[DecimalLike]
    """The benefit place's 计发基数 (the award's `pension_base`)."""
    rates: Mapping[Union[int, str], DecimalLike]
    """Account interest rates by year, for years the rule set lacks (before
    2016 each province set its own) or to override it.
    """
    residents_scheme: Optional[ResidentsScheme]
    """The residents' scheme record, for the 2014 scheme link."""
    retirement_month: str
    """The month benefits are claimed (the plan's end)."""


#: The result class of each computation kind.
RESULT_TYPES: Dict[str, type] = {
    'account': AccountStatement,
    'adjustment': AdjustmentResult,
    'award': AwardResult,
    'contribution': ContributionResult,
    'payroll': PayrollDeclaration,
    'plan': Plan,
    'projection': ProjectionResult,
    'recompute': AwardRecomputation,
    'retirement': RetirementResult,
    'survivor': SurvivorResult,
    'transfer': TransferResult,
}
