//! Batch evaluation into caller-owned slices, on the calling thread (`*_batch`) or on the
//! library's pool (`*_parallel`). Nothing here allocates. Every element is computed by the same
//! inlined scalar code, specialised for the quantity and the program's polynomial degree, so
//! scalar, batch and parallel results are bitwise identical.

use crate::error::{Error, Result};
use crate::kinematics::{BoundaryCondition, Kinematics};
use crate::pool::{self, Split};
use crate::program::Program;

/// One of the four kinematic quantities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// mm.
    Displacement,
    /// mm/s.
    Velocity,
    /// mm/s^2.
    Acceleration,
    /// mm/s^3.
    Jerk,
}

impl Quantity {
    /// Every quantity, in derivative order.
    pub const ALL: [Quantity; 4] = [Quantity::Displacement, Quantity::Velocity, Quantity::Acceleration, Quantity::Jerk];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Displacement => "displacement",
            Quantity::Velocity => "velocity",
            Quantity::Acceleration => "acceleration",
            Quantity::Jerk => "jerk",
        }
    }

    /// Unit symbol.
    pub fn unit(self) -> &'static str {
        match self {
            Quantity::Displacement => "mm",
            Quantity::Velocity => "mm/s",
            Quantity::Acceleration => "mm/s^2",
            Quantity::Jerk => "mm/s^3",
        }
    }

    /// This quantity of `k`.
    #[inline(always)]
    pub fn of(self, k: &Kinematics) -> f64 {
        match self {
            Quantity::Displacement => k.displacement,
            Quantity::Velocity => k.velocity,
            Quantity::Acceleration => k.acceleration,
            Quantity::Jerk => k.jerk,
        }
    }
}

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

impl KinematicsSlices<'_> {
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
    if count == 0 {
        return Ok(());
    }
    let index = input.iter().position(|x| !x.is_finite()).unwrap_or(0);
    Err(Error::NonFiniteInput { field, index, value: input[index], count })
}

/// Calls `$body` with `M` = the Horner length that covers the program's degree.
macro_rules! with_degree {
    ($program:expr, $m:ident => $body:expr) => {
        match $program.degree() {
            0..=2 => {
                const $m: usize = 3;
                $body
            }
            3..=5 => {
                const $m: usize = 6;
                $body
            }
            _ => {
                const $m: usize = 8;
                $body
            }
        }
    };
}

#[inline(always)]
fn quantity_loop<const M: usize>(program: &Program, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> usize {
    // Monomorphised per quantity so the unused sums are optimised away.
    macro_rules! body {
        ($q:expr) => {{
            let mut bad = 0usize;
            for (o, &t) in out.iter_mut().zip(theta) {
                let finite = t.is_finite();
                let value = $q.of(&program.kinematics_degree::<M>(t));
                *o = if finite { value } else { f64::NAN };
                bad += usize::from(!finite);
            }
            bad
        }};
    }
    match quantity {
        Quantity::Displacement => body!(Quantity::Displacement),
        Quantity::Velocity => body!(Quantity::Velocity),
        Quantity::Acceleration => body!(Quantity::Acceleration),
        Quantity::Jerk => body!(Quantity::Jerk),
    }
}

fn quantity_serial(program: &Program, quantity: Quantity, theta: &[f64], out: &mut [f64]) -> usize {
    with_degree!(program, M => quantity_loop::<M>(program, quantity, theta, out))
}

fn kinematics_serial(program: &Program, theta: &[f64], out: KinematicsSlices<'_>) -> usize {
    fn body<const M: usize>(program: &Program, theta: &[f64], mut out: KinematicsSlices<'_>) -> usize {
        let mut bad = 0usize;
        for (i, &t) in theta.iter().enumerate() {
            let finite = t.is_finite();
            let k = if finite { program.kinematics_degree::<M>(t) } else { Kinematics::NAN };
            bad += usize::from(!finite);
            if let Some(d) = out.displacement.as_deref_mut() {
                d[i] = k.displacement;
            }
            if let Some(v) = out.velocity.as_deref_mut() {
                v[i] = k.velocity;
            }
            if let Some(a) = out.acceleration.as_deref_mut() {
                a[i] = k.acceleration;
            }
            if let Some(j) = out.jerk.as_deref_mut() {
                j[i] = k.jerk;
            }
        }
        bad
    }
    with_degree!(program, M => body::<M>(program, theta, out))
}

fn boundary_serial(program: &Program, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
    fn body<const M: usize>(program: &Program, times: &[f64], out: &mut [BoundaryCondition]) -> usize {
        let mut bad = 0usize;
        for (o, &t) in out.iter_mut().zip(times) {
            let finite = t.is_finite();
            let k = if finite { program.kinematics_degree::<M>(program.angle_at_time(t)) } else { Kinematics::NAN };
            *o = k.boundary_condition();
            bad += usize::from(!finite);
        }
        bad
    }
    with_degree!(program, M => body::<M>(program, times, out))
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
        non_finite("time_s", time_s, boundary_serial(self, time_s, out))
    }

    /// Boundary conditions at `time_s` (seconds) into `out`, on the pool.
    pub fn boundary_conditions(&self, time_s: &[f64], out: &mut [BoundaryCondition]) -> Result<()> {
        check_len("out", out.len(), time_s.len())?;
        let bad = pool::run(time_s.len(), (time_s, out), |_, (t, o)| boundary_serial(self, t, o));
        non_finite("time_s", time_s, bad)
    }
}
