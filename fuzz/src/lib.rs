//! Helpers shared by the fuzz targets: splitting one input into rule files,
//! the sample cases a fuzzed rule set is exercised with, and a
//! structure-aware mutator of vector cases.
//!
//! Every target's only oracle is "no panic" plus a few cheap invariants
//! (one result per input row or case, in order); a failed `assert!` is a
//! finding like a crash.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use arbitrary::{Result as ArbResult, Unstructured};
use chrono::NaiveDate;
use pension_rules::api::{Engine, Kind};
use pension_rules::rules::RuleSet;
use serde_json::{Map, Value};

/// The vector files, compiled in so the targets need no files at run time.
pub const VECTOR_FILES: &[&str] = &[
    include_str!("../../tests/vectors/account.json"),
    include_str!("../../tests/vectors/adjustment.json"),
    include_str!("../../tests/vectors/award-history.json"),
    include_str!("../../tests/vectors/award.json"),
    include_str!("../../tests/vectors/contribution.json"),
    include_str!("../../tests/vectors/invalid.json"),
    include_str!("../../tests/vectors/retirement.json"),
    include_str!("../../tests/vectors/survivor.json"),
    include_str!("../../tests/vectors/transfer.json"),
];

/// Every vector case, as JSON.
pub fn vector_cases() -> &'static [Value] {
    static CASES: OnceLock<Vec<Value>> = OnceLock::new();
    CASES.get_or_init(|| {
        VECTOR_FILES
            .iter()
            .filter_map(|t| serde_json::from_str::<Value>(t).ok())
            .flat_map(|v| match v {
                Value::Array(a) => a,
                other => vec![other],
            })
            .collect()
    })
}

/// One passing input per kind (the first case of the kind without an
/// expected error), to run a fuzzed rule set through every engine.
pub fn sample_inputs() -> &'static [(String, Value)] {
    static SAMPLES: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let mut by_kind: BTreeMap<String, Value> = BTreeMap::new();
        for c in vector_cases() {
            let (Some(kind), Some(input)) = (c.get("kind").and_then(Value::as_str), c.get("input"))
            else {
                continue;
            };
            if c.pointer("/expect/error").is_some() {
                continue;
            }
            by_kind
                .entry(kind.to_string())
                .or_insert_with(|| input.clone());
        }
        by_kind.into_iter().collect()
    })
}

/// An embedded rule set, loaded once.
pub fn embedded(id: &str) -> Option<RuleSet> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Option<RuleSet>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut c = cache.lock().ok()?;
    c.entry(id.to_string())
        .or_insert_with(|| RuleSet::embedded(id).ok())
        .clone()
}

/// Resolve a fuzzed rule set at a few dates, list every value, and run the
/// sample input of every kind against it.
pub fn exercise(rules: &RuleSet) {
    let _ = (rules.id(), rules.version(), rules.hash());
    for (y, m, d) in [(1990, 1, 1), (2025, 1, 1), (2060, 12, 31)] {
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            let snap = rules.at(date);
            let _ = rules.resolve(date, Some(date));
            drop(snap);
        }
    }
    let engine = Engine::from_rules(rules.clone());
    for (kind, input) in sample_inputs() {
        if let Ok(kind) = kind.parse::<Kind>() {
            let _ = engine.figures(kind, input);
        }
    }
}

/// Split one fuzz input into rule files: a line `=== path` starts a file;
/// text before the first such line is `ruleset.toml` at the root.
pub fn split_files(text: &str) -> Vec<(String, Arc<str>)> {
    let mut files = vec![];
    let mut path = "ruleset.toml".to_string();
    let mut body = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(p) = line.strip_prefix("=== ") {
            if !body.is_empty() || path != "ruleset.toml" {
                files.push((path, Arc::from(body.as_str())));
            }
            path = p.trim().to_string();
            body.clear();
        } else {
            body.push_str(line);
        }
    }
    files.push((path, Arc::from(body.as_str())));
    files
}

/// Values that break naive code: huge and tiny decimals, overflowing
/// integers, impossible months, wrong types.
pub fn interesting(u: &mut Unstructured<'_>) -> ArbResult<Value> {
    const STRINGS: &[&str] = &[
        "",
        " ",
        "0",
        "-0",
        "-1",
        "0.005",
        "1e30",
        "1E-30",
        "-1e30",
        "0.0000000000000000000000000001",
        "9999999999999999999999999999",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "79228162514264337593543950336",
        "7.9228162514264337593543950335",
        "NaN",
        "inf",
        "1_000",
        "6,000",
        "２０００",
        "0001-01",
        "9999-12",
        "10000-01",
        "0000-00",
        "2025-13",
        "2025-00",
        "-2025-01",
        "1900-01",
        "2200-12",
        "2025-1",
        "male",
        "female",
        "female_cadre",
        "employee",
        "flexible",
        "death",
        "emigration",
        "610000",
        "610100",
        "440300",
        "000000",
        "999999",
        "63y0m",
        "999y11m",
        "-1y0m",
        "cn/national",
        "cn/shaanxi",
        "\u{0}",
    ];
    const INTS: &[i64] = &[
        0,
        1,
        -1,
        11,
        12,
        13,
        59,
        60,
        180,
        9999,
        10000,
        i32::MAX as i64,
        i32::MIN as i64,
        i32::MAX as i64 + 1,
        u32::MAX as i64,
        u32::MAX as i64 + 1,
        i64::MAX,
        i64::MIN,
    ];
    Ok(match u.int_in_range(0..=9)? {
        0..=4 => Value::String((*u.choose(STRINGS)?).to_string()),
        5..=7 => Value::from(*u.choose(INTS)?),
        8 => match u.int_in_range(0..=5)? {
            0 => Value::Null,
            1 => Value::Bool(u.arbitrary()?),
            2 => Value::Array(vec![]),
            3 => Value::Object(Map::new()),
            4 => serde_json::Number::from_f64(*u.choose(&[1e30, -1e308, 0.5, 1e-30])?)
                .map_or(Value::Null, Value::Number),
            _ => Value::from(u64::MAX),
        },
        _ => Value::String(u.arbitrary::<String>()?),
    })
}

/// Field names found in the vectors, to add where they do not belong.
fn field_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = std::collections::BTreeSet::new();
        fn walk(v: &Value, out: &mut std::collections::BTreeSet<String>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        out.insert(k.clone());
                        walk(x, out);
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        for c in vector_cases() {
            if let Some(i) = c.get("input") {
                walk(i, &mut names);
            }
        }
        names.into_iter().collect()
    })
}

/// Apply one random mutation somewhere in `v`.
pub fn mutate(v: &mut Value, u: &mut Unstructured<'_>) -> ArbResult<()> {
    // Walk down a random path; stop at a leaf or when the input says so.
    let descend = u.arbitrary::<bool>()?;
    match v {
        Value::Object(m) if !m.is_empty() && descend => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = u.choose(&keys)?;
            if let Some(x) = m.get_mut(k) {
                return mutate(x, u);
            }
            Ok(())
        }
        Value::Array(a) if !a.is_empty() && descend => {
            let i = u.choose_index(a.len())?;
            mutate(&mut a[i], u)
        }
        Value::Object(m) => {
            match u.int_in_range(0..=3)? {
                0 if !m.is_empty() => {
                    let keys: Vec<String> = m.keys().cloned().collect();
                    let k = u.choose(&keys)?.clone();
                    m.remove(&k);
                }
                1 => {
                    let k = u.choose(field_names())?.clone();
                    let x = interesting(u)?;
                    m.insert(k, x);
                }
                2 if !m.is_empty() => {
                    let keys: Vec<String> = m.keys().cloned().collect();
                    let k = u.choose(&keys)?.clone();
                    let x = interesting(u)?;
                    m.insert(k, x);
                }
                _ => *v = interesting(u)?,
            }
            Ok(())
        }
        Value::Array(a) => {
            match u.int_in_range(0..=4)? {
                0 if !a.is_empty() => {
                    let i = u.choose_index(a.len())?;
                    let x = a[i].clone();
                    let n = u.int_in_range(1..=40)?;
                    for _ in 0..n {
                        a.insert(i, x.clone());
                    }
                }
                1 if !a.is_empty() => {
                    let i = u.choose_index(a.len())?;
                    a.remove(i);
                }
                2 if a.len() > 1 => {
                    let i = u.choose_index(a.len())?;
                    let j = u.choose_index(a.len())?;
                    a.swap(i, j);
                }
                3 => a.clear(),
                _ => *v = interesting(u)?,
            }
            Ok(())
        }
        Value::String(s) => {
            match u.int_in_range(0..=4)? {
                // Scale an amount or shift a date.
                0 => s.push_str(u.choose(&["0", "000000000", ".5", ".0000000001", "9"])?),
                1 => s.insert(0, *u.choose(&['-', '+', ' ', '0', '9'])?),
                2 if !s.is_empty() => {
                    let cut = u.choose_index(s.len())?;
                    if s.is_char_boundary(cut) {
                        s.truncate(cut);
                    }
                }
                _ => *v = interesting(u)?,
            }
            Ok(())
        }
        _ => {
            *v = interesting(u)?;
            Ok(())
        }
    }
}

/// The domain invariants every result that computes must satisfy (issue
/// 16: nothing nonsensical computed without a word), asserted by the
/// targets on every `Ok`:
///
/// * no balance is negative: every decimal under a key naming a balance
///   (`account_balance`, `balance`, `opening_balance`, `closing_balance`, …);
/// * every award in the result (an award, a projection's or a transfer's
///   award, a recomputation's) has its average index within the highest
///   cap a rule set may declare (`award.index_cap`'s declared range) when
///   the input gave it, and its pension within a bound derived from its
///   own base, months and balance: the basic pension at most
///   C × (1 + Ī)/2 × years × 5 % (the basic rate's declared maximum), the
///   account pension at most the balance ÷ 50 (the divisor's declared
///   minimum), each plus a fen of rounding; the total is not negative.
pub fn assert_invariants(what: &str, input: &Value, result: &Value) {
    use rust_decimal::Decimal;
    let dec = |v: Option<&Value>| -> Option<Decimal> {
        match v? {
            Value::String(s) => s.parse().ok(),
            Value::Number(n) => n.to_string().parse().ok(),
            _ => None,
        }
    };
    let fen = Decimal::new(1, 2);
    let given_index = input.get("average_index").is_some()
        || input
            .get("award")
            .and_then(|a| a.get("average_index"))
            .is_some();
    let (_, cap_max) = pension_rules::rules::params_range("award.index_cap").unwrap_or(("", "10"));
    let cap_max: Decimal = cap_max.parse().unwrap_or(Decimal::TEN);
    fn walk(v: &Value, f: &mut dyn FnMut(&str, &Value, &Map<String, Value>)) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    f(k, x, m);
                    walk(x, f);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
            _ => {}
        }
    }
    let mut checked_awards = std::collections::BTreeSet::new();
    walk(result, &mut |k, x, parent| {
        if k.contains("balance")
            && let Some(d) = dec(Some(x))
        {
            assert!(d >= Decimal::ZERO, "{what}: negative {k} {d}");
        }
        // An award: the object holding `basic_pension` and `account_pension`.
        if k == "basic_pension" && parent.contains_key("account_pension") {
            let key = parent as *const _ as usize;
            if !checked_awards.insert(key) {
                return;
            }
            let basic = dec(parent.get("basic_pension")).unwrap_or_default();
            let account = dec(parent.get("account_pension")).unwrap_or_default();
            let total = dec(parent.get("total"));
            let index = dec(parent.get("average_index"));
            let c = dec(parent.get("pension_base"));
            let months = dec(parent.get("contribution_months_exact"))
                .or_else(|| dec(parent.get("contribution_months")))
                .unwrap_or_default()
                + dec(parent.get("deemed_months_exact"))
                    .or_else(|| dec(parent.get("deemed_months")))
                    .unwrap_or_default();
            let balance = dec(parent.get("account_balance"));
            if let Some(t) = total {
                assert!(t >= Decimal::ZERO, "{what}: negative total {t}");
            }
            assert!(
                basic >= Decimal::ZERO && account >= Decimal::ZERO,
                "{what}: negative component"
            );
            if given_index && let Some(i) = index {
                assert!(i <= cap_max, "{what}: average index {i} above any cap");
            }
            let stated = parent.contains_key("contribution_months");
            let bound = index.filter(|_| stated).zip(c).and_then(|(i, c)| {
                c.checked_mul(Decimal::ONE.checked_add(i)?)?
                    .checked_mul(months)?
                    .checked_mul(Decimal::new(5, 2))?
                    .checked_div(Decimal::from(24))?
                    .checked_add(fen)
            });
            if let Some(bound) = bound {
                assert!(
                    basic <= bound,
                    "{what}: basic pension {basic} above the bound {bound}"
                );
            }
            // Only where the result states its balance (figures may not).
            if let Some(balance) = balance {
                let bound = balance / Decimal::from(50) + fen;
                assert!(
                    account <= bound,
                    "{what}: account pension {account} above balance/50 = {bound}"
                );
            }
        }
    });
}
