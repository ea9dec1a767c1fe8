//! `pension-rules check FILE…` — the conformance runner.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pension_rules::check::{Outcome, check_json};

use crate::Source;
use crate::common::Format;
use crate::pipe::outln;

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Vector files (JSON: one case or an array of cases).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format: a line per case that is not a pass, or the JSON
    /// report.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Same as --format json.
    #[arg(long, hide = true)]
    json: bool,
    /// Do not fail on kinds the engine does not implement yet.
    #[arg(long)]
    allow_unsupported: bool,
    /// Print passing cases too.
    #[arg(long, short)]
    verbose: bool,
}

pub(crate) fn run(args: CheckArgs, source: &Source) -> Result<ExitCode, String> {
    let json = match args.format.or_json(args.json) {
        Format::Csv => return Err(crate::common::no_csv("results with rows")),
        f => f == Format::Json,
    };
    // Each case names its rule set: resolved as the engine resolves it.
    let resolve = |id: &str| source.try_engine(id);
    let mut all_ok = true;
    let mut totals = (0, 0, 0, 0);
    let mut json_reports = vec![];
    for file in &args.files {
        let text = crate::common::read(file)?;
        let report = check_json(&text, &resolve).map_err(|e| crate::errors::in_file(file, &e))?;
        let (p, f, e, u) = report.counts();
        totals = (totals.0 + p, totals.1 + f, totals.2 + e, totals.3 + u);
        all_ok &= report.ok(args.allow_unsupported);
        if json {
            json_reports
                .push(serde_json::json!({ "file": file.display().to_string(), "report": report }));
            continue;
        }
        for c in &report.cases {
            match &c.outcome {
                Outcome::Pass if args.verbose => outln!("PASS  {} ({})", c.id, c.kind),
                Outcome::Pass => {}
                Outcome::Fail { mismatches } => {
                    let fields: Vec<String> = mismatches
                        .iter()
                        .map(|m| format!("{}: expected {}, got {}", m.field, m.expected, m.actual))
                        .collect();
                    outln!("FAIL  {} ({}): {}", c.id, c.kind, fields.join("; "))
                }
                Outcome::Error { code, message } => {
                    outln!("ERROR {} ({}): [{code}] {message}", c.id, c.kind)
                }
                Outcome::Unsupported { kind } if args.verbose => {
                    outln!(
                        "SKIP  {}: unsupported kind `{kind}` (not implemented yet)",
                        c.id
                    )
                }
                Outcome::Unsupported { .. } => {}
            }
        }
        let mut kinds: Vec<&str> = report
            .cases
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::Unsupported { .. }))
            .map(|c| c.kind.as_str())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        let skipped = if kinds.is_empty() {
            String::new()
        } else {
            format!(" (kinds not implemented yet: {})", kinds.join(", "))
        };
        outln!(
            "{}: {p} passed, {f} failed, {e} errors, {u} unsupported{skipped}",
            file.display()
        );
    }
    if json {
        crate::common::print_json(&json_reports)?;
    } else if args.files.len() > 1 {
        outln!(
            "total: {} passed, {} failed, {} errors, {} unsupported",
            totals.0,
            totals.1,
            totals.2,
            totals.3
        );
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
