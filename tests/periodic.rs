//! Smooth periodic amplitudes (`Program::periodic_amplitude`): the fewest Fourier terms within the
//! tolerance of the exact motion everywhere, checked here on an independent dense grid.

use campro::{Law, Parameters, Program, Quantity};

fn program(rise_law: Law) -> Program {
    Program::from_parameters(&Parameters { rise_law, fall_law: rise_law, ..Parameters::default() }).unwrap()
}

/// Max |series - exact| over a period on a grid of `n` points (independent of the builder's grid).
fn max_error(p: &Program, amp: &campro::PeriodicAmplitude, n: usize) -> f64 {
    (0..n)
        .map(|i| {
            let t = p.period() * (i as f64 + 0.377) / n as f64;
            let bc = p.boundary_condition_at_time(t);
            let exact = match amp.quantity {
                Quantity::Displacement => bc.displacement,
                Quantity::Velocity => bc.velocity,
                _ => bc.acceleration,
            };
            // The series summed directly with sin/cos, not the library's rotation.
            let w = amp.omega;
            let mut sum = amp.a0;
            for (k, (a, b)) in amp.a.iter().zip(&amp.b).enumerate() {
                let arg = (k + 1) as f64 * w * t;
                sum += a * arg.cos() + b * arg.sin();
            }
            (sum - exact).abs()
        })
        .fold(0.0, f64::max)
}

#[test]
fn cycloidal_displacement_within_tolerance_with_the_fewest_terms() {
    let p = program(Law::Cycloidal);
    for tolerance in [1e-3, 1e-6] {
        let amp = p.periodic_amplitude(Quantity::Displacement, tolerance).unwrap();
        let n = amp.terms();
        let err = max_error(&p, &amp, 20_000);
        eprintln!("tolerance {tolerance:e}: {n} terms, reported {:.3e}, independent {:.3e}", amp.max_error, err);
        assert!(err <= tolerance, "{err} > {tolerance}");
        assert!(amp.max_error <= tolerance);
        // The mean of the default cam: (rise + fall) / 2 * 10 mm + dwell 45/360 * 10 mm.
        let mean = 10.0 * (45.0 + 45.0 + 45.0) / 360.0;
        assert!((amp.a0 - mean).abs() < 1e-13, "A0 {} vs {mean}", amp.a0);
        // One term fewer misses the tolerance somewhere (but for the 1% margin kept for the
        // harmonics not computed).
        let mut fewer = amp.clone();
        fewer.a.truncate(n - 1);
        fewer.b.truncate(n - 1);
        assert!(max_error(&p, &fewer, 20_000) > 0.99 * tolerance, "{} terms would do", n - 1);
    }
}

#[test]
fn velocity_series_and_refusals() {
    let p = program(Law::Cycloidal);
    let amp = p.periodic_amplitude(Quantity::Velocity, 1.0).unwrap();
    assert!(max_error(&p, &amp, 20_000) <= 1.0);
    assert!(amp.a0.abs() < 1e-9, "a velocity's mean is 0: {}", amp.a0);
    // The simple harmonic law's acceleration jumps: no series converges.
    let shm = program(Law::SimpleHarmonic);
    let err = shm.periodic_amplitude(Quantity::Acceleration, 1.0).unwrap_err().to_string();
    assert!(err.contains("use a table"), "{err}");
    for bad in [0.0, -1.0, f64::NAN, 1e-15] {
        let err = p.periodic_amplitude(Quantity::Displacement, bad).unwrap_err().to_string();
        assert!(err.contains("tolerance"), "{err}");
    }
}

#[test]
fn abaqus_text_layout() {
    let p = program(Law::Cycloidal);
    let amp = p.periodic_amplitude(Quantity::Displacement, 1e-4).unwrap();
    let text = amp.text("CAM");
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("**")).collect();
    assert_eq!(lines[0], "*AMPLITUDE, NAME=CAM, DEFINITION=PERIODIC, TIME=TOTAL TIME");
    let first: Vec<f64> = lines[1].split(',').map(|f| f.trim().parse().unwrap()).collect();
    assert_eq!(first, vec![amp.terms() as f64, amp.omega, 0.0, amp.a0]);
    let values: Vec<f64> =
        lines[2..].iter().flat_map(|l| l.split(',').map(|f| f.trim().parse::<f64>().unwrap())).collect();
    assert!(lines[2..].iter().all(|l| l.split(',').count() <= 8));
    assert_eq!(values.len(), 2 * amp.terms());
    for k in 0..amp.terms() {
        assert_eq!((values[2 * k], values[2 * k + 1]), (amp.a[k], amp.b[k]));
    }
}

/// `campro table --format abaqus-periodic` writes the library's series (same text), and refuses
/// what no series reaches with the library's message and no file.
#[test]
fn cli_writes_the_series() {
    let dir = std::env::temp_dir().join(format!("campro-periodic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("cam.inp");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_campro"))
        .args(["table", "--format", "abaqus-periodic", "-t", "1e-4", "--name", "LIFT", "--quiet", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let expected = program(Law::Cycloidal).periodic_amplitude(Quantity::Displacement, 1e-4).unwrap().text("LIFT");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let bad = dir.join("bad.inp");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_campro"))
        .args(["table", "--format", "abaqus-periodic", "--quantity", "acceleration", "-t", "1", "-o"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("use a table"));
    assert!(!bad.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
