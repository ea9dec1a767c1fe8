#!/usr/bin/env python3
"""Derive tests/vectors/province-guangdong.json by hand (Decimal only).

Guangdong rules (rules/cn/guangdong/**.toml):
  basic   = C × (1 + Ī)/2 × N × 1 %, N exact; account = B / M; half-up to 0.01.
  过渡性养老金 from 2021 (粤府函〔2021〕294号, award.transitional_method = weighted_years):
    W   = (D × (deemed months + actual months up to 1993-12) + Σ monthly indices 1994-01…1998-06) / 12
          (D = 视同缴费指数 of the 1993 locality, 附表一、二; W exact)
    new = C × W × 1.2 %, rounded to the fen
    old = 视同账户额 ÷ 120 (rounded to the fen) + 4 × floor(N)   (粤人社〔2014〕8号 年限津贴)
    2021…2025: payable = old + max(new − old, 0) × 30 / 50 / 70 / 90 / 100 %
    2026+:     payable = new
    transitional = payable + 100                                   (粤劳电〔2009〕32号)
  Shenzhen (region 440300) keeps the transitional pension given in the input.
Bases: 全省 2021 8332, 2022 8682, 2023 9028, 2024 9307, 2025 9493; 深圳 2025 11293; 2026 has
no base in the rules, so its case gives pension_base in the input. Every person is invented.

Run: python3 tests/vectors/derive/province_guangdong.py
"""
from province_common import D, expect, q, standard, write

SRC_GIVEN = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 广东 {who} 计发基数 {y} = {c} ({doc}); "
             "过渡性养老金 given in the input (the Shenzhen layer keeps award.transitional_method = given)")
SRC_W = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 广东 全省 计发基数 {y} = {c} ({doc}); "
         "过渡性养老金 粤府函〔2021〕294号 (加权视同缴费年限 × 1.2 %, 视同缴费指数 {loc} = {d} from 附表一、二{phase}), "
         "粤人社〔2014〕8号 (4 元 × whole years in the old method), 粤劳电〔2009〕32号 (+100)")

D_TABLE = {"guangzhou": "1.191", "foshan": "1.304", "provincial_organs": "1.327", "meizhou": "0.638",
           "huizhou_urban": "1.101", "zhanjiang": "0.742"}
SHARE = {2021: D("0.3"), 2022: D("0.5"), 2023: D("0.7"), 2024: D("0.9"), 2025: D("1")}


def given_case(cid, who, doc, region, c, category, birth, retire, actual, idx, balance, what,
               deemed=0, given="0", fund=None):
    """fund: the Shenzhen 调节金 of the retirement year (a flat extra in the total), if any."""
    y = int(retire[:4])
    fig, lines = standard(D(c), idx, actual, deemed, 0, balance, birth, retire, None)
    fig["transitional_pension"] = D(given)
    fig["total"] += D(given)
    if fund is not None:
        fig["local_extras"] = D(fund)
        fig["total"] += D(fund)
    inp = {"category": category, "birth": birth, "retirement_month": retire}
    if region:
        inp["region"] = region
    inp.update({"contribution_months": actual, "deemed_months": deemed, "average_index": idx,
                "account_balance": balance, "transitional_pension": given})
    e = expect(fig, with_extras=fund is not None)
    src = SRC_GIVEN.format(who=who, y=y, c=c, doc=doc)
    fund_text = ""
    if fund is not None:
        src += f"; 深圳 调节金 {y} = {fund} (third-party reading, confidence L)"
        fund_text = f"; 调节金 = {fund} (local extra, in the total)"
    return {"id": cid, "kind": "award", "ruleset": "cn/guangdong",
            "source": src,
            "note": what + " Computed by hand with tests/vectors/derive/province_guangdong.py (Decimal): " + "; ".join(lines[:3]) + f"; transitional = {given} (given in the input){fund_text}; total = sum = {fig['total']}.",
            "input": inp, "expect": e}


def weighted_case(cid, doc, c, category, birth, retire, actual, idx, balance, what, *, deemed,
                  locality, pre_window, window, notional=None, c_given=False):
    """window: ("sum", "58.3120") or ("avg", months, "0.8830")."""
    y = int(retire[:4])
    fig, lines = standard(D(c), idx, actual, deemed, 0, balance, birth, retire, None)
    d = D(D_TABLE[locality]) if locality else D(0)
    wsum = D(window[1]) if window[0] == "sum" else D(window[1]) * D(window[2])
    w = (d * D(deemed + pre_window) + wsum) / 12
    new_x = D(c) * w * D("0.012")
    new = q(new_x)
    t = [f"W = ({d} × ({deemed} + {pre_window}) + {wsum}) / 12 = {w.quantize(D('0.000001'))}",
         f"new = {c} × W × 1.2% = {new_x.quantize(D('0.0001'))} → {new}"]
    if y <= 2025:
        share = SHARE[y]
        part = q(D(notional) / 120)
        whole = (D(actual + deemed) / 12).to_integral_value(rounding="ROUND_FLOOR")
        allowance = 4 * whole
        old = part + allowance
        payable = q(old + max(new - old, D(0)) * share)
        t.append(f"old = {notional}/120 → {part} + 4 × {whole} = {old}")
        t.append(f"payable = {old} + max({new} − {old}, 0) × {share} = {payable}")
        phase = f"; {y} retirees: old + max(new − old, 0) × {share * 100:.0f} %"
    else:
        payable = new
        t.append("2026+: the new method alone")
        phase = "; 2026+: the new method alone"
    trans = payable + 100
    t.append(f"transitional = {payable} + 100 = {trans}")
    fig["transitional_pension"] = trans
    fig["total"] = fig["basic_pension"] + fig["account_pension"] + trans
    inp = {"category": category, "birth": birth, "retirement_month": retire,
           "contribution_months": actual, "deemed_months": deemed, "average_index": idx,
           "account_balance": balance}
    if c_given:
        inp["pension_base"] = c
    if locality:
        inp["deemed_index_locality"] = locality
    inp["pre_window_months"] = pre_window
    if window[0] == "sum":
        inp["window_index_sum"] = window[1]
    else:
        inp["transitional_window_months"] = window[1]
        inp["transitional_window_index"] = window[2]
    if notional is not None:
        inp["notional_account"] = notional
    e = expect(fig, with_extras=False)
    return {"id": cid, "kind": "award", "ruleset": "cn/guangdong",
            "source": SRC_W.format(y=y, c=c, doc=doc, loc=locality, d=d, phase=phase),
            "note": what + " Computed by hand with tests/vectors/derive/province_guangdong.py (Decimal): "
                    + "; ".join(lines[:3] + t) + f"; total = sum = {fig['total']}.",
            "input": inp, "expect": e}


cases = [
    weighted_case(
        "province-guangdong-2024-male-60-no-deemed-years", "粤人社发〔2024〕34号", "9307",
        "male", "1964-03", "2024-03", 301, "1.2468", "132560.00",
        "Invented person (not a real sheet): man 60y0m, started work 1999-02 (after the account start), 301 months, "
        "no deemed years and nothing before 1998-07: W = 0, new = 0, old = 0 + 4 × 25 = 100, so the line is the "
        "years allowance plus the 100 加发.",
        deemed=0, locality=None, pre_window=0, window=("sum", "0"), notional="0"),
    given_case(
        "province-guangdong-2025-shenzhen-female50-50y4m", "深圳", "深圳市人社局 2025-11-17 问答; rules/cn/guangdong/shenzhen/award.toml", "440300", "11293",
        "female_50", "1975-07", "2025-11", 248, "0.7", "58800.00",
        "Invented person: woman born 1975-07, statutory 50y4m under the 2025 reform (divisor 195 − 5×4/12 = 193.33 → 193.3), retiring in 深圳 (region 440300 selects the Shenzhen layer and its base 11293). Shenzhen local items (地方补助, 调节金 …) are not encoded; this person has no local supplementary years, and the 2025 调节金 is 0 per the third-party schedule."),
    weighted_case(
        "province-guangdong-2021-male-60-guangzhou-phase-in-30", "2021 notice; rule confidence L", "8332",
        "male", "1961-03", "2021-03", 344, "1.0520", "98650.00",
        "Invented person: man born 1961-03, 132 deemed months, 18 actual months 1992-07…1993-12, 54 months "
        "1994-01…1998-06 whose monthly indices sum to 58.3120, in 广州 at the end of 1993; 视同账户额 28560.00.",
        deemed=132, locality="guangzhou", pre_window=18, window=("sum", "58.3120"), notional="28560.00"),
    weighted_case(
        "province-guangdong-2022-female50-foshan-phase-in-50-window-average", "粤人社发〔2022〕33号", "8682",
        "female_50", "1972-05", "2022-05", 300, "0.9150", "61200.00",
        "Invented person: woman (worker) born 1972-05, 48 deemed months, no actual months before 1994, 54 months "
        "1994-01…1998-06 entered as their count and average index 0.8830 (Σ = 47.6820), in 佛山 at the end of 1993; "
        "视同账户额 9200.00.",
        deemed=48, locality="foshan", pre_window=0, window=("avg", 54, "0.8830"), notional="9200.00"),
    weighted_case(
        "province-guangdong-2023-male-60-provincial-organs-phase-in-70", "广东省人社厅 2023 notice", "9028",
        "male", "1963-07", "2023-07", 372, "1.3100", "145300.00",
        "Invented person: man born 1963-07, 96 deemed months, 12 actual months in 1993, Σ of the 1994-01…1998-06 "
        "indices 49.1250, 省直 at the end of 1993; 视同账户额 31000.00.",
        deemed=96, locality="provincial_organs", pre_window=12, window=("sum", "49.1250"), notional="31000.00"),
    weighted_case(
        "province-guangdong-2024-female55-meizhou-old-method-floor", "粤人社发〔2024〕34号", "9307",
        "female_55", "1969-01", "2024-01", 300, "0.6200", "52800.00",
        "Invented person: woman (cadre) born 1969-01, 60 deemed months, Σ of the 1994-01…1998-06 indices 40.5000, "
        "梅州 at the end of 1993, a large 视同账户额 90000.00: the new method is below the old, so the old method "
        "is paid (the gain is floored at 0).",
        deemed=60, locality="meizhou", pre_window=0, window=("sum", "40.5000"), notional="90000.00"),
    weighted_case(
        "province-guangdong-2025-male-60y2m-huizhou-phase-in-100", "粤人社发〔2025〕32号", "9493",
        "male", "1965-06", "2025-08", 372, "0.8811", "101230.00",
        "Invented person: man born 1965-06, statutory 60y2m (divisor 139 − 7×2/12 = 137.83 → 137.8), 84 deemed "
        "months, 6 actual months in 1993, Σ of the 1994-01…1998-06 indices 45.9000, 惠州市区 at the end of 1993; "
        "视同账户额 21000.00 (2025: 100 % of the gain).",
        deemed=84, locality="huizhou_urban", pre_window=6, window=("sum", "45.9000"), notional="21000.00"),
    weighted_case(
        "province-guangdong-2026-male-60y4m-zhanjiang-new-method", "input: no 2026 base in the rules", "9700",
        "male", "1966-01", "2026-05", 396, "1.0050", "125400.00",
        "Invented person: man born 1966-01, statutory 60y4m (divisor 139 − 7×4/12 = 136.67 → 136.7), 120 deemed "
        "months, 24 actual months 1992-01…1993-12, Σ of the 1994-01…1998-06 indices 50.2000, 湛江 at the end of "
        "1993; retiring 2026: the new method alone (no 视同账户额 needed). The rules hold no 2026 base: the input "
        "gives an invented C = 9700.",
        deemed=120, locality="zhanjiang", pre_window=24, window=("sum", "50.2000"), c_given=True),
]
cases.append(given_case(
    "province-guangdong-2023-shenzhen-female55-adjustment-fund", "深圳", "深圳市人社局 2023 base (number not found); rules/cn/guangdong/shenzhen/award.toml", "440300", "10795",
    "female_55", "1968-03", "2023-03", 300, "1.1000", "88000.00",
    "Invented person: woman (cadre) born 1968-03 retiring 2023-03 at 55 in 深圳 (divisor 170), 60 deemed months; "
    "the Shenzhen transitional pension is an invented agency figure 612.40 given in the input (Shenzhen keeps "
    "award.transitional_method = given); the 2023 调节金 150 is added as a local extra.",
    deemed=60, given="612.40", fund="150"))
write("guangdong", cases)
