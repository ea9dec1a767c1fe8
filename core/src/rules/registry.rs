//! The parameters the engine knows: name, shape and value domain.
//!
//! A rule file may only define parameters listed in [`PARAMS`] (anything
//! else is an "unknown key" error), and every `required` parameter must be
//! defined by the merged rule set. The registry is the contract between the
//! data in `rules/` and the code that reads it; its entries are generated
//! from the one declaration of each parameter in `params.rs`, which also
//! makes the parameter's [`Snapshot`] field.

/// How a parameter's entries are laid out in the rule file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `[[name.values]]` with `from` dates: one value in force at a time.
    Dated,
    /// `[[name.values]]` with `year`: one value per calendar year.
    Yearly,
    /// `[[name.versions]]` with `from` dates, each a whole table of `rows`.
    Table {
        /// What the row keys are.
        key: TableKey,
        /// How a query key finds its row.
        lookup: Lookup,
    },
    /// `[[name.versions]]`: a birth-cohort retirement-age schedule.
    Schedule,
}

/// The key of a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKey {
    /// Age in whole years.
    Age,
    /// Calendar year.
    Year,
    /// Whole years of contribution.
    Years,
}

/// How a table lookup finds its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Only the listed keys exist.
    Exact,
    /// The row with the greatest key not above the query.
    Step,
}

/// What a value may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// A share between 0 and 1 inclusive.
    Ratio,
    /// A number above 0.
    Positive,
    /// An amount of money in yuan, not negative.
    Money,
    /// A whole number of months, not negative.
    Months,
    /// A calendar month `"YYYY-MM"`.
    Month,
    /// An age `"60y"`, `"50y6m"`.
    Age,
    /// One of the named formula variants the engine implements.
    Variant(&'static [&'static str]),
    /// A rounding rule (`scale` + `mode` instead of `value`).
    Rounding,
    /// A local extra (地方增发): `title`, `kind` and the kind's fields,
    /// `when`, `in_total` instead of `value` (the `award.extras.` family).
    Extra,
    /// A person attribute: `title`, `type`, `allowed` instead of `value`
    /// (the `award.attributes.` family).
    Attribute,
    /// A coefficient chosen by a condition: `title`, `slot`, `value`, `when`
    /// (the `award.coefficient_overrides.` family).
    Override,
}

/// One registered parameter.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// Dotted name; its first segment is the file it lives in.
    pub name: &'static str,
    /// Entry layout.
    pub shape: Shape,
    /// Value domain (for tables: of each row's value).
    pub domain: Domain,
    /// Whether a complete rule set must define it.
    pub required: bool,
    /// Short English description with the Chinese term.
    pub about: &'static str,
}

pub use super::params::{PARAMS, order};
use super::snapshot::*;

/// Variants of the year-end interest convention (记账利率计息办法).
pub const INTEREST_CONVENTIONS: &[&str] = InterestConvention::NAMES;
/// Variants of how a partial year (retirement, death, transfer mid-year) earns interest.
pub const PARTIAL_YEAR_CONVENTIONS: &[&str] = PartialYearConvention::NAMES;
/// Variants of the inheritable part of the account (个人账户可继承部分).
pub const INHERITANCE_RULES: &[&str] = Inheritance::NAMES;
/// Variants of how the divisor is found for ages with months.
pub const DIVISOR_MONTH_RULES: &[&str] = DivisorMonthRule::NAMES;
/// Variants of the contribution-index denominator (缴费指数分母).
pub const INDEX_DENOMINATORS: &[&str] = IndexDenominator::NAMES;
/// Variants of the weighting of the average index.
pub const INDEX_WEIGHTINGS: &[&str] = IndexWeighting::NAMES;
/// Variants of how gaps (断缴) enter the average index.
pub const INDEX_GAP_RULES: &[&str] = GapRule::NAMES;
/// Variants of whether deemed (视同) years enter the average index.
pub const INDEX_DEEMED_RULES: &[&str] = DeemedRule::NAMES;
/// Variants of which years earn the transitional pension (过渡性养老金).
pub const TRANSITIONAL_YEARS_RULES: &[&str] = TransitionalYears::NAMES;
/// Variants of what follows the last year of a transitional phase-in.
pub const PHASE_IN_AFTER_RULES: &[&str] = PhaseInAfter::NAMES;
/// Variants of how an award's total is formed (合计办法).
pub const TOTAL_RULES: &[&str] = TotalRule::NAMES;
/// Variants of the contribution-years part of a yearly adjustment (挂钩调整 by 缴费年限).
pub const ADJUSTMENT_YEARS_PARTS: &[&str] = YearsPart::NAMES;
/// Variants of how a part-year of contribution counts in an adjustment.
pub const ADJUSTMENT_PART_YEAR_RULES: &[&str] = PartYear::NAMES;
/// Variants of the lump sum for people with fewer years than the threshold.
pub const ADJUSTMENT_LUMP_BELOW_RULES: &[&str] = LumpBelow::NAMES;
/// Variants of the 军转干部 top-up in a yearly adjustment.
pub const ADJUSTMENT_MILITARY_CADRE_RULES: &[&str] = MilitaryCadre::NAMES;

/// Parameter families: every name `<family>.<snake_name>` is a parameter
/// of the family's shape (see [`super::family`]). The spec's `name` is the
/// family prefix.
pub const FAMILIES: &[ParamSpec] = &[
    ParamSpec {
        name: super::family::EXTRAS,
        shape: Shape::Dated,
        domain: Domain::Extra,
        required: false,
        about: "地方增发/补贴/津贴 local extras on top of the pension, one per name",
    },
    ParamSpec {
        name: super::family::ATTRIBUTES,
        shape: Shape::Dated,
        domain: Domain::Attribute,
        required: false,
        about: "人员属性 person attributes the local extras may depend on, one per name",
    },
    ParamSpec {
        name: super::family::DEEMED_INDEX,
        shape: Shape::Dated,
        domain: Domain::Positive,
        required: false,
        about: "视同缴费指数 by locality (the weighted-years transitional method), one per place",
    },
    ParamSpec {
        name: super::family::OVERRIDES,
        shape: Shape::Dated,
        domain: Domain::Override,
        required: false,
        about: "按人员属性选择的系数 a coefficient (过渡系数 …) chosen by a person attribute, one per name",
    },
];

/// The family `name` belongs to (`award.extras.x` → the extras family),
/// whatever its last segment.
pub fn family_of(name: &str) -> Option<&'static ParamSpec> {
    let (prefix, _) = name.rsplit_once('.')?;
    FAMILIES.iter().find(|f| f.name == prefix)
}

/// The spec of a registered parameter, or of the family a name like
/// `award.extras.only_child` belongs to (its last segment snake_case).
pub fn spec(name: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|p| p.name == name).or_else(|| {
        family_of(name).filter(|_| name.rsplit('.').next().is_some_and(super::family::is_snake))
    })
}

/// Whether `prefix` is a proper dotted prefix of some registered name
/// (so the loader should descend into it).
pub fn is_prefix(prefix: &str) -> bool {
    PARAMS.iter().chain(FAMILIES).any(|p| {
        p.name == prefix
            || p.name.len() > prefix.len()
                && p.name.starts_with(prefix)
                && p.name.as_bytes()[prefix.len()] == b'.'
    })
}

/// Which way a table's values must move as the key grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Each row strictly below the one before (计发月数 by age).
    Decreasing,
    /// Never below the one before (minimum years by retirement year).
    NonDecreasing,
}

/// The registered names in the same section as `path` (its first segment:
/// `award.…`), for a message about an unknown name.
pub fn siblings(path: &str) -> Vec<&'static str> {
    let section = path.split('.').next();
    PARAMS
        .iter()
        .map(|p| p.name)
        .filter(|n| n.split('.').next() == section)
        .collect()
}
