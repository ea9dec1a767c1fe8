"""Engine.projection: the conformance vectors' figures (derived in Python
decimal by tests/vectors/derive/projection.py), figure origins, every field
problem at once, exact amounts only."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import pension_rules

from conftest import VECTORS
from pension_rules import Engine, InputError, ProjectionResult


def _cases():
    cases = json.loads((VECTORS / "projection.json").read_text(encoding="utf-8"))
    return [c for c in cases if "error" not in c["expect"]]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_vectors(shaanxi: Engine, case) -> None:
    r = shaanxi.projection(case["input"])
    assert isinstance(r, ProjectionResult)
    want = case["expect"]
    assert r.retirement_month == want["retirement_month"]
    assert r.statutory is want["statutory"]
    assert r.award.total == Decimal(want["total"])
    assert r.account_balance == Decimal(want["account_balance"])
    assert r.pension_base.source == want["pension_base_source"]
    assert [y.year for y in r.years] == [y["year"] for y in want["years"]]
    for got, exp in zip(r.years, want["years"]):
        assert got.balance == Decimal(exp["balance"])
        if "average_wage_source" in exp:
            assert got.average_wage.source == exp["average_wage_source"]
    assert r.trace.rules.id == "cn/shaanxi" and len(r.trace.rules.hash) == 64
    # The award's steps are in the projection's trace; the award has none.
    assert isinstance(r.award, pension_rules.ProjectedAward)
    assert not hasattr(r.award, "trace") and r.trace.steps


def test_figures_cite_their_basis(shaanxi: Engine) -> None:
    case = next(c for c in _cases() if c["id"].endswith("female-55-explicit-assumptions"))
    r = shaanxi.projection(case["input"])
    first, second, third = r.years
    assert first.average_wage.source == "rules" and "陕人社函〔2026〕326号" in (first.average_wage.basis or "")
    assert second.average_wage.source == "assumed"
    assert second.average_wage.basis == "assumptions.average_wages.2026"
    assert third.average_wage.source == "projected"
    assert r.pension_base.source == "assumed" and r.pension_base.value == Decimal("8500")
    assert r.assumptions.average_wages == {"2026": Decimal("8300")}


def test_every_problem_at_once(shaanxi: Engine) -> None:
    with pytest.raises(InputError) as e:
        shaanxi.projection(
            {"from": "2026-01"}, category="male", birth="1966-01", index="0",
            assumptions={"average_wage_growth": "-1", "pension_base_growth": "0.03",
                         "interest_rate": "0.02", "pension_bases": {"2030": "-5"}})
    paths = [p for p, _ in e.value.fields]
    assert paths == ["index", "assumptions.average_wage_growth", "assumptions.pension_bases.2030"]
    with pytest.raises(InputError) as e:
        shaanxi.projection({"from": "2026-01"}, category="male", birth="1966-01", index="1",
                           assumptions={"average_wage_growth": "0.05"})
    paths = [p for p, _ in e.value.fields]
    assert paths == ["assumptions.pension_base_growth", "assumptions.interest_rate"]


def test_exact_amounts_only(shaanxi: Engine) -> None:
    base = {"from": "2026-01", "category": "male", "birth": "1966-01",
            "contribution_months": 360, "average_index": "1.0", "deemed_months": 24,
            "index": "1.2"}
    a = {"average_wage_growth": "0.05", "pension_base_growth": "0.03", "interest_rate": "0.025"}
    # An int balance is exact: the same as the string.
    r = shaanxi.projection(base, account_balance=150000, assumptions=a)
    assert r.award.total == Decimal("3984.04")
    with pytest.raises(InputError):
        shaanxi.projection(base, account_balance="150000", assumptions={**a, "interest_rate": 0.025})
