//! The C entry points with arbitrary arguments, called the way C calls them: never a crash or a
//! panic escaping (every status is one of the CAMPRO_ codes, never CAMPRO_ERROR_INTERNAL), creation
//! functions leave NULL on failure, and outputs are finite whenever the call succeeds (scalars:
//! finite exactly when the input is accepted). Pointers are always valid for what the call may
//! read or write (arbitrary lengths stay within the buffers, NULL is tried on purpose).
#![no_main]

use arbitrary::Arbitrary;
use campro::ffi::*;
use libfuzzer_sys::fuzz_target;
use std::ptr::{null, null_mut};

#[derive(Arbitrary, Debug)]
struct Params {
    numbers: [f64; 10],
    rise_law: i32,
    fall_law: i32,
    /// Which numbers to take from the defaults instead (so more sets are accepted).
    keep_default: u16,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Scalar(f64),
    Time(f64),
    Batch { n: u16, parallel: bool, null_input: bool, null_output: bool, huge_n: bool },
    Kinematics { n: u16, mask: u8, parallel: bool },
    Times { n: u16, parallel: bool },
    Analyze(u32, u8),
    Segment(usize),
    Threads(usize),
    Message(u8),
    StatusName(i32),
}

#[derive(Arbitrary, Debug)]
struct Input {
    params: Params,
    segments: Vec<(i32, f64, f64)>,
    segment_count: u8,
    rpm: f64,
    values: Vec<f64>,
    ops: Vec<Op>,
}

const CODES: std::ops::RangeInclusive<i32> = CAMPRO_OK..=CAMPRO_ERROR_BUFFER_TOO_SMALL;

fn status_ok(status: i32) -> bool {
    assert!(CODES.contains(&status), "status {status} out of range (INTERNAL is a caught panic)");
    status == CAMPRO_OK
}

fn parameters(p: &Params) -> CamproParameters {
    let mut out = std::mem::MaybeUninit::<CamproParameters>::uninit();
    let mut c = unsafe {
        campro_parameters_default(out.as_mut_ptr());
        out.assume_init()
    };
    let fields = [
        &mut c.base_circle_radius,
        &mut c.max_lift,
        &mut c.cam_duration,
        &mut c.rise_duration,
        &mut c.dwell_duration,
        &mut c.fall_duration,
        &mut c.jerk_limit,
        &mut c.acceleration_limit,
        &mut c.velocity_limit,
        &mut c.rpm,
    ];
    for (i, (field, &value)) in fields.into_iter().zip(&p.numbers).enumerate() {
        if p.keep_default & (1 << i) == 0 {
            *field = value;
        }
    }
    if p.keep_default & (1 << 10) == 0 {
        c.rise_law = p.rise_law;
    }
    if p.keep_default & (1 << 11) == 0 {
        c.fall_law = p.fall_law;
    }
    c
}

fn finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

fuzz_target!(|input: Input| unsafe {
    let mut motions = Vec::new();
    let p = parameters(&input.params);
    let mut m = std::ptr::dangling_mut::<CamproMotion>();
    if status_ok(campro_motion_new(&p, &mut m)) {
        motions.push(m);
    } else {
        assert!(m.is_null());
    }
    let segments: Vec<CamproSegment> = input
        .segments
        .iter()
        .take(64)
        .map(|&(law, duration, end_lift)| CamproSegment { law, duration, end_lift })
        .collect();
    let count = usize::from(input.segment_count).min(segments.len());
    let mut m = std::ptr::dangling_mut::<CamproMotion>();
    let list = if count == 0 && input.segment_count % 2 == 1 { null() } else { segments.as_ptr() };
    if status_ok(campro_motion_from_segments(list, count, input.rpm, &mut m)) {
        motions.push(m);
    } else {
        assert!(m.is_null());
    }
    // Every op also runs against NULL, which must be rejected.
    motions.push(null_mut());

    let values: Vec<f64> = input.values.iter().copied().cycle().take(4096).collect();
    let len = values.len();
    let mut out = vec![0.0; len.max(1)];
    let mut outs = [vec![0.0; len.max(1)], vec![0.0; len.max(1)], vec![0.0; len.max(1)], vec![0.0; len.max(1)]];
    let mut bc = vec![CamproBoundaryCondition { displacement: 0.0, velocity: 0.0, acceleration: 0.0 }; len.max(1)];
    for &m in &motions {
        for op in input.ops.iter().take(32) {
            match *op {
                Op::Scalar(theta) => {
                    let k = campro_kinematics(m, theta);
                    let all = [k.displacement, k.velocity, k.acceleration, k.jerk];
                    assert_eq!(finite(&all), !m.is_null() && theta.is_finite(), "{theta}: {k:?}");
                    for f in [campro_displacement, campro_velocity, campro_acceleration, campro_jerk] {
                        assert_eq!(f(m, theta).is_finite(), !m.is_null() && theta.is_finite());
                    }
                }
                Op::Time(t) => {
                    let b = campro_boundary_condition_at_time(m, t);
                    let accepted = !m.is_null() && t.abs() <= CAMPRO_MAX_TIME_S;
                    assert_eq!(finite(&[b.displacement, b.velocity, b.acceleration]), accepted, "t = {t}: {b:?}");
                    assert_eq!(campro_bc_velocity(t, m.cast()).is_finite(), accepted);
                }
                Op::Batch { n, parallel, null_input, null_output, huge_n } => {
                    let n = if huge_n { usize::MAX - usize::from(n) } else { usize::from(n).min(len) };
                    let input = if null_input { null() } else { values.as_ptr() };
                    let output = if null_output { null_mut() } else { out.as_mut_ptr() };
                    let f = match (n % 4, parallel) {
                        (0, false) => campro_displacement_batch,
                        (1, false) => campro_velocity_batch,
                        (2, false) => campro_acceleration_batch,
                        (_, false) => campro_jerk_batch,
                        (0, true) => campro_displacement_parallel,
                        (1, true) => campro_velocity_parallel,
                        (2, true) => campro_acceleration_parallel,
                        (_, true) => campro_jerk_parallel,
                    };
                    if status_ok(f(m, input, output, n)) {
                        assert!(n == 0 || finite(&out[..n]));
                    }
                }
                Op::Kinematics { n, mask, parallel } => {
                    let n = usize::from(n).min(len);
                    let [d, v, a, j] = &mut outs;
                    let pick = |bit: u8, o: &mut Vec<f64>| if mask & bit != 0 { o.as_mut_ptr() } else { null_mut() };
                    let (d, v, a, j) = (pick(1, d), pick(2, v), pick(4, a), pick(8, j));
                    let f = if parallel { campro_kinematics_parallel } else { campro_kinematics_batch };
                    if status_ok(f(m, values.as_ptr(), n, d, v, a, j)) {
                        for (bit, o) in outs.iter().enumerate() {
                            assert!(mask & (1 << bit) == 0 || finite(&o[..n]));
                        }
                    }
                }
                Op::Times { n, parallel } => {
                    let n = usize::from(n).min(len);
                    let f = if parallel { campro_boundary_conditions } else { campro_boundary_conditions_batch };
                    if status_ok(f(m, values.as_ptr(), n, bc.as_mut_ptr())) {
                        assert!(bc[..n].iter().all(|b| finite(&[b.displacement, b.velocity, b.acceleration])));
                    }
                }
                Op::Analyze(n, special) => {
                    let n = match special % 8 {
                        0 => usize::MAX,
                        1 => CAMPRO_MAX_ANALYSIS_POINTS + 1,
                        _ => n as usize % 5000,
                    };
                    let mut a = std::mem::MaybeUninit::<CamproAnalysis>::uninit();
                    if status_ok(campro_analyze_kinematics(m, n, a.as_mut_ptr())) {
                        let a = a.assume_init();
                        assert!(finite(&[
                            a.max_velocity,
                            a.max_acceleration,
                            a.max_jerk,
                            a.rms_acceleration,
                            a.rms_jerk
                        ]));
                    }
                }
                Op::Segment(index) => {
                    let mut s = CamproSegment { law: 0, duration: 0.0, end_lift: 0.0 };
                    if status_ok(campro_motion_segment(m, index, &mut s)) {
                        assert!(index < campro_motion_segment_count(m) && finite(&[s.duration, s.end_lift]));
                    }
                }
                Op::Threads(n) => {
                    let _ = status_ok(campro_set_num_threads(n));
                    assert!((1..=CAMPRO_MAX_THREADS).contains(&campro_num_threads()));
                }
                Op::Message(capacity) => {
                    let mut buffer = [0u8; 256];
                    let full = campro_last_error_message(buffer.as_mut_ptr().cast(), usize::from(capacity));
                    assert_eq!(full, campro_last_error_message(null_mut(), 0));
                }
                Op::StatusName(code) => assert!(!campro_status_name(code).is_null()),
            }
        }
    }
    for m in motions {
        campro_motion_free(m);
    }
});
