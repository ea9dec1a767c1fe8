"""Shared arithmetic for the province award vectors (tests/vectors/province-*.json).

Python ``decimal`` only, values written as strings; every money component is rounded
half-up to 0.01 yuan, the total is the sum of the rounded components (the national
defaults of rules/cn/national/rounding.toml), contribution years N = months / 12 exact.

    basic        = (C_flat + C × Ī) / 2 × N × 1 %            (国发〔2005〕38号 第六条)
    account      = balance / divisor                          (计发月数, national table)
    transitional = base × index × years × k                   (provincial template)
    extras       = each local extra, exact; local_extras = their sum rounded to 0.01

Divisor (rules/cn/national/award.toml): whole-year table before 2025; from 2025-01 the
month-level interpolation T[y] − (T[y] − T[y+1]) × m / 12, rounded half-up to 0.1.
"""
from decimal import Decimal as D, ROUND_HALF_UP
import json
import os

TABLE = {50: D("195"), 51: D("190"), 54: D("175"), 55: D("170"), 56: D("164"),
         59: D("145"), 60: D("139"), 61: D("132")}
CENT = D("0.01")


def r2(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def months_between(a, b):
    """a, b: 'YYYY-MM'; whole months from a to b."""
    ya, ma = map(int, a.split("-"))
    yb, mb = map(int, b.split("-"))
    return (yb - ya) * 12 + (mb - ma)


def divisor(birth, retirement_month):
    age = months_between(birth, retirement_month)
    y, m = divmod(age, 12)
    if int(retirement_month[:4]) < 2025 or m == 0:
        assert m == 0, "pre-2025 cases use whole ages"
        return TABLE[y]
    t = TABLE[y] - (TABLE[y] - TABLE[y + 1]) * D(m) / D(12)
    return t.quantize(D("0.1"), rounding=ROUND_HALF_UP)


def award(*, birth, retirement_month, contribution_months, deemed_months, avg_index,
          balance, base, flat_base=None, k=D("0"), t_base=None, t_index=None,
          t_months=0, extras=()):
    """Returns a dict of exact and rounded figures. extras: list of (name, exact amount)."""
    C = base
    Cf = flat_base if flat_base is not None else base
    I = avg_index
    N = D(contribution_months + deemed_months) / D(12)
    basic_exact = (Cf + C * I) / D(2) * N * D("0.01")
    div = divisor(birth, retirement_month)
    account_exact = balance / div
    tb = t_base if t_base is not None else C
    ti = t_index if t_index is not None else I
    trans_exact = tb * ti * D(t_months) / D(12) * k
    extras_exact = sum((a for _, a in extras), D(0))
    out = {
        "divisor": div,
        "basic_exact": basic_exact,
        "account_exact": account_exact,
        "trans_exact": trans_exact,
        "basic": r2(basic_exact),
        "account": r2(account_exact),
        "trans": r2(trans_exact),
    }
    total = out["basic"] + out["account"] + out["trans"]
    if extras:
        out["extras_exact"] = extras_exact
        out["local_extras"] = r2(extras_exact)
        total += out["local_extras"]
    out["total"] = total
    return out


def expect_block(res, pension_base=None):
    e = {}
    if pension_base is not None:
        e["pension_base"] = str(pension_base)
    e["divisor"] = str(res["divisor"])
    e["basic_pension"] = str(res["basic"])
    e["account_pension"] = str(res["account"])
    e["transitional_pension"] = str(res["trans"])
    if "local_extras" in res:
        e["local_extras"] = str(res["local_extras"])
    e["total"] = str(res["total"])
    return e


def fmt(x, places=4):
    return str(x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP))


def write(province, cases):
    path = os.path.join(os.path.dirname(__file__), "..", f"province-{province}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(path, len(cases), "cases")
