//! Exact time integrals of the displacement: what Abaqus's UAMP reports as the increment's
//! integral and double integral of an amplitude, in closed form from the program's pieces.
//!
//! A piece's displacement is `L + sum D_k x^k + S sin(w x + phi) + C cos(w x + phi)` with
//! `x = (angle - start) / width` and, at a constant speed, `dx/dt = lambda` (1/s). Its first and
//! second antiderivatives in `x` from the piece's start are closed form ([`primitives`]); divided
//! by `lambda` and `lambda^2` they are the time integrals from the piece's start. When the
//! program is built, the integral and the double integral of every piece over its whole span are
//! summed into cumulative values at each piece's start and over one revolution ([`Cumulative`]), so
//! an interval of any length costs O(1): whole revolutions by formula, the rest from the tables.
//!
//! Precision far into a run: an interval `[t0, t1]` is split as `t0 = n0 T + f0`,
//! `t1 = n1 T + f1` (T the period, `f` the time into a revolution, `n` whole turns, both from the
//! program's error-free time-to-angle conversion), and the result is assembled from `n1 - n0`
//! and the in-revolution values at `f0` and `f1`. How far into the run `t0` lies never enters:
//! the error is rounding of values of the size of the result, plus the angle's own error
//! ([`crate::TIME_ANGLE_TOLERANCE_DEG`], about 1e-13 degrees) times the displacement, at every
//! accepted time up to [`crate::MAX_TIME_S`].

use crate::piece::{Piece, COS, D, INV_WIDTH, LIFT, OMEGA, PHASE, SIN};
use crate::program::Program;

/// Integral and double integral of one interval (see [`Program::displacement_time_integrals`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeIntegrals {
    /// `∫_{t0}^{t1} s(t) dt`, mm*s (negative when t1 < t0 over a positive lift).
    pub integral: f64,
    /// `∫_{t0}^{t1} ∫_{t0}^{τ} s(t) dt dτ`, mm*s^2: the double integral that starts from 0 at t0.
    pub double_integral: f64,
}

/// The per-piece and per-revolution tables, built with the program.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cumulative {
    /// For each piece: time from the revolution's start to the piece's start, and the integral
    /// and double integral from the revolution's start to it (`[time, I, D]`).
    starts: Vec<[f64; 3]>,
    /// `dx/dt` of each piece (1/s).
    lambdas: Vec<f64>,
    /// Over one whole revolution: `[T, I_rev, D_rev]`.
    revolution: [f64; 3],
}

impl Cumulative {
    /// Sums the pieces' whole-span integrals, in order, at `deg_per_s` (the program's speed).
    pub(crate) fn new(pieces: &[Piece], deg_per_s: f64, period: f64) -> Cumulative {
        let mut starts = Vec::with_capacity(pieces.len());
        let mut lambdas = Vec::with_capacity(pieces.len());
        let (mut integral, mut double) = (0.0, 0.0);
        for (i, piece) in pieces.iter().enumerate() {
            let start_time = piece.start() / deg_per_s;
            starts.push([start_time, integral, double]);
            let lambda = deg_per_s * piece.row[INV_WIDTH];
            lambdas.push(lambda);
            let end = pieces.get(i + 1).map_or(crate::REVOLUTION_DEG, Piece::start);
            let x = (end - piece.start()) * piece.row[INV_WIDTH];
            let (f, g) = primitives(piece, x);
            let span = (end - piece.start()) / deg_per_s;
            // D(t) over the piece: D(start) + I(start) * τ + G / lambda^2.
            double += integral * span + g / (lambda * lambda);
            integral += f / lambda;
        }
        Cumulative { starts, lambdas, revolution: [period, integral, double] }
    }

    /// `(I, D)` from the revolution's start to `angle` (reduced, in piece `index`).
    fn within_revolution(&self, program: &Program, index: usize, angle: f64) -> (f64, f64) {
        let piece = program.piece(index);
        let [start_time, integral, double] = self.starts[index];
        let lambda = self.lambdas[index];
        let x = (angle - piece.start()) * piece.row[INV_WIDTH];
        let (f, g) = primitives(piece, x);
        let tau = x / lambda;
        debug_assert!(tau >= -1e-9 * (1.0 + start_time));
        (integral + f / lambda, double + integral * tau + g / (lambda * lambda))
    }
}

/// `F = ∫_{x0}^{x0+h} q` and `G = ∫_{x0}^{x0+h} ∫_{x0}^{u} q` for the piece's displacement `q`
/// (x-units, from the piece's start). The polynomial is first shifted to `x0` (so a short span's
/// integrals are sums of small terms, not differences of large ones) and the sine terms use
/// `1 - cos y = 2 sin^2(y/2)` and a series for `y - sin y` at small `y`: no cancellation, so the
/// integrals over a short increment keep their relative precision.
fn local(piece: &Piece, x0: f64, h: f64) -> (f64, f64) {
    let r = &piece.row;
    const N: usize = crate::law::MAX_DEGREE + 1;
    // Taylor shift: b_j = coefficients of q(x0 + h) in h (repeated synthetic division).
    let mut b = [0.0; N];
    b.copy_from_slice(&r[D..D + N]);
    for i in 0..N {
        for k in (i..N - 1).rev() {
            b[k] += x0 * b[k + 1];
        }
    }
    b[0] += r[LIFT];
    let (mut f, mut g) = (0.0, 0.0);
    for (k, &c) in b.iter().enumerate().rev() {
        let kf = k as f64;
        f = f * h + c / (kf + 1.0);
        g = g * h + c / ((kf + 1.0) * (kf + 2.0));
    }
    let mut f = f * h;
    let mut g = g * h * h;
    let (s, c, w) = (r[SIN], r[COS], r[OMEGA]);
    if w != 0.0 && (s != 0.0 || c != 0.0) {
        let (sin_p, cos_p) = (w * x0 + r[PHASE]).sin_cos();
        let y = w * h;
        let sin_y = y.sin();
        let one_minus_cos = 2.0 * (0.5 * y).sin().powi(2);
        let y_minus_sin = y_minus_sin(y);
        f += (s * (cos_p * one_minus_cos + sin_p * sin_y) + c * (cos_p * sin_y - sin_p * one_minus_cos)) / w;
        g += (s * (cos_p * y_minus_sin + sin_p * one_minus_cos) + c * (cos_p * one_minus_cos - sin_p * y_minus_sin))
            / (w * w);
    }
    (f, g)
}

/// `y - sin y` without cancellation: its Taylor series for |y| < 0.5 (terms to y^17: relative
/// error below 1e-17), the direct difference beyond (it loses less than a factor 50 there).
fn y_minus_sin(y: f64) -> f64 {
    if y.abs() >= 0.5 {
        return y - y.sin();
    }
    let y2 = y * y;
    // y^3/3! - y^5/5! + ... - y^17/17!, Horner in y^2 from the top.
    let mut sum = 0.0;
    let mut k = 17.0;
    while k >= 3.0 {
        let factorial: f64 = (1..=k as u32).map(f64::from).product();
        let sign = if (k as u32 / 2) % 2 == 1 { 1.0 } else { -1.0 };
        sum = sum * y2 + sign / factorial;
        k -= 2.0;
    }
    sum * y2 * y
}

/// `(F, G)` from the piece's start to `x`.
fn primitives(piece: &Piece, x: f64) -> (f64, f64) {
    local(piece, 0.0, x)
}

impl Program {
    /// The exact time integrals of the displacement over `[t0, t1]` seconds (time 0 = angle 0):
    /// `integral = ∫_{t0}^{t1} s dt` (mm*s) and `double_integral = ∫_{t0}^{t1} ∫_{t0}^{τ} s dt dτ`
    /// (mm*s^2), in closed form from the program's pieces, O(1) whatever the interval's length.
    /// Either bound may be the larger (the integrals are then those of the reversed interval,
    /// signed). NaN for a non-finite time or one beyond [`crate::MAX_TIME_S`]. The error does not
    /// grow with how far into the run the interval lies (see the module docs). A variable-speed
    /// program (a [`crate::SpeedProfile`]) has no such closed form: NaN (the C function refuses
    /// it with a message).
    pub fn displacement_time_integrals(&self, t0: f64, t1: f64) -> TimeIntegrals {
        if self.speed_profile().is_some() || !(crate::program::time_accepted(t0) && crate::program::time_accepted(t1)) {
            return TimeIntegrals { integral: f64::NAN, double_integral: f64::NAN };
        }
        if t1 < t0 {
            // J(t0, t1) + J(t1, t0) = (t1 - t0) (I(t1) - I(t0)): the reversed interval's values.
            let forward = self.displacement_time_integrals(t1, t0);
            let integral = -forward.integral;
            let double_integral = (t0 - t1) * forward.integral - forward.double_integral;
            return TimeIntegrals { integral, double_integral };
        }
        let table = self.cumulative();
        let [period, i_rev, d_rev] = table.revolution;
        let (n0, index0, angle0) = self.whole_turns_piece_and_angle(t0);
        let (n1, index1, angle1) = self.whole_turns_piece_and_angle(t1);
        let x = |index: usize, angle: f64| {
            let piece = self.piece(index);
            (piece, (angle - piece.start()) * piece.row[INV_WIDTH], table.lambdas[index])
        };
        let (piece0, x0, lambda0) = x(index0, angle0);
        let (piece1, _, lambda1) = x(index1, angle1);
        let last = table.lambdas.len() - 1;
        if n1 == n0 && index1 == index0 {
            // One piece: its local integrals, which keep a short increment's relative precision.
            // The span from the caller's times, not from the two angles (each within
            // TIME_ANGLE_TOLERANCE_DEG: a relative error of 1e-8 for a 1e-9 s increment).
            let (f, g) = local(piece0, x0, (t1 - t0) * lambda0);
            return TimeIntegrals { integral: f / lambda0, double_integral: g / (lambda0 * lambda0) };
        }
        if (n1 == n0 && index1 == index0 + 1) || (n1 == n0 + 1.0 && index0 == last && index1 == 0) {
            // Two neighbouring pieces: each local, joined at the boundary b:
            // I = I_a + I_b, D = D_a + I_a (t1 - b) + D_b.
            let end = if index0 == last { crate::REVOLUTION_DEG } else { piece1.start() };
            let x_end = (end - piece0.start()) * piece0.row[INV_WIDTH];
            let (fa, ga) = local(piece0, x0, x_end - x0);
            // The second part's span: the caller's interval less the first part's.
            let x1 = ((t1 - t0) - (x_end - x0) / lambda0) * lambda1;
            let (fb, gb) = local(piece1, 0.0, x1);
            let (ia, ib) = (fa / lambda0, fb / lambda1);
            let double_integral = ga / (lambda0 * lambda0) + ia * (x1 / lambda1) + gb / (lambda1 * lambda1);
            return TimeIntegrals { integral: ia + ib, double_integral };
        }
        let (i0, d0) = table.within_revolution(self, index0, angle0);
        let (i1, d1) = table.within_revolution(self, index1, angle1);
        let m = n1 - n0;
        // From the start R of t0's revolution: I_R(t1 - R) and D_R(t1 - R).
        let f1 = angle1 / self.degrees_per_second();
        let integral_r = m * i_rev + i1;
        let double_r = (i_rev * period * (m * (m - 1.0) * 0.5) + m * d_rev) + (m * i_rev * f1 + d1);
        let integral = integral_r - i0;
        let double_integral = double_r - d0 - i0 * (t1 - t0);
        TimeIntegrals { integral, double_integral }
    }
}

#[cfg(test)]
mod tests {
    use super::primitives;
    use crate::law::Law;
    use crate::piece::push_segment;

    /// The closed-form primitives against a 40-point composite Simpson sum of the piece itself.
    #[test]
    fn primitives_match_quadrature() {
        for law in Law::ALL {
            let mut pieces = Vec::new();
            push_segment(&mut pieces, law, 0.0, 1.0, Some(1.0), 0.0, 1.0, 1.0);
            for piece in &pieces {
                let end = pieces.iter().map(|p| p.start()).find(|&s| s > piece.start()).unwrap_or(1.0);
                let x_end = (end - piece.start()) * piece.row[crate::piece::INV_WIDTH];
                let q = |x: f64| piece.evaluate(piece.start() + x / piece.row[crate::piece::INV_WIDTH]).displacement;
                let n = 2000;
                let h = x_end / n as f64;
                // F by Simpson on each panel pair, G by Simpson on F's samples.
                let mut f_samples = vec![0.0];
                let mut f = 0.0;
                for i in 0..n {
                    let a = i as f64 * h;
                    f += h / 6.0 * (q(a) + 4.0 * q(a + 0.5 * h) + q(a + h));
                    f_samples.push(f);
                }
                let mut g = 0.0;
                for i in 0..n {
                    g += 0.5 * h * (f_samples[i] + f_samples[i + 1]);
                }
                let (fe, ge) = primitives(piece, x_end);
                assert!((fe - f).abs() <= 1e-12, "{law}: F {fe} vs {f}");
                // The trapezoid sum of G is second order: h^2/12 * F' ~ 1e-8.
                assert!((ge - g).abs() <= 1e-7, "{law}: G {ge} vs {g}");
            }
        }
    }
}
