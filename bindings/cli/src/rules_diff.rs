//! Text and JSON output of `pension-rules rules diff`.

use crate::pipe::outln;
use pension_rules::rules::diff::{RuleDiff, Side, Status};

fn mark(s: Status) -> &'static str {
    match s {
        Status::Added => "+",
        Status::Removed => "-",
        Status::Changed => "~",
    }
}

fn value(s: &Side) -> String {
    let mut v = s.value.clone();
    if let Some(u) = s.until {
        v.push_str(&format!(" (until {u})"));
    }
    if s.provenance.provisional {
        v.push_str(" provisional 预发");
    }
    v
}

fn source(s: &Side) -> String {
    format!(
        "{} — {}:{}",
        s.provenance.source, s.provenance.origin.file, s.provenance.origin.line
    )
}

/// Print the diff: per parameter, each differing entry as `before → after`
/// with the sources (a source shown once per run of equal sources).
pub(crate) fn print(d: &RuleDiff, json: bool) -> Result<(), String> {
    if json {
        crate::common::print_json(d)?;
        return Ok(());
    }
    outln!("A: {} {}  sha256:{}", d.a.id, d.a.version, d.a.hash);
    outln!("B: {} {}  sha256:{}", d.b.id, d.b.version, d.b.hash);
    if d.is_empty() {
        outln!("no difference: same parameters, values and sources");
        return Ok(());
    }
    outln!("{} parameter(s) differ", d.params.len());
    for p in &d.params {
        outln!();
        let whole = match p.status {
            Status::Added => "  (only in B)",
            Status::Removed => "  (only in A)",
            Status::Changed => "",
        };
        outln!("{}  {}{whole}", p.name, p.title.clone().unwrap_or_default());
        let (mut last_a, mut last_b) = (None::<String>, None::<String>);
        for c in &p.changes {
            let text = match (&c.before, &c.after) {
                (Some(a), Some(b)) => format!("{} → {}", value(a), value(b)),
                (None, Some(b)) => format!("(none) → {}", value(b)),
                (Some(a), None) => format!("{} → (none)", value(a)),
                (None, None) => String::new(),
            };
            outln!("  {} {}: {text}", mark(c.status), c.key);
            if let Some(a) = &c.before {
                let s = source(a);
                if last_a.as_ref() != Some(&s) {
                    outln!("      A source: {s}");
                    last_a = Some(s);
                }
            }
            if let Some(b) = &c.after {
                let s = source(b);
                if last_b.as_ref() != Some(&s) {
                    outln!("      B source: {s}");
                    last_b = Some(s);
                }
            }
        }
    }
    Ok(())
}
