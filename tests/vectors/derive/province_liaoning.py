"""Derive tests/vectors/province-liaoning.json (Python decimal, strings only).

Rules used (rules/cn/liaoning and its city layers): C 2024 province tier 7201, 沈阳 8266
(辽人社〔2024〕17号 as cited), 2025 大连 8956 (辽人社〔2025〕17号); transitional = C × Ī ×
视同缴费年限 × 1.4 % (辽劳社发〔2006〕81号 as cited). City cases select the layer by input
`region` (210100 沈阳, 210200 大连); the city base is C in both halves of the basic pension
and in the transitional pension (the city layer replaces award.pension_base).
"""
from decimal import Decimal as D
from province_common import expect_block, figures, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Liaoning transitional pension C × Ī × 视同缴费年限 × 1.4 % "
       "(辽劳社发〔2006〕81号 as cited; rules/cn/liaoning); ")
cases = []

r = figures(birth="1964-07", retirement_month="2024-07", contribution_months=342, deemed_months=148,
          avg_index=D("1.0200"), balance=D("91000.00"), base=D("7201"), k=D("0.014"), t_months=148)
cases.append({
    "id": "province-liaoning-2024-male-province-tier",
    "kind": "award", "ruleset": "cn/liaoning",
    "source": SRC + "计发基数 2024 全省 (other 12 cities) = 7201 (辽人社〔2024〕17号 as cited)",
    "note": f"Invented person in a city other than 沈阳/大连 (region 210300 鞍山 falls back to the province): male born 1964-07, retires 2024-07 at 60y0m (divisor 139). 148 deemed months 1983-09 … 1995-12, 342 actual months 1996-01 … 2024-06. N = 490/12. basic = 7201 × (1 + 1.02)/2 × 490/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 91000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = 7201 × 1.02 × 148/12 × 1.4 % = {r['trans_exact']:.6f} → {r['trans']}; total {r['total']}. Script tests/vectors/derive/province_liaoning.py.",
    "input": {"category": "male", "birth": "1964-07", "retirement_month": "2024-07",
              "region": "210300",
              "contribution_months": 342, "deemed_months": 148, "average_index": "1.0200",
              "account_balance": "91000.00"},
    "expect": expect_block(r, pension_base="7201"),
})

r = figures(birth="1974-09", retirement_month="2024-09", contribution_months=344, deemed_months=40,
          avg_index=D("0.7500"), balance=D("58000.00"), base=D("8266"), k=D("0.014"), t_months=40)
cases.append({
    "id": "province-liaoning-2024-female50-shenyang",
    "kind": "award", "ruleset": "cn/liaoning",
    "source": SRC + "计发基数 2024 沈阳 = 8266 (辽人社〔2024〕17号 as cited; city layer cn/liaoning/shenyang)",
    "note": f"Invented person retiring in 沈阳 (region 210100 → layer cn/liaoning/shenyang): woman (original age 50) born 1974-09, retires 2024-09 at 50y0m (divisor 195). 40 deemed months 1992-09 … 1995-12, 344 actual months 1996-01 … 2024-08. N = 384/12 = 32. basic = 8266 × (1 + 0.75)/2 × 32 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 58000 / 195 = {r['account_exact']:.6f} → {r['account']}; transitional = 8266 × 0.75 × 40/12 × 1.4 % = {r['trans_exact']:.6f} → {r['trans']} (city base assumed for the transitional pension too — open, see rules/cn/liaoning/award.toml); total {r['total']}. Script tests/vectors/derive/province_liaoning.py.",
    "input": {"category": "female_50", "birth": "1974-09", "retirement_month": "2024-09",
              "region": "210100",
              "contribution_months": 344, "deemed_months": 40, "average_index": "0.7500",
              "account_balance": "58000.00"},
    "expect": expect_block(r, pension_base="8266"),
})

r = figures(birth="1965-06", retirement_month="2025-08", contribution_months=380, deemed_months=0,
          avg_index=D("1.6000"), balance=D("160000.00"), base=D("8956"), k=D("0.014"), t_months=0)
cases.append({
    "id": "province-liaoning-2025-male-dalian-60y2m",
    "kind": "award", "ruleset": "cn/liaoning",
    "source": SRC + "计发基数 2025 大连 = 8956 (辽人社〔2025〕17号 as cited; city layer cn/liaoning/dalian); month-level 计发月数 from 2025",
    "note": f"Invented person retiring in 大连 (region 210200 → layer cn/liaoning/dalian): male born 1965-06, statutory retirement at 60y2m (2 months for births 1965-05 … 08) in 2025-08; divisor 139 − 7 × 2/12 = 137.83 → 137.8. 380 actual months, no deemed years. basic = 8956 × (1 + 1.6)/2 × 380/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 160000 / 137.8 = {r['account_exact']:.6f} → {r['account']}; transitional 0; total {r['total']}. Uses the 2025 base as known after its publication (2025-09-15). Script tests/vectors/derive/province_liaoning.py.",
    "input": {"category": "male", "birth": "1965-06", "retirement_month": "2025-08",
              "region": "210200",
              "contribution_months": 380, "deemed_months": 0, "average_index": "1.6000",
              "account_balance": "160000.00"},
    "expect": expect_block(r, pension_base="8956"),
})
write("liaoning", cases)
