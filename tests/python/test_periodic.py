"""The Abaqus periodic amplitude (campro_export_table with format "abaqus-periodic"): the written
*AMPLITUDE, DEFINITION=PERIODIC file is parsed here and its Fourier series summed with NumPy,
independently of campro's own summation, against campro's exact motion over several periods."""
import numpy as np
import pytest

import campro


def parse_periodic(path):
    """(name, N, omega, t0, A0, A, B) from an Abaqus PERIODIC amplitude include file."""
    lines = [l.strip() for l in open(path) if l.strip() and not l.startswith("**")]
    keyword = lines[0].upper()
    assert keyword.startswith("*AMPLITUDE") and "DEFINITION=PERIODIC" in keyword, keyword
    assert "TIME=TOTAL TIME" in keyword
    name = [p.split("=")[1] for p in keyword.split(",") if p.strip().startswith("NAME=")][0]
    first = [float(x) for x in lines[1].split(",")]
    assert len(first) == 4
    n, omega, t0, a0 = int(first[0]), first[1], first[2], first[3]
    values = []
    for line in lines[2:]:
        fields = [float(x) for x in line.split(",")]
        assert 1 <= len(fields) <= 8, "at most eight values a data line"
        values.extend(fields)
    assert len(values) == 2 * n
    return name, n, omega, t0, a0, np.array(values[0::2]), np.array(values[1::2])


def series(t, omega, t0, a0, a, b):
    k = np.arange(1, len(a) + 1)
    phase = np.outer(t - t0, k) * omega
    return a0 + np.cos(phase) @ a + np.sin(phase) @ b


@pytest.mark.parametrize(
    "quantity,tolerance,column", [("displacement", 1e-6, 0), ("displacement", 1e-3, 0), ("velocity", 1.0, 1)]
)
def test_written_series_within_tolerance(tmp_path, quantity, tolerance, column):
    motion = campro.Motion()
    path = tmp_path / "cam_periodic.inp"
    report = motion.export_table(path, format="abaqus-periodic", quantity=quantity, tolerance=tolerance)
    name, n, omega, t0, a0, a, b = parse_periodic(path)
    assert name == "CAM" and t0 == 0.0
    if report is not None:
        assert report[0] == n and report[1] <= tolerance
    assert omega == pytest.approx(2 * np.pi * motion.rpm / 60, rel=1e-15)
    # Three periods, a grid unrelated to campro's own check (and far into a run: 1000 turns on).
    period = motion.period
    for start in (0.0, 1000 * period):
        t = start + np.linspace(0.0, 3 * period, 30011)
        exact = motion.boundary_conditions(t)[:, column]
        error = np.max(np.abs(series(t, omega, t0, a0, a, b) - exact))
        assert error <= tolerance * (1 + 1e-6) + 1e-9 * start, (quantity, n, error)
    # The fewest terms: dropping the last one misses the tolerance somewhere, but for the 1% margin
    # campro keeps for harmonics it did not compute (see src/table/periodic.rs).
    t = np.linspace(0.0, period, 40013)
    exact = motion.boundary_conditions(t)[:, column]
    fewer = np.max(np.abs(series(t, omega, t0, a0, a[:-1], b[:-1]) - exact))
    assert fewer > 0.99 * tolerance, (quantity, n, fewer)


def test_refuses_what_no_series_reaches(tmp_path):
    shm = campro.Motion(rise_law="simple_harmonic", fall_law="simple_harmonic")
    with pytest.raises(campro.CamproError) as info:
        shm.export_table(tmp_path / "x.inp", format="abaqus-periodic", quantity="acceleration", tolerance=1.0)
    assert "use a table" in str(info.value)
    assert not (tmp_path / "x.inp").exists()
