//! sin and cos without libm, branch-free, for the profile's lane loops: of a cam angle in
//! degrees (reduced exactly to a multiple of 90 plus a remainder in [-45, 45], so 90, 180, ...
//! are exact) and of an arm angle in radians (|psi| < 2 pi, Cody-Waite reduction by pi/2).
//! Both end in the quarter-wave kernels of `trig.rs`.

use crate::trig::{sin_cos_m1_quarter, sin_cos_quarter, ROUNDING_MAGIC};
use std::hint::select_unpredictable;

/// `(sin, cos)` of `theta_deg` degrees (any finite angle; NaN gives NaN). About an ulp.
#[inline(always)]
#[cfg(test)]
pub(crate) fn sin_cos_deg(theta_deg: f64) -> (f64, f64) {
    // Exact: [0, 360].
    sin_cos_deg_reduced(crate::program::reduce_angle(theta_deg))
}

/// [`sin_cos_deg`] of an angle already reduced into [0, 360] (branch-free: the lane loops').
#[inline(always)]
pub(crate) fn sin_cos_deg_reduced(r: f64) -> (f64, f64) {
    // The nearest multiple of 90 (0..=4); r - 90 k is exact (both are multiples of r's ulp and
    // the difference is at most 45 + a hair <= r when k > 0).
    let k = (r * (1.0 / 90.0) + ROUNDING_MAGIC) - ROUNDING_MAGIC;
    let rest = r - 90.0 * k;
    let (s, c) = sin_cos_quarter(rest * (std::f64::consts::PI / 180.0));
    quadrant(k, s, c)
}

/// pi/2 in two parts (fdlibm's pio2_1 and pio2_1t): k * PIO2_HI is exact for small k.
#[allow(clippy::excessive_precision)]
const PIO2_HI: f64 = 1.570_796_326_734_125_614_17;
#[allow(clippy::excessive_precision)]
const PIO2_LO: f64 = 6.077_100_506_506_192_601_75e-11;

/// `(sin, cos)` of `x` radians for |x| < 2 pi (the arm angle). A few ulp.
#[inline(always)]
pub(crate) fn sin_cos_rad(x: f64) -> (f64, f64) {
    let k = (x * std::f64::consts::FRAC_2_PI + ROUNDING_MAGIC) - ROUNDING_MAGIC;
    let rest = (x - k * PIO2_HI) - k * PIO2_LO;
    let (s, c) = sin_cos_quarter(rest);
    // k in -4..=4: quadrant() takes 0..=4.
    let k = select_unpredictable(k < 0.0, k + 4.0, k);
    quadrant(k, s, c)
}

/// `(sin, cos)` of the arm angle psi0 + delta from psi0's (`sin0`, `cos0`, correctly rounded) for
/// |delta| <= pi/4, branch-free: angle addition around psi0 with the quarter-wave kernels for the
/// small swing delta, cos delta - 1 kept apart so the constant term is added last
/// (sin psi = sin0 + (cos0 sin delta + sin0 (cos delta - 1))). No reduction, no quadrant; and
/// psi0 + delta is never rounded, so this is an ulp or so, at least as close as [`sin_cos_rad`].
#[inline(always)]
pub(crate) fn sin_cos_near(sin0: f64, cos0: f64, delta: f64) -> (f64, f64) {
    let (s, cm1) = sin_cos_m1_quarter(delta);
    (sin0 + (cos0 * s + sin0 * cm1), cos0 + (cos0 * cm1 - sin0 * s))
}

/// sin and cos of `k * 90 deg + t` from those of t, k in 0..=4 (as f64), branch-free.
#[inline(always)]
fn quadrant(k: f64, s: f64, c: f64) -> (f64, f64) {
    let (q1, q2, q3) = (k == 1.0, k == 2.0, k == 3.0);
    // Selects, not branches: the lane loops vectorize them.
    let sel = select_unpredictable::<f64>;
    let sin = sel(q1, c, sel(q2, -s, sel(q3, -c, s)));
    let cos = sel(q1, -s, sel(q2, -c, sel(q3, s, c)));
    (sin, cos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> f64 {
        (a - b).abs() / f64::EPSILON
    }

    #[test]
    fn degrees_match_libm_and_are_exact_at_quarters() {
        let mut worst: f64 = 0.0;
        for i in -200_000..=200_000 {
            let deg = i as f64 * 0.0137 + 0.001;
            let (s, c) = sin_cos_deg(deg);
            // The reference argument within half a turn, so its own rounding stays below an ulp.
            let folded = deg.rem_euclid(360.0);
            let r = (if folded > 180.0 { folded - 360.0 } else { folded }).to_radians();
            worst = worst.max(ulps(s, r.sin())).max(ulps(c, r.cos()));
        }
        // Absolute error in units of 2^-52 (values are within [-1, 1]).
        assert!(worst <= 3.0, "worst {worst} ulps");
        for (deg, s, c) in
            [(0.0, 0.0, 1.0), (90.0, 1.0, 0.0), (180.0, 0.0, -1.0), (270.0, -1.0, 0.0), (-90.0, -1.0, 0.0)]
        {
            let (gs, gc) = sin_cos_deg(deg);
            assert_eq!((gs + 0.0, gc + 0.0), (s, c), "{deg}");
        }
        let (s, c) = sin_cos_deg(30.0);
        assert!((s - 0.5).abs() <= f64::EPSILON && (c - 0.75f64.sqrt()).abs() <= f64::EPSILON);
        let (s, c) = sin_cos_deg(360.0 * 2f64.powi(40) + 30.0);
        assert!((s - 0.5).abs() <= f64::EPSILON && (c - 0.75f64.sqrt()).abs() <= f64::EPSILON);
        assert!(sin_cos_deg(f64::NAN).0.is_nan());
    }

    #[test]
    fn radians_match_libm() {
        let mut worst: f64 = 0.0;
        for i in -100_000..=100_000 {
            let x = i as f64 * 6.28e-5;
            let (s, c) = sin_cos_rad(x);
            worst = worst.max(ulps(s, x.sin())).max(ulps(c, x.cos()));
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
    }

    #[test]
    fn near_matches_libm() {
        let mut worst: f64 = 0.0;
        for psi0 in [0.3, 1.0, 1.9, 2.6, 3.0] {
            let (s0, c0) = (f64::sin(psi0), f64::cos(psi0));
            for i in -50_000..=50_000 {
                let delta = i as f64 * (std::f64::consts::FRAC_PI_4 / 50_000.0);
                let (s, c) = sin_cos_near(s0, c0, delta);
                // The reference: psi0 + delta in double-double, then sin/cos with the tail.
                let hi = psi0 + delta;
                let lo = (psi0 - hi) + delta;
                let (rs, rc) = (hi.sin() + lo * hi.cos(), hi.cos() - lo * hi.sin());
                worst = worst.max(ulps(s, rs)).max(ulps(c, rc));
            }
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
    }
}
