//! The guide's thread-scaling columns: every parallel call at 10,000 .. 1,000,000 points with
//! a pool of 1, 2, .. (cores) threads. The pool's size is fixed per process, so this bench runs
//! itself once per thread count (`CAMPRO_NUM_THREADS`), each child measuring with criterion into
//! its own group `scaling/<k>threads`; the parent then prints efficiency = t1 / (k * tk) from the
//! criterion estimates. `benches/report.py` prints the same table next to the guide's figures.

mod common;

use campro::{BoundaryCondition, KinematicsSlices};
use common::*;
use criterion::{BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;

const CHILD: &str = "CAMPRO_BENCH_SCALING_CHILD";
const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const FUNCTIONS: [&str; 7] = [
    "displacement_parallel",
    "velocity_parallel",
    "acceleration_parallel",
    "jerk_parallel",
    "kinematics_parallel",
    "boundary_conditions",
    "analyze_kinematics",
];

fn child(threads: usize) {
    let mut c = Criterion::default().configure_from_args();
    let program = program(3000.0);
    let mut g = c.benchmark_group(format!("scaling/{threads}threads"));
    for n in SIZES {
        g.throughput(Throughput::Elements(n as u64));
        let theta = angles(n);
        let time = times(n, 3000.0);
        let mut out = vec![0.0; n];
        let (mut d, mut v, mut a, mut j) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        let mut bc = vec![BoundaryCondition::default(); n];
        g.bench_function(BenchmarkId::new("displacement_parallel", n), |b| {
            b.iter(|| program.displacement_parallel(&theta, &mut out))
        });
        g.bench_function(BenchmarkId::new("velocity_parallel", n), |b| {
            b.iter(|| program.velocity_parallel(&theta, &mut out))
        });
        g.bench_function(BenchmarkId::new("acceleration_parallel", n), |b| {
            b.iter(|| program.acceleration_parallel(&theta, &mut out))
        });
        g.bench_function(BenchmarkId::new("jerk_parallel", n), |b| b.iter(|| program.jerk_parallel(&theta, &mut out)));
        g.bench_function(BenchmarkId::new("kinematics_parallel", n), |b| {
            b.iter(|| {
                let out = KinematicsSlices::all(&mut d, &mut v, &mut a, &mut j);
                program.kinematics_parallel(&theta, out)
            })
        });
        g.bench_function(BenchmarkId::new("boundary_conditions", n), |b| {
            b.iter(|| program.boundary_conditions(&time, &mut bc))
        });
        g.bench_function(BenchmarkId::new("analyze_kinematics", n), |b| b.iter(|| program.analyze(black_box(n))));
    }
    g.finish();
    c.final_summary();
}

/// Criterion's median estimate (ns) of `scaling/<k>threads/<function>/<n>`.
fn median_ns(threads: usize, function: &str, n: usize) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        // benches run from target/release/deps/<exe>
        let exe = std::env::current_exe().expect("the bench's path");
        exe.ancestors().nth(3).expect("target dir").to_path_buf()
    });
    let path = target.join(format!("criterion/scaling_{threads}threads/{function}/{n}/new/estimates.json"));
    let text = std::fs::read_to_string(path).ok()?;
    // The JSON's "median": {... "point_estimate": X ...}; no JSON crate needed for one number.
    let median = &text[text.find("\"median\"")?..];
    let value = &median[median.find("\"point_estimate\":")? + 17..];
    value[..value.find([',', '}'])?].trim().parse().ok()
}

fn main() {
    if let Ok(threads) = std::env::var(CHILD) {
        child(threads.parse().expect("thread count"));
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let exe = std::env::current_exe().expect("the bench's own path");
    for threads in 1..=cores {
        let status = std::process::Command::new(&exe)
            .args(std::env::args_os().skip(1))
            .env(CHILD, threads.to_string())
            .env("CAMPRO_NUM_THREADS", threads.to_string())
            .status()
            .expect("run the bench once per thread count");
        assert!(status.success(), "the {threads}-thread run failed");
    }
    println!("\nThread scaling (median ns/point; efficiency = t1 / (k * tk))");
    print!("{:<24} {:>10}", "function", "points");
    for k in 1..=cores {
        print!(" {:>9}", format!("{k} thr"));
    }
    for k in 2..=cores {
        print!(" {:>8}", format!("eff {k}"));
    }
    println!();
    for function in FUNCTIONS {
        for n in SIZES {
            let t: Vec<Option<f64>> = (1..=cores).map(|k| median_ns(k, function, n)).collect();
            print!("{function:<24} {n:>10}");
            for tk in &t {
                match tk {
                    Some(tk) => print!(" {:>9.3}", tk / n as f64),
                    None => print!(" {:>9}", "-"),
                }
            }
            for (k, tk) in t.iter().enumerate().skip(1) {
                match (t[0], tk) {
                    (Some(t1), Some(tk)) => print!(" {:>7.0}%", 100.0 * t1 / ((k + 1) as f64 * tk)),
                    _ => print!(" {:>8}", "-"),
                }
            }
            println!();
        }
    }
}
