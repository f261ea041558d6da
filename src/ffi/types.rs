//! The C structs and the opaque handle, with their conversions to and from the Rust core.

use super::guard::Failure;
use crate::{Analysis, BoundaryCondition, Kinematics, Law, Parameters, Program, Segment};
use std::ffi::c_void;

/// An immutable cam motion (a validated program at its rpm). Create it with
/// `campro_motion_new`, `campro_motion_from_segments` or `campro_motion_load`; free it with
/// `campro_motion_free`. Any number of threads may use one handle at once.
pub struct CamproMotion {
    pub(crate) program: Program,
}

/// The CamProV5 parameter set. Fill it with `campro_parameters_default`, then change fields.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproParameters {
    /// mm (default 25), in (0, CAMPRO_MAX_BASE_CIRCLE_RADIUS_MM].
    pub base_circle_radius: f64,
    /// mm (default 10), in (0, CAMPRO_MAX_LIFT_MM].
    pub max_lift: f64,
    /// deg (default 180; kept for file compatibility, must lie in [0, 360]).
    pub cam_duration: f64,
    /// deg (default 90), at least CAMPRO_MIN_SEGMENT_DURATION_DEG.
    pub rise_duration: f64,
    /// deg (default 45), high dwell after the rise: 0 or at least CAMPRO_MIN_SEGMENT_DURATION_DEG.
    pub dwell_duration: f64,
    /// deg (default 90), at least CAMPRO_MIN_SEGMENT_DURATION_DEG; the rest of the turn is the
    /// low dwell (0 or at least CAMPRO_MIN_SEGMENT_DURATION_DEG).
    pub fall_duration: f64,
    /// mm/s^3 (default 1000).
    pub jerk_limit: f64,
    /// mm/s^2 (default 500).
    pub acceleration_limit: f64,
    /// mm/s (default 100).
    pub velocity_limit: f64,
    /// Revolutions per minute (default 3000), in [CAMPRO_MIN_RPM, CAMPRO_MAX_RPM].
    pub rpm: f64,
    /// CAMPRO_LAW_*, default CAMPRO_LAW_CYCLOIDAL.
    pub rise_law: i32,
    /// CAMPRO_LAW_*, default CAMPRO_LAW_CYCLOIDAL.
    pub fall_law: i32,
}

/// One segment of a cam program.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproSegment {
    /// CAMPRO_LAW_*; DWELL holds the lift.
    pub law: i32,
    /// deg, at least CAMPRO_MIN_SEGMENT_DURATION_DEG.
    pub duration: f64,
    /// mm, follower lift at the end of the segment, in [0, CAMPRO_MAX_LIFT_MM].
    pub end_lift: f64,
}

/// Displacement (mm), velocity (mm/s), acceleration (mm/s^2), jerk (mm/s^3).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproKinematics {
    /// mm.
    pub displacement: f64,
    /// mm/s.
    pub velocity: f64,
    /// mm/s^2.
    pub acceleration: f64,
    /// mm/s^3.
    pub jerk: f64,
}

/// Prescribed displacement (mm), velocity (mm/s) and acceleration (mm/s^2) at a time.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproBoundaryCondition {
    /// mm.
    pub displacement: f64,
    /// mm/s.
    pub velocity: f64,
    /// mm/s^2.
    pub acceleration: f64,
}

// Batches of boundary conditions are written by the core straight into the caller's array.
const _: () = assert!(
    std::mem::size_of::<CamproBoundaryCondition>() == std::mem::size_of::<BoundaryCondition>()
        && std::mem::align_of::<CamproBoundaryCondition>() == std::mem::align_of::<BoundaryCondition>()
);

/// Analysis of one revolution (see `campro_analyze_kinematics`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproAnalysis {
    /// Peak |velocity|, mm/s.
    pub max_velocity: f64,
    /// Peak |acceleration|, mm/s^2.
    pub max_acceleration: f64,
    /// Peak |jerk|, mm/s^3.
    pub max_jerk: f64,
    /// RMS acceleration, mm/s^2.
    pub rms_acceleration: f64,
    /// RMS jerk, mm/s^3.
    pub rms_jerk: f64,
    /// 1 if max_velocity > velocity_limit, else 0.
    pub velocity_violation: i32,
    /// 1 if max_acceleration > acceleration_limit, else 0.
    pub acceleration_violation: i32,
    /// 1 if max_jerk > jerk_limit, else 0.
    pub jerk_violation: i32,
}

/// A solver-style time function: the value at `time_s` seconds; `ctx` is the `CamproMotion *`.
/// `campro_bc_displacement`, `campro_bc_velocity` and `campro_bc_acceleration` have this type.
pub type CamproTimeFunction = Option<unsafe extern "C" fn(time_s: f64, ctx: *mut c_void) -> f64>;

pub(crate) fn law(code: i32, field: &str) -> Result<Law, Failure> {
    Law::from_code(code)
        .ok_or_else(|| Failure::invalid(format!("{field} = {code}: unknown motion law (valid codes 0..7)")))
}

impl CamproParameters {
    pub(crate) fn from_core(p: &Parameters) -> Self {
        CamproParameters {
            base_circle_radius: p.base_circle_radius,
            max_lift: p.max_lift,
            cam_duration: p.cam_duration,
            rise_duration: p.rise_duration,
            dwell_duration: p.dwell_duration,
            fall_duration: p.fall_duration,
            jerk_limit: p.jerk_limit,
            acceleration_limit: p.acceleration_limit,
            velocity_limit: p.velocity_limit,
            rpm: p.rpm,
            rise_law: p.rise_law.code(),
            fall_law: p.fall_law.code(),
        }
    }

    pub(crate) fn to_core(self) -> Result<Parameters, Failure> {
        Ok(Parameters {
            base_circle_radius: self.base_circle_radius,
            max_lift: self.max_lift,
            cam_duration: self.cam_duration,
            rise_duration: self.rise_duration,
            dwell_duration: self.dwell_duration,
            fall_duration: self.fall_duration,
            jerk_limit: self.jerk_limit,
            acceleration_limit: self.acceleration_limit,
            velocity_limit: self.velocity_limit,
            rpm: self.rpm,
            rise_law: law(self.rise_law, "rise_law")?,
            fall_law: law(self.fall_law, "fall_law")?,
        })
    }
}

impl CamproSegment {
    pub(crate) fn to_core(self, index: usize) -> Result<Segment, Failure> {
        Ok(Segment {
            law: law(self.law, &format!("segments[{index}].law"))?,
            duration: self.duration,
            end_lift: self.end_lift,
        })
    }

    pub(crate) fn from_core(s: &Segment) -> Self {
        CamproSegment { law: s.law.code(), duration: s.duration, end_lift: s.end_lift }
    }
}

impl From<Kinematics> for CamproKinematics {
    fn from(k: Kinematics) -> Self {
        CamproKinematics {
            displacement: k.displacement,
            velocity: k.velocity,
            acceleration: k.acceleration,
            jerk: k.jerk,
        }
    }
}

impl From<BoundaryCondition> for CamproBoundaryCondition {
    fn from(b: BoundaryCondition) -> Self {
        CamproBoundaryCondition { displacement: b.displacement, velocity: b.velocity, acceleration: b.acceleration }
    }
}

impl From<Analysis> for CamproAnalysis {
    fn from(a: Analysis) -> Self {
        CamproAnalysis {
            max_velocity: a.max_velocity,
            max_acceleration: a.max_acceleration,
            max_jerk: a.max_jerk,
            rms_acceleration: a.rms_acceleration,
            rms_jerk: a.rms_jerk,
            velocity_violation: i32::from(a.velocity_violation),
            acceleration_violation: i32::from(a.acceleration_violation),
            jerk_violation: i32::from(a.jerk_violation),
        }
    }
}

impl super::guard::Fallback for CamproKinematics {
    fn fallback() -> Self {
        Kinematics::NAN.into()
    }
}

impl super::guard::Fallback for CamproBoundaryCondition {
    fn fallback() -> Self {
        Kinematics::NAN.boundary_condition().into()
    }
}
