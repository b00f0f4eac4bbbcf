//! Benchmarks: a 1000-round bilateral negotiation on a 10^4-outcome domain, and a small
//! tournament (the workloads measured for NegMAS 0.16 in `shared/research/negmas.md` §3.3-3.4).

use std::hint::black_box;

use accord_negotiation::{AgentSpec, Deadline, RunOptions, SaoConfig, build_agents, run_sao};
use criterion::{Criterion, criterion_group, criterion_main};

mod support;
use support::{NEGMAS_BOULWARE, NEGMAS_CONCEDER, fixture_domain, small_tournament};

fn sao(c: &mut Criterion) {
    let d = fixture_domain("opposed_4x10");
    let mut g = c.benchmark_group("sao_1e4_outcomes_1000_rounds");
    for (label, a, b) in [
        ("hardliner_vs_hardliner", "hardliner", "hardliner"),
        (
            "boulware_vs_conceder_negmas",
            NEGMAS_BOULWARE,
            NEGMAS_CONCEDER,
        ),
        ("boulware_vs_conceder", "boulware", "conceder"),
        ("nice_tft_vs_frequency", "nice-tit-for-tat", "frequency"),
    ] {
        let specs = [
            AgentSpec::parse(a).expect("spec"),
            AgentSpec::parse(b).expect("spec"),
        ];
        g.bench_function(label, |bench| {
            bench.iter(|| {
                let mut agents =
                    build_agents(&d, &specs, Deadline::Rounds(1000), 0).expect("agents");
                black_box(run_sao(&d, &mut agents, SaoConfig::rounds(1000), None).expect("runs"))
            });
        });
    }
    g.finish();
    c.bench_function("domain_build_1e4_outcomes", |b| {
        b.iter(|| black_box(fixture_domain("opposed_4x10")));
    });
}

fn tournament(c: &mut Criterion) {
    let t = small_tournament();
    let mut g = c.benchmark_group("tournament");
    g.sample_size(10);
    g.bench_function("5_agents_3_scenarios_150_negotiations", |b| {
        b.iter(|| black_box(t.run(&RunOptions::default()).expect("runs")));
    });
    g.bench_function("5_agents_3_scenarios_150_negotiations_1_thread", |b| {
        b.iter(|| {
            black_box(
                t.run(&RunOptions {
                    threads: Some(1),
                    ..RunOptions::default()
                })
                .expect("runs"),
            )
        });
    });
    g.finish();
}

criterion_group!(benches, sao, tournament);
criterion_main!(benches);
