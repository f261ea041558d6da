//! The baseline of issue 16: the CamProV5 engine's approach, rebuilt from the issue's
//! description (not from its code), as a reasonably written Rust engine would do it.
//!
//! - A `Vec` of segments, each with its law enum, start angle, duration and lifts.
//! - Per-point scalar functions (`displacement`, `velocity`, `acceleration`, `jerk`): the angle
//!   is wrapped with `%`, the segment found by scanning the list, the normalised position
//!   u = (angle - start) / duration computed, and the law's formula (libm `sin` / `cos`)
//!   evaluated for that one quantity.
//! - `boundary_condition_at_time`: angle = (t * degrees per second) `%` 360, then displacement,
//!   velocity and acceleration from one segment lookup and one law evaluation.
//! - The parallel calls (`*_parallel`, `kinematics_parallel`, `boundary_conditions`,
//!   `analyze_kinematics`): rayon `par_iter().map(..).collect()` into a fresh `Vec`.
//!
//! It computes campro's numbers (checked to 1e-9 of each quantity's peak by `tests/baseline.rs`
//! for every law, and by `benches/camprov5.rs` on its own workloads before it measures).
#![allow(dead_code)]

use rayon::prelude::*;
use std::f64::consts::PI;

/// The motion laws of the CamProV5 engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MotionLaw {
    Dwell,
    Cycloidal,
    SimpleHarmonic,
    ModifiedTrapezoidal,
    ModifiedSine,
    Polynomial345,
    Polynomial4567,
    ConstantAcceleration,
}

impl MotionLaw {
    /// The engine's law for a campro law.
    pub fn from_campro(law: campro::Law) -> MotionLaw {
        match law {
            campro::Law::Dwell => MotionLaw::Dwell,
            campro::Law::Cycloidal => MotionLaw::Cycloidal,
            campro::Law::SimpleHarmonic => MotionLaw::SimpleHarmonic,
            campro::Law::ModifiedTrapezoidal => MotionLaw::ModifiedTrapezoidal,
            campro::Law::ModifiedSine => MotionLaw::ModifiedSine,
            campro::Law::Polynomial345 => MotionLaw::Polynomial345,
            campro::Law::Polynomial4567 => MotionLaw::Polynomial4567,
            campro::Law::ConstantAcceleration => MotionLaw::ConstantAcceleration,
        }
    }
}

/// Norton's sine-constant-cosine acceleration family with fractions b, c, d (b + c + d = 1):
/// a quarter sine over b/2, a constant over c/2, a quarter cosine over d/2, then the mirror
/// image. `peak` is the acceleration amplitude that makes f(1/2) = 1/2.
#[derive(Clone, Copy, Debug, Default)]
struct Scca {
    b: f64,
    c: f64,
    d: f64,
    peak: f64,
}

impl Scca {
    fn new(b: f64, c: f64, d: f64) -> Scca {
        let s_half = Scca { b, c, d, peak: 1.0 }.first_half(0.5)[0];
        Scca { b, c, d, peak: 0.5 / s_half }
    }

    /// f, f', f'', f''' on 0 <= x <= 1/2.
    fn first_half(&self, x: f64) -> [f64; 4] {
        let (b, c, d, k) = (self.b, self.c, self.d, self.peak);
        let v1 = k * b / PI;
        let s1 = k * b * b * (0.5 / PI - 1.0 / (PI * PI));
        if x < b / 2.0 {
            let w = PI / b;
            let (s, co) = (w * x).sin_cos();
            return [k * b / PI * (x - s / w), v1 * (1.0 - co), k * s, k * w * co];
        }
        let v2 = v1 + k * c / 2.0;
        let s2 = s1 + v1 * c / 2.0 + k * c * c / 8.0;
        if x < (1.0 - d) / 2.0 || d == 0.0 {
            let t = x - b / 2.0;
            return [s1 + v1 * t + k * t * t / 2.0, v1 + k * t, k, 0.0];
        }
        let t = x - (1.0 - d) / 2.0;
        let w = PI / d;
        let (s, co) = (w * t).sin_cos();
        [s2 + v2 * t + k / (w * w) * (1.0 - co), v2 + k / w * s, k * co, -k * w * s]
    }

    /// f, f', f'', f''' on 0 <= u <= 1 (point symmetry about u = 1/2).
    fn values(&self, u: f64) -> [f64; 4] {
        if u <= 0.5 {
            self.first_half(u)
        } else {
            let [s, v, a, j] = self.first_half(1.0 - u);
            [1.0 - s, v, -a, j]
        }
    }
}

/// One segment of the cam.
#[derive(Clone, Copy, Debug)]
pub struct Segment {
    pub law: MotionLaw,
    pub start_angle: f64,
    pub duration: f64,
    pub start_lift: f64,
    pub end_lift: f64,
    scca: Scca,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Kinematics {
    pub displacement: f64,
    pub velocity: f64,
    pub acceleration: f64,
    pub jerk: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BoundaryCondition {
    pub displacement: f64,
    pub velocity: f64,
    pub acceleration: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Analysis {
    pub max_velocity: f64,
    pub max_acceleration: f64,
    pub max_jerk: f64,
    pub rms_acceleration: f64,
    pub rms_jerk: f64,
}

/// The engine: the segments of one cam at one speed.
pub struct Engine {
    segments: Vec<Segment>,
    degrees_per_second: f64,
}

impl Engine {
    /// The engine for the same cam as a campro program.
    pub fn from_program(program: &campro::Program) -> Engine {
        let mut segments = Vec::new();
        let (mut start_angle, mut start_lift) = (0.0, 0.0);
        for s in program.segments() {
            let law = MotionLaw::from_campro(s.law);
            let scca = match law {
                MotionLaw::ModifiedTrapezoidal => Scca::new(0.25, 0.5, 0.25),
                MotionLaw::ModifiedSine => Scca::new(0.25, 0.0, 0.75),
                MotionLaw::ConstantAcceleration => Scca::new(0.0, 1.0, 0.0),
                _ => Scca::default(),
            };
            segments.push(Segment { law, start_angle, duration: s.duration, start_lift, end_lift: s.end_lift, scca });
            start_angle += s.duration;
            start_lift = s.end_lift;
        }
        Engine { segments, degrees_per_second: program.rpm() * 6.0 }
    }

    /// Any angle into [0, 360).
    #[inline]
    fn normalize(theta: f64) -> f64 {
        let a = theta % 360.0;
        if a < 0.0 {
            a + 360.0
        } else {
            a
        }
    }

    /// The segment holding a normalised angle, by scanning the list.
    #[inline]
    fn find_segment(&self, angle: f64) -> &Segment {
        for segment in &self.segments {
            if angle < segment.start_angle + segment.duration {
                return segment;
            }
        }
        &self.segments[self.segments.len() - 1]
    }

    /// The segment and normalised u of an angle.
    #[inline]
    fn locate(&self, theta: f64) -> (&Segment, f64) {
        let angle = Self::normalize(theta);
        let segment = self.find_segment(angle);
        let u = ((angle - segment.start_angle) / segment.duration).clamp(0.0, 1.0);
        (segment, u)
    }

    /// d(u)/dt of a segment, 1/s.
    #[inline]
    fn rate(&self, segment: &Segment) -> f64 {
        self.degrees_per_second / segment.duration
    }

    pub fn displacement(&self, theta: f64) -> f64 {
        let (s, u) = self.locate(theta);
        s.start_lift + (s.end_lift - s.start_lift) * position(s, u)
    }

    pub fn velocity(&self, theta: f64) -> f64 {
        let (s, u) = self.locate(theta);
        (s.end_lift - s.start_lift) * velocity(s, u) * self.rate(s)
    }

    pub fn acceleration(&self, theta: f64) -> f64 {
        let (s, u) = self.locate(theta);
        let rate = self.rate(s);
        (s.end_lift - s.start_lift) * acceleration(s, u) * rate * rate
    }

    pub fn jerk(&self, theta: f64) -> f64 {
        let (s, u) = self.locate(theta);
        let rate = self.rate(s);
        (s.end_lift - s.start_lift) * jerk(s, u) * rate * rate * rate
    }

    /// All four from one lookup and one law evaluation.
    pub fn kinematics(&self, theta: f64) -> Kinematics {
        let (s, u) = self.locate(theta);
        let [f, df, d2f, d3f] = all_derivatives(s, u);
        let (h, rate) = (s.end_lift - s.start_lift, self.rate(s));
        Kinematics {
            displacement: s.start_lift + h * f,
            velocity: h * df * rate,
            acceleration: h * d2f * rate * rate,
            jerk: h * d3f * rate * rate * rate,
        }
    }

    /// Displacement, velocity and acceleration at a time (s): the angle by `%`.
    pub fn boundary_condition_at_time(&self, time: f64) -> BoundaryCondition {
        let k = self.kinematics((time * self.degrees_per_second) % 360.0);
        BoundaryCondition { displacement: k.displacement, velocity: k.velocity, acceleration: k.acceleration }
    }

    pub fn displacement_parallel(&self, theta: &[f64]) -> Vec<f64> {
        theta.par_iter().map(|&t| self.displacement(t)).collect()
    }

    pub fn velocity_parallel(&self, theta: &[f64]) -> Vec<f64> {
        theta.par_iter().map(|&t| self.velocity(t)).collect()
    }

    pub fn acceleration_parallel(&self, theta: &[f64]) -> Vec<f64> {
        theta.par_iter().map(|&t| self.acceleration(t)).collect()
    }

    pub fn jerk_parallel(&self, theta: &[f64]) -> Vec<f64> {
        theta.par_iter().map(|&t| self.jerk(t)).collect()
    }

    pub fn kinematics_parallel(&self, theta: &[f64]) -> Vec<Kinematics> {
        theta.par_iter().map(|&t| self.kinematics(t)).collect()
    }

    pub fn boundary_conditions(&self, times: &[f64]) -> Vec<BoundaryCondition> {
        times.par_iter().map(|&t| self.boundary_condition_at_time(t)).collect()
    }

    /// Peaks and RMS over `n` equally spaced angles of one revolution.
    pub fn analyze_kinematics(&self, n: usize) -> Analysis {
        let step = 360.0 / n as f64;
        let samples: Vec<Kinematics> = (0..n).into_par_iter().map(|i| self.kinematics(i as f64 * step)).collect();
        let mut a = Analysis::default();
        let (mut sum_a2, mut sum_j2) = (0.0, 0.0);
        for k in &samples {
            a.max_velocity = a.max_velocity.max(k.velocity.abs());
            a.max_acceleration = a.max_acceleration.max(k.acceleration.abs());
            a.max_jerk = a.max_jerk.max(k.jerk.abs());
            sum_a2 += k.acceleration * k.acceleration;
            sum_j2 += k.jerk * k.jerk;
        }
        a.rms_acceleration = (sum_a2 / n as f64).sqrt();
        a.rms_jerk = (sum_j2 / n as f64).sqrt();
        a
    }
}

// The laws, one function per derivative order, each a match on the law.

fn position(s: &Segment, u: f64) -> f64 {
    match s.law {
        MotionLaw::Dwell => 0.0,
        MotionLaw::Cycloidal => u - (2.0 * PI * u).sin() / (2.0 * PI),
        MotionLaw::SimpleHarmonic => (1.0 - (PI * u).cos()) / 2.0,
        MotionLaw::Polynomial345 => u * u * u * (10.0 + u * (-15.0 + u * 6.0)),
        MotionLaw::Polynomial4567 => u * u * u * u * (35.0 + u * (-84.0 + u * (70.0 - u * 20.0))),
        _ => s.scca.values(u)[0],
    }
}

fn velocity(s: &Segment, u: f64) -> f64 {
    match s.law {
        MotionLaw::Dwell => 0.0,
        MotionLaw::Cycloidal => 1.0 - (2.0 * PI * u).cos(),
        MotionLaw::SimpleHarmonic => PI / 2.0 * (PI * u).sin(),
        MotionLaw::Polynomial345 => u * u * (30.0 + u * (-60.0 + u * 30.0)),
        MotionLaw::Polynomial4567 => u * u * u * (140.0 + u * (-420.0 + u * (420.0 - u * 140.0))),
        _ => s.scca.values(u)[1],
    }
}

fn acceleration(s: &Segment, u: f64) -> f64 {
    match s.law {
        MotionLaw::Dwell => 0.0,
        MotionLaw::Cycloidal => 2.0 * PI * (2.0 * PI * u).sin(),
        MotionLaw::SimpleHarmonic => PI * PI / 2.0 * (PI * u).cos(),
        MotionLaw::Polynomial345 => u * (60.0 + u * (-180.0 + u * 120.0)),
        MotionLaw::Polynomial4567 => u * u * (420.0 + u * (-1680.0 + u * (2100.0 - u * 840.0))),
        _ => s.scca.values(u)[2],
    }
}

fn jerk(s: &Segment, u: f64) -> f64 {
    match s.law {
        MotionLaw::Dwell => 0.0,
        MotionLaw::Cycloidal => 4.0 * PI * PI * (2.0 * PI * u).cos(),
        MotionLaw::SimpleHarmonic => -PI * PI * PI / 2.0 * (PI * u).sin(),
        MotionLaw::Polynomial345 => 60.0 + u * (-360.0 + u * 360.0),
        MotionLaw::Polynomial4567 => u * (840.0 + u * (-5040.0 + u * (8400.0 - u * 4200.0))),
        _ => s.scca.values(u)[3],
    }
}

/// f, f', f'', f''' together (one sin and one cos).
fn all_derivatives(s: &Segment, u: f64) -> [f64; 4] {
    match s.law {
        MotionLaw::Dwell => [0.0; 4],
        MotionLaw::Cycloidal => {
            let (sin, cos) = (2.0 * PI * u).sin_cos();
            [u - sin / (2.0 * PI), 1.0 - cos, 2.0 * PI * sin, 4.0 * PI * PI * cos]
        }
        MotionLaw::SimpleHarmonic => {
            let (sin, cos) = (PI * u).sin_cos();
            [(1.0 - cos) / 2.0, PI / 2.0 * sin, PI * PI / 2.0 * cos, -PI * PI * PI / 2.0 * sin]
        }
        MotionLaw::Polynomial345 | MotionLaw::Polynomial4567 => {
            [position(s, u), velocity(s, u), acceleration(s, u), jerk(s, u)]
        }
        _ => s.scca.values(u),
    }
}
