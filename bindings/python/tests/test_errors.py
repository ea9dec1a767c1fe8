"""Errors: one hierarchy with stable codes; every field problem at once."""

from __future__ import annotations

import pytest

import pension_rules

from pension_rules import (
    Engine,
    InputError,
    LoadError,
    NotApplicableError,
    PensionRulesError,
    RulesError,
)


def test_hierarchy() -> None:
    for cls in (InputError, RulesError, LoadError, NotApplicableError):
        assert issubclass(cls, PensionRulesError)
    assert issubclass(InputError, ValueError)


def test_all_field_problems_at_once(national: Engine) -> None:
    with pytest.raises(InputError) as info:
        national.retirement(birth="1970-00", category="female_60", early_months=-1)
    e = info.value
    assert e.code == "invalid_input"
    assert [p for p, _ in e.fields] == ["birth", "category", "early_months"]
    assert "birth" in str(e)


def test_unknown_field_and_missing_field(national: Engine) -> None:
    with pytest.raises(InputError) as info:
        national.retirement(category="male", colour="red")
    assert info.value.fields


def test_unknown_kind(national: Engine) -> None:
    with pytest.raises(InputError) as info:
        national.explain("payroll_tax", {})
    assert info.value.fields[0][0] == "kind"


def test_rules_error_names_the_parameter(shaanxi: Engine) -> None:
    # No urban income is in the rule set for 1900: Y cannot be looked up.
    with pytest.raises(RulesError) as info:
        shaanxi.survivor(region="610000", death_month="1990-03", contribution_months=300)
    e = info.value
    assert e.code in ("rule_missing_year", "rule_not_in_force")
    assert e.details.get("param")


def test_errors_are_raised_in_the_package_types_from_native_code(national: Engine) -> None:
    with pytest.raises(PensionRulesError) as info:
        national.compute("retirement", {"birth": "x"})
    assert type(info.value) is InputError


def test_every_code_of_the_library_maps_to_its_documented_exception() -> None:
    # One example of every error the Rust library can return (enumerated
    # from its types), as the binding raises it.
    from pension_rules import _native, errors

    seen = set()
    for exc in _native.error_examples():
        assert isinstance(exc, errors.PensionRulesError), exc
        assert exc.code in errors.CODES, exc.code
        assert isinstance(exc, errors.CODES[exc.code]), (exc.code, type(exc))
        assert exc.code in (errors.__doc__ or ""), f"{exc.code} not in the errors docstring"
        assert str(exc)
        seen.add(exc.code)
    assert seen == set(errors.CODES)


def test_every_error_has_the_engines_chinese_sentence() -> None:
    # One table in the engine (pension_rules::error::MESSAGES) for the CLI's
    # --lang zh, the JS `messageZh` and Python's `message_zh`.
    from pension_rules import Engine, InputError

    try:
        Engine("cn/national").retirement(birth="1970-13", category="male")
    except InputError as e:
        assert e.message_zh == "输入有误"
    else:
        raise AssertionError("a month 13 must be refused")
    for e in pension_rules._native.error_examples():
        assert e.message_zh and e.message_zh != "出错了", e.code


def test_standard_assumptions_are_the_engines() -> None:
    from decimal import Decimal

    assert pension_rules.standard_assumptions() == {
        "average_wage_growth": Decimal("0.04"),
        "pension_base_growth": Decimal("0.03"),
        "interest_rate": Decimal("0.03"),
    }
