//! Invariants of the engine's snapshot cache and one-pass award input
//! (core/src/api/snap_cache.rs, api.rs `award_input`): a result from an
//! engine that already resolved the snapshot (or many others) is the one a
//! fresh engine gives, and an amount given as an exact integer reads as its
//! decimal string.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::api::{Engine, Kind};
use proptest::prelude::*;
use serde_json::{Value, json};

fn case(year: i32, month: u32, months: u32, balance: u64, integer: bool) -> Value {
    let balance = if integer {
        json!(balance)
    } else {
        json!(balance.to_string())
    };
    json!({
        "category": "male",
        "birth": format!("{}-{month:02}", year - 60),
        "retirement_month": format!("{year}-{month:02}"),
        "contribution_months": months,
        "deemed_months": 24,
        "average_index": "0.9",
        "account_balance": balance,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn cached_snapshots_give_the_fresh_engines_result(
        year in 2012i32..2027, month in 1u32..=12, months in 0u32..520,
        balance in 0u64..400_000, trace in any::<bool>(), integer in any::<bool>(),
    ) {
        let warm = Engine::embedded("cn/shaanxi").unwrap();
        // Fill the cache with other dates first, and this one once.
        for y in 2012..2027 {
            let _ = warm.compute(Kind::Award, &case(y, month, months, balance, false), false);
        }
        let input = case(year, month, months, balance, integer);
        let first = warm.compute(Kind::Award, &input, trace);
        let again = warm.compute(Kind::Award, &input, trace);
        let fresh = warm.clone().compute(Kind::Award, &input, trace);
        let text = warm.compute(Kind::Award, &case(year, month, months, balance, false), trace);
        let show = |r: &Result<Value, pension_rules::Error>| format!("{r:?}");
        prop_assert_eq!(show(&first), show(&fresh));
        prop_assert_eq!(show(&again), show(&fresh));
        prop_assert_eq!(show(&text), show(&fresh));
    }
}
