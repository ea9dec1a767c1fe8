//! The web estimator's engine (the crate without its `full` feature): the
//! computations a person's page needs — retirement, projection, plan — on
//! the rules of one place, given as its baked layers (fetched as static
//! files: `RuleSet::from_baked` checks and hashes them), with no rule set
//! built in and no TOML reader. Every figure is the full engine's: the same
//! `pension_rules::api::Engine`, fewer doors.
//!
//! ```js
//! import init, { Engine } from "./pkg/pension_rules_wasm.js";
//! await init();
//! const layers = await Promise.all(["cn-national", "cn-shaanxi"].map(async (f) =>
//!   new Uint8Array(await (await fetch(`rules/${f}.cbor`)).arrayBuffer())));
//! const engine = Engine.fromBaked(layers);
//! engine.retirement({ birth: "1976-02", category: "male" }).statutory_age; // "62y10m"
//! ```

use pension_rules::Error;
use pension_rules::api::Engine as Core;
use pension_rules::api::kinds::{Computation, PlanKind, ProjectionKind, RetirementKind};
use pension_rules::rules::RuleSet;
use wasm_bindgen::prelude::*;

use crate::{OrThrow, from_js, js_error, to_js};

/// A place's rule set, checked and hashed once; the estimator's
/// computations on it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Engine {
    inner: Core,
}

#[wasm_bindgen]
impl Engine {
    /// The rule set of the baked layers given, bottom first (the national
    /// layer, the province's, a city's), as `Catalog::bake` writes them.
    #[wasm_bindgen(js_name = fromBaked)]
    pub fn from_baked(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array[]")] layers: Vec<js_sys::Uint8Array>,
    ) -> Result<Engine, JsValue> {
        let bytes: Vec<Vec<u8>> = layers.iter().map(js_sys::Uint8Array::to_vec).collect();
        let refs: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
        let rules = RuleSet::from_baked(&refs, "fetched").map_err(|e| js_error(&Error::from(e)))?;
        Ok(Engine {
            inner: Core::from_rules(rules),
        })
    }

    /// Id, version and sha256 of the rules in use.
    #[wasm_bindgen(getter, unchecked_return_type = "RuleSetIdentity")]
    pub fn identity(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.rules().identity().as_ref())
    }

    /// The values an input field takes from the rule set's lists on `asOf`
    /// (`YYYY-MM-DD`, default today), with their titles: what the page
    /// offers as a select (广东's 1993 localities).
    #[wasm_bindgen(unchecked_return_type = "Choices")]
    pub fn choices(
        &self,
        field: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
    ) -> Result<JsValue, JsValue> {
        crate::choices(&self.inner, field, as_of)
    }

    /// `retirement`, `projection` or `plan` (`trace` defaults to true), as
    /// the full package's `compute`.
    pub fn compute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"retirement\" | \"projection\" | \"plan\"")]
        kind: &str,
        input: JsValue,
        trace: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let input = from_js(input)?;
        let trace = trace.unwrap_or(true);
        match kind {
            "retirement" => self.json::<RetirementKind>(&input, trace),
            "projection" => self.json::<ProjectionKind>(&input, trace),
            "plan" => self.json::<PlanKind>(&input, trace),
            other => Err(js_error(&Error::NotApplicable(format!(
                "`{other}` is not computed by the web estimator's engine (retirement, projection, plan); \
                 the npm package `pension-rules` computes every kind"
            )))),
        }
    }

    /// 退休: statutory age and month, elastic window, eligibility, 计发月数.
    #[wasm_bindgen(unchecked_return_type = "RetirementResult")]
    pub fn retirement(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RetirementInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("retirement", input, None)
    }

    /// 养老金测算: the yearly path and the estimated award.
    #[wasm_bindgen(unchecked_return_type = "ProjectionResult")]
    pub fn projection(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ProjectionInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("projection", input, None)
    }

    /// 退休与缴费规划: the projection over retirement months × bases.
    #[wasm_bindgen(unchecked_return_type = "Plan")]
    pub fn plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("plan", input, None)
    }
}

impl Engine {
    /// One computation, written as the full engine's `compute` writes it
    /// (through JSON, so keys come in the same order).
    fn json<C: Computation>(
        &self,
        input: &serde_json::Value,
        trace: bool,
    ) -> Result<JsValue, JsValue> {
        let out = self.inner.run::<C>(input, trace).or_throw()?;
        let json = serde_json::to_value(&out).map_err(|e| {
            js_error(&Error::NotApplicable(format!(
                "result not serializable: {e}"
            )))
        })?;
        to_js(&json)
    }
}
