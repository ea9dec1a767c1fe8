//! 待遇核定 — the pension award at retirement under 国发〔2005〕38号 第六条:
//!
//! ```text
//! 基础养老金    = C × (1 + Ī) / 2 × N × 1%          N = (actual + deemed months) / 12
//! 个人账户养老金 = B / M(age in years and months)     (附件 计发月数表)
//! 过渡性养老金   = C × Ī_t × S × k                    provincial (Shaanxi k = 1.4 %,
//!                                                    S = deemed years, 陕政发〔2006〕27号)
//! 合计          = sum of the rounded components
//! ```
//!
//! Inputs come as the summary figures an approval sheet (核定表) shows, or as a
//! contribution history from which the summary is derived
//! ([`crate::contribution_index`]). The retirement month is taken as given
//! (the agency's approved date); a month off the statutory one is flagged,
//! never rejected. Eligibility (minimum contribution years at that month) is
//! checked first.
//!
//! [`award`] reads as the decision: the person's figures (`summary`:
//! given or derived, eligibility, the statutory month), then the components
//! of 第六条 (`components`: C, N, 基础养老金, 个人账户养老金, 过渡性养老金,
//! 合计), then the notes.
//!
//! For the yearly 计发基数 published after the year began, [`recompute`]
//! evaluates the award "as known on" two dates (预发 and final) and the
//! arrears (补发) owed.

mod components;
pub mod extras;
mod overrides;
pub mod render;
mod summary;
pub mod weighted_years;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::contribution_index::{self, IndexResult, Span};
use crate::error::{Error, FieldError, InputErrors};
use crate::money::too_large;
use crate::rules::family::AttrValue;
use crate::rules::{RuleSet, Snapshot};
use crate::time::{Age, SheetMonths, YearMonth};
use crate::trace::{Step, Trace, Tracer};

pub use crate::retirement::Category;
pub use components::{PhaseIn, TransitionalFormula, TransitionalWindow};

/// The input of an award: who, when, and either the summary figures or a
/// history. Field names follow the vector format (docs/vectors.md, kind `award`).
///
/// Summary form: `contribution_months`, `average_index` (and optionally
/// `deemed_months`, `pre_account_months`). History form: `history` (and
/// optionally `deemed_index`, `average_wages`). The summary form needs
/// `account_balance`; the history form may leave it out, and the account
/// ledger then builds it from the history (with `account_rates` for years
/// the rule set has no 记账利率).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardInput {
    /// Retirement category.
    pub category: Category,
    /// Birth month. A sheet without one gives `age` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<YearMonth>,
    /// Age at retirement (退休年龄, `"60y5m"`), where the sheet prints no birth
    /// month: the birth month is then the retirement month less the age
    /// (the divisor and the statutory check depend on nothing else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<Age>,
    /// The approved retirement month (taken as given).
    pub retirement_month: YearMonth,
    /// Summary: months actually paid (实际缴费月数).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contribution_months: Option<SheetMonths>,
    /// Summary: deemed months (视同缴费月数); default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deemed_months: Option<SheetMonths>,
    /// Summary: the average contribution index (本人平均缴费指数), as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_index: Option<Decimal>,
    /// Deemed index (视同缴费指数) where deemed months enter the average.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deemed_index: Option<Decimal>,
    /// Summary: ACTUAL months paid before the individual account began
    /// (deemed months excluded), where the transitional pension counts them
    /// (`award.transitional_years = deemed_and_pre_account`: P = deemed +
    /// these).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_account_months: Option<u32>,
    /// Summary: all months before the individual account began, deemed
    /// months INCLUDED (建账前缴费年限 × 12, as many sheets print it); used as P
    /// directly by `deemed_and_pre_account`. Give this or
    /// `pre_account_months`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_account_total_months: Option<u32>,
    /// History form: the contribution spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<Span>>,
    /// History form: average monthly wages by year overriding the rule set's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_wages: Option<BTreeMap<i32, Decimal>>,
    /// Individual account balance at retirement (个人账户储存额). With a
    /// history it may be left out: the account ledger then builds it from
    /// the history ([`crate::account::from_history`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_balance: Option<Decimal>,
    /// History form without `account_balance`: 记账利率 by year for years the
    /// rule set lacks (e.g. provincial rates before 2016).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_rates: Option<BTreeMap<i32, Decimal>>,
    /// 计发基数 C, overriding the rule set's value for the retirement year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pension_base: Option<Decimal>,
    /// Amounts of local extras whose amount the rule set does not hold
    /// (`kind = "unknown"`: no source found), as the agency computed them,
    /// by the extra's name (郑州 `transitional_subsidy`). Only such extras
    /// take one, and only where they apply; any other name is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_amounts: Option<BTreeMap<String, Decimal>>,
    /// The base of the flat half of the basic pension, overriding the rule
    /// set's `award.flat_part_base` for the retirement year (a projection's
    /// future year); only where the rule set has that base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_part_base: Option<Decimal>,
    /// Index of the transitional pension where a sheet prints one apart
    /// from the average index (default: the average index); required where
    /// the rule set's transitional pension uses a separate index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_index: Option<Decimal>,
    /// The transitional pension itself, where the rule set cannot compute
    /// it (`award.transitional_method = given`: a provincial formula on
    /// figures the engine does not model) — as the agency computed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_pension: Option<Decimal>,
    /// Actual contribution months in the province's transitional window
    /// (Beijing: 1992-10 … 1998-06), where the rule set's transitional
    /// pension has a window part (`award.transitional_window_coefficient`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_window_months: Option<u32>,
    /// The average index of those months (Beijing Z实).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_window_index: Option<Decimal>,
    /// The notionally credited account (虚账实记 / 视同缴费账户额) where the
    /// rule set's transitional pension adds it over a divisor
    /// (`award.transitional_notional_divisor`, Shanghai ÷ 120).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notional_account: Option<Decimal>,
    /// The old method's transitional pension (老办法过渡性养老金), where the
    /// rule set phases a new method in (`award.transitional_phase_in`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_transitional_pension: Option<Decimal>,
    /// First month paid (default: the month after the retirement month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_pension_month: Option<YearMonth>,
    /// 参保地 the place (GB/T 2260 six-digit code) whose rules apply: the
    /// engine picks the rule set of the code, else of its city, else of its
    /// province (a city layer over the engine's province set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// 人员属性 the person's attributes that local extras depend on
    /// (`{"only_child": true}`), each declared by the rule set
    /// (`award.attributes.<name>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, AttrValue>>,
    /// The locality whose 视同缴费指数 D applies (Guangdong: the place of
    /// work at the end of 1993, a name of `award.deemed_index.<locality>`
    /// such as `guangzhou`), where the rule set's transitional pension uses
    /// weighted years (`award.transitional_method = weighted_years`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deemed_index_locality: Option<String>,
    /// Actual contribution months before the index window, weighted with D
    /// like deemed months (Guangdong: up to 1993-12), for the weighted-years
    /// transitional method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_window_months: Option<u32>,
    /// The sum of the monthly contribution indices in the index window
    /// (Guangdong: 1994-01 … 1998-06), for the weighted-years transitional
    /// method; or give `transitional_window_months` and
    /// `transitional_window_index` (their count and average).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_index_sum: Option<Decimal>,
}

fn field_err(path: impl Into<String>, message: impl Into<String>) -> FieldError {
    let mut path = path.into();
    // An unknown field named "" still gets a path (`[""]`, `history[0][""]`).
    if path.is_empty() || path.ends_with('.') {
        path = format!("{}[\"\"]", path.trim_end_matches('.'));
    }
    FieldError {
        path,
        message: message.into(),
    }
}

impl AwardInput {
    /// Read an input object, reporting every field problem at once (types,
    /// unknown and missing fields, inside `history` too). Value checks
    /// (negative amounts, order of months) are made by [`award`].
    ///
    /// ```
    /// use pension_rules::award::AwardInput;
    /// let v = serde_json::json!({"category": "x", "birth": "1965-13", "retirement_month": "2025-03"});
    /// let e = AwardInput::from_json(&v).unwrap_err();
    /// let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    /// assert_eq!(paths, ["birth", "category"]);
    /// ```
    pub fn from_json(v: &Value) -> Result<AwardInput, Error> {
        crate::json_fields::read(v)
    }

    /// Whether the input is in history form.
    pub fn is_history(&self) -> bool {
        self.history.is_some()
    }

    /// The birth month: given, or the retirement month less `age`
    /// (`None` when neither is given, which validation refuses).
    pub fn birth_month(&self) -> Option<YearMonth> {
        match (self.birth, self.age) {
            (Some(b), _) => Some(b),
            (None, Some(a)) => Some(
                self.retirement_month
                    .add_months(-i32::try_from(a.total_months()).unwrap_or(i32::MAX)),
            ),
            (None, None) => None,
        }
    }

    /// The first month paid: the given one, else the month after the
    /// retirement month (pensions normally start the month after approval;
    /// provincial practice — the 2024 NPC retirement decision, docs/sources.md §5.3 notes).
    pub fn first_pension_month(&self) -> YearMonth {
        self.first_pension_month
            .unwrap_or_else(|| self.retirement_month.add_months(1))
    }

    /// The indices against the rule set's cap on the retirement date
    /// ([`crate::bounds::index`]): an average index above the cap is not a
    /// figure the law lets arise.
    pub fn index_bounds(&self, snap: &crate::rules::Snapshot) -> Vec<FieldError> {
        let date = self.retirement_month.first_day();
        [
            ("average_index", self.average_index),
            ("deemed_index", self.deemed_index),
            ("transitional_index", self.transitional_index),
            ("transitional_window_index", self.transitional_window_index),
        ]
        .into_iter()
        .filter_map(|(name, v)| crate::bounds::index(name, v?, snap, date, false))
        .chain(
            self.history
                .iter()
                .flatten()
                .enumerate()
                .filter_map(|(i, s)| {
                    // A deemed span's 视同缴费指数, at most the cap as well.
                    crate::bounds::index(
                        &format!("history[{i}].index"),
                        s.index?,
                        snap,
                        date,
                        false,
                    )
                }),
        )
        .collect()
    }

    /// Value checks; every problem at once, one per field (the first).
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errs = self.problems();
        let mut seen = std::collections::BTreeSet::new();
        errs.retain(|e| seen.insert(e.path.clone()));
        errs
    }

    fn problems(&self) -> Vec<FieldError> {
        let mut errs = vec![];
        // Ranges as data (crate::bounds): years, months, amounts.
        for (name, m) in [
            ("birth", self.birth),
            ("retirement_month", Some(self.retirement_month)),
            ("first_pension_month", self.first_pension_month),
        ] {
            errs.extend(m.and_then(|m| crate::bounds::month(name, m)));
        }
        for (name, n) in [
            (
                "contribution_months",
                self.contribution_months.map(SheetMonths::whole),
            ),
            ("deemed_months", self.deemed_months.map(SheetMonths::whole)),
            ("pre_account_months", self.pre_account_months),
            ("pre_account_total_months", self.pre_account_total_months),
            (
                "transitional_window_months",
                self.transitional_window_months,
            ),
        ] {
            errs.extend(n.and_then(|n| crate::bounds::months(name, n)));
        }
        for (name, x) in [
            ("account_balance", self.account_balance),
            ("notional_account", self.notional_account),
            ("transitional_pension", self.transitional_pension),
            ("old_transitional_pension", self.old_transitional_pension),
            ("pension_base", self.pension_base),
            ("flat_part_base", self.flat_part_base),
        ] {
            if let Some(x) = x
                && x > crate::bounds::MAX_AMOUNT
            {
                errs.extend(crate::bounds::amount(name, x));
            }
        }
        for (name, map) in [
            ("average_wages", &self.average_wages),
            ("account_rates", &self.account_rates),
        ] {
            for y in map.iter().flat_map(|m| m.keys()) {
                errs.extend(crate::bounds::year(&format!("{name}.{y}"), *y));
            }
        }
        let birth = self.birth_month().unwrap_or(self.retirement_month);
        match (self.birth, self.age) {
            (None, None) => errs.push(field_err(
                "birth",
                "missing: give the birth month, or `age` (the age at retirement) where the sheet has none",
            )),
            (Some(b), Some(a)) if Age::between(b, self.retirement_month) != Some(a) => {
                errs.push(field_err(
                    "age",
                    format!(
                        "{a} does not match birth {b} and retirement {}: give one of them",
                        self.retirement_month
                    ),
                ))
            }
            _ => {}
        }
        if self.retirement_month < birth {
            errs.push(field_err(
                "retirement_month",
                format!(
                    "{} is before the birth month {birth}",
                    self.retirement_month
                ),
            ));
        }
        let nonneg = |errs: &mut Vec<FieldError>, name: &str, v: Option<Decimal>| {
            if let Some(x) = v
                && x < Decimal::ZERO
            {
                errs.push(field_err(name, format!("must not be negative, got {x}")));
            }
        };
        if let Some(r) = &self.region
            && let Err(m) = check_region(r)
        {
            errs.push(field_err("region", m));
        }
        nonneg(&mut errs, "average_index", self.average_index);
        nonneg(&mut errs, "deemed_index", self.deemed_index);
        nonneg(&mut errs, "account_balance", self.account_balance);
        nonneg(&mut errs, "transitional_index", self.transitional_index);
        nonneg(
            &mut errs,
            "old_transitional_pension",
            self.old_transitional_pension,
        );
        nonneg(&mut errs, "transitional_pension", self.transitional_pension);
        nonneg(&mut errs, "notional_account", self.notional_account);
        for (name, v) in self.extra_amounts.iter().flatten() {
            errs.extend(crate::bounds::amount(&format!("extra_amounts.{name}"), *v));
        }
        nonneg(&mut errs, "window_index_sum", self.window_index_sum);
        nonneg(
            &mut errs,
            "transitional_window_index",
            self.transitional_window_index,
        );
        for (name, c) in [
            ("pension_base", self.pension_base),
            ("flat_part_base", self.flat_part_base),
        ] {
            if let Some(c) = c
                && c <= Decimal::ZERO
            {
                errs.push(field_err(name, format!("must be above 0, got {c}")));
            }
        }
        if self.account_balance.is_none() && !self.is_history() {
            errs.push(field_err(
                "account_balance",
                "required with the summary form (个人账户储存额 at retirement); a history lets the account ledger build it",
            ));
        }
        if self.account_rates.is_some() && !self.is_history() {
            errs.push(field_err(
                "account_rates",
                "only used with a history (to build the account balance)",
            ));
        }
        if let Some(m) = self.first_pension_month
            && m < self.retirement_month
        {
            errs.push(field_err(
                "first_pension_month",
                format!(
                    "{m} is before the retirement month {}",
                    self.retirement_month
                ),
            ));
        }
        match &self.history {
            Some(spans) => {
                for (name, given) in [
                    ("contribution_months", self.contribution_months.is_some()),
                    ("deemed_months", self.deemed_months.is_some()),
                    ("average_index", self.average_index.is_some()),
                    ("pre_account_months", self.pre_account_months.is_some()),
                    (
                        "pre_account_total_months",
                        self.pre_account_total_months.is_some(),
                    ),
                ] {
                    if given {
                        errs.push(field_err(
                            name,
                            "derived from `history`: give either the history or the summary figures",
                        ));
                    }
                }
                if spans.is_empty() {
                    errs.push(field_err("history", "must hold at least one span"));
                }
                errs.extend(contribution_index::validate_spans(
                    spans,
                    self.retirement_month,
                    "history",
                ));
                for (y, w) in self.average_wages.iter().flatten() {
                    if *w <= Decimal::ZERO {
                        errs.push(field_err(
                            format!("average_wages.{y}"),
                            format!("must be above 0, got {w}"),
                        ));
                    }
                }
            }
            None => {
                if self.contribution_months.is_none() {
                    errs.push(field_err(
                        "contribution_months",
                        "required without a `history` (months actually paid)",
                    ));
                }
                if self.average_index.is_none() {
                    errs.push(field_err(
                        "average_index",
                        "required without a `history` (本人平均缴费指数)",
                    ));
                }
                if self.average_wages.is_some() {
                    errs.push(field_err("average_wages", "used only with a `history`"));
                }
                if let Some(total) = self.pre_account_total_months {
                    if self.pre_account_months.is_some() {
                        errs.push(field_err(
                            "pre_account_total_months",
                            "give either pre_account_total_months (deemed months included) or pre_account_months (actual months only), not both",
                        ));
                    }
                    let deemed = self.deemed_months.map_or(0, SheetMonths::whole);
                    if total < deemed {
                        errs.push(field_err(
                            "pre_account_total_months",
                            format!(
                                "{total} months before the account include the deemed months, so they cannot be fewer than deemed_months {deemed}"
                            ),
                        ));
                    }
                }
                // Nobody pays (or is deemed to have paid) for more months
                // than they have lived: such a count is a typing error, and
                // it would make a figure, not an error.
                let lived = self.retirement_month.months_since(birth);
                let counted = self.contribution_months.unwrap_or_default().exact()
                    + self.deemed_months.unwrap_or_default().exact();
                if lived >= 0 && counted > Decimal::from(lived.unsigned_abs()) {
                    errs.push(field_err(
                        "contribution_months",
                        format!(
                            "{counted} months (contribution + deemed) exceed the {lived} months from the birth month {} to the retirement month {}",
                            birth, self.retirement_month
                        ),
                    ));
                }
            }
        }
        errs
    }
}

/// A GB/T 2260 administrative-division code ([`crate::bounds::region`]).
pub fn check_region(code: &str) -> Result<(), String> {
    crate::bounds::region(code)
}

/// A remark on the award: not an error, but something staff should see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Note {
    /// Stable code (`provisional_base`, `elastic_late`, …).
    pub code: &'static str,
    /// Explanation (English).
    pub message: String,
    /// Explanation (Chinese).
    pub zh: String,
}

/// The statutory retirement month and elastic window (from [`crate::retirement`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "AwardStatutory")] // its name in the bindings and the schema
pub struct Statutory {
    /// Statutory age.
    pub age: Age,
    /// The month it is reached.
    pub month: YearMonth,
    /// Earliest elastic month (弹性提前), where the reform allows one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<YearMonth>,
    /// Latest elastic month (弹性延迟), where the reform allows one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<YearMonth>,
}

/// The components before money rounding.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Unrounded {
    /// 基础养老金, exact.
    pub basic_pension: Decimal,
    /// 个人账户养老金 (to the decimal range).
    pub account_pension: Decimal,
    /// 过渡性养老金, exact.
    pub transitional_pension: Decimal,
    /// 地方增发, the exact sum of the extras.
    pub local_extras: Decimal,
}

/// The award: every figure of a 核定表, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "AwardResult")] // its name in the bindings and the schema
pub struct Award {
    /// `summary` or `history`.
    pub form: &'static str,
    /// Category.
    pub category: Category,
    /// Birth month.
    pub birth: YearMonth,
    /// Retirement month (as given).
    pub retirement_month: YearMonth,
    /// Age at retirement, in years and months.
    pub age: Age,
    /// The statutory month, for comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statutory: Option<Statutory>,
    /// First month paid.
    pub first_pension_month: YearMonth,
    /// Months actually paid.
    pub contribution_months: u32,
    /// Deemed months.
    pub deemed_months: u32,
    /// Months actually paid, exact, where the sheet counts a half month
    /// (`contribution_months` is then the whole months).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contribution_months_exact: Option<Decimal>,
    /// Deemed months, exact, where the sheet counts a half month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deemed_months_exact: Option<Decimal>,
    /// Minimum months for a monthly pension at this retirement month.
    pub min_contribution_months: u32,
    /// N = (contribution + deemed months) / 12 (rounded where the rule set says).
    pub years: Decimal,
    /// 计发基数 C.
    pub pension_base: Decimal,
    /// Whether C is a provisional (预发) value.
    pub pension_base_provisional: bool,
    /// Ī.
    pub average_index: Decimal,
    /// The index derivation (history form).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<IndexResult>,
    /// 本人指数化月平均缴费工资 C × Ī (money rounding).
    pub indexed_wage: Decimal,
    /// Account balance B.
    pub account_balance: Decimal,
    /// 计发月数 M.
    pub divisor: Decimal,
    /// 基础养老金 rate per year (1 %).
    pub basic_rate: Decimal,
    /// Rate per month beyond whole years, where the rule set pays the basic
    /// pension by whole years and months (Shanghai 0.083 %).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic_rate_per_extra_month: Option<Decimal>,
    /// Transitional coefficient k, where the rule set has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transitional_coefficient: Option<Decimal>,
    /// Index of the transitional pension.
    pub transitional_index: Decimal,
    /// Months that earn the transitional pension.
    pub transitional_months: u32,
    /// Those months in years as the transitional formula uses them
    /// (rounded where the rule set says).
    pub transitional_years: Decimal,
    /// Base of the flat half of the basic pension, where the rule set gives
    /// it one apart from C (`award.flat_part_base`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flat_part_base: Option<Decimal>,
    /// The transitional template's slots as filled (where the rule set
    /// defines a transitional pension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transitional_formula: Option<TransitionalFormula>,
    /// Whether the transitional pension was given in the input
    /// (`award.transitional_method = given`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub transitional_given: bool,
    /// The old/new method phase-in (新老办法过渡), where it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transitional_phase_in: Option<PhaseIn>,
    /// 基础养老金.
    pub basic_pension: Decimal,
    /// 个人账户养老金.
    pub account_pension: Decimal,
    /// 过渡性养老金.
    pub transitional_pension: Decimal,
    /// 地方增发 the local extras: the sum of the rounded lines
    /// (`rounding.local_extras`); 0 where none applies.
    pub local_extras: Decimal,
    /// The local extras line by line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extras: Vec<extras::ExtraLine>,
    /// 合计: the components and the extras `in_total`, by `award.total_rule`
    /// (the sum of the rounded parts by default).
    pub total: Decimal,
    /// The components before rounding (for audit).
    pub unrounded: Unrounded,
    /// Remarks (off-statutory month, provisional base, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The explanation, with the rule set's id, version and hash.
    pub trace: Trace,
    /// The weighted-years transitional pension (加权视同缴费年限,
    /// `award.transitional_method = weighted_years`), where it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transitional_weighted: Option<weighted_years::WeightedYears>,
}

impl Award {
    /// The figures the vector format names, as strings.
    pub fn figures(&self) -> Map<String, Value> {
        let mut m = Map::new();
        for (k, v) in [
            ("pension_base", self.pension_base),
            ("average_index", self.average_index),
            ("indexed_wage", self.indexed_wage),
            ("divisor", self.divisor),
            ("basic_pension", self.basic_pension),
            ("account_pension", self.account_pension),
            ("transitional_pension", self.transitional_pension),
            ("local_extras", self.local_extras),
            ("total", self.total),
        ] {
            m.insert(k.into(), Value::String(v.to_string()));
        }
        m.insert(
            "contribution_months".into(),
            match self.contribution_months_exact {
                Some(x) => Value::String(x.normalize().to_string()),
                None => Value::from(self.contribution_months),
            },
        );
        m.insert(
            "deemed_months".into(),
            match self.deemed_months_exact {
                Some(x) => Value::String(x.normalize().to_string()),
                None => Value::from(self.deemed_months),
            },
        );
        m.insert(
            "years".into(),
            Value::String(self.years.normalize().to_string()),
        );
        m
    }
}

/// The award's figures overflow together, not one field: the error is at
/// `input` ([`too_large`]).
const WHOLE_INPUT: &str = "input";

/// Compute the award under `snap` (its knowledge date decides which yearly
/// values are visible; the rules used are those in force on the first day
/// of the retirement month).
///
/// ```
/// use pension_rules::award::{award, AwardInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// // derived-award-2 (docs/sources.md §9.2 worked example 11): C 7727, Ī 0.8, N 40, S 10, B 120000.
/// let input = AwardInput::from_json(&serde_json::json!({
///     "category": "male", "birth": "1964-06", "retirement_month": "2024-06",
///     "contribution_months": 360, "deemed_months": 120,
///     "average_index": "0.8", "account_balance": "120000"
/// })).unwrap();
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snap = rules.at(input.retirement_month.first_day());
/// let a = award(&input, &snap, &mut Tracer::new(true)).unwrap();
/// assert_eq!(a.basic_pension.to_string(), "2781.72");
/// assert_eq!(a.account_pension.to_string(), "863.31");
/// assert_eq!(a.transitional_pension.to_string(), "865.42");
/// assert_eq!(a.total.to_string(), "4510.45");
/// ```
pub fn award(input: &AwardInput, snap: &Snapshot, tracer: &mut Tracer) -> Result<Award, Error> {
    award_in(input, snap, &BTreeMap::new(), tracer)
}

/// [`award`] for a career across places: `places` holds the rules of the
/// other places a history's spans name (by their `region` code), whose
/// average wages divide those spans' bases
/// ([`contribution_index::History::places`]). [`crate::api::Engine`] finds
/// them in its catalog.
pub fn award_in(
    input: &AwardInput,
    snap: &Snapshot,
    places: &BTreeMap<String, Snapshot>,
    tracer: &mut Tracer,
) -> Result<Award, Error> {
    let mut errs = input.validate();
    for e in input.index_bounds(snap) {
        if !errs.iter().any(|x| x.path == e.path) {
            errs.push(e);
        }
    }
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let month = input.retirement_month;
    let date = month.first_day();
    let birth = input
        .birth_month()
        .ok_or_else(|| Error::field("birth", "missing"))?;
    let age = Age::between(birth, month)
        .ok_or_else(|| Error::field("retirement_month", "is before the birth month"))?;
    let mut notes = vec![];
    tracer.step(|| {
        Step::new(
            "age",
            "退休年龄",
            age,
            match input.birth {
                Some(b) => format!("from birth {b} to retirement {month}"),
                None => format!("given as the age at retirement {month}; birth taken as {birth}"),
            },
        )
        .input("birth", birth)
        .input("retirement_month", month)
    });

    // The person's figures: given, or derived from the history; eligibility
    // first; the retirement month against the statutory one.
    let f = summary::summary(input, snap, places, date, &mut notes, tracer)?;
    let min = summary::eligibility(&f, snap, month, tracer)?;
    let stat = summary::statutory(input, snap, month, age, &mut notes);

    // 国发〔2005〕38号 第六条: C and N, the three components, their sum.
    let money = snap.rounding.money.at(date)?;
    let rounding_of = |own| components::component_rounding(own, &money, date);
    let r = &snap.rounding;
    let (c, provisional) = components::pension_base(input, snap, month, &mut notes, tracer)?;
    let flat = components::flat_part_base(input, snap, month, tracer)?;
    let n = components::years(&f, snap, date, tracer)?;
    let basic_money = rounding_of(&r.basic_pension)?;
    let basic =
        components::basic_pension(input, c, flat, &f, &n, snap, date, &basic_money, tracer)?;
    let account_money = rounding_of(&r.account_pension)?;
    let account = components::account_pension(input, age, snap, date, &account_money, tracer)?;
    let transitional_money = rounding_of(&r.transitional_pension)?;
    let transitional = components::transitional_pension(
        input,
        c,
        basic.average,
        &f,
        snap,
        &transitional_money,
        &mut notes,
        tracer,
    )?;
    extras::check_attributes(input, snap, date)?;
    let basis = extras::Basis {
        c,
        flat_base: flat.unwrap_or(c),
        average_index: f.average_index,
        years: n.value,
        actual_months: f.contribution_exact,
        deemed_months: f.deemed_exact,
        basic: basic.value,
        account: account.value,
        transitional: transitional.value,
    };
    let extras = extras::extras(input, &basis, snap, date, &money, tracer)?;
    let total = components::total(
        &[
            components::Part::new("basic", basic.value, basic.exact),
            components::Part::new("account", account.value, account.exact),
            components::Part::new("transitional", transitional.value, transitional.exact),
            components::Part::new("local_extras", extras.in_total, extras.in_total_exact),
        ],
        snap,
        date,
        &money,
        tracer,
    )?;
    for n in &notes {
        tracer.step(|| Step::new("note", "说明", n.code, n.message.clone()));
    }

    let trace = std::mem::replace(tracer, Tracer::new(tracer.enabled())).finish(snap);
    Ok(Award {
        form: if input.is_history() {
            "history"
        } else {
            "summary"
        },
        category: input.category,
        birth,
        retirement_month: month,
        age,
        statutory: stat,
        first_pension_month: input.first_pension_month(),
        contribution_months: f.contribution_months,
        deemed_months: f.deemed_months,
        contribution_months_exact: (!f.contribution_exact.fract().is_zero())
            .then_some(f.contribution_exact.normalize()),
        deemed_months_exact: (!f.deemed_exact.fract().is_zero())
            .then_some(f.deemed_exact.normalize()),
        min_contribution_months: min.value,
        years: n.value,
        pension_base: c,
        pension_base_provisional: provisional,
        average_index: f.average_index,
        index: f.index,
        indexed_wage: basic.indexed_wage,
        account_balance: account.balance,
        divisor: account.divisor,
        basic_rate: basic.rate,
        basic_rate_per_extra_month: basic.month_rate,
        transitional_coefficient: transitional.coefficient,
        transitional_index: transitional.index,
        transitional_months: transitional.months,
        transitional_years: transitional.years,
        flat_part_base: flat,
        transitional_formula: transitional.formula,
        transitional_phase_in: transitional.phase_in,
        transitional_weighted: transitional.weighted,
        transitional_given: transitional.given,
        basic_pension: basic.value,
        account_pension: account.value,
        transitional_pension: transitional.value,
        local_extras: extras.sum,
        extras: extras.lines,
        total,
        unrounded: Unrounded {
            basic_pension: basic.exact,
            account_pension: account.exact,
            transitional_pension: transitional.exact,
            local_extras: extras.exact,
        },
        notes,
        trace,
    })
}

/// N as shown in formulas: `515/12` when exact, else the rounded value.
pub(crate) fn years_text(
    years: Decimal,
    rounding: &Option<crate::rules::Sourced<crate::Rounding>>,
    total_months: Decimal,
) -> String {
    match rounding {
        Some(_) => years.normalize().to_string(),
        None if (total_months / Decimal::from(12)).fract().is_zero() => {
            years.normalize().to_string()
        }
        None => format!("{}/12", total_months.normalize()),
    }
}

/// The award on the provisional (预发) base and on the final one, with the
/// monthly difference and the arrears (补发) owed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "AwardRecomputation")] // its name in the bindings and the schema
pub struct Recomputation {
    /// The award as known on the provisional date.
    pub provisional: Award,
    /// The award as known on the final date.
    #[serde(rename = "final")]
    pub final_award: Award,
    /// final total − provisional total, per month.
    pub monthly_difference: Decimal,
    /// First month owed.
    pub first_pension_month: YearMonth,
    /// Last month owed (included).
    pub arrears_through: YearMonth,
    /// Months owed.
    pub arrears_months: u32,
    /// monthly difference × months (补发; negative = overpaid).
    pub arrears: Decimal,
}

/// Evaluate the award as known on `provisional_known_on` (the base then
/// published, possibly 预发) and as known on `final_known_on` (`None`:
/// everything in the rule set), and the arrears from the first pension month
/// through `arrears_through` inclusive. Yearly pension increases in between
/// are not included.
///
/// ```
/// use pension_rules::award::{recompute, AwardInput};
/// use pension_rules::rules::RuleSet;
/// // A 2025 Shaanxi retiree first approved on the 预发 base 7727
/// // (docs/sources.md §11.1), recomputed on the final 7881.
/// let input = AwardInput::from_json(&serde_json::json!({
///     "category": "male", "birth": "1965-01", "retirement_month": "2025-02",
///     "contribution_months": 385, "deemed_months": 130,
///     "average_index": "0.9", "account_balance": "160000"
/// })).unwrap();
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let r = recompute(&input, &rules, "2025-08-01".parse().unwrap(), None,
///                   "2026-06".parse().unwrap(), false).unwrap();
/// assert!(r.provisional.pension_base_provisional);
/// assert_eq!(r.final_award.pension_base.to_string(), "7881");
/// assert_eq!(r.arrears_months, 16); // 2025-03 … 2026-06
/// ```
pub fn recompute(
    input: &AwardInput,
    rules: &RuleSet,
    provisional_known_on: NaiveDate,
    final_known_on: Option<NaiveDate>,
    arrears_through: YearMonth,
    trace: bool,
) -> Result<Recomputation, Error> {
    let date = input.retirement_month.first_day();
    let p_snap = rules.at_known(date, provisional_known_on);
    let f_snap = match final_known_on {
        Some(k) => rules.at_known(date, k),
        None => rules.at(date),
    };
    let provisional = award(input, &p_snap, &mut Tracer::new(trace))?;
    let final_award = award(input, &f_snap, &mut Tracer::new(trace))?;
    let first = input.first_pension_month();
    let months = u32::try_from(arrears_through.months_since(first) + 1).unwrap_or(0);
    let diff = final_award
        .total
        .checked_sub(provisional.total)
        .ok_or_else(|| too_large(WHOLE_INPUT))?;
    let arrears = diff
        .checked_mul(Decimal::from(months))
        .ok_or_else(|| too_large(WHOLE_INPUT))?;
    Ok(Recomputation {
        provisional,
        final_award,
        monthly_difference: diff,
        first_pension_month: first,
        arrears_through,
        arrears_months: months,
        arrears,
    })
}
