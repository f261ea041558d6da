#!/usr/bin/env bash
# CalculiX rebuilt from Debian's source with campro's user amplitude (examples/calculix/uamplitude.f)
# and run on real decks; every increment is checked against campro.
#   rod:   static NLGEOM follower rods (rod.inp) driven by the user amplitudes CAM (default cam,
#          TIME=TOTAL TIME), VALVE_D (valve_segments.toml through CAMPRO_AMPLITUDE_VALVE, step time),
#          CAM_V and CAM_A (velocity and acceleration suffixes) -> check_rod.py
#   train: *DYNAMIC spring-mass follower train (train.inp): contact displacement, contact reaction
#          against CalculiX's integrator and against m*a + k*s + preload, a free mass pushed by
#          m * CAM_A -> check_train.py
#   and the failure paths: a different cam file behind CAM is detected by the checks; a bad or
#   missing parameter file stops ccx with campro's message and prints no results.
# The solver is built (1.5 to 3 minutes on 2 cores) or reused by examples/calculix/build-ccx-campro.sh.
# No `set -e`: each check records its own status; setup failures exit explicitly.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
export CAMPRO_LIB_DIR=${CAMPRO_LIB_DIR:-$root/target/release}
export CAMPRO_LIB=${CAMPRO_LIB:-$CAMPRO_LIB_DIR/libcampro.so}
export PYTHONPATH=$root/python:$here${PYTHONPATH:+:$PYTHONPATH}
PY=${PYTHON:-python3}
params=$root/examples/params

[ -f "$CAMPRO_LIB" ] || (cd "$root" && cargo build --release --quiet) || exit 1
"$here/install-deps.sh" || { echo "calculix-user: installing the build dependencies failed"; exit 1; }
ccx=$("$root/examples/calculix/build-ccx-campro.sh" "$CAMPRO_LIB_DIR") || { echo "calculix-user: building ccx failed"; exit 1; }
echo "calculix-user: solver $ccx ($(sed -n 's/^build seconds //p' "$(dirname "$ccx")/build-info.txt") s to build)"

work=$(mktemp -d "${TMPDIR:-/tmp}/campro-calculix-user.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { # ok?, message
  if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "ok:   $2"; else failed=$((failed + 1)); echo "FAIL: $2"; fi
}
tally() { # output of a check_*.py
  local line p f
  line=$(grep '^checks: ' <<<"$1" | tail -1)
  p=$(sed -n 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$line")
  f=$(sed -n 's/^checks: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
}
solve() { # name, deck, env assignments... -> runs ccx on a copy of the deck in $work/name; returns ccx's status
  local name=$1 deck=$2; shift 2
  mkdir -p "$work/$name"
  cp "$here/$deck.inp" "$work/$name/"
  (cd "$work/$name" && env -u CAMPRO_AMPLITUDE_CAM -u CAMPRO_AMPLITUDE_VALVE "$@" "$ccx" -i "$deck" >ccx.log 2>&1)
}

echo "--- uamplitude.f compiles alone"
mkdir -p "$work/compile"
(cd "$work/compile" && gfortran -std=f2008 -Wall -Wextra -Werror -c "$root/examples/calculix/uamplitude.f") &&
  [ -f "$work/compile/uamplitude.o" ] && [ -z "$(ls "$work/compile"/*.mod 2>/dev/null)" ]
check $? "gfortran -std=f2008 -Wall -Wextra -Werror -c uamplitude.f: no module file needed or made"

echo "--- the solver links this checkout's campro"
resolved=$(ldd "$ccx" | awk '$1 == "libcampro.so.0" { print $3 }')
[ "$resolved" -ef "$CAMPRO_LIB_DIR/libcampro.so.0" ]; check $? "ccx resolves libcampro.so.0 to $resolved"

echo "--- rod: static follower rods"
solve rod rod CAMPRO_AMPLITUDE_VALVE="$params/valve_segments.toml"; status=$?
check $status "ccx solved rod.inp (exit $status)"
grep -q "uamplitude (campro): cam CAM is the default cam" "$work/rod/ccx.log" &&
  grep -q "uamplitude (campro): cam VALVE from $params/valve_segments.toml" "$work/rod/ccx.log"
check $? "ccx's log names the cams: CAM default, VALVE from CAMPRO_AMPLITUDE_VALVE"
loads=$(grep -c 'uamplitude (campro): cam ' "$work/rod/ccx.log")
[ "$loads" -eq 2 ]; check $? "each cam is created once for 400 increments (CAM, CAM_V and CAM_A share one): $loads creations"
out=$("$PY" "$here/check_rod.py" "$work/rod/rod.dat" CAM=- VALVE="$params/valve_segments.toml" 2>&1)
echo "$out"; tally "$out"

echo "--- train: *DYNAMIC spring-mass follower train"
solve train train; status=$?
check $status "ccx solved train.inp (exit $status)"
out=$("$PY" "$here/check_train.py" "$work/train/train.dat" - 2>&1)
echo "$out"; tally "$out"

echo "--- the checks can fail: a different cam behind CAM"
solve wrong_cam rod CAMPRO_AMPLITUDE_CAM="$params/valve_segments.toml" CAMPRO_AMPLITUDE_VALVE="$params/valve_segments.toml"; status=$?
check $status "ccx solved rod.inp with CAMPRO_AMPLITUDE_CAM=valve_segments.toml (exit $status)"
out=$("$PY" "$here/check_rod.py" "$work/wrong_cam/rod.dat" CAM=- VALVE="$params/valve_segments.toml" 2>&1); rc=$?
failures=$(grep -c '^FAIL: DRIVEN_[ACD] (CAM .*every increment equals' <<<"$out" || true)
[ "$rc" -ne 0 ] && [ "$failures" -eq 3 ] && ! grep -q '^FAIL: DRIVEN_B' <<<"$out"
check $? "check_rod.py rejects CAM, CAM_V and CAM_A from the other cam and still accepts VALVE_D (exit $rc, $failures CAM failures)"
out=$("$PY" "$here/check_train.py" "$work/train/train.dat" "$params/valve_segments.toml" 2>&1); rc=$?
[ "$rc" -ne 0 ] && grep -q '^FAIL: contact RF = HHT-alpha train driven by campro' <<<"$out"
check $? "check_train.py rejects the train run when it expects another cam (exit $rc)"

echo "--- a cam campro cannot build stops the solver with campro's message"
for bad in "bad_file:$params/bad_negative_duration.toml:rise_duration = -90: must be finite and > 0" \
           "missing_file:$work/no_such_cam.toml:No such file or directory"; do
  IFS=: read -r name file message <<<"$bad"
  solve "$name" train CAMPRO_AMPLITUDE_CAM="$file"; status=$?
  log=$work/$name/ccx.log
  [ "$status" -eq 201 ] && grep -q '\*ERROR in uamplitude (campro): no cam for amplitude CAM' "$log" &&
    grep -qF "CAMPRO_AMPLITUDE_CAM=$file" "$log" && grep -qF "$message" "$log" &&
    ! grep -q 'displacements (vx,vy,vz) for set CONTACT' "$work/$name/train.dat" 2>/dev/null
  check $? "$name: ccx exits 201 naming CAMPRO_AMPLITUDE_CAM and campro's message ($message), no results printed"
  [ "$status" -eq 201 ] || tail -5 "$log"
done

echo "calculix-user: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
