"""campro: cam-follower kinematics (Python binding of libcampro through ctypes).

Quick start::

    import campro
    with campro.Motion(rise_law="cycloidal", max_lift=10.0, rpm=3000) as m:
        m.displacement(45.0)                 # -> 5.0 (float)
        m.velocity(np.linspace(0, 360, 721)) # -> ndarray
        m.analyze().max_velocity             # -> 4000.0

The shared library is found through, in order: the CAMPRO_LIB environment variable (full
path; must exist when set), ``libcampro.so`` next to this file (where ``pip install .`` puts
it), then ``<repo>/target/release`` and ``<repo>/target/debug`` (a source checkout).

Error policy: C status codes become ``CamproError`` (``.status``, ``.status_name``, the
library's message in ``str(e)``); non-finite angles/times raise CamproError with status
STATUS_ERROR_NON_FINITE_INPUT (never silently NaN); an unknown law *name* raises ValueError
listing the valid names, an out-of-range law *code* is left to the library (CamproError
STATUS_ERROR_INVALID_PARAMETER); an unknown keyword of ``Motion()`` raises TypeError; using a
closed Motion raises ValueError. Values C cannot take are refused before the call: an integer
outside its C type's range (``size_t``, ``int32_t``) raises OverflowError, a path with a NUL byte
ValueError.
"""

from __future__ import annotations

from . import _lib
from ._convert import to_size_t
from ._lib import (
    CamproAnalysis,
    CamproBoundaryCondition,
    CamproKinematics,
    CamproParameters,
    CamproSegment,
    CamproTimeFunction,
)
from .errors import (
    LAW_CONSTANT_ACCELERATION,
    LAW_CYCLOIDAL,
    LAW_DWELL,
    LAW_MODIFIED_SINE,
    LAW_MODIFIED_TRAPEZOIDAL,
    LAW_NAMES,
    LAW_POLYNOMIAL_345,
    LAW_POLYNOMIAL_4567,
    LAW_SIMPLE_HARMONIC,
    LAWS,
    STATUS_ERROR_BUFFER_TOO_SMALL,
    STATUS_ERROR_INTERNAL,
    STATUS_ERROR_INVALID_PARAMETER,
    STATUS_ERROR_IO,
    STATUS_ERROR_NON_FINITE_INPUT,
    STATUS_ERROR_NULL_POINTER,
    STATUS_ERROR_PARSE,
    STATUS_OK,
    CamproError,
    check,
    last_error_message,
    law_code,
    status_name,
)
from .motion import (
    EXPORT_FORMATS,
    EXPORT_QUANTITIES,
    PARAMETER_FIELDS,
    Analysis,
    Motion,
    TimeFunctionContext,
    default_parameters,
)
# --- lift tables and variable speed (0.2) ---
from .lift import MAX_LIFT_TABLE_POINTS, MAX_SPEED_POINTS, MIN_LIFT_TABLE_POINTS

# --- follower dynamics (0.2) ---
from .dynamics import (
    LIMITED_BY_ACCELERATION,
    LIMITED_BY_JERK,
    LIMITED_BY_NONE,
    LIMITED_BY_VELOCITY,
    DynamicsReport,
    FollowerDynamics,
    SpeedLimit,
    SpringSizing,
)

# --- cam geometry (0.2) ---
from .geometry import (
    FOLLOWER_KINDS,
    FOLLOWER_OSCILLATING_ROLLER,
    FOLLOWER_TRANSLATING_FLAT,
    FOLLOWER_TRANSLATING_ROLLER,
    HAVE_GEOMETRY,
    PROFILE_FORMATS,
    Follower,
    GeometryReport,
    Profile,
    default_follower,
)

#: the raw ctypes library (every function declared with argtypes and restype)
lib = _lib.lib
#: path of the loaded libcampro.so
library_path = _lib.path

__version__: str = lib.campro_version().decode("ascii")

#: whether the loaded library has campro_export_table (Motion.export_table)
HAVE_EXPORT_TABLE = "campro_export_table" in _lib.optional_present


def version() -> str:
    """campro_version() of the loaded library."""
    text: bytes = lib.campro_version()
    return text.decode("ascii")


def set_num_threads(n: int) -> None:
    """Size of the library's thread pool (0 = one per core). Effective before the first
    parallel call; afterwards only the current size is accepted (else CamproError). ``n``
    outside the C ``size_t`` range (negative, or 2**64 and above) raises OverflowError."""
    status = lib.campro_set_num_threads(to_size_t(n, "n"))
    check(status, call="campro_set_num_threads")


def num_threads() -> int:
    """Threads of the library's pool (or that it will start with)."""
    if "campro_num_threads" not in _lib.optional_present:
        raise NotImplementedError("this libcampro has no campro_num_threads")
    return int(lib.campro_num_threads())


__all__ = [
    # --- lift tables and variable speed (0.2) ---
    "MAX_LIFT_TABLE_POINTS",
    "MAX_SPEED_POINTS",
    "MIN_LIFT_TABLE_POINTS",
    "Analysis",
    "CamproAnalysis",
    "CamproBoundaryCondition",
    "CamproError",
    "CamproKinematics",
    "CamproParameters",
    "CamproSegment",
    "CamproTimeFunction",
    "EXPORT_FORMATS",
    "EXPORT_QUANTITIES",
    "HAVE_EXPORT_TABLE",
    "LAWS",
    "LAW_CONSTANT_ACCELERATION",
    "LAW_CYCLOIDAL",
    "LAW_DWELL",
    "LAW_MODIFIED_SINE",
    "LAW_MODIFIED_TRAPEZOIDAL",
    "LAW_NAMES",
    "LAW_POLYNOMIAL_345",
    "LAW_POLYNOMIAL_4567",
    "LAW_SIMPLE_HARMONIC",
    "Motion",
    "PARAMETER_FIELDS",
    "STATUS_ERROR_BUFFER_TOO_SMALL",
    "STATUS_ERROR_INTERNAL",
    "STATUS_ERROR_INVALID_PARAMETER",
    "STATUS_ERROR_IO",
    "STATUS_ERROR_NON_FINITE_INPUT",
    "STATUS_ERROR_NULL_POINTER",
    "STATUS_ERROR_PARSE",
    "STATUS_OK",
    "TimeFunctionContext",
    "default_parameters",
    "last_error_message",
    "law_code",
    "lib",
    "library_path",
    "num_threads",
    "set_num_threads",
    "status_name",
    "version",
    "__version__",
    # --- follower dynamics (0.2) ---
    "DynamicsReport",
    "FollowerDynamics",
    "LIMITED_BY_ACCELERATION",
    "LIMITED_BY_JERK",
    "LIMITED_BY_NONE",
    "LIMITED_BY_VELOCITY",
    "SpeedLimit",
    "SpringSizing",
    # --- cam geometry (0.2) ---
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
]
