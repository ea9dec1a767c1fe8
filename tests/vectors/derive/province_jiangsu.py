#!/usr/bin/env python3
"""Derive tests/vectors/province-jiangsu.json (Python decimal; see province_common.py).

Jiangsu (rules/cn/jiangsu): new-method transitional = C × α_t × P × 1.2 %, P = 视同 + actual
years up to 1995-12, α_t = the separate pre-1996 index (input transitional_index); phased in:
payable = old + max(new − old, 0) × share (2024 0.4, 2025 0.7, 2026 1), old = the input
old_transitional_pension (the old method's formula is not known); before 2024 the old amount
is given as transitional_pension (award.transitional_method = given). 2026 has no 计发基数 in the
rule set: the 2026 cases give pension_base 8917 (the 2025 base, what a 预发 would use).
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
                  "note": f"{story} Computed by tests/vectors/derive/province_jiangsu.py (Python decimal): {how}. Share 1 from 2026 and no old_transitional_pension given: the new-method amount is paid (given an old amount, the larger of the two would be paid).",
                  "input": inp, "expect": fig})
PH = bases("jiangsu", "transitional_phase_in")
more = [
    ("province-jiangsu-2024-phase-in-40pct", 2024, "700",
     "中人 retiring 2024-02: 视同 96 months (8 years, all before 1996), paid 360 months; pre-1996 index 1.0; old-method amount 700.00 given (invented). New > old, so 40 % of the gain is paid.",
     dict(category="male", birth="1964-02", retirement_month="2024-02", contribution_months=360,
          deemed_months=96, pre_account_months=0, average_index="1.0", transitional_index="1.0",
          old_transitional_pension="700", account_balance="120000")),
    ("province-jiangsu-2025-phase-in-old-higher", 2025, "720",
     "Statutory 55y1m (female_55, birth 1970-03, 2025 reform), divisor 169.5; 视同 60 months, paid 1993-01..2025-03 (387 months, 36 before 1996 → P = 96 months); pre-1996 index 0.8; old-method amount 720.00 given (invented), above the new amount, so the old amount is paid (max(new − old, 0) = 0).",
     dict(category="female_55", birth="1970-03", retirement_month="2025-04", contribution_months=387,
          deemed_months=60, pre_account_months=36, average_index="0.9", transitional_index="0.8",
          old_transitional_pension="720", account_balance="88000")),
]
for cid, y, old, story, inp in more:
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"], dm=inp["deemed_months"],
                     pre=inp["pre_account_months"], t_idx=inp["transitional_index"], balance=inp["account_balance"],
                     birth=inp["birth"], retire=inp["retirement_month"], old=old, share=PH[y], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/jiangsu",
                  "source": f"derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 《江苏省企业职工基本养老保险实施办法》 第二十四条 (as described) new method C × α_t × P × 1.2 %; 新老办法 share {y} = {PH[y]} (as described); 江苏 计发基数 {y} = {C[y]} (rules/cn/jiangsu)",
                  "note": f"{story} Computed by tests/vectors/derive/province_jiangsu.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
inp = dict(category="male", birth="1963-05", retirement_month="2023-05", contribution_months=372,
           deemed_months=108, pre_account_months=36, average_index="1.05", transitional_index="1.0",
           transitional_pension="915.6", account_balance="125000")
fig, how = award(C=C[2023], idx=inp["average_index"], cm=inp["contribution_months"], dm=inp["deemed_months"],
                 pre=inp["pre_account_months"], balance=inp["account_balance"], birth=inp["birth"],
                 retire=inp["retirement_month"], given=inp["transitional_pension"], **P)
cases.append({"id": "province-jiangsu-2023-old-method-given", "kind": "award", "ruleset": "cn/jiangsu",
              "source": f"derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Jiangsu old method before 2024 (formula not found: award.transitional_method = given); 江苏 计发基数 2023 = {C[2023]} (rules/cn/jiangsu)",
              "note": f"A 2023 retiree: only the old method applies and its formula is not encoded, so the old-method amount 915.60 (invented) is given as transitional_pension. Computed by tests/vectors/derive/province_jiangsu.py (Python decimal): {how}.",
              "input": inp, "expect": fig})
write("jiangsu", cases, indent=2)
