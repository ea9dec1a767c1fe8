//! `pension-rules transfer` as a user runs it (转移接续).

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(s) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(s.as_bytes())
            .expect("write stdin");
    }
    child.wait_with_output().expect("the binary finishes")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn example() -> String {
    format!(
        "{}/../../examples/transfer-guangdong-shaanxi.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn plans_guangdong_to_shaanxi_with_the_reasons() {
    // tests/vectors/transfer.json `transfer-guangdong-to-shaanxi-award`:
    // pooled 12 % × 624,000 = 74,880.00; rule (一); award total 7470.84 at Shaanxi.
    let o = run(&["transfer", &example()], None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for want in [
        "2016-01 440000 → 610000",
        "pooled 74880.00",
        "Benefit place (待遇领取地): 610000",
        "国办发〔2009〕66号 第六条 (一)",
        "account at retirement (个人账户储存额): 196222.73",
        "= 7470.84 per month",
        "人社部发〔2014〕17号",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn json_output_from_stdin() {
    let input = r#"{"hukou_region": "610000", "birth": "1980-05", "category": "male",
        "retirement_month": "2040-05",
        "history": [{"from": "2020-01", "to": "2021-12", "base": "6000", "region": "440300"},
                    {"from": "2022-01", "to": "2040-04", "base": "6000", "region": "610100"}]}"#;
    let o = run(&["transfer", "-", "--json", "--no-trace"], Some(input));
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    // 国办发〔2009〕66号, docs/sources.md §6.2 T14.
    assert_eq!(v["moves"][0]["pooled"], "17280.00");
    assert_eq!(v["receipt"]["rule"], "hukou");
    assert_eq!(v["trace"]["steps"].as_array().map(Vec::len), Some(0));
}

#[test]
fn invalid_input_lists_every_problem_and_fails() {
    let input = r#"{"hukou_region": "61", "birth": "1980-05", "category": "male",
        "retirement_month": "2040-05", "history": [{"from": "2020-01", "to": "2021-12", "base": "6000"}]}"#;
    let o = run(&["transfer", "-"], Some(input));
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(
        err.contains("hukou_region") && err.contains("history[0].region"),
        "{err}"
    );
}
