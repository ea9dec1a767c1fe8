//! Pinning a rule set to its content hash: an agency that approved a rule set
//! records its sha256 (`pension-rules rules hash`) and refuses to compute with
//! data whose hash differs — an edited file, a different release, an
//! unexpected overlay.

use std::sync::Arc;

use super::{Catalog, Diagnostic, DiagnosticCode, LoadError, RuleSet};

/// The 64 lowercase hex digits of an expected hash, written bare or as
/// `sha256:…` (as `pension-rules rules hash` prints it), any case.
fn normalize(expected: &str) -> Option<String> {
    let t = expected.trim();
    let t = t
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("sha256:"))
        .and_then(|_| t.get(7..))
        .unwrap_or(t);
    (t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())).then(|| t.to_ascii_lowercase())
}

impl RuleSet {
    /// `Ok` when this rule set's content hash is `expected` (64 hex digits,
    /// optionally prefixed `sha256:`); otherwise a [`LoadError`] with one
    /// [`DiagnosticCode::HashMismatch`] naming both hashes.
    ///
    /// ```
    /// use pension_rules::rules::{DiagnosticCode, RuleSet};
    /// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
    /// let pinned = format!("sha256:{}", rules.hash());
    /// assert!(rules.ensure_hash(&pinned).is_ok());
    /// let e = rules.ensure_hash(&"0".repeat(64)).unwrap_err();
    /// assert_eq!(e.diagnostics[0].code, DiagnosticCode::HashMismatch);
    /// ```
    pub fn ensure_hash(&self, expected: &str) -> Result<(), LoadError> {
        let message = match normalize(expected) {
            Some(h) if h == self.hash() => return Ok(()),
            Some(h) => format!(
                "rule set {} {} has hash sha256:{}, but sha256:{h} was expected; \
                 the rule data differs from the data pinned (check `pension-rules rules hash {}`)",
                self.id(),
                self.version(),
                self.hash(),
                self.id()
            ),
            None => format!(
                "expected hash {expected:?} is not a sha256 (64 hex digits, optionally prefixed `sha256:`)"
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
        assert_eq!(normalize(&h[..63]), None);
        assert_eq!(normalize("sha256:"), None);
        assert_eq!(normalize("é"), None);
        assert_eq!(normalize(&format!("{}g", &h[..63])), None);
    }
}
