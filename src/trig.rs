//! Branch-free `sin`/`cos` for the kernels: Cody-Waite reduction by pi/2 and the fdlibm minimax
//! kernels on [-pi/4, pi/4]. Accurate to about one ulp for the moderate arguments the motion laws
//! produce (|x| < 2^19), and inlinable so batch loops need no libm call.
// The coefficients are fdlibm's, written as published.
#![allow(clippy::excessive_precision)]

use std::f64::consts::FRAC_2_PI;
use std::ops::{Add, Mul, Sub};

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
fn kernel_sin<R: Real>(x: R, z: R) -> R {
    let k = R::splat;
    let r = k(S2) + z * (k(S3) + z * (k(S4) + z * (k(S5) + z * k(S6))));
    x + z * x * (k(S1) + z * r)
}

#[inline(always)]
fn kernel_cos<R: Real>(z: R) -> R {
    let k = R::splat;
    let r = z * (k(C1) + z * (k(C2) + z * (k(C3) + z * (k(C4) + z * (k(C5) + z * k(C6))))));
    let hz = k(0.5) * z;
    let w = k(1.0) - hz;
    w + (((k(1.0) - w) - hz) + z * r)
}

/// 1.5 * 2^52: adding and subtracting it rounds |y| < 2^51 to the nearest integer (ties to
/// even) with two plain additions, and leaves that integer in the low mantissa bits. Unlike
/// `round()` or `as i64` it needs no SSE4.1 and vectorizes on every SIMD width.
pub(crate) const ROUNDING_MAGIC: f64 = 6_755_399_441_055_744.0;

/// The arithmetic the evaluation needs, for one `f64` (scalar calls and the auto-vectorized
/// lane loops) or a SIMD register of lanes (the explicit AVX-512 kernel). Every operation is a
/// correctly rounded IEEE operation or exact bit manipulation, so a lane computes exactly the
/// bits a scalar call computes: the math (reduction, sin/cos, Horner sums) is written once,
/// generically, in this module, `program.rs` and `piece.rs`.
pub(crate) trait Real: Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> {
    /// Per-lane booleans.
    type Mask: Copy;
    fn splat(x: f64) -> Self;
    /// `self < other` (false for NaN).
    fn lt(self, other: Self) -> Self::Mask;
    /// `self >= other` (false for NaN).
    fn ge(self, other: Self) -> Self::Mask;
    fn select(mask: Self::Mask, yes: Self, no: Self) -> Self;
    /// `(sin, cos)` from the kernels' `s`, `c` on the reduced argument and `shifted`
    /// (= x * 2/pi + ROUNDING_MAGIC, whose low mantissa bits hold the quadrant).
    fn quadrant(shifted: Self, s: Self, c: Self) -> (Self, Self);
}

impl Real for f64 {
    type Mask = bool;
    #[inline(always)]
    fn splat(x: f64) -> f64 {
        x
    }
    #[inline(always)]
    fn lt(self, other: f64) -> bool {
        self < other
    }
    #[inline(always)]
    fn ge(self, other: f64) -> bool {
        self >= other
    }
    #[inline(always)]
    fn select(mask: bool, yes: f64, no: f64) -> f64 {
        if mask {
            yes
        } else {
            no
        }
    }
    #[inline(always)]
    fn quadrant(shifted: f64, s: f64, c: f64) -> (f64, f64) {
        // k mod 4, from the low mantissa bits of `shifted` (two's complement wraps consistently).
        let q = shifted.to_bits();
        let odd = q & 1 != 0;
        let (a, b) = (if odd { c } else { s }, if odd { s } else { c });
        // sin flips sign in quadrants 2, 3; cos in quadrants 1, 2: xor the sign bit.
        let sin_sign = (q & 2) << 62;
        let cos_sign = (q.wrapping_add(1) & 2) << 62;
        (f64::from_bits(a.to_bits() ^ sin_sign), f64::from_bits(b.to_bits() ^ cos_sign))
    }
}

/// `(sin x, cos x)`. NaN in gives NaN out. Meant for |x| < 2^19 (the laws stay below 100).
/// Branch-free and libm-free: the batch kernels evaluate it lane by lane with exactly the
/// operations (hence the bits) of a scalar call.
#[inline(always)]
pub(crate) fn sin_cos<R: Real>(x: R) -> (R, R) {
    let shifted = x * R::splat(FRAC_2_PI) + R::splat(ROUNDING_MAGIC);
    let k = shifted - R::splat(ROUNDING_MAGIC);
    let r = (x - k * R::splat(PIO2_HI)) - k * R::splat(PIO2_LO);
    let z = r * r;
    let s = kernel_sin(r, z);
    let c = kernel_cos(z);
    R::quadrant(shifted, s, c)
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
