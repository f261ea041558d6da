//! Cams from lift tables (issue 11): interpolation to near machine precision with the error
//! falling at the spline's order, continuous jerk at every knot and across 360 -> 0, smoothing
//! that recovers a curve from noisy samples better than the noise, large tables through the
//! ordinary evaluation paths, and every bad input named.

use campro::{Program, Quantity, MAX_LIFT_TABLE_POINTS};

/// A smooth periodic lift (mm) and its derivatives per degree^k (the C, C++, Fortran and Python
/// suites use the same function).
fn harmonics(theta: f64, derivative: i32) -> f64 {
    let w = std::f64::consts::PI / 180.0;
    let terms = [(1.0, 4.0, 0.3), (2.0, -1.5, 1.1), (3.0, 0.7, -0.4), (5.0, 0.2, 2.0)];
    let sum: f64 = terms
        .iter()
        .map(|&(k, a, phase): &(f64, f64, f64)| {
            a * (k * w).powi(derivative)
                * (k * w * theta + phase + derivative as f64 * std::f64::consts::FRAC_PI_2).sin()
        })
        .sum();
    if derivative == 0 {
        sum + 5.0
    } else {
        sum
    }
}

/// Unevenly spaced angles (neighbouring widths differ by up to a factor 3), starting at `start`.
fn uneven(n: usize, start: f64) -> Vec<f64> {
    (0..n).map(|i| start + 360.0 * (i as f64 + 0.25 * (i as f64 * 2.3).sin()) / n as f64).collect()
}

fn table(n: usize, start: f64) -> (Vec<f64>, Vec<f64>) {
    let theta = uneven(n, start);
    let lift = theta.iter().map(|&t| harmonics(t, 0)).collect();
    (theta, lift)
}

/// Largest |program - harmonics| over 20001 angles of a turn and a bit more.
fn max_error(program: &Program) -> f64 {
    (0..=20_000)
        .map(|i| -20.0 + 400.0 * i as f64 / 20_000.0)
        .map(|t| (program.displacement(t) - harmonics(t, 0)).abs())
        .fold(0.0, f64::max)
}

#[test]
fn interpolation_is_exact_at_the_points_and_converges_at_order_six() {
    let mut errors = Vec::new();
    let ns = [40, 80, 160, 320, 1280];
    for n in ns {
        let (theta, lift) = table(n, -17.0);
        let program = Program::from_lift_table(&theta, &lift, 3000.0, 0.0).unwrap();
        let scale = lift.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for (&t, &s) in theta.iter().zip(&lift) {
            assert!((program.displacement(t) - s).abs() <= 1e-12 * scale, "n {n}, at {t}");
        }
        errors.push(max_error(&program));
    }
    let slopes: Vec<f64> = errors.windows(2).map(|e| (e[0] / e[1]).log2()).collect();
    println!("max errors {errors:?}, observed orders {slopes:?}");
    for &slope in &slopes[..3] {
        assert!((5.5..6.8).contains(&slope), "order {slope} (errors {errors:?})");
    }
    // 1280 points: near machine precision between the points too (the lift is about 10 mm).
    assert!(errors[4] <= 1e-12, "{errors:?}");
}

#[test]
fn derivatives_converge_to_the_function_s() {
    let (theta, lift) = table(360, 0.0);
    let program = Program::from_lift_table(&theta, &lift, 1000.0, 0.0).unwrap();
    let dps: f64 = 6000.0;
    for i in 0..720 {
        let t = 0.5 * i as f64 + 0.123;
        let k = program.kinematics(t);
        assert!((k.velocity - harmonics(t, 1) * dps).abs() <= 1e-8 * dps, "{t}");
        assert!((k.acceleration - harmonics(t, 2) * dps.powi(2)).abs() <= 1e-6 * dps.powi(2) * 1e-2, "{t}");
        assert!((k.jerk - harmonics(t, 3) * dps.powi(3)).abs() <= 1e-4 * dps.powi(3) * 1e-4, "{t}");
    }
}

#[test]
fn jerk_is_continuous_at_every_knot_and_across_the_wrap() {
    // Rough data (not from a smooth function): continuity must come from the spline itself.
    let theta = uneven(97, 5.0);
    let mut state = 99u64;
    let lift: Vec<f64> = theta
        .iter()
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64 * 8.0
        })
        .collect();
    let program = Program::from_lift_table(&theta, &lift, 3000.0, 0.0).unwrap();
    let peak = |q: Quantity| (0..36_000).map(|i| q.of(&program.kinematics(i as f64 * 0.01)).abs()).fold(0.0, f64::max);
    let (pv, pa, pj) = (peak(Quantity::Velocity), peak(Quantity::Acceleration), peak(Quantity::Jerk));
    let mut knots: Vec<f64> = theta.iter().map(|t| t.rem_euclid(360.0)).collect();
    knots.push(0.0); // 360 -> 0
    for &k in &knots {
        // Left limit: just below the knot (360 itself for the wrap); right limit: at the knot.
        let below = if k == 0.0 { 360.0 - 1e-9 } else { k - 1e-9 };
        let (l, r) = (program.kinematics(below), program.kinematics(k));
        // Over 1e-9 degrees each quantity moves by at most its derivative times 1e-9: the
        // bounds below hold only if nothing jumps.
        assert!((l.displacement - r.displacement).abs() <= 1e-9 * pv / 18000.0 + 1e-12, "s at {k}");
        assert!((l.velocity - r.velocity).abs() <= 1e-9 * (pa / 18000.0) + 1e-9 * pv, "v at {k}");
        assert!((l.acceleration - r.acceleration).abs() <= 1e-9 * pa + 1e-9 * (pj / 18000.0), "a at {k}");
        assert!((l.jerk - r.jerk).abs() <= 1e-9 * pj, "jerk at {k}: {} vs {} (peak {pj})", l.jerk, r.jerk);
    }
}

#[test]
fn smoothing_recovers_the_curve_better_than_the_noise() {
    let theta: Vec<f64> = (0..720).map(|i| i as f64 * 0.5).collect();
    let sigma = 0.02;
    // Box-Muller normal noise from a seeded LCG.
    let mut state = 2026u64;
    let mut uniform = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let noise: Vec<f64> = (0..720)
        .map(|_| sigma * (-2.0 * uniform().ln()).sqrt() * (2.0 * std::f64::consts::PI * uniform()).cos())
        .collect();
    let noisy: Vec<f64> = theta.iter().zip(&noise).map(|(&t, e)| harmonics(t, 0) + e).collect();
    let program = Program::from_lift_table(&theta, &noisy, 3000.0, sigma).unwrap();
    let table = program.lift_table().unwrap();
    assert!((table.rms_deviation() / sigma - 1.0).abs() <= 1e-6, "{}", table.rms_deviation());
    let truth_rms = (theta.iter().map(|&t| (program.displacement(t) - harmonics(t, 0)).powi(2)).sum::<f64>()
        / theta.len() as f64)
        .sqrt();
    println!("noise sigma {sigma}, fit vs truth RMS {truth_rms}");
    assert!(truth_rms < 0.3 * sigma, "{truth_rms}");
    // Interpolating the noise instead keeps it all (and more between the points).
    let raw = Program::from_lift_table(&theta, &noisy, 3000.0, 0.0).unwrap();
    let raw_rms = (theta.iter().map(|&t| (raw.displacement(t) - harmonics(t, 0)).powi(2)).sum::<f64>() / 720.0).sqrt();
    assert!(raw_rms > 0.8 * sigma, "{raw_rms}");
}

#[test]
fn a_3600_point_table_is_an_ordinary_program() {
    let (theta, lift) = table(3600, 0.05);
    let program = Program::from_lift_table(&theta, &lift, 3000.0, 0.0).unwrap();
    assert!(program.segments().is_empty());
    let angles: Vec<f64> = (0..100_003).map(|i| -400.0 + i as f64 * 0.0111).collect();
    let mut batch = vec![0.0; angles.len()];
    let mut parallel = vec![0.0; angles.len()];
    program.displacement_batch(&angles, &mut batch).unwrap();
    program.displacement_parallel(&angles, &mut parallel).unwrap();
    for ((&a, &b), &p) in angles.iter().zip(&batch).zip(&parallel) {
        let s = program.displacement(a);
        assert_eq!(s.to_bits(), b.to_bits(), "batch at {a}");
        assert_eq!(s.to_bits(), p.to_bits(), "parallel at {a}");
        assert!((s - harmonics(a, 0)).abs() <= 1e-13 * 12.0, "{a}: {s}");
    }
    for (&t, &s) in theta.iter().zip(&lift) {
        assert_eq!(program.displacement(t), s, "at the point {t}");
    }
    let analysis = program.analyze(36_000).unwrap();
    assert!((analysis.max_velocity / (harmonics_peak(1) * 18000.0) - 1.0).abs() < 1e-3);
    let bc = program.boundary_condition_at_time(0.001);
    assert_eq!(bc.displacement, program.displacement(18.0));
}

fn harmonics_peak(derivative: i32) -> f64 {
    (0..360_000).map(|i| harmonics(i as f64 * 0.001, derivative).abs()).fold(0.0, f64::max)
}

#[test]
fn bad_tables_are_named() {
    let (theta, lift) = table(12, 0.0);
    let message = |t: &[f64], s: &[f64], rpm: f64, smoothing: f64| {
        Program::from_lift_table(t, s, rpm, smoothing).unwrap_err().to_string()
    };
    let with = |v: &[f64], i: usize, x: f64| {
        let mut v = v.to_vec();
        v[i] = x;
        v
    };
    let cases = [
        (message(&theta[..7], &lift[..7], 3000.0, 0.0), "n = 7: a lift table needs at least 8 points"),
        (message(&theta, &lift[..11], 3000.0, 0.0), "lift_mm.len = 11"),
        (
            message(&with(&theta, 4, 90.0), &with(&lift, 3, 1.0), 3000.0, 0.0),
            "theta_deg[4] = 90: the angles must increase strictly (theta_deg[3] = 94.33",
        ),
        (message(&with(&theta, 4, 10.0), &lift, 3000.0, 0.0), "theta_deg[4] = 10: the angles must increase strictly"),
        (message(&with(&theta, 11, 360.0), &lift, 3000.0, 0.0), "theta_deg[11] = 360: the table spans 360 degrees"),
        (message(&with(&theta, 11, 1e300), &lift, 3000.0, 0.0), "theta_deg[11] = 1e300: the table spans"),
        (message(&with(&theta, 2, f64::NAN), &lift, 3000.0, 0.0), "theta_deg[2] = NaN: must be finite"),
        (message(&theta, &with(&lift, 6, f64::NEG_INFINITY), 3000.0, 0.0), "lift_mm[6] = -inf: must be finite"),
        (message(&theta, &with(&lift, 6, 2e6), 3000.0, 0.0), "lift_mm[6] = 2000000: |lift| above the maximum"),
        (message(&theta, &lift, 3000.0, -0.5), "smoothing = -0.5: must be finite and >= 0"),
        (message(&theta, &lift, 3000.0, f64::NAN), "smoothing = NaN"),
        (message(&theta, &lift, 0.0, 0.0), "rpm = 0: must be finite and > 0"),
    ];
    for (got, want) in cases {
        assert!(got.starts_with(want), "{got}\n  does not start with {want}");
    }
    let too_many = vec![0.0; MAX_LIFT_TABLE_POINTS + 1];
    assert!(message(&too_many, &too_many, 3000.0, 0.0).starts_with("n = 100001: above the maximum"));
    // A measured table may dip below 0: kept as measured.
    let dipping = with(&lift, 3, -0.01);
    let program = Program::from_lift_table(&theta, &dipping, 3000.0, 0.0).unwrap();
    assert_eq!(program.displacement(theta[3]), -0.01);
    assert!(program.lift_table().unwrap().min_lift() <= -0.01);
}
