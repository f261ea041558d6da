#!/usr/bin/env python3
"""Checks rod.dat (static follower rods, CalculiX with campro's uamplitude.f) against campro.

usage: check_rod.py ROD_DAT CAM=PARAMS VALVE=PARAMS     (PARAMS: a parameter file, or - for the
                                                        built-in default cam)
CAM and VALVE name the cams the checker expects behind the amplitudes CAM, CAM_V, CAM_A and
VALVE_D. Every increment of every driven node must equal magnitude * campro's value at that
increment's time to the .dat file's print precision (7 digits): the amplitude is campro's exact
value, and a prescribed degree of freedom is printed as it was set. The only slack: the value's
change over 1e-14 s (ccx sums its increments into the time) and 1e-12 for the Newton updates'
rounding residues (~1e-32) on values of 0. Exit 1 on any failure.
"""
import sys

from datfile import Checks, half_unit, increments, load_cam, read_dat

STEP1 = 0.01  # s, the holding step before the driven step
DT, N = 1.0e-4, 400  # fixed increments of the driven step
# node set, cam, quantity, amplitude time offset (TIME=TOTAL TIME adds step 1), magnitude, middle node set
RODS = [
    ("DRIVEN_A", "CAM", "displacement", STEP1, 1.0, "MIDDLE_A"),
    ("DRIVEN_B", "VALVE", "displacement", 0.0, 1.0, "MIDDLE_B"),
    ("DRIVEN_C", "CAM", "velocity", STEP1, 1.0e-3, None),
    ("DRIVEN_D", "CAM", "acceleration", STEP1, 1.0e-6, None),
]
QUANTITY = {"displacement": 0, "velocity": 1, "acceleration": 2}
# ccx's time is a running sum of increments: after 400 sums its rounding is below 400 ulp(0.05 s)
# = 2.8e-15 s. The reconstructed times are exact, so allow the value's change over 1e-14 s.
TIME_ROUNDING = 1.0e-14


def _rate(motion, q, t):
    """Time derivative of quantity q at time t: velocity, acceleration or jerk."""
    if q < 2:
        return motion.boundary_condition(t)[q + 1]
    return float(motion.jerk(6.0 * motion.rpm * t))


def main():
    dat, cams = sys.argv[1], dict(arg.split("=", 1) for arg in sys.argv[2:])
    motions = {name: load_cam(params) for name, params in cams.items()}
    blocks = read_dat(dat)
    checks = Checks()
    figures = []
    for node_set, cam, quantity, offset, magnitude, middle in RODS:
        motion, q = motions[cam], QUANTITY[quantity]
        what = f"{node_set} ({cam} {quantity}, cam {cams[cam]})"
        rows = blocks.get(("U", node_set), [])
        times = increments(checks, rows, what, N, STEP1, DT)
        revolution = 60.0 / motion.rpm
        grid = [k * revolution / 3600 for k in range(3600)]
        peak_rate = max(abs(_rate(motion, q, t)) for t in grid)  # of the quantity, per second
        slack = 1e-12 + magnitude * peak_rate * TIME_ROUNDING
        worst, worst_at, bad = 0.0, None, []
        for row, t in zip(rows, times):
            exact = magnitude * motion.boundary_condition(t - STEP1 + offset)[q]
            error = abs(row.value - exact)
            if error > worst:
                worst, worst_at = error, t
            # slack: the time's rounding, and the Newton updates' residues (~1e-32) on values of 0
            if error > half_unit(row.text) * (1 + 1e-9) + slack:
                bad.append(f"t = {t:.6f}: ccx {row.text} vs campro {exact:.9e}")
        checks(bool(rows) and not bad, f"{what}: every increment equals {magnitude:g} * campro to print precision "
               f"(max |diff| {worst:.3e} at t = {worst_at}) {bad[:3]}")
        peak_exact = max(abs(motion.boundary_condition(t)[q]) for t in grid)
        peak = max((abs(r.value) for r in rows), default=0.0)
        checks(peak > 0.5 * magnitude * peak_exact, f"{what}: the node really moved (peak {peak:.6g}, "
               f"campro's peak {magnitude * peak_exact:.6g})")
        figures.append(f"{node_set} {worst:.2e}")
        if middle:
            # A uniform rod held at its far end: the middle node moves half as far as the driven end,
            # to the print precision and the Newton iterations' convergence (1e-6 of the lift + 1e-9 mm).
            mids = blocks.get(("U", middle), [])
            mid_bad = [m.time_text for m, d in zip(mids, rows)
                       if abs(m.value - 0.5 * d.value) > half_unit(m.text) + 0.5 * half_unit(d.text) + 1e-6 * abs(d.value) + 1e-9]
            checks(len(mids) == len(rows) and not mid_bad, f"{middle}: half the driven displacement at all {len(mids)} "
                   f"increments (bad at {mid_bad[:3]})")
    print("figures: max |ccx - campro| per driven node: " + ", ".join(figures))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
