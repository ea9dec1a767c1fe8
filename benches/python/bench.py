#!/usr/bin/env python3
"""Python benchmarks of pension-rules (not a test): medians of repeated runs,
in persons (or awards) per second, and the ratio to a plain-Python `decimal`
implementation of the same award on the same persons (benches/python/baseline.py),
whose totals must equal the engine's to the fen.

    python benches/python/bench.py [--persons 1000000] [--batch 100000]
                                   [--baseline 10000] [--repeat 5]

Needs the wheel installed (release build), pandas, polars and pyarrow.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

import pension_rules as pr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REFORM = ROOT / "examples" / "reform-divisor-2030.toml"
sys.path.insert(0, str(HERE))
import baseline  # noqa: E402  (benches/python/baseline.py)

ROWS = []
LOADS = []


def load() -> float:
    one = os.getloadavg()[0]
    LOADS.append(one)
    return one


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


CPU = {}


def timed(fn, repeat):
    times, cpus = [], []
    for _ in range(repeat):
        load()
        t, c = time.perf_counter(), cpu()
        out = fn()
        times.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    load()
    CPU["last"] = statistics.median(cpus)
    return statistics.median(times), min(times), out


def report(what, n, median, best, unit="persons/s"):
    c = CPU.pop("last", None)
    ROWS.append((what, n, median, best, n / median, unit, c))
    cs = "" if c is None else f"  (CPU {c:.3f} s)"
    print(f"  {what:<58} {median:>9.4f} s  {n / median:>12,.0f} {unit}{cs}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", type=int, default=1_000_000, help="rows of the DataFrame round trip")
    ap.add_argument("--batch", type=int, default=100_000, help="persons of the batch run")
    ap.add_argument("--baseline", type=int, default=10_000, help="persons for the plain-Python baseline")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    r = args.repeat
    print(f"pension-rules {pr.__version__}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load average at start {load():.2f}")

    engine = pr.Engine("cn/shaanxi")

    # 1. One award (derived-award-2, docs/sources.md §9.2 worked example 11), through the typed API.
    case = dict(category="male", birth="1964-06", retirement_month="2024-06", contribution_months=360,
                deemed_months=120, average_index=Decimal("0.8"), account_balance=Decimal("120000"))
    assert engine.award(**case).total == Decimal("4510.45")
    k = 2_000
    for trace in (False, True):
        med, best, _ = timed(lambda: [engine.award(**case, trace=trace) for _ in range(k)], r)
        report(f"single award (Engine.award), trace={trace}", k, med, best, "awards/s")
        print(f"      = {med / k * 1e6:.1f} µs per award")
        # The same without building the typed result objects (plain dicts).
        med, best, _ = timed(lambda: [engine.compute("award", case, trace=trace) for _ in range(k)], r)
        report(f"single award (Engine.compute, dicts), trace={trace}", k, med, best, "awards/s")

    # 2. A batch of 100 k persons, baseline + reform (Arrow columns in and out).
    people = engine.synthetic_population(args.batch, seed=args.seed)
    med, best, run = timed(lambda: engine.simulate(people, [REFORM]), r)
    report(f"simulate {args.batch:,} persons × 2 scenarios (pandas)", args.batch * 2, med, best,
           "person-evaluations/s")
    fast = int(run.summary["fast_path"].sum())
    print(f"      fast path {fast:,}, single path {int(run.summary['single_path'].sum()):,}")

    # 3. One million rows: DataFrame in → engine → DataFrame out.
    for frame in ("pandas", "polars"):
        t = time.perf_counter()
        big = engine.synthetic_population(args.persons, seed=args.seed, frame=frame)
        gen = time.perf_counter() - t
        print(f"  (synthetic_population({args.persons:,}, frame={frame!r}): {gen:.2f} s)")
        med, best, _ = timed(lambda: engine.simulate(big), max(3, r // 2))
        report(f"round trip {args.persons:,} rows, baseline, {frame}", args.persons, med, best)
        med, best, _ = timed(lambda: engine.simulate(big, [REFORM]), max(3, r // 2))
        report(f"round trip {args.persons:,} rows, baseline + reform, {frame}", args.persons, med, best)
        del big

    # 4. The plain-Python decimal baseline on the same persons, same run.
    sample = engine.synthetic_population(args.baseline, seed=args.seed, frame="arrow")
    rows = [{k: "" if v is None else str(v) for k, v in p.items()} for p in sample.to_pylist()]
    model = baseline.Model(ROOT / "rules", ["cn/national", "cn/shaanxi"])
    t = time.perf_counter()
    py = [model.person(p) for p in rows]
    py_s = time.perf_counter() - t
    load()
    report(f"plain-Python decimal baseline, {args.baseline:,} persons", args.baseline, py_s, py_s)
    med, best, small = timed(lambda: engine.simulate(sample.to_pandas()), r)
    report(f"engine on the same {args.baseline:,} persons (DataFrame round trip)", args.baseline, med, best)
    fields = ["basic_pension", "account_pension", "transitional_pension", "total"]
    engine_rows = list(zip(*(small.persons[f].tolist() for f in fields)))
    same = sum(1 for a, b in zip(py, engine_rows) if a is not None and tuple(a[:4]) == b)
    assert len(py) == len(engine_rows) and same == len(py), f"{same} of {len(py)} awards agree"
    print(f"      all {same:,} awards (three components and total) identical to the fen; "
          f"ratio {py_s / med:,.0f}×")

    print(f"\nload average during the run: median {statistics.median(LOADS):.2f}, "
          f"max {max(LOADS):.2f}")
    print("\n| what | n | median s (wall) | CPU s (all threads) | per second |\n|---|---:|---:|---:|---:|")
    for what, n, m, _, rate, unit, c in ROWS:
        cs = "" if c is None else f"{c:.3f}"
        print(f"| {what} | {n:,} | {m:.4f} | {cs} | {rate:,.0f} {unit} |")


if __name__ == "__main__":
    main()
