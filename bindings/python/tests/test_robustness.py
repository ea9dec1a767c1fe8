"""Nothing lost and nothing silent through the Python front end: one output
row per input row, in order, for good and bad rows mixed, empty frames and
values far outside any real payroll; every error is a documented exception
with its code; every result names its rule set."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from pension_rules import Engine, InputError, LoadError, PensionRulesError
from conftest import ROOT

HUGE = ["1e30", "9999999999999999999999999999", "79228162514264337593543950336",
        "-1", "0.0000000000000000000000000001", "", "abc"]


def test_contribution_batch_keeps_every_row_in_order(shaanxi: Engine) -> None:
    pd = pytest.importorskip("pandas")
    wages = ["6000"] + HUGE + ["8123.47"]
    df = pd.DataFrame({"month": ["2025-07"] * len(wages), "wage": wages,
                       "employment": ["employee"] * len(wages)},
                      index=range(100, 100 + len(wages)))
    out = shaanxi.batch("contribution", df)
    assert list(out.index) == list(df.index)
    codes = out["error_code"].fillna("-").tolist()
    # 6000 and 8123.47 compute; a 28-digit wage is capped (23250 in 2025,
    # 陕人社函〔2025〕424号); 1e30, one past the decimal range, negative,
    # empty and non-numeric wages are rejected, each in its own row.
    assert codes == ["-", "invalid_input", "-", "invalid_input", "invalid_input", "-",
                     "invalid_input", "invalid_input", "-"], codes
    assert out["base"].tolist()[2] == Decimal("23250")
    assert out["employer"].tolist()[0] == Decimal("960.00")
    for msg, code in zip(out["error_message"], out["error_code"]):
        assert (msg is None) == (code is None) or pd.isna(code)


def test_empty_frame_is_an_empty_result(national: Engine) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"birth": pd.Series([], dtype=object),
                       "category": pd.Series([], dtype=object)})
    out = national.retirement_batch(df)
    assert len(out) == 0


def test_huge_month_counts(national: Engine, shaanxi: Engine) -> None:
    pd = pytest.importorskip("pandas")
    big = 2**63 - 1
    df = pd.DataFrame({"birth": ["1976-02", "1976-02", "1976-02"],
                       "category": ["male"] * 3,
                       "contribution_months": pd.array([220, big, 2**32], dtype="Int64")})
    out = national.retirement_batch(df)
    assert len(out) == 3
    assert out["error_code"].fillna("-").tolist() == ["-", "invalid_input", "invalid_input"]
    with pytest.raises(InputError) as e:
        shaanxi.adjustment(year=2025, pension="3000", contribution_months=big,
                           birth="1952-05", retirement_month="2012-05")
    assert e.value.code == "invalid_input"


def test_errors_carry_code_and_paths(shaanxi: Engine) -> None:
    with pytest.raises(InputError) as e:
        shaanxi.award(category="male", birth="1964-06", retirement_month="2024-06",
                      history=[{"from": "2000-01", "to": "2000-12", "base": "x"}])
    assert e.value.code == "invalid_input"
    assert any(path == "history[0].base" for path, _ in e.value.fields)
    with pytest.raises(PensionRulesError) as e:
        Engine("cn/atlantis")
    assert e.value.code in {"rules_invalid", "invalid_input"}


def test_results_name_their_rules(shaanxi: Engine) -> None:
    ident = shaanxi.rules_hash()
    assert ident.id == "cn/shaanxi" and re.fullmatch(r"[0-9a-f]{64}", ident.hash)
    r = shaanxi.contribution(month="2025-07", wage="6000", employment="employee")
    assert r.trace.rules.hash == ident.hash


def test_check_reports_one_outcome_per_case(national: Engine) -> None:
    text = (ROOT / "tests" / "vectors" / "invalid.json").read_text(encoding="utf-8")
    n = text.count('"id"')
    report = national.check(text[:-2] + ', {"id": "broken"}, 7]')
    assert len(report.cases) == n + 2
    assert [c.id for c in report.cases][-2:] == ["broken", "#" + str(n + 1)]
