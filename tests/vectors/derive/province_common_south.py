# Helpers for the south/central province derivations (a twin of province_common.py, written separately).
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


def standard(c, idx, actual, deemed, pre_actual, balance, birth, retire, k,
             t_years="deemed_only", t_index=None, years_round=None, t_years_round=None,
             money=q, pct_extras=(), flat_base=None):
    """One award under the C × index × years × k transitional template.

    t_years: 'deemed_only' (S) or 'deemed_and_pre_account' (P); t_index: separate index or
    None (= Ī); years_round / t_years_round: functions applied to months/12 (None = exact);
    money: component rounding; pct_extras: [(name, rate)] percentages of
    basic + account + transitional (checked to agree on exact and rounded components);
    flat_base: another base for the flat half of the basic pension (None = C).
    Returns (figures dict of Decimals, lines of text for the note)."""
    i = D(idx)
    ti = D(t_index) if t_index is not None else i
    n = D(actual + deemed) / 12
    if years_round:
        n = years_round(n)
    tm = deemed + (pre_actual if t_years == "deemed_and_pre_account" else 0)
    p = D(tm) / 12
    if t_years_round:
        p = t_years_round(p)
    m = divisor(birth, retire)
    flat = c if flat_base is None else flat_base
    basic_x = (flat + c * i) / 2 * n * D("0.01")
    account_x = D(balance) / m
    trans_x = c * ti * p * k if k is not None else D(0)
    basic, account, trans = money(basic_x), money(account_x), money(trans_x)
    lines = [f"N = {actual + deemed}/12 → {n.normalize() if years_round else 'exact'}",
             f"basic = ({flat} + {c}×{i})/2×N×1% = {q(basic_x, '0.0001')} → {basic}",
             f"account = {balance}/{m} = {q(account_x, '0.0001')} → {account}"]
    if k is not None:
        lines.append(f"transitional = {c}×{ti}×{tm}/12{' (→ ' + str(p) + ')' if t_years_round else ''}×{k} = {q(trans_x, '0.0001')} → {trans}")
    else:
        lines.append("transitional = 0 (no transitional rule encoded)")
    extras = D("0.00")
    for name, rate in pct_extras:
        ex_r = money((basic + account + trans) * D(rate))
        ex_x = money((basic_x + account_x + trans_x) * D(rate))
        assert ex_r == ex_x, (name, ex_r, ex_x)
        extras += ex_r
        lines.append(f"{name} = ({basic}+{account}+{trans})×{rate} → {ex_r} (same on the exact components)")
    total = basic + account + trans + extras
    lines.append(f"total = sum of rounded components = {total}")
    fig = {"pension_base": c, "divisor": m, "basic_pension": basic, "account_pension": account,
           "transitional_pension": trans, "local_extras": extras, "total": total}
    return fig, lines


def expect(fig, with_extras=True):
    e = {k: str(v) for k, v in fig.items()}
    if not with_extras:
        e.pop("local_extras")
    return e
