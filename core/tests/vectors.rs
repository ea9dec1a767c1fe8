//! Runs every conformance vector file under `tests/vectors/` through the
//! check runner: each case must pass (or, for an `expect.error` case, be
//! rejected with that code).
#![allow(clippy::unwrap_used)]

use pension_rules::check::{Outcome, check_json, embedded_resolver};

#[test]
fn every_vector_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    assert!(!files.is_empty(), "no vector files in {}", dir.display());
    let (mut passed, mut failures) = (0, vec![]);
    for f in &files {
        let report = check_json(&std::fs::read_to_string(f).unwrap(), &embedded_resolver).unwrap();
        for c in report.cases {
            match c.outcome {
                Outcome::Pass => passed += 1,
                other => failures.push(format!("{} {}: {other:?}", f.display(), c.id)),
            }
        }
    }
    eprintln!("vectors: {passed} passed");
    assert!(passed > 200, "{passed}");
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
