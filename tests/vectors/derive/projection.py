#!/usr/bin/env python3
"""Derive tests/vectors/projection.json independently of the Rust engine.

Python `decimal` only (no floats), ROUND_HALF_UP to 0.01 (money) and 0.0001 (index).
A projection (养老金测算) pays from `from` through the month before the retirement
month, one calendar year at a time, as an employee without gaps:

  index of year k: given; with `wage_growth` g and average-wage growth w it drifts
    i_k = round4(i_{k-1} × (1+g)/(1+w)), kept within the contribution-base limits
    60 %–300 % (劳社险中心函〔2006〕60号; 国办发〔2019〕13号);
  X(y): the average monthly wage that sets year y's base, the previous year's
    (award.index_denominator = base_setting_year, 陕政发〔2006〕27号 as applied):
    rule values below, later years X(y) = round2(X(y-1) × (1+w));
  base = round2(index × X(y-1)); account credit per month = round2(base × 8 %)
    (国发〔2005〕38号 第四条);
  interest (劳办发〔1997〕116号 附件3): full year B·r + A·r·1.083/2 (A = the year's
    credits); the retirement year closes in the retirement month m with the 月积数
    over the months before it, k = m-1: B·r·k/12 + Σ a_n·r·(k+1-n)/12; each year's
    interest rounded to 0.01; rates: the national 记账利率 2016–2024 (人社部发〔2017〕31号
    and the yearly notices), assumed for later years;
  Ī = (Ī_past × months_past + Σ base/X per month) / months, capped at 3.0 and
    rounded to 4 places (monthly weighting, national default kept by Shaanxi;
    cap 陕政发〔2006〕27号 per the provincial Q&A);
  C: the Shaanxi 计发基数 of the retirement year (rules below), later years
    C(y) = round2(C(y-1) × (1 + pension-base growth));
  award (国发〔2005〕38号 第六条): N = (paid + deemed)/12; basic = C(1+Ī)/2 × N × 1 %;
    account = B / M (计发月数 国发〔2005〕38号 附件: 60 → 139, 61 → 132; from 2025
    by month, round1(T[a] − (T[a] − T[a+1]) × m/12)); Shaanxi transitional =
    C × Ī × deemed/12 × 1.4 % (陕政发〔2006〕27号); total = the sum of the rounded parts.

Rule values (cited):
  Shaanxi 全口径 average monthly wage X: 2023 7598.33 (西安市 2024年第1号 通告: 91,180/12),
    2024 7750.25 (陕人社函〔2025〕424号: 93,003/12), 2025 7895 (陕人社函〔2026〕326号: 94,740/12);
  Shaanxi 计发基数 C: 2024 7727, 2025 7881 (docs/sources.md §11.1);
  national 记账利率 2024 2.62 % (人社部 2025 notice).
Retirement months: 2024 NPC decision 附件 对照表 (male born 1964-12: 60y, 2024-12;
born 1966-01: 60y4m, 2026-05); the other cases choose their month.

Run: python3 tests/vectors/derive/projection.py > tests/vectors/projection.json
"""
import json
import sys
from decimal import ROUND_HALF_UP, Decimal as D, getcontext

getcontext().prec = 50
WAGES = {2023: D("7598.33"), 2024: D("7750.25"), 2025: D("7895")}
BASES = {2024: D("7727"), 2025: D("7881")}
RATES = {2024: D("0.0262")}
DIVISOR = {55: D(170), 56: D(164), 60: D(139), 61: D(132)}
CENT, IDX = D("0.01"), D("0.0001")


def r2(x):
    return x.quantize(CENT, ROUND_HALF_UP)


def r4(x):
    return x.quantize(IDX, ROUND_HALF_UP)


def ym(s):
    y, m = s.split("-")
    return int(y), int(m)


def grown(table, year, growth, explicit=None):
    """The value of `year`: rules, else explicit, else grown from the year before."""
    if year in table:
        return table[year], "rules"
    if explicit and year in explicit:
        return explicit[year], "assumed"
    prev, _ = grown(table, year - 1, growth, explicit)
    return r2(prev * (1 + growth)), "projected"


def project(case):
    p, a = case["input"], case["input"]["assumptions"]
    w, cg, rate0 = D(a["average_wage_growth"]), D(a["pension_base_growth"]), D(a["interest_rate"])
    g = D(a["wage_growth"]) if "wage_growth" in a else None
    rates = {int(k): D(v) for k, v in a.get("interest_rates", {}).items()}
    wages = {int(k): D(v) for k, v in a.get("average_wages", {}).items()}
    bases = {int(k): D(v) for k, v in a.get("pension_bases", {}).items()}
    ry, rm = ym(case["retirement"])
    fy, fm = ym(p["from"])
    assert fm == 1 and (ry, rm) > (fy, fm)
    balance = D(p.get("account_balance", "0"))
    past_m, past_i = p.get("contribution_months", 0), D(p.get("average_index", "0"))
    given = [D(x) for x in p["indexes"]] if "indexes" in p else None
    index = D(p["index"]) if given is None else None
    years, ratio_sum, paid = [], D(0), 0
    for y in range(fy, ry + 1):
        months = 12 if y < ry else rm - 1
        if months == 0:  # retiring in January: the year is closed with no month earning
            years.append({"year": y, "months": 0, "interest": "0", "balance": str(balance)})
            continue
        if given is not None:
            index = given[y - fy]
        else:
            if y > fy and g is not None:
                index = r4(index * (1 + g) / (1 + w))
            index = min(max(index, D("0.60")), D("3.00"))
        x, xsrc = grown(WAGES, y - 1, w, wages)
        base = r2(index * x)
        credit = r2(base * D("0.08"))
        r = RATES.get(y) or rates.get(y) or rate0
        rsrc = "rules" if y in RATES else "assumed"
        if y < ry:
            a_year = credit * months
            interest = r2(balance * r + a_year * r * D("1.083") / 2)
        else:
            k = rm - 1
            a_year = credit * months
            interest = r2((balance * k + credit * sum(k + 1 - n for n in range(1, months + 1))) * r / 12)
        balance = balance + a_year + interest
        ratio_sum += (base / x) * months
        paid += months
        years.append({"year": y, "months": months, "index": str(index), "average_wage": str(x),
                      "average_wage_source": xsrc, "base": str(base), "credits": str(a_year),
                      "interest_rate": str(r), "interest_rate_source": rsrc,
                      "interest": str(interest), "balance": str(balance)})
    total_m = past_m + paid
    avg = r4(min((past_i * past_m + ratio_sum) / total_m, D(3)))
    c, csrc = grown(BASES, ry, cg, bases)
    deemed = p.get("deemed_months", 0)
    n = D(total_m + deemed) / 12
    basic = r2(c * (1 + avg) / 2 * n / 100)
    age_y, age_m = divmod((ry - ym(p["birth"])[0]) * 12 + rm - ym(p["birth"])[1], 12)
    t = DIVISOR[age_y]
    m = t if age_m == 0 else (t - (t - DIVISOR[age_y + 1]) * age_m / 12).quantize(D("0.1"), ROUND_HALF_UP)
    account = r2(balance / m)
    trans = r2(c * avg * D(deemed) / 12 * D("0.014"))
    return {"retirement_month": case["retirement"], "statutory": "retirement_month" not in p,
            "contribution_months": total_m, "average_index": str(avg), "account_balance": str(balance),
            "pension_base": str(c), "pension_base_source": csrc, "divisor": str(m),
            "basic_pension": str(basic), "account_pension": str(account),
            "transitional_pension": str(trans), "total": str(basic + account + trans), "years": years}


ASSUME = {"average_wage_growth": "0.05", "pension_base_growth": "0.03", "interest_rate": "0.025"}
CASES = [
    {
        "id": "projection-shaanxi-2024-eleven-months-with-a-past",
        "note": "A man born 1964-12 retiring at his statutory month 2024-12 (60y0m) with 348 months "
                "paid so far at Ī 0.8, 120 deemed months and 100,000 in the account at the end of 2023 "
                "pays 2024-01..11 at index 1.0: every figure is rule data (X(2023), 2024 rate, C 2024); "
                "the assumptions are stated but unused.",
        "retirement": "2024-12",
        "input": {"category": "male", "birth": "1964-12", "from": "2024-01",
                  "contribution_months": 348, "average_index": "0.8", "deemed_months": 120,
                  "account_balance": "100000", "index": "1.0", "assumptions": ASSUME},
    },
    {
        "id": "projection-shaanxi-2026-statutory-60y4m-projected-base",
        "note": "A man born 1966-01 (statutory 60y4m = 2026-05) with 360 months paid at Ī 1.0, 24 deemed "
                "months and 150,000 at the end of 2025 pays 2026-01..04 at index 1.2 on X(2025) 7895; "
                "the 2026 记账利率 is assumed (2.5 %), C(2026) = 7881 × 1.03 projected; divisor "
                "139 − 7 × 4/12 = 136.7.",
        "retirement": "2026-05",
        "input": {"category": "male", "birth": "1966-01", "from": "2026-01",
                  "contribution_months": 360, "average_index": "1.0", "deemed_months": 24,
                  "account_balance": "150000", "index": "1.2", "assumptions": ASSUME},
    },
    {
        "id": "projection-shaanxi-2031-wage-growth-drift",
        "note": "A man born 1971-07 choosing 2031-07 (60y0m) with 240 months paid at Ī 0.9 and 120,000 at "
                "the end of 2026 pays 2027-01..2031-06 from index 1.0 drifting with wage growth 6 % over "
                "average-wage growth 5 % (index × 1.06/1.05 a year, rounded to 4 places); X(2026…2030) "
                "projected from 7895; 记账利率 2.8 % in 2027 (explicit) and 3 % after; C(2031) = 7881 "
                "grown 4 % a year, rounded each year.",
        "retirement": "2031-07",
        "input": {"category": "male", "birth": "1971-07", "retirement_month": "2031-07",
                  "from": "2027-01", "contribution_months": 240, "average_index": "0.9",
                  "account_balance": "120000", "index": "1.0",
                  "assumptions": {"average_wage_growth": "0.05", "pension_base_growth": "0.04",
                                  "interest_rate": "0.03", "wage_growth": "0.06",
                                  "interest_rates": {"2027": "0.028"}}},
    },
    {
        "id": "projection-shaanxi-2027-january-no-month-paid",
        "note": "A man born 1967-01 choosing 2027-01 (60y0m, divisor 139) with 400 months paid at Ī 0.7 "
                "and 80,000 at the end of 2025 pays 2026 at index 0.6 on X(2025) 7895; the retirement "
                "year has no month paid and earns no interest (k = 0); C(2027) = 7881 × 1.03², rounded "
                "each year.",
        "retirement": "2027-01",
        "input": {"category": "male", "birth": "1967-01", "retirement_month": "2027-01",
                  "from": "2026-01", "contribution_months": 400, "average_index": "0.7",
                  "account_balance": "80000", "index": "0.6", "assumptions": ASSUME},
    },
    {
        "id": "projection-shaanxi-2028-female-55-explicit-assumptions",
        "note": "A woman (cadre, female_55) born 1973-03 choosing 2028-03 (55y0m, divisor 170) with 300 "
                "months paid at Ī 1.1, 36 deemed months and 90,000 at the end of 2025 pays a given index "
                "per year (1.1, 1.3, 0.9); X(2026) is the explicit assumption 8300, X(2027) = 8300 × 1.04 "
                "projected; C(2028) the explicit assumption 8500; 记账利率 2 % assumed throughout.",
        "retirement": "2028-03",
        "input": {"category": "female_55", "birth": "1973-03", "retirement_month": "2028-03",
                  "from": "2026-01", "contribution_months": 300, "average_index": "1.1",
                  "deemed_months": 36, "account_balance": "90000", "indexes": ["1.1", "1.3", "0.9"],
                  "assumptions": {"average_wage_growth": "0.04", "pension_base_growth": "0.02",
                                  "interest_rate": "0.02", "average_wages": {"2026": "8300"},
                                  "pension_bases": {"2028": "8500"}}},
    },
]


def main():
    out = []
    for c in CASES:
        out.append({"id": c["id"], "kind": "projection", "ruleset": "cn/shaanxi",
                    "source": "derived: tests/vectors/derive/projection.py (Python decimal) from "
                              "国发〔2005〕38号 第四条/第六条 and 附件, 劳办发〔1997〕116号 附件3, "
                              "陕政发〔2006〕27号 (as quoted, docs/sources.md §10.1), 陕人社函〔2025〕424号, "
                              "陕人社函〔2026〕326号, the 2024 NPC retirement decision 附件",
                    "note": c["note"], "input": c["input"], "expect": project(c)})
    out.append({"id": "projection-invalid-assumptions-every-field", "kind": "projection",
                "ruleset": "cn/shaanxi", "source": "derived: input validation",
                "note": "A growth rate of -1 or less, a non-positive assumed wage and a missing index "
                        "are all refused together (invalid_input).",
                "input": {"category": "male", "birth": "1990-03", "from": "2012-07",
                          "assumptions": {"average_wage_growth": "-1", "pension_base_growth": "0.03",
                                          "interest_rate": "0.025", "average_wages": {"2030": "0"}}},
                "expect": {"error": "invalid_input"}})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


main()
