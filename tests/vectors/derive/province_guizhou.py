#!/usr/bin/env python3
"""Derive tests/vectors/province-guizhou.json by hand (Decimal only).

Guizhou rules (rules/cn/guizhou/*.toml):
  basic        = C × (1 + Ī)/2 × N × 1 %, N exact
  transitional = C × Ī × P × 1.4 %, P = (deemed + actual months up to 1997-12)/12 exact
                 (黔府发〔2006〕21号 as reported)
  独生子女父母 + 5 % × (basic + account + transitional)   (黔劳社厅发〔2006〕20号 as reported)
  components half-up to 0.01; total = sum of the rounded components.
Bases: 2024 7272.25, 2025 7324.5.

Run: python3 tests/vectors/derive/province_guizhou.py
"""
from province_common import D, expect, standard, write

BASE = {2024: D("7272.25"), 2025: D("7324.5")}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 黔府发〔2006〕21号 as reported (过渡性养老金 = "
       "C × Ī × 1997年底前缴费年限 × 1.4%); 黔劳社厅发〔2006〕20号 as reported (独生子女父母 + 本人基本养老金 × 5%); "
       "贵州 计发基数 {y} = {c} (= previous year's 全口径 wage / 12, rules/cn/guizhou/award.toml)")


def case(cid, category, birth, retire, actual, deemed, pre_actual, idx, balance, only_child, what):
    y = int(retire[:4])
    fig, lines = standard(BASE[y], idx, actual, deemed, pre_actual, balance, birth, retire,
                          D("0.014"), t_years="deemed_and_pre_account",
                          pct_extras=[("独生子女 5 %", "0.05")] if only_child else [])
    return {"id": cid, "kind": "award", "ruleset": "cn/guizhou", "source": SRC.format(y=y, c=BASE[y]),
            "note": what + " Computed by hand with tests/vectors/derive/province_guizhou.py (Decimal): " + "; ".join(lines) + ".",
            "input": {"category": category, "birth": birth, "retirement_month": retire,
                      "contribution_months": actual, "deemed_months": deemed,
                      "pre_account_months": pre_actual, "average_index": idx,
                      "account_balance": balance, "attributes": {"only_child": only_child}},
            "expect": expect(fig)}


cases = [
    case("province-guizhou-2024-male-60-only-child", "male", "1964-10", "2024-10",
         371, 96, 21, "0.78", "79420.00", True,
         "Invented person (not a real sheet): man 60y0m, 96 deemed + 21 actual months before 1998-01 (P = 117 months), parent of an only child (+5 % of basic + account + transitional); base 7272.25 (87267 / 12)."),
    case("province-guizhou-2025-female50-50y1m", "female_50", "1975-01", "2025-02",
         318, 0, 0, "0.64", "52210.00", False,
         "Invented person: woman born 1975-01, statutory 50y1m under the 2025 reform (divisor 195 − 5/12 → 194.6), no pre-1998 years, no extra."),
]
write("guizhou", cases)
