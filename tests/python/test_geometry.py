"""The cam geometry through Python: the numbers the Rust tests pin (tests/geometry.rs),
invariants, every bad field rejected with a message naming it, the profile files (the DXF read
back by ezdxf, an independent reader)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import campro
from campro import CamproError, Follower

REF_AT_50 = [
    [3.13388959000425871e1, 1.84117236715577661e1, 3.51970476887472685e1, 2.30067932874955758e1,
     9.98221993832381393e0, 2.78375979385535786e1],
    [-4.32520117472200667e1, 2.01729686010548335e1, -3.53145703235720703e1, 2.96324429336934365e1, 0.0,
     3.73904260884637480e1],
    [3.62507499836584373e1, -2.33817327225235871e0, 4.10773230189457337e1, -1.03272594086068281e0,
     1.83322924622537791e1, 2.81424626363164663e1],
]

ROLLER = Follower.translating_roller(30.0, 6.0, 5.0)
FLAT_CW = Follower.translating_flat(40.0, rotation=-1)
ARM = Follower.oscillating_roller(30.0, 5.0, 60.0, 45.0)


def ulp4(got: float, want: float) -> bool:
    return abs(got - want) <= 4 * np.finfo(float).eps * abs(want)


@pytest.fixture()
def motion():
    with campro.Motion() as m:
        yield m


def test_reference_values_match_every_language(motion):
    for f, want in zip((ROLLER, FLAT_CW, ARM), REF_AT_50):
        p = motion.profile(50.0, f)
        got = [float(v) for v in p]
        assert all(ulp4(g, w) for g, w in zip(got, want)), (f, got, want)
    r = motion.geometry_check(ROLLER)
    assert ulp4(r.max_pressure_angle, 2.37487283351186917e1)
    assert ulp4(r.min_convex_radius, 2.23159276674861431e1)
    assert math.isinf(r.min_concave_radius) and math.isnan(r.min_concave_radius_at)
    assert not r.undercut and math.isnan(r.undercut_at)
    r = motion.geometry_check(FLAT_CW)
    assert ulp4(r.min_convex_radius, 2.35736872135095368e1) and ulp4(r.face_width, 2.54647908947032526e1)
    r = motion.geometry_check(ARM)
    assert ulp4(r.max_pressure_angle, 1.87809337276877280e1)
    assert ulp4(motion.min_base_circle(ROLLER, 30.0, 2.0), 2.06430697082036261e1)
    assert ulp4(motion.min_base_circle(ARM, 30.0, 2.0), 2.36723727556931394e1)


def test_profile_arrays_keep_the_input_shape_and_the_invariants(motion):
    theta = np.linspace(0.0, 360.0, 721).reshape(7, 103)
    p = motion.profile(theta, ROLLER)
    assert isinstance(p, campro.Profile)
    assert all(a.shape == theta.shape for a in p)
    gap = np.hypot(p.pitch_x - p.x, p.pitch_y - p.y)
    assert np.max(np.abs(gap - 6.0)) < 1e-12
    dwell = (theta > 230) & (theta < 359)
    assert np.max(np.abs(np.hypot(p.x, p.y)[dwell] - 30.0)) < 1e-12
    # The same numbers one by one.
    one = motion.profile(theta[3, 5], ROLLER)
    assert float(one.x) == p.x[3, 5] and float(one.radius_of_curvature) == p.radius_of_curvature[3, 5]
    # Curvature against finite differences of the profile.
    t = np.linspace(10.0, 80.0, 71)
    h = 1e-3
    a, b, c = motion.profile(t - h, ROLLER), motion.profile(t, ROLLER), motion.profile(t + h, ROLLER)
    dx, dy = (c.x - a.x) / (2 * h), (c.y - a.y) / (2 * h)
    ddx, ddy = (c.x - 2 * b.x + a.x) / h**2, (c.y - 2 * b.y + a.y) / h**2
    fd = -((dx * dx + dy * dy) ** 1.5) / (dx * ddy - dy * ddx)
    assert np.max(np.abs(fd - b.radius_of_curvature) / np.abs(b.radius_of_curvature)) < 2e-5


def test_a_non_finite_angle_raises(motion):
    with pytest.raises(CamproError) as e:
        motion.profile([1.0, float("nan")], ROLLER)
    assert e.value.status == campro.STATUS_ERROR_NON_FINITE_INPUT
    assert "theta_deg[1]" in str(e.value)


@pytest.mark.parametrize(
    "follower, field",
    [
        (Follower(kind=7, base_circle_radius=30.0), "kind = 7"),
        (Follower(base_circle_radius=30.0, rotation=0), "rotation = 0"),
        (Follower.translating_roller(0.0, 6.0), "base_circle_radius"),
        (Follower.translating_roller(float("nan"), 6.0), "base_circle_radius"),
        (Follower.translating_roller(30.0, -1.0), "roller_radius"),
        (Follower.translating_roller(30.0, 6.0, 40.0), "offset"),
        (Follower.oscillating_roller(30.0, 5.0, -60.0, 45.0), "pivot_distance"),
        (Follower.oscillating_roller(30.0, 5.0, 60.0, float("inf")), "arm_length"),
        (Follower.oscillating_roller(30.0, 5.0, 200.0, 45.0), "base_circle_radius"),
    ],
)
def test_every_bad_field_is_rejected_naming_it(motion, follower, field):
    for call in (
        lambda: motion.profile([10.0], follower),
        lambda: motion.geometry_check(follower),
    ):
        with pytest.raises(CamproError) as e:
            call()
        assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
        assert field in str(e.value)


def test_bad_arguments(motion):
    with pytest.raises(ValueError, match="unknown follower kind"):
        motion.profile([1.0], Follower(kind="spring"))
    with pytest.raises(CamproError, match="num_points"):
        motion.geometry_check(ROLLER, 3)
    with pytest.raises(CamproError, match="max_pressure_angle_deg"):
        motion.min_base_circle(ROLLER, 0.0)
    with pytest.raises(ValueError, match="profile format"):
        motion.export_profile("cam.txt", ROLLER)
    with pytest.raises(CamproError, match="tolerance_mm"):
        motion.export_profile("cam.csv", ROLLER, tolerance_mm=-1.0)


def test_undercut_is_detected_and_sizing_removes_it():
    segments = [("cycloidal", 40.0, 20.0), ("dwell", 20.0, 20.0), ("cycloidal", 40.0, 0.0), ("dwell", 260.0, 0.0)]
    with campro.Motion.from_segments(segments, rpm=1000.0) as m:
        f = Follower.translating_roller(15.0, 12.0)
        r = m.geometry_check(f)
        assert r.undercut and 0.0 < r.undercut_at < 100.0 and r.min_convex_radius == 0.0
        rb = m.min_base_circle(f)
        assert not m.geometry_check(Follower.translating_roller(rb, 12.0)).undercut
        assert m.geometry_check(Follower.translating_roller(rb * (1 - 1e-6), 12.0)).undercut


def test_the_dxf_reads_back_in_ezdxf_as_the_csv_profile(motion, tmp_path):
    import ezdxf
    for f in (ROLLER, FLAT_CW, ARM):
        dxf, csv, inp = tmp_path / "cam.dxf", tmp_path / "cam.csv", tmp_path / "cam_surface.inp"
        motion.export_profile(dxf, f, tolerance_mm=0.005)
        motion.export_profile(csv, f, tolerance_mm=0.005)
        motion.export_profile(inp, f, tolerance_mm=0.005)
        doc = ezdxf.readfile(str(dxf))
        auditor = doc.audit()
        assert not auditor.has_errors, [str(e) for e in auditor.errors]
        polylines = list(doc.modelspace().query("LWPOLYLINE"))
        assert len(polylines) == 1
        poly = polylines[0]
        assert poly.closed and poly.dxf.layer == "CAM"
        assert doc.layers.has_entry("CAM")
        xy = np.array([(p[0], p[1]) for p in poly.get_points("xy")])
        table = np.loadtxt(csv, delimiter=",", skiprows=1)
        assert np.array_equal(table[0], table[-1])
        assert xy.shape == table[:-1].shape
        assert np.max(np.abs(xy - table[:-1])) < 1e-9
        # Every vertex is on the surface: at the base-circle radius during the lift-0 dwell,
        # and never inside the base circle.
        r = np.hypot(xy[:, 0], xy[:, 1])
        assert np.min(r) > f.base_circle_radius - 1e-9
        # Clockwise (negative shoelace area) and the Abaqus surface lists the same points.
        area = 0.5 * np.sum(xy[:, 0] * np.roll(xy[:, 1], -1) - np.roll(xy[:, 0], -1) * xy[:, 1])
        assert area < 0
        rows = [line for line in inp.read_text().splitlines() if line.startswith(("START", "LINE"))]
        assert len(rows) == len(xy) + 1
        start = np.array([float(v) for v in rows[0].split(",")[1:]])
        assert np.max(np.abs(start - xy[0])) < 1e-9 * 50
