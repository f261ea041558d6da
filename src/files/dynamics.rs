//! The optional `[dynamics]` table of a parameter file: the follower's mass, spring, damper and
//! external load for the dynamics check ([`crate::FollowerDynamics`]).
//!
//! ```toml
//! [dynamics]
//! mass_kg = 0.0657               # required
//! spring_rate_n_per_mm = 20      # optional, default 0
//! spring_preload_n = 250         # optional, default 0
//! damping_n_s_per_mm = 0         # optional, default 0
//! external_force_n = 0           # optional, default 0 (positive presses onto the cam)
//! ```
//!
//! A file without the table describes a cam as before; `campro_motion_load` and
//! [`crate::Program::load`] accept the table and ignore it.

use super::locate::Locator;
use super::values::{read_as_table, Number};
use super::{decode, read, FileFormat, ParameterFile};
use crate::dynamics::{FieldNames, FollowerDynamics};
// Not `Result`: `read_as_table!` writes `Result<T, E>` and means the standard one.
use crate::error::Error;
use crate::program::Program;
use serde::Deserialize;
use std::path::Path;

/// The `[dynamics]` table as written.
#[derive(Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct DynamicsTable {
    pub mass_kg: Option<Number>,
    pub spring_rate_n_per_mm: Option<Number>,
    pub spring_preload_n: Option<Number>,
    pub damping_n_s_per_mm: Option<Number>,
    pub external_force_n: Option<Number>,
}
read_as_table!(DynamicsTable, "dynamics table");

/// How errors name the table's keys.
const KEYS: FieldNames = FieldNames {
    mass: "dynamics.mass_kg",
    spring_rate: "dynamics.spring_rate_n_per_mm",
    spring_preload: "dynamics.spring_preload_n",
    damping: "dynamics.damping_n_s_per_mm",
    external_force: "dynamics.external_force_n",
};

impl DynamicsTable {
    fn interpret(self, source: &str) -> crate::Result<FollowerDynamics> {
        let mass = self.mass_kg.ok_or_else(|| Error::Parse {
            source_name: source.to_string(),
            line: None,
            key: KEYS.mass.to_string(),
            message: "missing required key (a [dynamics] table gives the moving mass in kg)".into(),
        })?;
        let or_zero = |n: Option<Number>| n.map_or(0.0, |n| n.0);
        let dynamics = FollowerDynamics {
            mass: mass.0,
            spring_rate: or_zero(self.spring_rate_n_per_mm),
            spring_preload: or_zero(self.spring_preload_n),
            damping: or_zero(self.damping_n_s_per_mm),
            external_force: or_zero(self.external_force_n),
        };
        dynamics.validate_named(&KEYS)?;
        Ok(dynamics)
    }
}

/// Parses a parameter file with its optional `[dynamics]` table.
/// A lift table named in it is relative to `base` (the file's folder).
fn parse(
    text: &str,
    format: FileFormat,
    source: &str,
    base: &Path,
) -> crate::Result<(Program, Option<FollowerDynamics>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut document = decode::document(text, format, source)?;
    let table = document.dynamics.take();
    let locator = Locator::new(text, format, source);
    let file: ParameterFile = document.interpret(source, base).map_err(|e| locator.locate(e))?;
    let program = file.program().map_err(|e| locator.locate(e))?;
    let dynamics = table.map(|t| t.interpret(source)).transpose().map_err(|e| locator.locate(e))?;
    Ok((program, dynamics))
}

impl Program {
    /// The program of a parameter file and the follower of its `[dynamics]` table, if any
    /// (see [`Program::load`]; errors in the table name the file, the line and the key, e.g.
    /// `cam.toml:12: dynamics.mass_kg = -1: must be finite and > 0 kg`).
    pub fn load_with_dynamics(path: &Path) -> crate::Result<(Program, Option<FollowerDynamics>)> {
        let text = read::text(path, read::FileKind::Parameters)?;
        let format = FileFormat::from_path(path).unwrap_or_else(|| FileFormat::sniff(&text));
        let base = path.parent().unwrap_or(Path::new(""));
        parse(&text, format, &path.display().to_string(), base)
    }

    /// As [`Program::load_with_dynamics`] for a text in `format`; `source_name` starts every
    /// error message.
    pub fn parse_with_dynamics(
        text: &str,
        format: FileFormat,
        source_name: &str,
    ) -> crate::Result<(Program, Option<FollowerDynamics>)> {
        parse(text, format, source_name, Path::new(""))
    }
}

impl FollowerDynamics {
    /// The `[dynamics]` table of the parameter file at `path` (`None` if it has none); the
    /// whole file is checked, so a file with a bad cam is an error too.
    pub fn load(path: &Path) -> crate::Result<Option<FollowerDynamics>> {
        Ok(Program::load_with_dynamics(path)?.1)
    }
}
