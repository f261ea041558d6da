//! The profile point: one generic routine for every follower kind. A kind gives its reference
//! point P(theta) in the fixed frame with its derivatives (`follower.rs`); seen from the turning
//! cam, P moves with the relative derivatives
//!   u1 = P' - sigma J P,   u2 = P'' - 2 sigma J P' - P,   u3 = P''' - 3 sigma J P'' - 3 P' + sigma J P
//! (J: a quarter turn counter-clockwise, sigma = +1 / -1 the sense of rotation), which are the
//! cam-frame derivatives of the pitch curve expressed in the fixed frame (rotation keeps dot and
//! cross products). From them: the inward normal -sigma J u1/|u1|, the contact point
//! P + Rr * normal, the pitch curve's signed radius -sigma |u1|^3 / (u1 x u2) (> 0 convex), the
//! pressure angle atan(|u1 . m| / |u1 x m|) against the follower's direction of motion m, and
//! finally one rotation into the cam frame. A flat face touches where the envelope of its lines
//! does: (sigma s', Rb + s) in the fixed frame, radius Rb + s + s''.
//!
//! Batches evaluate the kinematics of a block of angles with the batch kernels, then run this
//! routine over the block's lanes (compiled per SIMD tier, branch-free: libm-free sin/cos and
//! atan, `sqrt`, divisions; large outputs leave through non-temporal stores). The scalar call runs the same routine on the same kinematics bits,
//! so a batch and scalar calls agree bit for bit.

use super::angle::{sin_cos_deg_reduced, sin_cos_near, sin_cos_rad};
use super::arctan::atan2_deg_nonneg;
use super::follower::{oscillating, translating, Follower, FollowerKind, Lift, Reference, Setup, V2};
use crate::error::{Error, Result};
#[cfg(target_arch = "x86_64")]
use crate::kernels::avx512::{store_fence, stream_points};
use crate::kernels::{simd_dispatch, BLOCK};
use crate::kinematics::Kinematics;
use crate::program::{reduce_angle, reduce_angle_fast, Program, FAST_REDUCTION_LIMIT};
use crate::KinematicsSlices;
use std::f64::consts::FRAC_PI_4;
use std::hint::select_unpredictable;

/// One point of the cam profile (cam frame, mm; angles in degrees).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProfilePoint {
    /// Contact point on the cam surface, x (mm).
    pub x: f64,
    /// Contact point on the cam surface, y (mm).
    pub y: f64,
    /// Roller centre (flat: the face's reference point (0, Rb + s) turned into the cam frame), x.
    pub pitch_x: f64,
    /// As `pitch_x`, y.
    pub pitch_y: f64,
    /// Degrees in [0, 90): between the contact normal and the follower point's direction of
    /// motion (translating: +y; oscillating: perpendicular to the arm); 0 for a flat face.
    pub pressure_angle: f64,
    /// The cam surface's radius of curvature at the contact, mm: > 0 convex, < 0 concave,
    /// +-infinity where straight; rollers: the pitch curve's radius minus the roller radius.
    pub radius_of_curvature: f64,
}

impl ProfilePoint {
    /// Every field NaN: what a non-finite angle gives.
    pub const NAN: ProfilePoint = ProfilePoint {
        x: f64::NAN,
        y: f64::NAN,
        pitch_x: f64::NAN,
        pitch_y: f64::NAN,
        pressure_angle: f64::NAN,
        radius_of_curvature: f64::NAN,
    };
}

/// The relative derivatives u1, u2, u3 of the reference point (see the module docs).
#[inline(always)]
pub(crate) fn relative(sigma: f64, r: &Reference) -> (V2, V2, V2) {
    let (p, p1, p2, p3) = (r.p, r.p1, r.p2, r.p3);
    let u1 = p1.sub(p.perp().scale(sigma));
    let u2 = p2.sub(p1.perp().scale(2.0 * sigma)).sub(p);
    let u3 = p3.sub(p2.perp().scale(3.0 * sigma)).sub(p1.scale(3.0)).add(p.perp().scale(sigma));
    (u1, u2, u3)
}

/// The kind codes the lane loops are monomorphised on.
const ROLLER: u8 = 0;
const FLAT: u8 = 1;
const OSCILLATING: u8 = 2;
/// Oscillating lanes whose arm swings by at most pi/4 (the lane loops pick it per block).
const OSCILLATING_NEAR: u8 = 3;

fn kind_code(kind: FollowerKind) -> u8 {
    match kind {
        FollowerKind::TranslatingRoller => ROLLER,
        FollowerKind::TranslatingFlat => FLAT,
        FollowerKind::OscillatingRoller => OSCILLATING,
    }
}

/// The reference point of kind `K` for lift `k`.
#[inline(always)]
pub(crate) fn reference<const K: u8>(setup: &Setup, k: &Lift) -> Reference {
    if K == OSCILLATING || K == OSCILLATING_NEAR {
        // The arm swings by delta = s / L from psi0. Within a quarter turn (every cam whose lift
        // is below pi/4 arm lengths) angle addition around psi0 needs no reduction and no
        // quadrant; beyond, the general sin/cos. OSCILLATING_NEAR is the same function for lanes
        // known to be within: it picks what the select would.
        let delta = k.s * setup.inv_l;
        let near = sin_cos_near(setup.sin_psi0, setup.cos_psi0, delta);
        let sc = if K == OSCILLATING_NEAR {
            near
        } else {
            let far = sin_cos_rad(setup.psi0 + delta);
            let within = delta.abs() <= FRAC_PI_4;
            (select_unpredictable(within, near.0, far.0), select_unpredictable(within, near.1, far.1))
        };
        oscillating(setup, k, sc)
    } else {
        translating(setup, k)
    }
}

/// The profile point of kind `K` at the cam angle `reduced_deg` (already reduced into
/// [0, 360]), from the program's kinematics there.
#[inline(always)]
fn point_of<const K: u8>(setup: &Setup, reduced_deg: f64, kin: &Kinematics) -> ProfilePoint {
    let lift = Lift::from_time(setup, kin.displacement, kin.velocity, kin.acceleration, kin.jerk);
    let r = reference::<K>(setup, &lift);
    let sigma = setup.sigma;
    let (contact, radius, pressure) = if K == FLAT {
        (V2::new(sigma * lift.s1, r.p.y), (setup.rb + lift.s) + lift.s2, 0.0)
    } else {
        let (u1, u2, _) = relative(sigma, &r);
        let len2 = u1.dot(u1);
        let len = len2.sqrt();
        // Inward normal -sigma J u1 / |u1| = sigma (u1.y, -u1.x) / |u1|, times Rr.
        let k = sigma * setup.rr / len;
        let contact = V2::new(r.p.x + k * u1.y, r.p.y - k * u1.x);
        let pitch_radius = -sigma * (len2 * len) / u1.cross(u2);
        let pressure = atan2_deg_nonneg(u1.dot(r.m).abs(), u1.cross(r.m).abs());
        (contact, pitch_radius - setup.rr, pressure)
    };
    // Into the cam frame: R(-sigma theta).
    let (sin_t, cos_t) = sin_cos_deg_reduced(reduced_deg);
    let ss = sigma * sin_t;
    ProfilePoint {
        x: cos_t * contact.x + ss * contact.y,
        y: cos_t * contact.y - ss * contact.x,
        pitch_x: cos_t * r.p.x + ss * r.p.y,
        pitch_y: cos_t * r.p.y - ss * r.p.x,
        pressure_angle: pressure,
        radius_of_curvature: radius,
    }
}

/// The profile point at `theta_deg` from the kinematics there: the one routine every path runs.
#[inline(always)]
pub(crate) fn point(setup: &Setup, theta_deg: f64, kin: &Kinematics) -> ProfilePoint {
    let r = reduce_angle(theta_deg);
    match kind_code(setup.kind) {
        ROLLER => point_of::<ROLLER>(setup, r, kin),
        FLAT => point_of::<FLAT>(setup, r, kin),
        _ => point_of::<OSCILLATING>(setup, r, kin),
    }
}

/// From this many angles on (6 MiB of points, more than a core's share of the caches), points
/// go out with non-temporal stores (AVX-512 CPUs): written once and not read back soon, they
/// then cost one memory write instead of a read for ownership plus a write. Smaller outputs stay
/// in the cache for the caller.
pub(crate) const STREAM_MIN_POINTS: usize = 1 << 17;

#[cfg(not(target_arch = "x86_64"))]
fn stream_points(_: &[ProfilePoint], _: &mut [ProfilePoint]) -> bool {
    false
}
#[cfg(not(target_arch = "x86_64"))]
fn store_fence() {}

/// Angles whose kinematics are staged at once (four arrays of this many doubles stay in L1).
const STAGE: usize = 2 * BLOCK;

/// Kinematics of up to [`STAGE`] angles, as the batch kernels give them.
struct Staged {
    d: [f64; STAGE],
    v: [f64; STAGE],
    a: [f64; STAGE],
    j: [f64; STAGE],
}

simd_dispatch! {
    fn geometry_lanes<'a>(setup: &'a Setup, theta: &'a [f64], k: &'a Staged, out: &'a mut [ProfilePoint]) -> () {
        #[inline(always)]
        fn run<const K: u8>(setup: &Setup, theta: &[f64], k: &Staged, out: &mut [ProfilePoint]) {
            for (b, (t, o)) in theta.chunks(BLOCK).zip(out.chunks_mut(BLOCK)).enumerate() {
                let n = t.len();
                let mut angles = [0.0; BLOCK];
                angles[..n].copy_from_slice(t);
                // Reduced angles, branch-free; huge or non-finite ones take the exact remainder.
                let mut slow = false;
                for a in angles.iter_mut() {
                    slow |= a.abs() >= FAST_REDUCTION_LIMIT || a.is_nan();
                    *a = reduce_angle_fast(*a);
                }
                if slow {
                    for (a, &x) in angles.iter_mut().zip(t) {
                        *a = reduce_angle(x);
                    }
                }
                // Block-local columns, so the lane loop stores with no aliasing question.
                let mut cols = [[0.0; BLOCK]; 6];
                let base = b * BLOCK;
                let (kd, kv, ka, kj): (&[f64; BLOCK], &[f64; BLOCK], &[f64; BLOCK], &[f64; BLOCK]) = (
                    k.d[base..base + BLOCK].try_into().expect("a block"),
                    k.v[base..base + BLOCK].try_into().expect("a block"),
                    k.a[base..base + BLOCK].try_into().expect("a block"),
                    k.j[base..base + BLOCK].try_into().expect("a block"),
                );
                #[inline(always)]
                fn lanes<const L: u8>(
                    setup: &Setup,
                    angles: &[f64; BLOCK],
                    (kd, kv, ka, kj): (&[f64; BLOCK], &[f64; BLOCK], &[f64; BLOCK], &[f64; BLOCK]),
                    cols: &mut [[f64; BLOCK]; 6],
                ) {
                    for i in 0..BLOCK {
                        let kin =
                            Kinematics { displacement: kd[i], velocity: kv[i], acceleration: ka[i], jerk: kj[i] };
                        let p = point_of::<L>(setup, angles[i], &kin);
                        cols[0][i] = p.x;
                        cols[1][i] = p.y;
                        cols[2][i] = p.pitch_x;
                        cols[3][i] = p.pitch_y;
                        cols[4][i] = p.pressure_angle;
                        cols[5][i] = p.radius_of_curvature;
                    }
                }
                let kins = (kd, kv, ka, kj);
                if K == OSCILLATING {
                    // Every lane's arm swing within a quarter turn (false for NaN): the
                    // reduction-free arm sin/cos alone, the bits the select would give.
                    let near = kd.iter().fold(true, |all, &s| all & ((s * setup.inv_l).abs() <= FRAC_PI_4));
                    if near {
                        lanes::<OSCILLATING_NEAR>(setup, &angles, kins, &mut cols);
                    } else {
                        lanes::<OSCILLATING>(setup, &angles, kins, &mut cols);
                    }
                } else {
                    lanes::<K>(setup, &angles, kins, &mut cols);
                }
                for (i, slot) in o.iter_mut().enumerate() {
                    *slot = ProfilePoint {
                        x: cols[0][i],
                        y: cols[1][i],
                        pitch_x: cols[2][i],
                        pitch_y: cols[3][i],
                        pressure_angle: cols[4][i],
                        radius_of_curvature: cols[5][i],
                    };
                }
            }
        }
        match kind_code(setup.kind) {
            ROLLER => run::<ROLLER>(setup, theta, k, out),
            FLAT => run::<FLAT>(setup, theta, k, out),
            _ => run::<OSCILLATING>(setup, theta, k, out),
        }
    }
}

/// Profile points of `theta` into `out` (same length), stage by stage; returns how many angles
/// were not finite (their points are NaN).
pub(crate) fn profile_serial(program: &Program, setup: &Setup, theta: &[f64], out: &mut [ProfilePoint]) -> usize {
    let mut bad = 0usize;
    let mut k = Staged { d: [0.0; STAGE], v: [0.0; STAGE], a: [0.0; STAGE], j: [0.0; STAGE] };
    let stream = theta.len() >= STREAM_MIN_POINTS;
    let mut staged = [ProfilePoint::default(); STAGE];
    let mut streamed = false;
    for (t, o) in theta.chunks(STAGE).zip(out.chunks_mut(STAGE)) {
        let n = t.len();
        let slices = KinematicsSlices::all(&mut k.d[..n], &mut k.v[..n], &mut k.a[..n], &mut k.j[..n]);
        if let Err(Error::NonFiniteInput { count, .. }) = program.kinematics_batch(t, slices) {
            bad += count;
        }
        if stream {
            geometry_lanes(setup, t, &k, &mut staged[..n]);
            if stream_points(&staged[..n], o) {
                streamed = true;
            } else {
                o.copy_from_slice(&staged[..n]);
            }
        } else {
            geometry_lanes(setup, t, &k, o);
        }
    }
    if streamed {
        store_fence();
    }
    bad
}

impl Program {
    /// The cam profile for `follower` at the cam angles `theta_deg` (degrees, any finite angle)
    /// into `out` (same length), on the calling thread, allocating nothing. A non-finite angle
    /// gives a NaN point there and, after the whole slice is written, [`Error::NonFiniteInput`];
    /// an impossible follower is [`Error::InvalidParameter`] naming the field (nothing written).
    pub fn profile(&self, follower: &Follower, theta_deg: &[f64], out: &mut [ProfilePoint]) -> Result<()> {
        if out.len() != theta_deg.len() {
            return Err(Error::invalid(
                "out.len",
                out.len(),
                format!("must equal the input length {}", theta_deg.len()),
            ));
        }
        let setup = Setup::new(follower, self)?;
        let bad = profile_serial(self, &setup, theta_deg, out);
        if bad == 0 {
            return Ok(());
        }
        let index = theta_deg.iter().position(|x| !x.is_finite()).unwrap_or(0);
        Err(Error::NonFiniteInput { field: "theta_deg", index, value: theta_deg[index], count: bad })
    }

    /// The profile point at one cam angle (the same routine, hence the same bits, as
    /// [`Program::profile`]). A non-finite angle is [`Error::NonFiniteInput`].
    pub fn profile_point(&self, follower: &Follower, theta_deg: f64) -> Result<ProfilePoint> {
        let setup = Setup::new(follower, self)?;
        if !theta_deg.is_finite() {
            return Err(Error::NonFiniteInput { field: "theta_deg", index: 0, value: theta_deg, count: 1 });
        }
        Ok(point(&setup, theta_deg, &self.kinematics(theta_deg)))
    }
}

/// The profile point at `theta_deg` for a validated setup (the checks' and exports' evaluator).
#[inline]
pub(crate) fn point_at(program: &Program, setup: &Setup, theta_deg: f64) -> ProfilePoint {
    point(setup, theta_deg, &program.kinematics(theta_deg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Parameters;

    #[test]
    fn batch_and_scalar_agree_bit_for_bit() {
        let program = Program::from_parameters(&Parameters::default()).unwrap();
        let followers = [
            Follower::translating_roller(30.0, 6.0, 4.0),
            Follower::translating_roller(30.0, 0.0, -3.0).with_rotation(super::super::Rotation::Clockwise),
            Follower::translating_flat(40.0),
            Follower::oscillating_roller(30.0, 5.0, 60.0, 45.0),
        ];
        let theta: Vec<f64> = (0..1000).map(|i| i as f64 * 0.731 - 100.0).chain([f64::NAN, 1e13]).collect();
        for f in followers {
            let mut out = vec![ProfilePoint::default(); theta.len()];
            let r = program.profile(&f, &theta, &mut out);
            assert!(matches!(r, Err(Error::NonFiniteInput { index: 1000, count: 1, .. })), "{r:?}");
            for (t, p) in theta.iter().zip(&out) {
                if !t.is_finite() {
                    assert!(p.x.is_nan() && p.radius_of_curvature.is_nan());
                    continue;
                }
                let q = program.profile_point(&f, *t).unwrap();
                for (a, b) in [
                    (p.x, q.x),
                    (p.y, q.y),
                    (p.pitch_x, q.pitch_x),
                    (p.pitch_y, q.pitch_y),
                    (p.pressure_angle, q.pressure_angle),
                    (p.radius_of_curvature, q.radius_of_curvature),
                ] {
                    assert_eq!(a.to_bits(), b.to_bits(), "{f:?} at {t}: {a} {b}");
                }
            }
        }
    }

    #[test]
    fn streamed_batches_agree_with_scalar_calls() {
        // Past STREAM_MIN_POINTS the points leave through non-temporal stores: same bits, and
        // an odd start so the output's lines are not aligned with the points.
        let program = Program::from_parameters(&Parameters::default()).unwrap();
        let f = Follower::oscillating_roller(30.0, 5.0, 60.0, 45.0);
        let n = STREAM_MIN_POINTS + 1001;
        let theta: Vec<f64> = (0..n).map(|i| i as f64 * 0.013_7 - 500.0).collect();
        let mut out = vec![ProfilePoint::default(); n + 1];
        program.profile(&f, &theta, &mut out[1..]).unwrap();
        for i in (0..n).step_by(97).chain([0, 1, 2, 7, 8, n - 1]) {
            let q = program.profile_point(&f, theta[i]).unwrap();
            assert_eq!(out[1 + i], q, "at {i}");
            assert_eq!(out[1 + i].radius_of_curvature.to_bits(), q.radius_of_curvature.to_bits(), "at {i}");
        }
        assert_eq!(out[0], ProfilePoint::default());
    }
}
