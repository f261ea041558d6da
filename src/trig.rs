//! Branch-free `sin`/`cos` for the kernels: Cody-Waite reduction by pi/2 and the fdlibm minimax
//! kernels on [-pi/4, pi/4]. Accurate to about one ulp for the moderate arguments the motion laws
//! produce (|x| < 2^19), and inlinable so batch loops need no libm call.
// The coefficients are fdlibm's, written as published.
#![allow(clippy::excessive_precision)]

use std::f64::consts::FRAC_2_PI;

/// First 33 bits of pi/2: `k * PIO2_HI` is exact for |k| < 2^20.
const PIO2_HI: f64 = 1.570_796_326_734_125_614_17;
/// pi/2 - PIO2_HI.
const PIO2_LO: f64 = 6.077_100_506_506_192_249_32e-11;

const S1: f64 = -1.666_666_666_666_663_243_48e-1;
const S2: f64 = 8.333_333_333_322_489_461_24e-3;
const S3: f64 = -1.984_126_982_985_794_931_34e-4;
const S4: f64 = 2.755_731_370_707_006_767_89e-6;
const S5: f64 = -2.505_076_025_340_686_341_95e-8;
const S6: f64 = 1.589_690_995_211_550_102_21e-10;

const C1: f64 = 4.166_666_666_666_660_190_37e-2;
const C2: f64 = -1.388_888_888_887_410_957_49e-3;
const C3: f64 = 2.480_158_728_947_672_941_78e-5;
const C4: f64 = -2.755_731_435_139_066_330_35e-7;
const C5: f64 = 2.087_572_321_298_174_827_90e-9;
const C6: f64 = -1.135_964_755_778_819_482_65e-11;

#[inline(always)]
fn kernel_sin(x: f64, z: f64) -> f64 {
    let r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    x + z * x * (S1 + z * r)
}

#[inline(always)]
fn kernel_cos(z: f64) -> f64 {
    let r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + z * r)
}

/// `(sin x, cos x)`. NaN in gives NaN out. Meant for |x| < 2^19 (the laws stay below 100).
#[inline(always)]
pub fn sin_cos(x: f64) -> (f64, f64) {
    let k = (x * FRAC_2_PI).round();
    let r = (x - k * PIO2_HI) - k * PIO2_LO;
    let q = (k as i64) & 3;
    let z = r * r;
    let s = kernel_sin(r, z);
    let c = kernel_cos(z);
    let (a, b) = if q & 1 == 0 { (s, c) } else { (c, s) };
    let sin_sign = if q & 2 == 0 { 1.0 } else { -1.0 };
    let cos_sign = if (q + 1) & 2 == 0 { 1.0 } else { -1.0 };
    (a * sin_sign, b * cos_sign)
}

#[cfg(test)]
mod tests {
    use super::sin_cos;

    #[test]
    fn matches_libm_to_an_ulp_or_two() {
        let mut worst: f64 = 0.0;
        let n = 200_000;
        for i in 0..=n {
            let x = -40.0 + 80.0 * i as f64 / n as f64;
            let (s, c) = sin_cos(x);
            worst = worst.max((s - x.sin()).abs()).max((c - x.cos()).abs());
        }
        assert!(worst < 4.0 * f64::EPSILON, "worst abs error {worst:e}");
    }

    #[test]
    fn exact_at_quadrant_points_and_nan() {
        assert_eq!(sin_cos(0.0), (0.0, 1.0));
        let (s, c) = sin_cos(std::f64::consts::FRAC_PI_2);
        assert!((s - 1.0).abs() < 1e-16 && c.abs() < 1e-16);
        let (s, c) = sin_cos(f64::NAN);
        assert!(s.is_nan() && c.is_nan());
    }
}
