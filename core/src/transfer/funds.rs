//! 转移资金 — the money of each move (国办发〔2009〕66号 第四条): the whole
//! individual account, and the pooled part (统筹基金) at 12 % of the actual
//! bases from 1998; a temporary account's pooled part at the employer's
//! actual rate where higher (人社部发〔2009〕187号). The record moves whole
//! (第三条 合并计算): a later move carries every month of the record.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{
    AccountFrom, Holding, Move, MoveKind, PaidMonth, PooledPart, RuleSets, Spec, Stay,
    TemporaryAccount, TransferInput, err_list, province,
};
use crate::account::{self, AccountInput, CloseEvent, CloseKind, Credit, Posting, PostingKind};
use crate::error::{Error, FieldError, RuleError};
use crate::money;
use crate::rounding::Rounding;
use crate::rules::{PartialYearConvention, Snapshot, Sourced};
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Tracer};

/// The amounts of a transfer come from the whole history: an overflow is
/// reported at `history` ([`money::too_large`]).
const HISTORY: &str = "history";
fn sum(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    money::add(a, b, HISTORY)
}

/// The amounts given in `account_transfers` (a move made under the rules of
/// its time, or known from the 参保缴费凭证), matched to the moves: one per
/// move at most, each matching exactly one move.
pub(super) fn given_accounts(
    input: &TransferInput,
    specs: &[Spec],
) -> Result<Vec<Option<Decimal>>, Error> {
    let mut given: Vec<Option<Decimal>> = vec![None; specs.len()];
    let mut errs = vec![];
    let list = || {
        specs
            .iter()
            .map(|s| format!("{} {}→{}", s.month, s.from, s.to))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (i, k) in input.account_transfers.iter().enumerate() {
        let hits: Vec<usize> = specs
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.from == province(&k.from)
                    && s.to == province(&k.to)
                    && k.month.is_none_or(|m| m == s.month)
            })
            .map(|(j, _)| j)
            .collect();
        match hits.as_slice() {
            [j] => {
                if let Some(g) = given.get_mut(*j) {
                    *g = Some(k.account);
                }
            }
            [] => errs.push(FieldError {
                path: format!("account_transfers[{i}]"),
                message: format!(
                    "matches no move of the plan (moves: {})",
                    if specs.is_empty() {
                        "none".into()
                    } else {
                        list()
                    }
                ),
            }),
            _ => errs.push(FieldError {
                path: format!("account_transfers[{i}].month"),
                message: format!("needed: several moves go {}→{} ({})", k.from, k.to, list()),
            }),
        }
    }
    err_list(errs)?;
    Ok(given)
}

fn interest_hint(e: Error) -> String {
    match &e {
        Error::Rules(RuleError::NoYear {
            param: "account.interest_rate",
            year,
            ..
        }) => format!(
            "no account interest rate for {year} in the rule set (the national rate starts in 2016; earlier years were set by each province): give `rates.{year}`, or the amount moved in `account_transfers`"
        ),
        _ => e.to_string(),
    }
}

/// Everything the money pass reads.
pub(super) struct Ctx<'a> {
    input: &'a TransferInput,
    sets: RuleSets<'a>,
    pub(super) primary: Snapshot,
    places: BTreeMap<String, Snapshot>,
    stays: Vec<Stay>,
    paid: Vec<PaidMonth>,
    money: Sourced<Rounding>,
}

impl<'a> Ctx<'a> {
    /// Each stay's place under its own rules where `sets` has them (the
    /// primary rules otherwise), and the money rounding of the claim date.
    pub(super) fn new(
        input: &'a TransferInput,
        sets: RuleSets<'a>,
        primary: Snapshot,
        stays: &[Stay],
        paid: Vec<PaidMonth>,
        date: NaiveDate,
    ) -> Result<Self, Error> {
        let mut places = BTreeMap::new();
        for s in stays {
            if !places.contains_key(&s.region)
                && let Some(rs) = sets.for_region(&s.region)
            {
                places.insert(s.region.clone(), rs.at(date));
            }
        }
        let money = primary.rounding.money.at(date)?;
        Ok(Ctx {
            input,
            sets,
            primary,
            places,
            stays: stays.to_vec(),
            paid,
            money,
        })
    }

    fn place(&self, region: &str) -> &Snapshot {
        self.places.get(region).unwrap_or(&self.primary)
    }

    fn region_of_stay(&self, stay: usize) -> &str {
        self.stays.get(stay).map_or("", |s| s.region.as_str())
    }

    /// The account credit of a paid month: base × `account.credit_rate`
    /// (flexible: `contribution.flexible_account_rate` where in force) of the
    /// place's rules, rounded.
    fn credit(&self, p: &PaidMonth) -> Result<Decimal, String> {
        let snap = self.place(self.region_of_stay(p.stay));
        let m = p.month;
        let rate = if p.flexible {
            snap.contribution
                .flexible_account_rate
                .in_month(m)
                .or_else(|_| snap.account.credit_rate.in_month(m))
        } else {
            snap.account.credit_rate.in_month(m)
        }
        .map_err(|_| format!("no account credit rate (`account.credit_rate`) in force in {m}"))?;
        let round = snap.rounding.money.in_month(m).map_err(|e| e.to_string())?;
        p.base
            .checked_mul(rate.value)
            .map(|x| round.value.apply(x))
            .ok_or_else(|| money::TOO_LARGE.to_string())
    }

    /// The account balance at `close`: a ledger from `start` over `months`
    /// (credits) and `incoming` (transfers in), under the primary rules.
    fn ledger(
        &self,
        start: YearMonth,
        incoming: &[(YearMonth, Result<Decimal, String>)],
        months: &[PaidMonth],
        close: CloseEvent,
    ) -> Result<Decimal, String> {
        let y1998 = YearMonth::new(1998, 1).unwrap_or(start);
        if close.month < y1998 {
            return Err(format!(
                "the account moved in {} (before 1998) is not computed: give it in `account_transfers`",
                close.month
            ));
        }
        let pre_1998 =
            months.iter().any(|p| p.month < y1998) || incoming.iter().any(|(m, _)| *m < y1998);
        let (opening_year, opening_balance) = if pre_1998 {
            match self.input.account_personal_1997 {
                Some(p) => (1997, p),
                None => {
                    return Err("the record has paid months before 1998, for which only the personal contributions with interest move (国办发〔2009〕66号 第四条 (一)): give `account_personal_1997` (个人缴费累计本息 at 1997-12-31), or the amount moved in `account_transfers`".into());
                }
            }
        } else {
            let first = months
                .iter()
                .map(|p| p.month)
                .chain(incoming.iter().map(|(m, _)| *m))
                .min();
            match first {
                // Nothing paid or moved in: nothing to move.
                None => return Ok(Decimal::ZERO),
                Some(f) => (f.year().max(start.year()) - 1, Decimal::ZERO),
            }
        };
        let mut credits = vec![];
        for p in months.iter().filter(|p| p.month >= y1998) {
            credits.push(Credit {
                month: Some(p.month),
                year: None,
                amount: self.credit(p)?,
                personal: None,
            });
        }
        let mut postings = vec![];
        for (m, amount) in incoming {
            if *m < y1998 {
                continue; // inside account_personal_1997
            }
            let amount = amount
                .clone()
                .map_err(|why| format!("depends on the account moved in {m}, not known: {why}"))?;
            postings.push(Posting {
                month: *m,
                kind: PostingKind::TransferIn,
                amount,
                personal: None,
                period_from: None,
                period_to: None,
            });
        }
        let mut rates = self.input.rates.clone();
        // A close in January before the event month earns no interest
        // (k = 0 months): that year needs no rate.
        if close.month.month() == 1
            && self
                .primary
                .account
                .partial_year_convention
                .in_month(close.month)
                .is_ok_and(|c| c.value == PartialYearConvention::MonthsBeforeEvent)
            && !self.primary.account.interest_rate.has(close.month.year())
        {
            rates.entry(close.month.year()).or_insert(Decimal::ZERO);
        }
        let ai = AccountInput {
            opening_balance,
            opening_year,
            opening_personal: None,
            credits,
            postings,
            through_year: None,
            close: Some(close),
            rates,
        };
        let s = account::statement(&ai, &self.primary, &mut Tracer::new(false))
            .map_err(interest_hint)?;
        s.close
            .map(|c| c.balance)
            .ok_or_else(|| "the ledger did not close".into())
    }

    /// The employer rate of a temporary account's month: the input's
    /// `employer_rates`, else the place's `contribution.employer_rate`.
    fn employer_rate(
        &self,
        region: &str,
        month: YearMonth,
    ) -> Result<(Decimal, Option<Sourced<Decimal>>), Error> {
        if let Some((_, r)) = self
            .input
            .employer_rates
            .iter()
            .find(|(k, _)| province(k) == region)
        {
            return Ok((*r, None));
        }
        // A place without a rule set of its own pays the national rate
        // (国办发〔2019〕13号: 16 % from 2019-05) where a national set is at hand.
        let national = self.sets.national().map(|n| n.at(month.first_day()));
        match self.places.get(region).or(national.as_ref()) {
            Some(snap) => {
                let r = snap.contribution.employer_rate.in_month(month)?;
                Ok((r.value, Some(r)))
            }
            None => Err(Error::field(
                format!("employer_rates.{region}"),
                format!(
                    "needed: the employer rate of the temporary account in {region} ({month}); the catalog has no rule set for {region} (known: {})",
                    self.sets.known_regions()
                ),
            )),
        }
    }
}

/// The money of the record as the moves are made in order.
pub(super) struct Funds {
    /// First month of the relation's current ledger.
    seg_start: YearMonth,
    /// Money moved into the relation's current ledger.
    seg_incoming: Vec<(YearMonth, Result<Decimal, String>)>,
    /// Pooled money of temporary accounts gathered into the relation.
    carried: Decimal,
    /// Paid months of those temporary accounts.
    carried_months: u32,
    /// Temporary accounts gathered at the benefit place at retirement.
    at_end: Vec<Result<Decimal, String>>,
    /// The relation's account, when it moved to the benefit place at retirement.
    relation_moved_at_end: Option<Result<Decimal, String>>,
    /// The temporary accounts, in the order their money moved.
    pub(super) temporary_accounts: Vec<TemporaryAccount>,
}

impl Funds {
    /// Nothing moved yet; the relation's ledger starts with the first stay.
    pub(super) fn new(stays: &[Stay], month: YearMonth) -> Self {
        Funds {
            seg_start: stays.first().map_or(month, |s| s.from),
            seg_incoming: vec![],
            carried: Decimal::ZERO,
            carried_months: 0,
            at_end: vec![],
            relation_moved_at_end: None,
            temporary_accounts: vec![],
        }
    }
}

/// Where the money of a move goes at retirement.
pub(super) struct Claim<'r> {
    /// The benefit place.
    pub(super) receipt_region: &'r str,
    /// The retirement month.
    pub(super) month: YearMonth,
}

/// The pooled part's rule at a move (第四条 (二)): the share
/// (`transfer.pooled_share`, 12 %) and its first month
/// (`transfer.pooled_from`, 1998-01).
pub(super) struct PooledRule {
    share: Sourced<Decimal>,
    from: Sourced<YearMonth>,
}

/// The pooled rule of a move in `month`, and whether it was taken from the
/// 2010 rules for an earlier move.
pub(super) fn pooled_rule(
    primary: &Snapshot,
    month: YearMonth,
) -> Result<(PooledRule, bool), Error> {
    let (share, later) = super::in_force_or_first(&primary.transfer.pooled_share, month)?;
    let (from, _) = super::in_force_or_first(&primary.transfer.pooled_from, month)?;
    Ok((PooledRule { share, from }, later))
}

/// The move of `spec` with its account — given, built by the ledger, or
/// unknown (and why) — and its pooled money (`carried`: what earlier
/// temporary accounts brought into it).
fn move_of(
    spec: &Spec,
    months: u32,
    account: &Result<Decimal, String>,
    given: bool,
    pooled: Decimal,
    parts: Vec<PooledPart>,
    carried: Decimal,
) -> Move {
    Move {
        from: spec.from.clone(),
        to: spec.to.clone(),
        month: spec.month,
        kind: spec.kind,
        months,
        account: account.as_ref().ok().copied(),
        account_from: match (account, given) {
            (_, true) => AccountFrom::Given,
            (Ok(_), false) => AccountFrom::Ledger,
            (Err(_), false) => AccountFrom::Unknown,
        },
        account_unknown: account.as_ref().err().cloned(),
        pooled,
        pooled_parts: parts,
        pooled_carried: carried,
    }
}

/// A temporary account's money (第五条 (二)): its own ledger closed at the
/// move, and the pooled part at the employer's actual rate where above the
/// share (flexible workers at the share; 人社部发〔2009〕187号), from
/// `pooled_from`. Moved into the relation, or gathered at the benefit place
/// at retirement. One `move` step.
pub(super) fn temporary_move(
    ctx: &Ctx<'_>,
    spec: &Spec,
    given_k: Option<Decimal>,
    rule: &PooledRule,
    funds: &mut Funds,
    claim: &Claim<'_>,
    tracer: &mut Tracer,
) -> Result<Move, Error> {
    let (share, from_month) = (&rule.share, &rule.from);
    let (receipt_region, month) = (claim.receipt_region, claim.month);
    let stay_idx = spec.stay.unwrap_or_default();
    let st = ctx.stays.get(stay_idx).cloned();
    let months: Vec<PaidMonth> = ctx
        .paid
        .iter()
        .filter(|p| p.stay == stay_idx)
        .copied()
        .collect();
    let account = match given_k {
        Some(a) => Ok(a),
        None => ctx.ledger(
            st.as_ref().map_or(spec.month, |s| s.from),
            &[],
            &months,
            CloseEvent {
                event: CloseKind::TransferOut,
                month: spec.month,
            },
        ),
    };
    // 人社部发〔2009〕187号: the employer's actual rate where above the share.
    let TemporaryPooled {
        parts,
        used_rates,
        given_rate,
    } = temporary_pooled(ctx, &spec.from, &months, rule)?;
    let mut exact = Decimal::ZERO;
    for part in &parts {
        exact = sum(exact, money::mul(part.rate, part.bases, HISTORY)?)?;
    }
    let pooled = ctx.money.value.apply(exact);
    let n = st.as_ref().map_or(0, |s| s.paid_months);
    if spec.to == receipt_region && spec.month == month {
        funds.at_end.push(account.clone());
    } else {
        funds.seg_incoming.push((spec.month, account.clone()));
        funds.carried = sum(funds.carried, pooled)?;
        funds.carried_months += n;
    }
    if let Some(s) = &st {
        funds.temporary_accounts.push(TemporaryAccount {
            region: s.region.clone(),
            from: s.from,
            to: s.to,
            months: s.paid_months,
            relation_region: s.relation_region.clone(),
            destination: spec.to.clone(),
            moved_in: spec.month,
            at_retirement: spec.month == month,
        });
    }
    let mv = move_of(
        spec,
        n,
        &account,
        given_k.is_some(),
        pooled,
        parts,
        Decimal::ZERO,
    );
    tracer.step(|| {
        let mut st = money_step(&mv, &ctx.money, share, from_month);
        for r in &used_rates {
            st = st.param(ParamUse::of(r));
        }
        if let Some(r) = given_rate {
            st = st.input(format!("employer_rates.{}", mv.from), r);
        }
        st
    });
    Ok(mv)
}

/// The pooled parts of a temporary account, and the rates they used.
struct TemporaryPooled {
    parts: Vec<PooledPart>,
    /// The rule-set employer rates used, once each.
    used_rates: Vec<Sourced<Decimal>>,
    /// The employer rate given in the input, if one was used.
    given_rate: Option<Decimal>,
}

/// A temporary account's pooled part (人社部发〔2009〕187号): each month from
/// `pooled_from` at the employer's actual rate where above the share, at the
/// share otherwise and for flexible workers; consecutive months at one rate
/// form one part.
fn temporary_pooled(
    ctx: &Ctx<'_>,
    region: &str,
    months: &[PaidMonth],
    rule: &PooledRule,
) -> Result<TemporaryPooled, Error> {
    let (share, from_month) = (&rule.share, &rule.from);
    let mut parts: Vec<PooledPart> = vec![];
    let mut used_rates: Vec<Sourced<Decimal>> = vec![];
    let mut given_rate: Option<Decimal> = None;
    for p in months.iter().filter(|p| p.month >= from_month.value) {
        let (rate, basis) = if p.flexible {
            (share.value, "flexible")
        } else {
            let (v, src) = ctx.employer_rate(region, p.month)?;
            match src {
                Some(r) => {
                    if !used_rates.iter().any(|u| u.value == v) {
                        used_rates.push(r);
                    }
                }
                None => given_rate = Some(v),
            }
            if v > share.value {
                (v, "employer_rate")
            } else {
                (share.value, "pooled_share")
            }
        };
        match parts.last_mut() {
            Some(l) if l.rate == rate && l.basis == basis => {
                l.months += 1;
                l.bases = sum(l.bases, p.base)?;
            }
            _ => parts.push(PooledPart {
                rate,
                basis,
                months: 1,
                bases: p.base,
            }),
        }
    }
    Ok(TemporaryPooled {
        parts,
        used_rates,
        given_rate,
    })
}

/// The relation's money (第四条): its account — before 1998 the personal
/// contributions with interest (`account_personal_1997`), then the whole
/// balance, closed at the move — and the pooled part, `pooled_share` × the
/// actual bases of the record's months from `pooled_from`, rounded once,
/// with the temporary accounts' pooled money gathered into it. The record
/// moves whole (第三条 合并计算). One `move` step.
pub(super) fn relation_move(
    ctx: &Ctx<'_>,
    spec: &Spec,
    given_k: Option<Decimal>,
    rule: &PooledRule,
    funds: &mut Funds,
    tracer: &mut Tracer,
) -> Result<Move, Error> {
    let (share, from_month) = (&rule.share, &rule.from);
    let before: Vec<PaidMonth> = ctx
        .paid
        .iter()
        .filter(|p| {
            ctx.stays
                .get(p.stay)
                .is_some_and(|s| s.holding == Holding::Relation)
                && (spec.kind == MoveKind::ToBenefitPlace || p.month < spec.month)
        })
        .copied()
        .collect();
    let seg: Vec<PaidMonth> = before
        .iter()
        .filter(|p| p.month >= funds.seg_start)
        .copied()
        .collect();
    let account = match given_k {
        Some(a) => Ok(a),
        None => ctx.ledger(
            funds.seg_start,
            &funds.seg_incoming,
            &seg,
            CloseEvent {
                event: CloseKind::TransferOut,
                month: spec.month,
            },
        ),
    };
    let counted: Vec<&PaidMonth> = before
        .iter()
        .filter(|p| p.month >= from_month.value)
        .collect();
    let mut bases = Decimal::ZERO;
    for p in &counted {
        bases = sum(bases, p.base)?;
    }
    let parts = vec![PooledPart {
        rate: share.value,
        basis: "pooled_share",
        months: u32::try_from(counted.len()).unwrap_or(u32::MAX),
        bases,
    }];
    let own = ctx
        .money
        .value
        .apply(money::mul(share.value, bases, HISTORY)?);
    let pooled = sum(own, funds.carried)?;
    let record: u32 = ctx
        .stays
        .iter()
        .filter(|s| {
            s.holding == Holding::Relation
                && (spec.kind == MoveKind::ToBenefitPlace || s.from < spec.month)
        })
        .map(|s| s.paid_months + s.deemed_months)
        .sum::<u32>()
        + funds.carried_months;
    funds.seg_start = spec.month;
    funds.seg_incoming = vec![(spec.month, account.clone())];
    if spec.kind == MoveKind::ToBenefitPlace {
        funds.relation_moved_at_end = Some(account.clone());
    }
    let mv = move_of(
        spec,
        record,
        &account,
        given_k.is_some(),
        pooled,
        parts,
        funds.carried,
    );
    tracer.step(|| money_step(&mv, &ctx.money, share, from_month));
    Ok(mv)
}

/// The account at retirement (第三条: 个人账户储存额累计计算): the relation's
/// ledger closed at retirement (or its balance moved to the benefit place)
/// plus the temporary accounts gathered there; unknown, with why, when a
/// ledger cannot be computed. One `account_at_retirement` step.
pub(super) fn account_at_retirement(
    ctx: &Ctx<'_>,
    funds: Funds,
    claim: &Claim<'_>,
    tracer: &mut Tracer,
) -> Result<Decimal, String> {
    let (receipt_region, month) = (claim.receipt_region, claim.month);
    let relation_final = match funds.relation_moved_at_end {
        Some(a) => a,
        None => {
            let seg: Vec<PaidMonth> = ctx
                .paid
                .iter()
                .filter(|p| {
                    p.month >= funds.seg_start
                        && ctx
                            .stays
                            .get(p.stay)
                            .is_some_and(|s| s.holding == Holding::Relation)
                })
                .copied()
                .collect();
            ctx.ledger(
                funds.seg_start,
                &funds.seg_incoming,
                &seg,
                CloseEvent {
                    event: CloseKind::Retirement,
                    month,
                },
            )
        }
    };
    let mut total = relation_final;
    for a in funds.at_end {
        total = match (total, a) {
            (Ok(x), Ok(y)) => x.checked_add(y).ok_or_else(|| money::TOO_LARGE.to_string()),
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
    }
    tracer.step(|| {
        Step::new(
            "account_at_retirement",
            "退休时个人账户储存额",
            match &total {
                Ok(b) => b.to_string(),
                Err(_) => "unknown".into(),
            },
            match &total {
                Ok(_) => format!(
                    "the account at {receipt_region} in {month}: the relation's ledger closed at retirement (partial-year interest) plus temporary accounts gathered there"
                ),
                Err(why) => why.clone(),
            },
        )
    });
    total
}

fn money_step(
    mv: &Move,
    money: &Sourced<Rounding>,
    share: &Sourced<Decimal>,
    from: &Sourced<YearMonth>,
) -> Step {
    let pooled = mv
        .pooled_parts
        .iter()
        .map(|p| format!("{} × {} ({} months)", p.rate, p.bases.normalize(), p.months))
        .collect::<Vec<_>>()
        .join(" + ");
    let account = match (&mv.account, mv.account_from) {
        (Some(a), AccountFrom::Given) => format!("account {a} (given)"),
        (Some(a), _) => format!(
            "account {a} (ledger balance with the partial year's interest; before 1998 personal contributions only, 1998–2005 the 11 % credits, from 2006 the 8 % credits)"
        ),
        (None, _) => format!(
            "account unknown: {}",
            mv.account_unknown.clone().unwrap_or_default()
        ),
    };
    let what = match mv.kind {
        MoveKind::Relation => "the relation moves (第三条)",
        MoveKind::Temporary => {
            "the temporary account's money moves; pooled at the employer's actual rate where above the share (第五条; 人社部发〔2009〕187号)"
        }
        MoveKind::ToBenefitPlace => "the relation goes to the benefit place (第六条)",
    };
    let carried = if mv.pooled_carried.is_zero() {
        String::new()
    } else {
        format!(" + {} gathered from temporary accounts", mv.pooled_carried)
    };
    Step::new(
        "move",
        "转移资金",
        format!("{}→{}", mv.from, mv.to),
        format!(
            "{} {}→{}: {what}; {account}; pooled (统筹基金, no interest) = {}{carried} = {}, rounded ({}), months from {} only (国办发〔2009〕66号 第四条)",
            mv.month,
            mv.from,
            mv.to,
            if pooled.is_empty() { "0".into() } else { pooled },
            mv.pooled,
            money.value,
            from.value
        ),
    )
    .input("months_in_record", mv.months)
    .param(ParamUse::of(share))
    .param(ParamUse::of(from))
    .param(ParamUse::of(money))
}
