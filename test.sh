#!/usr/bin/env bash
# Runs every test of campro: Rust (unit, integration, doc), then the C, C++, Fortran, Python,
# packaging and CalculiX suites under tests/*/run.sh. Installs what it needs first.
# Usage: ./test.sh            (everything)
#        ./test.sh c python   (only the named suites after the Rust tests)
#        ./test.sh fuzz miri  (the cargo-fuzz targets, ~40 s each; the FFI tests under Miri)
set -uo pipefail
cd "$(dirname "$0")"
export CARGO_TERM_COLOR=never

./.ci/install-deps.sh || { echo "test.sh: dependency installation failed"; exit 1; }

passed=0; failed=0; failures=()
run() { # name, command...
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); echo "--- $name: ok"
  else failed=$((failed + 1)); failures+=("$name"); echo "--- $name: FAILED"; fi
}

run "cargo fmt --check" cargo fmt --all -- --check
run "cargo clippy" cargo clippy --all-targets --quiet -- -D warnings
run "cargo test" cargo test --quiet
# The bit-for-bit kernel tests again with the batch kernels capped at each narrower SIMD tier, so
# an AVX-512 machine also checks the AVX2 and baseline builds (a narrower CPU just repeats its own).
for tier in avx2 portable; do
  run "cargo test, CAMPRO_SIMD=$tier" env CAMPRO_SIMD=$tier cargo test --quiet --lib --test programs
done
run "cargo build --release" cargo build --release --quiet

export CAMPRO_ROOT=$PWD
export CAMPRO_LIB_DIR=$PWD/target/release
export CAMPRO_INCLUDE_DIR=$PWD/include
export CAMPRO_LIB=$CAMPRO_LIB_DIR/libcampro.so
# (build.rs puts the soname link libcampro.so.0 -> libcampro.so beside the library.)

suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
  for s in tests/*/run.sh; do suites+=("$(basename "$(dirname "$s")")"); done
fi
for s in "${suites[@]}"; do
  [ -x "tests/$s/run.sh" ] || { failed=$((failed + 1)); failures+=("$s (no tests/$s/run.sh)"); continue; }
  run "suite $s" "tests/$s/run.sh"
done

echo
[ $failed -eq 0 ] || printf 'failed: %s\n' "${failures[@]}"
echo "test.sh: $passed passed, $failed failed"
[ $failed -eq 0 ]
