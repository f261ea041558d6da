#!/usr/bin/env bash
# Fuzz suite: each cargo-fuzz target in fuzz/ (its own workspace) runs briefly under libFuzzer
# with AddressSanitizer and debug assertions:
#   parameter_files  TOML and JSON text through ParameterFile::parse (seeded with examples/params)
#   segments         arbitrary segment lists and rpm through Program::from_segments
#   c_api            arbitrary arguments through the campro_* C entry points
# Accepted inputs must give finite kinematics everywhere (fuzz/fuzz_targets/common.rs); no input
# may crash, panic or take over 10 s. Installs cargo-fuzz (into ~/.cargo/bin) if missing; needs
# the nightly toolchain. CAMPRO_FUZZ_SECONDS (default 40) sets each target's run time. The corpus
# grows in target/fuzz-corpus/; a failing input is saved under fuzz/artifacts/<target>/.
# Ends with "fuzz: N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
seconds=${CAMPRO_FUZZ_SECONDS:-40}
cd "$root"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain (rustup toolchain install nightly)"; echo "fuzz: 0 passed, 1 failed"; exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo install cargo-fuzz --locked"
  cargo install cargo-fuzz --locked --quiet || { echo "fuzz: 0 passed, 1 failed (cargo-fuzz did not install)"; exit 1; }
fi

passed=0; failed=0
step() { # name, command...
  local name=$1; shift
  echo "--- $name"
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"
  else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

# Parameter-file seeds: the format byte (even: TOML, odd: JSON), then the example's text.
seeds=$root/target/fuzz-seeds
mkdir -p "$seeds"
for f in examples/params/*.toml; do { printf 0; cat "$f"; } > "$seeds/$(basename "$f")"; done
for f in examples/params/*.json; do { printf 1; cat "$f"; } > "$seeds/$(basename "$f")"; done

build() { (cd fuzz && cargo +nightly fuzz build -O); }
step "build the fuzz targets" build

run_target() { # target, extra corpus dirs...
  local target=$1; shift
  local corpus=$root/target/fuzz-corpus/$target log
  mkdir -p "$corpus"
  log=$(mktemp)
  (cd fuzz && cargo +nightly fuzz run -O "$target" "$corpus" "$@" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) > "$log" 2>&1
  local rc=$?
  grep -E '^(Done|stat::number_of_executed_units)' "$log" | head -2
  if [ $rc -ne 0 ]; then tail -n 40 "$log"; fi
  rm -f "$log"
  return $rc
}
for target in parameter_files segments c_api; do
  if [ "$target" = parameter_files ]; then
    step "fuzz $target (${seconds} s)" run_target "$target" "$seeds"
  else
    step "fuzz $target (${seconds} s)" run_target "$target"
  fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
