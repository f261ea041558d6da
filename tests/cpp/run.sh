#!/usr/bin/env bash
# C++ suite: include/campro.hpp (header-only C++17 wrapper) and examples/cpp/nodes.cpp.
# Builds with g++ -std=c++17 -Wall -Wextra -pedantic -Werror into target/cpp, runs test_wrapper
# (also under ASan+UBSan) and the nodes example, and checks the example's output.
# Env (all optional): CAMPRO_ROOT, CAMPRO_LIB_DIR, CAMPRO_INCLUDE_DIR.
# Ends with "cpp: N passed, M failed"; exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
libdir=${CAMPRO_LIB_DIR:-$root/target/release}
incdir=${CAMPRO_INCLUDE_DIR:-$root/include}
build=$root/target/cpp
mkdir -p "$build/lib"

CXX=${CXX:-g++}
cxxflags=(-std=c++17 -Wall -Wextra -pedantic -Werror -Wshadow -O2 -g -I"$incdir")
# SONAME is libcampro.so.0; cargo writes only libcampro.so, so provide the link privately
if [ ! -e "$libdir/libcampro.so.0" ]; then
  ln -sf "$libdir/libcampro.so" "$build/lib/libcampro.so.0"
fi
ldflags=(-L"$libdir" -Wl,-rpath,"$libdir" -Wl,-rpath,"$build/lib" -lcampro)

passed=0; failed=0
step() { # name, command...
  local name=$1; shift
  echo "--- $name"
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"
  else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

header_alone() {
  printf '#include "campro.hpp"\nint main() { return campro::version() == nullptr; }\n' > "$build/header.cpp"
  "$CXX" "${cxxflags[@]}" -c "$build/header.cpp" -o "$build/header.o"
}
step "campro.hpp compiles on its own (C++17, -Werror)" header_alone
step "build test_wrapper" "$CXX" "${cxxflags[@]}" "$here/test_wrapper.cpp" -o "$build/test_wrapper" "${ldflags[@]}"
step "build nodes example" "$CXX" "${cxxflags[@]}" "$root/examples/cpp/nodes.cpp" -o "$build/nodes" "${ldflags[@]}"
step "test_wrapper" "$build/test_wrapper"
# --- cam geometry (0.2) ---
step "build test_geometry" "$CXX" "${cxxflags[@]}" "$here/test_geometry.cpp" -o "$build/test_geometry" "${ldflags[@]}"
geometry_in_root() { (cd "$root" && "$build/test_geometry"); }
step "test_geometry" geometry_in_root

# --- lift tables and variable speed (0.2) ---
step "build test_lift" "$CXX" "${cxxflags[@]}" "$here/test_lift.cpp" -o "$build/test_lift" "${ldflags[@]}"
step "test_lift (lift tables, speed profiles)" "$build/test_lift"

# --- time integrals (0.2, issue 12) ---
step "build test_integral" "$CXX" "${cxxflags[@]}" "$here/test_integral.cpp" -o "$build/test_integral" "${ldflags[@]}"
step "test_integral (closed form, C bits, errors)" "$build/test_integral"

asan_wrapper() {
  "$CXX" "${cxxflags[@]}" -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
    "$here/test_wrapper.cpp" -o "$build/test_wrapper_asan" "${ldflags[@]}" || return 1
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 LSAN_OPTIONS=suppressions="$root/tests/c/lsan.supp":print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$build/test_wrapper_asan"
}
step "test_wrapper with -fsanitize=address,undefined" asan_wrapper

nodes_output() {
  local out
  out=$("$build/nodes") || return 1
  echo "$out"
  # 1000 phases cover the whole turn, so some node sits in the 10 mm high dwell; 8 rows printed
  grep -Eq '^max displacement 10\.000000 mm at node [0-9]+$' <<<"$out" &&
    [ "$(grep -Ec '^ +[0-9]+ +[0-9.]+ +-?[0-9.]+ ' <<<"$out")" -eq 8 ]
}
step "nodes: 1000 nodes, max displacement 10 mm" nodes_output
nodes_small() {
  local out
  out=$("$build/nodes" 4 0.0025) || return 1 # node 0 at 45 deg: 5 mm
  echo "$out"
  grep -Eq '^ +0 +0\.00 +0\.002500 +5\.000000 +4000\.000 ' <<<"$out"
}
step "nodes: node 0 at 45 deg has 5 mm, 4000 mm/s" nodes_small
step "build README minimal.cpp" "$CXX" "${cxxflags[@]}" "$root/examples/cpp/minimal.cpp" -o "$build/minimal" "${ldflags[@]}"
minimal_output() { "$build/minimal" | grep -q "s(45 deg) = 5.000000 mm"; }
step "minimal.cpp: s(45 deg) = 5 mm" minimal_output

# --- follower dynamics (0.2) ---
step "build test_dynamics" "$CXX" "${cxxflags[@]}" "$here/test_dynamics.cpp" -o "$build/test_dynamics" "${ldflags[@]}"
step "test_dynamics (reference values, batches, sizing, exceptions)" "$build/test_dynamics" "$root"

echo "cpp: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
