#!/usr/bin/env python3
"""The population award as an analyst would vectorise it with numpy
(float64, `np.round` to the fen), for the speed comparison of
benches/compare.sh: the same meaning as benches/python/baseline.py (whose
rule reading and per-date look-ups it reuses), but every person at once, one
calendar year (and month) at a time.

    python3 benches/python/numpy_award.py POPULATION.csv --out totals.csv

Floats are what such an implementation would use; the comparison reports how
many persons still come out identical to the fen.
"""

import csv
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import INTEREST_RATE, month_start, setup, ym  # noqa: E402


def f(x):
    return float(x)


def compute(model, persons):
    n = len(persons)
    birth = np.array([ym(p["birth"]) for p in persons])
    start = np.array([ym(p["first_contribution"]) for p in persons])
    retirement = np.array([
        ym(p["retirement_month"]) if p["retirement_month"] else model.statutory(ym(p["birth"]), p["category"])
        for p in persons
    ])
    past = np.array([int(p.get("contribution_months") or 0) for p in persons])
    past_index = np.array([float(p["average_index"]) if p.get("average_index") else 0.0 for p in persons])
    balance = np.array([float(p["account_balance"]) if p.get("account_balance") else 0.0 for p in persons])
    deemed = np.array([int(p.get("deemed_months") or 0) for p in persons])
    last = retirement - 1
    y0, ry = start // 12, retirement // 12
    first_year, last_year = int(y0.min()), int(ry.max())
    years = last_year - first_year + 1
    # Index per person and calendar year: one index, or the yearly path from the first year.
    idx = np.zeros((n, years))
    for i, p in enumerate(persons):
        if p.get("indexes"):
            path = [float(x) for x in p["indexes"].split(";")]
            off = int(y0[i]) - first_year
            idx[i, off:off + len(path)] = path[: years - off]
        elif p.get("index"):
            idx[i, :] = float(p["index"])

    ratio_sum = np.zeros(n)
    paid = np.zeros(n, dtype=np.int64)
    kk = retirement % 12
    for y in range(first_year, last_year + 1):
        a = np.maximum(start, y * 12)
        b = np.minimum(last, y * 12 + 11)
        k = np.where(y <= last // 12, np.maximum(b - a + 1, 0), 0)
        x = f(model.wages[y - 1])
        base = np.round(idx[:, y - first_year] * x, 2)
        paid += k
        ratio_sum += base * k / x
        credits = np.zeros(n)
        weighted = np.zeros(n)
        for mo in range(12):
            m = y * 12 + mo
            if m < model.established:
                continue
            on = (m >= a) & (m <= b) & (k > 0)
            c = np.where(on, np.round(base * f(model.rate("account.credit_rate", m)), 2), 0.0)
            credits += c
            weighted += np.where((y == ry) & (mo + 1 <= kk), c * (kk + 1 - (mo + 1)), 0.0)
        r = f(model.rates.get(y, INTEREST_RATE))
        factor = f(model.factor(y)) if y < last_year else 0.0
        interest = np.where(
            y < ry,
            np.round(balance * r + credits * r * factor / 2, 2),
            np.round((balance * kk + weighted) * r / 12, 2),
        )
        balance = np.where((y >= y0) & (y <= ry), balance + credits + interest, balance)

    counted = paid + past
    ratio_sum = ratio_sum + past_index * past
    exact = ratio_sum / np.maximum(counted, 1)
    per_month = {int(m): model.award_rules(int(m)) for m in np.unique(retirement)}
    cap = np.array([f(per_month[int(m)][0]) for m in retirement])
    rate = np.array([f(per_month[int(m)][1]) for m in retirement])
    coef = np.array([f(per_month[int(m)][2]) for m in retirement])
    min_months = np.array([per_month[int(m)][3] for m in retirement])
    index = np.round(np.minimum(exact, cap), 4)
    months = past + paid + deemed
    c = np.array([f(model.bases[int(y)]) for y in ry])
    divisors = {}
    for age, m in zip(retirement - birth, retirement):
        key = (int(age), int(m))
        if key not in divisors:
            divisors[key] = f(model.divisor(key[0], month_start(key[1])))
    divisor = np.array([divisors[(int(age), int(m))] for age, m in zip(retirement - birth, retirement)])
    basic = np.round(c * (1 + index) * months * rate / 24, 2)
    account = np.round(balance / divisor, 2)
    transitional = np.round(c * index * deemed * coef / 12, 2)
    total = np.round(basic + account + transitional, 2)
    ok = months >= min_months
    return ok, basic, account, transitional, total


def main():
    model, persons, out = setup(__doc__)
    t = time.perf_counter()
    ok, basic, account, transitional, total = compute(model, persons)
    elapsed = time.perf_counter() - t
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "status", "basic_pension", "account_pension", "transitional_pension", "total"])
        for i, p in enumerate(persons):
            if ok[i]:
                w.writerow([p["id"], "ok", *(f"{v[i]:.2f}" for v in (basic, account, transitional, total))])
            else:
                w.writerow([p["id"], "not_applicable", "", "", "", ""])
    print(f"numpy float64: {len(persons)} persons in {elapsed:.3f} s ({len(persons) / elapsed:.0f} persons/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
