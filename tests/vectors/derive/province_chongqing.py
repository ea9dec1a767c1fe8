#!/usr/bin/env python3
"""Derive tests/vectors/province-chongqing.json by hand (Decimal only).

Chongqing rules (rules/cn/chongqing/*.toml):
  basic        = C × (1 + Ī)/2 × N × 1 %, N = months/12 exact
  transitional = (C + C·Ī)/2 × M1 × 1.4 % (index factor 1), M1 = (deemed + actual months before
                 1996-01)/12 exact                                — 渝办发〔2006〕205号
  account      = B / M; components half-up to 0.01; total = sum of the rounded components.
Bases: 2024 8160, 2025 8240 (award.pension_base).

Run: python3 tests/vectors/derive/province_chongqing.py
"""
from province_common import D, divisor, q, write

BASE = {2024: D("8160"), 2025: D("8240")}
K = D("0.014")
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 渝办发〔2006〕205号 as reported "
       "(过渡性养老金 = (A + A×Q)/2 × 建立个人账户前缴费年限 × 1.4%); 重庆 计发基数 {y} = {c} "
       "(rules/cn/chongqing/award.toml)")


def case(cid, category, birth, retire, actual, deemed, pre_actual, idx, balance, what):
    y = int(retire[:4])
    c = BASE[y]
    i = D(idx)
    n = D(actual + deemed) / 12
    p = D(deemed + pre_actual) / 12
    m = divisor(birth, retire)
    basic_x = c * (1 + i) / 2 * n * D("0.01")
    account_x = D(balance) / m
    trans_x = (c + c * i) / 2 * p * K
    basic, account, trans = q(basic_x), q(account_x), q(trans_x)
    total = basic + account + trans
    note = (f"{what} Computed by hand with tests/vectors/derive/province_chongqing.py (Decimal): "
            f"N = {actual + deemed}/12 exact; M1 = ({deemed} + {pre_actual})/12 exact; "
            f"basic = {c}×(1+{i})/2×N×1% = {q(basic_x, '0.0001')} → {basic}; "
            f"account = {balance}/{m} = {q(account_x, '0.0001')} → {account}; "
            f"transitional = ({c}+{c}×{i})/2×M1×1.4% = {q(trans_x, '0.0001')} → {trans}; "
            f"total = sum of rounded components = {total}.")
    return {
        "id": cid, "kind": "award", "ruleset": "cn/chongqing",
        "source": SRC.format(y=y, c=c), "note": note,
        "input": {"category": category, "birth": birth, "retirement_month": retire,
                  "contribution_months": actual, "deemed_months": deemed,
                  "pre_account_months": pre_actual, "average_index": idx,
                  "account_balance": balance},
        "expect": {"pension_base": str(c), "divisor": str(m), "basic_pension": str(basic),
                   "account_pension": str(account), "transitional_pension": str(trans),
                   "total": str(total)},
    }


cases = [
    case("province-chongqing-2025-male-60y1m-weighted-transitional", "male", "1965-01", "2025-02",
         402, 75, 29, "0.83", "87650.00",
         "Invented person (not a real sheet): man born 1965-01, statutory age 60y1m under the 2025 reform (divisor 138.4), 75 deemed + 29 actual months before 1996-01 (M1 = 104 months), index below 1: the weighted base (C + C·Ī)/2 < C."),
    case("province-chongqing-2024-female55-actual-pre-account-only", "female_55", "1969-08", "2024-08",
         372, 0, 26, "1.21", "104300.00",
         "Invented person: woman 55y0m (divisor 170), no deemed months but 26 actual months before 1996-01 — they earn the transitional pension (P-type years)."),
]
write("chongqing", cases)
