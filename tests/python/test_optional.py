"""numpy and pandas are optional: `import goals` works without them, and the
functions that need them say so clearly."""

import os
import subprocess
import sys

import goals
from conftest import FULL

# Runs in a fresh interpreter where importing numpy or pandas fails, as on a
# machine without them (a None entry in sys.modules makes the import raise).
SCRIPT = r"""
import sys
sys.modules["numpy"] = None
sys.modules["pandas"] = None
import goals
plan = goals.load(sys.argv[1])
plan.add_observations("gdp", ["2021", "2022"], [1.0, 2.0])      # lists need neither
ev = plan.evaluate(as_of="2024-12-31")
assert ev.targets["g1.t1"].status
for call in (ev.to_frame, plan.observations_frame):
    try:
        call()
    except ImportError as e:
        msg = str(e)
        assert "pandas" in msg and "apt-get install python3-pandas" in msg, msg
    else:
        raise SystemExit("no ImportError from %s" % call.__name__)
print("ok")
"""


def test_works_without_numpy_and_pandas():
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(FULL)], capture_output=True, text=True, env=env,
                         check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "ok"


def test_import_does_not_load_pandas():
    out = subprocess.run([sys.executable, "-c", "import sys, goals; print('pandas' in sys.modules, "
                          "'numpy' in sys.modules)"], capture_output=True, text=True, env=dict(os.environ),
                         check=True)
    assert out.stdout.split() == ["False", "False"]


def test_frames_import_lazily(full):
    assert goals.Evaluation.to_frame.__doc__ and "pandas" in goals.Evaluation.to_frame.__doc__
