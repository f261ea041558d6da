//! Status, law and limit constants of the C contract (emitted as `#define`s).

/// Success.
pub const CAMPRO_OK: i32 = 0;
/// A required pointer argument was NULL.
pub const CAMPRO_ERROR_NULL_POINTER: i32 = 1;
/// An argument or parameter has an impossible value (the message names it and its value).
pub const CAMPRO_ERROR_INVALID_PARAMETER: i32 = 2;
/// An input angle or time was NaN or infinite.
pub const CAMPRO_ERROR_NON_FINITE_INPUT: i32 = 3;
/// A parameter file could not be parsed (syntax, unknown key, wrong type, missing key).
pub const CAMPRO_ERROR_PARSE: i32 = 4;
/// A file could not be read or written.
pub const CAMPRO_ERROR_IO: i32 = 5;
/// A caller buffer is too small.
pub const CAMPRO_ERROR_BUFFER_TOO_SMALL: i32 = 6;
/// An internal error (a caught panic); please report it with the message.
pub const CAMPRO_ERROR_INTERNAL: i32 = 7;

/// Holds the lift (the segment must end at the lift it starts at).
pub const CAMPRO_LAW_DWELL: i32 = 0;
/// Cycloidal: f = u - sin(2 pi u)/(2 pi).
pub const CAMPRO_LAW_CYCLOIDAL: i32 = 1;
/// Simple harmonic: f = (1 - cos(pi u))/2.
pub const CAMPRO_LAW_SIMPLE_HARMONIC: i32 = 2;
/// Modified trapezoidal (SCCA 1/4, 1/2, 1/4).
pub const CAMPRO_LAW_MODIFIED_TRAPEZOIDAL: i32 = 3;
/// Modified sine (SCCA 1/4, 0, 3/4).
pub const CAMPRO_LAW_MODIFIED_SINE: i32 = 4;
/// 3-4-5 polynomial.
pub const CAMPRO_LAW_POLYNOMIAL_345: i32 = 5;
/// 4-5-6-7 polynomial.
pub const CAMPRO_LAW_POLYNOMIAL_4567: i32 = 6;
/// Constant acceleration (parabolic); jerk is reported as 0 between its acceleration steps.
pub const CAMPRO_LAW_CONSTANT_ACCELERATION: i32 = 7;

/// Most segments `campro_motion_from_segments` accepts.
pub const CAMPRO_MAX_SEGMENTS: usize = 4096;
const _: () = assert!(CAMPRO_MAX_SEGMENTS == crate::MAX_SEGMENTS);

// The accepted region (see the README's "Bounds"): inside it every kinematic output is finite.

/// Slowest cam speed accepted, rpm.
pub const CAMPRO_MIN_RPM: f64 = 1e-6;
/// Fastest cam speed accepted, rpm.
pub const CAMPRO_MAX_RPM: f64 = 1e6;
/// Highest lift accepted (`max_lift`, every segment's `end_lift`), mm.
pub const CAMPRO_MAX_LIFT_MM: f64 = 1e6;
/// Shortest segment accepted (rise, fall, a non-zero dwell), degrees.
pub const CAMPRO_MIN_SEGMENT_DURATION_DEG: f64 = 1e-6;
/// Largest base circle radius accepted, mm.
pub const CAMPRO_MAX_BASE_CIRCLE_RADIUS_MM: f64 = 1e6;
/// Largest |time_s| evaluated (about 317 years): up to it the cam angle of a time is within
/// CAMPRO_TIME_ANGLE_TOLERANCE_DEG of the exact 360 * frac(time_s * rpm / 60); a time beyond it
/// is rejected like a non-finite one (NaN, CAMPRO_ERROR_NON_FINITE_INPUT).
pub const CAMPRO_MAX_TIME_S: f64 = 1e10;
/// Bound on the cam-angle error of an accepted time, degrees (two ulp of 360 degrees).
pub const CAMPRO_TIME_ANGLE_TOLERANCE_DEG: f64 = 1.1368683772161603e-13;
/// Most points `campro_analyze_kinematics` accepts.
pub const CAMPRO_MAX_ANALYSIS_POINTS: usize = 1_000_000_000;
/// Largest thread pool `campro_set_num_threads` (and CAMPRO_NUM_THREADS) accepts.
pub const CAMPRO_MAX_THREADS: usize = 1024;

const _: () = {
    assert!(CAMPRO_MIN_RPM == crate::MIN_RPM && CAMPRO_MAX_RPM == crate::MAX_RPM);
    assert!(CAMPRO_MAX_LIFT_MM == crate::MAX_LIFT_MM);
    assert!(CAMPRO_MIN_SEGMENT_DURATION_DEG == crate::MIN_SEGMENT_DURATION_DEG);
    assert!(CAMPRO_MAX_BASE_CIRCLE_RADIUS_MM == crate::MAX_BASE_CIRCLE_RADIUS_MM);
    assert!(CAMPRO_MAX_TIME_S == crate::MAX_TIME_S);
    assert!(CAMPRO_TIME_ANGLE_TOLERANCE_DEG == crate::TIME_ANGLE_TOLERANCE_DEG);
    assert!(CAMPRO_MAX_ANALYSIS_POINTS == crate::MAX_ANALYSIS_POINTS);
    assert!(CAMPRO_MAX_THREADS == crate::MAX_THREADS);
};

// --- lift tables and variable speed (0.2) ---

/// Fewest points `campro_motion_from_lift_table` accepts.
pub const CAMPRO_MIN_LIFT_TABLE_POINTS: usize = 8;
/// Most points `campro_motion_from_lift_table` accepts.
pub const CAMPRO_MAX_LIFT_TABLE_POINTS: usize = 100_000;
/// Most points `campro_motion_with_speed_profile` accepts.
pub const CAMPRO_MAX_SPEED_POINTS: usize = 1_000_000;
/// Fastest change of cam speed a speed profile accepts, rpm per second.
pub const CAMPRO_MAX_RPM_RATE: f64 = 1e12;

const _: () = {
    assert!(CAMPRO_MIN_LIFT_TABLE_POINTS == crate::MIN_LIFT_TABLE_POINTS);
    assert!(CAMPRO_MAX_LIFT_TABLE_POINTS == crate::MAX_LIFT_TABLE_POINTS);
    assert!(CAMPRO_MAX_SPEED_POINTS == crate::MAX_SPEED_POINTS);
    assert!(CAMPRO_MAX_RPM_RATE == crate::MAX_RPM_RATE);
};
