#!/usr/bin/env sh
# Builds libcampro (release) and examples/c/bench.c against it, then runs it.
#   examples/c/bench.sh [N] [REPEATS]
set -eu
cd "$(dirname "$0")/../.."
cargo build --release --lib --quiet
ln -sf libcampro.so target/release/libcampro.so.0
CC=${CC:-cc}
$CC -std=c99 -O2 -Wall -Wextra -I include examples/c/bench.c \
    -L target/release -Wl,-rpath,"$PWD/target/release" -lcampro -lm -o target/release/campro-bench-c
exec target/release/campro-bench-c "$@"
