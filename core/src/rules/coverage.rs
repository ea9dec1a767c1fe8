//! 覆盖情况 — what each provincial (and city) rule set knows, read from the
//! rule data itself: the years of 计发基数 and of the average wage, the
//! account start, the transitional-pension formula, local extras, the
//! province's own rounding and the lowest confidence of its values. The CLI
//! prints it (`pension-rules rules coverage`) and docs/provinces.md is
//! generated from it, so the documentation cannot drift from the data.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{
    Catalog, Confidence, Entries, Param, PhaseInAfter, RuleSet, Snapshot, TransitionalBase,
    TransitionalIndexRule, TransitionalMethod, TransitionalYears,
};

/// One rule set's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CoverageRow {
    /// Rule-set id (`cn/sichuan`, `cn/liaoning/shenyang`).
    pub id: String,
    /// Its GB/T 2260 code.
    pub region: String,
    /// Its title.
    pub title: String,
    /// Retirement years with a final 计发基数 (`award.pension_base`).
    pub pension_base_years: Vec<i32>,
    /// Retirement years with a provisional (预发) 计发基数 only.
    pub provisional_base_years: Vec<i32>,
    /// Years of the average wage dividing contribution indices, given by
    /// this layer (`award.average_wage`).
    pub average_wage_years: Vec<i32>,
    /// Month the individual accounts began (`account.established`).
    pub account_start: Option<String>,
    /// The basic pension where it differs from 国发〔2005〕38号's
    /// `(C + C·Ī)/2 × N × 1 %` (a flat-half base, a monthly rate), else
    /// `national`.
    pub basic: String,
    /// The transitional pension as the rule data writes it
    /// (`C × Ī × S × 1.4 %`), or `none`.
    pub transitional: String,
    /// Local extras (`award.extras.<name>`), by name.
    pub extras: Vec<String>,
    /// The layer's own rounding rules (`rounding.<name>: …`).
    pub rounding: Vec<String>,
    /// The lowest confidence tag on the layer's own values (`H`, `M`, `L`).
    pub lowest_confidence: Option<Confidence>,
    /// How many of the layer's own entries carry no confidence tag.
    pub untagged: usize,
}

/// Every rule set of `catalog` (and the embedded ones) that names a region
/// below the national one, provinces first, each followed by its cities.
pub fn coverage(catalog: &Catalog) -> Vec<CoverageRow> {
    let mut ids: BTreeSet<String> = catalog.ids().into_iter().map(String::from).collect();
    ids.extend(Catalog::embedded().ids().into_iter().map(String::from));
    ids.into_iter()
        .filter_map(|id| catalog.load(&id).ok())
        .filter_map(|rs| row(&rs))
        .collect()
}

/// The coverage of one rule set; `None` for a set without a region of its
/// own (the national base, overlays).
pub fn row(rs: &RuleSet) -> Option<CoverageRow> {
    let top = rs.layers().last()?;
    let region = top.region.clone()?;
    let own = |p: &Param| own_entries(p, &top.id);
    let years = |name: &str, provisional: bool| -> Vec<i32> {
        let Some(Entries::Yearly(v)) = rs.param(name).map(|p| &p.entries) else {
            return vec![];
        };
        let finals: BTreeSet<i32> = v
            .iter()
            .filter(|e| !e.provenance.provisional)
            .map(|e| e.year)
            .collect();
        let all: BTreeSet<i32> = v
            .iter()
            .filter(|e| e.provenance.provisional == provisional)
            .map(|e| e.year)
            .collect();
        match provisional {
            false => all.into_iter().collect(),
            true => all.difference(&finals).copied().collect(),
        }
    };
    let snap = rs.at(latest(rs));
    let mut lowest = None;
    let mut untagged = 0;
    for p in rs.params().values() {
        for c in own(p) {
            match c {
                Some(c) => lowest = Some(lower(lowest, c)),
                None => untagged += 1,
            }
        }
    }
    let rounding = rs
        .params()
        .iter()
        .filter(|(n, p)| n.starts_with("rounding.") && !own(p).is_empty())
        .filter_map(|(n, p)| match &p.entries {
            Entries::Dated(v) => Some(format!("{}: {}", &n["rounding.".len()..], v.last()?.value)),
            _ => None,
        })
        .collect();
    let average_wage_years = match rs.param("award.average_wage") {
        Some(p) if !own(p).is_empty() => years("award.average_wage", false),
        _ => vec![],
    };
    Some(CoverageRow {
        id: top.id.clone(),
        region,
        title: top.title.clone().unwrap_or_default(),
        pension_base_years: years("award.pension_base", false),
        provisional_base_years: years("award.pension_base", true),
        average_wage_years,
        account_start: snap
            .account
            .established
            .current()
            .ok()
            .map(|m| m.value.to_string()),
        basic: basic(&snap),
        transitional: transitional(&snap),
        extras: rs
            .params()
            .keys()
            .filter_map(|n| n.strip_prefix("award.extras."))
            .map(String::from)
            .collect(),
        rounding,
        lowest_confidence: lowest,
        untagged,
    })
}

/// The confidence tags of the entries `layer` itself gives (their file lies
/// in the layer's directory).
fn own_entries(p: &Param, layer: &str) -> Vec<Option<Confidence>> {
    let dir = format!("{layer}/");
    let mine = |file: &str| {
        file.contains(&dir) && !file[file.find(&dir).unwrap_or(0) + dir.len()..].contains('/')
    };
    let provs: Vec<_> = match &p.entries {
        Entries::Dated(v) => v.iter().map(|e| &e.provenance).collect(),
        Entries::Yearly(v) => v.iter().map(|e| &e.provenance).collect(),
        Entries::Table(v) => v.iter().map(|e| &e.provenance).collect(),
        Entries::Schedule(v) => v.iter().map(|e| &e.provenance).collect(),
    };
    provs
        .into_iter()
        .filter(|p| mine(&p.origin.file))
        .map(|p| p.confidence)
        .collect()
}

fn lower(a: Option<Confidence>, b: Confidence) -> Confidence {
    let rank = |c: Confidence| match c {
        Confidence::H => 2,
        Confidence::M => 1,
        Confidence::L => 0,
    };
    match a {
        Some(a) if rank(a) <= rank(b) => a,
        _ => b,
    }
}

/// The date of the latest dated entry: the formulas now in force.
fn latest(rs: &RuleSet) -> NaiveDate {
    rs.params()
        .values()
        .filter_map(|p| match &p.entries {
            Entries::Dated(v) => v.iter().map(|e| e.from).max(),
            Entries::Table(v) => v.iter().map(|e| e.from).max(),
            Entries::Schedule(v) => v.iter().map(|e| e.from).max(),
            Entries::Yearly(_) => None,
        })
        .max()
        .unwrap_or_default()
}

fn percent(k: Decimal) -> String {
    format!("{} %", (k * Decimal::ONE_HUNDRED).normalize())
}

/// The transitional pension in force, in the template's words.
fn transitional(snap: &Snapshot) -> String {
    let a = &snap.award;
    if a.transitional_method.current().map(|m| m.value) == Ok(TransitionalMethod::Given) {
        return "given in the input (formula not modelled)".into();
    }
    let Ok(k) = a.transitional_coefficient.current() else {
        return "none".into();
    };
    if a.transitional_method.current().map(|m| m.value) == Ok(TransitionalMethod::WeightedYears) {
        return weighted_years_text(snap, k.value);
    }
    let base = match a.transitional_base.current().map(|b| b.value) {
        Ok(TransitionalBase::BasicAverage) => "(C + C·Ī)/2",
        _ => "C",
    };
    let index = match a.transitional_index_rule.current().map(|r| r.value) {
        Ok(TransitionalIndexRule::Separate) => Some("Īt"),
        Ok(TransitionalIndexRule::One) => None,
        Ok(TransitionalIndexRule::AverageIndexFloorOne) => Some("max(Ī, 1)"),
        _ => Some("Ī"),
    };
    let years = match a.transitional_years.current().map(|y| y.value) {
        Ok(TransitionalYears::DeemedAndPreAccount) => "P",
        _ => "S",
    };
    let mut k_text = percent(k.value);
    if let (Ok(above), Ok(t)) = (
        a.transitional_coefficient_above.current(),
        a.transitional_threshold_months.current(),
    ) {
        k_text = format!(
            "{k_text} ({} above {} actual months)",
            percent(above.value),
            t.value
        );
    }
    for o in snap.overrides.at(snap.as_of) {
        if o.value.slot == super::family::CoefficientSlot::TransitionalCoefficient {
            k_text = format!(
                "{k_text} ({} when {})",
                percent(o.value.value),
                o.value.when
            );
        }
    }
    let mut parts = vec![base.to_string()];
    parts.extend(index.map(String::from));
    parts.push(years.into());
    parts.push(k_text);
    let mut text = parts.join(" × ");
    if let Ok(w) = a.transitional_window_coefficient.current() {
        text.push_str(&format!(" + C × Īw × window years × {}", percent(w.value)));
    }
    if let Ok(d) = a.transitional_notional_divisor.current() {
        text.push_str(&format!(" + notional account ÷ {}", d.value.normalize()));
    }
    if let Ok(r) = snap.rounding.transitional_years.current() {
        text.push_str(&format!("; years {}", r.value));
    }
    if let Some(first) = a.transitional_phase_in.years().next() {
        let shares: Vec<String> = a
            .transitional_phase_in
            .years()
            .filter_map(|y| {
                let s = a.transitional_phase_in.get(y).ok()?;
                Some(format!("{y} {}", percent(s.value)))
            })
            .collect();
        text.push_str(&format!(
            "; new method phased in over the old (given) from {first}: {}",
            shares.join(", ")
        ));
    }
    text
}

/// The weighted-years transitional pension (`weighted_years`) in words.
fn weighted_years_text(snap: &Snapshot, k: Decimal) -> String {
    let a = &snap.award;
    let mut text = format!(
        "C × W × {}, W = (D × (S + pre-window months) + Σ window indices)/12, D by locality ({} places)",
        percent(k),
        snap.deemed_indices.names().count()
    );
    if let Some(first) = a.transitional_phase_in.years().next() {
        let shares: Vec<String> = a
            .transitional_phase_in
            .years()
            .filter_map(|y| {
                let s = a.transitional_phase_in.get(y).ok()?;
                Some(format!("{y} {}", percent(s.value)))
            })
            .collect();
        let old = match (
            a.transitional_old_divisor.current(),
            a.transitional_old_per_year.current(),
        ) {
            (Ok(d), Ok(y)) => format!(
                "notional account ÷ {} + {} × whole years",
                d.value.normalize(),
                y.value.normalize()
            ),
            (Ok(d), Err(_)) => format!("notional account ÷ {}", d.value.normalize()),
            _ => "given".into(),
        };
        text.push_str(&format!(
            "; phased in over the old ({old}) from {first}: {}",
            shares.join(", ")
        ));
        if a.transitional_phase_in_after.current().map(|v| v.value) == Ok(PhaseInAfter::NewMethod) {
            text.push_str(", then the new method alone");
        }
    }
    if let Ok(x) = a.transitional_fixed.current() {
        text.push_str(&format!("; + {} fixed", x.value.normalize()));
    }
    text
}

/// The basic pension where the province departs from the national formula.
fn basic(snap: &Snapshot) -> String {
    let a = &snap.award;
    let mut parts = vec![];
    if !a.flat_part_base.is_empty() {
        parts.push("(B + C·Ī)/2 with the flat half on its own base B".to_string());
    }
    if let Ok(m) = a.basic_rate_per_extra_month.current() {
        parts.push(format!(
            "whole years × rate + months × {}",
            percent(m.value)
        ));
    }
    if let Ok(t) = a.total_rule.current() {
        parts.push(format!("total: {}", t.value));
    }
    if parts.is_empty() {
        "national".into()
    } else {
        parts.join("; ")
    }
}

/// Year lists as ranges: `2014–2016, 2019`.
pub fn ranges(years: &[i32]) -> String {
    let mut out: Vec<String> = vec![];
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            years[i].to_string()
        } else {
            format!("{}–{}", years[i], years[j])
        });
        i = j + 1;
    }
    if out.is_empty() {
        "—".into()
    } else {
        out.join(", ")
    }
}

/// The coverage as a Markdown table (docs/provinces.md).
pub fn markdown(rows: &[CoverageRow]) -> String {
    let mut s = String::from(
        "| rule set | region | 计发基数 (retirement years) | average wage years | account start | basic pension | transitional pension | local extras | own rounding | lowest confidence |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let mut base = ranges(&r.pension_base_years);
        if !r.provisional_base_years.is_empty() {
            base.push_str(&format!(" (预发 {})", ranges(&r.provisional_base_years)));
        }
        let conf = match r.lowest_confidence {
            Some(c) => format!("{c:?}"),
            None => "—".into(),
        };
        let conf = if r.untagged > 0 {
            format!("{conf} ({} untagged)", r.untagged)
        } else {
            conf
        };
        let list = |v: &[String]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.join("; ")
            }
        };
        s.push_str(&format!(
            "| `{}` {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.id,
            r.title,
            r.region,
            base,
            ranges(&r.average_wage_years),
            r.account_start.as_deref().unwrap_or("—"),
            r.basic,
            r.transitional,
            list(&r.extras),
            list(&r.rounding),
            conf
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges() {
        assert_eq!(ranges(&[]), "—");
        assert_eq!(ranges(&[2019]), "2019");
        assert_eq!(
            ranges(&[2014, 2015, 2016, 2019, 2021, 2022]),
            "2014–2016, 2019, 2021–2022"
        );
    }

    #[test]
    fn shaanxi_row_reads_its_own_layer() {
        let rs = RuleSet::embedded("cn/shaanxi").unwrap_or_else(|e| panic!("{e}"));
        let r = row(&rs).unwrap_or_else(|| panic!("a row"));
        assert_eq!(r.region, "610000");
        assert_eq!(r.transitional, "C × Ī × S × 1.4 %");
        assert_eq!(r.account_start.as_deref(), Some("1996-01"));
        assert!(r.pension_base_years.contains(&2024));
        // The national set has no region: no row.
        assert!(row(&RuleSet::embedded("cn/national").unwrap_or_else(|e| panic!("{e}"))).is_none());
    }
}
