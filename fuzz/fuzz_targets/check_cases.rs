//! Structure-aware: a vector case from tests/vectors, mutated (huge and
//! negative amounts, impossible months, wrong types, removed, added and
//! repeated fields and rows), run through `check::run_case`.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use pension_rules::check::{Case, run_case};
use pension_rules::{Engine, Error};
use pension_rules_fuzz::{embedded, mutate, vector_cases};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let cases = vector_cases();
    let Ok(i) = u.choose_index(cases.len()) else {
        return;
    };
    let mut case = cases[i].clone();
    let n = u.int_in_range(1..=6u8).unwrap_or(1);
    for _ in 0..n {
        // Mostly the input; sometimes anywhere in the case.
        let whole = u.ratio(1, 8u8).unwrap_or(false);
        let target = if whole {
            Some(&mut case)
        } else {
            case.get_mut("input")
        };
        if let Some(t) = target
            && mutate(t, &mut u).is_err()
        {
            break;
        }
    }
    let Ok(case) = serde_json::from_value::<Case>(case) else {
        return;
    };
    let report = run_case(&case, &mut |id| {
        embedded(id)
            .map(Engine::from_rules)
            .ok_or_else(|| Error::field("ruleset", "unknown"))
    });
    assert_eq!(report.id, case.id);
    let _ = serde_json::to_string(&report);
});
