//! The error catalogue (docs/errors.md) covers every error the public API can
//! return, and errors say where the problem is: input errors name the field
//! path, rule-set problems `file:line`, rule errors the parameter and year.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::sync::Arc;

use pension_rules::Error;
use pension_rules::check::{Outcome, check_json, embedded_resolver};
use pension_rules::error::DIAGNOSTIC_CODES;
use pension_rules::rules::{Catalog, DiagnosticCode, RuleSet};
use serde_json::{Value, json};

fn catalogue() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/errors.md")).unwrap()
}

/// A catalogue table row for `code`: a line starting with "| `code` |".
fn documented(doc: &str, code: &str) -> bool {
    row(doc, code).is_some()
}

/// The cells of the first table row for `code`.
fn row<'a>(doc: &'a str, code: &str) -> Option<Vec<&'a str>> {
    let start = format!("| `{code}` |");
    doc.lines().find(|l| l.starts_with(&start)).map(|l| {
        l.trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect::<Vec<_>>()
    })
}

fn file(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Every code of the public API (enumerated from the types by
/// `Error::examples`, whose exhaustive matches stop compiling when a variant
/// is added) has a row with a meaning, an example and a remedy.
#[test]
fn every_error_code_is_catalogued() {
    let doc = catalogue();
    let mut missing = vec![];
    let examples = Error::examples();
    for e in &examples {
        match row(&doc, e.code()) {
            Some(cells) if cells.len() >= 4 && cells[1..4].iter().all(|c| c.len() > 3) => {}
            Some(cells) => missing.push(format!(
                "{}: a row needs meaning, example, remedy: {cells:?}",
                e.code()
            )),
            None => missing.push(e.code().to_string()),
        }
        // Every variant of RuleError is named in the table of rule errors.
        if let Error::Rules(r) = e {
            let v = serde_json::to_value(r).unwrap();
            let kind = v["kind"].as_str().unwrap();
            let name: String = kind
                .split('_')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect();
            assert!(
                doc.contains(&format!("| `{name} {{")),
                "RuleError::{name} is not in docs/errors.md"
            );
        }
    }
    assert_eq!(
        examples
            .iter()
            .filter(|e| matches!(e, Error::Load(_)))
            .count(),
        DIAGNOSTIC_CODES.len()
    );
    for &c in DIAGNOSTIC_CODES {
        match row(&doc, c.name()) {
            Some(cells) if cells.len() >= 4 && cells[1..4].iter().all(|c| c.len() > 3) => {}
            _ => missing.push(c.name().to_string()),
        }
    }
    // The runner's own code.
    for code in ["invalid_case"] {
        if !documented(&doc, code) {
            missing.push(code.to_string());
        }
    }
    assert!(missing.is_empty(), "not in docs/errors.md: {missing:?}");
}

/// The front ends cover every code: the docs' front-end table names each
/// code under the class `Error::class` gives it, and the generated Python
/// and TypeScript code lists (from docs/schema/error.json) hold it.
#[test]
fn front_ends_cover_every_code() {
    let doc = catalogue();
    let python = file("bindings/python/python/pension_rules/_generated.py");
    let ts = file("bindings/wasm/src/generated/types.d.ts");
    let mut wrong = vec![];
    for e in Error::examples() {
        let (code, class) = (e.code(), e.class());
        // docs/errors.md: "| `Load` (`rules_invalid`, `hash_mismatch`) | `LoadError` …"
        let in_doc = doc.lines().any(|l| {
            l.starts_with("| `")
                && l.contains(&format!("`{code}`"))
                && l.contains(&format!("| `{class}` "))
        });
        if !in_doc {
            wrong.push(format!("docs/errors.md front-end table: {code} → {class}"));
        }
        if !python.contains(&format!("'{code}',")) {
            wrong.push(format!("_generated.py ERROR_CODES: {code}"));
        }
        if !ts.contains(&format!("| \"{code}\"")) {
            wrong.push(format!("generated/types.d.ts ErrorCode: {code}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn runner_codes_are_error_codes_or_invalid_case() {
    // Every code a report can carry is catalogued: run the vectors and a few
    // malformed cases and collect the codes.
    let doc = catalogue();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.push(r#"[{"id": "a"}, {"id": "b", "kind": "pay", "ruleset": "cn/national", "input": {}, "expect": {}}]"#.into());
    for t in texts {
        for c in check_json(&t, &embedded_resolver).unwrap().cases {
            if let Outcome::Error { code, .. } = &c.outcome {
                assert!(documented(&doc, code), "{code} not in docs/errors.md");
            }
            if let Some(a) = &c.actual {
                for (k, v) in a {
                    if k.ends_with("error")
                        && let Some(code) = v.as_str()
                    {
                        assert!(documented(&doc, code), "{code} not in docs/errors.md");
                    }
                }
            }
        }
    }
}

fn run(kind: &str, rules: &str, input: Value) -> Error {
    pension_rules::Engine::embedded(rules)
        .unwrap()
        .figures(kind.parse().unwrap(), &input)
        .unwrap_err()
}

fn paths(e: &Error) -> Vec<&str> {
    e.fields().iter().map(|f| f.path.as_str()).collect()
}

// Representative messages of each engine: the code, every field path, and the
// words a person needs to fix it.

#[test]
fn contribution_names_each_bad_field() {
    let e = run(
        "contribution",
        "cn/shaanxi",
        json!({"month": "2025-13", "employment": "contract", "wage": "-5"}),
    );
    assert_eq!(e.code(), "invalid_input");
    // The negative wage too, in the same error (issue 16: every problem at once).
    assert_eq!(paths(&e), ["employment", "month", "wage"], "{e}");
    assert!(e.to_string().contains("2025-13"), "{e}");
}

#[test]
fn retirement_lists_all_problems_at_once() {
    let e = run(
        "retirement",
        "cn/national",
        json!({"birth": "1976-00", "category": "mal"}),
    );
    assert_eq!(e.code(), "invalid_input");
    let p = paths(&e);
    assert!(p.contains(&"birth") && p.contains(&"category"), "{e}");
    assert!(e.to_string().contains("mal"), "{e}");
}

#[test]
fn award_history_errors_point_into_the_history() {
    let e = run(
        "award",
        "cn/shaanxi",
        json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
               "history": [{"from": "2000-01", "to": "2000-12", "base": "x"}]}),
    );
    assert_eq!(e.code(), "invalid_input");
    assert!(paths(&e).contains(&"history[0].base"), "{e}");
}

#[test]
fn award_not_eligible_names_the_minimum_and_the_law() {
    // 100 months < 180 (社会保险法 第十六条; minimum for 2024 in cn/national).
    let e = run(
        "award",
        "cn/shaanxi",
        json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
               "contribution_months": 100, "average_index": "1", "account_balance": "1000"}),
    );
    assert_eq!(e.code(), "not_applicable");
    let m = e.to_string();
    assert!(
        m.contains("100") && m.contains("180") && m.contains("第十六条"),
        "{m}"
    );
}

#[test]
fn account_names_the_credit() {
    let e = run(
        "account",
        "cn/national",
        json!({"opening_balance": "0", "opening_year": 2022,
               "credits": [{"year": 2023, "amount": "abc"}]}),
    );
    assert_eq!(e.code(), "invalid_input");
    assert!(paths(&e).iter().any(|p| p.starts_with("credits[0]")), "{e}");
}

#[test]
fn account_overflow_is_an_input_error() {
    let e = run(
        "account",
        "cn/national",
        // The opening balance within its range (bounds::MAX_AMOUNT, refused
        // when read); the credit is what overflows the ledger.
        json!({"opening_balance": "100000", "opening_year": 2022,
               "credits": [{"year": 2023, "amount": "79228162514264337593543950335"}],
               "through_year": 2023}),
    );
    assert_eq!(e.code(), "invalid_input", "{e}");
    assert!(e.to_string().contains("too large"), "{e}");
}

#[test]
fn survivor_and_adjustment_name_the_field() {
    let e = run(
        "survivor",
        "cn/national",
        json!({"contribution_months": -3, "monthly_income_base": "2818.5"}),
    );
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("contribution_months"), "{e}");
    let e = run(
        "adjustment",
        "cn/shaanxi",
        json!({"year": 2025, "pension": "-3000", "contribution_months": 420,
               "birth": "1952-05", "retirement_month": "2012-05"}),
    );
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("pension"), "{e}");
}

#[test]
fn adjustment_without_a_scheme_names_year_and_rule_set() {
    let e = run(
        "adjustment",
        "cn/shaanxi",
        json!({"year": 2026, "pension": "3000", "contribution_months": 420,
               "birth": "1952-05", "retirement_month": "2012-05"}),
    );
    assert_eq!(e.code(), "rule_missing_year");
    let m = e.to_string();
    assert!(m.contains("2026") && m.contains("cn/shaanxi"), "{m}");
}

#[test]
fn transfer_names_the_span() {
    let e = run(
        "transfer",
        "cn/national",
        json!({"hukou_region": "610000", "birth": "1980-05", "category": "male",
               "retirement_month": "2040-05",
               "history": [{"from": "2020-01", "to": "2019-12", "base": "6000", "region": "440300"}]}),
    );
    assert_eq!(e.code(), "invalid_input");
    assert!(paths(&e).iter().any(|p| p.starts_with("history[0]")), "{e}");
}

#[test]
fn rule_file_problems_carry_file_and_line() {
    let files = vec![
        (
            "t/ruleset.toml".to_string(),
            Arc::from("id = \"t/x\"\nversion = \"1\"\nextends = \"cn/national\"\n"),
        ),
        (
            "t/award.toml".to_string(),
            Arc::from(
                "# a comment\n[award.pension_base]\n[[award.pension_base.values]]\nyear = 2030\nvalue = 7000\n",
            ),
        ),
    ];
    let e = Catalog::from_files("rules/", files)
        .load("t/x")
        .unwrap_err();
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.code == DiagnosticCode::FloatValue || d.code == DiagnosticCode::WrongType)
        .unwrap_or_else(|| panic!("{e}"));
    assert_eq!((&*d.file, d.line), ("rules/t/award.toml", 5), "{e}");
    assert!(e.to_string().contains("rules/t/award.toml:5:"), "{e}");
    assert_eq!(Error::from(e).code(), "rules_invalid");
}

#[test]
fn overlay_problems_carry_the_label_and_line() {
    let base = RuleSet::embedded("cn/shaanxi").unwrap();
    let e = base
        .with_overlay(
            "scenario.toml",
            "[overlay]\nid = \"s\"\n\n[award.pension_bse]\n",
        )
        .unwrap_err();
    assert!(e.to_string().contains("scenario.toml:4:"), "{e}");
    assert_eq!(e.diagnostics[0].code, DiagnosticCode::UnknownKey);
}

#[test]
fn hash_mismatch_has_its_own_code() {
    let rules = RuleSet::embedded("cn/national").unwrap();
    let e = Error::from(rules.ensure_hash(&"f".repeat(64)).unwrap_err());
    assert_eq!(e.code(), "hash_mismatch");
    assert!(e.to_string().contains(rules.hash()), "{e}");
    let e = Error::from(rules.ensure_hash("abc").unwrap_err());
    assert_eq!(e.code(), "hash_mismatch");
    assert!(e.to_string().contains("not a sha256"), "{e}");
}
