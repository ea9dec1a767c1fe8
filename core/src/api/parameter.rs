//! One parameter of a rule set (法规参数): the value in force on a date
//! with its source, and its whole dated history with every entry's source
//! — what `pension-rules rules show` prints for every parameter, for one;
//! the HTTP service's `GET /v1/rulesets/{id}/parameters/{path}` and the
//! rules explorer read it.

use chrono::NaiveDate;
use serde::Serialize;

use super::Engine;
use crate::error::Error;
use crate::rules::{Param, Resolved};

/// One parameter on a date: the value in force and its history.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ParameterView {
    /// Rule-set id (with overlays).
    pub ruleset: String,
    /// Its version.
    pub version: String,
    /// sha256 of its canonical form.
    pub hash: String,
    /// The parameter's name (`pension.base`).
    pub name: String,
    /// The date the value is in force on.
    pub as_of: NaiveDate,
    /// As known on this date (published by then), if asked.
    pub known_on: Option<NaiveDate>,
    /// The values in force on `as_of`, each with its source (as `rules
    /// show` gives them).
    pub in_force: Resolved,
    /// Every dated entry of the parameter, each with its source.
    pub history: Param,
}

impl Engine {
    /// The parameter `name` in force on `date` (as known on `known_on`),
    /// with its source and history; an unknown name is an input error at
    /// `path`.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// let e = Engine::embedded("cn/shaanxi").unwrap();
    /// let names: Vec<String> = e.rules().params().keys().cloned().collect();
    /// let p = e.parameter(&names[0], "2025-01-01".parse().unwrap(), None).unwrap();
    /// assert_eq!(p.name, names[0]);
    /// assert_eq!(e.parameter("no.such", "2025-01-01".parse().unwrap(), None).unwrap_err().fields()[0].path, "path");
    /// ```
    pub fn parameter(
        &self,
        name: &str,
        date: NaiveDate,
        known_on: Option<NaiveDate>,
    ) -> Result<ParameterView, Error> {
        let rs = self.rules();
        let history = rs
            .param(name)
            .ok_or_else(|| {
                Error::field(
                    "path",
                    format!("no parameter {name:?} in rule set {}", rs.id()),
                )
            })?
            .clone();
        let in_force = rs
            .resolve(date, known_on)
            .into_iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| Resolved {
                name: name.to_string(),
                title: history.title.clone(),
                unit: history.unit.clone(),
                values: vec![],
            });
        Ok(ParameterView {
            ruleset: rs.id().to_string(),
            version: rs.version().to_string(),
            hash: rs.hash().to_string(),
            name: name.to_string(),
            as_of: date,
            known_on,
            in_force,
            history,
        })
    }
}
