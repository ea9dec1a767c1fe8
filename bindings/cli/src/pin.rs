//! `--pin ID=HASH`: refuse a rule set whose content hash is not the one an
//! agency approved (`pension-rules rules hash ID` prints it); the
//! check itself is the engine's ([`pension_rules::api::Engine::load_pinned`]).

/// Parse `ID=HASH` (the hash bare or as `sha256:…`).
pub(crate) fn parse(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((id, hash)) if !id.trim().is_empty() && !hash.trim().is_empty() => {
            Ok((id.trim().to_string(), hash.trim().to_string()))
        }
        _ => Err(format!(
            "{s:?} is not ID=HASH (e.g. cn/shaanxi=sha256:…, as `pension-rules rules hash` prints)"
        )),
    }
}
