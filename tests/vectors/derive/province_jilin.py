"""Derive tests/vectors/province-jilin.json (Python decimal, strings only).

Rules used (rules/cn/jilin): transitional = C × Ī × 视同缴费年限 × k, k = 1.4 % when actual
contribution months exceed 240, else 1.2 %; 增发基础养老金 (吉政发〔1998〕28号 as cited) =
(C + C·Ī)/2 × [0.15 % × years in (20, 25] + 0.20 % × years in (25, 30] + 0.25 % × years
above 30] of the TOTAL years N, only when actual months > 240.
The rule set stores NO 计发基数 for Jilin, so each case gives `pension_base` as input (a
figure from a third-party series, used here only as an input, not as a rule value).
"""
from decimal import Decimal as D
from province_common import expect_block, figures, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Jilin transitional pension C × Ī × 视同缴费年限 × 1.2 % / "
       "1.4 % above 20 actual years and 增发基础养老金 bands 0.15/0.20/0.25 % (吉政发〔1998〕28号 as cited; rules/cn/jilin); ")
cases = []


def bands(n_years):
    """Σ band rate × years of N inside the band (20, 25], (25, 30], (30, ∞)."""
    total = D(0)
    for lo, hi, rate in ((D(20), D(25), D("0.0015")), (D(25), D(30), D("0.002")), (D(30), None, D("0.0025"))):
        top = n_years if hi is None else min(n_years, hi)
        if top > lo:
            total += (top - lo) * rate
    return total


# 1 — 2023, actual 341 months (> 240): k = 1.4 %, 增发 applies
C = D("7058.67"); I = D("0.9000"); act = 341; dem = 178
N = D(act + dem) / D(12)
rate_sum = bands(N)
supp = (C + C * I) / D(2) * rate_sum
r = figures(birth="1963-12", retirement_month="2023-12", contribution_months=act, deemed_months=dem,
          avg_index=I, balance=D("84000.00"), base=C, k=D("0.014"), t_months=dem,
          extras=[("long_contribution_supplement", supp)])
cases.append({
    "id": "province-jilin-2023-male-over-20-actual-years",
    "kind": "award", "ruleset": "cn/jilin",
    "source": SRC + "pension_base 7058.67 given as INPUT (the rule set has none for Jilin)",
    "note": f"Invented person (province base, not 长春): male born 1963-12, retires 2023-12 at 60y0m (divisor 139). 178 deemed months 1980-09 … 1995-06 (before the account month 1995-07), 341 actual months 1995-07 … 2023-11 (> 240 → k 1.4 % and 增发). N = 519/12 = 43.25. basic = 7058.67 × (1 + 0.9)/2 × 43.25 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 84000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = 7058.67 × 0.9 × 178/12 × 1.4 % = {r['trans_exact']:.6f} → {r['trans']}; 增发 = 7058.67 × 1.9/2 × (5 × 0.15 % + 5 × 0.20 % + 13.25 × 0.25 % = {rate_sum}) = {supp:.6f} → local_extras {r['local_extras']}; total = basic + account + transitional + local_extras = {r['total']}. pension_base 7058.67 is an input (one third-party reading of the 2023 province base; not a rule value). Script tests/vectors/derive/province_jilin.py.",
    "input": {"category": "male", "birth": "1963-12", "retirement_month": "2023-12",
              "contribution_months": act, "deemed_months": dem, "average_index": "0.9000",
              "account_balance": "84000.00", "pension_base": "7058.67"},
    "expect": expect_block(r),
})

# 2 — 2024, actual 228 months (≤ 240): k = 1.2 %, no 增发
C = D("7178.50"); I = D("0.6800"); act = 228; dem = 95
r = figures(birth="1969-02", retirement_month="2024-02", contribution_months=act, deemed_months=dem,
          avg_index=I, balance=D("45000.00"), base=C, k=D("0.012"), t_months=dem,
          extras=[("long_contribution_supplement", D(0))])
cases.append({
    "id": "province-jilin-2024-female55-under-20-actual-years",
    "kind": "award", "ruleset": "cn/jilin",
    "source": SRC + "pension_base 7178.50 given as INPUT (the rule set has none for Jilin)",
    "note": f"Invented person (province base): woman (original age 55) born 1969-02, retires 2024-02 at 55y0m (divisor 170). 95 deemed months 1987-08 … 1995-06, 228 actual months with a gap (1995-07 … 2003-06 and 2013-02 … 2024-01), ≤ 240 → k 1.2 % and no 增发 although N = 323/12 = 26.92 > 20 (the trigger is ACTUAL years). basic = 7178.50 × (1 + 0.68)/2 × 323/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 45000 / 170 = {r['account_exact']:.6f} → {r['account']}; transitional = 7178.50 × 0.68 × 95/12 × 1.2 % = {r['trans_exact']:.6f} → {r['trans']}; local_extras 0; total {r['total']}. pension_base 7178.50 is an input (third-party figure; not a rule value). Script tests/vectors/derive/province_jilin.py.",
    "input": {"category": "female_55", "birth": "1969-02", "retirement_month": "2024-02",
              "contribution_months": act, "deemed_months": dem, "average_index": "0.6800",
              "account_balance": "45000.00", "pension_base": "7178.50"},
    "expect": expect_block(r),
})
write("jilin", cases)
