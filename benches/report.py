#!/usr/bin/env python3
"""Runs campro's benches and prints the CamProV5 performance guide's tables next to the guide's
published figures, with the plain-loop and streaming-floor ratios of issue 5.

    benches/report.py                  # short measurement times (about 10 minutes on 2 cores)
    benches/report.py --measure 3      # criterion measurement time per bench, seconds
    benches/report.py --no-run         # only print, from the last run's target/criterion data
    benches/report.py --no-c           # skip examples/c/bench.c
    benches/report.py --issue16        # only issue 16's table: campro vs the CamProV5 engine
                                       # (benches/camprov5.rs, about 5-8 minutes on 2 cores)
    benches/report.py --issue16 --readme "conditions"
                                       # also writes the table, dated, with the conditions
                                       # given, into README.md's performance section

Every ratio is taken from one run: each criterion group measures campro, the plain loop and the
streaming floor side by side. Numbers are medians (criterion) or best-of runs (bench.c).
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))

GUIDE_SINGLE = {  # ns per call at 3000 / 6000 rpm
    "displacement": (42.3, 42.5),
    "velocity": (68.7, 69.1),
    "acceleration": (89.2, 89.5),
    "jerk": (112.4, 112.8),
    "boundary_condition_at_time": (203.6, 204.2),
}
GUIDE_PARALLEL = {  # (function, n) -> (3000 rpm, 6000 rpm, eff 8 threads, eff 16 threads), seconds
    ("displacement_parallel", 100): (5.2e-6, 5.3e-6, 92, 84),
    ("displacement_parallel", 1000): (48.7e-6, 49.1e-6, 95, 87),
    ("displacement_parallel", 10000): (482.3e-6, 485.6e-6, 97, 89),
    ("displacement_parallel", 100000): (4.8e-3, 4.9e-3, 98, 91),
    ("velocity_parallel", 100): (8.4e-6, 8.5e-6, 91, 83),
    ("velocity_parallel", 1000): (79.2e-6, 79.8e-6, 94, 86),
    ("velocity_parallel", 10000): (784.5e-6, 789.2e-6, 96, 88),
    ("velocity_parallel", 100000): (7.8e-3, 7.9e-3, 97, 90),
    ("acceleration_parallel", 100): (10.9e-6, 11.0e-6, 90, 82),
    ("acceleration_parallel", 1000): (102.8e-6, 103.5e-6, 93, 85),
    ("acceleration_parallel", 10000): (1.0e-3, 1.0e-3, 95, 87),
    ("acceleration_parallel", 100000): (10.1e-3, 10.2e-3, 96, 89),
    ("jerk_parallel", 100): (13.7e-6, 13.8e-6, 89, 81),
    ("jerk_parallel", 1000): (129.4e-6, 130.2e-6, 92, 84),
    ("jerk_parallel", 10000): (1.3e-3, 1.3e-3, 94, 86),
    ("jerk_parallel", 100000): (12.7e-3, 12.8e-3, 95, 88),
    ("boundary_conditions", 100): (24.8e-6, 25.0e-6, 88, 80),
    ("boundary_conditions", 1000): (234.2e-6, 235.8e-6, 91, 83),
    ("boundary_conditions", 10000): (2.3e-3, 2.3e-3, 93, 85),
    ("boundary_conditions", 100000): (23.1e-3, 23.3e-3, 94, 87),
    ("analyze_kinematics", 100): (52.6e-6, 53.0e-6, 87, 79),
    ("analyze_kinematics", 1000): (498.7e-6, 502.3e-6, 90, 82),
    ("analyze_kinematics", 10000): (4.9e-3, 5.0e-3, 92, 84),
}
PARALLEL_FUNCTIONS = [
    "displacement_parallel", "velocity_parallel", "acceleration_parallel", "jerk_parallel",
    "kinematics_parallel", "boundary_conditions", "analyze_kinematics",
]
SIZES = [100, 1000, 10000, 100000, 1000000]

# Issue 16: campro against the CamProV5 engine's approach (benches/camprov5.rs), default cam at
# 3000 rpm. Goals are ratios baseline time / campro time, from the same criterion run.
V5_SCALAR = ["displacement", "velocity", "acceleration", "jerk", "boundary_condition_at_time"]
V5_CALLS = ["displacement_parallel", "velocity_parallel", "acceleration_parallel", "jerk_parallel",
            "kinematics_parallel", "boundary_conditions"]
V5_ANALYSIS_SIZES = [10000, 100000, 1000000]


def v5_goal(n):
    return 4.0 if n >= 10000 else 5.0


def issue16_table(e):
    """Prints issue 16's table from the criterion estimates `e`; returns (met, total)."""
    def median_s(key):
        return e[key][0] * 1e-9 if key in e else None

    rows = []
    for q in V5_SCALAR:
        g = f"v5/scalar/{q}"
        n = e[f"{g}/campro"][1] if f"{g}/campro" in e else 1
        per_call = lambda k: median_s(k) / n if median_s(k) is not None else None
        what = "random times" if q == "boundary_condition_at_time" else "random angles"
        rows.append((f"`{q}` (scalar, per call, {what})", per_call(f"{g}/baseline"), per_call(f"{g}/campro"), 2.0))
    for call in V5_CALLS:
        for order in ("sorted", "random"):
            for n in SIZES:
                g = f"v5/{call}/{order}/{n}"
                rows.append((f"`{call}`, {n:,} {order}", median_s(f"{g}/baseline"), median_s(f"{g}/campro"), v5_goal(n)))
    for n in V5_ANALYSIS_SIZES:
        g = f"v5/analyze_kinematics/{n}"
        rows.append((f"`analyze_kinematics`, {n:,} points", median_s(f"{g}/baseline"), median_s(f"{g}/campro"), 10.0))

    print("\n## Issue 16: campro vs the CamProV5 engine's approach (benches/camprov5.rs; default cam, "
          "3000 rpm; criterion medians of one run)\n")
    print("| workload | CamProV5 engine | campro | ratio | goal | |\n|---|---|---|---|---|---|")
    met = total = 0
    worst = None
    for name, base, ours, goal in rows:
        if base is None or ours is None:
            print(f"| {name} | - | - | - | >= {goal:g}x | not measured |")
            continue
        r = base / ours
        total += 1
        met += r >= goal
        if worst is None or r / goal < worst[0]:
            worst = (r / goal, name, r, goal)
        print(f"| {name} | {fmt_time(base)} | {fmt_time(ours)} | {r:.2f}x | >= {goal:g}x | {'met' if r >= goal else 'MISSED'} |")
    print(f"\n{met} of {total} goals met", end="")
    if worst:
        print(f"; closest to its goal: {worst[1]} at {worst[2]:.2f}x (goal {worst[3]:g}x)")
    else:
        print()
    return met, total


README_BEGIN = "<!-- issue16 table: written by benches/report.py --issue16 --readme -->"
README_END = "<!-- end of issue16 table -->"


def issue16_readme(e, conditions):
    """Writes issue 16's table, compact (one row per call and input order, one cell per size:
    baseline / campro = ratio), dated, into README.md between the markers."""
    import datetime

    # When the run finished: the newest of its criterion estimates.
    stamps = [f.stat().st_mtime for f in (TARGET / "criterion").glob("v5_*/*/new/estimates.json")]
    measured = datetime.datetime.fromtimestamp(max(stamps, default=0), datetime.timezone.utc)

    def cell(key, goal):
        b, c = e.get(f"{key}/baseline"), e.get(f"{key}/campro")
        if not b or not c:
            return "-"
        r = b[0] / c[0]
        return f"{fmt_time(b[0] * 1e-9)} / {fmt_time(c[0] * 1e-9)} = **{r:.1f}x**{'' if r >= goal else ' (MISSED)'}"

    lines = [README_BEGIN, "",
             f"Issue 16: campro against the CamProV5 engine's approach rebuilt as a baseline "
             f"(`benches/camprov5_engine/`: per-point scalar functions branching on the segment with libm "
             f"`sin`/`cos`, `%` for time to angle, rayon `par_iter().map().collect()` into a fresh `Vec`), "
             f"default cam at 3000 rpm, one criterion run of `benches/report.py --issue16` "
             f"(finished {measured:%Y-%m-%d %H:%M} UTC; {conditions}). "
             f"Cells: baseline / campro = ratio (criterion medians); goals: scalar >= 2x, 100 and 1,000 "
             f"points >= 5x, 10,000 to 1,000,000 points >= 4x, analysis >= 10x.", "",
             "| scalar call (per call, 65,536 random inputs) | baseline / campro | goal |", "|---|---|---|"]
    for q in V5_SCALAR:
        key = f"v5/scalar/{q}"
        n = e[f"{key}/campro"][1] if f"{key}/campro" in e else 1
        b, c = e.get(f"{key}/baseline"), e.get(f"{key}/campro")
        text = (f"{b[0] / n:.1f} ns / {c[0] / n:.1f} ns = **{b[0] / c[0]:.1f}x**" if b and c else "-")
        lines.append(f"| `{q}` | {text} | >= 2x |")
    lines += ["", "| call, inputs | " + " | ".join(f"{n:,}" for n in SIZES) + " |",
              "|---|" + "---|" * len(SIZES)]
    for call in V5_CALLS:
        for order in ("sorted", "random"):
            lines.append(f"| `{call}`, {order} | "
                         + " | ".join(cell(f"v5/{call}/{order}/{n}", v5_goal(n)) for n in SIZES) + " |")
    lines.append("| `analyze_kinematics` | - | - | "
                 + " | ".join(cell(f"v5/analyze_kinematics/{n}", 10.0) for n in V5_ANALYSIS_SIZES) + " |")
    lines += ["", README_END]
    readme = ROOT / "README.md"
    text = readme.read_text()
    if README_BEGIN in text and README_END in text:
        head, rest = text.split(README_BEGIN, 1)
        tail = rest.split(README_END, 1)[1]
        text = head + "\n".join(lines) + tail
    else:
        anchor = "\n## Installing\n"
        text = text.replace(anchor, "\n" + "\n".join(lines) + "\n" + anchor, 1)
    tmp = readme.with_suffix(".md.tmp")
    tmp.write_text(text)
    os.replace(tmp, readme)
    print(f"report: wrote the issue 16 table into {readme}", file=sys.stderr)


def run(cmd, env=None):
    print("+", " ".join(cmd), file=sys.stderr, flush=True)
    result = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"report: {' '.join(cmd)} failed")
    return result.stdout


def estimates():
    """full_id -> (median ns per iteration, elements per iteration)."""
    found = {}
    for bench in (TARGET / "criterion").glob("**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        elements = (meta.get("throughput") or {}).get("Elements", 1)
        found[meta["full_id"]] = (est["median"]["point_estimate"], elements)
    return found


def fmt_time(seconds):
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measure", type=float, default=1.0, help="criterion measurement time, s")
    ap.add_argument("--warm-up", type=float, default=0.3, help="criterion warm-up time, s")
    ap.add_argument("--no-run", action="store_true", help="print from the last run only")
    ap.add_argument("--no-c", action="store_true", help="skip examples/c/bench.c")
    ap.add_argument("--issue16", action="store_true",
                    help="run and print only issue 16's table (campro vs the CamProV5 engine)")
    ap.add_argument("--readme", metavar="CONDITIONS",
                    help="with --issue16: also write the table into README.md, dated, with these conditions")
    args = ap.parse_args()
    crit = ["--warm-up-time", str(args.warm_up), "--measurement-time", str(args.measure)]
    if args.issue16:
        if not args.no_run:
            run(["cargo", "bench", "--bench", "camprov5", "--", *crit])
        e = estimates()
        met, total = issue16_table(e)
        if args.readme:
            issue16_readme(e, args.readme)
        sys.exit(0 if total and met == total else 1)
    tables_out = c_out = ""
    if not args.no_run:
        run(["cargo", "bench", "--bench", "camprov5", "--", *crit])
        run(["cargo", "bench", "--bench", "guide", "--", *crit])
        run(["cargo", "bench", "--bench", "scaling", "--", *crit])
        tables_out = run(["cargo", "bench", "--bench", "tables"])
        if not args.no_c:
            c_out = run([str(ROOT / "examples/c/bench.sh")])
    e = estimates()

    def per_point(full_id):
        if full_id not in e:
            return None
        ns, elements = e[full_id]
        return ns / elements

    def total(full_id):
        return e[full_id][0] * 1e-9 if full_id in e else None

    def ratio(a, b):
        return f"{a / b:.3f}" if a is not None and b else "-"

    print("\n## Issue 5 goals: default cam, 1,000,000 random angles, release build (criterion medians)\n")
    plain, plain4, plain_an = per_point("goals/plain_loop"), per_point("goals/plain_loop_all_four"), per_point("goals/plain_analyze")
    print(f"| call | ns/point | x plain loop | goal |\n|---|---|---|---|")
    rows = [
        ("plain loop (displacement)", "goals/plain_loop", plain, ""),
        ("plain loop (all four)", "goals/plain_loop_all_four", plain4, ""),
        ("plain loop (analysis: all four + peaks, equally spaced)", "goals/plain_analyze", plain, ""),
        ("streaming floor (1 output)", "goals/streaming_floor", plain, ""),
        ("streaming floor (4 outputs)", "goals/streaming_floor_all_four", plain4, ""),
        ("campro_displacement, scalar through the C ABI (fn pointer)", "goals/scalar_c_abi", plain, "<= 0.5"),
        ("Program::displacement, scalar, inlined Rust", "goals/scalar_rust", plain, ""),
        ("campro_displacement_batch", "goals/displacement_batch", plain, "<= 0.25"),
        ("campro_displacement_parallel", "goals/displacement_parallel", plain, "<= 0.15"),
        ("campro_kinematics_batch (all four)", "goals/kinematics_batch", plain4, ""),
        ("campro_kinematics_parallel (all four)", "goals/kinematics_parallel", plain4, "<= 0.15"),
        ("campro_analyze_kinematics (vs plain all four)", "goals/analyze_kinematics", plain4, "<= 0.15"),
        ("campro_analyze_kinematics (vs plain analysis)", "goals/analyze_kinematics", plain_an, ""),
    ]
    for name, key, ref, goal in rows:
        value = per_point(key)
        print(f"| {name} | {value:.3f} | {ratio(value, ref)} | {goal} |" if value else f"| {name} | - | - | {goal} |")
    small_b, small_p = total("parallel/100/displacement_batch/3000rpm"), total("parallel/100/displacement_parallel/3000rpm")
    print(f"\n100-point displacement_parallel / displacement_batch: {ratio(small_p, small_b)} (goal <= 1.3)")

    print("\n## Single-threaded performance (per call, 65,536 random angles)\n")
    print("| function | 3000 rpm | 6000 rpm | guide 3000 | guide 6000 | x plain loop (3000) |\n|---|---|---|---|---|---|")
    for f, (g3, g6) in GUIDE_SINGLE.items():
        a, b = per_point(f"single/3000rpm/{f}"), per_point(f"single/6000rpm/{f}")
        ref = per_point("single/3000rpm/plain_loop" if f == "displacement" else "single/3000rpm/plain_loop_all_four")
        print(f"| `{f}()` | {a:.2f} ns | {b:.2f} ns | {g3} ns | {g6} ns | {ratio(a, ref)} |" if a and b else f"| `{f}()` | - | - | {g3} | {g6} | - |")
    print(f"\nplain loop: {per_point('single/3000rpm/plain_loop') or 0:.2f} ns (displacement), "
          f"{per_point('single/3000rpm/plain_loop_all_four') or 0:.2f} ns (all four); "
          f"streaming floor {per_point('single/3000rpm/streaming_floor') or 0:.3f} ns per point")

    print("\n## Parallel calls (whole call; ratios per point against the same-size plain loop and floor)\n")
    print("| function | input size | 3000 rpm | 6000 rpm | guide 3000 | guide 6000 | x plain loop | x floor |")
    print("|---|---|---|---|---|---|---|---|")
    for f in PARALLEL_FUNCTIONS:
        for n in SIZES:
            a, b = total(f"parallel/{n}/{f}/3000rpm"), total(f"parallel/{n}/{f}/6000rpm")
            g = GUIDE_PARALLEL.get((f, n))
            four = f in ("kinematics_parallel", "analyze_kinematics")
            ref = total(f"parallel/{n}/plain_loop_all_four" if four else f"parallel/{n}/plain_loop")
            floor = total(f"parallel/{n}/streaming_floor_all_four" if four else f"parallel/{n}/streaming_floor")
            print(f"| `{f}()` | {n:,} | {fmt_time(a)} | {fmt_time(b)} | {fmt_time(g[0]) if g else '-'} | "
                  f"{fmt_time(g[1]) if g else '-'} | {ratio(a, ref)} | {ratio(a, floor)} |")

    print("\n## Thread scaling (efficiency = t1 / (k * tk); the guide: 8 and 16 threads on 8 cores)\n")
    cores = os.cpu_count() or 1
    print("| function | input size | " + " | ".join(f"{k} thr" for k in range(1, cores + 1)) + " | "
          + " | ".join(f"eff {k}" for k in range(2, cores + 1)) + " | guide eff 8 | guide eff 16 |")
    print("|---|---|" + "---|" * (2 * cores - 1) + "---|---|")
    for f in PARALLEL_FUNCTIONS:
        for n in (10000, 100000, 1000000):
            t = [total(f"scaling/{k}threads/{f}/{n}") for k in range(1, cores + 1)]
            g = GUIDE_PARALLEL.get((f, n))
            cells = [fmt_time(x) for x in t]
            effs = [f"{100 * t[0] / ((k + 1) * t[k]):.0f}%" if t[0] and t[k] else "-" for k in range(1, cores)]
            print(f"| `{f}()` | {n:,} | " + " | ".join(cells) + " | " + " | ".join(effs)
                  + f" | {str(g[2]) + '%' if g else '-'} | {str(g[3]) + '%' if g else '-'} |")

    issue16_table(e)

    if tables_out:
        print("\n## Memory and numerical stability (benches/tables.rs)\n")
        print("```\n" + tables_out.strip() + "\n```")
    if c_out:
        print("\n## As a C program sees it (examples/c/bench.c, best of 7)\n")
        print("```\n" + c_out.strip() + "\n```")


if __name__ == "__main__":
    main()
