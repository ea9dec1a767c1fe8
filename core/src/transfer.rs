//! 转移接续 — moving the pension relation between provinces, under
//! 国办发〔2009〕66号 城镇企业职工基本养老保险关系转移接续暂行办法 (in force
//! 2010-01-01), 人社部发〔2009〕187号 and 人社部规〔2016〕5号 (docs/sources.md
//! §6):
//!
//! * **the relation follows the person** (第三条): each move to another
//!   province moves the relation and its money, unless a man aged 50 or a
//!   woman aged 40 (`transfer.temporary_account_age_*`) moves to a province
//!   that is not the 户籍 province — then the relation stays and the new place
//!   keeps a **temporary contribution account** (临时基本养老保险缴费账户, 第五条),
//!   whose money goes to the relation place at the next move, or to the
//!   benefit place at retirement. Moving back to the 户籍 province, and moves
//!   approved by a 组织/人社部门 (`approved_moves`), are exempt.
//! * **the money of a move** (第四条): the individual account (before 1998
//!   only the personal contributions with interest, then the whole balance:
//!   11 % credits 1998–2005, 8 % from 2006) and the pooled part
//!   `transfer.pooled_share` (12 %) × the actual monthly bases from
//!   `transfer.pooled_from` (1998-01), without interest; a temporary account
//!   moves its pooled part at the employer's actual rate where that is higher
//!   (187号; flexible workers at 12 %).
//! * **the benefit place** (第六条, restated by 5号规 一), the four rules in
//!   order: (一) the relation is in the 户籍 province; (二) ≥ 10 years
//!   (`transfer.receipt_min_months`) in the relation's current place; (三) back
//!   to the last earlier place with ≥ 10 years; (四) gathered to the 户籍
//!   province. Years include deemed (视同) years, counted where earned
//!   (5号规 一; 人社厅函〔2017〕151号).
//! * **the award there** recomputes every year's index with the benefit
//!   place's average wages (docs/sources.md §6.3): [`award_at_receipt`].
//! * **the scheme link** with the residents' scheme (人社部发〔2014〕17号):
//!   [`scheme_link`].
//!
//! Conventions of this module (each stated in the trace where it applies):
//! * a place is a **province**: the first two digits of the GB/T 2260 code
//!   followed by `0000` (pension relations are provincial since 省级统筹;
//!   `610100` is in `610000`). Consecutive spans in one province form one stay;
//! * the relation's record moves whole (第三条 合并计算): a later move carries
//!   the money of every month in the record, including months transferred in
//!   earlier and temporary-account money gathered into it;
//! * a move happens in the first month in the new place (the account closes
//!   there with the partial-year interest of `account.partial_year_convention`
//!   and enters the new place the same month); a move to the benefit place at
//!   retirement happens in the retirement month;
//! * years in a temporary account do not make that place a benefit place
//!   under rules (二)/(三): the relation never was there (docs/sources.md §6.5, \[L\]);
//! * moves before 2010 are computed under the 2010 rules (a relation moved
//!   then moved under the rules of the time; give its amounts in
//!   `account_transfers`), with a note;
//! * the pooled part is rounded once (`rounding.money`), not year by year.
//!
//! [`plan`] reads as the articles, one submodule each: `relation` (第三条,
//! 第五条: who holds each stay), `benefit_place` (第六条 (一)–(四) and the
//! moves at retirement), `funds` (第四条: the money of each move, and the
//! account at retirement), [`scheme_link`] (人社部发〔2014〕17号); then
//! `receipt_award` ([`award_at_receipt`], 第七条 as read in docs/sources.md
//! §6.3) the award at the benefit place.

mod benefit_place;
mod funds;
mod input;
mod receipt_award;
mod relation;
pub mod render;
mod scheme_link;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

pub use input::{KnownAccount, ResidentsScheme, TransferInput, province};
pub use receipt_award::award_at_receipt;
pub use scheme_link::{LinkDirection, SchemeLink, scheme_link};

use crate::award::{Award, Category, Note};
use crate::error::{Error, FieldError, InputErrors};
use crate::rules::{RuleSet, Sourced, Timeline};
use crate::time::{Age, YearMonth};
use crate::trace::{Step, Trace, Tracer};

/// The rule sets available for the places of a history. The first one is
/// the **primary** set: its (national) transfer, account-interest and
/// rounding rules apply to the plan. A place uses its own set, found by the
/// `region` of the set's layers, for its credit and employer rates and, as
/// the benefit place, for the award.
#[derive(Debug, Clone, Copy)]
pub struct RuleSets<'a> {
    primary: &'a RuleSet,
    sets: &'a [RuleSet],
}

/// The GB/T 2260 region of a rule set: that of its most specific layer
/// (`None` for the national set).
pub fn region_of(rs: &RuleSet) -> Option<String> {
    rs.layers().iter().rev().find_map(|l| l.region.clone())
}

impl<'a> RuleSets<'a> {
    /// The sets, primary first; an error when there is none.
    pub fn new(sets: &'a [RuleSet]) -> Result<Self, Error> {
        let primary = sets.first().ok_or_else(|| {
            Error::NotApplicable("a transfer plan needs at least one rule set".into())
        })?;
        Ok(RuleSets { primary, sets })
    }
    /// The primary set.
    pub fn primary(&self) -> &'a RuleSet {
        self.primary
    }
    /// The set of a region: the one naming exactly that code, else its
    /// city's (a county's first four digits + `00`), else its province's
    /// (first two + `0000`) — never another city of the same province.
    pub fn for_region(&self, code: &str) -> Option<&'a RuleSet> {
        let named = |c: &str| {
            self.sets
                .iter()
                .find(|s| region_of(s).as_deref() == Some(c))
        };
        let city = code.get(..4).map(|c| format!("{c}00"));
        named(code)
            .or_else(|| city.as_deref().and_then(named))
            .or_else(|| named(&province(code)))
    }
    /// The first set without a region (the national rules).
    pub fn national(&self) -> Option<&'a RuleSet> {
        self.sets.iter().find(|s| region_of(s).is_none())
    }
    /// `610000 (cn/shaanxi), …` for messages.
    pub fn known_regions(&self) -> String {
        let v: Vec<String> = self
            .sets
            .iter()
            .filter_map(|s| region_of(s).map(|r| format!("{r} ({})", s.id())))
            .collect();
        if v.is_empty() {
            "none".into()
        } else {
            v.join(", ")
        }
    }
}

/// Who holds a stay's contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// The pension relation (基本养老保险关系) is here.
    Relation,
    /// A temporary contribution account (临时基本养老保险缴费账户).
    Temporary,
}

/// Why a stay holds the relation or a temporary account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// The first place of the history.
    First,
    /// Back to the place holding the relation.
    Returned,
    /// Below the temporary-account age: the relation moves (第三条).
    BelowAge,
    /// Moving to the 户籍 province: the relation moves whatever the age (第五条).
    Hukou,
    /// An approved transfer (组织/人社部门调动): the relation moves (第五条).
    Approved,
    /// Before the temporary-account rule was in force (2010): the relation moves.
    BeforeRules,
    /// At or above the age, to a province that is not the 户籍 one: a
    /// temporary account opens here (第五条).
    Temporary,
}

/// A run of consecutive spans in one province.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Stay {
    /// Province (GB/T 2260, `xx0000`).
    pub region: String,
    /// The codes given in the history, as written.
    pub codes: Vec<String>,
    /// First month.
    pub from: YearMonth,
    /// Last month.
    pub to: YearMonth,
    /// Months paid.
    pub paid_months: u32,
    /// Deemed months (视同, counted where earned).
    pub deemed_months: u32,
    /// Age in the first month.
    pub age: Age,
    /// The temporary-account age in force then, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Age>,
    /// Why the stay holds what it holds.
    pub entry: Entry,
    /// Relation or temporary account.
    pub holding: Holding,
    /// Where the relation is during the stay.
    pub relation_region: String,
}

/// A temporary contribution account and where its money goes.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TemporaryAccount {
    /// Province of the account.
    pub region: String,
    /// First month.
    pub from: YearMonth,
    /// Last month.
    pub to: YearMonth,
    /// Months paid into it.
    pub months: u32,
    /// Where the relation stayed meanwhile (原参保地).
    pub relation_region: String,
    /// Where its money goes.
    pub destination: String,
    /// When: the first month of the next place, or the retirement month.
    pub moved_in: YearMonth,
    /// Whether it goes to the benefit place at retirement.
    pub at_retirement: bool,
}

/// What a move is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// The relation follows a job to another province (第三条).
    Relation,
    /// A temporary account's money goes to the relation place or the
    /// benefit place (第五条).
    Temporary,
    /// At retirement the relation goes to the benefit place (第六条 (三)(四)).
    ToBenefitPlace,
}

/// Where a move's account amount comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountFrom {
    /// The account ledger over the history.
    Ledger,
    /// The input's `account_transfers`.
    Given,
    /// Not computable (see `account_unknown`).
    Unknown,
}

/// One rate applied to a run of months of a pooled transfer.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PooledPart {
    /// The rate.
    pub rate: Decimal,
    /// Why this rate (`pooled_share`, `employer_rate`, `flexible`).
    pub basis: &'static str,
    /// Months counted.
    pub months: u32,
    /// Sum of their monthly bases.
    pub bases: Decimal,
}

/// The money of one move.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Move {
    /// Province left.
    pub from: String,
    /// Province moved to.
    pub to: String,
    /// Month of the move.
    pub month: YearMonth,
    /// What moves.
    pub kind: MoveKind,
    /// Contribution months in the record moved (paid + deemed).
    pub months: u32,
    /// The individual account moved (本息), when known.
    pub account: Option<Decimal>,
    /// Where `account` comes from.
    pub account_from: AccountFrom,
    /// Why the account is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_unknown: Option<String>,
    /// The pooled part (统筹基金), no interest.
    pub pooled: Decimal,
    /// Its computation: rate × bases per run.
    pub pooled_parts: Vec<PooledPart>,
    /// Temporary-account pooled money gathered earlier and passed on.
    pub pooled_carried: Decimal,
}

/// The four rules of 第六条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptRule {
    /// (一) the relation is in the 户籍 province.
    Hukou,
    /// (二) ≥ 10 years in the relation's current place.
    CurrentPlace,
    /// (三) back to the last earlier place with ≥ 10 years.
    PreviousPlace,
    /// (四) no place with 10 years: gathered to the 户籍 province.
    GatheredToHukou,
}

impl ReceiptRule {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            ReceiptRule::Hukou => "hukou",
            ReceiptRule::CurrentPlace => "current_place",
            ReceiptRule::PreviousPlace => "previous_place",
            ReceiptRule::GatheredToHukou => "gathered_to_hukou",
        }
    }
    /// The article, with its words.
    pub fn citation(self) -> &'static str {
        match self {
            ReceiptRule::Hukou => {
                "国办发〔2009〕66号 第六条 (一) (基本养老保险关系在户籍所在地的, 由户籍所在地负责办理待遇领取手续)"
            }
            ReceiptRule::CurrentPlace => {
                "国办发〔2009〕66号 第六条 (二) (基本养老保险关系不在户籍所在地, 而在其基本养老保险关系所在地累计缴费年限满10年的, 在该地办理待遇领取手续)"
            }
            ReceiptRule::PreviousPlace => {
                "国办发〔2009〕66号 第六条 (三) (在其基本养老保险关系所在地累计缴费年限不满10年的, 将其基本养老保险关系转回上一个缴费年限满10年的原参保地办理待遇领取手续)"
            }
            ReceiptRule::GatheredToHukou => {
                "国办发〔2009〕66号 第六条 (四) (在每个参保地的累计缴费年限均不满10年的, 将其基本养老保险关系及相应资金归集到户籍所在地, 由户籍所在地按规定办理待遇领取手续)"
            }
        }
    }
}

/// Where the pension is paid, and why.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Receipt {
    /// The benefit place (province).
    pub region: String,
    /// The rule that decided it.
    pub rule: ReceiptRule,
    /// Where the relation is at retirement.
    pub relation_region: String,
    /// The 户籍 province.
    pub hukou_region: String,
    /// Months (paid + deemed) the relation spent in each province, in the
    /// order first held.
    pub months_by_region: Vec<(String, u32)>,
    /// `transfer.receipt_min_months`.
    pub threshold_months: u32,
}

/// The plan: places, temporary accounts, moves with their money, the
/// benefit place, the scheme link.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TransferPlan {
    /// The 户籍 province.
    pub hukou_region: String,
    /// Birth month.
    pub birth: YearMonth,
    /// Category.
    pub category: Category,
    /// Retirement month.
    pub retirement_month: YearMonth,
    /// The stays, in order.
    pub stays: Vec<Stay>,
    /// Temporary accounts.
    pub temporary_accounts: Vec<TemporaryAccount>,
    /// Every move with its money, in order.
    pub moves: Vec<Move>,
    /// The benefit place.
    pub receipt: Receipt,
    /// Contribution months everywhere (paid + deemed; 合并计算).
    pub total_months: u32,
    /// The account at the benefit place at retirement, when known.
    pub account_at_retirement: Option<Decimal>,
    /// Why it is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_at_retirement_unknown: Option<String>,
    /// The 2014 scheme link, where its rule is in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme_link: Option<SchemeLink>,
    /// Remarks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The explanation (primary rule set).
    pub trace: Trace,
}

/// An error reported inside a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ErrorInfo {
    /// [`Error::code`].
    pub code: &'static str,
    /// The message.
    pub message: String,
}

/// The plan and the award at the benefit place.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "TransferResult")] // its name in the bindings and the schema
pub struct Transfer {
    /// The plan.
    #[serde(flatten)]
    pub plan: TransferPlan,
    /// The award at the benefit place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award: Option<Award>,
    /// Why the award could not be computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award_error: Option<ErrorInfo>,
}

/// A paid month of the history.
#[derive(Debug, Clone, Copy)]
struct PaidMonth {
    month: YearMonth,
    base: Decimal,
    flexible: bool,
    stay: usize,
}

/// A move found by the structure pass.
#[derive(Debug, Clone)]
struct Spec {
    from: String,
    to: String,
    month: YearMonth,
    kind: MoveKind,
    /// For a temporary move: its stay.
    stay: Option<usize>,
}

fn err_list(errs: Vec<FieldError>) -> Result<(), Error> {
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(InputErrors(errs)))
    }
}

/// The value in force in `month`, else the first version (for moves before
/// the 2010 rules), with whether it was taken from later.
fn in_force_or_first<T: Clone>(
    t: &Timeline<T>,
    month: YearMonth,
) -> Result<(Sourced<T>, bool), Error> {
    match t.in_month(month) {
        Ok(v) => Ok((v, false)),
        Err(e) => match t.versions().next() {
            Some((from, _, v)) if from > month.first_day() => Ok((v.clone(), true)),
            _ => Err(e.into()),
        },
    }
}

/// The plan: stays, temporary accounts, moves and their money, the benefit
/// place and the scheme link, under the primary rules of `sets`.
///
/// ```
/// use pension_rules::transfer::{plan, RuleSets, TransferInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// // 国办发〔2009〕66号, docs/sources.md §6.2 T14: 24 months at 6000 from 2020 → pooled 17,280.00.
/// let input = TransferInput::from_json(&serde_json::json!({
///     "hukou_region": "610000", "birth": "1980-05", "category": "male",
///     "retirement_month": "2040-05",
///     "history": [
///         {"from": "2020-01", "to": "2021-12", "base": "6000", "region": "440300"},
///         {"from": "2022-01", "to": "2040-04", "base": "6000", "region": "610100"}]
/// })).unwrap();
/// let sets = [RuleSet::embedded("cn/national").unwrap(), RuleSet::embedded("cn/shaanxi").unwrap()];
/// let p = plan(&input, RuleSets::new(&sets).unwrap(), &mut Tracer::new(false)).unwrap();
/// assert_eq!(p.moves[0].pooled.to_string(), "17280.00");
/// assert_eq!(p.receipt.region, "610000"); // 第六条 (一): the relation is in the 户籍 province
/// ```
pub fn plan(
    input: &TransferInput,
    sets: RuleSets<'_>,
    tracer: &mut Tracer,
) -> Result<TransferPlan, Error> {
    input.check()?;
    let month = input.retirement_month;
    let date = month.first_day();
    let primary = sets.primary().at(date);
    let hukou = province(&input.hukou_region);
    let (mut stays, paid) = relation::build_stays(input);
    relation::check_stays(input, &stays)?;

    // 第三条, 第五条: who holds each stay; the moves of working life.
    let (relation, mut specs) = relation::follow(input, &primary, &hukou, &mut stays, tracer);
    // 第六条: the benefit place; 第五条 (二), 第六条: the moves at retirement.
    let (receipt, mut retro) =
        benefit_place::benefit_place(&stays, &relation, &hukou, &primary, month, tracer)?;
    specs.extend(benefit_place::moves_at_retirement(
        &stays,
        &relation,
        &receipt.region,
        month,
    ));
    let given = funds::given_accounts(input, &specs)?;

    // 第四条: the money of each move, in order.
    let ctx = funds::Ctx::new(input, sets, primary, &stays, paid, date)?;
    let claim = funds::Claim {
        receipt_region: &receipt.region,
        month,
    };
    let mut money = funds::Funds::new(&stays, month);
    let mut moves = vec![];
    for (spec, given_k) in specs.iter().zip(given) {
        let (rule, later) = funds::pooled_rule(&ctx.primary, spec.month)?;
        retro |= later;
        moves.push(match spec.kind {
            MoveKind::Temporary => {
                funds::temporary_move(&ctx, spec, given_k, &rule, &mut money, &claim, tracer)?
            }
            MoveKind::Relation | MoveKind::ToBenefitPlace => {
                funds::relation_move(&ctx, spec, given_k, &rule, &mut money, tracer)?
            }
        });
    }
    let mut notes: Vec<Note> = vec![];
    if retro {
        notes.push(Note {
            code: "before_2010",
            message: "a move (or the claim) before 2010-01-01 is computed under 国办发〔2009〕66号, in force from then; a relation actually moved earlier moved under the rules of the time — give its amounts in account_transfers".into(),
            zh: "2010年1月1日前的流动或待遇申领按国办发〔2009〕66号计算；当时已按原规定办理转移的，以实际转移额为准（account_transfers）".into(),
        });
    }

    // 第三条: years added up, accounts summed at retirement.
    let temporary_accounts = std::mem::take(&mut money.temporary_accounts);
    let total = funds::account_at_retirement(&ctx, money, &claim, tracer);
    let total_months: u32 = stays.iter().map(|s| s.paid_months + s.deemed_months).sum();

    // 人社部发〔2014〕17号: the link with the residents' scheme.
    let link = if ctx
        .primary
        .transfer
        .scheme_link_min_months
        .in_month(month)
        .is_ok()
    {
        let r = input.residents_scheme.as_ref();
        Some(scheme_link(
            total_months,
            total.as_ref().ok().copied(),
            r.and_then(|r| r.months),
            r.and_then(|r| r.account_balance),
            &ctx.primary,
            month,
            tracer,
        )?)
    } else {
        None
    };
    for n in &notes {
        tracer.step(|| Step::new("note", "说明", n.code, n.message.clone()));
    }
    let trace = std::mem::replace(tracer, Tracer::new(tracer.enabled())).finish(&ctx.primary);
    Ok(TransferPlan {
        hukou_region: hukou,
        birth: input.birth,
        category: input.category,
        retirement_month: month,
        stays,
        temporary_accounts,
        moves,
        receipt,
        total_months,
        account_at_retirement: total.as_ref().ok().copied(),
        account_at_retirement_unknown: total.err(),
        scheme_link: link,
        notes,
        trace,
    })
}

/// The plan and, where it can be computed, the award at the benefit place.
///
/// ```
/// use pension_rules::transfer::{transfer, RuleSets, TransferInput};
/// use pension_rules::rules::RuleSet;
/// let input = TransferInput::from_json(&serde_json::json!({
///     "hukou_region": "610000", "birth": "1964-05", "category": "male",
///     "retirement_month": "2024-05",
///     "history": [
///         {"from": "1990-01", "to": "2015-12", "kind": "deemed", "region": "440100"},
///         {"from": "2016-01", "to": "2017-12", "base": "6000", "region": "440100"},
///         {"from": "2018-01", "to": "2024-04", "base": "6000", "region": "610100"}]
/// })).unwrap();
/// let sets = [RuleSet::embedded("cn/national").unwrap(), RuleSet::embedded("cn/shaanxi").unwrap()];
/// let t = transfer(&input, RuleSets::new(&sets).unwrap(), false).unwrap();
/// assert_eq!(t.plan.receipt.region, "610000");
/// assert!(t.award.is_some(), "{:?}", t.award_error);
/// ```
pub fn transfer(input: &TransferInput, sets: RuleSets<'_>, trace: bool) -> Result<Transfer, Error> {
    let p = plan(input, sets, &mut Tracer::new(trace))?;
    let (award, award_error) = match award_at_receipt(input, &p, sets, &mut Tracer::new(trace)) {
        Ok(a) => (Some(a), None),
        Err(e) => (
            None,
            Some(ErrorInfo {
                code: e.code(),
                message: e.to_string(),
            }),
        ),
    };
    Ok(Transfer {
        plan: p,
        award,
        award_error,
    })
}

impl Transfer {
    /// The figures the vector format names (`benefit_region`, `moves`,
    /// `temporary_account_regions`) and the extensions of docs/vectors.md.
    pub fn figures(&self) -> Map<String, Value> {
        let p = &self.plan;
        let mut m = Map::new();
        m.insert("benefit_region".into(), p.receipt.region.clone().into());
        m.insert("receipt_rule".into(), p.receipt.rule.name().into());
        m.insert(
            "relation_region".into(),
            p.receipt.relation_region.clone().into(),
        );
        let moves: Vec<Value> = p
            .moves
            .iter()
            .map(|mv| {
                let mut o = Map::new();
                o.insert("from".into(), mv.from.clone().into());
                o.insert("to".into(), mv.to.clone().into());
                o.insert("month".into(), mv.month.to_string().into());
                o.insert(
                    "kind".into(),
                    match mv.kind {
                        MoveKind::Relation => "relation",
                        MoveKind::Temporary => "temporary",
                        MoveKind::ToBenefitPlace => "to_benefit_place",
                    }
                    .into(),
                );
                o.insert(
                    "account".into(),
                    mv.account.map_or(Value::Null, |a| a.to_string().into()),
                );
                o.insert("pooled".into(), mv.pooled.to_string().into());
                o.insert("months".into(), mv.months.into());
                Value::Object(o)
            })
            .collect();
        m.insert("moves".into(), Value::Array(moves));
        m.insert(
            "temporary_account_regions".into(),
            Value::Array(
                p.temporary_accounts
                    .iter()
                    .map(|t| Value::String(t.region.clone()))
                    .collect(),
            ),
        );
        m.insert("total_months".into(), p.total_months.into());
        m.insert(
            "account_at_retirement".into(),
            p.account_at_retirement
                .map_or(Value::Null, |a| a.to_string().into()),
        );
        if let Some(l) = &p.scheme_link {
            m.insert("scheme_link".into(), l.direction.name().into());
        }
        if let Some(a) = &self.award {
            m.insert("award".into(), Value::Object(a.figures()));
        }
        if let Some(e) = &self.award_error {
            m.insert("award_error".into(), e.code.into());
        }
        m
    }
}
