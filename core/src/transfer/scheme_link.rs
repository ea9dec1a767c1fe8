//! 城乡养老保险制度衔接 — the link between the employee scheme (城镇职工基本
//! 养老保险) and the residents' scheme (城乡居民基本养老保险) at the employee
//! scheme's retirement age, 人社部发〔2014〕17号 (in force 2014-07-01):
//!
//! * 第三条: employee-scheme years ≥ 15 (incl. extended contributions up to
//!   15) → the person may move from the residents' scheme into the employee
//!   scheme and is paid under its rules; fewer → from the employee scheme into
//!   the residents' scheme, paid under its rules once eligible there;
//! * 第五条: residents' → employees': the residents' account balance is added
//!   to the employee account; residents' years are **not** added or converted;
//! * 第六条: employees' → residents': the employee account balance is added to
//!   the residents' account; the employee years **are** added as residents'
//!   years;
//! * 第七条: a year paid in both schemes counts once, as an employee year; the
//!   residents' contributions for it are refunded (not computed here).
//!
//! The threshold is the rule parameter `transfer.scheme_link_min_months`
//! (人社部发〔2014〕17号, docs/sources.md §6.7; article numbers from memory, rule [H]).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::Error;
use crate::rules::Snapshot;
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Tracer};

/// Which way the link goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkDirection {
    /// 城乡居民养老保险 → 城镇职工养老保险 (第三条, 第五条).
    ResidentsToEmployees,
    /// 城镇职工养老保险 → 城乡居民养老保险 (第三条, 第六条).
    EmployeesToResidents,
}

impl LinkDirection {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            LinkDirection::ResidentsToEmployees => "residents_to_employees",
            LinkDirection::EmployeesToResidents => "employees_to_residents",
        }
    }
}

/// The scheme link for one person, with what is carried.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SchemeLink {
    /// Employee-scheme months (paid + deemed, all places).
    pub employee_months: u32,
    /// The threshold (`transfer.scheme_link_min_months`).
    pub threshold_months: u32,
    /// Which way the relation may move.
    pub direction: LinkDirection,
    /// The account balance added to the receiving scheme's account, when
    /// known: the residents' balance (→ employees') or the employee balance
    /// (→ residents').
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_account: Option<Decimal>,
    /// Whether the moved scheme's years count in the receiving scheme.
    pub years_counted: bool,
    /// Residents' scheme months after the link, when known (→ residents':
    /// residents' months + employee months; → employees': unchanged, they
    /// do not count for the employee pension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residents_months_after: Option<u32>,
    /// The articles applied.
    pub citation: &'static str,
    /// Explanation (English).
    pub explanation: String,
    /// Explanation (Chinese).
    pub zh: String,
}

/// The direction of the 2014 link and what it carries, under the rule in
/// force in `month` (the employee scheme's retirement month).
///
/// `employee_account` is the employee account balance; `residents_months`
/// and `residents_account` the residents' scheme record, where known.
///
/// ```
/// use pension_rules::transfer::{scheme_link, LinkDirection};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let snap = RuleSet::embedded("cn/national").unwrap().at("2025-01-01".parse().unwrap());
/// // 14 years 11 months in the employee scheme: below 15 years (人社部发〔2014〕17号 第三条)
/// let l = scheme_link(179, None, Some(60), Some("8000".parse().unwrap()), &snap,
///                     "2025-01".parse().unwrap(), &mut Tracer::new(false)).unwrap();
/// assert_eq!(l.direction, LinkDirection::EmployeesToResidents);
/// assert_eq!(l.residents_months_after, Some(239));
/// let l = scheme_link(180, None, Some(60), Some("8000".parse().unwrap()), &snap,
///                     "2025-01".parse().unwrap(), &mut Tracer::new(false)).unwrap();
/// assert_eq!(l.direction, LinkDirection::ResidentsToEmployees);
/// assert_eq!(l.carried_account.unwrap().to_string(), "8000");
/// ```
pub fn scheme_link(
    employee_months: u32,
    employee_account: Option<Decimal>,
    residents_months: Option<u32>,
    residents_account: Option<Decimal>,
    snap: &Snapshot,
    month: YearMonth,
    tracer: &mut Tracer,
) -> Result<SchemeLink, Error> {
    let threshold = snap.transfer.scheme_link_min_months.in_month(month)?;
    let t = threshold.value;
    let link = if employee_months >= t {
        let residents = match residents_account {
            Some(b) => format!("the residents' account balance {b} is added"),
            None => "the residents' account balance is added".into(),
        };
        SchemeLink {
            employee_months,
            threshold_months: t,
            direction: LinkDirection::ResidentsToEmployees,
            carried_account: residents_account,
            years_counted: false,
            residents_months_after: residents_months,
            citation: "人社部发〔2014〕17号 第三条, 第五条",
            explanation: format!(
                "{employee_months} employee-scheme months ≥ {t}: a residents' scheme record may move into the employee scheme, which pays under its own rules; {residents} to the employee account; residents' years are not added or converted"
            ),
            zh: format!(
                "城镇职工养老保险缴费 {employee_months} 个月 ≥ {t} 个月：可申请从城乡居民养老保险转入城镇职工养老保险，按职工养老保险办法计发待遇；城乡居民养老保险个人账户储存额{}并入职工个人账户，城乡居民养老保险缴费年限不合并计算或折算",
                residents_account
                    .map(|b| format!(" {b} "))
                    .unwrap_or_default()
            ),
        }
    } else {
        let carried = match employee_account {
            Some(b) => format!("the employee account balance {b} is added"),
            None => "the employee account balance is added".into(),
        };
        SchemeLink {
            employee_months,
            threshold_months: t,
            direction: LinkDirection::EmployeesToResidents,
            carried_account: employee_account,
            years_counted: true,
            residents_months_after: residents_months.and_then(|r| r.checked_add(employee_months)),
            citation: "人社部发〔2014〕17号 第三条, 第六条",
            explanation: format!(
                "{employee_months} employee-scheme months < {t}: the employee record may move into the residents' scheme, paid under its rules once eligible there; {carried} to the residents' account and the {employee_months} employee months count as residents' months"
            ),
            zh: format!(
                "城镇职工养老保险缴费 {employee_months} 个月 < {t} 个月：可申请从城镇职工养老保险转入城乡居民养老保险，待达到城乡居民养老保险领取条件时按其办法计发；职工个人账户储存额{}并入城乡居民养老保险个人账户，职工养老保险缴费年限合并计算为城乡居民养老保险缴费年限",
                employee_account
                    .map(|b| format!(" {b} "))
                    .unwrap_or_default()
            ),
        }
    };
    tracer.step(|| {
        Step::new(
            "scheme_link",
            "城乡养老保险制度衔接",
            link.direction.name(),
            format!("{} ({})", link.explanation, link.citation),
        )
        .input("employee_months", employee_months)
        .param(ParamUse::of(&threshold))
    });
    Ok(link)
}
