//! Every command's error paths print one shape, `error: [code] message` on
//! stderr, and exit 2 (docs/errors.md, "CLI exit codes"): rule-set load
//! errors (an unknown id, a pin that does not hold, a broken overlay),
//! unreadable files (`io`) and bad input (`invalid_input`: text that is not
//! JSON or CSV, bad field values, flags in a wrong combination).
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::PathBuf;
use std::process::Command;

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str, body: &str) -> String {
    let dir = std::env::temp_dir().join(format!("pension-rules-shape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p: PathBuf = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p.to_str().unwrap().to_string()
}

/// Run the CLI; (exit code, stderr).
fn run(args: &[String]) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn s(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

#[test]
fn every_command_error_has_the_code_first_and_exits_2() {
    let missing = "/nonexistent/pension-rules/file";
    let not_json = temp("not-json.json", "{not json");
    let bad_award = temp(
        "bad-award.json",
        r#"{"category": "mal", "birth": "1964-13", "retirement_month": "2024-06"}"#,
    );
    let bad_overlay = temp(
        "bad-overlay.toml",
        "[overlay]\nid = \"s\"\n\n[award.pension_bse]\n",
    );
    let bad_header = temp("bad-header.csv", "identifier,birth\nx,1990-01\n");
    let award = repo("examples/shaanxi-person.json");
    let account = repo("examples/account-statement.json");
    let transfer = repo("examples/transfer-guangdong-shaanxi.json");
    let payroll = repo("examples/unit-payroll.csv");
    let population = repo("examples/population.csv");
    let projection = repo("examples/projection.json");
    let zero = "0".repeat(64);
    let pins = [
        "--pin".to_string(),
        format!("cn/shaanxi={zero}"),
        "--pin".to_string(),
        format!("cn/national={zero}"),
    ];

    // Commands as they run fine, to be broken by a pin that does not hold.
    let good: Vec<Vec<String>> = vec![
        s(&["rules", "show", "cn/shaanxi"]),
        s(&["rules", "hash", "cn/shaanxi"]),
        s(&["rules", "diff", "cn/national", "cn/shaanxi"]),
        s(&["retirement", "--category", "male", "--birth", "1976-02"]),
        s(&[
            "survivor",
            "--contribution-months",
            "345",
            "--monthly-income-base",
            "2818.5",
        ]),
        s(&["contribution", "--month", "2025-07", "--wage", "6000"]),
        s(&["contribution", "--payroll", &payroll, "--month", "2025-07"]),
        s(&["account", &account, "--rules", "cn/national"]),
        s(&[
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
        ]),
        s(&["award", &award, "--rules", "cn/shaanxi"]),
        s(&["explain", &award, "--rules", "cn/shaanxi"]),
        s(&["simulate", "--synthetic", "5"]),
        s(&["transfer", &transfer]),
        s(&["project", &projection]),
    ];
    let mut cases: Vec<(Vec<String>, &str)> = vec![];
    for g in &good {
        let (code, err) = run(g);
        assert_eq!(code, Some(0), "{g:?} runs without a pin: {err}");
        let mut a = pins.to_vec();
        a.extend(g.iter().cloned());
        cases.push((a, "hash_mismatch"));
    }

    // Unknown rule sets, broken rule data.
    for a in [
        s(&["rules", "show", "cn/atlantis"]),
        s(&["rules", "hash", "cn/atlantis"]),
        s(&["rules", "diff", "cn/national", "cn/atlantis"]),
        s(&["rules", "show", "cn/shaanxi", "--overlay", &bad_overlay]),
        s(&["rules", "validate", missing]),
        s(&["--rules-dir", missing, "rules", "list"]),
        s(&[
            "retirement",
            "--rules",
            "cn/atlantis",
            "--category",
            "male",
            "--birth",
            "1976-02",
        ]),
        s(&[
            "survivor",
            "--rules",
            "cn/atlantis",
            "--contribution-months",
            "345",
            "--monthly-income-base",
            "2818.5",
        ]),
        s(&[
            "contribution",
            "--rules",
            "cn/atlantis",
            "--month",
            "2025-07",
            "--wage",
            "1",
        ]),
        s(&["account", &account, "--rules", "cn/atlantis"]),
        s(&[
            "adjust",
            "--rules",
            "cn/atlantis",
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
        ]),
        s(&["award", &award, "--rules", "cn/atlantis"]),
        s(&["explain", &award, "--rules", "cn/atlantis"]),
        s(&["simulate", &population, "--rules", "cn/atlantis"]),
        s(&["simulate", &population, "--reform", &bad_overlay]),
        s(&["transfer", &transfer, "--ruleset", "cn/atlantis"]),
    ] {
        cases.push((a, "rules_invalid"));
    }

    // Files that cannot be read or written.
    for a in [
        s(&["check", missing]),
        s(&["contribution", "--input", missing]),
        s(&[
            "contribution",
            "--payroll",
            &format!("{missing}.csv"),
            "--month",
            "2025-07",
        ]),
        s(&["account", missing]),
        s(&[
            "account",
            &format!("{missing}.csv"),
            "--opening-year",
            "2020",
        ]),
        s(&["award", missing, "--rules", "cn/shaanxi"]),
        s(&["explain", missing, "--rules", "cn/shaanxi"]),
        s(&["transfer", missing]),
        s(&["project", missing]),
        s(&["simulate", missing]),
        s(&["simulate", "--synthetic", "5", "--assumptions", missing]),
        s(&[
            "simulate",
            "--synthetic",
            "5",
            "--out",
            &format!("{missing}/out.csv"),
        ]),
        s(&["rules", "show", "cn/shaanxi", "--overlay", missing]),
    ] {
        cases.push((a, "io"));
    }

    // Bad input: text that does not parse, bad values, flags that do not fit.
    for a in [
        s(&["check", &not_json]),
        s(&["contribution", "--input", &not_json]),
        s(&["contribution", "--payroll", &not_json, "--month", "2025-07"]),
        s(&["contribution", "--month", "2025-07", "--wage", "abc"]),
        s(&["contribution", "--wage", "6000"]),
        s(&["contribution", "--payroll", &payroll]),
        s(&[
            "contribution",
            "--payroll",
            &payroll,
            "--month",
            "2025-07",
            "--wage",
            "1",
        ]),
        s(&["account", &not_json]),
        s(&["account", &payroll]),
        s(&["account", &account, "--rate", "2014"]),
        s(&["award", &not_json, "--rules", "cn/shaanxi"]),
        s(&["award", &bad_award, "--rules", "cn/shaanxi"]),
        s(&["award", &bad_award]),
        s(&["explain", &bad_award, "--rules", "cn/shaanxi"]),
        s(&["transfer", &not_json]),
        s(&["project", &not_json]),
        s(&["retirement", "--category", "male", "--birth", "1976-00"]),
        s(&[
            "retirement",
            "--category",
            "male",
            "--birth",
            "1976-02",
            "--format",
            "csv",
        ]),
        s(&[
            "survivor",
            "--contribution-months",
            "345",
            "--monthly-income-base",
            "1",
            "--format",
            "csv",
        ]),
        s(&["retirement", "--category", "male", "--table"]),
        s(&[
            "survivor",
            "--contribution-months",
            "345",
            "--monthly-income-base",
            "abc",
        ]),
        s(&[
            "adjust",
            "--from-year",
            "2020",
            "--pension",
            "3000",
            "--contribution-months",
            "420",
            "--birth",
            "1952-05",
            "--retirement-month",
            "2012-05",
        ]),
        s(&[
            "adjust",
            "--year",
            "2025",
            "--pension",
            "-3000",
            "--contribution-months",
            "420",
            "--birth",
            "1952-05",
            "--retirement-month",
            "2012-05",
        ]),
        s(&["simulate"]),
        // Usage errors clap finds: the same shape.
        s(&["retirement", "--birth", "1976-02"]),
        s(&["contribution", "--no-such-flag"]),
        s(&["--pin", "cn/shaanxi", "rules", "list"]),
        s(&["no-such-command"]),
        s(&["simulate", &bad_header]),
        s(&["simulate", "--synthetic", "5", "--assumptions", &not_json]),
    ] {
        cases.push((a, "invalid_input"));
    }

    let mut wrong = vec![];
    for (args, want) in &cases {
        let (code, err) = run(args);
        let prefix = format!("error: [{want}] ");
        if code != Some(2) || !err.starts_with(&prefix) || err.contains("panicked") {
            wrong.push(format!(
                "{args:?}\n  exit {code:?}, want 2 and {prefix:?}: {err}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
