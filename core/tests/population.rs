//! Population runs: the batch (fast path) gives exactly the single-case
//! figures for every person, and the aggregates add up.

use pension_rules::population::synthetic::{Config, SplitMix64, generate};
use pension_rules::population::{Options, Person, Population, evaluate, simulate_all};
use pension_rules::projection::Assumptions;
use pension_rules::rules::{RuleSet, Snapshot};
use rust_decimal::Decimal;

fn snaps() -> Vec<Snapshot> {
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/reform-divisor-2030.toml"
    ))
    .expect("overlay");
    let reform = base.with_overlay("reform", &text).expect("overlay loads");
    let date = "2026-01-01".parse().expect("date");
    vec![base.at(date), reform.at(date)]
}

/// A random population that also exercises the edges: explicit retirement
/// months (early, late, January), a past with a balance, per-year paths,
/// indexes at the cap, tiny and large indexes, invalid rows.
fn random_population(n: usize, seed: u64) -> Population {
    let mut pop = generate(&Config::shaanxi(n, seed), &snaps()[0]);
    let mut rng = SplitMix64::new(seed ^ 0x5eed);
    for row in pop.rows.iter_mut() {
        let Ok(p) = row else { continue };
        match rng.below(20) {
            0 => {
                // An explicit month around age 60, any calendar month.
                let age = rng.between(50 * 12, 66 * 12);
                p.retirement_month = Some(p.birth.add_months(i32::try_from(age).unwrap_or(0)));
            }
            1 => {
                // Mid-career from a January with a statement.
                let y = 2026.max(p.first_contribution.year() + 1);
                let months = u32::try_from((y - p.first_contribution.year()) * 12 - 3).unwrap_or(0);
                p.first_contribution = pension_rules::YearMonth::new(y, 1).expect("month");
                p.contribution_months = months;
                p.average_index = Some(Decimal::new(rng.between(5000, 32000), 4));
                p.account_balance = Some(Decimal::new(rng.between(0, 30_000_000), 2));
                p.indexes = None;
                p.index = Some(Decimal::new(rng.between(3000, 31000), 4));
                p.deemed_months = 0;
            }
            2 => p.index = p.index.map(|_| Decimal::new(30000, 4)),
            3 => p.index = p.index.map(|_| Decimal::new(rng.between(1, 9999), 4)),
            4 => p.index = p.index.map(|_| Decimal::new(rng.between(1, 99), 2)),
            _ => {}
        }
    }
    // Rows that cannot be computed keep their place.
    if let Some(Ok(p)) = pop.rows.get_mut(3) {
        p.index = None;
    }
    if let Some(Ok(p)) = pop.rows.get_mut(5) {
        p.first_contribution = p.birth;
    }
    pop
}

#[test]
fn batch_equals_single_path_for_every_person() {
    let snaps = snaps();
    let a = Config::shaanxi_assumptions();
    let pop = random_population(5000, 2026);
    let (all, summaries) = simulate_all(&pop, &snaps, &a, &Options::default()).expect("run");
    for (k, snap) in snaps.iter().enumerate() {
        assert_eq!(all[k].len(), pop.rows.len());
        let s = &summaries[k];
        // The fast path did the work: fallbacks are the errors and edges.
        assert!(s.fast_path > 4500, "fast path {} of 5000", s.fast_path);
        for (i, (row, got)) in pop.rows.iter().zip(&all[k]).enumerate() {
            let want = match row {
                Ok(p) => evaluate(p, snap, &a),
                Err(e) => Err(e.clone()),
            };
            match (got, &want) {
                (Ok(g), Ok(w)) => {
                    // Field by field, then the whole (scales included).
                    assert_eq!(g.total, w.total, "row {i} total");
                    assert_eq!(g.average_index, w.average_index, "row {i} index");
                    assert_eq!(g.account_balance, w.account_balance, "row {i} balance");
                    assert_eq!(format!("{g:?}"), format!("{w:?}"), "row {i}");
                }
                (Err(g), Err(w)) => assert_eq!(g.to_string(), w.to_string(), "row {i}"),
                _ => panic!("row {i}: batch {got:?} vs single {want:?}"),
            }
        }
    }
    // The reform's larger divisors from 2030 lower the account pension.
    assert!(summaries[1].mean_total < summaries[0].mean_total);
}

#[test]
fn aggregates_match_the_rows() {
    let snaps = snaps();
    let a = Config::shaanxi_assumptions();
    let pop = generate(&Config::shaanxi(2000, 9), &snaps[0]);
    let (all, summaries) = simulate_all(&pop, &snaps[..1], &a, &Options::default()).expect("run");
    let s = &summaries[0];
    let ok: Vec<_> = all[0].iter().flatten().collect();
    assert_eq!(s.ok as usize, ok.len());
    assert_eq!(s.persons, 2000);
    let sum: Decimal = ok.iter().map(|o| o.total).sum();
    let mean = (sum / Decimal::from(ok.len())).round_dp(2);
    assert_eq!(s.mean_total, Some(mean));
    // Pensions of the last year: every award started by then, 12 months or
    // fewer.
    let last = s.years.last().expect("years");
    let due: Decimal = ok
        .iter()
        .filter(|o| o.retirement_month.add_months(1).year() <= last.year)
        .map(|o| {
            let start = o.retirement_month.add_months(1);
            let from = if start.year() == last.year {
                start.month()
            } else {
                1
            };
            o.total * Decimal::from(13 - from)
        })
        .sum();
    assert_eq!(last.pensions, due);
    let retirees: u64 = s.years.iter().map(|y| y.new_retirees).sum();
    assert_eq!(
        retirees as usize,
        ok.iter()
            .filter(|o| o.retirement_month.add_months(1).year() <= last.year)
            .count()
    );
}

#[test]
fn same_flows_by_either_path() {
    let snaps = snaps();
    let a = Config::shaanxi_assumptions();
    let pop = random_population(1500, 77);
    let (_, fast) = simulate_all(&pop, &snaps, &a, &Options::default()).expect("run");
    let single_only = Options {
        single_path_only: true,
        ..Default::default()
    };
    let (_, single) = simulate_all(&pop, &snaps, &a, &single_only).expect("run");
    for (f, s) in fast.iter().zip(&single) {
        assert_eq!(s.fast_path, 0);
        assert_eq!(f.years, s.years);
        assert_eq!(
            (
                f.mean_total,
                f.median_total,
                f.mean_replacement_rate,
                f.median_replacement_rate
            ),
            (
                s.mean_total,
                s.median_total,
                s.mean_replacement_rate,
                s.median_replacement_rate
            )
        );
        assert_eq!(f.errors, s.errors);
    }
}

#[test]
fn csv_round_trip_keeps_rows_and_errors() {
    let pop = generate(&Config::shaanxi(50, 1), &snaps()[0]);
    let mut buf = vec![];
    pop.write_csv(&mut buf).expect("write");
    let back = Population::read_csv(buf.as_slice()).expect("read");
    let a: Vec<&Person> = pop.rows.iter().flatten().collect();
    let b: Vec<&Person> = back.rows.iter().flatten().collect();
    assert_eq!(a, b);
    let bad = "id,birth,category,first_contribution,index\nx,1990-01,male,2010-01,abc\n";
    let p = Population::read_csv(bad.as_bytes()).expect("header ok");
    let e = p.rows[0].as_ref().expect_err("bad index");
    assert_eq!(e.fields()[0].path, "row 1.index");
    assert_eq!(
        e.fields()[0].message,
        "person x: expected a decimal like 0.85, got \"abc\""
    );
    assert!(Population::read_csv("id,wage\n".as_bytes()).is_err());
}

fn paths(e: &pension_rules::Error) -> Vec<&str> {
    e.fields().iter().map(|f| f.path.as_str()).collect()
}

/// Issue 16: a header problem refuses the whole file with one error per
/// column, all at once — never one error row per person.
#[test]
fn header_problems_refuse_the_whole_file() {
    let body = "\nP1,1990-03,male,2012-07,1.0\n".repeat(3);
    for (head, want) in [
        // A repeated column.
        (
            "id,birth,category,first_contribution,index,index",
            vec!["header.index"],
        ),
        // A missing required column.
        ("id,birth,category,index", vec!["header.first_contribution"]),
        // An unknown column, a repeat and two missing, at once.
        (
            "id,id,wage,index",
            vec![
                "header.id",
                "header.wage",
                "header.birth",
                "header.category",
                "header.first_contribution",
            ],
        ),
    ] {
        let e = Population::read_csv(format!("{head}{body}").as_bytes())
            .expect_err("a header problem refuses the file");
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(paths(&e), want, "{head}");
    }
    let e = Population::read_csv("id,birth,category,first_contribution,index,index\n".as_bytes())
        .expect_err("repeated");
    assert_eq!(
        e.fields()[0].message,
        "column index appears twice (columns 5 and 6); keep one"
    );
    let e = Population::read_csv("id,birth,category\nP1,1990-03,male\n".as_bytes())
        .expect_err("missing");
    assert_eq!(
        e.fields()[0].message,
        "required column first_contribution is missing (every table needs id, birth, category, first_contribution)"
    );
    // The same rules for columns (Parquet, frames), under `columns.`.
    let col = |v: &[&str]| v.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
    let cols = [
        ("id", col(&["a"])),
        ("birth", col(&["1990-03"])),
        ("category", col(&["male"])),
        ("index", col(&["1.0"])),
        ("index", col(&["1.0"])),
    ];
    let e = Population::from_columns(&cols, 1).expect_err("columns");
    assert_eq!(paths(&e), ["columns.index", "columns.first_contribution"]);
    let e = Population::from_columns(&cols[..3], 0).expect_err("no rows");
    assert_eq!(paths(&e), ["rows"]);
}

/// Issue 16: every row error names the row (1-based), the column and the
/// person, in words — no parser internals (`unknown variant`, `untagged
/// enum Count`, `Invalid decimal`), and long values are cut.
#[test]
fn row_errors_name_the_row_the_person_and_the_column_in_words() {
    let long = "r".repeat(100_000);
    let csv = format!(
        "id,birth,category,first_contribution,index,deemed_months,indexes,account_balance\n\
         P1,1990-03,male,2012-07,1.0,,,\n\
         P2,1990-03,robot,2012-07,abc,x,,\n\
         P3,1990-03,male,2012-07,,-5,0.8;x;0.9,1;000\n\
         P4,1990-03,{long},2012-07,1.0,,,\n\
         P5,1990-03,male\n"
    );
    let pop = Population::read_csv(csv.as_bytes()).expect("header ok");
    assert!(pop.rows[0].is_ok());
    let fields = |i: usize| -> Vec<(String, String)> {
        pop.rows[i]
            .as_ref()
            .expect_err("a bad row")
            .fields()
            .iter()
            .map(|f| (f.path.clone(), f.message.clone()))
            .collect()
    };
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        fields(1),
        [
            s(
                "row 2.category",
                "person P2: unknown category \"robot\" (expected male, female_50, female_55)"
            ),
            s(
                "row 2.deemed_months",
                "person P2: expected a whole number of months like 120, got \"x\""
            ),
            s(
                "row 2.index",
                "person P2: expected a decimal like 0.85, got \"abc\""
            ),
        ]
    );
    assert_eq!(
        fields(2),
        [
            s(
                "row 3.account_balance",
                "person P3: expected an amount like 52000.00, got \"1;000\""
            ),
            s(
                "row 3.deemed_months",
                "person P3: expected a whole number of months like 120, got \"-5\""
            ),
            s(
                "row 3.indexes",
                "person P3: year 2 of the indexes \"x\" is not a decimal like 0.85 (expected indexes like 0.8;0.85;0.9)"
            ),
        ]
    );
    let long_row = fields(3);
    assert_eq!(long_row[0].0, "row 4.category");
    assert!(long_row[0].1.len() < 150, "cut: {}", long_row[0].1.len());
    assert_eq!(
        fields(4),
        [s(
            "row 5",
            "the row has 3 cells, but the header names 8 columns"
        )]
    );
    for r in &pop.rows {
        if let Err(e) = r {
            let m = e.to_string();
            for internal in ["variant", "untagged", "Invalid decimal", "invalid type"] {
                assert!(!m.contains(internal), "{m}");
            }
        }
    }
    // A JSON row (Python dicts, JS objects) reads the same words.
    let e = Person::from_json(&serde_json::json!({"id": "P9", "birth": "1990-03",
        "category": "robot", "first_contribution": "2012-07", "deemed_months": -1,
        "index": 0.8}))
    .expect_err("bad");
    let got: Vec<(&str, &str)> = e
        .fields()
        .iter()
        .map(|f| (f.path.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "category",
                "unknown category \"robot\" (expected male, female_50, female_55)"
            ),
            (
                "deemed_months",
                "expected a whole number of months like 120, got -1"
            ),
            ("index", pension_rules::error::FLOAT_REFUSED),
        ]
    );
}

/// Issue 16: a summary that leaves rows out says how many.
#[test]
fn a_summary_counts_the_rows_it_leaves_out() {
    let csv = "id,birth,category,first_contribution,index\n\
               a,1990-03,male,2012-07,1.0\n\
               b,1990-03,robot,2012-07,1.0\n\
               c,1990-03,male,2012-07,1.2\n";
    let pop = Population::read_csv(csv.as_bytes()).expect("read");
    let snaps = snaps();
    let (_, s) = simulate_all(
        &pop,
        &snaps,
        &Config::shaanxi_assumptions(),
        &Options::default(),
    )
    .expect("run");
    for x in &s {
        assert_eq!((x.persons, x.ok, x.left_out), (3, 2, 1));
        assert_eq!(x.errors.get("invalid_input"), Some(&1));
    }
}

#[test]
fn assumptions_are_checked_once() {
    let snaps = snaps();
    let bad = Assumptions {
        average_wage_growth: Decimal::NEGATIVE_ONE,
        ..Config::shaanxi_assumptions()
    };
    let pop = generate(&Config::shaanxi(3, 1), &snaps[0]);
    assert!(simulate_all(&pop, &snaps, &bad, &Options::default()).is_err());
}

#[test]
fn a_rule_set_with_local_extras_is_computed_as_the_engine_computes_it() {
    // A flat 50 yuan extra (地方增发) in the total: the fast path does not
    // implement extras, so every person goes the single path and each
    // total carries the 50 yuan the Engine's award adds.
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let extras = base
        .with_overlay(
            "extras",
            r#"
[overlay]
id = "test/flat-extra"
[award.extras.flat_fifty]
[[award.extras.flat_fifty.values]]
from = 2000-01-01
title = "测试定额增发 test flat extra"
kind = "flat"
amount = "50"
source = "test"
"#,
        )
        .expect("overlay");
    let date = "2026-01-01".parse().expect("date");
    let snaps = vec![base.at(date), extras.at(date)];
    let a = Config::shaanxi_assumptions();
    let pop = random_population(400, 14);
    let (all, summaries) = simulate_all(&pop, &snaps, &a, &Options::default()).expect("run");
    assert_eq!(summaries[1].fast_path, 0);
    let single_only = Options {
        single_path_only: true,
        ..Options::default()
    };
    let (single, _) = simulate_all(&pop, &snaps, &a, &single_only).expect("run");
    let mut compared = 0;
    for (i, row) in pop.rows.iter().enumerate() {
        match (&all[0][i], &all[1][i], &single[1][i]) {
            (Ok(b), Ok(x), Ok(s)) => {
                assert_eq!(format!("{x:?}"), format!("{s:?}"), "row {i}");
                assert_eq!(x.total, b.total + Decimal::from(50), "row {i}");
                if let Ok(p) = row {
                    let want = evaluate(p, &snaps[1], &a).expect("single path");
                    assert_eq!(x.total, want.total, "row {i}");
                }
                compared += 1;
            }
            (Err(_), Err(_), Err(_)) => {}
            other => panic!("row {i}: {other:?}"),
        }
    }
    assert!(compared > 300, "{compared}");
}

/// A large CSV is cut at line ends and read in parallel parts (without the
/// `parallel` feature, or with a quote anywhere, as one stream): either way
/// the same persons, the same row errors (numbered from 1 across the
/// parts) and the same ids of rows that do not read.
#[test]
fn a_large_csv_reads_the_same_in_parallel_parts_as_in_one_stream() {
    let mut body = String::from("id,birth,category,first_contribution,index,deemed_months\n");
    let mut n = 0;
    while body.len() < 3 << 20 {
        n += 1;
        let line = match n % 997 {
            0 => format!("bad{n},1990-13,male,2012-07,1.0,0\n"),
            1 => format!("short{n},1990-03,male\n"),
            2 => format!(" pad{n} , 1985-11 ,female_55, 2008-01 , 0.75 ,12\n"),
            3 => format!("p{n},1990-03,robot,2012-07,abc,x\n"),
            _ => format!(
                "p{n},19{:02}-0{},male,2012-07,1.{},0\n",
                70 + n % 25,
                1 + n % 9,
                n % 10
            ),
        };
        body.push_str(&line);
    }
    let parallel = Population::read_csv(body.as_bytes()).unwrap();
    // A quoted cell (read as the same text) sends the file down one stream.
    let quoted = body.replacen("p5,", "\"p5\",", 1);
    assert_ne!(quoted, body);
    let stream = Population::read_csv(quoted.as_bytes()).unwrap();
    assert_eq!(parallel.rows.len(), n);
    assert_eq!(stream.rows.len(), n);
    let text = |r: &Result<Person, pension_rules::Error>| match r {
        Ok(p) => format!("{p:?}"),
        Err(e) => e.to_string(),
    };
    for (i, (a, b)) in parallel.rows.iter().zip(&stream.rows).enumerate() {
        assert_eq!(text(a), text(b), "row {}", i + 1);
    }
    assert_eq!(parallel.unread_ids, stream.unread_ids);
    let errors: Vec<usize> = (0..n).filter(|&i| parallel.rows[i].is_err()).collect();
    assert!(errors.len() > 3 * (n / 997) - 3, "{}", errors.len());
    // The first short row is data row 997 + 1 = 998.
    let short = parallel.rows[997].as_ref().unwrap_err();
    assert_eq!(short.fields()[0].path, "row 998");
    assert_eq!(
        short.fields()[0].message,
        "the row has 3 cells, but the header names 6 columns"
    );
    assert_eq!(parallel.label(996, 0), "bad997");
    assert_eq!(parallel.rows[998].as_ref().unwrap().id, "pad999");
}
