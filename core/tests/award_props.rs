//! Invariants of the award (the design property "pension monotone in
//! contribution years and index"): the total is the sum of the rounded components; the basic
//! pension rises with years and with the index; the divisor falls as the
//! retirement age rises, so for the same balance the account pension never
//! falls (the brief said "falls": that contradicts B / M with M decreasing in
//! age — see the report); histories never panic.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::award::{AwardInput, award};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use pension_rules::{Rounding, YearMonth};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;
use std::sync::OnceLock;

fn rules(id: &str) -> &'static RuleSet {
    static SX: OnceLock<RuleSet> = OnceLock::new();
    static CN: OnceLock<RuleSet> = OnceLock::new();
    let cell = if id == "cn/shaanxi" { &SX } else { &CN };
    cell.get_or_init(|| RuleSet::embedded(id).unwrap())
}

fn summary(
    months: u32,
    deemed: u32,
    index: Decimal,
    balance: Decimal,
    birth: &str,
    retire: &str,
) -> AwardInput {
    AwardInput::from_json(&json!({
        "category": "male", "birth": birth, "retirement_month": retire,
        "contribution_months": months, "deemed_months": deemed,
        "average_index": index.to_string(), "account_balance": balance.to_string()
    }))
    .unwrap()
}

fn compute(rs: &RuleSet, input: &AwardInput) -> pension_rules::award::Award {
    let snap = rs.at(input.retirement_month.first_day());
    award(input, &snap, &mut Tracer::new(false)).unwrap()
}

/// An index 0.3000–3.0000 and a balance 0–999999.99, as decimals.
fn index() -> impl Strategy<Value = Decimal> {
    (3000i64..=30000).prop_map(|n| Decimal::new(n, 4))
}
fn balance() -> impl Strategy<Value = Decimal> {
    (0i64..=99_999_999).prop_map(|n| Decimal::new(n, 2))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn total_is_the_sum_of_the_rounded_components(
        // At most the 720 months lived by 60.
        months in 180u32..540, deemed in 0u32..=180, idx in index(), b in balance(),
        retire in prop::sample::select(vec!["2023-03", "2024-12", "2025-02", "2025-08"]),
    ) {
        let rs = rules("cn/shaanxi");
        let r: YearMonth = retire.parse().unwrap();
        let birth = r.add_months(-720).to_string();
        let a = compute(rs, &summary(months, deemed, idx, b, &birth, retire));
        prop_assert_eq!(a.total, a.basic_pension + a.account_pension + a.transitional_pension);
        let fen = Rounding::new(2, pension_rules::RoundingMode::HalfUp);
        for x in [a.basic_pension, a.account_pension, a.transitional_pension, a.total] {
            prop_assert_eq!(x.scale(), 2);
            prop_assert_eq!(fen.apply(x), x);
        }
        // Each rounded component is within half a fen of its exact value.
        let half = Decimal::new(5, 3);
        prop_assert!((a.basic_pension - a.unrounded.basic_pension).abs() <= half);
        prop_assert!((a.account_pension - a.unrounded.account_pension).abs() <= half);
        prop_assert!((a.transitional_pension - a.unrounded.transitional_pension).abs() <= half);
    }

    #[test]
    fn basic_pension_rises_with_years_and_index(
        months in 180u32..540, more in 1u32..120, idx in index(), up in 1i64..5000, b in balance(),
    ) {
        let rs = rules("cn/shaanxi");
        let base = compute(rs, &summary(months, 0, idx, b, "1964-06", "2024-06"));
        let longer = compute(rs, &summary(months + more, 0, idx, b, "1964-06", "2024-06"));
        let higher = compute(rs, &summary(months, 0, (idx + Decimal::new(up, 4)).min(Decimal::new(3, 0)), b, "1964-06", "2024-06"));
        prop_assert!(longer.basic_pension >= base.basic_pension);
        prop_assert!(higher.basic_pension >= base.basic_pension);
        // Strictly, once the difference exceeds a fen of rounding.
        if more >= 12 { prop_assert!(longer.basic_pension > base.basic_pension); }
    }

    #[test]
    fn basic_pension_is_the_exact_formula_rounded_once(
        c in 100_000i64..=5_000_000, idx in index(), months in 180u32..=540,
    ) {
        // 国发〔2005〕38号 第六条 with no province variant (cn/national, C
        // given): C × (1 + Ī) / 2 × months/12 × 1 %, as one exact fraction
        // rounded half-up to the fen once; an exact half fen (6 239.315)
        // must round up, whatever order the award multiplies and divides in.
        let c = Decimal::new(c, 2);
        let input = AwardInput::from_json(&json!({
            "category": "male", "birth": "1965-01", "retirement_month": "2025-01",
            "contribution_months": months, "average_index": idx.to_string(),
            "account_balance": "0", "pension_base": c.to_string()
        })).unwrap();
        let a = compute(rules("cn/national"), &input);
        let exact = c * (Decimal::ONE + idx) * Decimal::from(months) / Decimal::from(2400);
        let want = exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(a.basic_pension, want, "C {} Ī {} months {}", c, idx, months);
    }

    #[test]
    fn divisor_falls_and_account_pension_rises_with_age(
        b in balance(), age in 600i32..828, later in 1i32..12,
    ) {
        // cn/national with C given; birth fixed, the retirement month moves
        // (from 2030, so ages with months have their own divisor).
        // Ages 50y0m..68y11m (+ up to 11 months) stay inside the 40–70 table.
        let rs = rules("cn/national");
        let mk = |a: i32| {
            let birth: YearMonth = "1980-01".parse().unwrap();
            AwardInput::from_json(&json!({
                "category": "male", "birth": "1980-01",
                "retirement_month": birth.add_months(a).to_string(),
                "contribution_months": 360, "average_index": "1",
                "account_balance": b.to_string(), "pension_base": "10000"
            })).unwrap()
        };
        let young = compute(rs, &mk(age));
        let old = compute(rs, &mk(age + later));
        prop_assert!(old.divisor < young.divisor);
        prop_assert!(old.account_pension >= young.account_pension);
    }

    #[test]
    fn histories_never_panic(
        spans in prop::collection::vec(
            (1990i32..2026, 1u32..13, 0i32..200, prop::option::of(-10i64..2_000_000), 0u8..3, any::<bool>()),
            0..12,
        ),
        deemed_index in prop::option::of(0i64..30000),
    ) {
        let history: Vec<_> = spans.iter().map(|(y, m, len, base, kind, back)| {
            let from = YearMonth::new(*y, *m).unwrap();
            let kind = match kind { 0 => "paid", 1 => "deemed", _ => "gap" };
            let mut s = json!({
                "from": from.to_string(),
                "to": from.add_months(*len).to_string(),
                "kind": kind,
            });
            if let Some(b) = base { s["base"] = json!(Decimal::new(*b, 2).to_string()); }
            if *back { s["paid_in"] = json!(from.add_months(len + 3).to_string()); }
            s
        }).collect();
        let mut v = json!({
            "category": "female_55", "birth": "1970-03", "retirement_month": "2025-04",
            "history": history, "account_balance": "80000",
            "average_wages": {"1989": "180", "1990": "190", "1991": "200", "1992": "212.08"}
        });
        if let Some(d) = deemed_index { v["deemed_index"] = json!(Decimal::new(d, 4).to_string()); }
        for id in ["cn/shaanxi", "cn/national"] {
            if let Ok(input) = AwardInput::from_json(&v) {
                let snap = rules(id).at(input.retirement_month.first_day());
                if let Ok(a) = award(&input, &snap, &mut Tracer::new(true)) {
                    prop_assert_eq!(a.total, a.basic_pension + a.account_pension + a.transitional_pension);
                    prop_assert!(a.average_index >= Decimal::ZERO);
                }
            }
        }
    }
}
