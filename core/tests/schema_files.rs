//! `docs/schema/` holds the JSON Schema of every input, result and error,
//! generated from the Rust types (`pension_rules::schema::all`). This test
//! fails when regenerating would change a file, or when a file is stale or
//! extra; `UPDATE_SCHEMA=1 cargo test -p pension-rules --test schema_files`
//! rewrites them.

use std::path::Path;

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a schema serializes");
    s.push('\n');
    s
}

#[test]
fn docs_schema_matches_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/schema");
    let update = std::env::var_os("UPDATE_SCHEMA").is_some();
    let generated = pension_rules::schema::all();
    let mut stale = vec![];
    for (name, schema) in &generated {
        let path = dir.join(name);
        let text = pretty(schema);
        if update {
            std::fs::create_dir_all(&dir).expect("create docs/schema");
            std::fs::write(&path, &text).expect("write a schema file");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .expect("docs/schema exists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !generated.iter().any(|(g, _)| g == n))
        .collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "docs/schema is out of date (stale: {stale:?}; not generated: {extra:?}); \
         run UPDATE_SCHEMA=1 cargo test -p pension-rules --test schema_files"
    );
}

/// Every conformance vector's input validates against its kind's input
/// schema, and the engine's full result (with its trace) against the output
/// schema: the schemas describe what the engine really reads and writes.
#[test]
fn vectors_and_results_conform_to_the_schemas() {
    use pension_rules::api::{Engine, Kind};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut inputs = 0;
    let mut outputs = 0;
    let mut problems = vec![];
    for entry in std::fs::read_dir(dir).expect("tests/vectors") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a vector file");
        let cases: Vec<serde_json::Value> = serde_json::from_str(&text).expect("vector JSON");
        for case in cases {
            let Ok(kind) = case["kind"].as_str().unwrap_or("").parse::<Kind>() else {
                continue;
            };
            let id = case["id"].as_str().unwrap_or("?").to_string();
            let input_schema = pension_rules::schema::input(kind);
            let validator = jsonschema::validator_for(&input_schema).expect("a valid schema");
            let rejected = case["expect"].get("error").is_some();
            let errors: Vec<String> = validator
                .iter_errors(&case["input"])
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            if !rejected && !errors.is_empty() {
                problems.push(format!("{id} input: {errors:?}"));
            }
            inputs += 1;
            let engine = Engine::embedded(case["ruleset"].as_str().expect("ruleset"))
                .expect("a shipped rule set");
            if let Ok(result) = engine.compute(kind, &case["input"], true) {
                let output_schema = pension_rules::schema::output(kind);
                let validator = jsonschema::validator_for(&output_schema).expect("a valid schema");
                let errors: Vec<String> = validator
                    .iter_errors(&result)
                    .take(5)
                    .map(|e| format!("{}: {e}", e.instance_path()))
                    .collect();
                if !errors.is_empty() {
                    problems.push(format!("{id} output: {errors:?}"));
                }
                outputs += 1;
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        inputs > 200 && outputs > 150,
        "{inputs} inputs, {outputs} outputs"
    );
}

/// One error of every code, as front ends report it, validates against the
/// error schema (whose `code` enumerates every code).
#[test]
fn every_error_report_conforms_to_the_error_schema() {
    let schema = pension_rules::schema::error();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let examples = pension_rules::Error::examples();
    for e in &examples {
        let report = serde_json::to_value(e.report()).expect("a report serializes");
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|x| x.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", e.code());
    }
    let codes = schema["properties"]["code"]["enum"]
        .as_array()
        .expect("codes");
    assert_eq!(codes.len(), pension_rules::Error::codes().len());
}
