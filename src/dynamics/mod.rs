//! Force-closed follower dynamics: will the follower stay on the cam?
//!
//! A spring (rate k, preload F0) and a constant external force press the follower (moving mass
//! m, viscous damping c) onto the cam. Along the follower's line of motion the cam must push
//! with the contact force
//!
//! ```text
//! F(theta) = m a 1e-3 + c v + k s + F0 + F_ext          [N]
//! ```
//!
//! (m in kg and a in mm/s^2: m a 1e-3 is N; c in N*s/mm, k in N/mm). A cam can only push: where
//! F < 0 the follower leaves the cam (jump, valve float). Frictionless power balance gives the
//! camshaft torque `T = F ds/dtheta` (N*mm, ds/dtheta per radian = v / w, w = rpm 2 pi / 60).
//!
//! At another speed n = r n0 (n0 the program's rpm) v scales by r and a by r^2, so
//! `F(theta, r) = A r^2 + B r + C` with `A = m a0 1e-3`, `B = c v0`, `C = k s + F0 + F_ext`:
//! [`jump`] solves it for the lowest jump speed, [`sizing`] for the smallest spring. Extremes are
//! found on a grid and refined on the exact pieces of the program ([`extremum`]).

mod check;
mod extremum;
mod jump;
mod sizing;
mod speed_limit;

pub use check::DynamicsReport;
pub use sizing::{SpringSizing, MAX_OVERSPEED_RPM, MAX_PRELOAD_PER_RATE_MM, MAX_SAFETY_FACTOR, SIZING_MARGIN};
pub use speed_limit::{LimitedBy, SpeedLimit};

use crate::error::{Error, Result};
use crate::kinematics::Kinematics;
use crate::program::Program;

/// Largest accepted moving mass, kg (a thousand tonnes: far beyond any cam follower, small
/// enough that forces stay finite for any program the core accepts).
pub const MAX_MASS_KG: f64 = 1e6;
/// Largest accepted spring rate, N/mm.
pub const MAX_SPRING_RATE_N_PER_MM: f64 = 1e9;
/// Largest accepted |force| (spring preload, external force), N.
pub const MAX_FORCE_N: f64 = 1e12;
/// Largest accepted damping coefficient, N*s/mm.
pub const MAX_DAMPING_N_S_PER_MM: f64 = 1e9;

/// The follower's lumped mass, spring, damper and external load (the C struct
/// `CamproFollowerDynamics`). Plain data: [`Program::dynamics`] validates it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FollowerDynamics {
    /// Effective moving mass at the follower, kg; finite, > 0 and <= [`MAX_MASS_KG`].
    pub mass: f64,
    /// Spring rate, N/mm; finite, >= 0 and <= [`MAX_SPRING_RATE_N_PER_MM`].
    pub spring_rate: f64,
    /// Spring force at lift 0, N; finite, >= 0 and <= [`MAX_FORCE_N`].
    pub spring_preload: f64,
    /// Viscous damping, N*s/mm; finite, >= 0 and <= [`MAX_DAMPING_N_S_PER_MM`].
    pub damping: f64,
    /// Constant force pressing the follower onto the cam, N (negative pulls it away); finite,
    /// |F| <= [`MAX_FORCE_N`].
    pub external_force: f64,
}

/// How a validation error names each field: the Rust / C names, or a parameter file's keys.
pub(crate) struct FieldNames {
    pub mass: &'static str,
    pub spring_rate: &'static str,
    pub spring_preload: &'static str,
    pub damping: &'static str,
    pub external_force: &'static str,
}

impl FieldNames {
    /// The struct's own field names (Rust, C, Python).
    pub(crate) const STRUCT: FieldNames = FieldNames {
        mass: "mass",
        spring_rate: "spring_rate",
        spring_preload: "spring_preload",
        damping: "damping",
        external_force: "external_force",
    };
}

impl FollowerDynamics {
    /// Checks every field; the error names the first bad one and its value
    /// (`mass = -1: must be finite and > 0 kg`).
    pub fn validate(&self) -> Result<()> {
        self.validate_named(&FieldNames::STRUCT)
    }

    pub(crate) fn validate_named(&self, names: &FieldNames) -> Result<()> {
        let m = self.mass;
        if !m.is_finite() || m <= 0.0 {
            return Err(Error::invalid(names.mass, m, "must be finite and > 0 kg"));
        }
        if m > MAX_MASS_KG {
            return Err(Error::invalid(names.mass, m, format!("must be at most {MAX_MASS_KG:e} kg")));
        }
        let non_negative = [
            (names.spring_rate, self.spring_rate, MAX_SPRING_RATE_N_PER_MM, "N/mm"),
            (names.spring_preload, self.spring_preload, MAX_FORCE_N, "N"),
            (names.damping, self.damping, MAX_DAMPING_N_S_PER_MM, "N*s/mm"),
        ];
        for (name, value, max, unit) in non_negative {
            if !value.is_finite() || value < 0.0 {
                return Err(Error::invalid(name, value, format!("must be finite and >= 0 {unit}")));
            }
            if value > max {
                return Err(Error::invalid(name, value, format!("must be at most {max:e} {unit}")));
            }
        }
        let f = self.external_force;
        if !f.is_finite() {
            return Err(Error::invalid(names.external_force, f, "must be finite N"));
        }
        if f.abs() > MAX_FORCE_N {
            return Err(Error::invalid(names.external_force, f, format!("must be within +-{MAX_FORCE_N:e} N")));
        }
        Ok(())
    }
}

/// A program with a validated follower: contact force, cam torque, the dynamics check, spring
/// sizing. Cheap to make (five comparisons); borrow it for as long as the program lives.
#[derive(Clone, Copy, Debug)]
pub struct Dynamics<'a> {
    program: &'a Program,
    follower: FollowerDynamics,
    /// Cam speed, rad/s.
    omega: f64,
}

impl Program {
    /// This program with the follower `follower` (validated: the error names the bad field).
    pub fn dynamics(&self, follower: &FollowerDynamics) -> Result<Dynamics<'_>> {
        follower.validate()?;
        Ok(Dynamics { program: self, follower: *follower, omega: self.rpm() * (std::f64::consts::PI / 30.0) })
    }
}

/// The three terms of the contact force at the program's speed, so `F(r) = A r^2 + B r + C`
/// at r times that speed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ForceTerms {
    /// Inertia, `m a 1e-3`, N.
    pub inertia: f64,
    /// Damping, `c v`, N.
    pub damping: f64,
    /// Spring and external load, `k s + F0 + F_ext`, N.
    pub static_load: f64,
}

impl<'a> Dynamics<'a> {
    /// The program.
    pub fn program(&self) -> &'a Program {
        self.program
    }

    /// The follower.
    pub fn follower(&self) -> &FollowerDynamics {
        &self.follower
    }

    /// The contact force's terms from the kinematics at one angle.
    #[inline(always)]
    pub(crate) fn terms(&self, k: &Kinematics) -> ForceTerms {
        let d = &self.follower;
        ForceTerms {
            inertia: d.mass * k.acceleration * 1e-3,
            damping: d.damping * k.velocity,
            static_load: (d.spring_rate * k.displacement + d.spring_preload) + d.external_force,
        }
    }

    /// Contact force (N) from the kinematics at one angle.
    #[inline(always)]
    pub(crate) fn force_of(&self, k: &Kinematics) -> f64 {
        let t = self.terms(k);
        (t.inertia + t.damping) + t.static_load
    }

    /// Cam torque (N*mm) from the kinematics at one angle: `F v / w`.
    #[inline(always)]
    pub(crate) fn torque_of(&self, k: &Kinematics) -> f64 {
        self.force_of(k) * (k.velocity / self.omega)
    }

    /// Contact force (N) at cam angle `theta_deg` (any finite angle; NaN for a non-finite one):
    /// `m a 1e-3 + c v + k s + F0 + F_ext`, evaluated as `(m a 1e-3 + c v) + ((k s + F0) + F_ext)`.
    #[inline]
    pub fn contact_force(&self, theta_deg: f64) -> f64 {
        self.force_of(&self.program.kinematics(theta_deg))
    }

    /// Camshaft torque (N*mm) at cam angle `theta_deg` by power balance (frictionless):
    /// `F ds/dtheta`, ds/dtheta per radian (= v / w). Positive: the shaft drives the cam.
    #[inline]
    pub fn cam_torque(&self, theta_deg: f64) -> f64 {
        self.torque_of(&self.program.kinematics(theta_deg))
    }

    /// `out[i]` = contact force at `theta_deg[i]`, on the calling thread, allocating nothing
    /// (bitwise equal to [`Dynamics::contact_force`]). A non-finite angle gives NaN there and,
    /// after the whole slice is written, [`Error::NonFiniteInput`].
    pub fn contact_force_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.batch(theta_deg, out, Self::force_of)
    }

    /// `out[i]` = cam torque at `theta_deg[i]`, as [`Dynamics::contact_force_batch`].
    pub fn cam_torque_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.batch(theta_deg, out, Self::torque_of)
    }

    fn batch(&self, theta_deg: &[f64], out: &mut [f64], f: fn(&Self, &Kinematics) -> f64) -> Result<()> {
        if out.len() != theta_deg.len() {
            return Err(Error::invalid(
                "out.len",
                out.len(),
                format!("must equal the input length {}", theta_deg.len()),
            ));
        }
        let mut bad = 0;
        for (o, &theta) in out.iter_mut().zip(theta_deg) {
            if theta.is_finite() {
                *o = f(self, &self.program.kinematics(theta));
            } else {
                *o = f64::NAN;
                bad += 1;
            }
        }
        if bad == 0 {
            return Ok(());
        }
        let index = theta_deg.iter().position(|x| !x.is_finite()).unwrap_or(0);
        Err(Error::NonFiniteInput { field: "theta_deg", index, value: theta_deg[index], count: bad })
    }
}
