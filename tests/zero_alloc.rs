//! Every evaluation call allocates nothing: scalar, batch, parallel (below and above the
//! parallel threshold, so the pool's workers run too) and analysis, through the Rust API and the
//! C ABI. A counting global allocator sees every allocation of every thread of this process
//! (it runs without the libtest harness (`harness = false` in Cargo.toml), so no other test and no
//! harness thread, such as the one that reports tests running over 60 s, allocates meanwhile).

use campro::ffi::*;
use campro::{BoundaryCondition, KinematicsSlices, Parameters, Program, PARALLEL_THRESHOLD};
#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::count;

fn main() {
    no_call_allocates();
    println!("zero_alloc: 1 passed, 0 failed");
}

fn no_call_allocates() {
    let program = Program::from_parameters(&Parameters::default()).unwrap();
    let mut params = std::mem::MaybeUninit::<CamproParameters>::uninit();
    let motion = unsafe {
        campro_parameters_default(params.as_mut_ptr());
        let mut m = std::ptr::null_mut();
        assert_eq!(campro_motion_new(params.as_ptr(), &mut m), CAMPRO_OK);
        m
    };
    // Above the threshold, so the pool's workers take parts (several parts per thread).
    let big = PARALLEL_THRESHOLD + 4099;
    let theta: Vec<f64> = (0..big).map(|i| (i as f64 * 7.31) % 2000.0 - 700.0).collect();
    let times: Vec<f64> = theta.iter().map(|a| a / 18_000.0).collect();
    let (mut d, mut v, mut a, mut j) = (vec![0.0; big], vec![0.0; big], vec![0.0; big], vec![0.0; big]);
    let mut bc = vec![BoundaryCondition::default(); big];
    let mut analysis = std::mem::MaybeUninit::<CamproAnalysis>::uninit();

    let mut calls = |n: usize| {
        let (t, tm) = (&theta[..n], &times[..n]);
        let mut sink = 0.0;
        for &x in t.iter().take(100) {
            sink += program.displacement(x) + program.velocity(x) + program.acceleration(x) + program.jerk(x);
            sink += program.kinematics(x).jerk + program.boundary_condition_at_time(x / 18_000.0).velocity;
            unsafe {
                sink += campro_displacement(motion, x) + campro_velocity(motion, x);
                sink += campro_acceleration(motion, x) + campro_jerk(motion, x);
                sink += campro_kinematics(motion, x).jerk + campro_boundary_condition_at_time(motion, x).displacement;
            }
        }
        std::hint::black_box(sink);
        program.displacement_batch(t, &mut d[..n]).unwrap();
        program.jerk_batch(t, &mut d[..n]).unwrap();
        program.displacement_parallel(t, &mut d[..n]).unwrap();
        program.velocity_parallel(t, &mut d[..n]).unwrap();
        program.acceleration_parallel(t, &mut d[..n]).unwrap();
        program.jerk_parallel(t, &mut d[..n]).unwrap();
        let all = KinematicsSlices::all(&mut d[..n], &mut v[..n], &mut a[..n], &mut j[..n]);
        program.kinematics_parallel(t, all).unwrap();
        let some = KinematicsSlices { velocity: Some(&mut v[..n]), jerk: Some(&mut j[..n]), ..Default::default() };
        program.kinematics_batch(t, some).unwrap();
        program.boundary_conditions(tm, &mut bc[..n]).unwrap();
        program.boundary_conditions_batch(tm, &mut bc[..n]).unwrap();
        program.analyze(n).unwrap();
        unsafe {
            let (p, o) = (t.as_ptr(), d.as_mut_ptr());
            assert_eq!(campro_displacement_batch(motion, p, o, n), CAMPRO_OK);
            assert_eq!(campro_displacement_parallel(motion, p, o, n), CAMPRO_OK);
            assert_eq!(campro_jerk_parallel(motion, p, o, n), CAMPRO_OK);
            let (vo, ao, jo) = (v.as_mut_ptr(), a.as_mut_ptr(), j.as_mut_ptr());
            assert_eq!(campro_kinematics_parallel(motion, p, n, o, vo, ao, jo), CAMPRO_OK);
            assert_eq!(campro_kinematics_batch(motion, p, n, o, std::ptr::null_mut(), ao, jo), CAMPRO_OK);
            let out = bc.as_mut_ptr().cast::<CamproBoundaryCondition>();
            assert_eq!(campro_boundary_conditions(motion, tm.as_ptr(), n, out), CAMPRO_OK);
            assert_eq!(campro_analyze_kinematics(motion, n, analysis.as_mut_ptr()), CAMPRO_OK);
        }
    };

    // The counter sees allocations (so a zero below means something).
    assert_eq!(count(|| drop(std::hint::black_box(vec![1u8; 10]))), (1, 10));
    // Warm-up: starts the pool's threads and reads the environment once.
    calls(big);
    for n in [1, 100, PARALLEL_THRESHOLD - 1, PARALLEL_THRESHOLD, big] {
        // On the pool, 64 rounds: an allocation amortised over many calls (like the block
        // rayon's job queue allocates every 63 jobs) shows too.
        let rounds = if n >= PARALLEL_THRESHOLD { 64 } else { 8 };
        let (allocations, bytes) = count(|| {
            for _ in 0..rounds {
                calls(n);
            }
        });
        assert_eq!(
            (allocations, bytes),
            (0, 0),
            "{n} points: {allocations} allocations, {bytes} bytes in {rounds} rounds"
        );
    }
    unsafe { campro_motion_free(motion) };
}
