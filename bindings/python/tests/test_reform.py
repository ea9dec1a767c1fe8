"""Reforms in one line from Python: dotted paths to values by period, in an
overlay's place (``pension_rules.reform``; core ``rules::reform``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import pension_rules as pr
from pension_rules import Engine, reform, simulate
from pension_rules.errors import InputError


def test_a_dotted_reform_is_an_overlay_with_a_hypothetical_source() -> None:
    r = {"contribution.employer_rate": {"2024-01": "0.15"}}
    e = Engine("cn/shaanxi", overlays=[r])
    assert e.identity.id == "cn/shaanxi+reform/overlay-0"
    c = e.contribution(month="2024-03", wage=6000, employment="employee")
    assert c.employer == Decimal("900.00")  # 15 % of 6000, against the law's 16 %
    rate = e.rules_show("2024-06-30").param("contribution.employer_rate").values[0]
    assert rate.value == "0.15" and "hypothetical" in rate.provenance.source


def test_the_helpers_build_what_the_engine_reads(shaanxi: Engine) -> None:
    r = reform.merge(
        reform.scale(shaanxi, "award.annuity_divisor", "1.05", from_="2030-01", quantum="1"),
        reform.set_value("contribution.employer_rate", Decimal("0.15"), from_="2030-01"),
        reform.from_year("award.pension_base", 2031, "9000", through=2032),
    )
    # 国发〔2005〕38号 附件: 170 months at 55 → 178.5 → 179 (half up).
    assert r["award.annuity_divisor"]["2030-01"]["55"] == "179"
    e = Engine("cn/shaanxi", overlays=[r])
    show = e.rules_show("2033-01-01")
    rows = {v.key: v.value for v in show.param("award.annuity_divisor").values}
    assert rows["55"] == "179" and rows["60"] == "146"
    bases = {v.key: v.value for v in show.param("award.pension_base").values}
    assert bases["2031"] == "9000" and bases["2032"] == "9000"
    with pytest.raises(TypeError):
        reform.scale(shaanxi, "award.annuity_divisor", 1.05, from_="2030-01")


def test_a_reform_in_a_population_run(shaanxi: Engine) -> None:
    pytest.importorskip("pandas")
    people = shaanxi.synthetic_population(300, seed=5)
    run = simulate(people, [reform.scale(shaanxi, "award.annuity_divisor", "1.05", from_="2030-01", quantum="1")])
    s = run.summary.set_index("scenario")
    reformed = [x for x in run.scenarios if x != "baseline"][0]
    assert reformed.startswith("reform/")
    # A larger divisor lowers the account pension of those retiring from 2030.
    assert s.loc[reformed, "mean_total"] < s.loc["baseline", "mean_total"]


def test_every_problem_of_a_reform_at_once() -> None:
    with pytest.raises(InputError) as e:
        Engine("cn/shaanxi", overlays=[{
            "contribution.employer_rat": {"2030-01": "0.15"},
            "award.annuity_divisor": {"2030-01": "150"},
        }])
    paths = [p for p, _ in e.value.fields]
    assert paths == ["award.annuity_divisor.2030-01", "contribution.employer_rat"]


def test_a_missing_year_names_the_keyword_that_supplies_it() -> None:
    from pension_rules.errors import RulesError

    # cn/shaanxi's average wages start with 1993: a base paid in 1991 has no wage to index.
    with pytest.raises(RulesError) as e:
        Engine("cn/shaanxi").award(
            category="male", birth="1965-01", retirement_month="2025-02",
            history=[{"from": "1991-01", "to": "2025-01", "base": "3000"}], account_balance="100000",
        )
    assert e.value.code == "rule_missing_year"
    assert "`average_wages`" in e.value.remedy and "`average_wages`" in e.value.remedy_zh
    assert "`average_wages`" in str(e.value)
    with pytest.raises(InputError) as bad:
        Engine("cn/shaanxi").retirement(birth="1965-13", category="male")
    assert bad.value.remedy and bad.value.remedy_zh


def test_a_labelled_reform_names_its_scenario() -> None:
    pytest.importorskip("pandas")
    people = pr.synthetic_population(50, seed=1)
    run = simulate(people, [("lower rate", {"contribution.employer_rate": {"2030-01": "0.15"}})])
    assert run.scenarios == ["baseline", "reform/lower-rate"]


def test_months_as_dates_and_periods_in_inputs() -> None:
    import datetime

    e = Engine("cn/national")
    want = e.retirement(birth="1971-04", category="female_55").retirement_month
    assert e.retirement(birth=datetime.date(1971, 4, 15), category="female_55").retirement_month == want
    pd = pytest.importorskip("pandas")
    assert e.retirement(birth=pd.Period("1971-04", freq="M"), category="female_55").retirement_month == want
    with pytest.raises(InputError):
        e.retirement(birth=pd.Period("1971", freq="Y"), category="female_55")


def test_a_schedule_reform_raises_the_statutory_age() -> None:
    # The 2024 decision: men born from 1965-01 retire 1 month later per 4 months of birth,
    # up to +36 months (63y). A scenario allowing up to +60 months (65y) from 2030:
    r = reform.schedule("retirement.schedule.male", from_="2030-01", original_age="60y",
                        start_birth="1965-01", step_months=4, max_delay_months=60)
    law = Engine("cn/national").retirement(birth="1980-01", category="male")
    e = Engine("cn/national", overlays=[r])
    got = e.retirement(birth="1980-01", category="male")
    # Born 1965-01 → 60y1m (the decision's 对照表); 1980-01 is 180 months later: +46 months,
    # capped at 36 by law, not by the scenario.
    assert str(law.statutory_age) == "63y0m"
    assert str(got.statutory_age) == "63y10m"


def test_shift_schedule_reads_the_law_and_extends_it() -> None:
    law = Engine("cn/national")
    r = reform.shift_schedule(law, "retirement.schedule.male", 24, from_="2030-01")
    v = r["retirement.schedule.male"]["2030-01"]
    assert (v["original_age"], v["start_birth"], v["step_months"], v["max_delay_months"]) == ("60y0m", "1965-01", 4, 60)
    got = Engine("cn/national", overlays=[r]).retirement(birth="1980-01", category="male")
    assert str(got.statutory_age) == "63y10m"
    with pytest.raises(ValueError):
        reform.shift_schedule(law, "retirement.schedule.male", -40, from_="2030-01")
