//! Invariants of the survivor benefits (人社部发〔2021〕18号) over many cases.

use pension_rules::rules::{RuleSet, Snapshot};
use pension_rules::survivor::{SurvivorInput, SurvivorResult, survivor};
use pension_rules::trace::Tracer;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn snap() -> Snapshot {
    let rules = RuleSet::embedded("cn/national").expect("embedded rule set");
    rules.at(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"))
}

fn run(snap: &Snapshot, base: Decimal, cm: i64, pm: Option<i64>) -> SurvivorResult {
    let input = SurvivorInput {
        monthly_income_base: Some(base),
        contribution_months: cm,
        pension_months_received: pm,
        ..Default::default()
    };
    survivor(snap, &input, &mut Tracer::new(false)).expect("valid input")
}

/// (max months, pensioner floor, smallest table row) from the rule set.
fn bounds(snap: &Snapshot) -> (Decimal, Decimal, Decimal) {
    let s = &snap.survivor;
    let max = s.allowance_max_months.current().expect("max").value;
    let floor = s.pensioner_min_months.current().expect("floor").value;
    let table = s.allowance_months.current().expect("table").value;
    let least = table.rows().values().min().copied().expect("rows");
    (max.into(), floor.into(), least.into())
}

fn base() -> impl Strategy<Value = Decimal> {
    (1i64..100_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    #[test]
    fn months_within_bounds(y in base(), cm in 0i64..1200, pm in proptest::option::of(0i64..720)) {
        let s = snap();
        let (max, floor, least) = bounds(&s);
        let r = run(&s, y, cm, pm);
        prop_assert!(r.allowance_months <= max);
        prop_assert!(r.working_months <= max);
        let min = if pm.is_some() { floor } else { least };
        prop_assert!(r.allowance_months >= min, "{} < {}", r.allowance_months, min);
    }

    #[test]
    fn non_decreasing_in_contribution_months(
        y in base(), cm in 0i64..1200, more in 0i64..240, pm in proptest::option::of(0i64..720)
    ) {
        let s = snap();
        let a = run(&s, y, cm, pm);
        let b = run(&s, y, cm + more, pm);
        prop_assert!(a.allowance_months <= b.allowance_months);
        prop_assert!(a.survivor_allowance <= b.survivor_allowance);
    }

    #[test]
    fn non_increasing_in_pension_months(y in base(), cm in 0i64..1200, pm in 0i64..720, more in 0i64..240) {
        let s = snap();
        let a = run(&s, y, cm, Some(pm));
        let b = run(&s, y, cm, Some(pm + more));
        prop_assert!(a.allowance_months >= b.allowance_months);
        prop_assert!(a.survivor_allowance >= b.survivor_allowance);
    }

    #[test]
    fn total_is_funeral_plus_allowance(y in base(), cm in 0i64..1200, pm in proptest::option::of(0i64..720)) {
        let s = snap();
        let r = run(&s, y, cm, pm);
        prop_assert_eq!(r.total, r.funeral_grant + r.survivor_allowance);
    }

    #[test]
    fn never_panics(
        parts in any::<(u32, u32, u32, bool)>(), scale in 0u32..=28, cm in any::<i64>(),
        pm in proptest::option::of(any::<i64>()), acct in proptest::option::of(any::<i64>())
    ) {
        let s = snap();
        let input = SurvivorInput {
            monthly_income_base: Some(Decimal::from_parts(parts.0, parts.1, parts.2, parts.3, scale)),
            contribution_months: cm,
            pension_months_received: pm,
            account_balance: acct.map(|a| Decimal::new(a, 2)),
            ..Default::default()
        };
        let _ = survivor(&s, &input, &mut Tracer::new(true));
    }
}
