//! Issue 16: campro against the CamProV5 engine's approach (benches/camprov5_engine/), on the
//! engine's own benchmark workloads, in one criterion run, default cam at 3000 rpm.
//!
//! Groups (`benches/report.py` prints the table; `--issue16` runs only this bench):
//! - `v5/scalar/<quantity>`: one call per point over 65,536 random angles (times for
//!   `boundary_condition_at_time`), summed;
//! - `v5/<call>/<order>/<n>`: `displacement_parallel` .. `jerk_parallel`,
//!   `kinematics_parallel` and `boundary_conditions` at 100 .. 1,000,000 points, the inputs
//!   `random` or `sorted` (the same values ascending, as a time history is);
//! - `v5/analyze_kinematics/<n>`.
//!
//! Each group has the functions `baseline` (the engine, returning a fresh `Vec`) and `campro`
//! (the `Program` API into caller-owned buffers). Before measuring, each workload's results of
//! the two are compared (to 1e-9 of each quantity's peak): a baseline that computed something
//! else would be no baseline.

mod camprov5_engine;
mod common;

use campro::{BoundaryCondition, KinematicsSlices, Program};
use camprov5_engine::Engine;
use common::{angles, program, times};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput};
use std::hint::black_box;

const RPM: f64 = 3000.0;
const SCALAR_POINTS: usize = 1 << 16;
const SIZES: [usize; 5] = [100, 1_000, 10_000, 100_000, 1_000_000];
const ANALYSIS_SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// Each quantity's peak magnitude over the program (the comparisons' scale).
fn peaks(program: &Program) -> [f64; 4] {
    let mut peak = [0.0f64; 4];
    for i in 0..36_000 {
        let k = program.kinematics(i as f64 / 100.0);
        for (p, v) in peak.iter_mut().zip([k.displacement, k.velocity, k.acceleration, k.jerk]) {
            *p = p.max(v.abs());
        }
    }
    peak
}

fn assert_same(what: &str, engine: &[f64], campro: &[f64], peak: f64) {
    assert_eq!(engine.len(), campro.len());
    for (i, (e, c)) in engine.iter().zip(campro).enumerate() {
        assert!((e - c).abs() <= 1e-9 * peak, "{what}[{i}]: engine {e}, campro {c}");
    }
}

/// A group with criterion settings that keep a 1,000,000-point call to a few seconds.
fn group<'a>(c: &'a mut Criterion, name: &str, n: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(n as u64));
    if n >= 100_000 {
        g.sample_size(10).sampling_mode(SamplingMode::Flat);
    }
    g
}

fn scalar(c: &mut Criterion) {
    let program = program(RPM);
    let engine = Engine::from_program(&program);
    let peak = peaks(&program);
    let theta = angles(SCALAR_POINTS);
    let time = times(SCALAR_POINTS, RPM);
    type Pair<'a> = (&'a str, &'a dyn Fn(f64) -> f64, &'a dyn Fn(f64) -> f64, usize);
    let pairs: [Pair; 4] = [
        ("displacement", &|t| engine.displacement(t), &|t| program.displacement(t), 0),
        ("velocity", &|t| engine.velocity(t), &|t| program.velocity(t), 1),
        ("acceleration", &|t| engine.acceleration(t), &|t| program.acceleration(t), 2),
        ("jerk", &|t| engine.jerk(t), &|t| program.jerk(t), 3),
    ];
    for (name, e, p, q) in pairs {
        let ours: Vec<f64> = theta.iter().map(|&t| p(t)).collect();
        let theirs: Vec<f64> = theta.iter().map(|&t| e(t)).collect();
        assert_same(name, &theirs, &ours, peak[q]);
    }
    for &t in &time {
        let (e, o) = (engine.boundary_condition_at_time(t), program.boundary_condition_at_time(t));
        assert_same(
            "boundary_condition_at_time",
            &[e.displacement, e.velocity],
            &[o.displacement, o.velocity],
            peak[1],
        );
        assert_same("boundary_condition_at_time", &[e.acceleration], &[o.acceleration], peak[2]);
    }

    // Written out per quantity (not through the closures above) so each call inlines into its
    // loop, as a caller's code would have it.
    macro_rules! per_call {
        ($name:literal, $input:expr, $engine:expr, $campro:expr) => {{
            let mut g = group(c, concat!("v5/scalar/", $name), SCALAR_POINTS);
            g.bench_function("baseline", |b| b.iter(|| $input.iter().map(|&t| $engine(black_box(t))).sum::<f64>()));
            g.bench_function("campro", |b| b.iter(|| $input.iter().map(|&t| $campro(black_box(t))).sum::<f64>()));
            g.finish();
        }};
    }
    per_call!("displacement", theta, |t| engine.displacement(t), |t| program.displacement(t));
    per_call!("velocity", theta, |t| engine.velocity(t), |t| program.velocity(t));
    per_call!("acceleration", theta, |t| engine.acceleration(t), |t| program.acceleration(t));
    per_call!("jerk", theta, |t| engine.jerk(t), |t| program.jerk(t));
    per_call!("boundary_condition_at_time", time, |t| engine.boundary_condition_at_time(t).acceleration, |t| program
        .boundary_condition_at_time(t)
        .acceleration);
}

/// The inputs of one size: random order, and the same values sorted.
fn orders(values: Vec<f64>) -> [(&'static str, Vec<f64>); 2] {
    let mut sorted = values.clone();
    sorted.sort_by(f64::total_cmp);
    [("random", values), ("sorted", sorted)]
}

fn parallel(c: &mut Criterion) {
    let program = program(RPM);
    let engine = Engine::from_program(&program);
    let peak = peaks(&program);
    for n in SIZES {
        for ((order, theta), (_, time)) in orders(angles(n)).into_iter().zip(orders(times(n, RPM))) {
            let mut out = vec![0.0; n];
            let (mut d, mut v, mut a, mut j) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
            let mut bc = vec![BoundaryCondition::default(); n];

            // The same numbers first.
            program.kinematics_parallel(&theta, KinematicsSlices::all(&mut d, &mut v, &mut a, &mut j)).unwrap();
            assert_same("displacement_parallel", &engine.displacement_parallel(&theta), &d, peak[0]);
            assert_same("velocity_parallel", &engine.velocity_parallel(&theta), &v, peak[1]);
            assert_same("acceleration_parallel", &engine.acceleration_parallel(&theta), &a, peak[2]);
            assert_same("jerk_parallel", &engine.jerk_parallel(&theta), &j, peak[3]);
            let kin = engine.kinematics_parallel(&theta);
            assert_same("kinematics_parallel", &kin.iter().map(|k| k.jerk).collect::<Vec<_>>(), &j, peak[3]);
            program.boundary_conditions(&time, &mut bc).unwrap();
            let theirs = engine.boundary_conditions(&time);
            let field = |f: fn(&BoundaryCondition) -> f64| bc.iter().map(f).collect::<Vec<_>>();
            assert_same(
                "boundary_conditions",
                &theirs.iter().map(|b| b.displacement).collect::<Vec<_>>(),
                &field(|b| b.displacement),
                peak[0],
            );
            assert_same(
                "boundary_conditions",
                &theirs.iter().map(|b| b.acceleration).collect::<Vec<_>>(),
                &field(|b| b.acceleration),
                peak[2],
            );

            macro_rules! pair {
                ($name:literal, $engine:expr, $campro:expr) => {{
                    let mut g = group(c, &format!("v5/{}/{order}/{n}", $name), n);
                    g.bench_function("baseline", |b| b.iter(|| $engine));
                    g.bench_function("campro", |b| b.iter(|| $campro));
                    g.finish();
                }};
            }
            pair!(
                "displacement_parallel",
                engine.displacement_parallel(black_box(&theta)),
                program.displacement_parallel(black_box(&theta), &mut out)
            );
            pair!(
                "velocity_parallel",
                engine.velocity_parallel(black_box(&theta)),
                program.velocity_parallel(black_box(&theta), &mut out)
            );
            pair!(
                "acceleration_parallel",
                engine.acceleration_parallel(black_box(&theta)),
                program.acceleration_parallel(black_box(&theta), &mut out)
            );
            pair!(
                "jerk_parallel",
                engine.jerk_parallel(black_box(&theta)),
                program.jerk_parallel(black_box(&theta), &mut out)
            );
            pair!(
                "kinematics_parallel",
                engine.kinematics_parallel(black_box(&theta)),
                program.kinematics_parallel(black_box(&theta), KinematicsSlices::all(&mut d, &mut v, &mut a, &mut j))
            );
            pair!(
                "boundary_conditions",
                engine.boundary_conditions(black_box(&time)),
                program.boundary_conditions(black_box(&time), &mut bc)
            );
        }
    }
}

fn analysis(c: &mut Criterion) {
    let program = program(RPM);
    let engine = Engine::from_program(&program);
    let peak = peaks(&program);
    for n in ANALYSIS_SIZES {
        let (ours, theirs) = (program.analyze(n).unwrap(), engine.analyze_kinematics(n));
        assert_same("max_jerk", &[theirs.max_jerk, theirs.rms_jerk], &[ours.max_jerk, ours.rms_jerk], peak[3]);
        assert_same("max_acceleration", &[theirs.max_acceleration], &[ours.max_acceleration], peak[2]);
        let mut g = group(c, &format!("v5/analyze_kinematics/{n}"), n);
        g.bench_function("baseline", |b| b.iter(|| engine.analyze_kinematics(black_box(n))));
        g.bench_function("campro", |b| b.iter(|| program.analyze(black_box(n))));
        g.finish();
    }
}

criterion_group!(benches, scalar, parallel, analysis);
criterion_main!(benches);
