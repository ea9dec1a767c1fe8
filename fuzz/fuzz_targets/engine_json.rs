//! The JSON conversion the Python and WASM front ends go through: the
//! first byte picks a kind and a rule set, the rest is the input object,
//! parsed by the engine's `from_json` and computed (the same path as the
//! front ends' `compute`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pension_rules::api::{Engine, Kind};
use pension_rules_fuzz::embedded;

/// The kinds in the order the committed corpus's first bytes select them.
const KINDS: &[Kind] = &[
    Kind::Contribution,
    Kind::Retirement,
    Kind::Account,
    Kind::Award,
    Kind::Transfer,
    Kind::Survivor,
    Kind::Adjustment,
    Kind::Projection,
    Kind::Payroll,
    Kind::Recompute,
];
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    let Ok(input) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let kind = KINDS[usize::from(sel) % KINDS.len()];
    let id = if sel & 0x80 == 0 {
        "cn/shaanxi"
    } else {
        "cn/national"
    };
    let Some(rules) = embedded(id) else {
        return;
    };
    match Engine::from_rules(rules).figures(kind, &input) {
        Ok(figures) => {
            let _ = serde_json::to_string(&figures);
            // The domain invariants (issue 16).
            pension_rules_fuzz::assert_invariants(kind.name(), &input, &Value::Object(figures));
        }
        Err(e) => {
            // Every error has a code and a message; input errors name fields.
            assert!(!e.code().is_empty());
            assert!(!e.to_string().is_empty());
            for f in e.fields() {
                assert!(!f.path.is_empty(), "field error without a path: {e}");
            }
        }
    }
});
