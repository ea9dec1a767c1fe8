//! 缴费核定 — one month's contribution assessment: the contribution base
//! clamped to the year's floor and cap (缴费基数上下限), the employer (单位) and
//! individual (个人) amounts, and the credit to the individual account
//! (记入个人账户); and flexible employment (灵活就业人员), who choose a base
//! within the limits and pay the whole rate themselves.
//!
//! Law: 国发〔1997〕26号 第三、四条 (rates, 11 % account); 国发〔2005〕38号 第三、四条
//! (8 % account from 2006; flexible 20 % of which 8 % credited); 劳社险中心函〔2006〕60号
//! and 国办发〔2019〕13号 (base between 60 % and 300 % of the reference wage; 16 %
//! employer rate from 2019-05-01). The figures come from the rule set only.
//!
//! Limits: the province's published floor and cap for the calendar year (执行年度)
//! of the month are used as published. Where the rule set has no published limit
//! for the year but has the reference wage (`contribution.reference_wage`), the
//! limit is derived as reference wage × `base_floor_ratio` / `base_cap_ratio`,
//! rounded with `rounding.money`, and the trace says so. A year with neither is an
//! error naming the year, never a default.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, RuleError};
use crate::json_fields::Fields;
use crate::rounding::Rounding;
use crate::rules::{Snapshot, Sourced};
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Tracer};

/// How the person is insured.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    /// An employee of a unit (用人单位职工): unit and individual both pay.
    #[default]
    Employee,
    /// Flexible employment or self-employed (灵活就业人员 / 个体工商户): the
    /// person pays the whole flexible rate on a base they choose.
    Flexible,
}

impl Employment {
    /// The name used in inputs.
    pub fn name(self) -> &'static str {
        match self {
            Employment::Employee => "employee",
            Employment::Flexible => "flexible",
        }
    }
}

impl std::fmt::Display for Employment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Employment {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "employee" => Ok(Employment::Employee),
            "flexible" => Ok(Employment::Flexible),
            other => Err(format!(
                "unknown employment type {other:?}; expected employee or flexible"
            )),
        }
    }
}

/// One month to assess (the vector format's `contribution` input).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContributionInput {
    /// The contribution month.
    pub month: YearMonth,
    /// Declared monthly wage (申报工资); required for employees. For flexible
    /// employment it is not used (the chosen base is).
    #[serde(default, deserialize_with = "crate::bounds::non_negative")]
    pub wage: Option<Decimal>,
    /// Employee or flexible employment.
    pub employment: Employment,
    /// The base a flexible worker chose; must lie within the year's limits.
    #[serde(default, deserialize_with = "crate::bounds::non_negative")]
    pub chosen_base: Option<Decimal>,
}

impl ContributionInput {
    /// Read from JSON, reporting every field problem at once.
    ///
    /// ```
    /// use pension_rules::contribution::ContributionInput;
    /// let v = serde_json::json!({"month": "2025-13", "wage": "-1", "employment": "x"});
    /// let e = ContributionInput::from_json(&v).unwrap_err();
    /// assert_eq!(e.fields().len(), 3); // employment, month and the negative wage
    /// ```
    pub fn from_json(v: &Value) -> Result<Self, Error> {
        crate::json_fields::read(v)
    }
}

/// Where a limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitOrigin {
    /// The amount the province published for the year.
    Published,
    /// Reference wage × ratio, rounded (no published amount for the year).
    Derived,
}

/// The contribution-base floor and cap in force for a calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BaseLimits {
    /// The calendar year (执行年度) the limits belong to.
    pub year: i32,
    /// 缴费基数下限.
    pub floor: Decimal,
    /// 缴费基数上限.
    pub cap: Decimal,
    /// Where the floor comes from.
    pub floor_origin: LimitOrigin,
    /// Where the cap comes from.
    pub cap_origin: LimitOrigin,
    /// The reference wage, when a limit was derived from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_wage: Option<Decimal>,
}

impl BaseLimits {
    /// Where `x` lies relative to the limits.
    pub fn position(&self, x: Decimal) -> BasePosition {
        if x < self.floor {
            BasePosition::BelowFloor
        } else if x > self.cap {
            BasePosition::AboveCap
        } else {
            BasePosition::Within
        }
    }
    /// `x` clamped to `[floor, cap]`.
    pub fn clamp(&self, x: Decimal) -> Decimal {
        x.max(self.floor).min(self.cap)
    }
}

/// Where the declared wage lay relative to the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasePosition {
    /// Below the floor: the base is raised to the floor.
    BelowFloor,
    /// Within the limits (the limits themselves included).
    Within,
    /// Above the cap: the base is cut to the cap.
    AboveCap,
}

/// One month's assessment.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ContributionResult")] // its name in the bindings and the schema
pub struct Contribution {
    /// The month.
    pub month: YearMonth,
    /// Employee or flexible.
    pub employment: Employment,
    /// The declared wage (employees), rounded to money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wage: Option<Decimal>,
    /// The limits of the month's year.
    pub limits: BaseLimits,
    /// Where the wage (or chosen base) lay.
    pub position: BasePosition,
    /// 缴费基数: the contribution base.
    pub base: Decimal,
    /// 单位缴费: the unit's amount (0 for flexible employment).
    pub employer: Decimal,
    /// 个人缴费: the person's amount (flexible: the whole flexible rate).
    pub individual: Decimal,
    /// 记入个人账户: the credit to the individual account.
    pub account_credit: Decimal,
    /// The part of the credit formed by the person's own contributions, where
    /// the rule set says (None before the data has an individual rate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_personal: Option<Decimal>,
    /// 划入统筹基金: employer + individual − account credit.
    pub pooled: Decimal,
}

/// The rule parameters of one month, resolved once (a payroll assesses many
/// rows against the same month). Rates are kept as results so that a month
/// lacking, say, the flexible rate can still assess employees.
#[derive(Debug, Clone)]
pub struct MonthRules {
    /// The month.
    pub month: YearMonth,
    /// The year's limits.
    pub limits: BaseLimits,
    rounding: Sourced<Rounding>,
    employer_rate: Result<Sourced<Decimal>, RuleError>,
    individual_rate: Result<Sourced<Decimal>, RuleError>,
    credit_rate: Result<Sourced<Decimal>, RuleError>,
    flexible_rate: Result<Sourced<Decimal>, RuleError>,
    flexible_account_rate: Result<Sourced<Decimal>, RuleError>,
}

/// A rate as a percentage for formulas (`0.16` → `16%`).
pub(crate) fn pct(r: Decimal) -> String {
    format!("{}%", (r * Decimal::ONE_HUNDRED).normalize())
}

/// The contribution-base floor and cap for the calendar year of `month`:
/// published amounts where the rule set has them, otherwise derived from the
/// reference wage and the 60 % / 300 % ratios (said so in the trace).
///
/// ```
/// use pension_rules::{contribution::base_limits, rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let month = "2024-03".parse().unwrap();
/// let snap = rules.at("2024-03-01".parse().unwrap());
/// let l = base_limits(&snap, month, &mut Tracer::new(false)).unwrap();
/// // 西安市 2024年度缴费基数通告 (2024年第1号): 4559 / 22795
/// assert_eq!((l.floor.to_string(), l.cap.to_string()), ("4559".into(), "22795".into()));
/// ```
pub fn base_limits(
    snap: &Snapshot,
    month: YearMonth,
    tracer: &mut Tracer,
) -> Result<BaseLimits, Error> {
    let c = &snap.contribution;
    let year = month.year();
    let floor = c.base_floor.get(year).ok();
    let cap = c.base_cap.get(year).ok();
    if let (Some(floor), Some(cap)) = (&floor, &cap) {
        let limits = BaseLimits {
            year,
            floor: floor.value,
            cap: cap.value,
            floor_origin: LimitOrigin::Published,
            cap_origin: LimitOrigin::Published,
            reference_wage: None,
        };
        check_order(&limits)?;
        tracer.step(|| {
            Step::new(
                "base_limits",
                "缴费基数上下限",
                format!("{} – {}", floor.value, cap.value),
                format!(
                    "published limits of {year}: floor {}, cap {}",
                    floor.value, cap.value
                ),
            )
            .input("month", month)
            .param(ParamUse::keyed(floor, year))
            .param(ParamUse::keyed(cap, year))
        });
        return Ok(limits);
    }
    let reference = c.reference_wage.get(year).map_err(|_| RuleError::NoYear {
        param: if floor.is_none() {
            c.base_floor.param()
        } else {
            c.base_cap.param()
        },
        year,
        ruleset: c.reference_wage.ruleset().to_string(),
    })?;
    let rounding = snap.rounding.money.in_month(month)?;
    let floor_ratio = c.base_floor_ratio.in_month(month)?;
    let cap_ratio = c.base_cap_ratio.in_month(month)?;
    let derive = |ratio: Decimal| rounding.value.apply(reference.value * ratio);
    let (floor_v, floor_origin) = match &floor {
        Some(f) => (f.value, LimitOrigin::Published),
        None => (derive(floor_ratio.value), LimitOrigin::Derived),
    };
    let (cap_v, cap_origin) = match &cap {
        Some(c) => (c.value, LimitOrigin::Published),
        None => (derive(cap_ratio.value), LimitOrigin::Derived),
    };
    let limits = BaseLimits {
        year,
        floor: floor_v,
        cap: cap_v,
        floor_origin,
        cap_origin,
        reference_wage: Some(reference.value),
    };
    check_order(&limits)?;
    tracer.step(|| {
        let describe = |what: &str, origin, v: Decimal, ratio: Decimal| match origin {
            LimitOrigin::Published => format!("{what} {v} (published)"),
            LimitOrigin::Derived => format!(
                "{what} = reference wage {} × {} = {}, rounded ({}) to {v}",
                reference.value,
                pct(ratio),
                (reference.value * ratio).normalize(),
                rounding.value
            ),
        };
        let mut s = Step::new(
            "base_limits",
            "缴费基数上下限",
            format!("{floor_v} – {cap_v}"),
            format!(
                "no published limits for {year} in the rule set: derived from the reference wage and the {}/{} ratios; {}; {}",
                pct(floor_ratio.value),
                pct(cap_ratio.value),
                describe("floor", floor_origin, floor_v, floor_ratio.value),
                describe("cap", cap_origin, cap_v, cap_ratio.value)
            ),
        )
        .input("month", month)
        .param(ParamUse::keyed(&reference, year));
        match &floor {
            Some(f) => s = s.param(ParamUse::keyed(f, year)),
            None => s = s.param(ParamUse::of(&floor_ratio)),
        }
        match &cap {
            Some(c) => s = s.param(ParamUse::keyed(c, year)),
            None => s = s.param(ParamUse::of(&cap_ratio)),
        }
        s.param(ParamUse::of(&rounding))
    });
    Ok(limits)
}

fn check_order(l: &BaseLimits) -> Result<(), Error> {
    if l.floor > l.cap {
        return Err(Error::NotApplicable(format!(
            "rule data for {}: the base floor {} is above the cap {}",
            l.year, l.floor, l.cap
        )));
    }
    Ok(())
}

impl MonthRules {
    /// Resolve the limits, rounding and rates of `month`.
    ///
    /// ```
    /// use pension_rules::{contribution::{Employment, MonthRules}, rules::RuleSet, trace::Tracer};
    /// use rust_decimal::Decimal;
    /// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
    /// let snap = rules.at("2024-03-01".parse().unwrap());
    /// let mut t = Tracer::new(false);
    /// let m = MonthRules::load(&snap, "2024-03".parse().unwrap(), &mut t).unwrap();
    /// let wage: Decimal = "3000".parse().unwrap();
    /// let c = m.assess(Employment::Employee, Some(wage), None, &mut t).unwrap();
    /// assert_eq!(c.base.to_string(), "4559.00"); // below the 2024 floor → floor, as money
    /// ```
    pub fn load(snap: &Snapshot, month: YearMonth, tracer: &mut Tracer) -> Result<Self, Error> {
        let limits = base_limits(snap, month, tracer)?;
        let c = &snap.contribution;
        Ok(MonthRules {
            month,
            limits,
            rounding: snap.rounding.money.in_month(month)?,
            employer_rate: c.employer_rate.in_month(month),
            individual_rate: c.individual_rate.in_month(month),
            credit_rate: snap.account.credit_rate.in_month(month),
            flexible_rate: c.flexible_rate.in_month(month),
            flexible_account_rate: c.flexible_account_rate.in_month(month),
        })
    }

    /// Assess one person for this month. Employees need `wage`; flexible
    /// workers need `chosen_base` (within the limits) and may not give a
    /// different `wage`.
    pub fn assess(
        &self,
        employment: Employment,
        wage: Option<Decimal>,
        chosen_base: Option<Decimal>,
        tracer: &mut Tracer,
    ) -> Result<Contribution, Error> {
        let mut f = Fields::default();
        let nonneg = |f: &mut Fields, name: &str, v: Option<Decimal>| {
            if let Some(v) = v
                && v.is_sign_negative()
                && !v.is_zero()
            {
                f.push(name, format!("{v} is negative; a wage or base cannot be"));
            }
        };
        nonneg(&mut f, "wage", wage);
        nonneg(&mut f, "chosen_base", chosen_base);
        match employment {
            Employment::Employee => {
                if wage.is_none() {
                    f.push(
                        "wage",
                        "missing: an employee's declared monthly wage is required",
                    );
                }
                if chosen_base.is_some() {
                    f.push(
                        "chosen_base",
                        "only flexible employment chooses a base; an employee's base comes from the wage",
                    );
                }
            }
            Employment::Flexible => {
                if chosen_base.is_none() {
                    f.push(
                        "chosen_base",
                        "missing: a flexible worker's chosen base is required",
                    );
                }
                if let (Some(w), Some(b)) = (wage, chosen_base)
                    && w != b
                {
                    f.push(
                        "wage",
                        format!("{w} differs from chosen_base {b}; for flexible employment give the chosen base only (or the same figure)"),
                    );
                }
            }
        }
        f.finish()?;
        match (employment, wage, chosen_base) {
            (Employment::Employee, Some(w), _) => self.employee(w, tracer),
            (Employment::Flexible, _, Some(b)) => self.flexible(b, tracer),
            _ => Err(Error::field("input", "incomplete")),
        }
    }

    fn employee(&self, wage: Decimal, tracer: &mut Tracer) -> Result<Contribution, Error> {
        let employer_rate = self.employer_rate.clone()?;
        let individual_rate = self.individual_rate.clone()?;
        let credit_rate = self.credit_rate.clone()?;
        let round = self.rounding.value;
        let l = &self.limits;
        let declared = round.apply(wage);
        let position = l.position(declared);
        // Money at the rule set's scale, also when the floor or cap (a
        // published whole number) is taken.
        let base = round.apply(l.clamp(declared));
        tracer.step(|| {
            let why = match position {
                BasePosition::BelowFloor => "wage below the floor → floor",
                BasePosition::Within => "wage within the limits → wage",
                BasePosition::AboveCap => "wage above the cap → cap",
            };
            let rounded = if declared == wage {
                String::new()
            } else {
                format!(" (wage {wage} rounded ({round}) to {declared})")
            };
            Step::new(
                "base",
                "缴费基数",
                base,
                format!(
                    "clamp(wage {declared}, floor {}, cap {}) = {base} ({why}){rounded}",
                    l.floor, l.cap
                ),
            )
            .input("wage", wage)
        });
        let employer = self.amount(base, &employer_rate, "employer", "单位缴费", tracer);
        let individual = self.amount(base, &individual_rate, "individual", "个人缴费", tracer);
        let account_credit =
            self.amount(base, &credit_rate, "account_credit", "记入个人账户", tracer);
        // From 2006 the credit is formed from personal contributions only
        // (国发〔2005〕38号 第四条); with 11 % and a lower individual rate the
        // rest was transferred from the employer's contribution.
        let account_personal = Some(account_credit.min(individual));
        Ok(Contribution {
            month: self.month,
            employment: Employment::Employee,
            wage: Some(declared),
            limits: l.clone(),
            position,
            base,
            employer,
            individual,
            account_credit,
            account_personal,
            pooled: employer + individual - account_credit,
        })
    }

    fn flexible(&self, chosen: Decimal, tracer: &mut Tracer) -> Result<Contribution, Error> {
        let rate = self.flexible_rate.clone()?;
        let account_rate = self.flexible_account_rate.clone()?;
        let round = self.rounding.value;
        let l = &self.limits;
        let base = round.apply(chosen);
        let position = l.position(base);
        if position != BasePosition::Within {
            return Err(Error::field(
                "chosen_base",
                format!(
                    "{chosen} is {} the {} limits: a flexible worker chooses a base from the floor {} to the cap {} (contribution.base_floor / contribution.base_cap of {})",
                    if position == BasePosition::BelowFloor {
                        "below"
                    } else {
                        "above"
                    },
                    l.year,
                    l.floor,
                    l.cap,
                    l.year
                ),
            ));
        }
        tracer.step(|| {
            Step::new(
                "base",
                "缴费基数",
                base,
                format!(
                    "flexible employment: the chosen base {base} lies within floor {} and cap {}",
                    l.floor, l.cap
                ),
            )
            .input("chosen_base", chosen)
        });
        tracer.step(|| {
            Step::new(
                "employer",
                "单位缴费",
                Decimal::ZERO,
                "flexible employment has no unit: the person pays the whole rate (reported in individual)",
            )
        });
        let individual = self.amount(base, &rate, "individual", "个人缴费", tracer);
        let account_credit = self.amount(
            base,
            &account_rate,
            "account_credit",
            "记入个人账户",
            tracer,
        );
        Ok(Contribution {
            month: self.month,
            employment: Employment::Flexible,
            wage: None,
            limits: l.clone(),
            position,
            base,
            employer: Decimal::ZERO,
            individual,
            account_credit,
            account_personal: Some(account_credit),
            pooled: individual - account_credit,
        })
    }

    fn amount(
        &self,
        base: Decimal,
        rate: &Sourced<Decimal>,
        name: &'static str,
        label: &'static str,
        tracer: &mut Tracer,
    ) -> Decimal {
        let exact = base * rate.value;
        let v = self.rounding.value.apply(exact);
        tracer.step(|| {
            Step::new(
                name,
                label,
                v,
                format!(
                    "base {base} × {} = {}, rounded ({}) to {v}",
                    pct(rate.value),
                    exact.normalize(),
                    self.rounding.value
                ),
            )
            .param(ParamUse::of(rate))
            .param(ParamUse::of(&self.rounding))
        });
        v
    }
}

/// Assess one month: the base, the unit's and the person's amounts and the
/// account credit, with the rule set's limits, rates and rounding.
///
/// ```
/// use pension_rules::{contribution::{assess, ContributionInput, Employment}, rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snap = rules.at("2024-03-01".parse().unwrap());
/// let input = ContributionInput {
///     month: "2024-03".parse().unwrap(),
///     wage: Some("6123.45".parse().unwrap()),
///     employment: Employment::Employee,
///     chosen_base: None,
/// };
/// let c = assess(&input, &snap, &mut Tracer::new(false)).unwrap();
/// // 16 % and 8 % of 6123.45, half-up to the fen (tests/vectors/contribution.json)
/// assert_eq!((c.employer.to_string(), c.individual.to_string()), ("979.75".into(), "489.88".into()));
/// ```
pub fn assess(
    input: &ContributionInput,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<Contribution, Error> {
    let rules = MonthRules::load(snap, input.month, tracer)?;
    rules.assess(input.employment, input.wage, input.chosen_base, tracer)
}

impl Contribution {
    /// The headline figures by name: `base`, `employer`, `individual`,
    /// `account_credit`, `pooled`.
    pub fn figures(&self) -> Map<String, Value> {
        let c = self;
        let mut m = Map::new();
        for (k, v) in [
            ("base", c.base),
            ("employer", c.employer),
            ("individual", c.individual),
            ("account_credit", c.account_credit),
            ("pooled", c.pooled),
        ] {
            m.insert(k.into(), Value::String(v.to_string()));
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn run(
        month: &str,
        emp: Employment,
        wage: Option<&str>,
        chosen: Option<&str>,
    ) -> Result<Contribution, Error> {
        let rules = RuleSet::embedded("cn/shaanxi")?;
        let month: YearMonth = month.parse().map_err(|_| Error::field("month", "bad"))?;
        let snap = rules.at(month.first_day());
        let input = ContributionInput {
            month,
            wage: wage.map(d),
            employment: emp,
            chosen_base: chosen.map(d),
        };
        assess(&input, &snap, &mut Tracer::new(true))
    }

    #[test]
    fn shaanxi_2023_below_floor() -> Result<(), Error> {
        // 陕西 《2023年度…年审工作指南》: floor 4217.2; 16 % / 8 % (国办发〔2019〕13号)
        let c = run("2023-06", Employment::Employee, Some("3500.00"), None)?;
        assert_eq!(c.base, d("4217.2"));
        assert_eq!(c.position, BasePosition::BelowFloor);
        assert_eq!(c.employer.to_string(), "674.75");
        assert_eq!(c.individual.to_string(), "337.38");
        assert_eq!(c.account_credit.to_string(), "337.38");
        assert_eq!(c.pooled.to_string(), "674.75");
        Ok(())
    }

    #[test]
    fn shaanxi_2026_above_cap() -> Result<(), Error> {
        // 陕人社函〔2026〕326号: cap 23685
        let c = run("2026-06", Employment::Employee, Some("23685.01"), None)?;
        assert_eq!(c.base, d("23685"));
        assert_eq!(c.position, BasePosition::AboveCap);
        assert_eq!(c.employer.to_string(), "3789.60");
        Ok(())
    }

    #[test]
    fn flexible_2025_reference_wage() -> Result<(), Error> {
        // 陕人社函〔2025〕424号: 7750.25 chosen; 20 % paid, 8 % credited (国发〔2005〕38号)
        let c = run("2025-09", Employment::Flexible, None, Some("7750.25"))?;
        assert_eq!(c.employer, Decimal::ZERO);
        assert_eq!(c.individual.to_string(), "1550.05");
        assert_eq!(c.account_credit.to_string(), "620.02");
        assert_eq!(c.account_personal, Some(c.account_credit));
        Ok(())
    }

    #[test]
    fn flexible_outside_limits_names_them() {
        let e = run("2024-05", Employment::Flexible, None, Some("4558.99"));
        let Err(e) = e else {
            panic!("accepted a base below the floor")
        };
        assert_eq!(e.code(), "invalid_input");
        let msg = e.to_string();
        assert!(msg.contains("4559") && msg.contains("22795"), "{msg}");
    }

    #[test]
    fn year_without_limits_is_an_error_naming_it() {
        // Shaanxi publishes no 2019–2022 limits in the rule set (rules/cn/shaanxi/contribution.toml)
        let Err(e) = run("2021-03", Employment::Employee, Some("5000"), None) else {
            panic!("no error for a year without limits")
        };
        assert_eq!(e.code(), "rule_missing_year");
        assert!(e.to_string().contains("2021"));
    }

    #[test]
    fn derived_limits_when_only_the_reference_wage_is_known() -> Result<(), Error> {
        // An overlay with a 2027 reference wage and no published limits: the
        // limits are derived from the 60 % / 300 % ratios (国办发〔2019〕13号).
        let rules = RuleSet::embedded("cn/shaanxi")?.with_overlay(
            "test",
            r#"[overlay]
id = "test/2027"
[contribution.reference_wage]
[[contribution.reference_wage.values]]
year = 2027
value = "8000.01"
source = "test"
"#,
        )?;
        let month: YearMonth = "2027-02".parse().map_err(|_| Error::field("m", "bad"))?;
        let snap = rules.at(month.first_day());
        let mut t = Tracer::new(true);
        let l = base_limits(&snap, month, &mut t)?;
        assert_eq!(l.floor.to_string(), "4800.01"); // 4800.006 → 4800.01
        assert_eq!(l.cap.to_string(), "24000.03");
        assert_eq!(l.floor_origin, LimitOrigin::Derived);
        let trace = t.finish(&snap);
        assert!(trace.steps[0].formula.contains("derived"));
        Ok(())
    }

    #[test]
    fn all_input_problems_at_once() {
        let v = serde_json::json!({"month": "2025-13", "wage": 100.5, "employment": "freelance", "x": 1});
        let e = ContributionInput::from_json(&v).err();
        let paths: Vec<_> = e
            .iter()
            .flat_map(|e| e.fields())
            .map(|f| f.path.clone())
            .collect();
        assert_eq!(paths, ["employment", "month", "wage", "x"]);
    }

    #[test]
    fn negative_wage_rejected() {
        let Err(e) = run("2025-03", Employment::Employee, Some("-1.00"), None) else {
            panic!("accepted a negative wage")
        };
        assert_eq!(e.fields()[0].path, "wage");
    }
}
