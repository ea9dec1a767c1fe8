#!/usr/bin/env python3
"""Derive tests/vectors/province-guangdong.json by hand (Decimal only).

Guangdong rules (rules/cn/guangdong/**.toml): only the national formula is encoded
  basic   = C × (1 + Ī)/2 × N × 1 %, N exact; account = B / M; half-up to 0.01.
The Guangdong transitional pension (粤府函〔2021〕294号) cannot be expressed: the rule set says
award.transitional_method = given, so every award input carries transitional_pension (0 for a
person who started work after the 1998-07 account start; an agency figure otherwise — the one
below is invented) and the total adds it. Bases: 全省 2024 9307, 2025 9493; 深圳 2025 11293.

Run: python3 tests/vectors/derive/province_guangdong.py
"""
from province_common import D, expect, standard, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 广东 {who} 计发基数 {y} = {c} ({doc}); "
       "过渡性养老金 given in the input (粤府函〔2021〕294号 not expressible; award.transitional_method = given)")


def case(cid, who, doc, region, c, category, birth, retire, actual, idx, balance, what,
         deemed=0, given="0"):
    y = int(retire[:4])
    fig, lines = standard(D(c), idx, actual, deemed, 0, balance, birth, retire, None)
    fig["transitional_pension"] = D(given)
    fig["total"] += D(given)
    inp = {"category": category, "birth": birth, "retirement_month": retire}
    if region:
        inp["region"] = region
    inp.update({"contribution_months": actual, "deemed_months": deemed, "average_index": idx,
                "account_balance": balance, "transitional_pension": given})
    e = expect(fig, with_extras=False)
    return {"id": cid, "kind": "award", "ruleset": "cn/guangdong",
            "source": SRC.format(who=who, y=y, c=c, doc=doc),
            "note": what + " Computed by hand with tests/vectors/derive/province_guangdong.py (Decimal): " + "; ".join(lines[:3]) + f"; transitional = {given} (given in the input); total = sum = {fig['total']}.",
            "input": inp, "expect": e}


cases = [
    case("province-guangdong-2024-male-60-province-base", "全省", "粤人社发〔2024〕34号", None, "9307",
         "male", "1964-03", "2024-03", 301, "1.2468", "132560.00",
         "Invented person (not a real sheet): man 60y0m, started work 1999-02 (after the account start), 301 months, province-wide base."),
    case("province-guangdong-2025-shenzhen-female50-50y4m", "深圳", "深圳市人社局 2025-11-17 问答; rules/cn/guangdong/shenzhen/award.toml", "440300", "11293",
         "female_50", "1975-07", "2025-11", 248, "0.7", "58800.00",
         "Invented person: woman born 1975-07, statutory 50y4m under the 2025 reform (divisor 195 − 5×4/12 = 193.33 → 193.3), retiring in 深圳 (region 440300 selects the Shenzhen layer and its base 11293). Shenzhen local items (地方补助, 调节金 …) are not encoded; this person has no local supplementary years, and the 2025 调节金 is 0 per the third-party schedule."),
]
cases.append(case(
    "province-guangdong-2025-male-60y2m-given-transitional", "全省", "粤人社发〔2025〕32号", None, "9493",
    "male", "1965-06", "2025-08", 372, "0.8811", "101230.00",
    "Invented person: man born 1965-06, statutory 60y2m (divisor 139 − 7×2/12 = 137.83 → 137.8), 84 deemed months before 1993; "
    "his transitional pension under 粤府函〔2021〕294号 (2025: 100 % of the new-method gain) is an invented agency figure 1036.40 given in the input, "
    "because the weighted-years formula with the locality 视同指数 table is not in the rule set.",
    deemed=84, given="1036.40"))
write("guangdong", cases)
