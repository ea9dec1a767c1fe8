//! Renderings of an award for people: an explanation in Chinese or English
//! (every figure with its formula in words, the inputs, the parameters with
//! their legal sources, and the rule set's id, version and hash), and a
//! 核定表-style table in the layout agency staff know (inputs block, then
//! 基础养老金 / 个人账户养老金 / 过渡性养老金 / 合计).
//!
//! JSON is the serde form of [`Award`] / [`Recomputation`].

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{Award, Category, Recomputation};
use crate::time::Age;
use crate::trace::ParamUse;

/// Language of a text rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

/// `60岁1个月`, `60岁`.
pub fn age_zh(a: Age) -> String {
    if a.extra_months() == 0 {
        format!("{}岁", a.years())
    } else {
        format!("{}岁{}个月", a.years(), a.extra_months())
    }
}

fn age_en(a: Age) -> String {
    match a.extra_months() {
        0 => format!("{} years", a.years()),
        1 => format!("{} years 1 month", a.years()),
        m => format!("{} years {m} months", a.years()),
    }
}

fn category(c: Category, lang: Lang) -> &'static str {
    match (c, lang) {
        (Category::Male, Lang::Zh) => "男",
        (Category::Female50, Lang::Zh) => "女（原50岁）",
        (Category::Female55, Lang::Zh) => "女（原55岁）",
        (Category::Male, Lang::En) => "male",
        (Category::Female50, Lang::En) => "female (original age 50)",
        (Category::Female55, Lang::En) => "female (original age 55)",
    }
}

/// `0.014` → `1.4%`.
fn pct(d: Decimal) -> String {
    format!("{}%", (d * Decimal::ONE_HUNDRED).normalize())
}

fn n(d: Decimal) -> String {
    d.normalize().to_string()
}

fn short_hash(h: &str) -> &str {
    h.get(..12).unwrap_or(h)
}

/// Paid months as the sheet counts them (`515.5` with a half month).
fn paid_months(a: &Award) -> String {
    a.contribution_months_exact
        .map_or_else(|| a.contribution_months.to_string(), n)
}

/// Deemed months as the sheet counts them.
fn deemed_months(a: &Award) -> String {
    a.deemed_months_exact
        .map_or_else(|| a.deemed_months.to_string(), n)
}

/// Actual + deemed months, exact.
fn total_months(a: &Award) -> Decimal {
    a.contribution_months_exact
        .unwrap_or_else(|| Decimal::from(a.contribution_months))
        + a.deemed_months_exact
            .unwrap_or_else(|| Decimal::from(a.deemed_months))
}

/// N as written in formulas: `515/12` when not a whole number of years.
fn years_formula(a: &Award) -> String {
    let total = total_months(a);
    if a.years * Decimal::from(12) == total && !(total / Decimal::from(12)).fract().is_zero() {
        format!("{}/12", n(total))
    } else {
        n(a.years)
    }
}

fn transitional_years_formula(a: &Award) -> String {
    if a.transitional_months.is_multiple_of(12) {
        (a.transitional_months / 12).to_string()
    } else {
        format!("{}/12", a.transitional_months)
    }
}

/// The basic pension's average as words and values:
/// `C × (1 + 平均缴费指数) ÷ 2`, or `(B + C × 平均缴费指数) ÷ 2` where the flat
/// half has its own base (`award.flat_part_base`).
fn basic_average_terms(a: &Award, lang: Lang) -> (String, String) {
    let (c, idx) = (n(a.pension_base), n(a.average_index));
    let index = match lang {
        Lang::Zh => "平均缴费指数",
        Lang::En => "average index",
    };
    let div = match lang {
        Lang::Zh => "÷",
        Lang::En => "/",
    };
    match a.flat_part_base {
        None => (
            format!("C × (1 + {index}) {div} 2"),
            format!("{c} × (1 + {idx}) {div} 2"),
        ),
        Some(b) => (
            format!("(B + C × {index}) {div} 2"),
            format!("({} + {c} × {idx}) {div} 2", n(b)),
        ),
    }
}

/// N × rate as written: `515/12 × 1%`, or `(42 × 1% + 11 × 0.083%)` where
/// the rule set pays whole years and months.
fn basic_share_text(a: &Award) -> String {
    match a.basic_rate_per_extra_month {
        None => format!("{} × {}", years_formula(a), pct(a.basic_rate)),
        Some(m) => {
            let total = total_months(a);
            let whole = (total / Decimal::from(12)).floor();
            format!(
                "({} × {} + {} × {})",
                whole,
                pct(a.basic_rate),
                n(total - whole * Decimal::from(12)),
                pct(m)
            )
        }
    }
}

/// The years of the transitional formula as written: `120/12`, or the
/// rounded years where the rule set rounds them.
fn transitional_years_text(a: &Award) -> String {
    if a.transitional_years * Decimal::from(12) == Decimal::from(a.transitional_months) {
        transitional_years_formula(a)
    } else {
        n(a.transitional_years)
    }
}

/// The transitional pension's formula as words and values, from the slots
/// the rule set filled (docs/rules-format.md, "The award's provincial slots").
fn transitional_terms(a: &Award, k: Decimal, lang: Lang) -> (String, String) {
    let f = a.transitional_formula.as_ref();
    let zh = lang == Lang::Zh;
    let (base_w, base_v) = match f.map(|f| f.base) {
        Some("basic_average") => {
            let (w, _) = basic_average_terms(a, lang);
            let v = f.map_or(Decimal::ZERO, |f| f.base_value);
            (w, n(v.round_dp(6)))
        }
        _ => ("C".to_string(), n(a.pension_base)),
    };
    let index_w = match (f.map(|f| f.index), zh) {
        (Some("one"), _) => None,
        (Some("separate"), true) => Some("过渡性养老金平均缴费指数"),
        (Some("separate"), false) => Some("separate transitional index"),
        (Some("average_index_floor_one"), true) => Some("max(平均缴费指数, 1)"),
        (Some("average_index_floor_one"), false) => Some("max(average index, 1)"),
        (_, true) => Some("过渡性指数"),
        (_, false) => Some("transitional index"),
    };
    let years_w = match (f.map(|f| f.years), zh) {
        (Some("deemed_and_pre_account"), true) => "建账前缴费年限",
        (Some("deemed_and_pre_account"), false) => "years before the account",
        (_, true) => "视同缴费年限",
        (_, false) => "deemed years",
    };
    let mut words = vec![base_w];
    let mut values = vec![base_v];
    if let Some(w) = index_w {
        words.push(w.to_string());
        values.push(n(a.transitional_index));
    }
    words.push(years_w.to_string());
    values.push(transitional_years_text(a));
    words.push(pct(k));
    values.push(pct(k));
    let (mut words, mut values) = (words.join(" × "), values.join(" × "));
    if let Some(w) = f.and_then(|f| f.window.as_ref()) {
        words.push_str(if zh {
            " + C × 实际缴费指数 × 过渡期实际缴费年限 × 系数"
        } else {
            " + C × window index × window years × k"
        });
        values.push_str(&format!(
            " + {} × {} × {}/12 × {}",
            n(a.pension_base),
            n(w.index),
            w.months,
            pct(w.coefficient)
        ));
    }
    if let (Some(acct), Some(d)) = (
        f.and_then(|f| f.notional_account),
        f.and_then(|f| f.notional_divisor),
    ) {
        words.push_str(if zh {
            " + 视同缴费账户额 ÷ 计发月数"
        } else {
            " + notional account / divisor"
        });
        values.push_str(&format!(" + {acct} ÷ {}", n(d)));
    }
    (words, values)
}

/// The old/new method line, where a phase-in applies.
fn phase_in_line(a: &Award, lang: Lang) -> Option<String> {
    let p = a.transitional_phase_in.as_ref()?;
    Some(match (p.old_method, lang) {
        (Some(old), Lang::Zh) => format!(
            "   新老办法过渡：老办法 {old} + max(新办法 {} − {old}, 0) × {} = {}",
            p.new_method,
            pct(p.share),
            p.payable
        ),
        (Some(old), Lang::En) => format!(
            "   Old/new method phase-in: old {old} + max(new {} − {old}, 0) × {} = {}",
            p.new_method,
            pct(p.share),
            p.payable
        ),
        (None, Lang::Zh) => format!("   新老办法过渡：按新办法 {} 计发", p.new_method),
        (None, Lang::En) => format!(
            "   Old/new method phase-in: the new method {} alone",
            p.new_method
        ),
    })
}

/// The parameters the trace used, once each, in order.
fn params(a: &Award) -> Vec<&ParamUse> {
    let mut out: Vec<&ParamUse> = vec![];
    for p in a.trace.steps.iter().flat_map(|s| &s.params) {
        if !out.iter().any(|q| q.param == p.param && q.key == p.key) {
            out.push(p);
        }
    }
    out
}

fn write_params(out: &mut String, a: &Award, lang: Lang) {
    let ps = params(a);
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => "参数及依据：",
            Lang::En => "Parameters and their sources:",
        }
    );
    if ps.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            match lang {
                Lang::Zh => "（未记录计算过程：trace 已关闭）",
                Lang::En => "(not recorded: tracing was off)",
            }
        );
    }
    for p in ps {
        let key = p
            .key
            .as_deref()
            .map(|k| format!("[{k}]"))
            .unwrap_or_default();
        let conf = p
            .provenance
            .confidence
            .map(|c| format!(" ({c:?})"))
            .unwrap_or_default();
        let prov = if p.provenance.provisional {
            match lang {
                Lang::Zh => "，预发",
                Lang::En => ", provisional",
            }
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {}{key} = {}{prov} — {}{conf}",
            p.param, p.value, p.provenance.source
        );
    }
}

fn rules_line(a: &Award, lang: Lang) -> String {
    let r = &a.trace.rules;
    match lang {
        Lang::Zh => format!("规则集 {} 版本 {} sha256 {}", r.id, r.version, r.hash),
        Lang::En => format!("Rule set {} version {} sha256 {}", r.id, r.version, r.hash),
    }
}

/// The per-year index table of a history (年度缴费指数).
fn write_years(out: &mut String, a: &Award, lang: Lang) {
    let Some(r) = &a.index else { return };
    let head = match lang {
        Lang::Zh => [
            "年度",
            "缴费月数",
            "断缴月数",
            "视同月数",
            "分母（年）",
            "年度指数",
        ],
        Lang::En => ["year", "paid", "gap", "deemed", "X (year)", "index"],
    };
    let ws = [6, 10, 10, 10, 24, 10];
    let mut line = String::from("  ");
    for (h, w) in head.iter().zip(ws) {
        line.push_str(&pad(h, w));
    }
    let _ = writeln!(out, "{}", line.trim_end());
    for y in &r.years {
        let den = match (y.denominator, y.denominator_year) {
            (Some(x), Some(dy)) => format!(
                "{} ({dy}{})",
                n(x),
                if y.denominator_given {
                    match lang {
                        Lang::Zh => "，输入",
                        Lang::En => ", input",
                    }
                } else {
                    ""
                }
            ),
            _ => "—".to_string(),
        };
        let cells = [
            y.year.to_string(),
            y.paid_months.to_string(),
            y.gap_months.to_string(),
            y.deemed_months.to_string(),
            den,
            y.index.round_dp(4).to_string(),
        ];
        let mut line = String::from("  ");
        for (c, w) in cells.iter().zip(ws) {
            line.push_str(&pad(c, w));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// The explanation as plain text.
///
/// ```
/// use pension_rules::award::{award, render, AwardInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let input = AwardInput::from_json(&serde_json::json!({
///     "category": "male", "birth": "1965-01", "retirement_month": "2025-02",
///     "contribution_months": 385, "deemed_months": 130,
///     "average_index": "0.9", "account_balance": "160000"
/// })).unwrap();
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let a = award(&input, &rules.at(input.retirement_month.first_day()), &mut Tracer::new(true)).unwrap();
/// let zh = render::text(&a, render::Lang::Zh);
/// assert!(zh.contains("基础养老金 = 3213.15"));
/// assert!(render::text(&a, render::Lang::En).contains("+ 1075.76 = 5444.98"));
/// ```
pub fn text(a: &Award, lang: Lang) -> String {
    let mut o = String::new();
    let c = n(a.pension_base);
    let idx = n(a.average_index);
    let u = &a.unrounded;
    match lang {
        Lang::Zh => {
            let _ = writeln!(o, "基本养老金待遇核定说明");
            let _ = writeln!(o, "{}", rules_line(a, lang));
            let _ = writeln!(
                o,
                "参保人：{}，{} 出生，{} 退休（{}），{} 起发",
                category(a.category, lang),
                a.birth,
                a.retirement_month,
                age_zh(a.age),
                a.first_pension_month
            );
            let _ = writeln!(
                o,
                "输入（{}）：实际缴费 {} 个月，视同缴费 {} 个月，平均缴费指数 {idx}，个人账户储存额 {}",
                if a.form == "history" {
                    "由缴费记录计算"
                } else {
                    "核定汇总数据"
                },
                paid_months(a),
                deemed_months(a),
                a.account_balance
            );
            if let Some(r) = &a.index {
                let _ = writeln!(
                    o,
                    "平均缴费指数 = 各{}缴费指数之和 ÷ 计入{} = {} ÷ {} → {}（断缴 {} 个月，补缴 {} 个月）",
                    if r.weighting.name() == "monthly" {
                        "月"
                    } else {
                        "年"
                    },
                    if r.weighting.name() == "monthly" {
                        "月数"
                    } else {
                        "年数"
                    },
                    (r.exact * Decimal::from(r.counted)).round_dp(6).normalize(),
                    r.counted,
                    r.average_index,
                    r.gap_months,
                    r.back_paid_months
                );
            }
            write_years(&mut o, a, lang);
            let _ = writeln!(
                o,
                "1. 最低缴费年限：累计 {} 个月 ≥ {} 个月，符合按月领取条件",
                n(total_months(a)),
                a.min_contribution_months
            );
            let _ = writeln!(
                o,
                "2. 计发基数 C = {c}（{}年退休人员{}）",
                a.retirement_month.year(),
                if a.pension_base_provisional {
                    "预发基数"
                } else {
                    "计发基数"
                }
            );
            let _ = writeln!(
                o,
                "3. 累计缴费年限 N = （实际 {} + 视同 {}）÷ 12 = {} 年",
                paid_months(a),
                deemed_months(a),
                a.years.round_dp(4).normalize()
            );
            let _ = writeln!(
                o,
                "4. 本人指数化月平均缴费工资 = C × 平均缴费指数 = {c} × {idx} = {}",
                a.indexed_wage
            );
            let (bw, bv) = basic_average_terms(a, lang);
            let _ = writeln!(
                o,
                "5. 基础养老金 = {bw} × N × {} = {bv} × {} = {} → 基础养老金 = {}",
                pct(a.basic_rate),
                basic_share_text(a),
                u.basic_pension.round_dp(6).normalize(),
                a.basic_pension
            );
            let _ = writeln!(
                o,
                "6. 个人账户养老金 = 个人账户储存额 ÷ 计发月数 = {} ÷ {}（{}）= {} → 个人账户养老金 = {}",
                a.account_balance,
                a.divisor,
                age_zh(a.age),
                u.account_pension.round_dp(6).normalize(),
                a.account_pension
            );
            match a.transitional_coefficient {
                _ if a.transitional_weighted.is_some() => {
                    if let Some(w) = &a.transitional_weighted {
                        for l in super::weighted_years::lines(a, w, lang) {
                            let _ = writeln!(o, "{l}");
                        }
                    }
                }
                Some(k) => {
                    let (tw, tv) = transitional_terms(a, k, lang);
                    let _ = writeln!(
                        o,
                        "7. 过渡性养老金 = {tw} = {tv} = {} → 过渡性养老金 = {}",
                        u.transitional_pension.round_dp(6).normalize(),
                        a.transitional_pension
                    );
                    if let Some(l) = phase_in_line(a, lang) {
                        let _ = writeln!(o, "{l}");
                    }
                }
                None if a.transitional_given => {
                    let _ = writeln!(
                        o,
                        "7. 过渡性养老金 = {}（按输入：本省计发办法所需数据本规则集未建模）",
                        a.transitional_pension
                    );
                }
                None => {
                    let _ = writeln!(
                        o,
                        "7. 过渡性养老金 = {}（规则集未定义过渡性养老金，由省级规定）",
                        a.transitional_pension
                    );
                }
            }
            write_extras(&mut o, a, lang);
            let _ = writeln!(
                o,
                "合计 = 基础养老金 + 个人账户养老金 + 过渡性养老金{} = {} = {}",
                if a.extras.iter().any(|x| x.in_total) {
                    " + 计入合计的地方增发"
                } else {
                    ""
                },
                total_terms(a),
                a.total
            );
            if !a.notes.is_empty() {
                let _ = writeln!(o, "说明：");
                for note in &a.notes {
                    let _ = writeln!(o, "  - {}", note.zh);
                }
            }
        }
        Lang::En => {
            let _ = writeln!(o, "Pension award explained");
            let _ = writeln!(o, "{}", rules_line(a, lang));
            let _ = writeln!(
                o,
                "Person: {}, born {}, retiring {} at {}, paid from {}",
                category(a.category, lang),
                a.birth,
                a.retirement_month,
                age_en(a.age),
                a.first_pension_month
            );
            let _ = writeln!(
                o,
                "Inputs ({}): {} months paid, {} deemed months, average index {idx}, account balance {}",
                if a.form == "history" {
                    "derived from the contribution history"
                } else {
                    "summary figures"
                },
                paid_months(a),
                deemed_months(a),
                a.account_balance
            );
            if let Some(r) = &a.index {
                let _ = writeln!(
                    o,
                    "Average index = sum of the {} indices / counted {} = {} / {} → {} ({} gap months, {} back-paid months)",
                    r.weighting,
                    if r.weighting.name() == "monthly" {
                        "months"
                    } else {
                        "years"
                    },
                    (r.exact * Decimal::from(r.counted)).round_dp(6).normalize(),
                    r.counted,
                    r.average_index,
                    r.gap_months,
                    r.back_paid_months
                );
            }
            write_years(&mut o, a, lang);
            let _ = writeln!(
                o,
                "1. Eligibility: {} months in all ≥ the minimum {} months for a monthly pension",
                n(total_months(a)),
                a.min_contribution_months
            );
            let _ = writeln!(
                o,
                "2. Pension base C = {c} (for people retiring in {}{})",
                a.retirement_month.year(),
                if a.pension_base_provisional {
                    ", provisional"
                } else {
                    ""
                }
            );
            let _ = writeln!(
                o,
                "3. Contribution years N = (paid {} + deemed {}) / 12 = {}",
                paid_months(a),
                deemed_months(a),
                a.years.round_dp(4).normalize()
            );
            let _ = writeln!(
                o,
                "4. Indexed monthly wage = C × average index = {c} × {idx} = {}",
                a.indexed_wage
            );
            let (bw, bv) = basic_average_terms(a, lang);
            let _ = writeln!(
                o,
                "5. Basic pension = {bw} × N × {} = {bv} × {} = {} → Basic pension = {}",
                pct(a.basic_rate),
                basic_share_text(a),
                u.basic_pension.round_dp(6).normalize(),
                a.basic_pension
            );
            let _ = writeln!(
                o,
                "6. Account pension = account balance / divisor = {} / {} (age {}) = {} → Account pension = {}",
                a.account_balance,
                a.divisor,
                age_en(a.age),
                u.account_pension.round_dp(6).normalize(),
                a.account_pension
            );
            match a.transitional_coefficient {
                _ if a.transitional_weighted.is_some() => {
                    if let Some(w) = &a.transitional_weighted {
                        for l in super::weighted_years::lines(a, w, lang) {
                            let _ = writeln!(o, "{l}");
                        }
                    }
                }
                Some(k) => {
                    let (tw, tv) = transitional_terms(a, k, lang);
                    let _ = writeln!(
                        o,
                        "7. Transitional pension = {tw} = {tv} = {} → Transitional pension = {}",
                        u.transitional_pension.round_dp(6).normalize(),
                        a.transitional_pension
                    );
                    if let Some(l) = phase_in_line(a, lang) {
                        let _ = writeln!(o, "{l}");
                    }
                }
                None if a.transitional_given => {
                    let _ = writeln!(
                        o,
                        "7. Transitional pension = {} (given: the province's formula needs figures this rule set does not model)",
                        a.transitional_pension
                    );
                }
                None => {
                    let _ = writeln!(
                        o,
                        "7. Transitional pension = {} (the rule set defines none; provinces decide it)",
                        a.transitional_pension
                    );
                }
            }
            write_extras(&mut o, a, lang);
            let _ = writeln!(
                o,
                "Total = basic + account + transitional{} = {} = {}",
                if a.extras.iter().any(|x| x.in_total) {
                    " + local extras in the total"
                } else {
                    ""
                },
                total_terms(a),
                a.total
            );
            if !a.notes.is_empty() {
                let _ = writeln!(o, "Notes:");
                for note in &a.notes {
                    let _ = writeln!(o, "  - {}", note.message);
                }
            }
        }
    }
    write_params(&mut o, a, lang);
    o
}

/// The Chinese part of a title (`独生子女加发 only-child bonus` → `独生子女加发`).
fn short_title(t: &str) -> &str {
    t.split_whitespace().next().unwrap_or(t)
}

/// The extras lines of a text explanation (numbered from 8) and the parts
/// of the total: the components, then each extra in the total.
fn write_extras(o: &mut String, a: &Award, lang: Lang) {
    for (i, x) in a.extras.iter().enumerate() {
        let out_of_total = match (x.in_total, lang) {
            (true, _) => "",
            (false, Lang::Zh) => "（不计入合计）",
            (false, Lang::En) => " (not in the total)",
        };
        let _ = writeln!(
            o,
            "{}. {} {} = {}{out_of_total} — {}",
            8 + i,
            match lang {
                Lang::Zh => "地方增发",
                Lang::En => "Local extra",
            },
            x.title,
            x.formula,
            x.source
        );
    }
    if !a.extras.is_empty() {
        let _ = writeln!(
            o,
            "{} = {}",
            match lang {
                Lang::Zh => "地方增发合计",
                Lang::En => "Local extras",
            },
            a.local_extras
        );
    }
}

/// `a + b + c` of the total line: the components, then the extras in it.
fn total_terms(a: &Award) -> String {
    let mut t = vec![
        a.basic_pension.to_string(),
        a.account_pension.to_string(),
        a.transitional_pension.to_string(),
    ];
    t.extend(
        a.extras
            .iter()
            .filter(|x| x.in_total)
            .map(|x| x.amount.to_string()),
    );
    t.join(" + ")
}

/// Display width in a terminal: East Asian wide characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = matches!(u,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
            if wide { 2 } else { 1 }
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// A 核定表-style table: the inputs block, then 基础养老金 / 个人账户养老金 /
/// 过渡性养老金 / 合计 with their formulas, then remarks and the rule set.
///
/// ```
/// use pension_rules::award::{award, render, AwardInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let input = AwardInput::from_json(&serde_json::json!({
///     "category": "female_50", "birth": "1975-05", "retirement_month": "2025-08",
///     "contribution_months": 300, "average_index": "0.65", "account_balance": "70000"
/// })).unwrap();
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let a = award(&input, &rules.at(input.retirement_month.first_day()), &mut Tracer::new(false)).unwrap();
/// let t = render::table(&a);
/// assert!(t.contains("合计") && t.contains("1986.66"));
/// ```
pub fn table(a: &Award) -> String {
    const LW: usize = 18;
    const VW: usize = 16;
    let line = "=".repeat(2 * (LW + VW) + 2);
    let thin = "-".repeat(2 * (LW + VW) + 2);
    let mut o = String::new();
    let title = "企业职工基本养老金核定表";
    let total_w = 2 * (LW + VW) + 2;
    let _ = writeln!(
        o,
        "{}{title}",
        " ".repeat(total_w.saturating_sub(width(title)) / 2)
    );
    let _ = writeln!(o, "{line}");
    let years = a.years.round_dp(4).normalize().to_string();
    let avg = a.average_index.to_string();
    let rows: [(&str, String, &str, String); 7] = [
        (
            "类别",
            category(a.category, Lang::Zh).to_string(),
            "出生年月",
            a.birth.to_string(),
        ),
        (
            "退休年月",
            a.retirement_month.to_string(),
            "退休年龄",
            age_zh(a.age),
        ),
        (
            "起发年月",
            a.first_pension_month.to_string(),
            if a.pension_base_provisional {
                "计发基数（预发）"
            } else {
                "计发基数"
            },
            n(a.pension_base),
        ),
        (
            "实际缴费月数",
            a.contribution_months.to_string(),
            "视同缴费月数",
            a.deemed_months.to_string(),
        ),
        ("累计缴费年限", years, "平均缴费指数", avg),
        (
            "指数化月平均工资",
            a.indexed_wage.to_string(),
            "个人账户储存额",
            a.account_balance.to_string(),
        ),
        (
            "计发月数",
            n(a.divisor),
            "过渡性指数",
            n(a.transitional_index),
        ),
    ];
    for (l1, v1, l2, v2) in &rows {
        let _ = writeln!(o, " {}{} {}{}", pad(l1, LW), pad(v1, VW), pad(l2, LW), v2);
    }
    let _ = writeln!(o, "{thin}");
    const IW: usize = 16;
    const AW: usize = 12;
    let fw = total_w.saturating_sub(IW + AW + 3);
    let _ = writeln!(
        o,
        " {}{}{}",
        pad("项目", IW),
        pad("计算公式", fw),
        pad_left("金额（元）", AW)
    );
    let comps = [
        (
            "基础养老金",
            format!(
                "{} × {}",
                basic_average_terms(a, Lang::Zh).1,
                basic_share_text(a)
            ),
            a.basic_pension,
        ),
        (
            "个人账户养老金",
            format!("{} ÷ {}", a.account_balance, n(a.divisor)),
            a.account_pension,
        ),
        (
            "过渡性养老金",
            match (a.transitional_coefficient, &a.transitional_weighted) {
                (_, Some(w)) => super::weighted_years::table_formula(a, w),
                (Some(k), None) => transitional_terms(a, k, Lang::Zh).1,
                (None, None) if a.transitional_given => "（按输入）".to_string(),
                (None, None) => "（本规则集未规定）".to_string(),
            },
            a.transitional_pension,
        ),
    ];
    for (label, formula, amount) in &comps {
        let _ = writeln!(
            o,
            " {}{}{}",
            pad(label, IW),
            pad(formula, fw),
            pad_left(&amount.to_string(), AW)
        );
    }
    // 地方增发: one line per extra, then their sum.
    for x in &a.extras {
        let formula = if x.in_total {
            x.formula.clone()
        } else {
            format!("{}（不计入合计）", x.formula)
        };
        let _ = writeln!(
            o,
            " {}{}{}",
            pad(short_title(&x.title), IW),
            pad(&formula, fw),
            pad_left(&x.amount.to_string(), AW)
        );
    }
    if !a.extras.is_empty() {
        let _ = writeln!(
            o,
            " {}{}{}",
            pad("地方增发合计", IW),
            pad("", fw),
            pad_left(&a.local_extras.to_string(), AW)
        );
    }
    let _ = writeln!(o, "{thin}");
    let _ = writeln!(
        o,
        " {}{}{}",
        pad("合计", IW),
        pad("", fw),
        pad_left(&a.total.to_string(), AW)
    );
    let _ = writeln!(o, "{line}");
    for note in &a.notes {
        let _ = writeln!(o, " 注：{}", note.zh);
    }
    let r = &a.trace.rules;
    let _ = writeln!(
        o,
        " 规则集 {} {}  sha256 {}",
        r.id,
        r.version,
        short_hash(&r.hash)
    );
    o
}

/// The provisional → final recomputation as text (or as two tables).
///
/// ```
/// use pension_rules::award::{recompute, render, AwardInput};
/// use pension_rules::rules::RuleSet;
/// let input = AwardInput::from_json(&serde_json::json!({
///     "category": "male", "birth": "1965-01", "retirement_month": "2025-02",
///     "contribution_months": 385, "deemed_months": 130,
///     "average_index": "0.9", "account_balance": "160000"
/// })).unwrap();
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let r = recompute(&input, &rules, "2025-08-01".parse().unwrap(), None,
///                   "2026-06".parse().unwrap(), true).unwrap();
/// assert!(render::recomputation(&r, render::Lang::En, false).contains("Arrears"));
/// ```
pub fn recomputation(r: &Recomputation, lang: Lang, tables: bool) -> String {
    let mut o = String::new();
    let body = |a: &Award| {
        if tables { table(a) } else { text(a, lang) }
    };
    let (p_title, f_title) = match lang {
        Lang::Zh => ("【预发核定】", "【正式核定】"),
        Lang::En => ("[Provisional award]", "[Final award]"),
    };
    let _ = writeln!(o, "{p_title}");
    o.push_str(&body(&r.provisional));
    let _ = writeln!(o);
    let _ = writeln!(o, "{f_title}");
    o.push_str(&body(&r.final_award));
    let _ = writeln!(o);
    match lang {
        Lang::Zh => {
            let _ = writeln!(
                o,
                "【补发】每月差额 = {} − {} = {}；补发月份 {} 至 {} 共 {} 个月；补发金额 = {} × {} = {}",
                r.final_award.total,
                r.provisional.total,
                r.monthly_difference,
                r.first_pension_month,
                r.arrears_through,
                r.arrears_months,
                r.monthly_difference,
                r.arrears_months,
                r.arrears
            );
            let _ = writeln!(o, "（不含期间的年度基本养老金调整）");
        }
        Lang::En => {
            let _ = writeln!(
                o,
                "[Arrears] monthly difference = {} − {} = {}; months {} to {} = {}; Arrears = {} × {} = {}",
                r.final_award.total,
                r.provisional.total,
                r.monthly_difference,
                r.first_pension_month,
                r.arrears_through,
                r.arrears_months,
                r.monthly_difference,
                r.arrears_months,
                r.arrears
            );
            let _ = writeln!(o, "(yearly pension increases in between are not included)");
        }
    }
    o
}
