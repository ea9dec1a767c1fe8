//! The CLI computes through the library's front door (`api::Engine`): its
//! `--format json` is what `Engine::compute` returns for the same input;
//! the consistent flags (`--ruleset`, `--format`, `--explain`, `--as-of`),
//! the hidden old spellings, and error messages in Chinese.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::process::{Command, Output};

use pension_rules::api::{Engine, Kind};
use serde_json::{Value, json};

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pension-rules"));
    c.args(args).env_remove("LANG").env_remove("LC_ALL");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).unwrap()
}

fn engine(id: &str) -> Engine {
    Engine::embedded(id).unwrap()
}

fn case_input(path: &str) -> Value {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(repo(path)).unwrap()).unwrap();
    v.get("input").cloned().unwrap_or(v)
}

#[test]
fn survivor_without_a_death_month_takes_the_engines_latest_rules() {
    // 《当代工人》2023年2期 案例1: Y = 2818.5, 28y9m contributed.
    let args = [
        "survivor",
        "--contribution-months",
        "345",
        "--pension-months-received",
        "42",
        "--monthly-income-base",
        "2818.5",
    ];
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let cli = json_of(&a);
    let input = json!({"contribution_months": 345, "pension_months_received": 42,
                       "monthly_income_base": "2818.5"});
    let want = engine("cn/national")
        .compute(Kind::Survivor, &input, true)
        .unwrap();
    assert_eq!(cli, want);
    assert_eq!(cli["total"], "59893.13");
    // Not today's date: the engine reads the latest rules, and says so.
    assert!(cli.get("rules_date").is_none(), "{cli}");
    assert!(ok(&args).contains("the latest rules (no --death-month)"));
}

#[test]
fn json_is_what_the_engine_computes() {
    // Retirement: the 2024 NPC retirement decision, docs/sources.md §5.3, born 1976-02 male → 62y10m.
    let cli = json_of(&[
        "retirement",
        "--birth",
        "1976-02",
        "--category",
        "male",
        "--format",
        "json",
    ]);
    let want = engine("cn/national")
        .compute(
            Kind::Retirement,
            &json!({"birth": "1976-02", "category": "male"}),
            true,
        )
        .unwrap();
    assert_eq!(cli, want);
    assert_eq!(cli["statutory_age"], "62y10m");

    // Award: the example case.
    let award = repo("examples/shaanxi-person.json");
    let cli = json_of(&["award", &award, "--ruleset", "cn/shaanxi"]);
    let input = case_input("examples/shaanxi-person.json");
    let want = engine("cn/shaanxi")
        .compute(Kind::Award, &input, true)
        .unwrap();
    assert_eq!(cli, want);

    // Explain as JSON: the engine's explanation.
    let cli = json_of(&["explain", &award, "--format", "json"]);
    let want = engine("cn/shaanxi").explain(Kind::Award, &input).unwrap();
    assert_eq!(cli, want);

    // Contribution: `result` and `trace` are the engine's figures and trace.
    let cli = json_of(&[
        "contribution",
        "--month",
        "2024-03",
        "--wage",
        "6000",
        "--format",
        "json",
        "--explain",
    ]);
    let mut want = engine("cn/shaanxi")
        .compute(
            Kind::Contribution,
            &json!({"month": "2024-03", "wage": "6000", "employment": "employee"}),
            true,
        )
        .unwrap();
    let trace = want.as_object_mut().unwrap().remove("trace").unwrap();
    assert_eq!(cli["result"], want);
    assert_eq!(cli["trace"], trace);
    assert_eq!(cli["rules"], trace["rules"]);
    assert_eq!(cli["result"]["employer"], "960.00"); // 16 % of 6000

    // Account statement.
    let account = repo("examples/account-statement.json");
    let cli = json_of(&["account", &account, "--format", "json"]);
    let mut want = engine("cn/shaanxi")
        .compute(
            Kind::Account,
            &case_input("examples/account-statement.json"),
            false,
        )
        .unwrap();
    want.as_object_mut().unwrap().remove("trace");
    assert_eq!(cli["statement"], want);

    // Adjustment.
    let cli = json_of(&[
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
        "--format",
        "json",
    ]);
    let want = engine("cn/shaanxi")
        .compute(
            Kind::Adjustment,
            &json!({"year": 2025, "pension": "3000", "contribution_months": 420,
                    "birth": "1952-05", "retirement_month": "2012-05"}),
            true,
        )
        .unwrap();
    assert_eq!(cli, want);

    // Transfer: the engine's rule sets for the places.
    let transfer = repo("examples/transfer-guangdong-shaanxi.json");
    let cli = json_of(&["transfer", &transfer, "--format", "json"]);
    let want = engine("cn/national")
        .compute(
            Kind::Transfer,
            &case_input("examples/transfer-guangdong-shaanxi.json"),
            true,
        )
        .unwrap();
    assert_eq!(cli, want);

    // Projection.
    let projection = repo("examples/projection.json");
    let cli = json_of(&["project", &projection, "--format", "json"]);
    let want = engine("cn/shaanxi")
        .compute(
            Kind::Projection,
            &case_input("examples/projection.json"),
            true,
        )
        .unwrap();
    assert_eq!(cli, want);
}

#[test]
fn the_old_spellings_still_work_and_are_hidden() {
    let award = repo("examples/shaanxi-person.json");
    let new = ok(&[
        "award",
        &award,
        "--ruleset",
        "cn/shaanxi",
        "--as-of",
        "2025-08-01",
    ]);
    let old = ok(&[
        "award",
        &award,
        "--rules",
        "cn/shaanxi",
        "--known-on",
        "2025-08-01",
    ]);
    assert_eq!(new, old);

    let new = ok(&[
        "retirement",
        "--birth",
        "1976-02",
        "--category",
        "male",
        "--format",
        "json",
    ]);
    let old = ok(&[
        "retirement",
        "--birth",
        "1976-02",
        "--category",
        "male",
        "--json",
        "--rules",
        "cn/national",
    ]);
    assert_eq!(new, old);

    let new = ok(&[
        "contribution",
        "--month",
        "2025-07",
        "--wage",
        "6000",
        "--explain",
    ]);
    let old = ok(&[
        "contribution",
        "--month",
        "2025-07",
        "--wage",
        "6000",
        "--trace",
        "--rules",
        "cn/shaanxi",
    ]);
    assert_eq!(new, old);
    assert!(new.contains("trace:"), "{new}");

    for cmd in [
        "award",
        "retirement",
        "contribution",
        "survivor",
        "check",
        "transfer",
    ] {
        let help = ok(&[cmd, "--help"]);
        for hidden in ["--rules ", "--json", "--trace", "--known-on"] {
            assert!(
                !help.contains(hidden),
                "{cmd} --help shows {hidden}:\n{help}"
            );
        }
    }
    let help = ok(&["contribution", "--help"]);
    for shown in ["--ruleset", "--format", "--explain", "--lang"] {
        assert!(help.contains(shown), "{shown}:\n{help}");
    }
}

#[test]
fn csv_where_the_result_has_rows() {
    let t = ok(&[
        "retirement",
        "--table",
        "--category",
        "female_50",
        "--from",
        "1975-01",
        "--to",
        "1975-03",
        "--format",
        "csv",
    ]);
    let mut lines = t.lines();
    assert_eq!(
        lines.next(),
        Some("birth_from,birth_to,age,retirement_from,retirement_to,delay_months")
    );
    // cn/national 对照表: women workers born 1975-01..02 retire at 50y1m
    // (one month's delay per two birth months), 1975-03 at 50y2m.
    assert_eq!(
        lines.next(),
        Some("1975-01,1975-02,50y1m,2025-02,2025-03,1")
    );
    assert_eq!(
        lines.next(),
        Some("1975-03,1975-03,50y2m,2025-05,2025-05,2")
    );

    let payroll = repo("examples/unit-payroll.csv");
    let csv = run(&[
        "contribution",
        "--payroll",
        &payroll,
        "--month",
        "2025-07",
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("row,employee_id,employment,wage,months,base,"),
        "{csv}"
    );
    let json = run(&[
        "contribution",
        "--payroll",
        &payroll,
        "--month",
        "2025-07",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.contains(json["rows"][0]["employer"].as_str().unwrap()),
        "{first}"
    );

    let account = repo("examples/account-statement.json");
    let csv = ok(&["account", &account, "--format", "csv"]);
    assert!(csv.starts_with("year,opening,credits,"), "{csv}");

    let o = run(&[
        "survivor",
        "--contribution-months",
        "345",
        "--monthly-income-base",
        "2818.5",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: [invalid_input] --format csv"));
}

#[test]
fn errors_in_chinese_keep_the_code_first() {
    let bad = ["retirement", "--category", "male", "--birth", "1976-00"];
    let mut zh = vec!["--lang", "zh"];
    zh.extend(bad);
    let o = run(&zh);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.starts_with("error: [invalid_input] 输入有误：\n  --birth: "),
        "{err}"
    );

    // The environment's language, and --lang over it.
    let o = run_env(&bad, &[("LANG", "zh_CN.UTF-8")]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: [invalid_input] 输入有误："));
    let mut en = vec!["--lang", "en"];
    en.extend(bad);
    let o = run_env(&en, &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with("error: [invalid_input] invalid input:\n")
    );

    // A rule set that does not load; a usage error clap finds.
    let o = run(&[
        "--lang",
        "zh",
        "award",
        &repo("examples/shaanxi-person.json"),
        "--ruleset",
        "cn/atlantis",
    ]);
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with("error: [rules_invalid] 规则集无法加载：")
    );
    let o = run(&["contribution", "--no-such-flag", "--lang=zh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: [invalid_input] 输入有误："));

    // `--lang` also picks the language of `explain` (default zh).
    let award = repo("examples/shaanxi-person.json");
    let en = ok(&["--lang", "en", "explain", &award]);
    assert_eq!(en, ok(&["explain", &award, "--lang", "en"]));
    assert_ne!(en, ok(&["explain", &award]));
    assert_eq!(
        ok(&["explain", &award]),
        ok(&["award", &award, "--format", "zh"])
    );
}

#[test]
fn rules_show_json_is_the_engines_show() {
    let new = json_of(&[
        "rules",
        "show",
        "cn/shaanxi",
        "--as-of",
        "2025-06-30",
        "--format",
        "json",
    ]);
    let old = json_of(&[
        "rules",
        "show",
        "cn/shaanxi",
        "--as-of",
        "2025-06-30",
        "--json",
    ]);
    assert_eq!(new, old);
    let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    assert_eq!(
        new,
        serde_json::to_value(engine("cn/shaanxi").show(date, None)).unwrap()
    );
    // The 2025 Shaanxi 计发基数 7881 (docs/sources.md §11), published 2026-06-23.
    let base = new["params"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "award.pension_base")
        .unwrap();
    let y2025 = base["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == "2025")
        .unwrap();
    assert_eq!(y2025["value"], "7881");
}

#[test]
fn input_files_are_read_as_the_engine_reads_them() {
    // Exact integers where decimals are expected, as Engine::compute takes them.
    let dir = std::env::temp_dir().join(format!("pension-rules-front-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let c = dir.join("c.json");
    std::fs::write(
        &c,
        r#"{"month": "2024-03", "wage": 6000, "employment": "employee"}"#,
    )
    .unwrap();
    let v = json_of(&[
        "contribution",
        "--input",
        c.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(v["result"]["employer"], "960.00"); // 16 % of 6000
    let a = dir.join("a.json");
    let account = json!({"opening_balance": 100000, "opening_year": 2022,
        "credits": [{"year": 2023, "amount": 4800}], "through_year": 2023});
    std::fs::write(&a, account.to_string()).unwrap();
    let v = json_of(&["account", a.to_str().unwrap(), "--format", "json"]);
    let mut want = engine("cn/shaanxi")
        .compute(Kind::Account, &account, false)
        .unwrap();
    want.as_object_mut().unwrap().remove("trace");
    assert_eq!(v["statement"], want);
    // A non-integer number is still refused, with its path.
    std::fs::write(&c, r#"{"month": "2024-03", "wage": 6000.5}"#).unwrap();
    let o = run(&["contribution", "--input", c.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: [invalid_input] invalid input:\n  wage: "),
        "{err}"
    );
}
