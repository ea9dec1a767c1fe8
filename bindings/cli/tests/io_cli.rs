//! Nothing lost, nothing silently wrong in the CLI's input and output
//! (docs/errors.md, "CLI exit codes"): every write is checked on every
//! command (a failing stdout is `[io] stdout`, exit 2; a closed pipe the
//! quiet 141), a command's output files are all written or none, an output
//! may not overwrite an input, negative flag values reach validation, a BOM
//! is skipped in JSON as in CSV and TOML, and the batch commands share one
//! exit-code convention.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_pension-rules");

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory of this test run.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pension-rules-io-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[String]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn s(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The files of `dir`, sorted (temporary files would show here).
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Every command that prints, with a small input.
fn printing_commands() -> Vec<Vec<String>> {
    let person = repo("examples/shaanxi-person.json");
    let account = repo("examples/account-statement.json");
    let transfer = repo("examples/transfer-guangdong-shaanxi.json");
    let payroll = repo("examples/unit-payroll.csv");
    let projection = repo("examples/projection.json");
    let vectors = repo("tests/vectors/contribution.json");
    let adjust = [
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
    let mut adjust_json = s(&adjust);
    adjust_json.push("--json".into());
    vec![
        s(&["award", "--ruleset", "cn/shaanxi", &person]),
        s(&[
            "award",
            "--ruleset",
            "cn/shaanxi",
            &person,
            "--format",
            "json",
        ]),
        s(&["explain", "--ruleset", "cn/shaanxi", &person]),
        s(&["contribution", "--month", "2025-07", "--wage", "6000"]),
        s(&["contribution", "--payroll", &payroll, "--month", "2025-07"]),
        s(&["account", &account]),
        s(&["retirement", "--category", "male", "--birth", "1976-02"]),
        s(&[
            "retirement",
            "--category",
            "male",
            "--table",
            "--from",
            "1960-01",
            "--to",
            "1975-12",
            "--format",
            "csv",
        ]),
        s(&adjust),
        adjust_json,
        s(&[
            "survivor",
            "--contribution-months",
            "345",
            "--monthly-income-base",
            "2818.5",
            "--death-month",
            "2023-01",
        ]),
        s(&["transfer", &transfer]),
        s(&["project", &projection]),
        s(&["simulate", "--synthetic", "5"]),
        s(&["simulate", "--synthetic", "5", "--format", "json"]),
        s(&["check", &vectors, "--verbose"]),
        s(&["rules", "list"]),
        s(&["rules", "show", "cn/shaanxi"]),
        s(&["rules", "diff", "cn/national", "cn/shaanxi"]),
        s(&["rules", "coverage"]),
        s(&["rules", "hash", "cn/shaanxi"]),
        s(&["schema"]),
        s(&["schema", "award"]),
        s(&["compute", "award", &person, "--ruleset", "cn/shaanxi"]),
        s(&["--help"]),
        s(&["simulate", "--help"]),
        s(&["--version"]),
    ]
}

#[test]
fn every_command_runs_on_the_table_inputs() {
    for args in printing_commands() {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
        assert!(!o.stdout.is_empty(), "{args:?} prints");
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_stdout_is_an_io_error_naming_stdout_on_every_command() {
    for args in printing_commands() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(BIN)
            .args(&args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("error: [io] stdout: No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
#[cfg(unix)]
fn a_closed_pipe_is_the_quiet_exit_141_on_every_command() {
    for args in printing_commands() {
        // The reader is gone before the command writes a byte.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = Command::new(BIN)
            .args(&args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(141), "{args:?}: {}", text(&o.stderr));
        assert_eq!(text(&o.stderr), "", "{args:?}");
    }
}

#[test]
#[cfg(unix)]
fn a_closed_pipe_behind_an_output_file_is_the_quiet_141_too() {
    // `simulate --out /dev/stdout | head -c1` used to print
    // `error: [io] Broken pipe` and exit 2.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = Command::new(BIN)
        .args(["simulate", "--synthetic", "50", "--out", "/dev/stdout"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(141), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    // A summary that has no reader: the run stops as SIGPIPE would have
    // stopped it, before its --out file replaced anything.
    let dir = temp_dir("pipe-out");
    let out = dir.join("out.csv");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = Command::new(BIN)
        .args(["simulate", "--synthetic", "5", "--out"])
        .arg(&out)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(141), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    assert_eq!(listing(&dir), Vec::<String>::new());
}

#[test]
#[cfg(target_os = "linux")]
fn a_failing_output_leaves_no_other_output_behind() {
    for ext in ["csv", "parquet"] {
        let dir = temp_dir(&format!("none-{ext}"));
        let out = dir.join(format!("out.{ext}"));
        let args = |out: &Path| {
            s(&[
                "simulate",
                "--synthetic",
                "20",
                "--out",
                out.to_str().unwrap(),
                "--flows",
                "/dev/full",
            ])
        };
        // No --out file before: none after, and no temporary file either.
        let o = run(&args(&out));
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("error: [io] /dev/full: "), "{err}");
        assert_eq!(listing(&dir), Vec::<String>::new(), "{ext}");
        // An existing --out file is not replaced.
        std::fs::write(&out, "old results\n").unwrap();
        let o = run(&args(&out));
        assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old results\n");
        assert_eq!(listing(&dir), vec![format!("out.{ext}")]);
        // A summary that cannot be printed fails the run: the files stay
        // as they were.
        let mut a = args(&out);
        a.truncate(a.len() - 2);
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(BIN).args(&a).stdout(full).output().unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert_eq!(
            err.matches("error: [io] stdout: No space left on device")
                .count(),
            1,
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old results\n");
        assert_eq!(listing(&dir), vec![format!("out.{ext}")]);
        // The same run with a writable --flows writes both.
        let flows = dir.join(format!("flows.{ext}"));
        let mut a = args(&out);
        a.pop();
        a.push(flows.to_str().unwrap().into());
        let o = run(&a);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_ne!(std::fs::read(&out).unwrap(), b"old results\n");
        assert_eq!(
            listing(&dir),
            vec![format!("flows.{ext}"), format!("out.{ext}")]
        );
    }
}

#[test]
fn schema_files_are_written_all_or_none() {
    let dir = temp_dir("schema");
    let o = run(&s(&["schema", "--out-dir", dir.to_str().unwrap()]));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let all = listing(&dir);
    assert!(all.contains(&"award.input.json".to_string()), "{all:?}");
    assert!(all.contains(&"error.json".to_string()), "{all:?}");
    assert!(all.iter().all(|f| !f.starts_with('.')), "{all:?}");
    // One target that cannot be written (a directory in its place): no
    // file is replaced, no temporary file is left.
    for f in &all {
        std::fs::write(dir.join(f), "old\n").unwrap();
    }
    std::fs::remove_file(dir.join("error.json")).unwrap();
    std::fs::create_dir(dir.join("error.json")).unwrap();
    let o = run(&s(&["schema", "--out-dir", dir.to_str().unwrap()]));
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.starts_with("error: [io] "), "{err}");
    assert!(err.contains("error.json: is a directory"), "{err}");
    assert_eq!(listing(&dir), all);
    for f in all.iter().filter(|f| *f != "error.json") {
        assert_eq!(
            std::fs::read_to_string(dir.join(f)).unwrap(),
            "old\n",
            "{f}"
        );
    }
}

#[test]
fn an_output_that_is_an_input_is_refused_before_anything_runs() {
    let dir = temp_dir("same");
    let pop = dir.join("pop.csv");
    let original = std::fs::read_to_string(repo("examples/population.csv")).unwrap();
    std::fs::write(&pop, &original).unwrap();
    let p = pop.to_str().unwrap();
    let check = |args: Vec<String>, message: &str| {
        let o = run(&args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("error: [invalid_input] "), "{err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(std::fs::read_to_string(&pop).unwrap(), original);
        assert!(o.stdout.is_empty());
    };
    check(
        s(&["simulate", p, "--out", p]),
        &format!("--out {p} is the input POPULATION {p}: an output may not overwrite an input"),
    );
    // Another spelling of the same file.
    let other = format!("{}/./pop.csv", dir.display());
    check(
        s(&["simulate", p, "--flows", &other]),
        &format!("--flows {other} is the input POPULATION {p}"),
    );
    // A hard link and a symlink are the same file too.
    #[cfg(unix)]
    {
        let hard = dir.join("hard.csv");
        std::fs::hard_link(&pop, &hard).unwrap();
        let soft = dir.join("soft.csv");
        std::os::unix::fs::symlink(&pop, &soft).unwrap();
        for link in [hard, soft] {
            let l = link.to_str().unwrap();
            check(
                s(&["simulate", p, "--export-population", l]),
                &format!("--export-population {l} is the input POPULATION {p}"),
            );
        }
    }
    // The assumptions and reform files are inputs as well.
    let assumptions = dir.join("assumptions.json");
    std::fs::write(&assumptions, "{}").unwrap();
    let a = assumptions.to_str().unwrap();
    let o = run(&s(&[
        "simulate",
        "--synthetic",
        "3",
        "--assumptions",
        a,
        "--out",
        a,
    ]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains(&format!("--out {a} is the input --assumptions {a}")),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&assumptions).unwrap(), "{}");
    // Two outputs that are one file.
    let out = dir.join("out.csv");
    let o_ = out.to_str().unwrap();
    let o = run(&s(&[
        "simulate",
        "--synthetic",
        "3",
        "--out",
        o_,
        "--flows",
        o_,
    ]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains(&format!(
            "--flows {o_} is also --out {o_}: give each output its own file"
        )),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
}

#[test]
fn negative_flag_values_reach_validation() {
    let o = run(&s(&["contribution", "--month", "2025-07", "--wage", "-1"]));
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("error: [invalid_input] --wage: expected a decimal like 3000.50")
            && err.contains("cannot be negative")
            && err.contains("got \"-1\""),
        "{err}"
    );
    let o = run(&s(&[
        "adjust",
        "--year",
        "-2147483648",
        "--pension",
        "3000",
        "--contribution-months",
        "420",
        "--birth",
        "1952-05",
        "--retirement-month",
        "2012-05",
    ]));
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(
            "error: [invalid_input] invalid input:\n  --year: -2147483648 is outside the plausible years 1900–2200"
        ),
        "{err}"
    );
    assert!(err.contains("-2147483648"), "{err}");
    // `-0.0` is a value, not a flag: whatever the decimal grammar makes of
    // it, the message is about the wage.
    let o = run(&s(&[
        "contribution",
        "--month",
        "2025-07",
        "--wage",
        "-0.0",
    ]));
    let err = text(&o.stderr);
    assert!(!err.contains("unexpected argument"), "{err}");
    match o.status.code() {
        Some(0) => assert!(text(&o.stdout).contains("wage"), "{}", text(&o.stdout)),
        _ => assert!(err.contains("wage"), "{err}"),
    }
    // A value that is not a number still is no flag's value.
    let o = run(&s(&["contribution", "--month", "2025-07", "--wage", "-x"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with("error: [invalid_input] "),
        "{}",
        text(&o.stderr)
    );
}

/// `body` with a UTF-8 BOM in front, as a file in `dir`.
fn with_bom(dir: &Path, name: &str, body: &[u8]) -> String {
    let p = dir.join(name);
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(body);
    std::fs::write(&p, b).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn a_bom_is_skipped_in_every_json_input() {
    let dir = temp_dir("bom");
    let read = |p: &str| std::fs::read(repo(p)).unwrap();
    let person = repo("examples/shaanxi-person.json");
    let account = repo("examples/account-statement.json");
    let transfer = repo("examples/transfer-guangdong-shaanxi.json");
    let projection = repo("examples/projection.json");
    let vectors = repo("tests/vectors/contribution.json");
    let reform = repo("examples/reform-divisor-2030.toml");
    let person_bom = with_bom(&dir, "person.json", &read("examples/shaanxi-person.json"));
    let account_bom = with_bom(
        &dir,
        "account.json",
        &read("examples/account-statement.json"),
    );
    let transfer_bom = with_bom(
        &dir,
        "transfer.json",
        &read("examples/transfer-guangdong-shaanxi.json"),
    );
    let projection_bom = with_bom(&dir, "projection.json", &read("examples/projection.json"));
    let vectors_bom = with_bom(
        &dir,
        "vectors.json",
        &read("tests/vectors/contribution.json"),
    );
    let reform_bom = with_bom(
        &dir,
        "reform.toml",
        &read("examples/reform-divisor-2030.toml"),
    );
    let assumptions = br#"{"average_wage_growth": "0.03", "pension_base_growth": "0.02", "interest_rate": "0.04"}"#;
    let plain_assumptions = dir.join("assumptions.json");
    std::fs::write(&plain_assumptions, assumptions).unwrap();
    let assumptions_bom = with_bom(&dir, "assumptions-bom.json", assumptions);
    // CSV as well, the one format that already skipped it.
    let payroll = repo("examples/unit-payroll.csv");
    let payroll_bom = with_bom(&dir, "payroll.csv", &read("examples/unit-payroll.csv"));
    let pairs: Vec<(Vec<String>, Vec<String>)> = vec![
        (
            s(&["contribution", "--payroll", &payroll, "--month", "2025-07"]),
            s(&[
                "contribution",
                "--payroll",
                &payroll_bom,
                "--month",
                "2025-07",
            ]),
        ),
        (
            s(&["award", "--ruleset", "cn/shaanxi", &person]),
            s(&["award", "--ruleset", "cn/shaanxi", &person_bom]),
        ),
        (
            s(&["compute", "award", &person, "--ruleset", "cn/shaanxi"]),
            s(&["compute", "award", &person_bom, "--ruleset", "cn/shaanxi"]),
        ),
        (s(&["account", &account]), s(&["account", &account_bom])),
        (s(&["transfer", &transfer]), s(&["transfer", &transfer_bom])),
        (
            s(&["project", &projection]),
            s(&["project", &projection_bom]),
        ),
        (s(&["check", &vectors]), s(&["check", &vectors_bom])),
        (
            s(&["rules", "show", "cn/shaanxi", "--overlay", &reform]),
            s(&["rules", "show", "cn/shaanxi", "--overlay", &reform_bom]),
        ),
        (
            s(&[
                "simulate",
                "--synthetic",
                "5",
                "--assumptions",
                plain_assumptions.to_str().unwrap(),
                "--format",
                "json",
            ]),
            s(&[
                "simulate",
                "--synthetic",
                "5",
                "--assumptions",
                &assumptions_bom,
                "--format",
                "json",
            ]),
        ),
    ];
    for (plain, bom) in pairs {
        let a = run(&plain);
        let b = run(&bom);
        assert_eq!(a.status.code(), Some(0), "{plain:?}: {}", text(&a.stderr));
        assert_eq!(b.status.code(), Some(0), "{bom:?}: {}", text(&b.stderr));
        // The same output, but for the file names `check` prints.
        let strip = |o: &Output, p: &str| text(&o.stdout).replace(p, "FILE");
        let (pa, pb) = (plain.last().unwrap(), bom.last().unwrap());
        let (pa, pb) = if plain[0] == "check" {
            (pa.as_str(), pb.as_str())
        } else {
            ("\u{0}", "\u{0}")
        };
        assert_eq!(strip(&a, pa), strip(&b, pb), "{bom:?}");
    }
}

#[test]
fn batch_commands_share_one_exit_code_convention() {
    let dir = temp_dir("exit");
    // contribution --payroll: every row assessed 0; a rejected row 1.
    let good = dir.join("good.csv");
    std::fs::write(&good, "employee_id,wage,employment\nE1,6000,employee\n").unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "employee_id,wage,employment\nE1,6000,employee\nE2,-5,employee\n",
    )
    .unwrap();
    let payroll = |f: &Path| {
        run(&s(&[
            "contribution",
            "--payroll",
            f.to_str().unwrap(),
            "--month",
            "2025-07",
        ]))
    };
    assert_eq!(payroll(&good).status.code(), Some(0));
    let o = payroll(&bad);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("E2"), "{}", text(&o.stdout));

    // simulate: every person computed (or not eligible, a result) 0; a
    // rejected row 1, every output still written.
    let header = "id,birth,category,first_contribution,retirement_month,deemed_months,index,indexes,contribution_months,average_index,account_balance\n";
    let ok = dir.join("ok.csv");
    std::fs::write(
        &ok,
        format!(
            "{header}a,1990-03,male,2012-07,,0,1.0,,,,\nshort,1976-05,male,2030-01,,0,0.8,,,,\n"
        ),
    )
    .unwrap();
    let out = dir.join("out.csv");
    let simulate = |f: &Path| {
        run(&s(&[
            "simulate",
            f.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]))
    };
    let o = simulate(&ok);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = std::fs::read_to_string(&out).unwrap();
    assert!(rows.contains("baseline,short,not_applicable,"), "{rows}");
    let failing = dir.join("failing.csv");
    std::fs::write(
        &failing,
        format!("{header}a,1990-03,male,2012-07,,0,1.0,,,,\nb,1980-13,male,2002-09,,0,1.0,,,,\n"),
    )
    .unwrap();
    let o = simulate(&failing);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let rows = std::fs::read_to_string(&out).unwrap();
    assert!(rows.contains("baseline,a,ok,"), "{rows}");
    assert!(rows.contains(",invalid_input,"), "{rows}");

    // check: every case passing 0; a mismatching case 1.
    let case = |base: &str| {
        format!(
            r#"[{{"id": "c1", "kind": "contribution", "ruleset": "cn/shaanxi",
            "input": {{"month": "2023-06", "wage": "3500.00", "employment": "employee"}},
            "expect": {{"base": "{base}"}}}}]"#
        )
    };
    let pass = dir.join("pass.json");
    std::fs::write(&pass, case("4217.2")).unwrap();
    let fail = dir.join("fail.json");
    std::fs::write(&fail, case("4217.3")).unwrap();
    let o = run(&s(&["check", pass.to_str().unwrap()]));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let o = run(&s(&["check", fail.to_str().unwrap()]));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).contains("FAIL  c1 (contribution): base: expected"),
        "{}",
        text(&o.stdout)
    );

    // The command itself failing is 2 for all three.
    let missing = "/nonexistent/pension-rules/input";
    for args in [
        s(&["contribution", "--payroll", missing, "--month", "2025-07"]),
        s(&["simulate", missing]),
        s(&["check", missing]),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            text(&o.stderr).starts_with(&format!("error: [io] {missing}: ")),
            "{}",
            text(&o.stderr)
        );
    }
}

#[test]
#[cfg(unix)]
fn a_disk_that_fills_midway_leaves_no_truncated_file() {
    // A file-size limit stands in for a full disk: past 8 KiB every write
    // fails (EFBIG; SIGXFSZ ignored, as the shell passes it on).
    if !Path::new("/bin/sh").exists() {
        return;
    }
    for ext in ["csv", "parquet"] {
        let dir = temp_dir(&format!("fills-{ext}"));
        let out = dir.join(format!("out.{ext}"));
        std::fs::write(&out, "old results\n").unwrap();
        let o = Command::new("/bin/sh")
            .arg("-c")
            .arg(r#"trap '' XFSZ; ulimit -f 16; exec "$0" "$@""#)
            .arg(BIN)
            .args(["simulate", "--synthetic", "2000", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{ext}: {err}");
        assert!(
            err.contains(&format!("error: [io] {}: ", out.display())),
            "{ext}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old results\n");
        assert_eq!(listing(&dir), vec![format!("out.{ext}")], "{ext}");
    }
}

#[test]
#[cfg(unix)]
fn a_fifo_output_is_written_in_place() {
    use std::io::Read as _;
    use std::os::unix::fs::FileTypeExt as _;
    let dir = temp_dir("fifo");
    let fifo = dir.join("rows.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let path = fifo.clone();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::fs::File::open(&path)
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    });
    let o = run(&s(&[
        "simulate",
        "--synthetic",
        "3",
        "--out",
        fifo.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = reader.join().unwrap();
    assert!(rows.starts_with("scenario,id,status,"), "{rows}");
    assert_eq!(rows.lines().count(), 4, "{rows}");
    // Still the FIFO: nothing was renamed onto it, nothing left beside it.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(listing(&dir), vec!["rows.csv".to_string()]);
}
