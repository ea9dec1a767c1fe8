//! 加权视同缴费年限 — the transitional pension by weighted years
//! (`award.transitional_method = weighted_years`), Guangdong's method of
//! 粤府函〔2021〕294号 (广东省人民政府关于调整企业职工基本养老保险过渡性养老金
//! 计发办法的通知, as its annex tables are cited):
//!
//! ```text
//! new method = C × W × k
//! W = (D × (deemed months + actual months before the index window)
//!      + Σ monthly contribution indices in the window) / 12
//! ```
//!
//! with D the 视同缴费指数 of the person's locality (`award.deemed_index.<place>`,
//! 附表一、二: 全省 1.000, 省直 1.327, 广州 1.191, 深圳 1.529 …; the place of work
//! at the end of 1993), the window 1994-01 … 1998-06 and k
//! `award.transitional_coefficient` (1.2 %). Retirees of the phase-in years
//! (`award.transitional_phase_in`) are paid the old method plus a share of
//! the gain ([`super::components`]); the old method may be computed from the
//! notional account (`award.transitional_old_divisor`, 视同账户额 ÷ 120, plus
//! `award.transitional_old_per_year` × whole contribution years, 缴费年限津贴).
//! A flat `award.transitional_fixed` (+100 元, 粤劳电〔2009〕32号) is added to
//! the transitional line whatever the method.

use rust_decimal::Decimal;
use serde::Serialize;

use super::components::{Transitional, optional, phase_in};
use super::render::Lang;
use super::summary::Summary;
use super::{Award, AwardInput, WHOLE_INPUT};
use crate::error::{Error, FieldError, InputErrors};
use crate::money::Checked;
use crate::rounding::Rounding;
use crate::rules::{PhaseInAfter, Snapshot, Sourced, TransitionalMethod};
use crate::trace::{ParamUse, Step, Tracer};

/// The weighted-years transitional pension as computed for one award.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WeightedYears {
    /// The locality whose 视同缴费指数 applies (`award.deemed_index.<name>`),
    /// where one was needed or given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// D, its 视同缴费指数 (0 where no month is weighted with it and no
    /// locality is given).
    pub deemed_index: Decimal,
    /// Months weighted with D: deemed months plus actual months before the
    /// index window.
    pub weighted_months: Decimal,
    /// Actual months before the index window (part of `weighted_months`).
    pub pre_window_months: u32,
    /// Σ of the monthly contribution indices in the window.
    pub window_index_sum: Decimal,
    /// W, the weighted years (rounded where `rounding.transitional_years` says).
    pub years: Decimal,
    /// k.
    pub coefficient: Decimal,
    /// C.
    pub pension_base: Decimal,
    /// The new method's amount C × W × k, rounded.
    pub new_method: Decimal,
    /// The flat amount added to the transitional line
    /// (`award.transitional_fixed`), where the rule set has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed: Option<Decimal>,
}

/// The names of the localities in force, for error messages.
fn localities(snap: &Snapshot, date: chrono::NaiveDate) -> String {
    let names: Vec<&str> = snap
        .deemed_indices
        .at(date)
        .into_iter()
        .map(|m| &*m.name)
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// 过渡性养老金 by weighted years, with the phase-in and the fixed amount.
/// Every missing or unknown input is reported at once.
#[allow(clippy::too_many_arguments)]
pub(super) fn transitional(
    input: &AwardInput,
    c: Decimal,
    f: &Summary,
    method: &Sourced<TransitionalMethod>,
    snap: &Snapshot,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Transitional, Error> {
    let date = input.retirement_month.first_day();
    let k = snap.award.transitional_coefficient.at(date)?;
    let why = format!(
        "rule set `{}` computes the transitional pension by weighted years (award.transitional_method = weighted_years: {})",
        snap.identity.id, method.provenance.source
    );
    let mut errs: Vec<FieldError> = vec![];

    // Months weighted with D.
    let pre_window = input.pre_window_months.or(f.months_before_window);
    if pre_window.is_none() {
        errs.push(FieldError {
            path: "pre_window_months".into(),
            message: format!(
                "required: {why}; give the actual contribution months before the index window (Guangdong: up to 1993-12), 0 if none"
            ),
        });
    }
    let pre_window = pre_window.unwrap_or(0);
    let weighted_months = f
        .deemed_exact
        .checked_add(Decimal::from(pre_window))
        .or_too_large(WHOLE_INPUT)?;

    // Σ of the window's monthly indices: given, or count × average.
    // A history gives them (exact) unless the input does.
    let given = (
        input.transitional_window_months,
        input.transitional_window_index,
    );
    let window_sum = match (input.window_index_sum, given.0, given.1) {
        (Some(s), None, None) => Some(s),
        (None, Some(m), Some(i)) => {
            Some(Decimal::from(m).checked_mul(i).or_too_large(WHOLE_INPUT)?)
        }
        (None, None, None) if f.window_sum.is_some() => f.window_sum,
        (None, Some(0), None) => Some(Decimal::ZERO),
        (Some(_), _, _) => {
            errs.push(FieldError {
                path: "window_index_sum".into(),
                message: "give the window's index sum, or its months and average index (transitional_window_months, transitional_window_index), not both".into(),
            });
            None
        }
        (None, m, i) => {
            let mut missing = vec!["window_index_sum"];
            if m.is_some() && i.is_none() {
                missing = vec!["transitional_window_index"];
            } else if i.is_some() && m.is_none() {
                missing = vec!["transitional_window_months"];
            }
            for p in missing {
                errs.push(FieldError {
                    path: p.into(),
                    message: format!(
                        "required: {why}; give the sum of the monthly contribution indices in the index window (Guangdong: 1994-01 … 1998-06) as window_index_sum, or their months and average index (transitional_window_months, transitional_window_index); 0 if none"
                    ),
                });
            }
            None
        }
    };

    // D by locality.
    let member = match &input.deemed_index_locality {
        Some(name) => match snap.deemed_indices.get(name, date) {
            Some(m) => Some(m),
            None => {
                errs.push(FieldError {
                    path: "deemed_index_locality".into(),
                    message: format!(
                        "{name:?} is no locality of rule set `{}` (award.deemed_index.<name>); valid: {}",
                        snap.identity.id,
                        localities(snap, date)
                    ),
                });
                None
            }
        },
        None if !weighted_months.is_zero() => {
            errs.push(FieldError {
                path: "deemed_index_locality".into(),
                message: format!(
                    "required: {why}; {} months are weighted with the 视同缴费指数 of the place of work at the end of 1993; valid: {}",
                    weighted_months.normalize(),
                    localities(snap, date)
                ),
            });
            None
        }
        None => None,
    };
    // The computed old method's input, reported with the others.
    if input.notional_account.is_none() && old_method_needed(input, snap)? {
        errs.push(FieldError {
            path: "notional_account".into(),
            message: format!(
                "required: rule set `{}` pays retirees of {} the old-method transitional pension (视同账户额 ÷ award.transitional_old_divisor) plus a share of the new method's gain (award.transitional_phase_in); give the 视同账户额 (0 if none)",
                snap.identity.id,
                input.retirement_month.year()
            ),
        });
    }
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let window_sum = window_sum.unwrap_or(Decimal::ZERO);
    let d = member.map_or(Decimal::ZERO, |m| *m.value);
    // Where a history gave the window, the window's bounds (for the trace).
    let from_history = input.history.is_some()
        && input.window_index_sum.is_none()
        && input.transitional_window_months.is_none();
    let bounds = if from_history {
        (
            optional(&snap.award.transitional_window_start, date)?,
            optional(&snap.award.transitional_window_end, date)?,
        )
    } else {
        (None, None)
    };

    // W, rounded where the rule set says.
    let twelve = Decimal::from(12);
    let w_exact = d
        .checked_mul(weighted_months)
        .and_then(|x| x.checked_add(window_sum))
        .and_then(|x| x.checked_div(twelve))
        .or_too_large(WHOLE_INPUT)?;
    let years_rounding = optional(&snap.rounding.transitional_years, date)?;
    let w = match &years_rounding {
        Some(r) => r.value.apply(w_exact),
        None => w_exact,
    };
    tracer.step(|| {
        let mut st = Step::new(
            "transitional_weighted_years",
            "加权视同缴费年限",
            w.round_dp(6).normalize(),
            format!(
                "(D × (deemed months + actual months before the window) + Σ monthly indices in the window) / 12 = ({d} × ({} + {pre_window}) + {}) / 12 = {}{}",
                f.deemed_exact.normalize(),
                window_sum.normalize(),
                w_exact.round_dp(6).normalize(),
                years_rounding
                    .as_ref()
                    .map(|r| format!(" → {} ({})", w.normalize(), r.value))
                    .unwrap_or_default()
            ),
        )
        .input("deemed_months", f.deemed_exact.normalize())
        .input("pre_window_months", pre_window)
        .input("window_index_sum", window_sum.normalize());
        for b in [&bounds.0, &bounds.1].into_iter().flatten() {
            st = st.param(ParamUse::of(b));
        }
        if let Some(name) = &input.deemed_index_locality {
            st = st.input("deemed_index_locality", name);
        }
        if let Some(m) = member {
            st = st.param(ParamUse::member(m));
        }
        if let Some(r) = &years_rounding {
            st = st.param(ParamUse::of(r));
        }
        st.param(ParamUse::of(method))
    });

    // The new method.
    let new_exact = c
        .checked_mul(w)
        .and_then(|x| x.checked_mul(k.value))
        .or_too_large(WHOLE_INPUT)?;
    let new_value = money.value.apply(new_exact);
    tracer.step(|| {
        Step::new(
            "transitional_new_method",
            "过渡性养老金 新办法",
            new_value,
            format!(
                "C × W × k = {c} × {} × {} = {}, rounded ({})",
                w.round_dp(6).normalize(),
                k.value,
                new_exact.round_dp(6).normalize(),
                money.value
            ),
        )
        .param(ParamUse::of(&k))
        .param(ParamUse::of(money))
    });

    // The phase-in, then the fixed amount.
    let phase = phase_in(input, f, new_value, snap, money, tracer)?;
    let (payable, payable_exact) = match &phase {
        Some(p) => (p.payable, p.payable_exact),
        None => (new_value, new_exact),
    };
    let fixed = optional(&snap.award.transitional_fixed, date)?;
    let (value, exact) = match &fixed {
        None => (payable, payable_exact),
        Some(x) => {
            let v = payable.checked_add(x.value).or_too_large(WHOLE_INPUT)?;
            let e = payable_exact
                .checked_add(x.value)
                .or_too_large(WHOLE_INPUT)?;
            (v, e)
        }
    };
    tracer.step(|| {
        let mut st = Step::new(
            "transitional_pension",
            "过渡性养老金",
            value,
            match (&fixed, &phase) {
                (None, None) => "the new method".to_string(),
                (None, Some(_)) => "the phase-in's payable amount".to_string(),
                (Some(x), None) => format!("new method + fixed amount = {new_value} + {}", x.value),
                (Some(x), Some(p)) => format!(
                    "phase-in payable + fixed amount = {} + {}",
                    p.payable, x.value
                ),
            },
        );
        if let Some(x) = &fixed {
            st = st.param(ParamUse::of(x));
        }
        st
    });
    let weighted = WeightedYears {
        locality: input.deemed_index_locality.clone(),
        deemed_index: d,
        weighted_months: weighted_months.normalize(),
        pre_window_months: pre_window,
        window_index_sum: window_sum.normalize(),
        years: w,
        coefficient: k.value,
        pension_base: c,
        new_method: new_value,
        fixed: fixed.as_ref().map(|x| x.value),
    };
    Ok(Transitional {
        value,
        exact,
        months: rust_decimal::prelude::ToPrimitive::to_u32(&weighted_months.floor())
            .unwrap_or(u32::MAX),
        years: w,
        index: d,
        coefficient: Some(k.value),
        formula: None,
        phase_in: phase,
        given: false,
        weighted: Some(weighted),
    })
}

/// Whether the retirement year falls in a phase-in whose old method the rule
/// set computes from the notional account (so `notional_account` is needed).
fn old_method_needed(input: &AwardInput, snap: &Snapshot) -> Result<bool, Error> {
    let date = input.retirement_month.first_day();
    let a = &snap.award;
    if a.transitional_phase_in.is_empty() || optional(&a.transitional_old_divisor, date)?.is_none()
    {
        return Ok(false);
    }
    let year = input.retirement_month.year();
    let after_new = optional(&a.transitional_phase_in_after, date)?
        .is_some_and(|v| v.value == PhaseInAfter::NewMethod);
    let last = a.transitional_phase_in.years().max();
    Ok(!(after_new && last.is_some_and(|l| year > l)))
}

/// The 核定表 text of a weighted-years transitional pension: the main line,
/// then the phase-in line where one applies.
pub(super) fn lines(a: &Award, w: &WeightedYears, lang: Lang) -> Vec<String> {
    let pct = |d: Decimal| format!("{}%", (d * Decimal::ONE_HUNDRED).normalize());
    let place = w.locality.as_deref().unwrap_or("-");
    let mut out = vec![];
    match lang {
        Lang::Zh => {
            out.push(format!(
                "7. 过渡性养老金（加权视同缴费年限法）新办法 = 计发基数 × 加权年限 × 系数 = {} × {} × {} = {}；加权年限 = (视同缴费指数 {}（{place}）× (视同 + 窗口前实际缴费 {} 月) + 窗口内月缴费指数之和 {}) ÷ 12",
                w.pension_base,
                w.years.round_dp(6).normalize(),
                pct(w.coefficient),
                w.new_method,
                w.deemed_index.normalize(),
                w.weighted_months,
                w.window_index_sum
            ));
            if let Some(p) = &a.transitional_phase_in {
                out.push(match p.old_method {
                    Some(old) => format!(
                        "   新老办法过渡：原办法 {old}{} + max(新办法 {} − {old}, 0) × {} = {}",
                        p.years_allowance
                            .map(|y| format!("（含缴费年限津贴 {y}）"))
                            .unwrap_or_default(),
                        p.new_method,
                        pct(p.share),
                        p.payable
                    ),
                    None => format!("   新老办法过渡：按新办法 {} 计发", p.new_method),
                });
            }
            if let Some(x) = w.fixed {
                out.push(format!("   加发 {x}（计入过渡性养老金）"));
            }
            out.push(format!("   过渡性养老金 = {}", a.transitional_pension));
        }
        Lang::En => {
            out.push(format!(
                "7. Transitional pension (weighted years), new method = C × W × k = {} × {} × {} = {}; W = (deemed index {} ({place}) × (deemed + pre-window actual {} months) + Σ monthly indices in the window {}) / 12",
                w.pension_base,
                w.years.round_dp(6).normalize(),
                pct(w.coefficient),
                w.new_method,
                w.deemed_index.normalize(),
                w.weighted_months,
                w.window_index_sum
            ));
            if let Some(p) = &a.transitional_phase_in {
                out.push(match p.old_method {
                    Some(old) => format!(
                        "   Old/new method phase-in: old {old}{} + max(new {} − {old}, 0) × {} = {}",
                        p.years_allowance
                            .map(|y| format!(" (incl. years allowance {y})"))
                            .unwrap_or_default(),
                        p.new_method,
                        pct(p.share),
                        p.payable
                    ),
                    None => format!("   Old/new method phase-in: the new method {} alone", p.new_method),
                });
            }
            if let Some(x) = w.fixed {
                out.push(format!(
                    "   Plus the fixed amount {x} (in the transitional line)"
                ));
            }
            out.push(format!(
                "   Transitional pension = {}",
                a.transitional_pension
            ));
        }
    }
    out
}

/// The 核定表 table's formula cell: the new method, or the phase-in over
/// the old one, plus the fixed amount.
pub(super) fn table_formula(a: &Award, w: &WeightedYears) -> String {
    let fixed = w.fixed.map(|x| format!(" + {x}")).unwrap_or_default();
    match a.transitional_phase_in.as_ref() {
        Some(p) if p.old_method.is_some() => {
            let old = p.old_method.unwrap_or_default();
            format!(
                "{old} + max({} − {old}, 0) × {}%{fixed}",
                p.new_method,
                (p.share * Decimal::ONE_HUNDRED).normalize()
            )
        }
        _ => format!(
            "{} × {} × {}%{fixed}",
            w.pension_base,
            w.years.round_dp(4).normalize(),
            (w.coefficient * Decimal::ONE_HUNDRED).normalize()
        ),
    }
}
