#!/usr/bin/env bash
# Fortran suite: compiles include/campro.f90 (-std=f2008 -Wall -Werror), checks it binds every
# function and constant of campro.h with the C layout, runs the binding tests, the valve-train
# example (against its committed expected output) and the Abaqus DISP example with its driver.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}"
lib_dir="${CAMPRO_LIB_DIR:-$root/target/release}"
inc_dir="${CAMPRO_INCLUDE_DIR:-$root/include}"
build="$root/target/fortran"
ex="$root/examples/fortran"

FC="${FC:-gfortran}"
FFLAGS=(-std=f2008 -Wall -Werror -g -O2 -fcheck=all -ffpe-summary=none)
rm -rf "$build"
mkdir -p "$build/lib"
cd "$build"

# Executables need the library under its soname (libcampro.so.0), which cargo does not create
# next to target/release/libcampro.so: provide the link in the build directory.
soname="$(readelf -d "$lib_dir/libcampro.so" 2>/dev/null | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')"
if [ -n "$soname" ] && [ ! -e "$lib_dir/$soname" ]; then ln -sf "$lib_dir/libcampro.so" "$build/lib/$soname"; fi
LINK=(-L"$lib_dir" -lcampro -Wl,-rpath,"$build/lib" -Wl,-rpath,"$lib_dir")
log="$build/log"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() {
  failed=$((failed + 1)); echo "FAIL: $1"
  if [ -s "$log" ]; then sed 's/^/    /' "$log" | tail -n 40; fi
}
check() { # check NAME COMMAND...
  local name=$1; shift
  if "$@" >"$log" 2>&1; then pass "$name"; else fail "$name"; fi
}
save() { # save NAME OUTFILE COMMAND...: stdout kept in OUTFILE
  local name=$1 out=$2; shift 2
  if "$@" >"$out" 2>"$log"; then pass "$name"; else cat "$out" >>"$log"; fail "$name"; fi
}
finish() {
  echo "fortran: $passed passed, $failed failed"
  if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
}

if [ ! -f "$lib_dir/libcampro.so" ] || [ ! -f "$inc_dir/campro.h" ]; then
  log=/dev/null; fail "libcampro.so and campro.h needed in $lib_dir and $inc_dir (cargo build --release)"
  finish
fi

# 1. The module: strict F2008, and a full mirror of the C header.
check "campro.f90 compiles (-std=f2008 -Wall -Werror)" \
  "$FC" -std=f2008 -Wall -Werror -c "$inc_dir/campro.f90" -o campro.o
check "campro.f90 compiles (-std=f2008 -Wall -Wextra -pedantic -Werror)" \
  "$FC" -std=f2008 -Wall -Wextra -pedantic -Werror -fsyntax-only "$inc_dir/campro.f90"
[ -f campro.o ] || finish

# Every function declared in campro.h has a bind(C, name="...") interface.
missing=()
while read -r fn; do
  grep -q "name=\"$fn\"" "$inc_dir/campro.f90" || missing+=("$fn")
done < <(grep -oE '\bcampro_[a-z0-9_]+[[:space:]]*\(' "$inc_dir/campro.h" | tr -d ' (' | sort -u)
nfun=$(grep -oE '\bcampro_[a-z0-9_]+[[:space:]]*\(' "$inc_dir/campro.h" | tr -d ' (' | sort -u | wc -l)
log=/dev/null
if [ "${#missing[@]}" -eq 0 ] && [ "$nfun" -ge 30 ]; then pass "all $nfun functions of campro.h are bound"
else fail "functions of campro.h without an interface: ${missing[*]:-none} (found $nfun)"; fi

# Every integer constant of campro.h (#define or enumerator) is a parameter with the same value.
wrong=()
nconst=0
while read -r name value; do
  nconst=$((nconst + 1))
  grep -qiE "parameter[[:space:]]*::[[:space:]]*$name[[:space:]]*=[[:space:]]*${value}(_c_int32_t)?[[:space:]]*(!.*)?$" \
    "$inc_dir/campro.f90" || wrong+=("$name=$value")
done < <(sed -nE 's/^[[:space:]]*(#define[[:space:]]+)?(CAMPRO_[A-Z0-9_]+)[[:space:]]*=?[[:space:]]*\(?(-?[0-9]+)\)?[[:space:]]*,?[[:space:]]*(\/[*/].*)?$/\2 \3/p' \
           "$inc_dir/campro.h" | sort -u)
if [ "${#wrong[@]}" -eq 0 ] && [ "$nconst" -ge 16 ]; then pass "all $nconst constants of campro.h are parameters"
else fail "constants missing or different in campro.f90: ${wrong[*]:-none} (found $nconst)"; fi
log="$build/log"

# Struct layout: C offsetof/sizeof == Fortran c_loc/c_sizeof.
check "layout.c compiles" gcc -std=c99 -Wall -Werror -I"$inc_dir" "$here/layout.c" -o layout_c
check "layout.f90 compiles" "$FC" "${FFLAGS[@]}" "$here/layout.f90" campro.o -o layout_f "${LINK[@]}"
if [ -x layout_c ] && [ -x layout_f ]; then
  ./layout_c >layout_c.txt
  ./layout_f >layout_f.txt
  check "struct sizes and offsets: Fortran == C ($(wc -l <layout_c.txt) lines)" diff layout_c.txt layout_f.txt
fi

# 2. The binding tests.
check "test_module.f90 compiles" "$FC" "${FFLAGS[@]}" "$here/test_module.f90" campro.o -o test_module "${LINK[@]}"
params_file=""
# An example parameter file, when the repository has one (not one meant to fail).
for f in "$root"/examples/params/default.toml "$root"/examples/params/*.toml "$root"/examples/params/*.json; do
  case "$(basename "$f")" in *bad*|*invalid*|*error*|*broken*) continue ;; esac
  if [ -f "$f" ]; then params_file="$f"; break; fi
done
if [ -x test_module ]; then
  save "test_module${params_file:+ $params_file}" test_module.out env -u CAMPRO_NUM_THREADS ./test_module ${params_file:+"$params_file"}
  tail -n 1 test_module.out
fi

# --- lift tables and variable speed (0.2) ---
check "test_lift.f90 compiles" "$FC" "${FFLAGS[@]}" "$here/test_lift.f90" campro.o -o test_lift "${LINK[@]}"
if [ -x test_lift ]; then
  save "test_lift (lift tables, speed profiles)" test_lift.out ./test_lift
  tail -n 1 test_lift.out
fi

# 3. The valve-train example against its committed expected output.
# --- cam geometry (0.2) ---
check "test_geometry.f90 compiles" "$FC" "${FFLAGS[@]}" "$here/test_geometry.f90" campro.o -o test_geometry "${LINK[@]}"
if [ -x test_geometry ]; then
  save "test_geometry (reference values shared with the Rust tests)" test_geometry.out ./test_geometry \
    "$root/examples/params/roller_follower.toml"
  tail -n 1 test_geometry.out
fi

check "valve_train.f90 compiles" "$FC" "${FFLAGS[@]}" "$ex/valve_train.f90" campro.o -o valve_train "${LINK[@]}"
if [ -x valve_train ]; then
  save "valve_train runs (own checks: block == per-step, closed form)" valve_train.out ./valve_train
  check "valve_train output == valve_train.expected (rel. tol. 1e-5)" \
    awk -v tol=1e-5 -f "$here/compare_output.awk" "$ex/valve_train.expected" valve_train.out
  check "valve_train: no lift-off at 3000 rpm" grep -q "^rpm  3000\.: lift-off no$" valve_train.out
  check "valve_train: lift-off at 6000 rpm" grep -q "^rpm  6000\.: lift-off yes" valve_train.out
fi

# 4. The Abaqus DISP subroutine (fixed form, stand-in ABA_PARAM.INC) and its solver-like driver.
check "abaqus_disp/disp.f compiles" \
  "$FC" -Wall -Werror -Wno-unused-dummy-argument -g -fcheck=all -I"$ex/abaqus_disp" -c "$ex/abaqus_disp/disp.f" -o disp.o
check "abaqus_disp/driver.f90 compiles" \
  "$FC" "${FFLAGS[@]}" "$ex/abaqus_disp/driver.f90" disp.o campro.o -o disp_driver "${LINK[@]}"
if [ -x disp_driver ]; then
  save "DISP == campro_boundary_condition_at_time (default cam)" disp_default.out env -u CAMPRO_PARAMS ./disp_driver
  check "DISP driver made 9000 calls with 0 mismatches" \
    grep -q "9000 DISP calls, [0-9]* closed-form checks, 0 mismatches" disp_default.out
  if [ -n "$params_file" ]; then
    save "DISP with CAMPRO_PARAMS=$params_file" disp_file.out env CAMPRO_PARAMS="$params_file" ./disp_driver
  fi
  # A missing parameter file stops the analysis through XIT (exit 3) with campro's message.
  set +e
  CAMPRO_PARAMS="$build/missing.toml" ./disp_driver >disp_missing.out 2>&1
  rc=$?
  set -e
  cp disp_missing.out "$log"
  if [ "$rc" -eq 3 ] && grep -q "ERROR: campro DISP: 5 creating the cam" disp_missing.out; then
    pass "DISP with a missing CAMPRO_PARAMS file calls XIT with CAMPRO_ERROR_IO"
  else fail "DISP with a missing CAMPRO_PARAMS file (exit $rc)"; fi
fi

# --- follower dynamics (0.2) ---
check "layout_dynamics.c compiles" gcc -std=c99 -Wall -Werror -I"$inc_dir" "$here/layout_dynamics.c" -o layout_dynamics_c
check "layout_dynamics.f90 compiles" "$FC" "${FFLAGS[@]}" "$here/layout_dynamics.f90" campro.o -o layout_dynamics_f "${LINK[@]}"
if [ -x layout_dynamics_c ] && [ -x layout_dynamics_f ]; then
  ./layout_dynamics_c >layout_dynamics_c.txt
  ./layout_dynamics_f >layout_dynamics_f.txt
  check "dynamics struct sizes and offsets: Fortran == C ($(wc -l <layout_dynamics_c.txt) lines)" \
    diff layout_dynamics_c.txt layout_dynamics_f.txt
fi
check "test_dynamics.f90 compiles" "$FC" "${FFLAGS[@]}" "$here/test_dynamics.f90" campro.o -o test_dynamics "${LINK[@]}"
if [ -x test_dynamics ]; then
  save "test_dynamics (reference values, closed form, sizing, errors)" test_dynamics.out ./test_dynamics "$root"
  tail -n 1 test_dynamics.out
fi

# 5. The README's minimal program.
check "minimal.f90 compiles (README build line)" "$FC" "${FFLAGS[@]}" "$inc_dir/campro.f90" "$ex/minimal.f90" \
  -o minimal "${LINK[@]}"
if [ -x minimal ]; then
  save "minimal runs" minimal.out ./minimal
  check "minimal prints s(45 deg) = 5 mm" grep -q "displacement at 45 deg: *5.000000 mm" minimal.out
fi

finish
