//! The highest cam speed at which the kinematic limits hold.
//!
//! At rpm n = r n0 velocity scales by r, acceleration by r^2 and jerk by r^3, so with the
//! refined peaks at n0 the limits hold up to
//! `n_max = n0 * min(v_lim / v_max, sqrt(a_lim / a_max), cbrt(j_lim / j_max))`.

use super::extremum::{minimize, Minimum, Objective};
use crate::error::{Error, Result};
use crate::kinematics::Kinematics;
use crate::program::{Limits, Program};

/// Which limit sets the highest speed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitedBy {
    /// No limit binds (none given, or the quantities are all 0): any speed.
    None,
    /// The velocity limit.
    Velocity,
    /// The acceleration limit.
    Acceleration,
    /// The jerk limit.
    Jerk,
}

impl LimitedBy {
    /// The C code (`CAMPRO_LIMITED_BY_*`): 0 none, 1 velocity, 2 acceleration, 3 jerk.
    pub fn code(self) -> i32 {
        match self {
            LimitedBy::None => 0,
            LimitedBy::Velocity => 1,
            LimitedBy::Acceleration => 2,
            LimitedBy::Jerk => 3,
        }
    }

    /// Lower-case name: `none`, `velocity`, `acceleration`, `jerk`.
    pub fn name(self) -> &'static str {
        match self {
            LimitedBy::None => "none",
            LimitedBy::Velocity => "velocity",
            LimitedBy::Acceleration => "acceleration",
            LimitedBy::Jerk => "jerk",
        }
    }
}

/// What [`Program::max_rpm_within_limits`] finds (the C struct `CamproSpeedLimit`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeedLimit {
    /// Highest rpm at which every given limit holds; +infinity if none binds.
    pub max_rpm: f64,
    /// The limit that binds there.
    pub limited_by: LimitedBy,
    /// The highest rpm each limit alone allows (+infinity: that limit is absent or its
    /// quantity is 0 everywhere): velocity, acceleration, jerk.
    pub rpm_by_limit: [f64; 3],
    /// Refined peak |velocity| at the program's rpm, mm/s.
    pub max_velocity: f64,
    /// Where, deg.
    pub max_velocity_at: f64,
    /// Refined peak |acceleration|, mm/s^2.
    pub max_acceleration: f64,
    /// Where, deg.
    pub max_acceleration_at: f64,
    /// Refined peak |jerk|, mm/s^3 (the laws with acceleration steps report jerk 0 between them,
    /// as everywhere in campro: their steps are not counted).
    pub max_jerk: f64,
    /// Where, deg.
    pub max_jerk_at: f64,
}

impl Program {
    /// The highest rpm at which the velocity, acceleration and jerk limits all hold (see the
    /// module docs), from the peaks over `num_points` (> 0) angles refined to full precision.
    /// A limit is > 0; +infinity means no limit. Pass `self.limits()` for the program's own.
    pub fn max_rpm_within_limits(&self, limits: Limits, num_points: usize) -> Result<SpeedLimit> {
        for (name, value) in [
            ("velocity_limit", limits.velocity),
            ("acceleration_limit", limits.acceleration),
            ("jerk_limit", limits.jerk),
        ] {
            if value.is_nan() || value <= 0.0 {
                return Err(Error::invalid(name, value, "must be > 0 (infinity: no limit)"));
            }
        }
        if num_points == 0 {
            return Err(Error::invalid("num_points", 0, "must be > 0"));
        }
        let v: Objective = &|k: &Kinematics| -k.velocity.abs();
        let a: Objective = &|k: &Kinematics| -k.acceleration.abs();
        let j: Objective = &|k: &Kinematics| -k.jerk.abs();
        let mut found = [Minimum::NONE; 3];
        minimize(self, num_points, &[v, a, j], &mut found, |_| {});
        let [v, a, j] = found.map(|m| (-m.value, m.angle()));
        for (name, peak) in [("max_velocity", v.0), ("max_acceleration", a.0), ("max_jerk", j.0)] {
            if !peak.is_finite() {
                return Err(Error::invalid(
                    name,
                    peak,
                    "not a finite number: the kinematics overflow at this speed (check rpm, lifts and durations)",
                ));
            }
        }
        // The ratio each limit allows; a zero peak allows any speed.
        let ratio = |limit: f64, peak: f64, root: fn(f64) -> f64| {
            if peak == 0.0 || limit.is_infinite() {
                f64::INFINITY
            } else {
                root(limit / peak)
            }
        };
        let ratios = [
            ratio(limits.velocity, v.0, |x| x),
            ratio(limits.acceleration, a.0, f64::sqrt),
            ratio(limits.jerk, j.0, f64::cbrt),
        ];
        let kinds = [LimitedBy::Velocity, LimitedBy::Acceleration, LimitedBy::Jerk];
        let (mut lowest, mut limited_by) = (f64::INFINITY, LimitedBy::None);
        for (r, kind) in ratios.iter().zip(kinds) {
            if *r < lowest {
                (lowest, limited_by) = (*r, kind);
            }
        }
        let rpm = self.rpm();
        Ok(SpeedLimit {
            max_rpm: rpm * lowest,
            limited_by,
            rpm_by_limit: ratios.map(|r| rpm * r),
            max_velocity: v.0,
            max_velocity_at: v.1,
            max_acceleration: a.0,
            max_acceleration_at: a.1,
            max_jerk: j.0,
            max_jerk_at: j.1,
        })
    }
}
