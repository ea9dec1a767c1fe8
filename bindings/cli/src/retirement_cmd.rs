//! `pension-rules retirement` — one person's retirement (statutory age and
//! month, elastic window, eligibility, 计发月数), or a cohort table like the
//! official 对照表 with `--table`.

use std::process::ExitCode;

use clap::Args;
use pension_rules::YearMonth;
use pension_rules::api::Engine;
use pension_rules::retirement::{Category, CohortRow, RetirementInput, RetirementResult};
use pension_rules::trace::Trace;
use serde_json::{Map, Value, json};

use crate::Source;
use crate::common::{Format, csv_text, emit};

/// Append a line to the output buffer (printed at once by
/// [`crate::common::emit`], checked).
macro_rules! out {
    ($o:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($o, $($arg)*);
    }};
}

#[derive(Debug, Args)]
pub(crate) struct RetirementArgs {
    /// Birth month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM", required_unless_present = "table")]
    birth: Option<String>,
    /// Schedule category: male, female_50 (women workers) or female_55
    /// (women cadres; flexible-employed women in many provinces).
    #[arg(long)]
    category: String,
    /// Contribution months (incl. deemed) at retirement: answers eligibility.
    #[arg(long, value_name = "N")]
    contribution_months: Option<u32>,
    /// Elastic early retirement: months before the statutory age.
    #[arg(long, value_name = "N", conflicts_with = "delay_months")]
    early_months: Option<u32>,
    /// Elastic late retirement: months after the statutory age.
    #[arg(long, value_name = "N")]
    delay_months: Option<u32>,
    /// Special early route: arduous_work (特殊工种) or disability (病残).
    #[arg(long)]
    special: Option<String>,
    /// Rule-set id; the rules applied are those in force in the birth month
    /// (with --table: the first birth month).
    #[arg(
        long,
        alias = "rules",
        value_name = "ID",
        default_value = "cn/national"
    )]
    ruleset: String,
    /// Print a cohort table (birth band → age → retirement months → delay).
    #[arg(long, conflicts_with_all = ["birth", "contribution_months", "early_months", "delay_months", "special"])]
    table: bool,
    /// First birth month of the table.
    #[arg(long, value_name = "YYYY-MM", requires = "table")]
    from: Option<String>,
    /// Last birth month of the table.
    #[arg(long, value_name = "YYYY-MM", requires = "table")]
    to: Option<String>,
    /// Output format (csv: the cohort table's rows, with --table).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Print the steps with their formulas and sources (the text always
    /// shows them, and the JSON holds them under `trace`).
    #[arg(long)]
    explain: bool,
    /// Same as --format json.
    #[arg(long, hide = true)]
    json: bool,
}

pub(crate) fn run(args: RetirementArgs, source: &Source) -> Result<ExitCode, String> {
    let engine = source
        .try_engine(&args.ruleset)
        .map_err(|e| crate::errors::describe_flags(&e))?;
    let format = args.format.or_json(args.json);
    if args.table {
        return table(&args, &engine, format);
    }
    if format == Format::Csv {
        return Err(crate::common::no_csv("the cohort table (--table)"));
    }
    let mut input = Map::new();
    input.insert("birth".into(), args.birth.clone().into());
    input.insert("category".into(), args.category.clone().into());
    for (k, v) in [
        ("contribution_months", args.contribution_months),
        ("early_months", args.early_months),
        ("delay_months", args.delay_months),
    ] {
        if let Some(v) = v {
            input.insert(k.into(), v.into());
        }
    }
    if let Some(s) = &args.special {
        input.insert("special".into(), s.clone().into());
    }
    let input = RetirementInput::from_json(&Value::Object(input))
        .map_err(|e| crate::errors::describe_flags(&e))?;
    let r = engine
        .retirement(&input, true)
        .map_err(|e| crate::errors::describe_flags(&e))?;
    let mut o = String::new();
    if format == Format::Json {
        out!(
            o,
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
        );
    } else {
        print_result(&mut o, &r);
    }
    emit(&o);
    Ok(ExitCode::SUCCESS)
}

fn parse_month(flag: &str, v: Option<&String>) -> Result<YearMonth, String> {
    let v = v.ok_or_else(|| format!("invalid input:\n  --{flag}: required with --table"))?;
    v.parse()
        .map_err(|e| format!("invalid input:\n  --{flag}: {e}"))
}

fn table(args: &RetirementArgs, engine: &Engine, format: Format) -> Result<ExitCode, String> {
    let category: Result<Category, String> = args
        .category
        .parse()
        .map_err(|e| format!("invalid input:\n  --category: {e}"));
    let from = parse_month("from", args.from.as_ref());
    let to = parse_month("to", args.to.as_ref());
    let (category, from, to) = match (category, from, to) {
        (Ok(c), Ok(f), Ok(t)) => (c, f, t),
        (c, f, t) => {
            let msgs: Vec<String> = [c.err(), f.err(), t.err()]
                .into_iter()
                .flatten()
                .map(|m| m.trim_start_matches("invalid input:\n").to_string())
                .collect();
            return Err(format!(
                "[invalid_input] invalid input:\n{}",
                msgs.join("\n")
            ));
        }
    };
    let t = engine
        .cohort_table(category, from, to)
        .map_err(|e| crate::errors::describe_flags(&e))?;
    let (rows, identity) = (t.result, &t.trace.rules);
    let mut o = String::new();
    if format == Format::Csv {
        emit(&cohort_csv(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    if format == Format::Json {
        let v = json!({ "rules": identity, "category": category, "rows": rows });
        out!(
            o,
            "{}",
            serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
        );
        emit(&o);
        return Ok(ExitCode::SUCCESS);
    }
    out!(
        o,
        "Statutory retirement by birth month — {category} ({} {})",
        identity.id,
        identity.version
    );
    out!(
        o,
        "{:<19}  {:<8}  {:<19}  {:>5}",
        "birth",
        "age",
        "retirement",
        "delay"
    );
    for r in rows {
        let band = |a: YearMonth, b: YearMonth| {
            if a == b {
                a.to_string()
            } else {
                format!("{a} – {b}")
            }
        };
        out!(
            o,
            "{:<19}  {:<8}  {:<19}  {:>5}",
            band(r.birth_from, r.birth_to),
            r.age.to_string(),
            band(r.retirement_from, r.retirement_to),
            r.delay_months
        );
    }
    emit(&o);
    Ok(ExitCode::SUCCESS)
}

/// The cohort table as CSV: one line per birth band.
fn cohort_csv(rows: &[CohortRow]) -> Result<String, String> {
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.birth_from.to_string(),
                r.birth_to.to_string(),
                r.age.to_string(),
                r.retirement_from.to_string(),
                r.retirement_to.to_string(),
                r.delay_months.to_string(),
            ]
        })
        .collect();
    csv_text(
        &[
            "birth_from",
            "birth_to",
            "age",
            "retirement_from",
            "retirement_to",
            "delay_months",
        ],
        &lines,
    )
}

fn print_result(o: &mut String, r: &RetirementResult) {
    out!(
        o,
        "Retirement 退休 — born {}, {} ({} {})",
        r.birth,
        r.category,
        r.trace.rules.id,
        r.trace.rules.version
    );
    out!(
        o,
        "  statutory age 法定退休年龄: {} in {} (original {} + {} months; schedule from {})",
        r.statutory_age,
        r.statutory_month,
        r.original_age,
        r.delay_months,
        r.schedule_from
    );
    match &r.elastic {
        Some(w) => {
            out!(
                o,
                "  elastic window 弹性退休: earliest {} ({}), latest {} ({})",
                w.earliest_age,
                w.earliest_month,
                w.latest_age,
                w.latest_month
            );
            if let Some(m) = w.earliest_min_contribution_months {
                out!(
                    o,
                    "    the earliest month needs {m} contribution months already paid"
                );
            }
        }
        None => out!(
            o,
            "  elastic window 弹性退休: none under the rules in force then"
        ),
    }
    if let Some(s) = r.special {
        out!(o, "  special route: {s}");
    }
    out!(
        o,
        "  retirement 退休: {} at {}",
        r.retirement_month,
        r.retirement_age
    );
    if let Some(m) = &r.min_contribution_months {
        out!(
            o,
            "  minimum contribution 最低缴费年限: {} months ({}) for retirement in {}",
            m.value,
            pension_rules::Age::from_months(m.value),
            r.retirement_month.year()
        );
    }
    if let Some(e) = &r.eligibility {
        out!(
            o,
            "  eligible for a monthly pension: {}",
            if e.eligible { "yes" } else { "no" }
        );
        for reason in &e.reasons {
            out!(o, "    {reason}");
        }
    }
    let show = |d: Option<String>| d.unwrap_or_else(|| "-".to_string());
    out!(
        o,
        "  计发月数 divisor: {} at the statutory age, {} at the retirement age",
        show(r.divisor_at_statutory.map(|d| d.to_string())),
        show(r.divisor.map(|d| d.to_string()))
    );
    if !r.flags.is_empty() {
        out!(o, "Flags:");
        for f in &r.flags {
            out!(o, "  - {f}");
        }
    }
    print_trace(o, &r.trace);
}

fn print_trace(o: &mut String, t: &Trace) {
    out!(o, "Steps:");
    for (i, s) in t.steps.iter().enumerate() {
        out!(o, "  {}. {} {} = {}", i + 1, s.label, s.name, s.value);
        out!(o, "     {}", s.formula);
        for p in &s.params {
            let key = p
                .key
                .as_deref()
                .map(|k| format!("[{k}]"))
                .unwrap_or_default();
            out!(
                o,
                "     {}{key} = {} — {} ({}:{})",
                p.param,
                p.value,
                p.provenance.source,
                p.provenance.origin.file,
                p.provenance.origin.line
            );
        }
    }
}
