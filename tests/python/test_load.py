"""goals.load / goals.loads, errors with positions, version, save round trips."""

import gzip
import os

import pytest

import goals
from conftest import FULL, FYP, ROOT, small_plan_xml


def test_version():
    assert goals.__version__ == "%d.%d.%d" % tuple(int(x) for x in goals.__version__.split("."))
    header = (ROOT / "libgoals" / "include" / "goals" / "version.h").read_text()
    assert '#define GOALS_VERSION_STRING "%s"' % goals.__version__ in header


def test_load_file_and_pathlike():
    plan = goals.load(FULL)
    assert plan.id == "full-2026"
    assert goals.load(str(FULL)) == plan
    assert len(plan.targets) == 13
    assert plan.observation_count == 6


def test_loads_bytes_str_and_gzip():
    data = small_plan_xml()
    a = goals.loads(data)
    b = goals.loads(data.decode())
    c = goals.loads(gzip.compress(data))
    d = goals.loads(bytearray(data))
    assert a == b == c == d
    assert a.id == "small" and a.title == "Small"


def test_loads_rejects_other_types():
    with pytest.raises(TypeError):
        goals.loads(42)


def test_parse_error_has_position():
    with pytest.raises(goals.ParseError) as info:
        goals.loads(b'<plan xmlns="urn:libgoals:plan:1" id="x">\n  <goal id="g">\n</plan>', name="broken.xml")
    e = info.value
    assert isinstance(e, goals.GoalsError) and isinstance(e, ValueError)
    assert e.file == "broken.xml"
    assert e.line == 3 and e.column > 0
    assert str(e).startswith("broken.xml:3:%d: " % e.column)
    assert e.message and e.message in str(e)
    assert e.code == -5


def test_validation_error_names_the_line():
    xml = b'<plan xmlns="urn:libgoals:plan:1" id="x">\n<measure id="m" unit="%"/>\n<goal id="g">\n' \
          b'<target id="t" measure="nope" kind="reach" op="ge" value="1" deadline="2025"/>\n</goal>\n</plan>'
    with pytest.raises(goals.GoalsError) as info:
        goals.loads(xml, name="v.xml")
    assert info.value.line == 4
    assert info.value.file == "v.xml"
    assert "nope" in info.value.message


@pytest.mark.parametrize("xml,cls", [
    (b'<plan xmlns="urn:libgoals:plan:1" id="x"><measure id="m" unit="furlongs-per-fortnight"/></plan>',
     goals.UnitError),
    (b'<plan xmlns="urn:libgoals:plan:1" id="x"><measure id="m"/><goal id="g"><target id="t" measure="m" '
     b'kind="reach" op="ge" value="1" deadline="2025-13"/></goal></plan>', goals.PeriodError),
    (b'<!DOCTYPE plan [<!ENTITY e "x">]><plan xmlns="urn:libgoals:plan:1" id="x"/>', goals.GoalsError),
])
def test_error_subclasses(xml, cls):
    with pytest.raises(cls) as info:
        goals.loads(xml)
    assert info.value.line >= 1


def test_missing_file_is_oserror(tmp_path):
    missing = tmp_path / "none.xml"
    with pytest.raises(goals.GoalsIOError) as info:
        goals.load(missing)
    assert isinstance(info.value, OSError)
    assert info.value.file == str(missing)


def test_limit_error():
    with pytest.raises(goals.LimitError):
        goals.loads(small_plan_xml(), max_bytes=100)
    deep = ('<plan xmlns="urn:libgoals:plan:1" id="x">' + "".join('<goal id="g%d">' % i for i in range(8))
            + "</goal>" * 8 + "</plan>").encode()
    assert len(goals.loads(deep).goals) == 8
    with pytest.raises(goals.LimitError):
        goals.loads(deep, max_depth=4)


def test_validate_with_schema():
    schema = ROOT / "libgoals" / "schema"
    plan = goals.load(FYP, validate=True, schema_dir=schema)
    assert len(plan.targets) == 20
    bad = b'<plan xmlns="urn:libgoals:plan:1" id="x"><measure id="m" bogus="1"/></plan>'
    with pytest.raises(goals.ValidationError):
        goals.loads(bad, validate=True, schema_dir=schema)


def test_exceptions_pickle_and_are_goals_names():
    import pickle
    e = goals.ParseError("bad", "f.xml", 3, 4, -5)
    e2 = pickle.loads(pickle.dumps(e))
    assert (type(e2), e2.file, e2.line, e2.column, str(e2)) == (goals.ParseError, "f.xml", 3, 4, "f.xml:3:4: bad")
    assert goals.ParseError.__module__ == "goals"


def test_save_round_trip(tmp_path, full):
    for name in ("out.xml", "out.xml.gz"):
        path = tmp_path / name
        full.save(path)
        assert goals.load(path) == full
    assert (tmp_path / "out.xml.gz").read_bytes()[:2] == b"\x1f\x8b"
    assert (tmp_path / "out.xml").read_bytes().startswith(b"<?xml")
    full.save(tmp_path / "plain.gz", gzip=False)
    assert (tmp_path / "plain.gz").read_bytes().startswith(b"<?xml")


def test_save_without_observations(tmp_path, full):
    path = tmp_path / "no-obs.xml"
    full.save(path, observations=False)
    again = goals.load(path)
    assert again.observation_count == 0 and len(again.targets) == len(full.targets)


def test_dumps_is_canonical(full):
    data = full.dumps()
    assert goals.loads(data).dumps() == data
    assert gzip.decompress(full.dumps(gzip=True)) == data


def test_save_error_leaves_no_file(tmp_path, full):
    target = tmp_path / "missing-dir" / "x.xml"
    with pytest.raises(goals.GoalsIOError):
        full.save(target)
    assert not os.path.exists(target)


def test_plan_pickles_as_its_document(full):
    import pickle
    again = pickle.loads(pickle.dumps(full))
    assert again == full and again is not full
    assert again.dumps() == full.dumps()


def test_stratml_and_iati_load_with_warnings():
    for name in ("stratml-messy.xml", "iati-messy.xml"):
        plan = goals.load(ROOT / "tests" / "data" / "import" / name)
        assert len(plan.targets) > 0 or len(plan.goals) > 0
        assert plan.warnings, name
        w = plan.warnings[0]
        assert isinstance(w, goals.LoadWarning) and w.message
        assert w.file.endswith(name) and w.line > 0
        assert str(w).startswith("%s:%d:" % (w.file, w.line))
    assert goals.load(FULL).warnings == ()


def test_milestones_as_given_are_reachable():
    from goals import _swig
    plan = goals.load(FULL)
    p = _swig.goals_period()
    assert _swig.goals_target_milestone_given_at(plan.targets["g1.t1"]._ptr, 0, p) == 270.0
    with pytest.raises(goals.InvalidArgumentError):
        _swig.goals_target_milestone_given_at(plan.targets["g1.t1"]._ptr, 5, p)
