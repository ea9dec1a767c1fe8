#!/usr/bin/env python3
"""Derive tests/vectors/province-xinjiang.json (cn/xinjiang award cases), independently of the engine.

Xinjiang (rules/cn/xinjiang/award.toml):
  basic        = C × (1 + Ī) / 2 × N × 1 %                      (国发〔2005〕38号 第六条)
  transitional = C × Ī × S × 1.3 %, S = deemed months / 12 exact (新政发〔2006〕59号 as quoted)
  采暖补贴      = 120 元/月, NOT in the total (新政办发〔2010〕167号: not part of the basic pension)
  C: 2024 7750, 2025 8448 (新人社函〔2025〕168号).
Run: python3 tests/vectors/derive/province_xinjiang.py
"""
from province_common import D, components, fmt, q, write

K = D("0.013")
BASES = {2024: D(7750), 2025: D(8448)}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 新政发〔2006〕59号 as quoted (过渡性养老金 = C × Ī × 视同缴费年限 × 1.3 %); "
       "新政办发〔2010〕167号 (冬季采暖补贴 120 元/月, not part of the basic pension); 计发基数 2024 7750 and 2025 8448 (新人社函〔2025〕168号)")


def case(cid, category, birth, month, paid, deemed, idx, bal, what):
    year = int(month[:4])
    c = BASES[year]
    ii = D(idx)
    x = components(C=c, idx=ii, months=paid + deemed, t_months=deemed, k=K, balance=bal, birth=birth, retire=month)
    n, s, m = x["n"], x["s"], x["divisor"]
    basic, account, trans = q(x["basic_x"]), q(x["account_x"]), q(x["trans_x"])
    extra = D("120.00")
    total = basic + account + trans
    note = (f"{what} Hand-derived (Python decimal, province_xinjiang.py): C = {c} ({year}); N = ({paid} + {deemed})/12 = {n.normalize()} exact; "
            f"basic = {c} × (1 + {idx})/2 × N × 1% = {basic}; account = {bal}/{m} = {account}; S = {deemed}/12 = {s.normalize()}, "
            f"transitional = {c} × {idx} × S × 1.3% = {trans}; 冬季采暖补贴 = {extra}, reported in local_extras but not in the total "
            f"(in_total = false); each component rounded half-up to 0.01, total = basic + account + transitional = {total}.")
    return {"id": cid, "kind": "award", "ruleset": "cn/xinjiang", "source": SRC, "note": note,
            "input": {"category": category, "birth": birth, "retirement_month": month,
                      "contribution_months": paid, "deemed_months": deemed, "average_index": idx,
                      "account_balance": bal},
            "expect": {"pension_base": fmt(c), "divisor": fmt(m), "basic_pension": fmt(basic),
                       "account_pension": fmt(account), "transitional_pension": fmt(trans),
                       "local_extras": fmt(extra), "total": fmt(total)}}


cases = [
    case("province-xinjiang-2024-male-deemed-heating-outside-total", "male", "1964-11", "2024-11", 384, 96, "0.88", "92000.00",
         "A 中人 with 8 deemed years on the 2024 base 7750; the heating allowance is reported but stays out of the total."),
    case("province-xinjiang-2025-female50-50y2m", "female_50", "1975-03", "2025-05", 360, 0, "1.15", "88000.00",
         "A woman of original age 50 born 1975-03: the 2025 reform adds 2 months (50y2m, divisor 195 − 5×2/12 = 194.17 → 194.2); final 2025 base 8448."),
]
write("province-xinjiang.json", cases)
