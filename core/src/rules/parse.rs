//! Reads one rule file into parameters, collecting every problem on the way.
//!
//! The walker works on toml's spanned tree so that each problem can name its
//! line and column, and so that one bad value does not hide the next.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{DiagnosticCode as C, Sink};
use super::model::*;
use super::registry::{self, Domain, Lookup, ParamSpec, Shape, TableKey};
use crate::rounding::{Rounding, RoundingMode};
use crate::time::{Age, YearMonth};

/// How a layer's parameter combines with the one below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum MergeMode {
    /// Entries with the same key replace; others are added.
    Merge,
    /// The whole parameter replaces the one below.
    Replace,
}

/// A parameter as read from one file.
#[derive(Debug, Clone)]
pub(crate) struct ParsedParam {
    pub(crate) param: Param,
    pub(crate) mode: MergeMode,
}

/// `ruleset.toml`.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) title: Option<String>,
    pub(crate) extends: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) line: u32,
}

/// `[overlay]`.
#[derive(Debug, Clone)]
pub(crate) struct OverlayHeader {
    pub(crate) id: String,
    pub(crate) title: Option<String>,
    pub(crate) base: Option<String>,
}

type Tbl<'i> = DeTable<'i>;
type Val<'i> = Spanned<DeValue<'i>>;

fn parse_doc<'i>(sink: &mut Sink<'i>) -> Option<Spanned<Tbl<'i>>> {
    let (doc, errors) = DeTable::parse_recoverable(sink.text);
    for e in &errors {
        let off = e.span().map_or(0, |s| s.start);
        sink.push(off, "", C::Syntax, e.message().trim().to_string());
    }
    if errors.is_empty() { Some(doc) } else { None }
}

/// Read `ruleset.toml`.
pub(crate) fn header(sink: &mut Sink<'_>) -> Option<Header> {
    let doc = parse_doc(sink)?;
    let t = doc.get_ref();
    let mut r = Reader {
        sink,
        path: String::new(),
    };
    r.allow_only(
        t,
        &["id", "version", "title", "extends", "region", "description"],
    );
    let id = r.req_str(t, "id", doc.span());
    let version = r.req_str(t, "version", doc.span());
    let h = Header {
        title: r.opt_str(t, "title"),
        extends: r.opt_str(t, "extends"),
        region: r.opt_str(t, "region"),
        description: r.opt_str(t, "description"),
        id: id?,
        version: version?,
        line: 1,
    };
    Some(h)
}

/// Read a concept file (`award.toml` …) or, with `overlay`, an overlay text.
/// `prefix` is the file's name, which every parameter must start with.
pub(crate) fn params(
    sink: &mut Sink<'_>,
    prefix: Option<&str>,
    overlay: bool,
) -> (Option<OverlayHeader>, BTreeMap<String, ParsedParam>) {
    let mut out = BTreeMap::new();
    let Some(doc) = parse_doc(sink) else {
        return (None, out);
    };
    let mut r = Reader {
        sink,
        path: String::new(),
    };
    let mut head = None;
    for (k, v) in doc.get_ref().iter() {
        let key: &str = k.get_ref();
        if overlay && key == "overlay" {
            head = r.overlay_header(v);
            continue;
        }
        if let Some(prefix) = prefix
            && key != prefix
        {
            r.push(
                k.span().start,
                key,
                C::WrongFile,
                format!("parameters in `{prefix}.toml` must start with `{prefix}.`; move `{key}.…` to `{key}.toml`"),
            );
            continue;
        }
        r.descend(key.to_string(), v, &mut out);
    }
    if overlay && head.is_none() {
        r.push(
            0,
            "overlay",
            C::Identity,
            "an overlay needs an `[overlay]` table with an `id`",
        );
    }
    (head, out)
}

struct Reader<'s, 'i> {
    sink: &'s mut Sink<'i>,
    path: String,
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn get<'a, 'i>(t: &'a Tbl<'i>, key: &str) -> Option<&'a Val<'i>> {
    t.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
}

impl<'i> Reader<'_, 'i> {
    fn push(&mut self, off: usize, key: &str, code: C, msg: impl Into<String>) {
        self.sink.push(off, key, code, msg);
    }

    fn key(&self, k: &str) -> String {
        if self.path.is_empty() {
            k.to_string()
        } else {
            format!("{}.{k}", self.path)
        }
    }

    fn allow_only(&mut self, t: &Tbl<'i>, allowed: &[&str]) {
        for (k, _) in t.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                let key = self.key(k.get_ref());
                self.push(
                    k.span().start,
                    &key,
                    C::UnknownKey,
                    format!(
                        "unknown key `{}`; expected one of: {}",
                        k.get_ref(),
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    fn wrong_type(&mut self, k: &str, v: &Val<'i>, expected: &str) {
        let key = self.key(k);
        let code = if matches!(v.get_ref(), DeValue::Float(_)) {
            C::FloatValue
        } else {
            C::WrongType
        };
        let hint = if code == C::FloatValue {
            format!(
                "; write it as a decimal string, e.g. \"{}\"",
                v.get_ref().as_float().map_or("", |f| f.as_str())
            )
        } else {
            String::new()
        };
        self.push(
            v.span().start,
            &key,
            code,
            format!(
                "expected {expected}, found {}{hint}",
                type_name(v.get_ref())
            ),
        );
    }

    fn missing(&mut self, k: &str, span: Range<usize>) {
        let key = self.key(k);
        let code = if k == "source" {
            C::MissingSource
        } else {
            C::MissingField
        };
        let msg = if k == "source" {
            "missing `source`: every value must cite its legal source (document number + article/table)".to_string()
        } else {
            format!("missing required field `{k}`")
        };
        self.push(span.start, &key, code, msg);
    }

    fn opt_str(&mut self, t: &Tbl<'i>, k: &str) -> Option<String> {
        let v = get(t, k)?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(k, v, "a string");
                None
            }
        }
    }

    fn req_str(&mut self, t: &Tbl<'i>, k: &str, span: Range<usize>) -> Option<String> {
        if get(t, k).is_none() {
            self.missing(k, span);
            return None;
        }
        let s = self.opt_str(t, k)?;
        if s.trim().is_empty() {
            let off = get(t, k).map_or(span.start, |v| v.span().start);
            let key = self.key(k);
            let code = if k == "source" {
                C::MissingSource
            } else {
                C::MissingField
            };
            self.push(off, &key, code, format!("`{k}` is empty"));
            return None;
        }
        Some(s)
    }

    fn opt_date(&mut self, t: &Tbl<'i>, k: &str) -> Option<NaiveDate> {
        let v = get(t, k)?;
        let d = match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.date,
            _ => None,
        };
        let d =
            d.and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()));
        if d.is_none() {
            self.wrong_type(k, v, "a date like 2019-05-01");
        }
        let years = crate::bounds::RULE_YEARS;
        if let Some(day) = d
            && !years.contains(&day.year())
        {
            let key = self.key(k);
            self.push(
                v.span().start,
                &key,
                C::OutOfRange,
                format!(
                    "{day} is out of range: rule dates lie in {}–{} (no rule of this insurance predates the People's Republic)",
                    years.start(),
                    years.end()
                ),
            );
            return None;
        }
        d
    }

    fn req_date(&mut self, t: &Tbl<'i>, k: &str, span: Range<usize>) -> Option<NaiveDate> {
        if get(t, k).is_none() {
            self.missing(k, span);
            return None;
        }
        self.opt_date(t, k)
    }

    fn opt_bool(&mut self, t: &Tbl<'i>, k: &str) -> Option<bool> {
        let v = get(t, k)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(k, v, "true or false");
                None
            }
        }
    }

    fn int(&mut self, k: &str, v: &Val<'i>) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            DeValue::String(s) if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() => {
                s.parse().ok()
            }
            _ => {
                self.wrong_type(k, v, "a whole number");
                None
            }
        }
    }

    fn overlay_header(&mut self, v: &Val<'i>) -> Option<OverlayHeader> {
        let DeValue::Table(t) = v.get_ref() else {
            self.wrong_type("overlay", v, "a table");
            return None;
        };
        self.path = "overlay".into();
        self.allow_only(t, &["id", "title", "base", "description"]);
        let id = self.req_str(t, "id", v.span());
        let h = OverlayHeader {
            id: id?,
            title: self.opt_str(t, "title"),
            base: self.opt_str(t, "base"),
        };
        self.path.clear();
        Some(h)
    }

    fn descend(&mut self, path: String, v: &Val<'i>, out: &mut BTreeMap<String, ParsedParam>) {
        if let Some(spec) = registry::spec(&path) {
            let DeValue::Table(t) = v.get_ref() else {
                self.path.clear();
                self.wrong_type(&path, v, "a table");
                return;
            };
            self.path = path.clone();
            if let Some(p) = self.param(spec, t, v.span()) {
                out.insert(path, p);
            }
            self.path.clear();
            return;
        }
        if registry::is_prefix(&path)
            && let DeValue::Table(t) = v.get_ref()
        {
            for (k, child) in t.iter() {
                self.descend(format!("{path}.{}", k.get_ref()), child, out);
            }
            return;
        }
        if registry::family_of(&path).is_some() {
            self.path.clear();
            let last = path.rsplit('.').next().unwrap_or_default().to_string();
            self.push(
                v.span().start,
                &path,
                C::UnknownKey,
                format!("`{last}` is not a snake_case name (lowercase letters, digits and `_`, starting with a letter)"),
            );
            return;
        }
        let near = registry::siblings(&path);
        self.path.clear();
        self.push(
            v.span().start,
            &path,
            C::UnknownKey,
            if near.is_empty() {
                format!("unknown parameter `{path}`")
            } else {
                format!(
                    "unknown parameter `{path}`; known here: {}",
                    near.join(", ")
                )
            },
        );
    }

    fn param(
        &mut self,
        spec: &'static ParamSpec,
        t: &Tbl<'i>,
        span: Range<usize>,
    ) -> Option<ParsedParam> {
        let list_key = match spec.shape {
            Shape::Dated | Shape::Yearly => "values",
            Shape::Table { .. } | Shape::Schedule => "versions",
        };
        let mut allowed = vec!["title", "unit", "note", "mode", list_key];
        if let Shape::Table { key, lookup } = spec.shape {
            allowed.extend(["key", "lookup"]);
            let want_key = match key {
                TableKey::Age => "age",
                TableKey::Year => "year",
                TableKey::Years => "years",
            };
            let want_lookup = match lookup {
                Lookup::Exact => "exact",
                Lookup::Step => "step",
            };
            for (k, want) in [("key", want_key), ("lookup", want_lookup)] {
                if let Some(s) = self.opt_str(t, k)
                    && s != want
                {
                    let off = get(t, k).map_or(span.start, |v| v.span().start);
                    let key = self.key(k);
                    self.push(
                        off,
                        &key,
                        C::OutOfRange,
                        format!("this table's {k} is `{want}`, not `{s}`"),
                    );
                }
            }
        }
        self.allow_only(t, &allowed);
        let mode = match self.opt_str(t, "mode").as_deref() {
            None | Some("merge") => MergeMode::Merge,
            Some("replace") => MergeMode::Replace,
            Some(other) => {
                let off = get(t, "mode").map_or(span.start, |v| v.span().start);
                let key = self.key("mode");
                self.push(
                    off,
                    &key,
                    C::OutOfRange,
                    format!("mode `{other}` is not `merge` or `replace`"),
                );
                MergeMode::Merge
            }
        };
        let (title, unit, note) = (
            self.opt_str(t, "title"),
            self.opt_str(t, "unit"),
            self.opt_str(t, "note"),
        );
        let Some(list) = get(t, list_key) else {
            self.missing(list_key, span);
            return None;
        };
        let DeValue::Array(items) = list.get_ref() else {
            self.wrong_type(
                list_key,
                list,
                &format!("an array of tables `[[{}.{list_key}]]`", self.path),
            );
            return None;
        };
        let base = self.path.clone();
        let mut entries = match spec.shape {
            Shape::Dated => Entries::Dated(vec![]),
            Shape::Yearly => Entries::Yearly(vec![]),
            Shape::Table { .. } => Entries::Table(vec![]),
            Shape::Schedule => Entries::Schedule(vec![]),
        };
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            self.path = format!("{base}.{list_key}[{i}]");
            let DeValue::Table(e) = item.get_ref() else {
                self.path = base.clone();
                self.wrong_type(&format!("{list_key}[{i}]"), item, "a table");
                ok = false;
                continue;
            };
            let span = item.span();
            let added = match &mut entries {
                Entries::Dated(v) => self.dated(spec, e, span).map(|x| v.push(x)),
                Entries::Yearly(v) => self.yearly(spec, e, span).map(|x| v.push(x)),
                Entries::Table(v) => self.table(spec, e, span).map(|x| v.push(x)),
                Entries::Schedule(v) => self.schedule(e, span).map(|x| v.push(x)),
            };
            ok &= added.is_some();
        }
        self.path = base;
        self.check_order(&entries, items);
        ok.then_some(ParsedParam {
            param: Param {
                spec: Some(spec),
                title,
                unit,
                note,
                entries,
            },
            mode,
        })
    }

    /// Entries as written must be sorted (by `from`, or by year).
    fn check_order(&mut self, entries: &Entries, items: &[Val<'i>]) {
        let keys: Vec<(i64, i64)> = match entries {
            Entries::Dated(v) => v
                .iter()
                .map(|e| (e.from.num_days_from_ce() as i64, 0))
                .collect(),
            Entries::Yearly(v) => v
                .iter()
                .map(|e| (e.year as i64, e.provenance.provisional as i64))
                .collect(),
            Entries::Table(v) => v
                .iter()
                .map(|e| (e.from.num_days_from_ce() as i64, 0))
                .collect(),
            Entries::Schedule(v) => v
                .iter()
                .map(|e| (e.from.num_days_from_ce() as i64, 0))
                .collect(),
        };
        if keys.len() != items.len() {
            return; // an entry failed to parse; its own problem is reported
        }
        let (what, list) = if matches!(entries, Entries::Yearly(_)) {
            ("year", "values")
        } else {
            ("from", "versions")
        };
        let list = if matches!(entries, Entries::Dated(_)) {
            "values"
        } else {
            list
        };
        for i in 1..keys.len() {
            let key = format!("{}.{list}[{i}]", self.path);
            if keys[i].0 < keys[i - 1].0 {
                self.push(
                    items[i].span().start,
                    &key,
                    C::Unsorted,
                    format!("entries must be sorted by `{what}`; this one comes before the entry above it"),
                );
            } else if keys[i] == keys[i - 1] {
                self.push(
                    items[i].span().start,
                    &key,
                    C::Overlap,
                    format!(
                        "two entries with the same `{what}`: each period (or year) is given once"
                    ),
                );
            }
        }
    }

    fn provenance(
        &mut self,
        e: &Tbl<'i>,
        span: Range<usize>,
        row_keys: bool,
    ) -> Option<Provenance> {
        let source = self.req_str(e, "source", span.clone());
        let confidence = match self.opt_str(e, "confidence").as_deref() {
            None => None,
            Some("H") => Some(Confidence::H),
            Some("M") => Some(Confidence::M),
            Some("L") => Some(Confidence::L),
            Some(other) => {
                let off = get(e, "confidence").map_or(span.start, |v| v.span().start);
                let key = self.key("confidence");
                self.push(
                    off,
                    &key,
                    C::OutOfRange,
                    format!("confidence `{other}` is not H, M or L"),
                );
                None
            }
        };
        let alternatives = self.alternatives(e, row_keys);
        let origin = Origin {
            file: self.sink.file.clone(),
            line: self.sink.line_of(span.start),
        };
        Some(Provenance {
            source: source?,
            seen: self.opt_str(e, "seen"),
            published: self.opt_date(e, "published"),
            provisional: self.opt_bool(e, "provisional").unwrap_or(false),
            confidence,
            note: self.opt_str(e, "note"),
            alternatives,
            origin,
        })
    }

    fn alternatives(&mut self, e: &Tbl<'i>, row_keys: bool) -> Vec<Alternative> {
        let Some(v) = get(e, "alternatives") else {
            return vec![];
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type("alternatives", v, "an array of tables");
            return vec![];
        };
        let base = self.path.clone();
        let mut out = vec![];
        for (i, item) in items.iter().enumerate() {
            self.path = format!("{base}.alternatives[{i}]");
            let DeValue::Table(t) = item.get_ref() else {
                self.wrong_type("", item, "a table");
                continue;
            };
            let mut allowed = vec!["value", "source", "seen", "note"];
            if row_keys {
                allowed.push("key");
            }
            self.allow_only(t, &allowed);
            let key = if row_keys {
                match get(t, "key") {
                    Some(k) => self.int("key", k),
                    None => {
                        self.missing("key", item.span());
                        None
                    }
                }
            } else {
                None
            };
            let value = match get(t, "value") {
                Some(v) => match v.get_ref() {
                    DeValue::String(s) => Some(s.to_string()),
                    DeValue::Integer(i) => Some(i.as_str().to_string()),
                    _ => {
                        self.wrong_type("value", v, "a decimal string");
                        None
                    }
                },
                None => {
                    self.missing("value", item.span());
                    None
                }
            };
            let source = self.req_str(t, "source", item.span());
            if let (Some(value), Some(source)) = (value, source) {
                out.push(Alternative {
                    key,
                    value,
                    source,
                    seen: self.opt_str(t, "seen"),
                    note: self.opt_str(t, "note"),
                });
            }
        }
        self.path = base;
        out
    }

    const COMMON: [&'static str; 7] = [
        "source",
        "seen",
        "published",
        "provisional",
        "confidence",
        "note",
        "alternatives",
    ];

    fn dated(&mut self, spec: &ParamSpec, e: &Tbl<'i>, span: Range<usize>) -> Option<DatedEntry> {
        let mut allowed = Self::COMMON.to_vec();
        allowed.extend(["from", "until"]);
        match spec.domain {
            Domain::Rounding => allowed.extend(["scale", "mode", "step"]),
            Domain::Extra => allowed.extend(EXTRA_FIELDS),
            Domain::Attribute => allowed.extend(["title", "type", "allowed", "default"]),
            Domain::Override => allowed.extend(["title", "slot", "value", "when"]),
            _ => allowed.push("value"),
        }
        self.allow_only(e, &allowed);
        let from = self.req_date(e, "from", span.clone());
        let until = self.opt_date(e, "until");
        let value = match spec.domain {
            Domain::Rounding => self.rounding(e, span.clone()),
            Domain::Extra => self.extra(e, span.clone()),
            Domain::Attribute => self.attribute(e, span.clone()),
            Domain::Override => self.coefficient_override(e, span.clone()),
            _ => {
                let v = self.value_field(spec.domain, e, span.clone());
                self.in_range(spec, "value", e, v)
            }
        };
        let prov = self.provenance(e, span.clone(), false);
        let (from, value, prov) = (from?, value?, prov?);
        if let Some(u) = until
            && u < from
        {
            let key = self.key("until");
            self.push(
                span.start,
                &key,
                C::Overlap,
                format!("`until` {u} is before `from` {from}"),
            );
        }
        Some(DatedEntry {
            from,
            until,
            value,
            provenance: Arc::new(prov),
        })
    }

    fn yearly(&mut self, spec: &ParamSpec, e: &Tbl<'i>, span: Range<usize>) -> Option<YearlyEntry> {
        let mut allowed = Self::COMMON.to_vec();
        allowed.extend(["year", "value"]);
        self.allow_only(e, &allowed);
        let year = match get(e, "year") {
            Some(v) => match self.int("year", v) {
                Some(y) if i32::try_from(y).is_ok_and(|y| super::YEARS.contains(&y)) => {
                    Some(y as i32)
                }
                Some(y) => {
                    let key = self.key("year");
                    self.push(
                        v.span().start,
                        &key,
                        C::OutOfRange,
                        format!(
                            "year {y} is outside {}–{}",
                            super::YEARS.start(),
                            super::YEARS.end()
                        ),
                    );
                    None
                }
                None => None,
            },
            None => {
                self.missing("year", span.clone());
                None
            }
        };
        let value = self.value_field(spec.domain, e, span.clone());
        let value = self.in_range(spec, "value", e, value);
        let prov = self.provenance(e, span, false);
        Some(YearlyEntry {
            year: year?,
            value: value?,
            provenance: Arc::new(prov?),
        })
    }

    fn table(&mut self, spec: &ParamSpec, e: &Tbl<'i>, span: Range<usize>) -> Option<TableVersion> {
        let mut allowed = Self::COMMON.to_vec();
        allowed.extend(["from", "until", "rows"]);
        self.allow_only(e, &allowed);
        let from = self.req_date(e, "from", span.clone());
        let until = self.opt_date(e, "until");
        let mut rows = BTreeMap::new();
        let mut ok = true;
        match get(e, "rows") {
            None => {
                self.missing("rows", span.clone());
                ok = false;
            }
            Some(v) => match v.get_ref() {
                DeValue::Table(rt) => {
                    for (k, rv) in rt.iter() {
                        let Ok(key) = k.get_ref().parse::<i64>() else {
                            let path = self.key(&format!("rows.{}", k.get_ref()));
                            self.push(
                                k.span().start,
                                &path,
                                C::WrongType,
                                "row keys must be whole numbers",
                            );
                            ok = false;
                            continue;
                        };
                        let val = self.value(spec.domain, &format!("rows.{key}"), rv);
                        match self.ranged(spec, &format!("rows.{key}"), rv.span().start, val) {
                            Some(val) => {
                                rows.insert(key, val);
                            }
                            None => ok = false,
                        }
                    }
                }
                _ => {
                    self.wrong_type("rows", v, "a table like { 60 = \"139\" }");
                    ok = false;
                }
            },
        }
        let prov = self.provenance(e, span, true);
        let (from, prov) = (from?, prov?);
        ok.then_some(TableVersion {
            from,
            until,
            rows,
            provenance: Arc::new(prov),
        })
    }

    fn schedule(&mut self, e: &Tbl<'i>, span: Range<usize>) -> Option<ScheduleVersion> {
        let mut allowed = Self::COMMON.to_vec();
        allowed.extend([
            "from",
            "until",
            "original_age",
            "start_birth",
            "step_months",
            "max_delay_months",
            "final_age",
        ]);
        self.allow_only(e, &allowed);
        let from = self.req_date(e, "from", span.clone());
        let until = self.opt_date(e, "until");
        let original = match get(e, "original_age") {
            Some(v) => self.value(Domain::Age, "original_age", v),
            None => {
                self.missing("original_age", span.clone());
                None
            }
        };
        let start = get(e, "start_birth").map(|v| self.value(Domain::Month, "start_birth", v));
        let step = get(e, "step_months").map(|v| self.int("step_months", v));
        let max = get(e, "max_delay_months").map(|v| self.int("max_delay_months", v));
        let fin = get(e, "final_age").map(|v| self.value(Domain::Age, "final_age", v));
        let prov = self.provenance(e, span.clone(), false);
        let Some(Value::Age(original_age)) = original else {
            return None;
        };
        let rise = match (start, step, max, fin) {
            (None, None, None, None) => None,
            (
                Some(Some(Value::Month(s))),
                Some(Some(step)),
                Some(Some(max)),
                Some(Some(Value::Age(f))),
            ) => {
                let key = self.key("final_age");
                if step <= 0 || step > 120 {
                    self.push(
                        span.start,
                        &key,
                        C::BadSchedule,
                        format!("step_months {step} must be 1–120"),
                    );
                    return None;
                }
                if !(0..=240).contains(&max) {
                    self.push(
                        span.start,
                        &key,
                        C::BadSchedule,
                        format!("max_delay_months {max} must be 0–240"),
                    );
                    return None;
                }
                if original_age.total_months() + max as u32 != f.total_months() {
                    self.push(
                        span.start,
                        &key,
                        C::BadSchedule,
                        format!(
                            "the schedule does not reach its maximum: original_age {original_age} + max_delay_months {max} = {}, but final_age is {f}",
                            Age::from_months(original_age.total_months() + max as u32)
                        ),
                    );
                    return None;
                }
                Some(CohortRise {
                    start_birth: s,
                    step_months: step as u32,
                    max_delay_months: max as u32,
                    final_age: f,
                })
            }
            _ => {
                let key = self.key("start_birth");
                self.push(
                    span.start,
                    &key,
                    C::BadSchedule,
                    "a cohort rise needs all of start_birth, step_months, max_delay_months and final_age",
                );
                return None;
            }
        };
        Some(ScheduleVersion {
            from: from?,
            until,
            original_age,
            rise,
            provenance: Arc::new(prov?),
        })
    }

    fn rounding(&mut self, e: &Tbl<'i>, span: Range<usize>) -> Option<Value> {
        let scale = match get(e, "scale") {
            Some(v) => match self.int("scale", v) {
                Some(s) if (0..=10).contains(&s) => Some(s as u32),
                Some(s) => {
                    let key = self.key("scale");
                    self.push(
                        v.span().start,
                        &key,
                        C::OutOfRange,
                        format!("scale {s} must be 0–10"),
                    );
                    None
                }
                None => None,
            },
            None => {
                self.missing("scale", span.clone());
                None
            }
        };
        let mode = match get(e, "mode") {
            Some(v) => match v.get_ref() {
                DeValue::String(s) => match s.parse::<RoundingMode>() {
                    Ok(m) => Some(m),
                    Err(()) => {
                        let key = self.key("mode");
                        self.push(
                            v.span().start,
                            &key,
                            C::UnknownVariant,
                            format!(
                                "rounding mode `{s}` is not one of {}",
                                RoundingMode::NAMES.join(", ")
                            ),
                        );
                        None
                    }
                },
                _ => {
                    self.wrong_type("mode", v, "a string");
                    None
                }
            },
            None => {
                self.missing("mode", span);
                None
            }
        };
        let step = match get(e, "step") {
            Some(v) => match self.value(Domain::Positive, "step", v)? {
                Value::Decimal(d) => Some(d),
                _ => None,
            },
            None => None,
        };
        Some(Value::Rounding(Rounding {
            scale: scale?,
            mode: mode?,
            step,
        }))
    }

    /// `v` (the entry's `k`) if within the range its parameter declares
    /// in the registry ([`super::params::range`]), else a diagnostic.
    fn in_range(
        &mut self,
        spec: &ParamSpec,
        k: &str,
        e: &Tbl<'i>,
        v: Option<Value>,
    ) -> Option<Value> {
        let off = get(e, k).map_or(0, |x| x.span().start);
        self.ranged(spec, k, off, v)
    }

    fn ranged(&mut self, spec: &ParamSpec, k: &str, off: usize, v: Option<Value>) -> Option<Value> {
        let v = v?;
        if let (Value::Decimal(d), Some((lo, hi))) = (&v, super::params::range(spec.name)) {
            let bound = |s: &str| s.parse::<Decimal>().unwrap_or_default();
            if *d < bound(lo) || *d > bound(hi) {
                self.push(
                    off,
                    &self.key(k),
                    C::OutOfRange,
                    format!(
                        "{d} is out of range for `{}`: expected {lo} to {hi} (the range the parameter declares)",
                        spec.name
                    ),
                );
                return None;
            }
        }
        Some(v)
    }

    fn value_field(&mut self, domain: Domain, e: &Tbl<'i>, span: Range<usize>) -> Option<Value> {
        match get(e, "value") {
            Some(v) => self.value(domain, "value", v),
            None => {
                self.missing("value", span);
                None
            }
        }
    }

    /// Parse and range-check one value of a domain ([`outside`]).
    fn value(&mut self, domain: Domain, k: &str, v: &Val<'i>) -> Option<Value> {
        let off = v.span().start;
        match domain {
            Domain::Ratio | Domain::Positive | Domain::Money => {
                let DeValue::String(s) = v.get_ref() else {
                    self.wrong_type(k, v, "a decimal string like \"0.16\"");
                    return None;
                };
                let d = match crate::decimal::parse(s, crate::decimal::Sign::Any) {
                    Ok(d) => d,
                    Err(e) => {
                        self.push(
                            off,
                            &self.key(k),
                            C::WrongType,
                            crate::decimal::refusal(s, e),
                        );
                        return None;
                    }
                };
                if let Some(want) = outside(domain, d) {
                    self.push(
                        off,
                        &self.key(k),
                        C::OutOfRange,
                        format!("{d} is out of range: expected {want}"),
                    );
                    return None;
                }
                Some(Value::Decimal(d))
            }
            Domain::Months => {
                let n = self.int(k, v)?;
                match u32::try_from(n) {
                    Ok(n) if n <= 12 * 200 => Some(Value::Months(n)),
                    _ => {
                        self.push(
                            off,
                            &self.key(k),
                            C::OutOfRange,
                            format!("{n} months is out of range (0–2400)"),
                        );
                        None
                    }
                }
            }
            Domain::Month => {
                let DeValue::String(s) = v.get_ref() else {
                    self.wrong_type(k, v, "a month string like \"1998-01\"");
                    return None;
                };
                match s.parse::<YearMonth>() {
                    // A month of rule data within the plausible years (a
                    // 计账 start in 3992 would make every ledger walk
                    // twenty thousand years of months).
                    Ok(m) if !crate::bounds::YEARS.contains(&m.year()) => {
                        self.push(
                            off,
                            &self.key(k),
                            C::OutOfRange,
                            crate::bounds::year_message(m.year()),
                        );
                        None
                    }
                    Ok(m) => Some(Value::Month(m)),
                    Err(e) => {
                        self.push(off, &self.key(k), C::WrongType, e.to_string());
                        None
                    }
                }
            }
            Domain::Age => {
                let DeValue::String(s) = v.get_ref() else {
                    self.wrong_type(k, v, "an age string like \"60y\" or \"50y6m\"");
                    return None;
                };
                match s.parse::<Age>() {
                    Ok(a) => Some(Value::Age(a)),
                    Err(e) => {
                        self.push(off, &self.key(k), C::WrongType, e.to_string());
                        None
                    }
                }
            }
            Domain::Variant(names) => {
                let DeValue::String(s) = v.get_ref() else {
                    self.wrong_type(k, v, "a variant name");
                    return None;
                };
                if !names.contains(&s.as_ref()) {
                    self.push(
                        off,
                        &self.key(k),
                        C::UnknownVariant,
                        format!(
                            "variant `{s}` is not implemented; expected one of: {}",
                            names.join(", ")
                        ),
                    );
                    return None;
                }
                Some(Value::Variant(s.to_string()))
            }
            Domain::Rounding => {
                self.push(
                    off,
                    &self.key(k),
                    C::WrongType,
                    "rounding rules use `scale` and `mode`, not `value`",
                );
                None
            }
            Domain::Extra | Domain::Attribute | Domain::Override => {
                self.push(
                    off,
                    &self.key(k),
                    C::WrongType,
                    "extras, attributes and coefficient overrides are written with their own fields",
                );
                None
            }
        }
    }
}

/// The fields an `award.extras.<name>` entry may have besides the common ones.
const EXTRA_FIELDS: [&str; 13] = [
    "title",
    "kind",
    "amount",
    "fixed",
    "years",
    "years_rounding",
    "rate",
    "of",
    "bands",
    "when",
    "in_total",
    "attribute",
    "steps",
];

/// The kinds of extras and the fields each needs (`req`) or allows (`opt`).
const EXTRA_KINDS: [(&str, &[&str], &[&str]); 8] = [
    ("flat", &["amount"], &[]),
    (
        "per_year",
        &["amount", "years"],
        &["fixed", "years_rounding"],
    ),
    ("pct_of_pension", &["rate", "of"], &[]),
    ("pct_of_indexed_wage", &["rate"], &["bands"]),
    ("pct_of_basic_base", &["rate"], &["bands"]),
    ("pct_of_amount", &["rate", "amount"], &[]),
    ("unknown", &[], &[]),
    ("pct_of_indexed_wage_stepped", &["attribute", "steps"], &[]),
];

/// Local extras and person attributes (the `award.extras.` and
/// `award.attributes.` families, see [`super::family`]).
impl<'i> Reader<'_, 'i> {
    fn one_of(&mut self, e: &Tbl<'i>, k: &str, names: &[&str]) -> Option<String> {
        let v = get(e, k)?;
        let s = self.opt_str(e, k)?;
        if names.contains(&s.as_str()) {
            return Some(s);
        }
        let key = self.key(k);
        self.push(
            v.span().start,
            &key,
            C::UnknownVariant,
            format!("`{s}` is not one of: {}", names.join(", ")),
        );
        None
    }

    fn decimal_field(&mut self, e: &Tbl<'i>, k: &str, domain: Domain) -> Option<Decimal> {
        get(e, k)
            .and_then(|v| self.value(domain, k, v))
            .and_then(|v| v.as_decimal())
    }

    /// One entry of `award.extras.<name>`.
    fn extra(&mut self, e: &Tbl<'i>, span: Range<usize>) -> Option<Value> {
        use super::family::*;
        let title = self.req_str(e, "title", span.clone());
        let names: Vec<&str> = EXTRA_KINDS.iter().map(|k| k.0).collect();
        if get(e, "kind").is_none() {
            self.missing("kind", span.clone());
            return None;
        }
        let kind_name = self.one_of(e, "kind", &names)?;
        let (_, req, opt) = EXTRA_KINDS
            .iter()
            .find(|k| k.0 == kind_name)
            .copied()
            .unwrap_or(("", &[], &[]));
        let mut ok = true;
        for f in req {
            if get(e, f).is_none() {
                self.missing(f, span.clone());
                ok = false;
            }
        }
        for (k, _) in e.iter() {
            let k: &str = k.get_ref();
            let kind_field = [
                "amount",
                "fixed",
                "years",
                "years_rounding",
                "rate",
                "of",
                "bands",
                "attribute",
                "steps",
            ]
            .contains(&k);
            if kind_field && !req.contains(&k) && !opt.contains(&k) {
                let off = get(e, k).map_or(span.start, |v| v.span().start);
                let key = self.key(k);
                self.push(
                    off,
                    &key,
                    C::UnknownKey,
                    format!(
                        "`{k}` is not a field of kind `{kind_name}`; it has: {}",
                        [req, opt].concat().join(", ")
                    ),
                );
                ok = false;
            }
        }
        let amount = match kind_name.as_str() {
            "unknown" | "pct_of_indexed_wage_stepped" => None,
            _ => self.decimal_field(e, "amount", Domain::Money),
        };
        let rate = match kind_name.as_str() {
            "unknown" | "pct_of_indexed_wage_stepped" => None,
            _ => self.decimal_field(e, "rate", Domain::Ratio),
        };
        // Read before the kind's fields, so its problems show with theirs.
        let when = self.when(e);
        let in_total = self.opt_bool(e, "in_total").unwrap_or(true);
        let kind = match kind_name.as_str() {
            "flat" => ExtraKind::Flat { amount: amount? },
            "per_year" => {
                let fixed = match get(e, "fixed") {
                    Some(_) => Some(self.decimal_field(e, "fixed", Domain::Money)?),
                    None => None,
                };
                let years = match self
                    .one_of(e, "years", &["total", "actual", "deemed"])?
                    .as_str()
                {
                    "actual" => YearsBasis::Actual,
                    "deemed" => YearsBasis::Deemed,
                    _ => YearsBasis::Total,
                };
                let years_rounding = match get(e, "years_rounding") {
                    None => YearsRounding::Exact,
                    Some(_) => match self
                        .one_of(e, "years_rounding", &["exact", "floor"])?
                        .as_str()
                    {
                        "floor" => YearsRounding::Floor,
                        _ => YearsRounding::Exact,
                    },
                };
                ExtraKind::PerYear {
                    amount: amount?,
                    fixed,
                    years,
                    years_rounding,
                }
            }
            "pct_of_pension" => ExtraKind::PctOfPension {
                of: self.parts(e)?,
                rate: rate?,
            },
            "pct_of_indexed_wage" => ExtraKind::PctOfIndexedWage {
                bands: self.bands(e)?,
                rate: rate?,
            },
            "pct_of_basic_base" => ExtraKind::PctOfBasicBase {
                bands: self.bands(e)?,
                rate: rate?,
            },
            "unknown" => ExtraKind::Unknown,
            "pct_of_indexed_wage_stepped" => {
                let attribute = self.opt_str(e, "attribute")?;
                if !is_snake(&attribute) {
                    let key = self.key("attribute");
                    self.push(
                        span.start,
                        &key,
                        C::UnknownKey,
                        format!("`{attribute}` is not an attribute name (snake_case)"),
                    );
                    return None;
                }
                ExtraKind::PctOfIndexedWageStepped {
                    attribute,
                    steps: self.steps(e)?,
                }
            }
            _ => ExtraKind::PctOfAmount {
                rate: rate?,
                amount: amount?,
            },
        };
        ok.then_some(Value::Extra(Arc::new(ExtraRule {
            title: title?,
            kind,
            when: when?,
            in_total,
        })))
    }

    /// `of = ["basic", "transitional"]`: at least one part, each once.
    fn parts(&mut self, e: &Tbl<'i>) -> Option<Vec<super::family::PensionPart>> {
        use super::family::PensionPart;
        let v = get(e, "of")?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type("of", v, "a list like [\"basic\", \"transitional\"]");
            return None;
        };
        let mut out = vec![];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let k = format!("of[{i}]");
            let part = match item.get_ref() {
                DeValue::String(s) if s == "basic" => Some(PensionPart::Basic),
                DeValue::String(s) if s == "account" => Some(PensionPart::Account),
                DeValue::String(s) if s == "transitional" => Some(PensionPart::Transitional),
                _ => None,
            };
            match part {
                Some(p) if !out.contains(&p) => out.push(p),
                Some(_) => {
                    let key = self.key(&k);
                    self.push(
                        item.span().start,
                        &key,
                        C::Overlap,
                        "this part is listed twice",
                    );
                    ok = false;
                }
                None => {
                    let key = self.key(&k);
                    self.push(
                        item.span().start,
                        &key,
                        C::UnknownVariant,
                        format!("expected one of: {}", PensionPart::NAMES.join(", ")),
                    );
                    ok = false;
                }
            }
        }
        if out.is_empty() && ok {
            let key = self.key("of");
            self.push(v.span().start, &key, C::MissingField, "`of` names no part");
            ok = false;
        }
        ok.then_some(out)
    }

    /// `bands = [{ above_years = 20, rate = "0.0015" }, …]`, thresholds rising.
    fn bands(&mut self, e: &Tbl<'i>) -> Option<Vec<super::family::Band>> {
        let Some(v) = get(e, "bands") else {
            return Some(vec![]);
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type("bands", v, "a list of { above_years, rate } tables");
            return None;
        };
        let base = self.path.clone();
        let mut out: Vec<super::family::Band> = vec![];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            self.path = format!("{base}.bands[{i}]");
            let DeValue::Table(t) = item.get_ref() else {
                self.path = base.clone();
                self.wrong_type(
                    &format!("bands[{i}]"),
                    item,
                    "a table { above_years, rate }",
                );
                ok = false;
                continue;
            };
            self.allow_only(t, &["above_years", "rate"]);
            let above = match get(t, "above_years") {
                Some(y) => self
                    .int("above_years", y)
                    .and_then(|n| match u32::try_from(n) {
                        Ok(n) if n <= 100 => Some(n),
                        _ => {
                            let key = self.key("above_years");
                            self.push(
                                y.span().start,
                                &key,
                                C::OutOfRange,
                                format!("{n} years is out of range (0–100)"),
                            );
                            None
                        }
                    }),
                None => {
                    self.missing("above_years", item.span());
                    None
                }
            };
            let rate = match get(t, "rate") {
                Some(_) => self.decimal_field(t, "rate", Domain::Ratio),
                None => {
                    self.missing("rate", item.span());
                    None
                }
            };
            match (above, rate) {
                (Some(above_years), Some(rate)) => {
                    if out.last().is_some_and(|b| b.above_years >= above_years) {
                        let key = self.key("above_years");
                        self.push(
                            item.span().start,
                            &key,
                            C::Unsorted,
                            "bands must be listed by rising `above_years`",
                        );
                        ok = false;
                    }
                    out.push(super::family::Band { above_years, rate });
                }
                _ => ok = false,
            }
        }
        self.path = base;
        ok.then_some(out)
    }

    /// `steps = [{ at_least = "10", rate = "0.05" }, …]`: at least one,
    /// `at_least` rising.
    fn steps(&mut self, e: &Tbl<'i>) -> Option<Vec<super::family::Step>> {
        let v = get(e, "steps")?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type("steps", v, "a list of { at_least, rate } tables");
            return None;
        };
        let base = self.path.clone();
        let mut out: Vec<super::family::Step> = vec![];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            self.path = format!("{base}.steps[{i}]");
            let DeValue::Table(t) = item.get_ref() else {
                self.path = base.clone();
                self.wrong_type(&format!("steps[{i}]"), item, "a table { at_least, rate }");
                ok = false;
                continue;
            };
            self.allow_only(t, &["at_least", "rate"]);
            let field = |r: &mut Self, k: &str, domain: Domain| match get(t, k) {
                Some(_) => r.decimal_field(t, k, domain),
                None => {
                    r.missing(k, item.span());
                    None
                }
            };
            let at_least = field(self, "at_least", Domain::Money);
            let rate = field(self, "rate", Domain::Ratio);
            match (at_least, rate) {
                (Some(at_least), Some(rate)) => {
                    if out.last().is_some_and(|s| s.at_least >= at_least) {
                        let key = self.key("at_least");
                        self.push(
                            item.span().start,
                            &key,
                            C::Unsorted,
                            "steps must be listed by rising `at_least`",
                        );
                        ok = false;
                    }
                    out.push(super::family::Step { at_least, rate });
                }
                _ => ok = false,
            }
        }
        self.path = base;
        if out.is_empty() && ok {
            let key = self.key("steps");
            self.push(
                v.span().start,
                &key,
                C::MissingField,
                "`steps` lists no step",
            );
            ok = false;
        }
        ok.then_some(out)
    }

    /// `when = { only_child = true, min_deemed_months = 120 }`.
    fn when(&mut self, e: &Tbl<'i>) -> Option<super::family::ExtraWhen> {
        use super::family::*;
        let mut w = ExtraWhen::default();
        let Some(v) = get(e, "when") else {
            return Some(w);
        };
        let DeValue::Table(t) = v.get_ref() else {
            self.wrong_type("when", v, "an inline table like { only_child = true }");
            return None;
        };
        let mut ok = true;
        for (k, val) in t.iter() {
            let name: &str = k.get_ref();
            let key = self.key(&format!("when.{name}"));
            if let Some((bound, _)) = MonthBound::ALL.iter().find(|(_, n)| *n == name) {
                match self.value(Domain::Months, &format!("when.{name}"), val) {
                    Some(Value::Months(n)) => {
                        w.months.insert(*bound, n);
                    }
                    _ => ok = false,
                }
                continue;
            }
            if !is_snake(name) {
                self.push(
                    k.span().start,
                    &key,
                    C::UnknownKey,
                    format!(
                        "`{name}` is neither a month bound ({}) nor an attribute name",
                        MonthBound::ALL.map(|b| b.1).join(", ")
                    ),
                );
                ok = false;
                continue;
            }
            match val.get_ref() {
                DeValue::Boolean(b) => {
                    w.attributes.insert(name.to_string(), AttrValue::Bool(*b));
                }
                DeValue::String(s) => {
                    w.attributes
                        .insert(name.to_string(), AttrValue::Text(s.to_string()));
                }
                _ => {
                    self.wrong_type(&format!("when.{name}"), val, "true, false or a text");
                    ok = false;
                }
            }
        }
        ok.then_some(w)
    }

    /// One entry of `award.coefficient_overrides.<name>`: `title`, `slot`,
    /// `value` (a ratio) and a `when` with at least one condition.
    fn coefficient_override(&mut self, e: &Tbl<'i>, span: Range<usize>) -> Option<Value> {
        use super::family::*;
        let title = self.req_str(e, "title", span.clone());
        let slot = match get(e, "slot") {
            None => {
                self.missing("slot", span.clone());
                None
            }
            Some(_) => self
                .one_of(e, "slot", CoefficientSlot::NAMES)
                .map(|s| match s.as_str() {
                    "basic_rate_per_year" => CoefficientSlot::BasicRatePerYear,
                    _ => CoefficientSlot::TransitionalCoefficient,
                }),
        };
        let value = match get(e, "value") {
            None => {
                self.missing("value", span.clone());
                None
            }
            Some(_) => self.decimal_field(e, "value", Domain::Ratio),
        };
        let when = match get(e, "when") {
            None => {
                self.missing("when", span.clone());
                None
            }
            Some(_) => self.when(e),
        };
        let when = when?;
        if when.attributes.is_empty() && when.months.is_empty() {
            let key = self.key("when");
            self.push(
                span.start,
                &key,
                C::MissingField,
                "`when` names no condition: an override without one would replace the parameter itself",
            );
            return None;
        }
        Some(Value::Override(Arc::new(CoefficientOverride {
            title: title?,
            slot: slot?,
            value: value?,
            when,
        })))
    }

    /// One entry of `award.attributes.<name>`.
    fn attribute(&mut self, e: &Tbl<'i>, span: Range<usize>) -> Option<Value> {
        use super::family::*;
        let title = self.req_str(e, "title", span.clone());
        if get(e, "type").is_none() {
            self.missing("type", span.clone());
            return None;
        }
        let ty = self.one_of(e, "type", &["bool", "text", "number"])?;
        let allowed = get(e, "allowed");
        let kind = match (ty.as_str(), allowed) {
            ("bool", None) => AttributeType::Bool,
            ("number", None) => AttributeType::Number,
            ("bool" | "number", Some(v)) => {
                let key = self.key("allowed");
                self.push(
                    v.span().start,
                    &key,
                    C::UnknownKey,
                    "`allowed` is for `type = \"text\"`",
                );
                return None;
            }
            (_, None) => {
                self.missing("allowed", span);
                return None;
            }
            (_, Some(v)) => {
                let list = match v.get_ref() {
                    DeValue::Array(items) => items
                        .iter()
                        .map(|i| i.get_ref().as_str().map(str::to_string))
                        .collect::<Option<Vec<String>>>()
                        .filter(|l| !l.is_empty()),
                    _ => None,
                };
                match list {
                    Some(l) => AttributeType::Text { allowed: l },
                    None => {
                        self.wrong_type("allowed", v, "a non-empty list of texts");
                        return None;
                    }
                }
            }
        };
        let default = match get(e, "default") {
            None => None,
            Some(v) => {
                let value = match v.get_ref() {
                    DeValue::Boolean(b) => Some(AttrValue::Bool(*b)),
                    DeValue::String(t) => Some(AttrValue::Text(t.to_string())),
                    _ => None,
                };
                let decl = AttributeDecl {
                    title: String::new(),
                    kind: kind.clone(),
                    default: None,
                };
                match value {
                    Some(d) if decl.refuse(&d).is_none() => Some(d),
                    Some(d) => {
                        let key = self.key("default");
                        let why = decl.refuse(&d).unwrap_or_default();
                        self.push(v.span().start, &key, C::OutOfRange, why);
                        return None;
                    }
                    None => {
                        self.wrong_type("default", v, "a value of the attribute's type");
                        return None;
                    }
                }
            }
        };
        Some(Value::Attribute(Arc::new(AttributeDecl {
            title: title?,
            kind,
            default,
        })))
    }
}

/// What a decimal of `domain` should be, if `d` is not (the ratio, positive
/// and money domains; others hold no decimals).
pub(crate) fn outside(domain: Domain, d: Decimal) -> Option<&'static str> {
    match domain {
        Domain::Ratio => {
            (d < Decimal::ZERO || d > Decimal::ONE).then_some("a ratio between 0 and 1")
        }
        Domain::Positive => (d <= Decimal::ZERO).then_some("a number above 0"),
        Domain::Money => (d < Decimal::ZERO).then_some("an amount not below 0"),
        _ => None,
    }
}
