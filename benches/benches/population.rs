//! Population runs: a 100 000-person synthetic Shaanxi population through
//! `population::simulate` (fast path, all cores), with and without a reform,
//! and the single-case path per person for comparison. Throughput is in
//! persons (person-evaluations for two scenarios).
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pension_rules::population::synthetic::{Config, generate};
use pension_rules::population::{Options, evaluate, simulate};
use pension_rules::rules::RuleSet;

const N: usize = 100_000;

fn bench(c: &mut Criterion) {
    let base = RuleSet::embedded("cn/shaanxi").expect("rules");
    let reform = base
        .with_overlay(
            "reform-divisor-2030.toml",
            include_str!("../../examples/reform-divisor-2030.toml"),
        )
        .expect("overlay");
    let date = "2026-01-01".parse().expect("date");
    let snaps = [base.at(date), reform.at(date)];
    let assumptions = Config::shaanxi_assumptions();
    let pop = generate(&Config::shaanxi(N, 7), &snaps[0]);

    let mut g = c.benchmark_group("population");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("batch_100k/baseline", |b| {
        b.iter(|| {
            simulate(
                black_box(&pop),
                &snaps[..1],
                &assumptions,
                &Options::default(),
                |_, _| {},
            )
            .expect("run")
        })
    });
    g.throughput(Throughput::Elements(2 * N as u64));
    g.bench_function("batch_100k/baseline+reform", |b| {
        b.iter(|| {
            simulate(
                black_box(&pop),
                &snaps,
                &assumptions,
                &Options::default(),
                |_, _| {},
            )
            .expect("run")
        })
    });
    g.finish();

    let persons: Vec<_> = pop.rows.iter().take(1000).flatten().collect();
    let mut g = c.benchmark_group("population_single");
    g.throughput(Throughput::Elements(1));
    let mut i = 0;
    g.bench_function("evaluate/one_person", |b| {
        b.iter(|| {
            i = (i + 1) % persons.len();
            evaluate(black_box(persons[i]), &snaps[0], &assumptions).expect("award")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
