"""Derive tests/vectors/province-neimenggu.json (Python decimal, strings only).

Rules used (rules/cn/neimenggu): C 2023 = 7469, 2024 = 8105 (内人社办发〔2024〕152号 as cited);
transitional = C × max(Ī, 1) × 视同缴费年限 (to 1997-12) × 1.2 % (内政办字〔2006〕253号 as cited).
"""
from decimal import Decimal as D
from province_common import expect_block, figures, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Inner Mongolia transitional pension C × max(Ī, 1) × "
       "统账结合前视同缴费年限 × 1.2 % (内政办字〔2006〕253号 as cited; rules/cn/neimenggu); ")
cases = []

r = figures(birth="1963-05", retirement_month="2023-05", contribution_months=304, deemed_months=198,
          avg_index=D("0.7800"), balance=D("70000.00"), base=D("7469"), k=D("0.012"),
          t_index=D("1"), t_months=198)
cases.append({
    "id": "province-neimenggu-2023-male-index-floor-one",
    "kind": "award", "ruleset": "cn/neimenggu",
    "source": SRC + "计发基数 2023 = 7469 (内人社办发〔2024〕152号 as cited)",
    "note": f"Invented person: male born 1963-05, retires 2023-05 at 60y0m (divisor 139). 198 deemed months 1981-07 … 1997-12, 304 actual months 1998-01 … 2023-04. N = 502/12. basic = 7469 × (1 + 0.78)/2 × 502/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 70000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = 7469 × max(0.78, 1) = 1 × 198/12 × 1.2 % = {r['trans_exact']:.6f} → {r['trans']} (index floored at 1 for the transitional pension only); total {r['total']}. Script tests/vectors/derive/province_neimenggu.py.",
    "input": {"category": "male", "birth": "1963-05", "retirement_month": "2023-05",
              "contribution_months": 304, "deemed_months": 198, "average_index": "0.7800",
              "account_balance": "70000.00"},
    "expect": expect_block(r, pension_base="7469"),
})

r = figures(birth="1969-01", retirement_month="2024-01", contribution_months=312, deemed_months=118,
          avg_index=D("1.2500"), balance=D("99000.00"), base=D("8105"), k=D("0.012"),
          t_index=D("1.2500"), t_months=118)
cases.append({
    "id": "province-neimenggu-2024-female55-index-above-one",
    "kind": "award", "ruleset": "cn/neimenggu",
    "source": SRC + "计发基数 2024 = 8105 (内人社办发〔2024〕152号 as cited)",
    "note": f"Invented person: woman (original age 55) born 1969-01, retires 2024-01 at 55y0m (divisor 170). 118 deemed months 1988-03 … 1997-12, 312 actual months 1998-01 … 2023-12. N = 430/12. basic = 8105 × (1 + 1.25)/2 × 430/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 99000 / 170 = {r['account_exact']:.6f} → {r['account']}; transitional = 8105 × max(1.25, 1) = 1.25 × 118/12 × 1.2 % = {r['trans_exact']:.6f} → {r['trans']}; total {r['total']}. Script tests/vectors/derive/province_neimenggu.py.",
    "input": {"category": "female_55", "birth": "1969-01", "retirement_month": "2024-01",
              "contribution_months": 312, "deemed_months": 118, "average_index": "1.2500",
              "account_balance": "99000.00"},
    "expect": expect_block(r, pension_base="8105"),
})
write("neimenggu", cases)
