//! Identity and resolution: content hash stability, as-of resolution,
//! bitemporal (provisional vs final) values, and a snapshot of the resolved
//! Shaanxi parameters.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use chrono::NaiveDate;
use pension_rules::rules::RuleSet;
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const OVERLAY_A: &str = r#"
[overlay]
id = "reform/test"
title = "test reform"

[contribution.employer_rate]
[[contribution.employer_rate.values]]
from = 2030-01-01
value = "0.15"
source = "scenario"
note = "n"

[award.basic_rate_per_year]
[[award.basic_rate_per_year.values]]
from = 2030-01-01
value = "0.011"
source = "scenario"
"#;

// The same content with tables and keys in another order.
const OVERLAY_B: &str = r#"
[award.basic_rate_per_year]
[[award.basic_rate_per_year.values]]
source = "scenario"
value = "0.011"
from = 2030-01-01

[overlay]
title = "test reform"
id = "reform/test"

[contribution.employer_rate]
[[contribution.employer_rate.values]]
note = "n"
source = "scenario"
value = "0.15"
from = 2030-01-01
"#;

#[test]
fn hash_ignores_key_order_and_formatting() {
    let base = RuleSet::embedded("cn/national").unwrap();
    let a = base.with_overlay("a.toml", OVERLAY_A).unwrap();
    let b = base.with_overlay("b.toml", OVERLAY_B).unwrap();
    assert_eq!(a.hash(), b.hash());
    assert_ne!(a.hash(), base.hash());
    assert_eq!(a.id(), "cn/national+reform/test");
    assert_eq!(a.version(), base.version());
}

#[test]
fn hash_changes_with_any_value_or_source() {
    let base = RuleSet::embedded("cn/national").unwrap();
    let a = base.with_overlay("a.toml", OVERLAY_A).unwrap();
    let value = base
        .with_overlay("c.toml", &OVERLAY_A.replace("\"0.15\"", "\"0.14\""))
        .unwrap();
    let source = base
        .with_overlay("d.toml", &OVERLAY_A.replace("note = \"n\"", "note = \"m\""))
        .unwrap();
    assert_ne!(a.hash(), value.hash());
    assert_ne!(a.hash(), source.hash());
    assert_ne!(value.hash(), source.hash());
}

#[test]
fn shaanxi_hash_covers_the_national_layer() {
    let national = RuleSet::embedded("cn/national").unwrap();
    let shaanxi = RuleSet::embedded("cn/shaanxi").unwrap();
    assert_ne!(national.hash(), shaanxi.hash());
    let layers: Vec<&str> = shaanxi.layers().iter().map(|l| l.id.as_str()).collect();
    assert_eq!(layers, ["cn/national", "cn/shaanxi"]);
    // An overlay on top of Shaanxi changing a national value changes the hash.
    let changed = shaanxi.with_overlay("x.toml", OVERLAY_A).unwrap();
    assert_ne!(changed.hash(), shaanxi.hash());
}

#[test]
fn provisional_base_until_the_final_one_is_published() {
    // Shaanxi 2025: 7727 paid provisionally (预发) until 7881 was published.
    let rs = RuleSet::embedded("cn/shaanxi").unwrap();
    let early = rs.at_known(date("2025-08-01"), date("2025-08-01"));
    let base = early.award.pension_base.get(2025).unwrap();
    assert_eq!(base.value.to_string(), "7727");
    assert!(base.provenance.provisional);
    let late = rs.at(date("2026-12-31"));
    let base = late.award.pension_base.get(2025).unwrap();
    assert_eq!(base.value.to_string(), "7881");
    assert!(!base.provenance.provisional);
}

#[test]
fn missing_year_is_an_error_naming_it() {
    let rs = RuleSet::embedded("cn/shaanxi").unwrap();
    let snap = rs.at(date("2025-01-01"));
    let e = snap.award.pension_base.get(2031).unwrap_err();
    assert!(e.to_string().contains("2031"), "{e}");
    assert!(e.to_string().contains("award.pension_base"), "{e}");
}

fn overlay_with(entries: &[(NaiveDate, u32)]) -> String {
    let mut s = String::from(
        "[overlay]\nid = \"prop\"\n[contribution.employer_rate]\nmode = \"replace\"\n",
    );
    for (d, v) in entries {
        write!(s, "[[contribution.employer_rate.values]]\nfrom = {d}\nvalue = \"0.{v:02}\"\nsource = \"p\"\n").unwrap();
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The value at a date is the last one effective on or before it.
    #[test]
    fn as_of_resolution(
        days in proptest::collection::btree_set(0i64..20_000, 1..8),
        values in proptest::collection::vec(1u32..99, 8),
        query in -100i64..21_000,
    ) {
        let origin = date("1990-01-01");
        let entries: Vec<(NaiveDate, u32)> = days
            .iter()
            .zip(&values)
            .map(|(d, v)| (origin + chrono::Days::new(*d as u64), *v))
            .collect();
        let rs = RuleSet::embedded("cn/national").unwrap().with_overlay("p.toml", &overlay_with(&entries)).unwrap();
        let q = if query < 0 { origin - chrono::Days::new((-query) as u64) } else { origin + chrono::Days::new(query as u64) };
        let got = rs.at(q).contribution.employer_rate.current().ok().map(|s| s.value.to_string());
        let want = entries.iter().rev().find(|(d, _)| *d <= q).map(|(_, v)| format!("0.{v:02}"));
        prop_assert_eq!(got, want);
    }
}

/// The resolved Shaanxi parameters on 2025-06-30, as `rules show` sees them.
/// Regenerate with `UPDATE_GOLDEN=1 cargo test -p pension-rules --test rules_identity`.
#[test]
fn shaanxi_2025_snapshot() {
    let rs = RuleSet::embedded("cn/shaanxi").unwrap();
    let mut out = String::new();
    for p in rs.resolve(date("2025-06-30"), None) {
        writeln!(out, "{}", p.name).unwrap();
        for v in p.values {
            let key = v.key.map(|k| format!("{k}: ")).unwrap_or_default();
            let prov = if v.provenance.provisional {
                " (provisional)"
            } else {
                ""
            };
            writeln!(out, "  {key}{}{prov} | {}", v.value, v.provenance.source).unwrap();
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/shaanxi-2025-06-30.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &out).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .expect("golden file exists; run with UPDATE_GOLDEN=1 to create it");
    assert_eq!(
        out, want,
        "resolved Shaanxi parameters changed; review and regenerate with UPDATE_GOLDEN=1"
    );
}
