//! Lift tables and speed profiles in parameter files (`lift_table = "x.csv"`, `smoothing`,
//! `[[speed]]`) and the CLI on them: values, and bad input named by file, line and value.

use campro::{Error, ParameterFile, Program};
use std::path::{Path, PathBuf};
use std::process::Command;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/params").join(name)
}

/// A fresh folder for one test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("campro-lift-files-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// 36 rows of a smooth lift, every 10 degrees, with a header.
fn csv_rows() -> Vec<String> {
    let mut rows = vec!["theta_deg,lift_mm".to_string()];
    for i in 0..36 {
        let theta = 10.0 * i as f64;
        rows.push(format!("{theta},{}", 4.0 + 3.0 * (theta.to_radians()).sin()));
    }
    rows
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_run_up_example_loads_as_a_smoothed_table_with_a_speed_profile() {
    let program = Program::load(&example("valve_run_up.toml")).unwrap();
    let table = program.lift_table().expect("a lift table");
    assert_eq!(table.len(), 360);
    assert_eq!(table.smoothing(), 0.005);
    assert!((table.rms_deviation() / 0.005 - 1.0).abs() <= 1e-6, "{}", table.rms_deviation());
    let profile = program.speed_profile().expect("a speed profile");
    assert_eq!(profile.points().collect::<Vec<_>>(), [(0.0, 600.0), (0.5, 3000.0)]);
    assert_eq!(program.rpm(), 3000.0);
    assert_eq!(program.base_circle_radius(), Some(18.0));
    // Against the noise-free cam of make_valve_lift.py: the smoothing removes most of the noise.
    let truth = |theta: f64| {
        let x = (theta - 110.0) / 70.0;
        if x.abs() < 1.0 {
            9.5 * (1.0 - x * x).powi(4)
        } else {
            0.0
        }
    };
    let rms = ((0..3600).map(|i| (program.displacement(i as f64 * 0.1) - truth(i as f64 * 0.1)).powi(2)).sum::<f64>()
        / 3600.0)
        .sqrt();
    assert!(rms < 0.6 * 0.005, "fit vs truth RMS {rms} mm against noise sigma 0.005 mm");
}

#[test]
fn the_table_path_is_relative_to_the_parameter_file_and_interpolates() {
    let dir = folder("relative");
    std::fs::create_dir_all(dir.join("tables")).unwrap();
    write(&dir, "tables/lift.csv", &(csv_rows().join("\n") + "\n"));
    let path = write(&dir, "cam.toml", "lift_table = \"tables/lift.csv\"\nrpm = 1200\n");
    let program = Program::load(&path).unwrap();
    for i in 0..36 {
        let theta = 10.0 * i as f64;
        assert!((program.displacement(theta) - (4.0 + 3.0 * theta.to_radians().sin())).abs() <= 1e-12 * 7.0);
    }
    match ParameterFile::load(&path).unwrap() {
        ParameterFile::LiftTable { theta_deg, lines, rpm, smoothing, .. } => {
            assert_eq!((theta_deg.len(), lines[0], lines[35], rpm, smoothing), (36, 2, 37, 1200.0, 0.0));
        }
        other => panic!("{other:?}"),
    }
    // JSON says the same.
    let json = write(
        &dir,
        "cam.json",
        r#"{"lift_table": "tables/lift.csv", "rpm": 1200, "speed": [{"time": 0, "rpm": 100}]}"#,
    );
    let program = Program::load(&json).unwrap();
    assert_eq!(program.speed_profile().unwrap().len(), 1);
}

#[test]
fn bad_csv_rows_are_named_by_file_line_and_value() {
    let dir = folder("bad-rows");
    let param = |dir: &Path| write(dir, "cam.toml", "rpm = 3000\nlift_table = \"lift.csv\"\n");
    let cases: [(usize, &str, &str); 4] = [
        (5, "30,abc", "lift.csv:5: key `lift_mm`: expected a number, found \"abc\""),
        (5, "30,1,2", "lift.csv:5: 3 columns"),
        (5, "10,1", "lift.csv:5: theta_deg (row 3) = 10: the angles must increase strictly (theta_deg[2] = 20)"),
        (7, "50,nan", "lift.csv:7: lift_mm (row 5) = NaN: must be finite"),
    ];
    for (line, replacement, want) in cases {
        let mut rows = csv_rows();
        rows[line - 1] = replacement.to_string();
        write(&dir, "lift.csv", &rows.join("\n"));
        let path = param(&dir);
        let message = Program::load(&path).unwrap_err().to_string();
        assert!(message.contains(want), "{replacement}: {message}");
        assert!(message.contains(&dir.join("lift.csv").display().to_string()), "{message}");
    }
    write(&dir, "lift.csv", &csv_rows()[..6].join("\n"));
    let message = Program::load(&param(&dir)).unwrap_err().to_string();
    assert!(message.contains("lift.csv: number of rows = 5: a lift table needs at least 8 points"), "{message}");
    std::fs::remove_file(dir.join("lift.csv")).unwrap();
    assert!(matches!(Program::load(&param(&dir)), Err(Error::Io { .. })));
    // A folder where the table should be: refused as a lift table, not as a parameter file.
    std::fs::create_dir(dir.join("lift.csv")).unwrap();
    let message = Program::load(&param(&dir)).unwrap_err().to_string();
    assert!(
        message.contains("lift.csv: not a regular file (a directory); a lift table must be a regular .csv file"),
        "{message}"
    );
}

#[test]
fn bad_keys_and_speed_points_are_named_by_line() {
    let dir = folder("bad-keys");
    write(&dir, "lift.csv", &csv_rows().join("\n"));
    let cases = [
        (
            "rpm = 3000\nsmoothing = 0.1\nrise_duration = 90\nlift_table = \"lift.csv\"\n",
            "cam.toml:3: key `rise_duration`: not allowed beside a lift_table",
        ),
        (
            "lift_table = \"lift.csv\"\n",
            "cam.toml: key `rpm`: missing required key (a lift_table needs the cam speed rpm)",
        ),
        (
            "rpm = 3000\nsmoothing = 0.1\n[[segment]]\nlaw = \"dwell\"\nduration = 360\nend_lift = 0\n",
            "cam.toml:2: key `smoothing`: only with a lift_table",
        ),
        ("rpm = 3000\nlift_table = \"lift.csv\"\nsmoothing = -1\n", "smoothing = -1: must be finite and >= 0"),
        ("rpm = 3000\nlift_table = 7\n", "cam.toml:2: key `lift_table`: expected a file name"),
        (
            "rpm = 3000\nlift_table = \"lift.csv\"\n[[speed]]\ntime = 0\nrpm = 10\n[[speed]]\ntime = 0\nrpm = 20\n",
            "cam.toml:7: speed[1].time = 0: the times must increase strictly",
        ),
        (
            "rpm = 3000\nlift_table = \"lift.csv\"\n[[speed]]\ntime = 0\nrpm = 1e9\n",
            "cam.toml:5: speed[0].rpm = 1000000000: |rpm| above the maximum",
        ),
        ("rpm = 3000\nlift_table = \"lift.csv\"\n[[speed]]\ntime = 0\n", "key `speed[0].rpm`: missing required key"),
        ("rpm = 3000\nlift_table = \"lift.csv\"\n[[speed]]\ntime = 0\nrpm = 1\nrmp = 3\n", "key `speed[0].rmp`"),
    ];
    for (text, want) in cases {
        let path = write(&dir, "cam.toml", text);
        let message = Program::load(&path).unwrap_err().to_string();
        assert!(message.contains(want), "{text:?}:\n  {message}\n  lacks {want}");
    }
}

#[test]
fn the_cli_analyzes_tabulates_and_plots_a_run_up() {
    let campro = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_campro")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
    };
    let out = campro(&["analyze", "examples/params/valve_run_up.toml", "--points", "3600"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for want in [
        "Lift table: 360 points (0 to 359 deg), smoothing 0.005 mm, RMS deviation 0.005 mm",
        "Speed profile: 2 points, 600 rpm at 0 s to 3000 rpm at 0.5 s",
        "peak velocity",
    ] {
        assert!(stdout.contains(want), "{stdout}");
    }
    assert!(!stdout.contains("Segments ("), "{stdout}");
    let dir = folder("cli");
    let csv = dir.join("run_up.csv");
    let out = campro(&[
        "table",
        "examples/params/valve_run_up.toml",
        "--format",
        "csv",
        "--tolerance",
        "1e-4",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0 s to 0.5 s (15 revolutions)"), "{stderr}");
    // The written table against the program: time-based values through the speed profile.
    let program = Program::load(&example("valve_run_up.toml")).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<(f64, f64)> = text
        .lines()
        .filter_map(|l| l.split_once(',').and_then(|(t, s)| Some((t.parse().ok()?, s.parse().ok()?))))
        .collect();
    assert!(rows.len() > 100 && rows[0].0 == 0.0 && rows[rows.len() - 1].0 == 0.5);
    for &(t, s) in rows.iter().step_by(7) {
        assert!((program.boundary_condition_at_time(t).displacement - s).abs() <= 1e-12, "at {t} s");
    }
    let png = dir.join("svaj.png");
    let out = campro(&["plot", "examples/params/valve_run_up.toml", "-o", png.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lift table of 360 points drawn over the fitted curve"));
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000);
}
