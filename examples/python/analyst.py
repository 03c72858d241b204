#!/usr/bin/env python3
"""What an analyst does with libgoals, on China's 14th Five-Year Plan.

Loads the plan's 20 main indicators (examples/plans/cn-14th-fyp.xml) and the
published yearly values (examples/data/cn-14th-fyp-observations.csv),
evaluates every target as of two dates, prints a table of how the statuses
moved, and saves a chart of a few targets' observed paths against their
targets (PNG, matplotlib's Agg backend: no display needed).

    python3 examples/python/analyst.py --out fyp.png

Needs the package `goals` (PYTHONPATH=<build>/bindings/python in a build
tree), pandas and matplotlib (Debian: python3-pandas python3-matplotlib).
"""

import argparse
import pathlib
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")  # before pyplot: draw to files only

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import goals  # noqa: E402

EXAMPLES = pathlib.Path(__file__).resolve().parents[1]


def english(obj):
    """An object's English name or title when the plan has one, else its own."""
    names = obj.names if isinstance(obj, goals.Measure) else obj.titles
    return names.get("en") or next(iter(names.values()), obj.id)


def status_table(plan, evaluations):
    """One row per target: its measure, attribute and its status at each date."""
    table = pd.DataFrame({
        "indicator": [english(t.measure) for t in plan.targets],
        "attribute": [t.attribute for t in plan.targets],
    }, index=[t.id for t in plan.targets])
    for day, ev in evaluations.items():
        frame = ev.to_frame()
        table[day] = frame["status"]
        table["progress " + day[:4]] = frame["progress"].round(2)
    return table


def middle(period):
    """The middle of a goals.Period, as a pandas Timestamp."""
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    return start + (end - start) / 2


def chart(plan, evaluation, target_ids, out):
    """Observed values of each target's measure, the target line, the deadline
    and the projection at the deadline, one panel per target."""
    observed = plan.observations_frame()
    observed = observed[observed["dimensions"].map(len) == 0]        # totals only
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), squeeze=False)
    for ax, tid in zip(axes.flat, target_ids):
        target = plan.targets[tid]
        result = evaluation.targets[tid]
        rows = observed[observed["measure"] == target.measure.id].sort_values("end")
        # A value belongs to its whole period: draw it at the period's middle
        # (a year's value mid-year), while the deadline is the period's last day.
        ax.plot(rows["start"] + (rows["end"] - rows["start"]) / 2, rows["value"], marker="o", color="tab:blue",
                label="observed")
        unit = target.measure.unit if target.measure.unit.isascii() else ""   # the default font has no CJK
        ax.axhline(target.value, linestyle="--", color="tab:red",
                   label="target: %s %g %s" % (target.op, target.value, unit))
        if target.deadline is not None:
            deadline = pd.Timestamp(target.deadline.end)
            ax.axvline(deadline, linestyle=":", color="grey", label="deadline %s" % target.deadline)
            if result.latest is not None and result.projected == result.projected:   # not NaN
                ax.plot([middle(result.latest.period), deadline], [result.latest.value, result.projected],
                        linestyle="-.", color="tab:green", label="projected %.2f" % result.projected)
        if result.baseline is not None:
            ax.plot([middle(result.baseline.period)], [result.baseline.value], marker="s",
                    color="black", linestyle="none", label="baseline %s" % result.baseline.period)
        ax.set_title("\n".join(textwrap.wrap("%s: %s" % (tid, english(target.measure)), 48))
                     + "\n%s as of %s" % (result.status.replace("_", " "), evaluation.as_of), fontsize=9)
        ax.tick_params(labelsize=8)
        ax.legend(fontsize=7, loc="best")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(target_ids):]:
        ax.set_visible(False)
    fig.suptitle(english(plan) if plan.titles.get("en") else plan.id, fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", default=EXAMPLES / "plans" / "cn-14th-fyp.xml", type=pathlib.Path)
    parser.add_argument("--data", default=EXAMPLES / "data" / "cn-14th-fyp-observations.csv", type=pathlib.Path)
    parser.add_argument("--as-of", nargs=2, default=["2023-12-31", "2025-12-31"], metavar="DATE",
                        help="the two dates to compare (default: 2023-12-31 2025-12-31)")
    parser.add_argument("--method", default="linear", help="evaluation method (see goals.methods())")
    parser.add_argument("--out", default="analyst.png", type=pathlib.Path, help="the chart (PNG)")
    args = parser.parse_args(argv)

    try:
        plan = goals.load(args.plan)
        # The CSV restates the values the plan file carries, with the same
        # sources: let the file's values win rather than fail on duplicates.
        plan.load_observations(args.data, replace=True)
        evaluations = {day: plan.evaluate(as_of=day, method=args.method) for day in args.as_of}
    except goals.GoalsError as e:            # FILE:LINE:COL: message
        print("analyst: %s" % e, file=sys.stderr)
        return 1

    print("%s\n%d targets, %d observations; method %s\n" % (plan.id, len(plan.targets), plan.observation_count,
                                                           args.method))
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 44)
    print(status_table(plan, evaluations).to_string())

    print("\nTargets per status:")
    print(pd.DataFrame({day: ev.counts for day, ev in evaluations.items()}).to_string())
    for day, ev in evaluations.items():
        print("as of %s: plan status %s, score %.3f" % (day, ev.status, ev.score))

    last = evaluations[args.as_of[-1]]
    changed = [t.id for t in plan.targets
               if evaluations[args.as_of[0]].targets[t.id].status != last.targets[t.id].status]
    print("\nChanged between the dates: %s" % (", ".join(changed) or "none"))

    # A few targets with a numeric goal and a path to draw.
    picks = [t.id for t in plan.targets
             if t.kind == "reach" and len(t.measure.observations) >= 3][:4]
    chart(plan, last, picks, args.out)
    print("Chart of %s written to %s" % (", ".join(picks), args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
