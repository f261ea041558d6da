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

use crate::error::{Error, Result};
use crate::kernels::Quantity;
use crate::kinematics::Kinematics;
use crate::program::{reduce_angle, Program, REVOLUTION_DEG};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

// Associated constants of `Table` (crate-level `pub const`s would land in the C header).
const RAMP_FRACTION: f64 = Table::RAMP_FRACTION;
const MAX_TABLE_POINTS: usize = Table::MAX_POINTS;
const MIN_RELATIVE_TOLERANCE: f64 = Table::MIN_RELATIVE_TOLERANCE;

/// Interior samples per chord while sampling.
const SAMPLES: usize = 16;
/// Interior samples per chord in the final check.
const CHECK_SAMPLES: usize = 48;
/// The sampler aims this far below the tolerance, so that repeating a revolution's pattern at a
/// later, differently rounded time stays within it.
const TARGET: f64 = 1.0 - 1e-3;

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
    /// Seconds, strictly increasing; the first is the span's start, the last its end.
    pub times: Vec<f64>,
    /// The exact quantity at each time (mm, mm/s or mm/s^2).
    pub values: Vec<f64>,
    /// The tolerance asked for, in the quantity's unit.
    pub tolerance: f64,
    /// The largest |linear interpolation - exact| found by the final dense check (ramps excluded).
    pub max_error: f64,
    /// Where that largest error is, s.
    pub max_error_time: f64,
    /// The segment boundaries inside the span (each is one of `times`).
    pub segment_boundaries: Vec<f64>,
    /// Jumps of the quantity drawn as ramps: `times[i]..times[i + 1]` for each index `i` here.
    pub jumps: Vec<usize>,
    /// The program's rpm, for the file headers.
    pub rpm: f64,
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

/// One cut of the span.
#[derive(Clone, Copy, Debug)]
struct Break {
    t: f64,
    /// Index of the piece starting here (within a revolution), when the cut is a piece boundary.
    piece: Option<usize>,
    segment: bool,
}

impl Program {
    /// Piece boundaries of one revolution: (angle in degrees, is a segment start), computed
    /// exactly as the program places its pieces.
    fn piece_starts(&self) -> Vec<(f64, bool)> {
        let mut starts = Vec::new();
        let mut start = 0.0;
        for segment in self.segments() {
            for (k, piece) in segment.law.pieces().as_slice().iter().enumerate() {
                starts.push((start + piece.u0 * segment.duration, k == 0));
            }
            start += segment.duration;
        }
        starts
    }

    /// The first time (to the last bit) at which the program evaluates the piece starting at
    /// cam angle `angle` in [0, 360), near `guess` seconds.
    fn boundary_time(&self, guess: f64, angle: f64) -> f64 {
        let dps = self.degrees_per_second();
        let at_or_after = |t: f64| {
            let d = reduce_angle(t * dps) - angle;
            let d = if d >= 180.0 {
                d - REVOLUTION_DEG
            } else if d < -180.0 {
                d + REVOLUTION_DEG
            } else {
                d
            };
            d >= 0.0
        };
        let mut t = guess;
        for _ in 0..64 {
            if at_or_after(t) {
                break;
            }
            t = next_up(t);
        }
        for _ in 0..64 {
            let before = next_down(t);
            if !at_or_after(before) {
                break;
            }
            t = before;
        }
        t
    }

    /// The times of every segment boundary in [t_start, t_end] (as the table includes them).
    pub fn segment_boundary_times(&self, t_start: f64, t_end: f64) -> Vec<f64> {
        self.breaks(t_start, t_end).iter().filter(|b| b.segment).map(|b| b.t).collect()
    }

    fn breaks(&self, t_start: f64, t_end: f64) -> Vec<Break> {
        let period = self.period();
        let dps = self.degrees_per_second();
        let starts = self.piece_starts();
        let eps = 1e-12 * period.max(t_start.abs()).max(t_end.abs());
        let mut breaks = vec![Break { t: t_start, piece: None, segment: false }];
        let first = (t_start / period).floor() as i64 - 1;
        let last = (t_end / period).ceil() as i64 + 1;
        let mut end = Break { t: t_end, piece: None, segment: false };
        for k in first..=last {
            for (i, &(angle, segment)) in starts.iter().enumerate() {
                let t = self.boundary_time((k as f64 * REVOLUTION_DEG + angle) / dps, angle);
                if (t - t_start).abs() <= eps {
                    breaks[0].piece = Some(i);
                    breaks[0].segment |= segment;
                } else if (t - t_end).abs() <= eps {
                    end.piece = Some(i);
                    end.segment |= segment;
                } else if t > t_start && t < t_end {
                    // Pieces of zero width share a start: keep the last (the one evaluated there).
                    match breaks.last_mut() {
                        Some(previous) if previous.t == t => {
                            previous.piece = Some(i);
                            previous.segment |= segment;
                        }
                        _ => breaks.push(Break { t, piece: Some(i), segment }),
                    }
                }
            }
        }
        breaks.push(end);
        breaks
    }

    /// Samples `quantity` over [t_start, t_end] seconds so that linear interpolation stays within
    /// `tolerance` (in the quantity's unit) of the exact curve; see the module docs.
    pub fn table(&self, quantity: Quantity, t_start: f64, t_end: f64, tolerance: f64) -> Result<Table> {
        self.table_with_progress(quantity, t_start, t_end, tolerance, &mut |_| {})
    }

    /// As [`Program::table`], calling `progress` with the fraction done (0..=1) now and then.
    pub fn table_with_progress(
        &self,
        quantity: Quantity,
        t_start: f64,
        t_end: f64,
        tolerance: f64,
        progress: &mut dyn FnMut(f64),
    ) -> Result<Table> {
        if quantity == Quantity::Jerk {
            return Err(Error::invalid(
                "quantity",
                "jerk",
                "tables are offered for displacement, velocity and acceleration",
            ));
        }
        for (name, value) in [("t_start", t_start), ("t_end", t_end)] {
            if !value.is_finite() {
                return Err(Error::invalid(name, value, "must be finite (seconds)"));
            }
        }
        if t_end <= t_start {
            return Err(Error::invalid("t_end", t_end, format!("must be greater than t_start = {t_start}")));
        }
        if !tolerance.is_finite() || tolerance <= 0.0 {
            return Err(Error::invalid("tolerance", tolerance, "must be finite and > 0"));
        }
        let scale = self.peak(quantity);
        if tolerance < MIN_RELATIVE_TOLERANCE * scale {
            return Err(Error::invalid(
                "tolerance",
                tolerance,
                format!("below what double precision can verify ({MIN_RELATIVE_TOLERANCE:e} x peak {scale:e})"),
            ));
        }
        let period = self.period();
        let revolutions = (t_end - t_start) / period;
        let pieces = self.piece_starts().len() as f64;
        if (revolutions + 2.0) * pieces * 2.0 > MAX_TABLE_POINTS as f64 {
            return Err(Error::invalid(
                "t_end",
                t_end,
                format!(
                    "the span holds {revolutions:.0} revolutions: the table would exceed {MAX_TABLE_POINTS} points"
                ),
            ));
        }
        Sampler::new(self, quantity, tolerance).run(t_start, t_end, progress)
    }

    /// Peak |quantity| over a revolution (displacement: the highest lift).
    fn peak(&self, quantity: Quantity) -> f64 {
        match quantity {
            Quantity::Displacement => self.max_lift(),
            _ => {
                let n = 36_000;
                (0..n)
                    .map(|i| quantity.of(&self.kinematics(i as f64 * REVOLUTION_DEG / n as f64)).abs())
                    .fold(0.0, f64::max)
            }
        }
    }
}

fn next_up(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == 0.0 {
        return f64::from_bits(1);
    }
    let bits = x.to_bits();
    f64::from_bits(if x > 0.0 { bits + 1 } else { bits - 1 })
}

fn next_down(x: f64) -> f64 {
    -next_up(-x)
}

/// The derivative of a quantity (the next one in order).
fn derivative(quantity: Quantity, k: &Kinematics) -> f64 {
    match quantity {
        Quantity::Displacement => k.velocity,
        Quantity::Velocity => k.acceleration,
        Quantity::Acceleration | Quantity::Jerk => k.jerk,
    }
}

struct Sampler<'a> {
    program: &'a Program,
    quantity: Quantity,
    tolerance: f64,
    times: Vec<f64>,
    values: Vec<f64>,
    jumps: Vec<usize>,
    /// Interior offsets (from the interval start) of each full piece interval already sampled.
    cache: Vec<Option<Vec<f64>>>,
}

impl<'a> Sampler<'a> {
    fn new(program: &'a Program, quantity: Quantity, tolerance: f64) -> Self {
        Sampler {
            program,
            quantity,
            tolerance,
            times: Vec::new(),
            values: Vec::new(),
            jumps: Vec::new(),
            cache: Vec::new(),
        }
    }

    fn kin(&self, t: f64) -> Kinematics {
        self.program.kinematics(self.program.angle_at_time(t))
    }

    fn q(&self, t: f64) -> f64 {
        self.quantity.of(&self.kin(t))
    }

    fn push(&mut self, t: f64, v: f64) -> Result<()> {
        if self.times.len() >= MAX_TABLE_POINTS {
            return Err(Error::invalid(
                "tolerance",
                self.tolerance,
                format!("the table would exceed {MAX_TABLE_POINTS} points; raise the tolerance or shorten the span"),
            ));
        }
        self.times.push(t);
        self.values.push(v);
        Ok(())
    }

    fn run(mut self, t_start: f64, t_end: f64, progress: &mut dyn FnMut(f64)) -> Result<Table> {
        let breaks = self.program.breaks(t_start, t_end);
        self.cache = vec![None; self.program.piece_starts().len()];
        let ramp = RAMP_FRACTION * self.program.period();
        let span = t_end - t_start;
        let mut reported = 0.0;
        progress(0.0);
        self.push(t_start, self.q(t_start))?;
        for pair in breaks.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let width = (b.t - a.t).min(ramp).min(0.25 * (b.t - a.t));
            let jump = b.piece.is_some() && self.has_jump(b.t, width);
            let end = if jump { b.t - width } else { b.t };
            // A whole piece (both ends are its boundaries) repeats every revolution.
            let key = match (a.piece, b.piece) {
                (Some(i), Some(_)) => Some(i),
                _ => None,
            };
            match key.and_then(|i| self.cache[i].clone()) {
                Some(offsets) => {
                    for offset in offsets {
                        let t = a.t + offset;
                        if t < end {
                            self.push(t, self.q(t))?;
                        }
                    }
                    self.push(end, self.q(end))?;
                }
                None => {
                    let first = self.times.len();
                    self.fill(a.t, end)?;
                    if let Some(i) = key {
                        let interior = &self.times[first..self.times.len() - 1];
                        self.cache[i] = Some(interior.iter().map(|t| t - a.t).collect());
                    }
                }
            }
            if jump {
                self.jumps.push(self.times.len() - 1);
                self.push(b.t, self.q(b.t))?;
            }
            let done = (b.t - t_start) / span;
            if done - reported >= 0.01 {
                reported = done;
                progress(done.min(1.0));
            }
        }
        progress(1.0);
        let (max_error, max_error_time) = self.check();
        Ok(Table {
            quantity: self.quantity,
            segment_boundaries: breaks.iter().filter(|b| b.segment).map(|b| b.t).collect(),
            times: self.times,
            values: self.values,
            tolerance: self.tolerance,
            max_error,
            max_error_time,
            jumps: self.jumps,
            rpm: self.program.rpm(),
        })
    }

    /// Does the quantity jump at `t` by more than a quarter of the tolerance?
    fn has_jump(&self, t: f64, width: f64) -> bool {
        let before = self.kin(t - width);
        let predicted = self.quantity.of(&before) + width * derivative(self.quantity, &before);
        (self.q(t) - predicted).abs() > 0.25 * self.tolerance
    }

    /// Largest |chord - exact| on (x0, x1) for the chord from (x0, f0) to (x1, f1), from `m`
    /// interior samples and the roots of the error's derivative between them.
    fn chord_error(&self, x0: f64, f0: f64, x1: f64, f1: f64, m: usize) -> (f64, f64) {
        let h = x1 - x0;
        let slope = (f1 - f0) / h;
        let error_at = |x: f64| {
            let k = self.kin(x);
            (self.quantity.of(&k) - (f0 + slope * (x - x0)), derivative(self.quantity, &k) - slope)
        };
        let mut worst = (0.0f64, x0);
        let mut previous: Option<(f64, f64)> = None;
        for i in 1..m {
            let x = x0 + h * (i as f64 / m as f64);
            let (e, g) = error_at(x);
            if e.abs() > worst.0 {
                worst = (e.abs(), x);
            }
            if let Some((xp, gp)) = previous {
                if (gp < 0.0) != (g < 0.0) {
                    // An extremum of the error between the two samples: bisect the derivative.
                    let (mut lo, mut hi, glo) = (xp, x, gp);
                    for _ in 0..24 {
                        let mid = 0.5 * (lo + hi);
                        let (_, gm) = error_at(mid);
                        if (gm < 0.0) == (glo < 0.0) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    let xm = 0.5 * (lo + hi);
                    let (em, _) = error_at(xm);
                    if em.abs() > worst.0 {
                        worst = (em.abs(), xm);
                    }
                }
            }
            previous = Some((x, g));
        }
        worst
    }

    /// Covers (a, b] greedily with the longest chords within the tolerance; pushes the points
    /// after `a` (the last one is `b`).
    fn fill(&mut self, a: f64, b: f64) -> Result<()> {
        let target = self.tolerance * TARGET;
        let fb = self.q(b);
        let min_step = 1e-13 * self.program.period().max(b.abs());
        let mut x0 = a;
        let mut f0 = self.q(a);
        let mut h = (b - a) / 16.0;
        loop {
            let rest = b - x0;
            if rest <= 0.0 {
                return Ok(());
            }
            let ok = |s: &Self, step: f64| -> (bool, f64) {
                let (x1, f1) = if step >= rest { (b, fb) } else { (x0 + step, s.q(x0 + step)) };
                (s.chord_error(x0, f0, x1, f1, SAMPLES).0 <= target, f1)
            };
            h = h.min(rest);
            let (mut lo, mut hi);
            let (good, _) = ok(self, h);
            if good {
                lo = h;
                loop {
                    let longer = (2.0 * lo).min(rest);
                    if longer == lo {
                        hi = lo;
                        break;
                    }
                    if ok(self, longer).0 {
                        lo = longer;
                    } else {
                        hi = longer;
                        break;
                    }
                }
            } else {
                hi = h;
                lo = 0.5 * h;
                while !ok(self, lo).0 {
                    hi = lo;
                    lo *= 0.5;
                    if lo < min_step {
                        return Err(Error::invalid(
                            "tolerance",
                            self.tolerance,
                            format!("too small to reach near t = {x0} s (rounding noise)"),
                        ));
                    }
                }
            }
            if lo < rest {
                while hi - lo > 2e-4 * lo {
                    let mid = 0.5 * (lo + hi);
                    if ok(self, mid).0 {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
            let (x1, f1) = if lo >= rest { (b, fb) } else { (x0 + lo, self.q(x0 + lo)) };
            self.push(x1, f1)?;
            x0 = x1;
            f0 = f1;
            h = lo;
        }
    }

    /// The final, denser check of every chord except the ramps: (max error, where).
    fn check(&self) -> (f64, f64) {
        let mut worst = (0.0, self.times[0]);
        let mut ramps = self.jumps.iter().peekable();
        for i in 0..self.times.len() - 1 {
            if ramps.peek() == Some(&&i) {
                ramps.next();
                continue;
            }
            let e =
                self.chord_error(self.times[i], self.values[i], self.times[i + 1], self.values[i + 1], CHECK_SAMPLES);
            if e.0 > worst.0 {
                worst = e;
            }
        }
        worst
    }
}

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

    #[test]
    fn next_up_down() {
        assert!(next_up(1.0) > 1.0 && next_down(1.0) < 1.0);
        assert_eq!(next_down(next_up(0.02)), 0.02);
        assert!(next_up(-1.0) > -1.0);
    }
}
