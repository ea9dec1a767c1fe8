"""Typed results: every field the engine writes is declared, to_dict()
gives it back, explanations cite their sources."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from conftest import VECTORS
from pension_rules import (
    AccountStatement,
    AdjustmentResult,
    AwardResult,
    ContributionResult,
    Engine,
    ProjectionResult,
    Record,
    RetirementResult,
    SurvivorResult,
    Trace,
    TransferResult,
)
from pension_rules._generated import RESULT_TYPES

TYPED = [
    ("contribution", ContributionResult),
    ("account", AccountStatement),
    ("retirement", RetirementResult),
    ("award", AwardResult),
    ("transfer", TransferResult),
    ("adjustment", AdjustmentResult),
    ("survivor", SurvivorResult),
    ("projection", ProjectionResult),
]


def _cases(kind: str):
    for f in sorted(VECTORS.glob("*.json")):
        for c in json.loads(f.read_text(encoding="utf-8")):
            if c["kind"] == kind and "error" not in c["expect"]:
                yield c


def _no_extra(r: Record, path: str = "") -> None:
    """No field of the engine is unknown to the typed classes."""
    assert not r.extra, f"{path}: undeclared fields {sorted(r.extra)}"
    for name, v in vars(r).items():
        items = v if isinstance(v, list) else [v]
        for i in items:
            if isinstance(i, Record):
                _no_extra(i, f"{path}.{name}")


def _jsonish(v):
    if isinstance(v, dict):
        return {k: _jsonish(x) for k, x in v.items() if x is not None and x != [] and x is not False}
    if isinstance(v, (list, tuple)):
        return [_jsonish(x) for x in v]
    if isinstance(v, (Decimal, datetime.date)):
        return str(v)
    return v


@pytest.mark.parametrize("kind,cls", TYPED, ids=[k for k, _ in TYPED])
def test_every_vector_result_is_fully_typed_and_round_trips(kind: str, cls: type) -> None:
    n = 0
    engines = {}
    for case in _cases(kind):
        e = engines.setdefault(case["ruleset"], Engine(case["ruleset"]))
        raw = e.compute(kind, case["input"])
        typed = cls.from_dict(raw)
        _no_extra(typed)
        assert _jsonish(typed.to_dict()) == _jsonish(raw)
        n += 1
    assert n >= 5


def test_retirement_fields(national: Engine) -> None:
    # the 2024 NPC retirement decision, docs/sources.md §5.3: male born 1976-02 → 62y10m in 2038-12; the
    # minimum in 2038 is 234 months, so 220 months are 14 short.
    r = national.retirement(birth="1976-02", category="male", contribution_months=220)
    assert (r.original_age, r.delay_months, r.statutory_age) == ("60y0m", 34, "62y10m")
    assert r.schedule_from == datetime.date(2025, 1, 1)
    assert r.min_contribution_months is not None and r.min_contribution_months.value == 234
    assert "2024-09-13" in r.min_contribution_months.provenance.source
    assert r.eligibility is not None and r.eligibility.required_months == 234
    assert isinstance(r.divisor, Decimal)
    d = r.to_dict()
    assert d["elastic"]["latest_month"] == "2041-12"
    assert d["trace"]["rules"]["id"] == "cn/national"


def test_survivor_from_rule_data(shaanxi: Engine) -> None:
    # Y from the rule set: Shaanxi's previous-year urban per-capita income / 12.
    r = shaanxi.survivor(region="610000", death_month="2024-03", contribution_months=300)
    assert r.income_year == 2023
    assert r.rules_date == datetime.date(2024, 3, 1)
    assert r.total == r.funeral_grant + r.survivor_allowance


def test_explain_lists_steps_with_sources(national: Engine) -> None:
    t = national.explain("retirement", {"birth": "1971-04", "category": "female_55"})
    assert isinstance(t, Trace)
    names = [s.name for s in t.steps]
    assert "statutory_age" in names
    sourced = [p for s in t.steps for p in s.params]
    assert sourced and all(p.provenance.source for p in sourced)
    text = str(t)
    assert "法定退休年龄" in text and "2024-09-13" in text


def test_trace_can_be_switched_off(national: Engine) -> None:
    r = national.retirement(birth="1976-02", category="male", trace=False)
    assert r.trace.steps == [] and r.trace.rules.id == "cn/national"


def test_figures_are_the_vector_fields(national: Engine) -> None:
    f = national.figures("retirement", birth="1971-04", category="female_55")
    assert f["retirement_month"] == "2026-08" and f["age"] == "55y4m"


def test_every_kind_has_a_typed_method() -> None:
    # payroll and recompute are kinds too (Engine.payroll, Engine.recompute).
    assert sorted(Engine.kinds()) == sorted(RESULT_TYPES)
    for kind in Engine.kinds():
        assert callable(getattr(Engine, kind))


def test_award_history_form_with_index_years(shaanxi: Engine) -> None:
    case = next(c for c in _cases("award") if "history" in c["input"])
    r = Engine(case["ruleset"]).award(case["input"])
    assert r.form == "history" and r.index is not None and r.index.years
    assert r.total == r.basic_pension + r.account_pension + r.transitional_pension
    for field, want in case["expect"].items():
        got = getattr(r, field)
        assert Decimal(str(got)) == Decimal(str(want)), field


def test_account_trace_and_years(national: Engine) -> None:
    # derived-account-1 (docs/sources.md §9.1 T15): 2023 at 3.97 %, 劳办发〔1997〕116号.
    r = national.account(opening_balance="100000.00", opening_year=2022,
                         credits=[{"year": 2023, "amount": 4800}], through_year=2023)
    assert r.balance == Decimal("108873.19")
    assert r.years[0].method.kind == "full_year" and r.years[0].rate == Decimal("0.0397")
    assert any("account" in p.param for s in r.trace.steps for p in s.params)
