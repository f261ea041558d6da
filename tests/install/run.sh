#!/usr/bin/env bash
# Install test: `make install` into a temporary prefix, then build consumers against the installed
# files only (pkg-config and CMake find_package), run them, check the soname links, run the
# installed `campro` command (and the one `cargo install --path .` gives), uninstall.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}"
lib_dir="${CAMPRO_LIB_DIR:-$root/target/release}"

work="$(mktemp -d "${TMPDIR:-/tmp}/campro-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
log="$work/log"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; [ -s "$log" ] && sed 's/^/    /' "$log" | tail -n 30; return 0; }
# check NAME COMMAND...: runs the command with its output in $log
check() {
  local name=$1; shift
  if "$@" >"$log" 2>&1; then pass "$name"; else fail "$name"; fi
}
# save NAME OUTFILE COMMAND...: like check, and keeps the command's stdout in OUTFILE
save() {
  local name=$1 out=$2; shift 2
  if "$@" >"$out" 2>"$log"; then pass "$name"; else cat "$out" >>"$log"; fail "$name"; fi
}
finish() {
  echo "install: $passed passed, $failed failed"
  if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
}

# 1. make install (no cargo run when the library is already built).
build_flag=()
if [ -f "$lib_dir/libcampro.so" ]; then build_flag=(CARGO_BUILD=0); fi
if make -C "$root" --no-print-directory install PREFIX="$prefix" RELEASE_DIR="$lib_dir" "${build_flag[@]}" >"$log" 2>&1; then
  pass "make install PREFIX=$prefix"
else
  fail "make install"
  finish
fi

version="$(make -C "$root" --no-print-directory print-version)"
major="${version%%.*}"
L="$prefix/lib"

# 2. The installed files and the soname chain.
for f in bin/campro "lib/libcampro.so.$version" lib/libcampro.a include/campro.h include/campro.f90 \
         lib/pkgconfig/campro.pc lib/cmake/campro/campro-config.cmake \
         lib/cmake/campro/campro-config-version.cmake; do
  check "installed $f" test -f "$prefix/$f"
done
if [ -f "$root/include/campro.hpp" ]; then check "installed include/campro.hpp" test -f "$prefix/include/campro.hpp"; fi
check "libcampro.so.$major -> libcampro.so.$version" \
  test "$(readlink "$L/libcampro.so.$major")" = "libcampro.so.$version"
check "libcampro.so -> libcampro.so.$major" test "$(readlink "$L/libcampro.so")" = "libcampro.so.$major"
soname="$(readelf -d "$L/libcampro.so.$version" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')"
check "SONAME of the library is libcampro.so.$major (got '${soname}')" test "$soname" = "libcampro.so.$major"
check "installed header is the repository's" cmp "$root/include/campro.h" "$prefix/include/campro.h"

# 3. pkg-config.
export PKG_CONFIG_PATH="$L/pkgconfig"
check "pkg-config --modversion campro == $version" test "$(pkg-config --modversion campro)" = "$version"
# (word-split to drop pkg-config's trailing blank)
# shellcheck disable=SC2046,SC2116
check "pkg-config --libs campro" test "$(echo $(pkg-config --libs campro))" = "-L$L -lcampro"
# shellcheck disable=SC2046,SC2116
check "pkg-config --cflags campro" test "$(echo $(pkg-config --cflags campro))" = "-I$prefix/include"
check "pkg-config --static --libs has -lpthread -ldl -lm" \
  bash -c 'pkg-config --static --libs campro | grep -q -- "-lcampro -lpthread -ldl -lm"'

check "pkg-config --variable=libdir campro == $L" test "$(pkg-config --variable=libdir campro)" = "$L"

mkdir -p "$work/pc"
# The run path exactly as the README tells a pkg-config user to add it.
# shellcheck disable=SC2046
check "pkg-config build of consumer.c (run path from pkg-config --variable=libdir)" \
  gcc -std=c99 -Wall -Werror "$here/consumer.c" -o "$work/pc/consumer" \
      $(pkg-config --cflags --libs campro) -lm -Wl,-rpath,$(pkg-config --variable=libdir campro)
expected_c="consumer: campro $version, s(45) = 5.000000 mm, v(45) = 4000.000 mm/s, ok"
save "pkg-config consumer runs (rpath, no LD_LIBRARY_PATH)" "$work/pc/consumer.out" \
  env -u LD_LIBRARY_PATH "$work/pc/consumer"
check "pkg-config consumer output" grep -qxF "$expected_c" "$work/pc/consumer.out"
check "consumer NEEDs libcampro.so.$major" bash -c "readelf -d '$work/pc/consumer' | grep -q 'NEEDED.*\[libcampro.so.$major\]'"
check "consumer resolves libcampro from the prefix" \
  bash -c "env -u LD_LIBRARY_PATH ldd '$work/pc/consumer' | grep -q 'libcampro.so.$major => $L/'"

# Static: the archive plus Libs.private, and no libcampro.so at run time.
# shellcheck disable=SC2046
check "static build of consumer.c (libcampro.a + Libs.private)" \
  gcc -std=c99 "$here/consumer.c" -o "$work/pc/consumer_static" $(pkg-config --cflags campro) \
      "$L/libcampro.a" $(pkg-config --static --libs-only-l campro | sed 's/-lcampro//') -lm
save "static consumer runs" "$work/pc/consumer_static.out" "$work/pc/consumer_static"
check "static consumer output" grep -qxF "$expected_c" "$work/pc/consumer_static.out"
check "static consumer does not need libcampro.so" \
  bash -c "! readelf -d '$work/pc/consumer_static' | grep -q 'NEEDED.*libcampro'"

# Fortran with the installed module source.
check "pkg-config build of a Fortran consumer with the installed campro.f90" \
  bash -c "cd '$work/pc' && gfortran -std=f2008 -Wall -Werror '$prefix/include/campro.f90' '$here/consumer_f.f90' \
           -o consumer_f \$(pkg-config --libs campro) -Wl,-rpath,'$L'"
save "Fortran consumer runs" "$work/pc/consumer_f.out" "$work/pc/consumer_f"
check "Fortran consumer output" grep -qxF "consumer_f: campro $version, s(45) =  5.000000 mm" "$work/pc/consumer_f.out"

# The C++ wrapper, when installed: it must compile against the installed files alone.
if [ -f "$prefix/include/campro.hpp" ]; then
  check "installed campro.hpp compiles (g++ -std=c++17, pkg-config --cflags)" \
    bash -c "echo '#include <campro.hpp>' | g++ -std=c++17 -Wall -Werror -fsyntax-only \$(pkg-config --cflags campro) -x c++ -"
fi

# The project's C example, when it exists (its own --check self-test must pass).
example="$root/examples/c/valve_train.c"
if [ -f "$example" ]; then
  # shellcheck disable=SC2046
  check "pkg-config build of examples/c/valve_train.c" \
    gcc -std=c99 -O2 -Wall "$example" -o "$work/pc/valve_train" $(pkg-config --cflags --libs campro) -lm \
        -Wl,-rpath,"$L"
  save "valve_train --check (pkg-config build)" "$work/pc/valve_train.out" "$work/pc/valve_train" --check
  check "valve_train --check reports 0 failed" grep -q "checks: [0-9]* passed, 0 failed" "$work/pc/valve_train.out"
fi

# 4. The command-line tool: `make install` puts it in bin/, `cargo install --path .` in the
#    install root's bin/. It links the library statically (Rust), so it needs no libcampro.so.
mkdir -p "$work/cli"
save "target/release/campro (reference output)" "$work/cli/tree.out" "$lib_dir/campro"
check "installed bin/campro needs no libcampro.so" \
  bash -c "! readelf -d '$prefix/bin/campro' | grep -q 'NEEDED.*libcampro'"
save "installed campro runs (default cam, another folder, no LD_LIBRARY_PATH)" "$work/cli/installed.out" \
  env -u LD_LIBRARY_PATH bash -c "cd '$work/cli' && '$prefix/bin/campro'"
check "installed campro prints what target/release/campro prints" cmp "$work/cli/tree.out" "$work/cli/installed.out"
check "installed campro reports the default cam's peak velocity (4000 mm/s)" \
  grep -q "4000 mm/s" "$work/cli/installed.out"
valve="$root/examples/params/valve_segments.toml"
save "installed campro reads a parameter file" "$work/cli/valve.out" "$prefix/bin/campro" "$valve"
check "... and prints what target/release/campro prints for it" \
  bash -c "'$lib_dir/campro' '$valve' | cmp - '$work/cli/valve.out'"
check "installed campro: a missing file is exit status 1 with a message naming it" \
  bash -c "'$prefix/bin/campro' analyze '$work/cli/missing.toml' 2>'$work/cli/err'; test \$? -eq 1 && grep -q missing.toml '$work/cli/err'"
# cargo install --path . builds in the crate's own target folder, so after the release build
# this only copies; --root keeps it out of ~/.cargo.
check "cargo install --path . --root $work/cargo-root" \
  bash -c "cd '$root' && cargo install --quiet --path . --root '$work/cargo-root'"
check "cargo install gives bin/campro" test -x "$work/cargo-root/bin/campro"
save "cargo-installed campro runs" "$work/cli/cargo.out" "$work/cargo-root/bin/campro"
check "cargo-installed campro prints what target/release/campro prints" \
  cmp "$work/cli/tree.out" "$work/cli/cargo.out"

# 5. CMake find_package(campro) -> campro::campro / campro::campro_static.
cmake_args=(-S "$here/cmake" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release)
[ -f "$example" ] && cmake_args+=(-DCAMPRO_EXAMPLE_C="$example")
check "cmake configure (find_package(campro 0.1 REQUIRED))" cmake "${cmake_args[@]}"
check "cmake build" cmake --build "$work/cmake"
if [ -x "$work/cmake/consumer_shared" ]; then
  save "CMake consumer_shared runs (build rpath)" "$work/cmake/consumer_shared.out" \
    env -u LD_LIBRARY_PATH "$work/cmake/consumer_shared"
  check "CMake consumer_shared output" grep -qxF "$expected_c" "$work/cmake/consumer_shared.out"
  check "CMake consumer_shared resolves libcampro from the prefix" \
    bash -c "env -u LD_LIBRARY_PATH ldd '$work/cmake/consumer_shared' | grep -q 'libcampro.so.$major => $L/'"
  save "CMake consumer_static runs" "$work/cmake/consumer_static.out" "$work/cmake/consumer_static"
  check "CMake consumer_static output" grep -qxF "$expected_c" "$work/cmake/consumer_static.out"
  check "CMake consumer_static does not need libcampro.so" \
    bash -c "! readelf -d '$work/cmake/consumer_static' | grep -q 'NEEDED.*libcampro'"
  if [ -f "$example" ]; then
    save "valve_train --check (CMake build)" "$work/cmake/valve_train.out" "$work/cmake/valve_train" --check
    check "valve_train: CMake build output == pkg-config build output" \
      cmp "$work/cmake/valve_train.out" "$work/pc/valve_train.out"
  fi
fi
# A version the package does not satisfy must be refused.
mkdir -p "$work/cmake-v2"
cat >"$work/cmake-v2/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.13)
project(v2 NONE)
find_package(campro 2.0 QUIET)
if(campro_FOUND)
  message(FATAL_ERROR "campro 2.0 accepted")
endif()
EOF
check "find_package(campro 2.0) is refused" \
  cmake -S "$work/cmake-v2" -B "$work/cmake-v2/build" -DCMAKE_PREFIX_PATH="$prefix"

# 6. DESTDIR staging keeps the final paths in the generated files.
check "make install-only DESTDIR=... PREFIX=/opt/campro" \
  make -C "$root" --no-print-directory install-only DESTDIR="$work/stage" PREFIX=/opt/campro RELEASE_DIR="$lib_dir"
check "DESTDIR: files staged under DESTDIR" test -f "$work/stage/opt/campro/lib/libcampro.so.$version"
check "DESTDIR: the command staged under DESTDIR" test -x "$work/stage/opt/campro/bin/campro"
check "DESTDIR: campro.pc names the final prefix" grep -qx "prefix=/opt/campro" "$work/stage/opt/campro/lib/pkgconfig/campro.pc"

# 7. make uninstall removes every installed file.
check "make uninstall PREFIX=$prefix" make -C "$root" --no-print-directory uninstall PREFIX="$prefix"
check "nothing left in the prefix after uninstall" \
  bash -c "test -z \"\$(find '$prefix' \\( -type f -o -type l \\) -print)\""

finish
