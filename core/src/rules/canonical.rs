//! The canonical form a rule set's content hash is taken over: the JSON of
//! the merged parameters with every object's keys sorted, values as
//! written, and file positions (`origin`) left out.
//!
//! It is written straight into one buffer, byte for byte what
//! `serde_json::to_value` → drop `origin` → `to_string` gave before (the
//! test below checks this on every shipped rule set and example overlay),
//! without building and dropping a tree of `serde_json::Value`s: that tree
//! cost as much as the hashing itself.

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::model::*;

/// sha256 (hex) of the canonical JSON of the parameters.
pub(super) fn content_hash(params: &BTreeMap<String, Param>) -> String {
    let bytes = canonical_json(params).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        // Writing to a String cannot fail.
        let _ = std::fmt::Write::write_fmt(&mut hex, format_args!("{b:02x}"));
    }
    hex
}

/// The canonical JSON bytes (see the module doc).
pub(super) fn canonical_json(params: &BTreeMap<String, Param>) -> io::Result<Vec<u8>> {
    let mut w = Canon {
        out: Vec::with_capacity(256 * 1024),
    };
    w.out.push(b'{');
    for (i, (name, p)) in params.iter().enumerate() {
        w.sep(i);
        w.text(name)?;
        w.out.push(b':');
        w.param(p)?;
    }
    w.out.push(b'}');
    Ok(w.out)
}

struct Canon {
    out: Vec<u8>,
}

/// Writes `"key":` after a comma unless it is the object's first key.
macro_rules! key {
    ($w:expr, $first:expr, $k:literal) => {{
        if !$first {
            $w.out.push(b',');
        }
        $w.out
            .extend_from_slice(concat!("\"", $k, "\":").as_bytes());
    }};
}

impl Canon {
    fn sep(&mut self, i: usize) {
        if i > 0 {
            self.out.push(b',');
        }
    }

    /// A string as serde_json writes it; most need no escape, and are
    /// checked for one in wide chunks rather than byte by byte.
    fn text(&mut self, s: &str) -> io::Result<()> {
        let plain = s.as_bytes().chunks(32).all(|c| {
            !c.iter().fold(false, |bad, &b| {
                bad | (b < 0x20) | (b == b'"') | (b == b'\\')
            })
        });
        if plain {
            self.out.reserve(s.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
            Ok(())
        } else {
            self.leaf(s)
        }
    }

    /// A scalar, string or date exactly as serde_json writes it.
    fn leaf<T: Serialize + ?Sized>(&mut self, v: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, v).map_err(io::Error::other)
    }

    fn list<T>(
        &mut self,
        items: &[T],
        mut f: impl FnMut(&mut Self, &T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.out.push(b'[');
        for (i, x) in items.iter().enumerate() {
            self.sep(i);
            f(self, x)?;
        }
        self.out.push(b']');
        Ok(())
    }

    // Keys in byte order: entries, note, shape, title, unit.
    fn param(&mut self, p: &Param) -> io::Result<()> {
        self.out.push(b'{');
        key!(self, true, "entries");
        let shape = match &p.entries {
            Entries::Dated(v) => {
                self.list(v, Self::dated)?;
                "dated"
            }
            Entries::Yearly(v) => {
                self.list(v, Self::yearly)?;
                "yearly"
            }
            Entries::Table(v) => {
                self.list(v, Self::table)?;
                "table"
            }
            Entries::Schedule(v) => {
                self.list(v, Self::schedule)?;
                "schedule"
            }
        };
        if let Some(n) = &p.note {
            key!(self, false, "note");
            self.text(n)?;
        }
        key!(self, false, "shape");
        self.leaf(shape)?;
        if let Some(t) = &p.title {
            key!(self, false, "title");
            self.text(t)?;
        }
        if let Some(u) = &p.unit {
            key!(self, false, "unit");
            self.text(u)?;
        }
        self.out.push(b'}');
        Ok(())
    }

    // from, provenance, until, value.
    fn dated(&mut self, e: &DatedEntry) -> io::Result<()> {
        self.out.push(b'{');
        key!(self, true, "from");
        self.leaf(&e.from)?;
        key!(self, false, "provenance");
        self.provenance(&e.provenance)?;
        if let Some(u) = &e.until {
            key!(self, false, "until");
            self.leaf(u)?;
        }
        key!(self, false, "value");
        self.value(&e.value)?;
        self.out.push(b'}');
        Ok(())
    }

    // provenance, value, year.
    fn yearly(&mut self, e: &YearlyEntry) -> io::Result<()> {
        self.out.push(b'{');
        key!(self, true, "provenance");
        self.provenance(&e.provenance)?;
        key!(self, false, "value");
        self.value(&e.value)?;
        key!(self, false, "year");
        self.leaf(&e.year)?;
        self.out.push(b'}');
        Ok(())
    }

    // from, provenance, rows, until.
    fn table(&mut self, e: &TableVersion) -> io::Result<()> {
        self.out.push(b'{');
        key!(self, true, "from");
        self.leaf(&e.from)?;
        key!(self, false, "provenance");
        self.provenance(&e.provenance)?;
        key!(self, false, "rows");
        // JSON object keys are strings, ordered as strings ("100" < "41").
        let mut rows: Vec<(String, &Value)> =
            e.rows.iter().map(|(k, v)| (k.to_string(), v)).collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        self.out.push(b'{');
        for (i, (k, v)) in rows.iter().enumerate() {
            self.sep(i);
            self.leaf(k)?;
            self.out.push(b':');
            self.value(v)?;
        }
        self.out.push(b'}');
        if let Some(u) = &e.until {
            key!(self, false, "until");
            self.leaf(u)?;
        }
        self.out.push(b'}');
        Ok(())
    }

    // from, original_age, provenance, rise, until.
    fn schedule(&mut self, e: &ScheduleVersion) -> io::Result<()> {
        self.out.push(b'{');
        key!(self, true, "from");
        self.leaf(&e.from)?;
        key!(self, false, "original_age");
        self.leaf(&e.original_age)?;
        key!(self, false, "provenance");
        self.provenance(&e.provenance)?;
        if let Some(r) = &e.rise {
            // final_age, max_delay_months, start_birth, step_months.
            key!(self, false, "rise");
            self.out.push(b'{');
            key!(self, true, "final_age");
            self.leaf(&r.final_age)?;
            key!(self, false, "max_delay_months");
            self.leaf(&r.max_delay_months)?;
            key!(self, false, "start_birth");
            self.leaf(&r.start_birth)?;
            key!(self, false, "step_months");
            self.leaf(&r.step_months)?;
            self.out.push(b'}');
        }
        if let Some(u) = &e.until {
            key!(self, false, "until");
            self.leaf(u)?;
        }
        self.out.push(b'}');
        Ok(())
    }

    fn value(&mut self, v: &Value) -> io::Result<()> {
        match v {
            // mode, scale, step (the struct declares scale first); no step,
            // no key, so that sets without steps keep their hashes.
            Value::Rounding(r) => {
                self.out.push(b'{');
                key!(self, true, "mode");
                self.leaf(&r.mode)?;
                key!(self, false, "scale");
                self.leaf(&r.scale)?;
                if let Some(step) = &r.step {
                    key!(self, false, "step");
                    self.leaf(step)?;
                }
                self.out.push(b'}');
                Ok(())
            }
            // Structured values: keys sorted as the reference's
            // `serde_json::Map` sorts them.
            Value::Extra(_) | Value::Attribute(_) | Value::Override(_) => {
                let tree = serde_json::to_value(v).map_err(io::Error::other)?;
                self.leaf(&tree)
            }
            other => self.leaf(other),
        }
    }

    // alternatives, confidence, note, provisional, published, seen, source;
    // `origin` left out.
    fn provenance(&mut self, p: &Provenance) -> io::Result<()> {
        self.out.push(b'{');
        let mut first = true;
        if !p.alternatives.is_empty() {
            key!(self, first, "alternatives");
            first = false;
            self.list(&p.alternatives, Self::alternative)?;
        }
        if let Some(c) = &p.confidence {
            key!(self, first, "confidence");
            first = false;
            self.leaf(c)?;
        }
        if let Some(n) = &p.note {
            key!(self, first, "note");
            first = false;
            self.text(n)?;
        }
        if p.provisional {
            key!(self, first, "provisional");
            first = false;
            self.out.extend_from_slice(b"true");
        }
        if let Some(d) = &p.published {
            key!(self, first, "published");
            first = false;
            self.leaf(d)?;
        }
        if let Some(s) = &p.seen {
            key!(self, first, "seen");
            first = false;
            self.text(s)?;
        }
        key!(self, first, "source");
        self.text(&p.source)?;
        self.out.push(b'}');
        Ok(())
    }

    // key, note, seen, source, value.
    fn alternative(&mut self, a: &Alternative) -> io::Result<()> {
        self.out.push(b'{');
        let mut first = true;
        if let Some(k) = &a.key {
            key!(self, first, "key");
            first = false;
            self.leaf(k)?;
        }
        if let Some(n) = &a.note {
            key!(self, first, "note");
            first = false;
            self.text(n)?;
        }
        if let Some(s) = &a.seen {
            key!(self, first, "seen");
            first = false;
            self.text(s)?;
        }
        key!(self, first, "source");
        self.text(&a.source)?;
        key!(self, false, "value");
        self.text(&a.value)?;
        self.out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// The definition the hash had before: the serde tree, keys sorted by
    /// `serde_json::Map`, `origin` removed.
    fn reference(params: &BTreeMap<String, Param>) -> Vec<u8> {
        fn strip(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(m) => {
                    m.remove("origin");
                    m.values_mut().for_each(strip);
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
                _ => {}
            }
        }
        let mut v = serde_json::to_value(params).unwrap();
        strip(&mut v);
        serde_json::to_string(&v).unwrap().into_bytes()
    }

    fn same(rs: &RuleSet) {
        let got = canonical_json(rs.params()).unwrap();
        let want = reference(rs.params());
        assert!(
            got == want,
            "{}: canonical bytes differ from the reference at byte {}",
            rs.id(),
            got.iter().zip(&want).take_while(|(a, b)| a == b).count()
        );
    }

    #[test]
    fn canonical_bytes_are_the_reference_bytes() {
        for id in RuleSet::embedded_ids() {
            let rs = RuleSet::embedded(id).unwrap();
            same(&rs);
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
            for f in std::fs::read_dir(dir).unwrap().flatten() {
                let p = f.path();
                if p.extension().is_some_and(|e| e == "toml") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    if let Ok(o) = rs.with_overlay(&p.display().to_string(), &text) {
                        same(&o);
                    }
                }
            }
        }
    }

    #[test]
    fn every_field_is_covered() {
        // Row keys past 9 sort as strings ("10" < "100" < "9"); an alternative
        // with every field; `until`; a replaced parameter.
        let text = r#"
[overlay]
id = "t"

[survivor.allowance_months]
mode = "replace"
[[survivor.allowance_months.versions]]
from = 2030-01-01
until = 2040-12-31
rows = { 9 = 6, 10 = 7, 100 = 8 }
source = "s"
seen = "x"
confidence = "M"
note = "n"
published = 2029-06-01
provisional = true
alternatives = [{ key = 100, value = "9", source = "a", seen = "b", note = "c" }]

[retirement.elastic_late_max_months]
[[retirement.elastic_late_max_months.values]]
from = 2031-01-01
until = 2031-12-31
value = 36
source = "s"
"#;
        let rs = RuleSet::embedded("cn/national").unwrap();
        same(&rs.with_overlay("t.toml", text).unwrap());
    }
}
