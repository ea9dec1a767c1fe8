//! `rules::diff`: what a reform overlay changes.

use pension_rules::rules::RuleSet;
use pension_rules::rules::diff::{Status, diff};

fn reform() -> RuleSet {
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/reform-divisor-2030.toml"
    ))
    .expect("example overlay");
    base.with_overlay("reform-divisor-2030.toml", &text)
        .expect("overlay loads")
}

#[test]
fn same_set_has_no_difference() {
    let s = RuleSet::embedded("cn/shaanxi").expect("rules");
    assert!(diff(&s, &s).is_empty());
}

#[test]
fn reform_overlay_shows_divisor_rows_and_rate() {
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let d = diff(&base, &reform());
    let names: Vec<_> = d.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["award.annuity_divisor", "contribution.employer_rate"]
    );
    let div = &d.params[0];
    assert_eq!(div.status, Status::Changed);
    // Every age 40–70 changes (the overlay lists all 31 rows).
    assert_eq!(div.changes.len(), 31);
    let row60 = div
        .changes
        .iter()
        .find(|c| c.key == "from 2030-01-01, row 60")
        .expect("row 60");
    assert_eq!(row60.status, Status::Added);
    // 国发〔2005〕38号 附件: 60 → 139 months; the scenario sets 146.
    assert_eq!(row60.before.as_ref().map(|s| s.value.as_str()), Some("139"));
    assert_eq!(row60.after.as_ref().map(|s| s.value.as_str()), Some("146"));
    assert!(
        row60
            .after
            .as_ref()
            .is_some_and(|s| s.provenance.source.starts_with("scenario"))
    );
    let rate = &d.params[1].changes[0];
    assert_eq!(rate.key, "from 2030-01-01");
    // 国办发〔2019〕13号: 16 % in force before the scenario's 15 %.
    assert_eq!(rate.before.as_ref().map(|s| s.value.as_str()), Some("0.16"));
    assert_eq!(rate.after.as_ref().map(|s| s.value.as_str()), Some("0.15"));
}

#[test]
fn reversed_diff_removes() {
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let d = diff(&reform(), &base);
    assert!(
        d.params
            .iter()
            .flat_map(|p| &p.changes)
            .all(|c| c.status == Status::Removed)
    );
}

#[test]
fn province_over_national_adds_yearly_values() {
    let n = RuleSet::embedded("cn/national").expect("rules");
    let s = RuleSet::embedded("cn/shaanxi").expect("rules");
    let d = diff(&n, &s);
    let base = d
        .params
        .iter()
        .find(|p| p.name == "award.pension_base")
        .expect("pension base only in Shaanxi");
    assert_eq!(base.status, Status::Added);
    // docs/sources.md §11.1: 2025 预发 7727, final 7881.
    let keys: Vec<_> = base.changes.iter().map(|c| c.key.as_str()).collect();
    assert!(keys.contains(&"2025 provisional") && keys.contains(&"2025"));
}
