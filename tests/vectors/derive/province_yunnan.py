#!/usr/bin/env python3
"""Derive tests/vectors/province-yunnan.json (cn/yunnan award cases), independently of the engine.

Yunnan (rules/cn/yunnan/award.toml):
  basic        = C × (1 + Ī) / 2 × N × 1 %                       (国发〔2005〕38号 第六条)
  transitional = C × Ī × P × 1.3 %, P = (deemed + actual months before 1995-10) / 12 exact
                 (云政发〔2006〕139号; 细则 云劳社发〔2007〕… 第十条第一款)
  one-child    = 5 % × previous year's provincial average enterprise pension (云劳社〔2002〕76号;
                 2023年度 3431 元 for 2024, 云南省人社厅 2024 notice; 2022年度 3293 for 2023, 云人社发〔2023〕41号)
  C: 2024 8183, 2023 8023 (云人社发〔2023〕41号), 2025 8265 (2025 notice).
Run: python3 tests/vectors/derive/province_yunnan.py
"""
from province_common import D, components, fmt, getcontext, q, write

getcontext().prec = 28  # the notes print P at 28 significant digits

K = D("0.013")
BASES = {2023: D(8023), 2024: D(8183), 2025: D(8265)}
AVG_PENSION = {2023: D(3293), 2024: D(3431)}
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 云政发〔2006〕139号 and its 细则 (云劳社发〔2007〕…) "
       "第十条第一款 (过渡性养老金 = 指数化月平均缴费工资 × 建立个人账户前的缴费年限 × 1.3 %); 云劳社〔2002〕76号 (独生子女 5 %); "
       "Yunnan 计发基数 as in rules/cn/yunnan/award.toml")


def case(cid, category, birth, month, paid, deemed, pre, idx, bal, only_child, what):
    year = int(month[:4])
    c = BASES[year]
    ii = D(idx)
    x = components(C=c, idx=ii, months=paid + deemed, t_months=deemed + pre, k=K, balance=bal, birth=birth, retire=month)
    n, p, m = x["n"], x["s"], x["divisor"]
    basic, account, trans = q(x["basic_x"]), q(x["account_x"]), q(x["trans_x"])
    extra = q(D("0.05") * AVG_PENSION[year]) if (only_child and year in AVG_PENSION) else D("0.00")
    total = basic + account + trans + extra
    note = (f"{what} Hand-derived (Python decimal, province_yunnan.py): C = {c} ({year}); N = ({paid} + {deemed})/12 = {n.normalize()} "
            f"exact; basic = {c} × (1 + {idx})/2 × N × 1% = {basic}; account = {bal}/{m} = {account}; "
            f"P = (deemed {deemed} + pre-account actual {pre})/12 = {p.normalize()}, transitional = {c} × {idx} × P × 1.3% = {trans}; "
            f"one-child = {'5% × ' + str(AVG_PENSION[year]) + ' = ' + str(extra) if extra else '0 (not an only-child parent)'}; "
            f"each component rounded half-up to 0.01, total = sum of the rounded components incl. the extra = {total}.")
    inp = {"category": category, "birth": birth, "retirement_month": month,
           "contribution_months": paid, "deemed_months": deemed, "pre_account_months": pre,
           "average_index": idx, "account_balance": bal}
    exp = {"pension_base": fmt(c), "divisor": fmt(m), "basic_pension": fmt(basic), "account_pension": fmt(account),
           "transitional_pension": fmt(trans)}
    if only_child is not None:
        inp["attributes"] = {"only_child": only_child}
        exp["local_extras"] = fmt(extra)
    exp["total"] = fmt(total)
    return {"id": cid, "kind": "award", "ruleset": "cn/yunnan", "source": SRC, "note": note,
            "input": inp, "expect": exp}


cases = [
    case("province-yunnan-2024-male-pre-account-only-child", "male", "1964-03", "2024-03", 420, 60, 12, "0.85", "86000.00", True,
         "A 中人 with 5 deemed years and 1 actual year before the account (1995-10): the transitional pension counts both (P = 6), and the one-child bonus is 5 % of the 2023 provincial average pension."),
    case("province-yunnan-2023-female50-pre-account-no-extra", "female_50", "1973-06", "2023-06", 372, 0, 40, "1.1", "95000.00", False,
         "No deemed years but 40 actual months before the account: a transitional pension that a 视同-only rule would not pay. Final 2023 base 8023 (the provisional 7767 is not the figure asked for)."),
    case("province-yunnan-2025-male-60y1m", "male", "1965-02", "2025-03", 444, 36, 0, "0.7", "120000.00", None,
         "2025 retirement at 60y1m (divisor 139 − 7×1/12 = 138.4) on the final 2025 base 8265; deemed years only."),
]
write("province-yunnan.json", cases)
