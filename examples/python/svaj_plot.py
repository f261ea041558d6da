#!/usr/bin/env python3
"""Draw the classic SVAJ diagram (displacement, velocity, acceleration, jerk over one cam
revolution) of a campro motion.

Usage: svaj_plot.py [OUTPUT.png] [PARAMETERS.toml|.json]

Without a parameter file the library's default cam is drawn. Needs campro with its `plot` extra,
which brings matplotlib: `pip install '.[plot]'` at the repository root (or, in a source checkout
after `cargo build --release`, PYTHONPATH=python and matplotlib installed).
"""

import json
import sys
from pathlib import Path

try:
    import matplotlib
except ImportError:
    sys.exit(
        "svaj_plot: needs matplotlib, the `plot` extra of campro: pip install 'campro[plot]' "
        "(in the repository: pip install '.[plot]')"
    )

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import campro  # noqa: E402

PANELS = [
    ("displacement", "s [mm]", "tab:blue"),
    ("velocity", "v [mm/s]", "tab:green"),
    ("acceleration", "a [mm/s²]", "tab:orange"),
    ("jerk", "j [mm/s³]", "tab:red"),
]


def read_parameters(path):
    """The parameter set of a file (for titles and segment boundaries), or {} if unreadable."""
    try:
        if path.suffix.lower() == ".json":
            return json.loads(path.read_text())
        import tomllib

        return tomllib.loads(path.read_text())
    except Exception:
        return {}


def boundaries(motion, params):
    """Segment boundaries (deg): from the motion's program when the library can list it, else
    from the rise / high dwell / fall durations of the parameter set."""
    try:
        durations = [duration for _, duration, _ in motion.segments]
        return list(np.concatenate([[0.0], np.cumsum(durations)]))
    except NotImplementedError:
        pass
    p = campro.default_parameters()
    p.update({k: v for k, v in params.items() if k in p})
    try:
        rise, dwell, fall = (float(p[k]) for k in ("rise_duration", "dwell_duration", "fall_duration"))
    except (TypeError, ValueError):
        return []
    edges = [0.0, rise, rise + dwell, rise + dwell + fall, 360.0]
    return sorted(set(edges))


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else Path("svaj.png")
    if len(argv) > 2:
        param_file = Path(argv[2])
        motion = campro.Motion.load(param_file)
        params = read_parameters(param_file)
        title = f"SVAJ diagram — {param_file.name}"
    else:
        motion = campro.Motion()
        params = {}
        title = "SVAJ diagram — default cam"
    with motion:
        theta = np.linspace(0.0, 360.0, 3601)
        curves = motion.kinematics(theta)
        analysis = motion.analyze()
        rpm = motion.rpm if "campro_motion_rpm" in campro._lib.optional_present else None
        edges = boundaries(motion, params)

    fig, axes = plt.subplots(4, 1, sharex=True, figsize=(8, 10), constrained_layout=True)
    for ax, (name, label, color), y in zip(axes, PANELS, curves):
        ax.plot(theta, y, color=color, linewidth=1.4)
        ax.axhline(0.0, color="0.6", linewidth=0.6)
        for edge in edges:
            ax.axvline(edge, color="0.4", linestyle="--", linewidth=0.7)
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
        ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 4))
    axes[-1].set_xlabel("cam angle θ [deg]")
    axes[-1].set_xlim(0.0, 360.0)
    axes[-1].set_xticks(np.arange(0, 361, 45))
    subtitle = (
        f"max |v| = {analysis.max_velocity:.4g} mm/s, max |a| = {analysis.max_acceleration:.4g} "
        f"mm/s², max |j| = {analysis.max_jerk:.4g} mm/s³"
    )
    if rpm is not None:
        subtitle = f"{rpm:g} rpm; " + subtitle
    fig.suptitle(f"{title}\n{subtitle}", fontsize=10)
    fig.savefig(out, dpi=100)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except campro.CamproError as exc:  # e.g. a missing or invalid parameter file
        print(f"svaj_plot: {exc}", file=sys.stderr)
        sys.exit(1)
