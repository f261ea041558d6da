//! The design checks of a cam: largest pressure angle, smallest convex and concave radius of
//! the surface, face width (flat followers), undercut and where it begins. Each quantity is
//! sampled on a grid of the revolution, then every promising grid extreme is refined off the
//! grid: Brent's method on the quantity's analytic derivative (the jerk gives the curvature's),
//! plus both sides of every segment boundary (where a law's acceleration may jump).

use super::follower::{Follower, FollowerKind, Lift, Setup};
use super::profile::{point_at, reference, relative};
use super::refine::brent_root;
use crate::error::{Error, Result};
use crate::program::{reduce_angle, Program, REVOLUTION_DEG};

/// Grid points [`Program::geometry_check`] is usually run with (0.1 degree apart).
pub const DEFAULT_CHECK_POINTS: usize = 3600;
/// Fewest grid points a check accepts.
pub const MIN_CHECK_POINTS: usize = 16;
/// Most grid points a check accepts (its grid is held in memory: 40 bytes a point).
pub const MAX_CHECK_POINTS: usize = 10_000_000;

/// Grid extremes refined per quantity (the best few: a lobe whose grid sample is a little lower
/// than another's may still hold the true extreme).
const REFINED_CANDIDATES: usize = 8;
/// Brent's tolerance on the cam angle, degrees.
const ANGLE_TOLERANCE_DEG: f64 = 1e-11;

/// The design checks of a cam profile (angles in degrees, lengths in mm).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeometryReport {
    /// Largest pressure angle (0 for a flat face), degrees.
    pub max_pressure_angle: f64,
    /// Cam angle where it occurs, [0, 360) (0 for a flat face).
    pub max_pressure_angle_at: f64,
    /// Smallest positive radius of curvature of the surface; 0 when undercut (the surface's
    /// radius passes through 0 where its cusp begins); +infinity and NaN if never convex.
    pub min_convex_radius: f64,
    /// Cam angle where it occurs (the undercut angle when undercut).
    pub min_convex_radius_at: f64,
    /// Smallest |radius| where the surface is concave; +infinity if never concave.
    pub min_concave_radius: f64,
    /// Cam angle where it occurs; NaN if never concave.
    pub min_concave_radius_at: f64,
    /// Flat face: largest minus smallest contact offset along the face (the face must be at
    /// least this wide); 0 for rollers.
    pub face_width: f64,
    /// The surface has a cusp or a loop (roller: 0 < pitch radius < roller radius somewhere;
    /// flat: Rb + s + s'' <= 0 somewhere).
    pub undercut: bool,
    /// The first cam angle in [0, 360) where the undercut condition holds; NaN if none.
    pub undercut_at: f64,
}

/// What the checks need at one cam angle, with derivatives by cam angle (per radian).
#[derive(Clone, Copy, Debug)]
struct Local {
    /// tan of the pressure angle, |u1 . m| / |u1 x m|, and its derivative.
    tan_pressure: (f64, f64),
    /// Rollers: the pitch curve's curvature (> 0 convex). Flat: the surface radius Rb + s + s''.
    shape: (f64, f64),
    /// Flat: s' (the contact's offset along the face, up to sign), and s''.
    offset: (f64, f64),
}

fn local(program: &Program, setup: &Setup, theta_deg: f64) -> Local {
    let k = program.kinematics(theta_deg);
    let lift = Lift::from_time(setup, k.displacement, k.velocity, k.acceleration, k.jerk);
    let sigma = setup.sigma;
    match setup.kind {
        FollowerKind::TranslatingFlat => Local {
            tan_pressure: (0.0, 0.0),
            shape: ((setup.rb + lift.s) + lift.s2, lift.s1 + lift.s3),
            offset: (lift.s1, lift.s2),
        },
        kind => {
            let r = if kind == FollowerKind::OscillatingRoller {
                reference::<2>(setup, &lift)
            } else {
                reference::<0>(setup, &lift)
            };
            let (u1, u2, u3) = relative(sigma, &r);
            // The follower's direction of motion as the cam frame sees it changes by
            // m' - sigma J m.
            let dm = r.m1.sub(r.m.perp().scale(sigma));
            let (a, b) = (u1.dot(r.m), u1.cross(r.m));
            let (da, db) = (u2.dot(r.m) + u1.dot(dm), u2.cross(r.m) + u1.cross(dm));
            let tan = a.abs() / b.abs();
            let dtan = a.signum() * b.signum() * (da * b - a * db) / (b * b);
            let len2 = u1.dot(u1);
            let len = len2.sqrt();
            let c = u1.cross(u2);
            let dc = u1.cross(u3);
            let kappa = -sigma * c / (len2 * len);
            let dkappa = -sigma * (dc * len2 - 3.0 * u1.dot(u2) * c) / (len2 * len2 * len);
            Local { tan_pressure: (tan, dtan), shape: (kappa, dkappa), offset: (0.0, 0.0) }
        }
    }
}

/// The largest value of `f` over the revolution (pass -f for the smallest): the grid's best
/// local maxima refined where the derivative changes sign, and both sides of each boundary.
/// `f` gives (value, derivative). Returns (value, angle in [0, 360)).
fn maximum(grid: &[f64], boundaries: &[f64], f: impl Fn(f64) -> (f64, f64)) -> (f64, f64) {
    let n = grid.len();
    let step = REVOLUTION_DEG / n as f64;
    let at = |i: usize| i as f64 * step;
    let mut candidates: Vec<usize> = (0..n)
        .filter(|&i| {
            let (prev, next) = (grid[(i + n - 1) % n], grid[(i + 1) % n]);
            grid[i] >= prev && grid[i] >= next && !grid[i].is_nan()
        })
        .collect();
    candidates.sort_by(|&a, &b| grid[b].total_cmp(&grid[a]));
    let mut best = (f64::NEG_INFINITY, f64::NAN);
    let mut consider = |value: f64, angle: f64| {
        if value > best.0 || best.1.is_nan() && !value.is_nan() {
            best = (value, reduce_angle(angle) % REVOLUTION_DEG);
        }
    };
    for &i in candidates.iter().take(REFINED_CANDIDATES) {
        consider(grid[i], at(i));
        let (lo, mid, hi) = (at(i) - step, at(i), at(i) + step);
        let (d_lo, d_mid, d_hi) = (f(lo).1, f(mid).1, f(hi).1);
        let root = if d_mid > 0.0 && d_hi < 0.0 {
            Some(brent_root(|t| f(t).1, mid, hi, ANGLE_TOLERANCE_DEG))
        } else if d_lo > 0.0 && d_mid < 0.0 {
            Some(brent_root(|t| f(t).1, lo, mid, ANGLE_TOLERANCE_DEG))
        } else {
            None
        };
        if let Some(t) = root {
            consider(f(t).0, t);
        }
    }
    for &b in boundaries {
        let before = if b > 0.0 { b.next_down() } else { REVOLUTION_DEG };
        consider(f(b).0, b);
        consider(f(before).0, before);
    }
    best
}

impl Program {
    /// The design checks of the cam `follower` rides on, sampled at `num_points` equally spaced
    /// angles of [0, 360) ([`MIN_CHECK_POINTS`]..=[`MAX_CHECK_POINTS`];
    /// [`DEFAULT_CHECK_POINTS`] is a good choice), every extreme then refined to full precision
    /// off the grid. An impossible follower is [`Error::InvalidParameter`] naming the field.
    pub fn geometry_check(&self, follower: &Follower, num_points: usize) -> Result<GeometryReport> {
        if !(MIN_CHECK_POINTS..=MAX_CHECK_POINTS).contains(&num_points) {
            return Err(Error::invalid(
                "num_points",
                num_points,
                format!("must be in {MIN_CHECK_POINTS}..={MAX_CHECK_POINTS}"),
            ));
        }
        let setup = Setup::new(follower, self)?;
        Ok(check(self, &setup, num_points))
    }
}

pub(crate) fn check(program: &Program, setup: &Setup, n: usize) -> GeometryReport {
    let step = REVOLUTION_DEG / n as f64;
    let samples: Vec<Local> = (0..n).map(|i| local(program, setup, i as f64 * step)).collect();
    let boundaries: Vec<f64> = program.segment_starts().collect();
    let grid = |q: fn(&Local) -> f64| samples.iter().map(q).collect::<Vec<f64>>();
    let at = |t: f64| local(program, setup, t);
    let flat = setup.kind == FollowerKind::TranslatingFlat;
    let rr = setup.rr;

    let (max_pressure_angle, max_pressure_angle_at) = if flat {
        (0.0, 0.0)
    } else {
        let (_, t) = maximum(&grid(|l| l.tan_pressure.0), &boundaries, |t| at(t).tan_pressure);
        (point_at(program, setup, t).pressure_angle, t)
    };

    // The shape: rollers' pitch curvature (largest: smallest convex radius; smallest: most
    // concave), flat faces' radius (smallest).
    let shape = grid(|l| l.shape.0);
    let neg = |(v, d): (f64, f64)| (-v, -d);
    let (most_convex, most_convex_at) = if flat {
        let (v, t) = maximum(&shape.iter().map(|v| -v).collect::<Vec<_>>(), &boundaries, |t| neg(at(t).shape));
        (-v, t)
    } else {
        maximum(&shape, &boundaries, |t| at(t).shape)
    };

    // Undercut: U > 0 (rollers: Rr kappa - 1; flat: -(Rb + s + s''), where U >= 0 counts).
    let undercut_fn = |t: f64| -> f64 {
        let s = at(t).shape.0;
        if flat {
            -s
        } else {
            rr * s - 1.0
        }
    };
    let holds = |u: f64| if flat { u >= 0.0 } else { u > 0.0 && rr > 0.0 };
    let undercut = holds(if flat { -most_convex } else { rr * most_convex - 1.0 });
    let undercut_at = if undercut {
        // The first grid angle where it holds, or the refined extreme if that comes first (a
        // lobe the grid stepped over).
        let grid_first = (0..n).map(|i| i as f64 * step).find(|&t| holds(undercut_fn(t)));
        let refined = holds(undercut_fn(most_convex_at)).then_some(most_convex_at);
        let hi = match (grid_first, refined) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => most_convex_at,
        };
        if hi <= 0.0 {
            0.0
        } else {
            // The grid angle below it, where the condition does not hold yet.
            let lo = ((hi / step).ceil() - 1.0).max(0.0) * step;
            reduce_angle(brent_root(undercut_fn, lo, hi, ANGLE_TOLERANCE_DEG)) % REVOLUTION_DEG
        }
    } else {
        f64::NAN
    };

    let (min_convex_radius, min_convex_radius_at) = if undercut {
        (0.0, undercut_at)
    } else if flat {
        (most_convex, most_convex_at)
    } else if most_convex > 0.0 {
        (1.0 / most_convex - rr, most_convex_at)
    } else {
        (f64::INFINITY, f64::NAN)
    };

    let (min_concave_radius, min_concave_radius_at) = if flat {
        (f64::INFINITY, f64::NAN)
    } else {
        let (v, t) = maximum(&shape.iter().map(|v| -v).collect::<Vec<_>>(), &boundaries, |t| neg(at(t).shape));
        let kappa = -v;
        if kappa < 0.0 {
            (1.0 / -kappa + rr, t)
        } else {
            (f64::INFINITY, f64::NAN)
        }
    };

    let face_width = if flat {
        let offsets = grid(|l| l.offset.0);
        let (hi, _) = maximum(&offsets, &boundaries, |t| at(t).offset);
        let (lo, _) = maximum(&offsets.iter().map(|v| -v).collect::<Vec<_>>(), &boundaries, |t| neg(at(t).offset));
        hi + lo
    } else {
        0.0
    };

    GeometryReport {
        max_pressure_angle,
        max_pressure_angle_at,
        min_convex_radius,
        min_convex_radius_at,
        min_concave_radius,
        min_concave_radius_at,
        face_width,
        undercut,
        undercut_at,
    }
}
