//! Smooth periodic amplitudes: the cam's motion as a truncated Fourier series, written as an
//! Abaqus `*AMPLITUDE, DEFINITION=PERIODIC`:
//! `a(t) = A0 + sum_{n=1}^{N} [A_n cos(n w (t - t0)) + B_n sin(n w (t - t0))]` for t >= t0
//! (and A0 before t0), with data lines `N, w, t0, A0` then `A_1, B_1, A_2, B_2, ...`, at most eight
//! values a line (Abaqus Analysis User's Guide, "Amplitude curves", Defining periodic data;
//! Abaqus Keywords Reference, *AMPLITUDE, "Data lines for DEFINITION=PERIODIC").
//!
//! Coefficients: `c_n = (1/T) ∫_0^T q(t) e^{-i n w t} dt` piece by piece, in closed form for the
//! sine terms (`∫ e^{iax}` through a stable sinc form) and for the polynomial (integration by
//! parts, `-e^{-iμx} Σ P^(k)(x) / (iμ)^(k+1)`) where the harmonic oscillates more than twice over
//! the piece, and by a 32-point Gauss-Legendre rule (exact to rounding there) where it does not.
//! `A0` is the mean, `A_n = 2 Re c_n`, `B_n = -2 Im c_n`.
//!
//! Number of terms: the fewest `N` whose series, with the coefficients as written (shortest
//! round-trip decimals: exactly the doubles computed), stays within the tolerance of the exact
//! quantity over a whole period: checked on a dense grid (32 samples per wavelength of the
//! highest harmonic computed, plus every piece boundary) and refined around the worst samples;
//! the harmonics beyond those computed (until the last octave's magnitudes sum below 1% of the
//! tolerance) are bounded by that sum, added to the measured error.
//! N is found by bisection over the grid check (the error of a truncated Fourier series of a
//! piecewise-smooth function falls with N, though not strictly: the bisection may miss a
//! smaller N that happens to pass, never accepts one that fails). "Fewest" is up to that margin:
//! N - 1 terms may still be within the tolerance by less than 1% of it.

use super::Table;
use crate::error::{Error, Result};
use crate::kinematics::Quantity;
use crate::piece::{Piece, A, COS, D, INV_WIDTH, LIFT, OMEGA, PHASE, SIN, V};
use crate::program::Program;
use std::f64::consts::PI;
use std::fmt::Write as _;

/// Most Fourier terms a periodic amplitude may have.
pub const MAX_PERIODIC_TERMS: usize = 8192;

/// A truncated Fourier series of one quantity over one revolution.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodicAmplitude {
    /// What the series gives (mm, mm/s or mm/s^2).
    pub quantity: Quantity,
    /// Circular frequency w = 2 pi rpm / 60, rad/s.
    pub omega: f64,
    /// The constant term A0 (the quantity's mean).
    pub a0: f64,
    /// A_1..A_N (cosine coefficients).
    pub a: Vec<f64>,
    /// B_1..B_N (sine coefficients).
    pub b: Vec<f64>,
    /// The tolerance asked for.
    pub tolerance: f64,
    /// The largest |series - exact| found by the final dense check (plus the bound of the
    /// harmonics not computed).
    pub max_error: f64,
    /// Where (s, within the first period).
    pub max_error_time: f64,
    /// The program's rpm.
    pub rpm: f64,
}

impl PeriodicAmplitude {
    /// Number of terms N.
    pub fn terms(&self) -> usize {
        self.a.len()
    }

    /// The series at `t` seconds (t >= 0).
    pub fn evaluate(&self, t: f64) -> f64 {
        series(self.a0, &self.a, &self.b, self.omega, t)
    }

    /// The Abaqus include file's text: comment lines, `*AMPLITUDE, NAME=<name>,
    /// DEFINITION=PERIODIC, TIME=TOTAL TIME`, the first data line `N, w, t0, A0`, then the
    /// coefficients, eight a line. Every number in shortest round-trip form (the reader gets the
    /// exact doubles the check used).
    pub fn text(&self, name: &str) -> String {
        let unit = self.quantity.unit();
        let mut text = String::new();
        let _ =
            writeln!(text, "** campro {}: follower {} [{unit}] against time [s]", crate::VERSION, self.quantity.name());
        let _ = writeln!(
            text,
            "** cam at {} rpm (period {} s), as a Fourier series of {} terms, exactly periodic and smooth",
            self.rpm,
            60.0 / self.rpm,
            self.terms()
        );
        let _ = writeln!(
            text,
            "** within {:e} {unit} of the exact curve at every time (achieved max error {:.3e} {unit}); t0 = 0 is cam angle 0",
            self.tolerance, self.max_error
        );
        let _ = writeln!(
            text,
            "** a(t) = A0 + sum_n [A_n cos(n w t) + B_n sin(n w t)]; read by Abaqus (Standard and Explicit); CalculiX has no DEFINITION=PERIODIC"
        );
        let _ = writeln!(
            text,
            "** use: *INCLUDE, INPUT=<this file>, then *BOUNDARY, AMPLITUDE={name} with magnitude 1 (values in {unit})"
        );
        let _ = writeln!(text, "*AMPLITUDE, NAME={name}, DEFINITION=PERIODIC, TIME=TOTAL TIME");
        let _ = writeln!(text, "{}, {}, {}, {}", self.terms(), number(self.omega), number(0.0), number(self.a0));
        let values: Vec<String> = self.a.iter().zip(&self.b).flat_map(|(a, b)| [number(*a), number(*b)]).collect();
        for line in values.chunks(8) {
            let _ = writeln!(text, "{}", line.join(", "));
        }
        text
    }
}

/// Shortest round-trip decimal (`-0` written as `0`).
fn number(x: f64) -> String {
    let x = if x == 0.0 { 0.0 } else { x };
    format!("{x:e}")
}

/// `a0 + sum (a_n cos n w t + b_n sin n w t)`, the harmonics by rotation from one sine/cosine.
fn series(a0: f64, a: &[f64], b: &[f64], omega: f64, t: f64) -> f64 {
    let theta = (omega * t) % (2.0 * PI);
    let (s1, c1) = theta.sin_cos();
    let (mut s, mut c) = (s1, c1);
    let mut sum = 0.0;
    for (n, (an, bn)) in a.iter().zip(b).enumerate() {
        if n > 0 && n % 64 == 0 {
            // Refresh the rotation now and then (its rounding grows with the step count).
            let (sn, cn) = (((n + 1) as f64) * theta).sin_cos();
            s = sn;
            c = cn;
        }
        sum += an * c + bn * s;
        let next_c = c * c1 - s * s1;
        s = s * c1 + c * s1;
        c = next_c;
    }
    a0 + sum
}

/// 32-point Gauss-Legendre nodes and weights on [-1, 1] (Newton on P_32).
fn gauss_legendre() -> ([f64; 32], [f64; 32]) {
    const M: usize = 32;
    let (mut nodes, mut weights) = ([0.0; M], [0.0; M]);
    for i in 0..M {
        let mut x = (PI * (i as f64 + 0.75) / (M as f64 + 0.5)).cos();
        let mut derivative = 0.0;
        for _ in 0..100 {
            let (mut p0, mut p1) = (1.0, x);
            for k in 2..=M {
                let p2 = ((2 * k - 1) as f64 * x * p1 - (k - 1) as f64 * p0) / k as f64;
                p0 = p1;
                p1 = p2;
            }
            derivative = M as f64 * (x * p1 - p0) / (x * x - 1.0);
            let dx = p1 / derivative;
            x -= dx;
            if dx.abs() < 1e-16 {
                break;
            }
        }
        nodes[i] = x;
        weights[i] = 2.0 / ((1.0 - x * x) * derivative * derivative);
    }
    (nodes, weights)
}

/// Complex numbers as pairs, the few operations needed.
#[derive(Clone, Copy)]
struct C(f64, f64);
impl C {
    fn mul(self, o: C) -> C {
        C(self.0 * o.0 - self.1 * o.1, self.0 * o.1 + self.1 * o.0)
    }
    fn add(self, o: C) -> C {
        C(self.0 + o.0, self.1 + o.1)
    }
    fn scale(self, k: f64) -> C {
        C(self.0 * k, self.1 * k)
    }
    fn expi(theta: f64) -> C {
        let (s, c) = theta.sin_cos();
        C(c, s)
    }
}

/// `∫_0^X e^{i a x} dx = X sinc(aX/2) e^{i a X / 2}`, stable for every a.
fn exp_integral(a: f64, x: f64) -> C {
    let half = 0.5 * a * x;
    let sinc = if half.abs() < 1e-8 { 1.0 - half * half / 6.0 } else { half.sin() / half };
    C::expi(half).scale(x * sinc)
}

/// `∫_{piece} q(t) e^{-i nu t} dt` over the piece from `x = 0` to `x_end` (x-units), for quantity
/// row offset `q` (0 displacement, 1 velocity, 2 acceleration), the piece starting at time `t_a`
/// with `dx/dt = lambda`.
#[allow(clippy::too_many_arguments)]
fn piece_coefficient(
    piece: &Piece,
    q: usize,
    x_end: f64,
    t_a: f64,
    lambda: f64,
    nu: f64,
    gauss: &([f64; 32], [f64; 32]),
) -> C {
    let r = &piece.row;
    let first = [D, V, A][q];
    let mut poly = [0.0; 8];
    poly.copy_from_slice(&r[first..first + 8]);
    if q == 0 {
        poly[0] += r[LIFT];
    }
    let mu = nu / lambda;
    let phase = C::expi(-nu * t_a);
    let mut total;
    if (mu * x_end).abs() <= 4.0 * PI {
        // Few oscillations over the piece: Gauss-Legendre on the whole quantity.
        total = C(0.0, 0.0);
        let (nodes, weights) = gauss;
        for (node, weight) in nodes.iter().zip(weights) {
            let x = 0.5 * x_end * (node + 1.0);
            let value = piece.evaluate(piece.start() + x / r[INV_WIDTH]);
            let v = [value.displacement, value.velocity, value.acceleration][q];
            total = total.add(C::expi(-mu * x).scale(v * weight * 0.5 * x_end));
        }
    } else {
        // Polynomial: -e^{-i mu x} sum_k P^(k)(x) / (i mu)^(k+1), from 0 to x_end.
        let primitive = |x: f64| {
            let mut derivative = poly;
            let mut sum = C(0.0, 0.0);
            // 1 / (i mu)^(k+1) = (-i / mu)^(k+1)
            let mut factor = C(0.0, -1.0 / mu);
            for k in 0..8 {
                let value = derivative.iter().rev().fold(0.0, |acc, &c| acc * x + c);
                sum = sum.add(factor.scale(value));
                factor = factor.mul(C(0.0, -1.0 / mu));
                // P' coefficients.
                for j in 0..7 {
                    derivative[j] = derivative[j + 1] * (j + 1) as f64;
                }
                derivative[7] = 0.0;
                if k >= 7 {
                    break;
                }
            }
            C::expi(-mu * x).mul(sum).scale(-1.0)
        };
        let (end, start) = (primitive(x_end), primitive(0.0));
        total = C(end.0 - start.0, end.1 - start.1);
        // Sine terms: S sin(wx + phi) + C cos(wx + phi) = E e^{iwx} + F e^{-iwx}.
        let (s, c, w, phi) = (r[SIN + q], r[COS + q], r[OMEGA], r[PHASE]);
        if s != 0.0 || c != 0.0 {
            // E = e^{i phi} (S / (2i) + C / 2) = e^{i phi} (C/2 - i S/2); F = e^{-i phi} (C/2 + i S/2).
            let e = C::expi(phi).mul(C(0.5 * c, -0.5 * s));
            let f = C::expi(-phi).mul(C(0.5 * c, 0.5 * s));
            total = total.add(e.mul(exp_integral(w - mu, x_end))).add(f.mul(exp_integral(-w - mu, x_end)));
        }
    }
    phase.mul(total).scale(1.0 / lambda)
}

impl Program {
    /// The Fourier series of `quantity` (displacement, velocity or acceleration) with the fewest
    /// terms that stays within `tolerance` (in the quantity's unit, > 0; see the module docs) of
    /// the exact curve at every time. Errors: a jerk quantity; a tolerance that is not > 0 or below
    /// 1e-12 of the quantity's peak; more than [`MAX_PERIODIC_TERMS`] terms needed (a quantity
    /// that jumps, e.g. the acceleration of the simple harmonic law, has no converging series:
    /// use a table).
    pub fn periodic_amplitude(&self, quantity: Quantity, tolerance: f64) -> Result<PeriodicAmplitude> {
        if let Some(profile) = self.speed_profile() {
            return Err(Error::invalid(
                "speed",
                format!("{} (time, rpm) points", profile.len()),
                "a periodic amplitude needs a constant cam speed: export a table (--format abaqus) for a speed profile",
            ));
        }
        let q = match quantity {
            Quantity::Displacement => 0,
            Quantity::Velocity => 1,
            Quantity::Acceleration => 2,
            Quantity::Jerk => {
                return Err(Error::invalid(
                    "quantity",
                    "jerk",
                    "periodic amplitudes give displacement, velocity or acceleration",
                ))
            }
        };
        let peak = self.periodic_peak(q);
        if tolerance.is_nan()
            || tolerance <= 0.0
            || !tolerance.is_finite()
            || tolerance < Table::MIN_RELATIVE_TOLERANCE * peak.max(f64::MIN_POSITIVE)
        {
            return Err(Error::invalid(
                "tolerance",
                tolerance,
                format!("must be finite, > 0 and at least 1e-12 of the {}'s peak {peak:e}", quantity.name()),
            ));
        }
        let period = self.period();
        let omega = 2.0 * PI / period;
        let gauss = gauss_legendre();
        let deg_per_s = self.degrees_per_second();
        let pieces = self.piece_spans();
        let coefficient = |n: usize| -> (f64, f64) {
            let nu = n as f64 * omega;
            let mut sum = C(0.0, 0.0);
            for &(index, x_end) in &pieces {
                let piece = self.piece(index);
                let lambda = deg_per_s * piece.row[INV_WIDTH];
                sum = sum.add(piece_coefficient(piece, q, x_end, piece.start() / deg_per_s, lambda, nu, &gauss));
            }
            if n == 0 {
                (sum.0 / period, 0.0)
            } else {
                (2.0 * sum.0 / period, -2.0 * sum.1 / period)
            }
        };
        let a0 = coefficient(0).0;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        // Harmonics by octaves until the last octave's magnitudes sum below 1% of the tolerance
        // (the bound kept for the harmonics never computed, which the grid may not resolve).
        let mut computed = 0;
        let mut tail = f64::INFINITY;
        loop {
            let target = if computed == 0 { 16 } else { (2 * computed).min(MAX_PERIODIC_TERMS) };
            let mut octave = 0.0;
            for n in computed + 1..=target {
                let (an, bn) = coefficient(n);
                a.push(an);
                b.push(bn);
                octave += an.hypot(bn);
            }
            let previous = tail;
            tail = octave;
            computed = target;
            if tail <= 0.01 * tolerance || computed >= MAX_PERIODIC_TERMS {
                break;
            }
            // Stop early when the octaves' decay cannot reach the tolerance within the limit
            // (a jump of the quantity: magnitudes ~ 1/n, octave sums that do not fall).
            if computed >= 256 {
                let ratio = tail / previous;
                let octaves_left = (MAX_PERIODIC_TERMS as f64 / computed as f64).log2();
                if ratio >= 1.0 || tail * ratio.powf(octaves_left) > 0.01 * tolerance {
                    break;
                }
            }
        }
        if tail > 0.01 * tolerance {
            return Err(Error::invalid(
                "tolerance",
                tolerance,
                format!(
                    "the {}'s Fourier series does not reach it within {MAX_PERIODIC_TERMS} terms (the harmonics {}..{computed} still sum to {tail:e} {}): use a table",
                    quantity.name(),
                    computed / 2 + 1,
                    quantity.unit()
                ),
            ));
        }
        // The check: the series of the first `n` terms on a grid resolving the computed
        // harmonics, against the exact quantity; the uncomputed ones add at most `tail`.
        let samples = (32 * computed).max(1024);
        let mut times: Vec<f64> = (0..samples).map(|i| period * i as f64 / samples as f64).collect();
        times.extend(pieces.iter().map(|&(i, _)| self.piece(i).start() / deg_per_s));
        let exact: Vec<f64> = times.iter().map(|&t| self.quantity_at_time(q, t)).collect();
        let worst = |n: usize| -> (f64, f64) {
            let mut worst = (0.0, 0.0);
            for (&t, &e) in times.iter().zip(&exact) {
                let error = (series(a0, &a[..n], &b[..n], omega, t) - e).abs();
                if error > worst.0 {
                    worst = (error, t);
                }
            }
            worst
        };
        let refine = |n: usize, (error, at): (f64, f64)| -> (f64, f64) {
            // Around the worst sample: 64 points over the two grid steps beside it.
            let step = period / samples as f64;
            let mut worst = (error, at);
            for i in 0..=64 {
                let t = (at - step + 2.0 * step * i as f64 / 64.0).rem_euclid(period);
                let error = (series(a0, &a[..n], &b[..n], omega, t) - self.quantity_at_time(q, t)).abs();
                if error > worst.0 {
                    worst = (error, t);
                }
            }
            (worst.0 + tail, worst.1)
        };
        let passes = |n: usize| refine(n, worst(n)).0 <= tolerance;
        if !passes(computed) {
            let (error, _) = refine(computed, worst(computed));
            return Err(Error::invalid(
                "tolerance",
                tolerance,
                format!(
                    "{computed} Fourier terms of the {} still miss the exact curve by {error:e} {}: use a table",
                    quantity.name(),
                    quantity.unit()
                ),
            ));
        }
        // Bounds for the search: beyond `hi` the remaining magnitudes (plus the uncomputed
        // tail) sum within the tolerance, so `hi` terms pass for sure; up to `lo` the remaining
        // harmonics' RMS (a lower bound of the max error, by Parseval) exceeds it, so `lo` fails.
        let magnitudes: Vec<f64> = a.iter().zip(&b).map(|(a, b)| a.hypot(*b)).collect();
        let mut hi = computed;
        let mut remaining = tail;
        while hi > 0 && remaining + magnitudes[hi - 1] <= tolerance {
            remaining += magnitudes[hi - 1];
            hi -= 1;
        }
        let mut lo = 0usize;
        let mut power: f64 = magnitudes.iter().map(|m| m * m / 2.0).sum();
        while lo < hi && power.sqrt() > tolerance {
            power -= magnitudes[lo] * magnitudes[lo] / 2.0;
            lo += 1;
        }
        lo = lo.saturating_sub(1);
        if !passes(hi) {
            hi = computed;
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if passes(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let n = if lo == 0 && passes(0) { 0 } else { hi };
        let (max_error, max_error_time) = refine(n, worst(n));
        a.truncate(n);
        b.truncate(n);
        Ok(PeriodicAmplitude { quantity, omega, a0, a, b, tolerance, max_error, max_error_time, rpm: self.rpm() })
    }

    /// Each piece's index and its span in x-units (to the next piece's start, or 360).
    fn piece_spans(&self) -> Vec<(usize, f64)> {
        let count = self.piece_count();
        (0..count)
            .map(|i| {
                let piece = self.piece(i);
                let end = if i + 1 < count { self.piece(i + 1).start() } else { crate::REVOLUTION_DEG };
                (i, (end - piece.start()) * piece.row[INV_WIDTH])
            })
            .collect()
    }

    /// Quantity `q` (0, 1, 2) at time `t` in [0, period].
    fn quantity_at_time(&self, q: usize, t: f64) -> f64 {
        let bc = self.boundary_condition_at_time(t);
        [bc.displacement, bc.velocity, bc.acceleration][q]
    }

    /// The largest |quantity q| over a revolution (a dense sample: for the tolerance's floor).
    fn periodic_peak(&self, q: usize) -> f64 {
        (0..=3600).map(|i| self.quantity_at_time(q, self.period() * i as f64 / 3600.0).abs()).fold(0.0, f64::max)
    }
}
