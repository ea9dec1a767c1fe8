#!/usr/bin/env python3
"""Derive tests/vectors/province-sichuan.json by hand (Decimal only).

Sichuan rules (rules/cn/sichuan/*.toml):
  basic        = C × (1 + Ī)/2 × N × 1 %, N = months/12 rounded half-up to 2 decimals
  transitional = (C + C·Ī)/2 × P × 1.3 % (index factor 1), P = (deemed + pre-account actual
                 months)/12 rounded half-up to 2 decimals      — 川劳社发〔2006〕17号
  增发          = C·Ī × 0.1 % × N for an eligible person (attribute sichuan_zengfa); a rate above
                 0.1 % (attribute sichuan_zengfa_higher_rate) is not documented: a typed error
  account      = B / M; components half-up to 0.01; total = sum of the rounded components.
Bases: 2023 8079, 2024 8321, 2025 8462 (award.pension_base, final values).

Run: python3 tests/vectors/derive/province_sichuan.py
"""
from province_common import D, divisor, q, write

BASE = {2023: D("8079"), 2024: D("8321"), 2025: D("8462")}
K = D("0.013")
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 川劳社发〔2006〕17号 as reported "
       "(过渡性养老金 = (C + C·Ī)/2 × 1995年底前未建账缴费年限 × 1.3%; 增发养老金 = C·Ī × 0.1% × 累计缴费年限); "
       "四川 计发基数 {y} = {c} (rules/cn/sichuan/award.toml); years to 2 decimals (rules/cn/sichuan/rounding.toml)")


def case(cid, category, birth, retire, actual, deemed, pre_actual, idx, balance, zengfa, what):
    y = int(retire[:4])
    c = BASE[y]
    i = D(idx)
    n = q(D(actual + deemed) / 12)
    p = q(D(deemed + pre_actual) / 12)
    m = divisor(birth, retire)
    basic_x = c * (1 + i) / 2 * n * D("0.01")
    account_x = D(balance) / m
    trans_x = (c + c * i) / 2 * p * K
    extra_x = c * i * D("0.001") * n if zengfa else D(0)
    basic, account, trans, extra = q(basic_x), q(account_x), q(trans_x), q(extra_x)
    total = basic + account + trans + extra
    note = (f"{what} Computed by hand with tests/vectors/derive/province_sichuan.py (Decimal): "
            f"N = {actual + deemed}/12 → {n} (2 dp half-up); P = ({deemed} + {pre_actual})/12 → {p}; "
            f"basic = {c}×(1+{i})/2×{n}×1% = {basic_x.normalize()} → {basic}; "
            f"account = {balance}/{m} = {q(account_x, '0.0001')} → {account}; "
            f"transitional = ({c}+{c}×{i})/2×{p}×1.3% = {trans_x.normalize()} → {trans}; "
            f"增发 = " + (f"{c}×{i}×0.1%×{n} = {extra_x.normalize()} → {extra}" if zengfa else "0 (sichuan_zengfa = false)") +
            f"; total = sum of rounded components = {total}.")
    return {
        "id": cid, "kind": "award", "ruleset": "cn/sichuan",
        "source": SRC.format(y=y, c=c), "note": note,
        "input": {"category": category, "birth": birth, "retirement_month": retire,
                  "contribution_months": actual, "deemed_months": deemed,
                  "pre_account_months": pre_actual, "average_index": idx,
                  "account_balance": balance, "attributes": {"sichuan_zengfa": zengfa}},
        "expect": {"pension_base": str(c), "divisor": str(m), "basic_pension": str(basic),
                   "account_pension": str(account), "transitional_pension": str(trans),
                   "local_extras": str(extra), "total": str(total)},
    }


cases = [
    case("province-sichuan-2024-male-60-weighted-transitional-zengfa", "male", "1964-07", "2024-07",
         394, 62, 17, "0.92", "98500.00", True,
         "Invented person (not a real sheet): man 60y0m, 62 deemed + 17 actual months before 1996-01 (P = 79 months, not whole years: 2-decimal rounding), eligible for the 0.1 % 增发; weighted (C + C·Ī)/2 transitional base."),
    case("province-sichuan-2025-female50-50y2m-no-transitional", "female_50", "1975-03", "2025-05",
         307, 0, 0, "0.68", "61230.40", False,
         "Invented person: woman born 1975-03, statutory age 50y2m under the 2025 reform (divisor 195 − 5×2/12 → 194.2), started after the account start, 307 months (N = 25.5833 → 25.58), not eligible for 增发."),
    case("province-sichuan-2023-female55-deemed", "female_55", "1968-09", "2023-09",
         300, 96, 24, "1.15", "112000.00", False,
         "Invented person: woman 55y0m (divisor 170) with 96 deemed and 24 actual pre-1996 months (P = 10 years), index above 1."),
]
cases.append({
    "id": "province-sichuan-2024-zengfa-higher-rate-unknown", "kind": "award", "ruleset": "cn/sichuan",
    "source": "derived: 川劳社发〔2006〕18号 (as cited): 增发 rates above 0.1 % by category — not documented "
              "(rules/cn/sichuan award.extras.zengfa_higher_rate, kind unknown)",
    "note": "Case 1's person stated to qualify for an 增发 rate above 0.1 % (attribute sichuan_zengfa_higher_rate): "
            "the rate is not in the rule set, so the award is refused with rule_missing_year naming the extra "
            "rather than paid the 0.1 % part as if complete.",
    "input": dict(cases[0]["input"], attributes={"sichuan_zengfa": True, "sichuan_zengfa_higher_rate": True}),
    "expect": {"error": "rule_missing_year"},
})
write("sichuan", cases)
