#!/usr/bin/env python3
"""Derive tests/vectors/province-ningxia.json (cn/ningxia award cases), independently of the engine.

Ningxia (rules/cn/ningxia/award.toml):
  basic        = C × (1 + Ī) / 2 × N × 1 %                       (国发〔2005〕38号 第六条)
  transitional = C × Ī × P × k, P = (deemed + actual months before 1996-01) / 12 exact,
                 k = 1.3 %, for 知识分子 1.49 % (award.coefficient_overrides; 1.43 % in another reading)
  知识分子      = 18.5 元 flat (宁政办发〔2006〕126号 as cited)
  C: 2023 7953, 2024 8202 (final values; no notice numbers seen — confidence L).
Run: python3 tests/vectors/derive/province_ningxia.py
"""
from province_common import D, components, fmt, q, write

K = D("0.013")
K_INTELLECTUAL = D("0.0149")
BASES = {2023: D(7953), 2024: D(8202)}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Ningxia transitional pension C × Ī × 建账前缴费年限 × 1.3 %, for 知识分子 × 1.49 % "
       "(regional rule as reported, document not identified); 知识分子补贴 18.5 元 (宁政办发〔2006〕126号 as cited); Ningxia 计发基数 2023 7953, 2024 8202 (second-hand)")


def case(cid, category, birth, month, paid, deemed, pre, idx, bal, intellectual, what):
    year = int(month[:4])
    c = BASES[year]
    ii = D(idx)
    k = K_INTELLECTUAL if intellectual else K
    x = components(C=c, idx=ii, months=paid + deemed, t_months=deemed + pre, k=k, balance=bal, birth=birth, retire=month)
    n, p, m = x["n"], x["s"], x["divisor"]
    basic, account, trans = q(x["basic_x"]), q(x["account_x"]), q(x["trans_x"])
    extra = D("18.50") if intellectual else D("0.00")
    total = basic + account + trans + extra
    note = (f"{what} Hand-derived (Python decimal, province_ningxia.py): C = {c} ({year}); N = ({paid} + {deemed})/12 = {n.normalize()} exact; "
            f"basic = {c} × (1 + {idx})/2 × N × 1% = {basic}; account = {bal}/{m} = {account}; P = (deemed {deemed} + pre-account actual {pre})/12 "
            f"= {p.normalize()}, transitional = {c} × {idx} × P × {(k * 100).normalize()}% = {trans}" + (" (知识分子: coefficient override)" if intellectual else "") + f"; 知识分子补贴 = {extra}; each component rounded half-up to 0.01, "
            f"total = sum incl. the allowance = {total}.")
    return {"id": cid, "kind": "award", "ruleset": "cn/ningxia", "source": SRC, "note": note,
            "input": {"category": category, "birth": birth, "retirement_month": month,
                      "contribution_months": paid, "deemed_months": deemed, "pre_account_months": pre,
                      "average_index": idx, "account_balance": bal, "attributes": {"intellectual": intellectual}},
            "expect": {"pension_base": fmt(c), "divisor": fmt(m), "basic_pension": fmt(basic),
                       "account_pension": fmt(account), "transitional_pension": fmt(trans),
                       "local_extras": fmt(extra), "total": fmt(total)}}


cases = [
    case("province-ningxia-2024-male-pre-account", "male", "1964-10", "2024-10", 408, 72, 24, "0.95", "100000.00", False,
         "A 中人 with 6 deemed years and 2 actual years before 1996-01: P = 8 years; final 2024 base 8202."),
    case("province-ningxia-2024-male-intellectual", "male", "1964-10", "2024-10", 408, 72, 24, "0.95", "100000.00", True,
         "The same 中人 as a 知识分子: only the transitional coefficient (1.49 %) and the 18.5 元 allowance differ."),
    case("province-ningxia-2023-female55-intellectual", "female_55", "1968-07", "2023-07", 336, 24, 36, "1.3", "130000.00", True,
         "A 知识分子 (attribute intellectual = true): the transitional pension at 1.49 % instead of 1.3 % and the 18.5 元 allowance (a reading with 1.43 % would give P × C·Ī × 0.06 % less)."),
]
write("province-ningxia.json", cases)
