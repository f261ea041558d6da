//! Cam programs: an ordered list of segments covering one revolution, validated once and then
//! turned into a table of analytic pieces with an O(1) angle lookup.

use crate::error::{Error, Result};
use crate::kinematics::{BoundaryCondition, Kinematics};
use crate::law::Law;
use crate::piece::Piece;

/// Degrees in one revolution.
pub const REVOLUTION_DEG: f64 = 360.0;
/// Most segments a program may have.
pub const MAX_SEGMENTS: usize = 4096;
/// How far the durations may sum from 360 degrees.
pub const DURATION_TOLERANCE_DEG: f64 = 1e-9;
/// How far a dwell's end lift, or the closing lift, may be from what it must be.
pub const LIFT_TOLERANCE_MM: f64 = 1e-12;

/// One segment: a law taking the follower from the previous segment's end lift to `end_lift`
/// over `duration` degrees of cam rotation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// The motion law (a fall uses the rise law mirrored).
    pub law: Law,
    /// Degrees of cam rotation, > 0.
    pub duration: f64,
    /// Follower lift at the end of the segment, mm, >= 0.
    pub end_lift: f64,
}

/// Kinematic limits the analysis checks against (+infinity: no limit).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// mm/s.
    pub velocity: f64,
    /// mm/s^2.
    pub acceleration: f64,
    /// mm/s^3.
    pub jerk: f64,
}

impl Limits {
    /// No limits at all.
    pub const NONE: Limits = Limits { velocity: f64::INFINITY, acceleration: f64::INFINITY, jerk: f64::INFINITY };
}

/// A validated cam program at a fixed rpm. Immutable; share it freely between threads.
#[derive(Clone, Debug)]
pub struct Program {
    segments: Vec<Segment>,
    rpm: f64,
    limits: Limits,
    base_circle_radius: Option<f64>,
    deg_per_s: f64,
    pieces: Vec<Piece>,
    /// `starts[i]` = `pieces[i].start`, plus a sentinel above every reduced angle.
    starts: Vec<f64>,
    /// For each of `bins.len()` equal slices of the revolution: the piece holding its first angle.
    bins: Vec<u32>,
    bins_per_deg: f64,
    degree: usize,
}

impl Program {
    /// Validates `segments` (see the crate docs for the rules) and builds the program at `rpm`.
    pub fn from_segments(segments: &[Segment], rpm: f64) -> Result<Program> {
        validate_rpm(rpm)?;
        validate_segments(segments)?;
        Ok(Program::build(segments.to_vec(), rpm))
    }

    /// The same program with kinematic limits for the analysis.
    pub fn with_limits(mut self, limits: Limits) -> Result<Program> {
        for (name, value) in [
            ("velocity_limit", limits.velocity),
            ("acceleration_limit", limits.acceleration),
            ("jerk_limit", limits.jerk),
        ] {
            if value.is_nan() || value <= 0.0 {
                return Err(Error::invalid(name, value, "must be > 0 (infinity: no limit)"));
            }
        }
        self.limits = limits;
        Ok(self)
    }

    /// Records the base circle radius (mm) the program was designed for.
    pub(crate) fn with_base_circle_radius(mut self, radius: f64) -> Program {
        self.base_circle_radius = Some(radius);
        self
    }

    fn build(segments: Vec<Segment>, rpm: f64) -> Program {
        let deg_per_s = rpm * 6.0;
        let mut pieces = Vec::new();
        let mut start = 0.0;
        let mut lift = 0.0;
        for segment in &segments {
            let rise = segment.end_lift - lift;
            let rate = deg_per_s / segment.duration;
            for law_piece in segment.law.pieces().as_slice() {
                pieces.push(Piece::new(law_piece, start, segment.duration, lift, rise, rate));
            }
            start += segment.duration;
            lift = segment.end_lift;
        }
        // Rounding may make a tiny piece's start equal its neighbour's: the lookup steps past it.
        let mut starts: Vec<f64> = pieces.iter().map(|p| p.start).collect();
        starts.push(f64::INFINITY);

        let bin_count = (4 * pieces.len()).next_power_of_two().clamp(256, 1 << 16);
        let bins_per_deg = bin_count as f64 / REVOLUTION_DEG;
        let mut bins = Vec::with_capacity(bin_count);
        let mut index = 0usize;
        for bin in 0..bin_count {
            let angle = bin as f64 / bins_per_deg;
            while starts[index + 1] <= angle {
                index += 1;
            }
            bins.push(index as u32);
        }
        let degree = pieces.iter().map(Piece::degree).max().unwrap_or(0);
        Program {
            segments,
            rpm,
            limits: Limits::NONE,
            base_circle_radius: None,
            deg_per_s,
            pieces,
            starts,
            bins,
            bins_per_deg,
            degree,
        }
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Cam speed, revolutions per minute.
    pub fn rpm(&self) -> f64 {
        self.rpm
    }

    /// Cam speed, degrees per second.
    pub fn degrees_per_second(&self) -> f64 {
        self.deg_per_s
    }

    /// Seconds per revolution.
    pub fn period(&self) -> f64 {
        60.0 / self.rpm
    }

    /// The limits the analysis checks.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The base circle radius (mm), when the program came from a CamProV5 parameter set.
    pub fn base_circle_radius(&self) -> Option<f64> {
        self.base_circle_radius
    }

    /// Highest lift of the program, mm.
    pub fn max_lift(&self) -> f64 {
        self.segments.iter().map(|s| s.end_lift).fold(0.0, f64::max)
    }

    /// Angles (degrees) where segments start, beginning with 0.
    pub fn segment_starts(&self) -> impl Iterator<Item = f64> + '_ {
        self.segments.iter().scan(0.0, |angle, s| {
            let start = *angle;
            *angle += s.duration;
            Some(start)
        })
    }

    /// Highest polynomial degree among the pieces (selects the kernel width).
    pub(crate) fn degree(&self) -> usize {
        self.degree
    }

    /// The cam angle (degrees, not reduced) at `time_s` seconds; time 0 is angle 0.
    #[inline(always)]
    pub fn angle_at_time(&self, time_s: f64) -> f64 {
        time_s * self.deg_per_s
    }

    /// Displacement (mm) at cam angle `theta_deg` (any finite angle; NaN for non-finite).
    #[inline]
    pub fn displacement(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).displacement
    }

    /// Velocity (mm/s) at cam angle `theta_deg`.
    #[inline]
    pub fn velocity(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).velocity
    }

    /// Acceleration (mm/s^2) at cam angle `theta_deg`.
    #[inline]
    pub fn acceleration(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).acceleration
    }

    /// Jerk (mm/s^3) at cam angle `theta_deg`.
    #[inline]
    pub fn jerk(&self, theta_deg: f64) -> f64 {
        self.kinematics(theta_deg).jerk
    }

    /// All four at cam angle `theta_deg`.
    #[inline(always)]
    pub fn kinematics(&self, theta_deg: f64) -> Kinematics {
        self.kinematics_degree::<8>(theta_deg)
    }

    /// As [`Program::kinematics`] with Horner sums of `M` terms (`M` > `self.degree()`).
    #[inline(always)]
    pub(crate) fn kinematics_degree<const M: usize>(&self, theta_deg: f64) -> Kinematics {
        let angle = reduce_angle(theta_deg);
        self.pieces[self.piece_index(angle)].evaluate_degree::<M>(angle)
    }

    /// Displacement, velocity and acceleration at `time_s` seconds.
    #[inline]
    pub fn boundary_condition_at_time(&self, time_s: f64) -> BoundaryCondition {
        self.kinematics(self.angle_at_time(time_s)).boundary_condition()
    }

    /// Index of the piece holding `angle` in [0, 360), or a valid index for NaN.
    #[inline(always)]
    fn piece_index(&self, angle: f64) -> usize {
        // `as usize` saturates: NaN gives 0.
        let bin = ((angle * self.bins_per_deg) as usize).min(self.bins.len() - 1);
        let mut index = self.bins[bin] as usize;
        // A bin rarely holds a piece boundary; when it does, step past it.
        while angle >= self.starts[index + 1] {
            index += 1;
        }
        index
    }
}

/// Reduces any finite angle exactly into [0, 360): for |theta| < 2^40 the product and difference
/// below are exact (Sterbenz); beyond that the remainder operator (exact fmod) is used.
#[inline(always)]
pub fn reduce_angle(theta_deg: f64) -> f64 {
    let mut r = if theta_deg.abs() < 1.0e12 {
        theta_deg - REVOLUTION_DEG * (theta_deg * (1.0 / REVOLUTION_DEG)).floor()
    } else {
        theta_deg % REVOLUTION_DEG
    };
    if r < 0.0 {
        r += REVOLUTION_DEG;
    }
    if r >= REVOLUTION_DEG {
        r -= REVOLUTION_DEG;
    }
    r
}

fn validate_rpm(rpm: f64) -> Result<()> {
    if !rpm.is_finite() || rpm <= 0.0 {
        return Err(Error::invalid("rpm", rpm, "must be finite and > 0"));
    }
    Ok(())
}

fn validate_segments(segments: &[Segment]) -> Result<()> {
    if segments.is_empty() {
        return Err(Error::invalid("segments.count", 0, "a program needs at least one segment"));
    }
    if segments.len() > MAX_SEGMENTS {
        return Err(Error::invalid("segments.count", segments.len(), format!("at most {MAX_SEGMENTS} segments")));
    }
    let mut lift = 0.0;
    let mut total = 0.0;
    for (i, segment) in segments.iter().enumerate() {
        let duration = segment.duration;
        if !duration.is_finite() || duration <= 0.0 {
            return Err(Error::invalid(format!("segments[{i}].duration"), duration, "must be finite and > 0 degrees"));
        }
        if duration > REVOLUTION_DEG + DURATION_TOLERANCE_DEG {
            return Err(Error::invalid(
                format!("segments[{i}].duration"),
                duration,
                "exceeds one revolution (360 degrees)",
            ));
        }
        let end = segment.end_lift;
        if !end.is_finite() || end < 0.0 {
            return Err(Error::invalid(format!("segments[{i}].end_lift"), end, "must be finite and >= 0 mm"));
        }
        if segment.law == Law::Dwell && (end - lift).abs() > LIFT_TOLERANCE_MM {
            return Err(Error::invalid(
                format!("segments[{i}].end_lift"),
                end,
                format!("a dwell must hold the lift it starts at ({lift} mm)"),
            ));
        }
        total += duration;
        lift = end;
    }
    if (total - REVOLUTION_DEG).abs() > DURATION_TOLERANCE_DEG {
        return Err(Error::invalid("segments.total_duration", total, "the durations must sum to 360 degrees"));
    }
    if lift.abs() > LIFT_TOLERANCE_MM {
        return Err(Error::invalid(
            format!("segments[{}].end_lift", segments.len() - 1),
            lift,
            "the last segment must return the follower to lift 0",
        ));
    }
    Ok(())
}
