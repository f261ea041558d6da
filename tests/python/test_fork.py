"""Fork safety (issue 15): multiprocessing with the fork start method after a parallel call.

Python's multiprocessing forks by default on Linux. A parent that had made a parallel call (so
libcampro's pool had worker threads) used to leave its forked children hanging forever in their
first parallel call large enough to use the pool. Every wait here has a timeout, and the children are
killed on timeout, so a regression fails instead of hanging the suite.
"""

import multiprocessing
import warnings

import numpy as np
import pytest

import campro

POINTS = 100_000
TIMEOUT_S = 60

# Set by the test in the parent before forking: the children inherit them.
_motion = None
_angles = None


def _child_displacement(chunk: int) -> np.ndarray:
    """Runs in a forked pool worker: a parallel call of POINTS points."""
    return _motion.displacement(_angles + chunk, parallel=True)


def _child_exit_code(expected: np.ndarray, queue) -> None:
    """Runs in a forked Process: parallel calls by angle and by time, compared bit for bit."""
    try:
        ok = np.array_equal(_motion.displacement(_angles, parallel=True), expected)
        times = _angles / 18000.0 + 1e6
        bc = _motion.boundary_conditions(times, parallel=True)
        ok = ok and np.array_equal(bc, _motion.boundary_conditions(times, parallel=False))
        queue.put(bool(ok))
    except BaseException as e:  # reported to the parent, which fails the test
        queue.put(repr(e))


@pytest.fixture
def forking_parent():
    global _motion, _angles
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("this platform has no fork start method")
    _motion = campro.Motion()
    _angles = np.linspace(-1000.0, 6000.0, POINTS)
    # The parent's parallel call: the library's pool (with its worker threads) now runs.
    parent = _motion.displacement(_angles, parallel=True)
    assert np.array_equal(parent, _motion.displacement(_angles, parallel=False))
    with warnings.catch_warnings():
        # Python 3.12+ warns that fork() in a multi-threaded process may deadlock: exactly what
        # this test checks does not happen.
        warnings.simplefilter("ignore", DeprecationWarning)
        yield multiprocessing.get_context("fork"), parent
    _motion.close()
    _motion = None


def test_forked_pool_workers_run_parallel_calls(forking_parent):
    ctx, parent = forking_parent
    pool = ctx.Pool(2)
    try:
        result = pool.map_async(_child_displacement, [0.0, 360.0, 720.0])
        chunks = result.get(timeout=TIMEOUT_S)  # multiprocessing.TimeoutError on a hang
    finally:
        pool.terminate()
        pool.join()
    for chunk in chunks:
        # Whole turns later: the same positions, to the reduction's exactness.
        np.testing.assert_allclose(chunk, parent, rtol=0, atol=1e-9)
    assert np.array_equal(chunks[0], parent)


def test_forked_process_matches_the_parent_bitwise(forking_parent):
    ctx, parent = forking_parent
    queue = ctx.Queue()
    child = ctx.Process(target=_child_exit_code, args=(parent, queue))
    child.start()
    child.join(TIMEOUT_S)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"the forked child hung for {TIMEOUT_S} s in a parallel call")
    assert child.exitcode == 0
    assert queue.get(timeout=5) is True
    # And the parent's own pool still works after the fork.
    assert np.array_equal(_motion.displacement(_angles, parallel=True), parent)
