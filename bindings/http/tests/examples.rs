//! `src/examples.json` (the OpenAPI document's worked examples) is the
//! first computing case of each kind's conformance vectors; regenerate with
//! `UPDATE_EXAMPLES=1 cargo test -p pension-rules-http --test examples`.

use std::path::Path;

#[test]
fn examples_file_matches_the_vectors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let v = pension_rules_http::openapi::examples_from(|kind| {
        std::fs::read_to_string(root.join(format!("{kind}.json"))).ok()
    });
    let text = format!("{}\n", serde_json::to_string_pretty(&v).unwrap());
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/examples.json");
    if std::env::var_os("UPDATE_EXAMPLES").is_some() {
        std::fs::write(&file, &text).unwrap();
    }
    let kinds = v.as_object().unwrap().len();
    assert_eq!(
        kinds,
        pension_rules::api::Kind::ALL.len(),
        "a worked example per kind"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "src/examples.json is stale: UPDATE_EXAMPLES=1 cargo test -p pension-rules-http --test examples"
    );
}
