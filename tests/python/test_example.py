"""examples/python/analyst.py runs, prints its tables and writes a PNG chart."""

import os
import subprocess
import sys

import pytest

import goals
from conftest import ROOT

# The example runs in another folder: give it the package being tested, by absolute path.
PACKAGE_DIR = str(__import__("pathlib").Path(goals.__file__).resolve().parents[1])


def env_for(tmp_path, **extra):
    env = dict(os.environ, MPLCONFIGDIR=str(tmp_path / "mpl"), **extra)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_DIR, env.get("PYTHONPATH")) if p)
    return env

pytest.importorskip("pandas")
pytest.importorskip("matplotlib")


def test_analyst_example(tmp_path):
    out = tmp_path / "analyst.png"
    env = env_for(tmp_path, MPLBACKEND="Agg")
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "analyst.py"), "--out", str(out)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, check=False, timeout=240)
    assert run.returncode == 0, run.stdout + run.stderr
    text = run.stdout
    assert "cn-14th-fyp" in text and "20 targets" in text
    assert "2023-12-31" in text and "2025-12-31" in text
    for tid in ("CN14-01", "CN14-20"):
        assert tid in text
    assert "Targets per status:" in text and "Chart of CN14-" in text
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"            # a PNG …
    assert data[12:16] == b"IHDR" and len(data) > 20000  # … with a real picture in it
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 800)


def test_analyst_reports_errors(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<plan xmlns="urn:libgoals:plan:1" id="x">\n<goal id="g">\n</plan>\n')
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "analyst.py"), "--plan", str(bad),
                          "--out", str(tmp_path / "x.png")], capture_output=True, text=True,
                         env=env_for(tmp_path), check=False)
    assert run.returncode == 1
    assert run.stderr.startswith("analyst: %s:3:" % bad)
    assert not (tmp_path / "x.png").exists()
