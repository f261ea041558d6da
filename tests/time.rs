//! Time to cam angle far into a run: the reduced angle matches 360 * frac(t * rpm / 60)
//! computed exactly with integer arithmetic, within TIME_ANGLE_TOLERANCE_DEG, for |t| up to
//! MAX_TIME_S at every accepted rpm; times beyond the limit are rejected like non-finite ones;
//! scalar, batch and parallel give the same bits at late times.
//!
//! (A plain product t * 6 rpm, as before, is off by about ulp(6 rpm t) / 2: 0.002 degrees at
//! t = 1e9 s and 7000 rpm, which the first test catches.)

use campro::{BoundaryCondition, Error, Parameters, Program, MAX_RPM, MAX_TIME_S, MIN_RPM, TIME_ANGLE_TOLERANCE_DEG};

/// `x = m * 2^e` with m odd (or zero).
fn decompose(x: f64) -> (u64, i32) {
    assert!(x.is_finite() && x > 0.0);
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let (mut m, mut e) = if exponent == 0 {
        (bits & ((1 << 52) - 1), -1074)
    } else {
        ((bits & ((1 << 52) - 1)) | (1 << 52), exponent - 1075)
    };
    while m % 2 == 0 {
        m /= 2;
        e += 1;
    }
    (m, e)
}

/// 360 * frac(t * rpm / 60) for t > 0, exactly as a rational, rounded to the nearest double
/// (error <= ulp(360) / 2 + 2^-52), with integer arithmetic only.
fn exact_angle(t: f64, rpm: f64) -> f64 {
    let (mt, et) = decompose(t);
    let (mr, er) = decompose(rpm);
    let n = u128::from(mt) * u128::from(mr); // < 2^106
    let e = et + er;
    if e >= 0 {
        // An integer number of sixtieths of a turn: (n 2^e mod 60) * 6 degrees.
        let mut r = n % 60;
        for _ in 0..e {
            r = (r * 2) % 60;
        }
        return (r * 6) as f64;
    }
    // turns = n / (60 2^k); angle = 360 (n mod 60 2^k) / (60 2^k) = 6 r / 2^k.
    let k = (-e) as u32;
    assert!(k <= 119, "t = {t}, rpm = {rpm}: k = {k} is beyond this reference's integer range");
    let r = n % (60u128 << k);
    let six_r = 6 * r;
    let whole = six_r >> k;
    let rest = six_r & ((1u128 << k) - 1);
    whole as f64 + rest as f64 * 2f64.powi(-(k as i32))
}

fn program(rpm: f64) -> Program {
    Program::from_parameters(&Parameters { rpm, ..Parameters::default() }).unwrap()
}

/// Distance on the circle, degrees.
fn circular_distance(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

const ULP_360: f64 = 256.0 * f64::EPSILON;

#[test]
fn angle_at_time_is_exact_far_into_a_run() {
    // The reference's own rounding is subtracted from the documented bound.
    let allowed = TIME_ANGLE_TOLERANCE_DEG - ULP_360 / 2.0 - 2.0 * f64::EPSILON;
    let mut worst: f64 = 0.0;
    let mut checked = 0;
    for rpm in [3000.0, 7000.0, 1_234.567_89, 6_000.000_001, 59.999_999_999_999_99, MAX_RPM, 1e-3, MIN_RPM] {
        let p = program(rpm);
        for base in [1e3, 1e6, 1e9, 1e10, MAX_TIME_S] {
            for i in 0..200 {
                // Times spread over one ulp-rich neighbourhood of `base`, at and below it.
                let t = base * (1.0 - i as f64 * 1.2345e-7) - (i as f64) * 0.0137;
                if t <= 0.0 || rpm == MIN_RPM && base < 1e6 {
                    continue;
                }
                for t in [t, -t] {
                    let got = p.angle_at_time(t);
                    let want = if t > 0.0 { exact_angle(t, rpm) } else { 360.0 - exact_angle(-t, rpm) };
                    let error = circular_distance(got, want);
                    assert!(
                        (0.0..=360.0).contains(&got) && error <= allowed,
                        "rpm {rpm}, t = {t:e}: got {got}, exact {want}, error {error:e} deg"
                    );
                    worst = worst.max(error);
                    checked += 1;
                }
            }
        }
    }
    println!("{checked} times checked, worst error {worst:e} deg = {:.3} ulp of 360", worst / ULP_360);
}

#[test]
fn whole_and_quarter_turns_are_exact() {
    // 3840 rpm = 64 turns/s: t = k / 64 s is k whole turns, + 1/256 s a quarter turn.
    let p = program(3840.0);
    for k in [0.0, 1.0, 1e3, 6.4e10, 6.4e11 - 1.0] {
        let t = k / 64.0;
        assert_eq!(p.angle_at_time(t), 0.0, "t = {t}");
        assert_eq!(p.angle_at_time(t + 1.0 / 256.0), 90.0, "t = {t}");
        assert_eq!(p.angle_at_time(-t - 1.0 / 256.0), 270.0, "t = {t}");
    }
    // 3000 rpm = 50 turns/s: every whole second is a whole number of turns.
    let p = program(3000.0);
    for t in [1e3, 1e6, 1e9, MAX_TIME_S] {
        assert_eq!(p.angle_at_time(t), 0.0, "t = {t}");
        assert_eq!(p.boundary_condition_at_time(t), p.boundary_condition_at_time(0.0));
    }
}

#[test]
fn late_times_agree_bitwise_on_every_path() {
    let p = program(7000.0);
    for base in [1e3, 1e6, 1e9, MAX_TIME_S - 10.0] {
        // Above the parallel threshold, so the pool's workers take parts too.
        let times: Vec<f64> = (0..40_000).map(|i| base + i as f64 * 1.37e-4 - 2.0).collect();
        let mut batch = vec![BoundaryCondition::default(); times.len()];
        let mut parallel = batch.clone();
        p.boundary_conditions_batch(&times, &mut batch).unwrap();
        p.boundary_conditions(&times, &mut parallel).unwrap();
        for (i, &t) in times.iter().enumerate() {
            let scalar = p.boundary_condition_at_time(t);
            let bits = |b: &BoundaryCondition| [b.displacement, b.velocity, b.acceleration].map(f64::to_bits);
            assert_eq!(bits(&scalar), bits(&batch[i]), "t = {t}");
            assert_eq!(bits(&scalar), bits(&parallel[i]), "t = {t}");
            assert!(scalar.displacement.is_finite() && scalar.acceleration.is_finite());
        }
    }
}

#[test]
fn times_beyond_the_limit_are_rejected_like_non_finite_ones() {
    let p = program(3000.0);
    let above = f64::from_bits(MAX_TIME_S.to_bits() + 1);
    assert!(p.angle_at_time(MAX_TIME_S).is_finite() && p.angle_at_time(-MAX_TIME_S).is_finite());
    for t in [above, -above, 1e11, -1e300, f64::MAX, f64::INFINITY, f64::NAN] {
        assert!(p.angle_at_time(t).is_nan(), "t = {t}");
        let bc = p.boundary_condition_at_time(t);
        assert!(bc.displacement.is_nan() && bc.velocity.is_nan() && bc.acceleration.is_nan(), "t = {t}");
    }
    let times = [0.001, 2e10, MAX_TIME_S, f64::NAN, -3e12];
    let mut out = [BoundaryCondition::default(); 5];
    for parallel in [false, true] {
        let result = if parallel {
            p.boundary_conditions(&times, &mut out)
        } else {
            p.boundary_conditions_batch(&times, &mut out)
        };
        let err = result.unwrap_err();
        assert!(matches!(err, Error::NonFiniteInput { field: "time_s", index: 1, count: 3, .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message
                .starts_with("time_s[1] = 20000000000: beyond the time limit |time_s| <= 10000000000 s (MAX_TIME_S)"),
            "{message}"
        );
        assert!(out[1].displacement.is_nan() && out[3].velocity.is_nan() && out[4].acceleration.is_nan());
        assert_eq!(out[0], p.boundary_condition_at_time(0.001));
        assert_eq!(out[2], p.boundary_condition_at_time(MAX_TIME_S));
    }
    // Inside whole eight- and 64-lane groups too (the SIMD kernels' own range checks).
    let times: Vec<f64> = (0..1000)
        .map(|i| match i % 7 {
            3 => 2e10 + i as f64,
            5 => -(1e11 + i as f64),
            _ => i as f64 * 0.37 + 1e9,
        })
        .collect();
    let mut out = vec![BoundaryCondition::default(); times.len()];
    let err = p.boundary_conditions_batch(&times, &mut out).unwrap_err();
    assert!(matches!(err, Error::NonFiniteInput { index: 3, count: 286, .. }), "{err:?}");
    for (t, b) in times.iter().zip(&out) {
        let want = p.boundary_condition_at_time(*t);
        let bits = |b: &BoundaryCondition| [b.displacement, b.velocity, b.acceleration].map(f64::to_bits);
        assert_eq!(bits(b), bits(&want), "t = {t}");
        assert_eq!(b.displacement.is_nan(), t.abs() > MAX_TIME_S);
    }
}
