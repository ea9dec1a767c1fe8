//! `pension-rules transfer FILE|-`: plan an inter-province transfer
//! (转移接续) — where the pension is paid and why, temporary accounts, the
//! money of each move, the award at the benefit place, the scheme link.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use pension_rules::transfer::{TransferInput, render};

use crate::Source;
use crate::common::{Format, emit, print_json, read_case};
use crate::contribution_cmd::print_trace;
use crate::pipe::outln;

#[derive(Debug, Args)]
pub(crate) struct TransferArgs {
    /// JSON file (`-` for stdin): the transfer input object, or a vector case
    /// `{"ruleset": …, "input": {…}}`.
    file: PathBuf,
    /// Primary rule-set id, whose national transfer rules apply (overrides
    /// the case's `ruleset`; default cn/national). Every other rule set the
    /// engine can resolve serves the places it covers.
    #[arg(long, alias = "rules", value_name = "ID")]
    ruleset: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Print the steps of the plan and of the award with their formulas and
    /// sources (the JSON holds them under `trace` unless --no-trace).
    #[arg(long, conflicts_with = "no_trace")]
    explain: bool,
    /// Leave the traces out (JSON only).
    #[arg(long)]
    no_trace: bool,
    /// Same as --format json.
    #[arg(long, hide = true)]
    json: bool,
}

pub(crate) fn run(args: TransferArgs, source: &Source) -> Result<ExitCode, String> {
    let format = args.format.or_json(args.json);
    if format == Format::Csv {
        return Err(crate::common::no_csv("results with rows"));
    }
    let (input, case_ruleset) = read_case(&args.file)?;
    let id = args
        .ruleset
        .as_deref()
        .or(case_ruleset.as_deref())
        .unwrap_or("cn/national");
    let engine = source.engine(id)?;
    let input = TransferInput::from_json(&input).map_err(|e| crate::errors::describe(&e))?;
    let trace = !(args.no_trace && format == Format::Json);
    let t = engine
        .transfer(&input, trace)
        .map_err(|e| crate::errors::describe(&e))?;
    if format == Format::Json {
        print_json(&t)?;
        return Ok(ExitCode::SUCCESS);
    }
    emit(&format!("{}\n", render::text(&t).trim_end()));
    if args.explain {
        outln!();
        print_trace(&t.plan.trace);
        if let Some(a) = &t.award {
            print_trace(&a.trace);
        }
    }
    Ok(ExitCode::SUCCESS)
}
