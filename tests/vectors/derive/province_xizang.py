#!/usr/bin/env python3
"""Derive tests/vectors/province-xizang.json (cn/xizang award cases), independently of the engine.

Xizang (rules/cn/xizang/award.toml):
  basic        = C × (1 + Ī) / 2 × N × 1 %          (国发〔2005〕38号 第六条)
  transitional = C × Ī × S × 1.4 %, S = deemed months / 12 exact (藏政发〔2006〕37号 as quoted)
  C: 2024 11546 (yearly notice, seen second-hand), 2025 11777 (藏人社发〔2025〕56号).
The 高原补贴 and the fixed area-class items are NOT part of these figures (not encoded; see
rules/cn/xizang/award.toml), so the totals are the basic + account + transitional pension only.
Run: python3 tests/vectors/derive/province_xizang.py
"""
from province_common import D, components, fmt, q, write

K = D("0.014")
BASES = {2024: D(11546), 2025: D(11777)}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 藏政发〔2006〕37号 as quoted (过渡性养老金 = C × Ī × 视同缴费年限 × 1.4 %); "
       "Xizang 计发基数 2024 11546 (regional notice, seen second-hand) and 2025 11777 (藏人社发〔2025〕56号)")


def case(cid, category, birth, month, paid, deemed, idx, bal, what):
    year = int(month[:4])
    c = BASES[year]
    ii = D(idx)
    x = components(C=c, idx=ii, months=paid + deemed, t_months=deemed, k=K, balance=bal, birth=birth, retire=month)
    n, s, m = x["n"], x["s"], x["divisor"]
    basic, account, trans = q(x["basic_x"]), q(x["account_x"]), q(x["trans_x"])
    total = basic + account + trans
    note = (f"{what} Hand-derived (Python decimal, province_xizang.py): C = {c} ({year}); N = ({paid} + {deemed})/12 = {n.normalize()} exact; "
            f"basic = {c} × (1 + {idx})/2 × N × 1% = {basic}; account = {bal}/{m} = {account}; S = {deemed}/12 = {s.normalize()}, "
            f"transitional = {c} × {idx} × S × 1.4% = {trans}; each component rounded half-up to 0.01, total = sum = {total}. "
            f"The 高原补贴 (C·Ī × 5/10/15 %) and the fixed 交通费/取暖防寒费/过渡期福利金 are not modelled and not in the total.")
    return {"id": cid, "kind": "award", "ruleset": "cn/xizang", "source": SRC, "note": note,
            "input": {"category": category, "birth": birth, "retirement_month": month,
                      "contribution_months": paid, "deemed_months": deemed, "average_index": idx,
                      "account_balance": bal},
            "expect": {"pension_base": fmt(c), "divisor": fmt(m), "basic_pension": fmt(basic),
                       "account_pension": fmt(account), "transitional_pension": fmt(trans), "total": fmt(total)}}


cases = [
    case("province-xizang-2024-male-deemed", "male", "1964-05", "2024-05", 300, 96, "1.2", "150000.00",
         "A 中人 with 8 deemed years (transitional pension on deemed years only, 1.4 %), retiring on the 2024 base."),
    case("province-xizang-2025-female55-55y1m-no-deemed", "female_55", "1970-01", "2025-02", 360, 0, "0.9", "98000.00",
         "A woman of original age 55 born 1970-01: the 2025 reform adds 1 month (55y1m, divisor 170 − 6×1/12 = 169.5); no deemed years, no transitional pension."),
]
write("province-xizang.json", cases)
