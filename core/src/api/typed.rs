//! The computations of [`Engine::compute`] as typed values, for front ends
//! that format results themselves (the CLI's tables): the same input, the
//! same rule snapshot and the same call as `compute`, which writes these
//! values as JSON — so a table and the JSON never disagree.

use std::sync::Arc;

use chrono::NaiveDate;

use super::Engine;
use crate::account::{AccountInput, AccountStatement, statement};
use crate::adjustment::{AdjustmentInput, AdjustmentResult, ChainYear, adjust, adjust_chain};
use crate::contribution::{Contribution, ContributionInput, assess};
use crate::error::Error;
use crate::retirement::{Category, CohortRow, RetirementInput, RetirementResult, cohort_table};
use crate::rules::Identity;
use crate::survivor::{SurvivorInput, SurvivorResult, survivor};
use crate::time::YearMonth;
use crate::trace::{Trace, Tracer};
use crate::transfer::{RuleSets, Transfer, TransferInput, transfer};

/// A result whose type carries no trace of its own, with the explanation
/// (empty steps when not asked for); `trace.rules` names the rules applied.
/// Serialized as the result's own fields plus `trace`, so every result
/// carries its explanation.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Traced<T> {
    /// The result.
    #[serde(flatten)]
    pub result: T,
    /// The explanation and the identity of the rules applied.
    pub trace: Trace,
}

impl<T> Traced<T> {
    /// The rule set's id, version and hash the result was computed on.
    pub fn rules(&self) -> &Arc<Identity> {
        &self.trace.rules
    }
}

/// January 1 of `year`, the date an adjustment year's scheme is read on
/// (a year out of range reads the latest rules).
fn january(year: i32) -> NaiveDate {
    YearMonth::new(year, 1).map_or(NaiveDate::MAX, YearMonth::first_day)
}

impl Engine {
    /// One month's contribution, on the rules of that month.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// use pension_rules::contribution::ContributionInput;
    /// let i = ContributionInput::from_json(&serde_json::json!(
    ///     {"month": "2024-03", "wage": "6000", "employment": "employee"})).unwrap();
    /// let c = Engine::embedded("cn/shaanxi").unwrap().contribution(&i, false).unwrap();
    /// assert_eq!(c.result.employer.to_string(), "960.00"); // 16 % of 6000
    /// ```
    pub fn contribution(
        &self,
        input: &ContributionInput,
        trace: bool,
    ) -> Result<Traced<Contribution>, Error> {
        let snap = self.snapshot(input.month.first_day(), None);
        let mut tracer = Tracer::new(trace);
        let result = assess(input, &snap, &mut tracer)?;
        Ok(Traced {
            result,
            trace: tracer.finish(&snap),
        })
    }

    /// The account statement, on the rules of the last day of its last
    /// year (the close month's year, else `through_year`, else the opening
    /// year): the rates then published cover every year before.
    pub fn account(
        &self,
        input: &AccountInput,
        trace: bool,
    ) -> Result<Traced<AccountStatement>, Error> {
        let last = input.close.map(|c| c.month.year()).or(input.through_year);
        let last = last.unwrap_or(input.opening_year);
        let date = NaiveDate::from_ymd_opt(last, 12, 31)
            .ok_or_else(|| Error::field("through_year", format!("{last} is not a usable year")))?;
        let snap = self.snapshot(date, None);
        let mut tracer = Tracer::new(trace);
        let result = statement(input, &snap, &mut tracer)?;
        Ok(Traced {
            result,
            trace: tracer.finish(&snap),
        })
    }

    /// One person's retirement, on the rules in force in the birth month
    /// (the schedule version is then the one in force when the age is
    /// reached).
    pub fn retirement(
        &self,
        input: &RetirementInput,
        trace: bool,
    ) -> Result<RetirementResult, Error> {
        let snap = self.snapshot(input.birth.first_day(), None);
        crate::retirement::retirement(&snap, input, &mut Tracer::new(trace))
    }

    /// The cohort table (官方对照表) for births `from..=to`, on the rules
    /// in force in the first birth month; the trace has no steps.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// use pension_rules::retirement::Category;
    /// let e = Engine::embedded("cn/national").unwrap();
    /// let t = e.cohort_table(Category::Male, "1976-01".parse().unwrap(),
    ///     "1976-04".parse().unwrap()).unwrap();
    /// assert_eq!(t.result[0].age.to_string(), "62y10m"); // cn-national.md §5.3
    /// ```
    pub fn cohort_table(
        &self,
        category: Category,
        from: YearMonth,
        to: YearMonth,
    ) -> Result<Traced<Vec<CohortRow>>, Error> {
        let snap = self.snapshot(from.first_day(), None);
        let result = cohort_table(&snap, category, from, to)?;
        Ok(Traced {
            result,
            trace: Tracer::new(false).finish(&snap),
        })
    }

    /// One year's pension adjustment, on the rules of January of the year.
    pub fn adjustment(
        &self,
        input: &AdjustmentInput,
        trace: bool,
    ) -> Result<AdjustmentResult, Error> {
        adjust(
            &self.snapshot(january(input.year), None),
            input,
            &mut Tracer::new(trace),
        )
    }

    /// Adjustments from `input.year` through `to_year`, each year's new
    /// pension the next year's December pension, on the rules of January of
    /// `to_year` (which hold every earlier year's scheme).
    pub fn adjustment_chain(
        &self,
        input: &AdjustmentInput,
        to_year: i32,
        trace: bool,
    ) -> Result<Traced<Vec<ChainYear>>, Error> {
        let snap = self.snapshot(january(to_year), None);
        let mut tracer = Tracer::new(trace);
        let result = adjust_chain(&snap, input, to_year, &mut tracer)?;
        Ok(Traced {
            result,
            trace: tracer.finish(&snap),
        })
    }

    /// Survivor benefits, on the rules in force in the death month, or the
    /// latest rules when no death month is given.
    pub fn survivor(&self, input: &SurvivorInput, trace: bool) -> Result<SurvivorResult, Error> {
        let date = input
            .death_month
            .map_or(NaiveDate::MAX, YearMonth::first_day);
        survivor(&self.snapshot(date, None), input, &mut Tracer::new(trace))
    }

    /// A transfer plan: this engine's rules are the primary set (their
    /// national transfer rules apply), then every other set the engine can
    /// resolve serves the places it covers. A set that does not load is
    /// skipped, but a pinned set whose data changed stops the plan.
    pub fn transfer(&self, input: &TransferInput, trace: bool) -> Result<Transfer, Error> {
        let mut sets = vec![self.rules.clone()];
        for id in self.ids() {
            if id != self.rules.id() {
                match self.resolve(&id) {
                    Ok(rs) => sets.push(rs),
                    Err(e) if e.code() == "hash_mismatch" => return Err(e),
                    Err(_) => {}
                }
            }
        }
        transfer(input, RuleSets::new(&sets)?, trace)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::Kind;

    #[test]
    fn typed_results_are_what_compute_writes() {
        let e = Engine::embedded("cn/shaanxi").unwrap();
        // 《当代工人》2023年2期 案例1 (survivor.rs).
        let s = json!({"monthly_income_base": "2818.5", "contribution_months": 345,
                       "pension_months_received": 42});
        let typed = e
            .survivor(&crate::api::parse_input(&s).unwrap(), true)
            .unwrap();
        assert_eq!(typed.total.to_string(), "59893.13");
        let v = e.compute(Kind::Survivor, &s, true).unwrap();
        assert_eq!(serde_json::to_value(&typed).unwrap(), v);

        let c = json!({"month": "2024-03", "wage": "6000", "employment": "employee"});
        let typed = e
            .contribution(&ContributionInput::from_json(&c).unwrap(), true)
            .unwrap();
        let mut v = e.compute(Kind::Contribution, &c, true).unwrap();
        let trace = v.as_object_mut().unwrap().remove("trace").unwrap();
        assert_eq!(serde_json::to_value(&typed.result).unwrap(), v);
        assert_eq!(serde_json::to_value(&typed.trace).unwrap(), trace);
        assert_eq!(typed.rules().id, "cn/shaanxi");
    }

    #[test]
    fn an_adjustment_chain_reads_the_last_years_rules() {
        let e = Engine::embedded("cn/shaanxi").unwrap();
        let i: AdjustmentInput = crate::api::parse_input(&json!({"year": 2024,
            "pension": "3000", "contribution_months": 420, "birth": "1952-05",
            "retirement_month": "2012-05"}))
        .unwrap();
        let chain = e.adjustment_chain(&i, 2025, false).unwrap();
        assert_eq!(chain.result.len(), 2);
        let first = e.adjustment(&i, false).unwrap();
        let linked = chain.result[0].result.as_ref().unwrap();
        assert_eq!(linked.pension_after, first.pension_after);
        assert_eq!(chain.result[1].pension_before, first.pension_after);
    }
}
