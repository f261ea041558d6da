"""Tests of the campro Python package against closed forms and the raw C functions."""

import ctypes
import gc
import math
import os
import shutil
import subprocess
import sys
from ctypes import byref, c_void_p
from pathlib import Path

import numpy as np
import pytest

import campro
from campro import Motion

TWO_PI = 2.0 * math.pi
W = 200.0  # du/dt of the default rise/fall: 18000 deg/s over 90 deg
H = 10.0
QUANTITIES = ("displacement", "velocity", "acceleration", "jerk")
PEAK = {"displacement": 10.0, "velocity": 4000.0, "acceleration": 2.513274e6, "jerk": 3.158273e9}


def closed_form(theta):
    """(s, v, a, j) of the default cam by the cycloidal formulas, theta in degrees."""
    theta = np.asarray(theta, dtype=np.float64) % 360.0
    s = np.zeros_like(theta)
    v = np.zeros_like(theta)
    a = np.zeros_like(theta)
    j = np.zeros_like(theta)
    rise = theta <= 90.0
    u = theta[rise] / 90.0
    s[rise] = H * (u - np.sin(TWO_PI * u) / TWO_PI)
    v[rise] = H * W * (1.0 - np.cos(TWO_PI * u))
    a[rise] = H * W**2 * TWO_PI * np.sin(TWO_PI * u)
    j[rise] = H * W**3 * TWO_PI**2 * np.cos(TWO_PI * u)
    high = (theta > 90.0) & (theta < 135.0)
    s[high] = H
    fall = (theta >= 135.0) & (theta <= 225.0)
    u = (theta[fall] - 135.0) / 90.0
    s[fall] = H - H * (u - np.sin(TWO_PI * u) / TWO_PI)
    v[fall] = -H * W * (1.0 - np.cos(TWO_PI * u))
    a[fall] = -H * W**2 * TWO_PI * np.sin(TWO_PI * u)
    j[fall] = -H * W**3 * TWO_PI**2 * np.cos(TWO_PI * u)
    return {"displacement": s, "velocity": v, "acceleration": a, "jerk": j}


def interior_angles(n=2001):
    """Angles over one turn that avoid the segment ends (where jerk jumps)."""
    theta = np.linspace(-720.0, 1080.0, n) + 0.123
    ends = np.array([0.0, 90.0, 135.0, 225.0, 360.0])
    r = theta % 360.0
    keep = np.min(np.abs(r[:, None] - ends[None, :]), axis=1) > 1e-6
    return theta[keep]


def raw(name):
    return getattr(campro.lib, name)


# --------------------------------------------------------------------------- module level


def test_version_and_status_names():
    assert campro.__version__ == "0.1.0"
    assert campro.__version__ == campro.lib.campro_version().decode()
    assert campro.status_name(0) == "CAMPRO_OK"
    assert campro.status_name(campro.STATUS_ERROR_NULL_POINTER) == "CAMPRO_ERROR_NULL_POINTER"
    assert campro.status_name(campro.STATUS_ERROR_IO) == "CAMPRO_ERROR_IO"
    assert campro.status_name(campro.STATUS_ERROR_INTERNAL) == "CAMPRO_ERROR_INTERNAL"
    assert campro.status_name(8) == "CAMPRO_UNKNOWN_STATUS"
    assert campro.status_name(-1) == "CAMPRO_UNKNOWN_STATUS"


def test_constants_and_law_names():
    assert (campro.STATUS_OK, campro.STATUS_ERROR_INVALID_PARAMETER) == (0, 2)
    assert (campro.STATUS_ERROR_NON_FINITE_INPUT, campro.STATUS_ERROR_PARSE) == (3, 4)
    assert campro.STATUS_ERROR_BUFFER_TOO_SMALL == 6
    assert campro.LAW_DWELL == 0 and campro.LAW_CONSTANT_ACCELERATION == 7
    assert list(campro.LAWS.values()) == list(range(8))
    assert campro.LAWS["polynomial_4567"] == campro.LAW_POLYNOMIAL_4567 == 6
    assert campro.law_code("Modified_Sine") == 4
    assert campro.law_code(5) == 5
    with pytest.raises(ValueError, match=r"'bogus'.*cycloidal.*constant_acceleration"):
        campro.law_code("bogus")
    with pytest.raises(TypeError):
        campro.law_code(1.5)


def test_struct_layouts():
    d = ctypes.sizeof(ctypes.c_double)
    assert ctypes.sizeof(campro.CamproParameters) == 10 * d + 8
    assert campro.CamproParameters.rise_law.offset == 10 * d
    assert ctypes.sizeof(campro.CamproSegment) == 3 * d  # int32 padded to 8
    assert campro.CamproSegment.duration.offset == 8
    assert ctypes.sizeof(campro.CamproKinematics) == 4 * d
    assert ctypes.sizeof(campro.CamproBoundaryCondition) == 3 * d
    assert campro.CamproAnalysis.velocity_violation.offset == 5 * d
    assert ctypes.sizeof(campro.CamproAnalysis) == 5 * d + 16  # 3 int32 + tail padding


def test_every_function_is_declared():
    for name in campro._lib.REQUIRED:
        fn = getattr(campro.lib, name)
        assert fn.argtypes is not None, name
    assert raw("campro_version").restype is ctypes.c_char_p
    assert raw("campro_displacement").restype is ctypes.c_double
    assert raw("campro_last_error_message").restype is ctypes.c_size_t
    assert raw("campro_motion_free").restype is None


def test_default_parameters():
    p = campro.default_parameters()
    assert p == {
        "base_circle_radius": 25.0,
        "max_lift": 10.0,
        "cam_duration": 180.0,
        "rise_duration": 90.0,
        "dwell_duration": 45.0,
        "fall_duration": 90.0,
        "jerk_limit": 1000.0,
        "acceleration_limit": 500.0,
        "velocity_limit": 100.0,
        "rpm": 3000.0,
        "rise_law": campro.LAW_CYCLOIDAL,
        "fall_law": campro.LAW_CYCLOIDAL,
    }
    with Motion(**p) as m, Motion() as d:
        x = interior_angles()
        assert np.array_equal(m.jerk(x), d.jerk(x))


# --------------------------------------------------------------------------- values


def test_reference_values(motion):
    assert motion.displacement(45) == pytest.approx(5.0, abs=1e-12)
    assert motion.displacement(100.0) == pytest.approx(10.0, abs=1e-12)
    assert motion.displacement(180.0) == pytest.approx(5.0, abs=1e-12)
    assert motion.displacement(300.0) == 0.0
    assert motion.velocity(45.0) == pytest.approx(4000.0, rel=1e-12)
    assert motion.velocity(180.0) == pytest.approx(-4000.0, rel=1e-12)
    assert motion.acceleration(22.5) == pytest.approx(2.513274e6, rel=1e-6)
    assert motion.acceleration(22.5) == pytest.approx(H * W**2 * TWO_PI, rel=1e-12)
    assert motion.jerk(1e-9) == pytest.approx(3.158273e9, rel=1e-6)
    assert motion.velocity(112.5) == 0.0 and motion.acceleration(300.0) == 0.0


def test_periodicity(motion):
    base = motion.displacement(45.0)
    for k in (-3, -1, 1, 2, 10):
        assert motion.displacement(45.0 + 360.0 * k) == pytest.approx(base, abs=1e-12)
    assert motion.displacement(-315.0) == pytest.approx(5.0, abs=1e-12)


@pytest.mark.parametrize("quantity", QUANTITIES)
def test_closed_form_arrays(motion, quantity):
    theta = interior_angles()
    got = getattr(motion, quantity)(theta)
    want = closed_form(theta)[quantity]
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-10 * PEAK[quantity])
    assert np.max(np.abs(got)) > 0.99 * PEAK[quantity]


def test_kinematics_tuple(motion):
    theta = interior_angles()
    k = motion.kinematics(theta)
    assert isinstance(k, tuple) and len(k) == 4
    want = closed_form(theta)
    for q, arr in zip(QUANTITIES, k):
        np.testing.assert_allclose(arr, want[q], rtol=0, atol=1e-10 * PEAK[q])
        assert np.array_equal(arr, getattr(motion, q)(theta))
    serial = motion.kinematics(theta, parallel=False)
    for a, b in zip(k, serial):
        assert np.array_equal(a, b)
    s = motion.kinematics(22.5)
    assert all(isinstance(v, float) for v in s)
    assert s == tuple(getattr(motion, q)(22.5) for q in QUANTITIES)


# --------------------------------------------------------------------------- vs raw C, bitwise


@pytest.mark.parametrize("quantity", QUANTITIES)
def test_bitwise_against_raw_c(motion, quantity):
    theta = np.ascontiguousarray(interior_angles(1501))
    h = c_void_p(motion.handle)
    scalar = np.array([raw(f"campro_{quantity}")(h, float(x)) for x in theta])
    for mode in ("batch", "parallel"):
        out = np.empty_like(theta)
        assert raw(f"campro_{quantity}_{mode}")(h, theta, out, theta.size) == 0
        assert np.array_equal(out, scalar)
    method = getattr(motion, quantity)
    assert np.array_equal(method(theta), scalar)
    assert np.array_equal(method(theta, parallel=True), scalar)
    assert all(method(float(x)) == s for x, s in zip(theta[::50], scalar[::50]))
    # A Motion can be handed to the raw functions directly (_as_parameter_).
    assert raw(f"campro_{quantity}")(motion, 33.3) == method(33.3)


def test_raw_kinematics_struct(motion):
    k = raw("campro_kinematics")(motion, 60.0)
    assert isinstance(k, campro.CamproKinematics)
    assert (k.displacement, k.velocity, k.acceleration, k.jerk) == motion.kinematics(60.0)


# --------------------------------------------------------------------------- shapes & copies


def test_shapes(motion):
    for x in (45, 45.0, np.float64(45.0), np.float32(45.0), np.int64(45)):
        v = motion.displacement(x)
        assert type(v) is float and v == pytest.approx(5.0, abs=1e-12)
    one = motion.velocity(np.array([45.0, 180.0]))
    assert isinstance(one, np.ndarray) and one.shape == (2,) and one.dtype == np.float64
    grid = np.linspace(0.0, 330.0, 12).reshape(3, 4)
    for q in QUANTITIES:
        out = getattr(motion, q)(grid)
        assert out.shape == (3, 4)
        assert np.array_equal(out.ravel(), getattr(motion, q)(grid.ravel()))
    k = motion.kinematics(grid)
    assert all(a.shape == (3, 4) for a in k)
    assert motion.displacement(np.array(45.0)).shape == ()
    assert motion.displacement(np.array([])).shape == (0,)
    assert motion.displacement(np.empty((0, 3))).shape == (0, 3)
    assert motion.boundary_conditions(np.zeros((2, 5))).shape == (2, 5, 3)


def _spy(monkeypatch, name):
    seen = []
    real = getattr(campro.lib, name)

    def spy(*args):
        seen.append(args)
        return real(*args)

    monkeypatch.setattr(campro.lib, name, spy)
    return seen


@pytest.mark.parametrize("mode", ["batch", "parallel"])
def test_zero_copy_contiguous_float64(motion, monkeypatch, mode):
    theta = np.linspace(0.0, 359.0, 1000)
    seen = _spy(monkeypatch, f"campro_velocity_{mode}")
    out = motion.velocity(theta, parallel=(mode == "parallel"))
    (args,) = seen
    passed = args[1]
    assert passed is theta  # the very same array object, hence the same memory
    assert passed.ctypes.data == theta.ctypes.data
    assert args[2] is not theta and args[3] == 1000
    assert np.shares_memory(args[2], out)  # C wrote directly into the returned array


def test_zero_copy_2d_and_bc(motion, monkeypatch):
    grid = np.linspace(0.0, 1.0, 12).reshape(3, 4)
    seen = _spy(monkeypatch, "campro_displacement_batch")
    motion.displacement(grid)
    assert seen[0][1].ctypes.data == grid.ctypes.data
    times = np.linspace(0.0, 0.02, 50)
    seen = _spy(monkeypatch, "campro_boundary_conditions")
    out = motion.boundary_conditions(times)
    (args,) = seen
    assert args[1] is times
    assert ctypes.addressof(args[3].contents) == out.ctypes.data  # struct* == (n,3) buffer


def test_copies_when_needed(motion, monkeypatch):
    seen = _spy(monkeypatch, "campro_displacement_batch")
    base = np.linspace(0.0, 360.0, 101)
    sliced = base[::2]
    motion.displacement(sliced)
    assert seen[-1][1].flags.c_contiguous
    assert not np.shares_memory(seen[-1][1], base)


def test_conversions(motion):
    ref = np.array([0.0, 22.5, 45.0, 90.0, 180.0, 200.0, 300.0])
    want = motion.acceleration(ref)
    assert np.array_equal(motion.acceleration(list(ref)), want)
    assert np.array_equal(motion.acceleration(tuple(ref)), want)
    ints = np.array([0, 45, 90, 180, 300], dtype=np.int32)
    assert np.array_equal(motion.displacement(ints), motion.displacement(ints.astype(float)))
    np.testing.assert_allclose(motion.displacement([0, 45, 90, 180, 300]), [0, 5, 10, 5, 0],
                               atol=1e-12)
    f32 = ref.astype(np.float32)  # these angles are exact in float32
    assert np.array_equal(motion.acceleration(f32), want)
    base = np.zeros(2 * ref.size)
    base[::2] = ref
    assert np.array_equal(motion.acceleration(base[::2]), want)
    fortran = np.asfortranarray(np.arange(12.0).reshape(3, 4) * 30.0)
    got = motion.velocity(fortran)
    assert got.shape == (3, 4)
    assert np.array_equal(got, motion.velocity(np.ascontiguousarray(fortran)))
    big_endian = ref.astype(">f8")
    assert np.array_equal(motion.acceleration(big_endian), want)
    assert motion.jerk(True) == motion.jerk(1.0)


# --------------------------------------------------------------------------- errors


def test_invalid_law_code():
    with pytest.raises(campro.CamproError) as e:
        Motion(rise_law=99)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert e.value.status_name == "CAMPRO_ERROR_INVALID_PARAMETER"
    assert "rise_law" in str(e.value) and "99" in str(e.value)
    assert "CAMPRO_ERROR_INVALID_PARAMETER" in str(e.value)
    with pytest.raises(campro.CamproError) as e:
        Motion(fall_law="dwell")  # dwell is not a rise/fall law
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert "fall_law" in str(e.value)


def test_unknown_law_name_and_keyword():
    with pytest.raises(ValueError, match="sinusoidal"):
        Motion(rise_law="sinusoidal")
    with pytest.raises(TypeError, match="max_lfit"):
        Motion(max_lfit=3.0)


@pytest.mark.parametrize(
    "field, value",
    [("rise_duration", -5.0), ("max_lift", 0.0), ("rpm", float("nan")), ("dwell_duration", -1.0),
     ("cam_duration", 400.0), ("velocity_limit", float("inf"))],
)
def test_invalid_parameters(field, value):
    with pytest.raises(campro.CamproError) as e:
        Motion(**{field: value})
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert field in str(e.value)


def test_durations_over_a_turn():
    with pytest.raises(campro.CamproError) as e:
        Motion(rise_duration=200.0, fall_duration=200.0)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER


def test_segment_errors():
    with pytest.raises(campro.CamproError) as e:
        Motion.from_segments([("cycloidal", 90, 10), ("cycloidal", 90, 0)], rpm=3000)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert "360" in str(e.value)
    with pytest.raises(campro.CamproError) as e:
        Motion.from_segments([("cycloidal", 180, 10), ("cycloidal", -5, 0),
                              ("dwell", 185, 0)], rpm=3000)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert "segments[1].duration" in str(e.value) and "-5" in str(e.value)
    with pytest.raises(campro.CamproError) as e:
        Motion.from_segments([("cycloidal", 180, 10), ("cycloidal", 180, 2)], rpm=3000)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    with pytest.raises(campro.CamproError) as e:
        Motion.from_segments([], rpm=3000)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    with pytest.raises(campro.CamproError) as e:
        Motion.from_segments([(9, 360, 0)], rpm=3000)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    with pytest.raises(ValueError, match="'warp'"):
        Motion.from_segments([("warp", 360, 0)], rpm=3000)
    with pytest.raises(TypeError, match=r"segments\[0\]"):
        Motion.from_segments([("cycloidal", 360)], rpm=3000)


def test_missing_file(tmp_path):
    missing = tmp_path / "no-such-file.toml"
    with pytest.raises(campro.CamproError) as e:
        Motion.load(missing)
    assert e.value.status == campro.STATUS_ERROR_IO
    assert e.value.status_name == "CAMPRO_ERROR_IO"
    assert "no-such-file.toml" in str(e.value)


def test_parse_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml\n")
    with pytest.raises(campro.CamproError) as e:
        Motion.load(str(bad))
    assert e.value.status == campro.STATUS_ERROR_PARSE


def test_nan_input_batch(motion):
    theta = np.array([0.0, 45.0, 90.0, np.nan, 180.0])
    for parallel in (False, True):
        with pytest.raises(campro.CamproError) as e:
            motion.displacement(theta, parallel=parallel)
        err = e.value
        assert err.status == campro.STATUS_ERROR_NON_FINITE_INPUT
        assert "[3]" in str(err) and "NaN" in str(err)
        assert np.isnan(err.result[3])
        np.testing.assert_allclose(err.result[[0, 1, 2, 4]], [0, 5, 10, 5], atol=1e-12)
    with pytest.raises(campro.CamproError) as e:
        motion.kinematics(np.array([1.0, np.inf]))
    assert e.value.status == campro.STATUS_ERROR_NON_FINITE_INPUT and "[1]" in str(e.value)
    with pytest.raises(campro.CamproError) as e:
        motion.boundary_conditions([0.0, 0.001, -np.inf])
    assert e.value.status == campro.STATUS_ERROR_NON_FINITE_INPUT and "[2]" in str(e.value)
    assert np.isnan(e.value.result[2]).all() and not np.isnan(e.value.result[:2]).any()


def test_nan_input_scalar(motion):
    for fn in (motion.displacement, motion.velocity, motion.acceleration, motion.jerk,
               motion.kinematics, motion.boundary_condition):
        with pytest.raises(campro.CamproError) as e:
            fn(float("nan"))
        assert e.value.status == campro.STATUS_ERROR_NON_FINITE_INPUT
        assert e.value.message  # the library's message
    # the raw scalar returns NaN
    assert math.isnan(raw("campro_velocity")(motion, float("inf")))


def test_last_error_message_protocol():
    with pytest.raises(campro.CamproError):
        Motion(rise_law=99)
    msg = campro.last_error_message()
    assert "rise_law" in msg
    fn = raw("campro_last_error_message")
    n = fn(None, 0)
    assert n == len(msg.encode())
    small = ctypes.create_string_buffer(5)
    assert fn(small, 5) == n
    assert small.value == msg.encode()[:4]
    with Motion() as m:  # success does not clear the message
        m.displacement(1.0)
    assert campro.last_error_message() == msg


def test_raw_null_handling():
    out = c_void_p(123)
    p = campro.CamproParameters()
    raw("campro_parameters_default")(byref(p))
    p.rise_law = 99
    assert raw("campro_motion_new")(byref(p), byref(out)) == campro.STATUS_ERROR_INVALID_PARAMETER
    assert out.value is None  # *out set to NULL on error
    assert raw("campro_motion_new")(None, byref(out)) == campro.STATUS_ERROR_NULL_POINTER
    assert math.isnan(raw("campro_displacement")(None, 1.0))
    assert math.isnan(raw("campro_bc_velocity")(0.0, None))
    assert raw("campro_displacement_batch")(None, np.zeros(1), np.zeros(1), 1) == 1
    raw("campro_motion_free")(None)


# --------------------------------------------------------------------------- analysis


def test_analysis(motion):
    a = motion.analyze()
    assert isinstance(a, campro.Analysis)
    assert a.max_velocity == pytest.approx(4000.0, rel=1e-9)
    assert a.max_acceleration == pytest.approx(2.513e6, rel=1e-3)
    assert a.max_acceleration == pytest.approx(2.513274e6, rel=1e-6)  # 22.5 deg is on the grid
    assert a.max_jerk == pytest.approx(3.158e9, rel=1e-3)
    assert a.velocity_violation is True
    assert a.acceleration_violation is True
    assert a.jerk_violation is True
    # RMS over the grid: (one rise + one fall) / turn of sin^2 -> a_peak^2 * (180/360) / 2
    assert a.rms_acceleration == pytest.approx(2.513274e6 * 0.5, rel=1e-6)
    assert a.rms_jerk == pytest.approx(3.158273e9 * 0.5, rel=1e-3)
    with pytest.raises(Exception):
        a.max_velocity = 1.0  # frozen
    raw_out = campro.CamproAnalysis()
    assert raw("campro_analyze_kinematics")(motion, 3600, byref(raw_out)) == 0
    assert raw_out.max_velocity == a.max_velocity and raw_out.rms_jerk == a.rms_jerk
    with pytest.raises(campro.CamproError) as e:
        motion.analyze(0)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER


def test_analysis_within_limits():
    with Motion(velocity_limit=5000, acceleration_limit=3e6, jerk_limit=4e9) as m:
        a = m.analyze(1000)
        assert not (a.velocity_violation or a.acceleration_violation or a.jerk_violation)


# --------------------------------------------------------------------------- time domain


def test_boundary_conditions(motion):
    times = np.linspace(-0.03, 0.05, 801)
    bc = motion.boundary_conditions(times)
    assert bc.shape == (801, 3) and bc.dtype == np.float64 and bc.flags.c_contiguous
    want = closed_form(18000.0 * times)
    np.testing.assert_allclose(bc[:, 0], want["displacement"], atol=1e-9)
    np.testing.assert_allclose(bc[:, 1], want["velocity"], atol=1e-6)
    np.testing.assert_allclose(bc[:, 2], want["acceleration"], atol=1e-3)
    for i in range(0, 801, 40):
        assert tuple(bc[i]) == motion.boundary_condition(times[i])
        assert bc[i, 0] == pytest.approx(motion.displacement(18000.0 * times[i]), abs=1e-9)
    assert np.array_equal(motion.boundary_conditions(times, parallel=False), bc)
    d, v, a = motion.boundary_condition(0.0025)  # 45 deg
    assert (d, v) == (pytest.approx(5.0, abs=1e-12), pytest.approx(4000.0, rel=1e-12))
    assert motion.boundary_condition(0.0025 + 0.02)[0] == pytest.approx(5.0, abs=1e-12)
    assert motion.boundary_conditions([0.0025]).shape == (1, 3)


def test_time_function_callback(motion):
    fn, ctx = motion.time_function("velocity")
    assert isinstance(fn, campro.CamproTimeFunction)
    assert fn(0.0025, ctx) == motion.boundary_condition(0.0025)[1]
    fn, ctx = motion.time_function()
    assert fn(0.01, ctx) == motion.boundary_condition(0.01)[0]
    assert raw("campro_bc_acceleration")(0.004, motion.handle) == motion.boundary_condition(0.004)[2]
    with pytest.raises(ValueError):
        motion.time_function("jerk")


def test_rpm():
    if "campro_motion_rpm" not in campro._lib.optional_present:
        pytest.skip("library without campro_motion_rpm")
    with Motion(rpm=1200) as m:
        assert m.rpm == 1200.0
        assert m.period == pytest.approx(0.05)
        # velocity scales with the speed: 10 mm * (7200/90 1/s) * 2 at 45 deg
        assert m.velocity(45.0) == pytest.approx(H * 80.0 * 2.0, rel=1e-12)


# --------------------------------------------------------------------------- segments & files


DEFAULT_SEGMENTS = [("cycloidal", 90, 10), ("dwell", 45, 10), ("cycloidal", 90, 0),
                    ("dwell", 135, 0)]


def test_from_segments_matches_default(motion):
    with Motion.from_segments(DEFAULT_SEGMENTS, rpm=3000) as m:
        theta = interior_angles()
        for q in QUANTITIES:
            np.testing.assert_allclose(getattr(m, q)(theta), getattr(motion, q)(theta),
                                       rtol=1e-12, atol=1e-12 * PEAK[q])
        a = m.analyze()
        assert a.max_velocity == pytest.approx(4000.0, rel=1e-9)
        # limits of a segment-built motion are +inf: never violated
        assert not (a.velocity_violation or a.acceleration_violation or a.jerk_violation)


def test_from_segments_multi():
    segs = [
        (campro.LAW_POLYNOMIAL_345, 60.0, 5.0),  # 0..60: rise 0 -> 5
        ("dwell", 30.0, 5.0),  # 60..90
        ("simple_harmonic", 60.0, 8.0),  # 90..150: rise 5 -> 8
        ("modified_sine", 90.0, 0.0),  # 150..240: fall 8 -> 0
        ("dwell", 120.0, 0.0),  # 240..360
    ]
    with Motion.from_segments(iter(segs), rpm=600) as m:  # 3600 deg/s
        u = np.array([0.25, 0.5, 0.8])
        np.testing.assert_allclose(m.displacement(60.0 * u),
                                   5.0 * (10 * u**3 - 15 * u**4 + 6 * u**5), atol=1e-12)
        # 3-4-5 velocity: h * 30 u^2 (1-u)^2 * du/dt with du/dt = 3600/60 = 60 1/s
        np.testing.assert_allclose(m.velocity(60.0 * u), 5.0 * 30 * u**2 * (1 - u) ** 2 * 60,
                                   rtol=1e-12)
        assert m.displacement(75.0) == 5.0 and m.velocity(75.0) == 0.0
        np.testing.assert_allclose(m.displacement(90.0 + 60.0 * u),
                                   5.0 + 3.0 * (1 - np.cos(np.pi * u)) / 2, atol=1e-12)
        assert m.displacement(195.0) == pytest.approx(4.0, abs=1e-12)  # mirror midpoint
        assert m.velocity(195.0) < 0.0
        assert m.displacement(300.0) == 0.0
        assert m.displacement(-60.0 + 360.0 * 3) == 0.0


def _write_params(path: Path, **overrides):
    p = campro.default_parameters()
    p.update(overrides)
    names = {v: k for k, v in campro.LAWS.items()}
    lines = []
    for k, v in p.items():
        lines.append(f'{k} = "{names[v]}"' if k.endswith("_law") else f"{k} = {float(v)!r}")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_load_toml(tmp_path, motion):
    path = _write_params(tmp_path / "cam.toml")
    with Motion.load(path) as m:
        theta = interior_angles()
        assert np.array_equal(m.jerk(theta), motion.jerk(theta))
    path = _write_params(tmp_path / "fast.toml", rpm=6000.0, max_lift=4.0,
                         rise_law=campro.LAW_SIMPLE_HARMONIC)
    with Motion.load(str(path)) as m:
        assert m.displacement(45.0) == pytest.approx(2.0, abs=1e-12)
        # simple harmonic: v = h/2 * pi * du/dt * sin(pi u), du/dt = 36000/90
        assert m.velocity(45.0) == pytest.approx(2.0 * math.pi * 400.0, rel=1e-12)


def test_load_invalid_value(tmp_path):
    path = _write_params(tmp_path / "neg.toml", rise_duration=-5.0)
    with pytest.raises(campro.CamproError) as e:
        Motion.load(path)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert "rise_duration" in str(e.value)


def _shipped(root, name):
    path = root / "examples" / "params" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path


@pytest.mark.parametrize("name", ["camprov5_defaults.toml", "camprov5_defaults.json"])
def test_load_shipped_defaults(root, motion, name):
    with Motion.load(_shipped(root, name)) as m:
        theta = interior_angles()
        for q in QUANTITIES:
            assert np.array_equal(getattr(m, q)(theta), getattr(motion, q)(theta))
        assert m.analyze() == motion.analyze()


@pytest.mark.parametrize("name", ["valve_segments.toml", "valve_segments.json"])
def test_load_shipped_segments(root, name):
    with Motion.load(_shipped(root, name)) as m:
        assert m.rpm == 1200.0
        segs = m.segments
        assert [law for law, _, _ in segs] == ["polynomial_345", "modified_sine", "dwell",
                                               "modified_trapezoidal", "dwell"]
        assert sum(d for _, d, _ in segs) == pytest.approx(360.0, abs=1e-9)
        assert max(lift for _, _, lift in segs) == 8.0
        with Motion.from_segments(segs, rpm=1200.0) as twin:
            theta = interior_angles()
            assert np.array_equal(twin.jerk(theta), m.jerk(theta))
        assert m.displacement(40.0) == pytest.approx(2.0, abs=1e-12)
        assert m.displacement(125.0) == 8.0
        # 3-4-5 at u = 0.5: v = h * 30/16 * du/dt, du/dt = 7200 deg/s / 40 deg
        assert m.velocity(20.0) == pytest.approx(2.0 * 30.0 / 16.0 * 180.0, rel=1e-12)
        a = m.analyze()
        assert a.velocity_violation == (a.max_velocity > 1500.0)
        assert a.acceleration_violation == (a.max_acceleration > 2.0e5)
        assert a.jerk_violation == (a.max_jerk > 5.0e7)


def test_load_shipped_bad(root):
    with pytest.raises(campro.CamproError) as e:
        Motion.load(_shipped(root, "bad_negative_duration.toml"))
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert "rise_duration" in str(e.value) and "-90" in str(e.value)


def _read_table(path, fmt):
    """(time, value) pairs of an exported table."""
    values = []
    for line in path.read_text().splitlines():
        if fmt == "csv":
            if line.startswith("time_s"):
                continue
            values += [float(x) for x in line.split(",")]
        elif fmt == "abaqus":
            if line.startswith("*"):
                continue
            values += [float(x) for x in line.split(",") if x.strip()]
        else:  # LS-DYNA: comment lines start with $, keywords with *; the curve card has 7 fields
            toks = line.split()
            if line.startswith(("$", "*")) or len(toks) != 2:
                continue
            values += [float(x) for x in toks]
    return np.array(values).reshape(-1, 2)


@pytest.mark.skipif(not campro.HAVE_EXPORT_TABLE, reason="library without campro_export_table")
@pytest.mark.parametrize("fmt", ["csv", "abaqus", "lsdyna"])
def test_export_table(tmp_path, motion, fmt):
    out = tmp_path / f"table.{fmt}"
    report = motion.export_table(out, format=fmt, quantity="displacement", tolerance=1e-6)
    table = _read_table(out, fmt)
    if report is not None:
        num_points, max_error = report
        assert num_points == len(table)
        assert 0.0 < max_error <= 1e-6
    assert len(table) > 100
    t, s = table[:, 0], table[:, 1]
    assert t[0] == 0.0 and t[-1] == pytest.approx(0.02, abs=1e-15)  # one revolution
    assert np.all(np.diff(t) > 0)
    np.testing.assert_allclose(s, motion.boundary_conditions(t)[:, 0], rtol=1e-11, atol=1e-11)
    assert s.max() == pytest.approx(10.0, abs=1e-9)
    vel = tmp_path / f"vel.{fmt}"
    motion.export_table(vel, format=campro.EXPORT_FORMATS[fmt], quantity="velocity",
                        t_start=0.005, t_end=0.015)
    table = _read_table(vel, fmt)
    assert table[0, 0] == pytest.approx(0.005) and table[-1, 0] == pytest.approx(0.015)
    np.testing.assert_allclose(table[:, 1], motion.boundary_conditions(table[:, 0])[:, 1],
                               rtol=1e-11, atol=1e-8)
    with pytest.raises(ValueError, match="'xlsx'"):
        motion.export_table(out, format="xlsx")
    with pytest.raises(campro.CamproError) as e:
        motion.export_table(out, format=fmt, t_start=0.01, t_end=0.005)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    with pytest.raises(campro.CamproError) as e:
        motion.export_table(tmp_path / "no-dir" / "x.csv", format=fmt)
    assert e.value.status == campro.STATUS_ERROR_IO


# the lift peak is in the table
    with pytest.raises(ValueError, match="'xlsx'"):
        motion.export_table(out, format="xlsx")


# --------------------------------------------------------------------------- lifetime


def _freed_values(freed, h):
    return [args[0].value for args in freed if args[0].value == h]


def test_context_manager_and_close(monkeypatch):
    freed = _spy(monkeypatch, "campro_motion_free")
    with Motion() as m:
        assert not m.closed
        h = m.handle
        assert h and m.displacement(45.0) == pytest.approx(5.0)
    assert m.closed
    m.close()
    m.close()
    del m
    gc.collect()
    assert _freed_values(freed, h) == [h]  # freed exactly once
    m2 = Motion()
    m2.close()
    for use in (lambda: m2.displacement(1.0), lambda: m2.velocity([1.0, 2.0]),
                lambda: m2.analyze(), lambda: m2.boundary_conditions([0.0]),
                lambda: m2.handle, lambda: m2.__enter__()):
        with pytest.raises(ValueError, match="closed"):
            use()
    assert "closed" in repr(m2)


def test_del_frees(monkeypatch):
    freed = _spy(monkeypatch, "campro_motion_free")
    m = Motion()
    h = m.handle
    del m
    gc.collect()
    assert _freed_values(freed, h) == [h]
    n = len(freed)
    with pytest.raises(campro.CamproError):
        Motion(rise_law=99)  # a failed constructor has nothing to free
    gc.collect()
    assert all(args[0].value for args in freed[n:])


BIG = 100_000  # above the library's parallel threshold: the pool really runs


def test_parallel_large_bitwise(motion):
    theta = np.linspace(-400.0, 800.0, BIG)
    for q in QUANTITIES:
        assert np.array_equal(getattr(motion, q)(theta, parallel=True), getattr(motion, q)(theta))
    k = motion.kinematics(theta)
    ks = motion.kinematics(theta, parallel=False)
    assert all(np.array_equal(a, b) for a, b in zip(k, ks))
    times = np.linspace(0.0, 0.1, BIG)
    assert np.array_equal(motion.boundary_conditions(times),
                          motion.boundary_conditions(times, parallel=False))
    idx = np.arange(0, BIG, 997)
    assert np.array_equal(k[2][idx], [motion.acceleration(x) for x in theta[idx]])


def test_threads_share_a_motion(motion):
    from concurrent.futures import ThreadPoolExecutor

    theta = np.linspace(0.0, 720.0, 20_001)
    want = motion.acceleration(theta)

    def work(i):
        got = motion.acceleration(theta)
        # each thread sees its own error message (the library keeps it per thread)
        bad = np.array([1.0] * i + [np.nan])
        try:
            motion.velocity(bad)
        except campro.CamproError as e:
            return np.array_equal(got, want), f"[{i}]" in str(e)
        return np.array_equal(got, want), False

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(12)))
    assert results == [(True, True)] * 12


def test_set_num_threads(motion):
    motion.velocity(np.linspace(0, 360, BIG), parallel=True)  # the pool is running now
    with pytest.raises(campro.CamproError) as e:
        campro.set_num_threads(1000)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert "1000" in str(e.value)
    if "campro_num_threads" in campro._lib.optional_present:
        n = campro.num_threads()
        assert n >= 1
        campro.set_num_threads(n)  # the running size is accepted
    with pytest.raises(OverflowError, match="-1"):  # out of the C size_t range
        campro.set_num_threads(-1)


def test_set_num_threads_fresh_process():
    code = (
        "import campro, numpy as np\n"
        "campro.set_num_threads(2)\n"
        "m = campro.Motion()\n"
        f"print(round(m.velocity(np.full({BIG}, 45.0), parallel=True)[-1], 6))\n"
        "campro.set_num_threads(2)\n"
        "print(campro.num_threads())\n"
        "try:\n"
        "    campro.set_num_threads(3)\n"
        "except campro.CamproError as e:\n"
        "    print(e.status)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(campro.__file__).parents[1]))
    env.pop("CAMPRO_NUM_THREADS", None)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["4000.0", "2", "2"]


def test_segments_property():
    if "campro_motion_segment" not in campro._lib.optional_present:
        pytest.skip("library without campro_motion_segment")
    with Motion() as m:
        assert m.segments == [("cycloidal", 90.0, 10.0), ("dwell", 45.0, 10.0),
                              ("cycloidal", 90.0, 0.0), ("dwell", 135.0, 0.0)]
    segs = [("polynomial_345", 60.0, 5.0), ("modified_sine", 300.0, 0.0)]
    with Motion.from_segments(segs, rpm=100) as m:
        assert m.segments == segs
        assert m.rpm == 100.0


# --------------------------------------------------------------------------- library lookup


def test_library_lookup_errors(tmp_path):
    env = dict(os.environ, CAMPRO_LIB=str(tmp_path / "nope.so"))
    env["PYTHONPATH"] = str(Path(campro.__file__).parents[1])
    r = subprocess.run([sys.executable, "-c", "import campro"], capture_output=True, text=True,
                       env=env)
    assert r.returncode != 0 and "nope.so" in r.stderr
    # A copy of the package away from the repo and without CAMPRO_LIB names every path tried.
    shutil.copytree(Path(campro.__file__).parent, tmp_path / "pkg" / "campro",
                    ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    env.pop("CAMPRO_LIB")
    env["PYTHONPATH"] = str(tmp_path / "pkg")
    r = subprocess.run([sys.executable, "-c", "import campro"], capture_output=True, text=True,
                       env=env, cwd=tmp_path)
    assert r.returncode != 0
    for part in ("CAMPRO_LIB", str(tmp_path / "pkg" / "campro" / "libcampro.so"),
                 "target/release/libcampro.so", "target/debug/libcampro.so"):
        assert part in r.stderr
    # ... and finds the library when it sits in the package folder.
    shutil.copy(campro.library_path, tmp_path / "pkg" / "campro" / "libcampro.so")
    r = subprocess.run([sys.executable, "-c", "import campro; print(campro.library_path)"],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(tmp_path / "pkg" / "campro" / "libcampro.so")


# --------------------------------------------------------------------------- example


def _run_example(root, tmp_path, *args):
    script = root / "examples" / "python" / "svaj_plot.py"
    env = dict(os.environ, PYTHONPATH=str(Path(campro.__file__).parents[1]), MPLBACKEND="Agg",
               MPLCONFIGDIR=str(tmp_path / "mpl"))
    return subprocess.run([sys.executable, str(script), *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120)


def _check_png(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert 20_000 < len(data) < 5_000_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 600 and height >= 800  # four stacked panels


def test_svaj_example(root, tmp_path):
    out = tmp_path / "plot.png"
    r = _run_example(root, tmp_path, out)
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stdout
    _check_png(out)
    r = _run_example(root, tmp_path)  # default output name in the working directory
    assert r.returncode == 0, r.stderr
    _check_png(tmp_path / "svaj.png")


def test_svaj_example_with_parameter_file(root, tmp_path):
    params = _write_params(tmp_path / "p.toml", rise_law=campro.LAW_POLYNOMIAL_345,
                           rise_duration=120.0, dwell_duration=30.0, fall_duration=100.0)
    out = tmp_path / "plot2.png"
    r = _run_example(root, tmp_path, out, params)
    assert r.returncode == 0, r.stderr
    _check_png(out)
    segments_file = root / "examples" / "params" / "valve_segments.toml"
    if segments_file.is_file():
        r = _run_example(root, tmp_path, tmp_path / "valve.png", segments_file)
        assert r.returncode == 0, r.stderr
        _check_png(tmp_path / "valve.png")
    r = _run_example(root, tmp_path, tmp_path / "x.png", tmp_path / "missing.toml")
    assert r.returncode != 0 and "CAMPRO_ERROR_IO" in r.stderr
