//! What a parameter file may say: one struct per table, one field per key, exactly as written
//! (numbers, law names). Unknown keys are errors (`deny_unknown_fields`); what the values mean
//! and which keys a form requires is decided in `interpret.rs`.
//!
//! A new optional section is one more field of [`Document`] (an `Option`, so files without it
//! stay valid) and one struct here for its table, for example `follower: Option<FollowerTable>`
//! for a `[follower]` table, `dynamics: Option<DynamicsTable>`, `lift_table: Option<FileName>`
//! with `smoothing: Option<Number>`, or `speed: Option<List<SpeedPoint>>` for `[[speed]]`.

use super::values::{read_as_table, FileName, LawName, List, Number};
use serde::Deserialize;

/// The keys that name the segment list (`[[segment]]` tables, or a `segments` array).
pub(super) const SEGMENT_LIST_KEYS: [&str; 2] = ["segment", "segments"];

/// A whole parameter file (the top-level table).
#[derive(Debug, Default, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct Document {
    // The CamProV5 parameter set (`export_parameters_for_fea`): all ten numbers, unless the file
    // gives a segment list, which takes rpm and, optionally, the limits and base circle radius.
    pub base_circle_radius: Option<Number>,
    pub max_lift: Option<Number>,
    pub cam_duration: Option<Number>,
    pub rise_duration: Option<Number>,
    pub dwell_duration: Option<Number>,
    pub fall_duration: Option<Number>,
    pub jerk_limit: Option<Number>,
    pub acceleration_limit: Option<Number>,
    pub velocity_limit: Option<Number>,
    pub rpm: Option<Number>,
    pub rise_law: Option<LawName>,
    pub fall_law: Option<LawName>,
    /// An explicit segment list, in order.
    #[serde(alias = "segments")]
    pub segment: Option<List<SegmentTable>>,
    // --- follower dynamics (0.2) ---
    /// The optional `[dynamics]` table (src/files/dynamics.rs).
    pub dynamics: Option<super::dynamics::DynamicsTable>,

    // --- cam geometry (0.2) ---
    /// The follower the cam is made for (`[follower]`).
    pub follower: Option<super::follower::FollowerTable>,

    // --- lift tables and variable speed (0.2) ---
    /// A lift table: a CSV file of `theta_deg,lift_mm` rows, relative to the parameter file.
    pub lift_table: Option<FileName>,
    /// The lift table's smoothing (RMS deviation, mm; 0: through every point).
    pub smoothing: Option<Number>,
    /// A speed profile: `[[speed]]` tables of `time` (s) and `rpm`, in order.
    pub speed: Option<List<SpeedTable>>,
}
read_as_table!(Document, "parameter file (one JSON object, or a TOML document of keys)");

impl Document {
    /// The numbers of the CamProV5 parameter set, named as [`crate::Parameters::NUMERIC_FIELDS`].
    pub(super) fn parameter_numbers(&self) -> [(&'static str, Option<f64>); 10] {
        let n = |x: Option<Number>| x.map(|n| n.0);
        [
            ("base_circle_radius", n(self.base_circle_radius)),
            ("max_lift", n(self.max_lift)),
            ("cam_duration", n(self.cam_duration)),
            ("rise_duration", n(self.rise_duration)),
            ("dwell_duration", n(self.dwell_duration)),
            ("fall_duration", n(self.fall_duration)),
            ("jerk_limit", n(self.jerk_limit)),
            ("acceleration_limit", n(self.acceleration_limit)),
            ("velocity_limit", n(self.velocity_limit)),
            ("rpm", n(self.rpm)),
        ]
    }
}

/// One segment of the list: a law, its duration in degrees and the lift (mm) at its end. All
/// three are required; `interpret.rs` says which is missing, after the file's own keys.
#[derive(Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct SegmentTable {
    pub law: Option<LawName>,
    pub duration: Option<Number>,
    pub end_lift: Option<Number>,
}
read_as_table!(SegmentTable, "segment table");

// --- variable speed (0.2) ---

/// One point of a speed profile: the cam speed `rpm` at `time` seconds. Both required.
#[derive(Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct SpeedTable {
    pub time: Option<Number>,
    pub rpm: Option<Number>,
}
read_as_table!(SpeedTable, "speed table");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_numbers_are_named_as_the_parameter_set() {
        let names: Vec<&str> = Document::default().parameter_numbers().iter().map(|(name, _)| *name).collect();
        assert_eq!(names, crate::Parameters::NUMERIC_FIELDS);
    }
}
