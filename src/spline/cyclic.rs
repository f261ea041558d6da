//! Cyclic banded linear systems: row i has entries in columns i-p ..= i+p taken modulo n (the
//! matrices of periodic splines). Solved in O(n p^2) by block elimination: the first n - p
//! unknowns form a plain band (no wrap-around), the last p a border; Gaussian elimination of
//! the band without pivoting (the spline matrices are symmetric positive definite, or
//! collocation matrices of B-splines, for which it is stable), then a dense p x p Schur
//! complement with partial pivoting.

/// A cyclic banded matrix of order `n` and half-bandwidth `p` (n > 2p).
#[derive(Clone, Debug)]
pub(crate) struct CyclicBanded {
    n: usize,
    p: usize,
    /// Row-major: entry (i, (i + d) mod n) at `i * (2p + 1) + p + d`, d in -p..=p.
    band: Vec<f64>,
}

impl CyclicBanded {
    pub fn new(n: usize, p: usize) -> CyclicBanded {
        assert!(n > 2 * p, "a cyclic band of half-width {p} needs more than {} rows", 2 * p);
        CyclicBanded { n, p, band: vec![0.0; n * (2 * p + 1)] }
    }

    fn width(&self) -> usize {
        2 * self.p + 1
    }

    /// The offset of column `col` (any integer, taken modulo n) from row `row` in -p..=p.
    fn offset(&self, row: usize, col: isize) -> isize {
        let n = self.n as isize;
        let d = (col - row as isize).rem_euclid(n);
        let d = if d > n / 2 { d - n } else { d };
        assert!(d.unsigned_abs() <= self.p, "column {col} is outside row {row}'s band");
        d
    }

    /// Adds `value` to entry (row, col mod n).
    pub fn add(&mut self, row: usize, col: isize, value: f64) {
        let d = self.offset(row, col);
        let w = self.width();
        self.band[row * w + (self.p as isize + d) as usize] += value;
    }

    /// `self + factor * other` (same order and half-bandwidth).
    pub fn plus_scaled(&self, factor: f64, other: &CyclicBanded) -> CyclicBanded {
        assert!(self.n == other.n && self.p == other.p);
        let band = self.band.iter().zip(&other.band).map(|(a, b)| a + factor * b).collect();
        CyclicBanded { n: self.n, p: self.p, band }
    }

    /// Sum of the diagonal.
    pub fn trace(&self) -> f64 {
        (0..self.n).map(|i| self.at(i, 0)).sum()
    }

    /// Entry (row, (row + d) mod n), d in -p..=p.
    fn at(&self, row: usize, d: isize) -> f64 {
        self.band[row * self.width() + (self.p as isize + d) as usize]
    }

    /// Column index of (row, d).
    fn column(&self, row: usize, d: isize) -> usize {
        (row as isize + d).rem_euclid(self.n as isize) as usize
    }

    /// `out = self * x`.
    pub fn multiply(&self, x: &[f64], out: &mut [f64]) {
        let p = self.p as isize;
        for (row, o) in out.iter_mut().enumerate().take(self.n) {
            *o = (-p..=p).map(|d| self.at(row, d) * x[self.column(row, d)]).sum();
        }
    }

    /// The factorization, or `None` when a pivot is zero or not finite.
    pub fn factor(&self) -> Option<Factored> {
        let (n, p) = (self.n, self.p);
        let m = n - p;
        let w = self.width();
        let pi = p as isize;
        // The plain band of the first m rows and columns (no wrap-around: every column i + d of
        // a row i < m within the band and below m is a direct neighbour).
        let mut lu = vec![0.0; m * w];
        let mut right = vec![0.0; m * p];
        let mut bottom = vec![0.0; p * m];
        let mut schur = vec![0.0; p * p];
        for row in 0..n {
            for d in -pi..=pi {
                let col = self.column(row, d);
                let value = self.at(row, d);
                match (row < m, col < m) {
                    (true, true) => {
                        let dd = col as isize - row as isize;
                        debug_assert!(dd.unsigned_abs() <= p);
                        lu[row * w + (pi + dd) as usize] = value;
                    }
                    (true, false) => right[row * p + (col - m)] = value,
                    (false, true) => bottom[(row - m) * m + col] = value,
                    (false, false) => schur[(row - m) * p + (col - m)] = value,
                }
            }
        }
        let band = |i: usize, j: usize| i * w + (pi + j as isize - i as isize) as usize;
        // Band LU without pivoting; the same row operations on the right border.
        for k in 0..m {
            let pivot = lu[band(k, k)];
            if pivot == 0.0 || !pivot.is_finite() {
                return None;
            }
            for i in k + 1..(k + p + 1).min(m) {
                let l = lu[band(i, k)] / pivot;
                lu[band(i, k)] = l;
                if l == 0.0 {
                    continue;
                }
                for j in k + 1..(k + p + 1).min(m) {
                    lu[band(i, j)] -= l * lu[band(k, j)];
                }
                for c in 0..p {
                    right[i * p + c] -= l * right[k * p + c];
                }
            }
        }
        // bottom := A21 U11^-1, row by row.
        for b in 0..p {
            let row = &mut bottom[b * m..(b + 1) * m];
            for k in 0..m {
                let mut v = row[k];
                for j in k.saturating_sub(p)..k {
                    v -= row[j] * lu[band(j, k)];
                }
                row[k] = v / lu[band(k, k)];
            }
        }
        // The Schur complement A22 - bottom * right.
        for b in 0..p {
            for c in 0..p {
                let s: f64 = (0..m).map(|k| bottom[b * m + k] * right[k * p + c]).sum();
                schur[b * p + c] -= s;
            }
        }
        // Dense LU of the Schur complement with partial pivoting.
        let mut pivots = vec![0usize; p];
        for k in 0..p {
            let best = (k..p).max_by(|&a, &b| schur[a * p + k].abs().total_cmp(&schur[b * p + k].abs()))?;
            pivots[k] = best;
            if best != k {
                for c in 0..p {
                    schur.swap(k * p + c, best * p + c);
                }
            }
            let pivot = schur[k * p + k];
            if pivot == 0.0 || !pivot.is_finite() {
                return None;
            }
            for i in k + 1..p {
                let l = schur[i * p + k] / pivot;
                schur[i * p + k] = l;
                for c in k + 1..p {
                    schur[i * p + c] -= l * schur[k * p + c];
                }
            }
        }
        if lu.iter().chain(&right).chain(&bottom).chain(&schur).any(|v| !v.is_finite()) {
            return None;
        }
        Some(Factored { n, p, lu, right, bottom, schur, pivots })
    }
}

/// A factored [`CyclicBanded`] matrix.
#[derive(Clone, Debug)]
pub(crate) struct Factored {
    n: usize,
    p: usize,
    lu: Vec<f64>,
    right: Vec<f64>,
    bottom: Vec<f64>,
    schur: Vec<f64>,
    pivots: Vec<usize>,
}

impl Factored {
    /// Solves `A x = b` in place (`x` holds `b` on entry).
    pub fn solve(&self, x: &mut [f64]) {
        let (n, p) = (self.n, self.p);
        let m = n - p;
        let w = 2 * p + 1;
        let pi = p as isize;
        let band = |i: usize, j: usize| i * w + (pi + j as isize - i as isize) as usize;
        let (x1, x2) = x.split_at_mut(m);
        // y1 = L11^-1 b1.
        for k in 0..m {
            let v = x1[k];
            if v != 0.0 {
                for i in k + 1..(k + p + 1).min(m) {
                    x1[i] -= self.lu[band(i, k)] * v;
                }
            }
        }
        // y2 = b2 - bottom y1; x2 = S^-1 y2.
        for (b, slot) in x2.iter_mut().enumerate() {
            let s: f64 = (0..m).map(|k| self.bottom[b * m + k] * x1[k]).sum();
            *slot -= s;
        }
        // The row interchanges first (the factors' rows were swapped whole), then L.
        for k in 0..p {
            x2.swap(k, self.pivots[k]);
        }
        for k in 0..p {
            for i in k + 1..p {
                x2[i] -= self.schur[i * p + k] * x2[k];
            }
        }
        for k in (0..p).rev() {
            let mut v = x2[k];
            for c in k + 1..p {
                v -= self.schur[k * p + c] * x2[c];
            }
            x2[k] = v / self.schur[k * p + k];
        }
        // U11 x1 = y1 - right x2.
        for k in 0..m {
            let s: f64 = (0..p).map(|c| self.right[k * p + c] * x2[c]).sum();
            x1[k] -= s;
        }
        for k in (0..m).rev() {
            let mut v = x1[k];
            for j in k + 1..(k + p + 1).min(m) {
                v -= self.lu[band(k, j)] * x1[j];
            }
            x1[k] = v / self.lu[band(k, k)];
        }
    }
}

/// Solves `a x = b` with the factorization and `steps` rounds of iterative refinement (the
/// residual of each round solved again and added).
pub(crate) fn solve_refined(a: &CyclicBanded, factored: &Factored, b: &[f64], steps: usize) -> Vec<f64> {
    let mut x = b.to_vec();
    factored.solve(&mut x);
    let mut residual = vec![0.0; b.len()];
    for _ in 0..steps {
        a.multiply(&x, &mut residual);
        for (r, &bi) in residual.iter_mut().zip(b) {
            *r = bi - *r;
        }
        factored.solve(&mut residual);
        for (xi, r) in x.iter_mut().zip(&residual) {
            *xi += r;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dense reference: Gaussian elimination with partial pivoting.
    fn dense_solve(a: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
        let n = b.len();
        let mut m: Vec<Vec<f64>> = a.iter().zip(b).map(|(row, &bi)| [row.clone(), vec![bi]].concat()).collect();
        for k in 0..n {
            let best = (k..n).max_by(|&i, &j| m[i][k].abs().total_cmp(&m[j][k].abs())).unwrap();
            m.swap(k, best);
            for i in k + 1..n {
                let l = m[i][k] / m[k][k];
                for j in k..=n {
                    m[i][j] -= l * m[k][j];
                }
            }
        }
        let mut x = vec![0.0; n];
        for k in (0..n).rev() {
            let s: f64 = (k + 1..n).map(|j| m[k][j] * x[j]).sum();
            x[k] = (m[k][n] - s) / m[k][k];
        }
        x
    }

    #[test]
    fn cyclic_band_matches_a_dense_solve() {
        for (n, p) in [(7, 3), (8, 2), (9, 3), (13, 1), (40, 3), (41, 2)] {
            let mut a = CyclicBanded::new(n, p);
            let mut dense = vec![vec![0.0; n]; n];
            for row in 0..n {
                for d in -(p as isize)..=(p as isize) {
                    // Diagonally dominant, non-symmetric, with wrap-around corners.
                    let v = if d == 0 { 10.0 + row as f64 * 0.1 } else { 1.0 / (1.0 + (row as f64 + d as f64).abs()) };
                    a.add(row, row as isize + d, v);
                    dense[row][(row as isize + d).rem_euclid(n as isize) as usize] += v;
                }
            }
            let b: Vec<f64> = (0..n).map(|i| (i as f64 * 0.7).sin() + 2.0).collect();
            let expected = dense_solve(&dense, &b);
            let f = a.factor().unwrap();
            let x = solve_refined(&a, &f, &b, 1);
            for (xi, ei) in x.iter().zip(&expected) {
                assert!((xi - ei).abs() <= 1e-14 * ei.abs().max(1.0), "n {n} p {p}: {xi} vs {ei}");
            }
            let mut check = vec![0.0; n];
            a.multiply(&x, &mut check);
            for (c, bi) in check.iter().zip(&b) {
                assert!((c - bi).abs() <= 1e-14 * 3.0, "residual {c} vs {bi}");
            }
        }
    }

    #[test]
    fn a_singular_matrix_is_refused() {
        let mut a = CyclicBanded::new(8, 1);
        for row in 0..8 {
            // Rows of (1, -2, 1): a second difference, singular on the constants.
            a.add(row, row as isize - 1, 1.0);
            a.add(row, row as isize, -2.0);
            a.add(row, row as isize + 1, 1.0);
        }
        let factored = a.factor();
        // Either a zero pivot is met, or (with rounding) the factors solve nothing finite.
        if let Some(f) = factored {
            let mut x = vec![1.0; 8];
            f.solve(&mut x);
            assert!(x.iter().any(|v| !v.is_finite() || v.abs() > 1e12), "{x:?}");
        }
    }
}
