//! The motion-law catalogue against closed forms and published peak coefficients.

use campro::{Kinematics, Law};
use std::f64::consts::PI;

const RISE_LAWS: [Law; 7] = [
    Law::Cycloidal,
    Law::SimpleHarmonic,
    Law::ModifiedTrapezoidal,
    Law::ModifiedSine,
    Law::Polynomial345,
    Law::Polynomial4567,
    Law::ConstantAcceleration,
];

fn eval(law: Law, u: f64) -> Kinematics {
    law.evaluate(u)
}

#[test]
fn every_rise_law_starts_at_0_ends_at_1_with_zero_velocity() {
    for law in RISE_LAWS {
        let start = eval(law, 0.0);
        let end = eval(law, 1.0);
        assert!(start.displacement.abs() < 1e-15, "{law}: f(0) = {}", start.displacement);
        assert!((end.displacement - 1.0).abs() < 1e-14, "{law}: f(1) = {}", end.displacement);
        assert!(start.velocity.abs() < 1e-14, "{law}: f'(0) = {}", start.velocity);
        assert!(end.velocity.abs() < 1e-13, "{law}: f'(1) = {}", end.velocity);
    }
}

#[test]
fn laws_with_zero_end_acceleration_have_it() {
    for law in [Law::Cycloidal, Law::ModifiedTrapezoidal, Law::ModifiedSine, Law::Polynomial345, Law::Polynomial4567] {
        let a0 = eval(law, 0.0).acceleration;
        let a1 = eval(law, 1.0).acceleration;
        assert!(a0.abs() < 1e-12 && a1.abs() < 1e-11, "{law}: f''(0) = {a0}, f''(1) = {a1}");
    }
    // Simple harmonic and constant acceleration do not: f''(0) = pi^2/2 and 4.
    assert!((eval(Law::SimpleHarmonic, 0.0).acceleration - PI * PI / 2.0).abs() < 1e-13);
    assert!((eval(Law::ConstantAcceleration, 0.0).acceleration - 4.0).abs() < 1e-13);
    // 4-5-6-7 also starts with zero jerk.
    assert!(eval(Law::Polynomial4567, 0.0).jerk.abs() < 1e-12);
}

#[test]
fn dwell_is_flat() {
    for u in [0.0, 0.3, 1.0] {
        assert_eq!(eval(Law::Dwell, u), Kinematics::default());
    }
}

/// max |f'|, |f''|, |f'''| over a fine grid (plus the exact zone ends).
fn peak_coefficients(law: Law) -> (f64, f64, f64) {
    let n = 400_000;
    let mut peaks = (0.0f64, 0.0f64, 0.0f64);
    for i in 0..=n {
        let k = eval(law, i as f64 / n as f64);
        peaks.0 = peaks.0.max(k.velocity.abs());
        peaks.1 = peaks.1.max(k.acceleration.abs());
        peaks.2 = peaks.2.max(k.jerk.abs());
    }
    peaks
}

fn same_to_4_digits(got: f64, published: f64) -> bool {
    // Published figures are rounded to 4-5 significant digits.
    ((got - published) / published).abs() < 6e-5
}

#[test]
fn peak_coefficients_equal_published_values() {
    let published = [
        (Law::Cycloidal, 2.0, 2.0 * PI, 4.0 * PI * PI),
        (Law::SimpleHarmonic, PI / 2.0, PI * PI / 2.0, PI * PI * PI / 2.0),
        (Law::ModifiedTrapezoidal, 2.0, 4.8881, 61.426),
        (Law::ModifiedSine, 1.7596, 5.5280, 69.466),
        (Law::Polynomial345, 1.875, 5.7735, 60.0),
        (Law::Polynomial4567, 2.1875, 7.5132, 52.5),
    ];
    for (law, cv, ca, cj) in published {
        let (v, a, j) = peak_coefficients(law);
        assert!(same_to_4_digits(v, cv), "{law}: Cv = {v}, published {cv}");
        assert!(same_to_4_digits(a, ca), "{law}: Ca = {a}, published {ca}");
        assert!(same_to_4_digits(j, cj), "{law}: Cj = {j}, published {cj}");
    }
    // Constant acceleration: Cv = 2, Ca = 4; its jerk is zero between the steps.
    let (v, a, j) = peak_coefficients(Law::ConstantAcceleration);
    assert!(same_to_4_digits(v, 2.0) && same_to_4_digits(a, 4.0) && j == 0.0, "{v} {a} {j}");
}

#[test]
fn closed_forms_of_the_simple_laws() {
    for i in 0..=100 {
        let u = i as f64 / 100.0;
        let c = eval(Law::Cycloidal, u);
        let w = 2.0 * PI * u;
        assert!((c.displacement - (u - w.sin() / (2.0 * PI))).abs() < 1e-15);
        assert!((c.velocity - (1.0 - w.cos())).abs() < 1e-14);
        assert!((c.acceleration - 2.0 * PI * w.sin()).abs() < 1e-13);
        assert!((c.jerk - 4.0 * PI * PI * w.cos()).abs() < 1e-12);

        let p = eval(Law::Polynomial345, u);
        assert!((p.displacement - (10.0 * u.powi(3) - 15.0 * u.powi(4) + 6.0 * u.powi(5))).abs() < 1e-14);
        assert!((p.jerk - (60.0 - 360.0 * u + 360.0 * u * u)).abs() < 1e-11);

        let h = eval(Law::SimpleHarmonic, u);
        assert!((h.displacement - (1.0 - (PI * u).cos()) / 2.0).abs() < 1e-15);
        assert!((h.jerk + PI.powi(3) / 2.0 * (PI * u).sin()).abs() < 1e-12);
    }
}

#[test]
fn finite_differences_of_each_law_match_its_derivatives() {
    let h = 1e-6;
    for law in RISE_LAWS {
        let breaks: Vec<f64> = law.pieces().as_slice().iter().map(|p| p.u0).collect();
        for i in 1..200 {
            let u = i as f64 / 200.0 + 0.0013;
            if u + h >= 1.0 || breaks.iter().any(|b| (u - b).abs() < 2.0 * h) {
                continue;
            }
            let (lo, mid, hi) = (eval(law, u - h), eval(law, u), eval(law, u + h));
            let fd = |a: f64, b: f64| (b - a) / (2.0 * h);
            assert!((fd(lo.displacement, hi.displacement) - mid.velocity).abs() < 1e-8, "{law} f' at {u}");
            assert!((fd(lo.velocity, hi.velocity) - mid.acceleration).abs() < 1e-7, "{law} f'' at {u}");
            assert!((fd(lo.acceleration, hi.acceleration) - mid.jerk).abs() < 1e-5, "{law} f''' at {u}");
        }
    }
}

#[test]
fn pieces_join_continuously_in_value_and_slope() {
    for law in RISE_LAWS {
        let pieces = law.pieces();
        for pair in pieces.as_slice().windows(2) {
            let u = pair[1].u0;
            let left = eval(law, u - 1e-12);
            let right = eval(law, u);
            assert!((left.displacement - right.displacement).abs() < 1e-11, "{law} at {u}");
            assert!((left.velocity - right.velocity).abs() < 1e-10, "{law} at {u}");
        }
    }
}

#[test]
fn codes_and_names_round_trip() {
    for (code, law) in Law::ALL.iter().enumerate() {
        assert_eq!(law.code(), code as i32);
        assert_eq!(Law::from_code(code as i32), Some(*law));
        assert_eq!(Law::from_name(law.name()), Some(*law));
    }
    assert_eq!(Law::from_code(8), None);
    assert_eq!(Law::from_code(-1), None);
    assert_eq!(Law::from_name("3-4-5"), Some(Law::Polynomial345));
    assert_eq!(Law::from_name("Modified Sine"), Some(Law::ModifiedSine));
    assert_eq!(Law::from_name("spline"), None);
}
