//! Local extras (地方增发), person attributes, the total rule and the choice
//! of rule set by region (参保地), on the test city layer under
//! `tests/fixtures/regions` (not real rules: real city layers live in
//! `rules/`).
//!
//! Base case, derived-award-2 (docs/sources.md §9.2 worked example 11), cn/shaanxi:
//! C 7727, Ī 0.8, N 40, S 10, B 120000, M 139 → 2781.72 + 863.31 + 865.42 = 4510.45.

use std::path::Path;

use pension_rules::api::Engine;
use pension_rules::rules::{Catalog, RuleSet, diff::diff};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn catalog() -> Catalog {
    Catalog::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regions"))
        .expect("fixture rules load")
}

fn shaanxi() -> Engine {
    Engine::load("cn/shaanxi", Some(catalog())).expect("engine")
}

fn input(extra: Value) -> Value {
    let mut v = json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
        "contribution_months": 360, "deemed_months": 120,
        "average_index": "0.8", "account_balance": "120000"});
    if let (Some(m), Value::Object(e)) = (v.as_object_mut(), extra) {
        m.extend(e);
    }
    v
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

#[test]
fn a_county_code_picks_its_city_layer_and_its_extras() {
    let e = shaanxi();
    let a = e
        .award_result(
            &input(json!({"region": "610113", "attributes": {"only_child": true, "area": "a"}})),
            true,
        )
        .expect("award");
    assert_eq!(a.trace.rules.id, "cn/shaanxi/xian");
    let region = a
        .trace
        .steps
        .iter()
        .find(|s| s.name == "region")
        .expect("region step");
    assert_eq!(region.value, "cn/shaanxi/xian");
    assert!(region.formula.contains("610100"), "{}", region.formula);
    // heating: flat 30, not in the total; only_child_bonus: 5 % × 4510.45
    // = 225.5225 → 225.52; remote_area: area "a" ≠ "b" → none.
    let lines: Vec<(&str, Decimal, bool)> = a
        .extras
        .iter()
        .map(|x| (x.name.as_str(), x.amount, x.in_total))
        .collect();
    assert_eq!(
        lines,
        [
            ("heating", d("30.00"), false),
            ("only_child_bonus", d("225.52"), true)
        ]
    );
    assert_eq!(a.local_extras, d("255.52"));
    assert_eq!(a.total, d("4735.97")); // 4510.45 + 225.52
    assert_eq!(a.unrounded.local_extras, d("255.5225"));
    // One step per extra, each with its parameter and source.
    let steps: Vec<_> = a
        .trace
        .steps
        .iter()
        .filter(|s| s.name == "local_extra")
        .collect();
    assert_eq!(steps.len(), 3);
    assert!(
        steps
            .iter()
            .all(|s| s.params[0].param.starts_with("award.extras.")
                && s.params[0].provenance.source.contains("test fixture"))
    );
    // The 核定表 and the explanation show them.
    let opts = Default::default();
    let input = input(json!({"region": "610113", "attributes": {"only_child": true, "area": "a"}}));
    let table = e
        .award_text(
            &input,
            &opts,
            pension_rules::api::award_view::TextFormat::Table,
        )
        .expect("table");
    assert!(
        table.contains("独生子女父母加发") && table.contains("225.52"),
        "{table}"
    );
    assert!(
        table.contains("地方增发合计") && table.contains("255.52"),
        "{table}"
    );
    let zh = e
        .award_text(
            &input,
            &opts,
            pension_rules::api::award_view::TextFormat::Zh,
        )
        .expect("zh");
    assert!(
        zh.contains("2781.72 + 863.31 + 865.42 + 225.52 = 4735.97"),
        "{zh}"
    );
}

#[test]
fn per_year_extra_with_conditions_on_text_attribute_and_months() {
    // area b, 120 deemed months ≥ 60: 2 × floor(480/12) + 10 = 90, in the
    // total; heating 30 outside; only_child false → no bonus.
    let a = shaanxi()
        .award_result(
            &input(json!({"region": "610100", "attributes": {"only_child": false, "area": "b"}})),
            false,
        )
        .expect("award");
    assert_eq!(a.local_extras, d("120.00"));
    assert_eq!(a.total, d("4600.45"));
    let f = a.figures();
    assert_eq!(f["local_extras"], "120.00");
}

#[test]
fn attributes_are_checked_against_the_declared_ones() {
    let e = shaanxi();
    // An extra needs only_child, which the input lacks.
    let err = e
        .award_result(
            &input(json!({"region": "610100", "attributes": {"area": "a"}})),
            false,
        )
        .expect_err("missing attribute");
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(err.fields()[0].path, "attributes.only_child");
    assert!(
        err.fields()[0]
            .message
            .contains("award.extras.only_child_bonus")
    );
    // An attribute no layer declares, and a text outside `allowed`: both.
    let err = e
        .award_result(
            &input(json!({"region": "610100",
                "attributes": {"only_child": true, "area": "c", "veteran": true}})),
            false,
        )
        .expect_err("undeclared attribute");
    let paths: Vec<_> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["attributes.area", "attributes.veteran"]);
    assert!(
        err.fields()[1]
            .message
            .contains("declared: area, only_child"),
        "{err}"
    );
    // The province declares none.
    let err = e
        .award_result(&input(json!({"attributes": {"only_child": true}})), false)
        .expect_err("province declares no attribute");
    assert!(err.fields()[0].message.contains("declared: none"), "{err}");
}

#[test]
fn region_falls_back_from_county_to_city_to_province_and_refuses_outside() {
    let e = shaanxi();
    let id = |region: &str| {
        e.award_result(
            &input(json!({"region": region, "attributes": {"only_child": false, "area": "a"}})),
            false,
        )
        .map(|a| a.trace.rules.id.clone())
    };
    assert_eq!(id("610113").expect("county"), "cn/shaanxi/xian");
    assert_eq!(id("610100").expect("city"), "cn/shaanxi/xian");
    // 铜川 has no layer: the province, whose total has no extras.
    let a = e
        .award_result(&input(json!({"region": "610200"})), true)
        .expect("province");
    assert_eq!(
        (a.trace.rules.id.as_str(), a.total),
        ("cn/shaanxi", d("4510.45"))
    );
    assert_eq!(a.local_extras, Decimal::ZERO);
    assert!(a.extras.is_empty());
    // Under a set that does not extend cn/shaanxi, and under no set.
    for code in ["620100", "110000"] {
        let err = e
            .award_result(&input(json!({"region": code})), false)
            .expect_err("outside");
        assert_eq!(
            (err.code(), err.fields()[0].path.as_str()),
            ("invalid_input", "region")
        );
        assert!(
            err.to_string().contains("outside rule set `cn/shaanxi`"),
            "{err}"
        );
    }
    for bad in ["61011", "6101130", "610013", "990000", "abcdef"] {
        let err = e
            .award_result(&input(json!({"region": bad})), false)
            .expect_err("invalid code");
        assert_eq!(err.fields()[0].path, "region", "{bad}");
    }
    // The conformance runner goes the same way.
    let case = json!([{"id": "xian", "kind": "award", "ruleset": "cn/shaanxi",
        "input": input(json!({"region": "610113", "attributes": {"only_child": true, "area": "a"}})),
        "expect": {"local_extras": "255.52", "total": "4735.97"}}]);
    let r = e.check(&case.to_string()).expect("check");
    assert!(r.ok(false), "{r:?}");
}

#[test]
fn rule_sets_are_reachable_by_their_region_code() {
    assert_eq!(
        Engine::load("610000", None).expect("province").rules().id(),
        "cn/shaanxi"
    );
    let city = Engine::load("610100", Some(catalog())).expect("city");
    assert_eq!(city.rules().id(), "cn/shaanxi/xian");
    assert!(Engine::load("999999", None).is_err());
}

const EXTRA_OVERLAY: &str = r#"
[overlay]
id = "test/extras"

[award.total_rule]
[[award.total_rule.values]]
from = 2000-01-01
value = "rounded_sum"
source = "test"

[award.extras.tiny]
[[award.extras.tiny.values]]
from = 2000-01-01
title = "测试 tiny"
kind = "flat"
amount = "0.004"
source = "test"
"#;

#[test]
fn the_total_rule_rounds_the_exact_sum_once() {
    // Exact parts: 2781.72 + 120000/139 (863.309352…) + 865.424 + 0.004
    // = 4510.457352… → 4510.46 rounded once; the rounded parts give
    // 2781.72 + 863.31 + 865.42 + 0.00 = 4510.45.
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let rounded_sum = Engine::from_rules(base.with_overlay("t", EXTRA_OVERLAY).expect("overlay"));
    let a = rounded_sum
        .award_result(&input(json!({})), true)
        .expect("award");
    assert_eq!((a.local_extras, a.total), (d("0.00"), d("4510.46")));
    let sum_of_rounded = EXTRA_OVERLAY.replace("\"rounded_sum\"", "\"sum_of_rounded\"");
    let b = Engine::from_rules(base.with_overlay("t", &sum_of_rounded).expect("overlay"))
        .award_result(&input(json!({})), false)
        .expect("award");
    assert_eq!(b.total, d("4510.45"));
    // rounding.total to 0.1 yuan, rounding up (Zhejiang-type): 4510.457… → 4510.5.
    let to_jiao = format!(
        "{EXTRA_OVERLAY}\n[rounding.total]\n[[rounding.total.values]]\nfrom = 2000-01-01\nscale = 1\nmode = \"up\"\nsource = \"test\"\n"
    );
    let c = Engine::from_rules(base.with_overlay("t", &to_jiao).expect("overlay"))
        .award_result(&input(json!({})), false)
        .expect("award");
    assert_eq!(c.total, d("4510.5"));
}

#[test]
fn extras_enter_the_hash_show_and_diff() {
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let a = base.with_overlay("t", EXTRA_OVERLAY).expect("overlay");
    let b = base
        .with_overlay("t", &EXTRA_OVERLAY.replace("0.004", "0.005"))
        .expect("overlay");
    assert_ne!(a.hash(), b.hash());
    let d = diff(&a, &b);
    assert_eq!(d.params.len(), 1);
    assert_eq!(d.params[0].name, "award.extras.tiny");
    let show = Engine::from_rules(a).show("2024-06-01".parse().expect("date"), None);
    let tiny = show
        .params
        .iter()
        .find(|p| p.name == "award.extras.tiny")
        .expect("shown");
    assert_eq!(tiny.values[0].value, "测试 tiny: flat 0.004");
}

#[test]
fn every_problem_of_an_extra_is_reported_with_its_path_and_line() {
    let text = r#"[overlay]
id = "bad"

[award.extras.a]
[[award.extras.a.values]]
from = 2020-01-01
kind = "flat_rate"
source = "s"

[award.extras.b]
[[award.extras.b.values]]
from = 2020-01-01
title = "b"
kind = "flat"
amount = 30.5
rate = "0.1"
source = "s"

[award.extras.c]
[[award.extras.c.values]]
from = 2020-01-01
title = "c"
kind = "pct_of_indexed_wage"
rate = "0.001"
bands = [{ above_years = 30, rate = "0.002" }, { above_years = 20, rate = "0.003" }]
when = { veteran = true, min_deemed_months = -1 }
source = "s"

[award.extras.Bad_Name]
[[award.extras.Bad_Name.values]]
from = 2020-01-01
title = "x"
kind = "flat"
amount = "1"
source = "s"

[award.attributes.area]
[[award.attributes.area.values]]
from = 2020-01-01
title = "area"
type = "text"
source = "s"

[award.extras.d]
[[award.extras.d.values]]
from = 2020-01-01
title = "d"
kind = "pct_of_pension"
rate = "0.01"
of = ["basic", "pension"]
source = "s"
"#;
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let err = base.with_overlay("bad.toml", text).expect_err("invalid");
    let got: Vec<(String, u32, String)> = err
        .diagnostics
        .iter()
        .map(|d| (d.key.clone(), d.line, format!("{:?}", d.code)))
        .collect();
    let want = [
        ("award.extras.a.values[0].title", 5, "MissingField"),
        ("award.extras.a.values[0].kind", 7, "UnknownVariant"),
        ("award.extras.b.values[0].rate", 16, "UnknownKey"),
        ("award.extras.b.values[0].amount", 15, "FloatValue"),
        (
            "award.extras.c.values[0].bands[1].above_years",
            25,
            "Unsorted",
        ),
        (
            "award.extras.c.values[0].when.min_deemed_months",
            26,
            "OutOfRange",
        ),
        ("award.extras.Bad_Name", 29, "UnknownKey"),
        (
            "award.attributes.area.values[0].allowed",
            38,
            "MissingField",
        ),
        ("award.extras.d.values[0].of[1]", 50, "UnknownVariant"),
    ];
    for (key, line, code) in want {
        assert!(
            got.iter()
                .any(|(k, l, c)| k == key && *l == line && c == code),
            "{key} at line {line} ({code}) not in {got:#?}"
        );
    }
    // An extra's `when` naming an undeclared attribute is a load error.
    let undeclared = r#"[overlay]
id = "u"
[award.extras.e]
[[award.extras.e.values]]
from = 2020-01-01
title = "e"
kind = "flat"
amount = "1"
when = { veteran = true }
source = "s"
"#;
    let err = base
        .with_overlay("u.toml", undeclared)
        .expect_err("undeclared");
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    let d = &err.diagnostics[0];
    assert_eq!(d.key, "award.extras.e.values[0].when.veteran");
    assert_eq!((d.file.as_ref(), d.line), ("u.toml", 4));
    assert!(d.message.contains("no layer declares"), "{}", d.message);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Under sum_of_rounded the total is the sum of the rounded components
    /// and the extras in the total; local_extras is the sum of every line.
    #[test]
    fn total_is_the_sum_of_the_rounded_parts(
        index in 3000i64..30000,
        actual in 180u32..420,
        deemed in 0u32..120,
        balance in 0i64..40_000_000,
        only_child in any::<bool>(),
        area_b in any::<bool>(),
    ) {
        let e = shaanxi();
        let i = json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
            "contribution_months": actual, "deemed_months": deemed,
            "average_index": Decimal::new(index, 4).to_string(),
            "account_balance": Decimal::new(balance, 2).to_string(),
            "region": "610113",
            "attributes": {"only_child": only_child, "area": if area_b { "b" } else { "a" }}});
        let a = e.award_result(&i, false).expect("award");
        let in_total: Decimal = a.extras.iter().filter(|x| x.in_total).map(|x| x.amount).sum();
        let all: Decimal = a.extras.iter().map(|x| x.amount).sum();
        prop_assert_eq!(a.total, a.basic_pension + a.account_pension + a.transitional_pension + in_total);
        prop_assert_eq!(a.local_extras, all);
        prop_assert!(a.extras.iter().any(|x| x.name == "heating"));
        prop_assert_eq!(a.extras.iter().any(|x| x.name == "only_child_bonus"), only_child);
        prop_assert_eq!(a.extras.iter().any(|x| x.name == "remote_area"), area_b && deemed >= 60);
    }
}
