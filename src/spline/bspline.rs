//! Periodic B-splines on the table's angles: the knots extended by whole turns, the values of
//! the B-splines at a point (de Boor's BSPLVB recurrence), the quintic collocation matrix at
//! the knots, the Taylor coefficients of a quintic spline at each knot, and the two matrices of
//! the smoothing problem (third divided differences, and the Gram matrix of the normalized
//! quadratic B-splines that are their Peano kernels).

use super::cyclic::CyclicBanded;
use crate::double_double::Dd;
use crate::program::REVOLUTION_DEG;

/// Degree of the splines (quintic: C4, so jerk is continuous).
pub(crate) const DEGREE: usize = 5;

/// The knots t_j = theta[j mod n] + 360 * floor(j / n), j any integer. Every computation uses
/// differences of knots, [`Knots::span`], each the correctly rounded difference of the exact
/// knots: the same for every periodic image, so the pieces on either side of the 360 -> 0 wrap
/// meet as exactly as any others (rounding theta + 360 first would shift the knots there by
/// 1e-13 degrees, which the fifth derivative's differences amplify a million times).
#[derive(Clone, Debug)]
pub(crate) struct Knots<'a> {
    theta: &'a [f64],
}

impl<'a> Knots<'a> {
    /// `theta`: strictly increasing, spanning less than a turn, at least 8 of them.
    pub fn new(theta: &'a [f64]) -> Knots<'a> {
        Knots { theta }
    }

    pub fn len(&self) -> usize {
        self.theta.len()
    }

    /// The table's angle i (0..n), as given.
    pub fn angle(&self, i: usize) -> f64 {
        self.theta[i]
    }

    /// t_j, rounded (for tests).
    #[cfg(test)]
    pub fn t(&self, j: isize) -> f64 {
        self.span(0, j) + self.theta[0]
    }

    /// t_b - t_a, correctly rounded from the exact knots.
    #[inline]
    pub fn span(&self, a: isize, b: isize) -> f64 {
        let n = self.theta.len() as isize;
        let turns = (b.div_euclid(n) - a.div_euclid(n)) as f64;
        let (tb, ta) = (self.theta[b.rem_euclid(n) as usize], self.theta[a.rem_euclid(n) as usize]);
        Dd::difference(tb, ta).add(Dd::from(REVOLUTION_DEG * turns)).value()
    }

    /// Width of interval j, t_{j+1} - t_j.
    pub fn width(&self, j: isize) -> f64 {
        self.span(j, j + 1)
    }
}

/// Values of the B-splines of every degree 0..=`degree` that are not zero on
/// [t_left, t_left+1), at x = t_left + `offset` in that interval: `levels[p][r]` =
/// B_{left-p+r, p}(x).
pub(crate) fn basis_levels(knots: &Knots, left: isize, offset: f64, degree: usize) -> [[f64; DEGREE + 1]; DEGREE + 1] {
    let mut levels = [[0.0; DEGREE + 1]; DEGREE + 1];
    let mut right = [0.0; DEGREE + 1];
    let mut leftd = [0.0; DEGREE + 1];
    levels[0][0] = 1.0;
    for p in 1..=degree {
        right[p] = knots.span(left, left + p as isize) - offset;
        leftd[p] = offset + knots.span(left + 1 - p as isize, left);
        let mut saved = 0.0;
        for r in 0..p {
            let term = levels[p - 1][r] / (right[r + 1] + leftd[p - r]);
            levels[p][r] = saved + right[r + 1] * term;
            saved = leftd[p - r] * term;
        }
        levels[p][p] = saved;
    }
    levels
}

/// The column of the quintic collocation system that holds coefficient c_j: unknown
/// x_k = c_{k-3 mod n}, so that row i (the spline at t_i, a sum over c_{i-5} ..= c_{i-1})
/// spans columns i-2 ..= i+2.
const COLUMN_SHIFT: isize = 3;

/// The collocation matrix of the periodic quintic B-splines at the knots (half-bandwidth 2).
pub(crate) fn collocation(knots: &Knots) -> CyclicBanded {
    let n = knots.len();
    let mut a = CyclicBanded::new(n, 2);
    for i in 0..n {
        let left = i as isize;
        let levels = basis_levels(knots, left, 0.0, DEGREE);
        // levels[5][r] = B_{i-5+r}(t_i); B_i(t_i) = 0 (r = 5).
        for r in 0..DEGREE {
            let j = left - DEGREE as isize + r as isize;
            a.add(i, j + COLUMN_SHIFT, levels[DEGREE][r]);
        }
    }
    a
}

/// B-spline coefficients c_j (j = 0..n) from the collocation system's solution.
pub(crate) fn coefficients(solution: &[f64]) -> Vec<f64> {
    let n = solution.len() as isize;
    (0..n).map(|j| solution[(j + COLUMN_SHIFT).rem_euclid(n) as usize]).collect()
}

/// The derivatives s^(k)(t_i+), k = 0..=5 (per degree^k), of the quintic spline with
/// coefficients `c` at knot `i`, from the right (on interval i).
pub(crate) fn derivatives_at_knot(knots: &Knots, c: &[f64], i: usize) -> [f64; DEGREE + 1] {
    let n = c.len() as isize;
    let left = i as isize;
    let levels = basis_levels(knots, left, 0.0, DEGREE);
    // Coefficients of the d-th derivative, c^(d)_j for j = i-5+d ..= i, at index j - (i - 5).
    let mut cd = [0.0; DEGREE + 1];
    for (k, slot) in cd.iter_mut().enumerate() {
        *slot = c[(left - DEGREE as isize + k as isize).rem_euclid(n) as usize];
    }
    let mut out = [0.0; DEGREE + 1];
    for d in 0..=DEGREE {
        if d > 0 {
            let order = (DEGREE + 1 - d) as f64;
            for idx in (d..=DEGREE).rev() {
                let j = left - DEGREE as isize + idx as isize;
                cd[idx] = order * (cd[idx] - cd[idx - 1]) / knots.span(j, j + (DEGREE + 1 - d) as isize);
            }
        }
        let p = DEGREE - d;
        out[d] = (0..=p).map(|r| cd[d + r] * levels[p][r]).sum();
    }
    out
}

/// Third divided differences of values at the knots: `(Q^T u)_j = [t_j, .., t_{j+3}] u`
/// = sum over m of `weights[j][m] * u_{j+m}`.
pub(crate) fn divided_difference_weights(knots: &Knots) -> Vec<[f64; 4]> {
    (0..knots.len() as isize)
        .map(|j| {
            let mut w = [0.0; 4];
            for (m, slot) in w.iter_mut().enumerate() {
                let mut product = 1.0;
                for l in 0..4 {
                    if l != m {
                        product *= knots.span(j + l as isize, j + m as isize);
                    }
                }
                *slot = 1.0 / product;
            }
            w
        })
        .collect()
}

/// Gauss-Legendre nodes and weights on [-1, 1], three points (exact to degree 5).
const GAUSS: [(f64, f64); 3] =
    [(-0.774_596_669_241_483_4, 5.0 / 9.0), (0.0, 8.0 / 9.0), (0.774_596_669_241_483_4, 5.0 / 9.0)];

/// The Gram matrix `R_jl = integral M_j M_l` over a turn of the quadratic B-splines M_j on
/// t_j .. t_{j+3}, normalized to integral 1 (the Peano kernels of the third divided
/// differences: `[t_j .. t_{j+3}] g = (1/6) integral M_j g'''`). Half-bandwidth 2, stored in
/// a band of 3 so that the smoothing term (of half-bandwidth 3) adds to it.
pub(crate) fn quadratic_gram(knots: &Knots) -> CyclicBanded {
    let n = knots.len();
    let mut r = CyclicBanded::new(n, 3);
    for i in 0..n as isize {
        let half = 0.5 * knots.width(i);
        for (node, weight) in GAUSS {
            let levels = basis_levels(knots, i, half + half * node, 2);
            // M_j = 3 B_j / (t_{j+3} - t_j) for j = i-2+r.
            let mut m = [0.0; 3];
            for (k, slot) in m.iter_mut().enumerate() {
                let j = i - 2 + k as isize;
                *slot = 3.0 * levels[2][k] / knots.span(j, j + 3);
            }
            for k in 0..3 {
                for l in 0..3 {
                    r.add(
                        (i - 2 + k as isize).rem_euclid(n as isize) as usize,
                        i - 2 + l as isize,
                        weight * half * m[k] * m[l],
                    );
                }
            }
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uneven(n: usize) -> Vec<f64> {
        (0..n).map(|i| 360.0 * (i as f64 + 0.3 * (i as f64 * 1.7).sin()) / n as f64 - 20.0).collect()
    }

    /// The B-splines at any point sum to 1 (partition of unity) at every degree, and are >= 0.
    #[test]
    fn partition_of_unity() {
        let theta = uneven(11);
        let knots = Knots::new(&theta);
        for left in [-3isize, 0, 4, 10, 13] {
            for f in [0.0, 0.25, 0.5, 0.9] {
                let x = f * knots.width(left);
                let levels = basis_levels(&knots, left, x, DEGREE);
                for (p, level) in levels.iter().enumerate() {
                    let sum: f64 = level[..=p].iter().sum();
                    assert!((sum - 1.0).abs() < 1e-14, "degree {p} at {x}: {sum}");
                    assert!(level[..=p].iter().all(|&v| v >= 0.0));
                }
            }
        }
    }

    /// Divided differences of a cubic are its leading coefficient; of a quadratic, 0.
    #[test]
    fn third_divided_differences() {
        let theta = uneven(9);
        let knots = Knots::new(&theta);
        let w = divided_difference_weights(&knots);
        for j in 0..9isize {
            let f = |x: f64| 2.0 * x * x * x - 3.0 * x * x + x - 7.0;
            let g = |x: f64| 5.0 * x * x - x + 1.0;
            let dd =
                |h: &dyn Fn(f64) -> f64| (0..4).map(|m| w[j as usize][m] * h(knots.t(j + m as isize))).sum::<f64>();
            let scale: f64 = (0..4).map(|m| (w[j as usize][m] * f(knots.t(j + m as isize))).abs()).sum();
            assert!((dd(&f) - 2.0).abs() <= 1e-13 * scale, "{}", dd(&f));
            assert!(dd(&g).abs() <= 1e-13 * scale);
        }
    }

    /// Each M_j integrates to 1: since the sum of M_l (t_{l+3} - t_l) / 3 is 1 (the quadratic
    /// B-splines' partition of unity), R times those widths is the integral of each M_j.
    #[test]
    fn gram_rows_integrate_the_kernels() {
        let theta = uneven(10);
        let knots = Knots::new(&theta);
        let r = quadratic_gram(&knots);
        let n = 10;
        let width: Vec<f64> = (0..n as isize).map(|l| knots.span(l, l + 3) / 3.0).collect();
        let mut out = vec![0.0; n];
        r.multiply(&width, &mut out);
        for (j, v) in out.iter().enumerate() {
            assert!((v - 1.0).abs() < 1e-13, "row {j}: {v}");
        }
    }
}
