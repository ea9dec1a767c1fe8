#!/usr/bin/env python3
"""Derive tests/vectors/province-anhui.json (Python decimal; see province_common.py).

Anhui (rules/cn/anhui): years of the basic pension and 视同 years of the transitional pension
kept to one decimal and rounded UP (只进不退: rounding.years / rounding.transitional_years scale 1
up); transitional = C × Ī × S × 1.3 %; money half-up to 0.01; total = sum of rounded parts.
Run: python3 tests/vectors/derive/province_anhui.py
"""
from province_common import award, bases, write

C = bases("anhui")
UP1 = {"scale": 1, "mode": "up"}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 皖政〔2006〕59号 (as quoted): 过渡性养老金 = C × Ī × "
       "视同缴费年限 × 1.3 %; years to 0.1 rounded up (只进不退, approval-sheet formula as transcribed); "
       "安徽 计发基数 {y} = {c} (rules/cn/anhui)")
P = dict(k="0.013", years_rule="deemed_only", years_rnd=UP1, tyears_rnd=UP1)

persons = [
    ("province-anhui-2024-male-years-up", 2024,
     "中人: 视同 127 months (10y7m = 10.5833 → 10.6), paid 366 months; N = 493 months = 41.0833 → 41.1.",
     dict(category="male", birth="1964-05", retirement_month="2024-05", contribution_months=366,
          deemed_months=127, average_index="0.92", account_balance="110000")),
    ("province-anhui-2025-female55-55y1m", 2025,
     "Statutory 55y1m (birth 1970-01, 2025 reform), divisor 169.5; paid 305 months = 25.4167 → 25.5 years; no 视同.",
     dict(category="female_55", birth="1970-01", retirement_month="2025-02", contribution_months=305,
          deemed_months=0, average_index="0.68", account_balance="58000")),
]
cases = []
for cid, y, story, inp in persons:
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], balance=inp["account_balance"], birth=inp["birth"],
                     retire=inp["retirement_month"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/anhui", "source": SRC.format(y=y, c=C[y]),
                  "note": f"{story} Computed by tests/vectors/derive/province_anhui.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
write("anhui", cases, indent=2)
