//! The parameters the engine knows: name, shape and value domain.
//!
//! A rule file may only define parameters listed here (anything else is an
//! "unknown key" error), and every `required` parameter must be defined by the
//! merged rule set. The registry is the contract between the data in `rules/`
//! and the code that reads it.

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

const fn p(
    name: &'static str,
    shape: Shape,
    domain: Domain,
    required: bool,
    about: &'static str,
) -> ParamSpec {
    ParamSpec {
        name,
        shape,
        domain,
        required,
        about,
    }
}

use Domain::*;
use Shape::*;

/// Variants of the year-end interest convention (记账利率计息办法).
pub const INTEREST_CONVENTIONS: &[&str] = &["annual_1083", "monthly_product"];
/// Variants of how a partial year (retirement, death, transfer mid-year) earns interest.
pub const PARTIAL_YEAR_CONVENTIONS: &[&str] = &["months_before_event", "months_through_event"];
/// Variants of the inheritable part of the account (个人账户可继承部分).
pub const INHERITANCE_RULES: &[&str] = &["personal_contributions", "whole_balance"];
/// Variants of how the divisor is found for ages with months.
pub const DIVISOR_MONTH_RULES: &[&str] = &["whole_years", "linear_by_month"];
/// Variants of the contribution-index denominator (缴费指数分母).
pub const INDEX_DENOMINATORS: &[&str] = &["base_setting_year", "same_year"];
/// Variants of the weighting of the average index.
pub const INDEX_WEIGHTINGS: &[&str] = &["monthly", "yearly"];
/// Variants of how gaps (断缴) enter the average index.
pub const INDEX_GAP_RULES: &[&str] = &["zero", "skip"];
/// Variants of whether deemed (视同) years enter the average index.
pub const INDEX_DEEMED_RULES: &[&str] = &["excluded", "included"];
/// Variants of which years earn the transitional pension (过渡性养老金).
pub const TRANSITIONAL_YEARS_RULES: &[&str] = &["deemed_only", "deemed_and_pre_account"];
/// Variants of the contribution-years part of a yearly adjustment (挂钩调整 by 缴费年限).
pub const ADJUSTMENT_YEARS_PARTS: &[&str] =
    &["per_year_all", "per_year_tiered", "lump_then_per_year"];
/// Variants of how a part-year of contribution counts in an adjustment.
pub const ADJUSTMENT_PART_YEAR_RULES: &[&str] = &["full_year", "whole_years", "exact"];
/// Variants of the lump sum for people with fewer years than the threshold.
pub const ADJUSTMENT_LUMP_BELOW_RULES: &[&str] = &["whole", "pro_rata"];
/// Variants of the 军转干部 top-up in a yearly adjustment.
pub const ADJUSTMENT_MILITARY_CADRE_RULES: &[&str] = &["top_up_to_city_average", "none"];

/// Every parameter the engine knows.
pub const PARAMS: &[ParamSpec] = &[
    // 缴费 contribution
    p(
        "contribution.employer_rate",
        Dated,
        Ratio,
        true,
        "用人单位缴费比例 employer contribution rate",
    ),
    p(
        "contribution.individual_rate",
        Dated,
        Ratio,
        true,
        "个人缴费比例 individual contribution rate",
    ),
    p(
        "contribution.flexible_rate",
        Dated,
        Ratio,
        true,
        "灵活就业人员缴费比例 flexible-employment rate",
    ),
    p(
        "contribution.flexible_account_rate",
        Dated,
        Ratio,
        true,
        "灵活就业人员记入个人账户比例 flexible-employment account share",
    ),
    p(
        "contribution.base_floor_ratio",
        Dated,
        Ratio,
        true,
        "缴费基数下限比例 base floor as share of the reference wage",
    ),
    p(
        "contribution.base_cap_ratio",
        Dated,
        Positive,
        true,
        "缴费基数上限比例 base cap as multiple of the reference wage",
    ),
    p(
        "contribution.reference_wage",
        Yearly,
        Money,
        false,
        "核定缴费基数的社平工资 (月) reference monthly wage that sets the year's limits",
    ),
    p(
        "contribution.base_floor",
        Yearly,
        Money,
        false,
        "缴费基数下限 published monthly base floor",
    ),
    p(
        "contribution.base_cap",
        Yearly,
        Money,
        false,
        "缴费基数上限 published monthly base cap",
    ),
    // 个人账户 individual account
    p(
        "account.credit_rate",
        Dated,
        Ratio,
        true,
        "个人账户记账比例 share of the base credited to the account",
    ),
    p(
        "account.interest_rate",
        Yearly,
        Ratio,
        true,
        "个人账户记账利率 yearly account interest rate",
    ),
    p(
        "account.interest_convention",
        Dated,
        Variant(INTEREST_CONVENTIONS),
        true,
        "年度计息办法 year-end interest convention",
    ),
    p(
        "account.annual_interest_factor",
        Dated,
        Positive,
        true,
        "当年记账额计息系数 (1.083) factor for the year's credits",
    ),
    p(
        "account.partial_year_convention",
        Dated,
        Variant(PARTIAL_YEAR_CONVENTIONS),
        false,
        "年度中间结算计息 interest of a year closed mid-year (retirement, death, transfer)",
    ),
    p(
        "account.inheritance",
        Dated,
        Variant(INHERITANCE_RULES),
        true,
        "个人账户继承范围 inheritable part of the account",
    ),
    p(
        "account.established",
        Dated,
        Month,
        false,
        "个人账户建立时间 month the individual accounts began",
    ),
    // 退休 retirement
    p(
        "retirement.schedule.male",
        Schedule,
        Age,
        true,
        "男职工法定退休年龄 statutory age, men",
    ),
    p(
        "retirement.schedule.female_50",
        Schedule,
        Age,
        true,
        "原法定退休年龄50周岁的女职工 statutory age, women (originally 50)",
    ),
    p(
        "retirement.schedule.female_55",
        Schedule,
        Age,
        true,
        "原法定退休年龄55周岁的女职工 statutory age, women (originally 55)",
    ),
    p(
        "retirement.min_contribution_months",
        Table {
            key: TableKey::Year,
            lookup: Lookup::Step,
        },
        Months,
        true,
        "按月领取养老金最低缴费年限 minimum contribution months by retirement year",
    ),
    p(
        "retirement.elastic_early_max_months",
        Dated,
        Months,
        true,
        "弹性提前退休最长期限 earliest elastic retirement, months before the statutory age",
    ),
    p(
        "retirement.elastic_late_max_months",
        Dated,
        Months,
        true,
        "弹性延迟退休最长期限 latest elastic retirement, months after the statutory age",
    ),
    p(
        "retirement.special_age.arduous_male",
        Dated,
        Age,
        false,
        "特殊工种提前退休年龄 男 early retirement age for special types of work, men",
    ),
    p(
        "retirement.special_age.arduous_female",
        Dated,
        Age,
        false,
        "特殊工种提前退休年龄 女 early retirement age for special types of work, women",
    ),
    p(
        "retirement.special_age.disability_male",
        Dated,
        Age,
        false,
        "病残提前退休年龄 男 early retirement age on certified illness or disability, men",
    ),
    p(
        "retirement.special_age.disability_female",
        Dated,
        Age,
        false,
        "病残提前退休年龄 女 early retirement age on certified illness or disability, women",
    ),
    // 待遇 award
    p(
        "award.annuity_divisor",
        Table {
            key: TableKey::Age,
            lookup: Lookup::Exact,
        },
        Positive,
        true,
        "个人账户养老金计发月数 months divisor by age",
    ),
    p(
        "award.divisor_month_rule",
        Dated,
        Variant(DIVISOR_MONTH_RULES),
        true,
        "非整岁计发月数 divisor for ages with months",
    ),
    p(
        "award.basic_rate_per_year",
        Dated,
        Ratio,
        true,
        "基础养老金每缴费一年发给比例 basic pension per contribution year",
    ),
    p(
        "award.pension_base",
        Yearly,
        Money,
        false,
        "养老金计发基数 pension base (monthly) for people retiring in the year",
    ),
    p(
        "award.average_wage",
        Yearly,
        Money,
        false,
        "全省职工月平均工资 provincial average monthly wage (index denominators)",
    ),
    p(
        "award.index_denominator",
        Dated,
        Variant(INDEX_DENOMINATORS),
        true,
        "缴费指数分母 which year's average wage divides a year's base",
    ),
    p(
        "award.index_weighting",
        Dated,
        Variant(INDEX_WEIGHTINGS),
        true,
        "平均缴费指数加权 monthly or yearly weighting",
    ),
    p(
        "award.index_gaps",
        Dated,
        Variant(INDEX_GAP_RULES),
        true,
        "断缴月份 gaps counted as zero or skipped",
    ),
    p(
        "award.index_deemed",
        Dated,
        Variant(INDEX_DEEMED_RULES),
        true,
        "视同缴费年限是否计入平均指数 deemed years in the average index",
    ),
    p(
        "award.index_cap",
        Dated,
        Positive,
        false,
        "平均缴费指数上限 cap on the average index",
    ),
    p(
        "award.transitional_coefficient",
        Dated,
        Ratio,
        false,
        "过渡系数 transitional pension coefficient per deemed year",
    ),
    p(
        "award.transitional_years",
        Dated,
        Variant(TRANSITIONAL_YEARS_RULES),
        false,
        "过渡性养老金计算年限 which years earn the transitional pension",
    ),
    // 转移接续 transfer
    p(
        "transfer.pooled_share",
        Dated,
        Ratio,
        true,
        "统筹基金转移比例 pooled-fund share moved on transfer",
    ),
    p(
        "transfer.pooled_from",
        Dated,
        Month,
        true,
        "统筹基金转移起算月 first month whose pooled share moves",
    ),
    p(
        "transfer.receipt_min_months",
        Dated,
        Months,
        true,
        "待遇领取地缴费年限门槛 years in a place that make it the benefit place",
    ),
    p(
        "transfer.temporary_account_age_male",
        Dated,
        Age,
        true,
        "建立临时缴费账户年龄 男 temporary-account age, men",
    ),
    p(
        "transfer.temporary_account_age_female",
        Dated,
        Age,
        true,
        "建立临时缴费账户年龄 女 temporary-account age, women",
    ),
    p(
        "transfer.scheme_link_min_months",
        Dated,
        Months,
        false,
        "城乡养老保险制度衔接 职工养老保险缴费年限门槛 employee-scheme months deciding the direction of the link to the residents' scheme (15 years)",
    ),
    // 遗属待遇 survivor benefits
    p(
        "survivor.funeral_grant_multiple",
        Dated,
        Positive,
        true,
        "丧葬补助金 months of the income base",
    ),
    p(
        "survivor.allowance_months",
        Table {
            key: TableKey::Years,
            lookup: Lookup::Step,
        },
        Months,
        true,
        "抚恤金月数 by contribution years (up to the threshold)",
    ),
    p(
        "survivor.allowance_threshold_years",
        Dated,
        Months,
        true,
        "抚恤金 years above which one month is added per year",
    ),
    p(
        "survivor.allowance_max_months",
        Dated,
        Months,
        true,
        "抚恤金 maximum months",
    ),
    p(
        "survivor.pensioner_min_months",
        Dated,
        Months,
        true,
        "抚恤金 minimum months for a pensioner",
    ),
    p(
        "survivor.urban_disposable_income",
        Yearly,
        Money,
        false,
        "城镇居民人均可支配收入 (年) urban per-capita disposable income, annual",
    ),
    // 舍入 rounding
    p(
        "rounding.money",
        Dated,
        Rounding,
        true,
        "金额舍入 money results",
    ),
    p(
        "rounding.divisor",
        Dated,
        Rounding,
        true,
        "计发月数舍入 divisor for ages with months",
    ),
    p(
        "rounding.index",
        Dated,
        Rounding,
        true,
        "缴费指数舍入 contribution indices",
    ),
    p(
        "rounding.years",
        Dated,
        Rounding,
        false,
        "缴费年限舍入 contribution years (months / 12); absent = exact",
    ),
    // 基本养老金调整 yearly pension adjustments (provincial schemes)
    p(
        "adjustment.years_part",
        Yearly,
        Variant(ADJUSTMENT_YEARS_PARTS),
        false,
        "挂钩调整 (缴费年限) structure of the contribution-years part of the year's scheme",
    ),
    p(
        "adjustment.fixed",
        Yearly,
        Money,
        false,
        "定额调整 flat monthly increase per retiree",
    ),
    p(
        "adjustment.per_year_up_to_threshold",
        Yearly,
        Money,
        false,
        "缴费年限 每年增加 per year up to the threshold (or for all years)",
    ),
    p(
        "adjustment.lump_up_to_threshold",
        Yearly,
        Money,
        false,
        "15年及以内的缴费年限部分 lump sum for the years up to the threshold",
    ),
    p(
        "adjustment.per_year_above_threshold",
        Yearly,
        Money,
        false,
        "超过15年的缴费年限部分 每满1年增加 per full year above the threshold",
    ),
    p(
        "adjustment.pension_pct",
        Yearly,
        Ratio,
        false,
        "按本人上年12月基本养老金的比例 share of the own December pension",
    ),
    p(
        "adjustment.threshold_years",
        Dated,
        Months,
        false,
        "缴费年限分段 years where the per-year rate changes (15)",
    ),
    p(
        "adjustment.part_year",
        Dated,
        Variant(ADJUSTMENT_PART_YEAR_RULES),
        false,
        "不足1年的按1年计算 how a part-year of contribution counts",
    ),
    p(
        "adjustment.lump_below_threshold",
        Dated,
        Variant(ADJUSTMENT_LUMP_BELOW_RULES),
        false,
        "缴费年限不足15年 whole lump sum or a share of it",
    ),
    p(
        "adjustment.age_extra",
        Table {
            key: TableKey::Age,
            lookup: Lookup::Step,
        },
        Money,
        false,
        "高龄倾斜 extra by age reached at the end of the previous year",
    ),
    p(
        "adjustment.military_cadre",
        Yearly,
        Variant(ADJUSTMENT_MILITARY_CADRE_RULES),
        false,
        "企业军转干部 top-up to the city's average enterprise pension",
    ),
    p(
        "adjustment.national_overall_rate",
        Yearly,
        Ratio,
        false,
        "全国总体调整水平 national overall increase (budget level, context only)",
    ),
    p(
        "rounding.adjustment_pct",
        Dated,
        Rounding,
        false,
        "调整金额 按比例部分舍入 the percentage part of an adjustment",
    ),
    p(
        "rounding.adjustment_years",
        Dated,
        Rounding,
        false,
        "调整金额 缴费年限部分舍入 the years part of an adjustment; absent = to the fen (rounding.money)",
    ),
];

/// The spec of a registered parameter.
pub fn spec(name: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|p| p.name == name)
}

/// Whether `prefix` is a proper dotted prefix of some registered name
/// (so the loader should descend into it).
pub fn is_prefix(prefix: &str) -> bool {
    PARAMS.iter().any(|p| {
        p.name.len() > prefix.len()
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

/// The order a table must keep, if any.
pub fn order(name: &str) -> Option<Order> {
    match name {
        "award.annuity_divisor" => Some(Order::Decreasing),
        "retirement.min_contribution_months" => Some(Order::NonDecreasing),
        _ => None,
    }
}
