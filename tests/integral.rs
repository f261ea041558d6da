//! The exact time integrals of the displacement (`Program::displacement_time_integrals`,
//! `campro_displacement_time_integrals`) against the closed form of the default cam (cycloidal
//! rise 10 mm over 90 degrees, dwell 45, cycloidal fall 90, low dwell 135), computed here
//! independently of campro's pieces, near time 0 and far into a run.

use campro::ffi::*;
use campro::{Parameters, Program};
use std::f64::consts::PI;
use std::ptr::null_mut;

const LIFT: f64 = 10.0;

/// `(I, D)` of the cycloidal rise from its start: `∫_0^τ s` and `∫_0^τ ∫_0^u s`.
fn rise(tau: f64, tr: f64) -> (f64, f64) {
    let w = 2.0 * PI / tr;
    let i = LIFT * (tau * tau / (2.0 * tr) + (tr / (4.0 * PI * PI)) * ((w * tau).cos() - 1.0));
    let d = LIFT * (tau.powi(3) / (6.0 * tr) + (tr / (4.0 * PI * PI)) * ((w * tau).sin() / w - tau));
    (i, d)
}

/// A segment's local `(I, D)` from its start.
type Local = Box<dyn Fn(f64) -> (f64, f64)>;

/// `(I(t), D(t))` from time 0 for the default cam at `rpm`, for 0 <= t (a few turns at most).
fn exact(t: f64, rpm: f64) -> (f64, f64) {
    let deg_per_s = 6.0 * rpm;
    let (tr, tdw, tf, tlow) = (90.0 / deg_per_s, 45.0 / deg_per_s, 90.0 / deg_per_s, 135.0 / deg_per_s);
    // Each segment: duration and its local (I, D) from its start.
    let segments: [(f64, Local); 4] = [
        (tr, Box::new(move |u| rise(u, tr))),
        (tdw, Box::new(|u| (LIFT * u, LIFT * u * u / 2.0))),
        (
            tf,
            Box::new(move |u| {
                let (i, d) = rise(u, tf);
                (LIFT * u - i, LIFT * u * u / 2.0 - d)
            }),
        ),
        (tlow, Box::new(|_| (0.0, 0.0))),
    ];
    let (mut i, mut d, mut start) = (0.0, 0.0, 0.0);
    loop {
        for (duration, local) in &segments {
            let tau = (t - start).min(*duration);
            let (li, ld) = local(tau);
            if t - start <= *duration {
                return (i + li, d + i * tau + ld);
            }
            d += i * duration + ld;
            i += li;
            start += duration;
        }
    }
}

/// Exact integral and double integral over [t0, t1] (0 <= t0, t1).
fn exact_interval(t0: f64, t1: f64, rpm: f64) -> (f64, f64) {
    let (i0, d0) = exact(t0, rpm);
    let (i1, d1) = exact(t1, rpm);
    (i1 - i0, d1 - d0 - i0 * (t1 - t0))
}

fn program(rpm: f64) -> Program {
    Program::from_parameters(&Parameters { rpm, ..Parameters::default() }).unwrap()
}

/// Intervals inside one revolution, across pieces, over several turns and reversed, at 3000 rpm:
/// within 1e-13 of the closed form relative to lift * (T + |dt|) (and its square for D).
#[test]
fn integrals_match_the_closed_form() {
    let rpm = 3000.0;
    let p = program(rpm);
    let period = 0.02;
    let mut worst = (0.0f64, 0.0f64);
    let mut checked = 0;
    for i in 0..=200 {
        let t0 = 3.0 * period * i as f64 / 200.0;
        for dt in [1e-7, 1e-5, 3.3e-4, 0.0011, 0.0049, 0.013, 0.02, 0.0371, -0.0007, -0.004] {
            let t1 = t0 + dt;
            if t1 < 0.0 {
                continue;
            }
            let got = p.displacement_time_integrals(t0, t1);
            let (ei, ed) = exact_interval(t0, t1, rpm);
            let scale = LIFT * (period + dt.abs());
            let (e_i, e_d) = ((got.integral - ei).abs() / scale, (got.double_integral - ed).abs() / (scale * scale));
            worst = (worst.0.max(e_i), worst.1.max(e_d));
            assert!(e_i <= 1e-13, "I over [{t0}, {t1}]: {} vs {ei}", got.integral);
            assert!(e_d <= 1e-13, "D over [{t0}, {t1}]: {} vs {ed}", got.double_integral);
            checked += 1;
        }
    }
    assert!(checked > 1900);
    eprintln!("worst relative errors: integral {:.2e}, double integral {:.2e}", worst.0, worst.1);
}

/// A small increment's integral is s * dt to first order: the increment integral keeps its
/// relative precision (no cancellation against a cumulative value).
#[test]
fn short_increments_keep_their_digits() {
    let p = program(3000.0);
    let t0 = 0.0031;
    let t1 = t0 + 1e-9;
    // The increment the two doubles span (9.99999999907e-10 s, not 1e-9).
    let dt = t1 - t0;
    let got = p.displacement_time_integrals(t0, t1);
    let bc0 = p.boundary_condition_at_time(t0);
    let bc1 = p.boundary_condition_at_time(t1);
    let trapezoid = 0.5 * (bc0.displacement + bc1.displacement) * dt;
    assert!((got.integral - trapezoid).abs() <= 1e-12 * trapezoid.abs(), "{} vs {trapezoid}", got.integral);
    // D = s dt^2 / 2 + v dt^3 / 6 + ...
    let d = bc0.displacement * dt * dt / 2.0 + bc0.velocity * dt.powi(3) / 6.0;
    assert!((got.double_integral - d).abs() <= 1e-12 * d.abs(), "{} vs {d}", got.double_integral);
}

/// Far into a run (a million and 6.4e10 turns): the same precision as near time 0. At 3840 rpm the
/// period is 1/64 s, so `t - n T` is exact and the closed form is evaluated at the exact phase.
#[test]
fn far_into_a_run() {
    let rpm = 3840.0;
    let p = program(rpm);
    let period = 1.0 / 64.0;
    for turns in [1e6, 6.4e10] {
        let base = turns * period;
        for (phase, dt) in [(0.0013, 2e-5), (0.0049, 0.004), (0.0101, 0.031), (0.0155, 1e-3)] {
            let t0 = base + phase;
            let t1 = t0 + dt;
            let got = p.displacement_time_integrals(t0, t1);
            let (ei, ed) = exact_interval(t0 - base, t1 - base, rpm);
            let scale = LIFT * (period + dt);
            assert!((got.integral - ei).abs() <= 1e-12 * scale, "{turns} turns: I {} vs {ei}", got.integral);
            assert!(
                (got.double_integral - ed).abs() <= 1e-12 * scale * scale,
                "{turns} turns: D {} vs {ed}",
                got.double_integral
            );
        }
    }
}

/// The C function returns the core's bits, and refuses bad input with a message naming it.
#[test]
fn c_function_agrees_and_checks_its_arguments() {
    let mut params = std::mem::MaybeUninit::<CamproParameters>::uninit();
    let mut m = null_mut();
    unsafe {
        campro_parameters_default(params.as_mut_ptr());
        assert_eq!(campro_motion_new(params.as_ptr(), &mut m), CAMPRO_OK);
    }
    let core = program(3000.0).displacement_time_integrals(0.0012, 0.0177);
    let (mut i, mut d) = (f64::NAN, f64::NAN);
    assert_eq!(unsafe { campro_displacement_time_integrals(m, 0.0012, 0.0177, &mut i, &mut d) }, CAMPRO_OK);
    assert_eq!((i.to_bits(), d.to_bits()), (core.integral.to_bits(), core.double_integral.to_bits()));
    let message = || {
        let mut buffer = [0u8; 256];
        let len = unsafe { campro_last_error_message(buffer.as_mut_ptr().cast(), buffer.len()) };
        String::from_utf8_lossy(&buffer[..len.min(255)]).into_owned()
    };
    let (mut i, mut d) = (-1.0, -2.0);
    unsafe {
        assert_eq!(
            campro_displacement_time_integrals(std::ptr::null(), 0.0, 1.0, &mut i, &mut d),
            CAMPRO_ERROR_NULL_POINTER
        );
        assert_eq!(campro_displacement_time_integrals(m, 0.0, 1.0, null_mut(), &mut d), CAMPRO_ERROR_NULL_POINTER);
        assert!(message().contains("integral"), "{}", message());
        assert_eq!(campro_displacement_time_integrals(m, 0.0, 1.0, &mut i, null_mut()), CAMPRO_ERROR_NULL_POINTER);
        assert_eq!(campro_displacement_time_integrals(m, f64::NAN, 1.0, &mut i, &mut d), CAMPRO_ERROR_NON_FINITE_INPUT);
        assert!(message().contains("t0_s = NaN"), "{}", message());
        assert_eq!(campro_displacement_time_integrals(m, 0.0, 2e10, &mut i, &mut d), CAMPRO_ERROR_NON_FINITE_INPUT);
        assert!(message().contains("t1_s = 2e10"), "{}", message());
        let p = &mut i as *mut f64;
        assert_eq!(campro_displacement_time_integrals(m, 0.0, 1.0, p, p), CAMPRO_ERROR_INVALID_PARAMETER);
        campro_motion_free(m);
    }
    assert_eq!((i, d), (-1.0, -2.0), "outputs untouched on failure");
}

/// A variable-speed motion has no closed-form time integrals here: NaN from Rust, a named
/// INVALID_PARAMETER from C with the outputs untouched; its periodic amplitude is refused too.
#[test]
fn variable_speed_motions_are_refused_not_integrated_at_the_wrong_speed() {
    let ramp = program(3000.0).with_speed_profile(&[0.0, 0.5], &[600.0, 3000.0]).unwrap();
    let got = ramp.displacement_time_integrals(0.0, 0.01);
    assert!(got.integral.is_nan() && got.double_integral.is_nan());
    let err = ramp.periodic_amplitude(campro::Quantity::Displacement, 1e-3).unwrap_err().to_string();
    assert!(err.contains("speed") && err.contains("constant cam speed"), "{err}");
    let mut params = std::mem::MaybeUninit::<CamproParameters>::uninit();
    let (mut m, mut run_up) = (null_mut(), null_mut());
    let (times, rpms) = ([0.0, 0.5], [600.0, 3000.0]);
    let (mut i, mut d) = (7.0, 8.0);
    let mut buffer = [0u8; 256];
    unsafe {
        campro_parameters_default(params.as_mut_ptr());
        assert_eq!(campro_motion_new(params.as_ptr(), &mut m), CAMPRO_OK);
        assert_eq!(campro_motion_with_speed_profile(m, times.as_ptr(), rpms.as_ptr(), 2, &mut run_up), CAMPRO_OK);
        assert_eq!(
            campro_displacement_time_integrals(run_up, 0.0, 0.01, &mut i, &mut d),
            CAMPRO_ERROR_INVALID_PARAMETER
        );
        let len = campro_last_error_message(buffer.as_mut_ptr().cast(), buffer.len());
        let message = String::from_utf8_lossy(&buffer[..len.min(255)]).into_owned();
        assert!(message.contains("variable-speed"), "{message}");
        campro_motion_free(run_up);
        campro_motion_free(m);
    }
    assert_eq!((i, d), (7.0, 8.0), "outputs untouched on failure");
}
