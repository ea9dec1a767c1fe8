//! The provincial slots of the award as rule data (issue: every province as
//! data): the transitional pension template (base, index, years and their
//! rounding, a coefficient by actual years), a separate base for the flat
//! half of the basic pension, and per-component money and years rounding.
//!
//! Each test layers a small overlay over cn/shaanxi (C = 7727 for 2024) and
//! checks figures derived by hand with Python `decimal` for one person: a man
//! born 1964-06 retiring 2024-06 (age 60, 计发月数 139), 360 actual + 120
//! deemed months, Ī 0.8, B 120000 — docs/sources.md §9.2 worked example 11,
//! whose Shaanxi figures are 2781.72 + 863.31 + 865.42 = 4510.45.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::award::{Award, AwardInput, award};
use pension_rules::error::Error;
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use serde_json::{Value, json};

fn person(extra: Value) -> AwardInput {
    let mut v = json!({
        "category": "male", "birth": "1964-06", "retirement_month": "2024-06",
        "contribution_months": 360, "deemed_months": 120,
        "average_index": "0.8", "account_balance": "120000"
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    AwardInput::from_json(&v).unwrap()
}

/// cn/shaanxi with `entries` (TOML parameter tables) as an overlay.
fn rules(entries: &str) -> RuleSet {
    let text =
        format!("[overlay]\nid = \"test/provincial\"\ntitle = \"provincial slots\"\n{entries}");
    RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .with_overlay("provincial.toml", &text)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A dated parameter entry from 2006 with a test source.
fn dated(name: &str, value: &str) -> String {
    format!(
        "[{name}]\n[[{name}.values]]\nfrom = 2006-01-01\n{value}\nsource = \"test: the slot under test\"\n"
    )
}

fn compute(rules: &RuleSet, input: &AwardInput) -> Result<Award, Error> {
    let snap = rules.at(input.retirement_month.first_day());
    award(input, &snap, &mut Tracer::new(true))
}

fn s(d: rust_decimal::Decimal) -> String {
    d.to_string()
}

#[test]
fn weighted_base_over_all_pre_account_years() {
    // Sichuan-type: (C + C·Ī)/2 × P × k, P = 155 months before the account
    // (120 deemed + 35 actual) = 12.92 years at 2 places, k 1.3 %:
    // 6954.3 × 12.92 × 0.013 = 1168.04.
    let r = rules(
        &[
            dated("award.transitional_base", "value = \"basic_average\""),
            dated("award.transitional_index_rule", "value = \"one\""),
            dated(
                "award.transitional_years",
                "value = \"deemed_and_pre_account\"",
            ),
            dated("award.transitional_coefficient", "value = \"0.013\""),
            dated(
                "rounding.transitional_years",
                "scale = 2\nmode = \"half_up\"",
            ),
        ]
        .concat(),
    );
    let a = compute(&r, &person(json!({"pre_account_total_months": 155}))).unwrap();
    assert_eq!(s(a.transitional_pension), "1168.04");
    assert_eq!(s(a.transitional_years), "12.92");
    assert_eq!(a.transitional_months, 155);
    assert_eq!(s(a.transitional_index), "1");
    // The basic pension keeps its exact years (rounding.years is apart).
    assert_eq!(s(a.basic_pension), "2781.72");
    assert_eq!(s(a.total), "4813.07"); // 2781.72 + 863.31 + 1168.04
    // Same P from the actual months alone: 120 deemed + 35 actual.
    let b = compute(&r, &person(json!({"pre_account_months": 35}))).unwrap();
    assert_eq!(b.transitional_pension, a.transitional_pension);
    assert!(
        !r.at(a.retirement_month.first_day())
            .follows_the_national_skeleton()
    );
    let step = a
        .trace
        .steps
        .iter()
        .find(|s| s.name == "transitional_pension")
        .unwrap();
    assert!(step.formula.contains("(C + C × Ī) / 2"), "{}", step.formula);
    assert!(
        step.params
            .iter()
            .any(|p| p.param == "award.transitional_base")
    );
}

#[test]
fn pre_account_total_is_checked() {
    let r = rules(&dated(
        "award.transitional_years",
        "value = \"deemed_and_pre_account\"",
    ));
    let both = person(json!({"pre_account_total_months": 155, "pre_account_months": 35}));
    let fewer = person(json!({"pre_account_total_months": 100}));
    for input in [both, fewer] {
        let e = compute(&r, &input).unwrap_err();
        assert_eq!(e.fields()[0].path, "pre_account_total_months", "{e}");
    }
}

#[test]
fn separate_transitional_index_is_required() {
    let r = rules(&dated(
        "award.transitional_index_rule",
        "value = \"separate\"",
    ));
    let e = compute(&r, &person(json!({}))).unwrap_err();
    assert_eq!(e.fields()[0].path, "transitional_index", "{e}");
    assert!(e.to_string().contains("separate"), "{e}");
    // 7727 × 0.65 × 10 × 1.4 % = 703.157 → 703.16.
    let a = compute(&r, &person(json!({"transitional_index": "0.65"}))).unwrap();
    assert_eq!(s(a.transitional_pension), "703.16");
}

#[test]
fn index_floored_at_one() {
    // Inner-Mongolia type: max(0.8, 1) = 1; 7727 × 1 × 10 × 1.4 % = 1081.78.
    let r = rules(&dated(
        "award.transitional_index_rule",
        "value = \"average_index_floor_one\"",
    ));
    let a = compute(&r, &person(json!({}))).unwrap();
    assert_eq!(s(a.transitional_pension), "1081.78");
    // Above 1 the index is kept: 7727 × 1.2 × 10 × 1.4 % = 1298.136 → 1298.14.
    let b = compute(&r, &person(json!({"average_index": "1.2"}))).unwrap();
    assert_eq!(s(b.transitional_pension), "1298.14");
}

#[test]
fn coefficient_by_actual_years() {
    // Jilin type: 1.4 % beyond 240 actual months, else 1.2 %.
    let entries = [
        dated("award.transitional_coefficient", "value = \"0.012\""),
        dated("award.transitional_coefficient_above", "value = \"0.014\""),
        dated("award.transitional_threshold_months", "value = 240"),
    ]
    .concat();
    let r = rules(&entries);
    // 360 actual months > 240: 7727 × 0.8 × 10 × 1.4 % = 865.42.
    let a = compute(&r, &person(json!({}))).unwrap();
    assert_eq!(s(a.transitional_pension), "865.42");
    assert_eq!(a.transitional_coefficient.map(s).as_deref(), Some("0.014"));
    // 240 actual months is not beyond: 7727 × 0.8 × 10 × 1.2 % = 741.792 → 741.79.
    let b = compute(&r, &person(json!({"contribution_months": 240}))).unwrap();
    assert_eq!(s(b.transitional_pension), "741.79");
}

#[test]
fn flat_half_with_its_own_base() {
    // (B + C·Ī)/2 × N × 1 % with B = 7000: (7000 + 6181.6)/2 × 40 × 1 % = 2636.32.
    let r = rules(
        "[award.flat_part_base]\n[[award.flat_part_base.values]]\nyear = 2024\nvalue = \"7000\"\nsource = \"test: the slot under test\"\n",
    );
    let a = compute(&r, &person(json!({}))).unwrap();
    assert_eq!(s(a.basic_pension), "2636.32");
    assert_eq!(a.flat_part_base.map(s).as_deref(), Some("7000"));
    // The indexed wage and the transitional pension still use C.
    assert_eq!(s(a.indexed_wage), "6181.60");
    assert_eq!(s(a.transitional_pension), "865.42");
    // No base for the year: a typed error naming the parameter and year.
    let e = compute(
        &r,
        &person(json!({"birth": "1963-06", "retirement_month": "2023-06"})),
    )
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("award.flat_part_base") && text.contains("2023"),
        "{text}"
    );
}

#[test]
fn component_rounding_and_year_steps() {
    // 见分进角 on the basic pension only: 2781.72 → 2781.8; the others stay
    // at the fen: 2781.8 + 863.31 + 865.42 = 4510.53.
    let r = rules(&dated(
        "rounding.basic_pension",
        "scale = 1\nmode = \"up_after_truncate\"",
    ));
    let a = compute(&r, &person(json!({}))).unwrap();
    assert_eq!(s(a.basic_pension), "2781.8");
    assert_eq!(s(a.account_pension), "863.31");
    assert_eq!(s(a.total), "4510.53");
    // Years in half-year steps upward (Fujian type): 485 months = 40.42 → 40.5;
    // 7727 × 1.8 / 2 × 40.5 × 1 % = 2816.4915 → 2816.49.
    let r = rules(&dated(
        "rounding.years",
        "scale = 1\nmode = \"up\"\nstep = \"0.5\"",
    ));
    let b = compute(&r, &person(json!({"contribution_months": 365}))).unwrap();
    assert_eq!(s(b.years), "40.5");
    assert_eq!(s(b.basic_pension), "2816.49");
}

#[test]
fn a_bad_slot_value_is_a_load_error() {
    let text = format!(
        "[overlay]\nid = \"test/bad\"\n{}",
        dated("award.transitional_base", "value = \"median\"")
    );
    let e = RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .with_overlay("bad.toml", &text)
        .unwrap_err();
    assert!(e.to_string().contains("basic_average"), "{e}");
    let step = format!(
        "[overlay]\nid = \"test/bad\"\n{}",
        dated("rounding.years", "scale = 1\nmode = \"up\"\nstep = \"0\"")
    );
    assert!(
        RuleSet::embedded("cn/shaanxi")
            .unwrap()
            .with_overlay("bad.toml", &step)
            .is_err()
    );
}

#[test]
fn old_and_new_method_phase_in() {
    // Jiangsu type: 40 % of the gain for 2024 retirees, 100 % from 2026.
    let yearly = |y: i32, v: &str| {
        format!(
            "[[award.transitional_phase_in.values]]\nyear = {y}\nvalue = \"{v}\"\nsource = \"test: the slot under test\"\n"
        )
    };
    let r = rules(&format!(
        "[award.transitional_phase_in]\n{}{}",
        yearly(2024, "0.4"),
        yearly(2026, "1")
    ));
    // New 865.42, old 700: 700 + (865.42 − 700) × 40 % = 766.168 → 766.17.
    let a = compute(&r, &person(json!({"old_transitional_pension": "700"}))).unwrap();
    assert_eq!(s(a.transitional_pension), "766.17");
    let p = a.transitional_phase_in.as_ref().unwrap();
    assert_eq!(s(p.new_method), "865.42");
    assert_eq!(p.old_method.map(s).as_deref(), Some("700"));
    assert_eq!(s(a.total), "4411.20"); // 2781.72 + 863.31 + 766.17
    // The old method above the new: the old is paid.
    let b = compute(&r, &person(json!({"old_transitional_pension": "900"}))).unwrap();
    assert_eq!(s(b.transitional_pension), "900.00");
    // Without the old amount a share below 1 cannot be paid: a typed error.
    let e = compute(&r, &person(json!({}))).unwrap_err();
    assert_eq!(e.fields()[0].path, "old_transitional_pension", "{e}");
    // 2026 and later: the new method alone (the 2026 share carries on).
    let later =
        person(json!({"birth": "1966-06", "retirement_month": "2026-06", "pension_base": "7727"}));
    let c = compute(&r, &later).unwrap();
    assert_eq!(s(c.transitional_pension), "865.42");
    // Explained in the 核定表 text.
    let zh = pension_rules::award::render::text(&a, pension_rules::award::render::Lang::Zh);
    assert!(zh.contains("新老办法过渡：老办法 700"), "{zh}");
}

#[test]
fn the_sheet_text_follows_the_template() {
    use pension_rules::award::render::{Lang, text};
    let r = rules(
        &[
            dated("award.transitional_base", "value = \"basic_average\""),
            dated("award.transitional_index_rule", "value = \"one\""),
            dated(
                "award.transitional_years",
                "value = \"deemed_and_pre_account\"",
            ),
            dated("award.transitional_coefficient", "value = \"0.013\""),
        ]
        .concat(),
    );
    let a = compute(&r, &person(json!({"pre_account_total_months": 150}))).unwrap();
    let zh = text(&a, Lang::Zh);
    assert!(
        zh.contains("过渡性养老金 = C × (1 + 平均缴费指数) ÷ 2 × 建账前缴费年限 × 1.3% = 6954.3 × 150/12 × 1.3%"),
        "{zh}"
    );
    let en = text(&a, Lang::En);
    assert!(en.contains("years before the account"), "{en}");
}

#[test]
fn a_formula_not_modelled_is_given_never_zero() {
    let r = rules(&dated("award.transitional_method", "value = \"given\""));
    // Missing: a typed error naming the field, not a zero.
    let e = compute(&r, &person(json!({}))).unwrap_err();
    assert_eq!(e.fields()[0].path, "transitional_pension", "{e}");
    let a = compute(&r, &person(json!({"transitional_pension": "512.30"}))).unwrap();
    assert_eq!(s(a.transitional_pension), "512.30");
    assert!(a.transitional_given);
    assert_eq!(s(a.total), "4157.33"); // 2781.72 + 863.31 + 512.30
    // Where the rule set computes it, giving it is refused.
    let shaanxi = RuleSet::embedded("cn/shaanxi").unwrap();
    let e = compute(&shaanxi, &person(json!({"transitional_pension": "1"}))).unwrap_err();
    assert_eq!(e.fields()[0].path, "transitional_pension", "{e}");
}

#[test]
fn an_age_in_place_of_the_birth_month() {
    // A sheet with no birth month: age 60y0m at 2024-06 is birth 1964-06.
    let mut v = json!({
        "category": "male", "age": "60y0m", "retirement_month": "2024-06",
        "contribution_months": 360, "deemed_months": 120,
        "average_index": "0.8", "account_balance": "120000"
    });
    let a = award(
        &AwardInput::from_json(&v).unwrap(),
        &RuleSet::embedded("cn/shaanxi")
            .unwrap()
            .at("2024-06-01".parse().unwrap()),
        &mut Tracer::new(false),
    )
    .unwrap();
    assert_eq!(a.birth.to_string(), "1964-06");
    assert_eq!(s(a.total), "4510.45");
    // Neither: one error at `birth`; both, disagreeing: an error at `age`.
    v.as_object_mut().unwrap().remove("age");
    let shaanxi = RuleSet::embedded("cn/shaanxi").unwrap();
    let e = compute(&shaanxi, &AwardInput::from_json(&v).unwrap()).unwrap_err();
    assert_eq!(e.fields()[0].path, "birth", "{e}");
    v["birth"] = json!("1964-06");
    v["age"] = json!("59y0m");
    let e = compute(
        &RuleSet::embedded("cn/shaanxi").unwrap(),
        &AwardInput::from_json(&v).unwrap(),
    )
    .unwrap_err();
    assert_eq!(e.fields()[0].path, "age", "{e}");
}

#[test]
fn whole_years_and_months_and_a_notional_account() {
    // Shanghai type: the basic pension pays 1 % per whole year and 0.083 %
    // per remaining month — 485 months = 40 y 5 m:
    // 6954.3 × (40 × 1 % + 5 × 0.083 %) = 2810.583 → 2810.58; the transitional pension
    // adds the notional account over 120: 7727 × 1 × 10 × 1.2 % + 36000 / 120
    // = 927.24 + 300 = 1227.24.
    let r = rules(
        &[
            dated("award.basic_rate_per_extra_month", "value = \"0.00083\""),
            dated("award.transitional_index_rule", "value = \"one\""),
            dated("award.transitional_coefficient", "value = \"0.012\""),
            dated("award.transitional_notional_divisor", "value = \"120\""),
        ]
        .concat(),
    );
    let input = person(json!({"contribution_months": 365, "notional_account": "36000"}));
    let a = compute(&r, &input).unwrap();
    assert_eq!(s(a.basic_pension), "2810.58");
    assert_eq!(s(a.transitional_pension), "1227.24");
    let zh = pension_rules::award::render::text(&a, pension_rules::award::render::Lang::Zh);
    assert!(zh.contains("(40 × 1% + 5 × 0.083%)"), "{zh}");
    assert!(zh.contains("+ 36000 ÷ 120"), "{zh}");
    // Without the notional account: a typed error naming it.
    let e = compute(&r, &person(json!({"contribution_months": 365}))).unwrap_err();
    assert_eq!(e.fields()[0].path, "notional_account", "{e}");
}

#[test]
fn a_window_of_actual_years_at_their_own_index() {
    // Beijing type: G同 = C × 1 × deemed years × 1 % plus G实 = C × Z实 × actual
    // years in the window × 1 %: 7727 × 10 × 1 % + 7727 × 0.95 × 69/12 × 1 %
    // = 772.7 + 422.089… = 1194.79.
    let r = rules(
        &[
            dated("award.transitional_index_rule", "value = \"one\""),
            dated("award.transitional_coefficient", "value = \"0.01\""),
            dated("award.transitional_window_coefficient", "value = \"0.01\""),
        ]
        .concat(),
    );
    let input =
        person(json!({"transitional_window_months": 69, "transitional_window_index": "0.95"}));
    let a = compute(&r, &input).unwrap();
    assert_eq!(s(a.transitional_pension), "1194.79");
    let w = a
        .transitional_formula
        .as_ref()
        .unwrap()
        .window
        .as_ref()
        .unwrap();
    assert_eq!(w.months, 69);
    // Both inputs missing: both named at once.
    let e = compute(&r, &person(json!({}))).unwrap_err();
    let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["transitional_window_months", "transitional_window_index"]
    );
}

#[test]
fn an_attribute_with_a_declared_default() {
    // 独生子女 5 % of the pension: without `default`, an input lacking the
    // attribute is refused; with `default = false` it is taken as false, and
    // true pays 5 % × 4510.45 = 225.5225 → 225.52.
    let attr = |default: &str| {
        format!(
            "[award.attributes.only_child]\n[[award.attributes.only_child.values]]\nfrom = 2006-01-01\ntitle = \"独生子女父母\"\ntype = \"bool\"\n{default}source = \"test\"\n"
        )
    };
    let extra = "[award.extras.only_child_bonus]\n[[award.extras.only_child_bonus.values]]\nfrom = 2006-01-01\ntitle = \"独生子女父母加发\"\nkind = \"pct_of_pension\"\nrate = \"0.05\"\nof = [\"basic\", \"account\", \"transitional\"]\nwhen = { only_child = true }\nsource = \"test\"\n";
    let strict = rules(&format!("{}{extra}", attr("")));
    let e = compute(&strict, &person(json!({}))).unwrap_err();
    assert_eq!(e.fields()[0].path, "attributes.only_child", "{e}");
    let lenient = rules(&format!("{}{extra}", attr("default = false\n")));
    let a = compute(&lenient, &person(json!({}))).unwrap();
    assert_eq!(s(a.total), "4510.45");
    let b = compute(
        &lenient,
        &person(json!({"attributes": {"only_child": true}})),
    )
    .unwrap();
    assert_eq!(s(b.local_extras), "225.52");
    // A default outside the type is a load error.
    let bad = format!(
        "[overlay]\nid = \"test/bad\"\n{}",
        attr("default = \"yes\"\n")
    );
    assert!(
        RuleSet::embedded("cn/shaanxi")
            .unwrap()
            .with_overlay("bad.toml", &bad)
            .is_err()
    );
}

#[test]
fn an_extra_whose_amount_no_source_gives_is_an_error_not_a_zero() {
    let r = rules(
        "[award.extras.bonus]\n[[award.extras.bonus.values]]\nfrom = 2006-01-01\ntitle = \"加发\"\nkind = \"unknown\"\nsource = \"test: in force, amount not found\"\n",
    );
    let e = compute(&r, &person(json!({}))).unwrap_err();
    assert_eq!(e.code(), "rule_missing_year", "{e}");
    assert!(e.to_string().contains("award.extras.bonus"), "{e}");
    // A field of another kind on it is a load error.
    let bad = "[overlay]\nid = \"test/bad\"\n[award.extras.bonus]\n[[award.extras.bonus.values]]\nfrom = 2006-01-01\ntitle = \"加发\"\nkind = \"unknown\"\namount = \"5\"\nsource = \"test\"\n";
    assert!(
        RuleSet::embedded("cn/shaanxi")
            .unwrap()
            .with_overlay("bad.toml", bad)
            .is_err()
    );
}

#[test]
fn half_months_as_sheets_print_them() {
    // 360.5 actual + 120.5 deemed months: N = 481/12 exactly;
    // basic 6954.3 × 481/12 × 1 % = 2787.5152… → 2787.52, transitional
    // 7727 × 0.8 × 120.5/12 × 1.4 % = 869.0296… → 869.03.
    let shaanxi = RuleSet::embedded("cn/shaanxi").unwrap();
    let a = compute(
        &shaanxi,
        &person(json!({"contribution_months": "360.5", "deemed_months": "120.5"})),
    )
    .unwrap();
    assert_eq!(s(a.basic_pension), "2787.52");
    assert_eq!(s(a.transitional_pension), "869.03");
    assert_eq!(a.contribution_months, 360);
    assert_eq!(a.contribution_months_exact.map(s).as_deref(), Some("360.5"));
    assert_eq!(a.figures()["deemed_months"], json!("120.5"));
    // Only halves: 515.3 is refused at its field.
    let e = AwardInput::from_json(&json!({
        "category": "male", "birth": "1964-06", "retirement_month": "2024-06",
        "contribution_months": "515.3", "average_index": "0.8", "account_balance": "1"
    }))
    .unwrap_err();
    assert_eq!(e.fields()[0].path, "contribution_months", "{e}");
}
