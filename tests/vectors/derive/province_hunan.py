#!/usr/bin/env python3
"""Derive tests/vectors/province-hunan.json by hand (Decimal only).

Hunan rules (rules/cn/hunan/*.toml):
  basic        = C × (1 + Ī)/2 × N × 1 %, N exact
  transitional = C × Ī × S × 1.3 %, S = deemed months/12 exact (lead, document not identified)
  components half-up to 0.01; total = sum of the rounded components.
Bases: 2024 7618 (final), 2025 7694.

Run: python3 tests/vectors/derive/province_hunan.py
"""
from province_common import D, expect, standard, write

BASE = {2024: D("7618"), 2025: D("7694")}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Hunan transitional pension C × Ī × 视同缴费年限 × 1.3% "
       "(third-party lead, document not identified); 湖南 计发基数 {y} = {c} (rules/cn/hunan/award.toml)")


def case(cid, category, birth, retire, actual, deemed, pre_actual, idx, balance, what):
    y = int(retire[:4])
    fig, lines = standard(BASE[y], idx, actual, deemed, pre_actual, balance, birth, retire, D("0.013"))
    inp = {"category": category, "birth": birth, "retirement_month": retire,
           "contribution_months": actual, "deemed_months": deemed, "average_index": idx,
           "account_balance": balance}
    if pre_actual:
        inp["pre_account_months"] = pre_actual
    return {"id": cid, "kind": "award", "ruleset": "cn/hunan", "source": SRC.format(y=y, c=BASE[y]),
            "note": what + " Computed by hand with tests/vectors/derive/province_hunan.py (Decimal): " + "; ".join(lines) + ".",
            "input": inp, "expect": expect(fig, with_extras=False)}


cases = [
    case("province-hunan-2024-male-60-deemed-only", "male", "1964-11", "2024-11",
         347, 118, 12, "0.97", "81770.00",
         "Invented person (not a real sheet): man 60y0m, 118 deemed months and 12 actual months before the account start: only the deemed months earn the transitional pension (S-type years). The final 2024 base 7618 applies (the 预发 7417 is superseded)."),
    case("province-hunan-2025-female50-50y3m", "female_50", "1975-05", "2025-08",
         290, 0, 0, "0.7", "48900.00",
         "Invented person: woman born 1975-05, statutory 50y3m under the 2025 reform (divisor 195 − 5×3/12 = 193.75 → 193.8), no deemed years."),
]
write("hunan", cases)
