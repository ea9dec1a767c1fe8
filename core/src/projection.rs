//! 养老金测算 — a person's future years under stated assumptions, and the
//! estimated award at the chosen retirement month.
//!
//! Nothing here is law: the law is applied by the modules it calls. The
//! contribution index of each year gives the year's monthly base (base = index
//! × the average wage that divides it, `award.index_denominator`); the
//! account ledger ([`crate::account::statement`]) credits each paid month
//! (`account.credit_rate`, from `account.established`) and closes every year
//! with interest, the retirement year by the partial-year convention; the
//! average index comes from [`crate::contribution_index::average_index`]; the
//! retirement month, if not given, is the statutory one
//! ([`crate::retirement::statutory`]); the award is [`crate::award::award`]
//! in its summary form with the projected figures (国发〔2005〕38号 第六条).
//!
//! **Assumptions** ([`Assumptions`]) are inputs, never rule data. They are used
//! only for years the rule set has no value for, and every figure says where
//! it came from ([`FigureSource`]):
//!
//! * average wage `award.average_wage` of a year the rule set lacks: the
//!   assumption's explicit value for that year, else the previous year's value
//!   × (1 + `average_wage_growth`), rounded with `rounding.money`;
//! * pension base `award.pension_base` (计发基数 C) likewise with
//!   `pension_base_growth` (the award then takes C as an input);
//! * where the rule set gives the flat half of the basic pension a base of
//!   its own (`award.flat_part_base`: a city's award whose flat half is on
//!   the province's base, 郑州), that base likewise with `flat_part_bases`
//!   and `pension_base_growth` — both are 计发基数 published together;
//! * 记账利率 `account.interest_rate`: the explicit value, else `interest_rate`;
//! * the person's index: as given for each year, or one index for all years;
//!   with `wage_growth` it drifts by (1 + wage growth) / (1 + average-wage
//!   growth) a year, rounded with `rounding.index` and kept within the
//!   contribution-base limits (`contribution.base_floor_ratio` …
//!   `base_cap_ratio` of the wage that sets the base).
//!
//! A person already contributing gives the past as a statement shows it
//! (个人权益记录单): months paid, average index so far and the account balance
//! at the end of the year before `from` (then `from` is a January). The past
//! index and the projected years are averaged over their months (or years,
//! under `yearly` weighting: the past counts months / 12 years), then capped
//! and rounded by the rule set's index rules.
//!
//! Contributions are paid from `from` through the month before the
//! retirement month, as an employee (用人单位职工), without gaps.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::account::{AccountInput, CloseEvent, CloseKind, Credit, YearStatement, statement};
use crate::award::{Award, AwardInput, Category, award};
use crate::contribution_index::{self, History, Span, SpanKind};
use crate::error::{Error, FieldError, InputErrors, RuleError};
use crate::money::too_large;
use crate::rules::{DeemedRule, IndexDenominator, IndexWeighting, Snapshot};
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Tracer};

/// Assumptions for the years the rule set does not cover (future years, and
/// past ones it lacks). Rates are yearly shares (`"0.05"` = 5 %).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ProjectionAssumptions")] // its name in the bindings and the schema
pub struct Assumptions {
    /// Yearly growth of the average wage after the last year with a value.
    pub average_wage_growth: Decimal,
    /// Yearly growth of the pension base (计发基数) after the last year with a value.
    pub pension_base_growth: Decimal,
    /// 记账利率 for years without a value.
    pub interest_rate: Decimal,
    /// Yearly growth of the person's own wage; without it the index stays as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage_growth: Option<Decimal>,
    /// Average monthly wages of years the rule set lacks (e.g. an early year).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub average_wages: BTreeMap<i32, Decimal>,
    /// Pension bases of years the rule set lacks.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pension_bases: BTreeMap<i32, Decimal>,
    /// Bases of the flat half of the basic pension (`award.flat_part_base`)
    /// of years the rule set lacks, where it has that base at all; later
    /// years grow by `pension_base_growth`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub flat_part_bases: BTreeMap<i32, Decimal>,
    /// 记账利率 of years the rule set lacks (e.g. provincial rates before 2016).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub interest_rates: BTreeMap<i32, Decimal>,
}

impl Assumptions {
    /// The standard assumptions: the one default every front end offers
    /// (`pension-rules simulate`, Python's `simulate` and
    /// `standard_assumptions()`, the JS `standardAssumptions()` and the
    /// estimator page) — the average wage (社平工资) +4 % a year and the
    /// pension base (计发基数) +3 % a year after the last published year, and
    /// a 记账利率 of 3 % for years without one. They are assumptions, not
    /// law: a projection states the ones it used, and a caller may give
    /// others (docs/population.md).
    ///
    /// ```
    /// let a = pension_rules::projection::Assumptions::standard();
    /// assert_eq!(a.average_wage_growth.to_string(), "0.04");
    /// assert!(a.validate("").is_empty());
    /// ```
    pub fn standard() -> Assumptions {
        Assumptions {
            average_wage_growth: Decimal::new(4, 2),
            pension_base_growth: Decimal::new(3, 2),
            interest_rate: Decimal::new(3, 2),
            ..Assumptions::default()
        }
    }

    /// Value checks, every problem at once (paths under `prefix`).
    pub fn validate(&self, prefix: &str) -> Vec<FieldError> {
        let p = |f: &str| {
            if prefix.is_empty() {
                f.to_string()
            } else {
                format!("{prefix}.{f}")
            }
        };
        let mut errs = vec![];
        let minus_one = Decimal::NEGATIVE_ONE;
        for (name, v) in [
            ("average_wage_growth", Some(self.average_wage_growth)),
            ("pension_base_growth", Some(self.pension_base_growth)),
            ("wage_growth", self.wage_growth),
        ] {
            if let Some(v) = v
                && v <= minus_one
            {
                errs.push(FieldError {
                    path: p(name),
                    message: format!("a growth rate must be above -1, got {v}"),
                });
            } else if let Some(v) = v {
                errs.extend(crate::bounds::rate(&p(name), v));
            }
        }
        if self.interest_rate <= minus_one {
            errs.push(FieldError {
                path: p("interest_rate"),
                message: format!("must be above -1, got {}", self.interest_rate),
            });
        } else {
            errs.extend(crate::bounds::rate(&p("interest_rate"), self.interest_rate));
        }
        for (y, v) in &self.interest_rates {
            errs.extend(crate::bounds::rate(&p(&format!("interest_rates.{y}")), *v));
        }
        for (name, map) in [
            ("average_wages", &self.average_wages),
            ("pension_bases", &self.pension_bases),
            ("flat_part_bases", &self.flat_part_bases),
            ("interest_rates", &self.interest_rates),
        ] {
            for y in map.keys() {
                errs.extend(crate::bounds::year(&p(&format!("{name}.{y}")), *y));
            }
        }
        for (name, map) in [
            ("average_wages", &self.average_wages),
            ("pension_bases", &self.pension_bases),
            ("flat_part_bases", &self.flat_part_bases),
        ] {
            for (y, v) in map {
                if *v <= Decimal::ZERO {
                    errs.push(FieldError {
                        path: p(&format!("{name}.{y}")),
                        message: format!("must be above 0, got {v}"),
                    });
                }
            }
        }
        errs
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FigureSource {
    /// The rule set (a published value, with its legal source).
    Rules,
    /// The rule set's provisional (预发) value.
    Provisional,
    /// An explicit value of the assumptions.
    Assumed,
    /// Grown from an earlier year by an assumed growth rate.
    Projected,
}

impl FigureSource {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            FigureSource::Rules => "rules",
            FigureSource::Provisional => "provisional",
            FigureSource::Assumed => "assumed",
            FigureSource::Projected => "projected",
        }
    }
}

/// A yearly figure and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ProjectedFigure")] // its name in the bindings and the schema
pub struct Figure {
    /// The value.
    pub value: Decimal,
    /// Its origin.
    pub source: FigureSource,
}

/// The yearly economic figures over a range of years: rule values where the
/// rule set has them, assumptions elsewhere. Built once, then read by many
/// projections.
#[derive(Debug, Clone)]
pub struct Economy {
    first: i32,
    /// The rule set the figures come from (named by a missing year's error).
    ruleset: String,
    wages: Vec<Option<Figure>>,
    bases: Vec<Option<Figure>>,
    /// `award.flat_part_base` where the rule set has one (else empty).
    flat_bases: Vec<Option<Figure>>,
    rates: Vec<Option<Figure>>,
}

fn grow(
    first: i32,
    last: i32,
    rules: impl Fn(i32) -> Option<Figure>,
    explicit: &BTreeMap<i32, Decimal>,
    growth: Option<Decimal>,
    snap: &Snapshot,
) -> Vec<Option<Figure>> {
    // Start the chain at the earliest year with any value, so growth can
    // reach `first` from data before it.
    let start = (first.saturating_sub(200)..=first)
        .find(|y| rules(*y).is_some() || explicit.contains_key(y))
        .unwrap_or(first);
    let mut out = vec![];
    let mut prev: Option<Decimal> = None;
    for y in start..=last {
        let fig = rules(y)
            .or_else(|| {
                explicit.get(&y).map(|v| Figure {
                    value: *v,
                    source: FigureSource::Assumed,
                })
            })
            .or_else(|| {
                let (p, g) = (prev?, growth?);
                let money =
                    YearMonth::new(y, 1).and_then(|m| snap.rounding.money.in_month(m).ok())?;
                let v = p.checked_mul(Decimal::ONE.checked_add(g)?)?;
                Some(Figure {
                    value: money.value.apply(v),
                    source: FigureSource::Projected,
                })
            });
        prev = fig.map(|f| f.value);
        if y >= first {
            out.push(fig);
        }
    }
    out
}

impl Economy {
    /// The figures of `first ..= last` under `snap` and `assumptions`.
    ///
    /// ```
    /// use pension_rules::projection::{Assumptions, Economy, FigureSource};
    /// use pension_rules::rules::RuleSet;
    /// let snap = RuleSet::embedded("cn/shaanxi").unwrap().at("2026-01-01".parse().unwrap());
    /// let a = Assumptions { average_wage_growth: "0.05".parse().unwrap(),
    ///     pension_base_growth: "0.03".parse().unwrap(), interest_rate: "0.03".parse().unwrap(),
    ///     ..Default::default() };
    /// let e = Economy::new(&snap, &a, 2024, 2027);
    /// // 2024 from the rule set (docs/sources.md §11.1: 7727); 2026 grown from 2025's 7881.
    /// assert_eq!(e.pension_base(2024).unwrap().value.to_string(), "7727");
    /// let c = e.pension_base(2026).unwrap();
    /// assert_eq!((c.value.to_string(), c.source), ("8117.43".into(), FigureSource::Projected));
    /// ```
    pub fn new(snap: &Snapshot, assumptions: &Assumptions, first: i32, last: i32) -> Economy {
        let yearly = |s: &crate::rules::YearSeries<Decimal>, y: i32| {
            s.get(y).ok().map(|v| Figure {
                value: v.value,
                source: if v.provenance.provisional {
                    FigureSource::Provisional
                } else {
                    FigureSource::Rules
                },
            })
        };
        let (first, last) = (first.min(last), first.max(last));
        Economy {
            ruleset: snap.identity.id.clone(),
            first,
            wages: grow(
                first,
                last,
                |y| yearly(&snap.award.average_wage, y),
                &assumptions.average_wages,
                Some(assumptions.average_wage_growth),
                snap,
            ),
            bases: grow(
                first,
                last,
                |y| yearly(&snap.award.pension_base, y),
                &assumptions.pension_bases,
                Some(assumptions.pension_base_growth),
                snap,
            ),
            flat_bases: if snap.award.flat_part_base.is_empty() {
                vec![]
            } else {
                grow(
                    first,
                    last,
                    |y| yearly(&snap.award.flat_part_base, y),
                    &assumptions.flat_part_bases,
                    Some(assumptions.pension_base_growth),
                    snap,
                )
            },
            rates: (first..=last)
                .map(|y| {
                    yearly(&snap.account.interest_rate, y)
                        .or_else(|| {
                            assumptions.interest_rates.get(&y).map(|v| Figure {
                                value: *v,
                                source: FigureSource::Assumed,
                            })
                        })
                        .or(Some(Figure {
                            value: assumptions.interest_rate,
                            source: FigureSource::Assumed,
                        }))
                })
                .collect(),
        }
    }

    fn get(&self, v: &[Option<Figure>], param: &'static str, year: i32) -> Result<Figure, Error> {
        usize::try_from(year - self.first)
            .ok()
            .and_then(|i| v.get(i).copied().flatten())
            .ok_or_else(|| {
                Error::Rules(RuleError::NoYear {
                    param,
                    year,
                    ruleset: self.ruleset.clone(),
                })
            })
    }
    /// The average monthly wage of `year` (`award.average_wage`).
    pub fn average_wage(&self, year: i32) -> Result<Figure, Error> {
        self.get(&self.wages, "award.average_wage", year)
    }
    /// The pension base of `year` (`award.pension_base`).
    pub fn pension_base(&self, year: i32) -> Result<Figure, Error> {
        self.get(&self.bases, "award.pension_base", year)
    }
    /// The base of the flat half of the basic pension of `year`
    /// (`award.flat_part_base`); `None` where the rule set has no such base
    /// (the flat half is on C).
    pub fn flat_part_base(&self, year: i32) -> Result<Option<Figure>, Error> {
        if self.flat_bases.is_empty() {
            return Ok(None);
        }
        self.get(&self.flat_bases, "award.flat_part_base", year)
            .map(Some)
    }
    /// The 记账利率 of `year` (`account.interest_rate`).
    pub fn interest_rate(&self, year: i32) -> Result<Figure, Error> {
        self.get(&self.rates, "account.interest_rate", year)
    }
    /// First and last year covered.
    pub fn years(&self) -> (i32, i32) {
        let n = i32::try_from(self.wages.len()).unwrap_or(0);
        (self.first, self.first + n - 1)
    }
}

/// The months a projected career pays in the province's transitional window
/// (`account.established` … `award.transitional_window_end`, Beijing G实)
/// and their average index, from the projection's own yearly indices; known
/// only for a career projected from its first month (or starting after the
/// window). `(None, None)` otherwise, or where the rule set has no window.
fn window_figures(
    input: &ProjectionInput,
    snap: &Snapshot,
    retirement: YearMonth,
) -> (Option<u32>, Option<Decimal>) {
    let date = retirement.first_day();
    let (Ok(end), Ok(start)) = (
        snap.award.transitional_window_end.at(date),
        snap.account.established.at(date),
    ) else {
        return (None, None);
    };
    let (from, to) = (
        input.from.max(start.value),
        end.value.min(input.last_paid(retirement)),
    );
    // Months paid before `from` may lie in the window: only the agency's
    // records know (the award then asks for them); a career that starts at
    // `from` has the window's months of its own projected years.
    if input.contribution_months > 0 {
        return (None, None);
    }
    if input.from > end.value || from > to {
        return (Some(0), None);
    }
    let index_of = |y: i32| -> Option<Decimal> {
        match &input.indexes {
            Some(v) => v.get(usize::try_from(y - input.from.year()).ok()?).copied(),
            None => input.index,
        }
    };
    let (mut months, mut sum) = (0u32, Decimal::ZERO);
    for y in from.year()..=to.year() {
        let (a, b) = (
            from.max(YearMonth::new(y, 1).unwrap_or(from)),
            to.min(YearMonth::new(y, 12).unwrap_or(to)),
        );
        let k = u32::try_from(b.months_since(a) + 1).unwrap_or(0);
        let Some(i) = index_of(y) else {
            return (None, None);
        };
        months += k;
        sum += i * Decimal::from(k);
    }
    let index = snap
        .rounding
        .index
        .at(date)
        .ok()
        .map(|r| r.value.apply(sum / Decimal::from(months.max(1))));
    (Some(months), index)
}

/// A person to project. Field names follow the award input where they mean
/// the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectionInput {
    /// Retirement category.
    pub category: Category,
    /// Birth month.
    pub birth: YearMonth,
    /// Chosen retirement month; default the statutory one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retirement_month: Option<YearMonth>,
    /// First month projected: the first contribution month of a career, or
    /// the January after the last statement.
    pub from: YearMonth,
    /// Months paid before `from` (实际缴费月数 so far).
    #[serde(default)]
    pub contribution_months: u32,
    /// Average index over those months (本人平均缴费指数 so far); required
    /// with `contribution_months`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_index: Option<Decimal>,
    /// Deemed months (视同缴费月数).
    #[serde(default)]
    pub deemed_months: u32,
    /// Months paid before `from` and before the account began (for rule sets
    /// whose transitional pension counts them).
    #[serde(default)]
    pub pre_account_months: u32,
    /// Account balance at the end of the year before `from`.
    #[serde(default)]
    pub account_balance: Decimal,
    /// The contribution index of every year from `from` (one figure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Decimal>,
    /// Or one index per calendar year from `from`'s year, at least to the
    /// year of the last contribution month (later values are ignored, so one
    /// path serves rule sets with different retirement ages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indexes: Option<Vec<Decimal>>,
    /// The transitional index, where the rule set's transitional pension
    /// uses a separate one (`award.transitional_index_rule = separate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_index: Option<Decimal>,
    /// The last month paid, where contributions stop before the month
    /// before retirement (停缴: the account still earns interest until
    /// retirement); default: paid through the month before retirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_contribution_month: Option<YearMonth>,
    /// 人员属性 that the rule set's local extras depend on, as for an award
    /// (`{"only_child": true}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, crate::rules::family::AttrValue>>,
    // Figures from the local agency's records (经办机构记录) that a few rule
    // sets' transitional pensions need and a projection cannot derive from
    // the years it projects; passed to the award as they are. None of them
    // changes with the retirement month, so one figure serves every
    // scenario of a plan.
    /// The transitional pension as the agency computed it, where the rule
    /// set cannot compute it (`award.transitional_method = given`: 深圳), as
    /// for an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_pension: Option<Decimal>,
    /// The old method's transitional pension (老办法过渡性养老金), where the
    /// rule set phases a new method in (`award.transitional_phase_in`), as
    /// for an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_transitional_pension: Option<Decimal>,
    /// The notionally credited account (虚账实记 / 视同缴费账户额), where the
    /// transitional pension adds it over a divisor (上海 ÷ 120), as for an
    /// award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notional_account: Option<Decimal>,
    /// The locality whose 视同缴费指数 applies (广东: the place of work at
    /// the end of 1993, a name of `award.deemed_index.<locality>`), as for
    /// an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deemed_index_locality: Option<String>,
    /// Actual contribution months before the index window (广东: up to
    /// 1993-12), weighted like deemed months, as for an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_window_months: Option<u32>,
    /// The sum of the monthly contribution indices in the index window
    /// (广东: 1994-01 … 1998-06), as for an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_index_sum: Option<Decimal>,
    /// Actual contribution months in the transitional window before `from`
    /// (北京 N实98: 1992-10 … 1998-06; 0 if none), from the records, as for
    /// an award: months paid before `from` may lie in the window, which
    /// only the records know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_window_months: Option<u32>,
    /// Their average contribution index (北京 Z实), as for an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitional_window_index: Option<Decimal>,
    /// Amounts of local extras the rule set holds none for, as the agency
    /// computed them, by name (郑州 `transitional_subsidy`), as for an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_amounts: Option<BTreeMap<String, Decimal>>,
}

impl ProjectionInput {
    /// A person of whom only the category, birth and first projected month
    /// are known: nothing paid before `from`, no index yet, none of the
    /// optional figures.
    ///
    /// ```
    /// use pension_rules::projection::ProjectionInput;
    /// use pension_rules::retirement::Category;
    /// let p = ProjectionInput::new(Category::Male, "1970-05".parse().unwrap(), "2026-01".parse().unwrap());
    /// assert_eq!((p.contribution_months, p.index), (0, None));
    /// ```
    pub fn new(category: Category, birth: YearMonth, from: YearMonth) -> ProjectionInput {
        ProjectionInput {
            category,
            birth,
            retirement_month: None,
            from,
            contribution_months: 0,
            average_index: None,
            deemed_months: 0,
            pre_account_months: 0,
            account_balance: Decimal::ZERO,
            index: None,
            indexes: None,
            transitional_index: None,
            last_contribution_month: None,
            attributes: None,
            transitional_pension: None,
            old_transitional_pension: None,
            notional_account: None,
            deemed_index_locality: None,
            pre_window_months: None,
            window_index_sum: None,
            transitional_window_months: None,
            transitional_window_index: None,
            extra_amounts: None,
        }
    }

    /// A career projected from its first contribution month with one index.
    pub fn career(
        category: Category,
        birth: YearMonth,
        from: YearMonth,
        index: Decimal,
    ) -> ProjectionInput {
        ProjectionInput {
            index: Some(index),
            ..ProjectionInput::new(category, birth, from)
        }
    }

    /// The last month paid before `retirement`: the month before it, or
    /// the earlier [`last_contribution_month`](Self::last_contribution_month).
    pub fn last_paid(&self, retirement: YearMonth) -> YearMonth {
        let before = retirement.add_months(-1);
        self.last_contribution_month
            .map_or(before, |m| m.min(before))
    }

    /// The ranges of [`crate::bounds`] given the rule set and the
    /// retirement month: indices within the base floor and cap (an average
    /// at most the cap), months, amounts and years plausible.
    pub fn bounds(&self, snap: &Snapshot, retirement: YearMonth) -> Vec<FieldError> {
        use crate::bounds;
        let date = retirement.first_day();
        let mut errs = vec![];
        errs.extend(
            self.index
                .and_then(|x| bounds::index("index", x, snap, date, true)),
        );
        for (k, x) in self.indexes.iter().flatten().enumerate() {
            errs.extend(bounds::index(
                &format!("indexes[{k}]"),
                *x,
                snap,
                date,
                true,
            ));
        }
        for (name, x) in [
            ("average_index", self.average_index),
            ("transitional_index", self.transitional_index),
        ] {
            errs.extend(x.and_then(|x| bounds::index(name, x, snap, date, false)));
        }
        for (name, n) in [
            ("contribution_months", self.contribution_months),
            ("deemed_months", self.deemed_months),
            ("pre_account_months", self.pre_account_months),
        ] {
            errs.extend(bounds::months(name, n));
        }
        if self.account_balance > bounds::MAX_AMOUNT {
            errs.extend(bounds::amount("account_balance", self.account_balance));
        }
        for (name, m) in [
            ("birth", self.birth),
            ("from", self.from),
            ("retirement_month", retirement),
        ] {
            errs.extend(bounds::month(name, m));
        }
        errs
    }

    /// Value checks given the retirement month; every problem at once.
    pub fn validate(&self, retirement: YearMonth) -> Vec<FieldError> {
        let mut errs = vec![];
        let mut err = |path: &str, message: String| {
            errs.push(FieldError {
                path: path.into(),
                message,
            })
        };
        if self.from <= self.birth {
            err(
                "from",
                format!("{} is not after the birth month {}", self.from, self.birth),
            );
        }
        if self.from > retirement {
            err(
                "from",
                format!("{} is after the retirement month {retirement}", self.from),
            );
        }
        if retirement <= self.birth {
            err(
                "retirement_month",
                format!("{retirement} is not after the birth month {}", self.birth),
            );
        }
        match (self.contribution_months, self.average_index) {
            (0, Some(_)) => err(
                "average_index",
                "given without `contribution_months` (the months it averages)".into(),
            ),
            (n, None) if n > 0 => err(
                "average_index",
                "required with `contribution_months` (本人平均缴费指数 so far)".into(),
            ),
            (_, Some(x)) if x < Decimal::ZERO => {
                err("average_index", format!("must not be negative, got {x}"))
            }
            _ => {}
        }
        if self.pre_account_months > self.contribution_months {
            err(
                "pre_account_months",
                format!(
                    "{} exceeds contribution_months {}",
                    self.pre_account_months, self.contribution_months
                ),
            );
        }
        if self.account_balance < Decimal::ZERO {
            err(
                "account_balance",
                format!("must not be negative, got {}", self.account_balance),
            );
        }
        if (self.contribution_months > 0 || !self.account_balance.is_zero())
            && self.from.month() != 1
        {
            err(
                "from",
                format!(
                    "{}: with a past (balance at a year end, months so far) projection starts in a January",
                    self.from
                ),
            );
        }
        let last = self.last_paid(retirement);
        let years = if self.from <= last {
            last.year() - self.from.year() + 1
        } else {
            0
        };
        match (&self.index, &self.indexes) {
            (Some(_), Some(_)) => err("indexes", "give `index` or `indexes`, not both".into()),
            (None, None) if years > 0 => err(
                "index",
                "required: the contribution index of the projected years (or `indexes`, one per year)"
                    .into(),
            ),
            (Some(x), None) if *x <= Decimal::ZERO => {
                err("index", format!("must be above 0, got {x}"))
            }
            (None, Some(v)) => {
                if i64::try_from(v.len()).ok() < Some(i64::from(years)) {
                    err(
                        "indexes",
                        format!(
                            "{} values for {years} calendar years ({}–{}); values beyond the last contribution year are ignored",
                            v.len(),
                            self.from.year(),
                            last.year()
                        ),
                    );
                }
                for (i, x) in v.iter().enumerate() {
                    if *x <= Decimal::ZERO {
                        err(&format!("indexes[{i}]"), format!("must be above 0, got {x}"));
                    }
                }
            }
            _ => {}
        }
        errs
    }
}

/// One projected calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ProjectedYear {
    /// Calendar year.
    pub year: i32,
    /// Months paid in the year.
    pub months: u32,
    /// The contribution index used.
    pub index: Decimal,
    /// Year of the average wage that sets (and divides) the base.
    pub average_wage_year: i32,
    /// That average wage.
    pub average_wage: Figure,
    /// Monthly contribution base: index × average wage, rounded.
    pub base: Decimal,
    /// Employer contributions of the year (单位缴费): each month's base × the
    /// employer rate in force, rounded (`None` where the rule set has no rate
    /// for some month).
    pub employer_contribution: Option<Decimal>,
    /// Individual contributions of the year (个人缴费), likewise (the rule sets
    /// have no individual rate before 2006).
    pub individual_contribution: Option<Decimal>,
    /// Credited to the account (记账额).
    pub credits: Decimal,
    /// 记账利率.
    pub interest_rate: Figure,
    /// Interest credited (year end, or at retirement).
    pub interest: Decimal,
    /// Balance at the year end (at retirement in its year).
    pub balance: Decimal,
}

/// A projection: the yearly path and the estimated award.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ProjectionResult")] // its name in the bindings and the schema
pub struct Projection {
    /// Retirement month used.
    pub retirement_month: YearMonth,
    /// Whether it is the statutory month (not given).
    pub statutory: bool,
    /// Projected years, from `from`'s year to the retirement year.
    pub years: Vec<ProjectedYear>,
    /// Months paid in total (past and projected).
    pub contribution_months: u32,
    /// Average index used by the award.
    pub average_index: Decimal,
    /// Account balance at retirement.
    pub account_balance: Decimal,
    /// 计发基数 of the retirement year and its origin.
    pub pension_base: Figure,
    /// The base of the flat half of the basic pension of the retirement
    /// year and its origin, where the rule set has one apart from C
    /// (`award.flat_part_base`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flat_part_base: Option<Figure>,
    /// Monthly base of the last contribution month (none without projected months).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_base: Option<Decimal>,
    /// The estimated award (summary form with the figures above).
    pub award: Award,
    /// The assumptions used.
    pub assumptions: Assumptions,
}

/// The retirement month of a projection: the given one, or the statutory one.
pub fn retirement_month(
    input: &ProjectionInput,
    snap: &Snapshot,
) -> Result<(YearMonth, bool), Error> {
    match input.retirement_month {
        Some(m) => Ok((m, false)),
        None => Ok((
            crate::retirement::statutory(snap, input.birth, input.category)?.month,
            true,
        )),
    }
}

/// The index of each projected year (given, constant, or drifting with the
/// wage-growth assumption).
fn index_path(
    input: &ProjectionInput,
    assumptions: &Assumptions,
    snap: &Snapshot,
    years: &[i32],
) -> Result<Vec<Decimal>, Error> {
    if let Some(v) = &input.indexes {
        return Ok(v.iter().take(years.len()).copied().collect());
    }
    let i0 = input.index.unwrap_or_default();
    let Some(g) = assumptions.wage_growth else {
        return Ok(vec![i0; years.len()]);
    };
    let drift = Decimal::ONE
        .checked_add(g)
        .and_then(|w| w.checked_div(Decimal::ONE.checked_add(assumptions.average_wage_growth)?))
        .ok_or_else(|| too_large("assumptions.wage_growth"))?;
    let mut out = Vec::with_capacity(years.len());
    let mut i = i0;
    for (k, y) in years.iter().enumerate() {
        let jan = YearMonth::new(*y, 1).ok_or_else(|| too_large("from"))?;
        if k > 0 {
            let r = snap.rounding.index.in_month(jan)?;
            i = r
                .value
                .apply(i.checked_mul(drift).ok_or_else(|| too_large("index"))?);
        }
        let lo = snap.contribution.base_floor_ratio.in_month(jan)?.value;
        let hi = snap.contribution.base_cap_ratio.in_month(jan)?.value;
        out.push(i.max(lo).min(hi));
    }
    Ok(out)
}

/// Project `input` under `assumptions` and estimate the award.
///
/// ```
/// use pension_rules::projection::{project, Assumptions, FigureSource, ProjectionInput};
/// use pension_rules::{award::Category, rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snap = rules.at("2026-01-01".parse().unwrap());
/// let a = Assumptions { average_wage_growth: "0.04".parse().unwrap(),
///     pension_base_growth: "0.03".parse().unwrap(), interest_rate: "0.025".parse().unwrap(),
///     ..Default::default() };
/// // A man born 1990-03 paying at index 1.0 from 2012-07 to his statutory month.
/// let input = ProjectionInput::career(Category::Male, "1990-03".parse().unwrap(),
///     "2012-07".parse().unwrap(), "1.0".parse().unwrap());
/// let p = project(&input, &a, &snap, &mut Tracer::new(false)).unwrap();
/// assert_eq!(p.retirement_month.to_string(), "2053-03"); // 63y: 2024 决定 附件 对照表
/// assert_eq!(p.pension_base.source, FigureSource::Projected);
/// assert_eq!(p.award.total, p.award.basic_pension + p.award.account_pension
///     + p.award.transitional_pension);
/// ```
pub fn project(
    input: &ProjectionInput,
    assumptions: &Assumptions,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<Projection, Error> {
    let (retirement, statutory) = retirement_month(input, snap)?;
    let mut errs = input.validate(retirement);
    // The ranges, for fields not already at fault (one problem per field).
    for e in input.bounds(snap, retirement) {
        if !errs.iter().any(|x| x.path == e.path) {
            errs.push(e);
        }
    }
    errs.extend(assumptions.validate("assumptions"));
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let date = retirement.first_day();
    let last = input.last_paid(retirement);
    let y0 = input.from.year();
    let years: Vec<i32> = if input.from <= last {
        (y0..=last.year()).collect()
    } else {
        vec![]
    };
    let denominator = snap.award.index_denominator.at(date)?;
    let den_year = |y: i32| match denominator.value {
        IndexDenominator::BaseSettingYear => y - 1,
        IndexDenominator::SameYear => y,
    };
    let economy = Economy::new(snap, assumptions, den_year(y0).min(y0), retirement.year());
    let indexes = index_path(input, assumptions, snap, &years)?;

    // Spans (one per calendar year) and the denominators the rule set lacks.
    let mut spans = Vec::with_capacity(years.len());
    let mut wages_given = BTreeMap::new();
    let mut path = Vec::with_capacity(years.len() + 1);
    for (y, index) in years.iter().zip(&indexes) {
        let from = input
            .from
            .max(YearMonth::new(*y, 1).ok_or_else(|| too_large("from"))?);
        let to = last.min(YearMonth::new(*y, 12).ok_or_else(|| too_large("from"))?);
        let dy = den_year(*y);
        let x = economy.average_wage(dy)?;
        if x.value <= Decimal::ZERO {
            return Err(Error::field(
                format!("assumptions.average_wages.{dy}"),
                "must be above 0",
            ));
        }
        if x.source != FigureSource::Rules && x.source != FigureSource::Provisional {
            wages_given.insert(dy, x.value);
        }
        let money = snap.rounding.money.in_month(from)?.value;
        let base = money.apply(
            index
                .checked_mul(x.value)
                .ok_or_else(|| too_large("index"))?,
        );
        if base <= Decimal::ZERO {
            return Err(Error::field(
                "index",
                format!(
                    "index {index} × average wage {} rounds to a base of 0 in {y}",
                    x.value
                ),
            ));
        }
        let months = u32::try_from(to.months_since(from) + 1).unwrap_or(0);
        let employer = contributions(snap, base, from, to, |s, m| {
            s.contribution.employer_rate.in_month(m).ok()
        })?;
        let individual = contributions(snap, base, from, to, |s, m| {
            s.contribution.individual_rate.in_month(m).ok()
        })?;
        tracer.step(|| {
            Step::new(
                "projected_base",
                "预测缴费基数",
                base,
                format!(
                    "{y}: index {index} × average wage {dy} {} ({}) = {base}, {months} months",
                    x.value,
                    x.source.name()
                ),
            )
        });
        spans.push(Span {
            from,
            to,
            kind: SpanKind::Paid,
            base: Some(base),
            region: None,
            employment: None,
            paid_in: None,
            index: None,
        });
        path.push(ProjectedYear {
            year: *y,
            months,
            index: *index,
            average_wage_year: dy,
            average_wage: x,
            base,
            employer_contribution: employer,
            individual_contribution: individual,
            credits: Decimal::ZERO,
            interest_rate: Figure {
                value: Decimal::ZERO,
                source: FigureSource::Rules,
            },
            interest: Decimal::ZERO,
            balance: Decimal::ZERO,
        });
    }

    // Average index: the projected spans, then the past, then cap and rounding.
    let index = average_index(input, &spans, &wages_given, date, snap, tracer)?;
    let average_index = index.0;

    // Account: monthly credits, interest by the ledger, closed at retirement.
    let established = snap
        .account
        .established
        .in_month(retirement)
        .ok()
        .map(|s| s.value);
    let mut credits = vec![];
    for s in &spans {
        let base = s.base.unwrap_or_default();
        let mut m = s.from;
        while m <= s.to {
            if established.is_none_or(|e| m >= e) {
                let rate = snap.account.credit_rate.in_month(m)?.value;
                let money = snap.rounding.money.in_month(m)?.value;
                credits.push(Credit {
                    month: Some(m),
                    year: None,
                    amount: money.apply(base.checked_mul(rate).ok_or_else(|| too_large("index"))?),
                    personal: None,
                });
            }
            m = m.add_months(1);
        }
    }
    let mut rates = BTreeMap::new();
    for y in y0..=retirement.year() {
        let r = economy.interest_rate(y)?;
        if r.source != FigureSource::Rules {
            rates.insert(y, r.value);
        }
    }
    let ledger = statement(
        &AccountInput {
            opening_balance: input.account_balance,
            opening_year: y0 - 1,
            credits,
            close: Some(CloseEvent {
                event: CloseKind::Retirement,
                month: retirement,
            }),
            rates,
            ..Default::default()
        },
        snap,
        tracer,
    )?;
    let by_year: BTreeMap<i32, &YearStatement> = ledger.years.iter().map(|y| (y.year, y)).collect();
    for p in path.iter_mut() {
        if let Some(s) = by_year.get(&p.year) {
            fill(p, s, &economy)?;
        }
    }
    // The retirement year when no month of it is paid (retiring in January).
    if path.last().is_none_or(|p| p.year < retirement.year())
        && let Some(s) = by_year.get(&retirement.year())
    {
        let mut p = ProjectedYear {
            year: retirement.year(),
            months: 0,
            index: Decimal::ZERO,
            average_wage_year: den_year(retirement.year()),
            average_wage: Figure {
                value: Decimal::ZERO,
                source: FigureSource::Rules,
            },
            base: Decimal::ZERO,
            employer_contribution: None,
            individual_contribution: None,
            credits: Decimal::ZERO,
            interest_rate: Figure {
                value: Decimal::ZERO,
                source: FigureSource::Rules,
            },
            interest: Decimal::ZERO,
            balance: Decimal::ZERO,
        };
        fill(&mut p, s, &economy)?;
        path.push(p);
    }

    // The award, on the projected figures.
    let c = economy.pension_base(retirement.year())?;
    let from_rules = matches!(c.source, FigureSource::Rules | FigureSource::Provisional);
    let flat = economy.flat_part_base(retirement.year())?;
    let flat_from_rules =
        flat.is_none_or(|f| matches!(f.source, FigureSource::Rules | FigureSource::Provisional));
    let paid: u32 = spans
        .iter()
        .map(|s| u32::try_from(s.to.months_since(s.from) + 1).unwrap_or(0))
        .sum();
    let contribution_months = input
        .contribution_months
        .checked_add(paid)
        .ok_or_else(|| too_large("contribution_months"))?;
    let pre_account = input
        .pre_account_months
        .checked_add(index.1)
        .ok_or_else(|| too_large("pre_account_months"))?;
    tracer.step(|| {
        Step::new(
            "projected_pension_base",
            "计发基数",
            c.value,
            format!(
                "{} for retirement in {} ({})",
                c.value,
                retirement.year(),
                c.source.name()
            ),
        )
    });
    if let Some(f) = flat.filter(|_| !flat_from_rules) {
        tracer.step(|| {
            Step::new(
                "projected_flat_part_base",
                "基础养老金均值部分基数",
                f.value,
                format!(
                    "{} for retirement in {} ({}: the rule set has no award.flat_part_base for that year)",
                    f.value,
                    retirement.year(),
                    f.source.name()
                ),
            )
        });
    }
    let mut window = window_figures(input, snap, retirement);
    let records = [
        ("window_index_sum", input.window_index_sum.is_some()),
        (
            "transitional_window_months",
            input.transitional_window_months.is_some(),
        ),
        (
            "transitional_window_index",
            input.transitional_window_index.is_some(),
        ),
    ];
    if let Some((given, _)) = records.iter().find(|(_, g)| *g) {
        // The window's figures come from the records, not from projected years.
        if window.0.is_some_and(|m| m > 0) {
            return Err(Error::field(
                *given,
                format!(
                    "the projected years reach into the transitional window: its months come \
                     from the projection; give {given} only for a window before `from`"
                ),
            ));
        }
        window = (
            input.transitional_window_months,
            input.transitional_window_index,
        );
    }
    let award_input = AwardInput {
        category: input.category,
        birth: Some(input.birth),
        age: None,
        retirement_month: retirement,
        contribution_months: Some(contribution_months.into()),
        deemed_months: Some(input.deemed_months.into()),
        average_index: Some(average_index),
        deemed_index: None,
        pre_account_months: Some(pre_account),
        pre_account_total_months: None,
        history: None,
        average_wages: None,
        account_balance: Some(ledger.balance),
        account_rates: None,
        pension_base: (!from_rules).then_some(c.value),
        flat_part_base: flat.filter(|_| !flat_from_rules).map(|f| f.value),
        extra_amounts: input.extra_amounts.clone(),
        transitional_index: input.transitional_index,
        old_transitional_pension: input.old_transitional_pension,
        transitional_pension: input.transitional_pension,
        notional_account: input.notional_account,
        transitional_window_months: window.0,
        transitional_window_index: window.1,
        first_pension_month: None,
        region: None,
        attributes: input.attributes.clone(),
        deemed_index_locality: input.deemed_index_locality.clone(),
        pre_window_months: input.pre_window_months,
        window_index_sum: input.window_index_sum,
    };
    let award = award(&award_input, snap, tracer)?;
    Ok(Projection {
        retirement_month: retirement,
        statutory,
        final_base: spans.last().and_then(|s| s.base),
        years: path,
        contribution_months,
        average_index,
        account_balance: ledger.balance,
        pension_base: c,
        flat_part_base: flat,
        award,
        assumptions: assumptions.clone(),
    })
}

/// Σ over the months `from ..= to` of base × rate, each month rounded with
/// `rounding.money` (as [`crate::contribution`] rounds a month's amount);
/// `None` when some month has no rate.
fn contributions(
    snap: &Snapshot,
    base: Decimal,
    from: YearMonth,
    to: YearMonth,
    rate: impl Fn(&Snapshot, YearMonth) -> Option<crate::rules::Sourced<Decimal>>,
) -> Result<Option<Decimal>, Error> {
    let mut sum = Decimal::ZERO;
    let mut m = from;
    while m <= to {
        let Some(r) = rate(snap, m) else {
            return Ok(None);
        };
        let money = snap.rounding.money.in_month(m)?.value;
        let amount = base
            .checked_mul(r.value)
            .map(|x| money.apply(x))
            .ok_or_else(|| too_large("index"))?;
        sum = sum.checked_add(amount).ok_or_else(|| too_large("index"))?;
        m = m.add_months(1);
    }
    Ok(Some(sum))
}

fn fill(p: &mut ProjectedYear, s: &YearStatement, economy: &Economy) -> Result<(), Error> {
    p.credits = s.credits;
    p.interest = s.interest;
    p.balance = s.closing;
    p.interest_rate = match s.rate_origin {
        crate::account::RateOrigin::NotNeeded => Figure {
            value: Decimal::ZERO,
            source: FigureSource::Rules,
        },
        _ => economy.interest_rate(p.year)?,
    };
    Ok(())
}

/// Ī of the projection: [`contribution_index::average_index`] over the
/// projected spans; with a past, the past index counts for its months (or
/// months / 12 years) before the cap and the rounding of the rule set.
fn average_index(
    input: &ProjectionInput,
    spans: &[Span],
    wages_given: &BTreeMap<i32, Decimal>,
    date: chrono::NaiveDate,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<(Decimal, u32), Error> {
    if snap.award.index_deemed.at(date)?.value == DeemedRule::Included && input.deemed_months > 0 {
        return Err(Error::NotApplicable(format!(
            "the rule set counts deemed months in the average index ({} = included): a projection cannot, as it has no deemed index; use the award with a history",
            snap.award.index_deemed.param()
        )));
    }
    let past = (input.contribution_months > 0)
        .then_some(input.average_index)
        .flatten();
    if spans.is_empty() {
        return past
            .map(|p| (p, 0))
            .ok_or_else(|| Error::field("from", "no month to project and no past average index"));
    }
    let h = History {
        spans,
        deemed_index: None,
        average_wages: Some(wages_given),
        places: None,
    };
    let r = contribution_index::average_index(&h, snap, date, tracer)?;
    let Some(p) = past else {
        return Ok((r.average_index, r.pre_account_months));
    };
    let weighting = snap.award.index_weighting.at(date)?;
    let rounding = snap.rounding.index.at(date)?;
    let months = Decimal::from(input.contribution_months);
    let total = |f: fn(&contribution_index::YearIndex) -> Decimal| {
        r.years
            .iter()
            .try_fold(Decimal::ZERO, |acc, y| acc.checked_add(f(y)))
            .ok_or_else(|| too_large("average_index"))
    };
    let sum = total(|y| y.ratio_sum)?;
    let year_sum = total(|y| y.index)?;
    let (num, den) = match weighting.value {
        IndexWeighting::Monthly => (
            p.checked_mul(months).and_then(|x| x.checked_add(sum)),
            months + Decimal::from(r.counted),
        ),
        IndexWeighting::Yearly => {
            let past_years = months / Decimal::from(12);
            (
                p.checked_mul(past_years)
                    .and_then(|x| x.checked_add(year_sum)),
                past_years + Decimal::from(r.counted),
            )
        }
    };
    let exact = num
        .and_then(|n| n.checked_div(den))
        .ok_or_else(|| too_large("average_index"))?;
    let capped = match snap.award.index_cap.is_empty() {
        true => exact,
        false => exact.min(snap.award.index_cap.at(date)?.value),
    };
    let value = rounding.value.apply(capped);
    tracer.step(|| {
        Step::new(
            "average_index",
            "本人平均缴费指数",
            value,
            format!(
                "past {p} over {} months with the projected years ({} {}) = {}, rounded ({})",
                input.contribution_months,
                r.counted,
                match weighting.value {
                    IndexWeighting::Monthly => "months",
                    IndexWeighting::Yearly => "years",
                },
                exact.round_dp(6).normalize(),
                rounding.value
            ),
        )
        .param(ParamUse::of(&weighting))
        .param(ParamUse::of(&rounding))
    });
    Ok((value, r.pre_account_months))
}
