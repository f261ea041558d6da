#!/usr/bin/env bash
# Installs the system and Python packages the test suite needs, only when they are missing.
set -euo pipefail

apt_pkgs=()
need() { command -v "$1" >/dev/null 2>&1 || apt_pkgs+=("$2"); }
need gcc gcc
need g++ g++
need gfortran gfortran
need cmake cmake
need pkg-config pkg-config
need valgrind valgrind
need ccx calculix-ccx
need make make
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || apt_pkgs+=(fonts-dejavu-core)
# The Python and README suites make venvs (`python3 -m venv`), which Debian's python3 splits off.
"${PYTHON:-python3}" -c 'import ensurepip, venv' >/dev/null 2>&1 || apt_pkgs+=(python3-venv)

if [ ${#apt_pkgs[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${apt_pkgs[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import numpy, pytest, matplotlib' >/dev/null 2>&1; then
  echo "install-deps: pip install numpy pytest matplotlib"
  "$PY" -m pip install -q numpy pytest matplotlib
fi
