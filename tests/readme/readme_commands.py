#!/usr/bin/env python3
"""Runs the README's commands exactly as written and checks what they print.

Conventions (README.md says them briefly under "Tests"):
- A fenced block whose info string starts with `sh` is run: in document order, each block in a
  fresh `bash` (`set -eo pipefail`) at the top of a copy of the checkout, so each block must be
  self-contained (environment does not carry over; files do).
- A fenced `output` block right after a `sh` block (only blank lines between) is what that block
  must print: the block's stdout must end with exactly these lines (earlier lines, e.g. pip's
  progress, are ignored; trailing blanks are ignored). Without one, the block must just succeed.
- A fenced block whose info string has `file=PATH` (```c file=examples/c/minimal.c) shows that
  file: its text must equal the file in the checkout.
- Every other block (text, console, no language, c, python, ...) is only shown.
- The test command itself (`./test.sh`) is not run from here: CI runs it (.ci/run), and running
  it inside itself would recurse. The README must start with a `sh` block holding exactly the
  two commands `cargo run --release` and `./test.sh`.

The copy is target/readme/checkout, refreshed from the files git knows (tracked, and untracked
but not ignored) each run, keeping its own target/ and .venv/ so later runs build incrementally.
Blocks run with HOME=target/readme/home (so `make install PREFIX=$HOME/.local`, pip and `cargo
install` write there; cargo, rustup and pip keep their real caches), with $HOME/.local/bin,
$HOME/.cargo/bin and the copy's target/release on PATH (`campro` as after an install), and
without the variables the test harness sets (CAMPRO_*, LD_LIBRARY_PATH, PYTHONPATH,
PKG_CONFIG_PATH, CARGO_TARGET_DIR, VIRTUAL_ENV). Where the README's solver sections use the
user's own parameter file `cam.toml`, the copy has one: examples/params/camprov5_defaults.toml.

Usage: readme_commands.py ROOT   (prints one line per check and "readme: N passed, M failed")
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BLOCK_TIMEOUT_S = 1800  # a first run builds the crate twice (release, wheel) on a busy machine
TEST_COMMAND = "./test.sh"
FIRST_BLOCK = ["cargo run --release", TEST_COMMAND]
KEPT = {"target", ".venv"}  # in the copy, never replaced by the checkout's files


@dataclass
class Block:
    info: str  # the fence's info string, e.g. "sh" or "c file=examples/c/minimal.c"
    text: str
    line: int  # 1-based line of the opening fence
    end: int  # 1-based line of the closing fence

    @property
    def lang(self) -> str:
        return self.info.split()[0] if self.info.split() else ""

    @property
    def file(self) -> str | None:
        m = re.search(r"(?:^|\s)file=(\S+)", self.info)
        return m.group(1) if m else None


def parse_blocks(markdown: str) -> list[Block]:
    """Fenced code blocks (``` or longer backtick fences, up to 3 spaces of indent)."""
    blocks, lines, i = [], markdown.splitlines(), 0
    while i < len(lines):
        m = re.match(r"^ {0,3}(`{3,})([^`]*)$", lines[i])
        if not m:
            i += 1
            continue
        fence, info, start = m.group(1), m.group(2).strip(), i
        body = []
        i += 1
        while i < len(lines) and not re.match(rf"^ {{0,3}}{fence}`*\s*$", lines[i]):
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise SystemExit(f"README.md:{start + 1}: unclosed code fence")
        blocks.append(Block(info, "\n".join(body) + "\n" if body else "", start + 1, i + 1))
        i += 1
    return blocks


def command_of(line: str) -> str:
    """A shell line without its trailing comment and surrounding blanks (good enough here:
    the README's commands put `#` only before comments)."""
    return re.sub(r"(^|\s)#.*$", "", line).strip()


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def ok(self, name: str) -> None:
        self.passed += 1
        print(f"ok: {name}", flush=True)

    def fail(self, name: str, detail: str = "") -> None:
        self.failed += 1
        print(f"FAIL: {name}", flush=True)
        for line in detail.rstrip().splitlines()[-40:]:
            print(f"    {line}")


def checkout_files(root: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=root, capture_output=True, check=True).stdout
    return sorted({f for f in out.decode().split("\0") if f and (root / f).is_file()})


def refresh_copy(root: Path, copy: Path) -> None:
    """Makes `copy` hold exactly the checkout's files (plus KEPT). Unchanged files are left alone,
    keeping their times, so cargo in the copy rebuilds only what changed."""
    files = checkout_files(root)
    wanted = set(files)
    copy.mkdir(parents=True, exist_ok=True)
    folders = []
    for dirpath, dirnames, filenames in os.walk(copy, topdown=True):
        rel_dir = Path(dirpath).relative_to(copy)
        if rel_dir == Path("."):
            dirnames[:] = [d for d in dirnames if d not in KEPT]
        else:
            folders.append(Path(dirpath))
        for name in filenames:
            rel = (rel_dir / name).as_posix()
            if rel not in wanted:
                (Path(dirpath) / name).unlink()
        for name in list(dirnames):
            path = Path(dirpath) / name
            if path.is_symlink():
                path.unlink()
                dirnames.remove(name)
    for rel in files:
        src, dst = root / rel, copy / rel
        if dst.is_file() and not dst.is_symlink() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.is_symlink() or dst.exists():
            dst.unlink()
        shutil.copy2(src, dst)
    for folder in reversed(folders):  # deepest first
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def sandbox_env(copy: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    real_home = Path(env.get("HOME", str(Path.home())))
    env.setdefault("CARGO_HOME", str(real_home / ".cargo"))
    env.setdefault("RUSTUP_HOME", str(real_home / ".rustup"))
    pip_cache = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True,
                               text=True).stdout.strip()
    if pip_cache and "PIP_CACHE_DIR" not in env:
        env["PIP_CACHE_DIR"] = pip_cache
    for name in list(env):
        if name.startswith("CAMPRO_") or name in (
            "LD_LIBRARY_PATH", "PYTHONPATH", "PKG_CONFIG_PATH", "CARGO_TARGET_DIR", "VIRTUAL_ENV",
            "CARGO_INSTALL_ROOT", "PYTHONDONTWRITEBYTECODE",
        ):
            del env[name]
    env["HOME"] = str(home)
    env["CARGO_INSTALL_ROOT"] = str(home / ".cargo")
    env["PATH"] = os.pathsep.join(
        [str(home / ".local" / "bin"), str(home / ".cargo" / "bin"),
         str(copy / "target" / "release"), env.get("PATH", "")])
    env["MPLBACKEND"] = "Agg"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run_block(block: Block, copy: Path, env: dict[str, str], log: Path) -> tuple[int, str]:
    lines = []
    for line in block.text.splitlines():
        if command_of(line) == TEST_COMMAND:
            line = f": 'not run here: {TEST_COMMAND}, which CI runs (it would recurse)'"
        lines.append(line)
    script = "set -eo pipefail\n" + "\n".join(lines) + "\n"
    with open(log, "wb") as err:
        try:
            r = subprocess.run(["bash", "-c", script], cwd=copy, env=env, stdout=subprocess.PIPE,
                               stderr=err, timeout=BLOCK_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return -1, ""
    return r.returncode, r.stdout.decode("utf-8", "replace")


def ends_with_lines(stdout: str, expected: str) -> bool:
    got = [line.rstrip() for line in stdout.rstrip().splitlines()]
    want = [line.rstrip() for line in expected.rstrip().splitlines()]
    return len(got) >= len(want) and got[len(got) - len(want):] == want


def main(root: Path) -> int:
    readme = root / "README.md"
    markdown = readme.read_text()
    lines = markdown.splitlines()
    blocks = parse_blocks(markdown)
    checks = Checks()

    first = blocks[0] if blocks else None
    commands = [command_of(x) for x in first.text.splitlines()] if first else []
    if first and first.lang == "sh" and [c for c in commands if c] == FIRST_BLOCK:
        checks.ok("README starts with the two commands `cargo run --release` and `./test.sh`")
    else:
        checks.fail("README starts with the two commands `cargo run --release` and `./test.sh`",
                    first.text if first else "no code block")

    base = root / "target" / "readme"
    copy, home = base / "checkout", base / "home"
    if os.environ.get("CAMPRO_README_FRESH") == "1":
        shutil.rmtree(base, ignore_errors=True)
    home.mkdir(parents=True, exist_ok=True)
    refresh_copy(root, copy)
    shutil.copy2(copy / "examples" / "params" / "camprov5_defaults.toml", copy / "cam.toml")
    env = sandbox_env(copy, home)
    print(f"readme: running in {copy}", flush=True)

    consumed = set()
    for n, block in enumerate(blocks):
        where = f"README.md:{block.line}"
        if block.file:
            target = copy / block.file
            if target.is_file() and target.read_text() == block.text:
                checks.ok(f"{where}: the ```{block.lang} block is {block.file}")
            else:
                checks.fail(f"{where}: the ```{block.lang} block is {block.file}",
                            "missing file" if not target.is_file() else "texts differ")
        if block.lang != "sh":
            continue
        expected = None
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        if following and following.lang == "output" and all(
                not x.strip() for x in lines[block.end:following.line - 1]):
            expected = following.text
            consumed.add(n + 1)
        shown = " && ".join(c for c in map(command_of, block.text.splitlines()) if c)
        name = f"{where}: {shown[:110]}"
        log = base / f"block-{block.line}.stderr"
        rc, stdout = run_block(block, copy, env, log)
        detail = f"exit status {rc}\n--- stdout\n{stdout}--- stderr ({log})\n{log.read_text()}"
        if rc != 0:
            checks.fail(name, detail)
        elif expected is not None and not ends_with_lines(stdout, expected):
            checks.fail(name + " (output)", f"--- expected (end of stdout)\n{expected}" + detail)
        else:
            checks.ok(name + (" (output checked)" if expected is not None else ""))
    for i, b in enumerate(blocks):
        if b.lang == "output" and i not in consumed:
            checks.fail(f"README.md:{b.line}: an ```output block not right after a ```sh block")

    print(f"readme: {checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve()))
