#!/usr/bin/env python3
"""Checks a CalculiX run of the follower rod against campro.

usage: check.py LIB PARAMS_OR_- AMPLITUDE_INP DAT T_END DT TOLERANCE
       check.py export LIB PARAMS_OR_- AMPLITUDE_INP T_END TOLERANCE   (campro_export_table)

LIB is libcampro.so; PARAMS_OR_- a parameter file (or - for the built-in default cam). Prints
one `ok:`/`FAIL:` line per check and a last line `checks: N passed, M failed`; exit 1 on failure.
"""
import ctypes
import math
import re
import sys


class BoundaryCondition(ctypes.Structure):
    _fields_ = [("displacement", ctypes.c_double), ("velocity", ctypes.c_double), ("acceleration", ctypes.c_double)]


class Segment(ctypes.Structure):
    _fields_ = [("law", ctypes.c_int32), ("duration", ctypes.c_double), ("end_lift", ctypes.c_double)]


class Parameters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_double) for name in (
        "base_circle_radius", "max_lift", "cam_duration", "rise_duration", "dwell_duration", "fall_duration",
        "jerk_limit", "acceleration_limit", "velocity_limit", "rpm")] + [("rise_law", ctypes.c_int32), ("fall_law", ctypes.c_int32)]


def load_motion(lib, params):
    lib.campro_motion_load.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    lib.campro_motion_new.argtypes = [ctypes.POINTER(Parameters), ctypes.POINTER(ctypes.c_void_p)]
    lib.campro_parameters_default.argtypes = [ctypes.POINTER(Parameters)]
    motion = ctypes.c_void_p()
    if params == "-":
        p = Parameters()
        lib.campro_parameters_default(ctypes.byref(p))
        status = lib.campro_motion_new(ctypes.byref(p), ctypes.byref(motion))
    else:
        status = lib.campro_motion_load(params.encode(), ctypes.byref(motion))
    if status != 0:
        sys.exit(f"campro could not build the motion from {params}: status {status}")
    return motion


def half_unit(text):
    """Half a unit in the last printed digit of a number like 9.935488E+00."""
    mantissa, _, exponent = text.upper().partition("E")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def read_dat(path):
    """{set name: [(time, time text, u1, u1 text)]} from the NODE PRINT blocks."""
    blocks = {}
    header = re.compile(r"displacements \(vx,vy,vz\) for set (\S+) and time\s+(\S+)")
    current = None
    for line in open(path):
        m = header.search(line)
        if m:
            current = (m.group(1), float(m.group(2)), m.group(2))
            continue
        fields = line.split()
        if current and len(fields) == 4:
            name, t, t_text = current
            blocks.setdefault(name, []).append((t, t_text, float(fields[1]), fields[1]))
            current = None
    return blocks


def read_amplitude(path):
    points, header = [], {}
    inside = False
    for line in open(path):
        line = line.strip()
        if line.startswith("**"):
            m = re.match(r"\*\* (\d+) points; .* within (\S+) mm .*achieved max error (\S+) mm", line)
            if m:
                header = {"points": int(m.group(1)), "tolerance": float(m.group(2)), "max_error": float(m.group(3))}
            continue
        if line.upper().startswith("*AMPLITUDE"):
            inside = True
            continue
        if line.startswith("*"):
            inside = False
            continue
        if inside and line:
            values = [float(v) for v in line.split(",")]
            points += list(zip(values[0::2], values[1::2]))
    return points, header


def export():
    """Writes the *AMPLITUDE through the C entry point campro_export_table."""
    lib_path, params, amplitude, t_end, tolerance = sys.argv[2:7]
    lib = ctypes.CDLL(lib_path)
    motion = load_motion(lib, params)
    lib.campro_export_table.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_double,
                                        ctypes.c_double, ctypes.c_double, ctypes.c_char_p]
    abaqus, displacement = 1, 0  # CAMPRO_FORMAT_ABAQUS_AMPLITUDE, CAMPRO_QUANTITY_DISPLACEMENT
    status = lib.campro_export_table(motion, abaqus, displacement, 0.0, float(t_end), float(tolerance), amplitude.encode())
    print(f"campro_export_table -> {status}")
    return status


def main():
    if sys.argv[1] == "export":
        return export()
    lib_path, params, amplitude, dat, t_end, dt, tolerance = sys.argv[1:8]
    t_end, dt, tolerance = float(t_end), float(dt), float(tolerance)
    lib = ctypes.CDLL(lib_path)
    motion = load_motion(lib, params)
    lib.campro_boundary_condition_at_time.argtypes = [ctypes.c_void_p, ctypes.c_double]
    lib.campro_boundary_condition_at_time.restype = BoundaryCondition
    lib.campro_motion_rpm.argtypes = [ctypes.c_void_p]
    lib.campro_motion_rpm.restype = ctypes.c_double
    lib.campro_motion_segment_count.argtypes = [ctypes.c_void_p]
    lib.campro_motion_segment_count.restype = ctypes.c_size_t
    lib.campro_motion_segment.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(Segment)]

    passed = failed = 0

    def check(ok, message):
        nonlocal passed, failed
        print(("ok:   " if ok else "FAIL: ") + message)
        if ok:
            passed += 1
        else:
            failed += 1

    # The amplitude table: every segment boundary of the span is one of its times.
    points, header = read_amplitude(amplitude)
    times = [t for t, _ in points]
    check(len(points) == header.get("points"), f"amplitude has {len(points)} points as its header says ({header.get('points')})")
    check(all(b > a for a, b in zip(times, times[1:])), "amplitude times strictly increase")
    check(times[0] == 0.0 and abs(times[-1] - t_end) <= 1e-12 * t_end, f"amplitude spans 0 to {times[-1]} s")
    rpm = lib.campro_motion_rpm(motion)
    period, dps = 60.0 / rpm, 6.0 * rpm
    starts, angle = [], 0.0
    for i in range(lib.campro_motion_segment_count(motion)):
        seg = Segment()
        lib.campro_motion_segment(motion, i, ctypes.byref(seg))
        starts.append(angle)
        angle += seg.duration
    boundaries = [k * period + a / dps for k in range(int(math.ceil(t_end / period)) + 1) for a in starts]
    boundaries = [b for b in boundaries if b <= t_end * (1 + 1e-12)]
    missing = [b for b in boundaries if min(abs(t - b) for t in times) > 1e-12 * max(b, period)]
    check(not missing, f"all {len(boundaries)} segment boundaries are amplitude points (missing: {missing[:3]})")
    check(header.get("max_error", 1.0) <= tolerance, f"reported interpolation error {header.get('max_error')} mm <= {tolerance} mm")

    # The solver's history of the driven node against campro's exact displacement.
    blocks = read_dat(dat)
    driven, middle = blocks.get("DRIVEN", []), blocks.get("MIDDLE", [])
    n_expected = int(round(t_end / dt))
    check(len(driven) >= 100 and len(driven) == n_expected, f"{len(driven)} increments printed (expected {n_expected} >= 100)")
    check(bool(driven) and abs(driven[-1][0] - t_end) <= half_unit(driven[-1][1]), f"solved up to t = {driven[-1][0] if driven else None} s")
    worst, worst_at, bad = 0.0, None, []
    for i, (t, t_text, u, u_text) in enumerate(driven):
        t_exact = (i + 1) * dt
        if abs(t - t_exact) > half_unit(t_text):
            bad.append(f"time {t_text} is not increment {i + 1}")
            continue
        exact = lib.campro_boundary_condition_at_time(motion, t_exact).displacement
        error = abs(u - exact)
        bound = tolerance + half_unit(u_text) + 1e-12
        if error > worst:
            worst, worst_at = error, t_exact
        if error > bound:
            bad.append(f"t = {t_exact}: ccx {u_text} vs campro {exact:.9f} (|diff| {error:.3e} > {bound:.3e})")
    check(not bad and bool(driven), f"driven node follows campro within tolerance + print precision at all {len(driven)} increments "
          f"(max |diff| {worst:.3e} mm at t = {worst_at} s) {bad[:3]}")
    peak = max((abs(u) for _, _, u, _ in driven), default=0.0)
    check(peak > 0.5 * max(abs(lib.campro_boundary_condition_at_time(motion, t).displacement)
                            for t in [k * period / 720 for k in range(720)]),
          f"the driven node really moved (peak {peak} mm)")
    # The rod is uniform: its middle node moves half as far as the driven end (to the print
    # precision and the Newton iterations' convergence, here within 1e-6 of the lift + 1e-9 mm).
    mid_bad = [t for (t, _, u, u_text), (_, _, d, d_text) in zip(middle, driven)
               if abs(u - 0.5 * d) > half_unit(u_text) + 0.5 * half_unit(d_text) + 1e-6 * abs(d) + 1e-9]
    check(len(middle) == len(driven) and not mid_bad, f"middle node = half the driven displacement at all increments (bad at {mid_bad[:3]})")
    print(f"figures: {len(points)} amplitude points, {len(driven)} increments, max |ccx - campro| = {worst:.3e} mm")
    print(f"checks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
