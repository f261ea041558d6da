//! One analytic piece of a cam program in its evaluation-ready form: the law piece scaled to its
//! segment's angle span, lift and rpm, with the derivative coefficients precomputed, so that
//! displacement, velocity, acceleration and jerk are each a Horner sum plus one sine/cosine term.

use crate::kinematics::Kinematics;
use crate::law::{LawPiece, MAX_DEGREE};
use crate::trig::sin_cos;

const N: usize = MAX_DEGREE + 1;

/// `d(x) = D(x) + a0 sin(w x + phi)`, `v(x) = V(x) + a1 cos(..)`, `a(x) = A(x) + a2 sin(..)`,
/// `j(x) = J(x) + a3 cos(..)` with `x = (angle - start) * inv_width` (the law's u minus the
/// piece's u0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Piece {
    /// Where the piece starts, in the caller's angle unit.
    pub start: f64,
    /// 1 / segment width: converts an angle offset into the law's u.
    pub inv_width: f64,
    omega: f64,
    phase: f64,
    d: [f64; N],
    v: [f64; N],
    a: [f64; N],
    j: [f64; N],
    amp: [f64; 4],
}

impl Piece {
    /// Scales `law` to a segment starting at `segment_start` of `width` (angle units), rising
    /// from `lift0` by `rise` (negative for a fall), at `rate` = d(u)/dt in 1/s.
    pub fn new(law: &LawPiece, segment_start: f64, width: f64, lift0: f64, rise: f64, rate: f64) -> Piece {
        let mut d = [0.0; N];
        let mut v = [0.0; N];
        let mut a = [0.0; N];
        let mut j = [0.0; N];
        for k in 0..N {
            let c = |m: usize| if k + m < N { law.poly[k + m] } else { 0.0 };
            let falling = |m: usize| (1..=m).map(|i| (k + i) as f64).product::<f64>();
            d[k] = rise * c(0);
            v[k] = rise * rate * falling(1) * c(1);
            a[k] = rise * rate * rate * falling(2) * c(2);
            j[k] = rise * rate * rate * rate * falling(3) * c(3);
        }
        d[0] += lift0;
        let w = law.omega;
        let amp0 = rise * law.amp;
        let amp = [amp0, amp0 * w * rate, -amp0 * (w * rate).powi(2), -amp0 * (w * rate).powi(3)];
        Piece {
            start: segment_start + law.u0 * width,
            inv_width: 1.0 / width,
            omega: w,
            phase: law.phase,
            d,
            v,
            a,
            j,
            amp,
        }
    }

    /// Highest polynomial degree with a non-zero coefficient in any of the four sums.
    pub fn degree(&self) -> usize {
        (0..N)
            .rev()
            .find(|&k| self.d[k] != 0.0 || self.v[k] != 0.0 || self.a[k] != 0.0 || self.j[k] != 0.0)
            .unwrap_or(0)
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
        let x = (angle - self.start) * self.inv_width;
        let (s, c) = sin_cos(self.omega * x + self.phase);
        Kinematics {
            displacement: horner::<M>(&self.d, x) + self.amp[0] * s,
            velocity: horner::<M>(&self.v, x) + self.amp[1] * c,
            acceleration: horner::<M>(&self.a, x) + self.amp[2] * s,
            jerk: horner::<M>(&self.j, x) + self.amp[3] * c,
        }
    }
}

#[inline(always)]
fn horner<const M: usize>(coefficients: &[f64; N], x: f64) -> f64 {
    let mut sum = 0.0;
    for k in (0..M.min(N)).rev() {
        sum = sum * x + coefficients[k];
    }
    sum
}
