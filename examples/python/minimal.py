"""minimal.py - the smallest useful campro program in Python (README.md)."""

import numpy as np

import campro

cam = campro.Motion(rpm=6000, rise_law="modified_sine")  # the default cam, faster, other rise law
u = cam.displacement(np.linspace(0, 360, 3601))  # ndarray, zero-copy for float64 input
bc = cam.boundary_conditions(np.linspace(0, 0.02, 201))  # shape (201, 3): u, v, a at each time
a = cam.analyze(3600)
print(f"max lift {u.max():.6f} mm; at t = 1 ms: u = {bc[10, 0]:.6f} mm, v = {bc[10, 1]:.3f} mm/s")
print(f"peak velocity {a.max_velocity:.3f} mm/s, peak acceleration {a.max_acceleration:.6e} mm/s^2")
