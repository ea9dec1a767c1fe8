//! Every rule parameter, declared once.
//!
//! Each declaration names the snapshot field, the registered name, the
//! shape, the value domain, whether a complete rule set must define it and,
//! for tables, the order its rows keep; its doc comment describes it (the
//! first line, with the Chinese term, is the registry's `about`). From it
//! `params!` generates the registry entry in [`PARAMS`], the documented
//! field of the snapshot's per-file struct and the builder call that fills
//! that field, so the three cannot drift apart. The field's Rust type follows
//! from shape and domain (`Dated, Ratio` is a `Timeline<Decimal>`,
//! `Yearly, Variant(T)` a `YearSeries<T>`), and a variant domain is the
//! type's own list of names (`T::NAMES`): the loader accepts exactly the
//! names the snapshot can hold.
//!
//! Adding a parameter is one declaration here plus its data in `rules/`.
//! The legal source of each value is not written here but on the value in
//! the rule data (its provenance), because it changes from version to
//! version.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::registry::{Domain, Lookup, Order, ParamSpec, Shape, TableKey};
use super::snapshot::*;
use crate::rounding::Rounding;
use crate::time::{Age, YearMonth};

/// The snapshot value type of a domain.
macro_rules! param_value {
    (Ratio) => {
        Decimal
    };
    (Positive) => {
        Decimal
    };
    (Money) => {
        Decimal
    };
    (Months) => {
        u32
    };
    (Month) => {
        YearMonth
    };
    (Age) => {
        Age
    };
    (Rounding) => {
        Rounding
    };
    (Variant($t:ty)) => {
        $t
    };
}

/// The snapshot field type of a shape and domain.
macro_rules! param_type {
    (Dated, $($domain:tt)+) => { Timeline<param_value!($($domain)+)> };
    (Yearly, $($domain:tt)+) => { YearSeries<param_value!($($domain)+)> };
    (Table, $($domain:tt)+) => { Timeline<Arc<TableRows<param_value!($($domain)+)>>> };
    (Schedule, Age) => { Timeline<ScheduleRule> };
}

/// The registry's [`Shape`].
macro_rules! param_shape {
    (Dated) => {
        Shape::Dated
    };
    (Yearly) => {
        Shape::Yearly
    };
    (Schedule) => {
        Shape::Schedule
    };
    (Table($key:ident, $lookup:ident)) => {
        Shape::Table {
            key: TableKey::$key,
            lookup: Lookup::$lookup,
        }
    };
}

/// The registry's [`Domain`].
macro_rules! param_domain {
    (Variant($t:ty)) => {
        Domain::Variant(<$t>::NAMES)
    };
    ($domain:ident) => {
        Domain::$domain
    };
}

/// Whether a complete rule set must define it.
macro_rules! param_required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
}

/// The builder call that fills the field.
macro_rules! param_build {
    ($b:expr, $name:literal, Dated) => {
        $b.dated($name)
    };
    ($b:expr, $name:literal, Yearly) => {
        $b.yearly($name)
    };
    ($b:expr, $name:literal, Schedule) => {
        $b.schedule($name)
    };
    ($b:expr, $name:literal, Table($key:ident, $lookup:ident)) => {
        $b.table($name, matches!(Lookup::$lookup, Lookup::Step))
    };
}

/// Whether `name` is `group` followed by a dot and more.
const fn in_group(name: &str, group: &str) -> bool {
    let (n, g) = (name.as_bytes(), group.as_bytes());
    if n.len() <= g.len() + 1 || n[g.len()] != b'.' {
        return false;
    }
    let mut i = 0;
    while i < g.len() {
        if n[i] != g[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Declares every parameter: per group (a rule file and a field of
/// [`Snapshot`]) its struct, and per parameter
///
/// ```text
/// /// <about: Chinese term and English description>
/// /// <more documentation, optional>
/// field = "group.name": Shape, Domain [in "lo"..="hi"], required|optional [, Order];
/// ```
///
/// with `Shape` one of `Dated`, `Yearly`, `Table(TableKey, Lookup)`,
/// `Schedule` and `Domain` one of [`Domain`]'s (`Variant(T)` for a
/// `variant_enum!` type `T`).
macro_rules! params {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident: $Group:ident {
            $(
                #[doc = $about:literal]
                $(#[doc = $more:literal])*
                $field:ident = $name:literal:
                    $shape:ident $(($key:ident, $lookup:ident))?,
                    $domain:ident $(($vty:ty))? $(in $lo:literal ..= $hi:literal)?,
                    $required:ident
                    $(, $order:ident)?;
            )+
        }
    )+) => {
        $(
            $(#[doc = $group_doc])*
            #[derive(Debug, Clone)]
            pub struct $Group {
                $(
                    #[doc = $about]
                    $(#[doc = $more])*
                    #[doc = ""]
                    #[doc = concat!("Parameter `", $name, "`.")]
                    pub $field: param_type!($shape, $domain $(($vty))?),
                )+
            }

            impl $Group {
                /// Every field, from the rule set the builder reads.
                pub(super) fn build(b: &Builder<'_>) -> Self {
                    Self {
                        $($field: param_build!(b, $name, $shape $(($key, $lookup))?),)+
                    }
                }
            }
        )+

        /// Every parameter the engine knows.
        pub const PARAMS: &[ParamSpec] = &[$($(
            ParamSpec {
                name: $name,
                shape: param_shape!($shape $(($key, $lookup))?),
                domain: param_domain!($domain $(($vty))?),
                required: param_required!($required),
                about: $about.trim_ascii_start(),
            },
        )+)+];

        /// The order a table must keep, if any.
        pub fn order(name: &str) -> Option<Order> {
            match name {
                $($($($name => Some(Order::$order),)?)+)+
                _ => None,
            }
        }

        /// The range a parameter's decimal values must lie in, beyond its
        /// domain (`Dated, Positive in "50"..="300"`), as the loader checks
        /// every value of a rule file or overlay: the bounds the law or
        /// plain sense sets (docs/rules-format.md, "Ranges").
        pub fn range(name: &str) -> Option<(&'static str, &'static str)> {
            match name {
                $($($($name => Some(($lo, $hi)),)?)+)+
                _ => None,
            }
        }

        // A name's first segment is its file and its snapshot group.
        const _: () = {$($(
            assert!(
                in_group($name, stringify!($group)),
                concat!("`", $name, "` is not in `", stringify!($group), "`"),
            );
        )+)+};
    };
}

params! {
    /// Contribution parameters (缴费).
    contribution: ContributionRules {
        /// 用人单位缴费比例 employer contribution rate
        employer_rate = "contribution.employer_rate": Dated, Ratio, required;
        /// 个人缴费比例 individual contribution rate
        individual_rate = "contribution.individual_rate": Dated, Ratio, required;
        /// 灵活就业人员缴费比例 flexible-employment rate
        flexible_rate = "contribution.flexible_rate": Dated, Ratio, required;
        /// 灵活就业人员记入个人账户比例 flexible-employment account share
        flexible_account_rate = "contribution.flexible_account_rate": Dated, Ratio, required;
        /// 缴费基数下限比例 base floor as share of the reference wage
        base_floor_ratio = "contribution.base_floor_ratio": Dated, Ratio in "0.01"..="1", required;
        /// 缴费基数上限比例 base cap as multiple of the reference wage
        base_cap_ratio = "contribution.base_cap_ratio": Dated, Positive in "1"..="10", required;
        /// 核定缴费基数的社平工资 (月) reference monthly wage that sets the year's limits
        reference_wage = "contribution.reference_wage": Yearly, Money in "0.01"..="10000000", optional;
        /// 缴费基数下限 published monthly base floor
        base_floor = "contribution.base_floor": Yearly, Money in "0.01"..="10000000", optional;
        /// 缴费基数上限 published monthly base cap
        base_cap = "contribution.base_cap": Yearly, Money in "0.01"..="10000000", optional;
    }

    /// Individual-account parameters (个人账户).
    account: AccountRules {
        /// 个人账户记账比例 share of the base credited to the account
        credit_rate = "account.credit_rate": Dated, Ratio, required;
        /// 个人账户记账利率 yearly account interest rate
        interest_rate = "account.interest_rate": Yearly, Ratio, required;
        /// 年度计息办法 year-end interest convention
        interest_convention = "account.interest_convention":
            Dated, Variant(InterestConvention), required;
        /// 当年记账额计息系数 (1.083) factor for the year's credits
        annual_interest_factor = "account.annual_interest_factor": Dated, Positive in "1"..="2", required;
        /// 年度中间结算计息 interest of a year closed mid-year (retirement, death, transfer)
        partial_year_convention = "account.partial_year_convention":
            Dated, Variant(PartialYearConvention), optional;
        /// 个人账户继承范围 inheritable part of the account
        inheritance = "account.inheritance": Dated, Variant(Inheritance), required;
        /// 个人账户建立时间 month the individual accounts began
        established = "account.established": Dated, Month, optional;
    }

    /// Retirement parameters (退休).
    retirement: RetirementRules {
        /// 男职工法定退休年龄 statutory age, men
        male = "retirement.schedule.male": Schedule, Age, required;
        /// 原法定退休年龄50周岁的女职工 statutory age, women (originally 50)
        female_50 = "retirement.schedule.female_50": Schedule, Age, required;
        /// 原法定退休年龄55周岁的女职工 statutory age, women (originally 55)
        female_55 = "retirement.schedule.female_55": Schedule, Age, required;
        /// 按月领取养老金最低缴费年限 minimum contribution months by retirement year
        min_contribution_months = "retirement.min_contribution_months":
            Table(Year, Step), Months, required, NonDecreasing;
        /// 弹性提前退休最长期限 earliest elastic retirement, months before the statutory age
        elastic_early_max_months = "retirement.elastic_early_max_months":
            Dated, Months, required;
        /// 弹性延迟退休最长期限 latest elastic retirement, months after the statutory age
        elastic_late_max_months = "retirement.elastic_late_max_months": Dated, Months, required;
        /// 特殊工种提前退休年龄 男 early retirement age for special types of work, men
        special_age_arduous_male = "retirement.special_age.arduous_male": Dated, Age, optional;
        /// 特殊工种提前退休年龄 女 early retirement age for special types of work, women
        special_age_arduous_female = "retirement.special_age.arduous_female":
            Dated, Age, optional;
        /// 病残提前退休年龄 男 early retirement age on certified illness or disability, men
        special_age_disability_male = "retirement.special_age.disability_male":
            Dated, Age, optional;
        /// 病残提前退休年龄 女 early retirement age on certified illness or disability, women
        special_age_disability_female = "retirement.special_age.disability_female":
            Dated, Age, optional;
    }

    /// Award parameters (待遇计发).
    award: AwardRules {
        /// 个人账户养老金计发月数 months divisor by age
        annuity_divisor = "award.annuity_divisor":
            Table(Age, Exact), Positive in "50"..="300", required, Decreasing;
        /// 非整岁计发月数 divisor for ages with months
        divisor_month_rule = "award.divisor_month_rule":
            Dated, Variant(DivisorMonthRule), required;
        /// 基础养老金每缴费一年发给比例 basic pension per contribution year
        basic_rate_per_year = "award.basic_rate_per_year": Dated, Ratio in "0.001"..="0.05", required;
        /// 养老金计发基数 pension base (monthly) for people retiring in the year
        pension_base = "award.pension_base": Yearly, Money in "0.01"..="10000000", optional;
        /// 全省职工月平均工资 provincial average monthly wage (index denominators)
        average_wage = "award.average_wage": Yearly, Money in "0.01"..="10000000", optional;
        /// 缴费指数分母 which year's average wage divides a year's base
        index_denominator = "award.index_denominator":
            Dated, Variant(IndexDenominator), required;
        /// 平均缴费指数加权 monthly or yearly weighting
        index_weighting = "award.index_weighting": Dated, Variant(IndexWeighting), required;
        /// 断缴月份 gaps counted as zero or skipped
        index_gaps = "award.index_gaps": Dated, Variant(GapRule), required;
        /// 视同缴费年限是否计入平均指数 deemed years in the average index
        index_deemed = "award.index_deemed": Dated, Variant(DeemedRule), required;
        /// 平均缴费指数上限 cap on the average index
        index_cap = "award.index_cap": Dated, Positive in "1"..="10", optional;
        /// 过渡系数 transitional pension coefficient per deemed year
        transitional_coefficient = "award.transitional_coefficient": Dated, Ratio in "0.001"..="0.05", optional;
        /// 过渡性养老金计算年限 which years earn the transitional pension
        transitional_years = "award.transitional_years":
            Dated, Variant(TransitionalYears), optional;
        /// 过渡性养老金计发办法 computed from the template, or given in the input
        /// `given` where the province's formula needs figures the engine does
        /// not model; the input must then give `transitional_pension`.
        transitional_method = "award.transitional_method":
            Dated, Variant(TransitionalMethod), optional;
        /// 过渡性养老金基数 the base slot of the transitional pension
        /// (absent: C, `pension_base`).
        transitional_base = "award.transitional_base":
            Dated, Variant(TransitionalBase), optional;
        /// 过渡性养老金指数 the index slot of the transitional pension
        /// (absent: Ī, `average_index`).
        transitional_index_rule = "award.transitional_index_rule":
            Dated, Variant(TransitionalIndexRule), optional;
        /// 过渡系数 (实际缴费年限较长者) coefficient above the actual-months threshold
        /// Used with `award.transitional_threshold_months`: when the actual
        /// contribution months exceed it, k is this value (Jilin).
        transitional_coefficient_above = "award.transitional_coefficient_above":
            Dated, Ratio, optional;
        /// 过渡系数分档 实际缴费月数 actual months above which the higher coefficient applies
        transitional_threshold_months = "award.transitional_threshold_months":
            Dated, Months, optional;
        /// 基础养老金 均值部分基数 base of the flat half of the basic pension, by retirement year
        /// Where present the basic pension is (B + C × Ī) / 2 × N × rate with
        /// B this base and C the 计发基数 (Jilin: city base B, province C;
        /// Henan: province B, city C).
        flat_part_base = "award.flat_part_base": Yearly, Money, optional;
        /// 基础养老金 不满一年的月份 每月发给比例 rate per month beyond whole years
        /// Where present the basic pension pays `rate` for each whole year and
        /// this rate for each remaining month (Shanghai: 1 % a year, 0.083 %
        /// a month), instead of N = months / 12 at the yearly rate.
        basic_rate_per_extra_month = "award.basic_rate_per_extra_month": Dated, Ratio, optional;
        /// 视同缴费账户额 计发月数 divisor of a notionally credited account in the transitional pension
        /// Where present the transitional pension adds the input's
        /// `notional_account` (虚账实记 / 视同缴费账户额) divided by this (Shanghai: 120).
        transitional_notional_divisor = "award.transitional_notional_divisor":
            Dated, Positive, optional;
        /// 过渡性养老金 实际缴费年限部分系数 coefficient of the actual years in the transitional window
        /// Where present the transitional pension adds C × Z × Y × this, with Y
        /// the actual contribution months in the province's transitional
        /// window and Z their own average index — the input's
        /// `transitional_window_months` and `transitional_window_index`
        /// (Beijing G实: actual years 1992-10 … 1998-06 at 1 %).
        transitional_window_coefficient = "award.transitional_window_coefficient":
            Dated, Ratio, optional;
        /// 过渡性养老金 实际缴费年限区间截止月 last month of the transitional window
        /// The window runs from `account.established` to this month
        /// (included); a history's months and index in it are derived (Beijing
        /// 1998-06).
        transitional_window_end = "award.transitional_window_end": Dated, Month, optional;
        /// 新老办法过渡 share of the new transitional method's gain paid, by retirement year
        /// The payable transitional pension is old + max(new − old, 0) × share;
        /// a year before the first listed pays the old method, a year after the
        /// last keeps the last share (Jiangsu 2024–2026: 40 / 70 / 100 %).
        transitional_phase_in = "award.transitional_phase_in": Yearly, Ratio, optional;
        /// 合计办法 how the total is formed
        /// `sum_of_rounded` (default): 合计 = the sum of the rounded components
        /// and extras; `rounded_sum`: the exact sum rounded with
        /// `rounding.total` (Zhejiang: to 0.1 yuan).
        total_rule = "award.total_rule": Dated, Variant(TotalRule), optional;
        /// 原办法过渡性养老金 视同账户额计发系数 divisor of the notional account in the old method
        /// Where present the old method of a phase-in is computed, not given:
        /// the input's `notional_account` (视同账户额) over this, rounded to
        /// the money rounding, plus `award.transitional_old_per_year` ×
        /// whole contribution years (Guangdong: ÷ 120, 粤府函〔2021〕294号).
        transitional_old_divisor = "award.transitional_old_divisor": Dated, Positive, optional;
        /// 缴费年限津贴 每满一年 amount per whole contribution year in the old method
        /// Part of the computed old method (Guangdong 4 元 × floor(N),
        /// 粤人社〔2014〕8号): the phase-in pays old + max(new − old, 0) × share,
        /// so at a share of 1 it is absorbed by the new method.
        transitional_old_per_year = "award.transitional_old_per_year": Dated, Money, optional;
        /// 过渡性养老金 固定加发 flat amount added to the transitional pension
        /// Paid in the transitional line whatever the method (Guangdong +100
        /// 元, 粤劳电〔2009〕32号).
        transitional_fixed = "award.transitional_fixed": Dated, Money, optional;
        /// 新老办法过渡期满后 what a year after the last phase-in year pays
        /// `last_share` (default): the last share goes on; `new_method`: the
        /// new method alone (Guangdong 2026+).
        transitional_phase_in_after = "award.transitional_phase_in_after":
            Dated, Variant(PhaseInAfter), optional;
        /// 过渡性养老金 缴费指数区间起始月 first month of the transitional window
        /// Absent: `account.established`. With a history the engine derives
        /// the window's months, their index sum and the months paid before it
        /// (Guangdong 1994-01 … 1998-06 for the weighted-years method).
        transitional_window_start = "award.transitional_window_start": Dated, Month, optional;
    }

    /// Transfer parameters (转移接续).
    transfer: TransferRules {
        /// 统筹基金转移比例 pooled-fund share moved on transfer
        pooled_share = "transfer.pooled_share": Dated, Ratio, required;
        /// 统筹基金转移起算月 first month whose pooled share moves
        pooled_from = "transfer.pooled_from": Dated, Month, required;
        /// 待遇领取地缴费年限门槛 years in a place that make it the benefit place
        receipt_min_months = "transfer.receipt_min_months": Dated, Months, required;
        /// 建立临时缴费账户年龄 男 temporary-account age, men
        temporary_account_age_male = "transfer.temporary_account_age_male": Dated, Age, required;
        /// 建立临时缴费账户年龄 女 temporary-account age, women
        temporary_account_age_female = "transfer.temporary_account_age_female":
            Dated, Age, required;
        /// 城乡养老保险制度衔接 职工养老保险缴费年限门槛 employee-scheme months deciding the direction of the link to the residents' scheme (15 years)
        scheme_link_min_months = "transfer.scheme_link_min_months": Dated, Months, optional;
    }

    /// Survivor-benefit parameters (遗属待遇).
    survivor: SurvivorRules {
        /// 丧葬补助金 months of the income base
        funeral_grant_multiple = "survivor.funeral_grant_multiple": Dated, Positive, required;
        /// 抚恤金月数 by contribution years (up to the threshold)
        allowance_months = "survivor.allowance_months": Table(Years, Step), Months, required;
        /// 抚恤金 years above which one month is added per year
        allowance_threshold_years = "survivor.allowance_threshold_years":
            Dated, Months, required;
        /// 抚恤金 maximum months
        allowance_max_months = "survivor.allowance_max_months": Dated, Months, required;
        /// 抚恤金 minimum months for a pensioner
        pensioner_min_months = "survivor.pensioner_min_months": Dated, Months, required;
        /// 城镇居民人均可支配收入 (年) urban per-capita disposable income, annual
        urban_disposable_income = "survivor.urban_disposable_income": Yearly, Money, optional;
    }

    /// Rounding rules (舍入).
    rounding: RoundingRules {
        /// 金额舍入 money results
        money = "rounding.money": Dated, Rounding, required;
        /// 计发月数舍入 divisor for ages with months
        divisor = "rounding.divisor": Dated, Rounding, required;
        /// 缴费指数舍入 contribution indices
        index = "rounding.index": Dated, Rounding, required;
        /// 缴费年限舍入 contribution years N of the basic pension (months / 12); absent = exact
        years = "rounding.years": Dated, Rounding, optional;
        /// 过渡性养老金年限舍入 the years of the transitional pension; absent = exact
        transitional_years = "rounding.transitional_years": Dated, Rounding, optional;
        /// 基础养老金舍入 the basic pension; absent = `rounding.money`
        basic_pension = "rounding.basic_pension": Dated, Rounding, optional;
        /// 个人账户养老金舍入 the account pension; absent = `rounding.money`
        account_pension = "rounding.account_pension": Dated, Rounding, optional;
        /// 过渡性养老金舍入 the transitional pension; absent = `rounding.money`
        transitional_pension = "rounding.transitional_pension": Dated, Rounding, optional;
        /// 调整金额 按比例部分舍入 the percentage part of an adjustment
        adjustment_pct = "rounding.adjustment_pct": Dated, Rounding, optional;
        /// 调整金额 缴费年限部分舍入 the years part of an adjustment; absent = to the fen (rounding.money)
        adjustment_years = "rounding.adjustment_years": Dated, Rounding, optional;
        /// 地方增发舍入 each local extra and their sum; absent = rounding.money
        local_extras = "rounding.local_extras": Dated, Rounding, optional;
        /// 合计舍入 the total (合计); absent = rounding.money
        total = "rounding.total": Dated, Rounding, optional;
    }

    /// Life tables (生命表): assumptions of the `plan` kind, not rules of the scheme.
    life: LifeRules {
        /// 养老金业务男表 死亡率 qx mortality by age, men (expected lifetime value)
        /// The probability that a man of exact age x dies before x + 1, from a
        /// published experience table of annuity business (the rule data
        /// names it); the plan's lifetime value and life expectancy use it.
        qx_male = "life.qx_male": Table(Age, Exact), Ratio, optional;
        /// 养老金业务女表 死亡率 qx mortality by age, women (expected lifetime value)
        /// As `life.qx_male`, for women (both female categories).
        qx_female = "life.qx_female": Table(Age, Exact), Ratio, optional;
    }
    /// Yearly pension-adjustment schemes (基本养老金调整).
    adjustment: AdjustmentRules {
        /// 挂钩调整 (缴费年限) structure of the contribution-years part of the year's scheme
        years_part = "adjustment.years_part": Yearly, Variant(YearsPart), optional;
        /// 定额调整 flat monthly increase per retiree
        fixed = "adjustment.fixed": Yearly, Money, optional;
        /// 缴费年限 每年增加 per year up to the threshold (or for all years)
        per_year_up_to_threshold = "adjustment.per_year_up_to_threshold":
            Yearly, Money, optional;
        /// 15年及以内的缴费年限部分 lump sum for the years up to the threshold
        lump_up_to_threshold = "adjustment.lump_up_to_threshold": Yearly, Money, optional;
        /// 超过15年的缴费年限部分 每满1年增加 per full year above the threshold
        per_year_above_threshold = "adjustment.per_year_above_threshold":
            Yearly, Money, optional;
        /// 按本人上年12月基本养老金的比例 share of the own December pension
        pension_pct = "adjustment.pension_pct": Yearly, Ratio, optional;
        /// 缴费年限分段 years where the per-year rate changes (15)
        threshold_years = "adjustment.threshold_years": Dated, Months, optional;
        /// 不足1年的按1年计算 how a part-year of contribution counts
        part_year = "adjustment.part_year": Dated, Variant(PartYear), optional;
        /// 缴费年限不足15年 whole lump sum or a share of it
        lump_below_threshold = "adjustment.lump_below_threshold":
            Dated, Variant(LumpBelow), optional;
        /// 高龄倾斜 extra by age reached at the end of the previous year
        age_extra = "adjustment.age_extra": Table(Age, Step), Money, optional;
        /// 企业军转干部 top-up to the city's average enterprise pension
        military_cadre = "adjustment.military_cadre": Yearly, Variant(MilitaryCadre), optional;
        /// 全国总体调整水平 national overall increase (budget level, context only)
        national_overall_rate = "adjustment.national_overall_rate": Yearly, Ratio, optional;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_lies_in_its_group() {
        assert!(in_group("award.pension_base", "award"));
        assert!(in_group("retirement.schedule.male", "retirement"));
        assert!(!in_group("awards.pension_base", "award"));
        assert!(!in_group("award_pension_base", "award"));
        assert!(!in_group("award.", "award"));
        assert!(!in_group("award", "award"));
        assert!(!in_group("account.credit_rate", "award"));
    }

    #[test]
    fn every_name_is_declared_once() {
        let mut names: Vec<&str> = PARAMS.iter().map(|p| p.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before);
        assert_eq!(before, 93);
    }
}
