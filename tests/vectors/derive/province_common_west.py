# Helpers for the western province derivations (a twin of province_common.py, written separately).
"""Shared helpers for the province award vectors (tests/vectors/province-*.json).

Python `decimal` only, decimal strings in, ROUND_HALF_UP. The formulas are those of
国发〔2005〕38号 第六条 and the provincial transitional rules named by each caller:

  N            = (contribution_months + deemed_months) / 12, exact unless the province rounds
  basic        = (C_flat + C·Ī) / 2 × N × 1 %          (C_flat = C unless the province says otherwise)
  account      = B / M, M = 计发月数 (national table; from 2025 linear by month, 0.1 half-up)
  transitional = T_base × T_index × years × k
  each component rounded half-up to 0.01; total = sum of the rounded components that count.
"""
import json
import pathlib
from decimal import ROUND_HALF_UP, Decimal as D, getcontext

getcontext().prec = 28
VECTORS = pathlib.Path(__file__).resolve().parents[1]

# 国发〔2005〕38号 附件《个人账户养老金计发月数表》 (the rows the cases use)
TABLE = {49: D(199), 50: D(195), 51: D(190), 54: D(175), 55: D(170), 56: D(164),
         59: D(145), 60: D(139), 61: D(132)}


def q(x, places="0.01"):
    return D(x).quantize(D(places), rounding=ROUND_HALF_UP)


def age_months(birth, month):
    by, bm = map(int, birth.split("-"))
    ry, rm = map(int, month.split("-"))
    return (ry * 12 + rm) - (by * 12 + bm)


def divisor(birth, month):
    """Whole years before 2025; from 2025-01 linear by month, rounded half-up to 0.1."""
    y, m = divmod(age_months(birth, month), 12)
    if month < "2025-01" or m == 0:
        return TABLE[y]
    return q(TABLE[y] - (TABLE[y] - TABLE[y + 1]) * D(m) / D(12), "0.1")


def fmt(x):
    return format(x, "f")


def write(path, cases):
    text = json.dumps(cases, ensure_ascii=False, indent=1) + "\n"
    (VECTORS / path).write_text(text)
    print(f"wrote {path}: {len(cases)} cases")
