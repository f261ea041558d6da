"""Reading CalculiX .dat output and tallying checks, shared by check_rod.py and check_train.py."""
import re
import sys

import campro

_HEADER = re.compile(r"^\s*(displacements|forces) \(\S+\) for set (\S+) and time\s+(\S+)")


def half_unit(text):
    """Half a unit in the last printed digit of a number like 9.935488E+00."""
    mantissa, _, exponent = text.upper().partition("E")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


class Row:
    """One printed increment of one node: time and x component, as numbers and as printed."""

    def __init__(self, time_text, x_text):
        self.time_text, self.time = time_text, float(time_text)
        self.text, self.value = x_text, float(x_text)


def read_dat(path):
    """{(quantity, set name): [Row per increment]} from *NODE PRINT blocks of one-node sets;
    quantity is "U" (displacements) or "RF" (forces)."""
    blocks, current = {}, None
    for line in open(path):
        header = _HEADER.match(line)
        if header:
            quantity = "U" if header.group(1) == "displacements" else "RF"
            current = (quantity, header.group(2), header.group(3))
            continue
        fields = line.split()
        if current and len(fields) == 4:
            quantity, name, time_text = current
            blocks.setdefault((quantity, name), []).append(Row(time_text, fields[1]))
            current = None
    return blocks


def load_cam(params):
    """campro's default cam for "-", else the parameter file."""
    return campro.Motion() if params == "-" else campro.Motion.load(params)


class Checks:
    """Prints one ok:/FAIL: line per check and a last line `checks: N passed, M failed`."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, message):
        print(("ok:   " if ok else "FAIL: ") + message)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok

    def finish(self):
        print(f"checks: {self.passed} passed, {self.failed} failed")
        sys.stdout.flush()
        return 1 if self.failed else 0


def increments(checks, rows, what, n_expected, offset, dt):
    """Checks that `rows` holds n_expected increments whose printed (total) times are
    offset + i*dt for i = 1..n; returns the reconstructed times (the printed ones have 7 digits)."""
    checks(len(rows) == n_expected, f"{what}: {len(rows)} increments printed (expected {n_expected})")
    times = [offset + (i + 1) * dt for i in range(len(rows))]
    bad = [r.time_text for r, t in zip(rows, times) if abs(r.time - t) > half_unit(r.time_text)]
    checks(bool(rows) and not bad, f"{what}: printed times are {offset} s + i * {dt} s (mismatches: {bad[:3]})")
    return times
