"""The :class:`Engine`: a rule set loaded once, then any number of cases."""

from __future__ import annotations

import datetime
import os
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _frames, _native
from ._generated import (
    AccountFields,
    AccountInput,
    AccountStatement,
    AdjustmentFields,
    AdjustmentInput,
    AdjustmentResult,
    AwardFields,
    AwardInput,
    AwardRecomputation,
    AwardResult,
    CheckReport,
    Choices,
    ContributionFields,
    ContributionInput,
    ContributionResult,
    PayrollDeclaration,
    PayrollRow,
    ProjectionFields,
    ProjectionInput,
    ProjectionResult,
    RetirementFields,
    RetirementInput,
    RetirementResult,
    RuleSetIdentity,
    RuleSetInfo,
    RulesShow,
    SurvivorFields,
    SurvivorInput,
    SurvivorResult,
    Trace,
    TransferFields,
    TransferInput,
    TransferResult,
)

if sys.version_info >= (3, 11):
    from typing import Unpack
elif TYPE_CHECKING:  # only annotations use it (they are not evaluated at run time)
    from typing_extensions import Unpack

__all__ = ["Engine", "Overlay"]

#: An overlay: TOML text, a path to a TOML file, or the same document as a
#: dict (dates as ``datetime.date`` or ``"YYYY-MM-DD"``, values as strings or
#: Decimal).
Overlay = Union[str, "os.PathLike[str]", Mapping[str, Any]]

#: Something :func:`Engine.check` reads: a path to a vector file, JSON text,
#: or the cases as Python data.
Vectors = Union[str, "os.PathLike[str]", Mapping[str, Any], List[Mapping[str, Any]]]


#: A date given to the bitemporal award views: ``datetime.date`` or ``"YYYY-MM-DD"``.
DateLike = Union[datetime.date, str]

#: A unit's payroll: CSV text (header ``employee_id,wage,employment``), a
#: path to a ``.csv`` or ``.json`` file, a list of row dicts, or a pandas /
#: Polars DataFrame with those columns.
Payroll = Union[str, "os.PathLike[str]", Iterable[PayrollRow], Iterable[Mapping[str, Any]], Any]


def _opt(d: Optional[DateLike]) -> Optional[str]:
    return None if d is None else str(d)


def _payroll_rows(rows: Any) -> Any:
    """CSV text as it is; a file read; a frame or rows as a list of dicts."""
    if isinstance(rows, os.PathLike):
        path = Path(rows)
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".csv":
            return text
        import json

        return json.loads(text)
    if isinstance(rows, str):
        if "\n" not in rows and rows.strip().lower().endswith((".csv", ".json")):
            raise TypeError(
                f"payroll: {rows!r} looks like a file name; pass pathlib.Path({rows!r}) "
                "for a file (a str is the CSV text itself)"
            )
        return rows
    if type(rows).__module__.split(".")[0] in ("pandas", "polars"):
        columns, n = _frames.to_columns(rows)
        return [
            {name: values[i] for name, values in columns.items() if values[i] is not None}
            for i in range(n)
        ]
    if isinstance(rows, Mapping):
        return dict(rows)
    return [dict(r) for r in rows]


def _input(data: Optional[Mapping[str, Any]], fields: Mapping[str, Any]) -> Mapping[str, Any]:
    if not data:  # keyword fields only: their dict is already a fresh one
        return fields
    out = dict(data)
    out.update(fields)
    return out


class Engine:
    """A rule set loaded, validated and hashed once; every computation of the
    library on it.

    ``ruleset`` is a shipped id (``"cn/national"``, ``"cn/shaanxi"``) or one
    found under ``rules_dir``; ``overlays`` are reform scenarios layered on
    top, in order (see docs/rules-format.md).

    ``pin`` refuses rule data other than the approved: the content hash of
    ``ruleset`` (as ``Engine.rules_hash().hash`` or ``pension-rules rules
    hash`` gives it, bare or ``sha256:…``), or a mapping ``{id: hash}`` that
    also holds for the other sets the engine loads (a transfer's places, the
    cases of :meth:`check`). A set whose hash differs raises
    :class:`~pension_rules.LoadError` with ``code == "hash_mismatch"``. The
    pin is on the set as loaded, before ``overlays``. Pins take the full
    hash or its first 12 or more hex digits (the short hash outputs print);
    a malformed pin raises :class:`~pension_rules.InputError`.

    A set of ``rules_dir`` with the id and version of a shipped set but other
    content raises :class:`~pension_rules.LoadError` (``code ==
    "ruleset_conflict"``) unless ``allow_override=True``; an allowed
    replacement warns and is named in ``identity.overrides``
    (``identity.origin`` says where every set comes from).

    >>> from pension_rules import LoadError
    >>> approved = Engine("cn/shaanxi").rules_hash().hash
    >>> Engine("cn/shaanxi", pin=approved).identity.id
    'cn/shaanxi'
    >>> try:
    ...     Engine("cn/shaanxi", pin="0" * 64)
    ... except LoadError as e:
    ...     print(e.code)
    hash_mismatch

    Inputs are the vector-format fields (docs/vectors.md), as a dict or as
    keyword arguments (typed for type checkers from docs/schema: ``AwardInput``,
    ``AwardFields`` …; see ``pension_rules._generated``). Amounts are exact: pass ``decimal.Decimal``, ``str``
    or ``int``; a ``float`` is refused (:class:`~pension_rules.InputError`)
    because it cannot hold most amounts exactly.

    >>> from pension_rules import Engine
    >>> engine = Engine("cn/national")
    >>> r = engine.retirement(birth="1976-02", category="male", contribution_months=220)
    >>> r.statutory_age, r.statutory_month        # the 2024 NPC retirement decision, docs/sources.md §5.3 example
    ('62y10m', '2038-12')
    >>> r.elastic.earliest_month, r.elastic.latest_month
    ('2036-02', '2041-12')
    >>> r.eligibility.eligible, r.eligibility.short_by_months
    (False, 14)
    >>> engine.identity.id
    'cn/national'
    """

    def __init__(
        self,
        ruleset: str = "cn/shaanxi",
        *,
        rules_dir: Union[str, "os.PathLike[str]", None] = None,
        overlays: Iterable[Overlay] = (),
        pin: Union[str, Mapping[str, str], None] = None,
        allow_override: bool = False,
    ) -> None:
        if pin is None:
            pins: List[Tuple[str, str]] = []
        elif isinstance(pin, str):
            pins = [(ruleset, pin)]
        elif isinstance(pin, Mapping):
            pins = [(str(k), str(v)) for k, v in pin.items()]
        else:
            raise TypeError(
                f"pin: expected a hash (str) or a mapping {{id: hash}}, got {type(pin).__name__}"
            )
        pairs = []
        for i, o in enumerate(overlays):
            if isinstance(o, os.PathLike):
                pairs.append((os.fspath(o), Path(o).read_text(encoding="utf-8")))
            elif isinstance(o, str) and "\n" not in o and o.strip().endswith(".toml"):
                raise TypeError(
                    f"overlay[{i}]: {o!r} looks like a file name; pass pathlib.Path({o!r}) "
                    "for a file (a str is the TOML text itself)"
                )
            elif isinstance(o, (str, Mapping)):
                pairs.append((f"overlay[{i}]", o if isinstance(o, str) else dict(o)))
            else:
                raise TypeError(
                    f"overlay[{i}]: expected TOML text, a path or a dict, got {type(o).__name__}"
                )
        rules_dir = None if rules_dir is None else os.fspath(rules_dir)
        self._native = _native.NativeEngine(ruleset, rules_dir, pairs, pins, bool(allow_override))
        replaced = self.identity.overrides
        if replaced is not None:
            warnings.warn(
                f"rule set {self.identity.id} from {self.identity.origin} replaces the shipped "
                f"{replaced} (allow_override=True)",
                stacklevel=2,
            )

    def __repr__(self) -> str:
        i = self.identity
        return f"Engine({i.id!r}, version={i.version!r}, hash={i.hash[:12]!r})"

    # ------------------------------------------------------------ rules

    @property
    def identity(self) -> RuleSetIdentity:
        """Id (with overlays), version and content hash of the rules in use."""
        return RuleSetIdentity.from_dict(self._native.identity())

    def rules_hash(self) -> RuleSetIdentity:
        """Id, version and sha256 of the rules in use (as ``rules hash``).

        >>> Engine("cn/shaanxi").rules_hash().version  # doctest: +ELLIPSIS
        '...'
        """
        return self.identity

    def rules_list(self) -> List[RuleSetInfo]:
        """The rule sets this engine can load (shipped, then ``rules_dir``).

        >>> ids = [r.id for r in Engine().rules_list()]
        >>> ids[:3], "cn/sichuan" in ids, "cn/liaoning/shenyang" in ids
        (['cn/anhui', 'cn/beijing', 'cn/chongqing'], True, True)
        """
        return [RuleSetInfo.from_dict(d) for d in self._native.list()]

    def rules_show(
        self,
        as_of: Union[datetime.date, str, None] = None,
        known_on: Union[datetime.date, str, None] = None,
    ) -> RulesShow:
        """Every parameter in force on ``as_of`` (default: today), as known
        on ``known_on``, each value with its legal source.

        >>> show = Engine("cn/shaanxi").rules_show("2025-06-30")
        >>> rate = show.param("contribution.employer_rate").values[0]
        >>> rate.value, "国办发〔2019〕13号" in rate.provenance.source
        ('0.16', True)
        """
        day = as_of or datetime.date.today()
        d = self._native.show(str(day), None if known_on is None else str(known_on))
        return RulesShow.from_dict(d)

    def choices(self, field: str, as_of: Union[datetime.date, str, None] = None) -> Choices:
        """The values ``field`` takes from the rule set's lists on ``as_of``
        (default: today), with their titles: ``deemed_index_locality``
        (广东's 1993 localities) or ``attributes.<name>`` of a text attribute.

        >>> c = Engine("cn/guangdong").choices("deemed_index_locality", "2026-01-01")
        >>> [x.title for x in c.choices if x.value == "guangzhou"][0][:3]
        '广州市'
        >>> [x.value for x in Engine("cn/qinghai").choices("attributes.region_class").choices]
        ['xining', 'other']
        """
        day = as_of or datetime.date.today()
        return Choices.from_dict(self._native.choices(field, str(day)))

    # ------------------------------------------------------------ computations

    @staticmethod
    def kinds() -> List[str]:
        """The computations this build offers (``retirement``, ``survivor`` …)."""
        return list(_native.NativeEngine.kinds())

    def compute(self, kind: str, input: Mapping[str, Any], *, trace: bool = True) -> Dict[str, Any]:
        """The full result of any computation as a plain dict (decimal
        strings as the engine writes them); the typed methods wrap this.

        >>> Engine("cn/national").compute("retirement", {"birth": "1965-01", "category": "male"})["statutory_age"]
        '60y1m'
        """
        return self._native.compute(kind, input, trace)  # type: ignore[no-any-return]

    def contribution(
        self,
        input: Union[ContributionInput, ContributionFields, None] = None,
        /,
        *,
        trace: bool = True,
        **fields: Unpack[ContributionFields],
    ) -> ContributionResult:
        """缴费: one month's contribution base (clamped to the year's floor and
        cap), employer and individual amounts, account credit, pooled part.

        Fields: ``month``, ``employment`` (employee, flexible), ``wage``
        (employees) or ``chosen_base`` (flexible).

        >>> r = Engine("cn/shaanxi").contribution(month="2023-06", wage="3500.00", employment="employee")
        >>> r.position, r.base, r.employer, r.individual   # vector contribution-shaanxi-2023-06-employee-below-floor
        ('below_floor', Decimal('4217.20'), Decimal('674.75'), Decimal('337.38'))
        """
        d = self._native.compute_typed("contribution", _input(input, fields), trace)
        return ContributionResult._native(d)

    def account(
        self,
        input: Union[AccountInput, AccountFields, None] = None,
        /,
        *,
        trace: bool = True,
        **fields: Unpack[AccountFields],
    ) -> AccountStatement:
        """个人账户: the individual account ledger with yearly interest, year by
        year, and a partial-year close (retirement, death, transfer out).

        Fields: ``opening_balance``, ``opening_year``, ``credits`` (by
        ``month`` or ``year``), optional ``postings``, ``through_year``,
        ``close``, ``rates``.

        >>> r = Engine("cn/national").account(   # derived-account-1: 劳办发〔1997〕116号, 2023 rate 3.97 %
        ...     opening_balance="100000.00", opening_year=2022,
        ...     credits=[{"year": 2023, "amount": "4800"}], through_year=2023)
        >>> r.balance, r.years[0].interest
        (Decimal('108873.19'), Decimal('4073.19'))
        """
        d = self._native.compute_typed("account", _input(input, fields), trace)
        return AccountStatement._native(d)

    def award(
        self,
        input: Union[AwardInput, AwardFields, None] = None,
        /,
        *,
        trace: bool = True,
        known_on: Optional[DateLike] = None,
        **fields: Unpack[AwardFields],
    ) -> AwardResult:
        """待遇核定: the pension award — 基础养老金, 个人账户养老金, 过渡性养老金 and
        the total — from a summary (months, average index, account balance)
        or a contribution history.

        ``known_on`` evaluates the award as known on that date (the CLI's
        ``award --known-on``): a value published later, such as the final
        计发基数, is not seen, and a provisional (预发) one is used instead.

        >>> from decimal import Decimal
        >>> r = Engine("cn/shaanxi").award(   # derived-award-2 (docs/sources.md §9.2 worked example 11)
        ...     category="male", birth="1964-06", retirement_month="2024-06",
        ...     contribution_months=360, deemed_months=120,
        ...     average_index=Decimal("0.8"), account_balance=Decimal("120000"))
        >>> r.basic_pension, r.account_pension, r.transitional_pension, r.total
        (Decimal('2781.72'), Decimal('863.31'), Decimal('865.42'), Decimal('4510.45'))
        """
        d = self._native.compute_typed("award", _input(input, fields), trace, None if known_on is None else str(known_on))
        return AwardResult._native(d)

    def award_text(
        self,
        input: Union[AwardInput, AwardFields, None] = None,
        /,
        *,
        format: str = "zh",
        known_on: Optional[DateLike] = None,
        final_known_on: Optional[DateLike] = None,
        arrears_through: Optional[str] = None,
        **fields: Unpack[AwardFields],
    ) -> str:
        """The award as text, exactly as ``pension-rules award --format
        zh|en|table`` prints it (without the final newline): ``"zh"`` and
        ``"en"`` explain every figure with its formula and legal source,
        ``"table"`` is the 核定表. With ``arrears_through`` (``"YYYY-MM"``),
        the provisional → final recomputation (see :meth:`recompute`).

        >>> t = Engine("cn/shaanxi").award_text(   # derived-award-2 (docs/sources.md §9.2 worked example 11)
        ...     category="male", birth="1964-06", retirement_month="2024-06",
        ...     contribution_months=360, deemed_months=120,
        ...     average_index="0.8", account_balance="120000", format="table")
        >>> "4510.45" in t
        True
        """
        return self._native.award_text(  # type: ignore[no-any-return]
            _input(input, fields),
            format,
            _opt(known_on),
            _opt(final_known_on),
            arrears_through,
        )

    def recompute(
        self,
        input: Union[AwardInput, AwardFields, None] = None,
        /,
        *,
        arrears_through: str,
        known_on: Optional[DateLike] = None,
        final_known_on: Optional[DateLike] = None,
        trace: bool = True,
        **fields: Unpack[AwardFields],
    ) -> AwardRecomputation:
        """The award first made on the provisional (预发) 计发基数 as known on
        ``known_on`` (default: the first day of the retirement month), then
        recomputed as known on ``final_known_on`` (default: everything in
        the rule set), with the monthly difference and the arrears (补发)
        from the first pension month through ``arrears_through``
        (``"YYYY-MM"``, inclusive): the CLI's ``award --known-on …
        --final-known-on … --arrears-through …``. Yearly pension increases
        in between are not included.

        >>> r = Engine("cn/shaanxi").recompute(   # docs/sources.md §11.1: 预发 7727, final 7881
        ...     category="male", birth="1965-01", retirement_month="2025-02",
        ...     contribution_months=385, deemed_months=130,
        ...     average_index="0.9", account_balance="160000",
        ...     known_on="2025-08-01", final_known_on="2026-07-01", arrears_through="2026-06")
        >>> r.provisional.total, r.final.total, r.monthly_difference
        (Decimal('5361.17'), Decimal('5444.98'), Decimal('83.81'))
        >>> r.arrears_months, r.arrears
        (16, Decimal('1340.96'))
        """
        d = self._native.award_with(
            _input(input, fields), _opt(known_on), _opt(final_known_on), arrears_through, trace
        )
        return AwardRecomputation.from_dict(d)

    def payroll(
        self,
        rows: Payroll,
        *,
        month: Optional[str] = None,
        year: Optional[int] = None,
        trace: bool = False,
    ) -> PayrollDeclaration:
        """单位缴费申报: a unit's payroll for a ``month`` (``"YYYY-MM"``) or a
        whole ``year`` (assessed month by month), as ``pension-rules
        contribution --payroll FILE --format json`` gives it: one
        :class:`~pension_rules.PayrollLine` per input row, in order — the
        amounts, or ``error`` for a row that was rejected (nothing is
        dropped) — the unit's totals, and the rows needing attention (below
        the floor, above the cap, invalid, repeated id).

        ``rows``: CSV text (header ``employee_id,wage,employment``), a path
        to a ``.csv`` or ``.json`` file, a list of dicts, or a pandas /
        Polars DataFrame with those columns (wages as str, Decimal or int).

        >>> csv = "employee_id,wage,employment\\nE1,3000,employee\\nE2,6123.45,employee\\nE3,abc,employee\\n"
        >>> r = Engine("cn/shaanxi").payroll(csv, month="2024-03")
        >>> r.totals.employer, r.rows[2].error.code   # 16 % of the 2024 floor 4559 and of 6123.45
        (Decimal('1709.19'), 'invalid_input')
        >>> [(a.row, a.issue) for a in r.attention]   # rows from 1, as in the CLI's table
        [(1, 'below_floor'), (3, 'invalid')]
        """
        d = self._native.payroll(_payroll_rows(rows), month, year, trace)
        return PayrollDeclaration.from_dict(d)

    def transfer(
        self,
        input: Union[TransferInput, TransferFields, None] = None,
        /,
        *,
        trace: bool = True,
        **fields: Unpack[TransferFields],
    ) -> TransferResult:
        """关系转移接续: for a history across places (``history`` spans with
        ``region``), where the pension is claimed (国办发〔2009〕66号 第六条),
        temporary accounts, the account and pooled money moved, and the award
        at the receiving place. This engine's rules are the primary set;
        every other set it can load serves the places by region.

        >>> r = Engine("cn/national").transfer(
        ...     hukou_region="610000", birth="1964-05", category="male",
        ...     retirement_month="2024-05", history=[
        ...         {"from": "1990-01", "to": "2015-12", "kind": "deemed", "region": "440100"},
        ...         {"from": "2016-01", "to": "2017-12", "base": "6000", "region": "440100"},
        ...         {"from": "2018-01", "to": "2024-04", "base": "6000", "region": "610100"}])
        >>> r.receipt.region, r.receipt.rule, r.award is not None
        ('610000', 'hukou', True)
        """
        d = self._native.compute_typed("transfer", _input(input, fields), trace)
        return TransferResult._native(d)

    def adjustment(
        self,
        input: Union[AdjustmentInput, AdjustmentFields, None] = None,
        /,
        *,
        trace: bool = True,
        **fields: Unpack[AdjustmentFields],
    ) -> AdjustmentResult:
        """基本养老金调整: one retiree's pension increase in one year (fixed
        part, years part, percentage part, age extra).

        >>> r = Engine("cn/shaanxi").adjustment(   # adjustment-shaanxi-2017-case-a
        ...     year=2017, pension="3000", contribution_months=420,
        ...     birth="1944-05", retirement_month="2004-05")
        >>> r.increase, r.pension_after
        (Decimal('186.00'), Decimal('3186.00'))
        """
        d = self._native.compute_typed("adjustment", _input(input, fields), trace)
        return AdjustmentResult._native(d)

    def retirement(
        self,
        input: Union[RetirementInput, RetirementFields, None] = None,
        /,
        *,
        trace: bool = True,
        **fields: Unpack[RetirementFields],
    ) -> RetirementResult:
        """退休: statutory retirement age and month under the law in force
        when it is reached (2025 gradual reform), the elastic window, the
        minimum contribution months, eligibility and 计发月数.

        Fields: ``birth`` ("YYYY-MM"), ``category`` (male, female_50,
        female_55), optional ``contribution_months``, ``early_months`` or
        ``delay_months``, ``special`` (arduous_work, disability).

        >>> r = Engine("cn/national").retirement({"birth": "1971-04", "category": "female_55"})
        >>> r.retirement_month, r.retirement_age   # the 2024 NPC retirement decision, docs/sources.md §5.3
        ('2026-08', '55y4m')
        """
        d = self._native.compute_typed("retirement", _input(input, fields), trace)
        return RetirementResult._native(d)

    def survivor(
        self,
        input: Union[SurvivorInput, SurvivorFields, None] = None,
        /,
        *,
        trace: bool = True,
        **fields: Unpack[SurvivorFields],
    ) -> SurvivorResult:
        """遗属待遇: funeral grant and survivor allowance for one death
        (人社部发〔2021〕18号), and the inheritable account balance.

        >>> from decimal import Decimal
        >>> r = Engine("cn/national").survivor(   # 《当代工人》2023年2期 案例1
        ...     monthly_income_base=Decimal("2818.5"),
        ...     contribution_months=345, pension_months_received=42)
        >>> r.allowance_months, r.survivor_allowance, r.total
        (Decimal('19.25'), Decimal('54256.13'), Decimal('59893.13'))
        """
        d = self._native.compute_typed("survivor", _input(input, fields), trace)
        return SurvivorResult._native(d)

    def projection(
        self,
        input: Union[ProjectionInput, ProjectionFields, None] = None,
        /,
        *,
        trace: bool = True,
        **fields: Unpack[ProjectionFields],
    ) -> ProjectionResult:
        """养老金测算: a person's future years under stated assumptions — the
        yearly path (index, base, credits, interest, balance; each average
        wage, 记账利率 and the 计发基数 marked ``rules``, ``provisional``,
        ``assumed`` or ``projected`` with its basis) and the estimated award
        at the chosen (default: statutory) retirement month.

        Fields: ``category``, ``birth``, optional ``retirement_month``,
        ``from`` (first month projected; pass it in the dict, it is a Python
        keyword), the past (``contribution_months``, ``average_index``,
        ``deemed_months``, ``account_balance`` at the end of the year before
        ``from``), ``index`` or ``indexes``, and ``assumptions``
        (``average_wage_growth``, ``pension_base_growth``, ``interest_rate``;
        optional ``wage_growth``, ``average_wages``, ``pension_bases``,
        ``interest_rates`` by year). See docs/population.md.

        >>> r = Engine("cn/shaanxi").projection(   # vector projection-shaanxi-2026-statutory-60y4m-projected-base
        ...     {"from": "2026-01"}, category="male", birth="1966-01",
        ...     contribution_months=360, average_index="1.0", deemed_months=24,
        ...     account_balance="150000", index="1.2",
        ...     assumptions={"average_wage_growth": "0.05", "pension_base_growth": "0.03",
        ...                  "interest_rate": "0.025"})
        >>> r.retirement_month, r.years[0].base, r.years[0].balance
        ('2026-05', Decimal('9474.00'), Decimal('154297.47'))
        >>> r.pension_base.value, r.pension_base.source, r.award.total
        (Decimal('8117.43'), 'projected', Decimal('3984.04'))
        """
        d = self._native.compute_typed("projection", _input(input, fields), trace)
        return ProjectionResult._native(d)

    def plan(
        self,
        input: Optional[Mapping[str, Any]] = None,
        /,
        *,
        trace: bool = False,
        frame: str = "pandas",
        **fields: Any,
    ) -> Any:
        """退休与缴费规划: when to retire and what to pay — the person's
        projection for every retirement month compared (by default every
        month of the elastic window) and every future base (``bases``, as
        indexes: ``"0.6"`` … ``"3"``), as a DataFrame with one row per
        scenario: age, eligibility under the rising minimum and the months
        short, the award's components, the person's own contributions to come
        (``payer="flexible"``: the whole 20 %) and the employer's apart, the
        break-even month (回本), the lifetime value over a cited life table
        and the life expectancy at retirement beside the 计发月数.

        Fields: ``person`` (a projection input without ``assumptions``),
        ``assumptions``, optional ``retirement_months``, ``bases``, ``payer``
        (``employee``, ``flexible``), ``paid_to_date``, ``pension_growth``,
        ``discount_rate``, ``history`` (the past as contribution spans instead
        of ``person``'s summary figures), ``account_rates`` and ``average_wages``
        for its years (docs/plan.md).
        Amounts are exact ``Decimal``s. The frame's ``attrs["plan"]`` holds
        the statutory month, the window, the summary a history was reduced to
        and the assumptions stated in words; ``trace=True`` adds each scenario's
        steps as a ``trace`` column. ``frame="polars"`` gives a Polars frame
        (without the ``attrs``), ``frame="dict"`` the result as the engine
        writes it.

        >>> df = Engine("cn/shaanxi").plan(   # vector plan-shaanxi-2024-statutory-employee-break-even
        ...     person={"category": "male", "birth": "1964-12", "from": "2024-01",
        ...             "contribution_months": 348, "average_index": "0.8", "deemed_months": 120,
        ...             "account_balance": "100000", "index": "1.0"},
        ...     assumptions={"average_wage_growth": "0.05", "pension_base_growth": "0.03",
        ...                  "interest_rate": "0.025"},
        ...     retirement_months=["2024-12"], paid_to_date="40000")
        >>> r = df.iloc[0]
        >>> r.total, r.own_to_come, r.employer_to_come, r.break_even_month, r.lifetime_value
        (Decimal('4442.79'), Decimal('6686.57'), Decimal('13373.03'), '2025-10', Decimal('1212470.37'))
        """
        from decimal import Decimal

        d = self._native.compute("plan", _input(input, fields), trace)
        if frame == "dict":
            return d
        decimals = {
            "index", "years", "basic_pension", "account_pension", "transitional_pension",
            "local_extras", "total", "account_balance", "divisor", "paid_to_date",
            "own_to_come", "employer_to_come", "lifetime_value", "life_expectancy_months",
        }
        columns = [
            "retirement_month", "age", "statutory", "index", "contribution_months",
            "deemed_months", "years", "required_months", "eligible", "short_by_months",
            "make_up_total", "basic_pension", "account_pension", "transitional_pension",
            "local_extras", "total", "account_balance", "divisor", "paid_to_date",
            "own_to_come", "employer_to_come", "break_even_month", "break_even_age",
            "break_even_months", "lifetime_value", "life_expectancy_months",
        ] + (["trace"] if trace else [])
        rows = []
        for s in d["scenarios"]:
            row: Dict[str, Any] = {}
            for c in columns:
                v = s.get(c)
                if c == "make_up_total":
                    costs = s.get("make_up") or []
                    own = [m for m in costs if m["index"] == s.get("index")] or costs[:1]
                    v = own[0]["total"] if own else None
                    row[c] = Decimal(v) if v is not None else None
                elif c in decimals and v is not None:
                    row[c] = Decimal(v)
                else:
                    row[c] = v
            rows.append(row)
        info = {k: v for k, v in d.items() if k != "scenarios"}
        if frame == "polars":
            import polars as pl

            return pl.DataFrame(rows, schema=columns, infer_schema_length=None)
        if frame != "pandas":
            raise ValueError(f"frame must be 'pandas', 'polars' or 'dict', got {frame!r}")
        import pandas as pd

        df = pd.DataFrame(rows, columns=columns)
        df.attrs["plan"] = info
        return df

    def explain(
        self, kind: str, input: Optional[Mapping[str, Any]] = None, /, **fields: Any
    ) -> Trace:
        """The explanation of one computation: every step with its formula
        in words, its inputs and the rule parameters with legal sources.

        >>> t = Engine("cn/national").explain("retirement", birth="1976-02", category="male")
        >>> [s.name for s in t.steps][:3]
        ['schedule', 'delay', 'statutory_age']
        >>> print(str(t).splitlines()[0])    # doctest: +ELLIPSIS
        rules: cn/national ... sha256:...
        """
        return Trace.from_dict(self._native.explain(kind, _input(input, fields)))

    def figures(
        self, kind: str, input: Optional[Mapping[str, Any]] = None, /, **fields: Any
    ) -> Dict[str, Any]:
        """The headline figures of one computation (what a batch row and a
        conformance vector hold), exactly as the engine writes them.

        >>> Engine("cn/national").figures("retirement", birth="1965-01", category="male")["age"]
        '60y1m'
        """
        return self._native.figures(kind, _input(input, fields))  # type: ignore[no-any-return]

    # ------------------------------------------------------------ conformance

    def check(self, vectors: Vectors) -> CheckReport:
        """Run conformance vectors (docs/vectors.md): a path to a vector file,
        JSON text, or the cases as data. Each case names its rule set; this
        engine's ``rules_dir`` is searched first, its overlays do not apply.

        >>> case = {"id": "x", "kind": "retirement", "ruleset": "cn/national",
        ...         "input": {"birth": "1971-04", "category": "female_55"},
        ...         "expect": {"retirement_month": "2026-08"}}
        >>> report = Engine().check([case])
        >>> report.ok(), report.cases[0].actual["age"]
        (True, '55y4m')
        """
        if isinstance(vectors, os.PathLike) or (
            isinstance(vectors, str) and not vectors.lstrip().startswith(("[", "{"))
        ):
            vectors = Path(vectors).read_text(encoding="utf-8")
        return CheckReport.from_dict(self._native.check(vectors))

    # ------------------------------------------------------------ batches

    def batch(self, kind: str, frame: Any) -> Any:
        """One computation per row of a pandas or Polars DataFrame (columns
        named as the input fields; missing values are absent fields).

        Returns a frame of the same kind with one row per input row, in
        order (pandas: the same index): the figures of each row (amounts as
        Decimal), then ``error_code`` and ``error_message``, set only for
        rows that failed; no row is dropped. The GIL is released while the
        rows are computed.

        >>> import polars as pl
        >>> rows = pl.DataFrame({"month": ["2023-06", "2023-13"], "wage": ["3500.00", "9000"],
        ...                      "employment": ["employee", "employee"]})
        >>> out = Engine("cn/shaanxi").batch("contribution", rows)
        >>> out["base"].to_list(), out["error_code"].to_list()
        ([Decimal('4217.20'), None], [None, 'invalid_input'])
        """
        columns, n = _frames.to_columns(frame)
        out = self._native.batch(kind, columns, n)
        return _frames.from_columns(out, frame)

    def retirement_batch(self, frame: Any) -> Any:
        """:meth:`batch` of ``retirement`` over a DataFrame.

        >>> import pandas as pd
        >>> people = pd.DataFrame({"birth": ["1965-01", "1976-02", "1970-13"],
        ...                        "category": ["male", "male", "male"]})
        >>> out = Engine("cn/national").retirement_batch(people)
        >>> out[["retirement_month", "error_code"]].fillna("-").values.tolist()
        [['2025-02', '-'], ['2038-12', '-'], ['-', 'invalid_input']]
        """
        return self.batch("retirement", frame)

    def award_batch(self, frame: Any) -> Any:
        """:meth:`batch` of ``award`` over a DataFrame (summary-form columns:
        category, birth, retirement_month, contribution_months,
        deemed_months, average_index, account_balance …).

        >>> import polars as pl
        >>> from decimal import Decimal
        >>> people = pl.DataFrame({
        ...     "category": ["male", "male"], "birth": ["1964-06", "1964-06"],
        ...     "retirement_month": ["2024-06", "2024-06"],
        ...     "contribution_months": [360, 360], "deemed_months": [120, None],
        ...     "average_index": [Decimal("0.8"), Decimal("-1")],
        ...     "account_balance": [Decimal("120000"), Decimal("120000")]})
        >>> out = Engine("cn/shaanxi").award_batch(people)
        >>> out["total"].to_list()[0], out["error_code"].to_list()
        (Decimal('4510.45'), [None, 'invalid_input'])
        """
        return self.batch("award", frame)

    def survivor_batch(self, frame: Any) -> Any:
        """:meth:`batch` of ``survivor`` over a DataFrame."""
        return self.batch("survivor", frame)

    # ------------------------------------------------------------ population

    def simulate(self, population: Any, reforms: Iterable[Overlay] = (), **options: Any) -> Any:
        """A population under this engine's rules and each reform:
        :func:`pension_rules.simulate` (docs/population.md).

        >>> engine = Engine("cn/shaanxi")
        >>> people = engine.synthetic_population(200, seed=7)
        >>> reform = {"overlay": {"id": "reform/rate-15"},
        ...           "contribution": {"employer_rate": {"values": [
        ...               {"from": "2030-01-01", "value": "0.15", "source": "scenario"}]}}}
        >>> run = engine.simulate(people, [reform])
        >>> run.scenarios, len(run.persons), run.summary["ok"].tolist()
        (['baseline', 'reform/rate-15'], 400, [200, 200])
        """
        from ._population import simulate

        return simulate(self, population, reforms, **options)

    def simulate_stream(self, source: Any, reforms: Iterable[Overlay] = (), **options: Any) -> Any:
        """A population too large for memory, batch by batch, in bounded
        memory: :func:`pension_rules.simulate_stream` (docs/population.md).

        >>> import pyarrow as pa
        >>> engine = Engine("cn/shaanxi")
        >>> people = engine.synthetic_population(300, seed=2, frame="arrow")
        >>> reader = pa.RecordBatchReader.from_batches(people.schema, people.to_batches(max_chunksize=100))
        >>> stream = engine.simulate_stream(reader)
        >>> sum(batch.num_rows for batch in stream), int(stream.summary["persons"][0])
        (300, 300)
        """
        from ._population import simulate_stream

        return simulate_stream(self, source, reforms, **options)

    def synthetic_population(
        self, n: int, seed: int = 1, *, frame: str = "pandas", arrow: Optional[bool] = None
    ) -> Any:
        """``n`` synthetic Shaanxi-like persons as a DataFrame
        (:func:`pension_rules.synthetic_population`)."""
        from ._population import synthetic_population

        return synthetic_population(self, n, seed, frame=frame, arrow=arrow)
