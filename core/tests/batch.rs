//! Nothing lost: the batch paths (the payroll of a unit, the conformance
//! runner) give exactly one result or error per input row, in input order —
//! with good and bad rows mixed, no rows at all, and values far outside any
//! real payroll (`1e30`, 28-digit decimals, negatives, `i64::MAX` months).
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::check::{Outcome, check_json, embedded_resolver};
use pension_rules::payroll::{Issue, PayrollRow, Period, assess_payroll, rows_from_json};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use pension_rules::{Error, YearMonth};
use serde_json::{Value, json};

fn row(id: &str, wage: &str, emp: &str) -> PayrollRow {
    PayrollRow {
        employee_id: id.into(),
        wage: wage.into(),
        employment: emp.into(),
    }
}

fn assess(rows: &[PayrollRow], period: Period) -> pension_rules::payroll::PayrollResult {
    let rules = RuleSet::embedded("cn/shaanxi").unwrap();
    let first = period.months()[0];
    let snap = rules.at(first.first_day());
    assess_payroll(rows, period, &snap, &mut Tracer::new(false)).unwrap()
}

const HUGE: &[&str] = &[
    "1e30",
    "1E+3",
    "9999999999999999999999999999",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "-0.01",
    "-79228162514264337593543950335",
    "9223372036854775807",
    "NaN",
    "",
];

#[test]
fn payroll_one_result_per_row_in_order() {
    // Good rows between bad ones; Shaanxi 2025 limits 4650 / 23250
    // (陕人社函〔2025〕424号), 16 % / 8 % (国办发〔2019〕13号).
    let mut rows = vec![row("G1", "6000", "employee")];
    for (i, w) in HUGE.iter().enumerate() {
        rows.push(row(&format!("H{i}"), w, "employee"));
        rows.push(row(&format!("F{i}"), w, "flexible"));
    }
    rows.push(row("G2", "8123.47", "employee"));
    rows.push(row("", "6000", "employee"));
    rows.push(row("G1", "6000", "employee"));
    rows.push(row("X", "6000", "contract"));
    for period in [
        Period::Month(YearMonth::new(2025, 7).unwrap()),
        Period::Year(2025),
    ] {
        let r = assess(&rows, period);
        assert_eq!(r.rows.len(), rows.len(), "one result per row");
        assert_eq!(r.totals.assessed + r.totals.rejected, rows.len());
        for (i, (res, input)) in r.rows.iter().zip(&rows).enumerate() {
            match res {
                Ok(l) => {
                    assert_eq!(
                        (l.row, l.employee_id.as_str()),
                        (i + 1, input.employee_id.trim())
                    );
                    // Every accepted base lies within the limits.
                    assert!(l.base >= r.limits.floor && l.base <= r.limits.cap, "{l:?}");
                }
                Err(e) => {
                    assert_eq!(e.code(), "invalid_input", "row {i}: {e}");
                    assert!(
                        e.fields()
                            .iter()
                            .all(|f| f.path.starts_with(&format!("row {}.", i + 1))),
                        "row {i}: {e}"
                    );
                }
            }
        }
        // The known good rows: 6000 and 8123.47 within the limits.
        let Ok(g1) = &r.rows[0] else { panic!() };
        let months = period.months().len();
        assert_eq!(
            g1.employer,
            rust_decimal::Decimal::from(960 * months as i64)
        );
        // Negative, unreadable and empty wages are rejected, never clamped.
        for (i, w) in HUGE.iter().enumerate() {
            let emp_row = 1 + 2 * i;
            // The one strict grammar (no exponent, `+` or underscore).
            let readable =
                pension_rules::decimal::parse(w.trim(), pension_rules::decimal::Sign::Any)
                    .is_ok_and(|d| d >= rust_decimal::Decimal::ZERO);
            assert_eq!(
                r.rows[emp_row].is_ok(),
                readable,
                "wage {w:?}: {:?}",
                r.rows[emp_row]
            );
        }
        // Row order of attention items; every rejected row is listed.
        let rejected: Vec<usize> = r
            .attention
            .iter()
            .filter(|a| a.issue == Issue::Invalid)
            .map(|a| a.row)
            .collect();
        let errs: Vec<usize> = (0..rows.len())
            .filter(|&i| r.rows[i].is_err())
            .map(|i| i + 1)
            .collect();
        assert_eq!(rejected, errs);
        assert!(r.attention.windows(2).all(|w| w[0].row <= w[1].row));
    }
}

#[test]
fn payroll_huge_wage_is_capped_not_overflowed() {
    // A 28-digit wage is above the cap: the base is the cap (23250 in 2025),
    // the amounts are those of the cap, 3720.00 / 1860.00.
    let r = assess(
        &[row("A", "9999999999999999999999999999", "employee")],
        Period::Month(YearMonth::new(2025, 7).unwrap()),
    );
    let Ok(l) = &r.rows[0] else {
        panic!("{:?}", r.rows[0])
    };
    assert_eq!(
        (
            l.base.to_string(),
            l.employer.to_string(),
            l.individual.to_string()
        ),
        ("23250.00".into(), "3720.00".into(), "1860.00".into())
    );
}

#[test]
fn payroll_empty_is_empty_not_an_error() {
    let r = assess(&[], Period::Year(2025));
    assert!(r.rows.is_empty() && r.attention.is_empty());
    assert_eq!((r.totals.assessed, r.totals.rejected), (0, 0));
    assert!(r.totals.employer.is_zero());
    assert!(rows_from_json(&json!([])).unwrap().is_empty());
    assert!(rows_from_json(&json!({"rows": []})).unwrap().is_empty());
}

#[test]
fn payroll_json_shape_errors_name_every_row() {
    let v = json!([
        {"employee_id": "A", "wage": "6000", "employment": "employee"},
        {"employee_id": "B", "wage": 1e30, "employment": "employee"},
        "not a row",
        {"employee_id": "D", "wage": "6000", "employment": "employee", "x": 1},
        {"employee_id": "E", "wage": "6000", "employment": "employee"}
    ]);
    let e = rows_from_json(&v).unwrap_err();
    let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    // Rows from 1, as in every batch (issue 16).
    assert_eq!(paths, ["row 2.wage", "row 3", "row 4.x"]);
    assert!(rows_from_json(&json!(7)).is_err());
    assert!(rows_from_json(&json!({"rows": 7})).is_err());
}

#[test]
fn payroll_period_without_rule_data_fails_the_batch() {
    // No Shaanxi limits for 1995: the whole declaration is a rule error,
    // not a silent empty result.
    let rules = RuleSet::embedded("cn/shaanxi").unwrap();
    let snap = rules.at(YearMonth::new(1995, 1).unwrap().first_day());
    let e = assess_payroll(
        &[row("A", "6000", "employee")],
        Period::Year(1995),
        &snap,
        &mut Tracer::new(false),
    )
    .unwrap_err();
    assert!(e.code().starts_with("rule_"), "{e}");
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.get("id")
                .and_then(Value::as_str)
                .map_or_else(|| format!("#{i}"), str::to_string)
        })
        .collect()
}

#[test]
fn check_one_outcome_per_case_in_order() {
    let mut cases = vec![];
    // A good case of each kind from the vectors, then each one broken with
    // huge values; a case without id; a non-object.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors");
    for f in [
        "contribution.json",
        "retirement.json",
        "account.json",
        "award.json",
        "transfer.json",
        "survivor.json",
        "adjustment.json",
    ] {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{f}")).unwrap()).unwrap();
        let good = v[0].clone();
        cases.push(good.clone());
        let Value::Object(input) = &good["input"] else {
            panic!()
        };
        for (k, x) in input {
            for huge in [
                json!("1e30"),
                json!("-1"),
                json!(i64::MAX),
                json!("9999999999999999999999999999"),
                json!(u64::MAX),
            ] {
                let mut bad = good.clone();
                bad["id"] = json!(format!("{}-{k}-{huge}", good["id"].as_str().unwrap()));
                if x.is_array() || x.is_object() {
                    continue;
                }
                bad["input"][k] = huge;
                cases.push(bad);
            }
        }
    }
    cases.push(json!({"kind": "award", "input": {}, "expect": {}}));
    cases.push(json!(42));
    cases.push(
        json!({"id": "last", "kind": "retirement", "ruleset": "cn/national",
                      "input": {"birth": "1976-02", "category": "male"},
                      "expect": {"statutory_age": "62y10m"}}),
    );
    let v = Value::Array(cases);
    let report = check_json(&v.to_string(), &embedded_resolver).unwrap();
    assert_eq!(report.cases.len(), v.as_array().unwrap().len());
    let got: Vec<String> = report.cases.iter().map(|c| c.id.clone()).collect();
    assert_eq!(got, ids(&v), "ids in input order");
    // The good cases pass; the last one too.
    assert_eq!(report.cases.last().unwrap().outcome, Outcome::Pass);
    for c in &report.cases {
        if let Outcome::Error { code, message } = &c.outcome {
            assert!(!code.is_empty() && !message.is_empty());
        }
    }
}

#[test]
fn check_empty_and_non_json() {
    // Issue 16: a file with no case is refused, not an empty pass.
    let e: Error = check_json("[]", &embedded_resolver).unwrap_err();
    assert_eq!(
        (e.code(), e.fields()[0].path.as_str()),
        ("invalid_input", "(file)")
    );
    assert!(e.fields()[0].message.starts_with("no cases"), "{e}");
    let e: Error = check_json("", &embedded_resolver).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(check_json("[1,", &embedded_resolver).is_err());
}

#[test]
fn huge_month_counts_are_input_errors() {
    // i64::MAX months in every engine that counts months: an input error, no
    // overflow, no wrapped figure.
    let engine = |id: &str| pension_rules::Engine::embedded(id).unwrap();
    let big = json!(i64::MAX);
    let inputs = [
        (
            "award",
            "cn/shaanxi",
            json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
            "contribution_months": big, "average_index": "1", "account_balance": "1000"}),
        ),
        (
            "retirement",
            "cn/national",
            json!({"birth": "1976-02", "category": "male", "contribution_months": big}),
        ),
        (
            "survivor",
            "cn/national",
            json!({"contribution_months": big, "monthly_income_base": "3000"}),
        ),
        (
            "adjustment",
            "cn/shaanxi",
            json!({"year": 2025, "pension": "3000", "contribution_months": big,
            "birth": "1952-05", "retirement_month": "2012-05"}),
        ),
        (
            "award",
            "cn/shaanxi",
            json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
            "contribution_months": 4294967295u64, "deemed_months": 4294967295u64, "average_index": "1", "account_balance": "1000"}),
        ),
        (
            "survivor",
            "cn/national",
            json!({"contribution_months": 4294967295u64, "pension_months_received": 4294967295u64, "monthly_income_base": "3000"}),
        ),
        (
            "adjustment",
            "cn/shaanxi",
            json!({"year": 2025, "pension": "3000", "contribution_months": 4294967295u64,
            "birth": "1952-05", "retirement_month": "2012-05"}),
        ),
    ];
    for (kind, id, input) in inputs {
        match engine(id).figures(kind.parse().unwrap(), &input) {
            Err(e) => assert!(
                ["invalid_input", "not_applicable"].contains(&e.code()),
                "{kind}: {e}"
            ),
            // u32::MAX months is a valid (absurd) count: the figures must
            // still be exact, so only check that they are there.
            Ok(m) => assert!(!m.is_empty(), "{kind}"),
        }
    }
}

#[test]
fn population_one_outcome_per_row_per_scenario() {
    use pension_rules::population::{Options, Population, simulate_all, synthetic};
    let head = "id,birth,category,first_contribution,retirement_month,deemed_months,index,indexes,contribution_months,average_index,account_balance";
    let rows = [
        "ok-1,1990-03,male,2012-07,,0,1.0,,,,",
        "bad-month,1980-13,male,2002-09,,0,1.0,,,,",
        "huge-index,1990-03,male,2012-07,,0,1e30,,,,",
        "max-index,1990-03,male,2012-07,,0,79228162514264337593543950335,,,,",
        "max-months,1975-04,male,2026-01,,4294967295,1.4,,4294967295,1.1,186500.50",
        "negative,1990-03,male,2012-07,,0,-1,,,,",
        "short,1990-03,male",
        "ok-2,1985-11,female_55,2008-01,,0,0.75,,,,",
    ];
    let csv = format!("{head}\n{}\n", rows.join("\n"));
    let pop = Population::read_csv(csv.as_bytes()).unwrap();
    assert_eq!(
        pop.rows.len(),
        rows.len(),
        "every record is a row, even a short one"
    );
    let base = RuleSet::embedded("cn/shaanxi").unwrap();
    let snaps = [base.at(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())];
    for single in [false, true] {
        let options = Options {
            block: Some(3),
            single_path_only: single,
            ..Options::default()
        };
        let (block, summaries) = simulate_all(
            &pop,
            &snaps,
            &synthetic::Config::shaanxi_assumptions(),
            &options,
        )
        .unwrap();
        let out = &block[0];
        assert_eq!(out.len(), rows.len());
        let ok: Vec<bool> = out.iter().map(Result::is_ok).collect();
        assert_eq!(
            ok,
            [true, false, false, false, false, false, false, true],
            "{out:?}"
        );
        for (r, o) in pop.rows.iter().zip(out) {
            if let Err(e) = r {
                assert_eq!(o.as_ref().err().map(Error::code), Some(e.code()));
            }
        }
        let s = &summaries[0];
        assert_eq!(s.persons, rows.len() as u64);
        assert_eq!(s.ok + s.errors.values().sum::<u64>(), s.persons);
        assert_eq!(s.rules.hash, base.hash());
    }
    // Issue 16: an empty file is an error (a header without rows: `rows`;
    // nothing at all: `header`), not a 0-person success.
    let e = Population::read_csv(format!("{head}\n").as_bytes()).unwrap_err();
    assert_eq!(
        (e.code(), e.fields()[0].path.as_str()),
        ("invalid_input", "rows")
    );
    for text in ["", "\n", "\n\n"] {
        let e = Population::read_csv(text.as_bytes()).unwrap_err();
        assert_eq!(
            (e.code(), e.fields()[0].path.as_str()),
            ("invalid_input", "header"),
            "{text:?}"
        );
    }
    // A population built empty in code still runs to an empty result.
    let empty = Population::default();
    let (block, summaries) = simulate_all(
        &empty,
        &snaps,
        &synthetic::Config::shaanxi_assumptions(),
        &Options::default(),
    )
    .unwrap();
    assert!(block[0].is_empty());
    assert_eq!(summaries[0].persons, 0);
}

#[test]
fn population_implausible_years_are_error_rows_and_do_not_stretch_the_run() {
    use pension_rules::population::{Options, Person, Population, simulate_all, synthetic};
    let head = "id,birth,category,first_contribution,retirement_month,index";
    let rows = [
        "ok,1990-03,male,2012-07,,1.0",
        "retires-9999,1990-03,male,2012-07,9999-01,1.0",
        "born-9000,9000-03,male,9020-07,,1.0",
        "born-0001,0001-01,male,2012-07,,1.0",
        "paid-before-birth,1990-03,male,1989-07,,1.0",
        "paid-at-birth,1990-03,male,1990-03,,1.0",
        "retired-at-birth,1990-03,male,2012-07,1990-03,1.0",
        "edge-2200,2150-01,male,2170-01,2200-12,1.0",
    ];
    let csv = format!("{head}\n{}\n", rows.join("\n"));
    let pop = Population::read_csv(csv.as_bytes()).unwrap();
    assert_eq!(pop.rows.len(), rows.len());
    let codes: Vec<Option<&str>> = pop
        .rows
        .iter()
        .map(|r| r.as_ref().err().map(Error::code))
        .collect();
    assert_eq!(
        codes,
        [
            None,
            Some("invalid_input"),
            Some("invalid_input"),
            Some("invalid_input"),
            Some("invalid_input"),
            Some("invalid_input"),
            Some("invalid_input"),
            None
        ]
    );
    let msg = pop.rows[1].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains("row 2")
            && msg.contains("retirement_month")
            && msg.contains("9999-01")
            && msg.contains("1900–2200"),
        "{msg}"
    );
    let msg = pop.rows[2].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains("birth") && msg.contains("first_contribution"),
        "all at once: {msg}"
    );
    // The same through JSON (Python, JS).
    let e = Person::from_json(&json!({"id": "x", "birth": "1990-03", "category": "male",
        "first_contribution": "2012-07", "retirement_month": "9999-01", "index": "1.0"}))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.fields()[0].path.as_str()),
        ("invalid_input", "retirement_month")
    );

    // A hand-built row (not read) is refused on both paths, and the far
    // years do not stretch the run: the yearly flows end by 2200 + a
    // retirement age, not at 9999.
    let ok: Person = pop.rows[0].clone().unwrap();
    let far = Person {
        retirement_month: Some("9999-01".parse().unwrap()),
        ..ok.clone()
    };
    let hand = Population::from_persons(vec![ok, far]);
    let snaps = [RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .at(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())];
    for single in [false, true] {
        let options = Options {
            single_path_only: single,
            ..Options::default()
        };
        let t = std::time::Instant::now();
        let (block, s) = simulate_all(
            &hand,
            &snaps,
            &synthetic::Config::shaanxi_assumptions(),
            &options,
        )
        .unwrap();
        let elapsed = t.elapsed();
        assert!(block[0][0].is_ok());
        assert_eq!(
            block[0][1].as_ref().err().map(Error::code),
            Some("invalid_input")
        );
        assert!(
            s[0].years.last().is_some_and(|y| y.year < 2300),
            "{:?}",
            s[0].years.last().map(|y| y.year)
        );
        assert!(elapsed.as_secs() < 2, "{elapsed:?}");
    }
}

#[test]
fn payroll_csv_bad_records_are_error_rows_in_place() {
    use pension_rules::payroll::{assess_payroll_rows, rows_from_csv};
    // Short, long and non-UTF-8 records between good ones; columns in any order.
    let mut csv =
        b"wage, employee_id ,employment\n6000,A,employee\n6000,B\n6000,C,employee,extra\n".to_vec();
    csv.extend_from_slice(b"6000,\xff\xfe,employee\n 7000 ,E, flexible \n");
    let rows = rows_from_csv(csv.as_slice()).unwrap();
    assert_eq!(rows.len(), 5);
    let e = |i: usize| rows[i].as_ref().unwrap_err();
    // Rows from 1, no file line beside them (issue 16).
    assert_eq!(e(1).fields()[0].path, "row 2");
    assert_eq!(
        e(1).fields()[0].message,
        "the row has 2 cells, but the header names 3 columns (wage,employee_id,employment)"
    );
    assert!(e(2).to_string().contains("the row has 4 cells"), "{}", e(2));
    assert_eq!(e(3).fields()[0].path, "row 4.employee_id");
    let last = rows[4].as_ref().unwrap();
    assert_eq!(
        (
            last.employee_id.as_str(),
            last.wage.as_str(),
            last.employment.as_str()
        ),
        ("E", "7000", "flexible")
    );

    let r = {
        let rules = RuleSet::embedded("cn/shaanxi").unwrap();
        let snap = rules.at(chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
        assess_payroll_rows(
            &rows,
            Period::Month("2024-03".parse().unwrap()),
            &snap,
            &mut Tracer::new(false),
        )
        .unwrap()
    };
    let ok: Vec<bool> = r.rows.iter().map(Result::is_ok).collect();
    assert_eq!(ok, [true, false, false, false, true]);
    assert_eq!((r.totals.assessed, r.totals.rejected), (2, 3));
    assert_eq!(
        r.attention
            .iter()
            .filter(|a| a.issue == Issue::Invalid)
            .count(),
        3
    );
    for (i, row) in r.rows.iter().enumerate() {
        if let Ok(l) = row {
            assert_eq!(l.row, i + 1);
        }
    }

    // A broken header refuses the file, every problem named.
    for (text, needles) in [
        (
            "employee_id,wage\nA,1\n",
            vec!["missing column \"employment\""],
        ),
        (
            "employee_id,wage,employment,bonus\n",
            vec!["unknown column \"bonus\""],
        ),
        (
            "employee_id,wage,wage,employment\n",
            vec!["\"wage\" appears twice"],
        ),
        (
            "",
            vec!["missing column \"employee_id\"", "missing column \"wage\""],
        ),
    ] {
        let e = rows_from_csv(text.as_bytes()).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(e.fields().iter().all(|f| f.path == "header"), "{e}");
        for n in needles {
            assert!(e.to_string().contains(n), "{text:?}: {e}");
        }
    }
    // Only a header: no rows, not an error.
    assert!(
        rows_from_csv("employee_id,wage,employment\n".as_bytes())
            .unwrap()
            .is_empty()
    );
}
