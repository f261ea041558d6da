//! The command line's follower dynamics: `campro analyze` with and without a [dynamics] table,
//! and `campro plot --dynamics`.

use campro::{FollowerDynamics, Program};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const VALVE: &str = "examples/params/valve_dynamics.toml";

fn campro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_campro")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("campro-cli-dynamics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn six(x: f64) -> String {
    // The report's six significant digits (src/bin/campro/numbers.rs) for these magnitudes.
    let digits = (5 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[test]
fn analyze_reports_the_dynamics_of_a_file_with_a_dynamics_table() {
    let out = campro(&["analyze", VALVE, "--points", "3600"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // The numbers are the library's.
    let (program, d) =
        Program::load_with_dynamics(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALVE).as_path()).unwrap();
    let d: FollowerDynamics = d.unwrap();
    let dynamics = program.dynamics(&d).unwrap();
    let r = dynamics.check(3600).unwrap();
    let spring = dynamics.size_spring(12.5, 3000.0, 1.0, 3600).unwrap();
    for want in [
        "Follower dynamics (mass 0.0657 kg, spring 20 N/mm, preload 250 N, damping 0.0036 N*s/mm, external force 0 N):"
            .to_string(),
        "  min contact force  250 N at 0.000 deg".to_string(),
        "  max contact force  450 N at 90.000 deg".to_string(),
        "  separation         no: the contact force stays >= 0 at 3000 rpm".to_string(),
        format!("  jump speed         {} rpm (contact first lost at {:.3} deg)", six(r.jump_rpm), r.jump_at),
        format!("  peak torque        {} N*mm at {:.3} deg", six(r.max_torque), r.max_torque_at),
        format!("  RMS torque         {} N*mm", six(r.rms_torque)),
        "Spring sizing for every speed up to 3000 rpm (safety factor 1: spring force >= 1 x the force needed):"
            .to_string(),
        "  smallest preload for 20 N/mm: 0 N (none needed)".to_string(),
        format!(
            "  smallest spring with preload/rate 12.5 mm: {} N/mm, preload {} N",
            six(spring.spring_rate),
            six(spring.spring_preload)
        ),
        "Speed within the limits: up to 20.4474 rpm (jerk-limited; each limit alone: velocity 75 rpm, acceleration \
         42.3142 rpm, jerk 20.4474 rpm)."
            .to_string(),
    ] {
        assert!(stdout.contains(&want), "missing {want:?} in\n{stdout}");
    }
    assert!((r.jump_rpm - 4772.88).abs() < 0.01, "{r:?}");
}

#[test]
fn overspeed_and_safety_factor_size_the_spring() {
    let out = campro(&["analyze", VALVE, "--points", "3600", "--overspeed", "6000", "--safety-factor", "1.2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // tests/dynamics.rs's reference values: 629.6201087236304 N, 37.6972625677634 N/mm.
    for want in [
        "Spring sizing for every speed up to 6000 rpm (safety factor 1.2: spring force >= 1.2 x the force needed):",
        "  smallest preload for 20 N/mm: 629.62 N (binds at ",
        "  smallest spring with preload/rate 12.5 mm: 37.6973 N/mm, preload 471.216 N (binds at ",
    ] {
        assert!(stdout.contains(want), "missing {want:?} in\n{stdout}");
    }
    let out = campro(&["analyze", VALVE, "--safety-factor", "0.5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("safety_factor = 0.5: must be finite and within [1, 1000]"),
        "{}",
        text(&out.stderr)
    );
    let out = campro(&["analyze", VALVE, "--overspeed", "-5"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_that_separates_says_so() {
    let text6000 = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALVE))
        .unwrap()
        .replace("rpm = 3000.0", "rpm = 6000.0");
    let path = temp("valve6000.toml");
    std::fs::write(&path, text6000).unwrap();
    let out = campro(&["analyze", path.to_str().unwrap(), "--points", "3600"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("  separation         YES: the follower leaves the cam at 6000 rpm (contact force < 0)"));
    assert!(stdout.contains("  min contact force  -244.757 N at 158.553 deg"), "{stdout}");
    // The jump speed does not depend on the file's rpm.
    assert!(stdout.contains("  jump speed         4772.88 rpm"), "{stdout}");
}

#[test]
fn files_without_dynamics_get_the_speed_limit_only() {
    let out = campro(&["examples/params/camprov5_defaults.toml", "--points", "3600"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Speed within the limits: up to 20.4474 rpm (jerk-limited"), "{stdout}");
    assert!(!stdout.contains("Follower dynamics"), "{stdout}");
    // A segment file without limits: no speed line either.
    let out = campro(&["examples/params/valve_segments.toml", "--points", "3600"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    let has_limits =
        Program::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/params/valve_segments.toml").as_path())
            .unwrap()
            .limits()
            .velocity
            .is_finite();
    assert_eq!(stdout.contains("Speed within the limits"), has_limits, "{stdout}");
}

#[test]
fn bad_dynamics_tables_fail_with_file_line_and_key() {
    let bad = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALVE))
        .unwrap()
        .replace("mass_kg = 0.0657", "mass_kg = -1");
    let path = temp("bad_mass.toml");
    std::fs::write(&path, bad).unwrap();
    for command in ["analyze", "plot"] {
        let mut args = vec![command, path.to_str().unwrap()];
        if command == "plot" {
            args.extend(["--dynamics", "-o", "/nonexistent-dir/never.png"]);
        }
        let out = campro(&args);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("bad_mass.toml:18: dynamics.mass_kg = -1: must be finite and > 0 kg"), "{stderr}");
    }
}

/// Pixels of the separation shading (plot_dynamics.rs's SEPARATION colour) in a PNG.
fn shaded_pixels(path: &Path) -> usize {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buffer[..info.buffer_size()].chunks_exact(3).filter(|p| *p == [255, 205, 205]).count()
}

#[test]
fn plot_dynamics_shades_the_separation() {
    let ok = temp("forces3000.png");
    let out = campro(&["plot", "--dynamics", VALVE, "-o", ok.to_str().unwrap(), "--width", "800", "--height", "700"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("contact everywhere"), "{}", text(&out.stderr));
    assert_eq!(shaded_pixels(&ok), 0);

    let text6000 = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALVE))
        .unwrap()
        .replace("rpm = 3000.0", "rpm = 6000.0");
    let file = temp("valve6000_plot.toml");
    std::fs::write(&file, text6000).unwrap();
    let jumps = temp("forces6000.png");
    let out = campro(&[
        "plot",
        "--dynamics",
        file.to_str().unwrap(),
        "-o",
        jumps.to_str().unwrap(),
        "--width",
        "800",
        "--height",
        "700",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("the follower leaves the cam (shaded)"), "{}", text(&out.stderr));
    // Two zones of about 24 deg each (55-79 and 146-171 deg) of a 360 deg axis, in two panels.
    let shaded = shaded_pixels(&jumps);
    assert!(shaded > 20_000, "{shaded} shaded pixels");

    // Without a [dynamics] table there is nothing to plot.
    let out = campro(&[
        "plot",
        "--dynamics",
        "examples/params/camprov5_defaults.toml",
        "-o",
        temp("none.png").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("has no [dynamics] table"), "{}", text(&out.stderr));
    assert!(!temp("none.png").exists());
}
