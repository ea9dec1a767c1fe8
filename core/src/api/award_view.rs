//! The award as the CLI's `pension-rules award` offers it, for every front
//! end: the 核定表 table and the zh/en explanation texts
//! ([`crate::award::render`]), the award "as known on" a date (the 计发基数
//! then published, possibly 预发 provisional), and the recomputation once the
//! final base is published with the arrears (补发) owed
//! ([`crate::award::recompute`]).

use std::str::FromStr;

use chrono::NaiveDate;
use serde_json::Value;

use super::{Engine, to_json};
use crate::award::render::{self, Lang};
use crate::award::{award_in, recompute};
use crate::error::Error;
use crate::time::YearMonth;
use crate::trace::Tracer;

/// A text rendering of an award (as `award --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// A 核定表-style table.
    Table,
    /// The explanation in Chinese.
    Zh,
    /// The explanation in English.
    En,
}

impl FromStr for TextFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<TextFormat, Error> {
        match s {
            "table" => Ok(TextFormat::Table),
            "zh" => Ok(TextFormat::Zh),
            "en" => Ok(TextFormat::En),
            _ => Err(Error::field(
                "format",
                format!("unknown format {s:?}; expected one of zh, en, table"),
            )),
        }
    }
}

/// The bitemporal view of an award (the `award` command's `--known-on`,
/// `--final-known-on` and `--arrears-through`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AwardOptions {
    /// Evaluate as known on this date: values published later (the final
    /// 计发基数) are not seen. With `arrears_through`, the provisional date
    /// (default: the first day of the retirement month).
    pub known_on: Option<NaiveDate>,
    /// With `arrears_through`: recompute as known on this date (default:
    /// everything in the rule set).
    pub final_known_on: Option<NaiveDate>,
    /// Last month of arrears owed, inclusive: turns on the provisional →
    /// final recomputation.
    pub arrears_through: Option<YearMonth>,
}

impl AwardOptions {
    /// Options from text (`YYYY-MM-DD` dates, a `YYYY-MM` month), each
    /// problem reported with its field name.
    ///
    /// ```
    /// use pension_rules::api::award_view::AwardOptions;
    /// let o = AwardOptions::parse(Some("2025-08-01"), None, Some("2026-06")).unwrap();
    /// assert!(o.arrears_through.is_some());
    /// let e = AwardOptions::parse(Some("2025-13-01"), Some("x"), None).unwrap_err();
    /// assert_eq!(e.fields().len(), 3); // both dates, and final_known_on alone
    /// ```
    pub fn parse(
        known_on: Option<&str>,
        final_known_on: Option<&str>,
        arrears_through: Option<&str>,
    ) -> Result<AwardOptions, Error> {
        let mut errs = vec![];
        let mut date = |field: &str, s: Option<&str>| {
            s.and_then(|s| match s.trim().parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    errs.push(crate::error::FieldError {
                        path: field.into(),
                        message: format!("expected a date YYYY-MM-DD, got {s:?}"),
                    });
                    None
                }
            })
        };
        let final_known_on_text = final_known_on;
        let known_on = date("known_on", known_on);
        let final_known_on = date("final_known_on", final_known_on);
        let through = arrears_through.and_then(|s| match s.trim().parse::<YearMonth>() {
            Ok(m) => Some(m),
            Err(_) => {
                errs.push(crate::error::FieldError {
                    path: "arrears_through".into(),
                    message: format!("expected a month YYYY-MM, got {s:?}"),
                });
                None
            }
        });
        if final_known_on_text.is_some() && arrears_through.is_none() {
            errs.push(crate::error::FieldError {
                path: "final_known_on".into(),
                message: "applies to a recomputation: give arrears_through too".into(),
            });
        }
        if !errs.is_empty() {
            return Err(Error::Input(crate::error::InputErrors(errs)));
        }
        Ok(AwardOptions {
            known_on,
            final_known_on,
            arrears_through: through,
        })
    }
}

/// The `recompute` kind's input: the award input under `award`, the date
/// it was approved on (`known_on`, default the retirement month's first
/// day), the date of the recomputation (`final_known_on`, default all that
/// is published) and the last month of arrears owed (`arrears_through`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecomputeInput {
    /// The person, as the `award` kind reads it.
    #[schemars(with = "crate::award::AwardInput")]
    pub award: Value,
    /// Approved as known on this date (`YYYY-MM-DD`).
    #[serde(default)]
    pub known_on: Option<String>,
    /// Recomputed as known on this date (`YYYY-MM-DD`).
    #[serde(default)]
    pub final_known_on: Option<String>,
    /// Last month of arrears owed, inclusive (`YYYY-MM`).
    pub arrears_through: String,
}

/// A [`RecomputeInput`] read.
#[derive(Debug, Clone)]
pub struct RecomputeCase {
    /// The award input.
    pub award: Value,
    /// The dates.
    pub options: AwardOptions,
}

impl RecomputeInput {
    /// Read a JSON input, every date problem at once.
    pub fn read(v: &Value) -> Result<RecomputeCase, Error> {
        let i: RecomputeInput = crate::json_fields::read(v)?;
        let options = AwardOptions::parse(
            i.known_on.as_deref(),
            i.final_known_on.as_deref(),
            Some(&i.arrears_through),
        )?;
        Ok(RecomputeCase {
            award: i.award,
            options,
        })
    }
}

/// The award under [`AwardOptions`], typed: the award, or with
/// `arrears_through` the recomputation. Serialized, it is exactly what
/// [`Engine::award_with`] returns, with the fields in the types' order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AwardView {
    /// The award as known on `known_on`.
    Award(Box<crate::award::Award>),
    /// Provisional and final awards and the arrears.
    Recomputation(Box<crate::award::Recomputation>),
}
use AwardView as View;

impl Engine {
    /// The award under `opts` as a typed value (see [`AwardView`]), for
    /// front ends that print it themselves.
    pub fn award_view(
        &self,
        input: &Value,
        opts: &AwardOptions,
        trace: bool,
    ) -> Result<AwardView, Error> {
        self.award_case(input, opts, trace)
    }

    fn award_case(&self, input: &Value, opts: &AwardOptions, trace: bool) -> Result<View, Error> {
        self.award_under(&crate::award::AwardInput::from_json(input)?, opts, trace)
    }

    /// The award of a read input under `opts` (see [`AwardView`]).
    pub fn award_under(
        &self,
        input: &crate::award::AwardInput,
        opts: &AwardOptions,
        trace: bool,
    ) -> Result<AwardView, Error> {
        let date = input.retirement_month.first_day();
        let mut tracer = Tracer::new(trace);
        let picked = self.for_region(input.region.as_deref(), &mut tracer)?;
        let engine = picked.as_deref().unwrap_or(self);
        if let Some(through) = opts.arrears_through {
            let known = opts.known_on.unwrap_or(date);
            let r = recompute(
                input,
                &engine.rules,
                known,
                opts.final_known_on,
                through,
                trace,
            )?;
            return Ok(View::Recomputation(Box::new(r)));
        }
        if opts.final_known_on.is_some() {
            return Err(Error::field(
                "final_known_on",
                "applies to a recomputation: give arrears_through too",
            ));
        }
        let snap = engine.snapshot(date, opts.known_on);
        let places = engine.places(input, date, opts.known_on)?;
        Ok(View::Award(Box::new(award_in(
            input,
            &snap,
            &places,
            &mut tracer,
        )?)))
    }

    /// The award as JSON under `opts`, as `pension-rules award --format
    /// json` prints it: the award (as known on `known_on`), or with
    /// `arrears_through` the recomputation `{provisional, final,
    /// monthly_difference, first_pension_month, arrears_through,
    /// arrears_months, arrears}`.
    ///
    /// ```
    /// use pension_rules::api::{Engine, award_view::AwardOptions};
    /// // docs/sources.md §11.1: approved 2025-08-01 on the 预发 base 7727, recomputed on 7881.
    /// let input = serde_json::json!({"category": "male", "birth": "1965-01",
    ///     "retirement_month": "2025-02", "contribution_months": 385, "deemed_months": 130,
    ///     "average_index": "0.9", "account_balance": "160000"});
    /// let opts = AwardOptions::parse(Some("2025-08-01"), Some("2026-07-01"), Some("2026-06")).unwrap();
    /// let r = Engine::embedded("cn/shaanxi").unwrap().award_with(&input, &opts, false).unwrap();
    /// assert_eq!(r["provisional"]["total"], "5361.17");
    /// assert_eq!(r["final"]["total"], "5444.98");
    /// assert_eq!(r["arrears"], "1340.96"); // 83.81 × 16 months
    /// ```
    pub fn award_with(
        &self,
        input: &Value,
        opts: &AwardOptions,
        trace: bool,
    ) -> Result<Value, Error> {
        match self.award_case(input, opts, trace)? {
            View::Award(a) => to_json(&a),
            View::Recomputation(r) => to_json(&r),
        }
    }

    /// The award rendered as text under `opts`, exactly as `pension-rules
    /// award --format zh|en|table` prints it (without the final newline).
    ///
    /// ```
    /// use pension_rules::api::{Engine, award_view::{AwardOptions, TextFormat}};
    /// let input = serde_json::json!({"category": "male", "birth": "1964-06",
    ///     "retirement_month": "2024-06", "contribution_months": 360, "deemed_months": 120,
    ///     "average_index": "0.8", "account_balance": "120000"});
    /// let t = Engine::embedded("cn/shaanxi").unwrap()
    ///     .award_text(&input, &AwardOptions::default(), TextFormat::Zh).unwrap();
    /// assert!(t.contains("4510.45")); // derived-award-2 (docs/sources.md §9.2 worked example 11)
    /// ```
    pub fn award_text(
        &self,
        input: &Value,
        opts: &AwardOptions,
        format: TextFormat,
    ) -> Result<String, Error> {
        let out = match (self.award_case(input, opts, true)?, format) {
            (View::Award(a), TextFormat::Table) => render::table(&a),
            (View::Award(a), TextFormat::Zh) => render::text(&a, Lang::Zh),
            (View::Award(a), TextFormat::En) => render::text(&a, Lang::En),
            (View::Recomputation(r), TextFormat::Table) => {
                render::recomputation(&r, Lang::Zh, true)
            }
            (View::Recomputation(r), TextFormat::Zh) => render::recomputation(&r, Lang::Zh, false),
            (View::Recomputation(r), TextFormat::En) => render::recomputation(&r, Lang::En, false),
        };
        Ok(out.trim_end().to_string())
    }
}
