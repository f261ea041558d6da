//! One analytic piece of a cam program in its evaluation-ready form: the law piece scaled to its
//! segment's angle span, lift and rpm, with the derivative coefficients precomputed, so that
//! displacement, velocity, acceleration and jerk are each a Horner sum plus one sine/cosine term.

use crate::kinematics::Kinematics;
use crate::law::{LawPiece, MAX_DEGREE};
use crate::trig::{sin_cos, Real};

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
pub(crate) const AMP: usize = J + N;
/// Coefficients per piece.
pub(crate) const FIELDS: usize = AMP + 4;

/// `d(x) = D(x) + a0 sin(w x + phi)`, `v(x) = V(x) + a1 cos(..)`, `a(x) = A(x) + a2 sin(..)`,
/// `j(x) = J(x) + a3 cos(..)` with `x = (angle - start) * inv_width` (the law's u minus the
/// piece's u0), stored as one row of coefficients (see the field indices above).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Piece {
    pub row: [f64; FIELDS],
}

impl Piece {
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
        let w = law.omega;
        let amp0 = rise * law.amp;
        row[AMP..].copy_from_slice(&[amp0, amp0 * w * rate, -amp0 * (w * rate).powi(2), -amp0 * (w * rate).powi(3)]);
        row[START] = segment_start + law.u0 * width;
        row[INV_WIDTH] = 1.0 / width;
        row[OMEGA] = w;
        row[PHASE] = law.phase;
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
    let (s, co) = sin_cos(c(OMEGA) * x + c(PHASE));
    [
        horner::<M, R>(c, D, x) + c(AMP) * s,
        horner::<M, R>(c, V, x) + c(AMP + 1) * co,
        horner::<M, R>(c, A, x) + c(AMP + 2) * s,
        horner::<M, R>(c, J, x) + c(AMP + 3) * co,
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

#[inline(always)]
fn horner<const M: usize, R: Real>(c: &impl Fn(usize) -> R, first: usize, x: R) -> R {
    let mut sum = R::splat(0.0);
    for k in (0..M.min(N)).rev() {
        sum = sum * x + c(first + k);
    }
    sum
}
