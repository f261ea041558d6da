#!/usr/bin/env bash
# Python suite: pytest over every tests/python/test_*.py, in two passes.
#   1. source: the in-tree package (PYTHONPATH=python) with libcampro.so from CAMPRO_LIB, else
#      target/release (a developer's checkout after `cargo build --release`).
#   2. wheel: `pip install .` (the README's command) into the venv target/python-venv, then the same
#      tests from a folder outside the tree with no PYTHONPATH and no CAMPRO_LIB: the installed
#      package must find the library inside its wheel. The venv sees the base interpreter's
#      packages (numpy, pytest, matplotlib); mypy is added to it for the type-hint tests, scipy for
#      test_lift.py's spline oracle. Cargo
#      builds the wheel's library in target/wheel (setup.py), so a second run only copies.
# Ends with "python: N passed, M failed" over both passes; exits non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
export CAMPRO_ROOT=$root
export PYTHONDONTWRITEBYTECODE=1   # nothing written into the source tree
PY=${PYTHON:-python3}
venv=$root/target/python-venv

work=$(mktemp -d "${TMPDIR:-/tmp}/campro-python.XXXXXX")
trap 'rm -rf "$work"' EXIT

passed=0; failed=0
# tally NAME REPORT RC: adds a pass's junit counts; a pytest that failed without failing tests
# (exit 2..5: interrupted, usage error, no tests) counts as one failure.
tally() {
  local name=$1 report=$2 rc=$3 counts p f
  counts=$("$PY" - "$report" <<'PYEOF' || echo "0 1"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
total = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(total - bad - skipped, bad)
PYEOF
)
  read -r p f <<<"$counts"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "python ($name): $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))
}

# --- pass 1: the source tree
# --- cam geometry (0.2) ---: the DXF is read back by ezdxf, an independent reader.
if ! "$PY" -c 'import ezdxf' >/dev/null 2>&1; then
  "$PY" -m pip install --quiet --disable-pip-version-check ezdxf
fi

rc=0
(cd "$root" && PYTHONPATH=$root/python CAMPRO_LIB=${CAMPRO_LIB:-$root/target/release/libcampro.so} \
  "$PY" -m pytest -q -p no:cacheprovider --junitxml="$work/source.xml" tests/python) || rc=$?
tally source "$work/source.xml" "$rc"

# --- pass 2: the installed wheel
install_wheel() {
  # A venv left half-made (an interrupted run) or without the base packages is made again.
  if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c 'import pytest, numpy' 2>/dev/null; then
    rm -rf "$venv"
  fi
  if [ ! -x "$venv/bin/python" ]; then
    "$PY" -m venv --system-site-packages "$venv" || return 1
  fi
  (cd "$root" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check .) || return 1
  if ! "$venv/bin/python" -c 'import mypy' 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check mypy || return 1
  fi
  # --- lift tables (0.2): scipy is test_lift.py's independent spline oracle (required in this pass)
  if ! "$venv/bin/python" -c 'import scipy' 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check scipy || return 1
  fi
}
if install_wheel >"$work/install.log" 2>&1; then
  rc=0
  (cd "$work" && env -u CAMPRO_LIB -u PYTHONPATH CAMPRO_TEST_INSTALLED=1 \
    "$venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir="$here" \
      --junitxml="$work/wheel.xml" "$here") || rc=$?
  tally wheel "$work/wheel.xml" "$rc"
else
  echo "python (wheel): pip install . into $venv FAILED:"
  tail -n 30 "$work/install.log" | sed 's/^/    /'
  failed=$((failed + 1))
fi

echo "python: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
