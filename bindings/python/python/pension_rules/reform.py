"""Reforms in one line: a flat dict from dotted parameter paths to values by
period, the form PolicyEngine's users write::

    {"contribution.employer_rate": {"2027-01": "0.14"},
     "award.annuity_divisor": {"2030-01": {"60": "150"}}}

Give it wherever an overlay goes (``Engine(overlays=[...])``,
``simulate(population, reforms=[...])``); the engine turns it into an
overlay of the rule format, the reform's label standing as the source of its
values, marked hypothetical in every explanation. A period is a month
(``2027-01``), a day, a range of days (``2030-01-01.2039-12-31``, the last
day inclusive), a year or a range of years (``2030.2035``) for a yearly
series. Rows of a table that are not given carry over from the law.

The helpers below build such dicts from the rules in force; :func:`merge`
joins several. Overlay or assumptions? A value the law or a reform of the
law sets (a rate, a divisor, an age, a published base or 记账利率) is rule
data and goes in an overlay; the path of an economy the law does not set
(future wage growth, 计发基数 growth, interest in years not yet announced)
is an assumption of the projection (``assumptions={...}``). docs/population.md
says more.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union

if TYPE_CHECKING:  # pragma: no cover
    from ._engine import Engine

__all__ = ["from_year", "merge", "scale", "schedule", "set_value", "shift_schedule"]

Reform = Dict[str, Dict[str, Any]]
_DateLike = Union[str, datetime.date]


def _month(d: _DateLike) -> str:
    if isinstance(d, datetime.date):
        return f"{d.year:04d}-{d.month:02d}"
    return str(d)


def _first_day(period: str) -> str:
    return f"{period}-01" if len(period) == 7 else period[:10]


def set_value(path: str, value: Any, *, from_: _DateLike) -> Reform:
    """``path`` takes ``value`` from the month ``from_`` on.

    >>> set_value("contribution.employer_rate", "0.15", from_="2030-01")
    {'contribution.employer_rate': {'2030-01': '0.15'}}
    """
    return {path: {_month(from_): str(value) if isinstance(value, Decimal) else value}}


def from_year(path: str, year: int, value: Any, *, through: int = 2100) -> Reform:
    """A yearly series (``award.pension_base``, ``account.interest_rate`` …)
    set to ``value`` for every year from ``year`` through ``through``.

    >>> from_year("account.interest_rate", 2030, "0.02", through=2035)
    {'account.interest_rate': {'2030.2035': '0.02'}}
    """
    if through < year:
        raise ValueError(f"through={through} is before year={year}")
    v = str(value) if isinstance(value, Decimal) else value
    return {path: {f"{year}.{through}": v}}


def scale(
    engine: "Engine",
    path: str,
    factor: Union[str, int, Decimal],
    *,
    from_: _DateLike,
    quantum: Union[str, Decimal, None] = None,
) -> Reform:
    """The value or table of ``path`` in force on ``from_``, times ``factor``,
    from ``from_`` on; each figure rounded half up to ``quantum`` where given
    (``"1"`` for whole months).

    >>> from pension_rules import Engine
    >>> r = scale(Engine("cn/shaanxi"), "award.annuity_divisor", "1.05", from_="2030-01", quantum="1")
    >>> r["award.annuity_divisor"]["2030-01"]["60"]   # 139 × 1.05 = 145.95
    '146'
    """
    if isinstance(factor, float):
        raise TypeError("factor: a float cannot carry a decimal exactly; pass a str or Decimal")
    f = Decimal(str(factor))
    q = None if quantum is None else Decimal(str(quantum))
    period = _month(from_)
    shown = engine.rules_show(_first_day(period))
    param = shown.param(path)
    if param is None:
        raise KeyError(f"{path}: no such parameter in force on {period} in {shown.id}")

    def times(v: str) -> str:
        x = Decimal(v) * f
        return str(x.quantize(q, rounding=ROUND_HALF_UP) if q is not None else x)

    keyed = [v for v in param.values if v.key is not None]
    if keyed:
        return {path: {period: {v.key: times(v.value) for v in keyed}}}
    if len(param.values) != 1:
        raise ValueError(f"{path}: {len(param.values)} values in force; scale a table or a dated value")
    return {path: {period: times(param.values[0].value)}}


def merge(*reforms: Mapping[str, Mapping[str, Any]]) -> Reform:
    """Several reforms as one (a later period of the same path wins).

    >>> merge(set_value("contribution.employer_rate", "0.15", from_="2030-01"),
    ...       from_year("award.pension_base", 2031, "9000", through=2031))
    {'contribution.employer_rate': {'2030-01': '0.15'}, 'award.pension_base': {'2031.2031': '9000'}}
    """
    out: Reform = {}
    for r in reforms:
        for path, periods in r.items():
            out.setdefault(path, {}).update(periods)
    return out


def _age_months(age: str) -> int:
    import re

    m = re.fullmatch(r"(\d+)y(?:(\d+)m)?", age)
    if not m:
        raise ValueError(f"{age!r} is not an age like '60y' or '60y6m'")
    return int(m.group(1)) * 12 + int(m.group(2) or 0)


def schedule(
    path: str,
    *,
    from_: _DateLike,
    original_age: str,
    start_birth: _DateLike,
    step_months: int,
    max_delay_months: int,
) -> Reform:
    """A retirement-age schedule version (``retirement.schedule.<category>``)
    from ``from_`` on: the age rises from ``original_age`` by one month per
    ``step_months`` months of birth from ``start_birth``, up to
    ``max_delay_months`` more; ``final_age`` is derived, so the version is
    consistent by construction.

    >>> schedule("retirement.schedule.male", from_="2030-01", original_age="60y",
    ...          start_birth="1965-01", step_months=4, max_delay_months=60)["retirement.schedule.male"]
    {'2030-01': {'original_age': '60y', 'start_birth': '1965-01', 'step_months': 4, 'max_delay_months': 60, 'final_age': '65y0m'}}
    """
    if step_months < 1 or max_delay_months < 0:
        raise ValueError("step_months must be ≥ 1 and max_delay_months ≥ 0")
    final = _age_months(original_age) + max_delay_months
    return {path: {_month(from_): {
        "original_age": original_age,
        "start_birth": _month(start_birth),
        "step_months": step_months,
        "max_delay_months": max_delay_months,
        "final_age": f"{final // 12}y{final % 12}m",
    }}}


def shift_schedule(engine: "Engine", path: str, months: int, *, from_: _DateLike) -> Reform:
    """The retirement-age schedule of ``path`` in force on ``from_``, its
    rise extended by ``months`` (the cap of the delay, and so the final age,
    shifted; negative shortens it), as a version from ``from_`` on.

    >>> from pension_rules import Engine
    >>> r = shift_schedule(Engine("cn/national"), "retirement.schedule.male", 24, from_="2030-01")
    >>> r["retirement.schedule.male"]["2030-01"]["final_age"]   # 63y + 24 months
    '65y0m'
    """
    import re

    period = _month(from_)
    shown = engine.rules_show(_first_day(period)).param(path)
    if shown is None or len(shown.values) != 1:
        raise KeyError(f"{path}: no retirement-age schedule in force on {period}")
    text = shown.values[0].value
    m = re.fullmatch(r"(\d+y\d+m) rising from births (\d{4}-\d{2}) by 1 month per (\d+) months, "
                     r"up to \+(\d+) months = \d+y\d+m", text)
    if m is None:
        raise ValueError(f"{path}: the schedule in force on {period} has no gradual rise to shift ({text!r})")
    delay = int(m.group(4)) + months
    if delay < 0:
        raise ValueError(f"shifting by {months} months leaves a negative delay ({delay})")
    return schedule(path, from_=period, original_age=m.group(1), start_birth=m.group(2),
                    step_months=int(m.group(3)), max_delay_months=delay)
