//! Rule-set load + validation + hash, and snapshot resolution.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pension_rules::rules::{Catalog, RuleSet};

fn load(c: &mut Criterion) {
    c.bench_function(
        "load+validate+hash cn/shaanxi (national + province, from text)",
        |b| b.iter(|| black_box(Catalog::embedded().load("cn/shaanxi").unwrap())),
    );
    let rs = RuleSet::embedded("cn/shaanxi").unwrap();
    let date = "2025-06-30".parse().unwrap();
    c.bench_function("snapshot cn/shaanxi at a date", |b| {
        b.iter(|| black_box(rs.at(black_box(date))))
    });
    let overlay = include_str!("../../examples/reform-divisor-2030.toml");
    c.bench_function("overlay on cn/shaanxi (parse+merge+validate+hash)", |b| {
        b.iter(|| black_box(rs.with_overlay("reform.toml", overlay).unwrap()))
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
