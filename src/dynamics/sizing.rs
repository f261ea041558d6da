//! Spring sizing: the smallest spring that keeps the follower on the cam up to an overspeed.
//!
//! At speed ratio r (rpm = r n0) the force the spring must supply at an angle is
//! `D(theta, r) = -(m a 1e-3 r^2 + c v r + F_ext)` (a, v at the program's rpm n0), and the
//! requirement, with safety factor S >= 1, is
//!
//! ```text
//! k s(theta) + F0 >= S * D*(theta)   for every angle,   D*(theta) = max over 0 <= r <= r_o of D(theta, r)
//! ```
//!
//! r_o = overspeed / n0: every speed from standstill to the overspeed is covered (with damping
//! the worst speed can lie below the overspeed). D* is closed form per angle: the larger of
//! r = 0, r = r_o and, when m a > 0, the vertex r = -c v / (2 m a 1e-3) if it lies between.
//! S = 1: the contact force stays >= 0 (just holds) at every speed up to the overspeed.
//!
//! - [`Dynamics::size_spring`]: for a given ratio F0 / k = lambda (mm, the spring's
//!   compression at lift 0): `k = max(0, max_theta S D* / (s + lambda))`, `F0 = lambda k`.
//! - [`Dynamics::size_preload`]: for the follower's spring rate k: `F0 = max(0, max_theta
//!   (S D* - k s))`.
//!
//! The maximum over the angles is refined like every extreme ([`super::extremum`]). The
//! results are rounded up by [`SIZING_MARGIN`] so that re-running the check at them holds
//! despite rounding.

use super::extremum::{minimize, Minimum, Objective};
use super::Dynamics;
use crate::error::{Error, Result};
use crate::kinematics::Kinematics;

/// Highest overspeed accepted, rpm.
pub const MAX_OVERSPEED_RPM: f64 = 1e6;
/// Largest preload / rate ratio accepted, mm.
pub const MAX_PRELOAD_PER_RATE_MM: f64 = 1e6;
/// Largest safety factor accepted.
pub const MAX_SAFETY_FACTOR: f64 = 1e3;
/// Relative margin the sized values carry above the exact minimum (the spring rate for a
/// ratio; the preload relative to the forces that cancel at the critical angle), so that the
/// contact force at the sized values is >= 0 after rounding. 1e-9 below the sized values the
/// requirement fails.
pub const SIZING_MARGIN: f64 = 1e-12;

/// A sized spring (the C struct `CamproSpringSizing`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpringSizing {
    /// Spring rate, N/mm.
    pub spring_rate: f64,
    /// Spring preload (force at lift 0), N.
    pub spring_preload: f64,
    /// Cam angle where the requirement binds, deg in [0, 360).
    pub critical_angle: f64,
    /// Speed at which it binds there, rpm in [0, overspeed].
    pub critical_rpm: f64,
}

impl Dynamics<'_> {
    /// `(D*, r)`: the largest force the spring must supply at this angle over the speed ratios
    /// 0..=r_o, and the ratio where it is reached.
    fn needed(&self, k: &Kinematics, r_o: f64) -> (f64, f64) {
        let t = self.terms(k);
        let (a, b) = (t.inertia, t.damping);
        let dynamic = |r: f64| -(a * (r * r) + b * r);
        let mut best = (0.0, 0.0);
        let at_overspeed = dynamic(r_o);
        if at_overspeed > best.0 {
            best = (at_overspeed, r_o);
        }
        if a > 0.0 {
            let vertex = -b / (2.0 * a);
            if vertex > 0.0 && vertex < r_o {
                let value = dynamic(vertex);
                if value > best.0 {
                    best = (value, vertex);
                }
            }
        }
        (best.0 - self.follower.external_force, best.1)
    }

    fn check_sizing_inputs(&self, overspeed_rpm: f64, safety_factor: f64, num_points: usize) -> Result<f64> {
        if !overspeed_rpm.is_finite() || overspeed_rpm <= 0.0 {
            return Err(Error::invalid("overspeed_rpm", overspeed_rpm, "must be finite and > 0 rpm"));
        }
        if overspeed_rpm > MAX_OVERSPEED_RPM {
            return Err(Error::invalid(
                "overspeed_rpm",
                overspeed_rpm,
                format!("must be at most {MAX_OVERSPEED_RPM:e} rpm"),
            ));
        }
        if !safety_factor.is_finite() || !(1.0..=MAX_SAFETY_FACTOR).contains(&safety_factor) {
            return Err(Error::invalid(
                "safety_factor",
                safety_factor,
                format!("must be finite and within [1, {MAX_SAFETY_FACTOR}]"),
            ));
        }
        if num_points == 0 {
            return Err(Error::invalid("num_points", 0, "must be > 0"));
        }
        Ok(overspeed_rpm / self.program.rpm())
    }

    /// Maximizes `h` over the revolution: `(max, where, speed ratio there)`.
    fn maximize(&self, num_points: usize, h: &dyn Fn(&Kinematics) -> f64) -> Result<(f64, Minimum, Kinematics)> {
        let objective: Objective = &|k: &Kinematics| -h(k);
        let mut found = [Minimum::NONE];
        minimize(self.program, num_points, &[objective], &mut found, |_| {});
        let best = found[0];
        if best.value.is_nan() {
            return Err(Error::invalid(
                "motion",
                self.program.rpm(),
                "the forces are not finite numbers: the kinematics overflow at this speed (check rpm, lifts and durations)",
            ));
        }
        Ok((-best.value, best, best.kinematics(self.program)))
    }

    /// The smallest spring rate k (N/mm), with preload `F0 = preload_per_rate_mm * k`, that keeps
    /// the contact force >= 0 with safety factor `safety_factor` (>= 1) at every speed up to
    /// `overspeed_rpm` (see the module docs). The follower's own spring values are ignored;
    /// its mass, damping and external force are used. `num_points` as in [`Dynamics::check`].
    /// An error names a bad argument, or `preload_per_rate_mm` when no finite spring can do
    /// (force is needed where s + lambda = 0).
    pub fn size_spring(
        &self,
        preload_per_rate_mm: f64,
        overspeed_rpm: f64,
        safety_factor: f64,
        num_points: usize,
    ) -> Result<SpringSizing> {
        let lambda = preload_per_rate_mm;
        if !lambda.is_finite() || lambda < 0.0 {
            return Err(Error::invalid("preload_per_rate_mm", lambda, "must be finite and >= 0 mm"));
        }
        if lambda > MAX_PRELOAD_PER_RATE_MM {
            return Err(Error::invalid(
                "preload_per_rate_mm",
                lambda,
                format!("must be at most {MAX_PRELOAD_PER_RATE_MM:e} mm"),
            ));
        }
        let r_o = self.check_sizing_inputs(overspeed_rpm, safety_factor, num_points)?;
        let h = |k: &Kinematics| {
            let need = safety_factor * self.needed(k, r_o).0;
            let arm = k.displacement + lambda;
            if arm > 0.0 {
                need / arm
            } else if need > 0.0 {
                f64::INFINITY
            } else {
                0.0
            }
        };
        let (max, at, kin) = self.maximize(num_points, &h)?;
        let rate = max.max(0.0) * (1.0 + SIZING_MARGIN);
        if !rate.is_finite() || !(lambda * rate).is_finite() {
            return Err(Error::invalid(
                "preload_per_rate_mm",
                lambda,
                format!(
                    "no finite spring keeps contact: force is needed at {} deg where the lift plus this ratio is {} mm \
                     (give a larger ratio)",
                    at.angle(),
                    kin.displacement + lambda
                ),
            ));
        }
        Ok(SpringSizing {
            spring_rate: rate,
            spring_preload: lambda * rate,
            critical_angle: at.angle(),
            critical_rpm: self.program.rpm() * self.needed(&kin, r_o).1,
        })
    }

    /// The smallest preload F0 (N) that, with the follower's spring rate, keeps the contact
    /// force >= 0 with safety factor `safety_factor` at every speed up to `overspeed_rpm` (see
    /// the module docs). The follower's own preload is ignored.
    pub fn size_preload(&self, overspeed_rpm: f64, safety_factor: f64, num_points: usize) -> Result<SpringSizing> {
        let r_o = self.check_sizing_inputs(overspeed_rpm, safety_factor, num_points)?;
        let rate = self.follower.spring_rate;
        let h = |k: &Kinematics| safety_factor * self.needed(k, r_o).0 - rate * k.displacement;
        let (max, at, kin) = self.maximize(num_points, &h)?;
        // The forces that cancel at the critical angle set the rounding the margin must cover.
        let scale = (safety_factor * self.needed(&kin, r_o).0).abs() + rate * kin.displacement.abs();
        let preload = if max > 0.0 { max + SIZING_MARGIN * scale.max(max) } else { 0.0 };
        if !preload.is_finite() {
            return Err(Error::invalid(
                "motion",
                self.program.rpm(),
                "the needed preload is not a finite number (the kinematics overflow at the overspeed)",
            ));
        }
        Ok(SpringSizing {
            spring_rate: rate,
            spring_preload: preload,
            critical_angle: at.angle(),
            critical_rpm: self.program.rpm() * self.needed(&kin, r_o).1,
        })
    }
}
