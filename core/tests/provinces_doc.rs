//! docs/provinces.md carries the coverage table generated from the shipped
//! rule data (`pension-rules rules coverage`); this test fails when the two
//! differ. `UPDATE_DOCS=1` rewrites the table in place.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::rules::Catalog;
use pension_rules::rules::coverage::{coverage, markdown};

const BEGIN: &str = "<!-- coverage:begin -->\n";
const END: &str = "<!-- coverage:end -->";

#[test]
fn provinces_page_is_the_coverage_of_the_rule_data() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/provinces.md");
    let page = std::fs::read_to_string(path).unwrap();
    let (head, rest) = page.split_once(BEGIN).unwrap();
    let (_, tail) = rest.split_once(END).unwrap();
    let rows = coverage(Catalog::embedded());
    let want = format!("{head}{BEGIN}{}{END}{tail}", markdown(&rows));
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    assert!(
        page == want,
        "docs/provinces.md differs from the rule data: run UPDATE_DOCS=1 cargo test -p pension-rules --test provinces_doc"
    );
    // Every shipped province is in it.
    for r in &rows {
        assert!(page.contains(&format!("`{}`", r.id)), "{}", r.id);
    }
}
