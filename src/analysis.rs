//! Peaks, RMS values and limit checks over one revolution, in one pass that allocates nothing.

use crate::error::{Error, Result};
use crate::pool;
use crate::program::{Program, REVOLUTION_DEG};

/// What [`Program::analyze`] finds over N equally spaced angles of one revolution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Analysis {
    /// Peak |velocity|, mm/s.
    pub max_velocity: f64,
    /// Peak |acceleration|, mm/s^2.
    pub max_acceleration: f64,
    /// Peak |jerk|, mm/s^3.
    pub max_jerk: f64,
    /// Root mean square acceleration, mm/s^2.
    pub rms_acceleration: f64,
    /// Root mean square jerk, mm/s^3.
    pub rms_jerk: f64,
    /// `max_velocity` exceeds the velocity limit.
    pub velocity_violation: bool,
    /// `max_acceleration` exceeds the acceleration limit.
    pub acceleration_violation: bool,
    /// `max_jerk` exceeds the jerk limit.
    pub jerk_violation: bool,
}

/// Running peaks and sums of one stretch of angles.
#[derive(Clone, Copy, Debug, Default)]
struct Partial {
    max_velocity: f64,
    max_acceleration: f64,
    max_jerk: f64,
    sum_acceleration2: f64,
    sum_jerk2: f64,
}

impl Partial {
    fn merge(self, other: Partial) -> Partial {
        Partial {
            max_velocity: self.max_velocity.max(other.max_velocity),
            max_acceleration: self.max_acceleration.max(other.max_acceleration),
            max_jerk: self.max_jerk.max(other.max_jerk),
            sum_acceleration2: self.sum_acceleration2 + other.sum_acceleration2,
            sum_jerk2: self.sum_jerk2 + other.sum_jerk2,
        }
    }
}

/// The revolution is cut into at most this many stretches whose partial sums are added in order,
/// so the result is the same bits whether the stretches run serially or on the pool.
const STRETCHES: usize = 256;
/// Shortest stretch.
const MIN_STRETCH: usize = 1024;

impl Program {
    /// Analyses `num_points` equally spaced angles `360 * i / num_points` of one revolution,
    /// on the pool for large counts. `num_points` must be > 0.
    pub fn analyze(&self, num_points: usize) -> Result<Analysis> {
        if num_points == 0 {
            return Err(Error::invalid("num_points", 0, "must be > 0"));
        }
        let stretches = num_points.div_ceil(MIN_STRETCH).clamp(1, STRETCHES);
        let mut partials = [Partial::default(); STRETCHES];
        let step = REVOLUTION_DEG / num_points as f64;
        let bounds = |s: usize| s * num_points / stretches;
        pool::run_weighted(
            stretches,
            num_points / stretches,
            &mut partials[..stretches],
            |first, part: &mut [Partial]| {
                for (k, slot) in part.iter_mut().enumerate() {
                    let s = first + k;
                    *slot = self.analyze_range(bounds(s), bounds(s + 1), step);
                }
                0
            },
        );
        let total = partials[..stretches].iter().fold(Partial::default(), |acc, p| acc.merge(*p));
        let n = num_points as f64;
        let limits = self.limits();
        Ok(Analysis {
            max_velocity: total.max_velocity,
            max_acceleration: total.max_acceleration,
            max_jerk: total.max_jerk,
            rms_acceleration: (total.sum_acceleration2 / n).sqrt(),
            rms_jerk: (total.sum_jerk2 / n).sqrt(),
            velocity_violation: total.max_velocity > limits.velocity,
            acceleration_violation: total.max_acceleration > limits.acceleration,
            jerk_violation: total.max_jerk > limits.jerk,
        })
    }

    fn analyze_range(&self, begin: usize, end: usize, step: f64) -> Partial {
        let mut p = Partial::default();
        for i in begin..end {
            let k = self.kinematics(i as f64 * step);
            p.max_velocity = p.max_velocity.max(k.velocity.abs());
            p.max_acceleration = p.max_acceleration.max(k.acceleration.abs());
            p.max_jerk = p.max_jerk.max(k.jerk.abs());
            p.sum_acceleration2 += k.acceleration * k.acceleration;
            p.sum_jerk2 += k.jerk * k.jerk;
        }
        p
    }
}
