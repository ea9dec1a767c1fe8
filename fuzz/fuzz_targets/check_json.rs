//! The conformance runner on arbitrary bytes: `check::check_json` either
//! rejects text that is not JSON or reports exactly one outcome per case,
//! in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pension_rules::check::{check_json, embedded_resolver};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(report) = check_json(text, &embedded_resolver) {
        let n = match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(a)) => a.len(),
            _ => 1,
        };
        assert_eq!(report.cases.len(), n, "one outcome per case");
        let _ = serde_json::to_string(&report);
    }
});
