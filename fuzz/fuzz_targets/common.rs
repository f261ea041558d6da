//! What every fuzz target asserts about an accepted program: finite displacement, velocity,
//! acceleration and jerk at every finite angle and every accepted time, the same bits from the
//! batch kernels as from scalar calls, and a finite analysis.

use campro::{BoundaryCondition, KinematicsSlices, Program, MAX_TIME_S};

/// Checks `program` at fixed angles (a grid, every segment start and its neighbours), at the
/// fuzzer's `extra` values read as angles and as times, and through the analysis.
pub fn check_program(program: &Program, extra: &[f64]) {
    let mut angles: Vec<f64> = (0..=720).map(|i| i as f64 * 0.5 - 0.25).collect();
    for start in program.segment_starts() {
        angles.extend([start, start - 1e-9, start + 1e-9, start + 360.0, start - 720.0]);
    }
    angles.extend(extra.iter().copied().filter(|x| x.is_finite()));
    for &theta in &angles {
        let k = program.kinematics(theta);
        assert!(
            k.displacement.is_finite() && k.velocity.is_finite() && k.acceleration.is_finite() && k.jerk.is_finite(),
            "non-finite kinematics at {theta} deg: {k:?} (rpm {}, segments {:?})",
            program.rpm(),
            program.segments()
        );
    }
    let n = angles.len();
    let (mut d, mut v, mut a, mut j) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    program.kinematics_batch(&angles, KinematicsSlices::all(&mut d, &mut v, &mut a, &mut j)).unwrap();
    for (i, &theta) in angles.iter().enumerate() {
        let k = program.kinematics(theta);
        let want = [k.displacement, k.velocity, k.acceleration, k.jerk].map(f64::to_bits);
        assert_eq!([d[i], v[i], a[i], j[i]].map(f64::to_bits), want, "batch != scalar at {theta}");
    }
    let mut times: Vec<f64> = extra.iter().copied().filter(|t| t.abs() <= MAX_TIME_S).collect();
    times.extend([0.0, MAX_TIME_S, -MAX_TIME_S, program.period() * 0.37]);
    let mut out = vec![BoundaryCondition::default(); times.len()];
    program.boundary_conditions_batch(&times, &mut out).unwrap();
    for (&t, b) in times.iter().zip(&out) {
        assert!(b.displacement.is_finite() && b.velocity.is_finite() && b.acceleration.is_finite(), "t = {t}: {b:?}");
        assert_eq!(*b, program.boundary_condition_at_time(t));
    }
    let analysis = program.analyze(1000).expect("an accepted program's analysis succeeds");
    assert!(analysis.rms_jerk.is_finite() && analysis.max_jerk.is_finite() && analysis.max_velocity.is_finite());
}
