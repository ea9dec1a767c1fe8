#!/usr/bin/env python3
"""Derive tests/vectors/province-henan.json (Python decimal; see province_common.py).

Henan (rules/cn/henan, layer cn/henan/zhengzhou): basic = (C_全省 + C_退休地 × Ī)/2 × N × 1 %
(郑州: award.flat_part_base = the province base, C = the 郑州 base; elsewhere both = province);
transitional = C_退休地 × α_t × 视同年限 × 1.3 % with the separate transitional index α_t.
The 郑州过渡性补贴 (郑州市政府令第161号) is an `unknown` extra of the 郑州 layer for retirees with
deemed months (its parameter table was not found): the 郑州 case with deemed months expects the
typed error rule_missing_year; the positive 郑州 case has no deemed months.
Run: python3 tests/vectors/derive/province_henan.py
"""
from province_common import award, bases, write

PROV = bases("henan")
PROV_P = bases("henan", provisional=True)
ZZ = bases("henan/zhengzhou")
SRC = ("derived: 国发〔2005〕38号 第六条 and 附件 计发月数表; 豫政〔2006〕29号 + 豫劳社养老〔2006〕26号 (as quoted): "
       "基础养老金 = (全省计发基数 + 退休地计发基数 × Ī)/2 × N × 1 %, 过渡性养老金 = 退休地计发基数 × 过渡性指数 × 视同年限 × 1.3 %; {bases}")
P = dict(k="0.013", years_rule="deemed_only", t_rule="separate")

persons = [
    ("province-henan-2024-male-province", PROV[2024], None, "province base 2024 = 6606 (rules/cn/henan)",
     "中人 outside 郑州 (no region: province layer): 视同 60 months, paid 420 months; transitional index 0.8.",
     dict(category="male", birth="1964-04", retirement_month="2024-04", contribution_months=420,
          deemed_months=60, average_index="0.85", transitional_index="0.8", account_balance="86000")),
    ("province-henan-2024-zhengzhou-two-bases", ZZ[2024], PROV[2024],
     "郑州 base 2024 = 7925 and province base 6606 (rules/cn/henan/zhengzhou)",
     "郑州 retiree (region 410100) without deemed years (so no 过渡性补贴 and no transitional pension): flat half on the province base 6606, indexed half on the 郑州 base 7925; paid 324 months.",
     dict(category="female_50", birth="1974-06", retirement_month="2024-06", contribution_months=324,
          deemed_months=0, average_index="1.3", account_balance="70000",
          region="410100")),
    ("province-henan-2026-provisional-60y4m", PROV_P[2026], None,
     "2026 预发 on the 2025 province base 6738 (rules/cn/henan, provisional)",
     "Statutory 60y4m (birth 1966-01, 2025 reform), divisor 136.7; no final 2026 base yet, so the provisional 6738 applies; 视同 12 months.",
     dict(category="male", birth="1966-01", retirement_month="2026-05", contribution_months=432,
          deemed_months=12, average_index="0.75", transitional_index="1.0", account_balance="95000")),
]
cases = []
for cid, c, flat, bdesc, story, inp in persons:
    fig, how = award(C=c, flat=flat, idx=inp["average_index"], cm=inp["contribution_months"],
                     dm=inp["deemed_months"], t_idx=inp.get("transitional_index"), balance=inp["account_balance"],
                     birth=inp["birth"], retire=inp["retirement_month"], **P)
    cases.append({"id": cid, "kind": "award", "ruleset": "cn/henan", "source": SRC.format(bases=bdesc),
                  "note": f"{story} Computed by tests/vectors/derive/province_henan.py (Python decimal): {how}.",
                  "input": inp, "expect": fig})
cases.append({"id": "province-henan-2024-zhengzhou-transitional-subsidy-unknown", "kind": "award", "ruleset": "cn/henan",
              "source": "derived: 郑州市政府令第161号 / 郑劳社〔2007〕36号 附表二 (as cited): 郑州过渡性补贴 for retirees with 视同 years — "
                        "parameter table not found (rules/cn/henan/zhengzhou award.extras.transitional_subsidy, kind unknown)",
              "note": "郑州 retiree (region 410100) with 48 deemed months: the 过渡性补贴 applies but its amount cannot be derived "
                      "without the 附表二 table, so the award is refused with rule_missing_year naming the extra — never a zero or a guess.",
              "input": dict(category="female_50", birth="1974-06", retirement_month="2024-06", contribution_months=276,
                            deemed_months=48, average_index="1.3", transitional_index="1.2", account_balance="70000",
                            region="410100"),
              "expect": {"error": "rule_missing_year"}})
write("henan", cases, indent=2)
