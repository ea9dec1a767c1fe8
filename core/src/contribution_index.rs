//! 本人平均缴费指数 — the average contribution index Ī of 国发〔2005〕38号 第六条,
//! derived from a contribution history.
//!
//! The national text defines Ī only as "本人指数化月平均缴费工资 ÷ C"; the
//! labour-ministry explanation writes it `Ī = (x1/X1 + … + xn/Xn) / n`
//! (国发〔2005〕38号, docs/sources.md §1.6). Provinces fill in the details differently,
//! so each one is a named variant chosen by the rule set (`award.index_*`):
//!
//! * weighting: each month counts once (`monthly`), or each calendar year's
//!   mean ratio counts once (`yearly`);
//! * denominator `X`: the average wage that set that year's base, i.e. the
//!   previous calendar year's (`base_setting_year`), or the same year's
//!   (`same_year`) — Shaanxi's two readings (docs/sources.md §10.3);
//! * gaps (断缴) inside the contribution era: ratio 0 and counted (`zero`,
//!   Shaanxi "应缴纳年限"), or left out (`skip`);
//! * deemed (视同) months: out of the average (`excluded`) or in it with the
//!   deemed index (`included`);
//! * an optional cap on the average (`award.index_cap`, Shaanxi 3.0) and the
//!   index rounding (`rounding.index`).
//!
//! Careers across places (跨省流动): a paid span whose `region` has a rule
//! set other than this one is divided by THAT place's average wage (its
//! `award.average_wage`, by its own `award.index_denominator`), as the
//! indices are recorded where the contributions were paid (国办发〔2009〕66号,
//! 人社部发〔2009〕187号); the place and its source show in the trace. The
//! caller resolves the places ([`History::places`]; the Engine does it from
//! the catalog); spans without a region, or in this rule set's own place,
//! use this rule set's wages.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, InputErrors};
use crate::money::too_large;
use crate::rules::{DeemedRule, GapRule, IndexDenominator, IndexWeighting, Snapshot};
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Tracer};

/// What a span of the history is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// Contributions paid (实际缴费), possibly later (补缴, see `paid_in`).
    #[default]
    Paid,
    /// Deemed contribution years (视同缴费年限) from the personnel file.
    Deemed,
    /// Months the person owed but did not pay (断缴), declared explicitly.
    Gap,
}

pub use crate::contribution::Employment;

/// One span of months in a contribution history (both ends included).
///
/// The vector format's history entry (`from`, `to`, `base`, `region`,
/// `employment`), extended with `kind`, `paid_in` and `index`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First month.
    pub from: YearMonth,
    /// Last month (included).
    pub to: YearMonth,
    /// Paid (default), deemed or gap.
    #[serde(default)]
    pub kind: SpanKind,
    /// Monthly contribution base (缴费基数), required for paid spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Decimal>,
    /// GB/T 2260 code of the place paid to: where another rule set covers
    /// it, its average wages divide this span's bases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Employee (default) or flexible employment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment: Option<Employment>,
    /// For a back payment (补缴): the month it was paid. The months still
    /// count as the months they cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_in: Option<YearMonth>,
    /// For a deemed span: its deemed index (视同缴费指数), used only where
    /// deemed months enter the average (`award.index_deemed = included`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
}

impl Span {
    fn months(&self) -> u32 {
        u32::try_from(self.to.months_since(self.from) + 1).unwrap_or(0)
    }
}

/// A contribution history and what the index needs besides the rules.
#[derive(Debug, Clone, Default)]
pub struct History<'a> {
    /// The spans, in any order; they must not overlap.
    pub spans: &'a [Span],
    /// Deemed index for deemed spans without their own `index`.
    pub deemed_index: Option<Decimal>,
    /// Average wages by year that override (or add to) `award.average_wage`
    /// — e.g. a same-year wage not yet in the rule set.
    pub average_wages: Option<&'a BTreeMap<i32, Decimal>>,
    /// Other places' rules by the spans' `region` codes: a paid span whose
    /// region is a key here is divided by that place's average wages. A
    /// region not in it is this rule set's own.
    pub places: Option<&'a BTreeMap<String, Snapshot>>,
}

/// One calendar year of the index.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct YearIndex {
    /// Calendar year.
    pub year: i32,
    /// Months paid.
    pub paid_months: u32,
    /// Gap months counted with ratio 0 (`index_gaps = zero`).
    pub gap_months: u32,
    /// Deemed months counted with the deemed index (`index_deemed = included`).
    pub deemed_months: u32,
    /// Year of the average wage that divides this year's bases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator_year: Option<i32>,
    /// That average wage (monthly).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Decimal>,
    /// Whether it came from the input's `average_wages` (not the rule set).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub denominator_given: bool,
    /// Sum of the monthly bases paid (in this rule set's place).
    pub base_sum: Decimal,
    /// Months of the year paid in other places, each divided by that
    /// place's average wage.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<PlaceYear>,
    /// Sum of the monthly ratios (base / X, deemed index, or 0).
    pub ratio_sum: Decimal,
    /// The year's index: `ratio_sum` / counted months (exact).
    pub index: Decimal,
}

/// The months paid in a province's transitional window and their average
/// index (Beijing G实: 1992-10 … 1998-06, index Z实), derived from a history.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WindowIndex {
    /// First month of the window (the account start).
    pub from: YearMonth,
    /// Last month (`award.transitional_window_end`, included).
    pub to: YearMonth,
    /// Months paid in it.
    pub months: u32,
    /// Their average index (the index rounding), where any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// The exact sum of their monthly indices (base / average wage, month by
    /// month): the weighted-years method's Σ (Guangdong 1994-01 … 1998-06).
    pub index_sum: Decimal,
    /// Months paid before the window (in this place): weighted with the
    /// 视同缴费指数 by the weighted-years method (Guangdong: up to 1993-12).
    pub months_before: u32,
}

/// A year's months paid in another place and the wage that divides them.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PlaceYear {
    /// The span's GB/T 2260 code.
    pub region: String,
    /// The rule set whose average wage was used.
    pub ruleset: String,
    /// Months paid there in the year.
    pub paid_months: u32,
    /// Sum of their monthly bases.
    pub base_sum: Decimal,
    /// Year of that place's average wage.
    pub denominator_year: i32,
    /// That average wage (monthly).
    pub denominator: Decimal,
}

/// The average index and the summary figures of a history.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct IndexResult {
    /// Ī as used by the award: exact mean, capped, then rounded.
    pub average_index: Decimal,
    /// The exact mean before cap and rounding.
    pub exact: Decimal,
    /// Whether the cap lowered it.
    pub capped: bool,
    /// Variants used.
    pub weighting: IndexWeighting,
    /// Variant used.
    pub denominator: IndexDenominator,
    /// Variant used.
    pub gaps: GapRule,
    /// Variant used.
    pub deemed: DeemedRule,
    /// Months actually paid (实际缴费月数).
    pub contribution_months: u32,
    /// Deemed months (视同缴费月数).
    pub deemed_months: u32,
    /// Gap months inside the contribution era (declared or between spans).
    pub gap_months: u32,
    /// Paid months that were back payments (补缴).
    pub back_paid_months: u32,
    /// Paid months under flexible employment.
    pub flexible_months: u32,
    /// Paid months before the individual account began (`account.established`).
    pub pre_account_months: u32,
    /// The transitional window's months and index (from the account start
    /// to `award.transitional_window_end`), where the rule set has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<WindowIndex>,
    /// Units in the mean's denominator: months (`monthly`) or years (`yearly`).
    pub counted: u32,
    /// Per-year detail.
    pub years: Vec<YearIndex>,
}

/// Check the spans against each other and the retirement month; every
/// problem is returned, with paths under `prefix` (`history`).
pub fn validate_spans(
    spans: &[Span],
    retirement_month: YearMonth,
    prefix: &str,
) -> Vec<FieldError> {
    let mut errs = vec![];
    let mut err = |path: String, message: String| errs.push(FieldError { path, message });
    for (i, s) in spans.iter().enumerate() {
        let path = |field: &str| format!("{prefix}[{i}].{field}");
        if s.from > s.to {
            err(path("to"), format!("{} is before `from` {}", s.to, s.from));
        }
        if s.to > retirement_month {
            err(
                path("to"),
                format!("{} is after the retirement month {retirement_month}", s.to),
            );
        }
        match (s.kind, s.base) {
            (SpanKind::Paid, None) => err(
                path("base"),
                "required for a paid span (the monthly contribution base)".into(),
            ),
            (SpanKind::Paid, Some(b)) if b <= Decimal::ZERO => {
                err(path("base"), format!("must be above 0, got {b}"))
            }
            (SpanKind::Deemed | SpanKind::Gap, Some(_)) => {
                err(path("base"), "only paid spans have a base".into())
            }
            _ => {}
        }
        if s.kind != SpanKind::Paid {
            if s.paid_in.is_some() {
                err(
                    path("paid_in"),
                    "only paid spans can be back payments".into(),
                );
            }
            if s.employment.is_some() {
                err(
                    path("employment"),
                    "only paid spans have an employment type".into(),
                );
            }
        }
        if let Some(m) = s.paid_in
            && m < s.from
        {
            err(
                path("paid_in"),
                format!("{m} is before the months it pays for ({})", s.from),
            );
        }
        match (s.kind, s.index) {
            (SpanKind::Deemed, Some(x)) if x < Decimal::ZERO => {
                err(path("index"), format!("must not be negative, got {x}"))
            }
            (SpanKind::Paid | SpanKind::Gap, Some(_)) => err(
                path("index"),
                "only deemed spans have an index (视同缴费指数)".into(),
            ),
            _ => {}
        }
        if let Some(r) = &s.region
            && let Err(m) = crate::bounds::region(r)
        {
            err(path("region"), m);
        }
    }
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans.get(i).map(|s| (s.from, s.to)));
    let mut last: Option<(usize, YearMonth)> = None;
    for i in order {
        let Some(s) = spans.get(i) else { continue };
        if s.from > s.to {
            continue;
        }
        if let Some((j, end)) = last
            && s.from <= end
        {
            err(
                format!("{prefix}[{i}]"),
                format!(
                    "overlaps {prefix}[{j}] from {} (a month can be counted only once)",
                    s.from
                ),
            );
        }
        if last.is_none_or(|(_, end)| s.to > end) {
            last = Some((i, s.to));
        }
    }
    errs
}

#[derive(Default)]
struct Acc {
    paid: u32,
    /// Paid months in this rule set's place (divided by its wages).
    home_paid: u32,
    gap: u32,
    deemed: u32,
    base_sum: Decimal,
    deemed_sum: Decimal,
    /// Paid months and base sums in other places, by region.
    away: BTreeMap<String, (u32, Decimal)>,
    /// Paid months in the transitional window (this place) and their bases.
    window_paid: u32,
    window_base_sum: Decimal,
}

/// Months of `[from, to]` falling in each calendar year.
fn by_year(from: YearMonth, to: YearMonth) -> impl Iterator<Item = (i32, u32)> {
    (from.year()..=to.year()).filter_map(move |y| {
        let a = YearMonth::new(y, 1)?.max(from);
        let b = YearMonth::new(y, 12)?.min(to);
        u32::try_from(b.months_since(a) + 1)
            .ok()
            .filter(|n| *n > 0)
            .map(|n| (y, n))
    })
}

/// Ī from a history under the index rules in force on `date` (the first day
/// of the retirement month). Spans must have passed [`validate_spans`].
///
/// Errors: a year whose denominator is neither in `award.average_wage` nor in
/// `history.average_wages` ([`crate::RuleError::NoYear`] naming the year); deemed
/// months that enter the average without a deemed index; no month counted.
///
/// ```
/// use pension_rules::contribution_index::{average_index, History, Span};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let date = "2025-01-01".parse().unwrap();
/// let snap = rules.at(date);
/// // A floor payer in 2024: 4559 / 7598.33 (2023 wage, base-setting year)
/// // = 0.6000 (docs/sources.md §10.3 example 8).
/// let spans = [Span {
///     from: "2024-01".parse().unwrap(), to: "2024-12".parse().unwrap(),
///     kind: Default::default(), base: Some("4559".parse().unwrap()),
///     region: None, employment: None, paid_in: None, index: None,
/// }];
/// let h = History { spans: &spans, ..Default::default() };
/// let r = average_index(&h, &snap, date, &mut Tracer::new(false)).unwrap();
/// assert_eq!(r.average_index.to_string(), "0.6000");
/// ```
pub fn average_index(
    history: &History<'_>,
    snap: &Snapshot,
    date: NaiveDate,
    tracer: &mut Tracer,
) -> Result<IndexResult, Error> {
    let weighting = snap.award.index_weighting.at(date)?;
    let denominator = snap.award.index_denominator.at(date)?;
    let gaps = snap.award.index_gaps.at(date)?;
    let deemed = snap.award.index_deemed.at(date)?;
    let rounding = snap.rounding.index.at(date)?;
    let cap = if snap.award.index_cap.is_empty() {
        None
    } else {
        snap.award.index_cap.at(date).ok()
    };
    let established = snap.account.established.at(date).ok();
    // The transitional window (Beijing G实): account start (or
    // `award.transitional_window_start`) … window end.
    let start = match snap.award.transitional_window_start.is_empty() {
        false => Some(snap.award.transitional_window_start.at(date)?.value),
        true => established.as_ref().map(|e| e.value),
    };
    let window = match (start, snap.award.transitional_window_end.is_empty()) {
        (Some(from), false) => Some((from, snap.award.transitional_window_end.at(date)?.value)),
        _ => None,
    };
    let mut months_before_window = 0u32;

    let mut years: BTreeMap<i32, Acc> = BTreeMap::new();
    let (mut paid, mut deemed_months, mut back_paid, mut flexible, mut pre_account) =
        (0u32, 0u32, 0u32, 0u32, 0u32);
    let mut declared_gap = 0u32;
    let mut missing_deemed_index: Vec<String> = vec![];
    for (i, s) in history.spans.iter().enumerate() {
        let n = s.months();
        match s.kind {
            SpanKind::Paid => {
                let base = s.base.unwrap_or_default();
                paid += n;
                if s.paid_in.is_some() {
                    back_paid += n;
                }
                if s.employment == Some(Employment::Flexible) {
                    flexible += n;
                }
                if let Some(est) = &established {
                    let before_end = s.to.min(est.value.add_months(-1));
                    if before_end >= s.from {
                        pre_account +=
                            u32::try_from(before_end.months_since(s.from) + 1).unwrap_or(0);
                    }
                }
                let away = s
                    .region
                    .as_ref()
                    .filter(|r| history.places.is_some_and(|p| p.contains_key(*r)));
                if let (Some((w_from, w_to)), None) = (window, away) {
                    let before_end = s.to.min(w_from.add_months(-1));
                    if before_end >= s.from {
                        months_before_window +=
                            u32::try_from(before_end.months_since(s.from) + 1).unwrap_or(0);
                    }
                    let (a_from, a_to) = (s.from.max(w_from), s.to.min(w_to));
                    if a_from <= a_to {
                        for (y, k) in by_year(a_from, a_to) {
                            let a = years.entry(y).or_default();
                            a.window_paid += k;
                            a.window_base_sum = base
                                .checked_mul(Decimal::from(k))
                                .and_then(|v| v.checked_add(a.window_base_sum))
                                .ok_or_else(|| too_large(format!("history[{i}].base")))?;
                        }
                    }
                }
                for (y, k) in by_year(s.from, s.to) {
                    let a = years.entry(y).or_default();
                    a.paid += k;
                    let add = base
                        .checked_mul(Decimal::from(k))
                        .ok_or_else(|| too_large(format!("history[{i}].base")))?;
                    match away {
                        Some(r) => {
                            let e = a.away.entry(r.clone()).or_default();
                            e.0 += k;
                            e.1 =
                                e.1.checked_add(add)
                                    .ok_or_else(|| too_large(format!("history[{i}].base")))?;
                        }
                        None => {
                            a.home_paid += k;
                            a.base_sum = a
                                .base_sum
                                .checked_add(add)
                                .ok_or_else(|| too_large(format!("history[{i}].base")))?;
                        }
                    }
                }
            }
            SpanKind::Deemed => {
                deemed_months += n;
                if deemed.value == DeemedRule::Included {
                    let Some(x) = s.index.or(history.deemed_index) else {
                        missing_deemed_index.push(format!("history[{i}].index"));
                        continue;
                    };
                    for (y, k) in by_year(s.from, s.to) {
                        let a = years.entry(y).or_default();
                        a.deemed += k;
                        a.deemed_sum = x
                            .checked_mul(Decimal::from(k))
                            .and_then(|v| v.checked_add(a.deemed_sum))
                            .ok_or_else(|| too_large(format!("history[{i}].index")))?;
                    }
                }
            }
            SpanKind::Gap => {
                declared_gap += n;
                if gaps.value == GapRule::Zero {
                    for (y, k) in by_year(s.from, s.to) {
                        years.entry(y).or_default().gap += k;
                    }
                }
            }
        }
    }
    if !missing_deemed_index.is_empty() {
        return Err(Error::Input(InputErrors(
            missing_deemed_index
                .into_iter()
                .map(|path| FieldError {
                    path,
                    message: format!(
                        "deemed months enter the average index under this rule set ({} = included): give the span's `index` or the input's `deemed_index` (视同缴费指数)",
                        deemed.param
                    ),
                })
                .collect(),
        )));
    }
    // Holes between paid months: months due but unpaid (断缴).
    let mut covered: Vec<(YearMonth, YearMonth, SpanKind)> = history
        .spans
        .iter()
        .map(|s| (s.from, s.to, s.kind))
        .collect();
    covered.sort_by_key(|c| c.0);
    let first_paid = covered.iter().find(|c| c.2 == SpanKind::Paid).map(|c| c.0);
    let last_paid = covered
        .iter()
        .filter(|c| c.2 == SpanKind::Paid)
        .map(|c| c.1)
        .max();
    let mut implicit_gap = 0u32;
    if let (Some(first), Some(last)) = (first_paid, last_paid) {
        let mut end = first.add_months(-1);
        for &(from, to, _) in &covered {
            if to < first {
                continue;
            }
            if from > end.add_months(1) && from <= last {
                let hole_to = from.add_months(-1).min(last);
                let hole_from = end.add_months(1);
                implicit_gap += u32::try_from(hole_to.months_since(hole_from) + 1).unwrap_or(0);
                if gaps.value == GapRule::Zero {
                    for (y, k) in by_year(hole_from, hole_to) {
                        years.entry(y).or_default().gap += k;
                    }
                }
            }
            end = end.max(to);
        }
    }

    let mut out_years = Vec::with_capacity(years.len());
    let (mut sum, mut counted) = (Decimal::ZERO, 0u32);
    let (mut window_ratio, mut window_months) = (Decimal::ZERO, 0u32);
    for (y, a) in &years {
        let (den_year, den) = if a.home_paid > 0 {
            let dy = match denominator.value {
                IndexDenominator::BaseSettingYear => y - 1,
                IndexDenominator::SameYear => *y,
            };
            let given = history.average_wages.and_then(|m| m.get(&dy)).copied();
            let x = match given {
                Some(x) => x,
                None => snap.award.average_wage.get(dy)?.value,
            };
            if x <= Decimal::ZERO {
                return Err(Error::field(
                    format!("average_wages.{dy}"),
                    "must be above 0",
                ));
            }
            (Some(dy), Some(x))
        } else {
            (None, None)
        };
        let paid_ratio = match den {
            Some(x) => a.base_sum.checked_div(x),
            None => Some(Decimal::ZERO),
        };
        if let (Some(x), true) = (den, a.window_paid > 0) {
            window_months += a.window_paid;
            window_ratio = a
                .window_base_sum
                .checked_div(x)
                .and_then(|r| r.checked_add(window_ratio))
                .ok_or_else(|| too_large("history"))?;
        }
        // Months paid elsewhere: each place's bases over its own wage.
        let mut places = vec![];
        let mut away_ratio = Decimal::ZERO;
        for (region, (months, base_sum)) in &a.away {
            let Some(place) = history.places.and_then(|p| p.get(region)) else {
                continue;
            };
            let dy = match place.award.index_denominator.at(date)?.value {
                IndexDenominator::BaseSettingYear => y - 1,
                IndexDenominator::SameYear => *y,
            };
            let x = place.award.average_wage.get(dy)?.value;
            if x <= Decimal::ZERO {
                return Err(Error::field(
                    format!("history (region {region})"),
                    format!(
                        "{}: average wage of {dy} must be above 0",
                        place.identity.id
                    ),
                ));
            }
            away_ratio = base_sum
                .checked_div(x)
                .and_then(|r| r.checked_add(away_ratio))
                .ok_or_else(|| too_large("history"))?;
            places.push(PlaceYear {
                region: region.clone(),
                ruleset: place.identity.id.clone(),
                paid_months: *months,
                base_sum: *base_sum,
                denominator_year: dy,
                denominator: x,
            });
        }
        let ratio_sum = paid_ratio
            .and_then(|r| r.checked_add(a.deemed_sum))
            .and_then(|r| r.checked_add(away_ratio))
            .ok_or_else(|| too_large("history"))?;
        let months = a.paid + a.gap + a.deemed;
        if months == 0 {
            continue;
        }
        let index = ratio_sum / Decimal::from(months);
        let (add, n) = match weighting.value {
            IndexWeighting::Monthly => (ratio_sum, months),
            IndexWeighting::Yearly => (index, 1),
        };
        sum = sum.checked_add(add).ok_or_else(|| too_large("history"))?;
        counted += n;
        let from_rules =
            den_year.is_some_and(|dy| history.average_wages.is_none_or(|m| !m.contains_key(&dy)));
        tracer.step(|| {
            let mut st = Step::new(
                "year_index",
                "年度缴费指数",
                index.round_dp(4).normalize(),
                match den {
                    Some(x) => format!(
                        "{y}: ({} / {x}{}) / {months} months = {}",
                        a.base_sum.normalize(),
                        if a.deemed > 0 {
                            format!(" + deemed {}", a.deemed_sum.normalize())
                        } else {
                            String::new()
                        },
                        index.round_dp(6).normalize()
                    ),
                    None => format!(
                        "{y}: {} / {months} months = {}",
                        ratio_sum.normalize(),
                        index.round_dp(6).normalize()
                    ),
                },
            )
            .input("paid_months", a.paid)
            .input("gap_months", a.gap)
            .input("deemed_months", a.deemed);
            for p in &places {
                st = st.input(
                    format!("paid in {}", p.region),
                    format!(
                        "{} months, bases {} / {} ({} average wage of {})",
                        p.paid_months,
                        p.base_sum.normalize(),
                        p.denominator,
                        p.ruleset,
                        p.denominator_year
                    ),
                );
                if let Some(w) = history
                    .places
                    .and_then(|m| m.get(&p.region))
                    .and_then(|s| s.award.average_wage.get(p.denominator_year).ok())
                {
                    st = st.param(ParamUse::keyed(&w, p.denominator_year));
                }
            }
            if let (Some(dy), Some(x)) = (den_year, den) {
                if from_rules {
                    if let Ok(w) = snap.award.average_wage.get(dy) {
                        st = st.param(ParamUse::keyed(&w, dy));
                    }
                } else {
                    st = st.input(format!("average_wages.{dy}"), x);
                }
            }
            st
        });
        out_years.push(YearIndex {
            year: *y,
            paid_months: a.paid,
            gap_months: a.gap,
            deemed_months: a.deemed,
            denominator_year: den_year,
            denominator: den,
            denominator_given: den_year.is_some() && !from_rules,
            base_sum: a.base_sum,
            places,
            ratio_sum,
            index,
        });
    }
    if counted == 0 {
        return Err(Error::field(
            "history",
            "no month counts in the average index (no paid month, and deemed months are excluded by the rule set)",
        ));
    }
    let exact = sum / Decimal::from(counted);
    let capped_value = match &cap {
        Some(c) if exact > c.value => c.value,
        _ => exact,
    };
    let average = rounding.value.apply(capped_value);
    let capped = capped_value != exact;
    tracer.step(|| {
        let unit = match weighting.value {
            IndexWeighting::Monthly => "months",
            IndexWeighting::Yearly => "years",
        };
        let mut st = Step::new(
            "average_index",
            "本人平均缴费指数",
            average,
            format!(
                "Σ ratios / counted {unit} = {} / {counted} = {}{}, rounded ({}) to {average}",
                sum.round_dp(6).normalize(),
                exact.round_dp(6).normalize(),
                if capped {
                    format!(", capped at {}", capped_value.normalize())
                } else {
                    String::new()
                },
                rounding.value
            ),
        )
        .input("contribution_months", paid)
        .input("deemed_months", deemed_months)
        .input("gap_months", declared_gap + implicit_gap)
        .param(ParamUse::of(&weighting))
        .param(ParamUse::of(&denominator))
        .param(ParamUse::of(&gaps))
        .param(ParamUse::of(&deemed))
        .param(ParamUse::of(&rounding));
        if let Some(c) = &cap {
            st = st.param(ParamUse::of(c));
        }
        st
    });
    Ok(IndexResult {
        average_index: average,
        exact,
        capped,
        weighting: weighting.value,
        denominator: denominator.value,
        gaps: gaps.value,
        deemed: deemed.value,
        contribution_months: paid,
        deemed_months,
        gap_months: declared_gap + implicit_gap,
        back_paid_months: back_paid,
        flexible_months: flexible,
        pre_account_months: pre_account,
        window: window.map(|(from, to)| WindowIndex {
            from,
            to,
            months: window_months,
            index: (window_months > 0).then(|| {
                rounding
                    .value
                    .apply(window_ratio / Decimal::from(window_months))
            }),
            index_sum: window_ratio,
            months_before: months_before_window,
        }),
        counted,
        years: out_years,
    })
}
