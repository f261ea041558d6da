//! Unit tests of the lift-table splines' internals (the public behaviour is tested in
//! tests/lift_table.rs).

use super::bspline::{derivatives_at_knot, Knots};
use super::smoothing::smooth;
use super::*;

/// A smooth periodic lift: a few Fourier harmonics (degrees in, mm out).
fn harmonics(theta: f64) -> f64 {
    let w = std::f64::consts::PI / 180.0;
    [(1.0, 4.0, 0.3), (2.0, -1.5, 1.1), (3.0, 0.7, -0.4), (5.0, 0.2, 2.0)]
        .iter()
        .map(|&(k, a, phase): &(f64, f64, f64)| a * (k * w * theta + phase).sin())
        .sum::<f64>()
        + 5.0
}

/// Unevenly spaced angles (neighbouring widths differ by up to a factor 3), starting at `start`.
fn uneven_angles(n: usize, start: f64) -> Vec<f64> {
    (0..n).map(|i| start + 360.0 * (i as f64 + 0.25 * (i as f64 * 2.3).sin()) / n as f64).collect()
}

/// Every derivative up to the fourth meets itself at every knot, the 360 -> 0 wrap included,
/// to rounding: the Taylor coefficients' left limits against the next knot's values.
#[test]
fn pieces_meet_to_rounding_at_every_knot() {
    for (n, start) in [(8, 0.0), (37, -17.0), (360, 100.0), (3600, -17.0)] {
        let theta = uneven_angles(n, start);
        let lift: Vec<f64> = theta.iter().map(|&t| harmonics(t)).collect();
        let knots = Knots::new(&theta);
        let curve = interpolate(&knots, &lift).unwrap();
        let mut worst = [0.0f64; DEGREE];
        let mut scale = [0.0f64; DEGREE];
        for i in 0..n {
            let next = (i + 1) % n;
            let (h, h_next) = (knots.width(i as isize), knots.width(next as isize));
            let end = curve.at_end(i, lift[i]);
            for q in 0..DEGREE {
                let left = end[q] * factorial(q) / h.powi(q as i32);
                let right =
                    if q == 0 { lift[next] } else { curve.taylor[next][q] * factorial(q) / h_next.powi(q as i32) };
                worst[q] = worst[q].max((left - right).abs());
                scale[q] = scale[q].max(right.abs());
            }
        }
        for q in 0..DEGREE {
            assert!(worst[q] <= 1e-14 * scale[q], "n {n}: derivative {q} jumps by {:e} of {:e}", worst[q], scale[q]);
        }
    }
}

/// A dense, independent statement of the smoothing problem: B-spline coefficients c minimising
/// |y - A c|^2 + lambda c^T G c, with A the spline's values at the knots and G the exact integral
/// of the products of the basis splines' third derivatives (3-point Gauss per interval, exact for
/// these quartics), solved by Gaussian elimination. Small n only.
fn dense_smoothing(theta: &[f64], y: &[f64], lambda: f64) -> Vec<f64> {
    let n = theta.len();
    let knots = Knots::new(theta);
    let gauss = [(-0.774_596_669_241_483_4, 5.0 / 9.0), (0.0, 8.0 / 9.0), (0.774_596_669_241_483_4, 5.0 / 9.0)];
    // For basis spline j: its values at the knots, and its third derivative at the Gauss points.
    let mut values = vec![vec![0.0; n]; n];
    let mut third = vec![vec![0.0; 3 * n]; n];
    for j in 0..n {
        let mut c = vec![0.0; n];
        c[j] = 1.0;
        for i in 0..n {
            let d = derivatives_at_knot(&knots, &c, i);
            values[j][i] = d[0];
            for (g, (node, _)) in gauss.iter().enumerate() {
                let tau = 0.5 * (1.0 + node) * knots.width(i as isize);
                third[j][3 * i + g] = d[3] + d[4] * tau + d[5] * tau * tau / 2.0;
            }
        }
    }
    let mut m = vec![vec![0.0; n + 1]; n];
    for j in 0..n {
        for l in 0..n {
            let ata: f64 = (0..n).map(|i| values[j][i] * values[l][i]).sum();
            let g: f64 = (0..n)
                .map(|i| {
                    let half = 0.5 * knots.width(i as isize);
                    (0..3).map(|k| half * gauss[k].1 * third[j][3 * i + k] * third[l][3 * i + k]).sum::<f64>()
                })
                .sum();
            m[j][l] = ata + lambda * g;
        }
        m[j][n] = (0..n).map(|i| values[j][i] * y[i]).sum();
    }
    for k in 0..n {
        let best = (k..n).max_by(|&a, &b| m[a][k].abs().total_cmp(&m[b][k].abs())).unwrap();
        m.swap(k, best);
        for i in k + 1..n {
            let l = m[i][k] / m[k][k];
            for col in k..=n {
                m[i][col] -= l * m[k][col];
            }
        }
    }
    let mut c = vec![0.0; n];
    for k in (0..n).rev() {
        let s: f64 = (k + 1..n).map(|col| m[k][col] * c[col]).sum();
        c[k] = (m[k][n] - s) / m[k][k];
    }
    (0..n).map(|i| (0..n).map(|j| values[j][i] * c[j]).sum()).collect()
}

/// The Reinsch-form smoothing spline equals the dense normal-equations solution of the same
/// minimisation at the multiplier it found, and its RMS deviation is the one asked for.
#[test]
fn smoothing_matches_the_dense_minimisation() {
    let n = 24;
    let theta = uneven_angles(n, 10.0);
    let y: Vec<f64> =
        theta.iter().enumerate().map(|(i, &t)| harmonics(t) + 0.05 * ((i * 7919) % 13) as f64 / 13.0).collect();
    let knots = Knots::new(&theta);
    let mean = smoothing::mean(&y);
    let spread = (y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64).sqrt();
    // Down to a hair below the deviation of the constant mean (the heaviest smoothing).
    // (The dense normal equations' condition grows with lambda: near the mean (lambda ~ 1e12)
    // they carry 1e-9 of rounding themselves, while both solutions' objectives agree to 16
    // digits and the Reinsch form's deviation is the one asked for.)
    for (target, tolerance) in [
        (1e-4, 1e-12),
        (0.003, 1e-12),
        (0.01, 1e-12),
        (0.3, 1e-12),
        (1.0, 1e-12),
        (0.9 * spread, 1e-11),
        (0.999 * spread, 1e-9),
    ] {
        let s = smooth(&knots, &y, target).unwrap();
        let rms = (s.values.iter().zip(&y).map(|(u, v)| (u - v) * (u - v)).sum::<f64>() / n as f64).sqrt();
        assert!((rms / target - 1.0).abs() <= 1e-9, "target {target}: rms {rms}");
        let reference = dense_smoothing(&theta, &y, s.lambda);
        for (a, b) in s.values.iter().zip(&reference) {
            assert!((a - b).abs() <= tolerance * 10.0, "target {target}, lambda {:e}: {a} vs {b}", s.lambda);
        }
    }
}

/// When the constant is within the smoothing, the result is the mean, flat to the last bit.
#[test]
fn heavy_smoothing_gives_the_mean() {
    let theta = uneven_angles(20, 0.0);
    let y: Vec<f64> = theta.iter().map(|&t| harmonics(t)).collect();
    let p = Program::from_lift_table(&theta, &y, 1000.0, 100.0).unwrap();
    let mean = smoothing::mean(&y);
    let table = p.lift_table().unwrap();
    assert!(table.is_constant());
    for a in [0.0, 13.3, 359.9] {
        let k = p.kinematics(a);
        assert_eq!((k.displacement, k.velocity, k.acceleration, k.jerk), (mean, 0.0, 0.0, 0.0));
    }
}

/// A dense measured table smoothed at its noise level (the intended use) finds its multiplier.
#[test]
fn a_dense_noisy_table_smooths_at_its_noise_level() {
    let n = 3600;
    let theta: Vec<f64> = (0..n).map(|i| 360.0 * i as f64 / n as f64).collect();
    let mut state = 5u64;
    let lift: Vec<f64> = theta
        .iter()
        .map(|t| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let u = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
            5.0 + 4.0 * t.to_radians().sin() + 0.01 * 12f64.sqrt() * u
        })
        .collect();
    let knots = Knots::new(&theta);
    let s = smooth(&knots, &lift, 0.01).unwrap();
    let rms = (s.values.iter().zip(&lift).map(|(a, b)| (a - b).powi(2)).sum::<f64>() / n as f64).sqrt();
    assert!((rms / 0.01 - 1.0).abs() <= 1e-9, "{rms}");
    let truth = (s.values.iter().zip(&theta).map(|(a, t)| (a - 5.0 - 4.0 * t.to_radians().sin()).powi(2)).sum::<f64>()
        / n as f64)
        .sqrt();
    assert!(truth < 0.2 * 0.01, "{truth}");
}
