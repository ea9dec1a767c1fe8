//! Streamed population runs (issue 17, item 1): a population read,
//! generated and run chunk by chunk gives exactly what it gives whole —
//! the same rows, row errors and ids, the same outcomes in the same order,
//! the same summaries and flows — whatever the chunk size.
#![allow(clippy::unwrap_used)]

use pension_rules::population::synthetic::{Config, Generator, SplitMix64, generate};
use pension_rules::population::{
    CsvChunks, Options, Outcome, Person, Population, Run, simulate_all,
};
use pension_rules::rules::{RuleSet, Snapshot};
use pension_rules::{Error, YearMonth};
use rust_decimal::Decimal;

fn snaps() -> Vec<Snapshot> {
    let base = RuleSet::embedded("cn/shaanxi").unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/reform-divisor-2030.toml"
    ))
    .unwrap();
    let reform = base.with_overlay("reform", &text).unwrap();
    let date = "2026-01-01".parse().unwrap();
    vec![base.at(date), reform.at(date)]
}

fn text(r: &Result<Person, Error>) -> String {
    match r {
        Ok(p) => format!("{p:?}"),
        Err(e) => format!("{e} {:?}", e.fields()),
    }
}

fn outcome_text(r: &Result<Outcome, Error>) -> String {
    match r {
        Ok(o) => format!("{o:?}"),
        Err(e) => format!("{} {e}", e.code()),
    }
}

#[test]
fn the_generator_in_chunks_gives_the_persons_generated_at_once() {
    let snap = &snaps()[0];
    for (n, seed) in [(5_000, 7), (1_234, 99)] {
        let config = Config::shaanxi(n, seed);
        let whole: Vec<String> = generate(&config, snap).rows.iter().map(text).collect();
        for chunk in [1, 7, 1000, 4099, 10_000] {
            let mut g = Generator::new(&config, snap);
            let mut rows = vec![];
            while g.remaining() > 0 {
                let c = g.next_chunk(chunk);
                assert!(c.rows.len() <= chunk);
                rows.extend(c.rows.iter().map(text));
            }
            assert_eq!(rows, whole, "chunks of {chunk}");
        }
    }
}

/// A population whose range only shows bit by bit: sorted from the
/// youngest, with explicit months, mid-career rows and error rows.
fn population(n: usize, seed: u64) -> Population {
    let mut pop = generate(&Config::shaanxi(n, seed), &snaps()[0]);
    let mut rng = SplitMix64::new(seed ^ 0x5eed);
    for row in pop.rows.iter_mut() {
        let Ok(p) = row else { continue };
        match rng.below(10) {
            0 => {
                let age = rng.between(50 * 12, 66 * 12);
                p.retirement_month = Some(p.birth.add_months(i32::try_from(age).unwrap()));
            }
            1 => p.index = p.index.map(|_| Decimal::new(rng.between(1, 99), 2)),
            2 => {
                // Far in the past and far in the future: the flows' range grows.
                p.birth = p.birth.add_months(-240);
                p.first_contribution = YearMonth::new(1975, 3).unwrap();
            }
            _ => {}
        }
    }
    pop.rows
        .sort_by_key(|r| std::cmp::Reverse(r.as_ref().map(|p| p.birth).ok()));
    pop.rows[3] = Err(Error::field("row 4.birth", "a bad row"));
    if let Ok(p) = &mut pop.rows[n - 2] {
        p.first_contribution = p.birth;
    }
    pop
}

#[test]
fn a_run_in_chunks_equals_the_whole_run() {
    let snaps = snaps();
    let a = Config::shaanxi_assumptions();
    let pop = population(2_000, 11);
    for last_year in [None, Some(2040), Some(1990)] {
        for single_path_only in [false, true] {
            if single_path_only && last_year.is_some() {
                continue;
            }
            let options = Options {
                last_year,
                single_path_only,
                ..Options::default()
            };
            let (all, whole) = simulate_all(&pop, &snaps, &a, &options).unwrap();
            for chunk in [1, 500, 4096 + 5] {
                if chunk == 1 && (single_path_only || last_year.is_some()) {
                    continue;
                }
                let mut run = Run::new(&snaps, &a, &options).unwrap();
                let mut got: Vec<Vec<String>> = snaps.iter().map(|_| vec![]).collect();
                let mut next = 0;
                for rows in pop.rows.chunks(chunk) {
                    run.push(&Population::from_rows(rows.to_vec()), |start, block| {
                        assert_eq!(start, next);
                        next += block[0].len();
                        for (g, b) in got.iter_mut().zip(block) {
                            g.extend(b.iter().map(outcome_text));
                        }
                    });
                }
                assert_eq!(run.rows(), pop.rows.len());
                let summaries = run.finish();
                assert_eq!(
                    summaries, whole,
                    "chunks of {chunk}, last year {last_year:?}"
                );
                let want: Vec<Vec<String>> = all
                    .iter()
                    .map(|v| v.iter().map(outcome_text).collect())
                    .collect();
                assert_eq!(got, want, "chunks of {chunk}");
                // The JSON too, byte for byte.
                assert_eq!(
                    serde_json::to_string(&summaries).unwrap(),
                    serde_json::to_string(&whole).unwrap()
                );
            }
        }
    }
}

#[test]
fn the_flows_years_are_those_of_the_whole_population() {
    let snaps = snaps();
    let a = Config::shaanxi_assumptions();
    let pop = population(2_000, 5);
    let (_, s) = simulate_all(&pop, &snaps, &a, &Options::default()).unwrap();
    let first = pop
        .rows
        .iter()
        .flatten()
        .filter(|p| p.first_contribution > p.birth)
        .map(|p| p.first_contribution.year())
        .min()
        .unwrap();
    assert_eq!(s[0].years.first().unwrap().year, first);
    assert_eq!(s[0].years.first().unwrap().year, 1975);
    let (_, s) = simulate_all(
        &pop,
        &snaps,
        &a,
        &Options {
            last_year: Some(2030),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(s[1].years.last().unwrap().year, 2030);
}

fn csv_body(n: usize) -> String {
    let mut body = String::from("id,birth,category,first_contribution,index,deemed_months\n");
    for i in 1..=n {
        let line = match i % 97 {
            0 => format!("bad{i},1990-13,male,2012-07,1.0,0\n"),
            1 => format!("short{i},1990-03,male\n"),
            2 => format!(" pad{i} , 1985-11 ,female_55, 2008-01 , 0.75 ,12\n"),
            3 => "\n".to_string(),
            4 => ",1990-03,robot,2012-07,abc,x\n".to_string(),
            _ => format!(
                "p{i},19{:02}-0{},male,2012-07,1.{},0\n",
                70 + i % 25,
                1 + i % 9,
                i % 10
            ),
        };
        body.push_str(&line);
    }
    body
}

fn read_in_chunks(bytes: &[u8], chunk: usize) -> Population {
    let mut c = CsvChunks::new(bytes, chunk).unwrap();
    let mut all = Population::default();
    while let Some(p) = c.next_chunk().unwrap() {
        assert!(p.rows.len() <= chunk);
        let at = all.rows.len();
        all.unread_ids
            .extend(p.unread_ids.into_iter().map(|(i, id)| (at + i, id)));
        all.rows.extend(p.rows);
    }
    assert!(c.next_chunk().unwrap().is_none());
    all
}

#[test]
fn csv_in_chunks_reads_the_rows_and_errors_of_the_whole_file() {
    let body = csv_body(2_000);
    let crlf = body.replace('\n', "\r\n");
    let bom = format!("\u{feff}{body}");
    // A quote in the middle: from there one stream.
    let quoted = body.replacen("p1500,", "\"p1500\",", 1);
    let quoted_header = body.replacen("id,", "\"id\",", 1);
    assert_ne!(quoted, body);
    for b in [&body, &crlf, &bom, &quoted, &quoted_header] {
        let whole = Population::read_csv(b.as_bytes()).unwrap();
        let blank = (1..=2_000).filter(|i| i % 97 == 3).count();
        assert_eq!(whole.rows.len(), 2_000 - blank);
        let want: Vec<String> = whole.rows.iter().map(text).collect();
        for chunk in [1, 2, 96, 1000, 5000] {
            let got = read_in_chunks(b.as_bytes(), chunk);
            assert_eq!(
                got.rows.iter().map(text).collect::<Vec<_>>(),
                want,
                "{chunk}"
            );
            assert_eq!(got.unread_ids, whole.unread_ids);
        }
    }
    // The same rows however the file is written.
    let plain: Vec<String> = Population::read_csv(body.as_bytes())
        .unwrap()
        .rows
        .iter()
        .map(text)
        .collect();
    let quoted: Vec<String> = read_in_chunks(quoted.as_bytes(), 64)
        .rows
        .iter()
        .map(text)
        .collect();
    assert_eq!(plain, quoted);
    // A byte order mark (Excel's 「CSV UTF-8」) is no part of the id column's name.
    let with_bom = Population::read_csv(bom.as_bytes()).unwrap();
    assert_eq!(with_bom.rows.iter().map(text).collect::<Vec<_>>(), plain);
    let labels = |p: &Population| {
        (0..p.rows.len())
            .map(|i| p.label(i, 0).into_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        labels(&with_bom),
        labels(&Population::read_csv(body.as_bytes()).unwrap())
    );
    assert_eq!(with_bom.id_of(5), Some("p7"));
    let e = Population::read_csv(body.as_bytes()).unwrap();
    assert_eq!(e.rows[0].as_ref().unwrap_err().fields()[0].path, "row 1");
    // The blank line is no row: the id-less row is data row 3.
    assert_eq!(e.label(2, 0), "row 3");
}

#[test]
fn an_empty_file_or_one_without_rows_is_refused_in_chunks_too() {
    let e = CsvChunks::new("".as_bytes(), 10).unwrap_err();
    assert_eq!(e.fields()[0].path, "header");
    let mut c = CsvChunks::new("id,birth,category,first_contribution\n\n".as_bytes(), 10).unwrap();
    assert_eq!(c.next_chunk().unwrap_err().fields()[0].path, "rows");
    let e = CsvChunks::new("id,birth\n1,2\n".as_bytes(), 10).unwrap_err();
    assert_eq!(e.fields()[0].path, "header.category");
}

#[test]
fn the_csv_export_in_chunks_equals_the_whole() {
    let pop = population(500, 3);
    let mut whole = vec![];
    pop.write_csv(&mut whole).unwrap();
    let mut chunked = vec![];
    Population::default().write_csv(&mut chunked).unwrap();
    for rows in pop.rows.chunks(77) {
        Population::from_rows(rows.to_vec())
            .write_csv_rows(&mut chunked)
            .unwrap();
    }
    assert_eq!(
        String::from_utf8(chunked).unwrap(),
        String::from_utf8(whole).unwrap()
    );
}

#[test]
fn past_last_year_the_fast_path_gives_the_single_path_figures() {
    let snaps = snaps();
    let a = Config::shaanxi_assumptions();
    let pop = population(1_500, 21);
    let run = |single_path_only| {
        let options = Options {
            last_year: Some(2030),
            single_path_only,
            ..Options::default()
        };
        simulate_all(&pop, &snaps, &a, &options).unwrap()
    };
    let ((fast, mut f), (single, mut s)) = (run(false), run(true));
    // Most persons retire after 2030 and still take the fast path.
    assert!(f[0].fast_path > 1_000, "{}", f[0].fast_path);
    for (x, y) in fast.iter().zip(&single) {
        let x: Vec<String> = x.iter().map(outcome_text).collect();
        let y: Vec<String> = y.iter().map(outcome_text).collect();
        assert_eq!(x, y);
    }
    for x in f.iter_mut().chain(s.iter_mut()) {
        (x.fast_path, x.single_path) = (0, 0);
    }
    assert_eq!(f, s);
    assert_eq!(f[0].years.last().unwrap().year, 2030);
}
