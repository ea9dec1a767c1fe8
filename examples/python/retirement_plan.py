#!/usr/bin/env python3
"""When to retire and what to pay: one person's plan, with plots.

Runs ``Engine.plan`` (docs/plan.md) for the person of examples/plan.json — every
month of her elastic window × five contribution bases as a flexible worker —
prints the statutory month and the assumptions, and saves two PNG plots:

* pension_by_month.png — the monthly pension by retirement month, one line per base
  (months where the minimum is not met have no pension and no point);
* break_even_by_base.png — the age at break-even (回本) by base, at the statutory month.

    python examples/python/retirement_plan.py --out plots/

Amounts stay exact (``Decimal``); the plots convert them to float only for drawing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

import pension_rules as pr  # noqa: E402

HERE = Path(__file__).resolve().parent
CASE = HERE.parent / "plan.json"


def age_years(age: str) -> float:
    """'60y11m' → 60.9166…"""
    y, m = age.rstrip("m").split("y")
    return int(y) + int(m) / 12


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("."), help="folder for the PNG files")
    args = ap.parse_args()
    case = json.loads(CASE.read_text(encoding="utf-8"))
    df = pr.Engine(case["ruleset"]).plan(case["input"])
    info = df.attrs["plan"]
    print(f"statutory month {info['statutory_month']} ({info['statutory_age']}); "
          f"window {info.get('earliest_month')} – {info.get('latest_month')}")
    for s in info["assumptions"]["statements"]:
        print(" -", s)
    args.out.mkdir(parents=True, exist_ok=True)

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for index, g in df[df["eligible"]].groupby("index", sort=True):
        ax.plot(g["retirement_month"], [float(x) for x in g["total"]], label=f"base {index}")
    ax.set_xlabel("retirement month")
    ax.set_ylabel("monthly pension (yuan, nominal)")
    ax.set_xticks(ax.get_xticks()[::12])
    ax.legend()
    ax.set_title("Pension by retirement month (eligible months only)")
    fig.tight_layout()
    fig.savefig(args.out / "pension_by_month.png", dpi=110)

    at = df[df["statutory"] & df["eligible"]]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.bar([str(i) for i in at["index"]], [age_years(a) for a in at["break_even_age"]])
    ax.set_xlabel("contribution base (index of the average wage)")
    ax.set_ylabel("age at break-even")
    ax.set_title(f"Break-even by base, retiring {info['statutory_month']}")
    fig.tight_layout()
    fig.savefig(args.out / "break_even_by_base.png", dpi=110)
    print(df[["retirement_month", "index", "eligible", "total", "break_even_month",
              "lifetime_value"]].to_string(max_rows=12))


if __name__ == "__main__":
    main()
