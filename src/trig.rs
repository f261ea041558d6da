//! Branch-free `sin`/`cos` for the kernels on a quarter wave, |t| <= pi/4. No argument
//! reduction is needed at run time: every piece of a cam program centres its sine argument on a
//! quarter wave when it is built (see `piece.rs`). Accurate to about one ulp, and inlinable so
//! batch loops need no libm call.
//!
//! Where the numbers come from: S1..S6 and C1..C6 are, bit for bit, the minimax coefficients of
//! Sun's fdlibm 5.3 `__kernel_sin` (k_sin.c: sin x ~ x + x^3 (S1 + S2 x^2 + ... + S6 x^10)) and
//! `__kernel_cos` (k_cos.c: cos x ~ 1 - x^2/2 + x^4 (C1 + C2 x^2 + ... + C6 x^10)) on
//! [-pi/4, pi/4], which FreeBSD msun, musl and openlibm still carry unchanged; the test
//! `coefficients_are_fdlibms` checks them against the hex words k_sin.c and k_cos.c print beside
//! each one. The evaluation is fdlibm's for an argument without a tail (`y = 0`): the sine as
//! `x + z x p(z)` (k_sin.c with `iy = 0`), the cosine as `w + (((1 - w) - z/2) + z r)` with
//! `w = 1 - z/2` (k_cos.c as msun and musl write it). Only the polynomials are regrouped, by
//! Estrin's scheme (half the dependent steps of Horner's), which changes their rounding, not
//! their accuracy (the tests compare with libm to an ulp). fdlibm's shortcut for |x| < 2^-27 is
//! not needed: the formulas give x and 1 there.
// The coefficients are fdlibm's, written as published.
#![allow(clippy::excessive_precision)]

use std::hint::select_unpredictable;
use std::ops::{Add, Mul, Sub};

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
    let z2 = z * z;
    let p = (k(S1) + z * k(S2)) + z2 * ((k(S3) + z * k(S4)) + z2 * (k(S5) + z * k(S6)));
    x + z * x * p
}

/// cos x - 1 for |x| <= pi/4: [`kernel_cos`] without its final 1, so small results keep their
/// relative precision.
#[inline(always)]
fn kernel_cos_m1(z: f64) -> f64 {
    let z2 = z * z;
    let r = z * ((C1 + z * C2) + z2 * ((C3 + z * C4) + z2 * (C5 + z * C6)));
    z * r - 0.5 * z
}

/// `(sin t, cos t - 1)` for |t| <= pi/4 (the arm angle's small swing in the profile).
#[inline(always)]
pub(crate) fn sin_cos_m1_quarter(t: f64) -> (f64, f64) {
    let z = t * t;
    (kernel_sin(t, z), kernel_cos_m1(z))
}

#[inline(always)]
fn kernel_cos<R: Real>(z: R) -> R {
    let k = R::splat;
    let z2 = z * z;
    let r = z * ((k(C1) + z * k(C2)) + z2 * ((k(C3) + z * k(C4)) + z2 * (k(C5) + z * k(C6))));
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

    /// `a * b - p` exactly, where `p` is the rounded product `a * b` and `b_big + b_small` is
    /// `b` split by Veltkamp ([`VELTKAMP_SPLITTER`]): Dekker's exact product, plain operations
    /// only. Lanes that have a fused multiply-add compute it as one fused `a * b - p`, which is
    /// the same exact value whenever Dekker's partial products do not underflow (the callers
    /// make sure they do not). Rounding to nearest; no overflow (|a b| well below 2^1000).
    #[inline(always)]
    fn product_error(a: Self, _b: f64, b_big: f64, b_small: f64, p: Self) -> Self {
        let k = Self::splat;
        // Veltkamp: a = a_big + a_small, each with at most 26 significant bits.
        let c = a * k(VELTKAMP_SPLITTER);
        let a_big = c - (c - a);
        let a_small = a - a_big;
        a_small * k(b_small) - (((p - a_big * k(b_big)) - a_small * k(b_big)) - a_big * k(b_small))
    }
}

/// 2^27 + 1: splits a double into two halves of 26 bits whose products are exact.
pub(crate) const VELTKAMP_SPLITTER: f64 = 134_217_729.0;

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
        // Random angles make every mask a coin flip: a branch would mispredict half the time.
        select_unpredictable(mask, yes, no)
    }
}

/// `(sin t, cos t)` for |t| <= pi/4 (a hair beyond is fine: the kernels stay accurate well
/// past it). NaN in gives NaN out. Branch-free and libm-free: the batch kernels evaluate it lane
/// by lane with exactly the operations (hence the bits) of a scalar call.
#[inline(always)]
pub(crate) fn sin_cos_quarter<R: Real>(t: R) -> (R, R) {
    let z = t * t;
    (kernel_sin(t, z), kernel_cos(z))
}

#[cfg(test)]
mod tests {
    use super::sin_cos_quarter;
    use std::f64::consts::FRAC_PI_4;

    #[test]
    fn matches_libm_to_an_ulp_on_a_quarter_wave() {
        let mut worst: f64 = 0.0;
        let n = 200_000;
        let reach = FRAC_PI_4 * (1.0 + 1e-9);
        for i in 0..=n {
            let t = -reach + 2.0 * reach * i as f64 / n as f64;
            let (s, c) = sin_cos_quarter(t);
            worst = worst.max((s - t.sin()).abs()).max((c - t.cos()).abs());
        }
        assert!(worst <= f64::EPSILON, "worst abs error {worst:e}");
    }

    /// The coefficients are fdlibm's: the hex words k_sin.c and k_cos.c print beside each one.
    #[test]
    fn coefficients_are_fdlibms() {
        use super::{C1, C2, C3, C4, C5, C6, S1, S2, S3, S4, S5, S6};
        let fdlibm: [(f64, u64); 12] = [
            (S1, 0xBFC5_5555_5555_5549),
            (S2, 0x3F81_1111_1110_F8A6),
            (S3, 0xBF2A_01A0_19C1_61D5),
            (S4, 0x3EC7_1DE3_57B1_FE7D),
            (S5, 0xBE5A_E5E6_8A2B_9CEB),
            (S6, 0x3DE5_D93A_5ACF_D57C),
            (C1, 0x3FA5_5555_5555_554C),
            (C2, 0xBF56_C16C_16C1_5177),
            (C3, 0x3EFA_01A0_19CB_1590),
            (C4, 0xBE92_7E4F_809C_52AD),
            (C5, 0x3E21_EE9E_BDB4_B1C4),
            (C6, 0xBDA8_FAE9_BE88_38D4),
        ];
        for (i, (value, bits)) in fdlibm.into_iter().enumerate() {
            assert_eq!(value.to_bits(), bits, "coefficient {i}: {value:e}");
        }
    }

    #[test]
    fn exact_at_zero_and_nan() {
        assert_eq!(sin_cos_quarter(0.0), (0.0, 1.0));
        assert_eq!(sin_cos_quarter(-0.0), (0.0, 1.0));
        let (s, c) = sin_cos_quarter(f64::NAN);
        assert!(s.is_nan() && c.is_nan());
    }
}
