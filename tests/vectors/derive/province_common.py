"""Shared arithmetic for the province award vectors (tests/vectors/province-*.json).

One module for every tests/vectors/derive/province_*.py script. Python ``decimal`` only,
values written as strings. The formulas (国发〔2005〕38号 第六条 and the provincial templates
of rules/cn/<province>/award.toml):

    N            = (contribution_months + deemed_months) / 12, exact unless the province rounds
    basic        = (C_flat + C × Ī) / 2 × N × 1 %     (C_flat = C unless a second base is used)
    account      = B / M, M = 计发月数 (national table; whole years before 2025, from 2025-01
                   T[y] − (T[y] − T[y+1]) × m / 12 rounded half-up to 0.1 — rules/cn/national)
    transitional = base × index × years × k          (base C or (C + C·Ī)/2; index Ī, a separate
                   index or 1; years deemed only or deemed + actual months before the account)
    extras       = each local extra, exact; local_extras = their sum rounded

Each component is rounded with the province's money rule (default half-up to 0.01); the total
is the sum of the rounded components unless the province rounds the exact sum.

``components`` holds the arithmetic; ``award`` (figures + a derivation text), ``figures``
(a dict of exact and rounded values) and ``standard`` (figures + note lines, percentage
extras) are three views of it used by the scripts. ``write`` writes the vector file; with
the environment variable DERIVE_OUT set it writes into that directory instead (the test
bindings/python/tests/test_derive_scripts.py regenerates every file there and compares bytes).
"""
import json
import os
import pathlib
import tomllib
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal as D, getcontext, localcontext  # noqa: F401

getcontext().prec = 40
ROOT = pathlib.Path(__file__).resolve().parents[3]
CENT = D("0.01")

# 国发〔2005〕38号 附件《个人账户养老金计发月数表》
TABLE = {40: 233, 41: 230, 42: 226, 43: 223, 44: 220, 45: 216, 46: 212, 47: 208, 48: 204,
         49: 199, 50: 195, 51: 190, 52: 185, 53: 180, 54: 175, 55: 170, 56: 164, 57: 158,
         58: 152, 59: 145, 60: 139, 61: 132, 62: 125, 63: 117, 64: 109, 65: 101, 66: 93,
         67: 84, 68: 75, 69: 65, 70: 56}


# --- rounding -----------------------------------------------------------------------------

def q(x, places="0.01"):
    """Half-up to `places` (a quantum string)."""
    return D(x).quantize(D(places), rounding=ROUND_HALF_UP)


def r2(x):
    return q(x)


def up(x, places="0.01"):
    return x.quantize(D(places), rounding=ROUND_UP)


def up_after_truncate(x, scale=1):
    """见分进角: truncate to scale+1 decimals, then round up to scale."""
    t = x.quantize(D(1).scaleb(-(scale + 1)), rounding=ROUND_DOWN)
    return t.quantize(D(1).scaleb(-scale), rounding=ROUND_UP)


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
        return up_after_truncate(x, scale)
    raise ValueError(mode)


# --- dates, divisor, text -----------------------------------------------------------------

def ym(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def divisor(birth, retire):
    """计发月数 at the age in `retire` (whole years before 2025; month-level from 2025-01)."""
    y, m = divmod(ym(retire) - ym(birth), 12)
    if m == 0:
        return D(TABLE[y])
    if ym(retire) < ym("2025-01"):
        raise ValueError("ages with months only from 2025")
    t0, t1 = D(TABLE[y]), D(TABLE[y + 1])
    return q(t0 - (t0 - t1) * m / 12, "0.1")


def fmt(x):
    return format(x, "f")


def sh(x):
    """A readable figure for the notes: exact if short, else ≈ 6 decimals (no exponent)."""
    qx = x.quantize(D("0.000001"), rounding=ROUND_HALF_UP)
    s = format(qx.normalize(), "f") if qx != 0 else "0"
    return s if qx == x else "≈" + s


def bases(rel, name="pension_base", provisional=False):
    """Final (or provisional) yearly values of award.<name> in rules/cn/<rel>/award.toml."""
    t = tomllib.loads((ROOT / "rules/cn" / rel / "award.toml").read_text())
    vals = t["award"][name]["values"]
    return {e["year"]: D(e["value"]) for e in vals if bool(e.get("provisional")) == provisional}


def write(name, cases, indent=1):
    """Write tests/vectors/province-<name>.json (`name` may also be the file name)."""
    file = name if name.endswith(".json") else f"province-{name}.json"
    out_dir = pathlib.Path(os.environ["DERIVE_OUT"]) if os.environ.get("DERIVE_OUT") else ROOT / "tests/vectors"
    out = out_dir / file
    out.write_text(json.dumps(cases, ensure_ascii=False, indent=indent) + "\n")
    print(f"wrote {out} ({len(cases)} cases)")


# --- the arithmetic -----------------------------------------------------------------------

def components(*, C, idx, months, t_months, k, balance, birth, retire, flat=None, t_base=None,
               t_index=None, years_rnd=None, t_years_rnd=None, extra_month_rate=None):
    """Exact (unrounded) basic, account and new-method transitional pension of one award.

    months: contribution + deemed months; t_months: the months of the transitional years;
    t_base / t_index: Decimal values (None = C / Ī); years_rnd / t_years_rnd: functions
    applied to months/12 (None = exact); extra_month_rate: whole years × 1 % + remaining
    months × this rate (Shanghai 0.083 %)."""
    C, idx, k = D(C), D(idx), D(k)
    flat = C if flat is None else D(flat)
    n_exact = D(months) / 12
    n = years_rnd(n_exact) if years_rnd else n_exact
    if extra_month_rate is None:
        basic_x = (flat + C * idx) / 2 * n * D("0.01")
    else:
        full, rem = divmod(months, 12)
        basic_x = (flat + C * idx) / 2 * (D(full) / 100 + D(rem) * D(extra_month_rate))
    m = divisor(birth, retire)
    s_exact = D(t_months) / 12
    s = t_years_rnd(s_exact) if t_years_rnd else s_exact
    tb = C if t_base is None else D(t_base)
    ti = idx if t_index is None else D(t_index)
    return {"n_exact": n_exact, "n": n, "basic_x": basic_x, "divisor": m,
            "account_x": D(balance) / m, "s_exact": s_exact, "s": s, "t_base": tb, "t_index": ti,
            "trans_x": tb * ti * s * k, "flat": flat}


def figures(*, birth, retirement_month, contribution_months, deemed_months, avg_index,
            balance, base, flat_base=None, k=D("0"), t_base=None, t_index=None,
            t_months=0, extras=()):
    """A dict of exact and rounded figures (half-up to the fen, total = sum of the rounded).
    extras: list of (name, exact amount)."""
    with localcontext() as ctx:
        ctx.prec = 28
        x = components(C=base, idx=avg_index, months=contribution_months + deemed_months,
                       t_months=t_months, k=k, balance=balance, birth=birth,
                       retire=retirement_month, flat=flat_base, t_base=t_base, t_index=t_index)
        extras_exact = sum((a for _, a in extras), D(0))
    out = {"divisor": x["divisor"], "basic_exact": x["basic_x"], "account_exact": x["account_x"],
           "trans_exact": x["trans_x"], "basic": r2(x["basic_x"]), "account": r2(x["account_x"]),
           "trans": r2(x["trans_x"])}
    total = out["basic"] + out["account"] + out["trans"]
    if extras:
        out["extras_exact"] = extras_exact
        out["local_extras"] = r2(extras_exact)
        total += out["local_extras"]
    out["total"] = total
    return out


def expect_block(res, pension_base=None):
    """The `expect` of a vector from figures()."""
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


def award(*, C, idx, cm, dm, balance, birth, retire, k, years_rule="deemed_only", pre=0,
          t_idx=None, t_base="pension_base", t_rule="average_index", flat=None,
          years_rnd=None, tyears_rnd=None, money=None, extras=(), total_rule="sum_of_rounded",
          total_rnd=None, given=None, old=None, share=None, extra_month_rate=None,
          notional=None, notional_divisor=None):
    """Return (figures, derivation text). Rounding specs are dicts of rnd() keyword args."""
    money = money or {}
    C, idx, balance = D(C), D(idx), D(balance)
    t_months = dm + (pre if years_rule == "deemed_and_pre_account" else 0)
    tb = None if t_base == "pension_base" else (C + C * idx) / 2
    ti = {"one": D(1), "average_index_floor_one": max(idx, D(1))}.get(t_rule)
    if ti is None:
        ti = D(t_idx) if t_idx is not None else idx
    x = components(C=C, idx=idx, months=cm + dm, t_months=t_months, k=k, balance=balance,
                   birth=birth, retire=retire, flat=flat, t_base=tb, t_index=ti,
                   years_rnd=(lambda v: rnd(v, **years_rnd)) if years_rnd else None,
                   t_years_rnd=(lambda v: rnd(v, **tyears_rnd)) if tyears_rnd else None,
                   extra_month_rate=extra_month_rate)
    flat, n_exact, N, M = x["flat"], x["n_exact"], x["n"], x["divisor"]
    S_exact, S, tb = x["s_exact"], x["s"], x["t_base"]
    basic_x, acct_x, new_x = x["basic_x"], x["account_x"], x["trans_x"]
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
    tm = deemed + (pre_actual if t_years == "deemed_and_pre_account" else 0)
    x = components(C=c, idx=i, months=actual + deemed, t_months=tm, k=k if k is not None else 0,
                   balance=balance, birth=birth, retire=retire, flat=flat_base, t_index=t_index,
                   years_rnd=years_round, t_years_rnd=t_years_round)
    n, p, m, flat, ti = x["n"], x["s"], x["divisor"], x["flat"], x["t_index"]
    basic_x, account_x = x["basic_x"], x["account_x"]
    trans_x = x["trans_x"] if k is not None else D(0)
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
    """The `expect` of a vector from standard()'s figures."""
    e = {k: str(v) for k, v in fig.items()}
    if not with_extras:
        e.pop("local_extras")
    return e
