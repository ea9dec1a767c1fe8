//! The population batch (`population::Population::read_csv` then
//! `simulate_all`): arbitrary CSV; every row gives exactly one outcome or
//! error per scenario, in order, and the summaries count every row; a row
//! with implausible years is an `invalid_input` error row. The
//! first byte picks the block size and the fast or the single path.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pension_rules::population::{Options, Population, simulate_all, synthetic};
use pension_rules::rules::Snapshot;
use pension_rules_fuzz::embedded;

fn snapshots() -> &'static [Snapshot] {
    static S: OnceLock<Vec<Snapshot>> = OnceLock::new();
    S.get_or_init(|| {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        ["cn/shaanxi", "cn/national"]
            .iter()
            .filter_map(|id| embedded(id).map(|r| r.at(date)))
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    let Ok(pop) = Population::read_csv(body) else {
        return;
    };
    // Rows with years outside the rule data's range (retiring in 9999) are
    // error rows since `Person::check_plausible`; they must not slow a run.
    if pop.rows.len() > 64 {
        return;
    }
    let options = Options {
        block: Some(usize::from(sel & 0x7) + 1),
        single_path_only: sel & 0x8 != 0,
        ..Options::default()
    };
    let assumptions = synthetic::Config::shaanxi_assumptions();
    if let Ok((block, summaries)) = simulate_all(&pop, snapshots(), &assumptions, &options) {
        assert_eq!(block.len(), snapshots().len());
        for ((outcomes, s), snap) in block.iter().zip(&summaries).zip(snapshots()) {
            assert_eq!(outcomes.len(), pop.rows.len(), "one outcome per row");
            assert_eq!(s.persons as usize, pop.rows.len());
            assert_eq!(s.fast_path + s.single_path, s.persons);
            let errors: u64 = s.errors.values().sum();
            assert_eq!(s.ok + errors, s.persons, "{s:?}");
            for (row, out) in pop.rows.iter().zip(outcomes) {
                if let Ok(p) = row {
                    assert!(p.check_plausible().is_ok(), "read rows are plausible");
                }
                if row.is_err() {
                    assert!(out.is_err(), "a row that does not read cannot compute");
                }
                // The domain invariants (issue 16): a row that computes had
                // its index within the rule set's cap, and its figures are
                // bounded by its inputs.
                if let (Ok(p), Ok(o)) = (row, out) {
                    let input = serde_json::to_value(p).unwrap_or_default();
                    let result = serde_json::to_value(o).unwrap_or_default();
                    pension_rules_fuzz::assert_invariants("population", &input, &result);
                    let date = o.retirement_month.first_day();
                    if let Some(cap) = pension_rules::bounds::index_cap(snap, date) {
                        for i in p
                            .index
                            .iter()
                            .chain(p.indexes.iter().flat_map(|l| l.0.iter()))
                        {
                            assert!(
                                *i <= cap,
                                "population: index {i} above the cap {cap} computed"
                            );
                        }
                        assert!(
                            o.average_index <= cap,
                            "population: average index above the cap"
                        );
                    }
                }
            }
        }
    }
});
