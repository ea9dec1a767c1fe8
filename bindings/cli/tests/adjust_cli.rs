//! `pension-rules adjust` as a user runs it (基本养老金调整).

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const CASE_A_2025: &[&str] = &[
    "adjust",
    "--year",
    "2025",
    "--pension",
    "3000",
    "--contribution-months",
    "420",
    "--birth",
    "1952-05",
    "--retirement-month",
    "2012-05",
];

#[test]
fn explains_one_year_with_sources() {
    // docs/sources.md §9.3 Case A 2025: 30 + 24 + 16 + 10 = 80.
    let o = run(CASE_A_2025);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("80.00"), "{out}");
    assert!(out.contains("3080.00"), "{out}");
    assert!(
        out.contains("adjustment.pension_pct[2025] = 0.0052"),
        "{out}"
    );
    assert!(out.contains("不足1元的部分按1元增加"), "{out}");
}

#[test]
fn json_output_parses() {
    let mut args = CASE_A_2025.to_vec();
    args.push("--json");
    let o = run(&args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["increase"], "80.00");
    assert_eq!(v["pct_part"], "16");
    assert!(
        v["trace"]["steps"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
}

#[test]
fn chains_years_into_a_table() {
    // Case A retiree from 2024: 2024 +116 → 3116, then 2025 on 3116:
    // 30 + 24 + ceil(3116 × 0.52 % = 16.2032) = 17 + 10 = 81 → 3197.
    let o = run(&[
        "adjust",
        "--from-year",
        "2024",
        "--to-year",
        "2025",
        "--pension",
        "3000",
        "--contribution-months",
        "420",
        "--birth",
        "1952-05",
        "--retirement-month",
        "2012-05",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let row = |y: &str| {
        out.lines()
            .find(|l| l.starts_with(y))
            .unwrap_or("")
            .to_string()
    };
    assert!(row("2024").ends_with("3116"), "{out}");
    assert!(
        row("2025").contains("3116") && row("2025").ends_with("3197"),
        "{out}"
    );
}

#[test]
fn a_year_without_a_scheme_fails_clearly() {
    let mut args = CASE_A_2025.to_vec();
    args[2] = "2026";
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("rule_missing_year"), "{err}");
    assert!(
        err.contains("no pension adjustment scheme in the rule set cn/shaanxi for 2026"),
        "{err}"
    );
}

#[test]
fn every_input_problem_is_listed() {
    let o = run(&[
        "adjust",
        "--year",
        "2025",
        "--pension",
        "-3",
        "--contribution-months",
        "-1",
        "--birth",
        "1952-05",
        "--retirement-month",
        "1950-05",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    for flag in ["--pension", "--contribution-months", "--retirement-month"] {
        assert!(err.contains(flag), "{err}");
    }
}
