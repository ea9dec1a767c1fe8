//! Reading JSON inputs field by field, so that every problem of an input is
//! reported at once with its path (serde alone stops at the first one).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, FieldError, InputErrors};

/// The one refusal of a JSON float where an exact number belongs: amounts,
/// indexes and rates are decimals read from their digits (`rust_decimal`,
/// never `f64`), so that every figure is exact to the fen. Front ends that
/// refuse a float of their own (a Python `float`) say the same
/// ([`crate::error::FLOAT_REFUSED`]).
pub const FLOAT_REFUSED: &str = "a decimal must be written as a string (\"0.8\") or an integer, not a float: a float cannot carry a fen exactly";

/// The path, below `v`, of the first JSON float in `v` (`""` for `v`
/// itself, else `.key` / `[i]` steps), if any.
fn float_in(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) if n.is_f64() => Some(String::new()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| float_in(x).map(|p| format!("[{i}]{p}"))),
        Value::Object(m) => m.iter().find_map(|(k, x)| {
            float_in(x).map(|p| {
                if k.is_empty() {
                    format!("[\"\"]{p}")
                } else {
                    format!(".{k}{p}")
                }
            })
        }),
        _ => None,
    }
}

/// The message for a value that did not read: [`FLOAT_REFUSED`] when it
/// holds a float (the reason it cannot be read exactly), else serde's.
pub(crate) fn refusal(v: &Value, serde_error: impl std::fmt::Display) -> String {
    match float_in(v) {
        Some(_) => FLOAT_REFUSED.to_string(),
        None => {
            let m = serde_error.to_string();
            match crate::api::lenient::split_path(&m) {
                ("", msg) => msg.to_string(),
                (sub, msg) => format!("{}: {msg}", sub.strip_prefix('.').unwrap_or(sub)),
            }
        }
    }
}

/// [`refusal`] as a path below `v` (empty: `v` itself) and the message.
fn refusal_at(v: &Value, serde_error: impl std::fmt::Display) -> (String, String) {
    match float_in(v) {
        Some(p) => (p, FLOAT_REFUSED.to_string()),
        None => {
            let m = serde_error.to_string();
            let (sub, msg) = crate::api::lenient::split_path(&m);
            (sub.to_string(), msg.to_string())
        }
    }
}

/// The input error of a whole input that did not read: at the first float's
/// path with [`FLOAT_REFUSED`] when it holds a float, else at `input` with
/// serde's message.
pub(crate) fn input_refusal(v: &Value, serde_error: impl std::fmt::Display) -> Error {
    match float_in(v) {
        Some(p) => Error::field(
            match p.strip_prefix('.') {
                Some(p) => p.to_string(),
                None if p.is_empty() => "input".to_string(),
                None => p,
            },
            FLOAT_REFUSED,
        ),
        None => {
            let (sub, msg) = refusal_at(v, serde_error);
            match sub.strip_prefix('.') {
                Some(p) => Error::field(p, msg),
                None if sub.is_empty() => Error::field("input", msg),
                None => Error::field(sub, msg),
            }
        }
    }
}

/// Collects field problems while an input is read.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    errors: Vec<FieldError>,
}

/// `path.key`, or `key` at the top level; an empty key is written `[""]` so
/// that no path is empty.
pub(crate) fn join(path: &str, key: &str) -> String {
    if key.is_empty() {
        format!("{path}[\"\"]")
    } else if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Fields {
    /// Record a problem.
    pub(crate) fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }

    /// `v` as an object whose keys are all in `allowed`.
    pub(crate) fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(m) = v else {
            self.push(
                if path.is_empty() { "input" } else { path },
                "expected an object",
            );
            return None;
        };
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                self.push(
                    join(path, k),
                    format!("unknown field; expected one of {}", allowed.join(", ")),
                );
            }
        }
        Some(m)
    }

    /// An optional field (absent or `null` gives `None`).
    pub(crate) fn opt<T: DeserializeOwned>(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<T> {
        match m.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => match T::deserialize(crate::api::lenient::strict(v)) {
                Ok(t) => Some(t),
                Err(e) => {
                    let (sub, msg) = refusal_at(v, e);
                    self.push(format!("{}{sub}", join(path, key)), msg);
                    None
                }
            },
        }
    }

    /// A required field.
    pub(crate) fn req<T: DeserializeOwned>(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<T> {
        if matches!(m.get(key), None | Some(Value::Null)) {
            self.push(join(path, key), "missing");
            return None;
        }
        self.opt(m, path, key)
    }

    /// `Ok(())` when nothing is wrong, else every problem found.
    pub(crate) fn finish(self) -> Result<(), Error> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(InputErrors(self.errors)))
        }
    }
}
