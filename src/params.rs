//! The CamProV5 parameter set and the rise / high dwell / fall / low dwell program it describes.

use crate::error::{Error, Num, Result};
use crate::law::Law;
use crate::program::{
    at_least, at_most, validate_base_circle_radius, Limits, Program, Segment, DURATION_TOLERANCE_DEG, MAX_LIFT_MM,
    MAX_RPM, MIN_RPM, MIN_SEGMENT_DURATION_DEG, REVOLUTION_DEG,
};

/// The classic CamProV5 design parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parameters {
    /// mm (default 25).
    pub base_circle_radius: f64,
    /// mm (default 10).
    pub max_lift: f64,
    /// Degrees (default 180); kept for file compatibility, not used by the program.
    pub cam_duration: f64,
    /// Degrees of the rise (default 90).
    pub rise_duration: f64,
    /// Degrees of the high dwell after the rise (default 45).
    pub dwell_duration: f64,
    /// Degrees of the fall (default 90); the rest of the turn is the low dwell.
    pub fall_duration: f64,
    /// mm/s^3 (default 1000).
    pub jerk_limit: f64,
    /// mm/s^2 (default 500).
    pub acceleration_limit: f64,
    /// mm/s (default 100).
    pub velocity_limit: f64,
    /// Revolutions per minute (default 3000).
    pub rpm: f64,
    /// Law of the rise (default cycloidal).
    pub rise_law: Law,
    /// Law of the fall (default cycloidal).
    pub fall_law: Law,
}

impl Default for Parameters {
    fn default() -> Self {
        Parameters {
            base_circle_radius: 25.0,
            max_lift: 10.0,
            cam_duration: 180.0,
            rise_duration: 90.0,
            dwell_duration: 45.0,
            fall_duration: 90.0,
            jerk_limit: 1000.0,
            acceleration_limit: 500.0,
            velocity_limit: 100.0,
            rpm: 3000.0,
            rise_law: Law::Cycloidal,
            fall_law: Law::Cycloidal,
        }
    }
}

impl Parameters {
    /// The names of the numeric fields, in declaration order (parameter files use them as keys).
    pub const NUMERIC_FIELDS: [&'static str; 10] = [
        "base_circle_radius",
        "max_lift",
        "cam_duration",
        "rise_duration",
        "dwell_duration",
        "fall_duration",
        "jerk_limit",
        "acceleration_limit",
        "velocity_limit",
        "rpm",
    ];

    /// Mutable access to a numeric field by its name.
    pub fn numeric_field_mut(&mut self, name: &str) -> Option<&mut f64> {
        Some(match name {
            "base_circle_radius" => &mut self.base_circle_radius,
            "max_lift" => &mut self.max_lift,
            "cam_duration" => &mut self.cam_duration,
            "rise_duration" => &mut self.rise_duration,
            "dwell_duration" => &mut self.dwell_duration,
            "fall_duration" => &mut self.fall_duration,
            "jerk_limit" => &mut self.jerk_limit,
            "acceleration_limit" => &mut self.acceleration_limit,
            "velocity_limit" => &mut self.velocity_limit,
            "rpm" => &mut self.rpm,
            _ => return None,
        })
    }

    /// Checks every field against the accepted region ([`MIN_RPM`]..[`MAX_RPM`], lift up to
    /// [`MAX_LIFT_MM`], rise, fall and non-zero dwell durations of at least
    /// [`MIN_SEGMENT_DURATION_DEG`], base circle up to [`crate::MAX_BASE_CIRCLE_RADIUS_MM`],
    /// limits > 0), inside which every kinematic output is finite;
    /// the error names the first impossible field and its value.
    pub fn validate(&self) -> Result<()> {
        let positive = [
            ("base_circle_radius", self.base_circle_radius),
            ("max_lift", self.max_lift),
            ("rise_duration", self.rise_duration),
            ("fall_duration", self.fall_duration),
            ("jerk_limit", self.jerk_limit),
            ("acceleration_limit", self.acceleration_limit),
            ("velocity_limit", self.velocity_limit),
            ("rpm", self.rpm),
        ];
        for (name, value) in positive {
            if !value.is_finite() || value <= 0.0 {
                return Err(Error::invalid(name, Num(value), "must be finite and > 0"));
            }
        }
        if !self.dwell_duration.is_finite() || self.dwell_duration < 0.0 {
            return Err(Error::invalid("dwell_duration", Num(self.dwell_duration), "must be finite and >= 0"));
        }
        if !self.cam_duration.is_finite() || !(0.0..=REVOLUTION_DEG).contains(&self.cam_duration) {
            return Err(Error::invalid(
                "cam_duration",
                Num(self.cam_duration),
                "must be finite and within [0, 360] degrees",
            ));
        }
        validate_base_circle_radius(self.base_circle_radius)?;
        at_most("max_lift", self.max_lift, MAX_LIFT_MM, "MAX_LIFT_MM", "mm")?;
        at_least("rpm", self.rpm, MIN_RPM, "MIN_RPM", "rpm")?;
        at_most("rpm", self.rpm, MAX_RPM, "MAX_RPM", "rpm")?;
        for (name, value) in [("rise_duration", self.rise_duration), ("fall_duration", self.fall_duration)] {
            if value > REVOLUTION_DEG {
                return Err(Error::invalid(name, Num(value), "exceeds one revolution (360 degrees)"));
            }
            at_least(name, value, MIN_SEGMENT_DURATION_DEG, "MIN_SEGMENT_DURATION_DEG", "degrees")?;
        }
        if self.dwell_duration > 0.0 && self.dwell_duration < MIN_SEGMENT_DURATION_DEG {
            return Err(Error::invalid(
                "dwell_duration",
                Num(self.dwell_duration),
                format!("must be 0 or at least {} degrees (MIN_SEGMENT_DURATION_DEG)", Num(MIN_SEGMENT_DURATION_DEG)),
            ));
        }
        let total = self.rise_duration + self.dwell_duration + self.fall_duration;
        if total > REVOLUTION_DEG {
            return Err(Error::invalid(
                "rise_duration + dwell_duration + fall_duration",
                Num(total),
                "exceeds one revolution (360 degrees)",
            ));
        }
        let low_dwell = REVOLUTION_DEG - total;
        if low_dwell > DURATION_TOLERANCE_DEG && low_dwell < MIN_SEGMENT_DURATION_DEG {
            return Err(Error::invalid(
                "rise_duration + dwell_duration + fall_duration",
                Num(total),
                format!(
                    "leaves a low dwell of {} degrees, below the minimum {} (MIN_SEGMENT_DURATION_DEG): \
                     make the sum 360, or leave at least that much",
                    Num(low_dwell),
                    Num(MIN_SEGMENT_DURATION_DEG)
                ),
            ));
        }
        for (name, law) in [("rise_law", self.rise_law), ("fall_law", self.fall_law)] {
            if law == Law::Dwell {
                return Err(Error::invalid(name, law.code(), "a dwell cannot rise or fall"));
            }
        }
        Ok(())
    }

    /// The rise / high dwell / fall / low dwell segments (zero-length dwells omitted).
    pub fn segments(&self) -> Vec<Segment> {
        let mut segments = vec![Segment { law: self.rise_law, duration: self.rise_duration, end_lift: self.max_lift }];
        if self.dwell_duration > 0.0 {
            segments.push(Segment { law: Law::Dwell, duration: self.dwell_duration, end_lift: self.max_lift });
        }
        segments.push(Segment { law: self.fall_law, duration: self.fall_duration, end_lift: 0.0 });
        // A low dwell within the duration tolerance of nothing is left out (the sum still passes).
        let low_dwell = REVOLUTION_DEG - (self.rise_duration + self.dwell_duration + self.fall_duration);
        if low_dwell > DURATION_TOLERANCE_DEG {
            segments.push(Segment { law: Law::Dwell, duration: low_dwell, end_lift: 0.0 });
        }
        segments
    }

    /// The validated program, with these limits and base circle radius.
    pub fn program(&self) -> Result<Program> {
        self.validate()?;
        let limits =
            Limits { velocity: self.velocity_limit, acceleration: self.acceleration_limit, jerk: self.jerk_limit };
        Ok(Program::from_segments(&self.segments(), self.rpm)?
            .with_limits(limits)?
            .with_base_circle_radius(self.base_circle_radius))
    }
}

impl Program {
    /// The program of a CamProV5 parameter set (validated).
    pub fn from_parameters(parameters: &Parameters) -> Result<Program> {
        parameters.program()
    }
}
