//! The `contribution` and `account` commands end to end: figures, exit codes,
//! error messages.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the CLI: {e}"))
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn temp(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pension-rules-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap_or_else(|e| panic!("{e}"));
    p
}

#[test]
fn one_month_json() {
    // tests/vectors/contribution.json: 2024-03, 6123.45 → 979.75 / 489.88
    let o = bin(&[
        "contribution",
        "--month",
        "2024-03",
        "--wage",
        "6123.45",
        "--format",
        "json",
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(v["result"]["employer"], "979.75");
    assert_eq!(v["result"]["account_credit"], "489.88");
}

#[test]
fn flexible_outside_limits_fails_with_the_limits() {
    let o = bin(&[
        "contribution",
        "--month",
        "2024-05",
        "--employment",
        "flexible",
        "--chosen-base",
        "4000",
    ]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("4559") && err.contains("22795"), "{err}");
}

#[test]
fn year_outside_the_rule_set_names_it() {
    let o = bin(&["contribution", "--month", "2021-05", "--wage", "5000"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("rule_missing_year") && err.contains("2021"),
        "{err}"
    );
}

#[test]
fn payroll_rows_all_reported() {
    let p = temp(
        "payroll.csv",
        "employee_id,wage,employment\nE1,3000,employee\nE2,6123.45,employee\nE3,abc,employee\n",
    );
    let o = bin(&[
        "contribution",
        "--payroll",
        p.to_str().unwrap_or(""),
        "--month",
        "2024-03",
        "--format",
        "json",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}"); // a rejected row
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(v["rows"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["rows"][2]["error"]["fields"][0]["path"], "row 3.wage");
    assert_eq!(v["rows"][2]["row"], 3);
    // 729.44 + 979.75
    assert_eq!(v["totals"]["employer"], "1709.19");
}

#[test]
fn account_csv_with_caller_rate() {
    let p = temp("credits.csv", "year,amount\n2014,1000\n2016,1000\n");
    let path = p.to_str().unwrap_or("");
    let o = bin(&[
        "account",
        path,
        "--opening-year",
        "2013",
        "--through-year",
        "2016",
    ]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("2014"), "{err}");
    let o = bin(&[
        "account",
        path,
        "--opening-year",
        "2013",
        "--through-year",
        "2016",
        "--rate",
        "2014=0.03",
        "--rate",
        "2015=0.025",
        "--format",
        "json",
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    // 2014: 1000 × 3% × 1.083/2 = 16.245 → 16.25; 2015: 1016.25 × 2.5% = 25.41 → 1041.66;
    // 2016: 1041.66 × 8.31% + 1000 × 8.31% × 1.083/2 = 86.562 + 44.998 = 131.56 → 2173.22
    assert_eq!(v["statement"]["balance"], "2173.22");
}

#[test]
fn account_vector_file() {
    let p = temp(
        "t15.json",
        r#"{"opening_balance": "100000.00", "opening_year": 2022,
            "credits": [{"year": 2023, "amount": "4800"}], "through_year": 2023}"#,
    );
    let o = bin(&[
        "account",
        p.to_str().unwrap_or(""),
        "--ruleset",
        "cn/national",
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("108873.19"), "{out}"); // 劳办发〔1997〕116号 附件3, docs/sources.md §3.2 T15
}
