"""Derive tests/vectors/province-beijing.json (Python decimal, strings only).

Rules used (rules/cn/beijing): C 2024 = 11883 (京人社发〔2024〕16号), 2025 = 12049
(京人社发〔2025〕13号); transitional G同 = C × 1 × N同 × 1 % (京劳社养发〔2007〕21号 二(三),
〔2007〕31号: Z同 = 1) plus G实 = C × Z实 × N实98 × 1 % for the actual years 1992-10 … 1998-06
(award.transitional_window_coefficient; the input gives the window months and Z实). Cases 1–3
have no contributions in that window (transitional_window_months 0); case 4 has both parts.
"""
from decimal import Decimal as D
from province_common import expect_block, figures, r2, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 京劳社养发〔2007〕21号 二 (基础养老金, "
       "过渡性养老金 = G同 + G实, each 1 % per year) and 〔2007〕31号 二 (N同 = 1992-09-30前连续工龄, Z同 = 1); ")
cases = []

# 1 — 2024, no deemed years, first contribution 1999 (no G同, no G实)
r = figures(birth="1964-05", retirement_month="2024-05", contribution_months=300, deemed_months=0,
          avg_index=D("1.1500"), balance=D("98000.00"), base=D("11883"), k=D("0.01"),
          t_index=D("1"), t_months=0)
cases.append({
    "id": "province-beijing-2024-male-new-scheme",
    "kind": "award", "ruleset": "cn/beijing",
    "source": SRC + "计发基数 2024 = 11883 (京人社发〔2024〕16号)",
    "note": f"Invented person: male born 1964-05, retires 2024-05 at 60y0m (divisor 139); 300 actual months from 1999, no deemed years, no contributions 1992-10…1998-06 (so G同 = G实 = 0). basic = 11883 × (1 + 1.15)/2 × 300/12 × 1 % = {r['basic_exact']} → {r['basic']}; account = 98000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional 0; total = sum of rounded components {r['total']}. Script tests/vectors/derive/province_beijing.py.",
    "input": {"category": "male", "birth": "1964-05", "retirement_month": "2024-05",
              "contribution_months": 300, "deemed_months": 0, "average_index": "1.1500",
              "account_balance": "98000.00", "transitional_window_months": 0},
    "expect": expect_block(r, pension_base="11883"),
})

# 2 — 2024, G同 only: SOE work 1986-09 … 1992-09 (73 months deemed), then contributions from 2000-01
r = figures(birth="1969-08", retirement_month="2024-08", contribution_months=295, deemed_months=73,
          avg_index=D("0.9200"), balance=D("76000.00"), base=D("11883"), k=D("0.01"),
          t_index=D("1"), t_months=73)
cases.append({
    "id": "province-beijing-2024-female55-deemed-g-tong",
    "kind": "award", "ruleset": "cn/beijing",
    "source": SRC + "计发基数 2024 = 11883 (京人社发〔2024〕16号)",
    "note": f"Invented person: woman (original age 55) born 1969-08, retires 2024-08 at 55y0m (divisor 170). 73 deemed months (连续工龄 1986-09 … 1992-09, before 1992-09-30), no work 1992-10 … 1999-12 (N实98 = 0, so G实 = 0 and the encoded G同-only rule is complete for her), 295 actual months 2000-01 … 2024-07. N = 368/12. basic = 11883 × (1 + 0.92)/2 × 368/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 76000 / 170 = {r['account_exact']:.6f} → {r['account']}; G同 = 11883 × 1 × 73/12 × 1 % = {r['trans_exact']:.6f} → {r['trans']} (index 1, not Ī); total {r['total']}. Script tests/vectors/derive/province_beijing.py.",
    "input": {"category": "female_55", "birth": "1969-08", "retirement_month": "2024-08",
              "contribution_months": 295, "deemed_months": 73, "average_index": "0.9200",
              "account_balance": "76000.00", "transitional_window_months": 0},
    "expect": expect_block(r, pension_base="11883"),
})

# 3 — 2025 (final base 12049), statutory 60y1m (born 1965-02), month-level divisor 138.4
r = figures(birth="1965-02", retirement_month="2025-03", contribution_months=320, deemed_months=36,
          avg_index=D("1.3000"), balance=D("150000.00"), base=D("12049"), k=D("0.01"),
          t_index=D("1"), t_months=36)
cases.append({
    "id": "province-beijing-2025-male-60y1m-deemed",
    "kind": "award", "ruleset": "cn/beijing",
    "source": SRC + "计发基数 2025 = 12049 (京人社发〔2025〕13号); month-level 计发月数 from 2025 (rules/cn/national award.divisor_month_rule)",
    "note": f"Invented person: male born 1965-02, statutory retirement at 60y1m (2024 reform, 1 month for births 1965-01…04) in 2025-03; divisor 139 − 7 × 1/12 = 138.42 → 138.4. 36 deemed months (连续工龄 1989-10 … 1992-09), no contributions 1992-10 … 1998-06 (N实98 = 0, so G实 = 0), 320 actual months 1998-07 … 2025-02. N = 356/12. basic = 12049 × (1 + 1.3)/2 × 356/12 × 1 % = {r['basic_exact']:.6f} → {r['basic']}; account = 150000 / 138.4 = {r['account_exact']:.6f} → {r['account']}; G同 = 12049 × 36/12 × 1 % = {r['trans_exact']} → {r['trans']}; total {r['total']}. Uses the final 2025 base (as known after 2025-11-07). Script tests/vectors/derive/province_beijing.py.",
    "input": {"category": "male", "birth": "1965-02", "retirement_month": "2025-03",
              "contribution_months": 320, "deemed_months": 36, "average_index": "1.3000",
              "account_balance": "150000.00", "transitional_window_months": 0},
    "expect": expect_block(r, pension_base="12049"),
})
# 4 — 2024, G同 and G实: 60 deemed months before 1992-10, 69 actual months 1992-10 … 1998-06 at Z实 0.85
C = D("11883")
r = figures(birth="1964-03", retirement_month="2024-03", contribution_months=377, deemed_months=60,
          avg_index=D("0.95"), balance=D("110000.00"), base=C, k=D("0.01"),
          t_index=D("1"), t_months=60)
g_shi = C * D("0.85") * D(69) / D(12) * D("0.01")
g_tong = C * D(60) / D(12) * D("0.01")
trans = r2(g_tong + g_shi)
r["trans"], r["trans_exact"] = trans, g_tong + g_shi
r["total"] = r["basic"] + r["account"] + trans
cases.append({
    "id": "province-beijing-2024-male-g-tong-and-g-shi",
    "kind": "award", "ruleset": "cn/beijing",
    "source": SRC + "G实 = C × Z实 × N实98 × 1 %, 1992-10-01 … 1998-06-30; 计发基数 2024 = 11883 (京人社发〔2024〕16号)",
    "note": f"Invented person: male born 1964-03, retires 2024-03 at 60y0m (divisor 139); 60 deemed months before 1992-10, 377 actual months 1992-10 … 2024-02 of which 69 fall in 1992-10 … 1998-06 (N实98) with their own index Z实 0.85; Ī 0.95. basic = 11883 × (1 + 0.95)/2 × 437/12 × 1 % = {r['basic_exact']} → {r['basic']}; account = 110000 / 139 = {r['account_exact']:.6f} → {r['account']}; transitional = G同 11883 × 60/12 × 1 % + G实 11883 × 0.85 × 69/12 × 1 % = {g_tong} + {g_shi} = {r['trans_exact']} → {trans}; total {r['total']}. Script tests/vectors/derive/province_beijing.py.",
    "input": {"category": "male", "birth": "1964-03", "retirement_month": "2024-03",
              "contribution_months": 377, "deemed_months": 60, "average_index": "0.95",
              "account_balance": "110000.00", "transitional_window_months": 69,
              "transitional_window_index": "0.85"},
    "expect": expect_block(r, pension_base="11883"),
})
write("beijing", cases)
