"""Shared fixtures of the Python binding's tests.

Run from ctest (tests/python/CMakeLists.txt) with PYTHONPATH pointing at
<build>/bindings/python, or by hand:
    PYTHONPATH=build/bindings/python GOALS_CLI=build/libgoals/cli/goals \
        /usr/bin/python3 -m pytest tests/python
"""

import os
import pathlib

import pytest

import goals

ROOT = pathlib.Path(os.environ.get("GOALS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
FULL = ROOT / "tests" / "data" / "good" / "full.xml"
FYP = ROOT / "examples" / "plans" / "cn-14th-fyp.xml"
FYP_CSV = ROOT / "examples" / "data" / "cn-14th-fyp-observations.csv"


@pytest.fixture
def full():
    """tests/data/good/full.xml: every element of the format."""
    return goals.load(FULL)


@pytest.fixture
def fyp():
    """China's 14th Five-Year Plan main indicators, with their observations."""
    return goals.load(FYP)


def small_plan_xml(observations=""):
    """A small plan: one goal, measures gdp (亿元) and share (%), two targets."""
    return f"""<plan xmlns="urn:libgoals:plan:1" id="small" xml:lang="en">
  <title>Small</title>
  <measure id="gdp" unit="亿元" frequency="annual"/>
  <measure id="share" unit="%"/>
  <goal id="g">
    <target id="g.t1" measure="gdp" kind="reach" op="ge" value="200" deadline="2025">
      <baseline period="2020" value="100"/>
    </target>
    <target id="g.t2" measure="share" kind="maintain" op="ge" value="50" start="2021" deadline="2025"
            attribute="binding"/>
  </goal>
  {observations}
</plan>""".encode()


def big_plan_xml(measures=400, years=60):
    """A plan with `measures` measures, one reach target each, and `years`
    yearly observations per measure: big enough that one evaluation takes a
    good fraction of a second."""
    parts = ['<plan xmlns="urn:libgoals:plan:1" id="big">']
    for m in range(measures):
        parts.append(f'<measure id="m{m}" unit="%"/>')
    parts.append('<goal id="g">')
    for m in range(measures):
        parts.append(f'<target id="t{m}" measure="m{m}" kind="reach" op="ge" value="{100 + m}" '
                     f'deadline="2100"><baseline period="1950" value="1"/></target>')
    parts.append('</goal>')
    for m in range(measures):
        for y in range(years):
            parts.append(f'<observation measure="m{m}" period="{1951 + y}" value="{1 + y * 0.5 + m * 0.01}"/>')
    parts.append('</plan>')
    return "\n".join(parts).encode()
