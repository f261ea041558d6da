//! The cam itself through C: follower kinds, profile points, design checks, base-circle sizing
//! and profile files. Every field of a `CamproFollower` is checked (kind and rotation before they
//! become Rust enums); messages name the field and its value.

use super::guard::{self, check_disjoint, extent, finite, reference, reference_mut, slice, slice_mut, status, Failure};
use super::types::CamproMotion;
use crate::{Follower, FollowerKind, GeometryReport, ProfileFormat, ProfilePoint, Rotation};
use std::ffi::c_char;
use std::path::Path;

/// A roller whose centre moves on the line x = offset (roller_radius == 0 is a knife edge).
pub const CAMPRO_FOLLOWER_TRANSLATING_ROLLER: i32 = 0;
/// A flat face perpendicular to the line of motion (the y axis).
pub const CAMPRO_FOLLOWER_TRANSLATING_FLAT: i32 = 1;
/// A roller on an arm swinging about the pivot (pivot_distance, 0).
pub const CAMPRO_FOLLOWER_OSCILLATING_ROLLER: i32 = 2;

/// CSV: a header row `x_mm,y_mm`, then one row per point, closed (the first point repeated).
pub const CAMPRO_PROFILE_CSV: i32 = 0;
/// DXF (R2000): one closed LWPOLYLINE in mm on layer CAM.
pub const CAMPRO_PROFILE_DXF: i32 = 1;
/// Abaqus `*SURFACE, TYPE=SEGMENTS, NAME=CAM`: START then LINE rows, clockwise round the cam so
/// the outward normal (each segment's direction turned 90 degrees counter-clockwise) faces
/// the follower.
pub const CAMPRO_PROFILE_ABAQUS_SURFACE: i32 = 2;

/// Longest follower length (mm) accepted in any field (1 km).
pub const CAMPRO_MAX_FOLLOWER_LENGTH_MM: f64 = 1.0e6;
/// Smallest base circle radius, pivot distance and arm length accepted (mm).
pub const CAMPRO_MIN_FOLLOWER_LENGTH_MM: f64 = 1.0e-6;
const _: () = assert!(
    CAMPRO_MAX_FOLLOWER_LENGTH_MM == crate::MAX_FOLLOWER_LENGTH_MM
        && CAMPRO_MIN_FOLLOWER_LENGTH_MM == crate::MIN_FOLLOWER_LENGTH_MM
);

/// A follower and how it sits against the cam (lengths in mm). Frames: the fixed frame has its
/// origin on the cam axis; the cam frame coincides with it at cam angle 0 and turns with the cam.
/// Translating roller: centre at (e, sqrt((Rb+Rr)^2 - e^2) + s). Translating flat: the face is
/// y = Rb + s. Oscillating roller: centre at (d - L cos psi, L sin psi), psi = psi0 + s / L
/// (the lift is the roller centre's arc length), psi0 = acos((d^2 + L^2 - (Rb+Rr)^2) / (2 d L)).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproFollower {
    /// CAMPRO_FOLLOWER_*.
    pub kind: i32,
    /// +1: the cam turns counter-clockwise, -1: clockwise.
    pub rotation: i32,
    /// Rb > 0: the cam surface's radius during lift 0, mm.
    pub base_circle_radius: f64,
    /// Rr >= 0 (roller kinds; ignored for flat), mm.
    pub roller_radius: f64,
    /// e (translating roller only): line of motion x = e, |e| < Rb + Rr, mm.
    pub offset: f64,
    /// d (oscillating only): arm pivot at (d, 0), mm; |d - L| < Rb + Rr < d + L.
    pub pivot_distance: f64,
    /// L (oscillating only), mm.
    pub arm_length: f64,
}

/// One point of the cam profile (cam frame, mm; angles in degrees).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproProfilePoint {
    /// Contact point on the cam surface, x (mm).
    pub x: f64,
    /// Contact point on the cam surface, y (mm).
    pub y: f64,
    /// Roller centre (flat: the face's reference point), cam frame, x (mm).
    pub pitch_x: f64,
    /// Roller centre (flat: the face's reference point), cam frame, y (mm).
    pub pitch_y: f64,
    /// Degrees in [0, 90): between the contact normal and the direction of motion of the
    /// follower point (translating: +y; oscillating: perpendicular to the arm); 0 for a flat face.
    pub pressure_angle: f64,
    /// mm, of the cam SURFACE at the contact: > 0 convex, < 0 concave, +-INFINITY where straight;
    /// roller: pitch radius minus Rr.
    pub radius_of_curvature: f64,
}

// Batches of profile points are written by the core straight into the caller's array.
const _: () = assert!(
    std::mem::size_of::<CamproProfilePoint>() == std::mem::size_of::<ProfilePoint>()
        && std::mem::align_of::<CamproProfilePoint>() == std::mem::align_of::<ProfilePoint>()
);

/// The design checks of a cam (see campro_geometry_check).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CamproGeometryReport {
    /// Largest pressure angle, degrees (0 for a flat face).
    pub max_pressure_angle: f64,
    /// Cam angle (degrees, [0, 360)) where it occurs.
    pub max_pressure_angle_at: f64,
    /// Smallest positive surface radius, mm (0 when undercut; +INFINITY if never convex).
    pub min_convex_radius: f64,
    /// Cam angle where it occurs (the undercut angle when undercut; NaN if never convex).
    pub min_convex_radius_at: f64,
    /// Smallest |radius| where concave, mm; +INFINITY if never concave.
    pub min_concave_radius: f64,
    /// Cam angle where it occurs; NaN if never concave.
    pub min_concave_radius_at: f64,
    /// Flat: max - min contact offset along the face, mm; 0 for rollers.
    pub face_width: f64,
    /// 0/1: the surface has a cusp or loop (roller: 0 < pitch radius < Rr; flat: Rb + s + s'' <= 0).
    pub undercut: i32,
    /// First such cam angle, degrees in [0, 360); NaN if none.
    pub undercut_at: f64,
}

impl From<GeometryReport> for CamproGeometryReport {
    fn from(r: GeometryReport) -> Self {
        CamproGeometryReport {
            max_pressure_angle: r.max_pressure_angle,
            max_pressure_angle_at: r.max_pressure_angle_at,
            min_convex_radius: r.min_convex_radius,
            min_convex_radius_at: r.min_convex_radius_at,
            min_concave_radius: r.min_concave_radius,
            min_concave_radius_at: r.min_concave_radius_at,
            face_width: r.face_width,
            undercut: i32::from(r.undercut),
            undercut_at: r.undercut_at,
        }
    }
}

impl CamproFollower {
    /// The core follower, every field checked.
    pub(crate) fn to_core(self) -> Result<Follower, Failure> {
        let follower = self.to_core_unvalidated()?;
        follower.validate()?;
        Ok(follower)
    }

    /// The core follower with its kind and rotation checked (they become Rust enums here); the
    /// lengths are left to the caller's core function.
    pub(crate) fn to_core_unvalidated(self) -> Result<Follower, Failure> {
        let kind = FollowerKind::from_code(self.kind).ok_or_else(|| {
            Failure::invalid(format!(
                "kind = {}: unknown follower kind (valid codes 0..2: CAMPRO_FOLLOWER_*)",
                self.kind
            ))
        })?;
        let rotation = Rotation::from_sign(self.rotation).ok_or_else(|| {
            Failure::invalid(format!(
                "rotation = {}: must be +1 (cam turns counter-clockwise) or -1 (clockwise)",
                self.rotation
            ))
        })?;
        let follower = Follower {
            kind,
            rotation,
            base_circle_radius: self.base_circle_radius,
            roller_radius: self.roller_radius,
            offset: self.offset,
            pivot_distance: self.pivot_distance,
            arm_length: self.arm_length,
        };
        Ok(follower)
    }

    pub(crate) fn from_core(f: &Follower) -> Self {
        CamproFollower {
            kind: f.kind.code(),
            rotation: f.rotation.sign(),
            base_circle_radius: f.base_circle_radius,
            roller_radius: f.roller_radius,
            offset: f.offset,
            pivot_distance: f.pivot_distance,
            arm_length: f.arm_length,
        }
    }
}

/// The follower behind a caller's pointer, checked.
///
/// # Safety
/// `f` is NULL or points to a readable CamproFollower.
unsafe fn follower(f: *const CamproFollower) -> Result<Follower, Failure> {
    // SAFETY: `f` is NULL or readable (this function's contract).
    unsafe { reference(f, "follower") }?.to_core()
}

/// Profile points of the cam `f` rides on at the cam angles `theta_deg[i]` (degrees, any finite
/// angle), i < n, into `out[i]`: contact point and roller centre in the cam frame (mm), pressure
/// angle (degrees), signed radius of curvature of the surface (mm). From the exact derivatives of
/// the motion (ds/dtheta = velocity / w, ... at the motion's rpm), never finite differences.
/// Runs on the calling thread, allocates nothing. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, follower, or array with n > 0;
/// CAMPRO_ERROR_INVALID_PARAMETER for a bad follower field (the message names it and its value;
/// nothing is written) or overlapping arrays; CAMPRO_ERROR_NON_FINITE_INPUT if an angle is not
/// finite (that point is all NaN, the rest written). Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle; `f` is NULL or readable; the arrays hold `n` elements.
#[no_mangle]
pub unsafe extern "C" fn campro_profile(
    motion: *const CamproMotion,
    f: *const CamproFollower,
    theta_deg: *const f64,
    n: usize,
    out: *mut CamproProfilePoint,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: `f` is NULL or readable (this function's contract).
        let follower = unsafe { follower(f) }?;
        check_disjoint(&[extent("theta_deg", theta_deg, n), extent("out", out, n)])?;
        // SAFETY: `theta_deg` is NULL or holds `n` readable doubles (this function's contract).
        let theta = unsafe { slice(theta_deg, n, "theta_deg") }?;
        // SAFETY: `out` is NULL or holds `n` writable CamproProfilePoints disjoint from the angles
        // (checked above); it and the core's ProfilePoint are both six repr(C) f64s.
        let out = unsafe { slice_mut(out.cast::<ProfilePoint>(), n, "out") }?;
        Ok(program.profile(&follower, theta, out)?)
    })
}

/// The design checks of the cam `f` rides on: sampled at `num_points` (16 .. 10^7; 3600 is a
/// good choice) equally spaced angles of [0, 360), then every extreme (largest pressure angle,
/// smallest convex radius, smallest concave |radius|, the face's extreme offsets) refined to full
/// precision off the grid (Brent's method on the analytic derivative), and the first undercut
/// angle refined as the root of the undercut condition. Returns CAMPRO_OK;
/// CAMPRO_ERROR_NULL_POINTER for a NULL handle, follower or `out`;
/// CAMPRO_ERROR_INVALID_PARAMETER for a bad follower field or num_points (then `*out` is
/// untouched). Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle; `f` is NULL or readable; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_geometry_check(
    motion: *const CamproMotion,
    f: *const CamproFollower,
    num_points: usize,
    out: *mut CamproGeometryReport,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: `f` is NULL or readable (this function's contract).
        let follower = unsafe { follower(f) }?;
        // SAFETY: `out` is NULL or writable (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        *out = program.geometry_check(&follower, num_points)?.into();
        Ok(())
    })
}

/// The smallest base circle radius (mm, relative accuracy 1e-9) for which the cam `f` rides on
/// has no undercut, a max pressure angle <= `max_pressure_angle_deg` (in (0, 90]; pass 90 for no
/// limit) and every convex surface radius >= `min_convex_radius_mm` (pass 0 for no limit).
/// f's other fields are kept; f->base_circle_radius is ignored. Radii are scanned upwards from the
/// smallest the follower allows and the first that works is bisected (see the README for when
/// that is exact). Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL pointer;
/// CAMPRO_ERROR_NON_FINITE_INPUT for a non-finite limit; CAMPRO_ERROR_INVALID_PARAMETER for a
/// bad field or limit, or when no radius up to 1e6 mm (oscillating: d + L - Rr) works (the
/// message says what the largest gives); `*out_base_circle_radius_mm` is written only on
/// CAMPRO_OK. Thread-safe.
///
/// # Safety
/// `motion` is NULL or a live handle; `f` is NULL or readable; the output is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_min_base_circle(
    motion: *const CamproMotion,
    f: *const CamproFollower,
    max_pressure_angle_deg: f64,
    min_convex_radius_mm: f64,
    out_base_circle_radius_mm: *mut f64,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: `f` is NULL or readable (this function's contract).
        let raw = unsafe { reference(f, "follower") }?;
        // The base circle is ignored; the sizing checks every other field.
        let follower = raw.to_core_unvalidated()?;
        let limit = finite(max_pressure_angle_deg, "max_pressure_angle_deg")?;
        let radius = finite(min_convex_radius_mm, "min_convex_radius_mm")?;
        // SAFETY: the output is NULL or writable (this function's contract).
        let out = unsafe { reference_mut(out_base_circle_radius_mm, "out_base_circle_radius_mm") }?;
        *out = program.min_base_circle(&follower, limit, radius)?;
        Ok(())
    })
}

/// Writes the cam surface `f` rides on to `path` (NUL-terminated UTF-8; created or replaced) in
/// `format` (CAMPRO_PROFILE_*): the fewest points (greedy, farthest first) such that every chord
/// stays within `tolerance_mm` (>= 1e-9) of the surface, checked densely afterwards; points run
/// clockwise round the cam from the contact point of cam angle 0. The file is written whole or
/// not at all. Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL pointer;
/// CAMPRO_ERROR_NON_FINITE_INPUT for a non-finite tolerance; CAMPRO_ERROR_INVALID_PARAMETER for
/// a bad field, format or tolerance, or an undercut cam; CAMPRO_ERROR_IO if the file cannot be
/// written. Thread-safe (distinct paths).
///
/// # Safety
/// `motion` is NULL or a live handle; `f` is NULL or readable; `path` is NULL or a
/// NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn campro_export_profile(
    motion: *const CamproMotion,
    f: *const CamproFollower,
    format: i32,
    tolerance_mm: f64,
    path: *const c_char,
) -> i32 {
    status(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let program = unsafe { guard::program(motion) }?;
        // SAFETY: `f` is NULL or readable (this function's contract).
        let follower = unsafe { follower(f) }?;
        let format = ProfileFormat::from_code(format).ok_or_else(|| {
            Failure::invalid(format!("format = {format}: unknown profile format (valid codes 0..2: CAMPRO_PROFILE_*)"))
        })?;
        let tolerance = finite(tolerance_mm, "tolerance_mm")?;
        // SAFETY: `path` is NULL or a NUL-terminated string (this function's contract).
        let path = unsafe { guard::c_str(path, "path") }?;
        program.export_profile(&follower, format, tolerance, Path::new(path))?;
        Ok(())
    })
}

/// Fills `*out` with a translating roller follower for the motion's recorded base circle radius
/// (25 mm when the motion has none), roller radius 0 (a knife edge), no offset, the cam turning
/// counter-clockwise; pivot_distance and arm_length 0. A starting point to change fields of.
/// Does nothing for a NULL `out`; a NULL motion gives the 25 mm default.
///
/// # Safety
/// `motion` is NULL or a live handle; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_follower_default(motion: *const CamproMotion, out: *mut CamproFollower) {
    guard::boundary(|| {
        // SAFETY: `motion` is NULL or a live handle (this function's contract).
        let rb = unsafe { guard::program(motion) }.ok().and_then(|p| p.base_circle_radius()).unwrap_or(25.0);
        // SAFETY: `out` is NULL or writable (this function's contract).
        if let Ok(out) = unsafe { reference_mut(out, "out") } {
            *out = CamproFollower::from_core(&Follower::translating_roller(rb, 0.0, 0.0));
        }
    })
}

/// Reads the follower of a parameter file's `[follower]` table (kind, rotation,
/// base_circle_radius (default: the file's), roller_radius, offset, pivot_distance, arm_length),
/// checked against the file's motion, into `*out`: the C twin of `campro_motion_load` for the
/// cam geometry. Returns CAMPRO_OK; CAMPRO_ERROR_NULL_POINTER for a NULL argument;
/// CAMPRO_ERROR_IO if the file cannot be read; CAMPRO_ERROR_PARSE for bad syntax or a bad key
/// (the message names `follower.<key>` and its line), and when the file has no `[follower]`
/// table; CAMPRO_ERROR_INVALID_PARAMETER for an impossible motion or follower (the message names
/// the field and its value). On failure `*out` is left untouched. Thread-safe.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn campro_follower_load(path: *const c_char, out: *mut CamproFollower) -> i32 {
    status(|| {
        // SAFETY: `out` is NULL or writable (this function's contract).
        let out = unsafe { reference_mut(out, "out") }?;
        // SAFETY: `path` is NULL or a NUL-terminated string (this function's contract).
        let path = unsafe { guard::c_str(path, "path") }?;
        let (program, follower) = crate::Program::load_with_follower(Path::new(path))?;
        let follower = follower.ok_or_else(|| Failure {
            status: super::constants::CAMPRO_ERROR_PARSE,
            message: format!("follower: {path} has no [follower] table"),
        })?;
        follower.validate_for(&program)?;
        *out = CamproFollower::from_core(&follower);
        Ok(())
    })
}
