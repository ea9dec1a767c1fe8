//! `--pin ID=HASH`: refuse a rule set whose content hash is not the one an
//! agency approved (`pension-rules rules hash ID` prints it; the 12-digit
//! short hash that outputs print pins too); the check itself is the
//! engine's ([`pension_rules::api::Engine::load_pinned`]).

/// Parse `ID=HASH` (the hash bare or as `sha256:…`, all 64 hex digits or
/// the first 12 or more); a malformed pin is an `invalid_input` usage error,
/// never a hash mismatch.
pub(crate) fn parse(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((id, hash)) if !id.trim().is_empty() && !hash.trim().is_empty() => {
            pension_rules::rules::pin_hash(hash)?;
            Ok((id.trim().to_string(), hash.trim().to_string()))
        }
        _ => Err(format!(
            "{} is not ID=HASH (e.g. cn/shaanxi=sha256:…, as `pension-rules rules hash` prints)",
            shown(s)
        )),
    }
}

/// `s` quoted, cut to 40 characters.
fn shown(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}
