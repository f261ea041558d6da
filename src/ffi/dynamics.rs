//! Follower dynamics (force closure): contact force, cam torque, the dynamics check, spring
//! sizing, the highest speed within the kinematic limits, and a parameter file's `[dynamics]`.

use super::guard::{self, check_disjoint, extent, finite, reference, reference_mut, slice, slice_mut, status, Failure};
use super::types::CamproMotion;
use crate::{Dynamics, DynamicsReport, FollowerDynamics, Limits, SpeedLimit, SpringSizing};
use std::ffi::c_char;
use std::path::Path;

/// The follower of a force-closed cam (spring-loaded): its lumped moving mass, return spring,
/// damper and a constant external load. Contact force along the follower's motion, N:
/// `F = mass*a*1e-3 + damping*v + spring_rate*s + spring_preload + external_force`
/// (mass [kg] * acceleration [mm/s^2] * 1e-3 is N). Cam torque by power balance
/// (frictionless), N*mm: `T = F * ds/dtheta` (per radian, = v / w, w = rpm * 2 pi / 60).
/// Accepted values: 0 < mass <= 1e6 kg; 0 <= spring_rate <= 1e9 N/mm;
/// 0 <= spring_preload <= 1e12 N; 0 <= damping <= 1e9 N*s/mm; |external_force| <= 1e12 N;
/// all finite.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproFollowerDynamics {
    /// kg, effective moving mass at the follower, > 0.
    pub mass: f64,
    /// N/mm, >= 0.
    pub spring_rate: f64,
    /// N, spring force at lift 0, >= 0.
    pub spring_preload: f64,
    /// N*s/mm, >= 0.
    pub damping: f64,
    /// N, constant force pressing the follower onto the cam (negative pulls it away).
    pub external_force: f64,
}

/// The dynamics check of one revolution (see `campro_dynamics_check`). Angles in degrees,
/// [0, 360).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproDynamicsReport {
    /// N, smallest contact force.
    pub min_contact_force: f64,
    /// deg, where.
    pub min_contact_force_at: f64,
    /// N, largest contact force.
    pub max_contact_force: f64,
    /// deg, where.
    pub max_contact_force_at: f64,
    /// N*mm, largest |cam torque|.
    pub max_torque: f64,
    /// deg, where.
    pub max_torque_at: f64,
    /// N*mm, RMS cam torque over the sampled angles.
    pub rms_torque: f64,
    /// mm^2/s^3, largest |v * a|.
    pub max_power_factor: f64,
    /// Lowest rpm > 0 at which the contact force goes negative somewhere (follower jump),
    /// damping included; 0 if the spring does not hold the follower even at rest;
    /// +INFINITY if none.
    pub jump_rpm: f64,
    /// 1 if the contact force is negative somewhere at the motion's rpm, else 0.
    pub separation: i32,
}

/// A sized return spring (see `campro_size_spring`, `campro_size_preload`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproSpringSizing {
    /// N/mm.
    pub spring_rate: f64,
    /// N, spring force at lift 0.
    pub spring_preload: f64,
    /// deg in [0, 360), where the requirement binds.
    pub critical_angle: f64,
    /// rpm in [0, overspeed], the speed at which it binds there.
    pub critical_rpm: f64,
}

/// The highest speed within the kinematic limits (see `campro_max_rpm_within_limits`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproSpeedLimit {
    /// rpm: the highest speed at which every limit holds; +INFINITY if none binds.
    pub max_rpm: f64,
    /// rpm the velocity limit alone allows (+INFINITY: no limit, or velocity 0 everywhere).
    pub rpm_by_velocity: f64,
    /// rpm the acceleration limit alone allows.
    pub rpm_by_acceleration: f64,
    /// rpm the jerk limit alone allows.
    pub rpm_by_jerk: f64,
    /// mm/s, refined peak |velocity| at the motion's rpm.
    pub max_velocity: f64,
    /// deg, where.
    pub max_velocity_at: f64,
    /// mm/s^2, refined peak |acceleration|.
    pub max_acceleration: f64,
    /// deg, where.
    pub max_acceleration_at: f64,
    /// mm/s^3, refined peak |jerk| (0 between the acceleration steps of the simple-harmonic
    /// and constant-acceleration laws, as everywhere in campro).
    pub max_jerk: f64,
    /// deg, where.
    pub max_jerk_at: f64,
    /// CAMPRO_LIMITED_BY_*: the limit that binds at max_rpm.
    pub limited_by: i32,
}

/// No limit binds: any speed keeps the limits.
pub const CAMPRO_LIMITED_BY_NONE: i32 = 0;
/// The velocity limit binds.
pub const CAMPRO_LIMITED_BY_VELOCITY: i32 = 1;
/// The acceleration limit binds.
pub const CAMPRO_LIMITED_BY_ACCELERATION: i32 = 2;
/// The jerk limit binds.
pub const CAMPRO_LIMITED_BY_JERK: i32 = 3;

impl CamproFollowerDynamics {
    fn to_core(self) -> FollowerDynamics {
        FollowerDynamics {
            mass: self.mass,
            spring_rate: self.spring_rate,
            spring_preload: self.spring_preload,
            damping: self.damping,
            external_force: self.external_force,
        }
    }

    fn from_core(d: &FollowerDynamics) -> Self {
        CamproFollowerDynamics {
            mass: d.mass,
            spring_rate: d.spring_rate,
            spring_preload: d.spring_preload,
            damping: d.damping,
            external_force: d.external_force,
        }
    }
}

impl From<DynamicsReport> for CamproDynamicsReport {
    fn from(r: DynamicsReport) -> Self {
        CamproDynamicsReport {
            min_contact_force: r.min_contact_force,
            min_contact_force_at: r.min_contact_force_at,
            max_contact_force: r.max_contact_force,
            max_contact_force_at: r.max_contact_force_at,
            max_torque: r.max_torque,
            max_torque_at: r.max_torque_at,
            rms_torque: r.rms_torque,
            max_power_factor: r.max_power_factor,
            jump_rpm: r.jump_rpm,
            separation: i32::from(r.separation),
        }
    }
}

impl From<SpringSizing> for CamproSpringSizing {
    fn from(s: SpringSizing) -> Self {
        CamproSpringSizing {
            spring_rate: s.spring_rate,
            spring_preload: s.spring_preload,
            critical_angle: s.critical_angle,
            critical_rpm: s.critical_rpm,
        }
    }
}

impl From<SpeedLimit> for CamproSpeedLimit {
    fn from(s: SpeedLimit) -> Self {
        CamproSpeedLimit {
            max_rpm: s.max_rpm,
            rpm_by_velocity: s.rpm_by_limit[0],
            rpm_by_acceleration: s.rpm_by_limit[1],
            rpm_by_jerk: s.rpm_by_limit[2],
            max_velocity: s.max_velocity,
            max_velocity_at: s.max_velocity_at,
            max_acceleration: s.max_acceleration,
            max_acceleration_at: s.max_acceleration_at,
            max_jerk: s.max_jerk,
            max_jerk_at: s.max_jerk_at,
            limited_by: s.limited_by.code(),
        }
    }
}

/// The program behind `motion` with the follower `*dynamics`, validated.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or points to a valid struct.
unsafe fn with_follower<'a>(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
) -> Result<Dynamics<'a>, Failure> {
    // SAFETY: `motion` is NULL or a live handle (this function's contract).
    let program = unsafe { guard::program(motion) }?;
    // SAFETY: `dynamics` is NULL or points to a valid CamproFollowerDynamics (this function's contract).
    let follower = unsafe { reference(dynamics, "dynamics") }?.to_core();
    Ok(program.dynamics(&follower)?)
}

/// Contact force (N) between cam and follower at cam angle `theta_deg` (degrees, any finite
/// angle): `mass*a*1e-3 + damping*v + spring_rate*s + spring_preload + external_force` at the
/// motion's rpm. Negative means the cam would have to pull: the follower leaves the cam.
/// NaN for a NULL handle or `dynamics`, an invalid `dynamics` (the message names the field and
/// value, e.g. `mass = -1: must be finite and > 0 kg`) or a non-finite angle. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or points to a valid struct.
#[no_mangle]
pub unsafe extern "C" fn campro_contact_force(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    theta_deg: f64,
) -> f64 {
    guard::value(|| {
        // SAFETY: this function's contract is `with_follower`'s.
        let d = unsafe { with_follower(motion, dynamics) }?;
        Ok(d.contact_force(finite(theta_deg, "theta_deg")?))
    })
}

/// Camshaft torque (N*mm) at cam angle `theta_deg` by power balance (frictionless):
/// `F * ds/dtheta`, ds/dtheta per radian (= v / w, w = rpm * 2 pi / 60); positive when the
/// shaft drives the cam. NaN as `campro_contact_force`. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or points to a valid struct.
#[no_mangle]
pub unsafe extern "C" fn campro_cam_torque(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    theta_deg: f64,
) -> f64 {
    guard::value(|| {
        // SAFETY: this function's contract is `with_follower`'s.
        let d = unsafe { with_follower(motion, dynamics) }?;
        Ok(d.cam_torque(finite(theta_deg, "theta_deg")?))
    })
}

type Batch = fn(&Dynamics<'_>, &[f64], &mut [f64]) -> crate::Result<()>;

unsafe fn batch(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    theta: *const f64,
    out: *mut f64,
    n: usize,
    run: Batch,
) -> i32 {
    status(|| {
        // SAFETY: the callers' contract is `with_follower`'s.
        let d = unsafe { with_follower(motion, dynamics) }?;
        check_disjoint(&[extent("theta_deg", theta, n), extent("out", out, n)])?;
        // SAFETY: `theta` is NULL or holds `n` readable doubles (the callers' contract).
        let theta = unsafe { slice(theta, n, "theta_deg") }?;
        // SAFETY: `out` is NULL or holds `n` writable doubles, disjoint from `theta` (checked above).
        let out = unsafe { slice_mut(out, n, "out") }?;
        Ok(run(&d, theta, out)?)
    })
}

/// Contact forces (N) at `theta_deg[i]` into `out[i]`, i < n, on the calling thread (bitwise
/// equal to `campro_contact_force`). Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL
/// handle or `dynamics`, or a NULL array with n > 0 (n == 0 is OK with NULL arrays);
/// CAMPRO_ERROR_INVALID_PARAMETER for an invalid `dynamics` (nothing written) or overlapping
/// arrays; CAMPRO_ERROR_NON_FINITE_INPUT if some angle is NaN or infinite: NaN is written there
/// and every other output is still written. Thread-safe; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or valid; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_contact_force_batch(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, dynamics, theta_deg, out, n, |d, t, o| d.contact_force_batch(t, o)) }
}

/// Cam torques (N*mm) at `theta_deg[i]` into `out[i]`, i < n; as `campro_contact_force_batch`.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or valid; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_cam_torque_batch(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    theta_deg: *const f64,
    out: *mut f64,
    n: usize,
) -> i32 {
    // SAFETY: this function's contract is `batch`'s.
    unsafe { batch(motion, dynamics, theta_deg, out, n, |d, t, o| d.cam_torque_batch(t, o)) }
}

/// The dynamics check over `num_points` equally spaced angles 360 * i / num_points of one
/// revolution, each extreme then refined on the exact motion to full precision (not limited to
/// the grid; where the force jumps at an acceleration step, the limit on its side of the step,
/// reported at the step's angle): min and max contact force, largest |torque|, RMS torque over
/// the grid, largest |v * a|, the jump speed and whether the follower separates at the motion's
/// rpm. The jump speed: at rpm n = r n0 (n0 the motion's), F(theta, r) = A r^2 + B r + C with
/// A = mass*a*1e-3, B = damping*v, C = spring_rate*s + spring_preload + external_force at n0;
/// jump_rpm = n0 times the smallest positive root r over all angles (closed form per angle,
/// refined over the angles). Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL handle,
/// `dynamics` or `out`; CAMPRO_ERROR_INVALID_PARAMETER for an invalid `dynamics`,
/// num_points == 0, or kinematics that overflow (`*out` untouched on any error). Runs on the
/// calling thread; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or valid; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_dynamics_check(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    num_points: usize,
    out: *mut CamproDynamicsReport,
) -> i32 {
    status(|| {
        // SAFETY: this function's contract is `with_follower`'s.
        let d = unsafe { with_follower(motion, dynamics) }?;
        // SAFETY: `out` is NULL or points to a writable CamproDynamicsReport (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        *out = d.check(num_points)?.into();
        Ok(())
    })
}

/// Sizes the return spring for a given preload / rate ratio: the smallest spring_rate k
/// (N/mm), with spring_preload = preload_per_rate_mm * k (the spring's compression at lift 0,
/// mm, >= 0), such that at every angle and every speed from standstill to `overspeed_rpm`
/// `k * s + spring_preload >= safety_factor * D` with `D = -(mass*a*1e-3 + damping*v +
/// external_force)`, the force the spring must supply (safety_factor >= 1; 1: the contact
/// force just stays non-negative). `dynamics`' mass, damping and external_force are used, its spring values ignored. The
/// result is rounded up by 1e-12 relative, so the check at the sized values holds; 1e-9 below
/// them it fails. `out->critical_angle` / `critical_rpm` say where and at what speed the
/// requirement binds. Bounds: overspeed_rpm in (0, 1e6], safety_factor in [1, 1000],
/// preload_per_rate_mm in [0, 1e6]. Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL
/// pointer; CAMPRO_ERROR_INVALID_PARAMETER for a bad argument (named in the message), or when no
/// finite spring can hold (force needed where the lift plus the ratio is 0: give a larger
/// ratio). `*out` untouched on any error. Calling thread; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or valid; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_size_spring(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    preload_per_rate_mm: f64,
    overspeed_rpm: f64,
    safety_factor: f64,
    num_points: usize,
    out: *mut CamproSpringSizing,
) -> i32 {
    status(|| {
        // SAFETY: this function's contract is `with_follower`'s.
        let d = unsafe { with_follower(motion, dynamics) }?;
        // SAFETY: `out` is NULL or points to a writable CamproSpringSizing (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        *out = d.size_spring(preload_per_rate_mm, overspeed_rpm, safety_factor, num_points)?.into();
        Ok(())
    })
}

/// Sizes the preload for `dynamics->spring_rate`: the smallest spring_preload (N) such that
/// k * s + spring_preload >= safety_factor * D at every angle and speed up to overspeed_rpm
/// (see `campro_size_spring`); `dynamics->spring_preload` is ignored, `out->spring_rate` is
/// `dynamics->spring_rate`. Rounded up by 1e-12 of the forces that cancel at the critical angle.
/// Returns and bounds as `campro_size_spring`.
///
/// # Safety
/// `motion` is NULL or a live handle; `dynamics` is NULL or valid; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_size_preload(
    motion: *const CamproMotion,
    dynamics: *const CamproFollowerDynamics,
    overspeed_rpm: f64,
    safety_factor: f64,
    num_points: usize,
    out: *mut CamproSpringSizing,
) -> i32 {
    status(|| {
        // SAFETY: this function's contract is `with_follower`'s.
        let d = unsafe { with_follower(motion, dynamics) }?;
        // SAFETY: `out` is NULL or points to a writable CamproSpringSizing (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        *out = d.size_preload(overspeed_rpm, safety_factor, num_points)?.into();
        Ok(())
    })
}

/// The highest rpm at which the velocity, acceleration and jerk limits all hold: they scale as
/// rpm, rpm^2 and rpm^3, so max_rpm = rpm * min(velocity_limit / max|v|,
/// sqrt(acceleration_limit / max|a|), cbrt(jerk_limit / max|j|)), from the peaks over
/// `num_points` angles refined to full precision. A limit is > 0 (mm/s, mm/s^2, mm/s^3);
/// +INFINITY means no limit (a motion's own limits are the CamproParameters ones it was made
/// from). Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL handle or `out`;
/// CAMPRO_ERROR_INVALID_PARAMETER for a NaN or non-positive limit, num_points == 0, or
/// kinematics that overflow (`*out` untouched). Calling thread; allocates nothing.
///
/// # Safety
/// `motion` is NULL or a live handle; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_max_rpm_within_limits(
    motion: *const CamproMotion,
    velocity_limit: f64,
    acceleration_limit: f64,
    jerk_limit: f64,
    num_points: usize,
    out: *mut CamproSpeedLimit,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: `out` is NULL or points to a writable CamproSpeedLimit (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        let limits = Limits { velocity: velocity_limit, acceleration: acceleration_limit, jerk: jerk_limit };
        *out = program.max_rpm_within_limits(limits, num_points)?.into();
        Ok(())
    })
}

/// Reads the optional `[dynamics]` table of a parameter file (.toml or .json; keys mass_kg,
/// spring_rate_n_per_mm, spring_preload_n, damping_n_s_per_mm, external_force_n; all but
/// mass_kg default to 0). The whole file is checked as by `campro_motion_load`. If the file has
/// the table, `*out` receives it and `*found` is 1; otherwise `*found` is 0 and `*out` is
/// untouched. Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL argument; errors as
/// `campro_motion_load` (a bad value in the table names the file, line and key:
/// `cam.toml:12: dynamics.mass_kg = -1: must be finite and > 0 kg`); `*out` and `*found`
/// untouched on any error. Thread-safe.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` and `found` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_follower_dynamics_load(
    path: *const c_char,
    out: *mut CamproFollowerDynamics,
    found: *mut i32,
) -> i32 {
    status(|| {
        // SAFETY: `path` is NULL or a NUL-terminated string (this function's contract).
        let path = unsafe { guard::c_str(path, "path") }?;
        // SAFETY: `out` is NULL or points to a writable CamproFollowerDynamics (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        // SAFETY: `found` is NULL or points to a writable int32_t (this function's contract).
        let found = unsafe { reference_mut(found, "found") }?;
        match FollowerDynamics::load(Path::new(path))? {
            Some(d) => {
                *out = CamproFollowerDynamics::from_core(&d);
                *found = 1;
            }
            None => *found = 0,
        }
        Ok(())
    })
}
