//! The global minimum over one revolution of functions of the kinematics, to full precision.
//!
//! A program is a chain of analytic pieces; a function of the kinematics is smooth inside each
//! piece but may jump between pieces (the simple-harmonic law's acceleration steps). So each
//! piece is scanned on its own: its two ends (one-sided limits, evaluated with the piece's own
//! formula), and the points of the equally spaced grid `360 i / num_points` inside it. Every
//! sampled local minimum opens a bracket (its two neighbours); the lowest few brackets of the
//! revolution are refined with Brent's minimizer on the exact piece, and the result is the
//! lowest of all samples and refined points. A minimum thus lands to rounding precision in value
//! (and to about 1e-8 relative in angle), and never worse than the grid.

use crate::kinematics::Kinematics;
use crate::program::{Program, REVOLUTION_DEG};

/// Most objectives one pass minimizes at once.
pub(crate) const MAX_OBJECTIVES: usize = 6;
/// Brackets refined per objective: the lowest sampled local minima of the revolution.
const CANDIDATES: usize = 8;
/// Most iterations of one Brent refinement (it converges in a few dozen).
const MAX_ITERATIONS: usize = 200;

/// A function of the kinematics at one angle to minimize.
pub(crate) type Objective<'a> = &'a dyn Fn(&Kinematics) -> f64;

/// A minimum: its value, its angle in [0, 360] degrees (360: the last piece's end), and the
/// piece whose formula gave it (at a piece boundary the side matters where the function jumps).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Minimum {
    pub value: f64,
    pub at: f64,
    pub piece: usize,
}

impl Minimum {
    pub(crate) const NONE: Minimum = Minimum { value: f64::INFINITY, at: 0.0, piece: 0 };

    /// The angle in [0, 360): the last piece's end is the next revolution's start.
    pub(crate) fn angle(&self) -> f64 {
        if self.at >= REVOLUTION_DEG {
            self.at - REVOLUTION_DEG
        } else {
            self.at
        }
    }

    /// The kinematics where the minimum is, by the piece that gave it.
    pub(crate) fn kinematics(&self, program: &Program) -> Kinematics {
        kinematics_on_piece(program, self.piece, self.at)
    }
}

/// The kinematics at `theta_deg` by piece `piece`'s formula (an end of the piece gives that
/// side's limit).
pub(crate) fn kinematics_on_piece(program: &Program, piece: usize, theta_deg: f64) -> Kinematics {
    program.piece(piece).evaluate(theta_deg)
}

/// Where the pieces of `program` start and end: `(index, start, end)` in degrees, covering
/// [0, 360) in order (zero-width pieces included).
fn piece_spans(program: &Program) -> impl Iterator<Item = (usize, f64, f64)> + '_ {
    let inner = program.inner_starts();
    let count = inner.len() + 1;
    (0..count).map(move |i| {
        let start = if i == 0 { 0.0 } else { inner[i - 1] };
        let end = if i + 1 < count { inner[i] } else { REVOLUTION_DEG };
        (i, start, end)
    })
}

#[derive(Clone, Copy, Debug)]
struct Bracket {
    piece: usize,
    lo: f64,
    hi: f64,
    sample: f64,
}

/// One objective's running state over the scan.
#[derive(Clone, Copy, Debug)]
struct Tracker {
    best: Minimum,
    saw_nan: bool,
    /// The last two points of the current piece, oldest first: (angle, value).
    window: [(f64, f64); 2],
    /// How many points of the current piece have been seen.
    seen: usize,
    brackets: [Bracket; CANDIDATES],
    count: usize,
}

impl Tracker {
    fn new() -> Tracker {
        let empty = Bracket { piece: 0, lo: 0.0, hi: 0.0, sample: f64::INFINITY };
        Tracker {
            best: Minimum::NONE,
            saw_nan: false,
            window: [(0.0, 0.0); 2],
            seen: 0,
            brackets: [empty; CANDIDATES],
            count: 0,
        }
    }

    /// Keeps a bracket around a sampled local minimum if it is among the lowest so far.
    fn offer(&mut self, bracket: Bracket) {
        if self.count < CANDIDATES {
            self.brackets[self.count] = bracket;
            self.count += 1;
            return;
        }
        let (worst, _) = self.brackets.iter().enumerate().fold((0, f64::NEG_INFINITY), |(wi, wv), (i, b)| {
            if b.sample > wv {
                (i, b.sample)
            } else {
                (wi, wv)
            }
        });
        if bracket.sample < self.brackets[worst].sample {
            self.brackets[worst] = bracket;
        }
    }

    /// The next point of piece `piece`, at `theta` with value `g`.
    fn push(&mut self, piece: usize, theta: f64, g: f64) {
        if g.is_nan() {
            self.saw_nan = true;
        } else if g < self.best.value {
            self.best = Minimum { value: g, at: theta, piece };
        }
        match self.seen {
            0 => {}
            1 => {
                // The piece's start is a local minimum if it does not exceed the next point.
                let (t0, g0) = self.window[1];
                if g0 <= g {
                    self.offer(Bracket { piece, lo: t0, hi: theta, sample: g0 });
                }
            }
            _ => {
                let [(t0, g0), (_, g1)] = self.window;
                if g1 < g0 && g1 <= g {
                    self.offer(Bracket { piece, lo: t0, hi: theta, sample: g1 });
                }
            }
        }
        self.window = [self.window[1], (theta, g)];
        self.seen += 1;
    }

    /// The end of the current piece has been pushed.
    fn end_piece(&mut self, piece: usize) {
        if self.seen >= 2 {
            let [(t0, g0), (t1, g1)] = self.window;
            if g1 < g0 {
                self.offer(Bracket { piece, lo: t0, hi: t1, sample: g1 });
            }
        }
        self.seen = 0;
    }
}

/// Minimizes each of `objectives` over one revolution of `program`, sampled on
/// `num_points` (> 0) equally spaced angles `360 i / num_points` plus every piece's ends, then
/// refined (see the module docs). `on_grid` is called once for each grid angle, in order, with
/// the kinematics there (the program's value: the piece that starts at or before the angle).
/// `out[i]` receives objective i's minimum; NaN if the objective was NaN anywhere. Allocates
/// nothing.
pub(crate) fn minimize(
    program: &Program,
    num_points: usize,
    objectives: &[Objective<'_>],
    out: &mut [Minimum],
    mut on_grid: impl FnMut(&Kinematics),
) {
    assert!(objectives.len() <= MAX_OBJECTIVES && out.len() == objectives.len() && num_points > 0);
    let mut trackers = [Tracker::new(); MAX_OBJECTIVES];
    let trackers = &mut trackers[..objectives.len()];
    let step = REVOLUTION_DEG / num_points as f64;
    let grid = |k: usize| k as f64 * step;
    for (piece, start, end) in piece_spans(program) {
        // The first grid index at or after the piece's start.
        let mut k = (start / step).floor().max(0.0) as usize;
        while k > 0 && grid(k - 1) >= start {
            k -= 1;
        }
        while k < num_points && grid(k) < start {
            k += 1;
        }
        if end <= start {
            continue; // a zero-width piece holds no angle
        }
        let mut visit = |theta: f64, on_the_grid: bool, trackers: &mut [Tracker]| {
            let kin = kinematics_on_piece(program, piece, theta);
            if on_the_grid {
                on_grid(&kin);
            }
            for (tracker, objective) in trackers.iter_mut().zip(objectives) {
                tracker.push(piece, theta, objective(&kin));
            }
        };
        let start_on_grid = k < num_points && grid(k) == start;
        visit(start, start_on_grid, trackers);
        if start_on_grid {
            k += 1;
        }
        while k < num_points && grid(k) < end {
            visit(grid(k), true, trackers);
            k += 1;
        }
        visit(end, false, trackers);
        for tracker in trackers.iter_mut() {
            tracker.end_piece(piece);
        }
    }
    for ((tracker, objective), slot) in trackers.iter().zip(objectives).zip(out.iter_mut()) {
        let mut best = tracker.best;
        for bracket in &tracker.brackets[..tracker.count] {
            let f = |theta: f64| {
                let g = objective(&kinematics_on_piece(program, bracket.piece, theta));
                if g.is_nan() {
                    f64::INFINITY
                } else {
                    g
                }
            };
            let (at, value) = brent_minimize(bracket.lo, bracket.hi, f);
            if value < best.value {
                best = Minimum { value, at, piece: bracket.piece };
            }
        }
        if tracker.saw_nan {
            best.value = f64::NAN;
        }
        *slot = best;
    }
}

/// Brent's minimizer (golden section with parabolic steps) of `f` on [a, b]: a local minimum
/// to about 1.5e-8 relative in x, whence to rounding in f near a smooth minimum. Infinite
/// values are allowed (the parabolic step is skipped while they are in play). Returns
/// `(x, f(x))`.
pub(crate) fn brent_minimize(mut a: f64, mut b: f64, f: impl Fn(f64) -> f64) -> (f64, f64) {
    const GOLDEN: f64 = 0.381_966_011_250_105_1; // (3 - sqrt 5) / 2
    let eps = f64::EPSILON.sqrt();
    let tol = 1e-13;
    let mut x = a + GOLDEN * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = f(x);
    let (mut fw, mut fv) = (fx, fx);
    let (mut d, mut e) = (0.0f64, 0.0f64);
    for _ in 0..MAX_ITERATIONS {
        let xm = 0.5 * (a + b);
        let tol1 = eps * x.abs() + tol / 3.0;
        let tol2 = 2.0 * tol1;
        if (x - xm).abs() <= tol2 - 0.5 * (b - a) {
            break;
        }
        let mut golden = true;
        if e.abs() > tol1 {
            let r = (x - w) * (fx - fv);
            let q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            let mut q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            let e_previous = e;
            if p.is_finite()
                && q.is_finite()
                && p.abs() < (0.5 * q * e_previous).abs()
                && p > q * (a - x)
                && p < q * (b - x)
            {
                e = d;
                d = p / q;
                let u = x + d;
                if u - a < tol2 || b - u < tol2 {
                    d = tol1.copysign(xm - x);
                }
                golden = false;
            }
        }
        if golden {
            e = if x >= xm { a - x } else { b - x };
            d = GOLDEN * e;
        }
        let u = if d.abs() >= tol1 { x + d } else { x + tol1.copysign(d) };
        let fu = f(u);
        if fu <= fx {
            if u >= x {
                a = x;
            } else {
                b = x;
            }
            (v, fv) = (w, fw);
            (w, fw) = (x, fx);
            (x, fx) = (u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv) = (w, fw);
                (w, fw) = (u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    (x, fx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Parameters;

    #[test]
    fn brent_finds_smooth_minima_to_rounding() {
        let (x, fx) = brent_minimize(0.0, 3.0, |x| (x - 1.234_567_890_123).powi(2) + 2.0);
        assert!((x - 1.234_567_890_123).abs() < 1e-7, "{x}");
        assert_eq!(fx, 2.0);
        // cos has its minimum at pi; f there is -1 to rounding.
        let (x, fx) = brent_minimize(2.0, 4.0, f64::cos);
        assert!((x - std::f64::consts::PI).abs() < 1e-7);
        assert!((fx + 1.0).abs() < 1e-15);
        // Infinite values on part of the interval.
        let (x, fx) = brent_minimize(0.0, 10.0, |x| if x > 6.0 { f64::INFINITY } else { (x - 5.0).powi(2) });
        assert!((x - 5.0).abs() < 1e-7 && fx < 1e-14, "{x} {fx}");
        // A minimum at an end of the interval.
        let (x, fx) = brent_minimize(1.0, 2.0, |x| x * x);
        assert!((x - 1.0).abs() < 1e-7 && (fx - 1.0).abs() < 1e-6, "{x} {fx}");
    }

    #[test]
    fn minimum_beats_the_grid_and_finds_one_sided_limits() {
        let program = Program::from_parameters(&Parameters::default()).unwrap();
        // Acceleration of the default cam: cycloidal, minimum -2 pi h w^2 / beta^2 at 67.5 deg
        // (u = 3/4 of the rise) and again at 135 + 22.5 deg in the fall.
        let mut out = [Minimum::NONE; 2];
        let acc: Objective = &|k: &Kinematics| k.acceleration;
        let neg: Objective = &|k: &Kinematics| -k.displacement;
        let mut grid_points = 0;
        minimize(&program, 7, &[acc, neg], &mut out, |_| grid_points += 1);
        assert_eq!(grid_points, 7);
        // a = h 2 pi sin(2 pi u) (du/dt)^2 with du/dt = 3000 * 6 / 90 = 200 per second.
        let a_peak = -2.0 * std::f64::consts::PI * 10.0 * 200.0f64.powi(2);
        assert!((out[0].value - a_peak).abs() <= 1e-9 * a_peak.abs(), "{:?} vs {a_peak}", out[0]);
        assert!((out[0].angle() - 67.5).abs() < 1e-5 || (out[0].angle() - 157.5).abs() < 1e-5, "{:?}", out[0]);
        assert_eq!(out[1].value, -10.0);
    }
}
