#!/usr/bin/env bash
# Python suite: pytest over tests/python against libcampro.so (CAMPRO_LIB, else target/release).
# Ends with "python: N passed, M failed"; exits non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
export CAMPRO_ROOT=$root
export CAMPRO_LIB=${CAMPRO_LIB:-$root/target/release/libcampro.so}
export PYTHONDONTWRITEBYTECODE=1   # nothing written into the source tree
PY=${PYTHON:-python3}

work=$(mktemp -d "${TMPDIR:-/tmp}/campro-python.XXXXXX")
trap 'rm -rf "$work"' EXIT

cd "$root"
rc=0
"$PY" -m pytest -q -p no:cacheprovider --junitxml="$work/report.xml" tests/python || rc=$?

counts=$("$PY" - "$work/report.xml" <<'PYEOF' || echo "0 1"
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
read -r passed failed <<<"$counts"
# pytest exit codes: 0 all passed, 1 some failed, 2..5 interrupted/usage/internal/no tests.
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "python: $passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
