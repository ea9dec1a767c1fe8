//! Reading JSON inputs field by field, so that every problem of an input is
//! reported at once with its path (serde alone stops at the first one).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, FieldError, InputErrors};

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
            Some(v) => match T::deserialize(v) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.push(join(path, key), e.to_string());
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
