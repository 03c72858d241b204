#!/usr/bin/env python3
"""The Python binding's side of the benchmark (run.py starts it).

    py_binding.py PREFIX

Times (CPU time of the process), in one process: goals.load(PREFIX.xml); plan.evaluate() and reading
every target's status; and the bulk path: PREFIX.plan.xml, the CSV read by
pandas, then plan.add_observations(frame). Prints one JSON object.
"""
import json
import sys
import time

import goals


def main():
    prefix = sys.argv[1]
    out = {}
    t0 = time.process_time()
    plan = goals.load(prefix + ".xml")
    t1 = time.process_time()
    ev = plan.evaluate(as_of="2025-12-31")
    statuses = [r.status for r in ev.targets]
    t2 = time.process_time()
    out.update(load_s=t1 - t0, eval_s=t2 - t1, targets=len(statuses), observations=plan.observation_count)
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        bare = goals.load(prefix + ".plan.xml")
        t3 = time.process_time()
        frame = pandas.read_csv(prefix + ".csv", dtype={"measure": str, "period": str, "value": float,
                                                         "source": str})
        t4 = time.process_time()
        bare.add_observations(frame[["measure", "period", "value"]])
        t5 = time.process_time()
        out.update(read_csv_s=t4 - t3, add_frame_s=t5 - t4, bulk_observations=bare.observation_count)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
