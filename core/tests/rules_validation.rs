//! Every validation error has a test with a broken rule file: the loader must
//! report it with file, line and key, and report all problems at once.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use pension_rules::rules::{
    Catalog, DiagnosticCode as C, Domain, LoadError, RuleSet, Shape, Snapshot, Sourced, registry,
};

const HEAD: &str = "id = \"test/broken\"\nversion = \"1\"\nextends = \"cn/national\"\n";

/// Load a set `test/broken` (extending the embedded national set) made of
/// `files` (name, text) beside its ruleset.toml.
fn load(files: &[(&str, &str)]) -> Result<RuleSet, LoadError> {
    load_with_head(HEAD, files)
}

fn load_with_head(head: &str, files: &[(&str, &str)]) -> Result<RuleSet, LoadError> {
    let mut all: Vec<(String, Arc<str>)> = vec![("test/ruleset.toml".into(), Arc::from(head))];
    all.extend(
        files
            .iter()
            .map(|(n, t)| (format!("test/{n}"), Arc::from(*t))),
    );
    Catalog::from_files("mem/", all).load("test/broken")
}

fn codes(e: &LoadError) -> Vec<C> {
    e.diagnostics.iter().map(|d| d.code).collect()
}

fn only(e: LoadError, code: C) -> pension_rules::rules::Diagnostic {
    assert_eq!(codes(&e), vec![code], "{e}");
    e.diagnostics.into_iter().next().expect("one diagnostic")
}

const RATE_OK: &str = r#"
[contribution.employer_rate]
[[contribution.employer_rate.values]]
from = 2030-01-01
value = "0.15"
source = "test: a scenario"
"#;

#[test]
fn a_valid_layer_loads() {
    let rs = load(&[("contribution.toml", RATE_OK)]).expect("valid");
    assert_eq!(rs.id(), "test/broken");
    let snap = rs.at("2030-06-01".parse().unwrap());
    assert_eq!(
        snap.contribution
            .employer_rate
            .current()
            .unwrap()
            .value
            .to_string(),
        "0.15"
    );
    // The national entries below stay: 2019-05-01 → 16 % (国办发〔2019〕13号).
    let before = snap
        .contribution
        .employer_rate
        .at("2029-12-31".parse().unwrap())
        .unwrap();
    assert_eq!(before.value.to_string(), "0.16");
}

#[test]
fn toml_syntax_error_names_the_line() {
    let d = only(
        load(&[("award.toml", "\n\n[award.basic_rate_per_year\n")]).unwrap_err(),
        C::Syntax,
    );
    assert_eq!((&*d.file, d.line), ("mem/test/award.toml", 3));
}

#[test]
fn unknown_parameter_and_unknown_field() {
    let text = r#"
[award.basic_rate]
[[award.basic_rate.values]]
from = 2006-01-01
value = "0.01"
source = "x"

[award.basic_rate_per_year]
[[award.basic_rate_per_year.values]]
from = 2006-01-01
valeu = "0.01"
value = "0.01"
source = "x"
"#;
    let e = load(&[("award.toml", text)]).unwrap_err();
    assert_eq!(codes(&e), vec![C::UnknownKey, C::UnknownKey], "{e}");
    assert_eq!(e.diagnostics[0].key, "award.basic_rate");
    assert_eq!(e.diagnostics[0].line, 2);
    assert!(
        e.diagnostics[0]
            .message
            .contains("award.basic_rate_per_year"),
        "suggests known names"
    );
    assert_eq!(
        e.diagnostics[1].key,
        "award.basic_rate_per_year.values[0].valeu"
    );
    assert_eq!(e.diagnostics[1].line, 11);
}

#[test]
fn missing_source_is_refused() {
    let text = "[award.basic_rate_per_year]\n[[award.basic_rate_per_year.values]]\nfrom = 2006-01-01\nvalue = \"0.01\"\n";
    let d = only(load(&[("award.toml", text)]).unwrap_err(), C::MissingSource);
    assert_eq!(d.key, "award.basic_rate_per_year.values[0].source");
    assert_eq!(d.line, 2);
    let empty = text.to_string() + "source = \"  \"\n";
    only(
        load(&[("award.toml", &empty)]).unwrap_err(),
        C::MissingSource,
    );
}

#[test]
fn float_and_wrong_types() {
    let text = r#"
[contribution.employer_rate]
[[contribution.employer_rate.values]]
from = 2030-01-01
value = 0.15
source = "x"
[[contribution.employer_rate.values]]
from = "2031-01-01"
value = "0.14"
source = "x"
"#;
    let e = load(&[("contribution.toml", text)]).unwrap_err();
    assert_eq!(codes(&e), vec![C::FloatValue, C::WrongType], "{e}");
    assert!(
        e.diagnostics[0].message.contains("\"0.15\""),
        "says how to write it: {}",
        e.diagnostics[0].message
    );
    assert_eq!(e.diagnostics[0].line, 5);
    assert_eq!(
        e.diagnostics[1].key,
        "contribution.employer_rate.values[1].from"
    );
}

#[test]
fn ratio_out_of_range() {
    let text = RATE_OK.replace("\"0.15\"", "\"1.6\"");
    let d = only(
        load(&[("contribution.toml", &text)]).unwrap_err(),
        C::OutOfRange,
    );
    assert!(d.message.contains("between 0 and 1"), "{}", d.message);
    let neg = r#"
[award.pension_base]
[[award.pension_base.values]]
year = 2030
value = "-1"
source = "x"
"#;
    only(load(&[("award.toml", neg)]).unwrap_err(), C::OutOfRange);
}

#[test]
fn unsorted_entries() {
    let text = format!(
        "{RATE_OK}[[contribution.employer_rate.values]]\nfrom = 2029-01-01\nvalue = \"0.14\"\nsource = \"x\"\n"
    );
    let d = only(
        load(&[("contribution.toml", &text)]).unwrap_err(),
        C::Unsorted,
    );
    assert_eq!(d.key, "contribution.employer_rate.values[1]");
    assert_eq!(d.line, 7, "the [[…values]] header of the entry");
}

#[test]
fn overlapping_periods() {
    let dup = format!(
        "{RATE_OK}[[contribution.employer_rate.values]]\nfrom = 2030-01-01\nvalue = \"0.14\"\nsource = \"x\"\n"
    );
    only(
        load(&[("contribution.toml", &dup)]).unwrap_err(),
        C::Overlap,
    );
    let until = r#"
[contribution.employer_rate]
[[contribution.employer_rate.values]]
from = 2030-01-01
until = 2031-06-30
value = "0.15"
source = "x"
[[contribution.employer_rate.values]]
from = 2031-01-01
value = "0.14"
source = "x"
"#;
    let d = only(
        load(&[("contribution.toml", until)]).unwrap_err(),
        C::Overlap,
    );
    assert_eq!(d.line, 8, "points at the later entry");
    let years = r#"
[award.pension_base]
[[award.pension_base.values]]
year = 2030
value = "9000"
source = "x"
[[award.pension_base.values]]
year = 2030
value = "9100"
source = "y"
"#;
    only(load(&[("award.toml", years)]).unwrap_err(), C::Overlap);
}

#[test]
fn divisor_table_must_decrease_with_age() {
    let text = r#"
[award.annuity_divisor]
[[award.annuity_divisor.versions]]
from = 2030-01-01
source = "test: a reform"
rows = { 60 = "139", 61 = "140" }
"#;
    let d = only(load(&[("award.toml", text)]).unwrap_err(), C::NotMonotone);
    assert_eq!(d.key, "award.annuity_divisor.versions[1].rows.61");
    assert_eq!(d.line, 3);
}

#[test]
fn table_versions_carry_rows_over() {
    // A reform version lists only the rows it changes.
    let text = r#"
[award.annuity_divisor]
[[award.annuity_divisor.versions]]
from = 2030-01-01
source = "test: a reform"
rows = { 60 = "150" }
"#;
    let e = load(&[("award.toml", text)]).unwrap_err();
    // 150 at 60 is above 145 at 59: caught because rows carried over.
    assert_eq!(codes(&e), vec![C::NotMonotone], "{e}");
    let ok = text.replace("\"150\"", "\"140\"");
    let rs = load(&[("award.toml", &ok)]).expect("valid");
    let snap = rs.at("2030-01-01".parse().unwrap());
    let table = snap.award.annuity_divisor.current().unwrap().value;
    assert_eq!(table.get(60).unwrap().to_string(), "140");
    assert_eq!(table.get(61).unwrap().to_string(), "132");
}

#[test]
fn schedule_must_reach_its_maximum() {
    let text = r#"
[retirement.schedule.male]
[[retirement.schedule.male.versions]]
from = 2030-01-01
original_age = "60y"
start_birth = "1970-01"
step_months = 4
max_delay_months = 36
final_age = "65y"
source = "test"
"#;
    let d = only(
        load(&[("retirement.toml", text)]).unwrap_err(),
        C::BadSchedule,
    );
    assert!(d.message.contains("63y0m"), "{}", d.message);
    let partial = text.replace("step_months = 4\n", "");
    only(
        load(&[("retirement.toml", &partial)]).unwrap_err(),
        C::BadSchedule,
    );
}

#[test]
fn unknown_variant() {
    let text = r#"
[account.interest_convention]
[[account.interest_convention.values]]
from = 2030-01-01
value = "daily"
source = "x"
"#;
    let d = only(
        load(&[("account.toml", text)]).unwrap_err(),
        C::UnknownVariant,
    );
    assert!(
        d.message.contains("annual_1083"),
        "lists the known variants: {}",
        d.message
    );
}

/// A yearly variant is checked like a dated one: a name the engine does not
/// implement is refused where it stands, not loaded and then left out of the
/// snapshot.
#[test]
fn unknown_yearly_variant_names_its_place() {
    let text = r#"
[adjustment.military_cadre]
[[adjustment.military_cadre.values]]
year = 2031
value = "top_up_to_national_average"
source = "x"
"#;
    let d = only(
        load(&[("adjustment.toml", text)]).unwrap_err(),
        C::UnknownVariant,
    );
    assert_eq!(
        (&*d.file, d.line, d.column),
        ("mem/test/adjustment.toml", 5, 9)
    );
    assert_eq!(d.key, "adjustment.military_cadre.values[0].value");
    assert!(
        d.message.contains("top_up_to_city_average, none"),
        "lists the known variants: {}",
        d.message
    );
}

/// The value of a variant parameter in the snapshot, as its rule-file name.
fn variant_in_snapshot(snap: &Snapshot, param: &str, year: i32) -> Option<Sourced<String>> {
    fn named<T: ToString>(s: Sourced<T>) -> Sourced<String> {
        Sourced {
            value: s.value.to_string(),
            param: s.param,
            provenance: s.provenance,
        }
    }
    Some(match param {
        "account.interest_convention" => named(snap.account.interest_convention.current().ok()?),
        "account.partial_year_convention" => {
            named(snap.account.partial_year_convention.current().ok()?)
        }
        "account.inheritance" => named(snap.account.inheritance.current().ok()?),
        "award.divisor_month_rule" => named(snap.award.divisor_month_rule.current().ok()?),
        "award.index_denominator" => named(snap.award.index_denominator.current().ok()?),
        "award.index_weighting" => named(snap.award.index_weighting.current().ok()?),
        "award.index_gaps" => named(snap.award.index_gaps.current().ok()?),
        "award.index_deemed" => named(snap.award.index_deemed.current().ok()?),
        "award.transitional_years" => named(snap.award.transitional_years.current().ok()?),
        "award.transitional_base" => named(snap.award.transitional_base.current().ok()?),
        "award.transitional_method" => named(snap.award.transitional_method.current().ok()?),
        "award.transitional_index_rule" => {
            named(snap.award.transitional_index_rule.current().ok()?)
        }
        "award.total_rule" => named(snap.award.total_rule.current().ok()?),
        "award.transitional_phase_in_after" => {
            named(snap.award.transitional_phase_in_after.current().ok()?)
        }
        "adjustment.years_part" => named(snap.adjustment.years_part.get(year).ok()?),
        "adjustment.part_year" => named(snap.adjustment.part_year.current().ok()?),
        "adjustment.lump_below_threshold" => {
            named(snap.adjustment.lump_below_threshold.current().ok()?)
        }
        "adjustment.military_cadre" => named(snap.adjustment.military_cadre.get(year).ok()?),
        _ => return None,
    })
}

/// Every name the loader accepts for a variant parameter arrives in the
/// snapshot with its source: no accepted value is dropped by the builder.
#[test]
fn every_accepted_variant_reaches_the_snapshot() {
    let mut checked = 0;
    for spec in registry::PARAMS {
        let Domain::Variant(names) = spec.domain else {
            continue;
        };
        let (list, at) = match spec.shape {
            Shape::Dated => ("values", "from = 2030-01-01"),
            Shape::Yearly => ("values", "year = 2031"),
            other => panic!("{}: a variant of shape {other:?}", spec.name),
        };
        let file = format!("{}.toml", spec.name.split('.').next().unwrap());
        for name in names {
            let text = format!(
                "[{p}]\n[[{p}.{list}]]\n{at}\nvalue = \"{name}\"\nsource = \"test: {name}\"\n",
                p = spec.name
            );
            let rs = load(&[(file.as_str(), text.as_str())])
                .unwrap_or_else(|e| panic!("{} = {name}: {e}", spec.name));
            let snap = rs.at("2031-06-30".parse().unwrap());
            let got = variant_in_snapshot(&snap, spec.name, 2031)
                .unwrap_or_else(|| panic!("{} = {name} is not in the snapshot", spec.name));
            assert_eq!(got.value, *name, "{}", spec.name);
            assert_eq!(got.param, spec.name);
            assert_eq!(got.provenance.source, format!("test: {name}"));
            checked += 1;
        }
    }
    // 18 variant parameters: 14 with 2 names, 3 with 3, 1 with 4.
    assert_eq!(checked, 41);
}

#[test]
fn missing_required_parameter() {
    let head = "id = \"test/broken\"\nversion = \"1\"\n";
    let e = load_with_head(head, &[("contribution.toml", RATE_OK)]).unwrap_err();
    assert!(e.diagnostics.iter().all(|d| d.code == C::MissingParameter));
    assert!(
        e.diagnostics
            .iter()
            .any(|d| d.key == "award.annuity_divisor")
    );
    assert!(
        !e.diagnostics
            .iter()
            .any(|d| d.key == "contribution.employer_rate")
    );
}

#[test]
fn missing_base_rule_set() {
    let head = "id = \"test/broken\"\nversion = \"1\"\nextends = \"cn/nowhere\"\n";
    let e = load_with_head(head, &[]).unwrap_err();
    assert_eq!(e.diagnostics[0].code, C::MissingRuleSet);
    assert!(
        e.diagnostics[0].message.contains("cn/national"),
        "lists known sets"
    );
}

#[test]
fn parameter_in_the_wrong_file() {
    let d = only(load(&[("award.toml", RATE_OK)]).unwrap_err(), C::WrongFile);
    assert!(d.message.contains("contribution.toml"));
}

#[test]
fn header_needs_id_and_version() {
    let mut all: Vec<(String, Arc<str>)> =
        vec![("x/ruleset.toml".into(), Arc::from("title = \"no id\"\n"))];
    all.push(("x/award.toml".into(), Arc::from("")));
    let cat = Catalog::from_files("mem/", all);
    assert!(cat.ids().is_empty());
    let e = cat.load("x").unwrap_err();
    let c = codes(&e);
    assert!(c.contains(&C::MissingField), "{e}");
}

#[test]
fn overlay_needs_header() {
    let rs = RuleSet::embedded("cn/national").unwrap();
    let e = rs.with_overlay("reform.toml", RATE_OK).unwrap_err();
    assert_eq!(codes(&e), vec![C::Identity]);
}

#[test]
fn unreadable_directory() {
    let e = Catalog::from_dir(std::path::Path::new("/nonexistent/rules")).unwrap_err();
    assert_eq!(codes(&e), vec![C::Io]);
}

#[test]
fn all_problems_at_once_across_files() {
    let award = "[award.basic_rate_per_year]\n[[award.basic_rate_per_year.values]]\nfrom = 2006-01-01\nvalue = 0.01\n";
    let contribution = RATE_OK.replace("\"0.15\"", "\"2\"");
    let e = load(&[("award.toml", award), ("contribution.toml", &contribution)]).unwrap_err();
    let mut c = codes(&e);
    c.sort_by_key(|c| format!("{c:?}"));
    assert_eq!(
        c,
        vec![C::FloatValue, C::MissingSource, C::OutOfRange],
        "{e}"
    );
    let text = e.to_string();
    assert!(text.contains("mem/test/award.toml:4:"), "{text}");
    assert!(text.contains("mem/test/contribution.toml:5:"), "{text}");
}

#[test]
fn embedded_sets_are_valid() {
    for id in RuleSet::embedded_ids() {
        let rs = RuleSet::embedded(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(rs.id(), id);
        assert_eq!(rs.hash().len(), 64);
    }
    assert!(RuleSet::embedded_ids().contains(&"cn/shaanxi"));
}

#[test]
fn rules_directory_round_trip() {
    // The shipped rules directory loads from disk exactly as embedded.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/cn/shaanxi");
    let from_disk = RuleSet::from_dir(&dir).expect("loads");
    assert_eq!(
        from_disk.hash(),
        RuleSet::embedded("cn/shaanxi").unwrap().hash()
    );
}

/// A provincial value that a later national entry would silently replace is
/// a load error naming both entries; `until` (or restating the later value)
/// says the province means it.
#[test]
fn a_provincial_value_shadowed_by_a_later_national_one() {
    let rate = |extra: &str| {
        format!(
            "[contribution.employer_rate]\n[[contribution.employer_rate.values]]\nfrom = 2016-05-01\n{extra}value = \"0.19\"\nsource = \"test: a province at 19 %\"\n"
        )
    };
    let e = load(&[("contribution.toml", &rate(""))]).unwrap_err();
    let d = only(e, C::Shadowed);
    assert_eq!(d.key, "contribution.employer_rate");
    assert_eq!((d.file.as_ref(), d.line), ("mem/test/contribution.toml", 2));
    // Both entries are named: the national one by its file and source.
    assert!(d.message.contains("2019-05-01"), "{}", d.message);
    assert!(
        d.message.contains("cn/national/contribution.toml"),
        "{}",
        d.message
    );
    assert!(d.message.contains("until = 2019-04-30"), "{}", d.message);
    // With `until` it ends where the national value begins.
    let rs = load(&[("contribution.toml", &rate("until = 2019-04-30\n"))]).unwrap();
    let on = |d: &str| {
        rs.at(d.parse().unwrap())
            .contribution
            .employer_rate
            .current()
            .unwrap()
            .value
            .to_string()
    };
    assert_eq!(on("2018-01-01"), "0.19");
    assert_eq!(on("2020-01-01"), "0.16");
}

/// A final value beats a provisional (预发) one of the same year, whichever
/// comes first in the file.
#[test]
fn final_beats_provisional_in_any_order() {
    let entry = |v: &str, prov: bool| {
        format!(
            "[[award.pension_base.values]]\nyear = 2025\nvalue = \"{v}\"\n{}source = \"test\"\n",
            if prov { "provisional = true\n" } else { "" }
        )
    };
    for text in [
        format!(
            "[award.pension_base]\n{}{}",
            entry("12049", false),
            entry("11883", true)
        ),
        format!(
            "[award.pension_base]\n{}{}",
            entry("11883", true),
            entry("12049", false)
        ),
    ] {
        let rs = load(&[("award.toml", &text)]).unwrap();
        let snap = rs.at("2025-06-01".parse().unwrap());
        assert_eq!(
            snap.award.pension_base.get(2025).unwrap().value.to_string(),
            "12049"
        );
    }
}
