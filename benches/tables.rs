//! The guide's two non-timing tables: memory per call (a counting global allocator sees every
//! allocation of every thread) and numerical stability over 100 rotations of 3600 points.

mod common;

use campro::{BoundaryCondition, Kinematics, Program};
use common::*;
#[path = "../tests/common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::count as allocated;

fn memory(program: &Program) {
    println!("Memory per call (library allocations; the caller owns the input/output arrays)");
    println!(
        "{:<22} {:>10} {:>12} {:>14} {:>18} {:>14}",
        "function", "points", "allocations", "library bytes", "caller arrays MB", "guide MB"
    );
    let guide = |f: &str, n: usize| match (f, n) {
        ("analyze_kinematics", 10_000) => "0.78",
        ("analyze_kinematics", 100_000) => "7.81",
        ("analyze_kinematics", 1_000_000) => "78.13",
        ("boundary_conditions", 10_000) => "0.47",
        ("boundary_conditions", 100_000) => "4.69",
        ("boundary_conditions", 1_000_000) => "46.88",
        _ => "-",
    };
    program.analyze(1_000_000).unwrap(); // starts the pool
    for n in [10_000, 100_000, 1_000_000] {
        let (count, bytes) = allocated(|| {
            program.analyze(n).unwrap();
        });
        println!(
            "{:<22} {n:>10} {count:>12} {bytes:>14} {:>18.2} {:>14}",
            "analyze_kinematics",
            0.0,
            guide("analyze_kinematics", n)
        );
    }
    for n in [10_000, 100_000, 1_000_000] {
        let time = times(n, program.rpm());
        let mut out = vec![BoundaryCondition::default(); n];
        let (count, bytes) = allocated(|| program.boundary_conditions(&time, &mut out).unwrap());
        // 8 bytes of time in, 24 bytes (displacement, velocity, acceleration) out per point.
        let caller = (n * 32) as f64 / (1024.0 * 1024.0);
        println!(
            "{:<22} {n:>10} {count:>12} {bytes:>14} {caller:>18.2} {:>14}",
            "boundary_conditions",
            guide("boundary_conditions", n)
        );
    }
    println!();
}

fn stability(program: &Program) {
    const ROTATIONS: usize = 100;
    const PER_ROTATION: usize = 3600;
    let plain = Plain::new(program.rpm());
    let period = program.period();
    let first: Vec<Kinematics> = (0..PER_ROTATION).map(|i| program.kinematics(i as f64 * 0.1)).collect();
    let (mut by_angle, mut by_time, mut vs_closed_form) = ([0.0f64; 3], [0.0f64; 3], [0.0f64; 3]);
    for k in 0..ROTATIONS {
        for (i, k0) in first.iter().enumerate() {
            let theta = (k * 360) as f64 + i as f64 * 0.1;
            let a = program.kinematics(theta);
            let t = (k * PER_ROTATION + i) as f64 / PER_ROTATION as f64 * period;
            let b = program.boundary_condition_at_time(t);
            let exact = plain.kinematics(theta);
            for (q, (x, y, z, e)) in [
                (a.displacement, k0.displacement, b.displacement, exact[0]),
                (a.velocity, k0.velocity, b.velocity, exact[1]),
                (a.acceleration, k0.acceleration, b.acceleration, exact[2]),
            ]
            .into_iter()
            .enumerate()
            {
                by_angle[q] = by_angle[q].max((x - y).abs());
                by_time[q] = by_time[q].max((z - y).abs());
                vs_closed_form[q] = vs_closed_form[q].max((x - e).abs());
            }
        }
    }
    let peaks = program.analyze(36_000).unwrap();
    let peak = [program.max_lift(), peaks.max_velocity, peaks.max_acceleration];
    println!(
        "Numerical stability: {ROTATIONS} rotations x {PER_ROTATION} points = {} points",
        ROTATIONS * PER_ROTATION
    );
    println!(
        "{:<24} {:>14} {:>12} {:>14} {:>12} {:>16} {:>10}",
        "quantity", "by angle, max", "/ peak", "by time, max", "/ peak", "closed form/peak", "guide"
    );
    for (q, (name, guide)) in
        [("displacement (mm)", "< 1e-10"), ("velocity (mm/s)", "< 1e-8"), ("acceleration (mm/s^2)", "< 1e-6")]
            .iter()
            .enumerate()
    {
        println!(
            "{name:<24} {:>14.3e} {:>12.3e} {:>14.3e} {:>12.3e} {:>16.3e} {guide:>10}",
            by_angle[q],
            by_angle[q] / peak[q],
            by_time[q],
            by_time[q] / peak[q],
            vs_closed_form[q] / peak[q]
        );
    }
    println!("by angle: f(360 k + i/10) - f(i/10); by time: f((k + i/3600) periods) - f(i/10 degrees).");
    println!("Both differences come from rounding the input (360 k + i/10 and t * 18000 deg/s are not");
    println!("exact in binary); the reduction itself is exact, so nothing accumulates over the turns.");
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` lists criterion benches; this file has none
    }
    let program = program(3000.0);
    memory(&program);
    stability(&program);
}
