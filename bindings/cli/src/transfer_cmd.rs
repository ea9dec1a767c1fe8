//! `pension-rules transfer FILE|-`: plan an inter-province transfer
//! (转移接续) — where the pension is paid and why, temporary accounts, the
//! money of each move, the award at the benefit place, the scheme link.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use pension_rules::rules::RuleSet;
use pension_rules::transfer::{RuleSets, TransferInput, render, transfer};
use serde_json::Value;

use crate::Source;

#[derive(Debug, Args)]
pub(crate) struct TransferArgs {
    /// JSON file (`-` for stdin): the transfer input object, or a vector case
    /// `{"ruleset": …, "input": {…}}`.
    file: PathBuf,
    /// Primary rule-set id, whose national transfer rules apply (overrides
    /// the case's `ruleset`; default cn/national). Every other known rule
    /// set serves the places it covers.
    #[arg(long, value_name = "ID")]
    ruleset: Option<String>,
    /// Print the plan, the award and their traces as JSON.
    #[arg(long)]
    json: bool,
    /// Leave the traces out (JSON only).
    #[arg(long, requires = "json")]
    no_trace: bool,
}

fn read(file: &PathBuf) -> Result<String, String> {
    if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| crate::errors::io_error(std::path::Path::new("stdin"), &e))?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).map_err(|e| crate::errors::io_error(file, &e))
    }
}

pub(crate) fn run(args: TransferArgs, source: &Source) -> Result<ExitCode, String> {
    let text = read(&args.file)?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| crate::errors::bad_text(&args.file, "JSON", &e))?;
    let (input, case_ruleset) = match v.get("input") {
        Some(input) => (input.clone(), v.get("ruleset").and_then(Value::as_str)),
        None => (v.clone(), None),
    };
    let id = args
        .ruleset
        .as_deref()
        .or(case_ruleset)
        .unwrap_or("cn/national");
    let mut sets: Vec<RuleSet> = vec![source.load(id).map_err(|e| crate::errors::describe(&e))?];
    for other in source.ids() {
        if other != id {
            sets.push(
                source
                    .load(&other)
                    .map_err(|e| crate::errors::describe(&e))?,
            );
        }
    }
    let input = TransferInput::from_json(&input).map_err(|e| crate::errors::describe(&e))?;
    let sets = RuleSets::new(&sets).map_err(|e| crate::errors::describe(&e))?;
    let t = transfer(&input, sets, !args.no_trace).map_err(|e| crate::errors::describe(&e))?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&t).map_err(|e| e.to_string())?
        );
    } else {
        println!("{}", render::text(&t).trim_end());
    }
    Ok(ExitCode::SUCCESS)
}
