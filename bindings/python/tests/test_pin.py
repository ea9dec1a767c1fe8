"""Pinning a rule set to its approved content hash from Python
(``Engine(ruleset, pin=…)``): the same hash loads, another one raises the
documented :class:`LoadError` with ``code == "hash_mismatch"``
(docs/errors.md)."""

from __future__ import annotations

import pytest

from pension_rules import Engine, InputError, LoadError, PensionRulesError


def approved(ruleset: str) -> str:
    return Engine(ruleset).rules_hash().hash


def test_the_approved_hash_loads_bare_or_prefixed() -> None:
    h = approved("cn/shaanxi")
    for pin in (h, "sha256:" + h):
        e = Engine("cn/shaanxi", pin=pin)
        assert e.rules_hash().hash == h
        # Results state the pinned data.
        r = e.retirement(birth="1976-02", category="male")
        assert r.trace.rules.hash == h


def test_another_hash_raises_load_error_hash_mismatch() -> None:
    wrong = approved("cn/national")
    with pytest.raises(LoadError) as ei:
        Engine("cn/shaanxi", pin=wrong)
    e = ei.value
    assert isinstance(e, PensionRulesError)
    assert e.code == "hash_mismatch"
    assert approved("cn/shaanxi") in str(e) and wrong in str(e)
    assert [d.code for d in e.diagnostics] == ["hash_mismatch"]
    # A malformed pin is an input error, not a mismatch (issue 16).
    with pytest.raises(InputError, match="not a content hash") as ii:
        Engine("cn/shaanxi", pin="not-a-hash")
    assert ii.value.code == "invalid_input"
    assert [p for p, _ in ii.value.fields] == ["pin.cn/shaanxi"]


def test_pins_by_id_hold_for_every_set_the_engine_loads() -> None:
    # A mapping pins several sets: the engine's own and those it resolves.
    ok = {"cn/shaanxi": approved("cn/shaanxi"), "cn/national": approved("cn/national")}
    e = Engine("cn/shaanxi", pin=ok)
    assert e.identity.id == "cn/shaanxi"
    bad = Engine("cn/shaanxi", pin={"cn/national": "0" * 64})
    with pytest.raises(LoadError) as ei:
        bad.transfer(
            hukou_region="610000", birth="1980-05", category="male",
            retirement_month="2040-05",
            history=[{"from": "2010-01", "to": "2019-12", "base": "6000", "region": "440300"}],
        )
    assert ei.value.code == "hash_mismatch"
    assert "cn/national" in str(ei.value)


def test_pin_comes_before_overlays() -> None:
    overlay = {"overlay": {"id": "reform/rate-15", "base": "cn/shaanxi"},
               "contribution": {"employer_rate": {"values": [
                   {"from": "2030-01-01", "value": "0.15", "source": "scenario"}]}}}
    e = Engine("cn/shaanxi", pin=approved("cn/shaanxi"), overlays=[overlay])
    assert e.identity.id == "cn/shaanxi+reform/rate-15"


def test_pin_of_the_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="pin"):
        Engine("cn/shaanxi", pin=123)  # type: ignore[arg-type]
