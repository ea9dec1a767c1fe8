//! `pension-rules simulate` streams its population in chunks (issue 17,
//! item 1; docs/population.md, "Streaming and memory"): any chunk size
//! (the hidden `--chunk-rows`) gives byte for byte the outputs of one
//! chunk — per-person rows, flows, the summary, the exported population —
//! in CSV and Parquet, with reforms, row errors and `--last-year`.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "pension-rules-stream-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Run `simulate` on `input` writing every output under `dir/tag.*` with
/// extension `ext`; the exit code, stdout and each output's bytes.
fn outputs(dir: &Path, tag: &str, input: &[&str], ext: &str, extra: &[&str]) -> Vec<Vec<u8>> {
    let out = dir.join(format!("{tag}-out.{ext}"));
    let flows = dir.join(format!("{tag}-flows.{ext}"));
    let export = dir.join(format!("{tag}-pop.{ext}"));
    let reform = repo("examples/reform-divisor-2030.toml");
    let mut args = vec!["simulate"];
    args.extend(input);
    args.extend([
        "--reform",
        &reform,
        "--out",
        s(&out),
        "--flows",
        s(&flows),
        "--export-population",
        s(&export),
        "--format",
        "json",
    ]);
    args.extend(extra);
    let o = run(&args);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    vec![
        vec![u8::try_from(o.status.code().unwrap()).unwrap()],
        o.stdout,
        std::fs::read(&out).unwrap(),
        std::fs::read(&flows).unwrap(),
        std::fs::read(&export).unwrap(),
    ]
}

/// A population file with row errors, a blank line and, late, a quoted
/// cell (the reader goes from parallel lines to one stream there).
fn population_csv(dir: &Path) -> PathBuf {
    let p = dir.join("pop.csv");
    let o = run(&[
        "simulate",
        "--synthetic",
        "3000",
        "--seed",
        "3",
        "--export-population",
        s(&p),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&p).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[10] = lines[10].replacen(",19", ",18", 1).replacen("-0", "-13", 1);
    lines[20] = "short,1990-03".into();
    lines[30] = String::new();
    lines[40] = format!("\"{}\"", lines[40].replacen(',', "\",\"", 1));
    lines[2500] = format!("\"{}", lines[2500].replacen(',', "\",", 1));
    lines.push(",1990-03,robot,2012-07,,0,1.0,,,,".into());
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p
}

#[test]
fn csv_in_chunks_gives_the_outputs_of_one_chunk_byte_for_byte() {
    let dir = temp_dir("csv");
    let pop = population_csv(&dir);
    for extra in [&[][..], &["--last-year", "2040"][..]] {
        let whole = outputs(&dir, "whole", &[s(&pop)], "csv", extra);
        assert_eq!(whole[0], [1], "row errors: exit 1");
        // Every row comes back, errors in place and numbered from 1.
        let rows = String::from_utf8(whole[2].clone()).unwrap();
        assert_eq!(
            rows.lines().count(),
            1 + 2 * 3000,
            "header + 2 scenarios × rows"
        );
        // The short row 20: an error in its place, named by its number.
        assert!(rows.contains("\nbaseline,row 20,"), "{}", &rows[..300]);
        for chunk in ["1", "7", "1000"] {
            let mut args = extra.to_vec();
            args.extend(["--chunk-rows", chunk]);
            let got = outputs(&dir, chunk, &[s(&pop)], "csv", &args);
            for (k, (a, b)) in got.iter().zip(&whole).enumerate() {
                assert!(
                    a == b,
                    "output {k} differs with --chunk-rows {chunk} {extra:?}"
                );
            }
        }
    }
}

#[test]
fn synthetic_persons_in_chunks_give_the_outputs_of_one_chunk() {
    let dir = temp_dir("synthetic");
    let input = ["--synthetic", "5000", "--seed", "9"];
    let whole = outputs(&dir, "whole", &input, "csv", &[]);
    for chunk in ["333", "4096"] {
        let got = outputs(&dir, chunk, &input, "csv", &["--chunk-rows", chunk]);
        for (k, (a, b)) in got.iter().zip(&whole).enumerate() {
            assert!(a == b, "output {k} differs with --chunk-rows {chunk}");
        }
    }
    // The exported population reads back to the same results.
    let pop = dir.join("whole-pop.csv");
    let again = outputs(&dir, "again", &[s(&pop)], "csv", &["--chunk-rows", "999"]);
    assert_eq!(again[2], whole[2]);
    assert_eq!(again[3], whole[3]);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_in_chunks_gives_the_outputs_of_one_chunk_byte_for_byte() {
    let dir = temp_dir("parquet");
    let csv = population_csv(&dir);
    // The CSV population (row errors left out) as Parquet.
    let pop = dir.join("pop.parquet");
    let o = run(&["simulate", s(&csv), "--export-population", s(&pop)]);
    assert_eq!(o.status.code(), Some(1));
    let whole = outputs(&dir, "whole", &[s(&pop)], "parquet", &[]);
    for chunk in ["5", "1000"] {
        let got = outputs(&dir, chunk, &[s(&pop)], "parquet", &["--chunk-rows", chunk]);
        for (k, (a, b)) in got.iter().zip(&whole).enumerate() {
            assert!(a == b, "output {k} differs with --chunk-rows {chunk}");
        }
    }
    // The Parquet export (written through its spool) reads back the same.
    let back = outputs(
        &dir,
        "back",
        &[s(&dir.join("whole-pop.parquet"))],
        "parquet",
        &[],
    );
    assert_eq!(back[1], whole[1]);
    assert_eq!(back[2], whole[2]);
    assert_eq!(back[3], whole[3]);
    // No spool is left behind.
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_failing_input_midway_leaves_no_output() {
    let dir = temp_dir("midway");
    let pop = population_csv(&dir);
    // A file without a row is refused before anything is written.
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "id,birth,category,first_contribution\n").unwrap();
    let out = dir.join("r.csv");
    let o = run(&[
        "simulate",
        s(&empty),
        "--out",
        s(&out),
        "--chunk-rows",
        "10",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("no persons"));
    assert!(!out.exists());
    // Outputs appear only when the run is complete.
    let o = run(&["simulate", s(&pop), "--out", s(&out), "--chunk-rows", "10"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.exists());
}
