"""The ``Motion`` class: one validated cam program (a ``CamproMotion *`` handle)."""

from __future__ import annotations

import ctypes
import math
import numbers
import os
from ctypes import POINTER, byref, c_void_p
from dataclasses import dataclass

import numpy as np

from . import _lib
from ._lib import (
    CamproAnalysis,
    CamproBoundaryCondition,
    CamproParameters,
    CamproSegment,
    CamproTimeFunction,
)
from .errors import (
    LAW_NAMES,
    STATUS_ERROR_INTERNAL,
    STATUS_ERROR_NON_FINITE_INPUT,
    CamproError,
    check,
    last_error_message,
    law_code,
)

PARAMETER_FIELDS = tuple(name for name, _ in CamproParameters._fields_)
_LAW_FIELDS = ("rise_law", "fall_law")
_QUANTITIES = ("displacement", "velocity", "acceleration", "jerk")

#: export formats and quantities of campro_export_table
EXPORT_FORMATS = {"csv": 0, "abaqus": 1, "lsdyna": 2}
EXPORT_QUANTITIES = {"displacement": 0, "velocity": 1, "acceleration": 2}


def _c_function(name: str):
    # Looked up at call time (not bound at import) so tests can spy on the ctypes functions.
    return getattr(_lib.lib, name)


def default_parameters() -> dict:
    """``campro_parameters_default`` as a dict (laws as integer codes)."""
    p = CamproParameters()
    _lib.lib.campro_parameters_default(byref(p))
    return {name: getattr(p, name) for name in PARAMETER_FIELDS}


def _is_scalar(x) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, np.ndarray)


def _as_input(x) -> np.ndarray:
    """float64, C-contiguous, aligned view of ``x``: no copy when it already is one."""
    arr = np.asarray(x, dtype=np.float64)
    if not (arr.flags.c_contiguous and arr.flags.aligned):
        arr = np.array(arr, dtype=np.float64, order="C")
    return arr


def _scalar_error(x) -> CamproError:
    # The scalar C functions return NaN (and record a message) only for a non-finite input.
    finite = all(math.isfinite(v) for v in (x if isinstance(x, tuple) else (x,)))
    status = STATUS_ERROR_INTERNAL if finite else STATUS_ERROR_NON_FINITE_INPUT
    return CamproError(status, last_error_message())


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
    def _from_c(cls, a: CamproAnalysis) -> "Analysis":
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

    _handle = None  # so that __del__ works even when __init__ failed

    def __init__(self, **params):
        p = CamproParameters()
        _lib.lib.campro_parameters_default(byref(p))
        for key, value in params.items():
            if key not in PARAMETER_FIELDS:
                raise TypeError(
                    f"Motion() got an unexpected keyword argument {key!r}; "
                    f"valid: {', '.join(PARAMETER_FIELDS)}"
                )
            if key in _LAW_FIELDS:
                setattr(p, key, law_code(value))
            else:
                setattr(p, key, float(value))
        handle = c_void_p()
        check(_lib.lib.campro_motion_new(byref(p), byref(handle)))
        self._handle = handle

    @classmethod
    def _adopt(cls, handle: c_void_p) -> "Motion":
        self = cls.__new__(cls)
        self._handle = handle
        return self

    @classmethod
    def from_segments(cls, segments, rpm: float) -> "Motion":
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
            array[i] = CamproSegment(law_code(law), float(duration), float(end_lift))
        handle = c_void_p()
        check(
            _lib.lib.campro_motion_from_segments(
                array, len(segments), float(rpm), byref(handle)
            )
        )
        return cls._adopt(handle)

    @classmethod
    def load(cls, path) -> "Motion":
        """A program from a .toml or .json parameter file (str or os.PathLike)."""
        handle = c_void_p()
        check(_lib.lib.campro_motion_load(os.fsencode(path), byref(handle)))
        return cls._adopt(handle)

    # -- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        """Free the C handle (idempotent)."""
        handle, self._handle = self._handle, None
        if handle is not None and handle.value:
            _lib.lib.campro_motion_free(handle)

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: module globals may be gone
            pass

    def __enter__(self) -> "Motion":
        self._h()
        return self

    def __exit__(self, *exc) -> None:
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
        return self._h().value

    def __repr__(self) -> str:
        if self.closed:
            return "<campro.Motion closed>"
        return f"<campro.Motion at 0x{self.handle:x}>"

    # -- evaluation ----------------------------------------------------------------------

    def _evaluate(self, quantity: str, theta_deg, parallel: bool):
        h = self._h()
        if _is_scalar(theta_deg):
            x = float(theta_deg)
            value = _c_function(f"campro_{quantity}")(h, x)
            if math.isnan(value):
                raise _scalar_error(x)
            return value
        arr = _as_input(theta_deg)
        out = np.empty(arr.shape, dtype=np.float64)
        fn = _c_function(f"campro_{quantity}_{'parallel' if parallel else 'batch'}")
        check(fn(h, arr, out, arr.size), out)
        return out

    def displacement(self, theta_deg, *, parallel: bool = False):
        """Follower lift in mm at cam angle(s) ``theta_deg`` (degrees)."""
        return self._evaluate("displacement", theta_deg, parallel)

    def velocity(self, theta_deg, *, parallel: bool = False):
        """Follower velocity in mm/s at the cam's rpm."""
        return self._evaluate("velocity", theta_deg, parallel)

    def acceleration(self, theta_deg, *, parallel: bool = False):
        """Follower acceleration in mm/s^2 at the cam's rpm."""
        return self._evaluate("acceleration", theta_deg, parallel)

    def jerk(self, theta_deg, *, parallel: bool = False):
        """Follower jerk in mm/s^3 at the cam's rpm."""
        return self._evaluate("jerk", theta_deg, parallel)

    def kinematics(self, theta_deg, *, parallel: bool = True):
        """``(displacement, velocity, acceleration, jerk)``: floats for a scalar angle, else
        four arrays shaped like the input (campro_kinematics_parallel; ``parallel=False`` uses
        the serial campro_kinematics_batch when the library has it)."""
        h = self._h()
        if _is_scalar(theta_deg):
            x = float(theta_deg)
            k = _c_function("campro_kinematics")(h, x)
            result = (k.displacement, k.velocity, k.acceleration, k.jerk)
            if any(math.isnan(v) for v in result):
                raise _scalar_error(x)
            return result
        arr = _as_input(theta_deg)
        outs = tuple(np.empty(arr.shape, dtype=np.float64) for _ in _QUANTITIES)
        name = "campro_kinematics_parallel"
        if not parallel and "campro_kinematics_batch" in _lib.optional_present:
            name = "campro_kinematics_batch"
        check(_c_function(name)(h, arr, arr.size, *outs), outs)
        return outs

    # -- boundary conditions by time -------------------------------------------------------

    def boundary_condition(self, time_s: float) -> tuple:
        """``(displacement, velocity, acceleration)`` at time ``time_s`` (seconds)."""
        t = float(time_s)
        bc = _c_function("campro_boundary_condition_at_time")(self._h(), t)
        result = (bc.displacement, bc.velocity, bc.acceleration)
        if any(math.isnan(v) for v in result):
            raise _scalar_error(t)
        return result

    def boundary_conditions(self, times_s, *, parallel: bool = True) -> np.ndarray:
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
        check(_c_function(name)(h, arr, arr.size, ptr), out)
        return out

    def time_function(self, quantity: str = "displacement"):
        """``(fn, ctx)`` for solver-style C callbacks: fn is the library's campro_bc_<quantity>
        as a CamproTimeFunction and ctx this Motion's handle (valid while the Motion is open)."""
        if quantity not in ("displacement", "velocity", "acceleration"):
            raise ValueError(
                f"unknown quantity {quantity!r}; valid: displacement, velocity, acceleration"
            )
        fn = ctypes.cast(_c_function(f"campro_bc_{quantity}"), CamproTimeFunction)
        return fn, self._h()

    # -- whole-program queries -------------------------------------------------------------

    def analyze(self, num_points: int = 3600) -> Analysis:
        """Peaks, RMS and limit violations over ``num_points`` angles of one revolution."""
        if num_points < 0:
            raise ValueError(f"num_points = {num_points}: must be >= 0")
        out = CamproAnalysis()
        check(_c_function("campro_analyze_kinematics")(self._h(), int(num_points), byref(out)))
        return Analysis._from_c(out)

    @property
    def rpm(self) -> float:
        """Cam speed in revolutions per minute (campro_motion_rpm)."""
        if "campro_motion_rpm" not in _lib.optional_present:
            raise NotImplementedError("this libcampro has no campro_motion_rpm")
        value = _c_function("campro_motion_rpm")(self._h())
        if math.isnan(value):
            raise CamproError(STATUS_ERROR_INTERNAL, last_error_message())
        return value

    @property
    def segments(self) -> list:
        """The program as ``(law_name, duration_deg, end_lift_mm)`` tuples (the form
        ``from_segments`` takes); needs campro_motion_segment(_count) in the library."""
        if "campro_motion_segment" not in _lib.optional_present:
            raise NotImplementedError("this libcampro has no campro_motion_segment")
        h = self._h()
        result = []
        seg = CamproSegment()
        for i in range(_c_function("campro_motion_segment_count")(h)):
            check(_c_function("campro_motion_segment")(h, i, byref(seg)))
            result.append((LAW_NAMES.get(seg.law, seg.law), seg.duration, seg.end_lift))
        return result

    @property
    def period(self) -> float:
        """Duration of one revolution in seconds (60 / rpm)."""
        return 60.0 / self.rpm

    def export_table(
        self,
        path,
        format: str = "abaqus",
        quantity: str = "displacement",
        t_start: float = 0.0,
        t_end: float | None = None,
        tolerance: float = 0.0,
    ):
        """Write a solver table (campro_export_table) of ``quantity`` against time over
        ``[t_start, t_end]`` seconds; ``t_end`` defaults to one revolution after ``t_start``.
        ``format``: "abaqus", "lsdyna" or "csv" (or the CAMPRO_FORMAT_* code); ``quantity``:
        "displacement", "velocity" or "acceleration" (or the code); ``tolerance``: largest
        linear-interpolation error in the quantity's unit (0 = the library's default).
        Returns ``(num_points, max_error)`` when the library has campro_export_table_report,
        else None. Raises NotImplementedError if the library has no campro_export_table."""
        if "campro_export_table" not in _lib.optional_present:
            raise NotImplementedError("this libcampro has no campro_export_table")
        fmt = _code(format, EXPORT_FORMATS, "format")
        qty = _code(quantity, EXPORT_QUANTITIES, "quantity")
        if t_end is None:
            t_end = float(t_start) + self.period
        args = (self._h(), fmt, qty, float(t_start), float(t_end), float(tolerance),
                os.fsencode(path))
        if "campro_export_table_report" in _lib.optional_present:
            num_points, max_error = ctypes.c_size_t(), ctypes.c_double()
            check(_c_function("campro_export_table_report")(*args, byref(num_points),
                                                            byref(max_error)))
            return num_points.value, max_error.value
        check(_c_function("campro_export_table")(*args))
        return None


def _code(value, table: dict, what: str) -> int:
    if isinstance(value, str):
        try:
            return table[value.strip().lower()]
        except KeyError:
            raise ValueError(
                f"unknown {what} {value!r}; valid: {', '.join(table)}"
            ) from None
    return int(value)
