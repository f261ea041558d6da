//! Boundary conditions by time, and the solver-style callbacks.

use super::guard::{self, accepted_time, check_disjoint, extent, slice, slice_mut, status, Failure};
use super::types::{CamproBoundaryCondition, CamproMotion};
use crate::BoundaryCondition;
use std::ffi::c_void;

unsafe fn at_time(motion: *const CamproMotion, time_s: f64) -> Result<BoundaryCondition, Failure> {
    // SAFETY: `motion` is NULL or a live handle (the callers' contract).
    let program = unsafe { guard::program(motion) }?;
    let time_s = accepted_time(time_s)?;
    Ok(program.boundary_condition_at_time(time_s))
}

/// Displacement (mm), velocity (mm/s) and acceleration (mm/s^2) at `time_s` seconds (time 0 is
/// cam angle 0; angle = 360 * rpm / 60 * time_s, reduced into one revolution with an error-free
/// product, so it stays within CAMPRO_TIME_ANGLE_TOLERANCE_DEG of exact however long the run).
/// All NaN for a NULL handle, a non-finite time or |time_s| > CAMPRO_MAX_TIME_S. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_boundary_condition_at_time(
    motion: *const CamproMotion,
    time_s: f64,
) -> CamproBoundaryCondition {
    // SAFETY: `motion` is NULL or a live handle (this function's contract).
    guard::value(|| Ok(unsafe { at_time(motion, time_s) }?.into()))
}

unsafe fn conditions(
    motion: *const CamproMotion,
    time_s: *const f64,
    n: usize,
    out: *mut CamproBoundaryCondition,
    parallel: bool,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (the callers' contract).
        let program = unsafe { guard::program(motion) }?;
        check_disjoint(&[extent("time_s", time_s, n), extent("out", out, n)])?;
        // SAFETY: `time_s` is NULL or holds `n` readable doubles (the callers' contract).
        let times = unsafe { slice(time_s, n, "time_s") }?;
        // SAFETY: `out` is NULL or holds `n` writable CamproBoundaryConditions, disjoint from the
        // times (checked above); it and the core's BoundaryCondition are both three repr(C) f64s.
        let out = unsafe { slice_mut(out.cast::<BoundaryCondition>(), n, "out") }?;
        if parallel {
            Ok(program.boundary_conditions(times, out)?)
        } else {
            Ok(program.boundary_conditions_batch(times, out)?)
        }
    })
}

/// Boundary conditions at `time_s[i]` seconds, i < n, into `out`, on the library's thread pool
/// (small n runs on the calling thread). Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL
/// handle or a NULL array with n > 0; CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if a time is not finite or beyond CAMPRO_MAX_TIME_S (that
/// element is all NaN, the rest written). Thread-safe; allocates nothing per point.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_boundary_conditions(
    motion: *const CamproMotion,
    time_s: *const f64,
    n: usize,
    out: *mut CamproBoundaryCondition,
) -> i32 {
    // SAFETY: this function's contract is `conditions`'.
    unsafe { conditions(motion, time_s, n, out, true) }
}

/// As `campro_boundary_conditions`, on the calling thread (never touches the pool).
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_boundary_conditions_batch(
    motion: *const CamproMotion,
    time_s: *const f64,
    n: usize,
    out: *mut CamproBoundaryCondition,
) -> i32 {
    // SAFETY: this function's contract is `conditions`'.
    unsafe { conditions(motion, time_s, n, out, false) }
}

/// A `CamproTimeFunction`: displacement (mm) at `time_s` seconds; `motion` is the
/// `CamproMotion *` registered as the callback's context. NaN for NULL or a non-finite time.
/// Thread-safe; it never throws, unwinds or longjmps.
///
/// # Safety
/// `motion` is NULL or a live `CamproMotion *`.
#[no_mangle]
pub unsafe extern "C" fn campro_bc_displacement(time_s: f64, motion: *mut c_void) -> f64 {
    // SAFETY: `motion` is NULL or a live handle passed as the callback's context (this
    // function's contract).
    guard::value(|| Ok(unsafe { at_time(motion.cast_const().cast(), time_s) }?.displacement))
}

/// A `CamproTimeFunction`: velocity (mm/s) at `time_s` seconds; `motion` is the
/// `CamproMotion *`. NaN for NULL or a non-finite time. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live `CamproMotion *`.
#[no_mangle]
pub unsafe extern "C" fn campro_bc_velocity(time_s: f64, motion: *mut c_void) -> f64 {
    // SAFETY: `motion` is NULL or a live handle passed as the callback's context (this
    // function's contract).
    guard::value(|| Ok(unsafe { at_time(motion.cast_const().cast(), time_s) }?.velocity))
}

/// A `CamproTimeFunction`: acceleration (mm/s^2) at `time_s` seconds; `motion` is the
/// `CamproMotion *`. NaN for NULL or a non-finite time. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live `CamproMotion *`.
#[no_mangle]
pub unsafe extern "C" fn campro_bc_acceleration(time_s: f64, motion: *mut c_void) -> f64 {
    // SAFETY: `motion` is NULL or a live handle passed as the callback's context (this
    // function's contract).
    guard::value(|| Ok(unsafe { at_time(motion.cast_const().cast(), time_s) }?.acceleration))
}
