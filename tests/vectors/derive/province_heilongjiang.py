"""Derive tests/vectors/province-heilongjiang.json (Python decimal, strings only).

Rules used (rules/cn/heilongjiang): C 2020 = 4835 (黑人社函〔2019〕257号), 2026 = 7705
(黑人社函〔2025〕611号); transitional = C × Ī × 视同缴费年限 × 1.2 % (计发办法 2019).
"""
from decimal import Decimal as D
from province_common import expect_block, figures, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 《黑龙江省城镇企业职工基本养老金计发办法》 (2018, eff. 2019-01-01, "
       "as quoted: 过渡性养老金 = C × Ī × 视同缴费年限 × 1.2 %; rules/cn/heilongjiang); ")
cases = []

r = figures(birth="1960-04", retirement_month="2020-04", contribution_months=291, deemed_months=207,
          avg_index=D("0.8500"), balance=D("66000.00"), base=D("4835"), k=D("0.012"), t_months=207)
cases.append({
    "id": "province-heilongjiang-2020-male-deemed",
    "kind": "award", "ruleset": "cn/heilongjiang",
    "source": SRC + "计发基数 2020 = 4835 (黑人社函〔2019〕257号 as cited)",
    "note": f"Invented person: male born 1960-04, retires 2020-04 at 60y0m (divisor 139). 207 deemed months 1978-10 … 1995-12, 291 actual months 1996-01 … 2020-03. N = 498/12. basic = 4835 × (1 + 0.85)/2 × 498/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 66000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = 4835 × 0.85 × 207/12 × 1.2 % = {r['trans_exact']:.6f} → {r['trans']}; total {r['total']}. Script tests/vectors/derive/province_heilongjiang.py.",
    "input": {"category": "male", "birth": "1960-04", "retirement_month": "2020-04",
              "contribution_months": 291, "deemed_months": 207, "average_index": "0.8500",
              "account_balance": "66000.00"},
    "expect": expect_block(r, pension_base="4835"),
})

r = figures(birth="1976-01", retirement_month="2026-08", contribution_months=360, deemed_months=0,
          avg_index=D("1.4500"), balance=D("110000.00"), base=D("7705"), k=D("0.012"), t_months=0)
cases.append({
    "id": "province-heilongjiang-2026-female50-50y7m",
    "kind": "award", "ruleset": "cn/heilongjiang",
    "source": SRC + "计发基数 2026 = 7705 (黑人社函〔2025〕611号 as cited); month-level 计发月数 from 2025",
    "note": f"Invented person: woman (original age 50) born 1976-01, statutory retirement at 50y7m (12 months after 1975-01 → 12/2 + 1 = 7 months) in 2026-08; divisor 195 − 5 × 7/12 = 192.08 → 192.1. 360 actual months 1996-08 … 2026-07, no deemed years. basic = 7705 × (1 + 1.45)/2 × 30 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 110000 / 192.1 = {r['account_exact']:.6f} → {r['account']}; transitional 0; total {r['total']}. Script tests/vectors/derive/province_heilongjiang.py.",
    "input": {"category": "female_50", "birth": "1976-01", "retirement_month": "2026-08",
              "contribution_months": 360, "deemed_months": 0, "average_index": "1.4500",
              "account_balance": "110000.00"},
    "expect": expect_block(r, pension_base="7705"),
})
write("heilongjiang", cases)
