//! `pension-rules serve`: the binary started on a free port and driven over
//! HTTP by a real client (ureq): every kind equal to `pension-rules
//! compute`, every conformance vector equal to the CLI, the 核定表 text,
//! NDJSON batches, the rule endpoints against `rules show/diff --format
//! json`, every error class as an RFC 9457 problem with the core's code and
//! field paths, the service's own limits (413, 503 with Retry-After, 504,
//! 404, 405), metrics, access logs, SIGHUP reload and SIGTERM.
#![cfg(all(unix, feature = "serve"))]
#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_pension-rules");

/// The binary serving on a free port; killed when dropped.
struct Server {
    child: Child,
    base: String,
    addr: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(vec![]));
        let (tx, rx) = std::sync::mpsc::channel();
        let l2 = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(a) = line.strip_prefix("listening on http://") {
                    let _ = tx.send(a.to_string());
                }
                l2.lock().unwrap().push(line);
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server printed its address");
        Server {
            child,
            base: format!("http://{addr}"),
            addr,
            log,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    fn log_has(&self, pred: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.log.lock().unwrap().iter().any(|l| pred(l)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// Status, content type and body of a response.
struct Resp {
    status: u16,
    ctype: String,
    body: String,
    retry_after: Option<String>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn done(mut r: ureq::http::Response<ureq::Body>) -> Resp {
    let h = |k: &str| {
        r.headers()
            .get(k)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    };
    let ctype = h("content-type").unwrap_or_default();
    let retry_after = h("retry-after");
    let body = r
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .unwrap();
    Resp {
        status: r.status().as_u16(),
        ctype,
        body,
        retry_after,
    }
}

fn post(a: &ureq::Agent, url: &str, body: &str) -> Resp {
    done(
        a.post(url)
            .header("content-type", "application/json")
            .send(body)
            .unwrap(),
    )
}

fn get(a: &ureq::Agent, url: &str) -> Resp {
    done(a.get(url).call().unwrap())
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn cli_json(args: &[&str]) -> Value {
    let o = cli(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every case of tests/vectors: (file, case).
fn vectors() -> Vec<Value> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/vectors"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = vec![];
    for f in files {
        match serde_json::from_str::<Value>(&std::fs::read_to_string(&f).unwrap()).unwrap() {
            Value::Array(a) => out.extend(a),
            one => out.push(one),
        }
    }
    out
}

/// The first computing case of tests/vectors/KIND.json (what the OpenAPI
/// examples are): rule set, input and expected figures.
fn example_case(kind: &str) -> Value {
    let text = std::fs::read_to_string(root().join(format!("tests/vectors/{kind}.json"))).unwrap();
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    cases
        .into_iter()
        .find(|c| c["kind"] == kind && c["expect"].get("error").is_none())
        .unwrap()
}

fn example(kind: &str) -> (String, Value) {
    let v = example_case(kind);
    (
        v["ruleset"].as_str().unwrap().to_string(),
        v["input"].clone(),
    )
}

fn tmp_json(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, v.to_string()).unwrap();
    p
}

fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "pension-serve-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

const KINDS: &[&str] = &[
    "contribution",
    "payroll",
    "account",
    "retirement",
    "award",
    "recompute",
    "transfer",
    "adjustment",
    "survivor",
    "projection",
];

#[test]
fn every_kind_equals_the_cli_with_and_without_explanation() {
    let s = Server::start(&[]);
    let a = agent();
    let dir = tempdir();
    for kind in KINDS {
        let (id, input) = example(kind);
        let file = tmp_json(&dir, &format!("{kind}.json"), &input);
        let f = file.to_str().unwrap();
        for explain in [false, true] {
            let mut args = vec!["compute", kind, f, "--ruleset", &id];
            if explain {
                args.push("--explain");
            }
            let want = cli_json(&args);
            let r = post(
                &a,
                &s.url(&format!("/v1/{kind}?ruleset={id}&explain={explain}")),
                &input.to_string(),
            );
            assert_eq!(r.status, 200, "{kind}: {}", r.body);
            assert_eq!(r.ctype, "application/json");
            assert_eq!(r.json(), want, "{kind} explain={explain}");
        }
        // A vector case as the body: its own rule set.
        let r = post(
            &a,
            &s.url(&format!("/v1/{kind}")),
            &json!({"ruleset": id, "input": input}).to_string(),
        );
        assert_eq!(r.status, 200, "{kind} as a case: {}", r.body);
    }
    // Amounts stay decimal strings.
    let (id, input) = example("award");
    let r = post(
        &a,
        &s.url(&format!("/v1/award?ruleset={id}")),
        &input.to_string(),
    );
    let total = &r.json()["total"];
    assert!(total.is_string());
    assert_eq!(total, &example_case("award")["expect"]["total"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_conformance_vector_over_http_equals_the_cli() {
    let s = Server::start(&[]);
    let dir = tempdir();
    let cases: Vec<Value> = vectors()
        .into_iter()
        .filter(|c| c["ruleset"].is_string())
        .collect();
    assert!(cases.len() > 250, "{} cases", cases.len());
    let next = Arc::new(Mutex::new(0usize));
    let cases = Arc::new(cases);
    let checked = Arc::new(Mutex::new((0usize, 0usize)));
    std::thread::scope(|scope| {
        for _ in 0..2 {
            let (next, cases, checked, dir, s) = (&next, &cases, &checked, &dir, &s);
            scope.spawn(move || {
                let a = agent();
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(c) = cases.get(i) else { break };
                    let kind = c["kind"].as_str().unwrap();
                    let id = c["ruleset"].as_str().unwrap();
                    let file = tmp_json(dir, &format!("case-{i}.json"), &c["input"]);
                    let o = cli(&["compute", kind, file.to_str().unwrap(), "--ruleset", id]);
                    let r = post(
                        &a,
                        &s.url(&format!("/v1/{kind}?ruleset={id}")),
                        &c["input"].to_string(),
                    );
                    let cid = &c["id"];
                    if o.status.success() {
                        let want: Value = serde_json::from_slice(&o.stdout).unwrap();
                        assert_eq!(r.status, 200, "{cid}: {}", r.body);
                        assert_eq!(r.json(), want, "{cid}");
                        checked.lock().unwrap().0 += 1;
                    } else {
                        let err = String::from_utf8_lossy(&o.stderr);
                        let code = err
                            .trim_start_matches("error: [")
                            .split(']')
                            .next()
                            .unwrap()
                            .to_string();
                        assert!(r.status >= 400, "{cid}: {}", r.body);
                        assert_eq!(r.ctype, "application/problem+json", "{cid}");
                        assert_eq!(r.json()["code"], code.as_str(), "{cid}: {err}");
                        if let Some(want) = c["expect"]["error"].as_str() {
                            assert_eq!(code, want, "{cid}");
                        }
                        checked.lock().unwrap().1 += 1;
                    }
                }
            });
        }
    });
    let (ok, errors) = *checked.lock().unwrap();
    eprintln!("vectors over HTTP: {ok} results and {errors} errors equal to the CLI");
    assert_eq!(ok + errors, cases.len());
    assert!(errors >= 4);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn award_table_and_as_of_equal_the_award_command() {
    let s = Server::start(&[]);
    let a = agent();
    let dir = tempdir();
    let (id, input) = example("award");
    let f = tmp_json(&dir, "award.json", &input);
    let f = f.to_str().unwrap();
    let want = cli(&["award", f, "--ruleset", &id, "--format", "table"]);
    let r = post(
        &a,
        &s.url(&format!("/v1/award?ruleset={id}&format=table")),
        &input.to_string(),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.ctype, "text/plain; charset=utf-8");
    assert_eq!(r.body, String::from_utf8(want.stdout).unwrap());
    assert!(r.body.contains("企业职工基本养老金核定表"));
    let want = cli_json(&["award", f, "--ruleset", &id, "--as-of", "2025-03-01"]);
    let r = post(
        &a,
        &s.url(&format!(
            "/v1/award?ruleset={id}&as_of=2025-03-01&explain=true"
        )),
        &input.to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), want);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn batch_streams_one_line_per_input_in_order() {
    let s = Server::start(&[]);
    let a = agent();
    let (id, input) = example("award");
    let one = post(
        &a,
        &s.url(&format!("/v1/award?ruleset={id}")),
        &input.to_string(),
    )
    .json();
    let mut body = String::new();
    for i in 0..300 {
        if i == 7 {
            body.push_str("{\"birth\": \"1965-13\"}\n");
        } else if i == 8 {
            body.push_str("not json\n\n");
        } else {
            body.push_str(&format!("{input}\r\n"));
        }
    }
    let r = done(
        a.post(&s.url(&format!("/v1/batch/award?ruleset={id}")))
            .header("content-type", "application/x-ndjson")
            .send(&body)
            .unwrap(),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.ctype, "application/x-ndjson");
    let lines: Vec<Value> = r
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 300);
    assert_eq!(lines[0], one);
    assert_eq!(lines[299], one);
    assert_eq!(lines[7]["error"]["code"], "invalid_input");
    let paths: Vec<&str> = lines[7]["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"birth"), "{paths:?}");
    assert_eq!(lines[8]["error"]["fields"][0]["path"], "body");
    // Figures of a payroll and a retirement batch, one case each with their own rule set.
    let (rid, rin) = example("retirement");
    let body = format!("{}\n", json!({"ruleset": rid, "input": rin}));
    let r = done(a.post(&s.url("/v1/batch/retirement")).send(&body).unwrap());
    let want = post(
        &a,
        &s.url(&format!("/v1/retirement?ruleset={rid}")),
        &rin.to_string(),
    );
    assert_eq!(r.body.trim_end(), want.body);
}

#[test]
fn rule_endpoints_equal_rules_show_and_diff() {
    let s = Server::start(&[]);
    let a = agent();
    let list = get(&a, &s.url("/v1/rulesets")).json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"cn/shaanxi") && ids.contains(&"cn/national"));
    let shaanxi = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "cn/shaanxi")
        .unwrap();
    let one = get(&a, &s.url("/v1/rulesets/cn%2Fshaanxi?date=2025-06-01")).json();
    assert_eq!(one["hash"], shaanxi["hash"]);
    assert_eq!(one["version"], shaanxi["version"]);
    let want = cli_json(&[
        "rules",
        "show",
        "cn/shaanxi",
        "--as-of",
        "2025-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(one["show"], want);
    // The same with the slash as is.
    assert_eq!(
        get(&a, &s.url("/v1/rulesets/cn/shaanxi?date=2025-06-01")).json(),
        one
    );
    // One parameter: in force, its source, its history.
    // 定额调整 of Shaanxi: one dated value per year.
    let name = "adjustment.fixed".to_string();
    assert!(one["parameters"].as_array().unwrap().contains(&json!(name)));
    let p = get(
        &a,
        &s.url(&format!(
            "/v1/rulesets/cn%2Fshaanxi/parameters/{name}?date=2025-06-01"
        )),
    )
    .json();
    let shown = want["params"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == name.as_str())
        .unwrap();
    assert_eq!(&p["in_force"], shown);
    assert!(p["in_force"]["values"][0]["provenance"]["source"].is_string());
    assert!(
        p["history"]["entries"].as_array().unwrap().len() >= 2,
        "{p}"
    );
    let diff = get(&a, &s.url("/v1/rulesets/cn%2Fnational/diff/cn%2Fshaanxi")).json();
    assert_eq!(
        diff,
        cli_json(&[
            "rules",
            "diff",
            "cn/national",
            "cn/shaanxi",
            "--format",
            "json"
        ])
    );
    // A field's list of values (广东's 1993 localities): the CLI's `rules choices`.
    let choices = get(
        &a,
        &s.url("/v1/rulesets/cn%2Fguangdong/choices/deemed_index_locality?date=2026-01-01"),
    )
    .json();
    assert_eq!(
        choices,
        cli_json(&[
            "rules",
            "choices",
            "cn/guangdong",
            "deemed_index_locality",
            "--as-of",
            "2026-01-01",
            "--format",
            "json"
        ])
    );
    let r = get(&a, &s.url("/v1/rulesets/cn%2Fguangdong/choices/birth"));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["fields"][0]["path"], "birth");
    let r = get(&a, &s.url("/v1/rulesets/cn%2Fshaanxi/parameters/no.such"));
    assert_eq!(
        (r.status, r.ctype.as_str()),
        (404, "application/problem+json")
    );
    assert_eq!(r.json()["fields"][0]["path"], "path");
    let r = get(&a, &s.url("/v1/rulesets/cn%2Fshaanxi?date=2025-02-30"));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["fields"][0]["path"], "date");
}

/// Every error class of the engine, and every error of the service itself,
/// as a problem with its code, class and field paths.
#[test]
fn every_error_class_is_a_problem() {
    let dir = tempdir();
    let s = Server::start(&[]);
    let pinned = Server::start(&["--pin", &format!("cn/beijing={}", "0".repeat(64))]);
    let a = agent();
    let problem = |r: &Resp, status: u16, code: &str, class: &str| -> Value {
        assert_eq!(r.status, status, "{}", r.body);
        assert_eq!(r.ctype, "application/problem+json");
        let p = r.json();
        assert_eq!(p["code"], code, "{p}");
        assert_eq!(p["class"], class, "{p}");
        assert_eq!(p["status"], status);
        assert!(p["type"].as_str().unwrap().ends_with(code));
        assert!(p["title"].is_string() && p["detail"].is_string());
        p
    };
    // invalid_input: every field at once, as the CLI's error report has them.
    let bad = json!({"category": "male", "birth": "1965-13", "retirement_month": "2025-03",
        "contribution_months": -1, "average_index": 1.5, "account_balance": "x"});
    let f = tmp_json(&dir, "bad.json", &bad);
    let r = post(&a, &s.url("/v1/award?ruleset=cn/shaanxi"), &bad.to_string());
    let p = problem(&r, 400, "invalid_input", "InputError");
    let o = cli(&[
        "award",
        f.to_str().unwrap(),
        "--ruleset",
        "cn/shaanxi",
        "--lang",
        "en",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    let paths: Vec<String> = p["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert!(paths.len() >= 3, "{paths:?}");
    for path in &paths {
        assert!(err.contains(&format!("  {path}: ")), "{path} not in {err}");
    }
    // The body is not JSON; the kind unknown; the query wrong.
    let p = problem(
        &post(&a, &s.url("/v1/award?ruleset=cn/shaanxi"), "{"),
        400,
        "invalid_input",
        "InputError",
    );
    assert_eq!(p["fields"][0]["path"], "body");
    let p = problem(
        &post(&a, &s.url("/v1/pension?ruleset=cn/shaanxi"), "{}"),
        404,
        "invalid_input",
        "InputError",
    );
    assert_eq!(p["fields"][0]["path"], "kind");
    let p = problem(
        &post(
            &a,
            &s.url("/v1/retirement?ruleset=cn/national&as_of=2025-01-01&explain=maybe"),
            "{}",
        ),
        400,
        "invalid_input",
        "InputError",
    );
    let qp: Vec<&str> = p["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(qp, ["explain", "as_of"]);
    let p = problem(
        &post(&a, &s.url("/v1/award"), "{}"),
        400,
        "invalid_input",
        "InputError",
    );
    assert_eq!(p["fields"][0]["path"], "ruleset");
    // rules_invalid: an unknown rule set; hash_mismatch: a pin that does not hold.
    problem(
        &post(&a, &s.url("/v1/award?ruleset=cn/atlantis"), "{}"),
        404,
        "rules_invalid",
        "LoadError",
    );
    let p = problem(
        &post(&a, &pinned.url("/v1/award?ruleset=cn/beijing"), "{}"),
        409,
        "hash_mismatch",
        "LoadError",
    );
    assert!(!p["diagnostics"].as_array().unwrap().is_empty());
    // rule_* and not_applicable: the engine's vectors expecting them.
    for c in vectors()
        .iter()
        .filter(|c| c["expect"]["error"].is_string())
    {
        let code = c["expect"]["error"].as_str().unwrap();
        let r = post(
            &a,
            &s.url(&format!(
                "/v1/{}?ruleset={}",
                c["kind"].as_str().unwrap(),
                c["ruleset"].as_str().unwrap()
            )),
            &c["input"].to_string(),
        );
        let (status, class) = match code {
            "invalid_input" => (400, "InputError"),
            "not_applicable" => (422, "NotApplicableError"),
            _ => (422, "RulesError"),
        };
        let p = problem(&r, status, code, class);
        if code.starts_with("rule_") {
            assert!(p["rule"].is_object(), "{p}");
        }
    }
    // The service's own: an unknown path, a wrong method.
    problem(
        &get(&a, &s.url("/nowhere")),
        404,
        "not_found",
        "ServiceError",
    );
    problem(
        &get(&a, &s.url("/v1/award")),
        405,
        "method_not_allowed",
        "ServiceError",
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Send a request's head and part of its body by hand, and keep the
/// connection open: the request is in flight until the stream is dropped.
fn hold(addr: &str, path: &str, length: usize) -> TcpStream {
    let mut t = TcpStream::connect(addr).unwrap();
    write!(
        t,
        "POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n{{"
    )
    .unwrap();
    t.flush().unwrap();
    t
}

#[test]
fn limits_413_503_504_as_problems() {
    // Max body 1 KiB, 1 computation at a time, 2 s per request.
    let s = Server::start(&[
        "--max-body",
        "1024",
        "--max-in-flight",
        "1",
        "--timeout",
        "2",
    ]);
    let a = agent();
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(4096));
    let r = post(&a, &s.url("/v1/award?ruleset=cn/shaanxi"), &big);
    assert_eq!(
        (r.status, r.ctype.as_str()),
        (413, "application/problem+json")
    );
    assert_eq!(r.json()["code"], "too_large");
    // One computation in flight (its body still coming): the next is shed at once.
    let held = hold(&s.addr, "/v1/award?ruleset=cn/shaanxi", 100);
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    let r = post(&a, &s.url("/v1/award?ruleset=cn/shaanxi"), "{}");
    assert!(t.elapsed() < Duration::from_secs(1), "refused at once");
    assert_eq!(
        (r.status, r.ctype.as_str()),
        (503, "application/problem+json")
    );
    assert_eq!(r.json()["code"], "overloaded");
    assert_eq!(r.retry_after.as_deref(), Some("1"));
    // The held request times out: 504, and its slot is free again.
    let mut held = held;
    held.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 4096];
    let n = held.read(&mut buf).unwrap();
    let head = String::from_utf8_lossy(&buf[..n]);
    assert!(head.starts_with("HTTP/1.1 504"), "{head}");
    assert!(
        head.contains("application/problem+json") && head.contains("\"timeout\""),
        "{head}"
    );
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    let (id, input) = example("retirement");
    let r = post(
        &a,
        &s.url(&format!("/v1/retirement?ruleset={id}")),
        &input.to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // Health and metrics stay outside the limit.
    assert_eq!(get(&a, &s.url("/healthz")).json()["status"], "ok");
    assert_eq!(get(&a, &s.url("/readyz")).json()["status"], "ready");
    let m = get(&a, &s.url("/metrics"));
    assert!(m.ctype.starts_with("text/plain; version=0.0.4"));
    for want in [
        "pension_http_requests_total{method=\"POST\",route=\"/v1/{kind}\",status=\"503\"} 1",
        "pension_http_requests_total{method=\"POST\",route=\"/v1/{kind}\",status=\"504\"} 1",
        "pension_http_requests_total{method=\"POST\",route=\"/v1/{kind}\",status=\"413\"} 1",
        "pension_http_requests_shed_total 1",
        "pension_http_request_duration_seconds_bucket{route=\"/v1/{kind}\",le=\"+Inf\"} 4",
        "pension_http_requests_in_flight 1",
    ] {
        assert!(m.body.contains(want), "{want} not in\n{}", m.body);
    }
    // One JSON access-log line per request.
    assert!(s.log_has(|l| {
        serde_json::from_str::<Value>(l).is_ok_and(|v| {
            v["method"] == "POST"
                && v["status"] == 503
                && v["path"] == "/v1/award"
                && v["duration_ms"].is_number()
        })
    }));
}

#[test]
fn sighup_reloads_atomically_and_sigterm_stops() {
    let dir = tempdir();
    let set = dir.join("my/set");
    std::fs::create_dir_all(&set).unwrap();
    let write = |version: &str| {
        std::fs::write(
            set.join("ruleset.toml"),
            format!("id = \"my/set\"\nversion = \"{version}\"\nextends = \"cn/shaanxi\"\n"),
        )
        .unwrap();
    };
    write("1");
    let s = Server::start(&["--rules-dir", dir.to_str().unwrap()]);
    let a = agent();
    let version = || get(&a, &s.url("/v1/rulesets/my%2Fset")).json()["version"].clone();
    assert_eq!(version(), "1");
    // A broken file: the reload fails, is logged, and version 1 keeps serving.
    std::fs::write(set.join("ruleset.toml"), "id = \n").unwrap();
    s.signal("-HUP");
    assert!(s.log_has(|l| l.contains("\"event\":\"reload\"") && l.contains("\"ok\":false")));
    assert_eq!(version(), "1");
    let (_, input) = example("award");
    let r = post(&a, &s.url("/v1/award?ruleset=my/set"), &input.to_string());
    assert_eq!(r.status, 200, "{}", r.body);
    // Fixed: the new version is in force at once.
    write("2");
    s.signal("-HUP");
    assert!(s.log_has(|l| l.contains("\"event\":\"reload\"") && l.contains("\"ok\":true")));
    assert_eq!(version(), "2");
    // SIGTERM: a graceful stop, exit 0.
    let mut s = s;
    s.signal("-TERM");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(s.log_has(|l| l.contains("\"event\":\"stopped\"")));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn openapi_document_names_every_kind_with_its_schemas_and_example() {
    let s = Server::start(&[]);
    let a = agent();
    let d = get(&a, &s.url("/openapi.json")).json();
    assert_eq!(d["openapi"], "3.1.0");
    for kind in KINDS {
        let op = &d["paths"][format!("/v1/{kind}")]["post"];
        let ex = &op["requestBody"]["content"]["application/json"]["example"];
        assert_eq!(ex, &example(kind).1, "{kind}");
        for code in ["200", "400", "413", "422", "503", "504"] {
            assert!(op["responses"][code].is_object(), "{kind} {code}");
        }
        assert!(d["paths"][format!("/v1/batch/{kind}")]["post"].is_object());
        // The worked example computes.
        let (id, input) = example(kind);
        assert_eq!(
            post(
                &a,
                &s.url(&format!("/v1/{kind}?ruleset={id}")),
                &input.to_string()
            )
            .status,
            200
        );
    }
    // Every reference resolves inside the document.
    let text = d.to_string();
    for r in text.split("\"$ref\":\"").skip(1) {
        let r = r.split('"').next().unwrap();
        let name = r.strip_prefix("#/components/schemas/").expect(r);
        assert!(d["components"]["schemas"][name].is_object(), "{r}");
    }
    assert!(!text.contains("$defs"));
}

/// `pension-rules simulate POP --ruleset cn/shaanxi --out OUT`.
fn simulate_to(pop: &Path, out: &Path) -> std::process::Output {
    cli(&[
        "simulate",
        pop.to_str().unwrap(),
        "--ruleset",
        "cn/shaanxi",
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn simulate_csv_in_and_out_equals_the_cli() {
    let s = Server::start(&[]);
    let a = agent();
    let dir = tempdir();
    let pop = root().join("examples/population.csv");
    let out = dir.join("out.csv");
    let o = simulate_to(&pop, &out);
    // Exit 1: a person of the example is refused, in its row (the batch convention).
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{o:?}"
    );
    let want = std::fs::read_to_string(&out).unwrap();
    let r = done(
        a.post(&s.url("/v1/batch/simulate?ruleset=cn/shaanxi"))
            .header("content-type", "text/csv")
            .send(&std::fs::read(&pop).unwrap())
            .unwrap(),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.ctype, "text/csv; charset=utf-8");
    assert_eq!(r.body, want);
    assert_eq!(r.body.lines().count(), 8);
    let r = post(&a, &s.url("/v1/batch/simulate"), "id\n");
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["fields"][0]["path"], "ruleset");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn root_serves_the_rules_explorer_as_rules_site_writes_it() {
    let s = Server::start(&[]);
    let a = agent();
    let dir = tempdir();
    let o = cli(&["rules", "site", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    for page in [
        "index.html",
        "sets/cn/shaanxi/award.pension_base.html",
        "search-index.json",
    ] {
        let want = std::fs::read_to_string(dir.join(page)).unwrap();
        let r = get(&a, &s.url(&format!("/{page}")));
        assert_eq!(r.status, 200, "{page}");
        assert_eq!(r.body, want, "{page}");
    }
    let r = get(&a, &s.url("/"));
    assert_eq!(r.status, 200);
    assert!(r.ctype.starts_with("text/html"), "{}", r.ctype);
    assert!(r.body.contains("cn/shaanxi"));
    let r = get(&a, &s.url("/sets/cn/shaanxi/no.such.parameter.html"));
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "not_found");
    std::fs::remove_dir_all(dir).unwrap();
}

/// The body of a chunked HTTP/1.1 response (its head skipped).
fn dechunk(raw: &[u8]) -> Vec<u8> {
    let at = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let (mut rest, mut body) = (&raw[at..], vec![]);
    loop {
        let line = rest.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&rest[..line]).unwrap(), 16).unwrap();
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&rest[line + 2..line + 2 + size]);
        rest = &rest[line + 4 + size..];
    }
}

#[test]
fn simulate_answers_the_first_rows_while_the_body_still_comes() {
    let s = Server::start(&[]);
    let dir = tempdir();
    // The example's persons, 50 000 rows (3.3 MB) with ids of their own (a
    // refused person among them): the service reads 16 384 rows at a time,
    // a megabyte at a time.
    let example = std::fs::read_to_string(root().join("examples/population.csv")).unwrap();
    let mut lines = example.lines();
    let header = lines.next().unwrap();
    let persons: Vec<&str> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_once(',').unwrap().1)
        .collect();
    let rows: Vec<String> = (0..50_000)
        .map(|i| format!("p{i},{}\n", persons[i % persons.len()]))
        .collect();
    let pop = dir.join("pop.csv");
    std::fs::write(&pop, format!("{header}\n{}", rows.concat())).unwrap();

    let mut t = TcpStream::connect(&s.addr).unwrap();
    t.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(
        t,
        "POST /v1/batch/simulate?ruleset=cn/shaanxi HTTP/1.1\r\nhost: {}\r\n\
         content-type: text/csv\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n",
        s.addr
    )
    .unwrap();
    let send = |t: &mut TcpStream, text: &str| {
        write!(t, "{:x}\r\n{text}\r\n", text.len()).unwrap();
    };
    send(&mut t, &format!("{header}\n"));
    for part in rows[..40_000].chunks(1000) {
        send(&mut t, &part.concat());
    }
    // A fifth of the body is still unsent: the first chunk's rows come back.
    let mut got = vec![];
    let mut buf = [0u8; 1 << 16];
    while !got.windows(8).any(|w| w == b",p16383,") {
        let n = t.read(&mut buf).expect("rows before the body ends");
        assert!(
            n > 0,
            "the answer ended early: {}",
            String::from_utf8_lossy(&got)
        );
        got.extend_from_slice(&buf[..n]);
    }
    assert!(got.starts_with(b"HTTP/1.1 200"));
    assert!(!got.windows(8).any(|w| w == b",p40000,"));
    for part in rows[40_000..].chunks(1000) {
        send(&mut t, &part.concat());
    }
    write!(t, "0\r\n\r\n").unwrap();
    t.read_to_end(&mut got).unwrap();
    let body = dechunk(&got);

    // Every row, in order, as the CLI writes it.
    let out = dir.join("out.csv");
    let o = simulate_to(&pop, &out);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let want = std::fs::read(&out).unwrap();
    assert_eq!(body.iter().filter(|b| **b == b'\n').count(), 50_001);
    assert!(body == want, "the service's rows differ from the CLI's");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn simulate_refuses_a_bad_header_before_the_body_ends() {
    let s = Server::start(&["--max-batch-body", "100000"]);
    // A header without the required columns, then rows that never end.
    let mut t = TcpStream::connect(&s.addr).unwrap();
    t.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        t,
        "POST /v1/batch/simulate?ruleset=cn/shaanxi HTTP/1.1\r\nhost: {}\r\n\
         content-type: text/csv\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n\
         b\r\nid,birth,x\n\r\n",
        s.addr
    )
    .unwrap();
    let mut head = vec![0u8; 4096];
    let n = t.read(&mut head).unwrap();
    let text = String::from_utf8_lossy(&head[..n]);
    assert!(text.starts_with("HTTP/1.1 400"), "{text}");
    assert!(text.contains("application/problem+json"), "{text}");
    drop(t);
    // A chunked body past --max-batch-body before its header ends: 413.
    let a = agent();
    let long = format!("id{}", ",x".repeat(60_000));
    let r = done(
        a.post(&s.url("/v1/batch/simulate?ruleset=cn/shaanxi"))
            .header("content-type", "text/csv")
            .send(ureq::SendBody::from_reader(&mut long.as_bytes()))
            .unwrap(),
    );
    assert_eq!(r.status, 413, "{}", r.body);
    assert_eq!(r.json()["code"], "too_large");
}
