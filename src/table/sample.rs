//! Adaptive sampling of a quantity against time (see the module docs of `table`), and the
//! final dense check of the finished table.

use super::write::{decimal_exponent, written, written_above, written_below};
use super::Table;
use crate::error::{Error, Result};
use crate::kinematics::{Kinematics, Quantity};
use crate::program::{reduce_angle, Program, REVOLUTION_DEG};
// --- variable speed (0.2) ---
use super::crossings::piece_crossings;

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
/// Samplings tried: when the final check of the written table finds the tolerance exceeded (the
/// curve's own rounding noise far into a run: 1e-8 of a mm at 1e4 s), the next aims lower.
const ATTEMPTS: usize = 3;

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
        // --- lift tables (0.2): every interval of the table is a piece, none a segment.
        if let Some(table) = self.lift_table() {
            return table.piece_starts().iter().map(|&angle| (angle, false)).collect();
        }
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
        let at_or_after = |t: f64| {
            let d = reduce_angle(self.angle_at_time(t)) - angle;
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
            t = t.next_up();
        }
        for _ in 0..64 {
            let before = t.next_down();
            if !at_or_after(before) {
                break;
            }
            t = before;
        }
        t
    }

    /// The times of every segment boundary in [t_start, t_end] (as the table includes them: the
    /// first time on the written grid at which the program evaluates the new segment).
    pub fn segment_boundary_times(&self, t_start: f64, t_end: f64) -> Vec<f64> {
        self.breaks(written(t_start), written(t_end)).iter().filter(|b| b.segment).map(|b| b.t).collect()
    }

    /// The cuts of [t_start, t_end] (both on the written grid): its ends and every piece
    /// boundary, each at the first time on the written grid at which the program evaluates the
    /// new piece.
    fn breaks(&self, t_start: f64, t_end: f64) -> Vec<Break> {
        if self.speed_profile().is_some() {
            // Checked by `table_with_progress` before sampling: the count is within the limit.
            return self.varying_speed_breaks(t_start, t_end).unwrap_or_default();
        }
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
                let exact = self.boundary_time((k as f64 * REVOLUTION_DEG + angle) / dps, angle);
                let t = if written(exact) >= exact { written(exact) } else { written_above(exact) };
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

    // --- variable speed (0.2) ---

    /// [`Program::breaks`] under a speed profile: the span's ends, every piece boundary the cam
    /// passes (see `crossings.rs`) and every point of the profile (where the angular
    /// acceleration, and so the acceleration, may jump), each at the first time on the written
    /// grid at or after it.
    fn varying_speed_breaks(&self, t_start: f64, t_end: f64) -> Result<Vec<Break>> {
        let Some(profile) = self.speed_profile() else { return Ok(self.breaks(t_start, t_end)) };
        let starts = self.piece_starts();
        let piece_at = |t: f64| {
            let angle = reduce_angle(self.angle_at_time(t));
            starts.partition_point(|&(a, _)| a <= angle).saturating_sub(1)
        };
        let on_grid = |exact: f64| if written(exact) >= exact { written(exact) } else { written_above(exact) };
        let crossings = piece_crossings(self, profile, &starts, t_start, t_end, MAX_TABLE_POINTS / 2)?;
        let mut cuts: Vec<Break> = crossings
            .iter()
            .map(|c| Break { t: on_grid(c.t), piece: Some(c.piece), segment: c.segment })
            .chain(profile.times().map(|t| Break { t: on_grid(t), piece: Some(piece_at(on_grid(t))), segment: false }))
            .collect();
        cuts.sort_by(|a, b| a.t.total_cmp(&b.t));
        let mut breaks = vec![Break { t: t_start, piece: None, segment: false }];
        let mut end = Break { t: t_end, piece: None, segment: false };
        for cut in cuts {
            if cut.t == t_start {
                breaks[0].piece = cut.piece;
                breaks[0].segment |= cut.segment;
            } else if cut.t == t_end {
                end.piece = cut.piece;
                end.segment |= cut.segment;
            } else if cut.t > t_start && cut.t < t_end {
                match breaks.last_mut() {
                    Some(previous) if previous.t == cut.t => {
                        previous.piece = cut.piece;
                        previous.segment |= cut.segment;
                    }
                    _ => breaks.push(cut),
                }
            }
        }
        breaks.push(end);
        Ok(breaks)
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
            if !crate::program::time_accepted(value) {
                return Err(Error::invalid(
                    name,
                    value,
                    format!("beyond the exact time range |t| <= {:e} s (MAX_TIME_S)", crate::program::MAX_TIME_S),
                ));
            }
        }
        // The span's ends as the file writes them (13 significant digits).
        let (start, end) = (written(t_start), written(t_end));
        if end <= start {
            return Err(Error::invalid("t_end", t_end, format!("must be greater than t_start = {t_start}")));
        }
        if !tolerance.is_finite() || tolerance <= 0.0 {
            return Err(Error::invalid("tolerance", tolerance, "must be finite and > 0"));
        }
        let scale = self.peak(quantity, start, end);
        if !scale.is_finite() {
            return Err(Error::invalid(
                format!("peak {}", quantity.name()),
                scale,
                "the program's values are not finite: a table with a non-finite value is never written",
            ));
        }
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
        if self.speed_profile().is_some() {
            // Under a speed profile the crossings are counted instead (an error names t_end).
            self.varying_speed_breaks(start, end)?;
        } else if (revolutions + 2.0) * pieces * 2.0 > MAX_TABLE_POINTS as f64 {
            return Err(Error::invalid(
                "t_end",
                t_end,
                format!(
                    "the span holds {revolutions:.0} revolutions: the table would exceed {MAX_TABLE_POINTS} points"
                ),
            ));
        }
        // Far into a run the curve as evaluated carries rounding noise of its own (the time to
        // angle conversion): chords aim that much lower, and the reported error includes it.
        let noise = self.evaluation_noise(quantity, start, end);
        if noise > 0.5 * tolerance {
            return Err(beyond_written_precision(quantity, tolerance, t_start, start, LateLimit::Noise(noise)));
        }
        let mut aim = TARGET - noise / tolerance;
        let mut attempt = 1;
        loop {
            let mut table = Sampler::new(self, quantity, tolerance, aim, t_start).run(start, end, progress)?;
            table.max_error += noise;
            if table.max_error <= tolerance {
                return Ok(table);
            }
            // Slightly over (the curve's rounding noise): aim lower. Far over: it would not help.
            let excess = table.max_error / tolerance;
            if attempt == ATTEMPTS || excess.is_nan() || excess > 1.1 {
                return Err(beyond_written_precision(
                    quantity,
                    tolerance,
                    t_start,
                    table.max_error_time,
                    LateLimit::Error(table.max_error),
                ));
            }
            aim *= (1.0 - 1e-3) / excess;
            attempt += 1;
        }
    }

    /// The rounding noise of `quantity` as evaluated over [start, end] s: a few ulps of time
    /// apart the exact curve is a straight line to far below rounding, so second differences
    /// there are what rounding adds (0 but far into a run, where the time's conversion to an
    /// angle rounds the angle by its ulp). The larger over 256 probes, each the smaller of the
    /// second differences on either side of the probe (a jump of the quantity spoils one side
    /// at most).
    fn evaluation_noise(&self, quantity: Quantity, start: f64, end: f64) -> f64 {
        let q = |t: f64| quantity.of(&self.kinematics_at_time(t));
        (0..256)
            .map(|k| {
                // Spread by the golden ratio: no probe falls on the span's round fractions.
                let t = start + (end - start) * (k as f64 * 0.618_033_988_749_894_9).fract();
                let step = 4.0 * (t.abs() * f64::EPSILON).max(f64::MIN_POSITIVE);
                let v = [-2.0, -1.0, 0.0, 1.0, 2.0].map(|i| q(t + i * step));
                let (left, right) = (v[0] - 2.0 * v[1] + v[2], v[2] - 2.0 * v[3] + v[4]);
                left.abs().min(right.abs())
            })
            .fold(0.0, f64::max)
    }

    /// Peak |quantity| over a revolution (displacement: the highest lift); under a speed
    /// profile, over 36000 times of the span [start, end] and the profile's points in it.
    fn peak(&self, quantity: Quantity, start: f64, end: f64) -> f64 {
        match quantity {
            Quantity::Displacement => self.max_lift().max(-self.lift_table().map_or(0.0, |t| t.min_lift())),
            _ if self.speed_profile().is_some() => {
                let n = 36_000;
                let times = (0..=n).map(|i| start + (end - start) * i as f64 / n as f64);
                let points =
                    self.speed_profile().into_iter().flat_map(|p| p.times()).filter(|&t| t >= start && t <= end);
                times.chain(points).map(|t| quantity.of(&self.kinematics_at_time(t)).abs()).fold(0.0, f64::max)
            }
            _ => {
                let n = 36_000;
                (0..n)
                    .map(|i| quantity.of(&self.kinematics(i as f64 * REVOLUTION_DEG / n as f64)).abs())
                    .fold(0.0, f64::max)
            }
        }
    }
}

/// What stops a table far into a run.
enum LateLimit {
    /// The written table is off by this much at the time given.
    Error(f64),
    /// The curve as evaluated is this noisy (its time's conversion to an angle rounds).
    Noise(f64),
    /// No chord one step of the written time grid long keeps the tolerance.
    Grid,
}

/// The tolerance cannot be kept near `t`: far into a run the 13 significant digits of the written
/// times, or the rounding of the cam angle the time converts to, are too coarse for it.
fn beyond_written_precision(quantity: Quantity, tolerance: f64, t_start: f64, t: f64, limit: LateLimit) -> Error {
    let unit = quantity.unit();
    let step = written_above(written(t)) - written(t);
    let found = match limit {
        LateLimit::Error(error) => format!(" (the written table is off by {error:e} {unit} there)"),
        LateLimit::Noise(noise) => format!(" (the curve as evaluated there is noisy by {noise:e} {unit})"),
        LateLimit::Grid => String::new(),
    };
    Error::invalid(
        "t_start",
        t_start,
        format!(
            "the table cannot keep its tolerance {tolerance:e} {unit} near t = {t} s{found}: its times are written \
             with 13 significant digits ({step:e} s there) and the cam angle is rounded as finely, too coarse this \
             late in a run; start the table at an earlier time (e.g. a step time, TIME=STEP TIME in Abaqus) or \
             raise the tolerance"
        ),
    )
}

/// The derivative of a quantity (the next one in order).
fn derivative(quantity: Quantity, k: &Kinematics) -> f64 {
    match quantity {
        Quantity::Displacement => k.velocity,
        Quantity::Velocity => k.acceleration,
        Quantity::Acceleration | Quantity::Jerk => k.jerk,
    }
}

/// A whole piece interval's points, as offsets from its start, with what decides whether they
/// can be repeated at a later start: on the same written time grid (the start's decade) they
/// land where they did; on a coarser grid each moves by up to half its step, which changes a
/// chord's error by a fraction 4 step / chord of it, fine while that stays far below the
/// sampler's margin (1 - TARGET).
#[derive(Clone)]
struct Pattern {
    offsets: Vec<f64>,
    decade: i32,
    shortest_chord: f64,
}

impl Pattern {
    fn repeats_at(&self, start: f64, end: f64) -> bool {
        let step = written_above(end) - written(end);
        decimal_exponent(start) == self.decade && decimal_exponent(end) == self.decade
            || 4.0 * step <= 0.1 * (1.0 - TARGET) * self.shortest_chord
    }
}

struct Sampler<'a> {
    program: &'a Program,
    quantity: Quantity,
    tolerance: f64,
    /// The fraction of the tolerance each chord aims at.
    aim: f64,
    t_start: f64,
    times: Vec<f64>,
    values: Vec<f64>,
    jumps: Vec<usize>,
    /// The pattern of each full piece interval already sampled.
    cache: Vec<Option<Pattern>>,
}

impl<'a> Sampler<'a> {
    fn new(program: &'a Program, quantity: Quantity, tolerance: f64, aim: f64, t_start: f64) -> Self {
        Sampler {
            program,
            quantity,
            tolerance,
            aim,
            t_start,
            times: Vec::new(),
            values: Vec::new(),
            jumps: Vec::new(),
            cache: Vec::new(),
        }
    }

    fn kin(&self, t: f64) -> Kinematics {
        // The time-based kinematics: under a speed profile, by the chain rule.
        self.program.kinematics_at_time(t)
    }

    fn q(&self, t: f64) -> f64 {
        self.quantity.of(&self.kin(t))
    }

    /// Appends a point (`t` on the written grid, after the last point).
    fn push(&mut self, t: f64, v: f64) -> Result<()> {
        if self.times.len() >= MAX_TABLE_POINTS {
            return Err(Error::invalid(
                "tolerance",
                self.tolerance,
                format!("the table would exceed {MAX_TABLE_POINTS} points; raise the tolerance or shorten the span"),
            ));
        }
        if !v.is_finite() {
            return Err(Error::invalid(
                format!("{} at t = {t} s", self.quantity.name()),
                v,
                "the program's value is not finite there: a table with a non-finite value is never written",
            ));
        }
        debug_assert!(self.times.last().is_none_or(|&last| t > last) && written(t) == t);
        self.times.push(t);
        self.values.push(v);
        Ok(())
    }

    fn last_time(&self) -> f64 {
        self.times.last().copied().unwrap_or(f64::NEG_INFINITY)
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
            // A ramp starts on the written grid, before its end and not before `a`.
            let end = if jump { written(b.t - width).min(written_below(b.t)).max(a.t) } else { b.t };
            // A whole piece (both ends are its boundaries) repeats every revolution (not under a
            // speed profile: each pass differs).
            let key = match (a.piece, b.piece) {
                (Some(i), Some(_)) if self.program.speed_profile().is_none() => Some(i),
                _ => None,
            };
            match key.and_then(|i| self.cache[i].clone()).filter(|p| p.repeats_at(a.t, b.t)) {
                Some(pattern) => {
                    for offset in pattern.offsets {
                        let t = written(a.t + offset);
                        if t > self.last_time() && t < end {
                            self.push(t, self.q(t))?;
                        }
                    }
                    if end > self.last_time() {
                        self.push(end, self.q(end))?;
                    }
                }
                None => {
                    let first = self.times.len();
                    self.fill(a.t, end)?;
                    if let Some(i) = key {
                        let points = &self.times[first.saturating_sub(1)..];
                        let shortest_chord = points.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min);
                        let interior = &points[1..points.len().saturating_sub(1).max(1)];
                        let offsets = interior.iter().map(|t| t - a.t).collect();
                        self.cache[i] = Some(Pattern { offsets, decade: decimal_exponent(a.t), shortest_chord });
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
            speed_points: self.program.speed_profile().map_or_else(Vec::new, |p| p.points().collect()),
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

    /// Covers (a, b] greedily with the longest chords within the tolerance, every point on the
    /// written time grid (`a` and `b` are on it); pushes the points after `a` (the last is `b`).
    fn fill(&mut self, a: f64, b: f64) -> Result<()> {
        let target = self.tolerance * self.aim;
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
            // The chord of `step` ends on the grid: past x0 (one grid step at least), at most b.
            let finest = written_above(x0);
            let end_of = |step: f64| if step >= rest { b } else { written(x0 + step).max(finest).min(b) };
            let ok = |s: &Self, step: f64| -> bool {
                let x1 = end_of(step);
                let f1 = if x1 == b { fb } else { s.q(x1) };
                s.chord_error(x0, f0, x1, f1, SAMPLES).0 <= target
            };
            h = h.min(rest);
            let (mut lo, mut hi);
            if ok(self, h) {
                lo = h;
                loop {
                    let longer = (2.0 * lo).min(rest);
                    if longer == lo {
                        hi = lo;
                        break;
                    }
                    if ok(self, longer) {
                        lo = longer;
                    } else {
                        hi = longer;
                        break;
                    }
                }
            } else {
                hi = h;
                lo = 0.5 * h;
                while !ok(self, lo) {
                    hi = lo;
                    lo *= 0.5;
                    if lo < 0.5 * (finest - x0) {
                        return Err(beyond_written_precision(
                            self.quantity,
                            self.tolerance,
                            self.t_start,
                            x0,
                            LateLimit::Grid,
                        ));
                    }
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
                    if ok(self, mid) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
            let x1 = end_of(lo);
            let f1 = if x1 == b { fb } else { self.q(x1) };
            self.push(x1, f1)?;
            x0 = x1;
            f0 = f1;
            h = lo;
        }
    }

    /// The final, denser check of every chord except the ramps, as a solver reads the written
    /// table: times as written (the points are on the grid) and values rounded to 13 digits.
    /// Returns (max error, where).
    fn check(&self) -> (f64, f64) {
        let mut worst = (0.0, self.times[0]);
        let mut ramps = self.jumps.iter().peekable();
        for i in 0..self.times.len() - 1 {
            if ramps.peek() == Some(&&i) {
                ramps.next();
                continue;
            }
            let (v0, v1) = (written(self.values[i]), written(self.values[i + 1]));
            let e = self.chord_error(self.times[i], v0, self.times[i + 1], v1, CHECK_SAMPLES);
            if e.0 > worst.0 {
                worst = e;
            }
        }
        worst
    }
}
