//! `Population::from_columns` (the columnar reader of the Python and
//! Arrow front ends) reads every row exactly as `Person::from_json` reads the
//! row's cells as JSON strings: the same person, or the same field errors
//! under `row N.`.

use pension_rules::population::{CellValue, Cells, Person, Population};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

const NAMES: [&str; 11] = [
    "id",
    "birth",
    "category",
    "first_contribution",
    "retirement_month",
    "deemed_months",
    "index",
    "indexes",
    "contribution_months",
    "average_index",
    "account_balance",
];

/// A cell as a front end holds it.
#[derive(Debug, Clone)]
enum Own {
    Text(String),
    Int(i64),
    Dec(Decimal),
}

struct Column(Vec<Option<Own>>);

impl Cells for Column {
    fn cell(&self, row: usize) -> Option<CellValue<'_>> {
        Some(match self.0.get(row)?.as_ref()? {
            Own::Text(s) => CellValue::Text(s),
            Own::Int(n) => CellValue::Int(*n),
            Own::Dec(d) => CellValue::Decimal(*d),
        })
    }
}

/// Plausible and implausible cells for each column: text, and for the
/// counts and amounts typed values too.
fn cell(col: usize) -> BoxedStrategy<Option<Own>> {
    let typed: BoxedStrategy<Own> = match NAMES[col] {
        "deemed_months" | "contribution_months" | "index" | "average_index" | "account_balance" => {
            prop_oneof![
                (-3i64..700).prop_map(Own::Int),
                (-5i64..40_000, 0u32..5).prop_map(|(m, s)| Own::Dec(Decimal::new(m, s))),
            ]
            .boxed()
        }
        _ => (-3i64..3000).prop_map(Own::Int).boxed(),
    };
    prop_oneof![
        9 => text_cell(col),
        1 => typed.prop_map(Some),
    ]
    .boxed()
}

fn text_cell(col: usize) -> BoxedStrategy<Option<Own>> {
    let month = prop_oneof![
        (1950i32..2080, 1u32..13).prop_map(|(y, m)| format!("{y:04}-{m:02}")),
        Just("1990-13".to_string()),
        Just("199-01".to_string()),
        Just(" 1990-01".to_string()),
    ];
    let decimal = prop_oneof![
        (0u32..40_000, 0u32..5).prop_map(|(m, s)| {
            let d = rust_decimal::Decimal::new(i64::from(m), s);
            d.to_string()
        }),
        Just("1e-1".to_string()),
        Just("-0.5".to_string()),
        Just("x".to_string()),
        Just(" 1.0".to_string()),
        Just("1.".to_string()),
        Just(".5".to_string()),
        Just("007.50".to_string()),
        Just("1_000".to_string()),
        Just("+0.8".to_string()),
        Just("1234567890123456789.5".to_string()),
    ];
    let count = prop_oneof![
        (0u32..600).prop_map(|n| n.to_string()),
        Just(" 12 ".to_string()),
        Just("+7".to_string()),
        Just("-1".to_string()),
        Just("1.5".to_string()),
    ];
    let text: BoxedStrategy<String> = match NAMES[col] {
        "id" => "[a-z0-9]{0,6}".boxed(),
        "category" => prop_oneof![
            Just("male".to_string()),
            Just("female_50".to_string()),
            Just("female_55".to_string()),
            Just("Male".to_string()),
        ]
        .boxed(),
        "birth" | "first_contribution" | "retirement_month" => month.boxed(),
        "deemed_months" | "contribution_months" => count.boxed(),
        "indexes" => prop::collection::vec(decimal.clone(), 1..4)
            .prop_map(|v| v.join(";"))
            .boxed(),
        _ => decimal.boxed(),
    };
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Own::Text(String::new()))),
        8 => text.prop_map(|t| Some(Own::Text(t))),
    ]
    .boxed()
}

fn row() -> impl Strategy<Value = Vec<Option<Own>>> {
    (0..NAMES.len()).map(cell).collect::<Vec<_>>()
}

/// What the list front end sends: text and decimals as strings, integers
/// as numbers, empty text left out.
fn by_json(cells: &[Option<Own>], i: usize) -> Result<Person, Vec<(String, String)>> {
    let mut m = Map::new();
    for (name, c) in NAMES.iter().zip(cells) {
        let v = match c {
            None => continue,
            Some(Own::Text(s)) if s.is_empty() => continue,
            Some(Own::Text(s)) => Value::String(s.clone()),
            Some(Own::Int(n)) => Value::from(*n),
            Some(Own::Dec(d)) => Value::String(d.to_string()),
        };
        m.insert((*name).to_string(), v);
    }
    let id = m.get("id").and_then(Value::as_str).map(str::to_string);
    Person::from_json(&Value::Object(m)).map_err(|e| {
        pension_rules::population::row_error(i + 1, id.as_deref(), e)
            .fields()
            .iter()
            .map(|f| (f.path.clone(), f.message.clone()))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn columns_read_like_json(rows in prop::collection::vec(row(), 1..12)) {
        let columns: Vec<(&str, Column)> = NAMES
            .iter()
            .enumerate()
            .map(|(c, name)| (*name, Column(rows.iter().map(|r| r[c].clone()).collect())))
            .collect();
        let pop = Population::from_columns(&columns, rows.len()).unwrap();
        prop_assert_eq!(pop.rows.len(), rows.len());
        for (i, (got, cells)) in pop.rows.iter().zip(&rows).enumerate() {
            let want = by_json(cells, i);
            match (got, want) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, &b),
                (Err(e), Err(w)) => {
                    let got: Vec<(String, String)> =
                        e.fields().iter().map(|f| (f.path.clone(), f.message.clone())).collect();
                    prop_assert_eq!(got, w);
                }
                (a, b) => prop_assert!(false, "row {}: {:?} vs {:?}", i, a, b),
            }
        }
    }
}

/// Speed of the reader (`cargo test --release --test population_columns_props
/// -- --ignored --nocapture`).
#[test]
#[ignore]
fn reader_speed() {
    use pension_rules::population::synthetic::{Config, generate};
    use pension_rules::rules::RuleSet;
    let snap = RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .at("2026-01-01".parse().unwrap());
    let pop = generate(&Config::shaanxi(200_000, 7), &snap);
    let persons: Vec<&Person> = pop.rows.iter().flatten().collect();
    let text = |f: &dyn Fn(&Person) -> Option<String>| {
        Column(persons.iter().map(|p| f(p).map(Own::Text)).collect())
    };
    let cols = [
        ("id", text(&|p| Some(p.id.clone()))),
        ("birth", text(&|p| Some(p.birth.to_string()))),
        ("category", text(&|p| Some(p.category.name().into()))),
        (
            "first_contribution",
            text(&|p| Some(p.first_contribution.to_string())),
        ),
        (
            "index",
            Column(persons.iter().map(|p| p.index.map(Own::Dec)).collect()),
        ),
        (
            "indexes",
            text(&|p| {
                p.indexes.as_ref().map(|l| {
                    l.0.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(";")
                })
            }),
        ),
    ];
    for k in [cols.len(), cols.len() - 1, 4, 1] {
        let t = std::time::Instant::now();
        let p = Population::from_columns(&cols[..k], persons.len()).unwrap();
        let ok = p.rows.iter().filter(|r| r.is_ok()).count();
        eprintln!(
            "{k} columns: {} rows ({ok} read) in {:?}",
            p.rows.len(),
            t.elapsed()
        );
    }
}

#[test]
fn unknown_column_is_an_error_of_the_input() {
    let cols = [("id", vec![Some("a")]), ("colour", vec![Some("red")])];
    let e = Population::from_columns(&cols, 1).unwrap_err();
    assert_eq!(e.fields()[0].path, "columns.colour");
}

#[test]
fn a_batch_names_rows_in_the_whole_population() {
    let cols = [
        ("id", vec![Some("a")]),
        ("birth", vec![Some("1990-13")]),
        ("category", vec![Some("male")]),
        ("first_contribution", vec![Some("2012-07")]),
    ];
    let p = Population::from_columns_numbered(&cols, 1, 41).unwrap();
    let e = p.rows[0].as_ref().unwrap_err();
    assert_eq!(e.fields()[0].path, "row 42.birth");
}
