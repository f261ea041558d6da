//! Evaluation by cam angle: scalar, batch (calling thread) and parallel (library pool).

use super::guard::{self, check_disjoint, extent, finite, slice, slice_mut, status, Failure};
use super::types::{CamproKinematics, CamproMotion};
use crate::{KinematicsSlices, Program, Quantity};

/// One monomorphised body per quantity (`evaluate` is a distinct fn item each time), so the
/// compiler drops the sums the caller does not want.
#[inline(always)]
unsafe fn scalar(motion: *const CamproMotion, theta_deg: f64, evaluate: impl Fn(&Program, f64) -> f64) -> f64 {
    guard::value(|| {
        // SAFETY: `motion` is NULL or a live handle (the callers' contract).
        let program = unsafe { guard::program(motion) }?;
        Ok(evaluate(program, finite(theta_deg, "theta_deg")?))
    })
}

/// Follower displacement (mm) at cam angle `theta_deg` (degrees; any finite angle, negative or
/// many turns, is reduced into one revolution). NaN for a NULL handle or a non-finite angle
/// (the reason is recorded for `campro_last_error_message`). Thread-safe, lock-free.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_displacement(motion: *const CamproMotion, theta_deg: f64) -> f64 {
    // SAFETY: this function's contract is `scalar`'s.
    unsafe { scalar(motion, theta_deg, Program::displacement) }
}

/// Follower velocity (mm/s, time derivative at the motion's rpm) at cam angle `theta_deg`
/// (degrees). NaN for a NULL handle or a non-finite angle. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_velocity(motion: *const CamproMotion, theta_deg: f64) -> f64 {
    // SAFETY: this function's contract is `scalar`'s.
    unsafe { scalar(motion, theta_deg, Program::velocity) }
}

/// Follower acceleration (mm/s^2) at cam angle `theta_deg` (degrees). NaN for a NULL handle or a
/// non-finite angle. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_acceleration(motion: *const CamproMotion, theta_deg: f64) -> f64 {
    // SAFETY: this function's contract is `scalar`'s.
    unsafe { scalar(motion, theta_deg, Program::acceleration) }
}

/// Follower jerk (mm/s^3) at cam angle `theta_deg` (degrees). NaN for a NULL handle or a
/// non-finite angle. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_jerk(motion: *const CamproMotion, theta_deg: f64) -> f64 {
    // SAFETY: this function's contract is `scalar`'s.
    unsafe { scalar(motion, theta_deg, Program::jerk) }
}

/// Displacement (mm), velocity (mm/s), acceleration (mm/s^2) and jerk (mm/s^3) at cam angle
/// `theta_deg` (degrees) in one call. All four NaN for a NULL handle or a non-finite angle.
/// Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn campro_kinematics(motion: *const CamproMotion, theta_deg: f64) -> CamproKinematics {
    guard::value(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        Ok(program.kinematics(finite(theta_deg, "theta_deg")?).into())
    })
}

type Runner = fn(&Program, Quantity, &[f64], &mut [f64]) -> crate::Result<()>;

unsafe fn batch(
    motion: *const CamproMotion,
    theta: *const f64,
    out: *mut f64,
    n: usize,
    q: Quantity,
    run: Runner,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (the callers' contract).
        let program = unsafe { guard::program(motion) }?;
        check_disjoint(&[extent("theta_deg", theta, n), extent("out", out, n)])?;
        // SAFETY: `theta` is NULL or holds `n` readable doubles (the callers' contract).
        let theta = unsafe { slice(theta, n, "theta_deg") }?;
        // SAFETY: `out` is NULL or holds `n` writable doubles, disjoint from `theta` (checked above).
        let out = unsafe { slice_mut(out, n, "out") }?;
        Ok(run(program, q, theta, out)?)
    })
}

/// Displacements (mm) on the calling thread (never touches the pool).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_displacement_batch(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Displacement, Program::evaluate_batch) }
}

/// Velocities (mm/s) on the calling thread (never touches the pool).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_velocity_batch(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Velocity, Program::evaluate_batch) }
}

/// Accelerations (mm/s^2) on the calling thread (never touches the pool).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_acceleration_batch(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Acceleration, Program::evaluate_batch) }
}

/// Jerks (mm/s^3) on the calling thread (never touches the pool).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_jerk_batch(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Jerk, Program::evaluate_batch) }
}

/// Displacements (mm) on the library's thread pool (small n runs on the calling thread).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_displacement_parallel(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Displacement, Program::evaluate_parallel) }
}

/// Velocities (mm/s) on the library's thread pool (small n runs on the calling thread).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_velocity_parallel(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Velocity, Program::evaluate_parallel) }
}

/// Accelerations (mm/s^2) on the library's thread pool (small n runs on the calling thread).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_acceleration_parallel(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Acceleration, Program::evaluate_parallel) }
}

/// Jerks (mm/s^3) on the library's thread pool (small n runs on the calling thread).
/// Writes `out[i]` for each `theta_deg[i]` (degrees), i < n. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, or a NULL array with n > 0 (n == 0 is OK with
/// NULL arrays); CAMPRO_ERROR_INVALID_PARAMETER if the arrays overlap;
/// CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written at those
/// indices and every other output is still written. Results are bitwise equal to the scalar
/// function. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_jerk_parallel(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, theta_deg, out, n, Quantity::Jerk, Program::evaluate_parallel) }
}

unsafe fn kinematics_arrays(
    motion: *const CamproMotion,
    theta: *const f64,
    n: usize,
    outputs: [*mut f64; 4],
    parallel: bool,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (the callers' contract).
        let program = unsafe { guard::program(motion) }?;
        let names = ["displacement", "velocity", "acceleration", "jerk"];
        let output = |i: usize| extent(names[i], outputs[i], if outputs[i].is_null() { 0 } else { n });
        check_disjoint(&[extent("theta_deg", theta, n), output(0), output(1), output(2), output(3)])?;
        // SAFETY: `theta` is NULL or holds `n` readable doubles (the callers' contract).
        let theta = unsafe { slice(theta, n, "theta_deg") }?;
        let optional = |p: *mut f64, name| -> Result<Option<&mut [f64]>, Failure> {
            if p.is_null() {
                Ok(None)
            } else {
                // SAFETY: each non-NULL output holds `n` writable doubles, all disjoint (checked above).
                unsafe { slice_mut(p, n, name) }.map(Some)
            }
        };
        let out = KinematicsSlices {
            displacement: optional(outputs[0], names[0])?,
            velocity: optional(outputs[1], names[1])?,
            acceleration: optional(outputs[2], names[2])?,
            jerk: optional(outputs[3], names[3])?,
        };
        if parallel {
            Ok(program.kinematics_parallel(theta, out)?)
        } else {
            Ok(program.kinematics_batch(theta, out)?)
        }
    })
}

/// Displacement, velocity, acceleration and jerk at `theta_deg[i]` (degrees), i < n, into four
/// arrays, on the library's thread pool. Any output may be NULL (it is skipped). Status and NaN
/// handling as `campro_displacement_parallel`. Thread-safe; allocates nothing per point.
///
/// # Safety
/// `motion` is NULL or a live handle; every non-NULL array holds `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_kinematics_parallel(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    n: usize,
    displacement: *mut f64,
    velocity: *mut f64,
    acceleration: *mut f64,
    jerk: *mut f64,
) -> i32 {
    // SAFETY: this function's contract is `kinematics_arrays`'s.
    unsafe { kinematics_arrays(motion, theta_deg, n, [displacement, velocity, acceleration, jerk], true) }
}

/// As `campro_kinematics_parallel`, on the calling thread (never touches the pool).
///
/// # Safety
/// `motion` is NULL or a live handle; every non-NULL array holds `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_kinematics_batch(
    motion: *const CamproMotion,
    theta_deg: *const f64,
    n: usize,
    displacement: *mut f64,
    velocity: *mut f64,
    acceleration: *mut f64,
    jerk: *mut f64,
) -> i32 {
    // SAFETY: this function's contract is `kinematics_arrays`'s.
    unsafe { kinematics_arrays(motion, theta_deg, n, [displacement, velocity, acceleration, jerk], false) }
}
