//! One award from summary figures and from a 35-year monthly history (420
//! one-month spans), with and without the trace. The snapshot is built once,
//! as in batch use; input parsing is not timed.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pension_rules::YearMonth;
use pension_rules::award::{AwardInput, award};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use serde_json::json;

fn summary() -> AwardInput {
    // Vector award-shaanxi-2025-male-60y1m-deemed.
    AwardInput::from_json(&json!({
        "category": "male", "birth": "1965-01", "retirement_month": "2025-02",
        "contribution_months": 385, "deemed_months": 130,
        "average_index": "0.9", "account_balance": "160000"
    }))
    .expect("summary input")
}

fn history_35y() -> AwardInput {
    // 1990-08 … 2025-07, one span per month with its own base. The 1989–1992
    // denominators are bench placeholders (the rule set starts at 1993).
    let first: YearMonth = "1990-08".parse().expect("month");
    let spans: Vec<_> = (0..420)
        .map(|i| {
            let m = first.add_months(i);
            let base = 150 + 12 * i + (i % 7) * 3;
            json!({"from": m.to_string(), "to": m.to_string(), "base": base.to_string(),
                   "region": "610100"})
        })
        .collect();
    AwardInput::from_json(&json!({
        "category": "male", "birth": "1965-06", "retirement_month": "2025-08",
        "history": spans, "account_balance": "128000",
        "average_wages": {"1989": "180", "1990": "190", "1991": "200", "1992": "212.08"}
    }))
    .expect("history input")
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded("cn/shaanxi").expect("rules");
    for (name, input) in [("summary", summary()), ("history_35y", history_35y())] {
        let snap = rules.at(input.retirement_month.first_day());
        for trace in [false, true] {
            let id = format!("award/{name}/{}", if trace { "trace" } else { "no_trace" });
            c.bench_function(&id, |b| {
                b.iter(|| award(black_box(&input), &snap, &mut Tracer::new(trace)).expect("award"))
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
