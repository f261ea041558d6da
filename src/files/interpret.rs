//! What a parameter file means: the CamProV5 parameter set, or rpm with a segment list. Decides
//! the form, checks that the form's required keys are given and that no key of the other form
//! is, and turns law names into laws. Errors carry the key; `Locator::locate` adds the line.

use super::model::{Document, SegmentTable, SpeedTable};
use super::values::LawName;
use super::ParameterFile;
use crate::error::{Error, Result};
use crate::law::Law;
use crate::params::Parameters;
use crate::program::{Limits, Segment};
use std::path::Path;

impl Document {
    /// The file's meaning; `source` names the file in errors; a lift table's path is relative
    /// to `base` (the parameter file's folder).
    pub(super) fn interpret(mut self, source: &str, base: &Path) -> Result<ParameterFile> {
        // --- lift tables and variable speed (0.2) ---
        let speed = self.speed.take();
        let file = match (self.segment.is_some(), self.lift_table.take()) {
            (true, Some(name)) => {
                return Err(parse_error(
                    source,
                    "lift_table",
                    format!(
                        "not allowed beside a segment list (value {:?}): a file gives the CamProV5 parameter set, \
                         rpm with a [[segment]] list, or rpm with a lift_table",
                        name.0
                    ),
                ))
            }
            (false, Some(name)) => self.lift_table_form(&name.0, source, base)?,
            (_, None) => {
                if let Some(smoothing) = self.smoothing {
                    return Err(parse_error(
                        source,
                        "smoothing",
                        format!("only with a lift_table (value {})", smoothing.0),
                    ));
                }
                match self.segment.take() {
                    Some(list) => self.segment_form(list.0, source)?,
                    None => self.parameter_set(source)?,
                }
            }
        };
        match speed {
            Some(list) => speed_profile(file, list.0, source),
            None => Ok(file),
        }
    }

    fn parameter_set(self, source: &str) -> Result<ParameterFile> {
        let mut p = Parameters::default();
        for (name, value) in self.parameter_numbers() {
            let value = value.ok_or_else(|| {
                parse_error(
                    source,
                    name,
                    format!(
                        "missing required key (a CamProV5 parameter file gives all of: {}; or use rpm and a [[segment]] list)",
                        Parameters::NUMERIC_FIELDS.join(", ")
                    ),
                )
            })?;
            *p.numeric_field_mut(name).expect("parameter_numbers names the numeric fields") = value;
        }
        if let Some(name) = &self.rise_law {
            p.rise_law = law(name, "rise_law")?;
        }
        if let Some(name) = &self.fall_law {
            p.fall_law = law(name, "fall_law")?;
        }
        Ok(ParameterFile::Parameters(p))
    }

    /// What a segment list and a lift table share: the CamProV5 parameter-set keys are refused
    /// beside `form` (`instead` says why), rpm is required (`why_rpm`), the base circle radius
    /// (validated) and the limits are optional.
    fn speed_circle_and_limits(
        &self,
        source: &str,
        form: &str,
        instead: &str,
        why_rpm: &str,
    ) -> Result<(f64, Option<f64>, Limits)> {
        let n = |x: Option<super::values::Number>| x.map(|n| n.0.to_string());
        let parameter_set_only = [
            ("max_lift", n(self.max_lift)),
            ("cam_duration", n(self.cam_duration)),
            ("rise_duration", n(self.rise_duration)),
            ("dwell_duration", n(self.dwell_duration)),
            ("fall_duration", n(self.fall_duration)),
            ("rise_law", self.rise_law.as_ref().map(|l| format!("{:?}", l.0))),
            ("fall_law", self.fall_law.as_ref().map(|l| format!("{:?}", l.0))),
        ];
        for (key, value) in parameter_set_only {
            if let Some(value) = value {
                return Err(parse_error(source, key, format!("not allowed beside {form} (value {value}): {instead}")));
            }
        }
        let rpm = self.rpm.ok_or_else(|| parse_error(source, "rpm", format!("missing required key ({why_rpm})")))?.0;
        let base_circle_radius = self.base_circle_radius.map(|r| r.0);
        if let Some(r) = base_circle_radius {
            crate::program::validate_base_circle_radius(r)?;
        }
        let mut limits = Limits::NONE;
        for (limit, value) in [
            (&mut limits.velocity, self.velocity_limit),
            (&mut limits.acceleration, self.acceleration_limit),
            (&mut limits.jerk, self.jerk_limit),
        ] {
            if let Some(value) = value {
                *limit = value.0;
            }
        }
        Ok((rpm, base_circle_radius, limits))
    }

    fn segment_form(self, list: Vec<SegmentTable>, source: &str) -> Result<ParameterFile> {
        let (rpm, base_circle_radius, limits) = self.speed_circle_and_limits(
            source,
            "a segment list",
            "a file gives either the CamProV5 parameter set or rpm with a [[segment]] list",
            "a [[segment]] list needs the cam speed rpm",
        )?;
        let mut segments = Vec::with_capacity(list.len());
        for (i, table) in list.into_iter().enumerate() {
            let missing = |key: &str| {
                parse_error(
                    source,
                    &format!("segments[{i}].{key}"),
                    "missing required key (a segment gives law, duration, end_lift)".into(),
                )
            };
            let name = table.law.ok_or_else(|| missing("law"))?;
            let duration = table.duration.ok_or_else(|| missing("duration"))?.0;
            let end_lift = table.end_lift.ok_or_else(|| missing("end_lift"))?.0;
            segments.push(Segment { law: law(&name, &format!("segments[{i}].law"))?, duration, end_lift });
        }
        Ok(ParameterFile::Segments { segments, rpm, limits, base_circle_radius })
    }
}

// --- lift tables and variable speed (0.2) ---

impl Document {
    /// rpm with a lift table (and optionally smoothing, limits and the base circle radius).
    fn lift_table_form(self, name: &str, source: &str, base: &Path) -> Result<ParameterFile> {
        let (rpm, base_circle_radius, limits) = self.speed_circle_and_limits(
            source,
            "a lift_table",
            "the lift table is the cam",
            "a lift_table needs the cam speed rpm",
        )?;
        let path = base.join(name);
        let table = super::lift_csv::read(&path, &path.display().to_string())?;
        Ok(ParameterFile::LiftTable {
            path,
            theta_deg: table.theta_deg,
            lift_mm: table.lift_mm,
            lines: table.lines,
            rpm,
            smoothing: self.smoothing.map_or(0.0, |s| s.0),
            limits,
            base_circle_radius,
        })
    }
}

/// `file` driven by the `[[speed]]` points.
fn speed_profile(file: ParameterFile, list: Vec<SpeedTable>, source: &str) -> Result<ParameterFile> {
    let (mut time_s, mut rpm) = (Vec::with_capacity(list.len()), Vec::with_capacity(list.len()));
    for (i, point) in list.into_iter().enumerate() {
        let missing = |key: &str| {
            parse_error(
                source,
                &format!("speed[{i}].{key}"),
                "missing required key (a speed point gives time, rpm)".into(),
            )
        };
        time_s.push(point.time.ok_or_else(|| missing("time"))?.0);
        rpm.push(point.rpm.ok_or_else(|| missing("rpm"))?.0);
    }
    Ok(ParameterFile::WithSpeed { file: Box::new(file), time_s, rpm })
}

fn parse_error(source: &str, key: &str, message: String) -> Error {
    Error::Parse { source_name: source.to_string(), line: None, key: key.to_string(), message }
}

/// The law a name gives (`cycloidal`, `3-4-5`, `Simple Harmonic`, ...).
fn law(name: &LawName, field: &str) -> Result<Law> {
    Law::from_name(&name.0).ok_or_else(|| {
        let valid: Vec<&str> = Law::ALL.iter().map(|l| l.name()).collect();
        Error::invalid(field, format!("{:?}", name.0), format!("unknown motion law (valid: {})", valid.join(", ")))
    })
}
