"""Follower dynamics from Python: the cross-language reference values of tests/dynamics.rs, the
contact force and torque against NumPy's own closed forms, the jump speed against a bisection,
sized springs re-checked, every bad input named."""

import math

import numpy as np
import pytest

import campro

# tests/dynamics.rs REFERENCE: examples/params/valve_dynamics.toml, 3600 angles.
REFERENCE = [
    273.9088787456995,
    4229.385021629543,
    250.0,
    450.0,
    4929.575044716784,
    38.95104300129222,
    1958.1104703509538,
    6529677711.243186,
    4772.88279165222,
    37.6972625677634,
    471.2157820970425,
    629.6201087236304,
    20.447396260519785,
]


@pytest.fixture
def valve(root):
    path = root / "examples" / "params" / "valve_dynamics.toml"
    with campro.Motion.load(path) as m:
        yield m, campro.FollowerDynamics.load(path)


def test_reference_values(valve):
    m, d = valve
    assert d == campro.FollowerDynamics(0.0657, 20.0, 250.0, 0.0036, 0.0)
    r = m.dynamics_check(d, 3600)
    spring = m.size_spring(d, 12.5, 6000.0, 1.2, 3600)
    preload = m.size_preload(d, 6000.0, 1.2, 3600)
    limit = m.max_rpm_within_limits(100.0, 500.0, 1000.0, 3600)
    got = [m.contact_force(67.5, d), m.cam_torque(30.0, d), r.min_contact_force,
           r.max_contact_force, r.max_torque, r.max_torque_at, r.rms_torque, r.max_power_factor,
           r.jump_rpm, spring.spring_rate, spring.spring_preload, preload.spring_preload,
           limit.max_rpm]
    np.testing.assert_allclose(got, REFERENCE, rtol=4 * np.finfo(float).eps, atol=0)
    assert r.separation is False
    assert limit.limited_by == "jerk"


def test_files_without_dynamics(root):
    assert campro.FollowerDynamics.load(root / "examples" / "params" / "camprov5_defaults.toml") is None
    with pytest.raises(campro.CamproError) as e:
        campro.FollowerDynamics.load("/nonexistent/cam.toml")
    assert e.value.status == campro.STATUS_ERROR_IO


def cycloid(theta, rpm):
    """The default cam's cycloidal rise: s, v, a (h = 10 mm over 90 deg)."""
    u, r = theta / 90.0, rpm / 15.0
    x = 2 * np.pi * u
    return 10 * (u - np.sin(x) / (2 * np.pi)), 10 * (1 - np.cos(x)) * r, 10 * 2 * np.pi * np.sin(x) * r * r


def test_arrays_match_the_closed_form_and_keep_their_shape():
    d = campro.FollowerDynamics(mass=0.2, spring_rate=15.0, spring_preload=100.0, damping=0.01,
                                external_force=-3.0)
    with campro.Motion(rpm=2400) as m:
        theta = np.linspace(0.5, 89.5, 60).reshape(3, 20)
        s, v, a = cycloid(theta, 2400)
        force = 0.2 * a * 1e-3 + 0.01 * v + 15.0 * s + 100.0 - 3.0
        w = 2400 * 2 * np.pi / 60
        f = m.contact_force(theta, d)
        t = m.cam_torque(theta, d)
        assert f.shape == (3, 20) and t.shape == (3, 20)
        np.testing.assert_allclose(f, force, rtol=1e-12)
        np.testing.assert_allclose(t, force * v / w, rtol=1e-12)
        # Scalars are floats and equal the array elements bit for bit.
        assert isinstance(m.contact_force(theta[1, 3], d), float)
        assert m.contact_force(float(theta[1, 3]), d) == f[1, 3]
        assert m.cam_torque(np.float64(theta[2, 7]), d) == t[2, 7]
        # Lists are arrays.
        assert m.contact_force([100.0, 300.0], d).tolist() == [15.0 * 10 + 97.0, 97.0]


def test_jump_speed_against_bisection():
    # Rise 90 deg, fall 120 deg: the rise loses contact first. Without damping, r^2 = min over
    # u in (1/2, 1) of (k s + F0) / (-m 1e-3 a), solved here by bisection on its derivative.
    k, f0, mass = 20.0, 250.0, 0.0657
    lo, hi = 0.5 + 1e-12, 1.0 - 1e-12
    for _ in range(200):
        u = 0.5 * (lo + hi)
        x = 2 * math.pi * u
        phi = k * 10 * (1 - math.cos(x)) * -math.sin(x) - (k * 10 * (u - math.sin(x) / (2 * math.pi)) + f0) * (
            -2 * math.pi * math.cos(x))
        lo, hi = (u, hi) if phi < 0 else (lo, u)
    u = 0.5 * (lo + hi)
    n = k * 10 * (u - math.sin(2 * math.pi * u) / (2 * math.pi)) + f0
    den = -mass * 1e-3 * 2 * math.pi * 10 * 200.0**2 * math.sin(2 * math.pi * u)
    jump = 3000 * math.sqrt(n / den)
    d = campro.FollowerDynamics(mass, k, f0)
    with campro.Motion(fall_duration=120) as m:
        assert m.dynamics_check(d, 360).jump_rpm == pytest.approx(jump, rel=1e-12)
    for factor, separates in ((1 + 1e-9, True), (1 - 1e-9, False)):
        with campro.Motion(fall_duration=120, rpm=jump * factor) as m:
            assert m.dynamics_check(d).separation is separates


def test_sized_spring_holds_and_fails_a_hair_below():
    d = campro.FollowerDynamics(0.0657, 20.0, 250.0, 0.0036)
    with campro.Motion() as m:
        s = m.size_spring(d, 12.5, 6000.0)
    assert s.spring_preload == 12.5 * s.spring_rate
    with campro.Motion(rpm=s.critical_rpm) as fast:
        holds = campro.FollowerDynamics(d.mass, s.spring_rate, s.spring_preload, d.damping)
        k = s.spring_rate * (1 - 1e-9)
        fails = campro.FollowerDynamics(d.mass, k, 12.5 * k, d.damping)
        assert fast.dynamics_check(holds).separation is False
        assert fast.dynamics_check(fails).separation is True


def test_speed_limit_of_the_default_cam():
    with campro.Motion() as m:
        limit = m.max_rpm_within_limits(100.0, 500.0, 1000.0)
        jerk = 4 * math.pi**2 * 10 * 200.0**3
        assert limit.max_rpm == pytest.approx(3000 * (1000 / jerk) ** (1 / 3), rel=1e-14)
        assert (limit.rpm_by_velocity, limit.limited_by) == (75.0, "jerk")
        none = m.max_rpm_within_limits()
        assert math.isinf(none.max_rpm) and none.limited_by == "none"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("mass", -1.0, "mass = -1: must be finite and > 0 kg"),
        ("mass", float("nan"), "mass = NaN: must be finite and > 0 kg"),
        ("spring_rate", -2.0, "spring_rate = -2: must be finite and >= 0 N/mm"),
        ("spring_preload", float("inf"), "spring_preload = inf: must be finite and >= 0 N"),
        ("damping", -0.5, "damping = -0.5: must be finite and >= 0 N*s/mm"),
        ("external_force", float("nan"), "external_force = NaN: must be finite N"),
    ],
)
def test_every_bad_follower_is_named(field, value, message):
    values = dict(mass=0.1, spring_rate=10.0, spring_preload=100.0, damping=0.01, external_force=0.0)
    values[field] = value
    bad = campro.FollowerDynamics(**values)
    with campro.Motion() as m:
        for call in (lambda: m.contact_force(10.0, bad), lambda: m.cam_torque([1.0, 2.0], bad),
                     lambda: m.dynamics_check(bad), lambda: m.size_preload(bad, 6000.0)):
            with pytest.raises(campro.CamproError) as e:
                call()
            assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
            assert e.value.message == message


def test_bad_arguments():
    d = campro.FollowerDynamics(0.1, 10.0, 100.0)
    with campro.Motion() as m:
        with pytest.raises(campro.CamproError) as e:
            m.contact_force(np.array([1.0, np.nan, 3.0]), d)
        assert e.value.status == campro.STATUS_ERROR_NON_FINITE_INPUT
        assert np.isnan(e.value.result[1]) and np.isfinite(e.value.result[[0, 2]]).all()
        with pytest.raises(campro.CamproError, match="theta_deg"):
            m.cam_torque(float("inf"), d)
        with pytest.raises(campro.CamproError, match=r"safety_factor = 0.5: must be finite and within \[1, 1000\]"):
            m.size_spring(d, 1.0, 6000.0, 0.5)
        with pytest.raises(campro.CamproError, match="num_points = 0: must be > 0"):
            m.dynamics_check(d, 0)
        with pytest.raises(OverflowError):
            m.dynamics_check(d, -1)
        with pytest.raises(TypeError, match="campro.FollowerDynamics"):
            m.contact_force(1.0, {"mass": 1.0})
        with pytest.raises(campro.CamproError, match="velocity_limit = -1"):
            m.max_rpm_within_limits(-1.0)
