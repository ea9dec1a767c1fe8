#!/usr/bin/env python3
"""A plain-Python `decimal` implementation of the population award, for speed
and agreement checks against `pension-rules simulate` (benches/compare.sh).

Same meaning as the Rust single path (docs/population.md): the person's
contributions from `first_contribution` to the month before retirement at
their index × the average wage that sets the base; the account ledger
(劳办发〔1997〕116号 annual formula, partial last year); the average index with
cap and rounding; the award of 国发〔2005〕38号 第六条 with the Shaanxi
transitional pension. Rule values are read from the TOML rule files (national
layered under the province), assumptions are the synthetic population's
(docs/population.md). Independent code: it shares no line with the engine.

    python3 benches/python/baseline.py POPULATION.csv --out totals.csv

Only what the synthetic population needs is implemented (employees, no gaps,
the annual_1083 and months_before_event conventions, base-setting-year
denominators, monthly weighting, deemed months out of the index).
"""

import argparse
import csv
import datetime
import sys
import time
import tomllib
from functools import lru_cache
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal, getcontext
from pathlib import Path

getcontext().prec = 28  # as rust_decimal's 96-bit mantissa

MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}

# Assumptions of the synthetic population (docs/population.md).
AVERAGE_WAGE_GROWTH = Decimal("0.04")
PENSION_BASE_GROWTH = Decimal("0.03")
INTEREST_RATE = Decimal("0.03")
AVERAGE_WAGES = {1992: Decimal("212.08")}


def ym(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def ym_str(i):
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def month_start(i):
    return datetime.date(i // 12, i % 12 + 1, 1)


def params_of(node, prefix, out):
    for k, v in node.items():
        if not isinstance(v, dict):
            continue
        name = f"{prefix}.{k}" if prefix else k
        if "values" in v or "versions" in v:
            out[name] = v
        else:
            params_of(v, name, out)


def load_rules(root, ids):
    """Merge the parameters of the rule sets `ids`, base first (by entry key)."""
    merged = {}
    for rid in ids:
        for f in sorted((root / rid).glob("*.toml")):
            if f.name == "ruleset.toml":
                continue
            found = {}
            params_of(tomllib.loads(f.read_text(encoding="utf-8")), "", found)
            for name, p in found.items():
                entries = p.get("values", p.get("versions", []))
                if p.get("mode") == "replace" or name not in merged:
                    merged[name] = []
                for e in entries:
                    key = ("y", e["year"], bool(e.get("provisional"))) if "year" in e else ("f", e["from"])
                    merged[name] = [x for x in merged[name] if x[0] != key] + [(key, e)]
    rules = {}
    for name, entries in merged.items():
        entries.sort(key=lambda x: x[0])
        rules[name] = [e for _, e in entries]
    # A later table version lists the rows it changes; others carry over.
    for name, entries in rules.items():
        if entries and "rows" in entries[0]:
            prev = {}
            for e in entries:
                rows = dict(prev)
                rows.update({int(k): v for k, v in e["rows"].items()})
                e["rows"] = rows
                prev = rows
    return rules


class Rules:
    def __init__(self, root, ids):
        self.p = load_rules(root, ids)

    def at(self, name, date):
        found = None
        for e in self.p.get(name, []):
            if e["from"] <= date and (e.get("until") is None or date <= e["until"]):
                found = e
        if found is None:
            raise LookupError(f"{name} not in force on {date}")
        return found

    def dated(self, name, date):
        return Decimal(self.at(name, date)["value"])

    def variant(self, name, date):
        return self.at(name, date)["value"]

    def yearly(self, name):
        out = {}
        # A final value beats a provisional (预发) one.
        for e in sorted(self.p.get(name, []), key=lambda e: (e["year"], not e.get("provisional"))):
            out[e["year"]] = Decimal(e["value"])
        return out

    def rounding(self, name, date):
        e = self.at(name, date)
        return Decimal(1).scaleb(-int(e["scale"])), MODES[e["mode"]]


def rnd(x, rule):
    q, mode = rule
    return x.quantize(q, rounding=mode)


def grown(rules_values, explicit, growth, money, first, last):
    """Rule value, else explicit, else the previous year × (1 + growth)."""
    start = min([y for y in list(rules_values) + list(explicit)] + [first])
    out, prev = {}, None
    for y in range(start, last + 1):
        v = rules_values.get(y, explicit.get(y))
        if v is None and prev is not None:
            v = rnd(prev * (1 + growth), money)
        out[y] = v
        prev = v
    return out


class Model:
    def __init__(self, root, ids, last_year=2100):
        r = self.r = Rules(root, ids)
        d = datetime.date(2030, 1, 1)
        self.money = r.rounding("rounding.money", d)
        self.index_rounding = r.rounding("rounding.index", d)
        self.divisor_rounding = r.rounding("rounding.divisor", d)
        self.wages = grown(r.yearly("award.average_wage"), AVERAGE_WAGES, AVERAGE_WAGE_GROWTH, self.money, 1990, last_year)
        self.bases = grown(r.yearly("award.pension_base"), {}, PENSION_BASE_GROWTH, self.money, 1990, last_year)
        self.rates = r.yearly("account.interest_rate")
        est = r.at("account.established", d)["value"]
        self.established = ym(est)
        self.schedules = {c: r.p[f"retirement.schedule.{c}"] for c in ("male", "female_50", "female_55")}
        self.credit_cache = {}
        # Per-date look-ups, cached (plain Python, but not needlessly slow).
        self.factor = lru_cache(maxsize=None)(
            lambda y: self.r.dated("account.annual_interest_factor", datetime.date(y, 12, 31)))
        self.award_rules = lru_cache(maxsize=None)(lambda m: (
            self.r.dated("award.index_cap", month_start(m)),
            self.r.dated("award.basic_rate_per_year", month_start(m)),
            self.r.dated("award.transitional_coefficient", month_start(m)),
            self.min_months(m)))
        self.divisor = lru_cache(maxsize=None)(self.divisor)
        self.statutory = lru_cache(maxsize=None)(self.statutory)

    def statutory(self, birth, category):
        """The version in force when the age it gives is reached (latest first)."""
        for v in reversed(self.schedules[category]):
            age = age_months(v["original_age"])
            if "start_birth" in v:
                n = birth - ym(v["start_birth"])
                if n >= 0:
                    age += min(n // int(v["step_months"]) + 1, int(v["max_delay_months"]))
            month = birth + age
            if v["from"] <= month_start(month):
                return month
        raise LookupError("no schedule")

    def rate(self, name, m):
        key = (name, m)
        if key not in self.credit_cache:
            self.credit_cache[key] = self.r.dated(name, month_start(m))
        return self.credit_cache[key]

    def divisor(self, age, date):
        rows = self.r.at("award.annuity_divisor", date)["rows"]
        y, m = divmod(age, 12)
        whole = Decimal(rows[y])
        if m == 0 or self.r.variant("award.divisor_month_rule", date) == "whole_years":
            return whole
        nxt = Decimal(rows[y + 1])
        return rnd(whole - (whole - nxt) * m / 12, self.divisor_rounding)

    def min_months(self, month):
        rows = self.r.at("retirement.min_contribution_months", month_start(month))["rows"]
        year = month // 12
        keys = [k for k in rows if k <= year]
        return int(rows[max(keys)])

    def person(self, p):
        birth, cat = ym(p["birth"]), p["category"]
        start = ym(p["first_contribution"])
        retirement = ym(p["retirement_month"]) if p["retirement_month"] else self.statutory(birth, cat)
        date = month_start(retirement)
        last = retirement - 1
        past = int(p.get("contribution_months") or 0)
        past_index = Decimal(p["average_index"]) if p.get("average_index") else None
        balance = Decimal(p["account_balance"]) if p.get("account_balance") else Decimal(0)
        deemed = int(p.get("deemed_months") or 0)
        path = [Decimal(x) for x in p["indexes"].split(";")] if p.get("indexes") else None
        one = Decimal(p["index"]) if p.get("index") else None
        y0, ry = start // 12, retirement // 12
        ratio_sum, counted, paid, final_base = Decimal(0), 0, 0, None
        kk = retirement % 12  # months_before_event: months 1 … m − 1 earn interest
        for y in range(y0, ry + 1):
            credits, weighted = Decimal(0), Decimal(0)
            if y <= last // 12:
                a = max(start, y * 12)
                b = min(last, y * 12 + 11)
                k = b - a + 1
                idx = path[y - y0] if path is not None else one
                x = self.wages[y - 1]
                base = rnd(idx * x, self.money)
                final_base = base
                paid += k
                counted += k
                ratio_sum += base * k / x
                for m in range(max(a, self.established), b + 1):
                    c = rnd(base * self.rate("account.credit_rate", m), self.money)
                    credits += c
                    n = m % 12 + 1
                    if y == ry and n <= kk:
                        weighted += c * (kk + 1 - n)
            r = self.rates.get(y, INTEREST_RATE)
            if y < ry:
                f = self.factor(y)
                interest = rnd(balance * r + credits * r * f / 2, self.money)
            else:
                interest = rnd((balance * kk + weighted) * r / 12, self.money)
            balance += credits + interest
        if past:
            ratio_sum += past_index * past
            counted += past
        exact = ratio_sum / counted
        cap, rate, k, min_months = self.award_rules(retirement)
        index = rnd(min(exact, cap), self.index_rounding)
        months = past + paid + deemed
        if months < min_months:
            return None
        c = self.bases[ry]
        divisor = self.divisor(retirement - birth, date)
        basic = rnd(c * (1 + index) * months * rate / 24, self.money)
        account = rnd(balance / divisor, self.money)
        transitional = rnd(c * index * deemed * k / 12, self.money)
        total = rnd(basic + account + transitional, self.money)
        return basic, account, transitional, total, index, balance, final_base


def age_months(s):
    y, _, rest = s.partition("y")
    return int(y) * 12 + (int(rest.rstrip("m")) if rest else 0)


def setup(doc):
    """The command line of a comparison script (POPULATION.csv --out FILE):
    the Shaanxi model, the persons read, the output path."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("population")
    ap.add_argument("--rules-root", default=str(Path(__file__).resolve().parents[2] / "rules"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    model = Model(Path(args.rules_root), ["cn/national", "cn/shaanxi"])
    with open(args.population, newline="", encoding="utf-8") as f:
        persons = list(csv.DictReader(f))
    return model, persons, args.out


def main():
    model, persons, out = setup(__doc__)
    t = time.perf_counter()
    rows = []
    for p in persons:
        try:
            r = model.person(p)
        except (LookupError, KeyError, ArithmeticError) as e:
            rows.append((p["id"], "error", str(e)))
            continue
        if r is None:
            rows.append((p["id"], "not_applicable", ""))
        else:
            rows.append((p["id"], "ok", *[str(v) for v in r[:4]]))
    elapsed = time.perf_counter() - t
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "status", "basic_pension", "account_pension", "transitional_pension", "total"])
        w.writerows(rows)
    print(f"python decimal: {len(persons)} persons in {elapsed:.3f} s ({len(persons) / elapsed:.0f} persons/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
