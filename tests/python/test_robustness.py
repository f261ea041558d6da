"""What the Python layer must never do with a value C cannot take: truncate a path at a NUL byte,
wrap an integer into its C type, hand out a freed handle, or raise an error without a message."""

import ctypes
import gc
import math
import threading

import numpy as np
import pytest

import campro
from campro import Motion

SIZE_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1


def _in_new_thread(fn):
    """fn() on a fresh thread, whose library error message is still empty; returns (value, exc)."""
    result = {}

    def run():
        try:
            result["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            result["exc"] = exc

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return result.get("value"), result.get("exc")


# --------------------------------------------------------------------------- paths with NUL


def test_load_path_with_nul_is_a_value_error(root, tmp_path):
    good = root / "examples" / "params" / "camprov5_defaults.toml"
    with Motion.load(good) as m:  # the part before the NUL byte is a loadable file
        assert m.displacement(45.0) == pytest.approx(5.0, abs=1e-12)
    for path in (f"{good}\0junk", str(good).encode() + b"\0junk"):
        with pytest.raises(ValueError, match="NUL"):
            Motion.load(path)


def test_export_path_with_nul_is_a_value_error(motion, tmp_path):
    if not campro.HAVE_EXPORT_TABLE:
        pytest.skip("library without campro_export_table")
    target = tmp_path / "table.csv"
    for path in (f"{target}\0.inp", str(target).encode() + b"\0x"):
        with pytest.raises(ValueError, match="NUL"):
            motion.export_table(path, format="csv")
    assert list(tmp_path.iterdir()) == []  # nothing written under the truncated name
    motion.export_table(target, format="csv")  # the same path without NUL works
    assert target.stat().st_size > 1000


def test_raw_calls_refuse_nul_paths(tmp_path):
    # campro.lib itself is declared with the checked path type.
    handle = ctypes.c_void_p()
    with pytest.raises(ctypes.ArgumentError, match="NUL"):
        campro.lib.campro_motion_load(b"cam.toml\0junk", ctypes.byref(handle))
    assert handle.value is None


# --------------------------------------------------------------------------- integer ranges


def test_analyze_out_of_size_t_range_is_an_overflow_error(motion):
    want = motion.analyze(3600)
    assert motion.analyze(np.uint64(3600)) == want
    for n in (2**64 + 3600, SIZE_MAX + 1, -1, -(2**64) + 3600):
        with pytest.raises(OverflowError, match="num_points"):
            motion.analyze(n)
    with pytest.raises(TypeError, match="num_points"):
        motion.analyze(3600.0)  # never silently int(3600.7)


def test_set_num_threads_out_of_size_t_range(motion):
    for n in (2**64, 2**64 + 1, -1):
        with pytest.raises(OverflowError, match="size_t"):
            campro.set_num_threads(n)


def test_law_codes_out_of_int32_range():
    for code in (2**31, 2**32 + 1, -(2**31) - 1):  # 2**32 + 1 would wrap to CYCLOIDAL
        with pytest.raises(OverflowError, match="rise_law"):
            Motion(rise_law=code)
        with pytest.raises(OverflowError, match=r"segments\[0\]\.law"):
            Motion.from_segments([(code, 360.0, 0.0)], rpm=100)
    with pytest.raises(campro.CamproError) as e:  # in range but unknown: the library says so
        Motion(rise_law=2**31 - 1)
    assert e.value.status == campro.STATUS_ERROR_INVALID_PARAMETER
    with pytest.raises(OverflowError, match="status"):
        campro.status_name(2**32)  # would wrap to CAMPRO_OK


def test_export_codes_out_of_int32_range(motion, tmp_path):
    if not campro.HAVE_EXPORT_TABLE:
        pytest.skip("library without campro_export_table")
    with pytest.raises(OverflowError, match="format"):
        motion.export_table(tmp_path / "t.csv", format=2**32)  # would wrap to csv
    with pytest.raises(OverflowError, match="quantity"):
        motion.export_table(tmp_path / "t.csv", format="csv", quantity=2**32 + 1)
    assert list(tmp_path.iterdir()) == []


def test_every_raw_integer_argument_is_checked():
    # No plain ctypes integer type is left in any declaration: those wrap silently.
    from campro import _convert, _lib

    for name, (_, argtypes) in {**_lib.REQUIRED, **_lib.OPTIONAL}.items():
        for i, t in enumerate(argtypes):
            assert t not in (ctypes.c_size_t, ctypes.c_int32, ctypes.c_char_p) or (
                name == "campro_last_error_message" and i == 0  # the message buffer
            ), (name, i, t)
    with pytest.raises(ctypes.ArgumentError, match="size_t"):
        campro.lib.campro_set_num_threads(2**64 + 1)
    with pytest.raises(ctypes.ArgumentError, match="int32_t"):
        campro.lib.campro_status_name(2**32)
    assert _convert.to_size_t(SIZE_MAX, "n") == SIZE_MAX
    assert _convert.to_int32(-(2**31), "n") == -(2**31)


# --------------------------------------------------------------------------- time_function lifetime


def test_time_function_of_a_temporary_motion_keeps_it_alive(monkeypatch):
    gc.collect()  # earlier tests' garbage is freed before the watch starts
    freed = []
    real_free = campro.lib.campro_motion_free
    monkeypatch.setattr(campro.lib, "campro_motion_free",
                        lambda h: (freed.append(h.value), real_free(h)))
    fn, ctx = Motion().time_function()
    vfn, vctx = Motion(rpm=6000).time_function("velocity")
    gc.collect()
    # Neither temporary Motion's handle was freed (other objects' may be: not this test's).
    assert ctx.value not in freed and vctx.value not in freed, (freed, ctx.value, vctx.value)
    # Other motions now take fresh allocations; a freed handle would read one of them.
    others = [Motion(rpm=100.0 * (i + 1), max_lift=1.0 + i) for i in range(20)]
    assert fn(0.0025, ctx) == pytest.approx(5.0, abs=1e-12)  # 45 deg at 3000 rpm
    assert fn(0.005, ctx) == pytest.approx(10.0, abs=1e-12)
    # cycloidal at 6000 rpm, 45 deg: v = h * (36000 / 90) * 2
    assert vfn(0.00125, vctx) == pytest.approx(10.0 * 400.0 * 2.0, rel=1e-12)
    assert isinstance(ctx, ctypes.c_void_p) and ctx.value == ctx.motion.handle
    handle = ctx.value
    del fn, ctx, others
    gc.collect()
    assert handle in freed  # released once the context is gone, not leaked


# --------------------------------------------------------------------------- messages


def test_error_without_library_message_names_the_call(motion, monkeypatch):
    monkeypatch.setattr(campro.lib, "campro_analyze_kinematics",
                        lambda *args: campro.STATUS_ERROR_INTERNAL)
    _, exc = _in_new_thread(lambda: motion.analyze(100))
    assert isinstance(exc, campro.CamproError)
    assert exc.status == campro.STATUS_ERROR_INTERNAL
    assert exc.call == "campro_analyze_kinematics"
    assert "campro_analyze_kinematics" in exc.message and "CAMPRO_ERROR_INTERNAL" in exc.message
    assert str(exc).startswith("CAMPRO_ERROR_INTERNAL: campro_analyze_kinematics")
    assert campro.CamproError(campro.STATUS_ERROR_IO).message  # never empty, whoever builds it


def test_nan_for_a_finite_input_names_the_call(motion, monkeypatch):
    monkeypatch.setattr(campro.lib, "campro_velocity", lambda h, x: math.nan)
    _, exc = _in_new_thread(lambda: motion.velocity(45.0))
    assert isinstance(exc, campro.CamproError)
    assert exc.status == campro.STATUS_ERROR_INTERNAL
    assert exc.message == "campro_velocity(theta_deg=45.0) returned NaN for a finite input"
    # A non-finite input keeps the library's own message.
    with pytest.raises(campro.CamproError) as e:
        motion.jerk(math.inf)
    assert e.value.status == campro.STATUS_ERROR_NON_FINITE_INPUT
    assert "theta_deg" in e.value.message and "finite" in e.value.message


def test_huge_speed_never_gives_an_empty_message():
    # rpm 1e150 was accepted and its jerk overflowed to NaN: CamproError(INTERNAL) with no
    # message. Whether the library now refuses such an rpm or not, every error says something.
    def use():
        with Motion(rpm=1e150) as m:
            for angle in (0.0, 45.0, 90.0):
                m.kinematics(angle)
                m.jerk(angle)

    _, exc = _in_new_thread(use)
    if exc is not None:
        assert isinstance(exc, campro.CamproError), exc
        assert exc.message.strip(), exc
        assert exc.status in (campro.STATUS_ERROR_INVALID_PARAMETER, campro.STATUS_ERROR_INTERNAL)
        if exc.status == campro.STATUS_ERROR_INTERNAL:
            assert exc.message.startswith(("campro_kinematics(", "campro_jerk(")), exc.message
