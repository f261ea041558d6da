#!/usr/bin/env python3
"""Checks train.dat (*DYNAMIC spring-mass follower train, CalculiX with campro's uamplitude.f).

usage: check_train.py TRAIN_DAT PARAMS     (PARAMS: the cam the checker expects behind the
                                           amplitudes CAM and CAM_A; - for the default cam)

At every one of the 1000 increments:
1. the contact node's displacement is campro's lift s(t), to print precision;
2. the contact reaction RF, the retainer's and the free mass's displacements are what CalculiX's
   own time integrator (HHT-alpha: Newmark with beta = (1-alpha)^2/4, gamma = 1/2 - alpha, forces
   weighted (1+alpha) at the increment's end and -alpha at its start) makes of campro's exact
   motion: the same discrete equations solved here from campro's s(t) and a(t), to print
   precision (plus 1e-9 of the series' peak: Newton convergence, round-off over 1000 increments);
3. RF is the rigid train's contact force m*a + k*s + preload from campro's exact a and s within
   m * dt * (the cam's largest jerk step) + k * F_max / K_stem. Why: an implicit integrator
   recovers a prescribed motion's acceleration to O(dt^2) where the motion is smooth, but a step
   dj in the jerk (every end of a cycloid) starts an error of about 0.6 * dj * dt that decays by
   the HHT spectral radius (~0.9) per increment; the stem's compression F / K_stem shortens the
   spring's travel by at most k * F_max / K_stem;
4. the free mass pushed by m * a(t) (amplitude CAM_A) moves as s(t) within |alpha| * dt * max|v|
   + k_tether * max|s| * T^2 / (2 m): HHT applies the load as (1+alpha) F(t+dt) - alpha F(t), i.e.
   at t + dt + alpha * dt to first order, so the mass can lag the lift by |alpha| * dt; the tether
   that CalculiX needs pulls it back by at most the second term over the revolution T.
"""
import sys

import numpy as np

from datfile import Checks, half_unit, increments, load_cam, read_dat

# the model of train.inp
MASS = 1.0e-4  # t (0.1 kg), at the retainer and at the free node
SPRING_RATE, PRELOAD = 20.0, 100.0  # N/mm, N (valve spring)
STEM = 1.0e7  # N/mm
TETHER = 1.0e-6  # N/mm, the spring that gives the free node a stiffness (CalculiX needs one)
LOAD = 1.0e-4  # *CLOAD magnitude on CAM_A
ALPHA = -0.05  # CalculiX's default for *DYNAMIC
STEP1, DT, N = 0.01, 2.0e-5, 1000
NEWTON = 1.0e-9  # of a series' peak


def hht_model(motion):
    """CalculiX's discrete equations for the train and the free mass, driven by campro."""
    beta, gamma = (1 - ALPHA) ** 2 / 4, 0.5 - ALPHA
    c = MASS / (beta * DT * DT)
    # after the static step: the stem carries the preload, nothing moves
    u = -PRELOAD / (STEM + SPRING_RATE)
    v = a = 0.0
    fint = SPRING_RATE * u + PRELOAD + STEM * u  # internal force on the retainer (contact at 0)
    uf = vf = af = 0.0
    ff = 0.0  # tether force minus load on the free node
    out = []
    for i in range(N):
        t = (i + 1) * DT
        s, _, acc = motion.boundary_condition(t)
        # retainer: m a1 + (1+alpha) fint(u1) - alpha fint0 = 0, a1 = (u1 - pred) / (beta dt^2)
        pred = u + DT * v + DT * DT * (0.5 - beta) * a
        u1 = (c * pred - (1 + ALPHA) * (PRELOAD - STEM * s) + ALPHA * fint) / (c + (1 + ALPHA) * (SPRING_RATE + STEM))
        a1 = (u1 - pred) / (beta * DT * DT)
        v = v + DT * ((1 - gamma) * a + gamma * a1)
        u, a = u1, a1
        fint = SPRING_RATE * u + PRELOAD + STEM * (u - s)
        # free node: m a1 + (1+alpha) (k_t u1 - F1) - alpha (k_t u0 - F0) = 0
        load = LOAD * acc
        pred = uf + DT * vf + DT * DT * (0.5 - beta) * af
        uf1 = (c * pred + (1 + ALPHA) * load + ALPHA * ff) / (c + (1 + ALPHA) * TETHER)
        af1 = (uf1 - pred) / (beta * DT * DT)
        vf = vf + DT * ((1 - gamma) * af + gamma * af1)
        uf, af = uf1, af1
        ff = TETHER * uf - load
        out.append({"rf": STEM * (s - u), "retainer": u, "free": uf})
    return out


def largest_jerk_step(motion):
    """The largest step of the jerk, mm/s^3: across each segment boundary, and between
    neighbours 0.01 deg apart (steps inside a segment, e.g. modified trapezoidal)."""
    boundaries = np.cumsum([0.0] + [duration for _, duration, _ in motion.segments])
    across = np.abs(motion.jerk(boundaries + 1e-7) - motion.jerk(boundaries - 1e-7))
    inside = np.abs(np.diff(motion.jerk(np.linspace(0.0, 360.0, 36001))))
    return float(max(across.max(), inside.max()))


def compare(checks, rows, times, reference, what, slack, figures, label):
    """|printed - reference(t)| <= half a printed digit + slack at every increment; slack None
    means NEWTON times the reference's peak."""
    refs = [reference(t) for t in times]
    if slack is None:
        slack = NEWTON * max((abs(r) for r in refs), default=0.0)
    worst, worst_at, bad = 0.0, None, []
    for row, t, ref in zip(rows, times, refs):
        error = abs(row.value - ref)
        if error > worst:
            worst, worst_at = error, t
        if error > half_unit(row.text) + slack:
            bad.append(f"t = {t:.5f}: ccx {row.text} vs {ref:.9g}")
    checks(bool(rows) and not bad, f"{what} at all {len(rows)} increments (max |diff| {worst:.3e} at t = {worst_at}) {bad[:3]}")
    figures.append(f"{label} {worst:.2e}")
    return worst


def main():
    dat, params = sys.argv[1], sys.argv[2]
    motion = load_cam(params)
    blocks = read_dat(dat)
    checks = Checks()
    figures = []
    rows = {key: blocks.get(key, []) for key in [("U", "CONTACT"), ("RF", "CONTACT"), ("U", "RETAINER"), ("U", "FREE")]}
    times = None
    for (quantity, name), r in rows.items():
        times = increments(checks, r, f"{quantity} {name}", N, STEP1, DT)
    model = hht_model(motion)
    by_time = dict(zip(times, model))
    exact = {t: motion.boundary_condition(t - STEP1) for t in times}

    # 1. the driven node is the cam lift (prescribed: exact to print precision; 1e-12 for rounding residues)
    compare(checks, rows[("U", "CONTACT")], times, lambda t: exact[t][0],
            f"contact displacement = campro s(t) (cam {params})", 1e-12, figures, "contact u vs s")
    # 2. CalculiX's integrator, reproduced from campro's motion
    compare(checks, rows[("RF", "CONTACT")], times, lambda t: by_time[t]["rf"],
            "contact RF = HHT-alpha train driven by campro", None, figures, "RF vs HHT")
    compare(checks, rows[("U", "RETAINER")], times, lambda t: by_time[t]["retainer"],
            "retainer displacement = HHT-alpha train driven by campro", None, figures, "retainer u vs HHT")
    compare(checks, rows[("U", "FREE")], times, lambda t: by_time[t]["free"],
            "free-mass displacement = HHT-alpha integral of the CAM_A load", None, figures, "free u vs HHT")
    # 3. the contact force of the rigid train from campro's exact a and s
    force = lambda t: MASS * exact[t][2] + SPRING_RATE * exact[t][0] + PRELOAD
    peak_force = max(abs(force(t)) for t in times)
    jerk_step = largest_jerk_step(motion)
    tolerance = MASS * DT * jerk_step + SPRING_RATE * peak_force / STEM
    worst = compare(checks, rows[("RF", "CONTACT")], times, force,
                    f"contact RF = m*a + k*s + preload within {tolerance:.3g} N", tolerance, figures, "RF vs m*a+k*s+P")
    print(f"figures: peak contact force {peak_force:.4g} N, largest jerk step {jerk_step:.4g} mm/s^3, "
          f"max |RF - (m*a + k*s + P)| = {worst:.3g} N = {worst / (MASS * DT * jerk_step):.2f} m*dt*jerk step")
    # 4. the acceleration amplitude integrates back to the lift
    revolution = 60.0 / motion.rpm
    kinematics = [motion.boundary_condition(k * revolution / 3600) for k in range(3600)]
    lag = abs(ALPHA) * DT * max(abs(v) for _, v, _ in kinematics)
    pull = TETHER * max(abs(s) for s, _, _ in kinematics) * (N * DT) ** 2 / (2 * MASS)
    compare(checks, rows[("U", "FREE")], times, lambda t: exact[t][0],
            f"free-mass displacement = campro s(t) within {lag + pull:.3g} mm", lag + pull, figures, "free u vs s")
    peak = max((abs(r.value) for r in rows[("U", "CONTACT")]), default=0.0)
    checks(peak > 0.5 * max(abs(exact[t][0]) for t in times), f"the cam really lifted the train (peak {peak} mm)")
    print("figures: max |diff| " + ", ".join(figures))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
