#!/usr/bin/env python3
"""Derive tests/vectors/province-shanghai.json (Python decimal; see province_common.py).

Shanghai (rules/cn/shanghai): basic = (C + C·Ī)/2 × (whole years × 1 % + remaining months ×
0.083 %); transitional = C × 1.0 × 视同年限 × 1.2 % + 虚账实记总额 ÷ 120 (input notional_account,
invented totals); each component rounded 分进角 = truncate to the fen, then up to the 角
(rounding.* scale 1 up_after_truncate); total = sum of the rounded components.
Run: python3 tests/vectors/derive/province_shanghai.py
"""
from province_common import award, bases, write

C = bases("shanghai")
JIAO = {"scale": 1, "mode": "up_after_truncate"}
MONEY = {"basic": JIAO, "account": JIAO, "transitional": JIAO}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 沪人社规〔2021〕27号 (as quoted): 基础养老金 = "
       "(C + C·Ī)/2 × (满整年数 × 1% + 剩余月数 × 0.083%), 过渡性养老金 = C × 1.0 × 1992年底前视同缴费年限 × 1.2 % "
       "+ 虚账实记总额 ÷ 120, 第五条 三项 分进角; 上海 计发基数 {y} = {c} (rules/cn/shanghai)")
P = dict(k="0.012", years_rule="deemed_only", t_rule="one", money=MONEY,
         extra_month_rate="0.00083", notional_divisor="120")

persons = [
    ("province-shanghai-2024-male-deemed", 2024,
     "中人: 视同 1985-01..1991-12 (84 months, 7 years), paid 1993-01..2024-04 (372 months); N = 38 whole years; invented 虚账实记 total 26400 元.",
     dict(category="male", birth="1964-05", retirement_month="2024-05", contribution_months=372,
          deemed_months=84, average_index="1.15", account_balance="168000", notional_account="26400")),
    ("province-shanghai-2023-female50-extra-months", 2023,
     "Paid 305 months = 25 years 5 months (the 5 months at 0.083 % each, not 1 %/12); no 视同; 虚账实记 total 0 (stated explicitly: the rule set requires the input).",
     dict(category="female_50", birth="1973-03", retirement_month="2023-03", contribution_months=305,
          deemed_months=0, average_index="0.75", account_balance="52000", notional_account="0")),
    ("province-shanghai-2025-male-60y1m", 2025,
     "Statutory 60y1m (birth 1965-02, 2025 reform), divisor 138.4; 视同 36 months, paid 427 months (N = 38 years 7 months); index 1.0 in the rate part regardless of Ī; invented 虚账实记 total 30150 元.",
     dict(category="male", birth="1965-02", retirement_month="2025-03", contribution_months=427,
          deemed_months=36, average_index="0.95", account_balance="140000", notional_account="30150")),
]
cases = []
for cid, y, story, inp in persons:
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], balance=inp["account_balance"], birth=inp["birth"],
                     retire=inp["retirement_month"], notional=inp.get("notional_account"), **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/shanghai",
                  "source": SRC.format(y=y, c=C[y]),
                  "note": f"{story} Computed by tests/vectors/derive/province_shanghai.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
write("shanghai", cases, indent=2)
