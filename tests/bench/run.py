#!/usr/bin/env python3
"""The benchmark of issue 8: one run on one machine, one table of ratios.

    run.py --bench BUILD/tests/bench/goals_bench --sizes 1M,100M [--dir DIR]
           [--pythonpath BUILD/bindings/python] [--repeat 3] [--markdown OUT.md]

For each size it makes a synthetic plan (gen_plan.py: PREFIX.xml, .xml.gz,
.plan.xml without observations, .csv), unless one is already in DIR, then:

- load: goals_bench load FILE ÷ xmllint --stream --noout FILE, as whole
  processes (CPU time, best of --repeat), plain and gzip: the raw libxml2
  reader is the floor for a loader built on it (goal ≤ 1.3);
- load+evaluate: goals_bench loadeval ÷ reference.py (Python + lxml
  iterparse, plain Python evaluation), whole processes;
- evaluation throughput: observations and targets per second, one thread
  and all cores (concurrent evaluations of one plan, as the API allows);
- memory: peak resident set growth while loading, per observation (the full
  plan minus the plan without observations) and per target (the plan
  without observations, divided by its targets);
- the Python binding: load+evaluate from Python ÷ from C (in process), and
  bulk input of a pandas frame (observations per second);
- CSV input: observations per second.

Nothing here asserts a time: the ctest only runs it on a tiny size.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WALL = False  # --wall
# Below this many observations the growth of the resident set is lost in
# the noise of the allocator and libxml2's start-up (a few MB).
SMALL = 100000


def run(cmd, env=None):
    """(seconds, stdout) of one process; fails loudly. The seconds are CPU
    time (user + system) of the process, or wall time with --wall: on a
    machine shared with other work, CPU time is the steadier measure of the
    work a program does, and every program here runs on one thread."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("run.py: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return (wall if WALL else cpu), p.stdout


def best(cmd, repeat, env=None):
    """Best time of repeat runs, and the JSON the last run printed (if any)."""
    times, out = [], ""
    for _ in range(repeat):
        t, out = run(cmd, env)
        times.append(t)
    data = None
    line = out.strip().splitlines()[-1] if out.strip() else ""
    if line.startswith("{"):
        data = json.loads(line)
    else:
        data = {"text": line}
    return min(times), data


def mb(n):
    return n / 1e6


def fmt_ratio(r, goal=None, smaller_better=True):
    if r is None:
        return "n/a"
    s = "%.2f×" % r
    if goal is not None:
        ok = r <= goal if smaller_better else r >= goal
        s += " ✓" if ok else " ✗"
    return s


def measure(size, args, env_py):
    prefix = os.path.join(args.dir, "plan-" + size)
    if not os.path.exists(prefix + ".csv"):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_plan.py"), "--size", size, "--out", prefix],
                       check=True)
    r = {"size": size, "bytes": os.path.getsize(prefix + ".xml"), "gz_bytes": os.path.getsize(prefix + ".xml.gz")}
    rep = args.repeat
    xmllint = shutil.which("xmllint")
    for ext, key in ((".xml", "plain"), (".xml.gz", "gzip")):
        f = prefix + ext
        t_goals, d = best([args.bench, "load", f], rep)
        r[key + "_goals_s"] = t_goals
        r[key + "_goals_inproc_s"] = d["load_s"]
        if xmllint:
            t_lint, _ = best([xmllint, "--stream", "--noout", f], rep)
            r[key + "_xmllint_s"] = t_lint
            r[key + "_ratio"] = t_goals / t_lint
        if key == "plain":
            r["observations"], r["targets"] = d["observations"], d["targets"]
            r["rss_grow_kb"] = d["rss_peak_kb"] - d["rss_before_kb"]
    _, d = best([args.bench, "load", prefix + ".plan.xml"], 1)
    r["plan_rss_grow_kb"] = d["rss_peak_kb"] - d["rss_before_kb"]
    nobs, ntargets = r["observations"], r["targets"]
    r["bytes_per_obs"] = (r["rss_grow_kb"] - r["plan_rss_grow_kb"]) * 1024.0 / max(1, nobs)
    r["bytes_per_target"] = r["plan_rss_grow_kb"] * 1024.0 / max(1, ntargets)

    t_c, d = best([args.bench, "loadeval", prefix + ".xml"], rep)
    r["loadeval_s"] = t_c
    r["c_load_s"], r["c_eval_s"] = (d["load_s"], d["eval_s"]) if WALL else (d["load_cpu_s"], d["eval_cpu_s"])
    if args.reference:
        t_py, d = best([args.python, os.path.join(HERE, "reference.py"), prefix + ".xml"], max(1, rep // 2 or 1))
        r["reference_s"] = t_py
        # The same work: the reference must have read what libgoals read.
        words = d["text"].split()
        seen = (int(words[words.index("targets:") + 1]), int(words[words.index("observations:") + 1]))
        if seen != (ntargets, nobs):
            sys.exit("run.py: the reference read %d targets and %d observations, libgoals %d and %d"
                     % (seen + (ntargets, nobs)))
        r["reference_ratio"] = t_c / t_py

    for threads in (1, args.cores):
        _, d = best([args.bench, "eval", prefix + ".xml", str(threads), str(args.eval_seconds)], 1)
        per_s = d["evaluations"] / d["wall_s"]
        r["eval_%d_obs_s" % threads] = per_s * nobs
        r["eval_%d_targets_s" % threads] = per_s * ntargets
        if threads == 1:
            # Per core: evaluations per second of the thread's own CPU time.
            r["eval_core_obs_s"] = d["evaluations"] / d["cpu_s"] * nobs if d["cpu_s"] > 0 else None

    _, d = best([args.bench, "csv", prefix + ".plan.xml", prefix + ".csv"], rep)
    r["csv_obs_s"] = d["observations"] / d["csv_s"] if d["csv_s"] > 0 else None

    if env_py is not None:
        _, d = best([args.python, os.path.join(HERE, "py_binding.py"), prefix], 1, env_py)
        if (d["targets"], d["observations"]) != (ntargets, nobs):
            sys.exit("run.py: the Python binding loaded %d targets and %d observations, C %d and %d"
                     % (d["targets"], d["observations"], ntargets, nobs))
        r["py_load_eval_ratio"] = (d["load_s"] + d["eval_s"]) / (r["c_load_s"] + r["c_eval_s"])
        r["py_eval_ratio"] = d["eval_s"] / r["c_eval_s"] if r["c_eval_s"] > 0 else None
        if "add_frame_s" in d:
            r["py_frame_obs_s"] = d["bulk_observations"] / d["add_frame_s"] if d["add_frame_s"] > 0 else None
    return r


def table(results, args):
    rows = [
        ("file size (MB), plain / gzip", lambda r: "%.1f / %.1f" % (mb(r["bytes"]), mb(r["gz_bytes"]))),
        ("observations / targets", lambda r: "%d / %d" % (r["observations"], r["targets"])),
        ("xmllint --stream, plain (s)", lambda r: "%.3f" % r.get("plain_xmllint_s", float("nan"))),
        ("goals load, plain (s)", lambda r: "%.3f" % r["plain_goals_s"]),
        ("**load ÷ xmllint, plain** (goal ≤ 1.3)", lambda r: fmt_ratio(r.get("plain_ratio"), 1.3)),
        ("xmllint --stream, gzip (s)", lambda r: "%.3f" % r.get("gzip_xmllint_s", float("nan"))),
        ("goals load, gzip (s)", lambda r: "%.3f" % r["gzip_goals_s"]),
        ("**load ÷ xmllint, gzip** (goal ≤ 1.3)", lambda r: fmt_ratio(r.get("gzip_ratio"), 1.3)),
        ("goals load+evaluate (s)", lambda r: "%.3f" % r["loadeval_s"]),
        ("Python+lxml reference (s)", lambda r: "%.3f" % r["reference_s"] if "reference_s" in r else "n/a"),
        ("**load+evaluate ÷ reference** (goal ≤ 0.2)", lambda r: fmt_ratio(r.get("reference_ratio"), 0.2)),
        ("evaluation, 1 thread, wall (M obs/s)", lambda r: "%.1f" % (r["eval_1_obs_s"] / 1e6)),
        ("evaluation, %d threads, wall (M obs/s)" % args.cores,
         lambda r: "%.1f" % (r["eval_%d_obs_s" % args.cores] / 1e6)),
        ("**evaluation per core, CPU time (M obs/s)** (goal ≥ 50)",
         lambda r: "%.1f %s" % (r["eval_core_obs_s"] / 1e6, "✓" if r["eval_core_obs_s"] >= 50e6 else "✗")),
        ("evaluation, 1 thread, wall (k targets/s)", lambda r: "%.0f" % (r["eval_1_targets_s"] / 1e3)),
        ("evaluation, %d threads, wall (k targets/s)" % args.cores,
         lambda r: "%.0f" % (r["eval_%d_targets_s" % args.cores] / 1e3)),
        ("**peak RSS per observation (bytes)** (goal ≤ 40)",
         lambda r: "%.0f %s" % (r["bytes_per_obs"], "✓" if r["bytes_per_obs"] <= 40 else "✗")
         if r["observations"] >= SMALL else "— (too small)"),
        ("peak RSS per target, plan without observations (bytes)",
         lambda r: "%.0f" % r["bytes_per_target"] if r["targets"] >= SMALL // 100 else "— (too small)"),
        ("CSV input (M obs/s)", lambda r: "%.2f" % (r["csv_obs_s"] / 1e6) if r.get("csv_obs_s") else "n/a"),
        ("**Python load+evaluate ÷ C** (goal ≤ 1.2)",
         lambda r: fmt_ratio(r.get("py_load_eval_ratio"), 1.2) if "py_load_eval_ratio" in r else "n/a"),
        ("Python evaluate+statuses ÷ C", lambda r: fmt_ratio(r.get("py_eval_ratio")) if "py_eval_ratio" in r else "n/a"),
        ("Python bulk input from pandas (M obs/s)",
         lambda r: "%.2f" % (r["py_frame_obs_s"] / 1e6) if r.get("py_frame_obs_s") else "n/a"),
    ]
    out = ["| | " + " | ".join(r["size"] for r in results) + " |",
           "|---|" + "---:|" * len(results)]
    for name, f in rows:
        out.append("| %s | %s |" % (name, " | ".join(f(r) for r in results)))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description="libgoals benchmark (issue 8)")
    ap.add_argument("--bench", required=True, help="the goals_bench program")
    ap.add_argument("--sizes", default="1M,100M", help="plan sizes, e.g. 1M,100M,1G")
    ap.add_argument("--dir", default="/tmp/goals-bench", help="where the generated plans are kept")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (the best is kept)")
    ap.add_argument("--eval-seconds", type=float, default=2.0, help="how long each throughput run lasts")
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--python", default=sys.executable, help="interpreter for the reference and the binding")
    ap.add_argument("--pythonpath", help="folder holding the built 'goals' package (BUILD/bindings/python)")
    ap.add_argument("--no-reference", dest="reference", action="store_false")
    ap.add_argument("--wall", action="store_true", help="time processes by wall clock, not CPU time")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--json", help="also write the raw figures to this file")
    args = ap.parse_args()
    global WALL
    WALL = args.wall
    os.makedirs(args.dir, exist_ok=True)
    env_py = None
    if args.pythonpath and os.path.isdir(os.path.join(args.pythonpath, "goals")):
        env_py = dict(os.environ, PYTHONPATH=args.pythonpath)
        if subprocess.run([args.python, "-c", "import goals"], env=env_py, capture_output=True).returncode != 0:
            print("run.py: the Python binding does not import; its rows are left out", file=sys.stderr)
            env_py = None
    if args.reference and subprocess.run([args.python, "-c", "import lxml.etree"], capture_output=True).returncode:
        print("run.py: no lxml for %s (Debian: apt install python3-lxml); the reference is left out" % args.python,
              file=sys.stderr)
        args.reference = False
    results = [measure(s, args, env_py) for s in args.sizes.split(",")]
    text = table(results, args)
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
