//! A Guangdong → Shaanxi transfer planned and explained: where the pension
//! is paid and why, the money that moves, the award at the benefit place.
//!
//! `cargo run -q -p pension-rules --example transfer`
//! (the CLI equivalent: `pension-rules transfer examples/transfer-guangdong-shaanxi.json`).

use pension_rules::rules::RuleSet;
use pension_rules::transfer::{RuleSets, TransferInput, render, transfer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let case: serde_json::Value = serde_json::from_str(include_str!(
        "../../examples/transfer-guangdong-shaanxi.json"
    ))?;
    let input = TransferInput::from_json(&case["input"])?;
    // The national rules first (transfer rules), then every place's own set.
    let sets = [
        RuleSet::embedded("cn/national")?,
        RuleSet::embedded("cn/shaanxi")?,
    ];
    let t = transfer(&input, RuleSets::new(&sets)?, true)?;
    println!("{}", render::text(&t));
    let p = &t.plan;
    println!(
        "benefit place {} by {}; first move pooled {}",
        p.receipt.region,
        p.receipt.rule.citation(),
        p.moves
            .first()
            .map(|m| m.pooled.to_string())
            .unwrap_or_default()
    );
    Ok(())
}
