//! Creating and freeing motions.

use super::guard::{self, reference, reference_mut, slice, status, Failure};
use super::types::{CamproMotion, CamproParameters, CamproSegment};
use crate::{Parameters, Program, MAX_SEGMENTS};
use std::ffi::c_char;
use std::path::Path;

/// Fills `*out` with the CamProV5 defaults: base circle 25 mm, lift 10 mm, cam duration 180,
/// rise 90, dwell 45, fall 90 degrees, limits jerk 1000 mm/s^3, acceleration 500 mm/s^2,
/// velocity 100 mm/s, 3000 rpm, cycloidal rise and fall. NULL is ignored (and recorded as the
/// last error). Thread-safe.
///
/// # Safety
/// `out` is NULL or points to a writable `CamproParameters`.
#[no_mangle]
pub unsafe extern "C" fn campro_parameters_default(out: *mut CamproParameters) {
    status(|| {
        // SAFETY: `out` is NULL or points to a writable CamproParameters (this function's contract).
        *unsafe { reference_mut(out, "out") }? = CamproParameters::from_core(&Parameters::default());
        Ok(())
    });
}

/// Writes the new handle to `*out`, or NULL on failure (when `out` itself is not NULL).
pub(super) unsafe fn deliver(out: *mut *mut CamproMotion, build: impl FnOnce() -> Result<Program, Failure>) -> i32 {
    status(|| {
        // SAFETY: `out` is NULL or points to a writable handle pointer (the callers' contract).
        let slot = unsafe { reference_mut(out, "out") }?;
        *slot = std::ptr::null_mut();
        let program = build()?;
        *slot = Box::into_raw(Box::new(CamproMotion { program }));
        Ok(())
    })
}

/// Builds the rise / high dwell / fall / low dwell motion of a CamProV5 parameter set.
/// Returns CAMPRO_OK and a new handle in `*out` (free it with `campro_motion_free`);
/// CAMPRO_ERROR_NULL_POINTER if `params` or `out` is NULL; CAMPRO_ERROR_INVALID_PARAMETER for
/// an impossible value (unknown law code, a non-finite or non-positive length, duration, limit or
/// rpm, a value outside the accepted region CAMPRO_MIN_RPM..CAMPRO_MAX_RPM, CAMPRO_MAX_LIFT_MM,
/// CAMPRO_MIN_SEGMENT_DURATION_DEG, CAMPRO_MAX_BASE_CIRCLE_RADIUS_MM, rise + dwell + fall over
/// 360 degrees; the message names the field, the value and the bound). Inside that region every
/// kinematic output is finite.
/// On failure `*out` is set to NULL. Thread-safe.
///
/// # Safety
/// `params` is NULL or points to a `CamproParameters`; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_new(params: *const CamproParameters, out: *mut *mut CamproMotion) -> i32 {
    let build = || {
        // SAFETY: `params` is NULL or points to a CamproParameters (this function's contract).
        let params = unsafe { reference(params, "params") }?;
        Ok(params.to_core()?.program()?)
    };
    // SAFETY: `out` is NULL or writable, as `deliver` requires (this function's contract).
    unsafe { deliver(out, build) }
}

/// Builds a motion from `count` segments at `rpm`. The list starts at lift 0, covers exactly
/// 360 degrees (within 1e-9) and its last segment ends at lift 0; durations are at least
/// CAMPRO_MIN_SEGMENT_DURATION_DEG, end lifts within [0, CAMPRO_MAX_LIFT_MM], rpm within
/// [CAMPRO_MIN_RPM, CAMPRO_MAX_RPM], and a DWELL segment ends at the lift it starts at.
/// 1 <= count <= CAMPRO_MAX_SEGMENTS. The motion has no kinematic limits (analysis flags stay 0).
/// Returns CAMPRO_OK and a new handle in `*out`; CAMPRO_ERROR_NULL_POINTER if `segments`
/// (with count > 0) or `out` is NULL; CAMPRO_ERROR_INVALID_PARAMETER otherwise (the message
/// names e.g. `segments[2].duration` and its value). On failure `*out` is NULL. Thread-safe.
///
/// # Safety
/// `segments` points to `count` segments; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_from_segments(
    segments: *const CamproSegment,
    count: usize,
    rpm: f64,
    out: *mut *mut CamproMotion,
) -> i32 {
    let build = || {
        if count == 0 || count > MAX_SEGMENTS {
            return Err(Failure::invalid(format!("count = {count}: must be within 1..={MAX_SEGMENTS}")));
        }
        // SAFETY: `segments` is NULL or holds `count` CamproSegments (this function's contract).
        let list = unsafe { slice(segments, count, "segments") }?;
        let mut core = Vec::with_capacity(count);
        for (i, segment) in list.iter().enumerate() {
            core.push(segment.to_core(i)?);
        }
        Ok(Program::from_segments(&core, rpm)?)
    };
    // SAFETY: `out` is NULL or writable, as `deliver` requires (this function's contract).
    unsafe { deliver(out, build) }
}

/// Loads a motion from a CamProV5 parameter file (`.toml` or `.json`: the flat parameter set, or
/// an explicit `[[segment]]` list with `rpm`). Returns CAMPRO_OK and a new handle in `*out`;
/// CAMPRO_ERROR_NULL_POINTER for a NULL argument; CAMPRO_ERROR_IO if the file cannot be read,
/// is not a regular file (a FIFO, device or directory is refused without blocking) or is larger
/// than 16 MiB; CAMPRO_ERROR_PARSE for bad syntax, an unknown key, a wrong type or a missing key
/// (the message names the key and line); CAMPRO_ERROR_INVALID_PARAMETER for an impossible value.
/// `path` is a NUL-terminated UTF-8 path. On failure `*out` is NULL. Thread-safe.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_load(path: *const c_char, out: *mut *mut CamproMotion) -> i32 {
    let build = || {
        // SAFETY: `path` is NULL or a NUL-terminated string (this function's contract).
        let path = unsafe { guard::c_str(path, "path") }?;
        Ok(Program::load(Path::new(path))?)
    };
    // SAFETY: `out` is NULL or writable, as `deliver` requires (this function's contract).
    unsafe { deliver(out, build) }
}

/// Frees a handle. NULL is a no-op. The handle must not be used afterwards, nor freed twice, and
/// no other thread may be using it.
///
/// # Safety
/// `motion` is NULL or a live handle from `campro_motion_*`.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_free(motion: *mut CamproMotion) {
    guard::boundary(|| {
        if !motion.is_null() {
            // SAFETY: a non-NULL `motion` came from `Box::into_raw` in `deliver` and is freed once
            // (this function's contract).
            drop(unsafe { Box::from_raw(motion) });
        }
    })
}

/// The motion's speed in revolutions per minute; NaN for a NULL handle. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_rpm(motion: *const CamproMotion) -> f64 {
    // SAFETY: `motion` is NULL or a live handle (this function's contract).
    guard::value(|| Ok(unsafe { guard::program(motion) }?.rpm()))
}

/// Number of segments of the motion's program; 0 for a NULL handle. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_segment_count(motion: *const CamproMotion) -> usize {
    // SAFETY: `motion` is NULL or a live handle (this function's contract).
    guard::value(|| Ok(unsafe { guard::program(motion) }?.segments().len()))
}

/// Copies segment `index` (0-based) of the motion's program into `*out`.
/// CAMPRO_ERROR_NULL_POINTER for a NULL argument, CAMPRO_ERROR_INVALID_PARAMETER for an index
/// out of range. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_motion_segment(
    motion: *const CamproMotion,
    index: usize,
    out: *mut CamproSegment,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: `out` is NULL or points to a writable CamproSegment (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        let segment = program.segments().get(index).ok_or_else(|| {
            Failure::invalid(format!("index = {index}: the motion has {} segments", program.segments().len()))
        })?;
        *out = CamproSegment::from_core(segment);
        Ok(())
    })
}
