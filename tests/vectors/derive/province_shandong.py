#!/usr/bin/env python3
"""Derive tests/vectors/province-shandong.json (Python decimal; see province_common.py).

Shandong (rules/cn/shandong): transitional = C × Ī × P × 1.3 %, P = 视同 + actual years before
1996-01; 2025 final base 7831 (the 预发 7678 is only seen "as known" before publication);
菏泽 (371700) has no base (excluded by 鲁人社字〔2025〕100号) → rule_missing_year.
Run: python3 tests/vectors/derive/province_shandong.py
"""
from province_common import award, bases, write

C = bases("shandong")
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 鲁政发〔2006〕92号 (as quoted): 过渡性养老金 = C × Ī × "
       "建账前缴费年限 × 1.3 %; 山东 基本养老金月计发基数 {y} = {c} ({doc}; rules/cn/shandong)")
DOC = {2024: "鲁人社字〔2024〕112号", 2025: "鲁人社字〔2025〕100号"}
P = dict(k="0.013", years_rule="deemed_and_pre_account")

persons = [
    ("province-shandong-2024-male-pre1996", 2024,
     "中人: 视同 1983-09..1992-06 (106 months), paid 1992-07..2024-10 (388 months, 42 before the 1996-01 account start → P = 148 months).",
     dict(category="male", birth="1964-11", retirement_month="2024-11", contribution_months=388,
          deemed_months=106, pre_account_months=42, average_index="1.02", account_balance="135000")),
    ("province-shandong-2025-female50-final-base", 2025,
     "Statutory 50y1m (birth 1975-02, 2025 reform), divisor 194.6; the final 2025 base 7831 (the 预发 7678 is superseded).",
     dict(category="female_50", birth="1975-02", retirement_month="2025-03", contribution_months=290,
          deemed_months=0, pre_account_months=0, average_index="0.66", account_balance="52000")),
]
cases = []
for cid, y, story, inp in persons:
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], pre=inp["pre_account_months"], balance=inp["account_balance"],
                     birth=inp["birth"], retire=inp["retirement_month"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/shandong",
                  "source": SRC.format(y=y, c=C[y], doc=DOC[y]),
                  "note": f"{story} Computed by tests/vectors/derive/province_shandong.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
cases.append({
    "id": "province-shandong-heze-no-base", "kind": "award", "ruleset": "cn/shandong",
    "source": "derived: 鲁人社字〔2025〕100号 (as quoted): the 2025 provincial 计发基数 7831 applies to enterprise pensions 除菏泽市以外; 菏泽's own base not found (rules/cn/shandong/heze has none)",
    "note": "A 菏泽 retiree (region 371700) must not be paid on the provincial base: the Heze layer has no 计发基数, so the award fails with a missing-year error.",
    "input": dict(category="male", birth="1965-01", retirement_month="2025-02", contribution_months=420,
                  deemed_months=0, pre_account_months=0, average_index="1.0", account_balance="100000",
                  region="371700"),
    "expect": {"error": "rule_missing_year"}})
write("shandong", cases, indent=2)
