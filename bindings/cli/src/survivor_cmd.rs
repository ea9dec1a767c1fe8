//! `pension-rules survivor …` — funeral grant and survivor allowance
//! (遗属待遇, 人社部发〔2021〕18号) for one death, explained with sources.

use std::process::ExitCode;

use clap::{ArgGroup, Args};
use pension_rules::api::parse_input;
use pension_rules::survivor::SurvivorInput;
use serde_json::{Map, Value};

use crate::Source;
use crate::common::Format;
use crate::pipe::outln;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("base").required(true).args(["monthly_income_base", "region"])))]
pub(crate) struct SurvivorArgs {
    /// Contribution months, deemed (视同) months included.
    #[arg(long, value_name = "N")]
    contribution_months: u32,
    /// For a pensioner: months of pension received (the 9-month floor applies).
    #[arg(long, value_name = "N")]
    pension_months_received: Option<u32>,
    /// Y in yuan: the province's previous-year urban per-capita disposable income / 12.
    #[arg(long, value_name = "YUAN", allow_hyphen_values = true)]
    monthly_income_base: Option<String>,
    /// Province (GB/T 2260 code, e.g. 610000): take Y from the rule set.
    #[arg(long, requires = "death_month")]
    region: Option<String>,
    /// Month of death: selects the rules (those in force that month) and
    /// the income year (default: the latest rules).
    #[arg(long, value_name = "YYYY-MM")]
    death_month: Option<String>,
    /// Rule-set id (default: the set for --region, else cn/national).
    #[arg(long, alias = "rules", value_name = "ID")]
    ruleset: Option<String>,
    /// Individual-account balance at the death (for the inheritable part).
    #[arg(long, value_name = "YUAN", allow_hyphen_values = true)]
    account_balance: Option<String>,
    /// Personal-contribution part of the balance (deaths before 2011-07-01).
    #[arg(
        long,
        value_name = "YUAN",
        requires = "account_balance",
        allow_hyphen_values = true
    )]
    personal_part: Option<String>,
    /// Output format.
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

/// The rule set named, or the one whose region is `region`, or cn/national.
fn rule_set_id(args: &SurvivorArgs, source: &Source) -> Result<String, String> {
    if let Some(id) = &args.ruleset {
        return Ok(id.clone());
    }
    let Some(region) = &args.region else {
        return Ok("cn/national".to_string());
    };
    let ids = source.ids();
    ids.iter()
        .find(|id| {
            source.load(id).is_ok_and(|rs| {
                rs.layers().iter().rev().find_map(|l| l.region.as_ref()) == Some(region)
            })
        })
        .cloned()
        .ok_or_else(|| {
            format!(
                "[invalid_input] no rule set for region {region} (rule sets: {}); give --monthly-income-base instead",
                ids.join(", ")
            )
        })
}

pub(crate) fn run(args: SurvivorArgs, source: &Source) -> Result<ExitCode, String> {
    let mut input = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            input.insert(k.into(), v);
        }
    };
    put("contribution_months", Some(args.contribution_months.into()));
    put(
        "pension_months_received",
        args.pension_months_received.map(Value::from),
    );
    put(
        "monthly_income_base",
        args.monthly_income_base.clone().map(Value::from),
    );
    put("region", args.region.clone().map(Value::from));
    put("death_month", args.death_month.clone().map(Value::from));
    put(
        "account_balance",
        args.account_balance.clone().map(Value::from),
    );
    put("personal_part", args.personal_part.clone().map(Value::from));
    let input: SurvivorInput =
        parse_input(&Value::Object(input)).map_err(|e| crate::errors::describe_flags(&e))?;

    let format = args.format.or_json(args.json);
    if format == Format::Csv {
        return Err(crate::common::no_csv("results with rows"));
    }
    let id = rule_set_id(&args, source)?;
    let engine = source.engine(&id)?;
    let rules = engine.rules();
    let r = engine
        .survivor(&input, true)
        .map_err(|e| crate::errors::describe_flags(&e))?;

    if format == Format::Json {
        crate::common::print_json(&r)?;
        return Ok(ExitCode::SUCCESS);
    }
    let when = match r.rules_date {
        Some(d) => format!("rules in force on {d}"),
        None => "the latest rules (no --death-month)".to_string(),
    };
    outln!(
        "遗属待遇 survivor benefits — {} {} (sha256:{}), {when}",
        rules.id(),
        rules.version(),
        &rules.hash()[..12.min(rules.hash().len())],
    );
    outln!();
    outln!(
        "  丧葬补助金 funeral grant          {:>12}",
        r.funeral_grant
    );
    outln!(
        "  抚恤金 survivor allowance         {:>12}   ({} months of Y)",
        r.survivor_allowance,
        r.allowance_months.round_dp(4).normalize()
    );
    outln!("  合计 total                        {:>12}", r.total);
    if let Some(a) = r.inheritable_account {
        outln!("  个人账户可继承余额 inheritable     {a:>12}   (paid apart from the total)");
    }
    outln!();
    outln!("How:");
    for s in &r.trace.steps {
        outln!("  {} {} = {}", s.label, s.name, s.value);
        outln!("      {}", s.formula);
        for p in &s.params {
            let key = p.key.as_ref().map(|k| format!("[{k}]")).unwrap_or_default();
            let conf = p
                .provenance
                .confidence
                .map(|c| format!(" [{c:?}]"))
                .unwrap_or_default();
            outln!(
                "      {}{key} = {} — {}{conf}",
                p.param,
                p.value,
                p.provenance.source
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
