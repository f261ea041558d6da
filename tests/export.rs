//! Solver tables: adaptive sampling within the tolerance, segment boundaries as points, the
//! three file formats, and the C entry point.

use campro::{default_tolerance, Law, Parameters, Program, Quantity, Segment, Table, TableFormat, TableLabels};
use std::ffi::CString;

fn default_program() -> Program {
    Program::from_parameters(&Parameters::default()).unwrap()
}

/// Independent dense check: |linear interpolation - exact| at `m` points inside every chord
/// (ramps over jumps excluded).
fn dense_error(program: &Program, table: &Table, m: usize) -> f64 {
    let mut worst = 0.0f64;
    for i in 0..table.len() - 1 {
        if table.jumps.contains(&i) {
            continue;
        }
        let (t0, t1) = (table.times[i], table.times[i + 1]);
        for j in 1..m {
            let t = t0 + (t1 - t0) * j as f64 / m as f64;
            let exact = table.quantity.of(&program.kinematics(program.angle_at_time(t)));
            worst = worst.max((table.interpolate(t) - exact).abs());
        }
    }
    worst
}

#[test]
fn default_cam_displacement_within_tolerance() {
    let program = default_program();
    let table = program.table(Quantity::Displacement, 0.0, 0.02, 1e-6).unwrap();
    assert_eq!(table.times[0], 0.0);
    assert_eq!(*table.times.last().unwrap(), 0.02);
    assert!(table.times.windows(2).all(|w| w[1] > w[0]), "times strictly increase");
    assert!(table.max_error <= 1e-6, "reported {}", table.max_error);
    // The greedy sampler uses the tolerance: a table within 1e-6 mm but far below it would be wasteful.
    assert!(table.max_error > 0.9e-6, "reported {}", table.max_error);
    let dense = dense_error(&program, &table, 200);
    assert!(dense <= 1e-6 * (1.0 + 1e-9), "dense check {dense}");
    // Values are the exact curve.
    for (t, v) in table.times.iter().zip(&table.values) {
        assert_eq!(*v, program.displacement(program.angle_at_time(*t)));
    }
    // Closed-form size bound: a uniform step h = sqrt(8 tol / a_max) over each 0.005 s rise or
    // fall is enough, so the adaptive table must not be larger; and it cannot be smaller than the
    // integral bound of the optimal piecewise-linear interpolant, sum int sqrt(|a| / (8 tol)) dt.
    let a_max = 10.0 * 200.0f64.powi(2) * 2.0 * std::f64::consts::PI;
    let uniform = 2.0 * 0.005 / (8e-6 / a_max).sqrt();
    let n = table.len() as f64;
    assert!(n < uniform, "{n} points vs uniform {uniform}");
    let integral: f64 = (0..100_000)
        .map(|i| {
            let u = (i as f64 + 0.5) / 100_000.0;
            (a_max * (2.0 * std::f64::consts::PI * u).sin().abs() / 8e-6).sqrt() * 0.005 / 100_000.0
        })
        .sum::<f64>()
        * 2.0;
    assert!(n > integral && n < 1.05 * integral + 20.0, "{n} points vs optimal ~{integral}");
    assert!(table.jumps.is_empty());
}

#[test]
fn default_cam_segment_boundaries_are_points() {
    let program = default_program();
    let table = program.table(Quantity::Displacement, 0.0, 0.04, 1e-6).unwrap();
    // 0, 90, 135, 225 deg of two revolutions, plus 360 deg at the end: t = angle / 18000.
    let expected = [0.0, 90.0, 135.0, 225.0, 360.0, 450.0, 495.0, 585.0, 720.0];
    assert_eq!(table.segment_boundaries.len(), expected.len(), "{:?}", table.segment_boundaries);
    for (b, angle) in table.segment_boundaries.iter().zip(expected) {
        assert!((b - angle / 18000.0).abs() < 1e-15, "{b} vs {angle} deg");
        assert!(table.times.binary_search_by(|t| t.partial_cmp(b).unwrap()).is_ok(), "{b} not a point");
    }
    assert_eq!(program.segment_boundary_times(0.0, 0.04), table.segment_boundaries);
    // The second revolution repeats the first, on the written time grid (13 significant digits:
    // 1e-14 s past 0.01 s); the sampler may land a point a grid step or two apart.
    let half = table.times.iter().position(|&t| t == table.segment_boundaries[4]).unwrap();
    assert_eq!(2 * half + 1, table.len());
    for i in 0..half {
        assert!((table.times[half + i] - table.times[i] - 0.02).abs() <= 2.5e-14, "{}", table.times[i]);
        // ... where 2.5e-14 s at up to 4000 mm/s is 1e-10 mm.
        assert!((table.values[half + i] - table.values[i]).abs() <= 1e-10);
    }
}

#[test]
fn velocity_and_acceleration_within_default_tolerance() {
    let program = default_program();
    for quantity in [Quantity::Velocity, Quantity::Acceleration] {
        let tol = default_tolerance(quantity);
        let table = program.table(quantity, 0.0, 0.02, tol).unwrap();
        assert!(table.max_error <= tol, "{quantity:?}: {}", table.max_error);
        let dense = dense_error(&program, &table, 100);
        assert!(dense <= tol * (1.0 + 1e-9), "{quantity:?}: dense {dense}");
        assert!(table.jumps.is_empty(), "cycloidal: no jumps in {quantity:?}");
    }
    assert_eq!(default_tolerance(Quantity::Displacement), 1e-6);
}

#[test]
fn jumps_become_ramps() {
    // Simple harmonic rise and fall: the acceleration jumps at all four boundaries.
    let segments = [
        Segment { law: Law::SimpleHarmonic, duration: 90.0, end_lift: 10.0 },
        Segment { law: Law::Dwell, duration: 90.0, end_lift: 10.0 },
        Segment { law: Law::SimpleHarmonic, duration: 90.0, end_lift: 0.0 },
        Segment { law: Law::Dwell, duration: 90.0, end_lift: 0.0 },
    ];
    let program = Program::from_segments(&segments, 600.0).unwrap();
    let period = program.period();
    let table = program.table(Quantity::Acceleration, 0.0, period, 0.5).unwrap();
    // Jumps at 90, 180, 270 deg and at the end (360); the start is the span's first point.
    assert_eq!(table.jumps.len(), 4, "{:?}", table.jumps);
    for &i in &table.jumps {
        let width = table.times[i + 1] - table.times[i];
        assert!((width - 1e-7 * period).abs() < 1e-12 * period, "ramp width {width}");
    }
    assert!(table.max_error <= 0.5);
    assert!(dense_error(&program, &table, 100) <= 0.5 * (1.0 + 1e-9));
    // The displacement of the same cam has no jump and needs no ramp.
    let d = program.table(Quantity::Displacement, 0.0, period, 1e-6).unwrap();
    assert!(d.jumps.is_empty());
    // Constant acceleration: piecewise constant acceleration, two points per piece suffice.
    let ca = [
        Segment { law: Law::ConstantAcceleration, duration: 180.0, end_lift: 5.0 },
        Segment { law: Law::ConstantAcceleration, duration: 180.0, end_lift: 0.0 },
    ];
    let program = Program::from_segments(&ca, 60.0).unwrap();
    let table = program.table(Quantity::Acceleration, 0.0, 1.0, 1e-3).unwrap();
    assert!(table.len() <= 14, "{} points", table.len());
    assert!(dense_error(&program, &table, 50) <= 1e-9);
}

#[test]
fn offset_span_and_bad_arguments() {
    let program = default_program();
    let table = program.table(Quantity::Displacement, 0.013, 0.051, 1e-5).unwrap();
    assert_eq!(table.times[0], 0.013);
    assert_eq!(*table.times.last().unwrap(), 0.051);
    assert!(dense_error(&program, &table, 100) <= 1e-5 * (1.0 + 1e-9));
    for angle in [360.0 + 0.0, 360.0 + 90.0, 720.0 + 0.0, 720.0 + 135.0] {
        let t = angle / 18000.0;
        assert!(table.segment_boundaries.iter().any(|b| (b - t).abs() < 1e-15), "{angle}");
    }
    let msg = |r: campro::Result<Table>| r.unwrap_err().to_string();
    assert!(msg(program.table(Quantity::Displacement, 0.0, 0.02, 0.0)).starts_with("tolerance = 0:"));
    assert!(msg(program.table(Quantity::Displacement, 0.0, 0.02, -1.0)).starts_with("tolerance = -1:"));
    assert!(msg(program.table(Quantity::Displacement, 0.0, 0.02, 1e-15)).starts_with("tolerance = 0.000000000000001:"));
    assert!(msg(program.table(Quantity::Displacement, 0.02, 0.01, 1e-6)).starts_with("t_end = 0.01:"));
    assert!(msg(program.table(Quantity::Displacement, f64::NAN, 0.01, 1e-6)).starts_with("t_start = NaN:"));
    // Beyond the exact time range (MAX_TIME_S): refused, never sampled from NaN.
    let late = msg(program.table(Quantity::Displacement, 2e10, 2e10 + 0.01, 1e-6));
    assert!(late.starts_with("t_start = 20000000000:") && late.contains("MAX_TIME_S"), "{late}");
    let late = msg(program.table(Quantity::Displacement, 0.0, 1e11, 1e-6));
    assert!(late.starts_with("t_end = 100000000000:") && late.contains("MAX_TIME_S"), "{late}");
    assert!(msg(program.table(Quantity::Jerk, 0.0, 0.02, 1.0)).starts_with("quantity = jerk:"));
}

fn small_table() -> Table {
    default_program().table(Quantity::Displacement, 0.0, 0.02, 1e-3).unwrap()
}

#[test]
fn abaqus_amplitude_format() {
    let table = small_table();
    let mut out = Vec::new();
    table.write(TableFormat::AbaqusAmplitude, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let keyword = text
        .lines()
        .position(|l| l == "*AMPLITUDE, NAME=CAM, DEFINITION=TABULAR, TIME=TOTAL TIME, SMOOTH=0.0")
        .unwrap();
    assert!(text.lines().take(keyword).all(|l| l.starts_with("**")));
    let mut numbers = Vec::new();
    for line in text.lines().skip(keyword + 1) {
        assert!(line.len() <= 132, "CalculiX reads 132 characters: {line}");
        let fields: Vec<&str> = line.split(", ").collect();
        assert!(fields.len() <= 8 && fields.len().is_multiple_of(2), "{line}");
        for f in fields {
            assert!(f.len() <= 19, "{f}");
            numbers.push(f.parse::<f64>().unwrap());
        }
    }
    assert_eq!(numbers.len(), 2 * table.len());
    for (i, pair) in numbers.chunks(2).enumerate() {
        assert_eq!(pair[0], table.times[i], "times are written exactly");
        assert!((pair[1] - table.values[i]).abs() <= 1e-11);
    }
    assert!(text.contains(&format!("** {} points;", table.len())));
}

#[test]
fn lsdyna_curve_format() {
    let table = small_table();
    let mut out = Vec::new();
    table
        .write_labeled(TableFormat::LsDynaCurve, &TableLabels { amplitude_name: "X".into(), curve_id: 42 }, &mut out)
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "*KEYWORD");
    assert_eq!(*lines.last().unwrap(), "*END");
    let k = lines.iter().position(|l| *l == "*DEFINE_CURVE").unwrap();
    let data: Vec<&str> = lines[k + 1..lines.len() - 1].iter().copied().filter(|l| !l.starts_with('$')).collect();
    let card1 = data[0];
    // (0.2: LCINT, the 8th field, is the point count)
    assert_eq!(card1.len(), 80);
    assert_eq!(card1[0..10].trim(), "42");
    assert_eq!(card1[70..80].trim().parse::<usize>().unwrap(), table.len());
    assert_eq!(card1[20..30].trim().parse::<f64>().unwrap(), 1.0);
    assert_eq!(data.len() - 1, table.len());
    for (i, line) in data[1..].iter().enumerate() {
        assert_eq!(line.len(), 40, "{line}");
        let t: f64 = line[..20].trim().parse().unwrap();
        let v: f64 = line[20..].trim().parse().unwrap();
        assert_eq!(t, table.times[i], "times are written exactly");
        assert!((v - table.values[i]).abs() <= 1e-11);
    }
}

#[test]
fn csv_format_round_trips() {
    let table = default_program().table(Quantity::Velocity, 0.0, 0.02, 1e-2).unwrap();
    let mut out = Vec::new();
    table.write(TableFormat::Csv, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("time_s,velocity_mm_per_s"));
    let rows: Vec<(f64, f64)> = lines
        .map(|l| {
            let (a, b) = l.split_once(',').unwrap();
            (a.parse().unwrap(), b.parse().unwrap())
        })
        .collect();
    assert_eq!(rows.len(), table.len());
    for (i, (t, v)) in rows.iter().enumerate() {
        assert_eq!(*t, table.times[i]);
        assert_eq!(*v, table.values[i]);
    }
}

#[test]
fn format_codes_and_names() {
    for f in TableFormat::ALL {
        assert_eq!(TableFormat::from_code(f.code()), Some(f));
        assert_eq!(TableFormat::from_name(f.name()), Some(f));
    }
    assert_eq!(TableFormat::from_code(3), None);
    assert_eq!(TableFormat::from_name("calculix"), Some(TableFormat::AbaqusAmplitude));
}

#[test]
fn c_export_table() {
    use campro::ffi::*;
    let dir = std::env::temp_dir().join(format!("campro-export-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cam.inp");
    let c_path = CString::new(path.to_str().unwrap()).unwrap();
    unsafe {
        let mut params = std::mem::zeroed();
        campro_parameters_default(&mut params);
        let mut motion = std::ptr::null_mut();
        assert_eq!(campro_motion_new(&params, &mut motion), CAMPRO_OK);
        let status = campro_export_table(
            motion,
            CAMPRO_FORMAT_ABAQUS_AMPLITUDE,
            CAMPRO_QUANTITY_DISPLACEMENT,
            0.0,
            0.02,
            1e-6,
            c_path.as_ptr(),
        );
        assert_eq!(status, CAMPRO_OK);
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = default_program().table(Quantity::Displacement, 0.0, 0.02, 1e-6).unwrap();
        let mut want = Vec::new();
        expected.write(TableFormat::AbaqusAmplitude, &mut want).unwrap();
        assert_eq!(text.as_bytes(), &want[..]);

        let mut count = 0usize;
        let mut max_error = 0.0;
        let status = campro_export_table_report(
            motion,
            CAMPRO_FORMAT_CSV,
            CAMPRO_QUANTITY_VELOCITY,
            0.0,
            0.02,
            0.0,
            c_path.as_ptr(),
            &mut count,
            &mut max_error,
        );
        assert_eq!(status, CAMPRO_OK);
        let v = default_program().table(Quantity::Velocity, 0.0, 0.02, 1e-3).unwrap();
        assert_eq!(count, v.len());
        assert_eq!(max_error, v.max_error);
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), count + 1);

        let message = || {
            let mut buf = vec![0u8; 512];
            let n = campro_last_error_message(buf.as_mut_ptr().cast(), buf.len());
            String::from_utf8_lossy(&buf[..n.min(511)]).into_owned()
        };
        let export = |m, f, q, t0, t1, tol, p| campro_export_table(m, f, q, t0, t1, tol, p);
        assert_eq!(export(std::ptr::null(), 0, 0, 0.0, 0.02, 1e-6, c_path.as_ptr()), CAMPRO_ERROR_NULL_POINTER);
        assert_eq!(export(motion, 0, 0, 0.0, 0.02, 1e-6, std::ptr::null()), CAMPRO_ERROR_NULL_POINTER);
        // (code 3 is CAMPRO_FORMAT_ABAQUS_PERIODIC since 0.2)
        assert_eq!(export(motion, 4, 0, 0.0, 0.02, 1e-6, c_path.as_ptr()), CAMPRO_ERROR_INVALID_PARAMETER);
        assert!(message().starts_with("format = 4:"), "{}", message());
        assert_eq!(export(motion, 0, 3, 0.0, 0.02, 1e-6, c_path.as_ptr()), CAMPRO_ERROR_INVALID_PARAMETER);
        assert!(message().starts_with("quantity = 3:"), "{}", message());
        assert_eq!(export(motion, 0, -1, 0.0, 0.02, 1e-6, c_path.as_ptr()), CAMPRO_ERROR_INVALID_PARAMETER);
        assert_eq!(export(motion, 0, 0, 0.0, 0.02, -1.0, c_path.as_ptr()), CAMPRO_ERROR_INVALID_PARAMETER);
        assert_eq!(export(motion, 0, 0, 0.0, 0.02, f64::NAN, c_path.as_ptr()), CAMPRO_ERROR_INVALID_PARAMETER);
        assert_eq!(export(motion, 0, 0, 0.02, 0.0, 1e-6, c_path.as_ptr()), CAMPRO_ERROR_INVALID_PARAMETER);
        assert_eq!(export(motion, 0, 0, 0.0, f64::INFINITY, 1e-6, c_path.as_ptr()), CAMPRO_ERROR_NON_FINITE_INPUT);
        let bad = CString::new(dir.join("no/such/dir/x.csv").to_str().unwrap()).unwrap();
        assert_eq!(export(motion, 0, 0, 0.0, 0.02, 1e-6, bad.as_ptr()), CAMPRO_ERROR_IO);
        assert!(message().contains("no/such/dir/x.csv"), "{}", message());
        campro_motion_free(motion);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 14 / 12: tables start where the cam rests with an exact 0 (not 1.110223024625E-16),
/// and the segment boundaries of the default cam carry the exact lift and zero velocity.
#[test]
fn tables_are_exact_where_the_cam_rests() {
    let program = default_program();
    for quantity in [Quantity::Displacement, Quantity::Velocity, Quantity::Acceleration] {
        let table = program.table(quantity, 0.0, 0.02, default_tolerance(quantity)).unwrap();
        assert_eq!(table.values[0], 0.0, "{quantity:?}");
        // 90, 135, 225 degrees: end of the rise, start of the fall, end of the fall.
        for (t, lift) in [(0.005, 10.0), (0.0075, 10.0), (0.0125, 0.0)] {
            let i = table.times.iter().position(|&x| x == t).expect("a boundary point");
            let want = if quantity == Quantity::Displacement { lift } else { 0.0 };
            assert_eq!(table.values[i], want, "{quantity:?} at {t} s");
        }
        let mut abaqus = Vec::new();
        table.write(TableFormat::AbaqusAmplitude, &mut abaqus).unwrap();
        let abaqus = String::from_utf8(abaqus).unwrap();
        let first = abaqus.lines().find(|l| !l.starts_with('*')).unwrap();
        assert!(first.starts_with("0.000000000000E+00, 0.000000000000E+00, "), "{first}");
        let mut csv = Vec::new();
        table.write(TableFormat::Csv, &mut csv).unwrap();
        assert_eq!(String::from_utf8(csv).unwrap().lines().nth(1), Some("0e0,0e0"));
    }
}
