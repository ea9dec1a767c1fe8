#!/usr/bin/env python3
"""Derive tests/vectors/province-qinghai.json (cn/qinghai award cases), independently of the engine.

Qinghai (rules/cn/qinghai/award.toml, rounding.toml):
  N            = (paid + deemed months) / 12 rounded half-up to 2 decimals (province month→year table)
  basic        = C × (1 + Ī) / 2 × N × 1 %                     (国发〔2005〕38号 第六条)
  transitional = (C + C·Ī) / 2 × P × 1.4 %, P = months to 1997-12-31 incl. deemed, / 12 rounded half-up
                 to 2 decimals                                   (青劳社厅发〔2006〕59号 as quoted)
  extras       = +12 元 (西宁 area) / +13 元 (elsewhere)         (青劳社厅发〔2004〕27号)
  C: 2023 8591 (青人社厅函〔2023〕461号), 2024 8878.
Run: python3 tests/vectors/derive/province_qinghai.py
"""
from province_common import D, components, fmt, q, write

K = D("0.014")
BASES = {2023: D(8591), 2024: D(8878)}
EXTRA = {"xining": D("12.00"), "other": D("13.00")}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 青劳社厅发〔2006〕59号《青海省企业职工基本养老金计发办法》 as quoted "
       "(过渡性养老金 = (C + C·Ī)/2 × 1997年底前缴费年限(含视同) × 1.4 %); 青劳社厅发〔2004〕27号 (+12/+13 元); Qinghai month→year "
       "table (2 decimals); 计发基数 2023 8591 (青人社厅函〔2023〕461号), 2024 8878")


def case(cid, category, birth, month, paid, deemed, p_total, idx, bal, area, what):
    year = int(month[:4])
    c = BASES[year]
    ii = D(idx)
    x = components(C=c, idx=ii, months=paid + deemed, t_months=p_total, k=K, balance=bal, birth=birth,
                   retire=month, t_base=(c + c * ii) / 2, t_index=1, years_rnd=q, t_years_rnd=q)
    n, p, m = x["n"], x["s"], x["divisor"]
    basic, account, trans = q(x["basic_x"]), q(x["account_x"]), q(x["trans_x"])
    extra = EXTRA[area]
    total = basic + account + trans + extra
    note = (f"{what} Hand-derived (Python decimal, province_qinghai.py): C = {c} ({year}); N = ({paid} + {deemed})/12 → {n} (2 decimals, half-up); "
            f"basic = {c} × (1 + {idx})/2 × {n} × 1% = {basic}; account = {bal}/{m} = {account}; P = {p_total} months to 1997-12 incl. deemed "
            f"→ {p}; transitional = ({c} + {c}×{idx})/2 × {p} × 1.4% = {trans}; 27号 increase ({area}) = {extra}; each component rounded "
            f"half-up to 0.01, total = sum incl. the increase = {total}.")
    return {"id": cid, "kind": "award", "ruleset": "cn/qinghai", "source": SRC, "note": note,
            "input": {"category": category, "birth": birth, "retirement_month": month,
                      "contribution_months": paid, "deemed_months": deemed, "pre_account_total_months": p_total,
                      "average_index": idx, "account_balance": bal, "attributes": {"region_class": area}},
            "expect": {"pension_base": fmt(c), "divisor": fmt(m), "basic_pension": fmt(basic),
                       "account_pension": fmt(account), "transitional_pension": fmt(trans),
                       "local_extras": fmt(extra), "total": fmt(total)}}


cases = [
    case("province-qinghai-2024-male-weighted-transitional-xining", "male", "1964-09", "2024-09", 372, 108, 132, "0.92", "105000.00", "xining",
         "A 中人 with 9 deemed years and 2 actual years 1996–1997: the weighted transitional pension on P = 11 years (base (C + C·Ī)/2, no index factor), and the Xining +12 元."),
    case("province-qinghai-2023-female50-years-2dp-other", "female_50", "1973-05", "2023-05", 365, 0, 29, "0.8", "82000.00", "other",
         "Years from months by the 2-decimal table: N = 365/12 = 30.4166… → 30.42, P = 29/12 = 2.4166… → 2.42; outside Xining +13 元."),
]
write("province-qinghai.json", cases)
