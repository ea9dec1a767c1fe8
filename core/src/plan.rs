//! 退休与缴费规划 — when to retire and what to pay: one person's
//! projection ([`crate::projection`]) repeated over a table of scenarios
//! (retirement month × future contribution base), each with its award,
//! eligibility under the rising minimum, the person's own contributions,
//! the break-even month (回本) and an expected lifetime value.
//!
//! Nothing here is new law: every scenario is a projection under the rules
//! in force in its retirement month, exactly as the `projection` kind
//! computes it. What the plan adds is arithmetic over those results, each
//! step in the scenario's trace, and the assumptions it rests on stated
//! with the result ([`PlanAssumptions`]):
//!
//! * **retirement months**: by default every month of the person's elastic
//!   window (弹性退休, 《国务院关于渐进式延迟法定退休年龄的办法》 第三条),
//!   from the earliest to the latest month; the statutory month alone where
//!   the law in force has no window;
//! * **future bases**: contribution indexes (a base as a share of the
//!   average wage: `0.6` … `3`, 灵活就业人员 may choose 60 %–300 %,
//!   国办发〔2019〕13号); by default the person's own index path;
//! * **who pays**: as an employee (用人单位职工: the person pays the
//!   individual rate, the employer its rate, shown apart) or as a flexible
//!   worker (灵活就业: the person pays the whole flexible rate, 20 %, of which
//!   8 % goes to the account, 国发〔2005〕38号 第三条);
//! * **minimum years** (最低缴费年限): the minimum of the retirement year
//!   (15 years, rising by 6 months a year from 2030 to 20, 2024 决定 附件
//!   第二条); paid plus deemed months count. Where short, the months still
//!   needed and their cost at each base, paid as a flexible worker at the
//!   average wage of the retirement year's base (延长缴费);
//! * **break-even** (回本): the first month in which the pensions received
//!   since retirement reach the person's own contributions (to date, when
//!   given, and to come); the pension stays as awarded unless a yearly
//!   `pension_growth` is assumed (applied each January);
//! * **lifetime value**: the expected present value of the pension over the
//!   survival of a published life table from the retirement age (rule data
//!   `life.qx_male` / `life.qx_female`: the annuity tables CL3 / CL4 of
//!   《中国人寿保险业经验生命表(2000-2003)》, 保监发〔2005〕117号): each month's
//!   pension is paid when the person is alive at the start of the month,
//!   deaths spread evenly within each year of age (UDD), discounted yearly
//!   at `discount_rate` when given; beside it the life expectancy at the
//!   retirement age from the same table. Where the rule set has no life
//!   table in force, the pension over the 计发月数 at the retirement age
//!   (国发〔2005〕38号 附件: set from urban life expectancy, retirement age
//!   and interest, it understates the months a pensioner lives), as stated.
//!
//! ```
//! use pension_rules::api::{Engine, Kind};
//! let engine = Engine::embedded("cn/shaanxi").unwrap();
//! let input = serde_json::json!({
//!     "person": {"category": "male", "birth": "1970-03", "from": "2026-01",
//!                "contribution_months": 240, "average_index": "1.0",
//!                "account_balance": "80000"},
//!     "assumptions": {"average_wage_growth": "0.04", "pension_base_growth": "0.03",
//!                     "interest_rate": "0.03"},
//!     "retirement_months": ["2032-01", "2033-01"], "bases": ["0.6", "1.0"]});
//! let plan = engine.compute(Kind::Plan, &input, false).unwrap();
//! let s = plan["scenarios"].as_array().unwrap();
//! assert_eq!(s.len(), 4); // 2 months × 2 bases
//! // Retiring a year later at the same base pays more.
//! let total = |i: usize| s[i]["total"].as_str().unwrap().parse::<f64>().unwrap();
//! assert!(total(2) > total(0));
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::api::Engine;
use crate::api::projection_case::ProjectionCase;
use crate::contribution_index::{History, Span, average_index};
use crate::error::RuleError;
use crate::error::{Error, FieldError, InputErrors};
use crate::money::too_large;
use crate::projection::{Assumptions, Projection, ProjectionInput};
use crate::retirement::Category;
use crate::rules::{IndexDenominator, Snapshot, Sourced, TableRows, TransitionalMethod};
use crate::time::{Age, YearMonth};
use crate::trace::{ParamUse, Step, Trace};

/// Who pays the future contributions.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// 用人单位职工: the person pays the individual rate, the employer its rate.
    #[default]
    Employee,
    /// 灵活就业人员: the person pays the whole flexible rate.
    Flexible,
}

/// Most scenarios a plan computes (months × bases).
pub const MAX_SCENARIOS: usize = 2_000;

/// A plan's input: the person, the assumptions and what to compare.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// The person, as for a projection (summary of the past, the future
    /// index); its `retirement_month` is replaced by each scenario's.
    pub person: ProjectionInput,
    /// The stated assumptions for years the rule set does not cover.
    pub assumptions: Assumptions,
    /// Retirement months to compare; default every month of the elastic
    /// window (the statutory month alone where the law has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retirement_months: Option<Vec<YearMonth>>,
    /// Future contribution bases as indexes (share of the average wage:
    /// `"0.6"` … `"3"`); default the person's own index path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bases: Option<Vec<Decimal>>,
    /// Who pays the future contributions (`employee` by default).
    #[serde(default)]
    pub payer: Payer,
    /// The person's own contributions paid so far (个人缴费累计, from the
    /// statement), counted in the break-even; without it only the
    /// contributions to come are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_to_date: Option<Decimal>,
    /// Yearly growth of the pension after retirement (调整), assumed for
    /// the break-even and the lifetime value; default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pension_growth: Option<Decimal>,
    /// Yearly discount rate of the lifetime value; default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<Decimal>,
    /// The person's past as a monthly contribution history (缴费历史, spans
    /// as for an award), instead of the summary figures of `person`: it is
    /// reduced to them — months paid, average index, deemed and
    /// pre-account months, the account balance at the end of the year before
    /// `person.from` — and the plan then projects from `person.from` as
    /// usual. Every span must end by that year's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<Span>>,
    /// With a `history`: 记账利率 by year for the years of the history the
    /// rule set has none (e.g. provincial rates before 2016).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_rates: Option<BTreeMap<i32, Decimal>>,
    /// With a `history`: average monthly wages by year that override or add
    /// to the rule set's (`award.average_wage`), as for an award — the
    /// years of the history a place's rule data lacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_wages: Option<BTreeMap<i32, Decimal>>,
}

/// The summary a history was reduced to (what a statement prints).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct HistorySummary {
    /// The last month the history covers (December of the year before
    /// `person.from`).
    pub through: YearMonth,
    /// Months actually paid (实际缴费月数).
    pub contribution_months: u32,
    /// The average index over them (本人平均缴费指数), as the award derives
    /// it from a history, rounded as the rule set rounds indices; none
    /// without paid months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_index: Option<Decimal>,
    /// Deemed months (视同缴费月数).
    pub deemed_months: u32,
    /// Paid months before the individual account began.
    pub pre_account_months: u32,
    /// The account balance at the end of `through` (个人账户储存额).
    pub account_balance: Decimal,
    /// The transitional window's months, index and Σ as the history gives
    /// them, where the rule set has a window (北京 N实98 / Z实 1992-10 …
    /// 1998-06; 广东 the Σ 1994-01 … 1998-06 and the months before it): the
    /// figures an award derives from the same history, passed to the
    /// projection as the records would give them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<crate::contribution_index::WindowIndex>,
}

/// The summary fields of `person` a history replaces.
const HISTORY_REPLACES: [&str; 9] = [
    "contribution_months",
    "average_index",
    "deemed_months",
    "pre_account_months",
    "account_balance",
    "transitional_window_months",
    "transitional_window_index",
    "window_index_sum",
    "pre_window_months",
];

/// The cost of the months still needed, paid at one base.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MakeUp {
    /// The base as an index.
    pub index: Decimal,
    /// The monthly base (index × the average wage of the base year).
    pub monthly_base: Decimal,
    /// One month's contribution (the flexible rate).
    pub monthly: Decimal,
    /// All the months still needed.
    pub total: Decimal,
}

/// One scenario: a retirement month and a future base. Where the minimum
/// is not met no pension is payable: the award's figures, the
/// contributions, break-even and lifetime value are then absent.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Scenario {
    /// Retirement month.
    pub retirement_month: YearMonth,
    /// Age then.
    pub age: Age,
    /// Whether it is the statutory month.
    pub statutory: bool,
    /// The future contribution index (none: the person's own path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// Months paid at retirement (past and projected).
    pub contribution_months: u32,
    /// Deemed months (视同缴费).
    pub deemed_months: u32,
    /// 缴费年限 as the award counts it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<Decimal>,
    /// The minimum months of the retirement year.
    pub required_months: u32,
    /// Whether a monthly pension is payable then (minimum met).
    pub eligible: bool,
    /// Months still needed (0 when eligible).
    pub short_by_months: u32,
    /// Their cost at each compared base (empty when eligible).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub make_up: Vec<MakeUp>,
    /// 基础养老金.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic_pension: Option<Decimal>,
    /// 个人账户养老金.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_pension: Option<Decimal>,
    /// 过渡性养老金.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transitional_pension: Option<Decimal>,
    /// 地方增发.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_extras: Option<Decimal>,
    /// 合计 monthly pension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Decimal>,
    /// Account balance at retirement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_balance: Option<Decimal>,
    /// 计发月数 at the retirement age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub divisor: Option<Decimal>,
    /// The person's own contributions so far, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_to_date: Option<Decimal>,
    /// The person's own contributions to come (individual rate as an
    /// employee; the whole flexible rate as a flexible worker).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_to_come: Option<Decimal>,
    /// The employer's contributions to come (0 for a flexible worker).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer_to_come: Option<Decimal>,
    /// The first month in which the pensions received reach the person's
    /// own contributions (none within 100 years, or no pension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_even_month: Option<YearMonth>,
    /// Age in that month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_even_age: Option<Age>,
    /// Months of pension until then (counting the retirement month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_even_months: Option<u32>,
    /// The expected present value of the pension over the life table's
    /// survival from the retirement age (the pension over the 计发月数 where
    /// the rule set has no life table: then `life_expectancy_months` is
    /// absent), discounted yearly when a discount rate is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifetime_value: Option<Decimal>,
    /// 平均余命: the complete expectation of life at the retirement age, in
    /// months, from the life table (deaths spread evenly within each year
    /// of age), rounded as the 计发月数; compare `divisor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub life_expectancy_months: Option<Decimal>,
    /// How each figure was found (the projection's steps and the plan's).
    pub trace: Trace,
}

/// What the plan assumed, stated with the result.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PlanAssumptions {
    /// The projection's assumptions.
    pub projection: Assumptions,
    /// Who pays the future contributions.
    pub payer: Payer,
    /// Pension growth after retirement (none: stays as awarded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pension_growth: Option<Decimal>,
    /// Discount rate of the lifetime value (none: not discounted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<Decimal>,
    /// The statements the figures rest on, in words.
    pub statements: Vec<String>,
}

/// A plan: the scenarios, the statutory month and the assumptions.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Plan {
    /// Statutory retirement month.
    pub statutory_month: YearMonth,
    /// Statutory age.
    pub statutory_age: Age,
    /// Earliest month of the elastic window (none without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest_month: Option<YearMonth>,
    /// Latest month of the elastic window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_month: Option<YearMonth>,
    /// One row per retirement month and base, months first.
    pub scenarios: Vec<Scenario>,
    /// What the figures assume.
    pub assumptions: PlanAssumptions,
    /// The summary the input's `history` was reduced to (none without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history_summary: Option<HistorySummary>,
    /// How the months compared were found (the statutory month and the
    /// window, with their sources), with the rule set's id, version and
    /// hash; each scenario has its own steps.
    pub trace: Trace,
}

impl PlanInput {
    /// Read the JSON input, every field problem at once with its path.
    pub fn from_json(v: &serde_json::Value) -> Result<PlanInput, Error> {
        let input = crate::json_fields::read::<PlanInput>(v)?;
        // A summary field given beside a history, even at its default.
        if input.history.is_some() {
            let mut errs: Vec<FieldError> = HISTORY_REPLACES
                .iter()
                .filter(|f| v["person"].get(**f).is_some())
                .map(|f| history_conflict(f))
                .collect();
            if !errs.is_empty() {
                // With every other problem of the input, once each.
                for e in input.check() {
                    if !errs.iter().any(|x| x.path == e.path) {
                        errs.push(e);
                    }
                }
                return Err(Error::Input(InputErrors(errs)));
            }
        }
        Ok(input)
    }

    fn check(&self) -> Vec<FieldError> {
        let mut errs = vec![];
        let err = |path: String, message: String| FieldError { path, message };
        for (name, v) in [
            ("pension_growth", self.pension_growth),
            ("discount_rate", self.discount_rate),
        ] {
            match v {
                Some(v) if v <= Decimal::NEGATIVE_ONE => {
                    errs.push(err(name.into(), format!("must be above -1, got {v}")));
                }
                Some(v) => errs.extend(crate::bounds::rate(name, v)),
                None => {}
            }
        }
        if let Some(p) = self.paid_to_date
            && p < Decimal::ZERO
        {
            errs.push(err(
                "paid_to_date".into(),
                format!("must not be negative, got {p}"),
            ));
        }
        for (k, b) in self.bases.iter().flatten().enumerate() {
            if *b <= Decimal::ZERO {
                errs.push(err(
                    format!("bases[{k}]"),
                    format!("must be above 0, got {b}"),
                ));
            }
        }
        if self.bases.as_ref().is_some_and(Vec::is_empty) {
            errs.push(err(
                "bases".into(),
                "give at least one base, or leave it out".into(),
            ));
        }
        if let Some(spans) = &self.history {
            let p = &self.person;
            for (field, given) in [
                ("contribution_months", p.contribution_months != 0),
                ("average_index", p.average_index.is_some()),
                ("deemed_months", p.deemed_months != 0),
                ("pre_account_months", p.pre_account_months != 0),
                ("account_balance", !p.account_balance.is_zero()),
                (
                    "transitional_window_months",
                    p.transitional_window_months.is_some(),
                ),
                (
                    "transitional_window_index",
                    p.transitional_window_index.is_some(),
                ),
                ("window_index_sum", p.window_index_sum.is_some()),
                ("pre_window_months", p.pre_window_months.is_some()),
            ] {
                if given {
                    errs.push(history_conflict(field));
                }
            }
            if spans.is_empty() {
                errs.push(err("history".into(), "must hold at least one span".into()));
            }
            // The past ends with the year before `from`: the plan projects
            // from `from` on an opening balance at that year's end.
            let end = YearMonth::new(p.from.year() - 1, 12);
            for (i, sp) in spans.iter().enumerate() {
                let late = |m: YearMonth| end.is_some_and(|e| m > e);
                if late(sp.to) {
                    errs.push(err(
                        format!("history[{i}].to"),
                        format!(
                            "{} is after {}: the history is the past up to the end of the year before person.from ({}), from which the plan projects",
                            sp.to,
                            end.map_or_else(String::new, |e| e.to_string()),
                            p.from
                        ),
                    ));
                } else if let Some(m) = sp.paid_in.filter(|m| late(*m)) {
                    errs.push(err(
                        format!("history[{i}].paid_in"),
                        format!(
                            "{m} is after the end of the year before person.from ({})",
                            p.from
                        ),
                    ));
                }
            }
            for e in crate::contribution_index::validate_spans(spans, p.from, "history") {
                if !errs.iter().any(|x| x.path == e.path) {
                    errs.push(e);
                }
            }
        } else {
            for (name, given) in [
                ("account_rates", self.account_rates.is_some()),
                ("average_wages", self.average_wages.is_some()),
            ] {
                if given {
                    errs.push(err(name.into(), "used only with a `history`".into()));
                }
            }
        }
        for (y, w) in self.average_wages.iter().flatten() {
            errs.extend(crate::bounds::year(&format!("average_wages.{y}"), *y));
            if *w <= Decimal::ZERO {
                errs.push(err(
                    format!("average_wages.{y}"),
                    format!("must be above 0, got {w}"),
                ));
            }
        }
        if self.retirement_months.as_ref().is_some_and(Vec::is_empty) {
            errs.push(err(
                "retirement_months".into(),
                "give at least one month, or leave it out (the elastic window)".into(),
            ));
        }
        errs
    }
}

impl Engine {
    /// 退休与缴费规划: the person's projection for every retirement month
    /// and future base compared (see [`crate::plan`]).
    pub fn plan(&self, input: &PlanInput, trace: bool) -> Result<Plan, Error> {
        let errs = input.check();
        if !errs.is_empty() {
            return Err(Error::Input(InputErrors(errs)));
        }
        let reduced;
        let (input, history_summary) = match &input.history {
            Some(spans) => {
                let (person, summary) = self.reduce_history(input, spans)?;
                reduced = PlanInput {
                    person,
                    history: None,
                    account_rates: None,
                    average_wages: None,
                    ..input.clone()
                };
                (&reduced, Some(summary))
            }
            None => (input, None),
        };
        let person = &input.person;
        let at_birth = self.snapshot(person.birth.first_day(), None);
        let st = crate::retirement::statutory(&at_birth, person.birth, person.category)?;
        let window = crate::retirement::elastic_window(&at_birth, person.birth, &st)?;
        let mut tracer = crate::trace::Tracer::new(trace);
        tracer.step(|| {
            Step::new(
                "plan_months",
                "比较的退休年月",
                match &window {
                    Some(w) => format!("{} – {}", w.earliest_month, w.latest_month),
                    None => st.month.to_string(),
                },
                format!(
                    "statutory {} at {} (born {}, {}); {}",
                    st.month,
                    st.age,
                    person.birth,
                    person.category.name(),
                    match (&input.retirement_months, &window) {
                        (Some(m), _) => format!("{} months given", m.len()),
                        (None, Some(w)) => format!(
                            "every month of the elastic window: {} early, {} late at most",
                            w.max_early_months, w.max_delay_months
                        ),
                        (None, None) => "no elastic window in force: the statutory month".into(),
                    }
                ),
            )
            .param(ParamUse::of(&st.schedule))
        });
        if let Some(h) = &history_summary {
            tracer.step(|| {
                Step::new(
                    "plan_history",
                    "缴费历史概要",
                    h.contribution_months,
                    format!(
                        "the history to {}: {} months paid at an average index of {} (as an award derives it from a history, rules of {}), {} deemed, {} before the account began; the account's credits with interest to the end of {}: {}",
                        h.through,
                        h.contribution_months,
                        h.average_index.map_or("—".to_string(), |x| x.to_string()),
                        person.from,
                        h.deemed_months,
                        h.pre_account_months,
                        h.through.year(),
                        h.account_balance
                    ),
                )
            });
        }
        let months: Vec<YearMonth> = match &input.retirement_months {
            Some(m) => m.clone(),
            None => match &window {
                Some(w) => {
                    let n = w.latest_month.months_since(w.earliest_month).max(0);
                    (0..=n).map(|k| w.earliest_month.add_months(k)).collect()
                }
                None => vec![st.month],
            },
        };
        let bases: Vec<Option<Decimal>> = match &input.bases {
            Some(b) => b.iter().copied().map(Some).collect(),
            None => vec![None],
        };
        if months.len().saturating_mul(bases.len()) > MAX_SCENARIOS {
            return Err(Error::field(
                "retirement_months",
                format!(
                    "{} months × {} bases is over {MAX_SCENARIOS} scenarios; compare fewer",
                    months.len(),
                    bases.len()
                ),
            ));
        }
        // The life table of the statutory month names the lifetime basis.
        let life_table = {
            let snap = self.snapshot(st.month.first_day(), None);
            let qx = match person.category {
                Category::Male => &snap.life.qx_male,
                Category::Female50 | Category::Female55 => &snap.life.qx_female,
            };
            qx.in_month(st.month)
                .ok()
                .map(|t| format!("{} ({})", t.provenance.source, t.param))
        };
        let mut scenarios = Vec::with_capacity(months.len() * bases.len());
        let mut errors: Vec<FieldError> = vec![];
        for (i, m) in months.iter().enumerate() {
            for b in &bases {
                match self.scenario(input, *m, *b, st.month, trace) {
                    Ok(s) => scenarios.push(s),
                    Err(Error::Input(InputErrors(fs))) => {
                        for f in fs {
                            let path = match f.path.as_str() {
                                "retirement_month" => format!("retirement_months[{i}]"),
                                "index" => "bases".to_string(),
                                p => format!("person.{p}"),
                            };
                            if !errors.iter().any(|e| e.path == path) {
                                errors.push(FieldError {
                                    path,
                                    message: format!("{m}: {}", f.message),
                                });
                            }
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Input(InputErrors(errors)));
        }
        Ok(Plan {
            statutory_month: st.month,
            statutory_age: st.age,
            earliest_month: window.as_ref().map(|w| w.earliest_month),
            latest_month: window.as_ref().map(|w| w.latest_month),
            scenarios,
            assumptions: assumptions(input, life_table.as_deref(), history_summary.as_ref()),
            history_summary,
            trace: tracer.finish(&at_birth),
        })
    }

    fn scenario(
        &self,
        input: &PlanInput,
        month: YearMonth,
        index: Option<Decimal>,
        statutory: YearMonth,
        trace: bool,
    ) -> Result<Scenario, Error> {
        let mut person = input.person.clone();
        person.retirement_month = Some(month);
        if let Some(x) = index {
            person.index = Some(x);
            person.indexes = None;
        }
        let snap = self.snapshot(month.first_day(), None);
        // Not eligible: the award refuses (no pension is payable then).
        let projected = match self.projection(
            &ProjectionCase {
                input: person.clone(),
                assumptions: input.assumptions.clone(),
            },
            trace,
        ) {
            Ok(r) => Some(r.projection),
            Err(Error::NotApplicable(_)) => None,
            Err(e) => return Err(e),
        };
        let mut steps = projected
            .as_ref()
            .map(|p| p.award.trace.steps.clone())
            .unwrap_or_default();
        let mut step = |s: Step| {
            if trace {
                steps.push(s);
            }
        };
        // Eligibility under the minimum of the retirement year.
        let paid = match &projected {
            Some(p) => p.contribution_months,
            None => {
                let last = person.last_paid(month);
                let n = if person.from <= last {
                    u32::try_from(last.months_since(person.from) + 1).unwrap_or(0)
                } else {
                    0
                };
                person.contribution_months.saturating_add(n)
            }
        };
        let min = crate::retirement::min_contribution_months(&snap, month)?;
        let counted = paid.saturating_add(person.deemed_months);
        let short = min.value.saturating_sub(counted);
        step(
            Step::new(
                "plan_eligibility",
                "最低缴费年限",
                if short == 0 { "met" } else { "short" },
                format!(
                    "paid {paid} + deemed {} = {counted} months against the minimum {} of {}: {}",
                    person.deemed_months,
                    min.value,
                    month.year(),
                    if short == 0 {
                        "met".to_string()
                    } else {
                        format!("{short} months short: no monthly pension is payable then")
                    }
                ),
            )
            .param(ParamUse::of(&min)),
        );
        let make_up = if short == 0 {
            vec![]
        } else {
            let list: Vec<Decimal> = match &input.bases {
                Some(b) => b.clone(),
                None => vec![
                    person
                        .index
                        .or(person.indexes.as_ref().and_then(|v| v.last().copied()))
                        .unwrap_or(Decimal::ONE),
                ],
            };
            let mut out = vec![];
            for x in list {
                out.push(make_up(
                    &snap,
                    &input.assumptions,
                    month,
                    x,
                    short,
                    &mut step,
                )?);
            }
            out
        };
        let mut scenario = Scenario {
            retirement_month: month,
            age: Age::between(person.birth, month).ok_or_else(|| too_large("retirement_months"))?,
            statutory: month == statutory,
            index,
            contribution_months: paid,
            deemed_months: person.deemed_months,
            years: None,
            required_months: min.value,
            eligible: short == 0,
            short_by_months: short,
            make_up,
            basic_pension: None,
            account_pension: None,
            transitional_pension: None,
            local_extras: None,
            total: None,
            account_balance: None,
            divisor: None,
            paid_to_date: input.paid_to_date,
            own_to_come: None,
            employer_to_come: None,
            break_even_month: None,
            break_even_age: None,
            break_even_months: None,
            lifetime_value: None,
            life_expectancy_months: None,
            trace: Trace {
                rules: snap.identity.clone(),
                steps: vec![],
            },
        };
        if let Some(p) = &projected {
            self.benefits(input, &snap, &person, p, &mut scenario, &mut step)?;
        }
        scenario.trace.steps = steps;
        Ok(scenario)
    }

    /// The award's figures, the contributions, break-even and lifetime
    /// value of a scenario whose pension is payable.
    fn benefits(
        &self,
        input: &PlanInput,
        snap: &Snapshot,
        person: &ProjectionInput,
        p: &Projection,
        s: &mut Scenario,
        step: &mut impl FnMut(Step),
    ) -> Result<(), Error> {
        let month = s.retirement_month;
        let a = &p.award;
        s.years = Some(a.years);
        s.basic_pension = Some(a.basic_pension);
        s.account_pension = Some(a.account_pension);
        s.transitional_pension = Some(a.transitional_pension);
        s.local_extras = Some(a.local_extras);
        s.total = Some(a.total);
        s.account_balance = Some(p.account_balance);
        s.divisor = Some(a.divisor);
        s.age = a.age;
        s.trace.rules = a.trace.rules.clone();
        // Contributions to come.
        let (own, employer) = contributions(snap, person, p, input.payer)?;
        step(Step::new(
            "plan_contributions",
            "个人缴费",
            own,
            match input.payer {
                Payer::Employee => format!(
                    "the individual contributions of the projected years: {own}; the employer's: {employer}"
                ),
                Payer::Flexible => format!(
                    "each projected month's base × the flexible rate, rounded, summed: {own}"
                ),
            },
        ));
        s.own_to_come = Some(own);
        s.employer_to_come = Some(employer);
        let total_own = own
            .checked_add(input.paid_to_date.unwrap_or_default())
            .ok_or_else(|| too_large("paid_to_date"))?;
        let money = snap.rounding.money.in_month(month)?.value;
        let pension = |k: u32| -> Result<Decimal, Error> {
            grown(a.total, input.pension_growth, month, k, |x| money.apply(x))
        };
        // Break-even.
        let mut break_even = None;
        if a.total > Decimal::ZERO {
            let mut sum = Decimal::ZERO;
            for k in 0..1200u32 {
                sum = sum
                    .checked_add(pension(k)?)
                    .ok_or_else(|| too_large("index"))?;
                if sum >= total_own {
                    break_even = Some(k + 1);
                    break;
                }
            }
        }
        let be_month = break_even.map(|n| month.add_months(n as i32 - 1));
        step(Step::new(
            "plan_break_even",
            "回本",
            be_month.map_or_else(|| "none".to_string(), |m| m.to_string()),
            format!(
                "first month when the pensions since {month} reach the own contributions {total_own}{}{}",
                if input.paid_to_date.is_none() {
                    " (contributions to come only: paid_to_date not given)"
                } else {
                    ""
                },
                match break_even {
                    Some(n) => format!(": {n} months"),
                    None => ": not within 100 years".into(),
                }
            ),
        ));
        s.break_even_month = be_month;
        s.break_even_age = be_month.and_then(|m| Age::between(person.birth, m));
        s.break_even_months = break_even;
        // Lifetime value over the life table's survival, or over the
        // divisor's months where the rule set has none.
        let qx = match person.category {
            Category::Male => &snap.life.qx_male,
            Category::Female50 | Category::Female55 => &snap.life.qx_female,
        };
        let discount = input.discount_rate.map_or(String::new(), |d| {
            format!(", discounted at {d} a year (by whole years from the retirement month)")
        });
        match qx.in_month(month).ok() {
            Some(table) => {
                let life = survival(a.age, &table, input.discount_rate, &pension)?;
                let lifetime = money.apply(life.value);
                let months = snap.rounding.divisor.in_month(month)?;
                let expectancy = months.value.apply(life.expectancy);
                step(
                    Step::new(
                        "plan_life_expectancy",
                        "平均余命",
                        expectancy,
                        format!(
                            "complete expectation of life at {} in months from {} ({}): Σ over each month from the retirement month of the probability of being alive at its start, less ½ (deaths spread evenly within each year of age) = {} − ½, rounded ({}); the 计发月数 is {}",
                            a.age,
                            table.param,
                            table.provenance.source,
                            life.payments.round_dp(4).normalize(),
                            months.value,
                            a.divisor
                        ),
                    )
                    .input("age", a.age)
                    .input("category", person.category.name())
                    .param(ParamUse::keyed(&table, a.age.years()))
                    .param(ParamUse::of(&months)),
                );
                step(
                    Step::new(
                        "plan_lifetime_value",
                        "预期领取总额",
                        lifetime,
                        format!(
                            "expected present value: Σ over each month from {month} of the month's pension × the probability of being alive at its start ({}, from age {}: ₜpₓ = lₙ(1 − j·qₙ) / l_y(1 − m·q_y) at age n years j months){discount}; the expected number of monthly payments is {}",
                            table.param,
                            a.age,
                            life.payments.round_dp(4).normalize()
                        ),
                    )
                    .input("age", a.age)
                    .input("category", person.category.name())
                    .param(ParamUse::keyed(&table, a.age.years())),
                );
                s.lifetime_value = Some(lifetime);
                s.life_expectancy_months = Some(expectancy);
                return Ok(());
            }
            None => {
                let lifetime =
                    lifetime(a.divisor, input.discount_rate, &pension).map(|v| money.apply(v))?;
                step(Step::new(
                    "plan_lifetime_value",
                    "预期领取总额",
                    lifetime,
                    format!(
                        "no life table ({}) in force in {month}: the monthly pension over {} expected months (计发月数 at the retirement age){discount}",
                        qx.param(),
                        a.divisor,
                    ),
                ));
                s.lifetime_value = Some(lifetime);
            }
        }
        Ok(())
    }
}

/// What the life table gives from a retirement age.
struct Survival {
    /// Expected present value of the pension.
    value: Decimal,
    /// Expected number of monthly payments: Σₖ ₖp (the probability of
    /// being alive at the start of the k-th month, the first 1).
    payments: Decimal,
    /// Complete expectation of life in months: `payments` − ½.
    expectancy: Decimal,
}

/// The pension over the survival of the table `qx` from `age`.
///
/// With deaths spread evenly within each year of age (uniform distribution
/// of deaths, UDD) the survivors at age n years j months are
/// lₙ × (1 − j/12 × qₙ), lₙ = Π (1 − qᵢ) over the whole years before n; the
/// k-th month's pension (k = 0 the retirement month) is paid with the
/// probability of being alive at its start, that over the same at the
/// retirement age. The survivors are linear within each month, so the
/// complete expectation of life is the expected number of payments less ½.
/// The table must have a row for every age from the retirement age until a
/// qₓ of 1 (a typed error names the first missing one).
fn survival(
    age: Age,
    table: &Sourced<std::sync::Arc<TableRows<Decimal>>>,
    rate: Option<Decimal>,
    pension: &impl Fn(u32) -> Result<Decimal, Error>,
) -> Result<Survival, Error> {
    let param = table.param;
    let q = |n: u32| -> Result<Decimal, Error> {
        Ok(table.value.get(i64::from(n)).ok_or(RuleError::NoRow {
            param,
            key: i64::from(n),
        })?)
    };
    let big = || too_large("discount_rate");
    let twelve = Decimal::from(12);
    let (mut n, mut j) = (age.years(), age.extra_months());
    // Survivors ×12, relative to l at the whole years of the retirement age.
    let start = twelve - Decimal::from(j) * q(n)?;
    let mut l = Decimal::ONE;
    let (mut sum, mut value, mut factor) = (Decimal::ZERO, Decimal::ZERO, Decimal::ONE);
    let mut k = 0u32;
    while l > Decimal::ZERO {
        let qn = q(n)?;
        let alive = l
            .checked_mul(twelve - Decimal::from(j) * qn)
            .ok_or_else(big)?;
        if k > 0
            && k.is_multiple_of(12)
            && let Some(r) = rate
        {
            factor = factor.checked_div(Decimal::ONE + r).ok_or_else(big)?;
        }
        sum = sum.checked_add(alive).ok_or_else(big)?;
        let v = pension(k)?
            .checked_mul(alive)
            .and_then(|x| x.checked_mul(factor))
            .ok_or_else(big)?;
        value = value.checked_add(v).ok_or_else(big)?;
        k += 1;
        j += 1;
        if j == 12 {
            j = 0;
            l = l.checked_mul(Decimal::ONE - qn).ok_or_else(big)?;
            n += 1;
        }
    }
    let payments = sum.checked_div(start).ok_or_else(big)?;
    Ok(Survival {
        value: value.checked_div(start).ok_or_else(big)?,
        payments,
        expectancy: payments - Decimal::new(5, 1),
    })
}

/// The pension of the `k`-th month from `start` (0 = the first), grown by
/// `growth` each January after the retirement year.
fn grown(
    p0: Decimal,
    growth: Option<Decimal>,
    start: YearMonth,
    k: u32,
    round: impl Fn(Decimal) -> Decimal,
) -> Result<Decimal, Error> {
    let Some(g) = growth else { return Ok(p0) };
    let years = start.add_months(k as i32).year() - start.year();
    let mut p = p0;
    for _ in 0..years {
        p = round(
            p.checked_mul(Decimal::ONE + g)
                .ok_or_else(|| too_large("pension_growth"))?,
        );
    }
    Ok(p)
}

/// Σ pension over `months` (a fractional last month counts in part),
/// discounted by whole years at `rate`.
fn lifetime(
    months: Decimal,
    rate: Option<Decimal>,
    pension: &impl Fn(u32) -> Result<Decimal, Error>,
) -> Result<Decimal, Error> {
    let mut sum = Decimal::ZERO;
    let mut factor = Decimal::ONE;
    let mut k = 0u32;
    while Decimal::from(k) < months {
        if k > 0
            && k.is_multiple_of(12)
            && let Some(r) = rate
        {
            factor = factor
                .checked_div(Decimal::ONE + r)
                .ok_or_else(|| too_large("discount_rate"))?;
        }
        let share = (months - Decimal::from(k)).min(Decimal::ONE);
        let v = pension(k)?
            .checked_mul(share)
            .and_then(|x| x.checked_mul(factor))
            .ok_or_else(|| too_large("discount_rate"))?;
        sum = sum
            .checked_add(v)
            .ok_or_else(|| too_large("discount_rate"))?;
        k += 1;
    }
    Ok(sum)
}

/// The person's own and the employer's contributions over the projected
/// years.
fn contributions(
    snap: &Snapshot,
    person: &ProjectionInput,
    p: &Projection,
    payer: Payer,
) -> Result<(Decimal, Decimal), Error> {
    let add = |a: Decimal, b: Option<Decimal>| a.checked_add(b.unwrap_or_default());
    let mut own = Decimal::ZERO;
    let mut employer = Decimal::ZERO;
    for y in p.years.iter().filter(|y| y.months > 0) {
        match payer {
            Payer::Employee => {
                own = add(own, y.individual_contribution).ok_or_else(|| too_large("index"))?;
                employer =
                    add(employer, y.employer_contribution).ok_or_else(|| too_large("index"))?;
            }
            Payer::Flexible => {
                let first = YearMonth::new(y.year, 1).ok_or_else(|| too_large("from"))?;
                let mut m = person.from.max(first);
                for _ in 0..y.months {
                    let rate = snap.contribution.flexible_rate.in_month(m)?.value;
                    let money = snap.rounding.money.in_month(m)?.value;
                    let c = y
                        .base
                        .checked_mul(rate)
                        .map(|x| money.apply(x))
                        .ok_or_else(|| too_large("index"))?;
                    own = own.checked_add(c).ok_or_else(|| too_large("index"))?;
                    m = m.add_months(1);
                }
            }
        }
    }
    Ok((own, employer))
}

/// The cost of `short` months at index `x`, paid as a flexible worker on
/// the average wage that sets the base in the retirement year.
fn make_up(
    snap: &Snapshot,
    assumptions: &Assumptions,
    month: YearMonth,
    x: Decimal,
    short: u32,
    step: &mut impl FnMut(Step),
) -> Result<MakeUp, Error> {
    let den = snap.award.index_denominator.in_month(month)?;
    let wage_year = match den.value {
        IndexDenominator::BaseSettingYear => month.year() - 1,
        IndexDenominator::SameYear => month.year(),
    };
    let economy = crate::projection::Economy::new(snap, assumptions, wage_year, wage_year);
    let wage = economy.average_wage(wage_year)?;
    let money = snap.rounding.money.in_month(month)?.value;
    let base = money.apply(
        x.checked_mul(wage.value)
            .ok_or_else(|| too_large("bases"))?,
    );
    let rate = snap.contribution.flexible_rate.in_month(month)?;
    let monthly = money.apply(
        base.checked_mul(rate.value)
            .ok_or_else(|| too_large("bases"))?,
    );
    let total = monthly
        .checked_mul(Decimal::from(short))
        .ok_or_else(|| too_large("bases"))?;
    step(
        Step::new(
            "plan_make_up",
            "补缴费用",
            total,
            format!(
                "{short} months × (index {x} × average wage {wage_year} {} ({}) = base {base}) × flexible rate {} = {short} × {monthly}",
                wage.value,
                wage.source.name(),
                rate.value
            ),
        )
        .param(ParamUse::of(&rate)),
    );
    Ok(MakeUp {
        index: x,
        monthly_base: base,
        monthly,
        total,
    })
}

fn assumptions(
    input: &PlanInput,
    life_table: Option<&str>,
    history: Option<&HistorySummary>,
) -> PlanAssumptions {
    let mut statements = vec![
        "每个方案按其退休当月有效的规则计算，今后各年按所述假设推算 (each scenario uses the rules in force in its retirement month; future years follow the stated assumptions)".to_string(),
        match input.payer {
            Payer::Employee => "今后按用人单位职工缴费：个人缴纳个人费率，单位缴费另列 (future contributions as an employee; the employer's part shown apart)".to_string(),
            Payer::Flexible => "今后按灵活就业人员缴费：个人缴纳全部费率 (future contributions as a flexible worker: the person pays the whole flexible rate)".to_string(),
        },
        "最低缴费年限按退休当年的标准，实际缴费与视同缴费月数合计 (the minimum is that of the retirement year; paid and deemed months count)".to_string(),
        "补缴费用按灵活就业费率、退休当年核定缴费基数所用社平工资计算 (months still needed are costed at the flexible rate on the average wage that sets the base in the retirement year)".to_string(),
    ];
    statements.push(match life_table {
        Some(t) => format!(
            "预期领取总额按生命表 {t} 自退休年龄起逐月的生存概率计算：每月初在世即领取当月养老金，每一年龄内死亡均匀分布；平均余命按同表计算，计发月数仅作对照；该表为保险业年金业务经验表，其人群寿命长于全体人口 (expected lifetime value over the survival of the life table {t} from the retirement age: each month's pension is paid when alive at the start of the month, deaths spread evenly within each year of age; the life expectancy is from the same table, the 计发月数 shown for comparison; an insurance-industry table of annuity business, whose insured live longer than the whole population)"
        ),
        None => "规则集没有生命表：预期领取月数取退休年龄的计发月数（国发〔2005〕38号附件，依城镇人口平均预期寿命、退休年龄和利息确定，低于平均余命）(the rule set has no life table: expected months of payment are the 计发月数 at the retirement age, which understates life expectancy)".to_string(),
    });
    if let Some(h) = history {
        statements.push(format!(
            "缴费历史归纳为截至 {t} 的概要：实际缴费 {n} 个月，平均缴费指数 {i}，视同缴费 {d} 个月，个人账户储存额 {b} 元（按规则集的社平工资与记账利率），此后按概要推算 (the history reduced to the summary at the end of {t}: {n} months paid, average index {i}, {d} deemed months, account balance {b} yuan, with the rule set's average wages and 记账利率; projected from the summary after)",
            t = h.through,
            n = h.contribution_months,
            i = h.average_index.map_or("—".to_string(), |x| x.to_string()),
            d = h.deemed_months,
            b = h.account_balance,
        ));
        if let Some(w) = &h.window {
            statements.push(format!(
                "过渡性养老金的缴费区间 {f} 至 {to} 取自缴费历史：实际缴费 {m} 个月，平均缴费指数 {i}，月缴费指数之和 {s}，区间前实际缴费 {b} 个月 (the transitional window {f} … {to} from the history: {m} months paid, average index {i}, Σ monthly indices {s}, {b} months paid before it)",
                f = w.from,
                to = w.to,
                m = w.months,
                i = w.index.map_or("—".to_string(), |x| x.to_string()),
                s = w.index_sum.normalize(),
                b = w.months_before,
            ));
        }
    }
    let a = &input.assumptions;
    statements.push(format!(
        "规则未公布的年份：社平工资每年增长 {}，计发基数每年增长 {}，记账利率 {}{} (years the rules do not publish: average wage +{} a year, pension base +{} a year, 记账利率 {}{})",
        a.average_wage_growth,
        a.pension_base_growth,
        a.interest_rate,
        a.wage_growth
            .map_or(String::new(), |g| format!("，本人工资每年增长 {g}")),
        a.average_wage_growth,
        a.pension_base_growth,
        a.interest_rate,
        a.wage_growth
            .map_or(String::new(), |g| format!(", own wage +{g} a year")),
    ));
    for (name_zh, name_en, values) in [
        ("社平工资", "average wage", &a.average_wages),
        ("计发基数", "pension base", &a.pension_bases),
        (
            "基础养老金均值部分基数",
            "base of the basic pension's flat half",
            &a.flat_part_bases,
        ),
        ("记账利率", "interest rate", &a.interest_rates),
    ] {
        for (y, v) in values {
            statements.push(format!(
                "{y} 年{name_zh} {v}：输入给出的假设，仅用于规则集没有该年数值时 ({name_en} of {y}: {v}, an assumption given with the input, used only where the rule set has no value for that year)"
            ));
        }
    }
    statements.push(match input.pension_growth {
        Some(g) => format!("退休后养老金每年1月按 {g} 增长（假设）(the pension grows by {g} each January: an assumption)"),
        None => "退休后养老金不计调整（名义金额）(the pension is held at its first amount: no adjustments assumed)".to_string(),
    });
    statements.push(match input.paid_to_date {
        Some(x) => format!("回本计算计入已缴个人缴费 {x} 元 (break-even counts the {x} yuan paid so far)"),
        None => "未提供已缴个人缴费：回本只计今后缴费 (paid_to_date not given: break-even counts only contributions to come)".to_string(),
    });
    PlanAssumptions {
        projection: input.assumptions.clone(),
        payer: input.payer,
        pension_growth: input.pension_growth,
        discount_rate: input.discount_rate,
        statements,
    }
}

fn history_conflict(field: &str) -> FieldError {
    FieldError {
        path: format!("person.{field}"),
        message: "derived from `history`: give either the history or the summary figures (contribution_months, average_index, deemed_months, pre_account_months, account_balance, and the transitional window's figures)".into(),
    }
}

impl Engine {
    /// The person's summary from a history of the past: months, index and
    /// deemed months as the award derives them ([`average_index`] under the
    /// rules in force on `person.from`, other places' wages for spans paid
    /// elsewhere), the account balance at the end of the year before
    /// `person.from` from the history's credits
    /// ([`crate::account::from_history_through`]).
    fn reduce_history(
        &self,
        input: &PlanInput,
        spans: &[Span],
    ) -> Result<(ProjectionInput, HistorySummary), Error> {
        let from = input.person.from;
        let through =
            YearMonth::new(from.year() - 1, 12).ok_or_else(|| too_large("person.from"))?;
        let date = from.first_day();
        let snap = self.snapshot(date, None);
        let places = self.places_of(Some(spans), date, None)?;
        let history = History {
            spans,
            places: (!places.is_empty()).then_some(&places),
            average_wages: input.average_wages.as_ref(),
            ..Default::default()
        };
        let mut quiet = crate::trace::Tracer::new(false);
        let index = average_index(&history, &snap, date, &mut quiet)?;
        let rates = input.account_rates.clone().unwrap_or_default();
        let balance =
            crate::account::from_history_through(spans, through.year(), &rates, &snap, &mut quiet)?
                .and_then(|s| s.balance_at(through))
                .unwrap_or_default();
        let average = (index.contribution_months > 0).then_some(index.average_index);
        let mut person = input.person.clone();
        person.contribution_months = index.contribution_months;
        person.average_index = average;
        person.deemed_months = index.deemed_months;
        person.pre_account_months = index.pre_account_months;
        person.account_balance = balance;
        if let Some(w) = &index.window {
            // As the award reads a history's window: the weighted-years method
            // (广东) its Σ and the months before it, the window part (北京) its
            // months and average index.
            let weighted = snap
                .award
                .transitional_method
                .at(date)
                .is_ok_and(|m| m.value == TransitionalMethod::WeightedYears);
            if weighted {
                person.window_index_sum = Some(w.index_sum);
                person.pre_window_months = Some(w.months_before);
            } else {
                person.transitional_window_months = Some(w.months);
                person.transitional_window_index = w.index;
            }
        }
        Ok((
            person,
            HistorySummary {
                through,
                contribution_months: index.contribution_months,
                average_index: average,
                deemed_months: index.deemed_months,
                pre_account_months: index.pre_account_months,
                account_balance: balance,
                window: index.window,
            },
        ))
    }
}
