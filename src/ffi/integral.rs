//! Exact time integrals of the displacement (Abaqus UAMP's increment integrals).

use super::guard::{self, accepted_time, reference_mut, status, Failure};
use super::types::CamproMotion;

/// The exact time integrals of the displacement over `[t0_s, t1_s]` seconds (time 0 is cam angle
/// 0), in closed form from the motion's pieces, O(1) whatever the interval:
/// `*integral = ∫_{t0}^{t1} s(t) dt` (mm*s) and
/// `*double_integral = ∫_{t0}^{t1} ∫_{t0}^{τ} s(t) dt dτ` (mm*s^2, the double integral that is 0 at
/// t0: Abaqus UAMP's AmpIncIntegral and AmpDoubleIntegral over an increment from t0 to t1).
/// Either bound may be the larger (signed integrals of the reversed interval). The error does not
/// grow with how far into the run the interval lies: rounding of values the size of the result,
/// plus the cam angle's own error (CAMPRO_TIME_ANGLE_TOLERANCE_DEG) times the displacement.
/// Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL handle or output pointer;
/// CAMPRO_ERROR_NON_FINITE_INPUT for a non-finite time or one beyond CAMPRO_MAX_TIME_S (the
/// message names `t0_s` or `t1_s` and the value); CAMPRO_ERROR_INVALID_PARAMETER for a
/// variable-speed motion (`campro_motion_with_speed_profile`: its integrals have no closed form
/// here; integrate its boundary conditions instead). On failure both outputs are left untouched.
/// Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; `integral` and `double_integral` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_displacement_time_integrals(
    motion: *const CamproMotion,
    t0_s: f64,
    t1_s: f64,
    integral: *mut f64,
    double_integral: *mut f64,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: NULL or writable doubles (this function's contract).
        let integral = unsafe { reference_mut(integral, "integral") }?;
        // SAFETY: as above.
        let double_integral = unsafe { reference_mut(double_integral, "double_integral") }?;
        if std::ptr::eq(integral as *const f64, double_integral as *const f64) {
            return Err(Failure::invalid("integral and double_integral: the same pointer".into()));
        }
        if program.speed_profile().is_some() {
            return Err(Failure::invalid(
                "motion: a variable-speed motion (campro_motion_with_speed_profile) has no closed-form \
                 time integrals; use its constant-speed motion or integrate its boundary conditions"
                    .into(),
            ));
        }
        let t0 = accepted_time(t0_s).map_err(|f| renamed(f, "t0_s"))?;
        let t1 = accepted_time(t1_s).map_err(|f| renamed(f, "t1_s"))?;
        let result = program.displacement_time_integrals(t0, t1);
        if !(result.integral.is_finite() && result.double_integral.is_finite()) {
            return Err(Failure::invalid(format!("t0_s = {t0:e}, t1_s = {t1:e}: the integrals are not finite")));
        }
        *integral = result.integral;
        *double_integral = result.double_integral;
        Ok(())
    })
}

/// The time check's message names `time_s`: name the argument instead.
fn renamed(failure: Failure, name: &str) -> Failure {
    Failure { status: failure.status, message: failure.message.replacen("time_s", name, 1) }
}
