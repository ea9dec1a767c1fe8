//! Embeds every `*.toml` under `rules/` (in the workspace a link to the
//! top-level rules folder; in the packaged crate the files themselves) so
//! the crate, the wheel and the WASM package work offline with the shipped
//! rule sets. A build that finds no rule set fails: an engine without rules
//! would only fail later, at run time, with nothing to say why.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let rd = std::fs::read_dir(dir).unwrap_or_else(|e| {
        panic!(
            "cannot read the rule folder {}: {e}; the shipped rule sets are missing",
            dir.display()
        )
    });
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = vec![];
    collect(&root, &mut files);
    let sets = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "ruleset.toml"))
        .count();
    assert!(
        sets > 0,
        "no ruleset.toml under {}: the shipped rule sets are missing from this build",
        root.display()
    );
    let mut code = String::from(
        "/// Files of the embedded rule sets: (path under rules/, text).\npub(crate) static FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&root)
            .expect("under rules/")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .expect("write to string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_rules.rs");
    std::fs::write(out, code).expect("write embedded_rules.rs");
}
