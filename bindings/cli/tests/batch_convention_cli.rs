//! Issue 16 at the command line: population files refused whole for a
//! header problem or no rows, row errors that name the row (from 1), the
//! person and the column in words, a summary that says how many rows it
//! leaves out, strict `check` files, payroll rows numbered from 1 with
//! snake_case issue names, short and malformed pins, and rule sets that
//! cannot replace a shipped set silently.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("pension-rules-batch-conv-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn temp(name: &str, body: &str) -> String {
    let p = dir().join(name);
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

const HEAD: &str = "id,birth,category,first_contribution,index";

#[test]
fn a_population_header_problem_or_no_rows_refuses_the_whole_file() {
    let rows = "\nP1,1990-03,male,2012-07,1.0".repeat(1000);
    for (name, body, want) in [
        (
            "dup.csv",
            format!("{HEAD},index{}", rows.replace("1.0", "1.0,1.0")),
            "header.index: column index appears twice (columns 5 and 6)",
        ),
        (
            "missing.csv",
            format!("id,birth,category,index{}", rows.replace(",2012-07", "")),
            "header.first_contribution: required column first_contribution is missing",
        ),
        (
            "unknown.csv",
            format!("{HEAD},wage{}", rows.replace("1.0", "1.0,1")),
            "header.wage: unknown column \"wage\"",
        ),
        ("empty.csv", String::new(), "header: the file is empty"),
        ("head-only.csv", format!("{HEAD}\n"), "rows: no persons"),
    ] {
        let p = temp(name, &body);
        let out = dir().join(format!("{name}.out.csv"));
        let o = bin(&["simulate", &p, "--out", out.to_str().unwrap()]);
        let (stdout, stderr) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.starts_with("error: [invalid_input]"),
            "{name}: {stderr}"
        );
        assert!(stderr.contains(want), "{name}: {stderr}");
        // One error for the file, not one per row.
        assert!(stderr.lines().count() <= 3, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: {stdout}");
    }
}

#[test]
fn row_errors_name_the_row_the_person_and_the_column_and_the_summary_counts_them() {
    let p = temp(
        "rows.csv",
        &format!(
            "{HEAD},deemed_months\n\
             P1,1990-03,male,2012-07,1.0,\n\
             P300,1990-03,robot,2012-07,abc,x\n\
             P3,1990-03,male,2012-07,0.9,\n"
        ),
    );
    let out = dir().join("rows.out.csv");
    let o = bin(&["simulate", &p, "--out", out.to_str().unwrap()]);
    let (stdout, stderr) = text(&o);
    assert!(stderr.is_empty() || !stderr.contains("error"), "{stderr}");
    // The table says how many persons the figures leave out.
    let left = stdout
        .lines()
        .find(|l| l.starts_with("left out (errors)"))
        .unwrap_or_default();
    assert_eq!(left.split_whitespace().last(), Some("1"), "{stdout}");
    assert!(
        stdout.contains("1 of 3 persons left out of the means, medians and flows"),
        "{stdout}"
    );
    let results = std::fs::read_to_string(&out).unwrap();
    let bad = results.lines().nth(2).unwrap();
    // A row that does not read keeps its person's id in the id column.
    assert!(bad.starts_with("baseline,P300,invalid_input,"), "{bad}");
    for want in [
        "row 2.category: person P300: unknown category \"\"robot\"\" (expected male, female_50, female_55)",
        "row 2.deemed_months: person P300: expected a whole number of months like 120, got \"\"x\"\"",
        "row 2.index: person P300: expected a decimal like 0.85, got \"\"abc\"\"",
    ] {
        assert!(bad.contains(want), "{want}\n{bad}");
    }
    for internal in ["variant", "untagged", "Invalid decimal"] {
        assert!(!results.contains(internal), "{results}");
    }
    // JSON summaries carry the count too.
    let o = bin(&["simulate", &p, "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summaries"][0]["left_out"], 1);
    assert_eq!(v["summaries"][0]["persons"], 3);
}

#[test]
fn check_refuses_an_empty_file_and_duplicate_ids() {
    let empty = temp("empty-vectors.json", "[]");
    let o = bin(&["check", &empty]);
    let (_, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("[invalid_input]") && stderr.contains("(file): no cases"),
        "{stderr}"
    );
    let case = |id: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "retirement", "ruleset": "cn/national", "input": {{"birth": "1976-02", "category": "male"}}, "expect": {{"statutory_month": "2038-12"}}}}"#
        )
    };
    let dup = temp(
        "dup-vectors.json",
        &format!("[{}, {}, {}]", case("a"), case("b"), case("a")),
    );
    let o = bin(&["check", &dup]);
    let (_, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("[2].id: duplicate case id \"a\": case [0] has it too"),
        "{stderr}"
    );
    // An empty `expect` is an invalid case (exit 1), and every wrong field
    // of a case is listed.
    let cases = temp(
        "expect-vectors.json",
        r#"[{"id": "e", "kind": "retirement", "ruleset": "cn/national", "input": {"birth": "1976-02", "category": "male"}, "expect": {}},
            {"id": "w", "kind": "retirement", "ruleset": "cn/national", "input": {"birth": "1976-02", "category": "male"}, "expect": {"statutory_month": "2038-11", "statutory_age": "62y9m"}}]"#,
    );
    let o = bin(&["check", &cases]);
    let (stdout, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("ERROR e (retirement): [invalid_case]"),
        "{stdout}"
    );
    let fail = stdout.lines().find(|l| l.starts_with("FAIL  w")).unwrap();
    assert!(
        fail.contains("statutory_month: expected") && fail.contains("statutory_age: expected"),
        "{fail}"
    );
}

#[test]
fn payroll_rows_count_from_one_and_issues_are_snake_case() {
    let p = temp(
        "payroll.csv",
        "employee_id,wage,employment\nE1,3000,employee\nE2,6000,employee\nE1,7000,employee\nE4,abc,employee\n",
    );
    let o = bin(&["contribution", "--payroll", &p, "--month", "2024-03"]);
    let (stdout, _) = text(&o);
    for want in [
        "row 1 (E1): below_floor:",
        "row 3 (E1): duplicate_id: employee id E1 also on row 1",
        "row 4 (E4): invalid: invalid input: row 4.wage: employee E4: expected a decimal like 3000.50: digits with an optional point",
    ] {
        assert!(stdout.contains(want), "{want}\n{stdout}");
    }
    for internal in ["BelowFloor", "DuplicateId", "Invalid:"] {
        assert!(!stdout.contains(internal), "{stdout}");
    }
    let o = bin(&[
        "contribution",
        "--payroll",
        &p,
        "--month",
        "2024-03",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let numbers: Vec<u64> = rows.iter().map(|r| r["row"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(rows[3]["error"]["fields"][0]["path"], "row 4.wage");
    let issues: Vec<(u64, &str)> = v["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["row"].as_u64().unwrap(), a["issue"].as_str().unwrap()))
        .collect();
    assert_eq!(
        issues,
        [(1, "below_floor"), (3, "duplicate_id"), (4, "invalid")]
    );
}

fn shaanxi_hash() -> String {
    let (out, _) = text(&bin(&["rules", "hash", "cn/shaanxi"]));
    out.split_whitespace()
        .last()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string()
}

#[test]
fn a_short_pin_holds_and_a_malformed_pin_is_invalid_input() {
    let h = shaanxi_hash();
    let person = repo("examples/shaanxi-person.json");
    for pin in [
        format!("cn/shaanxi={}", &h[..12]),
        format!("cn/shaanxi=sha256:{}", h[..16].to_uppercase()),
    ] {
        let o = bin(&["--pin", &pin, "award", &person]);
        assert!(o.status.success(), "{pin}: {}", text(&o).1);
    }
    for (pin, want) in [
        ("cn/shaanxi=7397952", "\"7397952\" is not a content hash"),
        (
            "cn/shaanxi=zz979521b936",
            "\"zz979521b936\" is not a content hash",
        ),
        ("cn/shaanxi", "is not ID=HASH"),
    ] {
        let o = bin(&["--pin", pin, "award", &person]);
        let (_, stderr) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{pin}: {stderr}");
        assert!(
            stderr.starts_with("error: [invalid_input]"),
            "{pin}: {stderr}"
        );
        assert!(stderr.contains(want), "{pin}: {stderr}");
        assert!(!stderr.contains("hash_mismatch"), "{pin}: {stderr}");
    }
    // A wrong short hash is a mismatch, as a wrong full one.
    let o = bin(&["--pin", "cn/shaanxi=000000000000", "award", &person]);
    assert!(text(&o).1.starts_with("error: [hash_mismatch]"));
}

/// `rules/cn/shaanxi` copied under `root`, its 1.4 % edited to 1.3 %.
fn edited_shaanxi(root: &Path) {
    let to = root.join("cn/shaanxi");
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(repo("rules/cn/shaanxi")).unwrap() {
        let p = e.unwrap().path();
        let mut t = std::fs::read_to_string(&p).unwrap();
        if p.file_name().unwrap() == "award.toml" {
            t = t.replacen("value = \"0.014\"", "value = \"0.013\"", 1);
        }
        std::fs::write(to.join(p.file_name().unwrap()), t).unwrap();
    }
}

#[test]
fn a_rules_dir_cannot_replace_a_shipped_set_silently() {
    let root = dir().join("rules-edited");
    edited_shaanxi(&root);
    let root_s = root.display().to_string();
    let person = repo("examples/shaanxi-person.json");
    let o = bin(&["--rules-dir", &root_s, "award", &person]);
    let (_, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: [ruleset_conflict]"), "{stderr}");
    assert!(
        stderr.contains("cn/shaanxi/ruleset.toml:0:0: version:"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-override"), "{stderr}");
    // Allowed: computed with the edited set, announced on stderr, named in
    // the identity with its origin.
    let o = bin(&[
        "--rules-dir",
        &root_s,
        "--allow-override",
        "award",
        &person,
        "--format",
        "json",
    ]);
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.starts_with("warning: rule set cn/shaanxi")
            && stderr.contains("replaces the shipped cn/shaanxi"),
        "{stderr}"
    );
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let rules = &v["trace"]["rules"];
    assert!(
        rules["origin"].as_str().unwrap().ends_with("cn/shaanxi"),
        "{rules}"
    );
    assert!(
        rules["overrides"]
            .as_str()
            .unwrap()
            .contains(&shaanxi_hash()),
        "{rules}"
    );
    // `rules validate` names the conflict unless it is allowed.
    let o = bin(&["rules", "validate", &root_s]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o)
            .1
            .contains("the same id and version with other content")
    );
    let o = bin(&["--allow-override", "rules", "validate", &root_s]);
    assert!(o.status.success(), "{}", text(&o).1);
    assert!(text(&o).0.contains("replaces the shipped cn/shaanxi"));
    // `rules list` shows every set's origin.
    let o = bin(&["--rules-dir", &root_s, "--allow-override", "rules", "list"]);
    let (stdout, _) = text(&o);
    assert!(
        stdout.lines().next().unwrap().contains("origin"),
        "{stdout}"
    );
    let national = stdout
        .lines()
        .find(|l| l.starts_with("cn/national "))
        .unwrap();
    assert!(national.contains(" embedded "), "{national}");
    let shaanxi = stdout
        .lines()
        .find(|l| l.starts_with("cn/shaanxi "))
        .unwrap();
    assert!(
        shaanxi.contains(&root_s) && shaanxi.contains("replaces the shipped"),
        "{shaanxi}"
    );
}
