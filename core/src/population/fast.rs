//! The fast path of [`super::simulate`]: the rule set and the assumptions
//! resolved once into dense arrays ([`Plan`]), the population as columns
//! ([`Columns`]), and each person computed in integers on fixed decimal
//! scales (money 2, index 4, rates 4, divisor 1).
//!
//! Equality with the single path ([`super::evaluate`]) rests on three facts,
//! each checked where it is used:
//!
//! * sums and products of decimals with few places are exact in both paths
//!   (the plan refuses values with more places than the scales above);
//! * a division `n / d` rounded to the money or index scale is decided from
//!   the exact quotient here; the single path rounds a 28-digit quotient,
//!   which cannot cross a rounding boundary the exact one does not reach,
//!   since `n` and `d` have few places (the quotient's distance to a boundary
//!   is at least 1 / (2 d · 10^k), far above 10^-20);
//! * the average index, a sum of inexact quotients Σ base / X, is bounded
//!   here from below and above (reciprocals of X to 2^-72, the single path's
//!   error allowed for); when the bounds straddle a rounding boundary or the
//!   cap, [`Plan::compute`] returns `None` and the person goes the single path.
//!
//! Anything outside what the plan covers returns `None` too: invalid inputs
//! and errors (the single path reports them), other conventions, a
//! drifting index, years or months without data.

use rust_decimal::Decimal;

use super::{Outcome, Population, to_units};
use crate::annuity_divisor::annuity_divisor;
use crate::award::Category;
use crate::projection::{Assumptions, Economy, FigureSource};
use crate::rounding::RoundingMode;
use crate::rules::{
    DeemedRule, IndexDenominator, IndexWeighting, InterestConvention, PartialYearConvention,
    Snapshot, Timeline, TransitionalYears,
};
use crate::time::{Age, YearMonth};
use crate::trace::Tracer;

const MONEY: u32 = 2;
const INDEX: u32 = 4;
const RATE: u32 = 4;
const DIVISOR: u32 = 1;
const SHIFT: u32 = 72;
const AGE_LO: u32 = 40 * 12;
const AGE_HI: u32 = 72 * 12;

/// Rows as columns; persons the fast path cannot take (a row error, an
/// index with more than 4 places …) are marked and go the single path.
#[derive(Debug, Default)]
struct Part {
    ok: Vec<bool>,
    birth: Vec<YearMonth>,
    category: Vec<Category>,
    from: Vec<YearMonth>,
    retirement: Vec<Option<YearMonth>>,
    deemed: Vec<u32>,
    /// Constant index (scale 4), or 0 with a list.
    index: Vec<i64>,
    /// (offset, length) into `indexes`.
    list: Vec<(u32, u32)>,
    indexes: Vec<i32>,
    past_months: Vec<u32>,
    past_index: Vec<i64>,
    balance: Vec<i64>,
    birth_range: Option<(YearMonth, YearMonth)>,
}

/// Rows per part of [`Columns`] (a chunk of [`super::simulate`] is one part).
pub(super) const PART: usize = 4096;

/// The population as columns, in parts of [`PART`] rows built in parallel.
#[derive(Debug, Default)]
pub(super) struct Columns {
    parts: Vec<Part>,
    /// Earliest and latest birth month of the rows the fast path may take.
    pub(super) birth_range: Option<(YearMonth, YearMonth)>,
}

impl Columns {
    pub(super) fn new(population: &Population) -> Columns {
        let rows = &population.rows;
        #[cfg(feature = "parallel")]
        let parts: Vec<Part> = {
            use rayon::prelude::*;
            rows.par_chunks(PART).map(Part::of).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let parts: Vec<Part> = rows.chunks(PART).map(Part::of).collect();
        let birth_range = parts
            .iter()
            .filter_map(|p| p.birth_range)
            .reduce(|(a, b), (x, y)| (a.min(x), b.max(y)));
        Columns { parts, birth_range }
    }
}

impl Part {
    fn of(rows: &[Result<super::Person, crate::Error>]) -> Part {
        let n = rows.len();
        let mut c = Part {
            ok: Vec::with_capacity(n),
            birth: Vec::with_capacity(n),
            category: Vec::with_capacity(n),
            from: Vec::with_capacity(n),
            retirement: Vec::with_capacity(n),
            deemed: Vec::with_capacity(n),
            index: Vec::with_capacity(n),
            list: Vec::with_capacity(n),
            indexes: vec![],
            past_months: Vec::with_capacity(n),
            past_index: Vec::with_capacity(n),
            balance: Vec::with_capacity(n),
            birth_range: None,
        };
        let pos = |d: Decimal, s: u32| to_units(d, s).filter(|x| *x > 0);
        for row in rows {
            let mut ok = false;
            let (mut birth, mut cat, mut from, mut ret, mut deemed) = (
                YearMonth::of(chrono::NaiveDate::MIN),
                Category::Male,
                YearMonth::of(chrono::NaiveDate::MIN),
                None,
                0,
            );
            let (mut index, mut list, mut pm, mut pi, mut bal) = (0, (0, 0), 0, 0, 0);
            if let Ok(p) = row
                && p.is_plausible()
            {
                birth = p.birth;
                cat = p.category;
                from = p.first_contribution;
                ret = p.retirement_month;
                deemed = p.deemed_months;
                pm = p.contribution_months;
                let past_ok = match (pm, p.average_index) {
                    (0, None) => true,
                    (m, Some(x)) if m > 0 => to_units(x, INDEX)
                        .filter(|v| *v >= 0)
                        .map(|v| pi = v)
                        .is_some(),
                    _ => false,
                };
                let bal_ok = match p.account_balance {
                    None => true,
                    Some(b) => to_units(b, MONEY)
                        .filter(|v| *v >= 0)
                        .map(|v| bal = v)
                        .is_some(),
                };
                let index_ok = match (p.index, &p.indexes) {
                    (Some(x), None) => pos(x, INDEX).map(|v| index = v).is_some(),
                    (None, Some(l)) => {
                        let at = c.indexes.len();
                        let all = l.0.iter().all(|x| {
                            match pos(*x, INDEX).and_then(|v| i32::try_from(v).ok()) {
                                Some(v) => {
                                    c.indexes.push(v);
                                    true
                                }
                                None => false,
                            }
                        });
                        match (u32::try_from(at), u32::try_from(l.0.len())) {
                            (Ok(s), Ok(n)) if all => {
                                list = (s, n);
                                true
                            }
                            _ => {
                                c.indexes.truncate(at);
                                false
                            }
                        }
                    }
                    _ => false,
                };
                ok = past_ok && bal_ok && index_ok;
                if ok {
                    c.birth_range = Some(match c.birth_range {
                        None => (birth, birth),
                        Some((lo, hi)) => (lo.min(birth), hi.max(birth)),
                    });
                }
            }
            c.ok.push(ok);
            c.birth.push(birth);
            c.category.push(cat);
            c.from.push(from);
            c.retirement.push(ret);
            c.deemed.push(deemed);
            c.index.push(index);
            c.list.push(list);
            c.past_months.push(pm);
            c.past_index.push(pi);
            c.balance.push(bal);
        }
        c
    }
}

/// Per-person scratch: the flows of the last person computed (no
/// allocation once warm).
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Year of `flows[0]`.
    pub(super) start: i32,
    /// Employer and individual contributions by year ([`UNKNOWN`] without a rate).
    pub(super) flows: Vec<(i64, i64)>,
    /// The last outcome's total (money scale 2) and replacement rate (scale 4).
    pub(super) total: i64,
    pub(super) rate: i64,
}

/// A year's contributions that the rule set has no rate for.
pub(super) const UNKNOWN: i64 = i64::MIN;

/// A rate that may change within a year: constant, or by month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRate {
    Const(Option<i64>),
    Varies,
}

/// What a year needs, in one place.
#[derive(Debug, Clone, Copy)]
struct YearData {
    /// The average wage X (money units; 0 when none) and 2^72 / X.
    wage: i64,
    recip: u64,
    /// Whether the year closes by `annual_1083` with a known 记账利率.
    closes: bool,
    /// 记账利率 and the 1.083 factor (scale 4).
    rate: i64,
    factor: i64,
    credit: YearRate,
    employer: YearRate,
    individual: YearRate,
    /// Credit, employer and individual rates when all three are known and
    /// constant through the year.
    simple: Option<(i64, i64, i64)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct IndexRules {
    denominator: IndexDenominator,
    deemed: DeemedRule,
    cap: Option<i64>,
    mode: RoundingMode,
    /// The range of an input index ([`crate::bounds::index_range`]), in
    /// index units: a row outside it goes the single path, which refuses it.
    range: (i64, i64),
}

#[derive(Debug, Clone, Copy)]
struct AwardMonth {
    min_months: u32,
    basic_rate: i64,
    /// (k, which years) or none when the rule set has no transitional pension.
    transitional: Option<(i64, TransitionalYears)>,
    /// Months of the retirement year earning interest beyond m − 1.
    partial_extra: u32,
    divisors: usize,
    index: IndexRules,
    established: Option<YearMonth>,
}

/// The rule set and the assumptions, resolved once for a run.
#[derive(Debug)]
pub(super) struct Plan {
    first_year: i32,
    first_month: YearMonth,
    money_mode: RoundingMode,
    /// Whether every month's index rounding is half-up.
    index_half_up: bool,
    /// By year from `first_year`.
    years: Vec<YearData>,
    bases: Vec<Option<(i64, Decimal, FigureSource)>>,
    /// By month from `first_month`.
    credit_m: Vec<Option<i64>>,
    employer_m: Vec<Option<i64>>,
    individual_m: Vec<Option<i64>>,
    award_m: Vec<Option<AwardMonth>>,
    /// Divisor tables by regime, by age in months from AGE_LO.
    divisors: Vec<Vec<Option<(Decimal, i64)>>>,
    /// Statutory month by category and birth month.
    statutory: [Vec<Option<YearMonth>>; 3],
    birth_lo: YearMonth,
}

fn cat_index(c: Category) -> usize {
    match c {
        Category::Male => 0,
        Category::Female50 => 1,
        Category::Female55 => 2,
    }
}

/// Position of the version of `t` in force on `date`.
fn version<T: Clone>(t: &Timeline<T>, date: chrono::NaiveDate) -> Option<usize> {
    let mut found = None;
    for (i, (from, until, _)) in t.versions().enumerate() {
        if from <= date && until.is_none_or(|u| date <= u) {
            found = Some(i);
        }
    }
    found
}

impl Plan {
    /// `None` when the rule set or the assumptions fall outside what the
    /// fast path covers (then every person goes the single path).
    pub(super) fn new(
        snap: &Snapshot,
        assumptions: &Assumptions,
        birth_range: Option<(YearMonth, YearMonth)>,
        first: i32,
        last: i32,
    ) -> Option<Plan> {
        if assumptions.wage_growth.is_some()
            || !snap.rounding.years.is_empty()
            || !snap.follows_the_national_skeleton()
        {
            return None;
        }
        let first_year = first - 1;
        let first_month = YearMonth::new(first_year, 1)?;
        let last_month = YearMonth::new(last, 12)?;
        let months = usize::try_from(last_month.months_since(first_month) + 1).ok()?;
        let month = |i: usize| first_month.add_months(i32::try_from(i).unwrap_or(i32::MAX));

        // Money rounding: one rule at scale 2 over the whole range.
        let mut money_mode = None;
        for (_, _, r) in snap.rounding.money.versions() {
            if r.value.scale != MONEY
                || r.value.step.is_some()
                || r.value.mode == RoundingMode::UpAfterTruncate
                || money_mode.is_some_and(|m| m != r.value.mode)
            {
                return None;
            }
            money_mode = Some(r.value.mode);
        }
        let money_mode = money_mode?;

        let economy = Economy::new(snap, assumptions, first_year - 1, last);
        let years = usize::try_from(last - first_year + 1).ok()?;
        let year = |i: usize| first_year + i32::try_from(i).unwrap_or(i32::MAX);
        // X of at least 2^8 fen keeps 2^72 / X within 64 bits.
        let wages: Vec<Option<(i64, u64)>> = (0..years)
            .map(|i| {
                let x = to_units(economy.average_wage(year(i)).ok()?.value, MONEY)?;
                let r = (1u128 << SHIFT) / u128::try_from(x).ok().filter(|x| *x >= 256)?;
                Some((x, u64::try_from(r).ok()?))
            })
            .collect();
        let bases = (0..years)
            .map(|i| {
                let f = economy.pension_base(year(i)).ok()?;
                Some((to_units(f.value, MONEY)?, f.value, f.source))
            })
            .collect();
        let interest: Vec<Option<(i64, i64)>> = (0..years)
            .map(|i| {
                let end = chrono::NaiveDate::from_ymd_opt(year(i), 12, 31)?;
                if snap.account.interest_convention.at(end).ok()?.value
                    != InterestConvention::Annual1083
                {
                    return None;
                }
                let f = to_units(
                    snap.account.annual_interest_factor.at(end).ok()?.value,
                    RATE,
                )?;
                let r = to_units(economy.interest_rate(year(i)).ok()?.value, RATE)?;
                Some((r, f))
            })
            .collect();
        let per_month = |t: &Timeline<Decimal>| -> Vec<Option<i64>> {
            (0..months)
                .map(|i| to_units(t.in_month(month(i)).ok()?.value, RATE))
                .collect()
        };
        let credit_m = per_month(&snap.account.credit_rate);
        let employer_m = per_month(&snap.contribution.employer_rate);
        let individual_m = per_month(&snap.contribution.individual_rate);
        let by_year = |m: &[Option<i64>]| -> Vec<YearRate> {
            (0..years)
                .map(|i| {
                    let s = &m[i * 12..(i * 12 + 12).min(m.len())];
                    match s.first() {
                        Some(v) if s.iter().all(|x| x == v) => YearRate::Const(*v),
                        _ => YearRate::Varies,
                    }
                })
                .collect()
        };

        // Award rules by retirement month; divisor tables by regime.
        let mut regimes: Vec<(Option<usize>, Option<usize>, Option<usize>)> = vec![];
        let mut divisors = vec![];
        let mut award_m = Vec::with_capacity(months);
        for i in 0..months {
            let m = month(i);
            let d = m.first_day();
            let key = (
                version(&snap.award.annuity_divisor, d),
                version(&snap.award.divisor_month_rule, d),
                version(&snap.rounding.divisor, d),
            );
            let regime = match regimes.iter().position(|k| *k == key) {
                Some(r) => r,
                None => {
                    let table: Vec<Option<(Decimal, i64)>> = (AGE_LO..AGE_HI)
                        .map(|a| {
                            let v = annuity_divisor(
                                snap,
                                Age::from_months(a),
                                d,
                                &mut Tracer::new(false),
                            )
                            .ok()?;
                            Some((v, to_units(v, DIVISOR).filter(|x| *x > 0)?))
                        })
                        .collect();
                    regimes.push(key);
                    divisors.push(table);
                    regimes.len() - 1
                }
            };
            let am = (|| {
                let transitional = match snap.award.transitional_coefficient.is_empty() {
                    true => None,
                    false => Some((
                        to_units(snap.award.transitional_coefficient.at(d).ok()?.value, RATE)?,
                        snap.award.transitional_years.at(d).ok()?.value,
                    )),
                };
                let (w, r) = (
                    snap.award.index_weighting.at(d).ok()?,
                    snap.rounding.index.at(d).ok()?,
                );
                if w.value != IndexWeighting::Monthly
                    || r.value.scale != INDEX
                    || r.value.step.is_some()
                    || r.value.mode == RoundingMode::UpAfterTruncate
                {
                    return None;
                }
                let index = IndexRules {
                    denominator: snap.award.index_denominator.at(d).ok()?.value,
                    deemed: snap.award.index_deemed.at(d).ok()?.value,
                    cap: match snap.award.index_cap.is_empty() {
                        true => None,
                        false => Some(to_units(snap.award.index_cap.at(d).ok()?.value, INDEX)?),
                    },
                    mode: r.value.mode,
                    range: crate::bounds::index_range(snap, d)
                        .and_then(|r| {
                            Some((to_units(*r.start(), INDEX)?, to_units(*r.end(), INDEX)?))
                        })
                        .unwrap_or((0, i64::MAX)),
                };
                Some(AwardMonth {
                    index,
                    established: snap.account.established.at(d).ok().map(|s| s.value),
                    min_months: crate::retirement::min_contribution_months(snap, m)
                        .ok()?
                        .value,
                    basic_rate: to_units(snap.award.basic_rate_per_year.at(d).ok()?.value, RATE)?,
                    transitional,
                    partial_extra: match snap
                        .account
                        .partial_year_convention
                        .in_month(m)
                        .ok()?
                        .value
                    {
                        PartialYearConvention::MonthsBeforeEvent => 0,
                        PartialYearConvention::MonthsThroughEvent => 1,
                    },
                    divisors: regime,
                })
            })();
            award_m.push(am);
        }

        let (birth_lo, birth_hi) = birth_range?;
        let births = usize::try_from(birth_hi.months_since(birth_lo) + 1).ok()?;
        let statutory = [Category::Male, Category::Female50, Category::Female55].map(|c| {
            (0..births)
                .map(|i| {
                    let b = birth_lo.add_months(i32::try_from(i).unwrap_or(i32::MAX));
                    crate::retirement::statutory(snap, b, c)
                        .ok()
                        .map(|s| s.month)
                })
                .collect()
        });
        let index_half_up = award_m
            .iter()
            .flatten()
            .all(|a| a.index.mode == RoundingMode::HalfUp);
        Some(Plan {
            first_year,
            first_month,
            money_mode,
            index_half_up,
            years: {
                let (cy, ey, iy) = (
                    by_year(&credit_m),
                    by_year(&employer_m),
                    by_year(&individual_m),
                );
                (0..years)
                    .map(|i| {
                        let (wage, recip) = wages[i].unwrap_or((0, 0));
                        let (closes, (rate, factor)) = match interest[i] {
                            Some(v) => (true, v),
                            None => (false, (0, 0)),
                        };
                        YearData {
                            wage,
                            recip,
                            closes,
                            rate,
                            factor,
                            credit: cy[i],
                            employer: ey[i],
                            individual: iy[i],
                            simple: match (cy[i], ey[i], iy[i]) {
                                (
                                    YearRate::Const(Some(c)),
                                    YearRate::Const(Some(e)),
                                    YearRate::Const(Some(d)),
                                ) => Some((c, e, d)),
                                _ => None,
                            },
                        }
                    })
                    .collect()
            },
            bases,
            credit_m,
            employer_m,
            individual_m,
            award_m,
            divisors,
            statutory,
            birth_lo,
        })
    }

    fn year_at(&self, y: i32) -> Option<usize> {
        usize::try_from(y - self.first_year).ok()
    }
    fn month_at(&self, m: YearMonth) -> Option<usize> {
        usize::try_from(m.months_since(self.first_month)).ok()
    }

    /// Σ over months `a ..= b` (1–12) of year `yi` of round(base × rate):
    /// `None` when some month has no rate.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn monthly_sum<R: Round>(
        &self,
        round: R,
        rate: YearRate,
        by_month: &[Option<i64>],
        yi: usize,
        a: u32,
        b: u32,
        base: i64,
    ) -> Option<i64> {
        match rate {
            YearRate::Const(r) => {
                let one = round.div(base.checked_mul(r?)?, 10_000);
                one.checked_mul(i64::from(b - a + 1))
            }
            YearRate::Varies => {
                let mut sum = 0i64;
                for n in a..=b {
                    let r = (*by_month.get(yi * 12 + usize::try_from(n - 1).ok()?)?)?;
                    sum = sum.checked_add(round.div(base.checked_mul(r)?, 10_000))?;
                }
                Some(sum)
            }
        }
    }

    /// One person, or `None` for the single path.
    pub(super) fn compute(&self, c: &Columns, i: usize, scratch: &mut Scratch) -> Option<Outcome> {
        if self.money_mode == RoundingMode::HalfUp && self.index_half_up {
            self.career(c, i, scratch, HalfUp, HalfUp)
        } else {
            let index = self.award_m.iter().flatten().next()?.index.mode;
            self.career(c, i, scratch, self.money_mode, index)
        }
    }

    #[inline(always)]
    fn career<R: Round, Q: Round>(
        &self,
        columns: &Columns,
        i: usize,
        scratch: &mut Scratch,
        mode: R,
        index_mode: Q,
    ) -> Option<Outcome> {
        scratch.flows.clear();
        let (c, i) = (columns.parts.get(i / PART)?, i % PART);
        if !*c.ok.get(i)? {
            return None;
        }
        let (birth, cat, from) = (c.birth[i], c.category[i], c.from[i]);
        let (retirement, statutory) = match c.retirement[i] {
            Some(m) => (m, false),
            None => {
                let k = usize::try_from(birth.months_since(self.birth_lo)).ok()?;
                ((*self.statutory[cat_index(cat)].get(k)?)?, true)
            }
        };
        // ProjectionInput::validate, in short.
        let (pm, balance0) = (c.past_months[i], c.balance[i]);
        if from <= birth || from > retirement || retirement <= birth {
            return None;
        }
        if (pm > 0 || balance0 != 0) && from.month() != 1 {
            return None;
        }
        let last = retirement.add_months(-1);
        if from > last {
            return None; // no projected month: the single path keeps the past index as given
        }
        let (y0, y_last, ry) = (from.year(), last.year(), retirement.year());
        let (off, len) = c.list[i];
        if len > 0 && i64::from(len) < i64::from(y_last - y0 + 1) {
            return None;
        }
        let am = (*self.award_m.get(self.month_at(retirement)?)?)?;
        // ProjectionInput::bounds, in short: out of range goes the single path.
        let (lo, hi) = am.index.range;
        let in_range = |x: i64| lo <= x && x <= hi;
        let listed = c
            .indexes
            .get(off as usize..(off as usize).checked_add(len as usize)?)?;
        if (len == 0 && !in_range(c.index[i]))
            || !listed.iter().all(|x| in_range(i64::from(*x)))
            || c.past_index[i] > hi
            || pm > crate::bounds::MAX_MONTHS
            || c.deemed[i] > crate::bounds::MAX_MONTHS
        {
            return None;
        }
        if am.index.deemed == DeemedRule::Included && c.deemed[i] > 0 {
            return None;
        }
        let den_shift = match am.index.denominator {
            IndexDenominator::BaseSettingYear => 1,
            IndexDenominator::SameYear => 0,
        };

        let mut balance = balance0;
        let (mut acc, mut err_units, mut counted, mut paid, mut pre_account) =
            (0u128, 0u128, 0u64, 0u32, 0u32);
        let mut final_base = 0i64;
        // Months of the retirement year earning interest at its close.
        let kk = retirement.month() - 1 + am.partial_extra;
        let (e_year, e_month) = am
            .established
            .map_or((i32::MIN, 1), |e| (e.year(), e.month()));
        let yi0 = self.year_at(y0)?;
        let years = self.years.get(yi0..=self.year_at(ry)?)?;
        let dens = self.years.get(yi0.checked_sub(den_shift)?..)?;
        let list = if len > 0 {
            let o = usize::try_from(off).ok()?;
            c.indexes.get(o..o + usize::try_from(len).ok()?)?
        } else {
            &[]
        };
        scratch.start = y0;
        for (j, yd) in years.iter().enumerate() {
            let y = y0 + i32::try_from(j).ok()?;
            if !yd.closes {
                return None;
            }
            let (mut credit_sum, mut weighted) = (0i64, 0i64);
            if let (Some((cr_rate, er_rate, ir_rate)), true) =
                (yd.simple, j > 0 && y < y_last && y > e_year)
            {
                // A whole year at rates constant in it (most years).
                let idx = if len > 0 {
                    i64::from(*list.get(j)?)
                } else {
                    c.index[i]
                };
                let den = dens.get(j)?;
                let base = mode.div(idx.checked_mul(den.wage)?, 10_000);
                if base <= 0 || den.wage <= 0 {
                    return None;
                }
                final_base = base;
                paid += 12;
                counted += 12;
                let base_sum = u64::try_from(base).ok()?.checked_mul(12)?;
                acc = acc.checked_add(u128::from(base_sum) * u128::from(den.recip))?;
                err_units += u128::from(base_sum);
                let cr = mode.div(base.checked_mul(cr_rate)?, 10_000);
                credit_sum = cr.checked_mul(12)?;
                let employer = mode
                    .div(base.checked_mul(er_rate)?, 10_000)
                    .checked_mul(12)?;
                let individual = if ir_rate == cr_rate {
                    credit_sum
                } else {
                    mode.div(base.checked_mul(ir_rate)?, 10_000)
                        .checked_mul(12)?
                };
                scratch.flows.push((employer, individual));
            } else if y <= y_last {
                let a = if j == 0 { from.month() } else { 1 };
                let b = if y == y_last { last.month() } else { 12 };
                let k = b - a + 1;
                let idx = if len > 0 {
                    i64::from(*list.get(j)?)
                } else {
                    c.index[i]
                };
                let den = dens.get(j)?;
                if den.wage <= 0 {
                    return None;
                }
                let base = mode.div(idx.checked_mul(den.wage)?, 10_000);
                if base <= 0 {
                    return None;
                }
                final_base = base;
                paid += k;
                counted += u64::from(k);
                // base × k < 2^64 and 2^72 / X < 2^64 (X ≥ 2^8): one multiply.
                let base_sum = u64::try_from(base).ok()?.checked_mul(u64::from(k))?;
                acc = acc.checked_add(u128::from(base_sum) * u128::from(den.recip))?;
                err_units += u128::from(base_sum);
                // Account credits from the month the accounts began.
                let ca = if y < e_year {
                    13
                } else if y == e_year {
                    a.max(e_month)
                } else {
                    a
                };
                pre_account += ca.min(b + 1).saturating_sub(a);
                let mut credit_month = None;
                if ca <= b {
                    match yd.credit {
                        YearRate::Const(r) => {
                            let r = r?;
                            let cr = mode.div(base.checked_mul(r)?, 10_000);
                            credit_month = Some((r, cr));
                            credit_sum = cr.checked_mul(i64::from(b - ca + 1))?;
                            if y == ry {
                                weighted = cr.checked_mul(weight(ca, b, kk))?;
                            }
                        }
                        YearRate::Varies => {
                            let yi = yi0 + j;
                            for n in ca..=b {
                                let r = (*self
                                    .credit_m
                                    .get(yi * 12 + usize::try_from(n - 1).ok()?)?)?;
                                let cr = mode.div(base.checked_mul(r)?, 10_000);
                                credit_sum = credit_sum.checked_add(cr)?;
                                if y == ry && n <= kk {
                                    weighted = weighted
                                        .checked_add(cr.checked_mul(i64::from(kk + 1 - n))?)?;
                                }
                            }
                        }
                    }
                }
                let yi = yi0 + j;
                let employer =
                    self.monthly_sum(mode, yd.employer, &self.employer_m, yi, a, b, base);
                let individual = match (credit_month, yd.individual) {
                    // The same rate as the credit: the same rounded amount.
                    (Some((r, cr)), YearRate::Const(Some(ir))) if r == ir => {
                        cr.checked_mul(i64::from(k))
                    }
                    _ => self.monthly_sum(mode, yd.individual, &self.individual_m, yi, a, b, base),
                };
                scratch
                    .flows
                    .push((employer.unwrap_or(UNKNOWN), individual.unwrap_or(UNKNOWN)));
            }
            // The year's close: a full year by the 1997 annual formula, the
            // retirement year by months earning interest.
            let interest = if y < ry {
                // B × r + A × r × f / 2, times 2 × 10^8 (fen, rates and factor at 4 places).
                let n = balance
                    .checked_mul(20_000)?
                    .checked_add(credit_sum.checked_mul(yd.factor)?)?
                    .checked_mul(yd.rate)?;
                mode.div(n, 200_000_000)
            } else {
                // (B × k + Σ cₙ × (k + 1 − n)) × r / 12.
                let n = balance
                    .checked_mul(i64::from(kk))?
                    .checked_add(weighted)?
                    .checked_mul(yd.rate)?;
                mode.div(n, 120_000)
            };
            balance = balance.checked_add(credit_sum)?.checked_add(interest)?;
        }

        // Ī: the exact mean lies in [lo, hi] (units 2^-72 × 10^-4).
        let mut counted_all = counted;
        if pm > 0 {
            let p = u128::try_from(c.past_index[i]).ok()? * u128::from(pm);
            acc = acc.checked_add((p << SHIFT) / 10_000)?;
            err_units += 1;
            counted_all += u64::from(pm);
        }
        let n = u128::from(counted_all);
        let lo = acc.checked_mul(10_000)? / n;
        // The floor errors add at most err × 10^4 / n (+1 for the two floors).
        let err = u64::try_from(err_units.checked_mul(10_000)?).ok()? / counted_all + 2;
        let hi = lo.checked_add(u128::from(err))?;
        let slack = 1u128 << 40;
        let (lo, hi) = (lo.saturating_sub(slack), hi.checked_add(slack)?);
        let average_index = match am.index.cap {
            Some(cap) => {
                let cap_t = u128::try_from(cap).ok()? << SHIFT;
                if lo > cap_t {
                    cap
                } else if hi < cap_t {
                    round_interval(lo, hi, am.index.mode)?
                } else {
                    return None;
                }
            }
            None => round_interval(lo, hi, am.index.mode)?,
        };

        // The award (国发〔2005〕38号 第六条), as crate::award computes it.
        let total_months = pm.checked_add(paid)?;
        let deemed = c.deemed[i];
        let all_months = total_months.checked_add(deemed)?;
        if all_months < am.min_months {
            return None;
        }
        let (cf, c_dec, c_source) = (*self.bases.get(self.year_at(ry)?)?)?;
        let age = u32::try_from(retirement.months_since(birth)).ok()?;
        let (m_dec, m_units) = (*self
            .divisors
            .get(am.divisors)?
            .get(usize::try_from(age.checked_sub(AGE_LO)?).ok()?)?)?;
        let basic = mode.div(
            cf.checked_mul(10_000 + average_index)?
                .checked_mul(i64::from(all_months))?
                .checked_mul(am.basic_rate)?,
            2_400_000_000,
        );
        let account = mode.div(balance.checked_mul(10)?, m_units);
        let transitional = match am.transitional {
            None => 0,
            Some((k, which)) => {
                let t_months = match which {
                    TransitionalYears::DeemedOnly => deemed,
                    TransitionalYears::DeemedAndPreAccount => deemed.checked_add(pre_account)?,
                };
                mode.div(
                    cf.checked_mul(average_index)?
                        .checked_mul(i64::from(t_months))?
                        .checked_mul(k)?,
                    1_200_000_000,
                )
            }
        };
        let total = basic.checked_add(account)?.checked_add(transitional)?;
        let rr = index_mode.div(total.checked_mul(10_000)?, final_base);
        let money = |v: i64| Decimal::new(v, MONEY);
        scratch.total = total;
        scratch.rate = rr;
        Some(Outcome {
            retirement_month: retirement,
            statutory,
            contribution_months: total_months,
            deemed_months: deemed,
            average_index: Decimal::new(average_index, INDEX),
            account_balance: money(balance),
            pension_base: c_dec,
            pension_base_source: c_source,
            divisor: m_dec,
            basic_pension: money(basic),
            account_pension: money(account),
            transitional_pension: money(transitional),
            total: money(total),
            final_base: Some(money(final_base)),
            replacement_rate: Some(Decimal::new(rr, INDEX)),
        })
    }
}

/// Σ_{n = a}^{min(b, k)} (k + 1 − n): the months each credit earns at a
/// partial-year close after k months.
#[inline(always)]
fn weight(a: u32, b: u32, k: u32) -> i64 {
    let hi = b.min(k);
    if hi < a {
        return 0;
    }
    let count = i64::from(hi - a + 1);
    count * i64::from(k + 1) - (i64::from(a) + i64::from(hi)) * count / 2
}

/// Rounding of an exact quotient; [`HalfUp`] is the common rule, without
/// branches, and any [`RoundingMode`] works too.
trait Round: Copy {
    fn div(self, n: i64, d: i64) -> i64;
}

#[derive(Debug, Clone, Copy)]
struct HalfUp;

impl Round for HalfUp {
    /// Half away from zero: ⌊(2|n| + d) / 2d⌋ with n's sign (d > 0).
    #[inline(always)]
    fn div(self, n: i64, d: i64) -> i64 {
        const LIMIT: i64 = i64::MAX / 4;
        if (0..=LIMIT).contains(&n) && d <= LIMIT {
            return (2 * n + d) / (2 * d);
        }
        rdiv(n, d, RoundingMode::HalfUp)
    }
}

impl Round for RoundingMode {
    #[inline(always)]
    fn div(self, n: i64, d: i64) -> i64 {
        rdiv(n, d, self)
    }
}

/// `n / d` rounded to an integer by `mode` (d > 0), from the exact quotient.
#[inline(always)]
fn rdiv(n: i64, d: i64, mode: RoundingMode) -> i64 {
    let (q, r) = (n / d, n % d);
    if r == 0 {
        return q;
    }
    let away = if n < 0 { -1 } else { 1 };
    let twice = 2 * r.abs();
    let up = match mode {
        RoundingMode::Down => false,
        RoundingMode::Up => true,
        RoundingMode::HalfUp => twice >= d,
        RoundingMode::HalfEven => twice > d || (twice == d && q % 2 != 0),
        // Up unless nothing is left one place further down.
        RoundingMode::UpAfterTruncate => i128::from(r.abs()) * 10 >= i128::from(d),
    };
    if up { q + away } else { q }
}

/// The rounding of every value in [lo, hi] (units of 2^-72), when one.
fn round_interval(lo: u128, hi: u128, mode: RoundingMode) -> Option<i64> {
    let one = 1u128 << SHIFT;
    let half = one >> 1;
    let (a, b) = match mode {
        // A boundary at n + ½: both ends must fall between the same two.
        RoundingMode::HalfUp | RoundingMode::HalfEven => {
            ((lo + half) >> SHIFT, (hi + half) >> SHIFT)
        }
        RoundingMode::Down => (lo >> SHIFT, hi >> SHIFT),
        RoundingMode::Up => ((lo + one - 1) >> SHIFT, (hi + one - 1) >> SHIFT),
        RoundingMode::UpAfterTruncate => return None,
    };
    // Also refuse an end exactly on a boundary (a tie decided by the mode).
    let on_boundary = |x: u128| match mode {
        RoundingMode::HalfUp | RoundingMode::HalfEven => (x + half).is_multiple_of(one),
        RoundingMode::Down | RoundingMode::Up | RoundingMode::UpAfterTruncate => {
            x.is_multiple_of(one)
        }
    };
    (a == b && !on_boundary(lo) && !on_boundary(hi)).then(|| i64::try_from(a).ok())?
}
