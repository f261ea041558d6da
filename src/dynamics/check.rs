//! The dynamics check over one revolution: contact force extremes, torque, jump speed.

use super::extremum::{minimize, Minimum, Objective};
use super::jump::first_loss_scale;
use super::Dynamics;
use crate::error::{Error, Result};
use crate::kinematics::Kinematics;

/// What [`Dynamics::check`] finds over one revolution (the C struct `CamproDynamicsReport`,
/// plus `jump_at`). Extremes are refined on the exact pieces, not limited to the sampling
/// grid; where the force jumps (an acceleration step), an extreme is the limit on its side of
/// the step, reported at the step's angle. Angles are degrees in [0, 360).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DynamicsReport {
    /// Smallest contact force, N, and where (deg).
    pub min_contact_force: f64,
    /// Angle of `min_contact_force`, deg.
    pub min_contact_force_at: f64,
    /// Largest contact force, N.
    pub max_contact_force: f64,
    /// Angle of `max_contact_force`, deg.
    pub max_contact_force_at: f64,
    /// Largest |cam torque|, N*mm.
    pub max_torque: f64,
    /// Angle of `max_torque`, deg.
    pub max_torque_at: f64,
    /// Root mean square torque over the grid, N*mm.
    pub rms_torque: f64,
    /// Largest |v * a|, mm^2/s^3 (proportional to the peak inertial power).
    pub max_power_factor: f64,
    /// The lowest rpm > 0 at which the contact force goes negative somewhere (follower jump),
    /// damping included; 0 if the spring does not hold the follower even at rest; +infinity
    /// if it never does.
    pub jump_rpm: f64,
    /// Where contact is first lost at `jump_rpm`, deg (NaN when `jump_rpm` is infinite).
    pub jump_at: f64,
    /// The contact force is negative somewhere at the program's rpm.
    pub separation: bool,
}

impl Dynamics<'_> {
    /// The dynamics check over `num_points` (> 0) equally spaced angles `360 i / num_points`,
    /// refined (see [`DynamicsReport`]). RMS torque is over the grid. Runs on the calling
    /// thread and allocates nothing. An error names `num_points` = 0, or says which quantity
    /// is not a finite number (kinematics that overflow).
    ///
    /// The jump speed: at rpm n = r n0 (n0 the program's), `F(theta, r) = A r^2 + B r + C`
    /// with `A = m a 1e-3`, `B = c v`, `C = k s + F0 + F_ext` at n0; at each angle the smallest
    /// positive root in r (closed form), minimized over the angles like any extreme.
    pub fn check(&self, num_points: usize) -> Result<DynamicsReport> {
        if num_points == 0 {
            return Err(Error::invalid("num_points", 0, "must be > 0"));
        }
        let force: Objective = &|k: &Kinematics| self.force_of(k);
        let negative_force: Objective = &|k: &Kinematics| -self.force_of(k);
        let torque: Objective = &|k: &Kinematics| -self.torque_of(k).abs();
        let power: Objective = &|k: &Kinematics| -(k.velocity * k.acceleration).abs();
        let jump: Objective = &|k: &Kinematics| first_loss_scale(&self.terms(k));
        let mut found = [Minimum::NONE; 5];
        let mut sum_torque2 = 0.0;
        minimize(self.program, num_points, &[force, negative_force, torque, power, jump], &mut found, |k| {
            let t = self.torque_of(k);
            sum_torque2 += t * t;
        });
        let [min_force, max_force, max_torque, max_power, jump] = found;
        let rpm = self.program.rpm();
        let report = DynamicsReport {
            min_contact_force: min_force.value,
            min_contact_force_at: min_force.angle(),
            max_contact_force: -max_force.value,
            max_contact_force_at: max_force.angle(),
            max_torque: -max_torque.value,
            max_torque_at: max_torque.angle(),
            rms_torque: (sum_torque2 / num_points as f64).sqrt(),
            max_power_factor: -max_power.value,
            jump_rpm: if jump.value == 0.0 { 0.0 } else { rpm * jump.value },
            jump_at: if jump.value.is_finite() { jump.angle() } else { f64::NAN },
            separation: min_force.value < 0.0,
        };
        for (name, value) in [
            ("min_contact_force", report.min_contact_force),
            ("max_contact_force", report.max_contact_force),
            ("max_torque", report.max_torque),
            ("rms_torque", report.rms_torque),
            ("max_power_factor", report.max_power_factor),
        ] {
            if !value.is_finite() {
                return Err(not_finite(name, value));
            }
        }
        if report.jump_rpm.is_nan() {
            return Err(not_finite("jump_rpm", report.jump_rpm));
        }
        Ok(report)
    }
}

#[cold]
fn not_finite(name: &str, value: f64) -> Error {
    Error::invalid(
        name,
        value,
        "not a finite number: the kinematics overflow at this speed (check rpm, lifts and durations)",
    )
}
