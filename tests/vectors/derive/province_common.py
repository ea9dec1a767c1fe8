"""Shared helpers for the province vector derivations (tests/vectors/derive/province_*.py).

Python `decimal` only (Decimal strings, no floats). Formulas of 国发〔2005〕38号 第六条:
  basic   = C_flat/2 + C·Ī/2, × N × 1 %   (C_flat = C unless a province sets another flat base)
  account = B / M, M = 计发月数 (national table; from 2025 linear by month, 0.1 half-up)
  transitional = base × index × P × k  (province template: base C or (C + C·Ī)/2,
                 index Ī / separate / 1, P = deemed or deemed + pre-account years)
Each component is rounded with the province's money rule (default half-up to 0.01), the
total is the sum of the rounded components. Years are exact months/12 unless the
province rounds them.
"""
import json
import pathlib
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal as D, getcontext

getcontext().prec = 40
ROOT = pathlib.Path(__file__).resolve().parents[3]

# 国发〔2005〕38号 附件 计发月数表 (ages used here)
TABLE = {50: D(195), 51: D(190), 55: D(170), 56: D(164), 60: D(139), 61: D(132)}


def q(x, places="0.01"):
    return x.quantize(D(places), rounding=ROUND_HALF_UP)


def up(x, places="0.01"):
    return x.quantize(D(places), rounding=ROUND_UP)


def up_after_truncate(x, scale=1):
    """见分进角: truncate to scale+1 decimals, then round up to scale."""
    t = x.quantize(D(1).scaleb(-(scale + 1)), rounding=ROUND_DOWN)
    return t.quantize(D(1).scaleb(-scale), rounding=ROUND_UP)


def ym(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def divisor(birth, retirement_month):
    age = ym(retirement_month) - ym(birth)
    y, m = divmod(age, 12)
    if m == 0:
        return TABLE[y]
    if int(retirement_month[:4]) < 2025:
        raise ValueError("ages with months only from 2025")
    return q(TABLE[y] - (TABLE[y] - TABLE[y + 1]) * m / 12, "0.1")


def fmt(x):
    """Decimal string for the JSON (money kept to its scale)."""
    return str(x)


def write(name, cases):
    path = ROOT / "tests" / "vectors" / f"province-{name}.json"
    path.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(cases)} cases")
    for c in cases:
        print(" ", c["id"], json.dumps(c["expect"], ensure_ascii=False))
