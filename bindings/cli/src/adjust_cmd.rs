//! `pension-rules adjust …` — a retiree's yearly pension adjustment
//! (基本养老金调整) under a province's scheme, explained with sources; or a
//! chain of years (`--from-year … --to-year …`), each year's new pension
//! being the next year's December pension.

use std::process::ExitCode;

use clap::{ArgGroup, Args};

use pension_rules::adjustment::{AdjustmentInput, AdjustmentResult, ChainYear};
use pension_rules::api::Engine;
use pension_rules::api::parse_input;
use pension_rules::rules::RuleSet;
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
#[command(group(ArgGroup::new("years").required(true).args(["year", "from_year"])))]
pub(crate) struct AdjustArgs {
    /// Adjustment year Y (the person must have retired by 31 Dec of Y−1).
    #[arg(long, value_name = "YYYY", conflicts_with = "from_year")]
    year: Option<i32>,
    /// First year of a chain of adjustments (with --to-year).
    #[arg(long, value_name = "YYYY", requires = "to_year")]
    from_year: Option<i32>,
    /// Last year of the chain.
    #[arg(long, value_name = "YYYY", requires = "from_year")]
    to_year: Option<i32>,
    /// Monthly basic pension before the adjustment (December of Y−1), yuan.
    #[arg(long, value_name = "YUAN", allow_hyphen_values = true)]
    pension: String,
    /// Contribution months, deemed (视同) months included, 折算工龄 excluded.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    contribution_months: i64,
    /// Birth month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    birth: String,
    /// Month the person retired, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    retirement_month: String,
    /// Schedule category (male, female_50, female_55); not used by the Shaanxi schemes.
    #[arg(long)]
    category: Option<String>,
    /// An enterprise-retired 军队转业干部 (top-up to the city average).
    #[arg(long)]
    military_transfer_cadre: bool,
    /// The city's average enterprise pension after the adjustment (军转干部 top-up).
    #[arg(
        long,
        value_name = "YUAN",
        requires = "military_transfer_cadre",
        allow_hyphen_values = true
    )]
    city_average_pension: Option<String>,
    /// First month paid at the new amount: earlier months of Y are back-paid (补发).
    #[arg(long, value_name = "YYYY-MM")]
    payment_month: Option<String>,
    /// Rule-set id; the rules applied are those in force on 1 January of
    /// the year (a chain: of --to-year, which hold every earlier scheme).
    #[arg(long, alias = "rules", value_name = "ID", default_value = "cn/shaanxi")]
    ruleset: String,
    /// Output format (csv: the chain's years, with --from-year).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Print the steps with their formulas and sources (one year's text
    /// always shows them; a chain's JSON then holds them under `trace`).
    #[arg(long)]
    explain: bool,
    /// Same as --format json.
    #[arg(long, hide = true)]
    json: bool,
}

fn input(args: &AdjustArgs, year: i32) -> Result<AdjustmentInput, String> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.into(), v);
        }
    };
    put("year", Some(year.into()));
    put("pension", Some(args.pension.clone().into()));
    put("contribution_months", Some(args.contribution_months.into()));
    put("birth", Some(args.birth.clone().into()));
    put(
        "retirement_month",
        Some(args.retirement_month.clone().into()),
    );
    put("category", args.category.clone().map(Value::from));
    put(
        "military_transfer_cadre",
        args.military_transfer_cadre.then_some(Value::Bool(true)),
    );
    put(
        "city_average_pension",
        args.city_average_pension.clone().map(Value::from),
    );
    put("payment_month", args.payment_month.clone().map(Value::from));
    parse_input(&Value::Object(m)).map_err(|e| crate::errors::describe_flags(&e))
}

pub(crate) fn run(args: AdjustArgs, source: &Source) -> Result<ExitCode, String> {
    let engine = source
        .try_engine(&args.ruleset)
        .map_err(|e| crate::errors::describe_flags(&e))?;
    let format = args.format.or_json(args.json);
    match (args.year, args.from_year, args.to_year) {
        (Some(_), _, _) if format == Format::Csv => Err(crate::common::no_csv(
            "a chain of years (--from-year … --to-year …)",
        )),
        (Some(y), _, _) => single(&args, &engine, format, y),
        (None, Some(from), Some(to)) => chain(&args, &engine, format, from, to),
        _ => Err(
            "[invalid_input] invalid input:\n  --year: give --year, or --from-year with --to-year"
                .into(),
        ),
    }
}

fn single(
    args: &AdjustArgs,
    engine: &Engine,
    format: Format,
    year: i32,
) -> Result<ExitCode, String> {
    let input = input(args, year)?;
    let r = engine
        .adjustment(&input, true)
        .map_err(|e| crate::errors::describe_flags(&e))?;
    let rules = engine.rules();
    let mut o = String::new();
    if format == Format::Json {
        out!(
            o,
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
        );
    } else {
        print_result(&mut o, rules, &input, &r);
    }
    emit(&o);
    Ok(ExitCode::SUCCESS)
}

/// A chain as CSV: one line per year; a year the person is not covered
/// (retired after 31 Dec of Y−1) has only `year` and `pension_before`.
fn chain_csv(years: &[ChainYear]) -> Result<String, String> {
    let rows: Vec<Vec<String>> = years
        .iter()
        .map(|y| {
            let mut v = vec![y.year.to_string(), y.pension_before.to_string()];
            if let Some(r) = &y.result {
                v.extend(
                    [
                        r.fixed,
                        r.years_part,
                        r.pct_part,
                        r.age_extra,
                        r.top_up,
                        r.increase,
                        r.pension_after,
                    ]
                    .map(|d| d.to_string()),
                );
            } else {
                v.resize(9, String::new());
            }
            v
        })
        .collect();
    csv_text(
        &[
            "year",
            "pension_before",
            "fixed",
            "years_part",
            "pct_part",
            "age_extra",
            "top_up",
            "increase",
            "pension_after",
        ],
        &rows,
    )
}

fn print_result(o: &mut String, rules: &RuleSet, input: &AdjustmentInput, r: &AdjustmentResult) {
    out!(
        o,
        "基本养老金调整 pension adjustment {} — {} {} (sha256:{}), due from {}",
        r.year,
        rules.id(),
        rules.version(),
        &rules.hash()[..12.min(rules.hash().len())],
        r.effective
    );
    out!(o, "");
    out!(
        o,
        "  December pension before            {:>10}",
        input.pension
    );
    out!(o, "  定额调整 fixed                      {:>10}", r.fixed);
    out!(
        o,
        "  缴费年限挂钩 years part             {:>10}   ({} years counted)",
        r.years_part,
        r.contribution_years.round_dp(4).normalize()
    );
    out!(
        o,
        "  比例挂钩 percentage part            {:>10}",
        r.pct_part
    );
    out!(
        o,
        "  高龄倾斜 age extra                  {:>10}   (aged {} by {}-12-31)",
        r.age_extra,
        r.age,
        r.year - 1
    );
    out!(
        o,
        "  增加额 increase                     {:>10}",
        r.increase
    );
    if input.military_transfer_cadre {
        out!(o, "  军转干部补足 top-up                 {:>10}", r.top_up);
    }
    out!(
        o,
        "  调整后 pension after                {:>10}",
        r.pension_after
    );
    if let (Some(m), Some(a)) = (r.arrears_months, r.arrears) {
        out!(
            o,
            "  补发 arrears                        {a:>10}   ({m} months)"
        );
    }
    for f in &r.flags {
        out!(o, "  ! {f}");
    }
    out!(o, "");
    out!(o, "How:");
    for s in &r.trace.steps {
        out!(o, "  {} {} = {}", s.label, s.name, s.value);
        out!(o, "      {}", s.formula);
        for p in &s.params {
            let key = p.key.as_ref().map(|k| format!("[{k}]")).unwrap_or_default();
            let conf = p
                .provenance
                .confidence
                .map(|c| format!(" [{c:?}]"))
                .unwrap_or_default();
            out!(
                o,
                "      {}{key} = {} — {}{conf}",
                p.param,
                p.value,
                p.provenance.source
            );
        }
    }
}

fn chain(
    args: &AdjustArgs,
    engine: &Engine,
    format: Format,
    from: i32,
    to: i32,
) -> Result<ExitCode, String> {
    let input = input(args, from)?;
    // The JSON has always carried each year's steps; the table has none.
    let t = engine
        .adjustment_chain(&input, to, format == Format::Json)
        .map_err(|e| crate::errors::describe_flags(&e))?;
    let (years, rules) = (t.result, engine.rules());
    let mut o = String::new();
    if format == Format::Csv {
        emit(&chain_csv(&years)?);
        return Ok(ExitCode::SUCCESS);
    }
    if format == Format::Json {
        let v = json!({ "rules": t.trace.rules, "years": years });
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
        "基本养老金调整 {from}–{to} — {} {} (sha256:{})",
        rules.id(),
        rules.version(),
        &rules.hash()[..12.min(rules.hash().len())]
    );
    out!(
        o,
        "{:>4}  {:>10}  {:>6}  {:>7}  {:>5}  {:>4}  {:>7}  {:>8}  {:>10}",
        "year",
        "before",
        "fixed",
        "years",
        "pct",
        "age",
        "top-up",
        "increase",
        "after"
    );
    for y in &years {
        match &y.result {
            Some(r) => out!(
                o,
                "{:>4}  {:>10}  {:>6}  {:>7}  {:>5}  {:>4}  {:>7}  {:>8}  {:>10}",
                y.year,
                y.pension_before.normalize(),
                r.fixed.normalize(),
                r.years_part.normalize(),
                r.pct_part.normalize(),
                r.age_extra.normalize(),
                r.top_up.normalize(),
                r.increase.normalize(),
                r.pension_after.normalize()
            ),
            None => out!(
                o,
                "{:>4}  {:>10}  not covered: retired after {}-12-31",
                y.year,
                y.pension_before.normalize(),
                y.year - 1
            ),
        }
    }
    let flags: Vec<&String> = years
        .iter()
        .filter_map(|y| y.result.as_ref())
        .flat_map(|r| &r.flags)
        .collect();
    for f in flags {
        out!(o, "! {f}");
    }
    out!(
        o,
        "Sources: `pension-rules adjust --year Y …` explains one year; `pension-rules rules show {}` lists the parameters.",
        rules.id()
    );
    emit(&o);
    Ok(ExitCode::SUCCESS)
}
