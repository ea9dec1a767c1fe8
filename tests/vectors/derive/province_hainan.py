#!/usr/bin/env python3
"""Derive tests/vectors/province-hainan.json by hand (Decimal only).

Hainan rules (rules/cn/hainan/*.toml):
  basic        = C × (1 + Ī)/2 × N × 1 %, N = months/12 rounded half-up to 4 decimals
  transitional = C × Ī × P × 1.4 %, P = (deemed + actual months up to 1997-12)/12, 4 decimals
                 (琼府〔2022〕40号 as reported)
  计划生育奖励 = 5 % (独生子女父母) or 10 % (无子女) × (basic + account + transitional)
  components half-up to 0.01; total = sum of the rounded components.
Bases: 2024 8131, 2025 8188.

Run: python3 tests/vectors/derive/province_hainan.py
"""
from province_common import D, expect, q, standard, write

BASE = {2024: D("8131"), 2025: D("8188")}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 琼府〔2022〕40号 as reported (过渡性养老金 = "
       "C × Ī × 1997年底前缴费年限 × 1.4%; 计划生育奖励 独生子女父母 5% / 无子女 10% of 本人基本养老金); "
       "海南 计发基数 {y} = {c} (rules/cn/hainan/award.toml); years to 4 decimals (rules/cn/hainan/rounding.toml)")
R4 = lambda x: q(x, "0.0001")


def case(cid, category, birth, retire, actual, deemed, pre_actual, idx, balance, only_child, childless, what):
    y = int(retire[:4])
    ex = [("独生子女 5 %", "0.05")] if only_child else []
    ex += [("无子女 10 %", "0.10")] if childless else []
    fig, lines = standard(BASE[y], idx, actual, deemed, pre_actual, balance, birth, retire,
                          D("0.014"), t_years="deemed_and_pre_account", years_round=R4,
                          t_years_round=R4, pct_extras=ex)
    return {"id": cid, "kind": "award", "ruleset": "cn/hainan", "source": SRC.format(y=y, c=BASE[y]),
            "note": what + " Computed by hand with tests/vectors/derive/province_hainan.py (Decimal): " + "; ".join(lines) + ".",
            "input": {"category": category, "birth": birth, "retirement_month": retire,
                      "contribution_months": actual, "deemed_months": deemed,
                      "pre_account_months": pre_actual, "average_index": idx,
                      "account_balance": balance,
                      "attributes": {"only_child": only_child, "childless": childless}},
            "expect": expect(fig)}


cases = [
    case("province-hainan-2024-male-60-only-child", "male", "1964-05", "2024-05",
         317, 89, 55, "0.8465", "73615.50", True, False,
         "Invented person (not a real sheet): man 60y0m, 89 deemed + 55 actual months before 1998-01 (P = 144/12 = 12), N = 406/12 = 33.8333 (4 decimals), parent of an only child (+5 %)."),
    case("province-hainan-2025-female55-childless", "female_55", "1970-01", "2025-02",
         353, 0, 7, "1.0512", "96480.00", False, True,
         "Invented person: woman born 1970-01, statutory 55y1m under the 2025 reform (divisor 170 − 6/12 = 169.5), 7 actual months before 1998-01 (P = 7/12 → 0.5833), N = 353/12 → 29.4167, childless (+10 %)."),
]
write("hainan", cases)
