//! 缴费年限与平均缴费指数 — the person's figures an award starts from, as
//! an approval sheet (核定表) shows them: given, or derived from the
//! contribution history ([`crate::contribution_index`]); the minimum
//! contribution years checked first; the retirement month compared with the
//! statutory one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{AwardInput, Note, Statutory, WHOLE_INPUT, render};
use crate::contribution_index::{self, History, IndexResult};
use crate::error::Error;
use crate::money::too_large;
use crate::retirement::min_contribution_months;
use crate::rules::{Snapshot, Sourced};
use crate::time::{Age, SheetMonths, YearMonth};
use crate::trace::{ParamUse, Step, Tracer};

/// The summary figures of an award.
pub(super) struct Summary {
    /// Actual contribution months (实际缴费月数).
    pub(super) contribution_months: u32,
    /// Deemed months (视同缴费月数).
    pub(super) deemed_months: u32,
    /// Average contribution index Ī (平均缴费指数).
    pub(super) average_index: Decimal,
    /// Paid months before the individual account (for the transitional years
    /// of provinces that count them).
    pub(super) pre_account: u32,
    /// Months before the individual account, deemed months included
    /// (建账前缴费月数), where the sheet gives them as one figure.
    pub(super) pre_account_total: Option<u32>,
    /// The derivation, for a history.
    pub(super) index: Option<IndexResult>,
    /// Months and index in the transitional window: given, or derived from
    /// the history.
    pub(super) window_months: Option<u32>,
    /// The window's index.
    pub(super) window_index: Option<Decimal>,
    /// Derived from a history: the exact Σ of the window's monthly indices
    /// and the months paid before the window (weighted years).
    pub(super) window_sum: Option<Decimal>,
    pub(super) months_before_window: Option<u32>,
    /// Actual + deemed months (累计缴费月数), whole.
    pub(super) total_months: u32,
    /// Actual months, exact (a sheet's half month kept).
    pub(super) contribution_exact: Decimal,
    /// Deemed months, exact.
    pub(super) deemed_exact: Decimal,
    /// Actual + deemed months, exact.
    pub(super) total_exact: Decimal,
}

/// The summary figures: derived from the history (every year's index,
/// 国发〔2005〕38号 第六条 本人指数化月平均缴费工资), or as given on the sheet.
/// Notes back payments (补缴) and a `deemed_index` that a summary does not use.
pub(super) fn summary(
    input: &AwardInput,
    snap: &Snapshot,
    places: &BTreeMap<String, Snapshot>,
    date: NaiveDate,
    notes: &mut Vec<Note>,
    tracer: &mut Tracer,
) -> Result<Summary, Error> {
    let (contribution_months, deemed_months, average_index, pre_account, index) =
        match &input.history {
            Some(spans) => {
                let h = History {
                    spans,
                    deemed_index: input.deemed_index,
                    average_wages: input.average_wages.as_ref(),
                    places: Some(places),
                };
                let r = contribution_index::average_index(&h, snap, date, tracer)?;
                if r.back_paid_months > 0 {
                    notes.push(Note {
                    code: "back_payments",
                    message: format!(
                        "{} months were back payments (补缴); they count as the months they cover",
                        r.back_paid_months
                    ),
                    zh: format!("其中 {} 个月为补缴，按所属月份计入", r.back_paid_months),
                });
                }
                (
                    r.contribution_months,
                    r.deemed_months,
                    r.average_index,
                    r.pre_account_months,
                    Some(r),
                )
            }
            None => (
                input.contribution_months.map_or(0, SheetMonths::whole),
                input.deemed_months.map_or(0, SheetMonths::whole),
                input.average_index.unwrap_or_default(),
                input.pre_account_months.unwrap_or(0),
                None,
            ),
        };
    if !input.is_history() && input.deemed_index.is_some() {
        notes.push(Note {
            code: "deemed_index_unused",
            message: "deemed_index is used only to derive the average index from a history; the summary form takes average_index as printed".into(),
            zh: "视同缴费指数仅在按缴费记录计算平均缴费指数时使用；汇总输入按所给平均缴费指数计算".into(),
        });
    }
    // Sheets may print half months (515.5): the exact counts enter the
    // years; the whole months serve comparisons and display.
    let (contribution_exact, deemed_exact) = match &input.history {
        Some(_) => (
            Decimal::from(contribution_months),
            Decimal::from(deemed_months),
        ),
        None => (
            input.contribution_months.unwrap_or_default().exact(),
            input.deemed_months.unwrap_or_default().exact(),
        ),
    };
    let total_exact = contribution_exact + deemed_exact;
    let total_months = rust_decimal::prelude::ToPrimitive::to_u32(&total_exact.floor())
        .ok_or_else(|| too_large(WHOLE_INPUT))?;
    let derived = index.as_ref().and_then(|r| r.window.as_ref());
    let window_months = input
        .transitional_window_months
        .or(derived.map(|w| w.months));
    let window_index = input
        .transitional_window_index
        .or(derived.and_then(|w| w.index));
    Ok(Summary {
        window_months,
        window_index,
        window_sum: derived.map(|w| w.index_sum),
        months_before_window: derived.map(|w| w.months_before),
        contribution_months,
        deemed_months,
        average_index,
        pre_account,
        pre_account_total: input.pre_account_total_months,
        index,
        total_months,
        contribution_exact,
        deemed_exact,
        total_exact,
    })
}

/// Eligibility first (社会保险法 第十六条): actual + deemed months at least the
/// minimum for the retirement year (15 years, rising under the 2024 NPC
/// decision); else no monthly pension ([`Error::NotApplicable`]).
pub(super) fn eligibility(
    f: &Summary,
    snap: &Snapshot,
    month: YearMonth,
    tracer: &mut Tracer,
) -> Result<Sourced<u32>, Error> {
    let (contribution_months, deemed_months, total_months) =
        (f.contribution_months, f.deemed_months, f.total_months);
    let min = min_contribution_months(snap, month)?;
    tracer.step(|| {
        Step::new(
            "eligibility",
            "最低缴费年限",
            total_months >= min.value,
            format!(
                "actual {contribution_months} + deemed {deemed_months} = {total_months} months {} the minimum {} months for retirement in {}",
                if total_months >= min.value { "≥" } else { "<" },
                min.value,
                month.year()
            ),
        )
        .param(ParamUse::keyed(&min, month.year()))
    });
    if total_months < min.value {
        return Err(Error::NotApplicable(format!(
            "not eligible for a monthly pension: {total_months} contribution months (actual {contribution_months} + deemed {deemed_months}) at {month}, the minimum is {} ({}: {}); the person may keep contributing or transfer (社会保险法 第十六条)",
            min.value, min.param, min.provenance.source
        )));
    }
    Ok(min)
}

/// The retirement month against the statutory one and its elastic window
/// (the 2024 NPC decision): the approved month is taken as given, a
/// difference only noted (弹性提前/延迟退休, or an approved early or late
/// retirement).
pub(super) fn statutory(
    input: &AwardInput,
    snap: &Snapshot,
    month: YearMonth,
    age: Age,
    notes: &mut Vec<Note>,
) -> Option<Statutory> {
    let birth = input.birth_month()?;
    let stat = crate::retirement::statutory(snap, birth, input.category)
        .ok()
        .map(|s| {
            let window = crate::retirement::elastic_window(snap, birth, &s)
                .ok()
                .flatten();
            Statutory {
                age: s.age,
                month: s.month,
                earliest: window.as_ref().map(|w| w.earliest_month),
                latest: window.as_ref().map(|w| w.latest_month),
            }
        });
    if let Some(s) = &stat
        && s.month != month
    {
        let within = s.earliest.is_some_and(|e| month >= e) && s.latest.is_some_and(|l| month <= l);
        let (code, what, what_zh) = if within && month < s.month {
            (
                "elastic_early",
                "elastic early retirement (弹性提前退休)",
                "弹性提前退休",
            )
        } else if within {
            (
                "elastic_late",
                "elastic late retirement (弹性延迟退休)",
                "弹性延迟退休",
            )
        } else if month < s.month {
            (
                "before_statutory",
                "before the statutory month and outside any elastic window: special early retirement (特殊工种, 病残) or another approved reason is assumed",
                "早于法定退休时间且不在弹性区间内，按特殊工种、病残等批准提前退休处理",
            )
        } else {
            (
                "after_statutory",
                "after the statutory month and outside any elastic window: a late approval is assumed",
                "晚于法定退休时间且不在弹性区间内，按延后批准处理",
            )
        };
        notes.push(Note {
            code,
            message: format!(
                "retirement {month} at {age} differs from the statutory {} at {}: {what}; the month is taken as given",
                s.month, s.age
            ),
            zh: format!(
                "退休年月 {month}（{}）与法定退休年月 {}（{}）不同：{what_zh}；按核准的退休年月计算",
                render::age_zh(age),
                s.month,
                render::age_zh(s.age)
            ),
        });
    }
    stat
}
