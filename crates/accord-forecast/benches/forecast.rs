//! Wall-clock benchmarks of both engines on synthetic actors (100 and 200), from a
//! deterministic generator so that every run sees the same input.
//!
//! `cargo bench -p accord-forecast --bench forecast -- --quick` for a short run.

use std::hint::black_box;
use std::time::Duration;

use accord_forecast::{EumActor, EumOptions, SmpActor, SmpInput, SmpOptions, run_eum, run_smp};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SIZES: [usize; 2] = [100, 200];
const SEED: u64 = 2025;
const SMP_DIMENSIONS: usize = 3;

fn eum_actors(n: usize) -> Vec<EumActor> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    (0..n)
        .map(|i| {
            EumActor::new(
                format!("actor{i}"),
                rng.random_range(0.1..1.1),
                rng.random_range(0.0..100.0),
                rng.random_range(0.0..1.0),
            )
        })
        .collect()
}

fn smp_input(n: usize) -> SmpInput {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let actors = (0..n)
        .map(|i| {
            let positions = (0..SMP_DIMENSIONS)
                .map(|_| rng.random_range(0.0..100.0))
                .collect();
            let shares: Vec<f64> = (0..SMP_DIMENSIONS)
                .map(|_| rng.random_range(0.01..1.0))
                .collect();
            let total: f64 = rng.random_range(10.0..100.0);
            let sum: f64 = shares.iter().sum();
            let saliences = shares.iter().map(|s| s / sum * total).collect();
            SmpActor::new(
                format!("actor{i}"),
                rng.random_range(10.0..110.0),
                positions,
                saliences,
            )
        })
        .collect();
    SmpInput::new(
        (1..=SMP_DIMENSIONS).map(|k| format!("dim{k}")).collect(),
        actors,
    )
}

fn eum(c: &mut Criterion) {
    let mut group = c.benchmark_group("eum");
    group.sample_size(10);
    for n in SIZES {
        let actors = eum_actors(n);
        if let Ok(r) = run_eum(&actors, &EumOptions::default()) {
            eprintln!(
                "eum/{n}: {} rounds with default options, stop {:?}",
                r.rounds.len() - 1,
                r.stop
            );
        }
        // Default options: up to 50 rounds.
        group.bench_with_input(BenchmarkId::new("default", n), &actors, |b, actors| {
            b.iter(|| run_eum(black_box(actors), &EumOptions::default()));
        });
        // The Scholz preset: 10 rounds.
        group.bench_with_input(
            BenchmarkId::new("scholz_10_rounds", n),
            &actors,
            |b, actors| {
                b.iter(|| run_eum(black_box(actors), &EumOptions::scholz()));
            },
        );
    }
    group.finish();
}

fn smp(c: &mut Criterion) {
    let mut group = c.benchmark_group("smp");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for n in SIZES {
        let input = smp_input(n);
        if let Ok(r) = run_smp(&input, &SmpOptions::default()) {
            eprintln!("smp/{n}: {} states, stop {:?}", r.states.len(), r.stop);
        }
        group.bench_with_input(BenchmarkId::new("default", n), &input, |b, input| {
            b.iter(|| run_smp(black_box(input), &SmpOptions::default()));
        });
    }
    group.finish();
}

/// 10,000 sampled scenarios of the default scenario, each with a zone test, the Nash package
/// and every draft's acceptability.
fn monte_carlo(c: &mut Criterion) {
    let b = &accord_model::BUILTIN_SCENARIOS[0];
    let Ok(loaded) = accord_model::load_str(b.toml, b.file, accord_model::Format::Toml) else {
        return;
    };
    let s = loaded.scenario;
    let mut g = c.benchmark_group("monte_carlo");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("default_scenario_10000_samples", |bench| {
        bench.iter(|| {
            let opts = accord_forecast::MonteCarloOptions {
                samples: 10_000,
                seed: 1,
            };
            let stop = std::sync::atomic::AtomicBool::new(false);
            black_box(accord_forecast::run_monte_carlo(&s, &opts, &stop, &|_| {}))
        });
    });
    g.finish();
}

criterion_group!(benches, eum, smp, monte_carlo);
criterion_main!(benches);
