//! The speed at which contact is first lost at one angle: the smallest positive root of the
//! contact force as a function of the speed ratio.

use super::ForceTerms;

/// At one angle, with `F(r) = A r^2 + B r + C` the contact force at r times the program's speed:
/// the infimum of the r > 0 at which F < 0 (`0` if F < 0 for every small r, `+inf` if F never
/// goes negative; NaN for NaN terms). Closed form, without cancellation:
/// the roots are `2C / (-B +- sqrt(B^2 - 4AC))`, and for C > 0 the smallest positive one is
/// `2C / (-B + sqrt(B^2 - 4AC))` whenever that denominator is positive (A < 0: always; A > 0:
/// for B < 0 and a real root; A = 0: for B < 0, giving C / |B|).
pub(crate) fn first_loss_scale(t: &ForceTerms) -> f64 {
    let (a, b, c) = (t.inertia, t.damping, t.static_load);
    if c > 0.0 {
        let disc = b * b - 4.0 * a * c;
        if disc < 0.0 {
            return f64::INFINITY;
        }
        let den = -b + disc.sqrt();
        if den > 0.0 {
            2.0 * c / den
        } else if den.is_nan() {
            f64::NAN
        } else {
            f64::INFINITY
        }
    } else if c < 0.0 {
        0.0 // the spring does not even hold the follower at rest
    } else if c == 0.0 {
        // F = r (A r + B): negative right away if B < 0 (or B = 0 and A < 0).
        if b < 0.0 || (b == 0.0 && a < 0.0) {
            0.0
        } else if a < 0.0 {
            -b / a
        } else if a.is_nan() || b.is_nan() {
            f64::NAN
        } else {
            f64::INFINITY
        }
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(a: f64, b: f64, c: f64) -> f64 {
        first_loss_scale(&ForceTerms { inertia: a, damping: b, static_load: c })
    }

    #[test]
    fn roots_of_the_force_in_the_speed_ratio() {
        // No damping: r = sqrt(C / -A).
        assert_eq!(scale(-400.0, 0.0, 100.0), 0.5);
        assert_eq!(scale(400.0, 0.0, 100.0), f64::INFINITY);
        // A < 0, B > 0: -r^2 + r + 2 = -(r - 2)(r + 1): root 2.
        assert_eq!(scale(-1.0, 1.0, 2.0), 2.0);
        // A > 0, B < 0: r^2 - 3r + 2 = (r - 1)(r - 2): F < 0 between 1 and 2, first at 1.
        assert_eq!(scale(1.0, -3.0, 2.0), 1.0);
        // A > 0, B < 0 without a real root: F > 0 always.
        assert_eq!(scale(1.0, -1.0, 2.0), f64::INFINITY);
        // Linear: C / |B|.
        assert_eq!(scale(0.0, -4.0, 2.0), 0.5);
        assert_eq!(scale(0.0, 4.0, 2.0), f64::INFINITY);
        // C <= 0.
        assert_eq!(scale(1.0, 1.0, -1e-300), 0.0);
        assert_eq!(scale(1.0, -1.0, 0.0), 0.0);
        assert_eq!(scale(-1.0, 0.0, 0.0), 0.0);
        assert_eq!(scale(-2.0, 1.0, 0.0), 0.5);
        assert_eq!(scale(0.0, 0.0, 0.0), f64::INFINITY);
        assert!(scale(f64::NAN, 0.0, 1.0).is_nan());
        assert!(scale(0.0, 0.0, f64::NAN).is_nan());
        // Tiny 4AC against B^2: still exact to rounding (no cancellation).
        let r = scale(1e-20, -1.0, 1.0);
        assert!((r - 1.0).abs() < 1e-15, "{r}");
    }
}
