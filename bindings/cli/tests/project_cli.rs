//! `pension-rules project`: the JSON result equals the conformance vector,
//! the table shows the path and the award, bad input exits non-zero with
//! every field problem.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn json_equals_the_vector_and_the_table_shows_the_path() {
    // tests/vectors/projection.json, derived in Python decimal
    // (tests/vectors/derive/projection.py).
    let text = std::fs::read_to_string(root().join("tests/vectors/projection.json")).unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let case = &cases[1];
    let dir = std::env::temp_dir().join(format!("project-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("case.json");
    std::fs::write(&file, case.to_string()).unwrap();
    let f = file.to_str().unwrap();
    let o = run(&["project", f, "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["award"]["total"], case["expect"]["total"]);
    assert_eq!(r["award"]["total"], "3984.04");
    assert_eq!(
        r["years"][0]["balance"],
        case["expect"]["years"][0]["balance"]
    );
    assert_eq!(r["trace"]["rules"]["id"], "cn/shaanxi");

    let o = run(&["project", f, "--explain"]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("154297.47"), "{out}"); // balance at retirement
    assert!(out.contains("3984.04"), "{out}");
    assert!(out.contains("8117.43 ~"), "{out}"); // projected 计发基数
    assert!(out.contains("国发〔2005〕38号"), "{out}");

    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"category": "male", "birth": "1966-01", "from": "2026-01", "index": "0",
            "assumptions": {"average_wage_growth": "-2", "pension_base_growth": "0", "interest_rate": "0"}}"#,
    )
    .unwrap();
    let o = run(&["project", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("index") && err.contains("assumptions.average_wage_growth"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
