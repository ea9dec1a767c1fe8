//! Rule-set loading (embedded: the baked layers; a rules directory: TOML
//! parsed, checked and hashed; baked layers from elsewhere: checked and
//! hashed), snapshot resolution and an overlay.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use pension_rules::rules::{Catalog, RuleSet};

fn load(c: &mut Criterion) {
    c.bench_function(
        "load cn/shaanxi, embedded (baked layers: decode + merge)",
        |b| b.iter(|| black_box(Catalog::embedded().load("cn/shaanxi").unwrap())),
    );
    // The same files as a rules directory (read once): the TOML path.
    let dir = Catalog::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules")).unwrap();
    c.bench_function(
        "load+validate+hash cn/shaanxi from TOML (national + province)",
        |b| b.iter(|| black_box(dir.load("cn/shaanxi").unwrap())),
    );
    let national = Catalog::embedded().bake("cn/national").unwrap();
    let shaanxi = Catalog::embedded().bake("cn/shaanxi").unwrap();
    c.bench_function(
        "from_baked cn/shaanxi (decode + merge + validate + hash)",
        |b| b.iter(|| black_box(RuleSet::from_baked(&[&national, &shaanxi], "b").unwrap())),
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
