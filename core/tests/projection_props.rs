//! Invariants of projections and population runs: the pension never falls
//! when the contribution index rises (the design property "pension monotone in … index");
//! the balance is the opening balance plus every credit and interest, never
//! negative; the batch gives the single path's figures for any person
//! (shrunk to a minimal case on failure); nothing panics.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::sync::OnceLock;

use pension_rules::YearMonth;
use pension_rules::award::Category;
use pension_rules::population::synthetic::Config;
use pension_rules::population::{Options, Person, Population, evaluate, simulate_all};
use pension_rules::projection::{Assumptions, ProjectionInput, project};
use pension_rules::rules::{RuleSet, Snapshot};
use pension_rules::trace::Tracer;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn snap() -> &'static Snapshot {
    static S: OnceLock<Snapshot> = OnceLock::new();
    S.get_or_init(|| {
        RuleSet::embedded("cn/shaanxi")
            .unwrap()
            .at("2026-01-01".parse().unwrap())
    })
}

fn assumptions() -> Assumptions {
    Config::shaanxi_assumptions()
}

fn category() -> impl Strategy<Value = Category> {
    prop_oneof![
        Just(Category::Male),
        Just(Category::Female50),
        Just(Category::Female55)
    ]
}

/// A career from 1998 or later: birth, category, first month, index (4 places).
fn career() -> impl Strategy<Value = (YearMonth, Category, i32, i64)> {
    (
        1976..=2000i32,
        1..=12u32,
        category(),
        18 * 12..=30 * 12i32,
        6000..=30000i64,
    )
        .prop_map(|(y, m, c, start, idx)| {
            let birth = YearMonth::new(y, m).unwrap();
            (birth, c, start, idx)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn pension_never_falls_with_the_index((birth, cat, start, idx) in career(), step in 1..=5000i64) {
        let from = birth.add_months(start).max(YearMonth::new(1998, 1).unwrap());
        let low = ProjectionInput::career(cat, birth, from, Decimal::new(idx, 4));
        let high = ProjectionInput { index: Some(Decimal::new(idx + step, 4)), ..low.clone() };
        let a = project(&low, &assumptions(), snap(), &mut Tracer::new(false));
        let b = project(&high, &assumptions(), snap(), &mut Tracer::new(false));
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert!(b.award.total >= a.award.total, "{} < {}", b.award.total, a.award.total);
            prop_assert!(b.account_balance >= a.account_balance);
            prop_assert!(b.average_index >= a.average_index);
        }
    }

    #[test]
    fn balance_is_opening_plus_credits_and_interest(
        (birth, cat, start, idx) in career(),
        opening in 0..=50_000_000i64,
    ) {
        let from = YearMonth::new(birth.add_months(start).year().max(2000) + 1, 1).unwrap();
        let input = ProjectionInput {
            contribution_months: 12,
            average_index: Some(Decimal::ONE),
            account_balance: Decimal::new(opening, 2),
            ..ProjectionInput::career(cat, birth, from, Decimal::new(idx, 4))
        };
        if let Ok(p) = project(&input, &assumptions(), snap(), &mut Tracer::new(false)) {
            let mut b = input.account_balance;
            for y in &p.years {
                b += y.credits + y.interest;
                prop_assert_eq!(b, y.balance, "year {}", y.year);
                prop_assert!(y.balance >= Decimal::ZERO);
            }
            prop_assert_eq!(b, p.account_balance);
        }
    }

    #[test]
    fn batch_equals_single_path(
        (birth, cat, start, idx) in career(),
        deemed in 0..=120u32,
        retire in prop::option::of(50 * 12..=66 * 12i32),
        path in prop::option::of(prop::collection::vec(1..=40000i64, 70)),
    ) {
        let person = Person {
            id: "x".into(),
            birth,
            category: cat,
            first_contribution: birth.add_months(start).max(YearMonth::new(1998, 1).unwrap()),
            retirement_month: retire.map(|r| birth.add_months(r)),
            deemed_months: deemed,
            index: path.is_none().then(|| Decimal::new(idx, 4)),
            indexes: path.map(|v| pension_rules::population::IndexList(
                v.into_iter().map(|x| Decimal::new(x, 4)).collect())),
            contribution_months: 0,
            average_index: None,
            account_balance: None,
        };
        let single = evaluate(&person, snap(), &assumptions());
        let pop = Population::from_persons(vec![person]);
        let (all, _) = simulate_all(&pop, std::slice::from_ref(snap()), &assumptions(), &Options::default()).unwrap();
        match (&all[0][0], &single) {
            (Ok(a), Ok(b)) => prop_assert_eq!(format!("{a:?}"), format!("{b:?}")),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "batch {:?} vs single {:?}", a, b),
        }
    }
}
