//! `pension-rules schema`: the generated schemas, as the CLI prints and
//! writes them, equal docs/schema/ file by file.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap()
}

fn docs(name: &str) -> serde_json::Value {
    let path = format!("{}/../../docs/schema/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_kind_prints_its_input_or_output_schema() {
    let o = run(&["schema", "award"]);
    assert!(o.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(printed, docs("award.input.json"));
    let o = run(&["schema", "transfer", "--output"]);
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(printed, docs("transfer.output.json"));
    let o = run(&["schema", "error"]);
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(printed, docs("error.json"));
}

#[test]
fn out_dir_writes_the_files_of_docs_schema() {
    let dir = std::env::temp_dir().join(format!("pension-rules-schema-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = run(&["schema", "--out-dir", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs_dir = format!("{}/../../docs/schema", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for e in std::fs::read_dir(&docs_dir).unwrap() {
        let name = e.unwrap().file_name();
        if !name.to_string_lossy().ends_with(".json") {
            continue;
        }
        let written = std::fs::read(dir.join(&name)).unwrap();
        let committed = std::fs::read(std::path::Path::new(&docs_dir).join(&name)).unwrap();
        assert_eq!(written, committed, "{name:?}");
        n += 1;
    }
    assert_eq!(n, pension_rules::schema::all().len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_kind_is_an_input_error() {
    let o = run(&["schema", "pay"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: [invalid_input]"), "{err}");
}
