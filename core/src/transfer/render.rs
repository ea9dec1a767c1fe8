//! A transfer plan in words (English, with the Chinese terms and the
//! articles), for the CLI and other front ends.

use std::fmt::Write as _;

use super::{AccountFrom, Entry, Holding, MoveKind, Transfer};

/// The plan, the money of each move, the benefit place with the rule that
/// decided it, the award there and the scheme link, each explained.
///
/// ```
/// use pension_rules::transfer::{render, transfer, RuleSets, TransferInput};
/// use pension_rules::rules::RuleSet;
/// let input = TransferInput::from_json(&serde_json::json!({
///     "hukou_region": "610000", "birth": "1980-05", "category": "male",
///     "retirement_month": "2040-05",
///     "history": [{"from": "2020-01", "to": "2021-12", "base": "6000", "region": "440300"},
///                 {"from": "2022-01", "to": "2040-04", "base": "6000", "region": "610100"}]
/// })).unwrap();
/// let sets = [RuleSet::embedded("cn/national").unwrap()];
/// let t = transfer(&input, RuleSets::new(&sets).unwrap(), true).unwrap();
/// let text = render::text(&t);
/// assert!(text.contains("pooled 17280.00"));
/// assert!(text.contains("第六条 (一)"));
/// ```
pub fn text(t: &Transfer) -> String {
    let p = &t.plan;
    let mut s = String::new();
    let rules = &p.trace.rules;
    let _ = writeln!(
        s,
        "Transfer plan (转移接续) — rules {} {} (hash {})",
        rules.id,
        rules.version,
        rules.hash.get(..12).unwrap_or(&rules.hash)
    );
    let _ = writeln!(
        s,
        "Person: {} born {}, 户籍 province {}, benefits claimed {}; {} contribution months in all (paid + deemed, 合并计算)",
        p.category.name(),
        p.birth,
        p.hukou_region,
        p.retirement_month,
        p.total_months
    );
    let _ = writeln!(s, "\nPlaces (参保经历):");
    for st in &p.stays {
        let why = match st.entry {
            Entry::First => "first place".to_string(),
            Entry::Returned => "back where the relation is".to_string(),
            Entry::BelowAge => format!(
                "age {} below {}: the relation follows (第三条)",
                st.age,
                st.threshold.map(|a| a.to_string()).unwrap_or_default()
            ),
            Entry::Hukou => format!(
                "age {}, but the 户籍 province: the relation follows (第五条)",
                st.age
            ),
            Entry::Approved => format!(
                "age {}, approved transfer: the relation follows (第五条)",
                st.age
            ),
            Entry::BeforeRules => "before 2010: the relation follows".to_string(),
            Entry::Temporary => format!(
                "age {} ≥ {}, not the 户籍 province: temporary account, the relation stays in {} (第五条)",
                st.age,
                st.threshold.map(|a| a.to_string()).unwrap_or_default(),
                st.relation_region
            ),
        };
        let _ = writeln!(
            s,
            "  {} {}…{}  {:>3} paid{}  {} — {why}",
            st.region,
            st.from,
            st.to,
            st.paid_months,
            if st.deemed_months > 0 {
                format!(" + {} deemed", st.deemed_months)
            } else {
                String::new()
            },
            match st.holding {
                Holding::Relation => "relation (基本养老保险关系)",
                Holding::Temporary => "temporary account (临时缴费账户)",
            }
        );
    }
    let _ = writeln!(
        s,
        "\nMoves and their money (转移资金, 国办发〔2009〕66号 第四条):"
    );
    if p.moves.is_empty() {
        let _ = writeln!(
            s,
            "  none: the relation never left {}",
            p.receipt.relation_region
        );
    }
    for mv in &p.moves {
        let kind = match mv.kind {
            MoveKind::Relation => "relation",
            MoveKind::Temporary => "temporary account",
            MoveKind::ToBenefitPlace => "to the benefit place",
        };
        let account = match (&mv.account, mv.account_from) {
            (Some(a), AccountFrom::Given) => format!("account {a} (given)"),
            (Some(a), _) => format!("account {a}"),
            (None, _) => "account unknown".to_string(),
        };
        let _ = writeln!(
            s,
            "  {} {} → {} ({kind}, {} months in the record): {account}, pooled {}",
            mv.month, mv.from, mv.to, mv.months, mv.pooled
        );
        for part in &mv.pooled_parts {
            let _ = writeln!(
                s,
                "      pooled: {} × {} ({} months from 1998 on; {})",
                part.rate,
                part.bases.normalize(),
                part.months,
                match part.basis {
                    "employer_rate" => "the employer's actual rate, above 12 %",
                    "flexible" => "flexible employment: the share",
                    _ => "the share of the actual bases, no interest",
                }
            );
        }
        if !mv.pooled_carried.is_zero() {
            let _ = writeln!(
                s,
                "      + {} pooled money gathered from temporary accounts",
                mv.pooled_carried
            );
        }
        if let Some(why) = &mv.account_unknown {
            let _ = writeln!(s, "      account: {why}");
        }
    }
    for ta in &p.temporary_accounts {
        let _ = writeln!(
            s,
            "  temporary account {} {}…{} ({} months): its money goes to {} in {}{}",
            ta.region,
            ta.from,
            ta.to,
            ta.months,
            ta.destination,
            ta.moved_in,
            if ta.at_retirement {
                " (the benefit place, at retirement)"
            } else {
                " (the relation place, at the next move)"
            }
        );
    }
    let r = &p.receipt;
    let _ = writeln!(s, "\nBenefit place (待遇领取地): {}", r.region);
    let _ = writeln!(s, "  decided by {}", r.rule.citation());
    let by = r
        .months_by_region
        .iter()
        .map(|(x, m)| format!("{x} {m}"))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        s,
        "  relation at retirement in {}; 户籍 {}; months with the relation by place: {by}; threshold {} months",
        r.relation_region, r.hukou_region, r.threshold_months
    );
    match (&p.account_at_retirement, &p.account_at_retirement_unknown) {
        (Some(a), _) => {
            let _ = writeln!(s, "  account at retirement (个人账户储存额): {a}");
        }
        (None, Some(why)) => {
            let _ = writeln!(s, "  account at retirement: unknown — {why}");
        }
        _ => {}
    }
    match (&t.award, &t.award_error) {
        (Some(a), _) => {
            let _ = writeln!(
                s,
                "\nAward at {} ({}; every year's index recomputed with {}'s average wages):",
                r.region, a.trace.rules.id, r.region
            );
            let _ = writeln!(
                s,
                "  计发基数 {}, average index {}, years {}, account {} / {}",
                a.pension_base,
                a.average_index,
                a.years.round_dp(4).normalize(),
                a.account_balance,
                a.divisor
            );
            let _ = writeln!(
                s,
                "  basic {} + account {} + transitional {} = {} per month",
                a.basic_pension, a.account_pension, a.transitional_pension, a.total
            );
            for n in &a.notes {
                let _ = writeln!(s, "  note: {}", n.message);
            }
        }
        (None, Some(e)) => {
            let _ = writeln!(
                s,
                "\nAward at {}: not computed [{}] {}",
                r.region, e.code, e.message
            );
        }
        _ => {}
    }
    if let Some(l) = &p.scheme_link {
        let _ = writeln!(s, "\nScheme link (城乡养老保险制度衔接): {}", l.explanation);
        let _ = writeln!(s, "  {}", l.citation);
    }
    for n in &p.notes {
        let _ = writeln!(s, "\nNote: {}", n.message);
    }
    let mut sources: Vec<(String, String)> = vec![];
    let award_steps = t.award.iter().flat_map(|a| a.trace.steps.iter());
    for st in p.trace.steps.iter().chain(award_steps) {
        for u in &st.params {
            let item = (u.param.to_string(), u.provenance.source.clone());
            if !sources.contains(&item) {
                sources.push(item);
            }
        }
    }
    if !sources.is_empty() {
        let _ = writeln!(s, "\nSources:");
        for (param, source) in sources {
            let _ = writeln!(s, "  {param}: {source}");
        }
    }
    s
}
