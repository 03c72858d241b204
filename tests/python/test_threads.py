"""The GIL is released around load, save, evaluate and CSV load, so threads
run them in parallel; the plan lock keeps changes out of running evaluations.

Timing is checked by overlap, not by speed: while a thread is inside a long
C call, the main thread keeps running Python (a loop taking
timestamps every millisecond). Had the call kept the GIL, the loop would stall for the whole
call; the test asserts its longest stall is well under one call's time.
"""

import datetime as dt
import os
import threading
import time

import pytest

import goals
from conftest import big_plan_xml

np = pytest.importorskip("numpy")

# The sanitizer build (unoptimised, instrumented) is some 50 times slower:
# a tenth of the data still keeps each call far longer than a GIL switch.
DAYS = 2000 if "libasan" in os.environ.get("LD_PRELOAD", "") else 20000


def busy_plan(measures=10, per=50, days=DAYS):
    """Maintain targets over 20000 daily observations per measure: one
    evaluation takes a good fraction of a second (longer under ASan)."""
    parts = ['<plan xmlns="urn:libgoals:plan:1" id="busy">']
    parts += ['<measure id="m%d" unit="%%"/>' % m for m in range(measures)]
    parts.append('<goal id="g">')
    for m in range(measures):
        for k in range(per):
            parts.append('<target id="t%d_%d" measure="m%d" kind="maintain" op="ge" value="%d" start="1971" '
                         'deadline="2100"/>' % (m, k, m, k - 100))
    parts.append("</goal></plan>")
    plan = goals.loads("\n".join(parts))
    start = dt.date(1971, 1, 1)
    periods = [start + dt.timedelta(days=i) for i in range(days)]
    for m in range(measures):
        plan.add_observations("m%d" % m, periods, np.linspace(0.0, 1.0, days) + m)
    return plan


@pytest.fixture(scope="module")
def plan():
    return busy_plan()


def longest_stall(fn, minimum):
    """Runs fn() on a thread while this thread ticks; returns (longest gap
    between ticks while fn ran, how long fn ran)."""
    ticks = []
    done = threading.Event()
    times = {}

    def work():
        times["start"] = time.perf_counter()
        fn()
        times["end"] = time.perf_counter()
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        # Sleeping gives the GIL away; waking needs it back: a tick is taken
        # only when the other thread is not holding the GIL.
        time.sleep(0.001)
        ticks.append(time.perf_counter())
    t.join()
    inside = [x for x in ticks if times["start"] <= x <= times["end"]]
    edges = [times["start"]] + inside + [times["end"]]
    gap = max(b - a for a, b in zip(edges, edges[1:]))
    duration = times["end"] - times["start"]
    assert duration >= minimum, "the call was too quick (%.3f s) to tell" % duration
    return gap, duration


def single_duration(fn, runs=2):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        d = time.perf_counter() - t0
        best = d if best is None else min(best, d)
    return best


def test_evaluate_releases_gil(plan):
    one = single_duration(lambda: plan.evaluate(as_of="2030"))
    gap, duration = longest_stall(lambda: [plan.evaluate(as_of="2030") for _ in range(3)], 0.05)
    assert gap < one / 2, "main thread stalled %.3f s during evaluations of %.3f s each" % (gap, one)


def test_four_threads_evaluate_at_once(plan):
    serial = plan.evaluate(as_of="2030").counts
    barrier = threading.Barrier(4)
    spans, results, errors = [None] * 4, [None] * 4, []

    def work(i):
        try:
            barrier.wait()
            t0 = time.perf_counter()
            ev = plan.evaluate(as_of="2030")
            spans[i] = (t0, time.perf_counter())
            results[i] = ev.counts
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [serial] * 4
    # every thread started before any finished: all four were inside evaluate at once
    assert max(s for s, _ in spans) < min(e for _, e in spans)


def test_load_releases_gil():
    data = big_plan_xml(2000, 50)
    one = single_duration(lambda: goals.loads(data), runs=1)
    gap, _ = longest_stall(lambda: goals.loads(data), 0.02)
    assert gap < one / 2


def test_save_and_csv_load_release_gil(plan, tmp_path):
    path = tmp_path / "busy.xml"
    one = single_duration(lambda: plan.save(path), runs=1)
    gap, _ = longest_stall(lambda: plan.save(path), 0.02)
    assert gap < one / 2
    rows = ["measure,period,value"] + ["m%d,%s,%d" % (m, dt.date(1971, 1, 1) + dt.timedelta(days=i), i)
                                       for m in range(10) for i in range(DAYS)]
    csv = tmp_path / "obs.csv"
    csv.write_text("\n".join(rows) + "\n")
    fresh = [busy_plan(days=0), busy_plan(days=0)]
    one = single_duration(lambda: fresh[0].load_observations(csv), runs=1)
    gap, _ = longest_stall(lambda: fresh[1].load_observations(csv), 0.02)
    assert gap < one / 2
    assert fresh[1].observation_count == 10 * DAYS


def test_change_waits_for_running_evaluation():
    plan = busy_plan(measures=1, per=1, days=10)
    finished = threading.Event()

    def add():
        plan.add_observations("m0", ["2099"], [1.0])
        finished.set()

    with plan._lock.reading():                     # as an evaluation holds it
        t = threading.Thread(target=add)
        t.start()
        assert not finished.wait(0.3)              # the change waits …
        assert plan.observation_count == 10
    t.join(10)
    assert finished.is_set() and plan.observation_count == 11   # … and runs once the evaluation is done


def test_evaluation_waits_for_running_change():
    plan = busy_plan(measures=1, per=1, days=10)
    result = []
    with plan._lock.writing():                     # as a CSV load holds it
        t = threading.Thread(target=lambda: result.append(plan.evaluate(as_of="2030")))
        t.start()
        t.join(0.3)
        assert t.is_alive() and not result
    t.join(10)
    assert len(result) == 1


def test_non_blocking_lock_refuses():
    plan = busy_plan(measures=1, per=1, days=10)
    raised = []

    def try_write():
        try:
            with plan._lock.writing(blocking=False):
                pass
        except goals.PlanBusyError as e:
            raised.append(e)

    with plan._lock.reading():
        t = threading.Thread(target=try_write)
        t.start()
        t.join(10)
        with pytest.raises(RuntimeError, match="reading"):   # this thread reads: it cannot change it
            plan.add_observations("m0", ["2099"], [1.0])
    assert len(raised) == 1
    plan.add_observations("m0", ["2099"], [1.0])                # free again


def test_reads_nest_while_a_change_waits():
    """A thread that reads (as observations_frame does while a frame is built)
    may read again although a change is queued: no self-deadlock."""
    plan = busy_plan(measures=1, per=1, days=10)
    with plan._lock.reading():
        t = threading.Thread(target=lambda: plan.add_observations("m0", ["2099"], [1.0]))
        t.start()
        time.sleep(0.1)                                         # the change is queued now
        assert plan.observation_count == 10                     # a nested read, not a deadlock
        assert len(plan.measures["m0"].observations) == 10
    t.join(10)
    assert not t.is_alive() and plan.observation_count == 11


def test_evaluations_and_changes_interleave_safely():
    plan = busy_plan(measures=2, per=5, days=2000)
    stop = threading.Event()
    errors, seen = [], []

    def evaluate():
        try:
            while not stop.is_set():
                ev = plan.evaluate(as_of="2100")
                seen.append(sum(ev.counts.values()))
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=evaluate) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(200):
        plan.add_observations("m%d" % (i % 2), [dt.date(2050, 1, 1) + dt.timedelta(days=i)], [float(i)])
    stop.set()
    for t in threads:
        t.join()
    assert not errors and seen and set(seen) == {10}
    assert plan.observation_count == 4200
