#!/usr/bin/env bash
# README suite: runs every ```sh block of README.md exactly as written, in a copy of the checkout
# (target/readme/checkout), and checks each against the ```output block after it; ```lang file=PATH
# blocks must equal their files. The conventions are at the top of readme_commands.py.
# CAMPRO_README_FRESH=1 starts from an empty copy (as a fresh clone: slower, it builds everything).
# Ends with "readme: N passed, M failed"; exits non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${CAMPRO_ROOT:-$(cd "$here/../.." && pwd)}
export PYTHONDONTWRITEBYTECODE=1
exec "${PYTHON:-python3}" "$here/readme_commands.py" "$root"
