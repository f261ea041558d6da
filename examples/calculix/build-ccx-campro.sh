#!/usr/bin/env bash
# Builds CalculiX (ccx) from Debian's source package with examples/calculix/uamplitude.f in place
# of the stock user amplitude, linked with -lcampro (run path: the campro library directory), and
# prints the binary's path on stdout (progress goes to stderr). The build is cached:
#   ${CAMPRO_CCX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/campro}/calculix-<version>-campro-<hash>/ccx
# <version> is the Debian source version of calculix-ccx; <hash> covers uamplitude.f, this script
# and the library directory baked in as run path. A second call with the same inputs only prints
# the cached path.
#
# usage: examples/calculix/build-ccx-campro.sh [CAMPRO_LIB_DIR]
#   CAMPRO_LIB_DIR  the directory holding libcampro.so (default: the environment variable of that
#                   name, else target/release of this checkout)
# Needs a deb-src entry and the package's build dependencies (as root or with sudo):
#   tests/calculix-user/install-deps.sh   (adds deb-src for the running suite, apt-get build-dep)
#
# The build is Debian's own: `debian/rules build` with DEB_LDFLAGS_APPEND carrying the campro link
# flags (dpkg-buildflags appends them to LDFLAGS, which the package's Makefile puts last on the
# ccx link line). Nothing of the package is edited except src/uamplitude.f.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shim=$here/uamplitude.f
say() { echo "build-ccx-campro: $*" >&2; }
die() { say "error: $*"; exit 1; }

libdir=${1:-${CAMPRO_LIB_DIR:-$root/target/release}}
[ -f "$libdir/libcampro.so" ] || die "no libcampro.so in $libdir (run \`cargo build --release\` or \`make install\`, or pass the library directory)"
libdir=$(cd "$libdir" && pwd)
# cargo writes libcampro.so only; the solver asks for the soname at run time.
if [ ! -e "$libdir/libcampro.so.0" ]; then
  ln -s libcampro.so "$libdir/libcampro.so.0" 2>/dev/null || die "$libdir/libcampro.so.0 is missing and cannot be created"
fi

command -v apt-cache >/dev/null || die "apt-cache not found: this script builds Debian's calculix-ccx source package"
version=$(apt-cache showsrc calculix-ccx 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1)
[ -n "$version" ] || die "apt knows no source package calculix-ccx: add a deb-src entry for your Debian suite and run apt-get update (tests/calculix-user/install-deps.sh does both)"

hash=$( { cat "$shim" "$0"; echo "libdir=$libdir"; } | sha256sum | cut -c1-12)
cache=${CAMPRO_CCX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/campro}
dest=$cache/calculix-$version-campro-$hash
if [ -x "$dest/ccx" ]; then
  say "cached: $dest/ccx"
  echo "$dest/ccx"
  exit 0
fi

mkdir -p "$cache"
work=$(mktemp -d "$cache/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$work/build.log
start=$(date +%s)
say "building calculix-ccx $version with campro's uamplitude.f (log: $log)"

(cd "$work" && apt-get source calculix-ccx="$version") >"$log" 2>&1 ||
  { tail -20 "$log" >&2; die "apt-get source calculix-ccx=$version failed"; }
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'calculix-ccx-*' | head -1)
[ -n "$src" ] && [ -x "$src/debian/rules" ] || die "unpacked source not found in $work"
(cd "$src" && dpkg-checkbuilddeps) >&2 || die "build dependencies missing: apt-get build-dep calculix-ccx (tests/calculix-user/install-deps.sh)"
stock=$(find "$src" -path '*/src/uamplitude.f' | head -1)
[ -n "$stock" ] || die "no src/uamplitude.f in the calculix-ccx source"
cp "$shim" "$stock"

jobs=$(nproc 2>/dev/null || echo 2)
say "debian/rules build (parallel=$jobs)"
(cd "$src" &&
  DEB_BUILD_OPTIONS="parallel=$jobs nocheck" \
  DEB_LDFLAGS_APPEND="-L$libdir -Wl,-rpath,$libdir -lcampro" \
  debian/rules build) >>"$log" 2>&1 || { tail -30 "$log" >&2; die "debian/rules build failed (log above)"; }

bin=
for f in "$(dirname "$stock")"/ccx_*; do # ccx_<upstream version>, beside its sources and archive
  [ -f "$f" ] && [ -x "$f" ] && [ "$(head -c 4 "$f" | tail -c 3)" = ELF ] && { bin=$f; break; }
done
[ -n "$bin" ] || die "the build made no ccx_<version> executable"
nm -D --undefined-only "$bin" | grep -q ' campro_bc_displacement$' ||
  die "$bin does not call campro (the uamplitude.f swap or -lcampro did not take)"
seconds=$(($(date +%s) - start))

out=$work/out
mkdir "$out"
cp "$bin" "$out/ccx"
cp "$log" "$out/build.log"
printf 'calculix-ccx %s\nuamplitude.f sha256 %s\ncampro library directory (run path) %s\nbuild seconds %s\n' \
  "$version" "$(sha256sum "$shim" | cut -d' ' -f1)" "$libdir" "$seconds" >"$out/build-info.txt"
# Publish atomically: a concurrent build of the same key may have won; either result is the same.
mv -T "$out" "$dest" 2>/dev/null || [ -x "$dest/ccx" ] || die "cannot move the build to $dest"
say "built in ${seconds} s: $dest/ccx"
echo "$dest/ccx"
