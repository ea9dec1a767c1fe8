# Helpers for the eastern province derivations (a twin of province_common.py, written separately).
"""Shared arithmetic for the province vectors (tests/vectors/province-*.json).

Python `decimal` only (Decimal strings, no floats). Formulas:
  国发〔2005〕38号 第六条: basic = (C_flat + C × Ī) / 2 × N × 1 %  (C_flat = C unless the province
  uses a second base), account = B / M (M from the national 计发月数 table; whole years before
  2025, from 2025-01 linear by month rounded half-up to 0.1 — rules/cn/national/award.toml);
  transitional = base × index × years × k with the province's choices (rules/cn/<p>/award.toml).
Each component is rounded with the province's money rule (default half-up to 0.01); the total
is the sum of the rounded components unless the province rounds the exact sum.
The 计发基数 are read from the rule files themselves, so the vectors follow the rule data.
"""
import json
import pathlib
import tomllib
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal as D, getcontext

getcontext().prec = 40
ROOT = pathlib.Path(__file__).resolve().parents[3]

TABLE = {40: 233, 41: 230, 42: 226, 43: 223, 44: 220, 45: 216, 46: 212, 47: 208, 48: 204,
         49: 199, 50: 195, 51: 190, 52: 185, 53: 180, 54: 175, 55: 170, 56: 164, 57: 158,
         58: 152, 59: 145, 60: 139, 61: 132, 62: 125, 63: 117, 64: 109, 65: 101, 66: 93,
         67: 84, 68: 75, 69: 65, 70: 56}


def bases(rel, name="pension_base", provisional=False):
    """Final (or provisional) yearly values of award.<name> in rules/cn/<rel>/award.toml."""
    t = tomllib.loads((ROOT / "rules/cn" / rel / "award.toml").read_text())
    vals = t["award"][name]["values"]
    return {e["year"]: D(e["value"]) for e in vals if bool(e.get("provisional")) == provisional}


def ym(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def rnd(x, scale=2, mode="half_up", step=None):
    """Round a non-negative amount: half_up | up | up_after_truncate, optional step (0.5)."""
    quantum = D(1).scaleb(-scale)
    if step is not None:
        s = D(step)
        if mode != "up":
            raise ValueError("step only with mode up here")
        return ((x / s).to_integral_value(rounding=ROUND_CEILING) * s).quantize(quantum)
    if mode == "half_up":
        return x.quantize(quantum, rounding=ROUND_HALF_UP)
    if mode == "up":
        return x.quantize(quantum, rounding=ROUND_CEILING)
    if mode == "up_after_truncate":
        return x.quantize(D(1).scaleb(-(scale + 1)), rounding=ROUND_DOWN).quantize(
            quantum, rounding=ROUND_CEILING)
    raise ValueError(mode)


def divisor(birth, retire):
    y, m = divmod(ym(retire) - ym(birth), 12)
    if ym(retire) < ym("2025-01") or m == 0:
        return D(TABLE[y])
    t0, t1 = D(TABLE[y]), D(TABLE[y + 1])
    return rnd(t0 - (t0 - t1) * m / 12, 1)


def fmt(x):
    return format(x, "f")


def sh(x):
    """A readable figure for the notes: exact if short, else ≈ 6 decimals (no exponent)."""
    q = x.quantize(D("0.000001"), rounding=ROUND_HALF_UP)
    s = format(q.normalize(), "f") if q != 0 else "0"
    return s if q == x else "≈" + s


def award(*, C, idx, cm, dm, balance, birth, retire, k, years_rule="deemed_only", pre=0,
          t_idx=None, t_base="pension_base", t_rule="average_index", flat=None,
          years_rnd=None, tyears_rnd=None, money=None, extras=(), total_rule="sum_of_rounded",
          total_rnd=None, given=None, old=None, share=None, extra_month_rate=None,
          notional=None, notional_divisor=None):
    """Return (figures, derivation text). Rounding specs are dicts of rnd() keyword args."""
    money = money or {}
    C, idx, balance, k = D(C), D(idx), D(balance), D(k)
    flat = C if flat is None else D(flat)
    n_exact = D(cm + dm) / 12
    N = rnd(n_exact, **years_rnd) if years_rnd else n_exact
    if extra_month_rate is None:
        basic_x = (flat + C * idx) / 2 * N / 100
    else:  # whole years × 1 % + remaining months × the per-month rate (Shanghai 0.083 %)
        full, rem = divmod(cm + dm, 12)
        basic_x = (flat + C * idx) / 2 * (D(full) / 100 + D(rem) * D(extra_month_rate))
    M = divisor(birth, retire)
    acct_x = balance / M
    t_months = dm + (pre if years_rule == "deemed_and_pre_account" else 0)
    S_exact = D(t_months) / 12
    S = rnd(S_exact, **tyears_rnd) if tyears_rnd else S_exact
    tb = C if t_base == "pension_base" else (C + C * idx) / 2
    ti = {"one": D(1), "average_index_floor_one": max(idx, D(1))}.get(t_rule)
    if ti is None:
        ti = D(t_idx) if t_idx is not None else idx
    new_x = tb * ti * S * k
    if given is not None:  # award.transitional_method = given: the input amount
        trans_x = D(given)
    elif share is not None and D(share) != 1 or old is not None:  # 新老办法 phase-in
        old_d = D(old)
        trans_x = old_d + max(new_x - old_d, D(0)) * D(share)
    else:
        trans_x = new_x
    if notional is not None:  # + 虚账实记 total ÷ divisor (Shanghai 120)
        trans_x += D(notional) / D(notional_divisor)
    basic = rnd(basic_x, **money.get("basic", {}))
    acct = rnd(acct_x, **money.get("account", {}))
    trans = rnd(trans_x, **money.get("transitional", {}))
    ex_total_x = sum((D(a) for _, a in extras), D(0))
    ex_total = rnd(ex_total_x, **money.get("extras", {}))
    if total_rule == "rounded_sum":
        total = rnd(basic_x + acct_x + trans_x + ex_total_x, **(total_rnd or {}))
    else:
        total = basic + acct + trans + ex_total
    fig = {"divisor": fmt(M), "basic_pension": fmt(basic), "account_pension": fmt(acct),
           "transitional_pension": fmt(trans), "total": fmt(total)}
    if extras:
        fig["local_extras"] = fmt(ex_total)
    how = (f"N = ({cm} + {dm})/12 = {sh(n_exact)}" + (f" → {N}" if years_rnd else "")
           + (f"; basic = ({sh(flat)} + {sh(C)} × {sh(idx)})/2 × {sh(N)} × 1% = {sh(basic_x)} → {basic}"
              if extra_month_rate is None else
              f"; basic = ({sh(flat)} + {sh(C)} × {sh(idx)})/2 × ({(cm + dm) // 12} × 1% + {(cm + dm) % 12} × {extra_month_rate}) = {sh(basic_x)} → {basic}")
           + f"; M = {M} (age at {retire}); account = {sh(balance)}/{M} = {sh(acct_x)} → {acct}"
           + (f"; transitional = given {given} → {trans}" if given is not None else
              f"; transitional (new) = {sh(tb)} × {sh(ti)} × {t_months}/12"
              + (f" ({sh(S_exact)} → {S})" if tyears_rnd else "")
              + f" × {k} = {sh(new_x)}"
              + (f"; payable = old {old} + max(new − old, 0) × {share} = {sh(trans_x)}" if old is not None else "")
              + (f" + 虚账实记 {notional} ÷ {notional_divisor} = {sh(trans_x)}" if notional is not None else "")
              + f" → {trans}"))
    if extras:
        how += "; extras " + ", ".join(f"{n} {a}" for n, a in extras) + f" = {ex_total}"
    if total_rule == "rounded_sum":
        how += f"; total = exact sum {sh(basic_x + acct_x + trans_x + ex_total_x)} rounded → {total}"
    else:
        how += f"; total = sum of the rounded components = {total}"
    return fig, how


def write(province, cases):
    out = ROOT / f"tests/vectors/province-{province}.json"
    out.write_text(json.dumps(cases, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)} ({len(cases)} cases)")
