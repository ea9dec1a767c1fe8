//! Invariants of the individual account ledger (个人账户): with non-negative
//! interest rates the balance never decreases without a debit, never goes
//! negative, and no input makes the ledger panic.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use pension_rules::account::{
    AccountInput, CloseEvent, CloseKind, Credit, Posting, PostingKind, statement,
};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use pension_rules::{Error, YearMonth};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn cents(max: i64) -> impl Strategy<Value = Decimal> {
    (0..max).prop_map(|c| Decimal::new(c, 2))
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap_or_else(|| unreachable!())
}

/// Monthly credits over 2016–2024 (national rates exist for those years).
fn credits() -> impl Strategy<Value = Vec<Credit>> {
    proptest::collection::vec((2016i32..=2024, 1u32..=12, cents(500_000)), 0..60).prop_map(|v| {
        v.into_iter()
            .map(|(y, m, amount)| Credit {
                month: Some(ym(y, m)),
                year: None,
                amount,
                personal: None,
            })
            .collect()
    })
}

fn rule_sets() -> Result<Vec<RuleSet>, Error> {
    // Built once: loading an overlay is the slow part of each case in debug builds.
    static SETS: std::sync::OnceLock<Result<Vec<RuleSet>, Error>> = std::sync::OnceLock::new();
    SETS.get_or_init(build_rule_sets).clone()
}

fn build_rule_sets() -> Result<Vec<RuleSet>, Error> {
    let national = RuleSet::embedded("cn/national")?;
    // The exact 月积数 variant, selected by an overlay (劳办发〔1997〕116号 alternative).
    let monthly = national.with_overlay(
        "props",
        r#"[overlay]
id = "props/monthly"
[account.interest_convention]
[[account.interest_convention.values]]
from = 1998-01-01
value = "monthly_product"
source = "property test"
"#,
    )?;
    Ok(vec![national, monthly])
}

fn snap_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_decreases_without_a_debit(opening in cents(100_000_000), credits in credits(), which in 0usize..2) {
        let sets = rule_sets().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = sets[which].at(snap_date());
        let input = AccountInput {
            opening_balance: opening, opening_year: 2015, credits, through_year: Some(2024), ..Default::default()
        };
        let s = statement(&input, &snap, &mut Tracer::new(false)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut prev = opening;
        for y in &s.years {
            prop_assert!(y.interest >= Decimal::ZERO);
            prop_assert_eq!(y.opening, prev);
            prop_assert_eq!(y.closing, y.opening + y.credits + y.interest);
            for b in &y.month_end {
                prop_assert!(*b >= prev, "month-end {} below {}", b, prev);
                prev = *b;
            }
            prop_assert_eq!(prev, y.closing);
        }
        prop_assert_eq!(s.balance, prev);
    }

    #[test]
    fn debits_never_overdraw(
        opening in cents(10_000_000),
        credits in credits(),
        debits in proptest::collection::vec((2016i32..=2024, 1u32..=12, cents(20_000_000)), 0..6),
    ) {
        let sets = rule_sets().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = sets[0].at(snap_date());
        let postings = debits.into_iter().map(|(y, m, amount)| Posting {
            month: ym(y, m), kind: PostingKind::TransferOut, amount, personal: None, period_from: None, period_to: None,
        }).collect();
        let input = AccountInput {
            opening_balance: opening, opening_year: 2015, credits, postings, through_year: Some(2024), ..Default::default()
        };
        match statement(&input, &snap, &mut Tracer::new(false)) {
            Ok(s) => {
                for y in &s.years {
                    prop_assert!(y.interest >= Decimal::ZERO);
                    prop_assert!(y.month_end.iter().all(|b| *b >= Decimal::ZERO));
                    prop_assert_eq!(y.closing, y.opening + y.credits - y.transfers_out + y.interest);
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "invalid_input"),
        }
    }

    #[test]
    fn partial_close_keeps_interest_non_negative(
        opening in cents(100_000_000), credits in credits(), month in 1u32..=12, event in 0usize..3, which in 0usize..2,
    ) {
        let sets = rule_sets().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = sets[which].at(snap_date());
        let close = ym(2024, month);
        let credits = credits.into_iter().filter(|c| c.month.is_some_and(|m| m <= close)).collect();
        let event = [CloseKind::Retirement, CloseKind::Death, CloseKind::TransferOut][event];
        let input = AccountInput {
            opening_balance: opening, opening_year: 2015, credits,
            close: Some(CloseEvent { event, month: close }), ..Default::default()
        };
        let s = statement(&input, &snap, &mut Tracer::new(false)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let last = s.years.last().ok_or_else(|| TestCaseError::fail("no years"))?;
        prop_assert!(last.interest >= Decimal::ZERO);
        let out = s.close.as_ref().ok_or_else(|| TestCaseError::fail("no close"))?;
        prop_assert!(out.balance >= last.opening + last.credits);
        if event == CloseKind::Death {
            // From 2011-07-01 the whole balance is inheritable (社会保险法 第十四条).
            prop_assert_eq!(out.inheritable.as_ref().and_then(|i| i.amount), Some(out.balance));
        }
        if event == CloseKind::TransferOut {
            prop_assert_eq!(s.balance, Decimal::ZERO);
        }
    }

    #[test]
    fn caller_rates_before_2016(opening in cents(10_000_000), rates in proptest::collection::vec(0i64..=1000, 5)) {
        let sets = rule_sets().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = sets[0].at(snap_date());
        let rates: BTreeMap<i32, Decimal> = (2011..=2015).zip(rates).map(|(y, r)| (y, Decimal::new(r, 4))).collect();
        let input = AccountInput {
            opening_balance: opening, opening_year: 2010, through_year: Some(2016), rates, ..Default::default()
        };
        let s = statement(&input, &snap, &mut Tracer::new(false)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut prev = opening;
        for y in &s.years {
            prop_assert!(y.closing >= prev);
            prev = y.closing;
        }
    }

    #[test]
    fn any_amounts_no_panic(
        opening in any::<i64>(), scale in 0u32..28, amounts in proptest::collection::vec(any::<i64>(), 0..5),
        rate in any::<i64>(), years in 0i32..50,
    ) {
        let sets = rule_sets().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let snap = sets[0].at(snap_date());
        let credits = amounts.into_iter().map(|a| Credit {
            month: None, year: Some(1990 + years.max(1)), amount: Decimal::new(a, scale).abs().checked_mul(Decimal::from(1_000_000_000_000i64)).unwrap_or(Decimal::MAX), personal: None,
        }).collect();
        let mut rates = BTreeMap::new();
        for y in 1990..=2040 { rates.insert(y, Decimal::new(rate, scale).abs().min(Decimal::ONE)); }
        let input = AccountInput {
            opening_balance: Decimal::new(opening, scale), opening_year: 1990, credits,
            through_year: Some(1990 + years), rates, ..Default::default()
        };
        // Ok or a typed error; never a panic.
        let _ = statement(&input, &snap, &mut Tracer::new(true));
    }
}
