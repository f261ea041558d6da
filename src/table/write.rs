//! The table writers: Abaqus / CalculiX `*AMPLITUDE`, LS-DYNA `*DEFINE_CURVE`, CSV.

use super::{Table, TableFormat, TableLabels};
use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

const RAMP_FRACTION: f64 = Table::RAMP_FRACTION;

/// `%.12E` as C prints it: 13 significant digits, a signed two-digit exponent (at most 19
/// characters, which fits the 20-character fields of CalculiX and LS-DYNA).
pub fn format_e12(x: f64) -> String {
    let x = if x == 0.0 { 0.0 } else { x };
    let s = format!("{x:.12E}");
    match s.split_once('E') {
        Some((mantissa, exponent)) => {
            let e: i32 = exponent.parse().unwrap_or(0);
            format!("{mantissa}E{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
        }
        None => s,
    }
}

impl Table {
    fn summary_lines(&self) -> Vec<String> {
        let unit = self.quantity.unit();
        let mut lines = vec![
            format!("campro {}: follower {} [{unit}] against time [s]", crate::VERSION, self.quantity.name()),
            format!(
                "cam at {} rpm (period {} s); span {} s to {} s",
                self.rpm,
                60.0 / self.rpm,
                self.times[0],
                self.times[self.times.len() - 1]
            ),
            format!(
                "{} points; linear interpolation within {:e} {unit} of the exact curve (achieved max error {:.3e} {unit})",
                self.len(),
                self.tolerance,
                self.max_error
            ),
            format!("{} segment boundaries included as points", self.segment_boundaries.len()),
        ];
        if !self.jumps.is_empty() {
            lines.push(format!(
                "{} jump(s) of the quantity drawn as ramps of {:e} s (the tolerance holds outside them)",
                self.jumps.len(),
                RAMP_FRACTION * 60.0 / self.rpm
            ));
        }
        lines
    }

    /// Writes the table in `format` with default labels (amplitude `CAM`, curve id 1).
    pub fn write(&self, format: TableFormat, out: &mut dyn Write) -> io::Result<()> {
        self.write_labeled(format, &TableLabels::default(), out)
    }

    /// Writes the table in `format`.
    pub fn write_labeled(&self, format: TableFormat, labels: &TableLabels, out: &mut dyn Write) -> io::Result<()> {
        let mut text = String::with_capacity(48 * self.len() + 1024);
        match format {
            TableFormat::Csv => {
                let _ = writeln!(text, "time_s,{}", self.column_name());
                for (t, v) in self.times.iter().zip(&self.values) {
                    let v = if *v == 0.0 { 0.0 } else { *v };
                    let _ = writeln!(text, "{t:e},{v:e}");
                }
            }
            TableFormat::AbaqusAmplitude => {
                for line in self.summary_lines() {
                    let _ = writeln!(text, "** {line}");
                }
                let _ = writeln!(
                    text,
                    "** use: *INCLUDE, INPUT=<this file>, then *BOUNDARY, AMPLITUDE={} with magnitude 1 (values in {})",
                    labels.amplitude_name,
                    self.quantity.unit()
                );
                let _ =
                    writeln!(text, "*AMPLITUDE, NAME={}, DEFINITION=TABULAR, TIME=TOTAL TIME", labels.amplitude_name);
                // Three pairs a line keeps lines under CalculiX's 132 characters.
                for (chunk_t, chunk_v) in self.times.chunks(3).zip(self.values.chunks(3)) {
                    let fields: Vec<String> = chunk_t
                        .iter()
                        .zip(chunk_v)
                        .map(|(t, v)| format!("{}, {}", format_e12(*t), format_e12(*v)))
                        .collect();
                    let _ = writeln!(text, "{}", fields.join(", "));
                }
            }
            TableFormat::LsDynaCurve => {
                let _ = writeln!(text, "*KEYWORD");
                for line in self.summary_lines() {
                    let _ = writeln!(text, "$ {line}");
                }
                let _ = writeln!(
                    text,
                    "$ units: time s, {} {} (consistent with mm, s, tonne, N)",
                    self.quantity.name(),
                    self.quantity.unit()
                );
                let _ = writeln!(text, "*DEFINE_CURVE");
                let _ = writeln!(text, "$#    lcid      sidr       sfa       sfo      offa      offo    dattyp");
                let _ = writeln!(
                    text,
                    "{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}",
                    labels.curve_id, 0, "1.0", "1.0", "0.0", "0.0", 0
                );
                let _ = writeln!(text, "$#                a1                  o1");
                for (t, v) in self.times.iter().zip(&self.values) {
                    let _ = writeln!(text, "{:>20}{:>20}", format_e12(*t), format_e12(*v));
                }
                let _ = writeln!(text, "*END");
            }
        }
        out.write_all(text.as_bytes())
    }

    /// Writes the table to `path` (created or replaced).
    pub fn save(&self, format: TableFormat, labels: &TableLabels, path: &Path) -> Result<()> {
        let io_error = |e: io::Error| Error::Io { path: path.display().to_string(), message: e.to_string() };
        let mut file = io::BufWriter::new(std::fs::File::create(path).map_err(io_error)?);
        self.write_labeled(format, labels, &mut file).map_err(io_error)?;
        file.flush().map_err(io_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e12_format() {
        assert_eq!(format_e12(0.0), "0.000000000000E+00");
        assert_eq!(format_e12(-0.0), "0.000000000000E+00");
        assert_eq!(format_e12(12.5), "1.250000000000E+01");
        assert_eq!(format_e12(-2.5e-7), "-2.500000000000E-07");
        assert_eq!(format_e12(1e100), "1.000000000000E+100");
    }
}
