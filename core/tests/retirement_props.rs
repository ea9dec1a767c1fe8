//! Invariants of the retirement engine.
//!
//! - A later birth month never retires earlier (and never at a lower age).
//! - The statutory age reaches the final age exactly from the birth months
//!   documented in the 2024 NPC retirement decision, docs/sources.md §5.3 (男 1976-09 → 63; 女(原55) 1981-09 → 58;
//!   女(原50) 1984-11 → 55, 办法 第一条 and 对照表), one month below it just before.
//! - The elastic window brackets the statutory age, never below the original age.
//! - No input panics.

use pension_rules::retirement::{Category, RetirementInput, retirement, statutory};
use pension_rules::rules::{RuleSet, Snapshot};
use pension_rules::trace::Tracer;
use pension_rules::{Age, YearMonth};
use proptest::prelude::*;
use std::sync::OnceLock;

fn snap() -> &'static Snapshot {
    static S: OnceLock<Snapshot> = OnceLock::new();
    S.get_or_init(|| {
        RuleSet::embedded("cn/national")
            .expect("embedded national rules")
            .at("2025-01-01".parse().expect("date"))
    })
}

fn category() -> impl Strategy<Value = Category> {
    prop_oneof![
        Just(Category::Male),
        Just(Category::Female50),
        Just(Category::Female55)
    ]
}

/// Birth months whose retirement falls under some schedule version.
fn birth() -> impl Strategy<Value = YearMonth> {
    (1930i32..2040, 1u32..=12).prop_map(|(y, m)| YearMonth::new(y, m).expect("valid month"))
}

/// The documented cap cohorts and final ages (the 2024 NPC retirement decision, docs/sources.md §5.3).
fn cap(c: Category) -> (YearMonth, Age) {
    let (m, a) = match c {
        Category::Male => ("1976-09", "63y"),
        Category::Female55 => ("1981-09", "58y"),
        Category::Female50 => ("1984-11", "55y"),
    };
    (m.parse().expect("month"), a.parse().expect("age"))
}

proptest! {
    #[test]
    fn later_birth_never_retires_earlier(c in category(), b in birth(), k in 1i32..240) {
        let a = statutory(snap(), b, c).expect("computes");
        let later = statutory(snap(), b.add_months(k), c).expect("computes");
        prop_assert!(later.month >= a.month, "{b} → {}, {} → {}", a.month, b.add_months(k), later.month);
        prop_assert!(later.age >= a.age);
    }

    #[test]
    fn final_age_exactly_from_the_cap_cohort(c in category(), k in 0i32..600) {
        let (first, final_age) = cap(c);
        let at = statutory(snap(), first.add_months(k), c).expect("computes");
        prop_assert_eq!(at.age, final_age);
        let before = statutory(snap(), first.add_months(-1 - k), c).expect("computes");
        prop_assert!(before.age < final_age);
        if k == 0 {
            prop_assert_eq!(before.age.total_months() + 1, final_age.total_months());
        }
    }

    #[test]
    fn window_brackets_the_statutory_age(c in category(), b in birth()) {
        let r = retirement(snap(), &RetirementInput::new(b, c), &mut Tracer::new(false))
            .expect("computes");
        if let Some(w) = r.elastic {
            prop_assert!(w.earliest_age >= r.original_age);
            prop_assert!(w.earliest_age <= r.statutory_age && r.statutory_age <= w.latest_age);
            prop_assert!(w.earliest_month <= r.statutory_month && r.statutory_month <= w.latest_month);
            prop_assert_eq!(w.max_early_months, r.statutory_age.total_months() - w.earliest_age.total_months());
        } else {
            prop_assert!(r.statutory_month < "2025-01".parse::<YearMonth>().expect("month"));
        }
    }

    #[test]
    fn no_input_panics(
        y in proptest::option::of(-5i64..10_050),
        m in -1i64..14,
        cat in "[a-z_0-9]{0,10}",
        cm in proptest::option::of(-5i64..5_000_000_000),
        early in proptest::option::of(0i64..100),
        delay in proptest::option::of(0i64..100),
        special in proptest::option::of(prop_oneof![Just("arduous_work"), Just("disability"), Just("x")]),
    ) {
        let mut v = serde_json::Map::new();
        if let Some(y) = y {
            v.insert("birth".into(), format!("{y:04}-{m:02}").into());
        }
        let cat = ["male", "female_50", "female_55"].get(cat.len() % 4).map_or(cat.clone(), |s| s.to_string());
        v.insert("category".into(), cat.into());
        for (k, x) in [("contribution_months", cm), ("early_months", early), ("delay_months", delay)] {
            if let Some(x) = x {
                v.insert(k.into(), x.into());
            }
        }
        if let Some(s) = special {
            v.insert("special".into(), s.into());
        }
        if let Ok(input) = RetirementInput::from_json(&serde_json::Value::Object(v)) {
            let _ = retirement(snap(), &input, &mut Tracer::new(true));
        }
    }
}
