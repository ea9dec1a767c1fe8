#!/usr/bin/env python3
"""Derive tests/vectors/province-guangdong.json by hand (Decimal only).

Guangdong rules (rules/cn/guangdong/**.toml): only the national formula is encoded
  basic   = C × (1 + Ī)/2 × N × 1 %, N exact; account = B / M; half-up to 0.01.
The Guangdong transitional pension (粤府函〔2021〕294号) is NOT encoded, so the persons below
started work after the account start (1998-07): no deemed or pre-account years, and the
missing rule cannot change their figures. Bases: 全省 2024 9307; 深圳 2025 11293.

Run: python3 tests/vectors/derive/province_guangdong.py
"""
from province_common import D, expect, standard, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 广东 {who} 计发基数 {y} = {c} ({doc}); "
       "no transitional pension (work began after the 1998-07 account start, 粤府〔1998〕21号)")


def case(cid, who, doc, region, c, category, birth, retire, actual, idx, balance, what):
    y = int(retire[:4])
    fig, lines = standard(D(c), idx, actual, 0, 0, balance, birth, retire, None)
    inp = {"category": category, "birth": birth, "retirement_month": retire}
    if region:
        inp["region"] = region
    inp.update({"contribution_months": actual, "deemed_months": 0, "average_index": idx,
                "account_balance": balance})
    e = expect(fig, with_extras=False)
    e["transitional_pension"] = "0"
    return {"id": cid, "kind": "award", "ruleset": "cn/guangdong",
            "source": SRC.format(who=who, y=y, c=c, doc=doc),
            "note": what + " Computed by hand with tests/vectors/derive/province_guangdong.py (Decimal): " + "; ".join(lines[:3]) + f"; total = {fig['total']}.",
            "input": inp, "expect": e}


cases = [
    case("province-guangdong-2024-male-60-province-base", "全省", "粤人社发〔2024〕34号", None, "9307",
         "male", "1964-03", "2024-03", 301, "1.2468", "132560.00",
         "Invented person (not a real sheet): man 60y0m, started work 1999-02 (after the account start), 301 months, province-wide base."),
    case("province-guangdong-2025-shenzhen-female50-50y4m", "深圳", "深圳市人社局 2025-11-17 问答; rules/cn/guangdong/shenzhen/award.toml", "440300", "11293",
         "female_50", "1975-07", "2025-11", 248, "0.7", "58800.00",
         "Invented person: woman born 1975-07, statutory 50y4m under the 2025 reform (divisor 195 − 5×4/12 = 193.33 → 193.3), retiring in 深圳 (region 440300 selects the Shenzhen layer and its base 11293). Shenzhen local items (地方补助, 调节金 …) are not encoded; this person has no local supplementary years, and the 2025 调节金 is 0 per the third-party schedule."),
]
write("guangdong", cases)
