//! The CLI under bad input: non-zero exit with the message on stderr, one
//! line per payroll row whatever the rows hold, pinned rule sets, and no
//! panic when the reader of the output goes away.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn temp(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pension-rules-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn hash(id: &str) -> String {
    let (out, _) = text(&bin(&["rules", "hash", id]));
    out.split_whitespace().last().unwrap().to_string()
}

fn no_panic(err: &str) {
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn errors_exit_2_with_the_message_on_stderr() {
    let bad_award = temp(
        "bad-award.json",
        r#"{"category": "mal", "birth": "1964-13", "retirement_month": "2024-06"}"#,
    );
    let not_json = temp("not-json.json", "{not json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "award",
                "--ruleset",
                "cn/shaanxi",
                bad_award.to_str().unwrap(),
            ],
            "birth",
        ),
        (
            vec![
                "contribution",
                "--rules",
                "cn/atlantis",
                "--month",
                "2025-07",
                "--wage",
                "1",
            ],
            "cn/atlantis",
        ),
        (
            vec!["contribution", "--month", "2025-07", "--wage", "1e30"],
            "1e30",
        ),
        (vec!["check", not_json.to_str().unwrap()], "JSON"),
        (
            vec!["retirement", "--category", "male", "--birth", "1976-00"],
            "1976-00",
        ),
        (
            vec!["--rules-dir", "/nonexistent/rules", "rules", "list"],
            "/nonexistent/rules",
        ),
    ];
    for (args, needle) in cases {
        let o = bin(&args);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out}{err}");
        assert!(err.starts_with("error"), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        no_panic(&err);
    }
}

#[test]
fn payroll_reports_every_row_in_order() {
    let csv = temp(
        "mixed.csv",
        "employee_id,wage,employment\n\
         A,6000,employee\n\
         B,1e30,employee\n\
         C,9999999999999999999999999999,employee\n\
         D,-1,employee\n\
         E,abc,contract\n\
         ,6000,employee\n\
         A,79228162514264337593543950336,employee\n\
         F,7000.005,employee\n",
    );
    let o = bin(&[
        "contribution",
        "--payroll",
        csv.to_str().unwrap(),
        "--month",
        "2025-07",
        "--format",
        "json",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "some rows rejected: {err}");
    no_panic(&err);
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 8);
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["employee_id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["A", "B", "C", "D", "E", "", "A", "F"]);
    let ok: Vec<bool> = rows.iter().map(|r| r.get("error").is_none()).collect();
    // 1e30 is not a decimal the engine reads; the 28-digit wage is capped;
    // one above the decimal range is not read either.
    assert_eq!(ok, [true, false, true, false, false, false, false, true]);
    for (i, r) in rows.iter().enumerate() {
        if let Some(e) = r.get("error") {
            assert_eq!(e["code"], "invalid_input");
            let path = e["fields"][0]["path"].as_str().unwrap();
            assert!(path.starts_with(&format!("row {}.", i + 1)), "{path}");
        }
    }
    // The 28-digit wage is capped at the 2025 cap 23250 (陕人社函〔2025〕424号):
    // 16 % and 8 % of it.
    assert_eq!(rows[2]["base"], "23250.00");
    assert_eq!(rows[2]["employer"], "3720.00");
    assert_eq!(rows[2]["individual"], "1860.00");
    assert_eq!(v["totals"]["assessed"], 3);
    assert_eq!(v["totals"]["rejected"], 5);
    assert_eq!(v["rules"]["id"], "cn/shaanxi");
}

#[test]
fn payroll_empty_and_malformed() {
    let empty = temp("empty.csv", "employee_id,wage,employment\n");
    let o = bin(&[
        "contribution",
        "--payroll",
        empty.to_str().unwrap(),
        "--year",
        "2025",
        "--format",
        "json",
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows"], Value::Array(vec![]));
    assert_eq!(v["totals"]["assessed"], 0);

    // Records with fewer or more fields than the header are error rows in
    // their place (never read with shifted columns); the others are assessed.
    let short = temp(
        "short.csv",
        "employee_id,wage,employment\nA,6000,employee\nB,6000\nC,6000,employee,x\nD,7000,employee\n",
    );
    let o = bin(&[
        "contribution",
        "--payroll",
        short.to_str().unwrap(),
        "--month",
        "2025-07",
        "--format",
        "json",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "some rows rejected: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["employee_id"], "A");
    assert_eq!(rows[3]["employee_id"], "D");
    // Rows from 1, as in the table; no file line beside them (issue 16).
    for (i, n) in [(1, 2), (2, 4)] {
        let e = &rows[i]["error"];
        assert_eq!(e["code"], "invalid_input", "{e}");
        assert_eq!(e["fields"][0]["path"], format!("row {}", i + 1), "{e}");
        assert_eq!(rows[i]["row"], i + 1, "{e}");
        let m = e["message"].as_str().unwrap();
        assert!(
            m.contains(&format!(
                "the row has {n} cells, but the header names 3 columns"
            )),
            "{m}"
        );
    }
    assert_eq!(
        (
            v["totals"]["assessed"].as_u64(),
            v["totals"]["rejected"].as_u64()
        ),
        (Some(2), Some(2))
    );
    // The table shows the rejected rows too.
    let o = bin(&[
        "contribution",
        "--payroll",
        short.to_str().unwrap(),
        "--month",
        "2025-07",
    ]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out.matches("REJECTED").count(), 2, "{out}");

    let header = temp("header.csv", "id,wage\nA,6000\n");
    let o = bin(&[
        "contribution",
        "--payroll",
        header.to_str().unwrap(),
        "--month",
        "2025-07",
    ]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.starts_with("error: [invalid_input] "), "{err}");
    assert!(
        err.contains("unknown column \"id\"")
            && err.contains("missing column \"employee_id\"")
            && err.contains("missing column \"employment\""),
        "{err}"
    );
    // No header at all (an empty file): refused, naming the columns.
    let nothing = temp("nothing.csv", "");
    let o = bin(&[
        "contribution",
        "--payroll",
        nothing.to_str().unwrap(),
        "--month",
        "2025-07",
    ]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("header") && err.contains("employee_id,wage,employment"),
        "{err}"
    );
}

#[test]
fn pinned_rule_set_must_match() {
    let h = hash("cn/shaanxi");
    assert!(h.starts_with("sha256:") && h.len() == 71, "{h}");
    let args = ["contribution", "--month", "2025-07", "--wage", "6000"];
    // The right hash, bare or with its prefix.
    for pin in [format!("cn/shaanxi={h}"), format!("cn/shaanxi={}", &h[7..])] {
        let mut a = vec!["--pin", pin.as_str()];
        a.extend(args);
        let o = bin(&a);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{err}");
        assert!(out.contains(&h[7..19]), "the output states the hash: {out}");
    }
    // Another set's hash.
    let wrong = format!("cn/shaanxi={}", hash("cn/national"));
    let mut a = vec!["--pin", wrong.as_str()];
    a.extend(args);
    let o = bin(&a);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("was expected") && err.contains(&h), "{err}");
    // A pin on a set the command does not use changes nothing.
    let other = format!("cn/other={}", "0".repeat(64));
    let mut a = vec!["--pin", other.as_str()];
    a.extend(args);
    assert!(bin(&a).status.success());
    // Not ID=HASH.
    let o = bin(&["--pin", "cn/shaanxi", "rules", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("ID=HASH"));
}

#[test]
fn pins_apply_to_every_set_a_command_loads() {
    // A transfer loads cn/national and cn/shaanxi: a wrong pin on either
    // stops it.
    let wrong = format!("cn/national={}", "0".repeat(64));
    let o = bin(&[
        "--pin",
        &wrong,
        "transfer",
        &repo("examples/transfer-guangdong-shaanxi.json"),
    ]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cn/national"), "{err}");
    // In a conformance run each case on the pinned set is an error with the
    // code hash_mismatch.
    let o = bin(&[
        "--pin",
        &wrong,
        "check",
        "--json",
        &repo("tests/vectors/survivor.json"),
    ]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("hash_mismatch"), "{out}");
}

#[test]
fn closed_pipe_is_not_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(["rules", "show", "cn/shaanxi"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then hang up.
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    no_panic(&err);
}

/// Every `rules` object found in a JSON output, anywhere.
fn rules_objects(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "rules" && x.get("hash").is_some() {
                    out.push(x.clone());
                }
                rules_objects(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| rules_objects(x, out)),
        _ => {}
    }
}

#[test]
fn every_command_states_the_rules_it_used() {
    let payroll = repo("examples/unit-payroll.csv");
    let account = repo("examples/account-statement.json");
    let person = repo("examples/shaanxi-person.json");
    let transfer = repo("examples/transfer-guangdong-shaanxi.json");
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "contribution",
            "--month",
            "2025-07",
            "--wage",
            "6000",
            "--format",
            "json",
        ],
        vec![
            "contribution",
            "--payroll",
            &payroll,
            "--month",
            "2025-07",
            "--format",
            "json",
        ],
        vec!["account", &account, "--format", "json"],
        vec!["award", "--ruleset", "cn/shaanxi", &person],
        vec!["transfer", &transfer, "--json"],
        vec![
            "survivor",
            "--contribution-months",
            "345",
            "--monthly-income-base",
            "2818.5",
            "--death-month",
            "2023-01",
            "--json",
        ],
        vec![
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
            "--json",
        ],
        vec![
            "retirement",
            "--category",
            "male",
            "--birth",
            "1976-02",
            "--json",
        ],
    ];
    for args in commands {
        let o = bin(&args);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{args:?}: {err}");
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        let mut found = vec![];
        rules_objects(&v, &mut found);
        assert!(
            !found.is_empty(),
            "{args:?}: no rules identity in the output"
        );
        for r in found {
            assert!(
                r["id"].as_str().is_some_and(|s| s.starts_with("cn/")),
                "{args:?}: {r}"
            );
            assert!(
                r["version"].as_str().is_some_and(|s| !s.is_empty()),
                "{args:?}: {r}"
            );
            assert_eq!(r["hash"].as_str().map(str::len), Some(64), "{args:?}: {r}");
        }
    }
}
