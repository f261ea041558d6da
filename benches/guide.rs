//! The CamProV5 performance guide's timing tables, with the plain loop and the streaming floor
//! measured in the same run (see benches/README.md; `benches/report.py` prints the tables).
//!
//! Groups:
//! - `goals`: the table at 1,000,000 random angles (plain loop, floor, scalar through
//!   the C ABI, batch, parallel, kinematics, analysis).
//! - `single/<rpm>`: the guide's single-threaded table, per call, over 65,536 random angles.
//! - `parallel/<n>`: the guide's parallel table at 100 .. 1,000,000 points, both speeds.

mod common;

use campro::ffi::{
    campro_analyze_kinematics, campro_boundary_conditions, campro_displacement, campro_displacement_batch,
    campro_displacement_parallel, campro_kinematics_batch, campro_kinematics_parallel, campro_motion_free,
    campro_motion_new, campro_parameters_default, CamproAnalysis, CamproBoundaryCondition, CamproMotion,
    CamproParameters,
};
use campro::{BoundaryCondition, KinematicsSlices, Program};
use common::*;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::mem::MaybeUninit;

/// A C handle for the default cam at `rpm`.
fn motion(rpm: f64) -> *mut CamproMotion {
    unsafe {
        let mut p = MaybeUninit::<CamproParameters>::uninit();
        campro_parameters_default(p.as_mut_ptr());
        let mut p = p.assume_init();
        p.rpm = rpm;
        let mut m = std::ptr::null_mut();
        assert_eq!(campro_motion_new(&p, &mut m), 0);
        m
    }
}

type ScalarFn = unsafe extern "C" fn(*const CamproMotion, f64) -> f64;

fn check_plain_matches(program: &Program, plain: &Plain, theta: &[f64]) {
    for &t in theta.iter().take(10_000) {
        let (a, b) = (program.kinematics(t), plain.kinematics(t));
        assert!(
            (a.displacement - b[0]).abs() < 1e-9 && (plain.displacement(t) - b[0]).abs() < 1e-12,
            "plain loop at {t}"
        );
        assert!((a.jerk - b[3]).abs() < 1e-9 * b[3].abs().max(1e6), "plain jerk at {t}: {} vs {}", a.jerk, b[3]);
    }
}

fn goals(c: &mut Criterion) {
    const N: usize = 1_000_000;
    let rpm = 3000.0;
    let program = program(rpm);
    let plain = Plain::new(rpm);
    let theta = angles(N);
    check_plain_matches(&program, &plain, &theta);
    let m = motion(rpm);
    let mut out = vec![0.0; N];
    let (mut d, mut v, mut a, mut j) = (vec![0.0; N], vec![0.0; N], vec![0.0; N], vec![0.0; N]);
    let mut g = c.benchmark_group("goals");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("plain_loop", |b| b.iter(|| plain.displacement_loop(black_box(&theta), &mut out)));
    g.bench_function("plain_loop_all_four", |b| {
        b.iter(|| plain.kinematics_loop(black_box(&theta), &mut d, &mut v, &mut a, &mut j))
    });
    g.bench_function("plain_analyze", |b| b.iter(|| plain.analyze(black_box(N))));
    g.bench_function("streaming_floor", |b| b.iter(|| stream(black_box(&theta), &mut out)));
    g.bench_function("streaming_floor_all_four", |b| {
        b.iter(|| stream4(black_box(&theta), &mut d, &mut v, &mut a, &mut j))
    });
    // Through an opaque function pointer, as a caller of the shared library calls it.
    let scalar: ScalarFn = black_box(campro_displacement);
    g.bench_function("scalar_c_abi", |b| {
        b.iter(|| {
            for (o, &t) in out.iter_mut().zip(&theta) {
                *o = unsafe { scalar(m, t) };
            }
        })
    });
    g.bench_function("scalar_rust", |b| {
        b.iter(|| {
            for (o, &t) in out.iter_mut().zip(&theta) {
                *o = program.displacement(t);
            }
        })
    });
    g.bench_function("displacement_batch", |b| {
        b.iter(|| unsafe { campro_displacement_batch(m, theta.as_ptr(), out.as_mut_ptr(), N) })
    });
    g.bench_function("displacement_parallel", |b| {
        b.iter(|| unsafe { campro_displacement_parallel(m, theta.as_ptr(), out.as_mut_ptr(), N) })
    });
    g.bench_function("kinematics_batch", |b| {
        b.iter(|| unsafe {
            campro_kinematics_batch(
                m,
                theta.as_ptr(),
                N,
                d.as_mut_ptr(),
                v.as_mut_ptr(),
                a.as_mut_ptr(),
                j.as_mut_ptr(),
            )
        })
    });
    g.bench_function("kinematics_parallel", |b| {
        b.iter(|| unsafe {
            campro_kinematics_parallel(
                m,
                theta.as_ptr(),
                N,
                d.as_mut_ptr(),
                v.as_mut_ptr(),
                a.as_mut_ptr(),
                j.as_mut_ptr(),
            )
        })
    });
    let mut analysis = MaybeUninit::<CamproAnalysis>::uninit();
    g.bench_function("analyze_kinematics", |b| {
        b.iter(|| unsafe { campro_analyze_kinematics(m, N, analysis.as_mut_ptr()) })
    });
    g.finish();
    unsafe { campro_motion_free(m) };
}

fn single(c: &mut Criterion) {
    // Enough random angles that no branch predictor learns the plain loop's segment pattern.
    const N: usize = 1 << 16;
    for rpm in RPMS {
        let program = program(rpm);
        let plain = Plain::new(rpm);
        let theta = angles(N);
        let time = times(N, rpm);
        let mut g = c.benchmark_group(format!("single/{rpm}rpm"));
        g.throughput(Throughput::Elements(N as u64));
        g.bench_function("plain_loop", |b| {
            b.iter(|| theta.iter().map(|&t| plain.displacement(black_box(t))).sum::<f64>())
        });
        g.bench_function("plain_loop_all_four", |b| {
            b.iter(|| theta.iter().map(|&t| plain.kinematics(black_box(t))[3]).sum::<f64>())
        });
        let mut out = vec![0.0; N];
        g.bench_function("streaming_floor", |b| b.iter(|| stream(black_box(&theta), &mut out)));
        macro_rules! per_call {
            ($name:literal, $f:expr, $input:expr) => {
                g.bench_function($name, |b| b.iter(|| $input.iter().map(|&t| $f(black_box(t))).sum::<f64>()));
            };
        }
        per_call!("displacement", |t| program.displacement(t), theta);
        per_call!("velocity", |t| program.velocity(t), theta);
        per_call!("acceleration", |t| program.acceleration(t), theta);
        per_call!("jerk", |t| program.jerk(t), theta);
        per_call!("boundary_condition_at_time", |t| program.boundary_condition_at_time(t).acceleration, time);
        g.finish();
    }
}

fn parallel(c: &mut Criterion) {
    for n in SIZES {
        let mut g = c.benchmark_group(format!("parallel/{n}"));
        g.throughput(Throughput::Elements(n as u64));
        let theta = angles(n);
        let mut out = vec![0.0; n];
        let (mut d, mut v, mut a, mut j) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        let plain = Plain::new(3000.0);
        g.bench_function("plain_loop", |b| b.iter(|| plain.displacement_loop(black_box(&theta), &mut out)));
        g.bench_function("plain_loop_all_four", |b| {
            b.iter(|| plain.kinematics_loop(black_box(&theta), &mut d, &mut v, &mut a, &mut j))
        });
        g.bench_function("streaming_floor", |b| b.iter(|| stream(black_box(&theta), &mut out)));
        g.bench_function("streaming_floor_all_four", |b| {
            b.iter(|| stream4(black_box(&theta), &mut d, &mut v, &mut a, &mut j))
        });
        for rpm in RPMS {
            let program = program(rpm);
            let m = motion(rpm);
            let time = times(n, rpm);
            let mut bc = vec![BoundaryCondition::default(); n];
            let id = |name: &str| BenchmarkId::new(name, format!("{rpm}rpm"));
            g.bench_function(id("displacement_parallel"), |b| {
                b.iter(|| program.displacement_parallel(&theta, &mut out))
            });
            g.bench_function(id("velocity_parallel"), |b| b.iter(|| program.velocity_parallel(&theta, &mut out)));
            g.bench_function(id("acceleration_parallel"), |b| {
                b.iter(|| program.acceleration_parallel(&theta, &mut out))
            });
            g.bench_function(id("jerk_parallel"), |b| b.iter(|| program.jerk_parallel(&theta, &mut out)));
            g.bench_function(id("boundary_conditions"), |b| {
                b.iter(|| unsafe {
                    campro_boundary_conditions(m, time.as_ptr(), n, bc.as_mut_ptr().cast::<CamproBoundaryCondition>())
                })
            });
            g.bench_function(id("analyze_kinematics"), |b| b.iter(|| program.analyze(black_box(n))));
            g.bench_function(id("kinematics_parallel"), |b| {
                b.iter(|| {
                    let out = KinematicsSlices::all(&mut d, &mut v, &mut a, &mut j);
                    program.kinematics_parallel(&theta, out)
                })
            });
            if rpm == RPMS[0] {
                g.bench_function(id("displacement_batch"), |b| b.iter(|| program.displacement_batch(&theta, &mut out)));
                g.bench_function(id("boundary_conditions_batch"), |b| {
                    b.iter(|| program.boundary_conditions_batch(&time, &mut bc))
                });
            }
            unsafe { campro_motion_free(m) };
        }
        g.finish();
    }
}

criterion_group!(benches, goals, single, parallel);
criterion_main!(benches);
