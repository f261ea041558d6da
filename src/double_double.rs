//! Double-double arithmetic: a number held as an unevaluated sum `hi + lo` (|lo| <= ulp(hi) / 2),
//! about 106 significant bits, built from error-free transformations (Knuth's two-sum, Dekker's
//! product with Veltkamp's splitting). Plain IEEE operations only (no FMA, no libm), so every
//! platform computes the same bits. Used where a long run's cam angle must stay exact to the
//! last bit of a degree (the variable-speed time -> angle conversion in `speed.rs`).
//!
//! Accuracy: each operation below returns the exact result of its operands to a relative
//! error of a few units of 2^-104; none of them is meant for values beyond 1e290 (the splitting
//! would overflow).

/// `hi + lo`, normalised so that `hi` is the double nearest the sum.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Dd {
    pub hi: f64,
    pub lo: f64,
}

/// 2^27 + 1: splits a double into two halves of 26 bits whose products are exact.
const SPLITTER: f64 = 134_217_729.0;

/// 1.5 * 2^52: adding and subtracting it rounds a double below 2^51 to the nearest integer.
const ROUNDING_MAGIC: f64 = 6_755_399_441_055_744.0;

/// `a + b` exactly as `(sum, error)` (Knuth).
#[inline]
pub(crate) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `a + b` exactly as `(sum, error)`, for |a| >= |b| (or a == 0).
#[inline]
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// Veltkamp's split of `x` into `big + small` exactly, each with at most 26 significant bits.
#[inline]
fn split(x: f64) -> (f64, f64) {
    let c = x * SPLITTER;
    let big = c - (c - x);
    (big, x - big)
}

/// `a * b` exactly as `(product, error)` (Dekker).
#[inline]
pub(crate) fn two_product(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (a1, a2) = split(a);
    let (b1, b2) = split(b);
    (p, a2 * b2 - (((p - a1 * b1) - a2 * b1) - a1 * b2))
}

impl Dd {
    /// The exact value of a double.
    pub const fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }

    /// The exact sum of two doubles.
    pub fn sum(a: f64, b: f64) -> Dd {
        let (hi, lo) = two_sum(a, b);
        Dd { hi, lo }
    }

    /// The exact difference `a - b` of two doubles.
    pub fn difference(a: f64, b: f64) -> Dd {
        Dd::sum(a, -b)
    }

    /// The value rounded to a double.
    pub fn value(self) -> f64 {
        self.hi + self.lo
    }

    /// `self + other`.
    pub fn add(self, other: Dd) -> Dd {
        let (s, e) = two_sum(self.hi, other.hi);
        let (t, f) = two_sum(self.lo, other.lo);
        let (s, e) = fast_two_sum(s, e + t);
        let (hi, lo) = fast_two_sum(s, e + f);
        Dd { hi, lo }
    }

    /// `-self`.
    pub fn neg(self) -> Dd {
        Dd { hi: -self.hi, lo: -self.lo }
    }

    /// `self - other`.
    pub fn sub(self, other: Dd) -> Dd {
        self.add(other.neg())
    }

    /// `self * other`.
    pub fn mul(self, other: Dd) -> Dd {
        let (p, e) = two_product(self.hi, other.hi);
        let e = e + (self.hi * other.lo + self.lo * other.hi);
        let (hi, lo) = fast_two_sum(p, e);
        Dd { hi, lo }
    }

    /// `self / other` (other not 0).
    pub fn div(self, other: Dd) -> Dd {
        let q1 = self.hi / other.hi;
        let r = self.sub(other.mul(Dd::from(q1)));
        let q2 = r.hi / other.hi;
        let r = r.sub(other.mul(Dd::from(q2)));
        let q3 = r.hi / other.hi;
        let (hi, lo) = fast_two_sum(q1, q2);
        Dd { hi, lo }.add(Dd::from(q3))
    }

    /// Splits `self` (|self| < 2^51) into the nearest integer and the rest: `(whole, fraction)`
    /// with `whole + fraction == self` exactly and |fraction| <= 1/2 (plus a rounding of `lo`).
    pub fn split_whole(self) -> (f64, Dd) {
        let whole = (self.hi + ROUNDING_MAGIC) - ROUNDING_MAGIC;
        // hi - whole is exact (hi is within half a unit of the integer whole, whose ulp is no
        // larger than hi's), and the sum with lo is renormalised.
        let (hi, lo) = two_sum(self.hi - whole, self.lo);
        (whole, Dd { hi, lo })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error-free transformations give the exact results (values chosen so the exact
    /// result is known in closed form).
    #[test]
    fn products_and_sums_are_exact() {
        let a = 1.0 + f64::EPSILON; // 1 + 2^-52
        let b = 1.0 - f64::EPSILON / 2.0; // 1 - 2^-53
        let (p, e) = two_product(a, b);
        // (1 + 2^-52)(1 - 2^-53) = 1 + 2^-52 - 2^-53 - 2^-105 = 1 + 2^-53 - 2^-105
        assert_eq!(p + e, 1.0 + f64::EPSILON / 2.0 - 2f64.powi(-105));
        assert_eq!(p, 1.0); // just below the midpoint 1 + 2^-53: rounds down
        assert_eq!(e, f64::EPSILON / 2.0 - 2f64.powi(-105));
        let (s, e) = two_sum(1e16, 1.0);
        assert_eq!((s, e), (1e16, 1.0));
    }

    #[test]
    fn division_is_accurate_to_the_last_bits() {
        // 1/3 in double-double: 3 * q - 1 is within 2^-104.
        let q = Dd::from(1.0).div(Dd::from(3.0));
        let back = q.mul(Dd::from(3.0)).sub(Dd::from(1.0));
        assert!(back.value().abs() <= 2f64.powi(-104), "{back:?}");
        // 10 / 60 = 1/6.
        let q = Dd::from(10.0).div(Dd::from(60.0));
        let back = q.mul(Dd::from(60.0)).sub(Dd::from(10.0));
        assert!(back.value().abs() <= 10.0 * 2f64.powi(-104), "{back:?}");
    }

    #[test]
    fn whole_and_fraction() {
        let x = Dd::sum(12345.75, 1e-20);
        let (whole, fraction) = x.split_whole();
        assert_eq!(whole, 12346.0);
        assert_eq!(fraction.hi, -0.25);
        assert_eq!(fraction.lo, 1e-20);
        let (whole, fraction) = Dd::sum(-7.5, -1e-30).split_whole();
        assert_eq!(whole + fraction.hi + fraction.lo, -7.5 - 1e-30);
        assert!(fraction.hi.abs() <= 0.5);
    }
}
