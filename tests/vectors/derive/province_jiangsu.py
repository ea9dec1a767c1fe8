#!/usr/bin/env python3
"""Derive tests/vectors/province-jiangsu.json (Python decimal; see province_common.py).

Jiangsu (rules/cn/jiangsu): new-method transitional = C × α_t × P × 1.2 %, P = 视同 + actual
years up to 1995-12, α_t = the separate pre-1996 index (input transitional_index); encoded only
for retirements from 2026 (the 2024/2025 phase-in and the old method are not expressible), so a
2024 retiree with pre-1996 years gets rule_not_in_force. 2026 has no 计发基数 in the rule set:
the cases give pension_base 8917 (the 2025 base, what a 预发 would use) as an input.
Run: python3 tests/vectors/derive/province_jiangsu.py
"""
from province_common import award, bases, write

C = bases("jiangsu")
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表 (2025 reform: linear by month); "
       "《江苏省企业职工基本养老保险实施办法》 第二十四条 (as described): 过渡性养老金 = C × 1995年底前平均缴费指数 × "
       "1995年底前缴费年限 × 1.2 %; pension_base 8917 given as input (no 2026 base in rules/cn/jiangsu)")
P = dict(k="0.012", years_rule="deemed_and_pre_account", t_rule="separate")

persons = [
    ("province-jiangsu-2026-male-60y4m-pre1996",
     "中人, statutory 60y4m (birth 1966-03): 视同 1986-07..1992-12 (78 months), paid 1993-01..2026-06 (402 months, of which 36 before the 1996-01 account start → pre_account_months 36, P = 114 months = 9.5 years); pre-1996 index 0.95.",
     dict(category="male", birth="1966-03", retirement_month="2026-07", contribution_months=402,
          deemed_months=78, pre_account_months=36, average_index="1.1", transitional_index="0.95",
          account_balance="180000", pension_base="8917")),
    ("province-jiangsu-2026-female50-50y5m-pre1996",
     "Statutory 50y5m (birth 1975-09, 2025 reform); paid 1995-03..2026-01 (311 months, 10 of them before 1996-01 → P = 10 months); pre-1996 index 0.6.",
     dict(category="female_50", birth="1975-09", retirement_month="2026-02", contribution_months=311,
          deemed_months=0, pre_account_months=10, average_index="0.62", transitional_index="0.6",
          account_balance="64000", pension_base="8917")),
]
cases = []
for cid, story, inp in persons:
    fig, how = award(C=inp["pension_base"], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], pre=inp["pre_account_months"], t_idx=inp["transitional_index"],
                     balance=inp["account_balance"], birth=inp["birth"], retire=inp["retirement_month"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/jiangsu", "source": SRC,
                  "note": f"{story} Computed by tests/vectors/derive/province_jiangsu.py (Python decimal): {how}. The real payment from 2026 is max(new, old method); the old method is not encoded.",
                  "input": inp, "expect": fig})
cases.append({
    "id": "province-jiangsu-2024-phase-in-not-encoded", "kind": "award", "ruleset": "cn/jiangsu",
    "source": "derived: 《江苏省企业职工基本养老保险实施办法》 第二十四条 (as described): 2024 retirees get old + 40 % × (new − old) — not expressible, so rules/cn/jiangsu has no transitional rule before 2026",
    "note": f"A 2024 retiree with 视同 years: the rule set must refuse (rule_not_in_force) rather than pay the new-method amount. 2024 base {C[2024]} exists; the transitional rule does not.",
    "input": dict(category="male", birth="1964-02", retirement_month="2024-02", contribution_months=360,
                  deemed_months=96, pre_account_months=0, average_index="1.0", transitional_index="1.0",
                  account_balance="120000"),
    "expect": {"error": "rule_not_in_force"}})
write("jiangsu", cases)
