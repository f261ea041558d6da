#!/usr/bin/env bash
# Installs what rebuilding CalculiX from Debian's source package needs, only when missing:
#   - a deb-src entry for the running Debian suite (copied from its `deb` entries into
#     /etc/apt/sources.list.d/campro-deb-src.sources or .list), so `apt-get source calculix-ccx` works;
#   - the package's build dependencies (`apt-get build-dep calculix-ccx`: debhelper, gfortran,
#     SPOOLES, ARPACK, LAPACK);
#   - numpy for the campro Python package the checks use.
# Runs apt-get as root, or through sudo otherwise (like .ci/install-deps.sh).
set -euo pipefail
say() { echo "calculix-user install-deps: $*" >&2; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

have_source() { [ -n "$(apt-cache showsrc calculix-ccx 2>/dev/null)" ]; }

add_deb_src() {
  local codename dir=/etc/apt/sources.list.d entries
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || { say "cannot tell the Debian suite (no VERSION_CODENAME in /etc/os-release)"; return 1; }
  # deb822 files: every enabled paragraph whose Types has deb and whose Suites has the codename,
  # copied with Types: deb-src (continuation lines such as an inline Signed-By key come along).
  entries=$(awk -v cn="$codename" 'BEGIN { RS = ""; FS = "\n" }
    { types = suites = enabled = ""
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^Types:/) types = " " substr($i, 7) " "
        if ($i ~ /^Suites:/) suites = " " substr($i, 8) " "
        if ($i ~ /^Enabled:/) enabled = $i }
      gsub(/[ \t]+/, " ", types); gsub(/[ \t]+/, " ", suites)
      if (types ~ / deb / && suites ~ (" " cn " ") && enabled !~ /[Nn]o/) {
        for (i = 1; i <= NF; i++) print ($i ~ /^Types:/ ? "Types: deb-src" : $i)
        print "" } }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [ -n "$entries" ]; then
    say "adding deb-src for $codename: $dir/campro-deb-src.sources"
    printf '%s\n' "$entries" | $SUDO tee "$dir/campro-deb-src.sources" >/dev/null
  else
    # one-line format: `deb [options] URI SUITE COMPONENTS`
    entries=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk -v cn="$codename" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i == cn) { $1 = "deb-src"; print; next } }')
    [ -n "$entries" ] || { say "no deb entry for $codename to copy into a deb-src entry"; return 1; }
    say "adding deb-src for $codename: $dir/campro-deb-src.list"
    printf '%s\n' "$entries" | $SUDO tee "$dir/campro-deb-src.list" >/dev/null
  fi
  $SUDO apt-get update -qq
}

if ! have_source; then
  add_deb_src
  have_source || { say "apt still knows no source package calculix-ccx"; exit 1; }
fi

if apt-get build-dep -s -qq calculix-ccx 2>/dev/null | grep -q '^Inst '; then
  say "apt-get build-dep calculix-ccx"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get build-dep -y -qq calculix-ccx >/dev/null
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import numpy' >/dev/null 2>&1; then
  say "pip install numpy"
  "$PY" -m pip install -q numpy
fi
