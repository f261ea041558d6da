#!/usr/bin/env bash
# Abaqus suite: the UAMP, VUAMP and VDISP user subroutines (examples/fortran/abaqus_uamp,
# abaqus_vuamp, abaqus_vdisp), each compiled alone as Abaqus would compile it (fixed form, with
# the clearly-marked stand-in ABA_PARAM.INC / vaba_param.inc of its folder), linked with campro,
# and called by a driver with the documented argument list and call sequence; every output is
# checked against the default cam's closed form (cam_closed_form.f90, independent of campro).
# Also: a missing parameter file stops the analysis with campro's message (UAMP/VUAMP through
# lFlagsDefine(iStopAnalysis), VDISP through XPLB_EXIT), and a different cam behind
# CAMPRO_PARAMS is caught by the checks (the drivers can fail).
# Env (optional): CAMPRO_ROOT, CAMPRO_LIB_DIR, FC. Builds into target/abaqus.
# Ends with "abaqus: N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
libdir=${CAMPRO_LIB_DIR:-$root/target/release}
ex=$root/examples/fortran
build=$root/target/abaqus
FC=${FC:-gfortran}
[ -f "$libdir/libcampro.so" ] || (cd "$root" && cargo build --release --quiet) || exit 1
rm -rf "$build" && mkdir -p "$build" && cd "$build" || exit 1

passed=0; failed=0
pass() { passed=$((passed + 1)); echo "ok:   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
check() { # message, command...
  local m=$1; shift
  if "$@" >>"$build/log" 2>&1; then pass "$m"; else fail "$m"; tail -n 20 "$build/log"; fi
}
LINK=(-L"$libdir" -Wl,-rpath,"$libdir" -lcampro)
FFLAGS=(-std=f2008 -Wall -Werror -g -fcheck=all)

check "cam_closed_form.f90 compiles" "$FC" "${FFLAGS[@]}" -c "$here/cam_closed_form.f90"
for hook in uamp vuamp vdisp; do
  # Compiled alone, the way Abaqus compiles a user subroutine (its folder's stand-in include only).
  check "abaqus_$hook/$hook.f compiles alone" \
    "$FC" -Wall -Werror -Wno-unused-dummy-argument -g -fcheck=all -I"$ex/abaqus_$hook" -c "$ex/abaqus_$hook/$hook.f" -o "$hook.o"
  check "${hook}_driver.f90 compiles and links with -lcampro" \
    "$FC" "${FFLAGS[@]}" "$here/${hook}_driver.f90" "$hook.o" cam_closed_form.o -o "${hook}_driver" "${LINK[@]}"
  [ -x "${hook}_driver" ] || continue
  out=$(env -u CAMPRO_PARAMS "./${hook}_driver" 2>&1); rc=$?
  echo "$out" | tail -n 3
  if [ $rc -eq 0 ] && grep -Eq "^$hook: [0-9]+ calls, [0-9]+ checks, 0 failures$" <<<"$out"; then
    pass "$hook: every output == closed form ($(grep -E "^$hook: [0-9]+ calls" <<<"$out"))"
  else fail "$hook driver (exit $rc)"; fi
  # A missing parameter file: campro's message and the documented way to stop the analysis.
  out=$(CAMPRO_PARAMS="$build/missing.toml" "./${hook}_driver" 2>&1); rc=$?
  if [ $rc -eq 3 ] && grep -q "ERROR: campro ${hook^^}: 5 creating the cam from \"$build/missing.toml\"" <<<"$out"; then
    pass "$hook: a missing CAMPRO_PARAMS file stops the analysis with campro's message"
  else fail "$hook with a missing CAMPRO_PARAMS file (exit $rc): $out"; fi
  # Another cam behind CAMPRO_PARAMS: the closed-form checks must notice.
  out=$(CAMPRO_PARAMS="$root/examples/params/valve_segments.toml" "./${hook}_driver" 2>&1); rc=$?
  if [ $rc -eq 1 ] && grep -Eq "^$hook: [0-9]+ calls, [0-9]+ checks, [1-9][0-9]* failures$" <<<"$out"; then
    pass "$hook: the checks catch a different cam (valve_segments.toml)"
  else fail "$hook: a different cam went unnoticed (exit $rc)"; fi
done

echo "abaqus: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
