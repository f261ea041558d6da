"""Python values -> C argument values, checked: never a silently wrapped integer or a truncated path.

ctypes converts an int to ``size_t`` or ``int32_t`` modulo 2**N (``c_size_t(2**64 + 3600)`` is
3600) and passes bytes with a NUL byte as a C string that ends there. Every integer and path
campro hands to C goes through these functions first.
"""

from __future__ import annotations

import ctypes
import operator
import os
from typing import SupportsIndex, Union, cast

#: the range of C ``size_t`` on this platform
SIZE_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1
#: the range of C ``int32_t``
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1

#: what the path-taking calls accept (``str``, ``bytes`` or ``os.PathLike``)
PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def _integer(value: object, name: str) -> int:
    try:
        return operator.index(cast(SupportsIndex, value))  # int, numpy integers, bool; not float
    except TypeError:
        raise TypeError(
            f"{name} must be an integer, not {type(value).__name__} ({value!r})"
        ) from None


def to_size_t(value: object, name: str) -> int:
    """``value`` as a C ``size_t``: OverflowError outside 0..SIZE_MAX, TypeError if not an integer."""
    n = _integer(value, name)
    if not 0 <= n <= SIZE_MAX:
        raise OverflowError(f"{name} = {n}: out of range of the C type size_t (0 ..= {SIZE_MAX})")
    return n


def to_int32(value: object, name: str) -> int:
    """``value`` as a C ``int32_t``: OverflowError outside its range, TypeError if not an integer."""
    n = _integer(value, name)
    if not INT32_MIN <= n <= INT32_MAX:
        raise OverflowError(
            f"{name} = {n}: out of range of the C type int32_t ({INT32_MIN} ..= {INT32_MAX})"
        )
    return n


def to_path(path: PathArg, name: str = "path") -> bytes:
    """A file-system path as the bytes of a C string: ValueError if it holds a NUL byte (C would
    read only the part before it, a different file)."""
    encoded = os.fsencode(path)
    if b"\0" in encoded:
        raise ValueError(f"{name} = {path!r}: a path must not contain a NUL byte")
    return encoded


class SizeT:
    """ctypes argtype for ``size_t``: the range-checked twin of ``ctypes.c_size_t``."""

    @classmethod
    def from_param(cls, value: object) -> ctypes.c_size_t:
        return ctypes.c_size_t(to_size_t(value, "size_t argument"))


class Int32:
    """ctypes argtype for ``int32_t``: the range-checked twin of ``ctypes.c_int32``."""

    @classmethod
    def from_param(cls, value: object) -> ctypes.c_int32:
        return ctypes.c_int32(to_int32(value, "int32_t argument"))


class CPath:
    """ctypes argtype for a ``const char *path``: bytes, str or PathLike, no NUL byte."""

    @classmethod
    def from_param(cls, value: PathArg) -> bytes:
        return to_path(value)
