#!/usr/bin/env python3
"""Derive tests/vectors/province-guangxi.json by hand (Decimal only).

Guangxi rules (rules/cn/guangxi/*.toml):
  N, P         = months/12 rounded UP to 2 decimals
  basic        = C × (1 + Ī)/2 × N × 1 %
  transitional = C × Ī × P × 1.4 %, P = (deemed + actual months before the account)/12
  account      = B / M
  each component 见分进角: truncate to 0.01, then round up to 0.1; total = sum of components.
Bases: 2024 6847, 2025 6983 (final).

Run: python3 tests/vectors/derive/province_guangxi.py
"""
from province_common import D, expect, standard, up, up_after_truncate, write

BASE = {2024: D("6847"), 2025: D("6983")}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; Guangxi transitional pension C × Ī × 建账前缴费年限 × 1.4% "
       "(广西人社厅/财政厅 2020 as reported); 广西 计发基数 {y} = {c} (rules/cn/guangxi/award.toml); years to 2 decimals "
       "rounded up and components 见分进角 (rules/cn/guangxi/rounding.toml)")
U2 = lambda x: up(x, "0.01")


def case(cid, category, birth, retire, actual, deemed, pre_actual, idx, balance, what):
    y = int(retire[:4])
    fig, lines = standard(BASE[y], idx, actual, deemed, pre_actual, balance, birth, retire,
                          D("0.014"), t_years="deemed_and_pre_account", years_round=U2,
                          t_years_round=U2, money=up_after_truncate)
    return {"id": cid, "kind": "award", "ruleset": "cn/guangxi", "source": SRC.format(y=y, c=BASE[y]),
            "note": what + " Computed by hand with tests/vectors/derive/province_guangxi.py (Decimal): " + "; ".join(lines)
                    + " (each component: truncate to the fen, then up to the jiao).",
            "input": {"category": category, "birth": birth, "retirement_month": retire,
                      "contribution_months": actual, "deemed_months": deemed,
                      "pre_account_months": pre_actual, "average_index": idx,
                      "account_balance": balance},
            "expect": expect(fig, with_extras=False)}


cases = [
    case("province-guangxi-2024-male-60-round-up", "male", "1964-08", "2024-08",
         385, 52, 7, "0.9", "90210.00",
         "Invented person (not a real sheet): man 60y0m, N = 437/12 = 36.41666 → 36.42 (up), P = 59/12 = 4.91666 → 4.92 (up)."),
    case("province-guangxi-2025-female55-55y2m", "female_55", "1970-05", "2025-07",
         341, 0, 0, "1.3", "120450.00",
         "Invented person: woman born 1970-05, statutory 55y2m under the 2025 reform (divisor 170 − 6×2/12 = 169), N = 341/12 = 28.41666 → 28.42 (up), no pre-account years."),
]
write("guangxi", cases)
