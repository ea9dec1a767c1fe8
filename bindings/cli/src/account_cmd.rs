//! `pension-rules account FILE` — the individual account statement from
//! credits and postings (JSON in the vector format, or CSV), as a table or
//! JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use pension_rules::account::{AccountInput, CloseMethod, RateOrigin, YearStatement};
use serde_json::{Map, Value, json};

use crate::Source;
use crate::contribution_cmd::{
    Format, csv_text, describe, emit, print_json, print_trace, read_csv, read_json, rules_line,
};
use crate::pipe::outln;

#[derive(Debug, Args)]
pub(crate) struct AccountArgs {
    /// JSON input (opening_balance, opening_year, credits, postings, through_year,
    /// close, rates), or CSV of postings with columns month or year, amount and
    /// optionally kind, personal, period_from, period_to.
    file: PathBuf,
    /// Rule-set id; the rules applied are those in force on the last day of
    /// the statement's last year (the rates then published).
    #[arg(long, alias = "rules", value_name = "ID", default_value = "cn/shaanxi")]
    ruleset: String,
    /// Balance at the end of the opening year (default 0 for CSV input).
    #[arg(long, value_name = "AMOUNT")]
    opening_balance: Option<String>,
    /// The year the opening balance stands at the end of.
    #[arg(long, value_name = "YYYY")]
    opening_year: Option<i32>,
    /// Personal-contribution part of the opening balance.
    #[arg(long, value_name = "AMOUNT")]
    opening_personal: Option<String>,
    /// Last year to close.
    #[arg(long, value_name = "YYYY")]
    through_year: Option<i32>,
    /// Close the ledger mid-year: retirement, death or transfer_out.
    #[arg(long, value_enum, requires = "close_month")]
    close: Option<CloseArg>,
    /// Month of the close event.
    #[arg(long, value_name = "YYYY-MM", requires = "close")]
    close_month: Option<String>,
    /// Interest rate for a year the rule set lacks (or to override it), e.g. 2014=0.03.
    #[arg(long, value_name = "YEAR=RATE")]
    rate: Vec<String>,
    /// Output format (csv: one line per year of the statement).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Print the explanation trace; in JSON, include it under `trace`.
    #[arg(long, alias = "trace")]
    explain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CloseArg {
    Retirement,
    Death,
    TransferOut,
}

const CSV_COLS: &[&str] = &[
    "month",
    "year",
    "amount",
    "kind",
    "personal",
    "period_from",
    "period_to",
];

/// Build the JSON input from a CSV file: plain credits go to `credits`,
/// other kinds to `postings`. Returns the CSV line of each credit and posting.
fn from_csv(path: &std::path::Path) -> Result<(Value, Vec<u64>, Vec<u64>), String> {
    let recs = read_csv(path, CSV_COLS, &["amount"])?;
    let (mut credits, mut postings) = (vec![], vec![]);
    let (mut credit_lines, mut posting_lines) = (vec![], vec![]);
    for (line, fields) in recs {
        let mut m = Map::new();
        let mut kind = String::new();
        for (k, v) in fields {
            if v.is_empty() {
                continue;
            }
            match k.as_str() {
                "kind" => kind = v,
                // Years are numbers in the input format; keep the text when it is not one.
                "year" => {
                    let y = v.parse::<i64>().map_or(Value::String(v), Value::from);
                    m.insert(k, y);
                }
                _ => {
                    m.insert(k, Value::String(v));
                }
            }
        }
        if kind.is_empty() || (kind == "credit" && !m.contains_key("period_from")) {
            credits.push(Value::Object(m));
            credit_lines.push(line);
        } else {
            m.insert("kind".into(), Value::String(kind));
            postings.push(Value::Object(m));
            posting_lines.push(line);
        }
    }
    Ok((
        json!({ "opening_balance": "0", "credits": credits, "postings": postings }),
        credit_lines,
        posting_lines,
    ))
}

pub(crate) fn run(args: AccountArgs, source: &Source) -> Result<ExitCode, String> {
    let engine = source.engine(&args.ruleset)?;
    let csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let (mut v, credit_lines, posting_lines) = if csv {
        from_csv(&args.file)?
    } else {
        (read_json(&args.file)?, vec![], vec![])
    };
    let Value::Object(obj) = &mut v else {
        return Err(format!(
            "[invalid_input] {}: expected a JSON object",
            args.file.display()
        ));
    };
    // Flags fill in or override the file's fields.
    if let Some(b) = &args.opening_balance {
        obj.insert("opening_balance".into(), json!(b));
    }
    if let Some(p) = &args.opening_personal {
        obj.insert("opening_personal".into(), json!(p));
    }
    if let Some(y) = args.opening_year {
        obj.insert("opening_year".into(), json!(y));
    }
    if let Some(y) = args.through_year {
        obj.insert("through_year".into(), json!(y));
    }
    if let (Some(c), Some(m)) = (args.close, &args.close_month) {
        let event = match c {
            CloseArg::Retirement => "retirement",
            CloseArg::Death => "death",
            CloseArg::TransferOut => "transfer_out",
        };
        obj.insert("close".into(), json!({ "event": event, "month": m }));
    }
    if !args.rate.is_empty() {
        let rates = obj
            .entry("rates")
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(rates) = rates else {
            return Err(crate::errors::usage(
                "rates: expected an object like {\"2014\": \"0.03\"}",
            ));
        };
        for r in &args.rate {
            let (y, x) = r.split_once('=').ok_or_else(|| {
                crate::errors::usage(format!("--rate {r:?}: expected YEAR=RATE, e.g. 2014=0.03"))
            })?;
            rates.insert(y.trim().to_string(), json!(x.trim()));
        }
    }
    if csv && !obj.contains_key("opening_year") {
        return Err(crate::errors::usage(
            "--opening-year YYYY is required with CSV input",
        ));
    }
    let input =
        AccountInput::from_json(&v).map_err(|e| with_lines(&e, &credit_lines, &posting_lines))?;
    let t = engine
        .account(&input, args.explain)
        .map_err(|e| with_lines(&e, &credit_lines, &posting_lines))?;
    let (s, trace) = (&t.result, &t.trace);
    match args.format {
        Format::Json => {
            let mut out = json!({ "rules": &*trace.rules, "statement": s });
            if args.explain {
                out["trace"] = json!(trace);
            }
            print_json(&out)?;
        }
        Format::Csv => emit(&years_csv(&s.years)?),
        Format::Table => {
            outln!("{}", rules_line(&trace.rules));
            outln!(
                "opening balance {} at the end of {}",
                s.opening_balance,
                s.opening_year
            );
            outln!(
                "{:<6} {:>14} {:>12} {:>12} {:>12} {:>8} {:>6} {:>12} {:>14}",
                "year",
                "opening",
                "credits",
                "in",
                "out",
                "rate",
                "months",
                "interest",
                "closing"
            );
            for y in &s.years {
                let months = months(y);
                let rate = match y.rate_origin {
                    RateOrigin::Rules => format!(
                        "{}%",
                        (y.rate * rust_decimal::Decimal::ONE_HUNDRED).normalize()
                    ),
                    RateOrigin::Caller => format!(
                        "{}%*",
                        (y.rate * rust_decimal::Decimal::ONE_HUNDRED).normalize()
                    ),
                    RateOrigin::NotNeeded => "-".into(),
                };
                outln!(
                    "{:<6} {:>14} {:>12} {:>12} {:>12} {:>8} {:>6} {:>12} {:>14}",
                    y.year,
                    y.opening.to_string(),
                    y.credits.to_string(),
                    y.transfers_in.to_string(),
                    y.transfers_out.to_string(),
                    rate,
                    months,
                    y.interest.to_string(),
                    y.closing.to_string()
                );
            }
            if s.years.iter().any(|y| y.rate_origin == RateOrigin::Caller) {
                outln!("(* rate supplied by the caller)");
            }
            outln!("balance {}", s.balance);
            if let Some(p) = s.personal_balance {
                outln!("of which personal contributions {p}");
            }
            if let Some(c) = &s.close {
                outln!("close: {:?} in {}: balance {}", c.event, c.month, c.balance);
                if let Some(t) = c.transferred {
                    outln!("  transferred out {t}");
                }
                if let Some(i) = &c.inheritable {
                    match (i.amount, &i.unknown_because) {
                        (Some(a), _) => outln!("  inheritable ({}) {a}", i.rule),
                        (None, Some(why)) => {
                            outln!("  inheritable ({}): unknown — {why}", i.rule)
                        }
                        (None, None) => outln!("  inheritable ({}): unknown", i.rule),
                    }
                }
            }
            if args.explain {
                print_trace(trace);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Months of interest in a year: 12, or those before a mid-year close.
fn months(y: &YearStatement) -> u32 {
    match y.method {
        CloseMethod::FullYear { .. } => 12,
        CloseMethod::PartialYear { months, .. } => months,
    }
}

/// The statement's years as CSV (rates as fractions, `rate_origin` rules,
/// caller or not_needed).
fn years_csv(years: &[YearStatement]) -> Result<String, String> {
    let rows: Vec<Vec<String>> = years
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                y.opening.to_string(),
                y.credits.to_string(),
                y.transfers_in.to_string(),
                y.transfers_out.to_string(),
                y.rate.to_string(),
                match y.rate_origin {
                    RateOrigin::Rules => "rules",
                    RateOrigin::Caller => "caller",
                    RateOrigin::NotNeeded => "not_needed",
                }
                .into(),
                months(y).to_string(),
                y.interest.to_string(),
                y.closing.to_string(),
            ]
        })
        .collect();
    csv_text(
        &[
            "year",
            "opening",
            "credits",
            "transfers_in",
            "transfers_out",
            "rate",
            "rate_origin",
            "months",
            "interest",
            "closing",
        ],
        &rows,
    )
}

/// The error, with each CSV-derived field path followed by its CSV line.
fn with_lines(e: &pension_rules::Error, credits: &[u64], postings: &[u64]) -> String {
    let mut s = describe(e);
    if credits.is_empty() && postings.is_empty() {
        return s;
    }
    for f in e.fields() {
        let line = [("credits[", credits), ("postings[", postings)]
            .iter()
            .find_map(|(p, lines)| {
                let rest = f.path.strip_prefix(p)?;
                let i: usize = rest.split(']').next()?.parse().ok()?;
                lines.get(i).copied()
            });
        if let Some(line) = line {
            s = s.replacen(
                &format!("  {}: ", f.path),
                &format!("  {} (CSV line {line}): ", f.path),
                1,
            );
        }
    }
    s
}
