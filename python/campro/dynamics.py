"""Follower dynamics (force closure): will the follower stay on the cam?

A spring (rate k, preload F0), a damper (c) and a constant external force press the follower
(moving mass m) onto the cam. The contact force along the follower's motion, N::

    F = m a 1e-3 + c v + k s + F0 + F_ext      (m in kg, a in mm/s^2, c in N*s/mm, k in N/mm)

and the camshaft torque by power balance (frictionless), N*mm: ``T = F ds/dtheta`` (per radian).
Where F < 0 the follower leaves the cam (jump). ``Motion.contact_force``, ``Motion.cam_torque``,
``Motion.dynamics_check``, ``Motion.size_spring``, ``Motion.size_preload`` and
``Motion.max_rpm_within_limits`` call the functions here; the library validates every value and
names a bad one in the CamproError it raises (``mass = -1: must be finite and > 0 kg``).
"""

from __future__ import annotations

import math
import numbers
from ctypes import byref, c_int32, c_void_p
from dataclasses import dataclass
from typing import Optional, Union, overload

import numpy as np
import numpy.typing as npt

from . import _lib
from ._convert import PathArg, to_path, to_size_t
from ._lib import (
    CamproDynamicsReport,
    CamproFollowerDynamics,
    CamproSpeedLimit,
    CamproSpringSizing,
)
from .errors import check

FloatArray = npt.NDArray[np.float64]

#: ``CamproSpeedLimit.limited_by`` codes (CAMPRO_LIMITED_BY_*) and their names
LIMITED_BY_NONE = 0
LIMITED_BY_VELOCITY = 1
LIMITED_BY_ACCELERATION = 2
LIMITED_BY_JERK = 3
LIMITED_BY_NAMES = {0: "none", 1: "velocity", 2: "acceleration", 3: "jerk"}


@dataclass(frozen=True)
class FollowerDynamics:
    """The follower of a force-closed cam (``CamproFollowerDynamics``): moving mass (kg, > 0),
    spring rate (N/mm, >= 0), spring preload (N, the spring force at lift 0, >= 0), damping
    (N*s/mm, >= 0) and a constant external force (N, positive presses onto the cam). Plain data:
    the library checks the values when they are used."""

    mass: float
    spring_rate: float = 0.0
    spring_preload: float = 0.0
    damping: float = 0.0
    external_force: float = 0.0

    def _to_c(self) -> CamproFollowerDynamics:
        return CamproFollowerDynamics(
            float(self.mass),
            float(self.spring_rate),
            float(self.spring_preload),
            float(self.damping),
            float(self.external_force),
        )

    @classmethod
    def load(cls, path: PathArg) -> Optional["FollowerDynamics"]:
        """The ``[dynamics]`` table of a .toml or .json parameter file (keys mass_kg,
        spring_rate_n_per_mm, spring_preload_n, damping_n_s_per_mm, external_force_n), or None
        if the file has none. The whole file is checked (CamproError naming file, line, key)."""
        out = CamproFollowerDynamics()
        found = c_int32(0)
        name = "campro_follower_dynamics_load"
        check(_lib.lib.campro_follower_dynamics_load(to_path(path), byref(out), byref(found)), call=name)
        if found.value == 0:
            return None
        return cls(out.mass, out.spring_rate, out.spring_preload, out.damping, out.external_force)


@dataclass(frozen=True)
class DynamicsReport:
    """Result of ``Motion.dynamics_check`` (``CamproDynamicsReport``; angles in degrees)."""

    min_contact_force: float
    min_contact_force_at: float
    max_contact_force: float
    max_contact_force_at: float
    max_torque: float
    max_torque_at: float
    rms_torque: float
    max_power_factor: float
    #: lowest rpm > 0 at which the contact force goes negative somewhere; inf if none
    jump_rpm: float
    #: the contact force is negative somewhere at the motion's rpm
    separation: bool

    @classmethod
    def _from_c(cls, r: CamproDynamicsReport) -> "DynamicsReport":
        return cls(
            r.min_contact_force,
            r.min_contact_force_at,
            r.max_contact_force,
            r.max_contact_force_at,
            r.max_torque,
            r.max_torque_at,
            r.rms_torque,
            r.max_power_factor,
            r.jump_rpm,
            bool(r.separation),
        )


@dataclass(frozen=True)
class SpringSizing:
    """Result of ``Motion.size_spring`` / ``size_preload`` (``CamproSpringSizing``)."""

    spring_rate: float
    spring_preload: float
    #: where the requirement binds, deg
    critical_angle: float
    #: the speed at which it binds there, rpm
    critical_rpm: float


@dataclass(frozen=True)
class SpeedLimit:
    """Result of ``Motion.max_rpm_within_limits`` (``CamproSpeedLimit``; ``limited_by`` as a
    name: "none", "velocity", "acceleration" or "jerk")."""

    max_rpm: float
    limited_by: str
    rpm_by_velocity: float
    rpm_by_acceleration: float
    rpm_by_jerk: float
    max_velocity: float
    max_velocity_at: float
    max_acceleration: float
    max_acceleration_at: float
    max_jerk: float
    max_jerk_at: float

    @classmethod
    def _from_c(cls, s: CamproSpeedLimit) -> "SpeedLimit":
        return cls(
            s.max_rpm,
            LIMITED_BY_NAMES.get(s.limited_by, str(s.limited_by)),
            s.rpm_by_velocity,
            s.rpm_by_acceleration,
            s.rpm_by_jerk,
            s.max_velocity,
            s.max_velocity_at,
            s.max_acceleration,
            s.max_acceleration_at,
            s.max_jerk,
            s.max_jerk_at,
        )


def _follower(dynamics: FollowerDynamics) -> CamproFollowerDynamics:
    if not isinstance(dynamics, FollowerDynamics):
        raise TypeError(
            f"dynamics must be a campro.FollowerDynamics, not {type(dynamics).__name__}"
        )
    return dynamics._to_c()


@overload
def evaluate(handle: c_void_p, quantity: str, theta_deg: float, dynamics: FollowerDynamics) -> float: ...
@overload
def evaluate(
    handle: c_void_p, quantity: str, theta_deg: npt.ArrayLike, dynamics: FollowerDynamics
) -> FloatArray: ...
def evaluate(
    handle: c_void_p, quantity: str, theta_deg: npt.ArrayLike, dynamics: FollowerDynamics
) -> Union[float, FloatArray]:
    """``campro_<quantity>_batch`` (contact_force or cam_torque) at the angles: a float for a
    real number, else an array of the input's shape. Scalars go through the batch call too, so
    every error carries its exact status (a bad follower is INVALID_PARAMETER, a non-finite angle
    NON_FINITE_INPUT with ``e.result`` holding the output)."""
    d = _follower(dynamics)
    scalar = isinstance(theta_deg, numbers.Real) and not isinstance(theta_deg, np.ndarray)
    arr = np.asarray(theta_deg, dtype=np.float64)
    if not (arr.flags.c_contiguous and arr.flags.aligned):
        arr = np.array(arr, dtype=np.float64, order="C")
    out = np.empty(arr.shape, dtype=np.float64)
    name = f"campro_{quantity}_batch"
    check(getattr(_lib.lib, name)(handle, byref(d), arr, out, arr.size), out, call=name)
    if scalar:
        return float(out.reshape(-1)[0])
    return out


def dynamics_check(handle: c_void_p, dynamics: FollowerDynamics, num_points: int) -> DynamicsReport:
    d = _follower(dynamics)
    out = CamproDynamicsReport()
    name = "campro_dynamics_check"
    check(_lib.lib.campro_dynamics_check(handle, byref(d), to_size_t(num_points, "num_points"),
                                         byref(out)), call=name)
    return DynamicsReport._from_c(out)


def _sizing(s: CamproSpringSizing) -> SpringSizing:
    return SpringSizing(s.spring_rate, s.spring_preload, s.critical_angle, s.critical_rpm)


def size_spring(
    handle: c_void_p,
    dynamics: FollowerDynamics,
    preload_per_rate_mm: float,
    overspeed_rpm: float,
    safety_factor: float,
    num_points: int,
) -> SpringSizing:
    d = _follower(dynamics)
    out = CamproSpringSizing()
    name = "campro_size_spring"
    status = _lib.lib.campro_size_spring(
        handle, byref(d), float(preload_per_rate_mm), float(overspeed_rpm), float(safety_factor),
        to_size_t(num_points, "num_points"), byref(out),
    )
    check(status, call=name)
    return _sizing(out)


def size_preload(
    handle: c_void_p,
    dynamics: FollowerDynamics,
    overspeed_rpm: float,
    safety_factor: float,
    num_points: int,
) -> SpringSizing:
    d = _follower(dynamics)
    out = CamproSpringSizing()
    name = "campro_size_preload"
    status = _lib.lib.campro_size_preload(
        handle, byref(d), float(overspeed_rpm), float(safety_factor),
        to_size_t(num_points, "num_points"), byref(out),
    )
    check(status, call=name)
    return _sizing(out)


def max_rpm_within_limits(
    handle: c_void_p,
    velocity_limit: float,
    acceleration_limit: float,
    jerk_limit: float,
    num_points: int,
) -> SpeedLimit:
    out = CamproSpeedLimit()
    name = "campro_max_rpm_within_limits"
    status = _lib.lib.campro_max_rpm_within_limits(
        handle, float(velocity_limit), float(acceleration_limit), float(jerk_limit),
        to_size_t(num_points, "num_points"), byref(out),
    )
    check(status, call=name)
    return SpeedLimit._from_c(out)


#: "no limit" for ``Motion.max_rpm_within_limits``
NO_LIMIT = math.inf
