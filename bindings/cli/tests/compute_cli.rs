//! `pension-rules compute KIND FILE`: every kind of the engine through the
//! generic call gives exactly what `Engine::compute` gives in process.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::process::Command;

use pension_rules::api::{Engine, Kind};
use serde_json::{Value, json};

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap()
}

/// One computable case of every kind: the first of each kind in
/// tests/vectors, and a payroll and a recompute case.
fn cases() -> BTreeMap<String, (String, Value)> {
    let dir = format!("{}/../../tests/vectors", env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        for c in cases {
            if c["expect"].get("error").is_none() {
                let kind = c["kind"].as_str().unwrap().to_string();
                let id = c["ruleset"].as_str().unwrap().to_string();
                out.entry(kind).or_insert((id, c["input"].clone()));
            }
        }
    }
    out.insert(
        "payroll".into(),
        (
            "cn/shaanxi".into(),
            json!({"month": "2024-03", "rows": [
                {"employee_id": "E1", "wage": "3000", "employment": "employee"},
                {"employee_id": "E2", "wage": "x", "employment": "employee"}]}),
        ),
    );
    out.insert(
        "recompute".into(),
        (
            "cn/shaanxi".into(),
            json!({"award": {"category": "male", "birth": "1965-01", "retirement_month": "2025-02",
                "contribution_months": 385, "deemed_months": 130, "average_index": "0.9",
                "account_balance": "160000"},
                "known_on": "2025-08-01", "arrears_through": "2026-06"}),
        ),
    );
    out
}

#[test]
fn every_kind_through_the_generic_call_equals_the_engine() {
    let dir = std::env::temp_dir().join(format!("pension-rules-compute-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = cases();
    for k in Kind::ALL {
        let (id, input) = cases
            .get(k.name())
            .unwrap_or_else(|| panic!("no case of {k}"));
        let file = dir.join(format!("{k}.json"));
        std::fs::write(&file, input.to_string()).unwrap();
        let o = cli(&[
            "compute",
            k.name(),
            file.to_str().unwrap(),
            "--ruleset",
            id,
            "--explain",
        ]);
        assert!(
            o.status.success(),
            "{k}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let printed: Value = serde_json::from_slice(&o.stdout).unwrap();
        let engine = Engine::embedded(id).unwrap();
        assert_eq!(printed, engine.compute(*k, input, true).unwrap(), "{k}");
        let o = cli(&[
            "compute",
            k.name(),
            file.to_str().unwrap(),
            "--ruleset",
            id,
            "--figures",
        ]);
        let printed: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            printed,
            Value::Object(engine.figures(*k, input).unwrap()),
            "{k}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_input_is_a_coded_error_naming_the_file() {
    let dir =
        std::env::temp_dir().join(format!("pension-rules-compute-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    std::fs::write(&file, r#"{"birth": "1970-13", "category": "male"}"#).unwrap();
    let o = cli(&[
        "compute",
        "retirement",
        file.to_str().unwrap(),
        "--ruleset",
        "cn/national",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[invalid_input]") && err.contains("bad.json"),
        "{err}"
    );
    let o = cli(&[
        "compute",
        "pay",
        file.to_str().unwrap(),
        "--ruleset",
        "cn/national",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
