//! Explanations: every figure with its formula in words, its inputs, and the
//! rule parameters (with legal sources) it used.
//!
//! Tracing is on for single cases and can be switched off for batch speed;
//! the closures that build steps then never run.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use crate::rules::{Identity, Provenance, Snapshot, Sourced};

/// One rule parameter used by a step.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ParamUse {
    /// Registered parameter name (`award.pension_base`).
    pub param: Cow<'static, str>,
    /// Row or year, where the parameter has keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value used.
    pub value: String,
    /// Its legal source.
    pub provenance: Arc<Provenance>,
}

impl ParamUse {
    /// Replace the displayed value (a table's row, a variant's name).
    pub fn with_value(mut self, value: impl ToString) -> Self {
        self.value = value.to_string();
        self
    }

    /// From a resolved value.
    pub fn of<T: std::fmt::Display>(s: &Sourced<T>) -> Self {
        ParamUse {
            param: Cow::Borrowed(s.param),
            key: None,
            value: s.value.to_string(),
            provenance: s.provenance.clone(),
        }
    }
    /// From a member of a parameter family (`award.extras.<name>`).
    pub fn member<T: std::fmt::Display>(m: &crate::rules::family::Member<T>) -> Self {
        ParamUse {
            param: Cow::Owned(m.param.to_string()),
            key: None,
            value: m.value.to_string(),
            provenance: m.provenance.clone(),
        }
    }
    /// From a resolved value, naming the key (year, age …) it was read at.
    pub fn keyed<T: std::fmt::Display>(s: &Sourced<T>, key: impl ToString) -> Self {
        ParamUse {
            key: Some(key.to_string()),
            ..Self::of(s)
        }
    }
}

/// One step of a computation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Step {
    /// Machine name (`basic_pension`).
    pub name: &'static str,
    /// Chinese term (`基础养老金`).
    pub label: &'static str,
    /// The result, as text.
    pub value: String,
    /// The formula in words, with the numbers filled in.
    pub formula: String,
    /// Inputs used, as (name, value).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<(String, String)>,
    /// Rule parameters used, with sources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ParamUse>,
}

impl Step {
    /// A step with a name, label, value and formula; add inputs and params
    /// with the builder methods.
    pub fn new(
        name: &'static str,
        label: &'static str,
        value: impl ToString,
        formula: impl Into<String>,
    ) -> Self {
        Step {
            name,
            label,
            value: value.to_string(),
            formula: formula.into(),
            inputs: vec![],
            params: vec![],
        }
    }
    /// Add an input.
    pub fn input(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.inputs.push((name.into(), value.to_string()));
        self
    }
    /// Add a parameter use.
    pub fn param(mut self, p: ParamUse) -> Self {
        self.params.push(p);
        self
    }
}

/// The explanation of one result.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Trace {
    /// Which rules produced the result.
    pub rules: Arc<Identity>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// Collects steps when enabled.
#[derive(Debug, Clone)]
pub struct Tracer {
    enabled: bool,
    steps: Vec<Step>,
}

impl Tracer {
    /// A tracer that records (`true`) or ignores (`false`) steps.
    pub fn new(enabled: bool) -> Self {
        Tracer {
            enabled,
            steps: vec![],
        }
    }
    /// Whether steps are recorded.
    pub fn enabled(&self) -> bool {
        self.enabled
    }
    /// Record a step; `f` runs only when tracing is on.
    pub fn step(&mut self, f: impl FnOnce() -> Step) {
        if self.enabled {
            self.steps.push(f());
        }
    }
    /// The finished trace (empty steps when disabled).
    pub fn finish(self, snap: &Snapshot) -> Trace {
        Trace {
            rules: snap.identity.clone(),
            steps: self.steps,
        }
    }
}
