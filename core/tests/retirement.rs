//! Retirement engine: the official 对照表 rows, the elastic window, pre-2025
//! cases, special routes, eligibility and input errors. Figures are from the
//! 2024 NPC retirement decision and its 附件 and 国发〔2005〕38号 附件, as restated in
//! docs/sources.md (§5.3 table and vectors, §5.4 T16, §1.3/§1.4 T13, §5.5).

use pension_rules::retirement::{
    Category, RetirementInput, RetirementResult, Special, cohort_table, min_contribution_months,
    retirement, statutory,
};
use pension_rules::rules::{RuleSet, Snapshot};
use pension_rules::trace::Tracer;
use pension_rules::{Error, YearMonth};
use serde_json::json;

fn snap() -> Snapshot {
    RuleSet::embedded("cn/national")
        .expect("embedded national rules")
        .at(ym("2025-01").first_day())
}

fn ym(s: &str) -> YearMonth {
    s.parse().expect("test month")
}

fn run(input: serde_json::Value) -> Result<RetirementResult, Error> {
    let input = RetirementInput::from_json(&input)?;
    retirement(&snap(), &input, &mut Tracer::new(true))
}

fn ok(input: serde_json::Value) -> RetirementResult {
    run(input).expect("computes")
}

/// Every row of the official 对照表 listed in docs/sources.md §5.3
/// (全国人大常委会 2024-09-13 决定 附件《国务院关于渐进式延迟法定退休年龄的办法》 附件 对照表):
/// one band each, with its age, retirement months and delay.
#[test]
fn official_comparison_table_rows() {
    use Category::*;
    let rows = [
        (Male, "1964-12", "1964-12", "60y0m", "2024-12", "2024-12", 0),
        (Male, "1965-01", "1965-04", "60y1m", "2025-02", "2025-05", 1),
        (Male, "1965-05", "1965-08", "60y2m", "2025-07", "2025-10", 2),
        (Male, "1965-09", "1965-12", "60y3m", "2025-12", "2026-03", 3),
        (Male, "1966-01", "1966-04", "60y4m", "2026-05", "2026-08", 4),
        (
            Male, "1976-05", "1976-08", "62y11m", "2039-04", "2039-07", 35,
        ),
        (
            Male, "1976-09", "1976-12", "63y0m", "2039-09", "2039-12", 36,
        ),
        (
            Female55, "1970-01", "1970-04", "55y1m", "2025-02", "2025-05", 1,
        ),
        (
            Female55, "1981-09", "1981-12", "58y0m", "2039-09", "2039-12", 36,
        ),
        (
            Female50, "1975-01", "1975-02", "50y1m", "2025-02", "2025-03", 1,
        ),
        (
            Female50, "1975-03", "1975-04", "50y2m", "2025-05", "2025-06", 2,
        ),
        (
            Female50, "1984-11", "1984-12", "55y0m", "2039-11", "2039-12", 60,
        ),
    ];
    let s = snap();
    for (cat, from, to, age, rf, rt, delay) in rows {
        let t = cohort_table(&s, cat, ym(from), ym(to)).expect("table");
        assert_eq!(t.len(), 1, "{cat} {from}–{to} is one band: {t:?}");
        let r = &t[0];
        assert_eq!(
            (
                r.age.to_string(),
                r.retirement_from.to_string(),
                r.retirement_to.to_string(),
                r.delay_months
            ),
            (age.to_string(), rf.to_string(), rt.to_string(), delay),
            "{cat} {from}–{to}"
        );
    }
    // The bands are maximal: the neighbouring birth months differ.
    let t = cohort_table(&s, Male, ym("1964-12"), ym("1966-04")).expect("table");
    let bands: Vec<_> = t
        .iter()
        .map(|r| format!("{}–{} {}", r.birth_from, r.birth_to, r.age))
        .collect();
    assert_eq!(
        bands,
        [
            "1964-12–1964-12 60y0m",
            "1965-01–1965-04 60y1m",
            "1965-05–1965-08 60y2m",
            "1965-09–1965-12 60y3m",
            "1966-01–1966-04 60y4m"
        ]
    );
}

/// The 19 test vectors of the 2024 NPC retirement decision, docs/sources.md §5.3 (T12).
#[test]
fn research_vectors() {
    let cases = [
        ("1963-12", "male", "2023-12", "60y0m", 0),
        ("1964-02", "male", "2024-02", "60y0m", 0),
        ("1965-01", "male", "2025-02", "60y1m", 1),
        ("1965-12", "male", "2026-03", "60y3m", 3),
        ("1970-01", "male", "2031-05", "61y4m", 16),
        ("1974-05", "male", "2036-10", "62y5m", 29),
        ("1976-02", "male", "2038-12", "62y10m", 34),
        ("1995-12", "male", "2058-12", "63y0m", 36),
        ("2000-12", "male", "2063-12", "63y0m", 36),
        ("1963-04", "female_55", "2018-04", "55y0m", 0),
        ("1971-04", "female_55", "2026-08", "55y4m", 4),
        ("1975-01", "female_55", "2031-05", "56y4m", 16),
        ("2000-12", "female_55", "2058-12", "58y0m", 36),
        ("1975-01", "female_50", "2025-02", "50y1m", 1),
        ("1975-12", "female_50", "2026-06", "50y6m", 6),
        ("1976-04", "female_50", "2026-12", "50y8m", 8),
        ("1980-01", "female_50", "2032-08", "52y7m", 31),
        ("1984-10", "female_50", "2039-09", "54y11m", 59),
        ("1995-12", "female_50", "2050-12", "55y0m", 60),
    ];
    for (birth, cat, month, age, delay) in cases {
        let r = ok(json!({"birth": birth, "category": cat}));
        assert_eq!(
            (
                r.statutory_month.to_string(),
                r.statutory_age.to_string(),
                r.delay_months
            ),
            (month.to_string(), age.to_string(), delay),
            "{birth} {cat}"
        );
        assert_eq!(r.retirement_month, r.statutory_month);
    }
}

/// Before 2025 the 1978 ages apply (国发〔1978〕104号), with no elastic window;
/// the version is the one in force when the age is reached.
#[test]
fn pre_2025_law_version() {
    let r = ok(json!({"birth": "1964-12", "category": "male"}));
    assert_eq!(r.schedule_from.to_string(), "1978-06-02");
    assert_eq!(r.statutory_month.to_string(), "2024-12");
    assert!(r.elastic.is_none());
    // 女工人 50: born 1974-12 retires 2024-12 at 50, before the reform.
    let r = ok(json!({"birth": "1974-12", "category": "female_50"}));
    assert_eq!(
        (r.statutory_age.to_string(), r.statutory_month.to_string()),
        ("50y0m".into(), "2024-12".into())
    );
    assert_eq!(r.schedule_from.to_string(), "1978-06-02");
    // First affected cohort: the 2025 version.
    let r = ok(json!({"birth": "1965-01", "category": "male"}));
    assert_eq!(r.schedule_from.to_string(), "2025-01-01");
    // No elastic choice before 2025.
    let e = run(json!({"birth": "1964-06", "category": "male", "delay_months": 3}))
        .expect_err("no window before 2025");
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(e.fields()[0].path, "delay_months");
}

/// the 2024 NPC retirement decision, docs/sources.md §5.3: MALE 1976-02: statutory 62y10m; earliest 60y0m
/// (2036-02); latest 65y10m (2041-12) (办法 第三条).
#[test]
fn elastic_window_example() {
    let r = ok(json!({"birth": "1976-02", "category": "male"}));
    let w = r.elastic.expect("window from 2025");
    assert_eq!(r.statutory_age.to_string(), "62y10m");
    assert_eq!(
        (w.earliest_age.to_string(), w.earliest_month.to_string()),
        ("60y0m".into(), "2036-02".into())
    );
    assert_eq!(
        (w.latest_age.to_string(), w.latest_month.to_string()),
        ("65y10m".into(), "2041-12".into())
    );
    assert_eq!((w.max_early_months, w.max_delay_months), (34, 36));
    // 2036 minimum = 18y6m (提高最低缴费年限情况表).
    assert_eq!(w.earliest_min_contribution_months, Some(222));

    // Earliest and latest choices; the divisor follows the age (T13 62y10m
    // 118.3; table 60 → 139; 65y10m = 101 − 8 × 10/12 = 94.3).
    let r = ok(json!({"birth": "1976-02", "category": "male", "early_months": 34}));
    assert_eq!(r.retirement_month.to_string(), "2036-02");
    assert_eq!(
        r.divisor_at_statutory.map(|d| d.to_string()),
        Some("118.3".into())
    );
    assert_eq!(r.divisor.map(|d| d.to_string()), Some("139".into()));
    assert_eq!(r.min_contribution_months.map(|m| m.value), Some(222));
    let r = ok(json!({"birth": "1976-02", "category": "male", "delay_months": 36}));
    assert_eq!(
        (r.retirement_month.to_string(), r.retirement_age.to_string()),
        ("2041-12".into(), "65y10m".into())
    );
    assert_eq!(r.divisor.map(|d| d.to_string()), Some("94.3".into()));

    // Outside the window: an input error naming it.
    for (field, n) in [("early_months", 35), ("delay_months", 37)] {
        let e =
            run(json!({"birth": "1976-02", "category": "male", field: n})).expect_err("outside");
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(e.fields()[0].path, field);
        assert!(
            e.fields()[0]
                .message
                .contains("60y0m (2036-02) – 65y10m (2041-12)")
        );
    }
}

/// Not below the original age: the first cohort may retire at most 1 month
/// early. Real sheet (docs/sources.md §5.3): Guangdong woman (原50) born
/// 1976-04 retired 2026-04 at 50y0m, statutory 50y8m.
#[test]
fn elastic_floor_is_the_original_age() {
    let r = ok(json!({"birth": "1965-01", "category": "male"}));
    let w = r.elastic.expect("window");
    assert_eq!(
        (
            w.earliest_age.to_string(),
            w.earliest_month.to_string(),
            w.max_early_months
        ),
        ("60y0m".into(), "2025-01".into(), 1)
    );
    let r = ok(json!({"birth": "1976-04", "category": "female_50", "early_months": 8}));
    assert_eq!(
        (r.retirement_month.to_string(), r.retirement_age.to_string()),
        ("2026-04".into(), "50y0m".into())
    );
}

/// 提高最低缴费年限情况表 (T16): 2029 → 15y; 2030 → 15y6m; 2035 → 18y; 2039+ → 20y.
#[test]
fn minimum_contribution_by_year() {
    let s = snap();
    for (m, want) in [
        ("2024-06", 180),
        ("2029-12", 180),
        ("2030-01", 186),
        ("2035-09", 216),
        ("2039-01", 240),
        ("2050-06", 240),
    ] {
        assert_eq!(
            min_contribution_months(&s, ym(m)).expect("min").value,
            want,
            "{m}"
        );
    }
}

/// Eligibility with reasons (社会保险法 第十六条; 办法 第二条; 人社部发〔2014〕17号).
#[test]
fn eligibility_and_options() {
    let r = ok(json!({"birth": "1976-02", "category": "male", "contribution_months": 220}));
    let e = r.eligibility.expect("answered");
    assert!(!e.eligible);
    assert_eq!((e.required_months, e.short_by_months), (234, 14));
    let text = e.reasons.join(" ");
    assert!(text.contains("short by 14 months"), "{text}");
    assert!(
        text.contains("延长缴费") && text.contains("一次性缴费"),
        "{text}"
    );
    assert!(text.contains("residents' scheme"), "{text}");

    let r = ok(json!({"birth": "1976-02", "category": "male", "contribution_months": 234}));
    let e = r.eligibility.expect("answered");
    assert!(e.eligible && e.short_by_months == 0);

    // Early choice needs the minimum of the early year already met.
    let r = ok(
        json!({"birth": "1976-02", "category": "male", "early_months": 34,
                      "contribution_months": 221}),
    );
    let e = r.eligibility.expect("answered");
    assert!(!e.eligible);
    assert_eq!(e.short_by_months, 1);
    assert!(e.reasons.join(" ").contains("办法 第三条"));

    // Without contribution months there is no answer.
    assert!(
        ok(json!({"birth": "1976-02", "category": "male"}))
            .eligibility
            .is_none()
    );
}

/// Special routes (国发〔1978〕104号 第一条; kept by 办法 第八条): special work
/// 男 55 / 女 45; certified illness 男 50 / 女 45. The divisor uses the actual
/// age (§7.3: 55 → 170, 50 → 195; table 45 → 216).
#[test]
fn special_routes() {
    let cases = [
        ("male", "arduous_work", "1970-05", "55y0m", "2025-05", "170"),
        (
            "female_50",
            "arduous_work",
            "1980-05",
            "45y0m",
            "2025-05",
            "216",
        ),
        ("male", "disability", "1975-05", "50y0m", "2025-05", "195"),
        (
            "female_55",
            "disability",
            "1980-05",
            "45y0m",
            "2025-05",
            "216",
        ),
    ];
    for (cat, sp, birth, age, month, divisor) in cases {
        let r = ok(json!({"birth": birth, "category": cat, "special": sp}));
        assert_eq!(
            (
                r.retirement_age.to_string(),
                r.retirement_month.to_string(),
                r.divisor.map(|d| d.to_string())
            ),
            (
                age.to_string(),
                month.to_string(),
                Some(divisor.to_string())
            ),
            "{cat} {sp}"
        );
        assert!(r.special.is_some());
        // The conditions the engine cannot check are flagged.
        assert!(
            r.flags.iter().any(|f| f.starts_with("not checked")),
            "{:?}",
            r.flags
        );
    }
    let r = ok(json!({"birth": "1975-05", "category": "male", "special": "disability"}));
    assert_eq!(r.special, Some(Special::Disability));
    assert!(r.flags.iter().any(|f| f.contains("完全丧失劳动能力")));
    let r = ok(json!({"birth": "1970-05", "category": "male", "special": "arduous_work"}));
    assert!(r.flags.iter().any(|f| f.contains("井下")));
    // The statutory figures stay alongside.
    assert_eq!(r.statutory_age.to_string(), "61y5m");
}

#[test]
fn input_errors_all_at_once() {
    let e = run(
        json!({"birth": "1970-00", "category": "female_60", "special": "x",
                       "contribution_months": -3}),
    )
    .expect_err("invalid");
    assert_eq!(e.code(), "invalid_input");
    let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["birth", "category", "special", "contribution_months"]
    );

    for input in [
        json!({"category": "male"}),
        json!({"birth": "1970-01"}),
        json!({"birth": 197001, "category": "male"}),
        json!({"birth": "1970-01", "category": "male", "bogus": 1}),
        json!({"birth": "1970-01", "category": "male", "early_months": 1, "delay_months": 1}),
        json!({"birth": "1970-01", "category": "male", "special": "disability", "early_months": 1}),
        json!({"birth": "1970-01", "category": "male", "early_months": 1.5}),
        json!("1970-01"),
    ] {
        let e = run(input.clone()).expect_err("invalid");
        assert_eq!(e.code(), "invalid_input", "{input}");
    }
    // Past the calendar.
    let e = run(json!({"birth": "9990-01", "category": "male"})).expect_err("too late");
    assert_eq!(e.code(), "invalid_input");
    // Before any schedule is in force: a rule error, not a panic.
    let e = run(json!({"birth": "1900-01", "category": "male"})).expect_err("no rule");
    assert_eq!(e.code(), "rule_not_in_force");
}

#[test]
fn trace_names_sources() {
    let r = ok(json!({"birth": "1976-02", "category": "male", "contribution_months": 240}));
    let names: Vec<_> = r.trace.steps.iter().map(|s| s.name).collect();
    for n in [
        "schedule",
        "delay",
        "statutory_age",
        "elastic_window",
        "min_contribution_months",
        "eligibility",
        "divisor",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    let delay = r
        .trace
        .steps
        .iter()
        .find(|s| s.name == "delay")
        .expect("delay step");
    assert_eq!(
        delay.formula,
        "n = months from 1965-01 to 1976-02 = 133; delay = min(133 div 4 + 1, 36) = 34"
    );
    assert!(delay.params[0].provenance.source.contains("第一条"));
    let s = statutory(&snap(), ym("1976-02"), Category::Male).expect("statutory");
    assert_eq!(s.cohort_offset, Some(133));
}
