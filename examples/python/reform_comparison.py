#!/usr/bin/env python3
"""Baseline vs a reform over a synthetic Shaanxi population, with plots.

The reform (examples/reform-divisor-2030.toml) raises the months divisor
(计发月数) by about 5 % and lowers the employer rate to 15 % from 2030. The
script runs both over N synthetic persons (docs/population.md), prints the
summary, and saves two PNG plots:

* replacement_rates.png — distribution of the replacement rate (pension ÷
  last monthly contribution base) under each scenario;
* fund_flows.png — contributions in and pensions out by year (yuan; first
  awards without yearly adjustments or mortality).

    python examples/python/reform_comparison.py --persons 1000000 --out plots/

Amounts stay exact (Arrow decimal128 columns, read as Decimal); the plots
convert them to float only for drawing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

import pension_rules as pr  # noqa: E402

HERE = Path(__file__).resolve().parent
REFORM = HERE.parent / "reform-divisor-2030.toml"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", "--n", dest="n", type=int, default=100_000, help="synthetic persons")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path("."), help="directory for the PNG files")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    engine = pr.Engine("cn/shaanxi")
    t = time.perf_counter()
    people = engine.synthetic_population(args.n, seed=args.seed)
    t1 = time.perf_counter()
    run = engine.simulate(people, [REFORM])
    t2 = time.perf_counter()
    print(f"{args.n:,} synthetic persons in {t1 - t:.2f} s; baseline + reform in {t2 - t1:.2f} s")
    print(run.summary[["scenario", "persons", "ok", "errors", "mean_total", "median_total",
                       "mean_replacement_rate"]].to_string(index=False))

    ok = run.persons[run.persons["status"] == "ok"]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name in run.scenarios:
        rates = ok.loc[ok["scenario"] == name, "replacement_rate"].astype(float)
        ax.hist(rates, bins=60, range=(0.2, 1.2), histtype="step", linewidth=1.5,
                label=f"{name} (mean {rates.mean():.3f})")
    ax.set_xlabel("replacement rate (pension ÷ last monthly contribution base)")
    ax.set_ylabel("persons")
    ax.set_title(f"Replacement rates, {args.n:,} synthetic Shaanxi persons")
    ax.legend()
    fig.tight_layout()
    fig.savefig(args.out / "replacement_rates.png", dpi=120)

    flows = run.flows
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name, style in zip(run.scenarios, ["-", "--"]):
        f = flows[flows["scenario"] == name]
        contributions = (f["employer_contributions"] + f["individual_contributions"]).astype(float)
        ax.plot(f["year"], contributions / 1e9, style, color="tab:blue", label=f"contributions in, {name}")
        ax.plot(f["year"], f["pensions"].astype(float) / 1e9, style, color="tab:red",
                label=f"pensions out, {name}")
    ax.set_xlabel("year")
    ax.set_ylabel("billion yuan")
    ax.set_title("Yearly fund flows (first awards, no adjustments or mortality)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out / "fund_flows.png", dpi=120)
    print(f"saved {args.out / 'replacement_rates.png'} and {args.out / 'fund_flows.png'}")


if __name__ == "__main__":
    main()
