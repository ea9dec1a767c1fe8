#!/usr/bin/env python3
"""Derive tests/vectors/province-hubei.json by hand (Decimal only).

Hubei rules (rules/cn/hubei/**.toml):
  C            = the 计发基数 of the city of retirement (省直/武汉 in cn/hubei; 16 city layers)
  basic        = C × (1 + Ī)/2 × N × 1 %, N exact
  transitional = C × Ī × S × 1.2 %, S = deemed months/12 exact (鄂政发〔2006〕42号 as reported)
  components half-up to 0.01; total = sum of the rounded components.

Run: python3 tests/vectors/derive/province_hubei.py
"""
from province_common import D, expect, standard, write

SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 鄂政发〔2006〕42号 / 鄂劳社文〔2006〕169号 as reported "
       "(过渡性养老金 = C_退休地 × Ī × 视同缴费年限 × 1.2%); 湖北 {who} 计发基数 {y} = {c} ({file})")


def case(cid, who, file, region, c, category, birth, retire, actual, deemed, idx, balance, what):
    y = int(retire[:4])
    fig, lines = standard(D(c), idx, actual, deemed, 0, balance, birth, retire, D("0.012"))
    inp = {"category": category, "birth": birth, "retirement_month": retire}
    if region:
        inp["region"] = region
    inp.update({"contribution_months": actual, "deemed_months": deemed, "average_index": idx,
                "account_balance": balance})
    return {"id": cid, "kind": "award", "ruleset": "cn/hubei",
            "source": SRC.format(who=who, y=y, c=c, file=file),
            "note": what + " Computed by hand with tests/vectors/derive/province_hubei.py (Decimal): " + "; ".join(lines) + ".",
            "input": inp, "expect": expect(fig, with_extras=False)}


cases = [
    case("province-hubei-2023-male-60-shengzhi", "省直/武汉", "rules/cn/hubei/award.toml", None, "8880",
         "male", "1963-06", "2023-06", 338, 124, "1.08", "97340.00",
         "Invented person (not a real sheet): man 60y0m retiring under the 省直 base (no region: province layer), 124 deemed months."),
    case("province-hubei-2025-yichang-male-60y3m", "宜昌市", "rules/cn/hubei/yichang/award.toml", "420500", "7424",
         "male", "1965-09", "2025-12", 402, 40, "0.76", "70120.00",
         "Invented person: man born 1965-09, statutory 60y3m under the 2025 reform (divisor 139 − 7×3/12 = 137.25 → 137.3), retiring in 宜昌 (region 420500 selects the city layer: tier-2 base 7424, not the 省直 9112)."),
]
cases.append({
    "id": "province-hubei-2023-jingzhou-no-city-base",
    "kind": "award", "ruleset": "cn/hubei",
    "source": "derived: rules/cn/hubei/jingzhou/award.toml (荆州市 计发基数 only for 2024–2025, mode = replace)",
    "note": "Invented person retiring in 荆州 (region 421000) in 2023: the city layer has no 2023 base and replaces the 省直 series, so the engine must refuse with rule_missing_year instead of using the 武汉 value 8880.",
    "input": {"category": "male", "birth": "1963-04", "retirement_month": "2023-04", "region": "421000",
              "contribution_months": 300, "deemed_months": 60, "average_index": "0.9",
              "account_balance": "60000.00"},
    "expect": {"error": "rule_missing_year"},
})
write("hubei", cases)
