//! 选项 — the values an input field takes from a list the rule set holds,
//! with their titles: what a form offers as a select instead of free text.
//!
//! Two kinds of input field have such a list:
//! * `deemed_index_locality` — the place of work at the end of 1993 whose
//!   视同缴费指数 applies (`award.deemed_index.<name>`; 广东: 粤府函〔2021〕294号
//!   附表一、二), titled by the rule file;
//! * `attributes.<name>` of a text attribute (`award.attributes.<name>`, type
//!   `text`: 青海's 待遇地区), its allowed values.
//!
//! The list is the one in force on a date, so a form offers exactly what the
//! engine accepts then; any other value is refused by the computation itself.

use chrono::NaiveDate;
use serde::Serialize;

use super::Engine;
use crate::error::Error;
use crate::rules::family::AttributeType;

/// The values of one input field in force on a date (`Engine::choices`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Choices {
    /// The input field (`deemed_index_locality`, `attributes.region_class`).
    pub field: String,
    /// The date the list is in force on.
    pub as_of: NaiveDate,
    /// Its values, in the rule data's order (by name).
    pub choices: Vec<Choice>,
}

/// One value of an input field with a fixed list.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Choice {
    /// The value as the input gives it (`guangzhou`).
    pub value: String,
    /// Its title in the rule data (`广州市 平均 … 视同缴费指数 (1993)`), where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The parameter it comes from (`award.deemed_index.guangzhou`).
    pub param: String,
}

impl Engine {
    /// The values `field` takes from this rule set's lists on `date`; a
    /// field without a list (any other, or an attribute that is not text) is
    /// an input error naming it, and so is a list that is empty on `date`.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// let e = Engine::embedded("cn/guangdong").unwrap();
    /// let c = e.choices("deemed_index_locality", "2026-01-01".parse().unwrap()).unwrap();
    /// let gz = c.choices.iter().find(|c| c.value == "guangzhou").unwrap();
    /// assert!(gz.title.as_deref().unwrap().starts_with("广州市"));
    /// assert!(e.choices("birth", "2026-01-01".parse().unwrap()).is_err());
    /// ```
    pub fn choices(&self, field: &str, date: NaiveDate) -> Result<Choices, Error> {
        let snap = self.snapshot(date, None);
        let title = |param: &str| self.rules.param(param).and_then(|p| p.title.clone());
        let choices: Vec<Choice> = if field == "deemed_index_locality" {
            snap.deemed_indices
                .at(date)
                .into_iter()
                .map(|m| Choice {
                    value: m.name.to_string(),
                    title: title(&m.param),
                    param: m.param.to_string(),
                })
                .collect()
        } else if let Some(name) = field.strip_prefix("attributes.") {
            let Some(decl) = snap.attributes.get(name, date) else {
                return Err(Error::field(
                    field,
                    format!(
                        "rule set `{}` declares no attribute `{name}` on {date} (award.attributes.<name>)",
                        self.rules.id()
                    ),
                ));
            };
            match &decl.value.kind {
                AttributeType::Text { allowed } => allowed
                    .iter()
                    .map(|v| Choice {
                        value: v.clone(),
                        title: None,
                        param: decl.param.to_string(),
                    })
                    .collect(),
                AttributeType::Bool | AttributeType::Number => {
                    return Err(Error::field(
                        field,
                        format!("`{name}` is a yes/no or number attribute, not a list of values"),
                    ));
                }
            }
        } else {
            return Err(Error::field(
                field,
                "no list of values: choices exist for deemed_index_locality and text attributes (attributes.<name>)",
            ));
        };
        if choices.is_empty() {
            return Err(Error::field(
                field,
                format!(
                    "rule set `{}` has no values for it on {date}",
                    self.rules.id()
                ),
            ));
        }
        Ok(Choices {
            field: field.to_string(),
            as_of: date,
            choices,
        })
    }
}
