//! The life table the plan's lifetime value rests on (`life.qx_male` /
//! `life.qx_female`, 保监发〔2005〕117号 CL3 / CL4 养老金业务表): the
//! transcription against what the notice states, and the plan's life
//! expectancy and lifetime value against a whole-year computation made here
//! independently of the engine's month-by-month one.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use pension_rules::api::{Engine, Kind};
use pension_rules::rules::RuleSet;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// The qx rows of a table in force in 2026.
fn qx(name: &str) -> BTreeMap<i64, Decimal> {
    let snap = RuleSet::embedded("cn/national")
        .unwrap()
        .at("2026-01-01".parse().unwrap());
    let t = match name {
        "male" => snap.life.qx_male.current().unwrap(),
        _ => snap.life.qx_female.current().unwrap(),
    };
    t.value.rows().clone()
}

/// The complete expectation of life at whole age `x`, in years, with
/// deaths spread evenly within each year: ½ + Σ_{t≥1} ₜpₓ.
fn expectancy_years(q: &BTreeMap<i64, Decimal>, x: i64) -> Decimal {
    let mut p = Decimal::ONE;
    let mut sum = Decimal::new(5, 1);
    for a in x..=105 {
        p *= Decimal::ONE - q[&a];
        sum += p;
    }
    sum
}

fn round(x: Decimal, dp: u32) -> Decimal {
    x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn the_tables_are_whole_and_agree_with_the_notice() {
    for (sex, e0, q0, q60) in [
        ("male", "79.7", "0.000627", "0.006989"),
        ("female", "83.7", "0.000575", "0.004272"),
    ] {
        let q = qx(sex);
        // Every age 0–105, q105 = 1 ends the table.
        assert_eq!(
            q.keys().copied().collect::<Vec<_>>(),
            (0..=105).collect::<Vec<_>>()
        );
        assert_eq!(q[&105], Decimal::ONE);
        // From 30 on each rate rises with age.
        assert!((30..105).all(|a| q[&a] < q[&(a + 1)]), "{sex}");
        // Two values read in the notice's annex (m.110.com/fagui/62607.html).
        assert_eq!(q[&0], q0.parse::<Decimal>().unwrap());
        assert_eq!(q[&60], q60.parse::<Decimal>().unwrap());
        // The release states 养老金业务表零岁余命 男 79.7岁, 女 83.7岁.
        assert_eq!(round(expectancy_years(&q, 0), 1).to_string(), e0, "{sex}");
    }
}

fn engine() -> Engine {
    Engine::embedded("cn/shaanxi").unwrap()
}

fn assumptions() -> Value {
    json!({"average_wage_growth": "0.05", "pension_base_growth": "0.03", "interest_rate": "0.025"})
}

/// The vector's man (tests/vectors/plan.json) at 60y0m in 2024-12.
fn man() -> Value {
    json!({"category": "male", "birth": "1964-12", "from": "2024-01", "contribution_months": 348,
           "average_index": "0.8", "deemed_months": 120, "account_balance": "100000",
           "index": "1.0"})
}

#[test]
fn life_expectancy_at_a_whole_age_is_the_whole_year_formula() {
    let e = engine();
    let plan = e
        .compute(
            Kind::Plan,
            &json!({"person": man(), "assumptions": assumptions(),
                    "retirement_months": ["2024-12"]}),
            true,
        )
        .unwrap();
    let s = &plan["scenarios"][0];
    assert_eq!(s["age"], "60y0m");
    // ½ + Σ ₜp₆₀ = 22.70… years; × 12 = 272.4 months (the 计发月数 is 139).
    let years = expectancy_years(&qx("male"), 60);
    assert_eq!(round(years, 3).to_string(), "22.701");
    assert_eq!(
        d(&s["life_expectancy_months"]),
        round(years * Decimal::from(12), 1)
    );
    assert_eq!(s["divisor"], "139");
    // Undiscounted, no growth: the pension × the expected payments, which
    // are the expectancy + ½ (unrounded: 12 × years + ½).
    let payments = years * Decimal::from(12) + Decimal::new(5, 1);
    assert_eq!(d(&s["lifetime_value"]), round(d(&s["total"]) * payments, 2));
    // Each new figure is traced with the table's source.
    let steps = s["trace"]["steps"].as_array().unwrap();
    for id in ["plan_life_expectancy", "plan_lifetime_value"] {
        let step = steps.iter().find(|x| x["name"] == id).unwrap();
        let text = step.to_string();
        assert!(text.contains("life.qx_male"), "{id}: {text}");
        assert!(text.contains("保监发〔2005〕117号"), "{id}: {text}");
    }
    // The stated assumption names the table and the method.
    let statements = plan["assumptions"]["statements"].to_string();
    assert!(statements.contains("CL3(2000-2003)"), "{statements}");
    assert!(statements.contains("deaths spread evenly"), "{statements}");
}

#[test]
fn women_use_the_womens_table() {
    let e = engine();
    // A woman (55 originally) born 1970-01 with 30 years paid, retiring at 58y0m.
    let person = json!({"category": "female_55", "birth": "1970-01", "from": "2026-01",
        "contribution_months": 360, "average_index": "1.0", "account_balance": "90000",
        "index": "1.0"});
    let plan = e
        .compute(
            Kind::Plan,
            &json!({"person": person, "assumptions": assumptions(),
                    "retirement_months": ["2028-01"]}),
            false,
        )
        .unwrap();
    let s = &plan["scenarios"][0];
    assert_eq!(s["age"], "58y0m");
    let years = expectancy_years(&qx("female"), 58);
    assert_eq!(
        d(&s["life_expectancy_months"]),
        round(years * Decimal::from(12), 1)
    );
    assert_ne!(
        d(&s["life_expectancy_months"]),
        round(expectancy_years(&qx("male"), 58) * Decimal::from(12), 1)
    );
}

/// The vector's man under an overlay replacing `life.qx_male` by one version
/// (a later version would carry the rows of the one before it).
fn with_overlay(version: &str) -> Result<Value, pension_rules::Error> {
    let overlay = format!(
        "[overlay]\nid = \"test/life\"\nbase = \"cn/shaanxi\"\n\n[life.qx_male]\nmode = \"replace\"\n\n[[life.qx_male.versions]]\n{version}"
    );
    engine().with_overlay_toml("test", &overlay)?.compute(
        Kind::Plan,
        &json!({"person": man(), "assumptions": assumptions(), "retirement_months": ["2024-12"],
                "discount_rate": "0.03"}),
        true,
    )
}

#[test]
fn without_a_table_in_force_the_divisor_basis_is_used_and_said() {
    // A table version that ended before the retirement month.
    let plan = with_overlay(
        "from = 2020-01-01\nuntil = 2020-12-31\nsource = \"test\"\nrows = { 60 = \"0.01\" }\n",
    )
    .unwrap();
    let s = &plan["scenarios"][0];
    assert!(s.get("life_expectancy_months").is_none());
    // The former basis: 4442.79 × (12 + 12/1.03 + … + 12/1.03^10 + 7/1.03^11)
    // over the 139 months of the 计发月数, the figure the vector had before.
    assert_eq!(s["lifetime_value"], "530555.24");
    let statements = plan["assumptions"]["statements"].to_string();
    assert!(
        statements.contains("the rule set has no life table"),
        "{statements}"
    );
}

#[test]
fn a_table_missing_an_age_is_an_error_not_a_guess() {
    let e = with_overlay(
        "from = 2020-01-01\nsource = \"test\"\nrows = { 60 = \"0.01\", 61 = \"0.02\" }\n",
    )
    .unwrap_err();
    assert_eq!(e.code(), "rule_missing_row");
    assert!(e.to_string().contains("life.qx_male"), "{e}");
    assert!(e.to_string().contains("62"), "{e}");
}
