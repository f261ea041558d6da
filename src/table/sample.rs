//! Adaptive sampling of a quantity against time (see the module docs of `table`), and the
//! final dense check of the finished table.

use super::Table;
use crate::error::{Error, Result};
use crate::kinematics::{Kinematics, Quantity};
use crate::program::{reduce_angle, Program, REVOLUTION_DEG};

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
