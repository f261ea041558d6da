//! Parameter files: the CamProV5 design layer's `export_parameters_for_fea` export (a flat TOML
//! or JSON object of the ten design parameters, plus optional `rise_law` / `fall_law` names), and
//! a richer form with `rpm` and an explicit segment list (law name, duration, end lift).
//!
//! The text is read by the standard parsers (`toml`, `serde_json`) into a serde model of what a
//! file may say (`model.rs`), which is then given its meaning (`interpret.rs`). Any valid TOML
//! or JSON with the same meaning is accepted (`[[segment]]` tables or an array of inline tables,
//! integers where numbers are expected). Syntax errors, unknown keys, wrong types and missing
//! keys are [`Error::Parse`] naming the file, line and key; impossible values are
//! [`Error::InvalidParameter`] whose field is prefixed with `file:line: `.

mod decode;
// --- cam geometry (0.2) ---
mod follower;
mod interpret;
// --- lift tables (0.2) ---
mod lift_csv;
mod locate;
mod model;
mod read;
mod values;
// --- follower dynamics (0.2) ---
mod dynamics;

#[cfg(doc)]
use crate::error::Error;
use crate::error::Result;
use crate::params::Parameters;
use crate::program::{Limits, Program, Segment};
use std::path::{Path, PathBuf};

/// The syntax of a parameter file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// TOML (any valid TOML document: `key = value` lines, `[[segment]]` tables or inline
    /// tables, comments).
    Toml,
    /// JSON: one object.
    Json,
}

impl FileFormat {
    /// The format a file name implies: `.json` is JSON, `.toml` TOML; otherwise `None`.
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(FileFormat::Json),
            "toml" => Some(FileFormat::Toml),
            _ => None,
        }
    }

    /// Guesses from the text: a first non-blank `{` is JSON, anything else TOML.
    pub fn sniff(text: &str) -> FileFormat {
        if text.trim_start().starts_with('{') {
            FileFormat::Json
        } else {
            FileFormat::Toml
        }
    }
}

/// What a parameter file describes, validated.
#[derive(Clone, Debug, PartialEq)]
pub enum ParameterFile {
    /// The flat CamProV5 parameter set.
    Parameters(Parameters),
    /// An explicit segment list.
    Segments {
        /// The segments, in order, covering 360 degrees.
        segments: Vec<Segment>,
        /// Revolutions per minute.
        rpm: f64,
        /// Optional `velocity_limit`, `acceleration_limit`, `jerk_limit` (+infinity when absent).
        limits: Limits,
        /// Optional `base_circle_radius`, mm.
        base_circle_radius: Option<f64>,
    },
    // --- lift tables and variable speed (0.2) ---
    /// A cam from a lift table: `lift_table = "valve_lift.csv"` (a CSV file of
    /// `theta_deg,lift_mm` rows, header optional, relative to the parameter file) with `rpm`,
    /// optional `smoothing` (mm RMS, default 0), limits and `base_circle_radius`.
    LiftTable {
        /// The CSV file, as resolved against the parameter file's folder.
        path: PathBuf,
        /// Cam angles, degrees.
        theta_deg: Vec<f64>,
        /// Lifts, mm.
        lift_mm: Vec<f64>,
        /// The 1-based line of each row in the CSV file.
        lines: Vec<usize>,
        /// Revolutions per minute.
        rpm: f64,
        /// RMS deviation allowed from the points, mm (0: through every point).
        smoothing: f64,
        /// Optional limits (+infinity when absent).
        limits: Limits,
        /// Optional `base_circle_radius`, mm.
        base_circle_radius: Option<f64>,
    },
    /// Any of the above driven by a `[[speed]]` list of (`time` s, `rpm`) points.
    WithSpeed {
        /// The cam.
        file: Box<ParameterFile>,
        /// The points' times, s.
        time_s: Vec<f64>,
        /// The points' speeds, rpm.
        rpm: Vec<f64>,
    },
}

/// The largest parameter file read, in bytes (16 MiB; a real one is a few hundred bytes).
/// A larger file is refused with [`Error::Io`] without being read.
pub const MAX_PARAMETER_FILE_BYTES: u64 = 16 << 20;

impl ParameterFile {
    /// Parses and validates `text` in `format`; `source_name` (usually the path) starts every
    /// error message.
    pub fn parse(text: &str, format: FileFormat, source_name: &str) -> Result<ParameterFile> {
        Ok(parse_program(text, format, source_name)?.0)
    }

    /// [`ParameterFile::parse`] of TOML text.
    pub fn from_toml_str(text: &str, source_name: &str) -> Result<ParameterFile> {
        ParameterFile::parse(text, FileFormat::Toml, source_name)
    }

    /// [`ParameterFile::parse`] of JSON text.
    pub fn from_json_str(text: &str, source_name: &str) -> Result<ParameterFile> {
        ParameterFile::parse(text, FileFormat::Json, source_name)
    }

    /// Reads and parses a file; the format follows the extension (`.toml`, `.json`), else the
    /// first character (`{`: JSON). Only a regular file of at most [`MAX_PARAMETER_FILE_BYTES`] is
    /// read; anything else, or a file that cannot be read, is [`Error::Io`].
    pub fn load(path: &Path) -> Result<ParameterFile> {
        Ok(load_program(path)?.0)
    }

    /// The program the file describes.
    pub fn program(&self) -> Result<Program> {
        match self {
            ParameterFile::Parameters(p) => p.program(),
            ParameterFile::Segments { segments, rpm, limits, base_circle_radius } => {
                let program = Program::from_segments(segments, *rpm)?.with_limits(*limits)?;
                Ok(match base_circle_radius {
                    Some(r) => program.with_base_circle_radius(*r),
                    None => program,
                })
            }
            // --- lift tables and variable speed (0.2) ---
            ParameterFile::LiftTable {
                path,
                theta_deg,
                lift_mm,
                lines,
                rpm,
                smoothing,
                limits,
                base_circle_radius,
            } => {
                let table =
                    lift_csv::CsvTable { theta_deg: theta_deg.clone(), lift_mm: lift_mm.clone(), lines: lines.clone() };
                let program = Program::from_lift_table(theta_deg, lift_mm, *rpm, *smoothing)
                    .map_err(|e| table.name_row(e, &path.display().to_string()))?
                    .with_limits(*limits)?;
                Ok(match base_circle_radius {
                    Some(r) => program.with_base_circle_radius(*r),
                    None => program,
                })
            }
            ParameterFile::WithSpeed { file, time_s, rpm } => {
                file.program()?.with_speed_profile(time_s, rpm).map_err(speed_field)
            }
        }
    }
}

impl Program {
    /// Loads a program from a parameter file (`.toml` or `.json`; see [`ParameterFile::load`]).
    /// A file that cannot be read is [`Error::Io`].
    pub fn load(path: &Path) -> Result<Program> {
        Ok(load_program(path)?.1)
    }

    /// The program of a TOML parameter text (errors name the source `<toml>`).
    pub fn from_toml_str(text: &str) -> Result<Program> {
        Ok(parse_program(text, FileFormat::Toml, "<toml>")?.1)
    }

    /// The program of a JSON parameter text (errors name the source `<json>`).
    pub fn from_json_str(text: &str) -> Result<Program> {
        Ok(parse_program(text, FileFormat::Json, "<json>")?.1)
    }
}

fn load_program(path: &Path) -> Result<(ParameterFile, Program)> {
    let text = read::text(path, read::FileKind::Parameters)?;
    let format = FileFormat::from_path(path).unwrap_or_else(|| FileFormat::sniff(&text));
    let base = path.parent().unwrap_or(Path::new(""));
    parse_program_in(&text, format, &path.display().to_string(), base)
}

/// [`parse_program_in`] of a text not read from a file: a lift table is relative to the current
/// directory.
fn parse_program(text: &str, format: FileFormat, source_name: &str) -> Result<(ParameterFile, Program)> {
    parse_program_in(text, format, source_name, Path::new(""))
}

fn parse_program_in(
    text: &str,
    format: FileFormat,
    source_name: &str,
    base: &Path,
) -> Result<(ParameterFile, Program)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = decode::document(text, format, source_name)?;
    let locator = locate::Locator::new(text, format, source_name);
    let file = document.interpret(source_name, base).map_err(|e| locator.locate(e))?;
    let program = file.program().map_err(|e| locator.locate(e))?;
    Ok((file, program))
}

// --- cam geometry (0.2) ---
impl Program {
    /// Loads a program and the follower of the file's optional `[follower]` table (its
    /// base_circle_radius defaults to the file's). A bad follower key is an error naming
    /// `follower.<key>` and its line.
    pub fn load_with_follower(path: &Path) -> Result<(Program, Option<crate::Follower>)> {
        let text = read::text(path, read::FileKind::Parameters)?;
        let format = FileFormat::from_path(path).unwrap_or_else(|| FileFormat::sniff(&text));
        let base = path.parent().unwrap_or(Path::new(""));
        parse_with_follower(&text, format, &path.display().to_string(), base)
    }

    /// As [`Program::load_with_follower`], from parameter text in `format`.
    pub fn parse_with_follower(text: &str, format: FileFormat) -> Result<(Program, Option<crate::Follower>)> {
        let source = match format {
            FileFormat::Toml => "<toml>",
            FileFormat::Json => "<json>",
        };
        parse_with_follower(text, format, source, Path::new(""))
    }
}

fn parse_with_follower(
    text: &str,
    format: FileFormat,
    source: &str,
    base: &Path,
) -> Result<(Program, Option<crate::Follower>)> {
    let (_, program) = parse_program_in(text, format, source, base)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut document = decode::document(text, format, source)?;
    let locator = locate::Locator::new(text, format, source);
    let follower = match document.follower.take() {
        Some(table) => Some(table.interpret(source, &program).map_err(|e| locator.locate(e))?),
        None => None,
    };
    Ok((program, follower))
}

// --- variable speed (0.2) ---

/// A speed-profile error of the core (`time_s[2]`, `rpm[2]`, `n`) named as the file's keys
/// (`speed[2].time`, `speed[2].rpm`, `speed`), so the locator finds its line.
fn speed_field(error: crate::Error) -> crate::Error {
    let crate::Error::InvalidParameter { field, value, reason } = error else { return error };
    let field = match field.split_once('[') {
        Some(("time_s", rest)) => format!("speed[{rest}.time"),
        Some(("rpm", rest)) => format!("speed[{rest}.rpm"),
        _ => "speed".to_string(),
    };
    crate::Error::InvalidParameter { field, value, reason }
}
