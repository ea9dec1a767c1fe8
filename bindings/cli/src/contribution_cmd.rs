//! `pension-rules contribution` — one month's assessment, or a unit's payroll
//! (`--payroll FILE`, CSV or JSON) for a month or a year.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use pension_rules::YearMonth;
use pension_rules::api::payroll_case;
use pension_rules::contribution::{ContributionInput, Employment};
use pension_rules::payroll::{PayrollRow, Period, rows_from_csv};
use pension_rules::rules::Identity;
use pension_rules::trace::Trace;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::Source;
pub(crate) use crate::common::{Format, csv_text, emit, print_json};
pub(crate) use crate::errors::{bad_text, describe, in_file, io_error, usage};
use crate::pipe::outln;

#[derive(Debug, Args)]
pub(crate) struct ContributionArgs {
    /// Rule-set id; the rules applied are those in force in the month (a
    /// payroll for a year: in January).
    #[arg(long, alias = "rules", value_name = "ID", default_value = "cn/shaanxi")]
    ruleset: String,
    /// Contribution month (one month, or a payroll for a month).
    #[arg(long, value_name = "YYYY-MM")]
    month: Option<YearMonth>,
    /// A payroll for a whole calendar year, assessed month by month.
    #[arg(long, value_name = "YYYY", conflicts_with = "month")]
    year: Option<i32>,
    /// Declared monthly wage (employees).
    #[arg(long, value_name = "AMOUNT")]
    wage: Option<String>,
    /// Employment type.
    #[arg(long, value_enum, default_value = "employee")]
    employment: EmploymentArg,
    /// Base chosen by a flexible worker.
    #[arg(long, value_name = "AMOUNT")]
    chosen_base: Option<String>,
    /// A case input in the vector format (JSON: month, wage, employment, chosen_base).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["payroll", "wage", "chosen_base"])]
    input: Option<PathBuf>,
    /// A unit's payroll: CSV with header employee_id,wage,employment, or a JSON
    /// array of such objects.
    #[arg(long, value_name = "FILE")]
    payroll: Option<PathBuf>,
    /// Output format (csv: one line per month or payroll row).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Print the explanation trace (formulas and the legal source of each
    /// parameter); in JSON, include it under `trace`.
    #[arg(long, alias = "trace")]
    explain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EmploymentArg {
    Employee,
    Flexible,
}

fn decimal(flag: &str, s: &Option<String>) -> Result<Option<Decimal>, String> {
    s.as_ref()
        .map(|s| {
            let t = s.trim();
            pension_rules::decimal::parse(t, pension_rules::decimal::Sign::NonNegative).map_err(
                |e| {
                    usage(format!(
                        "--{flag}: {}",
                        pension_rules::decimal::refusal(t, e)
                    ))
                },
            )
        })
        .transpose()
}

pub(crate) fn run(args: ContributionArgs, source: &Source) -> Result<ExitCode, String> {
    let engine = source.engine(&args.ruleset)?;
    if let Some(path) = &args.payroll {
        return payroll(&args, path, &engine);
    }
    let input = match &args.input {
        Some(path) => {
            let v = read_json(path)?;
            ContributionInput::from_json(&v).map_err(|e| describe(&e))?
        }
        None => {
            let month = args.month.ok_or_else(|| {
                usage("--month YYYY-MM is required (or --input FILE, or --payroll FILE)")
            })?;
            let employment = match args.employment {
                EmploymentArg::Employee => Employment::Employee,
                EmploymentArg::Flexible => Employment::Flexible,
            };
            ContributionInput {
                month,
                wage: decimal("wage", &args.wage)?,
                employment,
                chosen_base: decimal("chosen-base", &args.chosen_base)?,
            }
        }
    };
    let t = engine
        .contribution(&input, args.explain)
        .map_err(|e| describe(&e))?;
    let (c, trace) = (&t.result, &t.trace);
    match args.format {
        Format::Json => {
            let mut v = json!({ "rules": &*trace.rules, "result": c });
            if args.explain {
                v["trace"] = json!(trace);
            }
            print_json(&v)?;
        }
        Format::Csv => {
            let row = vec![
                c.month.to_string(),
                c.employment.to_string(),
                c.wage.map(|w| w.to_string()).unwrap_or_default(),
                c.limits.floor.to_string(),
                c.limits.cap.to_string(),
                c.base.to_string(),
                position(c.position).into(),
                c.employer.to_string(),
                c.individual.to_string(),
                c.account_credit.to_string(),
                c.pooled.to_string(),
            ];
            emit(&csv_text(
                &[
                    "month",
                    "employment",
                    "wage",
                    "floor",
                    "cap",
                    "base",
                    "position",
                    "employer",
                    "individual",
                    "account_credit",
                    "pooled",
                ],
                &[row],
            )?);
        }
        Format::Table => {
            outln!("{}", rules_line(&trace.rules));
            outln!(
                "month {}  {}  limits {} – {} ({:?}/{:?})",
                c.month,
                c.employment,
                c.limits.floor,
                c.limits.cap,
                c.limits.floor_origin,
                c.limits.cap_origin
            );
            let rows = [
                (
                    "wage",
                    c.wage.map(|w| w.to_string()).unwrap_or_else(|| "-".into()),
                    "申报工资".to_string(),
                ),
                (
                    "base",
                    c.base.to_string(),
                    format!("缴费基数 ({})", position(c.position)),
                ),
                ("employer", c.employer.to_string(), "单位缴费".into()),
                ("individual", c.individual.to_string(), "个人缴费".into()),
                (
                    "account_credit",
                    c.account_credit.to_string(),
                    "记入个人账户".into(),
                ),
                ("pooled", c.pooled.to_string(), "划入统筹基金".into()),
            ];
            for (k, v, label) in rows {
                outln!("  {k:<16} {v:>12}  {label}");
            }
            if args.explain {
                print_trace(trace);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn payroll(
    args: &ContributionArgs,
    path: &Path,
    engine: &pension_rules::api::Engine,
) -> Result<ExitCode, String> {
    let period = match (args.month, args.year) {
        (Some(m), None) => Period::Month(m),
        (None, Some(y)) => Period::Year(y),
        _ => return Err(usage("--payroll needs --month YYYY-MM or --year YYYY")),
    };
    if args.wage.is_some() || args.chosen_base.is_some() {
        return Err(usage(
            "--wage and --chosen-base do not apply to --payroll (the file gives each row's wage)",
        ));
    }
    let rows = read_payroll(path)?;
    let t = engine
        .payroll_rows(&rows, period, args.explain)
        .map_err(|e| describe(&e))?;
    let (r, trace) = (&t.result, &t.trace);
    match args.format {
        Format::Json => {
            let v = payroll_case::to_value(r, &rows, &trace.rules, args.explain.then_some(trace));
            print_json(&v)?;
        }
        Format::Csv => emit(&payroll_csv(r, &rows)?),
        Format::Table => {
            outln!("{}", rules_line(&trace.rules));
            let period = match r.period {
                Period::Month(m) => m.to_string(),
                Period::Year(y) => format!("{y} (12 months)"),
            };
            outln!(
                "period {period}  limits {} – {}",
                r.limits.floor,
                r.limits.cap
            );
            outln!(
                "{:>4}  {:<14} {:<9} {:>12} {:>12} {:<11} {:>12} {:>12} {:>12}",
                "row",
                "employee_id",
                "type",
                "wage",
                "base",
                "position",
                "employer",
                "individual",
                "account"
            );
            for (i, row) in r.rows.iter().enumerate() {
                match row {
                    Ok(l) => outln!(
                        "{:>4}  {:<14} {:<9} {:>12} {:>12} {:<11} {:>12} {:>12} {:>12}",
                        i + 1,
                        l.employee_id,
                        l.employment.to_string(),
                        l.wage.to_string(),
                        l.base.to_string(),
                        position(l.position),
                        l.employer.to_string(),
                        l.individual.to_string(),
                        l.account_credit.to_string()
                    ),
                    Err(e) => outln!(
                        "{:>4}  {:<14} REJECTED  [{}] {}",
                        i + 1,
                        employee_id(&rows, i).unwrap_or(""),
                        e.code(),
                        e
                    ),
                }
            }
            let t = &r.totals;
            outln!(
                "totals: {} assessed, {} rejected; base {} employer {} individual {} account {} pooled {}",
                t.assessed,
                t.rejected,
                t.base,
                t.employer,
                t.individual,
                t.account_credit,
                t.pooled
            );
            if !r.attention.is_empty() {
                outln!("attention:");
                for a in &r.attention {
                    outln!(
                        "  row {} ({}): {}: {}",
                        a.row,
                        a.employee_id,
                        a.issue.name(),
                        a.message
                    );
                }
            }
            if args.explain {
                print_trace(trace);
            }
        }
    }
    Ok(if r.totals.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The payroll as CSV: one line per input row in order (1-based `row`), a
/// rejected row with its error code and message.
fn payroll_csv(
    r: &pension_rules::payroll::PayrollResult,
    rows: &[Result<PayrollRow, pension_rules::Error>],
) -> Result<String, String> {
    let lines: Vec<Vec<String>> = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| match row {
            Ok(l) => vec![
                (i + 1).to_string(),
                l.employee_id.clone(),
                l.employment.to_string(),
                l.wage.to_string(),
                l.months.to_string(),
                l.base.to_string(),
                position(l.position).into(),
                l.employer.to_string(),
                l.individual.to_string(),
                l.account_credit.to_string(),
                l.pooled.to_string(),
                String::new(),
                String::new(),
            ],
            Err(e) => {
                let mut v = vec![
                    (i + 1).to_string(),
                    employee_id(rows, i).unwrap_or("").to_string(),
                ];
                v.resize(11, String::new());
                v.push(e.code().to_string());
                v.push(e.to_string());
                v
            }
        })
        .collect();
    csv_text(
        &[
            "row",
            "employee_id",
            "employment",
            "wage",
            "months",
            "base",
            "position",
            "employer",
            "individual",
            "account_credit",
            "pooled",
            "error_code",
            "error",
        ],
        &lines,
    )
}

/// The employee id of row `i`, if it read.
fn employee_id(rows: &[Result<PayrollRow, pension_rules::Error>], i: usize) -> Option<&str> {
    rows.get(i)
        .and_then(|r| r.as_ref().ok())
        .map(|r| r.employee_id.as_str())
}

fn position(p: pension_rules::contribution::BasePosition) -> &'static str {
    use pension_rules::contribution::BasePosition::*;
    match p {
        BelowFloor => "below_floor",
        Within => "within",
        AboveCap => "above_cap",
    }
}

fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Read a JSON file.
pub(crate) fn read_json(path: &Path) -> Result<Value, String> {
    let text = crate::common::read(path)?;
    pension_rules::json_text::from_str(&text).map_err(|e| bad_text(path, "JSON", &e))
}

/// A CSV record: its line and (column, value) pairs.
pub(crate) type CsvRecord = (u64, Vec<(String, String)>);

/// Read a CSV file into header-keyed records, refusing unknown columns.
pub(crate) fn read_csv(
    path: &Path,
    allowed: &[&str],
    required: &[&str],
) -> Result<Vec<CsvRecord>, String> {
    let mut rd = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| io_error(path, &e))?;
    let headers: Vec<String> = rd
        .headers()
        .map_err(|e| bad_text(path, "CSV", &e))?
        .iter()
        .map(str::to_string)
        .collect();
    let unknown: Vec<&str> = headers
        .iter()
        .map(String::as_str)
        .filter(|h| !allowed.contains(h))
        .collect();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !headers.iter().any(|h| h == r))
        .collect();
    if !unknown.is_empty() || !missing.is_empty() {
        return Err(format!(
            "[invalid_input] {}: header must name the columns {} (unknown: {}; missing: {})",
            path.display(),
            allowed.join(","),
            if unknown.is_empty() {
                "none".into()
            } else {
                unknown.join(",")
            },
            if missing.is_empty() {
                "none".into()
            } else {
                missing.join(",")
            }
        ));
    }
    let mut out = vec![];
    for rec in rd.records() {
        let rec = rec.map_err(|e| bad_text(path, "CSV", &e))?;
        let line = rec.position().map_or(0, |p| p.line());
        out.push((
            line,
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        ));
    }
    Ok(out)
}

/// Payroll rows as the front door reads them: a CSV record or JSON row
/// that does not read is an error row in its place; a bad header, or JSON
/// that is not an array of rows, refuses the file.
fn read_payroll(path: &Path) -> Result<Vec<Result<PayrollRow, pension_rules::Error>>, String> {
    if is_csv(path) {
        let f = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
        rows_from_csv(std::io::BufReader::new(f)).map_err(|e| in_file(path, &e))
    } else {
        let v = read_json(path)?;
        payroll_case::rows_from_objects(&v).map_err(|e| in_file(path, &e))
    }
}

pub(crate) fn rules_line(id: &Identity) -> String {
    let hash = id.hash.get(..12).unwrap_or(&id.hash);
    // Shipped rules as before; a rules directory's set names its origin.
    let origin = match (id.origin.as_str(), &id.overrides) {
        ("embedded", _) => String::new(),
        (dir, None) => format!(" from {dir}"),
        (dir, Some(r)) => format!(" from {dir}, replacing the shipped {r}"),
    };
    format!("rules {} {} ({hash}){origin}", id.id, id.version)
}

pub(crate) fn print_trace(trace: &Trace) {
    outln!("trace:");
    for s in &trace.steps {
        outln!("  {} {} = {}", s.name, s.label, s.value);
        outln!("      {}", s.formula);
        for (k, v) in &s.inputs {
            outln!("      input {k} = {v}");
        }
        for p in &s.params {
            let key = p
                .key
                .as_deref()
                .map(|k| format!("[{k}]"))
                .unwrap_or_default();
            outln!(
                "      param {}{key} = {} — {}",
                p.param,
                p.value,
                p.provenance.source
            );
        }
    }
}
