//! 退休 — statutory retirement age and month (before 2025 and under the 2025
//! gradual reform), the elastic window, minimum contribution years, the
//! eligibility for a monthly pension, and early retirement for special types
//! of work (特殊工种) or certified illness (病残).
//!
//! Legal basis: 国发〔1978〕104号 (男 60 / 女工人 50 / 女干部 55; special work
//! 55/45; illness 50/45); 全国人大常委会关于实施渐进式延迟法定退休年龄的决定
//! (2024-09-13) and its 附件《国务院关于渐进式延迟法定退休年龄的办法》 第一条
//! (ages and 对照表), 第二条 (minimum years), 第三条 (elastic retirement),
//! 第八条 (special groups); 社会保险法 第十六条.
//!
//! Every age, step and limit comes from the rule set: the engine only applies
//! the schedule version in force in the month the age is reached.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::annuity_divisor::annuity_divisor;
use crate::error::{Error, FieldError, InputErrors, RuleError};
use crate::rules::{ScheduleRule, Snapshot, Sourced, Timeline};
use crate::time::{Age, YearMonth};
use crate::trace::{ParamUse, Step, Trace, Tracer};

/// Minimum contribution months for a monthly pension when retiring in
/// `month` (全国人大常委会 2024-09-13 决定 附件 第二条: 15 years, rising by 6
/// months a year from 2030 to 20 years), from the table version in force then.
///
/// ```
/// use pension_rules::{retirement::min_contribution_months, rules::RuleSet};
/// let snap = RuleSet::embedded("cn/national").unwrap().at("2025-01-01".parse().unwrap());
/// let m = min_contribution_months(&snap, "2035-09".parse().unwrap()).unwrap();
/// assert_eq!(m.value, 216); // 18 years (the 2024 NPC retirement decision, docs/sources.md §5.4, R-CPS test case)
/// ```
pub fn min_contribution_months(snap: &Snapshot, month: YearMonth) -> Result<Sourced<u32>, Error> {
    let table = snap.retirement.min_contribution_months.in_month(month)?;
    let year = i64::from(month.year());
    let value = table
        .value
        .get(year)
        .ok_or(crate::error::RuleError::NoRow {
            param: table.param,
            key: year,
        })?;
    Ok(Sourced {
        value,
        param: table.param,
        provenance: table.provenance.clone(),
    })
}

/// Which statutory-age schedule applies (办法 第一条 and its three 对照表).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Category {
    /// 男职工.
    #[serde(rename = "male")]
    Male,
    /// 原法定退休年龄五十周岁的女职工 (women workers).
    #[serde(rename = "female_50")]
    Female50,
    /// 原法定退休年龄五十五周岁的女职工 (women cadres; in many provinces also
    /// flexible-employed women).
    #[serde(rename = "female_55")]
    Female55,
}

impl Category {
    /// The name used in inputs.
    pub fn name(self) -> &'static str {
        match self {
            Category::Male => "male",
            Category::Female50 => "female_50",
            Category::Female55 => "female_55",
        }
    }
    /// All categories.
    pub const ALL: [Category; 3] = [Category::Male, Category::Female50, Category::Female55];
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Category::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| format!("unknown category {s:?}; expected male, female_50 or female_55"))
    }
}

/// An early-retirement route outside the normal schedule (国发〔1978〕104号
/// 第一条; kept by the 2024 办法 第八条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Special {
    /// 特殊工种: 井下、高空、高温、特别繁重体力劳动或其他有害身体健康的工作.
    #[serde(rename = "arduous_work")]
    ArduousWork,
    /// 病残: certified complete loss of working capacity (完全丧失劳动能力).
    #[serde(rename = "disability")]
    Disability,
}

impl Special {
    /// The name used in inputs.
    pub fn name(self) -> &'static str {
        match self {
            Special::ArduousWork => "arduous_work",
            Special::Disability => "disability",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Special::ArduousWork => "特殊工种提前退休",
            Special::Disability => "病残提前退休",
        }
    }
}

impl fmt::Display for Special {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Special {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [Special::ArduousWork, Special::Disability]
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| {
                format!("unknown special case {s:?}; expected arduous_work or disability")
            })
    }
}

/// One person's retirement question (vector kind `retirement`).
///
/// Deserializing checks every field and reports all problems at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "RawInput")]
pub struct RetirementInput {
    /// Birth month.
    pub birth: YearMonth,
    /// Schedule category.
    pub category: Category,
    /// Contribution months (incl. deemed 视同) counted at the retirement
    /// month; when given, the result answers eligibility.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contribution_months: Option<u32>,
    /// Elastic early retirement: this many months before the statutory age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub early_months: Option<u32>,
    /// Elastic late retirement: this many months after the statutory age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_months: Option<u32>,
    /// Early retirement route for special work or certified illness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special: Option<Special>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawInput {
    birth: Option<Value>,
    category: Option<Value>,
    contribution_months: Option<Value>,
    early_months: Option<Value>,
    delay_months: Option<Value>,
    special: Option<Value>,
}

impl TryFrom<RawInput> for RetirementInput {
    type Error = InputErrors;
    fn try_from(r: RawInput) -> Result<Self, InputErrors> {
        let mut errs = vec![];
        let mut bad = |path: &str, message: String| {
            errs.push(FieldError {
                path: path.into(),
                message,
            })
        };
        fn text(v: &Value) -> Result<&str, String> {
            v.as_str()
                .ok_or_else(|| format!("expected a string, got {v}"))
        }
        let birth = match &r.birth {
            None => {
                bad("birth", "required: the birth month, YYYY-MM".into());
                None
            }
            Some(v) => {
                match text(v).and_then(|s| s.parse::<YearMonth>().map_err(|e| e.to_string())) {
                    // The plausible years (crate::bounds), as every input month.
                    Ok(m) if crate::bounds::month("birth", m).is_some() => {
                        bad("birth", crate::bounds::year_message(m.year()));
                        None
                    }
                    Ok(m) => Some(m),
                    Err(e) => {
                        bad("birth", e);
                        None
                    }
                }
            }
        };
        let category = match &r.category {
            None => {
                bad("category", "required: male, female_50 or female_55".into());
                None
            }
            Some(v) => match text(v).and_then(str::parse::<Category>) {
                Ok(c) => Some(c),
                Err(e) => {
                    bad("category", e);
                    None
                }
            },
        };
        let special = match &r.special {
            None => None,
            Some(v) => match text(v).and_then(str::parse::<Special>) {
                Ok(s) => Some(s),
                Err(e) => {
                    bad("special", e);
                    None
                }
            },
        };
        let mut months = |name: &str, v: &Option<Value>| -> Option<u32> {
            let v = v.as_ref()?;
            match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => Some(n),
                None => {
                    bad(
                        name,
                        format!("expected a whole number of months, 0 or more; got {v}"),
                    );
                    None
                }
            }
        };
        let contribution_months = months("contribution_months", &r.contribution_months);
        let early_months = months("early_months", &r.early_months);
        let delay_months = months("delay_months", &r.delay_months);
        let input = match (birth, category) {
            (Some(birth), Some(category)) if errs.is_empty() => RetirementInput {
                birth,
                category,
                contribution_months,
                early_months,
                delay_months,
                special,
            },
            _ => return Err(InputErrors(errs)),
        };
        input.problems().map_or(Ok(input), Err)
    }
}

impl RetirementInput {
    /// Someone born in `birth`, in `category`, with no choices.
    pub fn new(birth: YearMonth, category: Category) -> Self {
        RetirementInput {
            birth,
            category,
            contribution_months: None,
            early_months: None,
            delay_months: None,
            special: None,
        }
    }

    /// Parse a JSON input (vector format), reporting every field problem.
    ///
    /// ```
    /// use pension_rules::retirement::RetirementInput;
    /// let bad = serde_json::json!({"birth": "1970-00", "category": "female_60"});
    /// let err = RetirementInput::from_json(&bad).unwrap_err();
    /// assert_eq!(err.fields().len(), 2);
    /// ```
    pub fn from_json(v: &Value) -> Result<Self, Error> {
        let raw: RawInput = crate::json_fields::read(v)?;
        RetirementInput::try_from(raw).map_err(Error::Input)
    }

    /// Problems of combination (choices that exclude each other).
    fn problems(&self) -> Option<InputErrors> {
        let mut errs = vec![];
        if self.early_months.is_some() && self.delay_months.is_some() {
            errs.push(FieldError {
                path: "delay_months".into(),
                message: "give either early_months or delay_months, not both".into(),
            });
        }
        if let Some(s) = self.special {
            for (path, v) in [
                ("early_months", self.early_months),
                ("delay_months", self.delay_months),
            ] {
                if v.is_some() {
                    errs.push(FieldError {
                        path: path.into(),
                        message: format!(
                            "the elastic window does not apply to the special route `{s}`"
                        ),
                    });
                }
            }
        }
        (!errs.is_empty()).then_some(InputErrors(errs))
    }
}

/// The statutory retirement of one birth month under the law in force when
/// the age is reached.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Statutory {
    /// Age before the 2025 rise (男 60 / 女 50 / 女 55).
    pub original_age: Age,
    /// Months added by the cohort rise (0 for unaffected cohorts).
    pub delay_months: u32,
    /// Statutory age.
    pub age: Age,
    /// The month the age is reached (birth month + age).
    pub month: YearMonth,
    /// The schedule version applied, with its source.
    pub schedule: Sourced<ScheduleRule>,
    /// First day that version is in force.
    pub schedule_from: NaiveDate,
    /// Months of birth since the first affected cohort, under a rise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohort_offset: Option<i32>,
}

/// The elastic retirement window (弹性退休, 办法 第三条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ElasticWindow {
    /// Earliest age: the statutory age less the allowed months, not below
    /// the original age.
    pub earliest_age: Age,
    /// Month the earliest age is reached.
    pub earliest_month: YearMonth,
    /// Latest age (with the employer's agreement).
    pub latest_age: Age,
    /// Month the latest age is reached.
    pub latest_month: YearMonth,
    /// Months the person may retire early (statutory − earliest).
    pub max_early_months: u32,
    /// Months the person may retire late.
    pub max_delay_months: u32,
    /// Minimum contribution months that must already be met to retire at the
    /// earliest month (the minimum for that year).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest_min_contribution_months: Option<u32>,
}

/// Whether a monthly pension is payable at the chosen retirement month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Eligibility {
    /// A monthly pension is payable (the minimum is met).
    pub eligible: bool,
    /// Contribution months given.
    pub contribution_months: u32,
    /// Minimum required.
    pub required_months: u32,
    /// Months missing (0 when eligible).
    pub short_by_months: u32,
    /// Why, and the options when short.
    pub reasons: Vec<String>,
}

/// The answer for one person.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RetirementResult {
    /// Birth month.
    pub birth: YearMonth,
    /// Schedule category.
    pub category: Category,
    /// Age before the 2025 rise.
    pub original_age: Age,
    /// Months of delay from the cohort rise.
    pub delay_months: u32,
    /// Statutory retirement age.
    pub statutory_age: Age,
    /// Month the statutory age is reached.
    pub statutory_month: YearMonth,
    /// First day of the schedule version applied.
    pub schedule_from: NaiveDate,
    /// The elastic window, when the law in force at the statutory month has one.
    pub elastic: Option<ElasticWindow>,
    /// The special early route taken, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special: Option<Special>,
    /// The retirement month: statutory, elastic choice or special route.
    pub retirement_month: YearMonth,
    /// Age at the retirement month.
    pub retirement_age: Age,
    /// Minimum contribution months for the retirement year (none before the
    /// rule set has a minimum in force).
    pub min_contribution_months: Option<Sourced<u32>>,
    /// The eligibility answer, when contribution months were given.
    pub eligibility: Option<Eligibility>,
    /// 计发月数 at the statutory age (none where no table is in force).
    pub divisor_at_statutory: Option<Decimal>,
    /// 计发月数 at the retirement age.
    pub divisor: Option<Decimal>,
    /// Conditions the engine could not check, and other caveats.
    pub flags: Vec<String>,
    /// How each figure was found.
    pub trace: Trace,
}

/// The schedule timeline of a category.
pub fn schedule_of(snap: &Snapshot, category: Category) -> &Timeline<ScheduleRule> {
    match category {
        Category::Male => &snap.retirement.male,
        Category::Female50 => &snap.retirement.female_50,
        Category::Female55 => &snap.retirement.female_55,
    }
}

/// The month an age is reached: birth month + age (an input error past the
/// calendar's last year).
///
/// ```
/// use pension_rules::retirement::month_reached;
/// let m = month_reached("1976-02".parse().unwrap(), "62y10m".parse().unwrap()).unwrap();
/// assert_eq!(m.to_string(), "2038-12");
/// ```
pub fn month_reached(birth: YearMonth, age: Age) -> Result<YearMonth, Error> {
    let total = i32::try_from(age.total_months()).ok();
    total
        .map(|t| birth.add_months(t))
        .filter(|m| YearMonth::new(m.year(), m.month()).is_some())
        .ok_or_else(|| Error::field("birth", format!("{birth} + {age} is past the year 9999")))
}

/// Age and cohort delay under one schedule version (办法 第一条):
/// `n` = months from the first affected birth month; delay = 0 when `n < 0`,
/// else `min(n div step + 1, max)`.
fn age_under(rule: &ScheduleRule, birth: YearMonth) -> (Age, u32, Option<i32>) {
    let Some(r) = rule.rise else {
        return (rule.original_age, 0, None);
    };
    let n = birth.months_since(r.start_birth);
    let delay = match u32::try_from(n) {
        Err(_) => 0,
        Ok(n) => n
            .checked_div(r.step_months)
            .map_or(r.max_delay_months, |q| {
                q.saturating_add(1).min(r.max_delay_months)
            }),
    };
    let age = Age::from_months(rule.original_age.total_months().saturating_add(delay));
    (age, delay, Some(n))
}

/// The entry of `timeline` in force in the month `age_of(value)` is reached:
/// versions are tried from the latest, and the first one in force on the
/// first day of the month it yields is used.
fn reached<T: Clone>(
    timeline: &Timeline<T>,
    birth: YearMonth,
    age_of: impl Fn(&T) -> Age,
) -> Result<(NaiveDate, Sourced<T>, YearMonth), Error> {
    let mut first_tried = None;
    for (from, until, v) in timeline.versions().rev() {
        let month = month_reached(birth, age_of(&v.value))?;
        let day = month.first_day();
        first_tried.get_or_insert(day);
        if from <= day && until.is_none_or(|u| day <= u) {
            return Ok((from, v.clone(), month));
        }
    }
    Err(RuleError::NotInForce {
        param: timeline.param(),
        date: first_tried.unwrap_or(birth.first_day()),
    }
    .into())
}

/// The statutory retirement age and month of someone born in `birth`.
///
/// ```
/// use pension_rules::retirement::{statutory, Category};
/// use pension_rules::rules::RuleSet;
/// let snap = RuleSet::embedded("cn/national").unwrap().at("2025-01-01".parse().unwrap());
/// let s = statutory(&snap, "1965-01".parse().unwrap(), Category::Male).unwrap();
/// // 对照表: 男 1965-01 – 1965-04 → 60岁1个月
/// assert_eq!((s.age.to_string(), s.month.to_string()), ("60y1m".into(), "2025-02".into()));
/// ```
pub fn statutory(
    snap: &Snapshot,
    birth: YearMonth,
    category: Category,
) -> Result<Statutory, Error> {
    let timeline = schedule_of(snap, category);
    let (from, schedule, month) = reached(timeline, birth, |r| age_under(r, birth).0)?;
    let (age, delay_months, cohort_offset) = age_under(&schedule.value, birth);
    Ok(Statutory {
        original_age: schedule.value.original_age,
        delay_months,
        age,
        month,
        schedule,
        schedule_from: from,
        cohort_offset,
    })
}

/// One row of a cohort table: consecutive birth months with the same age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CohortRow {
    /// First birth month of the band.
    pub birth_from: YearMonth,
    /// Last birth month of the band.
    pub birth_to: YearMonth,
    /// Statutory age.
    pub age: Age,
    /// Retirement month of the first birth month.
    pub retirement_from: YearMonth,
    /// Retirement month of the last birth month.
    pub retirement_to: YearMonth,
    /// Months of delay.
    pub delay_months: u32,
}

/// The elastic retirement window (弹性退休, 《国务院关于渐进式延迟法定退休年龄的办法》
/// 第三条) around the statutory age `st`, under the limits in force in the
/// statutory month: earliest = max(original age, statutory − early limit),
/// latest = statutory + late limit. `None` where the law has no elastic
/// retirement (both limits 0, as before 2025).
pub fn elastic_window(
    snap: &Snapshot,
    birth: YearMonth,
    st: &Statutory,
) -> Result<Option<ElasticWindow>, Error> {
    let early = snap
        .retirement
        .elastic_early_max_months
        .in_month(st.month)?
        .value;
    let late = snap
        .retirement
        .elastic_late_max_months
        .in_month(st.month)?
        .value;
    if early == 0 && late == 0 {
        return Ok(None);
    }
    let statutory = st.age.total_months();
    let earliest_age = Age::from_months(
        statutory
            .saturating_sub(early)
            .max(st.original_age.total_months())
            .min(statutory),
    );
    let latest_age = Age::from_months(statutory.saturating_add(late));
    let earliest_month = month_reached(birth, earliest_age)?;
    Ok(Some(ElasticWindow {
        earliest_age,
        earliest_month,
        latest_age,
        latest_month: month_reached(birth, latest_age)?,
        max_early_months: statutory - earliest_age.total_months(),
        max_delay_months: late,
        earliest_min_contribution_months: min_contribution_months(snap, earliest_month)
            .ok()
            .map(|m| m.value),
    }))
}

/// A table like the official 对照表: birth bands from `from` to `to` with
/// their statutory age, retirement months and delay.
///
/// ```
/// use pension_rules::retirement::{cohort_table, Category};
/// use pension_rules::rules::RuleSet;
/// let snap = RuleSet::embedded("cn/national").unwrap().at("2025-01-01".parse().unwrap());
/// let t = cohort_table(&snap, Category::Female50, "1975-01".parse().unwrap(),
///                      "1975-04".parse().unwrap()).unwrap();
/// assert_eq!(t.len(), 2); // 1975-01–02 → 50y1m, 1975-03–04 → 50y2m
/// assert_eq!(t[1].retirement_to.to_string(), "2025-06");
/// ```
pub fn cohort_table(
    snap: &Snapshot,
    category: Category,
    from: YearMonth,
    to: YearMonth,
) -> Result<Vec<CohortRow>, Error> {
    if to < from {
        return Err(Error::field(
            "to",
            format!("the last birth month {to} is before the first {from}"),
        ));
    }
    let mut rows: Vec<CohortRow> = vec![];
    let mut birth = from;
    while birth <= to {
        let s = statutory(snap, birth, category)?;
        match rows.last_mut() {
            Some(r) if r.age == s.age && r.delay_months == s.delay_months => {
                r.birth_to = birth;
                r.retirement_to = s.month;
            }
            _ => rows.push(CohortRow {
                birth_from: birth,
                birth_to: birth,
                age: s.age,
                retirement_from: s.month,
                retirement_to: s.month,
                delay_months: s.delay_months,
            }),
        }
        birth = birth.add_months(1);
    }
    Ok(rows)
}

/// The retirement answer for one person: statutory age and month under the
/// law in force when it is reached, the elastic window, the chosen month,
/// the minimum contribution months, eligibility, special routes, and the
/// 计发月数 at the statutory and the chosen age.
///
/// The returned trace holds this computation's steps; they are also
/// recorded in `tracer`.
///
/// ```
/// use pension_rules::retirement::{retirement, Category, RetirementInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let snap = RuleSet::embedded("cn/national").unwrap().at("2025-01-01".parse().unwrap());
/// let mut input = RetirementInput::new("1976-02".parse().unwrap(), Category::Male);
/// input.contribution_months = Some(220);
/// let r = retirement(&snap, &input, &mut Tracer::new(true)).unwrap();
/// assert_eq!(r.statutory_age.to_string(), "62y10m");
/// let w = r.elastic.unwrap(); // the 2024 NPC retirement decision, docs/sources.md §5.3 example
/// assert_eq!((w.earliest_month.to_string(), w.latest_month.to_string()),
///            ("2036-02".into(), "2041-12".into()));
/// let e = r.eligibility.unwrap();
/// assert_eq!((e.eligible, e.short_by_months), (false, 14)); // 234 needed in 2038
/// ```
pub fn retirement(
    snap: &Snapshot,
    input: &RetirementInput,
    tracer: &mut Tracer,
) -> Result<RetirementResult, Error> {
    if let Some(e) = input.problems() {
        return Err(Error::Input(e));
    }
    let mut t = Tracer::new(tracer.enabled());
    let r = compute(snap, input, &mut t);
    let trace = t.finish(snap);
    for s in &trace.steps {
        tracer.step(|| s.clone());
    }
    let mut r = r?;
    r.trace = trace;
    Ok(r)
}

fn compute(
    snap: &Snapshot,
    input: &RetirementInput,
    t: &mut Tracer,
) -> Result<RetirementResult, Error> {
    let birth = input.birth;
    let category = input.category;
    let mut flags: Vec<String> = vec![];
    let st = statutory(snap, birth, category)?;
    t.step(|| {
        Step::new(
            "schedule",
            "法定退休年龄规定",
            &st.schedule.value,
            format!(
                "the schedule version in force in the month the age is reached: from {}",
                st.schedule_from
            ),
        )
        .input("birth", birth)
        .input("category", category)
        .param(ParamUse::of(&st.schedule))
    });
    if let (Some(r), Some(n)) = (st.schedule.value.rise, st.cohort_offset) {
        t.step(|| {
            let formula = if n < 0 {
                format!(
                    "n = months from {} to {birth} = {n} < 0: cohort not affected, delay 0",
                    r.start_birth
                )
            } else {
                format!(
                    "n = months from {} to {birth} = {n}; delay = min({n} div {} + 1, {}) = {}",
                    r.start_birth, r.step_months, r.max_delay_months, st.delay_months
                )
            };
            Step::new("delay", "延迟月数", st.delay_months, formula)
                .input("birth", birth)
                .param(ParamUse::of(&st.schedule))
        });
    }
    t.step(|| {
        Step::new(
            "statutory_age",
            "法定退休年龄",
            st.age,
            format!(
                "original age {} + {} months = {}; reached in {birth} + {} = {}",
                st.original_age, st.delay_months, st.age, st.age, st.month
            ),
        )
        .param(ParamUse::of(&st.schedule))
    });

    // Elastic window under the law in force at the statutory month.
    let early = snap
        .retirement
        .elastic_early_max_months
        .in_month(st.month)?;
    let late = snap.retirement.elastic_late_max_months.in_month(st.month)?;
    let elastic = if let Some(w) = elastic_window(snap, birth, &st)? {
        let earliest_min = optional_min(snap, w.earliest_month, &mut flags)?;
        t.step(|| {
            Step::new(
                "elastic_window",
                "弹性退休区间",
                format!(
                    "{} ({}) – {} ({})",
                    w.earliest_age, w.earliest_month, w.latest_age, w.latest_month
                ),
                format!(
                    "earliest = max(original age {}, {} − {} months) = {}; latest = {} + {} months = {}; early retirement needs the minimum contribution period met{}",
                    st.original_age,
                    st.age,
                    early.value,
                    w.earliest_age,
                    st.age,
                    late.value,
                    w.latest_age,
                    earliest_min
                        .as_ref()
                        .map(|m| format!(" ({} months in {})", m.value, w.earliest_month.year()))
                        .unwrap_or_default()
                ),
            )
            .param(ParamUse::of(&early))
            .param(ParamUse::of(&late))
        });
        Some(w)
    } else {
        None
    };

    // The chosen month: special route, elastic choice, or statutory.
    let (retirement_age, retirement_month) = if let Some(sp) = input.special {
        let timeline = special_timeline(snap, sp, category);
        let (_, age, month) = reached(timeline, birth, |a| *a)?;
        t.step(|| {
            Step::new(
                "special_age",
                sp.label(),
                age.value,
                format!("{} route: age {}, reached in {month}", sp.name(), age.value),
            )
            .input("special", sp)
            .param(ParamUse::of(&age))
        });
        flags.extend(special_flags(sp));
        if age.value >= st.age {
            flags.push(format!(
                "the {} age {} is not below the statutory age {}: the route gives no earlier retirement",
                sp.name(),
                age.value,
                st.age
            ));
        }
        (age.value, month)
    } else if let Some(k) = input.early_months {
        let w = window_for(&elastic, "early_months", st.month)?;
        if k > w.max_early_months {
            return Err(Error::field(
                "early_months",
                format!(
                    "{k} months is outside the elastic window {} ({}) – {} ({}): at most {} months early",
                    w.earliest_age,
                    w.earliest_month,
                    w.latest_age,
                    w.latest_month,
                    w.max_early_months
                ),
            ));
        }
        let age = Age::from_months(st.age.total_months() - k);
        let month = month_reached(birth, age)?;
        t.step(|| {
            Step::new(
                "chosen",
                "弹性提前退休",
                age,
                format!("{} − {k} months = {age}, in {month}", st.age),
            )
            .input("early_months", k)
        });
        flags.push(
            "elastic early retirement is the worker's choice, on written notice to the employer in advance (人社部发〔2024〕94号)"
                .into(),
        );
        (age, month)
    } else if let Some(k) = input.delay_months {
        let w = window_for(&elastic, "delay_months", st.month)?;
        if k > w.max_delay_months {
            return Err(Error::field(
                "delay_months",
                format!(
                    "{k} months is outside the elastic window {} ({}) – {} ({}): at most {} months late",
                    w.earliest_age,
                    w.earliest_month,
                    w.latest_age,
                    w.latest_month,
                    w.max_delay_months
                ),
            ));
        }
        let age = Age::from_months(st.age.total_months().saturating_add(k));
        let month = month_reached(birth, age)?;
        t.step(|| {
            Step::new(
                "chosen",
                "弹性延迟退休",
                age,
                format!("{} + {k} months = {age}, in {month}", st.age),
            )
            .input("delay_months", k)
        });
        flags.push(
            "elastic late retirement needs the employer's agreement, fixed in writing before the statutory date (办法 第三条; 人社部发〔2024〕94号)"
                .into(),
        );
        (age, month)
    } else {
        (st.age, st.month)
    };

    let min = optional_min(snap, retirement_month, &mut flags)?;
    if let Some(m) = &min {
        t.step(|| {
            Step::new(
                "min_contribution_months",
                "最低缴费年限",
                m.value,
                format!(
                    "minimum for retirement in {} = {} months ({})",
                    retirement_month.year(),
                    m.value,
                    Age::from_months(m.value)
                ),
            )
            .param(ParamUse::keyed(m, retirement_month.year()).with_value(m.value))
        });
        if retirement_month != st.month
            && let Some(s) = optional_min(snap, st.month, &mut vec![])?
            && s.value != m.value
        {
            flags.push(format!(
                "the minimum is read for the year of actual retirement ({}: {} months); for the statutory year {} it is {} months",
                retirement_month.year(),
                m.value,
                st.month.year(),
                s.value
            ));
        }
    }

    let eligibility = match (input.contribution_months, &min) {
        (Some(c), Some(m)) => {
            let e = eligibility(c, m.value, retirement_month, input, elastic.is_some());
            t.step(|| {
                Step::new(
                    "eligibility",
                    "按月领取基本养老金资格",
                    e.eligible,
                    format!(
                        "{c} contribution months {} minimum {} months",
                        if e.eligible { "≥" } else { "<" },
                        m.value
                    ),
                )
                .input("contribution_months", c)
                .param(ParamUse::keyed(m, retirement_month.year()).with_value(m.value))
            });
            Some(e)
        }
        (Some(_), None) => {
            flags.push(
                "eligibility not answered: the rule set has no minimum contribution period in force then"
                    .into(),
            );
            None
        }
        _ => None,
    };

    if category != Category::Male {
        flags.push(format!(
            "category {category} is an input: whether a woman retires under the 50 (workers) or the 55 (cadres; in many provinces flexible-employed women) schedule is not checked"
        ));
    }

    let divisor_at_statutory = divisor(snap, st.age, st.month, t, &mut flags)?;
    let divisor = if retirement_month == st.month {
        divisor_at_statutory
    } else {
        divisor(snap, retirement_age, retirement_month, t, &mut flags)?
    };

    Ok(RetirementResult {
        birth,
        category,
        original_age: st.original_age,
        delay_months: st.delay_months,
        statutory_age: st.age,
        statutory_month: st.month,
        schedule_from: st.schedule_from,
        elastic,
        special: input.special,
        retirement_month,
        retirement_age,
        min_contribution_months: min,
        eligibility,
        divisor_at_statutory,
        divisor,
        flags,
        trace: Trace {
            rules: snap.identity.clone(),
            steps: vec![],
        },
    })
}

fn window_for<'a>(
    elastic: &'a Option<ElasticWindow>,
    field: &str,
    statutory: YearMonth,
) -> Result<&'a ElasticWindow, Error> {
    elastic.as_ref().ok_or_else(|| {
        Error::field(
            field,
            format!(
                "no elastic retirement under the rules in force at the statutory month {statutory}"
            ),
        )
    })
}

fn special_timeline(snap: &Snapshot, sp: Special, category: Category) -> &Timeline<Age> {
    let r = &snap.retirement;
    match (sp, category) {
        (Special::ArduousWork, Category::Male) => &r.special_age_arduous_male,
        (Special::ArduousWork, _) => &r.special_age_arduous_female,
        (Special::Disability, Category::Male) => &r.special_age_disability_male,
        (Special::Disability, _) => &r.special_age_disability_female,
    }
}

fn special_flags(sp: Special) -> Vec<String> {
    let common = "not checked: the service years the 1978 measures and provincial rules require (连续工龄), and the agency's approval".to_string();
    match sp {
        Special::ArduousWork => vec![
            "not checked: the required years in the listed special types of work (井下、高空、高温、特别繁重体力劳动或其他有害身体健康的工作; job lists and years set by ministerial and provincial rules); the 2024 办法 第八条 keeps the route for those who meet the conditions".into(),
            common,
        ],
        Special::Disability => vec![
            "not checked: complete loss of working capacity (完全丧失劳动能力) certified by the labour-capacity appraisal committee (劳动能力鉴定委员会)".into(),
            common,
        ],
    }
}

/// The minimum in force in `month`, or none (with a flag) before any is.
fn optional_min(
    snap: &Snapshot,
    month: YearMonth,
    flags: &mut Vec<String>,
) -> Result<Option<Sourced<u32>>, Error> {
    match min_contribution_months(snap, month) {
        Ok(m) => Ok(Some(m)),
        Err(Error::Rules(e @ RuleError::NotInForce { .. })) => {
            flags.push(format!("no minimum contribution period: {e}"));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn divisor(
    snap: &Snapshot,
    age: Age,
    month: YearMonth,
    t: &mut Tracer,
    flags: &mut Vec<String>,
) -> Result<Option<Decimal>, Error> {
    match annuity_divisor(snap, age, month.first_day(), t) {
        Ok(d) => Ok(Some(d)),
        Err(Error::Rules(e)) => {
            flags.push(format!("no 计发月数 for {age} in {month}: {e}"));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn eligibility(
    c: u32,
    required: u32,
    month: YearMonth,
    input: &RetirementInput,
    has_window: bool,
) -> Eligibility {
    let short = required.saturating_sub(c);
    let mut reasons = vec![];
    if short == 0 {
        reasons.push(format!(
            "{c} contribution months meet the minimum of {required} months ({}) for retirement in {}: a monthly pension is payable (社会保险法 第十六条; 办法 第二条)",
            Age::from_months(required),
            month.year()
        ));
    } else if input.early_months.is_some_and(|k| k > 0) {
        reasons.push(format!(
            "short by {short} months of the minimum {required} months ({}) for retirement in {}: elastic early retirement needs the minimum already met (办法 第三条); options are to retire later, up to the statutory age, while still contributing",
            Age::from_months(required),
            month.year()
        ));
    } else {
        let mut opts = "extended contributions (延长缴费) or lump-sum contributions (一次性缴费) up to the minimum (社会保险法 第十六条; 人社部令第13号; 办法 第二条), or moving to the residents' scheme (城乡居民基本养老保险, 人社部发〔2014〕17号)".to_string();
        if has_window && input.delay_months.is_none() {
            opts.push_str(
                ", or, with the employer's agreement, elastic late retirement while contributing (办法 第三条)",
            );
        }
        reasons.push(format!(
            "short by {short} months of the minimum {required} months ({}) for retirement in {}: options are {opts}",
            Age::from_months(required),
            month.year()
        ));
    }
    Eligibility {
        eligible: short == 0,
        contribution_months: c,
        required_months: required,
        short_by_months: short,
        reasons,
    }
}

impl RetirementResult {
    /// The headline figures by name (what a batch row holds and a worked
    /// case compares): `retirement_month`, `age`, `min_contribution_months`,
    /// `eligible` and `short_by_months` (when contribution months are
    /// given), the statutory month and age, `delay_months` and the divisor.
    ///
    /// ```
    /// use pension_rules::{Engine, retirement::RetirementInput};
    /// let engine = Engine::embedded("cn/national").unwrap();
    /// let input = RetirementInput::from_json(&serde_json::json!({"birth": "1971-04", "category": "female_55"})).unwrap();
    /// let out = engine.retirement(&input, false).unwrap().figures();
    /// assert_eq!(out["retirement_month"], "2026-08"); // the 2024 NPC retirement decision, docs/sources.md §5.3
    /// assert_eq!(out["age"], "55y4m");
    /// ```
    pub fn figures(&self) -> Map<String, Value> {
        let r = self;
        let mut out = Map::new();
        out.insert(
            "retirement_month".into(),
            r.retirement_month.to_string().into(),
        );
        out.insert("age".into(), r.retirement_age.to_string().into());
        if let Some(m) = &r.min_contribution_months {
            out.insert("min_contribution_months".into(), m.value.into());
        }
        if let Some(e) = &r.eligibility {
            out.insert("eligible".into(), e.eligible.into());
            out.insert("short_by_months".into(), e.short_by_months.into());
        }
        out.insert(
            "statutory_month".into(),
            r.statutory_month.to_string().into(),
        );
        out.insert("statutory_age".into(), r.statutory_age.to_string().into());
        out.insert("delay_months".into(), r.delay_months.into());
        if let Some(d) = r.divisor {
            out.insert("divisor".into(), d.to_string().into());
        }
        out
    }
}
