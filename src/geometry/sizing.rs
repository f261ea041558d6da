//! The smallest base circle that meets a pressure-angle limit and a convex-radius limit with no
//! undercut.
//!
//! Feasibility is not monotone in the base circle radius for every follower (an offset or an
//! arm can make a larger cam worse somewhere), so the search does not assume it: radii are
//! scanned upwards on a geometric grid (ratio [`GRID_RATIO`]) from the smallest radius the
//! follower allows, and the first feasible grid radius is bisected against the infeasible one
//! below it to a relative 1e-10. A feasible island narrower than one grid step below the first
//! feasible grid radius would be missed; for the common cases the limits are monotone and the
//! answer is exact: a flat face's radius Rb + s + s'' grows with Rb, and a translating roller's
//! tan(pressure angle) = |s' - sigma e| / (sqrt((Rb + Rr)^2 - e^2) + s) falls as Rb grows.

use super::check::check;
use super::follower::{Follower, FollowerKind, Setup, MAX_FOLLOWER_LENGTH_MM, MIN_FOLLOWER_LENGTH_MM};
use crate::error::{Error, Result};
use crate::program::Program;

/// Grid points of each check the sizing runs (a quarter degree apart, every extreme refined).
pub const SIZING_CHECK_POINTS: usize = 1440;
/// Ratio between successive radii of the scan.
const GRID_RATIO: f64 = 1.25;
/// Relative width the bisection stops at (the contract asks 1e-9).
const RELATIVE_ACCURACY: f64 = 1e-10;

impl Program {
    /// The smallest base circle radius (mm, relative accuracy 1e-9) for which the cam `follower`
    /// rides on has no undercut, a maximum pressure angle <= `max_pressure_angle_deg` (in
    /// (0, 90]; 90: no limit) and every convex surface radius >= `min_convex_radius_mm` (>= 0;
    /// 0: no limit). The follower's other fields are kept; its base_circle_radius is ignored.
    /// No radius up to the follower's bound ([`MAX_FOLLOWER_LENGTH_MM`], or d + L - Rr for an
    /// oscillating arm) working is [`Error::InvalidParameter`] saying what the largest gives.
    pub fn min_base_circle(
        &self,
        follower: &Follower,
        max_pressure_angle_deg: f64,
        min_convex_radius_mm: f64,
    ) -> Result<f64> {
        let limit = max_pressure_angle_deg;
        if !(limit > 0.0 && limit <= 90.0) {
            return Err(Error::invalid("max_pressure_angle_deg", limit, "must be in (0, 90] degrees (90: no limit)"));
        }
        let min_radius = min_convex_radius_mm;
        if !(0.0..=MAX_FOLLOWER_LENGTH_MM).contains(&min_radius) {
            return Err(Error::invalid(
                "min_convex_radius_mm",
                min_radius,
                format!("must be finite, >= 0 and <= {MAX_FOLLOWER_LENGTH_MM:e} mm (0: no limit)"),
            ));
        }
        let (lo, hi) = radius_range(follower)?;
        // The other fields, checked with a radius the follower allows.
        follower.with_base_circle_radius((lo * hi).sqrt()).validate()?;

        let feasible = |rb: f64| -> bool {
            let f = follower.with_base_circle_radius(rb);
            match Setup::new(&f, self) {
                Ok(setup) => {
                    let r = check(self, &setup, SIZING_CHECK_POINTS);
                    !r.undercut && r.max_pressure_angle <= limit && r.min_convex_radius >= min_radius
                }
                Err(_) => false,
            }
        };

        let mut below: Option<f64> = None;
        let mut rb = lo;
        loop {
            if feasible(rb) {
                let Some(mut bad) = below else { return Ok(rb) };
                let mut good = rb;
                while good / bad - 1.0 > RELATIVE_ACCURACY {
                    let mid = (bad * good).sqrt();
                    if feasible(mid) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
                return Ok(good);
            }
            if rb >= hi {
                break;
            }
            below = Some(rb);
            rb = (rb * GRID_RATIO).min(hi);
        }
        let f = follower.with_base_circle_radius(hi);
        let what = match Setup::new(&f, self) {
            Ok(setup) => {
                let r = check(self, &setup, SIZING_CHECK_POINTS);
                format!(
                    "at {hi} mm the max pressure angle is {} deg, the smallest convex radius {} mm{}",
                    r.max_pressure_angle,
                    r.min_convex_radius,
                    if r.undercut { format!(", undercut from {} deg", r.undercut_at) } else { String::new() }
                )
            }
            Err(e) => format!("at {hi} mm: {e}"),
        };
        Err(Error::invalid(
            "max_pressure_angle_deg",
            limit,
            format!(
                "no base circle radius in ({lo}, {hi}] mm gives a cam with max pressure angle <= {limit} deg, convex \
                 radii >= min_convex_radius_mm = {min_radius} mm and no undercut ({what})"
            ),
        ))
    }
}

/// The radii the follower's geometry allows, (lo, hi]: just above |e| - Rr (translating roller)
/// or |d - L| - Rr (oscillating), up to the length bound or just below d + L - Rr.
fn radius_range(f: &Follower) -> Result<(f64, f64)> {
    let rr = if f.kind.is_roller() { f.roller_radius } else { 0.0 };
    if f.kind.is_roller() && !(rr.is_finite() && (0.0..=MAX_FOLLOWER_LENGTH_MM).contains(&rr)) {
        // Let validate() word it.
        f.with_base_circle_radius(1.0).validate()?;
    }
    let nudge = |x: f64| x * (1.0 + 1e-12) + 1e-12;
    let mut lo = MIN_FOLLOWER_LENGTH_MM;
    let mut hi = MAX_FOLLOWER_LENGTH_MM;
    match f.kind {
        FollowerKind::TranslatingRoller if f.offset.is_finite() => lo = lo.max(nudge(f.offset.abs() - rr)),
        FollowerKind::OscillatingRoller if f.pivot_distance.is_finite() && f.arm_length.is_finite() => {
            let (d, l) = (f.pivot_distance, f.arm_length);
            lo = lo.max(nudge((d - l).abs() - rr));
            hi = hi.min((d + l - rr) * (1.0 - 1e-12));
        }
        _ => {}
    }
    if lo.is_nan() || hi.is_nan() || lo >= hi {
        // Whatever validate() says about the follower at the lower radius is the reason.
        f.with_base_circle_radius(lo).validate()?;
        return Err(Error::invalid(
            "roller_radius",
            rr,
            format!("leaves no base circle radius the follower can reach (between {lo} and {hi} mm)"),
        ));
    }
    Ok((lo, hi))
}
