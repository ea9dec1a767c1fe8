#!/usr/bin/env python3
"""Derive tests/vectors/province-xizang.json (cn/xizang award cases), independently of the engine.

Xizang (rules/cn/xizang/award.toml):
  basic        = C × (1 + Ī) / 2 × N × 1 %          (国发〔2005〕38号 第六条)
  transitional = C × Ī × S × 1.4 %, S = deemed months / 12 exact (藏政发〔2006〕37号 as quoted)
  C: 2024 11546 (yearly notice, seen second-hand), 2025 11777 (藏人社发〔2025〕56号).
  高原补贴     = C × Ī × r, r = 0 / 5 % / 10 % / 15 % for < 10 / ≥ 10 / ≥ 15 / ≥ 20 years worked in
                 Tibet (藏劳社办〔2007〕6号 as cited; attribute years_worked_in_xizang), in the total.
The fixed area-class items are NOT part of these figures (not encoded; see rules/cn/xizang/award.toml).
Run: python3 tests/vectors/derive/province_xizang.py
"""
from province_common import D, components, fmt, q, write

K = D("0.014")
BASES = {2024: D(11546), 2025: D(11777)}
STEPS = ((D(20), D("0.15")), (D(15), D("0.10")), (D(10), D("0.05")))
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 藏政发〔2006〕37号 as quoted (过渡性养老金 = C × Ī × 视同缴费年限 × 1.4 %); "
       "藏劳社办〔2007〕6号 as cited (高原补贴 = C·Ī × 5/10/15 % after 10/15/20 years worked in Tibet); "
       "Xizang 计发基数 2024 11546 (regional notice, seen second-hand) and 2025 11777 (藏人社发〔2025〕56号)")


def case(cid, category, birth, month, paid, deemed, idx, bal, tibet_years, what):
    year = int(month[:4])
    c = BASES[year]
    ii = D(idx)
    x = components(C=c, idx=ii, months=paid + deemed, t_months=deemed, k=K, balance=bal, birth=birth, retire=month)
    n, s, m = x["n"], x["s"], x["divisor"]
    basic, account, trans = q(x["basic_x"]), q(x["account_x"]), q(x["trans_x"])
    r = next((rate for at_least, rate in STEPS if D(tibet_years) >= at_least), D(0))
    plateau = q(c * ii * r)
    total = basic + account + trans + plateau
    note = (f"{what} Hand-derived (Python decimal, province_xizang.py): C = {c} ({year}); N = ({paid} + {deemed})/12 = {n.normalize()} exact; "
            f"basic = {c} × (1 + {idx})/2 × N × 1% = {basic}; account = {bal}/{m} = {account}; S = {deemed}/12 = {s.normalize()}, "
            f"transitional = {c} × {idx} × S × 1.4% = {trans}; 高原补贴 = {c} × {idx} × {fmt((r * 100).normalize())}% ({tibet_years} years worked in Tibet) = {plateau}; "
            f"each component rounded half-up to 0.01, total = sum = {total}. "
            f"The fixed 交通费/取暖防寒费/过渡期福利金 are not modelled and not in the total.")
    return {"id": cid, "kind": "award", "ruleset": "cn/xizang", "source": SRC, "note": note,
            "input": {"category": category, "birth": birth, "retirement_month": month,
                      "contribution_months": paid, "deemed_months": deemed, "average_index": idx,
                      "account_balance": bal, "attributes": {"years_worked_in_xizang": tibet_years}},
            "expect": {"pension_base": fmt(c), "divisor": fmt(m), "basic_pension": fmt(basic),
                       "account_pension": fmt(account), "transitional_pension": fmt(trans),
                       "local_extras": fmt(plateau), "total": fmt(total)}}


cases = [
    case("province-xizang-2024-male-deemed", "male", "1964-05", "2024-05", 300, 96, "1.2", "150000.00", "33",
         "A 中人 with 8 deemed years (transitional pension on deemed years only, 1.4 %), retiring on the 2024 base; 33 years worked in Tibet: 高原补贴 15 %."),
    case("province-xizang-2025-female55-55y1m-no-deemed", "female_55", "1970-01", "2025-02", 360, 0, "0.9", "98000.00", "15",
         "A woman of original age 55 born 1970-01: the 2025 reform adds 1 month (55y1m, divisor 170 − 6×1/12 = 169.5); no deemed years, no transitional pension; exactly 15 years worked in Tibet: the 10 % step (boundary included)."),
    case("province-xizang-2024-female55-short-tibet-years", "female_55", "1969-03", "2024-03", 300, 0, "1.0", "80000.00", "9.5",
         "9.5 years worked in Tibet, below the first step (10 years): no 高原补贴, the line is 0."),
]
write("province-xizang.json", cases)
