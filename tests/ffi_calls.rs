//! Every C entry point called the way C calls it, with good and bad arguments: NULL, misaligned
//! and overlapping pointers, `n = SIZE_MAX`, out-of-range sizes and times, values outside the
//! accepted region. Small inputs only (below the parallel threshold), so the same tests run
//! under Miri (`tests/miri/run.sh`), which checks every pointer conversion of the FFI layer;
//! nothing here touches files.

use campro::ffi::*;
use std::ffi::{c_void, CStr};
use std::ptr::{null, null_mut};

fn last_message() -> String {
    let mut buffer = [0u8; 512];
    let len = unsafe { campro_last_error_message(buffer.as_mut_ptr().cast(), buffer.len()) };
    String::from_utf8_lossy(&buffer[..len.min(511)]).into_owned()
}

fn default_parameters() -> CamproParameters {
    let mut p = std::mem::MaybeUninit::<CamproParameters>::uninit();
    unsafe {
        campro_parameters_default(p.as_mut_ptr());
        p.assume_init()
    }
}

fn motion_of(p: &CamproParameters) -> *mut CamproMotion {
    let mut m = null_mut();
    assert_eq!(unsafe { campro_motion_new(p, &mut m) }, CAMPRO_OK, "{}", last_message());
    m
}

/// Frees the handle at the end of a test, whatever happens.
struct Motion(*mut CamproMotion);
impl Drop for Motion {
    fn drop(&mut self) {
        unsafe { campro_motion_free(self.0) }
    }
}

fn expect(status: i32, want: i32, needle: &str) {
    let message = last_message();
    assert_eq!(status, want, "message: {message}");
    assert!(message.contains(needle), "`{message}` lacks `{needle}`");
}

#[test]
fn the_values_issue_15_found_accepted_are_rejected() {
    let d = default_parameters();
    let cases: [(CamproParameters, &str); 5] = [
        (CamproParameters { rpm: 1e150, ..d }, "rpm = 1e150: above the maximum"),
        (CamproParameters { rpm: f64::MAX, ..d }, "rpm = 1.7976931348623157e308"),
        (CamproParameters { max_lift: 1e300, ..d }, "max_lift = 1e300: above the maximum"),
        (CamproParameters { rise_duration: 5e-324, ..d }, "rise_duration = 5e-324: below the minimum"),
        (CamproParameters { dwell_duration: 5e-324, ..d }, "dwell_duration = 5e-324"),
    ];
    for (p, needle) in cases {
        let mut m = std::ptr::dangling_mut::<CamproMotion>();
        expect(unsafe { campro_motion_new(&p, &mut m) }, CAMPRO_ERROR_INVALID_PARAMETER, needle);
        assert!(m.is_null());
    }
    let segments = [
        CamproSegment { law: CAMPRO_LAW_CYCLOIDAL, duration: 5e-324, end_lift: 5.0 },
        CamproSegment { law: CAMPRO_LAW_CYCLOIDAL, duration: 360.0, end_lift: 0.0 },
    ];
    let mut m = null_mut();
    let status = unsafe { campro_motion_from_segments(segments.as_ptr(), 2, 3000.0, &mut m) };
    expect(status, CAMPRO_ERROR_INVALID_PARAMETER, "segments[0].duration = 5e-324");
    let status = unsafe { campro_motion_from_segments(segments[1..].as_ptr(), 1, 1e150, &mut m) };
    expect(status, CAMPRO_ERROR_INVALID_PARAMETER, "rpm = 1e150");
    // The bounds are the header's constants, and the corner itself is accepted.
    let corner = CamproParameters {
        rpm: CAMPRO_MAX_RPM,
        max_lift: CAMPRO_MAX_LIFT_MM,
        base_circle_radius: CAMPRO_MAX_BASE_CIRCLE_RADIUS_MM,
        rise_duration: CAMPRO_MIN_SEGMENT_DURATION_DEG,
        dwell_duration: 0.0,
        fall_duration: CAMPRO_MIN_SEGMENT_DURATION_DEG,
        ..d
    };
    let m = Motion(motion_of(&corner));
    for theta in [0.0, 0.5e-6, 1e-6, 1.5e-6, 2e-6, 180.0, 360.0 - 1e-9] {
        let k = unsafe { campro_kinematics(m.0, theta) };
        assert!([k.displacement, k.velocity, k.acceleration, k.jerk].iter().all(|x| x.is_finite()), "{k:?}");
    }
}

#[test]
fn analysis_is_bounded() {
    let m = Motion(motion_of(&default_parameters()));
    let mut a = std::mem::MaybeUninit::<CamproAnalysis>::uninit();
    for n in [usize::MAX, CAMPRO_MAX_ANALYSIS_POINTS + 1] {
        let status = unsafe { campro_analyze_kinematics(m.0, n, a.as_mut_ptr()) };
        expect(status, CAMPRO_ERROR_INVALID_PARAMETER, &format!("num_points = {n}: above the maximum 1000000000"));
    }
    assert_eq!(unsafe { campro_analyze_kinematics(m.0, 360, a.as_mut_ptr()) }, CAMPRO_OK);
    let a = unsafe { a.assume_init() };
    assert!((a.max_velocity - 4000.0).abs() < 1e-6 * 4000.0, "{a:?}");
}

#[test]
fn thread_counts_are_bounded() {
    for n in [usize::MAX, 100_000, CAMPRO_MAX_THREADS + 1] {
        expect(
            campro_set_num_threads(n),
            CAMPRO_ERROR_INVALID_PARAMETER,
            &format!("num_threads = {n}: must be within 0..=1024"),
        );
    }
    assert!((1..=CAMPRO_MAX_THREADS).contains(&campro_num_threads()));
}

#[test]
fn size_max_lengths_are_rejected_not_overflowed() {
    let m = Motion(motion_of(&default_parameters()));
    let theta = [10.0, 20.0];
    let mut out = [0.0; 2];
    let mut more = [0.0; 2];
    let mut bc = [CamproBoundaryCondition { displacement: 0.0, velocity: 0.0, acceleration: 0.0 }; 2];
    // usize::MAX, and the largest counts whose byte sizes overflow (f64: 8 bytes, bc: 24).
    for n in [usize::MAX, usize::MAX / 8 + 1, usize::MAX / 2] {
        type Array = unsafe extern "C" fn(*const CamproMotion, *const f64, *mut f64, usize) -> i32;
        let arrays: [Array; 8] = [
            campro_displacement_batch,
            campro_velocity_batch,
            campro_acceleration_batch,
            campro_jerk_batch,
            campro_displacement_parallel,
            campro_velocity_parallel,
            campro_acceleration_parallel,
            campro_jerk_parallel,
        ];
        for f in arrays {
            let status = unsafe { f(m.0, theta.as_ptr(), out.as_mut_ptr(), n) };
            expect(status, CAMPRO_ERROR_INVALID_PARAMETER, &format!("n = {n}: too many elements for"));
            // NULL with a huge n is still a NULL pointer.
            expect(unsafe { f(m.0, null(), out.as_mut_ptr(), n) }, CAMPRO_ERROR_NULL_POINTER, "theta_deg is NULL");
        }
        let (o, p) = (out.as_mut_ptr(), more.as_mut_ptr());
        for f in [campro_kinematics_batch, campro_kinematics_parallel] {
            let status = unsafe { f(m.0, theta.as_ptr(), n, o, p, null_mut(), null_mut()) };
            expect(status, CAMPRO_ERROR_INVALID_PARAMETER, &format!("n = {n}: too many elements"));
        }
        for f in [campro_boundary_conditions, campro_boundary_conditions_batch] {
            let status = unsafe { f(m.0, theta.as_ptr(), n, bc.as_mut_ptr()) };
            expect(status, CAMPRO_ERROR_INVALID_PARAMETER, &format!("n = {n}: too many elements"));
        }
    }
    assert_eq!(out, [0.0; 2]);
}

#[test]
fn times_beyond_the_limit_are_nan_with_a_message() {
    let m = Motion(motion_of(&default_parameters()));
    let ctx = m.0.cast::<c_void>();
    for t in [2e10, -1e11, f64::MAX] {
        let bc = unsafe { campro_boundary_condition_at_time(m.0, t) };
        assert!(bc.displacement.is_nan() && bc.velocity.is_nan() && bc.acceleration.is_nan());
        let message = last_message();
        assert!(message.contains("beyond the time limit |time_s| <= 1e10 s (CAMPRO_MAX_TIME_S)"), "{message}");
        assert!(unsafe { campro_bc_displacement(t, ctx) }.is_nan());
        assert!(unsafe { campro_bc_velocity(t, ctx) }.is_nan());
        assert!(unsafe { campro_bc_acceleration(t, ctx) }.is_nan());
    }
    assert!(unsafe { campro_bc_velocity(f64::NAN, ctx) }.is_nan());
    assert!(last_message().contains("time_s = NaN: input must be finite"));
    for t in [CAMPRO_MAX_TIME_S, -CAMPRO_MAX_TIME_S] {
        let bc = unsafe { campro_boundary_condition_at_time(m.0, t) };
        assert_eq!(bc.displacement, unsafe { campro_displacement(m.0, 0.0) }, "a whole number of turns at 3000 rpm");
        assert_eq!(unsafe { campro_bc_acceleration(t, ctx) }, bc.acceleration);
    }
    let times = [0.001, 2e10, 0.002];
    let mut out = [CamproBoundaryCondition { displacement: 1.0, velocity: 1.0, acceleration: 1.0 }; 3];
    for f in [campro_boundary_conditions, campro_boundary_conditions_batch] {
        let status = unsafe { f(m.0, times.as_ptr(), 3, out.as_mut_ptr()) };
        expect(status, CAMPRO_ERROR_NON_FINITE_INPUT, "time_s[1] = 20000000000: beyond the time limit");
        assert!(out[1].displacement.is_nan() && out[0].displacement.is_finite() && out[2].velocity.is_finite());
    }
}

/// Every entry point once with good arguments and once with each kind of bad pointer.
#[test]
fn every_entry_point_checks_its_pointers() {
    unsafe {
        assert_eq!(CStr::from_ptr(campro_version()).to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        for (code, name) in [(0, "CAMPRO_OK"), (7, "CAMPRO_ERROR_INTERNAL"), (-1, "CAMPRO_UNKNOWN_STATUS")] {
            assert_eq!(CStr::from_ptr(campro_status_name(code)).to_str().unwrap(), name);
        }
        campro_parameters_default(null_mut());
        assert_eq!(last_message(), "out is NULL");
        campro_motion_free(null_mut());
        let mut m = std::ptr::dangling_mut::<CamproMotion>();
        expect(campro_motion_new(null(), &mut m), CAMPRO_ERROR_NULL_POINTER, "params is NULL");
        assert!(m.is_null());
        let p = default_parameters();
        expect(campro_motion_new(&p, null_mut()), CAMPRO_ERROR_NULL_POINTER, "out is NULL");
        let bad_law = CamproParameters { rise_law: 99, ..p };
        expect(campro_motion_new(&bad_law, &mut m), CAMPRO_ERROR_INVALID_PARAMETER, "rise_law = 99");
        expect(campro_motion_load(null(), &mut m), CAMPRO_ERROR_NULL_POINTER, "path is NULL");
        let motion = Motion(motion_of(&p));
        let m = motion.0;

        // Scalars: a value, NaN for NULL and for non-finite angles.
        assert!((campro_displacement(m, 45.0) - 5.0).abs() < 1e-12);
        assert!((campro_velocity(m, 45.0) - 4000.0).abs() < 1e-9);
        assert!(campro_acceleration(m, 45.0).abs() < 1e-6 && campro_jerk(m, 45.0) < 0.0);
        assert!(campro_displacement(null(), 45.0).is_nan());
        assert_eq!(last_message(), "motion is NULL");
        assert!(campro_jerk(m, f64::INFINITY).is_nan());
        assert!(campro_kinematics(m, f64::NAN).velocity.is_nan());
        assert_eq!(campro_motion_rpm(m), 3000.0);
        assert!(campro_motion_rpm(null()).is_nan());
        assert_eq!(campro_motion_segment_count(m), 4);
        let mut s = CamproSegment { law: -1, duration: 0.0, end_lift: 0.0 };
        assert_eq!(campro_motion_segment(m, 0, &mut s), CAMPRO_OK);
        assert_eq!((s.law, s.duration, s.end_lift), (CAMPRO_LAW_CYCLOIDAL, 90.0, 10.0));
        expect(campro_motion_segment(m, 4, &mut s), CAMPRO_ERROR_INVALID_PARAMETER, "index = 4");
        expect(campro_motion_segment(m, 0, null_mut()), CAMPRO_ERROR_NULL_POINTER, "out is NULL");

        // Arrays: values equal to the scalars; NULL, overlap and misalignment rejected.
        let theta: Vec<f64> = (0..100).map(|i| i as f64 * 3.7 - 20.0).collect();
        let mut out = vec![0.0; 100];
        assert_eq!(campro_velocity_batch(m, theta.as_ptr(), out.as_mut_ptr(), 100), CAMPRO_OK);
        assert_eq!(campro_jerk_parallel(m, theta.as_ptr(), out.as_mut_ptr(), 100), CAMPRO_OK);
        assert_eq!(out[7], campro_jerk(m, theta[7]));
        assert_eq!(campro_displacement_batch(m, null(), null_mut(), 0), CAMPRO_OK);
        expect(campro_displacement_batch(m, theta.as_ptr(), null_mut(), 5), CAMPRO_ERROR_NULL_POINTER, "out is NULL");
        let mut shared = theta.clone();
        let status = campro_displacement_batch(m, shared.as_ptr(), shared.as_mut_ptr().add(3), 10);
        expect(status, CAMPRO_ERROR_INVALID_PARAMETER, "overlap");
        // Eight-aligned storage, so one byte on is never aligned (a u8 array may start anywhere:
        // under Miri's random addresses one in eight made `+ 1` aligned).
        let words = [0u64; 8];
        let misaligned = words.as_ptr().cast::<u8>().add(1).cast::<f64>();
        expect(
            campro_displacement_batch(m, misaligned, out.as_mut_ptr(), 2),
            CAMPRO_ERROR_INVALID_PARAMETER,
            "misaligned",
        );
        let mut d = vec![0.0; 100];
        let mut j = vec![0.0; 100];
        let status =
            campro_kinematics_parallel(m, theta.as_ptr(), 100, d.as_mut_ptr(), null_mut(), null_mut(), j.as_mut_ptr());
        assert_eq!(status, CAMPRO_OK);
        assert_eq!(d[9], campro_displacement(m, theta[9]));
        let status =
            campro_kinematics_batch(m, theta.as_ptr(), 100, d.as_mut_ptr(), d.as_mut_ptr(), null_mut(), null_mut());
        expect(status, CAMPRO_ERROR_INVALID_PARAMETER, "overlap");
        let mut with_nan = theta.clone();
        with_nan[4] = f64::NAN;
        let status = campro_acceleration_parallel(m, with_nan.as_ptr(), out.as_mut_ptr(), 100);
        expect(status, CAMPRO_ERROR_NON_FINITE_INPUT, "theta_deg[4] = NaN");
        assert!(out[4].is_nan() && out[5].is_finite());

        // Time: callbacks and arrays agree with the scalar.
        let times: Vec<f64> = (0..50).map(|i| i as f64 * 7.3e-4).collect();
        let mut bc = vec![CamproBoundaryCondition { displacement: 0.0, velocity: 0.0, acceleration: 0.0 }; 50];
        assert_eq!(campro_boundary_conditions(m, times.as_ptr(), 50, bc.as_mut_ptr()), CAMPRO_OK);
        let at = campro_boundary_condition_at_time(m, times[13]);
        assert_eq!((bc[13].displacement, bc[13].velocity), (at.displacement, at.velocity));
        let f: unsafe extern "C" fn(f64, *mut c_void) -> f64 = campro_bc_displacement;
        assert_eq!(f(times[13], m.cast()), at.displacement);
        assert!(campro_bc_displacement(1.0, null_mut()).is_nan());

        // Analysis and the error message buffer.
        let mut a = std::mem::MaybeUninit::<CamproAnalysis>::uninit();
        expect(campro_analyze_kinematics(m, 0, a.as_mut_ptr()), CAMPRO_ERROR_INVALID_PARAMETER, "num_points = 0");
        expect(campro_analyze_kinematics(m, 10, null_mut()), CAMPRO_ERROR_NULL_POINTER, "out is NULL");
        expect(campro_analyze_kinematics(null(), 10, a.as_mut_ptr()), CAMPRO_ERROR_NULL_POINTER, "motion is NULL");
        let full = campro_last_error_message(null_mut(), 0);
        let mut small = [0x55u8; 4];
        assert_eq!(campro_last_error_message(small.as_mut_ptr().cast(), 4), full);
        assert_eq!(&small, b"mot\0");
    }
}
