#!/usr/bin/env bash
# Miri suite: the FFI boundary under Miri's undefined-behaviour checker (nightly toolchain).
#   1. tests/ffi_calls.rs: every C entry point with good and bad pointers (NULL, misaligned,
#      overlapping, n = SIZE_MAX), small inputs only, so the pool never starts and Miri's leak
#      and leftover-thread checks stay on;
#   2. tests/ffi_boundary.rs's message-buffer test (the others read source files);
#   3. the pool's unit test on 3 emulated cores: the lifetime-erased job and the hand-off of the
#      parts between threads. Its workers are persistent by design (never joined), so this run
#      alone passes -Zmiri-ignore-leaks, which also allows threads left at exit.
# Under Miri the kernels take the portable path (no SIMD intrinsics). If the machine cannot add
# the Miri component, the suite says so and passes. Takes ~5 min from scratch (std and the
# dependencies built for Miri into target/miri), under a minute once cached.
# Ends with "miri: N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
cd "$root"

skip() { echo "miri: SKIPPED: $1 (the step passes; run it where nightly Miri can be installed)"; exit 0; }
cargo +nightly --version >/dev/null 2>&1 || skip "no nightly toolchain (rustup toolchain install nightly)"
if ! cargo +nightly miri --version >/dev/null 2>&1; then
  echo "miri: rustup component add miri --toolchain nightly"
  rustup component add miri --toolchain nightly >/dev/null 2>&1 || skip "the Miri component could not be added"
fi
cargo +nightly miri setup >/dev/null 2>&1 || skip "cargo miri setup failed (it builds std for Miri)"

passed=0; failed=0
step() { # name, command...
  local name=$1; shift
  echo "--- $name"
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"
  else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
miri() { cargo +nightly miri test --quiet "$@"; }

step "ffi_calls under Miri" miri --test ffi_calls
step "ffi_boundary message buffer under Miri" miri --test ffi_boundary last_error_message
step "pool under Miri (3 cores)" env MIRIFLAGS="-Zmiri-ignore-leaks -Zmiri-num-cpus=3" \
  cargo +nightly miri test --quiet --lib pool::

echo "miri: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
