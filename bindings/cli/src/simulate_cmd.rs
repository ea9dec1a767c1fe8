//! `pension-rules simulate`: a population under a baseline rule set and
//! reforms (overlay files), per-person CSV or Parquet out (by the file's
//! `.parquet` extension; crate::parquet_io), a summary table.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use pension_rules::Error;
use pension_rules::population::synthetic::{self, Config};
use pension_rules::population::{
    CsvChunks, OUTPUT_COLUMNS, Options, Outcome, Population, Run, Summary,
};
use pension_rules::projection::Assumptions;
use pension_rules::rules::Snapshot;
use rust_decimal::Decimal;

use crate::Source;
use crate::output::{self, OutFile};
use crate::parquet_io;
use crate::pipe::{errln, out, outln};
use crate::rules_cmd::with_overlays;

#[derive(Debug, Args)]
pub(crate) struct SimulateArgs {
    /// Population CSV or Parquet (`.parquet`; docs/population.md); or use --synthetic.
    population: Option<PathBuf>,
    /// Generate N synthetic Shaanxi-like persons instead (docs/population.md).
    #[arg(long, value_name = "N", conflicts_with = "population")]
    synthetic: Option<usize>,
    /// Seed of the synthetic population.
    #[arg(long, default_value_t = 1, requires = "synthetic")]
    seed: u64,
    /// Baseline rule-set id.
    #[arg(long, alias = "rules", value_name = "ID", default_value = "cn/shaanxi")]
    ruleset: String,
    /// A reform: overlay file layered on the baseline (repeat for several
    /// reforms; `a.toml+b.toml` layers two overlays as one reform).
    #[arg(long, value_name = "FILE")]
    reform: Vec<String>,
    /// Assumptions as JSON (fields of `projection::Assumptions`); default:
    /// the synthetic population's (docs/population.md), changed by the flags below.
    #[arg(long, value_name = "FILE")]
    assumptions: Option<PathBuf>,
    /// Yearly growth of the average wage after the last published year.
    #[arg(long, value_name = "RATE", value_parser = signed_decimal)]
    average_wage_growth: Option<Decimal>,
    /// Yearly growth of the pension base after the last published year.
    #[arg(long, value_name = "RATE", value_parser = signed_decimal)]
    pension_base_growth: Option<Decimal>,
    /// 记账利率 for years the rule set has none.
    #[arg(long, value_name = "RATE", value_parser = signed_decimal)]
    interest_rate: Option<Decimal>,
    /// Last year of the flows table (default: the latest retirement year).
    #[arg(long, value_name = "YEAR")]
    last_year: Option<i32>,
    /// The rules as known on this date: values published later are not
    /// seen (default: everything published); each person's rules are still
    /// those in force in the retirement month.
    #[arg(long, alias = "known-on", value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// Per-person results as CSV, or Parquet for a `.parquet` file (one row
    /// per person and scenario).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Yearly flows (contributions in, pensions out) as CSV, or Parquet for a
    /// `.parquet` file.
    #[arg(long, value_name = "FILE")]
    flows: Option<PathBuf>,
    /// Write the population read or generated as CSV, or Parquet for a
    /// `.parquet` file (e.g. for a comparison run).
    #[arg(long, value_name = "FILE")]
    export_population: Option<PathBuf>,
    /// Output format of the summaries (per-person rows go to --out).
    #[arg(long, value_enum, default_value = "table")]
    format: crate::common::Format,
    /// Same as --format json.
    #[arg(long, hide = true)]
    json: bool,
    /// Compute every person by the single-case path (slow; for checks).
    #[arg(long)]
    single_path: bool,
    /// Rows read, computed and written at a time (default 8 192 per core,
    /// 16 384 to 131 072; for tests: any size gives the same outputs).
    #[arg(long, value_name = "N", hide = true)]
    chunk_rows: Option<usize>,
}

/// A rate flag under the strict decimal grammar (a growth may be negative).
fn signed_decimal(s: &str) -> Result<Decimal, String> {
    let t = s.trim();
    pension_rules::decimal::parse(t, pension_rules::decimal::Sign::Any)
        .map_err(|e| pension_rules::decimal::refusal(t, e))
}

fn assumptions(args: &SimulateArgs) -> Result<Assumptions, String> {
    let mut a = match &args.assumptions {
        Some(p) => {
            let text = crate::common::read(p)?;
            pension_rules::json_text::from_str(&text)
                .and_then(|v| pension_rules::json_text::typed(&v))
                .map_err(|e| crate::errors::bad_text(p, "JSON", &e))?
        }
        None => Config::shaanxi_assumptions(),
    };
    if let Some(g) = args.average_wage_growth {
        a.average_wage_growth = g;
    }
    if let Some(g) = args.pension_base_growth {
        a.pension_base_growth = g;
    }
    if let Some(r) = args.interest_rate {
        a.interest_rate = r;
    }
    Ok(a)
}

/// One CSV row of the per-person output ([`OUTPUT_COLUMNS`]).
/// Rows of a block formatted by one task (`--out FILE.csv`).
const FORMAT_PART: usize = 4096;

/// Write one row of the per-person output, each cell's text made in `cell`
/// (reused: no allocation per cell).
fn write_row<W: std::io::Write>(
    b: &mut csv::Writer<W>,
    cell: &mut Vec<u8>,
    scenario: &str,
    id: &str,
    r: &Result<Outcome, Error>,
) -> csv::Result<()> {
    for c in OUTPUT_COLUMNS {
        cell.clear();
        c.value(scenario, id, r).write_text(cell);
        b.write_field(&cell[..])?;
    }
    b.write_record(None::<&[u8]>)
}

fn opt(x: Option<Decimal>) -> String {
    x.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

fn print_table(names: &[String], s: &[Summary]) {
    let mut rows: Vec<(String, Vec<String>)> = vec![];
    let mut line = |label: &str, cells: Vec<String>| rows.push((label.to_string(), cells));
    line("", names.to_vec());
    line(
        "rules hash",
        s.iter().map(|x| x.rules.hash[..12].to_string()).collect(),
    );
    line("persons", s.iter().map(|x| x.persons.to_string()).collect());
    line(
        "with an award",
        s.iter().map(|x| x.ok.to_string()).collect(),
    );
    line(
        "errors",
        s.iter()
            .map(|x| x.errors.values().sum::<u64>().to_string())
            .collect(),
    );
    line(
        "left out (errors)",
        s.iter().map(|x| x.left_out.to_string()).collect(),
    );
    line(
        "mean pension",
        s.iter().map(|x| opt(x.mean_total)).collect(),
    );
    line(
        "median pension",
        s.iter().map(|x| opt(x.median_total)).collect(),
    );
    line(
        "mean replacement rate",
        s.iter().map(|x| opt(x.mean_replacement_rate)).collect(),
    );
    line(
        "median replacement rate",
        s.iter().map(|x| opt(x.median_replacement_rate)).collect(),
    );
    line(
        "fast / single path",
        s.iter()
            .map(|x| format!("{}/{}", x.fast_path, x.single_path))
            .collect(),
    );
    print_rows(&rows);
    for x in s {
        if x.left_out > 0 {
            outln!(
                "  {}: {} of {} persons left out of the means, medians and flows:",
                x.rules.id,
                x.left_out,
                x.persons
            );
        }
        for (code, n) in &x.errors {
            outln!("  {}: {n} × {code} (see docs/errors.md)", x.rules.id);
        }
    }
    // Flows in a few years: every fifth, from the first with pensions.
    let Some(first) = s.first() else { return };
    let years: Vec<i32> = first
        .years
        .iter()
        .filter(|y| y.year % 5 == 0)
        .map(|y| y.year)
        .collect();
    if years.is_empty() {
        return;
    }
    outln!();
    outln!("contributions in / pensions out by year (yuan; --flows FILE for every year)");
    let mut rows: Vec<(String, Vec<String>)> = vec![];
    for y in years {
        let cells = s
            .iter()
            .map(|x| {
                x.years
                    .iter()
                    .find(|f| f.year == y)
                    .map(|f| {
                        format!(
                            "{:.0} / {:.0}",
                            f.employer_contributions + f.individual_contributions,
                            f.pensions
                        )
                    })
                    .unwrap_or_default()
            })
            .collect();
        rows.push((y.to_string(), cells));
    }
    print_rows(&rows);
}

/// Rows of a label and one cell per scenario, the cells right-aligned to the
/// widest of them.
fn print_rows(rows: &[(String, Vec<String>)]) {
    let w = rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(|c| c.chars().count()))
        .max()
        .unwrap_or(0)
        .max(14);
    for (label, cells) in rows {
        out!("{label:<24}");
        for c in cells {
            out!("  {c:>w$}");
        }
        outln!();
    }
}

/// Rows per chunk read, computed and written at a time (`--chunk-rows`):
/// memory holds one chunk, whatever the population's size. 8 192 per core
/// (16 384 on two cores: ≈ 70 MB for a synthetic population CSV → CSV),
/// enough parts of 4 096 rows to keep every core busy.
fn chunk_rows() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    (8192 * cores).clamp(1 << 14, 1 << 17)
}

/// Where the rows come from, a chunk at a time.
enum Rows<'a> {
    Csv(CsvChunks<std::io::BufReader<Counted>>),
    Parquet(parquet_io::PopulationChunks),
    Synthetic(synthetic::Generator<'a>, usize),
}

/// A file read, counting its bytes (the progress bar's position).
struct Counted {
    file: std::fs::File,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl std::io::Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.read
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

impl Rows<'_> {
    fn next_chunk(&mut self, path: Option<&std::path::Path>) -> Result<Option<Population>, String> {
        match self {
            Rows::Csv(c) => c.next_chunk().map_err(|e| match path {
                Some(p) => crate::errors::in_file(p, &e),
                None => crate::errors::describe(&e),
            }),
            Rows::Parquet(c) => c.next_chunk().map_err(parquet_io::coded),
            Rows::Synthetic(g, n) => Ok((g.remaining() > 0).then(|| g.next_chunk(*n))),
        }
    }
}

/// The population read or generated, written as it goes (--export-population).
enum Export {
    Csv(OutFile),
    Parquet(parquet_io::PopulationWriter),
}

impl Export {
    fn write(&mut self, chunk: &Population) -> Result<(), String> {
        match self {
            Export::Csv(f) => {
                let p = f.path().to_path_buf();
                chunk
                    .write_csv_rows(&mut *f)
                    .map_err(|e| crate::errors::io_error(&p, &e))
            }
            Export::Parquet(w) => w.write(chunk).map_err(parquet_io::coded),
        }
    }
    fn finish(self) -> Result<output::Done, String> {
        match self {
            Export::Csv(f) => f.finish(),
            Export::Parquet(w) => w.finish().map_err(parquet_io::coded),
        }
    }
}

pub(crate) fn run(args: SimulateArgs, source: &Source) -> Result<ExitCode, String> {
    use crate::common::Format;
    let json = match args.format.or_json(args.json) {
        Format::Csv => {
            return Err(crate::common::no_csv(
                "per-person rows: write them with --out FILE.csv",
            ));
        }
        f => f == Format::Json,
    };
    refuse_overlap(&args)?;
    // The batch path resolves one snapshot per scenario; the engine
    // supplies the baseline (catalog, pins) as for every other command.
    let base = source.engine(&args.ruleset)?.rules().clone();
    let snap = |rs: &pension_rules::rules::RuleSet| -> Snapshot {
        pension_rules::population::snapshot(rs, args.as_of)
    };
    let mut snaps = vec![snap(&base)];
    let mut rule_sets = vec![base.clone()];
    let mut names = vec!["baseline".to_string()];
    for r in &args.reform {
        let files: Vec<PathBuf> = r.split('+').map(PathBuf::from).collect();
        let rs = with_overlays(base.clone(), &files)?;
        names.push(
            rs.id()
                .strip_prefix(&format!("{}+", base.id()))
                .unwrap_or(rs.id())
                .to_string(),
        );
        snaps.push(snap(&rs));
        rule_sets.push(rs);
    }
    // The population streams in chunks: read (or generated), computed under
    // every scenario and written, one chunk at a time (docs/population.md,
    // "Streaming and memory").
    let chunk_rows = args.chunk_rows.unwrap_or_else(chunk_rows).max(1);
    let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let config = args.synthetic.map(|n| Config::shaanxi(n, args.seed));
    let (mut rows, size) = match (&args.population, &config) {
        (Some(p), None) if parquet_io::is_parquet(p) => {
            let size = std::fs::metadata(p).map_or(0, |m| m.len());
            let c = parquet_io::PopulationChunks::open(p, chunk_rows).map_err(parquet_io::coded)?;
            (Rows::Parquet(c), size)
        }
        (Some(p), None) => {
            let file = std::fs::File::open(p).map_err(|e| crate::errors::io_error(p, &e))?;
            let size = file.metadata().map_or(0, |m| m.len());
            let counted = Counted {
                file,
                read: read.clone(),
            };
            let c = CsvChunks::new(std::io::BufReader::new(counted), chunk_rows)
                .map_err(|e| crate::errors::in_file(p, &e))?;
            (Rows::Csv(c), size)
        }
        (None, Some(c)) => (
            Rows::Synthetic(synthetic::Generator::new(c, &snaps[0]), chunk_rows),
            c.persons as u64,
        ),
        _ => {
            return Err(crate::errors::usage(
                "give a population file (CSV or .parquet) or --synthetic N",
            ));
        }
    };
    let path = args.population.as_deref();
    // The first chunk before anything else: a file without a row is
    // refused before the other inputs are read.
    let started = std::time::Instant::now();
    let mut next = rows.next_chunk(path)?;
    let first_read = started.elapsed();
    // Every output file, complete, waiting to be renamed into place at
    // the end (all or none: crate::output).
    let mut done = vec![];
    let mut export = match &args.export_population {
        Some(p) if parquet_io::is_parquet(p) => Some(Export::Parquet(
            parquet_io::PopulationWriter::create(p).map_err(parquet_io::coded)?,
        )),
        Some(p) => {
            let mut f = OutFile::create(p)?;
            Population::default()
                .write_csv(&mut f)
                .map_err(|e| crate::errors::io_error(p, &e))?;
            Some(Export::Csv(f))
        }
        None => None,
    };
    let assumptions = assumptions(&args)?;

    // Driven by the bytes read of the input file (the persons generated
    // with --synthetic).
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(size);
        let template = if config.is_some() {
            "{bar:40} {pos}/{len} persons generated {per_sec} eta {eta}"
        } else {
            "{bar:40} {bytes}/{total_bytes} read {bytes_per_sec} eta {eta}"
        };
        b.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let position = |rows: &Rows<'_>| match rows {
        Rows::Csv(_) => read.load(std::sync::atomic::Ordering::Relaxed),
        Rows::Parquet(c) => {
            let (done, total) = c.read_of();
            (u128::from(size) * u128::from(done) / u128::from(total.max(1)))
                .try_into()
                .unwrap_or(size)
        }
        Rows::Synthetic(g, _) => size - g.remaining() as u64,
    };
    let options = Options {
        last_year: args.last_year,
        block: None,
        single_path_only: args.single_path,
        progress: None,
    };
    let wants_parquet = [&args.out, &args.flows]
        .iter()
        .any(|p| p.as_ref().is_some_and(|p| parquet_io::is_parquet(p)));
    let scales = if wants_parquet {
        Some(parquet_io::Scales::of(&rule_sets).map_err(parquet_io::coded)?)
    } else {
        None
    };
    let mut parquet_out = match (&args.out, scales) {
        (Some(p), Some(s)) if parquet_io::is_parquet(p) => {
            Some(parquet_io::OutcomeWriter::create(p, s).map_err(parquet_io::coded)?)
        }
        _ => None,
    };
    let mut writer = match &args.out {
        Some(p) if !parquet_io::is_parquet(p) => {
            // The header through csv (quoting as the rows), then raw bytes.
            let mut header = csv::Writer::from_writer(Vec::new());
            header
                .write_record(OUTPUT_COLUMNS.iter().map(|c| c.name))
                .map_err(|e| crate::errors::io_error(p, &e))?;
            let header = header
                .into_inner()
                .map_err(|e| crate::errors::io_error(p, e.error()))?;
            let mut w = OutFile::create(p)?;
            w.write_all(&header)
                .map_err(|e| crate::pipe::write_error(p, &e))?;
            Some(w)
        }
        _ => None,
    };
    let mut write_error = None;
    // Where the time goes: reading (and generating), writing, the rest computing.
    let (mut reading, mut writing) = (first_read, std::time::Duration::ZERO);
    let timed = |spent: &mut std::time::Duration, t: std::time::Instant| *spent += t.elapsed();
    let mut run =
        Run::new(&snaps, &assumptions, &options).map_err(|e| crate::errors::describe(&e))?;
    while let Some(population) = next {
        bar.set_position(position(&rows));
        let t = std::time::Instant::now();
        if let Some(x) = export.as_mut() {
            x.write(&population)?;
        }
        // Rows of the whole population from `first` on.
        let first = run.rows();
        let ids: Vec<String> = (0..population.rows.len())
            .map(|i| population.label(i, first).into_owned())
            .collect();
        timed(&mut writing, t);
        // The next chunk is read (its rows made persons, the decoding
        // waited for) while this one is computed and written: both on the
        // same cores, so the reading fills what the computing leaves idle.
        // `reading` counts only what it adds after the computing ends.
        let joined = std::time::Instant::now();
        let mut pushed = std::time::Duration::ZERO;
        let (_, read) = rayon::join(
            || {
                let t = std::time::Instant::now();
                run.push(&population, |start, block| {
                    let t = std::time::Instant::now();
                    let ids = &ids[start - first..];
                    if let Some(w) = parquet_out.as_mut() {
                        let n = block.first().map_or(0, Vec::len);
                        let mut rows = Vec::with_capacity(n * block.len());
                        for j in 0..n {
                            for (k, rs) in block.iter().enumerate() {
                                if let (Some(r), Some(id)) = (rs.get(j), ids.get(j)) {
                                    rows.push((names[k].as_str(), id.as_str(), r));
                                }
                            }
                        }
                        if let Err(e) = w.write(&rows) {
                            write_error.get_or_insert(parquet_io::coded(e));
                        }
                        timed(&mut writing, t);
                        return;
                    }
                    let Some(w) = writer.as_mut() else { return };
                    // Rows are formatted in parallel, a part of the block each, and
                    // written in order.
                    use rayon::prelude::*;
                    let n = block.first().map_or(0, Vec::len);
                    let parts: Vec<Result<Vec<u8>, csv::Error>> = (0..n)
                        .step_by(FORMAT_PART)
                        .collect::<Vec<_>>()
                        .into_par_iter()
                        .map(|j0| {
                            let mut b = csv::Writer::from_writer(Vec::new());
                            let mut cell = Vec::new();
                            let end = n.min(j0 + FORMAT_PART);
                            for (j, id) in ids.iter().enumerate().take(end).skip(j0) {
                                for (k, rows) in block.iter().enumerate() {
                                    if let Some(r) = rows.get(j) {
                                        write_row(&mut b, &mut cell, &names[k], id, r)?;
                                    }
                                }
                            }
                            b.into_inner().map_err(|e| csv::Error::from(e.into_error()))
                        })
                        .collect();
                    for part in parts {
                        let written = part.and_then(|bytes| Ok(w.write_all(&bytes)?));
                        if let Err(e) = written {
                            write_error.get_or_insert(crate::errors::io_error(w.path(), &e));
                            return;
                        }
                    }
                    timed(&mut writing, t);
                });
                pushed = t.elapsed();
            },
            || rows.next_chunk(path),
        );
        reading += joined.elapsed().saturating_sub(pushed);
        if let Some(e) = write_error {
            return Err(e);
        }
        next = read?;
    }
    let persons = run.rows();
    let summaries = run.finish();
    bar.finish_and_clear();
    let t = std::time::Instant::now();
    if let Some(x) = export {
        done.push(x.finish()?);
    }
    if let Some(w) = writer {
        done.push(w.finish()?);
    }
    if let Some(w) = parquet_out {
        done.push(w.finish().map_err(parquet_io::coded)?);
    }
    timed(&mut writing, t);
    let elapsed = started.elapsed();
    match (&args.flows, scales) {
        (Some(p), Some(s)) if parquet_io::is_parquet(p) => {
            done.push(parquet_io::write_flows(p, &names, &summaries, s).map_err(parquet_io::coded)?)
        }
        (Some(p), _) => done.push(write_flows(p, &names, &summaries)?),
        (None, _) => {}
    }
    if json {
        let out = serde_json::json!({
            "scenarios": names, "assumptions": assumptions, "summaries": summaries,
        });
        crate::common::print_json(&out)?;
    } else {
        print_table(&names, &summaries);
    }
    // Every output is complete, the summary included: only now do the
    // files replace their targets.
    crate::pipe::flush_stdout()?;
    output::commit(done)?;
    let total = (persons * snaps.len()) as u64;
    errln!(
        "{} persons × {} scenario(s) in {:.4} s ({:.0} person-evaluations/s; read {:.2} s, compute {:.2} s, write {:.2} s)",
        persons,
        snaps.len(),
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64().max(1e-9),
        reading.as_secs_f64(),
        elapsed.saturating_sub(reading + writing).as_secs_f64(),
        writing.as_secs_f64(),
    );
    // One batch convention (docs/errors.md, "CLI exit codes"): the run
    // completed, but some persons were rejected or failed. A person the law
    // gives no pension (`not_applicable`, e.g. too few months) is a result.
    let failed = summaries.iter().any(|x| {
        x.errors
            .iter()
            .any(|(code, n)| code != "not_applicable" && *n > 0)
    });
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Refuse an output that is also an input or another output, before
/// anything runs (crate::output::refuse_overlap).
fn refuse_overlap(args: &SimulateArgs) -> Result<(), String> {
    let mut inputs: Vec<(&str, &std::path::Path)> = vec![];
    if let Some(p) = &args.population {
        inputs.push(("POPULATION", p));
    }
    if let Some(p) = &args.assumptions {
        inputs.push(("--assumptions", p));
    }
    for r in &args.reform {
        for f in r.split('+') {
            inputs.push(("--reform", std::path::Path::new(f)));
        }
    }
    let outputs: Vec<(&str, &std::path::Path)> = [
        ("--out", &args.out),
        ("--flows", &args.flows),
        ("--export-population", &args.export_population),
    ]
    .into_iter()
    .filter_map(|(flag, p)| Some((flag, p.as_deref()?)))
    .collect();
    output::refuse_overlap(&inputs, &outputs)
}

/// A failed write of the per-person CSV, naming its path.
fn write_flows(
    p: &std::path::Path,
    names: &[String],
    s: &[Summary],
) -> Result<output::Done, String> {
    let mut w = csv::Writer::from_writer(OutFile::create(p)?);
    let err = |e: csv::Error| crate::errors::io_error(p, &e);
    w.write_record([
        "scenario",
        "year",
        "contributors",
        "employer_contributions",
        "individual_contributions",
        "contributions_unknown",
        "new_retirees",
        "pensions",
    ])
    .map_err(err)?;
    for (name, x) in names.iter().zip(s) {
        for y in &x.years {
            w.write_record([
                name.clone(),
                y.year.to_string(),
                y.contributors.to_string(),
                y.employer_contributions.to_string(),
                y.individual_contributions.to_string(),
                y.contributions_unknown.to_string(),
                y.new_retirees.to_string(),
                y.pensions.to_string(),
            ])
            .map_err(err)?;
        }
    }
    let f = w
        .into_inner()
        .map_err(|e| crate::pipe::write_error(p, e.error()))?;
    f.finish()
}
