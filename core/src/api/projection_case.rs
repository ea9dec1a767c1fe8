//! The `projection` kind (养老金测算) at the front door: a person plus the
//! stated assumptions in one JSON object, read with every field problem at
//! once; the result is [`crate::projection::project`]'s yearly path and
//! award, with each yearly figure saying where it comes from (`source`:
//! `rules`, `provisional`, `assumed`, `projected`) and on what it rests
//! (`basis`: the rule value's legal source, or the assumption used).
//!
//! The rules applied are those in force in the retirement month (the given
//! one, or the statutory month found under the rules in force at birth, as
//! the retirement kind finds it), as for the award.
//!
//! ```
//! use pension_rules::api::{Engine, Kind};
//! let engine = Engine::embedded("cn/shaanxi").unwrap();
//! let input = serde_json::json!({
//!     "category": "male", "birth": "1990-03", "from": "2012-07", "index": "1.0",
//!     "assumptions": {"average_wage_growth": "0.04", "pension_base_growth": "0.03",
//!                     "interest_rate": "0.025"}});
//! let r = engine.compute(Kind::Projection, &input, true).unwrap();
//! assert_eq!(r["retirement_month"], "2053-03"); // 63y: 2024 决定 附件 对照表
//! assert_eq!(r["years"][0]["year"], 2012);
//! assert_eq!(r["years"][0]["average_wage"]["source"], "rules");
//! assert_eq!(r["pension_base"]["source"], "projected");
//! assert_eq!(r["trace"]["rules"]["id"], "cn/shaanxi");
//! ```

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::error::{FieldError, InputErrors};
use crate::json_fields::{join, read};
use crate::projection::{Assumptions, FigureSource, Projection, ProjectionInput, project};
use crate::rules::{Snapshot, YearSeries};
use crate::trace::Tracer;

/// A projection case: the person and the assumptions for the years the rule
/// set does not cover.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionCase {
    /// The person.
    pub input: ProjectionInput,
    /// The stated assumptions (the input's `assumptions` object).
    pub assumptions: Assumptions,
}

impl ProjectionCase {
    /// Read the JSON input, reporting every field problem at once with its
    /// path (`assumptions.interest_rate`).
    ///
    /// ```
    /// use pension_rules::api::projection_case::ProjectionCase;
    /// let bad = serde_json::json!({"category": "man", "birth": "1990-03",
    ///     "assumptions": {"average_wage_growth": 0.04, "interest_rate": "x"}});
    /// let e = ProjectionCase::from_json(&bad).unwrap_err();
    /// let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    /// assert_eq!(paths, ["category", "from", "assumptions.average_wage_growth",
    ///     "assumptions.interest_rate", "assumptions.pension_base_growth"]);
    /// ```
    pub fn from_json(v: &Value) -> Result<ProjectionCase, Error> {
        let Value::Object(m) = v else {
            return Err(Error::field("input", "expected a JSON object"));
        };
        let mut person = m.clone();
        let assumptions = person.remove("assumptions");
        let mut errors = vec![];
        let mut take = |prefix: &str, e: Error| match e {
            Error::Input(InputErrors(fields)) => {
                errors.extend(fields.into_iter().map(|f| FieldError {
                    path: match (prefix, f.path.as_str()) {
                        ("", p) => p.to_string(),
                        (pre, "input") => pre.to_string(),
                        (pre, p) => join(pre, p),
                    },
                    message: f.message,
                }));
                Ok(())
            }
            other => Err(other),
        };
        let input = match read::<ProjectionInput>(&Value::Object(person)) {
            Ok(i) => Some(i),
            Err(e) => take("", e).map(|()| None)?,
        };
        let assumptions = match assumptions {
            None | Some(Value::Null) => {
                errors.push(FieldError {
                    path: "assumptions".into(),
                    message: "missing: the stated assumptions (average_wage_growth, pension_base_growth, interest_rate)".into(),
                });
                None
            }
            Some(a) => match read::<Assumptions>(&a) {
                Ok(a) => Some(a),
                Err(e) => take("assumptions", e).map(|()| None)?,
            },
        };
        match (input, assumptions) {
            (Some(input), Some(assumptions)) => Ok(ProjectionCase { input, assumptions }),
            _ => Err(Error::Input(InputErrors(errors))),
        }
    }
}

/// The `projection` kind's result, typed: the projection and on what each
/// of its yearly figures rests. Serialized, it is the projection where each
/// rule-set figure carries `basis` (the legal source of the rule value) and
/// each assumed one the assumption, with the whole explanation (projection,
/// ledger and award steps, and the rule set's id, version and hash) under
/// `trace` at the top (moved from the award).
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionResult {
    /// The projection; its award's `trace` is the explanation.
    pub projection: Projection,
    /// On what the retirement year's 计发基数 rests.
    pub pension_base_basis: Option<String>,
    /// On what each year's average wage and interest rate rest, as
    /// `projection.years`.
    pub year_bases: Vec<YearBasis>,
}

/// On what one projected year's figures rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearBasis {
    /// The average wage's basis.
    pub average_wage: Option<String>,
    /// The interest rate's basis (none for a year without interest).
    pub interest_rate: Option<String>,
}

impl ProjectionResult {
    /// The bases of `p`'s figures under `snap`.
    pub fn new(p: Projection, snap: &Snapshot) -> ProjectionResult {
        let year_bases = p
            .years
            .iter()
            .map(|y| YearBasis {
                average_wage: basis(
                    &snap.award.average_wage,
                    y.average_wage_year,
                    y.average_wage.source,
                    "average_wage_growth",
                    "average_wages",
                ),
                interest_rate: if y.interest.is_zero() && y.interest_rate.value.is_zero() {
                    None
                } else {
                    basis(
                        &snap.account.interest_rate,
                        y.year,
                        y.interest_rate.source,
                        "interest_rate",
                        "interest_rates",
                    )
                },
            })
            .collect();
        let pension_base_basis = basis(
            &snap.award.pension_base,
            p.retirement_month.year(),
            p.pension_base.source,
            "pension_base_growth",
            "pension_bases",
        );
        ProjectionResult {
            projection: p,
            pension_base_basis,
            year_bases,
        }
    }

    /// The explanation, with the rule set's identity.
    pub fn trace(&self) -> &crate::trace::Trace {
        &self.projection.award.trace
    }
}

impl Serialize for ProjectionResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut v = serde_json::to_value(&self.projection).map_err(serde::ser::Error::custom)?;
        if let Value::Object(top) = &mut v {
            let trace = match top.get_mut("award") {
                Some(Value::Object(a)) => a.remove("trace"),
                _ => None,
            };
            if let Some(Value::Array(years)) = top.get_mut("years") {
                for (b, out) in self.year_bases.iter().zip(years.iter_mut()) {
                    set_basis(out, "average_wage", b.average_wage.clone());
                    set_basis(out, "interest_rate", b.interest_rate.clone());
                }
            }
            if let Some(t) = trace {
                top.insert("trace".into(), t);
            }
        }
        set_basis(&mut v, "pension_base", self.pension_base_basis.clone());
        v.serialize(s)
    }
}

impl super::Engine {
    /// A projection, on the rules in force in its retirement month (the
    /// given one, or the statutory month under the rules in force at
    /// birth), typed.
    pub fn projection(
        &self,
        case: &ProjectionCase,
        trace: bool,
    ) -> Result<ProjectionResult, Error> {
        let i = &case.input;
        let month = match i.retirement_month {
            Some(m) => m,
            None => {
                let at_birth = self.snapshot(i.birth.first_day(), None);
                crate::retirement::statutory(&at_birth, i.birth, i.category)?.month
            }
        };
        let snap = self.snapshot(month.first_day(), None);
        let p = project(
            &case.input,
            &case.assumptions,
            &snap,
            &mut Tracer::new(trace),
        )?;
        Ok(ProjectionResult::new(p, &snap))
    }
}

/// On what a yearly figure rests: the rule value's source, or the assumption.
fn basis(
    series: &YearSeries<Decimal>,
    year: i32,
    source: FigureSource,
    growth: &str,
    explicit: &str,
) -> Option<String> {
    match source {
        FigureSource::Rules | FigureSource::Provisional => series
            .get(year)
            .ok()
            .map(|s| format!("{} [{year}]: {}", s.param, s.provenance.source)),
        FigureSource::Assumed if explicit == "interest_rates" => Some(format!(
            "assumptions.{explicit}.{year}, else assumptions.interest_rate"
        )),
        FigureSource::Assumed => Some(join("assumptions", &format!("{explicit}.{year}"))),
        FigureSource::Projected => Some(format!(
            "assumptions.{growth} over the previous year's value"
        )),
    }
}

fn set_basis(v: &mut Value, key: &str, basis: Option<String>) {
    if let (Some(Value::Object(fig)), Some(b)) = (v.get_mut(key), basis) {
        fig.insert("basis".into(), Value::String(b));
    }
}

/// The figures the conformance vectors compare (`projection` kind): the
/// retirement month, the award's headline figures, and the yearly path.
pub fn figures(p: &Projection) -> Map<String, Value> {
    let mut m = p.award.figures();
    m.insert(
        "retirement_month".into(),
        Value::String(p.retirement_month.to_string()),
    );
    m.insert("statutory".into(), Value::Bool(p.statutory));
    m.insert(
        "account_balance".into(),
        Value::String(p.account_balance.to_string()),
    );
    m.insert(
        "pension_base_source".into(),
        Value::String(p.pension_base.source.name().into()),
    );
    let years = p
        .years
        .iter()
        .map(|y| {
            let mut r = Map::new();
            r.insert("year".into(), Value::from(y.year));
            r.insert("months".into(), Value::from(y.months));
            for (k, v) in [
                ("index", y.index),
                ("average_wage", y.average_wage.value),
                ("base", y.base),
                ("credits", y.credits),
                ("interest_rate", y.interest_rate.value),
                ("interest", y.interest),
                ("balance", y.balance),
            ] {
                r.insert(k.into(), Value::String(v.to_string()));
            }
            r.insert(
                "average_wage_source".into(),
                Value::String(y.average_wage.source.name().into()),
            );
            r.insert(
                "interest_rate_source".into(),
                Value::String(y.interest_rate.source.name().into()),
            );
            Value::Object(r)
        })
        .collect();
    m.insert("years".into(), Value::Array(years));
    m
}
