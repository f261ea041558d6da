#!/usr/bin/env bash
# A real solver run: CalculiX drives a follower rod through an *AMPLITUDE table exported by
# campro, and the node displacement history in the .dat file must match campro's displacement
# at every printed increment (within the export tolerance plus the solver's print precision).
#   case 1: the built-in default cam, table by the CLI (`campro table`), 2 revolutions, 400 increments
#   case 2: examples/params/valve_segments.toml, table by the C function campro_export_table,
#           1 revolution, 200 increments
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
lib=${CAMPRO_LIB:-$root/target/release/libcampro.so}
campro=$root/target/release/campro
PY=${PYTHON:-python3}

if [ ! -x "$campro" ] || [ ! -f "$lib" ]; then
  (cd "$root" && cargo build --release --quiet)
fi
if ! command -v ccx >/dev/null 2>&1; then
  echo "calculix: ccx missing; installing the Debian package calculix-ccx"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends calculix-ccx >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/campro-calculix.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
tally() { # output of check.py
  local p f
  p=$(sed -n 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$1")
  f=$(sed -n 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$1")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
}

run_case() { # name, params (- = default), exporter (cli|c), t_end, dt, revolutions
  local name=$1 params=$2 exporter=$3 t_end=$4 dt=$5 revolutions=$6 tol=1e-6
  local dir=$work/$name
  mkdir -p "$dir"
  echo "--- case $name"
  local file=() exported=0
  [ "$params" = - ] || file=("$params")
  if [ "$exporter" = cli ]; then
    "$campro" table "${file[@]}" --format abaqus --quantity displacement --revolutions "$revolutions" \
      --tolerance "$tol" -o "$dir/cam_amplitude.inp" 2>&1 || exported=$?
  else
    "$PY" "$here/check.py" export "$lib" "$params" "$dir/cam_amplitude.inp" "$t_end" "$tol" || exported=$?
  fi
  if [ "$exported" -ne 0 ]; then
    failed=$((failed + 1)); echo "FAIL: exporting the amplitude of $name ($exporter)"; return
  fi
  sed -e "s/@CASE@/$name/" -e "s/@DT@/$dt/" -e "s/@T_END@/$t_end/" "$here/follower_rod.inp.in" >"$dir/rod.inp"
  if (cd "$dir" && ccx -i rod >ccx.log 2>&1) && [ -s "$dir/rod.dat" ]; then
    passed=$((passed + 1)); echo "ok:   ccx solved $name"
  else
    failed=$((failed + 1)); echo "FAIL: ccx on $name (log below)"; tail -20 "$dir/ccx.log"; return
  fi
  local out
  out=$("$PY" "$here/check.py" "$lib" "$params" "$dir/cam_amplitude.inp" "$dir/rod.dat" "$t_end" "$dt" "$tol" 2>&1) || true
  echo "$out"
  tally "$out"
}

run_case default_cam - cli 0.04 1.0E-04 2
run_case valve_segments "$root/examples/params/valve_segments.toml" c 0.05 2.5E-04 1

echo "calculix: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
