//! The optional `[follower]` table of a parameter file: the follower the cam is made for.
//!
//! ```toml
//! [follower]
//! kind = "translating_roller"   # or "translating_flat", "oscillating_roller"
//! rotation = 1                  # +1 counter-clockwise (default), -1 clockwise
//! base_circle_radius = 30       # mm; default: the file's base_circle_radius
//! roller_radius = 6             # mm (rollers; default 0: a knife edge)
//! offset = 5                    # mm (translating roller; default 0)
//! pivot_distance = 60           # mm (oscillating)
//! arm_length = 45               # mm (oscillating)
//! ```

use super::values::{read_as_table, LawName, Number};
use crate::error::Error;

// Not `Result`: read_as_table! writes `Result<Self, E>` and means the standard one.
type Checked<T> = crate::error::Result<T>;
use crate::geometry::{Follower, FollowerKind, Rotation};
use crate::program::Program;
use serde::Deserialize;

/// The `[follower]` table as written.
#[derive(Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct FollowerTable {
    // A name, read like a law's name (a string).
    pub kind: Option<LawName>,
    pub rotation: Option<Number>,
    pub base_circle_radius: Option<Number>,
    pub roller_radius: Option<Number>,
    pub offset: Option<Number>,
    pub pivot_distance: Option<Number>,
    pub arm_length: Option<Number>,
}
read_as_table!(FollowerTable, "follower table");

fn parse_error(source: &str, key: &str, message: String) -> Error {
    Error::Parse { source_name: source.to_string(), line: None, key: format!("follower.{key}"), message }
}

impl FollowerTable {
    /// The follower, checked against `program` (the file's cam); `source` names the file.
    pub(super) fn interpret(self, source: &str, program: &Program) -> Checked<Follower> {
        let name = self.kind.ok_or_else(|| {
            parse_error(
                source,
                "kind",
                "missing required key (translating_roller, translating_flat or oscillating_roller)".into(),
            )
        })?;
        let kind = FollowerKind::from_name(&name.0).ok_or_else(|| {
            Error::invalid(
                "follower.kind",
                format!("{:?}", name.0),
                "unknown follower kind (valid: translating_roller, translating_flat, oscillating_roller)",
            )
        })?;
        let rotation = match self.rotation.map(|n| n.0) {
            None => Rotation::CounterClockwise,
            Some(1.0) => Rotation::CounterClockwise,
            Some(-1.0) => Rotation::Clockwise,
            Some(r) => {
                return Err(Error::invalid("follower.rotation", r, "must be 1 (counter-clockwise) or -1 (clockwise)"))
            }
        };
        let base_circle_radius = match (self.base_circle_radius, program.base_circle_radius()) {
            (Some(r), _) => r.0,
            (None, Some(r)) => r,
            (None, None) => {
                return Err(parse_error(
                    source,
                    "base_circle_radius",
                    "missing: give it in [follower] or as the file's base_circle_radius".into(),
                ))
            }
        };
        let oscillating = kind == FollowerKind::OscillatingRoller;
        let required = |value: Option<Number>, key: &str| -> Checked<f64> {
            match value {
                Some(v) => Ok(v.0),
                None if oscillating => Err(parse_error(
                    source,
                    key,
                    "missing required key (an oscillating_roller needs pivot_distance and arm_length)".into(),
                )),
                None => Ok(0.0),
            }
        };
        let follower = Follower {
            kind,
            rotation,
            base_circle_radius,
            roller_radius: self.roller_radius.map_or(0.0, |n| n.0),
            offset: self.offset.map_or(0.0, |n| n.0),
            pivot_distance: required(self.pivot_distance, "pivot_distance")?,
            arm_length: required(self.arm_length, "arm_length")?,
        };
        follower.validate_for(program).map_err(|e| match e {
            Error::InvalidParameter { field, value, reason } => {
                Error::InvalidParameter { field: format!("follower.{field}"), value, reason }
            }
            other => other,
        })?;
        Ok(follower)
    }
}
