//! Issue 16, items 3, 4 and 7: one strict decimal grammar, duplicate JSON
//! keys refused, domain ranges as data (inputs and rule values), every
//! problem of an input in one bounded error. Each case asserts the exact
//! error code and field path (or rule key).
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::api::{Engine, Kind};
use pension_rules::population::Population;
use pension_rules::rules::{DiagnosticCode, RuleSet};
use pension_rules::{Error, json_text};
use serde_json::{Value, json};

fn engine(id: &str) -> Engine {
    Engine::embedded(id).unwrap()
}

/// The computation's error, which must be `invalid_input`, and its paths.
fn refused(id: &str, kind: Kind, input: &Value) -> Vec<String> {
    let e = engine(id)
        .compute(kind, input, false)
        .expect_err("must be refused");
    assert_eq!(e.code(), "invalid_input", "{e}");
    e.fields().iter().map(|f| f.path.clone()).collect()
}

fn award() -> Value {
    // derived-award-2 (docs/sources.md §9.2 worked example 11): 4510.45.
    json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
           "contribution_months": 360, "deemed_months": 120,
           "average_index": "0.8", "account_balance": "120000"})
}

fn with(mut v: Value, key: &str, x: Value) -> Value {
    v[key] = x;
    v
}

// ---- item 3: the decimal grammar -------------------------------------------------

#[test]
fn the_issue_decimal_strings_are_refused_in_json_inputs() {
    for bad in [
        "1_0", "1_000", "+3000", "3000.", "8e-1", ".5", " 3000", "3000 ",
    ] {
        let input = json!({"month": "2024-03", "wage": bad, "employment": "employee"});
        assert_eq!(
            refused("cn/shaanxi", Kind::Contribution, &input),
            ["wage"],
            "{bad:?}"
        );
        assert_eq!(
            refused(
                "cn/shaanxi",
                Kind::Award,
                &with(award(), "average_index", json!(bad))
            ),
            ["average_index"],
            "{bad:?}"
        );
    }
    // The message says what is expected.
    let e = engine("cn/shaanxi")
        .compute(
            Kind::Contribution,
            &json!({"month": "2024-03", "wage": "1_0", "employment": "employee"}),
            false,
        )
        .unwrap_err();
    assert!(
        e.fields()[0]
            .message
            .contains("expected a decimal like 3000.50"),
        "{e}"
    );
    // The plain forms still compute, with their figures.
    let a = engine("cn/shaanxi")
        .compute(Kind::Award, &award(), false)
        .unwrap();
    assert_eq!(a["total"], "4510.45");
}

#[test]
fn nested_and_projection_decimals_follow_the_grammar() {
    let p = json!({"category": "male", "birth": "1964-12", "from": "2024-01",
        "contribution_months": 348, "average_index": "0.8", "deemed_months": 120,
        "account_balance": "100000", "index": "1.0",
        "assumptions": {"average_wage_growth": "5e-2", "pension_base_growth": "0.03",
                        "interest_rate": "0.025"}});
    assert_eq!(
        refused("cn/shaanxi", Kind::Projection, &p),
        ["assumptions.average_wage_growth"]
    );
    let t = json!({"hukou_region": "610000", "birth": "1980-05", "category": "male",
        "retirement_month": "2040-05", "history": [
            {"from": "2020-01", "to": "2021-12", "base": "6_000", "region": "440300"},
            {"from": "2022-01", "to": "2040-04", "base": "6000", "region": "610100"}]});
    assert_eq!(
        refused("cn/national", Kind::Transfer, &t),
        ["history[0].base"]
    );
}

#[test]
fn population_csv_cells_follow_the_grammar() {
    let csv = "id,birth,category,first_contribution,index\n\
               a,1990-03,male,2012-07,1.0\n\
               b,1990-03,male,2012-07,1_0\n\
               c,1990-03,male,2012-07,+1.0\n\
               d,1990-03,male,2012-07,8e-1\n";
    let p = Population::read_csv(csv.as_bytes()).unwrap();
    assert!(p.rows[0].is_ok());
    for r in &p.rows[1..] {
        let e = r.as_ref().unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(
            e.to_string().contains("expected a decimal like 3000.50"),
            "{e}"
        );
    }
    // Columns (a DataFrame's text) read the same way.
    let col = |v: &[&str]| v.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
    let cols = [
        ("id", col(&["a", "b"])),
        ("birth", col(&["1990-03", "1990-03"])),
        ("category", col(&["male", "male"])),
        ("first_contribution", col(&["2012-07", "2012-07"])),
        ("index", col(&["1.0", "1_0"])),
    ];
    let p = Population::from_columns(&cols, 2).unwrap();
    assert!(p.rows[0].is_ok());
    let e = p.rows[1].as_ref().unwrap_err();
    assert_eq!(e.fields()[0].path, "row 2.index");
}

#[test]
fn payroll_rows_follow_the_grammar() {
    let input = json!({"month": "2024-03", "rows": [
        {"employee_id": "E1", "wage": "3000", "employment": "employee"},
        {"employee_id": "E2", "wage": "1_000", "employment": "employee"}]});
    let r = engine("cn/shaanxi")
        .compute(Kind::Payroll, &input, false)
        .unwrap();
    let rows = r["rows"].as_array().unwrap();
    assert!(rows[0].get("base").is_some(), "{}", rows[0]);
    assert_eq!(
        rows[1]["error"]["fields"][0]["path"], "row 2.wage",
        "{}",
        rows[1]
    );
}

#[test]
fn duplicate_json_keys_are_refused_with_their_path() {
    let e = json_text::from_str(r#"{"month": "2024-03", "wage": "3000", "wage": "30000"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("duplicate key \"wage\" at wage"), "{e}");
    let e = json_text::from_str(r#"{"input": {"history": [{"base": "1", "base": "2"}]}}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("at input.history[0].base"), "{e}");
    // `check` reads case files through it.
    let text = r#"[{"id": "x", "kind": "retirement", "ruleset": "cn/national",
        "input": {"birth": "1976-02", "birth": "1980-02", "category": "male"},
        "expect": {"retirement_month": "2038-12"}}]"#;
    let e = engine("cn/national").check(text).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("duplicate key"), "{e}");
}

#[test]
fn rule_files_follow_the_grammar() {
    for bad in ["1_0", "+0.01", "1e-2", "0.01 ", ".01"] {
        let text = format!(
            "[overlay]\nid = \"t\"\n[award.basic_rate_per_year]\n[[award.basic_rate_per_year.values]]\n\
             from = 2030-01-01\nvalue = \"{bad}\"\nsource = \"test\"\n"
        );
        let e = RuleSet::embedded("cn/shaanxi")
            .unwrap()
            .with_overlay("t", &text)
            .unwrap_err();
        assert_eq!(
            e.diagnostics[0].key, "award.basic_rate_per_year.values[0].value",
            "{bad}: {e}"
        );
        assert_eq!(e.diagnostics[0].code, DiagnosticCode::WrongType, "{bad}");
    }
}

// ---- item 4: ranges as data --------------------------------------------------------

#[test]
fn indices_above_the_cap_are_refused() {
    // An average index of 10 gave a 28,680.51 yuan pension.
    assert_eq!(
        refused(
            "cn/shaanxi",
            Kind::Award,
            &with(award(), "average_index", json!("10"))
        ),
        ["average_index"]
    );
    assert_eq!(
        refused(
            "cn/shaanxi",
            Kind::Award,
            &with(award(), "average_index", json!("3.0001"))
        ),
        ["average_index"]
    );
    // At the cap it computes.
    assert!(
        engine("cn/shaanxi")
            .compute(
                Kind::Award,
                &with(award(), "average_index", json!("3")),
                false
            )
            .is_ok()
    );
    // A projection with index 50 (and below the floor).
    let p = |index: &str| {
        json!({"category": "male", "birth": "1990-03", "from": "2024-01",
               "index": index, "assumptions": {"average_wage_growth": "0.04",
               "pension_base_growth": "0.03", "interest_rate": "0.025"}})
    };
    assert_eq!(refused("cn/shaanxi", Kind::Projection, &p("50")), ["index"]);
    assert_eq!(
        refused("cn/shaanxi", Kind::Projection, &p("0.3")),
        ["index"]
    );
    assert!(
        engine("cn/shaanxi")
            .compute(Kind::Projection, &p("3"), false)
            .is_ok()
    );
}

#[test]
fn a_population_index_of_50_is_an_error_row() {
    use pension_rules::population::{Options, simulate, synthetic};
    let csv = "id,birth,category,first_contribution,index\n\
               a,1990-03,male,2012-07,1.0\n\
               b,1990-03,male,2012-07,50\n";
    let pop = Population::read_csv(csv.as_bytes()).unwrap();
    let snaps = [RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .at("2026-01-01".parse().unwrap())];
    let mut errors = vec![];
    simulate(
        &pop,
        &snaps,
        &synthetic::Config::shaanxi_assumptions(),
        &Options::default(),
        |_, block| {
            for r in &block[0] {
                if let Err(e) = r {
                    errors.push((e.code(), e.fields()[0].path.clone()));
                }
            }
        },
    )
    .unwrap();
    assert_eq!(errors, [("invalid_input", "index".to_string())]);
}

#[test]
fn projection_assumptions_are_bounded() {
    let p = |g: &str| {
        json!({"category": "male", "birth": "1990-03", "from": "2024-01", "index": "1",
               "assumptions": {"average_wage_growth": "0.04", "wage_growth": g,
               "pension_base_growth": "0.03", "interest_rate": "0.025"}})
    };
    assert_eq!(
        refused("cn/shaanxi", Kind::Projection, &p("1000")),
        ["assumptions.wage_growth"]
    );
    assert_eq!(
        refused("cn/shaanxi", Kind::Projection, &p("-0.6")),
        ["assumptions.wage_growth"]
    );
    assert!(
        engine("cn/shaanxi")
            .compute(Kind::Projection, &p("0.05"), false)
            .is_ok()
    );
}

#[test]
fn years_outside_1900_2200_are_refused_everywhere() {
    assert_eq!(
        refused(
            "cn/national",
            Kind::Retirement,
            &json!({"birth": "2201-01", "category": "male"})
        ),
        ["birth"]
    );
    assert_eq!(
        refused(
            "cn/shaanxi",
            Kind::Adjustment,
            &json!({"year": 2024, "pension": "3000", "contribution_months": 420,
                    "birth": "1850-05", "retirement_month": "2004-05"})
        ),
        ["birth"]
    );
    assert_eq!(
        refused(
            "cn/shaanxi",
            Kind::Award,
            &with(award(), "retirement_month", json!("2201-01"))
        ),
        ["retirement_month"]
    );
}

#[test]
fn region_codes_are_gb_t_2260() {
    let t = |code: &str| {
        json!({"hukou_region": "610000", "birth": "1980-05", "category": "male",
            "retirement_month": "2040-05", "history": [
                {"from": "2020-01", "to": "2021-12", "base": "6000", "region": code},
                {"from": "2022-01", "to": "2040-04", "base": "6000", "region": "610100"}],
            "account_transfers": []})
    };
    for code in ["000000", "990000", "610001"] {
        assert_eq!(
            refused("cn/national", Kind::Transfer, &t(code)),
            ["history[0].region"],
            "{code}"
        );
    }
    assert_eq!(
        refused(
            "cn/shaanxi",
            Kind::Award,
            &with(award(), "region", json!("000000"))
        ),
        ["region"]
    );
}

#[test]
fn balances_and_months_are_bounded_by_a_lifetime() {
    assert_eq!(
        refused(
            "cn/shaanxi",
            Kind::Award,
            &with(
                award(),
                "account_balance",
                json!("79000000000000000000000000000")
            )
        ),
        ["account_balance"]
    );
    assert_eq!(
        refused(
            "cn/shaanxi",
            Kind::Award,
            &with(award(), "contribution_months", json!(4_294_967_295u32))
        ),
        ["contribution_months"]
    );
    // Both at once, with an index above the cap: one error, every field.
    let mut bad = with(
        award(),
        "account_balance",
        json!("79000000000000000000000000000"),
    );
    bad["contribution_months"] = json!(4_294_967_295u32);
    bad["average_index"] = json!("10");
    let mut paths = refused("cn/shaanxi", Kind::Award, &bad);
    paths.sort();
    assert_eq!(
        paths,
        ["account_balance", "average_index", "contribution_months"]
    );
}

/// An overlay setting `param` (a dated or yearly entry) to `value`.
fn overlay(param: &str, entry: &str) -> Result<RuleSet, pension_rules::rules::LoadError> {
    let text = format!(
        "[overlay]\nid = \"t\"\n[{param}]\n[[{param}.values]]\n{entry}\nsource = \"test\"\n"
    );
    RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .with_overlay("t", &text)
}

#[test]
fn overlay_values_are_checked_against_their_declared_ranges() {
    for (param, entry, key) in [
        (
            "award.basic_rate_per_year",
            "from = 2030-01-01\nvalue = \"0\"",
            "award.basic_rate_per_year.values[0].value",
        ),
        (
            "award.pension_base",
            "year = 2030\nvalue = \"0\"",
            "award.pension_base.values[0].value",
        ),
        (
            "award.average_wage",
            "year = 2030\nvalue = \"0\"",
            "award.average_wage.values[0].value",
        ),
        (
            "contribution.reference_wage",
            "year = 2030\nvalue = \"0\"",
            "contribution.reference_wage.values[0].value",
        ),
        (
            "award.transitional_coefficient",
            "from = 2030-01-01\nvalue = \"0.9\"",
            "award.transitional_coefficient.values[0].value",
        ),
    ] {
        let e = overlay(param, entry).unwrap_err();
        assert_eq!(e.diagnostics[0].code, DiagnosticCode::OutOfRange, "{e}");
        assert_eq!(e.diagnostics[0].key, key, "{e}");
        assert_eq!(&*e.diagnostics[0].file, "t");
        // As an engine error: a load error, not a per-row input error.
        assert_eq!(Error::from(e).code(), "rules_invalid");
    }
    // A value dated 1800.
    let e = overlay(
        "award.basic_rate_per_year",
        "from = 1800-01-01\nvalue = \"0.01\"",
    )
    .unwrap_err();
    assert_eq!(e.diagnostics[0].code, DiagnosticCode::OutOfRange, "{e}");
    assert_eq!(
        e.diagnostics[0].key,
        "award.basic_rate_per_year.values[0].from"
    );
}

#[test]
fn annuity_divisors_of_0_08_or_10_27_are_refused() {
    for bad in ["0.08", "1000000000000000000000000000"] {
        let text = format!(
            "[overlay]\nid = \"t\"\n[award.annuity_divisor]\n[[award.annuity_divisor.versions]]\n\
             from = 2030-01-01\nsource = \"test\"\n[award.annuity_divisor.versions.rows]\n60 = \"{bad}\"\n"
        );
        let e = RuleSet::embedded("cn/national")
            .unwrap()
            .with_overlay("t", &text)
            .unwrap_err();
        assert!(
            e.diagnostics
                .iter()
                .any(|d| d.code == DiagnosticCode::OutOfRange
                    && d.key == "award.annuity_divisor.versions[0].rows.60"),
            "{bad}: {e}"
        );
    }
}

// ---- item 7: one bounded error -----------------------------------------------------

#[test]
fn echoed_values_are_cut() {
    let huge = "r".repeat(10_000_000);
    let e = engine("cn/national")
        .compute(
            Kind::Retirement,
            &json!({"birth": "1976-02", "category": huge}),
            false,
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let r = e.report();
    assert_eq!(r.fields[0].path, "category");
    assert!(r.message.len() < 2_000, "{}", r.message.len());
    assert!(r.fields[0].message.contains('…'), "{}", r.fields[0].message);
}

#[test]
fn long_lists_end_with_and_n_more() {
    // 2000 one-month spans, each overlapping the first.
    let mut history = vec![json!({"from": "1990-01", "to": "2020-12", "base": "5000"})];
    for _ in 0..2000 {
        history.push(json!({"from": "2000-01", "to": "2000-01", "base": "5000"}));
    }
    let input = json!({"category": "male", "birth": "1964-06",
        "retirement_month": "2024-06", "history": history});
    let e = engine("cn/shaanxi")
        .compute(Kind::Award, &input, false)
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let r = e.report();
    assert_eq!(r.fields.len(), pension_rules::error::LIST_CAP + 1);
    let last = r.fields.last().unwrap();
    assert_eq!(last.path, "input");
    assert_eq!(last.message, "and 1980 more problems");
    assert!(r.message.len() < 5_000, "{}", r.message.len());
}

#[test]
fn type_and_range_errors_are_reported_together() {
    // An unreadable balance, an opening year of 99999, a through year of
    // 1850 and credits that are no list: one error, every field.
    let input = json!({"opening_balance": "1_0", "opening_year": 99999, "through_year": 1850,
                       "credits": "x"});
    let mut paths = refused("cn/national", Kind::Account, &input);
    paths.sort();
    assert_eq!(
        paths,
        ["credits", "opening_balance", "opening_year", "through_year"]
    );
    // The order of two years is checked once both read.
    let input = json!({"opening_balance": "10", "opening_year": 2020, "through_year": 2019});
    assert_eq!(
        refused("cn/national", Kind::Account, &input),
        ["through_year"]
    );
}

#[test]
fn a_missing_rule_year_does_not_hide_a_negative_wage() {
    // 2150 has no rule values; the negative wage is reported all the same.
    let input = json!({"month": "2150-03", "wage": "-1", "employment": "employee"});
    let e = engine("cn/shaanxi")
        .compute(Kind::Contribution, &input, false)
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input", "{e}");
    assert_eq!(e.fields()[0].path, "wage");
}

#[test]
fn a_deemed_index_above_the_cap_is_refused() {
    let input = json!({"category": "male", "birth": "1965-06", "retirement_month": "2025-08",
        "history": [{"from": "1985-07", "to": "1992-12", "kind": "deemed", "index": "50"},
                    {"from": "1993-01", "to": "2025-07", "base": "3000", "region": "610100"}]});
    assert_eq!(
        refused("cn/shaanxi", Kind::Award, &input),
        ["history[0].index"]
    );
}
