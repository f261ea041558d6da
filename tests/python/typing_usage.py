"""Typical uses of the campro API, checked by `mypy --strict` against the installed package
(tests/python/test_packaging.py): every annotation here must agree with the package's hints."""

from pathlib import Path
from typing import List, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt

import campro

cam = campro.Motion(rpm=6000, rise_law="modified_sine", max_lift=8.0)
lift: float = cam.displacement(45.0)
speed: float = cam.velocity(45, parallel=True)
theta = np.linspace(0.0, 360.0, 3601)
lifts: npt.NDArray[np.float64] = cam.displacement(theta)
jerks: npt.NDArray[np.float64] = cam.jerk([0.0, 90.0])
s, v, a, j = cam.kinematics(theta)
first: npt.NDArray[np.float64] = s
k: Tuple[float, float, float, float] = cam.kinematics(12.5)
bc: npt.NDArray[np.float64] = cam.boundary_conditions(np.linspace(0.0, 0.02, 201))
u_v_a: Tuple[float, float, float] = cam.boundary_condition(0.0025)
report: campro.Analysis = cam.analyze(3600)
peak: float = report.max_velocity
flagged: bool = report.jerk_violation
rpm: float = cam.rpm
period: float = cam.period
segments: List[Tuple[Union[str, int], float, float]] = cam.segments
fn, ctx = cam.time_function("velocity")
context: campro.TimeFunctionContext = ctx
closed: bool = cam.closed
cam.close()

with campro.Motion.from_segments([("cycloidal", 180.0, 10.0), ("cycloidal", 180, 0)], rpm=600) as m:
    table: Optional[Tuple[int, float]] = m.export_table(Path("cam.csv"), format="csv")
loaded = campro.Motion.load("cam.toml")
params = campro.default_parameters()
rise: Union[float, int] = params["rise_law"]
code: int = campro.law_code("cycloidal")
name: str = campro.status_name(campro.STATUS_ERROR_IO)
message: str = campro.last_error_message()
campro.set_num_threads(0)
threads: int = campro.num_threads()
version: str = campro.__version__ + campro.version()
try:
    campro.Motion(rise_law=99)
except campro.CamproError as e:
    status: int = e.status
    text: str = e.message

# --- follower dynamics (0.2) ---
follower = campro.FollowerDynamics(mass=0.0657, spring_rate=20.0, spring_preload=250.0)
loaded_follower: Optional[campro.FollowerDynamics] = campro.FollowerDynamics.load("cam.toml")
with campro.Motion() as dm:
    force: float = dm.contact_force(67.5, follower)
    torques: npt.NDArray[np.float64] = dm.cam_torque(np.linspace(0.0, 360.0, 10), follower)
    dynamics_report: campro.DynamicsReport = dm.dynamics_check(follower, 3600)
    jump: float = dynamics_report.jump_rpm
    separated: bool = dynamics_report.separation
    sized: campro.SpringSizing = dm.size_spring(follower, 12.5, 6000.0, safety_factor=1.2)
    preload: float = dm.size_preload(follower, 6000.0).spring_preload
    limit: campro.SpeedLimit = dm.max_rpm_within_limits(100.0, 500.0, 1000.0)
    limited_by: str = limit.limited_by
