//! Inputs the fuzzers (fuzz/, `scripts/fuzz`) found to crash or misbehave,
//! kept as tests so they stay fixed. Each test names its target and what
//! went wrong.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::rules::RuleSet;
use serde_json::{Value, json};

fn run(
    kind: &str,
    rules: &str,
    input: Value,
) -> Result<serde_json::Map<String, Value>, pension_rules::Error> {
    pension_rules::Engine::embedded(rules)
        .unwrap()
        .figures(kind.parse().unwrap(), &input)
}

/// engine_json: an unknown field whose name is the empty string was reported
/// with an empty path. Every field error must name a path.
#[test]
fn empty_field_name_has_a_path() {
    let e = run(
        "award",
        "cn/shaanxi",
        json!({"category": "female_50", "birth": "1975-01", "": "3000"}),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.fields().iter().all(|f| !f.path.is_empty()), "{e}");
    assert!(e.fields().iter().any(|f| f.path == "[\"\"]"), "{e}");
    let e = run(
        "award",
        "cn/shaanxi",
        json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
               "history": [{"from": "2000-01", "to": "2000-12", "base": "1", "": 1}]}),
    )
    .unwrap_err();
    assert!(
        e.fields().iter().any(|f| f.path == "history[0][\"\"]"),
        "{e}"
    );
}

/// check_cases: an account with `opening_year` i32::MAX and a credit overflowed
/// `opening_year + 1` while the message about the credit's year was written
/// (account.rs, `in_range`). Now every problem is reported.
#[test]
fn account_opening_year_i32_max() {
    for credit in [
        json!({"year": 2023, "amount": "1"}),
        json!({"month": "2023-05", "amount": "1"}),
    ] {
        let e = run(
            "account",
            "cn/national",
            json!({"opening_balance": "0", "opening_year": i32::MAX,
                   "credits": [credit], "through_year": 2023}),
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&"opening_year"), "{e}");
    }
}

/// check_cases: an expected figure of -79228162514264337593543950335 against
/// an actual one near the other end of the decimal range overflowed the
/// subtraction that compares them (check.rs `values_equal`). Now it is a
/// failed field.
#[test]
fn comparing_figures_at_the_ends_of_the_decimal_range() {
    use pension_rules::check::{Outcome, check_json, embedded_resolver};
    for (want, tol) in [
        ("-79228162514264337593543950335", None),
        (
            "79228162514264337593543950335",
            Some("79228162514264337593543950335"),
        ),
    ] {
        let mut case = json!({"id": "x", "kind": "contribution", "ruleset": "cn/shaanxi",
            "input": {"month": "2025-07", "wage": "79228162514264337593543950335", "employment": "employee"},
            "expect": {"employer": want, "base": "-79228162514264337593543950335"}});
        if let Some(t) = tol {
            case["tolerance"] = json!({"employer": t});
        }
        let r = check_json(&case.to_string(), &embedded_resolver).unwrap();
        assert!(
            matches!(&r.cases[0].outcome, Outcome::Fail { .. }),
            "{:?}",
            r.cases[0]
        );
    }
}

/// Review after the fuzz finds: `YearMonth::add_months` and `months_since`
/// overflowed `i32` for far moves (a panic in debug builds, a wrapped month
/// in release). They saturate now, and `month_reached` reports the age as
/// past the calendar.
#[test]
fn far_month_arithmetic_saturates() {
    use pension_rules::retirement::month_reached;
    use pension_rules::{Age, YearMonth};
    let m = YearMonth::new(2025, 1).unwrap();
    let far = m.add_months(i32::MAX);
    assert!(far > m);
    let back = m.add_months(i32::MIN);
    assert!(back < m);
    assert_eq!(far.months_since(back), i32::MAX);
    assert_eq!(back.months_since(far), i32::MIN);
    let e = month_reached(m, Age::from_months(u32::MAX)).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
}

/// Review (the Python batch tests): `contribution_months` of i64::MAX made an
/// adjustment of 538,030,035,483,195,311.20 yuan, and u32::MAX months an
/// award of millions of years — figures, not errors. More months than lived
/// (birth → retirement) is now an input error naming the field.
#[test]
fn more_months_than_lived_is_an_input_error() {
    let e = run(
        "adjustment",
        "cn/shaanxi",
        json!({"year": 2025, "pension": "3000", "contribution_months": i64::MAX,
               "birth": "1952-05", "retirement_month": "2012-05"}),
    )
    .unwrap_err();
    assert_eq!(e.fields()[0].path, "contribution_months", "{e}");
    let e = run(
        "award",
        "cn/shaanxi",
        json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
               "contribution_months": 600, "deemed_months": 121,
               "average_index": "1", "account_balance": "1000"}),
    )
    .unwrap_err();
    assert_eq!(e.fields()[0].path, "contribution_months", "{e}");
    assert!(
        e.to_string().contains("721") && e.to_string().contains("720"),
        "{e}"
    );
    // Exactly the months lived is accepted.
    run(
        "award",
        "cn/shaanxi",
        json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
               "contribution_months": 600, "deemed_months": 120,
               "average_index": "1", "account_balance": "1000"}),
    )
    .unwrap();
}

/// population_csv: a row retiring in 9999 stretched every run to the years
/// up to 9999 (~2 s for a handful of rows; the target skipped far years).
/// Such a row is now an `invalid_input` error row and the run stays short.
#[test]
fn population_row_retiring_in_9999_is_an_error_row() {
    use pension_rules::population::{Options, Population, simulate_all, synthetic};
    let csv = "id,birth,category,first_contribution,retirement_month,index\n\
               a,1990-03,male,2012-07,9999-01,1.0\n\
               b,1990-03,male,2012-07,,1.0\n";
    let pop = Population::read_csv(csv.as_bytes()).unwrap();
    let e = pop.rows[0].as_ref().unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(e.fields()[0].path, "row 1.retirement_month");
    assert!(
        e.fields()[0].message.starts_with("person a: 9999-01"),
        "{e}"
    );
    let snaps = [RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .at(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())];
    let t = std::time::Instant::now();
    let (block, s) = simulate_all(
        &pop,
        &snaps,
        &synthetic::Config::shaanxi_assumptions(),
        &Options::default(),
    )
    .unwrap();
    assert!(block[0][0].is_err() && block[0][1].is_ok());
    assert!(s[0].years.last().is_some_and(|y| y.year < 2100));
    assert!(t.elapsed().as_millis() < 1500, "{:?}", t.elapsed());
}

/// payroll_csv: a CSV record with more or fewer fields than the header
/// refused the whole file (the other rows were lost); it is now an error
/// row in its place.
#[test]
fn payroll_csv_short_record_is_an_error_row() {
    use pension_rules::payroll::rows_from_csv;
    let rows =
        rows_from_csv("employee_id,wage,employment\nA\nB,6000,employee\n".as_bytes()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].as_ref().unwrap_err().fields()[0].path, "row 1");
    assert!(rows[1].is_ok());
}

/// benches/compare.sh (the project against its own single-case path and an
/// independent decimal implementation): the award divided N = 475/12 before
/// multiplying, so C × (1 + Ī)/2 × N × 1 % = 19 703.10 × 1.6 / 2 × 475 / 1200
/// = 6 239.315 exactly came out 6 239.3149999… and rounded half-up to
/// 6 239.31 instead of 6 239.32 (the batch fast path had 6 239.32).
#[test]
fn basic_pension_exact_half_fen_rounds_up() {
    let r = run(
        "award",
        "cn/shaanxi",
        json!({"category": "male", "birth": "1993-09", "retirement_month": "2056-09",
               "contribution_months": 475, "deemed_months": 0, "average_index": "0.6",
               "pension_base": "19703.10", "account_balance": "0"}),
    )
    .unwrap();
    assert_eq!(r["basic_pension"], "6239.32", "{r:?}");
}

/// api_json (a slow unit): an overlay moving `account.established` to
/// 3992-01 loaded, and every account ledger then walked the months up to
/// year 3992. A month in rule data is now within the plausible years
/// (1900–2200), like every month of an input.
#[test]
fn a_rule_month_outside_the_plausible_years_is_refused() {
    let rs = RuleSet::embedded("cn/shaanxi").unwrap();
    let overlay = |month: &str| {
        format!(
            "[overlay]\nid = \"fuzz/account\"\nbase = \"cn/shaanxi\"\n\n\
             [account.established]\ntitle = \"个人账户建立 month the individual accounts began\"\n\
             [[account.established.values]]\nfrom = 1996-01-01\nvalue = \"{month}\"\nsource = \"fuzz\"\n"
        )
    };
    let e = rs
        .with_overlay("fuzz.toml", &overlay("3992-01"))
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("3992 is outside the plausible years 1900–2200"),
        "{text}"
    );
    assert!(rs.with_overlay("fuzz.toml", &overlay("1996-01")).is_ok());
}
