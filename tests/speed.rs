//! Variable cam speed (issue 11.3): rpm piecewise linear in time. The time-based kinematics
//! follow the chain rule exactly (checked against the closed form of a cycloidal rise under a
//! speed ramp, and against finite differences in time); the cam angle stays exact far into a
//! run (against exact rational arithmetic); scalar, batch and parallel agree to the bit;
//! run-up tables keep their tolerance; bad profiles are named.

use campro::{
    BoundaryCondition, Error, Parameters, Program, Quantity, Segment, TableFormat, MAX_RPM_RATE, MAX_TIME_S,
    TIME_ANGLE_TOLERANCE_DEG,
};
use std::f64::consts::PI;

fn default_cam() -> Program {
    Program::from_parameters(&Parameters::default()).unwrap()
}

/// A single cycloidal rise of `lift` mm over the whole turn is not a valid program (it must
/// return to 0), so: the default cam (cycloidal rise 10 mm over 0..90 degrees), whose rise is
/// `s(theta) = L (u - sin(2 pi u) / (2 pi))`, u = theta / 90, with exact derivatives in theta.
fn cycloid(theta: f64) -> [f64; 4] {
    let (l, beta) = (10.0, 90.0);
    let u = theta / beta;
    let w = 2.0 * PI * u;
    [
        l * (u - w.sin() / (2.0 * PI)),
        l / beta * (1.0 - w.cos()),
        l / beta * (2.0 * PI / beta) * w.sin(),
        l / beta * (2.0 * PI / beta).powi(2) * w.cos(),
    ]
}

/// The closed form of the chain rule for the rise under a linear ramp from `r0` rpm at t = 0
/// with slope `k` rpm/s: theta = 6 (r0 t + k t^2 / 2) degrees, theta' = 6 rpm, theta'' = 6 k.
fn ramp_closed_form(r0: f64, k: f64, t: f64) -> (f64, [f64; 4]) {
    let theta = 6.0 * (r0 * t + 0.5 * k * t * t);
    let (w, alpha) = (6.0 * (r0 + k * t), 6.0 * k);
    let [s, s1, s2, s3] = cycloid(theta);
    (theta, [s, s1 * w, s2 * w * w + s1 * alpha, s3 * w * w * w + 3.0 * s2 * w * alpha])
}

#[test]
fn a_speed_ramp_follows_the_closed_form_chain_rule() {
    // 0 -> 3000 rpm in 0.05 s: the rise (0..90 degrees) is passed during the ramp.
    let (r0, k) = (0.0, 60_000.0);
    let program = default_cam().with_speed_profile(&[0.0, 0.05], &[r0, 3000.0]).unwrap();
    let mut checked = 0;
    for i in 1..1000 {
        let t = 0.05 * i as f64 / 1000.0;
        let (theta, expected) = ramp_closed_form(r0, k, t);
        if theta >= 90.0 {
            break;
        }
        let got = program.kinematics_at_time(t);
        let bc = program.boundary_condition_at_time(t);
        assert_eq!((bc.displacement, bc.velocity, bc.acceleration), (got.displacement, got.velocity, got.acceleration));
        let scales = [10.0, 4000.0, 2.6e6, 3.2e9];
        for (q, (g, e)) in [got.displacement, got.velocity, got.acceleration, got.jerk].iter().zip(expected).enumerate()
        {
            assert!((g - e).abs() <= 1e-11 * scales[q], "t = {t} (theta {theta}): quantity {q}: {g} vs {e}");
        }
        checked += 1;
    }
    // theta = 180000 t^2 passes 90 degrees at t = 0.0224 s.
    assert!(checked > 400, "{checked}");
}

/// Velocity, acceleration and jerk are the time derivatives of displacement, velocity and
/// acceleration: central differences in time match them inside each linear piece of the profile,
/// for a run-up, a coast-down through 0 rpm into reverse, and a hold.
#[test]
fn finite_differences_in_time_match() {
    let program = default_cam()
        .with_speed_profile(&[0.0, 0.4, 0.6, 1.0, 1.3], &[500.0, 4000.0, 4000.0, -1500.0, -1500.0])
        .unwrap();
    let knots = [0.0, 0.4, 0.6, 1.0, 1.3];
    let h = 1e-6;
    let mut checked = 0;
    for i in 0..2000 {
        let t = -0.1 + 1.5 * i as f64 / 2000.0 + 1.234e-5;
        if knots.iter().any(|&k| (t - k).abs() < 4.0 * h) {
            continue;
        }
        let at = |t: f64| program.kinematics_at_time(t);
        let (before, here, after) = (at(t - h), at(t), at(t + h));
        let fd = |a: f64, b: f64| (b - a) / (2.0 * h);
        // Finite differences carry O(h^2) truncation and rounding/h: tolerances relative to the
        // quantity's scale at 4000 rpm.
        let checks = [
            (fd(before.displacement, after.displacement), here.velocity, 5300.0),
            (fd(before.velocity, after.velocity), here.acceleration, 4.5e6),
            (fd(before.acceleration, after.acceleration), here.jerk, 7.2e9),
        ];
        for (q, (difference, exact, scale)) in checks.into_iter().enumerate() {
            // Jumps of the law itself (the cycloid's ends) are not where a difference works.
            if (here.displacement <= 1e-6 || here.displacement >= 10.0 - 1e-6) && q > 0 {
                continue;
            }
            assert!(
                (difference - exact).abs() <= 2e-5 * scale,
                "t = {t}: derivative {} : {difference} vs {exact}",
                q + 1
            );
        }
        checked += 1;
    }
    assert!(checked > 1900, "{checked}");
}

/// `x = m * 2^e` with m odd (or zero); x > 0.
fn decompose(x: f64) -> (i128, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let (mut m, mut e) = ((bits & ((1 << 52) - 1)) | (1 << 52), exponent - 1075);
    while m % 2 == 0 {
        m /= 2;
        e += 1;
    }
    (m as i128, e)
}

/// An exact non-negative rational p / q.
#[derive(Clone, Copy, Debug)]
struct Rational(i128, i128);

impl Rational {
    fn of(x: f64) -> Rational {
        if x == 0.0 {
            return Rational(0, 1);
        }
        let (m, e) = decompose(x.abs());
        let m = if x < 0.0 { -m } else { m };
        if e >= 0 {
            Rational(m << e, 1)
        } else {
            Rational(m, 1i128 << (-e))
        }
    }
    fn reduce(self) -> Rational {
        let (mut a, mut b) = (self.0.abs(), self.1.abs());
        while b != 0 {
            (a, b) = (b, a % b);
        }
        let g = a.max(1);
        Rational(self.0 / g, self.1 / g)
    }
    fn add(self, o: Rational) -> Rational {
        Rational(self.0 * o.1 + o.0 * self.1, self.1 * o.1).reduce()
    }
    fn mul(self, o: Rational) -> Rational {
        Rational(self.0 * o.0, self.1 * o.1).reduce()
    }
    fn sub(self, o: Rational) -> Rational {
        self.add(Rational(-o.0, o.1))
    }
    fn div(self, o: Rational) -> Rational {
        let (p, q) = if o.0 < 0 { (-o.1, -o.0) } else { (o.1, o.0) };
        self.mul(Rational(p, q))
    }
    /// 360 * frac(self), rounded to a double.
    fn angle(self) -> f64 {
        let r = self.0.rem_euclid(self.1);
        let (whole, rest) = ((360 * r) / self.1, (360 * r) % self.1);
        whole as f64 + rest as f64 / self.1 as f64
    }
}

/// The exact turns of the piecewise-linear rpm through `points` from time 0 to `t`, with the
/// profile held outside its points, as a rational.
fn exact_turns(points: &[(f64, f64)], t: f64) -> Rational {
    let r = |x: f64| Rational::of(x);
    let sixty = Rational(60, 1);
    // Turns from the first point to time x.
    let turns_to = |x: f64| -> Rational {
        let mut total = Rational(0, 1);
        let (t0, r0) = points[0];
        if x <= t0 {
            return r(x).sub(r(t0)).mul(r(r0)).div(sixty);
        }
        for w in points.windows(2) {
            let ((ta, ra), (tb, rb)) = (w[0], w[1]);
            let end = if x < tb { x } else { tb };
            // rpm(s) = ra + (rb - ra) (s - ta) / (tb - ta): integral over [ta, end].
            let d = r(end).sub(r(ta));
            let slope = r(rb).sub(r(ra)).div(r(tb).sub(r(ta)));
            let integral = d.mul(r(ra)).add(slope.mul(d).mul(d).div(Rational(2, 1)));
            total = total.add(integral.div(sixty));
            if x < tb {
                return total;
            }
        }
        let (tn, rn) = points[points.len() - 1];
        total.add(r(x).sub(r(tn)).mul(r(rn)).div(sixty))
    };
    turns_to(t).sub(turns_to(0.0))
}

fn circular_distance(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

/// Far into a run the cam angle is still within TIME_ANGLE_TOLERANCE_DEG of 360 * frac(exact
/// turns), the exact integral of the profile (times and rpms chosen so that the exact integral
/// fits 128-bit rationals), through ramps, holds, reversals, before the first point and after
/// the last.
#[test]
fn the_angle_is_exact_far_into_a_run() {
    let profiles: [&[(f64, f64)]; 3] = [
        &[(0.0, 600.0), (1000.5, 4200.0), (250_000.25, -1800.0), (1e8, 7000.0)],
        &[(-5e5, 3000.0), (-0.125, 3000.0), (0.5, 6000.0), (7.75e8, 6000.5)],
        &[(1.0, 0.0), (2.0, 60.0)],
    ];
    let mut checked = 0;
    for points in profiles {
        let (times, rpms): (Vec<f64>, Vec<f64>) = points.iter().copied().unzip();
        let program = default_cam().with_speed_profile(&times, &rpms).unwrap();
        let mut times_checked: Vec<f64> = Vec::new();
        for &p in &times {
            times_checked.extend([p, p + 0.0625, p - 1.5, p + 12345.6875]);
        }
        for k in 0..200 {
            // Dyadic times (so the reference stays exact), spread over |t| <= 1e9 s.
            let t = ((k as f64 * 0.618_033_988_749_894_9).fract() * 2e9 - 1e9).round() / 64.0 * 64.0 + 0.015625;
            times_checked.push(t);
        }
        for t in times_checked {
            if t.abs() > MAX_TIME_S {
                continue;
            }
            let exact = exact_turns(points, t).angle();
            let got = program.angle_at_time(t);
            assert!(
                circular_distance(got, exact) <= TIME_ANGLE_TOLERANCE_DEG,
                "{points:?} at t = {t}: {got} vs exact {exact} ({:e} off)",
                circular_distance(got, exact)
            );
            checked += 1;
        }
    }
    assert!(checked > 600, "{checked}");
}

#[test]
fn scalar_batch_and_parallel_give_the_same_bits() {
    let program = default_cam().with_speed_profile(&[0.0, 2.0, 3.0, 50.0], &[0.0, 6000.0, 5000.0, 5200.0]).unwrap();
    let times: Vec<f64> = (0..100_000).map(|i| -1.0 + 60.0 * ((i as f64 * 0.754_877_666) % 1.0)).collect();
    let mut batch = vec![BoundaryCondition::default(); times.len()];
    let mut parallel = batch.clone();
    program.boundary_conditions_batch(&times, &mut batch).unwrap();
    program.boundary_conditions(&times, &mut parallel).unwrap();
    for (i, &t) in times.iter().enumerate() {
        let scalar = program.boundary_condition_at_time(t);
        assert_eq!(scalar, batch[i], "t = {t}");
        assert_eq!(scalar, parallel[i], "t = {t}");
        let k = program.kinematics_at_time(t);
        assert_eq!(scalar, k.boundary_condition());
    }
    // Rejected times: NaN there, the rest written, the first named.
    let mut bad_times = times[..10].to_vec();
    bad_times[3] = f64::NAN;
    bad_times[7] = 2e10;
    let mut out = vec![BoundaryCondition::default(); 10];
    let err = program.boundary_conditions_batch(&bad_times, &mut out).unwrap_err();
    assert!(matches!(err, Error::NonFiniteInput { index: 3, count: 2, .. }), "{err:?}");
    assert!(out[3].displacement.is_nan() && out[7].velocity.is_nan() && out[4].displacement.is_finite());
}

/// Angle-based values are the program's at its own rpm; time-based ones at the profile's.
#[test]
fn angle_based_values_stay_the_reference_programs() {
    let reference = default_cam();
    let varying = reference.with_speed_profile(&[0.0, 1.0], &[100.0, 9000.0]).unwrap();
    for theta in [0.0, 10.0, 45.0, 123.0, 300.0] {
        assert_eq!(varying.kinematics(theta), reference.kinematics(theta));
    }
    assert_eq!(varying.rpm(), 3000.0);
    assert_eq!(varying.analyze(3600).unwrap(), reference.analyze(3600).unwrap());
    assert_eq!(varying.rpm_at_time(0.5), 4550.0);
    assert_eq!(varying.rpm_at_time(-2.0), 100.0);
    assert_eq!(varying.rpm_at_time(7.0), 9000.0);
    assert!(varying.at_constant_speed().speed_profile().is_none());
}

/// Zero and negative speeds: a stopped cam holds its lift with zero velocity; a reversed one
/// runs the lift backwards (velocity changes sign, acceleration does not).
#[test]
fn stopped_and_reversed_cams() {
    let program = default_cam().with_speed_profile(&[0.0], &[0.0]).unwrap();
    let k = program.kinematics_at_time(123.0);
    assert_eq!((k.displacement, k.velocity, k.acceleration, k.jerk), (0.0, 0.0, 0.0, 0.0));
    let forward = default_cam().with_speed_profile(&[0.0], &[3000.0]).unwrap();
    let backward = default_cam().with_speed_profile(&[0.0], &[-3000.0]).unwrap();
    // Backwards from angle 0 the cam reaches 360 - x: the fall, mirrored.
    let t = 0.001;
    let (f, b) = (forward.kinematics_at_time(-t), backward.kinematics_at_time(t));
    assert!((f.displacement - b.displacement).abs() < 1e-12);
    assert!((f.velocity + b.velocity).abs() < 1e-9);
    assert!((f.acceleration - b.acceleration).abs() < 1e-6);
}

/// A run-up table: 0 -> 6050 rpm over 0.1 s (ending mid-rise, at 15 degrees) then held. The
/// exported table keeps its tolerance against the exact chain-rule curve everywhere (dense
/// independent check), every profile point in the span is one of its times, and it says so in
/// its header.
#[test]
fn run_up_tables_keep_their_tolerance() {
    let program = default_cam().with_speed_profile(&[0.0, 0.1, 0.2], &[0.0, 6050.0, 6050.0]).unwrap();
    for (quantity, tolerance) in
        [(Quantity::Displacement, 1e-6), (Quantity::Velocity, 1e-3), (Quantity::Acceleration, 1.0)]
    {
        let table = program.table(quantity, 0.0, 0.12, tolerance).unwrap();
        assert!(table.max_error <= tolerance, "{quantity:?}: {}", table.max_error);
        // The speed point inside the span (where the angular acceleration jumps) is a point.
        assert!(table.times.contains(&0.1), "{quantity:?}: 0.1 s is not a point");
        assert_eq!(table.speed_points, vec![(0.0, 0.0), (0.1, 6050.0), (0.2, 6050.0)]);
        // Independent dense check between the points (ramps excluded).
        let mut worst = 0.0f64;
        for i in 0..table.len() - 1 {
            if table.jumps.contains(&i) {
                continue;
            }
            let (t0, t1) = (table.times[i], table.times[i + 1]);
            for s in 1..8 {
                let t = t0 + (t1 - t0) * s as f64 / 8.0;
                let exact = quantity.of(&program.kinematics_at_time(t));
                worst = worst.max((table.interpolate(t) - exact).abs());
            }
        }
        // Values as computed (not rounded to 13 digits as written): within the tolerance.
        assert!(worst <= tolerance * 1.0001, "{quantity:?}: {worst}");
        let mut text = Vec::new();
        table.write(TableFormat::AbaqusAmplitude, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("cam speed piecewise linear in time through 3 (time, rpm) points"), "{text}");
    }
    // The acceleration jumps at the end of the ramp (alpha drops to 0 while the cam rises): a
    // ramp in the table, just before 0.1 s.
    let table = program.table(Quantity::Acceleration, 0.0, 0.12, 1.0).unwrap();
    assert_eq!(table.jumps.len(), 1);
    assert_eq!(table.times[table.jumps[0] + 1], 0.1);
}

#[test]
fn bad_profiles_are_named() {
    let p = default_cam();
    let message = |t: &[f64], r: &[f64]| p.with_speed_profile(t, r).unwrap_err().to_string();
    assert!(message(&[1.0, 0.5], &[1.0, 2.0])
        .starts_with("time_s[1] = 0.5: the times must increase strictly (time_s[0] = 1)"));
    assert!(message(&[0.0, 1.0, f64::INFINITY], &[1.0, 2.0, 3.0]).starts_with("time_s[2] = inf: must be finite"));
    assert!(message(&[0.0, 1.0], &[1.0, f64::NAN]).starts_with("rpm[1] = NaN: must be finite"));
    assert!(message(&[0.0], &[1.5e6]).starts_with("rpm[0] = 1500000: |rpm| above the maximum 1000000 rpm (MAX_RPM)"));
    let steep = message(&[0.0, 1e-12], &[0.0, 10.0]);
    assert!(steep.contains(&format!("faster than MAX_RPM_RATE = {MAX_RPM_RATE}")), "{steep}");
    assert!(message(&[], &[]).starts_with("n = 0: a speed profile needs at least one"));
}

/// A lift table under a speed profile: both at once.
#[test]
fn a_lift_table_cam_can_run_up_too() {
    let theta: Vec<f64> = (0..72).map(|i| i as f64 * 5.0).collect();
    let lift: Vec<f64> = theta.iter().map(|t| 4.0 * (1.0 - (t * PI / 180.0).cos())).collect();
    let cam = Program::from_lift_table(&theta, &lift, 1000.0, 0.0).unwrap();
    let run_up = cam.with_speed_profile(&[0.0, 1.0], &[0.0, 3000.0]).unwrap();
    let table = run_up.table(Quantity::Displacement, 0.0, 1.0, 1e-5).unwrap();
    assert!(table.max_error <= 1e-5);
    assert!(run_up.lift_table().is_some());
    // And a segment-built cam keeps its segments.
    let segments = [
        Segment { law: campro::Law::Cycloidal, duration: 180.0, end_lift: 5.0 },
        Segment { law: campro::Law::Cycloidal, duration: 180.0, end_lift: 0.0 },
    ];
    let p = Program::from_segments(&segments, 600.0).unwrap().with_speed_profile(&[0.0], &[600.0]).unwrap();
    assert_eq!(p.segments().len(), 2);
}
