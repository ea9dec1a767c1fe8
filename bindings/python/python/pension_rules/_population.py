"""Population runs: a baseline and reforms over many persons, as DataFrames
(docs/population.md). Conversion only: the engine computes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _frames, _native

if TYPE_CHECKING:  # pragma: no cover
    from ._engine import Engine, Overlay

__all__ = ["Simulation", "simulate", "synthetic_population"]

_DECIMAL_SUMMARY = ("mean_total", "median_total", "mean_replacement_rate", "median_replacement_rate")


@dataclass(frozen=True)
class Simulation:
    """The result of :func:`simulate`, as DataFrames of the input's library.

    * ``persons``: one row per person and scenario, persons in input order
      (``scenario``, ``id``, ``status`` — ``ok`` or an error code —,
      ``error``, the award's components and total, the replacement rate …;
      amounts as Decimal);
    * ``summary``: one row per scenario (count, errors, mean and median
      pension and replacement rate, rule-set id and hash, paths taken);
    * ``flows``: by scenario and year, contributions in and pensions out.
    """

    scenarios: List[str]
    persons: Any
    summary: Any
    flows: Any


def _overlay(i: int, o: "Overlay") -> tuple:
    if isinstance(o, os.PathLike):
        return (os.fspath(o), Path(o).read_text(encoding="utf-8"))
    if isinstance(o, str) and "\n" not in o and o.strip().endswith(".toml"):
        raise TypeError(
            f"reforms[{i}]: {o!r} looks like a file name; pass pathlib.Path({o!r}) "
            "for a file (a str is the TOML text itself)"
        )
    if isinstance(o, (str, Mapping)):
        return (f"reforms[{i}]", o if isinstance(o, str) else dict(o))
    raise TypeError(f"reforms[{i}]: expected TOML text, a path or a dict, got {type(o).__name__}")


_COUNTS = ("contribution_months", "deemed_months", "year", "persons", "ok", "errors")


def _frame(columns: Dict[str, List[Any]], flavor: str) -> Any:
    if flavor == "polars":
        import polars as pl

        return pl.DataFrame(columns, strict=False)
    import pandas as pd

    df = pd.DataFrame(columns)
    for c in _COUNTS:  # counts stay integers next to failed rows' None
        if c in df.columns:
            df[c] = df[c].astype("Int64")
    return df


def simulate(
    engine: "Engine",
    population: Any,
    reforms: Iterable["Overlay"] = (),
    *,
    assumptions: Optional[Mapping[str, Any]] = None,
    last_year: Optional[int] = None,
) -> Simulation:
    """Run ``population`` (a pandas or Polars DataFrame in the population
    format) under ``engine``'s rules (the baseline) and each reform (an
    overlay: TOML text, a path or a dict).

    ``assumptions`` (``average_wage_growth``, ``pension_base_growth``,
    ``interest_rate``, optional ``average_wages``, … as Decimal or str)
    default to those of the synthetic population. Rows that fail keep their
    place with their error.
    """
    flavor = _frames._flavor(population)
    columns, n = _frames.to_columns(population)
    pairs = [_overlay(i, o) for i, o in enumerate(reforms)]
    a = None if assumptions is None else dict(assumptions)
    out = _native.simulate(engine._native, columns, n, pairs, a, last_year)
    summary: Dict[str, List[Any]] = {"scenario": list(out["scenarios"])}
    for s in out["summaries"]:
        row = {
            "rules_id": s["rules"]["id"],
            "rules_hash": s["rules"]["hash"],
            "persons": s["persons"],
            "ok": s["ok"],
            "errors": sum(s["errors"].values()),
            **{k: None if s.get(k) is None else Decimal(s[k]) for k in _DECIMAL_SUMMARY},
            "fast_path": s["fast_path"],
            "single_path": s["single_path"],
        }
        for k, v in row.items():
            summary.setdefault(k, []).append(v)
    return Simulation(
        scenarios=list(out["scenarios"]),
        persons=_frame(out["persons"], flavor),
        summary=_frame(summary, flavor),
        flows=_frame(out["flows"], flavor),
    )


def synthetic_population(
    engine: "Engine", n: int, seed: int = 1, *, frame: str = "pandas"
) -> Any:
    """``n`` synthetic Shaanxi-like persons (deterministic for ``seed``; the
    assumptions are in docs/population.md) as a ``pandas`` or ``polars``
    DataFrame in the population format."""
    if frame not in ("pandas", "polars"):
        raise ValueError(f"frame must be 'pandas' or 'polars', got {frame!r}")
    return _frame(_native.synthetic_population(engine._native, n, seed), frame)
