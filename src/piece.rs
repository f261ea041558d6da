//! One analytic piece of a cam program in its evaluation-ready form: the law piece scaled to its
//! segment's angle span, lift and rpm, with the derivative coefficients precomputed, so that
//! displacement, velocity, acceleration and jerk are each a Horner sum plus a sine and a cosine
//! term of one argument that stays on a quarter wave (no argument reduction at run time).

use crate::kinematics::Kinematics;
use crate::law::{Law, LawPiece, MAX_DEGREE};
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
/// The lift the displacement starts from, added last (see [`evaluate`]).
pub(crate) const LIFT: usize = COS + 4;
/// Coefficients per piece.
pub(crate) const FIELDS: usize = LIFT + 1;

/// The largest residue, relative to the size of the terms summed, that [`Piece::pin`] removes:
/// rounding (of the weights: a few ulps; of the angle at a piece's end: up to ~1e-13), never a
/// real value.
const MAX_PIN_RESIDUE: f64 = 1e-12;

/// `q(x) = Q(x) + s_q sin t + c_q cos t` for q = displacement, velocity, acceleration, jerk, with
/// `x = (angle - start) * inv_width` (the law's u minus the piece's u0) and `t = w x + phi`, plus
/// the segment's starting lift for the displacement, stored as one row of coefficients (see the
/// field indices above). The law's sine term
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
        row[LIFT] = lift0;
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

    /// Nudges one coefficient of quantity `q` (0..4: displacement, velocity, acceleration,
    /// jerk) so that the piece gives exactly `target` at `angle`, as every evaluation path
    /// computes it (the same `evaluate`, hence the same bits). `k = 0` moves the constant, which
    /// alone sets the value at the piece's start (x = 0); `k = 1` moves the linear coefficient,
    /// which leaves the start untouched; `move_sine` lets the quantity's sine and cosine weights move by an
    /// ulp or two too, when the coefficient alone cannot reach `target`. The value must already
    /// be within [`MAX_PIN_RESIDUE`] of the terms it sums of `target`: this removes the rounding
    /// residue the centred sine weights (and, at a piece's end, the angle's rounding) leave; it
    /// does not change the curve by more than that residue. Returns whether the piece now gives
    /// `target` exactly.
    fn pin(&mut self, q: usize, k: usize, move_sine: bool, angle: f64, target: f64) -> bool {
        let first = [D, V, A, J][q];
        let field = first + k;
        let value = |row: &[f64; FIELDS]| evaluate::<N, f64>(angle, |f| row[f])[q];
        let x = (angle - self.row[START]) * self.row[INV_WIDTH];
        // The size of the terms summed at x: what rounding is relative to.
        let terms = (0..N).map(|i| (self.row[first + i] * x.powi(i as i32)).abs()).sum::<f64>()
            + self.row[SIN + q].abs()
            + self.row[COS + q].abs();
        let residue = value(&self.row) - target;
        if residue == 0.0 {
            return true;
        }
        let weight = if k == 0 { 1.0 } else { x };
        if residue.is_nan() || residue.abs() > MAX_PIN_RESIDUE * terms || weight == 0.0 {
            return false;
        }
        let (original, sine, cosine) = (self.row[field], self.row[SIN + q], self.row[COS + q]);
        // A partial sum's rounding may make `target` unreachable through the coefficient alone
        // (when its ulp is twice the result's): then the sine and cosine weights move by an ulp
        // or two, which changes the parity of the sums they enter.
        let nudged =
            |x: f64, ulps: i32| (0..ulps.abs()).fold(x, |x, _| if ulps > 0 { x.next_up() } else { x.next_down() });
        let weights = [0, 1, -1, 2, -2]
            .into_iter()
            .flat_map(|m| [0, 1, -1, 2, -2].into_iter().map(move |n| (m, n)))
            .take(if move_sine { 25 } else { 1 })
            .map(|(m, n)| (nudged(sine, m), nudged(cosine, n)));
        for (s, c) in weights {
            self.row[SIN + q] = s;
            self.row[COS + q] = c;
            self.row[field] = original;
            // Newton steps remove the residue but for the last rounding ...
            for _ in 0..4 {
                let residue = value(&self.row) - target;
                if residue == 0.0 {
                    return true;
                }
                let moved = self.row[field] - residue / weight;
                if moved == self.row[field] {
                    break;
                }
                self.row[field] = moved;
            }
            // ... which the coefficient's neighbours settle.
            let centre = self.row[field];
            let (mut up, mut down) = (centre, centre);
            for _ in 0..16 {
                up = up.next_up();
                down = down.next_down();
                for candidate in [up, down] {
                    self.row[field] = candidate;
                    if value(&self.row) == target {
                        return true;
                    }
                }
            }
        }
        self.row[field] = original;
        self.row[SIN + q] = sine;
        self.row[COS + q] = cosine;
        false
    }

    /// Whether the piece has no sine term at all: its `OMEGA`, `PHASE` and every `SIN` and
    /// `COS` weight are exactly +0.0 (dwells and polynomial laws, unless pinning nudged a
    /// weight), so [`evaluate_sine_free`] gives its bits.
    pub fn is_sine_free(&self) -> bool {
        let fields = [OMEGA, PHASE].into_iter().chain(SIN..SIN + 4).chain(COS..COS + 4);
        fields.into_iter().all(|f| self.row[f].to_bits() == 0)
    }

    /// Whether the piece is still: sine-free ([`Piece::is_sine_free`]) with every velocity,
    /// acceleration and jerk coefficient exactly +0.0 (a dwell), so that each of the three
    /// evaluates to +-0 everywhere in it.
    pub fn is_still(&self) -> bool {
        self.is_sine_free() && self.row[V..SIN].iter().all(|c| c.to_bits() == 0)
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

/// Appends the pieces of one segment: `law` scaled to start at cam angle `start` and span
/// `width` degrees, from lift `lift0` to `end_lift`, at `rate` = du/dt in 1/s. `end` is the
/// angle at which the segment's last piece is evaluated at its very end, if it ever is (360
/// for a program's last segment, a reduced angle a hair below a whole turn; u = 1 for
/// [`Law::evaluate`]): a later segment's start is evaluated by that segment.
///
/// Where the math is exact, so are the pieces: the segment gives exactly `lift0` at `start`,
/// and exactly 0 for each derivative the law has zero at its ends
/// ([`Law::vanishing_derivatives_at_ends`]). Likewise `end_lift` and zeros at `end` when a
/// double can carry it there (`end_lift` or `lift0` is 0, as for a program's last segment and
/// for `Law::evaluate`) and the angles' rounding leaves `end` at the piece's end to within
/// rounding (not so for a segment a fraction of a degree wide). Evaluated as built, the centred sine's two weights leave residues
/// of an ulp of their size (1.1e-16 mm of lift, 1e-13 mm/s of velocity), so the first piece's
/// constants and the last piece's linear coefficients are pinned to the exact values (see
/// [`Piece::pin`]): the curve moves by the residue removed (an ulp or so of the terms at a
/// start), nowhere more. A dwell needs nothing: it is its constant.
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_segment(
    pieces: &mut Vec<Piece>,
    law: Law,
    start: f64,
    width: f64,
    end: Option<f64>,
    lift0: f64,
    end_lift: f64,
    rate: f64,
) {
    let first = pieces.len();
    for law_piece in law.pieces().as_slice() {
        pieces.push(Piece::new(law_piece, start, width, lift0, end_lift - lift0, rate));
    }
    if law == Law::Dwell {
        return;
    }
    let rests = law.vanishing_derivatives_at_ends();
    let pin = |piece: &mut Piece, k: usize, move_sine: bool, angle: f64, lift: f64| {
        let mut pinned = piece.pin(0, k, move_sine, angle, lift);
        for (order, &rest) in rests.iter().enumerate() {
            if rest {
                pinned &= piece.pin(order + 1, k, move_sine, angle, 0.0);
            }
        }
        pinned
    };
    // At the start the piece's x is exactly 0: only the sine weights' rounding is to remove.
    // (Always done for finite coefficients: `segment_ends_are_exact` sweeps the cases.)
    pin(&mut pieces[first], 0, true, start, lift0);
    if let Some(end) = end {
        // At the end x is what the angle's rounding makes it; when that is the end to within
        // rounding, the end is pinned too. The sine weights also set the start: a one-piece
        // segment's end moves only its linear coefficients.
        let last = pieces.len() - 1;
        pin(&mut pieces[last], 1, last != first, end, end_lift);
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
        // The lift last: at a segment's start the rest is exactly 0 (pinned), so the lift comes
        // out exact whatever its size against the terms that cancel there.
        sum::<M, R>(c, 0, D, x, s, co) + c(LIFT),
        sum::<M, R>(c, 1, V, x, s, co),
        sum::<M, R>(c, 2, A, x, s, co),
        sum::<M, R>(c, 3, J, x, s, co),
    ]
}

/// [`evaluate`] for a piece without a sine term ([`Piece::is_sine_free`]: its `OMEGA`, `PHASE`
/// and every `SIN` and `COS` weight are +0.0), skipping the sine and cosine: the same bits.
/// There `t = 0 x + 0 = +0` (x is finite), `sin_cos_quarter(+0)` is exactly (+0, 1), so each
/// quantity is `(horner + (+0)(+0)) + (+0)(1)`, which is `horner + 0.0` (-0 becomes +0; the
/// second `+ 0.0` changes nothing more), then plus the lift for the displacement.
#[inline(always)]
pub(crate) fn evaluate_sine_free<const M: usize, R: Real>(angle: R, coefficient: impl Fn(usize) -> R) -> [R; 4] {
    let c = &coefficient;
    let k = R::splat;
    let x = (angle - c(START)) * c(INV_WIDTH);
    [
        (horner::<M, R>(c, D, x) + k(0.0)) + c(LIFT),
        horner::<M, R>(c, V, x) + k(0.0),
        horner::<M, R>(c, A, x) + k(0.0),
        horner::<M, R>(c, J, x) + k(0.0),
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
    use super::{push_segment, Piece, COS, N, PHASE, SIN};
    use crate::law::Law;
    use std::f64::consts::FRAC_PI_2;

    /// A segment's start gives the exact lift, and exactly 0 for the derivatives its law has zero
    /// there, for every law, rises and falls of many sizes, odd widths, starts and rpms
    /// (evaluated as every path evaluates a piece); so does its end, evaluated at 360 as a
    /// program's last segment is. Unpinned, 1.1e-16 mm and 1e-13 mm/s residues were left.
    #[test]
    fn segment_ends_are_exact() {
        let lifts = [0.0, 1e-3, 0.1, 0.3, 1.0, 2.5, 3.0, 7.25, 8.5, 10.0, 12.345, 100.0, 1234.5];
        let widths = [0.7, 13.7, 37.3, 45.0, 88.7, 90.0, 135.0, 356.7];
        let mut checked = 0;
        for law in Law::ALL.into_iter().filter(|&l| l != Law::Dwell) {
            let rests = law.vanishing_derivatives_at_ends();
            for &lift0 in &lifts {
                for &end_lift in &lifts {
                    for &width in &widths {
                        for rpm in [60.0, 1234.5, 3000.0, 20000.0] {
                            // Ending at 360 (a last segment), and starting at 13.7 (a middle one).
                            for (start, end) in [(360.0 - width, Some(360.0)), (13.7, None)] {
                                let mut pieces = Vec::new();
                                push_segment(&mut pieces, law, start, width, end, lift0, end_lift, 6.0 * rpm / width);
                                let mut ends = vec![(&pieces[0], start, lift0)];
                                // The end is pinned for the last segment of a program, which ends
                                // at lift 0 (and for `Law::evaluate`, from lift 0), unless the
                                // segment is a fraction of a degree wide (the angle's rounding then
                                // moves x off the end by more than rounding).
                                let reachable = end_lift == 0.0 || lift0 == 0.0;
                                if let (Some(end), true) = (end, width >= 10.0 && reachable) {
                                    ends.push((&pieces[pieces.len() - 1], end, end_lift));
                                }
                                for (piece, angle, lift) in ends {
                                    let k = piece.evaluate_degree::<N>(angle);
                                    let q = [k.displacement, k.velocity, k.acceleration, k.jerk];
                                    let what = format!("{law} {lift0} -> {end_lift} mm over {width} deg from {start} at {rpm} rpm, angle {angle}");
                                    assert_eq!(q[0], lift, "displacement, {what}");
                                    for order in 1..4 {
                                        if rests[order - 1] {
                                            assert_eq!(q[order], 0.0, "derivative {order}, {what}");
                                        }
                                    }
                                    checked += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 7 * 4 * (13 * 13 * 8 * 2 + (13 + 12) * 7));
    }

    /// Pinning moves the curve by rounding only: the pinned pieces agree with the law's own
    /// formula as closely as unpinned ones do.
    #[test]
    fn pinning_changes_the_curve_by_rounding_only() {
        for law in Law::ALL {
            let mut pinned = Vec::new();
            push_segment(&mut pinned, law, 0.0, 1.0, Some(1.0), 0.0, 1.0, 1.0);
            for (lp, piece) in law.pieces().as_slice().iter().zip(&pinned) {
                let plain = Piece::new(lp, 0.0, 1.0, 0.0, 1.0, 1.0);
                for i in 0..=64 {
                    let u = lp.u0 + (lp.u1 - lp.u0) * i as f64 / 64.0;
                    let (a, b) = (piece.evaluate(u), plain.evaluate(u));
                    for (x, y, scale) in [
                        (a.displacement, b.displacement, 1.0),
                        (a.velocity, b.velocity, 2.0),
                        (a.acceleration, b.acceleration, 40.0),
                        (a.jerk, b.jerk, 1000.0),
                    ] {
                        assert!((x - y).abs() <= 8.0 * f64::EPSILON * scale, "{law} at u = {u}: {x} vs {y}");
                    }
                }
            }
        }
    }

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
