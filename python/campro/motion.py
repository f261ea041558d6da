"""The ``Motion`` class: one validated cam program (a ``CamproMotion *`` handle)."""

from __future__ import annotations

import ctypes
import math
import numbers
from ctypes import POINTER, byref, c_void_p
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple, Union, cast, overload

import numpy as np
import numpy.typing as npt

from . import _lib
from . import lift as _lift
from ._convert import PathArg, to_int32, to_path, to_size_t
from ._lib import (
    CamproAnalysis,
    CamproBoundaryCondition,
    CamproParameters,
    CamproSegment,
    CamproTimeFunction,
)
from . import dynamics as _dynamics  # follower dynamics (0.2)

if TYPE_CHECKING:  # --- cam geometry (0.2) ---
    from .geometry import Follower, GeometryReport, Profile
from .errors import (
    LAW_NAMES,
    STATUS_ERROR_INTERNAL,
    STATUS_ERROR_NON_FINITE_INPUT,
    CamproError,
    check,
    last_error_message,
    law_code,
)

PARAMETER_FIELDS = tuple(field[0] for field in CamproParameters._fields_)
_LAW_FIELDS = ("rise_law", "fall_law")
_QUANTITIES = ("displacement", "velocity", "acceleration", "jerk")

#: export formats and quantities of campro_export_table
EXPORT_FORMATS: Dict[str, int] = {"csv": 0, "abaqus": 1, "lsdyna": 2}
# --- smooth periodic amplitudes (0.2, issue 12) ---
EXPORT_FORMATS["abaqus-periodic"] = 3
EXPORT_QUANTITIES: Dict[str, int] = {"displacement": 0, "velocity": 1, "acceleration": 2}

#: a float64 array of any shape
FloatArray = npt.NDArray[np.float64]
#: a law by name (``campro.LAWS``) or by code (``campro.LAW_*``)
Law = Union[str, int]
#: a segment as ``Motion.from_segments`` takes it: ``(law, duration_deg, end_lift_mm)``
SegmentTuple = Tuple[Law, float, float]


def _c_function(name: str) -> Any:
    # Looked up at call time (not bound at import) so tests can spy on the ctypes functions.
    return getattr(_lib.lib, name)


def default_parameters() -> Dict[str, Union[float, int]]:
    """``campro_parameters_default`` as a dict (laws as integer codes)."""
    p = CamproParameters()
    _lib.lib.campro_parameters_default(byref(p))
    return {name: getattr(p, name) for name in PARAMETER_FIELDS}


def _is_scalar(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, np.ndarray)


def _as_input(x: npt.ArrayLike) -> FloatArray:
    """float64, C-contiguous, aligned view of ``x``: no copy when it already is one."""
    arr = np.asarray(x, dtype=np.float64)
    if not (arr.flags.c_contiguous and arr.flags.aligned):
        arr = np.array(arr, dtype=np.float64, order="C")
    return arr


def _nan_error(call: str, argument: str, x: float) -> CamproError:
    """The error for a scalar C function that returned NaN at ``argument = x``."""
    if not math.isfinite(x):  # the library's documented case: it recorded why
        return CamproError(STATUS_ERROR_NON_FINITE_INPUT, last_error_message(), call=call)
    # NaN for a finite input is not documented: the library may have recorded nothing for this
    # call, so the thread's last message may be an earlier call's. Say what happened here.
    message = f"{call}({argument}={x!r}) returned NaN for a finite input"
    previous = last_error_message()
    if previous:
        message += f" (the thread's last library message, maybe from an earlier call: {previous})"
    return CamproError(STATUS_ERROR_INTERNAL, message, call=call)


class TimeFunctionContext(c_void_p):
    """The ``ctx`` of ``Motion.time_function``: the ``CamproMotion *`` as a ``void *`` that also
    holds its ``Motion``, so the handle stays valid for as long as this object lives (even for a
    temporary ``Motion().time_function()``), unless that Motion is closed explicitly."""

    motion: "Motion"


@dataclass(frozen=True)
class Analysis:
    """Result of ``Motion.analyze`` (the fields of ``CamproAnalysis``, flags as bool)."""

    max_velocity: float
    max_acceleration: float
    max_jerk: float
    rms_acceleration: float
    rms_jerk: float
    velocity_violation: bool
    acceleration_violation: bool
    jerk_violation: bool

    @classmethod
    def _from_c(cls, a: CamproAnalysis) -> Analysis:
        return cls(
            max_velocity=a.max_velocity,
            max_acceleration=a.max_acceleration,
            max_jerk=a.max_jerk,
            rms_acceleration=a.rms_acceleration,
            rms_jerk=a.rms_jerk,
            velocity_violation=bool(a.velocity_violation),
            acceleration_violation=bool(a.acceleration_violation),
            jerk_violation=bool(a.jerk_violation),
        )


class Motion:
    """A cam program: follower displacement/velocity/acceleration/jerk over cam angle or time.

    ``Motion(**params)`` takes the fields of ``CamproParameters`` as keywords (missing ones take
    the library defaults, laws by name or code). Alternative constructors: ``from_segments`` and
    ``load``. The handle is freed by ``close()``, by leaving a ``with`` block or by garbage
    collection, exactly once; any use after ``close()`` raises ValueError. A Motion is
    immutable and may be used from several threads at once (but not closed while in use).

    Evaluation (angles in degrees): a Python/NumPy real gives a float, an array-like gives an
    ndarray of the same shape. A non-finite input raises CamproError with status
    NON_FINITE_INPUT (``e.result`` holds the batch output, NaN at the offending indices).
    """

    _handle: Optional[c_void_p] = None  # so that __del__ works even when __init__ failed
    # --- lift tables (0.2): the (theta_deg, lift_mm) points a lift-table Motion was built from
    _lift_points: Optional[Tuple[FloatArray, FloatArray]] = None

    def __init__(self, **params: Union[float, str]) -> None:
        p = CamproParameters()
        _lib.lib.campro_parameters_default(byref(p))
        for key, value in params.items():
            if key not in PARAMETER_FIELDS:
                raise TypeError(
                    f"Motion() got an unexpected keyword argument {key!r}; "
                    f"valid: {', '.join(PARAMETER_FIELDS)}"
                )
            if key in _LAW_FIELDS:
                setattr(p, key, law_code(cast(Law, value), key))  # law_code refuses a float
            else:
                setattr(p, key, float(value))
        handle = c_void_p()
        check(_lib.lib.campro_motion_new(byref(p), byref(handle)), call="campro_motion_new")
        self._handle = handle

    @classmethod
    def _adopt(cls, handle: c_void_p) -> "Motion":
        self = cls.__new__(cls)
        self._handle = handle
        return self

    @classmethod
    def from_segments(cls, segments: Iterable[SegmentTuple], rpm: float) -> "Motion":
        """A program from ``(law, duration_deg, end_lift_mm)`` tuples covering 360 degrees."""
        segments = list(segments)
        # Never hand C a NULL array: an empty list is then reported as INVALID_PARAMETER.
        array = (CamproSegment * max(len(segments), 1))()
        for i, seg in enumerate(segments):
            try:
                law, duration, end_lift = seg
            except (TypeError, ValueError):
                raise TypeError(
                    f"segments[{i}] = {seg!r}: expected a (law, duration, end_lift) tuple"
                ) from None
            array[i] = CamproSegment(
                law_code(law, f"segments[{i}].law"), float(duration), float(end_lift)
            )
        handle = c_void_p()
        status = _lib.lib.campro_motion_from_segments(
            array, len(segments), float(rpm), byref(handle)
        )
        check(status, call="campro_motion_from_segments")
        return cls._adopt(handle)

    @classmethod
    def load(cls, path: PathArg) -> "Motion":
        """A program from a .toml or .json parameter file (str, bytes or os.PathLike; a path
        with a NUL byte is a ValueError)."""
        handle = c_void_p()
        status = _lib.lib.campro_motion_load(to_path(path), byref(handle))
        check(status, call="campro_motion_load")
        return cls._adopt(handle)

    # -- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        """Free the C handle (idempotent)."""
        handle, self._handle = self._handle, None
        if handle is not None and handle.value:
            _lib.lib.campro_motion_free(handle)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: module globals may be gone
            pass

    def __enter__(self) -> "Motion":
        self._h()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._handle is None

    def _h(self) -> c_void_p:
        if self._handle is None:
            raise ValueError("operation on a closed campro.Motion")
        return self._handle

    @property
    def _as_parameter_(self) -> c_void_p:
        """Lets a Motion be passed directly to the raw ctypes functions."""
        return self._h()

    @property
    def handle(self) -> int:
        """The ``CamproMotion *`` address (to hand to other C code; do not free it)."""
        return cast(int, self._h().value)  # an open Motion's handle is never NULL

    def __repr__(self) -> str:
        if self.closed:
            return "<campro.Motion closed>"
        return f"<campro.Motion at 0x{self.handle:x}>"

    # -- evaluation ----------------------------------------------------------------------

    def _evaluate(
        self, quantity: str, theta_deg: npt.ArrayLike, parallel: bool
    ) -> Union[float, FloatArray]:
        h = self._h()
        if _is_scalar(theta_deg):
            x = float(theta_deg)  # type: ignore[arg-type]  # a numbers.Real, checked above
            name = f"campro_{quantity}"
            value: float = _c_function(name)(h, x)
            if math.isnan(value):
                raise _nan_error(name, "theta_deg", x)
            return value
        arr = _as_input(theta_deg)
        out = np.empty(arr.shape, dtype=np.float64)
        name = f"campro_{quantity}_{'parallel' if parallel else 'batch'}"
        check(_c_function(name)(h, arr, out, arr.size), out, call=name)
        return out

    # Each evaluation takes a real number (-> float) or anything array-like (-> float64 array of
    # the same shape); the overloads tell a type checker which.
    @overload
    def displacement(self, theta_deg: float, *, parallel: bool = ...) -> float: ...
    @overload
    def displacement(self, theta_deg: npt.ArrayLike, *, parallel: bool = ...) -> FloatArray: ...
    def displacement(
        self, theta_deg: npt.ArrayLike, *, parallel: bool = False
    ) -> Union[float, FloatArray]:
        """Follower lift in mm at cam angle(s) ``theta_deg`` (degrees)."""
        return self._evaluate("displacement", theta_deg, parallel)

    @overload
    def velocity(self, theta_deg: float, *, parallel: bool = ...) -> float: ...
    @overload
    def velocity(self, theta_deg: npt.ArrayLike, *, parallel: bool = ...) -> FloatArray: ...
    def velocity(
        self, theta_deg: npt.ArrayLike, *, parallel: bool = False
    ) -> Union[float, FloatArray]:
        """Follower velocity in mm/s at the cam's rpm."""
        return self._evaluate("velocity", theta_deg, parallel)

    @overload
    def acceleration(self, theta_deg: float, *, parallel: bool = ...) -> float: ...
    @overload
    def acceleration(self, theta_deg: npt.ArrayLike, *, parallel: bool = ...) -> FloatArray: ...
    def acceleration(
        self, theta_deg: npt.ArrayLike, *, parallel: bool = False
    ) -> Union[float, FloatArray]:
        """Follower acceleration in mm/s^2 at the cam's rpm."""
        return self._evaluate("acceleration", theta_deg, parallel)

    @overload
    def jerk(self, theta_deg: float, *, parallel: bool = ...) -> float: ...
    @overload
    def jerk(self, theta_deg: npt.ArrayLike, *, parallel: bool = ...) -> FloatArray: ...
    def jerk(
        self, theta_deg: npt.ArrayLike, *, parallel: bool = False
    ) -> Union[float, FloatArray]:
        """Follower jerk in mm/s^3 at the cam's rpm."""
        return self._evaluate("jerk", theta_deg, parallel)

    @overload
    def kinematics(
        self, theta_deg: float, *, parallel: bool = ...
    ) -> Tuple[float, float, float, float]: ...
    @overload
    def kinematics(
        self, theta_deg: npt.ArrayLike, *, parallel: bool = ...
    ) -> Tuple[FloatArray, FloatArray, FloatArray, FloatArray]: ...
    def kinematics(
        self, theta_deg: npt.ArrayLike, *, parallel: bool = True
    ) -> Union[Tuple[float, float, float, float], Tuple[FloatArray, ...]]:
        """``(displacement, velocity, acceleration, jerk)``: floats for a scalar angle, else
        four arrays shaped like the input (campro_kinematics_parallel; ``parallel=False`` uses
        the serial campro_kinematics_batch when the library has it)."""
        h = self._h()
        if _is_scalar(theta_deg):
            x = float(theta_deg)  # type: ignore[arg-type]  # a numbers.Real, checked above
            k = _c_function("campro_kinematics")(h, x)
            result = (k.displacement, k.velocity, k.acceleration, k.jerk)
            if any(math.isnan(v) for v in result):
                raise _nan_error("campro_kinematics", "theta_deg", x)
            return result
        arr = _as_input(theta_deg)
        outs = tuple(np.empty(arr.shape, dtype=np.float64) for _ in _QUANTITIES)
        name = "campro_kinematics_parallel"
        if not parallel and "campro_kinematics_batch" in _lib.optional_present:
            name = "campro_kinematics_batch"
        check(_c_function(name)(h, arr, arr.size, *outs), outs, call=name)
        return outs

    # -- boundary conditions by time -------------------------------------------------------

    def boundary_condition(self, time_s: float) -> Tuple[float, float, float]:
        """``(displacement, velocity, acceleration)`` at time ``time_s`` (seconds)."""
        t = float(time_s)
        name = "campro_boundary_condition_at_time"
        bc = _c_function(name)(self._h(), t)
        result = (bc.displacement, bc.velocity, bc.acceleration)
        if any(math.isnan(v) for v in result):
            raise _nan_error(name, "time_s", t)
        return result

    # --- time integrals (0.2, issue 12) ---
    def displacement_time_integrals(self, t0_s: float, t1_s: float) -> Tuple[float, float]:
        """``(integral, double_integral)`` of the displacement over ``[t0_s, t1_s]`` seconds:
        ``∫ s dt`` (mm*s) and ``∫_{t0}^{t1} ∫_{t0}^{τ} s dt dτ`` (mm*s^2), exact
        (campro_displacement_time_integrals). Raises NotImplementedError if the library lacks it."""
        name = "campro_displacement_time_integrals"
        if name not in _lib.optional_present:
            raise NotImplementedError(f"this libcampro has no {name}")
        integral, double_integral = ctypes.c_double(), ctypes.c_double()
        check(
            _c_function(name)(self._h(), float(t0_s), float(t1_s), byref(integral), byref(double_integral)),
            call=name,
        )
        return integral.value, double_integral.value

    def boundary_conditions(self, times_s: npt.ArrayLike, *, parallel: bool = True) -> FloatArray:
        """Array of shape ``times.shape + (3,)`` (so ``(n, 3)`` for n times): columns
        displacement, velocity, acceleration. Uses campro_boundary_conditions (parallel), or
        campro_boundary_conditions_batch with ``parallel=False`` when the library has it."""
        h = self._h()
        arr = _as_input(times_s)
        out = np.empty(arr.shape + (3,), dtype=np.float64)
        # CamproBoundaryCondition is 3 doubles: the C-contiguous (n, 3) block is an array of them.
        ptr = out.ctypes.data_as(POINTER(CamproBoundaryCondition))
        name = "campro_boundary_conditions"
        if not parallel and "campro_boundary_conditions_batch" in _lib.optional_present:
            name = "campro_boundary_conditions_batch"
        check(_c_function(name)(h, arr, arr.size, ptr), out, call=name)
        return out

    def time_function(self, quantity: str = "displacement") -> Tuple[Any, TimeFunctionContext]:
        """``(fn, ctx)`` for solver-style C callbacks: fn is the library's campro_bc_<quantity>
        as a CamproTimeFunction and ctx this Motion's handle as a ``void *`` (a
        ``TimeFunctionContext``, which keeps this Motion alive while it lives; pass ``ctx.value``
        to C code that stores the raw address, and keep ``ctx`` as long as that code uses it)."""
        if quantity not in ("displacement", "velocity", "acceleration"):
            raise ValueError(
                f"unknown quantity {quantity!r}; valid: displacement, velocity, acceleration"
            )
        fn = ctypes.cast(_c_function(f"campro_bc_{quantity}"), CamproTimeFunction)
        ctx = TimeFunctionContext(self._h().value)
        ctx.motion = self
        return fn, ctx

    # -- whole-program queries -------------------------------------------------------------

    def analyze(self, num_points: int = 3600) -> Analysis:
        """Peaks, RMS and limit violations over ``num_points`` angles of one revolution
        (an integer of the C ``size_t`` range, else OverflowError)."""
        n = to_size_t(num_points, "num_points")
        out = CamproAnalysis()
        name = "campro_analyze_kinematics"
        check(_c_function(name)(self._h(), n, byref(out)), call=name)
        return Analysis._from_c(out)

    @property
    def rpm(self) -> float:
        """Cam speed in revolutions per minute (campro_motion_rpm)."""
        if "campro_motion_rpm" not in _lib.optional_present:
            raise NotImplementedError("this libcampro has no campro_motion_rpm")
        value: float = _c_function("campro_motion_rpm")(self._h())
        if math.isnan(value):
            message = "campro_motion_rpm returned NaN for an open Motion"
            raise CamproError(STATUS_ERROR_INTERNAL, message, call="campro_motion_rpm")
        return value

    @property
    def segments(self) -> List[Tuple[Union[str, int], float, float]]:
        """The program as ``(law_name, duration_deg, end_lift_mm)`` tuples (the form
        ``from_segments`` takes); needs campro_motion_segment(_count) in the library."""
        if "campro_motion_segment" not in _lib.optional_present:
            raise NotImplementedError("this libcampro has no campro_motion_segment")
        h = self._h()
        result = []
        seg = CamproSegment()
        for i in range(_c_function("campro_motion_segment_count")(h)):
            status = _c_function("campro_motion_segment")(h, i, byref(seg))
            check(status, call="campro_motion_segment")
            result.append((LAW_NAMES.get(seg.law, seg.law), seg.duration, seg.end_lift))
        return result

    @property
    def period(self) -> float:
        """Duration of one revolution in seconds (60 / rpm)."""
        return 60.0 / self.rpm

    def export_table(
        self,
        path: PathArg,
        format: Union[str, int] = "abaqus",
        quantity: Union[str, int] = "displacement",
        t_start: float = 0.0,
        t_end: Optional[float] = None,
        tolerance: float = 0.0,
    ) -> Optional[Tuple[int, float]]:
        """Write a solver table (campro_export_table) of ``quantity`` against time over
        ``[t_start, t_end]`` seconds; ``t_end`` defaults to one revolution after ``t_start``.
        ``format``: "abaqus", "lsdyna" or "csv" (or the CAMPRO_FORMAT_* code); ``quantity``:
        "displacement", "velocity" or "acceleration" (or the code); ``tolerance``: largest
        linear-interpolation error in the quantity's unit (0 = the library's default).
        Returns ``(num_points, max_error)`` when the library has campro_export_table_report,
        else None. Raises NotImplementedError if the library has no campro_export_table, and
        ValueError for a path with a NUL byte."""
        if "campro_export_table" not in _lib.optional_present:
            raise NotImplementedError("this libcampro has no campro_export_table")
        fmt = _code(format, EXPORT_FORMATS, "format")
        qty = _code(quantity, EXPORT_QUANTITIES, "quantity")
        if t_end is None:
            t_end = float(t_start) + self.period
        args = (self._h(), fmt, qty, float(t_start), float(t_end), float(tolerance),
                to_path(path))
        if "campro_export_table_report" in _lib.optional_present:
            num_points, max_error = ctypes.c_size_t(), ctypes.c_double()
            name = "campro_export_table_report"
            check(_c_function(name)(*args, byref(num_points), byref(max_error)), call=name)
            return num_points.value, max_error.value
        check(_c_function("campro_export_table")(*args), call="campro_export_table")
        return None

    # --- follower dynamics (0.2): see campro.dynamics --------------------------------------

    @overload
    def contact_force(self, theta_deg: float, dynamics: "_dynamics.FollowerDynamics") -> float: ...
    @overload
    def contact_force(
        self, theta_deg: npt.ArrayLike, dynamics: "_dynamics.FollowerDynamics"
    ) -> FloatArray: ...
    def contact_force(
        self, theta_deg: npt.ArrayLike, dynamics: "_dynamics.FollowerDynamics"
    ) -> Union[float, FloatArray]:
        """Contact force (N) between cam and follower at cam angle(s) ``theta_deg`` (degrees):
        ``m a 1e-3 + c v + k s + F0 + F_ext``; negative: the follower leaves the cam. A float for
        a real number, else an array of the input's shape (campro_contact_force_batch)."""
        return _dynamics.evaluate(self._h(), "contact_force", theta_deg, dynamics)

    @overload
    def cam_torque(self, theta_deg: float, dynamics: "_dynamics.FollowerDynamics") -> float: ...
    @overload
    def cam_torque(
        self, theta_deg: npt.ArrayLike, dynamics: "_dynamics.FollowerDynamics"
    ) -> FloatArray: ...
    def cam_torque(
        self, theta_deg: npt.ArrayLike, dynamics: "_dynamics.FollowerDynamics"
    ) -> Union[float, FloatArray]:
        """Camshaft torque (N*mm) at ``theta_deg`` by power balance: ``F ds/dtheta`` (per
        radian); like ``contact_force``."""
        return _dynamics.evaluate(self._h(), "cam_torque", theta_deg, dynamics)

    def dynamics_check(
        self, dynamics: "_dynamics.FollowerDynamics", num_points: int = 3600
    ) -> "_dynamics.DynamicsReport":
        """Min/max contact force, peak and RMS torque, max |v a|, jump speed and separation over
        ``num_points`` angles, extremes refined to full precision (campro_dynamics_check)."""
        return _dynamics.dynamics_check(self._h(), dynamics, num_points)

    def size_spring(
        self,
        dynamics: "_dynamics.FollowerDynamics",
        preload_per_rate_mm: float,
        overspeed_rpm: float,
        safety_factor: float = 1.0,
        num_points: int = 3600,
    ) -> "_dynamics.SpringSizing":
        """The smallest spring rate, with preload = ``preload_per_rate_mm`` x rate, whose force
        is at least ``safety_factor`` times the force needed at every angle and every speed up to
        ``overspeed_rpm`` (campro_size_spring; the follower's own spring values are ignored)."""
        return _dynamics.size_spring(
            self._h(), dynamics, preload_per_rate_mm, overspeed_rpm, safety_factor, num_points
        )

    def size_preload(
        self,
        dynamics: "_dynamics.FollowerDynamics",
        overspeed_rpm: float,
        safety_factor: float = 1.0,
        num_points: int = 3600,
    ) -> "_dynamics.SpringSizing":
        """The smallest preload for ``dynamics.spring_rate`` (campro_size_preload)."""
        return _dynamics.size_preload(self._h(), dynamics, overspeed_rpm, safety_factor, num_points)

    def max_rpm_within_limits(
        self,
        velocity_limit: float = math.inf,
        acceleration_limit: float = math.inf,
        jerk_limit: float = math.inf,
        num_points: int = 3600,
    ) -> "_dynamics.SpeedLimit":
        """The highest rpm at which the velocity (mm/s), acceleration (mm/s^2) and jerk (mm/s^3)
        limits all hold (math.inf: no limit), from refined peaks (campro_max_rpm_within_limits)."""
        return _dynamics.max_rpm_within_limits(
            self._h(), velocity_limit, acceleration_limit, jerk_limit, num_points
        )

    # --- cam geometry (0.2) ---
    def profile(self, theta_deg: npt.ArrayLike, follower: "Follower") -> "Profile":
        """Cam profile points at ``theta_deg`` for ``follower``: a named tuple of arrays
        (x, y, pitch_x, pitch_y, pressure_angle, radius_of_curvature), see campro.geometry."""
        from .geometry import profile

        return profile(self, theta_deg, follower)

    def geometry_check(self, follower: "Follower", num_points: int = 3600) -> "GeometryReport":
        """The cam's design checks (campro_geometry_check), see campro.geometry."""
        from .geometry import geometry_check

        return geometry_check(self, follower, num_points)

    def min_base_circle(
        self, follower: "Follower", max_pressure_angle_deg: float = 90.0, min_convex_radius_mm: float = 0.0
    ) -> float:
        """The smallest base circle meeting the limits (campro_min_base_circle)."""
        from .geometry import min_base_circle

        return min_base_circle(self, follower, max_pressure_angle_deg, min_convex_radius_mm)

    def export_profile(
        self,
        path: PathArg,
        follower: "Follower",
        format: Optional[Union[str, int]] = None,
        tolerance_mm: float = 0.01,
    ) -> None:
        """Write the cam surface as CSV, DXF or an Abaqus surface (campro_export_profile)."""
        from .geometry import export_profile

        export_profile(self, path, follower, format, tolerance_mm)

    # --- lift tables and variable speed (0.2) ---------------------------------------------

    @classmethod
    def from_lift_table(
        cls,
        theta_deg: npt.ArrayLike,
        lift_mm: npt.ArrayLike,
        rpm: float,
        smoothing: float = 0.0,
    ) -> "Motion":
        """The cam of a lift table (campro_motion_from_lift_table): a periodic quintic spline
        through the points (cam angle in degrees, strictly increasing, spanning less than 360;
        lift in mm; at least 8 points), or with ``smoothing > 0`` the smoothest periodic quintic
        spline within that RMS deviation (mm) of them. A bad table raises CamproError naming the
        row and value (e.g. ``theta_deg[3] = 20: the angles must increase strictly ...``)."""
        handle, theta, lift = _lift.from_lift_table(theta_deg, lift_mm, rpm, smoothing)
        motion = cls._adopt(handle)
        motion._lift_points = (theta, lift)
        return motion

    @property
    def lift_table(self) -> Optional[Tuple[FloatArray, FloatArray]]:
        """``(theta_deg, lift_mm)`` copies of the table a ``from_lift_table`` Motion was built
        from (kept by ``with_speed_profile``); None for any other Motion."""
        self._h()
        if self._lift_points is None:
            return None
        return self._lift_points[0].copy(), self._lift_points[1].copy()

    def with_speed_profile(self, times: npt.ArrayLike, rpms: npt.ArrayLike) -> "Motion":
        """A new Motion with this cam and a time-varying speed
        (campro_motion_with_speed_profile): rpm piecewise linear through ``(times[i], rpms[i])``
        (seconds strictly increasing; any finite rpm within the library's bound, 0 and negative
        included), held before the first and after the last point; time 0 is cam angle 0.
        Its boundary conditions, time functions and tables follow the chain rule; its
        angle-based values and ``rpm`` stay this Motion's."""
        motion = type(self)._adopt(_lift.with_speed_profile(self._h(), times, rpms))
        motion._lift_points = self._lift_points
        return motion

    def rpm_at_time(self, time_s: float) -> float:
        """Cam speed at ``time_s`` seconds, rpm (the speed profile's, or the constant rpm)."""
        t = float(time_s)
        value = _lift.rpm_at_time(self._h(), t)
        if math.isnan(value):
            raise _nan_error("campro_motion_rpm_at_time", "time_s", t)
        return value


def _code(value: Union[str, int], table: Dict[str, int], what: str) -> int:
    if isinstance(value, str):
        try:
            return table[value.strip().lower()]
        except KeyError:
            raise ValueError(
                f"unknown {what} {value!r}; valid: {', '.join(table)}"
            ) from None
    return to_int32(value, what)
