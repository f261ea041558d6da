//! Cam programs: physical values, derivative consistency, continuity, stability, validation.

use campro::{BoundaryCondition, Error, KinematicsSlices, Law, Parameters, Program, Quantity, Segment};
use std::f64::consts::PI;

fn default_program() -> Program {
    Program::from_parameters(&Parameters::default()).unwrap()
}

fn seg(law: Law, duration: f64, end_lift: f64) -> Segment {
    Segment { law, duration, end_lift }
}

/// A handful of valid programs exercising every law, rises and falls, several lifts and rpms.
fn programs() -> Vec<Program> {
    let mut list = vec![default_program()];
    for (rise, fall) in [
        (Law::ModifiedTrapezoidal, Law::ModifiedSine),
        (Law::Polynomial345, Law::Polynomial4567),
        (Law::SimpleHarmonic, Law::ConstantAcceleration),
        (Law::Cycloidal, Law::Polynomial345),
    ] {
        let p = Parameters {
            rise_law: rise,
            fall_law: fall,
            rise_duration: 75.0,
            fall_duration: 110.0,
            dwell_duration: 20.0,
            max_lift: 8.5,
            rpm: 1750.0,
            ..Parameters::default()
        };
        list.push(Program::from_parameters(&p).unwrap());
    }
    // A double-lift cam with asymmetric laws, no dwell at the start.
    let segments = [
        seg(Law::Polynomial345, 60.0, 8.0),
        seg(Law::Dwell, 30.0, 8.0),
        seg(Law::ModifiedSine, 70.0, 2.0),
        seg(Law::Cycloidal, 40.0, 4.0),
        seg(Law::Polynomial4567, 40.0, 0.0),
        seg(Law::ModifiedTrapezoidal, 50.0, 3.0),
        seg(Law::SimpleHarmonic, 70.0, 0.0),
    ];
    list.push(Program::from_segments(&segments, 6000.0).unwrap());
    list
}

fn joins(program: &Program) -> Vec<f64> {
    program.segment_starts().collect()
}

#[test]
fn default_cam_physical_values() {
    let p = default_program();
    // du/dt = 18000 deg/s / 90 deg = 200 1/s.
    assert!((p.displacement(45.0) - 5.0).abs() < 1e-12);
    assert!((p.displacement(100.0) - 10.0).abs() < 1e-12);
    assert!((p.displacement(180.0) - 5.0).abs() < 1e-12);
    assert_eq!(p.displacement(300.0), 0.0);
    assert!((p.velocity(45.0) - 4000.0).abs() < 1e-9);
    assert!((p.velocity(180.0) + 4000.0).abs() < 1e-9);
    assert!((p.acceleration(22.5) - 10.0 * 200.0 * 200.0 * 2.0 * PI).abs() < 1e-6);
    assert!((p.jerk(0.0) - 10.0 * 200f64.powi(3) * 4.0 * PI * PI).abs() < 1e-3);
    let a = p.analyze(36_000).unwrap();
    assert!((a.max_velocity - 4000.0).abs() < 1e-9, "{}", a.max_velocity);
    // The figures, 2.513e6 mm/s^2 and 3.158e9 mm/s^3, are the closed forms rounded.
    assert!((a.max_acceleration / (10.0 * 200.0 * 200.0 * 2.0 * PI) - 1.0).abs() < 1e-12, "{}", a.max_acceleration);
    assert!((a.max_jerk / (10.0 * 200f64.powi(3) * 4.0 * PI * PI) - 1.0).abs() < 1e-12, "{}", a.max_jerk);
    assert_eq!(format!("{:.3e} {:.3e}", a.max_acceleration, a.max_jerk), "2.513e6 3.158e9");
    assert!(a.velocity_violation && a.acceleration_violation && a.jerk_violation);
    // RMS over the turn: the cycloidal rise and fall each hold 1/4 of the angles with
    // mean sin^2 = 1/2, so rms_a = amax * sqrt(1/4), rms_j likewise.
    assert!((a.rms_acceleration / (a.max_acceleration * 0.5) - 1.0).abs() < 1e-6, "{}", a.rms_acceleration);
    assert!((a.rms_jerk / (a.max_jerk * 0.5) - 1.0).abs() < 1e-6, "{}", a.rms_jerk);
    // At 6000 rpm velocity doubles, acceleration x4, jerk x8.
    let fast = Program::from_parameters(&Parameters { rpm: 6000.0, ..Parameters::default() }).unwrap();
    assert!((fast.velocity(45.0) - 8000.0).abs() < 1e-8);
    assert!((fast.acceleration(22.5) / p.acceleration(22.5) - 4.0).abs() < 1e-14);
    assert!((fast.jerk(10.0) / p.jerk(10.0) - 8.0).abs() < 1e-14);
}

#[test]
fn generous_limits_are_not_violated() {
    let params =
        Parameters { velocity_limit: 5000.0, acceleration_limit: 3e6, jerk_limit: 4e9, ..Parameters::default() };
    let a = Program::from_parameters(&params).unwrap().analyze(3600).unwrap();
    assert!(!a.velocity_violation && !a.acceleration_violation && !a.jerk_violation);
    let segments = Program::from_segments(default_program().segments(), 3000.0).unwrap();
    let a = segments.analyze(3600).unwrap();
    assert!(!a.velocity_violation && !a.acceleration_violation && !a.jerk_violation, "segment programs have no limits");
}

#[test]
fn finite_differences_match_derivatives_in_every_program() {
    for program in programs() {
        let deg_per_s = program.degrees_per_second();
        let h_deg = 1e-4;
        let dt = h_deg / deg_per_s;
        let breaks = joins(&program);
        let peak = program.analyze(7200).unwrap();
        for i in 0..720 {
            let theta = i as f64 * 0.5 + 0.123;
            // Skip the neighbourhood of joins and of the laws' internal acceleration steps.
            let near_break = breaks.iter().any(|b| (theta - b).abs() < 0.01)
                || program.segments().iter().zip(breaks.iter()).any(|(s, start)| {
                    s.law.pieces().as_slice().iter().any(|p| (theta - (start + p.u0 * s.duration)).abs() < 0.01)
                });
            if near_break {
                continue;
            }
            let (lo, mid, hi) =
                (program.kinematics(theta - h_deg), program.kinematics(theta), program.kinematics(theta + h_deg));
            let fd = |a: f64, b: f64| (b - a) / (2.0 * dt);
            let scale_v = peak.max_velocity.max(1.0);
            let scale_a = peak.max_acceleration.max(1.0);
            let scale_j = peak.max_jerk.max(1.0);
            assert!((fd(lo.displacement, hi.displacement) - mid.velocity).abs() < 1e-6 * scale_v, "v at {theta}");
            assert!((fd(lo.velocity, hi.velocity) - mid.acceleration).abs() < 1e-6 * scale_a, "a at {theta}");
            assert!((fd(lo.acceleration, hi.acceleration) - mid.jerk).abs() < 1e-5 * scale_j, "j at {theta}");
        }
    }
}

#[test]
fn displacement_and_velocity_are_continuous_across_every_join() {
    for program in programs() {
        let peak_v = program.analyze(3600).unwrap().max_velocity;
        let mut lift = 0.0;
        for (start, segment) in joins(&program).into_iter().zip(program.segments()) {
            let before = program.kinematics(start - 1e-9);
            let after = program.kinematics(start);
            assert!((after.displacement - lift).abs() < 1e-12, "lift at {start}: {} vs {lift}", after.displacement);
            assert!((before.displacement - after.displacement).abs() < 1e-7, "jump at {start}");
            assert!(after.velocity.abs() < 1e-9 * peak_v, "velocity {} at join {start}", after.velocity);
            assert!((before.velocity - after.velocity).abs() < 1e-6 * peak_v, "velocity jump at {start}");
            lift = segment.end_lift;
        }
    }
}

#[test]
fn angles_reduce_into_one_revolution() {
    let p = programs().pop().unwrap();
    for &theta in &[0.0, 12.5, 90.0, 187.25, 359.999] {
        let k = p.kinematics(theta);
        for turns in [-1000.0, -3.0, -1.0, 1.0, 7.0, 1e6] {
            let other = p.kinematics(theta + 360.0 * turns);
            assert!((other.displacement - k.displacement).abs() < 1e-9, "{theta} + {turns} turns");
            assert!((other.velocity - k.velocity).abs() < 1e-5);
        }
    }
    assert_eq!(campro::reduce_angle(-90.0), 270.0);
    assert_eq!(campro::reduce_angle(720.0), 0.0);
    assert_eq!(campro::reduce_angle(1e15 + 45.0), (1e15 + 45.0) % 360.0);
    assert!(p.displacement(f64::NAN).is_nan());
    assert!(p.velocity(f64::INFINITY).is_nan());
    assert!(p.jerk(f64::NEG_INFINITY).is_nan());
}

/// Angles at and a hair around whole turns, small and huge: the piece chosen on either side of
/// the 0/360 seam (here a rise starting at 0 and a fall ending at 360, whose jerks differ in
/// sign) matches the closed form at the exact remainder, for scalar and batch calls alike.
#[test]
fn angles_around_whole_turns_take_the_piece_of_their_exact_remainder() {
    let (h, width, dps) = (8.0, 180.0, 3000.0 * 6.0);
    let p = Program::from_segments(&[seg(Law::Cycloidal, width, h), seg(Law::Cycloidal, width, 0.0)], 3000.0).unwrap();
    let rate = dps / width;
    let peak_jerk = h * rate.powi(3) * 4.0 * PI * PI;
    // Cycloidal closed forms at the exact remainder r in [0, 360].
    let closed = |r: f64| {
        let (sign, u) = if r < width { (1.0, r / width) } else { (-1.0, (r - width) / width) };
        let w = 2.0 * PI * u;
        let d = if sign > 0.0 { h * (u - w.sin() / (2.0 * PI)) } else { h - h * (u - w.sin() / (2.0 * PI)) };
        (d, sign * h * rate.powi(3) * 4.0 * PI * PI * w.cos())
    };
    let mut theta = Vec::new();
    for turns in [-2.7e9_f64, -1e6, -3.0, -1.0, 0.0, 1.0, 2.0, 1e6, 2.7e9, 1e10] {
        for delta in [-0.3, -1e-3, -1e-7, -1e-11, -1e-300, 0.0, 1e-300, 1e-11, 1e-7, 1e-3, 0.3] {
            theta.push(360.0 * turns + delta);
        }
    }
    theta.push(4e12 + 1e-3); // beyond the fast reduction: the exact remainder path
    for &t in &theta {
        let r = t.rem_euclid(360.0);
        let (d, j) = closed(r);
        let k = p.kinematics(t);
        assert!(
            (k.displacement - d).abs() <= 1e-12 * h,
            "displacement at {t:e} (remainder {r:e}): {} vs {d}",
            k.displacement
        );
        assert!((k.jerk - j).abs() <= 1e-9 * peak_jerk, "jerk at {t:e} (remainder {r:e}): {:e} vs {j:e}", k.jerk);
    }
    for q in [Quantity::Displacement, Quantity::Jerk] {
        let mut batch = vec![0.0; theta.len()];
        p.evaluate_batch(q, &theta, &mut batch).unwrap();
        for (t, b) in theta.iter().zip(&batch) {
            assert_eq!(b.to_bits(), q.of(&p.kinematics(*t)).to_bits(), "{} batch at {t:e}", q.name());
        }
    }
}

/// The guide's stability table: 100 rotations x 3600 points reproduce the first rotation.
#[test]
fn one_hundred_rotations_reproduce_the_first() {
    let p = default_program();
    let period = p.period();
    let mut worst = [0.0f64; 6];
    for i in 0..3600 {
        let first = p.kinematics(i as f64 * 0.1);
        let first_t = p.boundary_condition_at_time(i as f64 * period / 3600.0);
        for r in 1..100 {
            let k = (r * 3600 + i) as f64;
            let by_angle = p.kinematics(k * 0.1);
            let by_time = p.boundary_condition_at_time(k * period / 3600.0);
            worst[0] = worst[0].max((by_angle.displacement - first.displacement).abs());
            worst[1] = worst[1].max((by_angle.velocity - first.velocity).abs());
            worst[2] = worst[2].max((by_angle.acceleration - first.acceleration).abs());
            worst[3] = worst[3].max((by_time.displacement - first_t.displacement).abs());
            worst[4] = worst[4].max((by_time.velocity - first_t.velocity).abs());
            worst[5] = worst[5].max((by_time.acceleration - first_t.acceleration).abs());
        }
    }
    assert!(worst[0] < 1e-10 && worst[3] < 1e-10, "displacement drift {worst:?}");
    assert!(worst[1] < 1e-8 * 4000.0 && worst[4] < 1e-8 * 4000.0, "velocity drift {worst:?}");
    assert!(worst[2] < 1e-6 * 2.6e6 && worst[5] < 1e-6 * 2.6e6, "acceleration drift {worst:?}");
}

#[test]
fn time_maps_to_angle() {
    let p = default_program();
    for t in [0.0, 0.0012, 0.005, 0.0199, 1.2345, 1000.0007] {
        let bc = p.boundary_condition_at_time(t);
        let angle = p.angle_at_time(t);
        assert_eq!(bc, p.kinematics(angle).boundary_condition());
        // The plain product 18000 t agrees to within its own rounding (ulp(18000 t)); the exact
        // reduction itself is checked against rational arithmetic in tests/time.rs.
        let plain = campro::reduce_angle(18000.0 * t);
        assert!((0.0..=360.0).contains(&angle), "{t}: {angle}");
        assert!((angle - plain).abs() <= 4.0 * (18000.0 * t).abs() * f64::EPSILON + 1e-13, "{t}: {angle} vs {plain}");
    }
}

#[test]
fn batch_parallel_and_scalar_agree_bitwise() {
    for p in programs() {
        let n = 50_000;
        let theta: Vec<f64> = (0..n).map(|i| (i as f64 * 7.919).sin() * 5000.0).collect();
        for q in Quantity::ALL {
            let mut batch = vec![0.0; n];
            let mut parallel = vec![0.0; n];
            p.evaluate_batch(q, &theta, &mut batch).unwrap();
            p.evaluate_parallel(q, &theta, &mut parallel).unwrap();
            for i in 0..n {
                let scalar = q.of(&p.kinematics(theta[i]));
                assert_eq!(batch[i].to_bits(), scalar.to_bits(), "{} batch at {}", q.name(), theta[i]);
                assert_eq!(parallel[i].to_bits(), scalar.to_bits(), "{} parallel", q.name());
            }
        }
        let mut d = vec![0.0; n];
        let mut j = vec![0.0; n];
        p.kinematics_parallel(
            &theta,
            KinematicsSlices { displacement: Some(&mut d), jerk: Some(&mut j), ..Default::default() },
        )
        .unwrap();
        for i in (0..n).step_by(97) {
            assert_eq!(d[i].to_bits(), p.displacement(theta[i]).to_bits());
            assert_eq!(j[i].to_bits(), p.jerk(theta[i]).to_bits());
        }
        let times: Vec<f64> = theta.iter().map(|t| t / 7000.0).collect();
        let mut bcs = vec![BoundaryCondition::default(); n];
        let mut bcs_serial = vec![BoundaryCondition::default(); n];
        p.boundary_conditions(&times, &mut bcs).unwrap();
        p.boundary_conditions_batch(&times, &mut bcs_serial).unwrap();
        assert_eq!(bcs, bcs_serial);
        for i in (0..n).step_by(101) {
            assert_eq!(bcs[i], p.boundary_condition_at_time(times[i]));
        }
        let serial_analysis = p.analyze(1000).unwrap();
        let big = p.analyze(1_000_000).unwrap();
        assert!((big.max_velocity - serial_analysis.max_velocity).abs() < 1e-3 * big.max_velocity);
        assert_eq!(p.analyze(1_000_000).unwrap(), big, "analysis is deterministic");
    }
}

#[test]
fn non_finite_inputs_give_nan_and_an_error_after_the_whole_batch() {
    let p = default_program();
    let theta = [10.0, f64::NAN, 45.0, f64::INFINITY, 100.0];
    let mut out = [0.0; 5];
    let err = p.displacement_batch(&theta, &mut out).unwrap_err();
    assert!(
        matches!(err, Error::NonFiniteInput { field: "theta_deg", index: 1, count: 2, value } if value.is_nan()),
        "{err:?}"
    );
    assert!(out[1].is_nan() && out[3].is_nan());
    assert_eq!(out[2], p.displacement(45.0));
    assert_eq!(out[4], p.displacement(100.0));
    let msg = err.to_string();
    assert!(msg.contains("theta_deg[1]") && msg.contains("NaN"), "{msg}");

    let mut bcs = [BoundaryCondition::default(); 2];
    let err = p.boundary_conditions(&[f64::NEG_INFINITY, 0.001], &mut bcs).unwrap_err();
    assert!(err.to_string().contains("time_s[0] = -inf"), "{err}");
    assert!(bcs[0].displacement.is_nan() && bcs[0].acceleration.is_nan());
    assert_eq!(bcs[1], p.boundary_condition_at_time(0.001));

    let mut short = [0.0; 2];
    let err = p.velocity_batch(&theta, &mut short).unwrap_err();
    assert_eq!(err.to_string(), "out.len = 2: must equal the input length 5");
    assert!(p.displacement_batch(&[], &mut []).is_ok());
}

fn message_of(result: campro::Result<Program>) -> String {
    match result {
        Ok(_) => panic!("expected a validation error"),
        Err(e) => {
            assert!(matches!(e, Error::InvalidParameter { .. }), "{e:?}");
            e.to_string()
        }
    }
}

#[test]
fn parameter_validation_names_field_and_value() {
    let d = Parameters::default();
    let cases: Vec<(Parameters, &str)> = vec![
        (Parameters { rise_duration: -5.0, ..d }, "rise_duration = -5: must be finite and > 0"),
        (Parameters { fall_duration: f64::NAN, ..d }, "fall_duration = NaN: must be finite and > 0"),
        (Parameters { dwell_duration: -1.0, ..d }, "dwell_duration = -1: must be finite and >= 0"),
        (Parameters { max_lift: -10.0, ..d }, "max_lift = -10: must be finite and > 0"),
        (Parameters { max_lift: f64::INFINITY, ..d }, "max_lift = inf: must be finite and > 0"),
        (Parameters { rpm: 0.0, ..d }, "rpm = 0: must be finite and > 0"),
        (Parameters { rpm: f64::NAN, ..d }, "rpm = NaN: must be finite and > 0"),
        (Parameters { base_circle_radius: -25.0, ..d }, "base_circle_radius = -25"),
        (Parameters { jerk_limit: 0.0, ..d }, "jerk_limit = 0"),
        (Parameters { acceleration_limit: -1.0, ..d }, "acceleration_limit = -1"),
        (Parameters { velocity_limit: f64::NAN, ..d }, "velocity_limit = NaN"),
        (Parameters { cam_duration: 400.0, ..d }, "cam_duration = 400: must be finite and within [0, 360]"),
        (Parameters { rise_duration: 400.0, ..d }, "rise_duration = 400: exceeds one revolution"),
        (
            Parameters { rise_duration: 200.0, fall_duration: 150.0, ..d },
            "rise_duration + dwell_duration + fall_duration = 395: exceeds one revolution",
        ),
        (Parameters { rise_law: Law::Dwell, ..d }, "rise_law = 0: a dwell cannot rise or fall"),
        (Parameters { fall_law: Law::Dwell, ..d }, "fall_law = 0"),
    ];
    for (params, expected) in cases {
        let message = message_of(Program::from_parameters(&params));
        assert!(message.starts_with(expected), "got `{message}`, expected `{expected}`");
    }
    // Exactly 360 degrees and no high dwell are fine.
    let full = Parameters { rise_duration: 180.0, dwell_duration: 0.0, fall_duration: 180.0, ..d };
    let p = Program::from_parameters(&full).unwrap();
    assert_eq!(p.segments().len(), 2);
    assert!((p.displacement(180.0) - 10.0).abs() < 1e-12);
}

#[test]
fn segment_validation_names_field_and_value() {
    let ok = [seg(Law::Cycloidal, 180.0, 5.0), seg(Law::Cycloidal, 180.0, 0.0)];
    assert!(Program::from_segments(&ok, 3000.0).is_ok());
    let cases: Vec<(Vec<Segment>, f64, &str)> = vec![
        (vec![], 3000.0, "segments.count = 0"),
        (vec![seg(Law::Dwell, 1.0, 0.0); 4097], 3000.0, "segments.count = 4097: at most 4096 segments"),
        (ok.to_vec(), -1.0, "rpm = -1: must be finite and > 0"),
        (ok.to_vec(), f64::INFINITY, "rpm = inf"),
        (
            vec![seg(Law::Cycloidal, -180.0, 5.0), seg(Law::Cycloidal, 540.0, 0.0)],
            3000.0,
            "segments[0].duration = -180: must be finite and > 0",
        ),
        (
            vec![seg(Law::Cycloidal, f64::NAN, 5.0), seg(Law::Cycloidal, 180.0, 0.0)],
            3000.0,
            "segments[0].duration = NaN",
        ),
        (
            vec![seg(Law::Cycloidal, 10.0, 5.0), seg(Law::Cycloidal, 400.0, 0.0)],
            3000.0,
            "segments[1].duration = 400: exceeds one revolution",
        ),
        (
            vec![seg(Law::Cycloidal, 180.0, -5.0), seg(Law::Cycloidal, 180.0, 0.0)],
            3000.0,
            "segments[0].end_lift = -5: must be finite and >= 0",
        ),
        (
            vec![seg(Law::Cycloidal, 180.0, f64::NAN), seg(Law::Cycloidal, 180.0, 0.0)],
            3000.0,
            "segments[0].end_lift = NaN",
        ),
        (
            vec![seg(Law::Cycloidal, 180.0, 5.0), seg(Law::Cycloidal, 170.0, 0.0)],
            3000.0,
            "segments.total_duration = 350: the durations must sum to 360",
        ),
        (
            vec![seg(Law::Cycloidal, 180.0, 5.0), seg(Law::Cycloidal, 180.0, 1.0)],
            3000.0,
            "segments[1].end_lift = 1: the last segment must return the follower to lift 0",
        ),
        (
            vec![seg(Law::Cycloidal, 90.0, 5.0), seg(Law::Dwell, 90.0, 6.0), seg(Law::Cycloidal, 180.0, 0.0)],
            3000.0,
            "segments[1].end_lift = 6: a dwell must hold the lift it starts at (5 mm)",
        ),
    ];
    for (segments, rpm, expected) in cases {
        let message = message_of(Program::from_segments(&segments, rpm));
        assert!(message.starts_with(expected), "got `{message}`, expected `{expected}`");
    }
}

#[test]
fn constant_acceleration_program_has_its_closed_form() {
    let segments = [
        seg(Law::ConstantAcceleration, 120.0, 6.0),
        seg(Law::ConstantAcceleration, 120.0, 0.0),
        seg(Law::Dwell, 120.0, 0.0),
    ];
    let p = Program::from_segments(&segments, 600.0).unwrap();
    // 600 rpm = 3600 deg/s; the rise lasts 1/30 s; a = 4 h / T^2 in the first half.
    let t_rise = 120.0 / 3600.0;
    assert!((p.acceleration(30.0) - 4.0 * 6.0 / (t_rise * t_rise)).abs() < 1e-8);
    assert!((p.acceleration(90.0) + 4.0 * 6.0 / (t_rise * t_rise)).abs() < 1e-8);
    assert!((p.displacement(60.0) - 3.0).abs() < 1e-13);
    assert!((p.displacement(30.0) - 2.0 * 6.0 * 0.25 * 0.25).abs() < 1e-13);
    assert_eq!(p.jerk(30.0), 0.0);
}

/// The lift, and each derivative the law has zero there, of every segment boundary (the next
/// segment's start), of the turn's end (a reduced angle of 360, from a hair below 0), and all
/// along every dwell. Issue 14: the default cam gave 1.1e-16 mm and 1.1e-13 mm/s at 0 degrees.
fn check_exact_where_the_math_is(program: &Program) {
    let segments = program.segments();
    let same_bits = |angles: &[f64], scalar: &[f64], q: Quantity| {
        let mut batch = vec![0.0; angles.len()];
        program.evaluate_batch(q, angles, &mut batch).unwrap();
        assert_eq!(batch, scalar, "{q:?}: batch vs scalar");
    };
    let mut lift = 0.0;
    let (mut angles, mut want) = (Vec::new(), Vec::new());
    for (start, segment) in joins(program).into_iter().zip(segments) {
        let rests = segment.law.vanishing_derivatives_at_ends();
        angles.push(start);
        want.push((lift, rests, format!("start of a {} segment at {start} deg", segment.law)));
        if segment.law == Law::Dwell {
            for i in 1..50 {
                let angle = start + segment.duration * i as f64 / 50.0;
                angles.push(angle);
                want.push((lift, rests, format!("dwell at {angle} deg")));
            }
        }
        lift = segment.end_lift;
    }
    let last = segments[segments.len() - 1];
    angles.push(-1e-300);
    want.push((0.0, last.law.vanishing_derivatives_at_ends(), "end of the turn".to_string()));
    let k: Vec<_> = angles.iter().map(|&a| program.kinematics(a)).collect();
    for ((k, (lift, rests, what)), angle) in k.iter().zip(&want).zip(&angles) {
        assert_eq!(k.displacement, *lift, "displacement, {what} ({angle})");
        for (value, rest, name) in
            [(k.velocity, rests[0], "velocity"), (k.acceleration, rests[1], "acceleration"), (k.jerk, rests[2], "jerk")]
        {
            if rest {
                assert_eq!(value, 0.0, "{name}, {what}");
            }
        }
    }
    for q in Quantity::ALL {
        same_bits(&angles, &k.iter().map(|k| q.of(k)).collect::<Vec<_>>(), q);
    }
}

#[test]
fn exact_lifts_and_rests_at_segment_ends_and_on_dwells() {
    let mut list = programs();
    list.push(Program::load(std::path::Path::new("examples/params/valve_segments.toml")).unwrap());
    // Small lifts under big rises: the cancelling terms at a start are far larger than the lift.
    let ramp = [
        seg(Law::Dwell, 20.0, 0.0),
        seg(Law::Cycloidal, 13.7, 0.001),
        seg(Law::SimpleHarmonic, 37.3, 0.3),
        seg(Law::ModifiedTrapezoidal, 101.1, 12.345),
        seg(Law::Dwell, 0.7, 12.345),
        seg(Law::ModifiedSine, 88.7, 0.1),
        seg(Law::Polynomial4567, 50.0, 7.25),
        seg(Law::ConstantAcceleration, 48.5, 0.0),
    ];
    list.push(Program::from_segments(&ramp, 1234.5).unwrap());
    for program in &list {
        check_exact_where_the_math_is(program);
    }
    // The default cam's table and the C scalar start at the same exact rest.
    let p = default_program();
    assert_eq!((p.displacement(0.0), p.velocity(0.0), p.acceleration(0.0)), (0.0, 0.0, 0.0));
    assert_eq!(p.boundary_condition_at_time(0.0), BoundaryCondition::default());
}
