"""Status codes, motion-law codes and the exception raised for C errors."""

from __future__ import annotations

import ctypes
import numbers

from . import _lib

STATUS_OK = 0
STATUS_ERROR_NULL_POINTER = 1
STATUS_ERROR_INVALID_PARAMETER = 2
STATUS_ERROR_NON_FINITE_INPUT = 3
STATUS_ERROR_PARSE = 4
STATUS_ERROR_IO = 5
STATUS_ERROR_BUFFER_TOO_SMALL = 6
STATUS_ERROR_INTERNAL = 7

LAW_DWELL = 0
LAW_CYCLOIDAL = 1
LAW_SIMPLE_HARMONIC = 2
LAW_MODIFIED_TRAPEZOIDAL = 3
LAW_MODIFIED_SINE = 4
LAW_POLYNOMIAL_345 = 5
LAW_POLYNOMIAL_4567 = 6
LAW_CONSTANT_ACCELERATION = 7

#: law name -> C code (CAMPRO_LAW_*)
LAWS = {
    "dwell": LAW_DWELL,
    "cycloidal": LAW_CYCLOIDAL,
    "simple_harmonic": LAW_SIMPLE_HARMONIC,
    "modified_trapezoidal": LAW_MODIFIED_TRAPEZOIDAL,
    "modified_sine": LAW_MODIFIED_SINE,
    "polynomial_345": LAW_POLYNOMIAL_345,
    "polynomial_4567": LAW_POLYNOMIAL_4567,
    "constant_acceleration": LAW_CONSTANT_ACCELERATION,
}
LAW_NAMES = {code: name for name, code in LAWS.items()}


def law_code(law) -> int:
    """A law given by name (case-insensitive, see ``LAWS``) or by integer code -> the C code.

    Unknown *names* raise ValueError here (listing the valid names); integer codes are passed
    through unchanged so that the library validates them (an out-of-range code becomes a
    CamproError with status INVALID_PARAMETER and the library's message).
    """
    if isinstance(law, str):
        try:
            return LAWS[law.strip().lower()]
        except KeyError:
            raise ValueError(
                f"unknown motion law {law!r}; valid names: {', '.join(LAWS)}"
            ) from None
    if isinstance(law, bool) or not isinstance(law, numbers.Integral):
        raise TypeError(f"motion law must be a name or an integer code, not {law!r}")
    code = int(law)
    if not -(2**31) <= code < 2**31:  # would not fit the C int32_t field
        raise ValueError(f"motion law code {code} is out of the int32 range")
    return code


def status_name(status: int) -> str:
    """The library's name of a status code, e.g. ``"CAMPRO_ERROR_IO"``."""
    return _lib.lib.campro_status_name(int(status)).decode("ascii", "replace")


def last_error_message() -> str:
    """The calling thread's most recent error message from the library ("" if none)."""
    fn = _lib.lib.campro_last_error_message
    length = fn(None, 0)
    if length == 0:
        return ""
    buf = ctypes.create_string_buffer(length + 1)
    fn(buf, length + 1)
    return buf.value.decode("utf-8", "replace")


class CamproError(Exception):
    """A failed campro call.

    Attributes: ``status`` (int, a STATUS_* code), ``status_name`` (e.g.
    ``"CAMPRO_ERROR_NON_FINITE_INPUT"``), ``message`` (the library's message) and ``result``
    (for batch evaluations that hit a non-finite input: the fully written output, with NaN at
    the offending indices; otherwise None).
    """

    def __init__(self, status: int, message: str = "", result=None):
        self.status = int(status)
        self.status_name = status_name(self.status)
        self.message = message
        self.result = result
        super().__init__(f"{self.status_name}: {message}" if message else self.status_name)


def check(status: int, result=None) -> None:
    """Raise CamproError (with the thread's last message) unless ``status`` is CAMPRO_OK."""
    if status != STATUS_OK:
        raise CamproError(status, last_error_message(), result)
