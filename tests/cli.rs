//! The `campro` command-line tool: analyze (the default), table, plot, help and errors.

use campro::{Parameters, Program, Quantity, TableFormat};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn campro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_campro")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("campro-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn no_arguments_analyses_the_default_cam() {
    for args in [&[][..], &["analyze"][..], &["examples/params/camprov5_defaults.toml"][..]] {
        let out = campro(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        for want in [
            "3000 rpm",
            "1  cycloidal rise",
            "0.000    90.000      0.0000 ->   10.0000",
            "2  dwell",
            "90.000   135.000     10.0000 ->   10.0000",
            "3  cycloidal fall",
            "135.000   225.000     10.0000 ->    0.0000",
            "225.000   360.000      0.0000 ->    0.0000",
            "peak velocity                4000 mm/s",
            "peak acceleration         2513274 mm/s^2",
            "peak jerk               3.15827e9 mm/s^3",
            "RMS acceleration          1256637 mm/s^2",
            "velocity      EXCEEDED: 4000 mm/s > limit 100 mm/s",
            "acceleration  EXCEEDED: 2513274 mm/s^2 > limit 500 mm/s^2",
            "jerk          EXCEEDED: 3.15827e9 mm/s^3 > limit 1000 mm/s^3",
            "3 of 3 limits exceeded.",
        ] {
            assert!(stdout.contains(want), "{args:?}: missing {want:?} in\n{stdout}");
        }
    }
}

#[test]
fn analyze_a_segment_file() {
    let out = campro(&["analyze", "examples/params/valve_segments.json", "--points", "36000"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Segments (5):"), "{stdout}");
    assert!(stdout.contains("1200 rpm (7200 deg/s, period 0.05 s)"), "{stdout}");
    assert!(stdout.contains("polynomial_345 rise"), "{stdout}");
    assert!(stdout.contains("modified_trapezoidal fall"), "{stdout}");
    assert!(stdout.contains("(36000 angles)"), "{stdout}");
    // The verdicts are the library's.
    let a = Program::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/params/valve_segments.json")))
        .unwrap()
        .analyze(36000)
        .unwrap();
    for (name, violated) in [
        ("velocity     ", a.velocity_violation),
        ("acceleration ", a.acceleration_violation),
        ("jerk         ", a.jerk_violation),
    ] {
        let verdict = if violated { "EXCEEDED" } else { "ok:" };
        assert!(stdout.contains(&format!("  {name} {verdict}")), "{name}: {stdout}");
    }
    let exceeded = [a.velocity_violation, a.acceleration_violation, a.jerk_violation].iter().filter(|v| **v).count();
    assert!(stdout.contains(&format!("{exceeded} of 3 limits exceeded.")), "{stdout}");
}

#[test]
fn errors_go_to_stderr_with_nonzero_exit() {
    let out = campro(&["analyze", "examples/params/bad_negative_duration.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("bad_negative_duration.toml:5: rise_duration = -90: must be finite and > 0"), "{stderr}");

    let out = campro(&["analyze", "/nonexistent/cam.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/cam.toml"));

    let out = campro(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown command"));

    // clap's wording: the option, the value, and the values it takes.
    let out = campro(&["table", "--format", "nastran"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("'nastran' for '--format <F>'"), "{stderr}");
    assert!(stderr.contains("[possible values: abaqus, lsdyna, csv, abaqus-periodic]"), "{stderr}");

    let out = campro(&["table", "--tolerance", "-1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("tolerance = -1"), "{}", text(&out.stderr));

    let out = campro(&["plot", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn options_belong_to_their_command() {
    for (args, option) in [
        (&["plot", "--points", "5"][..], "--points"),
        (&["analyze", "--format", "csv"][..], "--format"),
        (&["table", "--width", "800"][..], "--width"),
        (&["--revolutions", "2"][..], "--revolutions"),
    ] {
        let out = campro(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(&format!("unexpected argument '{option}'")), "{args:?}: {stderr}");
    }
    // Options of the right command still work in any position, `--opt=value` too.
    let out = campro(&["--points=3600", "examples/params/valve_segments.toml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("(3600 angles)"));
    let out = campro(&["table", "--revolutions", "2", "--t-end", "0.1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot be used with"), "{}", text(&out.stderr));
    let out = campro(&["table", "--t-start", "0.1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--t-end <S>"), "{}", text(&out.stderr));
    let out = campro(&["table", "--revolutions", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("must be a finite number > 0"), "{}", text(&out.stderr));
    let out = campro(&["plot", "--width", "20"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("'20' for '--width <W>'"), "{}", text(&out.stderr));
}

#[test]
fn table_labels_follow_the_solvers_naming_rules() {
    let path = temp("labels.inp");
    let _ = std::fs::remove_file(&path);
    for name in ["CAM\n*STEP", "CAM\n*STEP, NLGEOM", "CAM, DEFINITION=USER", "", "1CAM", &"A".repeat(81)] {
        let out = campro(&["table", "--name", name, "-o", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("for '--name <NAME>'") && stderr.contains("an Abaqus name"), "{name:?}: {stderr}");
        assert!(!path.exists(), "{name:?}: nothing is written");
    }
    for id in ["0", "100000000", "-3", "x"] {
        let out = campro(&["table", "--format", "lsdyna", "--curve-id", id, "-o", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{id}");
        assert!(text(&out.stderr).contains("an LS-DYNA load curve id is"), "{id}: {}", text(&out.stderr));
    }
    assert!(!path.exists());
    let longest = format!("A{}", "_9".repeat(39) + "Z");
    let out = campro(&["table", "--name", &longest, "-o", path.to_str().unwrap(), "--quiet"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(file.contains(&format!("*AMPLITUDE, NAME={longest}, DEFINITION=TABULAR")), "80 characters are fine");
}

/// Runs campro with standard output on `/dev/full`.
fn campro_to_full_disk(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    Command::new(env!("CARGO_BIN_EXE_campro"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .unwrap()
}

#[test]
fn a_full_standard_output_is_a_clean_error() {
    for args in [
        &["analyze"][..],
        &[][..],
        &["--help"][..],
        &["--version"][..],
        &["help", "table"][..],
        &["table", "--help"][..],
        &["table", "-q", "velocity"][..],
        &["completions", "bash"][..],
    ] {
        let out = campro_to_full_disk(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(stderr.contains("campro: error: standard output: No space left on device"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn analyze_refuses_kinematics_that_are_not_finite() {
    // At 1e150 rpm the jerk overflows (rpm^3); the file is refused either by validation or by
    // the analysis, never reported with peaks of 0 and limits "ok".
    let path = temp("overflow.toml");
    let text_in =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/params/camprov5_defaults.toml"))
            .unwrap()
            .replace("rpm = 3000.0", "rpm = 1e150");
    std::fs::write(&path, text_in).unwrap();
    let out = campro(&["analyze", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).starts_with("campro: error: "), "{}", text(&out.stderr));
}

#[test]
fn shell_completions() {
    for (shell, marker) in [("bash", "complete -F _campro"), ("zsh", "#compdef campro"), ("fish", "complete -c campro")]
    {
        let out = campro(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["table", "plot", "revolutions", "curve-id"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    let out = campro(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_for_each_command() {
    for (args, want) in [
        (&["--help"][..], "Usage:"),
        (&["help"][..], "Commands:"),
        (&["analyze", "--help"][..], "--points <N>"),
        (&["table", "--help"][..], "--revolutions <N>"),
        (&["help", "table"][..], "--tolerance <T>"),
        (&["plot", "--help"][..], "SVAJ"),
        (&["help", "completions"][..], "bash"),
    ] {
        let out = campro(args);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains(want), "{args:?}");
    }
    let out = campro(&["--version"]);
    assert_eq!(text(&out.stdout).trim(), format!("campro {}", campro::VERSION));
}

#[test]
fn table_writes_what_the_library_computes() {
    let program = Program::from_parameters(&Parameters::default()).unwrap();
    let path = temp("cam_amplitude.inp");
    let out = campro(&["table", "--format", "abaqus", "--revolutions", "2", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = program.table(Quantity::Displacement, 0.0, 0.04, 1e-6).unwrap();
    let mut want = Vec::new();
    expected.write(TableFormat::AbaqusAmplitude, &mut want).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), want);
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{} points", expected.len())), "{stderr}");
    assert!(stderr.contains("9 segment boundaries"), "{stderr}");
    assert!(stderr.contains(&format!("achieved max interpolation error {:.3e} mm", expected.max_error)), "{stderr}");

    // LS-DYNA by extension, velocity, a time span.
    let path = temp("cam.k");
    let out =
        campro(&["table", "-q", "velocity", "--t-start", "0.005", "--t-end", "0.015", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(file.starts_with("*KEYWORD\n") && file.ends_with("*END\n") && file.contains("*DEFINE_CURVE\n"));
    let v = program.table(Quantity::Velocity, 0.005, 0.015, 1e-3).unwrap();
    assert_eq!(file.lines().filter(|l| l.len() == 40 && !l.starts_with('$')).count(), v.len());

    // CSV on standard output, from a parameter file.
    let out = campro(&[
        "table",
        "examples/params/valve_segments.toml",
        "--format",
        "csv",
        "--quantity",
        "acceleration",
        "--tolerance",
        "10",
        "--quiet",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "--quiet: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().next(), Some("time_s,acceleration_mm_per_s2"));
    let valve =
        Program::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/params/valve_segments.toml"))).unwrap();
    let a = valve.table(Quantity::Acceleration, 0.0, 0.05, 10.0).unwrap();
    assert_eq!(stdout.lines().count(), a.len() + 1);
}

#[test]
fn long_runs_show_progress() {
    let path = temp("long.csv");
    let out = campro(&["table", "-n", "20", "-t", "1e-4", "--progress", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    for p in ["sampling 0%", "sampling 50%", "sampling 100%"] {
        assert!(stderr.contains(p), "{p}: {stderr}");
    }
    assert!(stderr.contains("(20 revolutions)"), "{stderr}");
}

#[test]
fn plot_draws_a_png() {
    let path = temp("svaj.png");
    let out = campro(&["plot", "-o", path.to_str().unwrap(), "--width", "800", "--height", "900"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let png = std::fs::read(&path).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian.
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 800);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 900);
    assert!(png.len() > 20_000, "a drawn diagram, not a blank image: {} bytes", png.len());

    let out = Command::new(env!("CARGO_BIN_EXE_campro"))
        .args(["plot", "-o", temp("nofont.png").to_str().unwrap()])
        .env("CAMPRO_FONT", "/nonexistent/font.ttf")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("fonts-dejavu-core"), "{}", text(&out.stderr));
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Runs campro with files limited to 5 KiB (`ulimit -f 10`), SIGXFSZ ignored: a write past the
/// limit fails part-way with EFBIG, as on a full disk.
fn campro_with_small_disk(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 10; exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_campro"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn outputs_are_replaced_whole_or_not_at_all() {
    let dir = temp("atomic");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("svaj.png");
    let table = dir.join("cam.inp");
    for path in [&png, &table] {
        std::fs::write(path, b"previous\n").unwrap();
    }
    // A write that fails part-way keeps the previous file and leaves nothing else behind.
    for args in [
        &["plot", "-o", png.to_str().unwrap()][..],
        &["table", "--revolutions", "2", "-o", table.to_str().unwrap()][..],
    ] {
        let out = campro_with_small_disk(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("File too large"), "{args:?}: {}", text(&out.stderr));
    }
    for path in [&png, &table] {
        assert_eq!(std::fs::read(path).unwrap(), b"previous\n");
    }
    assert_eq!(entries(&dir), ["cam.inp", "svaj.png"]);
    // So does a plot that fails before drawing, and one whose target cannot be replaced.
    let out = Command::new(env!("CARGO_BIN_EXE_campro"))
        .args(["plot", "-o", png.to_str().unwrap()])
        .env("CAMPRO_FONT", "/nonexistent/font.ttf")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    std::fs::create_dir(dir.join("folder.png")).unwrap();
    let out = campro(&["plot", "-o", dir.join("folder.png").to_str().unwrap(), "--width", "300", "--height", "300"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&png).unwrap(), b"previous\n");
    assert_eq!(entries(&dir), ["cam.inp", "folder.png", "svaj.png"]);
    // A successful plot replaces the file with a complete picture.
    let out = campro(&["plot", "-o", png.to_str().unwrap(), "--width", "300", "--height", "300"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let picture = std::fs::read(&png).unwrap();
    assert_eq!(&picture[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&picture[picture.len() - 8..picture.len() - 4], b"IEND");
    assert_eq!(entries(&dir), ["cam.inp", "folder.png", "svaj.png"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
