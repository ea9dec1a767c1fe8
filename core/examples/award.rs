//! A Shaanxi person's pension award, printed as a 核定表 and explained.
//!
//! `cargo run -q -p pension-rules --example award`
//! (the CLI equivalent: `pension-rules award examples/shaanxi-person.json --format table`).

use pension_rules::award::{AwardInput, award, render};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let case: serde_json::Value =
        serde_json::from_str(include_str!("../../examples/shaanxi-person.json"))?;
    let input = AwardInput::from_json(&case["input"])?;
    let rules = RuleSet::embedded("cn/shaanxi")?;
    let snap = rules.at(input.retirement_month.first_day());
    let a = award(&input, &snap, &mut Tracer::new(true))?;
    println!("{}", render::table(&a));
    println!("{}", render::text(&a, render::Lang::En));
    Ok(())
}
