"""Cams from lift tables and variable cam speed (0.2): the ctypes calls behind
``Motion.from_lift_table``, ``Motion.with_speed_profile`` and ``Motion.rpm_at_time``."""

from __future__ import annotations

from ctypes import byref, c_void_p
from typing import Any, Tuple

import numpy as np
import numpy.typing as npt

from . import _lib
from .errors import CamproError, STATUS_ERROR_INVALID_PARAMETER, check

FloatArray = npt.NDArray[np.float64]

#: fewest and most points of a lift table, most points of a speed profile
MIN_LIFT_TABLE_POINTS = 8
MAX_LIFT_TABLE_POINTS = 100_000
MAX_SPEED_POINTS = 1_000_000


def _require(name: str) -> Any:
    if name not in _lib.optional_present:
        raise NotImplementedError(f"this libcampro has no {name}")
    return getattr(_lib.lib, name)


def _pair(a: npt.ArrayLike, b: npt.ArrayLike, names: Tuple[str, str]) -> Tuple[FloatArray, FloatArray]:
    """Two 1-D float64 C-contiguous copies of equal length (a copy: the Motion keeps them)."""
    x = np.array(a, dtype=np.float64, order="C", ndmin=1)
    y = np.array(b, dtype=np.float64, order="C", ndmin=1)
    for arr, name in ((x, names[0]), (y, names[1])):
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional (got shape {arr.shape})")
    if x.size != y.size:
        raise CamproError(
            STATUS_ERROR_INVALID_PARAMETER,
            f"{names[1]}.len = {y.size}: must equal the number of {names[0]} ({x.size})",
        )
    return x, y


def from_lift_table(
    theta_deg: npt.ArrayLike, lift_mm: npt.ArrayLike, rpm: float, smoothing: float
) -> Tuple[c_void_p, FloatArray, FloatArray]:
    """campro_motion_from_lift_table: the new handle and the (copied) points."""
    fn = _require("campro_motion_from_lift_table")
    theta, lift = _pair(theta_deg, lift_mm, ("theta_deg", "lift_mm"))
    handle = c_void_p()
    status = fn(theta, lift, theta.size, float(rpm), float(smoothing), byref(handle))
    check(status, call="campro_motion_from_lift_table")
    return handle, theta, lift


def with_speed_profile(handle: c_void_p, times_s: npt.ArrayLike, rpms: npt.ArrayLike) -> c_void_p:
    """campro_motion_with_speed_profile: the new handle."""
    fn = _require("campro_motion_with_speed_profile")
    times, rpm = _pair(times_s, rpms, ("time_s", "rpm"))
    out = c_void_p()
    check(fn(handle, times, rpm, times.size, byref(out)), call="campro_motion_with_speed_profile")
    return out


def rpm_at_time(handle: c_void_p, time_s: float) -> float:
    """campro_motion_rpm_at_time (NaN only for a non-finite time)."""
    value: float = _require("campro_motion_rpm_at_time")(handle, float(time_s))
    return value
