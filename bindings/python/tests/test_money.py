"""Money is exact: Decimal, str and int in; Decimal out; float refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pension_rules import Engine, InputError

# 《当代工人》2023年2期 案例1 (tests/vectors/survivor.json): Y = 2818.5,
# 28y9m contributed, 3y6m of pension → 19.25 months, total 59,893.13.
CASE = {"contribution_months": 345, "pension_months_received": 42}


@pytest.mark.parametrize("y", [Decimal("2818.5"), "2818.5", "2818.50"])
def test_decimal_and_str_give_the_same_exact_result(national: Engine, y) -> None:
    r = national.survivor(CASE, monthly_income_base=y)
    assert r.total == Decimal("59893.13")
    assert isinstance(r.total, Decimal) and isinstance(r.survivor_allowance, Decimal)
    assert str(r.survivor_allowance) == "54256.13"


def test_int_is_accepted_for_amounts(national: Engine) -> None:
    # Y = 5015 → minimum 55,165 (survivor-province-5015-minimum).
    r = national.survivor(monthly_income_base=5015, contribution_months=420, pension_months_received=300)
    assert r.total == Decimal("55165")
    r = national.survivor(CASE, monthly_income_base="2818.5", account_balance=120000)
    assert r.inheritable_account == Decimal("120000")


def test_float_is_refused_saying_how_to_pass_it(national: Engine) -> None:
    with pytest.raises(InputError) as info:
        national.survivor(CASE, monthly_income_base=2818.5)
    (path, message), = info.value.fields
    assert path == "monthly_income_base"
    assert 'decimal.Decimal("2818.5")' in message and '"2818.5"' in message
    assert isinstance(info.value, ValueError)


def test_every_float_is_reported_with_its_path(national: Engine) -> None:
    with pytest.raises(InputError) as info:
        national.survivor(monthly_income_base=1.5, contribution_months=12.0, account_balance=3.0)
    assert sorted(p for p, _ in info.value.fields) == [
        "account_balance", "contribution_months", "monthly_income_base"]


def test_non_finite_decimals_and_odd_types_are_refused(national: Engine) -> None:
    for bad in (Decimal("NaN"), Decimal("Infinity"), object()):
        with pytest.raises(InputError):
            national.survivor(CASE, monthly_income_base=bad)


def test_decimal_in_exponent_form_is_read_exactly(national: Engine) -> None:
    r = national.survivor(CASE, monthly_income_base=Decimal("2.8185E+3"))
    assert r.total == Decimal("59893.13")


def test_numpy_integers_are_ints(national: Engine) -> None:
    np = pytest.importorskip("numpy")
    r = national.survivor(monthly_income_base="2818.5", contribution_months=np.int64(345),
                          pension_months_received=np.int32(42))
    assert r.total == Decimal("59893.13")
    with pytest.raises(InputError):
        national.survivor(CASE, monthly_income_base=np.float64(2818.5))


@pytest.mark.parametrize("bad", ["1_0", "1_000", "+3000", "3000.", "8e-1", ".5"])
def test_decimal_strings_follow_the_one_grammar(national: Engine, bad: str) -> None:
    # Issue 16: core reads every decimal string by one grammar; "1_0" was 10.
    with pytest.raises(InputError) as info:
        national.survivor(CASE, monthly_income_base=bad)
    assert [p for p, _ in info.value.fields] == ["monthly_income_base"]
    assert "expected a decimal like 3000.50" in str(info.value)
