"""Shares fixtures, and chooses which campro package the tests import.

Source mode (the default): the in-tree package python/campro (put first on sys.path here, and by
run.sh through PYTHONPATH=python), with libcampro.so from CAMPRO_LIB or target/release.
Wheel mode (CAMPRO_TEST_INSTALLED=1, set by run.sh after `pip install .` into a venv): the
installed package and the library inside it; nothing from the source tree is put on sys.path.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("CAMPRO_ROOT") or Path(__file__).resolve().parents[2])
INSTALLED = os.environ.get("CAMPRO_TEST_INSTALLED") == "1"
if not INSTALLED:
    sys.path.insert(0, str(ROOT / "python"))


@pytest.fixture
def root():
    return ROOT


@pytest.fixture
def motion():
    import campro

    with campro.Motion() as m:
        yield m
