//! 遗属待遇 — what survivors receive when an insured person or pensioner dies
//! of illness or a non-work injury (社会保险法 第十七条): the funeral grant
//! (丧葬补助金) and the survivor allowance (抚恤金) under 人社部发〔2021〕18号
//! 《企业职工基本养老保险遗属待遇暂行办法》 (deaths from 2021-09-01), and the
//! inheritable part of the individual account (国发〔1997〕26号 第四条;
//! 社会保险法 第十四条).
//!
//! Both payments are multiples of Y, the province's previous-year urban
//! per-capita disposable income / 12 at the death. Y stays unrounded; only
//! the paid amounts are rounded (rounding.money), and the total is the sum of
//! the rounded parts. Contribution years and years of pension received count
//! to the month, so month counts are kept as whole twelfths of a month: no
//! month count is ever rounded.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, FieldError, InputErrors, RuleError};
use crate::money::Checked;
use crate::rules::{Inheritance, Snapshot};
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Trace, Tracer};

/// Calendar months in a year: contribution and pension months → years.
const MONTHS_PER_YEAR: i64 = 12;

/// The case of one death.
///
/// Y is either given (`monthly_income_base`) or looked up in the rule set
/// (`region` + `death_month`: the income of the year before the death).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurvivorInput {
    /// Y in yuan per month, when known (otherwise from `region` + `death_month`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_income_base: Option<Decimal>,
    /// GB/T 2260 code of the province; must be the rule set's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Month of death: selects the rules in force and the income year.
    /// Without it, the rules in force on the snapshot's date apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death_month: Option<YearMonth>,
    /// Contribution months, deemed (视同) months included.
    pub contribution_months: i64,
    /// For a pensioner: months of pension received. Its presence marks the
    /// person as a pensioner (the 9-month floor applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pension_months_received: Option<i64>,
    /// Individual-account balance at the death (from the account ledger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_balance: Option<Decimal>,
    /// Part of `account_balance` from personal contributions and their
    /// interest; needed where only that part is inheritable (deaths before
    /// 2011-07-01 under the national rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_part: Option<Decimal>,
}

/// Survivor benefits of one death, with their explanation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SurvivorResult {
    /// The date whose rules were applied: the first day of the death month
    /// (absent without one: the latest rules applied).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules_date: Option<NaiveDate>,
    /// The income year Y was taken from, when looked up in the rule set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub income_year: Option<i32>,
    /// Y, unrounded.
    pub monthly_income_base: Decimal,
    /// Months of Y for a death while still working.
    pub working_months: Decimal,
    /// Months of Y actually paid (after the pensioner reduction and floor).
    pub allowance_months: Decimal,
    /// 丧葬补助金.
    pub funeral_grant: Decimal,
    /// 抚恤金.
    pub survivor_allowance: Decimal,
    /// Funeral grant + survivor allowance (the account is not included).
    pub total: Decimal,
    /// 个人账户可继承余额, when `account_balance` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inheritable_account: Option<Decimal>,
    /// How every figure was found.
    pub trace: Trace,
}

/// Y as an exact fraction `num / den`, so each amount needs one division.
struct IncomeBase {
    num: Decimal,
    den: i64,
    field: &'static str,
}

impl IncomeBase {
    /// `round(Y × twelfths / 12)`, or an input error when too large.
    fn times_twelfths(
        &self,
        twelfths: i64,
        money: impl Fn(Decimal) -> Decimal,
    ) -> Result<(Decimal, Decimal), Error> {
        let exact = self
            .num
            .checked_mul(Decimal::from(twelfths))
            .zip(self.den.checked_mul(MONTHS_PER_YEAR))
            .and_then(|(p, den)| p.checked_div(Decimal::from(den)))
            .or_too_large(self.field)?;
        Ok((exact, money(exact)))
    }
    /// `round(Y × k)` for a decimal multiple `k`.
    fn times(
        &self,
        k: Decimal,
        money: impl Fn(Decimal) -> Decimal,
    ) -> Result<(Decimal, Decimal), Error> {
        let exact = self
            .num
            .checked_mul(k)
            .and_then(|p| p.checked_div(Decimal::from(self.den)))
            .or_too_large(self.field)?;
        Ok((exact, money(exact)))
    }
    fn value(&self) -> Decimal {
        (self.num / Decimal::from(self.den)).normalize()
    }
}

/// A month count in twelfths as text: exact where the decimal ends
/// (`22.75`), otherwise to 4 places with an ellipsis (`9.0833…`).
fn months_text(twelfths: i64) -> String {
    let m = months_decimal(twelfths);
    if twelfths % 3 == 0 {
        m.to_string()
    } else {
        format!(
            "{}…",
            m.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero)
        )
    }
}

fn months_decimal(twelfths: i64) -> Decimal {
    (Decimal::from(twelfths) / Decimal::from(MONTHS_PER_YEAR)).normalize()
}

fn check_account(balance: Option<Decimal>, personal: Option<Decimal>, errs: &mut Vec<FieldError>) {
    let mut bad = |path: &str, message: String| {
        errs.push(FieldError {
            path: path.into(),
            message,
        })
    };
    if let Some(b) = balance
        && b < Decimal::ZERO
    {
        bad("account_balance", format!("must not be negative, got {b}"));
    }
    if let Some(p) = personal {
        if p < Decimal::ZERO {
            bad("personal_part", format!("must not be negative, got {p}"));
        }
        match balance {
            None => bad("personal_part", "given without account_balance".to_string()),
            Some(b) if p > b => bad(
                "personal_part",
                format!("{p} is more than the account balance {b}"),
            ),
            Some(_) => {}
        }
    }
}

/// The inheritable part of an individual account on a death on `date`
/// (个人账户可继承部分): the whole balance, or only the personal-contribution
/// part, as the rule set's `account.inheritance` in force then says
/// (国发〔1997〕26号: personal part; 社会保险法 第十四条 from 2011-07-01: the
/// whole balance).
///
/// ```
/// use pension_rules::{rules::RuleSet, survivor::inheritable_account, trace::Tracer};
/// let rules = RuleSet::embedded("cn/national").unwrap();
/// let snap = rules.at("2010-05-01".parse().unwrap());
/// let d = |s: &str| s.parse().unwrap();
/// let date = "2010-05-01".parse().unwrap();
/// let part = inheritable_account(&snap, date, d("50000"), Some(d("20000")), &mut Tracer::new(false));
/// assert_eq!(part.unwrap(), d("20000")); // before 2011-07-01: personal part only
/// ```
pub fn inheritable_account(
    snap: &Snapshot,
    date: NaiveDate,
    balance: Decimal,
    personal_part: Option<Decimal>,
    tracer: &mut Tracer,
) -> Result<Decimal, Error> {
    let mut errs = vec![];
    check_account(Some(balance), personal_part, &mut errs);
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let rule = snap.account.inheritance.at(date)?;
    let value = match rule.value {
        Inheritance::WholeBalance => balance,
        Inheritance::PersonalContributions => personal_part.ok_or_else(|| {
            Error::field(
                "personal_part",
                format!(
                    "required: on {date} only the personal-contribution part of the account is inheritable ({})",
                    rule.provenance.source
                ),
            )
        })?,
    };
    tracer.step(|| {
        let formula = match rule.value {
            Inheritance::WholeBalance => format!("the whole balance on {date}: {balance}"),
            Inheritance::PersonalContributions => {
                format!("only the personal-contribution part on {date}: {value} of {balance}")
            }
        };
        let mut s = Step::new("inheritable_account", "个人账户可继承余额", value, formula)
            .input("account_balance", balance);
        if let Some(p) = personal_part {
            s = s.input("personal_part", p);
        }
        s.param(ParamUse::of(&rule).with_value(rule.value.name()))
    });
    Ok(value)
}

/// Funeral grant, survivor allowance and inheritable account for one death.
///
/// * Y = `monthly_income_base`, or the rule set's
///   `survivor.urban_disposable_income` of the year before `death_month` / 12.
/// * Funeral grant = `survivor.funeral_grant_multiple` × Y.
/// * Working months by contribution years N = months / 12: the
///   `survivor.allowance_months` row for whole years up to
///   `survivor.allowance_threshold_years`; above it, that row + (N − threshold),
///   counted to the month, at most `survivor.allowance_max_months`.
/// * A pensioner (`pension_months_received` given) gets the working months
///   less one month per year of pension received (counted to the month), at
///   least `survivor.pensioner_min_months`; people still working get no floor.
/// * Survivor allowance = months × Y; total = the two rounded amounts.
///
/// The steps recorded in `tracer` (when enabled) move into the result's trace.
///
/// ```
/// use pension_rules::{rules::RuleSet, survivor::{survivor, SurvivorInput}, trace::Tracer};
/// // 《当代工人》2023年2期 案例1: 28y9m contributed, 3y6m of pension, Y = 2818.5
/// // → 22.75 − 3.5 = 19.25 months; funeral 5637, allowance 54256.13, total 59893.13.
/// let rules = RuleSet::embedded("cn/national").unwrap();
/// let snap = rules.at("2023-01-01".parse().unwrap());
/// let input = SurvivorInput {
///     monthly_income_base: Some("2818.5".parse().unwrap()),
///     contribution_months: 345,
///     pension_months_received: Some(42),
///     ..Default::default()
/// };
/// let r = survivor(&snap, &input, &mut Tracer::new(true)).unwrap();
/// assert_eq!(r.allowance_months.to_string(), "19.25");
/// assert_eq!(r.survivor_allowance.to_string(), "54256.13");
/// assert_eq!(r.total.to_string(), "59893.13");
/// ```
pub fn survivor(
    snap: &Snapshot,
    input: &SurvivorInput,
    tracer: &mut Tracer,
) -> Result<SurvivorResult, Error> {
    let date = input.death_month.map_or(snap.as_of, YearMonth::first_day);
    validate(snap, input)?;
    let s = &snap.survivor;
    let money = snap.rounding.money.at(date)?;
    let round = |x: Decimal| money.value.apply(x);

    // Y: given, or last year's annual income / 12.
    let (base, income_year) = match (input.monthly_income_base, input.death_month) {
        (Some(y), _) => {
            tracer.step(|| {
                Step::new(
                    "monthly_income_base",
                    "上一年度城镇居民月人均可支配收入 Y",
                    y.normalize(),
                    "given as input",
                )
                .input("monthly_income_base", y)
            });
            let base = IncomeBase {
                num: y,
                den: 1,
                field: "monthly_income_base",
            };
            (base, None)
        }
        (None, Some(month)) => {
            let year = month.year() - 1;
            let annual = s.urban_disposable_income.get(year)?;
            let base = IncomeBase {
                num: annual.value,
                den: MONTHS_PER_YEAR,
                field: "region",
            };
            tracer.step(|| {
                Step::new(
                    "monthly_income_base",
                    "上一年度城镇居民月人均可支配收入 Y",
                    base.value().round_dp(4),
                    format!(
                        "income of {year} (the year before the death in {month}) / 12 = {} / 12 = {} (kept unrounded)",
                        annual.value,
                        base.value().round_dp(6)
                    ),
                )
                .input("death_month", month)
                .param(ParamUse::keyed(&annual, year))
            });
            (base, Some(year))
        }
        // validate() requires one of the two.
        (None, None) => return Err(Error::field("monthly_income_base", "required")),
    };

    // Funeral grant.
    let multiple = s.funeral_grant_multiple.at(date)?;
    let (funeral_exact, funeral_grant) = base.times(multiple.value, round)?;
    tracer.step(|| {
        Step::new(
            "funeral_grant",
            "丧葬补助金",
            funeral_grant,
            format!(
                "{} × Y = {}, rounded ({}) to {funeral_grant}",
                multiple.value,
                funeral_exact.round_dp(6).normalize(),
                money.value
            ),
        )
        .param(ParamUse::of(&multiple))
        .param(ParamUse::of(&money))
    });

    // Working months, in twelfths of a month.
    let table = s.allowance_months.at(date)?;
    let threshold = s.allowance_threshold_years.at(date)?;
    let max = s.allowance_max_months.at(date)?;
    let max12 = i64::from(max.value) * MONTHS_PER_YEAR;
    let cm = input.contribution_months;
    let threshold12 = i64::from(threshold.value) * MONTHS_PER_YEAR;
    let row = |years: i64| {
        table
            .value
            .rows()
            .range(..=years)
            .next_back()
            .map(|(k, v)| (*k, i64::from(*v)))
            .ok_or(RuleError::NoRow {
                param: table.param,
                key: years,
            })
    };
    let working12 = if cm > threshold12 {
        let (key, months) = row(i64::from(threshold.value))?;
        let above = (cm - threshold12).min(max12);
        let w = (months * MONTHS_PER_YEAR + above).min(max12);
        tracer.step(|| {
            Step::new(
                "working_months",
                "在职死亡抚恤金月数",
                months_text(w),
                format!(
                    "N = {cm}/12 = {} years, above {}: {months} + ({} − {}) = {}, at most {}",
                    months_text(cm),
                    threshold.value,
                    months_text(cm),
                    threshold.value,
                    months_text((months * MONTHS_PER_YEAR).saturating_add(cm - threshold12)),
                    max.value
                ),
            )
            .input("contribution_months", cm)
            .param(ParamUse::keyed(&table, key).with_value(months))
            .param(ParamUse::of(&threshold))
            .param(ParamUse::of(&max))
        });
        w
    } else {
        let whole = cm / MONTHS_PER_YEAR;
        let (key, months) = row(whole)?;
        let w = (months * MONTHS_PER_YEAR).min(max12);
        tracer.step(|| {
            Step::new(
                "working_months",
                "在职死亡抚恤金月数",
                months_text(w),
                format!(
                    "N = {cm}/12 = {} years, not above {}: the row for {key} years or more = {months}",
                    months_text(cm),
                    threshold.value
                ),
            )
            .input("contribution_months", cm)
            .param(ParamUse::keyed(&table, key).with_value(months))
            .param(ParamUse::of(&threshold))
        });
        w
    };

    // Pensioners: one month less per year received, with a floor.
    let allowance12 = match input.pension_months_received {
        None => working12,
        Some(pm) => {
            let floor = s.pensioner_min_months.at(date)?;
            let floor12 = i64::from(floor.value) * MONTHS_PER_YEAR;
            let reduced = working12.saturating_sub(pm);
            let m = reduced.max(floor12).min(max12);
            tracer.step(|| {
                Step::new(
                    "allowance_months",
                    "退休人员抚恤金月数",
                    months_text(m),
                    format!(
                        "{} − {pm}/12 ({} years of pension received) = {}, at least {}",
                        months_text(working12),
                        months_text(pm),
                        months_text(reduced),
                        floor.value
                    ),
                )
                .input("pension_months_received", pm)
                .param(ParamUse::of(&floor))
            });
            m
        }
    };

    let (allowance_exact, survivor_allowance) = base.times_twelfths(allowance12, round)?;
    tracer.step(|| {
        Step::new(
            "survivor_allowance",
            "抚恤金",
            survivor_allowance,
            format!(
                "Y × {} = {}, rounded ({}) to {survivor_allowance}",
                months_text(allowance12),
                allowance_exact.round_dp(6).normalize(),
                money.value
            ),
        )
        .param(ParamUse::of(&money))
    });

    let total = funeral_grant
        .checked_add(survivor_allowance)
        .or_too_large(base.field)?;
    tracer.step(|| {
        Step::new(
            "total",
            "遗属待遇合计",
            total,
            format!(
                "funeral grant + survivor allowance = {funeral_grant} + {survivor_allowance} (the account is reported apart)"
            ),
        )
    });

    let inheritable = match input.account_balance {
        Some(b) => Some(inheritable_account(
            snap,
            date,
            b,
            input.personal_part,
            tracer,
        )?),
        None => None,
    };

    Ok(SurvivorResult {
        rules_date: input.death_month.map(|_| date),
        income_year,
        monthly_income_base: base.value(),
        working_months: months_decimal(working12),
        allowance_months: months_decimal(allowance12),
        funeral_grant,
        survivor_allowance,
        total,
        inheritable_account: inheritable,
        trace: std::mem::replace(tracer, Tracer::new(tracer.enabled())).finish(snap),
    })
}

/// Every field problem at once.
fn validate(snap: &Snapshot, input: &SurvivorInput) -> Result<(), Error> {
    let mut errs = vec![];
    let mut bad = |path: &str, message: String| {
        errs.push(FieldError {
            path: path.into(),
            message,
        })
    };
    if input.contribution_months < 0 {
        bad(
            "contribution_months",
            format!("must not be negative, got {}", input.contribution_months),
        );
    }
    if let Some(pm) = input.pension_months_received
        && pm < 0
    {
        bad(
            "pension_months_received",
            format!("must not be negative, got {pm}"),
        );
    }
    match input.monthly_income_base {
        Some(y) if y <= Decimal::ZERO => {
            bad("monthly_income_base", format!("must be above 0, got {y}"))
        }
        Some(_) => {}
        None => {
            if input.region.is_none() {
                bad(
                    "region",
                    "required when monthly_income_base is not given".into(),
                );
            }
            if input.death_month.is_none() {
                bad(
                    "death_month",
                    "required when monthly_income_base is not given".into(),
                );
            }
        }
    }
    if let Some(region) = &input.region {
        if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) {
            bad(
                "region",
                format!("expected a GB/T 2260 six-digit code like \"610000\", got {region:?}"),
            );
        } else {
            match &snap.region {
                Some(r) if r == region => {}
                Some(r) => bad(
                    "region",
                    format!(
                        "rule set {} is for region {r}, not {region}",
                        snap.identity.id
                    ),
                ),
                None => bad(
                    "region",
                    format!(
                        "rule set {} has no region; use a provincial rule set (e.g. cn/shaanxi) or give monthly_income_base",
                        snap.identity.id
                    ),
                ),
            }
        }
    }
    check_account(input.account_balance, input.personal_part, &mut errs);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(InputErrors(errs)))
    }
}

impl SurvivorResult {
    /// The headline figures by name: Y, the month counts, the funeral grant,
    /// the allowance, the total and the inheritable account.
    pub fn figures(&self) -> Map<String, Value> {
        let r = self;
        let mut out = Map::new();
        let mut put = |k: &str, v: Decimal| {
            out.insert(k.into(), Value::String(v.to_string()));
        };
        put("monthly_income_base", r.monthly_income_base);
        put("working_months", r.working_months);
        put("allowance_months", r.allowance_months);
        put("funeral_grant", r.funeral_grant);
        put("survivor_allowance", r.survivor_allowance);
        put("total", r.total);
        if let Some(a) = r.inheritable_account {
            put("inheritable_account", a);
        }
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

    fn run(id: &str, date: &str, input: &SurvivorInput) -> Result<SurvivorResult, Error> {
        let rules = RuleSet::embedded(id)?;
        let date = date.parse().map_err(|_| Error::field("date", "bad"))?;
        survivor(&rules.at(date), input, &mut Tracer::new(true))
    }

    fn given(base: &str, cm: i64, pm: Option<i64>) -> SurvivorInput {
        SurvivorInput {
            monthly_income_base: Some(d(base)),
            contribution_months: cm,
            pension_months_received: pm,
            ..Default::default()
        }
    }

    fn shaanxi(death: &str, cm: i64, pm: Option<i64>) -> SurvivorInput {
        SurvivorInput {
            region: Some("610000".into()),
            death_month: death.parse().ok(),
            contribution_months: cm,
            pension_months_received: pm,
            ..Default::default()
        }
    }

    #[test]
    fn tengzhou_minimum_package() -> Result<(), Error> {
        // tengzhou.gov.cn Q&A 2023-01-30: Shandong 2021 income 47,066 → minimum
        // package 47,066/12 × 11 = 43,143.83 (pensioner at the 9-month floor).
        let r = run(
            "cn/national",
            "2022-06-01",
            &given("3922.166666666666666666666667", 300, Some(240)),
        )?;
        assert_eq!(r.allowance_months, d("9"));
        assert_eq!(r.funeral_grant, d("7844.33"));
        assert_eq!(r.survivor_allowance, d("35299.50"));
        assert_eq!(r.total, d("43143.83"));
        Ok(())
    }

    #[test]
    fn province_5015_minimum_package() -> Result<(), Error> {
        // 市人社局 Q&A 2023-08-08 (人社部发〔2021〕18号, docs/sources.md §7.1): Y 5,015 → minimum 55,165.
        let r = run("cn/national", "2023-08-01", &given("5015", 420, Some(300)))?;
        assert_eq!(r.working_months, d("24"));
        assert_eq!(r.total, d("55165"));
        Ok(())
    }

    #[test]
    fn dangdaigongren_cases() -> Result<(), Error> {
        // 《当代工人》2023年2期 案例1: 28y9m, pension 3y6m → 19.25 months, 54,256.13.
        let r = run("cn/national", "2023-01-01", &given("2818.5", 345, Some(42)))?;
        assert_eq!(r.working_months, d("22.75"));
        assert_eq!(r.allowance_months, d("19.25"));
        assert_eq!(r.funeral_grant, d("5637"));
        assert_eq!(r.survivor_allowance, d("54256.13"));
        assert_eq!(r.total, d("59893.13"));
        // 案例2: pension 15y6m → 22.75 − 15.5 = 7.25 < 9 → 9 months, 31,003.5.
        let r = run(
            "cn/national",
            "2023-01-01",
            &given("2818.5", 345, Some(186)),
        )?;
        assert_eq!(r.allowance_months, d("9"));
        assert_eq!(r.survivor_allowance, d("25366.5"));
        assert_eq!(r.total, d("31003.5"));
        Ok(())
    }

    #[test]
    fn working_tiers_have_no_floor() -> Result<(), Error> {
        // 人社部发〔2021〕18号, docs/sources.md §7.1 table: < 5 years → 3, 5–<10 → 6, 10–15 → 9,
        // 9 + (N − 15) above, at most 24 (tests/vectors/survivor.json).
        for (cm, months) in [
            (48, "3"),
            (60, "6"),
            (117, "6"),
            (120, "9"),
            (180, "9"),
            (186, "9.5"),
            (243, "14.25"),
            (360, "24"),
            (420, "24"),
        ] {
            let r = run("cn/national", "2025-01-01", &given("3901.75", cm, None))?;
            assert_eq!(r.allowance_months, d(months), "{cm} months");
        }
        // Month counts that do not end: 15y1m → 9 + 1/12, kept exact.
        let r = run("cn/national", "2025-01-01", &given("1200", 181, None))?;
        assert_eq!(r.survivor_allowance, d("10900.00"));
        Ok(())
    }

    #[test]
    fn shaanxi_income_of_the_previous_year() -> Result<(), Error> {
        // docs/sources.md §14: 2024 income 46,821 for deaths in 2025;
        // tests/vectors survivor-shaanxi-2025-08-pensioner: 21.5 months.
        let r = run(
            "cn/shaanxi",
            "2025-08-01",
            &shaanxi("2025-08", 396, Some(30)),
        )?;
        assert_eq!(r.income_year, Some(2024));
        assert_eq!(r.monthly_income_base, d("3901.75"));
        assert_eq!(r.funeral_grant, d("7803.50"));
        assert_eq!(r.survivor_allowance, d("83887.63"));
        assert_eq!(r.total, d("91691.13"));
        // 2020 income 37,868 for a death in 2021-10: Y unrounded, 2Y = 6311.33.
        let r = run("cn/shaanxi", "2021-10-01", &shaanxi("2021-10", 144, None))?;
        assert_eq!(r.funeral_grant, d("6311.33"));
        assert_eq!(r.survivor_allowance, d("28401.00"));
        let used: Vec<_> = r.trace.steps.iter().flat_map(|s| &s.params).collect();
        assert!(
            used.iter()
                .any(|p| p.param == "survivor.urban_disposable_income"
                    && p.key.as_deref() == Some("2020")
                    && p.value == "37868")
        );
        assert!(
            used.iter()
                .any(|p| p.param == "survivor.funeral_grant_multiple")
        );
        Ok(())
    }

    #[test]
    fn region_must_match_the_rule_set() {
        let mut i = shaanxi("2025-03", 180, None);
        i.region = Some("110000".into());
        let e = run("cn/shaanxi", "2025-03-01", &i).err();
        assert_eq!(e.as_ref().map(Error::code), Some("invalid_input"));
        assert_eq!(e.map(|e| e.fields()[0].path.clone()), Some("region".into()));
        let e = run("cn/national", "2025-03-01", &shaanxi("2025-03", 180, None)).err();
        assert!(e.is_some_and(|e| e.to_string().contains("has no region")));
    }

    #[test]
    fn every_problem_at_once() {
        let i = SurvivorInput {
            contribution_months: -1,
            pension_months_received: Some(-2),
            personal_part: Some(d("5")),
            ..Default::default()
        };
        let e = run("cn/national", "2025-01-01", &i).err();
        let paths: Vec<String> = e
            .iter()
            .flat_map(|e| e.fields().iter().map(|f| f.path.clone()))
            .collect();
        assert_eq!(
            paths,
            [
                "contribution_months",
                "pension_months_received",
                "region",
                "death_month",
                "personal_part"
            ]
        );
    }

    #[test]
    fn rules_and_income_must_exist_for_the_death() {
        // 人社部发〔2021〕18号 is in force from 2021-09-01.
        let e = run("cn/shaanxi", "2021-08-01", &shaanxi("2021-08", 180, None)).err();
        assert_eq!(e.as_ref().map(Error::code), Some("rule_not_in_force"));
        // No 2026 income yet for a death in 2027.
        let e = run("cn/shaanxi", "2027-01-01", &shaanxi("2027-01", 180, None)).err();
        assert_eq!(e.as_ref().map(Error::code), Some("rule_missing_year"));
    }

    #[test]
    fn inheritable_account_by_death_date() -> Result<(), Error> {
        // 社会保险法 第十四条 (from 2011-07-01): the whole balance; total excludes it.
        let mut i = given("3901.75", 180, None);
        i.account_balance = Some(d("86000.40"));
        i.death_month = "2025-03".parse().ok();
        let r = run("cn/national", "2025-03-01", &i)?;
        assert_eq!(r.inheritable_account, Some(d("86000.40")));
        assert_eq!(r.total, r.funeral_grant + r.survivor_allowance);
        // 国发〔1997〕26号 第四条 (before 2011-07-01): the personal part only.
        let rules = RuleSet::embedded("cn/national")?;
        let date = NaiveDate::from_ymd_opt(2011, 6, 30).unwrap_or_default();
        let snap = rules.at(date);
        let mut t = Tracer::new(true);
        let part = inheritable_account(&snap, date, d("50000"), Some(d("21000")), &mut t)?;
        assert_eq!(part, d("21000"));
        let e = inheritable_account(&snap, date, d("50000"), None, &mut t).err();
        assert_eq!(
            e.map(|e| e.fields()[0].path.clone()),
            Some("personal_part".into())
        );
        let e = inheritable_account(&snap, date, d("50000"), Some(d("60000")), &mut t).err();
        assert_eq!(e.as_ref().map(Error::code), Some("invalid_input"));
        Ok(())
    }

    #[test]
    fn huge_base_is_an_input_error() {
        let e = run(
            "cn/national",
            "2025-01-01",
            &given("79228162514264337593543950335", 360, None),
        )
        .err();
        assert_eq!(e.as_ref().map(Error::code), Some("invalid_input"));
    }
}
