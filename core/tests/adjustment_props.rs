//! Invariants of the yearly pension adjustment (基本养老金调整, the Shaanxi
//! schemes 2016–2025 in cn/shaanxi) over many cases.

use pension_rules::YearMonth;
use pension_rules::adjustment::{AdjustmentInput, AdjustmentResult, adjust};
use pension_rules::rules::{RuleSet, Snapshot};
use pension_rules::trace::Tracer;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn snap() -> Snapshot {
    let rules = RuleSet::embedded("cn/shaanxi").expect("embedded rule set");
    rules.at(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"))
}

#[derive(Debug, Clone)]
struct Case {
    year: i32,
    pension: Decimal,
    months: i64,
    birth: YearMonth,
    cadre_average: Option<Decimal>,
}

fn input(c: &Case) -> AdjustmentInput {
    AdjustmentInput {
        year: c.year,
        pension: c.pension,
        contribution_months: c.months,
        birth: c.birth,
        // Retired at 50 or later, always before the end of Y−1 for these births.
        retirement_month: c.birth.add_months(50 * 12),
        category: None,
        military_transfer_cadre: c.cadre_average.is_some(),
        city_average_pension: c.cadre_average,
        payment_month: None,
    }
}

fn run(snap: &Snapshot, c: &Case) -> AdjustmentResult {
    adjust(snap, &input(c), &mut Tracer::new(false)).expect("valid input")
}

fn money() -> impl Strategy<Value = Decimal> {
    (0i64..200_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s))
}

fn case() -> impl Strategy<Value = Case> {
    (
        2016i32..=2025,
        money(),
        0i64..=600, // at most the months lived by retirement at 50
        1920i32..1965,
        1u32..=12,
        proptest::option::of(money()),
    )
        .prop_map(|(year, pension, months, by, bm, avg)| Case {
            year,
            pension,
            months,
            birth: YearMonth::new(by.min(year - 51), bm).expect("month"),
            cadre_average: avg,
        })
}

proptest! {
    #[test]
    fn increase_is_never_negative(c in case()) {
        let r = run(&snap(), &c);
        prop_assert!(r.increase >= Decimal::ZERO);
        prop_assert!(r.top_up >= Decimal::ZERO);
        for part in [r.fixed, r.years_part, r.pct_part, r.age_extra] {
            prop_assert!(part >= Decimal::ZERO);
        }
    }

    #[test]
    fn pension_after_is_pension_plus_increase(c in case()) {
        let r = run(&snap(), &c);
        prop_assert_eq!(r.increase, r.fixed + r.years_part + r.pct_part + r.age_extra);
        prop_assert_eq!(r.pension_after, c.pension + r.increase + r.top_up);
        if c.cadre_average.is_none() {
            prop_assert_eq!(r.pension_after, c.pension + r.increase);
        }
        if let Some(avg) = c.cadre_average {
            prop_assert!(r.pension_after >= avg);
        }
    }

    #[test]
    fn monotone_in_pension(c in case(), extra in money()) {
        let s = snap();
        let lo = run(&s, &c);
        let hi = run(&s, &Case { pension: c.pension + extra, ..c });
        prop_assert!(hi.increase >= lo.increase, "{} < {}", hi.increase, lo.increase);
        prop_assert!(hi.pension_after >= lo.pension_after);
    }

    #[test]
    fn monotone_in_contribution_years(c in case(), more in 0i64..240) {
        let s = snap();
        let months = c.months;
        let lo = run(&s, &c);
        let hi = run(&s, &Case { months: (months + more).min(600), ..c });
        prop_assert!(hi.years_part >= lo.years_part);
        prop_assert!(hi.increase >= lo.increase, "{} < {}", hi.increase, lo.increase);
    }

    #[test]
    fn older_never_gets_less(c in case(), earlier in 0i32..240) {
        let s = snap();
        let birth = c.birth;
        let lo = run(&s, &c);
        let hi = run(&s, &Case { birth: birth.add_months(-earlier), ..c });
        prop_assert!(hi.age_extra >= lo.age_extra);
    }
}
