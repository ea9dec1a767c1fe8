//! The first load of a shipped set in a fresh process, as a program
//! starting (the CLI, the Python import, the page) pays it: nothing cached,
//! no catalog built. Run it several times and take the median:
//!
//! ```text
//! for i in 1 2 3 4 5 6 7; do target/release/first-load cn/shaanxi; done
//! ```
#![allow(missing_docs)]

use std::time::Instant;

use pension_rules::rules::{Catalog, RuleSet};

fn main() {
    let id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "cn/shaanxi".into());
    let t = Instant::now();
    let rs = match RuleSet::embedded(&id) {
        Ok(rs) => rs,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let first = t.elapsed();
    let t = Instant::now();
    let catalog = Catalog::embedded();
    let catalog_time = t.elapsed();
    println!(
        "{id} {}: first load {:.3} ms; the catalog of all {} shipped sets, made afterwards, {:.3} ms",
        rs.hash(),
        first.as_secs_f64() * 1e3,
        catalog.ids().len(),
        catalog_time.as_secs_f64() * 1e3
    );
}
