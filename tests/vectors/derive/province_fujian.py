#!/usr/bin/env python3
"""Derive tests/vectors/province-fujian.json (Python decimal; see province_common.py).

Fujian (rules/cn/fujian): years in half-year steps rounded up (1–6 remaining months → +0.5,
7–11 → +1; rounding.years and rounding.transitional_years scale 1, step 0.5, up); transitional =
C × Ī × P × 1.3 %, P = 视同 + actual years before 1996-01; money half-up to 0.01.
Run: python3 tests/vectors/derive/province_fujian.py
"""
from province_common import award, bases, write

C = bases("fujian")
HALF = {"scale": 1, "mode": "up", "step": "0.5"}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 闽政〔2006〕24号 (as quoted): 过渡性养老金 = C × Ī × "
       "1995年底前缴费年限 × 1.3 %; years in half-year steps rounded up (as reported); 福建 计发基数 {y} = {c} (rules/cn/fujian)")
P = dict(k="0.013", years_rule="deemed_and_pre_account", years_rnd=HALF, tyears_rnd=HALF)

persons = [
    ("province-fujian-2024-male-half-years", 2024,
     "中人: 视同 1984-03..1992-12 (106 months), paid 381 months of which 36 before 1996-01; N = 487 months = 40.5833 → 41.0; P = 142 months = 11.8333 → 12.0.",
     dict(category="male", birth="1964-09", retirement_month="2024-09", contribution_months=381,
          deemed_months=106, pre_account_months=36, average_index="0.85", account_balance="98000")),
    ("province-fujian-2025-female50-50y2m", 2025,
     "Statutory 50y2m (birth 1975-03, 2025 reform), divisor 194.2; paid 301 months = 25.0833 → 25.5; no pre-1996 years.",
     dict(category="female_50", birth="1975-03", retirement_month="2025-05", contribution_months=301,
          deemed_months=0, pre_account_months=0, average_index="0.7", account_balance="66000")),
]
cases = []
for cid, y, story, inp in persons:
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], pre=inp["pre_account_months"], balance=inp["account_balance"],
                     birth=inp["birth"], retire=inp["retirement_month"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/fujian", "source": SRC.format(y=y, c=C[y]),
                  "note": f"{story} Computed by tests/vectors/derive/province_fujian.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
write("fujian", cases, indent=2)
