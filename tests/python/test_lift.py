"""Motion.from_lift_table and Motion.with_speed_profile (issue 11) against closed forms, finite
differences and, for the spline itself, scipy as an independent oracle."""

import math
import os

import numpy as np
import pytest

import campro
from campro import CamproError, Motion

DEG = math.pi / 180.0
HARMONICS = [(1.0, 4.0, 0.3), (2.0, -1.5, 1.1), (3.0, 0.7, -0.4), (5.0, 0.2, 2.0)]


def harmonics(theta, derivative=0):
    """The smooth periodic lift of the Rust and C tests (mm) or its derivative per degree^k."""
    theta = np.asarray(theta, dtype=np.float64)
    total = np.full_like(theta, 5.0 if derivative == 0 else 0.0)
    for k, a, phase in HARMONICS:
        total += a * (k * DEG) ** derivative * np.sin(k * DEG * theta + phase + derivative * math.pi / 2)
    return total


def uneven(n, start=-17.0):
    i = np.arange(n, dtype=np.float64)
    return start + 360.0 * (i + 0.25 * np.sin(2.3 * i)) / n


def test_interpolation_is_exact_at_the_points_and_converges_at_order_six():
    errors = []
    for n in (45, 90, 180):
        theta = uneven(n)
        m = Motion.from_lift_table(theta, harmonics(theta), rpm=3000.0)
        assert np.max(np.abs(m.displacement(theta) - harmonics(theta))) <= 1e-12 * 11.5
        probe = np.linspace(-30.0, 400.0, 4001)
        errors.append(np.max(np.abs(m.displacement(probe) - harmonics(probe))))
        assert m.segments == []
        assert m.lift_table[0].tolist() == theta.tolist()
    slopes = [math.log2(errors[i] / errors[i + 1]) for i in range(2)]
    assert all(5.3 < s < 7.0 for s in slopes), (errors, slopes)


def test_derivatives_follow_the_curve_and_the_rpm():
    theta = np.arange(0.0, 360.0, 2.0)
    m = Motion.from_lift_table(theta, harmonics(theta), rpm=1200.0)
    probe = np.linspace(0.0, 359.0, 719)
    dps = 1200.0 * 6.0
    assert np.allclose(m.velocity(probe), harmonics(probe, 1) * dps, rtol=0, atol=1e-6 * dps)
    assert np.allclose(m.acceleration(probe), harmonics(probe, 2) * dps**2, rtol=0, atol=1e-5 * dps**2 * DEG**2 * 100)


def test_jerk_is_continuous_at_every_knot_and_across_the_wrap():
    theta = uneven(72, start=3.0)
    m = Motion.from_lift_table(theta, harmonics(theta), rpm=3000.0)
    knots = np.mod(theta, 360.0)
    eps = 1e-7
    left, right = m.jerk(knots - eps), m.jerk(knots + eps)
    scale = np.max(np.abs(m.jerk(np.linspace(0, 360, 3601))))
    assert np.max(np.abs(left - right)) <= 1e-5 * scale
    assert abs(m.displacement(360.0 - 1e-12) - m.displacement(0.0)) <= 1e-10


def test_scipy_periodic_quintic_is_the_same_spline():
    if os.environ.get("CAMPRO_TEST_INSTALLED") == "1":
        import scipy.interpolate as si  # the wheel pass's venv has scipy: it must be there
    else:
        si = pytest.importorskip("scipy.interpolate")
    theta = uneven(40, start=0.0)
    rng = np.random.default_rng(7)
    lift = harmonics(theta) + rng.normal(0.0, 0.3, theta.size)  # not smooth: the spline itself matters
    m = Motion.from_lift_table(theta, lift, rpm=3000.0)
    x = np.append(theta, theta[0] + 360.0)
    y = np.append(lift, lift[0])
    oracle = si.make_interp_spline(x, y, k=5, bc_type="periodic")
    probe = np.linspace(theta[0], theta[0] + 360.0, 5001)[:-1]
    dps = 3000.0 * 6.0
    scale = np.max(np.abs(lift))
    assert np.max(np.abs(m.displacement(probe) - oracle(probe))) <= 1e-10 * scale
    for k, (name, unit) in enumerate((("velocity", dps), ("acceleration", dps**2), ("jerk", dps**3)), start=1):
        ours = getattr(m, name)(probe)
        theirs = oracle(probe, nu=k) * unit
        assert np.max(np.abs(ours - theirs)) <= 1e-8 * np.max(np.abs(theirs)), name


def test_smoothing_recovers_the_curve_better_than_the_noise():
    theta = np.arange(0.0, 360.0, 1.0)
    truth = harmonics(theta)
    sigma = 0.05
    noisy = truth + np.random.default_rng(11).normal(0.0, sigma, theta.size)
    m = Motion.from_lift_table(theta, noisy, rpm=3000.0, smoothing=sigma)
    fit = m.displacement(theta)
    assert abs(np.sqrt(np.mean((fit - noisy) ** 2)) / sigma - 1.0) <= 1e-6  # the RMS asked for
    assert np.sqrt(np.mean((fit - truth) ** 2)) < 0.5 * sigma
    flat = Motion.from_lift_table(theta, noisy, rpm=3000.0, smoothing=100.0)
    assert flat.displacement(17.0) == pytest.approx(np.mean(noisy), abs=1e-12)
    assert flat.velocity(17.0) == 0.0


@pytest.mark.parametrize(
    "theta, lift, rpm, smoothing, fragment",
    [
        (np.arange(7.0), np.zeros(7), 3000.0, 0.0, "n = 7"),
        (np.arange(8.0), np.zeros(9), 3000.0, 0.0, "lift_mm.len = 9"),
        ([0, 1, 2, 2, 4, 5, 6, 7], np.zeros(8), 3000.0, 0.0, "theta_deg[3] = 2: the angles must increase strictly"),
        ([0, 1, 2, 3, 4, 5, 6, 360], np.zeros(8), 3000.0, 0.0, "theta_deg[7] = 360"),
        (np.arange(8.0), [0, 0, np.nan, 0, 0, 0, 0, 0], 3000.0, 0.0, "lift_mm[2] = NaN"),
        ([0, 1, np.inf, 3, 4, 5, 6, 7], np.zeros(8), 3000.0, 0.0, "theta_deg[2] = inf"),
        (np.arange(8.0), np.zeros(8), 3000.0, -1.0, "smoothing = -1"),
        (np.arange(8.0), np.zeros(8), -5.0, 0.0, "rpm = -5"),
    ],
)
def test_bad_lift_tables_are_named(theta, lift, rpm, smoothing, fragment):
    with pytest.raises(CamproError) as info:
        Motion.from_lift_table(theta, lift, rpm, smoothing)
    assert info.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert fragment in str(info.value)


def test_a_speed_ramp_follows_the_chain_rule_and_finite_differences():
    base = Motion()
    ramp = base.with_speed_profile([0.0, 1.0], [0.0, 6000.0])  # theta = 18000 t^2 deg
    t = np.linspace(0.003, 0.997, 331)
    bc = ramp.boundary_conditions(t)
    angle = 18000.0 * t * t
    k = base.kinematics(angle)
    rho, q = 2.0 * t, 2.0
    assert np.allclose(bc[:, 0], k[0], rtol=0, atol=1e-9)
    assert np.allclose(bc[:, 1], k[1] * rho, rtol=1e-9, atol=1e-9)
    assert np.allclose(bc[:, 2], k[2] * rho**2 + k[1] * q, rtol=1e-9, atol=1e-6)
    h = 1e-6
    for ti in (0.31, 0.52, 0.77):
        fd_v = (ramp.boundary_condition(ti + h)[0] - ramp.boundary_condition(ti - h)[0]) / (2 * h)
        fd_a = (ramp.boundary_condition(ti + h)[1] - ramp.boundary_condition(ti - h)[1]) / (2 * h)
        v, a = ramp.boundary_condition(ti)[1:]
        assert fd_v == pytest.approx(v, rel=1e-5, abs=1e-3)
        assert fd_a == pytest.approx(a, rel=1e-4, abs=1.0)
    assert ramp.rpm == 3000.0 and ramp.rpm_at_time(0.25) == 1500.0 and ramp.rpm_at_time(9.0) == 6000.0
    assert ramp.displacement(33.0) == base.displacement(33.0)
    assert np.array_equal(ramp.boundary_conditions(t, parallel=False), bc)


def test_a_lift_table_runs_up_and_keeps_its_points():
    theta = np.arange(0.0, 360.0, 5.0)
    m = Motion.from_lift_table(theta, harmonics(theta), rpm=3000.0).with_speed_profile([0.0, 2.0], [600.0, 3000.0])
    assert m.lift_table is not None and m.lift_table[1].tolist() == harmonics(theta).tolist()
    # at t = 1 s: rpm 1800, turns = (600 + 1800) / 2 / 60 = 20 exactly, so angle 0
    d, v, a = m.boundary_condition(1.0)
    assert d == pytest.approx(harmonics(0.0), abs=1e-9)
    assert v == pytest.approx(harmonics(0.0, 1) * 1800 * 6, rel=1e-5)  # 5-degree spacing


@pytest.mark.parametrize(
    "times, rpms, fragment",
    [
        ([], [], "n = 0"),
        ([0.0, 1.0], [1.0], "rpm.len = 1"),
        ([0.0, 0.0], [1.0, 2.0], "time_s[1] = 0: the times must increase strictly"),
        ([0.0, math.nan], [1.0, 2.0], "time_s[1] = NaN"),
        ([0.0, 1.0], [1.0, math.inf], "rpm[1] = inf"),
        ([0.0, 1.0], [-2e6, 1.0], "rpm[0] = -2000000"),
    ],
)
def test_bad_speed_profiles_are_named(times, rpms, fragment):
    with Motion() as m:
        with pytest.raises(CamproError) as info:
            m.with_speed_profile(times, rpms)
    assert info.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    assert fragment in str(info.value)
