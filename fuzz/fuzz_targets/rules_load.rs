//! The rule-set loader: arbitrary file text (split into files by `=== path`
//! lines) through `Catalog::from_files`, every set found loaded, and each
//! loaded set resolved and run through every engine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pension_rules::rules::Catalog;
use pension_rules_fuzz::{exercise, split_files};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cat = Catalog::from_files("fuzz/", split_files(&text));
    for id in cat.ids() {
        match cat.load(id) {
            Ok(rs) => exercise(&rs),
            Err(e) => {
                // Every diagnostic names a file; messages render.
                assert!(!e.diagnostics.is_empty());
                let _ = e.to_string();
            }
        }
    }
});
