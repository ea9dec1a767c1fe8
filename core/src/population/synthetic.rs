//! A deterministic, seeded synthetic population with Shaanxi-like
//! distributions, for trying reforms and measuring speed. Not data about real
//! people: every distribution is an assumption, stated in [`Config`] and in
//! docs/population.md, and the same seed gives the same persons on every
//! platform (integer arithmetic only, SplitMix64 generator).

use rust_decimal::Decimal;

use super::{IndexList, Person, Population};
use crate::award::Category;
use crate::projection::Assumptions;
use crate::rules::Snapshot;
use crate::time::YearMonth;

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast generator whose
/// output is fixed by its seed — enough for synthetic data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0 .. n` (n > 0), by Lemire's multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// Uniform in `lo ..= hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi.saturating_sub(lo)).unwrap_or(0);
        lo.saturating_add(i64::try_from(self.below(span.saturating_add(1))).unwrap_or(0))
    }
}

/// The distributions of a synthetic population (all assumptions).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Number of persons.
    pub persons: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Birth years, inclusive; birth months uniform over them.
    pub birth_years: (i32, i32),
    /// Earliest birth month by category (`male`, `female_50`, `female_55`):
    /// cohorts still contributing (earlier births are drawn again).
    pub first_births: [YearMonth; 3],
    /// Shares per 1000 of `male`, `female_50`, `female_55`.
    pub category_shares: [u32; 3],
    /// Age at first work in months, uniform in the range.
    pub start_age_months: (u32, u32),
    /// Work up to this month counts as deemed (视同); contributions start
    /// the month after, or at first work if later.
    pub deemed_until: YearMonth,
    /// Career index as an inverse distribution function: (per-mille,
    /// index) points, linear between; indexes drawn to 4 places.
    pub index_quantiles: Vec<(u32, Decimal)>,
    /// Per 1000 persons with an index per calendar year (a random walk
    /// around their career index) instead of one index.
    pub per_year_share: u32,
    /// Largest yearly step of that walk, per 1000 of the index.
    pub per_year_step: u32,
    /// First month the rule set's account ledger covers. Months paid before
    /// it become a past summary (months, index, balance at the end of the
    /// year before it), and the person's row starts here.
    pub ledger_start: YearMonth,
    /// Share of the base credited to the account before `ledger_start`
    /// (from the month the accounts began), without interest.
    pub pre_ledger_credit_rate: Decimal,
}

impl Config {
    /// Shaanxi-like defaults (docs/population.md): births 1966–2000 (the
    /// insured aged 25–59 in 2025), 55 % men, 30 % women workers (female_50),
    /// 15 % women cadres and flexible workers (female_55); first work at
    /// 18–25; deemed service up to 1992-12 (Shaanxi's 视同 cut-off,
    /// docs/sources.md §12.1); a career index with 30 % at the contribution floor
    /// 0.6 and a long tail to the cap 3.0 (the 60 % / 300 % base limits,
    /// docs/sources.md §11.2), median 0.8; 30 % with a yearly index path (steps up
    /// to ±5 %). Only cohorts not retired by 2025 under the old ages: men born
    /// from 1966, female_55 from 1971, female_50 from 1976. The national
    /// ledger rules start in 1998 (国发〔1997〕26号): months paid earlier are a
    /// past summary, with the account credits of 1996–97 at 11 % (that
    /// document's scale, assumed for Shaanxi's first two account years) and
    /// no interest.
    pub fn shaanxi(persons: usize, seed: u64) -> Config {
        let q = |p: u32, x: &str| (p, x.parse().unwrap_or_default());
        let ym =
            |y, m| YearMonth::new(y, m).unwrap_or_else(|| YearMonth::of(chrono::NaiveDate::MIN));
        Config {
            persons,
            seed,
            birth_years: (1966, 2000),
            first_births: [ym(1966, 1), ym(1976, 1), ym(1971, 1)],
            category_shares: [550, 300, 150],
            start_age_months: (18 * 12, 25 * 12 + 11),
            deemed_until: YearMonth::new(1992, 12)
                .unwrap_or_else(|| YearMonth::of(chrono::NaiveDate::MIN)),
            index_quantiles: vec![
                q(0, "0.6"),
                q(300, "0.6"),
                q(500, "0.8"),
                q(700, "1.0"),
                q(850, "1.3"),
                q(950, "1.9"),
                q(990, "2.8"),
                q(1000, "3.0"),
            ],
            per_year_share: 300,
            per_year_step: 50,
            ledger_start: ym(1998, 1),
            pre_ledger_credit_rate: "0.11".parse().unwrap_or_default(),
        }
    }

    /// Assumptions to go with it (docs/population.md): the
    /// [standard ones](Assumptions::standard), and the 1992 Shaanxi average
    /// wage 212.08 (third-party series, confidence L — the rule set starts at
    /// 1993) for contributions paid in 1993.
    pub fn shaanxi_assumptions() -> Assumptions {
        let d = |s: &str| s.parse().unwrap_or_default();
        Assumptions {
            average_wages: [(1992, d("212.08"))].into_iter().collect(),
            ..Assumptions::standard()
        }
    }
}

/// Draw from the quantile table: index in units of 0.0001.
fn draw_index(rng: &mut SplitMix64, q: &[(u32, Decimal)]) -> i64 {
    let units = |d: Decimal| super::to_units(d.round_dp(4), 4).unwrap_or(0);
    let p = i64::try_from(rng.below(1_000_000)).unwrap_or(0); // per 10^6
    for w in q.windows(2) {
        let (p0, p1) = (i64::from(w[0].0) * 1000, i64::from(w[1].0) * 1000);
        if p < p1 || p1 == 1_000_000 {
            let (x0, x1) = (units(w[0].1), units(w[1].1));
            if p1 == p0 {
                return x1;
            }
            return x0 + (x1 - x0) * (p - p0).max(0) / (p1 - p0);
        }
    }
    q.last().map_or(0, |l| units(l.1))
}

/// The persons of `config`, ids `p000001` …; `snap` gives the average
/// wages and the account start for the months paid before the ledger.
///
/// ```
/// use pension_rules::population::synthetic::{generate, Config};
/// use pension_rules::rules::RuleSet;
/// let snap = RuleSet::embedded("cn/shaanxi").unwrap().at("2026-01-01".parse().unwrap());
/// let a = generate(&Config::shaanxi(1000, 42), &snap);
/// let b = generate(&Config::shaanxi(1000, 42), &snap);
/// assert_eq!(a.rows.len(), 1000);
/// assert_eq!(format!("{:?}", a.rows[17]), format!("{:?}", b.rows[17]));
/// ```
pub fn generate(config: &Config, snap: &Snapshot) -> Population {
    Generator::new(config, snap).next_chunk(config.persons)
}

/// The persons of `config` chunk by chunk: the same persons, in the same
/// order, as [`generate`] gives at once, whatever the chunk sizes.
///
/// ```
/// use pension_rules::population::synthetic::{generate, Config, Generator};
/// use pension_rules::rules::RuleSet;
/// let snap = RuleSet::embedded("cn/shaanxi").unwrap().at("2026-01-01".parse().unwrap());
/// let config = Config::shaanxi(1000, 42);
/// let mut g = Generator::new(&config, &snap);
/// let mut rows = vec![];
/// while g.remaining() > 0 {
///     rows.extend(g.next_chunk(300).rows);
/// }
/// assert_eq!(format!("{rows:?}"), format!("{:?}", generate(&config, &snap).rows));
/// ```
#[derive(Debug)]
pub struct Generator<'a> {
    config: &'a Config,
    snap: &'a Snapshot,
    rng: SplitMix64,
    /// Persons generated so far.
    made: usize,
}

impl<'a> Generator<'a> {
    /// The generator of `config`'s persons, none generated yet.
    pub fn new(config: &'a Config, snap: &'a Snapshot) -> Generator<'a> {
        Generator {
            config,
            snap,
            rng: SplitMix64::new(config.seed),
            made: 0,
        }
    }

    /// Persons still to come.
    pub fn remaining(&self) -> usize {
        self.config.persons.saturating_sub(self.made)
    }

    /// The next `n` persons (fewer at the end).
    pub fn next_chunk(&mut self, n: usize) -> Population {
        let (config, snap) = (self.config, self.snap);
        let want = n.min(self.remaining());
        let mut made = self.made;
        let rng = &mut self.rng;
        let units = |d: Decimal| super::to_units(d.round_dp(4), 4).unwrap_or(0);
        let lo_i = config.index_quantiles.first().map_or(0, |q| units(q.1));
        let hi_i = config.index_quantiles.last().map_or(0, |q| units(q.1));
        let births = u64::try_from((config.birth_years.1 - config.birth_years.0 + 1).max(1) * 12)
            .unwrap_or(12);
        let first_birth = YearMonth::new(config.birth_years.0, 1);
        let established = snap
            .account
            .established
            .at(config.ledger_start.first_day())
            .ok()
            .map(|e| e.value);
        let width = config.id_width();
        let mut persons = Vec::with_capacity(want);
        while persons.len() < want {
            let Some(birth) =
                first_birth.map(|b| b.add_months(i32::try_from(rng.below(births)).unwrap_or(0)))
            else {
                // No birth month at all: no persons.
                made = config.persons;
                break;
            };
            let c = rng.below(1000);
            let [m, f50, _] = config.category_shares.map(u64::from);
            let (category, k) = if c < m {
                (Category::Male, 0)
            } else if c < m + f50 {
                (Category::Female50, 1)
            } else {
                (Category::Female55, 2)
            };
            if birth < config.first_births[k] {
                continue;
            }
            made += 1;
            let n = made;
            let start_age = rng.between(
                i64::from(config.start_age_months.0),
                i64::from(config.start_age_months.1),
            );
            let work = birth.add_months(i32::try_from(start_age).unwrap_or(0));
            let paid_from = work.max(config.deemed_until.add_months(1));
            let deemed = u32::try_from(config.deemed_until.months_since(work) + 1).unwrap_or(0);
            let career = draw_index(rng, &config.index_quantiles);
            let per_year = rng.below(1000) < u64::from(config.per_year_share);
            // Months paid before the ledger: a past summary and the 1996–97 credits.
            let first = paid_from.max(config.ledger_start);
            let past = u32::try_from(first.months_since(paid_from)).unwrap_or(0);
            let mut balance = Decimal::ZERO;
            let mut m = established.map_or(first, |e| paid_from.max(e));
            while m < first {
                let x = snap.award.average_wage.get(m.year() - 1).map(|w| w.value);
                let money = snap.rounding.money.in_month(m).map(|r| r.value);
                if let (Ok(x), Ok(money)) = (x, money) {
                    let credit = Decimal::new(career, 4) * x * config.pre_ledger_credit_rate;
                    balance += money.apply(credit);
                }
                m = m.add_months(1);
            }
            // A path long enough for any statutory age (至多 63 岁, 2024 决定).
            let years = (birth.year() + 64 - first.year()).max(1);
            let (index, indexes) = if per_year {
                let mut x = career;
                let step = i64::from(config.per_year_step);
                let mut v = Vec::with_capacity(usize::try_from(years).unwrap_or(0));
                for _ in 0..years {
                    v.push(Decimal::new(x, 4));
                    let s = rng.between(-step, step);
                    x = (x + x * s / 1000).clamp(lo_i, hi_i);
                }
                (None, Some(IndexList(v)))
            } else {
                (Some(Decimal::new(career, 4)), None)
            };
            persons.push(Person {
                id: format!("p{:0w$}", n, w = width),
                birth,
                category,
                first_contribution: first,
                retirement_month: None,
                deemed_months: deemed,
                index,
                indexes,
                contribution_months: past,
                average_index: (past > 0).then(|| Decimal::new(career, 4)),
                account_balance: (past > 0).then_some(balance),
            });
        }
        self.made = made;
        Population::from_persons(persons)
    }
}

impl Config {
    fn id_width(&self) -> usize {
        let mut w = 1;
        let mut n = self.persons;
        while n >= 10 {
            n /= 10;
            w += 1;
        }
        w.max(6)
    }
}
