//! One analytic piece of a cam program in its evaluation-ready form: the law piece scaled to its
//! segment's angle span, lift and rpm, with the derivative coefficients precomputed, so that
//! displacement, velocity, acceleration and jerk are each a Horner sum plus a sine and a cosine
//! term of one argument that stays on a quarter wave (no argument reduction at run time).

use crate::kinematics::Kinematics;
use crate::law::{LawPiece, MAX_DEGREE};
use crate::trig::{sin_cos_quarter, Real};
use std::f64::consts::FRAC_PI_4;

const N: usize = MAX_DEGREE + 1;

/// Where each coefficient sits in a piece's row (and in the lane tables built from rows).
pub(crate) const START: usize = 0;
pub(crate) const INV_WIDTH: usize = 1;
pub(crate) const OMEGA: usize = 2;
pub(crate) const PHASE: usize = 3;
pub(crate) const D: usize = 4;
pub(crate) const V: usize = D + N;
pub(crate) const A: usize = V + N;
pub(crate) const J: usize = A + N;
pub(crate) const SIN: usize = J + N;
pub(crate) const COS: usize = SIN + 4;
/// Coefficients per piece.
pub(crate) const FIELDS: usize = COS + 4;

/// `q(x) = Q(x) + s_q sin t + c_q cos t` for q = displacement, velocity, acceleration, jerk, with
/// `x = (angle - start) * inv_width` (the law's u minus the piece's u0) and `t = w x + phi`,
/// stored as one row of coefficients (see the field indices above). The law's sine term
/// `amp sin(w x + phase)` spans at most a quarter wave over a piece; `phi` centres it,
/// `t = (w x + phase) - centre` with |t| <= pi/4, and the addition theorem turns
/// `sin(t + centre)` into the sine and cosine weights (the derivatives likewise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Piece {
    pub row: [f64; FIELDS],
}

impl Piece {
    /// A piece that evaluates to NaN everywhere (a lookup's never-taken fallback).
    pub const NAN: Piece = Piece { row: [f64::NAN; FIELDS] };

    /// Scales `law` to a segment starting at `segment_start` of `width` (angle units), rising
    /// from `lift0` by `rise` (negative for a fall), at `rate` = d(u)/dt in 1/s.
    pub fn new(law: &LawPiece, segment_start: f64, width: f64, lift0: f64, rise: f64, rate: f64) -> Piece {
        let mut row = [0.0; FIELDS];
        for k in 0..N {
            let c = |m: usize| if k + m < N { law.poly[k + m] } else { 0.0 };
            let falling = |m: usize| (1..=m).map(|i| (k + i) as f64).product::<f64>();
            row[D + k] = rise * c(0);
            row[V + k] = rise * rate * falling(1) * c(1);
            row[A + k] = rise * rate * rate * falling(2) * c(2);
            row[J + k] = rise * rate * rate * rate * falling(3) * c(3);
        }
        row[D] += lift0;
        if law.amp != 0.0 {
            let span = law.omega * (law.u1 - law.u0);
            debug_assert!(
                span.abs() <= 2.0 * FRAC_PI_4 * (1.0 + 1e-12),
                "a law piece's sine spans more than a quarter wave"
            );
            // sin(t + centre) = sin t cos centre + cos t sin centre; cos(t + centre) = cos t cos centre - sin t sin centre.
            let centre = law.phase + 0.5 * span;
            let (sin_c, cos_c) = centre.sin_cos();
            let w = law.omega;
            let amps = [
                rise * law.amp,
                rise * law.amp * w * rate,
                -rise * law.amp * (w * rate).powi(2),
                -rise * law.amp * (w * rate).powi(3),
            ];
            for (q, amp) in amps.into_iter().enumerate() {
                // Displacement and acceleration carry sin(arg); velocity and jerk cos(arg).
                let (on_sin, on_cos) = if q % 2 == 0 { (cos_c, sin_c) } else { (-sin_c, cos_c) };
                row[SIN + q] = amp * on_sin;
                row[COS + q] = amp * on_cos;
            }
            row[OMEGA] = w;
            row[PHASE] = -0.5 * span;
        }
        row[START] = segment_start + law.u0 * width;
        row[INV_WIDTH] = 1.0 / width;
        Piece { row }
    }

    /// Where the piece starts, in the caller's angle unit.
    pub fn start(&self) -> f64 {
        self.row[START]
    }

    /// Highest polynomial degree with a non-zero coefficient in any of the four sums.
    pub fn degree(&self) -> usize {
        let r = &self.row;
        (0..N).rev().find(|&k| r[D + k] != 0.0 || r[V + k] != 0.0 || r[A + k] != 0.0 || r[J + k] != 0.0).unwrap_or(0)
    }

    /// All four quantities at `angle` (which must lie in this piece). Unused ones are removed by
    /// the optimizer when inlined.
    #[inline(always)]
    pub fn evaluate(&self, angle: f64) -> Kinematics {
        self.evaluate_degree::<N>(angle)
    }

    /// As [`Piece::evaluate`], summing only the first `M` coefficients (`M` > the program's degree).
    #[inline(always)]
    pub fn evaluate_degree<const M: usize>(&self, angle: f64) -> Kinematics {
        let [displacement, velocity, acceleration, jerk] = evaluate::<M, f64>(angle, |f| self.row[f]);
        Kinematics { displacement, velocity, acceleration, jerk }
    }
}

/// The one evaluation of a piece, for a scalar or for lanes: `coefficient(field)` gives the
/// piece's (or each lane's piece's) coefficient at that row index. Returns displacement,
/// velocity, acceleration, jerk; what the caller does not use is optimized away.
#[inline(always)]
pub(crate) fn evaluate<const M: usize, R: Real>(angle: R, coefficient: impl Fn(usize) -> R) -> [R; 4] {
    let c = &coefficient;
    let x = (angle - c(START)) * c(INV_WIDTH);
    let (s, co) = sin_cos_quarter(c(OMEGA) * x + c(PHASE));
    [
        sum::<M, R>(c, 0, D, x, s, co),
        sum::<M, R>(c, 1, V, x, s, co),
        sum::<M, R>(c, 2, A, x, s, co),
        sum::<M, R>(c, 3, J, x, s, co),
    ]
}

/// Runs `$body` with the const `$m` = the Horner length that covers `$degree` (the program's
/// highest polynomial degree). Scalar calls and batch kernels choose it the same way, so they
/// sum the same terms and give the same bits.
macro_rules! with_degree {
    ($degree:expr, $m:ident => $body:expr) => {
        match $degree {
            0..=1 => {
                const $m: usize = 2;
                $body
            }
            2 => {
                const $m: usize = 3;
                $body
            }
            3..=5 => {
                const $m: usize = 6;
                $body
            }
            _ => {
                const $m: usize = 8;
                $body
            }
        }
    };
}
pub(crate) use with_degree;

/// Quantity `q` (0..4, whose polynomial starts at field `first`) from `x`, `sin t`, `cos t`.
/// A function, not a closure: inlined into the SIMD kernels it inherits their target features.
#[inline(always)]
fn sum<const M: usize, R: Real>(c: &impl Fn(usize) -> R, q: usize, first: usize, x: R, s: R, co: R) -> R {
    (horner::<M, R>(c, first, x) + c(SIN + q) * s) + c(COS + q) * co
}

#[inline(always)]
fn horner<const M: usize, R: Real>(c: &impl Fn(usize) -> R, first: usize, x: R) -> R {
    let top = M.min(N) - 1;
    let mut sum = c(first + top);
    for k in (0..top).rev() {
        sum = sum * x + c(first + k);
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::{Piece, COS, PHASE, SIN};
    use crate::law::Law;
    use std::f64::consts::FRAC_PI_2;

    /// Every law piece's sine term fits one centred quarter wave, the kernels' range, and the
    /// centred form reproduces the law's own `amp sin(omega x + phase)`.
    #[test]
    fn every_law_piece_is_a_centred_quarter_wave() {
        for law in Law::ALL {
            for lp in law.pieces().as_slice() {
                let span = lp.omega * (lp.u1 - lp.u0);
                assert!(span.abs() <= FRAC_PI_2 * (1.0 + 1e-12), "{law}: span {span}");
                let piece = Piece::new(lp, 0.0, 1.0, 0.0, 1.0, 1.0);
                for i in 0..=8 {
                    let x = (lp.u1 - lp.u0) * i as f64 / 8.0;
                    let t = lp.omega * x + piece.row[PHASE];
                    assert!(t.abs() <= FRAC_PI_2 / 2.0 * (1.0 + 1e-12), "{law}: t = {t}");
                    let centred = piece.row[SIN] * t.sin() + piece.row[COS] * t.cos();
                    let direct = lp.amp * (lp.omega * x + lp.phase).sin();
                    assert!((centred - direct).abs() <= 1e-15, "{law} at x = {x}: {centred} vs {direct}");
                }
            }
        }
    }
}
