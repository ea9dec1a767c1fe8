#!/usr/bin/env python3
"""Derive tests/vectors/transfer.json independently of the Rust engine.

Python `decimal` only (no floats), ROUND_HALF_UP. Rules (国办发〔2009〕66号, docs/sources.md §6):
  国办发〔2009〕66号 第三条 the relation follows the person; 第五条 men ≥ 50 / women ≥ 40
    moving to a non-户籍 province keep the relation and open a temporary account
    (exempt: back to the 户籍 province, approved moves); its money goes to the
    relation place at the next move, or to the benefit place at retirement;
  第四条 money: account = the ledger balance (劳办发〔1997〕116号 annual formula
    B·r + A·r·1.083/2 for full years; a move or retirement in month m closes the
    year with the 月积数 over months 1..m-1: B·r·(m-1)/12 + Σ a_n·r·(m-n)/12;
    interest rounded to 0.01 each year; credits = round(base × 8 %)); pooled =
    12 % × Σ monthly bases from 1998-01 of every month in the record moved
    (the record moves whole), rounded once, no interest; a temporary account
    at the employer's actual rate where above 12 % (flexible months at 12 %);
  第六条 benefit place: (一) relation in the 户籍 province; (二) ≥ 120 months in the
    relation place; (三) the last earlier relation place with ≥ 120 months;
    (四) the 户籍 province. Months = paid + deemed, counted where earned;
    temporary-account months do not count for (二)/(三).
  Award at the benefit place (Shaanxi): Ī = Σ (base / X[y-1]) / months (monthly,
    base-setting-year denominators from rules/cn/shaanxi/award.toml, deemed
    excluded, cap 3.0, 4 places); basic = C(1+Ī)/2 × N × 1 %; account = B / M;
    transitional = C × Ī × deemed/12 × 1.4 %.
National account interest rates 2016–2024 (人社部发〔2017〕31号 and the yearly notices).

Run: python3 tests/vectors/derive/transfer.py > tests/vectors/transfer.json
"""
import json
import pathlib
import sys
import tomllib
from decimal import ROUND_HALF_UP, Decimal as D, getcontext

getcontext().prec = 40
ROOT = pathlib.Path(__file__).resolve().parents[3]
AW = tomllib.loads((ROOT / "rules/cn/shaanxi/award.toml").read_text())
WAGES = {e["year"]: D(e["value"]) for e in AW["award"]["average_wage"]["values"]}
BASE = {2023: D(7489), 2024: D(7727), 2025: D(7881)}
RATES = {2016: "0.0831", 2017: "0.0712", 2018: "0.0829", 2019: "0.0761", 2020: "0.0604",
         2021: "0.0669", 2022: "0.0612", 2023: "0.0397", 2024: "0.0262"}
RATES = {y: D(r) for y, r in RATES.items()}
SHARE = D("0.12")
FROM98 = 1998 * 12


def q(x, places="0.01"):
    return x.quantize(D(places), rounding=ROUND_HALF_UP)


def ym(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def fmt(i):
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def province(code):
    return code[:2] + "0000"


def credit_rate(y):
    return D("0.11") if y < 2006 else D("0.08")


def ledger(events, close, rates=RATES):
    """events: [(month, amount)] credits and transfers in; close: month (partial year)."""
    if not events:
        return D(0)
    first = min(m for m, _ in events)
    bal = D(0)
    for y in range(first // 12, close // 12 + 1):
        year = [(m, a) for m, a in events if m // 12 == y]
        # No rate is needed for an empty year, or for a close in January
        # (no month earns interest).
        r = rates[y] if (bal or year) and not (y == close // 12 and close % 12 == 0) else D(0)
        if y < close // 12:
            a = sum((x for _, x in year), D(0))
            interest = q(bal * r + a * r * D("1.083") / 2)
            bal = bal + a + interest
        else:
            k = close % 12  # months 1..k earn interest (k = m - 1)
            interest = bal * r * k / 12
            for m, x in year:
                n = m % 12 + 1
                if n <= k:
                    interest += x * r * (k + 1 - n) / 12
            bal = bal + sum((x for _, x in year), D(0)) + q(interest)
    return bal


def paid_months(spans):
    out = []
    for s in spans:
        if s.get("kind", "paid") == "paid":
            for m in range(ym(s["from"]), ym(s["to"]) + 1):
                out.append((m, D(s["base"]), province(s["region"]), s.get("employment") == "flexible"))
    return sorted(out)


def plan(inp):
    """Stays, relation/temporary, moves, benefit place, money (accounts where computable)."""
    birth = ym(inp["birth"])
    hukou = province(inp["hukou_region"])
    female = inp["category"] != "male"
    threshold = 40 * 12 if female else 50 * 12
    approved = {ym(m) for m in inp.get("approved_moves", [])}
    spans = sorted([s for s in inp["history"] if s.get("kind", "paid") != "gap"], key=lambda s: ym(s["from"]))
    stays = []
    for s in spans:
        p = province(s["region"])
        n = ym(s["to"]) - ym(s["from"]) + 1
        if stays and stays[-1]["region"] == p:
            st = stays[-1]
            st["to"] = max(st["to"], ym(s["to"]))
        else:
            st = {"region": p, "from": ym(s["from"]), "to": ym(s["to"]), "paid": 0, "deemed": 0}
            stays.append(st)
        st["deemed" if s.get("kind") == "deemed" else "paid"] += n
    relation = stays[0]["region"]
    stays[0]["temp"] = False
    specs = []
    for i, st in enumerate(stays[1:], 1):
        prev = stays[i - 1]
        if prev["temp"]:
            specs.append(("temporary", prev["region"], relation, st["from"], i - 1))
        age = st["from"] - birth
        in_force = st["from"] >= 2010 * 12
        temp = (st["region"] != relation and in_force and age >= threshold
                and st["region"] != hukou and st["from"] not in approved)
        st["temp"] = temp
        if not temp and st["region"] != relation:
            specs.append(("relation", relation, st["region"], st["from"], None))
            relation = st["region"]
    months_by = {}
    for st in stays:
        if not st["temp"]:
            months_by[st["region"]] = months_by.get(st["region"], 0) + st["paid"] + st["deemed"]
    if relation == hukou:
        receipt, rule = hukou, "hukou"
    elif months_by.get(relation, 0) >= 120:
        receipt, rule = relation, "current_place"
    else:
        prev = [st["region"] for st in reversed(stays)
                if not st["temp"] and st["region"] != relation and months_by[st["region"]] >= 120]
        receipt, rule = (prev[0], "previous_place") if prev else (hukou, "gathered_to_hukou")
    ret = ym(inp["retirement_month"])
    if stays[-1]["temp"]:
        specs.append(("temporary", stays[-1]["region"], receipt, ret, len(stays) - 1))
    if receipt != relation:
        specs.append(("to_benefit_place", relation, receipt, ret, None))

    pm = paid_months(inp["history"])
    stay_of = lambda m: next(i for i, st in enumerate(stays) if st["from"] <= m <= st["to"])
    given = {(province(k["from"]), province(k["to"])): D(k["account"]) for k in inp.get("account_transfers", [])}
    rates = {**RATES, **{int(y): D(r) for y, r in inp.get("rates", {}).items()}}
    emp = {province(k): D(v) for k, v in inp.get("employer_rates", {}).items()}
    moves, seg, carried, at_end, final_rel = [], [], D(0), [], None
    for kind, frm, to, month, si in specs:
        if kind == "temporary":
            ms = [(m, b, f) for m, b, p, f in pm if stay_of(m) == si]
            ev = [(m, q(b * credit_rate(m // 12))) for m, b, f in ms]
            acct = given.get((frm, to))
            if acct is None:
                try:
                    acct = ledger(ev, month, rates)
                except KeyError:
                    acct = None
            pooled = q(sum((b * (SHARE if f else max(emp[frm], SHARE)) for m, b, f in ms if m >= FROM98), D(0)))
            if month == ret and to == receipt:
                at_end.append(acct)
            else:
                seg.append((month, acct))
                carried += pooled
        else:
            rel = [(m, b) for m, b, p, f in pm if not stays[stay_of(m)]["temp"]
                   and (kind == "to_benefit_place" or m < month)]
            acct = given.get((frm, to))
            if acct is None:
                try:
                    start = seg[0][0] if seg else 0
                    if any(a is None for _, a in seg) or any(m < FROM98 for m, _ in rel if m >= start):
                        raise KeyError
                    ev = [(m, q(b * credit_rate(m // 12))) for m, b in rel if m >= start] + seg
                    acct = ledger(ev, month, rates)
                except KeyError:
                    acct = None
            pooled = q(SHARE * sum((b for m, b in rel if m >= FROM98), D(0))) + carried
            seg = [(month, acct)]
            if kind == "to_benefit_place":
                final_rel = acct
        moves.append({"from": frm, "to": to, "month": fmt(month), "kind": kind,
                      "account": None if acct is None else str(acct), "pooled": str(pooled)})
    if final_rel is None and receipt == relation:
        rel = [(m, b) for m, b, p, f in pm if not stays[stay_of(m)]["temp"]]
        try:
            start = seg[0][0] if seg else 0
            if any(a is None for _, a in seg) or any(m < FROM98 for m, _ in rel if m >= start):
                raise KeyError
            ev = [(m, q(b * credit_rate(m // 12))) for m, b in rel if m >= start] + seg
            final_rel = ledger(ev, ret, rates)
        except KeyError:
            final_rel = None
    total = final_rel
    for a in at_end:
        total = None if (total is None or a is None) else total + a
    temps = [st["region"] for st in stays if st["temp"]]
    return {"benefit_region": receipt, "receipt_rule": rule, "moves": moves,
            "temporary_account_regions": temps,
            "account_at_retirement": None if total is None else str(total),
            "total_months": sum(st["paid"] + st["deemed"] for st in stays)}


def shaanxi_award(inp, balance):
    ret = ym(inp["retirement_month"])
    birth = ym(inp["birth"])
    ratios, n_paid, n_deemed = D(0), 0, 0
    for s in inp["history"]:
        n = ym(s["to"]) - ym(s["from"]) + 1
        if s.get("kind") == "deemed":
            n_deemed += n
            continue
        n_paid += n
        for m in range(ym(s["from"]), ym(s["to"]) + 1):
            ratios += D(s["base"]) / WAGES[m // 12 - 1]
    idx = q(min(ratios / n_paid, D("3.0")), "0.0001")
    c = BASE[ret // 12]
    months = n_paid + n_deemed
    basic = q(c * (1 + idx) / 2 * months / 12 * D("0.01"))
    age = (ret - birth) // 12
    div = {60: D(139), 55: D(170), 50: D(195)}[age]
    account = q(balance / div)
    trans = q(c * idx * n_deemed / 12 * D("0.014"))
    return {"average_index": str(idx), "basic_pension": str(basic), "account_pension": str(account),
            "transitional_pension": str(trans), "total": str(basic + account + trans)}


def span(a, b, base, region, **kw):
    s = {"from": a, "to": b, "base": base, "region": region}
    s.update(kw)
    return s


SRC66 = "国办发〔2009〕66号 第四条, 第五条, 第六条 (docs/sources.md §6.2–6.5)"
CASES = []


def case(id_, note, source, inp, keys, ruleset="cn/national", award=None, extra=None, drop_account=()):
    got = plan(inp)
    exp = {k: got[k] for k in keys}
    if "moves" in keys:
        exp["moves"] = [
            {k: v for k, v in mv.items() if not (k == "account" and (v is None or i in drop_account))}
            for i, mv in enumerate(got["moves"])
        ]
    if award is not None:
        exp["award"] = award
    if extra:
        exp.update(extra)
    CASES.append({"id": id_, "kind": "transfer", "ruleset": ruleset, "source": source, "note": note,
                  "input": inp, "expect": exp})
    return got


# T14: 24 months at 6000 from 2020 → pooled 17,280.00.
case("transfer-t14-guangdong-to-shaanxi-hukou",
     "T14 of docs/sources.md §9.1: 24 months at 6000 in Shenzhen (440300), then home to Xi'an. Rule (一): the relation is in the 户籍 province. Account = 2020–2021 credits of 480/month with the national 2020 and 2021 rates (6.04 %, 6.69 %), closed in 2022-01 (no interest for January).",
     "docs/sources.md §6.2 T14 (synthetic, rule-derived); " + SRC66,
     {"hukou_region": "610000", "birth": "1980-05", "category": "male", "retirement_month": "2040-05",
      "history": [span("2020-01", "2021-12", "6000", "440300"), span("2022-01", "2040-04", "6000", "610100")]},
     ["benefit_region", "receipt_rule", "moves", "temporary_account_regions"])

case("transfer-rule2-current-place",
     "Rule (二): 户籍 Shaanxi, relation moved to Guangdong at 36 (below 50) and 156 months there ≥ 120: the pension is paid in Guangdong. The SX account before 2016 needs provincial rates (not given), so only the pooled part is expected. Guangdong has no rule set: the award reports rule_missing_year naming 440000.",
     SRC66,
     {"hukou_region": "610000", "birth": "1975-03", "category": "male", "retirement_month": "2035-03",
      "history": [span("2005-01", "2011-12", "3000", "610100"), span("2012-01", "2024-12", "8000", "440100")]},
     ["benefit_region", "receipt_rule", "moves"], extra={"award_error": "rule_missing_year"})

inp3 = {"hukou_region": "410000", "birth": "1963-01", "category": "male", "retirement_month": "2023-01",
        "history": [span("2000-01", "2011-12", "2000", "610100"), span("2012-01", "2020-12", "5000", "440300")],
        "account_balance": "80000"}
case("transfer-rule3-previous-place",
     "Rule (三): 户籍 Henan; 144 months in Shaanxi, then the relation followed to Guangdong at 49 (108 months < 120): back to the last place with ≥ 120 months, Shaanxi. The relation moves again at retirement carrying 12 % of every base since 1998 (the record moves whole). The award at Shaanxi recomputes every year's index — the Guangdong years too — with Shaanxi's average wages (X of the previous year); account balance given.",
     SRC66 + "; award 国发〔2005〕38号 第六条 with the Shaanxi rule set (docs/sources.md §10)",
     inp3, ["benefit_region", "receipt_rule", "moves"], award=shaanxi_award(inp3, D("80000")))

case("transfer-rule4-gathered-to-hukou",
     "Rule (四): 户籍 Henan; 96 months in Shaanxi and 96 in Guangdong: no place reaches 120, so the relation and its money are gathered to Henan (410000) at retirement.",
     SRC66,
     {"hukou_region": "410000", "birth": "1970-06", "category": "male", "retirement_month": "2030-06",
      "history": [span("2005-01", "2012-12", "3000", "610100"), span("2013-01", "2020-12", "6000", "440100")]},
     ["benefit_region", "receipt_rule", "moves", "temporary_account_regions"])

case("transfer-temporary-account-back-home",
     "第五条: a man of 55 moving to Guangdong (not his 户籍 province) keeps the relation in Shaanxi; Guangdong keeps a temporary account, whose money goes to Shaanxi when he comes back (2020-01): account = 2016–2019 credits of 560/month at the national rates; pooled at Guangdong's employer rate 14 % (given; docs/sources.md §4.1: 广东 ≈ 14 %) since it is above 12 %.",
     SRC66 + "; 人社部发〔2009〕187号 (temporary-account pooled part at the actual rate above 12 %, docs/sources.md §6.2 [M])",
     {"hukou_region": "610000", "birth": "1960-06", "category": "male", "retirement_month": "2020-06",
      "history": [span("2010-01", "2015-12", "4000", "610100"), span("2016-01", "2019-12", "7000", "440300"),
                  span("2020-01", "2020-05", "4000", "610100")],
      "employer_rates": {"440000": "0.14"}},
     ["benefit_region", "receipt_rule", "moves", "temporary_account_regions"])

case("transfer-temporary-account-flexible-months",
     "As the previous case, but the last two Guangdong years are flexible employment (灵活就业): their pooled part moves at 12 % regardless of the rate paid (人社部发〔2009〕187号 [M]).",
     SRC66 + "; 人社部发〔2009〕187号",
     {"hukou_region": "610000", "birth": "1960-06", "category": "male", "retirement_month": "2020-06",
      "history": [span("2010-01", "2015-12", "4000", "610100"), span("2016-01", "2017-12", "7000", "440300"),
                  span("2018-01", "2019-12", "7000", "440300", employment="flexible"),
                  span("2020-01", "2020-05", "4000", "610100")],
      "employer_rates": {"440000": "0.14"}},
     ["moves", "temporary_account_regions"])

case("transfer-temporary-account-rate-below-share",
     "Temporary account with an employer rate of 10 % (synthetic): below 12 %, so the pooled part moves at 12 % (人社部发〔2009〕187号 [M]).",
     SRC66 + "; 人社部发〔2009〕187号",
     {"hukou_region": "610000", "birth": "1960-06", "category": "male", "retirement_month": "2020-06",
      "history": [span("2010-01", "2015-12", "4000", "610100"), span("2016-01", "2019-12", "7000", "440300"),
                  span("2020-01", "2020-05", "4000", "610100")],
      "employer_rates": {"440000": "0.10"}},
     ["moves"])

case("transfer-temporary-account-at-retirement-woman",
     "A woman (female_55) of 47 moving from Shaanxi to Zhejiang (≥ 40, not her 户籍 province): temporary account in Zhejiang until she retires there in 2023-03; its money goes to the benefit place, Shaanxi (rule (一)), in the retirement month: account = 2016-01…2023-02 credits of 480/month, 2023 closed at March (January and February credits earn 2/12 and 1/12 of 3.97 %); pooled at Zhejiang's 14 % (given).",
     SRC66,
     {"hukou_region": "610000", "birth": "1968-03", "category": "female_55", "retirement_month": "2023-03",
      "history": [span("2000-01", "2015-12", "3000", "610100"), span("2016-01", "2023-02", "6000", "330100")],
      "employer_rates": {"330000": "0.14"}},
     ["benefit_region", "receipt_rule", "moves", "temporary_account_regions"])

case("transfer-temporary-years-do-not-count",
     "Temporary-account years do not make a place the benefit place (the relation never was there; docs/sources.md §6.5 [L]): 108 months with the relation in Shaanxi, then 132 months in a Guangdong temporary account from the age of 51; 户籍 Henan. No relation place reaches 120 months → rule (四), Henan; both the temporary account and the relation go there at retirement.",
     SRC66,
     {"hukou_region": "410000", "birth": "1959-01", "category": "male", "retirement_month": "2021-01",
      "history": [span("2001-01", "2009-12", "2500", "610100"), span("2010-01", "2020-12", "6000", "440300")],
      "employer_rates": {"440000": "0.14"}},
     ["benefit_region", "receipt_rule", "moves", "temporary_account_regions"])

case("transfer-pre-1998-years",
     "Years before 1998 move no pooled money (第四条 (二)): 1993–1999 in Shaanxi at 800, so only the 24 months of 1998–1999 count: 12 % × 800 × 24. The account moved is given as on the 参保缴费凭证 (before 1998 personal contributions only). The move is before 2010: computed under the 2010 rules, with a note.",
     SRC66,
     {"hukou_region": "440000", "birth": "1968-01", "category": "male", "retirement_month": "2028-11",
      "history": [span("1993-01", "1999-12", "800", "610100"), span("2000-01", "2010-12", "3000", "440100")],
      "account_transfers": [{"from": "610000", "to": "440000", "account": "5000.00"}]},
     ["benefit_region", "receipt_rule", "moves"])

case("transfer-deemed-years-counted-where-earned",
     "Deemed years count where they were earned (人社部规〔2016〕5号 一; 人社厅函〔2017〕151号): 96 deemed + 30 paid months in Shaanxi = 126 ≥ 120, while Guangdong (108) and Zhejiang (108) stay below; the relation is in Zhejiang at the end, so rule (三) sends it back to Shaanxi. The moves before 2010 are computed under the 2010 rules (note); the 1996 move carries no pooled money (before 1998).",
     SRC66 + "; 人社部规〔2016〕5号 一",
     {"hukou_region": "410000", "birth": "1966-01", "category": "male", "retirement_month": "2026-03",
      "history": [{"from": "1986-01", "to": "1993-12", "kind": "deemed", "region": "610100"},
                  span("1994-01", "1996-06", "500", "610100"), span("1996-07", "2005-06", "2000", "440100"),
                  span("2005-07", "2014-06", "4000", "330100")]},
     ["benefit_region", "receipt_rule", "moves"])

case("transfer-approved-move",
     "An approved transfer (组织/人社部门调动, 第五条) moves the relation whatever the age: at 52 to Guangdong with `approved_moves`; 88 months there < 120, so rule (三) sends it back to Shaanxi (120 months).",
     SRC66,
     {"hukou_region": "610000", "birth": "1962-05", "category": "male", "retirement_month": "2022-05",
      "history": [span("2005-01", "2014-12", "3500", "610100"), span("2015-01", "2022-04", "7000", "440100")],
      "approved_moves": ["2015-01"]},
     ["benefit_region", "receipt_rule", "moves", "temporary_account_regions"])

case("transfer-hukou-exempt-short-record-scheme-link",
     "Moving back to the 户籍 province at 58 moves the relation (第五条 exception). 72 months in Guangdong (first place) then 24 in Shaanxi: 96 months < 180, so no monthly pension (award_error not_applicable, 社会保险法 第十六条) and the 2014 link goes employees' → residents' (人社部发〔2014〕17号 第三条, 第六条). Account at retirement: the moved balance and the Shaanxi credits, closed in 2024-01.",
     SRC66 + "; 人社部发〔2014〕17号 第三条, 第六条",
     {"hukou_region": "610000", "birth": "1964-01", "category": "male", "retirement_month": "2024-01",
      "history": [span("2016-01", "2021-12", "5000", "440100"), span("2022-01", "2023-12", "4500", "610100")]},
     ["benefit_region", "receipt_rule", "moves", "temporary_account_regions", "account_at_retirement"],
     extra={"scheme_link": "employees_to_residents", "award_error": "not_applicable"})

inp_gd = {"hukou_region": "610000", "birth": "1964-05", "category": "male", "retirement_month": "2024-05",
          "history": [{"from": "1986-01", "to": "1995-12", "kind": "deemed", "region": "440100"},
                      span("1996-01", "2005-12", "1500", "440100"), span("2006-01", "2015-12", "4000", "440100"),
                      span("2016-01", "2024-04", "5500", "610100")],
          "account_transfers": [{"from": "440000", "to": "610000", "account": "85000.00"}]}
got = plan(inp_gd)
case("transfer-guangdong-to-shaanxi-award",
     "Guangdong → Shaanxi (the 户籍 province) at 51: the relation moves (第五条 exception). The account moved is given as printed on the Guangdong 参保缴费凭证 (illustrative); pooled = 12 % × the Guangdong bases 1998-01…2015-12. At retirement the account is that amount plus the 2016-01…2024-04 credits with the national rates (2024 closed at May: 4 months). The award at Shaanxi: every year's index from 1996 with Shaanxi's wages; the 120 Guangdong deemed months count in N and in the 1.4 % transitional pension.",
     SRC66 + "; award 国发〔2005〕38号 第六条 with the Shaanxi rule set (docs/sources.md §10)",
     inp_gd, ["benefit_region", "receipt_rule", "moves", "account_at_retirement", "total_months"],
     award=shaanxi_award(inp_gd, D(got["account_at_retirement"])))

case("transfer-chain-whole-record",
     "A chain Shaanxi → Guangdong → Zhejiang → Shaanxi (户籍): each move carries the whole record (合并计算, 第三条): pooled 12 % × every base since 1998 moved so far, and the account balance with the year's partial interest.",
     SRC66,
     {"hukou_region": "610000", "birth": "1985-01", "category": "male", "retirement_month": "2045-01",
      "history": [span("2016-01", "2017-12", "5000", "610100"), span("2018-01", "2019-12", "8000", "440100"),
                  span("2020-01", "2021-12", "9000", "330100"), span("2022-01", "2024-12", "6000", "610100")]},
     ["benefit_region", "receipt_rule", "moves"])

CASES.append({"id": "transfer-benefit-place-wages-missing", "kind": "transfer", "ruleset": "cn/national",
              "source": "engine contract (issue 5): a clear error naming the region and the years",
              "note": "Benefit place Shaanxi, but contributions from 1990 need Shaanxi's 1989–1992 average wages, which the rule set does not have (it starts in 1993): award_error rule_missing_year; the plan itself is computed.",
              "input": {"hukou_region": "610000", "birth": "1964-05", "category": "male", "retirement_month": "2024-05",
                        "history": [span("1990-01", "2015-12", "1000", "440100"), span("2016-01", "2024-04", "5500", "610100")],
                        "account_balance": "90000"},
              "expect": {"benefit_region": "610000", "award_error": "rule_missing_year"}})
CASES.append({"id": "transfer-invalid-missing-region", "kind": "transfer", "ruleset": "cn/national",
              "source": "engine contract: every paid span of a transfer names its region",
              "note": "A paid span without `region` and a 户籍 code that is not six digits: rejected (invalid_input), every problem at once.",
              "input": {"hukou_region": "61", "birth": "1980-05", "category": "male", "retirement_month": "2040-05",
                        "history": [{"from": "2020-01", "to": "2021-12", "base": "6000"}]},
              "expect": {"error": "invalid_input"}})
CASES.append({"id": "transfer-invalid-unmatched-account", "kind": "transfer", "ruleset": "cn/national",
              "source": "engine contract: a given account amount must match a move of the plan",
              "note": "account_transfers names a move Zhejiang → Shaanxi that the history does not have.",
              "input": {"hukou_region": "610000", "birth": "1980-05", "category": "male", "retirement_month": "2040-05",
                        "history": [span("2020-01", "2021-12", "6000", "440300"), span("2022-01", "2040-04", "6000", "610100")],
                        "account_transfers": [{"from": "330000", "to": "610000", "account": "100"}]},
              "expect": {"error": "invalid_input"}})

json.dump(CASES, sys.stdout, ensure_ascii=False, indent=2)
print()
