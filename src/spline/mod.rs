//! Cams from lift tables: a periodic quintic spline through measured (cam angle, lift) points,
//! or with `smoothing > 0` the smoothing spline, turned into the polynomial pieces a
//! [`Program`] evaluates, so the result is an ordinary program (scalar, batch, parallel,
//! boundary conditions, analysis, tables, plots all work on it, at the same speed).
//!
//! - `bspline.rs`: periodic B-splines on the table's angles (values, collocation, Taylor
//!   coefficients at the knots, the smoothing problem's matrices);
//! - `cyclic.rs`: the O(n) cyclic banded solver;
//! - `smoothing.rs`: the smoothing spline's values at the knots (Reinsch's form, order 3);
//! - here: validation, the interpolation, the pieces, the checks and [`LiftTable`].
//!
//! The spline has degree 5 with knots at the table's angles and period 360 degrees, so
//! displacement, velocity, acceleration and jerk are continuous everywhere, 360 -> 0 included.
//! Each interval between two angles becomes one piece `lift_i + sum_k D_k x^k`,
//! `x = (angle - angle_i) / width` (the first interval crossing 360 -> 0 is split at 0 into two
//! pieces with the same polynomial), so the lift at every table angle is the piece's constant:
//! with `smoothing = 0` it is the table's lift exactly.

// Banded matrices, B-spline supports and Taylor rows are indexed by several arrays at once (row,
// column, band offset, knot): index loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

mod bspline;
mod cyclic;
mod smoothing;

use crate::error::{Error, Num, Result};
use crate::law::{LawPiece, MAX_DEGREE};
use crate::piece::Piece;
use crate::program::{reduce_angle, validate_rpm, Program, MAX_LIFT_MM, MIN_SEGMENT_DURATION_DEG, REVOLUTION_DEG};
use bspline::{coefficients, collocation, derivatives_at_knot, Knots, DEGREE};
use cyclic::solve_refined;

/// Fewest points a lift table may have.
pub const MIN_LIFT_TABLE_POINTS: usize = 8;
/// Most points a lift table may have (a table measured every 0.0036 degrees).
pub const MAX_LIFT_TABLE_POINTS: usize = 100_000;

/// Largest |coefficient sum| of any kinematic quantity over a piece: keeps every displacement,
/// velocity, acceleration and jerk (and their squares over an analysis, and their chain-rule
/// products under a speed profile) finite.
const MAX_COEFFICIENT_SUM: f64 = 1e140;
/// Largest mismatch of the pieces at a knot (left limit against right limit, of the lift and
/// of each derivative, relative to that quantity's largest value at the knots) that a table may
/// leave: far above rounding (about 1e-15), far below anything a user could see. A table whose
/// spacing is so uneven that the spline's systems lose this much is refused.
const MAX_CONTINUITY_DEFECT: f64 = 1e-8;

/// The measured points a lift-table program was fitted to, and how the fit went.
#[derive(Clone, Debug, PartialEq)]
pub struct LiftTable {
    theta_deg: Vec<f64>,
    lift_mm: Vec<f64>,
    smoothing: f64,
    fitted_mm: Vec<f64>,
    lambda: f64,
    rms_deviation: f64,
    max_deviation: f64,
    max_deviation_index: usize,
    min_lift: f64,
    max_lift: f64,
    /// Where the program's pieces start, in [0, 360), in piece order (the first is 0).
    piece_starts: Vec<f64>,
}

impl LiftTable {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.theta_deg.len()
    }

    /// Never true: a table has at least [`MIN_LIFT_TABLE_POINTS`] points.
    pub fn is_empty(&self) -> bool {
        self.theta_deg.is_empty()
    }

    /// The cam angles of the points, degrees, as given.
    pub fn theta_deg(&self) -> &[f64] {
        &self.theta_deg
    }

    /// The lifts of the points, mm, as given.
    pub fn lift_mm(&self) -> &[f64] {
        &self.lift_mm
    }

    /// The smoothing asked for (RMS deviation, mm); 0 for interpolation.
    pub fn smoothing(&self) -> f64 {
        self.smoothing
    }

    /// The fitted curve's lift at each point, mm (the table's lifts when smoothing is 0).
    pub fn fitted_mm(&self) -> &[f64] {
        &self.fitted_mm
    }

    /// The Lagrange multiplier of the smoothing problem (weight of the integral of
    /// (d3s/dtheta3)^2, theta in degrees, against the sum of squared deviations): 0 for
    /// interpolation, +infinity when the curve is the constant mean.
    pub fn smoothing_parameter(&self) -> f64 {
        self.lambda
    }

    /// Whether the smoothing reached the constant mean (the flattest curve of all is within
    /// `smoothing` of the points).
    pub fn is_constant(&self) -> bool {
        self.lambda == f64::INFINITY
    }

    /// RMS of (fitted - given) over the points, mm.
    pub fn rms_deviation(&self) -> f64 {
        self.rms_deviation
    }

    /// Largest |fitted - given| over the points, mm.
    pub fn max_deviation(&self) -> f64 {
        self.max_deviation
    }

    /// The cam angle of the point with the largest deviation, degrees.
    pub fn max_deviation_at(&self) -> f64 {
        self.theta_deg[self.max_deviation_index]
    }

    /// Lowest lift of the fitted curve (from 16 samples per interval), mm. A measured table may
    /// dip slightly below 0; the curve then does too.
    pub fn min_lift(&self) -> f64 {
        self.min_lift
    }

    /// Highest lift of the fitted curve (from 16 samples per interval), mm.
    pub fn max_lift(&self) -> f64 {
        self.max_lift
    }

    /// Where the program's pieces start, degrees in [0, 360), in order (the first is 0).
    pub(crate) fn piece_starts(&self) -> &[f64] {
        &self.piece_starts
    }
}

impl Program {
    /// The cam of a lift table: a periodic quintic spline through the points
    /// (`theta_deg[i]`, `lift_mm[i]`) (cam angle in degrees, lift in mm) at `rpm`, or with
    /// `smoothing > 0` the periodic quintic smoothing spline: of all periodic quintic splines
    /// (knots at the table's angles) within an RMS deviation of `smoothing` mm from the points,
    /// the one with the least integral of (d3s/dtheta3)^2. When even the constant mean lift is
    /// within `smoothing` of the points, the curve is that constant.
    ///
    /// The table: [`MIN_LIFT_TABLE_POINTS`]..=[`MAX_LIFT_TABLE_POINTS`] points; angles finite,
    /// strictly increasing, at least [`MIN_SEGMENT_DURATION_DEG`] apart, spanning less than a
    /// turn (the last one at least that far before the first one plus 360: leave a repeated end
    /// point out); lifts finite with |lift| <= [`MAX_LIFT_MM`]. Negative lifts are taken as
    /// measured (a measured table may dip slightly below 0; the curve follows it, and
    /// [`LiftTable::min_lift`] reports how far). `smoothing` is finite, >= 0 and at most
    /// [`MAX_LIFT_MM`]; `rpm` as for every program. Every error names the row and value.
    ///
    /// Limitation: the multiplier is found in double precision, which resolves it for a
    /// smoothing near the table's noise level; a smoothing far above it on a dense table (e.g.
    /// 0.01 mm on 3600 noise-free points) needs a multiplier the solve cannot resolve and is
    /// refused with an error naming `smoothing`.
    ///
    /// With `smoothing = 0` the lift at each table angle is exactly the table's. The program has
    /// no segments ([`Program::segments`] is empty) and no limits; [`Program::lift_table`]
    /// gives the points and the fit.
    pub fn from_lift_table(theta_deg: &[f64], lift_mm: &[f64], rpm: f64, smoothing: f64) -> Result<Program> {
        validate_rpm(rpm)?;
        validate_table(theta_deg, lift_mm, smoothing)?;
        let knots = Knots::new(theta_deg);
        let fitted = if smoothing > 0.0 {
            smoothing::smooth(&knots, lift_mm, smoothing).map_err(|m| {
                Error::invalid(
                    "smoothing",
                    Num(smoothing),
                    format!(
                        "no smoothing spline found ({m}): a smoothing far above the table's measurement noise on a \
                         dense table needs a multiplier beyond what double precision resolves; give the noise level \
                         you expect (or resample the table with fewer points)"
                    ),
                )
            })?
        } else {
            smoothing::Smoothed { values: lift_mm.to_vec(), lambda: 0.0 }
        };
        let curve = interpolate(&knots, &fitted.values)?;
        let pieces = curve.pieces(&knots, &fitted.values, rpm * 6.0);
        let (min_lift, max_lift) = curve.lift_range(&fitted.values);
        let n = theta_deg.len();
        let mut sum2 = 0.0;
        let (mut max_deviation, mut max_deviation_index) = (0.0, 0);
        for (i, (f, y)) in fitted.values.iter().zip(lift_mm).enumerate() {
            let d = (f - y).abs();
            sum2 += d * d;
            if d > max_deviation {
                (max_deviation, max_deviation_index) = (d, i);
            }
        }
        let table = LiftTable {
            theta_deg: theta_deg.to_vec(),
            lift_mm: lift_mm.to_vec(),
            smoothing,
            fitted_mm: fitted.values,
            lambda: fitted.lambda,
            rms_deviation: (sum2 / n as f64).sqrt(),
            max_deviation,
            max_deviation_index,
            min_lift,
            max_lift,
            piece_starts: pieces.iter().map(|p| p.start().max(0.0)).collect(),
        };
        Ok(Program::assemble(Vec::new(), rpm, pieces).with_lift_table(table))
    }
}

fn unstable(detail: &str) -> Error {
    Error::invalid(
        "theta_deg",
        "(the table's angles)",
        format!(
            "no stable spline through this table ({detail}): its angles are spaced too unevenly; resample it more \
             evenly"
        ),
    )
}

/// Checks the table (see [`Program::from_lift_table`]).
fn validate_table(theta: &[f64], lift: &[f64], smoothing: f64) -> Result<()> {
    if theta.len() != lift.len() {
        return Err(Error::invalid(
            "lift_mm.len",
            lift.len(),
            format!("must equal the number of angles theta_deg ({})", theta.len()),
        ));
    }
    let n = theta.len();
    if n < MIN_LIFT_TABLE_POINTS {
        return Err(Error::invalid(
            "n",
            n,
            format!("a lift table needs at least {MIN_LIFT_TABLE_POINTS} points (MIN_LIFT_TABLE_POINTS)"),
        ));
    }
    if n > MAX_LIFT_TABLE_POINTS {
        return Err(Error::invalid(
            "n",
            n,
            format!("above the maximum {MAX_LIFT_TABLE_POINTS} points (MAX_LIFT_TABLE_POINTS)"),
        ));
    }
    if !smoothing.is_finite() || smoothing < 0.0 {
        return Err(Error::invalid("smoothing", Num(smoothing), "must be finite and >= 0 mm (0: through every point)"));
    }
    if smoothing > MAX_LIFT_MM {
        return Err(Error::invalid(
            "smoothing",
            Num(smoothing),
            format!("above the maximum {} mm (MAX_LIFT_MM)", Num(MAX_LIFT_MM)),
        ));
    }
    for (i, (&t, &s)) in theta.iter().zip(lift).enumerate() {
        if !t.is_finite() {
            return Err(Error::invalid(format!("theta_deg[{i}]"), Num(t), "must be finite (degrees)"));
        }
        if !s.is_finite() {
            return Err(Error::invalid(format!("lift_mm[{i}]"), Num(s), "must be finite (mm)"));
        }
        if s.abs() > MAX_LIFT_MM {
            return Err(Error::invalid(
                format!("lift_mm[{i}]"),
                Num(s),
                format!("|lift| above the maximum {} mm (MAX_LIFT_MM)", Num(MAX_LIFT_MM)),
            ));
        }
        if i > 0 {
            let previous = theta[i - 1];
            if t <= previous {
                return Err(Error::invalid(
                    format!("theta_deg[{i}]"),
                    Num(t),
                    format!("the angles must increase strictly (theta_deg[{}] = {})", i - 1, Num(previous)),
                ));
            }
            if t - previous < MIN_SEGMENT_DURATION_DEG {
                return Err(Error::invalid(
                    format!("theta_deg[{i}]"),
                    Num(t),
                    format!(
                        "only {} degrees after theta_deg[{}] = {}: points must be at least {} degrees apart \
                         (MIN_SEGMENT_DURATION_DEG)",
                        Num(t - previous),
                        i - 1,
                        Num(previous),
                        Num(MIN_SEGMENT_DURATION_DEG)
                    ),
                ));
            }
        }
    }
    let (first, last) = (theta[0], theta[n - 1]);
    let span = last - first;
    if span >= REVOLUTION_DEG || (first + REVOLUTION_DEG) - last < MIN_SEGMENT_DURATION_DEG {
        return Err(Error::invalid(
            format!("theta_deg[{}]", n - 1),
            Num(last),
            format!(
                "the table spans {} degrees from theta_deg[0] = {}: a lift table covers less than one turn, its \
                 last angle at least {} degrees before the first one plus 360 (the curve is periodic: leave a \
                 repeated end point out)",
                Num(span),
                Num(first),
                Num(MIN_SEGMENT_DURATION_DEG)
            ),
        ));
    }
    Ok(())
}

/// The periodic quintic spline through `values` at the knots.
struct Curve {
    /// Per interval: s^(k)(t_i+) * h_i^k / k!, k = 1..=5 (index 0 unused: the value is exact).
    taylor: Vec<[f64; DEGREE + 1]>,
}

fn interpolate(knots: &Knots, values: &[f64]) -> Result<Curve> {
    let n = values.len();
    let constant = values.iter().all(|&v| v == values[0]);
    let c = if constant {
        // Every coefficient is the constant: the differences, and so every derivative, are 0.
        values.to_vec()
    } else {
        let a = collocation(knots);
        let factored = a.factor().ok_or_else(|| unstable("the collocation system is singular"))?;
        coefficients(&solve_refined(&a, &factored, values, 2))
    };
    let mut taylor = Vec::with_capacity(n);
    for i in 0..n {
        let d = derivatives_at_knot(knots, &c, i);
        let h = knots.width(i as isize);
        let mut row = [0.0; DEGREE + 1];
        let mut power = 1.0;
        let mut factorial = 1.0;
        for k in 1..=DEGREE {
            power *= h;
            factorial *= k as f64;
            row[k] = d[k] * power / factorial;
        }
        taylor.push(row);
    }
    let curve = Curve { taylor };
    curve.check(knots, values)?;
    Ok(curve)
}

impl Curve {
    /// The value and the first `DEGREE - 1` derivatives (times h^k / k!, like the Taylor
    /// coefficients) of interval i's polynomial at its end, x = 1.
    fn at_end(&self, i: usize, start_value: f64) -> [f64; DEGREE] {
        let t = &self.taylor[i];
        let mut out = [0.0; DEGREE];
        // q-th derivative at x = 1, in units of the interval: sum_k C(k, q) D_k.
        for (q, slot) in out.iter_mut().enumerate() {
            let mut sum = if q == 0 { start_value } else { 0.0 };
            for (k, &dk) in t.iter().enumerate().skip(q.max(1)) {
                sum += binomial(k, q) * dk;
            }
            *slot = sum;
        }
        out
    }

    /// Refuses a curve whose pieces do not meet (beyond rounding) or whose coefficients are
    /// too large for finite kinematics.
    fn check(&self, knots: &Knots, values: &[f64]) -> Result<()> {
        let n = values.len();
        for (i, row) in self.taylor.iter().enumerate() {
            let sum: f64 = row.iter().map(|v| v.abs()).sum::<f64>() + values[i].abs();
            if sum.is_nan() || sum > MAX_COEFFICIENT_SUM {
                return Err(unstable(&format!("coefficients of {sum:e} on interval {i}")));
            }
        }
        // Largest magnitude of each derivative over the knots, per degree^q.
        let mut scale = [0.0f64; DEGREE];
        for i in 0..n {
            let h = knots.width(i as isize);
            scale[0] = scale[0].max(values[i].abs());
            for q in 1..DEGREE {
                let per_degree = self.taylor[i][q] * factorial(q) / h.powi(q as i32);
                scale[q] = scale[q].max(per_degree.abs());
            }
        }
        for i in 0..n {
            let next = (i + 1) % n;
            let h = knots.width(i as isize);
            let h_next = knots.width(next as isize);
            let end = self.at_end(i, values[i]);
            for q in 0..DEGREE {
                // Left limit (from interval i) and right limit (interval next) of s^(q), per degree^q.
                let left = end[q] * factorial(q) / h.powi(q as i32);
                let right =
                    if q == 0 { values[next] } else { self.taylor[next][q] * factorial(q) / h_next.powi(q as i32) };
                let defect = (left - right).abs();
                if defect.is_nan() || defect > MAX_CONTINUITY_DEFECT * scale[q] + f64::MIN_POSITIVE {
                    return Err(unstable(&format!(
                        "its derivative {q} differs by {defect:e} across the point at {} degrees",
                        knots.angle(next)
                    )));
                }
            }
        }
        Ok(())
    }

    /// The program's pieces in order of reduced angle, at `deg_per_s`.
    fn pieces(&self, knots: &Knots, values: &[f64], deg_per_s: f64) -> Vec<Piece> {
        let n = values.len();
        let starts: Vec<f64> = (0..n).map(|i| reduce_start(knots.angle(i))).collect();
        // Pieces go in order of reduced angle from the knot nearest above 0; the interval
        // before it (`last`) wraps past 360.
        let first = (0..n).min_by(|&a, &b| starts[a].total_cmp(&starts[b])).unwrap_or(0);
        let last = (first + n - 1) % n;
        let piece = |i: usize, start: f64| {
            let h = knots.width(i as isize);
            let mut poly = [0.0; MAX_DEGREE + 1];
            poly[1..=DEGREE].copy_from_slice(&self.taylor[i][1..=DEGREE]);
            let law = LawPiece { u0: 0.0, u1: 1.0, poly, amp: 0.0, omega: 0.0, phase: 0.0 };
            Piece::new(&law, start, h, values[i], 1.0, deg_per_s / h)
        };
        let mut pieces = Vec::with_capacity(n + 1);
        if starts[first] > 0.0 {
            // [0, first knot): the wrapping interval's polynomial, measured from its knot a turn
            // earlier.
            pieces.push(piece(last, starts[last] - REVOLUTION_DEG));
        }
        for m in 0..n {
            let i = (first + m) % n;
            pieces.push(piece(i, starts[i]));
        }
        pieces
    }

    /// Lowest and highest value of the curve, from 16 samples per interval.
    fn lift_range(&self, values: &[f64]) -> (f64, f64) {
        let mut range = (f64::INFINITY, f64::NEG_INFINITY);
        for (row, &v0) in self.taylor.iter().zip(values) {
            for s in 0..16 {
                let x = s as f64 / 16.0;
                let v = row[1..].iter().rev().fold(0.0, |acc, &d| (acc + d) * x) + v0;
                range = (range.0.min(v), range.1.max(v));
            }
        }
        range
    }
}

/// A knot's reduced angle in [0, 360) (a hair below a turn, which rounds to 360, is 0).
fn reduce_start(angle: f64) -> f64 {
    let r = reduce_angle(angle);
    if r >= REVOLUTION_DEG {
        0.0
    } else {
        r
    }
}

fn binomial(k: usize, q: usize) -> f64 {
    (0..q).fold(1.0, |acc, i| acc * (k - i) as f64 / (i + 1) as f64)
}

fn factorial(q: usize) -> f64 {
    (1..=q).map(|k| k as f64).product()
}

#[cfg(test)]
mod tests;
