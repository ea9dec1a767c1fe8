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

use crate::check::parse_input;
use crate::error::{Error, FieldError, InputErrors, RuleError};
use crate::rules::{Inheritance, RuleSet, Snapshot};
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Trace, Tracer};

/// Calendar months in a year: contribution and pension months → years.
const MONTHS_PER_YEAR: i64 = 12;

/// The case of one death.
///
/// Y is either given (`monthly_income_base`) or looked up in the rule set
/// (`region` + `death_month`: the income of the year before the death).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivorResult {
    /// The date whose rules were applied (first day of the death month).
    pub rules_date: NaiveDate,
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
        let den = self
            .den
            .checked_mul(MONTHS_PER_YEAR)
            .map(Decimal::from)
            .unwrap_or(Decimal::MAX);
        let exact = self
            .num
            .checked_mul(Decimal::from(twelfths))
            .and_then(|p| p.checked_div(den))
            .ok_or_else(|| Error::field(self.field, "too large to compute with"))?;
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
            .ok_or_else(|| Error::field(self.field, "too large to compute with"))?;
        Ok((exact, money(exact)))
    }
    fn value(&self) -> Decimal {
        (self.num / Decimal::from(self.den)).normalize()
    }
}

/// A month count in twelfths as text: exact decimals where they end
/// (`22.75`), otherwise a fraction (`271/12`).
fn months_text(twelfths: i64) -> String {
    if twelfths % 3 == 0 {
        months_decimal(twelfths).to_string()
    } else {
        format!("{twelfths}/12")
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
                    months_text(months * MONTHS_PER_YEAR + above),
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

    let total = funeral_grant + survivor_allowance;
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
        rules_date: date,
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

/// Conformance-runner handler for `survivor` cases (docs/vectors.md): the
/// rules in force in `death_month`, or the latest rules when it is absent.
pub fn vector_case(rules: &RuleSet, input: &Value) -> Result<Map<String, Value>, Error> {
    let input: SurvivorInput = parse_input(input)?;
    let date = input
        .death_month
        .map_or(NaiveDate::MAX, YearMonth::first_day);
    let r = survivor(&rules.at(date), &input, &mut Tracer::new(false))?;
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
    Ok(out)
}
