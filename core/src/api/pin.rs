//! Pinning through the front door: an [`Engine`] that refuses rule data
//! other than the approved (`hash_mismatch`), for the Python and WASM
//! bindings (`Engine("cn/shaanxi", pin=…)`, `new Engine("cn/shaanxi", {pin})`)
//! as the CLI's `--pin ID=HASH` does.

use crate::error::Error;
use crate::rules::{Catalog, RuleSet};

use super::{Engine, resolve};

impl Engine {
    /// [`Engine::load`], refusing every rule set whose id is pinned in
    /// `pins` (`(id, hash)`, the hash bare or as `sha256:…`, as
    /// `pension-rules rules hash ID` prints it) unless its content hash is
    /// the pinned one: rule set `id` now, and any set the engine resolves
    /// later (the places of a transfer, the cases of a conformance run).
    /// The pin is on the set as loaded, before overlays.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// use pension_rules::rules::RuleSet;
    /// let approved = RuleSet::embedded("cn/shaanxi").unwrap().hash().to_string();
    /// let pins = [("cn/shaanxi".to_string(), approved)];
    /// assert!(Engine::load_pinned("cn/shaanxi", None, &pins).is_ok());
    /// let wrong = [("cn/shaanxi".to_string(), "0".repeat(64))];
    /// let e = Engine::load_pinned("cn/shaanxi", None, &wrong).unwrap_err();
    /// assert_eq!(e.code(), "hash_mismatch");
    /// ```
    pub fn load_pinned(
        id: &str,
        catalog: Option<Catalog>,
        pins: &[(String, String)],
    ) -> Result<Engine, Error> {
        let rules = check(pins, resolve(catalog.as_ref(), id)?)?;
        Ok(Engine {
            rules,
            catalog,
            pins: pins.to_vec(),
            snaps: Default::default(),
            regions: Default::default(),
        })
    }

    /// The pins this engine enforces.
    pub fn pins(&self) -> &[(String, String)] {
        &self.pins
    }
}

/// `rules`, if every pin on its id holds.
pub(super) fn check(pins: &[(String, String)], rules: RuleSet) -> Result<RuleSet, Error> {
    for (id, hash) in pins {
        if id == rules.id() {
            rules.ensure_hash(hash)?;
        }
    }
    Ok(rules)
}
