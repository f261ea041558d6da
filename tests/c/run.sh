#!/usr/bin/env bash
# C suite: the campro C ABI from C99 programs.
#   header compiles as C99 and C++11 (-Wall -Wextra -pedantic -Werror), signatures and layouts match
#   the contract, test_api (every function, good and bad input), concurrency (threads share one
#   handle), fork (a child forked after a parallel call computes in parallel too), the
#   valve-train example's --check mode, test_api under valgrind and under ASan+UBSan, exported
#   symbols (campro_* only), SONAME, and a static link against libcampro.a.
# Env (all optional): CAMPRO_ROOT, CAMPRO_LIB_DIR, CAMPRO_INCLUDE_DIR. Builds into target/c.
# Ends with "c: N passed, M failed"; exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
libdir=${CAMPRO_LIB_DIR:-$root/target/release}
incdir=${CAMPRO_INCLUDE_DIR:-$root/include}
build=$root/target/c
mkdir -p "$build/lib"

CC=${CC:-gcc}
CXX=${CXX:-g++}
cflags=(-std=c99 -Wall -Wextra -pedantic -Werror -O2 -g -I"$incdir")

# The library's SONAME is libcampro.so.0, so programs linked against it look for that file at run
# time. Cargo writes only libcampro.so: give the programs a libcampro.so.0 link of their own.
if [ ! -e "$libdir/libcampro.so.0" ]; then
  ln -sf "$libdir/libcampro.so" "$build/lib/libcampro.so.0"
fi
ldflags=(-L"$libdir" -Wl,-rpath,"$libdir" -Wl,-rpath,"$build/lib" -lcampro -lm)

passed=0; failed=0
step() { # name, command...
  local name=$1; shift
  echo "--- $name"
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"
  else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

# --- the header
header_c99() {
  printf '#include "campro.h"\nint main(void) { return campro_version() == 0; }\n' > "$build/header_c99.c"
  "$CC" "${cflags[@]}" -c "$build/header_c99.c" -o "$build/header_c99.o"
}
header_cxx11() {
  "$CXX" -std=c++11 -Wall -Wextra -pedantic -Werror -I"$incdir" "$here/header_cxx11.cpp" \
    -o "$build/header_cxx11" "${ldflags[@]}" && "$build/header_cxx11"
}
step "header compiles as C99" header_c99
step "header compiles as C++11 and links" header_cxx11
link_check_shared() {
  "$CC" "${cflags[@]}" "$here/link_check.c" -o "$build/link_check_shared" "${ldflags[@]}" &&
    "$build/link_check_shared"
}
step "signatures and struct layouts match the contract (shared library)" link_check_shared

# --- build the programs
build_prog() { # output, sources...
  local out=$1; shift
  "$CC" "${cflags[@]}" "$@" -o "$build/$out" "${ldflags[@]}"
}
step "build test_api" build_prog test_api "$here/test_api.c"
step "build concurrency" build_prog concurrency "$here/concurrency.c" -pthread
step "build fork" build_prog fork "$here/fork.c"
step "build valve_train" build_prog valve_train "$root/examples/c/valve_train.c"
# --- lift tables and variable speed (0.2) ---
step "build test_lift" build_prog test_lift "$here/test_lift.c"

# --- run them
step "test_api" "$build/test_api"
step "concurrency (8 threads)" "$build/concurrency" 8 10
step "concurrency (16 threads)" "$build/concurrency" 16 3
step "fork: the child's parallel calls after the parent's (timeout, no hang)" "$build/fork"
step "valve_train --check" "$build/valve_train" --check
# --- lift tables and variable speed (0.2) ---
step "test_lift (lift tables, speed profiles)" "$build/test_lift"
valve_default() {
  local out
  out=$("$build/valve_train")
  echo "$out"
  grep -Eq 'rpm +3000\.0:.*valve lift-off \(follower jump\): no$' <<<"$out" &&
    grep -Eq 'rpm +6000\.0:.*valve lift-off \(follower jump\): yes$' <<<"$out"
}
step "valve_train: contact at 3000 rpm, lift-off at 6000 rpm" valve_default
# --- time integrals (0.2, issue 12) ---
step "build test_integral" build_prog test_integral "$here/test_integral.c"
step "test_integral: time integrals against the cycloidal cam's closed form" "$build/test_integral"
step "valve_train --rpm 300,1500 runs" "$build/valve_train" --rpm 300,1500
# --- cam geometry (0.2) ---
step "build test_geometry" build_prog test_geometry "$here/test_geometry.c"
geometry_in_root() { (cd "$root" && "$build/test_geometry"); }
step "test_geometry" geometry_in_root
step "build README minimal.c" build_prog minimal "$root/examples/c/minimal.c"
minimal_output() { "$build/minimal" | grep -qx "u = 0.908451 mm, v = 4000.000 mm/s, a = 1.005e+07 mm/s^2"; }
step "minimal.c: 0.908451 mm, 4000 mm/s, 1.005e7 mm/s^2 at 22.5 deg, 6000 rpm" minimal_output

# --- memory checking
valgrind_test_api() {
  # "definitely lost" and invalid accesses fail; the Rust runtime's and the pool threads' "still reachable"
  # (and "possibly lost" worker-thread state) do not.
  valgrind --quiet --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --error-exitcode=1 "$build/test_api" > "$build/valgrind.log" 2>&1
  local rc=$?
  tail -n 3 "$build/valgrind.log"
  if [ $rc -ne 0 ]; then cat "$build/valgrind.log"; fi
  return $rc
}
if command -v valgrind >/dev/null 2>&1; then
  step "test_api under valgrind memcheck" valgrind_test_api
else
  failed=$((failed + 1)); echo "FAILED: valgrind not installed"
fi

asan_test_api() {
  "$CC" "${cflags[@]}" -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
    "$here/test_api.c" -o "$build/test_api_asan" "${ldflags[@]}" || return 1
  # The suppression file lists only leaks inside the Rust runtime's own one-time allocations.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$here/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/test_api_asan" > "$build/asan.log" 2>&1
  local rc=$?
  tail -n 1 "$build/asan.log"
  if [ $rc -ne 0 ]; then cat "$build/asan.log"; fi
  return $rc
}
step "test_api with -fsanitize=address,undefined" asan_test_api

# --- the shared object itself
lib="$libdir/libcampro.so"
exports_only_campro() {
  local syms bad count missing=0 f
  syms=$(nm -D --defined-only "$lib")
  # every defined dynamic symbol (any section: text, data, bss, rodata, weak) starts with campro_;
  # only absolute version-node symbols (type A, e.g. a version script's node name) are exempt
  bad=$(awk 'NF >= 2 { t = $(NF-1); n = $NF; if (t != "A" && n !~ /^campro_/) print }' <<<"$syms")
  count=$(awk 'NF >= 2 && $NF ~ /^campro_/ && $(NF-1) == "T"' <<<"$syms" | wc -l)
  if [ -n "$bad" ]; then echo "symbols without the campro_ prefix:"; echo "$bad"; fi
  for f in campro_version campro_status_name campro_last_error_message campro_parameters_default \
      campro_motion_new campro_motion_from_segments campro_motion_load campro_motion_free \
      campro_displacement campro_velocity campro_acceleration campro_jerk campro_kinematics \
      campro_displacement_batch campro_velocity_batch campro_acceleration_batch campro_jerk_batch \
      campro_displacement_parallel campro_velocity_parallel campro_acceleration_parallel \
      campro_jerk_parallel campro_kinematics_parallel campro_kinematics_batch \
      campro_boundary_condition_at_time campro_boundary_conditions campro_boundary_conditions_batch \
      campro_bc_displacement campro_bc_velocity campro_bc_acceleration campro_analyze_kinematics \
      campro_set_num_threads campro_motion_rpm campro_displacement_time_integrals \
      campro_profile campro_geometry_check campro_min_base_circle campro_export_profile \
      campro_follower_default campro_follower_load \
      campro_motion_from_lift_table campro_motion_with_speed_profile campro_motion_rpm_at_time \
      campro_motion_lift_table_len; do
    if ! awk -v f="$f" '$NF == f && $(NF-1) == "T" { found = 1 } END { exit !found }' <<<"$syms"; then
      echo "missing exported function: $f"; missing=$((missing + 1))
    fi
  done
  echo "$count campro_* functions exported"
  [ -z "$bad" ] && [ "$missing" -eq 0 ]
}
step "nm -D: only campro_* symbols, every contract function exported" exports_only_campro
soname() {
  local s
  s=$(readelf -d "$lib" | grep SONAME || true)
  echo "$s"
  grep -q 'Library soname: \[libcampro\.so\.0\]' <<<"$s"
}
step "readelf -d: SONAME libcampro.so.0" soname
static_link() {
  "$CC" "${cflags[@]}" "$here/link_check.c" "$libdir/libcampro.a" -lpthread -ldl -lm -o "$build/link_check_static" ||
    return 1
  # really static: no libcampro.so dependency
  if readelf -d "$build/link_check_static" | grep -q 'libcampro'; then echo "links libcampro.so"; return 1; fi
  "$build/link_check_static"
}
step "static library links a C program (libcampro.a -lpthread -ldl -lm) that runs" static_link

# --- follower dynamics (0.2) ---
step "build test_dynamics" build_prog test_dynamics "$here/test_dynamics.c"
step "test_dynamics (reference values, closed forms, sizing re-checked, bad input)" "$build/test_dynamics" "$root"
asan_test_dynamics() {
  "$CC" "${cflags[@]}" -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
    "$here/test_dynamics.c" -o "$build/test_dynamics_asan" "${ldflags[@]}" || return 1
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 LSAN_OPTIONS=suppressions="$here/lsan.supp":print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$build/test_dynamics_asan" "$root"
}
step "test_dynamics with -fsanitize=address,undefined" asan_test_dynamics
dynamics_exported() {
  local f missing=0 syms
  syms=$(nm -D --defined-only "$libdir/libcampro.so")
  for f in campro_contact_force campro_cam_torque campro_dynamics_check campro_contact_force_batch \
      campro_cam_torque_batch campro_size_spring campro_size_preload campro_max_rpm_within_limits \
      campro_follower_dynamics_load; do
    awk -v f="$f" '$NF == f && $(NF-1) == "T" { found = 1 } END { exit !found }' <<<"$syms" ||
      { echo "missing exported function: $f"; missing=$((missing + 1)); }
  done
  [ "$missing" -eq 0 ]
}
step "nm -D: the dynamics functions are exported" dynamics_exported

echo "c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
