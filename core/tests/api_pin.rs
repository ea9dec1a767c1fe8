//! Pinning through the front door the bindings share (`api::Engine`):
//! a rule set whose content hash is not the approved one is refused with
//! `hash_mismatch`, at load and whenever the engine resolves another set.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::api::{Engine, Kind};
use pension_rules::rules::RuleSet;
use serde_json::json;

fn hash(id: &str) -> String {
    RuleSet::embedded(id).unwrap().hash().to_string()
}

fn pin(id: &str, h: &str) -> Vec<(String, String)> {
    vec![(id.to_string(), h.to_string())]
}

#[test]
fn the_approved_hash_loads_bare_or_prefixed() {
    let h = hash("cn/shaanxi");
    for p in [h.clone(), h.trim_start_matches("sha256:").to_string()] {
        let e = Engine::load_pinned("cn/shaanxi", None, &pin("cn/shaanxi", &p)).unwrap();
        assert_eq!(e.rules().hash(), h);
    }
}

#[test]
fn another_hash_is_refused_with_hash_mismatch() {
    let wrong = hash("cn/national");
    let e = Engine::load_pinned("cn/shaanxi", None, &pin("cn/shaanxi", &wrong)).unwrap_err();
    assert_eq!(e.code(), "hash_mismatch");
    let m = e.to_string();
    assert!(m.contains(&hash("cn/shaanxi")) && m.contains(&wrong), "{m}");
    // A wrong short hash is a mismatch too.
    let e = Engine::load_pinned("cn/shaanxi", None, &pin("cn/shaanxi", &wrong[..19])).unwrap_err();
    assert_eq!(e.code(), "hash_mismatch");
    // A pin on a set the engine does not load changes nothing.
    assert!(Engine::load_pinned("cn/shaanxi", None, &pin("cn/other", &wrong)).is_ok());
}

#[test]
fn pins_hold_for_every_set_the_engine_resolves() {
    let wrong = pin("cn/national", &"0".repeat(64));
    let e = Engine::load_pinned("cn/shaanxi", None, &wrong).unwrap();
    assert_eq!(
        e.resolve("cn/national").unwrap_err().code(),
        "hash_mismatch"
    );
    // A transfer uses every set the engine can load: a wrong pin stops it.
    let case = json!({"hukou_region": "610000", "birth": "1980-05", "category": "male",
        "retirement_month": "2040-05",
        "history": [{"from": "2010-01", "to": "2019-12", "base": "6000", "region": "440300"}]});
    let err = e.compute(Kind::Transfer, &case, false).unwrap_err();
    assert_eq!(err.code(), "hash_mismatch", "{err}");
    // A conformance case on the pinned set is an error case with the code.
    let report = e
        .check(
            r#"[{"id": "s", "kind": "survivor", "ruleset": "cn/national",
                    "input": {"contribution_months": 345, "monthly_income_base": "2818.5"},
                    "expect": {}}]"#,
        )
        .unwrap();
    let v = serde_json::to_value(&report).unwrap();
    assert!(v.to_string().contains("hash_mismatch"), "{v}");
}

/// Issue 16: outputs print a 12-digit hash, and a pin takes it (a prefix of
/// at least 12 hex digits of the full 64); a malformed pin is an input error
/// at `pin.ID`, never `hash_mismatch` at `cn/shaanxi:0:0`.
#[test]
fn short_pins_hold_and_malformed_pins_are_input_errors() {
    let h = hash("cn/shaanxi");
    let bare = h.trim_start_matches("sha256:");
    for p in [
        bare[..12].to_string(),
        format!("sha256:{}", &bare[..12]),
        bare[..12].to_ascii_uppercase(),
        bare[..40].to_string(),
    ] {
        assert!(
            Engine::load_pinned("cn/shaanxi", None, &pin("cn/shaanxi", &p)).is_ok(),
            "{p}"
        );
    }
    for bad in [
        "abc".to_string(),
        bare[..11].to_string(),
        format!("{}g", &bare[..12]),
        format!("{bare}0"),
        String::new(),
        "sha256:".to_string(),
    ] {
        let e = Engine::load_pinned("cn/shaanxi", None, &pin("cn/shaanxi", &bad)).unwrap_err();
        assert_eq!(e.code(), "invalid_input", "{bad}");
        assert_eq!(e.fields()[0].path, "pin.cn/shaanxi", "{bad}");
        assert!(
            e.fields()[0].message.contains("is not a content hash"),
            "{e}"
        );
    }
    // Every malformed pin at once, even on sets not loaded.
    let pins = [
        ("cn/shaanxi".to_string(), "x".to_string()),
        ("cn/national".to_string(), "12".to_string()),
    ];
    let e = Engine::load_pinned("cn/shaanxi", None, &pins).unwrap_err();
    let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["pin.cn/shaanxi", "pin.cn/national"]);
}
