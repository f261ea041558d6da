//! The periodic quintic smoothing spline (Schoenberg / Reinsch, order 3, knots at the data):
//! of all periodic quintic splines g whose RMS deviation from the points is at most the
//! requested smoothing, the one with the least integral of g'''^2.
//!
//! It minimises `|y - u|^2 + lambda * integral g'''^2` over the values u at the knots for the
//! Lagrange multiplier lambda that makes the RMS deviation equal the smoothing. In Reinsch's
//! form (generalised to order 3): with Q^T the third divided differences at the knots and R the
//! Gram matrix of their Peano kernels (normalized quadratic B-splines M_j, g''' = 6 sum psi_j
//! M_j), `integral g'''^2 = 36 u^T Q R^-1 Q^T u`, and the optimum is
//!
//! ```text
//!   (R + mu Q^T Q) psi = Q^T y,   u = y - mu Q psi,   mu = 36 lambda,
//! ```
//!
//! a cyclic banded symmetric positive definite system (half-bandwidth 3) per value of mu. This
//! form is well conditioned where it matters: its poorly determined directions are those Q
//! cannot see, so the deviation `mu Q psi`, and with it u, is accurate even for heavy smoothing
//! (fitting B-spline coefficients to the normal equations instead loses the low frequencies to
//! rounding as n grows). The RMS deviation grows monotonically with mu, from 0 (interpolation)
//! towards the RMS deviation from the mean (the constant); mu is found by a Newton iteration on
//! log RMS against log mu, safeguarded by bisection, with the derivative from one more solve
//! with the same factors.

use super::bspline::{divided_difference_weights, quadratic_gram, Knots};
use super::cyclic::{solve_refined, CyclicBanded};

/// The smoothed values at the knots.
#[derive(Clone, Debug)]
pub(crate) struct Smoothed {
    /// The spline's values at the knots.
    pub values: Vec<f64>,
    /// The Lagrange multiplier lambda (+infinity when the result is the constant mean).
    pub lambda: f64,
}

/// Relative accuracy to which the RMS deviation is matched to the requested smoothing.
const RMS_TOLERANCE: f64 = 1e-10;

/// The smoothing spline's values for the points `(knots, y)` and the RMS deviation `target`
/// (> 0), or a message when the systems cannot be solved (a degenerate spacing).
pub(crate) fn smooth(knots: &Knots, y: &[f64], target: f64) -> Result<Smoothed, String> {
    let n = y.len();
    let mean = mean(y);
    let spread = (y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64).sqrt();
    if spread <= target {
        // Even the constant mean is within the smoothing: it is the smoothest spline of all.
        return Ok(Smoothed { values: vec![mean; n], lambda: f64::INFINITY });
    }
    let system = System::new(knots, y);
    let mut log_mu = (system.r.trace() / system.qtq.trace()).ln();
    let log_target = target.ln();
    let mut lo = f64::NEG_INFINITY;
    let mut hi = f64::INFINITY;
    let step = 1e3f64.ln();
    let mut best: Option<(f64, Vec<f64>)> = None;
    for _ in 0..400 {
        let eval = system.evaluate(log_mu.exp())?;
        let g = eval.rms.ln() - log_target;
        if !g.is_finite() && eval.rms != 0.0 {
            return Err(format!(
                "the smoothing system gave a non-finite deviation at lambda = {:e}",
                log_mu.exp() / 36.0
            ));
        }
        let error = (eval.rms / target - 1.0).abs();
        if best.as_ref().is_none_or(|(e, _)| error < *e) {
            best = Some((error, eval.deviation.clone()));
        }
        if error <= RMS_TOLERANCE {
            return Ok(finish(y, &eval.deviation, log_mu));
        }
        if g < 0.0 {
            lo = log_mu;
        } else {
            hi = log_mu;
        }
        // Newton on log RMS against log mu, kept inside the bracket (bisection otherwise); until
        // both ends are known, steps of a factor 1000.
        let newton = log_mu - g / eval.slope;
        log_mu = if lo.is_finite() && hi.is_finite() {
            if newton.is_finite() && newton > lo && newton < hi {
                newton
            } else {
                0.5 * (lo + hi)
            }
        } else if g < 0.0 {
            if newton.is_finite() && newton > log_mu {
                newton.min(log_mu + step)
            } else {
                log_mu + step
            }
        } else if newton.is_finite() && newton < log_mu {
            newton.max(log_mu - step)
        } else {
            log_mu - step
        };
        if lo.is_finite() && hi.is_finite() && hi - lo <= 1e-15 * lo.abs().max(1.0) {
            break;
        }
    }
    // The bracket closed to rounding: the nearest deviation found.
    match best {
        Some((error, deviation)) if error <= 1e-6 => Ok(finish(y, &deviation, log_mu)),
        _ => Err(format!("the smoothing parameter could not be found (last lambda {:e})", log_mu.exp() / 36.0)),
    }
}

fn finish(y: &[f64], deviation: &[f64], log_mu: f64) -> Smoothed {
    let values = y.iter().zip(deviation).map(|(v, e)| v - e).collect();
    Smoothed { values, lambda: log_mu.exp() / 36.0 }
}

/// The mean, with one correction pass.
pub(crate) fn mean(y: &[f64]) -> f64 {
    let n = y.len() as f64;
    let first = y.iter().sum::<f64>() / n;
    first + y.iter().map(|v| v - first).sum::<f64>() / n
}

/// The parts of the smoothing system that do not depend on mu.
struct System {
    /// Third divided difference weights: (Q^T u)_j = sum_m w[j][m] u_{j+m}.
    w: Vec<[f64; 4]>,
    r: CyclicBanded,
    qtq: CyclicBanded,
    qty: Vec<f64>,
}

/// One value of mu: the deviation y - u, its RMS, and d log RMS / d log mu.
struct Evaluation {
    deviation: Vec<f64>,
    rms: f64,
    slope: f64,
}

impl System {
    fn new(knots: &Knots, y: &[f64]) -> System {
        let n = y.len();
        let w = divided_difference_weights(knots);
        let mut qtq = CyclicBanded::new(n, 3);
        for i in 0..n as isize {
            // Row i of Q holds w[j][i - j] for j = i-3 ..= i.
            for a in 0..4isize {
                let j = (i - a).rem_euclid(n as isize) as usize;
                for b in 0..4isize {
                    let l = i - b;
                    let wl = w[l.rem_euclid(n as isize) as usize][b as usize];
                    qtq.add(j, l, w[j][a as usize] * wl);
                }
            }
        }
        let qty = (0..n).map(|j| (0..4).map(|m| w[j][m] * y[(j + m) % n]).sum()).collect();
        System { w, r: quadratic_gram(knots), qtq, qty }
    }

    /// `out = Q psi`: out_i = sum over j = i-3 ..= i of w[j][i - j] psi_j.
    fn q(&self, psi: &[f64]) -> Vec<f64> {
        let n = psi.len() as isize;
        (0..n)
            .map(|i| {
                (0..4isize)
                    .map(|a| {
                        let j = (i - a).rem_euclid(n) as usize;
                        self.w[j][a as usize] * psi[j]
                    })
                    .sum()
            })
            .collect()
    }

    fn evaluate(&self, mu: f64) -> Result<Evaluation, String> {
        let n = self.qty.len();
        let m = self.r.plus_scaled(mu, &self.qtq);
        let factored =
            m.factor().ok_or_else(|| format!("the smoothing system is singular at lambda = {:e}", mu / 36.0))?;
        let psi = solve_refined(&m, &factored, &self.qty, 1);
        let q_psi = self.q(&psi);
        let deviation: Vec<f64> = q_psi.iter().map(|v| mu * v).collect();
        // d psi / d mu = -M^-1 Q^T Q psi.
        let mut qtq_psi = vec![0.0; n];
        self.qtq.multiply(&psi, &mut qtq_psi);
        let dpsi = solve_refined(&m, &factored, &qtq_psi, 1);
        let q_dpsi = self.q(&dpsi);
        // d deviation / d mu = Q psi - mu Q (M^-1 Q^T Q psi).
        let (mut sum2, mut cross) = (0.0, 0.0);
        for i in 0..n {
            let e = deviation[i];
            sum2 += e * e;
            cross += e * (q_psi[i] - mu * q_dpsi[i]);
        }
        let rms = (sum2 / n as f64).sqrt();
        let slope = if sum2 > 0.0 { mu * cross / sum2 } else { 1.0 };
        Ok(Evaluation { deviation, rms, slope })
    }
}
