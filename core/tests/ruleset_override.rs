//! Issue 16: a rules directory cannot replace a shipped rule set silently.
//! A set with the id and version of an embedded set but other content is
//! refused (`ruleset_conflict`) unless the catalog allows it; an allowed
//! replacement is named in the identity (`overrides`), and every identity
//! names its origin.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use pension_rules::api::Engine;
use pension_rules::rules::{Catalog, DiagnosticCode, RuleSet};

/// The shipped Shaanxi files under `mem/cn/shaanxi/`, `edit` applied to
/// each text, plus `extra` files.
fn catalog(edit: impl Fn(&str, String) -> String, extra: &[(&str, &str)]) -> Catalog {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/cn/shaanxi");
    let mut files: Vec<(String, Arc<str>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let text = edit(&name, std::fs::read_to_string(&p).unwrap());
            (format!("cn/shaanxi/{name}"), Arc::from(text))
        })
        .collect();
    files.extend(
        extra
            .iter()
            .map(|(p, t)| (p.to_string(), Arc::<str>::from(*t))),
    );
    Catalog::from_files("mem/", files)
}

/// Shaanxi's 1.4 % basic rate per year edited to 1.3 % (the case).
fn edited(name: &str, text: String) -> String {
    if name == "award.toml" {
        assert!(text.contains("value = \"0.014\""));
        text.replacen("value = \"0.014\"", "value = \"0.013\"", 1)
    } else {
        text
    }
}

#[test]
fn an_edited_shipped_set_is_refused_unless_allowed() {
    let shipped = RuleSet::embedded("cn/shaanxi").unwrap();
    assert_eq!(shipped.identity().origin, "embedded");
    let e = catalog(edited, &[]).load("cn/shaanxi").unwrap_err();
    assert_eq!(e.diagnostics.len(), 1);
    let d = &e.diagnostics[0];
    assert_eq!(d.code, DiagnosticCode::RulesetConflict);
    assert_eq!(
        (&*d.file, d.key.as_str()),
        ("mem/cn/shaanxi/ruleset.toml", "version")
    );
    assert!(d.message.contains(shipped.hash()), "{d}");
    let err = pension_rules::Error::from(e);
    assert_eq!((err.code(), err.class()), ("ruleset_conflict", "LoadError"));
    // Through the front door too.
    let err = Engine::load_pinned("cn/shaanxi", Some(catalog(edited, &[])), &[]).unwrap_err();
    assert_eq!(err.code(), "ruleset_conflict");

    // Allowed: loaded, and the identity says what it replaces and where it is from.
    let rs = catalog(edited, &[])
        .allowing_override(true)
        .load("cn/shaanxi")
        .unwrap();
    assert_ne!(rs.hash(), shipped.hash());
    let id = rs.identity();
    assert_eq!(id.origin, "mem/cn/shaanxi");
    assert_eq!(
        id.overrides.as_deref(),
        Some(format!("cn/shaanxi {} sha256:{}", shipped.version(), shipped.hash()).as_str())
    );
    // Overlays keep both.
    let snap = rs.at("2026-01-01".parse().unwrap());
    assert_eq!(snap.identity.origin, "mem/cn/shaanxi");
    assert!(snap.identity.overrides.is_some());
}

#[test]
fn same_content_or_a_new_version_is_no_conflict() {
    let shipped = RuleSet::embedded("cn/shaanxi").unwrap();
    // The shipped files as a directory: same hash, no override to announce.
    let rs = catalog(|_, t| t, &[]).load("cn/shaanxi").unwrap();
    assert_eq!(rs.hash(), shipped.hash());
    assert_eq!(rs.identity().origin, "mem/cn/shaanxi");
    assert_eq!(rs.identity().overrides, None);
    // An edited set under its own version is a new set, not a replacement.
    let bumped = |name: &str, text: String| {
        let text = edited(name, text);
        if name == "ruleset.toml" {
            text.replacen(
                &format!("version = \"{}\"", shipped.version()),
                "version = \"2099.1.1-local\"",
                1,
            )
        } else {
            text
        }
    };
    let rs = catalog(bumped, &[]).load("cn/shaanxi").unwrap();
    assert_eq!(rs.version(), "2099.1.1-local");
    assert_eq!(rs.identity().overrides, None);
}

#[test]
fn a_set_extending_an_edited_shipped_set_is_refused_too() {
    let city = "id = \"my/city\"\nversion = \"1\"\ntitle = \"a city\"\nextends = \"cn/shaanxi\"\n";
    let cat = catalog(edited, &[("my/city/ruleset.toml", city)]);
    let e = cat.load("my/city").unwrap_err();
    assert_eq!(
        e.diagnostics[0].code,
        DiagnosticCode::RulesetConflict,
        "{e}"
    );
    assert_eq!(&*e.diagnostics[0].file, "mem/cn/shaanxi/ruleset.toml");
    let rs = cat.allowing_override(true).load("my/city").unwrap();
    assert_eq!(rs.identity().origin, "mem/my/city");
    assert!(
        rs.identity()
            .overrides
            .as_deref()
            .unwrap()
            .starts_with("cn/shaanxi ")
    );
}
