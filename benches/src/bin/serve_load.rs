//! Load benchmark of `pension-rules serve` (benches/README.md): starts the
//! binary on a free loopback port, then
//!
//! 1. **capacity**: `--clients` keep-alive connections each sending single
//!    awards (`POST /v1/award`, the derived-award-1 vector) back to back, for
//!    at most `--seconds` or `--requests` in all: awards per second, p50 and
//!    p99 latency;
//! 2. **twice the capacity**: a server whose concurrency limit is
//!    `--limit` (default 2, the cores), driven by `--over` connections
//!    (default twice the saturating `--clients`) without pause:
//!    how many are answered 200, how many 503 (shed at once), how many time
//!    out or fail, and the server's RSS before and after.
//!
//! Traffic goes to 127.0.0.1 only; every loop is bounded in count and time
//! and the server is killed at the end.
//!
//! `cargo run --release -p pension-rules-benches --bin serve-load -- [--bin PATH] [--clients N] [--seconds S] [--requests N] [--limit N] [--over N]`
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const INPUT: &str = r#"{"category":"male","birth":"1965-03","retirement_month":"2025-03","contribution_months":420,"deemed_months":0,"average_index":"1.0","account_balance":"200000"}"#;

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(bin: &str, limit: usize) -> Server {
    let mut child = Command::new(bin)
        .args(["serve", "--addr", "127.0.0.1:0", "--max-in-flight"])
        .arg(limit.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // The access log is read and dropped (as a log shipper would).
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(a) = line.strip_prefix("listening on http://") {
                let _ = tx.send(a.to_string());
            }
        }
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    assert!(addr.starts_with("127.0.0.1:"));
    Server {
        child,
        base: format!("http://{addr}"),
    }
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).map(String::from))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[derive(Default)]
struct Tally {
    ok: Vec<Duration>,
    shed: usize,
    other: usize,
    failed: usize,
    /// The first few transport errors, as the client saw them.
    errors: Vec<String>,
}

/// `clients` keep-alive connections sending awards until `budget` requests
/// are sent or `seconds` have passed.
fn drive(base: &str, clients: usize, seconds: f64, budget: usize) -> (Tally, Duration) {
    let url = format!("{base}/v1/award?ruleset=cn/shaanxi");
    let sent = Arc::new(AtomicUsize::new(0));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let t0 = Instant::now();
    let deadline = t0 + Duration::from_secs_f64(seconds);
    std::thread::scope(|s| {
        for _ in 0..clients {
            let (url, sent, tally) = (&url, &sent, &tally);
            s.spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(10)))
                    .build()
                    .into();
                let mut mine = Tally::default();
                while Instant::now() < deadline && sent.fetch_add(1, Ordering::Relaxed) < budget {
                    let t = Instant::now();
                    match agent
                        .post(url)
                        .header("content-type", "application/json")
                        .send(INPUT)
                    {
                        Ok(mut r) => {
                            let status = r.status().as_u16();
                            let _ = r.body_mut().read_to_vec();
                            match status {
                                200 => mine.ok.push(t.elapsed()),
                                503 => mine.shed += 1,
                                _ => mine.other += 1,
                            }
                        }
                        Err(e) => {
                            mine.failed += 1;
                            if mine.errors.len() < 3 {
                                mine.errors.push(e.to_string());
                            }
                        }
                    }
                }
                let mut all = tally.lock().unwrap();
                all.ok.extend(mine.ok);
                all.shed += mine.shed;
                all.other += mine.other;
                all.failed += mine.failed;
                all.errors.extend(mine.errors);
            });
        }
    });
    let elapsed = t0.elapsed();
    let t = std::mem::take(&mut *tally.lock().unwrap());
    (t, elapsed)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

fn report(name: &str, mut t: Tally, elapsed: Duration) {
    t.ok.sort();
    let total = t.ok.len() + t.shed + t.other + t.failed;
    println!(
        "{name}: {total} requests in {:.2} s: {} × 200 ({:.0}/s), {} × 503, {} other status, {} timed out or failed; p50 {:.2} ms, p99 {:.2} ms (of the 200s)",
        elapsed.as_secs_f64(),
        t.ok.len(),
        t.ok.len() as f64 / elapsed.as_secs_f64(),
        t.shed,
        t.other,
        t.failed,
        pct(&t.ok, 0.5),
        pct(&t.ok, 0.99),
    );
    let mut seen = t.errors.clone();
    seen.sort();
    seen.dedup();
    for e in seen.iter().take(3) {
        println!("  client error: {e}");
    }
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bin: String = arg(&args, "--bin", "target/release/pension-rules".to_string());
    let clients: usize = arg(&args, "--clients", 4);
    let seconds: f64 = arg(&args, "--seconds", 10.0);
    let requests: usize = arg(&args, "--requests", 200_000);
    let limit: usize = arg(&args, "--limit", 2);
    let over: usize = arg(&args, "--over", 2 * clients);
    println!(
        "serve-load: {bin}, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    let s = start(&bin, 64);
    let _ = drive(&s.base, 1, 2.0, 500); // warm-up: rule sets and snapshots cached
    let (t, e) = drive(&s.base, clients, seconds, requests);
    report(
        &format!("capacity ({clients} keep-alive clients, limit 64)"),
        t,
        e,
    );
    drop(s);

    let s = start(&bin, limit);
    let _ = drive(&s.base, 1, 2.0, 500);
    let pid = s.child.id();
    let before = rss_kib(pid);
    let (t, e) = drive(&s.base, over, seconds, requests);
    let after = rss_kib(pid);
    report(
        &format!("overload ({over} clients against a limit of {limit} in flight)"),
        t,
        e,
    );
    let (t2, e2) = drive(&s.base, over, seconds, requests);
    let after2 = rss_kib(pid);
    report("overload, second round", t2, e2);
    println!(
        "server RSS: {before} KiB before, {after} KiB after one overload round, {after2} KiB after two"
    );
}
