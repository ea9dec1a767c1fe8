//! Pinning a rule set to its content hash: an agency that approved a rule set
//! records its sha256 (`pension-rules rules hash`) and refuses to compute with
//! data whose hash differs — an edited file, a different release, an
//! unexpected overlay.

use std::sync::Arc;

use super::{Catalog, Diagnostic, DiagnosticCode, LoadError, RuleSet};

/// The shortest pin accepted: outputs print the first 12 hex digits of a
/// hash, and 12 digits (48 bits) leave no practical chance that two rule
/// sets' hashes share them.
pub const MIN_PIN_DIGITS: usize = 12;

/// The lowercase hex digits of an expected hash, written bare or as
/// `sha256:…` (as `pension-rules rules hash` prints it), any case: all 64,
/// or a prefix of at least [`MIN_PIN_DIGITS`] (the short hash outputs print).
fn normalize(expected: &str) -> Option<String> {
    let t = expected.trim();
    let t = t
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("sha256:"))
        .and_then(|_| t.get(7..))
        .unwrap_or(t);
    ((MIN_PIN_DIGITS..=64).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| t.to_ascii_lowercase())
}

/// An expected hash as a pin takes it (see [`RuleSet::ensure_hash`]): its
/// lowercase hex digits, or why it is not one, in words — a malformed pin
/// is an input error, never a hash mismatch.
///
/// ```
/// use pension_rules::rules::pin_hash;
/// assert_eq!(pin_hash("sha256:7397952 1B936").unwrap_err(),
///     "\"sha256:7397952 1B936\" is not a content hash: expected hex digits (0-9, a-f), all 64 or the first 12 or more, bare or after `sha256:`");
/// assert_eq!(pin_hash("SHA256:73979521B936").unwrap(), "73979521b936");
/// assert!(pin_hash("7397952").is_err());
/// ```
pub fn pin_hash(expected: &str) -> Result<String, String> {
    normalize(expected).ok_or_else(|| {
        format!(
            "{} is not a content hash: expected hex digits (0-9, a-f), all 64 or the first {MIN_PIN_DIGITS} or more, bare or after `sha256:`",
            crate::population::shown(expected)
        )
    })
}

impl RuleSet {
    /// `Ok` when this rule set's content hash is `expected` (64 hex digits,
    /// or a prefix of at least [`MIN_PIN_DIGITS`], the short hash outputs
    /// print; optionally prefixed `sha256:`); otherwise a [`LoadError`]
    /// with one [`DiagnosticCode::HashMismatch`] naming both hashes. (The
    /// engine refuses a malformed pin as `invalid_input` first:
    /// [`pin_hash`].)
    ///
    /// ```
    /// use pension_rules::rules::{DiagnosticCode, RuleSet};
    /// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
    /// let pinned = format!("sha256:{}", rules.hash());
    /// assert!(rules.ensure_hash(&pinned).is_ok());
    /// assert!(rules.ensure_hash(&rules.hash()[..12]).is_ok());
    /// let e = rules.ensure_hash(&"0".repeat(64)).unwrap_err();
    /// assert_eq!(e.diagnostics[0].code, DiagnosticCode::HashMismatch);
    /// ```
    pub fn ensure_hash(&self, expected: &str) -> Result<(), LoadError> {
        let message = match normalize(expected) {
            Some(h) if self.hash().starts_with(&h) => return Ok(()),
            Some(h) => format!(
                "rule set {} {} has hash sha256:{}, but sha256:{h} was expected; \
                 the rule data differs from the data pinned (check `pension-rules rules hash {}`)",
                self.id(),
                self.version(),
                self.hash(),
                self.id()
            ),
            None => format!(
                "expected hash {} is not a sha256 (64 hex digits or the first {MIN_PIN_DIGITS} or more, optionally prefixed `sha256:`)",
                crate::population::shown(expected)
            ),
        };
        Err(LoadError {
            diagnostics: vec![Diagnostic {
                file: Arc::from(self.id()),
                line: 0,
                column: 0,
                key: "hash".into(),
                code: DiagnosticCode::HashMismatch,
                message,
            }],
        })
    }
}

impl Catalog {
    /// [`Catalog::load`] the rule set `id`, then refuse it unless its content
    /// hash is `expected_hash` (see [`RuleSet::ensure_hash`]).
    ///
    /// ```
    /// use pension_rules::rules::{Catalog, RuleSet};
    /// let hash = RuleSet::embedded("cn/national").unwrap().hash().to_string();
    /// let rules = Catalog::embedded().load_pinned("cn/national", &hash).unwrap();
    /// assert_eq!(rules.hash(), hash);
    /// assert!(Catalog::embedded().load_pinned("cn/shaanxi", &hash).is_err());
    /// ```
    pub fn load_pinned(&self, id: &str, expected_hash: &str) -> Result<RuleSet, LoadError> {
        let rules = self.load(id)?;
        rules.ensure_hash(expected_hash)?;
        Ok(rules)
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn hash_forms() {
        let h = "ab".repeat(32);
        assert_eq!(normalize(&h).as_deref(), Some(h.as_str()));
        assert_eq!(
            normalize(&format!(" SHA256:{} ", h.to_uppercase())).as_deref(),
            Some(h.as_str())
        );
        assert_eq!(normalize(&h[..63]).as_deref(), Some(&h[..63]));
        assert_eq!(normalize(&h[..12]).as_deref(), Some(&h[..12]));
        assert_eq!(normalize(&h[..11]), None);
        assert_eq!(normalize("sha256:"), None);
        assert_eq!(normalize("é"), None);
        assert_eq!(normalize(&format!("{}g", &h[..63])), None);
        assert_eq!(normalize(&format!("{h}0")), None);
    }
}
