"""Derive tests/vectors/province-tianjin.json (Python decimal, strings only).

Rules used (rules/cn/tianjin): C 2023 = 9016 (津人社局发〔2023〕15号), 2024 = 9232 (津人社办发〔2024〕49号);
transitional = C × Ī_t × P × 1.0 % (津劳局〔2006〕329号 as cited), Ī_t = the separate
全部平均工资指数 (input transitional_index), P = all months before 1998-01 (视同 + actual
before the account month 1998-01).
"""
from decimal import Decimal as D
from province_common import expect_block, figures, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Tianjin transitional pension C × 全部平均工资指数 × "
       "缴费年限 before 1998 × 1.0 % (津劳局〔2006〕329号 as cited; rules/cn/tianjin); ")
cases = []

# 1 — 2023: deemed 1982-09 … 1993-12 (136), actual 1994-01 … 2023-09 (357), of which 48 before 1998-01
r = figures(birth="1963-10", retirement_month="2023-10", contribution_months=357, deemed_months=136,
          avg_index=D("1.0500"), balance=D("132000.00"), base=D("9016"), k=D("0.01"),
          t_index=D("1.1200"), t_months=136 + 48)
cases.append({
    "id": "province-tianjin-2023-male-dual-index",
    "kind": "award", "ruleset": "cn/tianjin",
    "source": SRC + "计发基数 2023 = 9016 (津人社局发〔2023〕15号 as cited)",
    "note": f"Invented person: male born 1963-10, retires 2023-10 at 60y0m (divisor 139). 136 deemed months 1982-09 … 1993-12; 357 actual months 1994-01 … 2023-09, 48 of them before the account month 1998-01 (pre_account_months = 48). N = 493/12. basic = 9016 × (1 + 1.05)/2 × 493/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 132000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = 9016 × Ī_t 1.12 × (136 + 48)/12 × 1.0 % = {r['trans_exact']:.6f} → {r['trans']} (the separate 全部平均工资指数, not Ī 1.05); total {r['total']}. Script tests/vectors/derive/province_tianjin.py.",
    "input": {"category": "male", "birth": "1963-10", "retirement_month": "2023-10",
              "contribution_months": 357, "deemed_months": 136, "pre_account_months": 48,
              "average_index": "1.0500", "transitional_index": "1.1200",
              "account_balance": "132000.00"},
    "expect": expect_block(r, pension_base="9016"),
})

# 2 — 2024: no deemed years, actual 1995-07 … 2024-03 (345), 30 months before 1998-01
r = figures(birth="1974-04", retirement_month="2024-04", contribution_months=345, deemed_months=0,
          avg_index=D("0.7800"), balance=D("61000.00"), base=D("9232"), k=D("0.01"),
          t_index=D("0.8100"), t_months=30)
cases.append({
    "id": "province-tianjin-2024-female50-pre-account-only",
    "kind": "award", "ruleset": "cn/tianjin",
    "source": SRC + "计发基数 2024 = 9232 (津人社办发〔2024〕49号 as cited)",
    "note": f"Invented person: woman (original age 50) born 1974-04, retires 2024-04 at 50y0m (divisor 195). No deemed months; 345 actual months 1995-07 … 2024-03, 30 of them before 1998-01 (pre_account_total_months = 30: P counts them although she has no 视同 years). N = 345/12. basic = 9232 × (1 + 0.78)/2 × 345/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 61000 / 195 = {r['account_exact']:.6f} → {r['account']}; transitional = 9232 × 0.81 × 30/12 × 1.0 % = {r['trans_exact']:.6f} → {r['trans']}; total {r['total']}. Script tests/vectors/derive/province_tianjin.py.",
    "input": {"category": "female_50", "birth": "1974-04", "retirement_month": "2024-04",
              "contribution_months": 345, "deemed_months": 0, "pre_account_total_months": 30,
              "average_index": "0.7800", "transitional_index": "0.8100",
              "account_balance": "61000.00"},
    "expect": expect_block(r, pension_base="9232"),
})
write("tianjin", cases)
