//! Parameter files: the CamProV5 export (TOML, JSON), the [[segment]] form, and errors that name
//! the key, the line and the value.

use campro::{Error, Law, Limits, ParameterFile, Parameters, Program, Segment, MAX_PARAMETER_FILE_BYTES};
use std::ffi::CString;
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/params").join(name)
}

const DEFAULTS_TOML: &str = "\
base_circle_radius = 25.0
max_lift = 10.0
cam_duration = 180.0
rise_duration = 90.0
dwell_duration = 45.0
fall_duration = 90.0
jerk_limit = 1000.0
acceleration_limit = 500.0
velocity_limit = 100.0
rpm = 3000.0
";

/// The defaults with line `line` (1-based) replaced.
fn defaults_with(line: usize, replacement: &str) -> String {
    DEFAULTS_TOML
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { replacement.to_string() } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn same_program(a: &Program, b: &Program) {
    assert_eq!(a.segments(), b.segments());
    assert_eq!(a.rpm(), b.rpm());
    assert_eq!(a.limits(), b.limits());
    assert_eq!(a.base_circle_radius(), b.base_circle_radius());
    for i in 0..3600 {
        let angle = i as f64 * 0.1;
        assert_eq!(a.kinematics(angle), b.kinematics(angle), "at {angle} deg");
    }
}

#[test]
fn defaults_toml_and_json_are_the_default_parameters() {
    let default = Program::from_parameters(&Parameters::default()).unwrap();
    for name in ["camprov5_defaults.toml", "camprov5_defaults.json"] {
        let path = example(name);
        assert_eq!(ParameterFile::load(&path).unwrap(), ParameterFile::Parameters(Parameters::default()), "{name}");
        let program = Program::load(&path).unwrap();
        same_program(&program, &default);
        assert!((program.displacement(45.0) - 5.0).abs() <= 1e-14, "{}", program.displacement(45.0));
        assert_eq!(program.limits(), Limits { velocity: 100.0, acceleration: 500.0, jerk: 1000.0 });
        assert_eq!(program.base_circle_radius(), Some(25.0));
    }
    same_program(&Program::from_toml_str(DEFAULTS_TOML).unwrap(), &default);
}

#[test]
fn law_names_and_integers() {
    let text = format!("{DEFAULTS_TOML}rise_law = \"3-4-5\"\nfall_law = 'Simple Harmonic'  # alias forms\n");
    match ParameterFile::from_toml_str(&text, "laws.toml").unwrap() {
        ParameterFile::Parameters(p) => {
            assert_eq!(p.rise_law, Law::Polynomial345);
            assert_eq!(p.fall_law, Law::SimpleHarmonic);
        }
        other => panic!("{other:?}"),
    }
    // Integers are numbers; 1_000 is TOML's digit grouping.
    let program = Program::from_toml_str(&defaults_with(7, "jerk_limit = 1_000")).unwrap();
    assert_eq!(program.limits().jerk, 1000.0);
    let json = r#"{"base_circle_radius": 25, "max_lift": 1e1, "cam_duration": 180, "rise_duration": 90,
        "dwell_duration": 45, "fall_duration": 90, "jerk_limit": 1000, "acceleration_limit": 500,
        "velocity_limit": 100, "rpm": 3000, "rise_law": "modified_sine", "fall_law": "polynomial_4567"}"#;
    let program = Program::from_json_str(json).unwrap();
    assert_eq!(program.segments()[0].law, Law::ModifiedSine);
    assert_eq!(program.segments()[2].law, Law::Polynomial4567);
    assert_eq!(program.max_lift(), 10.0);
}

#[test]
fn segment_file_evaluates_as_its_segments() {
    let explicit = [
        Segment { law: Law::Polynomial345, duration: 40.0, end_lift: 2.0 },
        Segment { law: Law::ModifiedSine, duration: 70.0, end_lift: 8.0 },
        Segment { law: Law::Dwell, duration: 30.0, end_lift: 8.0 },
        Segment { law: Law::ModifiedTrapezoidal, duration: 90.0, end_lift: 0.0 },
        Segment { law: Law::Dwell, duration: 130.0, end_lift: 0.0 },
    ];
    let limits = Limits { velocity: 1500.0, acceleration: 2.0e5, jerk: 5.0e7 };
    let expected = Program::from_segments(&explicit, 1200.0).unwrap().with_limits(limits).unwrap();
    for name in ["valve_segments.toml", "valve_segments.json"] {
        let program = Program::load(&example(name)).unwrap();
        assert_eq!(program.segments(), &explicit[..], "{name}");
        assert_eq!(program.rpm(), 1200.0);
        assert_eq!(program.limits(), limits);
        assert_eq!(program.base_circle_radius(), Some(30.0));
        for i in 0..3600 {
            let angle = i as f64 * 0.1;
            assert_eq!(program.kinematics(angle), expected.kinematics(angle));
        }
        // A few values in closed form: the 3-4-5 rise to 2 mm over 40 deg, half way.
        assert!((program.displacement(20.0) - 1.0).abs() < 1e-12);
        assert_eq!(program.displacement(125.0), 8.0);
        assert_eq!(program.displacement(300.0), 0.0);
    }
    // Limits are optional in the segment form.
    let minimal = "rpm = 600\n[[segment]]\nlaw = \"cycloidal\"\nduration = 180\nend_lift = 4\n\
                   [[segment]]\nlaw = \"cycloidal\"\nduration = 180\nend_lift = 0\n";
    let program = Program::from_toml_str(minimal).unwrap();
    assert_eq!(program.limits(), Limits::NONE);
    assert_eq!(program.base_circle_radius(), None);
    assert!((program.displacement(90.0) - 2.0).abs() < 1e-12);
}

/// (key, line, message) of a parse error.
fn parse_error(result: campro::Result<ParameterFile>) -> (String, Option<usize>, String, String) {
    match result {
        Err(e @ Error::Parse { .. }) => {
            let text = e.to_string();
            match e {
                Error::Parse { key, line, message, .. } => (key, line, message, text),
                _ => unreachable!(),
            }
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn unknown_key_names_key_line_and_value() {
    let text = defaults_with(4, "rise_duraton = 90.5");
    let (key, line, message, text) = parse_error(ParameterFile::from_toml_str(&text, "cam.toml"));
    assert_eq!((key.as_str(), line), ("rise_duraton", Some(4)));
    assert!(message.contains("unknown key (value 90.5)"), "{message}");
    assert!(text.starts_with("cam.toml:4: key `rise_duraton`: unknown key (value 90.5)"), "{text}");

    let json = "{\n  \"rpm\": 3000,\n  \"colour\": \"red\"\n}";
    let (key, line, message, _) = parse_error(ParameterFile::from_json_str(json, "cam.json"));
    assert_eq!((key.as_str(), line), ("colour", Some(3)));
    assert!(message.contains("(value \"red\")"), "{message}");

    let segments = "rpm = 600\n[[segment]]\nlaw = \"cycloidal\"\nduration = 360\nend_lift = 0\nspeed = 3\n";
    let (key, line, message, _) = parse_error(ParameterFile::from_toml_str(segments, "s.toml"));
    assert_eq!((key.as_str(), line), ("segments[0].speed", Some(6)));
    assert!(message.contains("(value 3)") && message.contains("law, duration, end_lift"), "{message}");
}

#[test]
fn wrong_type_names_key_line_and_value() {
    let text = defaults_with(10, "rpm = \"fast\"");
    let (key, line, message, _) = parse_error(ParameterFile::from_toml_str(&text, "cam.toml"));
    assert_eq!((key.as_str(), line), ("rpm", Some(10)));
    assert_eq!(message, "expected a number, found string \"fast\"");

    let text = format!("{DEFAULTS_TOML}rise_law = 3\n");
    let (key, line, message, _) = parse_error(ParameterFile::from_toml_str(&text, "cam.toml"));
    assert_eq!((key.as_str(), line), ("rise_law", Some(11)));
    assert!(message.contains("found number 3"), "{message}");

    let json = "{\"rpm\": 3000, \"max_lift\":\n [10]}";
    let (key, line, message, _) = parse_error(ParameterFile::from_json_str(json, "cam.json"));
    assert_eq!((key.as_str(), line), ("max_lift", Some(1)));
    assert!(message.contains("found array"), "{message}");

    let json = "{\"rpm\": 3000,\n\"max_lift\": true}";
    let (key, line, message, _) = parse_error(ParameterFile::from_json_str(json, "cam.json"));
    assert_eq!((key.as_str(), line), ("max_lift", Some(2)));
    assert!(message.contains("found boolean true"), "{message}");
}

#[test]
fn missing_key_is_named() {
    let text = defaults_with(6, "# fall_duration = 90");
    let (key, line, message, _) = parse_error(ParameterFile::from_toml_str(&text, "cam.toml"));
    assert_eq!((key.as_str(), line), ("fall_duration", None));
    assert!(message.starts_with("missing required key"), "{message}");

    // In a segment, the line is the segment's [[segment]] header.
    let text = "rpm = 600\n\n[[segment]]\nlaw = \"cycloidal\"\nduration = 180\nend_lift = 4\n\
                [[segment]]\nlaw = \"cycloidal\"\nduration = 180\n";
    let (key, line, _, _) = parse_error(ParameterFile::from_toml_str(text, "s.toml"));
    assert_eq!((key.as_str(), line), ("segments[1].end_lift", Some(7)));

    let (key, line, _, _) = parse_error(ParameterFile::from_toml_str("[[segment]]\nlaw = \"dwell\"\n", "s.toml"));
    assert_eq!((key.as_str(), line), ("rpm", None));
}

#[test]
fn impossible_values_name_key_line_and_value() {
    let err = ParameterFile::load(&example("bad_negative_duration.toml")).unwrap_err();
    match &err {
        Error::InvalidParameter { field, value, reason } => {
            assert!(field.ends_with("bad_negative_duration.toml:5: rise_duration"), "{field}");
            assert_eq!(value, "-90");
            assert_eq!(reason, "must be finite and > 0");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().ends_with("bad_negative_duration.toml:5: rise_duration = -90: must be finite and > 0"),
        "{err}"
    );

    let text = "rpm = 600\n[[segment]]\nlaw = \"cycloidal\"\nduration = 180\nend_lift = 4\n\
                [[segment]]\nlaw = \"cycloidal\"\nduration = -180\nend_lift = 0\n";
    let err = ParameterFile::from_toml_str(text, "s.toml").unwrap_err().to_string();
    assert!(err.starts_with("s.toml:8: segments[1].duration = -180:"), "{err}");

    let text = "rpm = 600\n[[segment]]\nlaw = \"cycloid\"\nduration = 360\nend_lift = 0\n";
    let err = ParameterFile::from_toml_str(text, "s.toml").unwrap_err().to_string();
    assert!(err.starts_with("s.toml:3: segments[0].law = \"cycloid\": unknown motion law"), "{err}");

    let err = ParameterFile::from_toml_str(&defaults_with(10, "rpm = nan"), "c.toml").unwrap_err().to_string();
    assert!(err.starts_with("c.toml:10: rpm = NaN:"), "{err}");

    let json = "{\n \"rpm\": 600,\n \"segment\": [\n  {\"law\": \"cycloidal\", \"duration\": 180, \"end_lift\": 4},\n  {\"law\": \"dwell\", \"duration\": 180,\n   \"end_lift\": 0}\n ]\n}";
    let err = ParameterFile::from_json_str(json, "s.json").unwrap_err().to_string();
    assert!(err.starts_with("s.json:6: segments[1].end_lift = 0: a dwell must hold"), "{err}");

    let err = ParameterFile::from_toml_str(&format!("{DEFAULTS_TOML}rise_law = \"dwell\"\n"), "c.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("c.toml:11: rise_law = 0: a dwell cannot rise or fall"), "{err}");
}

#[test]
fn syntax_errors_have_lines() {
    // (text, line, key, part of the message). TOML syntax errors quote the line as written.
    let cases: [(&str, usize, &str, &str); 7] = [
        ("rpm = 3000\nmax_lift 10\n", 2, "", "expected `=`"),
        ("rpm = 3000\n\n\nmax_lift = 10 mm\n", 4, "", "`max_lift = 10 mm`"),
        ("rpm = \"3000\n", 1, "", "`rpm = \"3000`"),
        ("rpm = 3000\nrpm = 1200\n", 2, "rpm", "duplicate key: `rpm = 1200`"),
        // Valid TOML that is no parameter file: the key's line and what is wrong with it.
        ("rpm = 3000\n[cam]\n", 2, "cam", "unknown table"),
        ("a.b = 1\n", 1, "a", "unknown table"),
        ("rpm = [1, 2]\n", 1, "rpm", "expected a number, found array"),
    ];
    for (text, want_line, want_key, want) in cases {
        let (key, line, message, _) = parse_error(ParameterFile::from_toml_str(text, "t.toml"));
        assert_eq!((key.as_str(), line), (want_key, Some(want_line)), "{text:?}: {message}");
        assert!(message.contains(want), "{text:?}: {message}");
    }
    let cases: [(&str, usize, &str, &str); 6] = [
        ("{\n\"rpm\": 3000,\n}", 3, "", "trailing comma"),
        ("{\"rpm\": 3000\n\"max_lift\": 1}", 2, "", "expected `,` or `}`"),
        ("[1, 2]", 1, "", "one JSON object"),
        ("{\"rpm\": 01}", 1, "rpm", "invalid number"),
        ("{\"rpm\": 3000}\n{}", 2, "", "trailing characters"),
        ("{\"rpm\": 1,\n \"rpm\": 2}", 2, "rpm", "duplicate key"),
    ];
    for (text, want_line, want_key, want) in cases {
        let (key, line, message, _) = parse_error(ParameterFile::from_json_str(text, "t.json"));
        assert_eq!((key.as_str(), line), (want_key, Some(want_line)), "{text:?}: {message}");
        assert!(message.contains(want), "{text:?}: {message}");
    }
}

#[test]
fn any_valid_toml_or_json_with_the_same_meaning() {
    let expected = Program::load(&example("valve_segments.toml")).unwrap();
    let segments = "rpm = 1200\nvelocity_limit = 1500\nacceleration_limit = 2e5\njerk_limit = 5e7\n\
                    base_circle_radius = 30\n";
    let inline = format!(
        "{segments}segment = [\n  {{law = \"polynomial_345\", duration = 40, end_lift = 2}},\n  \
         {{law = \"modified_sine\", duration = 70, end_lift = 8}},\n  {{law = \"dwell\", duration = 30, end_lift = 8}},\n  \
         {{law = \"modified_trapezoidal\", duration = 90, end_lift = 0}},\n  {{law = \"dwell\", duration = 130, end_lift = 0}},\n]\n"
    );
    same_program(&Program::from_toml_str(&inline).unwrap(), &expected);
    // `segments` names the same list; keys may be quoted; tables may be written in any order.
    let spelled = inline.replace("segment = [", "\"segments\" = [").replace("rpm = 1200\n", "") + "'rpm' = 1_200.0\n";
    same_program(&Program::from_toml_str(&spelled).unwrap(), &expected);
    let json = r#"{"segments": [{"end_lift": 2, "duration": 40, "law": "polynomial_345"},
        {"law": "modified_sine", "duration": 70, "end_lift": 8}, {"law": "dwell", "duration": 30, "end_lift": 8},
        {"law": "modified_trapezoidal", "duration": 90, "end_lift": 0}, {"law": "dwell", "duration": 130, "end_lift": 0}],
        "rpm": 1200, "velocity_limit": 1500, "acceleration_limit": 200000, "jerk_limit": 5e7, "base_circle_radius": 30}"#;
    same_program(&Program::from_json_str(json).unwrap(), &expected);

    // An array of values in field order is not a segment table, nor is an array a file.
    let (key, line, message, _) =
        parse_error(ParameterFile::from_toml_str("rpm = 600\nsegment = [[\"dwell\", 360, 0]]\n", "t.toml"));
    assert_eq!((key.as_str(), line), ("segments[0]", Some(2)));
    assert_eq!(message, "expected a segment table, found array");
    let (key, _, message, _) =
        parse_error(ParameterFile::from_json_str("[25, 10, 180, 90, 45, 90, 1000, 500, 100, 3000]", "t.json"));
    assert_eq!(key, "");
    assert!(message.contains("found array"), "{message}");
    // Both spellings at once name one list twice.
    let both = "rpm = 600\nsegment = []\nsegments = []\n";
    let (_, _, message, _) = parse_error(ParameterFile::from_toml_str(both, "t.toml"));
    assert!(message.starts_with("duplicate key"), "{message}");
}

#[test]
fn missing_file_is_io() {
    let err = Program::load(Path::new("/nonexistent/cam.toml")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().starts_with("/nonexistent/cam.toml:"));
}

#[test]
fn c_motion_load_status_and_messages() {
    use campro::ffi::*;
    let dir = std::env::temp_dir().join(format!("campro-paramfile-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let load = |path: &Path| -> (i32, String, *mut CamproMotion) {
        let c = CString::new(path.to_str().unwrap()).unwrap();
        let mut motion = std::ptr::null_mut();
        unsafe {
            let status = campro_motion_load(c.as_ptr(), &mut motion);
            let mut buf = vec![0u8; 1024];
            let n = campro_last_error_message(buf.as_mut_ptr().cast(), buf.len());
            (status, String::from_utf8_lossy(&buf[..n.min(1023)]).into_owned(), motion)
        }
    };
    let (status, _, motion) = load(&example("camprov5_defaults.toml"));
    assert_eq!(status, CAMPRO_OK);
    unsafe {
        assert_eq!(campro_displacement(motion, 100.0), 10.0);
        campro_motion_free(motion);
    }
    let (status, _, motion) = load(&example("valve_segments.json"));
    assert_eq!(status, CAMPRO_OK);
    unsafe {
        assert_eq!(campro_motion_segment_count(motion), 5);
        assert_eq!(campro_motion_rpm(motion), 1200.0);
        campro_motion_free(motion);
    }
    let (status, message, motion) = load(&example("bad_negative_duration.toml"));
    assert_eq!(status, CAMPRO_ERROR_INVALID_PARAMETER);
    assert!(motion.is_null());
    assert!(message.ends_with(":5: rise_duration = -90: must be finite and > 0"), "{message}");

    let unknown = dir.join("unknown.toml");
    std::fs::write(&unknown, defaults_with(9, "velocity_limt = 100.0")).unwrap();
    let (status, message, motion) = load(&unknown);
    assert_eq!(status, CAMPRO_ERROR_PARSE);
    assert!(motion.is_null());
    assert!(message.contains("unknown.toml:9: key `velocity_limt`: unknown key (value 100.0)"), "{message}");

    // No extension: the format is sniffed from the first character.
    let sniffed = dir.join("cam-params");
    std::fs::write(&sniffed, "{\"rpm\": 3000}").unwrap();
    let (status, message, _) = load(&sniffed);
    assert_eq!(status, CAMPRO_ERROR_PARSE);
    assert!(message.contains("key `base_circle_radius`: missing required key"), "{message}");

    let (status, _, motion) = load(&dir.join("missing.toml"));
    assert_eq!(status, CAMPRO_ERROR_IO);
    assert!(motion.is_null());
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs `load` on another thread and fails (instead of hanging the test run) if it never returns.
fn load_without_hanging(path: &Path) -> campro::Result<Program> {
    let (send, receive) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = send.send(Program::load(&path));
    });
    // A hang guard, not a timing assertion: a blocked open never returns at all.
    receive.recv_timeout(std::time::Duration::from_secs(120)).expect("Program::load blocked")
}

#[test]
fn only_regular_files_of_bounded_size_are_read() {
    let dir = std::env::temp_dir().join(format!("campro-paramfile-bounds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let io_message = |result: campro::Result<Program>| match result {
        Err(Error::Io { path, message }) => format!("{path}: {message}"),
        other => panic!("expected an I/O error, got {other:?}"),
    };

    // /dev/zero would be read until memory runs out; a FIFO without a writer would block.
    let message = io_message(load_without_hanging(Path::new("/dev/zero")));
    assert!(message.contains("/dev/zero: not a regular file (a character device)"), "{message}");
    let fifo = dir.join("cam.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let message = io_message(load_without_hanging(&fifo));
    assert!(message.contains("not a regular file (a FIFO)"), "{message}");
    let message = io_message(load_without_hanging(&dir));
    assert!(message.contains("not a regular file (a directory)"), "{message}");

    // One byte over the limit (a sparse file: nothing is written), refused before reading.
    let big = dir.join("big.toml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(MAX_PARAMETER_FILE_BYTES + 1).unwrap();
    let message = io_message(load_without_hanging(&big));
    assert!(message.contains(&format!("{} bytes: larger than", MAX_PARAMETER_FILE_BYTES + 1)), "{message}");
    assert!(message.contains("16 MiB"), "{message}");
    // At the limit it is read (and here fails as TOML: NUL bytes are no key).
    file.set_len(MAX_PARAMETER_FILE_BYTES).unwrap();
    assert!(matches!(load_without_hanging(&big), Err(Error::Parse { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn large_files_parse_in_linear_time() {
    // 100k segments: read in full, then refused by the segment bound (a quadratic pass over
    // them would take minutes).
    let n = 100_000;
    let mut toml = String::from("rpm = 600\n");
    for _ in 0..n {
        toml.push_str("[[segment]]\nlaw = \"dwell\"\nduration = 0.0036\nend_lift = 0\n");
    }
    let err = ParameterFile::from_toml_str(&toml, "many.toml").unwrap_err().to_string();
    assert!(err.contains(&format!("segments.count = {n}: at most 4096 segments")), "{err}");
    let items = vec![r#"{"law": "dwell", "duration": 0.0036, "end_lift": 0}"#; n];
    let json = format!("{{\"rpm\": 600, \"segments\": [\n{}\n]}}", items.join(",\n"));
    let err = ParameterFile::from_json_str(&json, "many.json").unwrap_err().to_string();
    assert!(err.contains(&format!("segments.count = {n}: at most 4096 segments")), "{err}");

    // 100k keys: the first unknown one is named, at its line.
    let mut keys = DEFAULTS_TOML.to_string();
    for i in 0..n {
        keys.push_str(&format!("key_{i} = {i}\n"));
    }
    let (key, line, message, _) = parse_error(ParameterFile::from_toml_str(&keys, "keys.toml"));
    assert_eq!((key.as_str(), line), ("key_0", Some(11)));
    assert!(message.starts_with("unknown key (value 0)"), "{message}");

    // Deep nesting is refused, not a stack overflow.
    let deep = format!("rpm = {}", "[".repeat(n));
    assert!(matches!(ParameterFile::from_toml_str(&deep, "deep.toml"), Err(Error::Parse { line: Some(1), .. })));
    let deep = format!("{{\"rpm\": {}", "[".repeat(n));
    assert!(matches!(ParameterFile::from_json_str(&deep, "deep.json"), Err(Error::Parse { line: Some(1), .. })));
}
