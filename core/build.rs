//! Embeds every `*.toml` under `rules/` (in the workspace a link to the
//! top-level rules folder; in the packaged crate the files themselves) so
//! the crate, the wheel and the WASM package work offline with the shipped
//! rule sets. A build that finds no rule set fails: an engine without rules
//! would only fail later, at run time, with nothing to say why.
//!
//! It also embeds the baked sets of `baked/` (`src/rules/baked.rs`), but
//! only while `baked/STAMP` equals the stamp of the rule files built here:
//! after a rule file is edited the sets are parsed from TOML, as before,
//! until baked again (`UPDATE_BAKED=1 cargo test -p pension-rules --lib
//! baked`), and the build says so.

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
    // Without `embedded-rules` nothing is built in (the files are still
    // read: a build without its rule folder is refused either way).
    let embed = std::env::var_os("CARGO_FEATURE_EMBEDDED_RULES").is_some();
    let baked_too = std::env::var_os("CARGO_FEATURE_BAKED").is_some();
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
    for f in files.iter().filter(|_| embed) {
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
    code.push_str(&baked(&manifest, &root, &files, embed && baked_too));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_rules.rs");
    std::fs::write(out, code).expect("write embedded_rules.rs");
}

/// The stamp of the rule files: sha256 over each file's path under rules/
/// and text, in path order (`core/tests/baked.rs` writes it to
/// `baked/STAMP` with the sets it bakes).
fn stamp(root: &Path, files: &[PathBuf]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .expect("under rules/")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read(f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
        h.update(rel.as_bytes());
        h.update([0]);
        h.update(&text);
        h.update([0]);
    }
    h.finalize().iter().fold(String::new(), |mut s, b| {
        write!(s, "{b:02x}").expect("write to string");
        s
    })
}

/// `STAMP` (the stamp of these rule files), `BAKED` (set id, CBOR) of
/// every baked layer and `BAKED_HASHES` (set id, hash), empty unless
/// `baked/INDEX` has this stamp.
fn baked(manifest: &Path, root: &Path, files: &[PathBuf], embed: bool) -> String {
    let dir = manifest.join("baked");
    println!("cargo:rerun-if-changed={}", dir.display());
    let now = stamp(root, files);
    let index = std::fs::read_to_string(dir.join("INDEX")).unwrap_or_default();
    let mut lines = index.lines().filter(|l| !l.starts_with('#'));
    let fresh = lines.next().and_then(|l| l.strip_prefix("stamp ")) == Some(now.as_str());
    if embed && !fresh && !index.is_empty() {
        println!(
            "cargo:warning=the rule files changed since the shipped sets were baked: they are parsed from TOML \
             (slower to load) until baked again: UPDATE_BAKED=1 cargo test -p pension-rules --lib baked"
        );
    }
    let mut sets = String::new();
    let mut hashes = String::new();
    for (id, hash) in lines
        .filter(|_| fresh && embed)
        .filter_map(|l| l.split_once(' '))
    {
        let file = dir.join(format!("{}.cbor", id.replace('/', "-")));
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(
            sets,
            "    ({id:?}, include_bytes!({:?})),",
            file.display().to_string()
        )
        .expect("write to string");
        writeln!(hashes, "    ({id:?}, {hash:?}),").expect("write to string");
    }
    format!(
        "/// sha256 of the rule files built in (their paths and texts).\n\
         #[cfg_attr(not(test), allow(dead_code))]\n\
         pub(crate) static STAMP: &str = {now:?};\n\
         /// The baked layers of the shipped sets (id, CBOR), when baked from these files.\n\
         pub(crate) static BAKED: &[(&str, &[u8])] = &[\n{sets}];\n\
         /// The content hash of every shipped set, computed when baking.\n\
         pub(crate) static BAKED_HASHES: &[(&str, &str)] = &[\n{hashes}];\n"
    )
}
