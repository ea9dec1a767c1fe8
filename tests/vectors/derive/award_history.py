#!/usr/bin/env python3
"""Derive the expected figures of tests/vectors/award-history.json and of the
index-variant tests in core/tests/award.rs, independently of the Rust engine.

Python `decimal` only (no floats), ROUND_HALF_UP. Formulas:
  国发〔2005〕38号 第六条: basic = C × (1 + Ī) / 2 × N × 1%, account = B / M;
  Shaanxi transitional = C × Ī × S × 1.4% (陕政发〔2006〕27号 as quoted, docs/sources.md §10.2);
  Ī per 国发〔2005〕38号 (docs/sources.md §1.6; Shaanxi §10.2–10.3) with the variants named in
  core/src/contribution_index.rs (monthly|yearly, base_setting_year|same_year,
  zero|skip, excluded|included), the average capped (Shaanxi 3.0) then
  rounded half-up to 4 places; N = months / 12 exact; components rounded
  half-up to 0.01 and the total = sum of the rounded components.
Average wages are read from rules/cn/shaanxi/award.toml (the chosen values).

Run: python3 tests/vectors/derive/award_history.py
"""
import json
import pathlib
import tomllib
from decimal import ROUND_HALF_UP, Decimal as D, getcontext

getcontext().prec = 28
ROOT = pathlib.Path(__file__).resolve().parents[3]
AW = tomllib.loads((ROOT / "rules/cn/shaanxi/award.toml").read_text())
WAGES = {e["year"]: D(e["value"]) for e in AW["award"]["average_wage"]["values"]}
DIV = {60: D(139), 61: D(132), 50: D(195), 51: D(190), 55: D(170), 56: D(164)}


def q(x, places="0.01"):
    return x.quantize(D(places), rounding=ROUND_HALF_UP)


def ym(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def months(a, b):
    return range(ym(a), ym(b) + 1)


def divisor(age_months):
    y, m = divmod(age_months, 12)
    if m == 0:
        return DIV[y]
    return q(DIV[y] - (DIV[y] - DIV[y + 1]) * m / 12, "0.1")


def index(spans, weighting="monthly", denom="base_setting_year", gaps="zero",
          deemed="excluded", deemed_index=None, wages=None, cap=D("3.0")):
    wages = {**WAGES, **(wages or {})}
    per_month = {}  # month index -> (kind, ratio)
    paid = [m for s in spans if s.get("kind", "paid") == "paid" for m in months(s["from"], s["to"])]
    for s in spans:
        kind = s.get("kind", "paid")
        for m in months(s["from"], s["to"]):
            y = m // 12
            if kind == "paid":
                dy = y - 1 if denom == "base_setting_year" else y
                per_month[m] = ("paid", D(s["base"]) / wages[dy])
            elif kind == "deemed":
                per_month[m] = ("deemed", D(s.get("index", deemed_index)) if deemed == "included" else None)
            else:
                per_month[m] = ("gap", D(0))
    for m in range(min(paid), max(paid) + 1):  # holes inside the paid era
        per_month.setdefault(m, ("gap", D(0)))
    counted = {}
    for m, (kind, r) in sorted(per_month.items()):
        if kind == "deemed" and deemed == "excluded":
            continue
        if kind == "gap" and gaps == "skip":
            continue
        counted.setdefault(m // 12, []).append(r)
    if weighting == "monthly":
        rs = [r for v in counted.values() for r in v]
        exact = sum(rs, D(0)) / len(rs)
    else:
        ys = [sum(v, D(0)) / len(v) for v in counted.values()]
        exact = sum(ys, D(0)) / len(ys)
    if cap is not None and exact > cap:
        exact = cap
    return q(exact, "0.0001"), exact


def award(inp, c, avg, transitional_k=D("0.014")):
    spans = inp["history"]
    paid = sum(len(months(s["from"], s["to"])) for s in spans if s.get("kind", "paid") == "paid")
    deemed = sum(len(months(s["from"], s["to"])) for s in spans if s.get("kind") == "deemed")
    n_months = paid + deemed
    age = ym(inp["retirement_month"]) - ym(inp["birth"])
    m = divisor(age)
    b = D(inp["account_balance"])
    basic = q(c * (1 + avg) * n_months * D("0.01") / 24)
    account = q(b / m)
    trans = q(c * avg * deemed * transitional_k / 12) if transitional_k else D("0.00")
    return {
        "contribution_months": paid,
        "deemed_months": deemed,
        "pension_base": str(c),
        "average_index": str(avg),
        "indexed_wage": str(q(c * avg)),
        "divisor": str(m),
        "basic_pension": str(basic),
        "account_pension": str(account),
        "transitional_pension": str(trans),
        "total": str(basic + account + trans),
    }


ZHONGREN = {
    "category": "male",
    "birth": "1965-06",
    "retirement_month": "2025-08",
    "history": [
        {"from": "1985-07", "to": "1992-12", "kind": "deemed"},
        {"from": "1993-01", "to": "1995-12", "base": "250", "region": "610100"},
        {"from": "1996-01", "to": "2000-12", "base": "500", "region": "610100"},
        {"from": "2001-01", "to": "2005-12", "base": "900", "region": "610100"},
        {"from": "2006-01", "to": "2010-12", "base": "2000", "region": "610100"},
        {"from": "2011-01", "to": "2015-12", "base": "3500", "region": "610100"},
        {"from": "2016-01", "to": "2018-12", "base": "5000", "region": "610100"},
        {"from": "2019-01", "to": "2019-12", "base": "5000", "region": "610100", "paid_in": "2021-03"},
        {"from": "2020-07", "to": "2021-12", "base": "3632", "region": "610100", "employment": "flexible"},
        {"from": "2022-01", "to": "2022-12", "base": "3926", "region": "610100", "employment": "flexible"},
        {"from": "2023-01", "to": "2023-12", "base": "4217.2", "region": "610100", "employment": "flexible"},
        {"from": "2024-01", "to": "2024-12", "base": "4559", "region": "610100", "employment": "flexible"},
        {"from": "2025-01", "to": "2025-07", "base": "4650", "region": "610100", "employment": "flexible"},
    ],
    "average_wages": {"1992": "212.08"},
    "account_balance": "128000",
}

FLOOR = {
    "category": "female_50",
    "birth": "1975-05",
    "retirement_month": "2025-08",
    "history": [
        {"from": "2010-06", "to": "2022-12", "base": None, "employment": "flexible"},
    ],
    "account_balance": "52000",
}


def floor_spans():
    # Floor = 60 % of the previous year's average wage (base_setting_year),
    # rounded to 0.01 before 2023; the published floors from 2023
    # (4217.2, 4559, 4650; docs/sources.md §11.2).
    spans = []
    for y in range(2010, 2023):
        f = q(WAGES[y - 1] * D("0.6"))
        spans.append({"from": f"{y}-{6 if y == 2010 else 1:02d}", "to": f"{y}-12", "base": str(f), "employment": "flexible"})
    for y, f in [(2023, "4217.2"), (2024, "4559")]:
        spans.append({"from": f"{y}-01", "to": f"{y}-12", "base": f, "employment": "flexible"})
    spans.append({"from": "2025-01", "to": "2025-07", "base": "4650", "employment": "flexible"})
    return spans


if __name__ == "__main__":
    out = {}
    c25 = D("7881")
    a, exact = index(ZHONGREN["history"], wages={1992: D("212.08")})
    out["zhongren_shaanxi"] = award(ZHONGREN, c25, a) | {"exact": str(exact)}
    nat_wages = {y: w for y, w in WAGES.items()} | {1992: D("212.08")}
    a2, exact2 = index(ZHONGREN["history"], gaps="skip", wages=nat_wages, cap=None)
    out["zhongren_national_skip"] = award(ZHONGREN, c25, a2, transitional_k=None) | {"exact": str(exact2)}
    FLOOR["history"] = floor_spans()
    a3, exact3 = index(FLOOR["history"])
    out["floor_shaanxi"] = award(FLOOR, c25, a3) | {"exact": str(exact3), "spans": FLOOR["history"]}
    a4, e4 = index(FLOOR["history"], denom="same_year")
    out["floor_same_year"] = {"average_index": str(a4), "exact": str(e4)}
    for name, kw in {
        "zhongren_yearly": dict(weighting="yearly"),
        "zhongren_same_year": dict(denom="same_year"),
        "zhongren_skip": dict(gaps="skip"),
        "zhongren_deemed_included_1": dict(deemed="included", deemed_index=D("1")),
        "zhongren_yearly_same_year_skip": dict(weighting="yearly", denom="same_year", gaps="skip"),
    }.items():
        a5, e5 = index(ZHONGREN["history"], wages={1992: D("212.08")}, **kw)
        out[name] = {"average_index": str(a5), "exact": str(e5)}
        if name == "zhongren_deemed_included_1":
            out[name] |= award(ZHONGREN, c25, a5)
    print(json.dumps(out, ensure_ascii=False, indent=1))
