//! `pension-rules compute KIND FILE|-`: any computation kind through the
//! Engine's one generic call ([`pension_rules::Engine::compute`]), input and
//! result as JSON — the same contract the Python and JS `compute` and the
//! schemas (`pension-rules schema KIND`) describe. A kind added to the
//! engine is here without a new command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pension_rules::api::Kind;

use crate::Source;
use crate::common::{case_engine, print_json};

#[derive(Debug, Args)]
pub(crate) struct ComputeArgs {
    /// The kind: contribution, payroll, account, retirement, award,
    /// recompute, transfer, adjustment, survivor, projection, plan.
    kind: String,
    /// JSON file (`-` for stdin): the kind's input object, or a vector case
    /// `{"ruleset": …, "input": {…}}`.
    file: PathBuf,
    /// Rule-set id (overrides the case's `ruleset`), e.g. cn/shaanxi.
    #[arg(long, alias = "rules", value_name = "ID")]
    ruleset: Option<String>,
    /// Include the explanation (every step with its formula and sources)
    /// under `trace`.
    #[arg(long)]
    explain: bool,
    /// Print only the headline figures by name (what a batch row holds).
    #[arg(long, conflicts_with = "explain")]
    figures: bool,
}

pub(crate) fn run(args: ComputeArgs, source: &Source) -> Result<ExitCode, String> {
    let kind: Kind = args.kind.parse().map_err(|e| crate::errors::describe(&e))?;
    let (input, engine) = case_engine(&args.file, args.ruleset.as_deref(), source)?;
    if args.figures {
        let f = engine
            .figures(kind, &input)
            .map_err(|e| crate::errors::in_file(&args.file, &e))?;
        print_json(&f)?;
    } else {
        let r = engine
            .compute(kind, &input, args.explain)
            .map_err(|e| crate::errors::in_file(&args.file, &e))?;
        print_json(&r)?;
    }
    Ok(ExitCode::SUCCESS)
}
