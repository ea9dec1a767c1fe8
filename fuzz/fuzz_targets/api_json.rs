//! The core api the Python and WASM front ends call (`api::Engine`): the
//! first byte picks the kind, the rule set and the operation — compute with
//! or without the trace, the figures of a batch row, or an overlay given as
//! data (`with_overlay_data`, the JSON → TOML conversion) followed by a
//! computation on it — the rest is the JSON.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pension_rules::api::{Engine, Kind};
use pension_rules_fuzz::sample_inputs;
use serde_json::Value;

fn engines() -> &'static [Engine] {
    static E: OnceLock<Vec<Engine>> = OnceLock::new();
    E.get_or_init(|| {
        ["cn/shaanxi", "cn/national"]
            .iter()
            .filter_map(|id| Engine::embedded(id).ok())
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    let Ok(input) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let kind = Kind::ALL[usize::from(sel & 0x7) % Kind::ALL.len()];
    let Some(engine) = engines().get(usize::from(sel >> 3 & 1)) else {
        return;
    };
    let hash = engine.rules().hash().to_string();
    match sel >> 4 & 0x3 {
        0 | 1 => {
            if let Ok(v) = engine.compute(kind, &input, sel >> 4 & 1 == 0) {
                // Every result states the rules that produced it.
                let text = v.to_string();
                assert!(
                    text.contains(&hash),
                    "{kind}: no rule-set hash in the result"
                );
                // The domain invariants (issue 16).
                pension_rules_fuzz::assert_invariants(kind.name(), &input, &v);
            }
        }
        2 => {
            if let Err(e) = engine.figures(kind, &input) {
                for f in e.fields() {
                    assert!(!f.path.is_empty(), "field error without a path: {e}");
                }
            }
        }
        _ => {
            if let Ok(e) = engine.clone().with_overlay_data("fuzz", &input) {
                assert!(e.rules().id().contains('+'));
                for (k, sample) in sample_inputs() {
                    if let Ok(kind) = k.parse::<Kind>() {
                        let _ = e.compute(kind, sample, false);
                    }
                }
            }
        }
    }
});
