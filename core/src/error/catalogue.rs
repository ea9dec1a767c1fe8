//! The catalogue of errors, enumerated from the types: one example of every
//! error the public API can return, so that the docs (docs/errors.md) and
//! the front ends (Python exceptions, JS `code`) are tested against the
//! types rather than against a list kept by hand. The exhaustive matches
//! below stop compiling when a variant is added, until it is listed here.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{Error, RuleError};
use crate::rules::{Diagnostic, DiagnosticCode, LoadError};

/// Every [`DiagnosticCode`], in declaration order.
pub const DIAGNOSTIC_CODES: &[DiagnosticCode] = {
    use DiagnosticCode::*;
    &[
        Syntax,
        UnknownKey,
        MissingField,
        MissingSource,
        WrongType,
        FloatValue,
        OutOfRange,
        Unsorted,
        Overlap,
        NotMonotone,
        BadSchedule,
        UnknownVariant,
        MissingParameter,
        MissingRuleSet,
        WrongFile,
        Identity,
        Io,
        HashMismatch,
        Shadowed,
        RulesetConflict,
    ]
};

/// One sentence per error code, `(code, zh, en)`: what the code means, for
/// front ends that lead a message with it in the user's language (the
/// detail after it — field paths, parameter names — stays as the engine
/// wrote it). One table, so that the CLI, Python, WASM and the browser page
/// say the same; `io` is the front ends' code for a file that cannot be
/// read or written.
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("invalid_input", "输入有误", "invalid input"),
    (
        "rule_not_in_force",
        "规则集在该日期没有生效的参数值",
        "the rule set has no value in force on the date",
    ),
    (
        "rule_missing_year",
        "规则集缺少所需年份的数值",
        "the rule set lacks a year the computation needs",
    ),
    (
        "rule_missing_row",
        "规则表缺少所需的行",
        "a rule table lacks the row the computation needs",
    ),
    (
        "not_applicable",
        "依规定不产生结果（如不符合按月领取条件）",
        "the rules give no result for this case (e.g. not eligible)",
    ),
    (
        "rules_invalid",
        "规则集无法加载",
        "the rule set could not be loaded",
    ),
    (
        "hash_mismatch",
        "规则集内容与锁定的哈希值不符",
        "the rule set's content differs from the pinned hash",
    ),
    (
        "io",
        "文件无法读取或写入",
        "a file could not be read or written",
    ),
    (
        "ruleset_conflict",
        "规则目录中的规则集与内置规则集编号、版本相同但内容不同",
        "a rules directory holds a set with the id and version of a shipped set but other content",
    ),
];

/// What to do about each error code, `(code, zh, en)`: the remedy front
/// ends show after the message ([`crate::Error::remedy`] makes it exact
/// for a rule value an input or an assumption can supply, naming the
/// keyword). One table, like [`MESSAGES`], and the same codes.
pub const REMEDIES: &[(&str, &str, &str)] = &[
    (
        "invalid_input",
        "按每个字段的提示改正输入后重试（字段路径即 Python 关键字参数、JSON 键或 CSV 列名）",
        "fix each field named (its path is the Python keyword, the JSON key or the CSV column) and try again",
    ),
    (
        "rule_not_in_force",
        "换一个规则在该日期生效的日期，或用覆盖层（overlay）补上该参数在该日期的数值及其出处",
        "use a date the rules cover, or add the parameter's value for that date with its source in an overlay",
    ),
    (
        "rule_missing_year",
        "在输入或预测假设中给出该年的数值（见具体说明），或用覆盖层补上该年数值及其出处",
        "give the year's value in the input or the projection's assumptions (see the detail), or add it with its source in an overlay",
    ),
    (
        "rule_missing_row",
        "检查年龄或年限是否在规则表范围内，或用覆盖层补上该行及其出处",
        "check that the age or years lie within the table, or add the row with its source in an overlay",
    ),
    (
        "not_applicable",
        "按说明处理：如继续缴费（延长缴费）至最低年限，或转入城乡居民养老保险",
        "act on the reason given: e.g. keep contributing to the minimum years, or transfer to the residents' scheme",
    ),
    (
        "rules_invalid",
        "按每条诊断（文件:行:列）改正规则文件后重新加载",
        "fix each diagnostic (file:line:column) in the rule files and load again",
    ),
    (
        "hash_mismatch",
        "核对规则数据的变更；确认无误后更新锁定的哈希值（pension-rules rules hash）",
        "review what changed in the rule data; once approved, pin the new hash (pension-rules rules hash)",
    ),
    (
        "io",
        "检查文件路径与读写权限（输出文件不能与输入文件相同）",
        "check the path and permissions (an output file cannot be the input)",
    ),
    (
        "ruleset_conflict",
        "为本地规则集换一个编号或版本号，或明确允许覆盖（--allow-override / allow_override=True）",
        "give the local set another id or version, or allow the override explicitly (--allow-override / allow_override=True)",
    ),
];

/// Where a computation can be given a rule value its rule set lacks, by
/// parameter `(param, zh, en)`: the exact keyword (a Python keyword and a
/// JSON key are the same name) or assumptions key.
pub const INPUT_REMEDIES: &[(&str, &str, &str)] = &[
    (
        "award.average_wage",
        "在待遇核定或转移的输入中给出 `average_wages`（{年份: 社平工资}），测算时给出 `assumptions={\"average_wages\": {…}}` 或 `average_wage_growth`",
        "give `average_wages` ({year: wage}) in the award or transfer input, or `assumptions={\"average_wages\": {…}}` or `average_wage_growth` for a projection",
    ),
    (
        "award.pension_base",
        "在待遇核定或转移的输入中给出 `pension_base`（计发基数），测算时给出 `assumptions={\"pension_bases\": {…}}` 或 `pension_base_growth`",
        "give `pension_base` (计发基数) in the award or transfer input, or `assumptions={\"pension_bases\": {…}}` or `pension_base_growth` for a projection",
    ),
    (
        "award.flat_part_base",
        "在待遇核定输入中给出 `flat_part_base`（基础养老金均值部分基数），测算时给出 `assumptions={\"flat_part_bases\": {…}}` 或 `pension_base_growth`",
        "give `flat_part_base` (the base of the basic pension's flat half) in the award input, or `assumptions={\"flat_part_bases\": {…}}` or `pension_base_growth` for a projection",
    ),
    (
        "account.interest_rate",
        "在待遇核定输入中给出 `account_rates`、个人账户或转移输入中给出 `rates`（{年份: 记账利率}），测算时给出 `assumptions={\"interest_rates\": {…}}` 或 `interest_rate`",
        "give `account_rates` in the award input or `rates` in the account or transfer input ({year: rate}), or `assumptions={\"interest_rates\": {…}}` or `interest_rate` for a projection",
    ),
];

/// The remedy for error code `code` ([`REMEDIES`]): `(zh, en)`.
pub fn remedy(code: &str) -> Option<(&'static str, &'static str)> {
    REMEDIES.iter().find(|r| r.0 == code).map(|r| (r.1, r.2))
}

/// Where an input or assumption supplies `param` ([`INPUT_REMEDIES`]):
/// `(zh, en)`.
pub fn input_remedy(param: &str) -> Option<(&'static str, &'static str)> {
    INPUT_REMEDIES
        .iter()
        .find(|r| r.0 == param)
        .map(|r| (r.1, r.2))
}

/// The Chinese sentence for error code `code` ([`MESSAGES`]).
///
/// ```
/// assert_eq!(pension_rules::error::message_zh("invalid_input"), Some("输入有误"));
/// ```
pub fn message_zh(code: &str) -> Option<&'static str> {
    MESSAGES.iter().find(|m| m.0 == code).map(|m| m.1)
}

/// The English sentence for error code `code` ([`MESSAGES`]).
pub fn message_en(code: &str) -> Option<&'static str> {
    MESSAGES.iter().find(|m| m.0 == code).map(|m| m.2)
}

/// The position of `c` in [`DIAGNOSTIC_CODES`]; exhaustive, so a new code
/// fails to compile until it is listed.
const fn diagnostic_index(c: DiagnosticCode) -> usize {
    use DiagnosticCode::*;
    match c {
        Syntax => 0,
        UnknownKey => 1,
        MissingField => 2,
        MissingSource => 3,
        WrongType => 4,
        FloatValue => 5,
        OutOfRange => 6,
        Unsorted => 7,
        Overlap => 8,
        NotMonotone => 9,
        BadSchedule => 10,
        UnknownVariant => 11,
        MissingParameter => 12,
        MissingRuleSet => 13,
        WrongFile => 14,
        Identity => 15,
        Io => 16,
        HashMismatch => 17,
        Shadowed => 18,
        RulesetConflict => 19,
    }
}

const _: () = {
    // The list and the match agree, entry by entry.
    let mut i = 0;
    while i < DIAGNOSTIC_CODES.len() {
        assert!(diagnostic_index(DIAGNOSTIC_CODES[i]) == i);
        i += 1;
    }
    assert!(diagnostic_index(DiagnosticCode::RulesetConflict) + 1 == DIAGNOSTIC_CODES.len());
};

impl Error {
    /// One error of every kind the public API returns: each [`Error`] and
    /// [`RuleError`] variant, and a load error of each [`DiagnosticCode`]
    /// (pinning failures give `hash_mismatch`, the others `rules_invalid`).
    ///
    /// ```
    /// use pension_rules::Error;
    /// let codes = Error::codes();
    /// assert!(codes.contains(&"invalid_input") && codes.contains(&"hash_mismatch"));
    /// assert!(Error::examples().iter().all(|e| codes.contains(&e.code())));
    /// ```
    pub fn examples() -> Vec<Error> {
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        let mut out = vec![
            Error::field("birth", "month \"1976-13\" is not valid: expected YYYY-MM"),
            Error::Rules(RuleError::NotInForce {
                param: "account.credit_rate",
                date,
            }),
            Error::Rules(RuleError::NoYear {
                param: "award.pension_base",
                year: 2031,
                ruleset: "cn/shaanxi".into(),
            }),
            Error::Rules(RuleError::NoScheme {
                scheme: "pension adjustment",
                param: "adjustment.fixed",
                ruleset: "cn/national".into(),
                year: 2025,
            }),
            Error::Rules(RuleError::RegionYears {
                region: "440000".into(),
                ruleset: None,
                param: "award.average_wage",
                years: vec![2019],
                input: "average_wages",
            }),
            Error::Rules(RuleError::NoRow {
                param: "award.annuity_divisor",
                key: 71,
            }),
            Error::Rules(RuleError::UnknownAmount {
                param: "award.extras.only_child".into(),
                name: "only_child".into(),
                title: "独生子女父母加发".into(),
                date,
                ruleset: "cn/yunnan".into(),
            }),
            Error::NotApplicable("not eligible for a monthly pension".into()),
        ];
        for &code in DIAGNOSTIC_CODES {
            out.push(Error::Load(LoadError {
                diagnostics: vec![Diagnostic {
                    file: Arc::from("rules/cn/x/award.toml"),
                    line: 1,
                    column: 1,
                    key: String::new(),
                    code,
                    message: format!("a {code:?} problem"),
                }],
            }));
        }
        // Exhaustive: a new variant fails to compile here until it has an
        // example above.
        for e in &out {
            match e {
                Error::Input(_) | Error::Load(_) | Error::NotApplicable(_) => {}
                Error::Rules(
                    RuleError::NotInForce { .. }
                    | RuleError::NoYear { .. }
                    | RuleError::NoScheme { .. }
                    | RuleError::RegionYears { .. }
                    | RuleError::NoRow { .. }
                    | RuleError::UnknownAmount { .. },
                ) => {}
            }
        }
        out
    }

    /// Every code [`Error::code`] can return, each once, in the order of
    /// [`Error::examples`].
    pub fn codes() -> Vec<&'static str> {
        let mut codes = vec![];
        for e in Error::examples() {
            if !codes.contains(&e.code()) {
                codes.push(e.code());
            }
        }
        codes
    }

    /// The name of the error's class in the front ends: `InputError`,
    /// `RulesError`, `LoadError` or `NotApplicableError` (the Python
    /// exception of `pension_rules.errors`, the JS `Error`'s `name`).
    pub fn class(&self) -> &'static str {
        match self {
            Error::Input(_) => "InputError",
            Error::Rules(_) => "RulesError",
            Error::Load(_) => "LoadError",
            Error::NotApplicable(_) => "NotApplicableError",
        }
    }
}

impl DiagnosticCode {
    /// The code as written in diagnostics and docs (`missing_source`).
    pub fn name(self) -> &'static str {
        use DiagnosticCode::*;
        match self {
            Syntax => "syntax",
            UnknownKey => "unknown_key",
            MissingField => "missing_field",
            MissingSource => "missing_source",
            WrongType => "wrong_type",
            FloatValue => "float_value",
            OutOfRange => "out_of_range",
            Unsorted => "unsorted",
            Overlap => "overlap",
            NotMonotone => "not_monotone",
            BadSchedule => "bad_schedule",
            UnknownVariant => "unknown_variant",
            MissingParameter => "missing_parameter",
            MissingRuleSet => "missing_rule_set",
            WrongFile => "wrong_file",
            Identity => "identity",
            Io => "io",
            HashMismatch => "hash_mismatch",
            Shadowed => "shadowed",
            RulesetConflict => "ruleset_conflict",
        }
    }
}

/// The JSON Schema of an error code: one of [`Error::codes`].
pub(crate) fn code_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "string", "enum": Error::codes()})
}

/// The JSON Schema of an error class: one of the classes of
/// [`Error::examples`].
pub(crate) fn class_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut classes: Vec<&str> = Error::examples().iter().map(Error::class).collect();
    classes.dedup();
    classes.sort_unstable();
    classes.dedup();
    schemars::json_schema!({"type": "string", "enum": classes})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_sentence_in_both_languages() {
        for code in Error::codes().into_iter().chain(["io"]) {
            assert!(message_zh(code).is_some_and(|s| !s.is_empty()), "{code}");
            assert!(message_en(code).is_some_and(|s| !s.is_empty()), "{code}");
        }
        for (i, m) in MESSAGES.iter().enumerate() {
            assert!(MESSAGES[..i].iter().all(|n| n.0 != m.0), "{} twice", m.0);
        }
        assert_eq!(
            message_zh("hash_mismatch"),
            Some("规则集内容与锁定的哈希值不符")
        );
        assert_eq!(message_en("no_such_code"), None);
    }

    #[test]
    fn names_are_the_serde_names() {
        for &c in DIAGNOSTIC_CODES {
            assert_eq!(
                serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from)),
                Some(c.name().to_string())
            );
        }
    }
}

#[cfg(test)]
mod remedy_tests {
    use super::*;

    #[test]
    fn every_code_has_a_remedy_in_both_languages() {
        let codes: Vec<_> = MESSAGES.iter().map(|m| m.0).collect();
        let with: Vec<_> = REMEDIES.iter().map(|r| r.0).collect();
        assert_eq!(codes, with);
        for (code, zh, en) in REMEDIES.iter().chain(INPUT_REMEDIES) {
            assert!(!zh.is_empty() && !en.is_empty(), "{code}");
        }
        for (param, _, _) in INPUT_REMEDIES {
            assert!(crate::rules::registry::spec(param).is_some(), "{param}");
        }
    }
}
