//! The batch API: `Program::*_batch` (calling thread) and `Program::*_parallel` (the library's
//! pool) into caller-owned slices, and [`KinematicsSlices`] for all four quantities at once.

use super::block::{boundary_serial, kinematics_serial, quantity_serial};
use crate::error::{Error, Result};
use crate::kinematics::{BoundaryCondition, Quantity};
use crate::pool::{self, Split};
use crate::program::{time_accepted, Program};

/// Output slices for the four quantities at once; any may be `None`.
#[derive(Debug, Default)]
pub struct KinematicsSlices<'a> {
    /// mm.
    pub displacement: Option<&'a mut [f64]>,
    /// mm/s.
    pub velocity: Option<&'a mut [f64]>,
    /// mm/s^2.
    pub acceleration: Option<&'a mut [f64]>,
    /// mm/s^3.
    pub jerk: Option<&'a mut [f64]>,
}

impl<'a> KinematicsSlices<'a> {
    /// All four outputs.
    pub fn all(
        displacement: &'a mut [f64],
        velocity: &'a mut [f64],
        acceleration: &'a mut [f64],
        jerk: &'a mut [f64],
    ) -> Self {
        KinematicsSlices {
            displacement: Some(displacement),
            velocity: Some(velocity),
            acceleration: Some(acceleration),
            jerk: Some(jerk),
        }
    }

    fn check_lengths(&self, n: usize) -> Result<()> {
        for (name, slice) in [
            ("displacement", &self.displacement),
            ("velocity", &self.velocity),
            ("acceleration", &self.acceleration),
            ("jerk", &self.jerk),
        ] {
            if let Some(slice) = slice {
                check_len(name, slice.len(), n)?;
            }
        }
        Ok(())
    }
}

impl Split for KinematicsSlices<'_> {
    fn split_at(self, mid: usize) -> (Self, Self) {
        fn cut(s: Option<&mut [f64]>, mid: usize) -> (Option<&mut [f64]>, Option<&mut [f64]>) {
            match s {
                Some(s) => {
                    let (a, b) = s.split_at_mut(mid);
                    (Some(a), Some(b))
                }
                None => (None, None),
            }
        }
        let (d0, d1) = cut(self.displacement, mid);
        let (v0, v1) = cut(self.velocity, mid);
        let (a0, a1) = cut(self.acceleration, mid);
        let (j0, j1) = cut(self.jerk, mid);
        (
            KinematicsSlices { displacement: d0, velocity: v0, acceleration: a0, jerk: j0 },
            KinematicsSlices { displacement: d1, velocity: v1, acceleration: a1, jerk: j1 },
        )
    }
}

fn check_len(name: &str, got: usize, want: usize) -> Result<()> {
    if got != want {
        return Err(Error::invalid(format!("{name}.len"), got, format!("must equal the input length {want}")));
    }
    Ok(())
}

fn non_finite(field: &'static str, input: &[f64], count: usize) -> Result<()> {
    rejected(field, input, count, f64::is_finite)
}

/// As `non_finite` for times: also those beyond the exact time range (`time_accepted`).
fn rejected_time(input: &[f64], count: usize) -> Result<()> {
    rejected("time_s", input, count, time_accepted)
}

fn rejected(field: &'static str, input: &[f64], count: usize, accepted: fn(f64) -> bool) -> Result<()> {
    if count == 0 {
        return Ok(());
    }
    let index = input.iter().position(|&x| !accepted(x)).unwrap_or(0);
    Err(Error::NonFiniteInput { field, index, value: input[index], count })
}

impl Program {
    /// `out[i]` = `quantity` at `theta_deg[i]`, on the calling thread. A non-finite angle gives
    /// NaN there and, after the whole slice is written, [`Error::NonFiniteInput`].
    pub fn evaluate_batch(&self, quantity: Quantity, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        check_len("out", out.len(), theta_deg.len())?;
        non_finite("theta_deg", theta_deg, quantity_serial(self, quantity, theta_deg, out))
    }

    /// As [`Program::evaluate_batch`], on the library's thread pool for large inputs.
    pub fn evaluate_parallel(&self, quantity: Quantity, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        check_len("out", out.len(), theta_deg.len())?;
        let bad = pool::run(theta_deg.len(), (theta_deg, out), |_, (t, o)| quantity_serial(self, quantity, t, o));
        non_finite("theta_deg", theta_deg, bad)
    }

    /// Displacements (mm) at `theta_deg` into `out`, on the calling thread.
    pub fn displacement_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Displacement, theta_deg, out)
    }

    /// Velocities (mm/s) at `theta_deg` into `out`, on the calling thread.
    pub fn velocity_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Velocity, theta_deg, out)
    }

    /// Accelerations (mm/s^2) at `theta_deg` into `out`, on the calling thread.
    pub fn acceleration_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Acceleration, theta_deg, out)
    }

    /// Jerks (mm/s^3) at `theta_deg` into `out`, on the calling thread.
    pub fn jerk_batch(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_batch(Quantity::Jerk, theta_deg, out)
    }

    /// Displacements on the pool.
    pub fn displacement_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Displacement, theta_deg, out)
    }

    /// Velocities on the pool.
    pub fn velocity_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Velocity, theta_deg, out)
    }

    /// Accelerations on the pool.
    pub fn acceleration_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Acceleration, theta_deg, out)
    }

    /// Jerks on the pool.
    pub fn jerk_parallel(&self, theta_deg: &[f64], out: &mut [f64]) -> Result<()> {
        self.evaluate_parallel(Quantity::Jerk, theta_deg, out)
    }

    /// All four quantities at once into the given slices (any may be `None`), calling thread.
    pub fn kinematics_batch(&self, theta_deg: &[f64], out: KinematicsSlices<'_>) -> Result<()> {
        out.check_lengths(theta_deg.len())?;
        non_finite("theta_deg", theta_deg, kinematics_serial(self, theta_deg, out))
    }

    /// All four quantities at once, on the pool.
    pub fn kinematics_parallel(&self, theta_deg: &[f64], out: KinematicsSlices<'_>) -> Result<()> {
        out.check_lengths(theta_deg.len())?;
        let bad = pool::run(theta_deg.len(), (theta_deg, out), |_, (t, o)| kinematics_serial(self, t, o));
        non_finite("theta_deg", theta_deg, bad)
    }

    /// Boundary conditions at `time_s` (seconds) into `out`, on the calling thread.
    pub fn boundary_conditions_batch(&self, time_s: &[f64], out: &mut [BoundaryCondition]) -> Result<()> {
        check_len("out", out.len(), time_s.len())?;
        if let Some(profile) = self.speed_profile() {
            return rejected_time(time_s, self.varying_speed_boundary_conditions(profile, time_s, out));
        }
        rejected_time(time_s, boundary_serial(self, time_s, out))
    }

    /// Boundary conditions at `time_s` (seconds) into `out`, on the pool.
    pub fn boundary_conditions(&self, time_s: &[f64], out: &mut [BoundaryCondition]) -> Result<()> {
        check_len("out", out.len(), time_s.len())?;
        if let Some(profile) = self.speed_profile() {
            let bad = pool::run(time_s.len(), (time_s, out), |_, (t, o)| {
                self.varying_speed_boundary_conditions(profile, t, o)
            });
            return rejected_time(time_s, bad);
        }
        let bad = pool::run(time_s.len(), (time_s, out), |_, (t, o)| boundary_serial(self, t, o));
        rejected_time(time_s, bad)
    }
}
