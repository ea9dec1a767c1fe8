//! `pension-rules simulate` with Parquet in and out (docs/population.md §
//! Parquet): a population read from Parquet gives the very figures its CSV
//! gives, amounts are exact decimals, bad cells are row errors, and no
//! progress bar reaches a pipe.
#![cfg(feature = "parquet")]
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Decimal128Type;
use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rust_decimal::Decimal;

fn run(args: &[&str]) -> Output {
    run_exit(args, 0)
}

/// Run, expecting exit `code` (1: the run completed with rejected rows;
/// docs/errors.md, "CLI exit codes").
fn run_exit(args: &[&str], code: i32) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "pension-rules-parquet-{}-{name}",
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

fn read_parquet(p: &Path) -> Vec<RecordBatch> {
    ParquetRecordBatchReaderBuilder::try_new(File::open(p).unwrap())
        .unwrap()
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn write_parquet(p: &Path, columns: Vec<(&str, ArrayRef)>) {
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let mut w = ArrowWriter::try_new(File::create(p).unwrap(), batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// Every cell of a Parquet file as text (decimals exact), by column name.
fn columns_as_text(p: &Path) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for b in read_parquet(p) {
        for (f, a) in b.schema().fields().iter().zip(b.columns()) {
            let col = out.entry(f.name().clone()).or_default();
            for i in 0..a.len() {
                let v = if a.is_null(i) {
                    String::new()
                } else {
                    match a.data_type() {
                        DataType::Decimal128(_, scale) => Decimal::from_i128_with_scale(
                            a.as_primitive::<Decimal128Type>().value(i),
                            u32::try_from(*scale).unwrap(),
                        )
                        .to_string(),
                        DataType::Utf8 => a.as_string::<i32>().value(i).to_string(),
                        DataType::Boolean => a.as_boolean().value(i).to_string(),
                        DataType::UInt32 => a
                            .as_primitive::<arrow_array::types::UInt32Type>()
                            .value(i)
                            .to_string(),
                        DataType::UInt64 => a
                            .as_primitive::<arrow_array::types::UInt64Type>()
                            .value(i)
                            .to_string(),
                        DataType::Int32 => a
                            .as_primitive::<arrow_array::types::Int32Type>()
                            .value(i)
                            .to_string(),
                        other => panic!("unexpected column type {other}"),
                    }
                };
                col.push(v);
            }
        }
    }
    out
}

/// CSV cells by column name.
fn csv_columns(p: &Path) -> BTreeMap<String, Vec<String>> {
    let mut r = csv::Reader::from_path(p).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rec in r.records() {
        for (h, v) in headers.iter().zip(rec.unwrap().iter()) {
            out.entry(h.clone()).or_default().push(v.to_string());
        }
    }
    out
}

/// Two cells are the same figure: equal as decimals, or equal as text.
fn same_figure(a: &str, b: &str) -> bool {
    match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[test]
fn csv_to_parquet_round_trip_gives_identical_results() {
    let dir = temp_dir("round-trip");
    let (pop_csv, pop_pq) = (dir.join("pop.csv"), dir.join("pop.parquet"));
    let reform = repo("examples/reform-divisor-2030.toml");
    // A synthetic population (careers, yearly paths, mid-career statements).
    run(&[
        "simulate",
        "--synthetic",
        "400",
        "--seed",
        "11",
        "--export-population",
        s(&pop_csv),
    ]);
    // From CSV: results, flows, and the population again as Parquet.
    let (out_a, flows_a) = (dir.join("a.csv"), dir.join("fa.csv"));
    let a = run(&[
        "simulate",
        s(&pop_csv),
        "--reform",
        &reform,
        "--export-population",
        s(&pop_pq),
        "--out",
        s(&out_a),
        "--flows",
        s(&flows_a),
    ]);
    // From Parquet: the same results, byte for byte.
    let (out_b, flows_b) = (dir.join("b.csv"), dir.join("fb.csv"));
    let b = run(&[
        "simulate",
        s(&pop_pq),
        "--reform",
        &reform,
        "--out",
        s(&out_b),
        "--flows",
        s(&flows_b),
    ]);
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    assert_eq!(read(&out_a).lines().count(), 1 + 400 * 2);
    assert_eq!(read(&out_a), read(&out_b));
    assert_eq!(read(&flows_a), read(&flows_b));
    assert_eq!(a.stdout, b.stdout, "summary tables differ");
    // Parquet → Parquet → CSV: the population file reads back unchanged.
    let pop_again = dir.join("pop2.csv");
    run(&["simulate", s(&pop_pq), "--export-population", s(&pop_again)]);
    assert_eq!(read(&pop_csv), read(&pop_again));

    // Results as Parquet: the CSV's figures, exact decimals, no floats.
    let (out_c, flows_c) = (dir.join("c.parquet"), dir.join("fc.parquet"));
    run(&[
        "simulate",
        s(&pop_pq),
        "--reform",
        &reform,
        "--out",
        s(&out_c),
        "--flows",
        s(&flows_c),
    ]);
    for (pq, csv) in [(&out_c, &out_b), (&flows_c, &flows_b)] {
        let schema = read_parquet(pq)[0].schema();
        for f in schema.fields() {
            assert!(
                !matches!(f.data_type(), DataType::Float32 | DataType::Float64),
                "{} is a float",
                f.name()
            );
        }
        let (got, want) = (columns_as_text(pq), csv_columns(csv));
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>()
        );
        for (name, col) in &want {
            let g = &got[name];
            assert_eq!(g.len(), col.len(), "{name}");
            for (i, (x, y)) in g.iter().zip(col).enumerate() {
                assert!(same_figure(x, y), "{name} row {i}: parquet {x} csv {y}");
            }
        }
    }
    // Money at the rule set's scale (rounding.money: 2 places, to the fen), 18 digits as
    // the Python outputs: room for arithmetic in pandas, Polars and Arrow.
    let schema = read_parquet(&out_c)[0].schema();
    assert_eq!(
        schema.field_with_name("total").unwrap().data_type(),
        &DataType::Decimal128(18, 2)
    );
}

#[test]
fn bad_cells_are_row_errors_in_place() {
    let dir = temp_dir("bad");
    let pop = dir.join("bad.parquet");
    let text = |v: Vec<Option<&str>>| -> ArrayRef { Arc::new(StringArray::from(v)) };
    write_parquet(
        &pop,
        vec![
            ("id", text(vec![Some("a"), Some("b"), Some("c"), Some("d")])),
            (
                "birth",
                text(vec![
                    Some("1990-03"),
                    Some("1990-13"),
                    Some("1990-03"),
                    Some("1990-03"),
                ]),
            ),
            ("category", text(vec![Some("male"); 4])),
            (
                "first_contribution",
                text(vec![
                    Some("2012-07"),
                    Some("2012-07"),
                    Some("2012-07"),
                    Some("1989-07"),
                ]),
            ),
            (
                "index",
                text(vec![Some("1.0"), Some("1.0"), None, Some("1.0")]),
            ),
            (
                "average_index",
                Arc::new(Float64Array::from(vec![None, None, Some(1.0), None])),
            ),
        ],
    );
    let out = dir.join("out.csv");
    run_exit(&["simulate", s(&pop), "--out", s(&out)], 1);
    let csv = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[1].starts_with("baseline,a,ok,"), "{}", lines[1]);
    assert!(
        lines[2].starts_with("baseline,b,invalid_input,") && lines[2].contains("1990-13"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("baseline,c,invalid_input,") && lines[3].contains("float"),
        "{}",
        lines[3]
    );
    // Plausibility as for CSV: a first contribution before birth.
    assert!(
        lines[4].starts_with("baseline,d,invalid_input,") && lines[4].contains("1989-07"),
        "{}",
        lines[4]
    );
}

#[test]
fn unknown_columns_are_an_error_of_the_file() {
    let dir = temp_dir("unknown");
    let pop = dir.join("u.parquet");
    write_parquet(
        &pop,
        vec![("id", Arc::new(StringArray::from(vec!["a"])) as ArrayRef)],
    );
    let o = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(["simulate", s(&pop)])
        .output()
        .unwrap();
    // Issue 16: missing required columns refuse the whole file, each named
    // (it used to read with every row an error).
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: [invalid_input] "), "{err}");
    for col in ["birth", "category", "first_contribution"] {
        assert!(
            err.contains(&format!("header.{col}: required column {col} is missing")),
            "{err}"
        );
    }
    let pop = dir.join("v.parquet");
    write_parquet(
        &pop,
        vec![("salary", Arc::new(StringArray::from(vec!["1"])) as ArrayRef)],
    );
    let o = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(["simulate", s(&pop)])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("salary"), "{err}");
    assert!(err.starts_with("error: [invalid_input] "), "{err}");
}

#[test]
fn parquet_file_errors_carry_their_code() {
    let dir = temp_dir("codes");
    let not_parquet = dir.join("n.parquet");
    std::fs::write(&not_parquet, "id,birth\n").unwrap();
    let missing = dir.join("missing.parquet");
    let out_in_missing_dir = dir.join("no-such-dir").join("out.parquet");
    for (args, code) in [
        (vec!["simulate", s(&not_parquet)], "[invalid_input]"),
        (vec!["simulate", s(&missing)], "[io]"),
        (
            vec![
                "simulate",
                "--synthetic",
                "3",
                "--out",
                s(&out_in_missing_dir),
            ],
            "[io]",
        ),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("error: {code} ")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn no_progress_bar_on_a_pipe_and_a_summary_table() {
    let o = run(&["simulate", "--synthetic", "2000", "--seed", "5"]);
    let err = String::from_utf8_lossy(&o.stderr);
    // stderr is a pipe here: only the closing timing line, no bar.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("person-evaluations/s"), "{err}");
    assert!(!err.contains('\r') && !err.contains("eta"), "{err}");
    let table = String::from_utf8_lossy(&o.stdout);
    for row in [
        "persons",
        "with an award",
        "mean pension",
        "median pension",
        "mean replacement rate",
        "contributions in / pensions out",
    ] {
        assert!(table.contains(row), "{row} missing:\n{table}");
    }
}

/// Issue 16: a Parquet population with its columns but no row is an error,
/// not a 0-person success; a repeated column is refused as in CSV.
#[test]
fn an_empty_parquet_population_is_an_error() {
    let dir = temp_dir("empty");
    let pop = dir.join("e.parquet");
    let empty = || Arc::new(StringArray::from(Vec::<&str>::new())) as ArrayRef;
    write_parquet(
        &pop,
        vec![
            ("id", empty()),
            ("birth", empty()),
            ("category", empty()),
            ("first_contribution", empty()),
        ],
    );
    let o = Command::new(env!("CARGO_BIN_EXE_pension-rules"))
        .args(["simulate", s(&pop)])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: [invalid_input] ") && err.contains("rows: no persons"),
        "{err}"
    );
}
