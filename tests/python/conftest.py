"""Makes the in-tree package (python/campro) importable and shares fixtures."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("CAMPRO_ROOT") or Path(__file__).resolve().parents[2])
sys.path.insert(0, str(ROOT / "python"))


@pytest.fixture
def root():
    return ROOT


@pytest.fixture
def motion():
    import campro

    with campro.Motion() as m:
        yield m
