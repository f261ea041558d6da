"""The cam itself: followers, profiles, design checks, base-circle sizing, profile files.

``Follower`` describes how the follower sits against the cam (the C ``CamproFollower``);
``Motion.profile``, ``Motion.geometry_check``, ``Motion.min_base_circle`` and
``Motion.export_profile`` call the functions of this module. Frames and signs are the C
contract's: the fixed frame has its origin on the cam axis, the cam frame turns with the cam
(counter-clockwise for ``rotation=+1``), every profile coordinate is in the cam frame, mm.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, Structure, byref, c_double, c_int32
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, NamedTuple, Optional, Union

import numpy as np
import numpy.typing as npt

from . import _lib
from ._convert import CPath, Int32, PathArg, SizeT, to_int32, to_path, to_size_t
from .errors import check

if TYPE_CHECKING:
    from .motion import Motion

FloatArray = npt.NDArray[np.float64]

#: follower kinds (CAMPRO_FOLLOWER_*)
FOLLOWER_TRANSLATING_ROLLER = 0
FOLLOWER_TRANSLATING_FLAT = 1
FOLLOWER_OSCILLATING_ROLLER = 2
FOLLOWER_KINDS: Dict[str, int] = {
    "translating_roller": FOLLOWER_TRANSLATING_ROLLER,
    "translating_flat": FOLLOWER_TRANSLATING_FLAT,
    "oscillating_roller": FOLLOWER_OSCILLATING_ROLLER,
}
#: profile file formats (CAMPRO_PROFILE_*), and the extensions that imply them
PROFILE_FORMATS: Dict[str, int] = {"csv": 0, "dxf": 1, "abaqus": 2}
PROFILE_EXTENSIONS: Dict[str, int] = {".csv": 0, ".dxf": 1, ".inp": 2}


class CamproFollower(Structure):
    _fields_ = [
        ("kind", c_int32),
        ("rotation", c_int32),
        ("base_circle_radius", c_double),
        ("roller_radius", c_double),
        ("offset", c_double),
        ("pivot_distance", c_double),
        ("arm_length", c_double),
    ]


class CamproProfilePoint(Structure):
    _fields_ = [
        ("x", c_double),
        ("y", c_double),
        ("pitch_x", c_double),
        ("pitch_y", c_double),
        ("pressure_angle", c_double),
        ("radius_of_curvature", c_double),
    ]


class CamproGeometryReport(Structure):
    _fields_ = [
        ("max_pressure_angle", c_double),
        ("max_pressure_angle_at", c_double),
        ("min_convex_radius", c_double),
        ("min_convex_radius_at", c_double),
        ("min_concave_radius", c_double),
        ("min_concave_radius_at", c_double),
        ("face_width", c_double),
        ("undercut", c_int32),
        ("undercut_at", c_double),
    ]


# campro_profile writes straight into an (n, 6) float64 array.
assert ctypes.sizeof(CamproProfilePoint) == 6 * ctypes.sizeof(c_double)

_DECLARATIONS: Dict[str, Any] = {
    "campro_profile": (
        c_int32,
        [_lib.Handle, POINTER(CamproFollower), _lib.DoubleArray, SizeT, _lib.DoubleArray],
    ),
    "campro_geometry_check": (
        c_int32,
        [_lib.Handle, POINTER(CamproFollower), SizeT, POINTER(CamproGeometryReport)],
    ),
    "campro_min_base_circle": (
        c_int32,
        [_lib.Handle, POINTER(CamproFollower), c_double, c_double, POINTER(c_double)],
    ),
    "campro_export_profile": (
        c_int32,
        [_lib.Handle, POINTER(CamproFollower), Int32, c_double, CPath],
    ),
    "campro_follower_default": (None, [_lib.Handle, POINTER(CamproFollower)]),
}
for _name, (_restype, _argtypes) in _DECLARATIONS.items():
    if hasattr(_lib.lib, _name):
        _fn = getattr(_lib.lib, _name)
        _fn.restype = _restype
        _fn.argtypes = _argtypes
        _lib.optional_present.add(_name)

HAVE_GEOMETRY = "campro_profile" in _lib.optional_present


def _need(name: str) -> Any:
    if name not in _lib.optional_present:
        raise NotImplementedError(f"this libcampro has no {name}")
    return getattr(_lib.lib, name)


@dataclass(frozen=True)
class Follower:
    """A follower and how it sits against the cam (lengths in mm).

    ``kind``: "translating_roller" (roller_radius 0 is a knife edge; its centre moves on
    x = offset), "translating_flat" (a flat face perpendicular to the y axis) or
    "oscillating_roller" (a roller on an arm of ``arm_length`` pivoting at (pivot_distance, 0));
    or the ``FOLLOWER_*`` code. ``rotation``: +1 the cam turns counter-clockwise, -1 clockwise.
    The library checks every field (a bad one raises CamproError naming it)."""

    kind: Union[str, int] = "translating_roller"
    base_circle_radius: float = 25.0
    roller_radius: float = 0.0
    offset: float = 0.0
    pivot_distance: float = 0.0
    arm_length: float = 0.0
    rotation: int = 1

    @classmethod
    def translating_roller(
        cls, base_circle_radius: float, roller_radius: float = 0.0, offset: float = 0.0, rotation: int = 1
    ) -> "Follower":
        return cls("translating_roller", base_circle_radius, roller_radius, offset, 0.0, 0.0, rotation)

    @classmethod
    def translating_flat(cls, base_circle_radius: float, rotation: int = 1) -> "Follower":
        return cls("translating_flat", base_circle_radius, 0.0, 0.0, 0.0, 0.0, rotation)

    @classmethod
    def oscillating_roller(
        cls,
        base_circle_radius: float,
        roller_radius: float,
        pivot_distance: float,
        arm_length: float,
        rotation: int = 1,
    ) -> "Follower":
        return cls(
            "oscillating_roller", base_circle_radius, roller_radius, 0.0, pivot_distance, arm_length, rotation
        )

    def _to_c(self) -> CamproFollower:
        if isinstance(self.kind, str):
            key = self.kind.strip().lower().replace("-", "_").replace(" ", "_")
            if key not in FOLLOWER_KINDS:
                raise ValueError(
                    f"unknown follower kind {self.kind!r}; valid: {', '.join(FOLLOWER_KINDS)}"
                )
            kind = FOLLOWER_KINDS[key]
        else:
            kind = to_int32(self.kind, "kind")
        return CamproFollower(
            kind,
            to_int32(self.rotation, "rotation"),
            float(self.base_circle_radius),
            float(self.roller_radius),
            float(self.offset),
            float(self.pivot_distance),
            float(self.arm_length),
        )


class Profile(NamedTuple):
    """Profile points as arrays (cam frame, mm; pressure angle in degrees)."""

    x: FloatArray
    y: FloatArray
    pitch_x: FloatArray
    pitch_y: FloatArray
    pressure_angle: FloatArray
    radius_of_curvature: FloatArray


@dataclass(frozen=True)
class GeometryReport:
    """campro_geometry_check's report (degrees, mm; NaN angles where there is no such point)."""

    max_pressure_angle: float
    max_pressure_angle_at: float
    min_convex_radius: float
    min_convex_radius_at: float
    min_concave_radius: float
    min_concave_radius_at: float
    face_width: float
    undercut: bool
    undercut_at: float


def profile(motion: "Motion", theta_deg: npt.ArrayLike, follower: Follower) -> Profile:
    """Profile points at the cam angles ``theta_deg`` (any shape; each array of the result has
    that shape). A non-finite angle raises CamproError (STATUS_ERROR_NON_FINITE_INPUT)."""
    fn = _need("campro_profile")
    theta = np.asarray(theta_deg, dtype=np.float64)
    flat = np.ascontiguousarray(theta.reshape(-1))
    out = np.empty((flat.size, 6), dtype=np.float64)
    f = follower._to_c()
    status = fn(motion._h(), byref(f), flat, to_size_t(flat.size, "n"), out)
    check(status, call="campro_profile")
    cols = [np.ascontiguousarray(out[:, i]).reshape(theta.shape) for i in range(6)]
    return Profile(*cols)


def geometry_check(motion: "Motion", follower: Follower, num_points: int = 3600) -> GeometryReport:
    """Largest pressure angle, smallest convex and concave radius, face width, undercut: sampled
    at ``num_points`` angles, every extreme refined off the grid (campro_geometry_check)."""
    fn = _need("campro_geometry_check")
    f = follower._to_c()
    out = CamproGeometryReport()
    check(fn(motion._h(), byref(f), to_size_t(num_points, "num_points"), byref(out)), call="campro_geometry_check")
    return GeometryReport(
        out.max_pressure_angle,
        out.max_pressure_angle_at,
        out.min_convex_radius,
        out.min_convex_radius_at,
        out.min_concave_radius,
        out.min_concave_radius_at,
        out.face_width,
        bool(out.undercut),
        out.undercut_at,
    )


def min_base_circle(
    motion: "Motion", follower: Follower, max_pressure_angle_deg: float = 90.0, min_convex_radius_mm: float = 0.0
) -> float:
    """The smallest base circle radius (mm, relative accuracy 1e-9) with no undercut, pressure
    angles <= the limit (90: none) and convex radii >= the limit (0: none); the follower's
    base_circle_radius is ignored (campro_min_base_circle)."""
    fn = _need("campro_min_base_circle")
    f = follower._to_c()
    out = c_double()
    status = fn(motion._h(), byref(f), float(max_pressure_angle_deg), float(min_convex_radius_mm), byref(out))
    check(status, call="campro_min_base_circle")
    return out.value


def export_profile(
    motion: "Motion",
    path: PathArg,
    follower: Follower,
    format: Optional[Union[str, int]] = None,
    tolerance_mm: float = 0.01,
) -> None:
    """Write the cam surface to ``path``: "csv", "dxf" or "abaqus" (``*SURFACE,
    TYPE=SEGMENTS``), by default from the extension (.csv, .dxf, .inp); the fewest points with
    every chord within ``tolerance_mm`` of the surface (campro_export_profile)."""
    fn = _need("campro_export_profile")
    if format is None:
        suffix = Path(str(path)).suffix.lower()
        if suffix not in PROFILE_EXTENSIONS:
            raise ValueError(
                f"cannot tell the profile format from {str(path)!r}: use a .csv, .dxf or .inp name "
                "or pass format="
            )
        code = PROFILE_EXTENSIONS[suffix]
    elif isinstance(format, str):
        key = format.strip().lower()
        if key not in PROFILE_FORMATS:
            raise ValueError(f"unknown profile format {format!r}; valid: {', '.join(PROFILE_FORMATS)}")
        code = PROFILE_FORMATS[key]
    else:
        code = to_int32(format, "format")
    f = follower._to_c()
    check(fn(motion._h(), byref(f), code, float(tolerance_mm), to_path(path)), call="campro_export_profile")


def default_follower(motion: Optional["Motion"] = None) -> Follower:
    """A knife-edge translating follower on the motion's base circle (25 mm without one)."""
    fn = _need("campro_follower_default")
    out = CamproFollower()
    fn(motion._h() if motion is not None else None, byref(out))
    return Follower(
        "translating_roller", out.base_circle_radius, out.roller_radius, out.offset, 0.0, 0.0, out.rotation
    )


__all__ = [
    "CamproFollower",
    "CamproGeometryReport",
    "CamproProfilePoint",
    "FOLLOWER_KINDS",
    "FOLLOWER_OSCILLATING_ROLLER",
    "FOLLOWER_TRANSLATING_FLAT",
    "FOLLOWER_TRANSLATING_ROLLER",
    "Follower",
    "GeometryReport",
    "HAVE_GEOMETRY",
    "PROFILE_FORMATS",
    "Profile",
    "default_follower",
    "export_profile",
    "geometry_check",
    "min_base_circle",
    "profile",
]
