"""Comparisons of a population run, built in: per-person differences
between a reform and the baseline, winners and losers, breakdowns by cohort,
category, decile of pension or any carried column, optional weights, and
amounts in real terms (docs/population.md, "Comparisons").

Exact: amounts are :class:`decimal.Decimal` throughout (means and medians
rounded half up to the fen, ratios to 4 places); the frames returned are
typed like the run's (Arrow ``decimal128`` with pyarrow).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _frames


def _make_frame(columns: Dict[str, List[Any]], flavor: str) -> Any:
    from ._population import _pyarrow, _typed_frame

    return _typed_frame(columns, flavor, _pyarrow())

FEN = Decimal("0.01")
RATIO = Decimal("0.0001")
#: Amounts compared: the award's components and total.
AMOUNTS = ("basic_pension", "account_pension", "transitional_pension", "total")

Real = Union[None, str, Mapping[int, Any]]


def _columns(frame: Any, names: Sequence[str]) -> Dict[str, List[Any]]:
    """The named columns of a pandas or Polars frame as Python lists."""
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} are not in the run's persons; carry input columns with "
            f"simulate(..., carry=[...]) (carried now: see Simulation.persons.columns)"
        )
    if _frames._flavor(frame) == "polars":
        return {n: frame.get_column(n).to_list() for n in names}
    if _frames._flavor(frame) == "arrow":
        return {n: frame.column(n).to_pylist() for n in names}
    out = {}
    for n in names:
        col = frame[n]
        try:
            out[n] = col.array._pa_array.to_pylist()  # Arrow-backed: no pandas boxing
        except AttributeError:
            out[n] = [None if v is None or v != v else v for v in col.tolist()]
    return out


def _dec(v: Any) -> Optional[Decimal]:
    if v is None:
        return None
    if isinstance(v, float):
        raise TypeError("a float weight or amount cannot be exact; use Decimal, int or str")
    return v if isinstance(v, Decimal) else Decimal(str(v))


def _deflate(real: Real) -> Callable[[Decimal, Dict[str, Any]], Optional[Decimal]]:
    """How an amount becomes real: unchanged; ÷ the person's 计发基数 of the
    retirement year (``"pension_base"``); or ÷ a deflator by retirement year."""
    if real is None:
        return lambda x, row: x
    if real == "pension_base":
        def by_base(x: Decimal, row: Dict[str, Any]) -> Optional[Decimal]:
            base = _dec(row.get("pension_base"))
            return None if not base else (x / base).quantize(RATIO, rounding=ROUND_HALF_UP)
        return by_base
    if isinstance(real, Mapping):
        table = {int(k): _dec(v) for k, v in real.items()}

        def by_deflator(x: Decimal, row: Dict[str, Any]) -> Optional[Decimal]:
            year = int(str(row["retirement_month"])[:4])
            if table.get(year) is None:
                raise KeyError(f"real: the deflator has no value for {year} (a retirement year of the run)")
            return (x / table[year]).quantize(RATIO, rounding=ROUND_HALF_UP)
        return by_deflator
    raise ValueError("real: None, 'pension_base' or a mapping {year: deflator}")


def _group_key(by: Optional[str], row: Dict[str, Any], decile: Optional[int]) -> Any:
    if by is None:
        return "all"
    if by == "cohort":
        b = row.get("birth")
        return None if b is None else int(str(b)[:4])
    if by == "decile":
        return decile
    return row.get(by)


def _check_by(by: Optional[str], carried: Sequence[str]) -> None:
    if by not in (None, "cohort", "decile") and by not in carried:
        raise KeyError(f"by={by!r}: not 'cohort', 'decile' or a carried column ({list(carried)}); "
                       f"carry it with simulate(..., carry=[{by!r}])")


def _ordered(groups: Mapping[Any, Any]) -> List[Any]:
    """Group keys in order: numbers by value, text as text, missing last."""
    return sorted(groups, key=lambda k: (k is None, f"{k:012d}" if isinstance(k, int) else str(k)))


def _weighted_median(pairs: List[Tuple[Decimal, Decimal]]) -> Optional[Decimal]:
    """The lower weighted median of ``(value, weight)`` pairs."""
    pairs = sorted(p for p in pairs if p[1] > 0)
    if not pairs:
        return None
    half = sum(w for _, w in pairs) / 2
    seen = Decimal(0)
    for v, w in pairs:
        seen += w
        if seen >= half:
            return v
    return pairs[-1][0]


def _mean(pairs: List[Tuple[Decimal, Decimal]], q: Decimal) -> Optional[Decimal]:
    w = sum(w for _, w in pairs)
    if not w:
        return None
    return (sum(v * w for v, w in pairs) / w).quantize(q, rounding=ROUND_HALF_UP)


def _deciles(values: List[Optional[Decimal]], weights: List[Decimal]) -> List[Optional[int]]:
    """Decile 1…10 of each value (by weighted rank; ``None`` stays ``None``)."""
    order = sorted((v, i) for i, v in enumerate(values) if v is not None)
    total = sum(weights[i] for _, i in order)
    out: List[Optional[int]] = [None] * len(values)
    seen = Decimal(0)
    for v, i in order:
        seen += weights[i]
        out[i] = min(10, int((seen * 10 - weights[i] * 10 / 2) // total) + 1) if total else None
    return out


class Comparison:
    """Per-person pairs of a reform and the baseline (:meth:`Simulation.compare`)."""

    def __init__(self, persons: Any, reform: str, baseline: str, carried: Sequence[str],
                 weight: Optional[str], real: Real) -> None:
        wanted = ["scenario", "id", "status", "retirement_month", "pension_base", *AMOUNTS,
                  *carried, *([weight] if weight and weight not in carried else [])]
        cols = _columns(persons, list(dict.fromkeys(wanted)))
        n = len(cols["scenario"])
        scenarios = list(dict.fromkeys(cols["scenario"]))
        for s in (reform, baseline):
            if s not in scenarios:
                raise KeyError(f"scenario {s!r} is not in the run (scenarios: {scenarios})")
        per = len(scenarios)
        ib, ir = scenarios.index(baseline), scenarios.index(reform)
        deflate = _deflate(real)
        self.flavor = _frames._flavor(persons)
        self.reform, self.baseline, self.carried, self.weight = reform, baseline, list(carried), weight
        self.rows: List[Dict[str, Any]] = []
        for p in range(n // per):
            b = {k: v[p * per + ib] for k, v in cols.items()}
            r = {k: v[p * per + ir] for k, v in cols.items()}
            row: Dict[str, Any] = {"id": b["id"], **{c: b.get(c) for c in carried}}
            ok = b["status"] == "ok" and r["status"] == "ok"
            row["status_baseline"], row["status_reform"] = b["status"], r["status"]
            for a in AMOUNTS:
                x, y = _dec(b[a]), _dec(r[a])
                if ok and x is not None and y is not None:
                    x, y = deflate(x, b), deflate(y, r)
                row[f"{a}_baseline"], row[f"{a}_reform"] = (x, y) if ok else (None, None)
                row[f"{a}_change"] = y - x if ok and x is not None and y is not None else None
            w = _dec(b.get(weight)) if weight else Decimal(1)
            if weight and (w is None or w < 0):
                raise ValueError(f"weight {weight!r} of person {b['id']!r} is {b.get(weight)!r}: a weight is a number ≥ 0")
            row["_w"] = w
            row["_birth"] = b.get("birth")
            self.rows.append(row)
        self.q = RATIO if real is not None else FEN

    def frame(self) -> Any:
        keys = [k for k in self.rows[0] if not k.startswith("_")] if self.rows else ["id"]
        cols = {k: [r[k] for r in self.rows] for k in keys}
        return _make_frame(cols, self.flavor)

    def groups(self, by: Optional[str]) -> Dict[Any, List[Dict[str, Any]]]:
        _check_by(by, self.carried)
        deciles: List[Optional[int]] = [None] * len(self.rows)
        if by == "decile":
            deciles = _deciles([r["total_baseline"] for r in self.rows], [r["_w"] for r in self.rows])
        out: Dict[Any, List[Dict[str, Any]]] = {}
        for r, d in zip(self.rows, deciles):
            key = _group_key(by, {**r, "birth": r["_birth"]}, d)
            out.setdefault(key, []).append(r)
        return {k: out[k] for k in _ordered(out)}

    def winners_losers(self, by: Optional[str], tolerance: Decimal) -> Any:
        cols: Dict[str, List[Any]] = {}
        for key, rows in self.groups(by).items():
            changes = [(r["total_change"], r["_w"]) for r in rows if r["total_change"] is not None]
            gains = [(c, w) for c, w in changes if c > tolerance]
            losses = [(c, w) for c, w in changes if c < -tolerance]
            weight = sum(w for _, w in changes)
            out = {
                (by or "group"): key,
                "persons": sum(r["_w"] for r in rows),
                "compared": weight,
                "winners": sum(w for _, w in gains),
                "losers": sum(w for _, w in losses),
                "unchanged": weight - sum(w for _, w in gains) - sum(w for _, w in losses),
                "share_winners": (sum(w for _, w in gains) / weight).quantize(RATIO, rounding=ROUND_HALF_UP) if weight else None,
                "share_losers": (sum(w for _, w in losses) / weight).quantize(RATIO, rounding=ROUND_HALF_UP) if weight else None,
                "mean_change": _mean(changes, self.q),
                "median_change": _weighted_median(changes),
                "mean_gain": _mean(gains, self.q),
                "median_gain": _weighted_median(gains),
                "mean_loss": _mean(losses, self.q),
                "median_loss": _weighted_median(losses),
            }
            for k, v in out.items():
                cols.setdefault(k, []).append(v)
        return _make_frame(cols, self.flavor)


def breakdown(persons: Any, by: Optional[str], carried: Sequence[str], weight: Optional[str],
              real: Real, scenarios: Optional[Sequence[str]]) -> Any:
    """By scenario and group: persons, computed, mean and median pension
    (real where asked) and mean replacement rate, weighted where asked."""
    wanted = ["scenario", "status", "retirement_month", "pension_base", "total", "replacement_rate",
              *carried, *([weight] if weight and weight not in carried else [])]
    cols = _columns(persons, list(dict.fromkeys(wanted)))
    _check_by(by, carried)
    deflate = _deflate(real)
    q = RATIO if real is not None else FEN
    n = len(cols["scenario"])
    rows = [{k: v[i] for k, v in cols.items()} for i in range(n)]
    names = list(dict.fromkeys(cols["scenario"]))
    chosen = list(scenarios) if scenarios is not None else names
    out: Dict[str, List[Any]] = {}
    for s in chosen:
        if s not in names:
            raise KeyError(f"scenario {s!r} is not in the run (scenarios: {names})")
        mine = [r for r in rows if r["scenario"] == s]
        ws = [(_dec(r.get(weight)) if weight else Decimal(1)) for r in mine]
        totals = [None if r["status"] != "ok" or r["total"] is None else deflate(_dec(r["total"]), r) for r in mine]
        deciles = _deciles(totals, ws) if by == "decile" else [None] * len(mine)
        groups: Dict[Any, List[int]] = {}
        for i, r in enumerate(mine):
            groups.setdefault(_group_key(by, r, deciles[i]), []).append(i)
        for key in _ordered(groups):
            idx = groups[key]
            vals = [(totals[i], ws[i]) for i in idx if totals[i] is not None]
            rates = [(_dec(mine[i]["replacement_rate"]), ws[i]) for i in idx
                     if totals[i] is not None and mine[i]["replacement_rate"] is not None]
            row = {
                "scenario": s,
                (by or "group"): key,
                "persons": sum(ws[i] for i in idx),
                "computed": sum(w for _, w in vals),
                "mean_total": _mean(vals, q),
                "median_total": _weighted_median(vals),
                "mean_replacement_rate": _mean(rates, RATIO),
            }
            for k, v in row.items():
                out.setdefault(k, []).append(v)
    return _make_frame(out, _frames._flavor(persons))
