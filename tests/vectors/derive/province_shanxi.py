"""Derive tests/vectors/province-shanxi.json (Python decimal, strings only).

Rules used (rules/cn/shanxi): C 2024 = 7111 (晋人社厅发〔2024〕39号), 2025 = 7253
(晋人社厅发〔2025〕36号); transitional = C × Ī_t × 视同缴费年限 × 1.3 % with the separate
过渡平均缴费指数 Ī_t (晋政发〔2006〕32号 as cited; input transitional_index).
"""
from decimal import Decimal as D
from province_common import expect_block, figures, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Shanxi transitional pension C × 过渡平均缴费指数 × "
       "视同缴费年限 × 1.3 % (晋政发〔2006〕32号 as cited; rules/cn/shanxi); ")
cases = []

r = figures(birth="1964-11", retirement_month="2024-11", contribution_months=328, deemed_months=168,
          avg_index=D("0.9500"), balance=D("95000.00"), base=D("7111"), k=D("0.013"),
          t_index=D("0.9100"), t_months=168)
cases.append({
    "id": "province-shanxi-2024-male-separate-index",
    "kind": "award", "ruleset": "cn/shanxi",
    "source": SRC + "计发基数 2024 = 7111 (晋人社厅发〔2024〕39号 as cited)",
    "note": f"Invented person: male born 1964-11, retires 2024-11 at 60y0m (divisor 139). 168 deemed months 1983-07 … 1997-06, 328 actual months 1997-07 … 2024-10. N = 496/12. basic = 7111 × (1 + 0.95)/2 × 496/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 95000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = 7111 × Ī_t 0.91 × 168/12 × 1.3 % = {r['trans_exact']:.6f} → {r['trans']} (separate index, not Ī 0.95); total {r['total']}. Script tests/vectors/derive/province_shanxi.py.",
    "input": {"category": "male", "birth": "1964-11", "retirement_month": "2024-11",
              "contribution_months": 328, "deemed_months": 168, "average_index": "0.9500",
              "transitional_index": "0.9100", "account_balance": "95000.00"},
    "expect": expect_block(r, pension_base="7111"),
})

r = figures(birth="1975-02", retirement_month="2025-03", contribution_months=332, deemed_months=52,
          avg_index=D("0.6500"), balance=D("52000.00"), base=D("7253"), k=D("0.013"),
          t_index=D("0.6000"), t_months=52)
cases.append({
    "id": "province-shanxi-2025-female50-50y1m-separate-index",
    "kind": "award", "ruleset": "cn/shanxi",
    "source": SRC + "计发基数 2025 = 7253 (晋人社厅发〔2025〕36号 as cited); month-level 计发月数 from 2025",
    "note": f"Invented person: woman (original age 50) born 1975-02, statutory retirement at 50y1m (1 month for births 1975-01 … 02) in 2025-03; divisor 195 − 5 × 1/12 = 194.58 → 194.6. 52 deemed months 1993-03 … 1997-06, 332 actual months 1997-07 … 2025-02. N = 384/12 = 32. basic = 7253 × (1 + 0.65)/2 × 32 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 52000 / 194.6 = {r['account_exact']:.6f} → {r['account']}; transitional = 7253 × Ī_t 0.60 × 52/12 × 1.3 % = {r['trans_exact']:.6f} → {r['trans']}; total {r['total']}. Script tests/vectors/derive/province_shanxi.py.",
    "input": {"category": "female_50", "birth": "1975-02", "retirement_month": "2025-03",
              "contribution_months": 332, "deemed_months": 52, "average_index": "0.6500",
              "transitional_index": "0.6000", "account_balance": "52000.00"},
    "expect": expect_block(r, pension_base="7253"),
})
write("shanxi", cases)
