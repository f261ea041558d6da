//! atan2 of two non-negative numbers, in degrees, without libm and branch-free (the pressure
//! angle of every profile point). The argument is first brought into [0, 1] (swap: pi/2 - atan),
//! then into [-tan(pi/8), tan(pi/8)] (atan x = pi/4 + atan((x - 1)/(x + 1)), with one division
//! for both steps), where fdlibm's
//! s_atan.c minimax polynomial (its coefficients aT[0..10], valid for |x| < 7/16) takes over.
//! A few ulp; the tests compare with libm's atan2.
// The coefficients are fdlibm's, written as published.
#![allow(clippy::excessive_precision)]

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4};
use std::hint::select_unpredictable;

const AT: [f64; 11] = [
    3.333_333_333_333_293_180_27e-01,
    -1.999_999_999_987_648_324_76e-01,
    1.428_571_427_250_346_637_11e-01,
    -1.111_111_040_546_235_578_80e-01,
    9.090_887_133_436_506_561_96e-02,
    -7.691_876_205_044_829_994_95e-02,
    6.661_073_137_387_531_206_69e-02,
    -5.833_570_133_790_573_486_45e-02,
    4.976_877_994_615_932_360_17e-02,
    -3.653_157_274_421_691_552_70e-02,
    1.628_582_011_536_578_236_23e-02,
];

/// tan(pi/8) = sqrt(2) - 1.
const TAN_PI_8: f64 = 0.414_213_562_373_095_048_80;

/// atan x for |x| <= tan(pi/8) (fdlibm's split into odd and even terms).
#[inline(always)]
fn atan_small(x: f64) -> f64 {
    let z = x * x;
    let w = z * z;
    let s1 = z * (AT[0] + w * (AT[2] + w * (AT[4] + w * (AT[6] + w * (AT[8] + w * AT[10])))));
    let s2 = w * (AT[1] + w * (AT[3] + w * (AT[5] + w * (AT[7] + w * AT[9]))));
    x - x * (s1 + s2)
}

/// atan2(a, b) in degrees, for a, b >= 0 (the angle of (b, a) from the x axis, in [0, 90]);
/// 0 for a = b = 0, NaN for NaN.
#[inline(always)]
pub(crate) fn atan2_deg_nonneg(a: f64, b: f64) -> f64 {
    // Selects, not branches: the lane loops vectorize them.
    let sel = select_unpredictable::<f64>;
    let swap = a > b;
    let (lo, hi) = (sel(swap, b, a), sel(swap, a, b));
    // lo / hi above tan(pi/8) is reduced by atan r = pi/4 + atan((r - 1) / (r + 1)), and
    // (r - 1) / (r + 1) = (lo - hi) / (lo + hi): one division either way. hi = 0 means both are
    // 0 (angle 0); a NaN stays NaN.
    let big = lo > TAN_PI_8 * hi;
    let num = sel(big, lo - hi, lo);
    let den = sel(big, lo + hi, hi);
    let x = sel(hi > 0.0, num / den, (lo + hi) * 0.0);
    let t = atan_small(x);
    let t = sel(big, FRAC_PI_4 + t, t);
    let t = sel(swap, FRAC_PI_2 - t, t);
    t * (180.0 / std::f64::consts::PI)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_libm_atan2_to_a_few_ulp() {
        let mut worst: f64 = 0.0;
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for i in 0..400_000 {
            let (a, b) = if i < 200_000 {
                (next(), next())
            } else {
                (next() * 10f64.powf(6.0 * next() - 3.0), next() * 10f64.powf(6.0 * next() - 3.0))
            };
            let got = atan2_deg_nonneg(a, b);
            let want = a.atan2(b).to_degrees();
            let ulp = f64::EPSILON * want.abs().max(f64::MIN_POSITIVE);
            worst = worst.max((got - want).abs() / ulp);
        }
        assert!(worst <= 4.0, "worst {worst} ulps");
        for i in 0..=1000 {
            let x = i as f64 / 1000.0;
            let got = atan2_deg_nonneg(x, 1.0);
            let want = x.atan().to_degrees();
            assert!((got - want).abs() <= 4.0 * f64::EPSILON * want.abs().max(1e-300), "{x}: {got} {want}");
        }
    }

    #[test]
    fn exact_corners() {
        assert_eq!(atan2_deg_nonneg(0.0, 1.0), 0.0);
        assert_eq!(atan2_deg_nonneg(0.0, 0.0), 0.0);
        assert_eq!(atan2_deg_nonneg(1.0, 0.0), 90.0);
        assert!((atan2_deg_nonneg(1.0, 1.0) - 45.0).abs() <= 45.0 * f64::EPSILON);
        assert!(atan2_deg_nonneg(f64::NAN, 1.0).is_nan());
    }
}
