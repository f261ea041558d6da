//! The table writers: Abaqus / CalculiX `*AMPLITUDE`, LS-DYNA `*DEFINE_CURVE`, CSV.

use super::{Table, TableFormat, TableLabels};
use crate::atomic::write_atomically;
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

/// Powers of ten that are exact doubles.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// What a reader gets back from [`format_e12`]`(x)`: `x` rounded to 13 significant digits, as
/// the double nearest that decimal. These are the times and values a solver reads from an Abaqus
/// or LS-DYNA table; the sampler puts its points on them and checks what they give.
pub(crate) fn written(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x + 0.0;
    }
    written_arithmetic(x).unwrap_or_else(|| format_e12(x).parse().unwrap_or(x))
}

/// [`written`] without formatting text, when the rounding is certain: `x * 10^k` for the `k`
/// that makes it a 13-digit integer is correctly rounded (an exact power of ten), so it is
/// within 2^-10 of the exact product; unless that is within 1/64 of a half (a tie, or too near
/// one to tell) or of the decade's ends, its nearest integer `n` is the 13 digits
/// `format_e12` prints, and `n / 10^k` (one correctly rounded division) is the double nearest
/// the decimal. Otherwise `None`, and the text decides.
fn written_arithmetic(x: f64) -> Option<f64> {
    let a = x.abs();
    let k = 12 - a.log10().floor() as i32;
    let power = *EXACT_POWERS_OF_TEN.get(k.unsigned_abs() as usize)?;
    let scaled = if k >= 0 { a * power } else { a / power };
    if !(1e12 + 1.0..1e13 - 1.0).contains(&scaled) || (scaled - scaled.floor() - 0.5).abs() < 1.0 / 64.0 {
        return None;
    }
    let n = scaled.round();
    let rounded = if k >= 0 { n / power } else { n * power };
    Some(rounded.copysign(x))
}

/// The decimal exponent [`format_e12`] writes for `x` (finite; 0 for 0).
pub(crate) fn decimal_exponent(x: f64) -> i32 {
    let text = format!("{x:.12e}");
    text.rsplit_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0)
}

/// The smallest written value (see [`written`]) above `x`.
pub(crate) fn written_above(x: f64) -> f64 {
    let w = written(x);
    if w > x {
        return w;
    }
    // From a tenth of a unit in the 13th digit (one unit of the decade below, where `w` is a
    // power of ten approached from above), doubled until the rounding moves: never past the
    // next written value.
    let mut step = 10f64.powi(decimal_exponent(w) - 13);
    loop {
        let up = written(w + step);
        if up > w {
            return up;
        }
        step *= 2.0;
    }
}

/// The largest written value below `x`.
pub(crate) fn written_below(x: f64) -> f64 {
    -written_above(-x)
}

impl Table {
    fn summary_lines(&self) -> Vec<String> {
        let unit = self.quantity.unit();
        let mut lines = vec![
            format!("campro {}: follower {} [{unit}] against time [s]", crate::VERSION, self.quantity.name()),
            self.speed_line(),
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

    /// The header line on the cam speed and the span.
    fn speed_line(&self) -> String {
        let span = format!("span {} s to {} s", self.times[0], self.times[self.times.len() - 1]);
        // --- variable speed (0.2) ---
        if let (Some(first), Some(last)) = (self.speed_points.first(), self.speed_points.last()) {
            return format!(
                "cam speed piecewise linear in time through {} (time, rpm) points, {} rpm at {} s to {} rpm at {} s \
                 (held outside); {span}",
                self.speed_points.len(),
                first.1,
                first.0,
                last.1,
                last.0
            );
        }
        format!("cam at {} rpm (period {} s); {span}", self.rpm, 60.0 / self.rpm)
    }

    /// Writes the table in `format` with default labels (amplitude `CAM`, curve id 1).
    pub fn write(&self, format: TableFormat, out: &mut dyn Write) -> io::Result<()> {
        self.write_labeled(format, &TableLabels::default(), out)
    }

    /// Writes the table in `format`. A table [`Table::check_writable`] refuses is not written at
    /// all: the error (`InvalidInput`, naming the field and value) comes before the first byte.
    pub fn write_labeled(&self, format: TableFormat, labels: &TableLabels, out: &mut dyn Write) -> io::Result<()> {
        self.check_writable(format, labels).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
        out.write_all(self.text(format, labels).as_bytes())
    }

    /// Writes the table to the file `path` in `format`, whole or not at all
    /// ([`write_atomically`]): a failure part-way (disk full, quota, a refused table) leaves the
    /// previous file untouched and no partial file, so the point count in a file's header is
    /// always the number of points in it.
    pub fn write_file(&self, path: &Path, format: TableFormat, labels: &TableLabels) -> Result<()> {
        self.check_writable(format, labels)?;
        let text = self.text(format, labels);
        write_atomically(path, |out| out.write_all(text.as_bytes()))
    }

    /// As [`Table::write_file`], with 0.1's argument order.
    pub fn save(&self, format: TableFormat, labels: &TableLabels, path: &Path) -> Result<()> {
        self.write_file(path, format, labels)
    }

    /// What every writer checks first: the label `format` writes follows the solver's rules
    /// ([`TableLabels::validate_for`]); times and values pair up, at least two of them; the
    /// times are finite and strictly increasing; every value is finite (a table with a
    /// non-finite value is never written).
    pub fn check_writable(&self, format: TableFormat, labels: &TableLabels) -> Result<()> {
        labels.validate_for(format)?;
        if self.times.len() != self.values.len() || self.times.len() < 2 {
            return Err(Error::invalid(
                "times.len",
                self.times.len(),
                format!("a table needs at least two points, one value each ({} values)", self.values.len()),
            ));
        }
        for (i, (&t, &v)) in self.times.iter().zip(&self.values).enumerate() {
            if !t.is_finite() || (i > 0 && t <= self.times[i - 1]) {
                return Err(Error::invalid(format!("times[{i}]"), t, "times must be finite and strictly increasing"));
            }
            if !v.is_finite() {
                return Err(Error::invalid(
                    format!("values[{i}]"),
                    v,
                    format!(
                        "the {} at t = {t} s is not finite: a table with a non-finite value is never written",
                        self.quantity.name()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The file's text.
    fn text(&self, format: TableFormat, labels: &TableLabels) -> String {
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
                // --- tables read as meant (0.2, issue 12) ---
                // SMOOTH=0.0: no smoothing, so the solver interpolates linearly, as the tolerance
                // assumes. Abaqus' defaults (Abaqus/CAE "Use solver default": 0.25 in Standard, 0.0
                // in Explicit) blend each point's neighbourhood (SMOOTH of each interval) with a
                // quadratic whenever time derivatives are needed (displacement or velocity
                // boundary conditions in dynamics). CalculiX does not know the parameter: it warns
                // and ignores it (its tables are linear).
                let _ = writeln!(
                    text,
                    "** SMOOTH=0.0: linear interpolation between the points, as the tolerance assumes (Abaqus/Standard would otherwise smooth by 0.25)"
                );
                let _ = writeln!(
                    text,
                    "*AMPLITUDE, NAME={}, DEFINITION=TABULAR, TIME=TOTAL TIME, SMOOTH=0.0",
                    labels.amplitude_name
                );
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
                // --- tables read as meant (0.2, issue 12) ---
                // LCINT (card 1, field 8) = the number of points: LS-DYNA rediscretizes curves into
                // LCINT equally spaced points where it does (curves used by material models; the
                // default comes from *CONTROL_SOLUTION, 100), so a table of n points is never
                // resampled more coarsely than written. SIDR = 0: transient use only.
                let _ = writeln!(
                    text,
                    "$ LCINT = {}: the point count, so no rediscretization (default 100, *CONTROL_SOLUTION) coarsens the curve",
                    self.len()
                );
                let _ = writeln!(text, "*DEFINE_CURVE");
                let _ =
                    writeln!(text, "$#    lcid      sidr       sfa       sfo      offa      offo    dattyp     lcint");
                let _ = writeln!(
                    text,
                    "{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}",
                    labels.curve_id,
                    0,
                    "1.0",
                    "1.0",
                    "0.0",
                    "0.0",
                    0,
                    self.len()
                );
                let _ = writeln!(text, "$#                a1                  o1");
                for (t, v) in self.times.iter().zip(&self.values) {
                    let _ = writeln!(text, "{:>20}{:>20}", format_e12(*t), format_e12(*v));
                }
                let _ = writeln!(text, "*END");
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arithmetic rounding agrees with the text, bit for bit, across magnitudes, near ties
    /// and at decade ends; values written are fixed points.
    #[test]
    fn written_is_what_the_text_reads_back() {
        let text = |x: f64| format_e12(x).parse::<f64>().unwrap();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut random = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut xs =
            vec![1.0, 1e4, 9.9999999999995e3, 9.99999999999949e3, 1e-300, 1e300, 0.005, 0.0125, 123.4567890123456];
        for _ in 0..200_000 {
            let exponent = (random() % 60) as i32 - 30;
            let mantissa = 1.0 + (random() >> 11) as f64 / (1u64 << 53) as f64 * 9.0;
            xs.push(mantissa * 10f64.powi(exponent));
            // Exactly on and next to a half unit of the 13th digit.
            let tie = (1e12 + (random() % 9_000_000_000_000) as f64 + 0.5) * 10f64.powi(exponent - 12);
            xs.extend([tie, tie.next_up(), tie.next_down()]);
        }
        for x in xs {
            for x in [x, -x] {
                assert_eq!(written(x).to_bits(), text(x).to_bits(), "{x:e}");
                assert_eq!(written(written(x)), written(x), "{x:e}");
            }
        }
        assert_eq!(written(0.0), 0.0);
    }

    #[test]
    fn written_neighbours() {
        assert_eq!(written_above(1e4), 1.000000000001e4);
        assert_eq!(written_below(1e4), 9.999999999999e3);
        assert_eq!(written_above(9.999999999999e3), 1e4);
        assert_eq!(written_above(0.0125), 1.250000000001e-2);
        assert_eq!(written_above(1.0000000000004e4), 1.000000000001e4);
        assert_eq!(written_below(1.0000000000004e4), 1e4);
    }

    #[test]
    fn e12_format() {
        assert_eq!(format_e12(0.0), "0.000000000000E+00");
        assert_eq!(format_e12(-0.0), "0.000000000000E+00");
        assert_eq!(format_e12(12.5), "1.250000000000E+01");
        assert_eq!(format_e12(-2.5e-7), "-2.500000000000E-07");
        assert_eq!(format_e12(1e100), "1.000000000000E+100");
    }
}
