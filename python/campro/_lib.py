"""Loading of libcampro.so and the ctypes declarations of its C API.

Everything here mirrors ``include/campro.h`` one to one; the friendly layer lives in
``campro.motion``. Every function gets both ``argtypes`` and ``restype`` (the ctypes default
``int`` restype would truncate pointers and misread doubles). Integer and path arguments are
declared with the checked types of ``campro._convert`` (``SizeT``, ``Int32``, ``CPath``), so even a
raw call cannot wrap an integer or truncate a path at a NUL byte.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int32,
    c_size_t,
    c_void_p,
)
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import numpy as np

from ._convert import CPath, Int32, SizeT

LIB_NAME = "libcampro.so"
_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def candidate_paths() -> List[Path]:
    """Where the library is looked for, in order (``CAMPRO_LIB`` is handled separately)."""
    return [
        _PACKAGE_DIR / LIB_NAME,
        _REPO_ROOT / "target" / "release" / LIB_NAME,
        _REPO_ROOT / "target" / "debug" / LIB_NAME,
    ]


def find_library() -> Path:
    """Return the path of libcampro.so.

    Order: the ``CAMPRO_LIB`` environment variable (full path of the .so; when it is set the
    file must exist, a wrong value is an error rather than silently falling back), then the
    package folder, then ``<repo>/target/release`` and ``<repo>/target/debug``.
    """
    env = os.environ.get("CAMPRO_LIB")
    if env:
        path = Path(env)
        if path.is_file():
            return path
        raise FileNotFoundError(
            f"campro: CAMPRO_LIB={env!r} does not name an existing file "
            "(unset it to search the package folder and the cargo target folder)"
        )
    tried = candidate_paths()
    for path in tried:
        if path.is_file():
            return path
    raise FileNotFoundError(
        "campro: libcampro.so not found; tried CAMPRO_LIB (unset), "
        + ", ".join(str(p) for p in tried)
        + ". Install the package with `pip install .` at the repository root (the wheel carries"
        " the library), or run `cargo build --release` in the checkout, or set CAMPRO_LIB to"
        " the library's full path."
    )


def load_library() -> Tuple[ctypes.CDLL, Path]:
    path = find_library()
    try:
        return ctypes.CDLL(str(path)), path
    except OSError as exc:  # wrong architecture, missing dependency, ...
        raise OSError(f"campro: cannot load {path}: {exc}") from exc


# ---------------------------------------------------------------------------------------------
# Types (layout identical to the C structs)


class CamproParameters(Structure):
    _fields_ = [
        ("base_circle_radius", c_double),
        ("max_lift", c_double),
        ("cam_duration", c_double),
        ("rise_duration", c_double),
        ("dwell_duration", c_double),
        ("fall_duration", c_double),
        ("jerk_limit", c_double),
        ("acceleration_limit", c_double),
        ("velocity_limit", c_double),
        ("rpm", c_double),
        ("rise_law", c_int32),
        ("fall_law", c_int32),
    ]


class CamproSegment(Structure):
    _fields_ = [("law", c_int32), ("duration", c_double), ("end_lift", c_double)]


class CamproKinematics(Structure):
    _fields_ = [
        ("displacement", c_double),
        ("velocity", c_double),
        ("acceleration", c_double),
        ("jerk", c_double),
    ]


class CamproBoundaryCondition(Structure):
    _fields_ = [("displacement", c_double), ("velocity", c_double), ("acceleration", c_double)]


class CamproAnalysis(Structure):
    _fields_ = [
        ("max_velocity", c_double),
        ("max_acceleration", c_double),
        ("max_jerk", c_double),
        ("rms_acceleration", c_double),
        ("rms_jerk", c_double),
        ("velocity_violation", c_int32),
        ("acceleration_violation", c_int32),
        ("jerk_violation", c_int32),
    ]


# Solver-style time function: ctx is the CamproMotion handle.
CamproTimeFunction = CFUNCTYPE(c_double, c_double, c_void_p)

# The (n, 3) float64 array trick of Motion.boundary_conditions relies on this.
assert ctypes.sizeof(CamproBoundaryCondition) == 3 * ctypes.sizeof(c_double)

#: ``const double *`` / ``double *``: a C-contiguous, aligned float64 ndarray (any shape).
DoubleArray = np.ctypeslib.ndpointer(np.float64, flags=("C_CONTIGUOUS", "ALIGNED"))


class OptionalDoubleArray:
    """Like ``DoubleArray`` but also accepts ``None`` (passed as NULL)."""

    @classmethod
    def from_param(cls, obj: Any) -> Any:
        if obj is None:
            return None
        return DoubleArray.from_param(obj)


Handle = c_void_p  # CamproMotion *
HandleOut = POINTER(c_void_p)  # CamproMotion **

# name -> (restype, argtypes). Required: everything of /work/shared/c-api.md.
REQUIRED: Dict[str, Tuple[Any, List[Any]]] = {
    "campro_version": (c_char_p, []),
    "campro_status_name": (c_char_p, [Int32]),
    "campro_last_error_message": (c_size_t, [c_char_p, SizeT]),
    "campro_parameters_default": (None, [POINTER(CamproParameters)]),
    "campro_motion_new": (c_int32, [POINTER(CamproParameters), HandleOut]),
    "campro_motion_from_segments": (
        c_int32,
        [POINTER(CamproSegment), SizeT, c_double, HandleOut],
    ),
    "campro_motion_load": (c_int32, [CPath, HandleOut]),
    "campro_motion_free": (None, [Handle]),
    "campro_displacement": (c_double, [Handle, c_double]),
    "campro_velocity": (c_double, [Handle, c_double]),
    "campro_acceleration": (c_double, [Handle, c_double]),
    "campro_jerk": (c_double, [Handle, c_double]),
    "campro_kinematics": (CamproKinematics, [Handle, c_double]),
    "campro_kinematics_parallel": (
        c_int32,
        [
            Handle,
            DoubleArray,
            SizeT,
            OptionalDoubleArray,
            OptionalDoubleArray,
            OptionalDoubleArray,
            OptionalDoubleArray,
        ],
    ),
    "campro_boundary_condition_at_time": (CamproBoundaryCondition, [Handle, c_double]),
    "campro_boundary_conditions": (
        c_int32,
        [Handle, DoubleArray, SizeT, POINTER(CamproBoundaryCondition)],
    ),
    "campro_bc_displacement": (c_double, [c_double, c_void_p]),
    "campro_bc_velocity": (c_double, [c_double, c_void_p]),
    "campro_bc_acceleration": (c_double, [c_double, c_void_p]),
    "campro_analyze_kinematics": (c_int32, [Handle, SizeT, POINTER(CamproAnalysis)]),
    "campro_set_num_threads": (c_int32, [SizeT]),
}
for _q in ("displacement", "velocity", "acceleration", "jerk"):
    for _mode in ("batch", "parallel"):
        REQUIRED[f"campro_{_q}_{_mode}"] = (
            c_int32,
            [Handle, DoubleArray, DoubleArray, SizeT],
        )

# Extras announced for the header; declared when the loaded library has them.
OPTIONAL: Dict[str, Tuple[Any, List[Any]]] = {
    "campro_kinematics_batch": REQUIRED["campro_kinematics_parallel"],
    "campro_boundary_conditions_batch": REQUIRED["campro_boundary_conditions"],
    "campro_motion_rpm": (c_double, [Handle]),
    "campro_motion_segment_count": (c_size_t, [Handle]),
    "campro_motion_segment": (c_int32, [Handle, SizeT, POINTER(CamproSegment)]),
    "campro_num_threads": (c_size_t, []),
    "campro_export_table": (
        c_int32,
        [Handle, Int32, Int32, c_double, c_double, c_double, CPath],
    ),
    "campro_export_table_report": (
        c_int32,
        [
            Handle,
            Int32,
            Int32,
            c_double,
            c_double,
            c_double,
            CPath,
            POINTER(c_size_t),
            POINTER(c_double),
        ],
    ),
    # --- lift tables and variable speed (0.2) ---
    "campro_motion_from_lift_table": (
        c_int32,
        [DoubleArray, DoubleArray, SizeT, c_double, c_double, HandleOut],
    ),
    "campro_motion_with_speed_profile": (
        c_int32,
        [Handle, DoubleArray, DoubleArray, SizeT, HandleOut],
    ),
    "campro_motion_rpm_at_time": (c_double, [Handle, c_double]),
    "campro_motion_lift_table_len": (c_size_t, [Handle]),
}
# --- time integrals (0.2, issue 12) ---
OPTIONAL["campro_displacement_time_integrals"] = (
    c_int32,
    [Handle, c_double, c_double, POINTER(c_double), POINTER(c_double)],
)


# --- follower dynamics (0.2) ------------------------------------------------------------------


class CamproFollowerDynamics(Structure):
    _fields_ = [
        ("mass", c_double),
        ("spring_rate", c_double),
        ("spring_preload", c_double),
        ("damping", c_double),
        ("external_force", c_double),
    ]


class CamproDynamicsReport(Structure):
    _fields_ = [
        ("min_contact_force", c_double),
        ("min_contact_force_at", c_double),
        ("max_contact_force", c_double),
        ("max_contact_force_at", c_double),
        ("max_torque", c_double),
        ("max_torque_at", c_double),
        ("rms_torque", c_double),
        ("max_power_factor", c_double),
        ("jump_rpm", c_double),
        ("separation", c_int32),
    ]


class CamproSpringSizing(Structure):
    _fields_ = [
        ("spring_rate", c_double),
        ("spring_preload", c_double),
        ("critical_angle", c_double),
        ("critical_rpm", c_double),
    ]


class CamproSpeedLimit(Structure):
    _fields_ = [
        ("max_rpm", c_double),
        ("rpm_by_velocity", c_double),
        ("rpm_by_acceleration", c_double),
        ("rpm_by_jerk", c_double),
        ("max_velocity", c_double),
        ("max_velocity_at", c_double),
        ("max_acceleration", c_double),
        ("max_acceleration_at", c_double),
        ("max_jerk", c_double),
        ("max_jerk_at", c_double),
        ("limited_by", c_int32),
    ]


_Dyn = POINTER(CamproFollowerDynamics)
REQUIRED.update(
    {
        "campro_contact_force": (c_double, [Handle, _Dyn, c_double]),
        "campro_cam_torque": (c_double, [Handle, _Dyn, c_double]),
        "campro_contact_force_batch": (c_int32, [Handle, _Dyn, DoubleArray, DoubleArray, SizeT]),
        "campro_cam_torque_batch": (c_int32, [Handle, _Dyn, DoubleArray, DoubleArray, SizeT]),
        "campro_dynamics_check": (c_int32, [Handle, _Dyn, SizeT, POINTER(CamproDynamicsReport)]),
        "campro_size_spring": (
            c_int32,
            [Handle, _Dyn, c_double, c_double, c_double, SizeT, POINTER(CamproSpringSizing)],
        ),
        "campro_size_preload": (
            c_int32,
            [Handle, _Dyn, c_double, c_double, SizeT, POINTER(CamproSpringSizing)],
        ),
        "campro_max_rpm_within_limits": (
            c_int32,
            [Handle, c_double, c_double, c_double, SizeT, POINTER(CamproSpeedLimit)],
        ),
        "campro_follower_dynamics_load": (
            c_int32,
            [CPath, _Dyn, POINTER(c_int32)],
        ),
    }
)


def declare(lib: ctypes.CDLL) -> Set[str]:
    """Set restype/argtypes on every known function; return the names of optional ones found."""
    missing = [name for name in REQUIRED if not hasattr(lib, name)]
    if missing:
        raise OSError(f"campro: the loaded library lacks {', '.join(missing)}")
    for name, (restype, argtypes) in REQUIRED.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    present = set()
    for name, (restype, argtypes) in OPTIONAL.items():
        if hasattr(lib, name):
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
            present.add(name)
    return present


lib, path = load_library()
optional_present = declare(lib)
