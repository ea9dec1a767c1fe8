//! The versioning rule of rule data (docs/versioning.md, `rules::versioning`):
//! every shipped set's version is semver; a new year's value needs a minor
//! step, a corrected value a patch, a removed parameter or a changed formula
//! variant a major one. With `RULES_BASELINE=DIR` (scripts/test: the rules
//! of the previous commit), every shipped set that changed since must have
//! stepped its version as the change requires.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::sync::Arc;

use pension_rules::rules::versioning::{Bump, check_step, required_bump, required_own_bump};
use pension_rules::rules::{Catalog, RuleSet};

#[test]
fn every_shipped_rule_set_version_is_semver() {
    for id in RuleSet::embedded_ids() {
        let rs = RuleSet::embedded(id).unwrap();
        let v = semver::Version::parse(rs.version())
            .unwrap_or_else(|e| panic!("{id}: version {:?}: {e}", rs.version()));
        assert!(v.major >= 1, "{id}: {v}: rule data is released from 1.0.0");
        assert!(
            v.major < DATE_STYLE,
            "{id}: {v}: a date, not a semantic version"
        );
        assert!(v.pre.is_empty() && v.build.is_empty(), "{id}: {v}");
    }
}

/// A major part this large is a year: the date-style versions (`2026.11.1`)
/// used before the data was versioned by docs/versioning.md.
const DATE_STYLE: u64 = 1900;

/// A one-set catalog extending cn/national, at `version`, with `award.toml` text.
fn set(version: &str, award: &str) -> RuleSet {
    let head = format!("id = \"t/set\"\nversion = \"{version}\"\nextends = \"cn/national\"\n");
    Catalog::from_files(
        "t/",
        [
            ("t/set/ruleset.toml".to_string(), Arc::from(head.as_str())),
            ("t/set/award.toml".to_string(), Arc::from(award)),
        ],
    )
    .load("t/set")
    .unwrap()
}

const BASE_2024: &str = "[award.pension_base]\n\
    [[award.pension_base.values]]\nyear = 2024\nvalue = \"7727\"\nsource = \"2024 notice\"\n";

#[test]
fn a_new_years_value_is_minor() {
    let next = format!(
        "{BASE_2024}[[award.pension_base.values]]\nyear = 2025\nvalue = \"7881\"\nsource = \"2025 notice\"\n"
    );
    let r = required_bump(&set("1.0.0", BASE_2024), &set("1.1.0", &next));
    assert_eq!(r.bump, Bump::Minor);
    assert_eq!(r.reasons.len(), 1);
    assert_eq!(r.reasons[0].param, "award.pension_base");
    assert_eq!(r.reasons[0].entry, "2025");
    assert!(check_step("1.0.0", "1.1.0", r.bump).is_ok());
    assert!(check_step("1.0.0", "2.0.0", r.bump).is_ok());
    assert_eq!(
        check_step("1.0.0", "1.0.1", r.bump).unwrap_err(),
        "1.0.0 → 1.0.1: the data change needs a minor step"
    );
}

#[test]
fn a_corrected_value_or_source_is_a_patch() {
    let fixed = BASE_2024.replace("7727", "7728");
    let r = required_bump(&set("1.0.0", BASE_2024), &set("1.0.1", &fixed));
    assert_eq!(r.bump, Bump::Patch);
    assert_eq!(
        (r.reasons[0].param.as_str(), r.reasons[0].entry.as_str()),
        ("award.pension_base", "2024")
    );
    let resourced = BASE_2024.replace("2024 notice", "陕人社函〔2024〕1号");
    assert_eq!(
        required_bump(&set("1.0.0", BASE_2024), &set("1.0.1", &resourced)).bump,
        Bump::Patch
    );
    assert!(check_step("1.0.0", "1.0.1", Bump::Patch).is_ok());
    assert!(check_step("1.0.0", "1.0.0", Bump::Patch).is_err());
}

#[test]
fn a_removed_parameter_or_a_changed_formula_variant_is_major() {
    let r = required_bump(&set("1.0.0", BASE_2024), &set("2.0.0", ""));
    assert_eq!(r.bump, Bump::Major);
    assert_eq!(r.reasons[0].what, "parameter removed");

    let base = RuleSet::embedded("cn/national").unwrap();
    let variant = base
        .with_overlay(
            "v.toml",
            "[overlay]\nid = \"v\"\n[account.interest_convention]\n\
             [[account.interest_convention.values]]\nfrom = 2030-01-01\n\
             value = \"monthly_product\"\nsource = \"a new interest rule\"\n",
        )
        .unwrap();
    let r = required_bump(&base, &variant);
    assert_eq!(r.bump, Bump::Major);
    assert_eq!(r.reasons[0].what, "formula variant changed");
    assert!(check_step("1.4.2", "1.5.0", Bump::Major).is_err());
    assert!(check_step("1.4.2", "2.0.0", Bump::Major).is_ok());
}

#[test]
fn no_change_needs_no_step_and_versions_must_be_semver() {
    let rs = set("1.0.0", BASE_2024);
    assert_eq!(required_bump(&rs, &rs).bump, Bump::None);
    assert!(check_step("1.0.0", "1.0.0", Bump::None).is_ok());
    // The date-style versions before the migration parse as semver with a
    // year as major: going back to 1.0.0 is no step (see docs/versioning.md).
    assert!(check_step("2026.11.1", "1.0.0", Bump::None).is_err());
    assert!(
        check_step("1", "1.0.0", Bump::None)
            .unwrap_err()
            .contains("\"1\" is not semver")
    );
}

/// A set's own version steps for its own data: a change of the set it
/// extends is that set's step.
#[test]
fn a_change_below_is_not_the_sets_own() {
    let next = format!(
        "{BASE_2024}[[award.pension_base.values]]\nyear = 2025\nvalue = \"7881\"\nsource = \"2025 notice\"\n"
    );
    let (old, new) = (set("1.0.0", BASE_2024), set("1.1.0", &next));
    let own = required_own_bump(&old, &new);
    assert_eq!(own.bump, Bump::Minor);
    assert_eq!(own.reasons[0].file, "t/t/set/award.toml");
    // A set over `t/set` whose base gained a value: the base's change, not its own.
    let over = |award: &str| {
        let head = "id = \"t/set\"\nversion = \"1.0.0\"\nextends = \"cn/national\"\n";
        Catalog::from_files(
            "t/",
            [
                ("t/set/ruleset.toml".to_string(), Arc::from(head)),
                ("t/set/award.toml".to_string(), Arc::from(award)),
                (
                    "t/set/city/ruleset.toml".to_string(),
                    Arc::from("id = \"t/set/city\"\nversion = \"1.0.0\"\nextends = \"t/set\"\n"),
                ),
            ],
        )
        .load("t/set/city")
        .unwrap()
    };
    let (city_old, city_new) = (over(BASE_2024), over(&next));
    assert_eq!(required_bump(&city_old, &city_new).bump, Bump::Minor);
    assert_eq!(required_own_bump(&city_old, &city_new).bump, Bump::None);
}

/// The shipped sets against a previous release's rules (`RULES_BASELINE`):
/// each set whose own data changed since steps its version as the change
/// requires (`required_own_bump`). Sets
/// new since, or whose baseline version predates semver, are skipped.
#[test]
fn shipped_sets_step_their_version_as_their_change_requires() {
    let Some(dir) = std::env::var_os("RULES_BASELINE") else {
        return;
    };
    let old = Catalog::from_dir(std::path::Path::new(&dir)).unwrap();
    let mut failures = vec![];
    let mut compared = 0;
    for id in RuleSet::embedded_ids() {
        let Ok(before) = old.load(id) else { continue };
        match semver::Version::parse(before.version()) {
            Ok(v) if v.major < DATE_STYLE => {}
            _ => continue,
        }
        let now = RuleSet::embedded(id).unwrap();
        let req = required_own_bump(&before, &now);
        compared += 1;
        if let Err(e) = check_step(before.version(), now.version(), req.bump) {
            let why: Vec<String> = req
                .reasons
                .iter()
                .filter(|r| r.bump == req.bump)
                .map(|r| format!("{} {} ({})", r.param, r.entry, r.what))
                .collect();
            failures.push(format!("{id}: {e}: {}", why.join("; ")));
        }
    }
    eprintln!(
        "{compared} rule sets compared with {}",
        dir.to_string_lossy()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
