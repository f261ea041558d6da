//! The accepted region guarantees finite outputs: at its extreme corners (largest lift, highest
//! and lowest rpm, shortest segments, every law) displacement, velocity, acceleration and jerk
//! are finite at many angles and times, on every path, and the analysis is finite too; every
//! value just outside it (and the values issue 15 found accepted) is rejected with a message
//! naming the field, the value and the bound.

use campro::{
    Error, KinematicsSlices, Law, Parameters, Program, Segment, MAX_BASE_CIRCLE_RADIUS_MM, MAX_LIFT_MM, MAX_RPM,
    MAX_TIME_S, MIN_RPM, MIN_SEGMENT_DURATION_DEG,
};

const MIN_DUR: f64 = MIN_SEGMENT_DURATION_DEG;

fn seg(law: Law, duration: f64, end_lift: f64) -> Segment {
    Segment { law, duration, end_lift }
}

/// Angles that visit every piece of the corner programs: spread over several turns, packed into
/// the first and last few shortest segments, around 360 and far from it.
fn angles() -> Vec<f64> {
    let mut a: Vec<f64> = (0..2000).map(|i| i as f64 * 0.1807 - 3.3).collect();
    for i in 0..=400 {
        let x = i as f64 * (4.0 * MIN_DUR / 400.0);
        a.extend([x, 360.0 - x, 720.0 + x, -x, 1e9 + x]);
    }
    a.extend([1e15, -3e17, 359.999_999_999_999_9, 360.0, f64::MAX, -f64::MAX, f64::MIN_POSITIVE, 5e-324]);
    a
}

fn times(p: &Program) -> Vec<f64> {
    let period = p.period();
    let mut t: Vec<f64> = (0..1000).map(|i| i as f64 * period / 997.0).collect();
    t.extend([MAX_TIME_S, -MAX_TIME_S, MAX_TIME_S * 0.999_999_9, 1e9 + 0.123, -7.5e8, 5e-324]);
    t
}

/// The corner programs: every rising law with the shortest rise and fall, the largest lift, at
/// the highest and the lowest rpm; and the parameter-set corner.
fn corners() -> Vec<(String, Program)> {
    let mut out = Vec::new();
    for law in Law::ALL.into_iter().filter(|&l| l != Law::Dwell) {
        for rpm in [MAX_RPM, MIN_RPM] {
            let segments = [
                seg(law, MIN_DUR, MAX_LIFT_MM),
                seg(Law::Dwell, MIN_DUR, MAX_LIFT_MM),
                seg(law, MIN_DUR, 0.0),
                seg(Law::Dwell, 360.0 - 3.0 * MIN_DUR, 0.0),
            ];
            out.push((format!("{law} at {rpm} rpm"), Program::from_segments(&segments, rpm).unwrap()));
            // Full-lift steps back to back: a rise, then an immediate fall, then the rest.
            let steps = [seg(law, MIN_DUR, MAX_LIFT_MM), seg(law, MIN_DUR, 0.0), seg(law, 360.0 - 2.0 * MIN_DUR, 0.0)];
            out.push((format!("{law} steps at {rpm} rpm"), Program::from_segments(&steps, rpm).unwrap()));
        }
        let params = Parameters {
            base_circle_radius: MAX_BASE_CIRCLE_RADIUS_MM,
            max_lift: MAX_LIFT_MM,
            rise_duration: MIN_DUR,
            dwell_duration: 0.0,
            fall_duration: MIN_DUR,
            rpm: MAX_RPM,
            rise_law: law,
            fall_law: law,
            jerk_limit: f64::MIN_POSITIVE,
            acceleration_limit: f64::MAX,
            velocity_limit: 5e-324,
            ..Parameters::default()
        };
        out.push((format!("{law} parameter corner"), Program::from_parameters(&params).unwrap()));
    }
    out
}

#[test]
fn the_extreme_corners_give_finite_kinematics_everywhere() {
    let theta = angles();
    let mut largest_jerk: f64 = 0.0;
    for (name, p) in corners() {
        let n = theta.len();
        let (mut d, mut v, mut a, mut j) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        p.kinematics_parallel(&theta, KinematicsSlices::all(&mut d, &mut v, &mut a, &mut j)).unwrap();
        for (i, &x) in theta.iter().enumerate() {
            let k = p.kinematics(x);
            let all = [k.displacement, k.velocity, k.acceleration, k.jerk];
            assert!(all.iter().all(|q| q.is_finite()), "{name} at {x} deg: {k:?}");
            assert!((-1e-6..=MAX_LIFT_MM * (1.0 + 1e-9)).contains(&k.displacement), "{name} at {x}: {k:?}");
            assert_eq!([d[i], v[i], a[i], j[i]].map(f64::to_bits), all.map(f64::to_bits), "{name} at {x}");
            largest_jerk = largest_jerk.max(k.jerk.abs());
        }
        let t = times(&p);
        let mut bc = vec![campro::BoundaryCondition::default(); t.len()];
        p.boundary_conditions(&t, &mut bc).unwrap();
        for (i, &time) in t.iter().enumerate() {
            let b = p.boundary_condition_at_time(time);
            assert!(
                b.displacement.is_finite() && b.velocity.is_finite() && b.acceleration.is_finite(),
                "{name} t={time}"
            );
            assert_eq!(b, bc[i]);
        }
        let analysis = p.analyze(100_003).unwrap();
        let values = [
            analysis.max_velocity,
            analysis.max_acceleration,
            analysis.max_jerk,
            analysis.rms_acceleration,
            analysis.rms_jerk,
        ];
        assert!(values.iter().all(|x| x.is_finite()), "{name}: {analysis:?}");
    }
    // The margin the bounds were chosen with: the largest jerk is far below overflow (its square,
    // summed over MAX_ANALYSIS_POINTS points, too).
    assert!(largest_jerk > 1e40 && largest_jerk < 1e55, "largest |jerk| {largest_jerk:e}");
}

fn message_of(result: campro::Result<Program>) -> String {
    match result {
        Ok(_) => panic!("accepted"),
        Err(e) => {
            assert!(matches!(e, Error::InvalidParameter { .. }), "{e:?}");
            e.to_string()
        }
    }
}

#[test]
fn values_outside_the_region_are_rejected_with_field_value_and_bound() {
    let d = Parameters::default();
    let above_rpm = f64::from_bits(MAX_RPM.to_bits() + 1);
    let cases: Vec<(Parameters, &str)> = vec![
        // The values issue 15 found accepted (kinematics came back NaN / inf with status OK).
        (Parameters { rpm: 1e150, ..d }, "rpm = 1e150: above the maximum 1000000 rpm (MAX_RPM)"),
        (Parameters { rpm: f64::MAX, ..d }, "rpm = 1.7976931348623157e308: above the maximum 1000000 rpm (MAX_RPM)"),
        (Parameters { max_lift: 1e300, ..d }, "max_lift = 1e300: above the maximum 1000000 mm (MAX_LIFT_MM)"),
        (
            Parameters { rise_duration: 5e-324, ..d },
            "rise_duration = 5e-324: below the minimum 1e-6 degrees (MIN_SEGMENT_DURATION_DEG)",
        ),
        (
            Parameters { fall_duration: 5e-324, ..d },
            "fall_duration = 5e-324: below the minimum 1e-6 degrees (MIN_SEGMENT_DURATION_DEG)",
        ),
        (
            Parameters { dwell_duration: 5e-324, ..d },
            "dwell_duration = 5e-324: must be 0 or at least 1e-6 degrees (MIN_SEGMENT_DURATION_DEG)",
        ),
        // Just outside each bound.
        (Parameters { rpm: above_rpm, ..d }, "rpm = 1000000.0000000001: above the maximum 1000000 rpm (MAX_RPM)"),
        (Parameters { rpm: 9.9e-7, ..d }, "rpm = 9.9e-7: below the minimum 1e-6 rpm (MIN_RPM)"),
        (Parameters { max_lift: 1.000001e6, ..d }, "max_lift = 1000001: above the maximum 1000000 mm (MAX_LIFT_MM)"),
        (
            Parameters { rise_duration: 9e-7, ..d },
            "rise_duration = 9e-7: below the minimum 1e-6 degrees (MIN_SEGMENT_DURATION_DEG)",
        ),
        (
            Parameters { base_circle_radius: 1e300, ..d },
            "base_circle_radius = 1e300: above the maximum 1000000 mm (MAX_BASE_CIRCLE_RADIUS_MM)",
        ),
        (
            Parameters { rise_duration: 120.0, dwell_duration: 120.0, fall_duration: 119.999_999_9, ..d },
            "rise_duration + dwell_duration + fall_duration = 359.99999990000003: leaves a low dwell of",
        ),
        (Parameters { velocity_limit: -1.0, ..d }, "velocity_limit = -1: must be finite and > 0"),
    ];
    for (params, expected) in cases {
        let message = message_of(Program::from_parameters(&params));
        assert!(message.starts_with(expected), "got `{message}`, expected `{expected}`");
    }
    // A low dwell within the 1e-9 duration tolerance of nothing is left out, not rejected.
    let p = Program::from_parameters(&Parameters {
        rise_duration: 120.0,
        dwell_duration: 120.0,
        fall_duration: 120.0 - 1e-11,
        ..d
    })
    .unwrap();
    assert_eq!(p.segments().len(), 3);

    let ok = [seg(Law::Cycloidal, 180.0, 5.0), seg(Law::Cycloidal, 180.0, 0.0)];
    let segment_cases: Vec<(Vec<Segment>, f64, &str)> = vec![
        (ok.to_vec(), 1e150, "rpm = 1e150: above the maximum 1000000 rpm (MAX_RPM)"),
        (ok.to_vec(), f64::MAX, "rpm = 1.7976931348623157e308: above the maximum"),
        (ok.to_vec(), 5e-324, "rpm = 5e-324: below the minimum 1e-6 rpm (MIN_RPM)"),
        (
            vec![seg(Law::Cycloidal, 180.0, 1e300), seg(Law::Cycloidal, 180.0, 0.0)],
            3000.0,
            "segments[0].end_lift = 1e300: above the maximum 1000000 mm (MAX_LIFT_MM)",
        ),
        (
            vec![seg(Law::Cycloidal, 5e-324, 5.0), seg(Law::Cycloidal, 360.0, 0.0)],
            3000.0,
            "segments[0].duration = 5e-324: below the minimum 1e-6 degrees (MIN_SEGMENT_DURATION_DEG)",
        ),
        (
            vec![seg(Law::Cycloidal, 180.0, 5.0), seg(Law::Dwell, 5e-324, 5.0), seg(Law::Cycloidal, 180.0, 0.0)],
            3000.0,
            "segments[1].duration = 5e-324: below the minimum",
        ),
    ];
    for (segments, rpm, expected) in segment_cases {
        let message = message_of(Program::from_segments(&segments, rpm));
        assert!(message.starts_with(expected), "got `{message}`, expected `{expected}`");
    }
}

/// A segment-form parameter file's optional base circle radius keeps the same bound as the
/// parameter set's.
#[test]
fn a_parameter_files_base_circle_radius_is_bounded() {
    let file = |radius: &str| {
        format!(
            "rpm = 3000\nbase_circle_radius = {radius}\n[[segment]]\nlaw = \"cycloidal\"\nduration = 180\nend_lift = 10\n\
             [[segment]]\nlaw = \"cycloidal\"\nduration = 180\nend_lift = 0\n"
        )
    };
    assert_eq!(Program::from_toml_str(&file("25")).unwrap().base_circle_radius(), Some(25.0));
    let message = message_of(Program::from_toml_str(&file("1e7")));
    assert!(message.contains("base_circle_radius") && message.contains("MAX_BASE_CIRCLE_RADIUS_MM"), "{message}");
}
