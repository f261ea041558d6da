//! Analysis and the thread pool's size.

use super::guard::{self, reference_mut, status, Failure};
use super::types::{CamproAnalysis, CamproMotion};

/// Analyses `num_points` equally spaced angles 360 * i / num_points of one revolution: peaks of
/// |velocity| (mm/s), |acceleration| (mm/s^2) and |jerk| (mm/s^3), RMS acceleration and jerk,
/// and 0/1 flags for peaks above the motion's limits (a segment-built motion has none).
/// Large counts run on the library's pool; the result is bitwise the same either way.
/// Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL handle or `out`;
/// CAMPRO_ERROR_INVALID_PARAMETER if num_points is 0 or above CAMPRO_MAX_ANALYSIS_POINTS, or if
/// any velocity, acceleration or jerk came out non-finite (then `*out` is untouched).
/// Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_analyze_kinematics(
    motion: *const CamproMotion,
    num_points: usize,
    out: *mut CamproAnalysis,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: `out` is NULL or points to a writable CamproAnalysis (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        *out = program.analyze(num_points)?.into();
        Ok(())
    })
}

/// Sets the size of the library's thread pool used by the `_parallel` functions and
/// `campro_boundary_conditions` (0 = one thread per core, capped at CAMPRO_MAX_THREADS; default:
/// the CAMPRO_NUM_THREADS environment variable when it is a whole number in
/// 0..=CAMPRO_MAX_THREADS, else one per core). `n` above CAMPRO_MAX_THREADS (SIZE_MAX included)
/// is CAMPRO_ERROR_INVALID_PARAMETER. Takes effect before the first parallel call; after it,
/// returns CAMPRO_OK only if `n` matches the running pool's size, else
/// CAMPRO_ERROR_INVALID_PARAMETER. A child process forked after the pool started gets a pool of
/// its own at its first parallel call (and may set its size before). Thread-safe.
#[no_mangle]
pub extern "C" fn campro_set_num_threads(n: usize) -> i32 {
    status(|| crate::set_num_threads(n).map_err(Failure::from))
}

/// The number of threads the library's pool has, or will start with. Thread-safe.
#[no_mangle]
pub extern "C" fn campro_num_threads() -> usize {
    guard::value(|| Ok(crate::num_threads()))
}
