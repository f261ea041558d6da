//! Where a program under a speed profile crosses its piece boundaries: the cuts a table's span
//! needs when the cam angle is a quadratic in time between the profile's points (and may stop
//! or turn back where rpm passes 0).
//!
//! The span is split at the profile's points and at the zeros of rpm into stretches on which
//! the angle is monotonic and quadratic in time; on each, every boundary angle the cam passes is
//! located by the quadratic's root, then pinned to the last bit by bisection on the exact cam
//! angle (the first time at which the program evaluates the new piece).

use crate::error::{Error, Result};
use crate::program::{reduce_angle, Program, REVOLUTION_DEG};
use crate::speed::SpeedProfile;

/// A piece boundary the cam passes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Crossing {
    /// The first time (to the last bit) at which the new piece is evaluated.
    pub t: f64,
    /// Index (in `starts`) of the piece evaluated from `t` on.
    pub piece: usize,
    /// Whether the boundary starts a segment.
    pub segment: bool,
}

/// Every crossing of the boundaries `starts` (angle in [0, 360), segment start) in
/// (t_start, t_end], in time order; at most `limit` of them (more is an error naming `t_end`).
pub(super) fn piece_crossings(
    program: &Program,
    profile: &SpeedProfile,
    starts: &[(f64, bool)],
    t_start: f64,
    t_end: f64,
    limit: usize,
) -> Result<Vec<Crossing>> {
    // Stretches on which rpm keeps its sign and is linear.
    let mut cuts = vec![t_start];
    let points: Vec<(f64, f64)> = profile.points().collect();
    for (i, &(t, rpm)) in points.iter().enumerate() {
        if t > t_start && t < t_end {
            cuts.push(t);
        }
        if let Some(&(t1, rpm1)) = points.get(i + 1) {
            if (rpm < 0.0) != (rpm1 < 0.0) && rpm != 0.0 && rpm1 != 0.0 {
                let zero = t + (t1 - t) * (rpm / (rpm - rpm1));
                if zero > t_start && zero < t_end {
                    cuts.push(zero);
                }
            }
        }
    }
    cuts.push(t_end);
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let fractions: Vec<f64> = starts.iter().map(|&(angle, _)| angle / REVOLUTION_DEG).collect();
    let mut total = 0.0;
    let mut stretches = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ta, tb) = (profile.turns(a), profile.turns(b));
        total += (tb - ta).abs() * starts.len() as f64;
        stretches.push((a, b, ta, tb));
    }
    if total > limit as f64 {
        return Err(Error::invalid(
            "t_end",
            t_end,
            format!(
                "the cam passes about {total:.0} piece boundaries between t_start = {t_start} s and t_end: the table \
                 would exceed {limit} points"
            ),
        ));
    }
    let mut crossings = Vec::new();
    for (a, b, ta, tb) in stretches {
        let mid = 0.5 * (a + b);
        let rpm_mid = profile.rpm_at(mid);
        if rpm_mid == 0.0 || ta == tb {
            continue;
        }
        let rising = rpm_mid > 0.0;
        let (low, high) = if rising { (ta, tb) } else { (tb, ta) };
        // The turn counts m + fraction in the stretch: (ta, tb] rising, [tb, ta) falling.
        let first = low.floor() - 1.0;
        let last = high.floor() + 1.0;
        let mut m = first;
        while m <= last {
            for (k, &f) in fractions.iter().enumerate() {
                let v = m + f;
                let inside = if rising { v > ta && v <= tb } else { v >= tb && v < ta };
                if !inside {
                    continue;
                }
                let guess = solve_turns(profile, a, ta, v).clamp(a, b);
                let angle = starts[k].0;
                let t = first_time_past(program, guess, angle, rising);
                // Rising past a start enters its piece; falling past it enters the one before.
                let piece = if rising { k } else { (k + starts.len() - 1) % starts.len() };
                crossings.push(Crossing { t, piece, segment: starts[k].1 });
            }
            m += 1.0;
        }
    }
    crossings.sort_by(|x, y| x.t.total_cmp(&y.t));
    Ok(crossings)
}

/// The time in the stretch from `a` (turns `ta` there) at which the turns reach `v`: the root
/// of the quadratic turns(t) = ta + alpha (t - a) + beta (t - a)^2 (rpm / 60 and half its rate).
fn solve_turns(profile: &SpeedProfile, a: f64, ta: f64, v: f64) -> f64 {
    let (rpm, slope) = profile.rpm_and_slope_after(a);
    let alpha = rpm / 60.0;
    let beta = slope / 120.0;
    let d = v - ta;
    if beta == 0.0 {
        return a + d / alpha;
    }
    let discriminant = (alpha * alpha + 4.0 * beta * d).max(0.0);
    let root = alpha.signum() * discriminant.sqrt();
    let denominator = alpha + if alpha == 0.0 { (4.0 * beta * d).abs().sqrt() * d.signum() } else { root };
    a + 2.0 * d / denominator
}

/// Whether the cam angle at `t` is past `angle` (rising: at or above it; falling: below it),
/// compared within half a turn.
fn past(program: &Program, t: f64, angle: f64, rising: bool) -> bool {
    let mut d = reduce_angle(program.angle_at_time(t)) - angle;
    if d >= 0.5 * REVOLUTION_DEG {
        d -= REVOLUTION_DEG;
    } else if d < -0.5 * REVOLUTION_DEG {
        d += REVOLUTION_DEG;
    }
    if rising {
        d >= 0.0
    } else {
        d < 0.0
    }
}

/// The first double at or near `guess` at which the cam angle is past `angle`: a bracket grown
/// from `guess`, then bisection down to adjacent doubles.
fn first_time_past(program: &Program, guess: f64, angle: f64, rising: bool) -> f64 {
    let is_past = |t: f64| past(program, t, angle, rising);
    let mut step = (guess.abs() * f64::EPSILON).max(1e-300);
    let (mut lo, mut hi);
    if is_past(guess) {
        hi = guess;
        lo = guess - step;
        while is_past(lo) && step < 1e10 {
            hi = lo;
            step *= 2.0;
            lo = guess - step;
        }
    } else {
        lo = guess;
        hi = guess + step;
        while !is_past(hi) && step < 1e10 {
            lo = hi;
            step *= 2.0;
            hi = guess + step;
        }
    }
    for _ in 0..200 {
        let mid = lo + 0.5 * (hi - lo);
        if mid <= lo || mid >= hi {
            break;
        }
        if is_past(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}
