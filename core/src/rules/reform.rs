//! Reforms in one line (改革情景): a flat map from dotted parameter paths to
//! values by period — the form PolicyEngine's users write,
//! `{"contribution.employer_rate": {"2027-01": "0.14"}}` — turned into an
//! overlay of the rule format (docs/rules-format.md, "Layering and
//! overlays"), so every front end that takes an overlay as data takes a
//! reform written this way too.
//!
//! A period key is a month (`2027-01`), a day (`2027-01-01`), a range of
//! days (`2030-01-01.2039-12-31`, the last day inclusive), a year (`2030`,
//! for a yearly series) or a range of years (`2030.2035`). A value is what
//! the parameter's entries hold: a decimal for a dated or yearly value, the
//! changed rows for a table (rows not given carry over from the version in
//! force before), the fields of an entry for a schedule or a family member.
//! Every value's source is the reform's label, marked as hypothetical, so
//! every explanation that uses it says so.
//!
//! ```
//! use pension_rules::rules::reform::overlay_from_paths;
//! let reform = serde_json::json!({
//!     "contribution.employer_rate": {"2027-01": "0.14"},
//!     "award.annuity_divisor": {"2030-01": {"60": "135"}}});
//! let o = overlay_from_paths("lower rate", reform.as_object().unwrap(), None).unwrap();
//! assert_eq!(o["overlay"]["id"], "reform/lower-rate");
//! let v = &o["contribution"]["employer_rate"]["values"][0];
//! assert_eq!((v["from"].as_str(), v["value"].as_str()), (Some("2027-01-01"), Some("0.14")));
//! assert_eq!(o["award"]["annuity_divisor"]["versions"][0]["rows"]["60"], "135");
//! ```

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::registry::{self, Shape};
use crate::error::{Error, FieldError, InputErrors};

/// Whether `data` is a reform in dotted-path form: an object without an
/// `overlay` header whose keys are all dotted parameter paths.
pub fn is_dotted(data: &Value) -> bool {
    data.as_object().is_some_and(|m| {
        !m.is_empty() && !m.contains_key("overlay") && m.keys().all(|k| k.contains('.'))
    })
}

/// The source every value of the reform `label` carries.
pub fn source(label: &str) -> String {
    format!("reform «{label}»: hypothetical scenario, not law")
}

/// The overlay (as data, for `Engine::with_overlay_data`) of the reform
/// `paths` labelled `label`; every problem at once, each at its path.
///
/// A range of days ends the reform's value on its last day; with `base`
/// (the rules the overlay goes on), the value or table `base` has in force
/// the day after comes back then, with its own source — unless the reform
/// gives that day a value of its own. Without `base` nothing follows the
/// range, as an `until` in a rule file.
pub fn overlay_from_paths(
    label: &str,
    paths: &Map<String, Value>,
    base: Option<&super::RuleSet>,
) -> Result<Value, Error> {
    let mut errors = vec![];
    let mut out = Map::new();
    out.insert(
        "overlay".into(),
        json!({"id": format!("reform/{}", slug(label)), "title": label}),
    );
    let src = source(label);
    for (path, periods) in paths {
        let Some(spec) = registry::spec(path) else {
            errors.push(problem(path, unknown(path)));
            continue;
        };
        let Some(periods) = periods.as_object().filter(|p| !p.is_empty()) else {
            errors.push(problem(
                path,
                "expected values by period: {\"2030-01\": value, …}",
            ));
            continue;
        };
        let mut entries = vec![];
        for (period, value) in periods {
            let at = format!("{path}.{period}");
            match entry(spec.shape, period, value, &src) {
                Ok(e) => entries.extend(e),
                Err(m) => errors.push(problem(&at, m)),
            }
        }
        if let Some(base) = base {
            let after = restored(base, path, spec.shape, &entries);
            entries.extend(after);
        }
        let list = match spec.shape {
            Shape::Dated | Shape::Yearly => "values",
            Shape::Table { .. } | Shape::Schedule => "versions",
        };
        insert(&mut out, path, json!({ list: entries }));
    }
    if errors.is_empty() {
        Ok(Value::Object(out))
    } else {
        Err(Error::Input(InputErrors(errors)))
    }
}

/// The entries one period key and its value make under `shape`.
fn entry(shape: Shape, period: &str, value: &Value, src: &str) -> Result<Vec<Value>, String> {
    let fields = |mut e: Map<String, Value>| -> Result<Value, String> {
        match value {
            Value::Object(m) if matches!(shape, Shape::Table { .. }) => {
                e.insert("rows".into(), Value::Object(m.clone()));
            }
            Value::Object(m) => {
                for (k, v) in m {
                    if matches!(k.as_str(), "from" | "until" | "year" | "source") {
                        return Err(format!(
                            "`{k}` comes from the period key and the reform's label"
                        ));
                    }
                    e.insert(k.clone(), v.clone());
                }
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_)
                if matches!(shape, Shape::Dated | Shape::Yearly) =>
            {
                e.insert("value".into(), value.clone());
            }
            _ => {
                return Err(match shape {
                    Shape::Table { .. } => "expected the changed rows: {\"60\": \"150\", …}".into(),
                    Shape::Schedule => "expected the version's fields as an object".into(),
                    _ => "expected a value (a decimal string) or an entry's fields".into(),
                });
            }
        }
        e.insert("source".into(), Value::String(src.to_string()));
        Ok(Value::Object(e))
    };
    if let Shape::Yearly = shape {
        let (first, last) = years(period)?;
        return (first..=last)
            .map(|y| fields(Map::from_iter([("year".to_string(), json!(y))])))
            .collect();
    }
    let (from, until) = days(period)?;
    let mut e = Map::new();
    e.insert("from".into(), json!(from.to_string()));
    if let Some(u) = until {
        e.insert("until".into(), json!(u.to_string()));
    }
    fields(e).map(|e| vec![e])
}

/// The entries that bring back, the day after each range of `entries`,
/// what `base` has in force then (where the reform says nothing of that
/// day itself).
fn restored(base: &super::RuleSet, path: &str, shape: Shape, entries: &[Value]) -> Vec<Value> {
    let starts: Vec<&str> = entries.iter().filter_map(|e| e["from"].as_str()).collect();
    let mut out = vec![];
    for e in entries {
        let Some(next) = e["until"]
            .as_str()
            .and_then(|u| u.parse::<NaiveDate>().ok())
            .and_then(|u| u.succ_opt())
        else {
            continue;
        };
        let day = next.to_string();
        if starts.contains(&day.as_str()) {
            continue;
        }
        let Some(p) = base
            .resolve(next, None)
            .into_iter()
            .find(|p| p.name == path)
        else {
            continue;
        };
        let again = |src: &str| format!("{src} (in force again after the reform)");
        match (shape, p.values.as_slice()) {
            (Shape::Dated, [v]) if v.key.is_none() => out.push(json!({
                "from": day, "value": v.value, "source": again(&v.provenance.source)})),
            (Shape::Table { .. }, [first, ..]) => {
                let rows: Map<String, Value> = p
                    .values
                    .iter()
                    .filter_map(|v| Some((v.key.clone()?, Value::String(v.value.clone()))))
                    .collect();
                out.push(json!({"from": day, "rows": rows,
                    "source": again(&first.provenance.source)}));
            }
            _ => {}
        }
    }
    out
}

/// `2030` or `2030.2035` as its first and last year.
fn years(period: &str) -> Result<(i32, i32), String> {
    let year = |s: &str| {
        s.parse::<i32>()
            .ok()
            .filter(|y| crate::bounds::YEARS.contains(y) && s.len() == 4)
            .ok_or_else(|| format!("{period:?} is not a year (`2030`) or a range of years (`2030.2035`) for a yearly series"))
    };
    let (a, b) = match period.split_once('.') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(period)?, year(period)?),
    };
    if b < a {
        return Err(format!("{period:?}: the range ends before it starts"));
    }
    Ok((a, b))
}

/// `2030-01`, `2030-01-01` or `2030-01-01.2039-12-31` as its first day and
/// its last (inclusive, where given).
fn days(period: &str) -> Result<(NaiveDate, Option<NaiveDate>), String> {
    let day = |s: &str| {
        let d = if s.len() == 7 {
            NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
        } else {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
        };
        d.ok()
            .filter(|_| s.len() == 7 || s.len() == 10)
            .filter(|d| crate::bounds::YEARS.contains(&chrono::Datelike::year(d)))
            .ok_or_else(|| {
                format!("{period:?} is not a month (`2030-01`), a day (`2030-01-01`) or a range (`2030-01-01.2039-12-31`)")
            })
    };
    match period.split_once('.') {
        Some((a, b)) => {
            let (a, b) = (day(a)?, day(b)?);
            if b < a {
                return Err(format!("{period:?}: the range ends before it starts"));
            }
            Ok((a, Some(b)))
        }
        None => Ok((day(period)?, None)),
    }
}

/// `value` placed at the dotted `path` below `out`.
fn insert(out: &mut Map<String, Value>, path: &str, value: Value) {
    let mut node = out;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            node.insert(part.to_string(), value);
            return;
        }
        let next = node
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        let Value::Object(m) = next else { return };
        node = m;
    }
}

/// The message for an unknown path, with the nearest known names.
fn unknown(path: &str) -> String {
    let prefix = path.split('.').next().unwrap_or_default();
    let mut near = registry::siblings(path);
    near.truncate(12);
    if near.is_empty() {
        format!("unknown parameter `{path}` (`pension-rules rules show` lists every parameter)")
    } else {
        format!(
            "unknown parameter `{path}`; known under `{prefix}`: {}",
            near.join(", ")
        )
    }
}

fn problem(path: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        path: path.to_string(),
        message: message.into(),
    }
}

/// A label as an overlay id segment: lowercase letters, digits and `-`.
fn slug(label: &str) -> String {
    let mut s = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        // A label in other letters (降低费率): named by its digest, so
        // that two such reforms keep two ids.
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(label.as_bytes());
        format!("scenario-{:02x}{:02x}{:02x}{:02x}", d[0], d[1], d[2], d[3])
    } else {
        s
    }
}
