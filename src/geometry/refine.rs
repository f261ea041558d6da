//! One-dimensional refinement: Brent's root finder (bisection, secant and inverse quadratic
//! steps, never leaving the bracket), used on the analytic derivative of a quantity to place
//! its extreme off the sampling grid, and on the undercut condition to place where it begins.

/// A root of `f` in [a, b], where f(a) and f(b) differ in sign (either may be 0), to within
/// `tol` (absolute, in the argument). Returns the end of the final bracket where |f| is least.
pub(crate) fn brent_root(mut f: impl FnMut(f64) -> f64, a: f64, b: f64, tol: f64) -> f64 {
    let (mut a, mut b) = (a, b);
    let (mut fa, mut fb) = (f(a), f(b));
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 {
        return b;
    }
    if fa.is_nan() || fb.is_nan() || (fa > 0.0) == (fb > 0.0) {
        // No bracket: the better end.
        return if fa.abs() <= fb.abs() { a } else { b };
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..200 {
        if (fb > 0.0) == (fc > 0.0) {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol;
        let m = 0.5 * (c - b);
        if m.abs() <= tol1 || fb == 0.0 {
            break;
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            // Interpolate: secant (two points) or inverse quadratic (three).
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qa = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol1 * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol1 { d } else { tol1.copysign(m) };
        fb = f(b);
        if fb.is_nan() {
            break;
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::brent_root;

    #[test]
    fn finds_roots_to_the_tolerance() {
        let r = brent_root(|x| x * x - 2.0, 0.0, 2.0, 1e-15);
        assert!((r - 2f64.sqrt()).abs() < 4e-15, "{r}");
        let r = brent_root(|x| (x - 1.0).powi(3), -3.0, 10.0, 1e-12);
        assert!((r - 1.0).abs() < 1e-4, "{r}");
        // A jump (a discontinuous derivative): the root is the jump.
        let r = brent_root(|x| if x < 0.3 { -1.0 } else { 1.0 }, 0.0, 1.0, 1e-14);
        assert!((r - 0.3).abs() < 1e-13, "{r}");
        let r = brent_root(f64::cos, 0.0, 3.0, 1e-15);
        assert!((r - std::f64::consts::FRAC_PI_2).abs() < 4e-15);
        // Not a bracket: the better end.
        assert_eq!(brent_root(|x| x + 5.0, 0.0, 1.0, 1e-9), 0.0);
    }
}
