//! Solver-ready tables: displacement, velocity or acceleration against time, sampled adaptively
//! so that linear interpolation between the points (what a solver does with a tabular amplitude
//! or load curve) stays within a tolerance of the exact curve, and written as an Abaqus /
//! CalculiX `*AMPLITUDE`, an LS-DYNA `*DEFINE_CURVE` or a CSV file.
//!
//! Sampling: the span is cut at every piece boundary of the program (segment boundaries and the
//! zone boundaries inside a law), where derivatives may jump. Each smooth interval is covered
//! greedily from its start: every chord is the longest one whose interpolation error, measured
//! at interior samples and refined at the roots of the error's derivative (the next derivative
//! is known in closed form), stays within the tolerance. The finished table is then checked
//! again, more densely, and the achieved maximum error is reported. A jump of the quantity itself
//! (the acceleration of the simple harmonic and constant acceleration laws) cannot be drawn by
//! any table with increasing times: it becomes a ramp over [`Table::RAMP_FRACTION`] of a period, the
//! only place where the tolerance does not hold, and is counted in [`Table::jumps`].
//!
//! - `sample.rs`: the adaptive sampling and its checks (`Program::table`);
//! - `write.rs`: the Abaqus, LS-DYNA and CSV writers;
//! - here: the [`Table`] itself, [`TableFormat`], [`TableLabels`] and the default tolerances.

mod sample;
mod write;
// --- variable speed (0.2) ---
mod crossings;

// --- smooth periodic amplitudes (0.2, issue 12) ---
mod periodic;
pub use periodic::{PeriodicAmplitude, MAX_PERIODIC_TERMS};

use crate::error::{Error, Result};
use crate::kinematics::Quantity;

pub use write::format_e12;

/// The file formats a table can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableFormat {
    /// CSV: a header row `time_s,<quantity>_<unit>`, then one `time,value` row per point.
    Csv,
    /// Abaqus / CalculiX `*AMPLITUDE, NAME=..., DEFINITION=TABULAR, TIME=TOTAL TIME`, an include file.
    AbaqusAmplitude,
    /// LS-DYNA `*KEYWORD`, `*DEFINE_CURVE` (fixed-width fields), `*END`.
    LsDynaCurve,
}

impl TableFormat {
    /// Every format, in code order.
    pub const ALL: [TableFormat; 3] = [TableFormat::Csv, TableFormat::AbaqusAmplitude, TableFormat::LsDynaCurve];

    /// The C ABI code (`CAMPRO_FORMAT_*`).
    pub fn code(self) -> i32 {
        match self {
            TableFormat::Csv => 0,
            TableFormat::AbaqusAmplitude => 1,
            TableFormat::LsDynaCurve => 2,
        }
    }

    /// The format with that code.
    pub fn from_code(code: i32) -> Option<TableFormat> {
        TableFormat::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The command-line name: `csv`, `abaqus`, `lsdyna`.
    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::AbaqusAmplitude => "abaqus",
            TableFormat::LsDynaCurve => "lsdyna",
        }
    }

    /// The format with that name (also `calculix`, `ccx`, `ls-dyna`, `dyna`).
    pub fn from_name(name: &str) -> Option<TableFormat> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Some(TableFormat::Csv),
            "abaqus" | "calculix" | "ccx" | "amplitude" => Some(TableFormat::AbaqusAmplitude),
            "lsdyna" | "ls-dyna" | "dyna" | "curve" => Some(TableFormat::LsDynaCurve),
            _ => None,
        }
    }
}

/// The default tolerance of a table of `quantity`: 1e-6 mm, 1e-3 mm/s, 1 mm/s^2 (jerk: 1e3 mm/s^3,
/// though jerk tables are not offered).
pub fn default_tolerance(quantity: Quantity) -> f64 {
    match quantity {
        Quantity::Displacement => 1e-6,
        Quantity::Velocity => 1e-3,
        Quantity::Acceleration => 1.0,
        Quantity::Jerk => 1e3,
    }
}

/// An adaptively sampled table of one quantity against time.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// What the values are.
    pub quantity: Quantity,
    /// Seconds, strictly increasing; the first is the span's start, the last its end (each as
    /// the file writes it: 13 significant digits, see [`format_e12`]).
    pub times: Vec<f64>,
    /// The exact quantity at each time (mm, mm/s or mm/s^2).
    pub values: Vec<f64>,
    /// The tolerance asked for, in the quantity's unit.
    pub tolerance: f64,
    /// The largest |linear interpolation - exact| found by the final dense check of the table as
    /// a solver reads it from an Abaqus or LS-DYNA file (times and values rounded to 13
    /// significant digits; ramps excluded). At most `tolerance`.
    pub max_error: f64,
    /// Where that largest error is, s.
    pub max_error_time: f64,
    /// The segment boundaries inside the span (each is one of `times`).
    pub segment_boundaries: Vec<f64>,
    /// Jumps of the quantity drawn as ramps: `times[i]..times[i + 1]` for each index `i` here.
    pub jumps: Vec<usize>,
    /// The program's rpm, for the file headers (under a speed profile: its reference rpm).
    pub rpm: f64,
    /// The speed profile's (time s, rpm) points when the cam speed varies; empty at a constant
    /// speed.
    pub speed_points: Vec<(f64, f64)>,
}

/// Labels a written table carries.
#[derive(Clone, Debug, PartialEq)]
pub struct TableLabels {
    /// The Abaqus amplitude name (default `CAM`).
    pub amplitude_name: String,
    /// The LS-DYNA load curve id (default 1).
    pub curve_id: u32,
}

impl Default for TableLabels {
    fn default() -> Self {
        TableLabels { amplitude_name: "CAM".into(), curve_id: 1 }
    }
}

impl TableLabels {
    /// Longest Abaqus amplitude name (Abaqus truncates names at 80 characters).
    pub const MAX_NAME_LEN: usize = 80;
    /// Largest LS-DYNA load curve id (an 8-digit integer field).
    pub const MAX_CURVE_ID: u32 = 99_999_999;

    /// Labels checked against the solvers' naming rules (see [`TableLabels::validate`]).
    pub fn new(amplitude_name: impl Into<String>, curve_id: u32) -> Result<TableLabels> {
        let labels = TableLabels { amplitude_name: amplitude_name.into(), curve_id };
        labels.validate()?;
        Ok(labels)
    }

    /// Checks both labels: [`TableLabels::validate_amplitude_name`] and
    /// [`TableLabels::validate_curve_id`].
    pub fn validate(&self) -> Result<()> {
        self.validate_amplitude_name()?;
        self.validate_curve_id()
    }

    /// The Abaqus amplitude name starts with an ASCII letter and holds only ASCII letters, digits
    /// and underscores, at most [`TableLabels::MAX_NAME_LEN`] of them: nothing (a comma, a
    /// newline, a `*`, a space, a quote) can end the `*AMPLITUDE` line or start a keyword.
    pub fn validate_amplitude_name(&self) -> Result<()> {
        let name = &self.amplitude_name;
        let invalid = |reason: String| Err(Error::invalid("amplitude_name", format!("{name:?}"), reason));
        let rule = "an Abaqus name starts with a letter and holds only letters, digits and underscores";
        match name.chars().next() {
            None => return invalid(format!("empty: {rule}")),
            Some(c) if !c.is_ascii_alphabetic() => return invalid(format!("starts with {c:?}: {rule}")),
            _ => {}
        }
        if let Some((i, c)) = name.char_indices().find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_')) {
            return invalid(format!("{c:?} at byte {i}: {rule}"));
        }
        if name.len() > Self::MAX_NAME_LEN {
            return invalid(format!("{} characters: an Abaqus name has at most {}", name.len(), Self::MAX_NAME_LEN));
        }
        Ok(())
    }

    /// The LS-DYNA load curve id is within 1..=[`TableLabels::MAX_CURVE_ID`].
    pub fn validate_curve_id(&self) -> Result<()> {
        if !(1..=Self::MAX_CURVE_ID).contains(&self.curve_id) {
            return Err(Error::invalid(
                "curve_id",
                self.curve_id,
                format!("an LS-DYNA load curve id is within 1..={}", Self::MAX_CURVE_ID),
            ));
        }
        Ok(())
    }

    /// Checks the label `format` writes (CSV has none).
    pub fn validate_for(&self, format: TableFormat) -> Result<()> {
        match format {
            TableFormat::Csv => Ok(()),
            TableFormat::AbaqusAmplitude => self.validate_amplitude_name(),
            TableFormat::LsDynaCurve => self.validate_curve_id(),
        }
    }
}

impl Table {
    /// Width of the ramp that replaces a jump of the quantity, as a fraction of the period.
    pub const RAMP_FRACTION: f64 = 1e-7;
    /// Most points a table may have.
    pub const MAX_POINTS: usize = 20_000_000;
    /// Smallest tolerance, relative to the quantity's peak magnitude, that double precision lets
    /// the sampler verify.
    pub const MIN_RELATIVE_TOLERANCE: f64 = 1e-12;

    /// Number of points.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Always false: a table has at least its two ends.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Linear interpolation of the table at `t` (clamped to the span), as a solver reads it.
    pub fn interpolate(&self, t: f64) -> f64 {
        let i = self.times.partition_point(|&x| x <= t);
        if i == 0 {
            return self.values[0];
        }
        if i >= self.times.len() {
            return self.values[self.values.len() - 1];
        }
        let (t0, t1) = (self.times[i - 1], self.times[i]);
        let (v0, v1) = (self.values[i - 1], self.values[i]);
        v0 + (v1 - v0) * ((t - t0) / (t1 - t0))
    }

    /// The CSV column header of the quantity, e.g. `displacement_mm`.
    pub fn column_name(&self) -> &'static str {
        match self.quantity {
            Quantity::Displacement => "displacement_mm",
            Quantity::Velocity => "velocity_mm_per_s",
            Quantity::Acceleration => "acceleration_mm_per_s2",
            Quantity::Jerk => "jerk_mm_per_s3",
        }
    }
}
