//! `pension-rules award FILE|-` and `pension-rules explain FILE|-`: the
//! pension award (待遇核定) of one person.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use pension_rules::YearMonth;
use pension_rules::award::render::{self, Lang};
use pension_rules::award::{AwardInput, award, recompute};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use serde_json::Value;

use crate::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The award with its trace, as JSON.
    Json,
    /// A 核定表-style table.
    Table,
    /// The explanation in Chinese.
    Zh,
    /// The explanation in English.
    En,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct CaseArgs {
    /// JSON file (`-` for stdin): the award input object, or a vector case
    /// `{"ruleset": …, "input": {…}}`.
    file: PathBuf,
    /// Rule-set id (overrides the case's `ruleset`), e.g. cn/shaanxi.
    #[arg(long = "rules", visible_alias = "ruleset", value_name = "ID")]
    ruleset: Option<String>,
    /// Evaluate as known on this date: values published later (e.g. the
    /// final 计发基数) are not seen. With `--arrears-through`, the
    /// provisional date (default: the first day of the retirement month).
    #[arg(long, value_name = "YYYY-MM-DD")]
    known_on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct AwardArgs {
    #[command(flatten)]
    case: CaseArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Recompute as known on this date (default: everything in the rule
    /// set) and report the difference to the `--known-on` award.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "arrears_through")]
    final_known_on: Option<NaiveDate>,
    /// Last month of arrears (补发) owed, inclusive; turns on the
    /// provisional → final recomputation.
    #[arg(long, value_name = "YYYY-MM")]
    arrears_through: Option<YearMonth>,
    /// Leave the trace out (JSON only).
    #[arg(long)]
    no_trace: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    case: CaseArgs,
    /// Language of the explanation.
    #[arg(long, value_enum, default_value = "zh")]
    lang: ExplainLang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExplainLang {
    /// 中文.
    Zh,
    /// English.
    En,
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

/// The input and its rule set.
fn load(args: &CaseArgs, source: &Source) -> Result<(AwardInput, RuleSet), String> {
    let text = read(&args.file)?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| crate::errors::bad_text(&args.file, "JSON", &e))?;
    let (input, case_ruleset) = match v.get("input") {
        Some(input) => (input.clone(), v.get("ruleset").and_then(Value::as_str)),
        None => (v.clone(), None),
    };
    let id = args.ruleset.as_deref().or(case_ruleset).ok_or_else(|| {
        crate::errors::usage(
            "no rule set: pass --ruleset (e.g. cn/shaanxi) or give a case with \"ruleset\"",
        )
    })?;
    let rules = source.load(id).map_err(|e| crate::errors::describe(&e))?;
    let input = AwardInput::from_json(&input).map_err(|e| crate::errors::describe(&e))?;
    Ok((input, rules))
}

pub(crate) fn run_award(args: AwardArgs, source: &Source) -> Result<ExitCode, String> {
    let (input, rules) = load(&args.case, source)?;
    let date = input.retirement_month.first_day();
    let trace = !(args.no_trace && args.format == Format::Json);
    if let Some(through) = args.arrears_through {
        let known = args.case.known_on.unwrap_or(date);
        let r = recompute(&input, &rules, known, args.final_known_on, through, trace)
            .map_err(|e| crate::errors::describe(&e))?;
        let out = match args.format {
            Format::Json => serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?,
            Format::Table => render::recomputation(&r, Lang::Zh, true),
            Format::Zh => render::recomputation(&r, Lang::Zh, false),
            Format::En => render::recomputation(&r, Lang::En, false),
        };
        println!("{}", out.trim_end());
        return Ok(ExitCode::SUCCESS);
    }
    let snap = match args.case.known_on {
        Some(k) => rules.at_known(date, k),
        None => rules.at(date),
    };
    let a =
        award(&input, &snap, &mut Tracer::new(trace)).map_err(|e| crate::errors::describe(&e))?;
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&a).map_err(|e| e.to_string())?,
        Format::Table => render::table(&a),
        Format::Zh => render::text(&a, Lang::Zh),
        Format::En => render::text(&a, Lang::En),
    };
    println!("{}", out.trim_end());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_explain(args: ExplainArgs, source: &Source) -> Result<ExitCode, String> {
    let (input, rules) = load(&args.case, source)?;
    let date = input.retirement_month.first_day();
    let snap = match args.case.known_on {
        Some(k) => rules.at_known(date, k),
        None => rules.at(date),
    };
    let a =
        award(&input, &snap, &mut Tracer::new(true)).map_err(|e| crate::errors::describe(&e))?;
    let lang = match args.lang {
        ExplainLang::Zh => Lang::Zh,
        ExplainLang::En => Lang::En,
    };
    println!("{}", render::text(&a, lang).trim_end());
    Ok(ExitCode::SUCCESS)
}
