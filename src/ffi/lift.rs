//! Cams from lift tables and variable cam speed (0.2): the two builders of the C contract's
//! "Cams from lift tables" and "Variable cam speed", and the speed at a time.

use super::guard::{self, slice, Failure};
use super::motion::deliver;
use super::types::CamproMotion;
use crate::{Program, MAX_LIFT_TABLE_POINTS, MAX_SPEED_POINTS};

/// Builds the cam of a lift table: a periodic quintic spline (displacement, velocity,
/// acceleration and jerk continuous everywhere, across 360 -> 0 too) through the `n` points
/// (`theta_deg[i]`, `lift_mm[i]`) at `rpm`; with `smoothing > 0` (mm) the smoothing spline: of
/// all periodic quintic splines within an RMS deviation of `smoothing` from the points, the one
/// with the least integral of (d3s/dtheta3)^2 (when even the constant mean lift is that close,
/// the cam is that constant). With `smoothing == 0` the lift at every table angle is the table's.
///
/// The table: CAMPRO_MIN_LIFT_TABLE_POINTS <= n <= CAMPRO_MAX_LIFT_TABLE_POINTS; angles finite,
/// strictly increasing, at least CAMPRO_MIN_SEGMENT_DURATION_DEG apart and spanning less than a
/// turn (leave a repeated end point out); lifts finite with |lift| <= CAMPRO_MAX_LIFT_MM
/// (slightly negative measured lifts are kept as they are); `smoothing` finite, >= 0 and
/// <= CAMPRO_MAX_LIFT_MM; rpm as for `campro_motion_new`. The motion has no segments
/// (`campro_motion_segment_count` is 0) and no limits (analysis flags stay 0); every evaluation,
/// boundary condition, table and analysis works on it as on any motion.
///
/// Returns CAMPRO_OK and a new handle in `*out` (free it with `campro_motion_free`);
/// CAMPRO_ERROR_NULL_POINTER if `out` is NULL or an array is NULL with n > 0;
/// CAMPRO_ERROR_INVALID_PARAMETER for a bad table (the message names the row and value, e.g.
/// `theta_deg[3] = 20: the angles must increase strictly ...`). On failure `*out` is NULL.
/// Thread-safe.
///
/// # Safety
/// `theta_deg` and `lift_mm` are NULL or hold `n` doubles; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_from_lift_table(
    theta_deg: *const f64,
    lift_mm: *const f64,
    n: usize,
    rpm: f64,
    smoothing: f64,
    out: *mut *mut CamproMotion,
) -> i32 {
    let build = || {
        if n > MAX_LIFT_TABLE_POINTS {
            return Err(Failure::invalid(format!(
                "n = {n}: above the maximum {MAX_LIFT_TABLE_POINTS} points (CAMPRO_MAX_LIFT_TABLE_POINTS)"
            )));
        }
        // SAFETY: `theta_deg` is NULL or holds `n` doubles (this function's contract).
        let theta = unsafe { slice(theta_deg, n, "theta_deg") }?;
        // SAFETY: `lift_mm` is NULL or holds `n` doubles (this function's contract).
        let lift = unsafe { slice(lift_mm, n, "lift_mm") }?;
        Ok(Program::from_lift_table(theta, lift, rpm, smoothing)?)
    };
    // SAFETY: `out` is NULL or writable, as `deliver` requires (this function's contract).
    unsafe { deliver(out, build) }
}

/// A new motion with the cam of `motion` and a time-varying speed: rpm piecewise linear through
/// the `n` points (`time_s[i]`, `rpm[i]`), held constant before the first and after the last;
/// the cam angle is 6 * integral_0^t rpm dt degrees (time 0 = angle 0). `time_s` strictly
/// increasing, finite, |t| <= CAMPRO_MAX_TIME_S; `rpm` finite with |rpm| <= CAMPRO_MAX_RPM (0 and
/// negative speeds included); no interval changing faster than CAMPRO_MAX_RPM_RATE rpm/s;
/// 1 <= n <= CAMPRO_MAX_SPEED_POINTS. A speed profile `motion` already has is replaced.
///
/// The new motion's time-based functions (`campro_boundary_condition_at_time`,
/// `campro_boundary_conditions[_batch]`, `campro_bc_*`, solver tables) follow the chain rule
/// exactly: v = s' w, a = s'' w^2 + s' alpha (w = dtheta/dt in rad/s, alpha = dw/dt, s' and s''
/// per radian); at a profile point, where alpha may jump, a time takes the interval starting
/// there. Its angle-based functions, `campro_motion_rpm` and analysis are those of `motion`, at
/// `motion`'s rpm. The cam angle of a time stays within CAMPRO_TIME_ANGLE_TOLERANCE_DEG of the
/// exact integral up to CAMPRO_MAX_TIME_S.
///
/// Returns CAMPRO_OK and a new handle in `*out` (free both handles independently);
/// CAMPRO_ERROR_NULL_POINTER for a NULL `motion` or `out`, or a NULL array with n > 0;
/// CAMPRO_ERROR_INVALID_PARAMETER for a bad profile (the message names the index and value, e.g.
/// `time_s[2] = 1: the times must increase strictly ...`). On failure `*out` is NULL.
/// Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle; `time_s` and `rpm` are NULL or hold `n` doubles; `out` is
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_with_speed_profile(
    motion: *const CamproMotion,
    time_s: *const f64,
    rpm: *const f64,
    n: usize,
    out: *mut *mut CamproMotion,
) -> i32 {
    let build = || {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        if n > MAX_SPEED_POINTS {
            return Err(Failure::invalid(format!(
                "n = {n}: above the maximum {MAX_SPEED_POINTS} points (CAMPRO_MAX_SPEED_POINTS)"
            )));
        }
        // SAFETY: `time_s` is NULL or holds `n` doubles (this function's contract).
        let times = unsafe { slice(time_s, n, "time_s") }?;
        // SAFETY: `rpm` is NULL or holds `n` doubles (this function's contract).
        let rpms = unsafe { slice(rpm, n, "rpm") }?;
        Ok(program.with_speed_profile(times, rpms)?)
    };
    // SAFETY: `out` is NULL or writable, as `deliver` requires (this function's contract).
    unsafe { deliver(out, build) }
}

/// The cam speed at `time_s` seconds, rpm: the speed profile's (`campro_motion_with_speed_profile`)
/// or the motion's constant rpm. NaN for a NULL handle or a non-finite time. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_rpm_at_time(motion: *const CamproMotion, time_s: f64) -> f64 {
    guard::value(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        Ok(program.rpm_at_time(guard::finite(time_s, "time_s")?))
    })
}

/// Number of points of the lift table a motion was built from (`campro_motion_from_lift_table`);
/// 0 for any other motion and for a NULL handle. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_lift_table_len(motion: *const CamproMotion) -> usize {
    // SAFETY: `motion` is NULL or a live handle (this function's contract).
    guard::value(|| Ok(unsafe { guard::program(motion) }?.lift_table().map_or(0, |t| t.len())))
}
