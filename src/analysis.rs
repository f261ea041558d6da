//! Peaks, RMS values and limit checks over one revolution, in one pass that allocates nothing.

use crate::error::{Error, Num, Result};
use crate::kernels::{eval_block, simd_dispatch, BLOCK};
use crate::piece::with_degree;
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
    /// Every peak and sum finite. A NaN never wins a `max`, but it does reach the sums: the
    /// kernels add `velocity * 0` to the acceleration sum for that (exactly +0 when finite).
    #[cold]
    fn non_finite(&self) -> Error {
        let (name, value) = [
            ("max_velocity", self.max_velocity),
            ("max_acceleration", self.max_acceleration),
            ("max_jerk", self.max_jerk),
            ("sum of squared accelerations", self.sum_acceleration2),
            ("sum of squared jerks", self.sum_jerk2),
        ]
        .into_iter()
        .find(|(_, v)| !v.is_finite())
        .unwrap_or(("analysis", f64::NAN));
        Error::invalid(
            name,
            Num(value),
            "the motion's kinematics are not finite over the revolution (its rpm, lifts or durations are \
             outside the accepted bounds)",
        )
    }

    fn check_finite(&self) -> Result<()> {
        let all = [self.max_velocity, self.max_acceleration, self.max_jerk, self.sum_acceleration2, self.sum_jerk2];
        if all.iter().all(|v| v.is_finite()) {
            Ok(())
        } else {
            Err(self.non_finite())
        }
    }

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

/// Most points [`Program::analyze`] accepts (about two seconds of work per core at this size).
pub const MAX_ANALYSIS_POINTS: usize = 1_000_000_000;

/// The revolution is cut into at most this many stretches whose partial sums are added in order,
/// so the result is the same bits whether the stretches run serially or on the pool.
const STRETCHES: usize = 256;
/// Shortest stretch.
const MIN_STRETCH: usize = 1024;

impl Program {
    /// Analyses `num_points` equally spaced angles `360 * i / num_points` of one revolution,
    /// on the pool for large counts. `num_points` must be in 1..=[`MAX_ANALYSIS_POINTS`]. A
    /// non-finite velocity, acceleration or jerk anywhere (impossible for a validated program)
    /// is an error, never a peak that NaN silently left out.
    pub fn analyze(&self, num_points: usize) -> Result<Analysis> {
        if num_points == 0 {
            return Err(Error::invalid("num_points", 0, "must be > 0"));
        }
        if num_points > MAX_ANALYSIS_POINTS {
            return Err(Error::invalid(
                "num_points",
                num_points,
                format!("above the maximum {MAX_ANALYSIS_POINTS} (MAX_ANALYSIS_POINTS)"),
            ));
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
        total.check_finite()?;
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
        // Lane-wise running peaks and sums (lane = position in its block), folded in lane order
        // at the end: the same bits whichever thread runs the stretch, and on every SIMD path.
        let mut acc = [[0.0f64; BLOCK]; 5];
        #[cfg(target_arch = "x86_64")]
        let done = crate::kernels::avx512::analyze(self, begin, end, step, &mut acc);
        #[cfg(not(target_arch = "x86_64"))]
        let done = false;
        if !done {
            analyze_lanes(self, begin, end, step, &mut acc);
        }
        let [max_v, max_a, max_j, sum_a2, sum_j2] = &acc;
        let mut p = Partial::default();
        for lane in 0..BLOCK {
            p = p.merge(Partial {
                max_velocity: max_v[lane],
                max_acceleration: max_a[lane],
                max_jerk: max_j[lane],
                sum_acceleration2: sum_a2[lane],
                sum_jerk2: sum_j2[lane],
            });
        }
        p
    }
}

simd_dispatch! {
    fn analyze_lanes<'a>(program: &'a Program, begin: usize, end: usize, step: f64, acc: &'a mut [[f64; BLOCK]; 5]) -> () {
        #[inline(always)]
        fn run<const M: usize>(program: &Program, begin: usize, end: usize, step: f64, acc: &mut [[f64; BLOCK]; 5]) {
            let [max_v, max_a, max_j, sum_a2, sum_j2] = acc;
            let mut first = begin;
            while first < end {
                let valid = (end - first).min(BLOCK);
                let mut angles = [0.0; BLOCK];
                for (lane, a) in angles.iter_mut().enumerate() {
                    *a = (first + lane) as f64 * step;
                }
                eval_block::<M, false, 14>(program, &angles, |lane, k| {
                    // Lanes past `end` (last block only) count for nothing.
                    let keep = if lane < valid { 1.0 } else { 0.0 };
                    max_v[lane] = max_v[lane].max(k.velocity.abs() * keep);
                    max_a[lane] = max_a[lane].max(k.acceleration.abs() * keep);
                    max_j[lane] = max_j[lane].max(k.jerk.abs() * keep);
                    // `velocity * 0.0` is +-0 (no change) when finite, NaN otherwise: see `check_finite`.
                    sum_a2[lane] += k.acceleration * k.acceleration * keep + k.velocity * 0.0;
                    sum_j2[lane] += k.jerk * k.jerk * keep;
                });
                first += BLOCK;
            }
        }
        with_degree!(program.degree(), M => run::<M>(program, begin, end, step, acc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::Law;
    use crate::program::Segment;
    use crate::Parameters;

    /// Issue 15: rpm 1e150 gave NaN and infinite kinematics, and the analysis reported peaks of
    /// 0 and every limit "ok". Such a program is no longer accepted; built without validation,
    /// its analysis is an error naming the first non-finite quantity.
    #[test]
    fn non_finite_kinematics_are_an_error_not_a_quiet_peak() {
        let segments = Parameters::default().segments();
        for rpm in [1e150, f64::MAX] {
            let program = Program::build(segments.clone(), rpm);
            for n in [3600, 100_000] {
                let message = program.analyze(n).unwrap_err().to_string();
                assert!(message.contains("kinematics are not finite"), "{rpm}: {message}");
            }
        }
        // A velocity alone non-finite: NaN never wins a max, so only the sum check sees it.
        let mut program = Program::build(vec![Segment { law: Law::Cycloidal, duration: 360.0, end_lift: 0.0 }], 3000.0);
        assert!(program.analyze(3600).is_ok());
        for bad in [f64::NAN, f64::INFINITY] {
            program.overwrite_coefficient_for_test(crate::piece::V, bad);
            assert!(program.velocity(10.0).is_nan() || program.velocity(10.0).is_infinite());
            assert!(program.acceleration(10.0).is_finite());
            for n in [1, 3600, 100_000] {
                let message = program.analyze(n).unwrap_err().to_string();
                assert!(
                    message.starts_with("sum of squared accelerations = NaN")
                        || message.starts_with("max_velocity = inf"),
                    "{message}"
                );
            }
        }
    }

    #[test]
    fn num_points_is_bounded() {
        let program = Program::from_parameters(&Parameters::default()).unwrap();
        for n in [MAX_ANALYSIS_POINTS + 1, usize::MAX] {
            let message = program.analyze(n).unwrap_err().to_string();
            assert_eq!(message, format!("num_points = {n}: above the maximum 1000000000 (MAX_ANALYSIS_POINTS)"));
        }
    }

    #[test]
    fn simd_and_portable_accumulate_the_same_bits() {
        let program = Program::from_parameters(&Parameters::default()).unwrap();
        for n in [1usize, 4, 100, 3600, 100_003] {
            let step = REVOLUTION_DEG / n as f64;
            for (begin, end) in [(0, n), (n / 3, n)] {
                let mut portable = [[0.0f64; BLOCK]; 5];
                analyze_lanes(&program, begin, end, step, &mut portable);
                #[cfg(target_arch = "x86_64")]
                {
                    let mut simd = [[0.0f64; BLOCK]; 5];
                    if crate::kernels::avx512::analyze(&program, begin, end, step, &mut simd) {
                        let bits = |a: &[[f64; BLOCK]; 5]| a.map(|r| r.map(f64::to_bits));
                        assert_eq!(bits(&portable), bits(&simd), "{n} points from {begin}");
                    }
                }
            }
        }
    }
}
