//! Invariants of contribution assessment (缴费核定) and the unit declaration:
//! the base always lies within the year's limits, amounts follow the rates,
//! flexible bases outside the limits are refused, nothing is dropped.

use pension_rules::contribution::{
    BasePosition, ContributionInput, Employment, assess, base_limits,
};
use pension_rules::payroll::{PayrollRow, Period, assess_payroll};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use pension_rules::{Error, YearMonth};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn month() -> impl Strategy<Value = YearMonth> {
    // Shaanxi publishes limits for 2023–2026 (rules/cn/shaanxi/contribution.toml).
    (2023i32..=2026, 1u32..=12)
        .prop_map(|(y, m)| YearMonth::new(y, m).unwrap_or_else(|| unreachable!()))
}

fn money() -> impl Strategy<Value = Decimal> {
    // 0 to 10 million yuan, with up to 3 decimals (sub-fen wages are rounded).
    (0i64..10_000_000_000).prop_map(|m| Decimal::new(m, 3))
}

fn rules() -> Result<RuleSet, Error> {
    Ok(RuleSet::embedded("cn/shaanxi")?)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn employee_base_within_limits(month in month(), wage in money()) {
        let rs = rules().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = rs.at(month.first_day());
        let input = ContributionInput { month, wage: Some(wage), employment: Employment::Employee, chosen_base: None };
        let c = assess(&input, &snap, &mut Tracer::new(false)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(c.limits.floor <= c.base && c.base <= c.limits.cap);
        prop_assert!(c.employer >= Decimal::ZERO && c.individual >= Decimal::ZERO);
        prop_assert!(c.account_credit <= c.individual);
        prop_assert_eq!(c.pooled, c.employer + c.individual - c.account_credit);
        match c.position {
            BasePosition::BelowFloor => prop_assert_eq!(c.base, c.limits.floor),
            BasePosition::AboveCap => prop_assert_eq!(c.base, c.limits.cap),
            BasePosition::Within => prop_assert_eq!(Some(c.base), c.wage),
        }
    }

    #[test]
    fn flexible_base_inside_or_refused(month in month(), chosen in money()) {
        let rs = rules().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = rs.at(month.first_day());
        let limits = base_limits(&snap, month, &mut Tracer::new(false)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let input = ContributionInput { month, wage: None, employment: Employment::Flexible, chosen_base: Some(chosen) };
        let rounded = chosen.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        match assess(&input, &snap, &mut Tracer::new(false)) {
            Ok(c) => {
                prop_assert!(limits.floor <= c.base && c.base <= limits.cap);
                prop_assert_eq!(c.employer, Decimal::ZERO);
                prop_assert!(c.account_credit < c.individual || c.individual.is_zero());
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_input");
                prop_assert!(rounded < limits.floor || rounded > limits.cap);
            }
        }
    }

    #[test]
    fn payroll_keeps_every_row(
        rows in proptest::collection::vec(("[A-C]{0,2}", "[-0-9.a]{0,8}", prop_oneof!["employee", "flexible", "x", ""]), 0..30),
        month in month(),
    ) {
        let rs = rules().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = rs.at(month.first_day());
        let rows: Vec<PayrollRow> = rows
            .into_iter()
            .map(|(employee_id, wage, employment)| PayrollRow { employee_id, wage, employment: employment.to_string() })
            .collect();
        let r = assess_payroll(&rows, Period::Month(month), &snap, &mut Tracer::new(false))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(r.rows.len(), rows.len());
        prop_assert_eq!(r.totals.assessed + r.totals.rejected, rows.len());
        for (i, row) in r.rows.iter().enumerate() {
            match row {
                Ok(l) => {
                    // Rows from 1 (issue 16).
                    prop_assert_eq!(l.row, i + 1);
                    prop_assert!(r.limits.floor <= l.base && l.base <= r.limits.cap);
                }
                Err(e) => {
                    prop_assert_eq!(e.code(), "invalid_input");
                    prop_assert!(r.attention.iter().any(|a| a.row == i + 1));
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn any_wage_no_panic(m in any::<i64>(), scale in 0u32..28, big in any::<bool>(), flex in any::<bool>(), month in month()) {
        let rs = rules().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = rs.at(month.first_day());
        let wage = if big { Decimal::MAX } else { Decimal::new(m, scale) };
        let employment = if flex { Employment::Flexible } else { Employment::Employee };
        let input = ContributionInput { month, wage: (!flex).then_some(wage), employment, chosen_base: flex.then_some(wage) };
        match assess(&input, &snap, &mut Tracer::new(true)) {
            Ok(c) => prop_assert!(c.limits.floor <= c.base && c.base <= c.limits.cap),
            Err(e) => prop_assert_eq!(e.code(), "invalid_input"),
        }
    }
}
