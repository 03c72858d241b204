"""bindings/goals.i keeps up with the public headers: every C function that
returns a goals_status is declared a status call (so a failure raises), and
every public function is reachable from goals._swig unless deliberately left
out."""

import re

import goals  # noqa: F401  (loads the extension)
from goals import _swig
from conftest import ROOT

# int returns that are answers, not statuses.
YES_NO = {"goals_period_compare", "goals_period_contains", "goals_plan_equal", "goals_plan_horizon",
          "goals_plan_issued", "goals_result_baseline", "goals_result_latest", "goals_result_violation",
          "goals_target_baseline", "goals_target_deadline", "goals_target_start", "goals_version"}


def headers():
    text = "".join(p.read_text() for p in sorted((ROOT / "libgoals" / "include" / "goals").glob("*.h")))
    return re.findall(r"GOALS_API\s+([^;(]*?)\b(goals_\w+)\s*\(", text)


def interface():
    return (ROOT / "bindings" / "goals.i").read_text()


def test_every_status_function_raises_on_failure():
    text = interface()
    block = re.search(r"%apply int GOALS_STATUS \{(.*?)\};", text, re.S).group(1)
    status = set(re.findall(r"int (goals_\w+)", block))
    ignored = set(re.findall(r"%ignore (goals_\w+);", text))
    missing = [name for ret, name in headers()
               if ret.strip() == "int" and name not in YES_NO and name not in status and name not in ignored]
    assert not missing, "add to the GOALS_STATUS list of bindings/goals.i: %s" % missing


def test_every_public_function_is_wrapped_or_left_out_on_purpose():
    ignored = set(re.findall(r"%ignore (goals_\w+);", interface()))
    missing = [name for _, name in headers() if name not in ignored and not hasattr(_swig, name)]
    assert not missing, "not in goals._swig: %s" % missing
