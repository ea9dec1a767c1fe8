#!/usr/bin/env python3
"""Derive tests/vectors/province-jiangxi.json (Python decimal; see province_common.py).

Jiangxi (rules/cn/jiangxi): transitional = C × Ī × 视同年限 × 1.3 %; C = the published
基本养老金月计发基数 (not the 全口径 average); money half-up to 0.01; N exact.
Run: python3 tests/vectors/derive/province_jiangxi.py
"""
from province_common import award, bases, write

C = bases("jiangxi")
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 江西 过渡性养老金 = C × Ī × 视同缴费年限 × 1.3 % (as described); "
       "江西 基本养老金月计发基数 {y} = {c} (rules/cn/jiangxi)")
P = dict(k="0.013", years_rule="deemed_only")

persons = [
    ("province-jiangxi-2024-male-deemed", 2024,
     "中人: 视同 120 months before 1995-10, paid 348 months.",
     dict(category="male", birth="1964-02", retirement_month="2024-02", contribution_months=348,
          deemed_months=120, average_index="0.88", account_balance="90000")),
    ("province-jiangxi-2022-female55-deemed", 2022,
     "视同 24 months, paid 312 months; divisor 170 (55 whole years, before 2025).",
     dict(category="female_55", birth="1967-07", retirement_month="2022-07", contribution_months=312,
          deemed_months=24, average_index="0.65", account_balance="47000")),
]
cases = []
for cid, y, story, inp in persons:
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], balance=inp["account_balance"], birth=inp["birth"],
                     retire=inp["retirement_month"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/jiangxi", "source": SRC.format(y=y, c=C[y]),
                  "note": f"{story} Computed by tests/vectors/derive/province_jiangxi.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
write("jiangxi", cases, indent=2)
