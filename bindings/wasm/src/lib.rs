//! The WebAssembly binding of pension-rules: one `Engine` class for Node
//! and the browser.
//!
//! Conversions and errors only: every computation is
//! [`pension_rules::api::Engine`]'s. Inputs and results are plain JS
//! objects; money is a decimal string (`"3000.50"`) both ways, an exact
//! integer is accepted, and a non-integer JS number is refused (a binary
//! float cannot hold most amounts exactly). Errors are thrown as JS `Error`s
//! with `name`, `code` (the library's stable code) and `details`.
//!
//! ```js
//! const { Engine } = require("pension-rules");
//! const engine = new Engine("cn/national");
//! engine.retirement({ birth: "1976-02", category: "male" }).statutory_age; // "62y10m"
//! ```

#[cfg(not(feature = "full"))]
mod estimator;
#[cfg(feature = "full")]
mod full;
#[cfg(feature = "full")]
mod types;

use pension_rules::error::InputErrors;
use pension_rules::{Error, FieldError};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A thrown JS error for a core error: `name` is the error class
/// (`InputError`, `RulesError`, `LoadError`, `NotApplicableError`), `code`
/// the stable code, `details` `{fields}`, the rule error, `{diagnostics}` or
/// `{}`.
fn js_error(e: &Error) -> JsValue {
    let name = e.class();
    let details = match e {
        // As reported: capped, echoes cut (InputErrors::shown).
        Error::Input(errs) => serde_json::json!({ "fields": errs.shown() }),
        Error::Rules(r) => serde_json::to_value(r).unwrap_or_default(),
        Error::Load(l) => serde_json::json!({ "diagnostics": l.diagnostics }),
        Error::NotApplicable(_) => serde_json::json!({}),
    };
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(name);
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    let _ = set("code", JsValue::from_str(e.code()));
    let report = e.report();
    let _ = set("messageZh", JsValue::from_str(report.message_zh));
    let _ = set("remedy", to_js(&report.remedy).unwrap_or(JsValue::NULL));
    let _ = set("details", to_js(&details).unwrap_or(JsValue::NULL));
    err.into()
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// A JS value as JSON. `undefined` and `null` fields are left out; a number
/// that is not an integer is refused with its path.
fn read(v: JsValue) -> Result<Value, Error> {
    let v: Value = serde_wasm_bindgen::from_value(v).map_err(|e| {
        Error::field(
            "input",
            format!("expected plain objects, arrays, strings, integers and booleans: {e}"),
        )
    })?;
    let mut errs = vec![];
    let v = clean(v, "", &mut errs);
    if errs.is_empty() {
        Ok(v)
    } else {
        Err(Error::Input(InputErrors(errs)))
    }
}

fn from_js(v: JsValue) -> Result<Value, JsValue> {
    read(v).or_throw()
}

fn clean(v: Value, path: &str, errs: &mut Vec<FieldError>) -> Value {
    match v {
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            errs.push(FieldError {
                path: if path.is_empty() {
                    "input".into()
                } else {
                    path.into()
                },
                message: format!(
                    "got the number {n}; a JS number cannot hold most amounts exactly, so \
                     amounts are passed as decimal strings: \"{n}\""
                ),
            });
            Value::Null
        }
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    let v = clean(v, &p, errs);
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(
            a.into_iter()
                .enumerate()
                .map(|(i, v)| clean(v, &format!("{path}[{i}]"), errs))
                .collect(),
        ),
        other => other,
    }
}

trait OrThrow<T> {
    fn or_throw(self) -> Result<T, JsValue>;
}

impl<T> OrThrow<T> for Result<T, Error> {
    fn or_throw(self) -> Result<T, JsValue> {
        self.map_err(|e| js_error(&e))
    }
}

/// The standard projection assumptions (`Assumptions::standard` in the
/// engine): the one default every front end offers, e.g. to pre-fill a form.
#[wasm_bindgen(js_name = standardAssumptions, unchecked_return_type = "ProjectionAssumptions")]
pub fn standard_assumptions() -> Result<JsValue, JsValue> {
    to_js(&pension_rules::projection::Assumptions::standard())
}

/// Today in the JS clock, `YYYY-MM-DD` (the default date of a rule listing).
fn today() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..10).unwrap_or_default().to_string()
}

/// A `YYYY-MM-DD` argument named `field` (default: today).
fn date_arg(field: &str, s: Option<String>) -> Result<chrono::NaiveDate, JsValue> {
    let s = s.unwrap_or_else(today);
    s.parse()
        .map_err(|_| Error::field(field, format!("expected YYYY-MM-DD, got {s:?}")))
        .or_throw()
}

/// `Engine.choices` of both engines: the values `field` takes from the
/// rule set's lists on `as_of`, with their titles.
fn choices(
    engine: &pension_rules::api::Engine,
    field: &str,
    as_of: Option<String>,
) -> Result<JsValue, JsValue> {
    to_js(&engine.choices(field, date_arg("asOf", as_of)?).or_throw()?)
}
