//! 个人账户养老金计发月数 — the months divisor of the account pension
//! (国发〔2005〕38号 附件), including ages with months after the 2025 reform.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, RuleError};
use crate::rules::{DivisorMonthRule, Snapshot};
use crate::time::Age;
use crate::trace::{ParamUse, Step, Tracer};

/// The divisor for retiring at `age` on `date` (the first day of the
/// retirement month): the table version and month rule in force then.
///
/// For ages with months under `linear_by_month`:
/// `M = round(T[y] − (T[y] − T[y+1]) × m / 12)` with the rule set's divisor
/// rounding (0.1, half-up). Ages outside the table are an error.
///
/// ```
/// use pension_rules::{annuity_divisor::annuity_divisor, rules::RuleSet, trace::Tracer, Age};
/// let rules = RuleSet::embedded("cn/national").unwrap();
/// let date = "2025-03-01".parse().unwrap();
/// let snap = rules.at(date);
/// let m = annuity_divisor(&snap, Age::new(60, 1), date, &mut Tracer::new(false)).unwrap();
/// assert_eq!(m.to_string(), "138.4"); // 济南 12345 reply: 60y1m = 138.4
/// ```
pub fn annuity_divisor(
    snap: &Snapshot,
    age: Age,
    date: NaiveDate,
    tracer: &mut Tracer,
) -> Result<Decimal, Error> {
    let table = snap.award.annuity_divisor.at(date)?;
    let param = table.param;
    let row = |y: u32| {
        table.value.get(i64::from(y)).ok_or(RuleError::NoRow {
            param,
            key: i64::from(y),
        })
    };
    let (y, m) = (age.years(), age.extra_months());
    let whole = row(y)?;
    if m == 0 {
        tracer.step(|| {
            Step::new(
                "divisor",
                "计发月数",
                whole,
                format!("table row for age {y}"),
            )
            .input("age", age)
            .param(ParamUse::keyed(&table, y).with_value(whole))
        });
        return Ok(whole);
    }
    let rule = snap.award.divisor_month_rule.at(date)?;
    match rule.value {
        DivisorMonthRule::WholeYears => {
            tracer.step(|| {
                Step::new(
                    "divisor",
                    "计发月数",
                    whole,
                    format!("table row for the whole years of age {age}: {y}"),
                )
                .input("age", age)
                .param(ParamUse::keyed(&table, y).with_value(whole))
                .param(ParamUse::of(&rule).with_value(rule.value.name()))
            });
            Ok(whole)
        }
        DivisorMonthRule::LinearByMonth => {
            let next = row(y + 1)?;
            let rounding = snap.rounding.divisor.at(date)?;
            let exact = whole - (whole - next) * Decimal::from(m) / Decimal::from(12);
            let value = rounding.value.apply(exact);
            tracer.step(|| {
                Step::new(
                    "divisor",
                    "计发月数",
                    value,
                    format!(
                        "T[{y}] − (T[{y}] − T[{}]) × {m}/12 = {whole} − ({whole} − {next}) × {m}/12 = {}, rounded ({}) to {value}",
                        y + 1,
                        exact.round_dp(4).normalize(),
                        rounding.value
                    ),
                )
                .input("age", age)
                .param(ParamUse::keyed(&table, y).with_value(whole))
                .param(ParamUse::keyed(&table, y + 1).with_value(next))
                .param(ParamUse::of(&rule).with_value(rule.value.name()))
                .param(ParamUse::of(&rounding))
            });
            Ok(value)
        }
    }
}
