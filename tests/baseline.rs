//! Issue 16's baseline (benches/camprov5_engine/, the CamProV5 engine's approach rebuilt from
//! the issue) computes campro's numbers: a baseline that computed something else would be no
//! baseline. Every law, rises and falls, random and boundary angles, times, and the engine's
//! rayon calls, to 1e-9 of each quantity's peak over the program.

#[path = "../benches/camprov5_engine/mod.rs"]
mod camprov5_engine;

use campro::{BoundaryCondition, KinematicsSlices, Law, Parameters, Program, Segment};
use camprov5_engine::Engine;

const TOLERANCE: f64 = 1e-9;

fn programs() -> Vec<Program> {
    let mut list = vec![Program::from_parameters(&Parameters::default()).unwrap()];
    for (rise_law, fall_law) in [
        (Law::ModifiedTrapezoidal, Law::ModifiedSine),
        (Law::Polynomial345, Law::Polynomial4567),
        (Law::SimpleHarmonic, Law::ConstantAcceleration),
        (Law::ModifiedSine, Law::Cycloidal),
    ] {
        let p = Parameters {
            rise_law,
            fall_law,
            rise_duration: 75.0,
            fall_duration: 110.0,
            dwell_duration: 20.0,
            max_lift: 8.5,
            rpm: 1750.0,
            ..Parameters::default()
        };
        list.push(Program::from_parameters(&p).unwrap());
    }
    let seg = |law, duration, end_lift| Segment { law, duration, end_lift };
    let double_lift = [
        seg(Law::Polynomial345, 60.0, 8.0),
        seg(Law::Dwell, 30.0, 8.0),
        seg(Law::ModifiedSine, 70.0, 2.0),
        seg(Law::Cycloidal, 40.0, 4.0),
        seg(Law::Polynomial4567, 40.0, 0.0),
        seg(Law::ModifiedTrapezoidal, 50.0, 3.0),
        seg(Law::SimpleHarmonic, 70.0, 0.0),
    ];
    list.push(Program::from_segments(&double_lift, 6000.0).unwrap());
    list
}

/// Angles over several turns, in random order, plus the segment joins and their neighbours.
fn angles(program: &Program) -> Vec<f64> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut list: Vec<f64> = (0..20_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            -720.0 + 1800.0 * ((state >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect();
    for start in program.segment_starts() {
        for offset in [0.0, 1e-9, 0.5, 360.0] {
            list.extend([start + offset, start + 360.0 - 1e-9 + offset.min(1e-9)]);
        }
    }
    list
}

/// Each quantity's peak magnitude over the program: the scale the tolerance is relative to.
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

fn close(what: &str, at: f64, engine: f64, campro: f64, peak: f64) {
    assert!(
        (engine - campro).abs() <= TOLERANCE * peak,
        "{what} at {at}: engine {engine}, campro {campro} (peak {peak})"
    );
}

/// The SH and constant-acceleration laws' acceleration jumps at their ends: there the two may
/// take different sides of the jump (campro: the segment starting at the join), a hair away.
fn on_a_jump(program: &Program, angle: f64) -> bool {
    let reduced = angle.rem_euclid(360.0);
    program.segment_starts().chain([360.0]).any(|s| (reduced - s).abs() < 1e-6)
}

#[test]
fn engine_matches_campro_angle_by_angle() {
    for program in programs() {
        let engine = Engine::from_program(&program);
        let peak = peaks(&program);
        assert!(peak.iter().all(|&p| p > 0.0));
        for theta in angles(&program) {
            let k = program.kinematics(theta);
            let e = engine.kinematics(theta);
            let jumps = on_a_jump(&program, theta);
            close("displacement", theta, engine.displacement(theta), k.displacement, peak[0]);
            close("displacement (all four)", theta, e.displacement, k.displacement, peak[0]);
            close("velocity", theta, engine.velocity(theta), k.velocity, peak[1]);
            close("velocity (all four)", theta, e.velocity, k.velocity, peak[1]);
            if !jumps {
                close("acceleration", theta, engine.acceleration(theta), k.acceleration, peak[2]);
                close("acceleration (all four)", theta, e.acceleration, k.acceleration, peak[2]);
                close("jerk", theta, engine.jerk(theta), k.jerk, peak[3]);
                close("jerk (all four)", theta, e.jerk, k.jerk, peak[3]);
            }
        }
    }
}

#[test]
fn engine_matches_campro_boundary_conditions() {
    for program in programs() {
        let engine = Engine::from_program(&program);
        let peak = peaks(&program);
        for theta in angles(&program) {
            let t = theta / program.degrees_per_second();
            let (bc, e) = (program.boundary_condition_at_time(t), engine.boundary_condition_at_time(t));
            close("boundary displacement", t, e.displacement, bc.displacement, peak[0]);
            close("boundary velocity", t, e.velocity, bc.velocity, peak[1]);
            if !on_a_jump(&program, theta) {
                close("boundary acceleration", t, e.acceleration, bc.acceleration, peak[2]);
            }
        }
    }
}

/// The rayon calls return what the scalar calls return, in order; so do campro's, and the
/// analysis agrees too.
#[test]
fn engine_parallel_calls_match_campro() {
    let program = Program::from_parameters(&Parameters::default()).unwrap();
    let engine = Engine::from_program(&program);
    let peak = peaks(&program);
    let theta = angles(&program);
    let n = theta.len();
    let times: Vec<f64> = theta.iter().map(|t| t / program.degrees_per_second()).collect();
    let (mut d, mut v, mut a, mut j) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    program.kinematics_parallel(&theta, KinematicsSlices::all(&mut d, &mut v, &mut a, &mut j)).unwrap();
    let mut bc = vec![BoundaryCondition::default(); n];
    program.boundary_conditions(&times, &mut bc).unwrap();
    let kin = engine.kinematics_parallel(&theta);
    let bcs = engine.boundary_conditions(&times);
    for (i, q) in [
        engine.displacement_parallel(&theta),
        engine.velocity_parallel(&theta),
        engine.acceleration_parallel(&theta),
        engine.jerk_parallel(&theta),
    ]
    .iter()
    .enumerate()
    {
        let ours = [&d, &v, &a, &j][i];
        for k in 0..n {
            close("parallel", theta[k], q[k], ours[k], peak[i]);
        }
    }
    for k in 0..n {
        close("kinematics_parallel displacement", theta[k], kin[k].displacement, d[k], peak[0]);
        close("kinematics_parallel jerk", theta[k], kin[k].jerk, j[k], peak[3]);
        close("boundary_conditions velocity", times[k], bcs[k].velocity, bc[k].velocity, peak[1]);
        close("boundary_conditions acceleration", times[k], bcs[k].acceleration, bc[k].acceleration, peak[2]);
    }
    for points in [1000, 100_000] {
        let (ours, theirs) = (program.analyze(points).unwrap(), engine.analyze_kinematics(points));
        close("max velocity", 0.0, theirs.max_velocity, ours.max_velocity, peak[1]);
        close("max acceleration", 0.0, theirs.max_acceleration, ours.max_acceleration, peak[2]);
        close("max jerk", 0.0, theirs.max_jerk, ours.max_jerk, peak[3]);
        close("rms acceleration", 0.0, theirs.rms_acceleration, ours.rms_acceleration, peak[2]);
        close("rms jerk", 0.0, theirs.rms_jerk, ours.rms_jerk, peak[3]);
    }
}
