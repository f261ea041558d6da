"""Motion.displacement_time_integrals (campro_displacement_time_integrals) against the default
cam's closed form (cycloidal rise 10 mm over 90 deg, dwell 45, cycloidal fall 90, 3000 rpm), the
same numbers as tests/integral.rs and tests/c/test_integral.c."""
import math

import pytest

import campro

H = 10.0


def rise(tau, tr):
    w = 2 * math.pi / tr
    i = H * (tau * tau / (2 * tr) + tr / (4 * math.pi**2) * (math.cos(w * tau) - 1))
    d = H * (tau**3 / (6 * tr) + tr / (4 * math.pi**2) * (math.sin(w * tau) / w - tau))
    return i, d


def exact(t):
    durations = [90 / 18000, 45 / 18000, 90 / 18000, 135 / 18000]
    i = d = start = 0.0
    while True:
        for k, duration in enumerate(durations):
            tau = min(t - start, duration)
            if k == 0:
                li, ld = rise(tau, duration)
            elif k == 1:
                li, ld = H * tau, H * tau * tau / 2
            elif k == 2:
                ri, rd = rise(tau, duration)
                li, ld = H * tau - ri, H * tau * tau / 2 - rd
            else:
                li, ld = 0.0, 0.0
            if t - start <= duration:
                return i + li, d + i * tau + ld
            d += i * duration + ld
            i += li
            start += duration


@pytest.mark.parametrize("t0,t1", [(0.0, 0.02), (0.0031, 0.0031 + 1e-5), (0.0012, 0.0177), (0.013, 0.061), (0.03, 0.021)])
def test_integrals_match_the_closed_form(t0, t1):
    motion = campro.Motion()
    integral, double_integral = motion.displacement_time_integrals(t0, t1)
    i0, d0 = exact(t0)
    i1, d1 = exact(t1)
    scale = H * (0.02 + abs(t1 - t0))
    assert abs(integral - (i1 - i0)) <= 1e-13 * scale
    assert abs(double_integral - (d1 - d0 - i0 * (t1 - t0))) <= 1e-13 * scale * scale


def test_bad_time_raises():
    with pytest.raises(campro.CamproError) as info:
        campro.Motion().displacement_time_integrals(float("nan"), 1.0)
    assert "t0_s" in str(info.value)
