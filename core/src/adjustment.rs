//! 基本养老金调整 — the yearly increase of a retiree's basic pension under a
//! province's scheme for year Y (Shaanxi: 陕人社发〔2016〕37号 … the 2025 notice,
//! each implementing the year's 人社部 财政部 notice, e.g. 人社部发〔2025〕38号).
//!
//! A scheme is data (`adjustment.*` in the rule set): a flat amount (定额调整),
//! a contribution-years part (挂钩调整: per year, or a lump sum for the first
//! years and a rate per year above), a share of the person's own December
//! (Y−1) pension rounded by the rule set, and an extra by the age reached at
//! the end of Y−1 (适当倾斜). A 企业军转干部 may then be topped up to the city's
//! average pension. The scheme covers people who completed retirement by
//! 31 December of Y−1 and is in force from 1 January of Y; the months until
//! the increase is first paid are back-paid (补发).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, FieldError, InputErrors, RuleError};
use crate::money::{self, Checked};
use crate::retirement::Category;
use crate::rules::{LumpBelow, MilitaryCadre, PartYear, Snapshot, Sourced, YearsPart};
use crate::time::{Age, YearMonth};
use crate::trace::{ParamUse, Step, Trace, Tracer};

/// Start of the flag of a 军转干部 top-up that needs the city average.
const PENDING: &str = "军转干部 top-up pending";
/// Calendar months in a year: contribution months → years.
const MONTHS_PER_YEAR: i64 = 12;
/// The month of the previous year whose pension is the base and whose end
/// fixes eligibility and age (每年12月; 截至上年12月31日).
const DECEMBER: u32 = 12;

/// One retiree in one adjustment year.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentInput {
    /// The adjustment year Y.
    pub year: i32,
    /// Monthly basic pension before the adjustment (December of Y−1).
    pub pension: Decimal,
    /// Contribution months, deemed (视同) months included, 折算工龄 excluded.
    pub contribution_months: i64,
    /// Birth month.
    pub birth: YearMonth,
    /// Month the person retired (retirement formalities completed).
    pub retirement_month: YearMonth,
    /// Schedule category; accepted for the vector format, not used by the
    /// Shaanxi schemes (no scheme distinguishes men and women).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// An enterprise-retired 军队转业干部 (the top-up rule may apply).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub military_transfer_cadre: bool,
    /// The city's average enterprise pension after the adjustment, for the
    /// 军转干部 top-up (no per-city table is in the rule set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_average_pension: Option<Decimal>,
    /// First month paid at the new amount: January of Y up to the month
    /// before are back-paid (补发).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_month: Option<YearMonth>,
}

/// The adjustment of one retiree in one year, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AdjustmentResult {
    /// The adjustment year Y.
    pub year: i32,
    /// First month of the new amount (January of Y).
    pub effective: YearMonth,
    /// Contribution years as the scheme counts them.
    pub contribution_years: Decimal,
    /// Whole years of age reached by 31 December of Y−1.
    pub age: u32,
    /// 定额调整.
    pub fixed: Decimal,
    /// 挂钩调整: the contribution-years part.
    pub years_part: Decimal,
    /// 挂钩调整: the share of the own December pension, rounded.
    pub pct_part: Decimal,
    /// 高龄倾斜.
    pub age_extra: Decimal,
    /// fixed + years part + pct part + age extra.
    pub increase: Decimal,
    /// 军转干部 top-up to the city average (0 when not applied).
    pub top_up: Decimal,
    /// A 军转干部 whose top-up could not be applied for want of the city average.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub top_up_pending: bool,
    /// The new monthly pension: pension + increase + top-up.
    pub pension_after: Decimal,
    /// Months back-paid, when `payment_month` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrears_months: Option<u32>,
    /// Amount back-paid: (increase + top-up) × arrears months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrears: Option<Decimal>,
    /// The national overall level for Y (context only), when the rule set has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub national_overall_rate: Option<Decimal>,
    /// What was not applied or is uncertain (e.g. a 军转干部 without the
    /// city average).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// How every figure was found.
    pub trace: Trace,
}

/// One year of a chain of adjustments.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChainYear {
    /// The year.
    pub year: i32,
    /// December (Y−1) pension the year starts from.
    pub pension_before: Decimal,
    /// The year's adjustment, or `None` when the person had not yet retired
    /// by the end of Y−1.
    pub result: Option<AdjustmentResult>,
}

/// Sums of the adjustment overflow at the pension they add to.
fn add(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    money::add(a, b, "pension")
}

/// Every field problem at once.
fn validate(input: &AdjustmentInput) -> Result<(YearMonth, YearMonth), Error> {
    let mut errs = vec![];
    let mut bad = |path: &str, message: String| {
        errs.push(FieldError {
            path: path.into(),
            message,
        })
    };
    let months = input
        .year
        .checked_sub(1)
        .and_then(|prev| YearMonth::new(prev, DECEMBER))
        .zip(YearMonth::new(input.year, 1));
    // The plausible years (crate::bounds), as every input year.
    let months = months.filter(|_| crate::bounds::YEARS.contains(&input.year));
    if months.is_none() {
        bad("year", crate::bounds::year_message(input.year));
    }
    if let Some(e) = u32::try_from(input.contribution_months)
        .ok()
        .and_then(|n| crate::bounds::months("contribution_months", n))
    {
        bad(&e.path, e.message);
    }
    if input.pension < Decimal::ZERO {
        bad(
            "pension",
            format!("must not be negative, got {}", input.pension),
        );
    }
    if input.contribution_months < 0 {
        bad(
            "contribution_months",
            format!("must not be negative, got {}", input.contribution_months),
        );
    }
    if input.retirement_month <= input.birth {
        bad(
            "retirement_month",
            format!(
                "{} is not after the birth month {}",
                input.retirement_month, input.birth
            ),
        );
    } else if input.contribution_months
        > i64::from(input.retirement_month.months_since(input.birth))
    {
        // More months than lived: a typing error that would otherwise make
        // an absurd increase, not an error.
        bad(
            "contribution_months",
            format!(
                "{} months exceed the months from the birth month {} to the retirement month {}",
                input.contribution_months, input.birth, input.retirement_month
            ),
        );
    }
    match input.city_average_pension {
        Some(a) if a < Decimal::ZERO => bad(
            "city_average_pension",
            format!("must not be negative, got {a}"),
        ),
        Some(_) if !input.military_transfer_cadre => bad(
            "city_average_pension",
            "only used for a 军转干部: set military_transfer_cadre".into(),
        ),
        _ => {}
    }
    if let (Some(p), Some((_, january))) = (input.payment_month, months)
        && p < january
    {
        bad(
            "payment_month",
            format!(
                "{p} is before the scheme takes effect in {january}; expected {january} or later"
            ),
        );
    }
    match (months, errs.is_empty()) {
        (Some(m), true) => Ok(m),
        _ => Err(Error::Input(InputErrors(errs))),
    }
}

/// Contribution years as the part-year rule counts them.
fn count_years(months: i64, rule: PartYear) -> Decimal {
    let m = Decimal::from(months);
    let per = Decimal::from(MONTHS_PER_YEAR);
    match rule {
        PartYear::FullYear => (m / per).ceil(),
        PartYear::WholeYears => (m / per).floor(),
        PartYear::Exact => m / per,
    }
}

/// The increase of one retiree's pension under the rule set's scheme for
/// `input.year`.
///
/// * Eligible: retired by 31 December of Y−1; otherwise `NotApplicable`.
/// * No scheme for Y in the rule set (`adjustment.fixed[Y]` missing): a
///   `rule_missing_year` error ("no pension adjustment scheme … for 2026").
/// * n = contribution years counted by `adjustment.part_year` (Shaanxi:
///   不足1年的按1年计算, a part-year counts as a full year).
/// * years part by `adjustment.years_part[Y]`: `a × n`; or
///   `a × min(n, T) + b × max(n − T, 0)`; or `X + b × max(n − T, 0)` with
///   `adjustment.lump_below_threshold` deciding X for n < T; rounded by
///   `rounding.adjustment_years` when defined, else `rounding.money`.
/// * pct part = pension × `adjustment.pension_pct[Y]`, rounded by
///   `rounding.adjustment_pct` (Shaanxi: up to whole yuan).
/// * age extra: the `adjustment.age_extra` step row for the age reached by
///   31 December of Y−1 (none below the first row).
/// * increase = fixed + years + pct + age; a 军转干部 below the given city
///   average after it is raised to it (`adjustment.military_cadre[Y]`).
///
/// Dated rules are those in force on 1 January of Y. The steps recorded in
/// `tracer` (when enabled) move into the result's trace.
///
/// ```
/// use pension_rules::adjustment::{adjust, AdjustmentInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// // docs/sources.md §9.3 Case A, 2025: 35 years, 3000 in Dec 2024, aged 72
/// // → 30 + (10 + 20 × 0.7) + ceil(3000 × 0.52 %) + 10 = 30 + 24 + 16 + 10 = 80.
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snap = rules.at("2025-01-01".parse().unwrap());
/// let input = AdjustmentInput {
///     year: 2025,
///     pension: "3000".parse().unwrap(),
///     contribution_months: 420,
///     birth: "1952-05".parse().unwrap(),
///     retirement_month: "2012-05".parse().unwrap(),
///     category: None,
///     military_transfer_cadre: false,
///     city_average_pension: None,
///     payment_month: None,
/// };
/// let r = adjust(&snap, &input, &mut Tracer::new(true)).unwrap();
/// assert_eq!(r.pct_part.to_string(), "16");
/// assert_eq!(r.increase.normalize().to_string(), "80");
/// assert_eq!(r.pension_after.normalize().to_string(), "3080");
/// ```
pub fn adjust(
    snap: &Snapshot,
    input: &AdjustmentInput,
    tracer: &mut Tracer,
) -> Result<AdjustmentResult, Error> {
    let (prev_december, january) = validate(input)?;
    let year = input.year;
    let date: NaiveDate = january.first_day();
    let a = &snap.adjustment;

    // The year's scheme.
    let fixed = a.fixed.get(year).map_err(|_| RuleError::NoScheme {
        scheme: "pension adjustment",
        param: a.fixed.param(),
        ruleset: snap.identity.id.clone(),
        year,
    })?;

    // Eligibility: retired by 31 December of Y−1.
    if input.retirement_month > prev_december {
        return Err(Error::NotApplicable(format!(
            "the {year} adjustment covers people who retired by {}; retirement in {} is after that (the first adjustment is the next year's)",
            prev_december.last_day(),
            input.retirement_month
        )));
    }
    tracer.step(|| {
        Step::new(
            "eligible",
            "调整范围",
            true,
            format!(
                "retired in {} ≤ {}: covered; the new amount is due from {january}",
                input.retirement_month, prev_december
            ),
        )
        .input("retirement_month", input.retirement_month)
        .input("year", year)
    });
    tracer.step(|| {
        Step::new(
            "fixed",
            "定额调整",
            fixed.value,
            format!("{} per retiree per month", fixed.value),
        )
        .param(ParamUse::keyed(&fixed, year))
    });
    let money = snap.rounding.money.at(date)?;

    // Contribution years.
    let part_year = a.part_year.at(date)?;
    let n = count_years(input.contribution_months, part_year.value);
    tracer.step(|| {
        let rule = match part_year.value {
            PartYear::FullYear => "a part-year counts as a full year",
            PartYear::WholeYears => "only completed years count",
            PartYear::Exact => "counted to the month",
        };
        Step::new(
            "contribution_years",
            "缴费年限",
            n.round_dp(4).normalize(),
            format!(
                "{} months / 12 = {} years; {rule} → {}",
                input.contribution_months,
                (Decimal::from(input.contribution_months) / Decimal::from(MONTHS_PER_YEAR))
                    .round_dp(4)
                    .normalize(),
                n.round_dp(4).normalize()
            ),
        )
        .input("contribution_months", input.contribution_months)
        .param(ParamUse::of(&part_year).with_value(part_year.value.name()))
    });

    let years_part = years_part(snap, year, date, n, tracer)?;

    // Percentage of the own December pension.
    let pct = a.pension_pct.get(year)?;
    let pct_part = if pct.value.is_zero() {
        tracer.step(|| {
            Step::new(
                "pct_part",
                "按本人基本养老金比例调整",
                Decimal::ZERO,
                format!("no percentage item in {year}"),
            )
            .param(ParamUse::keyed(&pct, year))
        });
        Decimal::ZERO
    } else {
        let rounding = snap.rounding.adjustment_pct.at(date)?;
        let exact = money::mul(input.pension, pct.value, "pension")?;
        let v = rounding.value.apply(exact);
        tracer.step(|| {
            Step::new(
                "pct_part",
                "按本人基本养老金比例调整",
                v,
                format!(
                    "{} (own pension, {prev_december}) × {} = {}, rounded ({}) to {v}",
                    input.pension,
                    pct.value,
                    exact.normalize(),
                    rounding.value
                ),
            )
            .input("pension", input.pension)
            .param(ParamUse::keyed(&pct, year))
            .param(ParamUse::of(&rounding))
        });
        v
    };

    // Age extra by the age reached at the end of Y−1.
    let age = Age::between(input.birth, prev_december)
        .map(Age::years)
        .ok_or_else(|| Error::field("birth", "after the end of the previous year"))?;
    let table = a.age_extra.at(date)?;
    let row = table
        .value
        .rows()
        .range(..=i64::from(age))
        .next_back()
        .map(|(k, v)| (*k, *v));
    let age_extra = row.map_or(Decimal::ZERO, |(_, v)| v);
    tracer.step(|| {
        let formula = match row {
            Some((k, v)) => format!(
                "born {}, aged {age} by {}: the row for {k} and over → +{v}",
                input.birth,
                prev_december.last_day()
            ),
            None => format!(
                "born {}, aged {age} by {}: below the first band → 0",
                input.birth,
                prev_december.last_day()
            ),
        };
        let mut s =
            Step::new("age_extra", "高龄倾斜", age_extra, formula).input("birth", input.birth);
        if let Some((k, v)) = row {
            s = s.param(ParamUse::keyed(&table, k).with_value(v));
        } else {
            s = s.param(ParamUse::of(&table));
        }
        s
    });

    let increase = add(add(add(fixed.value, years_part)?, pct_part)?, age_extra)?;
    tracer.step(|| {
        Step::new(
            "increase",
            "增加额",
            increase,
            format!(
                "定额 + 缴费年限 + 比例 + 高龄 = {} + {years_part} + {pct_part} + {age_extra} = {increase}",
                fixed.value
            ),
        )
    });

    // 军转干部 top-up.
    let mut flags = vec![];
    let before_top_up = add(input.pension, increase)?;
    let top_up = if input.military_transfer_cadre {
        military_top_up(snap, input, before_top_up, tracer, &mut flags)?
    } else {
        Decimal::ZERO
    };

    let pension_after = add(before_top_up, top_up)?;
    tracer.step(|| {
        let formula = if top_up.is_zero() {
            format!("{} + {increase} = {pension_after}", input.pension)
        } else {
            format!(
                "{} + {increase} + {top_up} = {pension_after}",
                input.pension
            )
        };
        Step::new("pension_after", "调整后基本养老金", pension_after, formula)
            .input("pension", input.pension)
    });

    // Arrears (补发) from January to the month before the first payment.
    let change = add(increase, top_up)?;
    let (arrears_months, arrears) = match input.payment_month {
        Some(p) => {
            let m = u32::try_from(p.months_since(january)).unwrap_or(0);
            let amount = money
                .value
                .apply(money::mul(change, Decimal::from(m), "pension")?);
            tracer.step(|| {
                Step::new(
                    "arrears",
                    "补发",
                    amount,
                    format!(
                        "due from {january}, first paid in {p}: {m} months × {change} = {amount}"
                    ),
                )
                .input("payment_month", p)
                .param(ParamUse::of(&money))
            });
            (Some(m), Some(amount))
        }
        None => (None, None),
    };

    let overall = a.national_overall_rate.get(year).ok();
    if let Some(r) = &overall {
        tracer.step(|| {
            Step::new(
                "national_overall_rate",
                "全国总体调整水平",
                r.value,
                format!(
                    "context only: the national overall level for {year} is {} of the previous year's average pension; the provincial scheme above sets each person's increase",
                    r.value
                ),
            )
            .param(ParamUse::keyed(r, year))
        });
    }

    Ok(AdjustmentResult {
        year,
        effective: january,
        contribution_years: n,
        age,
        fixed: fixed.value,
        years_part,
        pct_part,
        age_extra,
        increase,
        top_up,
        top_up_pending: flags.iter().any(|f| f.contains(PENDING)),
        pension_after,
        arrears_months,
        arrears,
        national_overall_rate: overall.map(|r| r.value),
        flags,
        trace: std::mem::replace(tracer, Tracer::new(tracer.enabled())).finish(snap),
    })
}

/// The contribution-years part (挂钩调整 by 缴费年限).
fn years_part(
    snap: &Snapshot,
    year: i32,
    date: NaiveDate,
    n: Decimal,
    tracer: &mut Tracer,
) -> Result<Decimal, Error> {
    let a = &snap.adjustment;
    let shape = a.years_part.get(year)?;
    // Kept to the fen unless the rule set rounds the years part on its own.
    let rounding = match snap.rounding.adjustment_years.at(date) {
        Ok(r) => r,
        Err(_) => snap.rounding.money.at(date)?,
    };
    let threshold = |tracer_params: &mut Vec<ParamUse>| -> Result<Decimal, Error> {
        let t = a.threshold_years.at(date)?;
        tracer_params.push(ParamUse::of(&t));
        Ok(Decimal::from(t.value))
    };
    let mut used = vec![ParamUse::keyed(&shape, year).with_value(shape.value.name())];
    let (exact, formula) = match shape.value {
        YearsPart::PerYearAll => {
            let per = a.per_year_up_to_threshold.get(year)?;
            used.push(ParamUse::keyed(&per, year));
            let v = money::mul(per.value, n, "contribution_months")?;
            (
                v,
                format!(
                    "{} × {} years = {}",
                    per.value,
                    n.normalize(),
                    v.normalize()
                ),
            )
        }
        YearsPart::PerYearTiered => {
            let per = a.per_year_up_to_threshold.get(year)?;
            let above = a.per_year_above_threshold.get(year)?;
            used.push(ParamUse::keyed(&per, year));
            used.push(ParamUse::keyed(&above, year));
            let t = threshold(&mut used)?;
            let low = n.min(t);
            let high = (n - t).max(Decimal::ZERO);
            let v = money::mul(per.value, low, "contribution_months")?
                .checked_add(money::mul(above.value, high, "contribution_months")?)
                .or_too_large("contribution_months")?;
            (
                v,
                format!(
                    "{} × {} + {} × {} = {}",
                    per.value,
                    low.normalize(),
                    above.value,
                    high.normalize(),
                    v.normalize()
                ),
            )
        }
        YearsPart::LumpThenPerYear => {
            let lump = a.lump_up_to_threshold.get(year)?;
            let above = a.per_year_above_threshold.get(year)?;
            used.push(ParamUse::keyed(&lump, year));
            used.push(ParamUse::keyed(&above, year));
            let t = threshold(&mut used)?;
            let (lump_part, lump_text) = if n >= t {
                (lump.value, format!("{} (≥ {t} years)", lump.value))
            } else {
                let rule = a.lump_below_threshold.at(date)?;
                used.push(ParamUse::of(&rule).with_value(rule.value.name()));
                match rule.value {
                    LumpBelow::Whole => (
                        lump.value,
                        format!(
                            "{} (whole, though {} < {t} years)",
                            lump.value,
                            n.normalize()
                        ),
                    ),
                    LumpBelow::ProRata => {
                        let v = if t.is_zero() {
                            lump.value
                        } else {
                            money::mul(lump.value, n, "contribution_months")? / t
                        };
                        (
                            v,
                            format!(
                                "{} × {} / {t} = {}",
                                lump.value,
                                n.normalize(),
                                v.normalize()
                            ),
                        )
                    }
                }
            };
            let high = (n - t).max(Decimal::ZERO);
            let v = lump_part
                .checked_add(money::mul(above.value, high, "contribution_months")?)
                .or_too_large("contribution_months")?;
            (
                v,
                format!(
                    "{lump_text} + {} × {} = {}",
                    above.value,
                    high.normalize(),
                    v.normalize()
                ),
            )
        }
    };
    let v = rounding.value.apply(exact);
    used.push(ParamUse::of(&rounding));
    tracer.step(|| {
        let mut s = Step::new(
            "years_part",
            "缴费年限挂钩调整",
            v,
            format!("{formula}, rounded ({}) to {v}", rounding.value),
        )
        .input("contribution_years", n.normalize());
        for p in used {
            s = s.param(p);
        }
        s
    });
    Ok(v)
}

/// The 企业军转干部 top-up: raised to the city average when below it.
fn military_top_up(
    snap: &Snapshot,
    input: &AdjustmentInput,
    after: Decimal,
    tracer: &mut Tracer,
    flags: &mut Vec<String>,
) -> Result<Decimal, Error> {
    let year = input.year;
    let rule: Option<Sourced<MilitaryCadre>> = snap.adjustment.military_cadre.get(year).ok();
    let Some(rule) = rule else {
        flags.push(format!(
            "军转干部 top-up not applied: the rule set has no 军转干部 rule for {year}"
        ));
        return Ok(Decimal::ZERO);
    };
    let used = ParamUse::keyed(&rule, year).with_value(rule.value.name());
    match (rule.value, input.city_average_pension) {
        (MilitaryCadre::NoTopUp, _) => {
            tracer.step(|| {
                Step::new(
                    "top_up",
                    "军转干部补足",
                    Decimal::ZERO,
                    format!("the {year} scheme has no 军转干部 top-up"),
                )
                .param(used)
            });
            Ok(Decimal::ZERO)
        }
        (MilitaryCadre::TopUpToCityAverage, None) => {
            flags.push(format!(
                "{PENDING}: give city_average_pension (the city's average enterprise pension after the {year} adjustment; no per-city table is in the rule set)"
            ));
            tracer.step(|| {
                Step::new(
                    "top_up",
                    "军转干部补足",
                    Decimal::ZERO,
                    "not applied: the city's average enterprise pension was not given (no per-city table in the rule set); raise to it if it is above the adjusted pension",
                )
                .param(used)
            });
            Ok(Decimal::ZERO)
        }
        (MilitaryCadre::TopUpToCityAverage, Some(avg)) => {
            let top = (avg - after).max(Decimal::ZERO);
            tracer.step(|| {
                Step::new(
                    "top_up",
                    "军转干部补足",
                    top,
                    format!(
                        "city average {avg} − adjusted pension {after} = {}, not below 0 → {top}",
                        avg - after
                    ),
                )
                .input("city_average_pension", avg)
                .param(used)
            });
            Ok(top)
        }
    }
}

/// Adjustments year by year from `input.year` through `to_year`, each year's
/// `pension_after` being the next year's December pension. Years before the
/// person is covered (retired after 31 December of Y−1) are listed with no
/// result; any other error stops the chain. `payment_month` applies to the
/// first year only.
///
/// ```
/// use pension_rules::adjustment::{adjust_chain, AdjustmentInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snap = rules.at("2025-01-01".parse().unwrap());
/// let input = AdjustmentInput {
///     year: 2024,
///     pension: "3000".parse().unwrap(),
///     contribution_months: 420,
///     birth: "1952-05".parse().unwrap(),
///     retirement_month: "2012-05".parse().unwrap(),
///     category: None,
///     military_transfer_cadre: false,
///     city_average_pension: None,
///     payment_month: None,
/// };
/// let years = adjust_chain(&snap, &input, 2025, &mut Tracer::new(false)).unwrap();
/// // 2024: 32 + 8 + 20 × 1.8 + 30 + 10 = 116 → 3116; 2025 starts from 3116.
/// assert_eq!(years[1].pension_before.normalize().to_string(), "3116");
/// ```
pub fn adjust_chain(
    snap: &Snapshot,
    input: &AdjustmentInput,
    to_year: i32,
    tracer: &mut Tracer,
) -> Result<Vec<ChainYear>, Error> {
    if to_year < input.year {
        return Err(Error::field(
            "to_year",
            format!("{to_year} is before the first year {}", input.year),
        ));
    }
    let mut out = vec![];
    let mut pension = input.pension;
    for year in input.year..=to_year {
        let this = AdjustmentInput {
            year,
            pension,
            payment_month: input.payment_month.filter(|_| year == input.year),
            ..input.clone()
        };
        let mut t = Tracer::new(tracer.enabled());
        match adjust(snap, &this, &mut t) {
            Ok(r) => {
                pension = r.pension_after;
                out.push(ChainYear {
                    year,
                    pension_before: this.pension,
                    result: Some(r),
                });
            }
            Err(Error::NotApplicable(_)) => out.push(ChainYear {
                year,
                pension_before: pension,
                result: None,
            }),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

impl AdjustmentResult {
    /// The headline figures by name: the increase and its parts, the pension
    /// after it, the arrears, the age and whether a top-up is pending.
    pub fn figures(&self) -> Map<String, Value> {
        let r = self;
        let mut out = Map::new();
        let mut put = |k: &str, v: Decimal| {
            out.insert(k.into(), Value::String(v.normalize().to_string()));
        };
        put("increase", r.increase);
        put("pension_after", r.pension_after);
        put("fixed", r.fixed);
        put("years_part", r.years_part);
        put("pct_part", r.pct_part);
        put("age_extra", r.age_extra);
        put("top_up", r.top_up);
        put("contribution_years", r.contribution_years);
        if let Some(a) = r.arrears {
            put("arrears", a);
        }
        if let Some(m) = r.arrears_months {
            out.insert("arrears_months".into(), Value::from(m));
        }
        out.insert("age".into(), Value::from(r.age));
        out.insert("top_up_pending".into(), Value::Bool(r.top_up_pending));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap_or_else(|_| YearMonth::of(NaiveDate::MIN))
    }

    fn person(year: i32, pension: &str, months: i64, birth: &str) -> AdjustmentInput {
        AdjustmentInput {
            year,
            pension: d(pension),
            contribution_months: months,
            birth: ym(birth),
            retirement_month: ym(birth).add_months(60 * 12),
            category: None,
            military_transfer_cadre: false,
            city_average_pension: None,
            payment_month: None,
        }
    }

    fn run(id: &str, input: &AdjustmentInput) -> Result<AdjustmentResult, Error> {
        let rules = RuleSet::embedded(id)?;
        let snap = rules.at(NaiveDate::from_ymd_opt(input.year, 1, 1).unwrap_or_default());
        adjust(&snap, input, &mut Tracer::new(true))
    }

    #[test]
    fn research_cases_a_and_b() -> Result<(), Error> {
        // docs/sources.md §9.3: Case A (N 35, 3000, aged 72) and Case B
        // (N 30y3m → 31, 4500, aged 81), total increase by year.
        let table = [
            (2017, "186", "207"),
            (2018, "178", "201"),
            (2019, "184", "207"),
            (2020, "187", "210"),
            (2021, "161", "188"),
            (2022, "150", "176.2"),
            (2023, "143", "172"),
            (2024, "116", "143.8"),
            (2025, "80", "105.2"),
        ];
        for (y, a, b) in table {
            let born_a = format!("{}-05", y - 1 - 72);
            let r = run("cn/shaanxi", &person(y, "3000", 420, &born_a))?;
            assert_eq!(r.increase, d(a), "Case A {y}");
            assert_eq!(r.pension_after, d("3000") + d(a), "Case A {y}");
            let born_b = format!("{}-03", y - 1 - 81);
            let r = run("cn/shaanxi", &person(y, "4500", 363, &born_b))?;
            assert_eq!(r.increase, d(b), "Case B {y}");
            assert_eq!(r.contribution_years, d("31"));
            assert_eq!(r.age_extra, d("30"));
        }
        Ok(())
    }

    #[test]
    fn components_2023_and_2025() -> Result<(), Error> {
        // §1.4: 2023 Case A 40 + 55 + 38 + 10 (3000 × 1.26 % = 37.8 → 38);
        // 2025 Case B 30 + 21.2 + 24 + 30 (4500 × 0.52 % = 23.4 → 24).
        let r = run("cn/shaanxi", &person(2023, "3000", 420, "1950-05"))?;
        assert_eq!(
            (r.fixed, r.years_part, r.pct_part, r.age_extra),
            (d("40"), d("55"), d("38"), d("10"))
        );
        let r = run("cn/shaanxi", &person(2025, "4500", 363, "1943-03"))?;
        assert_eq!(
            (r.fixed, r.years_part, r.pct_part, r.age_extra),
            (d("30"), d("21.2"), d("24"), d("30"))
        );
        assert_eq!(r.national_overall_rate, Some(d("0.02")));
        Ok(())
    }

    #[test]
    fn year_2016_counts_all_years_at_one_rate() -> Result<(), Error> {
        // §1.4: 2016, enterprise, N 35, aged 72: 77 + 3 × 35 + 10 = 192, no % item.
        let r = run("cn/shaanxi", &person(2016, "3000", 420, "1943-05"))?;
        assert_eq!(r.years_part, d("105"));
        assert_eq!(r.pct_part, Decimal::ZERO);
        assert_eq!(r.increase, d("192"));
        // A part-year counts as a full year: 34y1m → 35.
        let r = run("cn/shaanxi", &person(2016, "3000", 409, "1943-05"))?;
        assert_eq!(r.years_part, d("105"));
        Ok(())
    }

    #[test]
    fn published_years_part_examples() -> Result<(), Error> {
        // I-13 (zhejianglong.com/c/2686555.html): 2022, 26 years → 16 + 11 × 2.2 = 40.2.
        let r = run("cn/shaanxi", &person(2022, "3000", 312, "1955-08"))?;
        assert_eq!(r.years_part, d("40.2"));
        // I-12 (xiaoshebao.com): 2021, 15 years → 25.
        let r = run("cn/shaanxi", &person(2021, "3000", 180, "1958-02"))?;
        assert_eq!(r.years_part, d("25"));
        Ok(())
    }

    #[test]
    fn age_rule_reproduces_the_printed_birth_bands() -> Result<(), Error> {
        // docs/sources.md §13.1 table: each year's notice prints
        // ≤ (Y−81)-12-31 → +30, (Y−80)…(Y−76) → +20, (Y−75)…(Y−71) → +10,
        // e.g. 2025: ≤1944 / 1945–1949 / 1950–1954; 2016: ≤1935 / 1936–40 / 1941–45.
        let printed = [
            (2016, 1935, 1940, 1945),
            (2017, 1936, 1941, 1946),
            (2018, 1937, 1942, 1947),
            (2019, 1938, 1943, 1948),
            (2020, 1939, 1944, 1949),
            (2021, 1940, 1945, 1950),
            (2022, 1941, 1946, 1951),
            (2023, 1942, 1947, 1952),
            (2024, 1943, 1948, 1953),
            (2025, 1944, 1949, 1954),
        ];
        for (y, last30, last20, last10) in printed {
            let extra = |birth: String| -> Result<Decimal, Error> {
                Ok(run("cn/shaanxi", &person(y, "3000", 420, &birth))?.age_extra)
            };
            assert_eq!(extra(format!("{last30}-12"))?, d("30"), "{y}");
            assert_eq!(extra(format!("{}-01", last30 + 1))?, d("20"), "{y}");
            assert_eq!(extra(format!("{last20}-12"))?, d("20"), "{y}");
            assert_eq!(extra(format!("{}-01", last20 + 1))?, d("10"), "{y}");
            assert_eq!(extra(format!("{last10}-12"))?, d("10"), "{y}");
            assert_eq!(extra(format!("{}-01", last10 + 1))?, Decimal::ZERO, "{y}");
        }
        Ok(())
    }

    #[test]
    fn no_scheme_for_2026() {
        let e = run("cn/shaanxi", &person(2026, "3000", 420, "1953-05")).err();
        assert_eq!(e.as_ref().map(Error::code), Some("rule_missing_year"));
        let msg = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            msg.contains("no pension adjustment scheme in the rule set cn/shaanxi for 2026"),
            "{msg}"
        );
    }

    #[test]
    fn eligibility_ends_with_the_previous_year() -> Result<(), Error> {
        // Scope clause: retired by 31 Dec of Y−1 (docs/sources.md §13.3).
        let mut i = person(2025, "3000", 420, "1964-12");
        assert_eq!(i.retirement_month, ym("2024-12"));
        assert!(run("cn/shaanxi", &i).is_ok());
        i.retirement_month = ym("2025-01");
        let e = run("cn/shaanxi", &i).err();
        assert_eq!(e.as_ref().map(Error::code), Some("not_applicable"));
        Ok(())
    }

    #[test]
    fn lump_below_threshold_is_whole_unless_overlaid() -> Result<(), Error> {
        // Open point §1.1: N < 15 gets the whole X (literal wording); pro_rata
        // as an overlay: 2024, 10 years → 8 × 10 / 15.
        let i = person(2024, "1800", 120, "1958-09");
        let r = run("cn/shaanxi", &i)?;
        assert_eq!(r.years_part, d("8"));
        let rules = RuleSet::embedded("cn/shaanxi")?.with_overlay(
            "pro-rata.toml",
            r#"[overlay]
id = "scenario/pro-rata"
[adjustment.lump_below_threshold]
[[adjustment.lump_below_threshold.values]]
from = 2021-01-01
value = "pro_rata"
source = "scenario"
"#,
        )?;
        let snap = rules.at(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default());
        let r = adjust(&snap, &i, &mut Tracer::new(true))?;
        assert_eq!(r.years_part, d("5.33"));
        Ok(())
    }

    #[test]
    fn military_cadre_top_up() -> Result<(), Error> {
        let mut i = person(2023, "2800", 360, "1950-06");
        i.military_transfer_cadre = true;
        // Without the city average: flagged, nothing added.
        let r = run("cn/shaanxi", &i)?;
        assert!(r.top_up_pending);
        assert_eq!(r.top_up, Decimal::ZERO);
        assert_eq!(r.pension_after, r.increase + d("2800"));
        // 2023: 40 + 5 + 15 × 2.5 + ceil(2800 × 1.26 % = 35.28) + 10 = 128.5 → 2928.5;
        // city average 3100 → top-up 171.5.
        i.city_average_pension = Some(d("3100"));
        let r = run("cn/shaanxi", &i)?;
        assert_eq!(r.increase, d("128.5"));
        assert_eq!(r.top_up, d("171.5"));
        assert_eq!(r.pension_after, d("3100"));
        // Above the average: nothing.
        i.city_average_pension = Some(d("2900"));
        assert_eq!(run("cn/shaanxi", &i)?.top_up, Decimal::ZERO);
        Ok(())
    }

    #[test]
    fn arrears_to_the_payment_month() -> Result<(), Error> {
        // 2025 notice posted 2025-07-25: first paid in August → 7 months back-paid.
        let mut i = person(2025, "3000", 420, "1952-05");
        i.payment_month = Some(ym("2025-08"));
        let r = run("cn/shaanxi", &i)?;
        assert_eq!(r.arrears_months, Some(7));
        assert_eq!(r.arrears, Some(d("560")));
        i.payment_month = Some(ym("2024-12"));
        let e = run("cn/shaanxi", &i).err();
        assert_eq!(
            e.map(|e| e.fields()[0].path.clone()),
            Some("payment_month".into())
        );
        Ok(())
    }

    #[test]
    fn every_problem_at_once() {
        let mut i = person(2025, "-1", -3, "1960-05");
        i.retirement_month = ym("1960-01");
        i.city_average_pension = Some(d("3000"));
        let e = run("cn/shaanxi", &i).err();
        let paths: Vec<String> = e
            .iter()
            .flat_map(|e| e.fields().iter().map(|f| f.path.clone()))
            .collect();
        assert_eq!(
            paths,
            [
                "pension",
                "contribution_months",
                "retirement_month",
                "city_average_pension"
            ]
        );
    }

    #[test]
    fn extreme_inputs_are_errors_not_panics() {
        let mut i = person(2025, "79228162514264337593543950335", 420, "1952-05");
        assert_eq!(
            run("cn/shaanxi", &i).err().as_ref().map(Error::code),
            Some("invalid_input")
        );
        i.pension = d("3000");
        i.contribution_months = i64::MAX;
        // More months than lived (birth 1952-05, retired 2012-05).
        assert_eq!(
            run("cn/shaanxi", &i).err().as_ref().map(Error::code),
            Some("invalid_input")
        );
        i.year = i32::MIN;
        let rules = RuleSet::embedded("cn/shaanxi");
        let e = rules.map(|r| adjust(&r.at(NaiveDate::MIN), &i, &mut Tracer::new(false)));
        assert!(matches!(e, Ok(Err(Error::Input(_)))));
    }

    #[test]
    fn trace_cites_the_parameters() -> Result<(), Error> {
        let r = run("cn/shaanxi", &person(2025, "3000", 420, "1952-05"))?;
        let used: Vec<&str> = r
            .trace
            .steps
            .iter()
            .flat_map(|s| s.params.iter().map(|p| &*p.param))
            .collect();
        for p in [
            "adjustment.fixed",
            "adjustment.part_year",
            "adjustment.years_part",
            "adjustment.lump_up_to_threshold",
            "adjustment.per_year_above_threshold",
            "adjustment.threshold_years",
            "adjustment.pension_pct",
            "rounding.adjustment_pct",
            "adjustment.age_extra",
            "adjustment.national_overall_rate",
        ] {
            assert!(used.contains(&p), "{p} not cited: {used:?}");
        }
        let fixed = r.trace.steps.iter().find(|s| s.name == "fixed");
        assert!(fixed.is_some_and(|s| s.params[0].provenance.source.contains("2025")));
        Ok(())
    }

    #[test]
    fn chain_feeds_each_year_into_the_next() -> Result<(), Error> {
        // Retired 2017-06: 2017 not covered, 2018 onward adjusted on the new amount.
        let rules = RuleSet::embedded("cn/shaanxi")?;
        let snap = rules.at(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default());
        let mut i = person(2017, "2000", 300, "1957-06");
        i.retirement_month = ym("2017-06");
        let years = adjust_chain(&snap, &i, 2025, &mut Tracer::new(false))?;
        assert_eq!(years.len(), 9);
        assert!(years[0].result.is_none());
        assert_eq!(years[1].pension_before, d("2000"));
        for w in years.windows(2) {
            let after = w[0]
                .result
                .as_ref()
                .map_or(w[0].pension_before, |r| r.pension_after);
            assert_eq!(w[1].pension_before, after);
        }
        // 2026 has no scheme: the chain stops with the error.
        let e = adjust_chain(&snap, &i, 2026, &mut Tracer::new(false)).err();
        assert_eq!(e.as_ref().map(Error::code), Some("rule_missing_year"));
        Ok(())
    }
}
