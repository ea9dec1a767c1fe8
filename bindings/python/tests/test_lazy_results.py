"""Typed results built lazily from the native engine (one field converted on
first read) are the same values as results built eagerly from the plain dict."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from decimal import Decimal

from pension_rules import AwardResult, Engine, Trace

# derived-award-2 (docs/sources.md §9.2 worked example 11): total 4510.45.
CASE = dict(category="male", birth="1964-06", retirement_month="2024-06", contribution_months=360,
            deemed_months=120, average_index=Decimal("0.8"), account_balance=Decimal("120000"))


def test_lazy_award_equals_the_eager_one(shaanxi: Engine) -> None:
    for trace in (False, True):
        lazy = shaanxi.award(**CASE, trace=trace)
        eager = AwardResult.from_dict(shaanxi.compute("award", CASE, trace=trace))
        assert lazy.total == Decimal("4510.45")
        assert lazy == eager
        assert lazy.to_dict() == eager.to_dict()
        assert repr(lazy) == repr(eager)
        assert lazy.extra == {}


def test_defaulted_fields_read_through_and_class_defaults_stay(shaanxi: Engine) -> None:
    r = shaanxi.award(**CASE, trace=False)
    assert r.statutory is not None and r.statutory.month == "2024-06"
    assert r.transitional_coefficient == Decimal("0.014")
    assert AwardResult.statutory is None
    ok = False
    try:
        r.no_such_field  # noqa: B018
    except AttributeError:
        ok = True
    assert ok


def test_trace_is_converted_on_first_read_and_kept(shaanxi: Engine) -> None:
    r = shaanxi.award(**CASE)
    t = r.trace
    assert isinstance(t, Trace) and t.steps
    assert r.trace is t
    assert str(t).startswith("rules: cn/shaanxi")
    assert "trace" in vars(r)
    assert {f.name for f in dataclasses.fields(r)} - set(vars(r))  # the others not yet converted


def test_lazy_results_copy_and_pickle_as_plain_values(shaanxi: Engine) -> None:
    r = shaanxi.award(**CASE)
    for other in (copy.copy(r), copy.deepcopy(r), pickle.loads(pickle.dumps(r))):
        assert other == r
        assert "__raw__" not in vars(other)
