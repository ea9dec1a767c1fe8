//! Pinning through the front door: an [`Engine`] that refuses rule data
//! other than the approved (`hash_mismatch`), for the Python and WASM
//! bindings (`Engine("cn/shaanxi", pin=…)`, `new Engine("cn/shaanxi", {pin})`)
//! as the CLI's `--pin ID=HASH` does.

use crate::error::{Error, FieldError, InputErrors};
use crate::rules::{Catalog, RuleSet, pin_hash};

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
    /// let pins = [("cn/shaanxi".to_string(), approved.clone())];
    /// assert!(Engine::load_pinned("cn/shaanxi", None, &pins).is_ok());
    /// let wrong = [("cn/shaanxi".to_string(), "0".repeat(64))];
    /// let e = Engine::load_pinned("cn/shaanxi", None, &wrong).unwrap_err();
    /// assert_eq!(e.code(), "hash_mismatch");
    /// // The short hash outputs print pins too; a malformed pin is an input error.
    /// let short = [("cn/shaanxi".to_string(), approved[..12].to_string())];
    /// assert!(Engine::load_pinned("cn/shaanxi", None, &short).is_ok());
    /// let bad = [("cn/shaanxi".to_string(), "7397".to_string())];
    /// let e = Engine::load_pinned("cn/shaanxi", None, &bad).unwrap_err();
    /// assert_eq!((e.code(), e.fields()[0].path.as_str()), ("invalid_input", "pin.cn/shaanxi"));
    /// ```
    pub fn load_pinned(
        id: &str,
        catalog: Option<Catalog>,
        pins: &[(String, String)],
    ) -> Result<Engine, Error> {
        check_forms(pins)?;
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

/// Every pin whose hash is not one ([`pin_hash`]) or whose id is empty,
/// all at once, each under `pin.ID`: an input error, not a mismatch.
fn check_forms(pins: &[(String, String)]) -> Result<(), Error> {
    let errs: Vec<FieldError> = pins
        .iter()
        .filter_map(|(id, hash)| {
            let message = if id.trim().is_empty() {
                format!(
                    "pin {} names no rule set: expected ID=HASH",
                    crate::population::shown(hash)
                )
            } else {
                pin_hash(hash).err()?
            };
            Some(FieldError {
                path: format!("pin.{}", id.chars().take(40).collect::<String>()),
                message,
            })
        })
        .collect();
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(InputErrors(errs)))
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
