"""Derive tests/vectors/province-hebei.json (Python decimal, strings only).

Rules used (rules/cn/hebei): C 2023 = 7122, 2025 = 7410 (both confidence L); transitional
= C × Ī × 视同缴费年限 × 1.3 % (冀劳社〔2006〕67号 as cited).
"""
from decimal import Decimal as D
from province_common import expect_block, figures, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Hebei transitional pension C × Ī × 视同缴费年限 × 1.3 % "
       "(冀劳社〔2006〕67号 as cited; rules/cn/hebei); ")
cases = []

r = figures(birth="1963-03", retirement_month="2023-03", contribution_months=326, deemed_months=172,
          avg_index=D("0.8800"), balance=D("88000.00"), base=D("7122"), k=D("0.013"), t_months=172)
cases.append({
    "id": "province-hebei-2023-male-deemed",
    "kind": "award", "ruleset": "cn/hebei",
    "source": SRC + "计发基数 2023 = 7122 (省级, third-party figure, confidence L)",
    "note": f"Invented person: male born 1963-03, retires 2023-03 at 60y0m (divisor 139). 172 deemed months 1981-09 … 1995-12, 326 actual months 1996-01 … 2023-02. N = 498/12. basic = 7122 × (1 + 0.88)/2 × 498/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 88000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = 7122 × 0.88 × 172/12 × 1.3 % = {r['trans_exact']:.6f} → {r['trans']}; total {r['total']}. Script tests/vectors/derive/province_hebei.py.",
    "input": {"category": "male", "birth": "1963-03", "retirement_month": "2023-03",
              "contribution_months": 326, "deemed_months": 172, "average_index": "0.8800",
              "account_balance": "88000.00"},
    "expect": expect_block(r, pension_base="7122"),
})

r = figures(birth="1970-06", retirement_month="2025-08", contribution_months=300, deemed_months=0,
          avg_index=D("1.3000"), balance=D("105000.00"), base=D("7410"), k=D("0.013"), t_months=0)
cases.append({
    "id": "province-hebei-2025-female55-55y2m",
    "kind": "award", "ruleset": "cn/hebei",
    "source": SRC + "计发基数 2025 = 7410 (冀人社字〔2025〕105号 as cited, confidence L); month-level 计发月数 from 2025",
    "note": f"Invented person: woman (original age 55) born 1970-06, statutory retirement at 55y2m (2 months for births 1970-05 … 08) in 2025-08; divisor 170 − 6 × 2/12 = 169.0. 300 actual months, no deemed years. basic = 7410 × (1 + 1.3)/2 × 25 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 105000 / 169.0 = {r['account_exact']:.6f} → {r['account']}; transitional 0; total {r['total']}. Script tests/vectors/derive/province_hebei.py.",
    "input": {"category": "female_55", "birth": "1970-06", "retirement_month": "2025-08",
              "contribution_months": 300, "deemed_months": 0, "average_index": "1.3000",
              "account_balance": "105000.00"},
    "expect": expect_block(r, pension_base="7410"),
})
write("hebei", cases)
