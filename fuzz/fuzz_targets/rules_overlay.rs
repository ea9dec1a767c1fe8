//! The overlay parser: arbitrary TOML text layered over `cn/shaanxi` with
//! `RuleSet::with_overlay`; a set that loads is resolved and run through
//! every engine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pension_rules_fuzz::{embedded, exercise};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(base) = embedded("cn/shaanxi") else {
        return;
    };
    match base.with_overlay("fuzz-overlay.toml", text) {
        Ok(rs) => exercise(&rs),
        Err(e) => {
            assert!(!e.diagnostics.is_empty());
            let _ = e.to_string();
        }
    }
});
