#!/usr/bin/env python3
"""Derive tests/vectors/province-gansu.json (cn/gansu award cases), independently of the engine.

Gansu (rules/cn/gansu/award.toml):
  basic        = C × (1 + Ī) / 2 × N × 1 %          (国发〔2005〕38号 第六条)
  transitional = C × Ī × S × 1.2 %, S = deemed months / 12 exact (provincial rule as reported, confidence L)
  调节金        = 15 元 when deemed months ≥ 180 (provincial rule as reported, confidence L)
  C: 2022 7077, 2024 7594 (甘人社通〔2024〕330号) — the final values.
Run: python3 tests/vectors/derive/province_gansu.py
"""
from province_common import D, components, fmt, q, write

K = D("0.012")
BASES = {2022: D(7077), 2024: D(7594)}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Gansu transitional pension C × Ī × 视同缴费年限 × 1.2 % and the 15 元 调节金 "
       "for 15+ deemed years (provincial rules as reported, document not identified); Gansu 计发基数 2022 7077, 2024 7594 (甘人社通〔2024〕330号)")


def case(cid, category, birth, month, paid, deemed, idx, bal, what):
    year = int(month[:4])
    c = BASES[year]
    ii = D(idx)
    x = components(C=c, idx=ii, months=paid + deemed, t_months=deemed, k=K, balance=bal, birth=birth, retire=month)
    n, s, m = x["n"], x["s"], x["divisor"]
    basic, account, trans = q(x["basic_x"]), q(x["account_x"]), q(x["trans_x"])
    extra = D("15.00") if deemed >= 180 else D("0.00")
    total = basic + account + trans + extra
    note = (f"{what} Hand-derived (Python decimal, province_gansu.py): C = {c} ({year}, final); N = ({paid} + {deemed})/12 = {n.normalize()} exact; "
            f"basic = {c} × (1 + {idx})/2 × N × 1% = {basic}; account = {bal}/{m} = {account}; S = {deemed}/12 = {s.normalize()}, "
            f"transitional = {c} × {idx} × S × 1.2% = {trans}; 调节金 = {extra} (deemed {deemed} months {'≥' if deemed >= 180 else '<'} 180); "
            f"each component rounded half-up to 0.01, total = sum incl. the 调节金 = {total}.")
    return {"id": cid, "kind": "award", "ruleset": "cn/gansu", "source": SRC, "note": note,
            "input": {"category": category, "birth": birth, "retirement_month": month,
                      "contribution_months": paid, "deemed_months": deemed, "average_index": idx,
                      "account_balance": bal},
            "expect": {"pension_base": fmt(c), "divisor": fmt(m), "basic_pension": fmt(basic),
                       "account_pension": fmt(account), "transitional_pension": fmt(trans),
                       "local_extras": fmt(extra), "total": fmt(total)}}


cases = [
    case("province-gansu-2024-male-15y-deemed-adjustment-fund", "male", "1964-06", "2024-06", 294, 186, "1.05", "110000.00",
         "A 中人 with 15.5 deemed years: transitional pension at 1.2 % and the 15 元 调节金."),
    case("province-gansu-2022-female55-short-deemed", "female_55", "1967-03", "2022-03", 312, 48, "0.75", "70000.00",
         "4 deemed years: transitional pension but no 调节金 (threshold 180 deemed months)."),
]
write("province-gansu.json", cases)
