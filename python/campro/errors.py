"""Status codes, motion-law codes and the exception raised for C errors."""

from __future__ import annotations

import ctypes
import numbers
from typing import Any, Dict, Optional, Union

from . import _lib
from ._convert import to_int32

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
LAWS: Dict[str, int] = {
    "dwell": LAW_DWELL,
    "cycloidal": LAW_CYCLOIDAL,
    "simple_harmonic": LAW_SIMPLE_HARMONIC,
    "modified_trapezoidal": LAW_MODIFIED_TRAPEZOIDAL,
    "modified_sine": LAW_MODIFIED_SINE,
    "polynomial_345": LAW_POLYNOMIAL_345,
    "polynomial_4567": LAW_POLYNOMIAL_4567,
    "constant_acceleration": LAW_CONSTANT_ACCELERATION,
}
LAW_NAMES: Dict[int, str] = {code: name for name, code in LAWS.items()}


def law_code(law: Union[str, int], name: str = "law") -> int:
    """A law given by name (case-insensitive, see ``LAWS``) or by integer code -> the C code.

    Unknown *names* raise ValueError here (listing the valid names); integer codes are passed
    through unchanged so that the library validates them (an out-of-range code becomes a
    CamproError with status INVALID_PARAMETER and the library's message), except that a code
    outside the C ``int32_t`` range raises OverflowError naming ``name``.
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
    return to_int32(law, name)


def status_name(status: int) -> str:
    """The library's name of a status code, e.g. ``"CAMPRO_ERROR_IO"``."""
    name: bytes = _lib.lib.campro_status_name(to_int32(status, "status"))
    return name.decode("ascii", "replace")


def last_error_message() -> str:
    """The calling thread's most recent error message from the library ("" if none)."""
    fn = _lib.lib.campro_last_error_message
    length: int = fn(None, 0)
    if length == 0:
        return ""
    buf = ctypes.create_string_buffer(length + 1)
    fn(buf, length + 1)
    return buf.value.decode("utf-8", "replace")


class CamproError(Exception):
    """A failed campro call.

    Attributes: ``status`` (int, a STATUS_* code), ``status_name`` (e.g.
    ``"CAMPRO_ERROR_NON_FINITE_INPUT"``), ``message`` (the library's message, never empty),
    ``call`` (the C function that failed, when known) and ``result`` (for batch evaluations that
    hit a non-finite input: the fully written output, with NaN at the offending indices;
    otherwise None).
    """

    def __init__(
        self, status: int, message: str = "", result: Any = None, call: Optional[str] = None
    ) -> None:
        self.status = int(status)
        self.status_name = status_name(self.status)
        self.call = call
        if not message:  # the library recorded nothing: say at least what failed and how
            what = call if call else "a campro call"
            message = f"{what} failed with {self.status_name} (status {self.status}) and no message"
        self.message = message
        self.result = result
        super().__init__(f"{self.status_name}: {message}")


def check(status: int, result: Any = None, *, call: Optional[str] = None) -> None:
    """Raise CamproError (with the thread's last message) unless ``status`` is CAMPRO_OK.
    ``call`` names the C function, for the message when the library left none."""
    if status != STATUS_OK:
        raise CamproError(status, last_error_message(), result, call)
