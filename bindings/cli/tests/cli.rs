//! The CLI as a user runs it: exit codes, stdout, stderr.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pension-rules-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn rules_list_shows_both_sets() {
    let o = run(&["rules", "list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("cn/national") && out.contains("cn/shaanxi"),
        "{out}"
    );
    assert!(out.contains("610000"), "{out}");
}

#[test]
fn rules_show_prints_values_with_sources() {
    let o = run(&["rules", "show", "cn/shaanxi", "--as-of", "2025-06-30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("award.pension_base"), "{out}");
    assert!(out.contains("2025: 7881"), "{out}");
    assert!(out.contains("国发〔2005〕38号"), "{out}");
    assert!(out.contains("contribution.employer_rate"));
    // As known on 2025-08-01 the 2025 base was the provisional 7727 (预发).
    let o = run(&[
        "rules",
        "show",
        "cn/shaanxi",
        "--as-of",
        "2025-06-30",
        "--known-on",
        "2025-08-01",
    ]);
    let out = stdout(&o);
    assert!(out.contains("2025: 7727  provisional"), "{out}");
}

#[test]
fn rules_show_json_parses() {
    let o = run(&[
        "rules",
        "show",
        "cn/national",
        "--as-of",
        "2026-01-01",
        "--json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "cn/national");
    assert_eq!(v["hash"].as_str().unwrap().len(), 64);
    let params = v["params"].as_array().unwrap();
    let rate = params
        .iter()
        .find(|p| p["name"] == "contribution.employer_rate")
        .unwrap();
    assert_eq!(rate["values"][0]["value"], "0.16");
    assert!(
        rate["values"][0]["provenance"]["source"]
            .as_str()
            .unwrap()
            .contains("国办发〔2019〕13号")
    );
}

#[test]
fn rules_hash_is_stable() {
    let a = stdout(&run(&["rules", "hash", "cn/shaanxi"]));
    let b = stdout(&run(&["rules", "hash", "cn/shaanxi"]));
    assert_eq!(a, b);
    assert!(a.starts_with("cn/shaanxi "), "{a}");
}

#[test]
fn validate_reports_every_problem_with_file_and_line() {
    let d = temp_dir("broken");
    std::fs::write(
        d.join("ruleset.toml"),
        "id = \"my/set\"\nversion = \"1\"\nextends = \"cn/national\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("award.toml"),
        "[award.basic_rate_per_year]\n[[award.basic_rate_per_year.values]]\nfrom = 2030-01-01\nvalue = 0.011\n\n[award.nonsense]\n",
    )
    .unwrap();
    let o = run(&["rules", "validate", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("award.toml:4:"),
        "float value on line 4: {err}"
    );
    assert!(
        err.contains("award.toml:2:"),
        "missing source at the entry on line 2: {err}"
    );
    assert!(
        err.contains("award.toml:6:"),
        "unknown parameter on line 6: {err}"
    );
    assert!(err.contains("3 problem(s)"), "{err}");
}

#[test]
fn validate_accepts_the_shipped_rules() {
    let o = run(&["rules", "validate", &repo("rules")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("cn/national: ok") && out.contains("cn/shaanxi: ok"),
        "{out}"
    );
}

#[test]
fn rules_dir_overrides_embedded() {
    let d = temp_dir("override");
    std::fs::write(
        d.join("ruleset.toml"),
        "id = \"my/reform\"\nversion = \"1\"\nextends = \"cn/shaanxi\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("contribution.toml"),
        "[contribution.employer_rate]\n[[contribution.employer_rate.values]]\nfrom = 2030-01-01\nvalue = \"0.14\"\nsource = \"scenario\"\n",
    )
    .unwrap();
    let o = run(&[
        "--rules-dir",
        d.to_str().unwrap(),
        "rules",
        "show",
        "my/reform",
        "--as-of",
        "2031-01-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("0.14  (from 2030-01-01)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn unknown_rule_set_fails_cleanly() {
    let o = run(&["rules", "show", "cn/atlantis"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cn/atlantis"), "{}", stderr(&o));
}

#[test]
fn check_fails_on_a_wrong_expectation() {
    let d = temp_dir("check");
    let f = d.join("cases.json");
    std::fs::write(&f, r#"[{"id": "bad", "kind": "unheard-of", "ruleset": "cn/national", "input": {}, "expect": {}}]"#).unwrap();
    let o = run(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("ERROR bad"), "{}", stdout(&o));
    std::fs::write(&f, "{ not json").unwrap();
    let o = run(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not valid JSON"), "{}", stderr(&o));
}

#[test]
fn check_runs_the_project_vectors() {
    let o = run(&[
        "check",
        "--allow-unsupported",
        &repo("tests/vectors/retirement.json"),
        &repo("tests/vectors/award.json"),
    ]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("total:"), "{}", stdout(&o));
}

#[test]
fn example_overlay_applies_and_changes_the_hash() {
    let overlay = repo("examples/reform-divisor-2030.toml");
    let o = run(&[
        "rules",
        "show",
        "cn/shaanxi",
        "--as-of",
        "2030-06-30",
        "--overlay",
        &overlay,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("cn/shaanxi+reform/divisor-2030 "), "{out}");
    assert!(out.contains("    60: 146\n"), "{out}");
    let base = stdout(&run(&["rules", "hash", "cn/shaanxi"]));
    let reform = stdout(&run(&[
        "rules",
        "hash",
        "cn/shaanxi",
        "--overlay",
        &overlay,
    ]));
    assert_ne!(base.split(' ').next_back(), reform.split(' ').next_back());
}

#[test]
fn rules_diff_shows_what_a_reform_changes() {
    let o = run(&[
        "rules",
        "diff",
        "cn/shaanxi",
        "cn/shaanxi",
        "--overlay-b",
        &repo("examples/reform-divisor-2030.toml"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("2 parameter(s) differ"), "{out}");
    // 国发〔2005〕38号 附件: 60 → 139; the scenario's 146.
    assert!(
        out.contains("+ from 2030-01-01, row 60: 139 → 146"),
        "{out}"
    );
    assert!(out.contains("+ from 2030-01-01: 0.16 → 0.15"), "{out}");
    let same = run(&["rules", "diff", "cn/shaanxi", "cn/shaanxi"]);
    assert!(stdout(&same).contains("no difference"));
}

#[test]
fn simulate_keeps_every_row_and_summarises() {
    let dir = temp_dir("simulate");
    let out = dir.join("out.csv");
    let flows = dir.join("flows.csv");
    let o = run(&[
        "simulate",
        &repo("examples/population.csv"),
        "--reform",
        &repo("examples/reform-divisor-2030.toml"),
        "--out",
        out.to_str().unwrap(),
        "--flows",
        flows.to_str().unwrap(),
    ]);
    // The run completed with a rejected row (`row 7`, a month 13): exit 1
    // (docs/errors.md, "CLI exit codes"), every output still written.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(
        table.contains("baseline") && table.contains("reform/divisor-2030"),
        "{table}"
    );
    assert!(table.contains("mean pension"), "{table}");
    let csv = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // Header + 7 persons × 2 scenarios, in input order.
    assert_eq!(lines.len(), 15, "{csv}");
    assert!(lines[1].starts_with("baseline,career-male,ok,"));
    assert!(
        lines[5].starts_with("baseline,yearly-path,ok,"),
        "{}",
        lines[5]
    );
    assert!(lines[2].starts_with("reform/divisor-2030,career-male,ok,"));
    assert!(
        lines[11].starts_with("baseline,not-eligible,not_applicable,"),
        "{}",
        lines[11]
    );
    assert!(
        lines[13].starts_with("baseline,bad-month,invalid_input,"),
        "{}",
        lines[13]
    );
    assert!(
        std::fs::read_to_string(&flows)
            .unwrap()
            .starts_with("scenario,year,")
    );
}

#[test]
fn award_region_and_attr_flags_pick_the_city_layer_and_its_extras() {
    // derived-award-2 (docs/sources.md §9.2 worked example 11) on the test
    // city layer core/tests/fixtures/regions (5 % only-child bonus, not a real rule):
    // 4510.45 + 5 % × 4510.45 (225.52) = 4735.97.
    let d = temp_dir("region");
    let input = d.join("in.json");
    std::fs::write(
        &input,
        r#"{"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
            "contribution_months": 360, "deemed_months": 120,
            "average_index": "0.8", "account_balance": "120000",
            "attributes": {"area": "a"}}"#,
    )
    .unwrap();
    let fixtures = repo("core/tests/fixtures/regions");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "--rules-dir",
            fixtures.as_str(),
            "award",
            input.to_str().unwrap(),
            "--ruleset",
            "cn/shaanxi",
            "--no-trace",
        ];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let a = args(&["--region", "610113", "--attr", "only_child=true"]);
    let o = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["local_extras"], "255.52");
    assert_eq!(v["total"], "4735.97");
    // Without the attribute the extra that needs it is refused.
    let a = args(&["--region", "610113"]);
    let o = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("attributes.only_child"),
        "{}",
        stderr(&o)
    );
}

/// `rules site OUT/` with a --rules-dir: the shipped sets and the
/// directory's set, each parameter a page; the set's own value on its page,
/// its origin on the index; an unwritable OUT is an [io] error, exit 2.
#[test]
fn rules_site_writes_the_explorer() {
    let d = temp_dir("site-rules");
    std::fs::write(
        d.join("ruleset.toml"),
        "id = \"my/reform\"\nversion = \"1.0.0\"\nextends = \"cn/shaanxi\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("contribution.toml"),
        "[contribution.employer_rate]\n[[contribution.employer_rate.values]]\nfrom = 2030-01-01\nvalue = \"0.14\"\nsource = \"scenario: 14 % from 2030\"\n",
    )
    .unwrap();
    let out = temp_dir("site-out");
    let o = run(&[
        "--rules-dir",
        d.to_str().unwrap(),
        "rules",
        "site",
        out.to_str().unwrap(),
        "--as-of",
        "2031-01-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("files ("), "{}", stdout(&o));
    let page = std::fs::read_to_string(out.join("sets/my/reform/contribution.employer_rate.html"))
        .unwrap();
    assert!(page.contains("<td class=\"v\">0.14</td><td>2030-01-01</td><td class=\"src\">scenario: 14 % from 2030</td>"), "{page}");
    assert!(page.contains("Differences from cn/shaanxi"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"sets/my/reform/index.html\">my/reform</a>"));
    assert!(index.contains("规则目录 rules directory"));
    assert!(index.contains("<a href=\"sets/cn/national/index.html\">cn/national</a>"));
    let n = |dir: &str| std::fs::read_dir(out.join(dir)).unwrap().count();
    assert!(n("sets/cn/shaanxi") > 40 && n("sets/my/reform") > 40);

    // OUT under a regular file cannot be created.
    let file = out.join("index.html");
    let o = run(&["rules", "site", file.join("x").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: [io] "), "{}", stderr(&o));
}

#[test]
fn a_reform_in_one_line_as_a_json_overlay() {
    // examples/reform-rate-2030.json: dotted paths to values by period.
    let overlay = repo("examples/reform-rate-2030.json");
    let o = run(&[
        "rules",
        "show",
        "cn/shaanxi",
        "--as-of",
        "2030-06-30",
        "--overlay",
        &overlay,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // The file's stem names the reform.
    assert!(
        out.starts_with("cn/shaanxi+reform/reform-rate-2030 "),
        "{out}"
    );
    assert!(out.contains("    60: 142\n"), "{out}");
    assert!(out.contains("hypothetical"), "{out}");
    let bad = temp_dir("reform-json").join("bad.json");
    std::fs::write(
        &bad,
        r#"{"contribution.employer_rat": {"2030-01": "0.15"}}"#,
    )
    .unwrap();
    let o = run(&[
        "rules",
        "show",
        "cn/shaanxi",
        "--overlay",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("contribution.employer_rat"),
        "{}",
        stderr(&o)
    );
}
