#!/usr/bin/env python3
"""Derive tests/vectors/province-shanghai.json (Python decimal; see province_common.py).

Shanghai (rules/cn/shanghai): transitional = C × 1.0 × 视同年限 × 1.2 % + 虚账实记总额 ÷ 120, a GIVEN
amount (award.transitional_method = given): the input transitional_pension is worked out here by
hand from that formula with an invented 虚账实记 total, and the engine rounds it 分进角; each component rounded
分进角 = truncate to the fen, then up to the 角 (rounding.* scale 1 up_after_truncate);
total = sum of the rounded components. Whole contribution years only, so the 0.083 %-per-month
rule of the basic pension (not expressible, not encoded) does not matter.
Run: python3 tests/vectors/derive/province_shanghai.py
"""
from province_common import award, bases, sh, write

C = bases("shanghai")
JIAO = {"scale": 1, "mode": "up_after_truncate"}
MONEY = {"basic": JIAO, "account": JIAO, "transitional": JIAO}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 沪人社规〔2021〕27号 (as quoted): 过渡性养老金 "
       "C × 1.0 × 1992年底前视同缴费年限 × 1.2 % + 虚账实记总额 ÷ 120 (given as input), 第五条 三项 分进角; "
       "上海 计发基数 {y} = {c} (rules/cn/shanghai)")
P = dict(k="0.012", years_rule="deemed_only", t_rule="one", money=MONEY)
# invented 虚账实记 totals (元) per case; the given amount = rate part + total ÷ 120 (exact)
XUZHANG = {"province-shanghai-2024-male-deemed": "26400", "province-shanghai-2023-female50": "0",
           "province-shanghai-2025-male-60y1m": "30150"}

persons = [
    ("province-shanghai-2024-male-deemed", 2024,
     "中人: 视同 1985-01..1991-12 (84 months, 7 years), paid 1993-01..2024-04 (372 months, whole years); invented 虚账实记 total 26400 元.",
     dict(category="male", birth="1964-05", retirement_month="2024-05", contribution_months=372,
          deemed_months=84, average_index="1.15", account_balance="168000")),
    ("province-shanghai-2023-female50", 2023,
     "新人-like: 25 whole paid years, no 视同.",
     dict(category="female_50", birth="1973-03", retirement_month="2023-03", contribution_months=300,
          deemed_months=0, average_index="0.75", account_balance="52000")),
    ("province-shanghai-2025-male-60y1m", 2025,
     "Statutory 60y1m (birth 1965-02, 2025 reform); divisor 138.4; 3 years 视同, 35 paid years; index 1.0 in the rate part regardless of Ī; invented 虚账实记 total 30150 元.",
     dict(category="male", birth="1965-02", retirement_month="2025-03", contribution_months=420,
          deemed_months=36, average_index="0.95", account_balance="140000")),
]
cases = []
from decimal import Decimal as D
for cid, y, story, inp in persons:
    rate_part = D(C[y]) * D(inp["deemed_months"]) / 12 * D("0.012")
    xz = D(XUZHANG[cid])
    given = rate_part + xz / 120
    inp["transitional_pension"] = sh(given)
    story += (f" Given transitional pension = rate part {C[y]} × 1.0 × {inp['deemed_months']}/12 × 1.2 % = {sh(rate_part)}"
              f" + 虚账实记 {xz} ÷ 120 = {sh(xz / 120)} → {inp['transitional_pension']} (input, 分进角 by the engine).")
    fig, how = award(C=C[y], idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], balance=inp["account_balance"], birth=inp["birth"],
                     retire=inp["retirement_month"], given=inp["transitional_pension"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/shanghai",
                  "source": SRC.format(y=y, c=C[y]),
                  "note": f"{story} Computed by tests/vectors/derive/province_shanghai.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
write("shanghai", cases)
