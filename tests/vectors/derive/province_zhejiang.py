#!/usr/bin/env python3
"""Derive tests/vectors/province-zhejiang.json (Python decimal; see province_common.py).

Zhejiang (rules/cn/zhejiang): transitional = C × α_t × P × 1.4 %, P = 视同 + actual years up to
1997-12, α_t = the pre-1998 index (input transitional_index); extra 基本养老金补贴 150 元 (flat);
components half-up to 0.01 for display; total = the EXACT sum rounded 见分进角 to 0.1 元
(award.total_rule rounded_sum, rounding.total scale 1 up_after_truncate). The 过渡调节金
(480 + Ī × N × 3, 浙人社发〔2018〕102号) is an `unknown` extra gated by the attribute
transition_adjustment_covered (default false): cases 1–2 do not state it (no 过渡调节金), case 3
states it and expects the typed error rule_missing_year rather than a guessed amount.
Run: python3 tests/vectors/derive/province_zhejiang.py
"""
from province_common import award, bases, write

C = bases("zhejiang")
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 浙劳社老〔2006〕142号 (as quoted): 过渡性养老金 = "
       "C × 1997年底前平均缴费指数 × 1997年底前缴费年限 × 1.4 %; 浙人社发〔2011〕146号 (as quoted) 基本养老金补贴 150 元; "
       "total 见分进角 to 0.1 元 (as reported); 浙江 计发基数 {y} = {c} (rules/cn/zhejiang)")
P = dict(k="0.014", years_rule="deemed_and_pre_account", t_rule="separate",
         extras=[("basic_subsidy", "150")], total_rule="rounded_sum",
         total_rnd={"scale": 1, "mode": "up_after_truncate"})

persons = [
    ("province-zhejiang-2024-male-pre1998", 2024,
     "中人: 视同 1983-01..1992-12 (120 months), paid 1993-01..2024-07 (379 months, 60 of them before the 1998-01 account start → P = 180 months = 15 years); pre-1998 index 0.9.",
     dict(category="male", birth="1964-08", retirement_month="2024-08", contribution_months=379,
          deemed_months=120, pre_account_months=60, average_index="1.05", transitional_index="0.9",
          account_balance="150000")),
    ("province-zhejiang-2025-female50-50y1m", 2025,
     "Statutory 50y1m (birth 1975-01, 2025 reform), divisor 194.6; paid 1996-04..2025-01 (346 months, 21 before 1998-01 → P = 21 months); pre-1998 index 0.7.",
     dict(category="female_50", birth="1975-01", retirement_month="2025-02", contribution_months=346,
          deemed_months=0, pre_account_months=21, average_index="0.8", transitional_index="0.7",
          account_balance="72000")),
]
cases = []
for cid, y, story, inp in persons:
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], pre=inp["pre_account_months"], t_idx=inp["transitional_index"],
                     balance=inp["account_balance"], birth=inp["birth"], retire=inp["retirement_month"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/zhejiang", "source": SRC.format(y=y, c=C[y]),
                  "note": f"{story} Computed by tests/vectors/derive/province_zhejiang.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
covered = dict(persons[0][3], attributes={"transition_adjustment_covered": True})
cases.append({"id": "province-zhejiang-2024-transition-adjustment-unknown", "kind": "award", "ruleset": "cn/zhejiang",
              "source": "derived: 浙人社发〔2018〕102号 (as quoted) 过渡调节金 — applicability to enterprise retirees not established "
                        "(rules/cn/zhejiang award.extras.transition_adjustment, kind unknown)",
              "note": "Case 1's person stated to be covered by the 过渡调节金: the rule set has no established amount rule for it, "
                      "so the award is refused with rule_missing_year naming award.extras.transition_adjustment — never a guess.",
              "input": covered, "expect": {"error": "rule_missing_year"}})
write("zhejiang", cases, indent=2)
